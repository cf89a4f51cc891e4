//! Sending an alert to a webhook (Slack, Teams, a generic JSON POST) or an SMTP server, retried
//! with backoff when the failure may pass, and reported in one sentence a marketer can act on.
//!
//! Webhook addresses carry their secret in the path, so nothing here ever shows more of one
//! than its scheme and host: not the report, not `Debug`.

mod email;
mod webhook;

use crate::alert::Alert;
use crate::alert_messages::{generic_message, slack_message, teams_message};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::error::Error as StdError;
use std::fmt;
use std::future::Future;
use std::time::Duration;
use ts_rs::TS;

/// The body a webhook expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum WebhookFormat {
    Slack,
    Teams,
    /// The alert itself as JSON (docs/alerts.md).
    Generic,
}

impl WebhookFormat {
    /// The JSON body posted for this alert.
    pub fn body(self, alert: &Alert) -> serde_json::Value {
        match self {
            WebhookFormat::Slack => slack_message(alert),
            WebhookFormat::Teams => teams_message(alert),
            WebhookFormat::Generic => generic_message(alert),
        }
    }
}

/// How the connection to the SMTP server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum SmtpSecurity {
    /// Plain text: only for a relay on the local machine or network.
    None,
    /// Plain connection upgraded with STARTTLS (usually port 587); refused if not offered.
    StartTls,
    /// TLS from the first byte (usually port 465).
    Tls,
}

/// Where e-mail alerts are sent from. The password is not here: it lives in the keychain and
/// is handed to [`Destination::Email`] when sending.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurity,
    /// Logs in when set.
    pub username: Option<String>,
    /// The sender's address ("Preflight <alerts@agency.example>" or a bare address).
    pub from: String,
}

/// Where one alert goes. Holds secrets (a webhook's address, a password), so it is never
/// serialized and its `Debug` hides them.
#[derive(Clone)]
pub enum Destination {
    Webhook {
        format: WebhookFormat,
        url: String,
    },
    Email {
        smtp: SmtpSettings,
        password: Option<String>,
        to: Vec<String>,
    },
}

impl fmt::Debug for Destination {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Destination::Webhook { format, url } => f
                .debug_struct("Webhook")
                .field("format", format)
                .field("url", &redact_url(url))
                .finish(),
            Destination::Email { smtp, password, to } => f
                .debug_struct("Email")
                .field("smtp", smtp)
                .field("password", &password.as_ref().map(|_| "<hidden>"))
                .field("to", to)
                .finish(),
        }
    }
}

/// How hard to try.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Tries in all, the first included.
    pub attempts: u32,
    /// The wait after the first failure; each later wait is `factor` times the one before.
    pub first_wait: Duration,
    pub factor: u32,
    /// The most one try may take.
    pub timeout: Duration,
}

impl Default for RetryPolicy {
    /// 4 tries, waiting 2 s, 8 s and 32 s between them, 15 s each at most.
    fn default() -> Self {
        RetryPolicy {
            attempts: 4,
            first_wait: Duration::from_secs(2),
            factor: 4,
            timeout: Duration::from_secs(15),
        }
    }
}

/// What happened to one alert.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct DeliveryReport {
    pub delivered: bool,
    /// Tries made (0 when the destination was refused before sending).
    pub attempts: u32,
    /// The last HTTP status (or SMTP reply code) received.
    pub last_status: Option<u16>,
    /// Why it was not delivered, in one sentence; never holds a webhook's full address.
    pub error: Option<String>,
}

/// A server's `Retry-After` is honoured up to this long.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

/// Sends the alert, retrying failures that may pass, and says how it went.
pub async fn deliver(
    destination: &Destination,
    alert: &Alert,
    policy: &RetryPolicy,
) -> DeliveryReport {
    match destination {
        Destination::Webhook { format, url } => {
            let sender = match webhook::Sender::new(url, format.body(alert), policy.timeout) {
                Ok(sender) => sender,
                Err(error) => return refused(error),
            };
            with_retries(policy, || sender.attempt()).await
        }
        Destination::Email { smtp, password, to } => {
            let sender = match email::Sender::new(smtp, password.as_deref(), to, alert, policy) {
                Ok(sender) => sender,
                Err(error) => return refused(error),
            };
            with_retries(policy, || sender.attempt()).await
        }
    }
}

/// The report for a destination refused before anything was sent.
fn refused(error: String) -> DeliveryReport {
    DeliveryReport {
        delivered: false,
        attempts: 0,
        last_status: None,
        error: Some(error),
    }
}

/// How one try ended.
pub(crate) enum Outcome {
    Delivered,
    /// Trying again will not help (a wrong address, a refused login).
    Permanent(String),
    /// It may pass: tried again after a wait, or after the server's own `Retry-After`.
    Transient {
        error: String,
        retry_after: Option<Duration>,
    },
}

pub(crate) struct Attempt {
    pub outcome: Outcome,
    pub status: Option<u16>,
}

/// Runs `attempt` until it delivers, fails for good, or the policy's tries are used up.
async fn with_retries<F, Fut>(policy: &RetryPolicy, mut attempt: F) -> DeliveryReport
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Attempt>,
{
    let attempts = policy.attempts.max(1);
    let mut wait = policy.first_wait;
    let mut report = DeliveryReport {
        delivered: false,
        attempts: 0,
        last_status: None,
        error: None,
    };
    loop {
        let Attempt { outcome, status } = attempt().await;
        report.attempts += 1;
        report.last_status = status.or(report.last_status);
        let retry_after = match outcome {
            Outcome::Delivered => {
                report.delivered = true;
                report.error = None;
                return report;
            }
            Outcome::Permanent(error) => {
                report.error = Some(error);
                return report;
            }
            Outcome::Transient { error, retry_after } => {
                report.error = Some(error);
                retry_after
            }
        };
        if report.attempts >= attempts {
            return report;
        }
        tokio::time::sleep(retry_after.map_or(wait, |d| d.min(MAX_RETRY_AFTER))).await;
        wait = wait.saturating_mul(policy.factor);
    }
}

/// A web address cut down to its scheme and host (and port), which is safe to show: the path,
/// query, user name and password are where webhook tokens live.
pub fn redact_url(url: &str) -> String {
    match reqwest::Url::parse(url.trim()) {
        Ok(parsed) => match (parsed.host_str(), parsed.port()) {
            (Some(host), Some(port)) => format!("{}://{host}:{port}", parsed.scheme()),
            (Some(host), None) => format!("{}://{host}", parsed.scheme()),
            (None, _) => "an address without a host".to_string(),
        },
        Err(_) => "an address that is not a web address".to_string(),
    }
}

/// The low-level reason behind a network failure, in words ("connection refused").
pub(crate) fn network_cause(error: &(dyn StdError + 'static)) -> String {
    let mut source = Some(error);
    let mut deepest = error.to_string();
    while let Some(err) = source {
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            use std::io::ErrorKind as K;
            return match io.kind() {
                K::ConnectionRefused => "connection refused".into(),
                K::ConnectionReset | K::ConnectionAborted => "the connection was cut".into(),
                K::TimedOut => "no answer in time".into(),
                K::HostUnreachable | K::NetworkUnreachable => "the network cannot reach it".into(),
                K::AddrNotAvailable => "the address is not available".into(),
                _ => plain_cause(&io.to_string()),
            };
        }
        deepest = err.to_string();
        source = err.source();
    }
    plain_cause(&deepest)
}

/// An error's own words, without the "(os error N)" tail, on one short line.
fn plain_cause(text: &str) -> String {
    let text = match text.find(" (os error") {
        Some(at) => &text[..at],
        None => text,
    };
    let text: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(200)
        .collect();
    let mut chars = text.trim().chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => "an unknown network error".into(),
    }
}

/// "15 s", "0.3 s".
pub(crate) fn seconds(duration: Duration) -> String {
    if duration.subsec_millis() == 0 {
        format!("{} s", duration.as_secs())
    } else {
        format!("{:.1} s", duration.as_secs_f64())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn redact_url_keeps_only_scheme_and_host() {
        let slack = "https://hooks.slack.com/services/T000/B000/XXXXSECRET";
        assert_eq!(redact_url(slack), "https://hooks.slack.com");
        assert_eq!(
            redact_url("https://user:pa55@example.com:8443/hook?token=SECRET#frag"),
            "https://example.com:8443"
        );
        assert_eq!(
            redact_url("http://127.0.0.1:9000/x/SECRET"),
            "http://127.0.0.1:9000"
        );
        assert_eq!(redact_url("http://[::1]:80/SECRET"), "http://[::1]");
        let invalid = redact_url("not a url SECRET");
        assert!(!invalid.contains("SECRET"), "{invalid}");
    }

    #[test]
    fn debug_hides_the_webhook_path_and_the_password() {
        let webhook = Destination::Webhook {
            format: WebhookFormat::Slack,
            url: "https://hooks.slack.com/services/T000/B000/XXXXSECRET".into(),
        };
        let shown = format!("{webhook:?}");
        assert!(
            !shown.contains("SECRET") && !shown.contains("T000"),
            "{shown}"
        );
        assert!(shown.contains("https://hooks.slack.com"));
        let email = Destination::Email {
            smtp: SmtpSettings {
                host: "smtp.example.com".into(),
                port: 587,
                security: SmtpSecurity::StartTls,
                username: Some("alerts".into()),
                from: "alerts@example.com".into(),
            },
            password: Some("hunter2SECRET".into()),
            to: vec!["team@example.com".into()],
        };
        let shown = format!("{email:?}");
        assert!(!shown.contains("SECRET"), "{shown}");
        assert!(shown.contains("smtp.example.com") && shown.contains("team@example.com"));
    }

    #[test]
    fn the_default_policy_tries_four_times_over_about_a_minute() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.attempts, 4);
        assert_eq!(policy.first_wait, Duration::from_secs(2));
        assert_eq!(policy.factor, 4);
        assert_eq!(policy.timeout, Duration::from_secs(15));
    }

    fn quick(attempts: u32) -> RetryPolicy {
        RetryPolicy {
            attempts,
            first_wait: Duration::from_millis(1),
            factor: 2,
            timeout: Duration::from_secs(1),
        }
    }

    fn transient(status: u16) -> Attempt {
        Attempt {
            outcome: Outcome::Transient {
                error: "busy".into(),
                retry_after: None,
            },
            status: Some(status),
        }
    }

    #[tokio::test]
    async fn retries_stop_at_the_policy_s_count_or_a_permanent_failure() {
        let report = with_retries(&quick(3), || async { transient(503) }).await;
        assert_eq!((report.delivered, report.attempts), (false, 3));
        assert_eq!(report.last_status, Some(503));

        let tries = Cell::new(0);
        let report = with_retries(&quick(5), || {
            tries.set(tries.get() + 1);
            async {
                Attempt {
                    outcome: Outcome::Permanent("gone".into()),
                    status: Some(410),
                }
            }
        })
        .await;
        assert_eq!((report.attempts, tries.get()), (1, 1));
        assert_eq!(report.error.as_deref(), Some("gone"));

        let report = with_retries(&quick(0), || async { transient(500) }).await;
        assert_eq!(report.attempts, 1, "a policy of 0 tries still tries once");
    }

    #[tokio::test]
    async fn a_server_s_retry_after_replaces_the_backoff() {
        let policy = RetryPolicy {
            attempts: 2,
            first_wait: Duration::from_secs(30),
            ..quick(2)
        };
        let started = std::time::Instant::now();
        let report = with_retries(&policy, || async {
            Attempt {
                outcome: Outcome::Transient {
                    error: "busy".into(),
                    retry_after: Some(Duration::from_millis(5)),
                },
                status: Some(429),
            }
        })
        .await;
        assert_eq!(report.attempts, 2);
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn causes_read_plainly() {
        let refused = std::io::Error::from(std::io::ErrorKind::ConnectionRefused);
        assert_eq!(network_cause(&refused), "connection refused");
        let other = std::io::Error::other("Name or service not known (os error -2)");
        assert_eq!(network_cause(&other), "name or service not known");
        assert_eq!(seconds(Duration::from_secs(15)), "15 s");
        assert_eq!(seconds(Duration::from_millis(300)), "0.3 s");
    }
}
