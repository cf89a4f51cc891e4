//! Running an audit from the window: pages are written to the database as they finish and
//! progress is sent to the window as events; the run can be cancelled.

use crate::error::{AppError, AppResult};
use crate::state::AppState;
use preflight_audit::{
    run_audit, CancellationToken, FetchOptions, Fetcher, RunEvent, RunOptions, RunStatus, Verdict,
};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Emitter, Manager, State};
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
pub fn start_audit(
    app: AppHandle,
    state: State<'_, AppState>,
    client_id: i64,
    options: Option<AuditOptions>,
) -> AppResult<i64> {
    let choice = options.unwrap_or_default();
    crate::pixel::check_funnel(choice.funnel.as_deref())?;
    let (run_id, urls, options) = {
        let store = state.store()?;
        let funnel = match choice.funnel {
            Some(id) => {
                store.set_client_funnel(client_id, Some(&id))?;
                Some(id)
            }
            None => store.client_funnel(client_id)?,
        };
        let options = RunOptions {
            funnel,
            rendered: choice
                .rendered
                .then(preflight_audit::run::RenderedOptions::default),
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
        let header = preflight_audit::AuditReport {
            schema_version: preflight_audit::report::REPORT_SCHEMA_VERSION,
            generator: preflight_audit::run::generator(),
            started_at: preflight_audit::run::now_rfc3339(),
            finished_at: None,
            status: RunStatus::Running,
            summary: Default::default(),
            pages: Vec::new(),
            limits: preflight_audit::run::limits_for(&options),
            funnel: None,
            journeys: Vec::new(),
        };
        let run_id = store.begin_run(Some(client_id), &header, urls.len())?;
        store.set_audit_funnel(run_id, options.funnel.as_deref())?;
        (run_id, urls, options)
    };
    let cancel = CancellationToken::new();
    state.running().insert(run_id, cancel.clone());
    tauri::async_runtime::spawn(run_in_background(
        app, client_id, run_id, urls, options, cancel,
    ));
    Ok(run_id)
}

#[tauri::command]
pub fn cancel_audit(state: State<'_, AppState>, run_id: i64) -> AppResult<()> {
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

async fn run_in_background(
    app: AppHandle,
    client_id: i64,
    run_id: i64,
    urls: Vec<String>,
    options: RunOptions,
    cancel: CancellationToken,
) {
    let total = urls.len() as u32;
    let progress = |kind, done, url: Option<String>, verdict, status, error| AuditProgress {
        run_id,
        client_id,
        kind,
        done,
        total,
        url,
        verdict,
        status,
        error,
    };
    let result: AppResult<RunStatus> = async {
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
                            progress(ProgressKind::PageStarted, done, Some(url), None, None, None),
                        );
                    }
                    RunEvent::PageFinished { index, page } => {
                        done += 1;
                        app.state::<AppState>().store()?.save_page(
                            run_id,
                            index as usize,
                            &page,
                        )?;
                        let _ = app.emit(
                            PROGRESS_EVENT,
                            progress(
                                ProgressKind::PageFinished,
                                done,
                                Some(page.url.clone()),
                                Some(page.verdict),
                                None,
                                None,
                            ),
                        );
                    }
                }
            }
            Ok::<(), AppError>(())
        };
        let (report, saved) = tokio::join!(run, consume);
        saved?;
        app.state::<AppState>().store()?.finish_run(
            run_id,
            report.status,
            report.finished_at.as_deref().unwrap_or(&report.started_at),
            &report.summary,
        )?;
        Ok(report.status)
    }
    .await;
    app.state::<AppState>().running().remove(&run_id);
    let event = match result {
        Ok(status) => progress(
            ProgressKind::Finished,
            total,
            None,
            None,
            Some(status),
            None,
        ),
        Err(error) => progress(ProgressKind::Failed, 0, None, None, None, Some(error)),
    };
    let _ = app.emit(PROGRESS_EVENT, event);
}
