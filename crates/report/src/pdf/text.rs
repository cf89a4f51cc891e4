//! Making untrusted text safe and tidy to print. The template only ever treats these strings as
//! text (never markup), so these helpers are about legibility, not escaping.

/// A zero-width space: an invisible place where a line may break.
pub(crate) const BREAK: char = '\u{200B}';

/// Tokens longer than this get extra break opportunities.
const LONG_TOKEN: usize = 20;

/// Characters after which a long URL or identifier may wrap.
const BREAK_AFTER: &[char] = &[
    '/', '?', '&', '=', '.', '-', '_', '#', ':', '%', ',', ';', '+', '~', '|', '\\',
];

/// Replaces characters that would make printed text lie or vanish: bidirectional overrides
/// (which can reverse what follows, e.g. `U+202E`) become a visible `[U+202E]`, and other
/// control characters become spaces.
pub(crate) fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' => {
                out.push_str(&format!("[U+{:04X}]", c as u32))
            }
            '\n' => out.push('\n'),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// [`sanitize`]d text where every whitespace-free run longer than [`LONG_TOKEN`] characters (a
/// URL, a header value, a hash) may wrap after punctuation, or every [`LONG_TOKEN`] characters
/// when there is none. Typst would otherwise push such a run past the column edge.
pub(crate) fn breakable(text: &str) -> String {
    let clean = sanitize(text);
    let mut out = String::with_capacity(clean.len() + clean.len() / 8);
    let mut token = String::new();
    for c in clean.chars() {
        if c.is_whitespace() {
            push_token(&mut out, &token);
            token.clear();
            out.push(c);
        } else {
            token.push(c);
        }
    }
    push_token(&mut out, &token);
    out
}

fn push_token(out: &mut String, token: &str) {
    if token.chars().count() <= LONG_TOKEN {
        out.push_str(token);
        return;
    }
    let mut since_break = 0;
    let mut chars = token.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        since_break += 1;
        let more = chars.peek().is_some();
        if more && (BREAK_AFTER.contains(&c) || since_break >= LONG_TOKEN) {
            out.push(BREAK);
            since_break = 0;
        }
    }
}

/// At most `max` characters of [`breakable`] text, with a note when it was cut.
pub(crate) fn shortened(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return breakable(text);
    }
    let cut: String = text.chars().take(max).collect();
    format!("{}… (shortened; the full value is in the JSON export)", breakable(&cut))
}

/// A link target for the PDF, only for plain web addresses.
pub(crate) fn web_link(url: &str) -> Option<String> {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then(|| url.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bidi_overrides_become_visible_and_controls_become_spaces() {
        assert_eq!(sanitize("abc\u{202E}def"), "abc[U+202E]def");
        assert_eq!(sanitize("a\u{0007}b\nc"), "a b\nc");
    }

    #[test]
    fn long_tokens_get_breaks_short_words_do_not() {
        let url = "https://shop.example.com/landing/spring-sale?utm_source=chatgpt";
        let out = breakable(url);
        assert!(out.contains("https:\u{200B}/\u{200B}/\u{200B}shop.\u{200B}"));
        assert_eq!(out.replace(BREAK, ""), url);
        assert_eq!(breakable("plain words stay intact."), "plain words stay intact.");

        let blob = "A".repeat(50);
        let out = breakable(&blob);
        assert_eq!(out.matches(BREAK).count(), 2);
        assert!(!out.ends_with(BREAK));
    }

    #[test]
    fn shortening_keeps_char_boundaries_and_says_so() {
        let out = shortened(&"é".repeat(30), 10);
        assert!(out.starts_with("éééééééééé…"));
        assert!(out.contains("shortened"));
        assert_eq!(shortened("short", 10), "short");
    }

    #[test]
    fn only_web_addresses_become_links() {
        assert!(web_link("HTTPS://a.example/").is_some());
        assert!(web_link("javascript:alert(1)").is_none());
        assert!(web_link("ftp://a").is_none());
    }
}
