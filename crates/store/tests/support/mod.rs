//! The sample pages and reports the store tests save and load (not every test file uses both),
//! and the clock the tests open the store with.
#![allow(dead_code)]

use preflight_document::report::{
    standard_limits, AuditReport, PageReport, RunStatus, Summary, REPORT_SCHEMA_VERSION,
};
use preflight_document::Verdict;
use preflight_model::{Area, Confidence, Finding, Status};
use preflight_store::{Store, StoreError};
use std::path::Path;

/// The time now, as the session's clock gives it (RFC 3339, UTC, whole seconds).
pub fn clock() -> String {
    time::OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .unwrap()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap()
}

/// The store at `path`, opened to read and write with the tests' clock.
pub fn open_store(path: &Path) -> Result<Store, StoreError> {
    Store::open_with_clock(path, clock)
}

/// A checked page with one passing finding.
pub fn page(url: &str, verdict: Verdict) -> PageReport {
    PageReport {
        url: url.into(),
        verdict,
        verdict_confidence: Confidence::High,
        verdict_reason: "test".into(),
        vendor: None,
        robots: None,
        params_survive: None,
        robots_fetch: None,
        params_fetch: None,
        pixel: None,
        findings: vec![Finding::new(
            "bot-reachable",
            Area::Reachability,
            Status::Pass,
            "ok",
        )],
        fetches: vec![],
    }
}

/// A complete audit of `pages`.
pub fn report(pages: Vec<PageReport>) -> AuditReport {
    AuditReport {
        schema_version: REPORT_SCHEMA_VERSION,
        generator: "Preflight test".into(),
        started_at: "2026-11-25T10:00:00Z".into(),
        finished_at: Some("2026-11-25T10:01:00Z".into()),
        status: RunStatus::Complete,
        planned_pages: Some(pages.len() as u32),
        summary: Summary::default(),
        pages,
        limits: standard_limits(),
        funnel: None,
        journeys: Vec::new(),
    }
}

/// Where one test keeps its data: a database file in a temporary folder or, when the suite runs
/// against the team workspace's server (`PREFLIGHT_TEST_BACKEND=postgres`), an empty database of
/// its own there. Either way the test opens it through the same setting.
pub struct Place {
    dir: tempfile::TempDir,
    server: Option<preflight_testkit::postgres::TestDatabase>,
}

impl Place {
    pub fn new() -> Place {
        Place {
            dir: tempfile::tempdir().unwrap(),
            server: preflight_testkit::postgres::suite_on_server()
                .then(preflight_testkit::postgres::TestDatabase::new),
        }
    }

    /// The database setting: a file path, or the server database's address.
    pub fn db(&self) -> std::path::PathBuf {
        match &self.server {
            Some(database) => database.url().into(),
            None => self.dir.path().join("p.db"),
        }
    }

    /// A folder for the test's other files.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }
}
