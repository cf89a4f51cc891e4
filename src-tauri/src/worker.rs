//! Work the window waits for runs on worker threads, never on the window's own thread: files,
//! imports, parsing and the database. A panic in that work comes back as a readable error.

use crate::error::{AppError, AppResult};
use crate::state::AppState;
use preflight_session::RunSink;
use preflight_store::{Store, StoreError};
use std::any::Any;
use std::future::Future;
use tauri::{AppHandle, Manager, Runtime};

/// Runs `work` on a blocking-work thread and waits for it without holding up the caller.
pub async fn blocking<T, F>(work: F) -> AppResult<T>
where
    T: Send + 'static,
    F: FnOnce() -> AppResult<T> + Send + 'static,
{
    match tauri::async_runtime::spawn_blocking(work).await {
        Ok(result) => result,
        Err(e) => Err(stopped(e)),
    }
}

/// Runs `work` on a blocking-work thread with the app's state (and so its database).
pub async fn with_state<R, T, F>(app: &AppHandle<R>, work: F) -> AppResult<T>
where
    R: Runtime,
    T: Send + 'static,
    F: FnOnce(&AppState) -> AppResult<T> + Send + 'static,
{
    let app = app.clone();
    blocking(move || work(app.state::<AppState>().inner())).await
}

/// The app's database as a running audit writes to it: each write on a blocking-work thread,
/// through the shared connection, and only while the database it began on is still in place.
pub struct AppStore<R: Runtime = tauri::Wry> {
    app: AppHandle<R>,
    in_place: u64,
}

impl<R: Runtime> AppStore<R> {
    /// Writes to the database in place now, and to no other.
    pub fn new(app: AppHandle<R>) -> Self {
        let in_place = app.state::<AppState>().database_in_place();
        AppStore { app, in_place }
    }

    /// The database this writes to ([`AppState::database_in_place`]).
    pub fn in_place(&self) -> u64 {
        self.in_place
    }
}

impl<R: Runtime> RunSink for AppStore<R> {
    type Error = AppError;

    fn with_store<T, F>(&self, work: F) -> impl Future<Output = AppResult<T>> + Send
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T, StoreError> + Send + 'static,
    {
        let app = self.app.clone();
        let in_place = self.in_place;
        async move {
            with_state(&app, move |state| {
                Ok(work(&mut *state.store_since(in_place)?)?)
            })
            .await
        }
    }
}

/// Like [`with_state`] for reads of whole reports: a connection of its own, so a long read
/// neither waits for nor holds up a running audit writing its pages.
pub async fn with_reader<R, T, F>(app: &AppHandle<R>, work: F) -> AppResult<T>
where
    R: Runtime,
    T: Send + 'static,
    F: FnOnce(&Store) -> AppResult<T> + Send + 'static,
{
    with_state(app, move |state| work(&reader(state)?)).await
}

/// A short-lived connection to the app's database (WAL mode lets it read while the shared
/// connection writes).
pub fn reader(state: &AppState) -> AppResult<Store> {
    if let Some(e) = state.store_error() {
        return Err(e);
    }
    Ok(preflight_session::open_store(&state.db_path())?)
}

/// The error for work that stopped without an answer: a panic's own message when there is
/// one, so the window can show what happened.
pub fn stopped(e: tauri::Error) -> AppError {
    match e {
        tauri::Error::JoinError(join) if join.is_panic() => {
            let message = match panic_detail(join.into_panic().as_ref()) {
                Some(detail) => {
                    format!("Preflight hit an internal error: {detail}. Please report it.")
                }
                None => "Preflight hit an internal error. Please report it.".to_string(),
            };
            AppError::new("internal", message)
        }
        other => AppError::new(
            "internal",
            format!("The task stopped before it finished: {other}."),
        ),
    }
}

/// A panic's message, when it has one.
pub fn panic_detail(payload: &(dyn Any + Send)) -> Option<String> {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use preflight_session::SessionError;

    #[tokio::test]
    async fn a_panic_in_blocking_work_becomes_a_readable_error() {
        let result: AppResult<()> = blocking(|| panic!("the parser met a bad byte")).await;
        let error = result.unwrap_err();
        assert_eq!(error.code, "internal");
        assert!(
            error.message.contains("the parser met a bad byte"),
            "{}",
            error.message
        );
    }

    #[test]
    fn session_errors_reach_the_window_with_their_code_and_hint() {
        let e = AppError::from(SessionError::NoPages);
        assert_eq!(e.code, "no_pages");
        assert_eq!(e.hint.as_deref(), Some(SessionError::NoPages.hint()));
        let store = SessionError::Store(StoreError::DiskFull);
        let hint = store.hint();
        let e = AppError::from(store);
        assert_eq!(
            (e.code.as_str(), e.hint.as_deref()),
            ("disk_full", Some(hint))
        );
    }

    #[tokio::test]
    async fn blocking_work_runs_off_the_calling_thread() {
        let caller = std::thread::current().id();
        let worker = blocking(|| Ok(std::thread::current().id())).await.unwrap();
        assert_ne!(caller, worker);
    }

    #[test]
    fn every_command_is_async() {
        // Synchronous commands run on the window's main thread in Tauri v2.
        let root = std::env::var("CARGO_MANIFEST_DIR")
            .unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_string());
        let dir = std::path::Path::new(&root).join("src-tauri/src");
        let mut sync = Vec::new();
        let mut files = Vec::new();
        let mut folders = vec![dir];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    folders.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    files.push(path);
                }
            }
        }
        assert!(files.len() > 10, "{files:?}");
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap();
            let mut lines = text.lines().map(str::trim);
            while let Some(line) = lines.next() {
                if line != "#[tauri::command]" {
                    continue;
                }
                let signature = lines.find(|l| !l.starts_with("#[")).unwrap_or_default();
                if !signature.contains("async fn") {
                    sync.push(format!("{}: {signature}", path.display()));
                }
            }
        }
        assert!(sync.is_empty(), "synchronous commands: {sync:#?}");
    }
}
