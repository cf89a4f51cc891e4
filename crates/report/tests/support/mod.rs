//! Realistic audit reports for tests and benchmarks: every verdict, every finding status,
//! redirect chains, long evidence and hostile text from the audited sites.
#![allow(dead_code)]

pub mod plan;

use preflight_document::artifacts::{
    FetchArtifact, FetchError, FetchErrorKind, Header, Hop, RobotsFetch,
};
use preflight_document::report::{
    standard_limits, AuditReport, PageReport, RunStatus, Summary, Verdict,
};
use preflight_document::Agent;
use preflight_model::{Area, Confidence, Finding, Status};
use serde_json::json;

/// A page title written to break naive templating in several languages at once.
pub const HOSTILE_TITLE: &str = "#set text(red)] <script>alert(1)</script> {{7*7}} $x$ \u{202e}";

/// The part of [`HOSTILE_TITLE`] that must print exactly as written.
pub const HOSTILE_VISIBLE: &str = "#set text(red)] <script>alert(1)</script> {{7*7}} $x$";

pub const VERDICTS: [Verdict; 9] = [
    Verdict::Reachable,
    Verdict::RobotsBlocked,
    Verdict::Blocked,
    Verdict::Challenged,
    Verdict::RateLimited,
    Verdict::Timeout,
    Verdict::Cloaked,
    Verdict::RedirectedAway,
    Verdict::Unreachable,
];

/// A landing page address of exactly 600 characters, as ad platforms produce with long
/// tracking parameters.
pub fn long_url() -> String {
    let mut url = String::from(
        "https://shop.example.com/collections/spring-sale/landing?utm_source=chatgpt&utm_medium=cpc&utm_campaign=spring&click_id=",
    );
    let mut i = 0u32;
    while url.len() < 600 {
        url.push(char::from(b'a' + (i % 26) as u8));
        i += 1;
    }
    url
}

pub fn page_url(index: usize) -> String {
    format!("https://shop.example.com/landing/offer-{index}?utm_source=chatgpt&utm_campaign=spring")
}

/// The standard sample: one page per verdict, the hostile title on the first, the 600-character
/// URL on the second.
pub fn sample_report() -> AuditReport {
    report_with_pages(VERDICTS.len())
}

/// `count` pages cycling through every verdict.
pub fn report_with_pages(count: usize) -> AuditReport {
    let pages: Vec<PageReport> = (0..count)
        .map(|i| {
            let url = if i == 1 { long_url() } else { page_url(i) };
            let title = if i == 0 {
                HOSTILE_TITLE.to_string()
            } else {
                format!("Spring sale, offer {i}")
            };
            with_robots_and_params(page(&url, VERDICTS[i % VERDICTS.len()], &title))
        })
        .collect();
    // Built through serde so fields the report gains later (with serde defaults) need no change
    // here.
    let report: AuditReport = from_json(json!({
        "schema_version": preflight_document::report::REPORT_SCHEMA_VERSION,
        "generator": "preflight 0.1.0",
        "started_at": "2026-05-04T09:30:00+02:00",
        "finished_at": "2026-05-04T09:34:12+02:00",
        "status": RunStatus::Complete,
        "summary": Summary::default(),
        "pages": pages,
        "limits": standard_limits(),
    }));
    preflight_readiness::normalise(report, None)
}

fn from_json<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> T {
    serde_json::from_value(value).expect("sample data matches the report types")
}

pub fn page(url: &str, verdict: Verdict, title: &str) -> PageReport {
    let vendor = matches!(verdict, Verdict::Blocked | Verdict::Challenged).then_some("cloudflare");
    from_json(json!({
        "url": url,
        "verdict": verdict,
        "verdict_confidence": Confidence::High,
        "verdict_reason": reason(verdict),
        "vendor": vendor,
        "findings": findings(url, verdict, title),
        "fetches": fetches(url, verdict, title),
    }))
}

/// Adds the robots.txt verdict and the tracking-parameter test to a reachable or a
/// robots-blocked page, worked out by the audit's own checks (their findings included). The
/// reachable page is allowed and keeps its parameters; the robots-blocked one is blocked for its
/// tagged address only and loses its parameters at the first redirect.
pub fn with_robots_and_params(mut page: PageReport) -> PageReport {
    let body = match page.verdict {
        Verdict::Reachable => ROBOTS_ALLOWING_ADSBOT,
        Verdict::RobotsBlocked => ROBOTS_BLOCKING_TAGS,
        _ => return page,
    };
    let fetch = robots_fetch(body);
    let verdict = preflight_robots::evaluate_fetched(
        preflight_robots::FetchOutcome::Status { status: 200 },
        fetch.body.as_bytes(),
        preflight_robots::ads_bot_token(),
        &page.url,
    )
    .expect("a valid page URL");
    let robots_findings = preflight_robots::robots_findings(&verdict);
    page.robots = Some(verdict);
    page.robots_fetch = Some(fetch);
    page.findings.extend(robots_findings);

    let params = params_fetch(&page.url, page.verdict == Verdict::Reachable);
    let chain: Vec<preflight_utm::RedirectHop> = params
        .hops
        .iter()
        .map(|h| preflight_utm::RedirectHop {
            url: h.url.clone(),
            status: h.status,
        })
        .collect();
    let finding = preflight_utm::evaluate_redirects(&params.requested_url, &chain);
    page.params_survive = match finding.status {
        preflight_model::Status::Pass => Some(true),
        preflight_model::Status::Fail => Some(false),
        _ => None,
    };
    page.params_fetch = Some(params);
    page.findings.push(finding);
    page
}

/// Lets OAI-AdsBot in through a group of its own.
pub const ROBOTS_ALLOWING_ADSBOT: &str =
    "User-agent: *\nDisallow: /checkout\n\nUser-agent: OAI-AdsBot\nAllow: /\n";

/// Blocks every address with tracking parameters, for every crawler.
pub const ROBOTS_BLOCKING_TAGS: &str = "User-agent: *\nDisallow: /*?utm\n";

fn robots_fetch(body: &str) -> RobotsFetch {
    RobotsFetch {
        url: "https://shop.example.com/robots.txt".into(),
        status: Some(200),
        hops: vec![Hop {
            url: "https://shop.example.com/robots.txt".into(),
            status: 200,
            location: None,
            elapsed_ms: 41,
        }],
        body: body.into(),
        body_bytes: body.len() as u64,
        truncated: false,
        error: None,
    }
}

/// The page requested with test click ids: one redirect that keeps the query string, or one
/// that drops it.
fn params_fetch(url: &str, keeps_query: bool) -> FetchArtifact {
    let joint = if url.contains('?') { '&' } else { '?' };
    let requested = format!("{url}{joint}oppref=gAAAA_preflight_test&olref=preflight_test");
    let landing = if keeps_query {
        let query = &requested[requested.find('?').unwrap()..];
        format!("https://shop.example.com/landing{query}")
    } else {
        "https://shop.example.com/landing".to_string()
    };
    let mut fetch = FetchArtifact::new(Agent::Browser, &requested);
    fetch.hops = vec![
        Hop {
            url: requested.clone(),
            status: 301,
            location: Some(landing.clone()),
            elapsed_ms: 77,
        },
        Hop {
            url: landing.clone(),
            status: 200,
            location: None,
            elapsed_ms: 190,
        },
    ];
    fetch.status = Some(200);
    fetch.final_url = Some(landing);
    fetch.total_ms = 190;
    fetch
}

fn reason(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Reachable => "OAI-AdsBot received the same page as a desktop browser.",
        Verdict::RobotsBlocked => "robots.txt disallows OAI-AdsBot for this path.",
        Verdict::Blocked => "Cloudflare answered 403 to OAI-AdsBot and 200 to the browser.",
        Verdict::Challenged => "OAI-AdsBot was shown a JavaScript challenge page.",
        Verdict::RateLimited => "The server answered 429 Too Many Requests to OAI-AdsBot.",
        Verdict::Timeout => "The page did not answer within 20 seconds.",
        Verdict::Cloaked => "OAI-AdsBot received a page with 80% different text.",
        Verdict::RedirectedAway => "OAI-AdsBot was redirected to another site.",
        Verdict::Unreachable => "The host name does not resolve.",
    }
}

fn findings(url: &str, verdict: Verdict, title: &str) -> Vec<Finding> {
    let reach = if verdict == Verdict::Reachable {
        Finding::new(
            "bot-reachable",
            Area::Reachability,
            Status::Pass,
            "OAI-AdsBot can load the page",
        )
    } else {
        Finding::new(
            "bot-blocked",
            Area::Reachability,
            Status::Fail,
            format!("OAI-AdsBot cannot use this page: {}", verdict.label()),
        )
        .detail("Ads pointing at this page will be rejected or stop serving, because the ads crawler cannot review it.")
        .evidence("Verdict", reason(verdict))
        .evidence_at("Response header", "cf-ray: 8c1f2a3b4c5d6e7f-FRA", url)
        .remedy("Allow the user agent OAI-AdsBot in the firewall or CDN bot rules, then audit again.")
    };
    let body_dump: String = "<div class=\"hero\">Spring sale – up to 50% off</div>".repeat(60);
    vec![
        reach,
        Finding::new(
            "pixel-missing",
            Area::Pixel,
            Status::Fail,
            "The OpenAI Ads pixel is not installed",
        )
        .detail("Without the pixel, conversions from ChatGPT ads cannot be measured.")
        .evidence("Page body (start)", body_dump)
        .evidence("Page title", title)
        .remedy("Add the OpenAI Ads pixel snippet to every landing page, in the <head>."),
        Finding::new(
            "utm-dropped-on-redirect",
            Area::Utm,
            Status::Warn,
            "A redirect drops utm_campaign",
        )
        .detail("The campaign name is lost before analytics sees the visit.")
        .evidence(
            "Redirect hop 1",
            format!("301 {url} -> https://shop.example.com/landing"),
        )
        .remedy("Make the redirect keep the query string."),
        Finding::new(
            "page-slow",
            Area::Page,
            Status::Info,
            "The page took 2.4 s to load",
        ),
        Finding::new(
            "https-ok",
            Area::Page,
            Status::Pass,
            "The page is served over HTTPS",
        ),
        Finding::new(
            "csv-injection",
            Area::Page,
            Status::Error,
            "=HYPERLINK(\"http://evil.example\",\"click\")",
        )
        .detail("-2+3 and @SUM(A1) must not run as formulas.")
        .evidence("Header", "+cmd|' /C calc'!A0"),
    ]
}

fn fetches(url: &str, verdict: Verdict, title: &str) -> Vec<FetchArtifact> {
    Agent::ALL
        .iter()
        .map(|&agent| {
            let mut fetch = FetchArtifact::new(agent, url);
            let bot = agent != Agent::Browser;
            let outcome = if bot { verdict } else { Verdict::Reachable };
            match outcome {
                Verdict::Timeout => {
                    fetch.error = Some(FetchError {
                        detail: None,
                        kind: FetchErrorKind::Timeout,
                        message: "No answer within 20 seconds.".into(),
                    });
                    fetch.total_ms = 20_000;
                }
                Verdict::Unreachable => {
                    fetch.error = Some(FetchError {
                        detail: None,
                        kind: FetchErrorKind::Dns,
                        message: "shop.example.com does not resolve.".into(),
                    });
                    fetch.total_ms = 31;
                }
                other => {
                    let status = match other {
                        Verdict::Blocked => 403,
                        Verdict::Challenged => 503,
                        Verdict::RateLimited => 429,
                        _ => 200,
                    };
                    let final_url = if other == Verdict::RedirectedAway {
                        "https://elsewhere.example.net/".to_string()
                    } else {
                        "https://shop.example.com/landing".to_string()
                    };
                    fetch.hops = vec![
                        Hop {
                            url: url.to_string(),
                            status: 301,
                            location: Some(final_url.clone()),
                            elapsed_ms: 84,
                        },
                        Hop {
                            url: final_url.clone(),
                            status,
                            location: None,
                            elapsed_ms: 212,
                        },
                    ];
                    fetch.status = Some(status);
                    fetch.final_url = Some(final_url);
                    fetch.headers = vec![Header {
                        name: "content-type".into(),
                        value: "text/html; charset=utf-8".into(),
                    }];
                    fetch.content_type = Some("text/html".into());
                    fetch.body_bytes = 48_213;
                    fetch.charset = Some("utf-8".into());
                    fetch.title = Some(title.to_string());
                    fetch.visible_text = "Spring sale – up to 50% off".into();
                    fetch.word_count = 412;
                    fetch.body_head = "<!doctype html><html><head>".into();
                    fetch.total_ms = 296;
                }
            }
            fetch
        })
        .collect()
}
