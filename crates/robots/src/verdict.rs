//! The public questions: may this crawler fetch this exact URL under this robots.txt?

use crate::error::{shorten, RobotsError};
use crate::fetch::classify_fetch;
use crate::normalise_path;
use crate::robots_file::RobotsTxt;
use crate::rules_data::rules;
use crate::token::{is_valid_product_token, mentions_token};
use crate::types::{
    BareUrlCheck, FetchOutcome, GroupUsed, RobotsSource, RobotsVerdict, UnmatchableAgentLine,
};
use crate::url_path::parse_target;

/// Most unmatchable `User-agent:` lines copied into a verdict.
const MAX_UNMATCHABLE_LINES: usize = 100;

/// The robots.txt product token of OpenAI's ads crawler (`OAI-AdsBot`).
pub fn ads_bot_token() -> &'static str {
    &rules().ads_bot.token
}

/// The full User-Agent header OAI-AdsBot sends, for fetchers that want to imitate it.
pub fn ads_bot_user_agent() -> &'static str {
    &rules().ads_bot.full_user_agent
}

/// Evaluates a robots.txt body (fetched with a 2xx status, or read from a file) for one
/// crawler and one URL, query string included. Errors only for a malformed URL or an agent
/// name that is not a product token; the robots.txt bytes themselves are never rejected.
pub fn evaluate(
    robots_txt: &[u8],
    agent_token: &str,
    url: &str,
) -> Result<RobotsVerdict, RobotsError> {
    evaluate_source(RobotsSource::Parsed, robots_txt, agent_token, url)
}

/// Like [`evaluate`], starting from the fetch of `/robots.txt`: 4xx means allow all, 5xx or no
/// answer means disallow all (see [`classify_fetch`]); the body is read only after a 2xx.
pub fn evaluate_fetched(
    outcome: FetchOutcome,
    body: &[u8],
    agent_token: &str,
    url: &str,
) -> Result<RobotsVerdict, RobotsError> {
    evaluate_source(classify_fetch(outcome), body, agent_token, url)
}

fn evaluate_source(
    source: RobotsSource,
    body: &[u8],
    agent: &str,
    url: &str,
) -> Result<RobotsVerdict, RobotsError> {
    let agent = checked_agent(agent)?;
    let robots = parsed_for(source, body);
    verdict_for(source, robots.as_ref(), agent, url)
}

/// Evaluates many URLs against one robots.txt, parsing it once: one answer per URL, in order.
/// `source` says what fetching the file gave (`RobotsSource::Parsed` for a file read or pasted);
/// for any other source the body is not read and the fetch status decides. Errors as a whole
/// only for an agent name that is not a product token; a bad URL is an error in its own place.
pub fn evaluate_many<S: AsRef<str>>(
    source: RobotsSource,
    body: &[u8],
    agent_token: &str,
    urls: &[S],
) -> Result<Vec<Result<RobotsVerdict, RobotsError>>, RobotsError> {
    let agent = checked_agent(agent_token)?;
    let robots = parsed_for(source, body);
    Ok(urls
        .iter()
        .map(|url| verdict_for(source, robots.as_ref(), agent, url.as_ref()))
        .collect())
}

fn checked_agent(agent: &str) -> Result<&str, RobotsError> {
    let agent = agent.trim();
    if is_valid_product_token(agent) {
        Ok(agent)
    } else {
        Err(RobotsError::InvalidAgentToken {
            token: shorten(agent),
        })
    }
}

/// The parsed file, when the fetch status lets the rules count.
fn parsed_for(source: RobotsSource, body: &[u8]) -> Option<RobotsTxt> {
    source
        .blanket_verdict()
        .is_none()
        .then(|| RobotsTxt::parse(body))
}

fn verdict_for(
    source: RobotsSource,
    robots: Option<&RobotsTxt>,
    agent: &str,
    url: &str,
) -> Result<RobotsVerdict, RobotsError> {
    let target = parse_target(url)?;
    let matched_path = normalise_path(target.path_and_query.as_bytes());

    let Some(robots) = robots.filter(|_| source.blanket_verdict().is_none()) else {
        return Ok(RobotsVerdict {
            agent: agent.to_string(),
            url: target.url,
            matched_path,
            source,
            allowed: source.blanket_verdict().unwrap_or(true),
            group: GroupUsed::NoGroup,
            matched_rule: None,
            bare_url: None,
            truncation: None,
            unmatchable_agent_lines: Vec::new(),
        });
    };

    let decision = robots.check(agent, &target.path_and_query);
    let bare_url = target.bare.map(|bare| {
        let bare_decision = robots.check(agent, &bare.path);
        BareUrlCheck {
            url: bare.url,
            allowed: bare_decision.allowed,
            matched_rule: bare_decision.matched_rule,
        }
    });
    let unmatchable_agent_lines = robots
        .unmatchable_agent_lines()
        .iter()
        .take(MAX_UNMATCHABLE_LINES)
        .map(|line| UnmatchableAgentLine {
            line: line.line,
            text: line.text.clone(),
            mentions_agent: mentions_token(&line.text, agent),
        })
        .collect();

    Ok(RobotsVerdict {
        agent: agent.to_string(),
        url: target.url,
        matched_path,
        source,
        allowed: decision.allowed,
        group: decision.group,
        matched_rule: decision.matched_rule,
        bare_url,
        truncation: robots.truncation(),
        unmatchable_agent_lines,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::{FetchFailure, RuleKind, SourceLine, UnreachableReason};

    const TRAP: &str = "User-agent: *\nDisallow: /*?utm\nDisallow: /admin\n";

    #[test]
    fn the_query_string_trap_is_detected() {
        let v = evaluate(
            TRAP.as_bytes(),
            "OAI-AdsBot",
            "https://shop.example/landing?utm_source=chatgpt&utm_medium=cpc",
        )
        .unwrap();
        assert!(!v.allowed);
        assert!(v.blocks_only_tagged_url());
        let rule = v.matched_rule.as_ref().unwrap();
        assert_eq!(
            (rule.kind, rule.line, rule.text.as_str()),
            (RuleKind::Disallow, 2, "Disallow: /*?utm")
        );
        assert_eq!(
            v.group,
            GroupUsed::Global {
                lines: vec![SourceLine {
                    line: 1,
                    text: "User-agent: *".into()
                }]
            }
        );
        let bare = v.bare_url.as_ref().unwrap();
        assert!(bare.allowed);
        assert_eq!(bare.url, "https://shop.example/landing");
        assert!(bare.matched_rule.is_none());
        assert_eq!(v.matched_path, "/landing?utm_source=chatgpt&utm_medium=cpc");
    }

    #[test]
    fn blocked_bare_page_is_not_the_trap() {
        let v = evaluate(
            TRAP.as_bytes(),
            "OAI-AdsBot",
            "https://shop.example/admin?utm_source=x",
        )
        .unwrap();
        assert!(!v.allowed);
        assert!(!v.blocks_only_tagged_url());
        assert!(!v.bare_url.unwrap().allowed);
    }

    #[test]
    fn url_without_query_has_no_bare_check() {
        let v = evaluate(
            TRAP.as_bytes(),
            "OAI-AdsBot",
            "https://shop.example/landing",
        )
        .unwrap();
        assert!(v.allowed);
        assert!(v.bare_url.is_none());
        assert!(!v.blocks_only_tagged_url());
    }

    #[test]
    fn bad_inputs_are_errors_not_panics() {
        assert!(matches!(
            evaluate(b"", "OAI-AdsBot", "landing page"),
            Err(RobotsError::InvalidUrl { .. })
        ));
        assert!(matches!(
            evaluate(b"", "OAI-AdsBot/1.0", "https://x.example/"),
            Err(RobotsError::InvalidAgentToken { .. })
        ));
        assert!(matches!(
            evaluate(b"", "", "https://x.example/"),
            Err(RobotsError::InvalidAgentToken { .. })
        ));
        assert!(evaluate(b"", " OAI-AdsBot ", "https://x.example/").is_ok());
    }

    #[test]
    fn hostile_bodies_still_give_a_verdict() {
        let noise: Vec<u8> = (0..2_000_000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
            .collect();
        let v = evaluate(&noise, "OAI-AdsBot", "https://x.example/a?b=c").unwrap();
        assert!(v.truncation.is_some());
        let stars = format!("User-agent: *\nDisallow: /{}x\n", "*a".repeat(100_000));
        let v = evaluate(
            stars.as_bytes(),
            "OAI-AdsBot",
            &format!("https://x.example/{}", "a".repeat(50_000)),
        )
        .unwrap();
        assert!(v.allowed);
    }

    #[test]
    fn unmatchable_lines_are_flagged_when_they_mention_the_agent() {
        let robots = "User-agent: Mozilla/5.0 (compatible; OAI-AdsBot/1.0)\nAllow: /\nUser-agent: GPTBot/1.3\nDisallow: /\n";
        let v = evaluate(robots.as_bytes(), "OAI-AdsBot", "https://x.example/").unwrap();
        let flags: Vec<(u32, bool)> = v
            .unmatchable_agent_lines
            .iter()
            .map(|l| (l.line, l.mentions_agent))
            .collect();
        assert_eq!(flags, vec![(1, true), (3, false)]);
        assert_eq!(v.group, GroupUsed::NoGroup);
    }

    #[test]
    fn fetch_status_decides_before_the_body() {
        let url = "https://x.example/p?utm_source=chatgpt";
        let v = evaluate_fetched(
            FetchOutcome::Status { status: 404 },
            b"User-agent: *\nDisallow: /",
            "OAI-AdsBot",
            url,
        )
        .unwrap();
        assert!(v.allowed);
        assert_eq!(v.source, RobotsSource::Unavailable { status: 404 });
        assert!(v.matched_rule.is_none());

        let v =
            evaluate_fetched(FetchOutcome::Status { status: 503 }, b"", "OAI-AdsBot", url).unwrap();
        assert!(!v.allowed);
        assert_eq!(
            v.source,
            RobotsSource::Unreachable {
                reason: UnreachableReason::ServerError { status: 503 }
            }
        );

        let v = evaluate_fetched(
            FetchOutcome::Failed {
                failure: FetchFailure::Timeout,
            },
            b"",
            "OAI-AdsBot",
            url,
        )
        .unwrap();
        assert!(!v.allowed);

        let v = evaluate_fetched(
            FetchOutcome::Status { status: 200 },
            TRAP.as_bytes(),
            "OAI-AdsBot",
            url,
        )
        .unwrap();
        assert!(v.blocks_only_tagged_url());
    }

    #[test]
    fn verdict_json_is_snake_case() {
        let v = evaluate(
            TRAP.as_bytes(),
            "OAI-AdsBot",
            "https://shop.example/landing?utm_source=x",
        )
        .unwrap();
        let json = serde_json::to_value(&v).unwrap();
        assert_eq!(json["source"]["kind"], "parsed");
        assert_eq!(json["group"]["kind"], "global");
        assert_eq!(json["matched_rule"]["kind"], "disallow");
        assert_eq!(json["matched_rule"]["line"], 2);
        assert_eq!(json["bare_url"]["allowed"], true);
        let back: RobotsVerdict = serde_json::from_value(json).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn ads_bot_identity_comes_from_data() {
        assert_eq!(ads_bot_token(), "OAI-AdsBot");
        assert!(ads_bot_user_agent().contains("OAI-AdsBot/1.0"));
    }
}
