//! Same-origin scripts that many pages of a site share (the site's bundle, its vendor file) are
//! fetched once per run: the first page to need one fetches it, pages asking meanwhile wait for
//! that fetch, and later pages reuse its answer. Within one run a script's address stands for
//! its content; a fetch that ran out of time is not kept, so the next page asks again.
//!
//! The cache is bounded by the bytes it holds: past [`MAX_CACHED_BYTES`] the oldest scripts are
//! dropped (sites are mostly checked side by side in input order, so the oldest belong to sites
//! that are done).

use crate::artifacts::{FetchArtifact, FetchErrorKind};
use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::sync::{Arc, Mutex};
use tokio::sync::OnceCell;

/// Script text kept at most for a run, all scripts together.
pub const MAX_CACHED_BYTES: usize = 32 * 1024 * 1024;

/// A fetched script and its decoded text.
pub type CachedScript = (FetchArtifact, Arc<str>);

type Key = (String, usize);

#[derive(Default)]
pub struct ScriptCache {
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    entries: HashMap<Key, Arc<OnceCell<CachedScript>>>,
    /// Keys in the order they were filled, for eviction.
    order: VecDeque<Key>,
    bytes: usize,
}

impl ScriptCache {
    /// The script at `url` read with a cap of `max_bytes`: from the cache, or fetched by
    /// `fetch` (once, however many pages ask at the same time).
    pub async fn get_or_fetch<F, Fut>(&self, url: &str, max_bytes: usize, fetch: F) -> CachedScript
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = CachedScript>,
    {
        let key = (url.to_string(), max_bytes);
        let cell = self.lock().entries.entry(key.clone()).or_default().clone();
        let mut filled_here = false;
        let script = cell
            .get_or_init(|| async {
                filled_here = true;
                fetch().await
            })
            .await
            .clone();
        if filled_here {
            self.settle(key, &script);
        }
        script
    }

    /// Keeps the fresh entry (within the byte budget) or forgets it when it is not worth
    /// reusing.
    fn settle(&self, key: Key, (fetch, text): &CachedScript) {
        let mut state = self.lock();
        let timed_out = fetch
            .error
            .as_ref()
            .is_some_and(|e| e.kind == FetchErrorKind::Timeout);
        if timed_out || text.len() > MAX_CACHED_BYTES {
            state.entries.remove(&key);
            return;
        }
        state.bytes += text.len();
        state.order.push_back(key);
        while state.bytes > MAX_CACHED_BYTES {
            let Some(oldest) = state.order.pop_front() else {
                break;
            };
            if let Some(cell) = state.entries.remove(&oldest) {
                state.bytes -= cell.get().map_or(0, |(_, t)| t.len());
            }
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agents::Agent;
    use crate::artifacts::FetchError;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn answer(text: &str) -> CachedScript {
        (
            FetchArtifact::new(Agent::Browser, "https://a.example/app.js"),
            Arc::from(text),
        )
    }

    #[tokio::test]
    async fn pages_asking_at_once_share_one_fetch() {
        let cache = ScriptCache::default();
        let fetches = AtomicUsize::new(0);
        let ask = || {
            cache.get_or_fetch("https://a.example/app.js", 100, || async {
                fetches.fetch_add(1, Ordering::SeqCst);
                tokio::task::yield_now().await;
                answer("oaiq('track','page_viewed')")
            })
        };
        let (a, b, c) = tokio::join!(ask(), ask(), ask());
        assert_eq!(fetches.load(Ordering::SeqCst), 1);
        assert!(a.1 == b.1 && b.1 == c.1);
        ask().await;
        assert_eq!(fetches.load(Ordering::SeqCst), 1);
        // Another address, or the same with another cap, is its own entry.
        cache
            .get_or_fetch("https://a.example/other.js", 100, || async { answer("x") })
            .await;
        cache
            .get_or_fetch("https://a.example/app.js", 10, || async { answer("x") })
            .await;
        assert_eq!(cache.lock().entries.len(), 3);
    }

    #[tokio::test]
    async fn a_fetch_that_ran_out_of_time_is_asked_again() {
        let cache = ScriptCache::default();
        let fetches = AtomicUsize::new(0);
        for _ in 0..2 {
            cache
                .get_or_fetch("https://a.example/app.js", 100, || async {
                    fetches.fetch_add(1, Ordering::SeqCst);
                    let (mut fetch, text) = answer("");
                    fetch.error = Some(FetchError {
                        detail: None,
                        kind: FetchErrorKind::Timeout,
                        message: "slow".into(),
                    });
                    (fetch, text)
                })
                .await;
        }
        assert_eq!(fetches.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn the_oldest_scripts_go_when_the_budget_is_spent() {
        let cache = ScriptCache::default();
        let big = "x".repeat(MAX_CACHED_BYTES / 2 + 1);
        for n in 0..3 {
            let url = format!("https://a.example/{n}.js");
            cache
                .get_or_fetch(&url, usize::MAX, || async { answer(&big) })
                .await;
        }
        let state = cache.lock();
        assert!(state.bytes <= MAX_CACHED_BYTES);
        assert_eq!(state.entries.len(), 1);
        assert!(state
            .entries
            .contains_key(&("https://a.example/2.js".to_string(), usize::MAX)));
    }
}
