//! Path patterns: percent-encoding normalisation and `*` / `$` wildcard matching.

/// Brings a path or pattern into one canonical form so that equivalent spellings compare equal
/// (RFC 9309 §2.2.2):
/// - bytes outside printable ASCII (UTF-8 text, stray Latin-1 bytes, control characters) and
///   characters a URL may not hold raw (space, `"`, `<`, `>`, `` ` ``, `{`, `}`, `|`, `\`, `^`)
///   are percent-encoded, as Google's parser does for patterns;
/// - existing escapes get upper-case hex digits (`%aa` → `%AA`);
/// - escapes of unreserved characters are decoded (`%62` → `b`), since they mean the same URL.
///
/// The result is always ASCII, so matching can work on `str`.
pub fn normalise_path(raw: &[u8]) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let b = raw[i];
        if b == b'%' {
            if let (Some(hi), Some(lo)) = (
                raw.get(i + 1).and_then(hex_value),
                raw.get(i + 2).and_then(hex_value),
            ) {
                let decoded = hi << 4 | lo;
                if is_unreserved(decoded) {
                    out.push(decoded as char);
                } else {
                    push_escaped(&mut out, decoded);
                }
                i += 3;
                continue;
            }
        }
        if must_escape(b) {
            push_escaped(&mut out, b);
        } else {
            out.push(b as char);
        }
        i += 1;
    }
    out
}

fn hex_value(b: &u8) -> Option<u8> {
    (*b as char).to_digit(16).map(|d| d as u8)
}

fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

fn must_escape(b: u8) -> bool {
    !(0x21..0x7F).contains(&b)
        || matches!(
            b,
            b'"' | b'<' | b'>' | b'`' | b'{' | b'}' | b'|' | b'\\' | b'^'
        )
}

fn push_escaped(out: &mut String, b: u8) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.push('%');
    out.push(HEX[usize::from(b >> 4)] as char);
    out.push(HEX[usize::from(b & 0xF)] as char);
}

/// True when the normalised `pattern` matches the start of the normalised `path`. `*` matches
/// any run of characters; a `$` at the very end anchors the pattern to the end of the path
/// (elsewhere `$` is literal). Runs in time linear in the inputs per wildcard segment, so a
/// hostile file full of stars cannot stall a check.
pub fn pattern_matches(pattern: &str, path: &str) -> bool {
    let (body, anchored) = match pattern.strip_suffix('$') {
        Some(body) => (body, true),
        None => (pattern, false),
    };
    let mut segments = body.split('*');
    let first = segments.next().unwrap_or("");
    let Some(mut rest) = path.strip_prefix(first) else {
        return false;
    };
    let middle_and_last: Vec<&str> = segments.collect();
    let Some((last, middle)) = middle_and_last.split_last() else {
        // No wildcard at all.
        return !anchored || rest.is_empty();
    };
    // Placing each segment as early as possible leaves the most room for the rest, so a greedy
    // scan decides the match exactly.
    for segment in middle.iter().filter(|s| !s.is_empty()) {
        match rest.find(segment) {
            Some(at) => rest = &rest[at + segment.len()..],
            None => return false,
        }
    }
    if anchored {
        rest.ends_with(last)
    } else {
        rest.contains(last)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(pattern: &str, path: &str) -> bool {
        pattern_matches(
            &normalise_path(pattern.as_bytes()),
            &normalise_path(path.as_bytes()),
        )
    }

    #[test]
    fn normalisation_follows_google_escape_examples() {
        assert_eq!(
            normalise_path(b"http://www.example.com"),
            "http://www.example.com"
        );
        assert_eq!(normalise_path(b"/a/b/c"), "/a/b/c");
        assert_eq!(normalise_path("á".as_bytes()), "%C3%A1");
        assert_eq!(normalise_path(b"%aa"), "%AA");
    }

    #[test]
    fn normalisation_decodes_unreserved_and_keeps_reserved_escaped() {
        assert_eq!(normalise_path(b"/foo/bar/%62%61%7A"), "/foo/bar/baz");
        assert_eq!(normalise_path(b"/a%2Fb%3f%2a"), "/a%2Fb%3F%2A");
        assert_eq!(normalise_path(b"/a b\x01\xE9"), "/a%20b%01%E9");
        assert_eq!(normalise_path(b"/100%"), "/100%");
        assert_eq!(normalise_path(b"/%zz"), "/%zz");
    }

    #[test]
    fn normalisation_is_idempotent() {
        for raw in ["/ツ?q=%e3%83%84", "/a b/%41%2f", "/x|y^z"] {
            let once = normalise_path(raw.as_bytes());
            assert_eq!(normalise_path(once.as_bytes()), once);
        }
    }

    #[test]
    fn plain_patterns_are_prefixes() {
        assert!(m("/fish", "/fish.html"));
        assert!(m("/fish", "/fishheads/yummy.html"));
        assert!(!m("/fish", "/Fish.asp"));
        assert!(!m("/fish", "/catfish"));
        assert!(m("", "/anything"));
    }

    #[test]
    fn stars_match_any_run() {
        assert!(m("/*.php", "/folder/filename.php?parameters"));
        assert!(m("/fish*.php", "/fishheads/catfish.php?x"));
        assert!(!m("/fish*.php", "/Fish.PHP"));
        assert!(m("/*?utm", "/landing?utm_source=chatgpt"));
        assert!(!m("/*?utm", "/landing"));
        assert!(m("*", "/"));
        assert!(m("/a**b", "/axxb"));
    }

    #[test]
    fn dollar_anchors_only_at_the_end() {
        assert!(m("/*.php$", "/folder/filename.php"));
        assert!(!m("/*.php$", "/filename.php?parameters"));
        assert!(!m("/*.php$", "/filename.php5"));
        assert!(m("/$", "/"));
        assert!(!m("/$", "/page"));
        assert!(m("/a*$", "/abc"));
        assert!(m("/a$b", "/a$b/c"));
        assert!(m("/a*b*c$", "/abxbxc"));
        assert!(!m("/a*b*c$", "/abxbxcd"));
    }

    #[test]
    fn encoded_and_raw_forms_are_equivalent() {
        assert!(m("/foo/bar/ツ", "/foo/bar/%E3%83%84"));
        assert!(m("/foo/bar/%E3%83%84", "/foo/bar/ツ"));
        assert!(m("/foo/bar/%62%61%7A", "/foo/bar/baz"));
        assert!(m("/foo/bar/%e3%83%84", "/foo/bar/%E3%83%84"));
    }

    #[test]
    fn hostile_patterns_finish_quickly() {
        let pattern = format!("/{}b", "a*".repeat(20_000));
        let path = format!("/{}", "a".repeat(50_000));
        let started = std::time::Instant::now();
        assert!(!pattern_matches(&pattern, &path));
        assert!(started.elapsed().as_secs() < 5);
    }
}
