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
