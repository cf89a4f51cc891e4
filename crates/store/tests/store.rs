//! The store on real SQLite files in temporary folders.

mod support;
use preflight_document::report::{RunStatus, Summary, Verdict};
use preflight_store::{Store, StoreError, LATEST_VERSION};
use rusqlite::Connection;
use support::{open_store, page, report};

#[test]
fn clients_can_be_created_renamed_deleted_and_restored() {
    let dir = support::Place::new();
    let store = open_store(&dir.db()).unwrap();
    let acme = store.create_client("  Acme   Shoes ").unwrap();
    assert_eq!(acme.name, "Acme Shoes");
    assert!(matches!(
        store.create_client("acme shoes"),
        Err(StoreError::DuplicateClient(_))
    ));
    assert!(matches!(
        store.create_client("   "),
        Err(StoreError::Invalid(_))
    ));
    let globex = store.create_client("Globex").unwrap();
    assert!(matches!(
        store.rename_client(globex.id, "ACME SHOES"),
        Err(StoreError::DuplicateClient(_))
    ));
    assert_eq!(
        store.rename_client(globex.id, "Globex Corp").unwrap().name,
        "Globex Corp"
    );

    store.delete_client(acme.id).unwrap();
    let names: Vec<String> = store
        .list_clients()
        .unwrap()
        .into_iter()
        .map(|c| c.client.name)
        .collect();
    assert_eq!(names, vec!["Globex Corp"]);
    // The name is free while deleted, so restoring must not create a duplicate.
    let other = store.create_client("Acme Shoes").unwrap();
    assert!(matches!(
        store.restore_client(acme.id),
        Err(StoreError::DuplicateClient(_))
    ));
    store.delete_client(other.id).unwrap();
    assert_eq!(store.restore_client(acme.id).unwrap().name, "Acme Shoes");
    assert_eq!(store.list_clients().unwrap().len(), 2);
}

#[test]
fn pages_are_deduplicated_per_client_and_deletes_undo() {
    let dir = support::Place::new();
    let mut store = open_store(&dir.db()).unwrap();
    let c = store.create_client("Acme").unwrap();
    let urls = vec!["https://a.com/".to_string(), "https://a.com/x".to_string()];
    let added = store.add_pages(c.id, &urls).unwrap();
    assert_eq!(added.added.len(), 2);
    let again = store
        .add_pages(c.id, &["https://a.com/x".into(), "https://b.com/".into()])
        .unwrap();
    assert_eq!(again.already_present, vec!["https://a.com/x"]);
    assert_eq!(again.added.len(), 1);
    let pages = store.list_pages(c.id).unwrap();
    assert_eq!(pages.len(), 3);
    store.delete_page(pages[0].id).unwrap();
    assert_eq!(store.list_pages(c.id).unwrap().len(), 2);
    store.restore_page(pages[0].id).unwrap();
    assert_eq!(store.list_pages(c.id).unwrap().len(), 3);
    assert!(matches!(
        store.add_pages(9999, &urls),
        Err(StoreError::ClientNotFound(9999))
    ));
}

#[test]
fn reports_round_trip_in_page_order_and_survive_reopening() {
    let dir = support::Place::new();
    let path = dir.db();
    let original = report(vec![
        page("https://a.com/", Verdict::Reachable),
        page("https://b.com/", Verdict::Blocked),
    ]);
    let id = {
        let mut store = open_store(&path).unwrap();
        let c = store.create_client("Acme").unwrap();
        store.save_report(Some(c.id), &original).unwrap()
    };
    let store = open_store(&path).unwrap();
    let loaded = store.load_report(id).unwrap();
    assert_eq!(loaded, original);
    let listed = store.list_audits(None).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].status, RunStatus::Complete);
    assert_eq!(listed[0].client_name.as_deref(), Some("Acme"));
    assert_eq!(listed[0].pages_done, 2);
    let clients = store.list_clients().unwrap();
    assert_eq!(
        (clients[0].client.name.as_str(), clients[0].page_count),
        ("Acme", 0)
    );
}

#[test]
fn a_run_is_not_complete_until_finished_and_audits_delete_with_undo() {
    let dir = support::Place::new();
    let mut store = open_store(&dir.db()).unwrap();
    let r = report(vec![page("https://a.com/", Verdict::Reachable)]);
    let run = store.begin_run(None, &r, 3).unwrap();
    store.save_page(run, 0, &r.pages[0]).unwrap();
    let summary = store.audit_summary(run).unwrap();
    assert_eq!(summary.status, RunStatus::Running);
    assert_eq!(summary.pages_done, 1);
    assert!(summary.summary.is_none());
    store
        .finish_run(
            run,
            RunStatus::Cancelled,
            "2026-11-25T10:02:00Z",
            &Summary::default(),
        )
        .unwrap();
    assert_eq!(
        store.audit_summary(run).unwrap().status,
        RunStatus::Cancelled
    );
    assert!(matches!(
        store.finish_run(run, RunStatus::Complete, "x", &Summary::default()),
        Err(StoreError::AuditNotFound(_))
    ));
    store.delete_audit(run).unwrap();
    assert!(store.list_audits(None).unwrap().is_empty());
    assert!(matches!(
        store.load_report(run),
        Err(StoreError::AuditNotFound(_))
    ));
    store.restore_audit(run).unwrap();
    assert_eq!(store.list_audits(None).unwrap().len(), 1);
}

#[test]
fn a_run_left_running_long_ago_reads_as_interrupted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.db");
    let r = report(vec![page("https://a.com/", Verdict::Reachable)]);
    let run = {
        let mut store = open_store(&path).unwrap();
        let run = store.begin_run(None, &r, 2).unwrap();
        store.save_page(run, 0, &r.pages[0]).unwrap();
        run
    };
    Connection::open(&path)
        .unwrap()
        .execute(
            "UPDATE audit_runs SET updated_at = '2020-01-01T00:00:00Z'",
            [],
        )
        .unwrap();
    let store = open_store(&path).unwrap();
    assert_eq!(
        store.audit_summary(run).unwrap().status,
        RunStatus::Interrupted
    );
}

#[test]
fn a_newer_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(&format!(
            "CREATE TABLE x (y); PRAGMA user_version = {};",
            LATEST_VERSION + 1
        ))
        .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let error = open_store(&path).err().expect("refused");
    assert_eq!(error.code(), "newer_database");
    assert!(error.to_string().contains("newer version of Preflight"));
    assert!(error.to_string().contains("not changed"));
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the file is byte for byte the same"
    );
    assert!(!dir.path().join("future.db-wal").exists());
}

#[test]
fn a_file_that_is_not_a_database_gives_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    std::fs::write(
        &path,
        "this is a text file, not a database, and it is long enough to have a header......",
    )
    .unwrap();
    let error = open_store(&path).err().expect("refused");
    assert_eq!(error.code(), "database_open");
    assert!(
        error.to_string().contains("not a Preflight database"),
        "{error}"
    );
}

#[test]
fn a_full_disk_is_reported_and_earlier_audits_stay_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.db");
    let mut store = open_store(&path).unwrap();
    let first = store
        .save_report(
            None,
            &report(vec![page("https://a.com/", Verdict::Reachable)]),
        )
        .unwrap();
    // Cap the file at its current size: the next large write fails as SQLite's "database or disk is full".
    let conn = Connection::open(&path).unwrap();
    let pages: i64 = conn
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    drop(conn);
    store_max_pages(&store, pages);
    let mut big = page("https://b.com/", Verdict::Reachable);
    big.verdict_reason = "x".repeat(2_000_000);
    let error = store
        .save_report(None, &report(vec![big]))
        .err()
        .expect("disk full");
    assert_eq!(error.code(), "disk_full", "{error}");
    assert_eq!(store.load_report(first).unwrap().pages.len(), 1);
}

fn store_max_pages(store: &Store, pages: i64) {
    // Same connection as the store uses: max_page_count is per connection.
    store.set_max_page_count_for_tests(pages + 2);
}

/// A clock stopped at one moment, to see where the store's times come from.
fn stopped_clock() -> String {
    "2031-02-03T04:05:06Z".into()
}

#[test]
fn recorded_times_come_from_the_clock_the_store_was_opened_with() {
    let dir = support::Place::new();
    let path = dir.db();
    {
        let mut store = Store::open_with_clock(&path, stopped_clock).unwrap();
        let acme = store.create_client("Acme").unwrap();
        assert_eq!(acme.created_at, "2031-02-03T04:05:06Z");
        let added = store
            .add_pages(acme.id, &["https://a.com/".into()])
            .unwrap();
        assert_eq!(added.added[0].created_at, "2031-02-03T04:05:06Z");
        let imported = store
            .save_log_import(acme.id, "access.log", &serde_json::json!({}))
            .unwrap();
        assert_eq!(imported.imported_at, "2031-02-03T04:05:06Z");
    }

    // Opened only to read, the store records no time of its own: writes that need one are
    // refused and change nothing.
    let reader = Store::open(&path).unwrap();
    let acme = reader.client_by_name("Acme").unwrap().unwrap();
    assert_eq!(
        reader.create_client("Globex").unwrap_err().code(),
        "read_only"
    );
    assert_eq!(
        reader.delete_client(acme.id).unwrap_err().code(),
        "read_only"
    );
    let r = report(vec![page("https://a.com/", Verdict::Reachable)]);
    assert_eq!(
        reader.begin_run(None, &r, 1).unwrap_err().code(),
        "read_only"
    );
    assert_eq!(reader.list_clients().unwrap().len(), 1);
    assert!(reader.list_audits(None).unwrap().is_empty());
}

#[test]
fn many_audits_load_together_in_the_order_asked_and_a_missing_one_is_named() {
    let dir = support::Place::new();
    let mut store = open_store(&dir.db()).unwrap();
    let ids: Vec<i64> = (0..450)
        .map(|i| {
            store
                .save_report(
                    None,
                    &report(vec![page(
                        &format!("https://a.com/{i}"),
                        Verdict::Reachable,
                    )]),
                )
                .unwrap()
        })
        .collect();
    store.set_audit_funnel(ids[3], Some("lead_gen")).unwrap();
    let asked: Vec<i64> = ids.iter().rev().copied().collect();
    let loaded = store.load_audits(&asked).unwrap();
    assert_eq!(loaded.len(), 450, "more than one query's worth");
    for (audit, id) in loaded.iter().zip(&asked) {
        assert_eq!(audit.summary.id, *id);
        assert_eq!(audit.report, store.load_report(*id).unwrap());
    }
    assert_eq!(loaded[446].funnel.as_deref(), Some("lead_gen"));
    store.delete_audit(ids[7]).unwrap();
    assert!(matches!(
        store.load_audits(&[ids[0], ids[7]]),
        Err(StoreError::AuditNotFound(id)) if id == ids[7]
    ));
}
