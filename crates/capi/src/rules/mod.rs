//! The documented rules, one module per level: the request body, one event, the event's
//! `user`. Each check returns its problems with the JSON path (relative to what it was given)
//! they are about; the validation adds where the request sits in the file.

pub mod event;
pub mod request;
pub mod user;

use preflight_model::{Area, Finding, Status};
use serde_json::Value;

/// A problem and the JSON path it is about (`timestamp_ms`, `user.email_sha256`, or "" for the
/// value itself).
#[derive(Debug, Clone)]
pub struct Located {
    pub path: String,
    pub finding: Finding,
}

pub fn at(path: impl Into<String>, finding: Finding) -> Located {
    Located {
        path: path.into(),
        finding,
    }
}

pub fn finding(id: &str, status: Status, title: impl Into<String>) -> Finding {
    Finding::new(id, Area::Pixel, status, title)
}

/// A short rendering of a value for titles and remedies, with any key masked.
pub fn show(v: &Value) -> String {
    let text = v.to_string();
    let text = crate::secrets::mask_keys(&text).into_owned();
    if text.chars().count() > 80 {
        format!("{}…", text.chars().take(80).collect::<String>())
    } else {
        text
    }
}

/// "“a”, “b” and “c”".
pub fn quoted_list(items: &[String]) -> String {
    items
        .iter()
        .map(|i| format!("“{i}”"))
        .collect::<Vec<_>>()
        .join(", ")
}
