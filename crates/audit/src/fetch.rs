//! The page gatherer: fetches a URL as one agent, follows redirects by hand so every hop is on
//! record, reads the body up to a size cap within a deadline, decodes it and extracts the title
//! and visible text. It never fails: every problem becomes part of the artifact.

use crate::agents::Agent;
use crate::artifacts::{
    FetchArtifact, FetchError, FetchErrorKind, Header, Hop, RateLimitRetry, RobotsFetch,
};
use crate::digest::DigestLimits;
use crate::digest_task::digest_off_thread;
use crate::network::{GivenHosts, GuardedResolver};
use crate::politeness::Politeness;
use crate::script_cache::ScriptCache;
use crate::transport::classify_reqwest_error;
use preflight_pixel::PageHtml;
use std::sync::Arc;
use std::time::Duration;
use tokio::time::{timeout_at, Instant};
use url::Url;

/// Limits for one fetch. The defaults suit real landing pages and protect against hostile ones.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// Whole fetch, all redirects and the body included.
    pub timeout: Duration,
    pub connect_timeout: Duration,
    /// Body bytes read before cutting; the page is still checked on what was read.
    pub max_body_bytes: usize,
    pub max_redirects: usize,
    /// Decoded body characters kept in the artifact for signature checks.
    pub body_head_chars: usize,
    /// Visible-text characters kept in the artifact.
    pub visible_text_chars: usize,
}

/// Time allowed for one fetch, by default.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(20);

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: Duration::from_secs(10),
            max_body_bytes: 5 * 1024 * 1024,
            max_redirects: 10,
            body_head_chars: 32 * 1024,
            visible_text_chars: 8 * 1024,
        }
    }
}

/// One HTTP client shared by every fetch in a run (connection reuse, one TLS config).
#[derive(Clone)]
pub struct Fetcher {
    client: reqwest::Client,
    options: FetchOptions,
    /// Hosts the user gave: only these may be on a private network (see `network`).
    given: GivenHosts,
    /// Per-host pacing, 429 backoff and pause bookkeeping; set for a run, absent for one-off
    /// fetches.
    politeness: Option<Arc<Politeness>>,
    /// Scripts already read in this run; set for a run, absent for one-off fetches.
    scripts: Option<Arc<ScriptCache>>,
}

impl Fetcher {
    pub fn new(options: FetchOptions) -> Result<Self, String> {
        let given = GivenHosts::default();
        let client = reqwest::Client::builder()
            .dns_resolver(Arc::new(GuardedResolver {
                given: given.clone(),
            }))
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(options.connect_timeout)
            .pool_idle_timeout(Duration::from_secs(30))
            .build()
            .map_err(|e| format!("Could not set up the HTTP client: {e}"))?;
        Ok(Fetcher {
            client,
            options,
            given,
            politeness: None,
            scripts: None,
        })
    }

    /// The same client, with every request paced and recorded by `politeness`.
    pub fn with_politeness(&self, politeness: Arc<Politeness>) -> Fetcher {
        Fetcher {
            politeness: Some(politeness),
            ..self.clone()
        }
    }

    /// The same client, reading each script once for all the pages that share it (see
    /// `script_cache`).
    pub fn with_script_cache(&self, scripts: Arc<ScriptCache>) -> Fetcher {
        Fetcher {
            scripts: Some(scripts),
            ..self.clone()
        }
    }

    /// Lets requests reach `url`'s host even on a private network: the user gave it. The hosts
    /// of the landing pages are given this way by every fetch of a page.
    pub fn allow_host(&self, url: &str) {
        if let Ok(url) = Url::parse(url) {
            self.given.allow(&url);
        }
    }

    pub fn options(&self) -> &FetchOptions {
        &self.options
    }

    /// Fetches `url` as `agent`. Always returns an artifact; failures are recorded in it.
    pub async fn fetch(&self, url: &str, agent: Agent) -> FetchArtifact {
        self.fetch_with(url, agent, self.page_limits()).await.0
    }

    /// Like [`Fetcher::fetch`], giving up after `timeout` (at most the fetch timeout).
    pub async fn fetch_within(&self, url: &str, agent: Agent, timeout: Duration) -> FetchArtifact {
        let limits = Limits {
            timeout: timeout.min(self.options.timeout),
            ..self.page_limits()
        };
        self.fetch_with(url, agent, limits).await.0
    }

    /// Fetches the page as the desktop browser for the pixel scan, within `timeout` (at most
    /// the fetch timeout): also returns the whole body read, decoded the same way as the
    /// artifact's summary (the artifact keeps only the start of it), and the page's HTML read
    /// for the scan, from the same single parse.
    pub async fn fetch_page(
        &self,
        url: &str,
        timeout: Duration,
    ) -> (FetchArtifact, String, Option<PageHtml>) {
        let limits = Limits {
            read_for_pixel: true,
            timeout: timeout.min(self.options.timeout),
            ..self.page_limits()
        };
        let (artifact, digest) = self.fetch_with(url, Agent::Browser, limits).await;
        (artifact, digest.text, digest.page)
    }

    /// Fetches a script of a page as the desktop browser, reading at most `max_bytes` and
    /// giving up after `timeout` (at most the fetch timeout): the artifact says whether it was
    /// cut, and the text is the decoded body (UTF-8 unless the response or a byte-order mark
    /// says otherwise). With a script cache, a script already read in this run is not asked
    /// again.
    pub async fn fetch_script(
        &self,
        url: &str,
        max_bytes: usize,
        timeout: Duration,
    ) -> (FetchArtifact, Arc<str>) {
        match &self.scripts {
            Some(cache) => {
                cache
                    .get_or_fetch(url, max_bytes, || {
                        self.fetch_script_now(url, max_bytes, timeout)
                    })
                    .await
            }
            None => self.fetch_script_now(url, max_bytes, timeout).await,
        }
    }

    async fn fetch_script_now(
        &self,
        url: &str,
        max_bytes: usize,
        timeout: Duration,
    ) -> (FetchArtifact, Arc<str>) {
        let limits = Limits {
            max_redirects: self.options.max_redirects,
            max_body_bytes: max_bytes,
            accept: "*/*",
            read_for_pixel: false,
            timeout: timeout.min(self.options.timeout),
            user_given: false,
        };
        let (artifact, digest) = self.fetch_with(url, Agent::Browser, limits).await;
        (artifact, Arc::from(digest.text))
    }

    fn page_limits(&self) -> Limits {
        Limits {
            max_redirects: self.options.max_redirects,
            max_body_bytes: self.options.max_body_bytes,
            accept: PAGE_ACCEPT,
            read_for_pixel: false,
            timeout: self.options.timeout,
            user_given: true,
        }
    }

    /// Fetches the robots.txt that governs `page_url`, as OAI-AdsBot, with RFC 9309's limits:
    /// at most five redirects, and the first 500 KiB (one byte more is read so a cut is seen).
    pub async fn fetch_robots(&self, page_url: &str) -> RobotsFetch {
        let url = match Url::parse(page_url).and_then(|u| u.join("/robots.txt")) {
            Ok(u) => u.to_string(),
            Err(e) => {
                return RobotsFetch {
                    url: page_url.to_string(),
                    status: None,
                    hops: Vec::new(),
                    body: String::new(),
                    body_bytes: 0,
                    truncated: false,
                    error: Some(FetchError {
                        detail: Some(e.to_string()),
                        kind: FetchErrorKind::Other,
                        message: "The address is not a valid web address.".to_string(),
                    }),
                }
            }
        };
        let limits = Limits {
            max_redirects: ROBOTS_MAX_REDIRECTS,
            max_body_bytes: ROBOTS_MAX_BYTES,
            read_for_pixel: false,
            ..self.page_limits()
        };
        let (artifact, digest) = self.fetch_with(&url, Agent::Adsbot, limits).await;
        RobotsFetch {
            url,
            status: artifact.status,
            hops: artifact.hops,
            body: String::from_utf8_lossy(&digest.bytes).into_owned(),
            body_bytes: artifact.body_bytes,
            truncated: artifact.body_truncated,
            error: artifact.error,
        }
    }

    /// Fetches with explicit limits and also returns what the body gave.
    async fn fetch_with(&self, url: &str, agent: Agent, limits: Limits) -> (FetchArtifact, Body) {
        let mut clock = Clock::start(limits.timeout);
        let mut artifact = FetchArtifact::new(agent, url);
        if limits.user_given {
            if let Ok(given) = Url::parse(url) {
                self.given.allow(&given);
            }
        }
        let body = self
            .fetch_into(&mut artifact, url, agent, limits, &mut clock)
            .await;
        artifact.total_ms = clock.elapsed_ms();
        (artifact, body)
    }

    async fn fetch_into(
        &self,
        artifact: &mut FetchArtifact,
        url: &str,
        agent: Agent,
        limits: Limits,
        clock: &mut Clock,
    ) -> Body {
        let mut current = match Url::parse(url) {
            Ok(u) => u,
            Err(e) => {
                artifact.error = Some(FetchError {
                    detail: Some(e.to_string()),
                    kind: FetchErrorKind::Other,
                    message: "The address is not a valid web address.".to_string(),
                });
                return Body::default();
            }
        };
        let mut visited: Vec<String> = Vec::new();
        let mut retrying = false;
        loop {
            if let Some(why) = self.given.refusal(&current) {
                artifact.error = Some(FetchError {
                    detail: None,
                    kind: FetchErrorKind::PrivateAddress,
                    message: format!("Not requested: {why}"),
                });
                return Body::default();
            }
            visited.push(current.to_string());
            if let Some(politeness) = &self.politeness {
                let host = current.host_str().unwrap_or_default();
                let mut waited = Duration::ZERO;
                if politeness.pause(host).is_none() {
                    waited = politeness.wait_turn(host, retrying).await;
                }
                clock.waited += waited;
                if let Some(retry) = artifact.rate_limit_retry.as_mut().filter(|_| retrying) {
                    retry.waited_ms = duration_ms(waited);
                }
                retrying = false;
                // Nothing more goes to a paused host, even a request that was waiting its turn.
                if politeness.pause(host).is_some() {
                    artifact.error = Some(FetchError {
                        detail: None,
                        kind: FetchErrorKind::Other,
                        message: format!(
                            "Not requested: {host} had started refusing requests, so the audit paused it."
                        ),
                    });
                    return Body::default();
                }
            }
            let deadline = clock.deadline();
            let request = self
                .client
                .get(current.clone())
                .header(reqwest::header::USER_AGENT, agent.user_agent())
                .header(reqwest::header::ACCEPT, limits.accept)
                .header(reqwest::header::ACCEPT_LANGUAGE, "en-US,en;q=0.9")
                .send();
            let response = match timeout_at(deadline, request).await {
                Err(_) => {
                    artifact.error = Some(timeout_error(limits.timeout, "waiting for a response"));
                    return Body::default();
                }
                Ok(Err(e)) => {
                    artifact.error = Some(classify_reqwest_error(&e));
                    return Body::default();
                }
                Ok(Ok(r)) => r,
            };
            let status = response.status().as_u16();
            if self.note_answer(artifact, &current, &response, agent) {
                retrying = true;
                visited.pop();
                continue;
            }
            let location = response
                .headers()
                .get(reqwest::header::LOCATION)
                .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
            let shown_location = location
                .as_deref()
                .map(|l| preflight_markup::clip(l, MAX_HEADER_CHARS));
            artifact.hops.push(Hop {
                url: current.to_string(),
                status,
                location: shown_location,
                elapsed_ms: clock.elapsed_ms(),
            });
            artifact.status = Some(status);
            artifact.final_url = Some(current.to_string());
            artifact.headers = response
                .headers()
                .iter()
                .take(MAX_HEADERS_KEPT)
                .map(|(name, value)| Header {
                    name: name.as_str().to_string(),
                    value: preflight_markup::clip(
                        &String::from_utf8_lossy(value.as_bytes()),
                        MAX_HEADER_CHARS,
                    ),
                })
                .collect();
            artifact.content_type = response
                .headers()
                .get(reqwest::header::CONTENT_TYPE)
                .map(|v| preflight_markup::clip(&String::from_utf8_lossy(v.as_bytes()), 256));

            if (300..400).contains(&status) && status != 304 {
                let Some(location) = location else {
                    // A 3xx without Location is a final answer, not a redirect.
                    return self.read_body(artifact, response, limits, deadline).await;
                };
                let next = match current.join(location.trim()) {
                    Ok(next) if next.scheme() == "http" || next.scheme() == "https" => next,
                    Ok(next) => {
                        artifact.error = Some(FetchError {
                            detail: None,
                            kind: FetchErrorKind::BadRedirect,
                            message: format!(
                                "The page redirects to a \"{}:\" address, which is not a web page.",
                                next.scheme()
                            ),
                        });
                        return Body::default();
                    }
                    Err(e) => {
                        artifact.error = Some(FetchError {
                            detail: Some(e.to_string()),
                            kind: FetchErrorKind::BadRedirect,
                            message:
                                "The page redirects to an address that is not a valid web address."
                                    .to_string(),
                        });
                        return Body::default();
                    }
                };
                if visited.iter().any(|v| v == next.as_str()) {
                    artifact.error = Some(FetchError {
                        detail: None,
                        kind: FetchErrorKind::RedirectLoop,
                        message: format!(
                            "The redirects go round in a circle: {} leads back to {}.",
                            current, next
                        ),
                    });
                    return Body::default();
                }
                if artifact.redirect_count() >= limits.max_redirects {
                    artifact.error = Some(FetchError {
                        detail: None,
                        kind: FetchErrorKind::TooManyRedirects,
                        message: format!(
                            "The page redirected more than {} times; a crawler gives up long before a visitor notices.",
                            limits.max_redirects
                        ),
                    });
                    return Body::default();
                }
                current = next;
                continue;
            }
            return self.read_body(artifact, response, limits, deadline).await;
        }
    }

    /// Tells politeness about an answer. Returns true when it was a 429 worth asking again after
    /// a wait (booked on the host and taken before the next request); the 429 is then recorded
    /// in `rate_limit_retry`, not as a hop of the chain. One retry per fetch.
    fn note_answer(
        &self,
        artifact: &mut FetchArtifact,
        url: &Url,
        response: &reqwest::Response,
        agent: Agent,
    ) -> bool {
        let Some(politeness) = &self.politeness else {
            return false;
        };
        let host = url.host_str().unwrap_or_default();
        let status = response.status().as_u16();
        politeness.record(host, status, agent);
        if artifact.rate_limit_retry.is_some() {
            politeness.retry_answered(host);
        }
        if status != 429 {
            return false;
        }
        if artifact.rate_limit_retry.is_some() {
            politeness.retry_refused(host);
            return false;
        }
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
        if politeness.backoff(host, retry_after.as_deref()).is_none() {
            return false;
        }
        artifact.rate_limit_retry = Some(RateLimitRetry {
            url: url.to_string(),
            retry_after,
            waited_ms: 0,
        });
        true
    }

    /// Reads the body up to the cap and the deadline, then decodes and summarises it.
    async fn read_body(
        &self,
        artifact: &mut FetchArtifact,
        mut response: reqwest::Response,
        limits: Limits,
        deadline: Instant,
    ) -> Body {
        let mut body: Vec<u8> = Vec::new();
        loop {
            match timeout_at(deadline, response.chunk()).await {
                Err(_) => {
                    artifact.error = Some(timeout_error(limits.timeout, "reading the page"));
                    break;
                }
                Ok(Err(e)) => {
                    artifact.error = Some(classify_reqwest_error(&e));
                    break;
                }
                Ok(Ok(None)) => break,
                Ok(Ok(Some(chunk))) => {
                    let room = limits.max_body_bytes - body.len();
                    if chunk.len() > room {
                        body.extend_from_slice(&chunk[..room]);
                        artifact.body_truncated = true;
                        break;
                    }
                    body.extend_from_slice(&chunk);
                }
            }
        }
        artifact.body_bytes = body.len() as u64;
        let digest_limits = DigestLimits {
            body_head_chars: self.options.body_head_chars,
            visible_text_chars: self.options.visible_text_chars,
            read_for_pixel: limits
                .read_for_pixel
                .then(|| artifact.final_url.clone())
                .flatten(),
        };
        let (bytes, digest) =
            digest_off_thread(body, artifact.content_type.clone(), digest_limits).await;
        artifact.charset = Some(digest.charset.to_string());
        artifact.decode_errors = digest.decode_errors;
        artifact.body_head = digest.body_head;
        artifact.title = digest.title;
        artifact.headline = digest.headline;
        artifact.visible_text = digest.visible_text;
        artifact.word_count = digest.word_count;
        Body {
            bytes,
            text: digest.text,
            page: digest.page,
        }
    }
}

/// What a fetch read: the raw bytes, the decoded text and, when asked for, the page read for
/// the pixel scan.
#[derive(Default)]
struct Body {
    bytes: Vec<u8>,
    text: String,
    page: Option<PageHtml>,
}

#[derive(Clone, Copy)]
struct Limits {
    max_redirects: usize,
    max_body_bytes: usize,
    /// The `Accept` header sent.
    accept: &'static str,
    /// Read the page's HTML for the pixel scan too.
    read_for_pixel: bool,
    /// The whole fetch, redirects and body included.
    timeout: Duration,
    /// The URL was given by the user (a landing page), not found on a page (a script): its
    /// host may be on a private network.
    user_given: bool,
}

/// Response headers kept per answer, and characters kept of each value (a hostile server can
/// send thousands, or megabytes); what is cut ends with "…".
pub const MAX_HEADERS_KEPT: usize = 200;
pub const MAX_HEADER_CHARS: usize = 4_096;

/// What a browser asks for when it navigates to a page.
const PAGE_ACCEPT: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

/// RFC 9309 §2.3.1.2: follow at least five redirects for robots.txt.
pub const ROBOTS_MAX_REDIRECTS: usize = 5;
/// RFC 9309 §2.5 requires parsing at least 500 KiB; one byte more shows the file was longer.
pub const ROBOTS_MAX_BYTES: usize = 500 * 1024 + 1;

/// Time spent on one fetch. Waits imposed by politeness are the audit's choice, not the site's
/// slowness, so they neither count towards the timeout nor show in the timings.
struct Clock {
    started: Instant,
    waited: Duration,
    timeout: Duration,
}

impl Clock {
    fn start(timeout: Duration) -> Self {
        Clock {
            started: Instant::now(),
            waited: Duration::ZERO,
            timeout,
        }
    }

    fn deadline(&self) -> Instant {
        self.started + self.waited + self.timeout
    }

    fn elapsed_ms(&self) -> u32 {
        duration_ms(self.started.elapsed().saturating_sub(self.waited))
    }
}

fn duration_ms(d: Duration) -> u32 {
    d.as_millis().min(u32::MAX as u128) as u32
}

fn timeout_error(timeout: Duration, what: &str) -> FetchError {
    FetchError {
        detail: None,
        kind: FetchErrorKind::Timeout,
        message: format!(
            "The server took longer than {} seconds ({what}).",
            timeout.as_secs()
        ),
    }
}
