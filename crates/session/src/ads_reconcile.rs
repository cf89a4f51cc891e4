//! OpenAI's verdict on each ad beside this audit's verdict on its landing page, with one
//! plain-words line saying whether they agree, why they may differ, or that OpenAI's verdict is
//! older than the page's current state.

use preflight_accesslog::{is_blocking_status, PageLogEvidence};
use preflight_ads::{reason, serving_issue, AdDestination, ReasonKind};
use preflight_document::{AuditReport, PageReport, Verdict};
use serde::Serialize;
use ts_rs::TS;

/// From this age on, a crawl problem OpenAI reported on a page the audit now reaches is called
/// stale: the site was probably fixed after the review.
pub const STALE_AFTER_DAYS: i64 = 3;

/// How OpenAI's verdict and the audit's compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Agreement {
    /// Both say the same thing.
    Agree,
    /// They differ in a way with a known explanation (a rule on OpenAI's addresses).
    Explainable,
    /// OpenAI's verdict predates the page's current, reachable state.
    Stale,
    /// They differ and nothing known explains it.
    Disagree,
    /// The ad's landing page is not in this audit.
    NotAudited,
}

impl Agreement {
    /// The stable code exports carry (as serialised).
    pub fn code(self) -> &'static str {
        match self {
            Agreement::Agree => "agree",
            Agreement::Explainable => "explainable",
            Agreement::Stale => "stale",
            Agreement::Disagree => "disagree",
            Agreement::NotAudited => "not_audited",
        }
    }

    /// The agreement in a few words, as lists show it.
    pub fn label(self) -> &'static str {
        match self {
            Agreement::Agree => "Agrees with the audit",
            Agreement::Explainable => "Differs, likely explained",
            Agreement::Stale => "OpenAI's verdict is older than the page",
            Agreement::Disagree => "Disagrees with the audit",
            Agreement::NotAudited => "Landing page not audited",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AdReconciliation {
    pub ad: AdDestination,
    /// The audited page the ad sends people to.
    pub page_url: Option<String>,
    pub agreement: Agreement,
    /// One sentence a marketer can act on.
    pub line: String,
}

/// Each ad beside the audit page with its landing page (matched without query and fragment).
pub fn reconcile(ads: &[AdDestination], audit: &AuditReport) -> Vec<AdReconciliation> {
    let audited_at = unix_seconds(&audit.started_at);
    ads.iter()
        .map(|ad| {
            let page = ad
                .target_url
                .as_deref()
                .and_then(|target| audit.pages.iter().find(|p| same_page(&p.url, target)));
            let (agreement, line) = match page {
                None => (
                    Agreement::NotAudited,
                    "This ad's landing page is not in this audit: add it to the client's pages and run the audit again.".to_string(),
                ),
                Some(page) => judge(ad, page, audited_at),
            };
            AdReconciliation {
                ad: ad.clone(),
                page_url: page.map(|p| p.url.clone()),
                agreement,
                line,
            }
        })
        .collect()
}

fn judge(ad: &AdDestination, page: &PageReport, audited_at: Option<i64>) -> (Agreement, String) {
    let ours = page.verdict.label().to_lowercase();
    let reached = page.verdict.bot_got_page();
    let reported = ad
        .review
        .reason
        .as_deref()
        .and_then(|code| reason(code).map(|r| (code, r)));
    let crawl_issue = ad
        .serving_issues
        .iter()
        .filter_map(|c| serving_issue(c))
        .find(|e| e.crawl == Some(ReasonKind::CrawlFailed));
    let Some((code, entry)) = reported.or_else(|| crawl_issue.map(|e| (e.code.as_str(), e))) else {
        return if reached || ad.review.status.as_deref() != Some("approved") {
            (
                Agreement::Agree,
                format!("OpenAI reports no crawl problem and this audit found the page {ours}."),
            )
        } else {
            (Agreement::Disagree, format!("OpenAI approved the ad, but this audit found the page {ours}: the page may have changed since the review; fix it before OpenAI crawls it again."))
        };
    };
    let kind = entry.crawl;
    if !reached {
        let same = matches!(
            (kind, page.verdict),
            (Some(ReasonKind::Blocked), Verdict::Blocked)
                | (Some(ReasonKind::Challenge), Verdict::Challenged)
                | (Some(ReasonKind::RateLimited), Verdict::RateLimited)
                | (Some(ReasonKind::RobotsTxt), Verdict::RobotsBlocked)
                | (Some(ReasonKind::Timeout), Verdict::Timeout)
        );
        let agreement = if same || kind == Some(ReasonKind::CrawlFailed) {
            Agreement::Agree
        } else {
            Agreement::Disagree
        };
        return (
            agreement,
            format!(
                "{} ({code}); this audit found the page {ours}.",
                entry.meaning.trim_end_matches('.')
            ),
        );
    }
    let age_days = match (audited_at, ad.review.updated_at) {
        (Some(now), Some(then)) if now > then => (now - then) / 86_400,
        _ => 0,
    };
    if age_days >= STALE_AFTER_DAYS {
        return (Agreement::Stale, format!("OpenAI reported {code} about {age_days} days before this audit; the page is reachable now: request a re-review of the ad."));
    }
    if matches!(
        kind,
        Some(
            ReasonKind::Blocked
                | ReasonKind::Challenge
                | ReasonKind::RateLimited
                | ReasonKind::CrawlFailed
        )
    ) {
        return (Agreement::Explainable, format!("OpenAI's crawler got {code}, while this audit reaches the page with the same user agent: the rule likely matches OpenAI's IP addresses, not the user agent. Allow OpenAI's published address ranges (https://openai.com/adsbot.json), then request a re-review."));
    }
    (
        Agreement::Disagree,
        format!(
            "{} ({code}), but this audit found the page {ours}.",
            entry.meaning.trim_end_matches('.')
        ),
    )
}

/// A stale verdict is not stale when the server's own log shows OpenAI's real crawler still
/// refused after the review: the rule that refused it is still there. `log` is the page's log
/// evidence, `None` when the crawler never asked for it.
pub fn with_log_evidence(rec: &mut AdReconciliation, log: Option<&PageLogEvidence>) {
    let Some(log) = log else { return };
    if rec.agreement != Agreement::Stale || !is_blocking_status(log.last_status) {
        return;
    }
    let (Some(reviewed), Some(seen)) = (rec.ad.review.updated_at, unix_seconds(&log.last_seen))
    else {
        return;
    };
    if seen < reviewed {
        return;
    }
    let code = rec.ad.review.reason.as_deref().unwrap_or("a crawl problem");
    rec.agreement = Agreement::Explainable;
    let day = log.last_seen.get(..10).unwrap_or(&log.last_seen);
    rec.line = format!("OpenAI reported {code}, and the server's log shows its crawler still refused (HTTP {}) on {day} while this audit reaches the page: the rule likely matches OpenAI's IP addresses, not the user agent. Allow OpenAI's published address ranges (https://openai.com/adsbot.json), then request a re-review.", log.last_status);
}

/// Same scheme-less host and path, trailing slash, query and fragment aside.
fn same_page(a: &str, b: &str) -> bool {
    let key = |u: &str| {
        url::Url::parse(u).ok().map(|u| {
            (
                u.host_str().unwrap_or_default().to_ascii_lowercase(),
                u.path().trim_end_matches('/').to_string(),
            )
        })
    };
    key(a).is_some() && key(a) == key(b)
}

fn unix_seconds(rfc3339: &str) -> Option<i64> {
    time::OffsetDateTime::parse(rfc3339, &time::format_description::well_known::Rfc3339)
        .ok()
        .map(|t| t.unix_timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;
    use preflight_ads::{AdReview, Named};
    use preflight_document::report::{standard_limits, RunStatus, Summary, REPORT_SCHEMA_VERSION};
    use preflight_model::Confidence;

    /// 2026-12-05T10:00:00Z
    const AUDITED: i64 = 1_796_464_800;

    fn page(url: &str, verdict: Verdict) -> PageReport {
        PageReport {
            url: url.into(),
            verdict,
            verdict_confidence: Confidence::High,
            verdict_reason: String::new(),
            vendor: None,
            robots: None,
            params_survive: None,
            robots_fetch: None,
            params_fetch: None,
            pixel: None,
            findings: vec![],
            fetches: vec![],
        }
    }

    fn audit(pages: Vec<PageReport>) -> AuditReport {
        AuditReport {
            schema_version: REPORT_SCHEMA_VERSION,
            generator: "test".into(),
            started_at: "2026-12-05T10:00:00Z".into(),
            finished_at: None,
            status: RunStatus::Complete,
            planned_pages: None,
            summary: Summary::default(),
            pages,
            limits: standard_limits(),
            funnel: None,
            journeys: Vec::new(),
        }
    }

    fn ad(target: &str, status: &str, reason: Option<&str>, days_ago: i64) -> AdDestination {
        let named = |id: &str| Named {
            id: id.into(),
            name: id.into(),
        };
        AdDestination {
            campaign: named("cmpn_1"),
            ad_group: named("adgrp_1"),
            ad: named("ad_1"),
            ad_status: Some("active".into()),
            target_url: Some(target.into()),
            templates: Default::default(),
            click_url: None,
            review: AdReview {
                status: Some(status.into()),
                reason: reason.map(str::to_string),
                screenshot_url: None,
                updated_at: Some(AUDITED - days_ago * 86_400),
            },
            serving_issues: vec![],
        }
    }

    fn one(ad: AdDestination, page: PageReport) -> AdReconciliation {
        reconcile(&[ad], &audit(vec![page])).remove(0)
    }

    #[test]
    fn a_captcha_openai_saw_and_a_challenge_we_see_agree() {
        let r = one(
            ad(
                "https://shop.example/boots?utm_source=x",
                "rejected",
                Some("crawler_captcha"),
                1,
            ),
            page("https://shop.example/boots/", Verdict::Challenged),
        );
        assert_eq!(r.agreement, Agreement::Agree);
        assert!(
            r.line.contains("CAPTCHA") && r.line.contains("challenged"),
            "{}",
            r.line
        );
    }

    #[test]
    fn openai_refused_while_we_reach_the_page_points_at_an_address_rule() {
        let r = one(
            ad(
                "https://shop.example/boots",
                "rejected",
                Some("crawler_403"),
                1,
            ),
            page("https://shop.example/boots", Verdict::Reachable),
        );
        assert_eq!(r.agreement, Agreement::Explainable);
        assert!(r.line.contains("IP addresses"), "{}", r.line);
    }

    #[test]
    fn an_old_rejection_of_a_page_reachable_now_is_stale() {
        let r = one(
            ad(
                "https://shop.example/boots",
                "rejected",
                Some("crawler_403"),
                9,
            ),
            page("https://shop.example/boots", Verdict::Reachable),
        );
        assert_eq!(r.agreement, Agreement::Stale);
        assert!(
            r.line.contains("9 days") && r.line.contains("re-review"),
            "{}",
            r.line
        );
    }

    #[test]
    fn a_stale_verdict_with_the_crawler_still_refused_in_the_log_points_at_an_address_rule() {
        let stale = || {
            one(
                ad(
                    "https://shop.example/boots",
                    "rejected",
                    Some("crawler_403"),
                    9,
                ),
                page("https://shop.example/boots", Verdict::Reachable),
            )
        };
        let evidence = |status: u16, days_ago: i64| PageLogEvidence {
            url: "https://shop.example/boots".into(),
            path: "/boots".into(),
            addresses: preflight_accesslog::AddressScope::InRanges,
            requests: 3,
            refused: 3,
            last_status: status,
            last_seen: time::OffsetDateTime::from_unix_timestamp(AUDITED - days_ago * 86_400)
                .unwrap()
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap(),
            impostor_requests: 0,
        };
        let mut r = stale();
        with_log_evidence(&mut r, Some(&evidence(403, 1)));
        assert_eq!(r.agreement, Agreement::Explainable);
        assert!(r.line.contains("still refused (HTTP 403)"), "{}", r.line);
        // A refusal logged before the review, a page served since, or no log: still stale.
        for log in [Some(evidence(403, 20)), Some(evidence(200, 1)), None] {
            let mut r = stale();
            with_log_evidence(&mut r, log.as_ref());
            assert_eq!(r.agreement, Agreement::Stale, "{log:?}");
        }
    }

    #[test]
    fn an_approved_ad_on_a_page_we_find_blocked_is_a_disagreement_and_unaudited_pages_say_so() {
        let r = one(
            ad("https://shop.example/boots", "approved", None, 2),
            page("https://shop.example/boots", Verdict::Blocked),
        );
        assert_eq!(r.agreement, Agreement::Disagree);
        let r = one(
            ad("https://shop.example/other", "approved", None, 2),
            page("https://shop.example/boots", Verdict::Reachable),
        );
        assert_eq!(r.agreement, Agreement::NotAudited);
        assert!(r.page_url.is_none());
        let r = one(
            ad("https://shop.example/boots", "approved", None, 2),
            page("https://shop.example/boots", Verdict::Reachable),
        );
        assert_eq!(r.agreement, Agreement::Agree);
    }

    #[test]
    fn a_robots_rejection_matches_a_robots_verdict_but_not_a_timeout() {
        let robots = ad(
            "https://shop.example/boots",
            "rejected",
            Some("robots_txt"),
            1,
        );
        let r = one(
            robots.clone(),
            page("https://shop.example/boots", Verdict::RobotsBlocked),
        );
        assert_eq!(r.agreement, Agreement::Agree);
        let r = one(robots, page("https://shop.example/boots", Verdict::Timeout));
        assert_eq!(r.agreement, Agreement::Disagree);
    }
}
