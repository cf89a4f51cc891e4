//! `preflight compare`: two saved audits compared, as a PDF for stakeholders (each audit's
//! readiness, then what changed) or a CSV with one row per change. Written atomically, like
//! every export.

use crate::args::DbArg;
use crate::export::read_logo;
use crate::output::open_store;
use crate::Failure;
use clap::{Args, ValueEnum};
use preflight_report::{compare, compare_csv, compare_pdf, write_atomically, ComparePdfOptions};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct CompareArgs {
    /// The earlier audit's id (see `preflight audits list`).
    #[arg(long, value_name = "ID")]
    pub older: i64,
    /// The later audit's id.
    #[arg(long, value_name = "ID")]
    pub newer: i64,
    #[arg(long, value_enum, default_value = "pdf")]
    pub format: CompareFormat,
    /// The file to write.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// With --format pdf: the agency preparing the report (white label).
    #[arg(long, value_name = "NAME")]
    pub agency: Option<String>,
    /// With --format pdf: the agency's logo (PNG, JPEG or SVG).
    #[arg(long, value_name = "FILE")]
    pub logo: Option<PathBuf>,
    #[command(flatten)]
    pub db: DbArg,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum CompareFormat {
    Pdf,
    Csv,
}

pub fn run(args: CompareArgs) -> Result<ExitCode, Failure> {
    // A bad logo is a usage error: refuse it before anything is read or written.
    let logo = args.logo.as_deref().map(read_logo).transpose()?;
    let store = open_store(&args.db)?;
    let older = preflight_session::load_audit(&store, args.older)?;
    let newer = preflight_session::load_audit(&store, args.newer)?;
    let bytes = match args.format {
        CompareFormat::Csv => compare_csv(&compare(&older, &newer))?,
        CompareFormat::Pdf => {
            let options = ComparePdfOptions {
                client_name: store.audit_summary(args.newer)?.client_name,
                agency_name: args.agency.clone(),
                agency_logo: logo,
            };
            compare_pdf(&older, &newer, &options)?
        }
    };
    write_atomically(&args.output, &bytes)?;
    eprintln!("wrote {}", args.output.display());
    Ok(ExitCode::SUCCESS)
}
