//! Decisions about intercepted requests: which are OpenAI's (answered locally), which are
//! third-party (allowed or blocked), and the answers to send. No browser types here.

use url::Url;

use crate::caps::{
    cut_bytes, cut_chars, MAX_BODY_BYTES, MAX_PARAMS, MAX_STRING_CHARS, MAX_URL_CHARS,
};
use crate::types::{PixelRequest, ThirdParty};

/// Host of OpenAI's SDK script; answered with the local stand-in.
pub(crate) const SDK_HOST: &str = "bzrcdn.openai.com";
/// Host that receives pixel events; recorded and answered locally.
pub(crate) const COLLECTION_HOST: &str = "bzr.openai.com";

/// URL patterns for `Fetch.enable`: OpenAI's hosts only, or every request when third
/// parties are blocked.
pub(crate) fn fetch_patterns(policy: ThirdParty) -> Vec<String> {
    match policy {
        ThirdParty::Allow => vec![
            format!("*://{SDK_HOST}/*"),
            format!("*://{COLLECTION_HOST}/*"),
        ],
        ThirdParty::Block => vec!["*".to_string()],
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Decision {
    /// Answer with the stand-in SDK.
    ServeSdk,
    /// A CORS preflight to the collection host; answer it, do not record it.
    CollectionPreflight,
    /// Record as a pixel request and answer.
    Collect,
    /// Fail the request (third party while blocking).
    Block,
    /// Let it through untouched.
    Continue,
}

/// The page's own site, to tell third-party requests apart.
#[derive(Debug, Clone)]
pub(crate) struct Site {
    site: Option<String>,
}

impl Site {
    pub fn of(page_url: &Url) -> Self {
        Site {
            site: page_url.host_str().map(site_of),
        }
    }

    fn is_first_party(&self, url: &Url) -> bool {
        match (&self.site, url.host_str()) {
            (Some(site), Some(host)) => &site_of(host) == site,
            _ => false,
        }
    }
}

/// The registrable domain (`shop.example.co.uk` → `example.co.uk`); IP addresses and single
/// labels such as `localhost` stand for themselves.
fn site_of(host: &str) -> String {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    if host.parse::<std::net::IpAddr>().is_ok() || host.starts_with('[') || !host.contains('.') {
        return host;
    }
    psl::domain_str(&host).unwrap_or(&host).to_string()
}

pub(crate) fn decide(url: &str, method: &str, site: &Site, policy: ThirdParty) -> Decision {
    let Ok(parsed) = Url::parse(url) else {
        return Decision::Continue;
    };
    if !matches!(parsed.scheme(), "http" | "https") {
        return Decision::Continue;
    }
    match parsed.host_str() {
        Some(SDK_HOST) => return Decision::ServeSdk,
        Some(COLLECTION_HOST) if method.eq_ignore_ascii_case("OPTIONS") => {
            return Decision::CollectionPreflight
        }
        Some(COLLECTION_HOST) => return Decision::Collect,
        _ => {}
    }
    if policy == ThirdParty::Block && !site.is_first_party(&parsed) {
        Decision::Block
    } else {
        Decision::Continue
    }
}

/// A pixel request as recorded: URL, method, decoded query parameters, body; each cut to the
/// limits in [`crate::caps`] (the parameters are read from the whole URL first).
pub(crate) fn pixel_request(
    url: &str,
    method: &str,
    body: Option<String>,
    at_ms: u64,
) -> PixelRequest {
    let params = Url::parse(url)
        .map(|u| {
            u.query_pairs()
                .take(MAX_PARAMS)
                .map(|(k, v)| {
                    (
                        cut_chars(&k, MAX_STRING_CHARS),
                        cut_chars(&v, MAX_STRING_CHARS),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    PixelRequest {
        url: cut_chars(url, MAX_URL_CHARS),
        method: cut_chars(&method.to_ascii_uppercase(), 20),
        params,
        body: body
            .filter(|b| !b.is_empty())
            .map(|b| cut_bytes(&b, MAX_BODY_BYTES)),
        at_ms,
    }
}

/// A response to send back through `Fetch.fulfillRequest`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Answer {
    pub status: i64,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// The smallest transparent GIF, what the image tag expects back.
const PIXEL_GIF: &[u8] = &[
    0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00,
    0xff, 0xff, 0xff, 0x21, 0xf9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2c, 0x00, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3b,
];

pub(crate) fn sdk_answer(script: &str) -> Answer {
    Answer {
        status: 200,
        headers: vec![
            (
                "Content-Type".into(),
                "application/javascript; charset=utf-8".into(),
            ),
            ("Cache-Control".into(), "no-store".into()),
            ("Access-Control-Allow-Origin".into(), "*".into()),
        ],
        body: script.as_bytes().to_vec(),
    }
}

/// Collection answer: a 1×1 GIF for GET (the image tag), 204 otherwise; CORS headers so
/// `fetch` from the page succeeds.
pub(crate) fn collection_answer(method: &str, origin: Option<&str>) -> Answer {
    let mut headers = cors_headers(origin);
    headers.push(("Cache-Control".into(), "no-store".into()));
    if method.eq_ignore_ascii_case("GET") {
        headers.push(("Content-Type".into(), "image/gif".into()));
        Answer {
            status: 200,
            headers,
            body: PIXEL_GIF.to_vec(),
        }
    } else {
        Answer {
            status: 204,
            headers,
            body: Vec::new(),
        }
    }
}

pub(crate) fn preflight_answer(origin: Option<&str>) -> Answer {
    let mut headers = cors_headers(origin);
    headers.push((
        "Access-Control-Allow-Methods".into(),
        "GET, POST, OPTIONS".into(),
    ));
    headers.push((
        "Access-Control-Allow-Headers".into(),
        "*, content-type".into(),
    ));
    headers.push(("Access-Control-Max-Age".into(), "600".into()));
    Answer {
        status: 204,
        headers,
        body: Vec::new(),
    }
}

fn cors_headers(origin: Option<&str>) -> Vec<(String, String)> {
    match origin.filter(|o| !o.is_empty() && *o != "null") {
        Some(origin) => vec![
            ("Access-Control-Allow-Origin".into(), origin.to_string()),
            ("Access-Control-Allow-Credentials".into(), "true".into()),
            ("Vary".into(), "Origin".into()),
        ],
        None => vec![("Access-Control-Allow-Origin".into(), "*".into())],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(url: &str) -> Site {
        Site::of(&Url::parse(url).unwrap())
    }

    #[test]
    fn openai_hosts_are_always_answered_locally() {
        let s = site("https://shop.example.com/");
        for policy in [ThirdParty::Allow, ThirdParty::Block] {
            assert_eq!(
                decide(
                    "https://bzrcdn.openai.com/sdk/oaiq.min.js",
                    "GET",
                    &s,
                    policy
                ),
                Decision::ServeSdk
            );
            assert_eq!(
                decide(
                    "https://bzr.openai.com/v1/sdk/events?pid=x",
                    "GET",
                    &s,
                    policy
                ),
                Decision::Collect
            );
            assert_eq!(
                decide(
                    "https://bzr.openai.com/v1/sdk/events",
                    "OPTIONS",
                    &s,
                    policy
                ),
                Decision::CollectionPreflight
            );
        }
    }

    #[test]
    fn lookalike_hosts_are_not_openai() {
        let s = site("https://shop.example.com/");
        assert_eq!(
            decide(
                "https://bzr.openai.com.evil.test/x",
                "GET",
                &s,
                ThirdParty::Block
            ),
            Decision::Block
        );
        assert_eq!(
            decide("https://xbzr.openai.com/x", "GET", &s, ThirdParty::Allow),
            Decision::Continue
        );
    }

    #[test]
    fn blocking_keeps_the_whole_registrable_domain() {
        let s = site("https://shop.example.co.uk/landing");
        let block = |url| decide(url, "GET", &s, ThirdParty::Block);
        assert_eq!(
            block("https://cdn.example.co.uk/app.js"),
            Decision::Continue
        );
        assert_eq!(block("https://other.co.uk/app.js"), Decision::Block);
        assert_eq!(
            block("https://www.googletagmanager.com/gtm.js"),
            Decision::Block
        );
        assert_eq!(block("data:text/plain,hi"), Decision::Continue);
        assert_eq!(
            decide(
                "https://www.googletagmanager.com/gtm.js",
                "GET",
                &s,
                ThirdParty::Allow
            ),
            Decision::Continue
        );
    }

    #[test]
    fn ip_hosts_are_their_own_site() {
        let s = site("http://127.0.0.1:8080/");
        assert_eq!(
            decide("http://127.0.0.1:9999/x.js", "GET", &s, ThirdParty::Block),
            Decision::Continue
        );
        assert_eq!(
            decide("http://127.0.0.2/x.js", "GET", &s, ThirdParty::Block),
            Decision::Block
        );
    }

    #[test]
    fn image_tag_parameters_are_decoded_in_order() {
        let r = pixel_request(
            "https://bzr.openai.com/v1/sdk/events?pid=Q3E&event=page_viewed&data%5Btype%5D=contents",
            "get",
            Some(String::new()),
            12,
        );
        assert_eq!(r.method, "GET");
        assert_eq!(
            r.params,
            vec![
                ("pid".to_string(), "Q3E".to_string()),
                ("event".to_string(), "page_viewed".to_string()),
                ("data[type]".to_string(), "contents".to_string()),
            ]
        );
        assert_eq!(r.body, None);
        assert_eq!(r.at_ms, 12);
    }

    #[test]
    fn pixel_requests_are_cut_to_the_limits_on_character_boundaries() {
        let value = "é".repeat(MAX_URL_CHARS);
        let url = format!("https://bzr.openai.com/v1/sdk/events?pid=Q3E&note={value}");
        let body = "日".repeat(MAX_BODY_BYTES);
        let r = pixel_request(&url, "POST", Some(body), 0);
        assert!(r.url.ends_with(crate::caps::CUT_MARKER));
        assert_eq!(
            r.url.chars().count(),
            MAX_URL_CHARS + crate::caps::CUT_MARKER.chars().count()
        );
        assert_eq!(r.params[0], ("pid".to_string(), "Q3E".to_string()));
        assert!(r.params[1].1.ends_with(crate::caps::CUT_MARKER));
        let body = r.body.unwrap();
        assert!(body.len() <= MAX_BODY_BYTES + crate::caps::CUT_MARKER.len());
        assert!(body.starts_with('日') && body.ends_with(crate::caps::CUT_MARKER));

        let many = (0..MAX_PARAMS + 50)
            .map(|i| format!("p{i}=1"))
            .collect::<Vec<_>>()
            .join("&");
        let r = pixel_request(&format!("https://bzr.openai.com/e?{many}"), "GET", None, 0);
        assert_eq!(r.params.len(), MAX_PARAMS);
    }

    #[test]
    fn answers_fit_the_request() {
        let get = collection_answer("GET", Some("https://shop.example.com"));
        assert_eq!(get.status, 200);
        assert!(get.body.starts_with(b"GIF89a"));
        assert!(get.headers.contains(&(
            "Access-Control-Allow-Origin".into(),
            "https://shop.example.com".into()
        )));
        let post = collection_answer("POST", None);
        assert_eq!(post.status, 204);
        assert!(post.body.is_empty());
        assert_eq!(preflight_answer(None).status, 204);
        assert_eq!(sdk_answer("x()").body, b"x()");
    }

    #[test]
    fn patterns_follow_the_policy() {
        assert_eq!(fetch_patterns(ThirdParty::Block), vec!["*"]);
        let allow = fetch_patterns(ThirdParty::Allow);
        assert!(allow.iter().all(|p| p.contains("openai.com")));
    }
}
