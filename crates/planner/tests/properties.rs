//! Properties that must hold for every valid plan.

use preflight_planner::{evaluate, simulate, Input, Plan, Range};
use proptest::prelude::*;

/// Failing inputs, kept in the repository and replayed first on every run.
const REGRESSIONS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/proptest-regressions/properties.txt"
);

fn plan(spend: f64, cpc: f64, cvr: f64, value: f64, median: f64, sigma: f64, c: f64) -> Plan {
    Plan {
        spend: spend.into(),
        cpc: Some(cpc.into()),
        cvr: cvr.into(),
        value: Some(value.into()),
        lag_median_days: Some(median.into()),
        lag_sigma: Some(sigma.into()),
        cannibalization: Some(c.into()),
        ai_citation_share: Some(0.3.into()),
        ai_lift: Some(0.2.into()),
        margin: Some(0.5.into()),
        ..Default::default()
    }
}

proptest! {
    // Exactly 256 cases, whatever PROPTEST_CASES says.
    #![proptest_config(ProptestConfig {
        cases: 256,
        ..preflight_testkit::config_without_shrink_limit(REGRESSIONS)
    })]

    #[test]
    fn layers_are_ordered_and_finite(
        spend in 25.0f64..1e7, cpc in 0.1f64..50.0, cvr in 0.0001f64..0.2,
        value in 0.0f64..1e5, median in 0.1f64..60.0, sigma in 0.1f64..3.0, c in 0.0f64..0.99,
    ) {
        let p = plan(spend, cpc, cvr, value, median, sigma, c);
        match evaluate(&p) {
            Ok(r) => {
                prop_assert!(r.f_in > 0.0 && r.f_in <= 1.0, "f_in {}", r.f_in);
                prop_assert!(r.layers.full_cycle.roas >= r.layers.standard.roas);
                prop_assert!(r.layers.incremental.roas <= r.layers.full_cycle.roas);
                prop_assert!(r.layers.halo.roas >= r.layers.incremental.roas);
                let json = serde_json::to_string(&r).unwrap();
                prop_assert!(!json.contains("null") || r.impressions.is_none());
                for l in [r.layers.standard, r.layers.full_cycle, r.layers.incremental, r.layers.halo] {
                    for x in [l.conversions, l.revenue, l.roas, l.poas, l.cpa] {
                        prop_assert!(x.is_finite());
                    }
                }
            }
            // The only allowed refusal here: cvr too high for the lag.
            Err(e) => prop_assert_eq!(e.field, "cvr"),
        }
    }

    #[test]
    fn more_cannibalization_never_raises_l3(
        cvr in 0.001f64..0.1, median in 0.5f64..20.0, c1 in 0.0f64..0.99, c2 in 0.0f64..0.99,
    ) {
        let (lo, hi) = if c1 <= c2 { (c1, c2) } else { (c2, c1) };
        let a = evaluate(&plan(10_000.0, 4.0, cvr, 100.0, median, 1.0, lo)).unwrap();
        let b = evaluate(&plan(10_000.0, 4.0, cvr, 100.0, median, 1.0, hi)).unwrap();
        prop_assert!(b.layers.incremental.roas <= a.layers.incremental.roas);
        prop_assert!(b.layers.halo.roas <= a.layers.halo.roas);
    }

    #[test]
    fn f_in_is_a_share_for_any_lag_table(
        steps in prop::collection::vec((0.5f64..20.0, 0.0f64..0.3), 1..12), window in 0.1f64..400.0,
    ) {
        let mut day = 0.0;
        let mut share: f64 = 0.0;
        let mut table = Vec::new();
        for (d, s) in steps {
            day += d;
            share = (share + s).min(1.0);
            table.push([day, share]);
        }
        let f = preflight_planner::table_share(&table, window);
        prop_assert!((0.0..=1.0).contains(&f));
        let later = preflight_planner::table_share(&table, window + 1.0);
        prop_assert!(later >= f, "f_in grows with the window");
    }
}

fn ranged_plan() -> Plan {
    Plan {
        spend: 10_000.0.into(),
        cpc: Some(Input::Range(Range::new(3.0, 4.0, 6.0))),
        cvr: Input::Range(Range::new(0.01, 0.03, 0.05)),
        value: Some(Input::Range(Range::new(80.0, 120.0, 150.0))),
        margin: Some(0.4.into()),
        lag_median_days: Some(Input::Range(Range::new(1.0, 2.0, 5.0))),
        cannibalization: Some(Input::Range(Range::new(0.1, 0.25, 0.4))),
        ai_citation_share: Some(0.3.into()),
        ..Default::default()
    }
}

#[test]
fn same_seed_gives_bit_identical_output() {
    let plan = ranged_plan();
    let a = simulate(&plan, 5_000, 42).unwrap();
    let b = simulate(&plan, 5_000, 42).unwrap();
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&b).unwrap()
    );
    assert_eq!(
        a.layers.halo.roas.p50.to_bits(),
        b.layers.halo.roas.p50.to_bits()
    );
}

#[test]
fn different_seed_gives_different_output() {
    let plan = ranged_plan();
    let a = simulate(&plan, 5_000, 42).unwrap();
    let b = simulate(&plan, 5_000, 43).unwrap();
    assert_ne!(a.layers.halo.roas, b.layers.halo.roas);
    // …but not very different: both estimate the same distribution.
    assert!((a.layers.halo.roas.p50 - b.layers.halo.roas.p50).abs() < 0.05);
}

proptest! {
    // Exactly 512 cases, whatever PROPTEST_CASES says.
    #![proptest_config(ProptestConfig {
        cases: 512,
        ..preflight_testkit::config_without_shrink_limit(REGRESSIONS)
    })]

    // Hostile or garbled input gives an error or a result, never a panic.
    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        let _ = Plan::from_json(&text);
        let _ = preflight_planner::lag_table_from_csv(&text);
    }

    #[test]
    fn csv_shaped_garbage_never_panics(
        rows in prop::collection::vec(("[0-9TZ:+./ -]{0,25}", "[0-9TZ:+./ -]{0,25}"), 0..20),
    ) {
        let mut csv = String::from("click_date;conversion_date\n");
        for (a, b) in rows {
            csv.push_str(&format!("{a};{b}\n"));
        }
        if let Ok(import) = preflight_planner::lag_table_from_csv(&csv) {
            prop_assert_eq!(import.lag_table.last().map(|p| p[1]), Some(1.0));
        }
    }
}
