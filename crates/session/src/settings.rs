//! Preferences that change how a run or a journey behaves, read where the run is prepared.

use preflight_store::{Store, StoreError};

/// The settings key that lets the browser run without its sandbox when Preflight runs as the
/// root user (where Chromium's sandbox cannot work); "1" when allowed.
pub const ALLOW_UNSANDBOXED_BROWSER: &str = "allow_unsandboxed_browser";

/// Whether the user allowed the browser to run without its sandbox (off unless chosen).
pub fn unsandboxed_browser_allowed(store: &Store) -> Result<bool, StoreError> {
    Ok(store.setting(ALLOW_UNSANDBOXED_BROWSER)?.as_deref() == Some("1"))
}
