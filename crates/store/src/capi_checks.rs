//! Conversions API checks kept per client (a validation of payload files, a pairing with the
//! pixel's events). Records are the caller's types, stored as JSON.

use crate::db::args;
use crate::{Result, Store};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// A kept check as read back.
#[derive(Debug, Clone, PartialEq)]
pub struct KeptCheck<T> {
    pub id: i64,
    pub client_id: i64,
    pub kind: String,
    pub created_at: String,
    pub record: T,
}

impl Store {
    /// Keeps a check of `kind` (`validation`, `pairing`) for a client; returns its id.
    pub fn save_capi_check<T: Serialize>(
        &self,
        client_id: i64,
        kind: &str,
        record: &T,
    ) -> Result<i64> {
        let now = self.now()?;
        let json = serde_json::to_string(record)?;
        let tx = self.write_tx()?;
        self.client(client_id)?;
        let id = self.db.insert(
            "INSERT INTO capi_checks (client_id, kind, record_json, created_at, created_by)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            args![client_id, kind, json, now, self.author],
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// The client's newest check of `kind`, if any.
    pub fn latest_capi_check<T: DeserializeOwned>(
        &self,
        client_id: i64,
        kind: &str,
    ) -> Result<Option<KeptCheck<T>>> {
        let row = self.db.query_opt(
            "SELECT id, created_at, record_json FROM capi_checks
                 WHERE client_id = ?1 AND kind = ?2 ORDER BY id DESC LIMIT 1",
            args![client_id, kind],
            |r| Ok((r.get::<i64>(0)?, r.get::<String>(1)?, r.get::<String>(2)?)),
        )?;
        match row {
            None => Ok(None),
            Some((id, created_at, json)) => Ok(Some(KeptCheck {
                id,
                client_id,
                kind: kind.to_string(),
                created_at,
                record: serde_json::from_str(&json)?,
            })),
        }
    }
}
