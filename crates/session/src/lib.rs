//! The session layer: what the app and the CLI both do with an audit — run it, save it, load it,
//! judge it, export it — written once, so both give the same answer.
//!
//! - [`audits`]: stored audits read under the counting rules, with their readiness.
//! - [`clients`]: which audit stands for each client.

pub mod audits;
pub mod clients;

pub use audits::{assess_audit, list_audits, load_audit, AssessedAudit, AuditListing};
pub use clients::{client_status, client_statuses, ClientStatus};
pub use preflight_store::{Store, StoreError};
