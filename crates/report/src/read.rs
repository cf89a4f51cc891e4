//! How every export reads an audit: under the counting rules, with its readiness. Each export
//! function goes through [`read`], so a report that was not read through
//! `preflight_session::load_audit` (an engine result, a document from an older version) still
//! comes out with the same counts as the app. Reading is idempotent: an audit already read
//! under the rules comes out unchanged.

use preflight_document::report::AuditReport;
use preflight_readiness::Readiness;

/// An audit as every reader shows it, and its readiness.
pub(crate) struct ReadAudit {
    pub report: AuditReport,
    pub readiness: Readiness,
}

/// The audit under the counting rules (funnel coverage recomputed for the funnel it carries),
/// and its readiness.
pub(crate) fn read(report: &AuditReport) -> ReadAudit {
    let report = normalised(report);
    let readiness = preflight_readiness::assess(&report);
    ReadAudit { report, readiness }
}

/// [`read`] for a report the caller gives up: no copy of a large audit is made.
pub(crate) fn read_owned(report: AuditReport) -> ReadAudit {
    let funnel = preflight_readiness::funnel_id(&report).map(str::to_string);
    let report = preflight_readiness::normalise(report, funnel.as_deref());
    let readiness = preflight_readiness::assess(&report);
    ReadAudit { report, readiness }
}

/// The audit under the counting rules.
pub(crate) fn normalised(report: &AuditReport) -> AuditReport {
    preflight_readiness::normalise(report.clone(), preflight_readiness::funnel_id(report))
}
