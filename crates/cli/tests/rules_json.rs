//! The rule classes of OpenAI's current rules through the CLI's JSON: subtle cloaking, volatile
//! tokens, pay per crawl, a pixel snippet that never runs and an event that fires only under a
//! condition, against fixture pages on 127.0.0.1.

use preflight_fixtures::FixtureSite;
mod support;
use support::{json, preflight};

fn ids(page: &serde_json::Value) -> Vec<String> {
    page["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap().to_string())
        .collect()
}

fn finding<'a>(page: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    page["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == id)
        .unwrap_or_else(|| panic!("no {id} in {:?}", ids(page)))
}

#[test]
fn cloaking_pay_per_crawl_and_pixel_classes_in_json() {
    let site = FixtureSite::start();
    let paths = [
        "/variants/price",
        "/variants/volatile",
        "/variants/pay-per-crawl",
        "/variants/pixel-commented",
        "/pixel/unsent",
    ];
    let urls: Vec<String> = paths.iter().map(|p| site.url(p)).collect();
    let mut args = vec!["check", "--format", "json", "--quiet"];
    args.extend(urls.iter().map(String::as_str));
    let out = preflight(&args);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = json(&out);
    let pages = report["pages"].as_array().unwrap();

    let price = &pages[0];
    assert_eq!(price["verdict"], "cloaked");
    let cloaked = finding(price, "bot-content-cloaked");
    assert_eq!(cloaked["status"], "fail");
    assert!(cloaked["title"].as_str().unwrap().contains("prices"));

    let volatile = &pages[1];
    assert_eq!(volatile["verdict"], "reachable", "{:?}", ids(volatile));

    let paid = &pages[2];
    assert_eq!(paid["verdict"], "blocked", "{:?}", ids(paid));
    assert!(
        ids(paid).contains(&"waf-charges-adsbot".to_string()),
        "{:?}",
        ids(paid)
    );

    let commented = &pages[3];
    assert_eq!(commented["verdict"], "reachable");
    let comment = finding(commented, "pixel-snippet-in-comment");
    assert_eq!(comment["status"], "fail");
    assert!(!ids(commented).contains(&"pixel-detected".to_string()));

    // Without a browser run, the static scan says the purchase depends on a condition.
    let unsent = &pages[4];
    let event = unsent["pixel"]["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "order_created")
        .expect("order_created is written in the page");
    assert_eq!(event["firing"], "conditional");
    assert!(
        ids(unsent).contains(&"pixel-event-conditional".to_string()),
        "{:?}",
        ids(unsent)
    );
}
