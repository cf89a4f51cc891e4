//! Transport errors in plain words: what kind of failure it was and a sentence a marketer can
//! act on.

use crate::artifacts::{FetchError, FetchErrorKind};
use crate::network::REFUSED;
use std::error::Error as _;

/// Turns a transport error into a kind and a sentence. reqwest does not expose the cause as a
/// type for every case, so the source chain's I/O error kinds and messages are inspected.
pub(crate) fn classify_reqwest_error(error: &reqwest::Error) -> FetchError {
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
    let (kind, message) = if chain.contains(REFUSED) {
        (
            FetchErrorKind::PrivateAddress,
            "Not requested: the address is on a private network (this computer, the office network or a cloud provider's internal addresses) and the page led there by itself; add that host yourself to check it.".to_string(),
        )
    } else if error.is_timeout() || io_kind == Some(Io::TimedOut) {
        (
            FetchErrorKind::Timeout,
            "The server did not answer in time.".to_string(),
        )
    } else if chain.contains("dns error")
        || chain.contains("failed to lookup address")
        || chain.contains("name or service not known")
        || chain.contains("no such host")
    {
        (
            FetchErrorKind::Dns,
            "The website address does not exist (the domain name does not resolve).".to_string(),
        )
    } else if io_kind == Some(Io::ConnectionRefused) || chain.contains("connection refused") {
        (
            FetchErrorKind::ConnectionRefused,
            "The server refused the connection: nothing is listening at that address.".to_string(),
        )
    } else if chain.contains("certificate")
        || chain.contains("tls")
        || chain.contains("handshake")
        || chain.contains("invalidcertificate")
    {
        (
            FetchErrorKind::Tls,
            "The secure connection failed: the site's HTTPS certificate was rejected.".to_string(),
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
            "The server cut the connection before the page was complete.".to_string(),
        )
    } else if error.is_decode()
        || error.is_body()
        || chain.contains("invalid")
        || chain.contains("parse")
    {
        (
            FetchErrorKind::Protocol,
            "The server's answer was not valid HTTP.".to_string(),
        )
    } else {
        (FetchErrorKind::Other, "The request failed.".to_string())
    };
    let detail = chain.trim();
    FetchError {
        kind,
        message: if detail.is_empty() || kind == FetchErrorKind::PrivateAddress {
            message
        } else {
            format!("{message} ({detail})")
        },
    }
}
