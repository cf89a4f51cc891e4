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
    let (clean, rest) = split_link(token);
    out.push_str(clean);
    if let Some((run, rest)) = rest {
        push_run(out, run);
        push_plain(out, rest, false);
    }
}

/// Splits off the start of a token that Typst's line breaker wraps by itself: up to and
/// including a web address's last break opportunity, as Typst 0.15 finds them (its
/// `link_prefix` and `linebreak_link`). The rest is a final run of letters or digits that rule
/// cannot break and whatever follows the address (a character no address may contain, such as
/// a letter outside ASCII or `|`), which get break opportunities of their own. Typst stops
/// reading an address at the first character outside its set, an inserted break included, so
/// no break may go before that final run or the rest of the address would lose its rule.
fn split_link(token: &str) -> (&str, Option<(&str, &str)>) {
    let Some(start) = link_start(token) else {
        return ("", Some(("", token)));
    };
    let link_end = start + link_len(&token[start..]);
    let link = &token[start..link_end];
    // Typst offers a break where the class changes (and between two punctuation marks); the
    // last piece of the address, after the last change, is never broken.
    let mut last_change = 0;
    let mut prev: Option<u8> = None;
    for (i, c) in link.char_indices() {
        let class = link_class(c);
        if let Some(p) = prev {
            if p != 2 && (if class == 3 { p == 3 } else { class != p }) {
                last_change = i;
            }
        }
        prev = Some(class);
    }
    let split = start + last_change;
    (
        &token[..split],
        Some((&token[split..link_end], &token[link_end..])),
    )
}

/// 0 letter, 1 digit, 2 opening bracket, 3 anything else (as Typst's `linebreak_link`).
fn link_class(c: char) -> u8 {
    if c.is_alphabetic() {
        0
    } else if c.is_numeric() {
        1
    } else if matches!(c, '(' | '[') {
        2
    } else {
        3
    }
}

/// Where Typst's address rule starts in a token: after `scheme://`, or at `www.`.
fn link_start(token: &str) -> Option<usize> {
    if !is_web_address(token) {
        return None;
    }
    let lead = token.len()
        - token
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .len();
    if token[lead..].starts_with("www.") {
        return Some(lead);
    }
    token.find("://").map(|i| i + 3)
}

/// The length of the address Typst reads at the start of `text` (its `link_prefix`): the
/// characters an address may hold, brackets balanced, without trailing punctuation.
fn link_len(text: &str) -> usize {
    let mut brackets = Vec::new();
    let mut end = 0;
    for (i, c) in text.char_indices() {
        let fits = match c {
            '0'..='9' | 'a'..='z' | 'A'..='Z' => true,
            '!' | '#' | '$' | '%' | '&' | '*' | '+' | ',' | '-' | '.' | '/' | ':' | ';' | '='
            | '?' | '@' | '_' | '~' | '\'' => true,
            '[' | '(' => {
                brackets.push(c);
                true
            }
            ']' => brackets.pop() == Some('['),
            ')' => brackets.pop() == Some('('),
            _ => false,
        };
        if !fits {
            break;
        }
        end = i + c.len_utf8();
    }
    text[..end]
        .trim_end_matches(['!', ',', '.', ':', ';', '?', '\''])
        .len()
}

/// A run of letters or digits: a break every [`LONG_TOKEN`] characters.
fn push_run(out: &mut String, run: &str) {
    push_plain(out, run, true);
}

/// Text outside an address: breaks after punctuation (unless `run_only`) and every
/// [`LONG_TOKEN`] characters.
fn push_plain(out: &mut String, text: &str, run_only: bool) {
    let mut since_break = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if chars.peek().is_none() {
            break;
        }
        since_break += 1;
        let break_here = if run_only {
            since_break >= LONG_TOKEN
        } else {
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

    #[test]
    fn an_address_keeps_typsts_own_breaks_up_to_its_unbreakable_end() {
        // A long run of letters in the middle of the query: Typst breaks it itself, and a break
        // inserted there would end its address rule before the parameters that follow.
        let url = format!(
            "http://a.example/landing?session={}&utm_content=hero_banner_variant_b",
            "q".repeat(36)
        );
        assert_eq!(breakable(&url), url);
        // A letter outside ASCII or a `|` ends the address for Typst: what follows breaks after
        // its punctuation.
        let url = "http://a.example/de/überraschung?utm_source=chatgpt&utm_campaign=fruehling";
        let out = breakable(url);
        assert!(
            out.starts_with("http://a.example/de/überraschung?\u{200B}utm_\u{200B}"),
            "{out:?}"
        );
        assert_eq!(out.replace(BREAK, ""), url);
        let url = "http://a.example/search?q=boots|jackets|tents&filter=brand:acme|northface";
        let out = breakable(url);
        assert!(
            out.starts_with("http://a.example/search?q=boots|\u{200B}"),
            "{out:?}"
        );
        // A path of one long run of letters breaks every 20 characters from where Typst stops.
        let url = format!("http://a.example/p/{}", "ABCDEFGHIJ".repeat(5));
        let out = breakable(&url);
        assert!(
            out.starts_with("http://a.example/p/ABCDEFGHIJABCDEFGHIJ\u{200B}"),
            "{out:?}"
        );
        assert_eq!(out.matches(BREAK).count(), 2);
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
