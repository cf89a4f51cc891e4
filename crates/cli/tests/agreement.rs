//! One audit, one answer: for each kind of audit a client meets, the readiness state, the
//! headline and every count are the same wherever the audit is read — the readiness model on
//! the audit as run, the audit saved and read back from a reopened store, the Overview row,
//! the PDF, the findings CSV, the JSON export, and the `preflight` binary's text, JSON and
//! export files.
//!
//! The audits come from the real engine run against loopback sites (a Cloudflare managed
//! challenge, a robots.txt block, a placeholder pixel ID, a page that fails for everyone), plus
//! an audit as an older version saved it.

mod agreement_support;

use agreement_support::audits;
use agreement_support::*;
use preflight_document::report::AuditReport;
use preflight_fixtures::FixtureSite;
use preflight_readiness::{assess, ItemId, ItemStatus, Readiness, ReadinessState};

/// Reads the saved audit `id` everywhere and checks each reading against the readiness of the
/// audit as it was run (`original`). Returns that readiness.
fn assert_agreement(db: &Db, client: &str, id: i64, original: &AuditReport) -> Readiness {
    let expected = assess(original);
    let planned = original.planned_pages.is_some();

    let (loaded, stored) = stored(db, id);
    assert_same("stored audit", &expected, &stored, planned);
    assert_eq!(loaded.summary, expected.counts, "the report's own counts");

    let row = overview(db, client, id, original.status);
    assert_same("Overview", &expected, &row, planned);

    let library = library_exports(&loaded, client);
    assert_pdf_agrees("PDF", &library.pdf, &expected);
    assert_csv_agrees("CSV", &library.csv, &expected);
    assert_json_agrees("JSON export", &library.json, &stored);

    let run_id = id.to_string();
    let text = preflight(&["audits", "show", &run_id, "--db", db.arg()]);
    assert_eq!(text.status.code(), Some(expected_exit(&expected)), "show");
    assert_text_agrees("preflight audits show", &stdout(&text), &expected);

    let json = preflight(&[
        "audits",
        "show",
        &run_id,
        "--db",
        db.arg(),
        "--format",
        "json",
    ]);
    assert_eq!(
        json.status.code(),
        Some(expected_exit(&expected)),
        "show json"
    );
    assert_eq!(
        stdout(&json),
        String::from_utf8(library.json.clone()).unwrap(),
        "`audits show --format json` prints the JSON export"
    );

    let list = preflight(&["audits", "list", "--db", db.arg()]);
    assert!(
        stdout(&list).contains(&expected.headline),
        "`audits list` lacks {:?}:\n{}",
        expected.headline,
        stdout(&list)
    );

    let files = cli_exports(db, id);
    assert_eq!(files.csv, library.csv, "preflight export --csv");
    assert_eq!(files.json, library.json, "preflight export --json");
    assert_pdf_agrees("preflight export --pdf", &files.pdf, &expected);
    expected
}

fn item(readiness: &Readiness, id: ItemId) -> ItemStatus {
    let item = readiness.checklist.items.iter().find(|i| i.id == id);
    item.expect("checklist item").status
}

#[test]
fn a_complete_audit_and_a_later_stopped_one_read_alike_and_the_stopped_one_never_stands_for_the_client(
) {
    let site = FixtureSite::start();
    let db = Db::new();
    let complete = audits::complete(&site);
    let complete_id = db.save("Acme Outdoor", &complete);
    let stopped = audits::stopped(&site);
    let stopped_id = db.save("Acme Outdoor", &stopped);

    let ready = assert_agreement(&db, "Acme Outdoor", complete_id, &complete);
    assert_eq!(ready.state, ReadinessState::Ready);
    assert_eq!(ready.headline, "Ready: all 2 pages can run ChatGPT ads.");

    // Checked after the stopped audit was saved: the complete one still stands for the client.
    let partial = assert_agreement(&db, "Acme Outdoor", stopped_id, &stopped);
    assert_eq!(partial.state, ReadinessState::Partial);
    assert_eq!(
        partial.headline,
        "Partial audit (stopped): 2 of 13 pages checked; 1 of them has blocking problems. It is not a readiness verdict."
    );
    assert_eq!(partial.planned_pages, Some(13));
    let pdf = pdf_text(
        &library_exports(&stored(&db, stopped_id).0, "Acme Outdoor").pdf,
        "-layout",
    );
    assert!(pdf.contains("Partial audit: 2 of 13 pages checked. Not a readiness verdict."));
    assert!(
        !squashed(&pdf).contains("Notready"),
        "a partial audit reads as a verdict"
    );
}

#[test]
fn a_cloudflare_challenge_is_one_blocking_problem_everywhere() {
    let site = FixtureSite::start();
    let db = Db::new();
    let challenged = audits::challenge(&site);
    let id = db.save("Northwind", &challenged);
    let r = assert_agreement(&db, "Northwind", id, &challenged);
    assert_eq!(r.state, ReadinessState::NotReady);
    assert_eq!(r.headline, "Not ready: 1 of 2 pages has blocking problems.");
    // The challenge and the 403 it came with: one root cause, on every surface.
    assert_eq!(r.pages[1].blocking, 1);
    let loaded = stored(&db, id).0;
    let ids: Vec<&str> = loaded.pages[1]
        .findings
        .iter()
        .map(|f| f.id.as_str())
        .collect();
    assert!(!ids.contains(&"bot-error-status"), "{ids:?}");
}

#[test]
fn a_robots_txt_block_reads_alike_everywhere() {
    let site = FixtureSite::start_with_robots("User-agent: OAI-AdsBot\nDisallow: /\n");
    let db = Db::new();
    let blocked = audits::robots_block(&site);
    let id = db.save("Contoso", &blocked);
    let r = assert_agreement(&db, "Contoso", id, &blocked);
    assert_eq!(r.state, ReadinessState::NotReady);
    assert_eq!((r.counts.reachable, r.counts.failing_pages), (0, 1));
    assert_eq!(item(&r, ItemId::Reachability), ItemStatus::Fail);
}

#[test]
fn a_placeholder_pixel_id_is_not_an_installed_pixel_anywhere() {
    let site = audits::PlaceholderSite::start();
    let db = Db::new();
    let placeholder = audits::placeholder_pixel(&site);
    let id = db.save("Fabrikam", &placeholder);
    let r = assert_agreement(&db, "Fabrikam", id, &placeholder);
    assert_eq!(r.state, ReadinessState::NotReady);
    assert_eq!(item(&r, ItemId::Pixel), ItemStatus::Fail);
    let loaded = stored(&db, id).0;
    let page = &loaded.pages[0];
    assert!(!audits::has(
        page,
        "pixel-detected",
        preflight_model::Status::Pass
    ));
    assert!(!page.pixel.as_ref().unwrap().installed);
}

#[test]
fn a_funnel_with_a_broken_page_reads_alike_everywhere() {
    let site = FixtureSite::start();
    let db = Db::new();
    let funnel = audits::funnel_with_broken_page(&site);
    let id = db.save("Tailspin", &funnel);
    let r = assert_agreement(&db, "Tailspin", id, &funnel);
    assert_eq!(r.state, ReadinessState::NotReady);
    assert_eq!(r.counts.failing_pages, 1);
    // The funnel's findings count too: more warnings than the pages carry between them.
    let on_pages: u32 = r.pages.iter().map(|p| p.warnings).sum();
    assert!(r.counts.warnings > on_pages, "{:?}", r.counts);
    let csv = library_exports(&stored(&db, id).0, "Tailspin").csv;
    assert!(String::from_utf8(csv)
        .unwrap()
        .contains(",,,pixel-funnel-event-missing,funnel,"));
}

/// Every column of the audit's rows, as stored.
fn rows_on_disk(db: &Db, id: i64) -> Vec<Vec<String>> {
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    let mut rows = Vec::new();
    for (sql, table) in [
        ("SELECT * FROM audit_runs WHERE id = ?1", "audit_runs"),
        (
            "SELECT * FROM page_results WHERE run_id = ?1 ORDER BY position",
            "page_results",
        ),
    ] {
        let mut stmt = conn.prepare(sql).unwrap();
        let columns = stmt.column_count();
        let mut query = stmt.query([id]).unwrap();
        while let Some(row) = query.next().unwrap() {
            let mut cells = vec![table.to_string()];
            for i in 0..columns {
                let value: rusqlite::types::Value = row.get(i).unwrap();
                cells.push(format!("{value:?}"));
            }
            rows.push(cells);
        }
    }
    rows
}

#[test]
fn an_audit_saved_by_an_older_version_reads_under_todays_rules_and_is_left_as_it_was() {
    let db = Db::new();
    let old = audits::older_version();
    assert_eq!(old.planned_pages, None);
    let id = db.save("Old Client", &old);
    let before = rows_on_disk(&db, id);
    assert!(!before.is_empty());

    let r = assert_agreement(&db, "Old Client", id, &old);
    // Today's rules: the challenge and its 403 are one problem; a check that could not run is
    // not a warning. The stored summary said otherwise.
    let c = &r.counts;
    assert_eq!(
        (
            c.pages,
            c.reachable,
            c.failing_pages,
            c.failing_findings,
            c.warnings
        ),
        (2, 1, 1, 1, 2)
    );
    assert_ne!(r.counts, old.summary);
    assert_eq!(r.headline, "Not ready: 1 of 2 pages has blocking problems.");

    assert_eq!(
        rows_on_disk(&db, id),
        before,
        "reading an audit changed it on disk"
    );
}

#[test]
fn the_audit_as_run_reads_the_same_with_and_without_the_counting_rules_applied() {
    // The exports apply the rules themselves: a report not read through the session gives the
    // same numbers as the stored one.
    let old = audits::older_version();
    let expected = assess(&old);
    let exports = library_exports(&old, "Old Client");
    assert_pdf_agrees("PDF of the raw report", &exports.pdf, &expected);
    assert_csv_agrees("CSV of the raw report", &exports.csv, &expected);
    assert_json_agrees("JSON of the raw report", &exports.json, &expected);
}
