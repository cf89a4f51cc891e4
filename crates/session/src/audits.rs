//! Stored audits as every reader sees them: the saved document read under the counting rules,
//! with its readiness.

use preflight_document::AuditReport;
use preflight_readiness::Readiness;
use preflight_store::{AuditSummary, Store, StoreError};
use serde::Serialize;
use ts_rs::TS;

/// A stored audit as every reader sees it: the saved document with the counting rules applied
/// and its derived parts (funnel coverage for the funnel chosen for it) computed. The stored
/// document is never rewritten.
pub fn load_audit(store: &Store, run_id: i64) -> Result<AuditReport, StoreError> {
    let report = store.load_report(run_id)?;
    let funnel = store.audit_funnel(run_id)?;
    Ok(preflight_readiness::normalise(report, funnel.as_deref()))
}

/// A stored audit with its readiness.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AssessedAudit {
    pub audit: AuditSummary,
    pub report: AuditReport,
    pub readiness: Readiness,
}

/// A stored audit, its listing and its readiness, read together.
pub fn assess_audit(store: &Store, run_id: i64) -> Result<AssessedAudit, StoreError> {
    let audit = store.audit_summary(run_id)?;
    let report = load_audit(store, run_id)?;
    let readiness = preflight_readiness::assess(&report);
    Ok(AssessedAudit {
        audit,
        report,
        readiness,
    })
}

/// An audit as listed, with its readiness (re-counted under the current rules).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AuditListing {
    pub audit: AuditSummary,
    pub readiness: Readiness,
}

/// The audits of one client (or of all), newest first, each with its readiness.
pub fn list_audits(store: &Store, client_id: Option<i64>) -> Result<Vec<AuditListing>, StoreError> {
    store
        .list_audits(client_id)?
        .into_iter()
        .map(|audit| {
            let report = load_audit(store, audit.id)?;
            let readiness = preflight_readiness::assess(&report);
            Ok(AuditListing { audit, readiness })
        })
        .collect()
}
