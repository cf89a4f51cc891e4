//! Plain-text rendering of a verdict for the command line.

use crate::types::{
    GroupUsed, MatchedRule, RobotsSource, RobotsVerdict, SourceLine, UnreachableReason,
};
use std::fmt::Write;

/// A short, aligned report: verdict, group, matching rule, the plain-URL comparison and notes.
pub fn render_text(v: &RobotsVerdict) -> String {
    let mut out = String::new();
    let verdict = if v.allowed { "ALLOWED" } else { "BLOCKED" };
    let _ = writeln!(out, "URL:       {}", v.url);
    let _ = writeln!(out, "Agent:     {}", v.agent);
    let _ = writeln!(out, "Verdict:   {verdict}");
    match v.source {
        RobotsSource::Parsed => {
            let _ = writeln!(out, "Group:     {}", group_text(&v.group));
            let _ = writeln!(out, "Rule:      {}", rule_text(v.matched_rule.as_ref()));
            if let Some(bare) = &v.bare_url {
                let _ = writeln!(
                    out,
                    "Plain URL: {} -> {} ({})",
                    bare.url,
                    if bare.allowed { "allowed" } else { "blocked" },
                    rule_text(bare.matched_rule.as_ref())
                );
            }
        }
        RobotsSource::Unavailable { status } => {
            let _ = writeln!(
                out,
                "robots.txt: HTTP {status}, treated as absent: everything allowed"
            );
        }
        RobotsSource::Unreachable { reason } => {
            let _ = writeln!(
                out,
                "robots.txt: {}, treated as unreachable: everything blocked",
                reason_text(reason)
            );
        }
    }
    if v.blocks_only_tagged_url() {
        let _ = writeln!(out, "Warning:   only the URL with its query string is blocked (tracking parameters trip a rule)");
    }
    for line in v
        .unmatchable_agent_lines
        .iter()
        .filter(|l| l.mentions_agent)
    {
        let _ = writeln!(
            out,
            "Warning:   line {} is not a valid User-agent line and matches nothing: {}",
            line.line, line.text
        );
    }
    if let Some(cut) = v.truncation {
        let _ = writeln!(
            out,
            "Warning:   file is {} bytes; only the first {} bytes were read",
            cut.total_bytes, cut.parsed_bytes
        );
    }
    out
}

fn group_text(group: &GroupUsed) -> String {
    match group {
        GroupUsed::Specific { lines } | GroupUsed::Global { lines } => lines_text(lines),
        GroupUsed::NoGroup => "no group applies".to_string(),
    }
}

fn lines_text(lines: &[SourceLine]) -> String {
    lines
        .iter()
        .map(|l| format!("line {}: {}", l.line, l.text))
        .collect::<Vec<_>>()
        .join("; ")
}

fn rule_text(rule: Option<&MatchedRule>) -> String {
    match rule {
        Some(rule) => format!("line {}: {}", rule.line, rule.text),
        None => "no rule matches".to_string(),
    }
}

fn reason_text(reason: UnreachableReason) -> String {
    match reason {
        UnreachableReason::ServerError { status } => format!("HTTP {status} (server error)"),
        UnreachableReason::RateLimited { status } => format!("HTTP {status} (rate limited)"),
        UnreachableReason::UnexpectedStatus { status } => format!("HTTP {status} (unexpected)"),
        UnreachableReason::Network => "no connection".to_string(),
        UnreachableReason::Timeout => "timed out".to_string(),
        UnreachableReason::TooManyRedirects => "more than 5 redirects".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::{FetchFailure, FetchOutcome};
    use crate::{evaluate, evaluate_fetched};

    #[test]
    fn trap_report_names_rule_group_and_plain_url() {
        let v = evaluate(
            b"User-agent: *\nDisallow: /*?utm\n",
            "OAI-AdsBot",
            "https://x.example/p?utm_source=chatgpt",
        )
        .unwrap();
        let text = render_text(&v);
        assert!(text.contains("Verdict:   BLOCKED"), "{text}");
        assert!(text.contains("Group:     line 1: User-agent: *"), "{text}");
        assert!(
            text.contains("Rule:      line 2: Disallow: /*?utm"),
            "{text}"
        );
        assert!(
            text.contains("Plain URL: https://x.example/p -> allowed (no rule matches)"),
            "{text}"
        );
        assert!(
            text.contains("only the URL with its query string is blocked"),
            "{text}"
        );
    }

    #[test]
    fn allowed_report_without_groups() {
        let v = evaluate(b"", "OAI-AdsBot", "https://x.example/").unwrap();
        let text = render_text(&v);
        assert!(text.contains("Verdict:   ALLOWED"));
        assert!(text.contains("Group:     no group applies"));
        assert!(!text.contains("Plain URL"));
        assert!(!text.contains("Warning"));
    }

    #[test]
    fn fetch_outcomes_are_explained() {
        let v = evaluate_fetched(
            FetchOutcome::Failed {
                failure: FetchFailure::Timeout,
            },
            b"",
            "OAI-AdsBot",
            "https://x.example/",
        )
        .unwrap();
        assert!(render_text(&v)
            .contains("robots.txt: timed out, treated as unreachable: everything blocked"));
        let v = evaluate_fetched(
            FetchOutcome::Status { status: 410 },
            b"",
            "OAI-AdsBot",
            "https://x.example/",
        )
        .unwrap();
        assert!(render_text(&v).contains("HTTP 410, treated as absent: everything allowed"));
    }

    #[test]
    fn warnings_for_bad_agent_lines_and_size() {
        let mut robots = String::from("User-agent: OAI-AdsBot/1.0\nAllow: /\n");
        robots.push_str(&"#\n".repeat(300_000));
        let v = evaluate(robots.as_bytes(), "OAI-AdsBot", "https://x.example/").unwrap();
        let text = render_text(&v);
        assert!(
            text.contains("line 1 is not a valid User-agent line"),
            "{text}"
        );
        assert!(text.contains("only the first"), "{text}");
    }
}
