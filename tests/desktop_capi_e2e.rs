//! Conversions API checks in the real app over WebDriver: a client's JSON Lines file with one
//! line that is not JSON and one event timed in seconds is checked from the client's page; the
//! rejected batch and the lines of the problems are shown. Checked at 1280×800 and 900×600.
//!
//! Needs what `desktop_e2e` needs (tauri-driver, WebKitWebDriver, Xvfb, a built UI). The file is
//! given by typing its path (the native file dialog cannot be driven).

mod e2e;

use e2e::*;
use fantoccini::Client;
use serde_json::json;
use std::time::Duration;

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

fn event(id: &str, timestamp_ms: i64) -> serde_json::Value {
    json!({"id": id, "type": "lead_created", "timestamp_ms": timestamp_ms, "action_source": "web",
           "source_url": "https://acme.example/thanks", "oppref": "gAAAAB-x",
           "data": {"type": "customer_action"}})
}

#[tokio::test(flavor = "multi_thread")]
async fn capi_file_check_in_the_real_app() {
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("preflight.sqlite3");
    {
        let store = preflight_session::open_store(&db).unwrap();
        store.create_client("Server events shop").unwrap();
    }
    let now = now_ms();
    let file = data.path().join("events.jsonl");
    let text = format!(
        "{}\nthis is not json\n{}\n",
        json!({"events": [event("a", now - 1000)]}),
        event("b", now / 1000)
    );
    std::fs::write(&file, text).unwrap();
    let path = file.display().to_string();

    let (display, _xvfb) = display();
    let driver = start_driver(&display, &db);
    let client = open_app(&driver).await;
    tokio::time::timeout(Duration::from_secs(180), walk(&client, &path))
        .await
        .expect("the app answered in time");
    client.close().await.unwrap();
    drop(driver);

    let driver = start_driver_sized(&display, &db, Some("900x600"));
    let client = open_app(&driver).await;
    tokio::time::timeout(Duration::from_secs(120), smallest_window(&client))
        .await
        .expect("the small window answered in time");
    client.close().await.unwrap();
    drop(driver);
}

async fn walk(client: &Client, path: &str) {
    click(client, "[data-testid=nav-clients]").await;
    wait_for_texts(client, "[data-testid=capi-empty]", "the empty state", |t| {
        t.len() == 1 && t[0].contains("No Conversions API file checked yet")
    })
    .await;
    centred_click(client, "[data-testid=capi-paths]").await;
    type_into(client, "[data-testid=capi-paths]", path).await;
    centred_click(client, "[data-testid=capi-validate]").await;
    let batches = wait_for_texts(client, "[data-testid=capi-batch]", "the verdicts", |t| {
        !t.is_empty()
    })
    .await;
    assert!(
        batches[0].contains("Rejected") && batches[0].contains("reject"),
        "{batches:?}"
    );
    assert!(
        batches.iter().any(|b| b.contains("Accepted")),
        "{batches:?}"
    );
    let lines = text_of(client, "[data-testid=capi-finding-line]").await;
    assert!(lines.iter().any(|l| l.contains("line 2")), "{lines:?}");
    assert!(lines.iter().any(|l| l.contains("line 3")), "{lines:?}");
    let findings = text_of(client, "[data-testid=capi-finding]").await;
    assert!(
        findings
            .iter()
            .any(|f| f.contains("line 3") && f.contains("second")),
        "{findings:?}"
    );
    let summary = text_of(client, "[data-testid=capi-summary]").await;
    assert_eq!(summary.len(), 1, "{summary:?}");
    client
        .execute(
            "document.querySelector('[data-testid=capi-card]').scrollIntoView({ block: 'start' });",
            vec![],
        )
        .await
        .unwrap();
    screenshot_wide(client, "capi-result").await;
    assert!(
        !main_scrolls_sideways(client).await,
        "the Conversions API card scrolls sideways at 1280×800"
    );
}

async fn smallest_window(client: &Client) {
    click(client, "[data-testid=nav-clients]").await;
    // The kept check is shown again.
    wait_for_texts(
        client,
        "[data-testid=capi-batch]",
        "the kept verdicts",
        |t| !t.is_empty() && t[0].contains("Rejected"),
    )
    .await;
    client
        .execute(
            "document.querySelector('[data-testid=capi-card]').scrollIntoView({ block: 'start' });",
            vec![],
        )
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    save_screenshot(client, "capi-result-900x600")
        .await
        .unwrap();
    assert!(
        !main_scrolls_sideways(client).await,
        "the Conversions API card scrolls sideways at 900×600"
    );
    centred_click(client, "[data-testid=capi-tab-live]").await;
    wait_for_texts(
        client,
        "[data-testid=capi-live-note]",
        "the live note",
        |t| t.len() == 1 && t[0].contains("records nothing"),
    )
    .await;
    save_screenshot(client, "capi-live-900x600").await.unwrap();
    assert!(
        !main_scrolls_sideways(client).await,
        "the live check scrolls sideways at 900×600"
    );
}
