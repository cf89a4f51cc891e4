//! Preflight's local database: one SQLite file holding clients, their landing pages and every
//! audit with its raw artifacts. This crate stores and loads; it decides nothing.
//!
//! Safety rules: the schema version is read before anything is written, so a database from a
//! newer Preflight is refused untouched; an audit is written page by page and marked complete in
//! one final update, so a killed process never leaves a half-written audit that looks complete.

mod error;
mod journeys;
mod log_imports;
mod scenarios;
mod schema;
mod settings;
mod types;

pub use error::StoreError;
pub use log_imports::LogImportSummary;
pub use scenarios::Scenario;
pub use schema::LATEST_VERSION;
pub use types::*;

use preflight_audit::report::{AuditReport, PageReport, RunStatus, Summary};
use rusqlite::{params, Connection, OptionalExtension};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A run still marked running whose last write is older than this was interrupted.
pub const STALE_RUN_SECONDS: i64 = 10 * 60;

pub type Result<T> = std::result::Result<T, StoreError>;

/// Where the database lives unless told otherwise: `PREFLIGHT_DB` if set, else the OS's
/// per-user data folder (`~/.local/share/preflight` on Linux, `~/Library/Application Support/
/// preflight` on macOS, `%APPDATA%\preflight` on Windows).
pub fn default_db_path() -> PathBuf {
    if let Some(path) = std::env::var_os("PREFLIGHT_DB").filter(|p| !p.is_empty()) {
        return PathBuf::from(path);
    }
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("preflight")
        .join("preflight.sqlite3")
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| StoreError::Open {
                path: path.display().to_string(),
                reason: e.to_string(),
            })?;
        }
        let conn = Connection::open(path).map_err(|e| StoreError::Open {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        conn.busy_timeout(Duration::from_secs(5))?;
        schema::check_and_migrate(&conn, path)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Caps the database size, to simulate a full disk in tests.
    #[doc(hidden)]
    pub fn set_max_page_count_for_tests(&self, pages: i64) {
        let _ = self.conn.pragma_update(None, "max_page_count", pages);
    }

    // ---- clients -------------------------------------------------------------------------

    pub fn create_client(&self, name: &str) -> Result<Client> {
        let name = clean_name(name, "A client")?;
        if self.client_by_name(&name)?.is_some() {
            return Err(StoreError::DuplicateClient(name));
        }
        let now = now();
        self.conn.execute(
            "INSERT INTO clients (name, created_at) VALUES (?1, ?2)",
            params![name, now],
        )?;
        Ok(Client {
            id: self.conn.last_insert_rowid(),
            name,
            created_at: now,
        })
    }

    pub fn client_by_name(&self, name: &str) -> Result<Option<Client>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id, name, created_at FROM clients WHERE name = ?1 COLLATE NOCASE AND deleted_at IS NULL",
                params![name.trim()],
                client_row,
            )
            .optional()?)
    }

    pub fn client(&self, id: i64) -> Result<Client> {
        self.conn
            .query_row(
                "SELECT id, name, created_at FROM clients WHERE id = ?1 AND deleted_at IS NULL",
                params![id],
                client_row,
            )
            .optional()?
            .ok_or(StoreError::ClientNotFound(id))
    }

    pub fn rename_client(&self, id: i64, name: &str) -> Result<Client> {
        let name = clean_name(name, "A client")?;
        if let Some(other) = self.client_by_name(&name)? {
            if other.id != id {
                return Err(StoreError::DuplicateClient(name));
            }
        }
        let changed = self.conn.execute(
            "UPDATE clients SET name = ?1 WHERE id = ?2 AND deleted_at IS NULL",
            params![name, id],
        )?;
        if changed == 0 {
            return Err(StoreError::ClientNotFound(id));
        }
        self.client(id)
    }

    /// Soft delete: the client, its pages and audits disappear from lists until restored.
    pub fn delete_client(&self, id: i64) -> Result<()> {
        self.soft_delete("clients", id, StoreError::ClientNotFound(id))
    }

    /// Undoes [`Store::delete_client`].
    pub fn restore_client(&self, id: i64) -> Result<Client> {
        let name: Option<String> = self
            .conn
            .query_row(
                "SELECT name FROM clients WHERE id = ?1 AND deleted_at IS NOT NULL",
                params![id],
                |r| r.get(0),
            )
            .optional()?;
        let name = name.ok_or(StoreError::ClientNotFound(id))?;
        if self.client_by_name(&name)?.is_some() {
            return Err(StoreError::DuplicateClient(name));
        }
        self.conn.execute(
            "UPDATE clients SET deleted_at = NULL WHERE id = ?1",
            params![id],
        )?;
        self.client(id)
    }

    pub fn list_clients(&self) -> Result<Vec<ClientSummary>> {
        let mut stmt = self.conn.prepare(
            "SELECT c.id, c.name, c.created_at,
                    (SELECT COUNT(*) FROM landing_pages p WHERE p.client_id = c.id AND p.deleted_at IS NULL),
                    (SELECT MAX(r.id) FROM audit_runs r WHERE r.client_id = c.id AND r.deleted_at IS NULL AND r.status IN ('complete', 'cancelled'))
             FROM clients c WHERE c.deleted_at IS NULL ORDER BY c.name COLLATE NOCASE",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                Client {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    created_at: r.get(2)?,
                },
                r.get::<_, i64>(3)?,
                r.get::<_, Option<i64>>(4)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (client, page_count, last_run) = row?;
            let last_audit = match last_run {
                Some(id) => Some(self.audit_summary(id)?),
                None => None,
            };
            out.push(ClientSummary {
                client,
                page_count: page_count as u32,
                last_audit,
            });
        }
        Ok(out)
    }

    // ---- landing pages ---------------------------------------------------------------------

    /// Adds already-validated URLs to a client; URLs it already has are reported, not repeated.
    pub fn add_pages(&mut self, client_id: i64, urls: &[String]) -> Result<AddedPages> {
        self.client(client_id)?;
        let now = now();
        let tx = self.conn.transaction()?;
        let mut added = Vec::new();
        let mut already_present = Vec::new();
        for url in urls {
            let exists: bool = tx.query_row(
                "SELECT EXISTS(SELECT 1 FROM landing_pages WHERE client_id = ?1 AND url = ?2 AND deleted_at IS NULL)",
                params![client_id, url],
                |r| r.get(0),
            )?;
            if exists {
                already_present.push(url.clone());
                continue;
            }
            tx.execute(
                "INSERT INTO landing_pages (client_id, url, created_at) VALUES (?1, ?2, ?3)",
                params![client_id, url, now],
            )?;
            added.push(LandingPage {
                id: tx.last_insert_rowid(),
                client_id,
                url: url.clone(),
                created_at: now.clone(),
            });
        }
        tx.commit()?;
        Ok(AddedPages {
            added,
            already_present,
        })
    }

    pub fn list_pages(&self, client_id: i64) -> Result<Vec<LandingPage>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, client_id, url, created_at FROM landing_pages
             WHERE client_id = ?1 AND deleted_at IS NULL ORDER BY id",
        )?;
        let rows = stmt.query_map(params![client_id], |r| {
            Ok(LandingPage {
                id: r.get(0)?,
                client_id: r.get(1)?,
                url: r.get(2)?,
                created_at: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn delete_page(&self, page_id: i64) -> Result<()> {
        self.soft_delete("landing_pages", page_id, StoreError::PageNotFound(page_id))
    }

    pub fn restore_page(&self, page_id: i64) -> Result<()> {
        let changed = self.conn.execute(
            "UPDATE landing_pages SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM landing_pages o WHERE o.client_id = landing_pages.client_id
                               AND o.url = landing_pages.url AND o.deleted_at IS NULL)",
            params![page_id],
        )?;
        if changed == 0 {
            return Err(StoreError::PageNotFound(page_id));
        }
        Ok(())
    }

    // ---- audits ----------------------------------------------------------------------------

    /// Starts a run. It stays invisible as a finished audit until [`Store::finish_run`].
    pub fn begin_run(
        &self,
        client_id: Option<i64>,
        report: &AuditReport,
        page_count: usize,
    ) -> Result<i64> {
        if let Some(id) = client_id {
            self.client(id)?;
        }
        self.conn.execute(
            "INSERT INTO audit_runs (client_id, status, started_at, page_count, schema_version, generator, limits_json, updated_at)
             VALUES (?1, 'running', ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                client_id,
                report.started_at,
                page_count as i64,
                report.schema_version,
                report.generator,
                serde_json::to_string(&report.limits)?,
                now(),
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Stores one finished page of a running audit.
    pub fn save_page(&mut self, run_id: i64, position: usize, page: &PageReport) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT OR REPLACE INTO page_results (run_id, position, url, verdict, page_json) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                run_id,
                position as i64,
                page.url,
                serde_json::to_value(page.verdict)?.as_str().unwrap_or_default(),
                serde_json::to_string(page)?,
            ],
        )?;
        tx.execute(
            "UPDATE audit_runs SET updated_at = ?1 WHERE id = ?2",
            params![now(), run_id],
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
        let changed = self.conn.execute(
            "UPDATE audit_runs SET status = ?1, finished_at = ?2, summary_json = ?3, updated_at = ?2 WHERE id = ?4 AND status = 'running'",
            params![status, finished_at, serde_json::to_string(summary)?, run_id],
        )?;
        if changed == 0 {
            return Err(StoreError::AuditNotFound(run_id));
        }
        Ok(())
    }

    /// Saves a whole finished report in one transaction (the CLI's `--save`).
    pub fn save_report(&mut self, client_id: Option<i64>, report: &AuditReport) -> Result<i64> {
        let run_id = self.begin_run(client_id, report, report.pages.len())?;
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

    /// Audits, newest first; for one client or (with `None`) all.
    pub fn list_audits(&self, client_id: Option<i64>) -> Result<Vec<AuditSummary>> {
        let mut stmt = self.conn.prepare(
            "SELECT r.id FROM audit_runs r LEFT JOIN clients c ON c.id = r.client_id
             WHERE r.deleted_at IS NULL AND (c.id IS NULL OR c.deleted_at IS NULL)
               AND (?1 IS NULL OR r.client_id = ?1)
             ORDER BY r.started_at DESC, r.id DESC",
        )?;
        let ids = stmt
            .query_map(params![client_id], |r| r.get::<_, i64>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        ids.into_iter().map(|id| self.audit_summary(id)).collect()
    }

    pub fn audit_summary(&self, run_id: i64) -> Result<AuditSummary> {
        let row = self
            .conn
            .query_row(
                "SELECT r.id, r.client_id, c.name, r.status, r.started_at, r.finished_at, r.page_count,
                        (SELECT COUNT(*) FROM page_results p WHERE p.run_id = r.id), r.summary_json,
                        (strftime('%s', 'now') - strftime('%s', r.updated_at))
                 FROM audit_runs r LEFT JOIN clients c ON c.id = r.client_id
                 WHERE r.id = ?1 AND r.deleted_at IS NULL",
                params![run_id],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, Option<i64>>(1)?,
                        r.get::<_, Option<String>>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, Option<String>>(5)?,
                        r.get::<_, i64>(6)?,
                        r.get::<_, i64>(7)?,
                        r.get::<_, Option<String>>(8)?,
                        r.get::<_, Option<i64>>(9)?,
                    ))
                },
            )
            .optional()?
            .ok_or(StoreError::AuditNotFound(run_id))?;
        let (
            id,
            client_id,
            client_name,
            status,
            started_at,
            finished_at,
            page_count,
            pages_done,
            summary,
            idle,
        ) = row;
        let status = match status.as_str() {
            "complete" => RunStatus::Complete,
            "cancelled" => RunStatus::Cancelled,
            "running" if idle.unwrap_or(0) < STALE_RUN_SECONDS => RunStatus::Running,
            _ => RunStatus::Interrupted,
        };
        Ok(AuditSummary {
            id,
            client_id,
            client_name,
            status,
            started_at,
            finished_at,
            page_count: page_count as u32,
            pages_done: pages_done as u32,
            summary: summary.map(|s| serde_json::from_str(&s)).transpose()?,
        })
    }

    /// The full report of a stored audit, pages in their original order.
    pub fn load_report(&self, run_id: i64) -> Result<AuditReport> {
        let summary = self.audit_summary(run_id)?;
        let (schema_version, generator, limits): (u32, String, String) = self.conn.query_row(
            "SELECT schema_version, generator, limits_json FROM audit_runs WHERE id = ?1",
            params![run_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        if schema_version > preflight_audit::report::REPORT_SCHEMA_VERSION {
            return Err(StoreError::NewerReport {
                found: schema_version,
                supported: preflight_audit::report::REPORT_SCHEMA_VERSION,
            });
        }
        let mut stmt = self
            .conn
            .prepare("SELECT page_json FROM page_results WHERE run_id = ?1 ORDER BY position")?;
        let pages = stmt
            .query_map(params![run_id], |r| r.get::<_, String>(0))?
            .map(|json| -> Result<PageReport> { Ok(serde_json::from_str(&json?)?) })
            .collect::<Result<Vec<_>>>()?;
        let mut report = AuditReport {
            schema_version,
            generator,
            started_at: summary.started_at,
            finished_at: summary.finished_at,
            status: summary.status,
            summary: summary.summary.unwrap_or_else(|| Summary::of(&pages)),
            pages,
            limits: serde_json::from_str(&limits)?,
            funnel: None,
            journeys: self.journeys(run_id)?,
        };
        let funnel = self.audit_funnel(run_id)?;
        preflight_audit::funnel::apply(&mut report, funnel.as_deref());
        Ok(report)
    }

    pub fn delete_audit(&self, run_id: i64) -> Result<()> {
        self.soft_delete("audit_runs", run_id, StoreError::AuditNotFound(run_id))
    }

    /// Marks a row deleted (so it can be restored); `missing` when there is no live row.
    fn soft_delete(&self, table: &'static str, id: i64, missing: StoreError) -> Result<()> {
        let changed = self.conn.execute(
            &format!("UPDATE {table} SET deleted_at = ?1 WHERE id = ?2 AND deleted_at IS NULL"),
            params![now(), id],
        )?;
        if changed == 0 {
            return Err(missing);
        }
        Ok(())
    }

    pub fn restore_audit(&self, run_id: i64) -> Result<()> {
        let changed = self.conn.execute(
            "UPDATE audit_runs SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL",
            params![run_id],
        )?;
        if changed == 0 {
            return Err(StoreError::AuditNotFound(run_id));
        }
        Ok(())
    }
}

fn client_row(r: &rusqlite::Row) -> rusqlite::Result<Client> {
    Ok(Client {
        id: r.get(0)?,
        name: r.get(1)?,
        created_at: r.get(2)?,
    })
}

/// Names are trimmed, non-empty and at most 120 characters; `what` is e.g. "A client".
fn clean_name(name: &str, what: &str) -> Result<String> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(StoreError::Invalid(format!("{what} needs a name.")));
    }
    if name.chars().count() > 120 {
        return Err(StoreError::Invalid(format!(
            "{what}'s name can be at most 120 characters."
        )));
    }
    Ok(name)
}

fn now() -> String {
    preflight_audit::run::now_rfc3339()
}
