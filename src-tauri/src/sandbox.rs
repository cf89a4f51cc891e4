//! The setting that lets the browser run without its sandbox when the app runs as the root
//! user, where Chromium's sandbox cannot work. Off by default: as root, the rendered check and
//! journeys do not run until the user allows it in Settings, knowing the risk.

use crate::error::AppResult;
use crate::worker::with_state;
use preflight_capture::CaptureOptions;
use preflight_store::Store;
use tauri::AppHandle;

use preflight_session::settings::ALLOW_UNSANDBOXED_BROWSER;

/// Whether the user allowed the browser to run without its sandbox.
pub fn allowed(store: &Store) -> AppResult<bool> {
    Ok(preflight_session::settings::unsandboxed_browser_allowed(
        store,
    )?)
}

/// The options of the app's browser (journeys; the rendered check adds its own timeout).
pub fn capture_options(store: &Store) -> AppResult<CaptureOptions> {
    Ok(CaptureOptions {
        allow_unsandboxed_browser: allowed(store)?,
        ..CaptureOptions::default()
    })
}

#[tauri::command]
pub async fn browser_sandbox_setting(app: AppHandle) -> AppResult<bool> {
    with_state(&app, |state| allowed(&*state.store()?)).await
}

/// Saves the choice and returns it as stored.
#[tauri::command]
pub async fn set_browser_sandbox_setting(app: AppHandle, allow: bool) -> AppResult<bool> {
    with_state(&app, move |state| {
        let store = state.store()?;
        store.set_setting(ALLOW_UNSANDBOXED_BROWSER, if allow { "1" } else { "" })?;
        allowed(&store)
    })
    .await
}
