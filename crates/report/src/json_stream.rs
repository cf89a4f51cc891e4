//! The JSON export written page by page, for runs too large to hold: the same document as
//! [`crate::report_json`], byte for byte, with each page handed over only when it is written.
//!
//! The caller gives the report with its pages stripped of their bodies (what a large run keeps
//! in memory, see `PageReport::without_bodies`) — the counts, verdicts and readiness are read
//! from it — and the whole pages, in report order, from wherever it kept them.

use crate::error::ExportError;
use preflight_document::report::{AuditReport, PageReport};
use serde::ser::{Error as _, SerializeSeq, SerializeStruct};
use serde::{Serialize, Serializer};
use std::cell::RefCell;
use std::io::Write;

/// Writes the export of `report` (taken, so a large audit is not copied) to `out` as pretty
/// JSON (trailing newline), taking each page's whole record from `pages` (as many as
/// `report.pages`, in the same order).
pub fn write_report_json<I>(
    out: impl Write,
    report: AuditReport,
    pages: I,
) -> Result<(), ExportError>
where
    I: Iterator<Item = Result<PageReport, String>>,
{
    let read = crate::read::read_owned(report);
    let export = Streamed {
        report: &read.report,
        readiness: &read.readiness,
        pages: RefCell::new(Some(pages)),
    };
    let mut out = std::io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut out, &export)
        .map_err(|e| ExportError::EncodeFailed(e.to_string()))?;
    out.write_all(b"\n")
        .and_then(|()| out.flush())
        .map_err(|e| ExportError::EncodeFailed(e.to_string()))
}

/// The export's fields in the order `ReportExport` writes them (a test keeps them in step).
struct Streamed<'a, I> {
    report: &'a AuditReport,
    readiness: &'a preflight_readiness::Readiness,
    pages: RefCell<Option<I>>,
}

impl<I> Serialize for Streamed<'_, I>
where
    I: Iterator<Item = Result<PageReport, String>>,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let r = self.report;
        let mut s = serializer.serialize_struct("ReportExport", 12)?;
        s.serialize_field("schema_version", &r.schema_version)?;
        s.serialize_field("generator", &r.generator)?;
        s.serialize_field("started_at", &r.started_at)?;
        s.serialize_field("finished_at", &r.finished_at)?;
        s.serialize_field("status", &r.status)?;
        if let Some(planned) = &r.planned_pages {
            s.serialize_field("planned_pages", planned)?;
        }
        s.serialize_field("summary", &r.summary)?;
        let pages = self
            .pages
            .borrow_mut()
            .take()
            .ok_or_else(|| S::Error::custom("pages written twice"))?;
        s.serialize_field("pages", &Pages(RefCell::new(Some(pages)), r.pages.len()))?;
        s.serialize_field("limits", &r.limits)?;
        if let Some(funnel) = &r.funnel {
            s.serialize_field("funnel", funnel)?;
        }
        s.serialize_field("journeys", &r.journeys)?;
        s.serialize_field("readiness", self.readiness)?;
        s.end()
    }
}

struct Pages<I>(RefCell<Option<I>>, usize);

impl<I> Serialize for Pages<I>
where
    I: Iterator<Item = Result<PageReport, String>>,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let pages = self
            .0
            .borrow_mut()
            .take()
            .ok_or_else(|| S::Error::custom("pages written twice"))?;
        let mut seq = serializer.serialize_seq(Some(self.1))?;
        let mut written = 0;
        for page in pages {
            seq.serialize_element(&page.map_err(S::Error::custom)?)?;
            written += 1;
        }
        if written != self.1 {
            return Err(S::Error::custom(format!(
                "{written} pages were kept for a report of {}",
                self.1
            )));
        }
        seq.end()
    }
}
