//! Raw evidence gathered from a site. Gatherers fill these; checks only read them. They are stored
//! with every audit so it can be re-scored when rules improve.

use crate::agents::Agent;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One HTTP response header, verbatim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct Header {
    pub name: String,
    pub value: String,
}

/// One response in a redirect chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct Hop {
    pub url: String,
    pub status: u16,
    /// Where it sent us next, for redirects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub location: Option<String>,
    pub elapsed_ms: u32,
}

/// Why a fetch did not produce a complete response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum FetchErrorKind {
    /// The host name does not resolve.
    Dns,
    /// Nothing accepted the connection.
    ConnectionRefused,
    /// The certificate or TLS handshake was rejected.
    Tls,
    /// The server did not answer in time (or dripped the answer too slowly).
    Timeout,
    /// The server closed or reset the connection mid-answer.
    ConnectionReset,
    /// The redirect chain came back to a URL it had already visited.
    RedirectLoop,
    /// More redirects than the limit.
    TooManyRedirects,
    /// A redirect without a usable Location, or to a non-web scheme.
    BadRedirect,
    /// The server answered something that is not valid HTTP.
    Protocol,
    /// The page led to an address on a private network (loopback, office network, cloud
    /// metadata) that the user did not give; it was not requested.
    PrivateAddress,
    /// Anything else; the message says what.
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct FetchError {
    pub kind: FetchErrorKind,
    /// A plain-language explanation.
    pub message: String,
    /// The technical detail behind it (the HTTP library's own words), for whoever digs into
    /// the raw evidence; never needed to understand the message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub detail: Option<String>,
}

/// Everything learned from fetching one URL as one agent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct FetchArtifact {
    pub agent: Agent,
    pub user_agent: String,
    pub requested_url: String,
    /// Every response received, in order; the last one is the final answer.
    pub hops: Vec<Hop>,
    /// Status of the last response, when there was one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub status: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub final_url: Option<String>,
    /// Headers of the last response.
    pub headers: Vec<Header>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub content_type: Option<String>,
    /// Bytes of body read (after decompression).
    #[ts(type = "number")]
    pub body_bytes: u64,
    /// The body was longer than the size cap and was cut.
    pub body_truncated: bool,
    /// The character encoding the body was decoded with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub charset: Option<String>,
    /// The body had bytes that were not valid in its encoding.
    pub decode_errors: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub title: Option<String>,
    /// The page's main headline (its first `<h1>`), when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub headline: Option<String>,
    /// The start of the visible text (scripts and styles removed, whitespace collapsed).
    pub visible_text: String,
    /// Word count of the whole visible text.
    pub word_count: u32,
    /// The start of the decoded body, for signature checks (firewall block pages and the like).
    pub body_head: String,
    /// Milliseconds from the first request to the end of the body (or the failure), not
    /// counting time the audit itself chose to wait between requests.
    pub total_ms: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub error: Option<FetchError>,
    /// Set when the server answered HTTP 429 and the request was sent again after a wait.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub rate_limit_retry: Option<RateLimitRetry>,
}

/// A request that was answered HTTP 429 and asked again after waiting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct RateLimitRetry {
    /// The URL that answered 429.
    pub url: String,
    /// Its `Retry-After` header, verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub retry_after: Option<String>,
    /// How long the audit waited before asking again (capped, whatever the header said).
    pub waited_ms: u32,
}

impl FetchArtifact {
    pub fn new(agent: Agent, requested_url: &str) -> Self {
        FetchArtifact {
            agent,
            user_agent: agent.user_agent().to_string(),
            requested_url: requested_url.to_string(),
            hops: Vec::new(),
            status: None,
            final_url: None,
            headers: Vec::new(),
            content_type: None,
            body_bytes: 0,
            body_truncated: false,
            charset: None,
            decode_errors: false,
            title: None,
            headline: None,
            visible_text: String::new(),
            word_count: 0,
            body_head: String::new(),
            total_ms: 0,
            error: None,
            rate_limit_retry: None,
        }
    }

    /// A complete response with a success status (2xx).
    pub fn is_success(&self) -> bool {
        self.error.is_none() && self.status.is_some_and(|s| (200..300).contains(&s))
    }

    /// The value of a header of the final response (case-insensitive name).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| h.value.as_str())
    }

    /// Number of redirects followed.
    pub fn redirect_count(&self) -> usize {
        self.hops.len().saturating_sub(1)
    }
}

/// The robots.txt that governs a page, as fetched by OAI-AdsBot (once per origin per run).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct RobotsFetch {
    pub url: String,
    /// Final status after redirects, when a response came.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub status: Option<u16>,
    pub hops: Vec<Hop>,
    /// The file's text (invalid UTF-8 replaced), at most the parse limit plus one byte.
    pub body: String,
    #[ts(type = "number")]
    pub body_bytes: u64,
    pub truncated: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub error: Option<FetchError>,
}
