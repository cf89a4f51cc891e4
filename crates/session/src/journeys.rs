//! Journeys: a funnel clicked through in a browser, every pixel call checked as it fires, and
//! saved with an audit so its events count towards the audit's funnel.

use crate::error::SessionError;
use preflight_document::journey::JourneyReport;
use preflight_store::{Store, StoreError};

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
