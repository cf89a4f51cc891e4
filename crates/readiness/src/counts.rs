//! The counts of one audit, under the counting rules of [`crate::rules`]:
//!
//! - `pages`: pages checked (a stopped audit counts only the pages it reached);
//! - `reachable`: pages OAI-AdsBot can use as they are (verdict "reachable");
//! - `failing_pages`: pages with at least one blocking problem — a page OAI-AdsBot cannot use
//!   always has one (`bot-cannot-use-page` when no check said why);
//! - `failing_findings`: blocking problems, each root cause once, plus the funnel's own;
//! - `warnings`: things worth fixing that do not stop ads serving or being measured, the
//!   funnel's included.

use crate::rules;
use preflight_document::report::{AuditReport, PageReport, Summary, Verdict};
use preflight_model::{Finding, Status};

/// What one page counts for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PageCounts {
    /// Blocking problems on the page.
    pub blocking: u32,
    pub warnings: u32,
}

impl PageCounts {
    pub fn blocked(self) -> bool {
        self.blocking > 0
    }
}

/// The counts of one page, from its findings under the counting rules.
pub fn page_counts(page: &PageReport) -> PageCounts {
    counts_of(&rules::findings(page))
}

fn counts_of(findings: &[Finding]) -> PageCounts {
    let mut counts = PageCounts::default();
    for f in findings {
        match f.status {
            Status::Fail => counts.blocking += 1,
            Status::Warn => counts.warnings += 1,
            _ => {}
        }
    }
    counts
}

/// The counts of a whole audit.
pub fn summary(report: &AuditReport) -> Summary {
    let mut summary = Summary {
        pages: report.pages.len() as u32,
        ..Summary::default()
    };
    for page in &report.pages {
        *summary.by_verdict.entry(page.verdict).or_default() += 1;
        if page.verdict == Verdict::Reachable {
            summary.reachable += 1;
        }
        let counts = page_counts(page);
        if counts.blocked() {
            summary.failing_pages += 1;
        }
        summary.failing_findings += counts.blocking;
        summary.warnings += counts.warnings;
    }
    if let Some(funnel) = &report.funnel {
        for f in &funnel.findings {
            match f.status {
                Status::Fail => summary.failing_findings += 1,
                Status::Warn => summary.warnings += 1,
                _ => {}
            }
        }
    }
    summary
}
