//! The input: what a gatherer saw when it fetched a page, already decoded to text.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Longest body prefix the classifier looks at. Block and challenge pages are small and put
/// their markers near the top; a bound keeps a hostile multi-megabyte page cheap.
pub const MAX_BODY_SCAN_BYTES: usize = 256 * 1024;

/// Most headers the classifier looks at; real responses carry a few dozen.
pub const MAX_HEADERS: usize = 256;

/// One HTTP response as the gatherer received it: status, headers in order (names in any case,
/// repeated names kept, e.g. several `set-cookie`), a decoded body prefix and the URL it came
/// from after redirects.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema, TS)]
pub struct ResponseSnapshot {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    /// The decoded body, or a prefix of it. Only the first [`MAX_BODY_SCAN_BYTES`] are read.
    pub body: String,
    /// The URL that produced this response, after redirects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub final_url: Option<String>,
}

impl ResponseSnapshot {
    /// A snapshot with the given status and nothing else.
    pub fn new(status: u16) -> Self {
        ResponseSnapshot {
            status,
            ..Self::default()
        }
    }

    /// Adds one header (builder style).
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Adds one header from raw bytes, as an HTTP client hands them over; bytes that are not
    /// UTF-8 become U+FFFD instead of failing.
    pub fn header_bytes(self, name: &[u8], value: &[u8]) -> Self {
        self.header(
            String::from_utf8_lossy(name).into_owned(),
            String::from_utf8_lossy(value).into_owned(),
        )
    }

    /// Sets the body text (builder style).
    pub fn body(mut self, body: impl Into<String>) -> Self {
        self.body = body.into();
        self
    }

    /// Sets the body from raw bytes that are expected to be UTF-8; invalid sequences become
    /// U+FFFD. Only the scanned prefix is kept so a huge download is not copied whole.
    pub fn body_bytes(mut self, body: &[u8]) -> Self {
        let prefix = &body[..body.len().min(MAX_BODY_SCAN_BYTES)];
        self.body = String::from_utf8_lossy(prefix).into_owned();
        self
    }

    /// Sets the final URL (builder style).
    pub fn final_url(mut self, url: impl Into<String>) -> Self {
        self.final_url = Some(url.into());
        self
    }

    /// Headers the classifier reads: the first [`MAX_HEADERS`], names compared without case.
    pub(crate) fn scanned_headers(&self) -> impl Iterator<Item = (&str, &str)> {
        self.headers
            .iter()
            .take(MAX_HEADERS)
            .map(|(name, value)| (name.trim(), value.trim()))
    }

    /// Values of every header with this name (case-insensitive), in order.
    pub fn header_values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.scanned_headers()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    }

    /// Names of the cookies the response sets, read from `set-cookie` headers (values are never
    /// kept: they can identify a visitor).
    pub fn cookie_names(&self) -> Vec<&str> {
        self.header_values("set-cookie")
            .filter_map(|value| {
                let name = value.split_once('=').map(|(n, _)| n)?.trim();
                (!name.is_empty() && !name.contains(';')).then_some(name)
            })
            .collect()
    }

    /// The part of the body the classifier scans, cut on a character boundary.
    pub(crate) fn scanned_body(&self) -> &str {
        if self.body.len() <= MAX_BODY_SCAN_BYTES {
            return &self.body;
        }
        let mut cut = MAX_BODY_SCAN_BYTES;
        while !self.body.is_char_boundary(cut) {
            cut -= 1;
        }
        &self.body[..cut]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_names_come_from_set_cookie_headers_only() {
        let snap = ResponseSnapshot::new(200)
            .header("Set-Cookie", "__cf_bm=abc; path=/; HttpOnly")
            .header("set-cookie", "  TS01ab12cd=xyz")
            .header("set-cookie", "no-equals-sign")
            .header("set-cookie", "; =broken")
            .header("Cookie", "ignored=1");
        assert_eq!(snap.cookie_names(), vec!["__cf_bm", "TS01ab12cd"]);
    }

    #[test]
    fn header_lookup_ignores_case_and_whitespace() {
        let snap = ResponseSnapshot::new(200).header("CF-Mitigated", " challenge ");
        assert_eq!(
            snap.header_values("cf-mitigated").collect::<Vec<_>>(),
            ["challenge"]
        );
    }

    #[test]
    fn scanned_body_is_bounded_on_a_char_boundary() {
        let body = "é".repeat(MAX_BODY_SCAN_BYTES);
        let snap = ResponseSnapshot::new(200).body(body);
        let scanned = snap.scanned_body();
        assert!(scanned.len() <= MAX_BODY_SCAN_BYTES);
        assert!(scanned.len() >= MAX_BODY_SCAN_BYTES - 1);
    }

    #[test]
    fn raw_bytes_are_decoded_lossily() {
        let snap = ResponseSnapshot::new(403)
            .header_bytes(b"x-odd\xff", b"v\xfe\x00")
            .body_bytes(b"Forbidden\xc3");
        assert_eq!(snap.headers[0].0, "x-odd\u{fffd}");
        assert!(snap.body.starts_with("Forbidden"));
    }
}
