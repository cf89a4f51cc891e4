//! Ground truth in the real app over WebDriver: a client's ad account connected with a key
//! (checked against a loopback stand-in for OpenAI's Ads API, kept in the keychain), its ads
//! imported as the client's pages, an audit run, and "What OpenAI saw" beside the audit — each
//! ad's review with its agreement line and the access log's record of the real crawler — then
//! the key removed. The key never reaches the database.
//!
//! Needs what `desktop_e2e` needs (tauri-driver, WebKitWebDriver, Xvfb, a built UI).

mod e2e;

use e2e::*;
use fantoccini::Client;
use preflight_accesslog::{import_reader, IpRanges, LogOptions};
use preflight_fixtures::ads_api::{FakeAd, FakeAdsApi};
use preflight_fixtures::FixtureSite;
use preflight_session::log_imports::{save_log_import, LogImportRecord};
use std::time::Duration;

const KEY: &str = "sk-ads-e2e-31c9f0";
const RANGES: &str =
    r#"{"creationTime":"2026-12-01T00:00:00","prefixes":[{"ipv4Prefix":"192.0.2.0/25"}]}"#;
const ADSBOT_UA: &str = "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko); compatible; OAI-AdsBot/1.0; +https://openai.com/adsbot";

#[tokio::test(flavor = "multi_thread")]
async fn ads_imported_reconciled_beside_the_audit_and_the_log() {
    let site = FixtureSite::start();
    let ok = site.url("/ok");
    let blocked = site.url("/blocks-adsbot");
    let api = FakeAdsApi::start(
        KEY,
        vec![
            // OpenAI was refused on a page this audit reaches: likely an address rule.
            FakeAd::approved("ad_1", &ok).rejected("crawler_403"),
            // OpenAI's crawler was blocked where this audit is blocked too: they agree.
            FakeAd::approved("ad_2", &blocked).rejected("crawler_bot_blocked"),
        ],
    );
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("preflight.sqlite3");
    // The client's access log: the real crawler (from OpenAI's addresses) refused on /ok.
    {
        let store = preflight_session::open_store(&db).unwrap();
        let client = store.create_client("Acme ads").unwrap().id;
        let line = format!(
            "192.0.2.10 - - [04/Dec/2026:09:00:00 +0000] \"GET /ok HTTP/1.1\" 403 512 \"-\" \"{ADSBOT_UA}\"\n"
        );
        let ranges = IpRanges::from_json(RANGES).unwrap();
        let report = import_reader(line.as_bytes(), Some(&ranges), &LogOptions::default()).unwrap();
        let record = LogImportRecord {
            report,
            ranges_origin: None,
        };
        save_log_import(&store, client, "access.log", record).unwrap();
    }
    let (display, _xvfb) = display();
    let base = api.base_url();
    let driver = start_driver_with(
        &display,
        &db,
        None,
        &[("PREFLIGHT_ADS_API_URL", base.as_str())],
    );
    let client = open_app(&driver).await;
    tokio::time::timeout(Duration::from_secs(300), walk(&client))
        .await
        .expect("the app answered in time");
    client.close().await.unwrap();
    drop(driver);

    // The smallest window: the card and the section fit without scrolling sideways.
    let driver = start_driver_with(
        &display,
        &db,
        Some("900x600"),
        &[("PREFLIGHT_ADS_API_URL", base.as_str())],
    );
    let client = open_app(&driver).await;
    tokio::time::timeout(Duration::from_secs(120), smallest_window(&client))
        .await
        .expect("the small window answered in time");
    client.close().await.unwrap();
    drop(driver);

    let raw = std::fs::read(&db).unwrap();
    assert!(
        !raw.windows(KEY.len()).any(|w| w == KEY.as_bytes()),
        "the key reached the database"
    );
    assert!(api.requests() > 0);
}

async fn walk(client: &Client) {
    click(client, "[data-testid=nav-clients]").await;
    wait_for_texts(client, "[data-testid=client-title]", "the client", |t| {
        t == ["Acme ads"]
    })
    .await;
    wait_for_texts(
        client,
        "[data-testid=ads-state]",
        "the ad account card",
        |t| t.len() == 1 && t[0].contains("No ads imported yet"),
    )
    .await;

    // A wrong key is refused with OpenAI's words and kept nowhere.
    type_into(client, "[data-testid=ads-key]", "sk-ads-wrong-0000").await;
    click(client, "[data-testid=ads-connect]").await;
    let refused = wait_for_texts(client, "[data-testid=ads-error]", "the refusal", |t| {
        t.len() == 1
    })
    .await;
    assert!(
        refused[0].contains("did not accept the Ads API key"),
        "{refused:?}"
    );
    assert!(!refused[0].contains("0000"), "{refused:?}");

    type_into(client, "[data-testid=ads-key]", KEY).await;
    click(client, "[data-testid=ads-connect]").await;
    // The toast saying the key was kept may cover the card's lower edge: bring it to the middle.
    centred_click(client, "[data-testid=ads-import]").await;
    wait_for_texts(client, "[data-testid=ads-state]", "the imported ads", |t| {
        t.len() == 1 && t[0].starts_with("2 ads imported")
    })
    .await;
    wait_for_texts(
        client,
        "[data-testid=page-list] .url",
        "the ads' landing pages",
        |t| t.len() == 2,
    )
    .await;
    save_screenshot(client, "ads-connected").await.unwrap();

    click(client, "[data-testid=run-audit]").await;
    wait_for_texts(client, "[data-testid=audit-headline]", "the audit", |t| {
        !t.is_empty() && t[0].contains("Not ready")
    })
    .await;
    let summary = wait_for_texts(
        client,
        "[data-testid=openai-seen-summary]",
        "what OpenAI saw",
        |t| t.len() == 1,
    )
    .await;
    assert!(
        summary[0].contains("1 ad's review differs")
            && summary[0].contains("access log disagrees on 1 page"),
        "{summary:?}"
    );
    let agreements = client
        .execute(
            "return [...document.querySelectorAll('[data-testid=openai-seen] [data-testid=openai-seen-ad]')]\
             .map(e => e.dataset.agreement);",
            vec![],
        )
        .await
        .unwrap();
    let mut agreements: Vec<String> = serde_json::from_value(agreements).unwrap();
    agreements.sort();
    assert_eq!(agreements, ["agree", "explainable"]);
    let lines = text_of(
        client,
        "[data-testid=openai-seen] [data-testid=openai-seen-ad]",
    )
    .await;
    assert!(
        lines
            .iter()
            .any(|l| l.contains("IP addresses") && l.contains("cdn.example/review/ad_1.png")),
        "{lines:?}"
    );
    let log = text_of(
        client,
        "[data-testid=openai-seen] [data-testid=openai-seen-log]",
    )
    .await;
    assert!(log.len() == 1 && log[0].contains("HTTP 403"), "{log:?}");
    client
        .execute(
            "document.querySelector('[data-testid=openai-seen]').scrollIntoView();",
            vec![],
        )
        .await
        .unwrap();
    screenshot_wide(client, "ads-what-openai-saw").await;

    // The key can be removed; the imported ads stay.
    click(client, "[data-testid=audit-back]").await;
    centred_click(client, "[data-testid=ads-disconnect]").await;
    click(client, ".dialog .button-danger").await;
    wait_for_texts(client, "[data-testid=ads-state]", "the ads kept", |t| {
        t.len() == 1 && t[0].starts_with("2 ads imported")
    })
    .await;
    wait_for_texts(
        client,
        "[data-testid=ads-key]",
        "the key field again",
        |t| t.len() == 1,
    )
    .await;
}

async fn smallest_window(client: &Client) {
    click(client, "[data-testid=nav-clients]").await;
    centred_click(client, "[data-testid=ad-account] summary").await;
    wait_for_texts(
        client,
        "[data-testid=ads-list] li",
        "the imported ads",
        |t| t.len() == 2,
    )
    .await;
    save_screenshot(client, "ads-card-900x600").await.unwrap();
    assert!(
        !main_scrolls_sideways(client).await,
        "the ad account card scrolls sideways at 900×600"
    );
    click(client, "[data-testid=audit-item]").await;
    centred_click(client, "[data-testid=openai-seen] h3").await;
    save_screenshot(client, "ads-seen-900x600").await.unwrap();
    assert!(
        !main_scrolls_sideways(client).await,
        "What OpenAI saw scrolls sideways at 900×600"
    );
}
