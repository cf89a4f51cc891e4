//! Comments on an audit: what colleagues noted about it, with who wrote each.

use crate::error::AppResult;
use crate::worker::with_state;
use preflight_store::Comment;
use tauri::AppHandle;

#[tauri::command]
pub async fn list_comments(app: AppHandle, run_id: i64) -> AppResult<Vec<Comment>> {
    with_state(&app, move |state| Ok(state.store()?.comments(run_id)?)).await
}

/// Adds a comment, recorded under this computer's author; the audit's comments after it.
#[tauri::command]
pub async fn add_comment(app: AppHandle, run_id: i64, body: String) -> AppResult<Vec<Comment>> {
    with_state(&app, move |state| {
        let store = state.store()?;
        store.add_comment(run_id, &body)?;
        Ok(store.comments(run_id)?)
    })
    .await
}

#[tauri::command]
pub async fn delete_comment(app: AppHandle, id: i64) -> AppResult<()> {
    with_state(&app, move |state| Ok(state.store()?.delete_comment(id)?)).await
}

#[tauri::command]
pub async fn restore_comment(app: AppHandle, id: i64) -> AppResult<()> {
    with_state(&app, move |state| Ok(state.store()?.restore_comment(id)?)).await
}
