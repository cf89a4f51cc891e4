//! A destination URL split into its raw parts, without any normalisation: the checks need to
//! see exactly what the marketer typed (`%20` vs `+`, a second `?`, a stray `%`), which a
//! standards-compliant parser would quietly repair.

/// One `key=value` piece of a query string or fragment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    /// The segment as written, between two `&`.
    pub raw: String,
    /// The key as written.
    pub key_raw: String,
    /// The value as written; `None` when the segment has no `=`.
    pub value_raw: Option<String>,
    /// The key after percent-decoding.
    pub key: String,
    /// The value after percent-decoding (`+` is a space); empty when there is none.
    pub value: String,
}

impl Param {
    pub fn parse(segment: &str) -> Param {
        let (key_raw, value_raw) = match segment.split_once('=') {
            Some((k, v)) => (k.to_string(), Some(v.to_string())),
            None => (segment.to_string(), None),
        };
        Param {
            raw: segment.to_string(),
            key: decode_component(&key_raw).text,
            value: value_raw
                .as_deref()
                .map(|v| decode_component(v).text)
                .unwrap_or_default(),
            key_raw,
            value_raw,
        }
    }
}

/// A URL split at its first `?` and first `#`.
#[derive(Debug, Clone)]
pub struct ParsedUrl {
    pub raw: String,
    /// Scheme, host and path: everything before the query and fragment.
    pub base: String,
    /// The raw query string (without `?`), when there is a `?`.
    pub query: Option<String>,
    /// The raw fragment (without `#`), when there is a `#`.
    pub fragment: Option<String>,
    /// The query's `&`-separated segments in order, empty segments included.
    pub segments: Vec<Param>,
    /// `key=value` pieces found inside the fragment (`#utm_source=x` or `#/route?utm_source=x`).
    pub fragment_params: Vec<Param>,
    /// Parameters a click gets from tracking templates and the URL does not set itself, with
    /// where each comes from ("the campaign's template"). Empty without templates.
    pub inherited: Vec<(String, Param)>,
}

impl ParsedUrl {
    pub fn new(raw: &str) -> ParsedUrl {
        let (before_hash, fragment) = match raw.split_once('#') {
            Some((b, f)) => (b, Some(f.to_string())),
            None => (raw, None),
        };
        let (base, query) = match before_hash.split_once('?') {
            Some((b, q)) => (b.to_string(), Some(q.to_string())),
            None => (before_hash.to_string(), None),
        };
        let segments = query
            .as_deref()
            .map(|q| q.split('&').map(Param::parse).collect())
            .unwrap_or_default();
        let fragment_params = fragment
            .as_deref()
            .map(|f| {
                let (_, params) = split_fragment(f);
                params
            })
            .unwrap_or_default();
        ParsedUrl {
            raw: raw.to_string(),
            base,
            query,
            fragment,
            segments,
            fragment_params,
            inherited: Vec::new(),
        }
    }

    /// The value a click carries for this key: the URL's own first, then a template's, with
    /// where it comes from (`None` for the URL itself).
    pub fn effective(&self, key: &str) -> Option<(&Param, Option<&str>)> {
        self.first(key).map(|p| (p, None)).or_else(|| {
            self.inherited
                .iter()
                .find(|(_, p)| p.key == key)
                .map(|(from, p)| (p, Some(from.as_str())))
        })
    }

    /// Query parameters that are real `key=value` or `key` pieces (empty segments skipped).
    pub fn params(&self) -> impl Iterator<Item = &Param> {
        self.segments.iter().filter(|p| !p.raw.is_empty())
    }

    /// The first query parameter with this decoded key.
    pub fn first(&self, key: &str) -> Option<&Param> {
        self.params().find(|p| p.key == key)
    }
}

/// Splits a fragment into the routing part and its `key=value` pieces. `#/page?a=1` gives
/// (`/page?`, [a=1]); `#a=1&b=2` gives (``, [a=1, b=2]); `#section` gives (`section`, []).
pub fn split_fragment(fragment: &str) -> (&str, Vec<Param>) {
    let (prefix, params_text) = match fragment.find('?') {
        Some(i) => (&fragment[..=i], &fragment[i + 1..]),
        None if fragment.contains('=') => ("", fragment),
        None => (fragment, ""),
    };
    let params = params_text
        .split('&')
        .filter(|s| s.contains('='))
        .map(Param::parse)
        .collect();
    (prefix, params)
}

/// A decoded URL component and what was wrong with its encoding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// `%` signs not followed by two hex digits, as written (e.g. `%2` or `%zz`).
    pub stray_percents: Vec<String>,
    /// True when the decoded bytes are not valid UTF-8.
    pub invalid_utf8: bool,
}

/// Percent-decodes a query component (`+` is a space), never failing: bad escapes stay as
/// written and are reported.
pub fn decode_component(input: &str) -> Decoded {
    let bytes = input.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut stray = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = bytes.get(i + 1..i + 3).and_then(|h| {
                    let s = std::str::from_utf8(h).ok()?;
                    u8::from_str_radix(s, 16).ok().filter(|_| {
                        // from_str_radix accepts a leading '+'; an escape needs two hex digits.
                        h.iter().all(u8::is_ascii_hexdigit)
                    })
                });
                match hex {
                    Some(b) => {
                        out.push(b);
                        i += 3;
                    }
                    None => {
                        let end = input[i + 1..]
                            .char_indices()
                            .nth(2)
                            .map(|(j, _)| i + 1 + j)
                            .unwrap_or(input.len());
                        stray.push(input[i..end].to_string());
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    let (text, invalid_utf8) = match String::from_utf8(out) {
        Ok(s) => (s, false),
        Err(e) => (String::from_utf8_lossy(e.as_bytes()).into_owned(), true),
    };
    Decoded {
        text,
        stray_percents: stray,
        invalid_utf8,
    }
}

/// Percent-encodes a value for a query string (space as `%20`, which every tool reads).
pub fn encode_component(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The form of a UTM value this tool recommends: trimmed, lowercase, inner whitespace as `_`.
pub fn normalize_value(decoded: &str) -> String {
    decoded
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("_")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_first_question_mark_and_hash() {
        let p = ParsedUrl::new("https://x.com/a?utm_source=Chat+GPT&b#frag?utm_medium=cpc");
        assert_eq!(p.base, "https://x.com/a");
        assert_eq!(p.query.as_deref(), Some("utm_source=Chat+GPT&b"));
        assert_eq!(p.first("utm_source").unwrap().value, "Chat GPT");
        assert_eq!(p.first("b").unwrap().value_raw, None);
        assert_eq!(p.fragment_params[0].key, "utm_medium");
    }

    #[test]
    fn decoding_reports_stray_percent_and_bad_utf8() {
        let d = decode_component("50%off%2");
        assert_eq!(d.stray_percents, vec!["%of", "%2"]);
        assert_eq!(d.text, "50%off%2");
        assert!(decode_component("%FF").invalid_utf8);
        assert!(!decode_component("caf%C3%A9").invalid_utf8);
        assert_eq!(decode_component("caf%C3%A9").text, "café");
        assert_eq!(decode_component("%+1").stray_percents, vec!["%+1"]);
    }

    #[test]
    fn fragment_shapes() {
        assert_eq!(split_fragment("section").1.len(), 0);
        let (prefix, params) = split_fragment("/route?utm_source=a&x");
        assert_eq!(prefix, "/route?");
        assert_eq!(params.len(), 1);
        assert_eq!(split_fragment("utm_source=a&utm_medium=b").1.len(), 2);
    }

    #[test]
    fn normalises_values() {
        assert_eq!(normalize_value("  Spring   Sale "), "spring_sale");
        assert_eq!(encode_component("a b&c"), "a%20b%26c");
    }
}
