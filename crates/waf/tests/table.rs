//! The embedded signature table is complete and consistent, and the result types serialise
//! the way the report and the UI expect.

mod common;

use std::collections::HashSet;

use common::snap;
use preflight_waf::{
    allowlist_steps, classify, vendors, Classification, ResponseKind, ResponseSnapshot, SignalKind,
    SignatureTable, VendorCategory, ORIGIN_ID,
};
use ts_rs::TS;

const REQUIRED_IDS: [&str; 14] = [
    "cloudflare",
    "akamai",
    "aws",
    "imperva",
    "sucuri",
    "datadome",
    "human",
    "fastly",
    "vercel",
    "netlify",
    "f5",
    "azure",
    "google-cloud-armor",
    "wordfence",
];

#[test]
fn the_data_file_parses_and_every_pattern_compiles() {
    let text = preflight_waf::DATA_FILES
        .iter()
        .map(|f| std::fs::read_to_string(std::path::Path::new(&manifest_dir()).join(f)).unwrap())
        .collect::<Vec<_>>()
        .join("\n");
    let table = SignatureTable::parse(&text).unwrap();
    assert_eq!(table.vendors().len(), vendors().len());
    assert_eq!(table.vendors(), vendors());
}

#[test]
fn every_required_vendor_is_present() {
    let ids: Vec<&str> = vendors().iter().map(|v| v.id.as_str()).collect();
    for id in REQUIRED_IDS {
        assert!(ids.contains(&id), "missing {id}");
    }
}

#[test]
fn ids_are_unique_lowercase_and_stable() {
    let mut seen = HashSet::new();
    for v in vendors() {
        assert!(seen.insert(v.id.as_str()), "duplicate {}", v.id);
        assert!(
            v.id.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{}",
            v.id
        );
        assert_ne!(v.id, ORIGIN_ID);
        assert_ne!(v.category, VendorCategory::Origin);
    }
}

#[test]
fn every_vendor_has_allowlisting_steps_naming_the_ip_file_and_the_token() {
    let origin = SignatureTable::builtin().origin();
    for v in vendors().iter().chain(std::iter::once(origin)) {
        let steps = allowlist_steps(&v.id).unwrap();
        assert!(steps.len() >= 3, "{}: too few steps", v.id);
        let all = steps.join("\n");
        assert!(
            all.contains("https://openai.com/adsbot.json"),
            "{}: steps must name the IP-range file",
            v.id
        );
        assert!(
            all.contains("“OAI-AdsBot”"),
            "{}: steps must name the user-agent token",
            v.id
        );
        assert!(
            !all.contains('`') && !v.looks_like.contains('`'),
            "{}: steps are read by marketers: quote code with “…”, not backticks",
            v.id
        );
        assert!(!v.looks_like.is_empty(), "{}: describe its blocks", v.id);
    }
    assert!(allowlist_steps("no-such-vendor").is_none());
}

#[test]
fn every_vendor_can_be_identified_and_has_a_verdict_signal() {
    for v in vendors() {
        // Some vendors (Cloud Armor) are only recognisable from their block page.
        let identifying = v
            .signals
            .iter()
            .any(|s| !s.requires_presence && s.weight >= preflight_waf::IDENTIFY_THRESHOLD);
        let verdict = v.signals.iter().any(|s| s.kind != SignalKind::Presence);
        assert!(identifying, "{}: nothing identifies it on its own", v.id);
        // A vendor whose block pages are not published says so; behind it, a refusal is
        // recognised by comparing with a browser request.
        assert!(
            verdict || v.looks_like.contains("no documented block page"),
            "{}: no block/challenge/rate-limit signal",
            v.id
        );
        assert!(
            !v.remedy_source.trim().is_empty(),
            "{}: say where the steps come from",
            v.id
        );
    }
}

#[test]
fn vantage_headers_name_known_vendors() {
    for id in preflight_waf::vantage_vendor_ids() {
        assert!(
            vendors().iter().any(|v| v.id == id),
            "vantage table names unknown vendor {id}"
        );
    }
}

#[test]
fn cookie_patterns_are_anchored() {
    for v in vendors() {
        for s in &v.signals {
            if let Some(pattern) = &s.cookie {
                assert!(
                    pattern.starts_with('^') && pattern.ends_with('$'),
                    "{}: cookie pattern {pattern} must be anchored",
                    v.id
                );
            }
        }
    }
}

#[test]
fn weak_signals_cannot_identify_a_vendor_alone() {
    // Via: 1.1 google is shared by every Google load balancer.
    let armor = vendors()
        .iter()
        .find(|v| v.id == "google-cloud-armor")
        .unwrap();
    let via = armor
        .signals
        .iter()
        .find(|s| s.header.as_deref() == Some("via"))
        .unwrap();
    assert!(via.weight < preflight_waf::IDENTIFY_THRESHOLD);
}

#[test]
fn classification_serialises_in_snake_case_with_lowercase_ids() {
    let c = classify(&snap(
        429,
        &[("Server", "cloudflare"), ("CF-RAY", "8a1b2c3d4e5f6789-AMS")],
        "",
    ));
    let json = serde_json::to_value(&c).unwrap();
    assert_eq!(json["kind"], "rate_limit");
    assert_eq!(json["kind_source"], "generic");
    assert_eq!(json["kind_confidence"], "high");
    assert_eq!(json["vendor"]["id"], "cloudflare");
    assert!(json["other_vendors"].as_array().unwrap().is_empty());
    let back: Classification = serde_json::from_value(json).unwrap();
    assert_eq!(back, c);
    assert_eq!(back.kind, ResponseKind::RateLimit);
}

#[test]
fn snapshot_round_trips_through_json() {
    let s = ResponseSnapshot::new(403)
        .header("Server", "nginx")
        .body("Forbidden")
        .final_url("https://example.com/");
    let json = serde_json::to_string(&s).unwrap();
    let back: ResponseSnapshot = serde_json::from_str(&json).unwrap();
    assert_eq!(back, s);
}

#[test]
fn vendor_table_serialises_for_the_ui() {
    let json = serde_json::to_value(vendors()).unwrap();
    assert_eq!(json[0]["id"], "cloudflare");
    assert!(json[0]["allowlist"].as_array().unwrap().len() >= 3);
    assert_eq!(json[0]["signals"][0]["kind"], "presence");
}

#[test]
fn typescript_and_json_schema_definitions_are_generated() {
    let cfg = ts_rs::Config::default();
    let ts = Classification::decl(&cfg);
    assert!(ts.contains("kind: ResponseKind"), "{ts}");
    let ts = preflight_waf::ResponseKind::decl(&cfg);
    assert!(ts.contains("\"rate_limit\""), "{ts}");
    assert!(ts.contains("\"pay_per_crawl\""), "{ts}");
    let ts = Classification::decl(&cfg);
    assert!(ts.contains("vantage?: Array<VantagePoint>"), "{ts}");
    assert!(ts.contains("kind_remedy?: string"), "{ts}");
    let schema = schemars::schema_for!(Classification);
    let text = serde_json::to_string(&schema).unwrap();
    assert!(text.contains("kind_signals"));
}

#[test]
fn the_findings_doc_matches_the_table() {
    let path = std::path::Path::new(&manifest_dir()).join("../../docs/findings-waf.md");
    let doc = std::fs::read_to_string(&path).expect("docs/findings-waf.md exists");
    for id in preflight_waf::FINDING_IDS {
        assert!(doc.contains(&format!("`{id}`")), "doc lacks finding {id}");
    }
    let origin = SignatureTable::builtin().origin();
    for v in vendors().iter().chain(std::iter::once(origin)) {
        assert!(
            doc.contains(&format!("### `{}`: {}", v.id, v.name)),
            "doc lacks a section for {}",
            v.id
        );
        for step in &v.allowlist {
            assert!(
                doc.contains(step.as_str()),
                "doc has stale steps for {}",
                v.id
            );
        }
    }
}

#[test]
fn a_corrected_table_can_be_used_without_code_changes() {
    let text = r#"
version = 1
[origin]
id = "origin"
name = "Origin"
category = "origin"
allowlist = ["Fix the rule for `OAI-AdsBot`."]
[generic]
signals = []
[[vendors]]
id = "examplecdn"
name = "Example CDN"
category = "cdn"
allowlist = ["Allow `OAI-AdsBot` from https://openai.com/adsbot.json."]
[[vendors.signals]]
kind = "presence"
header = "x-example-edge"
weight = 0.9
[[vendors.signals]]
kind = "block"
status = [451]
requires_presence = true
weight = 0.8
"#;
    let table = SignatureTable::parse(text).unwrap();
    let c = preflight_waf::classify_with(&table, &snap(451, &[("X-Example-Edge", "ams1")], ""));
    assert_eq!(c.vendor.as_ref().unwrap().id, "examplecdn");
    assert_eq!(c.kind, ResponseKind::Block);
    assert_eq!(c.kind_signals, ["HTTP status 451"]);
    // The built-in table knows nothing of it.
    assert!(classify(&snap(451, &[("X-Example-Edge", "ams1")], ""))
        .vendor
        .is_none());
}

/// The crate's folder, read when the test runs: a test binary reused from another checkout of
/// the same sources must still read this checkout's files.
fn manifest_dir() -> String {
    std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_string())
}

#[test]
fn vendors_are_named_as_they_write_their_own_names() {
    let table = preflight_waf::SignatureTable::builtin();
    let expected = [
        ("cloudflare", "Cloudflare"),
        ("akamai", "Akamai"),
        ("aws", "AWS WAF / Amazon CloudFront"),
        ("imperva", "Imperva (Incapsula)"),
        ("sucuri", "Sucuri Website Firewall"),
        ("datadome", "DataDome"),
        ("human", "HUMAN (PerimeterX)"),
        ("fastly", "Fastly"),
        ("vercel", "Vercel Firewall"),
        ("netlify", "Netlify"),
        ("f5", "F5 BIG-IP"),
        ("azure", "Azure Front Door / Application Gateway"),
        ("google-cloud-armor", "Google Cloud Armor"),
        ("wordfence", "Wordfence (WordPress)"),
        ("barracuda", "Barracuda WAF"),
        ("fortinet", "Fortinet FortiWeb / FortiGate"),
        ("radware", "Radware (AppWall, Cloud WAF, Bot Manager)"),
        ("reblaze", "Reblaze"),
        ("modsecurity", "ModSecurity / OWASP Core Rule Set"),
        ("netscaler", "Citrix NetScaler (ADC / AppFirewall)"),
        ("wallarm", "Wallarm"),
        ("paloalto", "Palo Alto Networks firewall"),
        ("checkpoint", "Check Point"),
        ("sophos", "Sophos UTM / Firewall"),
        ("naxsi", "NAXSI (nginx)"),
        ("shield-security", "Shield Security (WordPress)"),
        ("ninjafirewall", "NinjaFirewall (WordPress)"),
        ("bitninja", "BitNinja"),
        ("siteground", "SiteGround"),
        ("imunify360", "Imunify360"),
        ("cloudbric", "Cloudbric"),
        ("alibaba-cloud", "Alibaba Cloud WAF"),
        ("tencent-cloud", "Tencent Cloud WAF"),
        ("huawei-cloud", "Huawei Cloud WAF"),
        ("yundun", "Yundun"),
        ("anquanbao", "Anquanbao"),
        ("sitelock", "SiteLock (TrueShield)"),
        ("godaddy", "GoDaddy Website Security"),
        ("kasada", "Kasada"),
        ("stackpath", "StackPath"),
        ("edgio", "Edgio / Edgecast"),
        ("gcore", "Gcore"),
        ("bunny", "Bunny CDN"),
        ("keycdn", "KeyCDN"),
        ("varnish", "Varnish Cache"),
        ("shopify", "Shopify"),
        ("wix", "Wix"),
        ("squarespace", "Squarespace"),
        ("ddos-guard", "DDoS-Guard"),
        ("qrator", "Qrator"),
        ("myra", "Myra Security"),
        ("link11", "Link11"),
        ("variti", "Variti"),
        ("kinsta", "Kinsta"),
        ("wpengine", "WP Engine"),
        ("azion", "Azion"),
        ("dosarrest", "DOSarrest"),
        ("arvancloud", "ArvanCloud"),
    ];
    for (id, name) in expected {
        assert_eq!(table.vendor_name(id), Some(name), "{id}");
    }
    assert_eq!(
        table.vendors().len(),
        expected.len(),
        "a new vendor needs its name checked here"
    );
    assert_eq!(table.vendor_name("no-such-vendor"), None);
}
