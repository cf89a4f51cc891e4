//! Exports of a stored audit: a PDF a stakeholder reads ([`render_pdf`]), a findings CSV and
//! the report JSON an analyst uses ([`findings_csv`], [`report_json`]), and a finding-by-finding
//! comparison of two audits ([`compare`]). Also the PDF of a ROAS plan
//! ([`render_plan_pdf`]).
//!
//! Everything here is pure: an [`AuditReport`](preflight_document::AuditReport) or a
//! [`PlanReport`](preflight_planner::PlanReport) goes in, bytes come out. [`write_atomically`]
//! saves them without ever leaving a half-written file.
//!
//! No export counts on its own: each reads the audit under the counting rules and takes its
//! verdict, counts and checklist from the readiness model (`preflight_readiness::assess`), so
//! they say what the app and the command line say. [`readiness_figures`] gives the counts with
//! the labels every surface prints beside them.

mod atomic;
pub mod compare;
mod compare_csv;
mod csv_export;
mod dates;
mod error;
mod figures;
mod grid_csv;
pub mod ground_truth;
mod json_export;
mod json_stream;
mod junit;
mod pdf;
mod read;
mod readiness_schema;
mod utm_csv;

pub use atomic::write_atomically;
pub use compare::{
    compare, Comparison, Direction, FindingDelta, FindingState, PageSnapshot, VerdictChange,
};
pub use compare_csv::{compare_csv, COMPARE_CHANGES, COMPARE_CSV_COLUMNS};
pub use csv_export::{
    findings_csv, neutralise_formula, CSV_COLUMNS, EVIDENCE_SEPARATOR, FUNNEL_AREA,
};
pub use error::ExportError;
pub use figures::{readiness_figures, Figure};
pub use grid_csv::{page_grid_csv, page_grid_csv_of};
pub use ground_truth::WhatOpenAiSaw;
pub use json_export::{report_export_schema, report_json, report_json_with, ReportExport};
pub use json_stream::write_report_json;
pub use junit::junit_xml;
pub use pdf::{check_logo, render_pdf, render_plan_pdf, LogoFormat, PdfOptions, PlanPdfOptions};
pub use pdf::{compare_pdf, ComparePdfOptions};
pub use utm_csv::{utm_csv, UTM_CSV_COLUMNS};
