//! The audit workspace in the real app over WebDriver: pages added from a sitemap, a run whose
//! results open in place, the page grid sorted, filtered and exported, the raw responses, two
//! audits compared and exported, and the planner, UTM and robots.txt tools keeping their inputs
//! while the user is elsewhere. Every area at 1280×800 and, in a second session, at 900×600:
//! screenshots, and no sideways scroll.
//!
//! Needs what `desktop_e2e` needs (tauri-driver, WebKitWebDriver, Xvfb, a built UI).

mod e2e;

use e2e::*;
use fantoccini::{Client, Locator};
use preflight_fixtures::FixtureSite;
use std::path::Path;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread")]
async fn pages_from_a_sitemap_grid_comparison_and_kept_inputs() {
    let site = FixtureSite::start();
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("preflight.sqlite3");
    let (display, _xvfb) = display();
    let driver = start_driver(&display, &db);
    let client = open_app(&driver).await;
    // A window that stops answering must fail the test, not stall the suite.
    tokio::time::timeout(
        Duration::from_secs(480),
        walk_the_workspace(&client, &site, data.path()),
    )
    .await
    .expect("the workspace answered in time");
    client.close().await.unwrap();
    drop(driver);

    // The smallest window: every area and the audit fit without scrolling sideways.
    let driver = start_driver_sized(&display, &db, Some("900x600"));
    let client = open_app(&driver).await;
    tokio::time::timeout(Duration::from_secs(240), the_smallest_window(&client))
        .await
        .expect("the small window answered in time");
    client.close().await.unwrap();
}

async fn the_smallest_window(client: &Client) {
    let size = client
        .execute("return [window.innerWidth, window.innerHeight];", vec![])
        .await
        .unwrap();
    assert_eq!(
        size,
        serde_json::json!([900, 600]),
        "the window opened at 900×600"
    );
    let mut too_wide = Vec::new();
    for area in [
        "overview", "clients", "audits", "utm", "logs", "planner", "robots", "settings",
    ] {
        click(client, &format!("[data-testid=nav-{area}]")).await;
        tokio::time::sleep(Duration::from_millis(600)).await;
        save_screenshot(client, &format!("area-{area}-900x600"))
            .await
            .unwrap();
        if main_scrolls_sideways(client).await {
            too_wide.push(area);
        }
    }
    assert!(
        too_wide.is_empty(),
        "these scroll sideways at 900×600: {too_wide:?}"
    );
    click(client, "[data-testid=nav-clients]").await;
    click(client, "[data-testid=audit-item]").await;
    wait_for_texts(
        client,
        "[data-testid=page-verdict]",
        "the grid at 900×600",
        |t| t.len() == 2,
    )
    .await;
    click(client, "[data-testid=page-row]").await;
    save_screenshot(client, "audit-grid-900x600").await.unwrap();
    assert!(
        !main_scrolls_sideways(client).await,
        "the audit scrolls sideways at 900×600"
    );
    comment_on_the_audit(client, "audit-comments-900x600").await;
    assert!(
        !main_scrolls_sideways(client).await,
        "the comments scroll sideways at 900×600"
    );
    delete_and_undo_the_last_comment(client).await;
}

/// Deleting a comment offers Undo in a toast that stays clear of the sidebar; Undo brings the
/// comment back.
async fn delete_and_undo_the_last_comment(client: &Client) {
    let before = text_of(client, "[data-testid=comment-body]").await;
    client
        .execute(
            "const all = document.querySelectorAll('[data-testid=comment-delete]'); all[all.length - 1].click();",
            vec![],
        )
        .await
        .unwrap();
    wait_for_texts(client, "[data-testid=toast]", "the Undo toast", |t| {
        t.iter().any(|t| t.contains("Deleted the comment."))
    })
    .await;
    wait_for_texts(
        client,
        "[data-testid=comment-body]",
        "the comment gone",
        |t| t.len() + 1 == before.len(),
    )
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    save_screenshot(client, "comment-deleted-toast-900x600")
        .await
        .unwrap();
    // Centred on the content beside the sidebar (a long message would otherwise reach over it).
    let [gap, off_centre]: [f64; 2] = serde_json::from_value(
        client
            .execute(
                "const toast = document.querySelector('[data-testid=toast]').getBoundingClientRect();
                 const nav = document.querySelector('nav.sidebar').getBoundingClientRect();
                 const content = (nav.right + document.documentElement.clientWidth) / 2;
                 return [toast.left - nav.right, (toast.left + toast.right) / 2 - content];",
                vec![],
            )
            .await
            .unwrap(),
    )
    .unwrap();
    assert!(gap >= 0.0, "the toast covers the sidebar by {}px", -gap);
    assert!(
        off_centre.abs() < 12.0,
        "the toast is {off_centre}px off the content's centre"
    );
    client
        .execute(
            "Array.from(document.querySelectorAll('[data-testid=toast] button')).find(b => b.textContent === 'Undo').click();",
            vec![],
        )
        .await
        .unwrap();
    let after = wait_for_texts(
        client,
        "[data-testid=comment-body]",
        "the comment back after Undo",
        |t| t.len() == before.len(),
    )
    .await;
    assert_eq!(after, before);
}

/// A comment added on the audit page is listed with its line breaks, newest last.
async fn comment_on_the_audit(client: &Client, screenshot: &str) {
    let before = text_of(client, "[data-testid=comment-body]").await.len();
    type_into(
        client,
        "[data-testid=comment-draft]",
        // Enter (U+E007) starts a new line; only Ctrl+Enter adds.
        "Asked the client's host to allow OAI-AdsBot.\u{E007}Check again on Monday.",
    )
    .await;
    click(client, "[data-testid=comment-add]").await;
    let bodies = wait_for_texts(
        client,
        "[data-testid=comment-body]",
        "the new comment",
        |t| t.len() == before + 1,
    )
    .await;
    assert_eq!(
        bodies.last().unwrap(),
        "Asked the client's host to allow OAI-AdsBot.\nCheck again on Monday.",
        "{bodies:?}"
    );
    client
        .execute(
            "document.querySelector('[data-testid=comments]').scrollIntoView({block: 'center'});",
            vec![],
        )
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    if screenshot.ends_with("900x600") {
        save_screenshot(client, screenshot).await.unwrap();
    } else {
        screenshot_wide(client, screenshot).await;
    }
}

async fn walk_the_workspace(client: &Client, site: &FixtureSite, dir: &Path) {
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

    click(client, "[data-testid=nav-clients]").await;
    type_into(client, "[data-testid=new-client-name]", "Sitemap client").await;
    click(client, "[data-testid=create-client]").await;
    wait_for_texts(
        client,
        "[data-testid=client-title]",
        "the new client",
        |t| t == ["Sitemap client"],
    )
    .await;

    pages_from_a_sitemap(client, site).await;
    run_and_see_results(client).await;
    grid_sorted_filtered_and_exported(client, &exports).await;
    raw_responses(client).await;
    comment_on_the_audit(client, "audit-comments").await;

    // Esc goes back to the client; a second audit to compare with the first.
    press_escape(client).await;
    wait_for_texts(
        client,
        "[data-testid=client-title]",
        "the client page after Esc",
        |t| t == ["Sitemap client"],
    )
    .await;
    // The second audit opens too; both are in the history (checked before comparing).
    run_and_see_results(client).await;
    press_escape(client).await;
    compare_and_export(client, &exports).await;

    inputs_kept_across_navigation(client).await;
    utm_tracking_templates(client).await;
    every_area_wide(client).await;
}

/// Tracking templates in the UTM tool: the engine gives the URL a click on the ad opens, and a
/// URL copied from HTML (`&amp;` separators) is named as such.
async fn utm_tracking_templates(client: &Client) {
    click(client, "[data-testid=nav-utm]").await;
    type_into(
        client,
        "[data-testid=utm-paste]",
        "https://shop.example/spring?utm_source=chatgpt&amp;utm_medium=cpc&amp;utm_campaign=spring",
    )
    .await;
    // The list is read as it is typed; its count moves what is below, so wait for it as a
    // user would before reaching further down.
    wait_for_texts(
        client,
        "[data-testid=paste-count]",
        "the pasted URL counted",
        |t| t.len() == 1 && t[0].starts_with("1 usable URL"),
    )
    .await;
    click(client, "[data-testid=tracking-templates-toggle]").await;
    type_into(
        client,
        "[data-testid=utm-template-campaign]",
        "utm_content={ad_id}",
    )
    .await;
    click(client, "[data-testid=utm-check]").await;
    let ad = wait_for_texts(
        client,
        "[data-testid=click-url-ad]",
        "the URL a click on the ad opens",
        |t| t.len() == 1 && t[0].contains("utm_content="),
    )
    .await;
    assert!(ad[0].contains("utm_campaign=spring"), "{ad:?}");
    wait_for_texts(
        client,
        "[data-testid=url-result]",
        "the finding about &amp; separators",
        |t| t.iter().any(|x| x.contains("separated by &amp;")),
    )
    .await;
    let _ = client
        .execute(
            "document.querySelector('[data-testid=url-result]').scrollIntoView();",
            vec![],
        )
        .await;
    screenshot_wide(client, "utm-templates").await;
    assert!(
        !main_scrolls_sideways(client).await,
        "the UTM results scroll sideways at 1280×800"
    );
}

async fn pages_from_a_sitemap(client: &Client, site: &FixtureSite) {
    click(client, "[data-testid=import-sitemap]").await;
    type_into(
        client,
        "[data-testid=import-sitemap-url]",
        &site.url("/sitemap.xml"),
    )
    .await;
    click(client, "[data-testid=import-sitemap-read]").await;
    let preview = wait_for_texts(
        client,
        "[data-testid=import-preview]",
        "the sitemap preview",
        |t| !t.is_empty() && t[0].contains("blocks-adsbot"),
    )
    .await;
    // The page listed twice is counted once.
    let repeated = text_of(client, "[data-testid=import-repeated]").await;
    assert!(
        repeated.iter().any(|t| t.contains('1')),
        "the repeat is reported: {repeated:?} in {preview:?}"
    );
    screenshot_wide(client, "import-preview").await;
    click(client, "[data-testid=import-add]").await;
    wait_for_texts(
        client,
        "[data-testid=page-list] .url",
        "the two pages from the sitemap",
        |t| t.len() == 2,
    )
    .await;
}

/// Starts a run on the open client's page and waits for its results to open by themselves.
async fn run_and_see_results(client: &Client) {
    click(client, "[data-testid=run-audit]").await;
    let title = wait_for_texts(
        client,
        "[data-testid=audit-title]",
        "the finished audit to open in place",
        // The client's name arrives a moment after the audit itself.
        |t| t.len() == 1 && t[0].contains("Sitemap client"),
    )
    .await;
    assert!(
        title[0].contains("Sitemap client"),
        "the title names the client: {title:?}"
    );
    let headline = wait_for_texts(
        client,
        "[data-testid=audit-headline]",
        "the readiness of the new audit",
        |t| !t.is_empty() && t[0].contains("Not ready"),
    )
    .await;
    assert!(headline[0].contains("1 of 2 pages"), "{headline:?}");
}

async fn grid_sorted_filtered_and_exported(client: &Client, exports: &Path) {
    // Worst pages first.
    let verdicts = wait_for_texts(
        client,
        "[data-testid=page-verdict]",
        "the grid's rows",
        |t| t.len() == 2 && t.iter().all(|v| !v.is_empty()),
    )
    .await;
    assert_eq!(verdicts, vec!["Blocked", "Reachable"]);
    screenshot_wide(client, "audit-grid").await;

    // Sorting by the page address twice reverses the order.
    click(client, "[data-testid=sort-url]").await;
    let ascending = text_of(client, "[data-testid=page-row] .col-url").await;
    click(client, "[data-testid=sort-url]").await;
    let descending = text_of(client, "[data-testid=page-row] .col-url").await;
    assert_eq!(ascending.len(), 2, "{ascending:?}");
    let mut reversed = ascending.clone();
    reversed.reverse();
    assert_eq!(descending, reversed);

    // Only the blocked page, then export what is in view.
    click(client, "[data-testid=grid-verdict] option[value=blocked]").await;
    wait_for_texts(
        client,
        "[data-testid=page-verdict]",
        "the blocked page alone",
        |t| t == ["Blocked"],
    )
    .await;
    click(client, "[data-testid=grid-export]").await;
    let csv = wait_for_file(exports, "pages.csv").await;
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.contains("blocks-adsbot"), "{text}");
    assert!(
        !text.contains("/ok?"),
        "only the pages in view are exported: {text}"
    );
    assert_eq!(text.lines().count(), 2, "a header and one row: {text}");
    // The export's toast may cover the filter for a few seconds.
    click(client, "[data-testid=grid-verdict] option[value=all]").await;
}

async fn raw_responses(client: &Client) {
    // The first row's address cell (a toast may cover the middle of the row for a moment).
    let row = client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("[data-testid=page-row] .col-url"))
        .await
        .unwrap();
    drop(row);
    click(client, "[data-testid=page-row] .col-url").await;
    // Opened on demand, with the status line and every header as text that can be copied.
    for b in client
        .find_all(Locator::Css("[data-testid=page-result] button"))
        .await
        .unwrap()
    {
        let label = b.text().await.unwrap_or_default();
        if label.contains("raw") || label.contains("Raw") {
            b.click().await.unwrap();
            break;
        }
    }
    let raw = wait_for_texts(
        client,
        "[data-testid=raw-adsbot]",
        "the raw OAI-AdsBot response",
        |t| !t.is_empty() && t[0].contains("HTTP"),
    )
    .await;
    assert!(raw[0].to_lowercase().contains("content-type"), "{raw:?}");
    screenshot_wide(client, "raw-responses").await;
}

async fn compare_and_export(client: &Client, exports: &Path) {
    wait_for_texts(
        client,
        "[data-testid=audit-item]",
        "both audits in the history",
        |t| t.len() == 2,
    )
    .await;
    for pick in client
        .find_all(Locator::Css("[data-testid=history-pick]"))
        .await
        .unwrap()
    {
        pick.click().await.unwrap();
    }
    click(client, "[data-testid=compare-picked]").await;
    wait_for_texts(
        client,
        "[data-testid=compare-view]",
        "the comparison",
        |t| !t.is_empty(),
    )
    .await;
    screenshot_wide(client, "compare").await;
    click(client, "[data-testid=compare-export-pdf]").await;
    let pdf = wait_for_file(exports, ".pdf").await;
    let text = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext is installed by the test setup");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Sitemap client"), "{text}");
    click(client, "[data-testid=compare-export-csv]").await;
    let csv = wait_for_file(exports, ".csv").await;
    assert!(std::fs::metadata(csv).unwrap().len() > 0);
    click(client, "[data-testid=compare-back]").await;
}

async fn inputs_kept_across_navigation(client: &Client) {
    click(client, "[data-testid=nav-planner]").await;
    type_into(client, "[data-testid=field-spend] input", "12345").await;
    let spend = value_of(client, "[data-testid=field-spend] input").await;
    assert!(spend.contains("12345"), "{spend:?}");
    click(client, "[data-testid=nav-utm]").await;
    type_into(
        client,
        "[data-testid=utm-paste]",
        "https://shop.example/kept?utm_source=chatgpt",
    )
    .await;
    click(client, "[data-testid=nav-robots]").await;
    type_into(client, "#robots-text", "User-agent: *\nDisallow: /kept\n").await;
    type_into(client, "#robots-urls", "https://shop.example/kept").await;
    click(client, "[data-testid=nav-overview]").await;

    click(client, "[data-testid=nav-planner]").await;
    assert_eq!(
        value_of(client, "[data-testid=field-spend] input").await,
        spend
    );
    click(client, "[data-testid=nav-utm]").await;
    assert_eq!(
        value_of(client, "[data-testid=utm-paste]").await,
        "https://shop.example/kept?utm_source=chatgpt"
    );
    click(client, "[data-testid=nav-robots]").await;
    assert!(value_of(client, "#robots-text")
        .await
        .contains("Disallow: /kept"));
    assert_eq!(
        value_of(client, "#robots-urls").await,
        "https://shop.example/kept"
    );
}

async fn every_area_wide(client: &Client) {
    for area in [
        "overview", "clients", "audits", "utm", "logs", "planner", "robots", "settings",
    ] {
        click(client, &format!("[data-testid=nav-{area}]")).await;
        tokio::time::sleep(Duration::from_millis(600)).await;
        screenshot_wide(client, &format!("area-{area}")).await;
        assert!(
            !main_scrolls_sideways(client).await,
            "{area} scrolls sideways at 1280×800"
        );
    }
}

async fn value_of(client: &Client, css: &str) -> String {
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default()
}

/// Esc with no text field focused, as a user would press it.
async fn press_escape(client: &Client) {
    let _ = client
        .execute(
            "document.activeElement && document.activeElement.blur();",
            vec![],
        )
        .await;
    let escape = char::from(fantoccini::key::Key::Escape).to_string();
    let body = client.find(Locator::Css("body")).await.unwrap();
    if body.send_keys(&escape).await.is_err() {
        // Some drivers refuse keys on the body; the same key event then goes to the document.
        client
            .execute(
                "document.body.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true}));",
                vec![],
            )
            .await
            .unwrap();
    }
}

/// Waits for a file whose name ends with `suffix` to appear in `dir`.
async fn wait_for_file(dir: &Path, suffix: &str) -> std::path::PathBuf {
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        let found = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.to_string_lossy().ends_with(suffix));
        if let Some(path) = found {
            // Written atomically: present means complete.
            return path;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no file ending in {suffix} in {dir:?}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}
