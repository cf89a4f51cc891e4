//! Readiness as the window shows it: every client's status (the overview and the sidebar), the
//! audits of a client with their readiness, and one audit's readiness. Every answer comes from
//! the readiness model through the session layer; nothing is judged here.

use crate::error::AppResult;
use crate::worker::with_reader;
use preflight_readiness::Readiness;
use preflight_session::{AuditListing, ClientStatus};
use tauri::AppHandle;

/// Every client, by name, with the audit that stands for its status.
#[tauri::command]
pub async fn readiness_overview(app: AppHandle) -> AppResult<Vec<ClientStatus>> {
    with_reader(&app, |store| {
        Ok(preflight_session::client_statuses(&store)?)
    })
    .await
}

/// The audits of one client (or of all), newest first, each with its readiness.
#[tauri::command]
pub async fn list_audits(app: AppHandle, client_id: Option<i64>) -> AppResult<Vec<AuditListing>> {
    with_reader(&app, move |store| {
        Ok(preflight_session::list_audits(&store, client_id)?)
    })
    .await
}

/// One audit's readiness: its state, headline, counts, checklist and what each page counts for.
#[tauri::command]
pub async fn audit_readiness(app: AppHandle, id: i64) -> AppResult<Readiness> {
    with_reader(&app, move |store| {
        Ok(preflight_session::assess_audit(&store, id)?.readiness)
    })
    .await
}
