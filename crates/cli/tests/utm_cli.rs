//! `preflight utm` as a black box: a batch with a bad entry keeps going, and tracking templates
//! give the URL a click produces at each level, in text and in JSON.

mod support;
use support::{json, preflight};

fn ids(url: &serde_json::Value) -> Vec<String> {
    url["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap().to_string())
        .collect()
}

fn batch(bad_at: usize) -> Vec<String> {
    (0..500)
        .map(|i| {
            if i == bad_at {
                "www.shop.example/no-scheme".to_string()
            } else {
                format!("https://shop.example/p{i}?utm_source=chatgpt&utm_medium=cpc&utm_campaign=spring")
            }
        })
        .collect()
}

#[test]
fn one_bad_url_among_500_arguments_is_reported_and_the_rest_are_checked() {
    let urls = batch(250);
    let mut args: Vec<&str> = vec!["utm", "--format", "json"];
    args.extend(urls.iter().map(String::as_str));
    let out = preflight(&args);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = json(&out);
    let list = report["urls"].as_array().unwrap();
    assert_eq!(list.len(), 500);
    assert_eq!(ids(&list[250]), vec!["url-invalid"]);
    assert_eq!(list[250]["url"], "www.shop.example/no-scheme");
    assert!(list[250]["findings"][0]["detail"]
        .as_str()
        .unwrap()
        .contains("does not start with https://"));
    let clean = list
        .iter()
        .filter(|u| ids(u) == vec!["utm-tags-clean"])
        .count();
    assert_eq!(clean, 499);
    assert_eq!(report["summary"]["urls_failing"], 1);
}

#[test]
fn one_bad_line_in_a_file_is_reported_in_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("urls.txt");
    std::fs::write(&file, batch(3).join("\n")).unwrap();
    let out = preflight(&["utm", "--file", file.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let report = json(&out);
    let list = report["urls"].as_array().unwrap();
    assert_eq!(list.len(), 500);
    assert_eq!(ids(&list[3]), vec!["url-invalid"]);
    assert_eq!(ids(&list[4]), vec!["utm-tags-clean"]);
    // Text output too.
    let text = preflight(&["utm", "--file", file.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("This is not a usable web address [url-invalid]"),
        "{text}"
    );
    assert!(text.contains("500 URLs: 1 failing"), "{text}");
}

#[test]
fn templates_give_the_click_url_at_each_level() {
    let out = preflight(&[
        "utm",
        "https://shop.example/p",
        "--template-account",
        "utm_source=chatgpt&utm_medium=cpc",
        "--template-campaign",
        "utm_campaign={campaign_id}",
        "--template-ad",
        "utm_content={ad_id}&click_id={oppref}",
        "--format",
        "json",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = json(&out);
    let click = report["urls"][0]["click_urls"].as_array().unwrap();
    let levels: Vec<&str> = click.iter().map(|c| c["level"].as_str().unwrap()).collect();
    assert_eq!(levels, vec!["ad_account", "campaign", "ad_group", "ad"]);
    assert_eq!(
        click[3]["url"],
        "https://shop.example/p?utm_content={ad_id}&click_id={oppref}&utm_campaign={campaign_id}&utm_source=chatgpt&utm_medium=cpc"
    );
    assert_eq!(click[1]["template"], "utm_campaign={campaign_id}");
    assert!(!ids(&report["urls"][0]).contains(&"utm-source-missing".to_string()));

    let text = preflight(&[
        "utm",
        "https://shop.example/p?utm_source=chatgpt&utm_medium=cpc",
        "--template-campaign",
        "utm_campaign={campaign}",
    ]);
    assert_eq!(text.status.code(), Some(1));
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("Click URL (ad): https://shop.example/p?utm_source=chatgpt&utm_medium=cpc&utm_campaign={campaign}"),
        "{text}"
    );
    assert!(text.contains("[template-unknown-macro]"), "{text}");
}
