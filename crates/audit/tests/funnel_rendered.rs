//! Funnel coverage across a run's pages, the Meta/Google → OpenAI event mapping on a page, and
//! the rendered check (pages run in the installed Chromium), against fixture sites on 127.0.0.1.
//! The rendered tests fail, rather than pass silently, when no browser is installed.

use preflight_audit::pixel::RenderedCheck;
use preflight_audit::run::RenderedOptions;
use preflight_audit::{AuditReport, CancellationToken, FetchOptions, Fetcher, RunOptions};
use preflight_fixtures::FixtureSite;
use preflight_model::Status;
use preflight_pixel::How;
use std::time::Duration;

async fn run(urls: &[String], options: RunOptions) -> AuditReport {
    let fetcher = Fetcher::new(FetchOptions {
        timeout: Duration::from_secs(5),
        ..FetchOptions::default()
    })
    .unwrap();
    let options = RunOptions {
        min_interval: Duration::from_millis(10),
        ..options
    };
    tokio::time::timeout(
        Duration::from_secs(120),
        preflight_audit::run_audit(urls, &fetcher, &options, &CancellationToken::new(), None),
    )
    .await
    .expect("the run ends")
}

fn rendered() -> Option<RenderedOptions> {
    let mut options = RenderedOptions::default();
    options.capture.settle = Duration::from_millis(1500);
    options.capture.timeout = Duration::from_secs(20);
    // Nothing outside the fixture site is needed; never touch the internet.
    options.capture.third_party = preflight_capture::ThirdParty::Block;
    // The test suite runs as root in CI, where the browser's sandbox cannot start.
    options.capture.allow_unsandboxed_browser = true;
    Some(options)
}

#[tokio::test]
async fn funnel_coverage_pools_events_across_pages() {
    let site = FixtureSite::start();
    let urls = [site.url("/pixel/inline"), site.url("/pixel/checkout")];
    let report = run(
        &urls,
        RunOptions {
            funnel: Some("ecommerce".into()),
            ..RunOptions::default()
        },
    )
    .await;
    let funnel = report.funnel.as_ref().expect("a funnel was chosen");
    assert_eq!(funnel.funnel.id, "ecommerce");
    assert_eq!(funnel.pages_scanned, 2);
    // page_viewed fires on the landing page, order_created on the confirmation page.
    assert!(funnel.coverage.present.contains(&"page_viewed".to_string()));
    assert!(funnel
        .coverage
        .present
        .contains(&"order_created".to_string()));
    assert!(funnel.coverage.missing.iter().all(|m| !m.required));
    let order = funnel
        .sources
        .iter()
        .find(|s| s.event == "order_created")
        .unwrap();
    assert_eq!(order.found_on, vec![format!("{} (static)", urls[1])]);

    // Each page also carries its own coverage: the landing page alone has no purchase.
    let landing = report.pages[0].pixel.as_ref().unwrap();
    let coverage = landing.funnel.as_ref().expect("page coverage");
    assert!(coverage
        .missing
        .iter()
        .any(|m| m.event == "order_created" && m.required));

    // The same audit read through another funnel, without running it again.
    let mut other = report.clone();
    preflight_readiness::funnel::apply(&mut other, Some("lead-generation"));
    let lead = other.funnel.unwrap();
    assert!(lead
        .coverage
        .missing
        .iter()
        .any(|m| m.event == "lead_created" && m.required));
    assert!(lead
        .findings
        .iter()
        .any(|f| f.id == "pixel-funnel-event-missing" && f.status == Status::Warn));
}

#[tokio::test]
async fn an_unknown_funnel_is_ignored_and_no_funnel_means_no_coverage() {
    let site = FixtureSite::start();
    let urls = [site.url("/pixel/inline")];
    let report = run(
        &urls,
        RunOptions {
            funnel: Some("no-such-funnel".into()),
            ..RunOptions::default()
        },
    )
    .await;
    assert!(report.funnel.is_none());
    let plain = run(&urls, RunOptions::default()).await;
    assert!(plain.funnel.is_none());
    assert!(plain.pages[0].pixel.as_ref().unwrap().funnel.is_none());
}

#[tokio::test]
async fn meta_and_google_purchases_are_mapped_to_the_missing_openai_event() {
    let site = FixtureSite::start();
    let report = run(&[site.url("/pixel/vendor-events")], RunOptions::default()).await;
    let page = &report.pages[0];
    let pixel = page.pixel.as_ref().unwrap();
    let meta = pixel
        .vendor_events
        .iter()
        .find(|v| v.platform == "meta" && v.name == "Purchase")
        .expect("the Meta purchase is listed");
    assert_eq!(meta.openai_equivalent.as_deref(), Some("order_created"));
    assert!(!meta.openai_present, "the page sends no order_created");
    assert!(
        meta.location.contains("vendor-events.js"),
        "{}",
        meta.location
    );
    assert!(pixel
        .vendor_events
        .iter()
        .any(|v| v.platform == "ga4" && v.name == "purchase" && !v.openai_present));
    assert!(page
        .findings
        .iter()
        .any(|f| f.id == "pixel-meta-event-unmapped"));
    assert_eq!(pixel.rendered, RenderedCheck::NotRequested);
}

#[tokio::test]
async fn the_rendered_check_sees_a_pixel_added_at_run_time() {
    let site = FixtureSite::start();
    let urls = [site.url("/pixel/injected")];

    // The static scan alone cannot see the pixel: its code is decoded at run time.
    let static_only = run(&urls, RunOptions::default()).await;
    let page = &static_only.pages[0];
    assert!(!page.pixel.as_ref().unwrap().installed);
    assert!(page.findings.iter().any(|f| f.id == "pixel-not-found"));

    let report = run(
        &urls,
        RunOptions {
            rendered: rendered(),
            funnel: Some("ecommerce".into()),
            ..RunOptions::default()
        },
    )
    .await;
    let page = &report.pages[0];
    let pixel = page.pixel.as_ref().unwrap();
    match &pixel.rendered {
        RenderedCheck::Ran {
            calls,
            browser_version,
            timed_out,
            ..
        } => {
            assert!(*calls >= 3, "init and two events, got {calls}");
            assert!(!browser_version.is_empty());
            assert!(!timed_out);
        }
        other => panic!("the rendered check should have run: {other:?}"),
    }
    assert!(pixel.installed, "{pixel:?}");
    assert_eq!(
        pixel.pixel_ids,
        vec![preflight_fixtures::PIXEL_ID.to_string()]
    );
    for name in ["page_viewed", "items_added"] {
        let event = pixel
            .events
            .iter()
            .find(|e| e.name == name)
            .unwrap_or_else(|| panic!("{name} recorded"));
        assert_eq!(event.how, How::Rendered);
    }
    assert!(!page.findings.iter().any(|f| f.id == "pixel-not-found"));
    assert!(report
        .limits
        .iter()
        .any(|l| l.contains("runs each page in a browser")));
    let funnel = report.funnel.unwrap();
    assert_eq!(funnel.pages_rendered, 1);
    assert!(funnel.coverage.present.contains(&"items_added".to_string()));
    assert!(funnel
        .coverage
        .missing
        .iter()
        .any(|m| m.event == "order_created" && m.required));
}

#[tokio::test]
async fn a_page_without_any_pixel_fails_with_high_confidence_after_the_rendered_check() {
    let site = FixtureSite::start();
    let report = run(
        &[site.url("/pixel/none")],
        RunOptions {
            rendered: rendered(),
            ..RunOptions::default()
        },
    )
    .await;
    let page = &report.pages[0];
    assert!(page.pixel.as_ref().unwrap().rendered.ran());
    let missing = page
        .findings
        .iter()
        .find(|f| f.id == "pixel-not-found")
        .expect("no pixel");
    assert_eq!(missing.status, Status::Fail);
    assert_eq!(missing.confidence, preflight_model::Confidence::High);
    assert!(missing.evidence.iter().any(|e| e.label == "Rendered check"));
}

#[tokio::test]
async fn a_browser_that_cannot_start_leaves_the_static_result_and_says_why() {
    let site = FixtureSite::start();
    let dir = tempfile::tempdir().unwrap();
    let not_a_browser = dir.path().join("chrome");
    std::fs::write(&not_a_browser, "not a program").unwrap();
    let mut options = RenderedOptions::default();
    options.capture.browser = Some(not_a_browser);
    options.capture.allow_unsandboxed_browser = true;
    let report = run(
        &[site.url("/pixel/inline")],
        RunOptions {
            rendered: Some(options),
            ..RunOptions::default()
        },
    )
    .await;
    let page = &report.pages[0];
    let pixel = page.pixel.as_ref().unwrap();
    assert!(pixel.installed, "the static scan still found the snippet");
    assert!(
        matches!(&pixel.rendered, RenderedCheck::Failed { code, .. } if !code.is_empty()),
        "{:?}",
        pixel.rendered
    );
    let failed = page
        .findings
        .iter()
        .find(|f| f.id == "pixel-rendered-check-failed")
        .expect("the failure is a finding");
    assert_eq!(failed.status, Status::Info);
}

#[tokio::test]
async fn an_event_written_but_never_sent_in_the_browser_does_not_count() {
    let site = FixtureSite::start();
    let url = site.url("/pixel/unsent");
    let report = run(
        std::slice::from_ref(&url),
        RunOptions {
            funnel: Some("ecommerce".into()),
            rendered: rendered(),
            ..RunOptions::default()
        },
    )
    .await;
    let page = &report.pages[0];
    let pixel = page.pixel.as_ref().unwrap();
    assert!(pixel.rendered.ran(), "{:?}", pixel.rendered);
    let order = pixel
        .events
        .iter()
        .find(|e| e.name == "order_created")
        .expect("the purchase is written in the page");
    assert_eq!(order.firing, preflight_pixel::Firing::NotFired);
    assert!(!order.is_sent());
    assert!(!pixel.standard_events.contains(&"order_created".to_string()));
    let finding = page
        .findings
        .iter()
        .find(|f| f.id == preflight_pixel::ids::EVENT_NOT_FIRED)
        .expect("in the source, never fired");
    assert_eq!(finding.status, Status::Warn);
    let funnel = report.funnel.as_ref().unwrap();
    assert!(
        funnel
            .coverage
            .missing
            .iter()
            .any(|m| m.event == "order_created"),
        "{:?}",
        funnel.coverage
    );
    assert!(funnel.coverage.present.contains(&"page_viewed".to_string()));
}
