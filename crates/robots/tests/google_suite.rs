//! Runs the expectations of Google's reference robots.txt test suite (transcribed as data in
//! tests/data, see NOTICE.md there) against this crate. Every case RFC 9309 requires must pass;
//! of the Google-only cases, the ones we deliberately answer differently are listed below (and
//! in docs/findings-robots.md) so the list cannot grow unnoticed.

use base64::Engine;
use preflight_robots::{is_valid_product_token, normalise_path, path_params_query, RobotsTxt};
use serde_json::Value;
use std::path::PathBuf;

/// Google-only expectations we do not follow, each with the reason (RFC 9309 section).
const DELIBERATE_DIFFERENCES: &[(&str, &str)] = &[
    (
        "ID_UserAgentValueCaseInsensitive/04",
        "`User-Agent: FOO BAR` is not a product token, so it matches nothing (§2.2.1)",
    ),
    (
        "ID_UserAgentValueCaseInsensitive/05",
        "`User-Agent: foo bar` is not a product token, so it matches nothing (§2.2.1)",
    ),
    (
        "ID_UserAgentValueCaseInsensitive/06",
        "`User-Agent: FoO bAr` is not a product token, so it matches nothing (§2.2.1)",
    ),
    (
        "ID_UserAgentValueCaseInsensitive/10",
        "`User-Agent: FOO BAR` is not a product token, so it matches nothing (§2.2.1)",
    ),
    (
        "ID_UserAgentValueCaseInsensitive/11",
        "`User-Agent: foo bar` is not a product token, so it matches nothing (§2.2.1)",
    ),
    (
        "ID_UserAgentValueCaseInsensitive/12",
        "`User-Agent: FoO bAr` is not a product token, so it matches nothing (§2.2.1)",
    ),
    (
        "GoogleOnly_AcceptUserAgentUpToFirstSpace/01",
        "`User-Agent: Foo Bar` matches nothing, so Foo falls back to `*` (§2.2.1)",
    ),
    (
        "ID_Encoding/03",
        "a raw `ツ` in the URL equals its percent-encoded form (§2.2.2)",
    ),
    (
        "ID_Encoding/05",
        "a raw `ツ` in the URL equals `%E3%83%84` in the rule (§2.2.2)",
    ),
    (
        "ID_Encoding/06",
        "`%62%61%7A` in a rule equals `baz` in the URL (§2.2.2 table)",
    ),
    (
        "GoogleOnly_IndexHTMLisDirectory/01",
        "`Allow: /dir/index.html` does not also allow `/dir/` (no such rule in RFC 9309)",
    ),
    (
        "GoogleOnly_LineTooLong/02",
        "lines are not cut at 16,664 bytes; the whole pattern is matched",
    ),
    (
        "GoogleOnly_LineTooLong/05",
        "lines are not cut at 16,664 bytes; the whole pattern is matched",
    ),
];

/// How many Google-only cases the data holds; a change means the data moved and the list above
/// needs review.
const GOOGLE_SPECIFIC_CASES: usize = 16;

fn load_cases() -> Value {
    let path = PathBuf::from(manifest_dir()).join("tests/data/robotstxt-google-cases.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "Google's robots.txt test cases could not be read from {}: {e}",
            path.display()
        )
    });
    serde_json::from_str(&text).expect("robotstxt-google-cases.json is valid JSON")
}

fn list<'a>(data: &'a Value, key: &str) -> &'a Vec<Value> {
    data[key]
        .as_array()
        .unwrap_or_else(|| panic!("`{key}` is a list"))
}

fn str_field<'a>(case: &'a Value, key: &str) -> &'a str {
    case[key]
        .as_str()
        .unwrap_or_else(|| panic!("case {} lacks string `{key}`", case["id"]))
}

/// Our answer for one allow/disallow case.
fn our_answer(case: &Value) -> bool {
    let robots = RobotsTxt::parse(str_field(case, "robots_txt").as_bytes());
    robots
        .check(
            str_field(case, "user_agent"),
            &path_params_query(str_field(case, "url")),
        )
        .allowed
}

#[test]
fn every_rfc_case_passes() {
    let data = load_cases();
    let cases: Vec<&Value> = list(&data, "cases")
        .iter()
        .filter(|c| c["google_specific"] == false)
        .collect();
    assert!(
        cases.len() >= 120,
        "expected the full suite, found {} cases",
        cases.len()
    );
    let failures: Vec<String> = cases
        .iter()
        .filter(|c| our_answer(c) != c["allowed"].as_bool().unwrap())
        .map(|c| format!("{} (expected allowed={})", c["id"], c["allowed"]))
        .collect();
    assert!(failures.is_empty(), "failing cases: {failures:#?}");
}

#[test]
fn google_only_cases_pass_except_the_documented_differences() {
    let data = load_cases();
    let cases: Vec<&Value> = list(&data, "cases")
        .iter()
        .filter(|c| c["google_specific"] == true)
        .collect();
    assert_eq!(
        cases.len(),
        GOOGLE_SPECIFIC_CASES,
        "the Google-only cases changed; review DELIBERATE_DIFFERENCES"
    );
    let mut differing = Vec::new();
    for case in &cases {
        let id = str_field(case, "id");
        let expected = case["allowed"].as_bool().unwrap();
        if our_answer(case) != expected {
            differing.push(id);
        }
    }
    let listed: Vec<&str> = DELIBERATE_DIFFERENCES.iter().map(|(id, _)| *id).collect();
    assert_eq!(
        differing, listed,
        "differences from Google must be exactly the documented ones"
    );
    assert_eq!(DELIBERATE_DIFFERENCES.len(), 13);
}

#[test]
fn documentation_lists_every_difference() {
    let doc_path = PathBuf::from(manifest_dir()).join("../../docs/findings-robots.md");
    let doc = std::fs::read_to_string(&doc_path).expect("docs/findings-robots.md exists");
    for (id, _) in DELIBERATE_DIFFERENCES {
        assert!(
            doc.contains(id),
            "docs/findings-robots.md does not mention {id}"
        );
    }
}

#[test]
fn auxiliary_expectations_hold() {
    let data = load_cases();
    let aux = list(&data, "aux_cases");
    assert!(aux.len() >= 50);
    for case in aux {
        let id = str_field(case, "id");
        match str_field(case, "kind") {
            "valid_user_agent_token" => {
                let ours = case["value"].as_str().is_some_and(is_valid_product_token);
                assert_eq!(Value::Bool(ours), case["expected"], "{id}");
            }
            "parse_stats" => {
                let bytes = match case["robots_txt"].as_str() {
                    Some(text) => text.as_bytes().to_vec(),
                    None => base64::engine::general_purpose::STANDARD
                        .decode(str_field(case, "robots_txt_base64"))
                        .expect("valid base64"),
                };
                let stats = RobotsTxt::parse(&bytes).stats();
                let ours = match str_field(case, "stat") {
                    "valid_directives" => stats.valid_directives as u64,
                    "unknown_directives" => stats.unknown_directives as u64,
                    "last_line_seen" => u64::from(stats.last_directive_line),
                    other => panic!("{id}: unknown stat {other}"),
                };
                assert_eq!(Some(ours), case["expected"].as_u64(), "{id}");
            }
            "sitemap" => {
                let robots = RobotsTxt::parse(str_field(case, "robots_txt").as_bytes());
                assert_eq!(robots.sitemaps(), [str_field(case, "expected")], "{id}");
            }
            "path_params_query" => {
                assert_eq!(
                    path_params_query(str_field(case, "url")),
                    str_field(case, "expected"),
                    "{id}"
                );
            }
            "escape_pattern" => {
                assert_eq!(
                    normalise_path(str_field(case, "value").as_bytes()),
                    str_field(case, "expected"),
                    "{id}"
                );
            }
            other => panic!("{id}: unknown kind {other}; extend this test"),
        }
    }
}

/// The crate's folder, read when the test runs: a test binary reused from another checkout of
/// the same sources must still read this checkout's files.
fn manifest_dir() -> String {
    std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_string())
}
