//! The findings CSV: one row per finding, for spreadsheets and analysis tools.
//!
//! The rows are the findings under the counting rules, as the app and the PDF show them: a
//! root cause is one row (a firewall challenge carries the error status it answered with as
//! evidence), so the `fail` rows are the readiness model's blocking problems and the `warn` rows
//! its warnings. The funnel's findings about the whole audit follow the pages' rows, marked by
//! an empty `page_url` and `verdict` and the area [`FUNNEL_AREA`].
//!
//! Every cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading
//! apostrophe, so a spreadsheet shows the text instead of running it as a formula (page titles,
//! URLs and evidence come from the audited sites and may be hostile).

use crate::error::ExportError;
use preflight_document::report::{AuditReport, PageReport};
use preflight_model::Finding;
use serde::Serialize;

/// The header row, in column order.
pub const CSV_COLUMNS: [&str; 11] = [
    "started_at",
    "page_url",
    "verdict",
    "finding_id",
    "area",
    "status",
    "severity",
    "title",
    "detail",
    "evidence",
    "remedy",
];

/// Separates evidence items within the `evidence` cell.
pub const EVIDENCE_SEPARATOR: &str = " | ";

/// The `area` of a row holding one of the funnel's findings about the whole audit (its
/// `page_url` and `verdict` are empty).
pub const FUNNEL_AREA: &str = "funnel";

/// The findings of every page under the counting rules, then the funnel's findings, as CSV
/// (UTF-8, comma-separated, RFC 4180 quoting). A page with no findings still gets one row, with
/// the finding columns empty, so its verdict is not lost. The report is read under the counting
/// rules first (reading twice changes nothing), whatever it is given.
pub fn findings_csv(report: &AuditReport) -> Result<Vec<u8>, ExportError> {
    let report = crate::read::normalised(report);
    let mut writer = csv::Writer::from_writer(Vec::new());
    let encode = |e: csv::Error| ExportError::EncodeFailed(e.to_string());
    writer.write_record(CSV_COLUMNS).map_err(encode)?;
    for page in &report.pages {
        if page.findings.is_empty() {
            writer
                .write_record(guarded(page_row(&report, page, None)))
                .map_err(encode)?;
        }
        for finding in &page.findings {
            writer
                .write_record(guarded(page_row(&report, page, Some(finding))))
                .map_err(encode)?;
        }
    }
    for finding in report.funnel.iter().flat_map(|f| &f.findings) {
        writer
            .write_record(guarded(funnel_row(&report, finding)))
            .map_err(encode)?;
    }
    writer
        .into_inner()
        .map_err(|e| ExportError::EncodeFailed(e.to_string()))
}

fn page_row(report: &AuditReport, page: &PageReport, finding: Option<&Finding>) -> [String; 11] {
    let cell = |f: fn(&Finding) -> String| finding.map(f).unwrap_or_default();
    [
        report.started_at.clone(),
        page.url.clone(),
        code(&page.verdict),
        cell(|f| f.id.clone()),
        cell(|f| code(&f.area)),
        cell(|f| code(&f.status)),
        cell(|f| code(&f.severity)),
        cell(|f| f.title.clone()),
        cell(|f| f.detail.clone()),
        cell(evidence_cell),
        cell(|f| f.remedy.clone()),
    ]
}

fn funnel_row(report: &AuditReport, f: &Finding) -> [String; 11] {
    [
        report.started_at.clone(),
        String::new(),
        String::new(),
        f.id.clone(),
        FUNNEL_AREA.to_string(),
        code(&f.status),
        code(&f.severity),
        f.title.clone(),
        f.detail.clone(),
        evidence_cell(f),
        f.remedy.clone(),
    ]
}

/// "label: value" items joined with " | "; a location, when known, follows in parentheses.
fn evidence_cell(finding: &Finding) -> String {
    finding
        .evidence
        .iter()
        .map(|e| match &e.location {
            Some(location) => format!("{}: {} ({location})", e.label, e.value),
            None => format!("{}: {}", e.label, e.value),
        })
        .collect::<Vec<_>>()
        .join(EVIDENCE_SEPARATOR)
}

/// The same lowercase code the JSON report uses (`robots_blocked`, `not-applicable`, ...).
fn code<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

fn guarded(row: [String; 11]) -> [String; 11] {
    row.map(neutralise_formula)
}

/// Prefixes an apostrophe to text a spreadsheet would otherwise treat as a formula.
pub fn neutralise_formula(cell: String) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_triggers_get_an_apostrophe_and_plain_text_does_not() {
        for risky in ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralise_formula(risky.into()), format!("'{risky}"));
        }
        for safe in ["", "https://a.example/", "a=b", " =1", "'quoted"] {
            assert_eq!(neutralise_formula(safe.into()), safe);
        }
    }
}
