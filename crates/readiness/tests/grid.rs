//! The page grid's rows: each value read from the page, counts equal to the readiness counts,
//! and the worst pages first.

use preflight_document::agents::Agent;
use preflight_document::artifacts::{FetchArtifact, FetchError, FetchErrorKind};
use preflight_document::report::{
    standard_limits, AuditReport, PageReport, RunStatus, Summary, Verdict, REPORT_SCHEMA_VERSION,
};
use preflight_model::{Area, Confidence, Finding, Status};
use preflight_readiness::{assess, grid, GridColumn, PixelAnswer, RobotsAnswer, UtmAnswer};

fn fetch(agent: Agent, url: &str, status: Option<u16>, ms: u32) -> FetchArtifact {
    let mut f = FetchArtifact::new(agent, url);
    f.status = status;
    f.total_ms = ms;
    f.title = Some(format!("{agent:?} title"));
    f
}

fn pixel(installed: bool, events: &[&str]) -> preflight_document::pixel::PixelSummary {
    let events: Vec<serde_json::Value> = events
        .iter()
        .map(|e| serde_json::json!({"name": e, "standard": true, "via": "measure", "location": "inline script 1:1:1"}))
        .collect();
    serde_json::from_value(serde_json::json!({
        "installed": installed, "methods": ["snippet"], "pixel_ids": ["Q3EEHmNNmitscStzPbzSGs"],
        "standard_events": [], "events": events, "scripts_examined": 0
    }))
    .unwrap()
}

fn page(path: &str, verdict: Verdict, findings: Vec<Finding>) -> PageReport {
    let url = format!("https://shop.test/{path}?utm_source=chatgpt");
    PageReport {
        url: url.clone(),
        verdict,
        verdict_confidence: Confidence::High,
        verdict_reason: "r".into(),
        vendor: None,
        robots: Some(
            preflight_robots::evaluate(b"User-agent: *\nAllow: /\n", "OAI-AdsBot", &url).unwrap(),
        ),
        params_survive: Some(true),
        findings,
        fetches: vec![
            fetch(Agent::Adsbot, &url, Some(200), 120),
            fetch(Agent::AdsbotToken, &url, Some(200), 110),
            fetch(Agent::Browser, &url, Some(200), 90),
        ],
        robots_fetch: None,
        params_fetch: None,
        pixel: Some(pixel(
            true,
            &["page_viewed", "order_created", "page_viewed"],
        )),
    }
}

fn finding(id: &str, area: Area, status: Status) -> Finding {
    Finding::new(id, area, status, id)
}

fn report(pages: Vec<PageReport>) -> AuditReport {
    AuditReport {
        schema_version: REPORT_SCHEMA_VERSION,
        generator: "test".into(),
        started_at: "2026-11-25T10:00:00Z".into(),
        finished_at: None,
        status: RunStatus::Complete,
        planned_pages: None,
        summary: Summary::default(),
        pages,
        limits: standard_limits(),
        funnel: None,
        journeys: vec![],
    }
}

/// A ready page, a page with a warning, a page behind a firewall that blocks the bot, and a
/// page robots.txt blocks — listed best first, so the order has to change.
fn audit() -> AuditReport {
    let ready = page(
        "ready",
        Verdict::Reachable,
        vec![finding("bot-reachable", Area::Reachability, Status::Pass)],
    );

    let mut warning = page(
        "warning",
        Verdict::Reachable,
        vec![finding("utm-params-survive", Area::Utm, Status::Warn)],
    );
    warning.params_survive = None;
    warning.pixel = None;

    let mut blocked = page(
        "blocked",
        Verdict::Blocked,
        vec![
            finding("bot-error-status", Area::Reachability, Status::Fail),
            finding("utm-something", Area::Utm, Status::Warn),
        ],
    );
    blocked.vendor = Some("cloudflare".into());
    blocked.fetches[0].status = Some(403);
    blocked.fetches[0].total_ms = 45;
    let timeout: FetchError = serde_json::from_value(
        serde_json::json!({"kind": FetchErrorKind::Timeout, "message": "slow"}),
    )
    .unwrap();
    blocked.fetches[2].error = Some(timeout);
    blocked.fetches[2].status = None;
    blocked.params_survive = Some(false);
    blocked.pixel = Some(pixel(false, &[]));

    let mut robots = page(
        "robots",
        Verdict::RobotsBlocked,
        vec![finding(
            "robots-disallows-adsbot",
            Area::Reachability,
            Status::Fail,
        )],
    );
    robots.robots = Some(
        preflight_robots::evaluate(
            b"User-agent: OAI-AdsBot\nDisallow: /\n",
            "OAI-AdsBot",
            &robots.url,
        )
        .unwrap(),
    );
    robots.fetches.clear();

    report(vec![ready, warning, blocked, robots])
}

#[test]
fn each_row_reads_its_page() {
    let rows = grid::rows(&audit());
    assert_eq!(rows.len(), 4);
    let [ready, warning, blocked, robots] = [&rows[0], &rows[1], &rows[2], &rows[3]];

    assert_eq!(ready.verdict, Verdict::Reachable);
    assert_eq!(ready.robots, RobotsAnswer::Allowed);
    assert_eq!(
        (ready.adsbot.status, ready.adsbot.text.as_str()),
        (Some(200), "200")
    );
    assert_eq!(ready.response_ms, Some(120));
    assert_eq!(ready.title.as_deref(), Some("Browser title"));
    assert_eq!(ready.pixel, PixelAnswer::Installed);
    assert_eq!(ready.events, ["page_viewed", "order_created"]);
    assert_eq!(ready.utm, UtmAnswer::Kept);
    assert_eq!(ready.vendor, None);

    assert_eq!(warning.pixel, PixelAnswer::NotChecked);
    assert!(warning.events.is_empty());
    assert_eq!(warning.utm, UtmAnswer::NotApplicable);

    assert_eq!(blocked.vendor.as_deref(), Some("cloudflare"));
    assert_eq!(
        (blocked.adsbot.status, blocked.adsbot.text.as_str()),
        (Some(403), "403")
    );
    assert_eq!(
        (blocked.browser.status, blocked.browser.text.as_str()),
        (None, "Timed out")
    );
    assert_eq!(blocked.response_ms, Some(45));
    assert_eq!(blocked.pixel, PixelAnswer::NotInstalled);
    assert_eq!(blocked.utm, UtmAnswer::Lost);

    assert_eq!(robots.robots, RobotsAnswer::Blocked);
    assert_eq!(robots.verdict, Verdict::RobotsBlocked);
    assert_eq!(
        (robots.adsbot.status, robots.adsbot.text.as_str()),
        (None, "")
    );
    assert_eq!(robots.response_ms, None);
    assert_eq!(robots.title, None);
}

#[test]
fn row_counts_are_the_readiness_counts() {
    let report = audit();
    let readiness = assess(&report);
    let rows = grid::rows(&report);
    let blocking: u32 = rows.iter().map(|p| p.blocking).sum();
    let warnings: u32 = rows.iter().map(|p| p.warnings).sum();
    assert_eq!(blocking, readiness.counts.failing_findings);
    assert_eq!(warnings, readiness.counts.warnings);
    for (row, standing) in rows.iter().zip(&readiness.pages) {
        assert_eq!(row.url, standing.url);
        assert_eq!(
            (row.blocking, row.warnings),
            (standing.blocking, standing.warnings),
            "{}",
            row.url
        );
    }
    assert_eq!(
        rows.iter()
            .map(|p| (p.blocking, p.warnings))
            .collect::<Vec<_>>(),
        [(0, 0), (0, 1), (1, 1), (1, 0)]
    );
}

#[test]
fn worst_pages_come_first() {
    let all = grid::rows(&audit());
    let mut rows: Vec<_> = all.iter().collect();
    rows.sort_by_key(|r| r.worst_first);
    let order: Vec<&str> = rows
        .iter()
        .map(|r| r.url.split('?').next().unwrap().rsplit('/').next().unwrap())
        .collect();
    // Blocked pages first (more blocking problems, then more warnings, first), then the page
    // with a warning, then the ready page.
    assert_eq!(order, ["blocked", "robots", "warning", "ready"]);
    let mut places: Vec<u32> = all.iter().map(|r| r.worst_first).collect();
    places.sort();
    assert_eq!(places, [0, 1, 2, 3]);
}

#[test]
fn cells_use_the_column_words() {
    let rows = grid::rows(&audit());
    let blocked = &rows[2];
    let cells: Vec<String> = GridColumn::ALL.iter().map(|c| c.cell(blocked)).collect();
    assert_eq!(
        cells,
        [
            "https://shop.test/blocked?utm_source=chatgpt",
            "Browser title",
            "Blocked",
            "cloudflare",
            "Allowed",
            "403",
            "Timed out",
            "45",
            "Not installed",
            "",
            "Lost in a redirect",
            "1",
            "1",
        ]
    );
    assert_eq!(GridColumn::ALL.map(|c| c.label()).len(), 13);
}
