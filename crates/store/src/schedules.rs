//! Monitoring schedules, one per client, and the lock that keeps two scheduled runs of one
//! client from overlapping. The schedule's settings are the caller's record, stored as JSON;
//! this crate decides nothing about when a schedule is due.

use crate::db::args;
use crate::{Result, Store};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// A kept schedule as read back.
#[derive(Debug, Clone, PartialEq)]
pub struct KeptSchedule<T> {
    pub client_id: i64,
    pub client_name: String,
    pub config: T,
    /// Why it is paused (`None`: it runs).
    pub paused_reason: Option<String>,
    /// When its slots start counting: when it was made or last changed (RFC 3339).
    pub anchor_at: String,
    /// The latest slot run (RFC 3339).
    pub last_slot: Option<String>,
    pub last_run_id: Option<i64>,
    /// The last run's outcome in one sentence.
    pub last_outcome: Option<String>,
}

impl Store {
    /// Saves a client's schedule. A new or changed schedule counts its slots from now and runs
    /// again; saving the same settings again changes nothing.
    pub fn save_schedule<T: Serialize>(&self, client_id: i64, config: &T) -> Result<()> {
        let now = self.now()?;
        let json = serde_json::to_string(config)?;
        let tx = self.write_tx()?;
        self.client(client_id)?;
        let before: Option<String> = self.db.query_opt(
            "SELECT config_json FROM schedules WHERE client_id = ?1",
            args![client_id],
            |r| r.get(0),
        )?;
        if before.as_deref() != Some(json.as_str()) {
            self.db.execute(
                "INSERT INTO schedules (client_id, config_json, anchor_at, updated_at)
                 VALUES (?1, ?2, ?3, ?3)
                 ON CONFLICT (client_id) DO UPDATE SET config_json = excluded.config_json,
                   anchor_at = excluded.anchor_at, updated_at = excluded.updated_at,
                   paused_reason = NULL, last_slot = NULL",
                args![client_id, json, now],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// One client's schedule, if it has one.
    pub fn schedule<T: DeserializeOwned>(&self, client_id: i64) -> Result<Option<KeptSchedule<T>>> {
        let mut all = self.read_schedules(Some(client_id))?;
        Ok(all.pop())
    }

    /// Every schedule of a client that is not deleted, by client name.
    pub fn list_schedules<T: DeserializeOwned>(&self) -> Result<Vec<KeptSchedule<T>>> {
        self.read_schedules(None)
    }

    fn read_schedules<T: DeserializeOwned>(
        &self,
        client_id: Option<i64>,
    ) -> Result<Vec<KeptSchedule<T>>> {
        let rows = self.db.query_map(
            "SELECT s.client_id, c.name, s.config_json, s.paused_reason, s.anchor_at,
                    s.last_slot, s.last_run_id, s.last_outcome
             FROM schedules s JOIN clients c ON c.id = s.client_id
             WHERE c.deleted_at IS NULL AND (CAST(?1 AS BIGINT) IS NULL OR s.client_id = ?1)
             ORDER BY c.name COLLATE NOCASE, c.id",
            args![client_id],
            |r| {
                Ok((
                    r.get::<i64>(0)?,
                    r.get::<String>(1)?,
                    r.get::<String>(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                ))
            },
        )?;
        let mut out = Vec::new();
        for row in rows {
            let (client_id, client_name, json, paused_reason, anchor_at, last_slot, run, outcome) =
                row;
            out.push(KeptSchedule {
                client_id,
                client_name,
                config: serde_json::from_str(&json)?,
                paused_reason,
                anchor_at,
                last_slot,
                last_run_id: run,
                last_outcome: outcome,
            });
        }
        Ok(out)
    }

    /// Removes a client's schedule (nothing happens when it has none).
    pub fn delete_schedule(&self, client_id: i64) -> Result<()> {
        self.db.execute(
            "DELETE FROM schedules WHERE client_id = ?1",
            args![client_id],
        )?;
        Ok(())
    }

    /// Pauses a schedule with a reason, or resumes it (`None`). A resumed schedule counts its
    /// slots from now, so it does not run at once for the slots it slept through.
    pub fn pause_schedule(&self, client_id: i64, reason: Option<&str>) -> Result<()> {
        let now = self.now()?;
        self.db.execute(
            "UPDATE schedules SET paused_reason = ?2, updated_at = ?3,
               anchor_at = CASE WHEN CAST(?2 AS TEXT) IS NULL AND paused_reason IS NOT NULL THEN ?3
                                ELSE anchor_at END
             WHERE client_id = ?1",
            args![client_id, reason, now],
        )?;
        Ok(())
    }

    /// Records that a slot was run (or tried), with the audit it made and its outcome.
    pub fn record_schedule_run(
        &self,
        client_id: i64,
        slot: &str,
        run_id: Option<i64>,
        outcome: &str,
    ) -> Result<()> {
        let now = self.now()?;
        self.db.execute(
            "UPDATE schedules SET last_slot = ?2, last_run_id = COALESCE(?3, last_run_id),
               last_outcome = ?4, updated_at = ?5
             WHERE client_id = ?1",
            args![client_id, slot, run_id, outcome, now],
        )?;
        Ok(())
    }

    /// Takes the client's monitoring lock for `holder` until `expires_at`, unless someone else
    /// holds it and it has not expired at `now`. Both times are RFC 3339 UTC, as the clock
    /// writes them. Returns whether `holder` has it.
    pub fn try_lock_client(
        &self,
        client_id: i64,
        holder: &str,
        now: &str,
        expires_at: &str,
    ) -> Result<bool> {
        let tx = self.write_tx()?;
        self.db.execute(
            "DELETE FROM monitor_locks WHERE client_id = ?1 AND (expires_at <= ?2 OR holder = ?3)",
            args![client_id, now, holder],
        )?;
        let taken = self.db.execute(
            "INSERT INTO monitor_locks (client_id, holder, expires_at)
             VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
            args![client_id, holder, expires_at],
        )? == 1;
        tx.commit()?;
        Ok(taken)
    }

    /// Lets go of the lock, if `holder` has it.
    pub fn unlock_client(&self, client_id: i64, holder: &str) -> Result<()> {
        self.db.execute(
            "DELETE FROM monitor_locks WHERE client_id = ?1 AND holder = ?2",
            args![client_id, holder],
        )?;
        Ok(())
    }
}
