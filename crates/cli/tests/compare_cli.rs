//! `preflight compare`: two saved audits compared, as CSV and PDF files.

mod agreement_support;

use agreement_support::{audits, pdf_text, preflight, squashed, Db};

#[test]
fn two_saved_audits_compare_as_csv_and_pdf() {
    let db = Db::new();
    let older = audits::older_version();
    let mut newer = older.clone();
    newer.started_at = "2026-04-06T09:00:00Z".into();
    newer.finished_at = Some("2026-04-06T09:01:00Z".into());
    newer.pages[0].findings.clear();
    let (a, b) = (db.save("Acme", &older), db.save("Acme", &newer));
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (a.to_string(), b.to_string());

    let csv = dir.path().join("changes.csv");
    let out = preflight(&[
        "compare",
        "--older",
        &a,
        "--newer",
        &b,
        "--format",
        "csv",
        "-o",
        csv.to_str().unwrap(),
        "--db",
        db.arg(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut reader = csv::Reader::from_path(&csv).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, preflight_report::COMPARE_CSV_COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(rows.iter().any(|r| &r[2] == "fixed"), "{rows:?}");
    assert!(rows
        .iter()
        .all(|r| &r[0] == "2026-03-02T09:00:00Z" && &r[1] == "2026-04-06T09:00:00Z"));

    let pdf = dir.path().join("changes.pdf");
    let out = preflight(&[
        "compare",
        "--older",
        &a,
        "--newer",
        &b,
        "-o",
        pdf.to_str().unwrap(),
        "--db",
        db.arg(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = squashed(&pdf_text(&std::fs::read(&pdf).unwrap(), "-raw"));
    for expected in ["2March2026", "6April2026", "Acme", "Fixed"] {
        assert!(text.contains(expected), "missing {expected} in {text}");
    }

    // An audit that does not exist is an error, and nothing is written.
    let missing = dir.path().join("missing.csv");
    let out = preflight(&[
        "compare",
        "--older",
        "999",
        "--newer",
        &b,
        "--format",
        "csv",
        "-o",
        missing.to_str().unwrap(),
        "--db",
        db.arg(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!missing.exists());
}
