//! Turning classifications into findings a marketer can act on.

use preflight_model::{Area, Confidence, Finding, Status};

use crate::classify::{Classification, KindSource, ResponseKind, VendorMatch};
use crate::comparisons::{
    challenge_of_this_network, charges, denial_page, with_token, with_vantage,
};
use crate::table::{SignatureTable, ORIGIN_ID};

/// A firewall or CDN was recognised in front of the page (info).
pub const WAF_DETECTED: &str = "waf-detected";
/// A firewall or CDN refused OAI-AdsBot (fail).
pub const WAF_BLOCKS_ADSBOT: &str = "waf-blocks-adsbot";
/// OAI-AdsBot got a CAPTCHA, JavaScript or device check instead of the page (fail).
pub const WAF_CHALLENGES_ADSBOT: &str = "waf-challenges-adsbot";
/// OAI-AdsBot was rate-limited (warn, or fail when a browser was let through).
pub const WAF_RATE_LIMITS_ADSBOT: &str = "waf-rate-limits-adsbot";
/// The site's own web server refused OAI-AdsBot, with no firewall vendor involved (fail).
pub const ORIGIN_BLOCKS_ADSBOT: &str = "origin-blocks-adsbot";
/// No block, challenge or rate limit was seen for OAI-AdsBot's user agent (pass).
pub const WAF_NO_BLOCK_DETECTED: &str = "waf-no-block-detected";
/// The site asks OAI-AdsBot to pay for the page (HTTP 402, pay per crawl) or its per-crawler
/// AI access control refuses it (fail).
pub const WAF_CHARGES_ADSBOT: &str = "waf-charges-adsbot";
/// A challenge that a browser from this computer got too: it depends on this computer's
/// network or location, not on OAI-AdsBot's user agent (warn).
pub const WAF_CHALLENGES_THIS_NETWORK: &str = "waf-challenges-this-network";

/// Every finding id this crate can produce.
pub const FINDING_IDS: [&str; 8] = [
    WAF_DETECTED,
    WAF_BLOCKS_ADSBOT,
    WAF_CHALLENGES_ADSBOT,
    WAF_RATE_LIMITS_ADSBOT,
    ORIGIN_BLOCKS_ADSBOT,
    WAF_NO_BLOCK_DETECTED,
    WAF_CHARGES_ADSBOT,
    WAF_CHALLENGES_THIS_NETWORK,
];

/// The limit of testing from the user's machine, stated wherever a verdict is given.
pub const LIMIT_NOTE: &str = "This test ran from your computer, not from OpenAI's network. A block here proves the site reacts to OAI-AdsBot's user agent; a pass does not prove that rules based on IP address, country or reputation let the real crawler through.";

/// Said next to a verdict when the response names the CDN location that answered.
pub const VANTAGE_NOTE: &str = "Firewalls and CDNs can answer differently depending on the location and network a request comes from, so a challenge seen from this computer may differ from what OpenAI's crawler gets.";

pub(crate) const WHY_IT_MATTERS: &str = "OpenAI's ad review fetches the landing page with OAI-AdsBot; while it cannot, the ad shows as \"Not serving\" or is rejected, and OpenAI support will not bypass the check.";

pub(crate) const AFTERWARDS: &str = "Then run this check again, and edit and resubmit the ad (or request another review) so OpenAI crawls the page again.";

/// How the browser-like baseline request fared, when there is one.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Baseline {
    None,
    /// A browser got a 2xx page with no block, challenge or rate limit.
    GotPage,
    /// A browser got the same status and verdict as the bot.
    SameAsBot,
    /// A browser was blocked, challenged or rate-limited too.
    AlsoStopped,
    /// Anything else (say a redirect or a different error).
    Other,
}

impl Baseline {
    fn of(bot: &Classification, baseline: Option<&Classification>) -> Self {
        let Some(base) = baseline else {
            return Baseline::None;
        };
        if base.kind == ResponseKind::Ok && (200..300).contains(&base.status) {
            Baseline::GotPage
        } else if base.kind == bot.kind && base.status == bot.status {
            Baseline::SameAsBot
        } else if base.kind != ResponseKind::Ok {
            Baseline::AlsoStopped
        } else {
            Baseline::Other
        }
    }

    fn evidence(baseline: Option<&Classification>) -> Option<String> {
        baseline.map(|b| match b.kind {
            ResponseKind::Ok => format!("HTTP {}, not blocked", b.status),
            ResponseKind::Block => format!("HTTP {}, blocked too", b.status),
            ResponseKind::Challenge => format!("HTTP {}, challenged too", b.status),
            ResponseKind::RateLimit => format!("HTTP {}, rate-limited too", b.status),
            ResponseKind::PayPerCrawl => format!("HTTP {}, asked to pay too", b.status),
        })
    }
}

/// What the other requests to the same URL got, for comparison with OAI-AdsBot's.
#[derive(Debug, Clone, Copy, Default)]
pub struct Baselines<'a> {
    /// A browser-like request (a current desktop Chrome user agent).
    pub browser: Option<&'a Classification>,
    /// A request whose user agent is only the product token "OAI-AdsBot".
    pub token: Option<&'a Classification>,
}

/// Findings for the response OAI-AdsBot's user agent got, compared with a browser-like
/// request to the same URL when `baseline` is given.
pub fn findings(bot: &Classification, baseline: Option<&Classification>) -> Vec<Finding> {
    findings_compared(
        bot,
        Baselines {
            browser: baseline,
            token: None,
        },
    )
}

/// Findings for the response OAI-AdsBot's full user agent got, compared with the browser-like
/// and the bare-token requests to the same URL when they were made.
pub fn findings_compared(bot: &Classification, baselines: Baselines<'_>) -> Vec<Finding> {
    let table = SignatureTable::builtin();
    let baseline = baselines.browser;
    let base = Baseline::of(bot, baseline);
    let mut out = Vec::new();
    if let Some(vendor) = &bot.vendor {
        out.push(detected(table, bot, vendor));
    }
    let verdict = match bot.kind {
        ResponseKind::Block
            if base == Baseline::SameAsBot && bot.kind_confidence == Confidence::Low =>
        {
            // A weak sign that a browser saw too (Netlify's branded 404 for a page that is
            // simply missing): this is how the site answers everyone, not a bot block.
            no_block(bot)
        }
        ResponseKind::Block if bot.kind_source == KindSource::Generic => denial_page(table, bot),
        ResponseKind::Block => block(table, bot, base),
        ResponseKind::Challenge if matches!(base, Baseline::SameAsBot | Baseline::AlsoStopped) => {
            challenge_of_this_network(table, bot, baselines.token)
        }
        ResponseKind::Challenge => challenge(table, bot, base),
        ResponseKind::RateLimit => rate_limit(table, bot, base),
        ResponseKind::PayPerCrawl => charges(table, bot, base),
        ResponseKind::Ok if bot.status >= 400 && base == Baseline::GotPage => {
            refused_without_marker(table, bot)
        }
        ResponseKind::Ok => no_block(bot),
    };
    let verdict = with_token(with_baseline(verdict, baseline), bot, baselines.token);
    out.push(with_vantage(verdict, bot));
    out
}

fn detected(table: &SignatureTable, bot: &Classification, vendor: &VendorMatch) -> Finding {
    let mut detail = format!(
        "Requests to this page pass through {}. Its bot protection can block or challenge OpenAI's ad-review crawler, so make sure OAI-AdsBot is allowed even if this test passed.",
        vendor.name
    );
    if !bot.other_vendors.is_empty() {
        let others: Vec<&str> = bot.other_vendors.iter().map(|v| v.name.as_str()).collect();
        detail.push_str(&format!(" Also seen: {}.", others.join(", ")));
    }
    let mut finding = Finding::new(
        WAF_DETECTED,
        Area::Reachability,
        Status::Info,
        format!("{} protects this page", vendor.name),
    )
    .confidence(vendor.confidence)
    .detail(detail)
    .remedy(steps_remedy(table, &vendor.id, &vendor.name));
    for signal in &vendor.signals {
        finding = add_evidence(finding, &format!("Sign of {}", vendor.name), signal, bot);
    }
    for other in &bot.other_vendors {
        for signal in &other.signals {
            finding = add_evidence(finding, &format!("Sign of {}", other.name), signal, bot);
        }
    }
    finding
}

fn block(table: &SignatureTable, bot: &Classification, base: Baseline) -> Finding {
    let by_vendor = bot.kind_source == KindSource::Vendor;
    let (id, title, who, remedy) = match (&bot.vendor, by_vendor) {
        (Some(v), true) => (
            WAF_BLOCKS_ADSBOT,
            format!("{} blocks OAI-AdsBot", v.name),
            v.name.clone(),
            decided_remedy(table, bot, v),
        ),
        _ => (
            ORIGIN_BLOCKS_ADSBOT,
            "Your web server refuses OAI-AdsBot".to_string(),
            "a rule on your own web server".to_string(),
            steps_remedy(table, ORIGIN_ID, "your web server"),
        ),
    };
    let mut detail = format!(
        "The request with OAI-AdsBot's user agent was refused (HTTP {}) by {}. {}",
        bot.status, who, WHY_IT_MATTERS
    );
    if !by_vendor {
        if let Some(v) = &bot.vendor {
            detail.push_str(&format!(
                " {} sits in front of the site, but the refusal carries your server's own error page, so the rule is most likely on the server."
                , v.name
            ));
        }
    }
    let (status, confidence) = verdict_strength(bot, base, &mut detail);
    finish(
        Finding::new(id, Area::Reachability, status, title),
        bot,
        detail,
        remedy,
        confidence,
        "Block sign",
    )
}

fn challenge(table: &SignatureTable, bot: &Classification, base: Baseline) -> Finding {
    let (title, remedy) = match vendor_that_decided(bot) {
        Some(v) => (
            format!("{} shows OAI-AdsBot a challenge instead of the page", v.name),
            decided_remedy(table, bot, v),
        ),
        None => (
            "OAI-AdsBot gets a bot check instead of the page".to_string(),
            format!(
                "Find the service that shows the check (its name is usually on the page or in your site's security settings) and exempt requests whose user agent contains “OAI-AdsBot”, ideally only from the IP ranges OpenAI publishes at https://openai.com/adsbot.json. {AFTERWARDS}"
            ),
        ),
    };
    let mut detail = format!(
        "The request with OAI-AdsBot's user agent got a CAPTCHA, JavaScript or device check (HTTP {}) instead of the landing page. Crawlers cannot solve these, so the ad review sees the check, not your page. {}",
        bot.status, WHY_IT_MATTERS
    );
    let (_, confidence) = verdict_strength(bot, base, &mut detail);
    finish(
        Finding::new(
            WAF_CHALLENGES_ADSBOT,
            Area::Reachability,
            Status::Fail,
            title,
        ),
        bot,
        detail,
        remedy,
        confidence,
        "Challenge sign",
    )
}

fn rate_limit(table: &SignatureTable, bot: &Classification, base: Baseline) -> Finding {
    let batches = "OpenAI also suggests uploading ads in smaller batches, since a bulk upload makes the crawler fetch many pages at once.";
    let (title, remedy) = match (vendor_that_decided(bot), &bot.vendor) {
        (Some(v), _) => (
            format!("{} rate-limits OAI-AdsBot", v.name),
            format!("{} {batches}", steps_remedy(table, &v.id, &v.name)),
        ),
        // A bare 429 behind a vendor may come from the vendor or from the server behind it.
        (None, Some(v)) => (
            format!("OAI-AdsBot is rate-limited (behind {})", v.name),
            format!(
                "{} If {} has no rate limit that matches, look at your server's own limits. {batches}",
                steps_remedy(table, &v.id, &v.name),
                v.name
            ),
        ),
        (None, None) => (
            "OAI-AdsBot is rate-limited".to_string(),
            format!(
                "Exempt requests whose user agent contains “OAI-AdsBot” (ideally only from the IP ranges OpenAI publishes at https://openai.com/adsbot.json) from the site's rate limits. {batches} {AFTERWARDS}"
            ),
        ),
    };
    let mut detail = format!(
        "The request with OAI-AdsBot's user agent was turned away for coming too often (HTTP {}). A rate limit can make the ad review fail even though the page itself is fine.",
        bot.status
    );
    let status = if base == Baseline::GotPage {
        detail.push_str(" A normal browser request right before was let through, so the limit treats the bot more strictly than visitors.");
        Status::Fail
    } else {
        detail.push_str(
            " Rate limits are often temporary; if this persists, the crawler will be refused too.",
        );
        Status::Warn
    };
    let confidence = match base {
        Baseline::GotPage => Confidence::High,
        _ => bot.kind_confidence,
    };
    finish(
        Finding::new(WAF_RATE_LIMITS_ADSBOT, Area::Reachability, status, title),
        bot,
        detail,
        remedy,
        confidence,
        "Rate-limit sign",
    )
}

/// The bot got an error page with no firewall marker while a browser got the page: the site
/// treats the bot's user agent differently, by whatever means.
fn refused_without_marker(table: &SignatureTable, bot: &Classification) -> Finding {
    let origin_steps = steps_remedy(table, ORIGIN_ID, "your web server");
    let (id, title, remedy) = match &bot.vendor {
        Some(v) => (
            WAF_BLOCKS_ADSBOT,
            format!(
                "OAI-AdsBot is refused (HTTP {}) while a browser gets the page",
                bot.status
            ),
            format!(
                "{} If nothing in {} matches, look at your server. {}",
                steps_remedy(table, &v.id, &v.name),
                v.name,
                origin_steps
            ),
        ),
        None => (
            ORIGIN_BLOCKS_ADSBOT,
            format!(
                "OAI-AdsBot is refused (HTTP {}) while a browser gets the page",
                bot.status
            ),
            origin_steps,
        ),
    };
    let who = bot
        .vendor
        .as_ref()
        .map(|v| format!("{} or your web server", v.name))
        .unwrap_or_else(|| "your web server".to_string());
    let detail = format!(
        "A normal browser request got the page, but the same request with OAI-AdsBot's user agent got HTTP {} with no recognisable firewall page, so a rule at {} singles out the bot's user agent. {} {}",
        bot.status, who, WHY_IT_MATTERS, LIMIT_NOTE
    );
    let mut finding = Finding::new(id, Area::Reachability, Status::Fail, title)
        .confidence(Confidence::Medium)
        .detail(detail)
        .remedy(remedy);
    finding = add_evidence(finding, "HTTP status", &bot.status.to_string(), bot);
    finding
}

fn no_block(bot: &Classification) -> Finding {
    let mut detail = format!(
        "The request with OAI-AdsBot's user agent got HTTP {} with no sign of a firewall block, bot check or rate limit. {}",
        bot.status, LIMIT_NOTE
    );
    if let Some(v) = &bot.vendor {
        detail.push_str(&format!(
            " Because {} sits in front of the site, allowlisting OpenAI's published addresses there is still worthwhile.",
            v.name
        ));
    }
    let finding = Finding::new(
        WAF_NO_BLOCK_DETECTED,
        Area::Reachability,
        Status::Pass,
        "No firewall block or bot check for OAI-AdsBot's user agent",
    )
    .confidence(Confidence::Medium)
    .detail(detail);
    add_evidence(finding, "HTTP status", &bot.status.to_string(), bot)
}

/// Status and confidence of a block or challenge, adjusted by what a browser got; adds a
/// sentence about the baseline and the honest limit to `detail`.
pub(crate) fn verdict_strength(
    bot: &Classification,
    base: Baseline,
    detail: &mut String,
) -> (Status, Confidence) {
    let result = match base {
        Baseline::GotPage => {
            detail.push_str(
                " A normal browser request got the page, so the rule targets the bot's user agent.",
            );
            (Status::Fail, Confidence::High)
        }
        Baseline::SameAsBot | Baseline::AlsoStopped => {
            detail.push_str(" A normal browser request from this computer was stopped too, so this is not a block of OAI-AdsBot's user agent as such: the rule may target this network, country or IP reputation. OpenAI's crawler comes from other addresses, so check the firewall's log for OAI-AdsBot.");
            (Status::Fail, Confidence::Medium)
        }
        Baseline::None | Baseline::Other if bot.kind_confidence == Confidence::Low => {
            detail.push_str(" The sign is weak on its own (the same page can mean something else), so confirm by loading the page in a normal browser.");
            (Status::Warn, Confidence::Low)
        }
        Baseline::None | Baseline::Other => (Status::Fail, bot.kind_confidence),
    };
    detail.push(' ');
    detail.push_str(LIMIT_NOTE);
    result
}

pub(crate) fn vendor_that_decided(bot: &Classification) -> Option<&VendorMatch> {
    match bot.kind_source {
        KindSource::Vendor => bot.vendor.as_ref(),
        _ => None,
    }
}

pub(crate) fn finish(
    finding: Finding,
    bot: &Classification,
    detail: String,
    remedy: String,
    confidence: Confidence,
    sign_label: &str,
) -> Finding {
    let mut finding = finding.confidence(confidence).detail(detail).remedy(remedy);
    finding = add_evidence(finding, "HTTP status", &bot.status.to_string(), bot);
    for signal in &bot.kind_signals {
        finding = add_evidence(finding, sign_label, signal, bot);
    }
    finding
}

fn with_baseline(finding: Finding, baseline: Option<&Classification>) -> Finding {
    match Baseline::evidence(baseline) {
        Some(text) => finding.evidence("Browser request for comparison", text),
        None => finding,
    }
}

pub(crate) fn add_evidence(
    finding: Finding,
    label: &str,
    value: &str,
    bot: &Classification,
) -> Finding {
    match &bot.final_url {
        Some(url) => finding.evidence_at(label, value, url.clone()),
        None => finding.evidence(label, value),
    }
}

/// Numbered allowlisting steps for a vendor, followed by the resubmission step.
pub(crate) fn steps_remedy(table: &SignatureTable, vendor_id: &str, name: &str) -> String {
    steps_remedy_with(table, vendor_id, name, None)
}

/// The steps for the vendor that decided the verdict, led by the step for the exact answer
/// when its sign names one (an AI Crawl Control setting, say).
pub(crate) fn decided_remedy(
    table: &SignatureTable,
    bot: &Classification,
    v: &VendorMatch,
) -> String {
    steps_remedy_with(table, &v.id, &v.name, bot.kind_remedy.as_deref())
}

fn steps_remedy_with(
    table: &SignatureTable,
    vendor_id: &str,
    name: &str,
    first: Option<&str>,
) -> String {
    let steps = table
        .vendor(vendor_id)
        .map(|v| v.allowlist.as_slice())
        .unwrap_or_default();
    let mut text = format!("Let OAI-AdsBot through in {name}:");
    for (n, step) in first
        .into_iter()
        .chain(steps.iter().map(String::as_str))
        .enumerate()
    {
        text.push_str(&format!("\n{}. {}", n + 1, step));
    }
    text.push('\n');
    text.push_str(AFTERWARDS);
    text
}
