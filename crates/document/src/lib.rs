//! The audit document: what one audit found, as pure data. Every reader (the store, the
//! readiness model, exports, the app and the CLI) reads these types; nothing here touches the
//! network, a browser or a database.
//!
//! - [`report`]: the versioned report of one audit and its pages.
//! - [`artifacts`]: the raw evidence of each fetch, kept so an audit can be re-scored.
//! - [`agents`]: the identities a page is fetched as.
//! - [`pixel`], [`funnel`], [`journey`]: what the pixel scan, funnel coverage and recorded
//!   journeys found.

pub mod agents;
pub mod artifacts;
pub mod funnel;
pub mod journey;
pub mod pixel;
pub mod report;

pub use agents::Agent;
pub use report::{AuditReport, PageReport, RunStatus, Summary, Verdict};
