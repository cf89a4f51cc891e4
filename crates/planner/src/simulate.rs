//! Seeded Monte Carlo over the plan's ranges: P10 / P50 / P90 of every layer and the chance
//! the final layer clears break-even. The same plan, draw count and seed always give
//! bit-identical output (ChaCha8 stream, fixed draw order).

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::PlanError;
use crate::model::{InputName, Model};
use crate::plan::Plan;
use crate::point::{Layer, PerLayer};
use crate::validate::build;

/// Draws when the caller has no preference: the app, the command line and the PDF export all
/// use it, so one plan gives one set of ranges everywhere. Enough for percentiles that barely
/// move from seed to seed, quick enough to recompute while someone types.
pub const DEFAULT_DRAWS: usize = 20_000;
/// Seed when the caller has no preference, with [`DEFAULT_DRAWS`].
pub const DEFAULT_SEED: u64 = 2026;
/// Upper limit, so a typo cannot tie up the machine: each draw keeps 17 numbers until the
/// percentiles are taken, so a million draws hold about 140 MB for a few hundred milliseconds.
pub const MAX_DRAWS: usize = 1_000_000;

/// The 10th, 50th and 90th percentiles of a simulated quantity.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct Spread {
    pub p10: f64,
    pub p50: f64,
    pub p90: f64,
}

/// The spread of one layer's results.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct LayerSpread {
    pub roas: Spread,
    pub poas: Spread,
    pub revenue: Spread,
    pub conversions: Spread,
}

/// The result of a simulation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct Simulation {
    pub draws: usize,
    /// The seed; running again with it reproduces this result exactly.
    #[ts(type = "number")]
    pub seed: u64,
    /// Inputs that were drawn from ranges (the others stay at their single value).
    pub ranged_inputs: Vec<InputName>,
    pub layers: PerLayer<LayerSpread>,
    pub break_even_roas: Spread,
    /// Share of draws in which L4 ROAS is at or above break-even (L4 POAS ≥ 1).
    pub probability_clears_break_even: f64,
}

/// Simulate a plan with `draws` samples from a ChaCha8 stream seeded with `seed`.
pub fn simulate(plan: &Plan, draws: usize, seed: u64) -> Result<Simulation, PlanError> {
    let (model, _) = build(plan)?;
    simulate_model(&model, draws, seed)
}

/// Metrics kept per draw, per layer.
const METRICS: usize = 4;
const ROAS: usize = 0;
const POAS: usize = 1;
const REVENUE: usize = 2;
const CONVERSIONS: usize = 3;

pub(crate) fn simulate_model(
    model: &Model,
    draws: usize,
    seed: u64,
) -> Result<Simulation, PlanError> {
    if draws == 0 || draws > MAX_DRAWS {
        return Err(PlanError::new(
            "draws",
            format!("{draws} draws requested; use between 1 and {MAX_DRAWS}"),
        ));
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    // columns[layer][metric][draw]
    let mut columns: Vec<Vec<Vec<f64>>> = Layer::ALL
        .iter()
        .map(|_| (0..METRICS).map(|_| Vec::with_capacity(draws)).collect())
        .collect();
    let mut break_even = Vec::with_capacity(draws);
    let mut clears = 0usize;
    let mut values = model.likely;
    for _ in 0..draws {
        for (name, range) in &model.ranges {
            values[*name] = range.sample(rng.random::<f64>());
        }
        let o = model.outcome(&values)?;
        for (layer, cols) in columns.iter_mut().enumerate() {
            let factor = o.factors[layer];
            let revenue = o.revenue * factor;
            let roas = revenue / o.spend;
            cols[ROAS].push(roas);
            cols[POAS].push(roas * o.margin);
            cols[REVENUE].push(revenue);
            cols[CONVERSIONS].push(o.conversions * factor);
        }
        break_even.push(1.0 / o.margin);
        if o.revenue * o.factors[3] / o.spend * o.margin >= 1.0 {
            clears += 1;
        }
    }
    let mut spread_of = |layer: Layer, metric: usize| spread(&mut columns[layer as usize][metric]);
    let layers = PerLayer::from_fn(|layer| LayerSpread {
        roas: spread_of(layer, ROAS),
        poas: spread_of(layer, POAS),
        revenue: spread_of(layer, REVENUE),
        conversions: spread_of(layer, CONVERSIONS),
    });
    Ok(Simulation {
        draws,
        seed,
        ranged_inputs: model.ranges.iter().map(|(name, _)| *name).collect(),
        layers,
        break_even_roas: spread(&mut break_even),
        probability_clears_break_even: clears as f64 / draws as f64,
    })
}

/// P10/P50/P90 by linear interpolation between order statistics. Uses selection rather than a
/// full sort (the slice is reordered).
fn spread(xs: &mut [f64]) -> Spread {
    Spread {
        p10: percentile(xs, 0.1),
        p50: percentile(xs, 0.5),
        p90: percentile(xs, 0.9),
    }
}

fn percentile(xs: &mut [f64], p: f64) -> f64 {
    let n = xs.len();
    if n == 1 {
        return xs[0];
    }
    let pos = p * (n - 1) as f64;
    let i = pos.floor() as usize;
    let frac = pos - i as f64;
    let (_, lower, above) = xs.select_nth_unstable_by(i, f64::total_cmp);
    let lower = *lower;
    if frac == 0.0 || above.is_empty() {
        return lower;
    }
    let upper = above.iter().copied().fold(f64::INFINITY, f64::min);
    lower + frac * (upper - lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_interpolate_between_order_statistics() {
        let mut xs: Vec<f64> = (0..11).rev().map(f64::from).collect();
        let s = spread(&mut xs);
        assert_eq!((s.p10, s.p50, s.p90), (1.0, 5.0, 9.0));
        let mut xs = vec![4.0, 1.0, 3.0, 2.0];
        let s = spread(&mut xs);
        assert!((s.p10 - 1.3).abs() < 1e-12);
        assert!((s.p50 - 2.5).abs() < 1e-12);
        assert!((s.p90 - 3.7).abs() < 1e-12);
        assert_eq!(spread(&mut [7.0]).p90, 7.0);
    }
}
