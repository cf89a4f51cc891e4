//! Preflight's audit engine: gather → check → report, with no dependency on the desktop shell.
//!
//! - [`targets`] turns pasted text into validated landing-page URLs.
//! - [`fetch`] gathers [`artifacts`] from a page as each [`agents::Agent`].
//! - [`checks`] are pure functions from artifacts to findings; [`pixel`] reads each page's own
//!   scripts and runs the OpenAI Ads pixel scan on them.
//! - [`run`] runs many pages with politeness limits, progress and cancellation;
//!   [`politeness`] paces each host, backs off on HTTP 429 and pauses hosts that refuse in bulk.
//! - [`report`], [`artifacts`] and [`agents`] are the audit document's, re-exported.
//! - [`crash`] turns a panic in one page's work into a finding on that page.

pub mod app_shell;
pub mod checks;
pub mod crash;
pub mod digest;
mod digest_memo;
mod digest_task;
pub mod fetch;
pub mod journey;
pub mod network;
pub mod page;
pub mod page_text;
pub mod pixel;
pub mod politeness;
mod renderer;
pub mod run;
pub mod score;
pub mod script_cache;
pub mod targets;
mod transport;
pub use transport::classify_reqwest_error as explain_transport_error;
pub mod utm_redirects;

pub use preflight_document::{agents, artifacts, report};

pub use agents::Agent;
pub use fetch::{FetchOptions, Fetcher};
pub use report::{AuditReport, PageReport, RunStatus, Verdict};
pub use run::{run_audit, stream_audit, RunEvent, RunOptions, RunPlan};
pub use targets::{normalise_url, parse_targets, ParsedTargets};
pub use tokio_util::sync::CancellationToken;
