//! Delivering alerts to the local webhook receiver and SMTP server fixtures: first-time
//! delivery, retries with backoff, final failures, timeouts, and errors that never show a
//! webhook's token.

use preflight_fixtures::smtp_server::SmtpServer;
use preflight_fixtures::webhook_receiver::WebhookReceiver;
use preflight_monitor::alert::ALERT_SCHEMA;
use preflight_monitor::changes::summary_line;
use preflight_monitor::deliver::{
    deliver, Destination, RetryPolicy, SmtpSecurity, SmtpSettings, WebhookFormat,
};
use preflight_monitor::{Alert, ChangeEvent, ChangeKind};
use preflight_report::Direction;
use std::time::{Duration, Instant};

fn alert() -> Alert {
    let changes = vec![
        ChangeEvent {
            page_url: "https://acme.example/boots".into(),
            kind: ChangeKind::Reachability,
            direction: Direction::Worse,
            finding_id: None,
            sentence: "OAI-AdsBot could reach the page and is blocked now.".into(),
        },
        ChangeEvent {
            page_url: "https://acme.example/".into(),
            kind: ChangeKind::Pixel,
            direction: Direction::Better,
            finding_id: Some("pixel-missing".into()),
            sentence: "Fixed — Pixel: the OpenAI pixel is missing".into(),
        },
    ];
    Alert {
        schema: ALERT_SCHEMA.into(),
        agency: Some("Northwind".into()),
        client: "Acme Outdoor".into(),
        summary: summary_line(&changes),
        changes,
        older_audit_id: Some(7),
        newer_audit_id: Some(9),
        audited_at: Some("2026-05-03T09:00:00Z".into()),
        test: false,
    }
}

fn quick(attempts: u32) -> RetryPolicy {
    RetryPolicy {
        attempts,
        first_wait: Duration::from_millis(10),
        factor: 2,
        timeout: Duration::from_secs(3),
    }
}

fn webhook(format: WebhookFormat, url: String) -> Destination {
    Destination::Webhook { format, url }
}

fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

#[tokio::test]
async fn every_webhook_format_is_posted_as_json_at_the_first_try() {
    let receiver = WebhookReceiver::start();
    let alert = alert();
    let formats = [
        WebhookFormat::Slack,
        WebhookFormat::Teams,
        WebhookFormat::Generic,
    ];
    for (i, format) in formats.into_iter().enumerate() {
        let url = receiver.url(&format!("/hook/{i}"));
        let report = deliver(&webhook(format, url), &alert, &quick(3)).await;
        assert!(report.delivered, "{report:?}");
        assert_eq!((report.attempts, report.last_status), (1, Some(200)));
        assert_eq!(report.error, None);
    }
    let received = receiver.received();
    assert_eq!(received.len(), 3);
    for (post, format) in received.iter().zip(formats) {
        assert_eq!(post.method, "POST");
        assert_eq!(post.content_type.as_deref(), Some("application/json"));
        assert_eq!(post.json.as_ref(), Some(&format.body(&alert)));
    }
    let generic: Alert = serde_json::from_value(received[2].json.clone().unwrap()).unwrap();
    assert_eq!(generic, alert);
}

#[tokio::test]
async fn a_busy_webhook_is_tried_again_until_it_accepts() {
    let receiver = WebhookReceiver::start();
    receiver.fail_next(2, 503);
    let url = receiver.url("/hook");
    let report = deliver(&webhook(WebhookFormat::Slack, url), &alert(), &quick(4)).await;
    assert!(report.delivered, "{report:?}");
    assert_eq!((report.attempts, report.last_status), (3, Some(200)));
    let answered: Vec<Option<u16>> = receiver.received().iter().map(|p| p.answered).collect();
    assert_eq!(answered, [Some(503), Some(503), Some(200)]);
}

#[tokio::test]
async fn a_server_s_retry_after_is_honoured_instead_of_the_backoff() {
    let receiver = WebhookReceiver::start();
    receiver.fail_next_retry_after(1, 429, 1);
    let policy = RetryPolicy {
        first_wait: Duration::from_secs(120),
        ..quick(2)
    };
    let started = Instant::now();
    let url = receiver.url("/hook");
    let report = deliver(&webhook(WebhookFormat::Teams, url), &alert(), &policy).await;
    assert!(report.delivered, "{report:?}");
    assert_eq!(report.attempts, 2);
    let took = started.elapsed();
    assert!(
        took >= Duration::from_secs(1) && took < Duration::from_secs(20),
        "{took:?}"
    );
}

#[tokio::test]
async fn a_missing_webhook_is_not_tried_again_and_its_token_stays_hidden() {
    let receiver = WebhookReceiver::start();
    receiver.fail_next(5, 404);
    let url = receiver.url("/services/T0001/B0002/SECRETTOKEN");
    let destination = webhook(WebhookFormat::Slack, url);
    let report = deliver(&destination, &alert(), &quick(4)).await;
    assert!(!report.delivered);
    assert_eq!((report.attempts, report.last_status), (1, Some(404)));
    let error = report.error.unwrap();
    assert!(error.contains("404 Not Found") && error.contains("check the address"));
    for secret in ["SECRETTOKEN", "T0001", "/services"] {
        assert!(!error.contains(secret), "{error}");
        assert!(!format!("{destination:?}").contains(secret));
    }
    assert_eq!(receiver.received().len(), 1);
}

#[tokio::test]
async fn an_unreachable_webhook_is_tried_as_often_as_the_policy_says() {
    let url = format!("http://127.0.0.1:{}/hook/SECRETTOKEN", closed_port());
    let started = Instant::now();
    let report = deliver(&webhook(WebhookFormat::Generic, url), &alert(), &quick(3)).await;
    assert!(started.elapsed() < Duration::from_secs(15));
    assert!(!report.delivered);
    assert_eq!((report.attempts, report.last_status), (3, None));
    let error = report.error.unwrap();
    assert!(error.starts_with("Could not connect to the webhook at http://127.0.0.1:"));
    assert!(error.ends_with("connection refused."), "{error}");
    assert!(!error.contains("SECRETTOKEN"));
}

#[tokio::test]
async fn a_webhook_that_never_answers_times_out_on_each_try() {
    let receiver = WebhookReceiver::start();
    receiver.hang();
    let policy = RetryPolicy {
        timeout: Duration::from_millis(300),
        ..quick(2)
    };
    let started = Instant::now();
    let url = receiver.url("/hook/SECRETTOKEN");
    let report = deliver(&webhook(WebhookFormat::Slack, url), &alert(), &policy).await;
    assert!(started.elapsed() < Duration::from_secs(10));
    assert!(!report.delivered);
    assert_eq!(report.attempts, 2);
    let error = report.error.unwrap();
    assert!(error.ends_with("did not answer within 0.3 s."), "{error}");
    assert!(!error.contains("SECRETTOKEN"));
    assert_eq!(receiver.received().len(), 2);
}

#[tokio::test]
async fn an_address_that_is_not_a_web_address_is_refused_before_sending() {
    let url = "hooks.example.com/SECRETTOKEN".to_string();
    let report = deliver(&webhook(WebhookFormat::Slack, url), &alert(), &quick(3)).await;
    assert_eq!((report.delivered, report.attempts), (false, 0));
    assert!(!report.error.unwrap().contains("SECRETTOKEN"));
}

fn email(port: u16, security: SmtpSecurity, to: &[&str]) -> Destination {
    Destination::Email {
        smtp: SmtpSettings {
            host: "127.0.0.1".into(),
            port,
            security,
            username: Some("alerts@agency.example".into()),
            from: "Northwind alerts <alerts@agency.example>".into(),
        },
        password: Some("s3cret pass".into()),
        to: to.iter().map(|t| t.to_string()).collect(),
    }
}

/// The message's text: headers unfolded, quoted-printable undone.
fn readable(data: &str) -> String {
    let joined = data.replace("=\r\n", "").replace("\r\n ", " ");
    let bytes = joined.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
            Some(byte) if bytes[i] == b'=' => {
                out.push(byte);
                i += 3;
            }
            _ => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[tokio::test]
async fn an_email_is_sent_with_a_login_to_every_recipient() {
    let server = SmtpServer::start();
    let to = ["team@acme.example", "Boss <boss@acme.example>"];
    let report = deliver(
        &email(server.port(), SmtpSecurity::None, &to),
        &alert(),
        &quick(3),
    )
    .await;
    assert!(report.delivered, "{report:?}");
    assert_eq!((report.attempts, report.last_status), (1, Some(250)));
    let mail = &server.received()[0];
    assert_eq!(mail.from, "alerts@agency.example");
    assert_eq!(mail.to, ["team@acme.example", "boss@acme.example"]);
    assert_eq!(mail.user.as_deref(), Some("alerts@agency.example"));
    assert_eq!(mail.password.as_deref(), Some("s3cret pass"));
    let text = readable(&mail.data);
    assert!(
        text.contains("Subject: [Northwind] Acme Outdoor: 2 changes on 2 pages: 1 worse, 1 fixed."),
        "{text}"
    );
    assert!(text.contains("Client: Acme Outdoor"));
    assert!(text.contains("Worse — https://acme.example/boots: OAI-AdsBot could reach"));
    assert!(text.contains("Audits compared: #7 → #9"));
}

#[tokio::test]
async fn a_refused_login_is_not_tried_again() {
    let server = SmtpServer::start();
    server.reject_logins();
    let destination = email(server.port(), SmtpSecurity::None, &["team@acme.example"]);
    let report = deliver(&destination, &alert(), &quick(4)).await;
    assert!(!report.delivered);
    assert_eq!((report.attempts, report.last_status), (1, Some(535)));
    assert_eq!(
        report.error.as_deref(),
        Some("The SMTP server refused the login: check the user name and password.")
    );
    assert_eq!(server.logins().len(), 1);
    assert!(server.received().is_empty());
}

#[tokio::test]
async fn a_server_that_asks_to_come_back_later_is_tried_again() {
    let server = SmtpServer::start();
    server.fail_next(1);
    let destination = email(server.port(), SmtpSecurity::None, &["team@acme.example"]);
    let report = deliver(&destination, &alert(), &quick(3)).await;
    assert!(report.delivered, "{report:?}");
    assert_eq!(report.attempts, 2);
    assert_eq!(server.received().len(), 1);
}

#[tokio::test]
async fn an_unreachable_smtp_server_is_tried_again_and_named() {
    let port = closed_port();
    let destination = email(port, SmtpSecurity::None, &["team@acme.example"]);
    let started = Instant::now();
    let report = deliver(&destination, &alert(), &quick(3)).await;
    assert!(started.elapsed() < Duration::from_secs(15));
    assert!(!report.delivered);
    assert_eq!(report.attempts, 3);
    assert_eq!(
        report.error,
        Some(format!(
            "Could not connect to 127.0.0.1:{port}: connection refused."
        ))
    );
}

#[tokio::test]
async fn a_bad_recipient_is_refused_before_anything_is_sent() {
    let server = SmtpServer::start();
    let to = ["team@acme.example", "not an address"];
    let report = deliver(
        &email(server.port(), SmtpSecurity::None, &to),
        &alert(),
        &quick(3),
    )
    .await;
    assert_eq!((report.delivered, report.attempts), (false, 0));
    assert_eq!(
        report.error.as_deref(),
        Some("“not an address” is not a valid e-mail address: correct it in the recipients.")
    );
    let report = deliver(
        &email(server.port(), SmtpSecurity::None, &[]),
        &alert(),
        &quick(3),
    )
    .await;
    assert_eq!(report.attempts, 0);
    assert!(server.logins().is_empty() && server.received().is_empty());
}

#[tokio::test]
async fn starttls_is_required_when_chosen() {
    let server = SmtpServer::start();
    let destination = email(
        server.port(),
        SmtpSecurity::StartTls,
        &["team@acme.example"],
    );
    let report = deliver(&destination, &alert(), &quick(3)).await;
    assert_eq!((report.delivered, report.attempts), (false, 1));
    let error = report.error.unwrap();
    assert!(error.contains("does not offer STARTTLS"), "{error}");
    assert!(server.logins().is_empty(), "no password sent in the clear");
}

#[test]
fn delivering_can_run_on_any_thread() {
    fn assert_send<T: Send>(_: &T) {}
    let destination = webhook(WebhookFormat::Slack, "http://127.0.0.1:9/".into());
    let (alert, policy) = (alert(), RetryPolicy::default());
    assert_send(&deliver(&destination, &alert, &policy));
}
