//! A saved audit beside a client's imported access log: for each audited page, what the real
//! crawler got on it according to the log, and a finding where the two disagree.

use preflight_accesslog::{
    coverage_notes, disagreement, page_evidence, LogReport, PageLogEvidence,
};
use preflight_document::AuditReport;
use preflight_model::Finding;
use preflight_store::{Store, StoreError};
use serde::Serialize;
use ts_rs::TS;

use crate::audits::load_audit;
use crate::log_imports::load_log_import;

/// One audited page and the log's record of it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PageLogMatch {
    pub url: String,
    /// The audit's verdict label for the page.
    pub verdict: String,
    /// `None` when the real crawler never asked for the page in the log.
    pub evidence: Option<PageLogEvidence>,
    /// Present when the log and the audit disagree.
    pub finding: Option<Finding>,
}

/// The audit's pages matched against one log import.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AuditLogMatch {
    #[ts(type = "number")]
    pub audit_id: i64,
    #[ts(type = "number")]
    pub log_import_id: i64,
    pub log_file: String,
    pub pages: Vec<PageLogMatch>,
    /// What limits the match: a log from another site, or one that ends long before the audit.
    pub notes: Vec<String>,
}

/// Matches every page of audit `audit_id` against log import `log_import_id`.
pub fn match_audit_with_log(
    store: &Store,
    audit_id: i64,
    log_import_id: i64,
) -> Result<AuditLogMatch, StoreError> {
    let audit = load_audit(store, audit_id)?;
    let import = load_log_import(store, log_import_id)?;
    let (pages, notes) = match_pages(&audit, &import.report);
    Ok(AuditLogMatch {
        notes,
        audit_id,
        log_import_id,
        log_file: import.summary.file_name,
        pages,
    })
}

/// Each page of `audit` beside `report`, in the audit's order, and the notes on how far the
/// log covers the audit: the one join the log match and "What OpenAI saw" both show.
pub fn match_pages(audit: &AuditReport, report: &LogReport) -> (Vec<PageLogMatch>, Vec<String>) {
    let pages = audit
        .pages
        .iter()
        .map(|page| {
            let evidence = page_evidence(report, &page.url);
            let finding = evidence
                .as_ref()
                .and_then(|e| disagreement(e, page.verdict.bot_got_page()));
            PageLogMatch {
                url: page.url.clone(),
                verdict: page.verdict.label().to_string(),
                evidence,
                finding,
            }
        })
        .collect();
    let urls: Vec<&str> = audit.pages.iter().map(|p| p.url.as_str()).collect();
    (pages, coverage_notes(report, &urls, &audit.started_at))
}
