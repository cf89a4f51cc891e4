//! The last line of defence for a running audit. A run is in the running map exactly as long as
//! its guard lives; when the guard goes, however the run ended (finished, failed, panicked,
//! cancelled, or dropped when the app quits), the run leaves the map, is no longer "running" in
//! the database, and the window hears that it ended.

use crate::error::{AppError, AppResult};
use crate::progress::{AuditProgress, ProgressKind, PROGRESS_EVENT};
use crate::state::AppState;
use preflight_audit::{CancellationToken, RunStatus};
use std::future::Future;
use tauri::{AppHandle, Emitter, Manager, Runtime};

/// What a guard needs from the app: its state and a way to tell the window.
pub trait RunHost: Send + Sync + 'static {
    fn app_state(&self) -> &AppState;
    fn emit_progress(&self, progress: AuditProgress);
}

impl<R: Runtime> RunHost for AppHandle<R> {
    fn app_state(&self) -> &AppState {
        self.state::<AppState>().inner()
    }

    fn emit_progress(&self, progress: AuditProgress) {
        let _ = self.emit(PROGRESS_EVENT, progress);
    }
}

pub struct RunGuard<H: RunHost> {
    host: H,
    /// The database the run began on ([`AppState::database_in_place`]).
    in_place: u64,
    run_id: i64,
    client_id: i64,
    total: u32,
    /// How the run ended, once its work has answered.
    outcome: Option<AppResult<RunStatus>>,
}

impl<H: RunHost> RunGuard<H> {
    /// Puts the run in the running map (with its cancel switch) for as long as the guard lives.
    /// `in_place`: the database the run began on, the only one its end is written to.
    pub fn start(
        host: H,
        in_place: u64,
        run_id: i64,
        client_id: i64,
        total: u32,
        cancel: CancellationToken,
    ) -> Self {
        host.app_state().running().insert(run_id, cancel);
        RunGuard {
            host,
            in_place,
            run_id,
            client_id,
            total,
            outcome: None,
        }
    }

    /// Records how the run ended and lets the guard report it.
    pub fn end(mut self, outcome: AppResult<RunStatus>) {
        self.outcome = Some(outcome);
    }

    fn progress(&self, kind: ProgressKind, done: u32) -> AuditProgress {
        AuditProgress::of_run(self.run_id, self.client_id, kind, done, self.total)
    }
}

impl<H: RunHost> Drop for RunGuard<H> {
    fn drop(&mut self) {
        let state = self.host.app_state();
        state.running().remove(&self.run_id);
        let event = match self.outcome.take() {
            Some(Ok(status)) => AuditProgress {
                status: Some(status),
                ..self.progress(ProgressKind::Finished, self.total)
            },
            other => {
                let error = match other {
                    Some(Err(error)) => error,
                    _ => AppError::new(
                        "audit_interrupted",
                        "The audit stopped before it finished. The pages checked so far are kept.",
                    ),
                };
                mark_interrupted(state, self.in_place, self.run_id);
                AuditProgress {
                    error: Some(error),
                    ..self.progress(ProgressKind::Failed, 0)
                }
            }
        };
        self.host.emit_progress(event);
    }
}

/// Ends a run that did not finish normally as interrupted, with the pages it saved, counted by
/// the readiness model (the session's rule). A run that already finished is left as it is.
fn mark_interrupted(state: &AppState, in_place: u64, run_id: i64) {
    if let Ok(store) = state.store_since(in_place) {
        let _ = preflight_session::mark_interrupted(&store, run_id);
    }
}

/// Runs an audit's work as a task of its own and hands its end to the guard. A panic in the
/// work becomes the run's error, in words the window can show.
pub async fn supervise<H, W>(guard: RunGuard<H>, work: W)
where
    H: RunHost,
    W: Future<Output = AppResult<RunStatus>> + Send + 'static,
{
    let outcome = match tauri::async_runtime::spawn(work).await {
        Ok(outcome) => outcome,
        Err(tauri::Error::JoinError(e)) if e.is_panic() => {
            let detail = crate::worker::panic_detail(e.into_panic().as_ref());
            Err(AppError::new(
                "audit_crashed",
                format!(
                    "The audit stopped because of an internal error{}. The pages checked so far \
                     are kept; please report this.",
                    detail.map(|d| format!(" ({d})")).unwrap_or_default()
                ),
            ))
        }
        Err(e) => Err(crate::worker::stopped(e)),
    };
    guard.end(outcome);
}

#[cfg(test)]
#[path = "run_guard_tests.rs"]
mod tests;
