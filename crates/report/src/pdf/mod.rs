//! The PDF documents a stakeholder reads, laid out by Typst from embedded templates: the audit
//! report ([`render_pdf`]) and the ROAS plan ([`render_plan_pdf`]).
//!
//! The templates (`report.typ`, `plan.typ`, sharing `common.typ`) never receive report text as
//! markup: everything is serialised to a JSON file in an in-memory file system and read with
//! `json(...)`, so a page title such as `#set text(red)]` prints as those characters.

mod appendix;
mod changes;
mod compare_model;
mod findings;
mod funnel;
mod model;
mod openai_seen;
mod plan_model;
mod server_side;
mod summary;
mod text;
mod tone;
mod world;

use crate::compare::Comparison;
use crate::dates::human_day;
use crate::error::ExportError;
use preflight_document::report::AuditReport;
use preflight_planner::PlanReport;
use serde::Serialize;
use typst::diag::SourceDiagnostic;
use typst::foundations::Bytes;
use typst::visualize::{ExchangeFormat, RasterImage, SvgImage};
use typst_layout::PagedDocument;
use world::{MemoryWorld, DATA_PATH};

pub use compare_model::{compare_pdf, ComparePdfOptions};

const TEMPLATE: &str = include_str!("report.typ");
const PLAN_TEMPLATE: &str = include_str!("plan.typ");

/// The image format of an agency logo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogoFormat {
    Png,
    Jpeg,
    Svg,
}

impl LogoFormat {
    /// The format the bytes are in, told from their content: the PNG or JPEG signature, or an
    /// `<svg` element in UTF-8 text. `None` for anything else.
    pub fn detect(bytes: &[u8]) -> Option<LogoFormat> {
        if bytes.starts_with(PNG_SIGNATURE) {
            Some(LogoFormat::Png)
        } else if bytes.starts_with(JPEG_SIGNATURE) {
            Some(LogoFormat::Jpeg)
        } else if std::str::from_utf8(bytes).is_ok_and(|text| text.contains("<svg")) {
            Some(LogoFormat::Svg)
        } else {
            None
        }
    }

    /// The format a file name's extension names (`png`, `jpg`/`jpeg`, `svg`, any case).
    pub fn from_extension(extension: &str) -> Option<LogoFormat> {
        match extension.to_ascii_lowercase().as_str() {
            "png" => Some(LogoFormat::Png),
            "jpg" | "jpeg" => Some(LogoFormat::Jpeg),
            "svg" => Some(LogoFormat::Svg),
            _ => None,
        }
    }

    fn virtual_path(self) -> &'static str {
        match self {
            LogoFormat::Png => "/logo.png",
            LogoFormat::Jpeg => "/logo.jpg",
            LogoFormat::Svg => "/logo.svg",
        }
    }

    fn name(self) -> &'static str {
        match self {
            LogoFormat::Png => "PNG",
            LogoFormat::Jpeg => "JPEG",
            LogoFormat::Svg => "SVG",
        }
    }
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
const JPEG_SIGNATURE: &[u8] = b"\xff\xd8\xff";

/// Optional additions to the PDF.
#[derive(Debug, Clone, Default)]
pub struct PdfOptions {
    /// Printed on the cover and in the running header.
    pub client_name: Option<String>,
    /// White label: "Prepared by <agency>" on the cover.
    pub agency_name: Option<String>,
    /// White label: the agency's logo on the cover (PNG, JPEG or SVG bytes).
    pub agency_logo: Option<(Vec<u8>, LogoFormat)>,
    /// Adds a "Changes since <date>" section.
    pub comparison: Option<Comparison>,
    /// Adds a "What OpenAI saw" section: OpenAI's review of the ads and the access log.
    pub what_openai_saw: Option<crate::ground_truth::WhatOpenAiSaw>,
    /// Adds a "Server-side conversions" section: the client's latest Conversions API
    /// validation and pairing with the pixel's events.
    pub server_side_conversions: Option<preflight_capi::ServerSideConversions>,
}

/// What the cover of a plan PDF names.
#[derive(Debug, Clone, Default)]
pub struct PlanPdfOptions {
    /// Printed on the cover and in the running header.
    pub client_name: Option<String>,
    /// The scenario's name, printed on the cover and in the running header.
    pub scenario_name: Option<String>,
    /// White label: "Prepared by <agency>" on the cover.
    pub agency_name: Option<String>,
    /// White label: the agency's logo on the cover (PNG, JPEG or SVG bytes).
    pub agency_logo: Option<(Vec<u8>, LogoFormat)>,
    /// The date on the cover; `None` prints today's date (local time, or UTC when the local
    /// offset cannot be told). Give one to get the same bytes on every run.
    pub date: Option<time::Date>,
}

/// Renders the report as a PDF: cover, executive summary, charts, findings table, limits of
/// the checks, optional changes since an earlier audit, what OpenAI saw and server-side
/// conversions, and a technical appendix.
///
/// The report is read under the counting rules first (as `preflight_session::load_audit` does;
/// reading twice changes nothing), and every count, the verdict and the checklist come from
/// [`preflight_readiness::assess`], so the PDF says what the app and the other exports say
/// whatever report it is given.
pub fn render_pdf(report: &AuditReport, options: &PdfOptions) -> Result<Vec<u8>, ExportError> {
    let mut files = Vec::new();
    let logo_path = add_logo(&options.agency_logo, &mut files)?;
    let branding = model::Branding {
        client_name: options.client_name.as_deref(),
        agency_name: options.agency_name.as_deref(),
        logo_path,
    };
    let audit = crate::read::read(report);
    let data = model::build(
        &audit,
        &branding,
        options.comparison.as_ref(),
        options.what_openai_saw.as_ref(),
        options.server_side_conversions.as_ref(),
    );
    compile(TEMPLATE, &data, files)
}

/// Renders a ROAS plan as a PDF for a marketing stakeholder: a cover (client, scenario, date,
/// what the channel is really worth), an executive summary in plain words, the four-layer
/// waterfall as a chart with the layer figures, the simulated ranges, the inputs that matter
/// most, every input with the defaults and their reasons, the planner's warnings and the
/// limits of the model. A figure that is not a finite number prints as a dash, explained.
pub fn render_plan_pdf(
    report: &PlanReport,
    options: &PlanPdfOptions,
) -> Result<Vec<u8>, ExportError> {
    let mut files = Vec::new();
    let logo_path = add_logo(&options.agency_logo, &mut files)?;
    let date = options.date.unwrap_or_else(today);
    let branding = plan_model::PlanBranding {
        client_name: options.client_name.as_deref(),
        scenario_name: options.scenario_name.as_deref(),
        agency_name: options.agency_name.as_deref(),
        logo_path,
        date: human_day(date),
    };
    let data = plan_model::build(report, &branding);
    compile(PLAN_TEMPLATE, &data, files)
}

fn today() -> time::Date {
    time::OffsetDateTime::now_local()
        .unwrap_or_else(|_| time::OffsetDateTime::now_utc())
        .date()
}

/// Checks the logo and adds it to the virtual files; returns its path for the template.
fn add_logo(
    logo: &Option<(Vec<u8>, LogoFormat)>,
    files: &mut Vec<(&'static str, Vec<u8>)>,
) -> Result<Option<&'static str>, ExportError> {
    match logo {
        Some((bytes, format)) => {
            check_logo(bytes, *format)?;
            files.push((format.virtual_path(), bytes.clone()));
            Ok(Some(format.virtual_path()))
        }
        None => Ok(None),
    }
}

fn compile<T: Serialize>(
    template: &str,
    data: &T,
    mut files: Vec<(&'static str, Vec<u8>)>,
) -> Result<Vec<u8>, ExportError> {
    let json = serde_json::to_vec(data).map_err(|e| ExportError::EncodeFailed(e.to_string()))?;
    files.push((DATA_PATH, json));

    let world = MemoryWorld::new(template, files);
    let compiled = typst::compile::<PagedDocument>(&world).output;
    // Typst memoises layout work for incremental recompiles; an export is one-shot, so drop
    // it all rather than let a long-lived app accumulate it.
    typst::comemo::evict(0);
    let document = compiled.map_err(|errors| render_failed(&errors))?;
    typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default())
        .map_err(|errors| render_failed(&errors))
}

/// Checks that a logo can be placed on a cover: the bytes must be in the given format and
/// decode as an image. The PDF functions call this themselves; callers may call it first to
/// reject a logo before doing any other work.
pub fn check_logo(bytes: &[u8], format: LogoFormat) -> Result<(), ExportError> {
    let invalid = |reason: &str| ExportError::InvalidLogo {
        format: format.name(),
        reason: reason.to_string(),
    };
    let raster = |exchange: ExchangeFormat| {
        let decoded = RasterImage::plain(Bytes::new(bytes.to_vec()), exchange)
            .map(|_| ())
            .map_err(|e| invalid(&format!("it cannot be decoded ({e})")));
        typst::comemo::evict(0);
        decoded
    };
    match format {
        LogoFormat::Png if !bytes.starts_with(PNG_SIGNATURE) => {
            Err(invalid("the data does not start with a PNG signature"))
        }
        LogoFormat::Jpeg if !bytes.starts_with(JPEG_SIGNATURE) => {
            Err(invalid("the data does not start with a JPEG signature"))
        }
        LogoFormat::Png => raster(ExchangeFormat::Png),
        LogoFormat::Jpeg => raster(ExchangeFormat::Jpg),
        LogoFormat::Svg => {
            let text = std::str::from_utf8(bytes).map_err(|_| invalid("it is not UTF-8 text"))?;
            if !text.contains("<svg") {
                return Err(invalid("it has no <svg> element"));
            }
            let parsed = SvgImage::new(Bytes::new(bytes.to_vec()))
                .map(|_| ())
                .map_err(|_| invalid("it is not a well-formed SVG drawing"));
            typst::comemo::evict(0);
            parsed
        }
    }
}

fn render_failed(errors: &[SourceDiagnostic]) -> ExportError {
    let messages: Vec<String> = errors
        .iter()
        .map(|e| {
            let mut message = e.message.to_string();
            for hint in &e.hints {
                message.push_str(&format!(" (hint: {})", hint.v));
            }
            message
        })
        .collect();
    ExportError::RenderFailed(messages.join("; "))
}
