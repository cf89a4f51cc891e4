//! The technical appendix: per page, what every identity received, what the page counts for
//! (from the readiness model), and the robots.txt and tracking-parameter blocks: what the report
//! carries about each page's robots.txt verdict and about parameters surviving the redirects,
//! worded compactly. A block is only built when the page has the data.

use super::text::{breakable, web_link};
use super::tone::{plural, verdict_tone, Tone};
use preflight_document::artifacts::{FetchArtifact, Hop, RobotsFetch};
use preflight_document::report::PageReport;
use preflight_document::Agent;
use preflight_model::Finding;
use preflight_readiness::PageStanding;
use preflight_robots::{GroupUsed, MatchedRule, RobotsSource, SourceLine, UnreachableReason};
use serde::Serialize;

#[derive(Serialize, Debug)]
pub(crate) struct AppendixPage {
    pub url: String,
    pub href: Option<String>,
    pub verdict: &'static str,
    pub tone: Tone,
    pub reason: String,
    /// What the page counts for: "2 blocking problems, 1 warning".
    pub standing: String,
    pub vendor: Option<String>,
    pub title: Option<String>,
    pub fetches: Vec<FetchRow>,
    /// robots.txt's verdict for this address, when the report has it.
    pub robots: Option<CheckBlock>,
    /// Whether the tracking parameters survived the redirects, when the report has it.
    pub params: Option<CheckBlock>,
}

#[derive(Serialize, Debug)]
pub(crate) struct FetchRow {
    /// The identity, or several ("OAI-AdsBot (token only), Desktop browser") that got the same.
    pub agent: String,
    pub outcome: String,
    pub tone: Tone,
    pub final_url: Option<String>,
    pub hops: Vec<String>,
    /// "233 ms", or "187, 190 ms" for identities that got the same in different times.
    pub time: String,
}

/// Identities that got the same answer (result, final address, redirects) share one row, so a
/// page every identity received alike takes one line, not three.
fn merged(rows: Vec<(FetchRow, u32)>) -> Vec<FetchRow> {
    let mut out: Vec<(FetchRow, Vec<u32>)> = Vec::new();
    for (row, ms) in rows {
        match out.iter_mut().find(|(o, _)| {
            o.outcome == row.outcome && o.final_url == row.final_url && o.hops == row.hops
        }) {
            Some((o, times)) => {
                o.agent = format!("{}, {}", o.agent, row.agent);
                times.push(ms);
            }
            None => out.push((row, vec![ms])),
        }
    }
    out.into_iter()
        .map(|(mut row, mut times)| {
            times.dedup();
            let times: Vec<String> = times.iter().map(u32::to_string).collect();
            row.time = format!("{} ms", times.join(", "));
            row
        })
        .collect()
}

/// One page of the appendix; `standing` is the readiness model's count for the page.
pub(crate) fn appendix_page(page: &PageReport, standing: Option<&PageStanding>) -> AppendixPage {
    let title = page
        .fetches
        .iter()
        .find(|f| f.agent == Agent::Browser && f.title.is_some())
        .or_else(|| page.fetches.iter().find(|f| f.title.is_some()))
        .and_then(|f| f.title.as_deref())
        .map(breakable);
    let (blocking, warnings) = standing.map_or((0, 0), |s| (s.blocking, s.warnings));
    AppendixPage {
        url: breakable(&page.url),
        href: web_link(&page.url),
        verdict: page.verdict.label(),
        tone: verdict_tone(page.verdict),
        reason: breakable(&page.verdict_reason),
        standing: format!(
            "{}, {}",
            plural(blocking, "blocking problem", "blocking problems"),
            plural(warnings, "warning", "warnings")
        ),
        vendor: page.vendor.as_deref().map(breakable),
        title,
        fetches: merged(page.fetches.iter().map(fetch_row).collect()),
        robots: robots_block(page),
        params: params_block(page),
    }
}

fn fetch_row(fetch: &FetchArtifact) -> (FetchRow, u32) {
    let (outcome, tone) = match (&fetch.error, fetch.status) {
        (Some(error), _) => (format!("Failed: {}", breakable(&error.message)), Tone::Bad),
        (None, Some(status)) => (
            format!("HTTP {status}"),
            match status {
                200..=299 => Tone::Good,
                300..=399 => Tone::Warn,
                _ => Tone::Bad,
            },
        ),
        (None, None) => ("No response".to_string(), Tone::Bad),
    };
    let hops = if fetch.redirect_count() == 0 {
        Vec::new()
    } else {
        fetch
            .hops
            .iter()
            .map(|hop| {
                format!(
                    "{} {} ({} ms)",
                    hop.status,
                    breakable(&hop.url),
                    hop.elapsed_ms
                )
            })
            .collect()
    };
    let row = FetchRow {
        agent: fetch.agent.label().to_string(),
        outcome,
        tone,
        // Said in three words rather than repeated when the page answered where it was asked.
        final_url: fetch.final_url.as_deref().map(|url| {
            if url == fetch.requested_url && fetch.redirect_count() == 0 {
                SAME_ADDRESS.to_string()
            } else {
                breakable(url)
            }
        }),
        hops,
        time: String::new(),
    };
    (row, fetch.total_ms)
}

/// The final address of a fetch that was not redirected.
pub(crate) const SAME_ADDRESS: &str = "The address requested";

/// Findings the parameter-survival check produces (ids from the finding catalogue).
const PARAM_FINDING_IDS: [&str; 3] = [
    "utm-dropped-by-redirect",
    "utm-survives-redirects",
    "redirect-chain-empty",
];

/// One labelled block in the appendix: a verdict badge and a few label/value lines.
#[derive(Serialize, Debug)]
pub(crate) struct CheckBlock {
    pub title: &'static str,
    pub headline: String,
    pub tone: Tone,
    pub facts: Vec<Fact>,
}

#[derive(Serialize, Debug)]
pub(crate) struct Fact {
    pub label: String,
    pub value: String,
}

fn fact(label: impl Into<String>, value: impl AsRef<str>) -> Fact {
    Fact {
        label: breakable(&label.into()),
        value: breakable(value.as_ref()),
    }
}

/// robots.txt for this page: the verdict, the file it came from, the group and line that
/// decided it, and the same question for the address without its query string.
fn robots_block(page: &PageReport) -> Option<CheckBlock> {
    let verdict = page.robots.as_ref();
    let file = page.robots_fetch.as_ref();
    if verdict.is_none() && file.is_none() {
        return None;
    }
    let (headline, tone) = match verdict {
        Some(v) if v.allowed => (format!("{} may fetch this address", v.agent), Tone::Good),
        Some(v) if v.blocks_only_tagged_url() => (
            format!(
                "{} may not fetch this tagged address (allowed without its parameters)",
                v.agent
            ),
            Tone::Bad,
        ),
        Some(v) => (format!("{} may not fetch this address", v.agent), Tone::Bad),
        None => ("Not evaluated".to_string(), Tone::Neutral),
    };
    let mut facts = Vec::new();
    if let Some(file) = file {
        facts.push(fact("File", robots_file_text(file)));
    }
    if let Some(v) = verdict {
        facts.push(fact("How it was read", source_text(&v.source)));
        if v.source == RobotsSource::Parsed {
            facts.push(fact("Rules used", group_text(&v.group, &v.agent)));
            facts.push(fact("Deciding line", rule_text(v.matched_rule.as_ref())));
            facts.push(fact("Path compared", &v.matched_path));
        }
        if let Some(bare) = &v.bare_url {
            let answer = if bare.allowed { "allowed" } else { "blocked" };
            let rule = match (&v.source, &bare.matched_rule) {
                (RobotsSource::Parsed, rule) => format!(" ({})", rule_text(rule.as_ref())),
                _ => String::new(),
            };
            facts.push(fact(
                "Without the query string",
                format!("{answer}{rule}: {}", bare.url),
            ));
        }
        if let Some(cut) = v.truncation {
            facts.push(fact(
                "Note",
                format!(
                    "The file is {} bytes; only the first {} were read, as crawlers do.",
                    cut.total_bytes, cut.parsed_bytes
                ),
            ));
        }
        for line in v
            .unmatchable_agent_lines
            .iter()
            .filter(|l| l.mentions_agent)
        {
            facts.push(fact(
                "Note",
                format!(
                    "Line {} is not a valid User-agent line and matches no crawler: {}",
                    line.line, line.text
                ),
            ));
        }
    }
    Some(CheckBlock {
        title: "robots.txt",
        headline,
        tone,
        facts,
    })
}

fn robots_file_text(file: &RobotsFetch) -> String {
    let mut text = file.url.clone();
    match (&file.error, file.status) {
        (Some(error), _) => text.push_str(&format!(": failed, {}", error.message)),
        (None, Some(status)) => {
            text.push_str(&format!(": HTTP {status}, {} bytes", file.body_bytes));
            if file.truncated {
                text.push_str(" (cut at the parse limit)");
            }
        }
        (None, None) => text.push_str(": no answer"),
    }
    let redirects = file.hops.len().saturating_sub(1);
    if redirects > 0 {
        text.push_str(&format!(
            ", after {redirects} redirect{}",
            if redirects == 1 { "" } else { "s" }
        ));
    }
    text
}

fn source_text(source: &RobotsSource) -> String {
    match source {
        RobotsSource::Parsed => "Read; its rules apply".to_string(),
        RobotsSource::Unavailable { status } => {
            format!("HTTP {status}: there is no robots.txt, so everything is allowed")
        }
        RobotsSource::Unreachable { reason } => format!(
            "{}: crawlers must treat the whole site as disallowed",
            reason_text(*reason)
        ),
    }
}

fn reason_text(reason: UnreachableReason) -> String {
    match reason {
        UnreachableReason::ServerError { status } => format!("HTTP {status} (server error)"),
        UnreachableReason::RateLimited { status } => format!("HTTP {status} (rate limited)"),
        UnreachableReason::UnexpectedStatus { status } => format!("HTTP {status} (unexpected)"),
        UnreachableReason::Network => "No connection".to_string(),
        UnreachableReason::Timeout => "Timed out".to_string(),
        UnreachableReason::TooManyRedirects => "More than 5 redirects".to_string(),
    }
}

fn group_text(group: &GroupUsed, agent: &str) -> String {
    match group {
        GroupUsed::Specific { lines } => format!("the group for {agent}, {}", lines_text(lines)),
        GroupUsed::Global { lines } => {
            format!("the group for all crawlers, {}", lines_text(lines))
        }
        GroupUsed::NoGroup => format!("no group applies to {agent}"),
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

/// Tracking parameters: did they survive the redirects, and if not, which were lost at which
/// hop (from the parameter check's finding), or the redirect chain when there is no such finding.
fn params_block(page: &PageReport) -> Option<CheckBlock> {
    let fetch = page.params_fetch.as_ref();
    if page.params_survive.is_none() && fetch.is_none() {
        return None;
    }
    let (headline, tone) = match page.params_survive {
        Some(true) => ("Kept through every redirect", Tone::Good),
        Some(false) => ("Changed or dropped by a redirect", Tone::Bad),
        None => ("Could not be told", Tone::Neutral),
    };
    let mut facts = Vec::new();
    if let Some(fetch) = fetch {
        facts.push(fact("Tested with", &fetch.requested_url));
        facts.push(fact("Result", fetch_outcome(fetch)));
    }
    match params_finding(page) {
        // The check's evidence names the hop that lost parameters and which ones.
        Some(finding) => {
            for e in &finding.evidence {
                facts.push(fact(&e.label, &e.value));
            }
        }
        // Without it, the chain itself.
        None => {
            if let Some(fetch) = fetch.filter(|f| f.redirect_count() > 0) {
                for (i, hop) in fetch.hops.iter().enumerate() {
                    facts.push(fact(format!("Response {}", i + 1), hop_text(hop)));
                }
            }
        }
    }
    Some(CheckBlock {
        title: "Tracking parameters",
        headline: headline.to_string(),
        tone,
        facts,
    })
}

fn params_finding(page: &PageReport) -> Option<&Finding> {
    page.findings
        .iter()
        .find(|f| PARAM_FINDING_IDS.contains(&f.id.as_str()))
}

fn fetch_outcome(fetch: &FetchArtifact) -> String {
    match (&fetch.error, fetch.status) {
        (Some(error), _) => format!("failed: {}", error.message),
        (None, Some(status)) => format!(
            "HTTP {status} after {} redirect{}",
            fetch.redirect_count(),
            if fetch.redirect_count() == 1 { "" } else { "s" }
        ),
        (None, None) => "no response".to_string(),
    }
}

fn hop_text(hop: &Hop) -> String {
    format!("{} {} ({} ms)", hop.status, hop.url, hop.elapsed_ms)
}
