//! The PDF, read back with poppler's `pdftotext`, `pdfinfo` and `pdfimages`.

mod support;

use preflight_document::report::{RunStatus, Verdict};
use preflight_report::{compare, render_pdf, LogoFormat, PdfOptions};
use std::path::Path;
use std::process::Command;
use support::*;

/// A 4×4 navy PNG.
const PNG_LOGO: [u8; 73] = [
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x04, 0x08, 0x02, 0x00, 0x00, 0x00, 0x26, 0x93, 0x09,
    0x29, 0x00, 0x00, 0x00, 0x10, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x90, 0xb7, 0x8a, 0x87,
    0x23, 0x06, 0xe2, 0x38, 0x00, 0x27, 0x43, 0x0b, 0x81, 0xab, 0x13, 0x6d, 0x6f, 0x00, 0x00, 0x00,
    0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

const SVG_LOGO: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40"><rect width="40" height="40" rx="6" fill="#1f3a5f"/><circle cx="20" cy="20" r="10" fill="#fff"/></svg>"##;

struct Rendered {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
}

impl Rendered {
    fn new(bytes: &[u8]) -> Self {
        assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.pdf");
        std::fs::write(&path, bytes).unwrap();
        Rendered { _dir: dir, path }
    }

    /// The text of the whole document, or of one page, in reading order.
    fn text(&self, args: &[&str]) -> String {
        run("pdftotext", args, &self.path)
    }

    fn page_text(&self, page: usize) -> String {
        let n = page.to_string();
        self.text(&["-layout", "-f", &n, "-l", &n])
    }

    fn page_count(&self) -> usize {
        let info = run("pdfinfo", &[], &self.path);
        info.lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse().ok())
            .expect("pdfinfo reports a page count")
    }
}

fn run(tool: &str, args: &[&str], pdf: &Path) -> String {
    let mut command = Command::new(tool);
    command.args(args).arg(pdf);
    if tool == "pdftotext" {
        command.arg("-");
    }
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("{tool} (poppler-utils) must be installed: {e}"));
    assert!(
        output.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("poppler prints UTF-8")
}

/// Text with the invisible break opportunities and all whitespace removed, so wrapped values
/// can be searched for whole.
fn squashed(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{200B}')
        .collect()
}

fn full_options() -> PdfOptions {
    let mut older = sample_report();
    older.started_at = "2026-04-27T09:00:00+02:00".into();
    older.pages[2].verdict = Verdict::Reachable;
    PdfOptions {
        client_name: Some("Acme Outdoor GmbH".into()),
        agency_name: Some("Northwind Digital".into()),
        agency_logo: Some((SVG_LOGO.as_bytes().to_vec(), LogoFormat::Svg)),
        comparison: Some(compare(&older, &sample_report())),
        ..PdfOptions::default()
    }
}

#[test]
fn cover_summary_and_sections_are_present() {
    let pdf = Rendered::new(&render_pdf(&sample_report(), &full_options()).unwrap());
    let cover = pdf.page_text(1);
    assert!(cover.contains("Can OAI-AdsBot use these pages?"), "{cover}");
    assert!(cover.contains("Acme Outdoor GmbH"), "{cover}");
    assert!(cover.contains("Prepared by Northwind Digital"), "{cover}");
    assert!(cover.contains("4 May 2026"), "{cover}");
    assert!(cover.contains("Pages checked"), "{cover}");
    let readiness = preflight_readiness::assess(&sample_report());
    assert_eq!(
        readiness.headline,
        "Not ready: 9 of 9 pages have blocking problems."
    );
    assert!(cover.contains(&readiness.headline), "{cover}");
    assert!(cover.contains("OVERALL READINESS"), "{cover}");

    let text = pdf.text(&[]);
    for expected in [
        "Executive summary",
        "OAI-AdsBot can use 1 of 9 pages",
        "Readiness checklist",
        "OAI-AdsBot reaches every landing page",
        "Pages by verdict",
        "Changes since 27 April 2026",
        "OAI-AdsBot could reach the page on 27 April 2026 and is blocked by the server or firewall now.",
        "Findings",
        "What these checks cannot tell you",
        "These requests come from your computer",
        "Technical appendix",
        "OAI-AdsBot (token only)",
        "Redirect hops:",
        "Firewall or CDN: Cloudflare",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
}

#[test]
fn hostile_text_prints_literally() {
    let pdf = Rendered::new(&render_pdf(&sample_report(), &PdfOptions::default()).unwrap());
    let text = squashed(&pdf.text(&["-raw"]));
    assert!(
        text.contains(&squashed(HOSTILE_VISIBLE)),
        "hostile title not printed literally"
    );
    // The right-to-left override is shown, not obeyed.
    assert!(text.contains("[U+202E]"));
    // The formula-like finding title stays text.
    assert!(text.contains(&squashed("=HYPERLINK(\"http://evil.example\",\"click\")")));
}

#[test]
fn long_urls_wrap_inside_the_page() {
    let pdf = Rendered::new(&render_pdf(&sample_report(), &PdfOptions::default()).unwrap());
    let raw = pdf.text(&["-raw"]);
    let text = squashed(&raw);
    assert!(
        text.contains(&long_url()),
        "the 600-character URL is not printed whole:\n{text}"
    );
    // Typst wraps addresses at their punctuation itself: up to the long click id the address
    // has no invisible characters, so it still works when copied out of the PDF.
    let clean: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    let url = long_url();
    let prefix = &url[..url.find("click_id=").unwrap() + "click_id=".len()];
    assert!(
        clean.contains(prefix),
        "the address carries invisible characters"
    );

    // Every word's box must end inside the right margin (A4 is 595 pt wide).
    let boxes = pdf.text(&["-bbox"]);
    let mut words = 0;
    for line in boxes.lines().filter(|l| l.contains("<word ")) {
        let x_max: f64 = attribute(line, "xMax").parse().unwrap();
        assert!(
            x_max <= 560.0,
            "text runs into the margin at x = {x_max}: {line}"
        );
        words += 1;
    }
    assert!(words > 1000, "expected a full document, saw {words} words");
}

fn attribute<'a>(line: &'a str, name: &str) -> &'a str {
    let start = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
    let end = start + line[start..].find('"').unwrap();
    &line[start..end]
}

#[test]
fn footer_numbers_every_page_after_the_cover() {
    let pdf = Rendered::new(&render_pdf(&sample_report(), &PdfOptions::default()).unwrap());
    let pages = pdf.page_count();
    assert!(pages >= 4, "only {pages} pages");
    assert!(!pdf.page_text(1).contains("Page 1 of"));
    for page in 2..=pages {
        let expected = format!("Page {page} of {pages}");
        assert!(
            pdf.page_text(page).contains(&expected),
            "page {page} lacks {expected:?}"
        );
    }
}

#[test]
fn findings_table_header_repeats_on_every_page_it_spans() {
    let report = report_with_pages(30);
    let pdf = Rendered::new(&render_pdf(&report, &PdfOptions::default()).unwrap());
    let header = regex_lite_header();
    let pages_with_header: Vec<usize> = (1..=pdf.page_count())
        .filter(|&p| header(&pdf.page_text(p)))
        .collect();
    assert!(
        pages_with_header.len() >= 3,
        "header row on pages {pages_with_header:?} only"
    );
    // Consecutive pages: one table continuing, its header repeated on each.
    assert!(pages_with_header.windows(2).all(|w| w[1] == w[0] + 1));
}

/// True when a line holds the findings table's header cells in order.
fn regex_lite_header() -> impl Fn(&str) -> bool {
    |page: &str| {
        page.lines().any(|line| {
            let words: Vec<&str> = line.split_whitespace().collect();
            words.join(" ") == "Severity Finding Evidence What to do"
        })
    }
}

#[test]
fn png_and_svg_logos_are_embedded_and_bad_ones_rejected() {
    let mut options = PdfOptions {
        agency_logo: Some((PNG_LOGO.to_vec(), LogoFormat::Png)),
        ..PdfOptions::default()
    };
    let pdf = Rendered::new(&render_pdf(&sample_report(), &options).unwrap());
    let images = run("pdfimages", &["-list"], &pdf.path);
    // On the cover, at its own 4×4 pixel size.
    let on_cover = images.lines().any(|l| {
        let cols: Vec<&str> = l.split_whitespace().collect();
        cols.len() > 4 && cols[0] == "1" && cols[2] == "image" && cols[3] == "4" && cols[4] == "4"
    });
    assert!(on_cover, "{images}");

    options.agency_logo = Some((b"GIF89a".to_vec(), LogoFormat::Png));
    let error = render_pdf(&sample_report(), &options).unwrap_err();
    assert_eq!(error.code(), "invalid_logo");
    assert!(error.to_string().contains("PNG"), "{error}");

    options.agency_logo = Some((b"<html></html>".to_vec(), LogoFormat::Svg));
    assert_eq!(
        render_pdf(&sample_report(), &options).unwrap_err().code(),
        "invalid_logo"
    );

    // A well-formed header with broken image data is refused as a logo before layout.
    let mut broken = PNG_LOGO.to_vec();
    broken.truncate(30);
    options.agency_logo = Some((broken, LogoFormat::Png));
    let error = render_pdf(&sample_report(), &options).unwrap_err();
    assert_eq!(error.code(), "invalid_logo", "{error}");
    assert!(error.to_string().contains("cannot be decoded"), "{error}");
}

#[test]
fn appendix_shows_robots_and_parameter_results_where_the_report_has_them() {
    let report = sample_report();
    let pdf = Rendered::new(&render_pdf(&report, &PdfOptions::default()).unwrap());
    let text = pdf.text(&[]);
    let appendix = &text[text.find("Technical appendix").unwrap()..];
    for expected in [
        // The reachable page: allowed through a group of its own.
        "OAI-AdsBot may fetch this address",
        "https://shop.example.com/robots.txt: HTTP 200",
        "the group for OAI-AdsBot, line 4: User-agent: OAI-AdsBot",
        "line 5: Allow: /",
        "Kept through every redirect",
        // The robots-blocked page: only the tagged address is blocked.
        "may not fetch this tagged address (allowed without its parameters)",
        "the group for all crawlers, line 1: User-agent: *",
        "line 2: Disallow: /*?utm",
        "Without the query string",
        "allowed (no rule matches): https://shop.example.com/collections/spring-sale/landing",
        // ... and a redirect drops the parameters, at a named hop.
        "Changed or dropped by a redirect",
        "Redirect at hop 1 (HTTP 301)",
        "utm_source dropped",
        "oppref dropped",
    ] {
        assert!(
            squashed(appendix).contains(&squashed(expected)),
            "missing {expected:?} in:\n{appendix}"
        );
    }
    // Only the two pages that carry the data get the blocks.
    assert_eq!(appendix.matches("Deciding line").count(), 2, "{appendix}");
    assert_eq!(appendix.matches("Tested with").count(), 2, "{appendix}");
    let with_data = report
        .pages
        .iter()
        .filter(|p| p.robots.is_some() && p.params_survive.is_some())
        .count();
    assert_eq!(with_data, 2);
}

#[test]
fn empty_audits_say_nothing_was_checked() {
    let mut report = sample_report();
    report.pages.clear();
    report.summary = preflight_readiness::summary(&report);
    let pdf = Rendered::new(&render_pdf(&report, &PdfOptions::default()).unwrap());
    let text = pdf.text(&[]);
    assert!(text.contains("No page was checked."), "{text}");
    assert!(text.contains("NOTHING CHECKED"), "{text}");
    assert!(
        text.contains("No check found anything that needs attention."),
        "{text}"
    );
}

#[test]
fn a_stopped_audit_is_labelled_partial_on_the_cover_and_every_page() {
    let mut report = sample_report();
    report.status = RunStatus::Cancelled;
    report.planned_pages = Some(13);
    let readiness = preflight_readiness::assess(&report);
    assert!(readiness
        .headline
        .starts_with("Partial audit (stopped): 9 of 13 pages checked"));
    let pdf = Rendered::new(&render_pdf(&report, &PdfOptions::default()).unwrap());
    let cover = squashed(&pdf.page_text(1));
    for expected in [
        "PARTIAL AUDIT: NOT A READINESS VERDICT",
        readiness.headline.as_str(),
        "Stopped before it finished",
        "9 of 13 planned",
    ] {
        assert!(
            cover.contains(&squashed(expected)),
            "missing {expected:?} in {cover}"
        );
    }
    assert!(!cover.contains("OVERALLREADINESS"), "{cover}");
    assert!(
        !cover.contains("Notready"),
        "a partial audit reads as a verdict: {cover}"
    );
    let body = squashed(&pdf.text(&[]));
    assert!(
        !body.contains("Notready"),
        "a partial audit reads as a verdict"
    );
    assert!(body.contains("Failsofar"));
    for page in 2..=pdf.page_count() {
        let text = pdf.page_text(page);
        assert!(
            text.contains("Partial audit: 9 of 13 pages checked. Not a readiness verdict."),
            "page {page} has no partial header:\n{text}"
        );
        assert!(
            text.contains("Partial audit, not a readiness verdict"),
            "page {page} has no partial footer:\n{text}"
        );
    }
    // A complete audit carries no such note.
    let complete = Rendered::new(&render_pdf(&sample_report(), &PdfOptions::default()).unwrap());
    assert!(!complete.text(&[]).contains("Partial audit"));
}

#[test]
fn the_numbers_are_the_readiness_counts_with_labels_that_say_what_they_count() {
    // As an older version saved it: a challenge and its error status as two findings, a
    // check that could not run (never a warning) and a stale stored summary.
    let mut report = sample_report();
    report.pages[3].findings.insert(
        0,
        preflight_model::Finding::new(
            "bot-error-status",
            preflight_model::Area::Reachability,
            preflight_model::Status::Fail,
            "HTTP 403",
        ),
    );
    report.summary.warnings = 99;
    let readiness = preflight_readiness::assess(&report);
    let c = &readiness.counts;
    let pdf = Rendered::new(&render_pdf(&report, &PdfOptions::default()).unwrap());
    // In content order each key figure is followed by its label.
    let text = pdf.text(&["-raw"]);
    let flat = squashed(&text);
    for (value, label) in [
        (c.pages, "Pages checked"),
        (c.reachable, "Pages OAI-AdsBot can use"),
        (c.failing_pages, "Pages with blocking problems"),
        (
            c.failing_findings,
            "Blocking problems (each root cause once)",
        ),
        (c.warnings, "Warnings (worth fixing, not blocking)"),
    ] {
        let figure = squashed(&format!("{value} {label}"));
        assert!(flat.contains(&figure), "missing {figure:?} in {text}");
    }
    let summary = format!(
        "{} of {} pages have blocking problems: {} blocking problems in all",
        c.failing_pages, c.pages, c.failing_findings
    );
    assert!(
        flat.contains(&squashed(&summary)),
        "missing {summary:?} in {text}"
    );
    assert!(
        flat.contains(&squashed(&format!("{} warnings worth fixing", c.warnings))),
        "{text}"
    );
    // Every blocking problem and warning is in the findings table: an entry found on N pages
    // ("On N pages of ...") stands for N of them.
    let findings = &flat[flat.find("Everyblockingproblem").unwrap()
        ..flat.find("Whatthesecheckscannottellyou").unwrap()];
    assert_eq!(
        entry_pages(findings, "Blockingproblem"),
        c.failing_findings,
        "{findings}"
    );
    assert_eq!(entry_pages(findings, "Warning"), c.warnings, "{findings}");
    // The sample's missing pixel is on all 9 pages: one entry.
    assert!(
        findings.contains("TheOpenAIAdspixelisnotinstalledOn9pagesofhttps://shop.example.com:"),
        "{findings}"
    );
}

/// The findings the table's entries with `status` stand for: each entry counts its pages ("On
/// 13 pages"), or one when it names a single page or the whole audit.
fn entry_pages(table: &str, status: &str) -> u32 {
    const STATUSES: [&str; 4] = [
        "Blockingproblem",
        "Warning",
        "Information",
        "Checkcouldnotrun",
    ];
    let mut starts: Vec<(usize, &str)> = STATUSES
        .iter()
        .flat_map(|s| table.match_indices(s))
        .collect();
    starts.sort();
    let mut total = 0;
    for (i, (start, name)) in starts.iter().enumerate() {
        if *name != status {
            continue;
        }
        let end = starts.get(i + 1).map_or(table.len(), |next| next.0);
        let entry = &table[*start..end];
        let pages = entry.find("On").and_then(|at| {
            let digits: String = entry[at + 2..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            let after = &entry[at + 2 + digits.len()..];
            (!digits.is_empty() && after.starts_with("pages"))
                .then(|| digits.parse::<u32>().unwrap())
        });
        total += pages.unwrap_or(1);
    }
    total
}

#[test]
fn same_input_gives_the_same_bytes() {
    let options = full_options();
    let a = render_pdf(&sample_report(), &options).unwrap();
    let b = render_pdf(&sample_report(), &options).unwrap();
    assert_eq!(a, b);
}

#[test]
fn the_funnel_section_names_the_events_the_campaign_goal_lacks() {
    let plain = Rendered::new(&render_pdf(&sample_report(), &PdfOptions::default()).unwrap());
    assert!(!plain.text(&[]).contains("Conversion funnel"));

    let mut report = sample_report();
    preflight_readiness::funnel::apply(&mut report, Some("ecommerce"));
    let pdf = Rendered::new(&render_pdf(&report, &PdfOptions::default()).unwrap());
    let text = pdf.text(&[]);
    assert!(text.contains("Conversion funnel: E-commerce"), "{text}");
    let flat = squashed(&text);
    assert!(
        flat.contains(&squashed("page_viewed, order_created are not sent")),
        "{text}"
    );
    for event in [
        "page_viewed",
        "order_created",
        "contents_viewed",
        "checkout_started",
    ] {
        assert!(text.contains(event), "{event} missing in:\n{text}");
    }
    assert!(
        text.contains("Recommended") && text.contains("Not found"),
        "{text}"
    );
}
