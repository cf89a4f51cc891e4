//! Replaying a saved journey from the window: its steps run again in a browser without a
//! window, each step's progress is sent as it goes (`journey-replay` events), and the result is
//! saved as a new journey of the same audit, next to the original. One replay at a time.

use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::worker::with_state;
use preflight_audit::journey::JourneyReport;
use preflight_capture::{CaptureOptions, ReplayOptions, ReplayProgress, Window};
use preflight_session::{journeys, CancellationToken};
use serde::Serialize;
use std::sync::Mutex;
use tauri::{AppHandle, Emitter, Manager};
use ts_rs::TS;

/// The event name the window listens to.
pub const REPLAY_EVENT: &str = "journey-replay";

/// What the window hears while a journey is replayed.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ReplayUpdate {
    /// The journey being replayed.
    #[ts(type = "number")]
    pub journey_id: i64,
    pub progress: ReplayProgress,
}

/// The replay in progress: the journey and how to stop it.
static RUNNING: Mutex<Option<(i64, CancellationToken)>> = Mutex::new(None);

fn running() -> std::sync::MutexGuard<'static, Option<(i64, CancellationToken)>> {
    RUNNING.lock().unwrap_or_else(|e| e.into_inner())
}

/// Whether a journey is being replayed (the database is not swapped under it).
pub fn is_running() -> bool {
    running().is_some()
}

/// Clears the running replay however the command ends.
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        running().take();
    }
}

/// Replays journey `journey_id` and saves the result as a new journey of its audit; returns
/// the saved replay, with how each step went in `replay`.
#[tauri::command]
pub async fn replay_journey(app: AppHandle, journey_id: i64) -> AppResult<JourneyReport> {
    // The replay is saved in the database it began on, or not at all.
    let in_place = app.state::<AppState>().database_in_place();
    let (run_id, original, options) = with_state(&app, move |state| {
        let store = state.store_since(in_place)?;
        let (run_id, journey) = journeys::load_journey(&store, journey_id)?;
        Ok((run_id, journey, crate::sandbox::capture_options(&store)?))
    })
    .await?;
    if original.steps.is_empty() {
        let e = preflight_capture::CaptureError::NothingToReplay;
        return Err(AppError::new(e.code(), e.to_string()));
    }
    let cancel = CancellationToken::new();
    {
        let mut slot = running();
        if slot.is_some() {
            return Err(AppError::new(
                "replay_running",
                "A journey is already being replayed. Wait for it to end or stop it first.",
            ));
        }
        *slot = Some((journey_id, cancel.clone()));
    }
    let _guard = Guard;
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let emitter = app.clone();
    let forward = tauri::async_runtime::spawn(async move {
        while let Some(progress) = rx.recv().await {
            let _ = emitter.emit(
                REPLAY_EVENT,
                ReplayUpdate {
                    journey_id,
                    progress,
                },
            );
        }
    });
    let options = ReplayOptions {
        capture: CaptureOptions {
            window: Window::Headless,
            ..options
        },
        ..ReplayOptions::default()
    };
    let replayed = journeys::replay_journey(&original, &options, Some(tx), &cancel).await;
    let _ = forward.await;
    let report = replayed.map_err(|e| AppError::new(e.code(), e.to_string()))?;
    with_state(&app, move |state| {
        Ok(journeys::save_journey(
            &*state.store_since(in_place)?,
            run_id,
            report,
        )?)
    })
    .await
}

/// Stops the replay in progress; what it saw so far is still saved.
#[tauri::command]
pub async fn cancel_replay() -> AppResult<()> {
    match running().as_ref() {
        Some((_, cancel)) => {
            cancel.cancel();
            Ok(())
        }
        None => Err(AppError::new(
            "not_running",
            "No journey is being replayed any more.",
        )),
    }
}
