//! One access-log line in the nginx/Apache "combined" or "common" format, split into fields
//! without copying:
//!
//! `[vhost] client ident user [time] "request" status bytes ["referer" "user-agent" extra...]`

use memchr::memchr;
use time::OffsetDateTime;

use crate::clf_time::parse_clf_time;

/// The fields of one line, borrowed from the raw bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct LogLine<'a> {
    /// The virtual-host prefix (`%v` / `$host`) when the line has one.
    pub vhost: Option<&'a [u8]>,
    pub client: &'a [u8],
    pub time: OffsetDateTime,
    /// The request line as logged, e.g. `GET /page?x=1 HTTP/1.1`.
    pub request: &'a [u8],
    pub status: u16,
    pub referer: Option<&'a [u8]>,
    /// Present in the combined format only.
    pub user_agent: Option<&'a [u8]>,
}

/// Why a line could not be read; the reason text is shown to the user as an example.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParseFailure {
    NoTimestamp,
    FieldsBeforeTimestamp,
    BadTimestamp,
    NoRequest,
    UnterminatedQuote,
    BadStatus,
    BadByteCount,
}

impl ParseFailure {
    pub fn reason(self) -> &'static str {
        match self {
            ParseFailure::NoTimestamp => "no [timestamp] field",
            ParseFailure::FieldsBeforeTimestamp => {
                "expected client address, identity and user before the timestamp"
            }
            ParseFailure::BadTimestamp => "timestamp is not in the dd/Mon/yyyy:hh:mm:ss +zone form",
            ParseFailure::NoRequest => "no quoted request after the timestamp",
            ParseFailure::UnterminatedQuote => "a quoted field is not closed",
            ParseFailure::BadStatus => "no three-digit status code after the request",
            ParseFailure::BadByteCount => "no byte count after the status code",
        }
    }
}

pub fn parse_line(line: &[u8]) -> Result<LogLine<'_>, ParseFailure> {
    let line = line.trim_ascii();
    let open = memchr(b'[', line).ok_or(ParseFailure::NoTimestamp)?;
    let (vhost, client) = head_fields(&line[..open])?;

    let after_open = &line[open + 1..];
    let close = memchr(b']', after_open).ok_or(ParseFailure::NoTimestamp)?;
    let time = parse_clf_time(&after_open[..close]).ok_or(ParseFailure::BadTimestamp)?;

    let rest = after_open[close + 1..].trim_ascii_start();
    let (request, rest) = quoted(rest)?.ok_or(ParseFailure::NoRequest)?;
    let (status, rest) = token(rest);
    let status = parse_status(status).ok_or(ParseFailure::BadStatus)?;
    let (bytes, rest) = token(rest);
    if !(bytes == b"-" || (!bytes.is_empty() && bytes.iter().all(u8::is_ascii_digit))) {
        return Err(ParseFailure::BadByteCount);
    }

    // Common format ends here; combined adds referer and user agent; anything after those
    // (request time, upstream, forwarded-for) is ignored.
    let (referer, rest) = match quoted(rest)? {
        Some((referer, rest)) => (Some(referer), rest),
        None => (None, rest),
    };
    let user_agent = match referer {
        Some(_) => quoted(rest)?.map(|(ua, _)| ua),
        None => None,
    };

    Ok(LogLine {
        vhost,
        client,
        time,
        request,
        status,
        referer,
        user_agent,
    })
}

/// `client ident user` or `vhost client ident user`.
fn head_fields(head: &[u8]) -> Result<(Option<&[u8]>, &[u8]), ParseFailure> {
    let mut fields = head
        .split(u8::is_ascii_whitespace)
        .filter(|f| !f.is_empty());
    let first = fields.next();
    let second = fields.next();
    let third = fields.next();
    let fourth = fields.next();
    match (first, second, third, fourth, fields.next()) {
        (Some(client), Some(_), Some(_), None, None) => Ok((None, client)),
        (Some(vhost), Some(client), Some(_), Some(_), None) => Ok((Some(vhost), client)),
        _ => Err(ParseFailure::FieldsBeforeTimestamp),
    }
}

/// Splits off the next whitespace-separated token.
fn token(s: &[u8]) -> (&[u8], &[u8]) {
    let s = s.trim_ascii_start();
    let end = s
        .iter()
        .position(u8::is_ascii_whitespace)
        .unwrap_or(s.len());
    (&s[..end], &s[end..])
}

fn parse_status(s: &[u8]) -> Option<u16> {
    if s.len() != 3 || !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let code = s.iter().fold(0u16, |acc, b| acc * 10 + u16::from(b - b'0'));
    (code >= 100).then_some(code)
}

/// A field and the rest of the line after it.
type Split<'a> = (&'a [u8], &'a [u8]);

/// Reads a `"..."` field at the start of `s` (after spaces). `Ok(None)` when `s` does not
/// start with a quote. Backslash escapes (`\"`) are skipped, and a quote only closes the field
/// when what follows could start the next field (end of line, or whitespace then a quote, a
/// dash or a digit). That copes with servers that log an unescaped quote inside a user agent.
fn quoted(s: &[u8]) -> Result<Option<Split<'_>>, ParseFailure> {
    let s = s.trim_ascii_start();
    let Some((b'"', body)) = s.split_first() else {
        return Ok(None);
    };
    // Fallback when no quote is followed by a plausible field: the first quote followed by
    // whitespace, so the error names the field after it rather than an unclosed quote.
    let mut loose = None;
    let mut i = 0;
    while i < body.len() {
        match body[i] {
            b'\\' => i += 2,
            b'"' => {
                let after = &body[i + 1..];
                if closes_field(after) {
                    return Ok(Some((&body[..i], after)));
                }
                if loose.is_none() && after.first().is_some_and(u8::is_ascii_whitespace) {
                    loose = Some(i);
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    loose
        .map(|i| Some((&body[..i], &body[i + 1..])))
        .ok_or(ParseFailure::UnterminatedQuote)
}

fn closes_field(after: &[u8]) -> bool {
    let next = after.trim_ascii_start();
    match after.first() {
        None => true,
        Some(b) if b.is_ascii_whitespace() => next
            .first()
            .is_none_or(|b| matches!(b, b'"' | b'-') || b.is_ascii_digit()),
        Some(_) => false,
    }
}

/// The pieces of a request line: method and target, when it has them.
pub fn request_target(request: &[u8]) -> Option<&[u8]> {
    let mut parts = request.split(|b| *b == b' ').filter(|p| !p.is_empty());
    let _method = parts.next()?;
    parts.next()
}

/// The path of a request target without query string or fragment.
pub fn path_of(target: &[u8]) -> &[u8] {
    let end = target
        .iter()
        .position(|b| *b == b'?' || *b == b'#')
        .unwrap_or(target.len());
    &target[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    const COMBINED: &[u8] = br#"203.0.113.9 - - [12/May/2026:10:00:00 +0000] "GET /landing?utm_source=chatgpt HTTP/1.1" 200 5123 "-" "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko); compatible; OAI-AdsBot/1.0; +https://openai.com/adsbot""#;

    #[test]
    fn reads_combined() {
        let l = parse_line(COMBINED).unwrap();
        assert_eq!(l.client, b"203.0.113.9");
        assert_eq!(l.vhost, None);
        assert_eq!(l.status, 200);
        assert_eq!(l.referer, Some(&b"-"[..]));
        assert!(l.user_agent.unwrap().ends_with(b"openai.com/adsbot"));
        assert_eq!(
            request_target(l.request),
            Some(&b"/landing?utm_source=chatgpt"[..])
        );
        assert_eq!(path_of(request_target(l.request).unwrap()), b"/landing");
    }

    #[test]
    fn reads_common_without_user_agent() {
        let l = parse_line(b"127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326\r\n").unwrap();
        assert_eq!(l.status, 200);
        assert_eq!(l.user_agent, None);
        assert_eq!(l.referer, None);
    }

    #[test]
    fn reads_vhost_prefix_ipv6_dash_bytes_and_extra_fields() {
        let line = br#"shop.example.com:443 2001:db8::7 - - [12/May/2026:10:00:00 +0200] "HEAD / HTTP/2.0" 403 - "https://x/" "OAI-AdsBot/1.0" 0.004 "10.0.0.2:8080""#;
        let l = parse_line(line).unwrap();
        assert_eq!(l.vhost, Some(&b"shop.example.com:443"[..]));
        assert_eq!(l.client, b"2001:db8::7");
        assert_eq!(l.status, 403);
        assert_eq!(l.user_agent, Some(&b"OAI-AdsBot/1.0"[..]));
    }

    #[test]
    fn tolerates_escaped_and_stray_quotes() {
        let line = br#"1.2.3.4 - - [12/May/2026:10:00:00 +0000] "GET /a\"b HTTP/1.1" 200 1 "-" "Bot \"quoted\" and "raw" OAI-AdsBot/1.0""#;
        let l = parse_line(line).unwrap();
        assert_eq!(l.request, br#"GET /a\"b HTTP/1.1"#);
        assert_eq!(
            l.user_agent.unwrap(),
            br#"Bot \"quoted\" and "raw" OAI-AdsBot/1.0"#
        );
    }

    #[test]
    fn tolerates_non_utf8_bytes() {
        let line = b"1.2.3.4 - - [12/May/2026:10:00:00 +0000] \"GET /caf\xe9 HTTP/1.1\" 404 0 \"-\" \"\xff\xfe OAI-AdsBot\"";
        let l = parse_line(line).unwrap();
        assert_eq!(l.status, 404);
        assert_eq!(request_target(l.request), Some(&b"/caf\xe9"[..]));
    }

    #[test]
    fn tolerates_a_junk_request_field() {
        let l = parse_line(
            br#"1.2.3.4 - - [12/May/2026:10:00:00 +0000] "\x16\x03\x01" 400 150 "-" "-""#,
        )
        .unwrap();
        assert_eq!(l.status, 400);
        assert_eq!(request_target(l.request), None);
    }

    #[test]
    fn reports_why_a_line_failed() {
        let cases: [(&[u8], ParseFailure); 8] = [
            (b"hello world", ParseFailure::NoTimestamp),
            (b"1.2.3.4 - [12/May/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 1", ParseFailure::FieldsBeforeTimestamp),
            (b"1.2.3.4 - - [yesterday] \"GET / HTTP/1.1\" 200 1", ParseFailure::BadTimestamp),
            (b"1.2.3.4 - - [12/May/2026:10:00:00 +0000] GET / 200 1", ParseFailure::NoRequest),
            (b"1.2.3.4 - - [12/May/2026:10:00:00 +0000] \"GET / HTTP/1.1 200 1", ParseFailure::UnterminatedQuote),
            (b"1.2.3.4 - - [12/May/2026:10:00:00 +0000] \"GET / HTTP/1.1\" OK 1", ParseFailure::BadStatus),
            (b"1.2.3.4 - - [12/May/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200", ParseFailure::BadByteCount),
            (b"1.2.3.4 - - [12/May/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"unterminated", ParseFailure::UnterminatedQuote),
        ];
        for (line, want) in cases {
            assert_eq!(
                parse_line(line).unwrap_err(),
                want,
                "{}",
                String::from_utf8_lossy(line)
            );
        }
    }

    #[test]
    fn mangled_lines_never_panic() {
        // Deterministic byte flips, cuts and insertions of bytes that matter to the parser.
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let special = [b'"', b'\\', b'[', b']', b' ', b'\n', 0xff, b'0'];
        for _ in 0..20_000 {
            let mut line = COMBINED.to_vec();
            for _ in 0..(next() % 6) {
                let at = (next() as usize) % line.len();
                match next() % 3 {
                    0 => line[at] = special[(next() % 8) as usize],
                    1 => line.truncate(at),
                    _ => line.insert(at, special[(next() % 8) as usize]),
                }
                if line.is_empty() {
                    break;
                }
            }
            if let Ok(parsed) = parse_line(&line) {
                assert!((100..=999).contains(&parsed.status));
                let _ = request_target(parsed.request).map(path_of);
            }
        }
    }
}
