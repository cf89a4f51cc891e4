//! The plan PDF's charts, computed here so the template only draws them: the waterfall from
//! standard to fully adjusted ROAS, the simulated bands and the tornado of inputs that matter
//! most. Positions are fractions of the chart; labels are already written.

use super::fmt::Fmt;
use super::inputs::input_info;
use super::{
    Band, BandRow, SimulationData, Tick, TornadoData, TornadoRow, Waterfall, WaterfallBar,
};
use preflight_planner::{Layer, PlanReport};

/// Short chart labels for the waterfall's five bars.
pub(super) fn layer_short(layer: Layer) -> &'static str {
    match layer {
        Layer::Standard => "What Ads Manager shows",
        Layer::FullCycle => "Full-cycle",
        Layer::Incremental => "Incremental",
        Layer::Halo => "Fully adjusted",
    }
}

/// Evenly spaced, round axis values from 0 to at least `max`.
pub(super) fn ticks(max: f64, f: &Fmt) -> (f64, Vec<Tick>) {
    let max = if max.is_finite() && max > 0.0 {
        max
    } else {
        1.0
    };
    let raw = max / 4.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    let top = (max / step).ceil() * step;
    let count = (top / step).round() as usize;
    let ticks = (0..=count)
        .map(|i| {
            let v = i as f64 * step;
            Tick {
                at: v / top,
                label: f.ratio(v),
            }
        })
        .collect();
    (top, ticks)
}

/// Position of `x` on a 0..`top` axis, clamped to the chart; 0 for anything not finite.
fn frac(x: f64, top: f64) -> f64 {
    if x.is_finite() && top > 0.0 {
        (x / top).clamp(0.0, 1.0)
    } else {
        0.0
    }
}

/// Whether a break-even line belongs on a chart whose data reaches `data_max`: only when the
/// tallest bar still gets a third of the chart.
fn break_even_fits(be: f64, data_max: f64) -> bool {
    be.is_finite() && (be <= data_max * 3.0 || data_max <= 0.0)
}

pub(super) fn waterfall(report: &PlanReport, f: &Fmt) -> Waterfall {
    let p = &report.point;
    let l = &p.layers;
    let be = p.break_even_roas;
    let levels = [
        l.standard.roas,
        l.full_cycle.roas,
        l.incremental.roas,
        l.halo.roas,
    ];
    let data_max = levels
        .iter()
        .copied()
        .filter(|x| x.is_finite())
        .fold(0.0, f64::max);
    let fits = break_even_fits(be, data_max);
    let (top, ticks) = ticks(
        if fits {
            data_max.max(be) * 1.12
        } else {
            data_max * 1.12
        },
        f,
    );
    let total = |layer: Layer, code, kind| {
        let x = l.get(layer).roas;
        WaterfallBar {
            label: layer_short(layer),
            code,
            value: f.ratio(x),
            bottom: 0.0,
            top: frac(x, top),
            level: frac(x, top),
            kind,
            drawn: x.is_finite(),
        }
    };
    let step = |label, code, from: f64, to: f64| WaterfallBar {
        label,
        code,
        value: f.signed(to - from),
        bottom: frac(from.min(to), top),
        top: frac(from.max(to), top),
        level: frac(to, top),
        kind: if to >= from { "up" } else { "down" },
        drawn: from.is_finite() && to.is_finite(),
    };
    Waterfall {
        bars: vec![
            total(Layer::Standard, "L1", "total"),
            step("Sales after the window", "L1 → L2", levels[0], levels[1]),
            step(
                "Sales you would get anyway",
                "L2 → L3",
                levels[1],
                levels[2],
            ),
            step("AI visibility lift", "L3 → L4", levels[2], levels[3]),
            total(Layer::Halo, "L4", "final"),
        ],
        ticks,
        break_even: fits.then(|| frac(be, top)),
        break_even_label: format!("Break-even {}", f.ratio(be)),
        break_even_note: (!fits && be.is_finite()).then(|| {
            format!(
                "Break-even ({}) is far above every bar, so it is left off the chart.",
                f.ratio(be)
            )
        }),
    }
}

pub(super) fn simulation(report: &PlanReport, f: &Fmt) -> SimulationData {
    let be = report.point.break_even_roas;
    let empty = |why: &str| SimulationData {
        missing: Some(why.to_string()),
        intro: None,
        bands: Vec::new(),
        rows: Vec::new(),
        ticks: Vec::new(),
        break_even: None,
        break_even_label: String::new(),
        break_even_note: None,
    };
    let Some(sim) = &report.simulation else {
        return empty("The plan was not simulated, so there is no range to show. Run it with simulation draws to see how wide the outcome can be.");
    };
    if sim.ranged_inputs.is_empty() {
        return empty("Every input is a single number, so every simulated outcome is the same as the result above. Give a low and a high value for the inputs you are unsure of to see how wide the outcome can be.");
    }
    let data_max = Layer::ALL
        .iter()
        .map(|&layer| sim.layers.get(layer).roas.p90)
        .filter(|x| x.is_finite())
        .fold(0.0, f64::max);
    let fits = break_even_fits(be, data_max);
    let (top, ticks) = ticks(
        if fits {
            data_max.max(be) * 1.05
        } else {
            data_max * 1.05
        },
        f,
    );
    let bands = Layer::ALL
        .iter()
        .map(|&layer| {
            let s = sim.layers.get(layer).roas;
            Band {
                label: format!("{} {}", layer.code(), layer_short(layer)),
                low: frac(s.p10, top),
                middle: frac(s.p50, top),
                high: frac(s.p90, top),
                text: format!("{} to {}", f.ratio(s.p10), f.ratio(s.p90)),
                emphasis: layer == Layer::Halo,
                drawn: [s.p10, s.p50, s.p90].iter().all(|x| x.is_finite()),
            }
        })
        .collect();
    let mut rows: Vec<BandRow> = Layer::ALL
        .iter()
        .map(|&layer| {
            let s = sim.layers.get(layer);
            BandRow {
                label: format!("{} {}", layer.code(), layer.title()),
                cells: vec![
                    f.ratio(s.roas.p10),
                    f.ratio(s.roas.p50),
                    f.ratio(s.roas.p90),
                    format!("{} to {}", f.money(s.revenue.p10), f.money(s.revenue.p90)),
                    format!(
                        "{} to {}",
                        f.count(s.conversions.p10),
                        f.count(s.conversions.p90)
                    ),
                ],
            }
        })
        .collect();
    let b = sim.break_even_roas;
    if b.p10 != b.p90 {
        rows.push(BandRow {
            label: "Break-even ROAS (the margin is a range)".into(),
            cells: vec![
                f.ratio(b.p10),
                f.ratio(b.p50),
                f.ratio(b.p90),
                String::new(),
                String::new(),
            ],
        });
    }
    let names: Vec<String> = sim
        .ranged_inputs
        .iter()
        .map(|n| input_info(*n).0.to_lowercase())
        .collect();
    SimulationData {
        missing: None,
        intro: Some(format!(
            "{} outcomes were simulated (seed {}, so the same plan gives the same figures), drawing {} from {} ranges. The bar for each layer spans the middle 8 in 10 outcomes; the mark inside is the middle outcome. The fully adjusted ROAS clears break-even in {} of them.",
            f.count(sim.draws as f64),
            sim.seed,
            names.join(", "),
            if names.len() == 1 { "its" } else { "their" },
            f.percent(sim.probability_clears_break_even),
        )),
        bands,
        rows,
        ticks,
        break_even: fits.then(|| frac(be, top)),
        break_even_label: format!("Break-even {}", f.ratio(be)),
        break_even_note: (!fits && be.is_finite()).then(|| {
            format!(
                "Break-even ({}) is far above every range, so it is left off the chart.",
                f.ratio(be)
            )
        }),
    }
}

pub(super) fn tornado(report: &PlanReport, f: &Fmt) -> TornadoData {
    let base = report.point.layers.halo.roas;
    if report.tornado.is_empty() {
        return TornadoData {
            missing: Some("No input is a range, so there is nothing to rank. Give a low and a high value for the inputs you are unsure of.".into()),
            intro: None,
            base: 0.0,
            base_label: String::new(),
            bars: Vec::new(),
        };
    }
    let finite = report
        .tornado
        .iter()
        .flat_map(|b| [b.l4_roas_at_low, b.l4_roas_at_high])
        .chain([base])
        .filter(|x| x.is_finite());
    let lo = finite.clone().fold(f64::INFINITY, f64::min);
    let hi = finite.fold(f64::NEG_INFINITY, f64::max);
    let (lo, hi) = if lo.is_finite() && hi > lo {
        let pad = (hi - lo) * 0.04;
        (lo - pad, hi + pad)
    } else {
        (base - 1.0, base + 1.0)
    };
    let pos = |x: f64| {
        if x.is_finite() && hi > lo {
            ((x - lo) / (hi - lo)).clamp(0.0, 1.0)
        } else {
            pos_of_base(base, lo, hi)
        }
    };
    let bars = report
        .tornado
        .iter()
        .map(|b| {
            let (name, field, kind) = input_info(b.input);
            let high_on_right = b.l4_roas_at_high >= b.l4_roas_at_low;
            let (left_x, right_x) = if high_on_right {
                (b.l4_roas_at_low, b.l4_roas_at_high)
            } else {
                (b.l4_roas_at_high, b.l4_roas_at_low)
            };
            TornadoRow {
                name,
                field,
                range: format!("{} to {}", f.value(kind, b.low), f.value(kind, b.high)),
                left_value: f.ratio(left_x),
                right_value: f.ratio(right_x),
                left: pos(left_x),
                right: pos(right_x),
                high_on_right,
                swing: f.ratio(b.swing),
            }
        })
        .collect();
    TornadoData {
        missing: None,
        intro: Some(format!(
            "Each bar moves one input from its low to its high value while every other input stays at its likely value, and shows where the fully adjusted ROAS lands. The line marks the result at the likely values ({}). The widest bar is the input worth pinning down first.",
            f.ratio(base)
        )),
        base: pos_of_base(base, lo, hi),
        base_label: f.ratio(base),
        bars,
    }
}

fn pos_of_base(base: f64, lo: f64, hi: f64) -> f64 {
    if base.is_finite() && hi > lo {
        ((base - lo) / (hi - lo)).clamp(0.0, 1.0)
    } else {
        0.5
    }
}
