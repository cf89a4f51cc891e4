//! The shared log every watcher writes to while the page runs, with an optional live feed
//! for journeys. Capped (see [`crate::caps`]) so a page that loops on errors or calls cannot
//! exhaust memory or fill the report.

use std::sync::Mutex;
use std::time::Instant;

use preflight_document::journey::JourneyStep;
use preflight_pixel::RecordedCall;
use tokio::sync::mpsc::UnboundedSender;

use crate::caps::{
    cap_args_json, cut_chars, MAX_CALLS, MAX_PIXEL_REQUESTS, MAX_STRING_CHARS, MAX_TOTAL_BYTES,
    MAX_URL_CHARS,
};
use crate::types::{JourneyEvent, PixelRequest};

const MAX_ERRORS: usize = 200;
const MAX_ERROR_CHARS: usize = 2_000;
const MAX_LIST: usize = 1_000;
/// A page that opens this soon after a click or a form sent is where that step led.
const ARRIVAL_WINDOW: std::time::Duration = std::time::Duration::from_secs(10);

#[derive(Debug, Default, Clone)]
pub(crate) struct Recorded {
    pub calls: Vec<RecordedCall>,
    pub pixel_requests: Vec<PixelRequest>,
    pub sdk_requests: Vec<String>,
    pub console_errors: Vec<String>,
    pub pages_visited: Vec<String>,
    pub blocked_requests: Vec<String>,
    pub warnings: Vec<String>,
    /// What the visitor did, in order (see [`Recorder::step`] and [`Recorder::page_visited`]).
    pub steps: Vec<JourneyStep>,
    /// When the last click or form sent was recorded, if no page has opened since, and
    /// whether it was a form (whose fields a `GET` form puts in the next page's address).
    pub last_action: Option<(Instant, Sent)>,
    /// The current page's address was kept without its query (it held a form's sensitive
    /// fields); the final address is cut the same way.
    pub query_dropped: bool,
    pub closed: bool,
    /// Calls or requests were dropped because a per-capture limit was reached.
    pub truncated: bool,
    /// Bytes of calls and requests kept so far, against [`MAX_TOTAL_BYTES`].
    pub bytes: usize,
}

impl Recorded {
    /// Room for one more item of `size` bytes in a list holding `len` of at most `cap`; a
    /// refusal marks the capture truncated.
    fn admit(&mut self, len: usize, cap: usize, size: usize) -> bool {
        if len >= cap || self.bytes.saturating_add(size) > MAX_TOTAL_BYTES {
            self.truncated = true;
            return false;
        }
        self.bytes += size;
        true
    }
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

    /// Sent while the log is locked, so the feed has the log's order.
    fn send(&self, event: JourneyEvent) {
        if let Some(live) = &self.live {
            // The receiver may have been dropped by the app; the log still has everything.
            let _ = live.send(event);
        }
    }

    pub fn call(&self, call: RecordedCall, page_url: String) {
        let call = RecordedCall {
            command: cut_chars(&call.command, MAX_STRING_CHARS),
            args_json: cap_args_json(&call.args_json),
            source: cut_chars(&call.source, MAX_STRING_CHARS),
        };
        let page_url = cut_chars(&page_url, MAX_STRING_CHARS);
        let size = call.command.len() + call.args_json.len() + call.source.len() + page_url.len();
        self.with_log(|log| {
            if log.admit(log.calls.len(), MAX_CALLS, size) {
                log.calls.push(call.clone());
                let at_ms = self.elapsed_ms();
                self.send(JourneyEvent::Call {
                    call,
                    page_url,
                    at_ms,
                });
            }
        });
    }

    /// Record a request to the collection host, already capped by `intercept::pixel_request`.
    pub fn pixel_request(&self, request: PixelRequest) {
        let size = request.url.len()
            + request.body.as_ref().map_or(0, String::len)
            + request
                .params
                .iter()
                .map(|(k, v)| k.len() + v.len())
                .sum::<usize>();
        self.with_log(|log| {
            if log.admit(log.pixel_requests.len(), MAX_PIXEL_REQUESTS, size) {
                log.pixel_requests.push(request.clone());
                self.send(JourneyEvent::PixelRequest { request });
            }
        });
    }

    pub fn sdk_request(&self, url: String) {
        let url = cut_chars(&url, MAX_URL_CHARS);
        self.with_log(|log| push_capped(&mut log.sdk_requests, url, MAX_LIST));
    }

    pub fn blocked(&self, url: String) {
        let url = cut_chars(&url, MAX_URL_CHARS);
        self.with_log(|log| push_capped(&mut log.blocked_requests, url, MAX_LIST));
    }

    pub fn console_error(&self, text: String) {
        let text: String = text.chars().take(MAX_ERROR_CHARS).collect();
        self.with_log(|log| push_capped(&mut log.console_errors, text, MAX_ERRORS));
    }

    pub fn warning(&self, text: String) {
        let text = cut_chars(&text, MAX_ERROR_CHARS);
        self.with_log(|log| push_capped(&mut log.warnings, text, MAX_LIST));
    }

    /// Record a click or a form sent in a tab.
    pub fn step(&self, step: JourneyStep) {
        let sent = match &step {
            JourneyStep::Submit { fields, .. } if fields.iter().any(|f| f.is_sensitive()) => {
                Sent::SensitiveForm
            }
            JourneyStep::Submit { .. } => Sent::Form,
            _ => Sent::Click,
        };
        self.with_log(|log| {
            if push_capped(&mut log.steps, step, crate::steps::MAX_STEPS) {
                log.last_action = Some((Instant::now(), sent));
            }
        });
    }

    /// Record a top-level navigation, ignoring repeats of the current page. As a step it is
    /// where the last click or form led when it follows one closely, else a page opened by its
    /// address (the start page, an address typed in).
    ///
    /// The page a form led to is kept without its query: a `GET` form puts its fields there,
    /// and a password or card number must not be kept that way either.
    pub fn page_visited(&self, url: String) {
        let mut url = cut_chars(&url, MAX_URL_CHARS);
        self.with_log(|log| {
            let led_here = log
                .last_action
                .take()
                .filter(|(at, _)| at.elapsed() <= ARRIVAL_WINDOW)
                .map(|(_, sent)| sent);
            log.query_dropped = led_here == Some(Sent::SensitiveForm);
            if log.query_dropped {
                url = without_query(&url);
            }
            let step = if let Some(sent) = led_here {
                let url = if sent == Sent::Click {
                    url.clone()
                } else {
                    without_query(&url)
                };
                Some(JourneyStep::Arrive { url })
            } else if log.pages_visited.last() != Some(&url) {
                Some(JourneyStep::Visit { url: url.clone() })
            } else {
                None
            };
            if let Some(step) = step {
                push_capped(&mut log.steps, step, crate::steps::MAX_STEPS);
            }
            if log.pages_visited.last() != Some(&url)
                && push_capped(&mut log.pages_visited, url.clone(), MAX_LIST)
            {
                let at_ms = self.elapsed_ms();
                self.send(JourneyEvent::PageVisited { url, at_ms });
            }
        });
    }

    /// The browser connection ended; reported once.
    pub fn browser_closed(&self) {
        self.with_log(|log| {
            if !std::mem::replace(&mut log.closed, true) {
                let at_ms = self.elapsed_ms();
                self.send(JourneyEvent::BrowserClosed { at_ms });
            }
        });
    }

    pub fn snapshot(&self) -> Recorded {
        self.with_log(|log| log.clone())
    }

    /// The calls recorded so far.
    pub fn calls(&self) -> Vec<RecordedCall> {
        self.with_log(|log| log.calls.clone())
    }

    pub fn is_closed(&self) -> bool {
        self.with_log(|log| log.closed)
    }
}

/// What the last step of the visitor was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sent {
    Click,
    Form,
    /// A form with a password or payment field.
    SensitiveForm,
}

pub(crate) fn without_query(url: &str) -> String {
    match url.find(['?', '#']) {
        Some(at) => url[..at].to_string(),
        None => url.to_string(),
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
    fn navigations_become_visits_or_arrivals_and_sensitive_forms_leave_no_query() {
        use preflight_document::journey::{FormField, StepTarget};
        let recorder = Recorder::new(None);
        let target = |selector: &str| StepTarget {
            selector: selector.into(),
            element: "button".into(),
            text: String::new(),
        };
        recorder.page_visited("https://a.test/".into());
        recorder.page_visited("https://a.test/".into());
        recorder.step(JourneyStep::Click {
            page_url: "https://a.test/".into(),
            target: target("#go"),
        });
        recorder.page_visited("https://a.test/pay?from=ad".into());
        recorder.step(JourneyStep::Submit {
            page_url: "https://a.test/pay".into(),
            target: target("#pay"),
            fields: vec![FormField {
                selector: "#pw".into(),
                label: "Password".into(),
                value: None,
                checked: None,
                skipped: Some("sensitive".into()),
            }],
            submitter: None,
        });
        recorder.page_visited("https://a.test/done?pw=secret".into());
        recorder.page_visited("https://a.test/typed".into());
        let log = recorder.snapshot();
        let kinds: Vec<String> = log
            .steps
            .iter()
            .map(|s| match s {
                JourneyStep::Visit { url } => format!("visit {url}"),
                JourneyStep::Arrive { url } => format!("arrive {url}"),
                JourneyStep::Click { .. } => "click".into(),
                JourneyStep::Submit { .. } => "submit".into(),
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "visit https://a.test/",
                "click",
                "arrive https://a.test/pay?from=ad",
                "submit",
                "arrive https://a.test/done",
                "visit https://a.test/typed",
            ]
        );
        assert!(!log.pages_visited.iter().any(|p| p.contains("secret")));
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

    #[test]
    fn calls_are_cut_per_value_and_dropped_past_the_limits() {
        let recorder = Recorder::new(None);
        let long = "🎉".repeat(MAX_STRING_CHARS * 2);
        recorder.call(
            RecordedCall {
                command: long.clone(),
                args_json: serde_json::json!(["purchase", { "note": long }]).to_string(),
                source: long.clone(),
            },
            long.clone(),
        );
        let log = recorder.snapshot();
        let kept = &log.calls[0];
        assert!(kept.command.ends_with(crate::caps::CUT_MARKER));
        assert!(kept.source.chars().count() < MAX_STRING_CHARS + 10);
        let args: serde_json::Value = serde_json::from_str(&kept.args_json).unwrap();
        assert!(args[1]["note"]
            .as_str()
            .unwrap()
            .ends_with(crate::caps::CUT_MARKER));
        assert!(!log.truncated);

        for _ in 0..MAX_CALLS + 5 {
            recorder.call(call("measure"), "https://a.test/".into());
        }
        let log = recorder.snapshot();
        assert_eq!(log.calls.len(), MAX_CALLS);
        assert!(log.truncated);
    }

    #[test]
    fn the_byte_budget_stops_recording_and_marks_the_capture_truncated() {
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let recorder = Recorder::new(Some(tx));
        // Strings of the longest kept length: each call is about 2 × 2000 × 4 bytes.
        let big = "🎉".repeat(MAX_STRING_CHARS);
        let mut sent = 0;
        while !recorder.snapshot().truncated {
            recorder.call(
                RecordedCall {
                    command: "measure".into(),
                    args_json: serde_json::json!([big, big]).to_string(),
                    source: "test".into(),
                },
                "https://a.test/".into(),
            );
            sent += 1;
            assert!(sent < MAX_CALLS, "the byte budget never ran out");
        }
        let log = recorder.snapshot();
        let bytes: usize = log.calls.iter().map(|c| c.args_json.len()).sum();
        assert!(bytes <= MAX_TOTAL_BYTES);
        assert!(bytes > MAX_TOTAL_BYTES / 2);
        // The feed carries exactly what the log kept.
        let mut fed = 0;
        while let Ok(JourneyEvent::Call { .. }) = rx.try_recv() {
            fed += 1;
        }
        assert_eq!(fed, log.calls.len());
    }
}
