//! The layout of every PDF, read back as word boxes with `pdftotext -bbox-layout`: no word is
//! printed over another, repeated findings are one entry, and no page but the last is left
//! nearly empty.

mod common;
mod support;

use common::client::{client_audit, earlier_audit, small_audit, CLIENT, NOT_HTTPS, NO_PIXEL};
use common::overlap::{assert_no_overlaps, used_height, words_of};
use preflight_report::{compare, render_pdf, render_plan_pdf, PdfOptions, PlanPdfOptions};

fn client_options(with_comparison: bool) -> PdfOptions {
    PdfOptions {
        client_name: Some(CLIENT.into()),
        agency_name: Some("Northwind Digital".into()),
        agency_logo: None,
        comparison: with_comparison.then(|| compare(&earlier_audit(), &client_audit())),
        ..PdfOptions::default()
    }
}

#[test]
fn no_word_of_the_audit_pdf_overlaps_another() {
    let client = render_pdf(&client_audit(), &client_options(true)).unwrap();
    assert_no_overlaps(&client, "the 13-page client audit with its changes");
    for count in [1, 2] {
        let small = render_pdf(&small_audit(count), &client_options(false)).unwrap();
        assert_no_overlaps(&small, &format!("a {count}-page audit"));
    }
    let mut older = support::sample_report();
    older.pages[2].verdict = preflight_document::report::Verdict::Reachable;
    let options = PdfOptions {
        comparison: Some(compare(&older, &support::sample_report())),
        ..client_options(false)
    };
    let sample = render_pdf(&support::sample_report(), &options).unwrap();
    assert_no_overlaps(&sample, "the sample audit with its changes");
}

#[test]
fn no_word_of_the_plan_pdf_overlaps_another() {
    let options = PlanPdfOptions {
        client_name: Some(CLIENT.into()),
        scenario_name: Some(support::plan::HOSTILE_SCENARIO.into()),
        agency_name: Some("Northwind Digital".into()),
        agency_logo: None,
        date: Some(time::Date::from_calendar_date(2026, time::Month::May, 4).unwrap()),
    };
    for (name, plan) in [
        ("ranged", support::plan::ranged_report()),
        (
            "minimal",
            support::plan::report(support::plan::MINIMAL_PLAN, 2_000),
        ),
    ] {
        let pdf = render_plan_pdf(&plan, &options).unwrap();
        assert_no_overlaps(&pdf, &format!("the {name} plan"));
    }
}

/// The text area of an A4 page lies between the margins of `common.typ` (2.2 cm, 2.1 cm).
const TOP: f64 = 2.2 / 2.54 * 72.0;
const BOTTOM: f64 = 2.1 / 2.54 * 72.0;

/// The PDF pages the client's 13 landing pages take, cover and appendix included: without and
/// with the changes since an earlier audit.
const CLIENT_PDF_PAGES: [usize; 2] = [7, 7];

#[test]
fn the_client_audit_fits_a_handful_of_pages_with_none_nearly_empty() {
    for ((what, options), most) in [
        ("without changes", client_options(false)),
        ("with changes", client_options(true)),
    ]
    .into_iter()
    .zip(CLIENT_PDF_PAGES)
    {
        let pdf = render_pdf(&client_audit(), &options).unwrap();
        let pages = words_of(&pdf);
        assert!(
            pages.len() <= most,
            "{what}: {} pages for 13 landing pages",
            pages.len()
        );
        // The cover is laid out on its own; every other page but the last is at least a
        // quarter full.
        for page in &pages[1..pages.len() - 1] {
            let used = used_height(page, TOP, BOTTOM);
            assert!(
                used >= 0.25,
                "{what}: page {} of {} is {:.0} % full",
                page.number,
                pages.len(),
                used * 100.0
            );
        }
    }
}

#[test]
fn a_finding_on_every_page_is_one_entry_naming_the_pages() {
    let pdf = render_pdf(&client_audit(), &client_options(false)).unwrap();
    let pages = words_of(&pdf);
    let text: String = pages
        .iter()
        .flat_map(|p| p.words.iter().map(|w| w.text.as_str()))
        .collect::<Vec<_>>()
        .join(" ");
    let flat: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{200B}')
        .collect();
    let squash = |s: &str| -> String { s.chars().filter(|c| !c.is_whitespace()).collect() };
    let findings = &flat[flat.find("Everyblockingproblem").unwrap()
        ..flat.find("Whatthesecheckscannottellyou").unwrap()];
    // Once each, with the pages it is on.
    assert_eq!(
        findings.matches(&squash(NOT_HTTPS)).count(),
        1,
        "{findings}"
    );
    assert_eq!(findings.matches(&squash(NO_PIXEL)).count(), 1, "{findings}");
    assert!(
        findings.contains("On13pagesofhttp://www.acme-outdoor.example:/,/collections/"),
        "{findings}"
    );
    assert!(
        findings.contains("On11pagesofhttp://www.acme-outdoor.example:"),
        "{findings}"
    );
    // Each of the 13 pages is listed in the entry, by its path on the site.
    let https = &findings[findings.find("On13pages").unwrap()..];
    for path in [
        "/tents/ultralight-two-person-tent",
        "/lights/rechargeable-head-torch",
    ] {
        assert!(https.contains(path), "{path} missing in {https}");
    }
    // The cover's figures stay the readiness model's.
    let counts = preflight_readiness::assess(&client_audit()).counts;
    assert_eq!(
        (counts.pages, counts.warnings, counts.failing_findings),
        (13, 16, 13)
    );
}
