//! The `preflight` binary as a black box, against fixture sites on 127.0.0.1 and real database
//! files.

use preflight_fixtures::FixtureSite;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
mod support;
use support::{json, preflight};

#[test]
fn check_prints_json_on_stdout_progress_on_stderr_and_exit_codes_follow_findings() {
    let site = FixtureSite::start();
    let ok = preflight(&["check", &site.url("/ok"), "--format", "json"]);
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let report = json(&ok);
    assert_eq!(report["schema_version"], 1);
    assert_eq!(report["pages"][0]["verdict"], "reachable");
    assert!(String::from_utf8_lossy(&ok.stderr).contains("[1/1]"));

    let blocked = preflight(&[
        "check",
        &site.url("/ok"),
        &site.url("/blocks-openai"),
        "--format",
        "json",
    ]);
    assert_eq!(blocked.status.code(), Some(1));
    let report = json(&blocked);
    assert_eq!(report["pages"][1]["verdict"], "blocked");
    let ids: Vec<&str> = report["pages"][1]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"full-user-agent-blocked"), "{ids:?}");
}

#[test]
fn text_output_explains_the_problem_and_the_fix() {
    let site = FixtureSite::start();
    let out = preflight(&["check", &site.url("/blocks-adsbot"), "--quiet"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Blocked"), "{text}");
    // The root cause once, under the counting rules (not each check that saw the 403).
    assert!(
        text.contains("FAIL OAI-AdsBot is refused (HTTP 403)"),
        "{text}"
    );
    assert!(text.contains("Fix: "), "{text}");
    assert!(
        text.contains("Note: These requests come from your computer"),
        "{text}"
    );
    assert!(out.stderr.is_empty(), "--quiet prints nothing on stderr");
}

#[test]
fn bad_input_is_a_usage_error_with_a_reason() {
    let out = preflight(&["check", "ftp://example.com/file", "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("ftp") && err.contains("no valid URL"), "{err}");

    let out = preflight(&["check"]);
    assert_eq!(out.status.code(), Some(2));

    let out = preflight(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn an_invalid_line_among_good_ones_still_checks_the_good_ones() {
    let site = FixtureSite::start();
    let out = preflight(&["check", &site.url("/ok"), "not a url", "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(json(&out)["pages"].as_array().unwrap().len(), 1);
}

#[test]
fn saved_audits_are_listed_and_shown_from_the_same_database() {
    let site = FixtureSite::start();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    let db = db.to_str().unwrap();
    let out = preflight(&[
        "check",
        &site.url("/ok"),
        &site.url("/cloaked"),
        "--save",
        "--client",
        "Acme",
        "--db",
        db,
        "--format",
        "json",
    ]);
    // Saved whatever it found; not ready, as the bot gets a different page at /cloaked.
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let checked = json(&out);
    assert!(String::from_utf8_lossy(&out.stderr).contains("saved as audit 1"));

    let list = preflight(&["audits", "list", "--db", db, "--format", "json"]);
    assert_eq!(list.status.code(), Some(0));
    let list = json(&list);
    assert_eq!(list[0]["id"], 1);
    assert_eq!(list[0]["client_name"], "Acme");
    assert_eq!(list[0]["status"], "complete");

    let show = preflight(&["audits", "show", "1", "--db", db, "--format", "json"]);
    assert_eq!(
        show.status.code(),
        Some(1),
        "not ready, as when it was checked"
    );
    assert_eq!(
        json(&show),
        checked,
        "the stored report is the report that was printed"
    );

    let missing = preflight(&["audits", "show", "99", "--db", db]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no longer exists"));

    let text = preflight(&["audits", "list", "--db", db, "--client", "acme"]);
    assert!(String::from_utf8_lossy(&text.stdout).contains("Acme"));
}

#[test]
fn a_newer_database_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("future.db");
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch("PRAGMA user_version = 999;")
        .unwrap();
    let out = preflight(&["audits", "list", "--db", db.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("newer version of Preflight"));
}

#[test]
fn killing_the_process_mid_audit_leaves_earlier_audits_intact_and_no_false_complete() {
    let site = FixtureSite::start();
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("p.db");
    let db = db_path.to_str().unwrap();
    let first = preflight(&["check", &site.url("/ok"), "--save", "--db", db, "--quiet"]);
    assert_eq!(first.status.code(), Some(0));

    let mut args = vec![
        "check".to_string(),
        site.url("/ok"),
        "--save".into(),
        "--db".into(),
        db.into(),
        "--quiet".into(),
        "--concurrency".into(),
        "1".into(),
    ];
    for i in 0..5 {
        args.push(site.url(&format!("/slow?ms=30000&n={i}")));
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_preflight"))
        .args(&args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until the second run has written its first page, then kill it hard.
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if pages_saved(&db_path, 2) >= 1 {
            break;
        }
        assert!(Instant::now() < deadline, "the run never saved a page");
        std::thread::sleep(Duration::from_millis(100));
    }
    child.kill().unwrap();
    child.wait().unwrap();

    let list = json(&preflight(&[
        "audits", "list", "--db", db, "--format", "json",
    ]));
    let statuses: Vec<(i64, String)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["id"].as_i64().unwrap(),
                a["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(statuses.contains(&(1, "complete".into())), "{statuses:?}");
    let second = statuses
        .iter()
        .find(|(id, _)| *id == 2)
        .expect("the killed run is listed");
    assert_ne!(second.1, "complete", "a killed run must not look complete");
    let earlier = json(&preflight(&[
        "audits", "show", "1", "--db", db, "--format", "json",
    ]));
    assert_eq!(earlier["pages"][0]["verdict"], "reachable");
}

fn pages_saved(db: &Path, run: i64) -> i64 {
    let Ok(conn) = rusqlite::Connection::open(db) else {
        return 0;
    };
    conn.query_row(
        "SELECT COUNT(*) FROM page_results WHERE run_id = ?1",
        [run],
        |r| r.get(0),
    )
    .unwrap_or(0)
}

#[test]
fn robots_tester_reports_the_tagged_url_trap() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("robots.txt");
    std::fs::write(&file, "User-agent: *\nDisallow: /*?utm\n").unwrap();
    let out = preflight(&[
        "robots",
        "--file",
        file.to_str().unwrap(),
        "--url",
        "https://a.com/sale?utm_source=chatgpt",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    assert_eq!(v["verdict"]["allowed"], false);
    let ids: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"robots-blocks-tagged-url"), "{ids:?}");

    let ok = preflight(&[
        "robots",
        "--file",
        file.to_str().unwrap(),
        "--url",
        "https://a.com/sale",
    ]);
    assert_eq!(ok.status.code(), Some(0));
}

#[test]
fn plan_prints_every_layer_and_reproduces_with_a_seed() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plan.json");
    std::fs::write(
        &file,
        r#"{ "spend": 10000, "cpc": 4, "cvr": {"low": 0.02, "likely": 0.03, "high": 0.045},
             "value": 120, "margin": 0.4, "lag_median_days": 2, "lag_sigma": 1.0,
             "cannibalization": 0.25, "ai_citation_share": 0.3, "ai_lift": 0.2 }"#,
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let a = preflight(&[
        "plan", "--input", path, "--draws", "2000", "--seed", "7", "--format", "json",
    ]);
    assert_eq!(
        a.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&a.stderr)
    );
    let b = preflight(&[
        "plan", "--input", path, "--draws", "2000", "--seed", "7", "--format", "json",
    ]);
    assert_eq!(a.stdout, b.stdout, "same seed, same numbers");
    let text =
        String::from_utf8_lossy(&preflight(&["plan", "--input", path, "--draws", "500"]).stdout)
            .to_string();
    for layer in ["L1", "L2", "L3", "L4"] {
        assert!(text.contains(layer), "{layer} missing:\n{text}");
    }

    std::fs::write(
        &file,
        r#"{ "spend": -5, "cpc": 4, "cvr": 0.03, "value": 120 }"#,
    )
    .unwrap();
    let bad = preflight(&["plan", "--input", path]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("spend"));
}

#[test]
fn utm_flags_bad_tagging_and_a_redirect_that_drops_parameters() {
    let site = FixtureSite::start();
    let url = site.url("/drops-params?utm_source=ChatGPT&utm_medium=cpc&utm_campaign=spring");
    let out = preflight(&["utm", &url, "--follow", "--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = json(&out);
    let ids: Vec<&str> = report["urls"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"utm-dropped-by-redirect"), "{ids:?}");

    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("ads.csv");
    std::fs::write(&csv, "Ad name;Final URL\nSpring;https://a.com/?utm_source=chatgpt&utm_medium=cpc&utm_campaign=spring\n").unwrap();
    let from_csv = preflight(&["utm", "--file", csv.to_str().unwrap(), "--format", "json"]);
    assert!(
        from_csv.status.code().is_some_and(|c| c < 2),
        "{}",
        String::from_utf8_lossy(&from_csv.stderr)
    );
    assert_eq!(json(&from_csv)["urls"].as_array().unwrap().len(), 1);
}

#[test]
fn export_writes_pdf_csv_and_json_and_fails_cleanly() {
    let site = FixtureSite::start();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    let db = db.to_str().unwrap();
    let saved = preflight(&[
        "check",
        &site.url("/hostile"),
        &site.url("/blocks-adsbot"),
        "--save",
        "--client",
        "Acme",
        "--db",
        db,
        "--quiet",
    ]);
    assert_eq!(saved.status.code(), Some(1));
    let pdf = dir.path().join("audit.pdf");
    let csv = dir.path().join("audit.csv");
    let json_file = dir.path().join("audit.json");
    let out = preflight(&[
        "export",
        "1",
        "--pdf",
        pdf.to_str().unwrap(),
        "--csv",
        csv.to_str().unwrap(),
        "--json",
        json_file.to_str().unwrap(),
        "--db",
        db,
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Acme"), "{text}");
    assert!(
        text.contains("{{7*7}}"),
        "a hostile page title appears literally"
    );
    let csv_text = std::fs::read_to_string(&csv).unwrap();
    assert!(csv_text.contains("bot-error-status"));
    let exported: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&json_file).unwrap()).unwrap();
    assert_eq!(exported["pages"].as_array().unwrap().len(), 2);

    let nowhere = dir.path().join("missing-folder").join("audit.pdf");
    let failed = preflight(&[
        "export",
        "1",
        "--pdf",
        nowhere.to_str().unwrap(),
        "--db",
        db,
    ]);
    assert_eq!(failed.status.code(), Some(2));
    assert!(!nowhere.exists());
    let deleted = preflight(&["export", "7", "--csv", csv.to_str().unwrap(), "--db", db]);
    assert_eq!(deleted.status.code(), Some(2));
}

#[test]
fn a_site_that_starts_refusing_is_paused_once_on_stderr_and_in_the_report() {
    let site = FixtureSite::start();
    let urls: Vec<String> = (1..=10)
        .map(|n| site.url(&format!("/quota/{n}?after=6")))
        .collect();
    let mut args = vec!["check", "--format", "json"];
    args.extend(urls.iter().map(String::as_str));
    let out = preflight(&args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("paused: ").count(), 1, "{stderr}");
    assert!(stderr.contains("HTTP 403"), "{stderr}");
    let report = json(&out);
    let paused = report["pages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| {
            p["findings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["id"] == "host-paused")
        })
        .count();
    assert!(paused >= 5, "{paused} pages paused");
}
