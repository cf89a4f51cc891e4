//! "What OpenAI saw" in the exports: the PDF section (read back with `pdftotext`) and the JSON
//! export's `what_openai_saw`, present only when the client has ads or a log, and never
//! changing the audit's figures.

mod support;

use preflight_model::{AddressScope, Area, Confidence, Finding, PageLogEvidence, Severity, Status};
use preflight_report::ground_truth::{AdSeen, PageSeenByOpenAi, WhatOpenAiSaw};
use preflight_report::{
    render_pdf, report_export_schema, report_json, report_json_with, PdfOptions,
};
use std::process::Command;
use support::*;

fn ad(id: &str, agreement: &str, label: &str, line: &str) -> AdSeen {
    AdSeen {
        ad_id: id.into(),
        ad_name: format!("Card {id}"),
        campaign: "Spring".into(),
        ad_group: "Boots".into(),
        review_status: Some("rejected".into()),
        reason_code: Some("crawler_403".into()),
        reason: Some("OpenAI's crawler was refused".into()),
        serving_issues: vec!["OpenAI could not use the landing page".into()],
        screenshot_url: Some(format!("https://cdn.example/review/{id}.png")),
        agreement: agreement.into(),
        agreement_label: label.into(),
        line: line.into(),
    }
}

fn seen() -> WhatOpenAiSaw {
    let first = page_url(0);
    WhatOpenAiSaw {
        ads_imported_at: Some("2026-05-04T08:00:00Z".into()),
        log_file: Some("access.log".into()),
        log_imported_at: Some("2026-05-04T08:05:00Z".into()),
        log_notes: vec!["The log ends 40 days before the audit: import a recent log.".into()],
        pages: vec![PageSeenByOpenAi {
            url: first.clone(),
            ads: vec![ad(
                "ad_1",
                "explainable",
                "Differs, likely explained",
                "The rule likely matches OpenAI's IP addresses, not the user agent.",
            )],
            log: Some(PageLogEvidence {
                url: first.clone(),
                path: "/landing".into(),
                addresses: AddressScope::InRanges,
                requests: 4,
                refused: 4,
                last_status: 403,
                last_seen: "2026-05-03T09:00:00Z".into(),
                impostor_requests: 2,
            }),
            log_finding: Some(Finding {
                id: "log-refused-audit-reached".into(),
                area: Area::Reachability,
                status: Status::Fail,
                severity: Severity::High,
                confidence: Confidence::High,
                title: "The real crawler was refused".into(),
                detail: String::new(),
                evidence: vec![],
                remedy: "Allow OpenAI's published address ranges in the firewall.".into(),
            }),
        }],
        ads_not_audited: vec![ad(
            "ad_9",
            "not_audited",
            "Landing page not audited",
            "Add it to the client's pages.",
        )],
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
fn the_pdf_has_the_section_only_when_there_is_something_to_show() {
    let report = sample_report();
    let with = PdfOptions {
        what_openai_saw: Some(seen()),
        ..PdfOptions::default()
    };
    let text = pdf_text(&render_pdf(&report, &with).unwrap());
    for expected in [
        "What OpenAI saw",
        "Ad review: Card ad_1 (Spring › Boots)",
        "Review rejected: OpenAI's crawler was refused (crawler_403).",
        "Differs, likely explained",
        "IP addresses",
        "screenshot",
        "4 requests from OpenAI's addresses, 4 refused",
        "2 from other addresses (impostors) not counted.",
        "Allow OpenAI's published address ranges",
        "(not in this audit)",
        "each line says whether they agree",
        "The log ends 40 days before the audit",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    let without = pdf_text(&render_pdf(&report, &PdfOptions::default()).unwrap());
    assert!(!without.contains("What OpenAI saw"));
    let empty = PdfOptions {
        what_openai_saw: Some(WhatOpenAiSaw {
            pages: vec![],
            ads_not_audited: vec![],
            ..seen()
        }),
        ..PdfOptions::default()
    };
    assert!(!pdf_text(&render_pdf(&report, &empty).unwrap()).contains("What OpenAI saw"));
}

#[test]
fn the_json_export_carries_it_beside_unchanged_figures() {
    let report = sample_report();
    let plain: serde_json::Value = serde_json::from_slice(&report_json(&report).unwrap()).unwrap();
    assert!(plain.get("what_openai_saw").is_none());
    let bytes = report_json_with(&report, Some(&seen()), None).unwrap();
    let with: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(
        with["what_openai_saw"]["pages"][0]["ads"][0]["agreement"],
        "explainable"
    );
    assert_eq!(
        with["what_openai_saw"]["pages"][0]["log"]["last_status"],
        403
    );
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
