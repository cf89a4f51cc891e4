//! What the app keeps while it runs: the database (or why it could not be opened) and the audits
//! in progress with their cancel switches.

use crate::error::{AppError, AppResult};
use preflight_audit::CancellationToken;
use preflight_store::Store;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, MutexGuard};

pub struct AppState {
    pub db_path: PathBuf,
    store: Result<Mutex<Store>, AppError>,
    /// Running audits by run id.
    pub running: Mutex<HashMap<i64, CancellationToken>>,
    /// The access-log import in progress (one at a time) and its cancel flag.
    log_import: Mutex<Option<Arc<AtomicBool>>>,
    /// The journey in progress (one at a time): its audit and its control channel.
    journey: Mutex<Option<ActiveJourney>>,
    /// The UTM redirect check in progress (one at a time): its number and its cancel switch.
    utm_check: Mutex<Option<(u64, CancellationToken)>>,
    /// Conversions API validations in progress, by client, with their cancel flags.
    capi_runs: Mutex<HashMap<i64, Arc<AtomicBool>>>,
    /// The server events of each client's last validation, for pairing without re-reading.
    capi_events: Mutex<HashMap<i64, Vec<preflight_capi::ServerSideEvent>>>,
}

/// The journey in progress: its audit and the channel the window's choices go down.
pub type ActiveJourney = (i64, tokio::sync::mpsc::UnboundedSender<JourneyControl>);

/// What the window can ask of the running journey.
#[derive(Debug, Clone, Copy)]
pub enum JourneyControl {
    Finish,
    Discard,
}

impl AppState {
    /// Opens the database (with the session's clock); a failure is kept and shown in the window
    /// instead of crashing.
    pub fn open(db_path: PathBuf) -> AppState {
        let store = preflight_session::open_store(&db_path)
            .map(Mutex::new)
            .map_err(AppError::from);
        AppState {
            db_path,
            store,
            running: Mutex::default(),
            log_import: Mutex::default(),
            journey: Mutex::default(),
            utm_check: Mutex::default(),
            capi_runs: Mutex::default(),
            capi_events: Mutex::default(),
        }
    }

    pub fn store(&self) -> AppResult<MutexGuard<'_, Store>> {
        match &self.store {
            Ok(store) => Ok(store
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())),
            Err(e) => Err(e.clone()),
        }
    }

    pub fn store_error(&self) -> Option<AppError> {
        self.store.as_ref().err().cloned()
    }

    pub fn running(&self) -> MutexGuard<'_, HashMap<i64, CancellationToken>> {
        self.running
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn log_import(&self) -> MutexGuard<'_, Option<Arc<AtomicBool>>> {
        self.log_import
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn journey(&self) -> MutexGuard<'_, Option<ActiveJourney>> {
        self.journey
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn utm_check(&self) -> MutexGuard<'_, Option<(u64, CancellationToken)>> {
        self.utm_check
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn capi_runs(&self) -> MutexGuard<'_, HashMap<i64, Arc<AtomicBool>>> {
        self.capi_runs
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn capi_events(
        &self,
    ) -> MutexGuard<'_, HashMap<i64, Vec<preflight_capi::ServerSideEvent>>> {
        self.capi_events
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
