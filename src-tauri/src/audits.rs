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
use std::time::Duration;
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
    /// Pages checked at the same time across all sites; `None` adapts to the number of sites.
    #[serde(default)]
    #[ts(optional)]
    pub concurrency: Option<u32>,
    /// Milliseconds between two requests to one site; `None` for the default.
    #[serde(default)]
    #[ts(optional)]
    pub interval_ms: Option<u32>,
    /// Seconds allowed for each fetch; `None` for the default.
    #[serde(default)]
    #[ts(optional)]
    pub timeout_secs: Option<u32>,
}

/// The run settings' defaults and bounds, as the engine has them, for the run options.
#[derive(Debug, Clone, Serialize, TS)]
pub struct RunDefaults {
    /// Pages at the same time on one site.
    pub per_site: u32,
    /// The automatic global limit's range.
    pub auto_min: u32,
    pub auto_max: u32,
    pub concurrency_max: u32,
    pub interval_ms: u32,
    pub interval_min_ms: u32,
    pub interval_max_ms: u32,
    /// The longest robots.txt `Crawl-delay` honoured, in seconds.
    pub max_crawl_delay_secs: u32,
    pub timeout_secs: u32,
    pub timeout_max_secs: u32,
}

#[tauri::command]
pub async fn run_defaults() -> RunDefaults {
    use preflight_audit::run::*;
    RunDefaults {
        per_site: DEFAULT_PER_HOST as u32,
        auto_min: *AUTO_CONCURRENCY.start() as u32,
        auto_max: *AUTO_CONCURRENCY.end() as u32,
        concurrency_max: *CONCURRENCY_LIMITS.end() as u32,
        interval_ms: DEFAULT_INTERVAL.as_millis() as u32,
        interval_min_ms: *INTERVAL_LIMITS_MS.start() as u32,
        interval_max_ms: *INTERVAL_LIMITS_MS.end() as u32,
        max_crawl_delay_secs: DEFAULT_MAX_SITE_INTERVAL.as_secs() as u32,
        timeout_secs: preflight_audit::fetch::DEFAULT_TIMEOUT.as_secs() as u32,
        timeout_max_secs: *TIMEOUT_LIMITS_SECS.end() as u32,
    }
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
        concurrency: choice.concurrency.map(|n| n as usize),
        interval: choice
            .interval_ms
            .map(|ms| Duration::from_millis(ms.into())),
        timeout: choice.timeout_secs.map(|s| Duration::from_secs(s.into())),
        // The browser sandbox follows the saved setting.
        rendered: choice.rendered.then(RenderedChoice::default),
        ..RunRequest::new(Targets::ClientPages { client_id })
    };
    let prepared = with_state(&app, move |state| {
        Ok(prepare_run(Some(&*state.store()?), request)?)
    })
    .await?;
    let sink = AppStore::new(app.clone());
    let in_place = sink.in_place();
    let run = prepared.begin(Some(sink)).await?;
    let run_id = run
        .id()
        .ok_or_else(|| AppError::new("internal", "The audit could not be recorded."))?;
    let cancel = CancellationToken::new();
    // From here until the guard is dropped the run counts as running.
    let guard = RunGuard::start(
        app.clone(),
        in_place,
        run_id,
        client_id,
        run.total(),
        cancel.clone(),
    );
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
