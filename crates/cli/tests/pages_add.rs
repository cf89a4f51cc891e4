//! `preflight pages add`: a client's pages from an ads-manager export, the same preview as the
//! app (repeats collapsed, pages the client has reported), a column asked for when none is
//! clear, and nothing added with --dry-run or when the sitemap cannot be read.

use std::process::{Command, Output};

fn preflight(db: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_preflight"))
        .args(args)
        .args(["--db", db.to_str().unwrap()])
        .env_remove("PREFLIGHT_DB")
        .output()
        .expect("run preflight")
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}\nstdout: {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

#[test]
fn an_export_adds_each_page_once_and_a_second_run_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite3");
    let csv = dir.path().join("ads.csv");
    std::fs::write(
        &csv,
        "Campaign,Final URL\nSpring,https://shop.example.com/sale\nSpring,https://SHOP.example.com/sale\nSpring,https://shop.example.com/new\nSpring,ftp://x\n",
    )
    .unwrap();
    let csv = csv.to_str().unwrap();

    let dry = preflight(
        &db,
        &[
            "pages",
            "add",
            "--client",
            "Acme",
            "--csv",
            csv,
            "--dry-run",
        ],
    );
    assert!(
        dry.status.success(),
        "{}",
        String::from_utf8_lossy(&dry.stderr)
    );
    let text = String::from_utf8_lossy(&dry.stdout);
    assert!(text.contains(": 2 new, 0 already in Acme,"), "{text}");
    assert!(text.contains("Nothing added (--dry-run)."), "{text}");

    let out = preflight(
        &db,
        &[
            "pages", "add", "--client", "Acme", "--csv", csv, "--format", "json",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json(&out);
    assert_eq!(v["added"], 2);
    assert_eq!(
        v["preview"]["repeated"][0]["url"],
        "https://shop.example.com/sale"
    );
    assert_eq!(v["preview"]["skipped"][0]["place"], "Row 5");

    let again = preflight(&db, &["pages", "add", "--client", "Acme", "--csv", csv]);
    assert!(again.status.success());
    let text = String::from_utf8_lossy(&again.stdout);
    assert!(
        text.contains(": 0 new, 2 already in Acme, 1 listed more than once, 1 not a web address."),
        "{text}"
    );
    assert!(text.contains("Added 0 pages to Acme."), "{text}");
}

#[test]
fn an_export_without_a_clear_url_column_asks_for_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite3");
    let csv = dir.path().join("ads.csv");
    std::fs::write(
        &csv,
        "Campaign,Clicks,Where\nSpring,10,shop.example.com/a\nSpring,4,shop.example.com/b\n",
    )
    .unwrap();
    let csv = csv.to_str().unwrap();
    let out = preflight(&db, &["pages", "add", "--client", "Acme", "--csv", csv]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("choose one with --column"));
    let out = preflight(
        &db,
        &[
            "pages", "add", "--client", "Acme", "--csv", csv, "--column", "Where", "--format",
            "json",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(json(&out)["added"], 2);
}

#[test]
fn a_sitemap_that_cannot_be_reached_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite3");
    let url = format!("{}sitemap.xml", preflight_fixtures::closed_port_url());
    let out = preflight(
        &db,
        &["pages", "add", "--client", "Acme", "--sitemap", &url],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("nothing answered at 127.0.0.1:"), "{err}");
    assert!(err.contains("Nothing was added."), "{err}");
}
