//! Keys in payload files. A Conversions API key copied into a log or a recording is found,
//! reported, and masked in everything shown or kept. The key patterns are the pixel crate's
//! (one table for page code and payloads), plus any `Bearer` token.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

static BEARER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bbearer\s+([A-Za-z0-9_\-\.=+/]{12,})").expect("bearer pattern")
});

/// `text` with every key replaced by its masked form.
pub fn mask_keys(text: &str) -> Cow<'_, str> {
    let redacted = preflight_pixel::redact_secrets(text);
    if !BEARER.is_match(&redacted) {
        return redacted;
    }
    let masked = BEARER
        .replace_all(&redacted, |c: &regex::Captures| {
            format!("Bearer {}", preflight_pixel::mask_secret(&c[1]))
        })
        .into_owned();
    Cow::Owned(masked)
}

/// True when `text` holds a key.
pub fn contains_key(text: &str) -> bool {
    matches!(mask_keys(text), Cow::Owned(_))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_masked() {
        let text = r#"{"authorization":"Bearer abcdefghijklmnopqrstuvwxyz123456","k":"sk-svcacct-ABCDEFGHIJKLMNOPQRSTUV"}"#;
        let masked = mask_keys(text);
        assert!(
            !masked.contains("abcdefghijklmnopqrstuvwxyz123456"),
            "{masked}"
        );
        assert!(
            !masked.contains("sk-svcacct-ABCDEFGHIJKLMNOPQRSTUV"),
            "{masked}"
        );
        assert_eq!(mask_keys("no key here"), "no key here");
        assert!(contains_key(text));
        assert!(!contains_key("Bearer short"));
    }
}
