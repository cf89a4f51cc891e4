//! The report as plain text for the command line, worded for marketers.

use std::fmt::Write;

use crate::assumption::format_number;
use crate::format::{count, percent, ratio};
use crate::money::MoneyFormat;
use crate::point::{Layer, PointResult};
use crate::report::PlanReport;
use crate::simulate::{Simulation, Spread};
use crate::warnings::WarningLevel;

/// The full report as text: inputs in a sentence each, the four layers, the waterfall, the
/// ranges and sensitivity when simulated, reach, assumptions and warnings.
pub fn render_text(report: &PlanReport) -> String {
    let mut out = String::new();
    let p = &report.point;
    let m = &report.money.format;
    // Writing to a String cannot fail.
    let _ = write_summary(&mut out, p, m);
    let _ = writeln!(out, "Verdict: {}.\n", report.verdict.headline);
    let _ = write_layers(&mut out, p, report.simulation.as_ref(), m);
    let _ = write_waterfall(&mut out, p, m);
    if let Some(sim) = &report.simulation {
        let _ = write_simulation(&mut out, sim);
    }
    let _ = write_tornado(&mut out, report);
    let _ = write_reach(&mut out, p);
    let _ = write_assumptions(&mut out, report);
    let _ = write_warnings(&mut out, report);
    out
}

fn write_summary(out: &mut String, p: &PointResult, m: &MoneyFormat) -> std::fmt::Result {
    let money = |x: f64| m.format(x);
    writeln!(out, "ChatGPT Ads ROAS plan")?;
    writeln!(out, "=====================")?;
    match p.impressions {
        Some(impressions) => writeln!(
            out,
            "Spend {} buys {} impressions and {} clicks ({} per click).",
            money(p.spend),
            count(impressions),
            count(p.clicks),
            money(p.spend / p.clicks)
        )?,
        None => writeln!(
            out,
            "Spend {} buys {} clicks ({} per click).",
            money(p.spend),
            count(p.clicks),
            money(p.spend / p.clicks)
        )?,
    }
    writeln!(
        out,
        "The pixel credits {} of clicks as conversions, each worth {}.",
        percent(p.cvr),
        money(p.value_per_conversion)
    )?;
    writeln!(
        out,
        "{} of conversions land inside the {}-day window; in the end {} of clicks convert.",
        percent(p.f_in),
        count(p.window_days),
        percent(p.implied_eventual_cvr)
    )?;
    writeln!(
        out,
        "Gross margin {}: the plan breaks even at ROAS {}.",
        percent(p.margin),
        ratio(p.break_even_roas)
    )?;
    writeln!(out)
}

fn write_layers(
    out: &mut String,
    p: &PointResult,
    sim: Option<&Simulation>,
    m: &MoneyFormat,
) -> std::fmt::Result {
    let money = |x: f64| m.format(x);
    writeln!(
        out,
        "{:<52} {:>12} {:>14} {:>6} {:>6} {:>10}",
        "Layer", "Conversions", "Revenue", "ROAS", "POAS", "CPA"
    )?;
    for layer in Layer::ALL {
        let l = p.layers.get(layer);
        writeln!(
            out,
            "{:<52} {:>12} {:>14} {:>6} {:>6} {:>10}",
            format!("{} {}", layer.code(), layer.title()),
            count(l.conversions),
            money(l.revenue),
            ratio(l.roas),
            ratio(l.poas),
            money(l.cpa)
        )?;
        if let Some(sim) = sim {
            let s = sim.layers.get(layer);
            writeln!(
                out,
                "   likely range (P10–P90): ROAS {}, revenue {}, conversions {}",
                range(&s.roas, &ratio),
                range(&s.revenue, &money),
                range(&s.conversions, &count)
            )?;
        }
    }
    writeln!(out)
}

fn range(s: &Spread, f: &dyn Fn(f64) -> String) -> String {
    format!("{} to {} (P50 {})", f(s.p10), f(s.p90), f(s.p50))
}

fn signed(x: f64, f: fn(f64) -> String) -> String {
    if x < 0.0 {
        format!("−{}", f(-x))
    } else {
        format!("+{}", f(x))
    }
}

fn write_waterfall(out: &mut String, p: &PointResult, m: &MoneyFormat) -> std::fmt::Result {
    writeln!(out, "From standard to halo-adjusted ROAS")?;
    for step in &p.waterfall {
        let (roas, revenue) = if step.is_total {
            (ratio(step.roas), m.format(step.revenue))
        } else {
            (signed(step.roas, ratio), m.signed(step.revenue))
        };
        writeln!(out, "  {:<50} {:>7} {:>15}", step.label, roas, revenue)?;
    }
    writeln!(out)
}

fn write_simulation(out: &mut String, sim: &Simulation) -> std::fmt::Result {
    writeln!(
        out,
        "Chance the halo-adjusted ROAS clears break-even: {}",
        percent(sim.probability_clears_break_even)
    )?;
    writeln!(
        out,
        "({} simulated outcomes, seed {}; the same seed gives the same figures.)",
        count(sim.draws as f64),
        sim.seed
    )?;
    writeln!(out)
}

fn write_tornado(out: &mut String, report: &PlanReport) -> std::fmt::Result {
    if report.tornado.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "What moves the halo-adjusted ROAS most (each input from its low to its high end):"
    )?;
    for bar in &report.tornado {
        writeln!(
            out,
            "  {:<20} {} to {}: ROAS {} to {} (swing {})",
            bar.input.as_str(),
            format_number(bar.low),
            format_number(bar.high),
            ratio(bar.l4_roas_at_low),
            ratio(bar.l4_roas_at_high),
            ratio(bar.swing)
        )?;
    }
    writeln!(out)
}

fn write_reach(out: &mut String, p: &PointResult) -> std::fmt::Result {
    let Some(r) = &p.reach else {
        return Ok(());
    };
    writeln!(
        out,
        "Reach: {} people × {} on ChatGPT Free or Go × {} still seeing ads after {} quarter(s) = about {} people.",
        count(r.audience),
        percent(r.free_and_go_share),
        percent((1.0 - r.quarterly_opt_out).powi(r.quarters.min(i32::MAX as u32) as i32)),
        r.quarters,
        count(r.reachable.round())
    )?;
    writeln!(out)
}

fn write_assumptions(out: &mut String, report: &PlanReport) -> std::fmt::Result {
    if report.assumptions.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "Assumptions (not your numbers; replace them when you can)"
    )?;
    for a in &report.assumptions {
        writeln!(out, "  {} = {}: {}", a.field, a.value, a.reason)?;
    }
    writeln!(out)
}

fn write_warnings(out: &mut String, report: &PlanReport) -> std::fmt::Result {
    if report.warnings.is_empty() {
        return Ok(());
    }
    writeln!(out, "Notes")?;
    for w in &report.warnings {
        let mark = match w.level {
            WarningLevel::Warning => "!",
            WarningLevel::Info => "i",
        };
        writeln!(out, "  {mark} {} [{}]", w.title, w.id)?;
        writeln!(out, "    {}", w.detail)?;
        if !w.remedy.is_empty() {
            writeln!(out, "    What to do: {}", w.remedy)?;
        }
    }
    Ok(())
}
