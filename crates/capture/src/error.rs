//! Errors a capture can end with, each with a stable code the app and CLI can match on.

use std::fmt;

/// Why a capture or journey could not run. [`CaptureError::code`] is stable; the message is
/// for people.
#[derive(Debug, thiserror::Error)]
pub enum CaptureError {
    /// No Chrome, Chromium or Edge was found; `hint` says how to install one on this platform.
    #[error("no Chrome or Chromium browser was found ({detail}). {hint}")]
    BrowserNotFound { detail: String, hint: String },
    /// The browser was found but did not start or did not answer on the DevTools Protocol.
    #[error("the browser at {path} could not be started: {reason}")]
    BrowserLaunch { path: String, reason: String },
    /// The URL is not an absolute http(s) URL.
    #[error("not a web page address: {0}")]
    InvalidUrl(String),
    /// The browser could not open the page (DNS failure, refused connection, bad certificate).
    #[error("the page {url} could not be opened: {reason}")]
    Navigation { url: String, reason: String },
    /// An element to click was not found or could not be clicked.
    #[error("could not click `{selector}`: {reason}")]
    Click { selector: String, reason: String },
    /// The browser closed (or crashed) while it was still needed.
    #[error("the browser closed unexpectedly: {0}")]
    BrowserClosed(String),
    /// A DevTools Protocol command failed.
    #[error("the browser refused a DevTools command: {0}")]
    Protocol(String),
    /// Running as root, where the browser's sandbox cannot work, without the explicit opt-in
    /// to run it unsandboxed (see `CaptureOptions::allow_unsandboxed_browser`).
    #[error("the browser was not started: as the root user its sandbox cannot run, and pages are not opened in a browser without it. Run Preflight as a normal user, or allow the unsandboxed browser explicitly (--allow-unsandboxed-browser, or the app's setting) knowing that a hostile page could then attack this machine.")]
    SandboxUnavailable,
    /// The temporary browser profile could not be created.
    #[error("could not create a temporary browser profile: {0}")]
    Profile(String),
    /// A journey to replay has no recorded steps, or does not start on a page.
    #[error("this journey has no steps to replay: it was recorded before Preflight kept the steps of a journey, or it never opened a page. Record it again to replay it.")]
    NothingToReplay,
}

impl CaptureError {
    /// A stable, machine-readable code: `browser_not_found`, `browser_launch_failed`,
    /// `invalid_url`, `navigation_failed`, `click_failed`, `browser_closed`,
    /// `devtools_protocol`, `browser_sandbox_unavailable`, `profile_failed`,
    /// `nothing_to_replay`.
    pub fn code(&self) -> &'static str {
        match self {
            CaptureError::BrowserNotFound { .. } => "browser_not_found",
            CaptureError::BrowserLaunch { .. } => "browser_launch_failed",
            CaptureError::InvalidUrl(_) => "invalid_url",
            CaptureError::Navigation { .. } => "navigation_failed",
            CaptureError::Click { .. } => "click_failed",
            CaptureError::BrowserClosed(_) => "browser_closed",
            CaptureError::Protocol(_) => "devtools_protocol",
            CaptureError::SandboxUnavailable => "browser_sandbox_unavailable",
            CaptureError::Profile(_) => "profile_failed",
            CaptureError::NothingToReplay => "nothing_to_replay",
        }
    }

    /// Wrap a DevTools failure; a dead connection means the browser went away.
    pub(crate) fn protocol(error: impl fmt::Display) -> Self {
        let text = error.to_string();
        let lower = text.to_ascii_lowercase();
        if lower.contains("channel closed")
            || lower.contains("connection closed")
            || lower.contains("send failed")
            || lower.contains("already closed")
        {
            CaptureError::BrowserClosed(text)
        } else {
            CaptureError::Protocol(text)
        }
    }
}

impl serde::Serialize for CaptureError {
    /// `{ "code": "...", "message": "..." }`, the shape the app shows.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("CaptureError", 2)?;
        s.serialize_field("code", self.code())?;
        s.serialize_field("message", &self.to_string())?;
        s.end()
    }
}
