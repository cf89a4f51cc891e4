//! Characters that may not appear as written in a URL and must be percent-encoded: spaces,
//! `"`, `<`, `>`, `\`, `^`, backtick, `{`, `}`, `|` and any non-ASCII character (RFC 3986).
//! The host is left out (a non-ASCII domain name is a valid international domain), and so is
//! a `{…}` macro, which the macro check reports in its own words.

use std::ops::Range;

use crate::checks::macros::macro_spans;
use crate::parsed::decode_component;

/// Where in the URL a character was found, in plain words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnsafeHit {
    pub place: String,
    pub ch: char,
}

/// True for a character that must be percent-encoded in a URL.
pub fn must_encode(c: char) -> bool {
    !c.is_ascii()
        || matches!(
            c,
            ' ' | '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '}' | '|'
        )
}

/// How a character is named in a finding.
pub fn describe(c: char) -> String {
    match c {
        ' ' => "a space".to_string(),
        '`' => "a backtick (`)".to_string(),
        c if c.is_whitespace() => format!("a special space (U+{:04X})", c as u32),
        c => format!("“{c}”"),
    }
}

/// Every character that must be encoded, with where it is, in order.
pub fn find_unsafe(url: &str) -> Vec<UnsafeHit> {
    let spans = macro_spans(url);
    let mut hits = Vec::new();
    for part in parts(url) {
        for (i, c) in url[part.range.clone()].char_indices() {
            let at = part.range.start + i;
            if must_encode(c) && !in_spans(&spans, at) {
                hits.push(UnsafeHit {
                    place: part.place_of(url, at),
                    ch: c,
                });
            }
        }
    }
    hits
}

/// The URL with each such character percent-encoded (UTF-8), except a `\` in the path, which
/// becomes `/` because that is how browsers read it.
pub fn encode_unsafe(url: &str) -> String {
    let spans = macro_spans(url);
    let path_end = parts(url)
        .iter()
        .find(|p| p.kind == Kind::Path)
        .map(|p| p.range.end);
    let start = authority_end(url);
    let mut out = String::with_capacity(url.len() + 16);
    out.push_str(&url[..start]);
    for (i, c) in url[start..].char_indices() {
        let at = start + i;
        if !must_encode(c) || in_spans(&spans, at) {
            out.push(c);
        } else if c == '\\' && path_end.is_some_and(|end| at < end) {
            out.push('/');
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

fn in_spans(spans: &[Range<usize>], at: usize) -> bool {
    spans.iter().any(|s| s.contains(&at))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Path,
    Query,
    Fragment,
}

struct Part {
    kind: Kind,
    range: Range<usize>,
}

impl Part {
    fn place_of(&self, url: &str, at: usize) -> String {
        match self.kind {
            Kind::Path => "the path".to_string(),
            Kind::Fragment => "the part after #".to_string(),
            Kind::Query => {
                let query = &url[self.range.clone()];
                let offset = at - self.range.start;
                let seg_start = query[..offset].rfind('&').map(|i| i + 1).unwrap_or(0);
                let seg_end = query[offset..]
                    .find('&')
                    .map(|i| offset + i)
                    .unwrap_or(query.len());
                let segment = &query[seg_start..seg_end];
                let (key, in_value) = match segment.split_once('=') {
                    Some((k, _)) => (k, offset - seg_start > k.len()),
                    None => (segment, false),
                };
                let key = decode_component(key).text;
                let key: String = key.chars().take(60).collect();
                if in_value {
                    format!("the value of {key}")
                } else {
                    format!("the parameter name “{key}”")
                }
            }
        }
    }
}

/// Byte offset where the path starts: just after `scheme://host[:port]`.
fn authority_end(url: &str) -> usize {
    let after_scheme = url.find("://").map(|i| i + 3).unwrap_or(0);
    url[after_scheme..]
        .find(['/', '?', '#', '\\'])
        .map(|i| after_scheme + i)
        .unwrap_or(url.len())
}

/// The path, query and fragment of a URL, as byte ranges (separators excluded).
fn parts(url: &str) -> Vec<Part> {
    let start = authority_end(url);
    let hash = url[start..].find('#').map(|i| start + i);
    let before_hash = hash.unwrap_or(url.len());
    let question = url[start..before_hash].find('?').map(|i| start + i);
    let mut out = vec![Part {
        kind: Kind::Path,
        range: start..question.unwrap_or(before_hash),
    }];
    if let Some(q) = question {
        out.push(Part {
            kind: Kind::Query,
            range: q + 1..before_hash,
        });
    }
    if let Some(h) = hash {
        out.push(Part {
            kind: Kind::Fragment,
            range: h + 1..url.len(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_each_place() {
        let hits = find_unsafe("https://café.example/a b?na|me=1&utm_campaign=x^y#top<");
        let got: Vec<(String, char)> = hits.into_iter().map(|h| (h.place, h.ch)).collect();
        assert_eq!(
            got,
            vec![
                ("the path".to_string(), ' '),
                ("the parameter name “na|me”".to_string(), '|'),
                ("the value of utm_campaign".to_string(), '^'),
                ("the part after #".to_string(), '<'),
            ]
        );
    }

    #[test]
    fn encodes_everything_but_the_host_and_macros() {
        assert_eq!(
            encode_unsafe("https://café.example/a\\b c?q=\"é\"&utm_campaign={campaign_id}#x|y"),
            "https://café.example/a/b%20c?q=%22%C3%A9%22&utm_campaign={campaign_id}#x%7Cy"
        );
        assert!(find_unsafe("https://x.example/?utm_campaign={campaign_id}").is_empty());
        // A lone brace is not a macro.
        assert_eq!(find_unsafe("https://x.example/?a={b").len(), 1);
    }
}
