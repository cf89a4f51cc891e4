//! The comparison of two audits as CSV: one row per change, for spreadsheets.
//!
//! The rows are the lists of [`compare`](crate::compare()) in the order the app and the
//! comparison PDF show them: pages whose verdict changed, new problems, fixed, changed status or
//! severity, unchanged findings, pages added, pages removed. Every row carries both audits'
//! start times, so a sheet pasted elsewhere still says what it compares. Cells that a
//! spreadsheet would run as a formula are guarded as in the findings CSV
//! ([`neutralise_formula`]).

use crate::compare::{Comparison, FindingDelta, FindingState, PageSnapshot};
use crate::csv_export::neutralise_formula;
use crate::error::ExportError;
use serde::Serialize;

/// The header row, in column order.
pub const COMPARE_CSV_COLUMNS: [&str; 13] = [
    "older_started_at",
    "newer_started_at",
    "change",
    "page_url",
    "finding_id",
    "area",
    "title",
    "status_before",
    "severity_before",
    "status_after",
    "severity_after",
    "verdict_before",
    "verdict_after",
];

/// The `change` of each kind of row, in the order the rows come.
pub const COMPARE_CHANGES: [&str; 7] = [
    "verdict_changed",
    "new",
    "fixed",
    "changed",
    "unchanged",
    "page_added",
    "page_removed",
];

/// The comparison as CSV (UTF-8, comma-separated, RFC 4180 quoting). Codes are the JSON
/// report's (`fail`, `high`, `robots_blocked`); a finding absent from one audit has empty status
/// and severity there, and a page audited once has an empty verdict for the other audit.
pub fn compare_csv(comparison: &Comparison) -> Result<Vec<u8>, ExportError> {
    let mut rows: Vec<[String; 13]> = Vec::new();
    let dates = || {
        [
            comparison.older_started_at.clone(),
            comparison.newer_started_at.clone(),
        ]
    };
    for v in &comparison.verdict_changes {
        let [older, newer] = dates();
        rows.push([
            older,
            newer,
            COMPARE_CHANGES[0].into(),
            v.page_url.clone(),
            String::new(),
            String::new(),
            v.sentence.clone(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            code(&v.before),
            code(&v.after),
        ]);
    }
    let lists = [
        (COMPARE_CHANGES[1], &comparison.new),
        (COMPARE_CHANGES[2], &comparison.fixed),
        (COMPARE_CHANGES[3], &comparison.changed),
        (COMPARE_CHANGES[4], &comparison.unchanged),
    ];
    for (change, list) in lists {
        for delta in list {
            let [older, newer] = dates();
            rows.push(delta_row(older, newer, change, delta));
        }
    }
    for (change, list, added) in [
        (COMPARE_CHANGES[5], &comparison.pages_added, true),
        (COMPARE_CHANGES[6], &comparison.pages_removed, false),
    ] {
        for page in list {
            let [older, newer] = dates();
            rows.push(page_row(older, newer, change, page, added));
        }
    }

    let mut writer = csv::Writer::from_writer(Vec::new());
    let encode = |e: csv::Error| ExportError::EncodeFailed(e.to_string());
    writer.write_record(COMPARE_CSV_COLUMNS).map_err(encode)?;
    for row in rows {
        writer
            .write_record(row.map(neutralise_formula))
            .map_err(encode)?;
    }
    writer
        .into_inner()
        .map_err(|e| ExportError::EncodeFailed(e.to_string()))
}

fn delta_row(older: String, newer: String, change: &str, d: &FindingDelta) -> [String; 13] {
    let [status_before, severity_before] = state(d.before);
    let [status_after, severity_after] = state(d.after);
    [
        older,
        newer,
        change.into(),
        d.page_url.clone(),
        d.finding_id.clone(),
        code(&d.area),
        d.title.clone(),
        status_before,
        severity_before,
        status_after,
        severity_after,
        String::new(),
        String::new(),
    ]
}

fn page_row(
    older: String,
    newer: String,
    change: &str,
    page: &PageSnapshot,
    added: bool,
) -> [String; 13] {
    let (before, after) = if added {
        (String::new(), code(&page.verdict))
    } else {
        (code(&page.verdict), String::new())
    };
    [
        older,
        newer,
        change.into(),
        page.page_url.clone(),
        String::new(),
        String::new(),
        match page.open_findings {
            1 => "1 open finding".to_string(),
            n => format!("{n} open findings"),
        },
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        before,
        after,
    ]
}

fn state(state: Option<FindingState>) -> [String; 2] {
    match state {
        Some(s) => [code(&s.status), code(&s.severity)],
        None => [String::new(), String::new()],
    }
}

/// The same lowercase code the JSON report uses.
fn code<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}
