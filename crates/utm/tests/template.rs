//! The template builder.

use preflight_utm::{check_url, generate, slug, tag_url, to_csv, UtmScheme};

#[test]
fn defaults_and_slugs() {
    let s = UtmScheme::for_campaign("Spring Sale – 2026!");
    assert_eq!((s.source.as_str(), s.medium.as_str()), ("chatgpt", "cpc"));
    assert_eq!(s.campaign, "spring_sale_2026");
    assert_eq!(slug("  Été  Promo "), "été_promo");
    assert_eq!(slug("{{campaign}}"), "campaign");
    assert_eq!(slug("---"), "");
}

#[test]
fn tagged_urls_replace_old_utms_and_keep_the_rest() {
    let mut s = UtmScheme::for_campaign("Spring");
    s.content = Some("Hero Banner".into());
    let out = generate(
        &[
            "https://shop.example/p?utm_source=old&ref=nav#reviews".into(),
            "  ".into(),
            "shop.example/q".into(),
        ],
        &s,
    );
    assert_eq!(out.scheme.content.as_deref(), Some("hero_banner"));
    assert_eq!(
        out.urls[0].tagged_url,
        "https://shop.example/p?ref=nav&utm_source=chatgpt&utm_medium=cpc&utm_campaign=spring&utm_content=hero_banner#reviews"
    );
    assert_eq!(out.issues.len(), 1);
    assert!(out.issues[0].reason.contains("https://"));
}

#[test]
fn generated_urls_pass_every_check() {
    let mut s = UtmScheme::for_campaign("Back to School");
    s.term = Some("laptops".into());
    let url = tag_url("https://shop.example/", &s).unwrap();
    let r = check_url(&url);
    assert_eq!(r.findings.len(), 1, "{:?}", r.findings);
    assert_eq!(r.findings[0].id, "utm-tags-clean");
}

#[test]
fn values_are_encoded_when_the_scheme_is_used_raw() {
    let s = UtmScheme {
        source: "chatgpt".into(),
        medium: "cpc".into(),
        campaign: "a&b c".into(),
        content: None,
        term: None,
    };
    assert_eq!(
        tag_url("https://x.example/", &s).unwrap(),
        "https://x.example/?utm_source=chatgpt&utm_medium=cpc&utm_campaign=a%26b%20c"
    );
}

#[test]
fn csv_has_a_header_and_quotes_where_needed() {
    let out = generate(
        &[
            "https://shop.example/a,b?x=\"1\"".into(),
            "https://shop.example/c".into(),
        ],
        &UtmScheme::for_campaign("Spring"),
    );
    let csv_text = to_csv(&out);
    let mut rdr = csv::Reader::from_reader(csv_text.as_bytes());
    let headers: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(headers[..3], ["Base URL", "Destination URL", "utm_source"]);
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][0], "https://shop.example/a,b?x=\"1\"");
    assert!(csv_text.contains("\"https://shop.example/a,b?x=\"\"1\"\"\""));
    assert_eq!(&rows[1][4], "spring");
    assert!(csv_text.ends_with("\r\n"));
}
