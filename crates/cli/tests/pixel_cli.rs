//! The pixel side of the `preflight` binary: funnels, the rendered check and a scripted
//! journey saved with an audit, against fixture sites on 127.0.0.1 and real database files.
//! The rendered and journey tests drive the installed Chromium.

use preflight_fixtures::FixtureSite;
mod support;
use support::{json, preflight, stderr};

#[test]
fn funnels_are_listed_and_an_unknown_funnel_is_a_usage_error() {
    let out = preflight(&["funnels"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("ecommerce") && text.contains("order_created"),
        "{text}"
    );

    let out = preflight(&["funnels", "--format", "json"]);
    let ids: Vec<String> = json(&out)
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap().to_string())
        .collect();
    assert!(ids.contains(&"lead-generation".to_string()), "{ids:?}");

    let out = preflight(&["check", "https://example.com/", "--funnel", "shoes"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("\"shoes\" is not a known funnel; choose one of: ecommerce"),
        "{}",
        stderr(&out)
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn check_reports_funnel_coverage_across_pages_and_saves_the_choice() {
    let site = FixtureSite::start();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite3");
    let db = db.to_str().unwrap();
    let landing = site.url("/pixel/inline");
    let confirmation = site.url("/pixel/checkout");
    let out = preflight(&[
        "check",
        &landing,
        &confirmation,
        "--funnel",
        "ecommerce",
        "--format",
        "json",
        "--save",
        "--db",
        db,
    ]);
    let report = json(&out);
    let present = &report["funnel"]["coverage"]["present"];
    assert!(
        present
            .as_array()
            .unwrap()
            .contains(&"order_created".into()),
        "{present}"
    );
    assert!(
        present.as_array().unwrap().contains(&"page_viewed".into()),
        "{present}"
    );
    assert_eq!(report["pages"][0]["pixel"]["funnel"]["funnel"], "ecommerce");

    // The saved audit reads back through the same funnel.
    let shown = preflight(&["audits", "show", "1", "--format", "json", "--db", db]);
    assert_eq!(json(&shown)["funnel"]["funnel"]["id"], "ecommerce");

    let text = preflight(&["check", &landing, "--funnel", "ecommerce", "--quiet"]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Funnel: E-commerce"), "{text}");
    assert!(text.contains("order_created"), "{text}");
    assert!(text.contains("OpenAI pixel: installed"), "{text}");
}

#[test]
fn rendered_check_finds_a_pixel_only_visible_when_the_page_runs() {
    let site = FixtureSite::start();
    let url = site.url("/pixel/injected");
    // The tests run as root in CI, where the browser's sandbox cannot run: opt in explicitly.
    let out = preflight(&[
        "check",
        &url,
        "--rendered",
        "--allow-unsandboxed-browser",
        "--format",
        "json",
        "--quiet",
    ]);
    let report = json(&out);
    let pixel = &report["pages"][0]["pixel"];
    assert_eq!(pixel["rendered"]["state"], "ran", "{}", stderr(&out));
    assert_eq!(pixel["installed"], true, "{pixel}");
    let hows: Vec<&str> = pixel["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["how"].as_str().unwrap())
        .collect();
    assert!(hows.iter().all(|h| *h == "rendered"), "{hows:?}");

    // A browser that is not there: the static result stands and the reason is given.
    let out = preflight(&[
        "check",
        &url,
        "--rendered",
        "--browser",
        "/nonexistent/chrome",
        "--format",
        "json",
    ]);
    let report = json(&out);
    let rendered = &report["pages"][0]["pixel"]["rendered"];
    assert_eq!(rendered["state"], "not_run");
    assert!(rendered["reason"]
        .as_str()
        .unwrap()
        .contains("/nonexistent/chrome"));
    assert!(
        stderr(&out).contains("The rendered check"),
        "{}",
        stderr(&out)
    );
    assert_eq!(report["pages"][0]["pixel"]["installed"], false);
}

/// Whether these tests run as the root user.
fn running_as_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

#[cfg(target_os = "linux")]
#[test]
fn as_root_the_browser_needs_the_explicit_opt_in() {
    if !running_as_root() {
        return;
    }
    let site = FixtureSite::start();
    let url = site.url("/pixel/injected");
    let out = preflight(&["check", &url, "--rendered", "--format", "json", "--quiet"]);
    let rendered = &json(&out)["pages"][0]["pixel"]["rendered"];
    assert_ne!(rendered["state"], "ran", "{rendered}");
    let why = rendered.to_string();
    assert!(why.contains("normal user"), "{why}");
    assert!(why.contains("--allow-unsandboxed-browser"), "{why}");

    let out = preflight(&[
        "journey",
        &url,
        "--headless",
        "--seconds",
        "1",
        "--format",
        "json",
    ]);
    assert_ne!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("normal user"), "{}", stderr(&out));

    // Opted in, it runs, with a warning.
    let out = preflight(&[
        "check",
        &url,
        "--rendered",
        "--allow-unsandboxed-browser",
        "--format",
        "json",
    ]);
    assert_eq!(json(&out)["pages"][0]["pixel"]["rendered"]["state"], "ran");
    assert!(
        stderr(&out).contains("WITHOUT its sandbox"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_scripted_journey_is_checked_and_saved_with_an_audit() {
    let site = FixtureSite::start();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite3");
    let db = db.to_str().unwrap();
    let landing = site.url("/pixel/inline");
    let saved = preflight(&["check", &landing, "--save", "--db", db, "--quiet"]);
    assert!(saved.status.code().is_some());

    let out = preflight(&[
        "journey",
        &site.url("/pixel/injected"),
        "--headless",
        "--allow-unsandboxed-browser",
        "--seconds",
        "3",
        "--audit",
        "1",
        "--db",
        db,
        "--funnel",
        "ecommerce",
        "--format",
        "json",
    ]);
    let result = json(&out);
    let names: Vec<&str> = result["journey"]["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["page_viewed", "items_added"], "{}", stderr(&out));
    assert!(
        stderr(&out).contains("event page_viewed"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("saved as journey 1 with audit 1"));
    // order_created never fired: the funnel's required step is missing, a warning, not a failure.
    let missing = &result["funnel"]["coverage"]["missing"];
    assert!(missing.to_string().contains("order_created"), "{missing}");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let shown = json(&preflight(&[
        "audits", "show", "1", "--format", "json", "--db", db,
    ]));
    assert_eq!(shown["journeys"][0]["id"], 1);
    assert_eq!(shown["journeys"][0]["events"][1]["name"], "items_added");

    // A journey with a window-less browser and no end is refused before anything opens.
    let out = preflight(&["journey", &landing, "--headless"]);
    assert_eq!(out.status.code(), Some(2));
    // So is a journey for an audit that does not exist.
    let out = preflight(&[
        "journey",
        &landing,
        "--headless",
        "--seconds",
        "1",
        "--audit",
        "9",
        "--db",
        db,
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no longer exists"),
        "{}",
        stderr(&out)
    );
}
