//! Destination-URL rules added for OpenAI's published limits and for common copy-paste damage:
//! `&amp;` separators, characters that must be encoded, another platform's source, mediums that
//! land in an unpaid GA4 channel, and reserved parameters.

use preflight_model::{Confidence, Finding, Status};
use preflight_utm::{check_url, ga4_channel, UrlReport};

const CLEAN: &str =
    "https://shop.example/spring?utm_source=chatgpt&utm_medium=cpc&utm_campaign=spring_sale";

fn ids(r: &UrlReport) -> Vec<&str> {
    r.findings.iter().map(|f| f.id.as_str()).collect()
}

fn finding<'a>(r: &'a UrlReport, id: &str) -> &'a Finding {
    r.findings
        .iter()
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("no {id} in {:?}", ids(r)))
}

fn evidence<'a>(f: &'a Finding, label: &str) -> Option<&'a str> {
    f.evidence
        .iter()
        .find(|e| e.label == label)
        .map(|e| e.value.as_str())
}

#[test]
fn html_ampersands_are_named_and_the_url_is_judged_as_meant() {
    for sep in ["&amp;", "&amp;amp;", "&#38;", "&#038;", "&#x26;", "&AMP;"] {
        let url = format!(
            "https://shop.example/spring?utm_source=chatgpt{sep}utm_medium=cpc{sep}utm_campaign=spring_sale"
        );
        let r = check_url(&url);
        let f = finding(&r, "url-html-ampersand");
        assert_eq!(f.status, Status::Fail, "{sep}");
        assert!(f.title.contains("&amp;"), "{}", f.title);
        assert_eq!(evidence(f, "Corrected URL"), Some(CLEAN), "{sep}");
        assert_eq!(evidence(f, "Separator as written"), Some(sep), "{sep}");
        // Not "utm_medium missing": the URL is judged with its separators repaired.
        assert!(
            !ids(&r).contains(&"utm-medium-missing"),
            "{sep}: {:?}",
            ids(&r)
        );
        assert!(!ids(&r).contains(&"utm-campaign-missing"), "{sep}");
        assert_eq!(r.corrected_url.as_deref(), Some(CLEAN), "{sep}");
        assert_eq!(r.ga4.as_ref().unwrap().preview.channel, "Paid Other");
    }
}

#[test]
fn html_ampersands_mixed_with_plain_ones() {
    let url = "https://shop.example/spring?utm_source=chatgpt&utm_medium=cpc&amp;utm_campaign=spring_sale";
    let r = check_url(url);
    assert_eq!(ids(&r), vec!["url-html-ampersand"]);
    assert_eq!(r.corrected_url.as_deref(), Some(CLEAN));
    // Other problems are still reported, on the URL as meant.
    let r =
        check_url("https://shop.example/?utm_source=ChatGPT&amp;utm_medium=cpc&amp;utm_campaign=x");
    assert!(ids(&r).contains(&"utm-value-not-lowercase"));
    assert_eq!(
        r.corrected_url.as_deref(),
        Some("https://shop.example/?utm_source=chatgpt&utm_medium=cpc&utm_campaign=x")
    );
}

#[test]
fn characters_that_must_be_encoded_are_reported_where_they_are() {
    let url = "https://shop.example/spring sale/é?utm_source=chatgpt&utm_medium=cpc&utm_campaign=brand|spring&na\"me=1&q=<b>^`\\#top{x";
    let r = check_url(url);
    let f = finding(&r, "url-unencoded-characters");
    assert_eq!(f.status, Status::Warn);
    assert_eq!(evidence(f, "In the path"), Some("a space, “é”"));
    assert_eq!(evidence(f, "In the value of utm_campaign"), Some("“|”"));
    assert_eq!(evidence(f, "In the parameter name “na\"me”"), Some("“\"”"));
    assert_eq!(
        evidence(f, "In the value of q"),
        Some("“<”, “>”, “^”, a backtick (`), “\\”")
    );
    assert_eq!(evidence(f, "In the part after #"), Some("“{”"));
    assert_eq!(
        evidence(f, "Corrected URL"),
        Some("https://shop.example/spring%20sale/%C3%A9?utm_source=chatgpt&utm_medium=cpc&utm_campaign=brand%7Cspring&na%22me=1&q=%3Cb%3E%5E%60%5C#top%7Bx")
    );
    assert!(!ids(&r).contains(&"utm-dynamic-macro"));
}

#[test]
fn encoded_characters_and_international_domains_are_fine() {
    let r = check_url(
        "https://bücher.example/caf%C3%A9?utm_source=chatgpt&utm_medium=cpc&utm_campaign=spring%7Csale",
    );
    assert!(
        !ids(&r).contains(&"url-unencoded-characters"),
        "{:?}",
        ids(&r)
    );
}

#[test]
fn a_macro_is_reported_by_the_macro_check_only() {
    let r = check_url(
        "https://shop.example/?utm_source=chatgpt&utm_medium=cpc&utm_campaign={campaign_id}",
    );
    assert!(ids(&r).contains(&"utm-dynamic-macro"));
    assert!(!ids(&r).contains(&"url-unencoded-characters"));
    let f = finding(&r, "utm-dynamic-macro");
    // OpenAI's own macro: the remedy points to the tracking template.
    assert!(f.remedy.contains("tracking template"), "{}", f.remedy);
    assert!(f.remedy.contains("{campaign_id}"), "{}", f.remedy);
    // A macro plus a real problem elsewhere: both, each in its own words.
    let r = check_url("https://shop.example/?utm_source=chatgpt&utm_medium=cpc&utm_campaign={{campaign.name}}&x=a b");
    assert!(ids(&r).contains(&"utm-dynamic-macro"));
    let f = finding(&r, "url-unencoded-characters");
    assert_eq!(evidence(f, "In the value of x"), Some("a space"));
    assert!(evidence(f, "Corrected URL")
        .unwrap()
        .contains("{{campaign.name}}&x=a%20b"));
}

#[test]
fn other_platform_sources_are_named_with_their_ga4_channel() {
    for (source, platform, channel) in [
        ("google", "Google", "Paid Search"),
        ("bing", "Microsoft (Bing)", "Paid Search"),
        ("facebook", "Meta", "Paid Social"),
        (
            "meta",
            "Meta",
            ga4_channel("meta", "cpc", "spring_sale").channel.as_str(),
        ),
        (
            "tiktok",
            "TikTok",
            ga4_channel("tiktok", "cpc", "spring_sale").channel.as_str(),
        ),
        ("linkedin", "LinkedIn", "Paid Social"),
        (
            "Google_Ads",
            "Google",
            ga4_channel("google_ads", "cpc", "spring_sale")
                .channel
                .as_str(),
        ),
    ] {
        let url = format!(
            "https://shop.example/?utm_source={source}&utm_medium=cpc&utm_campaign=spring_sale"
        );
        let r = check_url(&url);
        let f = finding(&r, "utm-source-other-platform");
        assert_eq!(f.status, Status::Warn, "{source}");
        assert!(f.title.contains(platform), "{source}: {}", f.title);
        assert!(
            f.detail.contains(&format!("in the {channel} channel")),
            "{source}: {}",
            f.detail
        );
        assert_eq!(r.ga4.as_ref().unwrap().preview.channel, channel, "{source}");
        assert!(evidence(f, "GA4 channel").unwrap().starts_with(channel));
        assert_eq!(
            evidence(f, "Suggested URL"),
            Some(
                "https://shop.example/?utm_source=chatgpt&utm_medium=cpc&utm_campaign=spring_sale"
            )
        );
    }
    for source in ["chatgpt", "openai", "chatgpt_ads"] {
        let url =
            format!("https://shop.example/?utm_source={source}&utm_medium=cpc&utm_campaign=x");
        assert!(
            !ids(&check_url(&url)).contains(&"utm-source-other-platform"),
            "{source}"
        );
    }
}

#[test]
fn mediums_that_land_in_an_unpaid_channel_name_it() {
    for (medium, channel) in [
        ("email", "Email"),
        ("social", "Organic Social"),
        ("affiliate", "Affiliates"),
        ("display", "Display"),
        ("banner", "Display"),
        ("video", "Organic Video"),
        ("sms", "SMS"),
        ("push", "Mobile Push Notifications"),
    ] {
        let url =
            format!("https://shop.example/?utm_source=chatgpt&utm_medium={medium}&utm_campaign=x");
        let r = check_url(&url);
        // The channel comes from the GA4 preview.
        assert_eq!(
            ga4_channel("chatgpt", medium, "x").channel,
            channel,
            "{medium}"
        );
        let f = finding(&r, "utm-medium-unpaid-channel");
        assert_eq!(f.status, Status::Warn);
        assert!(
            f.title.contains(&format!("GA4's {channel} channel")),
            "{medium}: {}",
            f.title
        );
        assert_eq!(
            evidence(f, "Suggested URL"),
            Some("https://shop.example/?utm_source=chatgpt&utm_medium=cpc&utm_campaign=x")
        );
        assert!(!ids(&r).contains(&"utm-medium-unassigned"));
        assert!(!ids(&r).contains(&"utm-medium-organic-like"));
    }
    for medium in ["cpc", "ppc", "paid_ai", "CPC", "retargeting"] {
        let url =
            format!("https://shop.example/?utm_source=chatgpt&utm_medium={medium}&utm_campaign=x");
        assert!(
            !ids(&check_url(&url)).contains(&"utm-medium-unpaid-channel"),
            "{medium}"
        );
    }
}

#[test]
fn reserved_parameters_are_openais_serving_issue() {
    for (param, confidence) in [
        ("oppref=gAAAAold", Confidence::High),
        ("olref=x", Confidence::High),
        ("obref=y", Confidence::High),
        ("OPPREF=z", Confidence::High),
        ("oai_ref=1", Confidence::Medium),
    ] {
        let r = check_url(&format!("{CLEAN}&{param}"));
        let f = finding(&r, "url-reserved-parameter");
        assert_eq!(f.status, Status::Fail, "{param}");
        assert_eq!(f.confidence, confidence, "{param}");
        assert!(
            f.detail.contains("reserved_query_params_present"),
            "{}",
            f.detail
        );
        assert!(f.detail.contains("not served"), "{}", f.detail);
        assert_eq!(
            evidence(f, "Serving issue"),
            Some("reserved_query_params_present")
        );
        assert!(f.remedy.contains("Remove"), "{}", f.remedy);
        assert_eq!(evidence(f, "Corrected URL"), Some(CLEAN), "{param}");
        assert_eq!(r.corrected_url.as_deref(), Some(CLEAN));
    }
    // A name that merely contains the letters is not reserved.
    assert!(!ids(&check_url(&format!("{CLEAN}&coupon=oai"))).contains(&"url-reserved-parameter"));
}
