//! What an import produces: counts, per-agent summaries and findings. Plain data, ready to be
//! stored, sent to the app or printed.

use preflight_model::Finding;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::agents::OpenAiAgent;

/// Everything learned from one access log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct LogReport {
    /// The file name, when the log came from a file.
    pub source: Option<String>,
    /// True when the file was gzip-compressed.
    pub compressed: bool,
    /// Bytes of log text read (after decompression).
    #[ts(type = "number")]
    pub bytes_read: u64,
    pub lines: LineCounts,
    /// The earliest and latest request of any visitor (RFC 3339): the period the log covers.
    pub log_first_seen: Option<String>,
    pub log_last_seen: Option<String>,
    /// The first few lines that could not be read, with the reason.
    pub unparsed_examples: Vec<UnparsedLine>,
    /// OpenAI's address list used to verify the bot, when one was supplied.
    pub ranges: Option<RangesInfo>,
    /// What OAI-AdsBot received: requests from OpenAI's published addresses, or every request
    /// with its user agent when no address list was supplied (see `adsbot.addresses`).
    pub adsbot: AgentSummary,
    /// Requests that used OAI-AdsBot's user agent from addresses outside OpenAI's list.
    /// Empty when no address list was supplied.
    pub impostors: AgentSummary,
    /// GPTBot, OAI-SearchBot and ChatGPT-User, for context, when asked for.
    pub other_agents: Vec<AgentSummary>,
    pub findings: Vec<Finding>,
}

/// How the lines of the log were read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct LineCounts {
    #[ts(type = "number")]
    pub total: u64,
    #[ts(type = "number")]
    pub blank: u64,
    /// Lines read as combined or common format.
    #[ts(type = "number")]
    pub parsed: u64,
    /// Parsed lines that carry a user agent (combined format); only these can show a bot.
    #[ts(type = "number")]
    pub with_user_agent: u64,
    #[ts(type = "number")]
    pub unparsed: u64,
    /// Unparsed lines that were longer than the line limit.
    #[ts(type = "number")]
    pub too_long: u64,
}

impl LineCounts {
    /// Lines that were not blank.
    pub fn non_blank(&self) -> u64 {
        self.total - self.blank
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct UnparsedLine {
    #[ts(type = "number")]
    pub line_number: u64,
    pub reason: String,
    /// The start of the line, with unreadable bytes replaced.
    pub excerpt: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct RangesInfo {
    /// The range file's `creationTime`, verbatim.
    pub creation_time: Option<String>,
    /// The ranges, in CIDR notation.
    pub prefixes: Vec<String>,
}

/// Which requests a summary covers (defined with the page evidence that carries it).
pub use preflight_model::AddressScope;

/// What one OpenAI agent (or the impostors using its name) received.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct AgentSummary {
    pub agent: OpenAiAgent,
    pub addresses: AddressScope,
    #[ts(type = "number")]
    pub requests: u64,
    /// RFC 3339, in the log's own time zone.
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    pub status_classes: StatusClassCounts,
    /// Requests per status code, lowest code first.
    pub status_codes: Vec<StatusCount>,
    /// Requests per path (query string removed), most requested first.
    pub paths: Vec<PathSummary>,
    /// Requests on paths beyond the tracking limit (only counted in the totals).
    #[ts(type = "number")]
    pub untracked_path_requests: u64,
    /// Requests per day (the date as written in the log), oldest first.
    pub days: Vec<DaySummary>,
    /// Requests per client address, most requests first.
    pub clients: Vec<ClientSummary>,
    #[ts(type = "number")]
    pub untracked_client_requests: u64,
    /// The first few lines where the agent was refused (see [`is_blocking_status`]).
    pub blocked_examples: Vec<ExampleLine>,
}

impl AgentSummary {
    pub fn empty(agent: OpenAiAgent, addresses: AddressScope) -> Self {
        AgentSummary {
            agent,
            addresses,
            requests: 0,
            first_seen: None,
            last_seen: None,
            status_classes: StatusClassCounts::default(),
            status_codes: Vec::new(),
            paths: Vec::new(),
            untracked_path_requests: 0,
            days: Vec::new(),
            clients: Vec::new(),
            untracked_client_requests: 0,
            blocked_examples: Vec::new(),
        }
    }

    /// Requests answered with a refusal (see [`is_blocking_status`]).
    pub fn blocked_requests(&self) -> u64 {
        refused_count(&self.status_codes)
    }
}

/// Requests per status class.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct StatusClassCounts {
    /// 1xx
    #[ts(type = "number")]
    pub informational: u64,
    /// 2xx
    #[ts(type = "number")]
    pub success: u64,
    /// 3xx
    #[ts(type = "number")]
    pub redirect: u64,
    /// 4xx
    #[ts(type = "number")]
    pub client_error: u64,
    /// 5xx
    #[ts(type = "number")]
    pub server_error: u64,
    /// Codes of 600 and above, which some servers use for their own purposes.
    #[ts(type = "number")]
    pub other: u64,
}

impl StatusClassCounts {
    pub fn add(&mut self, status: u16) {
        let slot = match status / 100 {
            1 => &mut self.informational,
            2 => &mut self.success,
            3 => &mut self.redirect,
            4 => &mut self.client_error,
            5 => &mut self.server_error,
            _ => &mut self.other,
        };
        *slot += 1;
    }
}

/// Requests answered with one status code.
///
/// `refused` is derived from `status` (see [`is_blocking_status`]); it is written out for the
/// app and always worked out again when a saved report is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema, TS)]
pub struct StatusCount {
    pub status: u16,
    #[ts(type = "number")]
    pub count: u64,
    /// True when this status means the server refused the crawler.
    pub refused: bool,
}

impl StatusCount {
    pub fn new(status: u16, count: u64) -> Self {
        StatusCount {
            status,
            count,
            refused: is_blocking_status(status),
        }
    }
}

impl<'de> Deserialize<'de> for StatusCount {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Saved {
            status: u16,
            count: u64,
        }
        let saved = Saved::deserialize(deserializer)?;
        Ok(StatusCount::new(saved.status, saved.count))
    }
}

/// What one path received. `last_refused` is derived from `last_status`, like
/// [`StatusCount::refused`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema, TS)]
pub struct PathSummary {
    /// The virtual host, when the log records one.
    pub host: Option<String>,
    /// The path without query string; `(no request line)` when the request was unreadable.
    pub path: String,
    #[ts(type = "number")]
    pub requests: u64,
    pub statuses: Vec<StatusCount>,
    pub first_seen: String,
    pub last_seen: String,
    /// The status of the latest request on this path.
    pub last_status: u16,
    /// True when the latest request on this path was refused.
    pub last_refused: bool,
}

impl PathSummary {
    /// Requests on this path that were refused.
    pub fn refused_requests(&self) -> u64 {
        refused_count(&self.statuses)
    }
}

impl<'de> Deserialize<'de> for PathSummary {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Saved {
            host: Option<String>,
            path: String,
            requests: u64,
            statuses: Vec<StatusCount>,
            first_seen: String,
            last_seen: String,
            last_status: u16,
        }
        let s = Saved::deserialize(deserializer)?;
        Ok(PathSummary {
            host: s.host,
            path: s.path,
            requests: s.requests,
            statuses: s.statuses,
            first_seen: s.first_seen,
            last_seen: s.last_seen,
            last_status: s.last_status,
            last_refused: is_blocking_status(s.last_status),
        })
    }
}

fn refused_count(statuses: &[StatusCount]) -> u64 {
    statuses.iter().filter(|s| s.refused).map(|s| s.count).sum()
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct DaySummary {
    /// `YYYY-MM-DD`.
    pub date: String,
    #[ts(type = "number")]
    pub requests: u64,
    pub status_classes: StatusClassCounts,
}

/// How a client address compares with OpenAI's published list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "kebab-case")]
pub enum AddressCheck {
    InRanges,
    OutsideRanges,
    /// A private or local address: usually a proxy or load balancer in front of the server.
    PrivateAddress,
    /// The log holds a host name or something else that is not an IP address.
    NotAnAddress,
    /// No address list was supplied.
    NotChecked,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
// A distinct TypeScript name: the app has its own ClientSummary (a customer).
#[ts(rename = "LogClientAddress")]
pub struct ClientSummary {
    /// The client address as logged.
    pub address: String,
    pub check: AddressCheck,
    #[ts(type = "number")]
    pub requests: u64,
}

/// One log line quoted as evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct ExampleLine {
    #[ts(type = "number")]
    pub line_number: u64,
    pub status: u16,
    /// The line, with unreadable bytes replaced, cut when very long.
    pub text: String,
}

/// Responses that mean the server refused the crawler rather than served the page:
/// authentication or firewall refusals (401, 403, 406), rate limiting (429), legal or
/// geographic blocks (451) and server errors (5xx).
pub fn is_blocking_status(status: u16) -> bool {
    matches!(status, 401 | 403 | 406 | 429 | 451 | 500..=599)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_classes_and_blocking_codes() {
        let mut c = StatusClassCounts::default();
        for s in [101, 200, 204, 301, 404, 503, 999] {
            c.add(s);
        }
        assert_eq!((c.informational, c.success, c.redirect), (1, 2, 1));
        assert_eq!((c.client_error, c.server_error, c.other), (1, 1, 1));
        for s in [401, 403, 406, 429, 451, 500, 503, 599] {
            assert!(is_blocking_status(s), "{s}");
        }
        for s in [200, 301, 304, 404, 410, 499, 600] {
            assert!(!is_blocking_status(s), "{s}");
        }
    }

    #[test]
    fn refusals_are_marked_and_worked_out_again_when_read() {
        let json = serde_json::to_value(StatusCount::new(429, 3)).unwrap();
        assert_eq!(json["refused"], true);
        assert!(!StatusCount::new(404, 1).refused);
        // A saved report without the field, or with a wrong one, reads with the right value.
        let old: StatusCount = serde_json::from_str(r#"{"status":503,"count":2}"#).unwrap();
        assert_eq!(old, StatusCount::new(503, 2));
        let forged: StatusCount =
            serde_json::from_str(r#"{"status":200,"count":2,"refused":true}"#).unwrap();
        assert!(!forged.refused);
        let path: PathSummary = serde_json::from_str(
            r#"{"host":null,"path":"/a","requests":3,"statuses":[{"status":200,"count":1},{"status":403,"count":2}],
                "first_seen":"2026-05-12T10:00:00Z","last_seen":"2026-05-12T11:00:00Z","last_status":403}"#,
        )
        .unwrap();
        assert!(path.last_refused);
        assert_eq!(path.refused_requests(), 2);
        let back: PathSummary =
            serde_json::from_value(serde_json::to_value(&path).unwrap()).unwrap();
        assert_eq!(back, path);
    }
}
