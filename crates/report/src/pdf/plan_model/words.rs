//! The plan PDF's words and tables: the cover, the executive summary, the headline figures, the
//! layer table, reach and the planner's warnings, each figure written by [`Fmt`].

use super::fmt::Fmt;
use super::inputs::input_info;
use super::{Cover, LayerRow, Stat, WarningRow, DASH};
use crate::pdf::tone::Tone;
use preflight_planner::{chance_tone, PlanTone};
use preflight_planner::{Layer, PlanReport, PlanWarning, WarningLevel};

fn l4_band(report: &PlanReport) -> Option<(f64, f64, f64)> {
    let sim = report.simulation.as_ref()?;
    if sim.ranged_inputs.is_empty() {
        return None;
    }
    let s = sim.layers.halo.roas;
    Some((s.p10, s.p50, s.p90))
}

/// A probability from the simulation, when the plan has ranges to simulate.
fn chance(report: &PlanReport) -> Option<f64> {
    report.verdict.chance
}

/// The planner's colour as the PDF's tone.
fn plan_tone(tone: PlanTone) -> Tone {
    match tone {
        PlanTone::Good => Tone::Good,
        PlanTone::Warn => Tone::Warn,
        PlanTone::Bad => Tone::Bad,
        PlanTone::Neutral => Tone::Neutral,
    }
}

pub(super) fn cover(report: &PlanReport, f: &Fmt) -> Cover {
    let p = &report.point;
    let l1 = p.layers.standard.roas;
    let l4 = p.layers.halo.roas;
    let be = p.break_even_roas;
    let mut facts = vec![
        ("Budget".to_string(), f.money(p.spend)),
        ("Attribution window".to_string(), f.days(p.window_days)),
    ];
    facts.push((
        "Simulation".to_string(),
        match &report.simulation {
            Some(sim) => format!("{} outcomes (seed {})", f.count(sim.draws as f64), sim.seed),
            None => "not run".to_string(),
        },
    ));
    let band = l4_band(report).map(|(lo, _, hi)| {
        format!(
            "8 in 10 simulated outcomes: {} to {}",
            f.ratio(lo),
            f.ratio(hi)
        )
    });
    let headline = report.verdict.headline.clone();
    let tone = plan_tone(report.verdict.tone);
    let detail = format!(
        "The campaign breaks even at a ROAS of {} (gross margin {}). ROAS is revenue per {} of ad spend.",
        f.ratio(be),
        f.percent(p.margin),
        f.money(1.0)
    );
    Cover {
        facts,
        platform_roas: f.ratio(l1),
        real_roas: f.ratio(l4),
        band,
        headline,
        detail,
        tone,
    }
}

pub(super) fn summary(report: &PlanReport, defaults_used: usize, f: &Fmt) -> Vec<String> {
    let p = &report.point;
    let l = &p.layers;
    let (l1, l4, be) = (l.standard.roas, l.halo.roas, p.break_even_roas);
    let mut out = vec![format!(
        "Ads Manager will report a return on ad spend (ROAS) of {}: for every {} spent, the pixel credits {} of revenue within the {} after the click.",
        f.ratio(l1),
        f.money(1.0),
        f.money(l1),
        format!("{}-day window", f.plain(p.window_days)),
    )];

    let change = |x: f64, up: &str, down: &str| -> String {
        let text = f.signed(x);
        if text == DASH {
            let verb = if up.ends_with('s') {
                "changes"
            } else {
                "change"
            };
            format!("{verb} it by {DASH}")
        } else if text == "±0.00" {
            format!("{up} nothing")
        } else if x < 0.0 {
            format!("{down} {}", text.trim_start_matches('\u{2212}'))
        } else {
            format!("{up} {}", text.trim_start_matches('+'))
        }
    };
    out.push(format!(
        "That figure misses some things and counts others it should not. Sales after the window {}; sales that would have happened without the ads {}; being cited in AI answers {}. Fully adjusted, the channel is worth a ROAS of {}: {} of revenue for {} of spend.",
        change(l.full_cycle.roas - l1, "add", "take away"),
        change(l.incremental.roas - l.full_cycle.roas, "add", "take away"),
        change(l4 - l.incremental.roas, "adds", "takes away"),
        f.ratio(l4),
        f.money(l.halo.revenue),
        f.money(p.spend),
    ));

    if l1.is_finite() && l4.is_finite() && l4 > 0.0 {
        let gap = l1 / l4 - 1.0;
        out.push(if gap.abs() < 0.01 {
            "The platform figure is close to what the channel is really worth.".to_string()
        } else if gap > 0.0 {
            format!(
                "The platform figure overstates what the channel is really worth by {}: judge the campaign on the fully adjusted figure, not on Ads Manager alone.",
                f.percent(gap)
            )
        } else {
            format!(
                "The platform figure understates what the channel is really worth: the fully adjusted figure is {} higher.",
                f.percent(l4 / l1 - 1.0)
            )
        });
    }

    out.push(format!(
        "With a gross margin of {}, the campaign pays for itself at a ROAS of {}. At {} it {}: each {} spent returns {} of gross profit.",
        f.percent(p.margin),
        f.ratio(be),
        f.ratio(l4),
        if !(l4.is_finite() && be.is_finite()) {
            "cannot be told whether it pays for itself"
        } else if l4 >= be {
            "pays for itself"
        } else {
            "does not pay for itself"
        },
        f.money(1.0),
        f.money(l.halo.poas),
    ));

    out.push(match (&report.simulation, l4_band(report)) {
        (Some(sim), Some((lo, mid, hi))) => format!(
            "The inputs are uncertain, so {} possible outcomes were simulated from their ranges. In 8 out of 10 the fully adjusted ROAS lands between {} and {} (middle {}), and it clears break-even in {} of them.",
            f.count(sim.draws as f64),
            f.ratio(lo),
            f.ratio(hi),
            f.ratio(mid),
            f.percent(sim.probability_clears_break_even),
        ),
        (Some(_), None) => "Every input is a single number, so the result has no uncertainty band. Give a low and a high value for the inputs you are unsure of to see how wide the outcome can be.".to_string(),
        (None, _) => "The plan was not simulated, so this report shows no uncertainty band.".to_string(),
    });

    if let Some(top) = report.tornado.first().filter(|b| b.swing > 0.0) {
        let (name, _, kind) = input_info(top.input);
        out.push(format!(
            "The input that moves the result most is {} ({}): between {} and {} the fully adjusted ROAS runs from {} to {}. Pinning it down is the best next step.",
            name.to_lowercase(),
            top.input.as_str(),
            f.value(kind, top.low),
            f.value(kind, top.high),
            f.ratio(top.l4_roas_at_low.min(top.l4_roas_at_high)),
            f.ratio(top.l4_roas_at_low.max(top.l4_roas_at_high)),
        ));
    }

    if defaults_used > 0 {
        out.push(format!(
            "{} {} standard {} rather than your own {}; {} listed with the reasons under Inputs and assumptions.",
            defaults_used,
            if defaults_used == 1 { "input is a" } else { "inputs are" },
            if defaults_used == 1 { "default" } else { "defaults" },
            if defaults_used == 1 { "figure" } else { "figures" },
            if defaults_used == 1 { "it is" } else { "they are" },
        ));
    }
    out
}

pub(super) fn stats(report: &PlanReport, f: &Fmt) -> Vec<Stat> {
    let p = &report.point;
    let (l1, l4, be) = (
        p.layers.standard.roas,
        p.layers.halo.roas,
        p.break_even_roas,
    );
    let pays = |x: f64| {
        if !x.is_finite() {
            Tone::Neutral
        } else if x >= be {
            Tone::Good
        } else {
            Tone::Bad
        }
    };
    let mut stats = vec![
        Stat {
            value: f.ratio(l1),
            label: "ROAS Ads Manager shows (L1)".into(),
            tone: Tone::Neutral,
        },
        Stat {
            value: f.ratio(l4),
            label: "ROAS fully adjusted (L4)".into(),
            tone: pays(l4),
        },
        Stat {
            value: f.ratio(be),
            label: "ROAS needed to break even".into(),
            tone: Tone::Neutral,
        },
    ];
    stats.push(match chance(report) {
        Some(c) => Stat {
            value: f.percent(c),
            label: "chance of breaking even".into(),
            tone: plan_tone(chance_tone(c)),
        },
        None => Stat {
            value: f.ratio(p.layers.halo.poas),
            label: format!("gross profit per {} spent", f.money(1.0)),
            tone: pays(l4),
        },
    });
    stats
}

pub(super) fn layer_rows(report: &PlanReport, f: &Fmt) -> Vec<LayerRow> {
    Layer::ALL
        .iter()
        .map(|&layer| {
            let r = report.point.layers.get(layer);
            LayerRow {
                code: layer.code(),
                title: layer.title(),
                conversions: f.count(r.conversions),
                revenue: f.money(r.revenue),
                roas: f.ratio(r.roas),
                poas: f.ratio(r.poas),
                cpa: f.money(r.cpa),
            }
        })
        .collect()
}

pub(super) fn reach(report: &PlanReport, f: &Fmt) -> Option<String> {
    let r = report.point.reach.as_ref()?;
    let still = (1.0 - r.quarterly_opt_out).powi(r.quarters.min(i32::MAX as u32) as i32);
    Some(format!(
        "About {} people can see the ads over the next {}: {} people in the audience, {} of them on ChatGPT Free or Go (the plans that show ads), and {} of those still seeing ads after opt-outs. This is for information and does not change the ROAS figures.",
        f.count(r.reachable.round()),
        if r.quarters == 1 {
            "quarter".to_string()
        } else {
            format!("{} quarters", r.quarters)
        },
        f.count(r.audience),
        f.percent(r.free_and_go_share),
        f.percent(still),
    ))
}

pub(super) fn warning_row(w: &PlanWarning, f: &Fmt) -> WarningRow {
    let (level, tone) = match w.level {
        WarningLevel::Warning => ("Warning", Tone::Warn),
        WarningLevel::Info => ("Note", Tone::Neutral),
    };
    WarningRow {
        level,
        tone,
        title: f.words(&w.title),
        detail: f.words(&w.detail),
        remedy: Some(w.remedy.trim())
            .filter(|r| !r.is_empty())
            .map(|r| f.words(r)),
    }
}

/// Under the layer table: the currency of its amounts and what profit per unit means.
pub(super) fn layers_note(report: &PlanReport, f: &Fmt) -> String {
    let currency = match &report.money.format.currency {
        Some(code) => code.clone(),
        None => "the plan's currency".to_string(),
    };
    let one = f.money(1.0);
    format!("Revenue and cost per conversion are in {currency}. Profit per {one} is ROAS times the gross margin.")
}
