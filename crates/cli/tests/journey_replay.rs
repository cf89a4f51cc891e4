//! `preflight journey replay ID`: a saved journey's steps run again without a window against
//! a fixture funnel on 127.0.0.1; each step's outcome and the events seen are printed, the
//! replay is saved next to the original, and a step that no longer works exits 1 in time.

use preflight_fixtures::FunnelSite;
use std::time::{Duration, Instant};
mod support;
use support::{preflight, stderr};

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A journey as a visitor recorded it: landing → "See pricing" → "Start trial" → sign-up.
fn journey(site: &FunnelSite, with_steps: bool) -> preflight_document::journey::JourneyReport {
    let click = |page: &str, selector: &str, element: &str, text: &str| {
        serde_json::json!({
            "kind": "click", "page_url": site.url(page),
            "target": { "selector": selector, "element": element, "text": text }
        })
    };
    let steps = if with_steps {
        serde_json::json!([
            { "kind": "visit", "url": site.url("/funnel/") },
            click("/funnel/", "nav > a", "link", "See pricing"),
            { "kind": "arrive", "url": site.url("/funnel/pricing") },
            click("/funnel/pricing", "#start-trial", "button", "Start trial"),
            { "kind": "arrive", "url": site.url("/funnel/signup") },
        ])
    } else {
        serde_json::json!([])
    };
    serde_json::from_value(serde_json::json!({
        "id": 0, "start_url": site.url("/funnel/"),
        "started_at": "2026-12-01T10:00:00Z", "finished_at": "2026-12-01T10:01:00Z",
        "pages_visited": [], "installed": false, "pixel_ids": [], "events": [],
        "findings": [], "pixel_requests": 0, "browser_version": "Chrome/1", "calls": [],
        "steps": steps
    }))
    .unwrap()
}

#[test]
fn a_saved_journey_is_replayed_and_a_changed_site_names_the_step_that_no_longer_works() {
    let site = FunnelSite::start();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.sqlite3");
    let db = path.to_str().unwrap();
    let saved = preflight(&[
        "check",
        &site.url("/funnel/"),
        "--save",
        "--db",
        db,
        "--quiet",
    ]);
    assert!(saved.status.code().is_some());
    {
        let store = preflight_session::open_store(&path).unwrap();
        preflight_session::journeys::save_journey(&store, 1, journey(&site, true)).unwrap();
        preflight_session::journeys::save_journey(&store, 1, journey(&site, false)).unwrap();
    }
    let replay = |id: &str, extra: &[&str]| {
        let mut args = vec![
            "journey",
            "replay",
            id,
            "--db",
            db,
            "--allow-unsandboxed-browser",
            "--step-timeout",
            "5",
        ];
        args.extend_from_slice(extra);
        preflight(&args)
    };

    let out = replay("1", &[]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}\n{}", stderr(&out));
    assert!(
        text.contains("Replay of journey 1: 5 of 5 steps worked."),
        "{text}"
    );
    assert!(
        text.contains("✔ Step 4: clicked the button “Start trial” (#start-trial)"),
        "{text}"
    );
    assert!(
        text.contains("Pixel events seen: page_viewed, page_viewed, lead_created, page_viewed"),
        "{text}"
    );
    assert!(stderr(&out).contains("step 4/5: click the button “Start trial” (#start-trial)"));
    assert!(stderr(&out).contains("saved as journey 3 with audit 1"));

    // The replay is a journey of the audit, with the same steps, and can be replayed in turn.
    let shown = support::json(&preflight(&[
        "audits", "show", "1", "--format", "json", "--db", db,
    ]));
    let replayed = &shown["journeys"][2];
    assert_eq!(replayed["replay"]["replay_of"], 1);
    assert_eq!(replayed["replay"]["complete"], true);
    assert_eq!(replayed["steps"].as_array().unwrap().len(), 5);

    // The site changes: the button is gone. The step is named and the command exits 1.
    site.change();
    let began = Instant::now();
    let out = replay("1", &["--no-save"]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}\n{}", stderr(&out));
    assert!(
        began.elapsed() < Duration::from_secs(45),
        "{:?}",
        began.elapsed()
    );
    assert!(
        text.contains(&format!(
            "✖ Step 4: the button “Start trial” (#start-trial) is no longer on {}",
            site.url("/funnel/pricing")
        )),
        "{text}"
    );
    assert!(text.contains("· Step 5: not reached."), "{text}");
    assert!(!stderr(&out).contains("saved as journey"));

    // A journey recorded before steps were kept says so, before any browser opens.
    let out = replay("2", &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("Record it again"), "{}", stderr(&out));
    let out = replay("99", &[]);
    assert_eq!(out.status.code(), Some(2));
}
