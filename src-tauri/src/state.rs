//! What the app keeps while it runs: the database (or why it could not be opened) and the audits
//! in progress with their cancel switches. The database can be swapped for another while the
//! window stays open (connecting to a team workspace, or back to this computer's file).

use crate::error::{AppError, AppResult};
use preflight_audit::CancellationToken;
use preflight_store::Store;
use std::collections::HashMap;
use std::ops::{Deref, DerefMut};
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, MutexGuard};

pub struct AppState {
    /// The database setting in force and why it could not be opened, kept apart from the
    /// store so that reading them never waits for a write in progress.
    opened: Mutex<Opened>,
    store: Mutex<Result<Store, AppError>>,
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

/// The database setting in force and, when it could not be opened, why.
#[derive(Debug, Clone)]
struct Opened {
    setting: PathBuf,
    error: Option<AppError>,
    /// A team workspace still being connected to in the background. A switch to another
    /// database ends the wait: a connection finishing after it is dropped, not put in place.
    connecting: bool,
    /// How many times a database was put in place: work that began on one never writes to the
    /// next.
    puts: u64,
}

/// The open database, for as long as the guard is held.
pub struct StoreGuard<'a>(MutexGuard<'a, Result<Store, AppError>>);

impl Deref for StoreGuard<'_> {
    type Target = Store;

    fn deref(&self) -> &Store {
        match &*self.0 {
            Ok(store) => store,
            Err(_) => unreachable!("a guard is only made for an open store"),
        }
    }
}

impl DerefMut for StoreGuard<'_> {
    fn deref_mut(&mut self) -> &mut Store {
        match &mut *self.0 {
            Ok(store) => store,
            Err(_) => unreachable!("a guard is only made for an open store"),
        }
    }
}

/// Opens the database `setting` names (with the session's clock and this computer's author).
pub fn open_database(setting: &std::path::Path) -> Result<Store, AppError> {
    preflight_session::open_store(setting).map_err(AppError::from)
}

impl AppState {
    /// Opens the database (with the session's clock); a failure is kept and shown in the window
    /// instead of crashing.
    pub fn open(db_path: PathBuf) -> AppState {
        let store = open_database(&db_path);
        AppState::with(db_path, store, false)
    }

    /// For the window's start: a file is opened at once, but a team workspace is only named
    /// here and connected to by [`AppState::finish_connecting`], so that a slow or unreachable
    /// server never keeps the window from showing.
    pub fn starting(setting: PathBuf) -> AppState {
        let is_server = preflight_store::Location::parse(&setting).is_ok_and(|l| l.is_server());
        if !is_server {
            return AppState::open(setting);
        }
        let connecting = AppError::new(
            crate::error::ShellError::WorkspaceConnecting.code(),
            format!(
                "Preflight is connecting to the team workspace at {}.",
                crate::workspace::shown_location(&setting)
            ),
        );
        AppState::with(setting, Err(connecting), true)
    }

    fn with(setting: PathBuf, store: Result<Store, AppError>, connecting: bool) -> AppState {
        AppState {
            opened: Mutex::new(Opened {
                error: store.as_ref().err().cloned(),
                setting,
                connecting,
                puts: 0,
            }),
            store: Mutex::new(store),
            running: Mutex::default(),
            log_import: Mutex::default(),
            journey: Mutex::default(),
            utm_check: Mutex::default(),
            capi_runs: Mutex::default(),
            capi_events: Mutex::default(),
        }
    }

    pub fn store(&self) -> AppResult<StoreGuard<'_>> {
        let guard = self
            .store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        match &*guard {
            Ok(_) => Ok(StoreGuard(guard)),
            Err(e) => Err(e.clone()),
        }
    }

    /// Which database is in place, for [`AppState::store_since`].
    pub fn database_in_place(&self) -> u64 {
        // Read on every write of a running audit: the count alone, not a copy of the setting.
        self.opened
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .puts
    }

    /// The open database, as long as it is still the one that was in place as `in_place`: long
    /// work that began on one database is stopped rather than let write to another.
    pub fn store_since(&self, in_place: u64) -> AppResult<StoreGuard<'_>> {
        let guard = self.store()?;
        if self.database_in_place() != in_place {
            return Err(AppError::new(
                crate::error::ShellError::DatabaseChanged.code(),
                "Preflight now keeps audits somewhere else, so this work was stopped before it saved anything there.",
            ));
        }
        Ok(guard)
    }

    pub fn store_error(&self) -> Option<AppError> {
        self.opened().error
    }

    /// The database setting in force: a file, or a workspace's address (which may carry a
    /// password when `PREFLIGHT_DB` gives one: never show it as it is).
    pub fn db_path(&self) -> PathBuf {
        self.opened().setting
    }

    fn opened(&self) -> Opened {
        self.opened
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// Whether the team workspace named at the start is still being connected to.
    pub fn connecting(&self) -> bool {
        self.opened().connecting
    }

    /// Connects to the team workspace [`AppState::starting`] named (this waits for the
    /// server) and works in it; whether it is now the database in force (not when the user
    /// switched to another meanwhile, nor when nothing was waiting to connect).
    pub fn finish_connecting(&self) -> bool {
        let waiting = self.opened();
        if !waiting.connecting {
            return false;
        }
        let store = open_database(&waiting.setting);
        // Closed outside the locks, whichever is dropped: a server connection may take a moment
        // to end.
        let replaced = self.put(waiting.setting, store, true);
        replaced.is_ok()
    }

    /// What is still working on the current database, in words; `None` when it can be swapped.
    pub fn work_in_progress(&self) -> Option<&'static str> {
        if !self.running().is_empty() {
            Some("an audit is running")
        } else if self.log_import().is_some() {
            Some("an access log is being imported")
        } else if self.journey().is_some() {
            Some("a journey is open")
        } else if !self.capi_runs().is_empty() {
            Some("a Conversions API file is being checked")
        } else if crate::replays::is_running() {
            Some("a journey is being replayed")
        } else {
            None
        }
    }

    /// Works on `setting`'s database from now on (`store` opened from it, or why it could not
    /// be). What was kept about the old database's clients goes with it.
    pub fn switch_to(&self, setting: PathBuf, store: Result<Store, AppError>) {
        let old = self.put(setting, store, false);
        self.capi_events().clear();
        // Closed outside the locks: a server connection may take a moment to end.
        drop(old);
    }

    /// Puts `store` in place as `setting`'s, ending any wait for the start's connection; when
    /// `only_if_awaited`, only while that connection is still awaited. The store replaced, or
    /// the one given back when it was not put in place.
    fn put(
        &self,
        setting: PathBuf,
        store: Result<Store, AppError>,
        only_if_awaited: bool,
    ) -> Result<Result<Store, AppError>, Result<Store, AppError>> {
        let mut guard = self
            .store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let mut opened = self
            .opened
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if only_if_awaited && !opened.connecting {
            return Err(store);
        }
        *opened = Opened {
            setting,
            error: store.as_ref().err().cloned(),
            connecting: false,
            puts: opened.puts + 1,
        };
        Ok(std::mem::replace(&mut *guard, store))
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
