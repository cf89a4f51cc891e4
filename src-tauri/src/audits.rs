//! Running an audit from the window: pages are written to the database as they finish and
//! progress is sent to the window as events; the run can be cancelled.

use crate::error::{AppError, AppResult};
use crate::run_guard::{supervise, RunGuard};
use crate::state::AppState;
use crate::worker::with_state;
use preflight_audit::{
    run_audit, AuditReport, CancellationToken, FetchOptions, Fetcher, RunEvent, RunOptions,
    RunStatus, Verdict,
};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Emitter, State};
use ts_rs::TS;

/// The event name the window listens to.
pub const PROGRESS_EVENT: &str = "audit-progress";

#[derive(Debug, Clone, Copy, Serialize, TS, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ProgressKind {
    PageStarted,
    PageFinished,
    Finished,
    Failed,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct AuditProgress {
    #[ts(type = "number")]
    pub run_id: i64,
    #[ts(type = "number")]
    pub client_id: i64,
    pub kind: ProgressKind,
    pub done: u32,
    pub total: u32,
    pub url: Option<String>,
    pub verdict: Option<Verdict>,
    /// How the run ended (with `finished`).
    pub status: Option<RunStatus>,
    /// What went wrong (with `failed`).
    pub error: Option<AppError>,
}

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
    crate::pixel::check_funnel(choice.funnel.as_deref())?;
    let (run_id, urls, options) = with_state(&app, move |state| {
        let store = state.store()?;
        let funnel = match choice.funnel {
            Some(id) => {
                store.set_client_funnel(client_id, Some(&id))?;
                Some(id)
            }
            None => store.client_funnel(client_id)?,
        };
        let allow_unsandboxed = crate::sandbox::allowed(&store)?;
        let options = RunOptions {
            funnel,
            rendered: choice.rendered.then(|| {
                let mut rendered = preflight_audit::run::RenderedOptions::default();
                rendered.capture.allow_unsandboxed_browser = allow_unsandboxed;
                rendered
            }),
            ..RunOptions::default()
        };
        let urls: Vec<String> = store
            .list_pages(client_id)?
            .into_iter()
            .map(|p| p.url)
            .collect();
        if urls.is_empty() {
            return Err(AppError::new(
                "no_pages",
                "Add at least one landing page before running an audit.",
            ));
        }
        let run_id = store.begin_run(Some(client_id), &run_header(&options), urls.len())?;
        store.set_audit_funnel(run_id, options.funnel.as_deref())?;
        Ok((run_id, urls, options))
    })
    .await?;
    let cancel = CancellationToken::new();
    // From here until the guard is dropped the run counts as running.
    let guard = RunGuard::start(
        app.clone(),
        run_id,
        client_id,
        urls.len() as u32,
        cancel.clone(),
    );
    let work = run_in_background(app, client_id, run_id, urls, options, cancel);
    tauri::async_runtime::spawn(supervise(guard, work));
    Ok(run_id)
}

/// The record a run starts with, before any page is checked.
pub fn run_header(options: &RunOptions) -> AuditReport {
    AuditReport {
        schema_version: preflight_audit::report::REPORT_SCHEMA_VERSION,
        generator: preflight_audit::run::generator(),
        started_at: preflight_audit::run::now_rfc3339(),
        finished_at: None,
        status: RunStatus::Running,
        planned_pages: None,
        summary: Default::default(),
        pages: Vec::new(),
        limits: preflight_audit::run::limits_for(options),
        funnel: None,
        journeys: Vec::new(),
    }
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

/// Checks the pages, saving each as it finishes and telling the window; answers how the run
/// ended. The run's end is reported by its guard (see `run_guard`).
async fn run_in_background(
    app: AppHandle,
    client_id: i64,
    run_id: i64,
    urls: Vec<String>,
    options: RunOptions,
    cancel: CancellationToken,
) -> AppResult<RunStatus> {
    let total = urls.len() as u32;
    let progress = |kind, done, url: Option<String>, verdict| AuditProgress {
        run_id,
        client_id,
        kind,
        done,
        total,
        url,
        verdict,
        status: None,
        error: None,
    };
    let fetcher =
        Fetcher::new(FetchOptions::default()).map_err(|e| AppError::new("internal", e))?;
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let run = run_audit(&urls, &fetcher, &options, &cancel, Some(tx));
    let consume = async {
        let mut done = 0u32;
        while let Some(event) = rx.recv().await {
            match event {
                RunEvent::PageStarted { url, .. } => {
                    let _ = app.emit(
                        PROGRESS_EVENT,
                        progress(ProgressKind::PageStarted, done, Some(url), None),
                    );
                }
                RunEvent::PageFinished { index, page } => {
                    done += 1;
                    let (url, verdict) = (page.url.clone(), page.verdict);
                    with_state(&app, move |state| {
                        Ok(state.store()?.save_page(run_id, index as usize, &page)?)
                    })
                    .await
                    // Nothing more can be saved (a full disk, say): stop fetching.
                    .inspect_err(|_| cancel.cancel())?;
                    let _ = app.emit(
                        PROGRESS_EVENT,
                        progress(ProgressKind::PageFinished, done, Some(url), Some(verdict)),
                    );
                }
            }
        }
        Ok::<(), AppError>(())
    };
    let (report, saved) = tokio::join!(run, consume);
    saved?;
    with_state(&app, move |state| {
        state.store()?.finish_run(
            run_id,
            report.status,
            report.finished_at.as_deref().unwrap_or(&report.started_at),
            &report.summary,
        )?;
        Ok(report.status)
    })
    .await
}
