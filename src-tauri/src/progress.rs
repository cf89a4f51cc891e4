//! What the window hears while an audit runs: one `audit-progress` event per page started and
//! finished, and one when the run ends.

use crate::error::AppError;
use preflight_audit::{PageReport, RunStatus, Verdict};
use preflight_session::{PageEvent, RunPace, RunProgress};
use serde::Serialize;
use ts_rs::TS;

/// The event name the window listens to.
pub const PROGRESS_EVENT: &str = "audit-progress";

#[derive(Debug, Clone, Copy, Serialize, TS, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ProgressKind {
    PageStarted,
    PageFinished,
    Finished,
    Failed,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct AuditProgress {
    #[ts(type = "number")]
    pub run_id: i64,
    #[ts(type = "number")]
    pub client_id: i64,
    pub kind: ProgressKind,
    pub done: u32,
    pub total: u32,
    pub url: Option<String>,
    pub verdict: Option<Verdict>,
    /// The page just checked, read under the counting rules (with `page_finished`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub page: Option<PageReport>,
    /// How the run is going: pages per minute, time left, slowest and paused sites (with page
    /// events).
    pub pace: Option<RunPace>,
    /// How the run ended (with `finished`).
    pub status: Option<RunStatus>,
    /// What went wrong (with `failed`).
    pub error: Option<AppError>,
}

impl AuditProgress {
    /// An event about the run as a whole, before any page detail.
    pub fn of_run(run_id: i64, client_id: i64, kind: ProgressKind, done: u32, total: u32) -> Self {
        AuditProgress {
            run_id,
            client_id,
            kind,
            done,
            total,
            url: None,
            verdict: None,
            page: None,
            pace: None,
            status: None,
            error: None,
        }
    }

    /// The window's event for a page of the run starting or finishing; `done` counts the pages
    /// finished, this one included once it has finished.
    pub fn of_page(run_id: i64, client_id: i64, progress: RunProgress) -> Self {
        let (kind, url, verdict) = (
            match progress.event {
                PageEvent::Started { .. } => ProgressKind::PageStarted,
                PageEvent::Finished { .. } => ProgressKind::PageFinished,
            },
            progress.url().to_string(),
            progress.verdict(),
        );
        let (done, total, pace) = (progress.done, progress.total, progress.pace);
        let page = match progress.event {
            PageEvent::Finished { page, .. } => Some(*page),
            PageEvent::Started { .. } => None,
        };
        AuditProgress {
            url: Some(url),
            verdict,
            page,
            pace: Some(pace),
            ..AuditProgress::of_run(run_id, client_id, kind, done, total)
        }
    }
}
