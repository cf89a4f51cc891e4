//! The tester's lint and many-URL check read files and URL lists people paste or fetch from
//! sites: any bytes must give an answer (no panic) within the watchdog, and every line number
//! must point into the file.

use preflight_robots::{lint, test_urls, RobotsSource, MAX_LINT_FINDINGS};
use preflight_testkit::finishes;
use proptest::prelude::*;

const REGRESSIONS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/proptest-regressions/properties_tester.txt"
);

fn bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => prop::collection::vec(any::<u8>(), 0..512),
        1 => prop::collection::vec(any::<u8>(), 0..=65_536),
    ]
}

/// robots.txt-shaped lines with typos, byte-order marks, odd patterns and bad sitemaps.
fn robots_shaped() -> impl Strategy<Value = Vec<u8>> {
    let name = prop_oneof![
        Just("User-agent"),
        Just("Useragent"),
        Just("Allow"),
        Just("Alow"),
        Just("Disallow"),
        Just("Dissalow"),
        Just("Sitemap"),
        Just("Crawl-delay"),
        Just("Noindex"),
        Just("\u{FEFF}User-agent"),
        Just(""),
    ];
    let value = prop_oneof![
        Just("*".to_string()),
        Just("OAI-AdsBot".to_string()),
        Just("OAI-AdsBot/1.0".to_string()),
        Just("/a$b".to_string()),
        Just("https://x.example/s.xml".to_string()),
        "\\PC{0,12}",
    ];
    let line = (
        name,
        prop_oneof![Just(": "), Just(" "), Just("")],
        value,
        prop_oneof![Just("\n"), Just("\r\n"), Just("\r")],
    )
        .prop_map(|(n, s, v, e)| format!("{n}{s}{v}{e}"));
    prop::collection::vec(line, 0..60).prop_map(|l| l.concat().into_bytes())
}

fn line_count(bytes: &[u8]) -> u32 {
    let mut lines = 1u32;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\n' || bytes[i] == b'\r' {
            lines += 1;
            if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
        }
        i += 1;
    }
    lines
}

proptest! {
    #![proptest_config(preflight_testkit::config(REGRESSIONS))]

    #[test]
    fn any_bytes_lint_within_bounds(body in prop_oneof![bytes(), robots_shaped()]) {
        let lines = line_count(&body);
        let report = finishes(move || lint(&body));
        prop_assert!(report.findings.len() <= MAX_LINT_FINDINGS);
        let mut last = 0;
        for f in &report.findings {
            prop_assert!(f.line >= 1 && f.line <= lines, "line {} of {}", f.line, lines);
            prop_assert!(f.line >= last, "findings in line order");
            prop_assert!(!f.problem.is_empty() && !f.remedy.is_empty());
            last = f.line;
        }
    }

    #[test]
    fn any_url_list_gives_one_row_per_line(
        body in prop_oneof![bytes(), robots_shaped()],
        urls in prop::collection::vec(prop_oneof![
            Just("https://x.example/p?utm_source=chatgpt".to_string()),
            "https://x\\.example/\\PC{0,20}",
            "\\PC{0,30}",
        ], 0..20),
    ) {
        let text = urls.join("\n");
        let expected = text.lines().filter(|l| !l.trim().is_empty()).count();
        let lines = line_count(&body);
        let test = finishes(move || test_urls(RobotsSource::Parsed, &body, "OAI-AdsBot", &text)).unwrap();
        prop_assert_eq!(test.rows.len(), expected);
        for row in &test.rows {
            prop_assert!(row.verdict.is_some() != row.error.is_some());
            if let Some(line) = row.deciding_line {
                prop_assert!(line >= 1 && line <= lines);
            }
        }
    }
}

/// A 2 MB file of one-byte junk lines: the lint reads only the first 500 KiB and stays quick.
#[test]
fn a_huge_junk_file_is_linted_quickly() {
    let body = "Alow: x\n".repeat(300_000).into_bytes();
    let report = finishes(move || lint(&body));
    assert_eq!(report.findings.len(), MAX_LINT_FINDINGS);
    assert!(report.not_listed > 0);
}
