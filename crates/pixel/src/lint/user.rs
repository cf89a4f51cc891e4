//! Checks the `user` object of `init`: only hashed identifiers (64 lowercase hex characters),
//! never raw email addresses or phone numbers, and only documented fields.

use preflight_model::{Confidence, Finding, Status};
use serde_json::Value;

use super::{is_dynamic, show};
use crate::data::data;
use crate::finding::finding;
use crate::ids;

pub fn lint_user(user: &Value) -> Vec<Finding> {
    let mut out = Vec::new();
    let map = match user {
        v if is_dynamic(v) => return out,
        Value::Null => return out,
        Value::Object(map) => map,
        other => {
            out.push(
                finding(
                    ids::USER_FIELD_UNKNOWN,
                    Status::Warn,
                    "“user” is not an object",
                )
                .detail(format!(
                    "“init”'s “user” must be an object of customer fields, but the page passes {}.",
                    show(other)
                ))
                .remedy("Pass “user: { email_sha256: \"…\" }” or leave “user” out."),
            );
            return out;
        }
    };
    let sdk = &data().sdk;
    for (key, value) in map {
        if key == crate::js::SPREAD_KEY || key == crate::types::DYNAMIC || is_dynamic(value) {
            continue;
        }
        let text = value.as_str().unwrap_or_default();
        if sdk.user_raw_pii_keys.contains(key) {
            out.push(raw_pii(
                key,
                "This field name means the value is sent as typed, not hashed.",
            ));
            continue;
        }
        if sdk.user_hashed_fields.contains(key) {
            if looks_like_email(text) || looks_like_phone(text) {
                out.push(raw_pii(
                    key,
                    "The value is readable personal data, not a SHA-256 hash.",
                ));
            } else if !is_sha256_hex(text) {
                let upper = text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit());
                out.push(
                    finding(ids::USER_HASH_MALFORMED, Status::Fail, format!("“{key}” is not a valid SHA-256 hash"))
                        .detail(if upper {
                            "Hashes must be 64 lowercase hexadecimal characters; this one has capital letters, so it will not match.".to_string()
                        } else {
                            format!("Hashes must be 64 lowercase hexadecimal characters; the value {} is not, so it cannot be matched.", show(value))
                        })
                        .remedy(format!("Normalise the value (trim and lowercase an email), hash it with SHA-256 and send the lowercase hex digest as “{key}”.")),
                );
            }
            continue;
        }
        if sdk.user_plain_fields.contains(key) {
            if looks_like_email(text) || looks_like_phone(text) {
                out.push(raw_pii(
                    key,
                    "A location field holds an email address or phone number.",
                ));
            } else if key == "country"
                && !(text.len() == 2 && text.bytes().all(|b| b.is_ascii_alphabetic()))
            {
                out.push(
                    finding(
                        ids::USER_FIELD_UNKNOWN,
                        Status::Warn,
                        format!("“country” is {} instead of a two-letter code", show(value)),
                    )
                    .detail(
                        "“country” must be an ISO 3166-1 alpha-2 code such as \"us\" or \"de\".",
                    )
                    .confidence(Confidence::Medium)
                    .remedy("Send the two-letter country code."),
                );
            }
            continue;
        }
        if looks_like_email(text) || looks_like_phone(text) {
            out.push(raw_pii(key, "The value is readable personal data."));
            continue;
        }
        out.push(
            finding(
                ids::USER_FIELD_UNKNOWN,
                Status::Warn,
                format!("Unknown customer field “{key}”"),
            )
            .detail(format!(
                "“user” accepts {}. Other fields are ignored.",
                sdk.user_hashed_fields
                    .iter()
                    .chain(&sdk.user_plain_fields)
                    .map(|f| format!("“{f}”"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
            .confidence(Confidence::Medium)
            .remedy(format!("Remove “{key}” or map it to a documented field.")),
        );
    }
    out
}

fn raw_pii(key: &str, why: &str) -> Finding {
    finding(ids::USER_RAW_PII, Status::Fail, format!("Unhashed personal data in “user.{key}”"))
        .detail(format!("{why} The pixel must never receive raw emails, phone numbers or names: it is a privacy breach and the data is not used for matching."))
        .remedy("Send only SHA-256 hashes (“email_sha256”, “phone_number_sha256”, …) of the normalised value, or leave the field out.")
}

pub fn is_sha256_hex(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

pub fn looks_like_email(s: &str) -> bool {
    let s = s.trim();
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !s.contains(char::is_whitespace)
        }
        None => false,
    }
}

pub fn looks_like_phone(s: &str) -> bool {
    let s = s.trim();
    if s.is_empty()
        || !s
            .chars()
            .all(|c| c.is_ascii_digit() || " +-().".contains(c))
    {
        return false;
    }
    let digits = s.chars().filter(char::is_ascii_digit).count();
    (8..=15).contains(&digits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn recognisers() {
        assert!(looks_like_email("Jane.Doe@example.com"));
        assert!(!looks_like_email("@handle"));
        assert!(looks_like_phone("+1 (415) 555-0100"));
        assert!(!looks_like_phone("94107"));
        assert!(is_sha256_hex(&"a".repeat(64)));
        assert!(!is_sha256_hex(&"A".repeat(64)));
    }

    #[test]
    fn hashed_and_plain_fields_pass() {
        let f = lint_user(
            &json!({"email_sha256": "a".repeat(64), "country": "us", "zip_code": "94107", "postal_code": "SW1A 1AA"}),
        );
        assert!(f.is_empty(), "{f:#?}");
    }
}
