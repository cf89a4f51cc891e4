//! Running an audit over many pages: bounded concurrency overall and per host, progress events as
//! pages finish, and cancellation that keeps what was already checked.

use crate::agents::Agent;
use crate::artifacts::FetchArtifact;
use crate::checks;
use crate::fetch::Fetcher;
use crate::report::{
    standard_limits, AuditReport, PageReport, RunStatus, Summary, REPORT_SCHEMA_VERSION,
};
use futures::stream::{self, StreamExt};
use preflight_model::{Area, Finding, Status};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex};
use tokio::sync::{mpsc, Semaphore};
use tokio_util::sync::CancellationToken;
use ts_rs::TS;

/// How hard a run may hit the sites it checks.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Pages checked at the same time across all hosts.
    pub concurrency: usize,
    /// Pages checked at the same time on one host: politeness towards production sites.
    pub per_host: usize,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            concurrency: 6,
            per_host: 2,
        }
    }
}

/// What a run reports while it works.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RunEvent {
    PageStarted { index: u32, url: String },
    PageFinished { index: u32, page: Box<PageReport> },
}

/// Audits `urls` (already validated). Pages are reported on `events` as they finish; the returned
/// report lists them in input order. On cancellation, pages not yet finished are left out and
/// the status is `Cancelled`.
pub async fn run_audit(
    urls: &[String],
    fetcher: &Fetcher,
    options: &RunOptions,
    cancel: &CancellationToken,
    events: Option<mpsc::UnboundedSender<RunEvent>>,
) -> AuditReport {
    let started_at = now_rfc3339();
    let host_slots: Arc<Mutex<HashMap<String, Arc<Semaphore>>>> = Arc::default();
    let per_host = options.per_host.max(1);
    // Each page's future owns what it uses, so the whole run is `Send` and can be spawned.
    let results: Vec<(usize, PageReport)> = stream::iter(urls.iter().cloned().enumerate())
        .map(|(index, url)| {
            let events = events.clone();
            let host_slots = host_slots.clone();
            let fetcher = fetcher.clone();
            let cancel = cancel.clone();
            async move {
                let host = url::Url::parse(&url)
                    .ok()
                    .and_then(|u| u.host_str().map(str::to_string))
                    .unwrap_or_default();
                let slot = host_slots
                    .lock()
                    .expect("host slot map is never poisoned")
                    .entry(host)
                    .or_insert_with(|| Arc::new(Semaphore::new(per_host)))
                    .clone();
                let page = tokio::select! {
                    _ = cancel.cancelled() => None,
                    page = async {
                        let _permit = slot.acquire_owned().await.expect("semaphore is never closed");
                        if let Some(tx) = &events {
                            let _ = tx.send(RunEvent::PageStarted { index: index as u32, url: url.clone() });
                        }
                        audit_page(&fetcher, &url).await
                    } => Some(page),
                };
                if let (Some(page), Some(tx)) = (&page, &events) {
                    let _ = tx.send(RunEvent::PageFinished {
                        index: index as u32,
                        page: Box::new(page.clone()),
                    });
                }
                page.map(|p| (index, p))
            }
        })
        .buffer_unordered(options.concurrency.max(1))
        .filter_map(|r| async move { r })
        .collect()
        .await;
    let mut results = results;
    results.sort_by_key(|(i, _)| *i);
    let pages: Vec<PageReport> = results.into_iter().map(|(_, p)| p).collect();
    let status = if cancel.is_cancelled() && pages.len() < urls.len() {
        RunStatus::Cancelled
    } else {
        RunStatus::Complete
    };
    AuditReport {
        schema_version: REPORT_SCHEMA_VERSION,
        generator: generator(),
        started_at,
        finished_at: Some(now_rfc3339()),
        status,
        summary: Summary::of(&pages),
        pages,
        limits: standard_limits(),
    }
}

/// Gathers the artifacts for one page (one fetch per agent, one after the other to stay polite)
/// and scores them.
pub async fn audit_page(fetcher: &Fetcher, url: &str) -> PageReport {
    let mut fetches = Vec::with_capacity(Agent::ALL.len());
    for agent in Agent::ALL {
        fetches.push(fetcher.fetch(url, agent).await);
    }
    score_page(url, fetches)
}

/// Runs every check on stored artifacts. Pure: the same artifacts always give the same report,
/// which is what lets an old audit be re-scored. A check that panics becomes an error finding.
pub fn score_page(url: &str, fetches: Vec<FetchArtifact>) -> PageReport {
    let assessment = guarded("reachability", || checks::reachability::assess(&fetches));
    let mut page = match assessment {
        Ok(a) => PageReport {
            url: url.to_string(),
            verdict: a.verdict,
            verdict_confidence: a.confidence,
            verdict_reason: a.reason,
            vendor: None,
            findings: a.findings,
            fetches: Vec::new(),
        },
        Err(finding) => PageReport {
            url: url.to_string(),
            verdict: crate::report::Verdict::Unreachable,
            verdict_confidence: preflight_model::Confidence::Low,
            verdict_reason: "The reachability check failed; see its error.".into(),
            vendor: None,
            findings: vec![finding],
            fetches: Vec::new(),
        },
    };
    match guarded("page-basics", || checks::page_basics::check(&fetches)) {
        Ok(findings) => page.findings.extend(findings),
        Err(finding) => page.findings.push(finding),
    }
    page.fetches = fetches;
    page
}

fn guarded<T>(check: &str, f: impl FnOnce() -> T) -> Result<T, Finding> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown error".into());
        Finding::new(
            "check-crashed",
            Area::Page,
            Status::Error,
            format!("The {check} check could not finish"),
        )
        .detail("An internal error stopped this check on this page; the other checks ran. Please report it with this page's URL.")
        .evidence("Error", message)
        .remedy("Audit again; if it repeats, send the page URL and this message to support.")
    })
}

pub fn generator() -> String {
    format!("Preflight {}", env!("CARGO_PKG_VERSION"))
}

pub fn now_rfc3339() -> String {
    time::OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .unwrap_or_else(|_| time::OffsetDateTime::now_utc())
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}
