//! Access-log evidence for OAI-AdsBot, OpenAI's ad-review crawler.
//!
//! A server's access log is the only record of what the real crawler received. This crate
//! reads nginx/Apache logs in the "combined" or "common" format (plain or gzip, streamed line
//! by line), picks out requests whose user agent names OAI-AdsBot, checks their addresses
//! against OpenAI's published list (`adsbot.json`, supplied by the caller as text) and sums up
//! what the crawler got: statuses, paths, days, addresses. The result carries findings in the
//! shared [`preflight_model::Finding`] shape.
//!
//! ```no_run
//! use preflight_accesslog::{import_log, render_text, IpRanges, LogOptions};
//! # fn main() -> Result<(), preflight_accesslog::LogError> {
//! let ranges = IpRanges::from_json(r#"{"prefixes": [{"ipv4Prefix": "192.0.2.0/24"}]}"#)?;
//! let report = import_log("access.log.gz".as_ref(), Some(&ranges), &LogOptions::default())?;
//! println!("{}", render_text(&report));
//! # Ok(()) }
//! ```

mod addresses;
mod agents;
mod clf_time;
mod coverage;
mod error;
mod findings;
mod import;
mod line;
mod page_join;
mod published;
mod ranges;
mod reader;
mod render;
mod report;
mod tally;

pub use agents::OpenAiAgent;
pub use coverage::{coverage_notes, LOG_OLD_AFTER_DAYS};
pub use error::LogError;
pub use import::{import_log, import_reader, LogOptions, MAX_LINE_BYTES};
pub use page_join::{disagreement, page_evidence, PageLogEvidence};
pub use published::{
    published_ranges, ranges_from_file, LoadedRanges, RangesOrigin, ADSBOT_RANGES_URL,
};
pub use ranges::IpRanges;
pub use render::render_text;
pub use report::{
    is_blocking_status, AddressCheck, AddressScope, AgentSummary, ClientSummary, DaySummary,
    ExampleLine, LineCounts, LogReport, PathSummary, RangesInfo, StatusClassCounts, StatusCount,
    UnparsedLine,
};
