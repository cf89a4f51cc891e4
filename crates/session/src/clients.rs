//! Each client's status: the newest complete audit stands for it (the readiness model's rule);
//! a newer audit that did not finish is shown beside it, labelled partial, never instead of it.

use crate::audits::{list_audits, AuditListing};
use preflight_store::{Client, Store, StoreError};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ClientStatus {
    pub client: Client,
    pub page_count: u32,
    /// The audit that stands for the client's status: its newest complete audit.
    pub current: Option<AuditListing>,
    /// The client's newest audit when it is not `current` (stopped, interrupted or running).
    pub newer_partial: Option<AuditListing>,
}

/// Every client, by name, with its status.
pub fn client_statuses(store: &Store) -> Result<Vec<ClientStatus>, StoreError> {
    store
        .list_clients()?
        .into_iter()
        .map(|c| {
            let audits = list_audits(store, Some(c.client.id))?;
            Ok(status_of(c.client, c.page_count, audits))
        })
        .collect()
}

/// One client's status.
pub fn client_status(store: &Store, client_id: i64) -> Result<ClientStatus, StoreError> {
    let client = store.client(client_id)?;
    let page_count = store.list_pages(client_id)?.len() as u32;
    let audits = list_audits(store, Some(client_id))?;
    Ok(status_of(client, page_count, audits))
}

fn status_of(client: Client, page_count: u32, audits: Vec<AuditListing>) -> ClientStatus {
    let current = preflight_readiness::current(&audits, |a| a.audit.status).cloned();
    let newer_partial = audits
        .first()
        .filter(|newest| {
            current
                .as_ref()
                .is_none_or(|c| c.audit.id != newest.audit.id)
        })
        .cloned();
    ClientStatus {
        client,
        page_count,
        current,
        newer_partial,
    }
}
