//! Several real `preflight` processes on one database file: saving at the same moment on a file
//! that does not exist yet, and runs killed with SIGKILL at different moments.

use preflight_fixtures::FixtureSite;
use serde_json::Value;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};
mod support;
use support::{json, preflight};

/// Starts `preflight check --save` on `urls` without waiting for it.
fn spawn_check(db: &Path, urls: &[String]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_preflight"))
        .arg("check")
        .args(urls)
        .args(["--save", "--db", db.to_str().unwrap()])
        .args(["--concurrency", "1", "--format", "json", "--quiet"])
        .env_remove("PREFLIGHT_DB")
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
        "stderr:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn list(db: &Path) -> Vec<Value> {
    let out = preflight(&[
        "audits",
        "list",
        "--db",
        db.to_str().unwrap(),
        "--format",
        "json",
    ]);
    succeeded(&out);
    json(&out).as_array().expect("a list").clone()
}

fn show(db: &Path, id: i64) -> Value {
    let out = preflight(&[
        "audits",
        "show",
        &id.to_string(),
        "--db",
        db.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "audit {id} cannot be shown: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    json(&out)
}

fn page_urls(report: &Value) -> Vec<String> {
    report["pages"]
        .as_array()
        .expect("pages")
        .iter()
        .map(|p| p["url"].as_str().expect("url").to_string())
        .collect()
}

#[test]
fn processes_saving_at_the_same_moment_on_a_new_database_all_succeed() {
    let site = FixtureSite::start();
    let dir = tempfile::tempdir().unwrap();
    for round in 0..5 {
        // A folder that does not exist yet either: every process creates both.
        let db = dir
            .path()
            .join(format!("round-{round}"))
            .join("new.sqlite3");
        let urls: Vec<String> = (0..3)
            .map(|i| site.url(&format!("/page/{}", round * 10 + i)))
            .collect();
        let children: Vec<Child> = urls
            .iter()
            .map(|url| spawn_check(&db, std::slice::from_ref(url)))
            .collect();
        let mut printed = Vec::new();
        for child in children {
            let out = child.wait_with_output().unwrap();
            succeeded(&out);
            printed.push(json(&out));
        }

        let listed = list(&db);
        assert_eq!(listed.len(), urls.len(), "round {round}: {listed:#?}");
        let mut stored = Vec::new();
        for audit in &listed {
            assert_eq!(audit["status"], "complete", "round {round}: {audit}");
            assert_eq!(audit["pages_done"], 1, "round {round}: {audit}");
            let report = show(&db, audit["id"].as_i64().unwrap());
            assert!(
                printed.contains(&report),
                "round {round}: the stored report is one of the printed ones"
            );
            stored.extend(page_urls(&report));
        }
        stored.sort();
        let mut expected = urls.clone();
        expected.sort();
        assert_eq!(
            stored, expected,
            "round {round}: every audit is stored once"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(db.parent().unwrap()), 0o700, "round {round}: folder");
            assert_eq!(mode(&db), 0o600, "round {round}: database file");
        }
    }
}

/// Pages saved so far by run `run`, read directly; `None` while the run (or the file) does not
/// exist yet.
fn pages_saved(db: &Path, run: i64) -> Option<i64> {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE)
            .ok()?;
    conn.busy_timeout(Duration::from_secs(5)).ok()?;
    conn.query_row(
        "SELECT (SELECT COUNT(*) FROM page_results WHERE run_id = ?1)
         FROM audit_runs WHERE id = ?1",
        [run],
        |r| r.get(0),
    )
    .ok()
}

fn integrity(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

/// When a run is killed.
#[derive(Debug, Clone, Copy)]
enum Moment {
    /// Once its run exists and has saved this many pages.
    AfterPages(i64),
    /// This long after the process started, whatever it is doing then.
    AfterMillis(u64),
}

/// Kills `child` with SIGKILL at `moment` of run `run` in `db`.
fn kill_at(mut child: Child, db: &Path, run: i64, moment: Moment) {
    match moment {
        Moment::AfterPages(pages) => {
            let deadline = Instant::now() + Duration::from_secs(120);
            while pages_saved(db, run).is_none_or(|saved| saved < pages) {
                if Instant::now() > deadline || child.try_wait().unwrap().is_some() {
                    let _ = child.kill();
                    panic!("run {run} never saved {pages} pages");
                }
                std::thread::sleep(Duration::from_millis(10));
            }
        }
        Moment::AfterMillis(ms) => std::thread::sleep(Duration::from_millis(ms)),
    }
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn a_run_killed_at_any_moment_reads_as_interrupted_with_the_pages_it_saved() {
    let site = FixtureSite::start();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite3");
    let first = spawn_check(&db, &[site.url("/ok"), site.url("/page/1")])
        .wait_with_output()
        .unwrap();
    succeeded(&first);
    // Every audit stored so far, as it reads: it must read the same after each kill.
    let mut stored: Vec<(i64, Value)> = vec![(1, json(&first))];

    const PAGES: usize = 5;
    let moments = [
        Moment::AfterPages(0),
        Moment::AfterPages(2),
        Moment::AfterPages(PAGES as i64 - 1),
        Moment::AfterMillis(0),
        Moment::AfterPages(1),
        Moment::AfterMillis(700),
    ];
    for (round, &moment) in moments.iter().enumerate() {
        let urls: Vec<String> = (0..PAGES)
            .map(|n| site.url(&format!("/slow?ms=300&round={round}&n={n}")))
            .collect();
        let run = stored.last().unwrap().0 + 1;
        kill_at(spawn_check(&db, &urls), &db, run, moment);

        assert_eq!(integrity(&db), "ok", "round {round} ({moment:?})");
        let listed = list(&db);
        match listed.iter().find(|a| a["id"] == run) {
            None => assert!(
                matches!(moment, Moment::AfterMillis(_)),
                "round {round}: the killed run is listed"
            ),
            Some(killed) => {
                assert_eq!(
                    killed["status"], "interrupted",
                    "round {round} ({moment:?}): {killed}"
                );
                let saved = pages_saved(&db, run).unwrap();
                assert_eq!(killed["pages_done"], saved, "round {round}");
                assert_eq!(killed["page_count"], PAGES, "round {round}");
                assert!(saved < PAGES as i64, "round {round}: killed before the end");
                if let Moment::AfterPages(pages) = moment {
                    assert!(saved >= pages, "round {round}: {saved} pages saved");
                }
                let report = show(&db, run);
                assert_eq!(report["status"], "interrupted", "round {round}");
                assert_eq!(
                    page_urls(&report),
                    urls[..saved as usize],
                    "round {round}: exactly the pages saved, in order"
                );
                stored.push((run, report));
            }
        }
        assert_eq!(listed.len(), stored.len(), "round {round}: {listed:#?}");
        for (id, report) in &stored {
            assert_eq!(&show(&db, *id), report, "round {round}: audit {id}");
        }
    }

    let after = spawn_check(&db, &[site.url("/ok")])
        .wait_with_output()
        .unwrap();
    succeeded(&after);
    let listed = list(&db);
    assert_eq!(listed[0]["status"], "complete", "{listed:#?}");
    assert_eq!(listed.len(), stored.len() + 1);
}

#[test]
fn a_process_killed_while_it_creates_the_database_leaves_a_usable_file() {
    let site = FixtureSite::start();
    let dir = tempfile::tempdir().unwrap();
    for (round, delay) in [0, 5, 10, 20, 40, 80].into_iter().enumerate() {
        let db = dir.path().join(format!("new-{round}.sqlite3"));
        kill_at(
            spawn_check(&db, &[site.url("/slow?ms=5000")]),
            &db,
            1,
            Moment::AfterMillis(delay),
        );
        let out = spawn_check(&db, &[site.url("/page/2")])
            .wait_with_output()
            .unwrap();
        succeeded(&out);
        assert_eq!(integrity(&db), "ok", "round {round}");
        let listed = list(&db);
        let complete: Vec<&Value> = listed
            .iter()
            .filter(|a| a["status"] == "complete")
            .collect();
        assert_eq!(complete.len(), 1, "round {round}: {listed:#?}");
        assert_eq!(
            page_urls(&show(&db, complete[0]["id"].as_i64().unwrap())),
            [site.url("/page/2")]
        );
        assert!(
            listed
                .iter()
                .all(|a| a["status"] == "complete" || a["status"] == "interrupted"),
            "round {round}: {listed:#?}"
        );
    }
}
