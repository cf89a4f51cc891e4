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
    #[error("{0}")]
    Invalid(String),
    #[error("A saved record could not be read: {0}")]
    Corrupt(String),
    #[error("Database error: {0}")]
    Sqlite(rusqlite::Error),
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
            | StoreError::JourneyNotFound(_) => "not_found",
            StoreError::DuplicateClient(_) | StoreError::DuplicateScenario(_) => "duplicate",
            StoreError::Invalid(_) => "invalid_input",
            StoreError::Corrupt(_) => "corrupt_record",
            StoreError::Sqlite(_) => "database",
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
