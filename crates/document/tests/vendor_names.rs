//! A page's firewall or CDN is shown as the vendor writes its name, in new and older audits.

use preflight_document::PageReport;

fn page_with_vendor(vendor: Option<&str>) -> PageReport {
    let mut value = serde_json::json!({
        "url": "https://shop.example/sale",
        "verdict": "blocked",
        "verdict_confidence": "high",
        "verdict_reason": "Blocked.",
        "fetches": [],
        "findings": []
    });
    if let Some(vendor) = vendor {
        value["vendor"] = serde_json::Value::String(vendor.to_string());
    }
    serde_json::from_value(value).expect("a minimal page reads")
}

fn vendor(stored: Option<&str>) -> Option<String> {
    page_with_vendor(stored).vendor
}

#[test]
fn an_older_audit_s_vendor_id_reads_as_the_vendor_s_name() {
    assert_eq!(vendor(Some("cloudflare")).as_deref(), Some("Cloudflare"));
    assert_eq!(
        vendor(Some("aws")).as_deref(),
        Some("AWS WAF / Amazon CloudFront")
    );
    assert_eq!(vendor(Some("datadome")).as_deref(), Some("DataDome"));
}

#[test]
fn a_stored_name_stays_as_it_is_and_none_stays_none() {
    assert_eq!(vendor(Some("Cloudflare")).as_deref(), Some("Cloudflare"));
    assert_eq!(vendor(Some("Some CDN")).as_deref(), Some("Some CDN"));
    assert_eq!(vendor(None), None);
    let page = page_with_vendor(Some("fastly"));
    let again: PageReport = serde_json::from_str(&serde_json::to_string(&page).unwrap()).unwrap();
    assert_eq!(again.vendor.as_deref(), Some("Fastly"));
}
