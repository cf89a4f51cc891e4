//! OpenAI's review reasons and serving issues as data (`data/reasons.toml`): what each means in
//! plain words and which crawl problem it stands for.

use std::sync::LazyLock;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The crawl problem a code stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReasonKind {
    Blocked,
    Challenge,
    RateLimited,
    RobotsTxt,
    LoginRequired,
    NotFound,
    ServerError,
    Timeout,
    CrawlFailed,
    ContentType,
    Unusable,
    Favicon,
    ReservedParams,
    InvalidUrl,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ReasonEntry {
    pub code: String,
    /// `None` when the code is not about the landing page (budget, schedule, review queue).
    #[serde(default)]
    pub crawl: Option<ReasonKind>,
    pub meaning: String,
}

#[derive(Deserialize)]
struct Table {
    version: u32,
    review_reasons: Vec<ReasonEntry>,
    serving_issues: Vec<ReasonEntry>,
}

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let table: Table =
        toml::from_str(include_str!("../data/reasons.toml")).expect("reasons table is valid");
    assert_eq!(table.version, 1, "reasons table version");
    table
});

/// A review reason (`review.reason`), when the table knows it.
pub fn reason(code: &str) -> Option<&'static ReasonEntry> {
    TABLE.review_reasons.iter().find(|e| e.code == code)
}

/// A serving issue (`serving_issues[].code`), when the table knows it.
pub fn serving_issue(code: &str) -> Option<&'static ReasonEntry> {
    TABLE.serving_issues.iter().find(|e| e.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_reads_and_codes_are_unique() {
        for list in [&TABLE.review_reasons, &TABLE.serving_issues] {
            let mut codes: Vec<&str> = list.iter().map(|e| e.code.as_str()).collect();
            let before = codes.len();
            codes.sort_unstable();
            codes.dedup();
            assert_eq!(codes.len(), before, "a code is listed twice");
            assert!(list.iter().all(|e| e.meaning.ends_with('.')));
        }
    }

    #[test]
    fn crawler_codes_map_to_the_crawl_problem() {
        assert_eq!(
            reason("crawler_403").and_then(|e| e.crawl),
            Some(ReasonKind::Blocked)
        );
        assert_eq!(
            reason("crawler_captcha").and_then(|e| e.crawl),
            Some(ReasonKind::Challenge)
        );
        assert_eq!(
            reason("robots_txt").and_then(|e| e.crawl),
            Some(ReasonKind::RobotsTxt)
        );
        assert_eq!(
            serving_issue("reserved_query_params_present").and_then(|e| e.crawl),
            Some(ReasonKind::ReservedParams)
        );
        assert!(serving_issue("campaign_ended").is_some_and(|e| e.crawl.is_none()));
        assert!(reason("no_such_code").is_none());
    }
}
