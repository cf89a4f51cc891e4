//! An audited page found in an imported log, and the finding when the two disagree.

mod common;

use common::{combined, ADSBOT_UA, IN_V4, IN_V4_B, OUT_V4, RANGES_JSON};
use preflight_accesslog::{
    disagreement, import_reader, page_evidence, AddressScope, IpRanges, LogOptions, LogReport,
};
use preflight_model::{Confidence, Status};
use proptest::prelude::*;

fn report(lines: &[String], checked: bool) -> LogReport {
    let ranges = IpRanges::from_json(RANGES_JSON).unwrap();
    import_reader(
        lines.concat().as_bytes(),
        checked.then_some(&ranges),
        &LogOptions::default(),
    )
    .unwrap()
}

fn log() -> Vec<String> {
    vec![
        combined(
            IN_V4,
            "03/Dec/2026:09:00:00 +0000",
            "/pricing?utm_source=chatgpt",
            200,
            ADSBOT_UA,
        ),
        combined(
            IN_V4_B,
            "04/Dec/2026:09:00:00 +0000",
            "/pricing",
            403,
            ADSBOT_UA,
        ),
        combined(
            IN_V4,
            "04/Dec/2026:10:00:00 +0000",
            "/pricing/",
            403,
            ADSBOT_UA,
        ),
        combined(
            OUT_V4,
            "04/Dec/2026:11:00:00 +0000",
            "/pricing",
            403,
            ADSBOT_UA,
        ),
        combined(
            IN_V4,
            "04/Dec/2026:12:00:00 +0000",
            "/welcome",
            200,
            ADSBOT_UA,
        ),
    ]
}

#[test]
fn the_real_crawler_refused_on_a_page_the_audit_reached_is_a_failing_finding() {
    let report = report(&log(), true);
    let evidence = page_evidence(&report, "https://shop.example/pricing?utm_source=chatgpt")
        .expect("the page is in the log");
    assert_eq!(
        evidence.requests, 3,
        "query string and trailing slash do not matter"
    );
    assert_eq!(evidence.refused, 2);
    assert_eq!(evidence.last_status, 403);
    assert!(
        evidence.last_seen.starts_with("2026-12-04T10:00:00"),
        "{}",
        evidence.last_seen
    );
    assert_eq!(
        evidence.impostor_requests, 1,
        "the fake crawler is counted apart"
    );
    assert_eq!(evidence.addresses, AddressScope::InRanges);

    let finding = disagreement(&evidence, true).expect("they disagree");
    assert_eq!(finding.id, "log-refused-audit-reached");
    assert_eq!(finding.status, Status::Fail);
    assert_eq!(finding.confidence, Confidence::High);
    assert!(
        finding.detail.contains("IP addresses"),
        "{}",
        finding.detail
    );
    assert!(
        finding.evidence[0].value.contains("2 of 3 requests"),
        "{:?}",
        finding.evidence
    );
    // The audit was refused too: nothing to reconcile.
    assert!(disagreement(&evidence, false).is_none());
}

#[test]
fn a_page_the_crawler_got_but_the_audit_did_not_is_a_warning() {
    let report = report(&log(), true);
    let evidence = page_evidence(&report, "https://shop.example/welcome").unwrap();
    assert_eq!((evidence.requests, evidence.last_status), (1, 200));
    assert!(disagreement(&evidence, true).is_none(), "both reached it");
    let finding = disagreement(&evidence, false).expect("they disagree");
    assert_eq!(finding.id, "log-served-audit-refused");
    assert_eq!(finding.status, Status::Warn);
}

#[test]
fn a_page_never_requested_has_no_evidence_and_unchecked_addresses_lower_the_confidence() {
    let checked = report(&log(), true);
    assert!(page_evidence(&checked, "https://shop.example/never").is_none());
    assert!(page_evidence(&checked, "not a url").is_none());

    let unchecked = report(&log(), false);
    let evidence = page_evidence(&unchecked, "https://shop.example/pricing").unwrap();
    assert_eq!(evidence.addresses, AddressScope::NotChecked);
    assert_eq!(
        evidence.requests, 4,
        "without a list every request with the name counts"
    );
    let finding = disagreement(&evidence, true).unwrap();
    assert_eq!(finding.confidence, Confidence::Medium);
    assert!(
        finding.detail.contains("addresses not checked"),
        "{}",
        finding.detail
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    /// Any page address can be looked up without panicking.
    #[test]
    fn any_page_address_is_looked_up_safely(url in "\\PC{0,200}") {
        let report = report(&log(), true);
        if let Some(e) = page_evidence(&report, &url) {
            let _ = disagreement(&e, true);
        }
    }
}
