//! `preflight plan`: the ROAS planner on a plan file.

use crate::args::{Format, PlanArgs};
use crate::Failure;
use std::process::ExitCode;

pub fn run(args: PlanArgs) -> Result<ExitCode, Failure> {
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
    Ok(ExitCode::SUCCESS)
}
