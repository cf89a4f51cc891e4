//! What the OpenAI Ads pixel scan found on one page, as kept in the report: compact enough to
//! store with every audit. The scan itself lives in the audit engine.

use preflight_markup::clip;
use preflight_pixel::{Coverage, How};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Characters kept of a name or id written in page code (event names, pixel ids, tag managers).
pub const NAME_CHARS: usize = 200;
/// Characters kept of an address or a place found in page code.
pub const URL_CHARS: usize = 2_000;

/// A same-origin script the scan could not read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct SkippedScript {
    pub url: String,
    /// Why, in plain words ("HTTP 404", "larger than 5 MB", …).
    pub reason: String,
    /// True when the script was over the size the scan reads.
    #[serde(default)]
    pub too_large: bool,
}

/// How the pixel is put on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum PixelInstall {
    /// OpenAI's snippet (its `oaiq` queue stub and loader) is in the page or one of its scripts.
    Snippet,
    /// The SDK is loaded from its own address (`<script src>` or a loader of the site's own).
    SdkScript,
    /// The no-JavaScript image tag sends events.
    ImageTag,
    /// No pixel code of its own, but a tag manager or CDP that may add the pixel when the page
    /// runs; a static scan cannot confirm it.
    TagManager,
}

/// One pixel event found on the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct PixelEventSeen {
    /// The event name as sent (`order_created`, `custom`, or a wrong one such as `Purchase`).
    pub name: String,
    /// For `custom` events, the `custom_event_name` when it is written literally.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub custom_event_name: Option<String>,
    /// True for OpenAI's standard web events.
    pub standard: bool,
    /// `measure`, `measureSingle` or `image_tag`.
    pub via: String,
    /// Where it was found (`inline script 2:14:5`, a script URL with line and column).
    pub location: String,
    /// Ids of the failing findings raised against this event.
    #[serde(default)]
    pub problems: Vec<String>,
    /// Found in the page source (`static`) or recorded while the page ran in a browser
    /// (`rendered`).
    #[serde(default = "static_how")]
    pub how: How,
    /// Whether it is sent in an ordinary visit, as far as the code and any browser run tell.
    #[serde(default)]
    pub firing: preflight_pixel::Firing,
    /// Why, in plain words, when it is not certain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub firing_reason: Option<String>,
    /// The `event_id` option when it is written literally (or was recorded in a browser): the
    /// key that deduplicates the event with its Conversions API twin.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub event_id: Option<String>,
}

fn static_how() -> How {
    How::Static
}

impl PixelEventSeen {
    /// True when the event is sent in an ordinary visit (not only written in the code).
    pub fn is_sent(&self) -> bool {
        self.firing.may_fire()
    }

    /// The compact form of an event the pixel crate found; `standard` lists OpenAI's standard
    /// event names.
    pub fn from_found(event: &preflight_pixel::FoundEvent, standard: &[String]) -> Self {
        PixelEventSeen {
            name: clip(&event.name, NAME_CHARS),
            custom_event_name: event
                .custom_event_name
                .as_deref()
                .map(|n| clip(n, NAME_CHARS)),
            standard: standard.contains(&event.name),
            via: event.via.clone(),
            location: clip(&event.location.to_string(), URL_CHARS),
            problems: event.problems.clone(),
            how: event.how,
            firing: event.firing,
            firing_reason: event.firing_reason.as_deref().map(|r| clip(r, URL_CHARS)),
            event_id: event
                .args
                .get(1)
                .and_then(|o| o.get("event_id"))
                .and_then(serde_json::Value::as_str)
                .filter(|id| *id != preflight_pixel::DYNAMIC)
                .map(|id| clip(id, NAME_CHARS)),
        }
    }
}

/// An event the page sends to Meta, GA4 or Google Ads, and whether the OpenAI pixel measures
/// the same step on this page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct VendorEventSeen {
    /// `meta`, `ga4` or `google_ads`.
    pub platform: String,
    /// The event name as sent (`Purchase`, `purchase`, `conversion`).
    pub name: String,
    /// The OpenAI standard event for the same step; `None` when OpenAI has no standard one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub openai_equivalent: Option<String>,
    /// The OpenAI equivalent is sent on this page too.
    pub openai_present: bool,
    /// The call as written (`fbq('track', 'Purchase', …)`), shortened.
    pub text: String,
    pub location: String,
}

/// Whether the page was also run in a real browser to record the pixel calls it makes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum RenderedCheck {
    /// The audit did not ask for it (static scan only).
    NotRequested,
    /// It was asked for but could not be attempted (no browser installed, host paused, …).
    NotRun { reason: String },
    /// The page ran in the browser.
    Ran {
        browser_version: String,
        /// `oaiq(...)` calls recorded.
        calls: u32,
        /// Requests to OpenAI's collection host (image tags, beacons), answered locally.
        pixel_requests: u32,
        /// The page did not finish loading in time; what ran until then was recorded.
        timed_out: bool,
        /// Script errors on the page (uncaught exceptions, `console.error`).
        console_errors: u32,
        /// Where the browser ended up.
        final_url: String,
    },
    /// The browser was started but the check failed.
    Failed { code: String, message: String },
}

impl RenderedCheck {
    pub fn ran(&self) -> bool {
        matches!(self, RenderedCheck::Ran { .. })
    }
}

fn not_requested() -> RenderedCheck {
    RenderedCheck::NotRequested
}

/// What the pixel scan found on one page, compact enough to keep with every audit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct PixelSummary {
    /// The SDK loads (or the image tag is used) and a pixel ID is set up.
    pub installed: bool,
    /// How the pixel is put on the page; empty when nothing was found.
    pub methods: Vec<PixelInstall>,
    pub pixel_ids: Vec<String>,
    /// OpenAI standard events found, without repeats, in page order.
    pub standard_events: Vec<String>,
    /// Every event call found (at most 50), with its problems.
    pub events: Vec<PixelEventSeen>,
    /// Tag managers and customer-data platforms seen (they can add the pixel at run time).
    #[serde(default)]
    pub tag_managers: Vec<String>,
    /// Same-origin scripts read and scanned.
    pub scripts_examined: u32,
    /// Same-origin scripts that could not be read.
    #[serde(default)]
    pub scripts_skipped: Vec<SkippedScript>,
    /// What the scan of this page could not see, as plain sentences (the limits that hold for
    /// every page are in the report's `limits`).
    #[serde(default)]
    pub limits: Vec<String>,
    /// Meta, GA4 and Google Ads events on the page, mapped to their OpenAI equivalents.
    #[serde(default)]
    pub vendor_events: Vec<VendorEventSeen>,
    /// Whether the page was also run in a browser, and what that recorded.
    #[serde(default = "not_requested")]
    pub rendered: RenderedCheck,
    /// How this page alone covers the audit's funnel, when a funnel was chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub funnel: Option<Coverage>,
}
