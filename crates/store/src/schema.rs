//! Forward-only migrations embedded in the binary, tracked in SQLite's `user_version`.

use crate::StoreError;
use rusqlite::Connection;
use std::path::Path;

/// Each entry moves the schema from version i to i + 1. Never edit a released entry: add one.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/001_initial.sql"),
    include_str!("migrations/002_scenarios_settings_logs.sql"),
    include_str!("migrations/003_funnels_journeys.sql"),
];

/// The schema version this build writes.
pub const LATEST_VERSION: u32 = MIGRATIONS.len() as u32;

/// Refuses a database from a newer Preflight before writing anything (not even the WAL switch,
/// which changes the file header), then applies missing migrations, each in its own transaction.
pub fn check_and_migrate(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let found: u32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| StoreError::Open {
            path: path.display().to_string(),
            reason: match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::NotADatabase) => {
                    "the file is not a Preflight database (or it is damaged)".into()
                }
                _ => e.to_string(),
            },
        })?;
    if found > LATEST_VERSION {
        return Err(StoreError::NewerDatabase {
            path: path.display().to_string(),
            found,
            supported: LATEST_VERSION,
        });
    }
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let version = index as u32 + 1;
        conn.execute_batch(&format!(
            "BEGIN IMMEDIATE;\n{sql}\nPRAGMA user_version = {version};\nCOMMIT;"
        ))
        .inspect_err(|_| {
            let _ = conn.execute_batch("ROLLBACK;");
        })?;
    }
    Ok(())
}
