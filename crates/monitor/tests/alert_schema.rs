//! The generic webhook posts the alert as JSON under a published schema
//! (`docs/alert.schema.json`), generated from the Rust type; regenerate it with
//! `UPDATE_SCHEMA=1 cargo test -p preflight-monitor --test alert_schema`.

use preflight_monitor::alert::{generic_message, ALERT_SCHEMA};
use preflight_monitor::{Alert, ChangeEvent, ChangeKind};
use preflight_report::Direction;
use std::path::Path;

fn manifest_dir() -> String {
    std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_string())
}

#[test]
fn published_alert_schema_is_current() {
    let path = Path::new(&manifest_dir()).join("../../docs/alert.schema.json");
    let fresh = serde_json::to_string_pretty(&schemars::schema_for!(Alert)).unwrap() + "\n";
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &fresh).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "docs/alert.schema.json is stale: run `UPDATE_SCHEMA=1 cargo test -p preflight-monitor --test alert_schema` and commit it"
    );
}

#[test]
fn the_generic_body_carries_every_field_the_schema_requires() {
    let alert = Alert {
        schema: ALERT_SCHEMA.into(),
        agency: Some("Northwind".into()),
        client: "Acme".into(),
        summary: "1 change on 1 page: 1 worse.".into(),
        changes: vec![ChangeEvent {
            page_url: "https://acme.example/sale".into(),
            kind: ChangeKind::Pixel,
            direction: Direction::Worse,
            finding_id: Some("pixel-not-found".into()),
            sentence: "Pixel: No OpenAI pixel found".into(),
        }],
        older_audit_id: Some(4),
        newer_audit_id: Some(9),
        audited_at: Some("2026-12-06T09:00:00Z".into()),
        test: false,
    };
    let body = generic_message(&alert);
    let schema = serde_json::to_value(schemars::schema_for!(Alert)).unwrap();
    for field in schema["required"].as_array().unwrap() {
        assert!(
            body.get(field.as_str().unwrap()).is_some(),
            "{field} missing"
        );
    }
    assert_eq!(body["changes"][0]["kind"], "pixel");
    assert_eq!(body["changes"][0]["direction"], "worse");
}
