//! What can go wrong talking to the Ads API, in words a marketer can act on. The API key never
//! appears in a message.

use std::time::Duration;

use thiserror::Error;

#[derive(Debug, Error, PartialEq)]
pub enum AdsError {
    #[error("No Ads API key is set for this client. Create one in Ads Manager → Settings → API keys and add it here.")]
    NoKey,
    #[error("OpenAI did not accept the Ads API key (HTTP 401){detail}. Check that the key was copied whole and has not been revoked, or create a new one in Ads Manager.", detail = detail(.message))]
    Unauthorized { message: Option<String> },
    #[error("The Ads API key may not read this (HTTP 403){detail}. Ask an admin of the ad account to create the key, or to give its creator access.", detail = detail(.message))]
    Forbidden { message: Option<String> },
    #[error("The Ads API has no {what} here (HTTP 404){detail}. Check the address set for the Ads API.", detail = detail(.message))]
    NotFound {
        what: String,
        message: Option<String>,
    },
    #[error("OpenAI refused the request (HTTP {status}){detail}.", detail = detail(.message))]
    Rejected {
        status: u16,
        message: Option<String>,
    },
    #[error("The Ads API asked to slow down (HTTP 429) and was still busy after {attempts} tries{wait}. Try again in a few minutes.", wait = waited(.retry_after))]
    RateLimited {
        attempts: u32,
        retry_after: Option<Duration>,
    },
    #[error("The Ads API had a problem on its side (HTTP {status}) {attempts} times in a row. Try again later; OpenAI's status page says whether the API is down.")]
    Unavailable { status: u16, attempts: u32 },
    #[error("Could not reach the Ads API at {base}: {reason}. Check the network connection and the address set for the Ads API.")]
    Network { base: String, reason: String },
    #[error("The Ads API sent an answer Preflight could not read ({reason}).")]
    Unreadable { reason: String },
    #[error("The Ads API address \"{0}\" is not a usable http or https address.")]
    BadBaseUrl(String),
}

impl AdsError {
    /// A short stable code for logs, exports and the app.
    pub fn code(&self) -> &'static str {
        match self {
            AdsError::NoKey => "ads_no_key",
            AdsError::Unauthorized { .. } => "ads_unauthorized",
            AdsError::Forbidden { .. } => "ads_forbidden",
            AdsError::NotFound { .. } => "ads_not_found",
            AdsError::Rejected { .. } => "ads_rejected",
            AdsError::RateLimited { .. } => "ads_rate_limited",
            AdsError::Unavailable { .. } => "ads_unavailable",
            AdsError::Network { .. } => "ads_network",
            AdsError::Unreadable { .. } => "ads_unreadable",
            AdsError::BadBaseUrl(_) => "ads_bad_base_url",
        }
    }
}

fn detail(message: &Option<String>) -> String {
    match message.as_deref().map(str::trim).filter(|m| !m.is_empty()) {
        Some(m) => format!(": \"{}\"", clip(m)),
        None => String::new(),
    }
}

fn waited(retry_after: &Option<Duration>) -> String {
    match retry_after {
        Some(d) => format!(" (it last asked to wait {} s)", d.as_secs().max(1)),
        None => String::new(),
    }
}

/// Messages from the API are shown, but never at any length.
fn clip(text: &str) -> String {
    const MAX: usize = 300;
    if text.chars().count() <= MAX {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(MAX).collect();
    cut.push('…');
    cut
}
