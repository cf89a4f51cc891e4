//! Monitoring in the real app over WebDriver: a client whose page became blocked between two
//! scheduled audits (run through the session with the clock handed in, against a fixture site
//! on 127.0.0.1) shows the change in the Changes view, which opens the newer audit; the client's
//! Monitoring card shows its schedule; "Send test alert" reaches a local webhook receiver and
//! says so for the channel. Checked at 1280×800 and 900×600.
//!
//! Needs what `desktop_e2e` needs (tauri-driver, WebKitWebDriver, Xvfb, a built UI).

mod e2e;

use e2e::*;
use fantoccini::Client;
use preflight_fixtures::webhook_receiver::WebhookReceiver;
use preflight_fixtures::FixtureSite;
use preflight_monitor::deliver::{RetryPolicy, WebhookFormat};
use preflight_monitor::Cadence;
use preflight_session::monitor::{
    alerts, run_due_schedules, schedules, MonitorOptions, PagesChoice, ScheduleConfig,
};
use preflight_session::CancellationToken;
use std::path::Path;
use std::time::Duration;
use time::OffsetDateTime;

#[tokio::test(flavor = "multi_thread")]
async fn changes_view_and_test_alert_in_the_real_app() {
    let site = FixtureSite::start_with_robots("User-agent: *\nAllow: /\n");
    let page = site.url("/ok");
    let receiver = WebhookReceiver::start();
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("preflight.sqlite3");
    let _site = two_scheduled_audits(&db, &page, site, &receiver.url("/hook/E2E-TOKEN")).await;
    let posts_before = receiver.received().len();

    let (display, _xvfb) = display();
    let driver = start_driver(&display, &db);
    let client = open_app(&driver).await;
    tokio::time::timeout(Duration::from_secs(240), walk(&client, &page))
        .await
        .expect("the app answered in time");
    client.close().await.unwrap();
    drop(driver);

    let posts = receiver.received();
    assert_eq!(posts.len(), posts_before + 1, "one test alert");
    let body = posts.last().unwrap().json.clone().unwrap();
    let text = body["text"].as_str().unwrap_or_default();
    assert!(text.contains("Monitored shop"), "{body}");

    let driver = start_driver_sized(&display, &db, Some("900x600"));
    let client = open_app(&driver).await;
    tokio::time::timeout(Duration::from_secs(120), smallest_window(&client))
        .await
        .expect("the small window answered in time");
    client.close().await.unwrap();
    drop(driver);

    let raw = std::fs::read(&db).unwrap();
    assert!(
        !raw.windows(9).any(|w| w == b"E2E-TOKEN"),
        "the webhook's token reached the database"
    );
}

/// A client with one page and an hourly schedule, audited twice by the schedule: the site's
/// robots.txt refuses every crawler before the second audit. Returns the site as it is now.
async fn two_scheduled_audits(db: &Path, page: &str, site: FixtureSite, hook: &str) -> FixtureSite {
    let now = OffsetDateTime::now_utc();
    {
        let mut store = preflight_session::open_store(db).unwrap();
        let client = store.create_client("Monitored shop").unwrap().id;
        store.add_pages(client, &[page.to_string()]).unwrap();
        let config = ScheduleConfig {
            cadence: Cadence::Hours { hours: 1 },
            utc_offset_minutes: 0,
            pages: PagesChoice::All,
            funnel: None,
            rendered: false,
        };
        schedules::save_schedule(&store, client, config, now).unwrap();
        alerts::add_webhook(&store, client, WebhookFormat::Slack, hook).unwrap();
    }
    let options = MonitorOptions {
        holder: "e2e".into(),
        retry: RetryPolicy {
            attempts: 2,
            first_wait: Duration::from_millis(20),
            factor: 2,
            timeout: Duration::from_secs(5),
        },
        cancel: CancellationToken::new(),
    };
    let first = run_due_schedules(db, now + time::Duration::minutes(61), &options)
        .await
        .unwrap();
    assert_eq!(first.len(), 1);
    let site = site.restart_with_robots("User-agent: *\nDisallow: /\n");
    let second = run_due_schedules(db, now + time::Duration::minutes(121), &options)
        .await
        .unwrap();
    assert!(!second[0].changes.is_empty(), "{second:?}");
    site
}

async fn walk(client: &Client, page: &str) {
    click(client, "[data-testid=nav-changes]").await;
    let rows = wait_for_texts(client, "[data-testid=change-row]", "the changes", |t| {
        !t.is_empty()
    })
    .await;
    assert!(
        rows[0].contains("Monitored shop") && rows[0].contains(page),
        "{rows:?}"
    );
    assert!(rows[0].contains("robots.txt"), "{rows:?}");

    // A change opens the newer audit.
    click(client, "[data-testid=change-open-newer]").await;
    wait_for_texts(
        client,
        "[data-testid=audit-headline]",
        "the newer audit",
        |t| !t.is_empty() && t[0].contains("Not ready"),
    )
    .await;

    // The client's Monitoring card shows the schedule; a test alert reaches the receiver.
    click(client, "[data-testid=nav-clients]").await;
    wait_for_texts(client, "[data-testid=monitoring]", "the schedule", |t| {
        t.len() == 1 && t[0].contains("Every hour")
    })
    .await;
    centred_click(client, "[data-testid=send-test-alert]").await;
    let results = wait_for_texts(
        client,
        "[data-testid=test-alert-result]",
        "the test alert's result",
        |t| !t.is_empty(),
    )
    .await;
    assert!(
        results.len() == 1 && results[0].contains("Sent") && results[0].contains("127.0.0.1"),
        "{results:?}"
    );
    assert!(!results[0].contains("E2E-TOKEN"), "{results:?}");
    screenshot_wide(client, "monitor-client").await;
}

async fn smallest_window(client: &Client) {
    click(client, "[data-testid=nav-changes]").await;
    wait_for_texts(client, "[data-testid=change-row]", "the changes", |t| {
        !t.is_empty()
    })
    .await;
    save_screenshot(client, "monitor-changes-900x600")
        .await
        .unwrap();
    assert!(
        !main_scrolls_sideways(client).await,
        "the Changes view scrolls sideways at 900×600"
    );
    click(client, "[data-testid=nav-clients]").await;
    centred_click(client, "[data-testid=send-test-alert]").await;
    save_screenshot(client, "monitor-client-900x600")
        .await
        .unwrap();
    assert!(
        !main_scrolls_sideways(client).await,
        "the client's monitoring cards scroll sideways at 900×600"
    );
}
