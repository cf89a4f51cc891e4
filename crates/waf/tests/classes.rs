//! The verdict classes beyond block and challenge: pay per crawl, a bot check served with 429,
//! a near-empty "access denied" page; where the answer came from; and how the browser and
//! bare-token requests change the wording and status.

mod common;

use common::{assert_verdict, kind_signal, snap};
use preflight_model::{Confidence, Finding, Status};
use preflight_waf::{
    classify, classify_compared, findings, findings_compared, Baselines, KindSource, ResponseKind,
    ORIGIN_BLOCKS_ADSBOT, VANTAGE_NOTE, WAF_BLOCKS_ADSBOT, WAF_CHALLENGES_ADSBOT,
    WAF_CHALLENGES_THIS_NETWORK, WAF_CHARGES_ADSBOT, WAF_NO_BLOCK_DETECTED, WAF_RATE_LIMITS_ADSBOT,
};

const CF: &[(&str, &str)] = &[
    ("server", "cloudflare"),
    ("cf-ray", "8f3c2a1b9d4e5f60-FRA"),
    ("content-type", "text/html; charset=UTF-8"),
];
const PAGE: &str = "<!DOCTYPE html><html><head><title>Spring sale</title></head><body><h1>30% off all shoes</h1><p>Free delivery on orders over 50 euros. Browse the new collection, compare sizes and order online.</p></body></html>";

fn big_page() -> String {
    let mut page =
        String::from("<!DOCTYPE html><html><head><title>Spring sale</title></head><body>");
    page.push_str(&"<section><h2>Running shoes</h2><p>Light, fast and comfortable for every distance.</p></section>".repeat(60));
    page.push_str("</body></html>");
    page
}

fn by_id<'a>(out: &'a [Finding], id: &str) -> &'a Finding {
    out.iter()
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("no {id} in {out:#?}"))
}

fn evidence_has(f: &Finding, text: &str) -> bool {
    f.evidence.iter().any(|e| e.value.contains(text))
}

// ---- Pay per crawl ------------------------------------------------------------------------

#[test]
fn cloudflare_pay_per_crawl_402_with_a_price() {
    let mut headers = CF.to_vec();
    headers.push(("crawler-price", "USD 0.01"));
    let bot = classify(&snap(402, &headers, ""));
    assert_verdict(&bot, Some("cloudflare"), ResponseKind::PayPerCrawl);
    assert_eq!(bot.kind_source, KindSource::Vendor);
    assert_eq!(bot.kind_confidence, Confidence::High);
    assert!(kind_signal(&bot, "crawler-price: USD 0.01"));

    let out = findings(&bot, Some(&classify(&snap(200, CF, PAGE))));
    let f = by_id(&out, WAF_CHARGES_ADSBOT);
    assert_eq!(f.status, Status::Fail);
    assert!(f.title.contains("Cloudflare"), "{}", f.title);
    assert!(f.detail.contains("402"));
    assert!(f.detail.contains("does not pay"));
    // The AI Crawl Control step comes first, then Cloudflare's general steps.
    assert!(
        f.remedy
            .contains("1. In the Cloudflare dashboard open AI Crawl Control"),
        "{}",
        f.remedy
    );
    assert!(f.remedy.contains("set its action to Allow"));
    assert!(f.remedy.contains("Security > WAF > Custom rules"));
    assert!(evidence_has(f, "crawler-price: USD 0.01"));
    assert!(!f.title.contains('`') && !f.detail.contains('`'));
}

#[test]
fn ai_crawl_control_custom_402_block_without_a_price() {
    // The block response AI Crawl Control can send on paid plans: 402 with a custom JSON body.
    let mut headers = CF.to_vec();
    headers[2] = ("content-type", "application/json");
    let bot = classify(&snap(
        402,
        &headers,
        r#"{ "message": "Please contact the site owner for access." }"#,
    ));
    assert_verdict(&bot, Some("cloudflare"), ResponseKind::PayPerCrawl);
    assert!(bot
        .kind_remedy
        .as_deref()
        .unwrap()
        .contains("AI Crawl Control"));
}

#[test]
fn ai_crawl_control_crawler_forbidden_is_the_crawler_class() {
    let mut headers = CF.to_vec();
    headers.push(("crawler-error", "CrawlerForbidden"));
    let bot = classify(&snap(403, &headers, "Forbidden"));
    assert_verdict(&bot, Some("cloudflare"), ResponseKind::PayPerCrawl);
    let out = findings(&bot, None);
    let f = by_id(&out, WAF_CHARGES_ADSBOT);
    assert!(f.detail.contains("per-crawler"), "{}", f.detail);
    assert!(f.remedy.contains("instead of Block"));
}

#[test]
fn a_402_from_any_server_is_paid_access_even_without_cloudflare() {
    let bot = classify(&snap(
        402,
        &[("server", "nginx")],
        "<h1>Payment required</h1>",
    ));
    assert_verdict(&bot, None, ResponseKind::PayPerCrawl);
    assert_eq!(bot.kind_source, KindSource::Generic);
    let browser = classify(&snap(200, &[("server", "nginx")], PAGE));
    let out = findings(&bot, Some(&browser));
    assert_eq!(out.len(), 1);
    let f = by_id(&out, WAF_CHARGES_ADSBOT);
    assert_eq!(f.status, Status::Fail);
    assert_eq!(f.confidence, Confidence::High);
    assert!(f.detail.contains("only crawlers are asked to pay"));
    assert!(f.remedy.contains("free access"));
    assert!(f.remedy.contains("https://openai.com/adsbot.json"));

    // A 402 for every visitor is still not a reachable page.
    let out = findings(&bot, Some(&bot.clone()));
    let f = by_id(&out, WAF_CHARGES_ADSBOT);
    assert_eq!(f.status, Status::Fail);
    assert!(f.detail.contains("not freely reachable"));
}

#[test]
fn x402_and_crawler_price_from_other_servers() {
    let x402 = classify(&snap(
        402,
        &[("content-type", "application/json")],
        r#"{"x402Version": 1, "accepts": [{"scheme": "exact"}]}"#,
    ));
    assert_verdict(&x402, None, ResponseKind::PayPerCrawl);
    assert!(kind_signal(&x402, "x402Version"));
    let priced = classify(&snap(402, &[("crawler-price", "USD 0.05")], ""));
    assert_verdict(&priced, None, ResponseKind::PayPerCrawl);
    assert!(kind_signal(&priced, "crawler-price"));
}

#[test]
fn a_paid_crawl_receipt_on_a_200_is_not_a_block() {
    let mut headers = CF.to_vec();
    headers.push(("crawler-charged", "USD 0.01"));
    let c = classify(&snap(200, &headers, PAGE));
    assert_verdict(&c, Some("cloudflare"), ResponseKind::Ok);
}

// ---- A bot check served with 429 ----------------------------------------------------------

#[test]
fn a_429_with_a_bot_managers_challenge_is_a_challenge() {
    let kasada = classify(&snap(
        429,
        &[("x-kpsdk-ct", "0abCDefGhIJ"), ("retry-after", "1")],
        r#"<html><head></head><body><script>window.KPSDK={};</script><script src="/149e9513-01fa-4fb0-aad4-566afd725d1b/2d206a39-8ed7-437e-a3be-862e0f06eea3/ips.js?tkrm_alpekz_s1.3=0EOF"></script></body></html>"#,
    ));
    assert_verdict(&kasada, Some("kasada"), ResponseKind::Challenge);
    assert!(kind_signal(&kasada, "ips.js"));

    let vercel = classify(&snap(
        429,
        &[
            ("server", "Vercel"),
            ("x-vercel-mitigated", "challenge"),
            ("retry-after", "30"),
        ],
        "<title>Vercel Security Checkpoint</title>",
    ));
    assert_verdict(&vercel, Some("vercel"), ResponseKind::Challenge);

    let generic = classify(&snap(
        429,
        &[("retry-after", "30")],
        "<html><head><title>Are you a robot?</title></head><body></body></html>",
    ));
    assert_verdict(&generic, None, ResponseKind::Challenge);

    let out = findings(&kasada, None);
    assert!(out.iter().all(|f| f.id != WAF_RATE_LIMITS_ADSBOT));
    by_id(&out, WAF_CHALLENGES_ADSBOT);
}

#[test]
fn a_plain_429_is_still_a_rate_limit() {
    let c = classify(&snap(
        429,
        &[("x-kpsdk-ct", "0abCDefGhIJ")],
        "Too Many Requests",
    ));
    // Kasada's header on a 429 is its challenge; without it, the 429 stays a rate limit.
    assert_eq!(c.kind, ResponseKind::Challenge);
    let c = classify(&snap(429, &[("retry-after", "5")], "Too Many Requests"));
    assert_verdict(&c, None, ResponseKind::RateLimit);
}

// ---- A near-empty "access denied" page with status 200 ------------------------------------

#[test]
fn a_tiny_access_denied_200_is_a_block_when_the_browser_got_the_page() {
    let bot = snap(
        200,
        &[("server", "nginx")],
        "<html><body><h1>Access denied</h1></body></html>",
    );
    let browser = snap(200, &[("server", "nginx")], &big_page());
    // Alone it is only a short page.
    assert_eq!(classify(&bot).kind, ResponseKind::Ok);
    let c = classify_compared(&bot, Some(&browser));
    assert_verdict(&c, None, ResponseKind::Block);
    assert_eq!(c.kind_source, KindSource::Generic);
    assert!(kind_signal(&c, "Access denied"));
    let out = findings(&c, Some(&classify(&browser)));
    let f = by_id(&out, ORIGIN_BLOCKS_ADSBOT);
    assert_eq!(f.status, Status::Fail);
    assert!(f.title.contains("access denied"));
    assert!(f.detail.contains("status says success"));

    // Behind a vendor, both sets of steps are given.
    let bot = snap(200, CF, "<p>Bots are not allowed.</p>");
    let browser = snap(200, CF, &big_page());
    let c = classify_compared(&bot, Some(&browser));
    assert_verdict(&c, Some("cloudflare"), ResponseKind::Block);
    let out = findings(&c, Some(&classify(&browser)));
    let f = by_id(&out, WAF_BLOCKS_ADSBOT);
    assert!(f.remedy.contains("Security > WAF") && f.remedy.contains("ai.robots.txt"));
}

#[test]
fn a_short_page_is_not_a_denial_without_a_browser_page() {
    let bot = snap(200, &[], "<h1>Access denied</h1>");
    // No browser, a browser that got the same short page, or a browser that was blocked.
    assert_eq!(classify_compared(&bot, None).kind, ResponseKind::Ok);
    assert_eq!(classify_compared(&bot, Some(&bot)).kind, ResponseKind::Ok);
    let blocked = snap(403, CF, include_str!("fixtures/cloudflare-block.html"));
    assert_eq!(
        classify_compared(&bot, Some(&blocked)).kind,
        ResponseKind::Ok
    );
    // A normal short page for the bot (a different page, not a denial) stays ok.
    let other = snap(200, &[], "<h1>Welcome</h1><p>Choose your country.</p>");
    let browser = snap(200, &[], &big_page());
    assert_eq!(
        classify_compared(&other, Some(&browser)).kind,
        ResponseKind::Ok
    );
    // A long bot page that mentions denial is not a denial page.
    let mut long = big_page();
    long.push_str("<p>Access denied? Contact support.</p>");
    assert_eq!(
        classify_compared(&snap(200, &[], &long), Some(&browser)).kind,
        ResponseKind::Ok
    );
}

// ---- Vantage point ------------------------------------------------------------------------

#[test]
fn the_answering_location_is_recorded_and_named_in_the_verdict() {
    let mut headers = CF.to_vec();
    headers.push(("cf-mitigated", "challenge"));
    let bot = classify(&snap(
        403,
        &headers,
        include_str!("fixtures/cloudflare-challenge.html"),
    ));
    assert_eq!(bot.vantage.len(), 1);
    assert_eq!(bot.vantage[0].code, "FRA");
    assert_eq!(bot.vantage[0].place.as_deref(), Some("Frankfurt"));
    let out = findings(&bot, None);
    let f = by_id(&out, WAF_CHALLENGES_ADSBOT);
    assert!(evidence_has(
        f,
        "Cloudflare data centre FRA (Frankfurt), from cf-ray"
    ));
    assert!(f.detail.contains(VANTAGE_NOTE));
    assert!(f.detail.contains("Cloudflare data centre FRA (Frankfurt)"));
}

#[test]
fn fastly_cloudfront_and_azure_locations() {
    let fastly = classify(&snap(
        200,
        &[
            (
                "x-served-by",
                "cache-iad-kiad7000025-IAD, cache-fra-eddf8230045-FRA",
            ),
            ("x-fastly-request-id", "abc"),
        ],
        PAGE,
    ));
    assert_eq!(fastly.vantage[0].code, "FRA");
    let cf = classify(&snap(
        200,
        &[
            ("x-amz-cf-pop", "FRA56-P1"),
            ("x-amz-cf-id", "abcdefghijklmnopqrstuvwxyz=="),
        ],
        PAGE,
    ));
    assert_eq!(cf.vantage[0].code, "FRA56-P1");
    assert_eq!(cf.vantage[0].place.as_deref(), Some("Frankfurt"));
    let azure = classify(&snap(
        403,
        &[("x-azure-ref", "20261205T101010Z-16d4c6f7c6dabcdefgh1")],
        "",
    ));
    assert!(!azure.vantage[0].is_location());
    // A reference without a location is evidence, but the detail names no place.
    let out = findings(&azure, None);
    assert!(out.iter().all(|f| !f.detail.contains(VANTAGE_NOTE)));
}

#[test]
fn a_pass_with_a_known_location_says_the_crawler_may_differ() {
    let ok = classify(&snap(200, CF, PAGE));
    let out = findings(&ok, Some(&ok.clone()));
    let f = by_id(&out, WAF_NO_BLOCK_DETECTED);
    assert_eq!(f.status, Status::Pass);
    assert!(f.detail.contains(VANTAGE_NOTE));
}

// ---- Bot, bare token and browser ----------------------------------------------------------

fn cf_challenge() -> preflight_waf::Classification {
    let mut headers = CF.to_vec();
    headers.push(("cf-mitigated", "challenge"));
    classify(&snap(
        403,
        &headers,
        include_str!("fixtures/cloudflare-challenge.html"),
    ))
}

#[test]
fn a_challenge_the_browser_got_too_depends_on_this_network() {
    let bot = cf_challenge();
    let out = findings_compared(
        &bot,
        Baselines {
            browser: Some(&bot),
            token: Some(&bot),
        },
    );
    assert!(
        out.iter().all(|f| f.id != WAF_CHALLENGES_ADSBOT),
        "not a user-agent block"
    );
    let f = by_id(&out, WAF_CHALLENGES_THIS_NETWORK);
    assert_eq!(f.status, Status::Warn);
    assert!(f.title.contains("every request from this computer"));
    assert!(f.detail.contains("not on OAI-AdsBot's user agent"));
    assert!(f.detail.contains("FRA"));
    assert!(f.remedy.contains("https://openai.com/adsbot.json"));
    assert!(evidence_has(f, "challenged too"));
    // The verdict itself stays a challenge: the page is not reported as reachable.
    assert_eq!(bot.kind, ResponseKind::Challenge);
}

#[test]
fn a_challenge_only_the_bot_gets_is_a_user_agent_rule() {
    let bot = cf_challenge();
    let browser = classify(&snap(200, CF, PAGE));
    let out = findings_compared(
        &bot,
        Baselines {
            browser: Some(&browser),
            token: Some(&bot),
        },
    );
    let f = by_id(&out, WAF_CHALLENGES_ADSBOT);
    assert_eq!(f.status, Status::Fail);
    assert_eq!(f.confidence, Confidence::High);
    assert!(f.detail.contains("targets the bot's user agent"));
    assert!(f.detail.contains("matches the bot's name itself"));
    assert!(evidence_has(f, "challenged too"));

    // The bare token was let through: the rule matches another part of the full string.
    let token = classify(&snap(200, CF, PAGE));
    let out = findings_compared(
        &bot,
        Baselines {
            browser: Some(&browser),
            token: Some(&token),
        },
    );
    let f = by_id(&out, WAF_CHALLENGES_ADSBOT);
    assert!(f.detail.contains("another part of the full user agent"));
}

#[test]
fn a_block_the_browser_got_too_is_not_called_a_user_agent_block() {
    let bot = classify(&snap(
        403,
        CF,
        include_str!("fixtures/cloudflare-block.html"),
    ));
    let out = findings_compared(
        &bot,
        Baselines {
            browser: Some(&bot),
            token: None,
        },
    );
    let f = by_id(&out, WAF_BLOCKS_ADSBOT);
    assert_eq!(f.confidence, Confidence::Medium);
    assert!(f
        .detail
        .contains("not a block of OAI-AdsBot's user agent as such"));
}
