//! Everything about one plan in one document: point result, simulation, tornado, assumptions
//! and warnings. The single input to the CLI text, the app and the exports.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::assumption::Assumption;
use crate::error::PlanError;
use crate::figures::{money_figures, MoneyFigures};
use crate::money::MoneyFormat;
use crate::plan::Plan;
use crate::point::{point_from_model, PointResult};
use crate::reach::reach;
use crate::simulate::{simulate_model, Simulation, DEFAULT_DRAWS, DEFAULT_SEED};
use crate::tornado::{tornado_from_model, TornadoBar};
use crate::validate::build;
use crate::verdict::{plan_verdict, PlanVerdict};
use crate::warnings::{plan_warnings, PlanWarning};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct PlanReport {
    /// The plan as given, so the report can be re-run.
    pub plan: Plan,
    pub point: PointResult,
    /// `None` when no draws were asked for.
    pub simulation: Option<Simulation>,
    /// Ranged inputs, the one that moves L4 ROAS most first.
    pub tornado: Vec<TornadoBar>,
    /// Inputs the planner filled in with defaults.
    pub assumptions: Vec<Assumption>,
    pub warnings: Vec<PlanWarning>,
    /// Every money figure above that the app shows, written in the plan's currency.
    pub money: MoneyFigures,
    /// The headline and its colour, the same in the app, the command line and the PDF.
    pub verdict: PlanVerdict,
}

/// Evaluate, simulate (`draws` = 0 skips the simulation) and rank a plan.
pub fn plan_report(plan: &Plan, draws: usize, seed: u64) -> Result<PlanReport, PlanError> {
    let (model, assumptions) = build(plan)?;
    let point = point_from_model(&model, reach(plan)?)?;
    let simulation = match draws {
        0 => None,
        n => Some(simulate_model(&model, n, seed)?),
    };
    let tornado = tornado_from_model(&model)?;
    let format = MoneyFormat::new(plan.currency.as_deref());
    let warnings = plan_warnings(&model, &point, &assumptions, simulation.as_ref(), &format);
    let money = money_figures(format, &point, simulation.as_ref());
    let verdict = plan_verdict(&point, simulation.as_ref());
    Ok(PlanReport {
        plan: plan.clone(),
        point,
        simulation,
        tornado,
        assumptions,
        warnings,
        money,
        verdict,
    })
}

/// The report with [`DEFAULT_DRAWS`] draws and [`DEFAULT_SEED`]: what the app, the command line
/// and the PDF export show when nobody asks for other figures.
pub fn plan_report_default(plan: &Plan) -> Result<PlanReport, PlanError> {
    plan_report(plan, DEFAULT_DRAWS, DEFAULT_SEED)
}
