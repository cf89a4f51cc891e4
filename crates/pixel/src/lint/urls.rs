//! Recognises the pixel's addresses in script `src`s, image tags and strings in page code:
//! the SDK (and near misses such as `http:`, a typo in the host, a self-hosted copy), the image
//! tag endpoint and the server-only Conversions API endpoint.

use url::Url;

use crate::data::data;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlKind {
    /// Exactly the documented SDK address.
    OfficialSdk,
    /// Meant to be the SDK, but wrong; the reason is a plain sentence.
    WrongSdk(String),
    /// A file on another host named like the SDK (`/js/oaiq.js`): a self-hosted copy of the SDK,
    /// or the site's own file holding OpenAI's snippet. Only its content tells which; the reason
    /// is the sentence to use if it is a copy.
    SdkNamedFile(String),
    /// The no-JavaScript image tag endpoint.
    ImageTag,
    /// The image tag endpoint with a wrong scheme or host; the reason is a plain sentence.
    WrongImageTag(String),
    /// The server-side Conversions API endpoint.
    Capi,
    Other,
}

/// Parse an absolute or protocol-relative URL; other strings are not URLs here.
pub fn parse_absolute(s: &str) -> Option<Url> {
    let s = s.trim();
    if s.len() > 4096 {
        return None;
    }
    if let Some(rest) = s.strip_prefix("//") {
        return Url::parse(&format!("https://{rest}")).ok();
    }
    let url = Url::parse(s).ok()?;
    matches!(url.scheme(), "http" | "https").then_some(url)
}

pub fn classify(s: &str) -> UrlKind {
    match parse_absolute(s) {
        Some(url) => classify_url(&url, s.trim_start().starts_with("//")),
        None => UrlKind::Other,
    }
}

pub fn classify_url(url: &Url, protocol_relative: bool) -> UrlKind {
    let sdk = &data().sdk;
    let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
    let path = url.path();
    let https = url.scheme() == "https" || protocol_relative;
    let file = path.rsplit('/').next().unwrap_or_default();
    let looks_like_sdk_file = file.starts_with("oaiq") && file.ends_with(".js");

    if host == sdk.sdk_host {
        // The bare host or a folder is a base address code builds the SDK address from.
        if path.ends_with('/') {
            return UrlKind::Other;
        }
        if path != sdk.sdk_path {
            return UrlKind::WrongSdk(format!("the path is {path}, not {}", sdk.sdk_path));
        }
        if !https {
            return UrlKind::WrongSdk(
                "it uses http: instead of https:, so browsers block or downgrade it".into(),
            );
        }
        return UrlKind::OfficialSdk;
    }
    if host == sdk.events_host {
        if path == sdk.image_tag_path {
            if !https {
                return UrlKind::WrongImageTag("it uses http: instead of https:".into());
            }
            return UrlKind::ImageTag;
        }
        if path == sdk.capi_path || path.starts_with(&format!("{}/", sdk.capi_path)) {
            return UrlKind::Capi;
        }
        return UrlKind::Other;
    }
    if near(&host, &sdk.sdk_host) {
        return UrlKind::WrongSdk(format!(
            "the host is {host}, which looks like a typo of {}",
            sdk.sdk_host
        ));
    }
    if near(&host, &sdk.events_host) && path == sdk.image_tag_path {
        return UrlKind::WrongImageTag(format!(
            "the host is {host}, which looks like a typo of {}",
            sdk.events_host
        ));
    }
    if looks_like_sdk_file {
        return UrlKind::SdkNamedFile(format!(
            "it loads a copy of the SDK from {host} instead of {}, so it will not get OpenAI's updates and fixes",
            sdk.sdk_host
        ));
    }
    UrlKind::Other
}

/// Hosts one or two edits apart (a typo), but not equal.
fn near(a: &str, b: &str) -> bool {
    a != b && a.len().abs_diff(b.len()) <= 2 && edit_distance(a, b) <= 2
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sdk_addresses() {
        assert_eq!(
            classify("https://bzrcdn.openai.com/sdk/oaiq.min.js"),
            UrlKind::OfficialSdk
        );
        assert_eq!(
            classify("//bzrcdn.openai.com/sdk/oaiq.min.js"),
            UrlKind::OfficialSdk
        );
        assert_eq!(
            classify("https://bzrcdn.openai.com/sdk/oaiq.min.js?v=2"),
            UrlKind::OfficialSdk
        );
        assert!(matches!(
            classify("http://bzrcdn.openai.com/sdk/oaiq.min.js"),
            UrlKind::WrongSdk(_)
        ));
        assert!(matches!(
            classify("https://bzrcdn.opneai.com/sdk/oaiq.min.js"),
            UrlKind::WrongSdk(_)
        ));
        assert!(matches!(
            classify("https://bzrcdn.openai.com/oaiq.min.js"),
            UrlKind::WrongSdk(_)
        ));
        assert!(matches!(
            classify("https://cdn.shop.example/js/oaiq.min.js"),
            UrlKind::SdkNamedFile(_)
        ));
        assert_eq!(classify("https://bzrcdn.openai.com"), UrlKind::Other);
        assert_eq!(classify("https://bzrcdn.openai.com/sdk/"), UrlKind::Other);
        assert_eq!(classify("https://cdn.openai.com/other.js"), UrlKind::Other);
    }

    #[test]
    fn event_endpoints() {
        assert_eq!(
            classify("https://bzr.openai.com/v1/sdk/events?pid=x"),
            UrlKind::ImageTag
        );
        assert_eq!(
            classify("https://bzr.openai.com/v1/events?pid=x"),
            UrlKind::Capi
        );
        assert!(matches!(
            classify("http://bzr.openai.com/v1/sdk/events?pid=x"),
            UrlKind::WrongImageTag(_)
        ));
        assert_eq!(classify("not a url"), UrlKind::Other);
    }
}
