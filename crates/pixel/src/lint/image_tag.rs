//! The no-JavaScript image tag, `https://bzr.openai.com/v1/sdk/events?pid=…&event=…&data[type]=…`:
//! its parameters are read into the same (name, data, options) shape as a `measure` call so the
//! payload lint applies unchanged, plus the tag's own rules (pid present, each parameter once,
//! no unknown parameters).

use preflight_model::{Finding, Status};
use serde_json::{Map, Number, Value};
use url::Url;

use super::payload;
use crate::data::data;
use crate::finding::finding;
use crate::ids;

/// What an image tag sends, read from its URL.
#[derive(Debug, Clone)]
pub struct ImageTag {
    pub pixel_id: Option<String>,
    pub event: Value,
    pub data: Value,
    pub options: Value,
    pub findings: Vec<Finding>,
}

/// `from_code`: the URL is a string in a script, possibly only the start of a URL that the code
/// completes at run time, so empty or templated values count as unknown, not missing.
pub fn read_image_tag(url: &Url, from_code: bool) -> ImageTag {
    let sdk = &data().sdk;
    let mut findings = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    let mut data_map = Map::new();
    let mut options = Map::new();
    let mut pixel_id = None;
    let mut event = None;
    for (key, value) in url.query_pairs() {
        let (key, mut value) = (key.into_owned(), value.into_owned());
        if from_code && (value.is_empty() || value.contains("${")) {
            value = crate::types::DYNAMIC.to_string();
        }
        if seen.contains(&key) {
            findings.push(
                finding(ids::IMAGE_TAG_PARAM_DUPLICATED, Status::Fail, format!("Image tag repeats the parameter “{key}”"))
                    .detail("Each image tag parameter may appear only once; a repeated one gets the request rejected.")
                    .remedy(format!("Keep a single “{key}=” in the image URL.")),
            );
            continue;
        }
        seen.push(key.clone());
        if let Some(field) = key.strip_prefix("data[").and_then(|k| k.strip_suffix(']')) {
            data_map.insert(field.to_string(), query_value(field, &value));
            continue;
        }
        if key.starts_with("data[") {
            // Nested item fields such as data[contents][0][id]: accepted, not linted.
            continue;
        }
        match key.as_str() {
            "pid" => pixel_id = Some(value),
            "event" => event = Some(value),
            "custom_event_name" | "event_id" => {
                options.insert(key, Value::String(value));
            }
            k if sdk.image_tag_params.iter().any(|p| p == k) => {}
            _ => findings.push(
                finding(ids::IMAGE_TAG_PARAM_UNKNOWN, Status::Fail, format!("Image tag has an unknown parameter “{key}”"))
                    .detail(format!("The image tag accepts only {} and “data[…]” fields; unknown parameters get the request rejected.", sdk.image_tag_params.iter().map(|p| format!("“{p}”")).collect::<Vec<_>>().join(", ")))
                    .remedy(format!("Remove “{key}=” from the image URL (or send it as “data[{key}]” if it is a documented data field).")),
            ),
        }
    }
    if pixel_id.as_deref().is_none_or(str::is_empty) && !from_code {
        findings.push(
            finding(ids::IMAGE_TAG_PID_MISSING, Status::Fail, "Image tag has no pixel ID (“pid”)")
                .detail("Without “pid” OpenAI cannot tell which pixel the event belongs to, and the request is rejected.")
                .remedy("Add “pid=<your pixel ID>” to the image URL."),
        );
    }
    let event = event.map_or(Value::Null, Value::String);
    let data = Value::Object(data_map);
    let options = Value::Object(options);
    if !event.is_null() {
        findings.extend(payload::lint_event(&event, Some(&data), Some(&options)));
    } else if !from_code {
        findings.push(
            finding(
                ids::EVENT_NAME_INVALID,
                Status::Fail,
                "Image tag has no “event” parameter",
            )
            .detail("The image tag must name the event it sends, e.g. “event=page_viewed”.")
            .remedy("Add “event=<standard event name>” to the image URL."),
        );
    }
    ImageTag {
        pixel_id: pixel_id.filter(|p| !p.is_empty() && p != crate::types::DYNAMIC),
        event,
        data,
        options,
        findings,
    }
}

/// Query values are text; amounts and quantities are read as numbers so the integer rules apply
/// as they would to a `measure` call.
fn query_value(field: &str, value: &str) -> Value {
    if matches!(field, "amount" | "quantity") {
        if let Ok(i) = value.trim().parse::<i64>() {
            return Value::Number(Number::from(i));
        }
        if let Some(n) = value.trim().parse::<f64>().ok().and_then(Number::from_f64) {
            return Value::Number(n);
        }
    }
    Value::String(value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids_of(tag: &ImageTag) -> Vec<&str> {
        tag.findings.iter().map(|f| f.id.as_str()).collect()
    }

    #[test]
    fn documented_example_is_clean() {
        let url = Url::parse("https://bzr.openai.com/v1/sdk/events?pid=Q3EEHmNNmitscStzPbzSGs&event=page_viewed&data[type]=contents").unwrap();
        let tag = read_image_tag(&url, false);
        assert!(tag.findings.is_empty(), "{:#?}", tag.findings);
        assert_eq!(tag.pixel_id.as_deref(), Some("Q3EEHmNNmitscStzPbzSGs"));
    }

    #[test]
    fn problems_are_reported() {
        let url = Url::parse("https://bzr.openai.com/v1/sdk/events?event=Purchase&event=Purchase&data[amount]=25.99&foo=1").unwrap();
        let tag = read_image_tag(&url, false);
        let ids = ids_of(&tag);
        for id in [
            ids::IMAGE_TAG_PARAM_DUPLICATED,
            ids::IMAGE_TAG_PARAM_UNKNOWN,
            ids::IMAGE_TAG_PID_MISSING,
            ids::EVENT_NAME_INVALID,
        ] {
            assert!(ids.contains(&id), "{id} missing from {ids:?}");
        }
    }
}
