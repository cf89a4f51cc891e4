//! Saved hostile audits exported to CSV, JSON and PDF: hostile text comes out literally, never
//! as a spreadsheet formula, markup or reversed text, and a 1 MiB title cannot blow up the PDF.

use super::harness::{run_preflight, short, Run};
use crate::support::{preflight, stderr};
use preflight_fixtures::hostile::{hostile_title, Behaviour as B, HostileServer};
use serde_json::Value;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const TEXT: [B; 5] = [
    B::TextFormula,
    B::TextHtml,
    B::TextTypst,
    B::TextBidi,
    B::TextLongWord,
];

/// Pages an audit PDF may have with one 1 MiB title among two pages.
const MAX_PDF_PAGES: u32 = 40;
/// How long one export may take.
const EXPORT_CEILING: Duration = Duration::from_secs(120);

/// Checks and saves these behaviours' pages in `db`; returns the run, its report and the
/// audit's id.
fn save_audit(server: &HostileServer, behaviours: &[B], db: &Path) -> (Run, Value, String) {
    let mut args: Vec<String> = [
        "check",
        "--save",
        "--db",
        db.to_str().unwrap(),
        "--format",
        "json",
        "--concurrency",
        "64",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    args.extend(behaviours.iter().map(|b| server.url(*b)));
    let run = run_preflight(&args, Duration::from_secs(90));
    assert!(
        matches!(run.code, Some(0 | 1)) && !run.killed,
        "check --save: {}\n{}",
        run.ending(),
        run.stderr_tail()
    );
    let report: Value = serde_json::from_slice(&run.stdout).expect("the report is JSON");
    let id = run
        .stderr
        .lines()
        .find_map(|l| l.strip_prefix("saved as audit "))
        .expect("the audit is saved")
        .trim()
        .to_string();
    (run, report, id)
}

fn page_for<'a>(report: &'a Value, url: &str) -> &'a Value {
    report["pages"]
        .as_array()
        .and_then(|pages| pages.iter().find(|p| p["url"] == url))
        .unwrap_or_else(|| panic!("no page for {url}"))
}

/// Whether `stored` is `served`, or its start cut by the audit's cap on scraped text (at least
/// 100 characters kept, then "…").
fn faithful(stored: &str, served: &str) -> bool {
    match stored.strip_suffix('…') {
        _ if stored == served => true,
        Some(start) => served.starts_with(start) && start.chars().count() >= 100,
        None => false,
    }
}

/// Every title the page's fetches carry.
fn titles(page: &Value) -> Vec<String> {
    page["fetches"]
        .as_array()
        .map(|f| {
            f.iter()
                .filter_map(|f| f["title"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// Text with whitespace and zero-width spaces (the PDF's break opportunities) removed, to
/// find words that the PDF wrapped across lines.
fn squeeze(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{200B}')
        .collect()
}

fn tool_available(tool: &str) -> bool {
    Command::new(tool).arg("-v").output().is_ok()
}

#[test]
fn hostile_text_comes_out_literally_in_csv_json_and_pdf() {
    let mut behaviours = TEXT.to_vec();
    behaviours.push(B::Normal);
    let server = HostileServer::start(&behaviours);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hostile.db");
    let (_, report, id) = save_audit(&server, &behaviours, &db);

    // The title each page's fetches kept: the served title, or its start when the audit cuts
    // long scraped text (then ending in "…").
    let mut problems = Vec::new();
    let mut kept = Vec::new();
    for b in TEXT {
        let page = page_for(&report, &server.url(b));
        let served = hostile_title(b).unwrap();
        let stored = titles(page);
        if page["verdict"] != "reachable" {
            problems.push(format!("{b}: verdict {}", page["verdict"]));
        }
        match stored.first() {
            Some(first) if stored.iter().all(|t| t == first) && faithful(first, &served) => {}
            _ => problems.push(format!(
                "{b}: titles {:?} are not the served title {:?} (or its start)",
                stored.iter().map(|t| short(t, 80)).collect::<Vec<_>>(),
                short(&served, 80)
            )),
        }
        kept.push((b, stored.first().cloned().unwrap_or_default()));
    }

    let csv = dir.path().join("hostile.csv");
    let json = dir.path().join("hostile.json");
    let pdf = dir.path().join("hostile.pdf");
    let started = Instant::now();
    let out = preflight(&[
        "export",
        &id,
        "--db",
        db.to_str().unwrap(),
        "--csv",
        csv.to_str().unwrap(),
        "--json",
        json.to_str().unwrap(),
        "--pdf",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "export: {}", stderr(&out));
    assert!(
        started.elapsed() < EXPORT_CEILING,
        "export took {:?}",
        started.elapsed()
    );

    // CSV: no cell can start a formula; the hostile titles are inside cells as written.
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_path(&csv)
        .expect("the CSV opens");
    let mut cells = Vec::new();
    for record in reader.records() {
        let record = record.expect("every CSV record parses");
        cells.extend(record.iter().map(str::to_string));
    }
    for cell in &cells {
        if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            problems.push(format!("CSV cell starts a formula: {:?}", short(cell, 120)));
        }
    }
    for (b, title) in &kept {
        let title = title.trim_end_matches('…');
        if !cells.iter().any(|c| c.contains(title)) {
            problems.push(format!("{b}: the title is not in any CSV cell as written"));
        }
    }

    // JSON: the exact strings survive the round trip through the database.
    let exported: Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    for (b, title) in &kept {
        let page = page_for(&exported, &server.url(*b));
        if titles(page).iter().any(|t| t != title) || titles(page).is_empty() {
            problems.push(format!(
                "{b}: exported JSON titles differ from {:?}",
                short(title, 80)
            ));
        }
    }

    // PDF: the titles read as text. Bidirectional controls are shown as visible code points
    // instead of reordering what follows.
    if tool_available("pdftotext") {
        let text = pdf_text(&pdf);
        let squeezed = squeeze(&text);
        for (b, title) in &kept {
            let title = title.trim_end_matches('…').to_string();
            let visible = match b {
                B::TextBidi => title
                    .replace('\u{202E}', "[U+202E]")
                    .replace('\u{202C}', "[U+202C]")
                    .replace('\u{2066}', "[U+2066]")
                    .replace('\u{2069}', "[U+2069]"),
                _ => title,
            };
            if !squeezed.contains(&squeeze(&visible)) {
                problems.push(format!(
                    "{b}: the PDF does not show {:?}",
                    short(&visible, 120)
                ));
            }
        }
        if text.contains('\u{202E}') {
            problems.push("the PDF text holds a raw right-to-left override".into());
        }
    } else {
        eprintln!("pdftotext is not installed: the PDF text checks were skipped");
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_one_mebibyte_title_gives_a_pdf_of_bounded_length() {
    let server = HostileServer::start(&[B::HugeTitle, B::Normal]);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("huge.db");
    let (_, report, id) = save_audit(&server, &[B::HugeTitle, B::Normal], &db);
    let page = page_for(&report, &server.url(B::HugeTitle));
    assert_eq!(page["verdict"], "reachable");

    let pdf = dir.path().join("huge.pdf");
    let args: Vec<String> = [
        "export",
        &id,
        "--db",
        db.to_str().unwrap(),
        "--pdf",
        pdf.to_str().unwrap(),
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let run = run_preflight(&args, EXPORT_CEILING);
    assert_eq!(
        run.code,
        Some(0),
        "export --pdf: {}\n{}",
        run.ending(),
        run.stderr_tail()
    );
    let pages = pdf_pages(&pdf);
    assert!(
        (1..=MAX_PDF_PAGES).contains(&pages),
        "the PDF has {pages} pages, at most {MAX_PDF_PAGES} expected"
    );
    if tool_available("pdftotext") {
        let text = pdf_text(&pdf);
        assert!(text.contains("Huge title"), "the title's start is shown");
    } else {
        eprintln!("pdftotext is not installed: the PDF text check was skipped");
    }
}

fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("run pdftotext");
    assert!(out.status.success(), "pdftotext failed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The PDF's page count: from pdfinfo when installed, else counted from its page objects.
fn pdf_pages(pdf: &Path) -> u32 {
    if let Ok(out) = Command::new("pdfinfo").arg(pdf).output() {
        if let Some(n) = String::from_utf8_lossy(&out.stdout)
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse().ok())
        {
            return n;
        }
    }
    let bytes = std::fs::read(pdf).expect("read the PDF");
    bytes
        .windows(11)
        .filter(|w| w == b"/Type /Page")
        .count()
        .saturating_sub(bytes.windows(12).filter(|w| w == b"/Type /Pages").count()) as u32
}
