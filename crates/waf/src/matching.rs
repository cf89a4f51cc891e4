//! Testing one compiled signal against one response, and quoting what matched.

use std::cell::{OnceCell, RefCell};
use std::sync::atomic::{AtomicU64, Ordering};

use regex::{RegexSet, RegexSetBuilder, SetMatches};

use crate::snapshot::ResponseSnapshot;
use crate::table::{CompiledSignal, Matcher, SignatureTable, REGEX_SIZE_LIMIT};

/// Room for the lazy DFA that scans a body for every pattern in one pass. Below about 4 MiB it
/// keeps running out of room on ordinary pages and the scan becomes a hundred times slower.
const BODY_SET_DFA_BYTES: usize = 4 << 20;

/// Every body pattern of a table at once, so a body is scanned a single time to learn which
/// patterns can match at all.
#[derive(Debug)]
pub(crate) struct BodySet {
    /// Tells tables apart in the scan remembered per thread.
    id: u64,
    set: RegexSet,
}

impl BodySet {
    /// `None` when the set would be too large to compile: each pattern is then tried alone.
    pub fn new(patterns: &[String]) -> Option<BodySet> {
        static NEXT_ID: AtomicU64 = AtomicU64::new(0);
        let set = RegexSetBuilder::new(patterns)
            .size_limit(REGEX_SIZE_LIMIT * 16)
            .dfa_size_limit(BODY_SET_DFA_BYTES)
            .build()
            .ok()?;
        Some(BodySet {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            set,
        })
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.set.len()
    }
}

/// Longest quote of a matched header value or body marker kept as a signal.
const MAX_QUOTE_CHARS: usize = 160;

/// The response pieces a signal can look at, prepared once per classification.
pub(crate) struct Prepared<'a> {
    pub status: u16,
    pub headers: Vec<(&'a str, &'a str)>,
    pub cookies: Vec<&'a str>,
    pub body: &'a str,
    body_set: Option<&'a BodySet>,
    /// Which body patterns match anywhere in the body, learnt in one scan when first needed.
    body_hits: OnceCell<Option<SetMatches>>,
}

impl<'a> Prepared<'a> {
    pub fn new(table: &'a SignatureTable, snapshot: &'a ResponseSnapshot) -> Self {
        Prepared {
            status: snapshot.status,
            headers: snapshot.scanned_headers().collect(),
            cookies: snapshot.cookie_names(),
            body: snapshot.scanned_body(),
            body_set: table.body_set.as_ref(),
            body_hits: OnceCell::new(),
        }
    }

    /// False only when the one-pass scan shows the body pattern in `slot` cannot match.
    fn body_may_match(&self, slot: usize) -> bool {
        self.body_hits
            .get_or_init(|| self.body_set.map(|set| scan_body(set, self.body)))
            .as_ref()
            .is_none_or(|hits| hits.matched(slot))
    }
}

thread_local! {
    /// The last body scanned on this thread and what it gave: the identities of one page
    /// usually got the same body, and are classified one after the other.
    static LAST_SCAN: RefCell<Option<(u64, String, SetMatches)>> = const { RefCell::new(None) };
}

/// Which of `set`'s patterns match somewhere in `body`.
fn scan_body(set: &BodySet, body: &str) -> SetMatches {
    let known = LAST_SCAN.with_borrow(|last| {
        last.as_ref()
            .filter(|(id, text, _)| *id == set.id && text == body)
            .map(|(_, _, hits)| hits.clone())
    });
    known.unwrap_or_else(|| {
        let hits = set.set.matches(body);
        LAST_SCAN.set(Some((set.id, body.to_string(), hits.clone())));
        hits
    })
}

/// The verbatim text that made `signal` match, or `None` when it does not apply.
pub(crate) fn match_signal(signal: &CompiledSignal, response: &Prepared<'_>) -> Option<String> {
    if !signal.status.is_empty() && !signal.status.contains(&response.status) {
        return None;
    }
    if signal
        .max_body_bytes
        .is_some_and(|max| response.body.len() > max)
    {
        return None;
    }
    match &signal.matcher {
        Matcher::Header { name, value } => response
            .headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .find(|(_, v)| value.as_ref().is_none_or(|re| re.is_match(v)))
            .map(|(n, v)| format!("{}: {}", n.to_ascii_lowercase(), quote(v))),
        Matcher::Cookie(re) => response
            .cookies
            .iter()
            .find(|c| re.is_match(c))
            .map(|c| format!("set-cookie: {}", quote(c))),
        Matcher::Body { re, slot } => {
            if !response.body_may_match(*slot) {
                return None;
            }
            re.find(response.body).map(|m| {
                format!(
                    "body: {}",
                    quote(&preflight_markup::decode_entities(m.as_str()))
                )
            })
        }
        Matcher::Status => Some(format!("HTTP status {}", response.status)),
    }
}

/// Collapses whitespace (body markers can span lines) and cuts long text.
pub(crate) fn quote(text: &str) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() <= MAX_QUOTE_CHARS {
        return collapsed;
    }
    let mut cut: String = collapsed.chars().take(MAX_QUOTE_CHARS).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_marker_is_quoted_with_its_entities_decoded() {
        let snap = ResponseSnapshot::new(403).body(
            "<h1>Access Denied</h1>Reference&#32;&#35;18&#46;5f2d3e17&#46;1700000000&#46;abc123",
        );
        let verdict = crate::classify(&snap);
        let signals = &verdict.vendor.as_ref().expect("akamai").signals;
        assert!(
            signals
                .iter()
                .any(|s| s == "body: Reference #18.5f2d3e17.1700000000.abc123"),
            "{signals:?}"
        );
        assert!(signals.iter().all(|s| !s.contains("&#")), "{signals:?}");
    }

    #[test]
    fn quote_collapses_whitespace_and_cuts() {
        assert_eq!(quote("a\r\n  b\tc"), "a b c");
        let long = "x".repeat(MAX_QUOTE_CHARS + 5);
        assert_eq!(quote(&long).chars().count(), MAX_QUOTE_CHARS + 1);
    }

    #[test]
    fn the_one_pass_body_scan_changes_no_verdict() {
        let table = SignatureTable::builtin();
        let body_signals = table
            .compiled_vendors
            .iter()
            .chain([&table.compiled_origin, &table.compiled_generic])
            .flat_map(|set| &set.signals)
            .filter(|s| matches!(s.matcher, Matcher::Body { .. }))
            .count();
        let set = table
            .body_set
            .as_ref()
            .expect("the built-in body set compiles");
        assert_eq!(set.len(), body_signals);

        let mut plain = SignatureTable::parse(crate::table::BUILTIN_TOML).expect("table");
        plain.body_set = None;
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
        let mut compared = 0;
        for entry in std::fs::read_dir(folder).expect("fixtures") {
            let body = std::fs::read_to_string(entry.expect("entry").path()).expect("fixture");
            for status in [200, 403, 429, 503] {
                let snap = ResponseSnapshot::new(status).body(body.clone());
                let fast = crate::classify::classify_with(table, &snap);
                assert_eq!(fast, crate::classify::classify_with(&plain, &snap));
                compared += usize::from(fast.kind != crate::ResponseKind::Ok);
            }
        }
        assert!(compared > 10, "the fixtures exercise blocking verdicts");
    }
}
