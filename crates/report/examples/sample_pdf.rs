//! Writes the sample audit's exports, for looking at the layout by eye:
//!
//! ```text
//! cargo run -p preflight-report --example sample_pdf -- OUT_DIR [PAGES]
//! pdftoppm -png -r 60 OUT_DIR/sample.pdf OUT_DIR/page
//! ```

#[path = "../tests/support/mod.rs"]
mod support;

use preflight_report::{compare, findings_csv, render_pdf, report_json, write_atomically};
use preflight_report::{LogoFormat, PdfOptions};
use std::path::PathBuf;

const LOGO: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40"><rect width="40" height="40" rx="6" fill="#1f3a5f"/><circle cx="20" cy="20" r="10" fill="#fff"/></svg>"##;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let out = PathBuf::from(args.next().ok_or("usage: sample_pdf OUT_DIR [PAGES]")?);
    let pages: usize = args.next().map(|n| n.parse()).transpose()?.unwrap_or(9);

    let report = support::report_with_pages(pages);
    let mut older = report.clone();
    older.started_at = "2026-04-27T09:00:00+02:00".into();
    older.pages[2].verdict = preflight_document::report::Verdict::Reachable;
    older.pages[0]
        .findings
        .retain(|f| f.id != "utm-dropped-on-redirect");
    let options = PdfOptions {
        client_name: Some("Acme Outdoor GmbH".into()),
        agency_name: Some("Northwind Digital".into()),
        agency_logo: Some((LOGO.as_bytes().to_vec(), LogoFormat::Svg)),
        comparison: Some(compare(&older, &report)),
        ..PdfOptions::default()
    };
    write_atomically(&out.join("sample.pdf"), &render_pdf(&report, &options)?)?;
    write_atomically(&out.join("sample.csv"), &findings_csv(&report)?)?;
    write_atomically(&out.join("sample.json"), &report_json(&report)?)?;
    Ok(())
}
