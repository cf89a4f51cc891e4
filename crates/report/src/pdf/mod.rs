//! The PDF report a stakeholder reads, laid out by Typst from an embedded template.
//!
//! The template (`report.typ`) never receives report text as markup: everything is serialised
//! to a JSON file in an in-memory file system and read with `json(...)`, so a page title such
//! as `#set text(red)]` prints as those characters.

mod model;
mod text;
mod world;

use crate::compare::Comparison;
use crate::error::ExportError;
use preflight_audit::report::AuditReport;
use typst::diag::SourceDiagnostic;
use typst_layout::PagedDocument;
use world::{MemoryWorld, DATA_PATH};

const TEMPLATE: &str = include_str!("report.typ");

/// The image format of an agency logo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogoFormat {
    Png,
    Svg,
}

impl LogoFormat {
    fn virtual_path(self) -> &'static str {
        match self {
            LogoFormat::Png => "/logo.png",
            LogoFormat::Svg => "/logo.svg",
        }
    }

    fn name(self) -> &'static str {
        match self {
            LogoFormat::Png => "PNG",
            LogoFormat::Svg => "SVG",
        }
    }
}

/// Optional additions to the PDF.
#[derive(Debug, Clone, Default)]
pub struct PdfOptions {
    /// Printed on the cover and in the running header.
    pub client_name: Option<String>,
    /// White label: "Prepared by <agency>" on the cover.
    pub agency_name: Option<String>,
    /// White label: the agency's logo on the cover (PNG or SVG bytes).
    pub agency_logo: Option<(Vec<u8>, LogoFormat)>,
    /// Adds a "Changes since <date>" section.
    pub comparison: Option<Comparison>,
}

/// Renders the report as a PDF: cover, executive summary, charts, findings table, limits of
/// the checks, optional changes since an earlier audit, and a technical appendix.
pub fn render_pdf(report: &AuditReport, options: &PdfOptions) -> Result<Vec<u8>, ExportError> {
    let mut files = Vec::new();
    let logo_path = match &options.agency_logo {
        Some((bytes, format)) => {
            check_logo(bytes, *format)?;
            files.push((format.virtual_path(), bytes.clone()));
            Some(format.virtual_path())
        }
        None => None,
    };
    let branding = model::Branding {
        client_name: options.client_name.as_deref(),
        agency_name: options.agency_name.as_deref(),
        logo_path,
    };
    let data = model::build(report, &branding, options.comparison.as_ref());
    let json = serde_json::to_vec(&data).map_err(|e| ExportError::EncodeFailed(e.to_string()))?;
    files.push((DATA_PATH, json));

    let world = MemoryWorld::new(TEMPLATE, files);
    let compiled = typst::compile::<PagedDocument>(&world).output;
    // Typst memoises layout work for incremental recompiles; an export is one-shot, so drop
    // it all rather than let a long-lived app accumulate it.
    typst::comemo::evict(0);
    let document = compiled.map_err(|errors| render_failed(&errors))?;
    typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default())
        .map_err(|errors| render_failed(&errors))
}

/// Rejects a logo Typst could not decode, before it becomes an obscure layout error.
fn check_logo(bytes: &[u8], format: LogoFormat) -> Result<(), ExportError> {
    let invalid = |reason: &str| ExportError::InvalidLogo {
        format: format.name(),
        reason: reason.to_string(),
    };
    match format {
        LogoFormat::Png if !bytes.starts_with(b"\x89PNG\r\n\x1a\n") => {
            Err(invalid("the data does not start with a PNG signature"))
        }
        LogoFormat::Svg => {
            let text = std::str::from_utf8(bytes).map_err(|_| invalid("it is not UTF-8 text"))?;
            if text.contains("<svg") {
                Ok(())
            } else {
                Err(invalid("it has no <svg> element"))
            }
        }
        LogoFormat::Png => Ok(()),
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
