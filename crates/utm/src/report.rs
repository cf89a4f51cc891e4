//! The result of checking a list of destination URLs.

use preflight_model::{Finding, Status};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ga4::{ChannelPreview, Ga4Inputs};

/// Everything found about one destination URL.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct UrlReport {
    /// The URL as given (trimmed).
    pub url: String,
    /// How many times it appeared in the input (ad exports repeat destinations).
    pub occurrences: u32,
    pub findings: Vec<Finding>,
    /// The URL with every safe fix applied; absent when nothing can be fixed automatically.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub corrected_url: Option<String>,
    /// Where GA4 would put a click on this URL; absent for an invalid URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub ga4: Option<Ga4Preview>,
}

/// A GA4 channel preview with the values it was computed from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct Ga4Preview {
    pub inputs: Ga4Inputs,
    pub preview: ChannelPreview,
}

/// Counts for a summary line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema, TS)]
pub struct UtmSummary {
    pub urls: u32,
    pub urls_failing: u32,
    pub urls_with_warnings: u32,
    pub urls_clean: u32,
    pub set_findings_failing_or_warning: u32,
}

/// The whole UTM check: per-URL results and findings about the campaign set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct UtmReport {
    pub urls: Vec<UrlReport>,
    pub set_findings: Vec<Finding>,
    pub summary: UtmSummary,
}

impl UtmReport {
    pub fn new(urls: Vec<UrlReport>, set_findings: Vec<Finding>) -> Self {
        let worst = |fs: &[Finding]| fs.iter().map(|f| f.status).max_by_key(|s| rank(*s));
        let mut summary = UtmSummary {
            urls: urls.len() as u32,
            ..UtmSummary::default()
        };
        for u in &urls {
            match worst(&u.findings) {
                Some(Status::Fail) | Some(Status::Error) => summary.urls_failing += 1,
                Some(Status::Warn) => summary.urls_with_warnings += 1,
                _ => summary.urls_clean += 1,
            }
        }
        summary.set_findings_failing_or_warning = set_findings
            .iter()
            .filter(|f| matches!(f.status, Status::Fail | Status::Warn))
            .count() as u32;
        UtmReport {
            urls,
            set_findings,
            summary,
        }
    }

    /// True when any finding fails (CLI exit code).
    pub fn is_failing(&self) -> bool {
        self.urls
            .iter()
            .flat_map(|u| &u.findings)
            .chain(&self.set_findings)
            .any(|f| f.status.is_failing())
    }
}

/// Ordering for "worst first": fail, error, warn, info, pass, not applicable.
pub fn rank(status: Status) -> u8 {
    match status {
        Status::Fail => 5,
        Status::Error => 4,
        Status::Warn => 3,
        Status::Info => 2,
        Status::Pass => 1,
        Status::NotApplicable => 0,
    }
}
