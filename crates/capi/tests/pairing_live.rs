//! Pairing the server's events with the pixel's, and the live check against a local server
//! that answers like OpenAI's documented events endpoint.

use preflight_capi::live::validate_live;
use preflight_capi::pairing::{order_reference, NearMissKind};
use preflight_capi::{pair, PixelSideEvent, ServerSideEvent};
use serde_json::json;

fn px(t: &str, custom: Option<&str>, id: Option<&str>, pixel: &str) -> PixelSideEvent {
    PixelSideEvent {
        pixel_ids: vec![pixel.into()],
        event_type: t.into(),
        custom_event_name: custom.map(String::from),
        event_id: id.map(String::from),
        seen_in: "journey 1".into(),
    }
}

fn sv(t: &str, custom: Option<&str>, id: &str, pixel: Option<&str>) -> ServerSideEvent {
    ServerSideEvent {
        pixel_id: pixel.map(String::from),
        event_type: t.into(),
        custom_event_name: custom.map(String::from),
        id: id.into(),
        seen_in: "capi.log line 1".into(),
    }
}

#[test]
fn pairs_singles_and_near_misses_are_told_apart() {
    let pixel = vec![
        px("order_created", None, Some("order-1001"), "p1"),
        px("order_created", None, Some("order_2002"), "p1"),
        px("custom", Some("quote_requested"), Some("q-1"), "p1"),
        px("lead_created", None, Some("lead-7"), "p1"),
        px("lead_created", None, Some("lead-8"), "p1"),
        px("page_viewed", None, None, "p1"),
        px("trial_started", None, Some("t-1"), "p1"),
    ];
    let server = vec![
        sv("order_created", None, "order-1001", None),
        sv("order_created", None, "2002", None),
        sv("custom", Some("quote_request"), "q-1", None),
        sv("lead_created", None, "lead-7", Some("p2")),
        sv("registration_completed", None, "lead-8", None),
        sv("subscription_created", None, "s-9", None),
    ];
    let p = pair(&pixel, &server, Some("p1"));
    assert_eq!(p.deduplicated_total, 1);
    assert_eq!(p.deduplicated[0].server.id, "order-1001");
    let kinds: Vec<NearMissKind> = p.near_misses.iter().map(|n| n.kind).collect();
    assert_eq!(
        kinds,
        [
            NearMissKind::DifferentIds,
            NearMissKind::DifferentCustomNames,
            NearMissKind::DifferentPixelIds,
            NearMissKind::DifferentEventTypes
        ]
    );
    assert_eq!(p.expected_double_count, 4);
    assert_eq!(p.pixel_without_id, 1);
    assert_eq!(p.pixel_only_total, 2); // page_viewed without id, trial_started
    assert_eq!(p.server_only_total, 1);
    assert_eq!(p.server_only[0].id, "s-9");
    assert!(
        p.summary.contains("4 will be counted twice"),
        "{}",
        p.summary
    );
    assert!(
        p.near_misses[0].explanation.contains("order_2002")
            && p.near_misses[0].explanation.contains("2002")
    );
}

#[test]
fn custom_names_match_regardless_of_case_and_order_references_ignore_prefixes() {
    let p = pair(
        &[px("custom", Some("Quote_Requested"), Some("q-1"), "p")],
        &[sv("custom", Some("quote_requested"), "q-1", None)],
        None,
    );
    assert_eq!(p.deduplicated_total, 1);
    assert_eq!(order_reference("ORD-000123456"), "123456");
    assert_eq!(order_reference("#12345"), order_reference("order_12345"));
    assert_ne!(order_reference("abc"), order_reference("abd"));
}

async fn endpoint(
    status: u16,
    answer: &'static str,
) -> (
    String,
    std::sync::Arc<std::sync::Mutex<Vec<(String, String, String)>>>,
) {
    use axum::extract::{RawQuery, State};
    use axum::http::HeaderMap;
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let app = axum::Router::new()
        .route(
            "/v1/events",
            axum::routing::post(
                move |State(seen): State<
                    std::sync::Arc<std::sync::Mutex<Vec<(String, String, String)>>>,
                >,
                      RawQuery(q): RawQuery,
                      headers: HeaderMap,
                      body: String| async move {
                    let auth = headers
                        .get("authorization")
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("")
                        .to_string();
                    seen.lock()
                        .unwrap()
                        .push((q.unwrap_or_default(), auth, body));
                    (axum::http::StatusCode::from_u16(status).unwrap(), answer)
                },
            ),
        )
        .with_state(seen.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://{addr}"), seen)
}

#[tokio::test]
async fn the_live_check_sends_validate_only_with_the_key_and_shows_the_answer() {
    let (url, seen) = endpoint(
        400,
        r#"{"error":{"message":"Invalid event at index 3: timestamp_ms is too old"}}"#,
    )
    .await;
    let key = "sk-svcacct-LiveKeyLiveKeyLiveKey123";
    let events: Vec<serde_json::Value> =
        (0..1200).map(|i| json!({"id": format!("e{i}")})).collect();
    let answer = validate_live(
        &url,
        "px-1",
        key,
        &json!({"validate_only": false, "events": events}),
    )
    .await
    .unwrap();
    assert_eq!(answer.status, 400);
    assert!(!answer.accepted);
    assert_eq!(answer.events_sent, 1000);
    assert_eq!(
        answer.body,
        r#"{"error":{"message":"Invalid event at index 3: timestamp_ms is too old"}}"#
    );
    let (query, auth, body) = seen.lock().unwrap()[0].clone();
    assert_eq!(query, "pid=px-1");
    assert_eq!(auth, format!("Bearer {key}"));
    let sent: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(sent["validate_only"], true, "nothing may be recorded");
    assert_eq!(sent["events"].as_array().unwrap().len(), 1000);
    assert!(validate_live("ftp://x", "p", key, &json!({"events": []}))
        .await
        .is_err());
    assert!(validate_live(&url, "p", key, &json!("x")).await.is_err());
}

#[tokio::test]
async fn a_hostile_endpoint_cannot_flood_or_redirect_the_live_check() {
    let app = axum::Router::new()
        .route(
            "/big/v1/events",
            axum::routing::post(|| async { "x".repeat(10 * 1024 * 1024) }),
        )
        .route(
            "/moved/v1/events",
            axum::routing::post(|| async {
                (
                    axum::http::StatusCode::FOUND,
                    [("location", "http://127.0.0.1:9/elsewhere")],
                    "",
                )
            }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let body = json!({"events": [{"id": "a"}]});
    let big = validate_live(&format!("http://{addr}/big/"), "p", "k", &body)
        .await
        .unwrap();
    assert_eq!(big.status, 200);
    assert_eq!(big.body.len(), preflight_capi::live::MAX_ANSWER_BYTES);
    let moved = validate_live(&format!("http://{addr}/moved/"), "p", "k", &body)
        .await
        .unwrap();
    assert_eq!(
        moved.status, 302,
        "a redirect is shown, never followed with the key"
    );
    assert!(!moved.accepted);
}

#[test]
fn every_sample_request_passes_the_validation_it_teaches() {
    let events: Vec<String> = preflight_pixel::event_definitions()
        .into_iter()
        .map(|e| {
            if e.name == "custom" {
                "custom:quote_requested".to_string()
            } else {
                e.name
            }
        })
        .collect();
    let now = 1_780_000_000_000;
    let s = preflight_capi::samples::samples(
        &events,
        "px-1",
        "  Test.Buyer@Example.COM ",
        now,
        "https://bzr.openai.com",
    );
    assert_eq!(s.hashing.normalised, "test.buyer@example.com");
    assert_eq!(
        s.hashing.sha256,
        preflight_capi::rules::user::sha256_hex("test.buyer@example.com")
    );
    assert_eq!(s.requests.len(), events.len());
    for r in &s.requests {
        let body = preflight_capi::samples::body_value(r);
        let event = &body["events"][0];
        let problems: Vec<String> = preflight_capi::rules::event::check_event(event, now)
            .into_iter()
            .map(|l| format!("{}: {}", l.finding.id, l.finding.title))
            .collect();
        assert!(problems.is_empty(), "{}: {problems:?}", r.event_type);
        assert!(r.curl.contains("pid=px-1") && r.curl.contains("$OPENAI_CONVERSIONS_API_KEY"));
    }
    assert!(s.snippets.iter().all(|s| s.code.contains("__oppref")));
}

#[test]
fn samples_follow_the_funnel_or_a_lead_and_an_order() {
    use preflight_capi::samples::sample_events;
    assert_eq!(sample_events(None), ["lead_created", "order_created"]);
    let f = preflight_pixel::funnels().first().unwrap();
    let events = sample_events(Some(f));
    assert_eq!(events.first(), f.required.first());
    assert!(f.recommended.iter().all(|e| events.contains(e)));
    let unique: std::collections::BTreeSet<&String> = events.iter().collect();
    assert_eq!(unique.len(), events.len());
}
