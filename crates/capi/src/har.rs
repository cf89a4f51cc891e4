//! HAR recordings (from a browser's developer tools or a proxy): the requests to the events
//! endpoint, with the pixel ID from their address, when they were sent, what was answered,
//! and whether a browser sent them.

use serde_json::Value;

use crate::data::data;

/// One recorded request to the events endpoint.
pub struct HarRequest {
    pub url: String,
    pub pixel_id: Option<String>,
    /// The request body as recorded; `None` when the recording kept none.
    pub body: Option<String>,
    /// When it was sent (Unix milliseconds), from `startedDateTime`.
    pub sent_at_ms: Option<i64>,
    pub response_status: Option<u16>,
    /// Set when a browser sent it: the header that says so.
    pub browser_evidence: Option<String>,
    /// The headers as one text, for finding keys (`Authorization`).
    pub headers_text: String,
}

/// The entry when it is a POST to the Conversions API events path; `None` for every other
/// request in the recording.
pub fn events_request(entry: &Value) -> Option<HarRequest> {
    let request = entry.get("request")?;
    let method = request.get("method").and_then(Value::as_str).unwrap_or("");
    let url = request.get("url").and_then(Value::as_str)?;
    let parsed = url::Url::parse(url).ok()?;
    if !method.eq_ignore_ascii_case("POST") || !parsed.path().ends_with(&data().events_path) {
        return None;
    }
    let pixel_id = parsed
        .query_pairs()
        .find(|(k, _)| k == "pid")
        .map(|(_, v)| v.into_owned())
        .filter(|v| !v.is_empty());
    let headers: Vec<(String, String)> = request
        .get("headers")
        .and_then(Value::as_array)
        .map(|hs| {
            hs.iter()
                .filter_map(|h| {
                    Some((
                        h.get("name")?.as_str()?.to_string(),
                        h.get("value")?.as_str()?.to_string(),
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    let browser_evidence = headers
        .iter()
        .find(|(n, _)| {
            let n = n.to_ascii_lowercase();
            n == "origin" || n.starts_with("sec-fetch-") || n == "sec-ch-ua"
        })
        .map(|(n, v)| format!("its “{n}: {}” header", crate::secrets::mask_keys(v)));
    let headers_text = headers
        .iter()
        .map(|(n, v)| format!("{n}: {v}"))
        .collect::<Vec<_>>()
        .join("\n");
    let sent_at_ms = entry
        .get("startedDateTime")
        .and_then(Value::as_str)
        .and_then(|t| {
            time::OffsetDateTime::parse(t, &time::format_description::well_known::Rfc3339).ok()
        })
        .map(|t| (t.unix_timestamp_nanos() / 1_000_000) as i64);
    let response_status = entry
        .get("response")
        .and_then(|r| r.get("status"))
        .and_then(Value::as_u64)
        .and_then(|s| u16::try_from(s).ok())
        .filter(|s| *s > 0);
    let body = request
        .get("postData")
        .and_then(|p| p.get("text"))
        .and_then(Value::as_str)
        .map(str::to_string);
    Some(HarRequest {
        url: url.to_string(),
        pixel_id,
        body,
        sent_at_ms,
        response_status,
        browser_evidence,
        headers_text,
    })
}
