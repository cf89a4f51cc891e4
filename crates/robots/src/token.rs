//! Product tokens: the short crawler names `User-agent:` lines are matched against.

/// True when `token` is a valid RFC 9309 product token: one or more ASCII letters, `_` or `-`.
/// `OAI-AdsBot` is valid; `OAI-AdsBot/1.0`, `Foo Bar`, `*` and full browser strings are not.
pub fn is_valid_product_token(token: &str) -> bool {
    !token.is_empty() && token.bytes().all(is_token_byte)
}

fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b == b'-'
}

/// True when `value` contains `token` (case-insensitively) as a whole word, e.g. the
/// `OAI-AdsBot` inside `Mozilla/5.0 …; OAI-AdsBot/1.0; +https://openai.com/adsbot`.
pub(crate) fn mentions_token(value: &str, token: &str) -> bool {
    if token.is_empty() || value.len() < token.len() {
        return false;
    }
    let hay = value.as_bytes();
    let needle = token.as_bytes();
    (0..=hay.len() - needle.len()).any(|start| {
        let end = start + needle.len();
        hay[start..end].eq_ignore_ascii_case(needle)
            && (start == 0 || !is_token_byte(hay[start - 1]))
            && (end == hay.len() || !is_token_byte(hay[end]))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn product_tokens() {
        assert!(is_valid_product_token("OAI-AdsBot"));
        assert!(is_valid_product_token("Foo_Bar"));
        assert!(!is_valid_product_token(""));
        assert!(!is_valid_product_token("*"));
        assert!(!is_valid_product_token("OAI-AdsBot/1.0"));
        assert!(!is_valid_product_token("Foo Bar"));
        assert!(!is_valid_product_token("ツ"));
    }

    #[test]
    fn mentions_whole_word_only() {
        let full = "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko); compatible; OAI-AdsBot/1.0; +https://openai.com/adsbot";
        assert!(mentions_token(full, "oai-adsbot"));
        assert!(mentions_token("OAI-AdsBot, OAI-SearchBot", "OAI-AdsBot"));
        assert!(!mentions_token("OAI-AdsBot-Preview", "OAI-AdsBot"));
        assert!(!mentions_token("XOAI-AdsBot", "OAI-AdsBot"));
        assert!(!mentions_token("GPTBot/1.3", "OAI-AdsBot"));
        assert!(!mentions_token("", "OAI-AdsBot"));
    }
}
