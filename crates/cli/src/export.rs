//! `preflight export`: a saved audit to PDF, CSV or JSON. Files are written atomically: a failed
//! export leaves nothing behind.

use crate::args::ExportArgs;
use crate::output::open_store;
use crate::Failure;
use preflight_report::{
    compare, findings_csv, render_pdf, report_json, write_atomically, PdfOptions,
};
use std::process::ExitCode;

pub fn run(args: ExportArgs) -> Result<ExitCode, Failure> {
    let store = open_store(&args.db.db)?;
    let report = store.load_report(args.id)?;
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
            Some(older) => Some(compare(&store.load_report(older)?, &report)),
            None => None,
        };
        let options = PdfOptions {
            client_name,
            agency_name: args.agency.clone(),
            agency_logo: None,
            comparison,
        };
        write_atomically(path, &render_pdf(&report, &options)?)?;
        eprintln!("wrote {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}
