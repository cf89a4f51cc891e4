//! The comparison of two audits exported: CSV read back with the `csv` crate, PDF read back with
//! poppler.

mod common;

use common::client::{client_audit, earlier_audit, very_long_url, CLIENT};
use common::overlap::{assert_no_overlaps, words_of};
use preflight_report::{
    compare, compare_csv, compare_pdf, ComparePdfOptions, COMPARE_CHANGES, COMPARE_CSV_COLUMNS,
};
use std::collections::HashMap;

fn rows(bytes: &[u8]) -> Vec<HashMap<String, String>> {
    let mut reader = csv::Reader::from_reader(bytes);
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, COMPARE_CSV_COLUMNS);
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            header
                .iter()
                .cloned()
                .zip(r.iter().map(String::from))
                .collect()
        })
        .collect()
}

#[test]
fn the_csv_lists_every_change_with_both_audits_dates() {
    let (older, newer) = (earlier_audit(), client_audit());
    let comparison = compare(&older, &newer);
    let rows = rows(&compare_csv(&comparison).unwrap());
    let count = |change: &str| rows.iter().filter(|r| r["change"] == change).count();
    for (change, expected) in COMPARE_CHANGES.iter().zip([
        comparison.verdict_changes.len(),
        comparison.new.len(),
        comparison.fixed.len(),
        comparison.changed.len(),
        comparison.unchanged.len(),
        comparison.pages_added.len(),
        comparison.pages_removed.len(),
    ]) {
        assert_eq!(count(change), expected, "{change}");
    }
    // The two challenged pages, the pixel newly missing on two, fixed on none.
    assert_eq!(count("verdict_changed"), 2);
    assert!(count("new") >= 2 && count("unchanged") > 13);
    assert!(rows
        .iter()
        .all(|r| r["older_started_at"] == older.started_at
            && r["newer_started_at"] == newer.started_at));
    let verdict = rows
        .iter()
        .find(|r| r["change"] == "verdict_changed")
        .unwrap();
    assert_eq!(
        (
            verdict["verdict_before"].as_str(),
            verdict["verdict_after"].as_str()
        ),
        ("reachable", "challenged")
    );
    let new = rows.iter().find(|r| r["change"] == "new").unwrap();
    assert_eq!(new["status_before"], "");
    assert_eq!(new["status_after"], "fail");
    assert_eq!(new["severity_after"], "high");
    // Long addresses are kept whole.
    assert!(rows.iter().any(|r| r["page_url"] == very_long_url()));
}

#[test]
fn pages_added_and_removed_and_formula_like_text_in_the_csv() {
    let older = earlier_audit();
    let mut newer = client_audit();
    newer.pages.remove(0);
    let mut added = newer.pages[0].clone();
    added.url = "=HYPERLINK(\"http://evil.example\")".into();
    newer.pages.push(added);
    let rows = rows(&compare_csv(&compare(&older, &newer)).unwrap());
    let added: Vec<_> = rows
        .iter()
        .filter(|r| r["change"] == "page_added")
        .collect();
    assert_eq!(added.len(), 1);
    assert_eq!(added[0]["page_url"], "'=HYPERLINK(\"http://evil.example\")");
    assert_eq!(added[0]["verdict_before"], "");
    assert_eq!(added[0]["verdict_after"], "reachable");
    let removed: Vec<_> = rows
        .iter()
        .filter(|r| r["change"] == "page_removed")
        .collect();
    assert_eq!(removed.len(), 1);
    assert_eq!(removed[0]["page_url"], "http://www.acme-outdoor.example/");
}

fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("compare.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) must be installed");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

fn squashed(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{200B}')
        .collect()
}

#[test]
fn the_pdf_names_both_audits_their_readiness_and_what_changed() {
    let (older, newer) = (earlier_audit(), client_audit());
    let options = ComparePdfOptions {
        client_name: Some(CLIENT.into()),
        agency_name: Some("Northwind Digital".into()),
        agency_logo: None,
    };
    let bytes = compare_pdf(&older, &newer, &options).unwrap();
    assert_no_overlaps(&bytes, "the comparison PDF");
    let text = pdf_text(&bytes);
    let flat = squashed(&text);
    let (before, after) = (
        preflight_readiness::assess(&older),
        preflight_readiness::assess(&newer),
    );
    for expected in [
        "6 April 2026",
        "4 May 2026",
        CLIENT,
        "Prepared by Northwind Digital",
        before.headline.as_str(),
        after.headline.as_str(),
        "Pages whose verdict changed",
        "OAI-AdsBot could reach the page on 6 April 2026 and gets a challenge instead of the page now.",
        "New problems",
        "Cloudflare shows OAI-AdsBot a challenge page instead of the landing page",
        "Fixed",
    ] {
        assert!(flat.contains(&squashed(expected)), "missing {expected:?} in:\n{text}");
    }
    // The key figures of both audits, from the readiness model, with the change.
    let figure = format!(
        "Pageswithblockingproblems{}{}+{}",
        before.counts.failing_pages,
        after.counts.failing_pages,
        after.counts.failing_pages - before.counts.failing_pages
    );
    assert!(flat.contains(&figure), "missing {figure} in:\n{text}");
    assert!(
        words_of(&bytes).len() <= 3,
        "a short comparison takes a few pages"
    );
}

#[test]
fn the_pdf_of_two_identical_audits_says_nothing_changed() {
    let audit = client_audit();
    let bytes = compare_pdf(&audit, &audit, &ComparePdfOptions::default()).unwrap();
    let text = squashed(&pdf_text(&bytes));
    assert!(
        text.contains("Nothingchanged:everypagehasthesameverdict"),
        "{text}"
    );
    assert!(!text.contains("Newproblems"), "{text}");
}

#[test]
fn a_stopped_audit_in_the_comparison_is_not_a_verdict() {
    let mut newer = client_audit();
    newer.status = preflight_document::report::RunStatus::Cancelled;
    newer.planned_pages = Some(20);
    let bytes = compare_pdf(&earlier_audit(), &newer, &ComparePdfOptions::default()).unwrap();
    let text = squashed(&pdf_text(&bytes));
    assert!(
        text.contains(&squashed(
            "The audit of 4 May 2026 did not finish: its figures hold for the pages it reached"
        )),
        "{text}"
    );
    assert!(text.contains(&squashed(&preflight_readiness::assess(&newer).headline)));
}
