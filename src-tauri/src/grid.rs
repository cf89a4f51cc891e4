//! The page grid of one audit: each page's row as the readiness model works it out
//! (`preflight_readiness::grid`), read under the counting rules. Its CSV is written by
//! `exports::export_page_grid`.

use crate::error::AppResult;
use crate::worker::with_reader;
use preflight_readiness::PageRow;
use tauri::AppHandle;

/// Every page's row in the audit's page order, each with its place in the worst-first order.
#[tauri::command]
pub async fn audit_page_rows(app: AppHandle, id: i64) -> AppResult<Vec<PageRow>> {
    with_reader(&app, move |store| {
        let report = preflight_session::load_audit(&store, id)?;
        Ok(preflight_readiness::grid::rows(&report))
    })
    .await
}
