//! Running an audit from the window, through the session: the run is prepared and begun on a
//! worker thread, its pages are saved there as they finish, and progress goes to the window as
//! events; the run can be cancelled.

use crate::error::{AppError, AppResult};
use crate::progress::PROGRESS_EVENT;
use crate::run_guard::{supervise, RunGuard};
use crate::state::AppState;
use crate::worker::{with_state, AppStore};
use preflight_audit::{CancellationToken, RunStatus};
use preflight_session::{prepare_run, RenderedChoice, Run, RunRequest, Targets};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Emitter, State};
use ts_rs::TS;

pub use crate::progress::AuditProgress;

/// What the user chose for a run.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
pub struct AuditOptions {
    /// Also run each page in a headless browser (the rendered pixel check).
    #[serde(default)]
    pub rendered: bool,
    /// The funnel to measure against; `None` uses the client's default.
    #[serde(default)]
    #[ts(optional)]
    pub funnel: Option<String>,
}

/// Starts auditing every landing page of a client; returns the new audit's id at once.
#[tauri::command]
pub async fn start_audit(
    app: AppHandle,
    client_id: i64,
    options: Option<AuditOptions>,
) -> AppResult<i64> {
    let choice = options.unwrap_or_default();
    let request = RunRequest {
        funnel: choice.funnel,
        // The browser sandbox follows the saved setting.
        rendered: choice.rendered.then(RenderedChoice::default),
        ..RunRequest::new(Targets::ClientPages { client_id })
    };
    let prepared = with_state(&app, move |state| {
        Ok(prepare_run(Some(&*state.store()?), request)?)
    })
    .await?;
    let run = prepared.begin(Some(AppStore(app.clone()))).await?;
    let run_id = run
        .id()
        .ok_or_else(|| AppError::new("internal", "The audit could not be recorded."))?;
    let cancel = CancellationToken::new();
    // From here until the guard is dropped the run counts as running.
    let guard = RunGuard::start(app.clone(), run_id, client_id, run.total(), cancel.clone());
    let work = run_in_background(app, client_id, run_id, run, cancel);
    tauri::async_runtime::spawn(supervise(guard, work));
    Ok(run_id)
}

#[tauri::command]
pub async fn cancel_audit(state: State<'_, AppState>, run_id: i64) -> AppResult<()> {
    match state.running().get(&run_id) {
        Some(token) => {
            token.cancel();
            Ok(())
        }
        None => Err(AppError::new(
            "not_running",
            "This audit is not running any more.",
        )),
    }
}

/// Runs the audit, telling the window about each page; answers how the run ended. The run's
/// end is reported by its guard (see `run_guard`).
async fn run_in_background(
    app: AppHandle,
    client_id: i64,
    run_id: i64,
    run: Run<AppStore>,
    cancel: CancellationToken,
) -> AppResult<RunStatus> {
    let outcome = run
        .execute(cancel, move |progress| {
            let _ = app.emit(
                PROGRESS_EVENT,
                AuditProgress::of_page(run_id, client_id, progress),
            );
        })
        .await?;
    Ok(outcome.status)
}
