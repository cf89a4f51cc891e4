//! Scheduled audits through the session, with the clock handed in: a schedule runs once per
//! slot (missed slots while asleep make one run, a clock set back none), never while another
//! process holds the client, pauses when its pages are gone, keeps what changed between two
//! audits of a real site on 127.0.0.1 and alerts a local webhook receiver — once, then not
//! again inside the quiet period. An unreachable webhook is retried and never fails the audit.

use preflight_fixtures::webhook_receiver::WebhookReceiver;
use preflight_fixtures::FixtureSite;
use preflight_monitor::deliver::{RetryPolicy, WebhookFormat};
use preflight_monitor::{Cadence, ChangeKind};
use preflight_report::Direction;
use preflight_session::monitor::{
    alerts, list_changes, run_due_schedules, schedules, MonitorOptions, PagesChoice, ScheduleConfig,
};
use preflight_session::{open_store, CancellationToken, Store};
use std::path::{Path, PathBuf};
use std::time::Duration as StdDuration;
use time::{Duration, OffsetDateTime};

const ALLOW_ALL: &str = "User-agent: *\nAllow: /\n";
const DISALLOW_ALL: &str = "User-agent: *\nDisallow: /\n";

fn options() -> MonitorOptions {
    MonitorOptions {
        holder: "test".into(),
        retry: RetryPolicy {
            attempts: 3,
            first_wait: StdDuration::from_millis(20),
            factor: 2,
            timeout: StdDuration::from_secs(2),
        },
        cancel: CancellationToken::new(),
    }
}

fn every_hour(pages: PagesChoice) -> ScheduleConfig {
    ScheduleConfig {
        cadence: Cadence::Hours { hours: 1 },
        utc_offset_minutes: 0,
        pages,
        funnel: None,
        rendered: false,
    }
}

/// A database with a client whose pages are on `site`, scheduled every hour from now.
fn scheduled_client(dir: &Path, urls: &[String], pages: PagesChoice) -> (PathBuf, i64) {
    let path = dir.join("preflight.sqlite3");
    let mut store = open_store(&path).unwrap();
    let client = store.create_client("Acme").unwrap();
    store.add_pages(client.id, urls).unwrap();
    schedules::save_schedule(&store, client.id, every_hour(pages), now()).unwrap();
    (path, client.id)
}

fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

fn store(path: &Path) -> Store {
    open_store(path).unwrap()
}

fn audits(path: &Path, client_id: i64) -> usize {
    store(path).list_audits(Some(client_id)).unwrap().len()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_schedule_runs_once_per_slot_whatever_the_clock_does() {
    let site = FixtureSite::start();
    let dir = tempfile::tempdir().unwrap();
    let (path, client) = scheduled_client(dir.path(), &[site.url("/ok")], PagesChoice::All);
    let start = now();

    // Not due before its first slot.
    assert!(
        run_due_schedules(&path, start + Duration::minutes(30), &options())
            .await
            .unwrap()
            .is_empty()
    );
    // Asleep for two days: one run, not 48.
    let woke = start + Duration::hours(48) + Duration::minutes(5);
    let runs = run_due_schedules(&path, woke, &options()).await.unwrap();
    assert_eq!(runs.len(), 1, "{runs:?}");
    assert!(
        runs[0].outcome.contains("first complete audit"),
        "{}",
        runs[0].outcome
    );
    assert_eq!(audits(&path, client), 1);
    // The same slot again, and the clock set back an hour: nothing runs.
    assert!(run_due_schedules(&path, woke, &options())
        .await
        .unwrap()
        .is_empty());
    assert!(
        run_due_schedules(&path, woke - Duration::hours(1), &options())
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(audits(&path, client), 1);

    let status = schedules::schedule_status(&store(&path), client, woke)
        .unwrap()
        .unwrap();
    assert!(status
        .last_outcome
        .unwrap()
        .contains("first complete audit"));
    assert!(status.next_run_at.unwrap() > status.last_run_at.clone().unwrap());
    // Seen with the clock set back, the next run is still after the last one.
    let earlier = woke - Duration::hours(5);
    let status = schedules::schedule_status(&store(&path), client, earlier)
        .unwrap()
        .unwrap();
    assert!(status.next_run_at.unwrap() > status.last_run_at.unwrap());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_client_held_by_another_run_is_left_until_it_is_free() {
    let site = FixtureSite::start();
    let dir = tempfile::tempdir().unwrap();
    let (path, client) = scheduled_client(dir.path(), &[site.url("/ok")], PagesChoice::All);
    let at = now() + Duration::hours(2);
    let lock_until = "2999-01-01T00:00:00Z";
    assert!(store(&path)
        .try_lock_client(client, "the-app", "2000-01-01T00:00:00Z", lock_until)
        .unwrap());

    assert!(run_due_schedules(&path, at, &options())
        .await
        .unwrap()
        .is_empty());
    assert_eq!(audits(&path, client), 0);

    store(&path).unlock_client(client, "the-app").unwrap();
    let runs = run_due_schedules(&path, at, &options()).await.unwrap();
    assert_eq!(runs.len(), 1);
    assert_eq!(audits(&path, client), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_schedule_whose_pages_were_all_deleted_is_paused_with_a_message() {
    let site = FixtureSite::start();
    let dir = tempfile::tempdir().unwrap();
    let page = site.url("/ok");
    let (path, client) = scheduled_client(
        dir.path(),
        &[page.clone(), site.url("/page/2")],
        PagesChoice::Only {
            urls: vec![page.clone()],
        },
    );
    let kept = store(&path).list_pages(client).unwrap();
    let id = kept.iter().find(|p| p.url == page).unwrap().id;
    store(&path).delete_page(id).unwrap();

    let at = now() + Duration::hours(2);
    let runs = run_due_schedules(&path, at, &options()).await.unwrap();
    assert_eq!(runs.len(), 1);
    assert!(runs[0].outcome.starts_with("Paused"), "{}", runs[0].outcome);
    assert_eq!(audits(&path, client), 0);
    let status = schedules::schedule_status(&store(&path), client, at)
        .unwrap()
        .unwrap();
    assert!(status.paused_reason.unwrap().contains("none of the pages"));
    assert_eq!(status.next_run_at, None);
    // Paused: later slots do not run.
    assert!(
        run_due_schedules(&path, at + Duration::hours(5), &options())
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_page_that_becomes_blocked_is_kept_as_a_change_and_alerted_once() {
    let site = FixtureSite::start_with_robots(ALLOW_ALL);
    let page = site.url("/ok");
    let dir = tempfile::tempdir().unwrap();
    let (path, client) = scheduled_client(dir.path(), &[page.clone()], PagesChoice::All);
    let receiver = WebhookReceiver::start();
    alerts::add_webhook(
        &store(&path),
        client,
        WebhookFormat::Slack,
        &receiver.url("/hook/T0KEN"),
    )
    .unwrap();
    alerts::set_quiet_minutes(&store(&path), 24 * 60).unwrap();
    let start = now();

    run_due_schedules(&path, start + Duration::minutes(61), &options())
        .await
        .unwrap();
    assert!(
        receiver.received().is_empty(),
        "nothing to compare: no alert"
    );

    // The site now refuses every crawler in robots.txt.
    let site = site.restart_with_robots(DISALLOW_ALL);
    let runs = run_due_schedules(&path, start + Duration::minutes(121), &options())
        .await
        .unwrap();
    let run = &runs[0];
    let blocked = run
        .changes
        .iter()
        .find(|c| c.kind == ChangeKind::Reachability)
        .expect("a reachability change");
    assert_eq!(blocked.direction, Direction::Worse);
    assert_eq!(blocked.page_url, page);
    assert!(
        blocked.sentence.contains("robots.txt"),
        "{}",
        blocked.sentence
    );
    assert!(run.deliveries[0].report.delivered, "{:?}", run.deliveries);
    let posts = receiver.received();
    assert_eq!(posts.len(), 1);
    assert_eq!(posts[0].path, "/hook/T0KEN");
    let text = posts[0].json.as_ref().unwrap()["text"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(text.contains("Acme"), "{text}");

    // Kept, newest first, pointing at both audits.
    let changes = list_changes(&store(&path), Some(client), 50).unwrap();
    assert!(!changes.is_empty());
    assert_eq!(changes[0].newer_run_id, run.run_id.unwrap());
    assert!(changes[0].older_run_id < changes[0].newer_run_id);

    // Fixed again within the quiet period: kept, not alerted.
    let _site = site.restart_with_robots(ALLOW_ALL);
    let runs = run_due_schedules(&path, start + Duration::minutes(181), &options())
        .await
        .unwrap();
    assert!(runs[0].quiet);
    let listed = alerts::recent_deliveries(&store(&path), client, 10).unwrap();
    assert_eq!(listed[0].outcome, "quiet");
    assert!(listed[0]
        .report
        .error
        .as_deref()
        .unwrap()
        .contains("quiet period"));
    assert!(runs[0]
        .changes
        .iter()
        .any(|c| c.kind == ChangeKind::Reachability && c.direction == Direction::Better));
    assert_eq!(
        receiver.received().len(),
        1,
        "no second alert in the quiet period"
    );

    // Nothing new: no alert, whatever the quiet period.
    alerts::set_quiet_minutes(&store(&path), 0).unwrap();
    let runs = run_due_schedules(&path, start + Duration::minutes(241), &options())
        .await
        .unwrap();
    assert!(runs[0].changes.is_empty(), "{:?}", runs[0].changes);
    assert!(runs[0].alert.is_none());
    assert_eq!(receiver.received().len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unreachable_webhook_is_retried_reported_and_never_fails_the_audit() {
    let site = FixtureSite::start_with_robots(ALLOW_ALL);
    let dir = tempfile::tempdir().unwrap();
    let (path, client) = scheduled_client(dir.path(), &[site.url("/ok")], PagesChoice::All);
    let closed = preflight_fixtures::closed_port_url();
    alerts::add_webhook(&store(&path), client, WebhookFormat::Generic, &closed).unwrap();
    let start = now();
    run_due_schedules(&path, start + Duration::minutes(61), &options())
        .await
        .unwrap();
    let _site = site.restart_with_robots(DISALLOW_ALL);

    let runs = run_due_schedules(&path, start + Duration::minutes(121), &options())
        .await
        .unwrap();
    let run = &runs[0];
    assert!(run.run_id.is_some());
    assert!(!run.changes.is_empty());
    let report = &run.deliveries[0].report;
    assert!(!report.delivered);
    assert_eq!(report.attempts, 3);
    assert!(report
        .error
        .as_deref()
        .unwrap()
        .to_lowercase()
        .contains("connect"));
    let kept = store(&path)
        .list_deliveries::<serde_json::Value>(client, 10)
        .unwrap();
    assert_eq!(kept[0].outcome, "failed");
    assert_eq!(audits(&path, client), 2);
}
