//! What monitoring keeps besides schedules: the changes found between two audits of a client,
//! where the client's alerts go, and each alert sent. Records are the caller's types, stored as
//! JSON; this crate does not interpret them.

use crate::db::args;
use crate::{Result, Store};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// A kept change, newest first when listed.
#[derive(Debug, Clone, PartialEq)]
pub struct KeptChange<T> {
    pub id: i64,
    pub client_id: i64,
    pub client_name: String,
    pub older_run_id: i64,
    pub newer_run_id: i64,
    pub detected_at: String,
    pub event: T,
}

/// A client's alert channel as read back.
#[derive(Debug, Clone, PartialEq)]
pub struct KeptChannel<T> {
    pub id: i64,
    pub client_id: i64,
    pub config: T,
}

/// An alert sent, held back or failed.
#[derive(Debug, Clone, PartialEq)]
pub struct KeptDelivery<T> {
    pub id: i64,
    pub client_id: i64,
    pub channel_id: Option<i64>,
    pub newer_run_id: Option<i64>,
    pub outcome: String,
    pub at: String,
    pub report: T,
}

impl Store {
    /// Keeps the changes found between two audits of a client (`worse` marks the ones that got
    /// worse, for the regression count).
    pub fn save_changes<T: Serialize>(
        &self,
        client_id: i64,
        older_run_id: i64,
        newer_run_id: i64,
        events: &[(bool, T)],
    ) -> Result<()> {
        let now = self.now()?;
        let tx = self.write_tx()?;
        for (worse, event) in events {
            self.db.execute(
                "INSERT INTO change_events
                   (client_id, older_run_id, newer_run_id, worse, event_json, detected_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                args![
                    client_id,
                    older_run_id,
                    newer_run_id,
                    worse,
                    serde_json::to_string(event)?,
                    now
                ],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Changes, newest first: one client's or every client's (not deleted), at most `limit`.
    pub fn list_changes<T: DeserializeOwned>(
        &self,
        client_id: Option<i64>,
        limit: u32,
    ) -> Result<Vec<KeptChange<T>>> {
        let rows = self.db.query_map(
            "SELECT e.id, e.client_id, c.name, e.older_run_id, e.newer_run_id, e.detected_at,
                    e.event_json
             FROM change_events e JOIN clients c ON c.id = e.client_id
             WHERE c.deleted_at IS NULL AND (CAST(?1 AS BIGINT) IS NULL OR e.client_id = ?1)
             ORDER BY e.id DESC LIMIT ?2",
            args![client_id, limit],
            |r| {
                Ok((
                    r.get::<i64>(0)?,
                    r.get::<i64>(1)?,
                    r.get::<String>(2)?,
                    r.get::<i64>(3)?,
                    r.get::<i64>(4)?,
                    r.get::<String>(5)?,
                    r.get::<String>(6)?,
                ))
            },
        )?;
        let mut out = Vec::new();
        for row in rows {
            let (id, client_id, client_name, older_run_id, newer_run_id, detected_at, json) = row;
            out.push(KeptChange {
                id,
                client_id,
                client_name,
                older_run_id,
                newer_run_id,
                detected_at,
                event: serde_json::from_str(&json)?,
            });
        }
        Ok(out)
    }

    /// Adds an alert channel to a client; returns its id.
    pub fn add_alert_channel<T: Serialize>(&self, client_id: i64, config: &T) -> Result<i64> {
        let now = self.now()?;
        let tx = self.write_tx()?;
        self.client(client_id)?;
        let id = self.db.insert(
            "INSERT INTO alert_channels (client_id, config_json, created_at) VALUES (?1, ?2, ?3)",
            args![client_id, serde_json::to_string(config)?, now],
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// A client's alert channels, oldest first.
    pub fn list_alert_channels<T: DeserializeOwned>(
        &self,
        client_id: i64,
    ) -> Result<Vec<KeptChannel<T>>> {
        let rows = self.db.query_map(
            "SELECT id, client_id, config_json FROM alert_channels
             WHERE client_id = ?1 AND deleted_at IS NULL ORDER BY id",
            args![client_id],
            |r| Ok((r.get::<i64>(0)?, r.get::<i64>(1)?, r.get::<String>(2)?)),
        )?;
        let mut out = Vec::new();
        for row in rows {
            let (id, client_id, json) = row;
            out.push(KeptChannel {
                id,
                client_id,
                config: serde_json::from_str(&json)?,
            });
        }
        Ok(out)
    }

    /// Removes an alert channel.
    pub fn delete_alert_channel(&self, channel_id: i64) -> Result<()> {
        let now = self.now()?;
        self.db.execute(
            "UPDATE alert_channels SET deleted_at = ?2 WHERE id = ?1",
            args![channel_id, now],
        )?;
        Ok(())
    }

    /// Records one alert's fate on one channel (`None`: the desktop notification).
    pub fn record_delivery<T: Serialize>(
        &self,
        client_id: i64,
        channel_id: Option<i64>,
        newer_run_id: Option<i64>,
        outcome: &str,
        report: &T,
    ) -> Result<()> {
        let now = self.now()?;
        self.db.execute(
            "INSERT INTO alert_deliveries
               (client_id, channel_id, newer_run_id, outcome, report_json, at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            args![
                client_id,
                channel_id,
                newer_run_id,
                outcome,
                serde_json::to_string(report)?,
                now
            ],
        )?;
        Ok(())
    }

    /// A client's latest deliveries, newest first, at most `limit`.
    pub fn list_deliveries<T: DeserializeOwned>(
        &self,
        client_id: i64,
        limit: u32,
    ) -> Result<Vec<KeptDelivery<T>>> {
        let rows = self.db.query_map(
            "SELECT id, client_id, channel_id, newer_run_id, outcome, at, report_json
             FROM alert_deliveries WHERE client_id = ?1 ORDER BY id DESC LIMIT ?2",
            args![client_id, limit],
            |r| {
                Ok((
                    r.get::<i64>(0)?,
                    r.get::<i64>(1)?,
                    r.get::<Option<i64>>(2)?,
                    r.get::<Option<i64>>(3)?,
                    r.get::<String>(4)?,
                    r.get::<String>(5)?,
                    r.get::<String>(6)?,
                ))
            },
        )?;
        let mut out = Vec::new();
        for row in rows {
            let (id, client_id, channel_id, newer_run_id, outcome, at, json) = row;
            out.push(KeptDelivery {
                id,
                client_id,
                channel_id,
                newer_run_id,
                outcome,
                at,
                report: serde_json::from_str(&json)?,
            });
        }
        Ok(out)
    }

    /// When the client was last alerted about real changes (tests and held-back alerts do not
    /// count): where a quiet period starts.
    pub fn last_alerted_at(&self, client_id: i64) -> Result<Option<String>> {
        self.db.query_row(
            "SELECT MAX(at) FROM alert_deliveries WHERE client_id = ?1 AND outcome = 'sent'",
            args![client_id],
            |r| r.get(0),
        )
    }
}
