//! Is this audit ready? The one answer, with the sentence every reader prints for it.

use crate::checklist::{checklist, Checklist, ItemStatus};
use crate::counts;
use preflight_document::report::{AuditReport, RunStatus, Summary};
use serde::Serialize;
use ts_rs::TS;

/// The state of an audit as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReadinessState {
    /// Every page was checked and nothing stops ads serving or being measured.
    Ready,
    /// Every page was checked and something must be fixed first.
    NotReady,
    /// The audit did not check every page (stopped, interrupted or still running): what it
    /// found holds for the pages it reached, and it says nothing about the others.
    Partial,
    /// No page was checked.
    Empty,
}

impl ReadinessState {
    /// A short label for badges.
    pub fn label(self) -> &'static str {
        match self {
            ReadinessState::Ready => "Ready",
            ReadinessState::NotReady => "Not ready",
            ReadinessState::Partial => "Partial",
            ReadinessState::Empty => "Nothing checked",
        }
    }
}

/// Everything a reader needs to say whether an audit is ready, computed once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Readiness {
    pub state: ReadinessState,
    /// `state`'s label.
    pub label: String,
    /// One sentence: "Not ready: 9 of 13 pages have blocking problems."
    pub headline: String,
    /// The counts, under the counting rules.
    pub counts: Summary,
    /// Pages the audit set out to check, when known (a partial audit checked fewer).
    pub planned_pages: Option<u32>,
    pub checklist: Checklist,
    /// What each page counts for, in the audit's page order.
    pub pages: Vec<PageStanding>,
}

/// What one page counts for, so no reader has to judge a page itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PageStanding {
    pub url: String,
    /// Blocking problems on the page (each root cause once).
    pub blocking: u32,
    pub warnings: u32,
}

/// The readiness of `report`, read under the counting rules.
pub fn assess(report: &AuditReport) -> Readiness {
    let planned_pages = report.planned_pages;
    let counts = counts::summary(report);
    let checklist = checklist(report);
    let state = if report.status != RunStatus::Complete {
        ReadinessState::Partial
    } else if counts.pages == 0 {
        ReadinessState::Empty
    } else if checklist.ready {
        ReadinessState::Ready
    } else {
        ReadinessState::NotReady
    };
    let headline = headline(state, report.status, &counts, planned_pages, &checklist);
    Readiness {
        state,
        label: state.label().into(),
        headline,
        counts,
        planned_pages,
        checklist,
        pages: report
            .pages
            .iter()
            .map(|page| {
                let c = counts::page_counts(page);
                PageStanding {
                    url: page.url.clone(),
                    blocking: c.blocking,
                    warnings: c.warnings,
                }
            })
            .collect(),
    }
}

fn pages(n: u32) -> String {
    if n == 1 {
        "1 page".into()
    } else {
        format!("{n} pages")
    }
}

fn headline(
    state: ReadinessState,
    status: RunStatus,
    c: &Summary,
    planned: Option<u32>,
    checklist: &Checklist,
) -> String {
    match state {
        ReadinessState::Empty => "No page was checked.".into(),
        ReadinessState::Ready => match c.pages {
            1 => "Ready: the page can run ChatGPT ads.".into(),
            n => format!("Ready: all {n} pages can run ChatGPT ads."),
        },
        ReadinessState::Partial => {
            let how = match status {
                RunStatus::Running => {
                    return match planned {
                        Some(p) => format!("Running: {} of {p} pages checked so far.", c.pages),
                        None => format!("Running: {} checked so far.", pages(c.pages)),
                    }
                }
                RunStatus::Cancelled => "stopped",
                RunStatus::Interrupted => "interrupted",
                RunStatus::Complete => "complete",
            };
            let done = match planned {
                Some(p) if p >= c.pages => format!("{} of {p} pages checked", c.pages),
                _ => format!("{} checked", pages(c.pages)),
            };
            let found = if c.failing_pages > 0 {
                format!(
                    "; {} of them {} blocking problems",
                    c.failing_pages,
                    if c.failing_pages == 1 { "has" } else { "have" }
                )
            } else {
                String::new()
            };
            format!("Partial audit ({how}): {done}{found}. It is not a readiness verdict.")
        }
        ReadinessState::NotReady => {
            if c.failing_pages > 0 {
                format!(
                    "Not ready: {} of {} {} blocking problems.",
                    c.failing_pages,
                    pages(c.pages),
                    if c.failing_pages == 1 { "has" } else { "have" }
                )
            } else if let Some(item) = checklist
                .items
                .iter()
                .find(|i| i.status == ItemStatus::Fail)
            {
                format!("Not ready: {}", item.summary)
            } else {
                let unchecked: Vec<String> = checklist
                    .items
                    .iter()
                    .filter(|i| i.status == ItemStatus::NotChecked)
                    .map(|i| i.title.to_lowercase())
                    .collect();
                format!(
                    "Not ready: this audit could not check that {}.",
                    unchecked.join(", nor that ")
                )
            }
        }
    }
}
