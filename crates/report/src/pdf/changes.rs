//! The "Changes since <date>" section: a [`Comparison`] worded for the PDF.

use super::findings::TABLE_URL_CHARS;
use super::text::{breakable, sanitize, short_url};
use super::tone::{severity_label, status_label, Tone};
use crate::compare::{is_open, Comparison, Direction, FindingDelta, FindingState, PageSnapshot};
use crate::dates::human_date;
use serde::Serialize;

#[derive(Serialize, Debug)]
pub(crate) struct ComparisonData {
    pub since: String,
    pub verdict_changes: Vec<VerdictChangeRow>,
    pub new: Vec<DeltaRow>,
    pub fixed: Vec<DeltaRow>,
    pub changed: Vec<DeltaRow>,
    pub unchanged_open: usize,
    pub pages_added: Vec<PageChangeRow>,
    pub pages_removed: Vec<PageChangeRow>,
}

#[derive(Serialize, Debug)]
pub(crate) struct VerdictChangeRow {
    pub page: String,
    pub sentence: String,
    pub tone: Tone,
}

#[derive(Serialize, Debug)]
pub(crate) struct DeltaRow {
    pub page: String,
    pub title: String,
    pub before: String,
    pub after: String,
}

#[derive(Serialize, Debug)]
pub(crate) struct PageChangeRow {
    pub page: String,
    pub verdict: &'static str,
    pub open_findings: u32,
}

pub(crate) fn comparison_data(comparison: &Comparison) -> ComparisonData {
    let deltas = |list: &[FindingDelta]| list.iter().map(delta_row).collect();
    let page_changes = |list: &[PageSnapshot]| {
        list.iter()
            .map(|p| PageChangeRow {
                page: short_url(&p.page_url, TABLE_URL_CHARS),
                verdict: p.verdict.label(),
                open_findings: p.open_findings,
            })
            .collect()
    };
    ComparisonData {
        since: human_date(&comparison.older_started_at),
        verdict_changes: comparison
            .verdict_changes
            .iter()
            .map(|c| VerdictChangeRow {
                page: short_url(&c.page_url, TABLE_URL_CHARS),
                sentence: sanitize(&c.sentence),
                tone: match c.direction {
                    Direction::Better => Tone::Good,
                    Direction::Worse => Tone::Bad,
                    Direction::Different => Tone::Warn,
                },
            })
            .collect(),
        new: deltas(&comparison.new),
        fixed: deltas(&comparison.fixed),
        changed: deltas(&comparison.changed),
        unchanged_open: comparison
            .unchanged
            .iter()
            .filter(|d| d.after.is_some_and(|s| is_open(s.status)))
            .count(),
        pages_added: page_changes(&comparison.pages_added),
        pages_removed: page_changes(&comparison.pages_removed),
    }
}

fn delta_row(delta: &FindingDelta) -> DeltaRow {
    let state = |s: Option<FindingState>| match s {
        Some(s) => format!(
            "{} ({})",
            status_label(s.status),
            severity_label(s.severity).to_lowercase()
        ),
        None => "Absent".to_string(),
    };
    DeltaRow {
        page: short_url(&delta.page_url, TABLE_URL_CHARS),
        title: breakable(&delta.title),
        before: state(delta.before),
        after: state(delta.after),
    }
}
