//! Building snapshots and asserting verdicts, shared by the integration tests.
#![allow(dead_code)]

use preflight_waf::{Classification, ResponseKind, ResponseSnapshot};

/// A snapshot from a status, headers and a body.
pub fn snap(status: u16, headers: &[(&str, &str)], body: &str) -> ResponseSnapshot {
    let mut s = ResponseSnapshot::new(status)
        .body(body)
        .final_url("https://www.example.com/landing?utm_source=chatgpt");
    for (name, value) in headers {
        s = s.header(*name, *value);
    }
    s
}

/// Asserts the primary vendor and the verdict, printing the classification on failure.
pub fn assert_verdict(c: &Classification, vendor: Option<&str>, kind: ResponseKind) {
    assert_eq!(
        c.vendor.as_ref().map(|v| v.id.as_str()),
        vendor,
        "vendor: {c:#?}"
    );
    assert_eq!(c.kind, kind, "kind: {c:#?}");
    if kind != ResponseKind::Ok {
        assert!(
            !c.kind_signals.is_empty(),
            "a verdict needs its signs: {c:#?}"
        );
    }
}

/// True when one of the vendor's signals contains `text`.
pub fn vendor_signal(c: &Classification, text: &str) -> bool {
    c.vendor
        .as_ref()
        .is_some_and(|v| v.signals.iter().any(|s| s.contains(text)))
}

/// True when one of the verdict's signals contains `text`.
pub fn kind_signal(c: &Classification, text: &str) -> bool {
    c.kind_signals.iter().any(|s| s.contains(text))
}
