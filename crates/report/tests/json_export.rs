//! The JSON export against the published schemas: the report's own
//! (`docs/report.schema.json`) and the export's (`docs/report-export.schema.json`, the report
//! with its readiness). The export's schema is generated from the Rust types; regenerate it
//! with `UPDATE_SCHEMA=1 cargo test -p preflight-report --test json_export`.

mod support;

use preflight_document::report::{json_schema, AuditReport, RunStatus};
use preflight_model::{Area, Finding, Status};
use preflight_report::{report_export_schema, report_json, write_report_json};
use std::path::Path;
use support::*;

fn validate(schema: &serde_json::Value, bytes: &[u8]) -> Result<(), Vec<String>> {
    let validator = jsonschema::validator_for(schema).expect("the published schema compiles");
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
fn export_validates_against_both_published_schemas() {
    let mut report = sample_report();
    report.status = RunStatus::Interrupted;
    report.finished_at = None;
    report.planned_pages = Some(12);
    let bytes = report_json(&report).unwrap();
    validate(&json_schema(), &bytes).unwrap();
    validate(&report_export_schema(), &bytes).unwrap();

    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.starts_with("{\n  \""), "pretty-printed");
    assert!(text.ends_with("}\n"));
    // It reads back as the report itself (the sample is already read under the counting rules).
    let back: AuditReport = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(back, report);
}

#[test]
fn the_readiness_beside_the_report_is_the_readiness_models() {
    let mut report = sample_report();
    report.status = RunStatus::Cancelled;
    report.planned_pages = Some(13);
    // A duplicate root cause, as older versions saved a challenge.
    report.pages[3].findings.insert(
        0,
        Finding::new(
            "bot-error-status",
            Area::Reachability,
            Status::Fail,
            "HTTP 403",
        ),
    );
    let value: serde_json::Value = serde_json::from_slice(&report_json(&report).unwrap()).unwrap();
    let readiness = preflight_readiness::assess(&report);
    assert_eq!(
        value["readiness"],
        serde_json::to_value(&readiness).unwrap()
    );
    assert_eq!(value["readiness"]["state"], "partial");
    assert_eq!(value["readiness"]["planned_pages"], 13);
    // The report's own counts are the readiness counts, and the duplicate is folded.
    assert_eq!(value["summary"], value["readiness"]["counts"]);
    let ids: Vec<&str> = value["pages"][3]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert!(!ids.contains(&"bot-error-status"), "{ids:?}");
}

#[test]
fn the_schema_check_would_catch_a_wrong_export() {
    let mut value: serde_json::Value =
        serde_json::from_slice(&report_json(&sample_report()).unwrap()).unwrap();
    value["pages"][0]["verdict"] = "mostly_fine".into();
    value["readiness"]["state"] = "fine".into();
    let errors = validate(
        &report_export_schema(),
        &serde_json::to_vec(&value).unwrap(),
    )
    .unwrap_err();
    assert!(
        errors.iter().any(|e| e.contains("/pages/0/verdict")),
        "{errors:?}"
    );
    assert!(
        errors.iter().any(|e| e.contains("/readiness/state")),
        "{errors:?}"
    );
    // A field the readiness does not have is refused too: the schema describes it whole.
    let mut value: serde_json::Value =
        serde_json::from_slice(&report_json(&sample_report()).unwrap()).unwrap();
    value["readiness"]["verdict"] = "ready".into();
    assert!(validate(
        &report_export_schema(),
        &serde_json::to_vec(&value).unwrap()
    )
    .is_err());
}

/// A large run writes its export page by page from pages kept on disk: the document is the
/// same, byte for byte, with or without a funnel and a planned count.
#[test]
fn the_export_written_page_by_page_is_the_same_document() {
    let mut reports = vec![sample_report()];
    let mut second = sample_report();
    second.planned_pages = None;
    second.funnel = None;
    second.pages.truncate(1);
    reports.push(second);
    for report in reports {
        let mut slim = report.clone();
        slim.pages = slim.pages.into_iter().map(|p| p.without_bodies()).collect();
        let whole = report.pages.clone().into_iter().map(Ok);
        let mut streamed = Vec::new();
        write_report_json(&mut streamed, slim.clone(), whole).unwrap();
        assert_eq!(
            String::from_utf8(streamed).unwrap(),
            String::from_utf8(report_json(&report).unwrap()).unwrap()
        );
        // Pages missing from what was kept are an error, never a short document.
        let short = report.pages.clone().into_iter().skip(1).map(Ok);
        assert!(write_report_json(Vec::new(), slim, short).is_err());
    }
}

#[test]
fn published_export_schema_is_current() {
    let path = Path::new(&manifest_dir()).join("../../docs/report-export.schema.json");
    let fresh = serde_json::to_string_pretty(&report_export_schema()).unwrap() + "\n";
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &fresh).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "docs/report-export.schema.json is stale: run `UPDATE_SCHEMA=1 cargo test -p preflight-report --test json_export` and commit it"
    );
}

/// The crate's folder, read when the test runs: a test binary reused from another checkout of
/// the same sources must still read this checkout's files.
fn manifest_dir() -> String {
    std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_string())
}
