//! Hostile input for the tracking-template reader and the click-URL builder: arbitrary text and
//! template-shaped junk (braces, separators, entities, macros, non-ASCII) must never panic,
//! must finish quickly, and must keep the click URLs consistent with the destination.

use preflight_testkit::finishes;
use preflight_utm::{check_templates, check_tracking, TrackingTemplates};
use proptest::prelude::*;

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("utm_source=".to_string()),
        Just("utm_campaign=".to_string()),
        Just("click_id=".to_string()),
        Just("oppref=".to_string()),
        Just("{campaign_id}".to_string()),
        Just("{oppref}".to_string()),
        Just("{ad_group_id}".to_string()),
        Just("{{x}}".to_string()),
        Just("${y}".to_string()),
        Just("{".to_string()),
        Just("}".to_string()),
        Just("&".to_string()),
        Just("&amp;".to_string()),
        Just("&#x26;".to_string()),
        Just("?".to_string()),
        Just("#".to_string()),
        Just("=".to_string()),
        Just("%7B".to_string()),
        Just("%%".to_string()),
        Just("[[".to_string()),
        "[a-z0-9._ -]{1,6}",
        "\\PC{1,3}",
    ]
}

fn template() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::collection::vec(piece(), 0..24).prop_map(|v| v.concat()),
        1 => "\\PC{0,80}",
    ]
}

fn templates() -> impl Strategy<Value = TrackingTemplates> {
    (
        prop::option::of(template()),
        prop::option::of(template()),
        prop::option::of(template()),
        prop::option::of(template()),
    )
        .prop_map(|(a, c, g, d)| TrackingTemplates {
            ad_account: a,
            campaign: c,
            ad_group: g,
            ad: d,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn templates_never_panic_and_finish(t in templates()) {
        let findings = finishes(move || check_templates(&t));
        for f in &findings {
            prop_assert!(f.id.starts_with("template-"), "{}", f.id);
            prop_assert!(!f.title.is_empty() && !f.title.contains('`'));
        }
    }

    #[test]
    fn click_urls_start_with_the_destination(t in templates(), tail in "[a-z0-9=&]{0,12}") {
        let destination = format!("https://shop.example/p?{tail}");
        let check = finishes({
            let d = destination.clone();
            move || check_tracking(&d, &t)
        });
        for c in &check.click_urls {
            prop_assert!(c.url.starts_with(destination.trim_end_matches('&')), "{} / {}", c.url, destination);
        }
        if !check.click_urls.is_empty() {
            prop_assert_eq!(check.click_urls.len(), 4);
        }
    }
}

#[test]
fn a_huge_template_is_cut_and_still_fast() {
    let big = "utm_campaign={campaign_id}&".repeat(20_000);
    let t = TrackingTemplates {
        ad: Some(big),
        ..TrackingTemplates::default()
    };
    let findings = finishes(move || check_templates(&t));
    assert!(findings.iter().any(|f| f.id == "template-malformed"));
}
