//! One event: its id, type, custom name, time, source, click reference, `user` and `data`.

use preflight_model::{Confidence, Status};
use serde_json::{Map, Value};

use super::{at, finding, quoted_list, show, Located};
use crate::data::{data, CapiData};
use crate::ids;

const MS_PER_MINUTE: i64 = 60_000;
const MS_PER_DAY: i64 = 86_400_000;
/// Below this a "millisecond" time is really seconds (10 digits); above, microseconds.
const SECONDS_CEILING: i64 = 100_000_000_000;
const MICROS_FLOOR: i64 = 100_000_000_000_000;

/// Check one event as it would be judged by OpenAI at `sent_at_ms` (Unix milliseconds).
pub fn check_event(event: &Value, sent_at_ms: i64) -> Vec<Located> {
    let mut out = Vec::new();
    let Value::Object(map) = event else {
        out.push(at("", finding(ids::EVENT_MALFORMED, Status::Fail, "An event is not an object")
            .detail(format!("Each item of “events” must be an object with “id”, “type”, “timestamp_ms” and “data”, but this one is {}.", show(event)))
            .remedy("Send each event as an object.")));
        return out;
    };
    check_fields(map, &mut out);
    check_id(map, &mut out);
    let event_type = check_type(map, &mut out);
    check_custom_name(map, event_type.as_deref(), &mut out);
    check_timestamp(map.get("timestamp_ms"), sent_at_ms, &mut out);
    check_source(map, event_type.as_deref(), &mut out);
    check_oppref(map, &mut out);
    if let Some(v) = map.get("opt_out") {
        if !v.is_boolean() {
            out.push(at(
                "opt_out",
                finding(
                    ids::OPT_OUT_INVALID,
                    Status::Fail,
                    format!("“opt_out” is {}, not true or false", show(v)),
                )
                .detail("“opt_out” is a boolean (default false); any other value is invalid.")
                .remedy("Send “\"opt_out\": true” or “false”, without quotes, or leave it out."),
            ));
        }
    }
    if let Some(user) = map.get("user") {
        out.extend(super::user::check_user(user));
    }
    match map.get("data") {
        None => out.push(at("", finding(ids::DATA_MISSING, Status::Fail, "The event has no “data”")
            .detail("“data” is required on every event, with at least its “type” (the event's data shape).")
            .remedy(match event_type.as_deref().and_then(preflight_pixel::event_definition) {
                Some(def) => format!("Add “\"data\": {{ \"type\": \"{}\" }}” (plus “amount” and “currency” when there is a value).", def.shape),
                None => "Add a “data” object with the event's “type”.".to_string(),
            }))),
        Some(d) => {
            let shape = event_type
                .as_deref()
                .and_then(preflight_pixel::event_definition)
                .map(|def| def.shape);
            for f in preflight_pixel::lint_server_event_data(d, shape.as_deref()) {
                out.push(at("data", f));
            }
        }
    }
    out
}

fn check_fields(map: &Map<String, Value>, out: &mut Vec<Located>) {
    let d = data();
    for key in map.keys() {
        if CapiData::has(&d.event_fields, key) {
            continue;
        }
        let remedy = match d.rename(key) {
            Some(right) if map.contains_key(right) => {
                format!("Remove “{key}”; the event already has “{right}”.")
            }
            Some(right) => format!("Rename “{key}” to “{right}” (OpenAI's name for it)."),
            None => format!(
                "Remove “{key}”; an event accepts only {}.",
                quoted_list(&d.event_fields)
            ),
        };
        let status = if d.rename(key).is_some_and(|r| !map.contains_key(r)) {
            Status::Fail
        } else {
            Status::Warn
        };
        out.push(at(key.clone(), finding(ids::FIELD_UNKNOWN, status, format!("The event has a field OpenAI does not know: “{key}”"))
            .detail("Fields outside the documented event are ignored or get the event rejected; names from other platforms' server APIs (Meta's “event_name”, “event_time”, “user_data”) are the usual cause.")
            .remedy(remedy)));
    }
}

fn check_id(map: &Map<String, Value>, out: &mut Vec<Located>) {
    match map.get("id") {
        None => {
            let hint = match map.get("event_id") {
                Some(v) => format!("The event has “event_id” {}: send that value as “id”.", show(v)),
                None => "Send a unique “id” per conversion (the order or lead number works) and reuse it on retries.".to_string(),
            };
            out.push(at("", finding(ids::ID_MISSING, Status::Fail, "The event has no “id”")
                .detail("“id” is required. It is how OpenAI recognises a retry and pairs the event with the pixel's (the same string as the pixel's “event_id”).")
                .remedy(hint)));
        }
        Some(Value::String(s)) if s.trim().is_empty() => out.push(at("id", finding(ids::ID_MISSING, Status::Fail, "The event's “id” is empty")
            .detail("An empty “id” cannot identify the conversion.")
            .remedy("Send the order, lead or sign-up number as “id”."))),
        Some(Value::String(_)) => {}
        Some(Value::Number(n)) => out.push(at("id", finding(ids::ID_INVALID, Status::Warn, format!("The event's “id” is a number ({n}), not text"))
            .detail("“id” is a string. A number may be rejected, and it will not match the pixel's “event_id”, which is always text.")
            .confidence(Confidence::Medium)
            .remedy(format!("Send “\"id\": \"{n}\"” (in quotes), exactly as the browser sends its “event_id”.")))),
        Some(other) => out.push(at("id", finding(ids::ID_INVALID, Status::Fail, format!("The event's “id” is {}, not text", show(other)))
            .detail("“id” must be a string that identifies the conversion.")
            .remedy("Send the order, lead or sign-up number as a string."))),
    }
}

/// Returns the event type when it is a documented one.
fn check_type(map: &Map<String, Value>, out: &mut Vec<Located>) -> Option<String> {
    let name = match map.get("type") {
        None => {
            let hint = match map.get("event_name").or(map.get("event_type")) {
                Some(v) => format!(
                    "The event has {}: send OpenAI's event name as “type”.",
                    show(v)
                ),
                None => {
                    "Add “type” with a standard event name such as “order_created”, or “custom”."
                        .to_string()
                }
            };
            out.push(at(
                "",
                finding(ids::TYPE_MISSING, Status::Fail, "The event has no “type”")
                    .detail("“type” is required: a standard event name or “custom”.")
                    .remedy(hint),
            ));
            return None;
        }
        Some(Value::String(s)) => s.clone(),
        Some(other) => {
            out.push(at(
                "type",
                finding(
                    ids::TYPE_INVALID,
                    Status::Fail,
                    format!("The event's “type” is {}, not an event name", show(other)),
                )
                .detail("“type” must be a standard event name or “custom”.")
                .remedy("Send the event name as text, e.g. “\"type\": \"order_created\"”."),
            ));
            return None;
        }
    };
    if name == "custom" || preflight_pixel::event_definition(&name).is_some() {
        return Some(name);
    }
    let remedy = match preflight_pixel::suggested_event_name(&name).as_deref() {
        Some("") => format!("OpenAI has no standard event for this step: send “\"type\": \"custom\"” with a “custom_event_name”."),
        Some(right) => format!("Send “\"type\": \"{right}\"” (OpenAI's name for this step)."),
        None => format!("Use one of {} or “custom”.", quoted_list(&preflight_pixel::event_definitions().into_iter().filter(|e| e.name != "custom").map(|e| e.name).collect::<Vec<_>>())),
    };
    out.push(at("type", finding(ids::TYPE_INVALID, Status::Fail, format!("“{name}” is not an OpenAI event type"))
        .detail("OpenAI accepts only its own standard event names or “custom”; names from Meta or Google Analytics, or misspelt names, fail the whole batch.")
        .remedy(remedy)));
    None
}

fn check_custom_name(map: &Map<String, Value>, event_type: Option<&str>, out: &mut Vec<Located>) {
    let name = map.get("custom_event_name");
    let in_data = map
        .get("data")
        .and_then(Value::as_object)
        .is_some_and(|d| d.contains_key("custom_event_name"));
    match (event_type, name) {
        (Some("custom"), None) if !in_data => out.push(at("", finding(ids::CUSTOM_NAME_MISSING, Status::Fail, "Custom event without a “custom_event_name”")
            .detail("A “custom” event needs “custom_event_name” next to “type”; without it the batch is rejected and the event cannot match a custom conversion.")
            .remedy("Add “\"custom_event_name\": \"your_event\"” to the event, exactly as set up in Ads Manager."))),
        (Some("custom"), Some(Value::String(n))) => {
            if let Some(problem) = preflight_pixel::custom_name_problem(n) {
                out.push(at("custom_event_name", finding(ids::CUSTOM_NAME_INVALID, Status::Fail, format!("Custom event name \"{n}\" is not allowed"))
                    .detail(format!("OpenAI rejects this custom event name: {problem}."))
                    .remedy("Use 1–64 letters, digits, “_” or “-”, starting and ending with a letter or digit, and not a standard event name.")));
            } else if n.chars().any(|c| c.is_ascii_uppercase()) {
                out.push(at("custom_event_name", finding(ids::CUSTOM_NAME_UPPERCASE, Status::Warn, format!("Custom event name \"{n}\" has capital letters"))
                    .detail("The Conversions API lowercases custom names; the browser's name must be the same string for the two to deduplicate.")
                    .confidence(Confidence::Medium)
                    .remedy(format!("Use \"{}\" on the server, in the pixel and in Ads Manager.", n.to_ascii_lowercase()))));
            }
        }
        (Some("custom"), Some(other)) => out.push(at("custom_event_name", finding(ids::CUSTOM_NAME_INVALID, Status::Fail, format!("“custom_event_name” is {}, not text", show(other)))
            .detail("The custom event name must be a string.")
            .remedy("Send the name as text, e.g. “\"custom_event_name\": \"quote_requested\"”."))),
        (Some(t), Some(_)) => out.push(at("custom_event_name", finding(ids::CUSTOM_NAME_ON_STANDARD, Status::Fail, format!("“custom_event_name” set on the standard event “{t}”"))
            .detail("“custom_event_name” is only for “custom” events.")
            .remedy(format!("Remove “custom_event_name”, or send the event as “custom” if “{t}” is not the step you mean.")))),
        _ => {}
    }
}

fn check_timestamp(value: Option<&Value>, sent_at_ms: i64, out: &mut Vec<Located>) {
    let d = data();
    let ms = match value {
        None => {
            out.push(at("", finding(ids::TIMESTAMP_MISSING, Status::Fail, "The event has no “timestamp_ms”")
                .detail("“timestamp_ms” (when the conversion happened, in Unix milliseconds) is required.")
                .remedy("Add “\"timestamp_ms\": Date.now()” (JavaScript) or “int(time.time() * 1000)” (Python) at the moment of the conversion.")));
            return;
        }
        Some(Value::Number(n)) if n.as_i64().is_some() => n.as_i64().unwrap_or_default(),
        Some(other) => {
            let parsed = other.as_str().and_then(|s| s.trim().parse::<i64>().ok());
            out.push(at("timestamp_ms", finding(ids::TIMESTAMP_INVALID, Status::Fail, format!("“timestamp_ms” is {}, not a whole number of milliseconds", show(other)))
                .detail("“timestamp_ms” must be an integer: milliseconds since 1 January 1970 UTC. Text, decimals and dates are rejected.")
                .remedy(match parsed {
                    Some(n) => format!("Send the number without quotes: “\"timestamp_ms\": {n}”."),
                    None => "Send Unix time in milliseconds as a number, e.g. 1773892800000.".to_string(),
                })));
            return;
        }
    };
    if (0..SECONDS_CEILING).contains(&ms) {
        out.push(at("timestamp_ms", finding(ids::TIMESTAMP_IN_SECONDS, Status::Fail, format!("“timestamp_ms” {ms} is in seconds, not milliseconds"))
            .detail(format!("The value has {} digits; milliseconds today have 13. Read as milliseconds it is {}, decades ago, so the event is rejected. (Meta's server API takes seconds; OpenAI's takes milliseconds.)", ms.to_string().len(), date(ms)))
            .remedy(format!("Multiply by 1000: “\"timestamp_ms\": {}”.", ms.saturating_mul(1000)))));
        return;
    }
    if ms >= MICROS_FLOOR {
        out.push(at(
            "timestamp_ms",
            finding(
                ids::TIMESTAMP_INVALID,
                Status::Fail,
                format!("“timestamp_ms” {ms} is too large for milliseconds"),
            )
            .detail("The value has more than 13 digits: it looks like microseconds or nanoseconds.")
            .remedy(format!(
                "Send milliseconds: “\"timestamp_ms\": {}”.",
                ms / 1000
            )),
        ));
        return;
    }
    let oldest = sent_at_ms - d.max_age_days * MS_PER_DAY;
    let latest = sent_at_ms + d.max_future_minutes * MS_PER_MINUTE;
    if ms < oldest {
        out.push(at("timestamp_ms", finding(ids::TIMESTAMP_TOO_OLD, Status::Fail, format!("The event is more than {} days old when sent", d.max_age_days))
            .detail(format!("It happened at {} and was sent at {}; OpenAI accepts events from the last {} days only.", date(ms), date(sent_at_ms), d.max_age_days))
            .remedy("Send conversions as they happen (or at least daily); drop older ones from the batch so the rest are accepted.")));
    } else if ms > latest {
        out.push(at("timestamp_ms", finding(ids::TIMESTAMP_IN_FUTURE, Status::Fail, format!("The event is more than {} minutes in the future", d.max_future_minutes))
            .detail(format!("It is dated {} but was sent at {}; OpenAI accepts at most {} minutes ahead. A server clock or time zone is usually off.", date(ms), date(sent_at_ms), d.max_future_minutes))
            .remedy("Use the server's UTC clock in milliseconds (Date.now()) and keep the clock synchronised.")));
    }
}

/// A Unix millisecond time as an RFC 3339 date, or the number when it is out of range.
pub fn date(ms: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp_nanos(ms as i128 * 1_000_000)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_else(|| ms.to_string())
}

fn check_source(map: &Map<String, Value>, event_type: Option<&str>, out: &mut Vec<Located>) {
    let d = data();
    let source = map.get("action_source");
    let source_text = source.and_then(Value::as_str);
    if let Some(v) = source {
        if !source_text.is_some_and(|s| CapiData::has(&d.action_sources, s)) {
            out.push(at("action_source", finding(ids::ACTION_SOURCE_INVALID, Status::Fail, format!("“action_source” {} is not one OpenAI accepts", show(v)))
                .detail(format!("“action_source” must be one of {}.", quoted_list(&d.action_sources)))
                .remedy("Use “web” for conversions on the website, “mobile_app” for app events, “offline” or “physical_store” for the rest.")));
        }
    }
    if let Some(t) = event_type.filter(|t| CapiData::has(&d.app_events, t)) {
        if source_text != Some("mobile_app") {
            out.push(at(
                if source.is_some() {
                    "action_source"
                } else {
                    ""
                },
                finding(
                    ids::APP_EVENT_SOURCE,
                    Status::Fail,
                    format!("App event “{t}” without “action_source”: “mobile_app”"),
                )
                .detail("App events are accepted only with “action_source” set to “mobile_app”.")
                .remedy("Add “\"action_source\": \"mobile_app\"” to the event."),
            ));
        }
    }
    match map.get("source_url") {
        None if source_text == Some("web") => out.push(at("", finding(ids::SOURCE_URL_MISSING, Status::Fail, "A web event has no “source_url”")
            .detail("With “action_source”: “web”, the page where the conversion happened is required as “source_url”.")
            .remedy("Add “source_url” with the page's address (scheme, host and path, e.g. https://shop.example/checkout/done)."))),
        None => {}
        Some(Value::String(s)) => match url::Url::parse(s) {
            Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some() => {
                if u.query().is_some() || u.fragment().is_some() {
                    out.push(at("source_url", finding(ids::SOURCE_URL_HAS_QUERY, Status::Warn, "“source_url” carries a query string or fragment")
                        .detail("OpenAI's own integration sends the page's origin and path only. Query strings often hold personal data (emails, names) or the click reference, which do not belong here.")
                        .remedy(format!("Send “{}” without “?…” and “#…”.", show(&Value::String(format!("{}://{}{}", u.scheme(), u.host_str().unwrap_or_default(), u.path())))))));
                }
            }
            _ => out.push(at("source_url", finding(ids::SOURCE_URL_INVALID, Status::Fail, format!("“source_url” {} is not a web address", show(&Value::String(s.clone()))))
                .detail("“source_url” needs a scheme and a host, e.g. https://shop.example/checkout/done.")
                .remedy("Send the full address of the page, starting with https://."))),
        },
        Some(other) => out.push(at("source_url", finding(ids::SOURCE_URL_INVALID, Status::Fail, format!("“source_url” is {}, not text", show(other)))
            .detail("“source_url” is the page's address as a string.")
            .remedy("Send the full address of the page, starting with https://."))),
    }
}

fn check_oppref(map: &Map<String, Value>, out: &mut Vec<Located>) {
    match map.get("oppref") {
        None => {
            let has_user = map
                .get("user")
                .and_then(Value::as_object)
                .is_some_and(|u| !u.is_empty());
            if !has_user {
                out.push(at("", finding(ids::NO_MATCH_KEYS, Status::Warn, "Nothing ties the event to an ad click")
                    .detail("The event has neither “oppref” (the click reference from the landing URL or the “__oppref” cookie) nor any “user” data, so OpenAI cannot attribute it to a ChatGPT ad.")
                    .remedy("Read “oppref” from the landing URL or the “__oppref” cookie, keep it with the order, and pass it raw; add hashed customer data in “user” where you have it.")));
            }
        }
        Some(Value::String(s)) if s.trim().is_empty() => out.push(at("oppref", finding(ids::OPPREF_INVALID, Status::Warn, "“oppref” is empty")
            .detail("An empty click reference attributes nothing; leave the field out when there is none.")
            .remedy("Send the value read from the landing URL or the “__oppref” cookie, or leave “oppref” out."))),
        Some(Value::String(s)) => {
            let lower = s.to_ascii_lowercase();
            let problem = if lower.starts_with("http") || lower.contains("oppref=") {
                Some(("“oppref” holds a web address or a query string, not the click reference", Status::Fail))
            } else if preflight_pixel::is_sha256_hex(s) {
                Some(("“oppref” looks hashed", Status::Fail))
            } else if ["%3D", "%3d", "%2F", "%2f", "%2B", "%2b"].iter().any(|e| s.contains(e)) {
                Some(("“oppref” looks URL-encoded", Status::Warn))
            } else if s.trim() != s {
                Some(("“oppref” has spaces around it", Status::Warn))
            } else {
                None
            };
            if let Some((title, status)) = problem {
                out.push(at("oppref", finding(ids::OPPREF_ALTERED, status, title)
                    .detail(format!("OpenAI matches “oppref” exactly as it issued it: read it from the landing URL's “oppref” parameter (decoded, as any URL parser gives it) or the “__oppref” cookie and pass it unchanged. This one is {}.", show(&Value::String(s.clone()))))
                    .confidence(Confidence::Medium)
                    .remedy("Pass the value itself, unhashed, decoded and trimmed of nothing but surrounding spaces.")));
            }
        }
        Some(other) => out.push(at("oppref", finding(ids::OPPREF_INVALID, Status::Fail, format!("“oppref” is {}, not text", show(other)))
            .detail("“oppref” is the click reference as a string.")
            .remedy("Pass the value read from the landing URL or the “__oppref” cookie as text."))),
    }
}
