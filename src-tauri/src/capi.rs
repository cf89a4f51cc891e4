//! Conversions API checks from the window: validate payload files (off the window's thread,
//! with progress and Cancel), pair the last validation's server events with an audit's pixel
//! events, keep the client's key in the keychain, the optional live check (only on a click),
//! and sample requests for the client's funnel.

use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::worker::{reader, stopped, with_reader, with_state};
use preflight_capi::live::LiveAnswer;
use preflight_capi::samples::Samples;
use preflight_capi::{CapiValidation, ValidateOptions};
use preflight_session::capi::{self, CapiOverview, PairingRecord};
use serde::Serialize;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tauri::{AppHandle, Emitter, Manager, State};
use ts_rs::TS;

/// The event name the window listens to while files are read.
pub const CAPI_PROGRESS_EVENT: &str = "capi-progress";

/// How far a validation has read.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CapiProgress {
    #[ts(type = "number")]
    pub client_id: i64,
    /// The file being read (its name).
    pub file: String,
    #[ts(type = "number")]
    pub bytes_read: u64,
    #[ts(type = "number")]
    pub total_bytes: u64,
    #[ts(type = "number")]
    pub events: u64,
}

#[tauri::command]
pub async fn capi_overview(app: AppHandle, client_id: i64) -> AppResult<CapiOverview> {
    with_reader(&app, move |store| {
        store.client(client_id)?;
        Ok(capi::overview(store, client_id)?)
    })
    .await
}

/// Validates `paths` for a client (one validation per client at a time), keeps it unless it
/// was cancelled, and keeps its server events for pairing.
#[tauri::command]
pub async fn capi_validate(
    app: AppHandle,
    state: State<'_, AppState>,
    client_id: i64,
    paths: Vec<String>,
    sent_at_ms: Option<i64>,
    pixel_id: Option<String>,
) -> AppResult<CapiValidation> {
    let paths: Vec<PathBuf> = paths
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .collect();
    if paths.is_empty() {
        return Err(AppError::new(
            "invalid_input",
            "Choose at least one Conversions API file to check.",
        ));
    }
    // Saved in the database the check began on, or not at all.
    let in_place = state.database_in_place();
    with_state(&app, move |state| {
        Ok(state.store_since(in_place)?.client(client_id)?)
    })
    .await?;
    let cancel = Arc::new(AtomicBool::new(false));
    {
        let mut running = state.capi_runs();
        if running.contains_key(&client_id) {
            return Err(AppError::new(
                "capi_running",
                "Files are already being checked for this client. Wait for them or cancel first.",
            ));
        }
        running.insert(client_id, cancel.clone());
    }
    let options = ValidateOptions {
        sent_at_ms: sent_at_ms.unwrap_or_else(now_ms),
        pixel_id: pixel_id
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty()),
        // Kept so that "Pair with audit" needs no second read of the files.
        keep_for_pairing: preflight_capi::MAX_SERVER_EVENTS,
    };
    let worker_app = app.clone();
    let flag = cancel.clone();
    let result = tauri::async_runtime::spawn_blocking(move || {
        let mut last_emit = std::time::Instant::now() - std::time::Duration::from_secs(1);
        let mut progress = |p: &preflight_capi::Progress| {
            // At most ~20 events a second, and always the last one of a file.
            if last_emit.elapsed().as_millis() < 50 && p.bytes_read < p.total_bytes {
                return;
            }
            last_emit = std::time::Instant::now();
            let _ = worker_app.emit(
                CAPI_PROGRESS_EVENT,
                CapiProgress {
                    client_id,
                    file: p.file.clone(),
                    bytes_read: p.bytes_read,
                    total_bytes: p.total_bytes,
                    events: p.events,
                },
            );
        };
        let cancelled = || flag.load(Ordering::Relaxed);
        capi::validate(&paths, &options, &mut progress, &cancelled)
    })
    .await
    .map_err(stopped);
    app.state::<AppState>().capi_runs().remove(&client_id);
    let (validation, events) = result?;
    if validation.cancelled {
        return Ok(validation);
    }
    let saved = validation.clone();
    with_state(&app, move |state| {
        capi::save_validation(&*state.store_since(in_place)?, client_id, &saved)?;
        state.capi_events().insert(client_id, events);
        Ok(())
    })
    .await?;
    Ok(validation)
}

/// Stops the client's validation; what was read is reported and nothing is kept.
#[tauri::command]
pub async fn capi_cancel(state: State<'_, AppState>, client_id: i64) -> AppResult<()> {
    if let Some(flag) = state.capi_runs().get(&client_id) {
        flag.store(true, Ordering::Relaxed);
    }
    Ok(())
}

/// Pairs the last validation's server events with an audit's pixel events and keeps the outcome.
#[tauri::command]
pub async fn capi_pair(
    app: AppHandle,
    client_id: i64,
    audit_id: i64,
    pixel_id: Option<String>,
) -> AppResult<PairingRecord> {
    with_state(&app, move |state| {
        let Some(events) = state.capi_events().get(&client_id).cloned() else {
            return Err(not_validated());
        };
        let pixel_id = pixel_id
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty());
        Ok(capi::pair_with_audit(
            &*state.store()?,
            client_id,
            audit_id,
            &events,
            pixel_id.as_deref(),
        )?)
    })
    .await
}

fn not_validated() -> AppError {
    AppError::new(
        "capi_not_validated",
        "Check a Conversions API file first: pairing uses the events of the last check made since Preflight started.",
    )
}

/// Keeps the client's Conversions API key in the keychain; returns where it is kept. The key is
/// never sent back to the window.
#[tauri::command]
pub async fn capi_save_key(app: AppHandle, client_id: i64, key: String) -> AppResult<String> {
    let key = key.trim().to_string();
    if key.is_empty() {
        return Err(
            AppError::new("invalid_input", "Paste the Conversions API key first.")
                .with_field("key"),
        );
    }
    with_reader(&app, move |store| {
        store.client(client_id)?;
        let kept = capi::key(store, client_id)?.save(&key)?;
        Ok(kept.label().to_string())
    })
    .await
}

/// Removes the client's key from the keychain; whether one was kept.
#[tauri::command]
pub async fn capi_remove_key(app: AppHandle, client_id: i64) -> AppResult<bool> {
    with_reader(
        &app,
        move |store| Ok(capi::key(store, client_id)?.remove()?),
    )
    .await
}

/// Changes where the live check sends (empty: OpenAI's address); returns the address in effect.
#[tauri::command]
pub async fn capi_set_endpoint(app: AppHandle, value: String) -> AppResult<String> {
    with_state(&app, move |state| {
        let store = state.store()?;
        capi::set_endpoint(&store, &value)?;
        Ok(capi::endpoint(&store)?)
    })
    .await
}

/// Sends the first request of `path` to the endpoint for validation only (nothing is recorded),
/// with the client's key. Only ever called from a button click.
#[tauri::command]
pub async fn capi_live_check(
    app: AppHandle,
    client_id: i64,
    pixel_id: String,
    path: String,
) -> AppResult<LiveAnswer> {
    with_state(&app, move |state| {
        let body = capi::first_request(&PathBuf::from(path.trim()))?;
        let store = reader(state)?;
        Ok(tauri::async_runtime::block_on(capi::live_check(
            &store,
            client_id,
            pixel_id.trim(),
            &body,
        ))?)
    })
    .await
}

/// Sample requests for each event of the client's funnel (or a lead and an order), with the
/// hashing of the test email shown.
#[tauri::command]
pub async fn capi_samples(
    app: AppHandle,
    client_id: i64,
    pixel_id: String,
    test_email: String,
) -> AppResult<Samples> {
    with_reader(&app, move |store| {
        let events = capi::sample_events(store, client_id)?;
        let endpoint = capi::endpoint(store)?;
        Ok(preflight_capi::samples::samples(
            &events,
            pixel_id.trim(),
            &test_email,
            now_ms(),
            &endpoint,
        ))
    })
    .await
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairing_without_a_validation_asks_for_one() {
        let e = not_validated();
        assert_eq!(e.code, "capi_not_validated");
        assert!(e.message.contains("Check a Conversions API file first"));
    }
}
