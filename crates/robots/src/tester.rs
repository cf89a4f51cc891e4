//! The robots.txt tester: many URLs against one file, each answer with the line that decided it
//! and the group used, in plain words, for a table a person reads row by row.

use crate::error::RobotsError;
use crate::findings::robots_findings;
use crate::types::{GroupUsed, RobotsSource, RobotsVerdict, RuleKind, UnreachableReason};
use crate::verdict::evaluate_many;
use preflight_model::Finding;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Most URLs tested at once; the rest are left out with a note.
pub const MAX_TESTED_URLS: usize = 1_000;

/// One URL's row in the tester.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct UrlTest {
    /// The URL as it was typed.
    pub input: String,
    /// Absent when the URL could not be read; `error` says why.
    pub verdict: Option<RobotsVerdict>,
    /// Why the URL could not be tested, in plain words.
    pub error: Option<String>,
    /// The line that decided, e.g. "Line 2 (`Disallow: /*?utm`) blocks it."
    pub decision: String,
    /// The group used, e.g. "`User-agent: *` (line 1), because no group names OAI-AdsBot".
    pub group: String,
    /// The line to highlight in the file: the deciding rule's.
    pub deciding_line: Option<u32>,
    /// The `User-agent:` lines of the group used.
    pub group_lines: Vec<u32>,
    /// What the audit would report for this URL.
    pub findings: Vec<Finding>,
}

/// The tester's answer for a list of URLs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct RobotsTest {
    pub agent: String,
    pub rows: Vec<UrlTest>,
    /// URLs beyond [`MAX_TESTED_URLS`] that were not tested.
    pub left_out: u32,
    /// What the fetch status means, when the file came from a site and did not answer 2xx.
    pub source_note: Option<String>,
}

/// Tests every non-blank line of `urls` (one URL per line) for `agent` against `body`. Errors
/// only for an agent name that is not a product token.
pub fn test_urls(
    source: RobotsSource,
    body: &[u8],
    agent: &str,
    urls: &str,
) -> Result<RobotsTest, RobotsError> {
    let lines: Vec<&str> = urls
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let tested = &lines[..lines.len().min(MAX_TESTED_URLS)];
    let answers = evaluate_many(source, body, agent, tested)?;
    let rows = tested
        .iter()
        .zip(answers)
        .map(|(input, answer)| row(input, answer))
        .collect();
    Ok(RobotsTest {
        agent: agent.trim().to_string(),
        rows,
        left_out: (lines.len() - tested.len()) as u32,
        source_note: (source != RobotsSource::Parsed).then(|| source_sentence(source)),
    })
}

fn row(input: &str, answer: Result<RobotsVerdict, RobotsError>) -> UrlTest {
    match answer {
        Ok(verdict) => UrlTest {
            input: input.to_string(),
            decision: decision_sentence(&verdict),
            group: group_words(&verdict),
            deciding_line: verdict.matched_rule.as_ref().map(|r| r.line),
            group_lines: match &verdict.group {
                GroupUsed::Specific { lines } | GroupUsed::Global { lines } => {
                    lines.iter().map(|l| l.line).collect()
                }
                GroupUsed::NoGroup => Vec::new(),
            },
            findings: robots_findings(&verdict),
            verdict: Some(verdict),
            error: None,
        },
        Err(e) => UrlTest {
            input: input.to_string(),
            verdict: None,
            error: Some(sentence(&e.to_string())),
            decision: String::new(),
            group: String::new(),
            deciding_line: None,
            group_lines: Vec::new(),
            findings: Vec::new(),
        },
    }
}

/// Which line decided, in words.
pub fn decision_sentence(v: &RobotsVerdict) -> String {
    match (&v.source, &v.matched_rule) {
        (RobotsSource::Parsed, Some(rule)) => format!(
            "Line {} (“{}”) {} it.",
            rule.line,
            rule.text,
            match rule.kind {
                RuleKind::Allow => "allows",
                RuleKind::Disallow => "blocks",
            }
        ),
        (RobotsSource::Parsed, None) => {
            "No rule matches, and anything not blocked is allowed.".to_string()
        }
        (source, _) => source_sentence(*source),
    }
}

/// Which group applied, in words.
pub fn group_words(v: &RobotsVerdict) -> String {
    let lines = |lines: &[crate::types::SourceLine]| {
        lines
            .iter()
            .map(|l| format!("“{}” (line {})", l.text, l.line))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match (&v.source, &v.group) {
        (RobotsSource::Parsed, GroupUsed::Specific { lines: l }) => {
            format!("{}, the group for {}", lines(l), v.agent)
        }
        (RobotsSource::Parsed, GroupUsed::Global { lines: l }) => {
            format!("{}, because no group names {}", lines(l), v.agent)
        }
        (RobotsSource::Parsed, GroupUsed::NoGroup) => format!(
            "None: no group names {} and there is no “User-agent: *” group",
            v.agent
        ),
        _ => "None: the file's rules were not read".to_string(),
    }
}

/// What a crawler must make of a robots.txt fetch that did not give a file (RFC 9309 §2.3.1).
pub fn source_sentence(source: RobotsSource) -> String {
    match source {
        RobotsSource::Parsed => "The file's rules apply.".to_string(),
        RobotsSource::Unavailable { status } => format!(
            "robots.txt answered HTTP {status}: there is no robots.txt, so crawlers may fetch everything (RFC 9309)."
        ),
        RobotsSource::Unreachable { reason } => format!(
            "robots.txt could not be read ({}): crawlers must treat the whole site as blocked until it answers (RFC 9309).",
            match reason {
                UnreachableReason::ServerError { status } => format!("HTTP {status}, a server error"),
                UnreachableReason::RateLimited { status } => format!("HTTP {status}, rate limited"),
                UnreachableReason::UnexpectedStatus { status } => format!("HTTP {status}, an unexpected status"),
                UnreachableReason::Network => "no connection".to_string(),
                UnreachableReason::Timeout => "it timed out".to_string(),
                UnreachableReason::TooManyRedirects => "more than five redirects".to_string(),
            }
        ),
    }
}

/// An error message as a sentence: capital first letter, full stop.
fn sentence(message: &str) -> String {
    let mut chars = message.chars();
    let mut out: String = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    };
    if !out.ends_with('.') {
        out.push('.');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str =
        "User-agent: *\nDisallow: /*?utm\nAllow: /sale\n\nUser-agent: GPTBot\nDisallow: /\n";

    #[test]
    fn each_url_gets_its_deciding_line_and_group() {
        let urls = "https://shop.example/p?utm_source=chatgpt\n\n  https://shop.example/sale  \nhttps://shop.example/other\n";
        let test = test_urls(RobotsSource::Parsed, FILE.as_bytes(), "OAI-AdsBot", urls).unwrap();
        assert_eq!(test.rows.len(), 3, "blank lines are skipped");
        let blocked = &test.rows[0];
        assert!(!blocked.verdict.as_ref().unwrap().allowed);
        assert_eq!(blocked.deciding_line, Some(2));
        assert_eq!(blocked.decision, "Line 2 (“Disallow: /*?utm”) blocks it.");
        assert_eq!(
            blocked.group,
            "“User-agent: *” (line 1), because no group names OAI-AdsBot"
        );
        assert_eq!(blocked.group_lines, vec![1]);
        let sale = &test.rows[1];
        assert_eq!(sale.input, "https://shop.example/sale");
        assert_eq!(sale.deciding_line, Some(3));
        assert_eq!(sale.decision, "Line 3 (“Allow: /sale”) allows it.");
        let other = &test.rows[2];
        assert!(other.verdict.as_ref().unwrap().allowed);
        assert_eq!(other.deciding_line, None);
        assert!(other.decision.starts_with("No rule matches"));
        assert!(test.source_note.is_none());
    }

    #[test]
    fn the_agents_own_group_is_named() {
        let test = test_urls(
            RobotsSource::Parsed,
            FILE.as_bytes(),
            "GPTBot",
            "https://shop.example/",
        )
        .unwrap();
        let row = &test.rows[0];
        assert_eq!(
            row.group,
            "“User-agent: GPTBot” (line 5), the group for GPTBot"
        );
        assert_eq!(row.deciding_line, Some(6));
    }

    #[test]
    fn a_bad_url_gets_a_plain_message_in_its_own_row() {
        let test = test_urls(
            RobotsSource::Parsed,
            FILE.as_bytes(),
            "OAI-AdsBot",
            "landing page\nhttps://shop.example/\nftp://shop.example/x",
        )
        .unwrap();
        assert_eq!(test.rows.len(), 3);
        let bad = &test.rows[0];
        assert!(bad.verdict.is_none());
        let message = bad.error.as_deref().unwrap();
        assert!(
            message.starts_with("\"landing page\" is not a valid web address"),
            "{message}"
        );
        assert!(message.ends_with('.'));
        assert!(test.rows[1].error.is_none());
        assert!(test.rows[2].error.as_deref().unwrap().contains("ftp"));
    }

    #[test]
    fn a_bad_agent_is_one_error() {
        assert!(matches!(
            test_urls(
                RobotsSource::Parsed,
                b"",
                "OAI-AdsBot/1.0",
                "https://x.example/"
            ),
            Err(RobotsError::InvalidAgentToken { .. })
        ));
    }

    #[test]
    fn fetch_status_decides_every_row() {
        let gone = test_urls(
            RobotsSource::Unavailable { status: 404 },
            b"User-agent: *\nDisallow: /",
            "OAI-AdsBot",
            "https://x.example/a\nhttps://x.example/b",
        )
        .unwrap();
        assert!(gone
            .rows
            .iter()
            .all(|r| r.verdict.as_ref().unwrap().allowed));
        assert!(gone
            .source_note
            .as_deref()
            .unwrap()
            .contains("may fetch everything"));
        let down = test_urls(
            RobotsSource::Unreachable {
                reason: UnreachableReason::ServerError { status: 500 },
            },
            b"",
            "OAI-AdsBot",
            "https://x.example/a",
        )
        .unwrap();
        let row = &down.rows[0];
        assert!(!row.verdict.as_ref().unwrap().allowed);
        assert!(row.decision.contains("HTTP 500"), "{}", row.decision);
        assert!(row.decision.contains("whole site as blocked"));
        assert_eq!(row.group, "None: the file's rules were not read");
    }

    #[test]
    fn no_group_is_said_plainly() {
        let test = test_urls(
            RobotsSource::Parsed,
            b"User-agent: GPTBot\nDisallow: /\n",
            "OAI-AdsBot",
            "https://x.example/",
        )
        .unwrap();
        assert_eq!(
            test.rows[0].group,
            "None: no group names OAI-AdsBot and there is no “User-agent: *” group"
        );
    }

    #[test]
    fn long_lists_are_capped_with_a_count() {
        let urls: String = (0..MAX_TESTED_URLS + 5)
            .map(|i| format!("https://x.example/{i}\n"))
            .collect();
        let test = test_urls(RobotsSource::Parsed, FILE.as_bytes(), "OAI-AdsBot", &urls).unwrap();
        assert_eq!(test.rows.len(), MAX_TESTED_URLS);
        assert_eq!(test.left_out, 5);
    }
}
