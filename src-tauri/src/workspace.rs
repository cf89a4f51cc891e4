//! Where this computer keeps its audits, as the Settings window shows and changes it: its own
//! file, or a team workspace on a PostgreSQL server. Connecting and going back swap the app's
//! database in place, so the window keeps its place; `data_revision` lets lists see what
//! colleagues saved.

use crate::error::{AppError, AppResult};
use crate::state::{open_database, AppState};
use crate::worker::{reader, with_state};
use preflight_session::workspace;
use preflight_store::{CopyReport, Location};
use serde::Serialize;
use std::path::{Path, PathBuf};
use tauri::AppHandle;
use ts_rs::TS;

/// Where audits are kept now, and who they are recorded as.
#[derive(Debug, Clone, Serialize, TS)]
pub struct WorkspaceStatus {
    /// Audits are kept in a team workspace (otherwise in a file on this computer).
    pub workspace: bool,
    /// The file, or the workspace's address (never with its password).
    pub location: String,
    /// Who work from this computer is recorded as.
    pub author: Option<String>,
    /// The name set on this computer for that; without one the login's name is used.
    pub display_name: Option<String>,
    /// `PREFLIGHT_DB` chooses the database, so this computer's setting is not used.
    pub overridden: bool,
    /// This computer's own file of audits.
    pub local_file: String,
    pub local_file_exists: bool,
    /// Why the database could not be opened, if it could not.
    pub error: Option<AppError>,
}

/// What connecting found, with what this computer's own file holds (to offer copying it).
#[derive(Debug, Clone, Serialize, TS)]
pub struct WorkspaceConnected {
    /// The workspace's address as shown (never with its password).
    pub address: String,
    /// The workspace holds no client yet.
    pub empty: bool,
    pub clients: u32,
    /// Clients and audits in this computer's own file (0 when there is none).
    pub local_clients: u32,
    pub local_audits: u32,
    pub status: WorkspaceStatus,
}

/// Told to the window when the team workspace named at the start is connected to (or could not
/// be: `app_info` then says why).
pub const DATABASE_OPENED_EVENT: &str = "database-opened";

#[tauri::command]
pub async fn workspace_status(app: AppHandle) -> AppResult<WorkspaceStatus> {
    with_state(&app, |state| Ok(status(state))).await
}

/// Connects this computer to the workspace at `address` (the password goes to the keychain)
/// and works in it from now on. `display_name`: `None` leaves the name as it is, empty clears it.
#[tauri::command]
pub async fn connect_workspace(
    app: AppHandle,
    address: String,
    password: Option<String>,
    display_name: Option<String>,
) -> AppResult<WorkspaceConnected> {
    with_state(&app, move |state| {
        connect(
            state,
            &address,
            password.as_deref(),
            display_name.as_deref(),
        )
    })
    .await
}

fn connect(
    state: &AppState,
    address: &str,
    password: Option<&str>,
    display_name: Option<&str>,
) -> AppResult<WorkspaceConnected> {
    may_switch(state)?;
    let connected = workspace::connect(address.trim(), password)?;
    if let Some(name) = display_name {
        save_display_name(name)?;
    }
    reopen(state);
    let (local_clients, local_audits) = local_counts(&local_file());
    Ok(WorkspaceConnected {
        address: connected.address,
        empty: connected.empty,
        clients: connected.clients,
        local_clients,
        local_audits,
        status: status(state),
    })
}

/// Copies everything in this computer's own file into the workspace the app works in. Safe to
/// run again: rows already there are left alone.
#[tauri::command]
pub async fn copy_local_into_workspace(app: AppHandle) -> AppResult<CopyReport> {
    with_state(&app, copy_local).await
}

fn copy_local(state: &AppState) -> AppResult<CopyReport> {
    let local = local_file();
    if !local.exists() {
        return Err(AppError::new(
            "not_found",
            format!(
                "There is no file of audits on this computer ({}).",
                local.display()
            ),
        )
        .with_hint("Nothing needs copying: start working in the workspace."));
    }
    // A connection of its own: a long copy does not hold up the window's lists.
    let to = reader(state)?;
    if !to.location().is_server() {
        return Err(AppError::new(
            "invalid_input",
            "Preflight is not connected to a team workspace.",
        )
        .with_hint("Connect to the workspace first, then copy this computer's audits into it."));
    }
    let from = open_database(&local)?;
    Ok(workspace::copy(&from, &to)?)
}

/// Goes back to this computer's file; the workspace keeps its audits and this computer forgets
/// its password.
#[tauri::command]
pub async fn disconnect_workspace(app: AppHandle) -> AppResult<WorkspaceStatus> {
    with_state(&app, disconnect).await
}

fn disconnect(state: &AppState) -> AppResult<WorkspaceStatus> {
    may_switch(state)?;
    workspace::disconnect()?;
    reopen(state);
    Ok(status(state))
}

/// Sets (or, empty, clears) the name work from this computer is recorded under.
#[tauri::command]
pub async fn set_display_name(app: AppHandle, name: String) -> AppResult<WorkspaceStatus> {
    with_state(&app, move |state| rename_author(state, &name)).await
}

fn rename_author(state: &AppState, name: &str) -> AppResult<WorkspaceStatus> {
    save_display_name(name)?;
    // Work saved from now on carries the new name.
    if let Ok(mut store) = state.store() {
        let author = workspace::author(store.location());
        store.set_author(author);
    }
    Ok(status(state))
}

/// A short text that changes whenever anyone changes clients, pages or audits: lists poll it
/// and reload only when it changed.
#[tauri::command]
pub async fn data_revision(app: AppHandle) -> AppResult<String> {
    with_state(&app, |state| Ok(state.store()?.revision()?)).await
}

/// Longest display name kept, as for client names.
const NAME_LIMIT: usize = 120;

fn save_display_name(name: &str) -> AppResult<()> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut settings = workspace::machine_settings();
    settings.display_name = (!name.is_empty()).then(|| name.chars().take(NAME_LIMIT).collect());
    Ok(workspace::save_machine_settings(&settings)?)
}

/// Whether `PREFLIGHT_DB` decides the database (the rule `database_setting` follows).
fn overridden() -> bool {
    std::env::var_os("PREFLIGHT_DB").is_some_and(|p| !p.is_empty())
}

/// Refuses to change the database while something still works on it, or while `PREFLIGHT_DB`
/// decides it.
fn may_switch(state: &AppState) -> AppResult<()> {
    if overridden() {
        return Err(AppError::new(
            "database_overridden",
            format!(
                "The PREFLIGHT_DB environment variable chooses where audits are kept ({}).",
                shown_location(&state.db_path())
            ),
        ));
    }
    match state.work_in_progress() {
        Some(what) => Err(AppError::new(
            "work_in_progress",
            format!("Preflight cannot change where audits are kept while {what}."),
        )),
        None => Ok(()),
    }
}

/// Opens the database the settings now name and works in it.
fn reopen(state: &AppState) {
    let setting = workspace::database_setting();
    let store = open_database(&setting);
    state.switch_to(setting, store);
}

pub fn status(state: &AppState) -> WorkspaceStatus {
    let local = local_file();
    status_of(
        &state.db_path(),
        state.store_error(),
        overridden(),
        workspace::machine_settings().display_name,
        &local,
    )
}

/// The status of `setting`, worked out from what is known about it (no connection is made).
pub fn status_of(
    setting: &Path,
    error: Option<AppError>,
    overridden: bool,
    display_name: Option<String>,
    local: &Path,
) -> WorkspaceStatus {
    let location = Location::parse(setting).ok();
    WorkspaceStatus {
        workspace: location.as_ref().is_some_and(Location::is_server),
        location: shown_location(setting),
        author: location.as_ref().and_then(workspace::author),
        display_name,
        overridden,
        local_file: local.display().to_string(),
        local_file_exists: local.exists(),
        error,
    }
}

/// Where `setting` points, as it may be shown: a workspace's address without its password.
pub fn shown_location(setting: &Path) -> String {
    match Location::parse(setting) {
        Ok(location) => location.as_path().display().to_string(),
        Err(_) => "an address Preflight cannot read".to_string(),
    }
}

/// `setting` as it may be written down (a scheduler's entry): a workspace's address without
/// its password, which is then read from the keychain.
pub fn setting_without_password(setting: &Path) -> PathBuf {
    match Location::parse(setting) {
        Ok(Location::Server(address, _)) => PathBuf::from(address.setting()),
        _ => setting.to_path_buf(),
    }
}

/// This computer's own file of audits: `PREFLIGHT_DB` when it names a file, else the file in
/// the user's data folder (where `default_db_path` puts it).
pub fn local_file() -> PathBuf {
    match Location::parse(&preflight_store::default_db_path()) {
        Ok(Location::File(path)) => path,
        _ => dirs::data_dir()
            .unwrap_or_else(|| PathBuf::from("."))
            .join("preflight")
            .join("preflight.sqlite3"),
    }
}

/// The folder for files kept beside the database: the file's own, or, for a workspace, the
/// folder of this computer's file.
pub fn local_folder(setting: &Path) -> PathBuf {
    let file = match Location::parse(setting) {
        Ok(Location::File(path)) => path,
        _ => local_file(),
    };
    file.parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Clients and audits in the file at `local`; none when it does not exist or cannot be read.
fn local_counts(local: &Path) -> (u32, u32) {
    if !local.exists() {
        return (0, 0);
    }
    let Ok(store) = open_database(local) else {
        return (0, 0);
    };
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    (
        store.list_clients().map_or(0, |c| count(c.len())),
        store.list_audits(None).map_or(0, |a| count(a.len())),
    )
}

#[cfg(test)]
#[path = "workspace_tests.rs"]
mod tests;
