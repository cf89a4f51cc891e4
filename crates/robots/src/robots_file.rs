//! A parsed robots.txt: groups of rules keyed by user agent, plus the decision for one path.

use crate::directive::{parse_line, split_line, trim, DirectiveKind};
use crate::lines::{limit_input, strip_bom, Lines};
use crate::pattern::{normalise_path, pattern_matches};
use crate::rules_data::rules;
use crate::token::is_valid_product_token;
use crate::types::{GroupUsed, MatchedRule, RuleKind, SourceLine, Truncation};
use std::time::Duration;

/// Longest line text kept for display; matching always uses the whole pattern.
const MAX_DISPLAY_CHARS: usize = 1_000;

/// A robots.txt file, parsed once and queried for any number of agents and paths.
#[derive(Debug, Clone)]
pub struct RobotsTxt {
    groups: Vec<Group>,
    unmatchable_agents: Vec<SourceLine>,
    sitemaps: Vec<String>,
    stats: ParseStats,
    truncation: Option<Truncation>,
}

/// Counts that describe how the file was read (mirrors Google's parse statistics).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ParseStats {
    /// `User-agent`, `Allow`, `Disallow` and `Sitemap` lines.
    pub valid_directives: usize,
    /// Other `name: value` lines (`Crawl-delay`, `Content-signal`…).
    pub unknown_directives: usize,
    /// Line number of the last directive of either kind (0 when there is none).
    pub last_directive_line: u32,
}

/// The answer for one agent and one path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathDecision {
    pub allowed: bool,
    pub group: GroupUsed,
    pub matched_rule: Option<MatchedRule>,
}

#[derive(Debug, Clone)]
struct Group {
    agents: Vec<AgentLine>,
    rules: Vec<Rule>,
    /// The group's `Crawl-delay` in seconds, when it has a usable one (the last one counts).
    crawl_delay: Option<f64>,
}

#[derive(Debug, Clone)]
struct AgentLine {
    source: SourceLine,
    target: AgentTarget,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum AgentTarget {
    /// `User-agent: *`.
    Everyone,
    /// A valid product token, compared case-insensitively.
    Token(String),
    /// Anything else: matches no crawler.
    Nothing,
}

#[derive(Debug, Clone)]
struct Rule {
    kind: RuleKind,
    source: SourceLine,
    /// Normalised; empty patterns (`Disallow:`) match nothing.
    pattern: String,
}

impl RobotsTxt {
    /// Parses the file. Never fails: unknown, malformed and non-UTF-8 lines are skipped, and
    /// only the first 500 KiB are read (see [`RobotsTxt::truncation`]).
    pub fn parse(bytes: &[u8]) -> RobotsTxt {
        let (bytes, truncation) = limit_input(bytes, rules().max_parsed_bytes);
        let mut parsed = RobotsTxt {
            groups: Vec::new(),
            unmatchable_agents: Vec::new(),
            sitemaps: Vec::new(),
            stats: ParseStats::default(),
            truncation,
        };
        // A group is a run of User-agent lines plus the rules after it; the next User-agent
        // line after a rule starts a new group. Other lines (Sitemap, unknown) do not end it.
        let mut in_agent_run = false;
        for (number, line) in Lines::new(strip_bom(bytes)) {
            let Some(directive) = parse_line(line) else {
                continue;
            };
            parsed.stats.last_directive_line = number;
            if directive.kind == DirectiveKind::Unknown {
                parsed.stats.unknown_directives += 1;
                if let (Some(delay), Some(group)) = (crawl_delay(line), parsed.groups.last_mut()) {
                    group.crawl_delay = Some(delay);
                }
                continue;
            }
            parsed.stats.valid_directives += 1;
            let source = SourceLine {
                line: number,
                text: display_text(line),
            };
            match directive.kind {
                DirectiveKind::UserAgent => {
                    if !in_agent_run {
                        parsed.groups.push(Group {
                            agents: Vec::new(),
                            rules: Vec::new(),
                            crawl_delay: None,
                        });
                        in_agent_run = true;
                    }
                    let target = agent_target(directive.value);
                    if target == AgentTarget::Nothing {
                        parsed.unmatchable_agents.push(source.clone());
                    }
                    if let Some(group) = parsed.groups.last_mut() {
                        group.agents.push(AgentLine { source, target });
                    }
                }
                DirectiveKind::Allow | DirectiveKind::Disallow => {
                    in_agent_run = false;
                    let kind = if directive.kind == DirectiveKind::Allow {
                        RuleKind::Allow
                    } else {
                        RuleKind::Disallow
                    };
                    // Rules before the first User-agent line belong to no group.
                    if let Some(group) = parsed.groups.last_mut() {
                        group.rules.push(Rule {
                            kind,
                            source,
                            pattern: normalise_path(directive.value),
                        });
                    }
                }
                DirectiveKind::Sitemap => {
                    parsed
                        .sitemaps
                        .push(String::from_utf8_lossy(directive.value).into_owned());
                }
                DirectiveKind::Unknown => {}
            }
        }
        parsed
    }

    /// May `agent` fetch `path` (path plus query, e.g. `/landing?utm_source=chatgpt`)?
    ///
    /// Groups naming the agent (case-insensitively) are merged and used; when none does, the
    /// `*` groups are merged and used. Among their rules the longest matching pattern wins,
    /// and `Allow` wins a tie. No matching rule means allowed.
    pub fn check(&self, agent: &str, path: &str) -> PathDecision {
        let path = normalise_path(path.as_bytes());
        let names_agent = |a: &AgentLine| matches!(&a.target, AgentTarget::Token(t) if t.eq_ignore_ascii_case(agent));
        let is_everyone = |a: &AgentLine| a.target == AgentTarget::Everyone;

        let (selected, group) = match self.groups_where(names_agent) {
            (groups, lines) if !groups.is_empty() => (groups, GroupUsed::Specific { lines }),
            _ => match self.groups_where(is_everyone) {
                (groups, lines) if !groups.is_empty() => (groups, GroupUsed::Global { lines }),
                _ => (Vec::new(), GroupUsed::NoGroup),
            },
        };

        let mut best: Option<&Rule> = None;
        for rule in selected.iter().flat_map(|g| &g.rules) {
            if rule.pattern.is_empty() || !pattern_matches(&rule.pattern, &path) {
                continue;
            }
            let beats_best = match best {
                None => true,
                Some(b) => {
                    let (len, best_len) = (rule.pattern.len(), b.pattern.len());
                    len > best_len
                        || (len == best_len
                            && rule.kind == RuleKind::Allow
                            && b.kind == RuleKind::Disallow)
                }
            };
            if beats_best {
                best = Some(rule);
            }
        }

        PathDecision {
            allowed: best.is_none_or(|r| r.kind == RuleKind::Allow),
            group,
            matched_rule: best.map(|r| MatchedRule {
                kind: r.kind,
                line: r.source.line,
                text: r.source.text.clone(),
                pattern: display_text(r.pattern.as_bytes()),
            }),
        }
    }

    /// Groups with at least one agent line satisfying `pick`, and those agent lines.
    fn groups_where(&self, pick: impl Fn(&AgentLine) -> bool) -> (Vec<&Group>, Vec<SourceLine>) {
        let mut groups = Vec::new();
        let mut lines = Vec::new();
        for group in &self.groups {
            let picked: Vec<SourceLine> = group
                .agents
                .iter()
                .filter(|a| pick(a))
                .map(|a| a.source.clone())
                .collect();
            if !picked.is_empty() {
                groups.push(group);
                lines.extend(picked);
            }
        }
        (groups, lines)
    }

    /// The `Crawl-delay` of the group `agent` obeys (the groups naming it, else the `*` groups;
    /// the longest when several say), as [`RobotsTxt::check`] selects groups. RFC 9309 does not
    /// define the line; it is read for callers that choose to honour it.
    pub fn crawl_delay(&self, agent: &str) -> Option<Duration> {
        let names_agent = |a: &AgentLine| matches!(&a.target, AgentTarget::Token(t) if t.eq_ignore_ascii_case(agent));
        let (mut groups, _) = self.groups_where(names_agent);
        if groups.is_empty() {
            groups = self.groups_where(|a| a.target == AgentTarget::Everyone).0;
        }
        groups
            .iter()
            .filter_map(|g| g.crawl_delay)
            .reduce(f64::max)
            .map(Duration::from_secs_f64)
    }

    /// True when some group names `agent` explicitly.
    pub fn has_group_for(&self, agent: &str) -> bool {
        self.groups
            .iter()
            .flat_map(|g| &g.agents)
            .any(|a| matches!(&a.target, AgentTarget::Token(t) if t.eq_ignore_ascii_case(agent)))
    }

    /// `User-agent:` lines that can never match a crawler (full UA strings, versions, junk).
    pub fn unmatchable_agent_lines(&self) -> &[SourceLine] {
        &self.unmatchable_agents
    }

    /// `Sitemap:` values, in file order.
    pub fn sitemaps(&self) -> &[String] {
        &self.sitemaps
    }

    pub fn stats(&self) -> ParseStats {
        self.stats
    }

    /// Present when the file was larger than the parse limit.
    pub fn truncation(&self) -> Option<Truncation> {
        self.truncation
    }
}

/// Longest `Crawl-delay` kept, in seconds: larger values are read as this.
const MAX_CRAWL_DELAY_SECS: f64 = 86_400.0;

/// The seconds of a `Crawl-delay: N` line (decimals allowed); `None` for any other line or a
/// value that is not a non-negative number.
fn crawl_delay(line: &[u8]) -> Option<f64> {
    let parts = split_line(line)?;
    if !parts.key.eq_ignore_ascii_case(b"crawl-delay") {
        return None;
    }
    let seconds: f64 = std::str::from_utf8(parts.value).ok()?.trim().parse().ok()?;
    (seconds.is_finite() && seconds >= 0.0).then(|| seconds.min(MAX_CRAWL_DELAY_SECS))
}

fn agent_target(value: &[u8]) -> AgentTarget {
    match std::str::from_utf8(value) {
        Ok("*") => AgentTarget::Everyone,
        Ok(token) if is_valid_product_token(token) => AgentTarget::Token(token.to_string()),
        _ => AgentTarget::Nothing,
    }
}

/// The line as shown to people: trimmed, lossily decoded, and cut when absurdly long.
pub(crate) fn display_text(line: &[u8]) -> String {
    let text = String::from_utf8_lossy(trim(line));
    match text.char_indices().nth(MAX_DISPLAY_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allowed(robots: &str, agent: &str, path: &str) -> bool {
        RobotsTxt::parse(robots.as_bytes())
            .check(agent, path)
            .allowed
    }

    #[test]
    fn crawl_delay_follows_the_group_the_agent_obeys() {
        let delay = |robots: &str| RobotsTxt::parse(robots.as_bytes()).crawl_delay("OAI-AdsBot");
        assert_eq!(
            delay("User-agent: *\nCrawl-delay: 2.5\nDisallow: /x\n"),
            Some(Duration::from_millis(2500))
        );
        assert_eq!(
            delay("User-agent: oai-adsbot\ncrawl-delay: 4 # slow\n"),
            Some(Duration::from_secs(4))
        );
        // A group naming the bot replaces `*`, delay included.
        assert_eq!(
            delay(
                "User-agent: *\nCrawl-delay: 9\nDisallow: /x\n\nUser-agent: OAI-AdsBot\nAllow: /\n"
            ),
            None
        );
        // As for the rules, a Crawl-delay line does not end a run of User-agent lines: the bot
        // listed right after it shares that group, and its delay.
        assert_eq!(
            delay("User-agent: *\nCrawl-delay: 9\n\nUser-agent: OAI-AdsBot\nAllow: /\n"),
            Some(Duration::from_secs(9))
        );
        assert_eq!(delay("User-agent: GPTBot\nCrawl-delay: 9\n"), None);
        // Junk values and lines before any group are ignored; huge values are capped.
        assert_eq!(
            delay("User-agent: *\nCrawl-delay: soon\nCrawl-delay: -1\nCrawl-delay: NaN\n"),
            None
        );
        assert_eq!(delay("Crawl-delay: 3\nUser-agent: *\nDisallow:\n"), None);
        assert_eq!(
            delay("User-agent: *\nCrawl-delay: 1e300\n"),
            Some(Duration::from_secs(86_400))
        );
    }

    #[test]
    fn agent_names_match_case_insensitively() {
        let robots = "User-agent: oai-adsbot\nDisallow: /\n";
        assert!(!allowed(robots, "OAI-AdsBot", "/x"));
        assert!(allowed(robots, "GPTBot", "/x"));
    }

    #[test]
    fn groups_for_the_same_agent_are_merged() {
        let robots = "User-agent: OAI-AdsBot\nDisallow: /a\n\nUser-agent: GPTBot\nDisallow: /\n\nUser-agent: OAI-AdsBot\nDisallow: /b\n";
        let parsed = RobotsTxt::parse(robots.as_bytes());
        assert!(!parsed.check("OAI-AdsBot", "/a").allowed);
        let decision = parsed.check("OAI-AdsBot", "/b");
        assert!(!decision.allowed);
        assert_eq!(decision.matched_rule.unwrap().line, 8);
        match decision.group {
            GroupUsed::Specific { lines } => {
                assert_eq!(lines.iter().map(|l| l.line).collect::<Vec<_>>(), vec![1, 7]);
            }
            other => panic!("expected the specific group, got {other:?}"),
        }
        assert!(parsed.check("OAI-AdsBot", "/c").allowed);
    }

    #[test]
    fn specific_group_replaces_the_star_group() {
        let robots = "User-agent: *\nDisallow: /\n\nUser-agent: OAI-AdsBot\nAllow: /\n";
        let d = RobotsTxt::parse(robots.as_bytes()).check("OAI-AdsBot", "/x?utm_source=chatgpt");
        assert!(d.allowed);
        assert!(matches!(d.group, GroupUsed::Specific { .. }));
        // A specific group without rules still replaces `*`.
        let robots = "User-agent: *\nDisallow: /\n\nUser-agent: OAI-AdsBot\n";
        assert!(allowed(robots, "OAI-AdsBot", "/x"));
    }

    #[test]
    fn star_groups_are_merged_and_used_as_fallback() {
        let robots = "User-agent: *\nDisallow: /a\nUser-agent: GPTBot\nDisallow: /\nUser-agent: *\nDisallow: /b\n";
        let parsed = RobotsTxt::parse(robots.as_bytes());
        let d = parsed.check("OAI-AdsBot", "/b/c");
        assert!(!d.allowed);
        assert_eq!(
            d.group,
            GroupUsed::Global {
                lines: vec![
                    SourceLine {
                        line: 1,
                        text: "User-agent: *".into()
                    },
                    SourceLine {
                        line: 5,
                        text: "User-agent: *".into()
                    },
                ]
            }
        );
        assert!(!parsed.check("OAI-AdsBot", "/a").allowed);
    }

    #[test]
    fn no_group_means_allowed() {
        let d = RobotsTxt::parse(b"User-agent: GPTBot\nDisallow: /\n").check("OAI-AdsBot", "/");
        assert!(d.allowed);
        assert_eq!(d.group, GroupUsed::NoGroup);
        assert!(d.matched_rule.is_none());
    }

    #[test]
    fn longest_match_wins_and_allow_wins_ties() {
        let robots = "User-agent: *\nDisallow: /shop\nAllow: /shop/sale\nDisallow: /shop/sale/x\nAllow: /a\nDisallow: /a\n";
        assert!(!allowed(robots, "bot", "/shop/x"));
        assert!(allowed(robots, "bot", "/shop/sale/y"));
        assert!(!allowed(robots, "bot", "/shop/sale/xy"));
        let d = RobotsTxt::parse(robots.as_bytes()).check("bot", "/a");
        assert!(d.allowed);
        let rule = d.matched_rule.unwrap();
        assert_eq!(
            (rule.kind, rule.line, rule.text.as_str()),
            (RuleKind::Allow, 5, "Allow: /a")
        );
    }

    #[test]
    fn full_user_agent_strings_and_junk_match_nothing() {
        let robots = "User-agent: Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko); compatible; OAI-AdsBot/1.0; +https://openai.com/adsbot\nAllow: /\n\nUser-agent: OAI-AdsBot/1.0\nAllow: /\n\nUser-agent: *\nDisallow: /\n";
        let parsed = RobotsTxt::parse(robots.as_bytes());
        let d = parsed.check("OAI-AdsBot", "/");
        assert!(!d.allowed);
        assert!(matches!(d.group, GroupUsed::Global { .. }));
        assert!(!parsed.has_group_for("OAI-AdsBot"));
        let lines: Vec<u32> = parsed
            .unmatchable_agent_lines()
            .iter()
            .map(|l| l.line)
            .collect();
        assert_eq!(lines, vec![1, 4]);
    }

    #[test]
    fn unknown_lines_do_not_split_groups() {
        // Cloudflare's managed block: Content-signal lines inside the `*` group.
        let robots = "User-Agent: *\nContent-signal: search=yes,ai-train=no\nAllow: /\n\nUser-agent: GPTBot\nDisallow: /\n\n# site's own rules\nUser-agent: *\nDisallow: /*?utm\nSitemap: https://example.com/sitemap.xml\n";
        let parsed = RobotsTxt::parse(robots.as_bytes());
        let d = parsed.check("OAI-AdsBot", "/page?utm_source=chatgpt");
        assert!(!d.allowed);
        assert_eq!(d.matched_rule.unwrap().line, 10);
        assert!(parsed.check("OAI-AdsBot", "/page").allowed);
        assert_eq!(parsed.sitemaps(), ["https://example.com/sitemap.xml"]);
        assert_eq!(parsed.stats().unknown_directives, 1);
    }

    #[test]
    fn empty_rules_match_nothing() {
        let robots = "User-agent: *\nDisallow:\n";
        let d = RobotsTxt::parse(robots.as_bytes()).check("bot", "/x");
        assert!(d.allowed);
        assert!(d.matched_rule.is_none());
    }

    #[test]
    fn rules_before_any_user_agent_are_ignored() {
        assert!(allowed(
            "Disallow: /\nUser-agent: *\nAllow: /x\n",
            "bot",
            "/y"
        ));
    }

    #[test]
    fn non_utf8_and_bom_files_parse() {
        let d = RobotsTxt::parse(b"\xEF\xBB\xBFUser-agent: *\r\nDisallow: /caf\xE9\r\n")
            .check("bot", "/caf%E9/menu");
        assert!(!d.allowed);
        assert_eq!(d.matched_rule.as_ref().unwrap().line, 2);
        assert_eq!(d.matched_rule.unwrap().pattern, "/caf%E9");
    }

    #[test]
    fn giant_lines_are_tolerated_and_shown_cut() {
        let long = format!("User-agent: *\nDisallow: /{}\n", "a".repeat(200_000));
        let parsed = RobotsTxt::parse(long.as_bytes());
        let d = parsed.check("bot", &format!("/{}", "a".repeat(200_001)));
        assert!(!d.allowed);
        let rule = d.matched_rule.unwrap();
        assert_eq!(rule.text.chars().count(), MAX_DISPLAY_CHARS + 1);
        assert!(rule.text.ends_with('…'));
        assert!(parsed.check("bot", "/aaa").allowed);
    }

    #[test]
    fn files_over_500_kib_are_cut_and_reported() {
        let mut robots = String::from("User-agent: *\nDisallow: /early\n");
        while robots.len() < 600 * 1024 {
            robots.push_str("# padding padding padding padding padding padding\n");
        }
        robots.push_str("Disallow: /late\n");
        let parsed = RobotsTxt::parse(robots.as_bytes());
        let cut = parsed.truncation().expect("truncated");
        assert_eq!(cut.total_bytes, robots.len() as u64);
        assert!(cut.parsed_bytes <= 512_000);
        assert!(!parsed.check("bot", "/early").allowed);
        assert!(
            parsed.check("bot", "/late").allowed,
            "rules past the limit are not read"
        );
        assert!(RobotsTxt::parse(b"User-agent: *\n").truncation().is_none());
    }

    #[test]
    fn stats_count_directives() {
        let parsed = RobotsTxt::parse(b"User-agent: a\nCrawl-delay: 3\nDisallow: /\n\n# c\n");
        assert_eq!(
            parsed.stats(),
            ParseStats {
                valid_directives: 2,
                unknown_directives: 1,
                last_directive_line: 3
            }
        );
    }
}
