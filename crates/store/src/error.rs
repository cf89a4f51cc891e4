use thiserror::Error;

/// What can go wrong with the database, each with a message a marketer can act on and a stable
/// machine code ([`StoreError::code`]) the app branches on.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("This database ({path}) was written by a newer version of Preflight (data format {found}; this version reads up to {supported}). Update Preflight to open it. The file was not changed.")]
    NewerDatabase {
        path: String,
        found: u32,
        supported: u32,
    },
    #[error("This audit was saved by a newer version of Preflight (report format {found}; this version reads up to {supported}). Update Preflight to open it.")]
    NewerReport { found: u32, supported: u32 },
    #[error("Could not open the database at {path}: {reason}.")]
    Open { path: String, reason: String },
    #[error("The disk is full, so nothing more can be saved. Free some space and try again; saved audits are intact.")]
    DiskFull,
    #[error("The database is busy in another Preflight window or command. Try again in a moment.")]
    Busy,
    #[error("The client no longer exists (id {0}).")]
    ClientNotFound(i64),
    #[error("A client named \"{0}\" already exists.")]
    DuplicateClient(String),
    #[error("The landing page no longer exists (id {0}).")]
    PageNotFound(i64),
    #[error("The audit no longer exists (id {0}).")]
    AuditNotFound(i64),
    #[error("The scenario no longer exists (id {0}).")]
    ScenarioNotFound(i64),
    #[error("A scenario named \"{0}\" already exists for this client.")]
    DuplicateScenario(String),
    #[error("The log import no longer exists (id {0}).")]
    LogImportNotFound(i64),
    #[error("The journey no longer exists (id {0}).")]
    JourneyNotFound(i64),
    #[error("The comment no longer exists (id {0}).")]
    CommentNotFound(i64),
    #[error("{0}")]
    Invalid(String),
    #[error("A saved record could not be read: {0}")]
    Corrupt(String),
    #[error("This connection to the database was opened for reading only, so nothing was saved.")]
    ReadOnly,
    #[error("Database error: {0}")]
    Sqlite(rusqlite::Error),
    /// The database setting is the address of a server this build cannot use.
    #[error("“{0}” is the address of a database server Preflight cannot use: it keeps audits in a local file or on a PostgreSQL server (postgres://…), so nothing was opened or saved.")]
    UnsupportedLocation(String),
    #[error("The team workspace address {0} cannot be read.")]
    BadAddress(String),
    #[error("The team workspace at {place} cannot be reached ({reason}). Nothing was opened or saved, locally or there.")]
    ServerUnreachable { place: String, reason: String },
    #[error(
        "The team workspace at {place} refused the login ({reason}). Nothing was opened or saved."
    )]
    LoginRefused { place: String, reason: String },
    #[error("The connection to the team workspace at {place} was lost ({reason}). Work saved before is intact there; this last change was not saved.")]
    ConnectionLost { place: String, reason: String },
    #[error("Your database role may not do this in the team workspace at {place} ({reason}).")]
    PermissionDenied { place: String, reason: String },
    #[error("The team workspace at {place} has data format {found}, older than this version's {supported}, and your database role may not update it. Nothing was changed.")]
    OlderDatabase {
        place: String,
        found: u32,
        supported: u32,
    },
    #[error("Database server error: {0}")]
    Server(String),
}

impl StoreError {
    /// A stable code for programs (the app, the CLI's JSON errors).
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::NewerDatabase { .. } => "newer_database",
            StoreError::NewerReport { .. } => "newer_report",
            StoreError::Open { .. } => "database_open",
            StoreError::DiskFull => "disk_full",
            StoreError::Busy => "database_busy",
            StoreError::ClientNotFound(_)
            | StoreError::PageNotFound(_)
            | StoreError::AuditNotFound(_)
            | StoreError::ScenarioNotFound(_)
            | StoreError::LogImportNotFound(_)
            | StoreError::JourneyNotFound(_)
            | StoreError::CommentNotFound(_) => "not_found",
            StoreError::DuplicateClient(_) | StoreError::DuplicateScenario(_) => "duplicate",
            StoreError::Invalid(_) => "invalid_input",
            StoreError::Corrupt(_) => "corrupt_record",
            StoreError::ReadOnly => "read_only",
            StoreError::Sqlite(_) => "database",
            StoreError::UnsupportedLocation(_) => "database_url_unsupported",
            StoreError::BadAddress(_) => "database_address",
            StoreError::ServerUnreachable { .. } => "server_unreachable",
            StoreError::LoginRefused { .. } => "login_refused",
            StoreError::ConnectionLost { .. } => "connection_lost",
            StoreError::PermissionDenied { .. } => "permission_denied",
            StoreError::OlderDatabase { .. } => "older_database",
            StoreError::Server(_) => "database_server",
        }
    }

    /// One plain sentence on what to do about this error, shown under its message.
    pub fn hint(&self) -> &'static str {
        match self {
            StoreError::NewerDatabase { .. } => {
                "Install the latest version of Preflight, then open this database again."
            }
            StoreError::NewerReport { .. } => {
                "Install the latest version of Preflight to open this audit."
            }
            StoreError::Open { .. } => {
                "Check that the database's folder exists and that you may write to it, then start Preflight again."
            }
            StoreError::DiskFull => "Free some disk space, then try again.",
            StoreError::Busy => {
                "Wait for the other Preflight window or command to finish, then try again."
            }
            StoreError::ClientNotFound(_) => {
                "Go back to the list of clients: it was probably deleted in another window."
            }
            StoreError::DuplicateClient(_) => "Choose another name, or open the existing client.",
            StoreError::PageNotFound(_) => {
                "Reload the client's pages: it was probably removed in another window."
            }
            StoreError::AuditNotFound(_) => {
                "Go back to the list of audits: it was probably deleted in another window."
            }
            StoreError::ScenarioNotFound(_) => {
                "Reload the saved scenarios: it was probably deleted in another window."
            }
            StoreError::DuplicateScenario(_) => {
                "Choose another name, or open the existing scenario and save over it."
            }
            StoreError::LogImportNotFound(_) => {
                "Reload the list of imported logs: it was probably deleted in another window."
            }
            StoreError::JourneyNotFound(_) => {
                "Reload the list of journeys: it was probably deleted in another window."
            }
            StoreError::CommentNotFound(_) => {
                "Reload the audit's comments: it was probably deleted by a colleague or in another window."
            }
            StoreError::Invalid(_) => "Correct what the message names, then try again.",
            StoreError::Corrupt(_) => {
                "Run the audit or import again to replace this record; your other saved work is not affected."
            }
            StoreError::ReadOnly => {
                "Save it again from the app or a preflight command that saves, and report this message."
            }
            StoreError::Sqlite(_) => {
                "Try again; if it keeps happening, restart Preflight and report the message."
            }
            StoreError::UnsupportedLocation(_) => {
                "Set PREFLIGHT_DB (or --db) to a file path, a postgres:// address, or leave it unset to use the app's own file."
            }
            StoreError::BadAddress(_) => {
                "Write the address as postgres://user@host:5432/database, with sslmode=disable, prefer, require or verify-full if needed."
            }
            StoreError::ServerUnreachable { .. } => {
                "Check that the database server is running and that its host, port and database name are right, then try again."
            }
            StoreError::LoginRefused { .. } => {
                "Check the user name and password (kept in the system keychain for the app), or ask the workspace's administrator for access."
            }
            StoreError::ConnectionLost { .. } => {
                "Check the network or the server, then do it again: Preflight reconnects by itself."
            }
            StoreError::PermissionDenied { .. } => {
                "Ask the workspace's administrator for a role that may write, or use this one to read and export only."
            }
            StoreError::OlderDatabase { .. } => {
                "Ask the workspace's administrator to open it once with this version of Preflight, using a role that owns its tables."
            }
            StoreError::Server(_) => {
                "Try again; if it keeps happening, show the message to the workspace's administrator."
            }
        }
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DiskFull) => StoreError::DiskFull,
            Some(rusqlite::ErrorCode::DatabaseBusy) | Some(rusqlite::ErrorCode::DatabaseLocked) => {
                StoreError::Busy
            }
            _ => StoreError::Sqlite(e),
        }
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Corrupt(e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One error of each kind. The match makes adding a kind without a sample a compile error.
    fn samples() -> Vec<StoreError> {
        let all = vec![
            StoreError::NewerDatabase {
                path: "a.db".into(),
                found: 9,
                supported: 1,
            },
            StoreError::NewerReport {
                found: 9,
                supported: 1,
            },
            StoreError::Open {
                path: "a.db".into(),
                reason: "no".into(),
            },
            StoreError::DiskFull,
            StoreError::Busy,
            StoreError::ClientNotFound(1),
            StoreError::DuplicateClient("Acme".into()),
            StoreError::PageNotFound(1),
            StoreError::AuditNotFound(1),
            StoreError::ScenarioNotFound(1),
            StoreError::DuplicateScenario("Base".into()),
            StoreError::LogImportNotFound(1),
            StoreError::JourneyNotFound(1),
            StoreError::CommentNotFound(1),
            StoreError::Invalid("bad".into()),
            StoreError::Corrupt("bad".into()),
            StoreError::ReadOnly,
            StoreError::Sqlite(rusqlite::Error::QueryReturnedNoRows),
            StoreError::UnsupportedLocation("mysql://db.example/preflight".into()),
            StoreError::BadAddress("postgres://h".into()),
            StoreError::ServerUnreachable {
                place: "postgres://h/db".into(),
                reason: "refused".into(),
            },
            StoreError::LoginRefused {
                place: "postgres://h/db".into(),
                reason: "password".into(),
            },
            StoreError::ConnectionLost {
                place: "postgres://h/db".into(),
                reason: "closed".into(),
            },
            StoreError::PermissionDenied {
                place: "postgres://h/db".into(),
                reason: "denied".into(),
            },
            StoreError::OlderDatabase {
                place: "postgres://h/db".into(),
                found: 1,
                supported: 2,
            },
            StoreError::Server("boom".into()),
        ];
        for (i, e) in all.iter().enumerate() {
            let index = match e {
                StoreError::NewerDatabase { .. } => 0,
                StoreError::NewerReport { .. } => 1,
                StoreError::Open { .. } => 2,
                StoreError::DiskFull => 3,
                StoreError::Busy => 4,
                StoreError::ClientNotFound(_) => 5,
                StoreError::DuplicateClient(_) => 6,
                StoreError::PageNotFound(_) => 7,
                StoreError::AuditNotFound(_) => 8,
                StoreError::ScenarioNotFound(_) => 9,
                StoreError::DuplicateScenario(_) => 10,
                StoreError::LogImportNotFound(_) => 11,
                StoreError::JourneyNotFound(_) => 12,
                StoreError::CommentNotFound(_) => 13,
                StoreError::Invalid(_) => 14,
                StoreError::Corrupt(_) => 15,
                StoreError::ReadOnly => 16,
                StoreError::Sqlite(_) => 17,
                StoreError::UnsupportedLocation(_) => 18,
                StoreError::BadAddress(_) => 19,
                StoreError::ServerUnreachable { .. } => 20,
                StoreError::LoginRefused { .. } => 21,
                StoreError::ConnectionLost { .. } => 22,
                StoreError::PermissionDenied { .. } => 23,
                StoreError::OlderDatabase { .. } => 24,
                StoreError::Server(_) => 25,
            };
            assert_eq!(index, i, "samples out of order");
        }
        all
    }

    #[test]
    fn every_error_has_a_code_and_a_one_sentence_hint() {
        for e in samples() {
            let (code, hint) = (e.code(), e.hint());
            assert!(!code.is_empty(), "{e:?}");
            assert!(
                code.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{code}"
            );
            assert!(hint.ends_with('.') && hint.len() > 20, "{e:?}: {hint}");
            assert!(
                !hint.trim_end_matches('.').contains(". "),
                "one sentence: {hint}"
            );
        }
    }

    #[test]
    fn codes_are_distinct_except_for_the_kinds_they_group() {
        // Every missing record is `not_found` and every taken name is `duplicate`, so the app
        // can treat them alike; every other kind has a code of its own.
        let mut seen = std::collections::HashMap::new();
        for e in samples() {
            if let Some(other) = seen.insert(e.code(), format!("{e:?}")) {
                assert!(
                    matches!(e.code(), "not_found" | "duplicate"),
                    "{} shared by {other} and {e:?}",
                    e.code()
                );
            }
        }
        assert_eq!(seen.len(), 19);
    }
}
