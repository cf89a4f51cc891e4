//! The plan file: what a marketer types in or saves as a scenario.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::PlanError;
use crate::input::Input;

/// One point of an empirical lag table: `[day, cumulative share converted by that day]`.
pub type LagPoint = [f64; 2];

/// A plan as written in a plan file (JSON). Optional inputs fall back to the model's defaults,
/// and every default used is reported as an assumption.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Budget for the period (currency, > 0).
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
}

/// Every plan field, in plan-file order.
pub const PLAN_FIELDS: [&str; 21] = [
    "spend",
    "cpc",
    "cpm",
    "ctr",
    "cvr",
    "value",
    "lead_to_opportunity",
    "win_rate",
    "deal_value",
    "margin",
    "window_days",
    "lag_median_days",
    "lag_sigma",
    "lag_table",
    "cannibalization",
    "ai_citation_share",
    "ai_lift",
    "audience",
    "free_and_go_share",
    "quarterly_opt_out",
    "quarters",
];

/// Largest plan file accepted; a real plan is well under a kilobyte.
pub const MAX_PLAN_BYTES: usize = 1_000_000;

impl Plan {
    /// Parse a plan file. Unknown fields (typos) are rejected, and the error names the field.
    /// The plan is validated too, so a plan that parses can be evaluated.
    pub fn from_json(text: &str) -> Result<Plan, PlanError> {
        if text.len() > MAX_PLAN_BYTES {
            return Err(PlanError::new(
                "plan",
                format!(
                    "the plan file is {} bytes; plans over {MAX_PLAN_BYTES} bytes are refused",
                    text.len()
                ),
            ));
        }
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut de = serde_json::Deserializer::from_str(text);
        let plan: Plan = serde_path_to_error::deserialize(&mut de).map_err(parse_error)?;
        crate::validate::validate(&plan)?;
        Ok(plan)
    }

    /// The plan as pretty JSON, for saving a scenario.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// Turn a serde error into one that names the field: the JSON path where parsing stopped, or
/// the field serde names in "missing field `x`" / "unknown field `x`".
fn parse_error(err: serde_path_to_error::Error<serde_json::Error>) -> PlanError {
    // "?" marks a position serde could not name (e.g. truncated input): treat as the root.
    let path = err.path().to_string().replace(".?", "").replace('?', ".");
    let inner = err.into_inner();
    let message = inner.to_string();
    let named = ["unknown field `", "missing field `", "duplicate field `"]
        .iter()
        .find_map(|prefix| {
            let start = message.find(prefix)? + prefix.len();
            let len = message[start..].find('`')?;
            Some(message[start..start + len].to_string())
        });
    let field = match named {
        // serde_path_to_error already ends the path with an unknown key; not a missing one.
        Some(name) if path == "." || path.is_empty() => name,
        Some(name) if path == name || path.ends_with(&format!(".{name}")) => path,
        Some(name) => format!("{path}.{name}"),
        None if path == "." || path.is_empty() => "plan".to_string(),
        None => path,
    };
    let message = if message.starts_with("unknown field") {
        format!("{message}; check the spelling of `{field}`")
    } else {
        message
    };
    PlanError::new(field, message)
}
