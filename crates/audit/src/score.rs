//! Scoring one page: every check run on the artifacts gathered for it.

use crate::agents::Agent;
use crate::artifacts::{FetchArtifact, RobotsFetch};
use crate::checks;
use crate::crash::guard;
use crate::pixel::{self, PageSource};
use crate::report::{PageReport, Verdict};
use preflight_model::Confidence;
use preflight_waf::ResponseKind;

/// Runs every check on stored artifacts. Pure: the same artifacts always give the same report,
/// which is what lets an old audit be re-scored. A check that panics becomes an error finding.
/// `source` (the page as the browser got it and its own scripts) feeds the pixel scan; it is not
/// stored, so without it (a stored audit, a page the browser could not load) the page has no
/// pixel result and no pixel findings. Pixel findings never change the verdict.
pub fn score_page(
    url: &str,
    fetches: Vec<FetchArtifact>,
    robots_fetch: Option<RobotsFetch>,
    params_fetch: Option<FetchArtifact>,
    source: Option<&PageSource>,
) -> PageReport {
    let mut findings = Vec::new();
    let (mut verdict, mut confidence, mut reason) = match guard("the reachability check", || {
        checks::reachability::assess(&fetches)
    }) {
        Ok(a) => {
            findings.extend(a.findings);
            (a.verdict, a.confidence, a.reason)
        }
        Err(finding) => {
            findings.push(finding);
            (
                Verdict::Unreachable,
                Confidence::Low,
                "The reachability check failed; see its error.".to_string(),
            )
        }
    };

    // Firewalls and CDNs: a challenge or block page can come with status 200.
    let mut vendor = None;
    match guard("the firewall check", || checks::firewall::check(&fetches)) {
        Ok(result) => {
            if let Some(bot) = &result.bot {
                vendor = bot.vendor.as_ref().map(|v| v.name.clone());
                let bot_got_response = matches!(
                    verdict,
                    Verdict::Reachable
                        | Verdict::Blocked
                        | Verdict::Cloaked
                        | Verdict::Unreachable
                        | Verdict::RateLimited
                );
                let overridden = match bot.kind {
                    ResponseKind::Challenge if bot_got_response => Some((Verdict::Challenged, "OAI-AdsBot gets a challenge (CAPTCHA or browser check) instead of the page.")),
                    ResponseKind::Block if bot_got_response => Some((Verdict::Blocked, "A firewall or the server blocks OAI-AdsBot.")),
                    ResponseKind::RateLimit if bot_got_response => Some((Verdict::RateLimited, "OAI-AdsBot is rate limited.")),
                    ResponseKind::PayPerCrawl if bot_got_response => Some((Verdict::Blocked, "OAI-AdsBot is asked to pay for the page (pay per crawl) instead of getting it.")),
                    _ => None,
                };
                if let Some((v, why)) = overridden {
                    if v != verdict {
                        findings.retain(|f| f.id != "bot-reachable");
                        verdict = v;
                        confidence = bot.kind_confidence;
                        reason = why.to_string();
                    }
                }
            }
            findings.extend(result.findings);
        }
        Err(finding) => findings.push(finding),
    }

    // robots.txt comes first for a crawler: a disallowed URL is never fetched at all.
    let mut robots = None;
    if let Some(fetch) = &robots_fetch {
        match guard("the robots.txt check", || checks::robots::check(url, fetch)) {
            Ok((v, robots_findings)) => {
                // A site that cannot be reached at all is "unreachable", not "blocked by
                // robots.txt", even though an unreachable robots.txt also means disallow all.
                let whole_site_down = fetch.error.is_some()
                    && matches!(verdict, Verdict::Unreachable | Verdict::Timeout);
                if let Some(v) = &v {
                    if !v.allowed && !whole_site_down {
                        findings.retain(|f| f.id != "bot-reachable");
                        verdict = Verdict::RobotsBlocked;
                        confidence = Confidence::High;
                        reason = if v.blocks_only_tagged_url() {
                            "robots.txt forbids OAI-AdsBot this tagged URL (the page without its parameters is allowed).".into()
                        } else {
                            "robots.txt forbids OAI-AdsBot this URL.".into()
                        };
                    }
                }
                robots = v;
                findings.extend(robots_findings);
            }
            Err(finding) => findings.push(finding),
        }
    }

    // Name the copied block list behind a refusal, when one fits what was seen.
    let robots_pair = robots_fetch.as_ref().zip(robots.as_ref());
    match guard("the block list check", || {
        checks::block_lists::check(&fetches, robots_pair)
    }) {
        Ok(more) => findings.extend(more),
        Err(finding) => findings.push(finding),
    }

    let mut params_survive = None;
    if let Some(fetch) = &params_fetch {
        match guard("the parameter check", || checks::params::check(fetch)) {
            Ok((survived, finding)) => {
                params_survive = survived;
                findings.push(finding);
            }
            Err(finding) => findings.push(finding),
        }
    }

    match guard("the page basics check", || {
        checks::page_basics::check(&fetches, verdict)
    }) {
        Ok(more) => findings.extend(more),
        Err(finding) => findings.push(finding),
    }

    let mut pixel_summary = None;
    if let Some(source) = source {
        let headers: Vec<(String, String)> = fetches
            .iter()
            .find(|f| f.agent == Agent::Browser)
            .map(|f| {
                f.headers
                    .iter()
                    .map(|h| (h.name.clone(), h.value.clone()))
                    .collect()
            })
            .unwrap_or_default();
        match guard("the pixel check", || pixel::check(source, &headers)) {
            Ok((summary, more)) => {
                pixel_summary = Some(summary);
                findings.extend(more);
            }
            Err(finding) => findings.push(finding),
        }
    }

    PageReport {
        url: url.to_string(),
        verdict,
        verdict_confidence: confidence,
        verdict_reason: reason,
        vendor,
        robots,
        params_survive,
        findings,
        fetches,
        robots_fetch,
        params_fetch,
        pixel: pixel_summary,
    }
}
