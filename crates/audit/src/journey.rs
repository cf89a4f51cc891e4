//! A journey: the user clicks through a funnel in a visible browser while every pixel call is
//! recorded. This turns what the browser recorded into the report kept with the audit, and
//! checks the calls with the same rules as the page scan, as often as the caller likes (after
//! each new call, for a live view).

use crate::pixel::PixelEventSeen;
use preflight_model::Finding;
use preflight_pixel::RecordedCall;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Raw calls kept with a journey at most (the evidence behind its events).
const MAX_CALLS_KEPT: usize = 500;

/// What a journey recorded, checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct JourneyReport {
    /// The saved journey's id; 0 before it is saved.
    pub id: i64,
    /// The page the journey started on.
    pub start_url: String,
    /// RFC 3339 timestamps.
    pub started_at: String,
    pub finished_at: String,
    /// Top-level pages in the order visited.
    pub pages_visited: Vec<String>,
    /// A pixel was initialised with an ID during the journey.
    pub installed: bool,
    pub pixel_ids: Vec<String>,
    /// Every event sent, in order, with its problems.
    pub events: Vec<PixelEventSeen>,
    /// Problems found in the calls, with what to do.
    pub findings: Vec<Finding>,
    /// Requests to OpenAI's collection host (answered locally; nothing left the machine).
    pub pixel_requests: u32,
    pub browser_version: String,
    /// The calls as recorded (at most 500), for evidence.
    pub calls: Vec<RecordedCall>,
}

/// The calls of a journey so far, checked: what the live view shows after each new call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct JourneyCheck {
    pub installed: bool,
    pub pixel_ids: Vec<String>,
    pub events: Vec<PixelEventSeen>,
    pub findings: Vec<Finding>,
}

/// Checks the calls recorded so far with the same rules as the page scan.
pub fn check_calls(calls: &[RecordedCall]) -> JourneyCheck {
    let report = preflight_pixel::lint_recorded_calls(calls);
    let standard = preflight_pixel::standard_events();
    let events = report
        .events
        .iter()
        .map(|e| PixelEventSeen::from_found(e, &standard))
        .collect();
    JourneyCheck {
        installed: report.installed,
        pixel_ids: report.pixel_ids,
        events,
        findings: report.findings,
    }
}

/// The report of a finished journey.
pub fn journey_report(
    start_url: &str,
    started_at: &str,
    finished_at: &str,
    capture: &preflight_capture::Capture,
) -> JourneyReport {
    let check = check_calls(&capture.calls);
    JourneyReport {
        id: 0,
        start_url: start_url.to_string(),
        started_at: started_at.to_string(),
        finished_at: finished_at.to_string(),
        pages_visited: capture.pages_visited.clone(),
        installed: check.installed,
        pixel_ids: check.pixel_ids,
        events: check.events,
        findings: check.findings,
        pixel_requests: capture.pixel_requests.len() as u32,
        browser_version: capture.browser_version.clone(),
        calls: capture.calls.iter().take(MAX_CALLS_KEPT).cloned().collect(),
    }
}
