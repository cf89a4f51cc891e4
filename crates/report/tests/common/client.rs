//! One client's audit as agencies run it: 13 landing pages on one site served over plain HTTP,
//! long tracking addresses (one of over 300 characters without a space, one with letters
//! outside ASCII, one with `|` in its query), long titles, and the same problems on many pages.
//! Plus an earlier audit of the same pages, to compare with.

use preflight_document::artifacts::{FetchArtifact, Hop};
use preflight_document::report::{
    standard_limits, AuditReport, PageReport, RunStatus, Summary, Verdict,
};
use preflight_document::Agent;
use preflight_model::{Area, Confidence, Finding, Status};
use serde_json::json;

pub const CLIENT: &str = "Acme Outdoor GmbH";
pub const PAGES: usize = 13;
pub const NOT_HTTPS: &str = "The landing page is not served over HTTPS";
pub const NO_PIXEL: &str = "The OpenAI Ads pixel is not installed";
const SITE: &str = "http://www.acme-outdoor.example";

/// A landing page address of over 300 characters without a space: a long run of letters in
/// the middle of its query, then more parameters.
pub fn very_long_url() -> String {
    let url = format!(
        "{SITE}/collections/spring-sale/waterproof-hiking-boots-for-women/landing?utm_source=chatgpt&utm_medium=cpc&utm_campaign=spring_2026_outdoor_gear_launch&session={}&gclid=Cj0KCQjw3tCyBhDBARIsAEY0XNkR2xq8vP4mZ7bLsTg&utm_content=hero_banner_variant_b_with_long_description&utm_term=waterproof_hiking_boots_women",
        "qwertyuiopasdfghjklzxcvbnmqwertyuiop"
    );
    assert!(url.len() > 300 && !url.contains(' '));
    url
}

/// The client's 13 landing pages.
pub fn urls() -> Vec<String> {
    let mut urls = vec![
        format!("{SITE}/"),
        very_long_url(),
        format!("{SITE}/de/überraschung/wanderschuhe-für-damen?utm_source=chatgpt&utm_medium=cpc&utm_campaign=fruehling_2026_wanderschuhe_damen_wasserdicht"),
        format!("{SITE}/search?q=boots|jackets|tents&filter=brand:acme|northface|patagonia&sort=price_ascending_then_rating_descending"),
        format!("{SITE}/p/{}", "ABCDEFGHIJKLMNOPQRSTUVWXYZ".repeat(12)),
    ];
    for slug in [
        "tents/ultralight-two-person-tent",
        "jackets/insulated-winter-parka",
        "backpacks/40-litre-trekking-pack",
        "sleeping-bags/three-season-down",
        "stoves/compact-gas-canister-stove",
        "boots/trail-running-shoes-men",
        "poles/carbon-trekking-poles",
        "lights/rechargeable-head-torch",
    ] {
        urls.push(format!(
            "{SITE}/{slug}?utm_source=chatgpt&utm_medium=cpc&utm_campaign=spring_2026"
        ));
    }
    assert_eq!(urls.len(), PAGES);
    urls
}

/// Pages a firewall challenges (by index).
const CHALLENGED: [usize; 2] = [6, 7];
/// Pages whose pixel is installed.
const WITH_PIXEL: [usize; 2] = [5, 9];

/// The client's audit, read under the counting rules as the app reads it.
pub fn client_audit() -> AuditReport {
    audit("2026-05-04T09:30:00+02:00", &CHALLENGED, &WITH_PIXEL)
}

/// The audit a month earlier: no firewall challenge yet, and the pixel on four pages.
pub fn earlier_audit() -> AuditReport {
    audit("2026-04-06T10:15:00+02:00", &[], &[0, 5, 9, 12])
}

/// An audit of the first `count` pages of the client's audit.
pub fn small_audit(count: usize) -> AuditReport {
    let mut report = client_audit();
    report.pages.truncate(count);
    preflight_readiness::normalise(report, None)
}

fn audit(started_at: &str, challenged: &[usize], with_pixel: &[usize]) -> AuditReport {
    let pages: Vec<PageReport> = urls()
        .iter()
        .enumerate()
        .map(|(i, url)| page(i, url, challenged.contains(&i), with_pixel.contains(&i)))
        .collect();
    let report: AuditReport = from_json(json!({
        "schema_version": preflight_document::report::REPORT_SCHEMA_VERSION,
        "generator": "preflight 0.1.0",
        "started_at": started_at,
        "finished_at": started_at,
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

fn page(index: usize, url: &str, challenged: bool, pixel: bool) -> PageReport {
    let verdict = if challenged {
        Verdict::Challenged
    } else {
        Verdict::Reachable
    };
    let title = format!(
        "Acme Outdoor – {} – waterproof, lightweight and built for every season | Free delivery and returns",
        ["Home", "Spring sale", "Überraschung", "Search", "Product"]
            .get(index)
            .unwrap_or(&"Outdoor gear")
    );
    let mut findings = vec![Finding::new(
        "page-not-https",
        Area::Page,
        Status::Warn,
        NOT_HTTPS,
    )
    .detail("Browsers mark the page as not secure, and visitors from an ad may leave before it loads.")
    .evidence("Address", url)
    .remedy("Serve the page over HTTPS and redirect the http:// address to it.")];
    if challenged {
        findings.push(
            Finding::new(
                "waf-challenges-adsbot",
                Area::Reachability,
                Status::Fail,
                "Cloudflare shows OAI-AdsBot a challenge page instead of the landing page",
            )
            .detail(
                "The ads crawler cannot solve the challenge, so ads pointing here are rejected.",
            )
            .evidence_at("Response header", "cf-mitigated: challenge", url)
            .remedy(
                "Add a Cloudflare WAF skip rule for the user agent OAI-AdsBot, then audit again.",
            ),
        );
        findings.push(
            Finding::new(
                "bot-error-status",
                Area::Reachability,
                Status::Fail,
                "OAI-AdsBot received HTTP 403",
            )
            .evidence("Status", "403"),
        );
    } else {
        findings.push(Finding::new(
            "bot-reachable",
            Area::Reachability,
            Status::Pass,
            "OAI-AdsBot can load the page",
        ));
    }
    if pixel {
        findings.push(
            Finding::new(
                "pixel-event-missing",
                Area::Pixel,
                Status::Warn,
                "The pixel sends no purchase event, so sales from ChatGPT ads cannot be counted as conversions in Ads Manager",
            )
            .detail("Only page views arrive; the campaign cannot optimise for sales.")
            .evidence("Events seen", "page_viewed")
            .remedy("Send order_created with the order value and currency on the confirmation page."),
        );
    } else {
        findings.push(
            Finding::new("pixel-not-found", Area::Pixel, Status::Fail, NO_PIXEL)
                .detail("Without the pixel, conversions from ChatGPT ads cannot be measured.")
                .evidence(
                    "Scripts checked",
                    "14 scripts, none from the OpenAI Ads SDK",
                )
                .remedy("Add the OpenAI Ads pixel snippet to every landing page, in the <head>."),
        );
    }
    if index == 1 {
        findings.push(
            Finding::new(
                "utm-dropped-by-redirect",
                Area::Utm,
                Status::Warn,
                "A redirect drops the tracking parameters utm_campaign, utm_content and utm_term before analytics sees the visit",
            )
            .evidence("Redirect at hop 1 (HTTP 301)", format!("{url} -> {SITE}/collections/spring-sale"))
            .evidence("Parameters lost", "utm_campaign dropped; utm_content dropped; utm_term dropped; gclid dropped; session dropped")
            .remedy("Make the redirect keep the query string."),
        );
    }
    from_json(json!({
        "url": url,
        "verdict": verdict,
        "verdict_confidence": Confidence::High,
        "verdict_reason": if challenged {
            "Cloudflare answered OAI-AdsBot with a challenge page and the browser with the page."
        } else {
            "OAI-AdsBot received the same page as a desktop browser."
        },
        "vendor": challenged.then_some("cloudflare"),
        "findings": findings,
        "fetches": fetches(url, challenged, &title),
    }))
}

fn fetches(url: &str, challenged: bool, title: &str) -> Vec<FetchArtifact> {
    // The long address redirects to the collection and loses its parameters on the way.
    let target = (url == very_long_url()).then(|| format!("{SITE}/collections/spring-sale"));
    Agent::ALL
        .iter()
        .map(|&agent| {
            let status = if challenged && agent != Agent::Browser {
                403
            } else {
                200
            };
            let mut fetch = FetchArtifact::new(agent, url);
            fetch.hops = match &target {
                Some(target) => vec![
                    Hop {
                        url: url.to_string(),
                        status: 301,
                        location: Some(target.clone()),
                        elapsed_ms: 64,
                    },
                    Hop {
                        url: target.clone(),
                        status,
                        location: None,
                        elapsed_ms: 233,
                    },
                ],
                None => vec![Hop {
                    url: url.to_string(),
                    status,
                    location: None,
                    elapsed_ms: 187,
                }],
            };
            fetch.status = Some(status);
            fetch.final_url = Some(target.clone().unwrap_or_else(|| url.to_string()));
            fetch.title = Some(title.to_string());
            fetch.total_ms = 233;
            fetch
        })
        .collect()
}
