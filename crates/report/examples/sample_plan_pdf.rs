//! Writes a sample ROAS plan PDF, for looking at the layout by eye:
//!
//! ```text
//! cargo run -p preflight-report --example sample_plan_pdf -- OUT_DIR
//! pdftoppm -png -r 60 OUT_DIR/plan.pdf OUT_DIR/plan
//! ```

#[path = "../tests/support/mod.rs"]
mod support;

use preflight_report::{render_plan_pdf, write_atomically, LogoFormat, PlanPdfOptions};
use std::path::PathBuf;

const LOGO: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40"><rect width="40" height="40" rx="6" fill="#1f3a5f"/><circle cx="20" cy="20" r="10" fill="#fff"/></svg>"##;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = PathBuf::from(
        std::env::args()
            .nth(1)
            .ok_or("usage: sample_plan_pdf OUT_DIR")?,
    );
    let options = PlanPdfOptions {
        client_name: Some("Acme Outdoor GmbH".into()),
        scenario_name: Some("Spring launch, cautious".into()),
        agency_name: Some("Northwind Digital".into()),
        agency_logo: Some((LOGO.as_bytes().to_vec(), LogoFormat::Svg)),
        date: None,
    };
    let report = support::plan::ranged_report();
    write_atomically(&out.join("plan.pdf"), &render_plan_pdf(&report, &options)?)?;
    let minimal = support::plan::report(support::plan::MINIMAL_PLAN, 10_000);
    write_atomically(
        &out.join("plan-minimal.pdf"),
        &render_plan_pdf(&minimal, &PlanPdfOptions::default())?,
    )?;
    Ok(())
}
