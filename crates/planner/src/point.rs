//! The point result: every layer at the likely values, and the waterfall between them.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::PlanError;
use crate::model::{Model, Outcome};
use crate::plan::Plan;
use crate::reach::{reach, Reach};
use crate::validate::build;

/// The four layers, from what Ads Manager shows to what finance should decide on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum Layer {
    /// L1: what Ads Manager and the pixel show.
    Standard,
    /// L2: adds conversions that happen after the attribution window.
    FullCycle,
    /// L3: removes conversions that would have happened without the ad.
    Incremental,
    /// L4: adds the lift from being cited in AI answers.
    Halo,
}

impl Layer {
    pub const ALL: [Layer; 4] = [
        Layer::Standard,
        Layer::FullCycle,
        Layer::Incremental,
        Layer::Halo,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Layer::Standard => "L1",
            Layer::FullCycle => "L2",
            Layer::Incremental => "L3",
            Layer::Halo => "L4",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Layer::Standard => "Standard (what Ads Manager shows)",
            Layer::FullCycle => "Full-cycle (adds late conversions)",
            Layer::Incremental => "Incremental (removes sales you'd get anyway)",
            Layer::Halo => "Halo-adjusted (adds AI visibility lift)",
        }
    }
}

/// One value per layer.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct PerLayer<T> {
    pub standard: T,
    pub full_cycle: T,
    pub incremental: T,
    pub halo: T,
}

impl<T> PerLayer<T> {
    pub fn from_fn(mut f: impl FnMut(Layer) -> T) -> Self {
        PerLayer {
            standard: f(Layer::Standard),
            full_cycle: f(Layer::FullCycle),
            incremental: f(Layer::Incremental),
            halo: f(Layer::Halo),
        }
    }

    pub fn get(&self, layer: Layer) -> &T {
        match layer {
            Layer::Standard => &self.standard,
            Layer::FullCycle => &self.full_cycle,
            Layer::Incremental => &self.incremental,
            Layer::Halo => &self.halo,
        }
    }
}

/// What one layer counts.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct LayerResult {
    pub conversions: f64,
    pub revenue: f64,
    pub roas: f64,
    /// Profit on ad spend: ROAS × margin.
    pub poas: f64,
    /// Cost per conversion counted at this layer.
    pub cpa: f64,
}

/// The kind of a waterfall step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum WaterfallStepKind {
    /// Starting total: L1.
    Standard,
    /// + conversions after the window (L2 − L1).
    BlindSpot,
    /// − conversions that would have happened anyway (L3 − L2, negative).
    Cannibalization,
    /// + AI visibility lift (L4 − L3).
    Halo,
    /// Final total: L4.
    HaloAdjusted,
}

/// One bar of the waterfall. Totals carry the layer's value in `roas`/`revenue`; the steps
/// between carry the signed change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct WaterfallStep {
    pub step: WaterfallStepKind,
    pub label: String,
    pub is_total: bool,
    pub roas: f64,
    pub revenue: f64,
    pub roas_after: f64,
    pub revenue_after: f64,
}

/// The plan evaluated at its likely values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct PointResult {
    pub spend: f64,
    pub clicks: f64,
    /// Only when buying on CPM.
    pub impressions: Option<f64>,
    pub cvr: f64,
    pub value_per_conversion: f64,
    pub margin: f64,
    pub window_days: f64,
    /// Share of all eventual conversions that land inside the window.
    pub f_in: f64,
    /// cvr / f_in: the share of clicks that eventually convert.
    pub implied_eventual_cvr: f64,
    /// 1 / margin: the ROAS at which the campaign pays for itself.
    pub break_even_roas: f64,
    pub layers: PerLayer<LayerResult>,
    /// L1 → + blind spot → − cannibalization → + halo → L4.
    pub waterfall: Vec<WaterfallStep>,
    /// Only when the plan has reach inputs.
    pub reach: Option<Reach>,
}

/// Evaluate a plan at its likely values.
pub fn evaluate(plan: &Plan) -> Result<PointResult, PlanError> {
    let (model, _) = build(plan)?;
    point_from_model(&model, reach(plan)?)
}

pub(crate) fn point_from_model(
    model: &Model,
    reach: Option<Reach>,
) -> Result<PointResult, PlanError> {
    let v = &model.likely;
    let o = model.outcome(v)?;
    let layers = layer_results(&o);
    let cvr = v[crate::model::InputName::Cvr];
    Ok(PointResult {
        spend: o.spend,
        clicks: o.clicks,
        impressions: o.impressions,
        cvr,
        value_per_conversion: o.value,
        margin: o.margin,
        window_days: v[crate::model::InputName::WindowDays],
        f_in: o.f_in,
        implied_eventual_cvr: cvr / o.f_in,
        break_even_roas: 1.0 / o.margin,
        waterfall: waterfall(&layers),
        layers,
        reach,
    })
}

pub(crate) fn layer_results(o: &Outcome) -> PerLayer<LayerResult> {
    PerLayer::from_fn(|layer| {
        let factor = o.factors[layer as usize];
        let conversions = o.conversions * factor;
        let revenue = o.revenue * factor;
        let roas = revenue / o.spend;
        LayerResult {
            conversions,
            revenue,
            roas,
            poas: roas * o.margin,
            cpa: o.spend / conversions,
        }
    })
}

fn waterfall(layers: &PerLayer<LayerResult>) -> Vec<WaterfallStep> {
    let total = |step, label: &str, l: &LayerResult| WaterfallStep {
        step,
        label: label.to_string(),
        is_total: true,
        roas: l.roas,
        revenue: l.revenue,
        roas_after: l.roas,
        revenue_after: l.revenue,
    };
    let change = |step, label: &str, from: &LayerResult, to: &LayerResult| WaterfallStep {
        step,
        label: label.to_string(),
        is_total: false,
        roas: to.roas - from.roas,
        revenue: to.revenue - from.revenue,
        roas_after: to.roas,
        revenue_after: to.revenue,
    };
    vec![
        total(
            WaterfallStepKind::Standard,
            "L1 standard ROAS",
            &layers.standard,
        ),
        change(
            WaterfallStepKind::BlindSpot,
            "+ conversions after the attribution window",
            &layers.standard,
            &layers.full_cycle,
        ),
        change(
            WaterfallStepKind::Cannibalization,
            "− conversions that would have happened anyway",
            &layers.full_cycle,
            &layers.incremental,
        ),
        change(
            WaterfallStepKind::Halo,
            "+ AI visibility lift",
            &layers.incremental,
            &layers.halo,
        ),
        total(
            WaterfallStepKind::HaloAdjusted,
            "L4 halo-adjusted ROAS",
            &layers.halo,
        ),
    ]
}
