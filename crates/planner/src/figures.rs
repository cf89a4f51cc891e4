//! Every money figure the app shows, written once in the plan's currency by [`MoneyFormat`], so
//! the window never formats money its own way.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::money::MoneyFormat;
use crate::point::{PerLayer, PointResult};
use crate::simulate::{Simulation, Spread};

/// The report's money figures as text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct MoneyFigures {
    pub format: MoneyFormat,
    /// One unit of the currency, as in "for every $1.00 spent".
    pub one: String,
    pub spend: String,
    pub layers: PerLayer<LayerMoney>,
    /// One per step of the point result's waterfall, in order: the totals as amounts, the
    /// steps between as signed changes ("−$2,257").
    pub waterfall: Vec<String>,
}

/// One layer's money figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct LayerMoney {
    pub revenue: String,
    pub cpa: String,
    /// Revenue per one unit of spend: the layer's ROAS as money ("$0.72").
    pub per_one: String,
    /// Simulated revenue, when the plan was simulated.
    pub revenue_spread: Option<SpreadText>,
}

/// A spread written out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct SpreadText {
    pub p10: String,
    pub p50: String,
    pub p90: String,
}

pub(crate) fn money_figures(
    format: MoneyFormat,
    point: &PointResult,
    simulation: Option<&Simulation>,
) -> MoneyFigures {
    let spread = |s: &Spread| SpreadText {
        p10: format.format(s.p10),
        p50: format.format(s.p50),
        p90: format.format(s.p90),
    };
    let layers = PerLayer::from_fn(|layer| {
        let l = point.layers.get(layer);
        LayerMoney {
            revenue: format.format(l.revenue),
            cpa: format.format(l.cpa),
            per_one: format.format(l.roas),
            revenue_spread: simulation.map(|sim| spread(&sim.layers.get(layer).revenue)),
        }
    });
    let waterfall = point
        .waterfall
        .iter()
        .map(|step| {
            if step.is_total {
                format.format(step.revenue)
            } else {
                format.signed(step.revenue)
            }
        })
        .collect();
    MoneyFigures {
        one: format.format(1.0),
        spend: format.format(point.spend),
        layers,
        waterfall,
        format,
    }
}
