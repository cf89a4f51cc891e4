//! A team workspace's schema: forward-only migrations of their own (PostgreSQL's SQL), kept in
//! step with the local file's by version number, tracked in the `preflight_schema` table.

use crate::db::{args, Db};
use crate::schema::LATEST_VERSION;
use crate::{Result, StoreError};

/// Each entry brings the schema to the version it names. The first brings an empty database
/// straight to the local file's version 7; each later one matches the file's migration of the
/// same number. Never edit a released entry: add one.
pub const MIGRATIONS: &[(u32, &str)] = &[
    (7, include_str!("migrations/postgres/007_workspace.sql")),
    (8, include_str!("migrations/postgres/008_authors.sql")),
    (9, include_str!("migrations/postgres/009_comments.sql")),
];

/// Refuses a workspace from a newer Preflight before writing anything, then applies the missing
/// migrations in one transaction under the writers' lock, so that two people connecting a new
/// workspace at once apply them once.
pub fn open_schema(db: &Db, place: &str) -> Result<()> {
    let found = read_version(db)?;
    refuse_newer(found, place)?;
    if found == LATEST_VERSION {
        return Ok(());
    }
    let migrate = || -> Result<()> {
        let tx = db.write_tx()?;
        let found = read_version(db)?;
        refuse_newer(found, place)?;
        if found == LATEST_VERSION {
            return Ok(());
        }
        db.batch("CREATE TABLE IF NOT EXISTS preflight_schema (version BIGINT NOT NULL)")?;
        for (_, sql) in MIGRATIONS.iter().filter(|(version, _)| *version > found) {
            db.batch(sql)?;
        }
        db.execute("DELETE FROM preflight_schema", args![])?;
        db.execute(
            "INSERT INTO preflight_schema (version) VALUES (?1)",
            args![LATEST_VERSION],
        )?;
        tx.commit()
    };
    migrate().map_err(|e| match e {
        StoreError::PermissionDenied { .. } if found > 0 => StoreError::OlderDatabase {
            place: place.to_string(),
            found,
            supported: LATEST_VERSION,
        },
        other => other,
    })
}

/// The workspace's version; 0 for an empty database.
pub fn read_version(db: &Db) -> Result<u32> {
    // A plain read of the catalogue, not to_regclass: its cache may not yet show a table that
    // another connection created while this one waited for the writers' lock.
    let exists: bool = db.query_row(
        "SELECT EXISTS(SELECT 1 FROM pg_catalog.pg_tables
                       WHERE tablename = 'preflight_schema' AND schemaname = current_schema())",
        args![],
        |r| r.get(0),
    )?;
    if !exists {
        return Ok(0);
    }
    let version: Option<i64> = db
        .query_opt("SELECT MAX(version) FROM preflight_schema", args![], |r| {
            r.get(0)
        })?
        .flatten();
    u32::try_from(version.unwrap_or(0))
        .map_err(|_| StoreError::Corrupt("the workspace's data format is unreadable".into()))
}

fn refuse_newer(found: u32, place: &str) -> Result<()> {
    if found > LATEST_VERSION {
        return Err(StoreError::NewerDatabase {
            path: place.to_string(),
            found,
            supported: LATEST_VERSION,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_workspace_migrations_reach_the_files_version() {
        let last = super::MIGRATIONS.last().expect("at least one").0;
        assert_eq!(
            last,
            super::LATEST_VERSION,
            "add the server's migration too"
        );
        let versions: Vec<u32> = super::MIGRATIONS.iter().map(|(v, _)| *v).collect();
        assert!(versions.windows(2).all(|w| w[0] < w[1]));
    }
}
