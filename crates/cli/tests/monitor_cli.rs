//! The regression gate and monitoring from the command line, against fixture sites on
//! 127.0.0.1: `check --save --client --fail-on-regression` exits 3 when something got worse
//! (not when it was already failing), JUnit XML names each page as a test case, and `monitor`
//! schedules, runs and lists changes; a test alert reaches a local webhook receiver.

use preflight_fixtures::webhook_receiver::WebhookReceiver;
use preflight_fixtures::FixtureSite;
use std::path::Path;
use std::process::{Command, Output};

const ALLOW_ALL: &str = "User-agent: *\nAllow: /\n";
const DISALLOW_ALL: &str = "User-agent: *\nDisallow: /\n";

fn preflight(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_preflight"))
        .args(args)
        .arg("--db")
        .arg(db)
        .env_remove("PREFLIGHT_WEBHOOK_URL")
        .output()
        .expect("run preflight")
}

fn gate(db: &Path, url: &str, extra: &[&str]) -> Output {
    let mut args = vec![
        "check",
        url,
        "--save",
        "--client",
        "Acme",
        "--fail-on-regression",
        "-q",
    ];
    args.extend_from_slice(extra);
    preflight(db, &args)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn the_regression_gate_exits_3_only_when_something_got_worse() {
    let site = FixtureSite::start_with_robots(ALLOW_ALL);
    let page = site.url("/ok");
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("preflight.sqlite3");

    // First audit: nothing to compare with; the page is ready.
    let first = gate(&db, &page, &[]);
    assert_eq!(first.status.code(), Some(0), "{}", text(&first.stderr));
    assert!(text(&first.stderr).contains("no earlier complete audit"));

    // The site blocks every crawler: worse than before → 3, with the change printed.
    let site = site.restart_with_robots(DISALLOW_ALL);
    let worse = gate(&db, &page, &[]);
    let stderr = text(&worse.stderr);
    assert_eq!(worse.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains("Worse:") && stderr.contains(&page),
        "{stderr}"
    );
    assert!(stderr.contains("robots.txt"), "{stderr}");

    // Still blocked: failing (1), but not a regression.
    let same = gate(&db, &page, &[]);
    assert_eq!(same.status.code(), Some(1), "{}", text(&same.stderr));
    assert!(text(&same.stderr).contains("nothing changed"));

    // Fixed: ready again, 0.
    let _site = site.restart_with_robots(ALLOW_ALL);
    let fixed = gate(&db, &page, &[]);
    assert_eq!(fixed.status.code(), Some(0), "{}", text(&fixed.stderr));

    // The same changes are kept for the Changes list only by schedules, not by the gate.
    let listed = preflight(&db, &["monitor", "changes"]);
    assert!(
        text(&listed.stdout).contains("No changes"),
        "{}",
        text(&listed.stdout)
    );
}

#[test]
fn junit_output_has_one_test_case_per_page_and_a_failure_for_a_blocked_one() {
    let site = FixtureSite::start();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("preflight.sqlite3");
    let ok = site.url("/ok");
    let blocked = site.url("/blocks-adsbot");
    let out = preflight(&db, &["check", &ok, &blocked, "--format", "junit", "-q"]);
    assert_eq!(out.status.code(), Some(1));
    let xml = text(&out.stdout);
    let doc = roxmltree::Document::parse(&xml).expect("well-formed JUnit XML");
    let cases: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 2);
    let failed: Vec<&str> = cases
        .iter()
        .filter(|c| c.children().any(|n| n.has_tag_name("failure")))
        .map(|c| c.attribute("name").unwrap())
        .collect();
    assert_eq!(failed, [blocked.as_str()]);
    let suite = doc
        .descendants()
        .find(|n| n.has_tag_name("testsuite"))
        .unwrap();
    assert_eq!(suite.attribute("tests"), Some("2"));
    assert_eq!(suite.attribute("failures"), Some("1"));
}

#[test]
fn monitor_schedules_runs_and_sends_a_test_alert_from_the_command_line() {
    let site = FixtureSite::start();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("preflight.sqlite3");
    let saved = preflight(
        &db,
        &[
            "check",
            &site.url("/ok"),
            "--save",
            "--client",
            "Acme",
            "-q",
        ],
    );
    assert_eq!(saved.status.code(), Some(0), "{}", text(&saved.stderr));

    let scheduled = preflight(
        &db,
        &[
            "monitor", "schedule", "--client", "Acme", "--daily", "25:00",
        ],
    );
    assert_eq!(scheduled.status.code(), Some(2));
    assert!(
        text(&scheduled.stderr).contains("not a time of day"),
        "{}",
        text(&scheduled.stderr)
    );
    let scheduled = preflight(
        &db,
        &[
            "monitor",
            "schedule",
            "--client",
            "Acme",
            "--every-hours",
            "6",
        ],
    );
    assert_eq!(
        scheduled.status.code(),
        Some(0),
        "{}",
        text(&scheduled.stderr)
    );
    assert!(text(&scheduled.stdout).contains("Every 6 hours"));
    let list = preflight(&db, &["monitor", "list", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(json[0]["client_name"], "Acme");
    assert!(json[0]["next_run_at"].is_string());

    // Made just now: nothing is due yet.
    let run = preflight(&db, &["monitor", "run"]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    assert!(text(&run.stdout).contains("No schedule is due"));

    // A test alert to a local receiver; the address (with its token) is never printed.
    let receiver = WebhookReceiver::start();
    let hook = receiver.url("/services/T000/SECRET-TOKEN");
    let added = Command::new(env!("CARGO_BIN_EXE_preflight"))
        .args([
            "monitor",
            "alerts",
            "add-webhook",
            "--client",
            "Acme",
            "--kind",
            "generic",
            "--db",
        ])
        .arg(&db)
        .env("PREFLIGHT_WEBHOOK_URL", &hook)
        .output()
        .unwrap();
    assert_eq!(added.status.code(), Some(0), "{}", text(&added.stderr));
    let tested = preflight(&db, &["monitor", "alerts", "test", "--client", "Acme"]);
    assert_eq!(tested.status.code(), Some(0), "{}", text(&tested.stdout));
    let posts = receiver.received();
    assert_eq!(posts.len(), 1);
    let body = posts[0].json.as_ref().unwrap();
    assert_eq!(body["schema"], "preflight.alert/1");
    assert_eq!(body["client"], "Acme");
    assert_eq!(body["test"], true);
    for out in [&added, &tested] {
        assert!(!text(&out.stdout).contains("SECRET-TOKEN"));
        assert!(!text(&out.stderr).contains("SECRET-TOKEN"));
    }
    let bytes = std::fs::read(&db).unwrap();
    assert!(
        !String::from_utf8_lossy(&bytes).contains("SECRET-TOKEN"),
        "the address is in the database"
    );
}
