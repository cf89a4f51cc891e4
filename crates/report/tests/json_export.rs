//! The JSON export against the published schema.

mod support;

use preflight_document::report::{json_schema, AuditReport, RunStatus};
use preflight_report::report_json;
use support::*;

fn validate(bytes: &[u8]) -> Result<(), Vec<String>> {
    let schema = json_schema();
    let validator = jsonschema::validator_for(&schema).expect("the published schema compiles");
    let value: serde_json::Value = serde_json::from_slice(bytes).expect("export is JSON");
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

#[test]
fn export_validates_against_the_published_schema() {
    let mut report = sample_report();
    report.status = RunStatus::Interrupted;
    report.finished_at = None;
    let bytes = report_json(&report).unwrap();
    validate(&bytes).unwrap();

    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.starts_with("{\n  \""), "pretty-printed");
    assert!(text.ends_with("}\n"));
    let back: AuditReport = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(back, report);
}

#[test]
fn the_schema_check_would_catch_a_wrong_export() {
    let mut value: serde_json::Value =
        serde_json::from_slice(&report_json(&sample_report()).unwrap()).unwrap();
    value["pages"][0]["verdict"] = "mostly_fine".into();
    let errors = validate(&serde_json::to_vec(&value).unwrap()).unwrap_err();
    assert!(
        errors.iter().any(|e| e.contains("/pages/0/verdict")),
        "{errors:?}"
    );
}
