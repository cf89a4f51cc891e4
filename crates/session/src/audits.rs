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
    let audit = store.load_audits(&[run_id])?.remove(0);
    Ok(preflight_readiness::normalise(
        audit.report,
        audit.funnel.as_deref(),
    ))
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
    let ids: Vec<i64> = store.list_audits(client_id)?.iter().map(|a| a.id).collect();
    listings(store, &ids)
}

/// The audits `ids`, in that order, each with its readiness, read together (a few queries
/// whatever their number). An audit deleted meanwhile is left out.
pub fn listings(store: &Store, ids: &[i64]) -> Result<Vec<AuditListing>, StoreError> {
    let loaded = match store.load_audits(ids) {
        Err(StoreError::AuditNotFound(_)) => {
            // Deleted by someone else between the two reads: read the ones still there.
            let still: Vec<i64> = ids
                .iter()
                .copied()
                .filter(|id| store.audit_summary(*id).is_ok())
                .collect();
            store.load_audits(&still)?
        }
        other => other?,
    };
    Ok(loaded
        .into_iter()
        .map(|audit| {
            let report = preflight_readiness::normalise(audit.report, audit.funnel.as_deref());
            AuditListing {
                readiness: preflight_readiness::assess(&report),
                audit: audit.summary,
            }
        })
        .collect())
}
