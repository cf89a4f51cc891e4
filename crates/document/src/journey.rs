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
    /// What the visitor did, in order, so the journey can be replayed without a window.
    /// Journeys recorded before steps were kept have none.
    #[serde(default)]
    pub steps: Vec<JourneyStep>,
    /// Set when this journey is a replay of another: how each step went.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub replay: Option<JourneyReplay>,
}

/// One thing the visitor did during a journey, as far as the browser can record it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum JourneyStep {
    /// A page opened by its address: the start page, or an address typed in.
    Visit { url: String },
    /// The browser went on to this page because of the step before (a link, a button, a form).
    Arrive { url: String },
    /// A click on an element of the page.
    Click {
        /// Where the click happened.
        page_url: String,
        target: StepTarget,
    },
    /// A form sent.
    Submit {
        page_url: String,
        /// The form.
        target: StepTarget,
        /// The fields the visitor filled in, in page order.
        fields: Vec<FormField>,
        /// The button that sent the form, when one did.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        submitter: Option<String>,
    },
}

/// The element a step acted on. The selector is data recorded from the page: it is only ever
/// looked up in the page, never run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct StepTarget {
    /// A CSS selector: the element's id, else its name, test id or accessible label, else a
    /// short path from the nearest element with an id.
    pub selector: String,
    /// What it is, in words: "button", "link", "form", "checkbox", "field" or "element".
    pub element: String,
    /// Its visible text (cut), to name it in messages.
    pub text: String,
}

/// A form field as the visitor left it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct FormField {
    pub selector: String,
    /// Its label, name or placeholder, to name it in messages.
    pub label: String,
    /// What was typed or chosen; `None` when it was not kept (see `skipped`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub value: Option<String>,
    /// For a checkbox or a radio button: whether it was ticked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub checked: Option<bool>,
    /// Why the value was not kept: `"sensitive"` (a password, a card number or security code).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub skipped: Option<String>,
}

impl FormField {
    /// The value was not kept because it is a password or payment detail.
    pub fn is_sensitive(&self) -> bool {
        self.skipped.as_deref() == Some("sensitive")
    }
}

/// How a replay of a journey went, step by step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct JourneyReplay {
    /// The journey that was replayed.
    pub replay_of: i64,
    /// One outcome per step, in order; steps after a failure are `not_reached`.
    pub outcomes: Vec<StepOutcome>,
    /// Every step worked.
    pub complete: bool,
}

/// How one step of a replay went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct StepOutcome {
    /// 1 for the first step.
    pub step: u32,
    pub status: StepStatus,
    /// In plain words: what was done, or what no longer works and where.
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum StepStatus {
    /// The step worked.
    Done,
    /// The step no longer works on the site; the replay stopped here.
    Failed,
    /// The replay stopped before this step on purpose (a password or card detail it does not
    /// keep, or the user cancelled).
    Stopped,
    /// An earlier step failed or stopped the replay.
    NotReached,
}

impl StepStatus {
    pub fn label(self) -> &'static str {
        match self {
            StepStatus::Done => "done",
            StepStatus::Failed => "failed",
            StepStatus::Stopped => "stopped",
            StepStatus::NotReached => "not reached",
        }
    }
}

/// The calls of a journey so far, checked: what the live view shows after each new call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct JourneyCheck {
    pub installed: bool,
    pub pixel_ids: Vec<String>,
    pub events: Vec<PixelEventSeen>,
    pub findings: Vec<Finding>,
}

impl StepTarget {
    /// "the button “Start trial” (#start-trial)", or without the text when there is none.
    pub fn describe(&self) -> String {
        let text = self.text.trim();
        if text.is_empty() {
            format!("the {} ({})", self.element, self.selector)
        } else {
            format!("the {} “{}” ({})", self.element, text, self.selector)
        }
    }
}

impl JourneyStep {
    /// The step in plain words, as a sentence to follow "Step 3: ".
    pub fn describe(&self) -> String {
        match self {
            JourneyStep::Visit { url } => format!("open {url}"),
            JourneyStep::Arrive { url } => format!("go on to {url}"),
            JourneyStep::Click { target, .. } => format!("click {}", target.describe()),
            JourneyStep::Submit { target, fields, .. } => {
                let filled = fields.len();
                format!(
                    "fill in and send {} ({} field{})",
                    target.describe(),
                    filled,
                    if filled == 1 { "" } else { "s" }
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn journeys_saved_before_steps_were_kept_still_load() {
        let old = r#"{"id":3,"start_url":"https://a.test/","started_at":"2026-01-01T00:00:00Z",
            "finished_at":"2026-01-01T00:01:00Z","pages_visited":["https://a.test/"],
            "installed":false,"pixel_ids":[],"events":[],"findings":[],"pixel_requests":0,
            "browser_version":"Chrome/1","calls":[]}"#;
        let journey: JourneyReport = serde_json::from_str(old).unwrap();
        assert!(journey.steps.is_empty());
        assert!(journey.replay.is_none());
    }

    #[test]
    fn steps_read_as_plain_words() {
        let target = StepTarget {
            selector: "#start-trial".into(),
            element: "button".into(),
            text: "Start trial".into(),
        };
        let click = JourneyStep::Click {
            page_url: "https://a.test/pricing".into(),
            target: target.clone(),
        };
        assert_eq!(
            click.describe(),
            "click the button “Start trial” (#start-trial)"
        );
        let json = serde_json::to_value(&click).unwrap();
        assert_eq!(json["kind"], "click");
        assert_eq!(json["target"]["selector"], "#start-trial");
        let back: JourneyStep = serde_json::from_value(json).unwrap();
        assert_eq!(back, click);
        let field = FormField {
            selector: "#card".into(),
            label: "Card number".into(),
            value: None,
            checked: None,
            skipped: Some("sensitive".into()),
        };
        assert!(field.is_sensitive());
        let form = JourneyStep::Submit {
            page_url: "https://a.test/pay".into(),
            target: StepTarget {
                text: String::new(),
                element: "form".into(),
                selector: "#pay".into(),
            },
            fields: vec![field],
            submitter: None,
        };
        assert_eq!(
            form.describe(),
            "fill in and send the form (#pay) (1 field)"
        );
    }
}
