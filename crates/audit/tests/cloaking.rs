//! Subtle cloaking against a real HTTP server: the visitor's page with only the headline, the
//! price or the offer changed for OAI-AdsBot is cloaking; a page whose request ids, tokens and
//! timestamps change on every request is the same page.

use preflight_audit::run::audit_page;
use preflight_audit::{FetchOptions, Fetcher, PageReport, Verdict};
use preflight_fixtures::FixtureSite;
use std::time::Duration;

fn fetcher() -> Fetcher {
    Fetcher::new(FetchOptions {
        timeout: Duration::from_secs(3),
        ..FetchOptions::default()
    })
    .unwrap()
}

fn finding<'a>(page: &'a PageReport, id: &str) -> &'a preflight_model::Finding {
    page.findings
        .iter()
        .find(|f| f.id == id)
        .unwrap_or_else(|| {
            panic!(
                "no {id}: {:?}",
                page.findings.iter().map(|f| &f.id).collect::<Vec<_>>()
            )
        })
}

fn evidence(f: &preflight_model::Finding, label: &str) -> String {
    f.evidence
        .iter()
        .find(|e| e.label == label)
        .map(|e| e.value.clone())
        .unwrap_or_else(|| panic!("no evidence {label:?} in {:?}", f.evidence))
}

#[tokio::test]
async fn one_changed_headline_price_or_offer_is_cloaking() {
    let site = FixtureSite::start();
    let f = fetcher();

    let page = audit_page(&f, &site.url("/variants/headline")).await;
    assert_eq!(page.verdict, Verdict::Cloaked);
    let c = finding(&page, "bot-content-cloaked");
    assert_eq!(c.status, preflight_model::Status::Fail);
    assert!(c.title.contains("headline"), "{}", c.title);
    assert_eq!(
        evidence(c, "OAI-AdsBot headline"),
        "Trail runner, now half price"
    );
    assert_eq!(
        evidence(c, "Visitor headline"),
        "Trail runner for every season"
    );

    let page = audit_page(&f, &site.url("/variants/price")).await;
    assert_eq!(page.verdict, Verdict::Cloaked);
    let c = finding(&page, "bot-content-cloaked");
    assert!(
        c.title.contains("prices") && !c.title.contains("headline"),
        "{}",
        c.title
    );
    assert_eq!(evidence(c, "Prices only OAI-AdsBot sees"), "$89.00");
    assert_eq!(evidence(c, "Prices only visitors see"), "$129.00");
    assert!(
        page.verdict_reason.contains("prices"),
        "{}",
        page.verdict_reason
    );

    let page = audit_page(&f, &site.url("/variants/offer")).await;
    assert_eq!(page.verdict, Verdict::Cloaked);
    let c = finding(&page, "bot-content-cloaked");
    assert!(c.title.contains("offer"), "{}", c.title);
    assert!(evidence(c, "Offer only OAI-AdsBot sees").contains("40%"));
}

#[tokio::test]
async fn tokens_and_timestamps_that_change_per_request_are_not_cloaking() {
    let site = FixtureSite::start();
    let page = audit_page(&fetcher(), &site.url("/variants/volatile")).await;
    let ids: Vec<_> = page.findings.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(page.verdict, Verdict::Reachable, "{ids:?}");
    assert!(!ids.contains(&"bot-content-cloaked") && !ids.contains(&"bot-different-page"));
    // The pages really did differ.
    let texts: Vec<_> = page
        .fetches
        .iter()
        .map(|f| f.visible_text.clone())
        .collect();
    assert_ne!(texts[0], texts[2]);
}
