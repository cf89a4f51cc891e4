//! One page's work in a run: gather its artifacts, then score them off the async threads.
//!
//! Time is bounded at every step, so a dead or hostile page reports within [`PAGE_BUDGET`]:
//! robots.txt is fetched while the identities are (politeness still spaces the requests to one
//! host), the identities and the parameter check share the page's budget, the parameter check
//! and the page's scripts are skipped when the browser got no page, the scripts share one time
//! budget, and scoring has a CPU budget of its own. A panic in any step is a finding on this
//! page only (see `crash`).

use crate::agents::Agent;
use crate::artifacts::{FetchArtifact, FetchErrorKind, RobotsFetch};
use crate::checks;
use crate::crash::{guard, guard_async};
use crate::fetch::Fetcher;
use crate::pixel::{self, PageSource};
use crate::politeness::{HostPause, Politeness};
use crate::renderer::Renderer;
use crate::report::{PageReport, Verdict};
use crate::score::score_page;
use preflight_model::{Area, Confidence, Finding, Status};
use std::future::Future;
use std::time::Duration;

/// Longest time the site may take to answer one page: its three identities (asked side by side)
/// and then its parameter check, so a dead page (silent, dripping, endless) reports in about
/// this long. Each fetch also keeps its own timeout.
pub const PAGE_BUDGET: Duration = Duration::from_secs(24);
/// Below this much time left, an identity is not asked at all.
const MIN_FETCH_TIME: Duration = Duration::from_secs(1);

/// Longest time the checks of one page may take once its artifacts are in. Real pages take
/// milliseconds; past this the page is scored without the pixel scan, and says so.
pub const SCORING_BUDGET: Duration = Duration::from_secs(20);

/// Gathers and scores one page on its own (robots.txt fetched for it alone).
pub async fn audit_page(fetcher: &Fetcher, url: &str) -> PageReport {
    audit_page_with(fetcher, url, fetcher.fetch_robots(url), None, None).await
}

/// Gathers the artifacts for one page and scores them. With `pause` (the run's politeness and
/// the page's host), it stops asking as soon as the host is paused: when an identity could not
/// be asked, the page is reported as not checked; later steps are skipped and the page is
/// scored without them.
pub(crate) async fn audit_page_with(
    fetcher: &Fetcher,
    url: &str,
    robots: impl Future<Output = RobotsFetch>,
    pause: Option<(&Politeness, &str)>,
    renderer: Option<&Renderer>,
) -> PageReport {
    let paused = || pause.and_then(|(politeness, host)| politeness.pause(host));
    // The fetcher sends nothing to a paused host; such a fetch comes back without any answer.
    let unsent = |fetch: &FetchArtifact| fetch.hops.is_empty() && paused().is_some();
    // The identities do not depend on each other: they are asked side by side, each within
    // the page's budget, and politeness still spaces their requests to the host.
    let identities = futures::future::join_all(Agent::ALL.map(|agent| async move {
        if agent == Agent::Browser {
            fetcher.fetch_page(url, PAGE_BUDGET).await
        } else {
            let fetch = fetcher.fetch_within(url, agent, PAGE_BUDGET).await;
            (fetch, String::new(), None)
        }
    }));
    let (robots, identities) = tokio::join!(robots, identities);
    let used = identities
        .iter()
        .map(|(fetch, _, _)| Duration::from_millis(fetch.total_ms.into()))
        .max()
        .unwrap_or_default();
    let mut fetches = Vec::with_capacity(Agent::ALL.len());
    let mut browser_page = None;
    for (fetch, text, page) in identities {
        if unsent(&fetch) {
            let pause = paused().expect("checked by unsent");
            return paused_page(url, &pause, fetches, Some(robots));
        }
        if fetch.agent == Agent::Browser {
            browser_page = Some((text, page));
        }
        fetches.push(fetch);
    }
    let browser = fetches.iter().find(|f| f.agent == Agent::Browser);
    // Without a page for the browser, asking again with parameters would only wait again.
    let params = async {
        match (browser.filter(|b| got_answer(b)), time_left(used)) {
            (Some(_), Some(time)) => {
                let tagged = preflight_utm::with_test_click_ids(url);
                let fetch = fetcher.fetch_within(&tagged, Agent::Browser, time).await;
                (!unsent(&fetch)).then_some(fetch)
            }
            _ => None,
        }
    };
    // The page's scripts and the parameter check both need only the browser's answer.
    let scripts = async {
        match (browser, browser_page) {
            (Some(browser), Some((html, page))) => {
                let gathered = pixel::gather(fetcher, browser, html, page, || paused().is_some());
                guard_async("reading the page's scripts", gathered).await
            }
            _ => Ok(None),
        }
    };
    let (params, scripts) = tokio::join!(params, scripts);
    let mut crashes = Vec::new();
    let mut source = scripts.unwrap_or_else(|crash| {
        crashes.push(crash);
        None
    });
    if let (Some(source), Some(renderer)) = (&mut source, renderer) {
        source.rendered = if paused().is_some() {
            pixel::RenderedInput::NotRun(
                "the site started refusing requests during the audit, so the page was not opened in a browser".into(),
            )
        } else {
            match guard_async("running the page in a browser", renderer.render(url)).await {
                Ok(rendered) => rendered,
                Err(crash) => {
                    let message = crash.title.clone();
                    crashes.push(crash);
                    pixel::RenderedInput::Failed {
                        code: "check_crashed".into(),
                        message,
                    }
                }
            }
        };
    }
    let mut page = score_off_thread(url, fetches, robots, params, source).await;
    page.findings.extend(crashes);
    page
}

/// Time the site may still take for this page, out of [`PAGE_BUDGET`]; `None` when too little
/// is left to ask at all. Only the site's own time counts (fetch timings leave out politeness
/// waits, which are the audit's choice).
fn time_left(used: Duration) -> Option<Duration> {
    PAGE_BUDGET
        .checked_sub(used)
        .filter(|left| *left >= MIN_FETCH_TIME)
}

/// True when the fetch brought a page back (an answer that was read to its end or its cap).
fn got_answer(fetch: &FetchArtifact) -> bool {
    fetch.status.is_some()
        && !fetch
            .error
            .as_ref()
            .is_some_and(|e| e.kind == FetchErrorKind::Timeout)
}

/// Scores the page on a blocking thread within [`SCORING_BUDGET`]. Past the budget the page is
/// scored again without the pixel scan (the costly part), with a finding saying so.
async fn score_off_thread(
    url: &str,
    fetches: Vec<FetchArtifact>,
    robots: RobotsFetch,
    params: Option<FetchArtifact>,
    source: Option<PageSource>,
) -> PageReport {
    let fallback = (fetches.clone(), robots.clone(), params.clone());
    let owned_url = url.to_string();
    let scoring = tokio::task::spawn_blocking(move || {
        guard("the checks", || {
            score_page(&owned_url, fetches, Some(robots), params, source.as_ref())
        })
    });
    let problem = match tokio::time::timeout(SCORING_BUDGET, scoring).await {
        Ok(Ok(Ok(page))) => return page,
        Ok(Ok(Err(crash))) => crash,
        Ok(Err(join)) => crate::crash::crashed(
            "the checks",
            join.try_into_panic().unwrap_or_else(|_| {
                Box::new("the checks were stopped".to_string()) as Box<dyn std::any::Any + Send>
            }),
        ),
        Err(_) => too_complex(),
    };
    let (fetches, robots, params) = fallback;
    let mut page = score_page(url, fetches, Some(robots), params, None);
    page.findings.push(problem);
    page
}

fn too_complex() -> Finding {
    Finding::new(
        "page-too-complex",
        Area::Pixel,
        Status::Warn,
        "The page was too complex to scan for the pixel in time",
    )
    .detail(format!(
        "Reading this page's HTML and scripts for the OpenAI Ads pixel took longer than {} seconds, so the pixel scan was stopped. The reachability checks are complete; the pixel result for this page is unknown.",
        SCORING_BUDGET.as_secs()
    ))
    .evidence(
        "Time limit",
        format!(
            "The pixel scan of this page's HTML and scripts was stopped after {} seconds.",
            SCORING_BUDGET.as_secs()
        ),
    )
    .remedy("Check the pixel on this page with the rendered check or a journey. If the page really is this large (megabytes of markup or thousands of scripts), it is also slow for visitors.")
}

/// The report of a page whose check crashed before anything could be scored: its verdict is
/// unknown, so it is not counted as ready.
pub(crate) fn crashed_page(url: &str, crash: Finding) -> PageReport {
    PageReport {
        url: url.to_string(),
        verdict: Verdict::Unreachable,
        verdict_confidence: Confidence::Low,
        verdict_reason: "Preflight could not finish checking this page (an internal error); its verdict is unknown.".into(),
        vendor: None,
        robots: None,
        params_survive: None,
        findings: vec![crash],
        fetches: Vec::new(),
        robots_fetch: None,
        params_fetch: None,
        pixel: None,
    }
}

/// The report of a page left unchecked because its host is paused. Whatever was fetched before
/// the pause is kept as evidence.
pub(crate) fn paused_page(
    url: &str,
    pause: &HostPause,
    fetches: Vec<FetchArtifact>,
    robots_fetch: Option<RobotsFetch>,
) -> PageReport {
    let not_checked = checks::host_pause::not_checked(pause);
    PageReport {
        url: url.to_string(),
        verdict: not_checked.verdict,
        verdict_confidence: not_checked.confidence,
        verdict_reason: not_checked.reason,
        vendor: None,
        robots: None,
        params_survive: None,
        findings: vec![not_checked.finding],
        fetches,
        robots_fetch,
        params_fetch: None,
        pixel: None,
    }
}
