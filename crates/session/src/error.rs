//! What can go wrong in a session step that is not the store's: each with a message a marketer
//! can act on, a stable code and a one-sentence hint, like the store's own errors.

use preflight_audit::targets::InvalidTarget;
use preflight_store::StoreError;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum SessionError {
    #[error("{0}")]
    Store(#[from] StoreError),
    /// Nothing in the input is a landing-page URL; `skipped` says why for each part.
    #[error("There is no valid URL to check: give one or more landing-page URLs, such as https://example.com/sale.")]
    NoValidUrl { skipped: Vec<InvalidTarget> },
    #[error("Add at least one landing page before running an audit.")]
    NoPages,
    #[error("{0}.")]
    UnknownFunnel(String),
    #[error("{0}")]
    InvalidUrl(String),
    #[error("{0}")]
    DownloadFailed(String),
    #[error("{0}")]
    TooLarge(String),
    #[error("{0}")]
    InvalidSitemap(String),
    #[error("{0}")]
    InvalidLogo(String),
    #[error("{0}")]
    InvalidCsv(String),
    /// A run setting outside what the run accepts.
    #[error("{0}")]
    InvalidSetting(String),
    #[error("{0}")]
    Internal(String),
    /// The keychain refused to keep or give back a secret.
    #[error("{0}")]
    Keychain(String),
    #[error(
        "The ad account has no ads yet, so nothing was imported and nothing saved was changed."
    )]
    NoAds,
    #[error("{0}")]
    Ads(#[from] preflight_ads::AdsError),
    /// A schedule or alert setting that cannot be used.
    #[error("{0}")]
    Monitor(String),
    /// A Conversions API check that cannot run (no key, a bad endpoint, nothing to send).
    #[error("{0}")]
    Capi(String),
}

impl SessionError {
    /// A stable code for programs; the store's own codes pass through.
    pub fn code(&self) -> &'static str {
        match self {
            SessionError::Store(e) => e.code(),
            SessionError::NoValidUrl { .. } => "no_valid_url",
            SessionError::NoPages => "no_pages",
            SessionError::UnknownFunnel(_) => "invalid_input",
            SessionError::InvalidUrl(_) => "invalid_url",
            SessionError::DownloadFailed(_) => "download_failed",
            SessionError::TooLarge(_) => "too_large",
            SessionError::InvalidSitemap(_) => "invalid_sitemap",
            SessionError::InvalidLogo(_) => "invalid_logo",
            SessionError::InvalidCsv(_) => "invalid_csv",
            SessionError::InvalidSetting(_) => "invalid_setting",
            SessionError::Internal(_) => "internal",
            SessionError::Keychain(_) => "keychain",
            SessionError::NoAds => "ads_none",
            SessionError::Ads(e) => e.code(),
            SessionError::Monitor(_) => "monitor_setting",
            SessionError::Capi(_) => "capi_check",
        }
    }

    /// One plain sentence on what to do about this error, shown under its message.
    pub fn hint(&self) -> &'static str {
        match self {
            SessionError::Store(e) => e.hint(),
            SessionError::NoValidUrl { .. } => {
                "Enter each landing page's full web address, starting with https://."
            }
            SessionError::NoPages => {
                "Add the landing pages to check on the client's page, then run the audit."
            }
            SessionError::UnknownFunnel(_) => "Choose one of the funnels the message lists.",
            SessionError::InvalidUrl(_) => "Enter the full web address, starting with https://.",
            SessionError::DownloadFailed(_) => {
                "Check the address and your internet connection, or save the file and import it instead."
            }
            SessionError::TooLarge(_) => {
                "Split the sitemap into smaller ones, or paste the URLs as a list instead."
            }
            SessionError::InvalidSitemap(_) => {
                "Check that the file or address is an XML sitemap, such as sitemap.xml or sitemap.xml.gz."
            }
            SessionError::InvalidLogo(_) => "Choose a PNG, JPEG or SVG image file as the logo.",
            SessionError::InvalidCsv(_) => {
                "Export the ads from the ads manager as CSV (or save the sheet as CSV) and choose that file."
            }
            SessionError::InvalidSetting(_) => {
                "Change the setting to a value within the range the message gives, or clear it to use the default."
            }
            SessionError::Internal(_) => {
                "Try again; if it happens again, restart Preflight and report what you were doing."
            }
            SessionError::Keychain(_) => {
                "Unlock the system keychain (on Linux, start GNOME Keyring or KWallet) and try again."
            }
            SessionError::NoAds => {
                "Create the ads in Ads Manager first, or check that the key belongs to the right ad account."
            }
            SessionError::Ads(_) => {
                "Nothing saved was changed; follow the message, then import the ads again."
            }
            SessionError::Monitor(_) => {
                "Change the schedule or alert setting the message names, then save it again."
            }
            SessionError::Capi(_) => {
                "Follow the message, then run the Conversions API check again; nothing was sent or saved."
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One error of each kind. The match makes adding a kind without a sample a compile error.
    fn samples() -> Vec<SessionError> {
        let all = vec![
            SessionError::Store(StoreError::Busy),
            SessionError::NoValidUrl {
                skipped: Vec::new(),
            },
            SessionError::NoPages,
            SessionError::UnknownFunnel("\"x\" is not a known funnel".into()),
            SessionError::InvalidUrl("bad".into()),
            SessionError::DownloadFailed("bad".into()),
            SessionError::TooLarge("bad".into()),
            SessionError::InvalidSitemap("bad".into()),
            SessionError::InvalidLogo("bad".into()),
            SessionError::Internal("bad".into()),
            SessionError::InvalidCsv("bad".into()),
            SessionError::InvalidSetting("bad".into()),
            SessionError::Keychain("bad".into()),
            SessionError::NoAds,
            SessionError::Ads(preflight_ads::AdsError::NoKey),
            SessionError::Monitor("bad".into()),
            SessionError::Capi("bad".into()),
        ];
        for (i, e) in all.iter().enumerate() {
            let index = match e {
                SessionError::Store(_) => 0,
                SessionError::NoValidUrl { .. } => 1,
                SessionError::NoPages => 2,
                SessionError::UnknownFunnel(_) => 3,
                SessionError::InvalidUrl(_) => 4,
                SessionError::DownloadFailed(_) => 5,
                SessionError::TooLarge(_) => 6,
                SessionError::InvalidSitemap(_) => 7,
                SessionError::InvalidLogo(_) => 8,
                SessionError::Internal(_) => 9,
                SessionError::InvalidCsv(_) => 10,
                SessionError::InvalidSetting(_) => 11,
                SessionError::Keychain(_) => 12,
                SessionError::NoAds => 13,
                SessionError::Ads(_) => 14,
                SessionError::Monitor(_) => 15,
                SessionError::Capi(_) => 16,
            };
            assert_eq!(index, i, "samples out of order");
        }
        all
    }

    #[test]
    fn every_error_has_its_own_code_and_a_one_sentence_hint() {
        let mut codes = std::collections::HashSet::new();
        for e in samples() {
            let (code, hint) = (e.code(), e.hint());
            assert!(codes.insert(code), "{code} is used twice");
            assert!(code.chars().all(|c| c.is_ascii_lowercase() || c == '_'));
            assert!(hint.ends_with('.') && hint.len() > 20, "{e:?}: {hint}");
            assert!(
                !hint.trim_end_matches('.').contains(". "),
                "one sentence: {hint}"
            );
        }
    }

    #[test]
    fn a_store_error_keeps_its_code_and_hint() {
        let e = SessionError::from(StoreError::AuditNotFound(3));
        assert_eq!(e.code(), "not_found");
        assert_eq!(e.hint(), StoreError::AuditNotFound(3).hint());
        assert_eq!(e.to_string(), StoreError::AuditNotFound(3).to_string());
    }
}
