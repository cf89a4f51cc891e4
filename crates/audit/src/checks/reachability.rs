//! Does OAI-AdsBot get the page a visitor gets? Compares the fetch as the full OAI-AdsBot user
//! agent, as the bare token, and as a desktop browser, and settles on one verdict.

use super::content_diff::{self, ContentDiff};
use crate::agents::Agent;
use crate::artifacts::{FetchArtifact, FetchErrorKind};
use crate::report::Verdict;
use preflight_model::{Area, Confidence, Finding, Status};
use url::Url;

/// Below this share of shared words, two pages are considered different.
pub const MIN_TEXT_SIMILARITY: f64 = 0.5;
/// Pages with fewer words than this are compared by title and size only.
const MIN_WORDS_FOR_TEXT_COMPARISON: u32 = 20;

/// The reachability verdict and the findings that explain it.
pub struct Assessment {
    pub verdict: Verdict,
    pub confidence: Confidence,
    pub reason: String,
    pub findings: Vec<Finding>,
}

/// Assesses one page from its fetches. `fetches` holds at most one artifact per agent; the full
/// OAI-AdsBot fetch is required, the others sharpen the diagnosis.
pub fn assess(fetches: &[FetchArtifact]) -> Assessment {
    let by = |agent| fetches.iter().find(|f| f.agent == agent);
    let Some(bot) = by(Agent::Adsbot) else {
        return Assessment {
            verdict: Verdict::Unreachable,
            confidence: Confidence::Low,
            reason: "The page was not fetched as OAI-AdsBot.".into(),
            findings: vec![Finding::new(
                "bot-not-fetched",
                Area::Reachability,
                Status::Error,
                "The page was not fetched as OAI-AdsBot",
            )
            .detail(
                "The audit stopped before this page was requested, so nothing is known about it.",
            )
            .remedy("Run the audit again.")],
        };
    };
    let browser = by(Agent::Browser);
    let token = by(Agent::AdsbotToken);
    let browser_ok = browser.is_some_and(FetchArtifact::is_success);

    let mut findings = Vec::new();
    let (verdict, confidence, reason) = if let Some(error) = &bot.error {
        transport_failure(bot, error.kind, browser, &mut findings)
    } else {
        let status = bot.status.unwrap_or(0);
        if status == 429 {
            findings.push(rate_limited(bot));
            (
                Verdict::RateLimited,
                Confidence::High,
                "The server answers OAI-AdsBot with HTTP 429 (too many requests).".to_string(),
            )
        } else if status >= 400 {
            error_status(bot, browser, browser_ok, &mut findings)
        } else if (300..400).contains(&status) {
            findings.push(
                Finding::new("bot-error-status", Area::Reachability, Status::Fail, "The page ends in a redirect without a destination")
                    .detail(format!("The server answered HTTP {status} but gave no address to go to, so OAI-AdsBot gets no page."))
                    .evidence("Final response", format!("HTTP {status} from {}", bot.final_url.as_deref().unwrap_or(&bot.requested_url)))
                    .remedy("Fix the redirect so it points to the landing page, or serve the page directly."),
            );
            (
                Verdict::Unreachable,
                Confidence::High,
                format!("The page ends in HTTP {status} with no redirect target."),
            )
        } else if let Some(away) = redirected_away(bot, browser) {
            findings.push(away);
            (
                Verdict::RedirectedAway,
                Confidence::High,
                "OAI-AdsBot is redirected to a different site or page than a visitor.".to_string(),
            )
        } else if let Some((different, confidence)) = browser
            .filter(|_| browser_ok)
            .and_then(|b| different_page(bot, b))
        {
            let reason = if different.id == "bot-content-cloaked" {
                different.title.clone() + "."
            } else {
                "OAI-AdsBot gets different content from what a visitor gets.".to_string()
            };
            findings.push(different);
            (Verdict::Cloaked, confidence, reason)
        } else {
            findings.push(
                Finding::new(
                    "bot-reachable",
                    Area::Reachability,
                    Status::Pass,
                    "OAI-AdsBot gets the page",
                )
                .detail(match browser {
                    Some(_) if browser_ok => {
                        "The page answers OAI-AdsBot with the same working page a visitor gets."
                    }
                    _ => "The page answers OAI-AdsBot with a working page.",
                })
                .evidence("OAI-AdsBot", describe(bot)),
            );
            (
                Verdict::Reachable,
                Confidence::High,
                "OAI-AdsBot gets the same working page as a visitor.".to_string(),
            )
        }
    };

    if let Some(token) = token {
        if let Some(finding) = full_agent_rule(bot, token) {
            findings.push(finding);
        }
    }
    Assessment {
        verdict,
        confidence,
        reason,
        findings,
    }
}

fn transport_failure(
    bot: &FetchArtifact,
    kind: FetchErrorKind,
    browser: Option<&FetchArtifact>,
    findings: &mut Vec<Finding>,
) -> (Verdict, Confidence, String) {
    let message = bot
        .error
        .as_ref()
        .map(|e| e.message.clone())
        .unwrap_or_default();
    let browser_ok = browser.is_some_and(FetchArtifact::is_success);
    let mut finding = Finding::new(
        "bot-fetch-failed",
        Area::Reachability,
        Status::Fail,
        "OAI-AdsBot could not load the page",
    )
    .evidence("OAI-AdsBot", message.clone());
    if let Some(b) = browser {
        finding = finding.evidence("Desktop browser", describe(b));
    }
    let (verdict, confidence, reason, detail, remedy) = match kind {
        FetchErrorKind::Timeout => (
            Verdict::Timeout,
            Confidence::High,
            "The page did not answer OAI-AdsBot in time.".to_string(),
            "The server took too long to answer. A crawler gives up and the ad is not approved.",
            "Make the page answer faster (caching, a CDN), or check whether the server slows down requests from bots on purpose (tarpitting).",
        ),
        FetchErrorKind::ConnectionReset if browser_ok => (
            Verdict::Blocked,
            Confidence::Medium,
            "The server cuts OAI-AdsBot's connection but serves a visitor.".to_string(),
            "The server drops the connection when the request says it is OAI-AdsBot, while a browser gets the page. That is how some firewalls block bots silently.",
            "Ask whoever runs the server or firewall to allow the user agent OAI-AdsBot (and OpenAI's published addresses at https://openai.com/adsbot.json).",
        ),
        FetchErrorKind::RedirectLoop | FetchErrorKind::TooManyRedirects | FetchErrorKind::BadRedirect => (
            Verdict::Unreachable,
            Confidence::High,
            "The page's redirects never reach a page.".to_string(),
            "Following the redirects does not end at a page, so OAI-AdsBot has nothing to review.",
            "Fix the redirect rules so the ad's URL reaches the landing page in at most a few steps.",
        ),
        FetchErrorKind::PrivateAddress => (
            Verdict::Unreachable,
            Confidence::High,
            "The page leads to a private network address.".to_string(),
            "The page (or one of its redirects) points to an address on a private network, such as this computer or an office network. OAI-AdsBot cannot reach such addresses, and Preflight does not request them unless you add that host yourself.",
            "Make the ad's URL and every redirect point to the public site. To audit a staging server on your own network, add its address as a landing page.",
        ),
        FetchErrorKind::Tls => (
            Verdict::Unreachable,
            Confidence::High,
            "The page's HTTPS certificate is rejected.".to_string(),
            "A secure connection to the site cannot be made: its certificate is invalid, expired or for another name. Crawlers and browsers refuse such pages.",
            "Renew or fix the site's HTTPS certificate so it covers this exact host name.",
        ),
        FetchErrorKind::Dns => (
            Verdict::Unreachable,
            Confidence::High,
            "The domain name does not exist.".to_string(),
            "The website address cannot be found. Check for a typo in the URL.",
            "Correct the URL, or set up the domain's DNS records.",
        ),
        _ => (
            Verdict::Unreachable,
            Confidence::High,
            "The page cannot be loaded.".to_string(),
            "The request failed before a page came back.",
            "Check that the site is up and reachable from the internet, then audit again.",
        ),
    };
    findings.push(finding.detail(detail).remedy(remedy).confidence(confidence));
    (verdict, confidence, reason)
}

fn error_status(
    bot: &FetchArtifact,
    browser: Option<&FetchArtifact>,
    browser_ok: bool,
    findings: &mut Vec<Finding>,
) -> (Verdict, Confidence, String) {
    let status = bot.status.unwrap_or(0);
    if browser_ok {
        let browser = browser.expect("browser_ok implies a browser fetch");
        findings.push(
            Finding::new("bot-error-status", Area::Reachability, Status::Fail, format!("OAI-AdsBot gets HTTP {status} where a visitor gets the page"))
                .detail("The server refuses OAI-AdsBot but serves a browser. The ad will show as \"Not serving\" or be rejected, and OpenAI support cannot bypass this.")
                .evidence("OAI-AdsBot", describe(bot))
                .evidence("Desktop browser", describe(browser))
                .remedy("Allow the user agent OAI-AdsBot in the server, firewall or CDN rules (OpenAI publishes its addresses at https://openai.com/adsbot.json). Look for rules that block \"bot\", \"openai\" or unknown crawlers."),
        );
        (
            Verdict::Blocked,
            Confidence::High,
            format!("The server answers OAI-AdsBot with HTTP {status} but serves a visitor."),
        )
    } else {
        let mut finding = Finding::new(
            "page-error-status",
            Area::Reachability,
            Status::Fail,
            format!("The page answers HTTP {status} to everyone"),
        )
        .detail(if status == 404 || status == 410 {
            "The page does not exist (any more). An ad cannot point to it."
        } else if status >= 500 {
            "The server fails with an error for every visitor, bot or not."
        } else {
            "The page refuses every visitor, bot or not (for example it needs a login)."
        })
        .evidence("OAI-AdsBot", describe(bot))
        .remedy(if status == 404 || status == 410 {
            "Correct the ad's destination URL, or restore the page."
        } else if status >= 500 {
            "Fix the server error, then audit again."
        } else {
            "Ad landing pages must be public: remove the login or access rule for this page."
        });
        if let Some(b) = browser {
            finding = finding.evidence("Desktop browser", describe(b));
        }
        findings.push(finding);
        (
            Verdict::Unreachable,
            Confidence::High,
            format!("The page answers HTTP {status} to OAI-AdsBot and to a visitor."),
        )
    }
}

fn rate_limited(bot: &FetchArtifact) -> Finding {
    let mut finding = Finding::new(
        "bot-rate-limited",
        Area::Reachability,
        Status::Fail,
        "OAI-AdsBot is rate limited (HTTP 429)",
    )
    .detail("The server told OAI-AdsBot to slow down. OpenAI notes this happens during bulk ad uploads; the ad review fails while it lasts.")
    .evidence("OAI-AdsBot", describe(bot))
    .remedy("Exempt OAI-AdsBot from the rate limit (match the user agent and OpenAI's addresses at https://openai.com/adsbot.json), and upload ads in smaller batches.");
    if let Some(retry) = bot.header("retry-after") {
        finding = finding.evidence("Retry-After header", retry);
    }
    if let Some(retry) = &bot.rate_limit_retry {
        finding = finding.evidence(
            "Asked again",
            format!(
                "After waiting {:.1} s the request was sent once more and was refused again",
                retry.waited_ms as f64 / 1000.0
            ),
        );
    }
    finding
}

/// The bot ends on another site than the one requested, or on another page than the browser.
fn redirected_away(bot: &FetchArtifact, browser: Option<&FetchArtifact>) -> Option<Finding> {
    let requested = Url::parse(&bot.requested_url).ok()?;
    let bot_final = Url::parse(bot.final_url.as_deref()?).ok()?;
    let browser_final = browser
        .filter(|b| b.is_success())
        .and_then(|b| b.final_url.as_deref())
        .and_then(|u| Url::parse(u).ok());
    let other_site = site(&bot_final) != site(&requested);
    let browser_elsewhere = browser_final
        .as_ref()
        .is_some_and(|b| site(b) != site(&bot_final) || b.path() != bot_final.path());
    // When the browser lands on the same other site, that is the site's normal redirect.
    let browser_same_place = browser_final
        .as_ref()
        .is_some_and(|b| site(b) == site(&bot_final) && b.path() == bot_final.path());
    if !(browser_elsewhere || (other_site && !browser_same_place)) {
        return None;
    }
    let mut finding = Finding::new(
        "bot-redirected-away",
        Area::Reachability,
        Status::Fail,
        "OAI-AdsBot is sent somewhere else",
    )
    .detail("The ad's URL redirects OAI-AdsBot away from the landing page. OpenAI reviews the page the bot ends on, and \"unsupported redirects\" can get an ad rejected.")
    .evidence("Requested", bot.requested_url.clone())
    .evidence("OAI-AdsBot ends at", bot_final.to_string());
    for (i, hop) in bot.hops.iter().enumerate() {
        finding = finding.evidence(
            format!("Hop {}", i + 1),
            format!("HTTP {} {}", hop.status, hop.url),
        );
    }
    if let Some(b) = browser_final {
        finding = finding.evidence("Desktop browser ends at", b.to_string());
    }
    Some(finding.remedy("Point the ad at the final landing page, or make the redirect rules treat OAI-AdsBot like a visitor."))
}

/// The host without a leading `www.`, so `example.com` → `www.example.com` counts as one site.
fn site(url: &Url) -> String {
    let host = url.host_str().unwrap_or_default();
    host.strip_prefix("www.").unwrap_or(host).to_string()
}

/// The bot gets other content than a visitor: a different headline, prices or offer (cloaking
/// even when the rest is the same), or mostly other text. Tokens and timestamps do not count.
fn different_page(bot: &FetchArtifact, browser: &FetchArtifact) -> Option<(Finding, Confidence)> {
    let diff = content_diff::compare(bot, browser);
    // Mostly the same page with a few things changed; a page that is mostly other text is
    // reported as a different page below.
    if diff.is_subtle_cloaking() && diff.similarity >= MIN_TEXT_SIMILARITY {
        return Some((subtle_cloaking(bot, browser, &diff), Confidence::Medium));
    }
    if diff.same_but_volatile {
        return None;
    }
    let title_differs = bot.title != browser.title;
    let enough_words = bot.word_count >= MIN_WORDS_FOR_TEXT_COMPARISON
        || browser.word_count >= MIN_WORDS_FOR_TEXT_COMPARISON;
    let text_differs = enough_words && diff.similarity < MIN_TEXT_SIMILARITY;
    let size_ratio = ratio(bot.body_bytes, browser.body_bytes);
    let tiny_pages_differ = !enough_words && title_differs && size_ratio < 0.5;
    if !(text_differs || tiny_pages_differ) {
        return None;
    }
    Some((
        Finding::new("bot-different-page", Area::Reachability, Status::Warn, "OAI-AdsBot sees a different page from visitors")
            .detail("The content served to OAI-AdsBot differs from what a browser gets. OpenAI reviews what the bot sees: if it is a block page, an empty shell or other content, the ad may be rejected for not matching its landing page.")
            .confidence(Confidence::Medium)
            .evidence("OAI-AdsBot title", bot.title.clone().unwrap_or_else(|| "(none)".into()))
            .evidence("Browser title", browser.title.clone().unwrap_or_else(|| "(none)".into()))
            .evidence("Shared words", format!("{:.0}% of the words are shared", diff.similarity * 100.0))
            .evidence("Size", format!("{} bytes for the bot, {} bytes for the browser", bot.body_bytes, browser.body_bytes))
            .evidence("OAI-AdsBot text starts", bot.visible_text.chars().take(300).collect::<String>())
            .remedy("Serve OAI-AdsBot the same page as visitors. Check bot-specific rules in the CDN, firewall, A/B testing or personalisation tools."),
        Confidence::Medium,
    ))
}

/// The same page with another headline, other prices or another offer for the bot.
fn subtle_cloaking(bot: &FetchArtifact, browser: &FetchArtifact, diff: &ContentDiff) -> Finding {
    let mut what = Vec::new();
    if diff.headline.is_some() {
        what.push("headline");
    }
    if diff.prices.is_some() {
        what.push("prices");
    }
    if diff.offer.is_some() {
        what.push("offer");
    }
    let what = match what.as_slice() {
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        [] => "content".to_string(),
    };
    let list = |items: &[String]| {
        if items.is_empty() {
            "(none)".to_string()
        } else {
            items.join("; ")
        }
    };
    let mut finding = Finding::new(
        "bot-content-cloaked",
        Area::Reachability,
        Status::Fail,
        format!("OAI-AdsBot is shown a different {what} from visitors"),
    )
    .detail(format!(
        "The page OAI-AdsBot gets is the visitor's page with a different {what}. OpenAI reviews what its crawler sees and expects the ad, the crawled page and the visitor's page to match; showing the crawler other claims is cloaking and can get the ad rejected or the account suspended. Differences that change on every request (tokens, timestamps, request ids) are not counted."
    ))
    .confidence(Confidence::Medium);
    if let Some((b, v)) = &diff.headline {
        finding = finding
            .evidence("OAI-AdsBot headline", b.clone())
            .evidence("Visitor headline", v.clone());
    }
    if let Some((b, v)) = &diff.prices {
        finding = finding
            .evidence("Prices only OAI-AdsBot sees", list(b))
            .evidence("Prices only visitors see", list(v));
    }
    if let Some((b, v)) = &diff.offer {
        finding = finding
            .evidence("Offer only OAI-AdsBot sees", list(b))
            .evidence("Offer only visitors see", list(v));
    }
    finding
        .evidence("Compared", format!("{} (OAI-AdsBot) with {} (desktop browser)", describe(bot), describe(browser)))
        .remedy("Serve OAI-AdsBot exactly the page visitors get. Look for rules that change the headline, prices or offer by user agent: CDN or edge workers, personalisation and A/B testing tools (keep crawlers out of experiments, or give them the default variant visitors also see), and pricing or promotion plugins.")
}

fn ratio(a: u64, b: u64) -> f64 {
    let (lo, hi) = if a < b { (a, b) } else { (b, a) };
    if hi == 0 {
        1.0
    } else {
        lo as f64 / hi as f64
    }
}

/// The full user agent is refused while the bare token gets through: a rule matches another part
/// of the full string, typically a case-insensitive `openai` from a popular block list.
fn full_agent_rule(bot: &FetchArtifact, token: &FetchArtifact) -> Option<Finding> {
    let bot_refused = bot.error.is_some() || bot.status.is_some_and(|s| s >= 400);
    if !(bot_refused && token.is_success()) {
        return None;
    }
    Some(
        Finding::new(
            "full-user-agent-blocked",
            Area::Reachability,
            Status::Fail,
            "A rule blocks OAI-AdsBot's full user agent, not its name",
        )
        .detail("A request carrying only the name \"OAI-AdsBot\" gets the page, but OpenAI's full user agent is refused. A server rule matches another part of the full string, most often a case-insensitive \"openai\" (the full user agent contains \"+https://openai.com/adsbot\"), as in popular AI-bot block lists for nginx and .htaccess.")
        .evidence("Full user agent", format!("{} → {}", bot.user_agent, describe(bot)))
        .evidence("Token only", format!("{} → {}", token.user_agent, describe(token)))
        .remedy("Find the rule that matches \"openai\" (or \"bot\", \"compatible\", \"KHTML\") in the server, .htaccess or firewall configuration and add an exception for user agents containing \"OAI-AdsBot\" before it."),
    )
}

/// A one-line description of what a fetch got: status, final URL, title.
pub fn describe(f: &FetchArtifact) -> String {
    if let Some(e) = &f.error {
        return e.message.clone();
    }
    let mut s = format!("HTTP {}", f.status.unwrap_or(0));
    if f.redirect_count() > 0 {
        s.push_str(&format!(
            " after {} redirect(s) to {}",
            f.redirect_count(),
            f.final_url.as_deref().unwrap_or("?")
        ));
    }
    if let Some(t) = &f.title {
        s.push_str(&format!(", title \"{t}\""));
    }
    s.push_str(&format!(", {} bytes", f.body_bytes));
    s
}
