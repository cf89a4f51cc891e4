//! The findings table: every finding that asks for something, as the counts see them (the
//! report's pages under the counting rules), then the funnel's own findings for the whole audit.

use super::text::{breakable, short_url, shortened, web_link};
use super::tone::{severity_label, status_label, status_tone, Tone};
use preflight_document::report::AuditReport;
use preflight_model::{Finding, Severity, Status};
use serde::Serialize;

/// Longest evidence value printed in the PDF; the JSON and CSV exports keep it whole.
const EVIDENCE_CHARS: usize = 200;

/// Longest page address printed in table columns; the appendix prints it whole.
pub(crate) const TABLE_URL_CHARS: usize = 100;

/// What the page column says for a finding about the whole audit's funnel.
pub(crate) const FUNNEL_PAGE: &str = "Whole audit (conversion funnel)";

#[derive(Serialize, Debug)]
pub(crate) struct FindingRow {
    pub page: String,
    pub page_href: Option<String>,
    pub severity: &'static str,
    pub status: &'static str,
    pub tone: Tone,
    pub title: String,
    pub detail: String,
    pub evidence: Vec<EvidenceRow>,
    pub remedy: String,
}

#[derive(Serialize, Debug)]
pub(crate) struct EvidenceRow {
    pub label: String,
    pub value: String,
    pub location: Option<String>,
}

/// Findings that say something (everything but passes and not-applicable), most urgent first,
/// then in page order, the funnel's last among equals. `report` is read under the counting rules.
pub(crate) fn finding_rows(report: &AuditReport) -> Vec<FindingRow> {
    let funnel = report.funnel.iter().flat_map(|f| &f.findings);
    let mut rows: Vec<(Severity, usize, usize, Option<&str>, &Finding)> = Vec::new();
    for (page_index, page) in report.pages.iter().enumerate() {
        for (index, finding) in page.findings.iter().enumerate() {
            rows.push((
                finding.severity,
                page_index,
                index,
                Some(&page.url),
                finding,
            ));
        }
    }
    for (index, finding) in funnel.enumerate() {
        rows.push((finding.severity, report.pages.len(), index, None, finding));
    }
    rows.retain(|row| !matches!(row.4.status, Status::Pass | Status::NotApplicable));
    rows.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    rows.into_iter()
        .map(|(_, _, _, url, f)| finding_row(url, f))
        .collect()
}

fn finding_row(url: Option<&str>, f: &Finding) -> FindingRow {
    FindingRow {
        page: match url {
            Some(url) => short_url(url, TABLE_URL_CHARS),
            None => FUNNEL_PAGE.to_string(),
        },
        page_href: url.and_then(web_link),
        severity: severity_label(f.severity),
        status: status_label(f.status),
        tone: status_tone(f.status),
        title: breakable(&f.title),
        detail: breakable(&f.detail),
        evidence: f
            .evidence
            .iter()
            .map(|e| EvidenceRow {
                label: breakable(&e.label),
                value: shortened(&e.value, EVIDENCE_CHARS),
                location: e.location.as_deref().map(|l| short_url(l, TABLE_URL_CHARS)),
            })
            .collect(),
        remedy: breakable(&f.remedy),
    }
}
