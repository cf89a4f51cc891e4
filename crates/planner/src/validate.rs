//! Turns a [`Plan`] into a [`Model`]: checks every input against its allowed values (from the
//! field catalogue), checks the currency code, picks the
//! click/value/lag modes, fills defaults (recording each as an assumption) and rejects inputs
//! that contradict each other.

use crate::assumption::Assumption;
use crate::catalogue::{bounds_of, Bounds};
use crate::defaults::default_for;
use crate::error::PlanError;
use crate::input::{Input, Range};
use crate::lag;
use crate::model::{lag_description, ClickMode, InputName, LagMode, Model, ValueMode, Values};
use crate::money::check_currency;
use crate::plan::Plan;
use crate::reach;

fn check_value(field: &str, what: &str, x: f64, bounds: &Bounds) -> Result<(), PlanError> {
    if !x.is_finite() {
        return Err(PlanError::new(
            field,
            format!("{what} is {x}; it must be a finite number"),
        ));
    }
    if !bounds.contains(x) {
        return Err(PlanError::new(
            field,
            format!("{what} is {x}; it {}", bounds.describe()),
        ));
    }
    Ok(())
}

fn check_input(name: InputName, input: &Input) -> Result<(), PlanError> {
    let field = name.as_str();
    let bounds = bounds_of(field);
    match input {
        Input::Point(x) => check_value(field, field, *x, &bounds),
        Input::Range(Range { low, likely, high }) => {
            for (part, x) in [("low", low), ("likely", likely), ("high", high)] {
                check_value(
                    &format!("{field}.{part}"),
                    &format!("{field} {part}"),
                    *x,
                    &bounds,
                )?;
            }
            if low > high {
                return Err(PlanError::new(
                    field,
                    format!("the range is upside down: low {low} is above high {high}"),
                ));
            }
            if likely < low || likely > high {
                return Err(PlanError::new(
                    format!("{field}.likely"),
                    format!("likely {likely} is outside the range {low} to {high}"),
                ));
            }
            Ok(())
        }
    }
}

/// Checks a plan without keeping the result.
pub fn validate(plan: &Plan) -> Result<(), PlanError> {
    build(plan).map(|_| ())
}

/// Builds the model and lists the defaults it had to assume.
pub fn build(plan: &Plan) -> Result<(Model, Vec<Assumption>), PlanError> {
    let mut given: Vec<(InputName, Input)> = Vec::new();
    let mut assumptions = Vec::new();
    let mut take = |name: InputName, input: Option<Input>, default_ok: bool| match input {
        Some(input) => given.push((name, input)),
        None if default_ok => {
            let d = default_for(name.as_str());
            given.push((name, Input::Point(d.value)));
            assumptions.push(Assumption::of_input(
                name.as_str(),
                Input::Point(d.value),
                &d.reason,
            ));
        }
        None => {}
    };

    if let Some(code) = &plan.currency {
        check_currency(code)?;
    }
    take(InputName::Spend, Some(plan.spend), false);

    let clicks = match (plan.cpc, plan.cpm, plan.ctr) {
        (Some(_), Some(_), _) | (Some(_), None, Some(_)) => {
            let field = if plan.cpm.is_some() { "cpm" } else { "ctr" };
            return Err(PlanError::new(
                field,
                "give either cpc, or cpm with ctr, not both ways of buying clicks",
            ));
        }
        (None, Some(_), None) => {
            return Err(PlanError::new(
                "ctr",
                "cpm needs a click-through rate (ctr) to turn impressions into clicks",
            ))
        }
        (None, cpm, Some(ctr)) => {
            take(InputName::Cpm, cpm, true);
            take(InputName::Ctr, Some(ctr), false);
            ClickMode::Cpm
        }
        (cpc, None, None) => {
            take(InputName::Cpc, cpc, true);
            ClickMode::Cpc
        }
    };

    take(InputName::Cvr, Some(plan.cvr), false);

    let helper = [
        (InputName::LeadToOpportunity, plan.lead_to_opportunity),
        (InputName::WinRate, plan.win_rate),
        (InputName::DealValue, plan.deal_value),
    ];
    let value = match (plan.value, helper.iter().any(|(_, v)| v.is_some())) {
        (Some(_), true) => {
            return Err(PlanError::new(
                "value",
                "give either value, or lead_to_opportunity × win_rate × deal_value, not both",
            ))
        }
        (Some(value), false) => {
            take(InputName::Value, Some(value), false);
            ValueMode::Direct
        }
        (None, false) => {
            return Err(PlanError::new(
                "value",
                "missing: give the value of one conversion, or lead_to_opportunity, win_rate and deal_value",
            ))
        }
        (None, true) => {
            for (name, input) in helper {
                let Some(input) = input else {
                    return Err(PlanError::new(
                        name.as_str(),
                        "missing: the B2B value helper needs lead_to_opportunity, win_rate and deal_value",
                    ));
                };
                take(name, Some(input), false);
            }
            ValueMode::B2bHelper
        }
    };

    take(InputName::Margin, plan.margin, true);
    take(InputName::WindowDays, plan.window_days, true);

    let lag = match &plan.lag_table {
        Some(table) => {
            if plan.lag_median_days.is_some() || plan.lag_sigma.is_some() {
                return Err(PlanError::new(
                    "lag_table",
                    "give either lag_table or lag_median_days with lag_sigma, not both",
                ));
            }
            lag::validate_table(table)?;
            LagMode::Table(table.clone())
        }
        None => {
            take(InputName::LagMedianDays, plan.lag_median_days, true);
            take(InputName::LagSigma, plan.lag_sigma, true);
            LagMode::LogNormal
        }
    };

    take(InputName::Cannibalization, plan.cannibalization, true);
    take(InputName::AiCitationShare, plan.ai_citation_share, true);
    take(InputName::AiLift, plan.ai_lift, true);

    let mut likely = Values::default();
    let mut ranges = Vec::new();
    given.sort_by_key(|(name, _)| *name);
    for (name, input) in &given {
        check_input(*name, input)?;
        likely[*name] = input.likely();
        if let Some(range) = input.range() {
            ranges.push((*name, range));
        }
    }

    let model = Model {
        clicks,
        value,
        lag,
        likely,
        ranges,
    };
    model.outcome(&model.likely)?;
    check_extremes_agree(&model)?;
    if plan.quarters.is_none() && reach::has_reach_inputs(plan) {
        let d = default_for("quarters");
        assumptions.push(Assumption::of_input(
            "quarters",
            Input::Point(d.value),
            &d.reason,
        ));
    }
    reach::validate(plan)?;
    Ok((model, assumptions))
}

/// The likely values agree (checked above); the ranges must too, or some simulation draws
/// would have more conversions than clicks. f_in is monotone in window, median and sigma, so
/// its smallest value over the ranges sits at a corner of the box.
fn check_extremes_agree(model: &Model) -> Result<(), PlanError> {
    let lag_inputs = [
        InputName::WindowDays,
        InputName::LagMedianDays,
        InputName::LagSigma,
    ];
    let ranged: Vec<(InputName, Range)> = model
        .ranges
        .iter()
        .filter(|(name, _)| lag_inputs.contains(name) || *name == InputName::Cvr)
        .copied()
        .collect();
    if ranged.is_empty() {
        return Ok(());
    }
    let mut worst = model.likely;
    if let Some((_, r)) = ranged.iter().find(|(n, _)| *n == InputName::Cvr) {
        worst[InputName::Cvr] = r.high;
    }
    let lag_ranges: Vec<(InputName, Range)> = ranged
        .iter()
        .filter(|(n, _)| *n != InputName::Cvr)
        .copied()
        .collect();
    let mut lowest: Option<(f64, Values)> = None;
    for corner in 0..(1u32 << lag_ranges.len()) {
        let mut v = worst;
        for (bit, (name, r)) in lag_ranges.iter().enumerate() {
            v[*name] = if corner & (1 << bit) == 0 {
                r.low
            } else {
                r.high
            };
        }
        let f_in = model.f_in(&v);
        if lowest.is_none_or(|(f, _)| f_in < f) {
            lowest = Some((f_in, v));
        }
    }
    let Some((f_in, v)) = lowest else {
        return Ok(());
    };
    let cvr = v[InputName::Cvr];
    if f_in > 0.0 && cvr / f_in <= 1.0 {
        return Ok(());
    }
    Err(PlanError::new(
        "cvr",
        format!(
            "at the ends of your ranges (cvr {cvr}, window_days {}, {}) only {:.4} % of \
             conversions land inside the window, so more than every click would eventually \
             convert; narrow the cvr or lag ranges",
            v[InputName::WindowDays],
            lag_description(model, &v),
            f_in * 100.0
        ),
    ))
}
