//! Findings: ids, statuses, evidence, remedies and the honest limit.

mod common;

use common::snap;
use preflight_model::{Area, Confidence, Finding, Status};
use preflight_waf::{
    allowlist_steps, classify, findings, Classification, FINDING_IDS, LIMIT_NOTE,
    ORIGIN_BLOCKS_ADSBOT, WAF_BLOCKS_ADSBOT, WAF_CHALLENGES_ADSBOT, WAF_DETECTED,
    WAF_NO_BLOCK_DETECTED, WAF_RATE_LIMITS_ADSBOT,
};

const CF: &[(&str, &str)] = &[("Server", "cloudflare"), ("CF-RAY", "8a1b2c3d4e5f6789-AMS")];
const PAGE: &str = "<html><head><title>Sale</title></head><body><h1>Sale</h1></body></html>";

fn browser_ok() -> Classification {
    classify(&snap(200, CF, PAGE))
}

fn by_id<'a>(out: &'a [Finding], id: &str) -> &'a Finding {
    out.iter()
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("no {id} in {out:#?}"))
}

fn evidence_has(f: &Finding, text: &str) -> bool {
    f.evidence.iter().any(|e| e.value.contains(text))
}

#[test]
fn cloudflare_block_gives_detected_and_blocks_with_steps() {
    let bot = classify(&snap(
        403,
        CF,
        include_str!("fixtures/cloudflare-block.html"),
    ));
    let out = findings(&bot, None);
    assert_eq!(out.len(), 2);

    let detected = by_id(&out, WAF_DETECTED);
    assert_eq!(detected.status, Status::Info);
    assert_eq!(detected.area, Area::Reachability);
    assert!(detected.title.contains("Cloudflare"));
    assert!(evidence_has(detected, "cf-ray: 8a1b2c3d4e5f6789-AMS"));

    let block = by_id(&out, WAF_BLOCKS_ADSBOT);
    assert_eq!(block.status, Status::Fail);
    assert!(block.title.contains("Cloudflare"));
    assert!(evidence_has(block, "Sorry, you have been blocked"));
    assert!(evidence_has(block, "403"));
    assert!(block.detail.contains(LIMIT_NOTE));
    // The remedy carries Cloudflare's numbered steps.
    let steps = allowlist_steps("cloudflare").unwrap();
    assert!(block.remedy.contains(&format!("1. {}", steps[0])));
    assert!(block.remedy.contains("https://openai.com/adsbot.json"));
    assert!(block.remedy.contains("OAI-AdsBot"));
    // Evidence points at the URL that was tested.
    assert_eq!(
        block.evidence[0].location.as_deref(),
        Some("https://www.example.com/landing?utm_source=chatgpt")
    );
}

#[test]
fn browser_baseline_that_got_the_page_raises_confidence() {
    let bot = classify(&snap(
        403,
        CF,
        include_str!("fixtures/cloudflare-block.html"),
    ));
    let out = findings(&bot, Some(&browser_ok()));
    let block = by_id(&out, WAF_BLOCKS_ADSBOT);
    assert_eq!(block.confidence, Confidence::High);
    assert!(block.detail.contains("targets the bot's user agent"));
    assert!(evidence_has(block, "HTTP 200, not blocked"));
}

#[test]
fn browser_blocked_too_says_the_rule_may_not_target_the_bot() {
    let bot = classify(&snap(
        403,
        CF,
        include_str!("fixtures/cloudflare-block.html"),
    ));
    let out = findings(&bot, Some(&bot.clone()));
    let block = by_id(&out, WAF_BLOCKS_ADSBOT);
    assert_eq!(block.status, Status::Fail);
    assert_eq!(block.confidence, Confidence::Medium);
    assert!(block.detail.contains("stopped too"));
    assert!(evidence_has(block, "blocked too"));
}

#[test]
fn challenge_is_a_fail() {
    let bot = classify(&snap(
        202,
        &[("x-amzn-waf-action", "challenge")],
        include_str!("fixtures/aws-challenge.html"),
    ));
    let out = findings(&bot, None);
    let f = by_id(&out, WAF_CHALLENGES_ADSBOT);
    assert_eq!(f.status, Status::Fail);
    assert!(f.title.contains("AWS"));
    assert!(evidence_has(f, "x-amzn-waf-action: challenge"));
    assert!(f.remedy.contains("Web ACL"));
}

#[test]
fn generic_challenge_without_vendor_still_has_a_remedy() {
    let bot = classify(&snap(
        403,
        &[],
        "<html><head><title>Are you a robot?</title></head><body></body></html>",
    ));
    let out = findings(&bot, None);
    assert_eq!(out.len(), 1);
    let f = by_id(&out, WAF_CHALLENGES_ADSBOT);
    assert!(f.remedy.contains("https://openai.com/adsbot.json"));
}

#[test]
fn rate_limit_warns_alone_and_fails_when_a_browser_got_through() {
    let bot = classify(&snap(429, &[("Retry-After", "60")], ""));
    let out = findings(&bot, None);
    let f = by_id(&out, WAF_RATE_LIMITS_ADSBOT);
    assert_eq!(f.status, Status::Warn);
    assert!(f.remedy.contains("smaller batches"));
    assert!(evidence_has(f, "retry-after: 60"));

    let browser = classify(&snap(200, &[], PAGE));
    let out = findings(&bot, Some(&browser));
    assert_eq!(by_id(&out, WAF_RATE_LIMITS_ADSBOT).status, Status::Fail);
}

#[test]
fn wordfence_rate_limit_names_wordfence() {
    let bot = classify(&snap(
        503,
        &[],
        include_str!("fixtures/wordfence-ratelimit.html"),
    ));
    let out = findings(&bot, None);
    let f = by_id(&out, WAF_RATE_LIMITS_ADSBOT);
    assert!(f.title.contains("Wordfence"));
    assert!(f.remedy.contains("Live Traffic"));
}

#[test]
fn origin_block_points_at_server_rules_and_the_openai_trap() {
    let bot = classify(&snap(
        403,
        &[("Server", "nginx")],
        include_str!("fixtures/nginx-403.html"),
    ));
    let out = findings(&bot, None);
    assert_eq!(out.len(), 1, "no vendor, so no waf-detected");
    let f = by_id(&out, ORIGIN_BLOCKS_ADSBOT);
    assert_eq!(f.status, Status::Fail);
    assert!(f.remedy.contains("“OpenAI”"));
    assert!(f.remedy.contains("ai.robots.txt"));
    assert!(evidence_has(f, "403 Forbidden"));
}

#[test]
fn origin_block_behind_a_cdn_says_so() {
    let bot = classify(&snap(403, CF, include_str!("fixtures/nginx-403.html")));
    let out = findings(&bot, None);
    by_id(&out, WAF_DETECTED);
    let f = by_id(&out, ORIGIN_BLOCKS_ADSBOT);
    assert!(f.detail.contains("Cloudflare sits in front"));
}

#[test]
fn bot_only_error_without_markers_is_a_user_agent_refusal() {
    let bot = classify(&snap(
        403,
        &[("Server", "nginx")],
        include_str!("fixtures/login-403.html"),
    ));
    let browser = classify(&snap(200, &[("Server", "nginx")], PAGE));
    let out = findings(&bot, Some(&browser));
    let f = by_id(&out, ORIGIN_BLOCKS_ADSBOT);
    assert_eq!(f.status, Status::Fail);
    assert_eq!(f.confidence, Confidence::Medium);

    // Behind a vendor, either could be the cause: both sets of steps are given.
    let bot = classify(&snap(404, CF, "<p>Nothing here</p>"));
    let out = findings(&bot, Some(&browser_ok()));
    let f = by_id(&out, WAF_BLOCKS_ADSBOT);
    assert!(f.remedy.contains("Security > WAF"));
    assert!(f.remedy.contains("ai.robots.txt"));
}

#[test]
fn netlify_404_depends_on_the_baseline() {
    let netlify: &[(&str, &str)] = &[
        ("Server", "Netlify"),
        ("X-Nf-Request-Id", "01JABCDEF0123456789ABCDEFG"),
    ];
    let bot = classify(&snap(
        404,
        netlify,
        include_str!("fixtures/netlify-404.html"),
    ));

    // Alone: a weak sign, so a warning with low confidence.
    let out = findings(&bot, None);
    let f = by_id(&out, WAF_BLOCKS_ADSBOT);
    assert_eq!(f.status, Status::Warn);
    assert_eq!(f.confidence, Confidence::Low);

    // The browser got the same 404: the page is simply missing, not blocked.
    let out = findings(&bot, Some(&bot.clone()));
    assert!(out.iter().all(|f| f.id != WAF_BLOCKS_ADSBOT));
    assert_eq!(by_id(&out, WAF_NO_BLOCK_DETECTED).status, Status::Pass);

    // The browser got the page: the 404 is a traffic rule aimed at the bot.
    let browser = classify(&snap(200, netlify, PAGE));
    let out = findings(&bot, Some(&browser));
    let f = by_id(&out, WAF_BLOCKS_ADSBOT);
    assert_eq!(f.status, Status::Fail);
    assert_eq!(f.confidence, Confidence::High);
}

#[test]
fn pass_with_vendor_still_recommends_allowlisting() {
    let bot = browser_ok();
    let out = findings(&bot, Some(&browser_ok()));
    assert_eq!(out.len(), 2);
    let pass = by_id(&out, WAF_NO_BLOCK_DETECTED);
    assert_eq!(pass.status, Status::Pass);
    assert!(pass.remedy.is_empty());
    assert!(pass.detail.contains("does not prove"));
    assert!(by_id(&out, WAF_DETECTED).remedy.contains("OAI-AdsBot"));
}

#[test]
fn every_finding_is_well_formed() {
    let cases = [
        snap(403, CF, include_str!("fixtures/cloudflare-block.html")),
        snap(403, &[], include_str!("fixtures/nginx-403.html")),
        snap(429, &[], ""),
        snap(200, CF, PAGE),
        snap(200, &[], include_str!("fixtures/f5-block.html")),
        snap(403, &[], include_str!("fixtures/human-block.html")),
    ];
    for case in &cases {
        for baseline in [None, Some(browser_ok())] {
            let c = classify(case);
            for f in findings(&c, baseline.as_ref()) {
                assert!(FINDING_IDS.contains(&f.id.as_str()), "{}", f.id);
                assert_eq!(f.area, Area::Reachability);
                assert_eq!(f.severity, f.status.severity());
                assert!(!f.title.is_empty() && !f.detail.is_empty());
                assert!(!f.evidence.is_empty(), "{f:#?}");
                if f.status != Status::Pass {
                    assert!(f.remedy.contains("OAI-AdsBot"), "{f:#?}");
                }
                let json = serde_json::to_value(&f).unwrap();
                assert_eq!(json["area"], "reachability");
            }
        }
    }
}
