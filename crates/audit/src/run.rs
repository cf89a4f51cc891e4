//! Running an audit over many pages: bounded concurrency overall and per host, politeness per
//! host (see `politeness`), progress events as pages finish, and cancellation that keeps what
//! was already checked.

use crate::agents::Agent;
use crate::artifacts::{FetchArtifact, RobotsFetch};
use crate::checks;
use crate::crash::{guard, guard_async};
use crate::fetch::Fetcher;
pub use crate::page::audit_page;
use crate::page::{audit_page_with, crashed_page, paused_page};
use crate::pixel::{self, PageSource};
use crate::politeness::{Policy, Politeness};
use crate::report::Verdict;
use crate::report::{
    standard_limits, AuditReport, PageReport, RunStatus, Summary, REPORT_SCHEMA_VERSION,
};
use futures::stream::{self, StreamExt};
use preflight_model::Confidence;
use preflight_waf::ResponseKind;
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

/// How the rendered check runs.
#[derive(Debug, Clone)]
pub struct RenderedOptions {
    pub capture: preflight_capture::CaptureOptions,
    /// Browsers running at the same time (each is a whole Chromium).
    pub concurrency: usize,
}

impl Default for RenderedOptions {
    fn default() -> Self {
        RenderedOptions {
            capture: preflight_capture::CaptureOptions {
                timeout: Duration::from_secs(20),
                ..preflight_capture::CaptureOptions::default()
            },
            concurrency: 1,
        }
    }
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
    let host_slots: Arc<Mutex<HashMap<String, Arc<Semaphore>>>> = Arc::default();
    let robots_cache: RobotsCache = Arc::default();
    let per_host = options.per_host.max(1);
    let politeness = Arc::new(Politeness::new(options.policy()));
    let fetcher = &fetcher.with_politeness(politeness.clone());
    let renderer = options
        .rendered
        .as_ref()
        .map(|o| Arc::new(Renderer::new(o)));
    // Each page's future owns what it uses, so the whole run is `Send` and can be spawned.
    let results: Vec<(usize, PageReport)> = stream::iter(urls.iter().cloned().enumerate())
        .map(|(index, url)| {
            let events = events.clone();
            let host_slots = host_slots.clone();
            let fetcher = fetcher.clone();
            let cancel = cancel.clone();
            let robots_cache = robots_cache.clone();
            let politeness = politeness.clone();
            let renderer = renderer.clone();
            let funnel = options.funnel.clone();
            async move {
                let host = url::Url::parse(&url)
                    .ok()
                    .and_then(|u| u.host_str().map(str::to_string))
                    .unwrap_or_default();
                let slot = host_slots
                    .lock()
                    .expect("host slot map is never poisoned")
                    .entry(host.clone())
                    .or_insert_with(|| Arc::new(Semaphore::new(per_host)))
                    .clone();
                let page = tokio::select! {
                    _ = cancel.cancelled() => None,
                    page = guard_async("checking", async {
                        if let Some(pause) = politeness.pause(&host) {
                            return paused_page(&url, &pause, Vec::new(), None);
                        }
                        let _permit = slot.acquire_owned().await.expect("semaphore is never closed");
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

/// Runs pages in a headless browser, a few at a time, for the rendered pixel check.
pub(crate) enum Renderer {
    /// No browser could be found; every page says why.
    Unavailable(String),
    Ready {
        options: preflight_capture::CaptureOptions,
        slots: Arc<Semaphore>,
    },
}

impl Renderer {
    fn new(options: &RenderedOptions) -> Self {
        let browser = match &options.capture.browser {
            Some(path) if path.is_file() => Ok(path.clone()),
            Some(path) => Err(format!(
                "the browser given, {}, does not exist.",
                path.display()
            )),
            None => preflight_capture::find_browser().map_err(|e| e.to_string()),
        };
        // As root without the explicit opt-in, no page is opened in a browser at all (a
        // browser that cannot be found is the first thing to say, though).
        let browser =
            browser.and_then(
                |path| match preflight_capture::sandbox_refusal(&options.capture) {
                    Some(refusal) => Err(refusal.to_string()),
                    None => Ok(path),
                },
            );
        match browser {
            Ok(path) => Renderer::Ready {
                options: preflight_capture::CaptureOptions {
                    browser: Some(path),
                    ..options.capture.clone()
                },
                slots: Arc::new(Semaphore::new(options.concurrency.max(1))),
            },
            Err(why) => Renderer::Unavailable(why),
        }
    }

    fn describe(options: &RenderedOptions) -> String {
        Renderer::new(options).limit()
    }

    fn limit(&self) -> String {
        match self {
            Renderer::Ready { .. } => "The pixel check reads each page and its own scripts, and also runs each page in a browser for a few seconds to record the pixel calls it makes (tag managers included). It cannot see events that fire only after cookie consent or a visitor's action (a purchase, a form), or events on other pages (such as the order confirmation): record a journey for those. Nothing is sent to OpenAI during the check.".into(),
            Renderer::Unavailable(why) => format!("The rendered check (each page run in a browser) did not run: {why} Only the static scan of each page and its own scripts was done; pixel code added by a tag manager is not seen."),
        }
    }

    /// Runs the page; cancelling drops the future, and the capture cleans up after itself.
    pub(crate) async fn render(&self, url: &str) -> crate::pixel::RenderedInput {
        use crate::pixel::RenderedInput;
        match self {
            Renderer::Unavailable(why) => RenderedInput::NotRun(why.clone()),
            Renderer::Ready { options, slots } => {
                let _slot = slots.acquire().await.expect("semaphore is never closed");
                match preflight_capture::capture(url, options).await {
                    Ok(capture) => RenderedInput::Captured(Box::new(capture)),
                    Err(e) => RenderedInput::Failed {
                        code: e.code().to_string(),
                        message: e.to_string(),
                    },
                }
            }
        }
    }
}

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

/// Runs every check on stored artifacts. Pure: the same artifacts always give the same report,
/// which is what lets an old audit be re-scored. A check that panics becomes an error finding.
/// `source` (the page as the browser got it and its own scripts) feeds the pixel scan; it is not
/// stored, so without it (a stored audit, a page the browser could not load) the page has no
/// pixel result and no pixel findings. Pixel findings never change the verdict.
pub fn score_page(
    url: &str,
    fetches: Vec<FetchArtifact>,
    robots_fetch: Option<RobotsFetch>,
    params_fetch: Option<FetchArtifact>,
    source: Option<&PageSource>,
) -> PageReport {
    let mut findings = Vec::new();
    let (mut verdict, mut confidence, mut reason) = match guard("the reachability check", || {
        checks::reachability::assess(&fetches)
    }) {
        Ok(a) => {
            findings.extend(a.findings);
            (a.verdict, a.confidence, a.reason)
        }
        Err(finding) => {
            findings.push(finding);
            (
                Verdict::Unreachable,
                Confidence::Low,
                "The reachability check failed; see its error.".to_string(),
            )
        }
    };

    // Firewalls and CDNs: a challenge or block page can come with status 200.
    let mut vendor = None;
    match guard("the firewall check", || checks::firewall::check(&fetches)) {
        Ok(result) => {
            if let Some(bot) = &result.bot {
                vendor = bot.vendor.as_ref().map(|v| v.id.clone());
                let bot_got_response = matches!(
                    verdict,
                    Verdict::Reachable
                        | Verdict::Blocked
                        | Verdict::Cloaked
                        | Verdict::Unreachable
                        | Verdict::RateLimited
                );
                let overridden = match bot.kind {
                    ResponseKind::Challenge if bot_got_response => Some((Verdict::Challenged, "OAI-AdsBot gets a challenge (CAPTCHA or browser check) instead of the page.")),
                    ResponseKind::Block if bot_got_response => Some((Verdict::Blocked, "A firewall or the server blocks OAI-AdsBot.")),
                    ResponseKind::RateLimit if bot_got_response => Some((Verdict::RateLimited, "OAI-AdsBot is rate limited.")),
                    _ => None,
                };
                if let Some((v, why)) = overridden {
                    if v != verdict {
                        findings.retain(|f| f.id != "bot-reachable");
                        verdict = v;
                        confidence = bot.kind_confidence;
                        reason = why.to_string();
                    }
                }
            }
            findings.extend(result.findings);
        }
        Err(finding) => findings.push(finding),
    }

    // robots.txt comes first for a crawler: a disallowed URL is never fetched at all.
    let mut robots = None;
    if let Some(fetch) = &robots_fetch {
        match guard("the robots.txt check", || checks::robots::check(url, fetch)) {
            Ok((v, robots_findings)) => {
                // A site that cannot be reached at all is "unreachable", not "blocked by
                // robots.txt", even though an unreachable robots.txt also means disallow all.
                let whole_site_down = fetch.error.is_some()
                    && matches!(verdict, Verdict::Unreachable | Verdict::Timeout);
                if let Some(v) = &v {
                    if !v.allowed && !whole_site_down {
                        findings.retain(|f| f.id != "bot-reachable");
                        verdict = Verdict::RobotsBlocked;
                        confidence = Confidence::High;
                        reason = if v.blocks_only_tagged_url() {
                            "robots.txt forbids OAI-AdsBot this tagged URL (the page without its parameters is allowed).".into()
                        } else {
                            "robots.txt forbids OAI-AdsBot this URL.".into()
                        };
                    }
                }
                robots = v;
                findings.extend(robots_findings);
            }
            Err(finding) => findings.push(finding),
        }
    }

    let mut params_survive = None;
    if let Some(fetch) = &params_fetch {
        match guard("the parameter check", || checks::params::check(fetch)) {
            Ok((survived, finding)) => {
                params_survive = survived;
                findings.push(finding);
            }
            Err(finding) => findings.push(finding),
        }
    }

    match guard("the page basics check", || {
        checks::page_basics::check(&fetches, verdict)
    }) {
        Ok(more) => findings.extend(more),
        Err(finding) => findings.push(finding),
    }

    let mut pixel_summary = None;
    if let Some(source) = source {
        let headers: Vec<(String, String)> = fetches
            .iter()
            .find(|f| f.agent == Agent::Browser)
            .map(|f| {
                f.headers
                    .iter()
                    .map(|h| (h.name.clone(), h.value.clone()))
                    .collect()
            })
            .unwrap_or_default();
        match guard("the pixel check", || pixel::check(source, &headers)) {
            Ok((summary, more)) => {
                pixel_summary = Some(summary);
                findings.extend(more);
            }
            Err(finding) => findings.push(finding),
        }
    }

    PageReport {
        url: url.to_string(),
        verdict,
        verdict_confidence: confidence,
        verdict_reason: reason,
        vendor,
        robots,
        params_survive,
        findings,
        fetches,
        robots_fetch,
        params_fetch,
        pixel: pixel_summary,
    }
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
