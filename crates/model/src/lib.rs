//! The vocabulary every check speaks: a [`Finding`] with a stable id, a status, plain-language
//! text, the evidence behind it and what to do about it.
//!
//! Checks live in their own crates; they all return findings of this one shape so the report,
//! the app, the CLI and the exports never need to know which check produced what.

mod log_evidence;
pub mod xml;

pub use log_evidence::{AddressScope, PageLogEvidence};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which part of the readiness checklist a finding belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Area {
    /// Can OAI-AdsBot fetch the page (robots.txt, WAF/CDN, status, redirects).
    Reachability,
    /// Is the OpenAI Ads pixel installed and are its events valid.
    Pixel,
    /// Are the tracking parameters clean and do they survive redirects.
    Utm,
    /// General page health (HTTPS, speed, rendering).
    Page,
}

/// The outcome of one check.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema, TS,
)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// The check ran and the page is fine on this point.
    Pass,
    /// Worth fixing, but it does not stop ads from serving or being measured.
    Warn,
    /// Stops the ad from serving, or its conversions from being measured.
    Fail,
    /// Neutral information the reader may want.
    Info,
    /// The check does not apply to this page.
    NotApplicable,
    /// The check itself could not run; the reason is in the evidence.
    Error,
}

impl Status {
    /// Every status, most urgent first (the order of [`Status::rank`]).
    pub const ALL: [Status; 6] = [
        Status::Fail,
        Status::Error,
        Status::Warn,
        Status::Info,
        Status::Pass,
        Status::NotApplicable,
    ];

    /// The status in words, as the app and the reports show it.
    pub fn label(self) -> &'static str {
        match self {
            Status::Pass => "Pass",
            Status::Warn => "Warning",
            Status::Fail => "Fail",
            Status::Info => "Info",
            Status::NotApplicable => "Not applicable",
            Status::Error => "Check could not run",
        }
    }

    /// A short upper-case tag for plain-text output (`FAIL`, `WARN`, `N/A`).
    pub fn tag(self) -> &'static str {
        match self {
            Status::Pass => "PASS",
            Status::Warn => "WARN",
            Status::Fail => "FAIL",
            Status::Info => "INFO",
            Status::NotApplicable => "N/A",
            Status::Error => "ERROR",
        }
    }

    /// Where the status sorts when findings are listed most urgent first: 0 for a failure,
    /// then a check that could not run, a warning, information, a pass, and last a check that
    /// does not apply.
    pub fn rank(self) -> u8 {
        match self {
            Status::Fail => 0,
            Status::Error => 1,
            Status::Warn => 2,
            Status::Info => 3,
            Status::Pass => 4,
            Status::NotApplicable => 5,
        }
    }

    /// True when the status should make a run "failing" (CLI exit code 1, red in the UI).
    pub fn is_failing(self) -> bool {
        matches!(self, Status::Fail)
    }

    /// The severity a reader should give a finding with this status.
    pub fn severity(self) -> Severity {
        match self {
            Status::Fail => Severity::High,
            Status::Error | Status::Warn => Severity::Medium,
            Status::Info => Severity::Low,
            Status::Pass | Status::NotApplicable => Severity::None,
        }
    }
}

/// How urgent a finding is, derived from its status.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema, TS,
)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    None,
    Low,
    Medium,
    High,
}

/// How sure the check is of its verdict.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS, Default,
)]
#[serde(rename_all = "kebab-case")]
pub enum Confidence {
    Low,
    Medium,
    #[default]
    High,
}

/// One fact that supports a finding: the robots.txt line that matched, the header that
/// identified a firewall, the redirect hop that dropped a parameter, the script line that
/// fired an event. Values are plain text copied from the page or server: data, never markup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct Evidence {
    /// What this is, in plain words ("robots.txt line", "Response header", "Redirect hop 2").
    pub label: String,
    /// The value itself, verbatim (truncated when very long).
    pub value: String,
    /// Where it was found (a URL, `file:line:column`), when that helps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub location: Option<String>,
}

/// The result of one check on one page (or one URL, or one campaign set).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct Finding {
    /// Stable kebab-case id, documented in the finding catalogue (docs/findings.md).
    pub id: String,
    pub area: Area,
    pub status: Status,
    pub severity: Severity,
    pub confidence: Confidence,
    /// One line a marketer understands ("OAI-AdsBot is blocked by Cloudflare").
    pub title: String,
    /// What is wrong and why it matters, in plain words.
    pub detail: String,
    pub evidence: Vec<Evidence>,
    /// What to do about it; empty when nothing needs doing.
    pub remedy: String,
}

/// Longest evidence value kept; longer values are cut with an ellipsis so a hostile page
/// cannot bloat a report.
pub const MAX_EVIDENCE_CHARS: usize = 2_000;

impl Finding {
    /// A finding with the given id, area, status and title; severity follows the status.
    pub fn new(id: &str, area: Area, status: Status, title: impl Into<String>) -> Self {
        Finding {
            id: id.to_string(),
            area,
            status,
            severity: status.severity(),
            confidence: Confidence::High,
            title: title.into(),
            detail: String::new(),
            evidence: Vec::new(),
            remedy: String::new(),
        }
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = detail.into();
        self
    }

    pub fn remedy(mut self, remedy: impl Into<String>) -> Self {
        self.remedy = remedy.into();
        self
    }

    pub fn confidence(mut self, confidence: Confidence) -> Self {
        self.confidence = confidence;
        self
    }

    pub fn evidence(mut self, label: impl Into<String>, value: impl Into<String>) -> Self {
        self.evidence.push(Evidence {
            label: label.into(),
            value: truncate(value.into()),
            location: None,
        });
        self
    }

    pub fn evidence_at(
        mut self,
        label: impl Into<String>,
        value: impl Into<String>,
        location: impl Into<String>,
    ) -> Self {
        self.evidence.push(Evidence {
            label: label.into(),
            value: truncate(value.into()),
            location: Some(location.into()),
        });
        self
    }
}

fn truncate(mut value: String) -> String {
    if value.chars().count() > MAX_EVIDENCE_CHARS {
        let cut = value
            .char_indices()
            .nth(MAX_EVIDENCE_CHARS)
            .map(|(i, _)| i)
            .unwrap_or(value.len());
        value.truncate(cut);
        value.push('…');
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_has_one_label_tag_and_rank() {
        let mut labels: Vec<&str> = Status::ALL.iter().map(|s| s.label()).collect();
        let mut tags: Vec<&str> = Status::ALL.iter().map(|s| s.tag()).collect();
        assert!(labels.iter().chain(&tags).all(|t| !t.is_empty()));
        labels.sort_unstable();
        labels.dedup();
        tags.sort_unstable();
        tags.dedup();
        assert_eq!((labels.len(), tags.len()), (6, 6));
        // ALL is in rank order and names each rank once.
        let ranks: Vec<u8> = Status::ALL.iter().map(|s| s.rank()).collect();
        assert_eq!(ranks, vec![0, 1, 2, 3, 4, 5]);
        assert_eq!(Status::Fail.label(), "Fail");
        assert_eq!(Status::NotApplicable.tag(), "N/A");
    }

    #[test]
    fn rank_puts_the_most_urgent_first() {
        let mut statuses = vec![
            Status::Pass,
            Status::Warn,
            Status::NotApplicable,
            Status::Fail,
        ];
        statuses.sort_by_key(|s| s.rank());
        assert_eq!(
            statuses,
            vec![
                Status::Fail,
                Status::Warn,
                Status::Pass,
                Status::NotApplicable
            ]
        );
        // Severity never rises as the rank goes down the list.
        for pair in Status::ALL.windows(2) {
            assert!(pair[0].severity() >= pair[1].severity());
        }
    }

    #[test]
    fn severity_follows_status() {
        let f = Finding::new("bot-blocked", Area::Reachability, Status::Fail, "Blocked");
        assert_eq!(f.severity, Severity::High);
        assert!(f.status.is_failing());
        let f = Finding::new("x", Area::Page, Status::Pass, "ok");
        assert_eq!(f.severity, Severity::None);
        assert!(!f.status.is_failing());
    }

    #[test]
    fn serialises_with_kebab_case_ids() {
        let f = Finding::new("x", Area::Utm, Status::NotApplicable, "t").evidence("Header", "v");
        let json = serde_json::to_value(&f).unwrap();
        assert_eq!(json["status"], "not-applicable");
        assert_eq!(json["area"], "utm");
        assert_eq!(json["evidence"][0]["label"], "Header");
        assert!(json["evidence"][0].get("location").is_none());
    }

    #[test]
    fn long_evidence_is_truncated_on_a_char_boundary() {
        let long = "é".repeat(MAX_EVIDENCE_CHARS + 10);
        let f = Finding::new("x", Area::Page, Status::Info, "t").evidence("Body", long);
        let v = &f.evidence[0].value;
        assert_eq!(v.chars().count(), MAX_EVIDENCE_CHARS + 1);
        assert!(v.ends_with('…'));
    }
}
