//! From a URL to the path-and-query string robots.txt rules are compared with.

use crate::error::{shorten, RobotsError};
use url::Url;

/// Longest URL accepted. Far above any real landing page; stops pasted garbage early.
pub const MAX_URL_CHARS: usize = 100_000;

/// A landing-page URL prepared for matching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TargetUrl {
    /// The URL as the crawler requests it (normalised by the URL standard, fragment dropped).
    pub url: String,
    /// Path plus `?query` when there is one.
    pub path_and_query: String,
    /// The same page without its query string, when the URL has one.
    pub bare: Option<BareTarget>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BareTarget {
    pub url: String,
    pub path: String,
}

/// Parses an absolute http(s) URL. The fragment is dropped because it is never sent to the
/// server; the query string is kept because crawlers request it.
pub(crate) fn parse_target(input: &str) -> Result<TargetUrl, RobotsError> {
    let input = input.trim();
    let length = input.chars().count();
    if length > MAX_URL_CHARS {
        return Err(RobotsError::UrlTooLong {
            length,
            max: MAX_URL_CHARS,
        });
    }
    let mut url = Url::parse(input).map_err(|e| RobotsError::InvalidUrl {
        url: shorten(input),
        reason: e.to_string(),
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(RobotsError::UnsupportedScheme {
            url: shorten(input),
            scheme: url.scheme().to_string(),
        });
    }
    url.set_fragment(None);
    let path = url.path().to_string();
    let (path_and_query, bare) = match url.query() {
        Some(query) => {
            let mut bare_url = url.clone();
            bare_url.set_query(None);
            let bare = BareTarget {
                url: bare_url.to_string(),
                path: path.clone(),
            };
            (format!("{path}?{query}"), Some(bare))
        }
        None => (path, None),
    };
    Ok(TargetUrl {
        url: url.to_string(),
        path_and_query,
        bare,
    })
}

/// The path, parameters and query of `url`, extracted leniently the way Google's reference
/// parser does (`GetPathParamsQuery`): works on relative and scheme-less inputs and returns `/`
/// when there is no path. Used to run Google's test expectations unchanged.
pub fn path_params_query(url: &str) -> String {
    let find_any = |from: usize, set: &[u8]| {
        url.as_bytes()[from.min(url.len())..]
            .iter()
            .position(|b| set.contains(b))
            .map(|i| i + from)
    };
    // Two initial slashes are a scheme-relative host, not a path.
    let search_start = if url.starts_with("//") { 2 } else { 0 };
    let early_path = find_any(search_start, b"/?;");
    let protocol_end = url[search_start..]
        .find("://")
        .map(|i| i + search_start)
        // A `://` after the path starts (e.g. inside a query) is no scheme separator.
        .filter(|&p| early_path.is_none_or(|e| e >= p))
        .map_or(search_start, |p| p + 3);
    let Some(path_start) = find_any(protocol_end, b"/?;") else {
        return "/".to_string();
    };
    let hash = url[search_start..].find('#').map(|i| i + search_start);
    if hash.is_some_and(|h| h < path_start) {
        return "/".to_string();
    }
    let path = &url[path_start..hash.unwrap_or(url.len())];
    if path.starts_with('/') {
        path.to_string()
    } else {
        format!("/{path}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_is_kept_and_fragment_dropped() {
        let t = parse_target("https://Example.com/landing?utm_source=chatgpt&utm_medium=cpc#top")
            .unwrap();
        assert_eq!(
            t.url,
            "https://example.com/landing?utm_source=chatgpt&utm_medium=cpc"
        );
        assert_eq!(
            t.path_and_query,
            "/landing?utm_source=chatgpt&utm_medium=cpc"
        );
        let bare = t.bare.unwrap();
        assert_eq!(bare.url, "https://example.com/landing");
        assert_eq!(bare.path, "/landing");
    }

    #[test]
    fn url_without_query_has_no_bare_variant() {
        let t = parse_target("  http://example.com  ").unwrap();
        assert_eq!(t.path_and_query, "/");
        assert!(t.bare.is_none());
    }

    #[test]
    fn non_ascii_paths_are_percent_encoded() {
        let t = parse_target("https://example.com/café?q=ツ").unwrap();
        assert_eq!(t.path_and_query, "/caf%C3%A9?q=%E3%83%84");
    }

    #[test]
    fn malformed_urls_give_clear_errors() {
        for bad in [
            "",
            "example.com/landing",
            "https://",
            "not a url",
            "http://exa mple.com/",
        ] {
            match parse_target(bad) {
                Err(RobotsError::InvalidUrl { reason, .. }) => assert!(!reason.is_empty()),
                other => panic!("{bad:?} gave {other:?}"),
            }
        }
        let err = parse_target("ftp://example.com/file").unwrap_err();
        assert!(
            matches!(err, RobotsError::UnsupportedScheme { ref scheme, .. } if scheme == "ftp")
        );
        assert!(err.to_string().contains("https://"));
        let err = parse_target(&format!(
            "https://example.com/{}",
            "a".repeat(MAX_URL_CHARS)
        ))
        .unwrap_err();
        assert!(matches!(err, RobotsError::UrlTooLong { .. }));
    }

    #[test]
    fn error_messages_quote_long_input_briefly() {
        let bad = format!("x{}", "y".repeat(5_000));
        let message = parse_target(&bad).unwrap_err().to_string();
        assert!(message.len() < 600, "{}", message.len());
    }

    #[test]
    fn lenient_extraction_handles_odd_inputs() {
        assert_eq!(path_params_query(""), "/");
        assert_eq!(
            path_params_query("http://www.example.com/a/b?c=http://d.e/"),
            "/a/b?c=http://d.e/"
        );
        assert_eq!(path_params_query("example.com?a"), "/?a");
        assert_eq!(path_params_query("//a/b/c"), "/b/c");
        assert_eq!(path_params_query("a/b"), "/b");
        assert_eq!(path_params_query("example.com/a;b#c"), "/a;b");
        assert_eq!(path_params_query("http://x#frag/y"), "/");
    }
}
