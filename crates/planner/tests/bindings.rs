//! The public types describe themselves for the app: TypeScript declarations and JSON Schema
//! (generated here in memory only; the integrator writes the binding files).

use preflight_planner::{
    Assumption, CsvImportError, HoldoutEstimate, Input, LagImport, MoneyFigures, MoneyFormat, Plan,
    PlanError, PlanField, PlanReport, PlanWarning, PointResult, Preset, Reconciliation, Simulation,
    TornadoBar,
};
use ts_rs::{Config, TS};

#[test]
fn typescript_declarations_use_snake_case_and_plain_numbers() {
    let cfg = Config::default();
    let report = PlanReport::decl(&cfg);
    for field in [
        "point",
        "simulation",
        "tornado",
        "assumptions",
        "warnings",
        "money: MoneyFigures",
    ] {
        assert!(report.contains(field), "{report}");
    }
    let point = PointResult::decl(&cfg);
    assert!(point.contains("break_even_roas: number"), "{point}");
    assert!(point.contains("implied_eventual_cvr"), "{point}");
    let sim = Simulation::decl(&cfg);
    assert!(sim.contains("seed: number"), "{sim}");
    assert!(sim.contains("probability_clears_break_even"), "{sim}");
    let input = Input::decl(&cfg);
    assert!(input.contains("number | Range"), "{input}");
    let plan = Plan::decl(&cfg);
    assert!(plan.contains("spend: Input"), "{plan}");
    assert!(
        plan.contains("lag_table?: Array<[number, number]>"),
        "{plan}"
    );
    assert!(plan.contains("currency?: string"), "{plan}");
    let field = PlanField::decl(&cfg);
    assert!(field.contains("kind: FieldKind"), "{field}");
    assert!(field.contains("unit: string | null"), "{field}");
    let money = MoneyFormat::decl(&cfg);
    assert!(money.contains("prefix: string"), "{money}");
    assert!(MoneyFigures::decl(&cfg).contains("waterfall: Array<string>"));
    let assumption = Assumption::decl(&cfg);
    assert!(assumption.contains("input?: Input"), "{assumption}");
    let csv = CsvImportError::decl(&cfg);
    assert!(csv.contains("row: number | null"), "{csv}");
    // Everything else declares without panicking.
    for decl in [
        Assumption::decl(&cfg),
        HoldoutEstimate::decl(&cfg),
        LagImport::decl(&cfg),
        PlanError::decl(&cfg),
        PlanWarning::decl(&cfg),
        Preset::decl(&cfg),
        Reconciliation::decl(&cfg),
        TornadoBar::decl(&cfg),
    ] {
        assert!(decl.starts_with("type "), "{decl}");
    }
}

#[test]
fn json_schemas_generate() {
    let plan = serde_json::to_value(schemars::schema_for!(Plan)).unwrap();
    let props = plan["properties"].as_object().unwrap();
    let mut names: Vec<&str> = props.keys().map(String::as_str).collect();
    names.sort();
    let mut expected: Vec<&str> = preflight_planner::plan_fields()
        .iter()
        .map(|f| f.id.as_str())
        .collect();
    expected.sort();
    assert_eq!(names, expected, "the catalogue lists every plan field");
    assert_eq!(
        plan["additionalProperties"], false,
        "unknown fields are refused"
    );
    let report = serde_json::to_value(schemars::schema_for!(PlanReport)).unwrap();
    assert!(report["properties"]["point"].is_object());
}
