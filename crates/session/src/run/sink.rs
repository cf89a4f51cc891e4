//! Where a run is saved. The store's connection is not shared across threads, so each caller
//! says where its writes run: the command line in place, the app on its blocking threads.

use crate::error::SessionError;
use preflight_store::{Store, StoreError};
use std::future::Future;
use std::sync::Mutex;

/// Runs a run's writes against the caller's store.
pub trait RunSink: Send + Sync {
    /// The caller's error, which a store or session error becomes.
    type Error: From<StoreError> + From<SessionError> + Send;

    /// Runs `work` on the store, wherever the caller keeps it.
    fn with_store<T, F>(&self, work: F) -> impl Future<Output = Result<T, Self::Error>> + Send
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T, StoreError> + Send + 'static;
}

/// A store at hand: each write runs in place, on the caller's thread.
impl RunSink for Mutex<Store> {
    type Error = SessionError;

    fn with_store<T, F>(&self, work: F) -> impl Future<Output = Result<T, SessionError>> + Send
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T, StoreError> + Send + 'static,
    {
        let mut store = self.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        std::future::ready(work(&mut store).map_err(SessionError::from))
    }
}

impl<S: RunSink> RunSink for &S {
    type Error = S::Error;

    fn with_store<T, F>(&self, work: F) -> impl Future<Output = Result<T, S::Error>> + Send
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T, StoreError> + Send + 'static,
    {
        (**self).with_store(work)
    }
}
