//! "Server-side conversions" in the exports: the client's latest Conversions API validation and
//! pairing, in the PDF (read back with `pdftotext`) and as the JSON export's
//! `server_side_conversions`, present only when given and never changing the audit's figures.

mod common;
mod support;

use common::overlap::{assert_no_overlaps, words_of};
use preflight_capi::report::RuleCount;
use preflight_capi::{PairingSection, ServerSideConversions, ValidationSection};
use preflight_model::Status;
use preflight_report::{
    render_pdf, report_export_schema, report_json, report_json_with, PdfOptions,
};
use std::process::Command;
use support::*;

/// A rejected batch's verdict, with markup that must print as it is.
const REJECTED: &str =
    "orders.jsonl line 3: rejected, event_time is 9 days old #set text(red)] $x$";
const NEAR_MISS: &str = "The browser sent event_id order_10045 and the server sent ORD-10045: send the same id from both.";

fn section() -> ServerSideConversions {
    ServerSideConversions {
        validation: Some(ValidationSection {
            checked_at: "2026-05-04T09:30:00Z".into(),
            files: vec!["orders.jsonl".into(), "checkout.har".into()],
            batches_total: 14,
            batches_rejected: 3,
            events_checked: 1_250,
            events_failing: 41,
            summary: "3 of 14 requests would be rejected by OpenAI; 41 of 1250 events have a blocking problem.".into(),
            rejected: vec![
                REJECTED.into(),
                "checkout.har request 2: rejected, currency is missing".into(),
                "orders.jsonl line 9: rejected, the batch holds more than 1,000 events".into(),
            ],
            top_problems: vec![
                RuleCount {
                    id: "capi-event-time-too-old".into(),
                    status: Status::Fail,
                    example: "event_time is more than 7 days old".into(),
                    count: 29,
                },
                RuleCount {
                    id: "capi-email-not-hashed".into(),
                    status: Status::Warn,
                    example: "The email address is not hashed".into(),
                    count: 12,
                },
            ],
        }),
        pairing: Some(PairingSection {
            checked_at: "2026-05-04T09:45:00Z".into(),
            against: "audit 12, 2 journeys".into(),
            pixel_events: 58,
            server_events: 61,
            deduplicated: 44,
            counted_twice: 37,
            pixel_only: 5,
            server_only: 6,
            pixel_without_id: 9,
            summary: "44 conversions will be deduplicated; 37 will be counted twice (same conversion, keys that differ).".into(),
            near_misses: vec![NEAR_MISS.into()],
        }),
    }
}

fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext");
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_pdf_has_the_section_only_when_given() {
    let report = sample_report();
    let with = PdfOptions {
        server_side_conversions: Some(section()),
        ..PdfOptions::default()
    };
    let pdf = render_pdf(&report, &with).unwrap();
    let text = pdf_text(&pdf);
    for expected in [
        "Server-side conversions",
        "Requests from the client’s server",
        "2 files (orders.jsonl, checkout.har)",
        "Batches OpenAI rejects",
        "1250",
        REJECTED,
        "event_time is more than 7 days old",
        "capi-email-not-hashed",
        "Browser and server events, paired",
        "audit 12, 2 journeys",
        "58 events from the pixel in the browser and 61 events from the server",
        "Browser events without an event_id",
        "37 will be counted twice",
        NEAR_MISS,
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    // The counted-twice figure sits on the table's "Counted twice" row.
    let pages = words_of(&pdf);
    let row = pages
        .iter()
        .flat_map(|p| p.words.windows(2).map(move |w| (p.number, w)))
        .find(|(_, w)| w[0].text == "Counted" && w[1].text == "twice")
        .expect("a Counted twice row");
    let page = pages.iter().find(|p| p.number == row.0).unwrap();
    let label = &row.1[0];
    assert!(
        page.words.iter().any(|w| w.text == "37"
            && w.x_min > label.x_max
            && (w.y_min - label.y_min).abs() < 2.0),
        "no 37 beside Counted twice on page {}",
        page.number
    );
    assert_no_overlaps(&pdf, "the sample audit with server-side conversions");

    let without = pdf_text(&render_pdf(&report, &PdfOptions::default()).unwrap());
    assert!(!without.contains("Server-side conversions"));
    let empty = PdfOptions {
        server_side_conversions: Some(ServerSideConversions {
            validation: None,
            pairing: None,
        }),
        ..PdfOptions::default()
    };
    assert!(!pdf_text(&render_pdf(&report, &empty).unwrap()).contains("Server-side conversions"));
}

#[test]
fn either_part_alone_is_shown_alone() {
    let report = sample_report();
    let only_pairing = PdfOptions {
        server_side_conversions: Some(ServerSideConversions {
            validation: None,
            ..section()
        }),
        ..PdfOptions::default()
    };
    let text = pdf_text(&render_pdf(&report, &only_pairing).unwrap());
    assert!(text.contains("Server-side conversions"));
    assert!(text.contains("Browser and server events, paired"));
    assert!(!text.contains("Requests from the client’s server"));
    let only_validation = PdfOptions {
        server_side_conversions: Some(ServerSideConversions {
            pairing: None,
            ..section()
        }),
        ..PdfOptions::default()
    };
    let text = pdf_text(&render_pdf(&report, &only_validation).unwrap());
    assert!(text.contains("Requests from the client’s server"));
    assert!(!text.contains("Browser and server events, paired"));
}

#[test]
fn the_json_export_carries_it_beside_unchanged_figures() {
    let report = sample_report();
    let plain: serde_json::Value = serde_json::from_slice(&report_json(&report).unwrap()).unwrap();
    assert!(plain.get("server_side_conversions").is_none());
    let none: serde_json::Value =
        serde_json::from_slice(&report_json_with(&report, None, None).unwrap()).unwrap();
    assert!(none.get("server_side_conversions").is_none());
    assert_eq!(none, plain);

    let bytes = report_json_with(&report, None, Some(&section())).unwrap();
    let with: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    let s = &with["server_side_conversions"];
    assert_eq!(s["validation"]["batches_total"], 14);
    assert_eq!(s["validation"]["batches_rejected"], 3);
    assert_eq!(s["validation"]["events_checked"], 1250);
    assert_eq!(s["validation"]["events_failing"], 41);
    assert_eq!(s["validation"]["rejected"][0], REJECTED);
    assert_eq!(
        s["validation"]["top_problems"][0]["id"],
        "capi-event-time-too-old"
    );
    assert_eq!(s["validation"]["top_problems"][0]["count"], 29);
    assert_eq!(s["pairing"]["deduplicated"], 44);
    assert_eq!(s["pairing"]["counted_twice"], 37);
    assert_eq!(s["pairing"]["pixel_without_id"], 9);
    assert!(with.get("what_openai_saw").is_none());
    let back: ServerSideConversions = serde_json::from_value(s.clone()).unwrap();
    assert_eq!(back, section());
    assert_eq!(
        with["readiness"], plain["readiness"],
        "the figures do not move"
    );
    let validator = jsonschema::validator_for(&report_export_schema()).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&with)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}
