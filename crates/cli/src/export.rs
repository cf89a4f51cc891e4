//! `preflight export`: a saved audit to PDF, CSV or JSON. Files are written atomically: a failed
//! export leaves nothing behind.

use crate::args::ExportArgs;
use crate::output::open_store;
use crate::Failure;
use preflight_report::{
    check_logo, compare, findings_csv, render_pdf, report_json, write_atomically, LogoFormat,
    PdfOptions,
};
use std::path::Path;
use std::process::ExitCode;

pub fn run(args: ExportArgs) -> Result<ExitCode, Failure> {
    // A bad logo is a usage error: refuse it before anything is read or written.
    let logo = args.logo.as_deref().map(read_logo).transpose()?;
    let store = open_store(&args.db.db)?;
    let report = preflight_session::load_audit(&store, args.id)?;
    if let Some(path) = &args.json {
        write_atomically(path, &report_json(&report)?)?;
        eprintln!("wrote {}", path.display());
    }
    if let Some(path) = &args.csv {
        write_atomically(path, &findings_csv(&report)?)?;
        eprintln!("wrote {}", path.display());
    }
    if let Some(path) = &args.pdf {
        let client_name = store.audit_summary(args.id)?.client_name;
        let comparison = match args.compare_with {
            Some(older) => Some(compare(&preflight_session::load_audit(&store, older)?, &report)),
            None => None,
        };
        let options = PdfOptions {
            client_name,
            agency_name: args.agency.clone(),
            agency_logo: logo,
            comparison,
        };
        write_atomically(path, &render_pdf(&report, &options)?)?;
        eprintln!("wrote {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads a logo file for a PDF cover. The format is told from the content (PNG and JPEG
/// signatures, an `<svg` element), else from the extension, and the image must decode.
pub fn read_logo(path: &Path) -> Result<(Vec<u8>, LogoFormat), Failure> {
    let bytes = std::fs::read(path)
        .map_err(|e| Failure(format!("cannot read the logo {}: {e}", path.display())))?;
    let by_extension = path
        .extension()
        .and_then(|e| e.to_str())
        .and_then(LogoFormat::from_extension);
    let format = LogoFormat::detect(&bytes).or(by_extension).ok_or_else(|| {
        Failure(format!(
            "the logo {} is not a PNG, JPEG or SVG image",
            path.display()
        ))
    })?;
    check_logo(&bytes, format)
        .map_err(|e| Failure(format!("cannot use {} as the logo: {e}", path.display())))?;
    Ok((bytes, format))
}
