//! The "Server-side conversions" section of an audit's exports: the client's latest
//! Conversions API validation and pairing, cut to what a stakeholder reads. Built here, shown
//! by the exports as is.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::pairing::Pairing;
use crate::report::{CapiValidation, RuleCount};

/// Problems and near misses listed in the section; the totals stay exact.
pub const SECTION_ITEMS: usize = 8;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct ServerSideConversions {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub validation: Option<ValidationSection>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub pairing: Option<PairingSection>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct ValidationSection {
    /// When the files were checked (RFC 3339).
    pub checked_at: String,
    pub files: Vec<String>,
    pub batches_total: u32,
    pub batches_rejected: u32,
    #[ts(type = "number")]
    pub events_checked: u64,
    #[ts(type = "number")]
    pub events_failing: u64,
    pub summary: String,
    /// Verdicts of the first rejected batches.
    pub rejected: Vec<String>,
    /// The most frequent problems, failing ones first.
    pub top_problems: Vec<RuleCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct PairingSection {
    pub checked_at: String,
    /// What the server events were paired with ("audit 12, 2 journeys").
    pub against: String,
    pub pixel_events: u32,
    pub server_events: u32,
    pub deduplicated: u32,
    pub counted_twice: u32,
    pub pixel_only: u32,
    pub server_only: u32,
    pub pixel_without_id: u32,
    pub summary: String,
    pub near_misses: Vec<String>,
}

impl ValidationSection {
    pub fn of(v: &CapiValidation, checked_at: &str) -> Self {
        let mut top = v.counts.clone();
        let rank = |s: preflight_model::Status| match s {
            preflight_model::Status::Fail => 0,
            preflight_model::Status::Warn => 1,
            _ => 2,
        };
        top.sort_by(|a, b| {
            rank(a.status)
                .cmp(&rank(b.status))
                .then(b.count.cmp(&a.count))
        });
        top.retain(|c| {
            matches!(
                c.status,
                preflight_model::Status::Fail | preflight_model::Status::Warn
            )
        });
        top.truncate(SECTION_ITEMS);
        ValidationSection {
            checked_at: checked_at.to_string(),
            files: v.files.iter().map(|f| f.name.clone()).collect(),
            batches_total: v.batches_total,
            batches_rejected: v.batches_rejected,
            events_checked: v.events_checked,
            events_failing: v.events_failing,
            summary: v.summary.clone(),
            rejected: v
                .batches
                .iter()
                .filter(|b| !b.accepted)
                .take(SECTION_ITEMS)
                .map(|b| format!("{}: {}", b.label, b.verdict))
                .collect(),
            top_problems: top,
        }
    }
}

impl PairingSection {
    pub fn of(p: &Pairing, against: &str, checked_at: &str) -> Self {
        PairingSection {
            checked_at: checked_at.to_string(),
            against: against.to_string(),
            pixel_events: p.pixel_events,
            server_events: p.server_events,
            deduplicated: p.deduplicated_total,
            counted_twice: p.expected_double_count,
            pixel_only: p.pixel_only_total,
            server_only: p.server_only_total,
            pixel_without_id: p.pixel_without_id,
            summary: p.summary.clone(),
            near_misses: p
                .near_misses
                .iter()
                .take(SECTION_ITEMS)
                .map(|n| n.explanation.clone())
                .collect(),
        }
    }
}
