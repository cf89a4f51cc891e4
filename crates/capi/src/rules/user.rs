//! An event's `user`: hashed identifiers are SHA-256 as 64 lowercase hex characters of the
//! normalised value; geography, IP address and user agent are sent raw; nothing else.

use std::sync::LazyLock;

use preflight_model::{Confidence, Status};
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::{at, finding, quoted_list, show, Located};
use crate::data::{data, CapiData};
use crate::ids;

/// SHA-256 (lowercase hex) of `text`.
pub fn sha256_hex(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Hashes of values that stand for "no value" (an empty field hashed by mistake).
static JUNK_HASHES: LazyLock<Vec<(String, String)>> = LazyLock::new(|| {
    data()
        .junk_hash_inputs
        .iter()
        .map(|v| (sha256_hex(v), v.clone()))
        .collect()
});

pub fn check_user(user: &Value) -> Vec<Located> {
    let mut out = Vec::new();
    let Value::Object(map) = user else {
        out.push(at(
            "user",
            finding(
                ids::USER_INVALID,
                Status::Fail,
                format!("“user” is {}, not an object", show(user)),
            )
            .detail(
                "“user” is an object of customer fields, such as “{ \"email_sha256\": \"…\" }”.",
            )
            .remedy("Send “user” as an object, or leave it out."),
        ));
        return out;
    };
    let d = data();
    for (key, value) in map {
        let path = format!("user.{key}");
        if CapiData::has(&d.user_hashed, key) {
            check_hash(&path, key, value, &mut out);
        } else if CapiData::has(&d.user_hashed_lists, key) {
            if let Some(items) = list(&path, key, value, &mut out) {
                for (i, item) in items.iter().enumerate() {
                    check_hash(&format!("{path}[{i}]"), key, item, &mut out);
                }
            }
        } else if CapiData::has(&d.user_plain_lists, key) {
            if let Some(items) = list(&path, key, value, &mut out) {
                for (i, item) in items.iter().enumerate() {
                    check_plain(&format!("{path}[{i}]"), key, item, &mut out);
                }
            }
        } else if CapiData::has(&d.user_plain, key) {
            check_plain(&path, key, value, &mut out);
        } else if CapiData::has(&d.user_raw_pii, key) {
            out.push(raw_pii(
                &path,
                key,
                "The field's name says the value is sent as typed, not hashed.",
            ));
        } else if CapiData::has(&d.user_unsupported, key) {
            out.push(at(path, finding(ids::USER_FIELD_UNSUPPORTED, Status::Warn, format!("“{key}” is not supported"))
                .detail("OpenAI accepts the Android advertising ID (“android_advertising_id”) only; Apple's IDFA is not supported.")
                .remedy(format!("Remove “{key}”."))));
        } else {
            out.push(at(path, finding(ids::USER_FIELD_UNKNOWN, Status::Warn, format!("“user” has a field OpenAI does not know: “{key}”"))
                .detail(format!("Documented fields are {} and {}.", quoted_list(&d.user_hashed), quoted_list(&d.user_plain)))
                .confidence(Confidence::Medium)
                .remedy(format!("Remove “{key}” or map it to a documented field (hashed where the name ends in “_sha256”)."))));
        }
    }
    out
}

fn list<'a>(
    path: &str,
    key: &str,
    value: &'a Value,
    out: &mut Vec<Located>,
) -> Option<&'a Vec<Value>> {
    let d = data();
    match value {
        Value::Array(items) => {
            if items.len() > d.list_values_used {
                out.push(at(
                    path,
                    finding(
                        ids::USER_LIST_TOO_LONG,
                        Status::Info,
                        format!(
                            "“{key}” has {} values; only the first {} are used",
                            items.len(),
                            d.list_values_used
                        ),
                    )
                    .detail("OpenAI uses the first three valid, distinct values of each list.")
                    .confidence(Confidence::Medium)
                    .remedy("Put the most reliable values first."),
                ));
            }
            Some(items)
        }
        other => {
            out.push(at(
                path,
                finding(
                    ids::USER_LIST_EXPECTED,
                    Status::Fail,
                    format!("“{key}” is {}, not a list", show(other)),
                )
                .detail(format!(
                    "“{key}” (plural) takes a list of values, e.g. [\"…\"]."
                ))
                .remedy(format!(
                    "Send “\"{key}\": [ … ]”, or use the singular field."
                )),
            ));
            None
        }
    }
}

fn raw_pii(path: &str, key: &str, why: &str) -> Located {
    at(path, finding(ids::USER_RAW_PII, Status::Fail, format!("Raw personal data in “{key}”"))
        .detail(format!("{why} OpenAI accepts email addresses, phone numbers, names and customer IDs only as SHA-256 hashes of the normalised value; raw personal data must never be sent."))
        .remedy("Normalise (email: trim and lowercase; phone: digits with country code), hash with SHA-256, and send the 64-character hex in the “…_sha256” field."))
}

fn check_hash(path: &str, key: &str, value: &Value, out: &mut Vec<Located>) {
    let Value::String(text) = value else {
        out.push(at(
            path,
            finding(
                ids::USER_HASH_MALFORMED,
                Status::Fail,
                format!("“{key}” is {}, not a hash", show(value)),
            )
            .detail("Hashed fields take SHA-256 values as 64 lowercase hexadecimal characters.")
            .remedy("Send the hash as a string."),
        ));
        return;
    };
    if preflight_pixel::looks_like_email(text) || preflight_pixel::looks_like_phone(text) {
        out.push(raw_pii(
            path,
            key,
            "The value is readable, not a SHA-256 hash.",
        ));
        return;
    }
    if !preflight_pixel::is_sha256_hex(text) {
        let upper = text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit());
        out.push(at(
            path,
            finding(
                ids::USER_HASH_MALFORMED,
                Status::Fail,
                format!("“{key}” is not a valid SHA-256 hash"),
            )
            .detail(if upper {
                "Hashes must be 64 lowercase hexadecimal characters; this one has capital letters."
                    .to_string()
            } else {
                format!(
                    "Hashes must be 64 lowercase hexadecimal characters; {} has {} characters.",
                    show(value),
                    text.chars().count()
                )
            })
            .remedy(if upper {
                "Lowercase the hex digest.".to_string()
            } else {
                "Hash the normalised value with SHA-256 and send its hex digest.".to_string()
            }),
        ));
        return;
    }
    if let Some((_, input)) = JUNK_HASHES.iter().find(|(h, _)| h == text) {
        out.push(at(path, finding(ids::USER_HASH_OF_EMPTY, Status::Fail, format!("“{key}” is the hash of {}", if input.is_empty() { "an empty value".to_string() } else { format!("\"{input}\"") }))
            .detail("The field was hashed when it had no value, so it matches nobody, and every such event looks like the same customer.")
            .remedy(format!("Leave “{key}” out when there is no value; hash only real, normalised values."))));
    }
}

fn check_plain(path: &str, key: &str, value: &Value, out: &mut Vec<Located>) {
    let d = data();
    let Value::String(text) = value else {
        out.push(at(
            path,
            finding(
                ids::USER_VALUE_INVALID,
                Status::Warn,
                format!("“{key}” is {}, not text", show(value)),
            )
            .detail("Geography, IP address and user agent are sent as plain strings.")
            .remedy(format!("Send “{key}” as a string.")),
        ));
        return;
    };
    if preflight_pixel::is_sha256_hex(text) && key != "obref" {
        out.push(at(
            path,
            finding(
                ids::USER_VALUE_INVALID,
                Status::Warn,
                format!("“{key}” looks hashed"),
            )
            .detail(format!(
                "“{key}” is sent raw (OpenAI normalises it); a hash cannot be read."
            ))
            .confidence(Confidence::Medium)
            .remedy(format!("Send the plain value of “{key}”.")),
        ));
        return;
    }
    if CapiData::has(&d.user_country_fields, key)
        && !(text.len() == 2 && text.bytes().all(|b| b.is_ascii_alphabetic()))
    {
        out.push(at(
            path,
            finding(
                ids::USER_VALUE_INVALID,
                Status::Warn,
                format!("Country {} is not a two-letter code", show(value)),
            )
            .detail("Countries are ISO 3166-1 alpha-2 codes such as “US” or “de”.")
            .remedy("Send the two-letter country code."),
        ));
    }
    if key == "ip_address" && text.parse::<std::net::IpAddr>().is_err() {
        out.push(at(
            path,
            finding(
                ids::USER_VALUE_INVALID,
                Status::Warn,
                format!("“ip_address” {} is not an IP address", show(value)),
            )
            .detail("“ip_address” is the visitor's IPv4 or IPv6 address, as the server saw it.")
            .remedy(
                "Send the client address (the first address of X-Forwarded-For behind a proxy).",
            ),
        ));
    }
    if key == "android_advertising_id" && !is_uuid(text) {
        out.push(at(
            path,
            finding(
                ids::USER_VALUE_INVALID,
                Status::Warn,
                format!(
                    "“android_advertising_id” {} is not an advertising ID",
                    show(value)
                ),
            )
            .detail(
                "The Google advertising ID is a UUID such as 38400000-8cf0-11bd-b23e-10b96e40000d.",
            )
            .remedy("Send the device's advertising ID as read from the Android SDK, unhashed."),
        ));
    }
}

fn is_uuid(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.iter().map(|p| p.len()).eq([8, 4, 4, 4, 12])
        && parts
            .iter()
            .all(|p| p.bytes().all(|b| b.is_ascii_hexdigit()))
}
