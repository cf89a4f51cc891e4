//! Writes one client's 13-page audit as PDF (with the changes since an earlier audit), for
//! looking at the layout by eye:
//!
//! ```text
//! cargo run -p preflight-report --example client_pdf -- OUT_DIR
//! pdftoppm -png -r 60 OUT_DIR/client.pdf OUT_DIR/client
//! ```

#[path = "../tests/common/mod.rs"]
mod common;

use common::client::{client_audit, earlier_audit, CLIENT};
use preflight_report::{compare, render_pdf, write_atomically, PdfOptions};
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = PathBuf::from(std::env::args().nth(1).ok_or("usage: client_pdf OUT_DIR")?);
    let (older, newer) = (earlier_audit(), client_audit());
    let options = PdfOptions {
        client_name: Some(CLIENT.into()),
        agency_name: Some("Northwind Digital".into()),
        agency_logo: None,
        comparison: Some(compare(&older, &newer)),
    };
    write_atomically(&out.join("client.pdf"), &render_pdf(&newer, &options)?)?;
    Ok(())
}
