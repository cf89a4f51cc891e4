//! The findings CSV, parsed back with the csv crate.

mod support;

use preflight_model::{Area, Finding, Status};
use preflight_report::{findings_csv, CSV_COLUMNS, FUNNEL_AREA};
use support::*;

fn parse(bytes: &[u8]) -> (Vec<String>, Vec<csv::StringRecord>) {
    let mut reader = csv::Reader::from_reader(bytes);
    let headers = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader.records().map(|r| r.unwrap()).collect();
    (headers, rows)
}

fn column(name: &str) -> usize {
    CSV_COLUMNS.iter().position(|c| *c == name).unwrap()
}

#[test]
fn one_row_per_finding_with_every_column() {
    let report = sample_report();
    let (headers, rows) = parse(&findings_csv(&report).unwrap());
    assert_eq!(headers, CSV_COLUMNS);
    let findings: usize = report.pages.iter().map(|p| p.findings.len()).sum();
    assert_eq!(rows.len(), findings);

    let first = &rows[0];
    assert_eq!(&first[column("started_at")], "2026-05-04T09:30:00+02:00");
    assert_eq!(&first[column("page_url")], report.pages[0].url);
    assert_eq!(&first[column("verdict")], "reachable");
    assert_eq!(&first[column("finding_id")], "bot-reachable");
    assert_eq!(&first[column("area")], "reachability");
    assert_eq!(&first[column("status")], "pass");
    assert_eq!(&first[column("severity")], "none");

    // The 600-character URL survives whole.
    assert!(rows.iter().any(|r| r[column("page_url")] == long_url()));
    let verdicts: std::collections::BTreeSet<&str> = rows
        .iter()
        .map(|r| r.get(column("verdict")).unwrap())
        .collect();
    assert!(verdicts.contains("robots_blocked") && verdicts.contains("redirected_away"));
}

#[test]
fn evidence_is_joined_and_kept_whole() {
    let report = sample_report();
    let (_, rows) = parse(&findings_csv(&report).unwrap());
    let blocked = rows
        .iter()
        .find(|r| &r[column("finding_id")] == "bot-blocked")
        .unwrap();
    let expected_location = &report.pages[1].url;
    assert_eq!(
        &blocked[column("evidence")],
        format!(
            "Verdict: robots.txt disallows OAI-AdsBot for this path. | Response header: cf-ray: 8c1f2a3b4c5d6e7f-FRA ({expected_location})"
        )
    );

    let pixel = &rows
        .iter()
        .find(|r| &r[column("finding_id")] == "pixel-missing")
        .unwrap()[column("evidence")];
    // The long body dump is kept as the report holds it (the model caps it at 2,000 chars).
    let stored = &report.pages[0].findings[1].evidence[0].value;
    assert!(pixel.starts_with(&format!("Page body (start): {stored}")));
    // The hostile title is data: it round-trips unchanged, control characters included.
    assert!(pixel.ends_with(&format!(" | Page title: {HOSTILE_TITLE}")));
}

#[test]
fn formula_injection_is_neutralised() {
    let (_, rows) = parse(&findings_csv(&sample_report()).unwrap());
    let row = rows
        .iter()
        .find(|r| &r[column("finding_id")] == "csv-injection")
        .unwrap();
    assert_eq!(
        &row[column("title")],
        "'=HYPERLINK(\"http://evil.example\",\"click\")"
    );
    assert_eq!(
        &row[column("detail")],
        "'-2+3 and @SUM(A1) must not run as formulas."
    );
    assert_eq!(&row[column("evidence")], "Header: +cmd|' /C calc'!A0");

    for row in &rows {
        for cell in row {
            let first = cell.chars().next();
            assert!(
                !matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r')),
                "unguarded cell {cell:?}"
            );
        }
    }
}

#[test]
fn pages_without_findings_keep_a_row() {
    let mut report = sample_report();
    report.pages[0].findings.clear();
    let (_, rows) = parse(&findings_csv(&report).unwrap());
    let page_rows: Vec<_> = rows
        .iter()
        .filter(|r| r[column("page_url")] == report.pages[0].url)
        .collect();
    assert_eq!(page_rows.len(), 1);
    assert_eq!(&page_rows[0][column("verdict")], "reachable");
    assert_eq!(&page_rows[0][column("finding_id")], "");

    // A page OAI-AdsBot cannot use always has its blocking problem, as in the counts.
    report.pages[3].findings.clear();
    let (_, rows) = parse(&findings_csv(&report).unwrap());
    let challenged: Vec<_> = rows
        .iter()
        .filter(|r| r[column("page_url")] == report.pages[3].url)
        .collect();
    assert_eq!(challenged.len(), 1);
    assert_eq!(&challenged[0][column("finding_id")], "bot-cannot-use-page");
    assert_eq!(&challenged[0][column("status")], "fail");
}

fn count_status(rows: &[csv::StringRecord], status: &str) -> u32 {
    rows.iter()
        .filter(|r| &r[column("status")] == status)
        .count() as u32
}

#[test]
fn fail_and_warn_rows_are_the_readiness_counts_funnel_included() {
    let mut report = sample_report();
    // As an older version saved it: a challenge and the error status it answered with are two
    // findings; the export reads them as one root cause.
    let challenged = &mut report.pages[3];
    let status = Finding::new(
        "bot-error-status",
        Area::Reachability,
        Status::Fail,
        "HTTP 403",
    );
    challenged.findings.insert(0, status);
    preflight_readiness::funnel::apply(&mut report, Some("ecommerce"));
    let readiness = preflight_readiness::assess(&report);
    let (_, rows) = parse(&findings_csv(&report).unwrap());
    assert_eq!(
        count_status(&rows, "fail"),
        readiness.counts.failing_findings
    );
    assert_eq!(count_status(&rows, "warn"), readiness.counts.warnings);
    assert!(!rows
        .iter()
        .any(|r| &r[column("finding_id")] == "bot-error-status"
            && r[column("page_url")] == report.pages[3].url));

    // The funnel's findings about the whole audit: no page, no verdict, area "funnel".
    let funnel_rows: Vec<_> = rows
        .iter()
        .filter(|r| &r[column("area")] == FUNNEL_AREA)
        .collect();
    let funnel = report.funnel.as_ref().unwrap();
    assert_eq!(funnel_rows.len(), funnel.findings.len());
    assert!(!funnel_rows.is_empty());
    for row in funnel_rows {
        assert_eq!(
            (&row[column("page_url")], &row[column("verdict")]),
            ("", "")
        );
        assert!(
            row[column("finding_id")].starts_with("pixel-funnel-"),
            "{row:?}"
        );
    }
}
