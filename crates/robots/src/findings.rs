//! Turns a verdict into findings a marketer can act on.

use crate::pattern::normalise_path;
use crate::rules_data::rules;
use crate::types::{GroupUsed, MatchedRule, RobotsSource, RobotsVerdict, UnreachableReason};
use preflight_model::{Area, Confidence, Finding, Status};

/// Finding ids, stable across releases (documented in docs/findings-robots.md).
pub mod ids {
    pub const ALLOWS: &str = "robots-allows-adsbot";
    pub const BLOCKS: &str = "robots-blocks-adsbot";
    pub const BLOCKS_TAGGED_URL: &str = "robots-blocks-tagged-url";
    pub const UNREACHABLE: &str = "robots-unreachable";
    pub const MISSING: &str = "robots-missing";
    pub const NO_AGENT_GROUP: &str = "robots-no-adsbot-group";
    pub const FULL_UA_LINE: &str = "robots-full-ua-line";
    pub const TRUNCATED: &str = "robots-truncated";
}

/// Most group lines quoted as evidence.
const MAX_GROUP_EVIDENCE: usize = 10;

/// The findings for one verdict: exactly one of allows / blocks / blocks-tagged-url /
/// unreachable / missing, plus any of no-adsbot-group, full-ua-line and truncated.
pub fn robots_findings(verdict: &RobotsVerdict) -> Vec<Finding> {
    match verdict.source {
        RobotsSource::Unreachable { reason } => vec![unreachable(verdict, reason)],
        RobotsSource::Unavailable { status } => vec![missing(verdict, status)],
        RobotsSource::Parsed => {
            let mut findings = vec![main_verdict(verdict)];
            findings.extend(no_agent_group(verdict));
            findings.extend(full_ua_lines(verdict));
            findings.extend(truncated(verdict));
            findings
        }
    }
}

fn main_verdict(v: &RobotsVerdict) -> Finding {
    if v.allowed {
        allows(v)
    } else if v.blocks_only_tagged_url() {
        blocks_tagged_url(v)
    } else {
        blocks(v)
    }
}

fn allows(v: &RobotsVerdict) -> Finding {
    let why = match &v.matched_rule {
        Some(rule) => format!("Line {} (“{}”) permits it.", rule.line, rule.text),
        None => "No rule in the file matches it, and anything not blocked is allowed.".to_string(),
    };
    with_context(
        Finding::new(
            ids::ALLOWS,
            Area::Reachability,
            Status::Pass,
            format!("robots.txt lets {} fetch your ad's landing page", v.agent),
        )
        .detail(format!("{} {}", group_sentence(v), why)),
        v,
    )
}

fn blocks(v: &RobotsVerdict) -> Finding {
    let rule = v.matched_rule.as_ref();
    let rule_sentence = rule.map_or(String::new(), |r| {
        format!(" Line {} (“{}”) matches this address.", r.line, r.text)
    });
    with_context(
        Finding::new(ids::BLOCKS, Area::Reachability, Status::Fail, format!("robots.txt blocks {} from your ad's landing page", v.agent))
            .detail(format!(
                "{} must be allowed to visit the landing page before an ad can be approved; a blocked page leaves the ad \"Not serving\", and support cannot bypass it. {}{}",
                v.agent,
                group_sentence(v),
                rule_sentence
            ))
            .remedy(unblock_remedy(v, rule)),
        v,
    )
}

fn blocks_tagged_url(v: &RobotsVerdict) -> Finding {
    let rule = v.matched_rule.as_ref();
    let bare_url = v.bare_url.as_ref().map_or("", |b| b.url.as_str());
    let rule_sentence = rule.map_or(String::new(), |r| {
        format!("Line {} (“{}”) matches the tagged address", r.line, r.text)
    });
    let finding = Finding::new(
        ids::BLOCKS_TAGGED_URL,
        Area::Reachability,
        Status::Fail,
        format!("robots.txt blocks your ad's tagged URL for {}, though the plain page is allowed", v.agent),
    )
    .detail(format!(
        "{agent} checks the exact destination address, tracking parameters included. {rule_sentence}, so the ad will be rejected or stop serving, while the same page without parameters ({bare_url}) is allowed. Rules such as “Disallow: /*?utm” or “Disallow: /*?” are often added to keep tracking URLs out of search results and catch ads by accident.",
        agent = v.agent
    ))
    .remedy(unblock_remedy(v, rule));
    with_context(finding, v).evidence(
        "Plain page (no query string)",
        format!("{bare_url}: allowed"),
    )
}

/// What to change so the exact URL is allowed. Which fix is right depends on whether the
/// blocking rule sits in a group naming the crawler or in the `*` group.
fn unblock_remedy(v: &RobotsVerdict, rule: Option<&MatchedRule>) -> String {
    let group_lines = recommended_group(&v.agent);
    let line_ref = rule.map_or("the blocking line".to_string(), |r| {
        format!("line {} (“{}”)", r.line, r.text)
    });
    match &v.group {
        GroupUsed::Specific { .. } => {
            let mut remedy = format!(
                "The block is in the group for {agent}. Delete {line_ref}, or narrow it so it no longer covers this address.",
                agent = v.agent
            );
            if let Some(allow) = override_allow_line(v) {
                remedy.push_str(&format!(
                    " Or add this line directly under “User-agent: {agent}”; being longer than the blocking rule, it wins:\n\n{allow}",
                    agent = v.agent
                ));
            }
            remedy.push_str(&format!(
                "\n\nThe simplest group that gives {} full access is:\n\n{group_lines}",
                v.agent
            ));
            remedy
        }
        GroupUsed::Global { .. } | GroupUsed::NoGroup => format!(
            "Add a group of its own for {agent}, as a separate block (for example at the very top of robots.txt):\n\n{group_lines}\n\nWith its own group, {agent} ignores the “User-agent: *” rules. Alternatively delete or narrow {line_ref}, which affects every crawler.",
            agent = v.agent
        ),
    }
}

/// An `Allow:` line that would beat the blocking rule for a tagged URL: the plain path
/// followed by `?`, when that is longer than the blocking pattern.
pub(crate) fn override_allow_line(v: &RobotsVerdict) -> Option<String> {
    let rule = v.matched_rule.as_ref()?;
    let bare = v.bare_url.as_ref()?;
    let path = v.matched_path.split_once('?')?.0;
    if path.contains('*') || !bare.allowed {
        return None;
    }
    let pattern = format!("{path}?");
    (normalise_path(pattern.as_bytes()).len() > rule.pattern.len())
        .then(|| format!("Allow: {pattern}"))
}

fn unreachable(v: &RobotsVerdict, reason: UnreachableReason) -> Finding {
    let (what, fix) = match reason {
        UnreachableReason::ServerError { status } => (
            format!("Requesting /robots.txt returned HTTP {status}, a server error."),
            "Make /robots.txt answer with status 200 and the file (or 404 if you have none). Check the server or CDN logs for the error.".to_string(),
        ),
        UnreachableReason::RateLimited { status } => (
            format!("Requesting /robots.txt returned HTTP {status} (Too Many Requests). Crawlers treat this like a server error."),
            "Exempt /robots.txt, and OpenAI's crawlers, from rate limiting so the file always answers with status 200.".to_string(),
        ),
        UnreachableReason::UnexpectedStatus { status } => (
            format!("Requesting /robots.txt returned HTTP {status}, which is not a usable answer."),
            "Make /robots.txt answer with status 200 and the file (or 404 if you have none).".to_string(),
        ),
        UnreachableReason::Network => (
            "The server could not be reached when requesting /robots.txt (name lookup, connection or certificate failure).".to_string(),
            "Check that the domain resolves and the site answers over HTTPS, then run the check again.".to_string(),
        ),
        UnreachableReason::Timeout => (
            "The server did not answer the request for /robots.txt in time.".to_string(),
            "Make /robots.txt answer quickly (it is a small static file; serve it from the CDN cache).".to_string(),
        ),
        UnreachableReason::TooManyRedirects => (
            "Requesting /robots.txt led to more than five redirects.".to_string(),
            "Fix the redirect chain so /robots.txt is reached in at most five redirects (ideally none).".to_string(),
        ),
    };
    Finding::new(
        ids::UNREACHABLE,
        Area::Reachability,
        Status::Fail,
        format!("robots.txt could not be read, so {} must treat the whole site as blocked", v.agent),
    )
    .detail(format!(
        "{what} Under the robots.txt standard, a crawler that cannot read the file must assume it may visit nothing, so {} will not review your landing page and the ad cannot serve.",
        v.agent
    ))
    .remedy(fix)
    // A network failure or timeout may be this computer's connection rather than the site.
    .confidence(match reason {
        UnreachableReason::Network | UnreachableReason::Timeout => Confidence::Medium,
        _ => Confidence::High,
    })
    .evidence("robots.txt fetch", fetch_description(reason))
    .evidence("Ad destination URL", v.url.clone())
}

fn fetch_description(reason: UnreachableReason) -> String {
    match reason {
        UnreachableReason::ServerError { status }
        | UnreachableReason::RateLimited { status }
        | UnreachableReason::UnexpectedStatus { status } => format!("HTTP {status}"),
        UnreachableReason::Network => "no connection".into(),
        UnreachableReason::Timeout => "timed out".into(),
        UnreachableReason::TooManyRedirects => "more than 5 redirects".into(),
    }
}

fn missing(v: &RobotsVerdict, status: u16) -> Finding {
    let auth_like = matches!(status, 401 | 403);
    let mut detail = format!(
        "Requesting /robots.txt returned HTTP {status}. Crawlers read that as \"there is no robots.txt\" and may visit every page, {} included.",
        v.agent
    );
    if auth_like {
        detail.push_str(" A 401 or 403 on robots.txt often comes from a firewall or bot protection; if it also answers the landing page that way, the ad is blocked there instead — see the firewall checks.");
    }
    let finding = Finding::new(
        ids::MISSING,
        Area::Reachability,
        if auth_like {
            Status::Info
        } else {
            Status::Pass
        },
        format!("No robots.txt found, so {} may crawl every page", v.agent),
    )
    .detail(detail)
    .evidence("robots.txt fetch", format!("HTTP {status}"));
    if auth_like {
        finding.remedy("Check that your firewall or bot protection lets OAI-AdsBot through; serving robots.txt with status 200 or 404 avoids the doubt.")
    } else {
        finding
    }
}

fn no_agent_group(v: &RobotsVerdict) -> Option<Finding> {
    let current = match &v.group {
        GroupUsed::Specific { .. } => return None,
        GroupUsed::Global { .. } => {
            "Right now the “User-agent: *” rules, meant for all crawlers, decide what it may fetch."
        }
        GroupUsed::NoGroup => "Right now no rules apply to it, so it may fetch everything.",
    };
    let finding =
        Finding::new(ids::NO_AGENT_GROUP, Area::Reachability, Status::Info, format!("robots.txt does not name {} explicitly", v.agent))
            .detail(format!(
                "OpenAI recommends a group of its own for {} so that rules written for other crawlers cannot block ads by accident. {current}",
                v.agent
            ))
            .remedy(format!(
                "Add these lines to robots.txt as a separate block, for example at the very top:\n\n{}",
                recommended_group(&v.agent)
            ));
    Some(with_group_evidence(finding, v))
}

fn full_ua_lines(v: &RobotsVerdict) -> Option<Finding> {
    let meant: Vec<_> = v
        .unmatchable_agent_lines
        .iter()
        .filter(|l| l.mentions_agent)
        .collect();
    let first = meant.first()?;
    let lines = meant
        .iter()
        .map(|l| l.line.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let mut finding = Finding::new(
        ids::FULL_UA_LINE,
        Area::Reachability,
        Status::Warn,
        format!("A robots.txt line meant for {} is ignored by crawlers", v.agent),
    )
    .detail(format!(
        "A “User-agent:” line must hold only the crawler's short name. Line {} (“{}”) holds a full browser string, a version number or several names, so it matches no crawler and the rules under it never apply to {}.",
        first.line, first.text, v.agent
    ))
    .remedy(format!(
        "Replace line(s) {lines} with exactly:\n\nUser-agent: {}\n\n(one crawler name per “User-agent:” line).",
        v.agent
    ));
    for line in meant {
        finding = finding.evidence_at(
            "Ignored User-agent line",
            line.text.clone(),
            location(line.line),
        );
    }
    Some(finding)
}

fn truncated(v: &RobotsVerdict) -> Option<Finding> {
    let cut = v.truncation?;
    Some(
        Finding::new(ids::TRUNCATED, Area::Reachability, Status::Warn, "robots.txt is larger than 500 KiB; crawlers may ignore the end of it")
            .detail(format!(
                "The file is {} bytes. Crawlers only have to read the first 500 KiB, so rules after that point may be ignored and {} may not see the rules you wrote. This check read the first {} bytes.",
                cut.total_bytes, v.agent, cut.parsed_bytes
            ))
            .remedy(format!(
                "Shrink robots.txt below 500 KiB by removing duplicate and outdated rules, and put the {} group near the top.",
                v.agent
            ))
            .evidence("File size", format!("{} bytes (read: {})", cut.total_bytes, cut.parsed_bytes)),
    )
}

/// The group lines OpenAI recommends (from the data file) for OAI-AdsBot; the same shape for
/// any other crawler being checked.
fn recommended_group(agent: &str) -> String {
    let ads_bot = &rules().ads_bot;
    if agent.eq_ignore_ascii_case(&ads_bot.token) {
        ads_bot.recommended_group.join("\n")
    } else {
        format!("User-agent: {agent}\nAllow: /")
    }
}

fn group_sentence(v: &RobotsVerdict) -> String {
    match &v.group {
        GroupUsed::Specific { lines } => format!(
            "The rules for {} ({}) apply to this address.",
            v.agent,
            line_list(lines.iter().map(|l| l.line))
        ),
        GroupUsed::Global { lines } => format!(
            "No group names {}, so the rules for all crawlers (“User-agent: *”, {}) apply.",
            v.agent,
            line_list(lines.iter().map(|l| l.line))
        ),
        GroupUsed::NoGroup => format!("No group in robots.txt applies to {}.", v.agent),
    }
}

fn line_list(lines: impl Iterator<Item = u32>) -> String {
    let numbers: Vec<String> = lines.map(|n| n.to_string()).collect();
    match numbers.len() {
        1 => format!("line {}", numbers[0]),
        _ => format!("lines {}", numbers.join(", ")),
    }
}

/// Adds the URL, group lines and matched rule as evidence.
fn with_context(finding: Finding, v: &RobotsVerdict) -> Finding {
    let finding = with_group_evidence(
        finding.evidence("Ad destination URL checked", v.url.clone()),
        v,
    );
    match &v.matched_rule {
        Some(rule) => finding.evidence_at("Matching rule", rule.text.clone(), location(rule.line)),
        None => finding.evidence("Matching rule", "none"),
    }
}

/// Adds the `User-agent` lines of the group used (or "no group applies").
fn with_group_evidence(mut finding: Finding, v: &RobotsVerdict) -> Finding {
    match &v.group {
        GroupUsed::Specific { lines } | GroupUsed::Global { lines } => {
            for line in lines.iter().take(MAX_GROUP_EVIDENCE) {
                finding = finding.evidence_at("Group used", line.text.clone(), location(line.line));
            }
            finding
        }
        GroupUsed::NoGroup => finding.evidence("Group used", "no group applies"),
    }
}

fn location(line: u32) -> String {
    format!("robots.txt:{line}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::{FetchFailure, FetchOutcome};
    use crate::{evaluate, evaluate_fetched};
    use preflight_model::Severity;

    const AGENT: &str = "OAI-AdsBot";
    const TAGGED: &str = "https://shop.example/landing?utm_source=chatgpt&utm_medium=cpc";

    fn findings(robots: &str, url: &str) -> Vec<Finding> {
        robots_findings(&evaluate(robots.as_bytes(), AGENT, url).unwrap())
    }

    fn ids_of(findings: &[Finding]) -> Vec<&str> {
        findings.iter().map(|f| f.id.as_str()).collect()
    }

    fn evidence<'a>(finding: &'a Finding, label: &str) -> Vec<&'a str> {
        finding
            .evidence
            .iter()
            .filter(|e| e.label == label)
            .map(|e| e.value.as_str())
            .collect()
    }

    #[test]
    fn explicit_allow_group_passes() {
        let f = findings(
            "User-agent: OAI-AdsBot\nAllow: /\n\nUser-agent: *\nDisallow: /\n",
            TAGGED,
        );
        assert_eq!(ids_of(&f), vec![ids::ALLOWS]);
        assert_eq!(f[0].status, Status::Pass);
        assert_eq!(f[0].area, Area::Reachability);
        assert_eq!(evidence(&f[0], "Matching rule"), vec!["Allow: /"]);
        assert_eq!(
            evidence(&f[0], "Group used"),
            vec!["User-agent: OAI-AdsBot"]
        );
        assert_eq!(
            f[0].evidence
                .iter()
                .find(|e| e.label == "Group used")
                .unwrap()
                .location
                .as_deref(),
            Some("robots.txt:1")
        );
    }

    #[test]
    fn the_trap_is_its_own_failure_with_a_working_remedy() {
        let robots = "User-agent: *\nDisallow: /*?utm\n";
        let f = findings(robots, TAGGED);
        assert_eq!(
            ids_of(&f),
            vec![ids::BLOCKS_TAGGED_URL, ids::NO_AGENT_GROUP]
        );
        let trap = &f[0];
        assert_eq!(trap.status, Status::Fail);
        assert_eq!(trap.severity, Severity::High);
        assert!(
            trap.detail.contains("Line 2 (“Disallow: /*?utm”)"),
            "{}",
            trap.detail
        );
        assert!(trap.detail.contains("https://shop.example/landing)"));
        let rule = trap
            .evidence
            .iter()
            .find(|e| e.label == "Matching rule")
            .unwrap();
        assert_eq!(
            (rule.value.as_str(), rule.location.as_deref()),
            ("Disallow: /*?utm", Some("robots.txt:2"))
        );
        assert!(trap.remedy.contains("User-agent: OAI-AdsBot\nAllow: /"));

        // Following the remedy fixes it.
        let fixed = format!("User-agent: OAI-AdsBot\nAllow: /\n\n{robots}");
        assert_eq!(ids_of(&findings(&fixed, TAGGED)), vec![ids::ALLOWS]);
    }

    #[test]
    fn trap_inside_the_agent_group_suggests_a_longer_allow_that_works() {
        let robots = "User-agent: OAI-AdsBot\nDisallow: /*?\n";
        let v = evaluate(robots.as_bytes(), AGENT, TAGGED).unwrap();
        let f = robots_findings(&v);
        assert_eq!(ids_of(&f), vec![ids::BLOCKS_TAGGED_URL]);
        let allow = override_allow_line(&v).expect("a longer Allow exists");
        assert_eq!(allow, "Allow: /landing?");
        assert!(f[0].remedy.contains(&allow));
        let fixed = format!("User-agent: OAI-AdsBot\n{allow}\nDisallow: /*?\n");
        assert!(evaluate(fixed.as_bytes(), AGENT, TAGGED).unwrap().allowed);
    }

    #[test]
    fn no_longer_allow_is_suggested_when_it_would_not_win() {
        let robots = "User-agent: OAI-AdsBot\nDisallow: /landing?utm_source=\n";
        let v = evaluate(robots.as_bytes(), AGENT, TAGGED).unwrap();
        assert!(v.blocks_only_tagged_url());
        assert_eq!(override_allow_line(&v), None);
        assert!(robots_findings(&v)[0].remedy.contains("Delete line 2"));
    }

    #[test]
    fn full_block_fails_with_group_and_rule_evidence() {
        let f = findings("User-agent: *\nDisallow: /\n", TAGGED);
        assert_eq!(ids_of(&f), vec![ids::BLOCKS, ids::NO_AGENT_GROUP]);
        assert_eq!(f[0].status, Status::Fail);
        assert_eq!(evidence(&f[0], "Group used"), vec!["User-agent: *"]);
        assert_eq!(evidence(&f[0], "Matching rule"), vec!["Disallow: /"]);
        assert!(f[0].remedy.contains("User-agent: OAI-AdsBot\nAllow: /"));
        assert_eq!(f[1].status, Status::Info);
        assert_eq!(evidence(&f[1], "Group used"), vec!["User-agent: *"]);
    }

    #[test]
    fn block_in_the_agent_group_points_at_the_line() {
        let f = findings("User-agent: oai-adsbot\nDisallow: /landing\n", TAGGED);
        assert_eq!(ids_of(&f), vec![ids::BLOCKS]);
        assert!(
            f[0].remedy.contains("Delete line 2 (“Disallow: /landing”)"),
            "{}",
            f[0].remedy
        );
    }

    #[test]
    fn no_group_at_all_is_allowed_with_advice() {
        let f = findings("User-agent: GPTBot\nDisallow: /\n", TAGGED);
        assert_eq!(ids_of(&f), vec![ids::ALLOWS, ids::NO_AGENT_GROUP]);
        assert_eq!(evidence(&f[0], "Group used"), vec!["no group applies"]);
        assert!(f[1].detail.contains("no rules apply"));
        assert_eq!(evidence(&f[1], "Group used"), vec!["no group applies"]);
    }

    #[test]
    fn full_ua_line_warns_and_names_the_line() {
        let robots = "User-agent: Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko); compatible; OAI-AdsBot/1.0; +https://openai.com/adsbot\nAllow: /\n\nUser-agent: *\nDisallow: /\n";
        let f = findings(robots, TAGGED);
        assert_eq!(
            ids_of(&f),
            vec![ids::BLOCKS, ids::NO_AGENT_GROUP, ids::FULL_UA_LINE]
        );
        let warn = &f[2];
        assert_eq!(warn.status, Status::Warn);
        assert_eq!(warn.evidence[0].location.as_deref(), Some("robots.txt:1"));
        assert!(warn.remedy.contains("Replace line(s) 1"));
        assert!(warn.remedy.contains("User-agent: OAI-AdsBot"));
    }

    #[test]
    fn unrelated_junk_agent_lines_do_not_warn() {
        let f = findings("User-agent: GPTBot/1.3\nDisallow: /\n", TAGGED);
        assert!(!ids_of(&f).contains(&ids::FULL_UA_LINE));
    }

    #[test]
    fn oversized_file_warns() {
        let mut robots = String::from("User-agent: OAI-AdsBot\nAllow: /\n");
        robots.push_str(&"# filler line for size\n".repeat(30_000));
        let f = findings(&robots, TAGGED);
        assert_eq!(ids_of(&f), vec![ids::ALLOWS, ids::TRUNCATED]);
        assert!(f[1].detail.contains(&robots.len().to_string()));
    }

    #[test]
    fn unreachable_robots_fails() {
        for outcome in [
            FetchOutcome::Status { status: 500 },
            FetchOutcome::Status { status: 429 },
            FetchOutcome::Failed {
                failure: FetchFailure::Timeout,
            },
            FetchOutcome::Failed {
                failure: FetchFailure::TooManyRedirects,
            },
        ] {
            let v = evaluate_fetched(outcome, b"User-agent: *\nAllow: /", AGENT, TAGGED).unwrap();
            let f = robots_findings(&v);
            assert_eq!(ids_of(&f), vec![ids::UNREACHABLE], "{outcome:?}");
            assert_eq!(f[0].status, Status::Fail);
            assert!(!f[0].remedy.is_empty());
            let expected = if matches!(
                outcome,
                FetchOutcome::Failed {
                    failure: FetchFailure::Timeout
                }
            ) {
                Confidence::Medium
            } else {
                Confidence::High
            };
            assert_eq!(f[0].confidence, expected, "{outcome:?}");
        }
    }

    #[test]
    fn missing_robots_passes_and_403_is_flagged_for_a_look() {
        let v = evaluate_fetched(FetchOutcome::Status { status: 404 }, b"", AGENT, TAGGED).unwrap();
        let f = robots_findings(&v);
        assert_eq!(ids_of(&f), vec![ids::MISSING]);
        assert_eq!(f[0].status, Status::Pass);
        assert!(f[0].remedy.is_empty());

        let v = evaluate_fetched(FetchOutcome::Status { status: 403 }, b"", AGENT, TAGGED).unwrap();
        let f = robots_findings(&v);
        assert_eq!(f[0].status, Status::Info);
        assert!(f[0].detail.contains("firewall"));
    }

    #[test]
    fn every_finding_has_plain_text_and_a_remedy_when_not_passing() {
        let cases = [
            "User-agent: *\nDisallow: /\n",
            "User-agent: *\nDisallow: /*?utm\n",
            "User-agent: OAI-AdsBot/1.0\nAllow: /\n",
            "User-agent: OAI-AdsBot\nAllow: /\n",
        ];
        for robots in cases {
            for f in findings(robots, TAGGED) {
                assert!(f.id.starts_with("robots-"));
                assert!(!f.title.is_empty() && !f.detail.is_empty(), "{}", f.id);
                if f.status != Status::Pass {
                    assert!(!f.remedy.is_empty(), "{} needs a remedy", f.id);
                }
            }
        }
    }
}
