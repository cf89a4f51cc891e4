//! The readiness verdict, its counts and its sentence, on small audits.

use preflight_document::report::{
    standard_limits, AuditReport, PageReport, RunStatus, Summary, Verdict, REPORT_SCHEMA_VERSION,
};
use preflight_model::{Area, Confidence, Finding, Status};
use preflight_readiness::{assess, normalise, ReadinessState};

fn page(n: u32, verdict: Verdict, findings: Vec<Finding>) -> PageReport {
    PageReport {
        url: format!("https://shop.test/{n}"),
        verdict,
        verdict_confidence: Confidence::High,
        verdict_reason: format!("{verdict:?}"),
        vendor: None,
        robots: None,
        params_survive: Some(true),
        findings,
        fetches: vec![],
        robots_fetch: None,
        params_fetch: None,
        pixel: Some(
            serde_json::from_value(serde_json::json!({
                "installed": true, "methods": ["snippet"], "pixel_ids": ["Q3EEHmNNmitscStzPbzSGs"],
                "standard_events": ["page_viewed"],
                "events": [{"name": "page_viewed", "standard": true, "via": "measure",
                            "location": "inline script 1:1:1", "how": "static"}],
                "scripts_examined": 0
            }))
            .unwrap(),
        ),
    }
}

fn fine(n: u32) -> PageReport {
    page(
        n,
        Verdict::Reachable,
        vec![
            Finding::new(
                "bot-reachable",
                Area::Reachability,
                Status::Pass,
                "Reachable",
            ),
            Finding::new(
                "pixel-detected",
                Area::Pixel,
                Status::Pass,
                "Pixel installed",
            ),
            Finding::new("utm-params-survive", Area::Utm, Status::Pass, "Kept"),
        ],
    )
}

fn challenged(n: u32) -> PageReport {
    page(
        n,
        Verdict::Challenged,
        vec![
            Finding::new(
                "bot-error-status",
                Area::Reachability,
                Status::Fail,
                "HTTP 403",
            )
            .evidence("Status", "403"),
            Finding::new(
                "waf-challenges-adsbot",
                Area::Reachability,
                Status::Fail,
                "Cloudflare challenge",
            ),
            Finding::new(
                "pixel-detected",
                Area::Pixel,
                Status::Pass,
                "Pixel installed",
            ),
            Finding::new("page-slow", Area::Page, Status::Warn, "Slow"),
        ],
    )
}

fn audit(pages: Vec<PageReport>, status: RunStatus) -> AuditReport {
    AuditReport {
        schema_version: REPORT_SCHEMA_VERSION,
        generator: "test".into(),
        started_at: "2026-12-01T10:00:00Z".into(),
        finished_at: None,
        status,
        planned_pages: None,
        summary: Summary::default(),
        pages,
        limits: standard_limits(),
        funnel: None,
        journeys: vec![],
    }
}

fn planned(mut report: AuditReport, pages: u32) -> AuditReport {
    report.planned_pages = Some(pages);
    report
}

#[test]
fn a_complete_clean_audit_is_ready() {
    let r = assess(&planned(
        audit(vec![fine(1), fine(2)], RunStatus::Complete),
        2,
    ));
    assert_eq!(r.state, ReadinessState::Ready);
    assert_eq!(r.headline, "Ready: all 2 pages can run ChatGPT ads.");
    assert_eq!((r.counts.failing_pages, r.counts.failing_findings), (0, 0));
}

#[test]
fn a_challenge_is_one_blocking_problem_and_the_headline_counts_pages() {
    let report = audit(
        vec![fine(1), challenged(2), challenged(3)],
        RunStatus::Complete,
    );
    let r = assess(&report);
    assert_eq!(r.state, ReadinessState::NotReady);
    assert_eq!(r.counts.failing_pages, 2);
    assert_eq!(r.counts.failing_findings, 2, "one per challenged page");
    assert_eq!(r.counts.warnings, 2);
    assert_eq!(r.counts.reachable, 1);
    assert_eq!(
        r.headline,
        "Not ready: 2 of 3 pages have blocking problems."
    );
    assert_eq!(r.checklist.blocking_pages, 2);
    assert_eq!(
        r.pages.iter().map(|p| p.blocking).collect::<Vec<_>>(),
        [0, 1, 1]
    );
    // The normalised document counts the same, and normalising twice changes nothing.
    let once = normalise(report, None);
    assert_eq!(once.summary, r.counts);
    assert_eq!(normalise(once.clone(), None), once);
}

#[test]
fn a_stopped_audit_is_partial_and_says_how_far_it_got() {
    let r = assess(&planned(
        audit(vec![fine(1), challenged(2)], RunStatus::Cancelled),
        13,
    ));
    assert_eq!(r.state, ReadinessState::Partial);
    assert_eq!(r.label, "Partial");
    assert_eq!(
        r.headline,
        "Partial audit (stopped): 2 of 13 pages checked; 1 of them has blocking problems. It is not a readiness verdict."
    );
    let clean = assess(&planned(
        audit(vec![fine(1), fine(2)], RunStatus::Interrupted),
        13,
    ));
    assert_eq!(clean.state, ReadinessState::Partial);
    assert!(!clean.headline.contains("ready:"), "{}", clean.headline);
}

#[test]
fn a_placeholder_pixel_id_fails_the_pixel_item_and_its_events_do_not_count() {
    let mut placeholder = fine(1);
    placeholder.findings.push(Finding::new(
        "pixel-id-format",
        Area::Pixel,
        Status::Fail,
        "The pixel ID is a placeholder",
    ));
    let mut report = audit(vec![placeholder], RunStatus::Complete);
    report = normalise(report, Some("ecommerce"));
    let page = &report.pages[0];
    assert!(!page.pixel.as_ref().unwrap().installed);
    assert!(page.findings.iter().all(|f| f.id != "pixel-detected"));
    let funnel = report.funnel.as_ref().unwrap();
    assert!(funnel.coverage.present.is_empty(), "{:?}", funnel.coverage);
    let r = assess(&report);
    assert_eq!(r.state, ReadinessState::NotReady);
    let pixel = &r.checklist.items[1];
    assert_eq!(
        pixel.evidence[0].finding_id.as_deref(),
        Some("pixel-id-format")
    );
}

#[test]
fn an_unreachable_page_without_a_failing_finding_still_counts_as_blocked() {
    let paused = page(
        1,
        Verdict::Blocked,
        vec![Finding::new(
            "host-paused",
            Area::Reachability,
            Status::Error,
            "Not checked",
        )],
    );
    let r = assess(&planned(
        audit(vec![paused, fine(2)], RunStatus::Complete),
        2,
    ));
    assert_eq!((r.counts.failing_pages, r.counts.failing_findings), (1, 1));
    assert_eq!(r.headline, "Not ready: 1 of 2 pages has blocking problems.");
    let report = normalise(
        audit(vec![page(1, Verdict::Blocked, vec![])], RunStatus::Complete),
        None,
    );
    assert_eq!(report.pages[0].findings[0].id, "bot-cannot-use-page");
}
