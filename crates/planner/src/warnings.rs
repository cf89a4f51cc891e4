//! Things a marketer should know about a plan that are not errors: inputs at odds with the
//! platform, results that hinge on one assumption, and what the layers mean for the decision.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::assumption::Assumption;
use crate::defaults::facts;
use crate::format::{count, percent, ratio};
use crate::model::{ClickMode, InputName, LagMode, Model};
use crate::money::MoneyFormat;
use crate::point::PointResult;
use crate::simulate::{Simulation, DEFAULT_DRAWS};

/// Eventual conversion rate (cvr / f_in) above which the plan is flagged as optimistic: one
/// paid click in five ending in a conversion is rare outside very warm audiences.
pub const HIGH_IMPLIED_EVENTUAL_CVR: f64 = 0.20;
/// Below this share of conversions inside the window, L2 rests mostly on the lag assumption.
pub const LOW_WINDOW_SHARE: f64 = 0.5;
/// Fewer draws than this give percentiles that move noticeably from seed to seed.
pub const FEW_DRAWS: usize = 1_000;
/// Chance of clearing break-even between these bounds counts as a coin toss.
pub const UNCERTAIN_BREAK_EVEN: (f64, f64) = (0.1, 0.9);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum WarningLevel {
    /// Worth acting on before deciding.
    Warning,
    /// Context for reading the result.
    Info,
}

/// One note about a plan, shaped like an audit finding: a stable kebab-case id, a one-line
/// title, the detail and what to do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct PlanWarning {
    pub id: String,
    pub level: WarningLevel,
    pub title: String,
    pub detail: String,
    pub remedy: String,
}

impl PlanWarning {
    fn new(
        id: &str,
        level: WarningLevel,
        title: String,
        detail: String,
        remedy: impl Into<String>,
    ) -> Self {
        PlanWarning {
            id: id.to_string(),
            level,
            title,
            detail,
            remedy: remedy.into(),
        }
    }
}

/// Every warning id the planner can give, for the documentation and tests.
pub const WARNING_IDS: [&str; 13] = [
    "assumptions-used",
    "window-not-offered",
    "budget-below-daily-minimum",
    "cpc-below-recommended-bid",
    "implied-eventual-cvr-high",
    "most-conversions-after-window",
    "lag-table-ends-below-one",
    "below-break-even",
    "platform-understates",
    "platform-overstates",
    "break-even-uncertain",
    "no-ranges",
    "few-draws",
];

pub(crate) fn plan_warnings(
    model: &Model,
    point: &PointResult,
    assumptions: &[Assumption],
    simulation: Option<&Simulation>,
    money: &MoneyFormat,
) -> Vec<PlanWarning> {
    use WarningLevel::{Info, Warning};
    let facts = facts();
    // OpenAI states its platform figures in US dollars, whatever the plan's currency.
    let usd = MoneyFormat::usd();
    let v = &model.likely;
    let mut out = Vec::new();

    if !assumptions.is_empty() {
        let fields: Vec<&str> = assumptions.iter().map(|a| a.field.as_str()).collect();
        out.push(PlanWarning::new(
            "assumptions-used",
            Info,
            format!("{} inputs are assumptions, not your numbers", fields.len()),
            format!("The planner filled in defaults for: {}.", fields.join(", ")),
            "Replace each default with your own figure when you have one; the Assumptions list says why each default was chosen.",
        ));
    }

    if point.window_days != facts.attribution_window_days {
        out.push(PlanWarning::new(
            "window-not-offered",
            Warning,
            format!(
                "OpenAI only offers a {}-day attribution window",
                facts.attribution_window_days
            ),
            format!(
                "The plan uses a {}-day window, so L1 will not match what Ads Manager reports.",
                point.window_days
            ),
            "Set window_days to 30 unless you are modelling a different tool's window on purpose.",
        ));
    }

    let per_day = point.spend / point.window_days;
    if per_day < facts.min_daily_budget {
        out.push(PlanWarning::new(
            "budget-below-daily-minimum",
            Warning,
            "The budget is below OpenAI's daily minimum".to_string(),
            format!(
                "Spread over {} days, {} comes to {} a day; OpenAI requires at least {} a day per campaign (US).",
                point.window_days,
                money.format(point.spend),
                money.format(per_day),
                usd.format(facts.min_daily_budget)
            ),
            "Raise the budget or shorten the flight so each day meets the minimum.",
        ));
    }

    if model.clicks == ClickMode::Cpc && v[InputName::Cpc] < facts.recommended_cpc_low {
        out.push(PlanWarning::new(
            "cpc-below-recommended-bid",
            Info,
            "Cost per click is below OpenAI's recommended starting bid".to_string(),
            format!(
                "The plan assumes {} per click; OpenAI recommends starting bids of {} to {}. Lower bids may win few auctions.",
                money.format(v[InputName::Cpc]),
                usd.format(facts.recommended_cpc_low),
                usd.format(facts.recommended_cpc_high)
            ),
            "Check the CPC against your own campaign data, or plan with a range that includes 3–5.",
        ));
    }

    if point.implied_eventual_cvr > HIGH_IMPLIED_EVENTUAL_CVR {
        out.push(PlanWarning::new(
            "implied-eventual-cvr-high",
            Warning,
            format!("The plan implies {} of clicks eventually convert", percent(point.implied_eventual_cvr)),
            format!(
                "A pixel conversion rate of {} with only {} of conversions inside the window means {} of clicks convert in the end. That is high for paid traffic.",
                percent(point.cvr),
                percent(point.f_in),
                percent(point.implied_eventual_cvr)
            ),
            "Compare with the eventual conversion rate your CRM shows; if it is lower, lower cvr or shorten the lag.",
        ));
    }

    if point.f_in < LOW_WINDOW_SHARE {
        out.push(PlanWarning::new(
            "most-conversions-after-window",
            Info,
            "Most conversions happen after the 30-day window".to_string(),
            format!(
                "Only {} of conversions land inside the window, so Ads Manager will show less than half of the result and L2 rests on the lag assumption.",
                percent(point.f_in)
            ),
            "Build the lag from your CRM (click date and conversion date) instead of a guess.",
        ));
    }

    if let LagMode::Table(table) = &model.lag {
        if let Some(&[day, share]) = table.last() {
            if share < 1.0 {
                out.push(PlanWarning::new(
                    "lag-table-ends-below-one",
                    Warning,
                    "The lag table stops before every conversion is counted".to_string(),
                    format!(
                        "The last point is day {day} at {}; the planner treats the remaining {} as converting right after day {day}.",
                        percent(share),
                        percent(1.0 - share)
                    ),
                    "Extend the table until the cumulative share reaches 1, or accept that late conversions are counted early.",
                ));
            }
        }
    }

    let be = point.break_even_roas;
    let l1 = point.layers.standard.roas;
    let l4 = point.layers.halo.roas;
    if l4 < be {
        out.push(PlanWarning::new(
            "below-break-even",
            Warning,
            "The plan does not pay for itself".to_string(),
            format!(
                "Halo-adjusted ROAS is {} against a break-even ROAS of {}.",
                ratio(l4),
                ratio(be)
            ),
            "Improve conversion rate or value, lower the cost per click, or test cannibalization with a holdout before spending.",
        ));
    }
    if l1 < be && l4 >= be {
        out.push(PlanWarning::new(
            "platform-understates",
            Info,
            "Ads Manager will look worse than the real result".to_string(),
            format!(
                "Standard ROAS {} is below break-even {}, but after late conversions, cannibalization and halo the plan returns {}.",
                ratio(l1),
                ratio(be),
                ratio(l4)
            ),
            "Agree with finance before launch which layer decides, so the campaign is not stopped on the standard figure alone.",
        ));
    }
    if l1 >= be && l4 < be {
        out.push(PlanWarning::new(
            "platform-overstates",
            Warning,
            "Ads Manager will look better than the real result".to_string(),
            format!(
                "Standard ROAS {} clears break-even {}, but the halo-adjusted figure is only {}.",
                ratio(l1),
                ratio(be),
                ratio(l4)
            ),
            "Run a holdout test to measure cannibalization before scaling the budget.",
        ));
    }

    if let Some(sim) = simulation {
        let p = sim.probability_clears_break_even;
        if !sim.ranged_inputs.is_empty() && p > UNCERTAIN_BREAK_EVEN.0 && p < UNCERTAIN_BREAK_EVEN.1
        {
            out.push(PlanWarning::new(
                "break-even-uncertain",
                Info,
                format!("{} chance of clearing break-even", percent(p)),
                format!(
                    "Across {} simulated outcomes, halo-adjusted ROAS ranges from {} (P10) to {} (P90) around a break-even of {}.",
                    sim.draws,
                    ratio(sim.layers.halo.roas.p10),
                    ratio(sim.layers.halo.roas.p90),
                    ratio(be)
                ),
                "Narrow the inputs at the top of the sensitivity ranking first: they decide the outcome most.",
            ));
        }
        if sim.ranged_inputs.is_empty() {
            out.push(PlanWarning::new(
                "no-ranges",
                Info,
                "Every input is a single number, so there is no range to show".to_string(),
                "The simulation repeats the point result; P10, P50 and P90 are all equal.".to_string(),
                "Give uncertain inputs as {\"low\": …, \"likely\": …, \"high\": …} to see how wide the outcome can be.",
            ));
        }
        if sim.draws < FEW_DRAWS {
            out.push(PlanWarning::new(
                "few-draws",
                Warning,
                format!("Only {} simulation draws", sim.draws),
                format!("With fewer than {FEW_DRAWS} draws the percentiles change noticeably from one seed to the next."),
                format!("Use the default of {} draws.", count(DEFAULT_DRAWS as f64)),
            ));
        }
    }
    out
}
