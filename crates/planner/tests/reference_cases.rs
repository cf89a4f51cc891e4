//! The reference cases from the model document, to 6 decimal places.

use preflight_planner::{evaluate, Plan, PointResult};

fn assert_6dp(what: &str, actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() < 5e-7,
        "{what}: got {actual:.9}, expected {expected:.6}"
    );
}

struct Expected {
    clicks: f64,
    conversions: f64,
    f_in: f64,
    l1: f64,
    l2: f64,
    l3: f64,
    l4: f64,
    l4_poas: f64,
    break_even: f64,
}

fn check(point: &PointResult, e: &Expected) {
    assert_6dp("clicks", point.clicks, e.clicks);
    assert_6dp(
        "conversions",
        point.layers.standard.conversions,
        e.conversions,
    );
    assert_6dp("f_in", point.f_in, e.f_in);
    assert_6dp("L1", point.layers.standard.roas, e.l1);
    assert_6dp("L2", point.layers.full_cycle.roas, e.l2);
    assert_6dp("L3", point.layers.incremental.roas, e.l3);
    assert_6dp("L4", point.layers.halo.roas, e.l4);
    assert_6dp("L4 POAS", point.layers.halo.poas, e.l4_poas);
    assert_6dp("break-even", point.break_even_roas, e.break_even);
}

#[test]
fn case_a_ecommerce() {
    let plan = Plan::from_json(
        r#"{"spend": 10000, "cpc": 4, "cvr": 0.03, "value": 120, "margin": 0.4,
            "lag_median_days": 2, "lag_sigma": 1.0, "cannibalization": 0.25,
            "ai_citation_share": 0.3, "ai_lift": 0.2}"#,
    )
    .unwrap();
    let point = evaluate(&plan).unwrap();
    check(
        &point,
        &Expected {
            clicks: 2500.0,
            conversions: 75.0,
            f_in: 0.996616,
            l1: 0.9,
            l2: 0.903056,
            l3: 0.677292,
            l4: 0.717929,
            l4_poas: 0.287172,
            break_even: 2.5,
        },
    );
    // Revenue and CPA follow the same layers.
    assert_6dp("L1 revenue", point.layers.standard.revenue, 9000.0);
    assert_6dp("L1 CPA", point.layers.standard.cpa, 10000.0 / 75.0);
    assert_6dp(
        "L4 CPA",
        point.layers.halo.cpa,
        10000.0 / point.layers.halo.conversions,
    );
}

#[test]
fn case_b_b2b_saas() {
    let plan = Plan::from_json(
        r#"{"spend": 20000, "cpc": 8, "cvr": 0.01, "value": 6000, "margin": 0.8,
            "lag_median_days": 45, "lag_sigma": 0.9, "cannibalization": 0.15,
            "ai_citation_share": 0.5, "ai_lift": 0.3}"#,
    )
    .unwrap();
    check(
        &evaluate(&plan).unwrap(),
        &Expected {
            clicks: 2500.0,
            conversions: 25.0,
            f_in: 0.326169,
            l1: 7.5,
            l2: 22.99422,
            l3: 19.545087,
            l4: 22.47685,
            l4_poas: 17.98148,
            break_even: 1.25,
        },
    );
}

#[test]
fn case_b_through_the_b2b_helper_gives_the_same_layers() {
    // value 6000 = 0.2 × 0.25 × 120,000
    let plan = Plan::from_json(
        r#"{"spend": 20000, "cpc": 8, "cvr": 0.01, "lead_to_opportunity": 0.2,
            "win_rate": 0.25, "deal_value": 120000, "margin": 0.8,
            "lag_median_days": 45, "lag_sigma": 0.9, "cannibalization": 0.15,
            "ai_citation_share": 0.5, "ai_lift": 0.3}"#,
    )
    .unwrap();
    let point = evaluate(&plan).unwrap();
    assert_6dp("value", point.value_per_conversion, 6000.0);
    assert_6dp("L4", point.layers.halo.roas, 22.47685);
}

#[test]
fn cpm_buying_turns_impressions_into_clicks() {
    // 10,000 / 60 × 1000 × 0.015 = 2,500 clicks: the same as case A at cpc 4.
    let plan = Plan::from_json(
        r#"{"spend": 10000, "cpm": 60, "ctr": 0.015, "cvr": 0.03, "value": 120,
            "margin": 0.4, "lag_median_days": 2, "lag_sigma": 1.0,
            "cannibalization": 0.25, "ai_citation_share": 0.3, "ai_lift": 0.2}"#,
    )
    .unwrap();
    let point = evaluate(&plan).unwrap();
    assert_6dp("impressions", point.impressions.unwrap(), 166_666.666_667);
    assert_6dp("clicks", point.clicks, 2500.0);
    assert_6dp("L4", point.layers.halo.roas, 0.717929);
}

#[test]
fn waterfall_steps_add_up_from_l1_to_l4() {
    let plan = Plan::from_json(
        r#"{"spend": 20000, "cpc": 8, "cvr": 0.01, "value": 6000, "margin": 0.8,
            "lag_median_days": 45, "lag_sigma": 0.9, "cannibalization": 0.15,
            "ai_citation_share": 0.5, "ai_lift": 0.3}"#,
    )
    .unwrap();
    let p = evaluate(&plan).unwrap();
    let w = &p.waterfall;
    assert_eq!(w.len(), 5);
    assert!(w[0].is_total && w[4].is_total);
    let roas_sum: f64 = w[..4].iter().map(|s| s.roas).sum();
    let revenue_sum: f64 = w[..4].iter().map(|s| s.revenue).sum();
    assert_6dp("waterfall ROAS", roas_sum, p.layers.halo.roas);
    assert!((revenue_sum - p.layers.halo.revenue).abs() < 1e-6);
    assert_6dp("blind spot", w[1].roas, 22.99422 - 7.5);
    assert!(w[2].roas < 0.0, "cannibalization is a step down");
    assert!(w[3].roas > 0.0, "halo is a step up");
    let json = serde_json::to_value(&p).unwrap();
    assert_eq!(json["waterfall"][1]["step"], "blind_spot");
    assert!(json["layers"]["full_cycle"]["roas"].is_number());
}

#[test]
fn lag_table_drives_f_in_by_linear_interpolation() {
    let plan = Plan::from_json(
        r#"{"spend": 10000, "cpc": 4, "cvr": 0.03, "value": 120,
            "lag_table": [[7, 0.5], [28, 0.75], [56, 0.95]]}"#,
    )
    .unwrap();
    let p = evaluate(&plan).unwrap();
    // day 30 lies between 28 (0.75) and 56 (0.95): 0.75 + 2/28 × 0.2
    assert_6dp("f_in", p.f_in, 0.75 + 2.0 / 28.0 * 0.2);
}

#[test]
fn reach_is_audience_times_free_share_times_retention() {
    let plan = Plan::from_json(
        r#"{"spend": 10000, "cvr": 0.03, "value": 120, "audience": 1000000,
            "free_and_go_share": 0.8, "quarterly_opt_out": 0.1, "quarters": 2}"#,
    )
    .unwrap();
    let r = evaluate(&plan).unwrap().reach.unwrap();
    assert_6dp("reachable", r.reachable, 1_000_000.0 * 0.8 * 0.81);
    let no_reach = Plan::from_json(r#"{"spend": 10000, "cvr": 0.03, "value": 120}"#).unwrap();
    assert!(evaluate(&no_reach).unwrap().reach.is_none());
}
