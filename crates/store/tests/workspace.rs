//! What only a team workspace on a PostgreSQL server does: logins, roles, a server that is down
//! or drops the connection, schemas from other versions, and several people writing at once.
//! These run against the test server (`PREFLIGHT_TEST_POSTGRES`), never a file.

mod support;
use preflight_document::report::{RunStatus, Verdict};
use preflight_store::{Store, StoreError, LATEST_VERSION};
use preflight_testkit::postgres::TestDatabase;
use std::path::Path;
use std::sync::{Arc, Barrier};
use support::{open_store, page, report};

fn open(url: &str) -> Result<Store, StoreError> {
    open_store(Path::new(url))
}

#[test]
fn a_server_that_is_down_or_refuses_the_login_is_named_and_nothing_is_saved_locally() {
    let db = TestDatabase::new();
    let cwd = std::env::current_dir().unwrap();
    let before: Vec<_> = std::fs::read_dir(&cwd)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();

    let wrong = db.url_for("preflight_admin", "not-the-password");
    let e = open(&wrong).err().expect("refused");
    assert_eq!(e.code(), "login_refused", "{e}");
    assert!(!e.to_string().contains("not-the-password"), "{e}");
    assert!(e.to_string().contains("127.0.0.1"), "{e}");

    let nobody = "postgres://someone:pw@127.0.0.1:9/preflight?connect_timeout=3";
    let e = open(nobody).err().expect("nobody listens on port 9");
    assert_eq!(e.code(), "server_unreachable", "{e}");
    assert!(e.hint().contains("server is running"), "{}", e.hint());

    let missing = db.url().replace(db.name(), "no_such_database");
    let e = open(&missing).err().expect("no such database");
    assert_eq!(e.code(), "server_unreachable", "{e}");
    assert!(e.to_string().contains("no_such_database"), "{e}");

    let after: Vec<_> = std::fs::read_dir(&cwd)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(before, after, "never a local file instead");
}

#[test]
fn a_server_that_takes_the_connection_and_never_answers_is_given_up_on() {
    // A listener that accepts and then says nothing, as a stuck proxy or a wrong port can.
    let mute = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = mute.local_addr().unwrap().port();
    let held = std::thread::spawn(move || {
        let mut sockets = Vec::new();
        for socket in mute.incoming().take(2) {
            sockets.push(socket.unwrap());
        }
        // Kept open until the test ends, so only the client's deadline can end each attempt.
        std::thread::sleep(std::time::Duration::from_secs(30));
    });
    for sslmode in ["disable", "prefer"] {
        let address = format!(
            "postgres://someone:pw@127.0.0.1:{port}/preflight?sslmode={sslmode}&connect_timeout=1"
        );
        // Waited for on a thread of its own, so that a hang fails the test instead of stalling it.
        let (answer, answered) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = answer.send(open(&address).err().map(|e| (e.code(), e.to_string())));
        });
        let (code, message) = answered
            .recv_timeout(std::time::Duration::from_secs(60))
            .expect("the attempt ends")
            .expect("refused");
        assert_eq!(code, "server_unreachable", "{message}");
        assert!(message.contains("did not answer within 1 s"), "{message}");
        assert!(!message.contains(":pw@"), "{message}");
    }
    drop(held);
}

#[test]
fn a_workspace_from_a_newer_version_is_refused_untouched() {
    let db = TestDatabase::new();
    drop(open(&db.url()).unwrap());
    db.admin_sql("UPDATE preflight_schema SET version = 99");
    let e = open(&db.url()).err().expect("refused");
    assert_eq!(e.code(), "newer_database", "{e}");
    assert!(
        !e.to_string().contains(&db.url()),
        "the password is not shown: {e}"
    );
    assert_eq!(db.admin_sql("SELECT version FROM preflight_schema"), "99");
}

/// A role that may read everything and change nothing: what the documentation gives
/// stakeholders.
fn reader_role(db: &TestDatabase, name: &str) -> String {
    db.admin_sql(&format!(
        "DO $$ BEGIN
           IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{name}') THEN
             CREATE ROLE {name} LOGIN PASSWORD 'reads-only';
           END IF;
         END $$;
         GRANT CONNECT ON DATABASE {db} TO {name};
         GRANT USAGE ON SCHEMA public TO {name};
         GRANT SELECT ON ALL TABLES IN SCHEMA public TO {name};",
        db = db.name()
    ));
    db.url_for(name, "reads-only")
}

#[test]
fn a_read_only_role_reads_everything_and_is_told_plainly_when_it_may_not_write() {
    let db = TestDatabase::new();
    let mut owner = open(&db.url()).unwrap();
    let acme = owner.create_client("Acme").unwrap();
    let run = owner
        .save_report(
            Some(acme.id),
            &report(vec![page("https://a.com/", Verdict::Reachable)]),
        )
        .unwrap();
    let reader_url = reader_role(&db, &format!("reader_{}", db.name()));
    let reader = open(&reader_url).unwrap();
    assert_eq!(reader.list_clients().unwrap().len(), 1);
    assert_eq!(reader.load_report(run).unwrap().pages.len(), 1);
    let e = reader.create_client("Globex").unwrap_err();
    assert_eq!(e.code(), "permission_denied", "{e}");
    assert!(e.to_string().contains("may not"), "{e}");
    let e = reader.delete_audit(run).unwrap_err();
    assert_eq!(e.code(), "permission_denied", "{e}");
    assert_eq!(owner.list_audits(None).unwrap().len(), 1, "nothing changed");
}

#[test]
fn an_older_workspace_is_upgraded_by_its_owner_and_a_reader_is_told_to_ask_for_that() {
    let db = TestDatabase::new();
    drop(open(&db.url()).unwrap());
    // Back to data format 7, as a workspace made by the previous version.
    db.admin_sql(
        "ALTER TABLE audit_runs DROP COLUMN created_by; ALTER TABLE journeys DROP COLUMN created_by;
         ALTER TABLE scenarios DROP COLUMN created_by; ALTER TABLE log_imports DROP COLUMN created_by;
         ALTER TABLE capi_checks DROP COLUMN created_by; DROP TABLE comments;
         UPDATE preflight_schema SET version = 7;",
    );
    let reader_url = reader_role(&db, &format!("old_reader_{}", db.name()));
    let e = open(&reader_url).err().expect("may not upgrade");
    assert_eq!(e.code(), "older_database", "{e}");
    assert!(e.to_string().contains("format 7"), "{e}");
    assert_eq!(db.admin_sql("SELECT version FROM preflight_schema"), "7");

    let owner = open(&db.url()).unwrap();
    assert_eq!(
        db.admin_sql("SELECT version FROM preflight_schema"),
        LATEST_VERSION.to_string()
    );
    owner.create_client("Acme").unwrap();
    db.admin_sql(&format!(
        "GRANT SELECT ON ALL TABLES IN SCHEMA public TO old_reader_{}",
        db.name()
    ));
    assert_eq!(open(&reader_url).unwrap().list_clients().unwrap().len(), 1);
}

#[test]
fn a_connection_dropped_mid_save_loses_nothing_saved_and_the_store_reconnects() {
    let db = TestDatabase::new();
    let mut store = open(&db.url()).unwrap();
    let acme = store.create_client("Acme").unwrap();
    let earlier = store
        .save_report(
            Some(acme.id),
            &report(vec![page("https://a.com/", Verdict::Reachable)]),
        )
        .unwrap();
    let r = report(vec![
        page("https://a.com/1", Verdict::Reachable),
        page("https://a.com/2", Verdict::Blocked),
    ]);
    let run = store.begin_run(Some(acme.id), &r, 2).unwrap();
    store.save_page(run, 0, &r.pages[0]).unwrap();

    // The server ends every Preflight connection to this database, as a restart or a network
    // cut would.
    db.admin_sql(&format!(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE datname = '{}' AND application_name = 'Preflight'",
        db.name()
    ));
    let e = store.save_page(run, 1, &r.pages[1]).unwrap_err();
    assert_eq!(e.code(), "connection_lost", "{e}");
    assert!(e.to_string().contains("saved before is intact"), "{e}");

    // The next call connects again: the earlier audit is whole, the cut one has its first page.
    assert_eq!(store.load_report(earlier).unwrap().pages.len(), 1);
    let cut = store.audit_summary(run).unwrap();
    assert_eq!(cut.pages_done, 1);
    store.save_page(run, 1, &r.pages[1]).unwrap();
    store
        .finish_run(
            run,
            RunStatus::Complete,
            "2026-12-06T10:00:00Z",
            &Default::default(),
        )
        .unwrap();
    assert_eq!(store.load_report(run).unwrap().pages, r.pages);
}

#[test]
fn two_analysts_auditing_one_client_at_once_both_save_complete_audits_under_their_names() {
    let db = TestDatabase::new();
    let url = db.url();
    open(&url).unwrap().create_client("Acme").unwrap();
    let barrier = Arc::new(Barrier::new(2));
    let threads: Vec<_> = ["Ana", "Ben"]
        .into_iter()
        .map(|name| {
            let (url, barrier) = (url.clone(), barrier.clone());
            std::thread::spawn(move || {
                let mut store = open(&url).unwrap();
                store.set_author(Some(name.to_string()));
                let client = store.find_or_create_client("Acme").unwrap();
                let pages = (0..40)
                    .map(|i| page(&format!("https://acme.test/{name}/{i}"), Verdict::Reachable))
                    .collect();
                barrier.wait();
                store.save_report(Some(client.id), &report(pages)).unwrap()
            })
        })
        .collect();
    let runs: Vec<i64> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    let store = open(&url).unwrap();
    let audits = store.list_audits(None).unwrap();
    assert_eq!(audits.len(), 2);
    for audit in &audits {
        assert_eq!(audit.status, RunStatus::Complete);
        assert_eq!(audit.pages_done, 40);
        assert!(runs.contains(&audit.id));
    }
    let mut authors: Vec<_> = audits.iter().filter_map(|a| a.created_by.clone()).collect();
    authors.sort();
    assert_eq!(authors, ["Ana", "Ben"]);
}

#[test]
fn tls_is_used_and_the_certificate_checked_as_sslmode_asks() {
    let db = TestDatabase::new();
    let url = db.url();
    assert!(
        url.contains("sslrootcert="),
        "the test server names its authority: {url}"
    );
    let encrypted = |expected: &str| {
        let count = db.admin_sql(&format!(
            "SELECT COUNT(*) FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid)
             WHERE a.datname = '{}' AND a.application_name = 'Preflight' AND s.ssl",
            db.name()
        ));
        assert_eq!(count, expected, "encrypted connections");
    };
    for mode in ["verify-full", "require", "prefer"] {
        let store = open(&url.replace("sslmode=disable", &format!("sslmode={mode}"))).unwrap();
        store.list_clients().unwrap();
        encrypted("1");
        drop(store);
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let plain = open(&url).unwrap();
    plain.list_clients().unwrap();
    encrypted("0");
    drop(plain);

    // Without the authority's certificate, the server's cannot be checked: refused, never
    // sent in clear instead, whatever the mode.
    let ca = url
        .split("sslrootcert=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap()
        .to_string();
    for mode in ["verify-full", "prefer"] {
        let untrusted = url
            .replace(&format!("&sslrootcert={ca}"), "")
            .replace("sslmode=disable", &format!("sslmode={mode}"));
        let e = open(&untrusted).err().expect("an authority nobody trusts");
        assert_eq!(e.code(), "server_unreachable", "{mode}: {e}");
        assert!(
            e.to_string().to_lowercase().contains("certificate"),
            "{mode}: {e}"
        );
    }
    let missing = url
        .replace(&ca, "/no/such/ca.pem")
        .replace("sslmode=disable", "sslmode=require");
    let e = open(&missing).err().expect("no such file");
    assert!(e.to_string().contains("/no/such/ca.pem"), "{e}");
}

#[test]
fn a_run_whose_connection_has_ended_reads_as_interrupted_at_once() {
    let db = TestDatabase::new();
    let reader = open(&db.url()).unwrap();
    let r = report(vec![
        page("https://a.com/", Verdict::Reachable),
        page("https://a.com/2", Verdict::Reachable),
    ]);
    let mut owner = open(&db.url()).unwrap();
    let run = owner.begin_run(None, &r, 2).unwrap();
    owner.save_page(run, 0, &r.pages[0]).unwrap();
    assert_eq!(
        reader.audit_summary(run).unwrap().status,
        RunStatus::Running
    );
    drop(owner);
    // The server notices the closed connection in a moment.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while reader.audit_summary(run).unwrap().status == RunStatus::Running {
        assert!(std::time::Instant::now() < deadline, "still running");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let summary = reader.audit_summary(run).unwrap();
    assert_eq!(summary.status, RunStatus::Interrupted);
    assert_eq!(summary.pages_done, 1);
}
