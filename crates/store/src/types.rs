use preflight_document::report::{RunStatus, Summary};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct Client {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub created_at: String,
}

/// A client as listed, with its page count.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct ClientSummary {
    pub client: Client,
    pub page_count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct LandingPage {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub client_id: i64,
    pub url: String,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct AddedPages {
    pub added: Vec<LandingPage>,
    /// URLs the client already had.
    pub already_present: Vec<String>,
}

/// An audit as listed, without its pages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct AuditSummary {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number | null")]
    pub client_id: Option<i64>,
    pub client_name: Option<String>,
    pub status: RunStatus,
    pub started_at: String,
    pub finished_at: Option<String>,
    /// Pages the run set out to check.
    pub page_count: u32,
    /// Pages checked and saved.
    pub pages_done: u32,
    /// Counts, once the run has finished.
    pub summary: Option<Summary>,
    /// Who ran it (audits from before authors were recorded have none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub created_by: Option<String>,
}
