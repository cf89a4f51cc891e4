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
    #[error("the page {url} could not be opened: {}", navigation_words(.reason))]
    Navigation { url: String, reason: String },
    /// An element to click was not found or could not be clicked.
    #[error("could not click “{selector}”: {reason}")]
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

/// The browser's network error (`net::ERR_CONNECTION_REFUSED`) in plain words; an unknown one
/// is named as the browser gave it.
fn navigation_words(reason: &str) -> String {
    let code = reason.trim().trim_start_matches("net::");
    let words = match code {
        "ERR_NAME_NOT_RESOLVED" | "ERR_NAME_RESOLUTION_FAILED" => {
            "the website address does not exist (the domain name does not resolve)"
        }
        "ERR_CONNECTION_REFUSED" => {
            "the server refused the connection: nothing is listening at that address"
        }
        "ERR_CONNECTION_TIMED_OUT" | "ERR_TIMED_OUT" => "the server did not answer in time",
        "ERR_CONNECTION_RESET" | "ERR_CONNECTION_CLOSED" | "ERR_EMPTY_RESPONSE" => {
            "the server cut the connection before the page was complete"
        }
        "ERR_INTERNET_DISCONNECTED" => "this computer is not connected to the internet",
        "ERR_ADDRESS_UNREACHABLE" => "the server's address cannot be reached from this computer",
        "ERR_TOO_MANY_REDIRECTS" => "the page redirects too many times",
        c if c.starts_with("ERR_CERT_") || c.starts_with("ERR_SSL_") => {
            "the secure connection failed: the site's HTTPS certificate or setup was rejected"
        }
        _ => return format!("the browser could not load it ({})", reason.trim()),
    };
    words.to_string()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_that_does_not_open_is_explained_in_plain_words() {
        let error = CaptureError::Navigation {
            url: "http://127.0.0.1:1/".into(),
            reason: "net::ERR_CONNECTION_REFUSED".into(),
        };
        assert_eq!(
            error.to_string(),
            "the page http://127.0.0.1:1/ could not be opened: the server refused the connection: nothing is listening at that address"
        );
        let unknown = CaptureError::Navigation {
            url: "https://shop.example/".into(),
            reason: "net::ERR_BLOCKED_BY_CLIENT".into(),
        };
        assert!(unknown
            .to_string()
            .ends_with("(net::ERR_BLOCKED_BY_CLIENT)"));
        let cert = CaptureError::Navigation {
            url: "https://shop.example/".into(),
            reason: "net::ERR_CERT_DATE_INVALID".into(),
        };
        assert!(!cert.to_string().contains("ERR_"));
    }
}
