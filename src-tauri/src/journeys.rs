//! Journey mode from the window: a visible browser opens on a landing page, the user clicks
//! through the funnel, and every pixel call is checked and shown as it fires. When the user
//! presses Finish (or closes the browser window) the journey is saved with its audit. One
//! journey at a time.

use crate::error::{AppError, AppResult};
use crate::state::{AppState, JourneyControl as Control};
use crate::worker::with_state;
use preflight_audit::journey::{JourneyCheck, JourneyChecker, JourneyReport};
use preflight_capture::{Journey, JourneyEvent};
use preflight_session::journeys;
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, State};
use tokio::sync::mpsc;
use ts_rs::TS;

/// The event name the window listens to.
pub const JOURNEY_EVENT: &str = "journey-update";

/// What the window hears about the journey in progress.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum JourneyUpdate {
    /// Something happened in the browser; `check` is every call so far, checked.
    Event {
        #[ts(type = "number")]
        run_id: i64,
        event: JourneyEvent,
        check: JourneyCheck,
    },
    /// The journey ended and was saved with the audit.
    Saved {
        #[ts(type = "number")]
        run_id: i64,
        journey: JourneyReport,
    },
    /// The user threw the journey away.
    Discarded {
        #[ts(type = "number")]
        run_id: i64,
    },
    /// The journey could not be saved.
    Failed {
        #[ts(type = "number")]
        run_id: i64,
        error: AppError,
    },
}

/// Opens the browser on `url` for a journey saved with audit `run_id`; returns once the first
/// page has loaded (or the load timed out).
#[tauri::command]
pub async fn start_journey(
    app: AppHandle,
    state: State<'_, AppState>,
    run_id: i64,
    url: String,
) -> AppResult<()> {
    let url = journeys::start_url(&url).map_err(|e| AppError::from(e).with_field("url"))?;
    // The journey is saved in the database it began on, or not at all.
    let in_place = state.database_in_place();
    let options = with_state(&app, move |state| {
        let store = state.store_since(in_place)?;
        journeys::check_audit(&store, run_id)?;
        crate::sandbox::capture_options(&store)
    })
    .await?;
    if state.journey().is_some() {
        return Err(AppError::new(
            "journey_running",
            "A journey is already open. Finish or discard it first.",
        ));
    }
    let started_at = preflight_session::now();
    let mut journey = preflight_capture::start_journey(&url, &options)
        .await
        .map_err(|e| AppError::new(e.code(), e.to_string()))?;
    let (tx, rx) = mpsc::unbounded_channel();
    let taken = {
        let mut slot = state.journey();
        let free = slot.is_none();
        if free {
            *slot = Some((run_id, tx));
        }
        !free
    };
    if taken {
        // Another journey won the race while this browser was starting.
        journey.finish().await;
        return Err(AppError::new(
            "journey_running",
            "A journey is already open. Finish or discard it first.",
        ));
    }
    let events = journey
        .events()
        .expect("a new journey hands over its event feed once");
    let opened = Opened {
        run_id,
        in_place,
        url,
        started_at,
    };
    tauri::async_runtime::spawn(follow(app, opened, journey, events, rx));
    Ok(())
}

#[tauri::command]
pub async fn finish_journey(state: State<'_, AppState>) -> AppResult<()> {
    send(&state, Control::Finish)
}

#[tauri::command]
pub async fn discard_journey(state: State<'_, AppState>) -> AppResult<()> {
    send(&state, Control::Discard)
}

fn send(state: &State<'_, AppState>, control: Control) -> AppResult<()> {
    match state.journey().as_ref() {
        Some((_, tx)) if tx.send(control).is_ok() => Ok(()),
        _ => Err(AppError::new("not_running", "No journey is open any more.")),
    }
}

#[tauri::command]
pub async fn delete_journey(app: AppHandle, id: i64) -> AppResult<()> {
    with_state(&app, move |state| Ok(state.store()?.delete_journey(id)?)).await
}

#[tauri::command]
pub async fn restore_journey(app: AppHandle, id: i64) -> AppResult<()> {
    with_state(&app, move |state| Ok(state.store()?.restore_journey(id)?)).await
}

/// A journey the browser was opened for: its audit, the database both are in, where it starts
/// and when.
struct Opened {
    run_id: i64,
    in_place: u64,
    url: String,
    started_at: String,
}

/// Relays the browser's events to the window, checked, until the user finishes or discards
/// the journey or closes the browser (which finishes it).
async fn follow(
    app: AppHandle,
    opened: Opened,
    journey: Journey,
    mut events: mpsc::UnboundedReceiver<JourneyEvent>,
    mut control: mpsc::UnboundedReceiver<Control>,
) {
    let Opened {
        run_id,
        in_place,
        url,
        started_at,
    } = opened;
    let emit = |update: JourneyUpdate| {
        let _ = app.emit(JOURNEY_EVENT, update);
    };
    // Each call is checked once, as it arrives; the report checks only what was not seen live.
    let mut checker = JourneyChecker::new();
    let ending = loop {
        tokio::select! {
            event = events.recv() => match event {
                None | Some(JourneyEvent::BrowserClosed { .. }) => break Control::Finish,
                Some(event) => {
                    if let JourneyEvent::Call { call, .. } = &event {
                        checker.push(call);
                    }
                    emit(JourneyUpdate::Event { run_id, event, check: checker.check() });
                }
            },
            wanted = control.recv() => break wanted.unwrap_or(Control::Discard),
        }
    };
    let capture = journey.finish().await;
    app.state::<AppState>().journey().take();
    match ending {
        Control::Discard => emit(JourneyUpdate::Discarded { run_id }),
        Control::Finish => {
            let report = checker.report(&url, &started_at, &preflight_session::now(), &capture);
            let saved = with_state(&app, move |state| {
                Ok(journeys::save_journey(
                    &*state.store_since(in_place)?,
                    run_id,
                    report,
                )?)
            })
            .await;
            match saved {
                Ok(journey) => emit(JourneyUpdate::Saved { run_id, journey }),
                Err(error) => emit(JourneyUpdate::Failed { run_id, error }),
            }
        }
    }
}
