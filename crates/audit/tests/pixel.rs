//! The OpenAI Ads pixel scan as part of every audit, against real HTTP servers on 127.0.0.1:
//! what the report says about the pixel, and what the site received for it.

use preflight_audit::pixel::PixelInstall;
use preflight_audit::{
    Agent, AuditReport, CancellationToken, FetchOptions, Fetcher, PageReport, RunOptions, Verdict,
};
use preflight_fixtures::{FixtureSite, PIXEL_ID};
use preflight_model::{Area, Status};
use std::time::Duration;

fn fetcher() -> Fetcher {
    Fetcher::new(FetchOptions {
        timeout: Duration::from_secs(5),
        ..FetchOptions::default()
    })
    .unwrap()
}

fn options(min_interval_ms: u64) -> RunOptions {
    RunOptions {
        min_interval: Duration::from_millis(min_interval_ms),
        max_retry_wait: Duration::from_secs(5),
        backoff_base: Duration::from_millis(200),
        ..RunOptions::default()
    }
}

async fn run(urls: &[String], options: &RunOptions) -> AuditReport {
    tokio::time::timeout(
        Duration::from_secs(60),
        preflight_audit::run_audit(urls, &fetcher(), options, &CancellationToken::new(), None),
    )
    .await
    .expect("the run ends")
}

async fn one(site: &FixtureSite, path: &str) -> PageReport {
    let mut report = run(&[site.url(path)], &options(10)).await;
    report.pages.remove(0)
}

fn finding<'a>(page: &'a PageReport, id: &str) -> Option<&'a preflight_model::Finding> {
    page.findings.iter().find(|f| f.id == id)
}

#[tokio::test]
async fn the_inline_snippet_is_reported_as_installed() {
    let site = FixtureSite::start();
    let page = one(&site, "/pixel/inline").await;
    assert_eq!(page.verdict, Verdict::Reachable);
    let pixel = page.pixel.as_ref().expect("a pixel result");
    assert!(pixel.installed, "{pixel:#?}");
    assert_eq!(pixel.methods, vec![PixelInstall::Snippet]);
    assert_eq!(pixel.pixel_ids, vec![PIXEL_ID.to_string()]);
    assert_eq!(pixel.standard_events, vec!["page_viewed".to_string()]);
    assert_eq!(pixel.scripts_examined, 0);
    let detected = finding(&page, "pixel-detected").expect("pixel-detected");
    assert_eq!(detected.status, Status::Pass);
    assert_eq!(detected.area, Area::Pixel);
    assert!(detected.evidence.iter().any(|e| e.value == PIXEL_ID));
    assert!(
        !preflight_readiness::page_counts(&page).blocked(),
        "{:#?}",
        page.findings
    );
    // The limits every page shares are said once for the report, not on every page.
    assert!(pixel.limits.is_empty(), "{:?}", pixel.limits);
}

#[tokio::test]
async fn a_purchase_in_a_script_of_the_site_is_found_and_its_scripts_are_fetched_politely() {
    let site = FixtureSite::start();
    let urls = vec![site.url("/pixel/checkout"), site.url("/pixel/meta-style")];
    let report = run(&urls, &options(250)).await;

    let checkout = &report.pages[0];
    assert_eq!(checkout.verdict, Verdict::Reachable);
    let pixel = checkout.pixel.as_ref().expect("a pixel result");
    assert!(pixel.installed, "{pixel:#?}");
    assert_eq!(pixel.methods, vec![PixelInstall::SdkScript]);
    assert_eq!(pixel.standard_events, vec!["order_created".to_string()]);
    assert_eq!(pixel.scripts_examined, 1);
    let purchase = &pixel.events[0];
    assert_eq!(purchase.name, "order_created");
    assert!(purchase.standard);
    assert_eq!(purchase.via, "measure");
    assert!(
        purchase.location.contains("/pixel/js/checkout.js"),
        "{}",
        purchase.location
    );
    assert!(purchase.problems.is_empty(), "{:?}", purchase.problems);
    assert!(
        !preflight_readiness::page_counts(&checkout).blocked(),
        "{:#?}",
        checkout.findings
    );

    // The Meta way of sending a purchase is caught, and the page stays reachable.
    let meta = &report.pages[1];
    assert_eq!(meta.verdict, Verdict::Reachable);
    let unknown = finding(meta, "pixel-command-unknown").expect("pixel-command-unknown");
    assert_eq!(unknown.status, Status::Fail);
    assert!(unknown.evidence.iter().any(|e| e.value.contains("track")
        || e.location
            .as_deref()
            .is_some_and(|l| l.contains("meta-style.js"))));
    assert!(finding(meta, "bot-reachable").is_some());

    // Each script was requested once, as the desktop browser, and every request to the host
    // kept the run's minimum interval.
    for script in ["/pixel/js/checkout.js", "/pixel/js/meta-style.js"] {
        let got = site.requests_to(script);
        assert_eq!(got.len(), 1, "{script}: {got:#?}");
        assert_eq!(got[0].user_agent, Agent::Browser.user_agent());
    }
    let all = site.requests_to("/");
    // robots.txt, then per page three identities, the parameter check and one script.
    assert_eq!(all.len(), 1 + 2 * 5, "{all:#?}");
    for pair in all.windows(2) {
        let gap = pair[1].at - pair[0].at;
        assert!(
            gap >= Duration::from_millis(170),
            "{} then {} only {gap:?} apart",
            pair[0].path,
            pair[1].path
        );
    }
}

#[tokio::test]
async fn a_page_without_a_pixel_fails_the_pixel_check_and_keeps_its_verdict() {
    let site = FixtureSite::start();
    let urls = vec![site.url("/pixel/none"), site.url("/pixel/inline")];
    let report = run(&urls, &options(10)).await;
    let (none, with) = (&report.pages[0], &report.pages[1]);
    assert_eq!(none.verdict, Verdict::Reachable);
    assert_eq!(none.verdict, with.verdict);
    assert_eq!(none.verdict_reason, with.verdict_reason);
    assert_eq!(none.verdict_confidence, with.verdict_confidence);
    let pixel = none.pixel.as_ref().expect("a pixel result");
    assert!(!pixel.installed);
    assert!(pixel.methods.is_empty());
    assert!(pixel.standard_events.is_empty());
    let missing = finding(none, "pixel-not-found").expect("pixel-not-found");
    assert_eq!(missing.status, Status::Fail);
    assert_eq!(missing.area, Area::Pixel);
    assert!(!missing.remedy.is_empty());
    assert!(preflight_readiness::page_counts(&none).blocked());
    assert_eq!(report.summary.reachable, 2);
    assert_eq!(report.summary.failing_pages, 1);
}

#[tokio::test]
async fn at_most_twenty_scripts_are_read_per_page() {
    let site = FixtureSite::start();
    let page = one(&site, "/pixel/many-scripts").await;
    let fetched = site.requests_to("/pixel/js/n/");
    assert_eq!(fetched.len(), 20, "{fetched:#?}");
    assert!(fetched.iter().all(|r| r.path != "/pixel/js/n/25.js"));
    let pixel = page.pixel.as_ref().expect("a pixel result");
    assert_eq!(pixel.scripts_examined, 20);
    // The purchase sits in the 25th script, which was not read; the page says so.
    assert_eq!(pixel.standard_events, vec!["page_viewed".to_string()]);
    assert!(
        pixel.limits.iter().any(|l| l.starts_with("5 more")),
        "{:?}",
        pixel.limits
    );
}

#[tokio::test]
async fn an_oversized_or_missing_script_is_not_read_and_the_report_says_why() {
    let site = FixtureSite::start();
    let page = one(&site, "/pixel/big-script").await;
    let pixel = page.pixel.as_ref().expect("a pixel result");
    assert_eq!(pixel.scripts_examined, 0);
    let skipped: Vec<(&str, &str, bool)> = pixel
        .scripts_skipped
        .iter()
        .map(|s| (s.url.as_str(), s.reason.as_str(), s.too_large))
        .collect();
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert!(skipped[0].0.ends_with("/pixel/js/huge.js"));
    assert!(skipped[0].1.contains("larger than 5 MB") && skipped[0].2);
    assert!(skipped[1].0.ends_with("/pixel/js/missing.js"));
    assert_eq!((skipped[1].1, skipped[1].2), ("HTTP 404", false));
    let not_examined = finding(&page, "pixel-script-not-examined").expect("not examined");
    assert_eq!(not_examined.status, Status::Info);
    assert!(not_examined
        .evidence
        .iter()
        .any(|e| e.value.ends_with("/pixel/js/huge.js")));
    assert!(pixel
        .limits
        .iter()
        .any(|l| l.starts_with("2 of the page's own scripts")));
    // The snippet in the page is still found.
    assert!(pixel.installed);
}

#[tokio::test]
async fn a_page_the_browser_cannot_load_gets_no_pixel_check() {
    // Two runs: a host that answers only errors would soon be paused with the other page.
    let (down, guarded) = (FixtureSite::start(), FixtureSite::start());
    let broken = one(&down, "/status/500").await;
    let broken = &broken;
    assert!(broken.pixel.is_none());
    assert!(broken.findings.iter().all(|f| f.area != Area::Pixel));
    assert!(down
        .requests()
        .iter()
        .all(|r| !r.path.starts_with("/pixel")));
    // Blocking the bot does not hide the pixel result: the browser got the page.
    let blocked = one(&guarded, "/blocks-adsbot").await;
    assert_eq!(blocked.verdict, Verdict::Blocked);
    assert!(blocked.pixel.as_ref().is_some_and(|p| p.installed));
}

#[test]
fn reports_saved_before_the_pixel_check_still_load_and_none_is_not_written() {
    let page = serde_json::json!({
        "url": "https://shop.example/",
        "verdict": "reachable",
        "verdict_confidence": "high",
        "verdict_reason": "OAI-AdsBot gets the page.",
        "findings": [],
        "fetches": [],
    });
    let page: PageReport = serde_json::from_value(page).expect("an older page loads");
    assert!(page.pixel.is_none());
    let written = serde_json::to_value(&page).unwrap();
    assert!(written.get("pixel").is_none());
}
