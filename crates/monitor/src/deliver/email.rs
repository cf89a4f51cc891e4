//! One e-mail through the agency's SMTP server. Addresses are checked before anything is sent;
//! a permanent refusal (5xx: a wrong login, a refused recipient) ends the tries, a transient one
//! (4xx, a network failure, no answer) is tried again.

use super::{network_cause, seconds, Attempt, Outcome, RetryPolicy, SmtpSecurity, SmtpSettings};
use crate::alert::Alert;
use crate::alert_messages::{email_body, email_subject};
use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::Error as SmtpError;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::error::Error as _;
use std::time::Duration;

type Transport = AsyncSmtpTransport<Tokio1Executor>;

/// Sends one prepared message through one server.
pub(super) struct Sender {
    transport: Transport,
    message: Message,
    /// "smtp.example.com:587", as errors show it.
    server: String,
    security: SmtpSecurity,
    timeout: Duration,
}

impl Sender {
    /// Checks the settings and addresses and writes the message; the error when one is wrong.
    pub(super) fn new(
        smtp: &SmtpSettings,
        password: Option<&str>,
        to: &[String],
        alert: &Alert,
        policy: &RetryPolicy,
    ) -> Result<Self, String> {
        let host = smtp.host.trim();
        if host.is_empty() {
            return Err("Add the SMTP server's name in the e-mail settings.".into());
        }
        let server = format!("{host}:{}", smtp.port);
        let from = mailbox(&smtp.from).map_err(|shown| {
            format!("The sender address “{shown}” is not a valid e-mail address.")
        })?;
        let recipients: Vec<&str> = to
            .iter()
            .map(|t| t.trim())
            .filter(|t| !t.is_empty())
            .collect();
        if recipients.is_empty() {
            return Err("Add at least one recipient's e-mail address.".into());
        }
        let mut builder = Message::builder()
            .from(from)
            .subject(email_subject(alert))
            .header(ContentType::TEXT_PLAIN);
        for recipient in recipients {
            let address = mailbox(recipient).map_err(|shown| {
                format!("“{shown}” is not a valid e-mail address: correct it in the recipients.")
            })?;
            builder = builder.to(address);
        }
        let message = builder
            .body(email_body(alert))
            .map_err(|e| format!("Could not write the e-mail: {e}."))?;
        let builder = match smtp.security {
            SmtpSecurity::None => Ok(Transport::builder_dangerous(host)),
            SmtpSecurity::StartTls => Transport::starttls_relay(host),
            SmtpSecurity::Tls => Transport::relay(host),
        }
        .map_err(|e| format!("Could not prepare a secure connection to {server}: {e}."))?;
        let mut builder = builder.port(smtp.port).timeout(Some(policy.timeout));
        if let Some(user) = smtp
            .username
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())
        {
            let secret = password.unwrap_or_default().to_string();
            builder = builder.credentials(Credentials::new(user.to_string(), secret));
        }
        Ok(Sender {
            transport: builder.build(),
            message,
            server,
            security: smtp.security,
            timeout: policy.timeout,
        })
    }

    pub(super) async fn attempt(&self) -> Attempt {
        let sent = self.transport.send(self.message.clone());
        match tokio::time::timeout(self.timeout, sent).await {
            Ok(Ok(response)) => Attempt {
                outcome: Outcome::Delivered,
                status: response.code().to_string().parse().ok(),
            },
            Ok(Err(error)) => Attempt {
                status: error.status().and_then(|c| c.to_string().parse().ok()),
                outcome: self.failure(&error),
            },
            Err(_) => Attempt {
                outcome: Outcome::Transient {
                    error: self.no_answer(),
                    retry_after: None,
                },
                status: None,
            },
        }
    }

    fn no_answer(&self) -> String {
        format!(
            "The SMTP server {} did not answer within {}.",
            self.server,
            seconds(self.timeout)
        )
    }

    /// What a failure means and whether another try may help.
    fn failure(&self, error: &SmtpError) -> Outcome {
        let transient = |error: String| Outcome::Transient {
            error,
            retry_after: None,
        };
        let code = error.status().map(|c| c.to_string()).unwrap_or_default();
        // For a refusal the source is the server's own text.
        let said = error
            .source()
            .map(|s| one_line(&s.to_string()))
            .unwrap_or_default();
        if error.is_permanent() {
            return Outcome::Permanent(match code.as_str() {
                "530" => "The SMTP server asks for a login: add the user name and password.".into(),
                c if c.starts_with("53") => {
                    "The SMTP server refused the login: check the user name and password.".into()
                }
                _ => format!("The SMTP server refused the message: {code} {said}."),
            });
        }
        if error.is_transient() {
            return transient(format!(
                "The SMTP server asked to try again later: {code} {said}."
            ));
        }
        if error.is_timeout() {
            return transient(self.no_answer());
        }
        if error.is_tls() || (self.security != SmtpSecurity::None && is_tls_failure(error)) {
            return Outcome::Permanent(format!(
                "Could not set up a secure connection with {}: {}. Check the security setting \
                 (TLS is usually port 465, STARTTLS port 587).",
                self.server,
                network_cause(error)
            ));
        }
        if error.is_client() {
            return Outcome::Permanent(match said.as_str() {
                s if s.contains("STARTTLS") => format!(
                    "The SMTP server {} does not offer STARTTLS: choose TLS or another port.",
                    self.server
                ),
                s if s.contains("authentication mechanism") => format!(
                    "The SMTP server {} offers no login method Preflight can use.",
                    self.server
                ),
                s => format!("Could not send through {}: {s}.", self.server),
            });
        }
        // lettre has no test for its connection errors; its message names them.
        if error.to_string().starts_with("Connection error") {
            return transient(format!(
                "Could not connect to {}: {}.",
                self.server,
                network_cause(error)
            ));
        }
        transient(format!(
            "The connection to {} failed: {}.",
            self.server,
            network_cause(error)
        ))
    }
}

/// The address parsed, or the text as it may be shown back.
fn mailbox(text: &str) -> Result<Mailbox, String> {
    text.trim()
        .parse::<Mailbox>()
        .map_err(|_| one_line(text.trim()))
}

/// A handshake that failed: TLS problems reach lettre as I/O errors of invalid data.
fn is_tls_failure(error: &SmtpError) -> bool {
    let mut source = error.source();
    while let Some(err) = source {
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            return io.kind() == std::io::ErrorKind::InvalidData;
        }
        source = err.source();
    }
    false
}

fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(200)
        .collect::<String>()
        .trim()
        .to_string()
}
