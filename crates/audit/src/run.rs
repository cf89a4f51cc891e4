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
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{mpsc, Semaphore};
use tokio_util::sync::CancellationToken;
use ts_rs::TS;

/// How hard a run may hit the sites it checks.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Pages checked at the same time across all sites. `None` follows the run: `per_host`
    /// pages for every site in it, within [`AUTO_CONCURRENCY`] (see [`RunOptions::global_limit`]).
    pub concurrency: Option<usize>,
    /// Pages checked at the same time on one host: politeness towards production sites.
    pub per_host: usize,
    /// Minimum time between the starts of two requests to the same host (every request counts:
    /// robots.txt, each identity, each redirect hop).
    pub min_interval: Duration,
    /// Longest interval a site's robots.txt `Crawl-delay` (for OAI-AdsBot or `*`) can ask for;
    /// shorter delays are honoured as asked.
    pub max_site_interval: Duration,
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

/// The range the global limit adapts within when none is chosen: at least a few pages at a
/// time for a run over one or two sites, at most what one computer comfortably keeps open.
pub const AUTO_CONCURRENCY: std::ops::RangeInclusive<usize> = 6..=128;

/// The global limit a person may choose.
pub const CONCURRENCY_LIMITS: std::ops::RangeInclusive<usize> = 1..=256;
/// The interval between two requests to one site a person may choose, in milliseconds: never
/// more than ten requests a second to a site.
pub const INTERVAL_LIMITS_MS: std::ops::RangeInclusive<u64> = 100..=60_000;
/// The time a person may allow each fetch, in seconds.
pub const TIMEOUT_LIMITS_SECS: std::ops::RangeInclusive<u64> = 1..=300;

/// Pages checked at the same time on one site, by default.
pub const DEFAULT_PER_HOST: usize = 2;
/// Minimum time between two requests to one site, by default.
pub const DEFAULT_INTERVAL: Duration = Duration::from_millis(250);
/// Longest `Crawl-delay` honoured, by default: the same bound as the longest wait after 429.
pub const DEFAULT_MAX_SITE_INTERVAL: Duration = Duration::from_secs(30);

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            concurrency: None,
            per_host: DEFAULT_PER_HOST,
            min_interval: DEFAULT_INTERVAL,
            max_site_interval: DEFAULT_MAX_SITE_INTERVAL,
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
            max_site_interval: self.max_site_interval,
        }
    }

    /// Pages checked at the same time across all sites in a run over `hosts` distinct sites:
    /// the chosen limit, else enough for every site to have its `per_host` pages going (the
    /// per-site limits are what protect each site), within [`AUTO_CONCURRENCY`].
    pub fn global_limit(&self, hosts: usize) -> usize {
        match self.concurrency {
            Some(chosen) => chosen.max(1),
            None => hosts
                .saturating_mul(self.per_host.max(1))
                .clamp(*AUTO_CONCURRENCY.start(), *AUTO_CONCURRENCY.end()),
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

/// How a run is laid out: known before the first page starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunPlan {
    pub pages: usize,
    /// Distinct hosts among the pages.
    pub hosts: usize,
    /// Pages checked at the same time across all hosts.
    pub concurrency: usize,
    pub per_host: usize,
}

/// The plan of a run over `urls` with `options`.
pub fn plan(urls: &[String], options: &RunOptions) -> RunPlan {
    let hosts: HashSet<String> = urls.iter().map(|u| host_of(u)).collect();
    RunPlan {
        pages: urls.len(),
        hosts: hosts.len(),
        concurrency: options.global_limit(hosts.len()),
        per_host: options.per_host.max(1),
    }
}

/// Audits `urls` (already validated). Pages are reported on `events` as they finish; the returned
/// report lists them in input order. On cancellation, pages not yet finished are left out and
/// the status is `Cancelled`. Pages of a paused host are reported at once with a `host-paused`
/// finding and are never requested.
///
/// The report holds every page: for large runs use [`stream_audit`], which keeps none.
pub async fn run_audit(
    urls: &[String],
    fetcher: &Fetcher,
    options: &RunOptions,
    cancel: &CancellationToken,
    events: Option<mpsc::UnboundedSender<RunEvent>>,
) -> AuditReport {
    let started_at = now_rfc3339();
    let (tx, mut rx) = mpsc::channel(EVENT_BUFFER);
    let collect = async {
        let mut pages: Vec<(u32, PageReport)> = Vec::new();
        while let Some(event) = rx.recv().await {
            if let RunEvent::PageFinished { index, page } = &event {
                pages.push((*index, (**page).clone()));
            }
            if let Some(events) = &events {
                let _ = events.send(event);
            }
        }
        pages
    };
    let (status, mut pages) =
        tokio::join!(stream_audit(urls, fetcher, options, cancel, tx), collect);
    pages.sort_by_key(|(i, _)| *i);
    let report = AuditReport {
        schema_version: REPORT_SCHEMA_VERSION,
        generator: generator(),
        started_at,
        finished_at: Some(now_rfc3339()),
        status,
        planned_pages: Some(urls.len() as u32),
        summary: Summary::default(),
        pages: pages.into_iter().map(|(_, p)| p).collect(),
        limits: limits_for(options),
        funnel: None,
        journeys: Vec::new(),
    };
    preflight_readiness::normalise(report, options.funnel.as_deref())
}

/// Finished pages a run may have sent and the receiver not yet taken: past this the run waits
/// for its reader (a slow disk, say) instead of piling pages up in memory.
pub const EVENT_BUFFER: usize = 64;

/// Audits `urls` (already validated), sending each page on `events` as it finishes and keeping
/// none: memory stays the same however many pages the run has. Answers `Cancelled` when
/// `cancel` stopped it before every page finished, else `Complete`.
///
/// Every site has its own queue, `per_host` pages at a time; the queues run side by side under
/// the run's global limit (see [`RunOptions::global_limit`]), which a page takes only once its
/// site has a free slot, so pages waiting for a busy site never hold a slot another site could
/// use. robots.txt is fetched once per origin, before that origin's first page, so a
/// `Crawl-delay` it sets spaces every request of the page.
pub async fn stream_audit(
    urls: &[String],
    fetcher: &Fetcher,
    options: &RunOptions,
    cancel: &CancellationToken,
    events: mpsc::Sender<RunEvent>,
) -> RunStatus {
    let plan = plan(urls, options);
    let robots_cache: RobotsCache = Arc::default();
    let global = Arc::new(Semaphore::new(plan.concurrency));
    let politeness = Arc::new(Politeness::new(options.policy()));
    let fetcher = &fetcher
        .with_politeness(politeness.clone())
        .with_script_cache(Arc::default());
    let renderer = options
        .rendered
        .as_ref()
        .map(|o| Arc::new(Renderer::new(o)));
    let finished = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let check_page = |(index, url): (usize, String)| {
        let events = events.clone();
        let global = global.clone();
        let fetcher = fetcher.clone();
        let cancel = cancel.clone();
        let robots_cache = robots_cache.clone();
        let politeness = politeness.clone();
        let renderer = renderer.clone();
        let funnel = options.funnel.clone();
        let finished = finished.clone();
        async move {
            let index = index as u32;
            let host = host_of(&url);
            let page = tokio::select! {
                _ = cancel.cancelled() => return,
                page = guard_async("checking", async {
                    if let Some(pause) = politeness.pause(&host) {
                        return paused_page(&url, &pause, Vec::new(), None);
                    }
                    let _permit = global.acquire_owned().await.expect("semaphore is never closed");
                    // The host may have been paused while this page waited for its turn.
                    if let Some(pause) = politeness.pause(&host) {
                        return paused_page(&url, &pause, Vec::new(), None);
                    }
                    let _ = events.send(RunEvent::PageStarted { index, url: url.clone() }).await;
                    let robots = robots_first(&robots_cache, &fetcher, &politeness, &url).await;
                    let mut page = audit_page_with(&fetcher, &url, robots, Some((politeness.as_ref(), host.as_str())), renderer.as_deref()).await;
                    if let (Some(summary), Some(id)) = (&mut page.pixel, &funnel) {
                        summary.funnel = preflight_readiness::funnel::page_coverage(summary, id);
                    }
                    page
                }) => page.unwrap_or_else(|crash| crashed_page(&url, crash)),
            };
            finished.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let _ = events
                .send(RunEvent::PageFinished {
                    index,
                    page: Box::new(page),
                })
                .await;
        }
    };
    // One queue per host, `per_host` pages at a time each; the queues run side by side.
    let queues = host_queues(urls).into_iter().map(|pages| {
        stream::iter(pages)
            .map(check_page)
            .buffer_unordered(plan.per_host)
            .boxed()
    });
    stream::select_all(queues).collect::<Vec<()>>().await;
    let all_done = finished.load(std::sync::atomic::Ordering::Relaxed) == urls.len();
    if cancel.is_cancelled() && !all_done {
        RunStatus::Cancelled
    } else {
        RunStatus::Complete
    }
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

const STATIC_PIXEL_LIMIT_START: &str = "The pixel check reads each page";

/// robots.txt fetched once per origin per run, shared by every page of that origin.
type RobotsCache = Arc<Mutex<HashMap<String, Arc<tokio::sync::OnceCell<RobotsFetch>>>>>;

/// How long a page waits for its origin's robots.txt before asking for the page anyway: a
/// robots.txt that answers slowly still arrives alongside the page, within the page's time.
const ROBOTS_HEAD_START: Duration = Duration::from_secs(5);

/// The page's robots.txt, waited for up to [`ROBOTS_HEAD_START`] so its `Crawl-delay` is known
/// before the page's own requests; the rest of the wait, if any, runs alongside them.
async fn robots_first<'a>(
    cache: &'a RobotsCache,
    fetcher: &'a Fetcher,
    politeness: &'a Politeness,
    url: &'a str,
) -> impl std::future::Future<Output = RobotsFetch> + 'a {
    let mut robots = Box::pin(robots_for(cache, fetcher, politeness, url));
    let early = tokio::time::timeout(ROBOTS_HEAD_START, &mut robots)
        .await
        .ok();
    async move {
        match early {
            Some(fetched) => fetched,
            None => robots.await,
        }
    }
}

async fn robots_for(
    cache: &RobotsCache,
    fetcher: &Fetcher,
    politeness: &Politeness,
    url: &str,
) -> RobotsFetch {
    let origin = url::Url::parse(url)
        .map(|u| u.origin().ascii_serialization())
        .unwrap_or_default();
    let cell = cache
        .lock()
        .expect("robots cache is never poisoned")
        .entry(origin)
        .or_default()
        .clone();
    cell.get_or_init(|| async {
        let fetched = fetcher.fetch_robots(url).await;
        if let Some(delay) = crawl_delay(&fetched) {
            politeness.site_asks_interval(&host_of(url), delay);
        }
        fetched
    })
    .await
    .clone()
}

/// The `Crawl-delay` a fetched robots.txt sets for OAI-AdsBot (or `*`), when it was read.
fn crawl_delay(robots: &RobotsFetch) -> Option<Duration> {
    let read = robots.status.is_some_and(|s| (200..300).contains(&s)) && robots.error.is_none();
    read.then(|| {
        preflight_robots::RobotsTxt::parse(robots.body.as_bytes())
            .crawl_delay(preflight_robots::ads_bot_token())
    })
    .flatten()
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
pub fn host_of(url: &str) -> String {
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
