//! Monte Carlo, tornado and the full report.

use preflight_planner::{
    evaluate, plan_report, render_text, simulate, tornado, InputName, Plan, DEFAULT_DRAWS,
};

const RANGED: &str = r#"{ "spend": 10000, "cpc": 4, "cvr": {"low": 0.02, "likely": 0.03, "high": 0.045},
  "value": 120, "margin": 0.4, "lag_median_days": 2, "lag_sigma": 1.0,
  "cannibalization": {"low": 0.1, "likely": 0.25, "high": 0.4}, "ai_citation_share": 0.3, "ai_lift": 0.2 }"#;

#[test]
fn percentiles_bracket_the_point_and_are_ordered() {
    let plan = Plan::from_json(RANGED).unwrap();
    let point = evaluate(&plan).unwrap();
    let sim = simulate(&plan, DEFAULT_DRAWS, 7).unwrap();
    assert_eq!(sim.draws, DEFAULT_DRAWS);
    assert_eq!(
        sim.ranged_inputs,
        [InputName::Cvr, InputName::Cannibalization]
    );
    for layer in preflight_planner::Layer::ALL {
        let s = sim.layers.get(layer);
        for spread in [s.roas, s.poas, s.revenue, s.conversions] {
            assert!(
                spread.p10 <= spread.p50 && spread.p50 <= spread.p90,
                "{layer:?}"
            );
            assert!(spread.p10 < spread.p90, "{layer:?} has a real range");
        }
        let p = point.layers.get(layer).roas;
        assert!(
            s.roas.p10 < p && p < s.roas.p90,
            "{layer:?}: point {p} inside P10–P90"
        );
    }
    // Conversions at L1 only depend on cvr: P10 of a triangular(0.02, 0.03, 0.045) × 2,500.
    let expected_p10 = 2500.0 * (0.02 + (0.1f64 * 0.025 * 0.01).sqrt());
    assert!((sim.layers.standard.conversions.p10 - expected_p10).abs() < 1.0);
    // Point L4 is 0.72 against break-even 2.5: almost never clears.
    assert!(sim.probability_clears_break_even < 0.01);
    assert_eq!(sim.break_even_roas.p50, 2.5);
}

#[test]
fn probability_of_break_even_matches_the_share_of_draws() {
    // L4 = cvr × 2500 × 150 / 10000 / f_in; break-even sits inside the cvr range.
    let plan = Plan::from_json(
        r#"{"spend": 10000, "cpc": 4, "cvr": {"low": 0.02, "likely": 0.03, "high": 0.04},
            "value": 150, "margin": 0.85, "lag_median_days": 2, "lag_sigma": 1.0,
            "cannibalization": 0.0, "ai_citation_share": 0, "ai_lift": 0.2}"#,
    )
    .unwrap();
    let sim = simulate(&plan, 20_000, 1).unwrap();
    // L4 ≥ 1/0.85 ⇔ cvr ≥ f_in / (0.85 × 37.5).
    let f_in = preflight_planner::lognormal_share(30.0, 2.0, 1.0);
    let cvr_needed = f_in / (0.85 * 37.5);
    assert!(cvr_needed > 0.03 && cvr_needed < 0.04);
    // Triangular(0.02, 0.03, 0.04) survival function above cvr_needed (> likely).
    let expected = (0.04 - cvr_needed).powi(2) / (0.02 * 0.01);
    assert!(
        (sim.probability_clears_break_even - expected).abs() < 0.01,
        "{} vs {expected}",
        sim.probability_clears_break_even
    );
}

#[test]
fn tornado_ranks_by_swing_with_others_at_likely() {
    let plan = Plan::from_json(RANGED).unwrap();
    let bars = tornado(&plan).unwrap();
    assert_eq!(bars.len(), 2);
    // cvr moves L4 from 0.02 to 0.045 (×2.25 over 0.717929/0.03 per unit), cannibalization
    // from 0.9 to 0.6 of L2.
    let per_cvr = 0.717929 / 0.03;
    let cvr_bar = bars.iter().find(|b| b.input == InputName::Cvr).unwrap();
    assert!((cvr_bar.l4_roas_at_low - per_cvr * 0.02).abs() < 1e-5);
    assert!((cvr_bar.l4_roas_at_high - per_cvr * 0.045).abs() < 1e-5);
    let per_keep = 0.717929 / 0.75;
    let c_bar = bars
        .iter()
        .find(|b| b.input == InputName::Cannibalization)
        .unwrap();
    assert!((c_bar.l4_roas_at_low - per_keep * 0.9).abs() < 1e-5);
    assert!((c_bar.swing - per_keep * 0.3).abs() < 1e-5);
    assert_eq!(
        bars[0].input,
        InputName::Cvr,
        "cvr swings {} vs {}",
        cvr_bar.swing,
        c_bar.swing
    );
    assert!(bars[0].swing >= bars[1].swing);
}

#[test]
fn bad_draw_counts_name_draws() {
    let plan = Plan::from_json(RANGED).unwrap();
    assert_eq!(simulate(&plan, 0, 1).unwrap_err().field, "draws");
    assert_eq!(
        simulate(&plan, preflight_planner::MAX_DRAWS + 1, 1)
            .unwrap_err()
            .field,
        "draws"
    );
}

#[test]
fn report_collects_point_simulation_tornado_and_warnings() {
    let plan = Plan::from_json(RANGED).unwrap();
    let report = plan_report(&plan, 2_000, 9).unwrap();
    assert!(report.simulation.is_some());
    assert_eq!(report.tornado.len(), 2);
    let ids: Vec<&str> = report.warnings.iter().map(|w| w.id.as_str()).collect();
    assert!(ids.contains(&"below-break-even"), "{ids:?}");
    for id in &ids {
        assert!(
            preflight_planner::WARNING_IDS.contains(id),
            "{id} is documented"
        );
    }
    // serde_json writes a non-finite number as null: only the optional fields may be null.
    let value = serde_json::to_value(&report).unwrap();
    let mut nulls = Vec::new();
    collect_nulls(&value, String::new(), &mut nulls);
    assert_eq!(
        nulls,
        ["money.format.currency", "point.impressions", "point.reach"]
    );
    let json = serde_json::to_string(&report).unwrap();
    let back: preflight_planner::PlanReport = serde_json::from_str(&json).unwrap();
    assert_eq!(back, report);

    let no_sim = plan_report(&plan, 0, 9).unwrap();
    assert!(no_sim.simulation.is_none());
    let few = plan_report(&plan, 100, 9).unwrap();
    assert!(few.warnings.iter().any(|w| w.id == "few-draws"));
}

#[test]
fn warnings_fire_on_the_situations_they_describe() {
    let ids = |json: &str, draws| -> Vec<String> {
        let plan = Plan::from_json(json).unwrap();
        plan_report(&plan, draws, 1)
            .unwrap()
            .warnings
            .into_iter()
            .map(|w| w.id)
            .collect()
    };
    // Case B: most conversions after the window; Ads Manager understates nothing (L1 > BE).
    let b = ids(
        r#"{"spend": 20000, "cpc": 8, "cvr": 0.01, "value": 6000, "margin": 0.8,
            "lag_median_days": 45, "lag_sigma": 0.9, "cannibalization": 0.15,
            "ai_citation_share": 0.5, "ai_lift": 0.3}"#,
        0,
    );
    assert_eq!(b, ["assumptions-used", "most-conversions-after-window"]);
    // L1 below break-even, L4 above: Ads Manager will understate.
    let under = ids(
        r#"{"spend": 20000, "cpc": 8, "cvr": 0.01, "value": 600, "margin": 0.5,
            "lag_median_days": 45, "lag_sigma": 0.9, "cannibalization": 0.15,
            "ai_citation_share": 0.5, "ai_lift": 0.3}"#,
        0,
    );
    assert!(
        under.contains(&"platform-understates".to_string()),
        "{under:?}"
    );
    // L1 above break-even, L4 below: overstates.
    let over = ids(
        r#"{"spend": 10000, "cpc": 4, "cvr": 0.03, "value": 150, "margin": 1,
            "lag_median_days": 1, "lag_sigma": 1, "cannibalization": 0.5,
            "ai_citation_share": 0, "ai_lift": 0.2}"#,
        0,
    );
    assert!(
        over.contains(&"platform-overstates".to_string()),
        "{over:?}"
    );
    assert!(over.contains(&"below-break-even".to_string()));
    let odd = ids(
        r#"{"spend": 100, "cpc": 1, "cvr": 0.3, "value": 10, "margin": 1, "window_days": 7,
            "lag_table": [[3, 0.5], [10, 0.9]], "cannibalization": 0.2,
            "ai_citation_share": 0, "ai_lift": 0.2}"#,
        0,
    );
    for id in [
        "window-not-offered",
        "budget-below-daily-minimum",
        "cpc-below-recommended-bid",
        "implied-eventual-cvr-high",
        "lag-table-ends-below-one",
    ] {
        assert!(odd.contains(&id.to_string()), "{id} missing from {odd:?}");
    }
    let points = ids(
        r#"{"spend": 10000, "cpc": 4, "cvr": 0.03, "value": 120, "margin": 0.4,
            "lag_median_days": 2, "lag_sigma": 1, "cannibalization": 0.2,
            "ai_citation_share": 0, "ai_lift": 0.2}"#,
        1_000,
    );
    assert!(points.contains(&"no-ranges".to_string()));
    let coin = ids(
        r#"{"spend": 10000, "cpc": 4, "cvr": {"low": 0.02, "likely": 0.03, "high": 0.04},
            "value": 150, "margin": 0.85, "lag_median_days": 2, "lag_sigma": 1.0,
            "cannibalization": 0.0, "ai_citation_share": 0, "ai_lift": 0.2}"#,
        5_000,
    );
    assert!(
        coin.contains(&"break-even-uncertain".to_string()),
        "{coin:?}"
    );
}

#[test]
fn text_rendering_shows_every_layer_and_the_ranges() {
    let plan = Plan::from_json(
        r#"{"spend": 10000, "cvr": {"low": 0.02, "likely": 0.03, "high": 0.045}, "value": 120,
            "audience": 1000000, "free_and_go_share": 0.8, "quarterly_opt_out": 0.05}"#,
    )
    .unwrap();
    let report = plan_report(&plan, 1_000, 3).unwrap();
    let text = render_text(&report);
    for needle in [
        "L1 Standard",
        "L2 Full-cycle",
        "L3 Incremental",
        "L4 Halo-adjusted",
        "Conversions",
        "Revenue",
        "ROAS",
        "POAS",
        "CPA",
        "likely range (P10–P90)",
        "2,500 clicks",
        "9,000",
        "Chance the halo-adjusted ROAS clears break-even",
        "seed 3",
        "What moves the halo-adjusted ROAS most",
        "Reach:",
        "760,000 people",
        "Assumptions",
        "cannibalization = 0.2",
        "Notes",
        "[assumptions-used]",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in\n{text}");
    }
    assert!(!text.contains("NaN") && !text.contains("inf "));
    let no_sim = render_text(&plan_report(&plan, 0, 3).unwrap());
    assert!(!no_sim.contains("P10"));
}

fn collect_nulls(v: &serde_json::Value, path: String, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Null => out.push(path),
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                collect_nulls(v, p, out);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                collect_nulls(v, format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}
