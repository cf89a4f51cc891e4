//! Making untrusted text safe and tidy to print. The template only ever treats these strings as
//! text (never markup), so these functions are about legibility, not escaping.

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
/// header value, a bare query string, a hash) may wrap after punctuation, or every
/// [`LONG_TOKEN`] characters when there is none. Typst would otherwise push such a run past the
/// column edge.
///
/// Web addresses (`scheme://...`, `www....`) are mostly left as they are: Typst's line breaker
/// has a rule of its own for them that wraps at their punctuation, and a clean address still
/// works when copied out of the PDF (zero-width spaces would be copied too). Only runs of more
/// than [`LONG_TOKEN`] letters or digits inside them get breaks, which that rule misses at the
/// end of an address.
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
    let web = is_web_address(token);
    let mut since_break = 0;
    let mut chars = token.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        let Some(&next) = chars.peek() else { break };
        let break_here = if web {
            // Typst wraps addresses at their punctuation, but not inside a long final run of
            // letters or digits (a click id, a hash): only such runs get help.
            since_break = if c.is_alphanumeric() {
                since_break + 1
            } else {
                0
            };
            since_break >= LONG_TOKEN && next.is_alphanumeric()
        } else {
            since_break += 1;
            BREAK_AFTER.contains(&c) || since_break >= LONG_TOKEN
        };
        if break_here {
            out.push(BREAK);
            since_break = 0;
        }
    }
}

/// Whether Typst's own link breaking applies: it starts at a `://` or a `www.`.
fn is_web_address(token: &str) -> bool {
    let start = token.trim_start_matches(|c: char| !c.is_alphanumeric());
    start.starts_with("www.")
        || start.find("://").is_some_and(|i| {
            i > 0
                && start[..i]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '+')
        })
}

/// At most `max` characters of [`breakable`] text, with a note when it was cut.
pub(crate) fn shortened(text: &str, max: usize) -> String {
    match cut(text, max) {
        None => breakable(text),
        Some(head) => format!(
            "{}… (shortened; the full value is in the JSON export)",
            breakable(&head)
        ),
    }
}

/// A web address for a narrow column: at most `max` characters, ending in "…" when cut.
pub(crate) fn short_url(url: &str, max: usize) -> String {
    match cut(url, max) {
        None => breakable(url),
        Some(head) => format!("{}…", breakable(&head)),
    }
}

fn cut(text: &str, max: usize) -> Option<String> {
    (text.chars().count() > max).then(|| text.chars().take(max).collect())
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
    fn long_tokens_get_breaks_short_words_and_web_addresses_do_not() {
        let query = "utm_source=chatgpt&utm_medium=cpc&utm_campaign=spring";
        let out = breakable(query);
        assert!(
            out.starts_with("utm_\u{200B}source=\u{200B}chatgpt&\u{200B}"),
            "{out:?}"
        );
        assert_eq!(out.replace(BREAK, ""), query);
        assert_eq!(
            breakable("plain words stay intact."),
            "plain words stay intact."
        );
        for url in [
            "https://shop.example.com/landing/spring-sale?utm_source=chatgpt",
            "(www.shop.example.com/landing/spring-sale?utm_source=chatgpt)",
        ] {
            assert_eq!(breakable(url), url);
        }
        // In an address, only a long run of letters or digits gets breaks.
        let text = format!("301 https://a.example/?id={} then {query}", "x".repeat(45));
        let out = breakable(&text);
        let x20 = "x".repeat(20);
        assert!(
            out.contains(&format!("id={x20}{BREAK}{x20}{BREAK}xxxxx then")),
            "{out:?}"
        );
        assert_eq!(out.matches(BREAK).count(), 2 + query_breaks(query));

        let blob = "A".repeat(50);
        let out = breakable(&blob);
        assert_eq!(out.matches(BREAK).count(), 2);
        assert!(!out.ends_with(BREAK));
    }

    fn query_breaks(query: &str) -> usize {
        breakable(query).matches(BREAK).count()
    }

    #[test]
    fn long_addresses_are_cut_for_narrow_columns() {
        let url = format!("https://a.example/{}", "x".repeat(200));
        let short = short_url(&url, 100);
        assert_eq!(short.chars().filter(|c| *c != BREAK).count(), 101);
        assert!(short.ends_with('…'));
        assert_eq!(short_url("https://a.example/", 100), "https://a.example/");
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
