//! Where destination URLs come from: pasted text, an ads-manager CSV export or a sitemap.
//! Every reader keeps going past bad entries and reports each with its line or row number.

pub mod csv_import;
pub mod decode;
pub mod sitemap;
pub mod text;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A URL and the line (or row) it came from, counted from 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct InputUrl {
    pub line: u64,
    pub url: String,
}

/// An entry that is not a usable URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct InputIssue {
    pub line: u64,
    /// The entry as written (cut to 300 characters).
    pub text: String,
    pub reason: String,
}

impl InputIssue {
    pub fn new(line: u64, text: &str, reason: impl Into<String>) -> Self {
        InputIssue {
            line,
            text: text.chars().take(300).collect(),
            reason: reason.into(),
        }
    }
}

/// Most issues kept per input; beyond this they are only counted, so a file of junk cannot
/// produce a huge report.
pub const MAX_ISSUES: usize = 1_000;
