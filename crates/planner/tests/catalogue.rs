//! The field catalogue is the one list of plan fields: every field of `Plan` has exactly one
//! entry, and the fields that may be ranges are exactly the model's inputs.

use std::collections::BTreeSet;

use preflight_planner::{plan_field, plan_fields, FieldKind, InputName, Plan};

fn plan_properties() -> Vec<String> {
    let schema = serde_json::to_value(schemars::schema_for!(Plan)).unwrap();
    schema["properties"]
        .as_object()
        .expect("the plan is an object")
        .keys()
        .cloned()
        .collect()
}

#[test]
fn every_plan_field_has_exactly_one_catalogue_entry() {
    let ids: Vec<&str> = plan_fields().iter().map(|f| f.id.as_str()).collect();
    let unique: BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "a field is listed twice: {ids:?}");
    let properties: BTreeSet<String> = plan_properties().into_iter().collect();
    let listed: BTreeSet<String> = unique.iter().map(|s| s.to_string()).collect();
    assert_eq!(
        listed, properties,
        "the catalogue and the Plan type list different fields"
    );
}

#[test]
fn ranged_fields_are_the_models_inputs_with_bounds() {
    let ranged: BTreeSet<&str> = plan_fields()
        .iter()
        .filter(|f| f.ranged)
        .map(|f| f.id.as_str())
        .collect();
    let inputs: BTreeSet<&str> = InputName::ALL.iter().map(|n| n.as_str()).collect();
    assert_eq!(ranged, inputs);
    for name in InputName::ALL {
        let field = plan_field(name.as_str()).unwrap();
        assert!(field.bounds.is_some(), "{} needs bounds", field.id);
    }
    assert_eq!(plan_field("currency").unwrap().kind, FieldKind::Currency);
    assert_eq!(plan_field("spend").unwrap().kind, FieldKind::Money);
}

#[test]
fn validation_uses_the_catalogue_bounds() {
    // cannibalization allows 0 but not 1; the message states the catalogue's rule.
    let base = r#""spend": 100, "cvr": 0.03, "value": 120"#;
    assert!(Plan::from_json(&format!("{{{base}, \"cannibalization\": 0}}")).is_ok());
    let e = Plan::from_json(&format!("{{{base}, \"cannibalization\": 1}}")).unwrap_err();
    let rule = plan_field("cannibalization")
        .unwrap()
        .bounds
        .unwrap()
        .describe();
    assert_eq!(e.field, "cannibalization");
    assert!(e.message.ends_with(&rule), "{e}");
    let e = Plan::from_json(&format!(
        "{{{base}, \"audience\": -1, \"free_and_go_share\": 0.5, \"quarterly_opt_out\": 0.1}}"
    ))
    .unwrap_err();
    assert_eq!(e.field, "audience");
}
