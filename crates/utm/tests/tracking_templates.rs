//! Tracking templates (query string templates) on the ad account, campaign, ad group and ad:
//! the URL a click gets at each level, OpenAI's macros against the documented list, malformed
//! templates, names set at several levels, and the destination judged with its templates.

use preflight_model::{Finding, Status};
use preflight_utm::{
    check_batch, check_templates, check_tracking, BatchEntry, TemplateLevel, TrackingTemplates,
};

fn ids(findings: &[Finding]) -> Vec<&str> {
    findings.iter().map(|f| f.id.as_str()).collect()
}

fn find<'a>(findings: &'a [Finding], id: &str) -> &'a Finding {
    findings
        .iter()
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("no {id} in {:?}", ids(findings)))
}

fn has_evidence(f: &Finding, needle: &str) -> bool {
    f.evidence
        .iter()
        .any(|e| e.label.contains(needle) || e.value.contains(needle))
}

fn campaign(t: &str) -> TrackingTemplates {
    TrackingTemplates {
        campaign: Some(t.to_string()),
        ..TrackingTemplates::default()
    }
}

#[test]
fn click_url_per_level_follows_openais_precedence() {
    let templates = TrackingTemplates {
        ad_account: Some("utm_source=chatgpt&utm_medium=cpc".into()),
        campaign: Some("utm_campaign={campaign_id}".into()),
        ad_group: None,
        ad: Some("utm_content={ad_id}&click_id={oppref}".into()),
    };
    let c = check_tracking("https://shop.example/p", &templates);
    let levels: Vec<TemplateLevel> = c.click_urls.iter().map(|u| u.level).collect();
    assert_eq!(levels, TemplateLevel::ALL.to_vec());
    let urls: Vec<&str> = c.click_urls.iter().map(|u| u.url.as_str()).collect();
    assert_eq!(
        urls,
        vec![
            "https://shop.example/p?utm_source=chatgpt&utm_medium=cpc",
            "https://shop.example/p?utm_campaign={campaign_id}&utm_source=chatgpt&utm_medium=cpc",
            "https://shop.example/p?utm_campaign={campaign_id}&utm_source=chatgpt&utm_medium=cpc",
            "https://shop.example/p?utm_content={ad_id}&click_id={oppref}&utm_campaign={campaign_id}&utm_source=chatgpt&utm_medium=cpc",
        ]
    );
    assert_eq!(c.click_urls[2].template, None);
    assert_eq!(
        c.click_urls[3].template.as_deref(),
        Some("utm_content={ad_id}&click_id={oppref}")
    );
    // Documented macros, well formed: one pass, nothing else.
    assert_eq!(ids(&c.template_findings), vec!["template-valid"]);
    // The destination has no UTMs of its own, but every click gets them from the templates.
    let report = ids(&c.report.findings);
    assert!(!report.contains(&"utm-source-missing"), "{report:?}");
    assert!(!report.contains(&"utm-campaign-missing"), "{report:?}");
    assert!(!report.contains(&"utm-dynamic-macro"), "{report:?}");
    assert_eq!(c.report.ga4.as_ref().unwrap().preview.channel, "Paid Other");
    assert_eq!(c.report.status, Status::Pass);
}

#[test]
fn the_destinations_own_parameters_win_and_that_is_reported() {
    let c = check_tracking(
        "https://shop.example/p?utm_source=chatgpt&utm_medium=cpc&utm_campaign=spring",
        &campaign("utm_campaign={campaign_id}"),
    );
    let f = find(&c.report.findings, "template-duplicate-key");
    assert_eq!(f.status, Status::Warn);
    assert!(has_evidence(
        f,
        "the destination's utm_campaign=spring wins"
    ));
    assert!(has_evidence(f, "the campaign's tracking template"));
    assert_eq!(
        c.click_urls[3].url,
        "https://shop.example/p?utm_source=chatgpt&utm_medium=cpc&utm_campaign=spring"
    );
    assert_eq!(c.report.status, Status::Warn);
}

#[test]
fn the_same_name_at_two_levels_names_the_winner() {
    let templates = TrackingTemplates {
        campaign: Some("utm_campaign=spring".into()),
        ad: Some("utm_campaign=summer".into()),
        ..TrackingTemplates::default()
    };
    let findings = check_templates(&templates);
    let f = find(&findings, "template-duplicate-key");
    assert_eq!(f.status, Status::Warn);
    assert!(has_evidence(
        f,
        "a click carries utm_campaign=summer from the ad"
    ));
    assert!(has_evidence(f, "utm_campaign=spring (campaign)"));
    // Same value at two levels: redundant, not wrong.
    let same = TrackingTemplates {
        ad_account: Some("utm_source=chatgpt".into()),
        campaign: Some("utm_source=chatgpt".into()),
        ..TrackingTemplates::default()
    };
    assert_eq!(
        find(&check_templates(&same), "template-duplicate-key").status,
        Status::Info
    );
    // Twice within one template.
    let twice = check_templates(&campaign("utm_source=a&utm_source=b"));
    assert!(has_evidence(
        find(&twice, "template-duplicate-key"),
        "utm_source (2 times)"
    ));
}

#[test]
fn macros_are_checked_against_openais_documented_list() {
    let undocumented = check_templates(&campaign("ag={ad_group_id}&acct={ad_account_id}"));
    let f = find(&undocumented, "template-macro-undocumented");
    assert_eq!(f.status, Status::Warn);
    assert!(
        f.title.contains("not in OpenAI's documented list"),
        "{}",
        f.title
    );
    assert!(has_evidence(f, "{ad_group_id}") && has_evidence(f, "{ad_account_id}"));
    assert!(!ids(&undocumented).contains(&"template-unknown-macro"));

    let unknown = check_templates(&campaign(
        "utm_campaign={campaign}&a={Campaign_ID}&b={{ad.name}}&c=${ad_id}&d=%%SITE%%",
    ));
    let f = find(&unknown, "template-unknown-macro");
    assert_eq!(f.status, Status::Fail);
    assert!(has_evidence(f, "{campaign} in utm_campaign={campaign}"));
    assert!(has_evidence(f, "did you mean {campaign_id}?"));
    assert!(has_evidence(f, "{{ad.name}}"));
    assert!(has_evidence(f, "${ad_id}"));
    assert!(has_evidence(f, "%%SITE%%"));
    assert!(f.detail.contains("{campaign_id}") && f.detail.contains("{oppref}"));
    assert!(has_evidence(
        f,
        "https://developers.openai.com/ads/campaign-management"
    ));
}

#[test]
fn malformed_templates_name_each_problem() {
    for (template, evidence) in [
        ("utm_campaign={campaign_id", "A { that is never closed"),
        ("utm_campaign=campaign_id}", "A } without its {"),
        ("utm_campaign={}", "A macro without a name"),
        ("=chatgpt", "A value without a name"),
        ("utm_source", "A name without = and a value"),
        ("{ad_id}=1", "A macro used as a parameter name"),
        ("a=1#frag", "A #"),
        ("a=1?b=2", "A ? inside the template"),
        ("a=%7Bad_id%7D", "%7B"),
    ] {
        let findings = check_templates(&campaign(template));
        let f = find(&findings, "template-malformed");
        assert_eq!(f.status, Status::Fail, "{template}");
        assert!(has_evidence(f, evidence), "{template}: {:?}", f.evidence);
        assert!(
            f.title.starts_with("The campaign's tracking template"),
            "{}",
            f.title
        );
        assert!(!ids(&findings).contains(&"template-valid"));
    }
}

#[test]
fn separators_and_encoding_in_templates() {
    for template in [
        "?utm_source=chatgpt",
        "&utm_source=chatgpt",
        "utm_source=chatgpt&&utm_medium=cpc&",
        "utm_source=chatgpt&amp;utm_medium=cpc",
    ] {
        let findings = check_templates(&campaign(template));
        assert_eq!(
            find(&findings, "template-stray-separator").status,
            Status::Warn,
            "{template}"
        );
        assert!(
            !ids(&findings).contains(&"template-malformed"),
            "{template}: {:?}",
            ids(&findings)
        );
    }
    // A leading ? is read as if it were not there.
    let c = check_tracking("https://x.example/", &campaign("?utm_source=chatgpt"));
    assert_eq!(c.click_urls[1].url, "https://x.example/?utm_source=chatgpt");
    let c = check_tracking(
        "https://x.example/",
        &campaign("utm_source=chatgpt&amp;utm_medium=cpc"),
    );
    assert_eq!(
        c.click_urls[1].url,
        "https://x.example/?utm_source=chatgpt&utm_medium=cpc"
    );

    let findings = check_templates(&campaign("utm_campaign=spring sale|{campaign_id}"));
    let f = find(&findings, "template-unencoded-characters");
    assert!(has_evidence(f, "a space, “|”"), "{:?}", f.evidence);
}

#[test]
fn reserved_names_in_a_template() {
    let findings = check_templates(&TrackingTemplates {
        ad: Some("oppref={oppref}".into()),
        ..TrackingTemplates::default()
    });
    let f = find(&findings, "template-reserved-parameter");
    assert!(f.remedy.contains("click_id={oppref}"), "{}", f.remedy);
    assert!(f.title.starts_with("The ad's tracking template"));
}

#[test]
fn macros_typed_into_the_destination_are_still_flagged() {
    let c = check_tracking(
        "https://shop.example/p?utm_source=chatgpt&utm_medium=cpc&utm_campaign={campaign_id}",
        &TrackingTemplates {
            ad: Some("click_id={oppref}".into()),
            ..TrackingTemplates::default()
        },
    );
    assert!(ids(&c.report.findings).contains(&"utm-dynamic-macro"));
    assert_eq!(ids(&c.template_findings), vec!["template-valid"]);
}

#[test]
fn without_templates_nothing_changes() {
    let c = check_tracking(
        "https://shop.example/p?utm_source=chatgpt&utm_medium=cpc&utm_campaign=x",
        &TrackingTemplates {
            campaign: Some("   ".into()),
            ..TrackingTemplates::default()
        },
    );
    assert!(c.click_urls.is_empty());
    assert!(c.template_findings.is_empty());
    assert_eq!(ids(&c.report.findings), vec!["utm-tags-clean"]);
    let json = serde_json::to_value(&c.report).unwrap();
    assert!(json.get("click_urls").is_none());
}

#[test]
fn an_invalid_destination_has_no_click_urls() {
    let c = check_tracking("www.shop.example", &campaign("utm_source=chatgpt"));
    assert!(c.click_urls.is_empty());
    assert_eq!(ids(&c.report.findings), vec!["url-invalid"]);
}

#[test]
fn a_batch_with_templates_reports_template_findings_once() {
    let entries = vec![
        BatchEntry::Url("https://a.example/".into()),
        BatchEntry::NotUrl {
            text: "not a url".into(),
            reason: "it does not start with https://".into(),
        },
        BatchEntry::Url("https://b.example/?utm_campaign=b".into()),
        BatchEntry::Url("https://a.example/".into()),
    ];
    let templates = TrackingTemplates {
        ad_account: Some("utm_source=chatgpt&utm_medium=cpc".into()),
        campaign: Some("utm_campaign={campaign}".into()),
        ..TrackingTemplates::default()
    };
    let r = check_batch(&entries, &templates);
    assert_eq!(r.urls.len(), 3);
    assert_eq!(r.urls[0].occurrences, 2);
    assert_eq!(ids(&r.urls[1].findings), vec!["url-invalid"]);
    assert!(r.urls[1].findings[0]
        .detail
        .contains("does not start with https://"));
    assert_eq!(
        r.set_findings
            .iter()
            .filter(|f| f.id == "template-unknown-macro")
            .count(),
        1
    );
    let click = r.urls[0].click_urls.as_ref().unwrap();
    assert_eq!(
        click[3].url,
        "https://a.example/?utm_campaign={campaign}&utm_source=chatgpt&utm_medium=cpc"
    );
    assert!(r.is_failing());
    let text = preflight_utm::render_text(&r);
    assert!(
        text.contains("Click URL (ad): https://a.example/?utm_campaign={campaign}"),
        "{text}"
    );
}
