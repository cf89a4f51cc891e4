//! The four-layer arithmetic on one set of numbers. Shared by the point result, every
//! simulation draw and the tornado, so all three agree by construction.

use std::ops::{Index, IndexMut};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::PlanError;
use crate::input::Range;
use crate::lag;
use crate::lag::LagPoint;

/// Every numeric plan input that can be a range.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema, TS,
)]
#[serde(rename_all = "snake_case")]
pub enum InputName {
    Spend,
    Cpc,
    Cpm,
    Ctr,
    Cvr,
    Value,
    LeadToOpportunity,
    WinRate,
    DealValue,
    Margin,
    WindowDays,
    LagMedianDays,
    LagSigma,
    Cannibalization,
    AiCitationShare,
    AiLift,
}

impl InputName {
    pub const ALL: [InputName; 16] = [
        InputName::Spend,
        InputName::Cpc,
        InputName::Cpm,
        InputName::Ctr,
        InputName::Cvr,
        InputName::Value,
        InputName::LeadToOpportunity,
        InputName::WinRate,
        InputName::DealValue,
        InputName::Margin,
        InputName::WindowDays,
        InputName::LagMedianDays,
        InputName::LagSigma,
        InputName::Cannibalization,
        InputName::AiCitationShare,
        InputName::AiLift,
    ];

    /// The field name in the plan file.
    pub fn as_str(self) -> &'static str {
        match self {
            InputName::Spend => "spend",
            InputName::Cpc => "cpc",
            InputName::Cpm => "cpm",
            InputName::Ctr => "ctr",
            InputName::Cvr => "cvr",
            InputName::Value => "value",
            InputName::LeadToOpportunity => "lead_to_opportunity",
            InputName::WinRate => "win_rate",
            InputName::DealValue => "deal_value",
            InputName::Margin => "margin",
            InputName::WindowDays => "window_days",
            InputName::LagMedianDays => "lag_median_days",
            InputName::LagSigma => "lag_sigma",
            InputName::Cannibalization => "cannibalization",
            InputName::AiCitationShare => "ai_citation_share",
            InputName::AiLift => "ai_lift",
        }
    }
}

/// One value per [`InputName`]; inputs the plan does not use stay at 0 and are never read.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Values([f64; InputName::ALL.len()]);

impl Index<InputName> for Values {
    type Output = f64;
    fn index(&self, name: InputName) -> &f64 {
        &self.0[name as usize]
    }
}

impl IndexMut<InputName> for Values {
    fn index_mut(&mut self, name: InputName) -> &mut f64 {
        &mut self.0[name as usize]
    }
}

/// How clicks are bought.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClickMode {
    Cpc,
    Cpm,
}

/// Where the value of one conversion comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueMode {
    Direct,
    /// lead_to_opportunity × win_rate × deal_value.
    B2bHelper,
}

/// How the lag curve is described.
#[derive(Debug, Clone, PartialEq)]
pub enum LagMode {
    LogNormal,
    Table(Vec<LagPoint>),
}

/// A validated plan, ready for arithmetic: the modes, the likely values and the ranges.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub clicks: ClickMode,
    pub value: ValueMode,
    pub lag: LagMode,
    pub likely: Values,
    /// Inputs given as ranges, in [`InputName::ALL`] order (fixed, so draws reproduce).
    pub ranges: Vec<(InputName, Range)>,
}

/// Everything the layers are built from, for one set of inputs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Outcome {
    pub spend: f64,
    pub clicks: f64,
    pub impressions: Option<f64>,
    pub value: f64,
    pub margin: f64,
    pub f_in: f64,
    /// Conversions and revenue the pixel credits (layer 1).
    pub conversions: f64,
    pub revenue: f64,
    /// Multipliers taking layer 1 to layers 1..4.
    pub factors: [f64; 4],
}

impl Model {
    pub fn f_in(&self, v: &Values) -> f64 {
        match &self.lag {
            LagMode::LogNormal => lag::lognormal_share(
                v[InputName::WindowDays],
                v[InputName::LagMedianDays],
                v[InputName::LagSigma],
            ),
            LagMode::Table(table) => lag::table_share(table, v[InputName::WindowDays]),
        }
    }

    /// The layers for one set of values. Errors name the input when numbers are so extreme
    /// that a result would be infinite or zero (never NaN).
    pub fn outcome(&self, v: &Values) -> Result<Outcome, PlanError> {
        let spend = v[InputName::Spend];
        let (clicks, impressions, click_field) = match self.clicks {
            ClickMode::Cpc => (spend / v[InputName::Cpc], None, "cpc"),
            ClickMode::Cpm => {
                let impressions = spend / v[InputName::Cpm] * 1000.0;
                (impressions * v[InputName::Ctr], Some(impressions), "cpm")
            }
        };
        if !(clicks.is_finite() && clicks > 0.0) {
            return Err(PlanError::new(
                click_field,
                format!("spend {spend} at this price gives {clicks} clicks; check spend and {click_field}"),
            ));
        }
        let cvr = v[InputName::Cvr];
        let value = match self.value {
            ValueMode::Direct => v[InputName::Value],
            ValueMode::B2bHelper => {
                v[InputName::LeadToOpportunity] * v[InputName::WinRate] * v[InputName::DealValue]
            }
        };
        let conversions = clicks * cvr;
        let revenue = conversions * value;
        if !(conversions.is_finite() && conversions > 0.0) {
            return Err(PlanError::new(
                "cvr",
                "clicks × cvr is too small or too large to compute; check cvr and spend",
            ));
        }
        if !revenue.is_finite() {
            return Err(PlanError::new(
                "value",
                "conversions × value is too large to compute; check value",
            ));
        }
        let f_in = self.f_in(v);
        check_implied_cvr(self, v, cvr, f_in)?;
        let c = v[InputName::Cannibalization];
        let halo = 1.0 + v[InputName::AiLift] * v[InputName::AiCitationShare];
        let full_cycle = 1.0 / f_in;
        let factors = [
            1.0,
            full_cycle,
            full_cycle * (1.0 - c),
            full_cycle * (1.0 - c) * halo,
        ];
        if !(revenue * factors[3] / spend).is_finite() || !(conversions * factors[3]).is_finite() {
            return Err(PlanError::new(
                "ai_lift",
                "the halo-adjusted result is too large to compute; check ai_lift",
            ));
        }
        Ok(Outcome {
            spend,
            clicks,
            impressions,
            value,
            margin: v[InputName::Margin],
            f_in,
            conversions,
            revenue,
            factors,
        })
    }
}

/// cvr / f_in is the share of clicks that eventually convert; above 1 the inputs contradict.
fn check_implied_cvr(model: &Model, v: &Values, cvr: f64, f_in: f64) -> Result<(), PlanError> {
    if f_in > 0.0 && cvr / f_in <= 1.0 {
        return Ok(());
    }
    Err(PlanError::new(
        "cvr",
        format!(
            "cvr {cvr} with only {:.4} % of conversions landing inside the {}-day window ({}) \
             means more than every click would eventually convert (implied eventual rate {}); \
             lower cvr or shorten the lag",
            f_in * 100.0,
            v[InputName::WindowDays],
            lag_description(model, v),
            if f_in > 0.0 {
                format!("{:.2}", cvr / f_in)
            } else {
                "unbounded".to_string()
            },
        ),
    ))
}

pub fn lag_description(model: &Model, v: &Values) -> String {
    match model.lag {
        LagMode::LogNormal => format!(
            "lag_median_days {} and lag_sigma {}",
            v[InputName::LagMedianDays],
            v[InputName::LagSigma]
        ),
        LagMode::Table(_) => "from lag_table".to_string(),
    }
}
