//! ROAS plans for the plan PDF tests and the example.

use preflight_planner::{plan_report, Plan, PlanReport};

/// A scenario name written to break naive templating.
pub const HOSTILE_SCENARIO: &str = "Q3 #set text(red)] *bold* _x_ $y$ <b>{{7*7}}</b> @ref \\";

/// E-commerce with uncertain conversion rate, order value, cost per click, lag and
/// cannibalization; margin and the AI inputs are the user's, the window is a default.
pub const RANGED_PLAN: &str = r#"{
  "spend": 10000,
  "cpc": {"low": 3, "likely": 4, "high": 6},
  "cvr": {"low": 0.02, "likely": 0.03, "high": 0.045},
  "value": {"low": 90, "likely": 120, "high": 160},
  "margin": 0.4,
  "lag_median_days": {"low": 3, "likely": 8, "high": 15},
  "lag_sigma": 1.2,
  "cannibalization": {"low": 0.1, "likely": 0.25, "high": 0.4},
  "ai_citation_share": 0.3,
  "ai_lift": 0.2
}"#;

/// Only spend, cvr and value: everything else is a default.
pub const MINIMAL_PLAN: &str = r#"{"spend": 3000, "cpc": 2.5, "cvr": 0.04, "value": 150}"#;

pub fn report(plan_json: &str, draws: usize) -> PlanReport {
    let plan = Plan::from_json(plan_json).expect("sample plan is valid");
    plan_report(&plan, draws, 7).expect("sample plan evaluates")
}

pub fn ranged_report() -> PlanReport {
    report(RANGED_PLAN, 10_000)
}
