//! The checks. Each module owns one family of findings; they share a few helpers here.

pub mod calls;
pub mod csp;
pub mod image_tag;
pub mod payload;
pub mod secrets;
pub mod urls;
pub mod user;

use preflight_model::{Area, Finding, Status};
use serde_json::Value;

use crate::types::{Location, DYNAMIC};

pub fn finding(id: &str, status: Status, title: impl Into<String>) -> Finding {
    Finding::new(id, Area::Pixel, status, title)
}

pub fn is_dynamic(v: &Value) -> bool {
    v.as_str() == Some(DYNAMIC)
}

/// A short rendering of a value for titles and remedies.
pub fn show(v: &Value) -> String {
    let text = v.to_string();
    if text.chars().count() > 80 {
        format!("{}…", text.chars().take(80).collect::<String>())
    } else {
        text
    }
}

/// Attach the code that triggered a finding.
pub fn with_code(f: Finding, text: &str, location: &Location) -> Finding {
    f.evidence_at(crate::report::CODE_LABEL, text, location.to_string())
}
