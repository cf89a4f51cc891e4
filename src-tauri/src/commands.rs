//! The commands the window may call. Each one translates between the UI and the engine or store;
//! none holds business logic.

use crate::error::{AppError, AppResult};
use crate::state::AppState;
use preflight_audit::{parse_targets, AuditReport, ParsedTargets};
use preflight_store::{AddedPages, AuditSummary, Client, ClientSummary, LandingPage};
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
pub struct AppInfo {
    pub version: String,
    pub db_path: String,
    /// Why the database could not be opened, if it could not.
    pub db_error: Option<AppError>,
}

#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        db_path: state.db_path.display().to_string(),
        db_error: state.store_error(),
    }
}

#[tauri::command]
pub fn list_clients(state: State<'_, AppState>) -> AppResult<Vec<ClientSummary>> {
    Ok(state.store()?.list_clients()?)
}

#[tauri::command]
pub fn create_client(state: State<'_, AppState>, name: String) -> AppResult<Client> {
    Ok(state.store()?.create_client(&name)?)
}

#[tauri::command]
pub fn rename_client(state: State<'_, AppState>, id: i64, name: String) -> AppResult<Client> {
    Ok(state.store()?.rename_client(id, &name)?)
}

#[tauri::command]
pub fn delete_client(state: State<'_, AppState>, id: i64) -> AppResult<()> {
    if client_is_running(&state, id) {
        return Err(AppError::new(
            "audit_running",
            "Stop this client's running audit before deleting the client.",
        ));
    }
    Ok(state.store()?.delete_client(id)?)
}

fn client_is_running(state: &State<'_, AppState>, client_id: i64) -> bool {
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
pub fn restore_client(state: State<'_, AppState>, id: i64) -> AppResult<Client> {
    Ok(state.store()?.restore_client(id)?)
}

/// Validates pasted URLs without saving anything (live feedback while typing).
#[tauri::command]
pub fn parse_urls(text: String) -> ParsedTargets {
    parse_targets(&text)
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct AddPagesOutcome {
    pub parsed: ParsedTargets,
    pub saved: AddedPages,
}

#[tauri::command]
pub fn add_pages(
    state: State<'_, AppState>,
    client_id: i64,
    text: String,
) -> AppResult<AddPagesOutcome> {
    let parsed = parse_targets(&text);
    let saved = state.store()?.add_pages(client_id, &parsed.urls)?;
    Ok(AddPagesOutcome { parsed, saved })
}

#[tauri::command]
pub fn list_pages(state: State<'_, AppState>, client_id: i64) -> AppResult<Vec<LandingPage>> {
    Ok(state.store()?.list_pages(client_id)?)
}

#[tauri::command]
pub fn delete_page(state: State<'_, AppState>, id: i64) -> AppResult<()> {
    Ok(state.store()?.delete_page(id)?)
}

#[tauri::command]
pub fn restore_page(state: State<'_, AppState>, id: i64) -> AppResult<()> {
    Ok(state.store()?.restore_page(id)?)
}

#[tauri::command]
pub fn list_audits(
    state: State<'_, AppState>,
    client_id: Option<i64>,
) -> AppResult<Vec<AuditSummary>> {
    Ok(state.store()?.list_audits(client_id)?)
}

#[tauri::command]
pub fn get_audit(state: State<'_, AppState>, id: i64) -> AppResult<AuditReport> {
    Ok(state.store()?.load_report(id)?)
}

#[tauri::command]
pub fn delete_audit(state: State<'_, AppState>, id: i64) -> AppResult<()> {
    if state.running().contains_key(&id) {
        return Err(AppError::new(
            "audit_running",
            "Stop the audit before deleting it.",
        ));
    }
    Ok(state.store()?.delete_audit(id)?)
}

#[tauri::command]
pub fn restore_audit(state: State<'_, AppState>, id: i64) -> AppResult<()> {
    Ok(state.store()?.restore_audit(id)?)
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct RobotsCheck {
    pub verdict: preflight_robots::RobotsVerdict,
    pub findings: Vec<preflight_model::Finding>,
}

/// The offline robots.txt tester: may `agent` fetch `url` under this robots.txt?
#[tauri::command]
pub fn check_robots(robots_txt: String, agent: String, url: String) -> AppResult<RobotsCheck> {
    let verdict = preflight_robots::evaluate(robots_txt.as_bytes(), agent.trim(), url.trim())
        .map_err(|e| AppError::new("invalid_input", e.to_string()))?;
    let findings = preflight_robots::robots_findings(&verdict);
    Ok(RobotsCheck { verdict, findings })
}
