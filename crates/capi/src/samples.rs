//! Helpers that prevent mistakes: a correct sample request for each event of a funnel (with the
//! hashing of a test email shown step by step), and snippets that read `oppref` on the server.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use ts_rs::TS;

use crate::rules::user::sha256_hex;

/// How a test email becomes `email_sha256`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct HashingShown {
    pub input: String,
    /// Trimmed and lower-cased, as OpenAI documents.
    pub normalised: String,
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct SampleRequest {
    pub event_type: String,
    pub label: String,
    /// The request body, pretty-printed.
    pub body: String,
    /// The same request as a curl command, with the key as a placeholder.
    pub curl: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct Samples {
    pub hashing: HashingShown,
    pub requests: Vec<SampleRequest>,
    pub snippets: Vec<Snippet>,
}

/// Server code that reads `oppref` from the landing URL or the `__oppref` cookie.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct Snippet {
    pub language: String,
    pub code: String,
}

/// The events samples are made for: the funnel's, required first and without repeats, or a lead
/// and an order when there is no funnel.
pub fn sample_events(funnel: Option<&preflight_pixel::Funnel>) -> Vec<String> {
    let mut events: Vec<String> = Vec::new();
    if let Some(f) = funnel {
        for e in f.required.iter().chain(&f.recommended) {
            if !events.contains(e) {
                events.push(e.clone());
            }
        }
    }
    if events.is_empty() {
        events = vec!["lead_created".to_string(), "order_created".to_string()];
    }
    events
}

/// Email normalisation before hashing: trim, lower-case.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

pub fn hashing_of(email: &str) -> HashingShown {
    let normalised = normalise_email(email);
    HashingShown {
        input: email.to_string(),
        sha256: sha256_hex(&normalised),
        normalised,
    }
}

/// Sample requests for `events` (standard names or `custom:<name>`), sent to `pixel_id`, dated
/// `now_ms`, with `test_email` hashed in `user`. Unknown names are skipped.
pub fn samples(
    events: &[String],
    pixel_id: &str,
    test_email: &str,
    now_ms: i64,
    endpoint: &str,
) -> Samples {
    let hashing = hashing_of(test_email);
    let pid = if pixel_id.trim().is_empty() {
        "<PIXEL-ID>"
    } else {
        pixel_id.trim()
    };
    let requests = events
        .iter()
        .enumerate()
        .filter_map(|(i, name)| sample(name, i, pid, &hashing.sha256, now_ms, endpoint))
        .collect();
    Samples {
        hashing,
        requests,
        snippets: snippets(),
    }
}

fn sample(
    name: &str,
    n: usize,
    pid: &str,
    email_hash: &str,
    now_ms: i64,
    endpoint: &str,
) -> Option<SampleRequest> {
    let (event_type, custom) = match name.strip_prefix("custom:") {
        Some(c) => ("custom".to_string(), Some(c.to_ascii_lowercase())),
        None => (name.to_string(), None),
    };
    let def = preflight_pixel::event_definition(&event_type)?;
    let mut data = json!({ "type": def.shape });
    match def.shape.as_str() {
        "contents" => {
            data["amount"] = json!(2599);
            data["currency"] = json!("USD");
            data["contents"] = json!([{ "id": "sku-1", "content_type": "product", "quantity": 1, "amount": 2599 }]);
        }
        "plan_enrollment" => {
            data["plan_id"] = json!("pro-monthly");
            data["amount"] = json!(4900);
            data["currency"] = json!("USD");
        }
        "customer_action" => {}
        _ => {}
    }
    let app = def.name == "app_installed" || def.name == "app_opened";
    let mut event = json!({
        "id": format!("{}-10{:02}", event_type.replace('_', "-"), n + 1),
        "type": event_type,
        "timestamp_ms": now_ms,
        "action_source": if app { "mobile_app" } else { "web" },
        "user": { "email_sha256": email_hash },
        "data": data,
    });
    if !app {
        event["source_url"] = json!("https://www.example.com/thank-you");
        event["oppref"] = json!("<oppref from the landing URL or the __oppref cookie>");
    }
    if let Some(c) = &custom {
        event["custom_event_name"] = json!(c);
    }
    let body = json!({ "validate_only": true, "events": [event] });
    let pretty = serde_json::to_string_pretty(&body).unwrap_or_default();
    let url = format!("{}/v1/events?pid={pid}", endpoint.trim_end_matches('/'));
    let curl = format!(
        "curl -X POST '{url}' \\\n  -H 'Authorization: Bearer $OPENAI_CONVERSIONS_API_KEY' \\\n  -H 'Content-Type: application/json' \\\n  --data '{}'",
        serde_json::to_string(&body).unwrap_or_default().replace('\'', "'\\''")
    );
    Some(SampleRequest {
        label: custom.map_or(def.label.clone(), |c| format!("Custom: {c}")),
        event_type: def.name,
        body: pretty,
        curl,
    })
}

pub fn snippets() -> Vec<Snippet> {
    vec![
        Snippet {
            language: "Node.js (Express)".into(),
            code: include_str!("../data/oppref-express.js").into(),
        },
        Snippet {
            language: "Python (Flask)".into(),
            code: include_str!("../data/oppref-flask.py").into(),
        },
        Snippet {
            language: "PHP".into(),
            code: include_str!("../data/oppref.php").into(),
        },
    ]
}

/// The body as a JSON value (for the live check of a sample).
pub fn body_value(sample: &SampleRequest) -> Value {
    serde_json::from_str(&sample.body).unwrap_or(Value::Null)
}
