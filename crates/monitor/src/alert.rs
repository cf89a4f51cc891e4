//! An alert: what changed for one client, said once and rendered for each channel.

pub use crate::alert_messages::{
    email_body, email_subject, generic_message, slack_message, teams_message,
};
use crate::changes::ChangeEvent;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What an alert says. The generic webhook posts exactly this as JSON (docs/alerts.md).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct Alert {
    /// Always "preflight.alert/1": lets a receiver tell versions apart.
    pub schema: String,
    /// The agency sending it (the white-label name), if set.
    pub agency: Option<String>,
    pub client: String,
    /// One line summing the changes up.
    pub summary: String,
    pub changes: Vec<ChangeEvent>,
    /// The audits compared (`None` for a test alert).
    #[ts(type = "number | null")]
    pub older_audit_id: Option<i64>,
    #[ts(type = "number | null")]
    pub newer_audit_id: Option<i64>,
    /// When the newer audit started (RFC 3339).
    pub audited_at: Option<String>,
    /// True for an alert sent with "Send test alert".
    pub test: bool,
}

/// The schema name every alert carries.
pub const ALERT_SCHEMA: &str = "preflight.alert/1";
