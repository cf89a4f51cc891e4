//! What a capture takes and what it hands back.

use std::path::PathBuf;
use std::time::Duration;

use preflight_pixel::RecordedCall;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What to do with requests to hosts other than the page's own site (and OpenAI's, which are
/// always answered locally).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum ThirdParty {
    /// Let them through, as a visitor's browser would (tag managers need this).
    #[default]
    Allow,
    /// Fail them in the browser, so the capture talks to the page's own site only.
    Block,
}

/// Whether the browser window is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum Window {
    /// Headless for [`crate::capture`], visible for [`crate::start_journey`].
    #[default]
    Auto,
    Headless,
    Visible,
}

/// How a capture or journey runs.
#[derive(Debug, Clone)]
pub struct CaptureOptions {
    /// Upper bound on waiting for the page to load and the network to go quiet.
    pub timeout: Duration,
    /// Extra time after load for tag managers and timers to fire events.
    pub settle: Duration,
    pub third_party: ThirdParty,
    /// Overrides the desktop Chrome user agent derived from the browser's version.
    pub user_agent: Option<String>,
    /// CSS selectors clicked one after another once the page has settled (e.g. an
    /// "add to cart" button); each click is followed by another settle.
    pub clicks: Vec<String>,
    /// The browser binary; found with [`crate::find_browser`] when `None`.
    pub browser: Option<PathBuf>,
    pub window: Window,
    /// Window (and viewport) size in CSS pixels.
    pub window_size: (u32, u32),
    /// Allow the browser to run without its sandbox when running as root (where the sandbox
    /// cannot work). Off by default: as root, a capture is refused with
    /// `CaptureError::SandboxUnavailable` unless this is set knowingly.
    pub allow_unsandboxed_browser: bool,
}

impl Default for CaptureOptions {
    fn default() -> Self {
        CaptureOptions {
            timeout: Duration::from_secs(30),
            settle: Duration::from_secs(3),
            third_party: ThirdParty::Allow,
            user_agent: None,
            clicks: Vec::new(),
            browser: None,
            window: Window::Auto,
            window_size: (1366, 900),
            allow_unsandboxed_browser: false,
        }
    }
}

/// A request the page made to OpenAI's collection host (`bzr.openai.com`): the image tag, or
/// a beacon sent by code other than the SDK. It was answered locally and never left the
/// machine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct PixelRequest {
    pub url: String,
    pub method: String,
    /// The query parameters in order, decoded (`data[type]` stays a literal name).
    pub params: Vec<(String, String)>,
    /// The request body as text, when there was one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub body: Option<String>,
    /// Milliseconds since the capture started.
    pub at_ms: u64,
}

/// Everything recorded while the page ran.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct Capture {
    /// The URL the browser ended on (after redirects and client-side navigation).
    pub final_url: String,
    /// Every `oaiq(...)` call, in the order it was made; lint with
    /// `preflight_pixel::lint_recorded_calls` or `merge_rendered`.
    pub calls: Vec<RecordedCall>,
    pub pixel_requests: Vec<PixelRequest>,
    /// Requests for the OpenAI SDK script, answered with the local stand-in.
    pub sdk_requests: Vec<String>,
    /// Uncaught exceptions and `console.error` messages, capped in number and length.
    pub console_errors: Vec<String>,
    /// Top-level page URLs in the order they were visited.
    pub pages_visited: Vec<String>,
    /// Third-party requests failed because of [`ThirdParty::Block`].
    pub blocked_requests: Vec<String>,
    /// Things that went wrong without spoiling the capture (a click target not found).
    pub warnings: Vec<String>,
    /// What the visitor did, in order: pages opened, clicks, forms sent (journeys; see
    /// [`crate::replay_journey`]).
    #[serde(default)]
    pub steps: Vec<preflight_document::journey::JourneyStep>,
    /// Calls or pixel requests were dropped because the capture reached one of its limits
    /// (`caps::MAX_CALLS`, `MAX_PIXEL_REQUESTS`, `MAX_TOTAL_BYTES`); single values that were too
    /// long are cut and end with `caps::CUT_MARKER` instead.
    #[serde(default)]
    pub truncated: bool,
    /// The page did not finish loading (or the network never went quiet) within the timeout;
    /// the result holds what was recorded until then.
    pub timed_out: bool,
    /// The browser's product string, e.g. `Chrome/143.0.7499.169`.
    pub browser_version: String,
}

/// One thing seen during a journey, delivered as it happens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum JourneyEvent {
    /// An `oaiq(...)` call, with the page it was made on.
    Call {
        call: RecordedCall,
        page_url: String,
        at_ms: u64,
    },
    /// A request to OpenAI's collection host.
    PixelRequest { request: PixelRequest },
    /// The top-level page changed.
    PageVisited { url: String, at_ms: u64 },
    /// The journey is over: its last tab was closed (the user closed the window) or the
    /// browser exited or crashed.
    BrowserClosed { at_ms: u64 },
}
