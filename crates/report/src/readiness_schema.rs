//! The shape of the readiness model's answer as the JSON export carries it, for the published
//! export schema only: the export serialises `preflight_readiness::Readiness` itself, and these
//! types describe that JSON. They reject unknown fields, and a test reads a real readiness
//! through them, so a field the model gains or loses fails the tests until it is described
//! here.

#![allow(dead_code)]

use preflight_document::report::Summary;
use schemars::JsonSchema;
use serde::Deserialize;

/// Is this audit ready? The one answer every reader prints.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Readiness {
    pub state: ReadinessState,
    /// The state's short label: "Ready", "Not ready", "Partial" or "Nothing checked".
    pub label: String,
    /// One sentence, e.g. "Not ready: 9 of 13 pages have blocking problems."
    pub headline: String,
    /// The counts under the counting rules (the same object as the report's `summary`).
    pub counts: Summary,
    /// Pages the audit set out to check, when known (a partial audit checked fewer).
    pub planned_pages: Option<u32>,
    pub checklist: Checklist,
    /// What each page counts for, in the report's page order.
    pub pages: Vec<PageStanding>,
}

/// The state of an audit as a whole.
#[derive(Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum ReadinessState {
    /// Every page was checked and nothing stops ads serving or being measured.
    Ready,
    /// Every page was checked and something must be fixed first.
    NotReady,
    /// The audit did not check every page (stopped, interrupted or still running): what it
    /// found holds for the pages it reached. Not a readiness verdict.
    Partial,
    /// No page was checked.
    Empty,
}

/// The three launch questions.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Checklist {
    pub items: Vec<ChecklistItem>,
    /// True when no item fails and every item was checked; warnings do not stop readiness.
    pub ready: bool,
    /// Pages with at least one blocking problem.
    pub blocking_pages: u32,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ChecklistItem {
    pub id: ItemId,
    pub title: String,
    pub status: ItemStatus,
    /// Pages that pass this item, of `checked` pages checked for it.
    pub passed: u32,
    pub checked: u32,
    /// One sentence for the reader.
    pub summary: String,
    /// The failing pages first, then the warnings; one entry per page.
    pub evidence: Vec<ItemEvidence>,
}

#[derive(Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum ItemId {
    Reachability,
    Pixel,
    Utm,
}

#[derive(Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum ItemStatus {
    Pass,
    /// Nothing in this audit checked this item.
    NotChecked,
    Warn,
    Fail,
}

/// A page that fails or warns on an item, and the finding that says why.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ItemEvidence {
    pub url: String,
    /// The finding to open for the evidence and the fix.
    pub finding_id: Option<String>,
    pub reason: String,
    /// A blocking problem (stops ads serving or being measured) rather than a warning.
    pub blocking: bool,
}

/// What one page counts for.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct PageStanding {
    pub url: String,
    /// Blocking problems on the page (each root cause once).
    pub blocking: u32,
    pub warnings: u32,
}

#[cfg(test)]
mod tests {
    use preflight_document::report::{standard_limits, AuditReport, RunStatus, Summary};

    #[test]
    fn a_real_readiness_reads_through_the_described_shape() {
        let report: AuditReport = serde_json::from_value(serde_json::json!({
            "schema_version": 1, "generator": "t", "started_at": "2026-05-03T10:00:00Z",
            "status": RunStatus::Cancelled, "planned_pages": 3, "summary": Summary::default(),
            "pages": [{ "url": "https://a.example/", "verdict": "challenged",
                "verdict_confidence": "high", "verdict_reason": "r", "fetches": [],
                "findings": [{ "id": "waf-challenges-adsbot", "area": "reachability",
                    "status": "fail", "severity": "high", "confidence": "high", "title": "t",
                    "detail": "", "evidence": [], "remedy": "" }] }],
            "limits": standard_limits(),
        }))
        .unwrap();
        let value = serde_json::to_value(preflight_readiness::assess(&report)).unwrap();
        serde_json::from_value::<super::Readiness>(value.clone())
            .unwrap_or_else(|e| panic!("{e}: {value:#}"));
    }
}
