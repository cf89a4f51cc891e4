//! One plan, one answer: `preflight plan` with its default draws and seed gives exactly the
//! figures the app computes (`plan_report` with `DEFAULT_DRAWS` and `DEFAULT_SEED`, the call
//! behind the app's `compute_plan` command and its PDF export).

mod support;

use preflight_planner::{plan_report, Layer, Plan, PlanReport, DEFAULT_DRAWS, DEFAULT_SEED};
use support::{json, preflight};

const PLAN: &str = r#"{ "spend": 10000, "currency": "EUR", "cpc": {"low": 3, "likely": 4, "high": 6},
  "cvr": {"low": 0.02, "likely": 0.03, "high": 0.045}, "value": {"low": 90, "likely": 120, "high": 160},
  "margin": 0.4, "lag_median_days": {"low": 1, "likely": 2, "high": 4}, "lag_sigma": 1.0,
  "cannibalization": {"low": 0.1, "likely": 0.25, "high": 0.4}, "ai_citation_share": 0.3,
  "ai_lift": {"low": 0, "likely": 0.2, "high": 0.4} }"#;

/// The report `preflight plan --format json` prints for the plan, with any extra flags.
fn cli_report(dir: &tempfile::TempDir, extra: &[&str]) -> PlanReport {
    let file = dir.path().join("plan.json");
    std::fs::write(&file, PLAN).unwrap();
    let mut args = vec![
        "plan",
        "--input",
        file.to_str().unwrap(),
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    let out = preflight(&args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_value(json(&out)).expect("the JSON is a plan report")
}

fn percentiles(report: &PlanReport) -> Vec<[f64; 3]> {
    let sim = report.simulation.as_ref().expect("simulated");
    Layer::ALL
        .iter()
        .flat_map(|&layer| {
            let s = sim.layers.get(layer);
            [s.roas, s.poas, s.revenue, s.conversions]
        })
        .chain([sim.break_even_roas])
        .map(|s| [s.p10, s.p50, s.p90])
        .collect()
}

#[test]
fn the_command_line_defaults_give_the_apps_ranges() {
    let dir = tempfile::tempdir().unwrap();
    let plan = Plan::from_json(PLAN).unwrap();
    let app = plan_report(&plan, DEFAULT_DRAWS, DEFAULT_SEED).unwrap();
    let cli = cli_report(&dir, &[]);

    let sim = cli.simulation.as_ref().unwrap();
    assert_eq!((sim.draws, sim.seed), (DEFAULT_DRAWS, DEFAULT_SEED));
    // Bit for bit: every P10, P50 and P90, then the whole report (money text included).
    assert_eq!(percentiles(&cli), percentiles(&app));
    assert_eq!(cli, app);
    assert_eq!(cli.money.spend, "€10,000");
}

#[test]
fn other_draws_or_seeds_give_other_ranges() {
    // The comparison above can tell reports apart: a different seed moves the percentiles.
    let dir = tempfile::tempdir().unwrap();
    let plan = Plan::from_json(PLAN).unwrap();
    let app = plan_report(&plan, DEFAULT_DRAWS, DEFAULT_SEED).unwrap();
    let other_seed = cli_report(&dir, &["--seed", "1"]);
    assert_ne!(percentiles(&other_seed), percentiles(&app));
    let fewer = cli_report(&dir, &["--draws", "2000"]);
    assert_ne!(percentiles(&fewer), percentiles(&app));
    assert_eq!(
        other_seed,
        plan_report(&plan, DEFAULT_DRAWS, 1).unwrap(),
        "flags given are used as given"
    );
}
