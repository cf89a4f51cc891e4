//! Page health seen from the bot's fetch: HTTPS, speed, size. Warnings, not blockers.

use crate::agents::Agent;
use crate::artifacts::FetchArtifact;
use preflight_model::{Area, Finding, Status};

/// A page slower than this (first request to end of body) is reported as slow.
pub const SLOW_PAGE_MS: u32 = 5_000;

pub fn check(fetches: &[FetchArtifact]) -> Vec<Finding> {
    let Some(bot) = fetches.iter().find(|f| f.agent == Agent::Adsbot) else {
        return Vec::new();
    };
    let mut findings = Vec::new();
    let final_url = bot.final_url.as_deref().unwrap_or(&bot.requested_url);
    if final_url.starts_with("http://") {
        findings.push(
            Finding::new("page-not-https", Area::Page, Status::Warn, "The landing page is not served over HTTPS")
                .detail("Visitors see a \"Not secure\" warning and browsers may refuse forms on it. OpenAI's examples all use HTTPS landing pages.")
                .evidence("Final URL", final_url)
                .remedy("Serve the page over HTTPS and redirect http:// to https:// (keeping the query string)."),
        );
    }
    if bot.error.is_none() && bot.total_ms > SLOW_PAGE_MS {
        findings.push(
            Finding::new("page-slow", Area::Page, Status::Warn, "The page is slow to load")
                .detail(format!(
                    "Loading the page took {:.1} seconds. Crawlers may give up, and visitors from an ad leave before it appears.",
                    bot.total_ms as f64 / 1000.0
                ))
                .evidence("Time to full page", format!("{} ms", bot.total_ms))
                .remedy("Speed up the server's response (caching, a CDN, lighter pages)."),
        );
    }
    if bot.body_truncated {
        findings.push(
            Finding::new("page-too-large", Area::Page, Status::Warn, "The page is unusually large")
                .detail(format!(
                    "Only the first {} bytes were read; the rest was skipped. Very large pages load slowly and may be cut off by crawlers.",
                    bot.body_bytes
                ))
                .evidence("Bytes read", bot.body_bytes.to_string())
                .remedy("Reduce the size of the HTML (inline data, images embedded as text)."),
        );
    }
    if bot.decode_errors {
        findings.push(
            Finding::new("page-encoding-invalid", Area::Page, Status::Info, "The page's text encoding is inconsistent")
                .detail("Some bytes are not valid in the character set the page declares, so some characters may show as �.")
                .evidence("Declared or detected encoding", bot.charset.clone().unwrap_or_default())
                .remedy("Declare the right charset in the Content-Type header or a <meta charset> tag (UTF-8 is best)."),
        );
    }
    findings
}
