//! A log that cannot speak for an audit says so: from another site, about other pages, or
//! ending long before the audit.

mod common;

use common::{combined, ADSBOT_UA, IN_V4, RANGES_JSON};
use preflight_accesslog::{coverage_notes, import_reader, IpRanges, LogOptions, LogReport};
use proptest::prelude::*;

fn report(text: &str) -> LogReport {
    let ranges = IpRanges::from_json(RANGES_JSON).unwrap();
    let options = LogOptions {
        include_other_agents: true,
        ..LogOptions::default()
    };
    import_reader(text.as_bytes(), Some(&ranges), &options).unwrap()
}

const AUDIT: &str = "2026-12-05T10:00:00Z";

#[test]
fn a_log_of_the_audited_pages_from_days_ago_needs_no_note() {
    let log = report(&combined(
        IN_V4,
        "03/Dec/2026:09:00:00 +0000",
        "/pricing",
        200,
        ADSBOT_UA,
    ));
    assert!(coverage_notes(&log, &["https://shop.example/pricing"], AUDIT).is_empty());
}

#[test]
fn a_log_naming_other_hosts_is_from_another_site() {
    let line = format!(
        "blog.other.example {}",
        combined(
            IN_V4,
            "03/Dec/2026:09:00:00 +0000",
            "/pricing",
            200,
            ADSBOT_UA
        )
    );
    let notes = coverage_notes(&report(&line), &["https://shop.example/pricing"], AUDIT);
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(
        notes[0].contains("another site") && notes[0].contains("blog.other.example"),
        "{notes:?}"
    );
    // The same host is no note.
    let line = line.replace("blog.other.example", "shop.example");
    assert!(coverage_notes(&report(&line), &["https://shop.example/pricing"], AUDIT).is_empty());
}

#[test]
fn a_log_about_other_pages_or_from_long_ago_says_so() {
    let log = report(&combined(
        IN_V4,
        "01/Oct/2026:09:00:00 +0000",
        "/about",
        200,
        ADSBOT_UA,
    ));
    let notes = coverage_notes(&log, &["https://shop.example/pricing"], AUDIT);
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(notes[0].contains("No request in this log is for a page of this audit"));
    assert!(notes[1].contains("days before the audit"), "{notes:?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn any_log_and_any_urls_give_notes_without_panicking(
        text in "[ -~\n]{0,400}",
        url in "[ -~]{0,60}",
        when in "[ -~]{0,30}",
    ) {
        if let Ok(log) = import_reader(text.as_bytes(), None, &LogOptions::default()) {
            let _ = coverage_notes(&log, &[url.as_str(), "https://shop.example/"], &when);
        }
    }
}
