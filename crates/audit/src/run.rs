//! Running an audit over many pages: one queue per host (`per_host` pages at a time each) under
//! one global limit that only pages ready to start take, politeness per
//! host (see `politeness`), progress events as pages finish, and cancellation that keeps what
//! was already checked.

use crate::artifacts::RobotsFetch;
use crate::crash::guard_async;
use crate::fetch::Fetcher;
pub use crate::page::audit_page;
use crate::page::{audit_page_with, crashed_page, paused_page};
use crate::politeness::{Policy, Politeness};
pub use crate::renderer::RenderedOptions;
use crate::renderer::Renderer;
use crate::report::{
    standard_limits, AuditReport, PageReport, RunStatus, Summary, REPORT_SCHEMA_VERSION,
};
pub use crate::score::score_page;
use futures::stream::{self, StreamExt};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
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
    /// Minimum time between the starts of two requests to the same host (every request counts:
    /// robots.txt, each identity, each redirect hop).
    pub min_interval: Duration,
    /// Longest wait after HTTP 429 before asking once more, whatever `Retry-After` says, so a
    /// hostile value cannot stall the run.
    pub max_retry_wait: Duration,
    /// Wait after HTTP 429 without a usable `Retry-After`; doubles with each further 429 from
    /// the same host (up to `max_retry_wait`).
    pub backoff_base: Duration,
    /// A host whose last this-many answers were all 403, 429 or 5xx, at least one of them to
    /// the browser identity, is paused: its remaining pages are not requested. 0 never pauses.
    pub pause_after: usize,
    /// The conversion funnel to measure the pages against (`ecommerce`, `lead-generation`, …);
    /// an unknown id is ignored.
    pub funnel: Option<String>,
    /// Also run each page in a headless browser to record the pixel calls it makes at run time
    /// (tag managers, timers). `None`: static scan only.
    pub rendered: Option<RenderedOptions>,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            concurrency: 6,
            per_host: 2,
            min_interval: Duration::from_millis(250),
            max_retry_wait: Duration::from_secs(30),
            backoff_base: Duration::from_secs(1),
            pause_after: 5,
            funnel: None,
            rendered: None,
        }
    }
}

impl RunOptions {
    fn policy(&self) -> Policy {
        Policy {
            min_interval: self.min_interval,
            max_retry_wait: self.max_retry_wait,
            backoff_base: self.backoff_base,
            pause_after: self.pause_after,
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
/// the status is `Cancelled`. Pages of a paused host are reported at once with a `host-paused`
/// finding and are never requested.
pub async fn run_audit(
    urls: &[String],
    fetcher: &Fetcher,
    options: &RunOptions,
    cancel: &CancellationToken,
    events: Option<mpsc::UnboundedSender<RunEvent>>,
) -> AuditReport {
    let started_at = now_rfc3339();
    let robots_cache: RobotsCache = Arc::default();
    let per_host = options.per_host.max(1);
    // The global limit is a semaphore taken once a page's host has a free slot, so pages
    // waiting for a busy host never hold a global slot that another site could use.
    let global = Arc::new(Semaphore::new(options.concurrency.max(1)));
    let politeness = Arc::new(Politeness::new(options.policy()));
    let fetcher = &fetcher.with_politeness(politeness.clone());
    let renderer = options
        .rendered
        .as_ref()
        .map(|o| Arc::new(Renderer::new(o)));
    let check_page = |(index, url): (usize, String)| {
        let events = events.clone();
        let global = global.clone();
        let fetcher = fetcher.clone();
        let cancel = cancel.clone();
        let robots_cache = robots_cache.clone();
        let politeness = politeness.clone();
        let renderer = renderer.clone();
        let funnel = options.funnel.clone();
        async move {
            let host = host_of(&url);
            let page = tokio::select! {
                _ = cancel.cancelled() => None,
                page = guard_async("checking", async {
                    if let Some(pause) = politeness.pause(&host) {
                        return paused_page(&url, &pause, Vec::new(), None);
                    }
                    let _permit = global.acquire_owned().await.expect("semaphore is never closed");
                    // The host may have been paused while this page waited for its turn.
                    if let Some(pause) = politeness.pause(&host) {
                        return paused_page(&url, &pause, Vec::new(), None);
                    }
                    if let Some(tx) = &events {
                        let _ = tx.send(RunEvent::PageStarted { index: index as u32, url: url.clone() });
                    }
                    let robots = robots_for(&robots_cache, &fetcher, &url);
                    let mut page = audit_page_with(&fetcher, &url, robots, Some((politeness.as_ref(), host.as_str())), renderer.as_deref()).await;
                    if let (Some(summary), Some(id)) = (&mut page.pixel, &funnel) {
                        summary.funnel = preflight_readiness::funnel::page_coverage(summary, id);
                    }
                    page
                }) => Some(page.unwrap_or_else(|crash| crashed_page(&url, crash))),
            };
            if let (Some(page), Some(tx)) = (&page, &events) {
                let _ = tx.send(RunEvent::PageFinished {
                    index: index as u32,
                    page: Box::new(page.clone()),
                });
            }
            page.map(|p| (index, p))
        }
    };
    // One queue per host, `per_host` pages at a time each; the queues run side by side.
    let queues = host_queues(urls).into_iter().map(|pages| {
        stream::iter(pages)
            .map(check_page)
            .buffer_unordered(per_host)
            .boxed()
    });
    let results: Vec<(usize, PageReport)> = stream::select_all(queues)
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
    let report = AuditReport {
        schema_version: REPORT_SCHEMA_VERSION,
        generator: generator(),
        started_at,
        finished_at: Some(now_rfc3339()),
        status,
        planned_pages: Some(urls.len() as u32),
        summary: Summary::default(),
        pages,
        limits: run_limits(renderer.as_deref()),
        funnel: None,
        journeys: Vec::new(),
    };
    preflight_readiness::normalise(report, options.funnel.as_deref())
}

/// The report's limits for a run with these options (also written when a run starts).
pub fn limits_for(options: &RunOptions) -> Vec<String> {
    let renderer = options.rendered.as_ref().map(|o| Renderer::describe(o));
    let mut limits = standard_limits();
    if let Some(line) = renderer {
        limits.retain(|l| !l.starts_with(STATIC_PIXEL_LIMIT_START));
        limits.push(line);
    }
    limits
}

fn run_limits(renderer: Option<&Renderer>) -> Vec<String> {
    let mut limits = standard_limits();
    if let Some(renderer) = renderer {
        limits.retain(|l| !l.starts_with(STATIC_PIXEL_LIMIT_START));
        limits.push(renderer.limit());
    }
    limits
}

const STATIC_PIXEL_LIMIT_START: &str = "The pixel check reads each page";

/// robots.txt fetched once per origin per run, shared by every page of that origin.
type RobotsCache = Arc<Mutex<HashMap<String, Arc<tokio::sync::OnceCell<RobotsFetch>>>>>;

async fn robots_for(cache: &RobotsCache, fetcher: &Fetcher, url: &str) -> RobotsFetch {
    let origin = url::Url::parse(url)
        .map(|u| u.origin().ascii_serialization())
        .unwrap_or_default();
    let cell = cache
        .lock()
        .expect("robots cache is never poisoned")
        .entry(origin)
        .or_default()
        .clone();
    cell.get_or_init(|| fetcher.fetch_robots(url)).await.clone()
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

/// The host of a URL as the per-host limits count it (empty for an unparsable one).
fn host_of(url: &str) -> String {
    url::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_default()
}

/// The URLs with their input positions, grouped by host in order of first appearance.
fn host_queues(urls: &[String]) -> Vec<Vec<(usize, String)>> {
    let mut position: HashMap<String, usize> = HashMap::new();
    let mut queues: Vec<Vec<(usize, String)>> = Vec::new();
    for (index, url) in urls.iter().enumerate() {
        let slot = *position.entry(host_of(url)).or_insert_with(|| {
            queues.push(Vec::new());
            queues.len() - 1
        });
        queues[slot].push((index, url.clone()));
    }
    queues
}
