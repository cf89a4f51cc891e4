//! Copying a whole database into another: with the shared suite on the server, from a workspace
//! into a file and from a file into a workspace; otherwise file to file.

mod support;
use preflight_document::report::Verdict;
use preflight_store::{AdToKeep, Store};
use serde_json::json;
use support::{open_store, page, report, Place};

/// A database with one of everything, deleted things included, and more rows than one batch.
fn fill(store: &mut Store) {
    store.set_author(Some("Dana Analyst".into()));
    let acme = store.create_client("Acme").unwrap();
    let gone = store.create_client("Gone Client").unwrap();
    store.delete_client(gone.id).unwrap();
    let urls: Vec<String> = (0..3).map(|i| format!("https://acme.test/{i}")).collect();
    store.add_pages(acme.id, &urls).unwrap();
    let big = report(
        (0..620)
            .map(|i| page(&format!("https://acme.test/p{i}"), Verdict::Reachable))
            .collect(),
    );
    let run = store.save_report(Some(acme.id), &big).unwrap();
    let small = store
        .save_report(
            Some(acme.id),
            &report(vec![page("https://acme.test/", Verdict::Blocked)]),
        )
        .unwrap();
    store.delete_audit(small).unwrap();
    store
        .create_scenario(acme.id, "Base", &json!({"budget": 1000}))
        .unwrap();
    store
        .save_log_import(acme.id, "access.log", &json!({"hits": 3}))
        .unwrap();
    store
        .set_setting("agency_name", "North Star Agency")
        .unwrap();
    store
        .set_setting(preflight_store::DATABASE_ID, "0123abcd")
        .unwrap();
    store
        .save_ad_import(
            acme.id,
            &[AdToKeep {
                ad_id: "ad-1",
                page_url: Some("https://acme.test/0"),
                record: &json!({"name": "Spring"}),
            }],
        )
        .unwrap();
    store
        .save_schedule(acme.id, &json!({"every": "day"}))
        .unwrap();
    store
        .save_changes(acme.id, run, small, &[(true, json!({"what": "blocked"}))])
        .unwrap();
    let channel = store
        .add_alert_channel(acme.id, &json!({"kind": "webhook"}))
        .unwrap();
    store
        .record_delivery(
            acme.id,
            Some(channel),
            Some(small),
            "sent",
            &json!({"ok": true}),
        )
        .unwrap();
    store
        .save_capi_check(acme.id, "validation", &json!({"batches": 2}))
        .unwrap();
}

#[test]
fn everything_is_copied_both_ways_checked_and_a_second_copy_adds_nothing() {
    let source_place = Place::new();
    let mut source = open_store(&source_place.db()).unwrap();
    fill(&mut source);

    let file = tempfile::tempdir().unwrap();
    let middle = open_store(&file.path().join("copy.sqlite3")).unwrap();
    let there = source.copy_into(&middle).unwrap();
    assert_eq!(there.rows("page_results").unwrap().source, 621);
    assert_eq!(there.rows("page_results").unwrap().copied, 621);
    assert!(
        there.tables.iter().all(|t| t.copied == t.source),
        "{there:?}"
    );

    let back_place = Place::new();
    let back = open_store(&back_place.db()).unwrap();
    let report_back = middle.copy_into(&back).unwrap();
    assert_eq!(report_back, there, "the same rows went each way");

    // What the destination shows is what the source showed.
    for store in [&middle, &back] {
        assert_eq!(
            store.list_clients().unwrap(),
            source.list_clients().unwrap()
        );
        assert_eq!(
            store.list_audits(None).unwrap(),
            source.list_audits(None).unwrap()
        );
        let acme = store.client_by_name("acme").unwrap().unwrap();
        let audits = store.list_audits(Some(acme.id)).unwrap();
        assert_eq!(audits[0].created_by.as_deref(), Some("Dana Analyst"));
        assert_eq!(
            store.load_report(audits[0].id).unwrap(),
            source.load_report(audits[0].id).unwrap()
        );
        assert_eq!(
            store.list_scenarios(acme.id).unwrap(),
            source.list_scenarios(acme.id).unwrap()
        );
        assert_eq!(
            store.setting("agency_name").unwrap().as_deref(),
            Some("North Star Agency")
        );
        assert_eq!(
            store.list_log_imports(acme.id).unwrap(),
            source.list_log_imports(acme.id).unwrap()
        );
        let ads: Vec<preflight_store::KeptAd<serde_json::Value>> = store.kept_ads(acme.id).unwrap();
        assert_eq!(ads.len(), 1);
        let check = store
            .latest_capi_check::<serde_json::Value>(acme.id, "validation")
            .unwrap();
        assert!(format!("{check:?}").contains("batches"), "{check:?}");
        let changes: Vec<preflight_store::KeptChange<serde_json::Value>> =
            store.list_changes(Some(acme.id), 10).unwrap();
        assert_eq!(changes.len(), 1);
        let deliveries: Vec<preflight_store::KeptDelivery<serde_json::Value>> =
            store.list_deliveries(acme.id, 10).unwrap();
        assert_eq!(deliveries.len(), 1);
        let schedule: Option<preflight_store::KeptSchedule<serde_json::Value>> =
            store.schedule(acme.id).unwrap();
        assert!(schedule.is_some());
        let gone = store.restore_client(2).unwrap();
        assert_eq!(
            gone.name, "Gone Client",
            "deleted work can still be restored"
        );
        store.delete_client(gone.id).unwrap();
    }

    // New work after the copy gets new ids, not the copied ones.
    let added = back.create_client("Globex").unwrap();
    assert!(added.id > 2, "{added:?}");
    back.delete_client(added.id).unwrap();

    // A second run adds only what is new, and keeps what was changed in the destination since.
    let renamed = back.rename_client(1, "Acme Renamed").unwrap();
    let later = source
        .save_report(
            Some(1),
            &report(vec![page("https://acme.test/new", Verdict::Reachable)]),
        )
        .unwrap();
    source.copy_into(&middle).unwrap();
    let again = middle.copy_into(&back).unwrap();
    assert_eq!(again.rows("audit_runs").unwrap().copied, 1, "{again:?}");
    assert_eq!(again.rows("page_results").unwrap().copied, 1, "{again:?}");
    // The renamed client, and the deleted one when its delete above fell in another second.
    let changed = again.rows("clients").unwrap().changed_there;
    assert!((1..=2).contains(&changed), "{again:?}");
    assert_eq!(
        back.client(1).unwrap(),
        renamed,
        "the destination's change is kept"
    );
    assert!(back.load_report(later).is_ok());
    let still = middle.copy_into(&back).unwrap();
    assert_eq!(still.copied(), 0, "{still:?}");
}

#[test]
fn a_destination_holding_other_work_is_refused_and_left_as_it_was() {
    let source_place = Place::new();
    let mut source = open_store(&source_place.db()).unwrap();
    fill(&mut source);
    let other_place = Place::new();
    let other = open_store(&other_place.db()).unwrap();
    other.create_client("Someone Else").unwrap();
    let e = source.copy_into(&other).unwrap_err();
    assert_eq!(e.code(), "invalid_input", "{e}");
    assert!(e.to_string().contains("already holds other work"), "{e}");
    let names: Vec<String> = other
        .list_clients()
        .unwrap()
        .into_iter()
        .map(|c| c.client.name)
        .collect();
    assert_eq!(names, ["Someone Else"], "nothing was copied");
    assert!(other.list_audits(None).unwrap().is_empty());
}
