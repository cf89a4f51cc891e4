//! `preflight robots test` and `preflight robots lint`, run as the real binary.

use std::process::{Command, Output};

fn preflight(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_preflight"))
        .args(args)
        .output()
        .expect("run preflight")
}

fn file(content: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("robots.txt");
    std::fs::write(&path, content).unwrap();
    let path = path.display().to_string();
    (dir, path)
}

const FILE: &str = "User-agent: *\nDisallow: /*?utm\nAllow: /sale\nCrawl-delay: 5\n";

#[test]
fn test_gives_each_url_its_deciding_line_and_group() {
    let (_dir, path) = file(FILE);
    let out = preflight(&[
        "robots",
        "test",
        &path,
        "https://shop.example/p?utm_source=chatgpt",
        "https://shop.example/sale",
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "a blocked URL: {text}");
    assert!(
        text.contains("BLOCKED  https://shop.example/p?utm_source=chatgpt"),
        "{text}"
    );
    assert!(
        text.contains("Line 2 (“Disallow: /*?utm”) blocks it."),
        "{text}"
    );
    assert!(
        text.contains("ALLOWED  https://shop.example/sale"),
        "{text}"
    );
    assert!(
        text.contains("Line 3 (“Allow: /sale”) allows it."),
        "{text}"
    );
    assert!(
        text.contains("Group: “User-agent: *” (line 1), because no group names OAI-AdsBot"),
        "{text}"
    );

    let out = preflight(&["robots", "test", &path, "https://shop.example/sale"]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn test_json_has_a_row_per_url_and_a_bad_url_exits_2() {
    let (_dir, path) = file(FILE);
    let out = preflight(&[
        "robots",
        "test",
        &path,
        "landing page",
        "https://shop.example/sale",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = json["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert!(rows[0]["error"]
        .as_str()
        .unwrap()
        .contains("is not a valid web address"));
    assert_eq!(rows[1]["deciding_line"], 3);
    assert_eq!(rows[1]["verdict"]["allowed"], true);
}

#[test]
fn lint_lists_problems_by_line() {
    let (_dir, path) = file("Disallow: /early\nUser-agent: *\nDissalow: /x\nCrawl-delay: 5\n");
    let out = preflight(&["robots", "lint", &path]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("line 1"), "{text}");
    assert!(text.contains("belongs to no group"), "{text}");
    assert!(text.contains("misspelling of “Disallow”"), "{text}");
    assert!(text.contains("OAI-AdsBot may ignore it"), "{text}");

    let out = preflight(&["robots", "lint", &path, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let lines: Vec<u64> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, vec![1, 3, 4]);

    let (_clean, clean) = file("User-agent: *\nDisallow: /admin\n");
    let out = preflight(&["robots", "lint", &clean]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("No problems found"));
}

#[test]
fn the_single_url_form_still_works() {
    let (_dir, path) = file(FILE);
    let out = preflight(&[
        "robots",
        "--file",
        &path,
        "--url",
        "https://shop.example/p?utm_source=chatgpt",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Verdict:   BLOCKED"));
    // Neither form: a usage error.
    assert_eq!(preflight(&["robots"]).status.code(), Some(2));
}
