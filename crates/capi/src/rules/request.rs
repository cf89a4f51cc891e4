//! The request around the events: the `{"events": [...]}` wrapper, its other fields, and the
//! batch size.

use preflight_model::{Confidence, Status};
use serde_json::{Map, Value};

use super::{at, finding, quoted_list, show, Located};
use crate::data::{data, CapiData};
use crate::ids;

/// Check a request body's fields other than `events` (already streamed), given how many events
/// it held (`None` when it had no `events` array).
pub fn check_root(root: &Map<String, Value>, events: Option<usize>) -> Vec<Located> {
    let d = data();
    let mut out = Vec::new();
    match events {
        None => {
            let found = match root.get("events") {
                Some(v) => format!("“events” is {}, not a list.", show(v)),
                None if root.contains_key("data") => "The events are under “data” (Meta's name); OpenAI answers 400 “Missing required field: events”.".to_string(),
                None => "OpenAI answers 400 “Missing required field: events”.".to_string(),
            };
            out.push(at(
                "",
                finding(
                    ids::EVENTS_WRAPPER_MISSING,
                    Status::Fail,
                    "The request has no “events” list",
                )
                .detail(format!(
                    "A request body is “{{ \"events\": [ … ] }}”. {found}"
                ))
                .remedy("Wrap the events: “{ \"events\": [ {event}, {event} ] }”."),
            ));
        }
        Some(0) => out.push(at(
            "events",
            finding(
                ids::BATCH_EMPTY,
                Status::Warn,
                "The request sends no events",
            )
            .detail("“events” is empty, so the request records nothing.")
            .remedy("Send a request only when there are events to report."),
        )),
        Some(n) if n > d.max_batch => out.push(at(
            "events",
            finding(
                ids::BATCH_TOO_LARGE,
                Status::Fail,
                format!("{n} events in one request; the limit is {}", d.max_batch),
            )
            .detail(format!(
                "OpenAI accepts at most {} events per request; a larger batch fails whole.",
                d.max_batch
            ))
            .remedy(format!(
                "Split the events into requests of at most {} each.",
                d.max_batch
            )),
        )),
        Some(_) => {}
    }
    for (key, value) in root {
        match key.as_str() {
            "events" => {}
            "validate_only" if !value.is_boolean() => out.push(at(key.clone(), finding(ids::ROOT_FIELD_INVALID, Status::Fail, format!("“validate_only” is {}, not true or false", show(value)))
                .detail("“validate_only” is a boolean: true checks the events without recording them.")
                .remedy("Send “\"validate_only\": true” for a test, or leave it out."))),
            "integration_source" => {
                let ok = value.as_str().is_some_and(|s| (1..=d.integration_source_max).contains(&s.chars().count()));
                if !ok {
                    out.push(at(key.clone(), finding(ids::ROOT_FIELD_INVALID, Status::Warn, format!("“integration_source” {} is not 1–{} characters of text", show(value), d.integration_source_max))
                        .detail("“integration_source” names the software sending the events, as a short string.")
                        .confidence(Confidence::Medium)
                        .remedy("Send a short name such as “my-shop-server”, or leave it out.")));
                }
            }
            "user" => out.push(at(key.clone(), finding(ids::USER_AT_ROOT, Status::Fail, "“user” is on the request, not on each event")
                .detail("Customer data belongs to each event (“events[].user”); at the top of the request it is not used for matching.")
                .remedy("Move “user” into every event it belongs to."))),
            "pid" | "pixel_id" | "pixelId" => out.push(at(key.clone(), finding(ids::ROOT_FIELD_INVALID, Status::Fail, format!("The pixel ID is in the body as “{key}”"))
                .detail("The pixel ID goes in the address's query string: POST https://bzr.openai.com/v1/events?pid=<PIXEL-ID>.")
                .remedy("Move the pixel ID to the “pid” query parameter and remove it from the body."))),
            _ if CapiData::has(&d.root_fields, key) => {}
            _ => out.push(at(key.clone(), finding(ids::ROOT_FIELD_INVALID, Status::Warn, format!("The request has a field OpenAI does not know: “{key}”"))
                .detail(format!("A request body accepts only {}.", quoted_list(&d.root_fields)))
                .remedy(format!("Remove “{key}”.")))),
        }
    }
    out
}

/// A request recorded without a `pid` in its address.
pub fn pixel_id_missing(url: &str) -> Located {
    at("", finding(ids::PIXEL_ID_MISSING, Status::Fail, "The request is sent without a pixel ID")
        .detail(format!("The address {} has no “pid” query parameter; OpenAI needs it to know which pixel the events belong to.", show(&Value::String(url.to_string()))))
        .remedy("Send to https://bzr.openai.com/v1/events?pid=<PIXEL-ID>, with the ID from Ads Manager's Conversions tab."))
}

/// A request recorded in a browser (it has an `Origin` or browser fetch headers).
pub fn sent_from_browser(evidence: &str) -> Located {
    at("", finding(ids::SENT_FROM_BROWSER, Status::Fail, "Conversions API request sent from a browser")
        .detail(format!("The recording shows a browser sending it ({evidence}). The Conversions API key then travels to every visitor, who can read it and send fake conversions."))
        .remedy("Revoke the key in Ads Manager, send Conversions API requests from your server only, and use the pixel in the browser with the same event_id."))
}

/// A key found inside the file.
pub fn key_in_payload(path: &str) -> Located {
    at(path, finding(ids::KEY_IN_PAYLOAD, Status::Fail, "A key is stored in this file")
        .detail("The file holds an API key (shown masked). Logs and recordings are shared and kept; a Conversions API key in them lets anyone send conversions to your account.")
        .remedy("Revoke the key in Ads Manager and create a new one; keep keys out of logs (log the body without the Authorization header)."))
}

/// A line of a JSON Lines file that is not JSON.
pub fn line_not_json(line: u64, error: &str) -> Located {
    at(
        "",
        finding(
            ids::LINE_NOT_JSON,
            Status::Fail,
            format!("Line {line} is not JSON"),
        )
        .detail(format!(
            "The line could not be read as JSON ({error}). The other lines were still checked."
        ))
        .remedy("Log one complete JSON request or event per line, without prefixes."),
    )
}

/// A recorded request (HAR entry) whose body is not JSON.
pub fn body_not_json(entry: u64, error: &str) -> Located {
    at("", finding(ids::LINE_NOT_JSON, Status::Fail, format!("The body of entry {entry} is not JSON"))
        .detail(format!("The recorded request body could not be read as JSON ({error}); OpenAI would answer 400."))
        .remedy("Send the body as JSON with “Content-Type: application/json”."))
}

/// A JSON value that is neither a request nor an event.
pub fn not_a_request(value: &Value) -> Located {
    at("", finding(ids::NOT_A_REQUEST, Status::Warn, "A value is neither a request nor an event")
        .detail(format!("Expected “{{ \"events\": [ … ] }}” or an event with “id” and “type”, found {}.", show(value)))
        .remedy("Give the file request bodies, events, or a HAR recording of requests to the events endpoint."))
}

/// Two events of one request with the same type and id.
pub fn duplicate_id(first_index: usize) -> Located {
    at("id", finding(ids::ID_DUPLICATE, Status::Warn, format!("Same “type” and “id” as event {first_index} in this request"))
        .detail("OpenAI keeps the first event with a given type and id and ignores the rest, so this conversion is not counted again.")
        .remedy("Give each conversion its own id; reuse an id only when retrying the same event."))
}
