//! Each client's status: the newest complete audit stands for it (the readiness model's rule);
//! a newer audit that did not finish is shown beside it, labelled partial, never instead of it.

use crate::audits::{list_audits, listings, AuditListing};
use preflight_store::{AuditSummary, Client, Store, StoreError};
use serde::Serialize;
use std::collections::HashMap;
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

/// Every client, by name, with its status. Only the audits that can stand for a client are read
/// whole (its newest complete one, and a newer partial one), all in one go.
pub fn client_statuses(store: &Store) -> Result<Vec<ClientStatus>, StoreError> {
    let clients = store.list_clients()?;
    let mut by_client: HashMap<i64, Vec<AuditSummary>> = HashMap::new();
    for audit in store.list_audits(None)? {
        if let Some(client) = audit.client_id {
            by_client.entry(client).or_default().push(audit);
        }
    }
    let mut wanted = Vec::new();
    for audits in by_client.values() {
        let current = preflight_readiness::current(audits, |a| a.status);
        wanted.extend(current.map(|a| a.id));
        wanted.extend(
            audits
                .first()
                .map(|a| a.id)
                .filter(|id| Some(*id) != current.map(|c| c.id)),
        );
    }
    let mut listed: HashMap<i64, AuditListing> = listings(store, &wanted)?
        .into_iter()
        .map(|listing| (listing.audit.id, listing))
        .collect();
    Ok(clients
        .into_iter()
        .map(|c| {
            let audits: Vec<AuditListing> = by_client
                .get(&c.client.id)
                .into_iter()
                .flatten()
                .filter_map(|a| listed.remove(&a.id))
                .collect();
            status_of(c.client, c.page_count, audits)
        })
        .collect())
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
