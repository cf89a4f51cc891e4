//! Checks one conversion event: its name, its data (the third `measure` argument) and its
//! options (the fourth). The caller attaches the evidence (call text and location).

use preflight_model::{Confidence, Finding, Status};
use serde_json::{Map, Value};

use super::{is_dynamic, show};
use crate::data::data;
use crate::finding::finding;
use crate::ids;
use crate::js::SPREAD_KEY;

const MAX_CUSTOM_NAME: usize = 64;

/// Who sends the event data: the browser pixel (`measure`'s third argument) or a server through
/// the Conversions API (an event's `data`). The shapes are the same; a few keys differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Pixel,
    ConversionsApi,
}

/// Lint an event's `data` as sent to the Conversions API, for an event whose documented data
/// shape is `shape` (`contents`, `customer_action`, …); `None` when the event name is unknown.
pub fn lint_server_event_data(data: &Value, shape: Option<&str>) -> Vec<Finding> {
    let mut out = Vec::new();
    match data {
        Value::Object(map) => check_data(map, shape, Channel::ConversionsApi, &mut out),
        other => out.push(
            finding(ids::EVENT_TYPE_MISMATCH, Status::Fail, "Event “data” is not an object")
                .detail(format!("“data” must be an object like “{{ \"type\": \"contents\", \"amount\": 2599, \"currency\": \"USD\" }}”, but this event sends {}.", show(other)))
                .remedy("Send “data” as an object whose “type” is the event's data shape."),
        ),
    }
    out
}

/// What OpenAI calls the step another platform (or a misspelling) names `name`: `Some("")`
/// when OpenAI has no standard event for it, `None` when nothing is known.
pub fn suggested_event_name(name: &str) -> Option<String> {
    let d = data();
    d.events
        .wrong_name
        .iter()
        .find(|w| w.name == name)
        .map(|w| w.use_instead.clone())
        .or_else(|| {
            ["meta", "ga4", "google_ads"]
                .iter()
                .find_map(|p| d.mapping(p, name))
                .map(|m| m.openai.clone())
        })
        .or_else(|| {
            let lower = name.to_ascii_lowercase();
            d.event(&lower).map(|e| e.name.clone())
        })
}

/// Lint an event given its name, data and options arguments as written.
pub fn lint_event(name: &Value, data_arg: Option<&Value>, options: Option<&Value>) -> Vec<Finding> {
    let mut out = Vec::new();
    let shape = match name {
        Value::String(n) if !is_dynamic(name) => check_name(n, &mut out),
        _ => {
            out.push(
                finding(ids::EVENT_NAME_DYNAMIC, Status::Info, "Event name is computed when the page runs")
                    .detail("The event name is not written in the page code, so this scan cannot tell which event it is. A rendered check (or the pixel's debug mode) shows the real name.")
                    .remedy("No change needed if the computed name is one of OpenAI's standard event names; confirm it in the browser console with debug mode on."),
            );
            None
        }
    };
    let event_name = name.as_str().unwrap_or_default();
    let is_custom = event_name == "custom";

    match data_arg {
        None => out.push(
            finding(ids::EVENT_DATA_MISSING, Status::Warn, format!("“{event_name}” is sent without event data"))
                .detail("OpenAI's pixel docs make the event data (the third argument of “measure”) required, with a “type” that matches the event. Without it the event may be rejected or carry no value.")
                .remedy(match &shape {
                    Some(s) => format!("Add a third argument such as “{{ type: \"{s}\" }}” (plus “amount” and “currency” when there is a value)."),
                    None => "Add a third argument with the event's “type” (and “amount”/“currency” when there is a value).".to_string(),
                }),
        ),
        Some(v) if is_dynamic(v) => {}
        Some(Value::Object(map)) => check_data(map, shape.as_deref(), Channel::Pixel, &mut out),
        Some(other) => out.push(
            finding(ids::EVENT_TYPE_MISMATCH, Status::Fail, "Event data is not an object")
                .detail(format!("The event data should be an object like “{{ type: \"contents\", amount: 2599, currency: \"USD\" }}”, but the page passes {}.", show(other)))
                .remedy("Pass an object as the third argument of “measure”."),
        ),
    }

    let props = data_arg.and_then(Value::as_object);
    let custom_name_in_props = props.is_some_and(|p| p.contains_key("custom_event_name"));
    match options {
        Some(v) if is_dynamic(v) => {}
        Some(Value::Object(opts)) => {
            check_options(opts, event_name, shape.is_some(), &mut out);
        }
        Some(Value::Null) | None => {
            if is_custom && !custom_name_in_props {
                out.push(missing_custom_name());
            }
        }
        Some(other) => out.push(
            finding(ids::OPTION_UNKNOWN, Status::Warn, "Event options are not an object")
                .detail(format!("The fourth argument of “measure” should be an object such as “{{ event_id: \"order-123\" }}”, but the page passes {}.", show(other)))
                .remedy("Pass the options as an object, or leave the argument out."),
        ),
    }
    out
}

/// Checks the event name; returns the data shape it expects when the name is valid.
fn check_name(name: &str, out: &mut Vec<Finding>) -> Option<String> {
    let d = data();
    if let Some(event) = d.event(name) {
        if event.pixel {
            return Some(event.shape.clone());
        }
        out.push(
            finding(ids::EVENT_NAME_INVALID, Status::Fail, format!("“{name}” is a Conversions API event, not a pixel event"))
                .detail(format!("“{name}” is accepted only from a server, for app events. The browser pixel does not send it."))
                .remedy("Send app events from your server through the Conversions API, or use a web event such as “registration_completed”."),
        );
        return None;
    }
    let suggestion =
        suggested_event_name(name).filter(|s| s.is_empty() || d.event(s).is_some_and(|e| e.pixel));
    let (title, remedy) = match suggestion.as_deref() {
        Some("") => (
            format!("“{name}” is not an OpenAI event name"),
            format!("OpenAI has no standard event for this step. Send “oaiq(\"measure\", \"custom\", {{ type: \"custom\" }}, {{ custom_event_name: \"{}\" }})”, or drop it if you do not optimise for it.", custom_name_from(name)),
        ),
        Some(right) => (
            format!("“{name}” is not an OpenAI event name; use “{right}”"),
            format!("Rename the event to “{right}” (OpenAI's name for this step)."),
        ),
        None => (
            format!("“{name}” is not an OpenAI event name"),
            format!("Use one of the standard events ({}) or send “custom” with “{{ custom_event_name: \"{}\" }}” in the fourth argument.", standard_list(), custom_name_from(name)),
        ),
    };
    out.push(
        finding(ids::EVENT_NAME_INVALID, Status::Fail, title)
            .detail("OpenAI only counts its own standard event names (or “custom”). Names from Meta or Google Analytics, or misspelt names, are rejected and never reach your campaign's conversion reporting.")
            .remedy(remedy),
    );
    None
}

fn standard_list() -> String {
    data()
        .pixel_standard_events()
        .map(|e| format!("“{}”", e.name))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A valid custom name derived from another platform's name (`AddToWishlist` → `add_to_wishlist`).
fn custom_name_from(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 && !out.ends_with('_') {
            out.push('_');
        }
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    let trimmed: String = out
        .trim_matches('_')
        .chars()
        .take(MAX_CUSTOM_NAME - 7)
        .collect();
    let name = trimmed.trim_end_matches('_');
    if name.is_empty() {
        "my_event".into()
    } else if data().event(name).is_some() {
        format!("{name}_custom")
    } else {
        name.to_string()
    }
}

fn check_data(
    map: &Map<String, Value>,
    shape: Option<&str>,
    channel: Channel,
    out: &mut Vec<Finding>,
) {
    let d = data();
    if let Some(shape) = shape {
        match map.get("type") {
            None => out.push(
                finding(ids::EVENT_TYPE_MISMATCH, Status::Fail, format!("Event data has no “type” (expected \"{shape}\")"))
                    .detail("Every event's data must say which shape it uses in “type”. It is required.")
                    .remedy(format!("Add “type: \"{shape}\"” to the event data.")),
            ),
            Some(v) if is_dynamic(v) => {}
            Some(Value::String(t)) if t == shape => {}
            Some(other) => out.push(
                finding(ids::EVENT_TYPE_MISMATCH, Status::Fail, format!("Event data “type” is {} but this event needs \"{shape}\"", show(other)))
                    .detail("The “type” must match the event's data shape: “contents” for page, product, cart, checkout and order events; “customer_action” for leads, registrations and appointments; “plan_enrollment” for trials and subscriptions; “custom” for custom events.")
                    .remedy(format!("Set “type: \"{shape}\"”.")),
            ),
        }
    }
    let allowed = shape.and_then(|s| d.events.shape.get(s)).map(|s| &s.fields);
    for (key, value) in map {
        if key == SPREAD_KEY || key == crate::types::DYNAMIC {
            continue;
        }
        if d.events.options_only_keys.iter().any(|k| k == key) {
            out.push(option_in_data(key, value, channel));
            continue;
        }
        if key == "user" {
            out.push(match channel {
                Channel::Pixel => finding(ids::USER_IN_MEASURE, Status::Fail, "Customer data is passed to “measure” instead of “init”")
                    .detail("The “user” object belongs in “init”. Passed with an event it is not used for matching.")
                    .remedy("Remove “user” from the event and call “oaiq(\"init\", { pixelId, user: { … } })” again once you have the customer's details."),
                Channel::ConversionsApi => finding(ids::USER_IN_MEASURE, Status::Fail, "“user” is inside the event's “data”")
                    .detail("The Conversions API reads customer data from the event's own “user” object, next to “data”, not inside it; here it is not used for matching.")
                    .remedy("Move “user” out of “data” to the event itself: “{ \"id\": …, \"type\": …, \"user\": { … }, \"data\": { … } }”."),
            });
            continue;
        }
        if channel == Channel::ConversionsApi && shape == Some("custom") {
            // The Conversions API accepts extra keys of the advertiser's own on custom events.
            continue;
        }
        let Some(allowed) = allowed else { continue };
        if allowed.iter().any(|f| f == key) {
            continue;
        }
        let better = d.events.wrong_field.iter().find(|w| w.name == *key);
        let remedy = match better {
            Some(w) if d.events.option_keys.contains(&w.use_instead) => format!("Send it as “{}” in the fourth argument (the options) instead of “{key}” in the data.", w.use_instead),
            Some(w) => format!("Use “{}” instead of “{key}”.", w.use_instead),
            None if key == "contents" => "This event's shape takes no “contents”; remove it.".to_string(),
            None => format!("Remove “{key}”; this event's data accepts only {}.", allowed.iter().map(|f| format!("“{f}”")).collect::<Vec<_>>().join(", ")),
        };
        out.push(
            finding(ids::DATA_FIELD_UNKNOWN, Status::Warn, format!("Event data has a field OpenAI does not use: “{key}”"))
                .detail("Fields outside the documented shape are ignored (and may get the event rejected), so anything they carry is lost.")
                .remedy(remedy),
        );
    }
    let event_currency = map.get("currency");
    check_money(map, "the event", None, out);
    match map.get("contents") {
        None => {}
        Some(v) if is_dynamic(v) => {}
        Some(Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                check_content_item(i + 1, item, event_currency, channel, out);
            }
        }
        Some(other) => out.push(
            finding(ids::CONTENTS_MALFORMED, Status::Fail, "“contents” is not a list")
                .detail(format!("“contents” must be an array of items such as “[{{ id: \"sku-1\", quantity: 1 }}]”, but the page passes {}.", show(other)))
                .remedy("Send “contents” as an array of item objects."),
        ),
    }
}

/// An options key (`event_id`, `custom_event_name`) found inside the event data.
fn option_in_data(key: &str, value: &Value, channel: Channel) -> Finding {
    let f = finding(
        ids::OPTION_IN_PROPS,
        Status::Fail,
        format!(
            "“{key}” is inside the event data instead of {}",
            match channel {
                Channel::Pixel => "the options",
                Channel::ConversionsApi => "on the event itself",
            }
        ),
    );
    match (channel, key) {
        (Channel::Pixel, _) => f
            .detail(format!("“{key}” is read only from the fourth argument of “measure” (the options). Inside the event data it is ignored, so {}.", if key == "event_id" { "browser and server events cannot be deduplicated" } else { "the custom event has no name and cannot match a conversion" }))
            .remedy(format!("Move “{key}: {}” into the fourth argument: “oaiq(\"measure\", name, data, {{ {key}: … }})”.", show(value))),
        (Channel::ConversionsApi, "event_id") => f
            .detail("The Conversions API deduplicates on the event's own “id” (the same string as the pixel's “event_id”); an “event_id” inside “data” is ignored.")
            .remedy(format!("Send {} as the event's “id”, next to “type”, and remove it from “data”.", show(value))),
        (Channel::ConversionsApi, _) => f
            .detail(format!("The Conversions API reads “{key}” at the event's level, next to “type”; inside “data” it is ignored, so the custom event has no name and the whole batch may be rejected."))
            .remedy(format!("Move “\"{key}\": {}” out of “data” to the event itself.", show(value))),
    }
}

fn check_content_item(
    n: usize,
    item: &Value,
    event_currency: Option<&Value>,
    channel: Channel,
    out: &mut Vec<Finding>,
) {
    let d = data();
    let map = match item {
        v if is_dynamic(v) => return,
        Value::Object(map) => map,
        other => {
            out.push(
                finding(ids::CONTENTS_MALFORMED, Status::Fail, format!("Item {n} of “contents” is not an object"))
                    .detail(format!("Each item must be an object like “{{ id: \"sku-1\", quantity: 1, amount: 2599 }}”, but item {n} is {}.", show(other)))
                    .remedy("Send each item as an object with the documented keys."),
            );
            return;
        }
    };
    for key in map.keys() {
        if key == SPREAD_KEY || key == crate::types::DYNAMIC || d.events.content_keys.contains(key)
        {
            continue;
        }
        let capi_only = d.events.content_keys_capi_only.contains(key);
        if capi_only && channel == Channel::ConversionsApi {
            continue;
        }
        out.push(
            finding(ids::CONTENT_KEY_UNKNOWN, Status::Warn, format!("Item {n} of “contents” has an undocumented key: “{key}”"))
                .detail(if capi_only {
                    format!("“{key}” is accepted by the Conversions API only, not by the browser pixel.")
                } else {
                    "The pixel accepts only six keys in each item: “id”, “name”, “content_type”, “quantity”, “amount”, “currency”.".to_string()
                })
                .confidence(Confidence::Medium)
                .remedy(format!("Remove “{key}” from the item (or map it to one of “id”, “name”, “content_type”, “quantity”, “amount”, “currency”).")),
        );
    }
    match map.get("quantity") {
        None => {}
        Some(v) if is_dynamic(v) => {}
        Some(Value::Number(q)) if q.is_i64() || q.is_u64() => {}
        Some(other) => out.push(
            finding(
                ids::QUANTITY_NOT_INTEGER,
                Status::Fail,
                format!(
                    "Item {n} has a quantity that is not a whole number: {}",
                    show(other)
                ),
            )
            .detail("“quantity” must be an integer (a number without quotes or decimals).")
            .remedy(
                match other.as_str().and_then(|s| s.trim().parse::<i64>().ok()) {
                    Some(q) => format!("Send “quantity: {q}” (a number, not text)."),
                    None => "Send the quantity as a whole number, e.g. “quantity: 1”.".to_string(),
                },
            ),
        ),
    }
    check_money(map, &format!("item {n} of “contents”"), event_currency, out);
}

/// `amount` must be an integer in the currency's minor unit, with a `currency` beside it (or,
/// for items, at event level).
fn check_money(
    map: &Map<String, Value>,
    what: &str,
    fallback_currency: Option<&Value>,
    out: &mut Vec<Finding>,
) {
    let d = data();
    let currency = map.get("currency");
    let currency_code = currency
        .or(fallback_currency)
        .and_then(Value::as_str)
        .filter(|c| !is_dynamic_str(c));
    let minor = currency_code.and_then(|c| d.minor_unit(&c.to_ascii_uppercase()));
    if let Some(c) = currency {
        check_currency(c, what, out);
    }
    let Some(amount) = map.get("amount") else {
        return;
    };
    if is_dynamic(amount) {
        // A computed amount still needs a currency.
    } else {
        check_amount(amount, what, currency_code, minor, out);
    }
    if currency.is_none() && fallback_currency.is_none() && !amount.is_null() {
        out.push(
            finding(ids::CURRENCY_MISSING, Status::Fail, format!("Amount without a currency in {what}"))
                .detail("“currency” (a three-letter ISO 4217 code such as USD) is required whenever “amount” is sent; without it the value cannot be used for reporting or bidding.")
                .remedy(format!("Add “currency: \"USD\"” (or your currency's code) next to “amount” in {what}.")),
        );
    }
}

fn is_dynamic_str(s: &str) -> bool {
    s == crate::types::DYNAMIC
}

fn check_amount(
    amount: &Value,
    what: &str,
    currency: Option<&str>,
    minor: Option<u32>,
    out: &mut Vec<Finding>,
) {
    let unit = minor.unwrap_or(2);
    let code = currency.unwrap_or("USD");
    let scale = 10f64.powi(unit as i32);
    let minor_explainer = match unit {
        0 => format!("{code} has no minor unit, so amounts are whole {code}"),
        1 => format!("{code} amounts are in tenths"),
        2 => format!("{code} amounts are in cents (2599 means 25.99)"),
        n => format!("{code} amounts have {n} decimal places (25990 means 25.990 with three)"),
    };
    match amount {
        Value::Number(n) if n.is_i64() || n.is_u64() => {}
        Value::Number(n) => {
            let v = n.as_f64().unwrap_or_default();
            if v.fract() == 0.0 {
                out.push(
                    finding(ids::AMOUNT_MAJOR_UNITS, Status::Warn, format!("Amount {} in {what} is written with decimals", show(amount)))
                        .detail(format!("Amounts are integers in the currency's minor unit: {minor_explainer}. A value written like “{}” is sent as {}, which reads as {} {code} if you meant {} {code}.", show(amount), v as i64, format_major(v, unit), v))
                        .confidence(Confidence::Medium)
                        .remedy(format!("If you meant {v} {code}, send “amount: {}”.", (v * scale).round() as i64)),
                );
            } else {
                out.push(
                    finding(ids::AMOUNT_NOT_INTEGER, Status::Fail, format!("Amount {} in {what} is not a whole number", show(amount)))
                        .detail(format!("Amounts must be integers in the currency's minor unit: {minor_explainer}. A decimal amount is rejected or misread."))
                        .remedy(if unit == 0 {
                            format!("{code} has no minor unit: send a whole number, “amount: {}”.", v.round() as i64)
                        } else {
                            format!("Multiply by {} and send an integer: “amount: {}”.", scale as i64, (v * scale).round() as i64)
                        }),
                );
            }
        }
        Value::String(s) => {
            let parsed = s.trim().parse::<f64>().ok();
            let remedy = match parsed {
                Some(v) if v.fract() == 0.0 && !s.contains('.') => {
                    format!("Send the number without quotes: “amount: {}”.", v as i64)
                }
                Some(v) => format!(
                    "Send a number in minor units, without quotes: “amount: {}”.",
                    (v * scale).round() as i64
                ),
                None => {
                    "Send the amount as an integer in minor units, e.g. “amount: 2599” for 25.99."
                        .to_string()
                }
            };
            out.push(
                finding(ids::AMOUNT_NOT_INTEGER, Status::Fail, format!("Amount in {what} is text ({}), not a number", show(amount)))
                    .detail(format!("Amounts must be integers in the currency's minor unit ({minor_explainer}), not strings."))
                    .remedy(remedy),
            );
        }
        Value::Null => {}
        other => out.push(
            finding(
                ids::AMOUNT_NOT_INTEGER,
                Status::Fail,
                format!("Amount in {what} is not a number: {}", show(other)),
            )
            .detail(format!(
                "Amounts must be integers in the currency's minor unit ({minor_explainer})."
            ))
            .remedy("Send the amount as an integer in minor units, e.g. “amount: 2599” for 25.99."),
        ),
    }
}

fn format_major(minor_amount: f64, unit: u32) -> String {
    let v = minor_amount / 10f64.powi(unit as i32);
    format!("{v:.prec$}", prec = unit as usize)
}

fn check_currency(currency: &Value, what: &str, out: &mut Vec<Finding>) {
    let d = data();
    let code = match currency {
        v if is_dynamic(v) => return,
        Value::String(s) => s.as_str(),
        other => {
            out.push(
                finding(
                    ids::CURRENCY_INVALID,
                    Status::Fail,
                    format!("Currency in {what} is not a code: {}", show(other)),
                )
                .detail("“currency” must be a three-letter ISO 4217 code such as USD, EUR or JPY.")
                .remedy("Send the currency as a three-letter code, e.g. “currency: \"USD\"”."),
            );
            return;
        }
    };
    let three_letters = code.len() == 3 && code.bytes().all(|b| b.is_ascii_alphabetic());
    if !three_letters {
        out.push(
            finding(ids::CURRENCY_INVALID, Status::Fail, format!("Currency \"{code}\" in {what} is not a three-letter ISO code"))
                .detail("“currency” must be a three-letter ISO 4217 code such as USD, EUR or JPY, not a symbol or a name.")
                .remedy(format!("Replace \"{code}\" with the ISO code, e.g. \"USD\" for $ or \"EUR\" for €.")),
        );
        return;
    }
    let upper = code.to_ascii_uppercase();
    if d.minor_unit(&upper).is_none() {
        out.push(
            finding(ids::CURRENCY_INVALID, Status::Warn, format!("Currency \"{code}\" in {what} is not a known ISO 4217 code"))
                .detail("The code is not in the ISO 4217 list of active currencies, so the value may be dropped.")
                .confidence(Confidence::Medium)
                .remedy("Check the spelling against ISO 4217 (e.g. USD, EUR, GBP, JPY)."),
        );
    } else if upper != code {
        out.push(
            finding(
                ids::CURRENCY_INVALID,
                Status::Warn,
                format!("Currency \"{code}\" in {what} should be upper case"),
            )
            .detail("ISO 4217 codes are written in capitals; OpenAI documents them that way.")
            .confidence(Confidence::Medium)
            .remedy(format!("Send “currency: \"{upper}\"”.")),
        );
    }
}

fn missing_custom_name() -> Finding {
    finding(ids::CUSTOM_NAME_MISSING, Status::Fail, "Custom event without a “custom_event_name”")
        .detail("A “custom” event needs its name in the options (the fourth argument). Without it the event cannot match a custom conversion in Ads Manager, which then shows 0 conversions.")
        .remedy("Add the options argument: “oaiq(\"measure\", \"custom\", { type: \"custom\" }, { custom_event_name: \"your_event\" })”, using exactly the name set up in Ads Manager.")
}

fn check_options(
    opts: &Map<String, Value>,
    event_name: &str,
    known_event: bool,
    out: &mut Vec<Finding>,
) {
    let d = data();
    for key in opts.keys() {
        if key == SPREAD_KEY || key == crate::types::DYNAMIC || d.events.option_keys.contains(key) {
            continue;
        }
        out.push(
            finding(ids::OPTION_UNKNOWN, Status::Warn, format!("Unknown event option “{key}”"))
                .detail(format!("The options (fourth argument) accept only {}. Other keys are ignored.", d.events.option_keys.iter().map(|k| format!("“{k}”")).collect::<Vec<_>>().join(", ")))
                .remedy(format!("Remove “{key}” from the options, or move it into the event data if it is a documented data field.")),
        );
    }
    let custom_name = opts.get("custom_event_name");
    if event_name == "custom" {
        match custom_name {
            None => out.push(missing_custom_name()),
            Some(v) if is_dynamic(v) => {}
            Some(Value::String(name)) => check_custom_name(name, out),
            Some(other) => out.push(
                finding(
                    ids::CUSTOM_NAME_INVALID,
                    Status::Fail,
                    format!("“custom_event_name” is not text: {}", show(other)),
                )
                .detail("The custom event name must be a string.")
                .remedy("Send the name as text, e.g. “custom_event_name: \"quote_requested\"”."),
            ),
        }
    } else if known_event && custom_name.is_some() {
        out.push(
            finding(ids::CUSTOM_NAME_ON_STANDARD, Status::Fail, format!("“custom_event_name” set on the standard event “{event_name}”"))
                .detail("“custom_event_name” is only for “custom” events; standard events do not support it and the call may be rejected.")
                .remedy(format!("Remove “custom_event_name”, or send the event as “custom” if “{event_name}” is not the step you want to measure.")),
        );
    }
}

/// The documented rules for `custom_event_name`.
pub fn custom_name_problem(name: &str) -> Option<String> {
    let d = data();
    let len = name.chars().count();
    if len == 0 || len > MAX_CUSTOM_NAME {
        return Some(format!(
            "it must be 1 to {MAX_CUSTOM_NAME} characters long (it has {len})"
        ));
    }
    if let Some(bad) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '-'))
    {
        return Some(format!(
            "it may contain only letters, digits, “_” and “-” (found {bad:?})"
        ));
    }
    let first = name.chars().next().unwrap_or('_');
    let last = name.chars().last().unwrap_or('_');
    if !first.is_ascii_alphanumeric() || !last.is_ascii_alphanumeric() {
        return Some("it must start and end with a letter or digit".to_string());
    }
    if d.event(&name.to_ascii_lowercase()).is_some() {
        return Some("it must not be the name of a standard event".to_string());
    }
    None
}

fn check_custom_name(name: &str, out: &mut Vec<Finding>) {
    if let Some(problem) = custom_name_problem(name) {
        out.push(
            finding(
                ids::CUSTOM_NAME_INVALID,
                Status::Fail,
                format!("Custom event name \"{name}\" is not allowed"),
            )
            .detail(format!("OpenAI rejects this custom event name: {problem}."))
            .remedy(format!(
                "Rename it, e.g. \"{}\", and use the same name in Ads Manager.",
                custom_name_from(name)
            )),
        );
    } else if name.chars().any(|c| c.is_ascii_uppercase()) {
        out.push(
            finding(ids::CUSTOM_NAME_UPPERCASE, Status::Warn, format!("Custom event name \"{name}\" has capital letters"))
                .detail("Lower case is recommended; the Conversions API lowercases names, so a mixed-case browser name may not match its server twin or your Ads Manager conversion.")
                .confidence(Confidence::Medium)
                .remedy(format!("Use \"{}\" here and in Ads Manager.", name.to_ascii_lowercase())),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ids_of(f: &[Finding]) -> Vec<&str> {
        f.iter().map(|f| f.id.as_str()).collect()
    }

    #[test]
    fn clean_order_has_no_findings() {
        let f = lint_event(
            &json!("order_created"),
            Some(
                &json!({"type": "contents", "amount": 2599, "currency": "USD", "contents": [{"id": "sku", "quantity": 1, "amount": 2599}]}),
            ),
            Some(&json!({"event_id": "o-1"})),
        );
        assert!(f.is_empty(), "{f:#?}");
    }

    #[test]
    fn custom_name_rules() {
        assert!(custom_name_problem("quote_requested").is_none());
        assert!(custom_name_problem("a").is_none());
        assert!(custom_name_problem("").is_some());
        assert!(custom_name_problem(&"a".repeat(65)).is_some());
        assert!(custom_name_problem("_quote").is_some());
        assert!(custom_name_problem("quote-").is_some());
        assert!(custom_name_problem("quote requested").is_some());
        assert!(custom_name_problem("Order_Created").is_some());
    }

    #[test]
    fn float_amount_remedy_uses_the_currency_minor_unit() {
        let f = lint_event(
            &json!("order_created"),
            Some(&json!({"type": "contents", "amount": 25.99, "currency": "KWD"})),
            None,
        );
        assert_eq!(ids_of(&f), vec![ids::AMOUNT_NOT_INTEGER]);
        assert!(f[0].remedy.contains("25990"), "{}", f[0].remedy);
        let f = lint_event(
            &json!("order_created"),
            Some(&json!({"type": "contents", "amount": 2599, "currency": "JPY"})),
            None,
        );
        assert!(f.is_empty());
    }

    #[test]
    fn custom_name_suggestion_is_itself_valid() {
        for name in [
            "AddToWishlist",
            "Search",
            "__x__",
            "a b c",
            "!!!",
            "Order_Created",
        ] {
            assert!(
                custom_name_problem(&custom_name_from(name)).is_none(),
                "{name}"
            );
        }
    }
}
