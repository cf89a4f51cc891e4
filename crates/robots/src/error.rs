//! Errors for bad input to the offline tester. robots.txt content itself never errors.

/// Why a question could not be asked. Messages are written for the person who typed the input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RobotsError {
    #[error("\"{url}\" is not a valid web address ({reason}); give the full address, starting with https://")]
    InvalidUrl { url: String, reason: String },
    #[error(
        "\"{url}\" is a {scheme}: address; robots.txt only governs http:// and https:// pages"
    )]
    UnsupportedScheme { url: String, scheme: String },
    #[error("the address is {length} characters long; the most this check accepts is {max}")]
    UrlTooLong { length: usize, max: usize },
    #[error("\"{token}\" is not a crawler name robots.txt can match; use the short name made of letters, \"-\" and \"_\" only, such as OAI-AdsBot")]
    InvalidAgentToken { token: String },
}

/// Keeps user input quoted in messages short.
pub(crate) fn shorten(input: &str) -> String {
    const MAX: usize = 200;
    match input.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &input[..cut]),
        None => input.to_string(),
    }
}
