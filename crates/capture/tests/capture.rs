//! Captures of fixture pages in a real headless browser.

mod common;

use std::time::{Duration, Instant};

#[cfg(target_os = "linux")]
use common::capture_browser_processes;
use common::{browser_profiles, one_browser_at_a_time, options, serve, PIXEL_ID};
use preflight_capture::{capture, Capture, ThirdParty};
use preflight_pixel::RecordedCall;
use serde_json::{json, Value};

fn args(call: &RecordedCall) -> Value {
    serde_json::from_str(&call.args_json).unwrap_or_else(|e| {
        panic!("arguments of {call:?} are not JSON: {e}");
    })
}

fn commands(capture: &Capture) -> Vec<(String, Value)> {
    capture
        .calls
        .iter()
        .map(|c| (c.command.clone(), args(c)))
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn official_snippet_calls_are_recorded_once_each_with_their_arguments() {
    let _one = one_browser_at_a_time().await;
    let site = serve().await;
    let result = capture(&site.url("/official"), &options()).await.unwrap();

    assert!(!result.timed_out);
    assert_eq!(
        commands(&result),
        vec![
            ("init".to_string(), json!([{ "pixelId": PIXEL_ID }])),
            (
                "measure".to_string(),
                json!(["page_viewed", { "type": "contents" }])
            ),
            (
                "measure".to_string(),
                json!([
                    "contents_viewed",
                    {
                        "type": "contents", "amount": 12999, "currency": "USD",
                        "contents": [{ "id": "sku-42", "quantity": 1, "amount": 12999 }]
                    },
                    { "event_id": "view-sku-42" }
                ])
            ),
        ],
        "queued calls must not be recorded a second time when the SDK replays them"
    );
    // Each call points at the inline script that made it: page URL, line, column.
    let page = site.url("/official");
    assert!(
        result.calls[0].source.starts_with(&format!("{page}:")),
        "{:?}",
        result.calls[0].source
    );
    let line = |c: &RecordedCall| -> u32 { c.source.rsplit(':').nth(1).unwrap().parse().unwrap() };
    assert!(line(&result.calls[2]) > line(&result.calls[0]));
    assert_eq!(
        result.sdk_requests,
        vec!["https://bzrcdn.openai.com/sdk/oaiq.min.js".to_string()]
    );
    assert!(result.pixel_requests.is_empty());
    assert_eq!(result.final_url, page);
    assert_eq!(result.pages_visited, vec![page]);
    assert!(
        result.browser_version.starts_with("Chrome/"),
        "{}",
        result.browser_version
    );
    assert!(
        result.console_errors.is_empty(),
        "{:?}",
        result.console_errors
    );

    // The recorded calls feed the pixel crate's lint directly.
    let report = preflight_pixel::lint_recorded_calls(&result.calls);
    let names: Vec<&str> = report.events.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["page_viewed", "contents_viewed"]);
    assert_eq!(report.pixel_ids, vec![PIXEL_ID.to_string()]);
}

#[tokio::test(flavor = "multi_thread")]
async fn events_a_tag_manager_injects_after_load_are_recorded() {
    let _one = one_browser_at_a_time().await;
    let site = serve().await;
    let result = capture(&site.url("/tag-manager"), &options())
        .await
        .unwrap();

    assert!(!result.timed_out);
    let recorded = commands(&result);
    assert_eq!(
        recorded,
        vec![
            ("init".to_string(), json!([{ "pixelId": PIXEL_ID }])),
            (
                "measure".to_string(),
                json!(["lead_created", { "type": "customer_action" }])
            ),
        ]
    );
    // The source is the injected container script, not the page.
    let container = site.url("/container.js");
    for call in &result.calls {
        assert!(call.source.starts_with(&container), "{:?}", call.source);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_click_handler_event_is_recorded_when_the_capture_clicks() {
    let _one = one_browser_at_a_time().await;
    let site = serve().await;

    let without = capture(&site.url("/click"), &options()).await.unwrap();
    assert_eq!(
        commands(&without)
            .iter()
            .map(|(c, _)| c.as_str())
            .collect::<Vec<_>>(),
        ["init"],
        "nothing fires before the click"
    );

    let mut with_click = options();
    with_click.settle = Duration::from_millis(800);
    with_click.clicks = vec!["#buy".into(), "#missing-button".into()];
    let result = capture(&site.url("/click"), &with_click).await.unwrap();
    assert_eq!(
        commands(&result)[1],
        (
            "measure".to_string(),
            json!([
                "order_created",
                {
                    "type": "contents", "amount": 4999, "currency": "EUR",
                    "contents": [{ "id": "sku-7", "quantity": 2 }]
                },
                { "event_id": "order-1001" }
            ])
        )
    );
    assert_eq!(result.calls.len(), 2);
    let warnings: Vec<&String> = result
        .warnings
        .iter()
        .filter(|w| *w != preflight_capture::UNSANDBOXED_WARNING)
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("#missing-button"));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_image_tag_is_recorded_with_its_parameters_and_answered_locally() {
    let _one = one_browser_at_a_time().await;
    let site = serve().await;
    let result = capture(&site.url("/image-tag"), &options()).await.unwrap();

    assert!(
        !result.timed_out,
        "the locally answered image must let the page load"
    );
    assert!(result.calls.is_empty());
    assert_eq!(
        result.pixel_requests.len(),
        1,
        "{:?}",
        result.pixel_requests
    );
    let request = &result.pixel_requests[0];
    assert_eq!(request.method, "GET");
    assert!(request
        .url
        .starts_with("https://bzr.openai.com/v1/sdk/events?"));
    assert_eq!(
        request.params,
        vec![
            ("pid".to_string(), PIXEL_ID.to_string()),
            ("event".to_string(), "page_viewed".to_string()),
            ("data[type]".to_string(), "contents".to_string()),
        ]
    );
    assert_eq!(request.body, None);
}

#[tokio::test(flavor = "multi_thread")]
async fn posted_beacons_are_recorded_with_their_bodies() {
    let _one = one_browser_at_a_time().await;
    let site = serve().await;
    let result = capture(&site.url("/beacons"), &options()).await.unwrap();

    assert!(
        result.console_errors.is_empty(),
        "the local answers must satisfy fetch and CORS: {:?}",
        result.console_errors
    );
    let mut posts: Vec<_> = result.pixel_requests.iter().collect();
    posts.sort_by_key(|r| r.url.clone());
    assert_eq!(posts.len(), 2, "{posts:?}");
    assert!(posts.iter().all(|r| r.method == "POST"));
    let bodies: Vec<Value> = posts
        .iter()
        .map(|r| serde_json::from_str(r.body.as_deref().expect("a body")).unwrap())
        .collect();
    assert!(bodies.contains(&json!({ "event": "order_created", "pid": PIXEL_ID })));
    assert!(bodies.contains(&json!({ "event": "page_viewed" })));
    let beacon = posts.iter().find(|r| r.url.contains("pid=")).unwrap();
    assert_eq!(
        beacon.params,
        vec![("pid".to_string(), PIXEL_ID.to_string())]
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_queue_the_wrapper_cannot_see_is_recorded_when_the_sdk_replays_it() {
    let _one = one_browser_at_a_time().await;
    let site = serve().await;
    let result = capture(&site.url("/declared"), &options()).await.unwrap();

    assert_eq!(
        commands(&result),
        vec![
            ("init".to_string(), json!([{ "pixelId": PIXEL_ID }])),
            (
                "measure".to_string(),
                json!(["page_viewed", { "type": "contents" }])
            ),
        ]
    );
    assert!(result.calls.iter().all(|c| c.source.starts_with("oaiq.q")));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_page_that_never_finishes_gives_a_bounded_partial_result() {
    let _one = one_browser_at_a_time().await;
    let site = serve().await;
    let mut opts = options();
    opts.timeout = Duration::from_secs(4);
    let started = Instant::now();
    let result = capture(&site.url("/never-ends"), &opts).await.unwrap();
    let took = started.elapsed();

    assert!(result.timed_out);
    assert!(took < Duration::from_secs(15), "took {took:?}");
    let names: Vec<(String, Value)> = commands(&result);
    assert_eq!(names[0].0, "init");
    assert_eq!(
        names[1],
        (
            "measure".to_string(),
            json!(["page_viewed", { "type": "contents" }])
        )
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_page_without_a_pixel_records_nothing() {
    let _one = one_browser_at_a_time().await;
    let site = serve().await;
    let mut opts = options();
    opts.settle = Duration::from_millis(500);
    let profiles_before = browser_profiles();
    let result = capture(&site.url("/no-pixel"), &opts).await.unwrap();

    // The throw-away profile is gone once the capture returns (allowing a moment for the
    // background retry).
    let mut left = Vec::new();
    for _ in 0..50 {
        left = browser_profiles()
            .difference(&profiles_before)
            .cloned()
            .collect();
        if left.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(left.is_empty(), "profile left behind: {left:?}");
    assert!(!result.timed_out);
    assert!(result.calls.is_empty());
    assert!(result.pixel_requests.is_empty());
    assert!(result.sdk_requests.is_empty());
    assert_eq!(result.final_url, site.url("/no-pixel"));
}

#[tokio::test(flavor = "multi_thread")]
async fn third_party_scripts_run_by_default_and_are_blocked_on_request() {
    let _one = one_browser_at_a_time().await;
    let site = serve().await;
    let mut opts = options();
    opts.settle = Duration::from_millis(500);

    let allowed = capture(&site.url("/third-party"), &opts).await.unwrap();
    let events: Vec<String> = allowed.calls.iter().map(|c| c.args_json.clone()).collect();
    assert!(
        events.iter().any(|a| a.contains("items_added")),
        "{events:?}"
    );
    assert!(allowed.blocked_requests.is_empty());

    opts.third_party = ThirdParty::Block;
    let blocked = capture(&site.url("/third-party"), &opts).await.unwrap();
    assert_eq!(
        blocked
            .calls
            .iter()
            .map(|c| c.command.as_str())
            .collect::<Vec<_>>(),
        ["init"]
    );
    let third = format!("http://localhost:{}/third.js", site.addr.port());
    assert_eq!(blocked.blocked_requests, vec![third]);
    // OpenAI's SDK is still answered locally while blocking.
    assert_eq!(blocked.sdk_requests.len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unreachable_page_is_a_navigation_error() {
    let _one = one_browser_at_a_time().await;
    // Bind and drop a listener to get a port nothing listens on.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let err = capture(&format!("http://127.0.0.1:{port}/"), &options())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "navigation_failed", "{err}");
    // Said in plain words, with the address, not as the browser's net error code.
    let text = err.to_string();
    assert!(text.contains("refused the connection"), "{text}");
    assert!(text.contains(&format!("127.0.0.1:{port}")), "{text}");
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_input_fails_before_any_browser_starts() {
    let err = capture("shop.example.com", &options()).await.unwrap_err();
    assert_eq!(err.code(), "invalid_url");
    let mut opts = options();
    opts.browser = Some("/no/such/browser".into());
    let err = capture("http://127.0.0.1:9/", &opts).await.unwrap_err();
    assert_eq!(err.code(), "browser_not_found");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_visit_looks_like_desktop_chrome_not_headless() {
    let _one = one_browser_at_a_time().await;
    let site = serve().await;
    let mut opts = options();
    opts.settle = Duration::from_millis(300);
    let result = capture(&site.url("/agent"), &opts).await.unwrap();
    let data = &args(&result.calls[1])[1];
    for seen in [&data["header"], &data["script"]] {
        let agent = seen.as_str().unwrap();
        assert!(agent.contains("Chrome/"), "{agent}");
        assert!(!agent.contains("Headless"), "{agent}");
    }

    opts.user_agent = Some("PreflightTest/1.0".into());
    let result = capture(&site.url("/agent"), &opts).await.unwrap();
    let data = &args(&result.calls[1])[1];
    assert_eq!(data["header"], "PreflightTest/1.0");
    assert_eq!(data["script"], "PreflightTest/1.0");
}

#[tokio::test(flavor = "multi_thread")]
async fn calls_inside_a_cross_site_iframe_are_recorded() {
    let _one = one_browser_at_a_time().await;
    let site = serve().await;
    let mut opts = options();
    opts.settle = Duration::from_millis(500);
    let result = capture(&site.url("/framed"), &opts).await.unwrap();

    let frame = format!("http://localhost:{}/official", site.addr.port());
    assert_eq!(
        result
            .calls
            .iter()
            .map(|c| c.command.as_str())
            .collect::<Vec<_>>(),
        ["init", "measure", "measure"]
    );
    assert!(
        result.calls.iter().all(|c| c.source.starts_with(&frame)),
        "{:?}",
        result.calls
    );
    assert_eq!(
        result.sdk_requests.len(),
        1,
        "the frame's SDK request is answered locally"
    );
    // Only the top-level page counts as visited.
    assert_eq!(result.pages_visited, vec![site.url("/framed")]);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_page_cannot_find_or_forge_the_recording_channel() {
    let _one = one_browser_at_a_time().await;
    let site = serve().await;
    let mut opts = options();
    opts.settle = Duration::from_millis(800);
    let result = capture(&site.url("/forge"), &opts).await.unwrap();

    assert_eq!(
        commands(&result),
        vec![
            ("init".to_string(), json!([{ "pixelId": PIXEL_ID }])),
            (
                "measure".to_string(),
                json!(["page_viewed", { "type": "contents", "found": "" }])
            ),
        ],
        "only the page's real calls are recorded, and nothing of the capture is on window"
    );
    assert!(result
        .calls
        .iter()
        .all(|c| !c.source.contains("evil.test") && !c.args_json.contains("order_created")));
}

#[tokio::test(flavor = "multi_thread")]
async fn long_values_from_the_page_are_cut_and_the_capture_stays_bounded() {
    let _one = one_browser_at_a_time().await;
    let site = serve().await;
    let mut opts = options();
    opts.settle = Duration::from_millis(500);
    let result = capture(&site.url("/long-values"), &opts).await.unwrap();

    let cut = preflight_capture::caps::CUT_MARKER;
    let measure = result
        .calls
        .iter()
        .find(|c| c.command == "measure")
        .unwrap();
    let data = &args(measure)[1];
    let note = data["note"].as_str().unwrap();
    assert!(note.ends_with(cut), "{note}");
    assert_eq!(
        note.chars().count(),
        preflight_capture::caps::MAX_STRING_CHARS + cut.chars().count()
    );
    assert!(note.starts_with("日本"), "cut on characters, not bytes");
    let beacon = &result.pixel_requests[0];
    let body = beacon.body.as_deref().unwrap();
    assert!(body.ends_with(cut));
    assert!(body.len() <= preflight_capture::caps::MAX_BODY_BYTES + cut.len());
    assert!(!result.truncated, "single long values are cut, not dropped");
}

#[cfg(target_os = "linux")]
#[tokio::test(flavor = "multi_thread")]
async fn as_root_the_browser_runs_only_with_the_explicit_opt_in() {
    let _one = one_browser_at_a_time().await;
    let site = serve().await;
    let mut opts = options();
    opts.settle = Duration::from_millis(200);
    opts.allow_unsandboxed_browser = false;
    let result = capture(&site.url("/no-pixel"), &opts).await;
    if common::running_as_root() {
        let err = result.unwrap_err();
        assert_eq!(err.code(), "browser_sandbox_unavailable", "{err}");
        assert!(preflight_capture::sandbox_refusal(&opts).is_some());
        // Opted in: it runs, and the capture says it ran without the sandbox.
        opts.allow_unsandboxed_browser = true;
        let result = capture(&site.url("/no-pixel"), &opts).await.unwrap();
        assert_eq!(
            result.warnings,
            vec![preflight_capture::UNSANDBOXED_WARNING]
        );
    } else {
        let result = result.unwrap();
        assert!(result.warnings.is_empty(), "{:?}", result.warnings);
    }
}

#[cfg(target_os = "linux")]
#[tokio::test(flavor = "multi_thread")]
async fn a_cancelled_capture_kills_the_browser_and_removes_its_profile() {
    let _one = one_browser_at_a_time().await;
    let site = serve().await;
    let profiles_before = browser_profiles();
    // The helper processes of an earlier test's browser (one renderer per site with site
    // isolation) can take a moment to exit after it was killed.
    let mut earlier = capture_browser_processes();
    for _ in 0..100 {
        if earlier.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        earlier = capture_browser_processes();
    }
    let described: Vec<String> = earlier
        .iter()
        .map(|pid| {
            std::fs::read(format!("/proc/{pid}/cmdline"))
                .map(|c| String::from_utf8_lossy(&c).replace('\0', " "))
                .unwrap_or_default()
        })
        .collect();
    assert!(
        earlier.is_empty(),
        "a browser from elsewhere is running: {described:#?}"
    );

    // Drop the capture while the page is still loading, once its browser is surely running.
    let (url, opts) = (site.url("/never-ends"), options());
    let mut pending = Box::pin(capture(&url, &opts));
    let browser_up = async {
        while capture_browser_processes().is_empty() {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    };
    tokio::select! {
        _ = &mut pending => panic!("the capture ended before it could be cancelled"),
        up = tokio::time::timeout(Duration::from_secs(15), browser_up) => {
            up.expect("the browser started");
        }
    }
    drop(pending);

    let mut left = (Vec::new(), Vec::new());
    for _ in 0..50 {
        left = (
            capture_browser_processes(),
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
