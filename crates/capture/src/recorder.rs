//! The shared log every watcher writes to while the page runs, with an optional live feed
//! for journeys. Capped so a page that loops on errors or calls cannot exhaust memory.

use std::sync::Mutex;
use std::time::Instant;

use preflight_pixel::RecordedCall;
use tokio::sync::mpsc::UnboundedSender;

use crate::types::{JourneyEvent, PixelRequest};

const MAX_CALLS: usize = 5_000;
const MAX_REQUESTS: usize = 5_000;
const MAX_ERRORS: usize = 200;
const MAX_ERROR_CHARS: usize = 2_000;
const MAX_LIST: usize = 1_000;

#[derive(Debug, Default, Clone)]
pub(crate) struct Recorded {
    pub calls: Vec<RecordedCall>,
    pub pixel_requests: Vec<PixelRequest>,
    pub sdk_requests: Vec<String>,
    pub console_errors: Vec<String>,
    pub pages_visited: Vec<String>,
    pub blocked_requests: Vec<String>,
    pub warnings: Vec<String>,
    pub closed: bool,
}

pub(crate) struct Recorder {
    start: Instant,
    log: Mutex<Recorded>,
    live: Option<UnboundedSender<JourneyEvent>>,
}

impl Recorder {
    pub fn new(live: Option<UnboundedSender<JourneyEvent>>) -> Self {
        Recorder {
            start: Instant::now(),
            log: Mutex::new(Recorded::default()),
            live,
        }
    }

    pub fn elapsed_ms(&self) -> u64 {
        self.start.elapsed().as_millis().min(u64::MAX as u128) as u64
    }

    fn with_log<T>(&self, f: impl FnOnce(&mut Recorded) -> T) -> T {
        // A poisoned lock only means another watcher panicked mid-push; the data is still usable.
        let mut log = self.log.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut log)
    }

    fn send(&self, event: JourneyEvent) {
        if let Some(live) = &self.live {
            // The receiver may have been dropped by the app; the log still has everything.
            let _ = live.send(event);
        }
    }

    pub fn call(&self, call: RecordedCall, page_url: String) {
        let kept = self.with_log(|log| push_capped(&mut log.calls, call.clone(), MAX_CALLS));
        if kept {
            let at_ms = self.elapsed_ms();
            self.send(JourneyEvent::Call {
                call,
                page_url,
                at_ms,
            });
        }
    }

    pub fn pixel_request(&self, request: PixelRequest) {
        let kept = self
            .with_log(|log| push_capped(&mut log.pixel_requests, request.clone(), MAX_REQUESTS));
        if kept {
            self.send(JourneyEvent::PixelRequest { request });
        }
    }

    pub fn sdk_request(&self, url: String) {
        self.with_log(|log| push_capped(&mut log.sdk_requests, url, MAX_LIST));
    }

    pub fn blocked(&self, url: String) {
        self.with_log(|log| push_capped(&mut log.blocked_requests, url, MAX_LIST));
    }

    pub fn console_error(&self, text: String) {
        let text: String = text.chars().take(MAX_ERROR_CHARS).collect();
        self.with_log(|log| push_capped(&mut log.console_errors, text, MAX_ERRORS));
    }

    pub fn warning(&self, text: String) {
        self.with_log(|log| push_capped(&mut log.warnings, text, MAX_LIST));
    }

    /// Record a top-level navigation, ignoring repeats of the current page.
    pub fn page_visited(&self, url: String) {
        let added = self.with_log(|log| {
            if log.pages_visited.last() == Some(&url) {
                false
            } else {
                push_capped(&mut log.pages_visited, url.clone(), MAX_LIST)
            }
        });
        if added {
            let at_ms = self.elapsed_ms();
            self.send(JourneyEvent::PageVisited { url, at_ms });
        }
    }

    /// The browser connection ended; reported once.
    pub fn browser_closed(&self) {
        let first = self.with_log(|log| !std::mem::replace(&mut log.closed, true));
        if first {
            let at_ms = self.elapsed_ms();
            self.send(JourneyEvent::BrowserClosed { at_ms });
        }
    }

    pub fn snapshot(&self) -> Recorded {
        self.with_log(|log| log.clone())
    }
}

fn push_capped<T>(list: &mut Vec<T>, item: T, cap: usize) -> bool {
    if list.len() >= cap {
        return false;
    }
    list.push(item);
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(command: &str) -> RecordedCall {
        RecordedCall {
            command: command.into(),
            args_json: "[]".into(),
            source: "test".into(),
        }
    }

    #[test]
    fn live_feed_mirrors_the_log() {
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let recorder = Recorder::new(Some(tx));
        recorder.page_visited("https://a.test/".into());
        recorder.page_visited("https://a.test/".into());
        recorder.call(call("init"), "https://a.test/".into());
        recorder.browser_closed();
        recorder.browser_closed();
        let mut kinds = Vec::new();
        while let Ok(event) = rx.try_recv() {
            kinds.push(match event {
                JourneyEvent::Call { call, .. } => call.command,
                JourneyEvent::PageVisited { url, .. } => url,
                JourneyEvent::PixelRequest { .. } => "pixel".into(),
                JourneyEvent::BrowserClosed { .. } => "closed".into(),
            });
        }
        assert_eq!(kinds, ["https://a.test/", "init", "closed"]);
        assert_eq!(recorder.snapshot().pages_visited.len(), 1);
    }

    #[test]
    fn errors_are_capped_in_number_and_length() {
        let recorder = Recorder::new(None);
        for _ in 0..(MAX_ERRORS + 10) {
            recorder.console_error("x".repeat(MAX_ERROR_CHARS * 2));
        }
        let log = recorder.snapshot();
        assert_eq!(log.console_errors.len(), MAX_ERRORS);
        assert!(log
            .console_errors
            .iter()
            .all(|e| e.chars().count() == MAX_ERROR_CHARS));
    }
}
