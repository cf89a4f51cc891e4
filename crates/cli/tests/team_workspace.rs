//! The command line on a team workspace (the test PostgreSQL server): saving audits, several
//! processes at once, a process killed mid-save, copying a file in and back out, connecting
//! this machine with the password in the keychain.

use preflight_fixtures::FixtureSite;
use preflight_testkit::postgres::TestDatabase;
use serde_json::Value;
use std::io::Write;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};
mod support;
use support::{json, no_machine_settings, preflight};

fn spawn_check(db: &str, client: &str, urls: &[String]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_preflight"))
        .arg("check")
        .args(urls)
        .args(["--save", "--client", client, "--db", db])
        .args(["--concurrency", "1", "--format", "json", "--quiet"])
        .env_remove("PREFLIGHT_DB")
        .env("PREFLIGHT_CONFIG_DIR", no_machine_settings())
        .env("USER", "ci-analyst")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start preflight")
}

fn succeeded(out: &Output) {
    assert_eq!(
        out.status.code(),
        Some(0),
        "stdout:\n{}\nstderr:\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn run_json(args: &[&str]) -> Value {
    let out = preflight(args);
    succeeded(&out);
    json(&out)
}

fn list(db: &str) -> Vec<Value> {
    run_json(&["audits", "list", "--db", db, "--format", "json"])
        .as_array()
        .expect("a list")
        .clone()
}

fn show(db: &str, id: i64) -> Value {
    let out = preflight(&[
        "audits",
        "show",
        &id.to_string(),
        "--db",
        db,
        "--format",
        "json",
    ]);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        support::stderr(&out)
    );
    json(&out)
}

#[test]
fn two_processes_auditing_one_client_at_once_both_save_complete_audits() {
    let site = FixtureSite::start();
    let db = TestDatabase::new();
    let url = db.url();
    let children: Vec<Child> = (0..2)
        .map(|i| {
            let pages: Vec<String> = (0..3)
                .map(|n| site.url(&format!("/page/{}", i * 10 + n)))
                .collect();
            spawn_check(&url, "Acme", &pages)
        })
        .collect();
    let printed: Vec<Value> = children
        .into_iter()
        .map(|c| {
            let out = c.wait_with_output().unwrap();
            succeeded(&out);
            json(&out)
        })
        .collect();
    let listed = list(&url);
    assert_eq!(listed.len(), 2, "{listed:#?}");
    for audit in &listed {
        assert_eq!(audit["status"], "complete");
        assert_eq!(audit["pages_done"], 3);
        assert_eq!(
            audit["client_name"], "Acme",
            "one client, found or created once"
        );
        assert!(printed.contains(&show(&url, audit["id"].as_i64().unwrap())));
    }
}

#[test]
fn a_process_killed_mid_save_leaves_the_earlier_audits_intact_and_reads_as_interrupted() {
    let site = FixtureSite::start();
    let db = TestDatabase::new();
    let url = db.url();
    let first = spawn_check(&url, "Acme", &[site.url("/ok")])
        .wait_with_output()
        .unwrap();
    succeeded(&first);
    let earlier = show(&url, 1);

    let urls: Vec<String> = (0..5)
        .map(|n| site.url(&format!("/slow?ms=300&n={n}")))
        .collect();
    let mut child = spawn_check(&url, "Acme", &urls);
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let saved = db.admin_sql("SELECT COUNT(*) FROM page_results WHERE run_id = 2");
        if saved.parse::<i64>().unwrap_or(0) >= 2 {
            break;
        }
        assert!(
            Instant::now() < deadline && child.try_wait().unwrap().is_none(),
            "never saved 2 pages"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    child.kill().unwrap();
    child.wait().unwrap();

    assert_eq!(show(&url, 1), earlier, "the earlier audit is as it was");
    // The server ends the killed process's session at once, and with it its owner lock.
    let deadline = Instant::now() + Duration::from_secs(10);
    let killed = loop {
        let listed = list(&url);
        let killed = listed
            .iter()
            .find(|a| a["id"] == 2)
            .expect("the killed run is listed")
            .clone();
        if killed["status"] != "running" || Instant::now() > deadline {
            break killed;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(killed["status"], "interrupted", "{killed}");
    let saved = killed["pages_done"].as_i64().unwrap();
    assert!((2..5).contains(&saved), "{killed}");
    let report = show(&url, 2);
    let pages: Vec<&str> = report["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["url"].as_str().unwrap())
        .collect();
    assert_eq!(
        pages,
        urls[..saved as usize]
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
    );

    let after = spawn_check(&url, "Acme", &[site.url("/ok")])
        .wait_with_output()
        .unwrap();
    succeeded(&after);
    assert_eq!(list(&url)[0]["status"], "complete");
}

#[test]
fn a_file_is_copied_into_a_workspace_and_back_with_checked_counts_and_again_safely() {
    let site = FixtureSite::start();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("laptop.sqlite3");
    let file = file.to_str().unwrap();
    for client in ["Acme", "Globex"] {
        succeeded(
            &spawn_check(file, client, &[site.url("/ok"), site.url("/page/1")])
                .wait_with_output()
                .unwrap(),
        );
    }
    let db = TestDatabase::new();
    let url = db.url();

    let copied = run_json(&[
        "db", "copy", "--from", file, "--to", &url, "--format", "json",
    ]);
    let rows = |report: &Value, table: &str, field: &str| {
        report["tables"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["table"] == table)
            .unwrap()[field]
            .as_u64()
            .unwrap()
    };
    assert_eq!(rows(&copied, "clients", "copied"), 2);
    assert_eq!(rows(&copied, "audit_runs", "copied"), 2);
    assert_eq!(rows(&copied, "page_results", "copied"), 4);
    assert_eq!(
        list(&url),
        list(file),
        "the workspace lists what the file listed"
    );
    for audit in list(file) {
        let id = audit["id"].as_i64().unwrap();
        assert_eq!(show(&url, id), show(file, id));
    }

    let again = run_json(&[
        "db", "copy", "--from", file, "--to", &url, "--format", "json",
    ]);
    assert_eq!(rows(&again, "audit_runs", "copied"), 0);
    assert_eq!(rows(&again, "audit_runs", "already_there"), 2);

    // New work in the workspace, then everything back into a new file.
    succeeded(
        &spawn_check(&url, "Acme", &[site.url("/ok")])
            .wait_with_output()
            .unwrap(),
    );
    let comments = run_json(&[
        "audits",
        "comments",
        "1",
        "Blocked by the WAF: ask IT to allow OAI-AdsBot.",
        "--db",
        &url,
        "--format",
        "json",
    ]);
    assert_eq!(
        comments[0]["body"],
        "Blocked by the WAF: ask IT to allow OAI-AdsBot."
    );
    let missing = preflight(&["audits", "comments", "99", "--db", &url]);
    assert_eq!(missing.status.code(), Some(2), "no audit 99");
    let back = dir.path().join("back.sqlite3");
    let back = back.to_str().unwrap();
    let out = preflight(&["db", "copy", "--from", &url, "--to", back]);
    succeeded(&out);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Counts checked"), "{text}");
    assert!(
        !text.contains(&url),
        "the password is never printed: {text}"
    );
    assert_eq!(list(back), list(&url));
    assert_eq!(list(back).len(), 3);
    let kept = run_json(&["audits", "comments", "1", "--db", back, "--format", "json"]);
    assert_eq!(kept, comments, "comments travel with their audit");

    let status = run_json(&["db", "status", "--db", &url, "--format", "json"]);
    assert_eq!(status["kind"], "team workspace");
    assert_eq!(status["audits"], 3);
    let location = status["location"].as_str().unwrap();
    assert!(location.contains("preflight_admin@127.0.0.1"), "{location}");
    assert!(
        !location.contains("preflight_admin:"),
        "no password: {location}"
    );
}

#[test]
fn this_machine_connects_with_the_password_in_the_keychain_never_in_its_settings() {
    let db = TestDatabase::new();
    let role = db.analyst("c0rrect-h0rse");
    let with_password = db.url_for(&role, "c0rrect-h0rse");
    let address = with_password.replace(":c0rrect-h0rse@", "@");
    let config = tempfile::tempdir().unwrap();
    let command = |args: &[&str], stdin: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_preflight"))
            .args(args)
            .env_remove("PREFLIGHT_DB")
            .env("PREFLIGHT_CONFIG_DIR", config.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };

    let refused = command(&["db", "connect", &address, "--password-stdin"], "wrong\n");
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        support::stderr(&refused).contains("refused the login"),
        "{}",
        support::stderr(&refused)
    );
    assert!(
        !config.path().join("machine.json").exists(),
        "nothing kept after a refusal"
    );

    let out = command(
        &["db", "connect", &address, "--password-stdin"],
        "c0rrect-h0rse\n",
    );
    succeeded(&out);
    assert!(String::from_utf8_lossy(&out.stdout).contains("holds no client yet"));
    let settings = std::fs::read_to_string(config.path().join("machine.json")).unwrap();
    assert!(settings.contains(&address), "{settings}");
    assert!(!settings.contains("c0rrect-h0rse"), "{settings}");

    // Every command now works in the workspace, as this login, without being told where.
    succeeded(&command(&["db", "author", "Dana"], ""));
    let status = command(&["db", "status", "--format", "json"], "");
    succeeded(&status);
    let status = json(&status);
    assert_eq!(status["kind"], "team workspace");
    assert_eq!(status["author"], "Dana");

    succeeded(&command(&["db", "disconnect"], ""));
    let settings = std::fs::read_to_string(config.path().join("machine.json")).unwrap();
    assert!(!settings.contains("postgres://"), "{settings}");
    // The password is gone from the keychain too: the address alone is refused.
    let e = preflight(&["audits", "list", "--db", &address]);
    assert_eq!(e.status.code(), Some(2));
    assert!(
        support::stderr(&e).contains("refused the login"),
        "{}",
        support::stderr(&e)
    );
}
