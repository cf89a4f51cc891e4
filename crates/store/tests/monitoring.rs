//! Monitoring records: schedules (one per client, slots counted from a change), the lock that
//! keeps two scheduled runs of a client apart, changes newest first, alert channels and
//! deliveries.

mod support;
use support::open_store;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Config {
    every_hours: u32,
}

#[test]
fn a_schedule_is_one_per_client_and_a_change_restarts_its_slots() {
    let dir = support::Place::new();
    let store = open_store(&dir.db()).unwrap();
    let client = store.create_client("Acme").unwrap();
    store
        .save_schedule(client.id, &Config { every_hours: 6 })
        .unwrap();
    store
        .record_schedule_run(
            client.id,
            "2026-12-01T12:00:00Z",
            Some(7),
            "Audited 3 pages",
        )
        .unwrap();

    // The same settings again keep the slot already run.
    store
        .save_schedule(client.id, &Config { every_hours: 6 })
        .unwrap();
    let kept = store.schedule::<Config>(client.id).unwrap().unwrap();
    assert_eq!(kept.last_slot.as_deref(), Some("2026-12-01T12:00:00Z"));
    assert_eq!(kept.last_run_id, Some(7));
    assert_eq!(kept.client_name, "Acme");

    // New settings start again.
    store
        .save_schedule(client.id, &Config { every_hours: 2 })
        .unwrap();
    let kept = store.schedule::<Config>(client.id).unwrap().unwrap();
    assert_eq!(kept.config, Config { every_hours: 2 });
    assert_eq!(kept.last_slot, None);
    assert_eq!(store.list_schedules::<Config>().unwrap().len(), 1);

    store
        .pause_schedule(client.id, Some("No pages left"))
        .unwrap();
    let kept = store.schedule::<Config>(client.id).unwrap().unwrap();
    assert_eq!(kept.paused_reason.as_deref(), Some("No pages left"));
    store.pause_schedule(client.id, None).unwrap();
    assert_eq!(
        store
            .schedule::<Config>(client.id)
            .unwrap()
            .unwrap()
            .paused_reason,
        None
    );

    // A deleted client's schedule is not listed; a removed schedule is gone.
    store.delete_client(client.id).unwrap();
    assert!(store.list_schedules::<Config>().unwrap().is_empty());
    store.restore_client(client.id).unwrap();
    store.delete_schedule(client.id).unwrap();
    assert!(store.schedule::<Config>(client.id).unwrap().is_none());
}

#[test]
fn the_lock_has_one_holder_until_it_lets_go_or_expires() {
    let dir = support::Place::new();
    let path = dir.db();
    let app = open_store(&path).unwrap();
    let timer = open_store(&path).unwrap();
    let client = app.create_client("Acme").unwrap();
    let (now, later) = ("2026-12-01T12:00:00Z", "2026-12-01T14:00:00Z");

    assert!(app.try_lock_client(client.id, "app", now, later).unwrap());
    assert!(!timer
        .try_lock_client(client.id, "timer", now, later)
        .unwrap());
    // The holder may renew.
    assert!(app.try_lock_client(client.id, "app", now, later).unwrap());
    app.unlock_client(client.id, "app").unwrap();
    assert!(timer
        .try_lock_client(client.id, "timer", now, later)
        .unwrap());
    // Someone else letting go of a lock it does not hold changes nothing.
    app.unlock_client(client.id, "app").unwrap();
    assert!(!app.try_lock_client(client.id, "app", now, later).unwrap());
    // A holder that died: its lock expires.
    assert!(app
        .try_lock_client(
            client.id,
            "app",
            "2026-12-01T14:00:01Z",
            "2026-12-01T16:00:00Z"
        )
        .unwrap());
}

#[test]
fn changes_are_listed_newest_first_per_client_or_for_all() {
    let dir = support::Place::new();
    let store = open_store(&dir.db()).unwrap();
    let acme = store.create_client("Acme").unwrap();
    let zeta = store.create_client("Zeta").unwrap();
    store
        .save_changes(
            acme.id,
            1,
            2,
            &[(true, "acme blocked"), (false, "acme fixed")],
        )
        .unwrap();
    store
        .save_changes(zeta.id, 3, 4, &[(true, "zeta pixel")])
        .unwrap();

    let all = store.list_changes::<String>(None, 10).unwrap();
    let events: Vec<&str> = all.iter().map(|c| c.event.as_str()).collect();
    assert_eq!(events, ["zeta pixel", "acme fixed", "acme blocked"]);
    assert_eq!((all[0].older_run_id, all[0].newer_run_id), (3, 4));
    assert_eq!(all[0].client_name, "Zeta");
    let acme_only = store.list_changes::<String>(Some(acme.id), 1).unwrap();
    assert_eq!(acme_only.len(), 1);
    assert_eq!(acme_only[0].event, "acme fixed");
}

#[test]
fn channels_and_deliveries_are_kept_and_the_quiet_period_starts_at_the_last_real_alert() {
    let dir = support::Place::new();
    let store = open_store(&dir.db()).unwrap();
    let acme = store.create_client("Acme").unwrap();
    let id = store.add_alert_channel(acme.id, &"slack #ads").unwrap();
    assert_eq!(
        store.list_alert_channels::<String>(acme.id).unwrap()[0].id,
        id
    );

    assert_eq!(store.last_alerted_at(acme.id).unwrap(), None);
    store
        .record_delivery(acme.id, Some(id), None, "test", &"ok")
        .unwrap();
    store
        .record_delivery(acme.id, Some(id), Some(9), "failed", &"404")
        .unwrap();
    assert_eq!(store.last_alerted_at(acme.id).unwrap(), None);
    store
        .record_delivery(acme.id, Some(id), Some(9), "sent", &"ok")
        .unwrap();
    assert!(store.last_alerted_at(acme.id).unwrap().is_some());
    let kept = store.list_deliveries::<String>(acme.id, 10).unwrap();
    assert_eq!(kept.len(), 3);
    assert_eq!(kept[0].outcome, "sent");

    store.delete_alert_channel(id).unwrap();
    assert!(store
        .list_alert_channels::<String>(acme.id)
        .unwrap()
        .is_empty());
}
