//! Errors as they cross into the window: a stable machine code the UI branches on, a message
//! written for the person using the app, and a hint that says what to do about it.
//!
//! Hints are defined beside the errors: the engine's error types (the store's, the exports',
//! the access-log import's, the planner's) each have a `hint()`, and the errors the shell raises
//! itself are listed in [`ShellError`]. The window shows the hint under the message.

use preflight_session::SessionError;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
pub struct AppError {
    /// Stable code: `not_found`, `duplicate`, `invalid_input`, `newer_database`, `database_open`,
    /// `disk_full`, `database_busy`, `database`, `audit_running`, `internal`, ...
    pub code: String,
    pub message: String,
    /// One plain sentence on what to do, shown under the message; absent when the message is
    /// enough on its own.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub hint: Option<String>,
    /// The input at fault, when there is one (a planner field such as `cvr.low`), so a form
    /// can highlight it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
}

impl AppError {
    /// An error with this code and message; a code the shell raises itself ([`ShellError`])
    /// brings its hint along.
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        AppError {
            code: code.to_string(),
            message: message.into(),
            hint: ShellError::from_code(code).map(|e| e.hint().to_string()),
            field: None,
        }
    }

    pub fn with_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// Replaces the hint, for an error that comes from an engine error type with its own.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl From<preflight_store::StoreError> for AppError {
    fn from(e: preflight_store::StoreError) -> Self {
        AppError::new(e.code(), e.to_string()).with_hint(e.hint())
    }
}

/// The errors the shell raises itself rather than passes on from the engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShellError {
    Internal,
    AuditRunning,
    ImportRunning,
    JourneyRunning,
    NotRunning,
    AuditCrashed,
    AuditInterrupted,
    NoPages,
    InvalidUrl,
    InvalidCsv,
    InvalidSitemap,
    DownloadFailed,
    TooLarge,
    ExportFailed,
    WorkInProgress,
    DatabaseOverridden,
    WorkspaceConnecting,
    DatabaseChanged,
}

impl ShellError {
    pub const ALL: [ShellError; 18] = [
        ShellError::Internal,
        ShellError::AuditRunning,
        ShellError::ImportRunning,
        ShellError::JourneyRunning,
        ShellError::NotRunning,
        ShellError::AuditCrashed,
        ShellError::AuditInterrupted,
        ShellError::NoPages,
        ShellError::InvalidUrl,
        ShellError::InvalidCsv,
        ShellError::InvalidSitemap,
        ShellError::DownloadFailed,
        ShellError::TooLarge,
        ShellError::ExportFailed,
        ShellError::WorkInProgress,
        ShellError::DatabaseOverridden,
        ShellError::WorkspaceConnecting,
        ShellError::DatabaseChanged,
    ];

    /// The stable code the window branches on.
    pub fn code(self) -> &'static str {
        match self {
            ShellError::Internal => "internal",
            ShellError::AuditRunning => "audit_running",
            ShellError::ImportRunning => "import_running",
            ShellError::JourneyRunning => "journey_running",
            ShellError::NotRunning => "not_running",
            ShellError::AuditCrashed => "audit_crashed",
            ShellError::AuditInterrupted => "audit_interrupted",
            ShellError::NoPages => "no_pages",
            ShellError::InvalidUrl => "invalid_url",
            ShellError::InvalidCsv => "invalid_csv",
            ShellError::InvalidSitemap => "invalid_sitemap",
            ShellError::DownloadFailed => "download_failed",
            ShellError::TooLarge => "too_large",
            ShellError::ExportFailed => "export_failed",
            ShellError::WorkInProgress => "work_in_progress",
            ShellError::DatabaseOverridden => "database_overridden",
            ShellError::WorkspaceConnecting => "workspace_connecting",
            ShellError::DatabaseChanged => "database_changed",
        }
    }

    /// One plain sentence on what to do about this error, shown under its message.
    pub fn hint(self) -> &'static str {
        match self {
            ShellError::Internal => {
                "Try again; if it happens again, restart Preflight and report what you were doing."
            }
            ShellError::AuditRunning => {
                "Wait for the audit to finish, or stop it on the client's page, then try again."
            }
            ShellError::ImportRunning => {
                "Wait for the current import to finish, or cancel it, then try again."
            }
            ShellError::JourneyRunning => "Finish or discard the open journey, then start a new one.",
            ShellError::NotRunning => "Nothing needs stopping: it has already finished or stopped.",
            ShellError::AuditCrashed => {
                "Run the audit again; if it stops again, report it with the page it was checking."
            }
            ShellError::AuditInterrupted => "Run the audit again to check the remaining pages.",
            ShellError::NoPages => {
                "Add the landing pages to check on the client's page, then run the audit."
            }
            ShellError::InvalidUrl => "Enter the full web address, starting with https://.",
            ShellError::InvalidCsv => {
                "Export the file again as CSV with a header row, then import that file."
            }
            ShellError::InvalidSitemap => {
                "Check that the file or address is an XML sitemap, such as sitemap.xml or sitemap.xml.gz."
            }
            ShellError::DownloadFailed => {
                "Check the address and your internet connection, or save the file and import it instead."
            }
            ShellError::TooLarge => {
                "Split the sitemap into smaller ones, or paste the URLs as a list instead."
            }
            ShellError::ExportFailed => {
                "Choose another folder with Save as…, or change the export folder in Settings."
            }
            ShellError::WorkInProgress => {
                "Wait for it to finish, or stop it, then try again."
            }
            ShellError::DatabaseOverridden => {
                "Start Preflight without PREFLIGHT_DB set to choose where audits are kept from Settings."
            }
            ShellError::WorkspaceConnecting => {
                "Wait a moment while Preflight connects to the team workspace, or use this computer's file instead."
            }
            ShellError::DatabaseChanged => "Run it again where Preflight keeps audits now.",
        }
    }

    pub fn from_code(code: &str) -> Option<ShellError> {
        ShellError::ALL.into_iter().find(|e| e.code() == code)
    }
}

pub type AppResult<T> = Result<T, AppError>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn shell_errors_have_distinct_codes_and_one_sentence_hints() {
        let mut codes = HashSet::new();
        for e in ShellError::ALL {
            // The match in `code` makes a new kind a compile error until it has a code; ALL
            // must then name it, or this round trip fails.
            assert_eq!(ShellError::from_code(e.code()), Some(e));
            assert!(codes.insert(e.code()), "{} is used twice", e.code());
            assert!(e.code().chars().all(|c| c.is_ascii_lowercase() || c == '_'));
            let hint = e.hint();
            assert!(hint.ends_with('.') && hint.len() > 20, "{e:?}: {hint}");
            assert!(
                !hint.trim_end_matches('.').contains(". "),
                "one sentence: {hint}"
            );
        }
    }

    #[test]
    fn errors_carry_their_hint_to_the_window() {
        let e = AppError::new("journey_running", "A journey is already open.");
        assert_eq!(e.hint.as_deref(), Some(ShellError::JourneyRunning.hint()));
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["code"], "journey_running");
        assert_eq!(json["hint"], ShellError::JourneyRunning.hint());

        // A code the shell does not know has no hint, and no `hint` key.
        let e = AppError::new("read_only", "Cannot write there.");
        assert!(serde_json::to_value(&e).unwrap().get("hint").is_none());

        let store = preflight_store::StoreError::Busy;
        let hint = store.hint();
        let e = AppError::from(store);
        assert_eq!(
            (e.code.as_str(), e.hint.as_deref()),
            ("database_busy", Some(hint))
        );
    }
}

/// Errors of the session layer as the window sees them: the store's as they are, the others
/// with their own code and hint.
impl From<SessionError> for AppError {
    fn from(e: SessionError) -> Self {
        match e {
            SessionError::Store(e) => AppError::from(e),
            other => AppError::new(other.code(), other.to_string()).with_hint(other.hint()),
        }
    }
}
