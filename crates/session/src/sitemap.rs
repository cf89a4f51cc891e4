//! Sitemaps as a source of landing-page URLs: read from a file, or downloaded on the engine's
//! guarded client (never into a private network unless the user gave that host), with the
//! child sitemaps of an index read too, up to a limit.

use crate::error::SessionError;
use preflight_audit::network::{guarded_client, is_refusal, GivenHosts};
use preflight_utm::{InputIssue, Sitemap, SitemapKind};
use std::time::Duration;

/// Child sitemaps read from one sitemap index at most; large sites split into many files, but
/// a landing-page check needs only a sample.
pub const MAX_CHILD_SITEMAPS: usize = 50;
/// The sitemap protocol's own limit.
pub const MAX_SITEMAP_BYTES: usize = 50 * 1024 * 1024;
/// Longest wait for one download.
const DOWNLOAD_TIMEOUT: Duration = Duration::from_secs(30);

/// Reads a sitemap file (XML or gzip). A sitemap index is returned as it is.
pub fn read_sitemap(bytes: &[u8]) -> Result<Sitemap, SessionError> {
    preflight_utm::parse_sitemap(bytes)
        .map_err(|e| SessionError::InvalidSitemap(format!("The sitemap could not be read: {e}.")))
}

/// Downloads a sitemap; for a sitemap index, downloads its child sitemaps (up to
/// [`MAX_CHILD_SITEMAPS`]) and returns their page URLs together, with a note for each child
/// that could not be read.
pub async fn download_sitemap(url: &str) -> Result<Sitemap, SessionError> {
    // The sitemap's own host is the user's choice; the sitemaps it lists and any redirect may
    // not lead into a private network.
    let given = GivenHosts::default();
    if let Ok(typed) = url::Url::parse(url.trim()) {
        given.allow(&typed);
    }
    let client = guarded_client(&given, DOWNLOAD_TIMEOUT)
        .map_err(|e| SessionError::Internal(format!("The download could not start: {e}.")))?;
    let top = parse_off_thread(download(&client, url).await?).await?;
    if top.kind != SitemapKind::SitemapIndex {
        return Ok(top);
    }
    let mut merged = Sitemap {
        kind: SitemapKind::UrlSet,
        urls: Vec::new(),
        child_sitemaps: Vec::new(),
        issues: top.issues,
        issues_not_listed: top.issues_not_listed,
    };
    for child in top.child_sitemaps.iter().take(MAX_CHILD_SITEMAPS) {
        if let Some(why) = url::Url::parse(child).ok().and_then(|u| given.refusal(&u)) {
            merged
                .issues
                .push(InputIssue::new(0, child, format!("Not downloaded: {why}")));
            continue;
        }
        let parsed = match download(&client, child).await {
            Ok(bytes) => parse_off_thread(bytes).await,
            Err(e) => Err(e),
        };
        match parsed {
            Ok(sitemap) => merged.urls.extend(sitemap.urls),
            Err(e) => merged.issues.push(InputIssue::new(0, child, e.to_string())),
        }
    }
    if top.child_sitemaps.len() > MAX_CHILD_SITEMAPS {
        merged.issues.push(InputIssue::new(
            0,
            url,
            format!(
                "The index lists {} sitemaps; the first {MAX_CHILD_SITEMAPS} were read.",
                top.child_sitemaps.len()
            ),
        ));
    }
    Ok(merged)
}

/// Parsing a large sitemap (up to 50 MB) is work for a blocking thread.
async fn parse_off_thread(bytes: Vec<u8>) -> Result<Sitemap, SessionError> {
    tokio::task::spawn_blocking(move || read_sitemap(&bytes))
        .await
        .map_err(|e| SessionError::Internal(format!("Reading the sitemap stopped: {e}.")))?
}

async fn download(client: &reqwest::Client, url: &str) -> Result<Vec<u8>, SessionError> {
    let parsed = url::Url::parse(url.trim())
        .map_err(|_| {
            SessionError::InvalidUrl(format!(
                "\"{url}\" is not a web address: give the full address, such as https://example.com/sitemap.xml."
            ))
        })?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(SessionError::InvalidUrl(format!(
            "\"{url}\" is not an http or https address."
        )));
    }
    let failed = |e: reqwest::Error| {
        if is_refusal(&e) {
            return SessionError::DownloadFailed(format!("The sitemap {url} could not be downloaded: it leads to a private network address (this computer or the office network), which is not requested unless you give that address yourself."));
        }
        // What happened in plain words, never the HTTP library's text.
        let why = preflight_audit::explain_transport_error(&e).message;
        SessionError::DownloadFailed(format!("The sitemap {url} could not be downloaded. {why}"))
    };
    let mut response = client.get(parsed).send().await.map_err(failed)?;
    if !response.status().is_success() {
        return Err(SessionError::DownloadFailed(format!(
            "The sitemap {url} could not be downloaded: the server answered {}.",
            response.status()
        )));
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(failed)? {
        body.extend_from_slice(&chunk);
        if body.len() > MAX_SITEMAP_BYTES {
            return Err(SessionError::TooLarge(format!(
                "The sitemap {url} is larger than 50 MB, the protocol's limit."
            )));
        }
    }
    Ok(body)
}
