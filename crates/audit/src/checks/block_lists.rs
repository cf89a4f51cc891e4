//! Copied AI-bot block lists: when OAI-AdsBot is refused by robots.txt or by the server itself,
//! name the published rule set that fits what was seen and the line to look for.
//!
//! From outside, a server rule cannot be read; what can be seen is which server answered the
//! refusal and whether the bare "OAI-AdsBot" token was refused too. Each rule set in
//! `data/block-lists.toml` predicts both (from its entries and how it matches), so only the
//! rule sets that agree with the answers are named.

use crate::agents::Agent;
use crate::artifacts::{FetchArtifact, RobotsFetch};
use preflight_model::{Area, Confidence, Finding, Status};
use preflight_robots::{GroupUsed, RobotsVerdict};
use serde::Deserialize;
use std::sync::OnceLock;

pub const FINDING_ID: &str = "copied-block-list";

#[derive(Debug, Deserialize)]
struct Table {
    lists: Vec<List>,
    servers: Vec<Server>,
}

#[derive(Debug, Deserialize)]
struct List {
    name: String,
    home: String,
    min_agents_in_group: usize,
    agents: Vec<String>,
    formats: Vec<Format>,
}

#[derive(Debug, Deserialize)]
struct Format {
    /// Stable name of the format in the table (read by the tests).
    #[allow(dead_code)]
    id: String,
    file: String,
    server: String,
    line: String,
    #[serde(default)]
    case_insensitive: bool,
    #[serde(default)]
    whole_word: bool,
    #[serde(default)]
    entries: Vec<String>,
    since: String,
    remedy: String,
}

#[derive(Debug, Deserialize)]
struct Server {
    id: String,
    name: String,
    server_header: Vec<String>,
    body: Vec<String>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        toml::from_str(include_str!("../../data/block-lists.toml"))
            .expect("data/block-lists.toml is valid (checked by a test)")
    })
}

/// Findings naming the copied block list behind a refusal, if one fits.
pub fn check(
    fetches: &[FetchArtifact],
    robots: Option<(&RobotsFetch, &RobotsVerdict)>,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    if let Some((fetch, verdict)) = robots {
        findings.extend(robots_group(fetch, verdict));
    }
    findings.extend(server_rule(fetches));
    findings
}

/// A robots.txt group that blocks OAI-AdsBot and looks like a pasted list.
fn robots_group(fetch: &RobotsFetch, verdict: &RobotsVerdict) -> Option<Finding> {
    if verdict.allowed {
        return None;
    }
    let GroupUsed::Specific { lines } = &verdict.group else {
        return None;
    };
    let named = lines.first()?;
    let agents = group_agents(&fetch.body, named.line as usize);
    let (list, format) = table().lists.iter().find_map(|list| {
        let known = agents
            .iter()
            .filter(|a| list.agents.iter().any(|k| k.eq_ignore_ascii_case(a)))
            .count();
        let format = list.formats.iter().find(|f| f.server == "any")?;
        (known >= list.min_agents_in_group).then_some((list, format))
    })?;
    Some(
        Finding::new(
            FINDING_ID,
            Area::Reachability,
            Status::Info,
            format!("The robots.txt block comes from the copied {} list", list.name),
        )
        .detail(format!(
            "The group that names OAI-AdsBot lists {} crawlers, like the robots.txt file published by {} ({}). That list has named OpenAI's ad crawler since {}, so pasting or updating it blocks your ads.",
            agents.len(),
            list.name,
            list.home,
            format.since
        ))
        .confidence(Confidence::High)
        .evidence("Rule set", format!("{} — {}", list.name, format.file))
        .evidence(format!("robots.txt line {}", named.line), named.text.clone())
        .remedy(format.remedy.clone()),
    )
}

/// The `User-agent` names of the group whose header holds line `line` (1-based): the run of
/// `User-agent` lines around it, comments and blank lines skipped.
fn group_agents(body: &str, line: usize) -> Vec<String> {
    let lines: Vec<&str> = body.lines().collect();
    if line == 0 || line > lines.len() {
        return Vec::new();
    }
    let agent_of = |text: &str| -> Option<Option<String>> {
        let text = text.split('#').next().unwrap_or("").trim();
        if text.is_empty() {
            return Some(None);
        }
        let (key, value) = text.split_once(':')?;
        key.trim()
            .eq_ignore_ascii_case("user-agent")
            .then(|| Some(value.trim().to_string()))
    };
    let mut start = line - 1;
    while start > 0 && agent_of(lines[start - 1]).is_some() {
        start -= 1;
    }
    lines[start..]
        .iter()
        .map_while(|l| agent_of(l))
        .flatten()
        .collect()
}

/// A refusal of OAI-AdsBot by the server (no firewall vendor) that fits a copied rule set.
fn server_rule(fetches: &[FetchArtifact]) -> Option<Finding> {
    let by = |agent| fetches.iter().find(|f| f.agent == agent);
    let (bot, token, browser) = (
        by(Agent::Adsbot)?,
        by(Agent::AdsbotToken)?,
        by(Agent::Browser)?,
    );
    if !browser.is_success() || !refused(bot) {
        return None;
    }
    let token_refused = refused(token);
    let server = server_of(bot)?;
    let list_and_formats: Vec<(&List, &Format)> = table()
        .lists
        .iter()
        .flat_map(|l| l.formats.iter().map(move |f| (l, f)))
        .filter(|(_, f)| f.server == server.id)
        .filter(|(_, f)| {
            f.entries
                .iter()
                .any(|e| entry_matches(f, e, &bot.user_agent))
                && f.entries
                    .iter()
                    .any(|e| entry_matches(f, e, &token.user_agent))
                    == token_refused
        })
        .collect();
    let (list, format) = *list_and_formats.first()?;
    let matched: Vec<&str> = format
        .entries
        .iter()
        .filter(|e| entry_matches(format, e, &bot.user_agent))
        .map(String::as_str)
        .collect();
    let how = if format.case_insensitive {
        "without regard to case"
    } else {
        "exactly as written"
    };
    Some(
        Finding::new(
            FINDING_ID,
            Area::Reachability,
            Status::Info,
            format!("The refusal fits the copied {} rules for {}", list.name, server.name),
        )
        .detail(format!(
            "{} answered OAI-AdsBot with a refusal while a browser got the page{}. That is what the {} block list's {} file does: it matches the entries {} {} in the user agent. The list has named OpenAI's crawlers {}. This is read from the answers, not from your configuration: check the line below first.",
            server.name,
            if token_refused {
                ", and the bare name \"OAI-AdsBot\" was refused too"
            } else {
                ", but the bare name \"OAI-AdsBot\" got through"
            },
            list.name,
            format.file,
            matched
                .iter()
                .map(|m| format!("“{m}”"))
                .collect::<Vec<_>>()
                .join(" and "),
            how,
            format.since,
        ))
        .confidence(Confidence::Medium)
        .evidence("Rule set", format!("{} — {}", list.name, format.file))
        .evidence("Line to look for", format.line.clone())
        .evidence("Answered by", server.name.clone())
        .remedy(format.remedy.clone()),
    )
}

/// The agent was turned away: a 4xx answer, or a connection closed without one (nginx's 444).
fn refused(f: &FetchArtifact) -> bool {
    match (f.status, &f.error) {
        (Some(s), None) => matches!(s, 401 | 403 | 406 | 444 | 451),
        (None, Some(_)) => true,
        _ => false,
    }
}

fn server_of(f: &FetchArtifact) -> Option<&'static Server> {
    let header = f.header("server").unwrap_or("").to_ascii_lowercase();
    table().servers.iter().find(|s| {
        s.server_header.iter().any(|h| header.contains(h.as_str()))
            || s.body.iter().any(|b| f.body_head.contains(b.as_str()))
    })
}

/// Whether one list entry matches `user_agent` the way the rule set compares.
fn entry_matches(format: &Format, entry: &str, user_agent: &str) -> bool {
    let (hay, needle) = if format.case_insensitive {
        (user_agent.to_lowercase(), entry.to_lowercase())
    } else {
        (user_agent.to_string(), entry.to_string())
    };
    if needle.is_empty() {
        return false;
    }
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    hay.match_indices(&needle).any(|(at, m)| {
        !format.whole_word
            || (!word(hay[..at].chars().next_back()) && !word(hay[at + m.len()..].chars().next()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_loads_and_every_format_names_a_known_server() {
        let t = table();
        assert!(!t.lists.is_empty());
        for list in &t.lists {
            for f in &list.formats {
                assert!(
                    f.server == "any" || t.servers.iter().any(|s| s.id == f.server),
                    "{}",
                    f.id
                );
                assert!(!f.remedy.is_empty() && !f.line.is_empty());
            }
        }
    }

    #[test]
    fn entries_match_as_the_rule_set_compares() {
        let list = &table().lists[0];
        let get = |id: &str| list.formats.iter().find(|f| f.id == id).unwrap();
        let full = Agent::Adsbot.user_agent();
        // Case-insensitive "OpenAI" hits openai.com in the full user agent, not the token.
        assert!(entry_matches(get("htaccess-older"), "OpenAI", full));
        assert!(!entry_matches(
            get("htaccess-older"),
            "OpenAI",
            "OAI-AdsBot"
        ));
        // Case-sensitive whole words: "OpenAI" never matches, "OAI-AdsBot" does.
        assert!(!entry_matches(get("nginx"), "OpenAI", full));
        assert!(entry_matches(get("nginx"), "OAI-AdsBot", full));
        assert!(!entry_matches(get("nginx"), "AdsBot", "OAI-AdsBotX"));
    }

    #[test]
    fn group_agents_reads_the_run_of_user_agent_lines() {
        let body = "# list\nUser-agent: GPTBot\n\nUser-agent: OAI-AdsBot # ads\nuser-agent: CCBot\nDisallow: /\n\nUser-agent: *\nAllow: /\n";
        assert_eq!(group_agents(body, 4), ["GPTBot", "OAI-AdsBot", "CCBot"]);
        assert!(group_agents(body, 99).is_empty());
        assert!(group_agents(body, 0).is_empty());
    }

    proptest::proptest! {
        /// Any robots.txt text and line number reads without panicking.
        #[test]
        fn any_robots_text_reads(body in "\\PC{0,600}", line in 0usize..40) {
            let _ = group_agents(&body, line);
        }
    }
}
