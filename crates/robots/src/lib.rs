//! robots.txt evaluation for OAI-AdsBot, following RFC 9309, as a pure library: the caller
//! fetches `/robots.txt` and hands over the status and body; this crate says whether the
//! crawler may fetch the exact ad destination URL (query string included), which group and
//! rule decided it, whether the plain page would fare differently, and turns that into
//! [`preflight_model::Finding`]s.
//!
//! ```
//! let robots = b"User-agent: *\nDisallow: /*?utm\n";
//! let verdict = preflight_robots::evaluate(robots, "OAI-AdsBot", "https://shop.example/p?utm_source=chatgpt").unwrap();
//! assert!(!verdict.allowed);
//! assert!(verdict.blocks_only_tagged_url());
//! assert_eq!(verdict.matched_rule.unwrap().line, 2);
//! ```

mod directive;
mod error;
mod fetch;
mod findings;
mod lines;
mod lint;
mod pattern;
mod render;
mod robots_file;
mod rules_data;
mod tester;
mod token;
mod types;
mod url_path;
mod verdict;

pub use error::RobotsError;
pub use fetch::classify_fetch;
pub use findings::{ids as finding_ids, robots_findings};
pub use lint::{lint, LintFinding, LintKind, RobotsLint, MAX_LINT_FINDINGS};
pub use pattern::{normalise_path, pattern_matches};
pub use render::render_text;
pub use robots_file::{ParseStats, PathDecision, RobotsTxt};
pub use tester::{
    decision_sentence, group_words, source_sentence, test_urls, RobotsTest, UrlTest,
    MAX_TESTED_URLS,
};
pub use token::is_valid_product_token;
pub use types::{
    BareUrlCheck, FetchFailure, FetchOutcome, GroupUsed, MatchedRule, RobotsSource, RobotsVerdict,
    RuleKind, SourceLine, Truncation, UnmatchableAgentLine, UnreachableReason,
};
pub use url_path::{path_params_query, MAX_URL_CHARS};
pub use verdict::{ads_bot_token, ads_bot_user_agent, evaluate, evaluate_fetched, evaluate_many};
