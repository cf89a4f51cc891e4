//! The readiness checklist of each client's latest audit, and the overview across clients.

use crate::error::AppResult;
use crate::worker::with_reader;
use preflight_readiness::{checklist, Checklist};
use preflight_store::AuditSummary;
use serde::Serialize;
use tauri::AppHandle;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
pub struct ClientReadiness {
    #[ts(type = "number")]
    pub client_id: i64,
    pub client_name: String,
    pub page_count: u32,
    /// The latest finished audit; absent when the client was never audited.
    pub audit: Option<AuditSummary>,
    pub checklist: Option<Checklist>,
}

/// Every client with the checklist of its latest finished audit.
#[tauri::command]
pub async fn readiness_overview(app: AppHandle) -> AppResult<Vec<ClientReadiness>> {
    with_reader(&app, |store| {
        let mut out = Vec::new();
        for client in store.list_clients()? {
            let checklist = match &client.last_audit {
                Some(audit) => Some(checklist(&preflight_session::load_audit(&store, audit.id)?)),
                None => None,
            };
            out.push(ClientReadiness {
                client_id: client.client.id,
                client_name: client.client.name,
                page_count: client.page_count,
                audit: client.last_audit,
                checklist,
            });
        }
        Ok(out)
    })
    .await
}

/// The checklist of one audit.
#[tauri::command]
pub async fn audit_checklist(app: AppHandle, id: i64) -> AppResult<Checklist> {
    with_reader(&app, move |store| Ok(checklist(&preflight_session::load_audit(&store, id)?))).await
}
