//! The client against a loopback server that answers as the Ads API documents: bearer keys,
//! `{"object":"list",…,"has_more","last_id"}` pages continued with `after`, the
//! `{"error":{…}}` envelope, 429 with Retry-After, and server errors.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use preflight_ads::{fetch_destinations, AdsClient, AdsError, ClientOptions, RetryPolicy};
use serde_json::{json, Value};

const KEY: &str = "sk-ads-test-0123456789abcdef";

/// What the fake API answers, and what it was asked.
#[derive(Default)]
struct Api {
    /// Answers to give first for a path, before the normal one (status, Retry-After).
    upsets: HashMap<String, Vec<(u16, Option<&'static str>)>>,
    /// Items per page, whatever `limit` asks (forces pagination).
    page_size: usize,
    /// A list that keeps saying `has_more` with the same `last_id`.
    endless: bool,
    requests: Vec<String>,
}

type Shared = Arc<Mutex<Api>>;

fn campaigns() -> Vec<Value> {
    vec![
        json!({"id":"cmpn_1","name":"Spring launch","status":"active",
               "landing_page_configuration":{"query_string_template":"utm_source=chatgpt&utm_medium=paid&utm_campaign={campaign_id}"}}),
        json!({"id":"cmpn_2","name":"Retargeting","status":"paused","landing_page_configuration":null}),
    ]
}

fn ad_groups(campaign: &str) -> Vec<Value> {
    (1..=3)
        .map(|n| json!({"id": format!("adgrp_{campaign}_{n}"), "name": format!("Group {n}"), "status":"active",
                        "landing_page_configuration": {"query_string_template": if n == 1 {"utm_content={ad_id}"} else {""}}}))
        .collect()
}

fn ads(group: &str) -> Vec<Value> {
    vec![
        json!({"id": format!("ad_{group}_ok"), "name":"Approved card", "status":"active",
               "review_status":"approved", "review":{"status":"approved"},
               "creative":{"type":"chat_card","title":"Plan","target_url":"https://shop.example/plan?ref=1"},
               "serving_issues":[], "updated_at": 1764892800}),
        json!({"id": format!("ad_{group}_blocked"), "name":"Rejected card", "status":"active",
               "review_status":"rejected",
               "review":{"status":"rejected","reason":"crawler_403","screenshot_url":"https://cdn.example/shot.png"},
               "creative":{"type":"chat_card","target_url":"https://shop.example/blocked"},
               "serving_issues":[{"code":"landing_page_crawl_issue"},{"code":"review_not_approved"}],
               "landing_page_configuration":{"query_string_template":"click_id={oppref}"}}),
        json!({"id": format!("ad_{group}_feed"), "name":"Feed ad", "status":"active",
               "creative":{"type":"product_ad_template"}, "review":{"screenshot_url":"javascript:alert(1)"}}),
    ]
}

fn list(api: &Api, items: Vec<Value>, after: Option<&String>) -> Response {
    let start = after
        .and_then(|a| items.iter().position(|i| i["id"] == a.as_str()))
        .map_or(0, |p| p + 1);
    let size = api.page_size.max(1);
    let page: Vec<Value> = items.iter().skip(start).take(size).cloned().collect();
    let has_more = api.endless || start + size < items.len();
    let last_id = if api.endless {
        items.first()
    } else {
        page.last()
    }
    .map(|i| i["id"].clone())
    .unwrap_or(Value::Null);
    Json(json!({"object":"list","data":page,"first_id":null,"last_id":last_id,"has_more":has_more}))
        .into_response()
}

async fn answer(
    State(api): State<Shared>,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
    uri: axum::http::Uri,
) -> Response {
    let mut api = api.lock().unwrap();
    let path = uri.path().to_string();
    api.requests.push(uri.to_string());
    if let Some((status, retry_after)) = api
        .upsets
        .get_mut(&path)
        .and_then(|u| (!u.is_empty()).then(|| u.remove(0)))
    {
        let mut response = (
            StatusCode::from_u16(status).unwrap(),
            Json(json!({"error":{"message":"Slow down or try later.","type":"server_error","param":null,"code":null}})),
        )
            .into_response();
        if let Some(after) = retry_after {
            response
                .headers_mut()
                .insert("retry-after", after.parse().unwrap());
        }
        return response;
    }
    if headers.get("authorization").and_then(|v| v.to_str().ok()) != Some(&format!("Bearer {KEY}"))
    {
        return (
            StatusCode::UNAUTHORIZED,
            Json(json!({"error":{"message":"Missing or invalid key in Authorization header.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}})),
        )
            .into_response();
    }
    if path != "/v1/ad_account"
        && query.get("include[]").map(String::as_str) != Some("serving_issues")
    {
        return (StatusCode::BAD_REQUEST, "include[] missing").into_response();
    }
    let after = query.get("after");
    match path.as_str() {
        "/v1/ad_account" => Json(json!({"id":"adacct_1","name":"Acme","status":"active",
            "landing_page_configuration":{"query_string_template":"utm_source=openai&utm_term=account"}})).into_response(),
        "/v1/campaigns" => list(&api, campaigns(), after),
        "/v1/ad_groups" => match query.get("campaign_id") {
            Some(c) => list(&api, ad_groups(c), after),
            None => (StatusCode::BAD_REQUEST, "campaign_id missing").into_response(),
        },
        "/v1/ads" => match query.get("ad_group_id") {
            Some(g) => list(&api, ads(g), after),
            None => (StatusCode::BAD_REQUEST, "ad_group_id missing").into_response(),
        },
        "/v1/garbage" => "{not json".into_response(),
        _ => StatusCode::NOT_FOUND.into_response(),
    }
}

async fn serve(api: Api) -> (String, Shared) {
    let shared = Arc::new(Mutex::new(api));
    let app = Router::new()
        .fallback(get(answer))
        .with_state(shared.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://{address}/v1"), shared)
}

fn options(base: &str) -> ClientOptions {
    ClientOptions {
        base_url: base.to_string(),
        retry: RetryPolicy {
            attempts: 3,
            first_delay: Duration::from_millis(10),
            max_delay: Duration::from_millis(200),
        },
        request_timeout: Duration::from_secs(5),
        min_interval: Duration::ZERO,
    }
}

#[tokio::test]
async fn every_ad_is_read_across_pages_with_its_templates_review_and_issues() {
    let (base, api) = serve(Api {
        page_size: 2,
        ..Api::default()
    })
    .await;
    let client = AdsClient::new(KEY, options(&base)).unwrap();
    let ads = fetch_destinations(&client).await.expect("destinations");
    // 2 campaigns × 3 ad groups × 3 ads, read two at a time.
    assert_eq!(ads.len(), 18);
    let mut ids: Vec<&str> = ads.iter().map(|a| a.ad.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 18, "no ad twice");

    let blocked = ads
        .iter()
        .find(|a| a.ad.id == "ad_adgrp_cmpn_1_1_blocked")
        .unwrap();
    assert_eq!(blocked.campaign.name, "Spring launch");
    assert_eq!(blocked.ad_group.name, "Group 1");
    assert_eq!(blocked.review.status.as_deref(), Some("rejected"));
    assert_eq!(blocked.review.reason.as_deref(), Some("crawler_403"));
    assert_eq!(
        blocked.review.screenshot_url.as_deref(),
        Some("https://cdn.example/shot.png")
    );
    assert_eq!(
        blocked.serving_issues,
        ["landing_page_crawl_issue", "review_not_approved"]
    );
    assert_eq!(blocked.templates.ad.as_deref(), Some("click_id={oppref}"));
    assert_eq!(
        blocked.templates.ad_account.as_deref(),
        Some("utm_source=openai&utm_term=account")
    );
    // Every level's template applies; on a repeated name the more specific level wins.
    let click = blocked.click_url.as_deref().unwrap();
    for part in [
        "utm_source=chatgpt",
        "utm_medium=paid",
        "utm_campaign={campaign_id}",
        "utm_content={ad_id}",
        "click_id={oppref}",
        "utm_term=account",
    ] {
        assert!(click.contains(part), "{part} in {click}");
    }
    assert!(!click.contains("utm_source=openai"), "{click}");

    let plain = ads
        .iter()
        .find(|a| a.ad.id == "ad_adgrp_cmpn_2_2_ok")
        .unwrap();
    assert!(plain.templates.campaign.is_none() && plain.templates.ad_group.is_none());
    assert_eq!(plain.review.updated_at, Some(1764892800));

    let feed = ads
        .iter()
        .find(|a| a.ad.id == "ad_adgrp_cmpn_1_1_feed")
        .unwrap();
    assert!(feed.target_url.is_none() && feed.click_url.is_none());
    assert!(
        feed.review.screenshot_url.is_none(),
        "only web links are kept"
    );

    let requests = api.lock().unwrap().requests.clone();
    assert!(
        requests.iter().any(|r| r.contains("after=")),
        "pages were continued"
    );
    assert!(
        requests.iter().all(|r| !r.contains(KEY)),
        "the key is never in an address"
    );
}

#[tokio::test]
async fn a_wrong_key_says_so_in_plain_words_without_the_key() {
    let (base, _) = serve(Api::default()).await;
    let client = AdsClient::new("sk-ads-wrong-key-987", options(&base)).unwrap();
    let error = client.ad_account().await.unwrap_err();
    assert!(matches!(error, AdsError::Unauthorized { .. }), "{error:?}");
    let text = error.to_string();
    assert!(
        text.contains("did not accept the Ads API key") && text.contains("invalid key"),
        "{text}"
    );
    assert!(!text.contains("987"));
    assert!(
        !format!("{client:?}").contains("987"),
        "Debug hides the key"
    );
}

#[tokio::test]
async fn rate_limits_and_server_errors_are_retried_then_reported() {
    let mut upsets = HashMap::new();
    upsets.insert(
        "/v1/ad_account".to_string(),
        vec![(429, Some("0")), (503, None)],
    );
    let (base, api) = serve(Api {
        upsets,
        ..Api::default()
    })
    .await;
    let client = AdsClient::new(KEY, options(&base)).unwrap();
    let account = client.ad_account().await.expect("third try answers");
    assert_eq!(account.id, "adacct_1");
    assert_eq!(api.lock().unwrap().requests.len(), 3);

    let mut upsets = HashMap::new();
    upsets.insert("/v1/ad_account".to_string(), vec![(429, Some("1")); 3]);
    let (base, _) = serve(Api {
        upsets,
        ..Api::default()
    })
    .await;
    let client = AdsClient::new(KEY, options(&base)).unwrap();
    let error = client.ad_account().await.unwrap_err();
    assert_eq!(
        error,
        AdsError::RateLimited {
            attempts: 3,
            retry_after: Some(Duration::from_millis(200))
        }
    );

    let mut upsets = HashMap::new();
    upsets.insert("/v1/campaigns".to_string(), vec![(500, None); 3]);
    let (base, _) = serve(Api {
        upsets,
        ..Api::default()
    })
    .await;
    let client = AdsClient::new(KEY, options(&base)).unwrap();
    let error = client.campaigns().await.unwrap_err();
    assert_eq!(
        error,
        AdsError::Unavailable {
            status: 500,
            attempts: 3
        }
    );
    assert_eq!(error.code(), "ads_unavailable");
}

#[tokio::test]
async fn a_list_that_never_ends_or_cannot_be_read_stops_with_a_message() {
    let (base, _) = serve(Api {
        endless: true,
        page_size: 1,
        ..Api::default()
    })
    .await;
    let client = AdsClient::new(KEY, options(&base)).unwrap();
    let error = client.campaigns().await.unwrap_err();
    assert!(matches!(error, AdsError::Unreadable { .. }), "{error:?}");
    assert!(
        error.to_string().contains("no new place to continue"),
        "{error}"
    );
}

#[tokio::test]
async fn bad_settings_and_unreachable_addresses_are_clear() {
    assert_eq!(
        AdsClient::new("  ", ClientOptions::default()).unwrap_err(),
        AdsError::NoKey
    );
    for base in ["ftp://api.example/v1", "not a url", "file:///etc"] {
        let options = ClientOptions {
            base_url: base.into(),
            ..ClientOptions::default()
        };
        assert_eq!(
            AdsClient::new(KEY, options).unwrap_err().code(),
            "ads_bad_base_url"
        );
    }
    // A port nothing listens on.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    let client = AdsClient::new(KEY, options(&format!("http://{address}/v1"))).unwrap();
    let error = client.ad_account().await.unwrap_err();
    assert_eq!(error.code(), "ads_network");
    assert!(error.to_string().contains(&address.to_string()), "{error}");
}
