//! Would the page's Content-Security-Policy (response headers or `<meta http-equiv>`) stop the
//! pixel? Checks the SDK script, the event beacons, the image fallback, the settings fetch and
//! the inline snippet, following CSP's fallback rules (`script-src-elem` → `script-src` →
//! `default-src`) and source matching (`*`, schemes, hosts with wildcards, ports and paths).

use preflight_model::{Confidence, Finding, Status};
use url::Url;

use crate::data::data;
use crate::finding::finding;
use crate::ids;

/// One enforced policy and where it came from.
#[derive(Debug, Clone)]
pub struct Policy {
    pub origin: String,
    pub text: String,
    directives: Vec<(String, Vec<String>)>,
}

impl Policy {
    pub fn parse(origin: &str, text: &str) -> Policy {
        let mut directives: Vec<(String, Vec<String>)> = Vec::new();
        for part in text.split(';') {
            let mut tokens = part.split_ascii_whitespace();
            let Some(name) = tokens.next() else { continue };
            let name = name.to_ascii_lowercase();
            // The first occurrence of a directive wins; later duplicates are ignored.
            if directives.iter().any(|(n, _)| *n == name) {
                continue;
            }
            directives.push((name, tokens.map(str::to_string).collect()));
        }
        Policy {
            origin: origin.to_string(),
            text: text.trim().to_string(),
            directives,
        }
    }

    /// The first directive of the fallback chain that the policy defines.
    fn effective<'p>(&'p self, chain: &[String]) -> Option<(&'p str, &'p [String])> {
        chain.iter().find_map(|want| {
            self.directives
                .iter()
                .find(|(n, _)| n == want)
                .map(|(n, s)| (n.as_str(), s.as_slice()))
        })
    }
}

/// Enforced policies from headers (several headers, or comma-separated policies, each apply)
/// and from `<meta>` tags. Report-only policies block nothing and are left out.
pub fn policies(headers: &[(String, String)], meta: &[String]) -> Vec<Policy> {
    let mut out = Vec::new();
    for (name, value) in headers {
        if name.trim().eq_ignore_ascii_case("content-security-policy") {
            for policy in value.split(',').filter(|p| !p.trim().is_empty()) {
                out.push(Policy::parse("Content-Security-Policy header", policy));
            }
        }
    }
    for content in meta {
        out.push(Policy::parse(
            "<meta http-equiv=\"Content-Security-Policy\">",
            content,
        ));
    }
    out
}

/// Does this source list allow loading `url` (from a page at `page`)?
pub fn allows(sources: &[String], url: &Url, page: Option<&Url>) -> bool {
    sources
        .iter()
        .any(|source| source_matches(source, url, page))
}

fn source_matches(source: &str, url: &Url, page: Option<&Url>) -> bool {
    let s = source.to_ascii_lowercase();
    match s.as_str() {
        "*" => matches!(url.scheme(), "http" | "https" | "ws" | "wss"),
        "'self'" => page.is_some_and(|p| p.origin() == url.origin()),
        "'strict-dynamic'" => true,
        s if s.starts_with('\'') => false,
        s if s.ends_with(':') && !s.contains('/') => {
            let scheme = &s[..s.len() - 1];
            scheme == url.scheme() || (scheme == "http" && url.scheme() == "https")
        }
        s => host_source_matches(s, url),
    }
}

fn host_source_matches(source: &str, url: &Url) -> bool {
    let (scheme, rest) = match source.split_once("://") {
        Some((scheme, rest)) => (Some(scheme), rest),
        None => (None, source),
    };
    if let Some(scheme) = scheme {
        let ok = scheme == url.scheme() || (scheme == "http" && url.scheme() == "https");
        if !ok {
            return false;
        }
    }
    let (host_port, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let (host, port) = match host_port.rsplit_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (host_port, None),
    };
    let url_host = url.host_str().unwrap_or_default().to_ascii_lowercase();
    let host_ok = if host == "*" {
        true
    } else if let Some(suffix) = host.strip_prefix("*.") {
        url_host.ends_with(&format!(".{suffix}"))
    } else {
        url_host == host
    };
    if !host_ok {
        return false;
    }
    let url_port = url.port_or_known_default();
    let port_ok = match port {
        None => url.port().is_none() || url_port == Some(443) || url_port == Some(80),
        Some("*") => true,
        Some(p) => p.parse::<u16>().ok() == url_port,
    };
    if !port_ok {
        return false;
    }
    path.is_empty()
        || path == "/"
        || (path.ends_with('/') && url.path().starts_with(path))
        || url.path() == path
}

/// What the page does with the pixel, as far as CSP cares.
pub struct PixelUse {
    /// Pixel code sits in inline scripts; the flag says whether every one carries a nonce.
    pub inline_snippet: Option<bool>,
    /// The SDK is (meant to be) loaded.
    pub loads_sdk: bool,
}

pub fn lint_csp(policies: &[Policy], page: Option<&Url>, usage: &PixelUse) -> Vec<Finding> {
    let mut out = Vec::new();
    if !usage.loads_sdk && usage.inline_snippet.is_none() {
        return out;
    }
    for policy in policies {
        for need in &data().sdk.csp {
            let Some((directive, sources)) = policy.effective(&need.directives) else {
                continue;
            };
            let Ok(url) = Url::parse(&need.url) else {
                continue;
            };
            if allows(sources, &url, page) {
                continue;
            }
            let host = url.host_str().unwrap_or_default();
            let status = if need.status == "fail" {
                Status::Fail
            } else {
                Status::Warn
            };
            let fix_directive = if directive == "default-src" {
                need.directives[0].as_str()
            } else {
                directive
            };
            let mut f = finding(&need.id, status, format!("The page's security policy stops the pixel from being able to {}", need.purpose))
                .detail(format!("The Content-Security-Policy's “{directive}” does not allow https://{host}, so the browser refuses to {} and conversions {}.", need.purpose, if status == Status::Fail { "are lost" } else { "may be lost on some browsers" }))
                .evidence(policy.origin.clone(), policy.text.clone())
                .remedy(format!("Add “https://{host}” to “{fix_directive}” in the Content-Security-Policy{}.", if directive == "default-src" { " (add the directive if it is missing, keeping the default-src sources)" } else { "" }));
            if need.status != "fail" {
                f = f.confidence(Confidence::Medium);
            }
            out.push(f);
        }
        if let Some(nonced) = usage.inline_snippet {
            if let Some(f) = inline_snippet_blocked(policy, nonced) {
                out.push(f);
            }
        }
    }
    out
}

fn inline_snippet_blocked(policy: &Policy, nonced: bool) -> Option<Finding> {
    let chain = ["script-src-elem", "script-src", "default-src"].map(String::from);
    let (directive, sources) = policy.effective(&chain)?;
    let lower: Vec<String> = sources.iter().map(|s| s.to_ascii_lowercase()).collect();
    let has_nonce = lower.iter().any(|s| s.starts_with("'nonce-"));
    let has_hash = lower.iter().any(|s| {
        s.starts_with("'sha256-") || s.starts_with("'sha384-") || s.starts_with("'sha512-")
    });
    let unsafe_inline = lower.iter().any(|s| s == "'unsafe-inline'");
    // 'unsafe-inline' is ignored when a nonce or hash is present.
    if unsafe_inline && !has_nonce && !has_hash {
        return None;
    }
    if nonced && has_nonce {
        return None;
    }
    let base = finding(ids::CSP_BLOCKS_INLINE_SNIPPET, Status::Fail, "The page's security policy blocks the inline pixel snippet")
        .evidence(policy.origin.clone(), policy.text.clone())
        .remedy("Give the snippet's “<script>” the page's nonce (“<script nonce=\"…\">”) or add its SHA-256 hash to “script-src”. Avoid adding “'unsafe-inline'” just for the pixel.");
    if has_hash {
        return Some(
            base.status_warn()
                .detail(format!("“{directive}” allows inline scripts only by hash. Unless one of its hashes matches the pixel snippet exactly, the snippet does not run and nothing is measured."))
                .confidence(Confidence::Medium),
        );
    }
    Some(base.detail(format!("“{directive}” does not allow inline scripts{}, so the snippet that loads the pixel and calls “init” never runs.", if has_nonce { " without the page's nonce, and the snippet has none" } else { "" })))
}

trait WarnStatus {
    fn status_warn(self) -> Self;
}

impl WarnStatus for Finding {
    fn status_warn(mut self) -> Self {
        self.status = Status::Warn;
        self.severity = Status::Warn.severity();
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    fn sources(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn source_matching() {
        let sdk = url("https://bzrcdn.openai.com/sdk/oaiq.min.js");
        assert!(allows(&sources("https://bzrcdn.openai.com"), &sdk, None));
        assert!(allows(&sources("*.openai.com"), &sdk, None));
        assert!(!allows(
            &sources("*.openai.com"),
            &url("https://openai.com/x"),
            None
        ));
        assert!(allows(&sources("https:"), &sdk, None));
        assert!(allows(&sources("*"), &sdk, None));
        assert!(allows(&sources("bzrcdn.openai.com/sdk/"), &sdk, None));
        assert!(!allows(&sources("bzrcdn.openai.com/other/"), &sdk, None));
        assert!(!allows(
            &sources("'self' 'unsafe-inline'"),
            &sdk,
            Some(&url("https://shop.example/"))
        ));
        assert!(!allows(&sources("'none'"), &sdk, None));
        assert!(!allows(
            &sources("https://bzrcdn.openai.com:8443"),
            &sdk,
            None
        ));
    }

    #[test]
    fn fallback_to_default_src() {
        let p = Policy::parse(
            "h",
            "default-src 'self'; script-src 'self' https://bzrcdn.openai.com",
        );
        let usage = PixelUse {
            inline_snippet: None,
            loads_sdk: true,
        };
        let ids: Vec<String> = lint_csp(&[p], None, &usage)
            .into_iter()
            .map(|f| f.id)
            .collect();
        assert!(!ids.contains(&ids::CSP_BLOCKS_SDK.to_string()));
        assert!(ids.contains(&ids::CSP_BLOCKS_BEACONS.to_string()));
        assert!(ids.contains(&ids::CSP_BLOCKS_IMAGE_FALLBACK.to_string()));
    }
}
