//! A site's live robots.txt for the tester, fetched exactly as the audit fetches it (as
//! OAI-AdsBot, at most five redirects, the first 500 KiB; a private network address only when the
//! user gave that host), with what the answer means for crawlers under RFC 9309, in words.

use crate::clock;
use crate::error::SessionError;
use preflight_audit::artifacts::{Hop, RobotsFetch};
use preflight_audit::{FetchOptions, Fetcher};
use preflight_robots::RobotsSource;
use serde::Serialize;
use ts_rs::TS;

/// What fetching a site's robots.txt gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FetchedRobots {
    /// The address the user gave, as read (a bare host gets `https://`).
    pub site: String,
    /// The file requested: `/robots.txt` on that host.
    pub robots_url: String,
    /// Where the answer finally came from, after redirects.
    pub final_url: String,
    /// The final HTTP status, when the server answered.
    pub status: Option<u16>,
    /// Every request made, redirects included.
    pub hops: Vec<Hop>,
    /// What a crawler must make of the answer: the file's rules, allow all (4xx) or disallow
    /// all (5xx, 429, no answer).
    pub source: RobotsSource,
    /// The file's text for the editor: what the server sent with a 2xx status, otherwise empty
    /// (an error page is not a robots.txt).
    pub body: String,
    /// Bytes received (at most the 500 KiB crawlers must read, plus one).
    #[ts(type = "number")]
    pub body_bytes: u64,
    /// The file was longer than 500 KiB and only its start was read.
    pub truncated: bool,
    /// When it was fetched (RFC 3339, UTC).
    pub fetched_at: String,
    /// What was fetched from where, e.g. "Fetched https://shop.example/robots.txt: HTTP 200,
    /// 1,204 bytes."
    pub summary: String,
    /// What that means for OAI-AdsBot.
    pub meaning: String,
}

/// Fetches the robots.txt that governs `site` (an origin, a bare host or any URL of the site).
pub async fn fetch_robots(site: &str) -> Result<FetchedRobots, SessionError> {
    let site = preflight_audit::normalise_url(site).map_err(SessionError::InvalidUrl)?;
    let fetcher = Fetcher::new(FetchOptions::default()).map_err(SessionError::Internal)?;
    let fetched = fetcher.fetch_robots(&site).await;
    Ok(describe(site, fetched, clock::now()))
}

/// The fetch in words, with the fetch-status rules applied as the audit applies them.
fn describe(site: String, fetched: RobotsFetch, fetched_at: String) -> FetchedRobots {
    // The audit's own check decides what the answer means, so the tester cannot disagree.
    let source = preflight_audit::checks::robots::check(&fetched.url, &fetched)
        .0
        .map_or(
            RobotsSource::Unreachable {
                reason: preflight_robots::UnreachableReason::Network,
            },
            |v| v.source,
        );
    let final_url = fetched
        .hops
        .last()
        .map_or_else(|| fetched.url.clone(), |h| h.url.clone());
    let redirects = fetched.hops.len().saturating_sub(1);
    let mut summary = format!("Fetched {} as OAI-AdsBot at {fetched_at}: ", fetched.url);
    match (&fetched.error, fetched.status) {
        (Some(e), _) => summary.push_str(&format!("no usable answer. {}", e.message)),
        (None, Some(status)) => summary.push_str(&format!(
            "HTTP {status}, {} bytes.",
            thousands(fetched.body_bytes)
        )),
        (None, None) => summary.push_str("no answer."),
    }
    if redirects > 0 {
        summary.push_str(&format!(
            " After {redirects} redirect{} it came from {final_url}.",
            if redirects == 1 { "" } else { "s" }
        ));
    }
    let parsed = source == RobotsSource::Parsed;
    let meaning = match source {
        RobotsSource::Parsed if fetched.truncated => format!(
            "{} The file is longer than 500 KiB; only its first 500 KiB were read, as crawlers may stop there.",
            preflight_robots::source_sentence(source)
        ),
        _ => preflight_robots::source_sentence(source),
    };
    FetchedRobots {
        site,
        robots_url: fetched.url,
        final_url,
        status: fetched.status,
        hops: fetched.hops,
        source,
        body: if parsed { fetched.body } else { String::new() },
        body_bytes: fetched.body_bytes,
        truncated: fetched.truncated,
        fetched_at,
        summary,
        meaning,
    }
}

/// 1204 → "1,204".
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::thousands;

    #[test]
    fn byte_counts_read_easily() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_204), "1,204");
        assert_eq!(thousands(512_001), "512,001");
    }
}
