//! Do the UTMs and OpenAI's click parameters survive the redirect chain? Pure: the chain is
//! followed elsewhere and handed in.

use preflight_model::{Finding, Status};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use url::Url;

use crate::checks::utm_finding;
use crate::data::policy;
use crate::parsed::ParsedUrl;

/// The test value for `oppref` (OpenAI's click reference starts with `gAAAA`).
pub const TEST_OPPREF: &str = "gAAAA_preflight_test";
/// The test value for `olref`.
pub const TEST_OLREF: &str = "preflight_test";

/// One request in a redirect chain: the URL requested and the status it answered with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct RedirectHop {
    /// The URL requested at this hop (absolute, or relative to the previous hop).
    pub url: String,
    /// The HTTP status of the response (301, 302, 200 …).
    pub status: u16,
}

/// The URL with test values for `oppref` and `olref`, as OpenAI would append them to a click.
/// Existing `oppref`/`olref` parameters are removed first so the test is unambiguous; a
/// `#fragment` stays at the end.
pub fn with_test_click_ids(url: &str) -> String {
    let url = url.trim();
    let (before_hash, fragment) = match url.split_once('#') {
        Some((b, f)) => (b, Some(f)),
        None => (url, None),
    };
    let (base, query) = match before_hash.split_once('?') {
        Some((b, q)) => (b, q),
        None => (before_hash, ""),
    };
    let mut segments: Vec<&str> = query
        .split('&')
        .filter(|s| !s.is_empty())
        .filter(|s| {
            let key = s.split('=').next().unwrap_or_default().to_ascii_lowercase();
            !policy().is_openai_click_param(&key)
        })
        .collect();
    let oppref = format!("oppref={TEST_OPPREF}");
    let olref = format!("olref={TEST_OLREF}");
    segments.push(&oppref);
    segments.push(&olref);
    let mut out = format!("{base}?{}", segments.join("&"));
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    out
}

/// Tracked parameters (UTMs, `oppref`, `olref`) of a URL: the last value of each, since OpenAI
/// appends its parameters at the end.
fn tracked_params(url: &str) -> Vec<(String, String)> {
    let parsed = ParsedUrl::new(url);
    let mut out: Vec<(String, String)> = Vec::new();
    for p in parsed.params() {
        if policy().is_tracked(&p.key) {
            out.retain(|(k, _)| k != &p.key);
            out.push((p.key.clone(), p.value.clone()));
        }
    }
    out
}

/// Finds the first redirect that drops or changes a UTM, `oppref` or `olref`.
///
/// `chain` lists every request made, in order, starting with the original URL (if the first
/// hop is a different URL, the original is assumed to have been requested just before it).
pub fn evaluate_redirects(original: &str, chain: &[RedirectHop]) -> Finding {
    let expected = tracked_params(original);
    if chain.is_empty() {
        // The page did not answer at all; what stopped it is said where the page is fetched,
        // so this is not a check that failed but one with nothing to look at.
        return utm_finding(
            "redirect-chain-empty",
            Status::NotApplicable,
            "Not checked: the page did not open",
        )
        .detail(
            "The page did not answer, so there were no redirects to follow. Whether the \
             tracking parameters survive can be checked once the page opens.",
        )
        .evidence("Destination", original);
    }
    if expected.is_empty() {
        return utm_finding(
            "utm-survives-redirects",
            Status::NotApplicable,
            "No tracking parameters to follow",
        )
        .detail(
            "The destination has no UTM, oppref or olref parameters, so there is nothing a \
             redirect could drop. Test with oppref added to see whether OpenAI's click \
             reference would survive.",
        )
        .evidence("Destination", original);
    }

    let mut previous_url = original.trim().to_string();
    let mut previous_status: Option<u16> = None;
    let same_as_original = chain[0].url.trim() == previous_url;
    for (i, hop) in chain.iter().enumerate() {
        let hop_url = resolve(&previous_url, &hop.url);
        if !(i == 0 && same_as_original) {
            let found = tracked_params(&hop_url);
            let mut problems = Vec::new();
            for (key, value) in &expected {
                match found.iter().find(|(k, _)| k == key) {
                    None => problems.push(format!("{key} dropped")),
                    Some((_, v)) if v != value => {
                        problems.push(format!("{key} changed from \"{value}\" to \"{v}\""))
                    }
                    Some(_) => {}
                }
            }
            if !problems.is_empty() {
                let redirect_label = match previous_status {
                    Some(status) => format!("Redirect at hop {i} (HTTP {status})"),
                    None => "Redirect before the first recorded hop".to_string(),
                };
                return utm_finding(
                    "utm-dropped-by-redirect",
                    Status::Fail,
                    "A redirect drops your tracking parameters",
                )
                .detail(format!(
                    "On the way to the landing page a redirect loses {}. Visits then arrive \
                     without campaign data, and without oppref OpenAI cannot credit \
                     conversions to the ad click.",
                    problems.join(", ")
                ))
                .evidence_at(redirect_label, &previous_url, previous_url.clone())
                .evidence_at(
                    format!("Hop {} (HTTP {})", i + 1, hop.status),
                    &hop_url,
                    hop_url.clone(),
                )
                .evidence("Parameters lost", problems.join("; "))
                .remedy(
                    "Make the redirect keep the whole query string (everything after ?), or \
                     use the final URL as the ad destination so no redirect is needed.",
                );
            }
        }
        previous_url = hop_url;
        previous_status = Some(hop.status);
    }

    let last = chain.last().expect("chain is not empty");
    // A chain that ends on a redirect was cut off (loop or hop limit): only a partial verdict.
    let cut_off = (300..400).contains(&last.status);
    let (status, title) = if cut_off {
        (
            Status::Warn,
            "Tracking parameters survive the redirects seen so far",
        )
    } else {
        (Status::Pass, "Tracking parameters survive every redirect")
    };
    let mut f = utm_finding("utm-survives-redirects", status, title)
        .detail(format!(
            "All {} tracked parameters ({}) reach the last page seen unchanged.",
            expected.len(),
            expected
                .iter()
                .map(|(k, _)| k.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))
        .evidence(
            format!("Final hop {} (HTTP {})", chain.len(), last.status),
            &previous_url,
        );
    if cut_off {
        f = f
            .evidence(
                "Note",
                "The chain ends on a redirect: it was cut off before the final page.",
            )
            .remedy("Check why the redirect chain does not end (a loop or too many hops).");
    }
    f
}

/// Resolves a hop URL against the previous one (Location headers may be relative).
fn resolve(previous: &str, hop: &str) -> String {
    let hop = hop.trim();
    if hop.contains("://") {
        return hop.to_string();
    }
    Url::parse(previous)
        .and_then(|base| base.join(hop))
        .map(|u| u.to_string())
        .unwrap_or_else(|_| hop.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_click_ids_are_appended_before_the_fragment() {
        assert_eq!(
            with_test_click_ids("https://x.example/p"),
            "https://x.example/p?oppref=gAAAA_preflight_test&olref=preflight_test"
        );
        assert_eq!(
            with_test_click_ids("https://x.example/p?utm_source=chatgpt&oppref=old&#top"),
            "https://x.example/p?utm_source=chatgpt&oppref=gAAAA_preflight_test&olref=preflight_test#top"
        );
    }

    #[test]
    fn relative_locations_resolve() {
        assert_eq!(
            resolve("https://x.example/a/b?q=1", "/c?q=1"),
            "https://x.example/c?q=1"
        );
    }
}
