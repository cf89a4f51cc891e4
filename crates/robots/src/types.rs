//! The result types the app, the CLI and the report read. All serialise as snake_case JSON.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One line of the robots.txt file as written, with its 1-based line number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct SourceLine {
    pub line: u32,
    /// The line without surrounding whitespace (very long lines are cut with an ellipsis).
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum RuleKind {
    Allow,
    Disallow,
}

/// The rule that decided the verdict: the longest pattern matching the URL (Allow wins ties).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct MatchedRule {
    pub kind: RuleKind,
    /// 1-based line number in robots.txt.
    pub line: u32,
    /// The whole line as written, e.g. `Disallow: /*?utm`.
    pub text: String,
    /// The pattern after percent-encoding normalisation, as it was compared.
    pub pattern: String,
}

/// Which group of rules applied to the crawler.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum GroupUsed {
    /// Groups naming the crawler (merged when there are several); `lines` are the
    /// `User-agent:` lines that named it.
    Specific { lines: Vec<SourceLine> },
    /// No group names the crawler, so the `User-agent: *` groups (merged) apply.
    Global { lines: Vec<SourceLine> },
    /// Neither: no rule applies and everything is allowed.
    NoGroup,
}

/// How much of an oversized file was read (RFC 9309 asks crawlers for at least 500 KiB).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct Truncation {
    #[ts(type = "number")]
    pub total_bytes: u64,
    #[ts(type = "number")]
    pub parsed_bytes: u64,
}

/// What fetching `/robots.txt` produced, as reported by the fetcher (after following up to
/// five redirects).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FetchOutcome {
    /// A final HTTP status code.
    Status { status: u16 },
    /// No usable response at all.
    Failed { failure: FetchFailure },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum FetchFailure {
    /// DNS, connection or TLS failure.
    Unreachable,
    Timeout,
    /// More than five redirects.
    TooManyRedirects,
}

/// What the crawler must make of the robots.txt fetch (RFC 9309 §2.3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RobotsSource {
    /// A 2xx response: the body is parsed and its rules apply.
    Parsed,
    /// A 4xx response (except 429): there is no robots.txt, so everything is allowed.
    Unavailable { status: u16 },
    /// 5xx, 429 or no response: the crawler must assume everything is disallowed.
    Unreachable { reason: UnreachableReason },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum UnreachableReason {
    ServerError {
        status: u16,
    },
    /// 429 Too Many Requests: treated like a server error, as Google does.
    RateLimited {
        status: u16,
    },
    /// A status outside 2xx–5xx (1xx, or a 3xx left after redirects).
    UnexpectedStatus {
        status: u16,
    },
    Network,
    Timeout,
    TooManyRedirects,
}

/// The verdict for the same page without its query string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct BareUrlCheck {
    pub url: String,
    pub allowed: bool,
    pub matched_rule: Option<MatchedRule>,
}

/// A `User-agent:` line whose value is not a product token (a full browser string, a version
/// such as `OAI-AdsBot/1.0`, several names on one line…). Crawlers match nothing against it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct UnmatchableAgentLine {
    pub line: u32,
    pub text: String,
    /// True when the line mentions the crawler being checked, i.e. it was probably meant for it.
    pub mentions_agent: bool,
}

/// Everything known about one crawler / URL / robots.txt question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct RobotsVerdict {
    /// The crawler's product token, e.g. `OAI-AdsBot`.
    pub agent: String,
    /// The URL checked, exactly as the crawler would request it (query string included).
    pub url: String,
    /// The path and query compared with the rules, after normalisation.
    pub matched_path: String,
    pub source: RobotsSource,
    pub allowed: bool,
    pub group: GroupUsed,
    /// `None` when no rule matched (then the URL is allowed) or robots.txt was not parsed.
    pub matched_rule: Option<MatchedRule>,
    /// Present when the URL has a query string: the same check without it.
    pub bare_url: Option<BareUrlCheck>,
    /// Present when robots.txt was larger than the parse limit.
    pub truncation: Option<Truncation>,
    /// `User-agent:` lines that can never match any crawler (at most 100 are kept).
    pub unmatchable_agent_lines: Vec<UnmatchableAgentLine>,
}

impl RobotsVerdict {
    /// True when the exact URL is blocked while the same page without its query string is
    /// allowed: tracking parameters trip a rule such as `Disallow: /*?utm`.
    pub fn blocks_only_tagged_url(&self) -> bool {
        !self.allowed && self.bare_url.as_ref().is_some_and(|bare| bare.allowed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typescript_declarations_use_numbers_and_snake_case() {
        let cfg = ts_rs::Config::default();
        let verdict = RobotsVerdict::decl(&cfg);
        assert!(
            verdict.contains("matched_rule: MatchedRule | null"),
            "{verdict}"
        );
        assert!(
            verdict.contains("unmatchable_agent_lines: Array<UnmatchableAgentLine>"),
            "{verdict}"
        );
        let truncation = Truncation::decl(&cfg);
        assert!(truncation.contains("total_bytes: number"), "{truncation}");
        let source = RobotsSource::decl(&cfg);
        assert!(source.contains("\"kind\": \"unavailable\""), "{source}");
    }

    #[test]
    fn json_schema_describes_the_verdict() {
        let schema = serde_json::to_value(schemars::schema_for!(RobotsVerdict)).unwrap();
        let properties = &schema["properties"];
        for field in [
            "agent",
            "url",
            "allowed",
            "group",
            "matched_rule",
            "bare_url",
            "source",
        ] {
            assert!(properties.get(field).is_some(), "schema lacks {field}");
        }
    }

    #[test]
    fn fetch_outcome_reads_from_json() {
        let outcome: FetchOutcome =
            serde_json::from_str(r#"{"kind":"failed","failure":"too_many_redirects"}"#).unwrap();
        assert_eq!(
            outcome,
            FetchOutcome::Failed {
                failure: FetchFailure::TooManyRedirects
            }
        );
        let outcome: FetchOutcome =
            serde_json::from_str(r#"{"kind":"status","status":503}"#).unwrap();
        assert_eq!(outcome, FetchOutcome::Status { status: 503 });
    }
}
