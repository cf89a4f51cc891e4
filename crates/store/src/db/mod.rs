//! The one interface the store's queries go through, whichever database holds the data: the
//! local SQLite file or a PostgreSQL server (a team workspace). Queries are written once, in the
//! SQL both accept, with `?1`-style arguments; the few places the two differ ask [`Db::dialect`].

mod address;
mod server;
mod sqlite;
mod value;

pub use address::{shown_of, ServerAddress};
pub(crate) use value::args;
pub use value::{Row, ToValue, Value};

use crate::{Result, StoreError};

/// Which SQL the database speaks, for the few statements that differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

pub enum Db {
    Sqlite(rusqlite::Connection),
    Server(server::Connection),
}

impl Db {
    pub fn open_server(address: &ServerAddress) -> Result<Db> {
        Ok(Db::Server(server::Connection::open(address)?))
    }

    pub fn dialect(&self) -> Dialect {
        match self {
            Db::Sqlite(_) => Dialect::Sqlite,
            Db::Server(_) => Dialect::Postgres,
        }
    }

    /// Runs a statement; the number of rows it changed.
    pub fn execute(&self, sql: &str, args: &[Value]) -> Result<usize> {
        match self {
            Db::Sqlite(conn) => sqlite::execute(conn, sql, args),
            Db::Server(conn) => conn.execute(sql, args),
        }
    }

    /// Runs an `INSERT` and returns the new row's id.
    pub fn insert(&self, sql: &str, args: &[Value]) -> Result<i64> {
        let rows = self.query(&format!("{sql} RETURNING id"), args)?;
        rows.first()
            .ok_or_else(|| StoreError::Corrupt("an insert returned no id".into()))?
            .get(0)
    }

    /// Several statements without arguments (migrations).
    pub fn batch(&self, sql: &str) -> Result<()> {
        match self {
            Db::Sqlite(conn) => Ok(conn.execute_batch(sql)?),
            Db::Server(conn) => conn.batch(sql),
        }
    }

    pub fn query(&self, sql: &str, args: &[Value]) -> Result<Vec<Row>> {
        match self {
            Db::Sqlite(conn) => sqlite::query(conn, sql, args),
            Db::Server(conn) => conn.query(sql, args),
        }
    }

    /// Every row, each read by `f`.
    pub fn query_map<T>(
        &self,
        sql: &str,
        args: &[Value],
        f: impl FnMut(&Row) -> Result<T>,
    ) -> Result<Vec<T>> {
        self.query(sql, args)?.iter().map(f).collect()
    }

    /// The first row read by `f`, or `None` when there is none.
    pub fn query_opt<T>(
        &self,
        sql: &str,
        args: &[Value],
        f: impl FnOnce(&Row) -> Result<T>,
    ) -> Result<Option<T>> {
        self.query(sql, args)?.first().map(f).transpose()
    }

    /// The first row read by `f`; a query that always returns a row (a count, an `EXISTS`).
    pub fn query_row<T>(
        &self,
        sql: &str,
        args: &[Value],
        f: impl FnOnce(&Row) -> Result<T>,
    ) -> Result<T> {
        self.query_opt(sql, args, f)?.ok_or_else(|| {
            StoreError::Corrupt("a query expected to return a row returned none".into())
        })
    }

    /// A write transaction holding the write lock from its start, so that what it reads cannot
    /// change before it writes: SQLite's `BEGIN IMMEDIATE`, or on a server one advisory lock
    /// every Preflight writer takes (waiting for the one holding it).
    pub fn write_tx(&self) -> Result<Tx<'_>> {
        match self {
            Db::Sqlite(_) => self.batch("BEGIN IMMEDIATE")?,
            Db::Server(_) => self.batch(&format!(
                "BEGIN; SELECT pg_advisory_xact_lock({WRITE_LOCK})"
            ))?,
        }
        Ok(Tx {
            db: self,
            open: true,
        })
    }

    /// A read transaction: everything read through it is one snapshot.
    pub fn read_tx(&self) -> Result<Tx<'_>> {
        match self {
            Db::Sqlite(_) => self.batch("BEGIN DEFERRED")?,
            Db::Server(_) => self.batch("BEGIN ISOLATION LEVEL REPEATABLE READ")?,
        }
        Ok(Tx {
            db: self,
            open: true,
        })
    }

    /// Seconds from the RFC 3339 time in `column` to the database's now, as SQL (NULL when
    /// the column does not hold such a time).
    pub fn seconds_since(&self, column: &str) -> String {
        match self.dialect() {
            Dialect::Sqlite => format!("(strftime('%s', 'now') - strftime('%s', {column}))"),
            Dialect::Postgres => format!(
                "(CASE WHEN {column} ~ '^\\d{{4}}-\\d{{2}}-\\d{{2}}T\\d{{2}}:\\d{{2}}:\\d{{2}}' \
                 THEN CAST(EXTRACT(EPOCH FROM (now() - CAST({column} AS timestamptz))) AS bigint) END)"
            ),
        }
    }
}

/// The key of the advisory lock every Preflight writer on a server takes ("PFW" in ASCII).
const WRITE_LOCK: i64 = 0x0050_4657;

/// The first key of the session locks that tell a run's owner is alive ("PFO" in ASCII); the
/// second is the owner's own.
const OWNER_LOCKS: i64 = 0x0050_464F;

impl Db {
    /// On a server: takes (and keeps, across reconnections) this connection's owner lock `key`.
    pub fn hold_owner_lock(&self, key: i32) -> Result<()> {
        match self {
            Db::Sqlite(_) => Ok(()),
            Db::Server(conn) => {
                conn.setup(&format!("SELECT pg_advisory_lock({OWNER_LOCKS}, {key})"))
            }
        }
    }

    /// On a server: whether some connection holds owner lock `key` (`None` on a file).
    pub fn owner_lock_held(&self, key: i32) -> Result<Option<bool>> {
        match self {
            Db::Sqlite(_) => Ok(None),
            Db::Server(_) => self
                .query_row(
                    "SELECT EXISTS(SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted
                       AND objsubid = 2 AND classid::bigint = ?1 AND objid::bigint = ?2
                       AND database = (SELECT oid FROM pg_database WHERE datname = current_database()))",
                    args![OWNER_LOCKS, i64::from(key) & 0xFFFF_FFFF],
                    |r| r.get(0),
                )
                .map(Some),
        }
    }
}

/// An open transaction: committed by [`Tx::commit`], rolled back when dropped otherwise.
pub struct Tx<'a> {
    db: &'a Db,
    open: bool,
}

impl Tx<'_> {
    pub fn commit(mut self) -> Result<()> {
        self.open = false;
        self.db.batch("COMMIT")
    }
}

impl Drop for Tx<'_> {
    fn drop(&mut self) {
        if self.open {
            let _ = self.db.batch("ROLLBACK");
        }
    }
}
