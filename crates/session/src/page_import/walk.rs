//! Reading a sitemap for its pages: downloaded (or read from a file), with the sitemaps an index
//! lists read too, nested indexes included. Each sitemap is read once, however often it is
//! listed (an index that lists itself, or indexes that list each other), and the walk stops at
//! fixed limits: sitemaps read, bytes downloaded, pages collected. Downloads use the engine's
//! guarded client: never into a private network unless the user gave that host.

use super::{sentence, SourceEntries};
use crate::error::SessionError;
use preflight_audit::network::{guarded_client, is_refusal, GivenHosts};
use preflight_utm::{Sitemap, SitemapError, SitemapKind};
use std::collections::{HashSet, VecDeque};
use std::time::Duration;
use url::Url;

/// Where a walk starts.
#[derive(Debug, Clone)]
pub enum SitemapStart {
    /// A sitemap's address.
    Url(String),
    /// A sitemap file the user chose; `name` is shown in the preview.
    File { name: String, bytes: Vec<u8> },
}

/// How far a walk goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WalkLimits {
    /// Sitemaps read, the first one included.
    pub max_sitemaps: usize,
    /// Levels of indexes followed below the first sitemap.
    pub max_depth: usize,
    /// Bytes downloaded in all.
    pub max_total_bytes: usize,
    /// Bytes of one sitemap (the protocol's own limit).
    pub max_file_bytes: usize,
    /// Page URLs collected; the rest are counted.
    pub max_urls: usize,
    /// Longest wait for one download.
    pub timeout: Duration,
    /// No further sitemap is started after this long.
    pub max_time: Duration,
}

impl Default for WalkLimits {
    fn default() -> Self {
        WalkLimits {
            max_sitemaps: 50,
            max_depth: 3,
            max_total_bytes: 200 * 1024 * 1024,
            max_file_bytes: crate::sitemap::MAX_SITEMAP_BYTES,
            max_urls: 50_000,
            timeout: Duration::from_secs(30),
            max_time: Duration::from_secs(120),
        }
    }
}

/// Reads a sitemap and the sitemaps it lists, with the default limits.
pub async fn walk_sitemaps(start: SitemapStart) -> Result<SourceEntries, SessionError> {
    walk_sitemaps_with(start, WalkLimits::default()).await
}

/// Reads a sitemap and the sitemaps it lists. The first sitemap failing is an error (nothing
/// to add); a listed sitemap failing is reported with its address, and the others are read.
pub async fn walk_sitemaps_with(
    start: SitemapStart,
    limits: WalkLimits,
) -> Result<SourceEntries, SessionError> {
    walk_from(start, limits).await.map_err(nothing_added)
}

/// A walk that could not start: what went wrong, and that nothing was added.
fn nothing_added(e: SessionError) -> SessionError {
    let add = |m: String| format!("{m} Nothing was added.");
    match e {
        SessionError::InvalidSitemap(m) => SessionError::InvalidSitemap(add(m)),
        SessionError::TooLarge(m) => SessionError::TooLarge(add(m)),
        SessionError::DownloadFailed(m) => SessionError::DownloadFailed(add(m)),
        SessionError::InvalidUrl(m) => SessionError::InvalidUrl(add(m)),
        other => other,
    }
}

async fn walk_from(start: SitemapStart, limits: WalkLimits) -> Result<SourceEntries, SessionError> {
    let given = GivenHosts::default();
    // Hosts allowed later (the sitemaps a file lists) count for this client too.
    let client = client(&given, limits)?;
    let mut walk = Walk {
        entries: SourceEntries::default(),
        limits,
        seen: HashSet::new(),
        read: 0,
        bytes: 0,
        urls_over: 0,
        listed_again: 0,
        not_read: 0,
        too_deep: 0,
        over_budget: false,
        out_of_time: false,
    };
    let started = std::time::Instant::now();
    let mut queue: VecDeque<(String, usize)> = VecDeque::new();
    let (top, top_name) = match start {
        SitemapStart::Url(address) => {
            let url = parse_address(&address)?;
            given.allow(&url);
            walk.seen.insert(key(&url));
            let bytes = download(&client, &url, limits.max_file_bytes, limits.timeout).await?;
            walk.bytes += bytes.len();
            (parse(bytes, &url.to_string()).await?, url.to_string())
        }
        SitemapStart::File { name, bytes } => {
            let parsed = parse(bytes, &name).await?;
            // The file is the user's: the hosts of the sitemaps it lists are theirs too.
            for child in &parsed.child_sitemaps {
                if let Ok(u) = Url::parse(child) {
                    given.allow(&u);
                }
            }
            (parsed, name)
        }
    };
    walk.read = 1;
    let several = top.kind == SitemapKind::SitemapIndex;
    walk.take(top, &top_name, several, 0, &mut queue);
    if several {
        while let Some((child, depth)) = queue.pop_front() {
            if started.elapsed() >= limits.max_time && !walk.over_budget {
                walk.out_of_time = true;
            }
            if walk.read >= limits.max_sitemaps || walk.over_budget || walk.out_of_time {
                walk.not_read += 1;
                continue;
            }
            let url = match Url::parse(&child) {
                Ok(u) => u,
                Err(e) => {
                    walk.entries
                        .skip(child.clone(), &child, format!("not a web address ({e})"));
                    continue;
                }
            };
            if let Some(why) = given.refusal(&url) {
                walk.entries
                    .skip(child.clone(), &child, format!("Not downloaded: {why}"));
                continue;
            }
            let budget = limits
                .max_file_bytes
                .min(limits.max_total_bytes.saturating_sub(walk.bytes));
            walk.read += 1;
            let outcome = match download(&client, &url, budget, limits.timeout).await {
                Ok(bytes) => {
                    walk.bytes += bytes.len();
                    parse(bytes, &child).await
                }
                Err(SessionError::TooLarge(_)) if budget < limits.max_file_bytes => {
                    walk.over_budget = true;
                    walk.read -= 1;
                    walk.not_read += 1;
                    continue;
                }
                Err(e) => Err(e),
            };
            match outcome {
                Ok(sitemap) => walk.take(sitemap, &child, true, depth, &mut queue),
                Err(e) => walk.entries.skip(child.clone(), &child, e.to_string()),
            }
        }
    }
    Ok(walk.finish())
}

struct Walk {
    entries: SourceEntries,
    limits: WalkLimits,
    /// Sitemaps read or queued, by address without its fragment.
    seen: HashSet<String>,
    read: usize,
    bytes: usize,
    urls_over: u64,
    listed_again: u64,
    not_read: u64,
    too_deep: u64,
    over_budget: bool,
    out_of_time: bool,
}

impl Walk {
    /// Keeps a sitemap's pages and queues the sitemaps it lists.
    fn take(
        &mut self,
        sitemap: Sitemap,
        name: &str,
        several: bool,
        depth: usize,
        queue: &mut VecDeque<(String, usize)>,
    ) {
        let file = several.then_some(name);
        let room = self.limits.max_urls.saturating_sub(self.entries.urls.len());
        let mut urls = sitemap.urls;
        if urls.len() > room {
            self.urls_over += (urls.len() - room) as u64;
            urls.truncate(room);
        }
        self.entries.take_file(
            urls,
            sitemap.issues,
            sitemap.issues_not_listed,
            "Line",
            file,
        );
        for child in sitemap.child_sitemaps {
            let k = Url::parse(&child)
                .map(|u| key(&u))
                .unwrap_or_else(|_| child.clone());
            if !self.seen.insert(k) {
                self.listed_again += 1;
            } else if depth >= self.limits.max_depth {
                self.too_deep += 1;
            } else {
                queue.push_back((child, depth + 1));
            }
        }
    }

    fn finish(mut self) -> SourceEntries {
        let notes = &mut self.entries.notes;
        if self.read > 1 {
            notes.push(format!("{} sitemaps were read.", self.read));
        }
        if self.listed_again > 0 {
            notes.push(format!(
                "Some sitemaps are listed more than once (or list themselves); each was read once ({} repeated {} skipped).",
                self.listed_again,
                if self.listed_again == 1 { "listing" } else { "listings" }
            ));
        }
        if self.not_read > 0 {
            let why = if self.out_of_time {
                format!(
                    "reading stopped after {} seconds",
                    self.limits.max_time.as_secs()
                )
            } else if self.over_budget {
                format!(
                    "the sitemaps read came to {} MB, the limit for one import",
                    self.limits.max_total_bytes / (1024 * 1024)
                )
            } else {
                format!(
                    "at most {} sitemaps are read in one import",
                    self.limits.max_sitemaps
                )
            };
            notes.push(format!(
                "{} more {} not read: {why}.",
                self.not_read,
                if self.not_read == 1 {
                    "sitemap was"
                } else {
                    "sitemaps were"
                }
            ));
        }
        if self.too_deep > 0 {
            notes.push(format!(
                "{} sitemaps nested more than {} indexes deep were not read.",
                self.too_deep, self.limits.max_depth
            ));
        }
        if self.urls_over > 0 {
            notes.push(format!(
                "The sitemaps list more pages than one import reads: the first {} were kept and {} more left out.",
                self.limits.max_urls, self.urls_over
            ));
        }
        self.entries
    }
}

fn parse_address(address: &str) -> Result<Url, SessionError> {
    let address = address.trim();
    let with_scheme = if address.contains("://") {
        address.to_string()
    } else {
        format!("https://{address}")
    };
    let url = Url::parse(&with_scheme)
        .map_err(|_| SessionError::InvalidUrl(format!("\"{address}\" is not a web address.")))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(SessionError::InvalidUrl(format!(
            "\"{address}\" is not an http or https address."
        )));
    }
    Ok(url)
}

/// A sitemap's address without its fragment, so `a.xml#x` and `a.xml` are read once.
fn key(url: &Url) -> String {
    let mut u = url.clone();
    u.set_fragment(None);
    u.to_string()
}

fn client(given: &GivenHosts, limits: WalkLimits) -> Result<reqwest::Client, SessionError> {
    guarded_client(given, limits.timeout)
        .map_err(|e| SessionError::Internal(format!("The download could not start: {e}.")))
}

fn host_of(url: &Url) -> String {
    match (url.host_str(), url.port()) {
        (Some(h), Some(p)) => format!("{h}:{p}"),
        (Some(h), None) => h.to_string(),
        _ => url.to_string(),
    }
}

/// Why a download failed, in plain words with the host.
fn unreachable(url: &Url, error: &reqwest::Error, timeout: Duration) -> SessionError {
    let host = host_of(url);
    let chain = {
        let mut text = String::new();
        let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(error);
        while let Some(e) = cause {
            text.push_str(&e.to_string().to_ascii_lowercase());
            text.push(' ');
            cause = e.source();
        }
        text
    };
    let why = if is_refusal(error) {
        format!("{host} is on a private network (this computer or the office network), which is not requested unless you give that address yourself")
    } else if error.is_timeout() {
        format!("{host} did not answer within {} seconds", timeout.as_secs())
    } else if chain.contains("dns") || chain.contains("lookup") || chain.contains("resolve") {
        format!("the website {host} could not be found (check the spelling of the address)")
    } else if chain.contains("refused") {
        format!("nothing answered at {host} (the connection was refused)")
    } else if error.is_redirect() {
        format!("{host} redirected too many times")
    } else if error.is_connect() {
        format!("{host} could not be reached")
    } else {
        format!("the connection to {host} broke off")
    };
    SessionError::DownloadFailed(format!("The sitemap {url} could not be downloaded: {why}."))
}

async fn download(
    client: &reqwest::Client,
    url: &Url,
    cap: usize,
    timeout: Duration,
) -> Result<Vec<u8>, SessionError> {
    let mut response = client
        .get(url.clone())
        .send()
        .await
        .map_err(|e| unreachable(url, &e, timeout))?;
    let status = response.status();
    if !status.is_success() {
        let words = status.canonical_reason().unwrap_or("");
        return Err(SessionError::DownloadFailed(
            format!(
                "The sitemap {url} could not be downloaded: {} answered {} {words}.",
                host_of(url),
                status.as_u16()
            )
            .replace(" .", "."),
        ));
    }
    if response.content_length().is_some_and(|n| n as usize > cap) {
        return Err(too_large(url, cap));
    }
    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| unreachable(url, &e, timeout))?
    {
        body.extend_from_slice(&chunk);
        if body.len() > cap {
            return Err(too_large(url, cap));
        }
    }
    Ok(body)
}

fn too_large(what: impl std::fmt::Display, cap: usize) -> SessionError {
    SessionError::TooLarge(format!(
        "The sitemap {what} is larger than {}, the most one import reads.",
        size_words(cap)
    ))
}

fn size_words(bytes: usize) -> String {
    if bytes >= 1024 * 1024 {
        format!("{} MB", bytes / (1024 * 1024))
    } else {
        format!("{} KB", (bytes / 1024).max(1))
    }
}

/// Parses on a blocking thread (a sitemap can be 50 MB) and names what the file is when it is
/// not a sitemap.
async fn parse(bytes: Vec<u8>, name: &str) -> Result<Sitemap, SessionError> {
    let name = name.to_string();
    tokio::task::spawn_blocking(move || read_as_sitemap(&bytes, &name))
        .await
        .map_err(|e| SessionError::Internal(format!("Reading the sitemap stopped: {e}.")))?
}

/// Reads one sitemap file; anything else (a web page, JSON, an image) is refused with what it
/// seems to be.
pub fn read_as_sitemap(bytes: &[u8], name: &str) -> Result<Sitemap, SessionError> {
    let not_a_sitemap =
        |what: &str| SessionError::InvalidSitemap(format!("{name} is {what}, not a sitemap."));
    let parsed = match preflight_utm::parse_sitemap(bytes) {
        Ok(s) => s,
        Err(SitemapError::NotASitemap(root)) => {
            return Err(if root == "html" {
                not_a_sitemap("a web page (HTML)")
            } else if root == "(none)" {
                not_a_sitemap("empty XML")
            } else {
                not_a_sitemap(&format!(
                    "XML of another kind (its root element is <{root}>)"
                ))
            })
        }
        Err(SitemapError::Decode(preflight_utm::DecodeError::Empty)) => {
            return Err(not_a_sitemap("empty"))
        }
        Err(SitemapError::Decode(preflight_utm::DecodeError::Workbook)) => {
            return Err(not_a_sitemap("a spreadsheet or zip archive"))
        }
        Err(SitemapError::Decode(preflight_utm::DecodeError::Binary)) => {
            return Err(not_a_sitemap(
                "a binary file (such as an image or an archive)",
            ))
        }
        Err(SitemapError::TooLarge) => {
            return Err(too_large(name, crate::sitemap::MAX_SITEMAP_BYTES))
        }
        Err(SitemapError::TooManyEntries) => {
            return Err(SessionError::TooLarge(format!(
                "{name} lists more than {} entries, more than one import reads.",
                preflight_utm::input::sitemap::MAX_SITEMAP_ENTRIES
            )))
        }
        Err(e) => {
            return Err(SessionError::InvalidSitemap(format!(
                "{name} could not be read as a sitemap: {}",
                sentence(&e.to_string())
            )))
        }
    };
    let pages_in_text = || {
        parsed
            .issues
            .iter()
            .any(|i| preflight_audit::normalise_url(&i.text).is_ok())
    };
    if parsed.kind == SitemapKind::PlainText && parsed.urls.is_empty() && !pages_in_text() {
        let text = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
        let start = text.trim_start_matches('\u{feff}').trim_start();
        return Err(if start.starts_with('{') || start.starts_with('[') {
            not_a_sitemap("JSON")
        } else if looks_binary(bytes) {
            not_a_sitemap("a binary file (such as an image or an archive)")
        } else {
            not_a_sitemap("text without any web address")
        });
    }
    Ok(parsed)
}

/// Control characters other than whitespace in the first 4 KB.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let odd = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    odd * 20 > head.len().max(1)
}
