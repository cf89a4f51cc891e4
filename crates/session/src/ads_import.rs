//! A client's ad account: its Ads API key kept in the keychain, and its ads imported as the
//! client's landing pages with their names, tracking templates and OpenAI's review, updated in
//! place when imported again. The network steps take no store, so the app can run them off the
//! database's thread.

use crate::secrets::{Keeper, Secret, SecretKind};
use crate::SessionError;
use preflight_ads::{
    fetch_destinations, AdDestination, AdsClient, AdsError, ClientOptions, DEFAULT_BASE_URL,
};
use preflight_store::{AdImportCounts, AdToKeep, Store};
use serde::Serialize;
use ts_rs::TS;

/// The settings key of the Ads API's address (empty: OpenAI's).
pub const ADS_API_BASE_URL: &str = "ads_api_base_url";
/// An environment variable that overrides the address, for a proxy or a test server.
pub const ADS_API_BASE_URL_ENV: &str = "PREFLIGHT_ADS_API_URL";

/// A client's connection to its ad account, as settings show it (never the key).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AdsConnection {
    pub connected: bool,
    /// Where the key is kept, in words.
    #[ts(optional)]
    pub kept_in: Option<String>,
    /// Ads kept from the last import (gone ones left out).
    pub ad_count: u32,
    /// When the ads were last imported.
    #[ts(optional)]
    pub imported_at: Option<String>,
}

/// The ad account a key belongs to, as checking it shows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CheckedAccount {
    pub id: String,
    #[ts(optional)]
    pub name: Option<String>,
    #[ts(optional)]
    pub status: Option<String>,
}

/// The Ads API's address: the environment's, else the setting's, else OpenAI's.
pub fn base_url(store: &Store) -> Result<String, SessionError> {
    if let Some(url) = std::env::var(ADS_API_BASE_URL_ENV)
        .ok()
        .filter(|u| !u.is_empty())
    {
        return Ok(url);
    }
    Ok(store
        .setting(ADS_API_BASE_URL)?
        .unwrap_or_else(|| DEFAULT_BASE_URL.to_string()))
}

/// The Ads API's address as settings show it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AdsApiAddress {
    /// The address set in the app; empty for OpenAI's.
    pub saved: String,
    /// The address used now.
    pub effective: String,
    /// OpenAI's address.
    pub default: String,
    /// The environment variable overrides the setting.
    pub from_environment: bool,
}

/// The address set, the one used and OpenAI's.
pub fn api_address(store: &Store) -> Result<AdsApiAddress, SessionError> {
    Ok(AdsApiAddress {
        saved: store.setting(ADS_API_BASE_URL)?.unwrap_or_default(),
        effective: base_url(store)?,
        default: DEFAULT_BASE_URL.to_string(),
        from_environment: std::env::var(ADS_API_BASE_URL_ENV).is_ok_and(|u| !u.is_empty()),
    })
}

/// Sets the Ads API's address (for a proxy); empty goes back to OpenAI's. Only an http or
/// https address is taken.
pub fn set_api_address(store: &Store, address: &str) -> Result<AdsApiAddress, SessionError> {
    let address = address.trim();
    if !address.is_empty() {
        let parsed = url::Url::parse(address)
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some());
        if parsed.is_none() {
            return Err(SessionError::Ads(AdsError::BadBaseUrl(address.to_string())));
        }
    }
    store.set_setting(ADS_API_BASE_URL, address.trim_end_matches('/'))?;
    api_address(store)
}

/// A client for `key` at `base_url`.
pub fn api_client(key: &str, base_url: &str) -> Result<AdsClient, SessionError> {
    let options = ClientOptions {
        base_url: base_url.to_string(),
        ..ClientOptions::default()
    };
    Ok(AdsClient::new(key, options)?)
}

/// Asks the Ads API which ad account `key` belongs to: a key is only kept once it works.
pub async fn check_key(key: &str, base_url: &str) -> Result<CheckedAccount, SessionError> {
    let account = api_client(key, base_url)?.ad_account().await?;
    Ok(CheckedAccount {
        id: account.id,
        name: account.name,
        status: account.status,
    })
}

/// Keeps a checked key for the client in the keychain.
pub fn save_key(store: &Store, client_id: i64, key: &str) -> Result<Keeper, SessionError> {
    store.client(client_id)?;
    Secret::of(store, SecretKind::AdsApiKey, client_id)?.save(key.trim())
}

/// The client's kept key; [`AdsError::NoKey`] when none is kept.
pub fn kept_key(store: &Store, client_id: i64) -> Result<String, SessionError> {
    store.client(client_id)?;
    Secret::of(store, SecretKind::AdsApiKey, client_id)?
        .read()?
        .ok_or(SessionError::Ads(AdsError::NoKey))
}

/// Forgets the client's key; the imported ads stay. Whether a key was kept.
pub fn remove_key(store: &Store, client_id: i64) -> Result<bool, SessionError> {
    store.client(client_id)?;
    Secret::of(store, SecretKind::AdsApiKey, client_id)?.remove()
}

/// Every ad of the key's account (network only).
pub async fn read_ads(key: &str, base_url: &str) -> Result<Vec<AdDestination>, SessionError> {
    Ok(fetch_destinations(&api_client(key, base_url)?).await?)
}

/// Keeps the ads read for a client and adds their landing pages. An account without ads
/// changes nothing.
pub fn keep_ads(
    store: &Store,
    client_id: i64,
    ads: &[AdDestination],
) -> Result<AdImportCounts, SessionError> {
    if ads.is_empty() {
        return Err(SessionError::NoAds);
    }
    let pages: Vec<Option<String>> = ads.iter().map(landing_page).collect();
    let keep: Vec<AdToKeep<'_, AdDestination>> = ads
        .iter()
        .zip(&pages)
        .map(|(ad, page)| AdToKeep {
            ad_id: &ad.ad.id,
            page_url: page.as_deref(),
            record: ad,
        })
        .collect();
    Ok(store.save_ad_import(client_id, &keep)?)
}

/// The client's ads from the last import.
pub fn saved_ads(store: &Store, client_id: i64) -> Result<Vec<AdDestination>, SessionError> {
    Ok(store
        .kept_ads::<AdDestination>(client_id)?
        .into_iter()
        .map(|kept| kept.record)
        .collect())
}

/// The connection's state for settings.
pub fn connection(store: &Store, client_id: i64) -> Result<AdsConnection, SessionError> {
    let secret = Secret::of(store, SecretKind::AdsApiKey, client_id)?;
    let kept_in = secret.kept_in();
    let kept = store.kept_ads::<serde_json::Value>(client_id)?;
    Ok(AdsConnection {
        connected: kept_in.is_some(),
        kept_in: kept_in.map(|k| k.label().to_string()),
        ad_count: kept.len() as u32,
        imported_at: kept.iter().map(|k| k.imported_at.clone()).max(),
    })
}

/// The page an ad sends people to, as the client's page list keeps it: the destination URL,
/// checked as any page added by hand. (Its tracking parameters stay with the ad.)
fn landing_page(ad: &AdDestination) -> Option<String> {
    preflight_audit::targets::normalise_url(ad.target_url.as_deref()?).ok()
}
