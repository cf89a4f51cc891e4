//! The audit as every reader shows it: the stored document with the counting rules applied.
//! Stored audits are never rewritten; they are read through this, so an audit saved by an older
//! version is shown under today's rules.

use crate::{counts, funnel, rules};
use preflight_document::report::{AuditReport, PageReport};

/// One page under the counting rules: merged root causes, and a pixel with a failing
/// installation problem marked as not installed. Applying it twice changes nothing.
pub fn normalise_page(page: &mut PageReport) {
    let works = rules::pixel_works(page);
    page.findings = rules::findings(page);
    if let Some(pixel) = &mut page.pixel {
        pixel.installed = works;
    }
}

/// The whole audit under the counting rules: every page, the funnel coverage for the funnel
/// chosen for it (`funnel_id`; `None` for none) and the counts. Applying it twice changes
/// nothing.
pub fn normalise(mut report: AuditReport, funnel_id: Option<&str>) -> AuditReport {
    for page in &mut report.pages {
        normalise_page(page);
    }
    funnel::apply(&mut report, funnel_id);
    report.summary = counts::summary(&report);
    report
}

/// The id of the funnel an audit is read through, as it was last applied.
pub fn funnel_id(report: &AuditReport) -> Option<&str> {
    report.funnel.as_ref().map(|f| f.funnel.id.as_str())
}
