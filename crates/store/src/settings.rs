//! Small app preferences as key/value text. Never used for secrets.

use crate::db::args;
use crate::{Result, Store};

/// The setting holding a database's own random id: secrets in the keychain are kept under it,
/// and a copy carries it over, so that a copy and its source know each other.
pub const DATABASE_ID: &str = "workspace_id";

impl Store {
    /// This database's id, once one was given (see [`DATABASE_ID`]).
    pub fn database_id(&self) -> Result<Option<String>> {
        self.setting(DATABASE_ID)
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        self.db.query_opt(
            "SELECT value FROM settings WHERE key = ?1",
            args![key],
            |r| r.get(0),
        )
    }

    /// Sets `key`; an empty value removes it.
    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        if value.is_empty() {
            self.db
                .execute("DELETE FROM settings WHERE key = ?1", args![key])?;
        } else {
            self.db.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                args![key, value],
            )?;
        }
        Ok(())
    }
}
