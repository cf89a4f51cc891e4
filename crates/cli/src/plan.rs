//! `preflight plan`: the ROAS planner on a plan file, printed as text or JSON and optionally
//! written as a PDF (atomically: a failed export leaves nothing behind).

use crate::args::{Format, PlanArgs};
use crate::export::read_logo;
use crate::Failure;
use preflight_report::{render_plan_pdf, write_atomically, PlanPdfOptions};
use std::process::ExitCode;

pub fn run(args: PlanArgs) -> Result<ExitCode, Failure> {
    // A bad logo is a usage error: refuse it before any work is done.
    let logo = args.logo.as_deref().map(read_logo).transpose()?;
    let text = std::fs::read_to_string(&args.input)
        .map_err(|e| Failure(format!("cannot read {}: {e}", args.input.display())))?;
    let plan = preflight_planner::Plan::from_json(&text)
        .map_err(|e| Failure(format!("the plan is not valid: {e}")))?;
    let report = preflight_planner::plan_report(&plan, args.draws as usize, args.seed)
        .map_err(|e| Failure(format!("the plan is not valid: {e}")))?;
    match args.format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&report)?),
        Format::Text => print!("{}", preflight_planner::render_text(&report)),
    }
    if let Some(path) = &args.pdf {
        let scenario_name = args.scenario.clone().or_else(|| {
            args.input
                .file_stem()
                .map(|stem| stem.to_string_lossy().into_owned())
        });
        let options = PlanPdfOptions {
            client_name: args.client.clone(),
            scenario_name,
            agency_name: args.agency.clone(),
            agency_logo: logo,
            date: None,
        };
        write_atomically(path, &render_plan_pdf(&report, &options)?)?;
        eprintln!("wrote {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}
