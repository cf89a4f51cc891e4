//! Access-log evidence in the window: import a server log for a client (with progress and
//! cancel), verified against OpenAI's address list, and keep each import.

use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::worker::{blocking, stopped, with_reader, with_state};
use preflight_accesslog::{
    import_log, published_ranges, ranges_from_file, LogOptions, ADSBOT_RANGES_URL,
};
use preflight_session::log_imports::{load_log_import, save_log_import, LogImportRecord};
use preflight_store::LogImportSummary;
use serde::Serialize;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tauri::{AppHandle, Emitter, Manager, State};
use ts_rs::TS;

pub const LOG_PROGRESS_EVENT: &str = "log-progress";

#[derive(Debug, Clone, Serialize, TS)]
pub struct LogProgress {
    #[ts(type = "number")]
    pub bytes_read: u64,
    #[ts(type = "number")]
    pub total_bytes: u64,
}

/// One import as shown: its summary, the report, and where the address list came from.
pub use preflight_session::LogImport;

/// Imports `path` for a client. `ranges_file` is an adsbot.json the user chose; without it
/// the list is downloaded (or the saved copy used when offline).
#[tauri::command]
pub async fn import_access_log(
    app: AppHandle,
    state: State<'_, AppState>,
    client_id: i64,
    path: String,
    ranges_file: Option<String>,
) -> AppResult<LogImport> {
    // The import is saved in the database it began on, or not at all.
    let in_place = state.database_in_place();
    with_state(&app, move |state| {
        Ok(state.store_since(in_place)?.client(client_id)?)
    })
    .await?;
    let path = PathBuf::from(path.trim());
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| AppError::new("invalid_input", "Choose an access-log file."))?;
    let cancel = Arc::new(AtomicBool::new(false));
    {
        let mut current = state.log_import();
        if current.is_some() {
            return Err(AppError::new(
                "import_running",
                "An access log is already being imported. Wait for it or cancel it first.",
            ));
        }
        *current = Some(cancel.clone());
    }
    // From here on the import slot is taken; it is released on every path below.
    let read = read_log(&app, &state, &path, ranges_file, cancel).await;
    *app.state::<AppState>().log_import() = None;
    let record = read?;
    with_state(&app, move |state| {
        Ok(save_log_import(
            &*state.store_since(in_place)?,
            client_id,
            &file_name,
            record,
        )?)
    })
    .await
}

/// Reads the log at `path` against OpenAI's published ranges (or `ranges_file`'s).
async fn read_log(
    app: &AppHandle,
    state: &State<'_, AppState>,
    path: &std::path::Path,
    ranges_file: Option<String>,
    cancel: Arc<AtomicBool>,
) -> AppResult<LogImportRecord> {
    let loaded = match ranges_file.filter(|f| !f.trim().is_empty()) {
        Some(file) => {
            let file = PathBuf::from(file.trim());
            blocking(move || ranges_from_file(&file).map_err(log_error)).await?
        }
        None => published_ranges(ADSBOT_RANGES_URL, &saved_ranges_path(state)).await,
    };
    if cancel.load(Ordering::Relaxed) {
        return Err(log_error(preflight_accesslog::LogError::Cancelled));
    }
    let worker_app = app.clone();
    let path = path.to_path_buf();
    let ranges = loaded.ranges;
    let imported = tauri::async_runtime::spawn_blocking(move || {
        let total_bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let progress = |bytes_read: u64| {
            let _ = worker_app.emit(
                LOG_PROGRESS_EVENT,
                LogProgress {
                    bytes_read,
                    total_bytes,
                },
            );
        };
        let options = LogOptions {
            include_other_agents: true,
            progress: Some(&progress),
            cancel: Some(&cancel),
        };
        import_log(&path, ranges.as_ref(), &options)
    })
    .await;
    let report = imported.map_err(stopped)?.map_err(log_error)?;
    Ok(LogImportRecord {
        report,
        ranges_origin: Some(loaded.origin),
    })
}

#[tauri::command]
pub async fn cancel_log_import(state: State<'_, AppState>) -> AppResult<()> {
    if let Some(flag) = state.log_import().as_ref() {
        flag.store(true, Ordering::Relaxed);
    }
    Ok(())
}

#[tauri::command]
pub async fn list_log_imports(app: AppHandle, client_id: i64) -> AppResult<Vec<LogImportSummary>> {
    with_reader(&app, move |store| Ok(store.list_log_imports(client_id)?)).await
}

#[tauri::command]
pub async fn get_log_import(app: AppHandle, id: i64) -> AppResult<LogImport> {
    with_reader(&app, move |store| Ok(load_log_import(&store, id)?)).await
}

#[tauri::command]
pub async fn delete_log_import(app: AppHandle, id: i64) -> AppResult<()> {
    with_state(&app, move |state| {
        Ok(state.store()?.delete_log_import(id)?)
    })
    .await
}

#[tauri::command]
pub async fn restore_log_import(app: AppHandle, id: i64) -> AppResult<()> {
    with_state(&app, move |state| {
        Ok(state.store()?.restore_log_import(id)?)
    })
    .await
}

/// The downloaded address list is kept next to the database (for a workspace, next to this
/// computer's own file), for offline use.
fn saved_ranges_path(state: &State<'_, AppState>) -> PathBuf {
    crate::workspace::local_folder(&state.db_path()).join("adsbot.json")
}

fn log_error(e: preflight_accesslog::LogError) -> AppError {
    let code = match e.code() {
        "log-import-cancelled" => "cancelled".to_string(),
        other => other.replace('-', "_"),
    };
    AppError::new(&code, e.to_string()).with_hint(e.hint())
}
