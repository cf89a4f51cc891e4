//! A journey as kept with an audit: what the browser recorded while the user clicked through a
//! funnel, checked. The checking itself lives in the audit engine.

use crate::pixel::PixelEventSeen;
use preflight_model::Finding;
use preflight_pixel::RecordedCall;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

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
