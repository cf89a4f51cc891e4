//! Hostile input is normal input: robots.txt bodies, URLs and patterns come from sites we do
//! not control. These properties feed arbitrary bytes and robots.txt-shaped junk to every entry
//! point and check that each one returns (no panic), finishes (no hang) and keeps its own
//! invariants. Failing inputs proptest finds are kept in `proptest-regressions/` and replayed
//! first on every run; the named tests at the end pin the ones worth reading.

use preflight_robots::{
    evaluate, evaluate_fetched, normalise_path, path_params_query, pattern_matches, render_text,
    robots_findings, FetchFailure, FetchOutcome, RobotsTxt, RuleKind,
};
use preflight_testkit::finishes;
use proptest::prelude::*;

/// Failing inputs, kept in the repository and replayed first on every run.
const REGRESSIONS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/proptest-regressions/properties.txt"
);

/// Mostly short inputs, sometimes up to 64 KiB.
fn bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => prop::collection::vec(any::<u8>(), 0..512),
        1 => prop::collection::vec(any::<u8>(), 0..=65_536),
    ]
}

/// Pieces of robots.txt values: wildcards, anchors, escapes (valid, broken, lower case),
/// non-ASCII text, comments and stray whitespace.
fn value_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("/".to_string()),
        Just("*".to_string()),
        Just("$".to_string()),
        Just("?".to_string()),
        Just("#".to_string()),
        Just(" ".to_string()),
        Just("\t".to_string()),
        "%[0-9A-Fa-fzZ%]{0,2}",
        "[a-z0-9_.=&-]{1,6}",
        "\\PC{1,3}",
        "[\u{80}-\u{10FFFF}]{1,2}",
    ]
}

fn directive_name() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("User-agent".to_string()),
        Just("user-agent".to_string()),
        Just("USER AGENT".to_string()),
        Just("Allow".to_string()),
        Just("Disallow".to_string()),
        Just("disallow".to_string()),
        Just("Dissallow".to_string()),
        Just("Sitemap".to_string()),
        Just("Crawl-delay".to_string()),
        Just("Content-signal".to_string()),
        "[A-Za-z-]{0,12}",
        "\\PC{0,6}",
    ]
}

fn agent_value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("*".to_string()),
        Just("OAI-AdsBot".to_string()),
        Just("oai-adsbot".to_string()),
        Just("OAI-AdsBot/1.0".to_string()),
        Just("Mozilla/5.0 (compatible; OAI-AdsBot/1.0)".to_string()),
        "[A-Za-z_-]{1,12}",
        "\\PC{0,12}",
    ]
}

/// One robots.txt line: name, separator, value, maybe a comment, and one of the three line
/// endings (or none, for the last line).
fn robots_line() -> impl Strategy<Value = String> {
    let value = prop_oneof![
        prop::collection::vec(value_piece(), 0..8).prop_map(|p| p.concat()),
        agent_value(),
    ];
    (
        directive_name(),
        prop_oneof![
            Just(":"),
            Just(": "),
            Just(" : "),
            Just(" "),
            Just("\t"),
            Just(""),
            Just("::")
        ],
        value,
        prop_oneof![
            3 => Just(String::new()),
            1 => "#\\PC{0,10}",
        ],
        prop_oneof![Just("\n"), Just("\r\n"), Just("\r"), Just("")],
    )
        .prop_map(|(name, sep, value, comment, end)| format!("{name}{sep}{value}{comment}{end}"))
}

/// A robots.txt-shaped file, sometimes behind a whole or partial byte-order mark.
fn robots_file() -> impl Strategy<Value = Vec<u8>> {
    (
        prop_oneof![
            Just(&b""[..]),
            Just(&b"\xEF\xBB\xBF"[..]),
            Just(&b"\xEF\xBB"[..])
        ],
        prop::collection::vec(robots_line(), 0..40),
    )
        .prop_map(|(bom, lines)| {
            let mut out = bom.to_vec();
            out.extend(lines.concat().into_bytes());
            out
        })
}

/// URL-like strings: odd schemes and hosts, broken and non-ASCII escapes, queries, fragments.
fn url_like() -> impl Strategy<Value = String> {
    (
        prop_oneof![
            Just("https://"),
            Just("http://"),
            Just("HTTPS://"),
            Just("ftp://"),
            Just("//"),
            Just(""),
            Just("https:")
        ],
        prop_oneof![
            Just("shop.example".to_string()),
            Just("xn--caf-dma.example".to_string()),
            Just("[::1]:8080".to_string()),
            Just("user:pw@host.example".to_string()),
            Just("exa mple.com".to_string()),
            "\\PC{0,8}",
        ],
        prop::collection::vec(value_piece(), 0..10),
        prop_oneof![
            Just(String::new()),
            "\\?[a-z_=&%0-9]{0,20}",
            "\\?\\PC{0,10}"
        ],
        prop_oneof![Just(String::new()), "#\\PC{0,6}"],
    )
        .prop_map(|(scheme, host, path, query, fragment)| {
            format!("{scheme}{host}/{}{query}{fragment}", path.concat())
        })
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

/// What must hold for any file and path: the decision agrees with its rule, and every line
/// number points into the file.
fn check_decision(bytes: Vec<u8>, agent: String, path: String) -> Result<(), TestCaseError> {
    let lines = line_count(&bytes);
    let robots = finishes(move || RobotsTxt::parse(&bytes));
    prop_assert!(robots.stats().last_directive_line <= lines);
    for line in robots.unmatchable_agent_lines() {
        prop_assert!(line.line >= 1 && line.line <= lines);
    }
    let decision = finishes(move || robots.check(&agent, &path));
    match &decision.matched_rule {
        Some(rule) => {
            prop_assert_eq!(decision.allowed, rule.kind == RuleKind::Allow);
            prop_assert!(rule.line >= 1 && rule.line <= lines);
            prop_assert!(rule.pattern.is_ascii());
        }
        None => prop_assert!(decision.allowed),
    }
    Ok(())
}

proptest! {
    #![proptest_config(preflight_testkit::config(REGRESSIONS))]

    #[test]
    fn arbitrary_bytes_parse_and_check(
        body in bytes(),
        path in "\\PC{0,40}",
    ) {
        check_decision(body, "OAI-AdsBot".into(), path)?;
    }

    #[test]
    fn robots_shaped_files_parse_and_check(
        body in robots_file(),
        agent in prop_oneof![Just("OAI-AdsBot".to_string()), "[A-Za-z_-]{1,10}"],
        path in prop::collection::vec(value_piece(), 0..10).prop_map(|p| format!("/{}", p.concat())),
    ) {
        check_decision(body, agent, path)?;
    }

    #[test]
    fn normalised_paths_are_ascii_and_stable(raw in bytes()) {
        let once = finishes(move || normalise_path(&raw));
        prop_assert!(once.is_ascii());
        prop_assert_eq!(normalise_path(once.as_bytes()), once);
    }

    #[test]
    fn patterns_match_like_their_definition(
        pattern in prop::collection::vec(value_piece(), 0..12).prop_map(|p| p.concat()),
        path in prop::collection::vec(value_piece(), 0..24).prop_map(|p| p.concat()),
    ) {
        let pattern = normalise_path(pattern.as_bytes());
        let path = normalise_path(path.as_bytes());
        let (p, q) = (pattern.clone(), path.clone());
        let matched = finishes(move || pattern_matches(&p, &q));
        if !pattern.contains('*') && !pattern.ends_with('$') {
            prop_assert_eq!(matched, path.starts_with(&pattern));
        }
        // A trailing star never changes a prefix match.
        let starred = format!("{pattern}*");
        if !pattern.ends_with('$') {
            prop_assert_eq!(pattern_matches(&starred, &path), matched);
        }
    }

    #[test]
    fn lenient_path_extraction_always_gives_a_path(url in prop_oneof![url_like(), "\\PC{0,60}"]) {
        let path = finishes(move || path_params_query(&url));
        prop_assert!(path.starts_with('/'), "{:?}", path);
    }

    #[test]
    fn evaluation_of_any_url_gives_a_verdict_or_an_error(
        body in prop_oneof![robots_file(), bytes()],
        url in prop_oneof![url_like(), "\\PC{0,60}"],
        status in any::<u16>(),
        failure in 0u8..4,
    ) {
        finishes(move || {
            let outcome = match failure {
                0 => FetchOutcome::Failed { failure: FetchFailure::Timeout },
                1 => FetchOutcome::Failed { failure: FetchFailure::Unreachable },
                2 => FetchOutcome::Failed { failure: FetchFailure::TooManyRedirects },
                _ => FetchOutcome::Status { status },
            };
            for verdict in [
                evaluate(&body, "OAI-AdsBot", &url),
                evaluate_fetched(outcome, &body, "OAI-AdsBot", &url),
            ] {
                let Ok(verdict) = verdict else { continue };
                assert!(verdict.matched_path.starts_with('/'), "{:?}", verdict.matched_path);
                assert!(!render_text(&verdict).is_empty());
                assert!(!robots_findings(&verdict).is_empty());
            }
        });
    }
}

/// A pattern made of thousands of stars against a long path: the matcher stays linear.
#[test]
fn star_heavy_pattern_finishes() {
    let robots = format!("User-agent: *\nDisallow: /{}\n", "*a".repeat(30_000));
    let url = format!("https://x.example/{}", "a".repeat(20_000));
    let verdict = finishes(move || evaluate(robots.as_bytes(), "OAI-AdsBot", &url));
    assert!(verdict.unwrap().allowed);
}
