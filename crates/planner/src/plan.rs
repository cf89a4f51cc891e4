//! The plan file: what a marketer types in or saves as a scenario. Reading one (with its
//! checks) lives in `load.rs`; labels, help and allowed values live in the field catalogue.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::input::Input;
use crate::lag::LagPoint;

/// A plan as written in a plan file (JSON). Optional inputs fall back to the model's defaults,
/// and every default used is reported as an assumption.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Budget for the period (in `currency`, > 0).
    pub spend: Input,
    /// Cost per click. Leave out when buying on CPM (give `cpm` and `ctr` instead).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub cpc: Option<Input>,
    /// Cost per 1,000 impressions, with `ctr`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub cpm: Option<Input>,
    /// Click-through rate (0 < ctr ≤ 1), with `cpm`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub ctr: Option<Input>,
    /// Conversions the pixel credits inside the click window, per click (0 < cvr ≤ 1).
    pub cvr: Input,
    /// Value of one conversion. Leave out to use the B2B helper instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub value: Option<Input>,
    /// B2B helper: share of leads that become opportunities.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub lead_to_opportunity: Option<Input>,
    /// B2B helper: share of opportunities won.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub win_rate: Option<Input>,
    /// B2B helper: value of one won deal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub deal_value: Option<Input>,
    /// Gross margin for the profit view (0 < m ≤ 1). Default 1.0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub margin: Option<Input>,
    /// Attribution window in days. Default 30, the only window OpenAI offers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub window_days: Option<Input>,
    /// Median click-to-conversion lag in days (log-normal). Default 3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub lag_median_days: Option<Input>,
    /// Spread of the log-normal lag. Default 1.0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub lag_sigma: Option<Input>,
    /// Empirical lag: `[[day, cumulative_share], …]`, instead of median and sigma.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub lag_table: Option<Vec<LagPoint>>,
    /// Share of credited conversions that would have happened anyway (0 ≤ c < 1). Default 0.20.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub cannibalization: Option<Input>,
    /// The brand's share of AI-answer citations for its key queries (0 ≤ s ≤ 1). Default 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub ai_citation_share: Option<Input>,
    /// Relative lift of paid performance at full citation share (k ≥ 0). Default 0.20.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub ai_lift: Option<Input>,
    /// Reach (informational): people in the target market who use ChatGPT.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub audience: Option<f64>,
    /// Reach: share of them on the Free or Go plans, the only ones shown ads.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub free_and_go_share: Option<f64>,
    /// Reach: share of that audience switching ads off each quarter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub quarterly_opt_out: Option<f64>,
    /// Reach: how many 90-day windows ahead to plan. Default 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub quarters: Option<u32>,
    /// ISO 4217 code of every amount in the plan, e.g. "USD" or "EUR". Leave out to write
    /// amounts as plain numbers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub currency: Option<String>,
}

impl Plan {
    /// The plan as pretty JSON, for saving a scenario.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}
