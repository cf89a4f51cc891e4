//! Writes one client's 13-page audit as PDF (with the changes since an earlier audit), and the
//! comparison of the two audits as PDF and CSV, for looking at the layout by eye:
//!
//! ```text
//! cargo run -p preflight-report --example client_pdf -- OUT_DIR
//! pdftoppm -png -r 60 OUT_DIR/client.pdf OUT_DIR/client
//! pdftoppm -png -r 60 OUT_DIR/comparison.pdf OUT_DIR/comparison
//! ```

#[path = "../tests/common/mod.rs"]
mod common;

use common::client::{client_audit, earlier_audit, CLIENT};
use preflight_report::{compare, compare_csv, compare_pdf, render_pdf, write_atomically};
use preflight_report::{ComparePdfOptions, PdfOptions};
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = PathBuf::from(std::env::args().nth(1).ok_or("usage: client_pdf OUT_DIR")?);
    let (older, newer) = (earlier_audit(), client_audit());
    let options = PdfOptions {
        client_name: Some(CLIENT.into()),
        agency_name: Some("Northwind Digital".into()),
        agency_logo: None,
        comparison: Some(compare(&older, &newer)),
        ..PdfOptions::default()
    };
    write_atomically(&out.join("client.pdf"), &render_pdf(&newer, &options)?)?;
    let compare_options = ComparePdfOptions {
        client_name: options.client_name.clone(),
        agency_name: options.agency_name.clone(),
        agency_logo: None,
    };
    let comparison = compare_pdf(&older, &newer, &compare_options)?;
    write_atomically(&out.join("comparison.pdf"), &comparison)?;
    let csv = compare_csv(&compare(&older, &newer))?;
    write_atomically(&out.join("comparison.csv"), &csv)?;
    Ok(())
}
