//! Whole-page scans of the snippet variants, bounds on hostile input, the rendered merge,
//! funnels, the data files and the finding catalogue.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use preflight_model::Status;
use preflight_pixel::*;

const PAGE_URL: &str = "https://shop.example/products/runner";

fn fixture(name: &str) -> String {
    fs::read_to_string(fixture_path(name)).unwrap()
}

fn fixture_path(name: &str) -> PathBuf {
    Path::new(&manifest_dir())
        .join("tests/fixtures/pages")
        .join(name)
}

fn ids(report: &PixelReport) -> Vec<&str> {
    report.findings.iter().map(|f| f.id.as_str()).collect()
}

fn has(report: &PixelReport, id: &str) -> bool {
    report.findings.iter().any(|f| f.id == id)
}

#[test]
fn official_snippet_is_installed_and_clean() {
    let r = scan(PAGE_URL, &fixture("official_snippet.html"), &[], &[]);
    assert!(r.installed);
    assert!(r.snippet_found);
    assert_eq!(r.pixel_ids, vec!["Q3EEHmNNmitscStzPbzSGs"]);
    assert_eq!(r.sdk_urls.len(), 1);
    assert_eq!(r.sdk_urls[0].in_head, Some(true));
    let names: Vec<&str> = r.events.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, vec!["page_viewed", "contents_viewed"]);
    assert!(r
        .events
        .iter()
        .all(|e| e.how == How::Static && e.problems.is_empty()));
    assert_eq!(
        r.init_options[0].location.to_string(),
        "inline script 1:19:5"
    );
    assert_eq!(r.events[1].args[0]["amount"], 12999);
    assert_eq!(r.events[1].args[1]["event_id"], "view-sku-42");
    assert!(
        r.findings.iter().all(|f| f.status == Status::Pass),
        "{:#?}",
        ids(&r)
    );
    assert!(r.limits.iter().any(|l| l.contains("consent")));
}

#[test]
fn minified_snippet_with_an_alias_is_read() {
    let r = scan(PAGE_URL, &fixture("minified.html"), &[], &[]);
    assert!(r.installed);
    assert_eq!(r.init_options[0].debug, Some(false));
    let added = r
        .events
        .iter()
        .find(|e| e.name == "items_added")
        .expect("aliased call found");
    assert_eq!(added.args[0]["currency"], "EUR");
    assert_eq!(added.args[1]["event_id"], DYNAMIC);
    assert!(added.problems.is_empty(), "{:?}", added.problems);
}

#[test]
fn external_scripts_are_listed_and_scanned() {
    let html = fixture("external.html");
    let page = "https://shop.example/app/checkout";
    let urls = same_origin_script_urls(page, &html);
    assert_eq!(
        urls,
        vec![
            "https://shop.example/static/pixel.js",
            "https://shop.example/app/vendor/cart.js"
        ]
    );
    let scripts = vec![
        ScriptSource {
            url: urls[0].clone(),
            text: fixture("pixel.js"),
        },
        ScriptSource {
            url: urls[1].clone(),
            text: fixture("cart.js"),
        },
    ];
    let r = scan(page, &html, &[], &scripts);
    assert!(r.installed, "{:?}", ids(&r));
    let order = r.events.iter().find(|e| e.name == "order_created").unwrap();
    assert_eq!(
        order.location.to_string(),
        "https://shop.example/app/vendor/cart.js:2:3"
    );
    assert_eq!(order.args[0]["amount"], DYNAMIC);
    assert_eq!(r.sdk_urls[0].in_head, Some(true));
    assert!(!has(&r, ids::SNIPPET_NOT_IN_HEAD));
}

#[test]
fn async_loader_and_script_tag_are_both_seen() {
    let r = scan(PAGE_URL, &fixture("async_loader.html"), &[], &[]);
    assert!(r.installed);
    assert!(r.sdk_urls.iter().filter(|s| s.official).count() >= 2);
    // The tag in <head> and a second loader in the body: loaded twice.
    assert!(has(&r, ids::SNIPPET_DUPLICATED));
}

#[test]
fn image_tags_are_parsed_and_linted() {
    let r = scan(PAGE_URL, &fixture("image_tag.html"), &[], &[]);
    assert!(r.installed);
    let via: Vec<(&str, &str)> = r
        .events
        .iter()
        .map(|e| (e.via.as_str(), e.name.as_str()))
        .collect();
    assert!(via.contains(&("image_tag", "page_viewed")));
    assert!(via.contains(&("image_tag", "Purchase")));
    for id in [
        ids::IMAGE_TAG_FOUND,
        ids::EVENT_NAME_INVALID,
        ids::AMOUNT_NOT_INTEGER,
        ids::CURRENCY_MISSING,
        ids::IMAGE_TAG_PARAM_UNKNOWN,
    ] {
        assert!(has(&r, id), "{id} missing: {:?}", ids(&r));
    }
    let purchase = r.events.iter().find(|e| e.name == "Purchase").unwrap();
    assert!(purchase
        .problems
        .contains(&ids::EVENT_NAME_INVALID.to_string()));
}

#[test]
fn gtm_page_names_the_container_and_maps_other_platforms() {
    let r = scan(PAGE_URL, &fixture("gtm.html"), &[], &[]);
    assert!(!r.installed);
    let gtm = r
        .tag_managers
        .iter()
        .find(|t| t.name == "Google Tag Manager")
        .unwrap();
    assert_eq!(gtm.id.as_deref(), Some("GTM-ABC1234"));
    assert!(r.tag_managers.iter().any(|t| t.kind == "consent"));
    let not_found = r.findings.iter().find(|f| f.id == ids::NOT_FOUND).unwrap();
    assert_eq!(
        not_found.status,
        Status::Warn,
        "a tag manager may add the pixel"
    );
    let meta = r
        .findings
        .iter()
        .find(|f| f.id == ids::META_EVENT_UNMAPPED)
        .unwrap();
    assert_eq!(
        meta.title,
        "Meta Purchase fires on this page, but no OpenAI “order_created”"
    );
    assert!(r
        .findings
        .iter()
        .any(|f| f.id == ids::GOOGLE_EVENT_UNMAPPED && f.title.contains("purchase")));
    assert!(r
        .findings
        .iter()
        .any(|f| f.id == ids::GOOGLE_EVENT_UNMAPPED && f.title.contains("Google Ads")));
    let platforms: Vec<(&str, Option<&str>)> = r
        .vendor_events
        .iter()
        .map(|v| (v.platform.as_str(), v.openai_equivalent.as_deref()))
        .collect();
    assert!(platforms.contains(&("meta", Some("order_created"))));
    assert!(platforms.contains(&("ga4", Some("order_created"))));
    assert!(platforms.contains(&("google_ads", None)));
}

#[test]
fn calls_in_handlers_and_arrow_functions_are_found() {
    let r = scan(PAGE_URL, &fixture("handlers.html"), &[], &[]);
    let mut names: Vec<&str> = r.events.iter().map(|e| e.name.as_str()).collect();
    names.sort();
    assert_eq!(
        names,
        vec!["lead_created", "registration_completed", "trial_started"]
    );
    let lead = r.events.iter().find(|e| e.name == "lead_created").unwrap();
    assert!(lead
        .location
        .source
        .starts_with("onclick attribute 1 on <button>"));
    assert!(
        r.findings.iter().all(|f| f.status != Status::Fail),
        "{:?}",
        ids(&r)
    );
}

#[test]
fn syntax_errors_are_reported_not_fatal() {
    let r = scan(PAGE_URL, &fixture("syntax_error.html"), &[], &[]);
    let f = r
        .findings
        .iter()
        .find(|f| f.id == ids::SCRIPT_SYNTAX_ERROR)
        .unwrap();
    assert_eq!(f.status, Status::Warn);
    assert!(f.evidence[0]
        .location
        .as_deref()
        .unwrap()
        .starts_with("inline script 1:"));
}

#[test]
fn consent_parked_scripts_are_read_and_flagged_and_json_is_ignored() {
    let r = scan(PAGE_URL, &fixture("consent_gated.html"), &[], &[]);
    assert!(r.installed);
    assert!(has(&r, ids::CONSENT_GATED_SCRIPT));
    assert!(r.calls.iter().all(|c| c.consent_gated));
}

#[test]
fn page_without_pixel_fails() {
    let r = scan(PAGE_URL, &fixture("no_pixel.html"), &[], &[]);
    assert!(!r.installed);
    let f = r.findings.iter().find(|f| f.id == ids::NOT_FOUND).unwrap();
    assert_eq!(f.status, Status::Fail);
}

#[test]
fn oversized_script_is_skipped_quickly() {
    let mut big = String::from("oaiq('measure','page_viewed',{type:'contents'});\n");
    while big.len() <= MAX_SCRIPT_BYTES {
        big.push_str("var a = [1,2,3,4,5,6,7,8,9,10];\n");
    }
    let started = Instant::now();
    let scripts = vec![ScriptSource {
        url: "https://shop.example/big.js".into(),
        text: big,
    }];
    let r = scan(PAGE_URL, &fixture("official_snippet.html"), &[], &scripts);
    assert!(started.elapsed() < Duration::from_secs(20));
    assert!(has(&r, ids::SCRIPT_NOT_EXAMINED));
    assert!(r
        .limits
        .iter()
        .any(|l| l.contains("big.js") && l.contains("MB")));
    // The page's own snippet is still read.
    assert!(r.installed);
}

#[test]
fn script_just_under_the_cap_is_parsed() {
    let mut big = String::new();
    while big.len() < 3 * 1024 * 1024 {
        big.push_str("function f(a){return a.map(function(x){return x*2})}\n");
    }
    big.push_str("oaiq('measure','checkout_started',{type:'contents'});\n");
    let scripts = vec![ScriptSource {
        url: "https://shop.example/app.js".into(),
        text: big,
    }];
    let r = scan(PAGE_URL, &fixture("official_snippet.html"), &[], &scripts);
    assert!(r.events.iter().any(|e| e.name == "checkout_started"));
}

#[test]
fn hostile_input_does_not_panic() {
    let cases = [
        "(".repeat(200_000),
        "!".repeat(200_000),
        "a=".repeat(100_000),
        "if(a){b}else ".repeat(50_000),
        "[".repeat(100_000) + &"]".repeat(100_000),
        "`${".repeat(50_000),
        "\u{0}\u{FFFD}\u{202E}</script><script>".repeat(1000),
        String::from_utf8_lossy(&(0..=255u8).cycle().take(100_000).collect::<Vec<u8>>())
            .into_owned(),
    ];
    for (i, js) in cases.iter().enumerate() {
        let html = format!("<html><head><script>{js}</script></head></html>");
        let r = scan(
            PAGE_URL,
            &html,
            &[(
                "Content-Security-Policy".into(),
                js.chars().take(1000).collect(),
            )],
            &[ScriptSource {
                url: format!("https://shop.example/{i}.js"),
                text: js.clone(),
            }],
        );
        assert!(!r.installed, "case {i}");
        // The raw text goes straight in as HTML too.
        let _ = scan(PAGE_URL, js, &[], &[]);
        let _ = same_origin_script_urls("not a url", js);
    }
}

#[test]
fn rendered_calls_merge_and_lint_the_same_way() {
    let static_report = scan(PAGE_URL, &fixture("official_snippet.html"), &[], &[]);
    let recorded = vec![
        RecordedCall { command: "measure".into(), args_json: r#"["order_created", {"type": "contents", "amount": 25.99, "currency": "USD"}, {"event_id": "o-1"}]"#.into(), source: "https://shop.example/checkout.js:10:5".into() },
        RecordedCall { command: "measure".into(), args_json: "not json".into(), source: "capture".into() },
    ];
    let merged = merge_rendered(static_report.clone(), &recorded);
    let order = merged
        .events
        .iter()
        .find(|e| e.name == "order_created")
        .unwrap();
    assert_eq!(order.how, How::Rendered);
    assert_eq!(order.problems, vec![ids::AMOUNT_NOT_INTEGER.to_string()]);
    assert!(has(&merged, ids::AMOUNT_NOT_INTEGER));
    assert!(has(&merged, ids::RENDERED_CALL_UNREADABLE));
    assert!(merged
        .events
        .iter()
        .any(|e| e.name == "page_viewed" && e.how == How::Static));
    assert!(merged
        .limits
        .iter()
        .any(|l| l.starts_with("The rendered check ran:")));
    assert!(!merged
        .limits
        .iter()
        .any(|l| l.contains("has not been merged")));
    // Merging again replaces, never duplicates, the rendered part.
    let twice = merge_rendered(merged.clone(), &recorded);
    assert_eq!(twice.events.len(), merged.events.len());
    assert_eq!(ids(&twice), ids(&merged));
    // The lint alone on recorded calls.
    let alone = lint_recorded_calls(&recorded[..1]);
    assert!(has(&alone, ids::AMOUNT_NOT_INTEGER));
}

#[test]
fn funnel_coverage_reports_present_missing_and_malformed() {
    let ecommerce = funnel("ecommerce").unwrap();
    let r = scan(PAGE_URL, &fixture("official_snippet.html"), &[], &[]);
    let mut events = r.events.clone();
    let bad = lint_recorded_calls(&[RecordedCall {
        command: "measure".into(),
        args_json: r#"["items_added", {"type": "contents", "amount": "9.99"}]"#.into(),
        source: "capture".into(),
    }]);
    events.extend(bad.events);
    let c = funnel_coverage(ecommerce, &events);
    assert_eq!(c.present, vec!["page_viewed", "contents_viewed"]);
    assert_eq!(c.malformed, vec!["items_added"]);
    let missing: Vec<(&str, bool)> = c
        .missing
        .iter()
        .map(|m| (m.event.as_str(), m.required))
        .collect();
    assert_eq!(
        missing,
        vec![("order_created", true), ("checkout_started", false)]
    );
    let f = funnel_findings(ecommerce, &events, false);
    assert!(f.iter().any(|f| f.id == ids::FUNNEL_EVENT_MISSING
        && f.status == Status::Warn
        && f.title.contains("order_created")));
    assert!(f.iter().any(|f| f.id == ids::FUNNEL_EVENT_MALFORMED));
}

#[test]
fn data_files_parse_and_agree() {
    check_data().unwrap();
    let standard: Vec<&str> = vec![
        "page_viewed",
        "contents_viewed",
        "items_added",
        "checkout_started",
        "order_created",
        "lead_created",
        "registration_completed",
        "appointment_scheduled",
        "subscription_created",
        "trial_started",
    ];
    for (platform, name, openai) in mapping_table() {
        assert!(
            ["meta", "ga4", "google_ads"].contains(&platform.as_str()),
            "{platform}"
        );
        assert!(
            openai.is_empty() || standard.contains(&openai.as_str()),
            "{name} maps to {openai}"
        );
    }
    for name in [
        "Purchase",
        "AddToCart",
        "InitiateCheckout",
        "Lead",
        "CompleteRegistration",
        "Subscribe",
        "StartTrial",
        "Schedule",
        "ViewContent",
        "Contact",
        "SubmitApplication",
        "AddPaymentInfo",
        "Search",
    ] {
        assert!(
            openai_equivalent("meta", name).is_some(),
            "Meta {name} missing"
        );
    }
    for name in [
        "purchase",
        "add_to_cart",
        "begin_checkout",
        "generate_lead",
        "sign_up",
    ] {
        assert!(
            openai_equivalent("ga4", name).is_some_and(|o| !o.is_empty()),
            "GA4 {name} missing"
        );
    }
    assert_eq!(
        openai_equivalent("google_ads", "conversion").as_deref(),
        Some("")
    );
    let ids_of_funnels: Vec<&str> = funnels().iter().map(|f| f.id.as_str()).collect();
    assert_eq!(
        ids_of_funnels,
        vec![
            "ecommerce",
            "saas-free-trial",
            "saas-sales-led",
            "lead-generation",
            "appointments"
        ]
    );
    for f in funnels() {
        for e in f.required.iter().chain(&f.recommended) {
            assert!(standard.contains(&e.as_str()), "funnel {} lists {e}", f.id);
        }
    }
    // Every standard name is valid and not a valid custom name.
    for name in standard {
        assert!(custom_name_problem(name).is_some());
    }
}

#[test]
fn every_finding_id_is_documented() {
    let docs = Path::new(&manifest_dir()).join("../../docs/findings-pixel.md");
    let text = fs::read_to_string(&docs).expect("docs/findings-pixel.md");
    for id in ids::ALL {
        assert!(
            text.contains(&format!("`{id}`")),
            "{id} is not in docs/findings-pixel.md"
        );
    }
    let mut sorted = ids::ALL.to_vec();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), ids::ALL.len(), "duplicate ids");
}

#[test]
fn report_json_is_snake_case_and_round_trips() {
    let r = scan(PAGE_URL, &fixture("official_snippet.html"), &[], &[]);
    let json = serde_json::to_value(&r).unwrap();
    for key in [
        "installed",
        "pixel_ids",
        "sdk_urls",
        "init_options",
        "events",
        "tag_managers",
        "findings",
        "limits",
        "vendor_events",
    ] {
        assert!(json.get(key).is_some(), "{key}");
    }
    assert_eq!(json["events"][0]["how"], "static");
    let back: PixelReport = serde_json::from_value(json).unwrap();
    assert_eq!(back, r);
}

/// The crate's folder, read when the test runs: a test binary reused from another checkout of
/// the same sources must still read this checkout's files.
fn manifest_dir() -> String {
    std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_string())
}
