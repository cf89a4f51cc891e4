//! Reach (informational): how many people the ads can reach. Ads are shown only to ChatGPT
//! Free and Go users, and opt-outs shrink that audience each quarter.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::catalogue::bounds_of;
use crate::defaults::default_for;
use crate::error::PlanError;
use crate::plan::Plan;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct Reach {
    pub audience: f64,
    pub free_and_go_share: f64,
    pub quarterly_opt_out: f64,
    pub quarters: u32,
    /// audience × free_and_go_share × (1 − quarterly_opt_out)^quarters
    pub reachable: f64,
}

pub fn has_reach_inputs(plan: &Plan) -> bool {
    plan.audience.is_some()
        || plan.free_and_go_share.is_some()
        || plan.quarterly_opt_out.is_some()
        || plan.quarters.is_some()
}

/// All reach inputs must be given together (quarters may default) and be sensible.
pub fn validate(plan: &Plan) -> Result<(), PlanError> {
    reach(plan).map(|_| ())
}

/// The reach figure, or `None` when the plan has no reach inputs.
pub fn reach(plan: &Plan) -> Result<Option<Reach>, PlanError> {
    if !has_reach_inputs(plan) {
        return Ok(None);
    }
    let require = |field: &str, v: Option<f64>| {
        v.ok_or_else(|| {
            PlanError::new(
                field,
                "missing: reach needs audience, free_and_go_share and quarterly_opt_out together",
            )
        })
    };
    let audience = require("audience", plan.audience)?;
    let share = require("free_and_go_share", plan.free_and_go_share)?;
    let opt_out = require("quarterly_opt_out", plan.quarterly_opt_out)?;
    for (field, v) in [
        ("audience", audience),
        ("free_and_go_share", share),
        ("quarterly_opt_out", opt_out),
    ] {
        let bounds = bounds_of(field);
        if !(v.is_finite() && bounds.contains(v)) {
            return Err(PlanError::new(
                field,
                format!("{field} is {v}; it {}", bounds.describe()),
            ));
        }
    }
    let quarters = plan
        .quarters
        .unwrap_or(default_for("quarters").value as u32);
    let reachable = audience * share * (1.0 - opt_out).powi(quarters.min(i32::MAX as u32) as i32);
    Ok(Some(Reach {
        audience,
        free_and_go_share: share,
        quarterly_opt_out: opt_out,
        quarters,
        reachable,
    }))
}
