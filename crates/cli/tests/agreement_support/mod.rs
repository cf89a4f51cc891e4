//! Reading one stored audit through every surface a person or a program uses: the readiness
//! model, the store reloaded, the Overview row, the PDF, the CSV and JSON exports, and the
//! `preflight` binary's text and JSON output and its exports.
#![allow(dead_code)]

pub mod audits;

use preflight_document::report::{AuditReport, RunStatus};
use preflight_readiness::Readiness;
use preflight_report::{findings_csv, readiness_figures, render_pdf, report_json, PdfOptions};
use preflight_store::Store;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A database file of its own.
pub struct Db {
    _dir: tempfile::TempDir,
    pub path: PathBuf,
}

impl Db {
    pub fn new() -> Db {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("preflight.db");
        Db { _dir: dir, path }
    }

    pub fn arg(&self) -> &str {
        self.path.to_str().unwrap()
    }

    /// Saves `report` under `client` as a run does (begun, page by page, finished), through a
    /// store opened for this save only.
    pub fn save(&self, client: &str, report: &AuditReport) -> i64 {
        let mut store = preflight_session::open_store(&self.path).unwrap();
        let client = store.find_or_create_client(client).unwrap();
        store.save_report(Some(client.id), report).unwrap()
    }

    /// A store opened afresh, as the next window or command would.
    pub fn reopened(&self) -> Store {
        preflight_session::open_store(&self.path).unwrap()
    }
}

/// The stored audit, read back from a reopened store, and its readiness.
pub fn stored(db: &Db, id: i64) -> (AuditReport, Readiness) {
    let store = db.reopened();
    let report = preflight_session::load_audit(&store, id).unwrap();
    let readiness = preflight_readiness::assess(&report);
    (report, readiness)
}

/// The readiness the Overview shows for the audit: its client's `current` audit when it is
/// complete; a stopped audit is only ever shown beside it (`newer_partial`), never as it.
pub fn overview(db: &Db, client: &str, id: i64, status: RunStatus) -> Readiness {
    let statuses = preflight_session::client_statuses(&db.reopened()).unwrap();
    let row = statuses
        .into_iter()
        .find(|s| s.client.name == client)
        .unwrap_or_else(|| panic!("no Overview row for {client}"));
    let current_id = row.current.as_ref().map(|c| c.audit.id);
    if status == RunStatus::Complete {
        let current = row.current.expect("a complete audit stands for its client");
        assert_eq!(current.audit.id, id);
        current.readiness
    } else {
        assert_ne!(
            current_id,
            Some(id),
            "a stopped audit became the client's status"
        );
        let partial = row
            .newer_partial
            .expect("the stopped audit is shown beside it");
        assert_eq!(partial.audit.id, id);
        partial.readiness
    }
}

/// Asserts that two readings give the same answer: state, label, headline, every count, the
/// checklist and what each page counts for (and the planned pages, when `planned` says the
/// first one knew them).
pub fn assert_same(surface: &str, expected: &Readiness, got: &Readiness, planned: bool) {
    assert_eq!(got.state, expected.state, "{surface}: state");
    assert_eq!(got.label, expected.label, "{surface}: label");
    assert_eq!(got.headline, expected.headline, "{surface}: headline");
    assert_eq!(got.counts, expected.counts, "{surface}: counts");
    assert_eq!(got.checklist, expected.checklist, "{surface}: checklist");
    assert_eq!(got.pages, expected.pages, "{surface}: pages");
    if planned {
        assert_eq!(
            got.planned_pages, expected.planned_pages,
            "{surface}: planned pages"
        );
    }
}

/// Text with all whitespace and invisible break opportunities removed, so wrapped text can be
/// searched for whole.
pub fn squashed(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{200B}')
        .collect()
}

/// `pdftotext` of a PDF, with the given mode (`-layout` or `-raw`).
pub fn pdf_text(pdf: &[u8], mode: &str) -> String {
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("audit.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .arg(mode)
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) must be installed");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Asserts that a PDF says what `readiness` says: the headline on the cover, each key figure
/// with its label, and as many blocking problems and warnings in the findings table as the
/// counts: an entry found on N pages ("On N pages of ...") stands for N of them.
pub fn assert_pdf_agrees(surface: &str, pdf: &[u8], readiness: &Readiness) {
    let layout = squashed(&pdf_text(pdf, "-layout"));
    let cover = &layout[..layout.find("Executivesummary").expect("a summary page")];
    assert!(
        cover.contains(&squashed(&readiness.headline)),
        "{surface}: the cover lacks {:?}:\n{cover}",
        readiness.headline
    );
    assert!(
        cover.contains(&squashed(&readiness.label)),
        "{surface}: label"
    );
    let raw = squashed(&pdf_text(pdf, "-raw"));
    for figure in readiness_figures(readiness) {
        let expected = squashed(&format!("{} {}", figure.value, figure.label));
        assert!(
            raw.contains(&expected),
            "{surface}: no {expected:?} in the PDF"
        );
    }
    let findings = match (
        raw.find("Everyblockingproblem"),
        raw.find("Nocheckfoundanything"),
    ) {
        (Some(start), _) => &raw[start..raw.find("Whatthesecheckscannottellyou").unwrap()],
        (None, Some(_)) => "",
        (None, None) => panic!("{surface}: no findings section"),
    };
    let c = &readiness.counts;
    assert_eq!(
        entry_pages(findings, "Blockingproblem"),
        c.failing_findings,
        "{surface}: blocking problems in the findings table"
    );
    assert_eq!(
        entry_pages(findings, "Warning"),
        c.warnings,
        "{surface}: warnings in the findings table"
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

/// What the findings CSV counts, by its rows.
#[derive(Debug, PartialEq, Eq)]
pub struct CsvCounts {
    pub pages: u32,
    pub reachable: u32,
    pub failing_pages: u32,
    pub failing_findings: u32,
    pub warnings: u32,
}

pub fn csv_counts(csv: &[u8]) -> CsvCounts {
    let mut reader = csv::Reader::from_reader(csv);
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (url, verdict, status) = (col("page_url"), col("verdict"), col("status"));
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let pages = |filter: &dyn Fn(&csv::StringRecord) -> bool| {
        rows.iter()
            .filter(|r| !r[url].is_empty() && filter(r))
            .map(|r| r[url].to_string())
            .collect::<BTreeSet<_>>()
            .len() as u32
    };
    let status_rows = |s: &str| rows.iter().filter(|r| &r[status] == s).count() as u32;
    CsvCounts {
        pages: pages(&|_| true),
        reachable: pages(&|r| &r[verdict] == "reachable"),
        failing_pages: pages(&|r| &r[status] == "fail"),
        failing_findings: status_rows("fail"),
        warnings: status_rows("warn"),
    }
}

pub fn assert_csv_agrees(surface: &str, csv: &[u8], readiness: &Readiness) {
    let c = &readiness.counts;
    assert_eq!(
        csv_counts(csv),
        CsvCounts {
            pages: c.pages,
            reachable: c.reachable,
            failing_pages: c.failing_pages,
            failing_findings: c.failing_findings,
            warnings: c.warnings,
        },
        "{surface}"
    );
}

pub fn assert_json_agrees(surface: &str, json: &[u8], readiness: &Readiness) {
    let value: serde_json::Value = serde_json::from_slice(json).unwrap();
    assert_eq!(
        value["readiness"],
        serde_json::to_value(readiness).unwrap(),
        "{surface}: readiness"
    );
    assert_eq!(
        value["summary"],
        serde_json::to_value(&readiness.counts).unwrap(),
        "{surface}: the report's own counts"
    );
}

/// Runs `preflight`, never against the user's own database.
pub fn preflight(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_preflight"))
        .args(args)
        .env_remove("PREFLIGHT_DB")
        .output()
        .expect("run preflight")
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Asserts that the text `preflight audits show` prints starts with the headline and gives
/// every count under its label.
pub fn assert_text_agrees(surface: &str, text: &str, readiness: &Readiness) {
    assert_eq!(
        text.lines().next(),
        Some(readiness.headline.as_str()),
        "{surface}: the first line is the headline:\n{text}"
    );
    for figure in readiness_figures(readiness) {
        let line = format!("{}: {}", figure.label, figure.value);
        assert!(
            text.lines().any(|l| l.trim() == line),
            "{surface}: no line {line:?} in:\n{text}"
        );
    }
}

/// The exit status `preflight` gives for a saved audit: 0 only when it is ready.
pub fn expected_exit(readiness: &Readiness) -> i32 {
    if readiness.state == preflight_readiness::ReadinessState::Ready {
        0
    } else {
        1
    }
}

/// The three export files `preflight export` writes, read back.
pub struct CliExports {
    pub pdf: Vec<u8>,
    pub csv: Vec<u8>,
    pub json: Vec<u8>,
}

pub fn cli_exports(db: &Db, id: i64) -> CliExports {
    let dir = tempfile::tempdir().unwrap();
    let file = |name: &str| dir.path().join(name);
    let path = |p: &Path| p.to_str().unwrap().to_string();
    let (pdf, csv, json) = (file("a.pdf"), file("a.csv"), file("a.json"));
    let id = id.to_string();
    let out = preflight(&[
        "export",
        &id,
        "--db",
        db.arg(),
        "--pdf",
        &path(&pdf),
        "--csv",
        &path(&csv),
        "--json",
        &path(&json),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    CliExports {
        pdf: std::fs::read(pdf).unwrap(),
        csv: std::fs::read(csv).unwrap(),
        json: std::fs::read(json).unwrap(),
    }
}

/// The in-process exports of a loaded audit, as the app makes them.
pub fn library_exports(report: &AuditReport, client: &str) -> CliExports {
    let options = PdfOptions {
        client_name: Some(client.to_string()),
        ..PdfOptions::default()
    };
    CliExports {
        pdf: render_pdf(report, &options).unwrap(),
        csv: findings_csv(report).unwrap(),
        json: report_json(report).unwrap(),
    }
}
