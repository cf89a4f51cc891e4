//! The result of checking a list of destination URLs.

use preflight_model::{Finding, Status};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ga4::{channel_risk, ChannelPreview, ChannelRisk, Ga4Inputs};
use crate::tracking::ClickUrl;

/// Everything found about one destination URL.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct UrlReport {
    /// The URL as given (trimmed).
    pub url: String,
    /// How many times it appeared in the input (ad exports repeat destinations).
    pub occurrences: u32,
    pub findings: Vec<Finding>,
    /// The URL's overall status, from its worst finding: `fail` (a failing finding or a check
    /// that could not run), `warn` or `pass`. Set by [`UtmReport::new`].
    pub status: Status,
    /// The URL with every safe fix applied; absent when nothing can be fixed automatically.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub corrected_url: Option<String>,
    /// Where GA4 would put a click on this URL; absent for an invalid URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub ga4: Option<Ga4Preview>,
    /// With tracking templates: the URL a click produces at each level (ad account first; the
    /// last is what a click on the ad carries). Absent without templates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub click_urls: Option<Vec<ClickUrl>>,
}

impl UrlReport {
    /// What the findings add up to for this URL (see [`UrlReport::status`]).
    pub fn overall_status(findings: &[Finding]) -> Status {
        match findings.iter().map(|f| f.status).min_by_key(|s| s.rank()) {
            Some(Status::Fail) | Some(Status::Error) => Status::Fail,
            Some(Status::Warn) => Status::Warn,
            _ => Status::Pass,
        }
    }
}

/// A GA4 channel preview with the values it was computed from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct Ga4Preview {
    pub inputs: Ga4Inputs,
    pub preview: ChannelPreview,
    /// What is wrong with this channel for paid ChatGPT clicks; `null` when nothing is.
    pub risk: Option<ChannelRisk>,
}

impl Ga4Preview {
    pub fn new(inputs: Ga4Inputs, preview: ChannelPreview) -> Self {
        let risk = channel_risk(&inputs, &preview);
        Ga4Preview {
            inputs,
            preview,
            risk,
        }
    }
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
    /// Also sets each URL's [`UrlReport::status`] from its findings, so a report rebuilt after
    /// findings were added (redirect checks) stays consistent.
    pub fn new(mut urls: Vec<UrlReport>, set_findings: Vec<Finding>) -> Self {
        let mut summary = UtmSummary {
            urls: urls.len() as u32,
            ..UtmSummary::default()
        };
        for u in &mut urls {
            u.status = UrlReport::overall_status(&u.findings);
            match u.status {
                Status::Fail => summary.urls_failing += 1,
                Status::Warn => summary.urls_with_warnings += 1,
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
