//! `preflight check` and `preflight export` over the session layer: a check stopped with Ctrl-C
//! keeps its pages and does not pass, and exports into a folder take the app's file names.

use preflight_fixtures::FixtureSite;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;
mod support;
use support::{json, preflight, stderr};

#[cfg(unix)]
#[test]
fn ctrl_c_stops_a_check_keeps_its_pages_and_does_not_pass() {
    let site = FixtureSite::start();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite3");
    let mut child = Command::new(env!("CARGO_BIN_EXE_preflight"))
        .arg("check")
        .args([site.url("/page/1"), site.url("/page/2")])
        .args((0..3).map(|i| site.url(&format!("/slow?ms=30000&n={i}"))))
        .args(["--save", "--db", db.to_str().unwrap()])
        .args(["--concurrency", "2", "--format", "json"])
        .env_remove("PREFLIGHT_DB")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start preflight");

    // Wait for the two quick pages, then press Ctrl-C.
    let mut progress = BufReader::new(child.stderr.take().unwrap());
    let mut told = String::new();
    while !told.contains("[2/5]") {
        let mut line = String::new();
        assert!(
            progress.read_line(&mut line).unwrap() > 0,
            "preflight ended early:\n{told}"
        );
        told.push_str(&line);
    }
    // SAFETY: sending a signal to the child this test started.
    assert_eq!(unsafe { libc::kill(child.id() as i32, libc::SIGINT) }, 0);
    let (done_tx, done_rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = done_tx.send(child.wait_with_output());
    });
    let out = done_rx
        .recv_timeout(Duration::from_secs(15))
        .expect("Ctrl-C ends the check at once")
        .unwrap();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut progress, &mut rest).unwrap();
    told.push_str(&rest);

    assert_eq!(
        out.status.code(),
        Some(1),
        "a stopped check does not pass:\n{told}"
    );
    assert!(
        told.contains("stopping: the pages checked so far are kept"),
        "{told}"
    );
    assert!(told.contains("saved as audit 1"), "{told}");
    let report = json(&out);
    assert_eq!(report["status"], "cancelled");
    assert_eq!(report["pages"].as_array().unwrap().len(), 2);
    assert_eq!(report["planned_pages"], 5);

    let list = preflight(&[
        "audits",
        "list",
        "--db",
        db.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let listed = &json(&list)[0];
    assert_eq!(listed["status"], "cancelled");
    assert_eq!(listed["pages_done"], 2);
    assert_eq!(listed["page_count"], 5);
    let shown = preflight(&[
        "audits",
        "show",
        "1",
        "--db",
        db.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(json(&shown), report, "the saved audit is the one printed");
}

#[test]
fn exports_into_a_folder_take_the_app_s_file_names() {
    let site = FixtureSite::start();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite3");
    let db = db.to_str().unwrap();
    let saved = preflight(&[
        "check",
        &site.url("/ok"),
        "--save",
        "--client",
        "Acme/Beta",
        "--db",
        db,
        "--format",
        "json",
        "--quiet",
    ]);
    assert_eq!(saved.status.code(), Some(0), "{}", stderr(&saved));
    let day = json(&saved)["started_at"].as_str().unwrap()[..10].to_string();

    let folder = dir.path().join("exports");
    std::fs::create_dir(&folder).unwrap();
    let folder = folder.to_str().unwrap();
    let out = preflight(&[
        "export", "1", "--pdf", folder, "--csv", folder, "--json", folder, "--db", db,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for extension in ["pdf", "csv", "json"] {
        let name = format!("Acme-Beta audit {day} #1.{extension}");
        assert_eq!(
            name,
            preflight_session::exports::audit_file_name(Some("Acme/Beta"), &day, 1, extension)
        );
        let path = std::path::Path::new(folder).join(&name);
        assert!(path.is_file(), "{} is missing", path.display());
        assert!(stderr(&out).contains(&name), "{}", stderr(&out));
    }
}
