//! Checks across many URLs.

use preflight_model::Status;
use preflight_utm::check_campaign_set;

fn urls(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn ids(findings: &[preflight_model::Finding]) -> Vec<&str> {
    findings.iter().map(|f| f.id.as_str()).collect()
}

#[test]
fn consistent_set_passes() {
    let f = check_campaign_set(&urls(&[
        "https://a.example/?utm_source=chatgpt&utm_medium=cpc&utm_campaign=spring_sale",
        "https://a.example/b?utm_source=chatgpt&utm_medium=cpc&utm_campaign=spring_sale",
        "https://a.example/c?utm_source=chatgpt&utm_medium=cpc&utm_campaign=summer_sale",
    ]));
    assert_eq!(ids(&f), vec!["campaign-set-consistent"]);
    assert_eq!(f[0].status, Status::Pass);
}

#[test]
fn one_campaign_with_several_sources_and_mediums() {
    let f = check_campaign_set(&urls(&[
        "https://a.example/1?utm_source=chatgpt&utm_medium=cpc&utm_campaign=spring",
        "https://a.example/2?utm_source=ChatGPT&utm_medium=paid_ai&utm_campaign=spring",
        "https://a.example/3?utm_source=openai&utm_medium=cpc&utm_campaign=Spring",
    ]));
    let sources = f.iter().find(|f| f.id == "campaign-mixed-sources").unwrap();
    assert!(sources.title.contains("3 different utm_source"));
    assert!(sources.detail.contains("all mean ChatGPT"));
    let labels: Vec<&str> = sources.evidence.iter().map(|e| e.label.as_str()).collect();
    assert_eq!(
        labels,
        vec![
            "utm_source=ChatGPT",
            "utm_source=chatgpt",
            "utm_source=openai"
        ]
    );
    assert_eq!(
        sources.evidence[2].value,
        "https://a.example/3?utm_source=openai&utm_medium=cpc&utm_campaign=Spring"
    );

    let mediums = f.iter().find(|f| f.id == "campaign-mixed-mediums").unwrap();
    assert!(mediums
        .evidence
        .iter()
        .any(|e| e.label == "utm_medium=paid_ai"));
    assert!(ids(&f).contains(&"chatgpt-source-spellings-mixed"));
}

#[test]
fn values_that_differ_only_in_case_or_spacing() {
    let f = check_campaign_set(&urls(&[
        "https://a.example/1?utm_source=chatgpt&utm_medium=cpc&utm_campaign=spring_sale",
        "https://a.example/2?utm_source=chatgpt&utm_medium=cpc&utm_campaign=Spring%20Sale",
        "https://a.example/3?utm_source=chatgpt&utm_medium=cpc&utm_campaign=spring-sale",
    ]));
    let v = f
        .iter()
        .find(|f| f.id == "utm-value-variants" && f.title.starts_with("utm_campaign"))
        .unwrap();
    assert_eq!(v.evidence.len(), 3);
    assert!(v
        .evidence
        .iter()
        .all(|e| e.label.contains("same as spring_sale")));
    // Case-only source variants are reported as variants, not as different ChatGPT spellings.
    let f = check_campaign_set(&urls(&[
        "https://a.example/1?utm_source=chatgpt&utm_medium=cpc&utm_campaign=a",
        "https://a.example/2?utm_source=ChatGPT&utm_medium=cpc&utm_campaign=b",
    ]));
    assert!(ids(&f).contains(&"utm-value-variants"));
    assert!(!ids(&f).contains(&"chatgpt-source-spellings-mixed"));
}

#[test]
fn chatgpt_spelled_differently_across_campaigns() {
    let f = check_campaign_set(&urls(&[
        "https://a.example/1?utm_source=chatgpt&utm_medium=cpc&utm_campaign=a",
        "https://a.example/2?utm_source=openai&utm_medium=cpc&utm_campaign=b",
    ]));
    assert_eq!(ids(&f), vec!["chatgpt-source-spellings-mixed"]);
}

#[test]
fn mixed_naming_styles() {
    let f = check_campaign_set(&urls(&[
        "https://a.example/1?utm_source=chatgpt&utm_medium=cpc&utm_campaign=spring_sale",
        "https://a.example/2?utm_source=chatgpt&utm_medium=cpc&utm_campaign=SummerSale",
        "https://a.example/3?utm_source=chatgpt&utm_medium=cpc&utm_campaign=autumn-deals",
        "https://a.example/4?utm_source=chatgpt&utm_medium=cpc&utm_campaign=winter",
    ]));
    let n = f.iter().find(|f| f.id == "campaign-naming-mixed").unwrap();
    assert_eq!(n.status, Status::Info);
    let labels: Vec<&str> = n.evidence.iter().map(|e| e.label.as_str()).collect();
    assert_eq!(
        labels,
        vec!["CamelCase", "hyphen-separated", "underscore_separated"]
    );
}

#[test]
fn evidence_is_capped_for_large_sets() {
    let list: Vec<String> = (0..200)
        .map(|i| {
            let source = if i % 2 == 0 { "chatgpt" } else { "openai" };
            format!("https://a.example/{i}?utm_source={source}&utm_medium=cpc&utm_campaign=big")
        })
        .collect();
    let f = check_campaign_set(&list);
    let sources = f.iter().find(|f| f.id == "campaign-mixed-sources").unwrap();
    assert!(sources.evidence[0].value.ends_with("and 95 more"));
    assert_eq!(sources.evidence[0].value.lines().count(), 6);
}

#[test]
fn invalid_and_untagged_urls_are_ignored() {
    let f = check_campaign_set(&urls(&["not a url", "https://a.example/"]));
    assert!(f.is_empty());
}
