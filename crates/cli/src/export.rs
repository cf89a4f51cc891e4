//! `preflight export`: a saved audit to PDF, CSV or JSON. Files are written atomically: a failed
//! export leaves nothing behind. A folder given instead of a file gets the file under the same
//! name the app gives it ("Acme audit 2026-11-25 #3.pdf").

use crate::args::ExportArgs;
use crate::output::open_store;
use crate::Failure;
use preflight_report::{
    compare, findings_csv, render_pdf, report_json_with, write_atomically, LogoFormat, PdfOptions,
};
use preflight_session::exports::audit_file_name;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run(args: ExportArgs) -> Result<ExitCode, Failure> {
    // A bad logo is a usage error: refuse it before anything is read or written.
    let logo = args.logo.as_deref().map(read_logo).transpose()?;
    let store = open_store(&args.db)?;
    let report = preflight_session::load_audit(&store, args.id)?;
    let client_name = store.audit_summary(args.id)?.client_name;
    let seen = preflight_session::ground_truth::what_openai_saw(&store, args.id)?;
    let server_side = preflight_session::capi::server_side_section(&store, args.id)?;
    // The file itself, or the app's name for it inside a folder.
    let target = |path: &Path, extension: &str| -> PathBuf {
        if path.is_dir() {
            path.join(audit_file_name(
                client_name.as_deref(),
                &report.started_at,
                args.id,
                extension,
            ))
        } else {
            path.to_path_buf()
        }
    };
    if let Some(path) = &args.json {
        let path = target(path, "json");
        write_atomically(
            &path,
            &report_json_with(&report, seen.as_ref(), server_side.as_ref())?,
        )?;
        eprintln!("wrote {}", path.display());
    }
    if let Some(path) = &args.csv {
        let path = target(path, "csv");
        write_atomically(&path, &findings_csv(&report)?)?;
        eprintln!("wrote {}", path.display());
    }
    if let Some(path) = &args.pdf {
        let path = target(path, "pdf");
        let comparison = match args.compare_with {
            Some(older) => Some(compare(
                &preflight_session::load_audit(&store, older)?,
                &report,
            )),
            None => None,
        };
        let options = PdfOptions {
            client_name: client_name.clone(),
            agency_name: args.agency.clone(),
            agency_logo: logo,
            comparison,
            what_openai_saw: seen.clone(),
            server_side_conversions: server_side.clone(),
        };
        write_atomically(&path, &render_pdf(&report, &options)?)?;
        eprintln!("wrote {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads a logo file for a PDF cover (the session's rules: the format told from the content,
/// else the extension, and the image must decode).
pub fn read_logo(path: &Path) -> Result<(Vec<u8>, LogoFormat), Failure> {
    Ok(preflight_session::exports::read_logo(path)?)
}
