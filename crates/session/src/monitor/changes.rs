//! What changed since a client's previous complete audit: read off the one comparison of two
//! audits, kept as events, listed newest first for one client or all.

use crate::audits::load_audit;
use preflight_monitor::{change_events, ChangeEvent};
use preflight_store::{Store, StoreError};
use serde::Serialize;
use ts_rs::TS;

/// The changes from one audit to a later one of the same client.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AuditChanges {
    #[ts(type = "number")]
    pub older_run_id: i64,
    #[ts(type = "number")]
    pub newer_run_id: i64,
    pub events: Vec<ChangeEvent>,
}

impl AuditChanges {
    /// The changes that made things worse.
    pub fn regressions(&self) -> Vec<&ChangeEvent> {
        preflight_monitor::changes::regressions(&self.events)
    }
}

/// The changes from the client's previous complete audit (the one that stood for the client
/// before `newer_run_id`) to `newer_run_id`. `None` when the audit has no client or the client
/// had no complete audit before it.
pub fn changes_from_previous(
    store: &Store,
    newer_run_id: i64,
) -> Result<Option<AuditChanges>, StoreError> {
    let newer = store.audit_summary(newer_run_id)?;
    let Some(client_id) = newer.client_id else {
        return Ok(None);
    };
    let earlier: Vec<_> = store
        .list_audits(Some(client_id))?
        .into_iter()
        .filter(|a| a.id < newer_run_id)
        .collect();
    let Some(older) = preflight_readiness::current(&earlier, |a| a.status) else {
        return Ok(None);
    };
    let comparison = preflight_report::compare(
        &load_audit(store, older.id)?,
        &load_audit(store, newer_run_id)?,
    );
    Ok(Some(AuditChanges {
        older_run_id: older.id,
        newer_run_id,
        events: change_events(&comparison),
    }))
}

/// Keeps the changes found for a client.
pub fn keep_changes(
    store: &Store,
    client_id: i64,
    changes: &AuditChanges,
) -> Result<(), StoreError> {
    let rows: Vec<(bool, &ChangeEvent)> =
        changes.events.iter().map(|e| (e.is_worse(), e)).collect();
    store.save_changes(client_id, changes.older_run_id, changes.newer_run_id, &rows)
}

/// A kept change, as the Changes view lists it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ChangeListing {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub client_id: i64,
    pub client_name: String,
    #[ts(type = "number")]
    pub older_run_id: i64,
    #[ts(type = "number")]
    pub newer_run_id: i64,
    pub detected_at: String,
    pub event: ChangeEvent,
    /// The event's kind and direction as labels ("Pixel", "Worse").
    pub kind_label: String,
    pub direction_label: String,
}

/// Kept changes, newest first: one client's or every client's.
pub fn list_changes(
    store: &Store,
    client_id: Option<i64>,
    limit: u32,
) -> Result<Vec<ChangeListing>, StoreError> {
    Ok(store
        .list_changes::<ChangeEvent>(client_id, limit)?
        .into_iter()
        .map(|c| ChangeListing {
            id: c.id,
            client_id: c.client_id,
            client_name: c.client_name,
            older_run_id: c.older_run_id,
            newer_run_id: c.newer_run_id,
            detected_at: c.detected_at,
            kind_label: c.event.kind.label().into(),
            direction_label: preflight_monitor::changes::direction_label(c.event.direction).into(),
            event: c.event,
        })
        .collect())
}
