//! Transport errors in plain words: what kind of failure it was and a sentence a marketer can
//! act on.

use crate::artifacts::{FetchError, FetchErrorKind};
use crate::network::REFUSED;
use std::error::Error as _;

/// Turns a transport error into a kind, a sentence naming the host (and port, when nothing
/// listens there), and the library's own words as the technical detail. reqwest does not expose the cause as a
/// type for every case, so the source chain's I/O error kinds and messages are inspected.
pub fn classify_reqwest_error(error: &reqwest::Error) -> FetchError {
    let mut chain = String::new();
    let mut io_kind = None;
    let mut source: Option<&dyn std::error::Error> = error.source();
    while let Some(s) = source {
        chain.push_str(&s.to_string().to_ascii_lowercase());
        chain.push(' ');
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            io_kind.get_or_insert(io.kind());
        }
        source = s.source();
    }
    use std::io::ErrorKind as Io;
    let place = Place::of(error.url());
    let host = &place.host;
    let (kind, message) = if chain.contains(REFUSED) {
        (
            FetchErrorKind::PrivateAddress,
            "Not requested: the address is on a private network (this computer, the office network or a cloud provider's internal addresses) and the page led there by itself; add that host yourself to check it.".to_string(),
        )
    } else if error.is_timeout() || io_kind == Some(Io::TimedOut) {
        (
            FetchErrorKind::Timeout,
            format!("The server at {host} did not answer in time."),
        )
    } else if chain.contains("dns error")
        || chain.contains("failed to lookup address")
        || chain.contains("name or service not known")
        || chain.contains("no such host")
    {
        (
            FetchErrorKind::Dns,
            format!(
                "The website address {host} does not exist (the domain name does not resolve)."
            ),
        )
    } else if io_kind == Some(Io::ConnectionRefused) || chain.contains("connection refused") {
        (
            FetchErrorKind::ConnectionRefused,
            format!(
                "The server refused the connection: nothing is listening at {}.",
                place.host_port()
            ),
        )
    } else if chain.contains("certificate")
        || chain.contains("tls")
        || chain.contains("handshake")
        || chain.contains("invalidcertificate")
    {
        (
            FetchErrorKind::Tls,
            format!("The secure connection to {host} failed: its HTTPS certificate or setup was rejected."),
        )
    } else if matches!(
        io_kind,
        Some(Io::ConnectionReset)
            | Some(Io::ConnectionAborted)
            | Some(Io::BrokenPipe)
            | Some(Io::UnexpectedEof)
    ) || chain.contains("connection reset")
        || chain.contains("connection closed")
        || chain.contains("incomplete message")
    {
        (
            FetchErrorKind::ConnectionReset,
            format!("The server at {host} cut the connection before the page was complete."),
        )
    } else if error.is_decode()
        || error.is_body()
        || chain.contains("invalid")
        || chain.contains("parse")
    {
        (
            FetchErrorKind::Protocol,
            format!("The server at {host} answered with something that is not valid HTTP."),
        )
    } else {
        (
            FetchErrorKind::Other,
            format!("The request to {host} failed."),
        )
    };
    let detail = chain.trim();
    FetchError {
        kind,
        message,
        detail: (!detail.is_empty() && kind != FetchErrorKind::PrivateAddress)
            .then(|| detail.to_string()),
    }
}

/// The host and port a request went to, as a sentence names them.
struct Place {
    host: String,
    port: Option<u16>,
}

impl Place {
    fn of(url: Option<&url::Url>) -> Self {
        match url {
            Some(url) => Place {
                host: url.host_str().unwrap_or("the server").to_string(),
                port: url.port_or_known_default(),
            },
            None => Place {
                host: "the server".to_string(),
                port: None,
            },
        }
    }

    /// `host:port`, with IPv6 addresses in brackets.
    fn host_port(&self) -> String {
        match self.port {
            Some(port) if self.host.contains(':') && !self.host.starts_with('[') => {
                format!("[{}]:{port}", self.host)
            }
            Some(port) => format!("{}:{port}", self.host),
            None => self.host.clone(),
        }
    }
}
