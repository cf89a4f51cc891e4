//! A run as agencies use it: many pages over many sites. What is fetched once per run, what a
//! site's own Crawl-delay does, how fast cancel is, and that a huge run starts at once.

use preflight_audit::{
    parse_targets, CancellationToken, FetchOptions, Fetcher, RunEvent, RunOptions, RunStatus,
    Verdict,
};
use preflight_fixtures::FixtureSite;
use std::time::{Duration, Instant};

fn fetcher() -> Fetcher {
    Fetcher::new(FetchOptions {
        timeout: Duration::from_secs(10),
        ..FetchOptions::default()
    })
    .unwrap()
}

fn options(interval_ms: u64) -> RunOptions {
    RunOptions {
        min_interval: Duration::from_millis(interval_ms),
        ..RunOptions::default()
    }
}

#[tokio::test]
async fn a_script_shared_by_a_sites_pages_is_fetched_once_per_run() {
    let site = FixtureSite::start();
    let urls: Vec<String> = (1..=4)
        .map(|n| site.url(&format!("/pixel/checkout?n={n}")))
        .collect();
    let report = preflight_audit::run_audit(
        &urls,
        &fetcher(),
        &options(20),
        &CancellationToken::new(),
        None,
    )
    .await;
    assert_eq!(site.requests_to("/pixel/js/checkout.js").len(), 1);
    // Every page still read it: the calls inside count on each.
    let first = report.pages[0].pixel.as_ref().expect("pixel summary");
    assert!(!first.events.is_empty(), "{first:#?}");
    for page in &report.pages {
        let pixel = page.pixel.as_ref().expect("pixel summary");
        assert_eq!(pixel.scripts_examined, 1, "{}", page.url);
        assert_eq!(pixel.standard_events, first.standard_events, "{}", page.url);
    }
}

/// The site asks for 0.4 s between requests in robots.txt for `*`; the audit's own interval is
/// shorter, so the site's wins for every request after robots.txt. A delay set only for another
/// crawler changes nothing.
#[tokio::test]
async fn a_crawl_delay_for_everyone_spaces_every_request_and_one_for_others_does_not() {
    let slow = FixtureSite::start_with_robots("User-agent: *\nCrawl-delay: 0.4\nAllow: /\n");
    let other = FixtureSite::start_with_robots(
        "User-agent: GPTBot\nCrawl-delay: 5\nDisallow: /private\n\nUser-agent: *\nAllow: /\n",
    );
    let mut urls: Vec<String> = (1..=2).map(|n| slow.url(&format!("/page/{n}"))).collect();
    // Politeness is per host name: the other site is reached as `localhost`.
    urls.extend((1..=2).map(|n| format!("http://localhost:{}/page/{n}", other.port())));
    let report = preflight_audit::run_audit(
        &urls,
        &fetcher(),
        &options(50),
        &CancellationToken::new(),
        None,
    )
    .await;
    assert!(report.pages.iter().all(|p| p.verdict == Verdict::Reachable));
    let gaps = |site: &FixtureSite| -> Vec<Duration> {
        let received = site.requests_to("/");
        assert_eq!(received[0].path, "/robots.txt");
        received.windows(2).map(|w| w[1].at - w[0].at).collect()
    };
    let slow_gaps = gaps(&slow);
    assert_eq!(
        slow_gaps.len(),
        8,
        "robots.txt, then four requests per page"
    );
    // Arrival jitter on a busy machine can eat a little of each gap, never most of it.
    assert!(
        slow_gaps.iter().all(|g| *g >= Duration::from_millis(330)),
        "{slow_gaps:?}"
    );
    let other_gaps = gaps(&other);
    assert!(
        other_gaps.iter().any(|g| *g < Duration::from_millis(330)),
        "{other_gaps:?}"
    );
}

#[tokio::test]
async fn cancel_stops_a_busy_run_within_a_second() {
    let a = FixtureSite::start();
    let b = FixtureSite::start_on("127.0.0.2:0");
    let mut urls = Vec::new();
    for n in 0..20 {
        urls.push(a.url(&format!("/slow?ms=8000&n={n}")));
        urls.push(b.url(&format!("/slow?ms=8000&n={n}")));
    }
    let cancel = CancellationToken::new();
    let (tx, mut rx) = tokio::sync::mpsc::channel(16);
    let fetcher = fetcher();
    let options = options(20);
    let run = preflight_audit::stream_audit(&urls, &fetcher, &options, &cancel, tx);
    let cancelled_at = async {
        while let Some(event) = rx.recv().await {
            if matches!(event, RunEvent::PageStarted { .. }) {
                break;
            }
        }
        // Every site is now waiting on slow answers.
        tokio::time::sleep(Duration::from_millis(500)).await;
        cancel.cancel();
        let at = Instant::now();
        // Keep reading so the run never waits for its reader.
        while rx.recv().await.is_some() {}
        at
    };
    let (status, cancelled_at) = tokio::join!(run, cancelled_at);
    assert_eq!(status, RunStatus::Cancelled);
    let took = cancelled_at.elapsed();
    assert!(took < Duration::from_secs(1), "cancel took {took:?}");
}

/// 50,000 URLs from a large ads export: the targets are read and the first page starts at once,
/// with nothing worked out per page up front.
#[tokio::test]
async fn fifty_thousand_urls_start_at_once_and_stream() {
    let site = FixtureSite::start();
    let text: String = (0..50_000)
        .map(|n| format!("{}\n", site.url(&format!("/page/{n}?utm_source=chatgpt"))))
        .collect();
    let started = Instant::now();
    let targets = parse_targets(&text);
    assert_eq!(targets.urls.len(), 50_000);
    let cancel = CancellationToken::new();
    let (tx, mut rx) = tokio::sync::mpsc::channel(16);
    let fetcher = fetcher();
    let options = options(20);
    let run = preflight_audit::stream_audit(&targets.urls, &fetcher, &options, &cancel, tx);
    let watch = async {
        let mut finished = 0;
        while let Some(event) = rx.recv().await {
            if matches!(event, RunEvent::PageFinished { .. }) {
                finished += 1;
                if finished == 1 {
                    // A first page is done while 49,999 wait: stop here.
                    assert!(
                        started.elapsed() < Duration::from_secs(5),
                        "{:?}",
                        started.elapsed()
                    );
                    cancel.cancel();
                }
            }
        }
        finished
    };
    let (status, finished) = tokio::join!(run, watch);
    assert_eq!(status, RunStatus::Cancelled);
    assert!(finished < 50, "{finished} pages");
}

/// One site starts refusing and is paused, another asks the audit to wait out a 429: the third
/// site goes on at its own pace and finishes while the second is still waiting.
#[tokio::test]
async fn sites_that_refuse_or_rate_limit_do_not_hold_back_the_others() {
    let refusing = FixtureSite::start();
    let limited = FixtureSite::start_on("127.0.0.2:0");
    let healthy = FixtureSite::start_on("127.0.0.3:0");
    let mut urls: Vec<String> = (1..=10)
        .map(|n| refusing.url(&format!("/quota/{n}?after=6")))
        .collect();
    urls.push(limited.url("/retry-after/seconds?secs=4"));
    urls.extend((1..=4).map(|n| healthy.url(&format!("/page/{n}"))));
    let report = preflight_audit::run_audit(
        &urls,
        &fetcher(),
        &options(100),
        &CancellationToken::new(),
        None,
    )
    .await;
    assert_eq!(report.status, RunStatus::Complete);
    let paused = report
        .pages
        .iter()
        .filter(|p| p.findings.iter().any(|f| f.id == "host-paused"))
        .count();
    assert!(paused >= 4, "{paused} pages paused");
    let healthy_pages: Vec<_> = report
        .pages
        .iter()
        .filter(|p| p.url.contains("127.0.0.3"))
        .collect();
    assert_eq!(healthy_pages.len(), 4);
    assert!(healthy_pages
        .iter()
        .all(|p| p.verdict == Verdict::Reachable));
    // The healthy site was done before the rate-limited one asked again.
    let last_healthy = healthy.requests_to("/").last().unwrap().at;
    let retry = limited.requests_to("/retry-after/")[1].at;
    assert!(
        last_healthy < retry,
        "the healthy site waited for the rate-limited one"
    );
}
