//! Access-log imports kept per client: the summary of what the real bot received. The record is
//! the caller's type (the session's import record), stored as JSON; this crate does not
//! interpret it.

use crate::db::args;
use crate::{Result, Store, StoreError};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LogImportSummary {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub client_id: i64,
    /// The imported file's name (not its full path).
    pub file_name: String,
    pub imported_at: String,
    /// Who imported it (imports from before authors were recorded have none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub created_by: Option<String>,
}

impl Store {
    /// Keeps one import's `record` for a client, stamped with the store's clock.
    pub fn save_log_import<T: Serialize>(
        &self,
        client_id: i64,
        file_name: &str,
        record: &T,
    ) -> Result<LogImportSummary> {
        let now = self.now()?;
        self.client(client_id)?;
        let new_id = self.db.insert(
            "INSERT INTO log_imports (client_id, file_name, imported_at, report_json, created_by)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            args![
                client_id,
                file_name,
                now,
                serde_json::to_string(record)?,
                self.author
            ],
        )?;
        Ok(LogImportSummary {
            id: new_id,
            client_id,
            file_name: file_name.to_string(),
            imported_at: now,
            created_by: self.author.clone(),
        })
    }

    /// Newest first.
    pub fn list_log_imports(&self, client_id: i64) -> Result<Vec<LogImportSummary>> {
        self.client(client_id)?;
        let rows = self.db.query_map(
            "SELECT id, client_id, file_name, imported_at, created_by FROM log_imports
             WHERE client_id = ?1 AND deleted_at IS NULL ORDER BY imported_at DESC, id DESC",
            args![client_id],
            |r| {
                Ok(LogImportSummary {
                    id: r.get(0)?,
                    client_id: r.get(1)?,
                    file_name: r.get(2)?,
                    imported_at: r.get(3)?,
                    created_by: r.get(4)?,
                })
            },
        )?;
        Ok(rows)
    }

    pub fn log_import(&self, id: i64) -> Result<LogImportSummary> {
        self.db
            .query_opt(
                "SELECT id, client_id, file_name, imported_at, created_by FROM log_imports
                 WHERE id = ?1 AND deleted_at IS NULL",
                args![id],
                |r| {
                    Ok(LogImportSummary {
                        id: r.get(0)?,
                        client_id: r.get(1)?,
                        file_name: r.get(2)?,
                        imported_at: r.get(3)?,
                        created_by: r.get(4)?,
                    })
                },
            )?
            .ok_or(StoreError::LogImportNotFound(id))
    }

    /// The record saved with an import, read back as the type it was saved as; a record that
    /// does not read as `T` is [`StoreError::Corrupt`].
    pub fn log_import_record<T: DeserializeOwned>(&self, id: i64) -> Result<T> {
        let json: String = self
            .db
            .query_opt(
                "SELECT report_json FROM log_imports WHERE id = ?1 AND deleted_at IS NULL",
                args![id],
                |r| r.get(0),
            )?
            .ok_or(StoreError::LogImportNotFound(id))?;
        Ok(serde_json::from_str(&json)?)
    }

    pub fn delete_log_import(&self, id: i64) -> Result<()> {
        self.soft_delete("log_imports", id, StoreError::LogImportNotFound(id))
    }

    pub fn restore_log_import(&self, id: i64) -> Result<()> {
        let changed = self.db.execute(
            "UPDATE log_imports SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL",
            args![id],
        )?;
        if changed == 0 {
            return Err(StoreError::LogImportNotFound(id));
        }
        Ok(())
    }
}
