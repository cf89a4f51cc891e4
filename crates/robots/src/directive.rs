//! Splits one robots.txt line into a directive name and value.

use crate::rules_data::rules;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DirectiveKind {
    UserAgent,
    Allow,
    Disallow,
    Sitemap,
    /// Any other `name: value` line (`Crawl-delay`, `Content-signal`, `Host`, junk…). Ignored
    /// for matching; counted so callers can report it.
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Directive<'a> {
    pub kind: DirectiveKind,
    pub value: &'a [u8],
}

/// Parses `name: value`, dropping `#` comments and surrounding whitespace. Returns `None` for
/// blank lines, comment lines and lines without a usable separator.
///
/// Like Google's parser, a missing colon is tolerated when the line is exactly two words
/// (`disallow /`): people forget the colon, and crawlers that obey such lines block more, so
/// honouring them keeps our verdict on the safe side.
pub(crate) fn parse_line(line: &[u8]) -> Option<Directive<'_>> {
    let parts = split_line(line)?;
    Some(Directive {
        kind: classify_key(parts.key),
        value: parts.value,
    })
}

/// A line's directive name and value as written, and whether the colon was there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LineParts<'a> {
    pub key: &'a [u8],
    pub value: &'a [u8],
    pub has_colon: bool,
}

/// Splits `name: value` as [`parse_line`] reads it, keeping the name as written.
pub(crate) fn split_line(line: &[u8]) -> Option<LineParts<'_>> {
    let line = match line.iter().position(|&b| b == b'#') {
        Some(hash) => &line[..hash],
        None => line,
    };
    let line = trim(line);
    let (key, value, has_colon) = match line.iter().position(|&b| b == b':') {
        Some(colon) => (&line[..colon], &line[colon + 1..], true),
        None => {
            let space = line.iter().position(|&b| b == b' ' || b == b'\t')?;
            let value = &line[space..];
            if trim(value).iter().any(|&b| b == b' ' || b == b'\t') {
                return None;
            }
            (&line[..space], value, false)
        }
    };
    let key = trim(key);
    if key.is_empty() {
        return None;
    }
    Some(LineParts {
        key,
        value: trim(value),
        has_colon,
    })
}

pub(crate) fn classify_key(key: &[u8]) -> DirectiveKind {
    let keys = &rules().directive_keys;
    let is = |spellings: &[String]| {
        spellings
            .iter()
            .any(|s| key.eq_ignore_ascii_case(s.as_bytes()))
    };
    if is(&keys.user_agent) {
        DirectiveKind::UserAgent
    } else if is(&keys.allow) {
        DirectiveKind::Allow
    } else if is(&keys.disallow) {
        DirectiveKind::Disallow
    } else if is(&keys.sitemap) {
        DirectiveKind::Sitemap
    } else {
        DirectiveKind::Unknown
    }
}

/// Trims the whitespace C's `isspace` knows (space, tab, LF, VT, FF, CR).
pub(crate) fn trim(bytes: &[u8]) -> &[u8] {
    let is_space = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r');
    let start = bytes
        .iter()
        .position(|b| !is_space(b))
        .unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|b| !is_space(b))
        .map_or(start, |i| i + 1);
    &bytes[start..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(line: &str) -> Option<(DirectiveKind, String)> {
        parse_line(line.as_bytes()).map(|d| (d.kind, String::from_utf8_lossy(d.value).into_owned()))
    }

    #[test]
    fn names_are_case_insensitive_and_values_trimmed() {
        assert_eq!(
            parsed("uSeR-aGeNt:  FooBot  "),
            Some((DirectiveKind::UserAgent, "FooBot".into()))
        );
        assert_eq!(
            parsed("DISALLOW:/x"),
            Some((DirectiveKind::Disallow, "/x".into()))
        );
        assert_eq!(
            parsed("\tAllow :\t/y\t"),
            Some((DirectiveKind::Allow, "/y".into()))
        );
    }

    #[test]
    fn comments_are_dropped() {
        assert_eq!(parsed("# Disallow: /"), None);
        assert_eq!(
            parsed("Disallow: /foo/quz#qux"),
            Some((DirectiveKind::Disallow, "/foo/quz".into()))
        );
        assert_eq!(
            parsed("User-agent: * # everyone"),
            Some((DirectiveKind::UserAgent, "*".into()))
        );
    }

    #[test]
    fn frequent_typos_are_accepted() {
        assert_eq!(
            parsed("Dissallow: /").map(|p| p.0),
            Some(DirectiveKind::Disallow)
        );
        assert_eq!(
            parsed("useragent: x").map(|p| p.0),
            Some(DirectiveKind::UserAgent)
        );
        assert_eq!(
            parsed("user agent: x").map(|p| p.0),
            Some(DirectiveKind::UserAgent)
        );
        assert_eq!(
            parsed("Site-map: x").map(|p| p.0),
            Some(DirectiveKind::Sitemap)
        );
    }

    #[test]
    fn unknown_and_non_standard_lines_are_unknown() {
        assert_eq!(
            parsed("Content-signal: search=yes, ai-train=no").map(|p| p.0),
            Some(DirectiveKind::Unknown)
        );
        assert_eq!(
            parsed("Crawl-delay: 10").map(|p| p.0),
            Some(DirectiveKind::Unknown)
        );
        // Only exact names count: a longer name is a different directive.
        assert_eq!(
            parsed("Disallowed: /").map(|p| p.0),
            Some(DirectiveKind::Unknown)
        );
    }

    #[test]
    fn missing_colon_is_tolerated_for_two_words_only() {
        assert_eq!(
            parsed("disallow /"),
            Some((DirectiveKind::Disallow, "/".into()))
        );
        assert_eq!(parsed("user-agent Foo Bar"), None);
        assert_eq!(parsed("justoneword"), None);
    }

    #[test]
    fn blank_and_keyless_lines_are_nothing() {
        assert_eq!(parsed(""), None);
        assert_eq!(parsed("   "), None);
        assert_eq!(parsed(": /x"), None);
    }

    #[test]
    fn non_utf8_bytes_survive() {
        let d = parse_line(b"Disallow: /caf\xE9").unwrap();
        assert_eq!(d.kind, DirectiveKind::Disallow);
        assert_eq!(d.value, b"/caf\xE9");
        let d = parse_line(b"\xFF\xFE: x").unwrap();
        assert_eq!(d.kind, DirectiveKind::Unknown);
    }
}
