//! The comparison of two audits as a PDF of its own: both audits' readiness side by side (the
//! readiness model's headline and counts for each), then what changed, worded as in the audit
//! PDF's "Changes since" section.

use super::changes::{comparison_data, ComparisonData};
use super::text::{breakable, sanitize};
use super::tone::{state_tone, Tone};
use super::{add_logo, compile, LogoFormat};
use crate::compare::compare;
use crate::dates::human_date;
use crate::error::ExportError;
use crate::figures::readiness_figures;
use crate::read::read;
use preflight_document::report::AuditReport;
use preflight_readiness::{Readiness, ReadinessState};
use serde::Serialize;

const COMPARE_TEMPLATE: &str = include_str!("compare.typ");

/// What the comparison PDF names besides the two audits.
#[derive(Debug, Clone, Default)]
pub struct ComparePdfOptions {
    /// Printed under the title and in the running header.
    pub client_name: Option<String>,
    /// White label: "Prepared by <agency>" above the title.
    pub agency_name: Option<String>,
    /// White label: the agency's logo above the title (PNG, JPEG or SVG bytes).
    pub agency_logo: Option<(Vec<u8>, LogoFormat)>,
}

#[derive(Serialize)]
struct CompareData {
    document_title: String,
    client_name: Option<String>,
    agency_name: Option<String>,
    logo: Option<String>,
    older_date: String,
    newer_date: String,
    older: AuditSide,
    newer: AuditSide,
    figures: Vec<FigureRow>,
    /// Said when either audit is partial: its figures hold for the pages it reached.
    partial_note: Option<String>,
    nothing_changed: bool,
    changes: ComparisonData,
}

#[derive(Serialize)]
struct AuditSide {
    label: String,
    tone: Tone,
    headline: String,
}

#[derive(Serialize)]
struct FigureRow {
    label: String,
    before: u32,
    after: u32,
    /// "+2", "−1" or "same".
    change: String,
}

/// Two audits compared, as a PDF: the readiness of each (headline and the five key figures,
/// the readiness model's), then the pages whose verdict changed, new problems, fixed, changed
/// status or severity, and pages added or removed. Both audits are read under the counting
/// rules first, as every export does.
pub fn compare_pdf(
    older: &AuditReport,
    newer: &AuditReport,
    options: &ComparePdfOptions,
) -> Result<Vec<u8>, ExportError> {
    let mut files = Vec::new();
    let logo = add_logo(&options.agency_logo, &mut files)?;
    let (before, after) = (read(older), read(newer));
    let comparison = compare(&before.report, &after.report);
    let client_name = options
        .client_name
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let figures = readiness_figures(&before.readiness)
        .into_iter()
        .zip(readiness_figures(&after.readiness))
        .map(|(b, a)| FigureRow {
            label: a.label,
            before: b.value,
            after: a.value,
            change: match i64::from(a.value) - i64::from(b.value) {
                0 => "same".to_string(),
                d if d > 0 => format!("+{d}"),
                d => format!("\u{2212}{}", -d),
            },
        })
        .collect();
    let older_date = human_date(&before.report.started_at);
    let newer_date = human_date(&after.report.started_at);
    let partial: Vec<&str> = [
        (&before.readiness, older_date.as_str()),
        (&after.readiness, newer_date.as_str()),
    ]
    .iter()
    .filter(|(r, _)| r.state == ReadinessState::Partial)
    .map(|(_, date)| *date)
    .collect();
    let data = CompareData {
        document_title: match client_name {
            Some(client) => format!("What changed: {}", sanitize(client)),
            None => "What changed between two audits".to_string(),
        },
        client_name: client_name.map(breakable),
        agency_name: options
            .agency_name
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(breakable),
        logo: logo.map(str::to_string),
        older: side(&before.readiness),
        newer: side(&after.readiness),
        figures,
        partial_note: match partial[..] {
            [] => None,
            [date] => Some(format!(
                "The audit of {date} did not finish: its figures hold for the pages it reached and are not a readiness verdict."
            )),
            _ => Some(
                "Neither audit finished: their figures hold for the pages each reached and are not a readiness verdict."
                    .to_string(),
            ),
        },
        nothing_changed: comparison.is_unchanged(),
        changes: comparison_data(&comparison),
        older_date,
        newer_date,
    };
    compile(COMPARE_TEMPLATE, &data, files)
}

fn side(readiness: &Readiness) -> AuditSide {
    AuditSide {
        label: readiness.label.clone(),
        tone: state_tone(readiness.state),
        headline: sanitize(&readiness.headline),
    }
}
