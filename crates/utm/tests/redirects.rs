//! Redirect survival.

use preflight_model::Status;
use preflight_utm::{evaluate_redirects, with_test_click_ids, RedirectHop};

fn hop(url: &str, status: u16) -> RedirectHop {
    RedirectHop {
        url: url.into(),
        status,
    }
}

const ORIGINAL: &str = "http://shop.example/p?utm_source=chatgpt&utm_medium=cpc&utm_campaign=x";

#[test]
fn parameters_that_survive_pass() {
    let original = with_test_click_ids(ORIGINAL);
    let https = original.replacen("http://", "https://", 1);
    let www = https.replacen("shop.example", "www.shop.example", 1);
    let f = evaluate_redirects(
        &original,
        &[hop(&original, 301), hop(&https, 301), hop(&www, 200)],
    );
    assert_eq!(f.id, "utm-survives-redirects");
    assert_eq!(f.status, Status::Pass);
    assert!(f.detail.contains("oppref") && f.detail.contains("olref"));
    assert!(f.evidence[0].label.contains("Final hop 3 (HTTP 200)"));
}

#[test]
fn the_first_hop_that_drops_a_parameter_is_named() {
    let original = with_test_click_ids(ORIGINAL);
    let https = original.replacen("http://", "https://", 1);
    let f = evaluate_redirects(
        &original,
        &[
            hop(&original, 301),
            hop(&https, 302),
            hop("https://shop.example/en/p", 301),
            hop("https://shop.example/en/p/", 200),
        ],
    );
    assert_eq!(f.id, "utm-dropped-by-redirect");
    assert_eq!(f.status, Status::Fail);
    assert_eq!(f.evidence[0].label, "Redirect at hop 2 (HTTP 302)");
    assert_eq!(f.evidence[0].value, https);
    assert_eq!(f.evidence[1].value, "https://shop.example/en/p");
    assert!(f.evidence[2].value.contains("oppref dropped"));
    assert!(f.evidence[2].value.contains("utm_source dropped"));
}

#[test]
fn a_changed_value_counts_as_dropped() {
    let original = with_test_click_ids(ORIGINAL);
    let lowered = original.replace("gAAAA_preflight_test", "gaaaa_preflight_test");
    let f = evaluate_redirects(&original, &[hop(&original, 301), hop(&lowered, 200)]);
    assert_eq!(f.id, "utm-dropped-by-redirect");
    assert!(f.detail.contains("oppref changed"));
}

#[test]
fn relative_locations_and_a_chain_without_the_original() {
    let original = "https://shop.example/p?utm_source=chatgpt&oppref=gAAAA_preflight_test";
    let f = evaluate_redirects(
        original,
        &[hop(
            "/q?utm_source=chatgpt&oppref=gAAAA_preflight_test",
            200,
        )],
    );
    assert_eq!(f.status, Status::Pass);
    let f = evaluate_redirects(original, &[hop("/q", 200)]);
    assert_eq!(f.id, "utm-dropped-by-redirect");
    assert_eq!(
        f.evidence[0].label,
        "Redirect before the first recorded hop"
    );
    assert_eq!(f.evidence[1].value, "https://shop.example/q");
}

#[test]
fn parameters_moved_into_the_fragment_are_dropped() {
    let original = "https://shop.example/?utm_source=chatgpt";
    let f = evaluate_redirects(
        original,
        &[
            hop(original, 302),
            hop("https://shop.example/#/?utm_source=chatgpt", 200),
        ],
    );
    assert_eq!(f.id, "utm-dropped-by-redirect");
}

#[test]
fn cut_off_chains_empty_chains_and_nothing_to_track() {
    let original = with_test_click_ids(ORIGINAL);
    let f = evaluate_redirects(&original, &[hop(&original, 301), hop(&original, 301)]);
    assert_eq!(
        (f.id.as_str(), f.status),
        ("utm-survives-redirects", Status::Warn)
    );
    let f = evaluate_redirects(&original, &[]);
    assert_eq!(
        (f.id.as_str(), f.status),
        ("redirect-chain-empty", Status::NotApplicable)
    );
    let f = evaluate_redirects(
        "https://shop.example/",
        &[hop("https://shop.example/", 200)],
    );
    assert_eq!(f.status, Status::NotApplicable);
}

#[test]
fn test_click_ids_replace_stale_ones() {
    let u = with_test_click_ids("https://shop.example/?oppref=gAAAAold&OLREF=x&a=1#top");
    assert_eq!(
        u,
        "https://shop.example/?a=1&oppref=gAAAA_preflight_test&olref=preflight_test#top"
    );
}
