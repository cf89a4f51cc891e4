//! The commands the window may call. Each one translates between the UI and the engine or store;
//! none holds business logic.

use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::worker::{blocking, with_reader, with_state};
use preflight_audit::{parse_targets, AuditReport, ParsedTargets};
use preflight_store::{AddedPages, AuditSummary, Client, ClientSummary, LandingPage};
use serde::Serialize;
use tauri::{AppHandle, State};
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
pub struct AppInfo {
    pub version: String,
    pub db_path: String,
    /// Why the database could not be opened, if it could not.
    pub db_error: Option<AppError>,
    /// The team workspace is still being connected to (`db_error` says so in words); the
    /// window hears `database-opened` when it is ready.
    pub connecting: bool,
}

#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> AppResult<AppInfo> {
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        // A workspace's address is shown without its password.
        db_path: crate::workspace::shown_location(&state.db_path()),
        db_error: state.store_error(),
        connecting: state.connecting(),
    })
}

#[tauri::command]
pub async fn list_clients(app: AppHandle) -> AppResult<Vec<ClientSummary>> {
    with_state(&app, |state| Ok(state.store()?.list_clients()?)).await
}

#[tauri::command]
pub async fn create_client(app: AppHandle, name: String) -> AppResult<Client> {
    with_state(&app, move |state| {
        Ok(state.store()?.create_client(&name)?)
    })
    .await
}

#[tauri::command]
pub async fn rename_client(app: AppHandle, id: i64, name: String) -> AppResult<Client> {
    with_state(&app, move |state| {
        Ok(state.store()?.rename_client(id, &name)?)
    })
    .await
}

#[tauri::command]
pub async fn delete_client(app: AppHandle, id: i64) -> AppResult<()> {
    with_state(&app, move |state| {
        if client_is_running(state, id) {
            return Err(AppError::new(
                "audit_running",
                "Stop this client's running audit before deleting the client.",
            ));
        }
        Ok(state.store()?.delete_client(id)?)
    })
    .await
}

fn client_is_running(state: &AppState, client_id: i64) -> bool {
    let running: Vec<i64> = state.running().keys().copied().collect();
    let Ok(store) = state.store() else {
        return false;
    };
    running.into_iter().any(|run| {
        store
            .audit_summary(run)
            .is_ok_and(|a| a.client_id == Some(client_id))
    })
}

#[tauri::command]
pub async fn restore_client(app: AppHandle, id: i64) -> AppResult<Client> {
    with_state(&app, move |state| Ok(state.store()?.restore_client(id)?)).await
}

/// Validates pasted URLs without saving anything (live feedback while typing).
#[tauri::command]
pub async fn parse_urls(text: String) -> AppResult<ParsedTargets> {
    blocking(move || Ok(parse_targets(&text))).await
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct AddPagesOutcome {
    pub parsed: ParsedTargets,
    pub saved: AddedPages,
}

#[tauri::command]
pub async fn add_pages(app: AppHandle, client_id: i64, text: String) -> AppResult<AddPagesOutcome> {
    with_state(&app, move |state| {
        let parsed = parse_targets(&text);
        let saved = state.store()?.add_pages(client_id, &parsed.urls)?;
        Ok(AddPagesOutcome { parsed, saved })
    })
    .await
}

#[tauri::command]
pub async fn list_pages(app: AppHandle, client_id: i64) -> AppResult<Vec<LandingPage>> {
    with_state(&app, move |state| {
        Ok(state.store()?.list_pages(client_id)?)
    })
    .await
}

#[tauri::command]
pub async fn delete_page(app: AppHandle, id: i64) -> AppResult<()> {
    with_state(&app, move |state| Ok(state.store()?.delete_page(id)?)).await
}

#[tauri::command]
pub async fn restore_page(app: AppHandle, id: i64) -> AppResult<()> {
    with_state(&app, move |state| Ok(state.store()?.restore_page(id)?)).await
}

#[tauri::command]
pub async fn get_audit(app: AppHandle, id: i64) -> AppResult<AuditReport> {
    with_reader(&app, move |store| {
        Ok(preflight_session::load_audit(&store, id)?)
    })
    .await
}

/// One audit as listed; `not_found` once it is deleted (by anyone), for views that show it.
#[tauri::command]
pub async fn audit_summary(app: AppHandle, id: i64) -> AppResult<AuditSummary> {
    with_state(&app, move |state| Ok(state.store()?.audit_summary(id)?)).await
}

#[tauri::command]
pub async fn delete_audit(app: AppHandle, id: i64) -> AppResult<()> {
    with_state(&app, move |state| {
        if state.running().contains_key(&id) {
            return Err(AppError::new(
                "audit_running",
                "Stop the audit before deleting it.",
            ));
        }
        Ok(state.store()?.delete_audit(id)?)
    })
    .await
}

#[tauri::command]
pub async fn restore_audit(app: AppHandle, id: i64) -> AppResult<()> {
    with_state(&app, move |state| Ok(state.store()?.restore_audit(id)?)).await
}
