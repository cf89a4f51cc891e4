//! One database file shared by several connections at once (the app and CLI runs), runs whose
//! owner has ended, and stored values that must not break lists.

mod support;
use preflight_document::report::{PageReport, RunStatus, Summary, Verdict};
use preflight_store::StoreError;
use rusqlite::Connection;
use std::path::Path;
use std::sync::{Arc, Barrier};
use support::{open_store, report};

fn page(url: &str) -> PageReport {
    support::page(url, Verdict::Reachable)
}

fn sql(path: &Path, statement: &str) {
    Connection::open(path)
        .unwrap()
        .execute_batch(statement)
        .unwrap();
}

/// Runs `work` on `n` threads released at the same moment, each with its own connection.
fn at_once<T: Send + 'static>(
    n: usize,
    work: impl Fn(usize) -> T + Send + Sync + 'static,
) -> Vec<T> {
    let barrier = Arc::new(Barrier::new(n));
    let work = Arc::new(work);
    let threads: Vec<_> = (0..n)
        .map(|i| {
            let (barrier, work) = (barrier.clone(), work.clone());
            std::thread::spawn(move || {
                barrier.wait();
                work(i)
            })
        })
        .collect();
    threads.into_iter().map(|t| t.join().unwrap()).collect()
}

#[test]
fn connections_creating_the_same_new_file_at_once_all_succeed() {
    for round in 0..10 {
        let dir = support::Place::new();
        let path = dir.db();
        let results = at_once(4, {
            let path = path.clone();
            move |i| -> Result<i64, StoreError> {
                let mut store = open_store(&path)?;
                store.save_report(None, &report(vec![page(&format!("https://a.com/{i}"))]))
            }
        });
        let mut ids: Vec<i64> = results
            .into_iter()
            .map(|r| r.unwrap_or_else(|e| panic!("round {round}: {e}")))
            .collect();
        ids.sort();
        assert_eq!(ids, [1, 2, 3, 4], "round {round}");
        let store = open_store(&path).unwrap();
        assert_eq!(store.list_audits(None).unwrap().len(), 4);
    }
}

#[test]
fn the_same_client_created_at_once_exists_once_and_the_others_are_told() {
    let dir = support::Place::new();
    let path = dir.db();
    open_store(&path).unwrap();
    let results = at_once(4, {
        let path = path.clone();
        move |_| {
            open_store(&path)
                .unwrap()
                .create_client("Acme")
                .map(|c| c.id)
        }
    });
    let created = results.iter().filter(|r| r.is_ok()).count();
    assert_eq!(created, 1, "{results:?}");
    for result in &results {
        if let Err(e) = result {
            assert!(matches!(e, StoreError::DuplicateClient(_)), "{e}");
        }
    }
    let store = open_store(&path).unwrap();
    assert_eq!(store.list_clients().unwrap().len(), 1);
}

#[test]
fn connections_finding_or_creating_one_new_client_at_once_share_it() {
    let dir = support::Place::new();
    let path = dir.db();
    open_store(&path).unwrap();
    let ids = at_once(4, {
        let path = path.clone();
        move |_| {
            let store = open_store(&path).unwrap();
            store.find_or_create_client("  Acme  ").unwrap().id
        }
    });
    assert!(ids.iter().all(|id| *id == ids[0]), "{ids:?}");
    let store = open_store(&path).unwrap();
    assert_eq!(store.find_or_create_client("acme").unwrap().id, ids[0]);
    assert_eq!(store.list_clients().unwrap().len(), 1);
    assert!(matches!(
        store.find_or_create_client("   "),
        Err(StoreError::Invalid(_))
    ));
}

#[test]
fn a_run_whose_owner_has_ended_reads_as_interrupted_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.db");
    let reader = open_store(&path).unwrap();
    let r = report(vec![page("https://a.com/"), page("https://a.com/2")]);

    let mut owner = open_store(&path).unwrap();
    let run = owner.begin_run(None, &r, 2).unwrap();
    owner.save_page(run, 0, &r.pages[0]).unwrap();
    assert_eq!(
        reader.audit_summary(run).unwrap().status,
        RunStatus::Running,
        "its owner still has the database open"
    );
    assert_eq!(owner.audit_summary(run).unwrap().status, RunStatus::Running);

    drop(owner);
    let summary = reader.audit_summary(run).unwrap();
    assert_eq!(summary.status, RunStatus::Interrupted);
    assert_eq!(summary.pages_done, 1);
    let loaded = reader.load_report(run).unwrap();
    assert_eq!(loaded.status, RunStatus::Interrupted);
    assert_eq!(loaded.pages, r.pages[..1]);
    // Nothing was written: the run still says running and keeps reading as interrupted.
    assert_eq!(
        open_store(&path).unwrap().list_audits(None).unwrap()[0].status,
        RunStatus::Interrupted
    );
}

#[test]
fn runs_from_another_machine_or_without_an_owner_follow_the_idle_rule() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.db");
    let run = {
        let store = open_store(&path).unwrap();
        store.begin_run(None, &report(vec![]), 1).unwrap()
    };
    let status = || {
        open_store(&path)
            .unwrap()
            .audit_summary(run)
            .unwrap()
            .status
    };
    assert_eq!(status(), RunStatus::Interrupted, "its owner here has ended");

    // Owned by another machine, or recorded before owners were: recent writes mean running.
    for (host, token) in [("'elsewhere'", "'1-2-3'"), ("NULL", "NULL")] {
        sql(
            &path,
            &format!(
                "UPDATE audit_runs SET owner_host = {host}, owner_token = {token},
                    updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
            ),
        );
        assert_eq!(status(), RunStatus::Running, "{host}");
        sql(
            &path,
            "UPDATE audit_runs SET updated_at = '2020-01-01T00:00:00Z'",
        );
        assert_eq!(status(), RunStatus::Interrupted, "{host}");
    }
    sql(&path, "UPDATE audit_runs SET updated_at = 'not a time'");
    assert_eq!(status(), RunStatus::Interrupted);
}

#[test]
fn a_stored_owner_never_names_a_file_outside_the_owner_folder() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.db");
    let outside = dir.path().join("keep.lock");
    std::fs::write(&outside, "precious").unwrap();
    let (run, host) = {
        let store = open_store(&path).unwrap();
        let run = store.begin_run(None, &report(vec![]), 1).unwrap();
        let host: String = Connection::open(&path)
            .unwrap()
            .query_row("SELECT owner_host FROM audit_runs", [], |r| r.get(0))
            .unwrap();
        (run, host)
    };
    sql(
        &path,
        &format!(
            "UPDATE audit_runs SET owner_host = '{host}', owner_token = '../keep',
                updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
        ),
    );
    let store = open_store(&path).unwrap();
    assert_eq!(
        store.audit_summary(run).unwrap().status,
        RunStatus::Running,
        "an owner that cannot be checked falls back to the idle rule"
    );
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "precious");
}

#[test]
fn unreadable_stored_counts_do_not_break_lists_or_loading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.db");
    let mut store = open_store(&path).unwrap();
    let client = store.create_client("Acme").unwrap();
    let r = report(vec![page("https://a.com/")]);
    let run = store.save_report(Some(client.id), &r).unwrap();
    sql(
        &path,
        "UPDATE audit_runs SET summary_json = '{not json', page_count = -3",
    );
    let listed = store.list_audits(None).unwrap();
    assert_eq!(listed[0].summary, None);
    assert_eq!(listed[0].page_count, 0);
    let loaded = store.load_report(run).unwrap();
    assert_eq!(
        loaded.summary,
        Summary::default(),
        "counted again from the pages"
    );
    assert_eq!(loaded.pages, r.pages);
}

#[test]
fn a_negative_schema_version_is_not_taken_for_a_preflight_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("odd.db");
    sql(&path, "CREATE TABLE x (y); PRAGMA user_version = -1;");
    let error = open_store(&path).err().expect("refused");
    assert_eq!(error.code(), "database_open");
    assert!(
        error.to_string().contains("not a Preflight database"),
        "{error}"
    );
}
