//! Forward-only migrations embedded in the binary, tracked in SQLite's `user_version`.

use crate::StoreError;
use rusqlite::{Connection, ErrorCode, Transaction, TransactionBehavior};
use std::path::Path;
use std::time::{Duration, Instant};

/// Each entry moves the schema from version i to i + 1. Never edit a released entry: add one.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/001_initial.sql"),
    include_str!("migrations/002_scenarios_settings_logs.sql"),
    include_str!("migrations/003_funnels_journeys.sql"),
    include_str!("migrations/004_run_owner.sql"),
    include_str!("migrations/005_ad_destinations.sql"),
    include_str!("migrations/006_monitoring.sql"),
    include_str!("migrations/007_capi_checks.sql"),
    include_str!("migrations/008_authors.sql"),
    include_str!("migrations/009_comments.sql"),
];

/// The schema version this build writes.
pub const LATEST_VERSION: u32 = MIGRATIONS.len() as u32;

/// How long opening keeps trying while other processes hold the database (creating it,
/// migrating it, switching it to WAL), on top of SQLite's own wait on each statement.
const OPEN_RETRY_FOR: Duration = Duration::from_secs(20);

/// [`check_and_migrate`], tried again while another process holds the database, for a bounded
/// time. Every attempt starts over from reading the version, so nothing is applied twice.
pub fn open_schema(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let deadline = Instant::now() + OPEN_RETRY_FOR;
    let mut pause = Duration::from_millis(10);
    loop {
        match check_and_migrate(conn, path) {
            Err(e) if is_contention(&e) && Instant::now() < deadline => {
                std::thread::sleep(pause + jitter());
                pause = (pause * 2).min(Duration::from_millis(250));
            }
            other => return other,
        }
    }
}

/// A few milliseconds that differ between processes, so that they do not retry in step.
fn jitter() -> Duration {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or_default();
    Duration::from_millis(u64::from((nanos ^ std::process::id()) % 20))
}

/// Whether `e` means another connection holds the database right now.
fn is_contention(e: &StoreError) -> bool {
    match e {
        StoreError::Busy => true,
        StoreError::Sqlite(e) => matches!(
            e.sqlite_error_code(),
            Some(ErrorCode::FileLockingProtocolFailed)
        ),
        _ => false,
    }
}

/// Refuses a database from a newer Preflight before writing anything (not even the WAL switch,
/// which changes the file header), then applies the missing migrations in one transaction that
/// holds the write lock from the moment the version is read again: a second process opening
/// the same new file waits for the first and then finds the schema up to date.
pub fn check_and_migrate(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let found = read_version(conn, path)?;
    refuse_newer(found, path)?;
    crate::files::tighten(path);
    // The result is the mode in force: a file system without shared memory stays in rollback
    // mode, which is slower with several processes but correct.
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    if found == LATEST_VERSION {
        return Ok(());
    }
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    let found = read_version(&tx, path)?;
    refuse_newer(found, path)?;
    for sql in MIGRATIONS.iter().skip(found as usize) {
        tx.execute_batch(sql)?;
    }
    tx.pragma_update(None, "user_version", LATEST_VERSION)?;
    tx.commit()?;
    Ok(())
}

fn read_version(conn: &Connection, path: &Path) -> Result<u32, StoreError> {
    let open_error = |reason: String| StoreError::Open {
        path: path.display().to_string(),
        reason,
    };
    let found: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| match e.sqlite_error_code() {
            Some(ErrorCode::NotADatabase) => {
                open_error("the file is not a Preflight database (or it is damaged)".into())
            }
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy,
            _ => open_error(e.to_string()),
        })?;
    u32::try_from(found)
        .map_err(|_| open_error("the file is not a Preflight database (or it is damaged)".into()))
}

fn refuse_newer(found: u32, path: &Path) -> Result<(), StoreError> {
    if found > LATEST_VERSION {
        return Err(StoreError::NewerDatabase {
            path: path.display().to_string(),
            found,
            supported: LATEST_VERSION,
        });
    }
    Ok(())
}
