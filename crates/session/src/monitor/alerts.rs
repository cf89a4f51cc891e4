//! Where a client's alerts go and how they are sent. A webhook's address carries its token and
//! the SMTP password is a password: both live in the operating system's keychain, never in the
//! database; the database keeps what the app may show (the kind, the host, the recipients).
//!
//! Alerts go out only when something changed, and not again for a client within the quiet
//! period after its last alert (the changes are still kept and listed). A channel that cannot
//! be reached is retried with backoff; its failure is recorded and shown, and never fails the
//! audit.

use crate::error::SessionError;
use crate::secrets::{Keeper, Secret, SecretKind};
use preflight_monitor::deliver::{
    deliver, DeliveryReport, Destination, RetryPolicy, SmtpSettings, WebhookFormat,
};
use preflight_monitor::Alert;
use preflight_store::Store;
use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};
use ts_rs::TS;

/// The settings key of the SMTP server's settings (JSON, without the password).
const SMTP_SETTINGS: &str = "alert_smtp";
/// The settings key of the quiet period, in minutes.
const QUIET_MINUTES: &str = "alert_quiet_minutes";
/// The quiet period when none is set: an hour, so a flapping page alerts once, not every run.
pub const DEFAULT_QUIET_MINUTES: u32 = 60;
/// The settings key that turns desktop notifications off ("0").
const DESKTOP_NOTIFICATIONS: &str = "alert_desktop_notifications";
/// The settings key of the agency's name (white label), shared with the PDF covers.
pub const AGENCY_NAME: &str = "agency_name";
/// The one SMTP password of the workspace is kept under this id.
const SMTP_SECRET_ID: i64 = 0;

/// What an alert channel is, as kept in the database (no secret in it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ChannelConfig {
    /// An incoming webhook; `host` is shown, the whole address is in the keychain.
    Webhook { format: WebhookFormat, host: String },
    /// E-mail to these addresses through the workspace's SMTP server.
    Email { to: Vec<String> },
}

/// A client's alert channel as the app shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AlertChannel {
    #[ts(type = "number")]
    pub id: i64,
    pub config: ChannelConfig,
    /// One line naming it ("Slack webhook at hooks.slack.com").
    pub label: String,
}

impl ChannelConfig {
    fn label(&self) -> String {
        match self {
            ChannelConfig::Webhook { format, host } => {
                let kind = match format {
                    WebhookFormat::Slack => "Slack webhook",
                    WebhookFormat::Teams => "Teams webhook",
                    WebhookFormat::Generic => "JSON webhook",
                };
                format!("{kind} at {host}")
            }
            ChannelConfig::Email { to } => format!("E-mail to {}", to.join(", ")),
        }
    }
}

/// A client's alert channels.
pub fn channels(store: &Store, client_id: i64) -> Result<Vec<AlertChannel>, SessionError> {
    Ok(store
        .list_alert_channels::<ChannelConfig>(client_id)?
        .into_iter()
        .map(|c| AlertChannel {
            id: c.id,
            label: c.config.label(),
            config: c.config,
        })
        .collect())
}

/// Adds a webhook to a client: the address is checked, then kept in the keychain.
pub fn add_webhook(
    store: &Store,
    client_id: i64,
    format: WebhookFormat,
    address: &str,
) -> Result<AlertChannel, SessionError> {
    let url = url::Url::parse(address.trim()).map_err(|_| not_a_webhook())?;
    let host = match (url.scheme(), url.host_str()) {
        ("https" | "http", Some(host)) => host.to_string(),
        _ => return Err(not_a_webhook()),
    };
    let config = ChannelConfig::Webhook { format, host };
    let id = store.add_alert_channel(client_id, &config)?;
    if let Err(e) = Secret::of(store, SecretKind::WebhookUrl, id)?.save(url.as_str()) {
        store.delete_alert_channel(id)?;
        return Err(e);
    }
    Ok(AlertChannel {
        id,
        label: config.label(),
        config,
    })
}

fn not_a_webhook() -> SessionError {
    SessionError::Monitor(
        "That is not a webhook address: paste the whole https:// address the chat app gave you."
            .into(),
    )
}

/// Adds e-mail recipients to a client.
pub fn add_email(
    store: &Store,
    client_id: i64,
    recipients: &str,
) -> Result<AlertChannel, SessionError> {
    let to: Vec<String> = recipients
        .split([',', ';', '\n', ' '])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect();
    if to.is_empty() {
        return Err(SessionError::Monitor(
            "Give at least one e-mail address to send alerts to.".into(),
        ));
    }
    if let Some(bad) = to.iter().find(|a| !looks_like_address(a)) {
        return Err(SessionError::Monitor(format!(
            "\"{bad}\" is not an e-mail address: write it as name@example.com."
        )));
    }
    let config = ChannelConfig::Email { to };
    let id = store.add_alert_channel(client_id, &config)?;
    Ok(AlertChannel {
        id,
        label: config.label(),
        config,
    })
}

fn looks_like_address(text: &str) -> bool {
    match text.split_once('@') {
        Some((user, domain)) => {
            !user.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !text
                    .chars()
                    .any(|c| c.is_whitespace() || c.is_control() || c == '<')
        }
        None => false,
    }
}

/// Removes a channel and its secret.
pub fn remove_channel(store: &Store, channel_id: i64) -> Result<(), SessionError> {
    store.delete_alert_channel(channel_id)?;
    Secret::of(store, SecretKind::WebhookUrl, channel_id)?.remove()?;
    Ok(())
}

/// The SMTP server as settings show it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SmtpView {
    pub settings: Option<SmtpSettings>,
    /// Where the password is kept (`None`: no password kept).
    pub password_kept_in: Option<Keeper>,
}

/// The workspace's SMTP server.
pub fn smtp(store: &Store) -> Result<SmtpView, SessionError> {
    let settings = match store.setting(SMTP_SETTINGS)? {
        Some(json) => serde_json::from_str(&json).ok(),
        None => None,
    };
    let password_kept_in = Secret::of(store, SecretKind::SmtpPassword, SMTP_SECRET_ID)?.kept_in();
    Ok(SmtpView {
        settings,
        password_kept_in,
    })
}

/// Saves the SMTP server; a password given replaces the kept one, `Some("")` removes it.
pub fn save_smtp(
    store: &Store,
    settings: SmtpSettings,
    password: Option<&str>,
) -> Result<SmtpView, SessionError> {
    if settings.host.trim().is_empty() || settings.host.contains(['/', ' ', '@']) {
        return Err(SessionError::Monitor(
            "Give the SMTP server's host name, such as smtp.example.com.".into(),
        ));
    }
    if settings.port == 0 {
        return Err(SessionError::Monitor(
            "Give the SMTP server's port: 587 for STARTTLS, 465 for TLS.".into(),
        ));
    }
    let from = settings.from.trim();
    let bare = from
        .rsplit_once('<')
        .map_or(from, |(_, rest)| rest.trim_end_matches('>'));
    if !looks_like_address(bare) {
        return Err(SessionError::Monitor(
            "Give the sender's address, such as alerts@agency.example.".into(),
        ));
    }
    let json =
        serde_json::to_string(&settings).map_err(|e| SessionError::Internal(e.to_string()))?;
    store.set_setting(SMTP_SETTINGS, &json)?;
    let secret = Secret::of(store, SecretKind::SmtpPassword, SMTP_SECRET_ID)?;
    match password {
        Some("") => {
            secret.remove()?;
        }
        Some(password) => {
            secret.save(password)?;
        }
        None => {}
    }
    smtp(store)
}

/// The quiet period after an alert, in minutes.
pub fn quiet_minutes(store: &Store) -> Result<u32, SessionError> {
    Ok(store
        .setting(QUIET_MINUTES)?
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_QUIET_MINUTES))
}

/// Sets the quiet period (0 to 10,080 minutes: a week).
pub fn set_quiet_minutes(store: &Store, minutes: u32) -> Result<(), SessionError> {
    if minutes > 7 * 24 * 60 {
        return Err(SessionError::InvalidSetting(
            "The quiet period can be at most a week (10,080 minutes).".into(),
        ));
    }
    Ok(store.set_setting(QUIET_MINUTES, &minutes.to_string())?)
}

/// Whether alerts also show as desktop notifications (on unless turned off).
pub fn desktop_notifications(store: &Store) -> Result<bool, SessionError> {
    Ok(store.setting(DESKTOP_NOTIFICATIONS)?.as_deref() != Some("0"))
}

pub fn set_desktop_notifications(store: &Store, on: bool) -> Result<(), SessionError> {
    Ok(store.set_setting(DESKTOP_NOTIFICATIONS, if on { "1" } else { "0" })?)
}

/// Whether the client is inside its quiet period at `now`.
pub fn in_quiet_period(
    store: &Store,
    client_id: i64,
    now: OffsetDateTime,
) -> Result<bool, SessionError> {
    let quiet = Duration::minutes(i64::from(quiet_minutes(store)?));
    let last = store
        .last_alerted_at(client_id)?
        .as_deref()
        .and_then(super::schedules::parse_time);
    Ok(last.is_some_and(|at| now < at + quiet))
}

/// The alert for a client's changes, with the agency's name when set.
pub fn alert_for(
    store: &Store,
    client_name: &str,
    changes: &super::AuditChanges,
    audited_at: Option<String>,
) -> Result<Alert, SessionError> {
    Ok(Alert {
        schema: preflight_monitor::alert::ALERT_SCHEMA.into(),
        agency: agency_name(store)?,
        client: client_name.into(),
        summary: preflight_monitor::changes::summary_line(&changes.events),
        changes: changes.events.clone(),
        older_audit_id: Some(changes.older_run_id),
        newer_audit_id: Some(changes.newer_run_id),
        audited_at,
        test: false,
    })
}

fn agency_name(store: &Store) -> Result<Option<String>, SessionError> {
    Ok(store
        .setting(AGENCY_NAME)?
        .filter(|name| !name.trim().is_empty()))
}

/// One channel's destination, read with its secrets, ready to send to.
pub struct Target {
    pub channel: AlertChannel,
    destination: Result<Destination, String>,
}

/// The client's channels with their secrets. A channel whose secret or SMTP server is missing
/// is still listed, with why it cannot be sent to.
pub fn targets(store: &Store, client_id: i64) -> Result<Vec<Target>, SessionError> {
    let smtp = smtp(store)?;
    let mut out = Vec::new();
    for channel in channels(store, client_id)? {
        let destination = match &channel.config {
            ChannelConfig::Webhook { format, .. } => {
                match Secret::of(store, SecretKind::WebhookUrl, channel.id)?.read() {
                    Ok(Some(url)) => Ok(Destination::Webhook {
                        format: *format,
                        url,
                    }),
                    Ok(None) => Err("The webhook's address is no longer in the keychain: remove the channel and add it again.".to_string()),
                    Err(e) => Err(e.to_string()),
                }
            }
            ChannelConfig::Email { to } => match &smtp.settings {
                Some(settings) => {
                    let secret = Secret::of(store, SecretKind::SmtpPassword, SMTP_SECRET_ID)?;
                    secret
                        .read()
                        .map(|password| Destination::Email {
                            smtp: settings.clone(),
                            password,
                            to: to.clone(),
                        })
                        .map_err(|e| e.to_string())
                }
                None => Err("No SMTP server is set up: add one in Settings → Alerts.".to_string()),
            },
        };
        out.push(Target {
            channel,
            destination,
        });
    }
    Ok(out)
}

/// How an alert went on one channel.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ChannelDelivery {
    pub channel: AlertChannel,
    pub report: DeliveryReport,
}

/// Sends the alert to every target at once; none waits for another.
pub async fn send(
    targets: Vec<Target>,
    alert: &Alert,
    policy: &RetryPolicy,
) -> Vec<ChannelDelivery> {
    let sends = targets.into_iter().map(|target| async move {
        let report = match &target.destination {
            Ok(destination) => deliver(destination, alert, policy).await,
            Err(why) => DeliveryReport {
                delivered: false,
                attempts: 0,
                last_status: None,
                error: Some(why.clone()),
            },
        };
        ChannelDelivery {
            channel: target.channel,
            report,
        }
    });
    futures::future::join_all(sends).await
}

/// Records each channel's outcome: `sent`/`failed` for a real alert, `test` for a test.
pub fn record(
    store: &Store,
    client_id: i64,
    newer_run_id: Option<i64>,
    deliveries: &[ChannelDelivery],
    test: bool,
) -> Result<(), SessionError> {
    for d in deliveries {
        let outcome = match (test, d.report.delivered) {
            (true, _) => "test",
            (false, true) => "sent",
            (false, false) => "failed",
        };
        store.record_delivery(
            client_id,
            Some(d.channel.id),
            newer_run_id,
            outcome,
            &d.report,
        )?;
    }
    Ok(())
}

/// The record of an alert held back by the quiet period.
pub fn held_back(quiet_minutes: u32) -> DeliveryReport {
    DeliveryReport {
        delivered: false,
        attempts: 0,
        last_status: None,
        error: Some(format!(
            "Held back: the client was alerted less than {quiet_minutes} minutes ago (the quiet period). The changes are listed in Changes."
        )),
    }
}

/// The record of an alert shown only as a desktop notification (no channel set up).
pub fn desktop_only() -> DeliveryReport {
    DeliveryReport {
        delivered: true,
        attempts: 1,
        last_status: None,
        error: None,
    }
}

/// An alert sent, held back or failed, as the app lists it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DeliveryListing {
    pub at: String,
    /// `sent`, `failed`, `quiet` or `test`.
    pub outcome: String,
    /// The channel, or "Desktop notification".
    pub channel_label: String,
    #[ts(type = "number | null")]
    pub audit_id: Option<i64>,
    pub report: DeliveryReport,
}

/// A client's latest alerts, newest first.
pub fn recent_deliveries(
    store: &Store,
    client_id: i64,
    limit: u32,
) -> Result<Vec<DeliveryListing>, SessionError> {
    let labels: std::collections::HashMap<i64, String> = store
        .list_alert_channels::<ChannelConfig>(client_id)?
        .into_iter()
        .map(|c| (c.id, c.config.label()))
        .collect();
    Ok(store
        .list_deliveries::<serde_json::Value>(client_id, limit)?
        .into_iter()
        .map(|d| DeliveryListing {
            at: d.at,
            outcome: d.outcome,
            channel_label: match d.channel_id {
                None => "Desktop notification".into(),
                Some(id) => labels
                    .get(&id)
                    .cloned()
                    .unwrap_or_else(|| "A removed channel".into()),
            },
            audit_id: d.newer_run_id,
            report: serde_json::from_value(d.report).unwrap_or(DeliveryReport {
                delivered: false,
                attempts: 0,
                last_status: None,
                error: None,
            }),
        })
        .collect())
}

/// A test alert for a client: one made-up change, clearly marked as a test.
pub fn test_alert(store: &Store, client_name: &str) -> Result<Alert, SessionError> {
    let event = preflight_monitor::ChangeEvent {
        page_url: "https://example.com/landing".into(),
        kind: preflight_monitor::ChangeKind::Reachability,
        direction: preflight_report::Direction::Worse,
        finding_id: None,
        sentence: "This is a test alert from Preflight: nothing changed on your pages.".into(),
    };
    Ok(Alert {
        schema: preflight_monitor::alert::ALERT_SCHEMA.into(),
        agency: agency_name(store)?,
        client: client_name.into(),
        summary: "Test alert: if you can read this, alerts for this client arrive here.".into(),
        changes: vec![event],
        older_audit_id: None,
        newer_audit_id: None,
        audited_at: None,
        test: true,
    })
}
