//! `preflight ads` against a loopback stand-in for OpenAI's Ads API (the documented list
//! envelope and error envelope), with the key passed only through the environment.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::process::{Command, Output};

const KEY: &str = "sk-ads-cli-secret-4242";

/// Answers each request by its path; one connection per request.
fn fake_ads_api() -> String {
    fake_ads_api_for("https://shop.example/boots")
}

fn fake_ads_api_for(target: &str) -> String {
    let target = target.to_string();
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = listener.local_addr().expect("address");
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut request = Vec::new();
            let mut buf = [0u8; 4096];
            while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                match stream.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => request.extend_from_slice(&buf[..n]),
                }
            }
            let text = String::from_utf8_lossy(&request).to_string();
            let path = text.split_whitespace().nth(1).unwrap_or("").to_string();
            let authorised = text
                .lines()
                .any(|l| l.eq_ignore_ascii_case(&format!("authorization: Bearer {KEY}")));
            let (status, body) = if !authorised {
                ("401 Unauthorized", r#"{"error":{"message":"Invalid key.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}"#.to_string())
            } else if path.starts_with("/v1/ad_account") {
                (
                    "200 OK",
                    r#"{"id":"adacct_9","name":"Acme Outdoor","status":"active"}"#.to_string(),
                )
            } else if path.starts_with("/v1/campaigns") {
                ("200 OK", list(r#"{"id":"cmpn_1","name":"Spring"}"#))
            } else if path.starts_with("/v1/ad_groups") {
                ("200 OK", list(r#"{"id":"adgrp_1","name":"Boots"}"#))
            } else if path.starts_with("/v1/ads") {
                (
                    "200 OK",
                    list(
                        r#"{"id":"ad_1","name":"Boot card","review_status":"rejected",
                    "review":{"status":"rejected","reason":"crawler_captcha","screenshot_url":"https://cdn.example/s.png"},
                    "creative":{"target_url":"TARGET"},
                    "landing_page_configuration":{"query_string_template":"utm_source=chatgpt&utm_medium=paid&utm_campaign={campaign_id}"},
                    "serving_issues":[{"code":"landing_page_crawl_issue"}]}"#
                            .replace("TARGET", &target)
                            .as_str(),
                    ),
                )
            } else {
                ("404 Not Found", "{}".to_string())
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    format!("http://{address}/v1")
}

fn list(item: &str) -> String {
    format!(
        r#"{{"object":"list","data":[{item}],"first_id":null,"last_id":null,"has_more":false}}"#
    )
}

fn ads(args: &[&str], key: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_preflight"));
    command
        .arg("ads")
        .args(args)
        .env_remove("OPENAI_ADS_API_KEY");
    if let Some(key) = key {
        command.env("OPENAI_ADS_API_KEY", key);
    }
    command.output().expect("run preflight")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn check_names_the_account_and_list_shows_each_ad_with_openais_verdict() {
    let base = fake_ads_api();
    let out = ads(&["check", "--base-url", &base], Some(KEY));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("Acme Outdoor (adacct_9)"),
        "{}",
        text(&out.stdout)
    );

    let out = ads(&["list", "--base-url", &base], Some(KEY));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    assert!(
        shown.contains("Spring › Boots › Boot card (ad_1)"),
        "{shown}"
    );
    assert!(shown.contains("utm_campaign={campaign_id}"), "{shown}");
    assert!(
        shown.contains("CAPTCHA"),
        "the reason in plain words: {shown}"
    );
    assert!(shown.contains("https://cdn.example/s.png"), "{shown}");
    assert!(shown.contains("could not use the landing page"), "{shown}");

    let out = ads(
        &["list", "--base-url", &base, "--format", "json"],
        Some(KEY),
    );
    let listed: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(listed[0]["review"]["reason"], "crawler_captcha");
    assert_eq!(listed[0]["serving_issues"][0], "landing_page_crawl_issue");
}

#[test]
fn a_missing_or_wrong_key_is_a_clear_error_that_never_prints_the_key() {
    let base = fake_ads_api();
    let out = ads(&["check", "--base-url", &base], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("No Ads API key"),
        "{}",
        text(&out.stderr)
    );

    let out = ads(&["check", "--base-url", &base], Some("sk-ads-wrong-7777"));
    assert_eq!(out.status.code(), Some(2));
    let error = text(&out.stderr);
    assert!(error.contains("did not accept the Ads API key"), "{error}");
    assert!(!error.contains("7777") && !text(&out.stdout).contains("7777"));
}

#[test]
fn match_sets_openais_review_beside_the_saved_audit() {
    let site = preflight_fixtures::FixtureSite::start();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("preflight.db");
    let db_s = db.to_str().unwrap();
    let page = site.url("/ok");
    let out = Command::new(env!("CARGO_BIN_EXE_preflight"))
        .args(["check", &page, "--save", "--client", "Acme", "--db", db_s])
        .env_remove("PREFLIGHT_DB")
        .output()
        .unwrap();
    assert!(
        text(&out.stderr).contains("saved as audit"),
        "{}",
        text(&out.stderr)
    );

    // OpenAI saw a CAPTCHA the day of the review; this audit reaches the page.
    let base = fake_ads_api_for(&page);
    let out = ads(
        &[
            "match",
            "--base-url",
            &base,
            "--client",
            "Acme",
            "--db",
            db_s,
            "--format",
            "json",
        ],
        Some(KEY),
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let matched: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(matched[0]["agreement"], "explainable", "{matched}");
    assert_eq!(matched[0]["page_url"], page.as_str());

    let out = ads(
        &[
            "match",
            "--base-url",
            &base,
            "--client",
            "Acme",
            "--db",
            db_s,
        ],
        Some(KEY),
    );
    let shown = text(&out.stdout);
    assert!(
        shown.contains("Differs, likely explained") && shown.contains("IP addresses"),
        "{shown}"
    );
}

#[test]
fn connect_keeps_the_key_for_the_client_and_import_uses_it_without_duplicates() {
    use preflight_fixtures::ads_api::{FakeAd, FakeAdsApi};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("preflight.db");
    let db_s = db.to_str().unwrap();
    preflight_session::open_store(&db)
        .unwrap()
        .create_client("Acme")
        .unwrap();
    let key = "sk-ads-connect-cli-8181";
    let api = FakeAdsApi::start(
        key,
        vec![
            FakeAd::approved("ad_1", "https://shop.example/boots"),
            FakeAd::approved("ad_2", "https://shop.example/tents").rejected("robots_txt"),
        ],
    );
    let base = api.base_url();
    let with = |args: &[&str], key: Option<&str>| {
        let mut all = args.to_vec();
        all.extend(["--client", "Acme", "--db", db_s, "--base-url", &base]);
        ads(&all, key)
    };

    let out = with(&["connect"], None);
    assert_eq!(out.status.code(), Some(2), "a key must be given to connect");
    let out = with(&["connect"], Some(key));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("Acme Outdoor"),
        "{}",
        text(&out.stdout)
    );

    // From now on the key comes from the keychain.
    let out = with(&["import"], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("2 new"), "{}", text(&out.stdout));
    let out = with(&["import", "--format", "json"], None);
    let counts: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(
        (counts["unchanged"].as_u64(), counts["pages_added"].as_u64()),
        (Some(2), Some(0))
    );
    let pages = preflight_store::Store::open(&db)
        .unwrap()
        .list_pages(1)
        .unwrap();
    assert_eq!(pages.len(), 2);

    let raw = std::fs::read(&db).unwrap();
    assert!(!raw.windows(key.len()).any(|w| w == key.as_bytes()));

    let out = with(&["disconnect"], None);
    assert!(
        text(&out.stdout).contains("removed"),
        "{}",
        text(&out.stdout)
    );
    let out = with(&["import"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("No Ads API key"),
        "{}",
        text(&out.stderr)
    );
}

/// The saved audit, the imported ads and the imported log meet in the exports' "What OpenAI saw".
#[test]
fn the_exports_carry_what_openai_saw_from_the_ads_and_the_log() {
    use preflight_fixtures::ads_api::{FakeAd, FakeAdsApi};
    let site = preflight_fixtures::FixtureSite::start();
    let ok = site.url("/ok");
    let blocked = site.url("/blocks-adsbot");
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("preflight.db");
    let db_s = db.to_str().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_preflight"))
        .args([
            "check", &ok, &blocked, "--save", "--client", "Acme", "--db", db_s,
        ])
        .env_remove("PREFLIGHT_DB")
        .output()
        .unwrap();
    let said = text(&out.stderr);
    let audit = said
        .split("saved as audit ")
        .nth(1)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .unwrap_or_else(|| panic!("no audit id in: {said}"))
        .to_string();

    let key = "sk-ads-export-cli-5150";
    let api = FakeAdsApi::start(
        key,
        vec![
            FakeAd::approved("ad_1", &ok).rejected("crawler_403"),
            FakeAd::approved("ad_2", &blocked).rejected("crawler_bot_blocked"),
        ],
    );
    let base = api.base_url();
    let out = ads(
        &[
            "import",
            "--client",
            "Acme",
            "--db",
            db_s,
            "--base-url",
            &base,
        ],
        Some(key),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));

    // The real crawler (an address in the list) refused on /ok, where this audit got through.
    let log = dir.path().join("access.log");
    let ranges = dir.path().join("adsbot.json");
    std::fs::write(
        &ranges,
        r#"{"creationTime":"2026-12-01T00:00:00","prefixes":[{"ipv4Prefix":"192.0.2.0/25"}]}"#,
    )
    .unwrap();
    std::fs::write(
        &log,
        "192.0.2.10 - - [04/Dec/2026:09:00:00 +0000] \"GET /ok HTTP/1.1\" 403 512 \"-\" \"Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko); compatible; OAI-AdsBot/1.0; +https://openai.com/adsbot\"\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_preflight"))
        .args(["logs", "import", log.to_str().unwrap(), "--client", "Acme"])
        .args(["--ranges", ranges.to_str().unwrap(), "--db", db_s])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "the real crawler was refused: {}",
        text(&out.stderr)
    );

    let json = dir.path().join("audit.json");
    let pdf = dir.path().join("audit.pdf");
    let out = Command::new(env!("CARGO_BIN_EXE_preflight"))
        .args(["export", &audit, "--db", db_s])
        .args([
            "--json",
            json.to_str().unwrap(),
            "--pdf",
            pdf.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let export: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    let seen = &export["what_openai_saw"];
    let page = |url: &str| {
        seen["pages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["url"] == url)
            .unwrap_or_else(|| panic!("{url} in {seen}"))
            .clone()
    };
    assert_eq!(page(&ok)["ads"][0]["agreement"], "explainable", "{seen}");
    assert_eq!(page(&ok)["log"]["last_status"], 403);
    assert_eq!(page(&ok)["log_finding"]["id"], "log-refused-audit-reached");
    assert_eq!(page(&blocked)["ads"][0]["agreement"], "agree", "{seen}");
    assert!(!std::fs::read_to_string(&json).unwrap().contains(key));
    let pdf_text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let pdf_text = text(&pdf_text.stdout);
    assert!(pdf_text.contains("What OpenAI saw"), "{pdf_text}");
}
