//! Errors as they cross into the window: a stable machine code the UI branches on, and a message
//! written for the person using the app.

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
pub struct AppError {
    /// Stable code: `not_found`, `duplicate`, `invalid_input`, `newer_database`, `database_open`,
    /// `disk_full`, `database_busy`, `database`, `audit_running`, `internal`, ...
    pub code: String,
    pub message: String,
    /// The input at fault, when there is one (a planner field such as `cvr.low`), so a form
    /// can highlight it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
}

impl AppError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        AppError {
            code: code.to_string(),
            message: message.into(),
            field: None,
        }
    }

    pub fn with_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }
}

impl From<preflight_store::StoreError> for AppError {
    fn from(e: preflight_store::StoreError) -> Self {
        AppError::new(e.code(), e.to_string())
    }
}

pub type AppResult<T> = Result<T, AppError>;
