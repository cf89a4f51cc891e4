//! What a server's access log says about one landing page, as the audit's readers show it: a
//! plain record, so the exports can carry it without the log importer's own code.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which requests a summary covers, as far as OpenAI's address list is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "kebab-case")]
pub enum AddressScope {
    /// Only requests from OpenAI's published addresses: the real crawler.
    InRanges,
    /// Requests from anywhere outside OpenAI's published addresses.
    OutsideRanges,
    /// No address list was used: every request with the user agent.
    NotChecked,
}

/// What the log says about one page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct PageLogEvidence {
    /// The page as audited.
    pub url: String,
    /// The path looked up in the log (query string left out, as the log summary keeps it).
    pub path: String,
    /// Which requests count: from OpenAI's addresses, or any with the user agent when the
    /// import had no address list.
    pub addresses: AddressScope,
    #[ts(type = "number")]
    pub requests: u64,
    #[ts(type = "number")]
    pub refused: u64,
    /// The latest request's status and time (RFC 3339, the log's own time zone).
    pub last_status: u16,
    pub last_seen: String,
    /// Requests on the path with OAI-AdsBot's name from other addresses, kept apart: a rule
    /// refusing them is right.
    #[ts(type = "number")]
    pub impostor_requests: u64,
}
