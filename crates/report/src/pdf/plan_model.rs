//! The data the plan template reads: every sentence worded, every figure formatted and every
//! bar position computed in Rust, so the template only lays it out. A figure that is not a
//! finite number is printed as a dash, with a note saying what the dash means.
//!
//! This file holds the shape of the data and puts it together; the parts are made in
//! `plan_model/`: figures as text (`fmt`), the charts (`charts`), the plan's inputs named from
//! the planner's field catalogue (`inputs`) and the sentences and tables (`words`).

mod charts;
mod fmt;
mod inputs;
#[cfg(test)]
mod tests;
mod words;

use super::text::{breakable, sanitize};
use super::tone::Tone;
use charts::{simulation, tornado, waterfall};
use fmt::Fmt;
use inputs::input_rows;
use preflight_planner::PlanReport;
use serde::Serialize;
use words::{cover, layer_rows, layers_note, reach, stats, summary, warning_row};

/// Printed instead of a figure that could not be computed (not a finite number): the planner's
/// own mark, so the PDF and the other readers agree.
pub(crate) const DASH: &str = preflight_planner::NO_FIGURE;

/// What the dash means, printed wherever one appears.
pub(crate) const DASH_NOTE: &str =
    "A dash (–) marks a figure that cannot be computed from these inputs.";

#[derive(Serialize)]
pub(crate) struct PlanData {
    pub document_title: String,
    pub client_name: Option<String>,
    pub scenario_name: Option<String>,
    pub agency_name: Option<String>,
    pub logo: Option<String>,
    pub date: String,
    pub cover: Cover,
    pub summary: Vec<String>,
    pub stats: Vec<Stat>,
    pub waterfall: Waterfall,
    pub layers: Vec<LayerRow>,
    /// Under the layer table: what currency the amounts are in.
    pub layers_note: String,
    /// One unit of the plan's currency ("$1.00", or "1.00" without a currency).
    pub money_one: String,
    pub reach: Option<String>,
    pub simulation: SimulationData,
    pub tornado: TornadoData,
    pub inputs: Vec<InputRow>,
    pub defaults_used: usize,
    pub warnings: Vec<WarningRow>,
    pub limits: Vec<&'static str>,
    /// Set when any figure in the document is a dash.
    pub dash_note: Option<&'static str>,
}

#[derive(Serialize)]
pub(crate) struct Cover {
    pub facts: Vec<(String, String)>,
    pub platform_roas: String,
    pub real_roas: String,
    pub band: Option<String>,
    pub headline: String,
    pub detail: String,
    pub tone: Tone,
}

#[derive(Serialize)]
pub(crate) struct Stat {
    pub value: String,
    pub label: String,
    pub tone: Tone,
}

#[derive(Serialize)]
pub(crate) struct Waterfall {
    pub bars: Vec<WaterfallBar>,
    pub ticks: Vec<Tick>,
    /// Position of the break-even line (0 = axis, 1 = top), when it fits on the chart.
    pub break_even: Option<f64>,
    pub break_even_label: String,
    /// Said under the chart when break-even is far above every bar.
    pub break_even_note: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct WaterfallBar {
    pub label: &'static str,
    pub code: &'static str,
    pub value: String,
    /// Bar span as fractions of the chart height.
    pub bottom: f64,
    pub top: f64,
    /// Where the running total stands after this bar (for the connector to the next).
    pub level: f64,
    pub kind: &'static str,
    /// False when a figure it stands on is not a finite number: only its dash is printed.
    pub drawn: bool,
}

#[derive(Serialize)]
pub(crate) struct Tick {
    pub at: f64,
    pub label: String,
}

#[derive(Serialize)]
pub(crate) struct LayerRow {
    pub code: &'static str,
    pub title: &'static str,
    pub conversions: String,
    pub revenue: String,
    pub roas: String,
    pub poas: String,
    pub cpa: String,
}

#[derive(Serialize)]
pub(crate) struct SimulationData {
    /// Why there is no band, when there is none.
    pub missing: Option<String>,
    pub intro: Option<String>,
    pub bands: Vec<Band>,
    pub rows: Vec<BandRow>,
    pub ticks: Vec<Tick>,
    pub break_even: Option<f64>,
    pub break_even_label: String,
    pub break_even_note: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct Band {
    pub label: String,
    pub low: f64,
    pub middle: f64,
    pub high: f64,
    pub text: String,
    pub emphasis: bool,
    /// False when a percentile is not a finite number: only the dashes are printed.
    pub drawn: bool,
}

#[derive(Serialize)]
pub(crate) struct BandRow {
    pub label: String,
    pub cells: Vec<String>,
}

#[derive(Serialize)]
pub(crate) struct TornadoData {
    pub missing: Option<String>,
    pub intro: Option<String>,
    pub base: f64,
    pub base_label: String,
    pub bars: Vec<TornadoRow>,
}

#[derive(Serialize)]
pub(crate) struct TornadoRow {
    pub name: &'static str,
    pub field: &'static str,
    pub range: String,
    /// ROAS at the left and right end of the bar, and which end the input's high value is.
    pub left_value: String,
    pub right_value: String,
    pub left: f64,
    pub right: f64,
    pub high_on_right: bool,
    pub swing: String,
}

#[derive(Serialize)]
pub(crate) struct InputRow {
    pub name: String,
    pub field: String,
    pub value: String,
    pub default: bool,
    pub reason: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct WarningRow {
    pub level: &'static str,
    pub tone: Tone,
    pub title: String,
    pub detail: String,
    pub remedy: Option<String>,
}

/// Names and dates for the cover, already trimmed.
pub(crate) struct PlanBranding<'a> {
    pub client_name: Option<&'a str>,
    pub scenario_name: Option<&'a str>,
    pub agency_name: Option<&'a str>,
    pub logo_path: Option<&'a str>,
    pub date: String,
}

/// Said only when the plan has reach inputs.
const REACH_LIMIT: &str =
    "Reach is shown for information only and does not change any ROAS figure.";

const LIMITS: [&str; 7] = [
    "This is a model, not a forecast. Every figure follows from the inputs listed in this report and is only as good as they are.",
    "The standard figure assumes Ads Manager credits what the pixel sees within the attribution window. Consent banners, ad blockers and people switching devices make the real count lower.",
    "How many sales come after the window depends on the days-to-sale assumption. It is the least certain part of the full-cycle figure unless it comes from your own sales data.",
    "The share of sales you would get anyway is an estimate until a holdout test (some people not shown the ads) measures it.",
    "The AI visibility lift is the least established layer: there is little public evidence on how citations in AI answers lift paid results. The incremental figure is the conservative one.",
    "The ranges are drawn independently of each other. Inputs that move together in reality, such as cost per click and conversion rate, can make the true spread wider or narrower.",
    "P10 and P90 mean that one simulated outcome in ten is lower, or higher. They are not hard limits.",
];

/// Warnings the document already covers in a section of its own: the defaults are listed, with
/// their reasons, under Inputs and assumptions.
const COVERED_WARNINGS: [&str; 1] = ["assumptions-used"];

pub(crate) fn build<'a>(report: &PlanReport, branding: &PlanBranding<'a>) -> PlanData {
    let f = Fmt::new(report.money.format.clone());
    let trimmed = |s: Option<&'a str>| s.map(str::trim).filter(|s| !s.is_empty());
    let (client, scenario) = (
        trimmed(branding.client_name),
        trimmed(branding.scenario_name),
    );
    // The title goes into the PDF's metadata as well as the running header: cleaned, but
    // without the invisible break opportunities body text gets.
    let document_title = match (client.map(sanitize), scenario.map(sanitize)) {
        (Some(c), Some(s)) => format!("ChatGPT Ads ROAS plan: {c}, {s}"),
        (Some(c), None) => format!("ChatGPT Ads ROAS plan: {c}"),
        (None, Some(s)) => format!("ChatGPT Ads ROAS plan: {s}"),
        (None, None) => "ChatGPT Ads ROAS plan".to_string(),
    };
    let client_name = client.map(breakable);
    let scenario_name = scenario.map(breakable);
    let inputs = input_rows(report, &f);
    let defaults_used = inputs.iter().filter(|r| r.default).count();
    let mut data = PlanData {
        document_title,
        client_name,
        scenario_name,
        agency_name: trimmed(branding.agency_name).map(breakable),
        logo: branding.logo_path.map(str::to_string),
        date: branding.date.clone(),
        cover: cover(report, &f),
        summary: summary(report, defaults_used, &f),
        stats: stats(report, &f),
        waterfall: waterfall(report, &f),
        layers: layer_rows(report, &f),
        layers_note: layers_note(report, &f),
        money_one: f.money(1.0),
        reach: reach(report, &f),
        simulation: simulation(report, &f),
        tornado: tornado(report, &f),
        inputs,
        defaults_used,
        warnings: report
            .warnings
            .iter()
            .filter(|w| !COVERED_WARNINGS.contains(&w.id.as_str()))
            .map(|w| warning_row(w, &f))
            .collect(),
        limits: LIMITS
            .iter()
            .copied()
            .chain(report.point.reach.is_some().then_some(REACH_LIMIT))
            .collect(),
        dash_note: None,
    };
    if f.dashed.get() {
        data.dash_note = Some(DASH_NOTE);
    }
    data
}
