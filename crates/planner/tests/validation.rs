//! Every bad input gives an error that names its field; defaults are reported as assumptions.

use preflight_planner::{evaluate, plan_report, Input, Plan, PlanError, Range};

const BASE: &str = r#""spend": 10000, "cpc": 4, "cvr": 0.03, "value": 120"#;

fn parse_err(json: &str) -> PlanError {
    match Plan::from_json(json) {
        Ok(plan) => panic!("expected an error for {json}, got {plan:?}"),
        Err(e) => e,
    }
}

fn with(extra: &str) -> String {
    format!("{{{BASE}, {extra}}}")
}

#[track_caller]
fn assert_field(json: &str, field: &str) -> PlanError {
    let e = parse_err(json);
    assert_eq!(e.field, field, "{json} gave {e}");
    assert!(!e.message.is_empty());
    e
}

#[test]
fn out_of_range_values_name_their_field() {
    assert_field(r#"{"spend": 0, "cvr": 0.03, "value": 120}"#, "spend");
    assert_field(r#"{"spend": -5, "cvr": 0.03, "value": 120}"#, "spend");
    assert_field(
        r#"{"spend": 100, "cpc": 0, "cvr": 0.03, "value": 120}"#,
        "cpc",
    );
    assert_field(
        r#"{"spend": 100, "cpc": -1, "cvr": 0.03, "value": 120}"#,
        "cpc",
    );
    assert_field(r#"{"spend": 100, "cvr": 0, "value": 120}"#, "cvr");
    assert_field(r#"{"spend": 100, "cvr": 1.2, "value": 120}"#, "cvr");
    assert_field(r#"{"spend": 100, "cvr": 0.03, "value": -1}"#, "value");
    assert_field(&with(r#""margin": 0"#), "margin");
    assert_field(&with(r#""margin": 1.5"#), "margin");
    assert_field(&with(r#""cannibalization": 1"#), "cannibalization");
    assert_field(&with(r#""cannibalization": -0.1"#), "cannibalization");
    assert_field(&with(r#""ai_citation_share": 1.1"#), "ai_citation_share");
    assert_field(&with(r#""ai_lift": -0.2"#), "ai_lift");
    assert_field(&with(r#""window_days": 0"#), "window_days");
    assert_field(&with(r#""lag_median_days": -3"#), "lag_median_days");
    assert_field(&with(r#""lag_sigma": 0"#), "lag_sigma");
    assert_field(
        r#"{"spend": 100, "cpm": 60, "ctr": 1.5, "cvr": 0.03, "value": 120}"#,
        "ctr",
    );
    assert_field(
        r#"{"spend": 100, "cpm": 0, "ctr": 0.01, "cvr": 0.03, "value": 120}"#,
        "cpm",
    );
    assert_field(
        r#"{"spend": 100, "cvr": 0.03, "lead_to_opportunity": 1.2, "win_rate": 0.2, "deal_value": 100}"#,
        "lead_to_opportunity",
    );
}

#[test]
fn ranges_must_be_ordered_and_inside_the_field_range() {
    let e = assert_field(
        r#"{"spend": 100, "cvr": {"low": 0.05, "likely": 0.03, "high": 0.02}, "value": 1}"#,
        "cvr",
    );
    assert!(e.message.contains("upside down"), "{e}");
    assert_field(
        r#"{"spend": 100, "cvr": {"low": 0.01, "likely": 0.05, "high": 0.02}, "value": 1}"#,
        "cvr.likely",
    );
    assert_field(
        r#"{"spend": 100, "cvr": {"low": 0.01, "likely": 0.02, "high": 1.5}, "value": 1}"#,
        "cvr.high",
    );
    assert_field(
        r#"{"spend": {"low": 0, "likely": 100, "high": 200}, "cvr": 0.02, "value": 1}"#,
        "spend.low",
    );
    // A range object with a missing or misspelt key.
    assert_field(
        r#"{"spend": 100, "cvr": {"low": 0.01, "high": 0.02}, "value": 1}"#,
        "cvr.likely",
    );
    let e = parse_err(
        r#"{"spend": 100, "cvr": {"low": 0.01, "likly": 0.02, "high": 0.03}, "value": 1}"#,
    );
    assert!(e.field.starts_with("cvr"), "{e}");
    assert!(e.message.contains("likly"), "{e}");
}

#[test]
fn malformed_json_and_typos_name_the_field() {
    let e = assert_field(&with(r#""canibalization": 0.2"#), "canibalization");
    assert!(e.message.contains("spelling"), "{e}");
    assert_field(r#"{"cvr": 0.03, "value": 120}"#, "spend");
    assert_field(r#"{"spend": "lots", "cvr": 0.03, "value": 120}"#, "spend");
    assert_field(r#"{"spend": 100, "cvr": [0.03], "value": 120}"#, "cvr");
    assert_field(&with(r#""quarters": -1"#), "quarters");
    assert_field("[1, 2]", "plan");
    assert_field("", "plan");
    assert_field("{", "plan");
    let huge = format!(
        "{{\"spend\": 1{}}}",
        " ".repeat(preflight_planner::MAX_PLAN_BYTES)
    );
    assert_field(&huge, "plan");
    // A NaN cannot be written in JSON, but a plan built in code can hold one.
    let plan = Plan {
        spend: Input::Point(f64::NAN),
        cvr: 0.03.into(),
        value: Some(120.0.into()),
        ..Default::default()
    };
    assert_eq!(evaluate(&plan).unwrap_err().field, "spend");
    let plan = Plan {
        spend: 100.0.into(),
        cvr: Input::Range(Range::new(0.01, 0.02, f64::INFINITY)),
        value: Some(120.0.into()),
        ..Default::default()
    };
    assert_eq!(evaluate(&plan).unwrap_err().field, "cvr.high");
}

#[test]
fn conflicting_or_incomplete_modes_name_the_field() {
    assert_field(&with(r#""cpm": 60, "ctr": 0.01"#), "cpm");
    assert_field(&with(r#""ctr": 0.01"#), "ctr");
    assert_field(
        r#"{"spend": 100, "cpm": 60, "cvr": 0.03, "value": 120}"#,
        "ctr",
    );
    assert_field(&with(r#""deal_value": 1000"#), "value");
    assert_field(r#"{"spend": 100, "cvr": 0.03}"#, "value");
    assert_field(
        r#"{"spend": 100, "cvr": 0.03, "lead_to_opportunity": 0.2, "deal_value": 100}"#,
        "win_rate",
    );
    assert_field(
        &with(r#""lag_table": [[5, 1]], "lag_sigma": 1"#),
        "lag_table",
    );
    assert_field(&with(r#""audience": 1000"#), "free_and_go_share");
    assert_field(
        &with(r#""audience": 1000, "free_and_go_share": 0.8"#),
        "quarterly_opt_out",
    );
    assert_field(
        &with(r#""audience": -1, "free_and_go_share": 0.8, "quarterly_opt_out": 0"#),
        "audience",
    );
    assert_field(
        &with(r#""audience": 1, "free_and_go_share": 1.8, "quarterly_opt_out": 0"#),
        "free_and_go_share",
    );
}

#[test]
fn bad_lag_tables_name_the_point() {
    assert_field(&with(r#""lag_table": []"#), "lag_table");
    assert_field(
        &with(r#""lag_table": [[5, 0.5], [3, 0.8]]"#),
        "lag_table[1]",
    );
    assert_field(
        &with(r#""lag_table": [[5, 0.5], [8, 0.3]]"#),
        "lag_table[1]",
    );
    assert_field(
        &with(r#""lag_table": [[5, 0.5], [5, 0.6]]"#),
        "lag_table[1]",
    );
    assert_field(&with(r#""lag_table": [[5, 1.5]]"#), "lag_table[0]");
    assert_field(&with(r#""lag_table": [[5]]"#), "lag_table[0]");
    assert_field(&with(r#""lag_table": [[5, 0.5, 1]]"#), "lag_table[0]");
    assert_field(&with(r#""lag_table": 7"#), "lag_table");
}

#[test]
fn cvr_above_what_the_lag_allows_names_cvr_and_the_lag() {
    // Median lag of 400 days: almost nothing lands in 30 days, so a 3 % in-window rate would
    // mean more than every click converting eventually.
    let e = assert_field(&with(r#""lag_median_days": 400, "lag_sigma": 0.5"#), "cvr");
    assert!(e.message.contains("lag_median_days"), "{e}");
    assert!(e.message.contains("lag_sigma"), "{e}");
    let e = assert_field(
        r#"{"spend": 100, "cvr": 0.5, "value": 1, "lag_table": [[20, 0.1], [40, 0.9]], "window_days": 10}"#,
        "cvr",
    );
    assert!(e.message.contains("lag_table"), "{e}");
    // Fine at the likely values but not at the ends of the ranges.
    let e = assert_field(
        r#"{"spend": 100, "cvr": {"low": 0.1, "likely": 0.2, "high": 0.6}, "value": 1,
            "lag_median_days": {"low": 10, "likely": 20, "high": 40}, "lag_sigma": 1}"#,
        "cvr",
    );
    assert!(e.message.contains("ranges"), "{e}");
}

#[test]
fn extreme_numbers_error_instead_of_producing_infinity() {
    let e = parse_err(r#"{"spend": 1e300, "cpc": 1e-300, "cvr": 0.5, "value": 1}"#);
    assert_eq!(e.field, "cpc");
    let e = parse_err(r#"{"spend": 1e300, "cpc": 1, "cvr": 0.5, "value": 1e300}"#);
    assert_eq!(e.field, "value");
    let e = parse_err(
        r#"{"spend": 1e300, "cpc": 1, "cvr": 0.5, "value": 1, "ai_citation_share": 1, "ai_lift": 1e300}"#,
    );
    assert_eq!(e.field, "ai_lift");
}

#[test]
fn defaults_are_listed_as_assumptions() {
    let plan = Plan::from_json(r#"{"spend": 10000, "cvr": 0.03, "value": 120}"#).unwrap();
    let report = plan_report(&plan, 0, 0).unwrap();
    let fields: Vec<&str> = report
        .assumptions
        .iter()
        .map(|a| a.field.as_str())
        .collect();
    assert_eq!(
        fields,
        [
            "cpc",
            "margin",
            "window_days",
            "lag_median_days",
            "lag_sigma",
            "cannibalization",
            "ai_citation_share",
            "ai_lift"
        ]
    );
    assert!(report.assumptions.iter().all(|a| !a.reason.is_empty()));
    assert_eq!(report.point.clicks, 2500.0, "default cpc is 4");
    assert_eq!(report.point.break_even_roas, 1.0, "default margin is 1");
    assert!(report.warnings.iter().any(|w| w.id == "assumptions-used"));

    // CPM buying without a CPM falls back to OpenAI's default CPM bid.
    let plan =
        Plan::from_json(r#"{"spend": 6000, "ctr": 0.01, "cvr": 0.03, "value": 120}"#).unwrap();
    let report = plan_report(&plan, 0, 0).unwrap();
    assert!(report
        .assumptions
        .iter()
        .any(|a| a.field == "cpm" && a.value == "60"));
    assert!((report.point.clicks - 1000.0).abs() < 1e-9);
}

#[test]
fn plans_round_trip_through_json() {
    let json = r#"{"spend": 10000, "cpc": 4, "cvr": {"low": 0.02, "likely": 0.03, "high": 0.045},
        "value": 120, "margin": 0.4, "lag_median_days": 2, "lag_sigma": 1.0,
        "cannibalization": 0.25, "ai_citation_share": 0.3, "ai_lift": 0.2}"#;
    let plan = Plan::from_json(json).unwrap();
    assert_eq!(plan.cvr, Input::Range(Range::new(0.02, 0.03, 0.045)));
    let again = Plan::from_json(&plan.to_json()).unwrap();
    assert_eq!(plan, again);
    assert!(!plan.to_json().contains("cpm"), "unset fields are left out");
    // A byte-order mark from a Windows editor is accepted.
    assert!(Plan::from_json(&format!("\u{feff}{json}")).is_ok());
}
