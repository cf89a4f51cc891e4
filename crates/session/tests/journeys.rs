//! Journeys saved with an audit and the funnel an audit is read through, on real SQLite files:
//! coverage is derived when the audit is loaded, so changing the funnel or deleting a journey
//! changes it without running anything again, and the stored document is never rewritten.
use preflight_document::journey::JourneyReport;
use preflight_document::pixel::PixelEventSeen;
use preflight_document::report::{
    standard_limits, AuditReport, PageReport, RunStatus, Summary, REPORT_SCHEMA_VERSION,
};
use preflight_session::load_audit;
use preflight_store::Store;
use serde_json::json;

fn open() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = preflight_session::open_store(&dir.path().join("p.sqlite3")).unwrap();
    (dir, store)
}

/// A landing page whose pixel sends `page_viewed` only.
fn landing_page() -> PageReport {
    serde_json::from_value(json!({
        "url": "https://shop.example/",
        "verdict": "reachable",
        "verdict_confidence": "high",
        "verdict_reason": "ok",
        "findings": [],
        "fetches": [],
        "pixel": {
            "installed": true,
            "methods": ["snippet"],
            "pixel_ids": ["Q3EEHmNNmitscStzPbzSGs"],
            "standard_events": ["page_viewed"],
            "events": [{
                "name": "page_viewed", "standard": true, "via": "measure",
                "location": "inline script 1:2:3", "how": "static"
            }],
            "scripts_examined": 0
        }
    }))
    .unwrap()
}

fn report() -> AuditReport {
    let pages = vec![landing_page()];
    AuditReport {
        schema_version: REPORT_SCHEMA_VERSION,
        generator: "preflight test".into(),
        started_at: "2026-11-25T10:00:00Z".into(),
        finished_at: Some("2026-11-25T10:01:00Z".into()),
        status: RunStatus::Complete,
        planned_pages: None,
        summary: Summary::default(),
        pages,
        limits: standard_limits(),
        funnel: None,
        journeys: Vec::new(),
    }
}

/// A journey that reached the order confirmation.
fn checkout_journey() -> JourneyReport {
    let calls = vec![
        preflight_pixel::RecordedCall {
            command: "init".into(),
            args_json: r#"[{"pixelId":"Q3EEHmNNmitscStzPbzSGs"}]"#.into(),
            source: "https://shop.example/app.js:1:1".into(),
        },
        preflight_pixel::RecordedCall {
            command: "measure".into(),
            args_json: r#"["order_created",{"type":"contents","amount":12999,"currency":"USD"}]"#
                .into(),
            source: "https://shop.example/thanks.js:4:2".into(),
        },
    ];
    let check = preflight_pixel::lint_recorded_calls(&calls);
    let standard = preflight_pixel::standard_events();
    JourneyReport {
        id: 0,
        start_url: "https://shop.example/".into(),
        started_at: "2026-11-25T10:05:00Z".into(),
        finished_at: "2026-11-25T10:07:00Z".into(),
        pages_visited: vec![
            "https://shop.example/".into(),
            "https://shop.example/thanks".into(),
        ],
        installed: check.installed,
        pixel_ids: check.pixel_ids,
        events: check
            .events
            .iter()
            .map(|e| PixelEventSeen::from_found(e, &standard))
            .collect(),
        findings: check.findings,
        pixel_requests: 0,
        browser_version: "Chrome/140".into(),
        calls,
        steps: Vec::new(),
        replay: None,
    }
}

#[test]
fn the_funnel_of_an_audit_is_chosen_after_the_fact_and_journeys_count_towards_it() {
    let (_dir, mut store) = open();
    let acme = store.create_client("Acme").unwrap();
    let run = store.save_report(Some(acme.id), &report()).unwrap();
    assert!(load_audit(&store, run).unwrap().funnel.is_none());

    store.set_audit_funnel(run, Some("ecommerce")).unwrap();
    let loaded = load_audit(&store, run).unwrap();
    let funnel = loaded.funnel.expect("the chosen funnel");
    assert_eq!(funnel.coverage.present, ["page_viewed"]);
    assert!(funnel
        .coverage
        .missing
        .iter()
        .any(|m| m.event == "order_created" && m.required));
    let page_coverage = loaded.pages[0].pixel.as_ref().unwrap().funnel.as_ref();
    assert!(
        page_coverage.is_some(),
        "each page carries its own coverage"
    );

    // The purchase fired during a journey saved with the audit.
    let journey_id = store.save_journey(run, &checkout_journey()).unwrap();
    let loaded = load_audit(&store, run).unwrap();
    assert_eq!(loaded.journeys.len(), 1);
    assert_eq!(loaded.journeys[0].id, journey_id);
    assert_eq!(loaded.journeys[0].pages_visited.len(), 2);
    let funnel = loaded.funnel.unwrap();
    assert_eq!(funnel.journeys, 1);
    assert!(funnel.coverage.present.contains(&"order_created".into()));
    let order = funnel
        .sources
        .iter()
        .find(|s| s.event == "order_created")
        .unwrap();
    assert_eq!(order.found_on, [format!("journey {journey_id}")]);
    assert_eq!(store.journey_run(journey_id).unwrap(), run);

    // Deleting the journey takes its events out again; Undo brings them back.
    store.delete_journey(journey_id).unwrap();
    let loaded = load_audit(&store, run).unwrap();
    assert!(loaded.journeys.is_empty());
    assert!(!loaded
        .funnel
        .unwrap()
        .coverage
        .present
        .contains(&"order_created".into()));
    assert_eq!(
        store.delete_journey(journey_id).unwrap_err().code(),
        "not_found"
    );
    store.restore_journey(journey_id).unwrap();
    assert_eq!(load_audit(&store, run).unwrap().journeys.len(), 1);

    // Clearing the funnel clears the coverage.
    store.set_audit_funnel(run, None).unwrap();
    let loaded = load_audit(&store, run).unwrap();
    assert!(loaded.funnel.is_none());
    assert!(loaded.pages[0].pixel.as_ref().unwrap().funnel.is_none());
}

#[test]
fn a_report_saved_whole_keeps_its_funnel_and_journeys() {
    let (_dir, mut store) = open();
    let mut whole = report();
    whole.journeys.push(checkout_journey());
    preflight_readiness::funnel::apply(&mut whole, Some("ecommerce"));
    let run = store.save_report(None, &whole).unwrap();
    let loaded = load_audit(&store, run).unwrap();
    assert_eq!(
        store.audit_funnel(run).unwrap().as_deref(),
        Some("ecommerce")
    );
    assert_eq!(loaded.journeys.len(), 1);
    assert_eq!(
        loaded.funnel.unwrap().coverage,
        whole.funnel.unwrap().coverage
    );
}

#[test]
fn a_client_remembers_its_funnel_for_the_next_audits() {
    let (_dir, store) = open();
    let acme = store.create_client("Acme").unwrap();
    let other = store.create_client("Other").unwrap();
    assert_eq!(store.client_funnel(acme.id).unwrap(), None);
    store
        .set_client_funnel(acme.id, Some("lead-generation"))
        .unwrap();
    assert_eq!(
        store.client_funnel(acme.id).unwrap().as_deref(),
        Some("lead-generation")
    );
    assert_eq!(store.client_funnel(other.id).unwrap(), None);
    store.set_client_funnel(acme.id, None).unwrap();
    assert_eq!(store.client_funnel(acme.id).unwrap(), None);
    assert_eq!(store.client_funnel(9999).unwrap_err().code(), "not_found");
}

#[test]
fn journeys_and_funnels_need_an_existing_audit() {
    let (_dir, store) = open();
    assert_eq!(
        store
            .save_journey(42, &checkout_journey())
            .unwrap_err()
            .code(),
        "not_found"
    );
    assert_eq!(
        store
            .set_audit_funnel(42, Some("ecommerce"))
            .unwrap_err()
            .code(),
        "not_found"
    );
    assert_eq!(store.journey_run(7).unwrap_err().code(), "not_found");
}

#[test]
fn a_journey_is_loaded_by_its_id_with_its_steps_and_one_without_steps_cannot_be_replayed() {
    use preflight_document::journey::{JourneyStep, StepTarget};
    let (_dir, mut store) = open();
    let run = store.save_report(None, &report()).unwrap();
    // Recorded before steps were kept: it loads, with no steps.
    let old = store.save_journey(run, &checkout_journey()).unwrap();
    let (found_run, loaded) = preflight_session::journeys::load_journey(&store, old).unwrap();
    assert_eq!((found_run, loaded.id), (run, old));
    assert!(loaded.steps.is_empty());
    let err = tokio::runtime::Runtime::new()
        .unwrap()
        .block_on(preflight_session::journeys::replay_journey(
            &loaded,
            &preflight_capture::ReplayOptions::default(),
            None,
            &preflight_session::CancellationToken::new(),
        ))
        .unwrap_err();
    assert_eq!(err.code(), "nothing_to_replay");
    assert!(err.to_string().contains("Record it again"));

    let mut with_steps = checkout_journey();
    with_steps.steps = vec![
        JourneyStep::Visit {
            url: "https://shop.example/".into(),
        },
        JourneyStep::Click {
            page_url: "https://shop.example/".into(),
            target: StepTarget {
                selector: "#buy".into(),
                element: "button".into(),
                text: "Buy".into(),
            },
        },
    ];
    let id = store.save_journey(run, &with_steps).unwrap();
    let (_, loaded) = preflight_session::journeys::load_journey(&store, id).unwrap();
    assert_eq!(loaded.steps, with_steps.steps);
    assert_eq!(
        preflight_session::journeys::load_journey(&store, 9999)
            .unwrap_err()
            .code(),
        "not_found"
    );
}
