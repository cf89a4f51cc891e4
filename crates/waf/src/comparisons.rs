//! Verdict findings that rest on comparing requests (bot, bare token, browser) or on where the
//! answer came from, and the pay-per-crawl finding.

use preflight_model::{Area, Confidence, Finding, Status};

use crate::classify::{Classification, ResponseKind};
use crate::findings::{
    add_evidence, decided_remedy, finish, steps_remedy, vendor_that_decided, verdict_strength,
    Baseline, AFTERWARDS, LIMIT_NOTE, ORIGIN_BLOCKS_ADSBOT, VANTAGE_NOTE, WAF_BLOCKS_ADSBOT,
    WAF_CHALLENGES_THIS_NETWORK, WAF_CHARGES_ADSBOT, WHY_IT_MATTERS,
};
use crate::table::{SignatureTable, ORIGIN_ID};

/// The site asks the crawler to pay (HTTP 402) or its AI access control refused it.
pub(crate) fn charges(table: &SignatureTable, bot: &Classification, base: Baseline) -> Finding {
    let free_access = format!(
        "Ask whoever runs the site to give OAI-AdsBot free access: exempt requests whose user agent contains “OAI-AdsBot” (ideally only from the IP ranges OpenAI publishes at https://openai.com/adsbot.json) from the paid-access or licensing rule that answers HTTP 402. {AFTERWARDS}"
    );
    let (title, remedy) = match vendor_that_decided(bot) {
        Some(v) => (
            format!("{} asks OAI-AdsBot to pay for the page", v.name),
            decided_remedy(table, bot, v),
        ),
        None => (
            "The site asks OAI-AdsBot to pay for the page".to_string(),
            match &bot.vendor {
                Some(v) => format!(
                    "{} If {} has no crawler pricing or AI-crawler setting, the 402 comes from the site itself. {free_access}",
                    steps_remedy(table, &v.id, &v.name),
                    v.name
                ),
                None => free_access,
            },
        ),
    };
    let mut detail = if bot.status == 402 {
        format!(
            "The request with OAI-AdsBot's user agent got HTTP 402 Payment Required instead of the page: the site charges crawlers for access (pay per crawl) or blocks this crawler with a payment request. OpenAI's ad review does not pay for crawls, so to it this is a block. {WHY_IT_MATTERS}"
        )
    } else {
        format!(
            "The request with OAI-AdsBot's user agent was refused (HTTP {}) by the site's per-crawler AI access setting, which blocks crawlers by name. {WHY_IT_MATTERS}",
            bot.status
        )
    };
    let confidence = match base {
        Baseline::GotPage => {
            detail.push_str(
                " A normal browser request got the page, so only crawlers are asked to pay.",
            );
            Confidence::High
        }
        Baseline::SameAsBot | Baseline::AlsoStopped => {
            detail.push_str(" A normal browser request was asked to pay too, so the page is not freely reachable for anyone; an ad's landing page must be.");
            Confidence::High
        }
        Baseline::None | Baseline::Other => bot.kind_confidence,
    };
    finish(
        Finding::new(WAF_CHARGES_ADSBOT, Area::Reachability, Status::Fail, title),
        bot,
        detail,
        remedy,
        confidence,
        "Payment sign",
    )
}

/// The bot and a browser from this computer were both challenged: the challenge depends on
/// this computer's network or location, not on OAI-AdsBot's user agent.
pub(crate) fn challenge_of_this_network(
    table: &SignatureTable,
    bot: &Classification,
    token: Option<&Classification>,
) -> Finding {
    let (title, remedy) = match vendor_that_decided(bot) {
        Some(v) => (
            format!("{} challenges every request from this computer, not only OAI-AdsBot", v.name),
            decided_remedy(table, bot, v),
        ),
        None => (
            "Every request from this computer gets a bot check, not only OAI-AdsBot".to_string(),
            format!(
                "Find the service that shows the check (its name is usually on the page or in your site's security settings) and exempt requests whose user agent contains “OAI-AdsBot” from the IP ranges OpenAI publishes at https://openai.com/adsbot.json, so the crawler is never challenged whatever network it comes from. {AFTERWARDS}"
            ),
        ),
    };
    let mut detail = format!(
        "The request with OAI-AdsBot's user agent got a CAPTCHA, JavaScript or device check (HTTP {}), but so did a normal browser request from this computer. The check therefore depends on this computer's IP address, network or location, not on OAI-AdsBot's user agent, and this test cannot tell whether OpenAI's crawler, which comes from its own addresses, is challenged too.",
        bot.status
    );
    if token.is_some_and(|t| t.kind == ResponseKind::Ok) {
        detail.push_str(" The request with only the name OAI-AdsBot was let through, which also points to a check that comes and goes rather than a rule on the bot's name.");
    }
    detail.push_str(" If it is challenged, the ad is rejected, so allowing OpenAI's published addresses is the safe fix. To test again from elsewhere, run the check from another network (without a VPN or office proxy). ");
    detail.push_str(LIMIT_NOTE);
    finish(
        Finding::new(
            WAF_CHALLENGES_THIS_NETWORK,
            Area::Reachability,
            Status::Warn,
            title,
        ),
        bot,
        detail,
        remedy,
        Confidence::Medium,
        "Challenge sign",
    )
}

/// A near-empty "access denied" success page for the bot while a browser got the real page.
pub(crate) fn denial_page(table: &SignatureTable, bot: &Classification) -> Finding {
    let origin_steps = steps_remedy(table, ORIGIN_ID, "your web server");
    let (id, who, remedy) = match &bot.vendor {
        Some(v) => (
            WAF_BLOCKS_ADSBOT,
            format!("{} or your web server", v.name),
            format!(
                "{} If nothing in {} matches, look at your server. {}",
                steps_remedy(table, &v.id, &v.name),
                v.name,
                origin_steps
            ),
        ),
        None => (
            ORIGIN_BLOCKS_ADSBOT,
            "your web server".to_string(),
            origin_steps,
        ),
    };
    let mut detail = format!(
        "The request with OAI-AdsBot's user agent got a short page saying access is denied (HTTP {}), while a normal browser request got the full landing page. Although the status says success, this is a refusal of the bot's user agent by {who}. {WHY_IT_MATTERS}",
        bot.status
    );
    let (status, _) = verdict_strength(bot, Baseline::GotPage, &mut detail);
    finish(
        Finding::new(
            id,
            Area::Reachability,
            status,
            "OAI-AdsBot gets an \"access denied\" page while a browser gets the landing page",
        ),
        bot,
        detail,
        remedy,
        bot.kind_confidence,
        "Block sign",
    )
}

/// Adds what the bare "OAI-AdsBot" token got, and what it shows about the rule.
pub(crate) fn with_token(
    mut finding: Finding,
    bot: &Classification,
    token: Option<&Classification>,
) -> Finding {
    let Some(token) = token else {
        return finding;
    };
    let what = match token.kind {
        ResponseKind::Ok => "not stopped",
        ResponseKind::Block => "blocked too",
        ResponseKind::Challenge => "challenged too",
        ResponseKind::RateLimit => "rate-limited too",
        ResponseKind::PayPerCrawl => "asked to pay too",
    };
    finding = finding.evidence(
        "Request with only the name OAI-AdsBot",
        format!("HTTP {}, {what}", token.status),
    );
    let stopped = matches!(
        bot.kind,
        ResponseKind::Block | ResponseKind::Challenge | ResponseKind::PayPerCrawl
    );
    if stopped && finding.id != WAF_CHALLENGES_THIS_NETWORK {
        let sentence = if token.kind == bot.kind {
            " A request carrying only the name OAI-AdsBot was stopped the same way, so the rule matches the bot's name itself."
        } else if token.kind == ResponseKind::Ok && (200..300).contains(&token.status) {
            " A request carrying only the name OAI-AdsBot was let through, so the rule matches another part of the full user agent, such as the word “openai” in the address it carries."
        } else {
            ""
        };
        finding.detail.push_str(sentence);
    }
    finding
}

/// Adds where the answer came from, and says a challenge elsewhere may differ.
pub(crate) fn with_vantage(mut finding: Finding, bot: &Classification) -> Finding {
    if bot.vantage.is_empty() {
        return finding;
    }
    for point in &bot.vantage {
        finding = add_evidence(finding, "Answered from", &point.describe(), bot);
    }
    if let Some(place) = bot.vantage.iter().find(|p| p.is_location()) {
        let at = match &place.place {
            Some(city) => format!("{} {} ({city})", place.what, place.code),
            None => format!("{} {}", place.what, place.code),
        };
        finding.detail.push_str(&format!(
            " This answer came from {at}, as reached from this computer. {VANTAGE_NOTE}"
        ));
    }
    finding
}
