//! The shapes this crate hands back: the report, the calls and events it found, and the inputs
//! the caller provides (fetched scripts, calls recorded in a browser).

use preflight_model::Finding;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

/// Marker put in place of any argument part that is not a literal in the source
/// (a variable, a function call, a computed key).
pub const DYNAMIC: &str = "<dynamic>";

/// A script the caller fetched (a same-origin script, or any other it chose to fetch).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct ScriptSource {
    /// The absolute URL the script was fetched from.
    pub url: String,
    /// Its text, already decoded to UTF-8 by the caller.
    pub text: String,
}

/// Whether an event found in the page is sent when the page loads, as far as reading the page
/// can tell. A rendered run can then be compared with it: an event the source holds but the
/// browser never sent is explained by this.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS,
)]
#[serde(rename_all = "snake_case")]
pub enum Firing {
    /// Runs once its script runs, after the pixel function exists: top-level code (or code in a
    /// function called on the spot) after the snippet, or an `<img>` image tag. Also the
    /// reading of reports written before this field existed.
    #[default]
    Certain,
    /// Behind something the scan cannot evaluate: an `if`, a loop, an event listener, a timer, a
    /// callback, a function not obviously called, an event-handler attribute.
    Conditional,
    /// Runs at load, but whether the pixel function exists by then depends on load order the
    /// scan cannot see (an `async` script, a script whose place in the page is unknown, a
    /// snippet that a tag manager adds).
    OrderDependent,
    /// In a script a consent manager holds back until the visitor agrees.
    ConsentGated,
    /// Never sent: in an HTML comment, an unactivated `type="text/plain"` script, text shown on
    /// the page, a `<script>` inside `<noscript>`, a script with a syntax error, or a call that
    /// runs before the pixel function exists and stops its script.
    Never,
    /// An image tag inside `<noscript>`: loaded only by browsers with JavaScript turned off.
    NoscriptImage,
    /// Seen being sent while the page ran in a browser.
    Observed,
    /// In the page's code, but not sent when the page ran in a browser.
    NotFired,
}

impl Firing {
    /// True when the event may be sent in an ordinary visit.
    pub fn may_fire(self) -> bool {
        !matches!(
            self,
            Firing::Never | Firing::NoscriptImage | Firing::NotFired
        )
    }
}

/// One `oaiq(...)` call recorded while the page ran in a browser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct RecordedCall {
    /// The SDK command: `init`, `measure`, `measureSingle` or `consent`.
    pub command: String,
    /// The arguments after the command, as a JSON array (`["order_created", {...}, {...}]`).
    pub args_json: String,
    /// Where the call came from (a script URL, a stack frame, or a free label).
    pub source: String,
}

/// Whether something was seen in the page source or while the page ran in a browser.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum How {
    Static,
    Rendered,
}

/// Where a call, URL or tag was found.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
pub struct Location {
    /// A script URL, "inline script N", "onclick attribute N", "page HTML" or a recorded source.
    pub source: String,
    /// 1-based line (in the page for inline code, in the file for external scripts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub line: Option<u32>,
    /// 1-based column, counted in characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub column: Option<u32>,
}

impl Location {
    pub fn new(source: impl Into<String>, line: Option<u32>, column: Option<u32>) -> Self {
        Location {
            source: source.into(),
            line,
            column,
        }
    }

    pub fn source_only(source: impl Into<String>) -> Self {
        Location::new(source, None, None)
    }
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => write!(f, "{}:{line}:{column}", self.source),
            (Some(line), None) => write!(f, "{}:{line}", self.source),
            _ => f.write_str(&self.source),
        }
    }
}

/// One call to the pixel's global function, `oaiq("<command>", ...)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct PixelCall {
    /// The first argument (`init`, `measure`, ...), or `<dynamic>` when it is not a literal.
    pub command: String,
    /// The remaining arguments as JSON; non-literal parts are the string `<dynamic>`.
    #[ts(type = "Array<unknown>")]
    pub args: Vec<Value>,
    pub how: How,
    pub location: Location,
    /// The call as written (shortened when long).
    pub text: String,
    /// True when the script holding the call waits for consent before it runs
    /// (for example `type="text/plain"` with a consent-manager attribute).
    #[serde(default)]
    pub consent_gated: bool,
    /// Whether the call runs when the page loads (see [`Firing`]).
    #[serde(default)]
    pub firing: Firing,
    /// Why, in plain words, when it is not certain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub firing_reason: Option<String>,
    /// For a call that never runs, the id of the finding that says why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub blocked_by: Option<String>,
}

/// A conversion event the pixel sends: a `measure` / `measureSingle` call or an image tag.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct FoundEvent {
    /// The event name (`order_created`, `custom`, ...), or `<dynamic>`.
    pub name: String,
    /// For `custom` events, the `custom_event_name` when it is a literal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub custom_event_name: Option<String>,
    pub how: How,
    /// `measure`, `measureSingle` or `image_tag`.
    pub via: String,
    pub location: Location,
    /// The event data and options arguments (or, for an image tag, its parsed parameters).
    #[ts(type = "Array<unknown>")]
    pub args: Vec<Value>,
    /// Ids of the failing findings raised against this particular event, and for an event that
    /// is never sent the id of the finding that says why.
    #[serde(default)]
    pub problems: Vec<String>,
    /// Whether the event is sent when the page loads, as far as the source tells (`observed`
    /// for events recorded in a browser).
    #[serde(default)]
    pub firing: Firing,
    /// Why, in plain words, when it is not certain ("inside a listener for “submit”, …").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub firing_reason: Option<String>,
}

/// A reference to the pixel SDK (a `<script src>`, or a URL string in a loader snippet).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct SdkUrl {
    pub url: String,
    pub location: Location,
    /// True when the URL is exactly the documented SDK address (or its protocol-relative form).
    pub official: bool,
    /// True when the reference sits inside the page's `<head>`; unknown for code in external files
    /// whose `<script>` element was not found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub in_head: Option<bool>,
}

/// The options of one `init` call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct InitOptions {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub pixel_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub debug: Option<bool>,
    /// The `user` object as written, when present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "unknown")]
    pub user: Option<Value>,
    pub how: How,
    pub location: Location,
}

/// A tag manager, CDP, consent manager or other ad pixel seen on the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct TagManager {
    pub name: String,
    /// `tag-manager`, `cdp`, `consent`, `ads-pixel` or `analytics`.
    pub kind: String,
    /// Container, account or pixel id when it could be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub id: Option<String>,
    /// The URL or string that identified it.
    pub evidence: String,
    pub location: Location,
}

/// An event sent to another ad or analytics platform, used to spot OpenAI gaps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct VendorEvent {
    /// `meta`, `ga4` or `google_ads`.
    pub platform: String,
    /// The event name as sent (`Purchase`, `purchase`, `conversion`).
    pub name: String,
    /// The OpenAI event that measures the same step; `None` when there is no standard one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub openai_equivalent: Option<String>,
    /// The call as written (`fbq('track', 'Purchase', …)`).
    pub text: String,
    pub location: Location,
}

/// Everything the pixel scan learned about one page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct PixelReport {
    /// True when the SDK is loaded (or its image tag used) and at least one pixel is initialised.
    pub installed: bool,
    /// Distinct pixel IDs seen in `init`, `measureSingle` and image tags.
    pub pixel_ids: Vec<String>,
    pub sdk_urls: Vec<SdkUrl>,
    pub init_options: Vec<InitOptions>,
    pub events: Vec<FoundEvent>,
    /// Every `oaiq(...)` call, in page order (static first, then rendered).
    pub calls: Vec<PixelCall>,
    /// Meta, GA4 and Google Ads events seen on the page.
    pub vendor_events: Vec<VendorEvent>,
    pub tag_managers: Vec<TagManager>,
    pub findings: Vec<Finding>,
    /// What this scan could not see, as plain sentences.
    pub limits: Vec<String>,
    /// The official snippet's queue stub (`w.oaiq = function…`) was found in page code.
    #[serde(default)]
    pub snippet_found: bool,
}

/// A conversion funnel and the OpenAI events it needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct Funnel {
    pub id: String,
    pub name: String,
    pub required: Vec<String>,
    pub recommended: Vec<String>,
}

/// One funnel event that was not found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct MissingEvent {
    pub event: String,
    pub required: bool,
}

/// How well the events found cover a funnel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct Coverage {
    pub funnel: String,
    /// Funnel events found with at least one clean occurrence.
    pub present: Vec<String>,
    /// Funnel events not found at all.
    pub missing: Vec<MissingEvent>,
    /// Funnel events found, but every occurrence has a failing problem.
    pub malformed: Vec<String>,
}
