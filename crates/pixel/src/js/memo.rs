//! Facts of scripts already analysed, so a script many pages share (a site's bundle) is parsed
//! once, not once per page. The facts of a script depend only on its text, its label (the
//! script's address) and where and how it runs, which together are the key; the text is keyed
//! by its length and a hash seeded at random per process, so a page cannot aim at another
//! page's entry.
//!
//! Bounded: only scripts up to [`MAX_MEMO_SCRIPT_BYTES`] are kept, at most [`MAX_ENTRIES`] of
//! them, the oldest dropped first.

use super::{ScriptFacts, ScriptInput};
use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasher, RandomState};
use std::sync::{Mutex, OnceLock};

/// Smaller scripts (inline snippets) are cheaper to analyse than to look up.
const MIN_MEMO_SCRIPT_BYTES: usize = 2 * 1024;
const MAX_MEMO_SCRIPT_BYTES: usize = 1024 * 1024;
const MAX_ENTRIES: usize = 512;

#[derive(Clone, PartialEq, Eq, Hash)]
struct Key {
    label: String,
    consent_gated: bool,
    start: Option<(u32, u32)>,
    len: usize,
    hash: u64,
}

#[derive(Default)]
struct Memo {
    facts: HashMap<Key, ScriptFacts>,
    order: VecDeque<Key>,
}

struct Shared {
    memo: Mutex<Memo>,
    hasher: RandomState,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| Shared {
        memo: Mutex::default(),
        hasher: RandomState::new(),
    })
}

fn key(input: &ScriptInput) -> Option<Key> {
    let len = input.text.len();
    (MIN_MEMO_SCRIPT_BYTES..=MAX_MEMO_SCRIPT_BYTES)
        .contains(&len)
        .then(|| Key {
            label: input.label.clone(),
            consent_gated: input.consent_gated,
            start: input.start,
            len,
            hash: shared().hasher.hash_one(input.text.as_bytes()),
        })
}

/// The facts of `input`: remembered, or worked out by `analyze` and remembered when `keep`
/// says the result does not depend on the moment (a script skipped for lack of time does).
pub fn facts_of(
    input: &ScriptInput,
    analyze: impl FnOnce() -> ScriptFacts,
    keep: impl FnOnce() -> bool,
) -> ScriptFacts {
    let Some(key) = key(input) else {
        return analyze();
    };
    let lock = || shared().memo.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(known) = lock().facts.get(&key) {
        return known.clone();
    }
    let facts = analyze();
    if keep() {
        let mut memo = lock();
        if memo.facts.insert(key.clone(), facts.clone()).is_none() {
            memo.order.push_back(key);
        }
        while memo.order.len() > MAX_ENTRIES {
            if let Some(oldest) = memo.order.pop_front() {
                memo.facts.remove(&oldest);
            }
        }
    }
    facts
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    fn input(label: &str, text: &str) -> ScriptInput {
        ScriptInput {
            label: label.into(),
            text: text.into(),
            start: None,
            consent_gated: false,
        }
    }

    #[test]
    fn a_shared_script_is_analysed_once_and_small_ones_every_time() {
        let runs = Cell::new(0);
        let analyze = || {
            runs.set(runs.get() + 1);
            ScriptFacts::default()
        };
        let bundle = format!("/* memo test */{}", "var a = 1;\n".repeat(400));
        let shared = input("https://memo-test.example/app.js", &bundle);
        facts_of(&shared, analyze, || true);
        facts_of(&shared, analyze, || true);
        assert_eq!(runs.get(), 1);
        // Another address or other text is another script.
        facts_of(
            &input("https://memo-test.example/b.js", &bundle),
            analyze,
            || true,
        );
        let changed = format!("{bundle}var b = 2;");
        facts_of(
            &input("https://memo-test.example/app.js", &changed),
            analyze,
            || true,
        );
        assert_eq!(runs.get(), 3);
        // Not kept when the result depended on the moment.
        let late = input("https://memo-test.example/late.js", &bundle);
        facts_of(&late, analyze, || false);
        facts_of(&late, analyze, || true);
        assert_eq!(runs.get(), 5);
        let small = input("inline script 1", "oaiq('track','page_viewed')");
        facts_of(&small, analyze, || true);
        facts_of(&small, analyze, || true);
        assert_eq!(runs.get(), 7);
    }
}
