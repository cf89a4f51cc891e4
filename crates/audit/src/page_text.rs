//! Decoding bodies in whatever encoding they claim (or really use) and pulling out the title and
//! visible text. Page content is data: it is only ever read as text here.

use encoding_rs::{Encoding, UTF_8};
use scraper::{Node, Selector};

pub struct Decoded {
    pub text: String,
    pub charset: &'static str,
    pub had_errors: bool,
}

/// Decodes a body: a byte-order mark wins, then the Content-Type charset, then a `<meta>` charset
/// in the first 1024 bytes, then UTF-8. Invalid bytes become U+FFFD and are reported.
pub fn decode(body: &[u8], content_type: Option<&str>) -> Decoded {
    let encoding = Encoding::for_bom(body)
        .map(|(e, _)| e)
        .or_else(|| content_type.and_then(charset_from_content_type))
        .or_else(|| charset_from_meta(&body[..body.len().min(1024)]))
        .unwrap_or(UTF_8);
    let (text, used, had_errors) = encoding.decode(body);
    Decoded {
        text: text.into_owned(),
        charset: used.name(),
        had_errors,
    }
}

fn charset_from_content_type(content_type: &str) -> Option<&'static Encoding> {
    content_type.split(';').skip(1).find_map(|param| {
        let (key, value) = param.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| Encoding::for_label(value.trim().trim_matches('"').as_bytes()))
            .flatten()
    })
}

fn charset_from_meta(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let pos = find(&lower, b"charset=")?;
    let rest = &lower[pos + 8..];
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
        .unwrap_or(rest.len());
    Encoding::for_label(&rest[..end])
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

pub fn looks_like_html(content_type: Option<&str>, text: &str) -> bool {
    match content_type {
        Some(ct) => {
            let ct = ct.to_ascii_lowercase();
            ct.contains("html") || ct.contains("xml")
        }
        None => {
            let start: String = text
                .trim_start()
                .chars()
                .take(64)
                .collect::<String>()
                .to_ascii_lowercase();
            start.starts_with("<!doctype html")
                || start.starts_with("<html")
                || start.contains("<head")
        }
    }
}

pub struct HtmlSummary {
    pub title: Option<String>,
    /// The first `<h1>`'s text, whitespace collapsed.
    pub headline: Option<String>,
    pub visible_text: String,
    pub word_count: u32,
}

/// The `<title>` and the text a visitor would read (scripts, styles and templates left out),
/// whitespace collapsed, cut to `max_chars`.
pub fn summarise_html(html: &str, max_chars: usize) -> HtmlSummary {
    summarise_document(&preflight_markup::parse_document(html), max_chars)
}

/// [`summarise_html`] on a page already parsed.
pub fn summarise_document(document: &scraper::Html, max_chars: usize) -> HtmlSummary {
    let title_selector = Selector::parse("title").expect("static selector");
    let title = document
        .select(&title_selector)
        .next()
        .map(|t| collapse_whitespace(&t.text().collect::<String>()))
        .filter(|t| !t.is_empty());

    let h1_selector = Selector::parse("h1").expect("static selector");
    let headline = document
        .select(&h1_selector)
        .next()
        .map(|h| collapse_whitespace(&h.text().collect::<String>()))
        .filter(|h| !h.is_empty());

    let mut text = String::new();
    let mut words = 0u32;
    let body_selector = Selector::parse("body").expect("static selector");
    let root = document
        .select(&body_selector)
        .next()
        .map(|b| *b)
        .unwrap_or_else(|| *document.root_element());
    for node in root.descendants() {
        let Node::Text(t) = node.value() else {
            continue;
        };
        let hidden = node.ancestors().any(|a| {
            a.value().as_element().is_some_and(|e| {
                matches!(
                    e.name(),
                    "script" | "style" | "noscript" | "template" | "title" | "head"
                )
            })
        });
        if hidden {
            continue;
        }
        for word in t.split_whitespace() {
            words = words.saturating_add(1);
            if text.len() < max_chars {
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(word);
            }
        }
    }
    if text.len() > max_chars {
        let cut = (0..=max_chars)
            .rev()
            .find(|i| text.is_char_boundary(*i))
            .unwrap_or(0);
        text.truncate(cut);
    }
    HtmlSummary {
        title,
        headline,
        visible_text: text,
        word_count: words,
    }
}

fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_by_header_then_meta_then_utf8() {
        let latin1 = b"<html><head><title>Caf\xe9</title></head></html>";
        let d = decode(latin1, Some("text/html; charset=ISO-8859-1"));
        assert_eq!(d.charset, "windows-1252");
        assert!(d.text.contains("Café"));
        assert!(!d.had_errors);

        let meta = b"<html><head><meta charset=\"windows-1252\"><title>Caf\xe9</title>";
        assert!(decode(meta, Some("text/html")).text.contains("Café"));

        let broken = b"<title>Caf\xe9</title>";
        let d = decode(broken, None);
        assert_eq!(d.charset, "UTF-8");
        assert!(d.had_errors);
        assert!(d.text.contains('\u{fffd}'));
    }

    #[test]
    fn extracts_title_and_visible_text_only() {
        let html = "<html><head><title>  Big \n Sale </title><style>.x{}</style></head>\
            <body><h1>Hello</h1><script>var secret = 1;</script><p>world  again</p>\
            <noscript>enable js</noscript></body></html>";
        let s = summarise_html(html, 100);
        assert_eq!(s.title.as_deref(), Some("Big Sale"));
        assert_eq!(s.headline.as_deref(), Some("Hello"));
        assert_eq!(s.visible_text, "Hello world again");
        assert_eq!(s.word_count, 3);
    }

    #[test]
    fn markup_in_text_stays_text() {
        let s = summarise_html(
            "<title>&lt;script&gt;alert(1)&lt;/script&gt; {{x}}</title>",
            50,
        );
        assert_eq!(s.title.as_deref(), Some("<script>alert(1)</script> {{x}}"));
    }

    #[test]
    fn cuts_visible_text_on_char_boundary() {
        let html = format!("<body>{}</body>", "é ".repeat(1000));
        let s = summarise_html(&html, 11);
        assert!(s.visible_text.len() <= 11);
        assert_eq!(s.word_count, 1000);
    }
}
