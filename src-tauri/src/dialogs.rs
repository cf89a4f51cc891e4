//! Native file dialogs, opened from Rust so the window needs no file-system permission: it
//! only receives the path the user picked (or nothing when they cancel).

use crate::error::{AppError, AppResult};
use tauri::AppHandle;
use tauri_plugin_dialog::{DialogExt, FilePath};

/// Lets the user pick an existing file; `extensions` filters the list (empty: any file).
#[tauri::command]
pub async fn choose_file(
    app: AppHandle,
    title: String,
    extensions: Vec<String>,
) -> AppResult<Option<String>> {
    run(move || {
        let mut dialog = app.dialog().file().set_title(title);
        if !extensions.is_empty() {
            let exts: Vec<&str> = extensions.iter().map(String::as_str).collect();
            dialog = dialog
                .add_filter("Supported files", &exts)
                // Rotated or extension-less files (access.log.1, access_log) must stay pickable.
                .add_filter("All files", &["*"]);
        }
        dialog.blocking_pick_file()
    })
    .await
}

/// Lets the user pick one or more existing files; empty when they cancel.
#[tauri::command]
pub async fn choose_files(
    app: AppHandle,
    title: String,
    extensions: Vec<String>,
) -> AppResult<Vec<String>> {
    let picked = tauri::async_runtime::spawn_blocking(move || {
        let mut dialog = app.dialog().file().set_title(title);
        if !extensions.is_empty() {
            let exts: Vec<&str> = extensions.iter().map(String::as_str).collect();
            dialog = dialog
                .add_filter("Supported files", &exts)
                .add_filter("All files", &["*"]);
        }
        dialog.blocking_pick_files()
    })
    .await
    .map_err(|e| AppError::new("internal", format!("The dialog failed: {e}")))?;
    Ok(picked
        .unwrap_or_default()
        .into_iter()
        .map(|p| p.to_string())
        .collect())
}

/// Lets the user choose where to save, starting from `suggested_name`.
#[tauri::command]
pub async fn choose_save_path(
    app: AppHandle,
    title: String,
    suggested_name: String,
) -> AppResult<Option<String>> {
    run(move || {
        app.dialog()
            .file()
            .set_title(title)
            .set_file_name(suggested_name)
            .blocking_save_file()
    })
    .await
}

#[tauri::command]
pub async fn choose_folder(app: AppHandle, title: String) -> AppResult<Option<String>> {
    run(move || app.dialog().file().set_title(title).blocking_pick_folder()).await
}

/// Dialogs block until closed, so they wait on a worker thread, never the window's.
async fn run(
    dialog: impl FnOnce() -> Option<FilePath> + Send + 'static,
) -> AppResult<Option<String>> {
    let picked = tauri::async_runtime::spawn_blocking(dialog)
        .await
        .map_err(|e| AppError::new("internal", format!("The dialog failed: {e}")))?;
    Ok(picked.map(|p| p.to_string()))
}
