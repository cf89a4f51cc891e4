//! docs/report.schema.json is generated from the report types; this test fails when it is stale.
//! Regenerate with `UPDATE_SCHEMA=1 cargo test -p preflight-audit --test schema`.

use std::path::Path;

#[test]
fn published_schema_is_current() {
    let path = Path::new(&manifest_dir()).join("../../docs/report.schema.json");
    let fresh =
        serde_json::to_string_pretty(&preflight_audit::report::json_schema()).unwrap() + "\n";
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &fresh).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "docs/report.schema.json is stale: run `UPDATE_SCHEMA=1 cargo test -p preflight-audit --test schema` and commit it"
    );
}

#[test]
fn schema_names_every_verdict() {
    let schema = serde_json::to_string(&preflight_audit::report::json_schema()).unwrap();
    for verdict in [
        "reachable",
        "robots_blocked",
        "blocked",
        "challenged",
        "rate_limited",
        "timeout",
        "cloaked",
        "redirected_away",
        "unreachable",
    ] {
        assert!(
            schema.contains(&format!("\"{verdict}\"")),
            "{verdict} missing from the schema"
        );
    }
}

/// The crate's folder, read when the test runs: a test binary reused from another checkout of
/// the same sources must still read this checkout's files.
fn manifest_dir() -> String {
    std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_string())
}
