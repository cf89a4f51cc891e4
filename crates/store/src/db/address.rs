//! A team workspace's address: a `postgres://` URL as libpq reads it, its password kept apart so
//! that it is never shown, and its `sslmode` honoured.

use crate::{Result, StoreError};
use std::path::PathBuf;

/// How the connection is encrypted, from the address's `sslmode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tls {
    /// `sslmode=disable`: never.
    Disable,
    /// `allow`/`prefer` (the default): when the server offers it. A certificate that fails the
    /// check is an error, never a reason to fall back to plain text.
    Prefer,
    /// `require`, `verify-ca`, `verify-full`: always. The certificate is always checked (against
    /// the system's roots, or `sslrootcert`), as `verify-full` asks.
    Require,
}

#[derive(Clone)]
pub struct ServerAddress {
    pub(crate) config: tokio_postgres::Config,
    pub(crate) tls: Tls,
    pub(crate) root_cert: Option<PathBuf>,
    shown: String,
    /// The address as written, without its password: what a setting keeps.
    setting: String,
}

impl std::fmt::Debug for ServerAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.shown)
    }
}

impl ServerAddress {
    /// Whether `text` names a server this build can use (`postgres://` or `postgresql://`).
    pub fn is_server_address(text: &str) -> bool {
        let lower = text.trim_start().to_ascii_lowercase();
        lower.starts_with("postgres://") || lower.starts_with("postgresql://")
    }

    pub fn parse(text: &str) -> Result<ServerAddress> {
        let bad = |why: &str| StoreError::BadAddress(format!("{} ({why})", shown_of(text)));
        let mut url = url::Url::parse(text.trim()).map_err(|e| bad(&e.to_string()))?;
        let setting = {
            let mut plain = url.clone();
            let _ = plain.set_password(None);
            plain.to_string()
        };
        let mut tls = Tls::Prefer;
        let mut root_cert = None;
        let mut kept = Vec::new();
        for (key, value) in url.query_pairs() {
            match key.as_ref() {
                "sslmode" => {
                    tls = match value.as_ref() {
                        "disable" => Tls::Disable,
                        "allow" | "prefer" => Tls::Prefer,
                        "require" | "verify-ca" | "verify-full" => Tls::Require,
                        other => {
                            return Err(bad(&format!(
                                "sslmode “{other}” is not one PostgreSQL knows"
                            )))
                        }
                    }
                }
                "sslrootcert" => root_cert = Some(PathBuf::from(value.as_ref())),
                _ => kept.push((key.into_owned(), value.into_owned())),
            }
        }
        if kept.is_empty() {
            url.set_query(None);
        } else {
            url.query_pairs_mut().clear().extend_pairs(kept);
        }
        let config: tokio_postgres::Config = url
            .as_str()
            .parse()
            .map_err(|e: tokio_postgres::Error| bad(&e.to_string()))?;
        if config.get_dbname().is_none() {
            return Err(bad(
                "it names no database, as in postgres://user@host/preflight",
            ));
        }
        let mut config = config;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(std::time::Duration::from_secs(10));
        }
        // A server gone from the network (no answer even to the kernel) is noticed within about
        // a minute instead of the system's default of over ten.
        config.keepalives(true);
        config.keepalives_idle(std::time::Duration::from_secs(30));
        if config.get_keepalives_interval().is_none() {
            config.keepalives_interval(std::time::Duration::from_secs(10));
        }
        if config.get_keepalives_retries().is_none() {
            config.keepalives_retries(3);
        }
        if config.get_application_name().is_none() {
            config.application_name("Preflight");
        }
        Ok(ServerAddress {
            config,
            tls,
            root_cert,
            shown: shown_of(text),
            setting,
        })
    }

    /// The address as shown: without its password or query.
    pub fn shown(&self) -> &str {
        &self.shown
    }

    /// The address as written (its options kept), without its password.
    pub fn setting(&self) -> &str {
        &self.setting
    }

    /// The password this address carries, if any.
    pub fn password(&self) -> Option<String> {
        self.config
            .get_password()
            .map(|p| String::from_utf8_lossy(p).into_owned())
    }

    pub fn user(&self) -> Option<&str> {
        self.config.get_user()
    }

    pub fn has_password(&self) -> bool {
        self.config.get_password().is_some()
    }

    /// The same address with this password (kept out of every message).
    pub fn with_password(mut self, password: &str) -> ServerAddress {
        self.config.password(password);
        self
    }
}

/// `text` without a password or query: `postgres://user@host:5432/db`.
pub fn shown_of(text: &str) -> String {
    let text = text.trim();
    let text = text.split(['?', '#']).next().unwrap_or_default();
    let Some((scheme, rest)) = text.split_once("://") else {
        return text.to_string();
    };
    match rest.rsplit_once('@') {
        Some((user, host)) => {
            let user = user.split(':').next().unwrap_or_default();
            format!("{scheme}://{user}@{host}")
        }
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn passwords_are_never_shown_and_sslmode_is_read() {
        let a = ServerAddress::parse(
            "postgres://analyst:s3cr%40t@db.example:6543/preflight?sslmode=verify-full&application_name=x",
        )
        .unwrap();
        assert_eq!(a.shown(), "postgres://analyst@db.example:6543/preflight");
        assert_eq!(a.tls, Tls::Require);
        assert_eq!(a.config.get_password(), Some(&b"s3cr@t"[..]));
        assert!(!format!("{a:?}").contains("s3cr"));
        assert_eq!(
            a.setting(),
            "postgres://analyst@db.example:6543/preflight?sslmode=verify-full&application_name=x"
        );
        assert_eq!(a.password().as_deref(), Some("s3cr@t"));
        assert_eq!(
            a.config.get_connect_timeout(),
            Some(&Duration::from_secs(10))
        );
        assert_eq!(
            a.config.get_keepalives_interval(),
            Some(Duration::from_secs(10))
        );
        assert_eq!(a.config.get_keepalives_retries(), Some(3));
        let patient = ServerAddress::parse(
            "postgres://u@h/db?connect_timeout=30&keepalives_interval=5&keepalives_retries=9",
        )
        .unwrap();
        assert_eq!(
            patient.config.get_connect_timeout(),
            Some(&Duration::from_secs(30))
        );
        assert_eq!(
            patient.config.get_keepalives_interval(),
            Some(Duration::from_secs(5))
        );
        assert_eq!(patient.config.get_keepalives_retries(), Some(9));
        let b = ServerAddress::parse("postgresql://u@h/db?sslmode=disable").unwrap();
        assert_eq!(b.tls, Tls::Disable);
        assert!(!b.has_password());
        assert_eq!(
            ServerAddress::parse("postgres://u@h/db").unwrap().tls,
            Tls::Prefer
        );
        for bad in [
            "postgres://u:pw@h/db?sslmode=sometimes",
            "postgres://u:pw@h",
            "postgres://u:pw@[::1/db",
        ] {
            let e = ServerAddress::parse(bad).unwrap_err();
            assert_eq!(e.code(), "database_address", "{bad}");
            assert!(!e.to_string().contains("pw"), "{e}");
        }
    }
}
