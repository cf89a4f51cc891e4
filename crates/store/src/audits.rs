//! Audit runs: begun, written page by page, finished in one update; listed and loaded back.
//!
//! A run still marked `running` is shown as interrupted when its owner process on this machine
//! has ended (see the owner module), and otherwise when nothing was written to it for
//! [`STALE_RUN_SECONDS`] (runs from another machine, or from before owners were recorded).

use crate::db::{args, Row};
use crate::owner::{self, Owner};
use crate::{Result, Store, StoreError, STALE_RUN_SECONDS};
use preflight_document::report::{AuditReport, PageReport, RunStatus, Summary};

use crate::types::AuditSummary;

/// One statement for everything a summary shows, so that a list is one consistent read.
pub(crate) fn summary_select(db: &crate::db::Db) -> String {
    format!(
        "SELECT r.id, r.client_id, c.name, r.status, r.started_at, r.finished_at, r.page_count,
            (SELECT COUNT(*) FROM page_results p WHERE p.run_id = r.id), r.summary_json,
            {}, r.owner_host, r.owner_token, r.created_by
     FROM audit_runs r LEFT JOIN clients c ON c.id = r.client_id",
        db.seconds_since("r.updated_at")
    )
}

/// The owner "machine" of runs begun on a server: their owner is a connection's session lock.
const SERVER_OWNER: &str = "(team workspace)";

/// A summary as stored, before the status of a running run is decided.
pub(crate) struct SummaryRow {
    id: i64,
    client_id: Option<i64>,
    client_name: Option<String>,
    status: String,
    started_at: String,
    finished_at: Option<String>,
    page_count: i64,
    pages_done: i64,
    summary_json: Option<String>,
    idle_seconds: Option<i64>,
    owner_host: Option<String>,
    owner_token: Option<String>,
    created_by: Option<String>,
}

pub(crate) fn summary_row(r: &Row) -> Result<SummaryRow> {
    Ok(SummaryRow {
        id: r.get(0)?,
        client_id: r.get(1)?,
        client_name: r.get(2)?,
        status: r.get(3)?,
        started_at: r.get(4)?,
        finished_at: r.get(5)?,
        page_count: r.get(6)?,
        pages_done: r.get(7)?,
        summary_json: r.get(8)?,
        idle_seconds: r.get(9)?,
        owner_host: r.get(10)?,
        owner_token: r.get(11)?,
        created_by: r.get(12)?,
    })
}

impl Store {
    /// Starts a run, recording this process as its owner. It stays invisible as a finished audit
    /// until [`Store::finish_run`].
    pub fn begin_run(
        &self,
        client_id: Option<i64>,
        report: &AuditReport,
        page_count: usize,
    ) -> Result<i64> {
        let now = self.now()?;
        let tx = self.write_tx()?;
        if let Some(id) = client_id {
            self.client(id)?;
        }
        let (owner_host, owner_token) = self.owner_fields();
        let id = self.db.insert(
            "INSERT INTO audit_runs (client_id, status, started_at, page_count, schema_version, generator, limits_json, updated_at, owner_host, owner_token, created_by)
             VALUES (?1, 'running', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            args![
                client_id,
                report.started_at,
                page_count as i64,
                report.schema_version,
                report.generator,
                serde_json::to_string(&report.limits)?,
                now,
                owner_host,
                owner_token,
                self.author,
            ],
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// This machine's name and this store's owner file, once the file could be made and locked;
    /// on a server, this connection's owner lock.
    fn owner_fields(&self) -> (Option<String>, Option<String>) {
        if self.location.is_server() {
            let key = self.server_owner.get_or_init(|| {
                let key = owner::random_key();
                self.db.hold_owner_lock(key).ok().map(|_| key)
            });
            return match key {
                Some(key) => (Some(SERVER_OWNER.to_string()), Some(format!("pg-{key}"))),
                None => (None, None),
            };
        }
        let Some(host) = &self.host else {
            return (None, None);
        };
        let lock = self
            .owner
            .get_or_init(|| owner::OwnerLock::acquire(&self.runs_dir).ok());
        match lock {
            Some(lock) => (Some(host.clone()), Some(lock.token.clone())),
            None => (None, None),
        }
    }

    /// Stores one finished page of a running audit.
    pub fn save_page(&mut self, run_id: i64, position: usize, page: &PageReport) -> Result<()> {
        let now = self.now()?;
        let tx = self.write_tx()?;
        self.db.execute(
            "INSERT INTO page_results (run_id, position, url, verdict, page_json) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (run_id, position) DO UPDATE SET url = excluded.url,
               verdict = excluded.verdict, page_json = excluded.page_json",
            args![
                run_id,
                position as i64,
                page.url,
                serde_json::to_value(page.verdict)?.as_str().unwrap_or_default(),
                serde_json::to_string(page)?,
            ],
        )?;
        self.db.execute(
            "UPDATE audit_runs SET updated_at = ?1 WHERE id = ?2",
            args![now, run_id],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Marks a run complete or cancelled, in one update: the moment it becomes a finished audit.
    pub fn finish_run(
        &self,
        run_id: i64,
        status: RunStatus,
        finished_at: &str,
        summary: &Summary,
    ) -> Result<()> {
        let status = match status {
            RunStatus::Complete => "complete",
            RunStatus::Cancelled => "cancelled",
            RunStatus::Interrupted => "interrupted",
            RunStatus::Running => {
                return Err(StoreError::Invalid("a run cannot finish as running".into()))
            }
        };
        let changed = self.db.execute(
            "UPDATE audit_runs SET status = ?1, finished_at = ?2, summary_json = ?3, updated_at = ?2 WHERE id = ?4 AND status = 'running'",
            args![status, finished_at, serde_json::to_string(summary)?, run_id],
        )?;
        if changed == 0 {
            return Err(StoreError::AuditNotFound(run_id));
        }
        Ok(())
    }

    /// Saves a whole finished report the way a live run does: begun, page by page, finished.
    pub fn save_report(&mut self, client_id: Option<i64>, report: &AuditReport) -> Result<i64> {
        let planned = report
            .planned_pages
            .map_or(report.pages.len(), |n| n as usize);
        let run_id = self.begin_run(client_id, report, planned)?;
        for (position, page) in report.pages.iter().enumerate() {
            self.save_page(run_id, position, page)?;
        }
        if let Some(funnel) = &report.funnel {
            self.set_audit_funnel(run_id, Some(&funnel.funnel.id))?;
        }
        for journey in &report.journeys {
            self.save_journey(run_id, journey)?;
        }
        self.finish_run(
            run_id,
            report.status,
            report.finished_at.as_deref().unwrap_or(&report.started_at),
            &report.summary,
        )?;
        Ok(run_id)
    }

    /// Audits, newest first; for one client or (with `None`) all. One read, so an audit deleted
    /// meanwhile by another window or process is either listed or not, never an error.
    pub fn list_audits(&self, client_id: Option<i64>) -> Result<Vec<AuditSummary>> {
        let rows = self.db.query_map(
            &format!(
                "{}
             WHERE r.deleted_at IS NULL AND (c.id IS NULL OR c.deleted_at IS NULL)
               AND (CAST(?1 AS BIGINT) IS NULL OR r.client_id = ?1)
             ORDER BY r.started_at DESC, r.id DESC",
                summary_select(&self.db)
            ),
            args![client_id],
            summary_row,
        )?;
        Ok(rows.into_iter().map(|row| self.summarize(row)).collect())
    }

    pub fn audit_summary(&self, run_id: i64) -> Result<AuditSummary> {
        let row = self
            .db
            .query_opt(
                &format!(
                    "{} WHERE r.id = ?1 AND r.deleted_at IS NULL",
                    summary_select(&self.db)
                ),
                args![run_id],
                summary_row,
            )?
            .ok_or(StoreError::AuditNotFound(run_id))?;
        Ok(self.summarize(row))
    }

    /// A stored row as shown. Counts that cannot be read are left out rather than failing the
    /// list: the full report recomputes them from its pages.
    pub(crate) fn summarize(&self, row: SummaryRow) -> AuditSummary {
        let status = match row.status.as_str() {
            "complete" => RunStatus::Complete,
            "cancelled" => RunStatus::Cancelled,
            "running" => self.running_status(&row),
            _ => RunStatus::Interrupted,
        };
        AuditSummary {
            id: row.id,
            client_id: row.client_id,
            client_name: row.client_name,
            status,
            started_at: row.started_at,
            finished_at: row.finished_at,
            page_count: count(row.page_count),
            pages_done: count(row.pages_done),
            summary: row
                .summary_json
                .and_then(|json| serde_json::from_str(&json).ok()),
            created_by: row.created_by,
        }
    }

    /// Whether a run marked running still runs: no when its owner on this machine has ended;
    /// otherwise, no once nothing was written to it for [`STALE_RUN_SECONDS`] (or when its last
    /// write time cannot be read).
    fn running_status(&self, row: &SummaryRow) -> RunStatus {
        let idle_rule = match row.idle_seconds {
            Some(idle) if idle < STALE_RUN_SECONDS => RunStatus::Running,
            _ => RunStatus::Interrupted,
        };
        let (Some(host), Some(token)) = (&row.owner_host, &row.owner_token) else {
            return idle_rule;
        };
        if host == SERVER_OWNER && self.location.is_server() {
            let key = token
                .strip_prefix("pg-")
                .and_then(|k| k.parse::<i32>().ok());
            return match key.map(|key| self.db.owner_lock_held(key)) {
                Some(Ok(Some(false))) => RunStatus::Interrupted,
                _ => idle_rule,
            };
        }
        if self.host.as_ref() != Some(host) {
            return idle_rule;
        }
        let ours = self
            .owner
            .get()
            .and_then(Option::as_ref)
            .is_some_and(|lock| &lock.token == token);
        if ours {
            return idle_rule;
        }
        match owner::check(&self.runs_dir, token) {
            Owner::Gone => RunStatus::Interrupted,
            Owner::Alive | Owner::Unknown => idle_rule,
        }
    }

    pub fn delete_audit(&self, run_id: i64) -> Result<()> {
        self.soft_delete("audit_runs", run_id, StoreError::AuditNotFound(run_id))
    }

    pub fn restore_audit(&self, run_id: i64) -> Result<()> {
        let changed = self.db.execute(
            "UPDATE audit_runs SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL",
            args![run_id],
        )?;
        if changed == 0 {
            return Err(StoreError::AuditNotFound(run_id));
        }
        Ok(())
    }
}

/// A stored count as shown; a value out of range reads as 0.
fn count(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(0)
}
