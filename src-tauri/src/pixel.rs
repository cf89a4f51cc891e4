//! The pixel side of the app: funnels (the list, a client's default, an audit's choice), the
//! Meta/Google → OpenAI event table, and whether a browser for the rendered check is installed.

use crate::error::{AppError, AppResult};
use crate::worker::{blocking, with_state};
use preflight_audit::AuditReport;
use preflight_pixel::Funnel;
use serde::Serialize;
use tauri::AppHandle;
use ts_rs::TS;

/// One row of the event-mapping table.
#[derive(Debug, Clone, Serialize, TS)]
pub struct EventMapping {
    /// `meta`, `ga4` or `google_ads`.
    pub platform: String,
    pub event: String,
    /// The OpenAI standard event for the same step; empty when there is none.
    pub openai: String,
}

/// Whether the rendered check and journeys can run on this machine.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BrowserStatus {
    pub found: bool,
    /// The browser that will be used.
    pub path: Option<String>,
    /// When none is found: why, and how to install one, in plain words.
    pub message: Option<String>,
}

#[tauri::command]
pub async fn list_funnels() -> Vec<Funnel> {
    preflight_pixel::funnels().to_vec()
}

#[tauri::command]
pub async fn event_mapping_table() -> Vec<EventMapping> {
    preflight_pixel::mapping_table()
        .into_iter()
        .map(|(platform, event, openai)| EventMapping {
            platform,
            event,
            openai,
        })
        .collect()
}

#[tauri::command]
pub async fn browser_status() -> AppResult<BrowserStatus> {
    // Looking for the browser checks files on disk.
    blocking(|| Ok(find_browser())).await
}

fn find_browser() -> BrowserStatus {
    match preflight_capture::find_browser() {
        Ok(path) => BrowserStatus {
            found: true,
            path: Some(path.display().to_string()),
            message: None,
        },
        Err(e) => BrowserStatus {
            found: false,
            path: None,
            message: Some(e.to_string()),
        },
    }
}

pub fn check_funnel(funnel: Option<&str>) -> AppResult<()> {
    match preflight_readiness::funnel::unknown_funnel(funnel) {
        Some(why) => Err(AppError::new("invalid_input", why)),
        None => Ok(()),
    }
}

#[tauri::command]
pub async fn client_funnel(app: AppHandle, client_id: i64) -> AppResult<Option<String>> {
    with_state(&app, move |state| {
        Ok(state.store()?.client_funnel(client_id)?)
    })
    .await
}

#[tauri::command]
pub async fn set_client_funnel(
    app: AppHandle,
    client_id: i64,
    funnel: Option<String>,
) -> AppResult<()> {
    check_funnel(funnel.as_deref())?;
    with_state(&app, move |state| {
        Ok(state
            .store()?
            .set_client_funnel(client_id, funnel.as_deref())?)
    })
    .await
}

/// Measures a saved audit against another funnel (or none); returns the audit as it now reads.
/// The choice also becomes the client's default for its next audits.
#[tauri::command]
pub async fn set_audit_funnel(
    app: AppHandle,
    run_id: i64,
    funnel: Option<String>,
) -> AppResult<AuditReport> {
    check_funnel(funnel.as_deref())?;
    with_state(&app, move |state| {
        {
            let store = state.store()?;
            store.set_audit_funnel(run_id, funnel.as_deref())?;
            if let Some(client_id) = store.audit_summary(run_id)?.client_id {
                store.set_client_funnel(client_id, funnel.as_deref())?;
            }
        }
        Ok(preflight_session::load_audit(
            &crate::worker::reader(state)?,
            run_id,
        )?)
    })
    .await
}
