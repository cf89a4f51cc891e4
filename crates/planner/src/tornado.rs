//! Which uncertain input matters most: L4 ROAS with one input at its low and then its high
//! end, all others at their likely values, ranked by how far L4 moves.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::PlanError;
use crate::model::{InputName, Model};
use crate::plan::Plan;
use crate::validate::build;

/// One bar of the tornado chart.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct TornadoBar {
    pub input: InputName,
    pub low: f64,
    pub high: f64,
    /// L4 ROAS with this input at `low`.
    pub l4_roas_at_low: f64,
    /// L4 ROAS with this input at `high`.
    pub l4_roas_at_high: f64,
    /// |l4_roas_at_high − l4_roas_at_low|
    pub swing: f64,
}

/// Tornado bars for every ranged input, widest swing first.
pub fn tornado(plan: &Plan) -> Result<Vec<TornadoBar>, PlanError> {
    let (model, _) = build(plan)?;
    tornado_from_model(&model)
}

pub(crate) fn tornado_from_model(model: &Model) -> Result<Vec<TornadoBar>, PlanError> {
    let l4_with = |name: InputName, x: f64| -> Result<f64, PlanError> {
        let mut v = model.likely;
        v[name] = x;
        let o = model.outcome(&v)?;
        Ok(o.revenue * o.factors[3] / o.spend)
    };
    let mut bars = Vec::with_capacity(model.ranges.len());
    for (name, range) in &model.ranges {
        let at_low = l4_with(*name, range.low)?;
        let at_high = l4_with(*name, range.high)?;
        bars.push(TornadoBar {
            input: *name,
            low: range.low,
            high: range.high,
            l4_roas_at_low: at_low,
            l4_roas_at_high: at_high,
            swing: (at_high - at_low).abs(),
        });
    }
    // Stable sort: equal swings keep the plan's field order, so output is reproducible.
    bars.sort_by(|a, b| b.swing.total_cmp(&a.swing));
    Ok(bars)
}
