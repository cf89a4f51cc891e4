//! Every vendor's real-looking block, challenge or rate-limit response is classified with the
//! right vendor and verdict, and its presence alone on a normal page gives `Ok`.

mod common;

use common::{assert_verdict, kind_signal, snap, vendor_signal};
use preflight_model::Confidence;
use preflight_waf::{classify, KindSource, ResponseKind};

const PAGE: &str = "<!DOCTYPE html><html><head><title>Spring sale</title></head><body><h1>30% off</h1></body></html>";

// ---- Cloudflare ---------------------------------------------------------------------------

const CF_HEADERS: &[(&str, &str)] = &[
    ("Date", "Thu, 01 Oct 2026 10:00:00 GMT"),
    ("Content-Type", "text/html; charset=UTF-8"),
    ("Server", "cloudflare"),
    ("CF-RAY", "8a1b2c3d4e5f6789-AMS"),
];

#[test]
fn cloudflare_managed_challenge() {
    let mut headers = CF_HEADERS.to_vec();
    headers.push(("cf-mitigated", "challenge"));
    let c = classify(&snap(
        403,
        &headers,
        include_str!("fixtures/cloudflare-challenge.html"),
    ));
    assert_verdict(&c, Some("cloudflare"), ResponseKind::Challenge);
    assert_eq!(c.kind_source, KindSource::Vendor);
    assert_eq!(c.kind_confidence, Confidence::High);
    assert!(kind_signal(&c, "cf-mitigated: challenge"));
    assert!(kind_signal(&c, "_cf_chl_opt"));
    assert!(vendor_signal(&c, "cf-ray: 8a1b2c3d4e5f6789-AMS"));
}

#[test]
fn cloudflare_legacy_challenge_with_503_and_no_header() {
    let c = classify(&snap(
        503,
        CF_HEADERS,
        include_str!("fixtures/cloudflare-challenge.html"),
    ));
    assert_verdict(&c, Some("cloudflare"), ResponseKind::Challenge);
    assert!(kind_signal(&c, "<title>Just a moment...</title>"));
}

#[test]
fn cloudflare_waf_block_page() {
    let c = classify(&snap(
        403,
        CF_HEADERS,
        include_str!("fixtures/cloudflare-block.html"),
    ));
    assert_verdict(&c, Some("cloudflare"), ResponseKind::Block);
    assert!(kind_signal(&c, "Sorry, you have been blocked"));
    assert!(vendor_signal(&c, "Cloudflare Ray ID"));
}

#[test]
fn cloudflare_error_1020_access_denied() {
    let c = classify(&snap(
        403,
        CF_HEADERS,
        include_str!("fixtures/cloudflare-1020.html"),
    ));
    assert_verdict(&c, Some("cloudflare"), ResponseKind::Block);
    assert!(kind_signal(&c, "1020"));
}

#[test]
fn cloudflare_error_1015_rate_limit() {
    let mut headers = CF_HEADERS.to_vec();
    headers.push(("Retry-After", "60"));
    let c = classify(&snap(
        429,
        &headers,
        include_str!("fixtures/cloudflare-1015.html"),
    ));
    assert_verdict(&c, Some("cloudflare"), ResponseKind::RateLimit);
    assert_eq!(c.kind_source, KindSource::Vendor);
    assert!(kind_signal(&c, "1015"));
}

#[test]
fn cloudflare_on_a_normal_page_is_ok_with_vendor() {
    let mut headers = CF_HEADERS.to_vec();
    headers.push(("cf-cache-status", "DYNAMIC"));
    headers.push((
        "Set-Cookie",
        "__cf_bm=abc.def-1767225600-1.0.1.1-xyz; path=/; expires=Thu, 01-Oct-26 10:30:00 GMT; domain=.example.com; HttpOnly; Secure; SameSite=None",
    ));
    let c = classify(&snap(
        200,
        &headers,
        include_str!("fixtures/cloudflare-normal.html"),
    ));
    assert_verdict(&c, Some("cloudflare"), ResponseKind::Ok);
    let v = c.vendor.as_ref().unwrap();
    assert_eq!(v.confidence, Confidence::High);
    assert!(vendor_signal(&c, "set-cookie: __cf_bm"));
    // Cookie values are never quoted.
    assert!(!v.signals.iter().any(|s| s.contains("abc.def")));
}

// ---- Akamai -------------------------------------------------------------------------------

#[test]
fn akamai_access_denied_reference_18() {
    let c = classify(&snap(
        403,
        &[
            ("Server", "AkamaiGHost"),
            ("Mime-Version", "1.0"),
            ("Content-Type", "text/html"),
            ("Expires", "Thu, 01 Oct 2026 10:00:00 GMT"),
            ("Connection", "close"),
        ],
        include_str!("fixtures/akamai-block.html"),
    ));
    assert_verdict(&c, Some("akamai"), ResponseKind::Block);
    assert_eq!(c.kind_confidence, Confidence::High);
    // The block page writes it "Reference&#32;&#35;18&#46;…"; the evidence reads as the page shows it.
    assert!(kind_signal(&c, "Reference #18.2d351ab8"));
    assert!(
        c.kind_signals.iter().all(|s| !s.contains("&#")),
        "{:?}",
        c.kind_signals
    );
}

#[test]
fn akamai_bot_manager_cookies_on_normal_page() {
    let c = classify(&snap(
        200,
        &[
            (
                "Set-Cookie",
                "_abck=0A1B2C~-1~YAAQ~-1~-1; Domain=.example.com; Path=/",
            ),
            (
                "Set-Cookie",
                "bm_sz=ABCDEF~YAAQ; Domain=.example.com; Path=/",
            ),
        ],
        PAGE,
    ));
    assert_verdict(&c, Some("akamai"), ResponseKind::Ok);
}

// ---- AWS ----------------------------------------------------------------------------------

const CLOUDFRONT: &[(&str, &str)] = &[
    ("Server", "CloudFront"),
    (
        "Via",
        "1.1 4f1e2d3c4b5a69788796a5b4c3d2e1f0.cloudfront.net (CloudFront)",
    ),
    ("X-Amz-Cf-Pop", "FRA56-P5"),
    (
        "X-Amz-Cf-Id",
        "sX5QSkbAzSwd-xx3RbJmxYHL3iVNNyXa1UIebDNCshQbHxCjVcWDww==",
    ),
];

#[test]
fn aws_waf_challenge_202() {
    let mut headers = CLOUDFRONT.to_vec();
    headers.push(("x-amzn-waf-action", "challenge"));
    headers.push(("X-Cache", "Error from cloudfront"));
    let c = classify(&snap(
        202,
        &headers,
        include_str!("fixtures/aws-challenge.html"),
    ));
    assert_verdict(&c, Some("aws"), ResponseKind::Challenge);
    assert!(kind_signal(&c, "x-amzn-waf-action: challenge"));
}

#[test]
fn aws_waf_captcha_405() {
    let mut headers = CLOUDFRONT.to_vec();
    headers.push(("x-amzn-waf-action", "captcha"));
    let c = classify(&snap(
        405,
        &headers,
        include_str!("fixtures/aws-captcha.html"),
    ));
    assert_verdict(&c, Some("aws"), ResponseKind::Challenge);
    assert!(kind_signal(&c, "x-amzn-waf-action: captcha"));
}

#[test]
fn aws_waf_captcha_without_html_accept_has_empty_body() {
    // The interstitial body is only sent when Accept includes text/html; the header remains.
    let c = classify(&snap(405, &[("x-amzn-waf-action", "captcha")], ""));
    assert_verdict(&c, Some("aws"), ResponseKind::Challenge);
}

#[test]
fn aws_cloudfront_request_blocked_page() {
    let mut headers = CLOUDFRONT.to_vec();
    headers.push(("X-Cache", "Error from cloudfront"));
    let c = classify(&snap(
        403,
        &headers,
        include_str!("fixtures/aws-block.html"),
    ));
    assert_verdict(&c, Some("aws"), ResponseKind::Block);
    assert_eq!(c.kind_confidence, Confidence::High);
    assert!(kind_signal(&c, "Request blocked."));
}

#[test]
fn cloudfront_presence_on_normal_page() {
    let mut headers = CLOUDFRONT.to_vec();
    headers.push(("X-Cache", "Hit from cloudfront"));
    let c = classify(&snap(200, &headers, PAGE));
    assert_verdict(&c, Some("aws"), ResponseKind::Ok);
}

// ---- Imperva ------------------------------------------------------------------------------

const IMPERVA: &[(&str, &str)] = &[
    ("Content-Type", "text/html"),
    ("X-Iinfo", "4-12345678-0 0NNN RT(1767225600000 123) q(0 -1 -1 -1) r(0 -1) B12(14,0,0) U18"),
    ("X-CDN", "Imperva"),
    (
        "Set-Cookie",
        "visid_incap_123456=AbCdEf; expires=Fri, 01 Oct 2027 00:00:00 GMT; HttpOnly; path=/; Domain=.example.com",
    ),
    (
        "Set-Cookie",
        "incap_ses_1234_123456=GhIjKl; path=/; Domain=.example.com",
    ),
];

#[test]
fn imperva_incident_block() {
    let c = classify(&snap(
        403,
        IMPERVA,
        include_str!("fixtures/imperva-block.html"),
    ));
    assert_verdict(&c, Some("imperva"), ResponseKind::Block);
    assert!(kind_signal(&c, "Incapsula incident ID"));
    assert!(vendor_signal(&c, "set-cookie: visid_incap_123456"));
}

#[test]
fn imperva_javascript_challenge_with_200() {
    let c = classify(&snap(
        200,
        IMPERVA,
        include_str!("fixtures/imperva-challenge.html"),
    ));
    assert_verdict(&c, Some("imperva"), ResponseKind::Challenge);
}

// ---- Sucuri -------------------------------------------------------------------------------

#[test]
fn sucuri_access_denied() {
    let c = classify(&snap(
        403,
        &[
            ("Server", "Sucuri/Cloudproxy"),
            ("X-Sucuri-ID", "14013"),
            ("X-Sucuri-Block", "BOT01"),
        ],
        include_str!("fixtures/sucuri-block.html"),
    ));
    assert_verdict(&c, Some("sucuri"), ResponseKind::Block);
    assert!(kind_signal(&c, "x-sucuri-block: BOT01"));
}

// ---- DataDome ------------------------------------------------------------------------------

const DATADOME: &[(&str, &str)] = &[
    ("X-DataDome", "protected"),
    ("X-DD-B", "1"),
    (
        "Set-Cookie",
        "datadome=Yx1~ab_cd; Max-Age=31536000; Domain=.example.com; Path=/; Secure; SameSite=Lax",
    ),
];

#[test]
fn datadome_captcha() {
    let c = classify(&snap(
        403,
        DATADOME,
        include_str!("fixtures/datadome-captcha.html"),
    ));
    assert_verdict(&c, Some("datadome"), ResponseKind::Challenge);
    assert!(kind_signal(&c, "captcha-delivery.com"));
}

#[test]
fn datadome_hard_block() {
    let c = classify(&snap(
        403,
        DATADOME,
        include_str!("fixtures/datadome-hardblock.html"),
    ));
    assert_verdict(&c, Some("datadome"), ResponseKind::Block);
    assert!(kind_signal(&c, "'t':'bv'"));
}

// ---- HUMAN --------------------------------------------------------------------------------

#[test]
fn human_press_and_hold() {
    let c = classify(&snap(
        403,
        &[(
            "Set-Cookie",
            "_pxhd=abc:def; Path=/; Expires=Fri, 01 Oct 2027 00:00:00 GMT",
        )],
        include_str!("fixtures/human-block.html"),
    ));
    assert_verdict(&c, Some("human"), ResponseKind::Challenge);
    assert!(kind_signal(&c, "px-captcha"));
}

#[test]
fn human_legacy_automation_block() {
    let c = classify(&snap(
        403,
        &[],
        include_str!("fixtures/human-legacy-block.html"),
    ));
    assert_verdict(&c, Some("human"), ResponseKind::Block);
    assert!(kind_signal(&c, "automation tools"));
}

// ---- Fastly -------------------------------------------------------------------------------

const FASTLY: &[(&str, &str)] = &[
    ("Via", "1.1 varnish"),
    ("X-Served-By", "cache-fra-eddf8230064-FRA"),
    ("X-Cache", "MISS"),
    ("X-Timer", "S1767225600.000000,VS0,VE12"),
];

#[test]
fn fastly_next_gen_waf_406() {
    let c = classify(&snap(406, FASTLY, "406 Not Acceptable"));
    assert_verdict(&c, Some("fastly"), ResponseKind::Block);
    assert!(kind_signal(&c, "HTTP status 406"));
}

#[test]
fn a_406_without_fastly_is_not_a_block() {
    let c = classify(&snap(406, &[("Server", "nginx")], "Not Acceptable"));
    assert_verdict(&c, None, ResponseKind::Ok);
}

#[test]
fn fastly_presence_on_normal_page() {
    let c = classify(&snap(200, FASTLY, PAGE));
    assert_verdict(&c, Some("fastly"), ResponseKind::Ok);
}

// ---- Vercel -------------------------------------------------------------------------------

const VERCEL: &[(&str, &str)] = &[
    ("Server", "Vercel"),
    ("X-Vercel-Id", "fra1::abcde-1767225600000-0123456789ab"),
];

#[test]
fn vercel_security_checkpoint_429() {
    let mut headers = VERCEL.to_vec();
    headers.push(("x-vercel-mitigated", "challenge"));
    let c = classify(&snap(
        429,
        &headers,
        include_str!("fixtures/vercel-checkpoint.html"),
    ));
    // A challenge served with 429 is still a challenge, not a rate limit.
    assert_verdict(&c, Some("vercel"), ResponseKind::Challenge);
    assert!(kind_signal(&c, "x-vercel-mitigated: challenge"));
}

#[test]
fn vercel_deny() {
    let mut headers = VERCEL.to_vec();
    headers.push(("x-vercel-mitigated", "deny"));
    let c = classify(&snap(403, &headers, "Forbidden"));
    assert_verdict(&c, Some("vercel"), ResponseKind::Block);
    assert_eq!(c.kind_source, KindSource::Vendor);
}

#[test]
fn vercel_presence_on_normal_page() {
    let mut headers = VERCEL.to_vec();
    headers.push(("X-Vercel-Cache", "HIT"));
    let c = classify(&snap(200, &headers, PAGE));
    assert_verdict(&c, Some("vercel"), ResponseKind::Ok);
}

// ---- Netlify ------------------------------------------------------------------------------

const NETLIFY: &[(&str, &str)] = &[
    ("Server", "Netlify"),
    ("X-Nf-Request-Id", "01JABCDEF0123456789ABCDEFG"),
    ("Cache-Status", "\"Netlify Edge\"; fwd=miss"),
];

#[test]
fn netlify_branded_404_is_a_weak_block() {
    let c = classify(&snap(
        404,
        NETLIFY,
        include_str!("fixtures/netlify-404.html"),
    ));
    assert_verdict(&c, Some("netlify"), ResponseKind::Block);
    assert_eq!(c.kind_confidence, Confidence::Low);
}

#[test]
fn netlify_presence_on_normal_page() {
    let c = classify(&snap(200, NETLIFY, PAGE));
    assert_verdict(&c, Some("netlify"), ResponseKind::Ok);
}

// ---- F5 -----------------------------------------------------------------------------------

#[test]
fn f5_block_page_served_with_200() {
    let c = classify(&snap(
        200,
        &[
            ("Content-Type", "text/html; charset=utf-8"),
            ("Cache-Control", "no-cache"),
            ("Pragma", "no-cache"),
            ("Connection", "close"),
            ("Set-Cookie", "TS01a2b3c4=01ab23cd45ef; Path=/"),
        ],
        include_str!("fixtures/f5-block.html"),
    ));
    assert_verdict(&c, Some("f5"), ResponseKind::Block);
    assert!(kind_signal(&c, "The requested URL was rejected"));
    assert!(kind_signal(&c, "Your support ID is: 14217838475391823519"));
    assert!(vendor_signal(&c, "set-cookie: TS01a2b3c4"));
}

#[test]
fn f5_cookies_on_normal_page() {
    let c = classify(&snap(
        200,
        &[
            (
                "Set-Cookie",
                "BIGipServerpool_web=1677787402.20480.0000; path=/; Httponly; Secure",
            ),
            ("Set-Cookie", "TS0123abcd=01f2e3; Path=/"),
        ],
        PAGE,
    ));
    assert_verdict(&c, Some("f5"), ResponseKind::Ok);
}

// ---- Azure --------------------------------------------------------------------------------

#[test]
fn azure_front_door_waf_block() {
    let c = classify(&snap(
        403,
        &[
            (
                "x-azure-ref",
                "20261001T100000Z-16f7d8c9b5xyzab1hC1FRAe4a00000000sg0000000000d3k",
            ),
            ("x-cache", "CONFIG_NOCACHE"),
        ],
        include_str!("fixtures/azure-frontdoor-block.html"),
    ));
    assert_verdict(&c, Some("azure"), ResponseKind::Block);
    assert!(kind_signal(&c, "The request is blocked."));
}

#[test]
fn azure_application_gateway_block() {
    let c = classify(&snap(
        403,
        &[("Server", "Microsoft-Azure-Application-Gateway/v2")],
        include_str!("fixtures/azure-appgw-block.html"),
    ));
    assert_verdict(&c, Some("azure"), ResponseKind::Block);
    assert_eq!(c.kind_source, KindSource::Vendor);
}

#[test]
fn azure_front_door_rate_limit_429() {
    let c = classify(&snap(
        429,
        &[(
            "x-azure-ref",
            "0Yl0pYAAAAABa1b2c3d4e5f6g7h8i9j0kLMNOPQRSTUV",
        )],
        "",
    ));
    assert_verdict(&c, Some("azure"), ResponseKind::RateLimit);
    assert_eq!(c.kind_source, KindSource::Generic);
}

// ---- Google Cloud Armor -------------------------------------------------------------------

#[test]
fn cloud_armor_deny_403() {
    let c = classify(&snap(
        403,
        &[
            ("Content-Type", "text/html; charset=UTF-8"),
            ("Via", "1.1 google"),
        ],
        include_str!("fixtures/cloud-armor-block.html"),
    ));
    assert_verdict(&c, Some("google-cloud-armor"), ResponseKind::Block);
    assert_eq!(c.vendor.as_ref().unwrap().confidence, Confidence::Medium);
}

#[test]
fn via_google_alone_does_not_identify_cloud_armor() {
    let c = classify(&snap(200, &[("Via", "1.1 google")], PAGE));
    assert_verdict(&c, None, ResponseKind::Ok);
}

// ---- Wordfence ----------------------------------------------------------------------------

#[test]
fn wordfence_firewall_block() {
    let c = classify(&snap(
        403,
        &[("Server", "Apache")],
        include_str!("fixtures/wordfence-block.html"),
    ));
    assert_verdict(&c, Some("wordfence"), ResponseKind::Block);
    assert!(vendor_signal(&c, "Generated by Wordfence"));
}

#[test]
fn wordfence_rate_limit_503() {
    let c = classify(&snap(
        503,
        &[("Server", "Apache"), ("Retry-After", "600")],
        include_str!("fixtures/wordfence-ratelimit.html"),
    ));
    assert_verdict(&c, Some("wordfence"), ResponseKind::RateLimit);
    assert_eq!(c.kind_source, KindSource::Vendor);
    assert_eq!(c.kind_confidence, Confidence::High);
}

// ---- Origin server and generic ------------------------------------------------------------

#[test]
fn nginx_user_agent_rule_is_an_origin_block() {
    let c = classify(&snap(
        403,
        &[
            ("Server", "nginx/1.24.0 (Ubuntu)"),
            ("Content-Type", "text/html"),
        ],
        include_str!("fixtures/nginx-403.html"),
    ));
    assert_verdict(&c, None, ResponseKind::Block);
    assert_eq!(c.kind_source, KindSource::OriginServer);
    assert!(kind_signal(&c, "nginx/1.24.0"));
}

#[test]
fn apache_403_is_an_origin_block() {
    let c = classify(&snap(403, &[], include_str!("fixtures/apache-403.html")));
    assert_verdict(&c, None, ResponseKind::Block);
    assert_eq!(c.kind_source, KindSource::OriginServer);
}

#[test]
fn origin_nginx_403_behind_cloudflare_names_the_origin() {
    let c = classify(&snap(
        403,
        CF_HEADERS,
        include_str!("fixtures/nginx-403.html"),
    ));
    assert_verdict(&c, Some("cloudflare"), ResponseKind::Block);
    assert_eq!(c.kind_source, KindSource::OriginServer);
}

#[test]
fn empty_and_one_word_403_bodies_are_origin_blocks() {
    for body in ["", "Forbidden", "<h1>Access Denied</h1>", "403 Forbidden\n"] {
        let c = classify(&snap(403, &[("Server", "Caddy")], body));
        assert_verdict(&c, None, ResponseKind::Block);
        assert_eq!(c.kind_source, KindSource::OriginServer, "{body:?}");
    }
}

#[test]
fn plain_429_and_retry_after_are_rate_limits() {
    let c = classify(&snap(429, &[], "Too Many Requests"));
    assert_verdict(&c, None, ResponseKind::RateLimit);
    assert_eq!(c.kind_source, KindSource::Generic);

    let c = classify(&snap(429, &[("Retry-After", "120")], ""));
    assert!(kind_signal(&c, "retry-after: 120"));
    assert_eq!(c.kind_confidence, Confidence::High);

    let c = classify(&snap(503, &[("Retry-After", "30")], "Service Unavailable"));
    assert_verdict(&c, None, ResponseKind::RateLimit);
    assert_eq!(c.kind_confidence, Confidence::Medium);
}

#[test]
fn generic_captcha_title_on_error_status_is_a_challenge() {
    let c = classify(&snap(
        403,
        &[],
        "<html><head><title>Verify you are human</title></head><body><div class=\"h-captcha\"></div></body></html>",
    ));
    assert_verdict(&c, None, ResponseKind::Challenge);
    assert_eq!(c.kind_source, KindSource::Generic);
}

#[test]
fn stacked_vendors_are_all_reported() {
    // Cloudflare in front of a Vercel deployment.
    let mut headers = CF_HEADERS.to_vec();
    headers.push(("X-Vercel-Id", "fra1::abcde-1767225600000-0123456789ab"));
    headers.push(("X-Vercel-Cache", "MISS"));
    headers.push(("x-vercel-mitigated", "challenge"));
    let c = classify(&snap(
        429,
        &headers,
        include_str!("fixtures/vercel-checkpoint.html"),
    ));
    // The vendor that produced the challenge leads even though Cloudflare is as certain.
    assert_verdict(&c, Some("vercel"), ResponseKind::Challenge);
    assert_eq!(c.other_vendors.len(), 1);
    assert_eq!(c.other_vendors[0].id, "cloudflare");
}

#[test]
fn cloudflare_challenge_body_with_status_200_is_still_a_challenge() {
    let c = classify(&snap(
        200,
        CF_HEADERS,
        include_str!("fixtures/cloudflare-challenge.html"),
    ));
    assert_verdict(&c, Some("cloudflare"), ResponseKind::Challenge);
}
