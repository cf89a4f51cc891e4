//! The engine against real HTTP servers on 127.0.0.1: every verdict and failure kind.

use preflight_audit::artifacts::FetchErrorKind;
use preflight_audit::run::audit_page;
use preflight_audit::{
    Agent, CancellationToken, FetchOptions, Fetcher, RunOptions, RunStatus, Verdict,
};
use preflight_fixtures::{closed_port_url, FixtureSite, RawBehaviour, RawServer, LANDING_TITLE};
use std::time::Duration;

fn fetcher() -> Fetcher {
    Fetcher::new(FetchOptions {
        timeout: Duration::from_secs(3),
        max_body_bytes: 1024 * 1024,
        ..FetchOptions::default()
    })
    .unwrap()
}

fn ids(page: &preflight_audit::PageReport) -> Vec<&str> {
    page.findings.iter().map(|f| f.id.as_str()).collect()
}

#[tokio::test]
async fn a_normal_page_is_reachable_with_title_and_text() {
    let site = FixtureSite::start();
    let page = audit_page(&fetcher(), &site.url("/ok")).await;
    assert_eq!(page.verdict, Verdict::Reachable, "{page:#?}");
    assert!(ids(&page).contains(&"bot-reachable"));
    assert_eq!(page.fetches.len(), 3);
    let bot = &page.fetches[0];
    assert_eq!(bot.agent, Agent::Adsbot);
    assert_eq!(bot.user_agent, Agent::Adsbot.user_agent());
    assert_eq!(bot.status, Some(200));
    assert_eq!(bot.title.as_deref(), Some(LANDING_TITLE));
    assert!(bot.visible_text.starts_with("Spring sale on running shoes"));
    assert!(bot.word_count > 40);
    assert!(!preflight_readiness::page_counts(&page).blocked());
}

#[tokio::test]
async fn a_bot_specific_403_is_blocked_with_both_responses_as_evidence() {
    let site = FixtureSite::start();
    let page = audit_page(&fetcher(), &site.url("/blocks-adsbot")).await;
    assert_eq!(page.verdict, Verdict::Blocked);
    let finding = page
        .findings
        .iter()
        .find(|f| f.id == "bot-error-status")
        .unwrap();
    assert!(finding.status.is_failing());
    let evidence: Vec<&str> = finding.evidence.iter().map(|e| e.value.as_str()).collect();
    assert!(evidence.iter().any(|v| v.starts_with("HTTP 403")));
    assert!(evidence.iter().any(|v| v.starts_with("HTTP 200")));
    assert!(finding.remedy.contains("OAI-AdsBot"));
    // The token alone is blocked too here, so no full-user-agent finding.
    assert!(!ids(&page).contains(&"full-user-agent-blocked"));
}

#[tokio::test]
async fn a_case_insensitive_openai_rule_is_explained() {
    let site = FixtureSite::start();
    let page = audit_page(&fetcher(), &site.url("/blocks-openai")).await;
    assert_eq!(page.verdict, Verdict::Blocked);
    assert!(
        ids(&page).contains(&"full-user-agent-blocked"),
        "{:?}",
        ids(&page)
    );
}

#[tokio::test]
async fn cloaking_rate_limits_and_redirects_away_are_told_apart() {
    let site = FixtureSite::start();
    let f = fetcher();
    let cloaked = audit_page(&f, &site.url("/cloaked")).await;
    assert_eq!(cloaked.verdict, Verdict::Cloaked);
    assert!(ids(&cloaked).contains(&"bot-different-page"));

    let limited = audit_page(&f, &site.url("/rate-limited")).await;
    assert_eq!(limited.verdict, Verdict::RateLimited);
    let finding = limited
        .findings
        .iter()
        .find(|f| f.id == "bot-rate-limited")
        .unwrap();
    assert!(finding
        .evidence
        .iter()
        .any(|e| e.label == "Retry-After header" && e.value == "120"));

    // The fixture's "other site" is `localhost`, on this computer: the user adds it, as they
    // would a staging host on their own network.
    f.allow_host("http://localhost/");
    let away = audit_page(&f, &site.url("/redirect-away")).await;
    assert_eq!(
        away.verdict,
        Verdict::RedirectedAway,
        "{:#?}",
        away.findings
    );
}

#[tokio::test]
async fn errors_for_everyone_are_not_called_bot_blocks() {
    let site = FixtureSite::start();
    let page = audit_page(&fetcher(), &site.url("/status/404")).await;
    assert_eq!(page.verdict, Verdict::Unreachable);
    assert!(ids(&page).contains(&"page-error-status"));
    assert!(!ids(&page).contains(&"bot-error-status"));
}

#[tokio::test]
async fn redirects_are_recorded_hop_by_hop_and_loops_stop() {
    let site = FixtureSite::start();
    let f = fetcher();
    let chain = f
        .fetch(&site.url("/chain/3?utm_source=chatgpt"), Agent::Adsbot)
        .await;
    assert_eq!(chain.hops.len(), 4);
    assert_eq!(chain.hops[0].status, 307);
    assert_eq!(
        chain.final_url.as_deref(),
        Some(site.url("/chain/0?utm_source=chatgpt").as_str())
    );
    assert!(chain.is_success());

    let looped = f.fetch(&site.url("/loop-a"), Agent::Adsbot).await;
    assert_eq!(
        looped.error.as_ref().map(|e| e.kind),
        Some(FetchErrorKind::RedirectLoop)
    );
    let page = audit_page(&f, &site.url("/loop-a")).await;
    assert_eq!(page.verdict, Verdict::Unreachable);

    let no_location = f.fetch(&site.url("/no-location"), Agent::Adsbot).await;
    assert_eq!(no_location.status, Some(302));
    assert!(no_location.error.is_none());
}

#[tokio::test]
async fn too_many_redirects_stop_at_the_limit() {
    let site = FixtureSite::start();
    let f = Fetcher::new(FetchOptions {
        max_redirects: 2,
        ..FetchOptions::default()
    })
    .unwrap();
    let chain = f.fetch(&site.url("/chain/5"), Agent::Adsbot).await;
    assert_eq!(
        chain.error.as_ref().map(|e| e.kind),
        Some(FetchErrorKind::TooManyRedirects)
    );
    assert_eq!(chain.hops.len(), 3);
}

#[tokio::test]
async fn slow_dripping_and_huge_pages_are_bounded() {
    let site = FixtureSite::start();
    let f = Fetcher::new(FetchOptions {
        timeout: Duration::from_millis(1500),
        max_body_bytes: 256 * 1024,
        ..FetchOptions::default()
    })
    .unwrap();
    let slow = f.fetch(&site.url("/slow?ms=5000"), Agent::Adsbot).await;
    assert_eq!(
        slow.error.as_ref().map(|e| e.kind),
        Some(FetchErrorKind::Timeout)
    );
    assert!(slow.total_ms < 3000);

    let drip = f.fetch(&site.url("/drip"), Agent::Adsbot).await;
    assert_eq!(
        drip.error.as_ref().map(|e| e.kind),
        Some(FetchErrorKind::Timeout)
    );
    assert_eq!(
        drip.status,
        Some(200),
        "the headers arrived before the drip"
    );

    let huge = f.fetch(&site.url("/huge"), Agent::Adsbot).await;
    assert!(huge.body_truncated);
    assert_eq!(huge.body_bytes, 256 * 1024);
    assert!(huge.error.is_none());
    let page = audit_page(&f, &site.url("/huge")).await;
    assert!(page.findings.iter().any(|f| f.id == "page-too-large"));

    let timed_out = audit_page(&f, &site.url("/slow?ms=5000")).await;
    assert_eq!(timed_out.verdict, Verdict::Timeout);
}

#[tokio::test]
async fn odd_encodings_are_decoded_and_flagged() {
    let site = FixtureSite::start();
    let f = fetcher();
    let latin = f.fetch(&site.url("/latin1"), Agent::Browser).await;
    assert_eq!(latin.title.as_deref(), Some("Café crème"));
    assert_eq!(latin.charset.as_deref(), Some("windows-1252"));
    let broken = audit_page(&f, &site.url("/bad-utf8")).await;
    assert!(broken.fetches[0].decode_errors);
    assert!(broken
        .findings
        .iter()
        .any(|f| f.id == "page-encoding-invalid"));
    assert_eq!(broken.verdict, Verdict::Reachable);
}

#[tokio::test]
async fn transport_failures_get_their_kind() {
    let f = fetcher();
    let refused = f.fetch(&closed_port_url(), Agent::Adsbot).await;
    assert_eq!(
        refused.error.as_ref().map(|e| e.kind),
        Some(FetchErrorKind::ConnectionRefused)
    );

    let closing = RawServer::start(RawBehaviour::CloseWithoutAnswer);
    let reset = f.fetch(&closing.url("/"), Agent::Adsbot).await;
    assert!(
        matches!(
            reset.error.as_ref().map(|e| e.kind),
            Some(FetchErrorKind::ConnectionReset) | Some(FetchErrorKind::Protocol)
        ),
        "{reset:?}"
    );

    let garbage = RawServer::start(RawBehaviour::Garbage);
    let bad = f.fetch(&garbage.url("/"), Agent::Adsbot).await;
    assert!(bad.error.is_some());

    let silent = RawServer::start(RawBehaviour::Silent);
    let hung = f.fetch(&silent.url("/"), Agent::Adsbot).await;
    assert_eq!(
        hung.error.as_ref().map(|e| e.kind),
        Some(FetchErrorKind::Timeout)
    );

    let dns = f
        .fetch("http://does-not-exist.invalid/", Agent::Adsbot)
        .await;
    assert_eq!(
        dns.error.as_ref().map(|e| e.kind),
        Some(FetchErrorKind::Dns),
        "{dns:?}"
    );
}

#[tokio::test]
async fn a_run_reports_progress_keeps_order_and_goes_on_after_failures() {
    let site = FixtureSite::start();
    let urls = vec![
        site.url("/ok"),
        closed_port_url(),
        site.url("/blocks-adsbot"),
        site.url("/page/7"),
    ];
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let report = preflight_audit::run_audit(
        &urls,
        &fetcher(),
        &RunOptions::default(),
        &CancellationToken::new(),
        Some(tx),
    )
    .await;
    assert_eq!(report.status, RunStatus::Complete);
    let verdicts: Vec<Verdict> = report.pages.iter().map(|p| p.verdict).collect();
    assert_eq!(
        verdicts,
        vec![
            Verdict::Reachable,
            Verdict::Unreachable,
            Verdict::Blocked,
            Verdict::Reachable
        ]
    );
    assert_eq!(report.summary.pages, 4);
    assert_eq!(report.summary.reachable, 2);
    assert_eq!(report.summary.failing_pages, 2);
    assert!((preflight_readiness::summary(&report).failing_findings > 0));
    let mut finished = 0;
    while let Ok(event) = rx.try_recv() {
        if matches!(event, preflight_audit::RunEvent::PageFinished { .. }) {
            finished += 1;
        }
    }
    assert_eq!(finished, 4);
}

#[tokio::test]
async fn cancelling_keeps_finished_pages_and_says_cancelled() {
    let site = FixtureSite::start();
    let mut urls = vec![site.url("/ok")];
    for _ in 0..6 {
        urls.push(site.url("/slow?ms=10000"));
    }
    let cancel = CancellationToken::new();
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let options = RunOptions {
        concurrency: Some(2),
        per_host: 2,
        ..RunOptions::default()
    };
    let f = Fetcher::new(FetchOptions {
        timeout: Duration::from_secs(30),
        ..FetchOptions::default()
    })
    .unwrap();
    let run = preflight_audit::run_audit(&urls, &f, &options, &cancel, Some(tx));
    let canceller = async {
        while let Some(event) = rx.recv().await {
            if let preflight_audit::RunEvent::PageFinished { .. } = event {
                cancel.cancel();
                break;
            }
        }
    };
    let (report, _) = tokio::time::timeout(Duration::from_secs(10), async {
        tokio::join!(run, canceller)
    })
    .await
    .expect("cancel stops the run promptly");
    assert_eq!(report.status, RunStatus::Cancelled);
    assert_eq!(report.pages.len(), 1);
    assert_eq!(report.pages[0].verdict, Verdict::Reachable);
}

#[tokio::test]
async fn robots_txt_blocking_the_tagged_url_is_robots_blocked_with_the_line() {
    let site = FixtureSite::start_with_robots("User-agent: *\nDisallow: /*?utm\n");
    let page = audit_page(
        &fetcher(),
        &site.url("/ok?utm_source=chatgpt&utm_medium=cpc"),
    )
    .await;
    assert_eq!(page.verdict, Verdict::RobotsBlocked, "{:#?}", page.findings);
    let robots = page.robots.as_ref().expect("robots verdict");
    assert!(!robots.allowed);
    let rule = robots.matched_rule.as_ref().unwrap();
    assert_eq!(rule.line, 2);
    assert!(robots.blocks_only_tagged_url());
    assert!(ids(&page).contains(&"robots-blocks-tagged-url"));
    assert!(!ids(&page).contains(&"bot-reachable"));

    // The same site's untagged page is fine.
    let bare = audit_page(&fetcher(), &site.url("/ok")).await;
    assert_eq!(bare.verdict, Verdict::Reachable);
}

#[tokio::test]
async fn a_server_error_on_robots_txt_means_disallow_all() {
    let site = FixtureSite::start();
    let f = fetcher();
    let robots = preflight_audit::artifacts::RobotsFetch {
        url: site.url("/robots.txt"),
        status: Some(503),
        hops: vec![],
        body: String::new(),
        body_bytes: 0,
        truncated: false,
        error: None,
    };
    let mut fetches = Vec::new();
    for agent in Agent::ALL {
        fetches.push(f.fetch(&site.url("/ok"), agent).await);
    }
    let page =
        preflight_audit::run::score_page(&site.url("/ok"), fetches, Some(robots), None, None);
    assert_eq!(page.verdict, Verdict::RobotsBlocked);
    assert!(
        ids(&page).contains(&"robots-unreachable"),
        "{:?}",
        ids(&page)
    );
}

#[tokio::test]
async fn a_cloudflare_challenge_is_challenged_and_names_the_vendor() {
    let site = FixtureSite::start();
    let page = audit_page(&fetcher(), &site.url("/cf-challenge")).await;
    assert_eq!(page.verdict, Verdict::Challenged, "{:#?}", ids(&page));
    assert_eq!(page.vendor.as_deref(), Some("Cloudflare"));
    let finding = page
        .findings
        .iter()
        .find(|f| f.id == "waf-challenges-adsbot")
        .expect("challenge finding");
    assert!(finding.remedy.contains("adsbot.json"));
}

#[tokio::test]
async fn parameters_dropped_by_a_redirect_are_caught() {
    let site = FixtureSite::start();
    let page = audit_page(&fetcher(), &site.url("/drops-params")).await;
    assert_eq!(page.params_survive, Some(false), "{:#?}", ids(&page));
    let kept = audit_page(&fetcher(), &site.url("/chain/2?utm_source=chatgpt")).await;
    assert_eq!(kept.params_survive, Some(true), "{:#?}", ids(&kept));
    let fetch = kept.params_fetch.as_ref().unwrap();
    assert!(fetch.requested_url.contains("oppref="));
}

#[tokio::test]
async fn an_app_shell_is_warned_about_and_a_short_real_page_is_not() {
    let site = FixtureSite::start();
    let f = fetcher();
    let shell = audit_page(&f, &site.url("/app-shell")).await;
    assert_eq!(shell.verdict, Verdict::Reachable, "{:?}", ids(&shell));
    let finding = shell
        .findings
        .iter()
        .find(|f| f.id == "page-needs-javascript")
        .expect("app-shell warning");
    assert_eq!(finding.status, preflight_model::Status::Warn);
    let evidence: Vec<&str> = finding.evidence.iter().map(|e| e.value.as_str()).collect();
    assert!(evidence.contains(&"<div id=\"root\">"), "{evidence:?}");
    assert!(evidence
        .iter()
        .any(|v| v.contains("/static/js/main.4f9a7b.js")));
    assert!(evidence
        .iter()
        .any(|v| v.contains("enable JavaScript to run this app")));

    let short = audit_page(&f, &site.url("/short-page")).await;
    assert_eq!(short.verdict, Verdict::Reachable);
    assert!(short.fetches[0].word_count < 25);
    assert!(!ids(&short).contains(&"page-needs-javascript"));
    let normal = audit_page(&f, &site.url("/ok")).await;
    assert!(!ids(&normal).contains(&"page-needs-javascript"));
}
