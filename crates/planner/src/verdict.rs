//! The plan's verdict: one headline and one colour, read by the app, the CLI and the plan PDF.
//! Green only when the fully adjusted return clears break-even and, where the plan has ranges,
//! at least 9 in 10 simulated outcomes do too; red only when at most 1 in 10 do; amber between.
//! A 51 % chance of breaking even is amber, not green.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::format::percent;
use crate::point::PointResult;
use crate::simulate::Simulation;

/// A share of simulated outcomes that clears break-even often enough to call the plan safe.
pub const SURE_CHANCE: f64 = 0.9;
/// A share so small that the plan is called lost.
pub const LOST_CHANCE: f64 = 0.1;

/// How good a figure is, as a colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum PlanTone {
    Good,
    Warn,
    Bad,
    Neutral,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct PlanVerdict {
    pub headline: String,
    pub tone: PlanTone,
    /// The simulated chance of clearing break-even, when the plan has ranges to simulate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub chance: Option<f64>,
    /// The colour of that chance on its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub chance_tone: Option<PlanTone>,
}

/// The simulated chance of clearing break-even; `None` without ranged inputs.
pub fn break_even_chance(simulation: Option<&Simulation>) -> Option<f64> {
    simulation
        .filter(|s| !s.ranged_inputs.is_empty())
        .map(|s| s.probability_clears_break_even)
        .filter(|p| p.is_finite())
}

/// The colour of a chance of breaking even.
pub fn chance_tone(chance: f64) -> PlanTone {
    if chance >= SURE_CHANCE {
        PlanTone::Good
    } else if chance <= LOST_CHANCE {
        PlanTone::Bad
    } else {
        PlanTone::Warn
    }
}

pub fn plan_verdict(point: &PointResult, simulation: Option<&Simulation>) -> PlanVerdict {
    verdict_for(
        point.layers.halo.roas,
        point.break_even_roas,
        break_even_chance(simulation),
    )
}

/// The verdict for a fully adjusted ROAS `l4`, the break-even ROAS `be` and the simulated chance
/// of clearing it.
fn verdict_for(l4: f64, be: f64, chance: Option<f64>) -> PlanVerdict {
    let (headline, tone) = if !(l4.is_finite() && be.is_finite()) {
        (
            "The result cannot be computed from these inputs".to_string(),
            PlanTone::Neutral,
        )
    } else if l4 >= be {
        match chance {
            Some(c) if c < SURE_CHANCE => (
                format!(
                    "Pays for itself at the likely values ({} chance)",
                    percent(c)
                ),
                PlanTone::Warn,
            ),
            _ => ("Pays for itself".to_string(), PlanTone::Good),
        }
    } else {
        match chance {
            Some(c) if c > LOST_CHANCE => (
                format!(
                    "Below break-even at the likely values ({} chance to clear it)",
                    percent(c)
                ),
                PlanTone::Warn,
            ),
            _ => ("Does not pay for itself".to_string(), PlanTone::Bad),
        }
    };
    PlanVerdict {
        headline,
        tone,
        chance,
        chance_tone: chance.map(chance_tone),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_51_percent_chance_of_breaking_even_is_not_green() {
        let v = verdict_for(2.6, 2.5, Some(0.51));
        assert_eq!(v.tone, PlanTone::Warn);
        assert_eq!(
            v.headline,
            "Pays for itself at the likely values (51.0 % chance)"
        );
        assert_eq!(v.chance_tone, Some(PlanTone::Warn));
    }

    #[test]
    fn green_takes_nine_in_ten_outcomes_or_no_ranges() {
        assert_eq!(verdict_for(3.0, 2.5, Some(0.9)).tone, PlanTone::Good);
        assert_eq!(verdict_for(3.0, 2.5, Some(0.89)).tone, PlanTone::Warn);
        let single = verdict_for(3.0, 2.5, None);
        assert_eq!(single.tone, PlanTone::Good);
        assert_eq!(single.headline, "Pays for itself");
        assert_eq!(single.chance_tone, None);
    }

    #[test]
    fn below_break_even_is_amber_while_more_than_one_in_ten_clear_it() {
        let v = verdict_for(2.0, 2.5, Some(0.3));
        assert_eq!(v.tone, PlanTone::Warn);
        assert!(
            v.headline.contains("30.0 % chance to clear it"),
            "{}",
            v.headline
        );
        assert_eq!(verdict_for(2.0, 2.5, Some(0.1)).tone, PlanTone::Bad);
        assert_eq!(
            verdict_for(2.0, 2.5, None).headline,
            "Does not pay for itself"
        );
    }

    #[test]
    fn an_uncomputable_result_is_neutral() {
        assert_eq!(
            verdict_for(f64::NAN, 2.5, Some(0.5)).tone,
            PlanTone::Neutral
        );
        assert_eq!(
            verdict_for(3.0, f64::INFINITY, None).tone,
            PlanTone::Neutral
        );
    }

    #[test]
    fn chance_colours_follow_the_nine_in_ten_rule() {
        let tones: Vec<_> = [0.95, 0.9, 0.51, 0.1, 0.02]
            .into_iter()
            .map(chance_tone)
            .collect();
        use PlanTone::*;
        assert_eq!(tones, vec![Good, Good, Warn, Bad, Bad]);
    }
}
