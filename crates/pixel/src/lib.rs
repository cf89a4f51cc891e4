//! OpenAI Ads pixel static scan and payload lint.
//!
//! A pure library: the caller fetches the page, its headers and its same-origin scripts and
//! hands over their text; [`scan`] finds the pixel (the `oaiq` snippet, the SDK script, the
//! image tag), parses every script with a real JavaScript parser, and lints each `oaiq(...)`
//! call against OpenAI's documented rules. [`merge_rendered`] adds calls recorded in a browser
//! and lints them the same way. Vendor knowledge lives in `data/*.toml`.

mod data;
mod finding;
mod firing;
mod funnel;
mod html;
pub mod ids;
mod inert;
mod inert_report;
mod js;
mod lint;
mod not_fired;
mod position;
mod report;
mod scan;
mod site_file;
mod types;
mod vendors;

pub use funnel::{funnel, funnel_coverage, funnel_findings, funnels};
pub use html::{normalize_newlines, read_page, read_parsed, PageHtml, MAX_ELEMENTS};
pub use js::MAX_SCRIPT_BYTES;
pub use lint::payload::{
    custom_name_problem, lint_server_event_data, suggested_event_name, Channel,
};
pub use lint::secrets::mask as mask_secret;
pub use lint::secrets::redact_secrets;
pub use lint::user::{is_sha256_hex, looks_like_email, looks_like_phone};
pub use report::{
    installed_detail, lint_recorded_calls, merge_rendered, MAX_EVIDENCE as MAX_GROUPED_EVIDENCE,
    SUMMARY_IDS as WHOLE_LIST_FINDING_IDS,
};
pub use types::{
    Coverage, Firing, FoundEvent, Funnel, How, InitOptions, Location, MissingEvent, PixelCall,
    PixelReport, RecordedCall, ScriptSource, SdkUrl, TagManager, VendorEvent, DYNAMIC,
};
pub use vendors::platform_label;

/// Scan one page. `headers` are the page response's headers (for Content-Security-Policy);
/// `scripts` are the scripts the caller fetched (normally [`same_origin_script_urls`]).
/// Never panics on bad input; what could not be examined is reported in `limits` and findings.
pub fn scan(
    page_url: &str,
    html: &str,
    headers: &[(String, String)],
    scripts: &[ScriptSource],
) -> PixelReport {
    scan::scan(page_url, html, headers, scripts)
}

/// [`scan`] on a page the caller has already read (see [`read_parsed`]), so the page's HTML is
/// parsed once for every use.
pub fn scan_read(
    page_url: &str,
    page: &PageHtml,
    html: &str,
    headers: &[(String, String)],
    scripts: &[ScriptSource],
) -> PixelReport {
    scan::scan_read(page_url, page, html, headers, scripts)
}

/// Absolute URLs of the page's external scripts on its own origin, in page order, for the
/// caller to fetch and pass to [`scan`].
pub fn same_origin_script_urls(page_url: &str, html: &str) -> Vec<String> {
    html::same_origin_script_urls(page_url, html)
}

/// Check a data file set parses; used by tests and available to callers that want to fail
/// fast at start-up.
pub fn check_data() -> Result<(), String> {
    data::load().map(|_| ())
}

/// The OpenAI event a Meta (`meta`), GA4 (`ga4`) or Google Ads (`google_ads`) event maps to:
/// `Some("")` when OpenAI has no standard equivalent, `None` when the event is not in the table.
pub fn openai_equivalent(platform: &str, event: &str) -> Option<String> {
    data::data()
        .mapping(platform, event)
        .map(|m| m.openai.clone())
}

/// The mapping table: (platform, event, OpenAI equivalent or "").
pub fn mapping_table() -> Vec<(String, String, String)> {
    data::data()
        .mappings
        .iter()
        .map(|m| (m.platform.clone(), m.name.clone(), m.openai.clone()))
        .collect()
}

/// The standard event names the browser pixel accepts (`page_viewed`, `order_created`, …), in
/// the documented order; `custom` and app-only events are not included.
pub fn standard_events() -> Vec<String> {
    data::data()
        .pixel_standard_events()
        .map(|e| e.name.clone())
        .collect()
}

/// One of OpenAI's conversion events as documented: its name, its label, its data shape and
/// whether the browser pixel may send it (app events are server-only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventDefinition {
    pub name: String,
    pub label: String,
    pub shape: String,
    pub pixel: bool,
}

/// Every event OpenAI documents (standard web events, app events and `custom`), in order.
pub fn event_definitions() -> Vec<EventDefinition> {
    data::data()
        .events
        .event
        .iter()
        .map(|e| EventDefinition {
            name: e.name.clone(),
            label: e.label.clone(),
            shape: e.shape.clone(),
            pixel: e.pixel,
        })
        .collect()
}

/// The documented event called `name`, if there is one.
pub fn event_definition(name: &str) -> Option<EventDefinition> {
    event_definitions().into_iter().find(|e| e.name == name)
}

/// The limits every static scan reports, whatever the page. A caller that lists them once for
/// many pages can drop them from each report's `limits`.
pub fn static_limits() -> Vec<String> {
    report::limits::static_limits()
}
