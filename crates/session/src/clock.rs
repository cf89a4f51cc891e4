//! The one clock: every time Preflight records (a run's start and end, a client's creation, a
//! deletion, a journey, an import) is read here and handed to the store, which keeps no clock.

use preflight_store::{Store, StoreError};
use std::path::Path;

/// The time now, RFC 3339 in UTC to the second, as every report and record carries it.
pub fn now() -> String {
    preflight_audit::run::now_rfc3339()
}

/// Today's date, `YYYY-MM-DD`.
pub fn today() -> String {
    now().get(..10).unwrap_or_default().to_string()
}

/// Opens (creating if needed) the database `path` names, a file or a team workspace, to read
/// and write with this clock, recording work as made by this machine's author.
pub fn open_store(path: &Path) -> Result<Store, StoreError> {
    let location = crate::workspace::location(path)?;
    let mut store = Store::open_at(&location, Some(now))?;
    store.set_author(crate::workspace::author(&location));
    Ok(store)
}

/// Opens the database `path` names to read only (a workspace's password from the keychain).
pub fn open_store_to_read(path: &Path) -> Result<Store, StoreError> {
    Store::open_at(&crate::workspace::location(path)?, None)
}
