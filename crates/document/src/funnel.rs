//! Funnel coverage as kept in the report: which of a funnel's events the audited pages (and any
//! journeys recorded with the audit) send. Derived data, computed by the readiness model.

use preflight_model::Finding;
use preflight_pixel::{Coverage, Funnel};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where one funnel event was seen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct FunnelEventSource {
    pub event: String,
    /// Page URLs and journeys where it fires, each with how it was seen: "https://… (static)",
    /// "https://… (rendered)", "journey 2".
    pub found_on: Vec<String>,
}

/// How an audit covers the funnel chosen for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct RunFunnel {
    pub funnel: Funnel,
    /// Present, missing and malformed events, pooled over every page and journey.
    pub coverage: Coverage,
    /// Where each present or malformed event was seen.
    pub sources: Vec<FunnelEventSource>,
    /// What is missing or broken, with what to do.
    pub findings: Vec<Finding>,
    /// Pages whose pixel was scanned.
    pub pages_scanned: u32,
    /// Of those, pages also run in a browser.
    pub pages_rendered: u32,
    /// Journeys recorded with this audit.
    pub journeys: u32,
}
