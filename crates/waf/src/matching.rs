//! Testing one compiled signal against one response, and quoting what matched.

use crate::snapshot::ResponseSnapshot;
use crate::table::{CompiledSignal, Matcher};

/// Longest quote of a matched header value or body marker kept as a signal.
const MAX_QUOTE_CHARS: usize = 160;

/// The response pieces a signal can look at, prepared once per classification.
pub(crate) struct Prepared<'a> {
    pub status: u16,
    pub headers: Vec<(&'a str, &'a str)>,
    pub cookies: Vec<&'a str>,
    pub body: &'a str,
}

impl<'a> Prepared<'a> {
    pub fn new(snapshot: &'a ResponseSnapshot) -> Self {
        Prepared {
            status: snapshot.status,
            headers: snapshot.scanned_headers().collect(),
            cookies: snapshot.cookie_names(),
            body: snapshot.scanned_body(),
        }
    }
}

/// The verbatim text that made `signal` match, or `None` when it does not apply.
pub(crate) fn match_signal(signal: &CompiledSignal, response: &Prepared<'_>) -> Option<String> {
    if !signal.status.is_empty() && !signal.status.contains(&response.status) {
        return None;
    }
    if signal
        .max_body_bytes
        .is_some_and(|max| response.body.len() > max)
    {
        return None;
    }
    match &signal.matcher {
        Matcher::Header { name, value } => response
            .headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .find(|(_, v)| value.as_ref().is_none_or(|re| re.is_match(v)))
            .map(|(n, v)| format!("{}: {}", n.to_ascii_lowercase(), quote(v))),
        Matcher::Cookie(re) => response
            .cookies
            .iter()
            .find(|c| re.is_match(c))
            .map(|c| format!("set-cookie: {}", quote(c))),
        Matcher::Body(re) => re.find(response.body).map(|m| {
            format!(
                "body: {}",
                quote(&preflight_markup::decode_entities(m.as_str()))
            )
        }),
        Matcher::Status => Some(format!("HTTP status {}", response.status)),
    }
}

/// Collapses whitespace (body markers can span lines) and cuts long text.
pub(crate) fn quote(text: &str) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() <= MAX_QUOTE_CHARS {
        return collapsed;
    }
    let mut cut: String = collapsed.chars().take(MAX_QUOTE_CHARS).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_marker_is_quoted_with_its_entities_decoded() {
        let snap = ResponseSnapshot::new(403).body(
            "<h1>Access Denied</h1>Reference&#32;&#35;18&#46;5f2d3e17&#46;1700000000&#46;abc123",
        );
        let verdict = crate::classify(&snap);
        let signals = &verdict.vendor.as_ref().expect("akamai").signals;
        assert!(
            signals
                .iter()
                .any(|s| s == "body: Reference #18.5f2d3e17.1700000000.abc123"),
            "{signals:?}"
        );
        assert!(signals.iter().all(|s| !s.contains("&#")), "{signals:?}");
    }

    #[test]
    fn quote_collapses_whitespace_and_cuts() {
        assert_eq!(quote("a\r\n  b\tc"), "a b c");
        let long = "x".repeat(MAX_QUOTE_CHARS + 5);
        assert_eq!(quote(&long).chars().count(), MAX_QUOTE_CHARS + 1);
    }
}
