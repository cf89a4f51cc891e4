//! Ads imported from OpenAI's Ads API, kept per client and ad id. The record is the caller's type
//! (the ads crate's destination), stored as JSON; this crate does not interpret it. Importing
//! again replaces each ad's record, marks ads no longer in the account as gone and adds new
//! landing pages to the client, all in one transaction.

use crate::db::args;
use crate::{Result, Store};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One ad to keep: its id, the landing page it sends people to, and the caller's record.
pub struct AdToKeep<'a, T> {
    pub ad_id: &'a str,
    pub page_url: Option<&'a str>,
    pub record: &'a T,
}

/// What an import changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AdImportCounts {
    /// Ads seen for the first time.
    pub added: u32,
    /// Ads kept before whose record changed.
    pub updated: u32,
    /// Ads kept before, unchanged.
    pub unchanged: u32,
    /// Ads kept before that the account no longer has.
    pub gone: u32,
    /// Landing pages added to the client.
    pub pages_added: u32,
}

/// A kept ad as read back.
#[derive(Debug, Clone, PartialEq)]
pub struct KeptAd<T> {
    pub ad_id: String,
    pub page_url: Option<String>,
    pub imported_at: String,
    pub record: T,
}

impl Store {
    /// Keeps every ad of one import for a client (see the module's note).
    pub fn save_ad_import<T: Serialize>(
        &self,
        client_id: i64,
        ads: &[AdToKeep<'_, T>],
    ) -> Result<AdImportCounts> {
        let now = self.now()?;
        let tx = self.write_tx()?;
        self.client(client_id)?;
        let mut counts = AdImportCounts::default();
        for ad in ads {
            let json = serde_json::to_string(ad.record)?;
            let before: Option<(String, Option<String>)> = self.db.query_opt(
                "SELECT record_json, gone_at FROM ad_destinations
                     WHERE client_id = ?1 AND ad_id = ?2",
                args![client_id, ad.ad_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            match &before {
                None => counts.added += 1,
                Some((old, gone)) if old == &json && gone.is_none() => counts.unchanged += 1,
                Some(_) => counts.updated += 1,
            }
            self.db.execute(
                "INSERT INTO ad_destinations (client_id, ad_id, page_url, record_json, imported_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (client_id, ad_id) DO UPDATE SET page_url = excluded.page_url,
                   record_json = excluded.record_json, imported_at = excluded.imported_at,
                   gone_at = NULL",
                args![client_id, ad.ad_id, ad.page_url, json, now],
            )?;
            if let Some(url) = ad.page_url {
                let exists: bool = self.db.query_row(
                    "SELECT EXISTS(SELECT 1 FROM landing_pages
                     WHERE client_id = ?1 AND url = ?2 AND deleted_at IS NULL)",
                    args![client_id, url],
                    |r| r.get(0),
                )?;
                if !exists {
                    self.db.execute(
                        "INSERT INTO landing_pages (client_id, url, created_at) VALUES (?1, ?2, ?3)",
                        args![client_id, url, now],
                    )?;
                    counts.pages_added += 1;
                }
            }
        }
        let seen: std::collections::HashSet<&str> = ads.iter().map(|a| a.ad_id).collect();
        let kept: Vec<String> = self.db.query_map(
            "SELECT ad_id FROM ad_destinations WHERE client_id = ?1 AND gone_at IS NULL",
            args![client_id],
            |r| r.get(0),
        )?;
        for ad_id in kept.iter().filter(|id| !seen.contains(id.as_str())) {
            self.db.execute(
                "UPDATE ad_destinations SET gone_at = ?3 WHERE client_id = ?1 AND ad_id = ?2",
                args![client_id, ad_id, now],
            )?;
            counts.gone += 1;
        }
        tx.commit()?;
        Ok(counts)
    }

    /// The client's ads still in the account at the last import, in the order first imported.
    pub fn kept_ads<T: DeserializeOwned>(&self, client_id: i64) -> Result<Vec<KeptAd<T>>> {
        self.client(client_id)?;
        let rows = self.db.query_map(
            "SELECT ad_id, page_url, imported_at, record_json FROM ad_destinations
             WHERE client_id = ?1 AND gone_at IS NULL ORDER BY id",
            args![client_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get::<String>(3)?)),
        )?;
        rows.into_iter()
            .map(|(ad_id, page_url, imported_at, json)| {
                Ok(KeptAd {
                    ad_id,
                    page_url,
                    imported_at,
                    record: serde_json::from_str(&json)?,
                })
            })
            .collect()
    }
}
