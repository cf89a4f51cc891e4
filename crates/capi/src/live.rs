//! The optional live check: one request to OpenAI's events endpoint with `validate_only: true`,
//! so nothing is recorded. Only ever sent when the user asks; the answer is shown verbatim
//! (with any key masked).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use crate::secrets::mask_keys;

/// Longest answer body kept.
pub const MAX_ANSWER_BYTES: usize = 64 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct LiveAnswer {
    /// The address asked (with the pixel ID).
    pub url: String,
    pub status: u16,
    /// The answer's body as received (cut at 64 KiB, keys masked).
    pub body: String,
    /// How many events were sent for validation.
    pub events_sent: u32,
    /// True for a 2xx answer.
    pub accepted: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum LiveError {
    #[error("The endpoint address “{0}” is not an http(s) address.")]
    BadEndpoint(String),
    #[error("No events to send: the request has no “events” list.")]
    NoEvents,
    #[error("The request could not be sent: {0}")]
    Network(String),
}

/// `body` with `validate_only` forced on and at most the documented batch size of events.
pub fn validation_request(body: &Value) -> Result<(Value, u32), LiveError> {
    let mut body = match body {
        Value::Object(m) => Value::Object(m.clone()),
        Value::Array(events) => serde_json::json!({ "events": events }),
        _ => return Err(LiveError::NoEvents),
    };
    let max = crate::data::data().max_batch;
    let Some(Value::Array(events)) = body.get_mut("events") else {
        return Err(LiveError::NoEvents);
    };
    events.truncate(max);
    let n = events.len() as u32;
    body["validate_only"] = Value::Bool(true);
    Ok((body, n))
}

/// Send `body` for validation only to `endpoint` (e.g. https://bzr.openai.com) for `pixel_id`.
pub async fn validate_live(
    endpoint: &str,
    pixel_id: &str,
    key: &str,
    body: &Value,
) -> Result<LiveAnswer, LiveError> {
    let base = url::Url::parse(endpoint.trim())
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
        .ok_or_else(|| LiveError::BadEndpoint(endpoint.to_string()))?;
    let mut url = events_url(&base).ok_or_else(|| LiveError::BadEndpoint(endpoint.to_string()))?;
    url.query_pairs_mut().append_pair("pid", pixel_id.trim());
    let (body, events_sent) = validation_request(body)?;
    let client = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(30))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| LiveError::Network(e.to_string()))?;
    let response = client
        .post(url.clone())
        .bearer_auth(key.trim())
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .body(serde_json::to_vec(&body).unwrap_or_default())
        .send()
        .await
        .map_err(|e| LiveError::Network(mask_keys(&e.to_string()).into_owned()))?;
    let status = response.status().as_u16();
    let mut bytes = Vec::new();
    let mut response = response;
    while let Ok(Some(chunk)) = response.chunk().await {
        let room = MAX_ANSWER_BYTES.saturating_sub(bytes.len());
        bytes.extend_from_slice(&chunk[..chunk.len().min(room)]);
        if room <= chunk.len() {
            break;
        }
    }
    let text = String::from_utf8_lossy(&bytes);
    Ok(LiveAnswer {
        url: url.to_string(),
        status,
        body: hide_key(&text, key.trim()),
        events_sent,
        accepted: (200..300).contains(&status),
    })
}

/// The answer with the key (if echoed) and anything key-like masked.
fn hide_key(text: &str, key: &str) -> String {
    let text = if key.len() >= 8 {
        text.replace(key, "…")
    } else {
        text.to_string()
    };
    mask_keys(&text).into_owned()
}

/// The events address under `base`, keeping any path the endpoint has (a proxy's prefix).
fn events_url(base: &url::Url) -> Option<url::Url> {
    let mut base = base.clone();
    if !base.path().ends_with('/') {
        let path = format!("{}/", base.path());
        base.set_path(&path);
    }
    base.set_query(None);
    base.join(crate::data::data().events_path.trim_start_matches('/'))
        .ok()
}
