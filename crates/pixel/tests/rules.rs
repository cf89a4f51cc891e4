//! Each lint rule has fixtures in `tests/fixtures/rules/`, named `<finding-id>.present[.case].ext`
//! (the finding must be raised) or `<finding-id>.absent[.case].ext` (it must not be).
//! `.js` fixtures run inside a page that already has OpenAI's snippet and `init`; `.html`
//! fixtures are whole pages, with response headers in a sibling `.headers` file when needed.

use std::fs;
use std::path::{Path, PathBuf};

use preflight_pixel::{scan, PixelReport};

const PAGE_URL: &str = "https://shop.example/products/runner";

const SNIPPET: &str = r#"<script>(function(w,d,s,u){if(w.oaiq)return;var q=w.oaiq=function(){q.q.push(arguments)};q.q=[];var t=d.createElement(s);t.async=true;t.src=u;d.head.appendChild(t)})(window,document,"script","https://bzrcdn.openai.com/sdk/oaiq.min.js");
oaiq("init", { pixelId: "Q3EEHmNNmitscStzPbzSGs" });</script>"#;

fn rules_dir() -> PathBuf {
    Path::new(&manifest_dir()).join("tests/fixtures/rules")
}

fn headers_for(path: &Path) -> Vec<(String, String)> {
    let headers = path.with_extension("headers");
    let Ok(text) = fs::read_to_string(headers) else {
        return Vec::new();
    };
    text.lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect()
}

fn run_fixture(path: &Path) -> PixelReport {
    let text = fs::read_to_string(path).unwrap();
    if path.extension().unwrap() == "js" {
        let html = format!(
            "<!doctype html><html><head>{SNIPPET}</head><body><script>\n{text}</script></body></html>"
        );
        scan(PAGE_URL, &html, &[], &[])
    } else {
        scan(PAGE_URL, &text, &headers_for(path), &[])
    }
}

#[test]
fn every_rule_fixture_raises_or_avoids_its_finding() {
    let mut checked = 0;
    let mut failures = Vec::new();
    let mut entries: Vec<PathBuf> = fs::read_dir(rules_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("js" | "html")))
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let mut parts = name.split('.');
        let id = parts.next().unwrap();
        let expect_present = match parts.next() {
            Some("present") => true,
            Some("absent") => false,
            other => panic!("{name}: expected .present or .absent, got {other:?}"),
        };
        assert!(
            preflight_pixel::ids::ALL.contains(&id),
            "{name}: {id} is not a known finding id"
        );
        let report = run_fixture(&path);
        let found = report.findings.iter().any(|f| f.id == id);
        if found != expect_present {
            let ids: Vec<&str> = report.findings.iter().map(|f| f.id.as_str()).collect();
            failures.push(format!(
                "{name}: expected {id} {}; got {ids:?}",
                if expect_present { "present" } else { "absent" }
            ));
        }
        if expect_present {
            // Every finding names where it came from and what to do.
            for f in report.findings.iter().filter(|f| f.id == id) {
                assert!(
                    !f.title.is_empty() && !f.detail.is_empty(),
                    "{name}: {id} lacks text"
                );
                if f.status != preflight_model::Status::Pass {
                    assert!(!f.remedy.is_empty(), "{name}: {id} has no remedy");
                    assert!(!f.evidence.is_empty(), "{name}: {id} has no evidence");
                }
            }
        }
        checked += 1;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked > 100, "only {checked} fixtures found");
}

/// Each per-call rule is covered by at least one present and one absent fixture.
#[test]
fn rule_fixtures_cover_both_cases() {
    let names: Vec<String> = fs::read_dir(rules_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let ids: std::collections::BTreeSet<&str> =
        names.iter().map(|n| n.split('.').next().unwrap()).collect();
    for id in ids {
        for case in ["present", "absent"] {
            assert!(
                names.iter().any(|n| n.starts_with(&format!("{id}.{case}"))),
                "{id} has no .{case} fixture"
            );
        }
    }
}

#[test]
fn evidence_points_at_the_call_in_the_page() {
    let path = rules_dir().join("pixel-amount-not-integer.present.float.js");
    let report = run_fixture(&path);
    let f = report
        .findings
        .iter()
        .find(|f| f.id == "pixel-amount-not-integer")
        .unwrap();
    let ev = &f.evidence[0];
    assert!(
        ev.value.starts_with("oaiq(\"measure\", \"order_created\""),
        "{}",
        ev.value
    );
    // The fixture's call is on the line after `<script>`, at column 1 of inline script 2.
    assert_eq!(ev.location.as_deref(), Some("inline script 2:3:1"));
    assert!(f.remedy.contains("2599"), "{}", f.remedy);
}

#[test]
fn no_finding_any_rule_fixture_raises_quotes_code_in_backticks() {
    // Titles, details and remedies are read by marketers in the app, the PDF and the CSV, where
    // a backtick is a stray mark: code is quoted with “…”.
    let mut seen = 0;
    for entry in fs::read_dir(rules_dir()).unwrap() {
        let path = entry.unwrap().path();
        if !matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("js" | "html")
        ) {
            continue;
        }
        for f in run_fixture(&path).findings {
            seen += 1;
            for text in [&f.title, &f.detail, &f.remedy] {
                assert!(!text.contains('`'), "{} ({}): {text}", f.id, path.display());
            }
        }
    }
    assert!(seen > 100, "only {seen} findings");
}

/// The crate's folder, read when the test runs: a test binary reused from another checkout of
/// the same sources must still read this checkout's files.
fn manifest_dir() -> String {
    std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_string())
}
