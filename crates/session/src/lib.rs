//! The session layer: what the app and the CLI both do with an audit — run it, save it, load it,
//! judge it, export it — written once, so both give the same answer.
//!
//! - [`run`]: an audit run from request to outcome: begun, saved page by page, finished.
//! - [`audits`]: stored audits read under the counting rules, with their readiness.
//! - [`clients`]: which audit stands for each client.
//! - [`journeys`]: funnels clicked through in a browser, saved with an audit.
//! - [`log_imports`]: access-log imports, saved and read back as one typed record.
//! - [`exports`]: export file names and logos.
//! - [`sitemap`]: sitemaps downloaded on the engine's guarded client.
//! - [`page_import`]: a client's pages from a sitemap or an ads-manager export, previewed first.
//! - [`robots`]: a site's live robots.txt for the tester, fetched as the audit fetches it.
//! - [`clock`]: the one clock; the store records the times it is handed.
//! - [`ads_import`]: a client's ad account: its key and its ads kept as the client's pages.
//! - [`ground_truth`]: what OpenAI saw of an audit's pages (ad reviews, access-log lines).
//! - [`secrets`]: a client's Ads API key in the operating system's keychain.
//! - [`settings`]: preferences that change how runs behave.
//! - [`monitor`]: schedules, the changes between a client's audits, and alerts.

pub mod ads_import;
pub mod ads_reconcile;
pub mod audits;
pub mod capi;
pub mod clients;
pub mod clock;
pub mod error;
pub mod exports;
pub mod ground_truth;
pub mod journeys;
pub mod log_evidence;
pub mod log_imports;
pub mod monitor;
pub mod page_import;
pub mod robots;
pub mod run;
pub mod secrets;
pub mod settings;
pub mod sitemap;
pub mod workspace;

pub use audits::{assess_audit, list_audits, load_audit, AssessedAudit, AuditListing};
pub use clients::{client_status, client_statuses, ClientStatus};
pub use clock::{now, open_store, today};
pub use error::SessionError;
pub use log_imports::{LogImport, LogImportRecord};
pub use preflight_audit::CancellationToken;
pub use preflight_store::{Store, StoreError};
pub use run::{
    mark_interrupted, prepare_run, PageEvent, PageSpill, PreparedRun, RenderedChoice, Run,
    RunOutcome, RunPace, RunProgress, RunRequest, RunSink, SitePace, Targets,
};
