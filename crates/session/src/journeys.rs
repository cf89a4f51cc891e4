//! Journeys: a funnel clicked through in a browser, every pixel call checked as it fires, and
//! saved with an audit so its events count towards the audit's funnel.

use crate::error::SessionError;
use preflight_audit::CancellationToken;
use preflight_capture::{CaptureError, ReplayOptions, ReplayProgress};
use preflight_document::journey::{JourneyReplay, JourneyReport};
use preflight_store::{Store, StoreError};
use tokio::sync::mpsc::UnboundedSender;

/// The web address a journey starts on, normalised; only http and https addresses with a host.
pub fn start_url(text: &str) -> Result<String, SessionError> {
    match url::Url::parse(text.trim()) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some() => {
            Ok(u.to_string())
        }
        _ => Err(SessionError::InvalidUrl(format!(
            "\"{}\" is not a web address starting with http:// or https://; a journey starts on one.",
            text.trim()
        ))),
    }
}

/// Checks that the audit a journey is to be saved with exists, before a browser is opened
/// for nothing.
pub fn check_audit(store: &Store, run_id: i64) -> Result<(), StoreError> {
    store.audit_summary(run_id).map(|_| ())
}

/// Saves a finished journey with audit `run_id`; returns it with its id.
pub fn save_journey(
    store: &Store,
    run_id: i64,
    journey: JourneyReport,
) -> Result<JourneyReport, StoreError> {
    let id = store.save_journey(run_id, &journey)?;
    Ok(JourneyReport { id, ..journey })
}

/// A saved journey and the audit it belongs to.
pub fn load_journey(store: &Store, journey_id: i64) -> Result<(i64, JourneyReport), StoreError> {
    let run_id = store.journey_run(journey_id)?;
    let journey = store
        .journeys(run_id)?
        .into_iter()
        .find(|j| j.id == journey_id)
        .ok_or(StoreError::JourneyNotFound(journey_id))?;
    Ok((run_id, journey))
}

/// Replays a saved journey's steps without a window and checks what the pixel did, as for a
/// recorded journey. The result is a new journey (not saved yet) with the same steps and how
/// each went (`replay`); save it with [`save_journey`] next to the original, which stays as it
/// was recorded.
pub async fn replay_journey(
    original: &JourneyReport,
    options: &ReplayOptions,
    progress: Option<UnboundedSender<ReplayProgress>>,
    cancel: &CancellationToken,
) -> Result<JourneyReport, CaptureError> {
    if original.steps.is_empty() {
        return Err(CaptureError::NothingToReplay);
    }
    let started_at = crate::now();
    let replay =
        preflight_capture::replay_journey(&original.steps, options, progress, cancel).await?;
    let mut report = preflight_audit::journey::journey_report(
        &original.start_url,
        &started_at,
        &crate::now(),
        &replay.capture,
    );
    report.replay = Some(JourneyReplay {
        replay_of: original.id,
        outcomes: replay.outcomes,
        complete: replay.complete,
    });
    Ok(report)
}
