//! Journey mode: events arrive live while the funnel is clicked through.
//!
//! The window is visible when a display is available (run under `xvfb-run` on a server);
//! without one the same journey runs headless, so the recording path is always tested.

mod common;

use std::time::Duration;

use common::{browser_profiles, one_browser_at_a_time, options, serve, PIXEL_ID};
use preflight_capture::{start_journey, CaptureOptions, JourneyEvent, Window};
use tokio::sync::mpsc::UnboundedReceiver;

fn journey_options() -> CaptureOptions {
    let has_display = std::env::var_os("DISPLAY").is_some_and(|d| !d.is_empty())
        || std::env::var_os("WAYLAND_DISPLAY").is_some_and(|d| !d.is_empty());
    CaptureOptions {
        window: if has_display {
            Window::Visible
        } else {
            Window::Headless
        },
        ..options()
    }
}

/// The next event, or a failure after a generous wait.
async fn next(events: &mut UnboundedReceiver<JourneyEvent>) -> JourneyEvent {
    tokio::time::timeout(Duration::from_secs(10), events.recv())
        .await
        .expect("an event within 10 s")
        .expect("the feed is open")
}

/// The next call event's command and first argument, skipping other kinds.
async fn next_call(events: &mut UnboundedReceiver<JourneyEvent>) -> (String, String) {
    loop {
        if let JourneyEvent::Call { call, .. } = next(events).await {
            let args: serde_json::Value = serde_json::from_str(&call.args_json).unwrap();
            let first = match &args[0] {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            return (call.command, first);
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn each_event_is_delivered_as_it_fires_and_finish_returns_the_whole_journey() {
    let _one = one_browser_at_a_time().await;
    let site = serve().await;
    let mut journey = start_journey(&site.url("/click"), &journey_options())
        .await
        .unwrap();
    let mut events = journey.events().expect("the feed");
    assert!(journey.events().is_none(), "the feed is handed over once");

    match next(&mut events).await {
        JourneyEvent::PageVisited { url, .. } => assert_eq!(url, site.url("/click")),
        other => panic!("expected the first page, got {other:?}"),
    }
    assert_eq!(
        next_call(&mut events).await,
        ("init".to_string(), format!(r#"{{"pixelId":"{PIXEL_ID}"}}"#))
    );

    // Nothing more until the visitor acts.
    assert!(
        tokio::time::timeout(Duration::from_millis(800), events.recv())
            .await
            .is_err(),
        "no event before the click"
    );
    journey.click("#buy").await.unwrap();
    assert_eq!(
        next_call(&mut events).await,
        ("measure".to_string(), "order_created".to_string())
    );
    // Live validation mid-journey with the pixel crate's lint.
    let report = preflight_pixel::lint_recorded_calls(&journey.calls());
    assert_eq!(
        report
            .events
            .iter()
            .map(|e| e.name.as_str())
            .collect::<Vec<_>>(),
        ["order_created"]
    );

    // Following a link is a new page; its events arrive too.
    journey.click("#next").await.unwrap();
    match next(&mut events).await {
        JourneyEvent::PageVisited { url, .. } => assert_eq!(url, site.url("/official")),
        other => panic!("expected the next page, got {other:?}"),
    }
    assert_eq!(next_call(&mut events).await.0, "init");
    assert_eq!(
        next_call(&mut events).await,
        ("measure".to_string(), "page_viewed".to_string())
    );
    assert_eq!(
        next_call(&mut events).await,
        ("measure".to_string(), "contents_viewed".to_string())
    );

    let capture = journey.finish().await;
    assert_eq!(
        capture.pages_visited,
        vec![site.url("/click"), site.url("/official")]
    );
    assert_eq!(capture.final_url, site.url("/official"));
    let commands: Vec<&str> = capture.calls.iter().map(|c| c.command.as_str()).collect();
    assert_eq!(commands, ["init", "measure", "init", "measure", "measure"]);
    assert!(!capture.timed_out);
    // The browser is gone: the feed reports it and then ends.
    let mut rest = Vec::new();
    while let Ok(Some(event)) = tokio::time::timeout(Duration::from_secs(5), events.recv()).await {
        rest.push(event);
    }
    assert!(
        rest.iter()
            .any(|e| matches!(e, JourneyEvent::BrowserClosed { .. })),
        "{rest:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_start_page_that_cannot_be_opened_is_an_error() {
    let _one = one_browser_at_a_time().await;
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let err = match start_journey(&format!("http://127.0.0.1:{port}/"), &journey_options()).await {
        Ok(_) => panic!("a refused connection must not start a journey"),
        Err(e) => e,
    };
    assert_eq!(err.code(), "navigation_failed", "{err}");
}

#[cfg(target_os = "linux")]
#[tokio::test(flavor = "multi_thread")]
async fn dropping_a_journey_kills_the_browser_and_removes_its_profile() {
    let _one = one_browser_at_a_time().await;
    let site = serve().await;
    let profiles_before = browser_profiles();
    let journey = start_journey(&site.url("/official"), &journey_options())
        .await
        .unwrap();
    assert!(!common::capture_browser_processes().is_empty());
    drop(journey);

    let mut left = (Vec::new(), Vec::new());
    for _ in 0..300 {
        left = (
            common::capture_browser_processes(),
            browser_profiles()
                .difference(&profiles_before)
                .cloned()
                .collect::<Vec<_>>(),
        );
        if left.0.is_empty() && left.1.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(left, (vec![], vec![]), "(processes, profiles) left behind");
}
