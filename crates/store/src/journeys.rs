//! Journeys saved with an audit, and the funnel an audit (or a client's next audits) is
//! measured against.

use crate::db::args;
use crate::{Result, Store, StoreError};
use preflight_document::journey::JourneyReport;

/// Settings key of a client's preferred funnel.
fn client_funnel_key(client_id: i64) -> String {
    format!("funnel.client.{client_id}")
}

impl Store {
    /// Saves a finished journey with an audit; returns its id.
    pub fn save_journey(&self, run_id: i64, journey: &JourneyReport) -> Result<i64> {
        self.audit_summary(run_id)?;
        let mut stored = journey.clone();
        stored.id = 0;
        let new_id = self.db.insert(
            "INSERT INTO journeys (run_id, start_url, started_at, finished_at, report_json, created_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            args![
                run_id,
                journey.start_url,
                journey.started_at,
                journey.finished_at,
                serde_json::to_string(&stored)?,
                self.author,
            ],
        )?;
        Ok(new_id)
    }

    /// An audit's journeys, oldest first, each with its id.
    pub fn journeys(&self, run_id: i64) -> Result<Vec<JourneyReport>> {
        let rows = self.db.query_map(
            "SELECT id, report_json FROM journeys WHERE run_id = ?1 AND deleted_at IS NULL
             ORDER BY started_at, id",
            args![run_id],
            |r| Ok((r.get::<i64>(0)?, r.get::<String>(1)?)),
        )?;
        rows.into_iter()
            .map(|(id, json)| journey_from_row(id, &json))
            .collect()
    }

    /// The audit a journey belongs to.
    pub fn journey_run(&self, journey_id: i64) -> Result<i64> {
        self.db
            .query_opt(
                "SELECT run_id FROM journeys WHERE id = ?1 AND deleted_at IS NULL",
                args![journey_id],
                |r| r.get(0),
            )?
            .ok_or(StoreError::JourneyNotFound(journey_id))
    }

    pub fn delete_journey(&self, journey_id: i64) -> Result<()> {
        let changed = self.db.execute(
            "UPDATE journeys SET deleted_at = ?1 WHERE id = ?2 AND deleted_at IS NULL",
            args![self.now()?, journey_id],
        )?;
        if changed == 0 {
            return Err(StoreError::JourneyNotFound(journey_id));
        }
        Ok(())
    }

    pub fn restore_journey(&self, journey_id: i64) -> Result<()> {
        let changed = self.db.execute(
            "UPDATE journeys SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL",
            args![journey_id],
        )?;
        if changed == 0 {
            return Err(StoreError::JourneyNotFound(journey_id));
        }
        Ok(())
    }

    /// Chooses (or, with `None`, clears) the funnel an audit is measured against.
    pub fn set_audit_funnel(&self, run_id: i64, funnel: Option<&str>) -> Result<()> {
        let changed = self.db.execute(
            "UPDATE audit_runs SET funnel = ?1 WHERE id = ?2 AND deleted_at IS NULL",
            args![funnel, run_id],
        )?;
        if changed == 0 {
            return Err(StoreError::AuditNotFound(run_id));
        }
        Ok(())
    }

    pub fn audit_funnel(&self, run_id: i64) -> Result<Option<String>> {
        self.db
            .query_opt(
                "SELECT funnel FROM audit_runs WHERE id = ?1 AND deleted_at IS NULL",
                args![run_id],
                |r| r.get(0),
            )?
            .ok_or(StoreError::AuditNotFound(run_id))
    }

    /// The funnel a client's new audits use by default.
    pub fn client_funnel(&self, client_id: i64) -> Result<Option<String>> {
        self.client(client_id)?;
        self.setting(&client_funnel_key(client_id))
    }

    pub fn set_client_funnel(&self, client_id: i64, funnel: Option<&str>) -> Result<()> {
        self.client(client_id)?;
        let key = client_funnel_key(client_id);
        match funnel {
            Some(id) => self.set_setting(&key, id),
            None => self.set_setting(&key, ""),
        }
    }
}

/// A stored journey as read back: its saved report with the row's id.
pub(crate) fn journey_from_row(id: i64, json: &str) -> Result<JourneyReport> {
    let mut journey: JourneyReport = serde_json::from_str(json)?;
    journey.id = id;
    Ok(journey)
}
