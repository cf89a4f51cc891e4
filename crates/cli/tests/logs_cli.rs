//! `preflight logs import` and `logs list` on real files and a real database: the real crawler
//! refused (exit 1), a fake one kept apart, the import kept with the client.

use std::process::{Command, Output};

const ADSBOT_UA: &str = "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko); compatible; OAI-AdsBot/1.0; +https://openai.com/adsbot";

/// Shaped like OpenAI's published list; documentation addresses.
const RANGES_JSON: &str = r#"{"creationTime": "2026-11-30T08:00:00.000000",
  "prefixes": [{"ipv4Prefix": "192.0.2.0/25"}]}"#;

fn line(ip: &str, time: &str, path: &str, status: u16) -> String {
    format!("{ip} - - [{time}] \"GET {path} HTTP/1.1\" {status} 512 \"-\" \"{ADSBOT_UA}\"\n")
}

fn preflight(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_preflight"))
        .args(args)
        .env_remove("PREFLIGHT_DB")
        .output()
        .expect("run preflight")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn an_import_shows_the_real_crawler_refused_and_is_kept_with_the_client() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("access.log");
    let ranges = dir.path().join("adsbot.json");
    let db = dir.path().join("preflight.db");
    std::fs::write(&ranges, RANGES_JSON).unwrap();
    let lines = [
        line(
            "192.0.2.10",
            "04/Dec/2026:10:00:00 +0000",
            "/pricing?utm_source=chatgpt",
            403,
        ),
        line("192.0.2.11", "04/Dec/2026:10:05:00 +0000", "/pricing", 403),
        line("192.0.2.12", "04/Dec/2026:10:06:00 +0000", "/", 200),
        // Same user agent, not OpenAI's address: kept apart.
        line("203.0.113.50", "04/Dec/2026:10:07:00 +0000", "/admin", 403),
    ];
    std::fs::write(&log, lines.concat()).unwrap();
    let (log_s, ranges_s, db_s) = (
        log.to_str().unwrap(),
        ranges.to_str().unwrap(),
        db.to_str().unwrap(),
    );

    let out = preflight(&[
        "logs", "import", log_s, "--client", "Acme", "--ranges", ranges_s, "--db", db_s,
        "--format", "json",
    ]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "refused real crawler: {}",
        text(&out.stderr)
    );
    let result: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(result["report"]["adsbot"]["requests"], 3, "{result}");
    assert_eq!(result["report"]["impostors"]["requests"], 1, "{result}");
    assert!(result["saved"]["id"].as_i64().is_some());

    let out = preflight(&["logs", "list", "--client", "Acme", "--db", db_s]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("access.log"),
        "{}",
        text(&out.stdout)
    );

    // Shown only, not kept.
    let out = preflight(&[
        "logs",
        "import",
        log_s,
        "--no-save",
        "--ranges",
        ranges_s,
        "--db",
        db_s,
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("403"), "{}", text(&out.stdout));
    let out = preflight(&[
        "logs", "list", "--client", "Acme", "--db", db_s, "--format", "json",
    ]);
    let kept: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(kept.as_array().map(Vec::len), Some(1));
}

#[test]
fn an_unreadable_file_or_address_list_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("preflight.db");
    let bad = dir.path().join("adsbot.json");
    std::fs::write(&bad, "not json").unwrap();
    let log = dir.path().join("access.log");
    std::fs::write(
        &log,
        line("192.0.2.10", "04/Dec/2026:10:00:00 +0000", "/", 200),
    )
    .unwrap();

    let out = preflight(&[
        "logs",
        "import",
        log.to_str().unwrap(),
        "--client",
        "Acme",
        "--ranges",
        bad.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).starts_with("error: "),
        "{}",
        text(&out.stderr)
    );

    let missing = dir.path().join("nope.log");
    let ranges = dir.path().join("ok.json");
    std::fs::write(&ranges, RANGES_JSON).unwrap();
    let out = preflight(&[
        "logs",
        "import",
        missing.to_str().unwrap(),
        "--no-save",
        "--ranges",
        ranges.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("nope.log"),
        "{}",
        text(&out.stderr)
    );

    let out = preflight(&[
        "logs",
        "list",
        "--client",
        "Nobody",
        "--db",
        db.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("no client named"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn match_sets_each_audited_page_beside_the_log_and_flags_the_disagreement() {
    let site = preflight_fixtures::FixtureSite::start();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("preflight.db");
    let db_s = db.to_str().unwrap();
    let (ok, other) = (site.url("/ok"), site.url("/status/200"));
    let out = preflight(&[
        "check", &ok, &other, "--save", "--client", "Acme", "--db", db_s,
    ]);
    // Ready or not (the fixture pages have no pixel), the audit is saved.
    assert!(
        text(&out.stderr).contains("saved as audit"),
        "{}",
        text(&out.stderr)
    );

    // The real crawler was refused on /ok, which the audit reached; /status/200 is not logged.
    let ranges = dir.path().join("adsbot.json");
    std::fs::write(&ranges, RANGES_JSON).unwrap();
    let log = dir.path().join("access.log");
    std::fs::write(
        &log,
        line("192.0.2.10", "04/Dec/2026:10:00:00 +0000", "/ok", 403),
    )
    .unwrap();
    let out = preflight(&[
        "logs",
        "import",
        log.to_str().unwrap(),
        "--client",
        "Acme",
        "--ranges",
        ranges.to_str().unwrap(),
        "--db",
        db_s,
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));

    let out = preflight(&[
        "logs", "match", "--client", "Acme", "--db", db_s, "--format", "json",
    ]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a disagreement: {}",
        text(&out.stderr)
    );
    let matched: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let pages = matched["pages"].as_array().unwrap();
    let refused = pages.iter().find(|p| p["url"] == ok.as_str()).unwrap();
    assert_eq!(refused["evidence"]["last_status"], 403);
    assert_eq!(refused["finding"]["id"], "log-refused-audit-reached");
    let unlogged = pages.iter().find(|p| p["url"] == other.as_str()).unwrap();
    assert!(unlogged["evidence"].is_null() && unlogged["finding"].is_null());

    let out = preflight(&["logs", "match", "--client", "Acme", "--db", db_s]);
    let shown = text(&out.stdout);
    assert!(
        shown.contains("latest HTTP 403") && shown.contains("never requested"),
        "{shown}"
    );
}
