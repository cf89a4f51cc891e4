//! The checks. Each module owns one family of findings; they share a few helpers here.

pub mod calls;
pub mod csp;
pub mod image_tag;
pub mod payload;
pub mod secrets;
pub mod urls;
pub mod user;

use serde_json::Value;

use crate::types::DYNAMIC;

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
