//! Politeness in a run, checked at the fixture's end: what it received and when.

use preflight_audit::{
    Agent, AuditReport, CancellationToken, FetchOptions, Fetcher, PageReport, RunEvent, RunOptions,
    RunStatus, Verdict,
};
use preflight_fixtures::FixtureSite;
use std::time::Duration;

fn fetcher() -> Fetcher {
    Fetcher::new(FetchOptions {
        timeout: Duration::from_secs(5),
        ..FetchOptions::default()
    })
    .unwrap()
}

/// Quick options for tests; each test sets what it is about. The interval leaves a loopback
/// answer (a 429, say) time to arrive before the page's next identity is asked.
fn options() -> RunOptions {
    RunOptions {
        min_interval: Duration::from_millis(100),
        max_retry_wait: Duration::from_secs(5),
        backoff_base: Duration::from_millis(200),
        ..RunOptions::default()
    }
}

async fn run(urls: &[String], options: &RunOptions) -> (AuditReport, Vec<RunEvent>) {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let report = tokio::time::timeout(
        Duration::from_secs(60),
        preflight_audit::run_audit(
            urls,
            &fetcher(),
            options,
            &CancellationToken::new(),
            Some(tx),
        ),
    )
    .await
    .expect("the run ends");
    let mut events = Vec::new();
    while let Ok(event) = rx.try_recv() {
        events.push(event);
    }
    (report, events)
}

fn ids(page: &PageReport) -> Vec<&str> {
    page.findings.iter().map(|f| f.id.as_str()).collect()
}

#[tokio::test]
async fn requests_to_one_host_keep_the_minimum_interval() {
    let site = FixtureSite::start();
    let urls: Vec<String> = (1..=3).map(|n| site.url(&format!("/page/{n}"))).collect();
    let options = RunOptions {
        min_interval: Duration::from_millis(300),
        ..options()
    };
    let (report, _) = run(&urls, &options).await;
    assert!(report.pages.iter().all(|p| p.verdict == Verdict::Reachable));
    let received = site.requests_to("/");
    // robots.txt once, then three identities and the parameter check per page.
    assert_eq!(received.len(), 1 + 3 * 4, "{received:#?}");
    for pair in received.windows(2) {
        let gap = pair[1].at - pair[0].at;
        // The client starts requests 300 ms apart; arrival jitter on a busy machine can eat a
        // little of that, never most of it.
        assert!(
            gap >= Duration::from_millis(200),
            "{} then {} only {gap:?} apart",
            pair[0].path,
            pair[1].path
        );
    }
    // The wait is the audit's choice, not the site's slowness: no page is called slow.
    assert!(report
        .pages
        .iter()
        .all(|p| !ids(p).contains(&"page-slow") && p.fetches[0].total_ms < 5_000));
}

#[tokio::test]
async fn a_429_is_waited_out_as_retry_after_says_and_asked_once_more() {
    let site = FixtureSite::start();
    let seconds = site.url("/retry-after/seconds?secs=1");
    let date = site.url("/retry-after/date?date=2");
    let (report, _) = run(&[seconds, date], &options()).await;
    for (page, key) in report.pages.iter().zip(["seconds", "date"]) {
        assert_eq!(page.verdict, Verdict::Reachable, "{:#?}", page.findings);
        let bot = &page.fetches[0];
        assert_eq!(bot.status, Some(200));
        let retry = bot.rate_limit_retry.as_ref().expect("the 429 is on record");
        assert!(retry.retry_after.is_some());
        let received = site.requests_to(&format!("/retry-after/{key}"));
        assert_eq!(received[0].user_agent, Agent::Adsbot.user_agent());
        assert_eq!(received[1].user_agent, Agent::Adsbot.user_agent());
        let gap = received[1].at - received[0].at;
        // delta-seconds: the full second. HTTP date: whole seconds, so at least most of one.
        let least = if key == "seconds" { 1_000 } else { 900 };
        assert!(gap >= Duration::from_millis(least), "{key}: {gap:?}");
        assert!(retry.waited_ms as u64 >= least - 100, "{key}: {retry:?}");
        // The 429 is not a redirect hop.
        assert_eq!(bot.hops.len(), 1);
    }
}

#[tokio::test]
async fn without_retry_after_a_short_backoff_is_used_and_a_hostile_value_is_capped() {
    let site = FixtureSite::start();
    let none = site.url("/retry-after/none");
    let hostile = site.url("/retry-after/hostile?secs=86400");
    let options = RunOptions {
        max_retry_wait: Duration::from_millis(400),
        ..options()
    };
    let (report, _) = run(&[none, hostile], &options).await;
    for page in &report.pages {
        assert_eq!(page.verdict, Verdict::Reachable, "{:#?}", page.findings);
    }
    let none_requests = site.requests_to("/retry-after/none");
    assert!(none_requests[1].at - none_requests[0].at >= Duration::from_millis(200));
    let hostile_retry = report.pages[1].fetches[0]
        .rate_limit_retry
        .as_ref()
        .unwrap();
    assert_eq!(hostile_retry.retry_after.as_deref(), Some("86400"));
}

#[tokio::test]
async fn a_lasting_rate_limit_is_retried_once_then_reported() {
    let site = FixtureSite::start();
    let options = RunOptions {
        max_retry_wait: Duration::from_millis(300),
        ..options()
    };
    let (report, _) = run(&[site.url("/rate-limited")], &options).await;
    let page = &report.pages[0];
    assert_eq!(page.verdict, Verdict::RateLimited);
    // The rate limit is one blocking problem: `bot-rate-limited` leads it, or is folded into the
    // finding that names the cause, with its evidence.
    let failing: Vec<_> = page
        .findings
        .iter()
        .filter(|f| f.status == preflight_model::Status::Fail)
        .collect();
    assert_eq!(failing.len(), 1, "{failing:#?}");
    let finding = failing[0];
    assert!(
        finding.id == "bot-rate-limited"
            || finding
                .evidence
                .iter()
                .any(|e| e.value.ends_with("(bot-rate-limited)")),
        "{finding:#?}"
    );
    assert!(finding.evidence.iter().any(|e| e.label == "Asked again"));
    let received = site.requests_to("/rate-limited");
    let as_agent = |agent: Agent| {
        received
            .iter()
            .filter(|r| r.user_agent == agent.user_agent())
            .count()
    };
    // One retry for the full user agent; once that was refused too, no retry for the token.
    assert_eq!(as_agent(Agent::Adsbot), 2);
    assert_eq!(as_agent(Agent::AdsbotToken), 1);
    assert_eq!(as_agent(Agent::Browser), 2, "page and parameter check");
}

#[tokio::test]
async fn cancelling_interrupts_a_long_retry_wait() {
    let site = FixtureSite::start();
    let urls = vec![site.url("/retry-after/long?secs=30")];
    let options = RunOptions {
        max_retry_wait: Duration::from_secs(30),
        ..options()
    };
    let cancel = CancellationToken::new();
    let fetcher = fetcher();
    let run = preflight_audit::run_audit(&urls, &fetcher, &options, &cancel, None);
    let canceller = async {
        while site.requests_to("/retry-after/long").is_empty() {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        // Now the run is waiting out the 30 seconds.
        tokio::time::sleep(Duration::from_millis(200)).await;
        cancel.cancel();
    };
    let (report, _) = tokio::time::timeout(Duration::from_secs(10), async {
        tokio::join!(run, canceller)
    })
    .await
    .expect("cancel ends the wait at once");
    assert_eq!(report.status, RunStatus::Cancelled);
    assert!(report.pages.is_empty());
    assert_eq!(site.requests_to("/retry-after/long").len(), 1);
}

#[tokio::test]
async fn a_host_that_turns_to_refusing_everyone_is_paused_and_its_other_pages_never_requested() {
    let site = FixtureSite::start();
    let path = |n: u32| format!("/quota/{n}?after=6");
    let urls: Vec<String> = (1..=16).map(|n| site.url(&path(n))).collect();
    let (report, events) = run(&urls, &options()).await;
    assert_eq!(report.status, RunStatus::Complete);
    assert_eq!(report.pages.len(), 16);

    let received = site.requests_to("/quota/");
    // 6 served, then refusals until the pause, and at most one request already under way.
    assert!(received.len() > 6);
    assert!(received.len() <= 6 + 5 + 2, "{}", received.len());

    let paused: Vec<(usize, &PageReport)> = report
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| ids(p).contains(&"host-paused"))
        .collect();
    assert!(paused.len() >= 8, "{} paused", paused.len());
    let mut never_requested = 0;
    for (i, page) in &paused {
        let finding = page
            .findings
            .iter()
            .find(|f| f.id == "host-paused")
            .unwrap();
        assert!(
            finding
                .evidence
                .iter()
                .any(|e| e.label == "Last answers" && e.value.contains("403")),
            "{finding:#?}"
        );
        assert!(finding.remedy.contains("allowlist"));
        // The host answered normally first, so it is limiting the rate.
        assert_eq!(page.verdict, Verdict::RateLimited);
        if page.fetches.is_empty() {
            never_requested += 1;
            let mine = path(*i as u32 + 1);
            assert!(
                received.iter().all(|r| !r.path.starts_with(&mine)),
                "{mine} was requested after the pause"
            );
        }
    }
    assert!(never_requested >= 8, "{never_requested} never requested");
    // The pause reaches the progress stream with each page it stopped.
    let finished_paused = events
        .iter()
        .filter(|e| matches!(e, RunEvent::PageFinished { page, .. } if ids(page).contains(&"host-paused")))
        .count();
    assert_eq!(finished_paused, paused.len());
}

#[tokio::test]
async fn a_site_that_refuses_only_the_bot_is_audited_page_by_page_not_paused() {
    let site = FixtureSite::start();
    let urls: Vec<String> = (1..=9)
        .map(|n| site.url(&format!("/blocks-adsbot?n={n}")))
        .collect();
    // Three pages at a time: their bot and token requests come in a row, six refusals without
    // an answer to the browser in between.
    let options = RunOptions {
        per_host: 3,
        ..options()
    };
    let (report, _) = run(&urls, &options).await;
    for page in &report.pages {
        assert_eq!(page.verdict, Verdict::Blocked, "{:?}", ids(page));
        assert!(!ids(page).contains(&"host-paused"));
    }
    assert_eq!(site.requests_to("/blocks-adsbot").len(), 9 * 4);
}

/// Pages waiting for a busy site do not hold the run's global slots: with two global slots and
/// one page at a time per site, a second site starts while the first is still on its first page.
#[tokio::test]
async fn a_busy_site_does_not_hold_back_the_others() {
    let site = FixtureSite::start();
    let slow = |n: u32| format!("http://127.0.0.1:{}/slow?ms=700&n={n}", site.port());
    let fast = |n: u32| format!("http://localhost:{}/page/{n}", site.port());
    let urls = vec![slow(1), slow(2), slow(3), fast(1), fast(2)];
    let options = RunOptions {
        concurrency: Some(2),
        per_host: 1,
        ..options()
    };
    let (report, events) = run(&urls, &options).await;
    assert_eq!(report.pages.len(), 5);
    let position = |wanted: &dyn Fn(&RunEvent) -> bool| events.iter().position(|e| wanted(e));
    let other_site_started =
        position(&|e| matches!(e, RunEvent::PageStarted { url, .. } if url.contains("localhost")))
            .expect("the other site's pages start");
    let first_slow_finished =
        position(&|e| matches!(e, RunEvent::PageFinished { page, .. } if page.url.contains("n=1")))
            .expect("the slow page finishes");
    let order: Vec<String> = events
        .iter()
        .map(|e| match e {
            RunEvent::PageStarted { url, .. } => format!("started {url}"),
            RunEvent::PageFinished { page, .. } => format!("finished {}", page.url),
        })
        .collect();
    assert!(
        other_site_started < first_slow_finished,
        "the other site waited for the busy one: {order:#?}"
    );
    // Results keep the input order.
    let urls_out: Vec<&str> = report.pages.iter().map(|p| p.url.as_str()).collect();
    assert_eq!(
        urls_out,
        urls.iter().map(String::as_str).collect::<Vec<_>>()
    );
}
