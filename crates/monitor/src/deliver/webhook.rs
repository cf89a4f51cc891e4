//! One JSON POST to a webhook, and what its answer means: 2xx delivered; 408, 429 and 5xx
//! (and network failures) worth another try; any other answer final. Redirects are not
//! followed: a webhook that moved must be pasted again, and a token must not travel to
//! wherever a redirect points.

use super::{network_cause, redact_url, seconds, Attempt, Outcome};
use reqwest::header::{HeaderMap, CONTENT_TYPE, RETRY_AFTER};
use reqwest::{redirect, Client, StatusCode, Url};
use std::time::Duration;

/// Posts one prepared body to one webhook.
pub(super) struct Sender {
    client: Client,
    url: Url,
    body: Vec<u8>,
    /// The address as it may be shown: scheme and host only.
    shown: String,
    timeout: Duration,
}

impl Sender {
    /// Checks the address and prepares the client; the error when either is unusable.
    pub(super) fn new(
        url: &str,
        body: serde_json::Value,
        timeout: Duration,
    ) -> Result<Self, String> {
        let shown = redact_url(url);
        let parsed = Url::parse(url.trim())
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
            .ok_or_else(|| {
                "The webhook address is not a web address: paste it again from the app that \
                 made it."
                    .to_string()
            })?;
        let client = Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout)
            .redirect(redirect::Policy::none())
            .user_agent(concat!("Preflight/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|_| "Could not prepare a secure connection on this computer.".to_string())?;
        Ok(Sender {
            client,
            url: parsed,
            body: serde_json::to_vec(&body).unwrap_or_default(),
            shown,
            timeout,
        })
    }

    pub(super) async fn attempt(&self) -> Attempt {
        let sent = self
            .client
            .post(self.url.clone())
            .header(CONTENT_TYPE, "application/json")
            .body(self.body.clone())
            .send()
            .await;
        let response = match sent {
            Ok(response) => response,
            Err(error) => {
                return Attempt {
                    outcome: Outcome::Transient {
                        error: self.failure(error),
                        retry_after: None,
                    },
                    status: None,
                }
            }
        };
        let status = response.status();
        let retry_after = retry_after(response.headers());
        if status.is_success() {
            return Attempt {
                outcome: Outcome::Delivered,
                status: Some(status.as_u16()),
            };
        }
        let code = short_code(response).await;
        let error = status_sentence(status, code.as_deref());
        let outcome = if is_transient(status) {
            Outcome::Transient { error, retry_after }
        } else {
            Outcome::Permanent(error)
        };
        Attempt {
            outcome,
            status: Some(status.as_u16()),
        }
    }

    /// A network failure in words, without the address's secret part.
    fn failure(&self, error: reqwest::Error) -> String {
        let error = error.without_url();
        if error.is_connect() {
            format!(
                "Could not connect to the webhook at {}: {}.",
                self.shown,
                network_cause(&error)
            )
        } else if error.is_timeout() {
            format!(
                "The webhook at {} did not answer within {}.",
                self.shown,
                seconds(self.timeout)
            )
        } else {
            format!(
                "The connection to the webhook at {} failed: {}.",
                self.shown,
                network_cause(&error)
            )
        }
    }
}

/// Worth another try: the server was busy, slow or broken, not the request wrong.
fn is_transient(status: StatusCode) -> bool {
    status.is_server_error()
        || status == StatusCode::REQUEST_TIMEOUT
        || status == StatusCode::TOO_MANY_REQUESTS
}

/// A `Retry-After` given in seconds (the date form is not used by webhook services).
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    value.parse::<u64>().ok().map(Duration::from_secs)
}

/// Slack explains a refusal in a short code ("no_service", "invalid_payload"); anything longer
/// is not read, so a hostile server cannot make this read without end.
async fn short_code(mut response: reqwest::Response) -> Option<String> {
    let mut body = Vec::new();
    while let Ok(Some(chunk)) = response.chunk().await {
        body.extend_from_slice(&chunk);
        if body.len() > 64 {
            return None;
        }
    }
    let text = String::from_utf8(body).ok()?;
    let text = text.trim();
    is_short_code(text).then(|| text.to_string())
}

fn is_short_code(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 40
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// What an answer that is not a success means, and what to do about it.
fn status_sentence(status: StatusCode, code: Option<&str>) -> String {
    let answered = match (status.canonical_reason(), code) {
        (Some(reason), Some(code)) => format!("{} {reason} ({code})", status.as_u16()),
        (Some(reason), None) => format!("{} {reason}", status.as_u16()),
        (None, Some(code)) => format!("{} ({code})", status.as_u16()),
        (None, None) => status.as_u16().to_string(),
    };
    let advice = match status.as_u16() {
        300..=399 => "it points somewhere else; paste the webhook's current address",
        400 | 422 => {
            "it did not accept the message; check that the format (Slack, Teams or \
                      generic) matches the webhook"
        }
        401 | 403 => "it no longer accepts this address; make a new webhook and paste its address",
        404 | 410 => "check the address (the webhook may have been deleted)",
        408 | 429 => "the service is busy; it will be tried again later",
        413 => "the message was too large for it",
        500..=599 => "the service had a problem; it will be tried again later",
        _ => "check the address and the format",
    };
    format!("The webhook answered {answered}: {advice}.")
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn only_busy_slow_and_broken_answers_are_tried_again() {
        for code in [408, 429, 500, 502, 503, 504] {
            assert!(is_transient(StatusCode::from_u16(code).unwrap()), "{code}");
        }
        for code in [301, 400, 401, 403, 404, 410, 413, 422] {
            assert!(!is_transient(StatusCode::from_u16(code).unwrap()), "{code}");
        }
    }

    #[test]
    fn retry_after_is_read_in_seconds() {
        let mut headers = HeaderMap::new();
        assert_eq!(retry_after(&headers), None);
        headers.insert(RETRY_AFTER, HeaderValue::from_static(" 7 "));
        assert_eq!(retry_after(&headers), Some(Duration::from_secs(7)));
        headers.insert(
            RETRY_AFTER,
            HeaderValue::from_static("Wed, 21 Oct 2026 07:28:00 GMT"),
        );
        assert_eq!(retry_after(&headers), None);
    }

    #[test]
    fn answers_read_as_advice() {
        assert_eq!(
            status_sentence(StatusCode::NOT_FOUND, None),
            "The webhook answered 404 Not Found: check the address (the webhook may have been \
             deleted)."
        );
        assert!(status_sentence(StatusCode::NOT_FOUND, Some("no_service"))
            .starts_with("The webhook answered 404 Not Found (no_service): "));
        assert!(is_short_code("invalid_payload"));
        assert!(!is_short_code("<html>error</html>"));
    }

    #[test]
    fn an_address_that_is_not_a_web_address_is_refused_without_echoing_it() {
        let refused = |url: &str| {
            Sender::new(url, serde_json::json!({}), Duration::from_secs(1))
                .err()
                .unwrap()
        };
        let error = refused("hooks.slack.com/services/SECRET");
        assert!(error.contains("not a web address") && !error.contains("SECRET"));
        assert!(!refused("ftp://example.com/SECRET").contains("SECRET"));
    }
}
