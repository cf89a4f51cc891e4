//! Ordinary pages must not look like blocks, and odd input must never panic or hang.

mod common;

use std::time::{Duration, Instant};

use common::{assert_verdict, snap};
use preflight_model::Status;
use preflight_waf::{classify, findings, ResponseKind, ResponseSnapshot, MAX_BODY_SCAN_BYTES};

#[test]
fn a_real_404_page_of_the_site_is_not_a_block() {
    let c = classify(&snap(
        404,
        &[("Server", "nginx"), ("Content-Type", "text/html")],
        include_str!("fixtures/site-404.html"),
    ));
    assert_verdict(&c, None, ResponseKind::Ok);
}

#[test]
fn nginx_default_404_is_not_a_block() {
    let body = "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    let c = classify(&snap(404, &[("Server", "nginx")], body));
    assert_verdict(&c, None, ResponseKind::Ok);
}

#[test]
fn an_article_quoting_block_pages_is_not_a_block() {
    let c = classify(&snap(
        200,
        &[("Server", "nginx")],
        include_str!("fixtures/article-mentions-waf.html"),
    ));
    assert_verdict(&c, None, ResponseKind::Ok);
}

#[test]
fn the_word_cloudflare_does_not_identify_cloudflare() {
    let c = classify(&snap(
        200,
        &[("Server", "Apache")],
        "<p>We moved to Cloudflare last year; cloudflare.com has the details. cf-ray and __cf_bm are explained below.</p>",
    ));
    assert_verdict(&c, None, ResponseKind::Ok);
}

#[test]
fn a_login_page_served_with_403_is_not_a_block() {
    let c = classify(&snap(
        403,
        &[("Server", "nginx"), ("Set-Cookie", "session=abc; HttpOnly")],
        include_str!("fixtures/login-403.html"),
    ));
    assert_verdict(&c, None, ResponseKind::Ok);
}

#[test]
fn a_contact_form_with_recaptcha_is_not_a_challenge() {
    let c = classify(&snap(
        200,
        &[],
        "<html><head><title>Contact us</title></head><body><form><div class=\"g-recaptcha\" data-sitekey=\"x\"></div></form><p>Verify you are human before sending.</p></body></html>",
    ));
    assert_verdict(&c, None, ResponseKind::Ok);
}

#[test]
fn cookies_that_only_look_like_vendor_cookies_are_ignored() {
    let c = classify(&snap(
        200,
        &[
            // Not TS + 6 or 8 hex.
            ("Set-Cookie", "TSESSION=1; Path=/"),
            ("Set-Cookie", "TS123=1; Path=/"),
            ("Set-Cookie", "TS01a2b3c4d5=1; Path=/"),
            ("Set-Cookie", "TSzzzzzzzz=1; Path=/"),
            // Prefixes of vendor cookie names.
            ("Set-Cookie", "_pxl=1; Path=/"),
            ("Set-Cookie", "datadome_consent=1; Path=/"),
            ("Set-Cookie", "my__cf_bm=1; Path=/"),
        ],
        "<p>Hello</p>",
    ));
    assert_verdict(&c, None, ResponseKind::Ok);
}

#[test]
fn varnish_alone_is_not_fastly() {
    let c = classify(&snap(200, &[("Via", "1.1 varnish")], "<p>Hello</p>"));
    assert_verdict(&c, None, ResponseKind::Ok);
}

#[test]
fn a_long_page_that_quotes_a_block_marker_is_not_a_block() {
    // F5 block pages arrive with status 200, so the marker is only trusted on short pages.
    let mut body = String::from("<h1>How to read firewall errors</h1><p>F5 says: The requested URL was rejected. Please consult with your administrator.</p>");
    body.push_str(&"<p>More about firewalls and landing pages.</p>".repeat(1_000));
    let c = classify(&snap(200, &[], &body));
    assert_verdict(&c, None, ResponseKind::Ok);
}

#[test]
fn an_ordinary_404_with_a_browser_baseline_passes() {
    let bot = classify(&snap(404, &[], include_str!("fixtures/site-404.html")));
    let browser = classify(&snap(404, &[], include_str!("fixtures/site-404.html")));
    let out = findings(&bot, Some(&browser));
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].id, "waf-no-block-detected");
    assert_eq!(out[0].status, Status::Pass);
}

// ---- Hostile input ------------------------------------------------------------------------

#[test]
fn a_huge_body_is_scanned_only_up_to_the_bound_and_quickly() {
    // The block marker sits past the scan bound, so it must not be seen.
    let mut body = "A".repeat(MAX_BODY_SCAN_BYTES + 10);
    body.push_str("Sorry, you have been blocked");
    let mut big = body.clone();
    big.push_str(&"x".repeat(20 * 1024 * 1024));
    let started = Instant::now();
    let c = classify(&snap(403, &[("Server", "cloudflare")], &big));
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(c.kind, ResponseKind::Ok);
}

#[test]
fn a_huge_body_of_almost_matches_stays_fast() {
    // Many partial matches of a marker: linear-time regexes keep this cheap.
    let body = "Reference #18.".repeat(MAX_BODY_SCAN_BYTES / 14 + 1);
    let started = Instant::now();
    let c = classify(&snap(403, &[("Server", "AkamaiGHost")], &body));
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(c.vendor.unwrap().id, "akamai");
}

#[test]
fn odd_header_bytes_and_non_utf8_bodies_do_not_panic() {
    let snap = ResponseSnapshot::new(403)
        .header_bytes(b"Server\xff", b"cloud\x00flare")
        .header_bytes(b"", b"")
        .header_bytes(b"set-cookie", b"\xff\xfe=1")
        .header_bytes(b"set-cookie", b"=")
        .header_bytes(b"cf-ray", &[0xc3; 9000])
        .body_bytes(b"\xef\xbb\xbf\xff\xfeForbidden\xc3");
    let c = classify(&snap);
    // Evidence stays bounded even for a 9000-byte header value.
    for s in c.vendor.iter().flat_map(|v| &v.signals) {
        assert!(s.chars().count() < 400, "{s}");
    }
    let _ = findings(&c, None);
}

#[test]
fn very_many_headers_are_bounded() {
    let mut s = ResponseSnapshot::new(200).body("<p>hi</p>");
    for i in 0..100_000 {
        s = s.header(format!("x-filler-{i}"), "v");
    }
    // The vendor header sits past the header bound.
    s = s.header("cf-ray", "8a1b2c3d4e5f6789-AMS");
    let started = Instant::now();
    let c = classify(&s);
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(c.vendor.is_none());
}

#[test]
fn status_zero_and_unusual_statuses_do_not_panic() {
    for status in [0, 1, 99, 299, 418, 599, 999, u16::MAX] {
        let c = classify(&snap(status, &[("Retry-After", "-1")], "\u{0}\u{feff}"));
        assert_eq!(c.status, status);
        assert!(!findings(&c, Some(&c)).is_empty());
    }
}
