//! The real desktop app, driven over WebDriver (tauri-driver + WebKitWebDriver) in a virtual X
//! display: create a client, add pages served by a local fixture site, run an audit, read the
//! verdicts, close the app, reopen it and find the audit still there; then export it, and use
//! the overview, planner, UTM check and access-log import.
//!
//! Needs `tauri-driver` and `WebKitWebDriver` on PATH and `Xvfb` when no DISPLAY is set; the
//! README's test command installs them. The UI must be built (ui/dist) before the app.

mod e2e;

use e2e::*;
use fantoccini::{Client, Locator};
use preflight_fixtures::FixtureSite;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread")]
async fn create_client_add_pages_run_audit_and_find_it_after_restart() {
    let site = FixtureSite::start();
    let ok = site.url("/ok?utm_source=chatgpt&utm_medium=cpc");
    let blocked = site.url("/blocks-adsbot");
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("preflight.sqlite3");
    let (display, _xvfb) = display();

    {
        let driver = start_driver(&display, &db);
        let client = open_app(&driver).await;

        let name = client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css("[data-testid=new-client-name]"))
            .await
            .unwrap();
        name.send_keys("Acme e2e").await.unwrap();
        client
            .find(Locator::Css("[data-testid=create-client]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        wait_for_texts(
            &client,
            "[data-testid=client-title]",
            "the new client",
            |t| t == ["Acme e2e"],
        )
        .await;

        let paste = client
            .find(Locator::Css("[data-testid=paste-urls]"))
            .await
            .unwrap();
        // WebKitWebDriver types a newline only as the Enter key.
        let enter = char::from(fantoccini::key::Key::Enter).to_string();
        paste
            .send_keys(&[ok.as_str(), "not a url", blocked.as_str()].join(&enter))
            .await
            .unwrap();
        wait_for_texts(
            &client,
            "[data-testid=invalid-line]",
            "the invalid line to be explained",
            |t| t.len() >= 1 && t[0].contains("Line 2"),
        )
        .await;
        client
            .find(Locator::Css("[data-testid=add-pages]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        wait_for_texts(&client, "[data-testid=page-list] .url", "two pages", |t| {
            t.len() == 2
        })
        .await;

        client
            .find(Locator::Css("[data-testid=run-audit]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        // The finished audit opens in place of the client's page.
        let headline = wait_for_texts(
            &client,
            "[data-testid=audit-headline]",
            "the audit view",
            |t| !t.is_empty() && t[0].contains("Not ready"),
        )
        .await;
        assert!(
            headline[0].contains("Not ready: 1 of 2 pages has blocking problems."),
            "{headline:?}"
        );
        // Worst pages first in the grid.
        let verdicts = wait_for_texts(
            &client,
            "[data-testid=page-verdict]",
            "both verdicts",
            |t| t.len() == 2,
        )
        .await;
        assert_eq!(verdicts, vec!["Blocked", "Reachable"]);
        save_screenshot(&client, "audit-result").await.unwrap();

        // Back on the client's page, the audit is in its history.
        client
            .find(Locator::Css("[data-testid=audit-back]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let history = wait_for_texts(
            &client,
            "[data-testid=audit-item]",
            "the finished audit in the history",
            |t| t.len() == 1 && t[0].contains("Not ready"),
        )
        .await;
        assert!(
            history[0]
                .contains("2 pages checked · OAI-AdsBot can use 1 · 1 page with blocking problems"),
            "{history:?}"
        );
        client.close().await.unwrap();
    }

    // Reopen: the client and its audit are still there.
    let driver = start_driver(&display, &db);
    let client = open_app(&driver).await;
    wait_for_texts(
        &client,
        "[data-testid=client-title]",
        "the saved client",
        |t| t == ["Acme e2e"],
    )
    .await;
    wait_for_texts(
        &client,
        "[data-testid=audit-item]",
        "the saved audit",
        |t| t.len() == 1,
    )
    .await;

    // A window that stops answering must fail the test, not stall the suite.
    tokio::time::timeout(
        Duration::from_secs(240),
        walk_the_other_sections(&client, data.path()),
    )
    .await
    .expect("the other sections answered in time");
    tokio::time::timeout(
        Duration::from_secs(240),
        pixel_funnel_and_journey(&client, &site),
    )
    .await
    .expect("the pixel steps answered in time");
    client.close().await.unwrap();
}

/// With the saved audit in place: export it as PDF, then the overview, planner, UTM check and
/// an access-log import, each through the real commands.
async fn walk_the_other_sections(client: &Client, dir: &Path) {
    let exports = dir.join("exports");
    std::fs::create_dir_all(&exports).unwrap();
    click(client, "[data-testid=nav-settings]").await;
    type_into(
        client,
        "[data-testid=export-dir]",
        exports.to_str().unwrap(),
    )
    .await;
    click(client, "[data-testid=save-export-settings]").await;
    tokio::time::sleep(Duration::from_millis(500)).await;

    click(client, "[data-testid=nav-overview]").await;
    let rows = wait_for_texts(
        client,
        "[data-testid=overview-row]",
        "the client in the overview",
        |t| t.len() == 1,
    )
    .await;
    assert!(rows[0].contains("Acme e2e"), "{rows:?}");
    save_screenshot(client, "overview").await.unwrap();

    click(client, "[data-testid=overview-audit]").await;
    click(client, "[data-testid=export-pdf]").await;
    let written = wait_for_texts(
        client,
        "[data-testid=export-result]",
        "the exported PDF",
        |t| t.iter().any(|s| s.contains(".pdf")),
    )
    .await;
    let pdf = std::fs::read_dir(&exports)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "pdf"))
        .unwrap_or_else(|| panic!("no PDF in the export folder; the app said {written:?}"));
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext is installed by the test setup");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Acme e2e"), "the PDF names the client");
    save_screenshot(client, "audit-export").await.unwrap();

    click(client, "[data-testid=nav-planner]").await;
    let summary = wait_for_texts(
        client,
        "[data-testid=plan-summary]",
        "the plan computed by the app",
        |t| t.iter().any(|s| s.contains("pay for itself")),
    )
    .await;
    assert!(!summary[0].contains("NaN"), "{summary:?}");
    save_screenshot(client, "planner").await.unwrap();

    click(client, "[data-testid=nav-utm]").await;
    type_into(
        client,
        "[data-testid=utm-paste]",
        "https://shop.example/spring?utm_source=ChatGPT&utm_campaign=spring",
    )
    .await;
    // The list is validated a moment after typing stops; Check is enabled once it is.
    wait_for_texts(
        client,
        "[data-testid=paste-count]",
        "the pasted URL to be read",
        |t| t.iter().any(|s| s.starts_with("1 usable URL")),
    )
    .await;
    click(client, "[data-testid=utm-check]").await;
    wait_for_texts(
        client,
        "[data-testid=url-result]",
        "the UTM check result",
        |t| t.len() == 1,
    )
    .await;
    save_screenshot(client, "utm").await.unwrap();

    let log = dir.join("access.log");
    std::fs::write(
        &log,
        "203.0.113.7 - - [24/Nov/2026:10:00:00 +0000] \"GET /pricing?utm_source=chatgpt HTTP/1.1\" 403 512 \"-\" \"Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko); compatible; OAI-AdsBot/1.0; +https://openai.com/adsbot\"\n\
         198.51.100.1 - - [24/Nov/2026:10:01:00 +0000] \"GET / HTTP/1.1\" 200 1024 \"-\" \"Mozilla/5.0\"\n",
    )
    .unwrap();
    let ranges = dir.join("adsbot.json");
    std::fs::write(
        &ranges,
        r#"{"creationTime":"2026-11-01T00:00:00Z","prefixes":[{"ipv4Prefix":"203.0.113.0/24"}]}"#,
    )
    .unwrap();
    click(client, "[data-testid=nav-logs]").await;
    type_into(client, "[data-testid=log-path]", log.to_str().unwrap()).await;
    type_into(
        client,
        "[data-testid=ranges-path]",
        ranges.to_str().unwrap(),
    )
    .await;
    click(client, "[data-testid=start-import]").await;
    let headline = wait_for_texts(
        client,
        "[data-testid=logs-headline]",
        "the access-log result",
        |t| !t.is_empty() && !t[0].is_empty(),
    )
    .await;
    save_screenshot(client, "access-logs").await.unwrap();
    assert!(
        headline[0].to_lowercase().contains("refused"),
        "a 403 to the real bot is reported: {headline:?}"
    );
}

/// A second audit with a funnel and the rendered check (the installed Chromium), then a journey
/// recorded in a browser window and saved with the audit.
async fn pixel_funnel_and_journey(client: &Client, site: &FixtureSite) {
    // Tests run as root, where Chromium's sandbox cannot start: allow it the way a user would,
    // and see the warning that comes with it.
    click(client, "[data-testid=nav-settings]").await;
    click(client, "[data-testid=allow-unsandboxed-browser]").await;
    wait_for_texts(
        client,
        "[data-testid=unsandboxed-warning]",
        "the warning about the unsandboxed browser",
        |t| !t.is_empty() && !t[0].is_empty(),
    )
    .await;
    save_screenshot(client, "settings-browser-sandbox")
        .await
        .unwrap();
    click(client, "[data-testid=nav-clients]").await;
    click(
        client,
        "[data-testid=funnel-select] option[value=ecommerce]",
    )
    .await;
    click(client, "[data-testid=rendered-toggle]").await;
    // Speed and politeness: the engine's own defaults show in the fields; a slower interval
    // chosen here is what the run uses.
    click(client, "[data-testid=run-speed] summary").await;
    wait_for_texts(
        client,
        "[data-testid=run-speed] > p",
        "the engine's defaults in the explanation",
        |t| {
            t.iter().any(|s| {
                s.contains("automatically 2 pages for each site in the run, 6 to 128 at a time")
            })
        },
    )
    .await;
    type_into(client, "[data-testid=speed-interval]", "300").await;
    wait_for_texts(
        client,
        "[data-testid=run-speed] summary",
        "the settings marked as changed",
        |t| t.iter().any(|s| s.contains("(changed)")),
    )
    .await;
    save_screenshot(client, "run-speed").await.unwrap();
    click(client, "[data-testid=run-audit]").await;
    // The finished audit opens by itself; the funnel shows once the run is complete.
    let coverage = wait_for_texts(
        client,
        "[data-testid=funnel-coverage]",
        "the funnel coverage",
        |t| t.iter().any(|s| s.contains("page_viewed")),
    )
    .await;
    assert!(coverage[0].contains("order_created"), "{coverage:?}");
    save_screenshot(client, "funnel").await.unwrap();

    type_into(
        client,
        "[data-testid=journey-url]",
        &site.url("/pixel/injected"),
    )
    .await;
    click(client, "[data-testid=journey-start]").await;
    wait_for_texts(
        client,
        "[data-testid=journey-live]",
        "the journey's events to appear as they fire",
        |t| t.iter().any(|s| s.contains("items_added")),
    )
    .await;
    save_screenshot(client, "journey-live").await.unwrap();
    click(client, "[data-testid=journey-finish]").await;
    wait_for_texts(
        client,
        "[data-testid=journey-list]",
        "the saved journey",
        |t| t.iter().any(|s| s.contains("items_added")),
    )
    .await;
    let coverage = wait_for_texts(
        client,
        "[data-testid=funnel-counts]",
        "the journey counted in the funnel",
        |t| t.iter().any(|s| s.contains("1 journey")),
    )
    .await;
    assert!(!coverage.is_empty());
    save_screenshot(client, "journey-saved").await.unwrap();

    // The recorded journey replayed in a browser without a window, its steps reported.
    click(client, "[data-testid=replay-start]").await;
    let outcome = wait_for_texts_within(
        client,
        "[data-testid=replay-outcome]",
        "the replayed journey",
        Duration::from_secs(120),
        |t| !t.is_empty(),
    )
    .await;
    assert!(outcome[0].contains("Every step worked"), "{outcome:?}");
    save_screenshot(client, "journey-replayed").await.unwrap();
}
