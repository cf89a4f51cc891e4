//! The HTTP side: authentication, pacing under OpenAI's published rate limits, retries where
//! the API's troubleshooting guide asks for them (rate limits and server errors, bounded and
//! increasing), pagination, and answers read within a size cap.

use std::time::Duration;

use serde::de::DeserializeOwned;
use tokio::sync::Mutex;
use tokio::time::Instant;
use url::Url;

use crate::api::{Ad, AdAccount, AdGroup, Campaign, ErrorEnvelope, ListPage};
use crate::error::AdsError;

/// The Ads API's address; settable so a test or a proxy can stand in for it.
pub const DEFAULT_BASE_URL: &str = "https://api.ads.openai.com/v1";
/// The largest page the list endpoints give.
const PAGE_SIZE: &str = "500";
/// A list longer than this is not an ad account's: the answer is refused rather than kept.
const MAX_ITEMS_PER_LIST: usize = 100_000;
/// Largest answer read (a 500-item page is well under 2 MiB).
const MAX_ANSWER_BYTES: usize = 16 * 1024 * 1024;

/// Bounded retries with increasing delays.
#[derive(Debug, Clone)]
pub struct RetryPolicy {
    /// Tries in all, the first included.
    pub attempts: u32,
    /// Wait before the second try; doubled for each further one.
    pub first_delay: Duration,
    /// No wait is longer, whatever the API's Retry-After says.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            attempts: 4,
            first_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(60),
        }
    }
}

#[derive(Debug, Clone)]
pub struct ClientOptions {
    pub base_url: String,
    pub retry: RetryPolicy,
    pub request_timeout: Duration,
    /// Least time between two requests. OpenAI allows 600 requests a minute per endpoint and
    /// 1,200 overall, per ad account and per address; 110 ms keeps a sweep under both.
    pub min_interval: Duration,
}

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            base_url: DEFAULT_BASE_URL.to_string(),
            retry: RetryPolicy::default(),
            request_timeout: Duration::from_secs(30),
            min_interval: Duration::from_millis(110),
        }
    }
}

/// The key, kept out of every `Debug` and message.
struct Key(String);

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Key(hidden)")
    }
}

#[derive(Debug)]
pub struct AdsClient {
    http: reqwest::Client,
    base: String,
    key: Key,
    options: ClientOptions,
    next_free: Mutex<Option<Instant>>,
}

impl AdsClient {
    pub fn new(key: &str, options: ClientOptions) -> Result<AdsClient, AdsError> {
        let key = key.trim();
        if key.is_empty() {
            return Err(AdsError::NoKey);
        }
        let base = options.base_url.trim().trim_end_matches('/').to_string();
        let usable = Url::parse(&base)
            .ok()
            .is_some_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some());
        if !usable {
            return Err(AdsError::BadBaseUrl(options.base_url.clone()));
        }
        let http = reqwest::Client::builder()
            .timeout(options.request_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| AdsError::Network {
                base: base.clone(),
                reason: e.to_string(),
            })?;
        Ok(AdsClient {
            http,
            base,
            key: Key(key.to_string()),
            options,
            next_free: Mutex::new(None),
        })
    }

    /// The account the key belongs to; the documented way to check a key.
    pub async fn ad_account(&self) -> Result<AdAccount, AdsError> {
        self.get_json("ad_account", &[], "ad account").await
    }

    pub async fn campaigns(&self) -> Result<Vec<Campaign>, AdsError> {
        self.list("campaigns", &[], "campaigns").await
    }

    pub async fn ad_groups(&self, campaign_id: &str) -> Result<Vec<AdGroup>, AdsError> {
        self.list("ad_groups", &[("campaign_id", campaign_id)], "ad groups")
            .await
    }

    pub async fn ads(&self, ad_group_id: &str) -> Result<Vec<Ad>, AdsError> {
        self.list("ads", &[("ad_group_id", ad_group_id)], "ads")
            .await
    }

    /// Every item of a list, page after page (`after` = the last id while `has_more`), with
    /// the serving issues included.
    async fn list<T: DeserializeOwned>(
        &self,
        path: &str,
        filters: &[(&str, &str)],
        what: &str,
    ) -> Result<Vec<T>, AdsError> {
        let mut items = Vec::new();
        let mut after: Option<String> = None;
        loop {
            let mut query: Vec<(&str, &str)> = filters.to_vec();
            query.push(("limit", PAGE_SIZE));
            query.push(("include[]", "serving_issues"));
            if let Some(after) = &after {
                query.push(("after", after));
            }
            let page: ListPage<T> = self.get_json(path, &query, what).await?;
            let got = page.data.len();
            items.extend(page.data);
            if items.len() > MAX_ITEMS_PER_LIST {
                return Err(AdsError::Unreadable {
                    reason: format!("it listed more than {MAX_ITEMS_PER_LIST} {what}"),
                });
            }
            if !page.has_more || got == 0 {
                return Ok(items);
            }
            match page.last_id {
                Some(last) if after.as_deref() != Some(last.as_str()) => after = Some(last),
                _ => {
                    return Err(AdsError::Unreadable {
                        reason: format!(
                            "it said more {what} followed but gave no new place to continue from"
                        ),
                    })
                }
            }
        }
    }

    async fn get_json<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, &str)],
        what: &str,
    ) -> Result<T, AdsError> {
        let body = self.get(path, query, what).await?;
        serde_json::from_slice(&body).map_err(|e| AdsError::Unreadable {
            reason: format!("the {what} were not in the expected form: {e}"),
        })
    }

    /// One GET with the retries the API asks for; the answer's bytes on success.
    async fn get(
        &self,
        path: &str,
        query: &[(&str, &str)],
        what: &str,
    ) -> Result<Vec<u8>, AdsError> {
        let mut url = Url::parse(&format!("{}/{}", self.base, path))
            .map_err(|_| AdsError::BadBaseUrl(self.base.clone()))?;
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query);
        }
        let retry = &self.options.retry;
        let attempts = retry.attempts.max(1);
        let mut delay = retry.first_delay;
        for attempt in 1..=attempts {
            let last = attempt == attempts;
            self.pace().await;
            let sent = self
                .http
                .get(url.clone())
                .bearer_auth(&self.key.0)
                .header(reqwest::header::ACCEPT, "application/json")
                .send()
                .await;
            let response = match sent {
                Ok(response) => response,
                Err(e) if last => {
                    return Err(AdsError::Network {
                        base: self.base.clone(),
                        reason: plain_reason(&e),
                    })
                }
                Err(_) => {
                    tokio::time::sleep(delay).await;
                    delay = (delay * 2).min(retry.max_delay);
                    continue;
                }
            };
            let status = response.status().as_u16();
            match status {
                200..=299 => return read_capped(response).await,
                429 => {
                    let asked = retry_after(&response).map(|d| d.min(retry.max_delay));
                    if last {
                        return Err(AdsError::RateLimited {
                            attempts,
                            retry_after: asked,
                        });
                    }
                    tokio::time::sleep(asked.unwrap_or(delay)).await;
                }
                500..=599 => {
                    if last {
                        return Err(AdsError::Unavailable { status, attempts });
                    }
                    tokio::time::sleep(delay).await;
                }
                _ => {
                    let message = error_message(response).await;
                    return Err(match status {
                        401 => AdsError::Unauthorized { message },
                        403 => AdsError::Forbidden { message },
                        404 => AdsError::NotFound {
                            what: what.to_string(),
                            message,
                        },
                        _ => AdsError::Rejected { status, message },
                    });
                }
            }
            delay = (delay * 2).min(retry.max_delay);
        }
        unreachable!("the last attempt always returns")
    }

    /// Keeps requests at least `min_interval` apart.
    async fn pace(&self) {
        let wait_until = {
            let mut next = self.next_free.lock().await;
            let now = Instant::now();
            let start = next.map_or(now, |t| t.max(now));
            *next = Some(start + self.options.min_interval);
            start
        };
        if wait_until > Instant::now() {
            tokio::time::sleep_until(wait_until).await;
        }
    }
}

/// `Retry-After` in seconds (the HTTP-date form is read as "no advice").
fn retry_after(response: &reqwest::Response) -> Option<Duration> {
    let value = response.headers().get(reqwest::header::RETRY_AFTER)?;
    let secs: f64 = value.to_str().ok()?.trim().parse().ok()?;
    (secs.is_finite() && secs >= 0.0).then(|| Duration::from_secs_f64(secs.min(3600.0)))
}

async fn read_capped(mut response: reqwest::Response) -> Result<Vec<u8>, AdsError> {
    let mut body = Vec::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                if body.len() + chunk.len() > MAX_ANSWER_BYTES {
                    return Err(AdsError::Unreadable {
                        reason: format!(
                            "an answer was larger than {} MiB",
                            MAX_ANSWER_BYTES / 1024 / 1024
                        ),
                    });
                }
                body.extend_from_slice(&chunk);
            }
            Ok(None) => return Ok(body),
            Err(e) => {
                return Err(AdsError::Unreadable {
                    reason: format!("the answer broke off: {}", plain_reason(&e)),
                })
            }
        }
    }
}

/// The API's own message from an error answer, when it sent one in the documented envelope.
async fn error_message(response: reqwest::Response) -> Option<String> {
    let body = read_capped(response).await.ok()?;
    let envelope: ErrorEnvelope = serde_json::from_slice(&body).ok()?;
    envelope.error.message
}

fn plain_reason(e: &reqwest::Error) -> String {
    if e.is_timeout() {
        "it did not answer in time".into()
    } else if e.is_connect() {
        "the connection was refused or could not be made".into()
    } else {
        "the connection failed".into()
    }
}
