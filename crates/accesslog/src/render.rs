//! A plain-text rendering of a report for the command line.

use std::fmt::Write;

use crate::report::{AddressScope, AgentSummary, LogReport, StatusClassCounts};

/// Paths, days and addresses listed per agent before the rest is summarised.
const MAX_ROWS: usize = 15;

pub fn render_text(report: &LogReport) -> String {
    let mut out = String::new();
    header(&mut out, report);
    agent(&mut out, &report.adsbot, "OAI-AdsBot");
    if report.ranges.is_some() {
        agent(
            &mut out,
            &report.impostors,
            "Impostors using OAI-AdsBot's name",
        );
    }
    for other in &report.other_agents {
        agent(&mut out, other, other.agent.token());
    }
    let _ = writeln!(out, "\nFindings");
    for finding in &report.findings {
        let _ = writeln!(
            out,
            "  [{}] {} ({})",
            finding.status.tag(),
            finding.title,
            finding.id
        );
        if !finding.detail.is_empty() {
            let _ = writeln!(out, "      {}", finding.detail);
        }
        for evidence in &finding.evidence {
            let location = evidence
                .location
                .as_deref()
                .map(|l| format!(" [{l}]"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "      - {}{location}: {}",
                evidence.label, evidence.value
            );
        }
        if !finding.remedy.is_empty() {
            let _ = writeln!(out, "      What to do: {}", finding.remedy);
        }
    }
    out
}

fn header(out: &mut String, report: &LogReport) {
    let lines = &report.lines;
    let _ = writeln!(
        out,
        "Access log: {}{}",
        report.source.as_deref().unwrap_or("(stream)"),
        if report.compressed { " (gzip)" } else { "" }
    );
    let _ = writeln!(
        out,
        "  {} lines: {} readable ({} with a user agent), {} unreadable, {} blank",
        lines.total, lines.parsed, lines.with_user_agent, lines.unparsed, lines.blank
    );
    if let (Some(first), Some(last)) = (&report.log_first_seen, &report.log_last_seen) {
        let _ = writeln!(out, "  Period: {first} to {last}");
    }
    match &report.ranges {
        Some(ranges) => {
            let _ = writeln!(
                out,
                "  OpenAI address list: {} ranges, created {}",
                ranges.prefixes.len(),
                ranges.creation_time.as_deref().unwrap_or("(no date)")
            );
        }
        None => {
            let _ = writeln!(
                out,
                "  OpenAI address list: not supplied, addresses not verified"
            );
        }
    }
}

fn agent(out: &mut String, summary: &AgentSummary, name: &str) {
    let scope = match summary.addresses {
        AddressScope::InRanges => " (from OpenAI's addresses)",
        AddressScope::OutsideRanges => " (outside OpenAI's addresses)",
        AddressScope::NotChecked => " (addresses not verified)",
    };
    let _ = writeln!(out, "\n{name}{scope}: {}", requests(summary.requests));
    if summary.requests == 0 {
        return;
    }
    let _ = writeln!(
        out,
        "  First {}, last {}",
        summary.first_seen.as_deref().unwrap_or("?"),
        summary.last_seen.as_deref().unwrap_or("?")
    );
    let codes: Vec<String> = summary
        .status_codes
        .iter()
        .map(|s| format!("{} ×{}", s.status, s.count))
        .collect();
    let _ = writeln!(
        out,
        "  Statuses: {} ({})",
        classes(&summary.status_classes),
        codes.join(", ")
    );
    let _ = writeln!(out, "  Paths:");
    for path in summary.paths.iter().take(MAX_ROWS) {
        let statuses: Vec<String> = path
            .statuses
            .iter()
            .map(|s| format!("{} ×{}", s.status, s.count))
            .collect();
        let host = path
            .host
            .as_deref()
            .map(|h| format!("{h} "))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "    {host}{}  {}  (latest {} at {})",
            path.path,
            statuses.join(", "),
            path.last_status,
            path.last_seen
        );
    }
    more(
        out,
        summary.paths.len(),
        summary.untracked_path_requests,
        "paths",
    );
    let _ = writeln!(out, "  Days:");
    for day in summary.days.iter().take(MAX_ROWS) {
        let _ = writeln!(
            out,
            "    {}  {} requests  {}",
            day.date,
            day.requests,
            classes(&day.status_classes)
        );
    }
    more(out, summary.days.len(), 0, "days");
    let _ = writeln!(out, "  Addresses:");
    for client in summary.clients.iter().take(MAX_ROWS) {
        let check = serde_json::to_value(client.check)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "    {}  {} requests  {check}",
            client.address, client.requests
        );
    }
    more(
        out,
        summary.clients.len(),
        summary.untracked_client_requests,
        "addresses",
    );
}

fn more(out: &mut String, listed: usize, untracked: u64, what: &str) {
    if listed > MAX_ROWS {
        let _ = writeln!(out, "    … and {} more {what}", listed - MAX_ROWS);
    }
    if untracked > 0 {
        let _ = writeln!(
            out,
            "    … plus {untracked} requests on {what} beyond the tracking limit"
        );
    }
}

fn classes(c: &StatusClassCounts) -> String {
    let parts = [
        ("1xx", c.informational),
        ("2xx", c.success),
        ("3xx", c.redirect),
        ("4xx", c.client_error),
        ("5xx", c.server_error),
        ("other", c.other),
    ];
    parts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(name, n)| format!("{name} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn requests(n: u64) -> String {
    if n == 1 {
        "1 request".to_string()
    } else {
        format!("{n} requests")
    }
}
