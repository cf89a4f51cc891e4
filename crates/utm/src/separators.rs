//! Parameter separators written as HTML entities. A URL copied from a web page's source or an
//! e-mail template keeps `&amp;` (or `&#38;`, `&#x26;`, `&amp;amp;` when escaped twice) where a
//! plain `&` belongs. Browsers send it as written, so the server sees a parameter named
//! `amp;utm_medium` and the UTMs after the first one are lost.

use std::sync::LazyLock;

use regex::Regex;

/// One or more entity-escaped `&` in a row (`&amp;amp;` is `&` escaped twice).
static ENTITY_AMPERSAND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)&(?:amp;|#0{0,6}38;|#x0{0,6}26;)+").expect("valid entity regex")
});

/// The entity-escaped separators after the first `?`, as written, each once.
pub fn entity_separators(url: &str) -> Vec<String> {
    let Some(start) = url.find('?') else {
        return Vec::new();
    };
    let mut found: Vec<String> = Vec::new();
    for m in ENTITY_AMPERSAND.find_iter(&url[start..]) {
        if !found.iter().any(|f| f == m.as_str()) {
            found.push(m.as_str().to_string());
        }
    }
    found
}

/// The URL with every entity-escaped `&` after the first `?` written as a plain `&`, or `None`
/// when there is none.
pub fn repair_entity_separators(url: &str) -> Option<String> {
    let start = url.find('?')?;
    let tail = &url[start..];
    if !ENTITY_AMPERSAND.is_match(tail) {
        return None;
    }
    let mut out = url[..start].to_string();
    out.push_str(&ENTITY_AMPERSAND.replace_all(tail, "&"));
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entity_spelling_becomes_a_plain_ampersand() {
        let url = "https://x.example/p?utm_source=chatgpt&amp;utm_medium=cpc&#38;utm_campaign=a&#x26;utm_content=b&AMP;amp;utm_term=c&utm_id=d";
        assert_eq!(
            repair_entity_separators(url).unwrap(),
            "https://x.example/p?utm_source=chatgpt&utm_medium=cpc&utm_campaign=a&utm_content=b&utm_term=c&utm_id=d"
        );
        assert_eq!(
            entity_separators(url),
            vec!["&amp;", "&#38;", "&#x26;", "&AMP;amp;"]
        );
    }

    #[test]
    fn leaves_the_path_and_plain_urls_alone() {
        assert_eq!(repair_entity_separators("https://x.example/a&amp;b"), None);
        assert_eq!(repair_entity_separators("https://x.example/?a=1&b=2"), None);
        assert_eq!(
            repair_entity_separators("https://x.example/?a=1&amp;b=2#x&amp;y").unwrap(),
            "https://x.example/?a=1&b=2#x&y"
        );
        assert_eq!(
            repair_entity_separators("https://x.example/?a=1&#038;b=2").unwrap(),
            "https://x.example/?a=1&b=2"
        );
    }
}
