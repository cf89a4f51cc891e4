//! Scenarios, access-log imports and settings on real SQLite files, and the upgrade of a
//! database written before they existed.

mod support;
use support::open_store;

use preflight_store::{Store, StoreError, LATEST_VERSION};
use rusqlite::Connection;
use serde_json::json;

fn open() -> (support::Place, Store) {
    let place = support::Place::new();
    let store = open_store(&place.db()).unwrap();
    (place, store)
}

#[test]
fn scenarios_are_saved_per_client_renamed_deleted_and_restored() {
    let (_dir, store) = open();
    let acme = store.create_client("Acme").unwrap();
    let other = store.create_client("Other").unwrap();
    let plan = json!({"spend": 10000, "cpc": {"low": 1.0, "high": 2.0}});

    let base = store
        .create_scenario(acme.id, " Base  case ", &plan)
        .unwrap();
    assert_eq!(base.name, "Base case");
    assert_eq!(base.plan, plan);
    store
        .create_scenario(acme.id, "Aggressive", &json!({"spend": 1}))
        .unwrap();
    // Same name for another client is fine; same name (any case) for the same client is not.
    store.create_scenario(other.id, "Base case", &plan).unwrap();
    let dup = store
        .create_scenario(acme.id, "BASE CASE", &plan)
        .unwrap_err();
    assert!(matches!(dup, StoreError::DuplicateScenario(_)), "{dup}");
    assert_eq!(dup.code(), "duplicate");

    let names: Vec<String> = store
        .list_scenarios(acme.id)
        .unwrap()
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(names, ["Aggressive", "Base case"]);

    let changed = store
        .update_scenario(base.id, "Base", &json!({"spend": 20000}))
        .unwrap();
    assert_eq!(changed.plan, json!({"spend": 20000}));
    assert_eq!(changed.created_at, base.created_at);

    store.delete_scenario(base.id).unwrap();
    assert_eq!(store.list_scenarios(acme.id).unwrap().len(), 1);
    assert_eq!(store.scenario(base.id).unwrap_err().code(), "not_found");
    assert_eq!(store.restore_scenario(base.id).unwrap().name, "Base");
    assert_eq!(store.list_scenarios(acme.id).unwrap().len(), 2);

    // A restore that would clash with a newer scenario of the same name is refused.
    store.delete_scenario(base.id).unwrap();
    store.create_scenario(acme.id, "base", &plan).unwrap();
    assert_eq!(
        store.restore_scenario(base.id).unwrap_err().code(),
        "duplicate"
    );

    assert_eq!(
        store
            .create_scenario(acme.id, "  ", &plan)
            .unwrap_err()
            .code(),
        "invalid_input"
    );
    assert_eq!(store.list_scenarios(9999).unwrap_err().code(), "not_found");
}

#[test]
fn log_imports_keep_their_report_newest_first_with_undo() {
    let (_dir, store) = open();
    let acme = store.create_client("Acme").unwrap();
    let first = store
        .save_log_import(acme.id, "access.log", &json!({"lines": 10}))
        .unwrap();
    let second = store
        .save_log_import(acme.id, "access.log.1.gz", &json!({"lines": 20}))
        .unwrap();
    let listed = store.list_log_imports(acme.id).unwrap();
    assert_eq!(listed, vec![second.clone(), first.clone()]);
    assert_eq!(
        store
            .log_import_record::<serde_json::Value>(first.id)
            .unwrap(),
        json!({"lines": 10})
    );

    store.delete_log_import(second.id).unwrap();
    assert_eq!(store.list_log_imports(acme.id).unwrap(), vec![first]);
    assert_eq!(
        store
            .log_import_record::<serde_json::Value>(second.id)
            .unwrap_err()
            .code(),
        "not_found"
    );
    store.restore_log_import(second.id).unwrap();
    assert_eq!(store.list_log_imports(acme.id).unwrap().len(), 2);
}

#[test]
fn settings_are_kept_and_an_empty_value_clears_them() {
    let dir = support::Place::new();
    let path = dir.db();
    {
        let store = open_store(&path).unwrap();
        assert_eq!(store.setting("export_dir").unwrap(), None);
        store.set_setting("export_dir", "/tmp/a").unwrap();
        store.set_setting("export_dir", "/tmp/b").unwrap();
    }
    let store = open_store(&path).unwrap();
    assert_eq!(
        store.setting("export_dir").unwrap().as_deref(),
        Some("/tmp/b")
    );
    store.set_setting("export_dir", "").unwrap();
    assert_eq!(store.setting("export_dir").unwrap(), None);
}

#[test]
fn a_database_from_before_scenarios_is_upgraded_and_keeps_its_clients() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite3");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("../src/migrations/001_initial.sql"))
            .unwrap();
        conn.execute_batch(
            "PRAGMA user_version = 1;
             INSERT INTO clients (name, created_at) VALUES ('Old client', '2026-01-01T00:00:00Z');",
        )
        .unwrap();
    }
    let store = open_store(&path).unwrap();
    let clients = store.list_clients().unwrap();
    assert_eq!(clients.len(), 1);
    let id = clients[0].client.id;
    store.create_scenario(id, "Base", &json!({})).unwrap();
    drop(store);
    let version: u32 = Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, LATEST_VERSION);
    assert!(LATEST_VERSION >= 2);
}

#[test]
fn the_revision_changes_with_every_change_another_window_should_see() {
    let (_place, mut store) = open();
    let mut seen = vec![store.revision().unwrap()];
    let mut changed = |store: &Store, what: &str| {
        let now = store.revision().unwrap();
        assert_ne!(seen.last(), Some(&now), "{what}");
        seen.push(now);
    };
    let acme = store.create_client("Acme").unwrap();
    changed(&store, "client added");
    store.rename_client(acme.id, "Acme Shoes").unwrap();
    changed(&store, "client renamed");
    store
        .add_pages(acme.id, &["https://a.com/".into()])
        .unwrap();
    changed(&store, "page added");
    let run = store
        .save_report(Some(acme.id), &support::report(vec![]))
        .unwrap();
    changed(&store, "audit saved");
    store.delete_audit(run).unwrap();
    changed(&store, "audit deleted");
    store.restore_audit(run).unwrap();
    changed(&store, "audit restored");
    let other = store.create_client("Globex").unwrap();
    changed(&store, "another client added");
    store.rename_client(acme.id, "Acme Trail Shoes").unwrap();
    changed(&store, "a client other than the last renamed");
    store.delete_client(other.id).unwrap();
    changed(&store, "client deleted");
    store.rename_client(acme.id, "Acme Trail Shoez").unwrap();
    changed(&store, "renamed to a name of the same length");
    let second = store
        .save_report(Some(acme.id), &support::report(vec![]))
        .unwrap();
    changed(&store, "another audit saved");
    store.delete_audit(run).unwrap();
    changed(&store, "one audit deleted");
    store.delete_audit(second).unwrap();
    changed(&store, "another deleted");
    store.restore_audit(run).unwrap();
    changed(&store, "the first restored while the other stays deleted");
    let note = store.add_comment(run, "Checked with the client.").unwrap();
    changed(&store, "comment added");
    store.delete_comment(note.id).unwrap();
    changed(&store, "comment deleted");
    store.restore_comment(note.id).unwrap();
    changed(&store, "comment restored");
    let unchanged = store.revision().unwrap();
    store.list_audits(None).unwrap();
    assert_eq!(
        store.revision().unwrap(),
        unchanged,
        "reading changes nothing"
    );
}

#[test]
fn comments_on_an_audit_keep_who_wrote_them_and_deletes_undo() {
    let (_place, mut store) = open();
    store.set_author(Some("Lead".into()));
    let run = store.save_report(None, &support::report(vec![])).unwrap();
    let first = store
        .add_comment(run, "  Blocked by the WAF — ask IT to allow OAI-AdsBot.  ")
        .unwrap();
    assert_eq!(
        first.body,
        "Blocked by the WAF — ask IT to allow OAI-AdsBot."
    );
    assert_eq!(first.created_by.as_deref(), Some("Lead"));
    store.set_author(Some("Analyst".into()));
    let second = store.add_comment(run, "Done, re-audit tomorrow.").unwrap();
    let listed = store.comments(run).unwrap();
    assert_eq!(listed, vec![first.clone(), second.clone()]);
    assert_eq!(
        store.add_comment(run, "   ").unwrap_err().code(),
        "invalid_input"
    );
    let long = "x".repeat(preflight_store::COMMENT_MAX_CHARS + 1);
    assert_eq!(
        store.add_comment(run, &long).unwrap_err().code(),
        "invalid_input"
    );
    assert_eq!(
        store
            .add_comment(run + 99, "on nothing")
            .unwrap_err()
            .code(),
        "not_found"
    );
    store.delete_comment(first.id).unwrap();
    assert_eq!(store.comments(run).unwrap(), vec![second.clone()]);
    assert_eq!(
        store.delete_comment(first.id).unwrap_err().code(),
        "not_found"
    );
    store.restore_comment(first.id).unwrap();
    assert_eq!(store.comments(run).unwrap().len(), 2);
}
