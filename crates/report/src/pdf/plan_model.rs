//! The data the plan template reads: every sentence worded, every figure formatted and every
//! bar position computed in Rust, so the template only lays it out. A figure that is not a
//! finite number is printed as a dash, with a note saying what the dash means.

use super::model::Tone;
use super::text::{breakable, sanitize};
use preflight_planner::{InputName, Layer, PlanReport, PlanWarning, WarningLevel, PLAN_FIELDS};
use serde::Serialize;
use std::cell::Cell;

/// Printed instead of a figure that could not be computed (not a finite number).
pub(crate) const DASH: &str = "–";

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

/// Number formatting that remembers whether it ever had to print a dash.
#[derive(Default)]
struct Fmt {
    dashed: Cell<bool>,
}

impl Fmt {
    fn finite(&self, x: f64) -> Option<f64> {
        if x.is_finite() {
            Some(x)
        } else {
            self.dashed.set(true);
            None
        }
    }

    /// A ROAS or POAS: "0.72".
    fn ratio(&self, x: f64) -> String {
        self.finite(x)
            .map(|x| grouped(x, 2))
            .unwrap_or_else(|| DASH.into())
    }

    /// A signed change of ROAS: "+0.04", "−0.23".
    fn signed(&self, x: f64) -> String {
        match self.finite(x) {
            None => DASH.into(),
            Some(x) if grouped(x.abs(), 2) == "0.00" => "±0.00".into(),
            Some(x) if x < 0.0 => format!("\u{2212}{}", grouped(-x, 2)),
            Some(x) => format!("+{}", grouped(x, 2)),
        }
    }

    /// An amount of money, without a currency sign: whole units from 1,000 up.
    fn money(&self, x: f64) -> String {
        self.finite(x)
            .map(|x| grouped(x, if x.abs() >= 1000.0 { 0 } else { 2 }))
            .unwrap_or_else(|| DASH.into())
    }

    /// A count of conversions or people: one decimal below 100.
    fn count(&self, x: f64) -> String {
        self.finite(x)
            .map(|x| grouped(x, if x.abs() >= 100.0 { 0 } else { 1 }))
            .unwrap_or_else(|| DASH.into())
    }

    /// A share: "3.1 %".
    fn percent(&self, x: f64) -> String {
        match self.finite(x) {
            None => DASH.into(),
            Some(x) => {
                let p = x * 100.0;
                let text = if p != 0.0 && p.abs() < 0.1 {
                    format!("{p:.3}")
                } else if p == p.round() {
                    format!("{p:.0}")
                } else {
                    format!("{p:.1}")
                };
                format!("{text}\u{a0}%")
            }
        }
    }

    fn plain(&self, x: f64) -> String {
        match self.finite(x) {
            None => DASH.into(),
            Some(x) if x == x.round() && x.abs() < 1e15 => grouped(x, 0),
            Some(x) => {
                let text = format!("{x:.3}");
                text.trim_end_matches('0').trim_end_matches('.').to_string()
            }
        }
    }

    fn days(&self, x: f64) -> String {
        match self.finite(x) {
            None => DASH.into(),
            Some(x) => match self.plain(x) {
                one if one == "1" => "1 day".into(),
                n => format!("{n} days"),
            },
        }
    }

    fn value(&self, kind: Kind, x: f64) -> String {
        match kind {
            Kind::Money => self.money(x),
            Kind::Percent => self.percent(x),
            Kind::Days => self.days(x),
            Kind::Count => self.count(x),
            Kind::Plain => self.plain(x),
        }
    }

    /// Text the planner worded, with any non-finite number it printed replaced by a dash.
    fn words(&self, text: &str) -> String {
        let mut out = Vec::new();
        for token in text.split(' ') {
            let core = token.trim_matches(|c: char| !c.is_alphanumeric());
            let lower = core.to_ascii_lowercase();
            if matches!(lower.as_str(), "nan" | "inf" | "infinity") {
                self.dashed.set(true);
                out.push(token.replacen(core, DASH, 1).replace("-\u{2013}", DASH));
            } else {
                out.push(token.to_string());
            }
        }
        breakable(&out.join(" "))
    }
}

/// 1234567.891 → "1,234,567.89"; never "-0.00".
fn grouped(x: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, x.abs());
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text.as_str(), None),
    };
    let mut out = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    if x < 0.0 && out.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.insert(0, '-');
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Money,
    Percent,
    Days,
    Count,
    Plain,
}

/// A plan field as a reader knows it, and how its values are written.
fn field_info(field: &str) -> (&'static str, Kind) {
    match field {
        "spend" => ("Budget", Kind::Money),
        "cpc" => ("Cost per click", Kind::Money),
        "cpm" => ("Cost per 1,000 impressions", Kind::Money),
        "ctr" => ("Click-through rate", Kind::Percent),
        "cvr" => ("Conversion rate the pixel credits", Kind::Percent),
        "value" => ("Value of one conversion", Kind::Money),
        "lead_to_opportunity" => ("Leads that become opportunities", Kind::Percent),
        "win_rate" => ("Opportunities won", Kind::Percent),
        "deal_value" => ("Value of a won deal", Kind::Money),
        "margin" => ("Gross margin", Kind::Percent),
        "window_days" => ("Attribution window", Kind::Days),
        "lag_median_days" => ("Typical days from click to sale", Kind::Days),
        "lag_sigma" => ("Spread of days to sale", Kind::Plain),
        "lag_table" => ("Days to sale, from your data", Kind::Plain),
        "cannibalization" => ("Sales you would get anyway", Kind::Percent),
        "ai_citation_share" => ("Share of AI-answer citations", Kind::Percent),
        "ai_lift" => ("Lift at full AI visibility", Kind::Percent),
        "audience" => ("Audience using ChatGPT", Kind::Count),
        "free_and_go_share" => ("Share on ChatGPT Free or Go", Kind::Percent),
        "quarterly_opt_out" => ("Ad opt-outs per quarter", Kind::Percent),
        "quarters" => ("Quarters ahead", Kind::Plain),
        _ => ("Other input", Kind::Plain),
    }
}

fn input_info(name: InputName) -> (&'static str, &'static str, Kind) {
    let field = name.as_str();
    let (label, kind) = field_info(field);
    (label, field, kind)
}

/// Short chart labels for the waterfall's five bars.
fn layer_short(layer: Layer) -> &'static str {
    match layer {
        Layer::Standard => "What Ads Manager shows",
        Layer::FullCycle => "Full-cycle",
        Layer::Incremental => "Incremental",
        Layer::Halo => "Fully adjusted",
    }
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
    let f = Fmt::default();
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
    report
        .simulation
        .as_ref()
        .filter(|s| !s.ranged_inputs.is_empty())
        .map(|s| s.probability_clears_break_even)
        .filter(|p| p.is_finite())
}

fn cover(report: &PlanReport, f: &Fmt) -> Cover {
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
    let (headline, tone) = if !(l4.is_finite() && be.is_finite()) {
        (
            "The result cannot be computed from these inputs".to_string(),
            Tone::Neutral,
        )
    } else if l4 >= be {
        match chance(report) {
            Some(c) if c < 0.9 => (
                format!(
                    "Pays for itself at the likely values ({} chance)",
                    f.percent(c)
                ),
                Tone::Warn,
            ),
            _ => ("Pays for itself".to_string(), Tone::Good),
        }
    } else {
        match chance(report) {
            Some(c) if c > 0.1 => (
                format!(
                    "Below break-even at the likely values ({} chance to clear it)",
                    f.percent(c)
                ),
                Tone::Warn,
            ),
            _ => ("Does not pay for itself".to_string(), Tone::Bad),
        }
    };
    let detail = format!(
        "The campaign breaks even at a ROAS of {} (gross margin {}). ROAS is revenue per 1.00 of ad spend.",
        f.ratio(be),
        f.percent(p.margin)
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

fn summary(report: &PlanReport, defaults_used: usize, f: &Fmt) -> Vec<String> {
    let p = &report.point;
    let l = &p.layers;
    let (l1, l4, be) = (l.standard.roas, l.halo.roas, p.break_even_roas);
    let mut out = vec![format!(
        "Ads Manager will report a return on ad spend (ROAS) of {}: for every 1.00 spent, the pixel credits {} of revenue within the {} after the click.",
        f.ratio(l1),
        f.ratio(l1),
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
        "With a gross margin of {}, the campaign pays for itself at a ROAS of {}. At {} it {}: each 1.00 spent returns {} of gross profit.",
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
        f.ratio(l.halo.poas),
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

fn stats(report: &PlanReport, f: &Fmt) -> Vec<Stat> {
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
            tone: if c >= 0.9 {
                Tone::Good
            } else if c <= 0.1 {
                Tone::Bad
            } else {
                Tone::Warn
            },
        },
        None => Stat {
            value: f.ratio(p.layers.halo.poas),
            label: "gross profit per 1.00 spent".into(),
            tone: pays(l4),
        },
    });
    stats
}

/// Evenly spaced, round axis values from 0 to at least `max`.
fn ticks(max: f64, f: &Fmt) -> (f64, Vec<Tick>) {
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

fn waterfall(report: &PlanReport, f: &Fmt) -> Waterfall {
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

fn layer_rows(report: &PlanReport, f: &Fmt) -> Vec<LayerRow> {
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

fn reach(report: &PlanReport, f: &Fmt) -> Option<String> {
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

fn simulation(report: &PlanReport, f: &Fmt) -> SimulationData {
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

fn tornado(report: &PlanReport, f: &Fmt) -> TornadoData {
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

/// Every input the plan used, in plan-file order: the user's own figures, then each default
/// with the reason it was chosen.
fn input_rows(report: &PlanReport, f: &Fmt) -> Vec<InputRow> {
    let plan = serde_json::to_value(&report.plan).unwrap_or_default();
    let mut rows = Vec::new();
    let mut assumptions: Vec<_> = report.assumptions.iter().collect();
    for field in PLAN_FIELDS {
        let (name, kind) = field_info(field);
        if let Some(i) = assumptions.iter().position(|a| a.field == field) {
            let a = assumptions.remove(i);
            rows.push(default_row(name, kind, a, f));
        } else if let Some(value) = plan.get(field).filter(|v| !v.is_null()) {
            rows.push(InputRow {
                name: name.to_string(),
                field: field.to_string(),
                value: input_text(field, kind, value, f),
                default: false,
                reason: None,
            });
        }
    }
    // Anything the planner assumed that is not a plan field, so nothing is hidden.
    for a in assumptions {
        let (name, kind) = field_info(&a.field);
        rows.push(default_row(name, kind, a, f));
    }
    rows
}

fn default_row(name: &str, kind: Kind, a: &preflight_planner::Assumption, f: &Fmt) -> InputRow {
    let value = match a.value.trim().parse::<f64>() {
        Ok(x) => f.value(kind, x),
        Err(_) => f.words(&a.value),
    };
    InputRow {
        name: name.to_string(),
        field: breakable(&a.field),
        value,
        default: true,
        reason: Some(f.words(&a.reason)),
    }
}

fn input_text(field: &str, kind: Kind, value: &serde_json::Value, f: &Fmt) -> String {
    let number = |v: &serde_json::Value| v.as_f64().map(|x| f.value(kind, x));
    if let Some(text) = number(value) {
        return text;
    }
    if field == "lag_table" {
        if let Some(points) = value.as_array() {
            let last = points
                .last()
                .and_then(|p| p.as_array())
                .and_then(|p| Some((p.first()?.as_f64()?, p.get(1)?.as_f64()?)));
            return match last {
                Some((day, share)) => format!(
                    "{} points; {} of sales by day {}",
                    points.len(),
                    f.percent(share),
                    f.plain(day)
                ),
                None => format!("{} points", points.len()),
            };
        }
    }
    match (
        value.get("low").and_then(number_of),
        value.get("likely").and_then(number_of),
        value.get("high").and_then(number_of),
    ) {
        (Some(low), Some(likely), Some(high)) => format!(
            "{} to {}, likely {}",
            f.value(kind, low),
            f.value(kind, high),
            f.value(kind, likely)
        ),
        _ => f.words(&value.to_string()),
    }
}

fn number_of(v: &serde_json::Value) -> Option<f64> {
    v.as_f64()
}

fn warning_row(w: &PlanWarning, f: &Fmt) -> WarningRow {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_plainly_and_never_as_nan() {
        let f = Fmt::default();
        assert_eq!(f.ratio(0.717929), "0.72");
        assert_eq!(f.signed(-0.2257), "\u{2212}0.23");
        assert_eq!(f.signed(0.0001), "±0.00");
        assert_eq!(f.money(1234567.891), "1,234,568");
        assert_eq!(f.money(903.056), "903.06");
        assert_eq!(f.percent(0.045), "4.5\u{a0}%");
        assert_eq!(f.percent(0.2), "20\u{a0}%");
        assert_eq!(f.days(30.0), "30 days");
        assert!(!f.dashed.get());
        assert_eq!(f.ratio(f64::NAN), DASH);
        assert_eq!(f.money(f64::INFINITY), DASH);
        assert_eq!(f.percent(f64::NEG_INFINITY), DASH);
        assert!(f.dashed.get());
    }

    #[test]
    fn planner_words_lose_non_finite_numbers() {
        let f = Fmt::default();
        let text = f.words("Halo-adjusted ROAS is NaN against a break-even ROAS of inf.");
        assert_eq!(
            text,
            "Halo-adjusted ROAS is – against a break-even ROAS of –."
        );
        assert!(f.dashed.get());
        let g = Fmt::default();
        assert_eq!(
            g.words("Information is infinite"),
            "Information is infinite"
        );
        assert!(!g.dashed.get());
    }

    #[test]
    fn axis_ticks_are_round_and_cover_the_data() {
        let f = Fmt::default();
        let (top, ticks) = ticks(2.8, &f);
        assert_eq!(top, 3.0);
        let labels: Vec<&str> = ticks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["0.00", "1.00", "2.00", "3.00"]);
        let (top, _) = ticks_of(0.0);
        assert!(top > 0.0);
    }

    fn ticks_of(max: f64) -> (f64, Vec<Tick>) {
        ticks(max, &Fmt::default())
    }
}
