//! The top-level report, its JSON shape and the text renderer.

use preflight_model::Status;
use preflight_utm::{check_urls, render_text, ChannelRisk, UtmReport};

#[test]
fn check_urls_dedupes_counts_and_summarises() {
    let urls: Vec<String> = [
        "https://a.example/?utm_source=chatgpt&utm_medium=cpc&utm_campaign=spring",
        " https://a.example/?utm_source=chatgpt&utm_medium=cpc&utm_campaign=spring ",
        "https://a.example/b?utm_source=ChatGPT&utm_medium=ai&utm_campaign=spring",
        "https://a.example/c?utm_campaign={campaign}",
        "nonsense",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let r = check_urls(&urls);
    assert_eq!(r.urls.len(), 4);
    assert_eq!(r.urls[0].occurrences, 2);
    assert_eq!(r.summary.urls, 4);
    assert_eq!(r.summary.urls_clean, 1);
    assert_eq!(r.summary.urls_with_warnings, 1);
    assert_eq!(r.summary.urls_failing, 2);
    assert!(r.is_failing());
    assert!(r
        .set_findings
        .iter()
        .any(|f| f.id == "campaign-mixed-sources"));
    assert_eq!(
        r.urls[1].corrected_url.as_deref(),
        Some("https://a.example/b?utm_source=chatgpt&utm_medium=ai&utm_campaign=spring")
    );
    assert_eq!(
        r.urls[1].ga4.as_ref().unwrap().preview.channel,
        "Unassigned"
    );
    // Each URL carries the status the summary counted, and the risk of its channel.
    let statuses: Vec<Status> = r.urls.iter().map(|u| u.status).collect();
    assert_eq!(
        statuses,
        vec![Status::Pass, Status::Warn, Status::Fail, Status::Fail]
    );
    assert_eq!(r.urls[0].ga4.as_ref().unwrap().risk, None);
    assert_eq!(
        r.urls[1].ga4.as_ref().unwrap().risk,
        Some(ChannelRisk::Unassigned)
    );
    assert!(r.urls[3].ga4.is_none());
}

#[test]
fn json_is_snake_case_and_round_trips() {
    let r =
        check_urls(&["https://a.example/?utm_source=chatgpt.com&utm_medium=referral".to_string()]);
    let json = serde_json::to_value(&r).unwrap();
    let u = &json["urls"][0];
    assert!(u["corrected_url"].is_null() || u.get("corrected_url").is_none());
    assert_eq!(u["ga4"]["inputs"]["from_referrer"], false);
    assert_eq!(u["ga4"]["preview"]["rule_id"], "referral");
    assert!(json["summary"]["urls_with_warnings"].is_number());
    let back: UtmReport = serde_json::from_value(json).unwrap();
    assert_eq!(back, r);
    let enc = serde_json::to_value(preflight_utm::TextEncoding::Utf16Le).unwrap();
    assert_eq!(enc, "utf16_le");
}

#[test]
fn schema_and_typescript_declarations_exist() {
    let schema = schemars::schema_for!(UtmReport);
    let text = serde_json::to_string(&schema).unwrap();
    assert!(text.contains("set_findings"));
    use ts_rs::TS;
    let decl = UtmReport::decl(&ts_rs::Config::default());
    assert!(decl.contains("set_findings"), "{decl}");
}

#[test]
fn text_rendering_lists_worst_first_with_fixes() {
    let r = check_urls(&[
        "https://a.example/?utm_source=ChatGPT&utm_medium=cpc&utm_campaign=x&oppref=gAAAAold"
            .to_string(),
        "https://a.example/?utm_source=chatgpt&utm_medium=cpc&utm_campaign=y".to_string(),
    ]);
    let text = render_text(&r);
    let fail = text
        .find("FAIL The destination contains a parameter OpenAI reserves (oppref)")
        .unwrap();
    let warn = text
        .find("WARN UTM values contain capital letters")
        .unwrap();
    assert!(fail < warn);
    assert!(text.contains("GA4 channel: Paid Other (ChatGPT / cpc; rule paid-other)"));
    assert!(text.contains(
        "Corrected URL: https://a.example/?utm_source=chatgpt&utm_medium=cpc&utm_campaign=x"
    ));
    assert!(text.contains("Across all URLs"));
    assert!(text.contains("2 URLs: 1 failing, 0 with warnings, 1 clean"));
}
