//! Personal data in the URL: e-mail addresses and phone numbers end up in every analytics
//! tool and ad platform that sees the URL, which Google's terms and privacy law forbid.

use std::sync::LazyLock;

use preflight_model::{Confidence, Finding, Status};
use regex::Regex;

use super::utm_finding;
use crate::parsed::{decode_component, ParsedUrl};

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"[A-Za-z0-9._%+\-]{1,64}@[A-Za-z0-9\-]{1,63}(\.[A-Za-z0-9\-]{1,63})*\.[A-Za-z]{2,24}",
    )
    .expect("valid e-mail regex")
});

/// Parameter names that announce a phone number.
static PHONE_KEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(phone|^tel|mobile|msisdn|^cell|whatsapp)").expect("valid phone-key regex")
});

/// A formatted number: groups of digits separated by spaces, dots, dashes or brackets.
static FORMATTED_PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\(?\d{2,4}\)?([ .\-]\(?\d{2,4}\)?){2,4}$").expect("valid phone regex")
});

pub fn check(parsed: &ParsedUrl, out: &mut Vec<Finding>) {
    let mut evidence = Vec::new();
    // Everything after the host: path, query and fragment.
    let after_host = parsed
        .raw
        .split_once("://")
        .map(|(_, rest)| rest.find(['/', '?', '#']).map(|i| &rest[i..]).unwrap_or(""))
        .unwrap_or("");
    for m in EMAIL.find_iter(&decode_component(after_host).text) {
        evidence.push(("E-mail address".to_string(), mask(m.as_str())));
    }
    for p in parsed.params().chain(&parsed.fragment_params) {
        if looks_like_phone(&p.key, p.value_raw.as_deref().unwrap_or_default(), &p.value) {
            evidence.push((format!("Phone number in {}", p.key), mask(&p.value)));
        }
    }
    if evidence.is_empty() {
        return;
    }
    let mut f = utm_finding(
        "url-personal-data",
        Status::Fail,
        "The URL contains personal data",
    )
    .confidence(Confidence::Medium)
    .detail(
        "The destination seems to contain an e-mail address or phone number. Every visitor's \
         browser, your analytics and every tag on the page would receive it. Google Analytics' \
         terms forbid sending personal data, and privacy law may too. It was probably copied \
         from a personalised e-mail link.",
    )
    .remedy("Remove the e-mail address or phone number from the destination URL.");
    for (label, value) in evidence {
        f = f.evidence(label, value);
    }
    out.push(f);
}

/// True for values that read as a phone number: an international number (`+` then 8 to 15
/// digits), a formatted number (`555-123-4567`), or any 7+ digit value under a phone-like name.
/// Plain digit strings elsewhere are left alone: they are usually ids.
fn looks_like_phone(key: &str, raw: &str, decoded: &str) -> bool {
    let value = decoded.trim();
    let digits = value.chars().filter(char::is_ascii_digit).count();
    let only_phone_chars = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_digit() || " .-()+".contains(c));
    if !only_phone_chars || !(7..=15).contains(&digits) {
        return false;
    }
    let international =
        (raw.starts_with('+') || raw.to_ascii_uppercase().starts_with("%2B")) && digits >= 8;
    let formatted = digits >= 9 && FORMATTED_PHONE.is_match(value);
    international || formatted || PHONE_KEY.is_match(key)
}

/// Keeps the shape of a value while hiding most of it, so the report does not repeat it.
fn mask(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    if let Some(at) = value.find('@') {
        let local: Vec<char> = value[..at].chars().collect();
        let first = local.first().copied().unwrap_or('*');
        return format!("{first}***{}", &value[at..]);
    }
    let keep = 2.min(chars.len());
    let hidden = chars.len() - keep;
    chars[..keep]
        .iter()
        .copied()
        .chain(std::iter::repeat_n('*', hidden))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_heuristics() {
        assert!(looks_like_phone("ref", "+4915112345678", " 4915112345678"));
        assert!(looks_like_phone(
            "ref",
            "%2B4915112345678",
            "+4915112345678"
        ));
        assert!(looks_like_phone("x", "555-123-4567", "555-123-4567"));
        assert!(looks_like_phone("phone", "5551234567", "5551234567"));
        assert!(!looks_like_phone("utm_id", "5551234567", "5551234567"));
        assert!(!looks_like_phone(
            "utm_campaign",
            "2026-05-01",
            "2026-05-01"
        ));
        assert!(!looks_like_phone("utm_content", "spring", "spring"));
    }

    #[test]
    fn masks_values() {
        assert_eq!(mask("jane.doe@example.com"), "j***@example.com");
        assert_eq!(mask("+4915112345678"), "+4************");
    }
}
