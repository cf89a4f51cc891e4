//! Preflight's local database: one SQLite file holding clients, their landing pages and every
//! audit with its raw artifacts. This crate stores and loads; it decides nothing, and keeps no
//! clock: the times it records come from the clock its caller opens it with.
//!
//! Safety rules: the schema version is read before anything is written, so a database from a
//! newer Preflight is refused untouched; an audit is written page by page and marked complete in
//! one final update, so a killed process never leaves a half-written audit that looks complete.
//!
//! Several processes (the app and scheduled CLI runs) may use one file at once: the file is in
//! WAL mode, creating and migrating it happens under the write lock, every write that reads first
//! takes the write lock first, and a busy database is waited for (a bounded time) rather than
//! failing. On Unix the file, SQLite's side files and the folders the store creates are readable
//! by their owner only.

mod ad_destinations;
mod audits;
mod capi_checks;
mod comments;
mod copy;
mod db;
mod error;
mod files;
mod journeys;
mod loading;
mod location;
mod log_imports;
mod monitoring;
mod owner;
mod scenarios;
mod schedules;
mod schema;
mod schema_server;
mod settings;
mod types;

pub use ad_destinations::{AdImportCounts, AdToKeep, KeptAd};
pub use comments::{Comment, COMMENT_MAX_CHARS};
pub use copy::{CopyReport, TableCopy};
pub use db::ServerAddress;
pub use error::StoreError;
pub use loading::LoadedAudit;
pub use location::Location;
pub use log_imports::LogImportSummary;
pub use monitoring::{KeptChange, KeptChannel, KeptDelivery};
pub use scenarios::Scenario;
pub use schedules::KeptSchedule;
pub use schema::LATEST_VERSION;
pub use settings::DATABASE_ID;
pub use types::*;

use db::{args, Db, Row, Tx};
use std::cell::OnceCell;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A run still marked running whose last write is older than this was interrupted (the rule for
/// runs whose owner process cannot be checked: from another machine, or from older versions).
pub const STALE_RUN_SECONDS: i64 = 10 * 60;

/// How long one statement waits for another process's write to end before reporting
/// [`StoreError::Busy`].
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

pub type Result<T> = std::result::Result<T, StoreError>;

/// The current time as the store records it (RFC 3339, UTC). The store keeps no clock of its
/// own: whoever opens it for writing hands it one ([`Store::open_with_clock`]).
pub type Clock = fn() -> String;

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
    db: Db,
    location: Location,
    /// This machine's name, recorded with the runs begun here.
    host: Option<String>,
    /// Where the owner files of running audits are kept.
    runs_dir: PathBuf,
    /// This store's owner file, made when it begins its first run (`None` if it could not be).
    owner: OnceCell<Option<owner::OwnerLock>>,
    /// On a server: this connection's owner lock, taken when it begins its first run.
    server_owner: OnceCell<Option<i32>>,
    /// Where created, started, updated and deleted times come from; `None` for a store opened
    /// only to read.
    clock: Option<Clock>,
    /// Who the audits, journeys, scenarios, imports and checks made through this store are
    /// recorded as.
    author: Option<String>,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date, to
    /// read. Writes that record the current time (a new client, page, run heartbeat, import,
    /// scenario or deletion) are refused with [`StoreError::ReadOnly`]: open with
    /// [`Store::open_with_clock`] to make them.
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_inner(path, None)
    }

    /// Opens (creating if needed) the database at `path` to read and write, stamping records
    /// with the times `clock` gives. Other processes opening, creating or writing the same file
    /// at the same time are waited for.
    pub fn open_with_clock(path: &Path, clock: Clock) -> Result<Store> {
        Store::open_inner(path, Some(clock))
    }

    fn open_inner(path: &Path, clock: Option<Clock>) -> Result<Store> {
        Store::open_at(&Location::parse(path)?, clock)
    }

    /// Opens the database at `location`: a local file (created if needed) or a team workspace
    /// on a server, whose schema is brought up to date the same way. A server that cannot be
    /// reached is an error, never a reason to use a local file instead.
    pub fn open_at(location: &Location, clock: Option<Clock>) -> Result<Store> {
        match location {
            Location::File(path) => Store::open_file(path, clock),
            Location::Server(address, _) => {
                let db = Db::open_server(address)?;
                schema_server::open_schema(&db, address.shown())?;
                Ok(Store {
                    db,
                    location: location.clone(),
                    // A run's owner on a server is its connection's session lock, not a file.
                    host: None,
                    runs_dir: PathBuf::new(),
                    owner: OnceCell::new(),
                    server_owner: OnceCell::new(),
                    clock,
                    author: None,
                })
            }
        }
    }

    fn open_file(path: &Path, clock: Option<Clock>) -> Result<Store> {
        let open_error = |reason: String| StoreError::Open {
            path: path.display().to_string(),
            reason,
        };
        files::prepare(path).map_err(|e| open_error(e.to_string()))?;
        let conn = rusqlite::Connection::open(path).map_err(|e| open_error(e.to_string()))?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        schema::open_schema(&conn, path)?;
        Ok(Store {
            db: Db::Sqlite(conn),
            location: Location::File(path.to_path_buf()),
            host: files::host_name(),
            runs_dir: owner::dir_for(path),
            owner: OnceCell::new(),
            server_owner: OnceCell::new(),
            clock,
            author: None,
        })
    }

    /// The current time, from the clock this store was opened with.
    fn now(&self) -> Result<String> {
        self.clock.map(|clock| clock()).ok_or(StoreError::ReadOnly)
    }

    /// Records what this store makes from now on as made by `author`.
    pub fn set_author(&mut self, author: Option<String>) {
        self.author = author;
    }

    pub fn author(&self) -> Option<&str> {
        self.author.as_deref()
    }

    /// Where this store's data lives.
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// The local file, or the workspace's address as shown (never with its password).
    pub fn path(&self) -> &Path {
        self.location.as_path()
    }

    /// Caps the database size, to simulate a full disk in tests (a local file only).
    #[doc(hidden)]
    pub fn set_max_page_count_for_tests(&self, pages: i64) {
        if let Db::Sqlite(conn) = &self.db {
            let _ = conn.pragma_update(None, "max_page_count", pages);
        }
    }

    // ---- clients -------------------------------------------------------------------------

    pub fn create_client(&self, name: &str) -> Result<Client> {
        let name = clean_name(name, "A client")?;
        let now = self.now()?;
        let tx = self.write_tx()?;
        if self.client_by_name(&name)?.is_some() {
            return Err(StoreError::DuplicateClient(name));
        }
        let id = self.db.insert(
            "INSERT INTO clients (name, created_at) VALUES (?1, ?2)",
            args![name, now],
        )?;
        tx.commit()?;
        Ok(Client {
            id,
            name,
            created_at: now,
        })
    }

    /// The live client with this name, created if there is none; safe when several processes
    /// ask for the same new name at once (each gets the one client).
    pub fn find_or_create_client(&self, name: &str) -> Result<Client> {
        let name = clean_name(name, "A client")?;
        let tx = self.write_tx()?;
        let client = match self.client_by_name(&name)? {
            Some(client) => client,
            None => {
                let now = self.now()?;
                let id = self.db.insert(
                    "INSERT INTO clients (name, created_at) VALUES (?1, ?2)",
                    args![name, now],
                )?;
                Client {
                    id,
                    name,
                    created_at: now,
                }
            }
        };
        tx.commit()?;
        Ok(client)
    }

    pub fn client_by_name(&self, name: &str) -> Result<Option<Client>> {
        self.db.query_opt(
                "SELECT id, name, created_at FROM clients WHERE name = ?1 COLLATE NOCASE AND deleted_at IS NULL",
                args![name.trim()],
                client_row,
            )
    }

    pub fn client(&self, id: i64) -> Result<Client> {
        self.db
            .query_opt(
                "SELECT id, name, created_at FROM clients WHERE id = ?1 AND deleted_at IS NULL",
                args![id],
                client_row,
            )?
            .ok_or(StoreError::ClientNotFound(id))
    }

    pub fn rename_client(&self, id: i64, name: &str) -> Result<Client> {
        let name = clean_name(name, "A client")?;
        let tx = self.write_tx()?;
        if let Some(other) = self.client_by_name(&name)? {
            if other.id != id {
                return Err(StoreError::DuplicateClient(name));
            }
        }
        let changed = self.db.execute(
            "UPDATE clients SET name = ?1 WHERE id = ?2 AND deleted_at IS NULL",
            args![name, id],
        )?;
        if changed == 0 {
            return Err(StoreError::ClientNotFound(id));
        }
        let client = self.client(id)?;
        tx.commit()?;
        Ok(client)
    }

    /// Soft delete: the client, its pages and audits disappear from lists until restored.
    pub fn delete_client(&self, id: i64) -> Result<()> {
        self.soft_delete("clients", id, StoreError::ClientNotFound(id))
    }

    /// Undoes [`Store::delete_client`].
    pub fn restore_client(&self, id: i64) -> Result<Client> {
        let tx = self.write_tx()?;
        let name: Option<String> = self.db.query_opt(
            "SELECT name FROM clients WHERE id = ?1 AND deleted_at IS NOT NULL",
            args![id],
            |r| r.get(0),
        )?;
        let name = name.ok_or(StoreError::ClientNotFound(id))?;
        if self.client_by_name(&name)?.is_some() {
            return Err(StoreError::DuplicateClient(name));
        }
        self.db.execute(
            "UPDATE clients SET deleted_at = NULL WHERE id = ?1",
            args![id],
        )?;
        let client = self.client(id)?;
        tx.commit()?;
        Ok(client)
    }

    /// Clients with their landing-page counts, by name. Which audit stands for a client is the
    /// readiness model's answer, not the store's.
    pub fn list_clients(&self) -> Result<Vec<ClientSummary>> {
        let _snapshot = self.read_tx()?;
        let rows = self.db.query_map(
            "SELECT c.id, c.name, c.created_at,
                    (SELECT COUNT(*) FROM landing_pages p WHERE p.client_id = c.id AND p.deleted_at IS NULL)
             FROM clients c WHERE c.deleted_at IS NULL ORDER BY c.name COLLATE NOCASE", args![], |r| {
            Ok((
                Client {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    created_at: r.get(2)?,
                },
                r.get::<i64>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (client, page_count) = row;
            out.push(ClientSummary {
                client,
                page_count: u32::try_from(page_count).unwrap_or(0),
            });
        }
        Ok(out)
    }

    /// A short text that changes whenever a client, a landing page, an audit or a comment is
    /// added, renamed, deleted or restored, or an audit saves a page, by anyone: lists compare it to
    /// know when to reload (two cheap queries, for polling a team workspace).
    pub fn revision(&self) -> Result<String> {
        use std::hash::{Hash, Hasher};
        // Which rows are live is summed by id, so that deleting one and restoring another
        // changes it too.
        let counts: String = self.db.query_row(
            "SELECT (SELECT COUNT(*) || ':' || COALESCE(SUM(id), 0) FROM landing_pages WHERE deleted_at IS NULL)
                 || '/' || (SELECT COUNT(*) || ':' || COALESCE(SUM(CASE WHEN deleted_at IS NULL THEN id ELSE 0 END), 0)
                     || ':' || COALESCE(MAX(updated_at), '')
                     || ':' || COALESCE(SUM(CASE WHEN status = 'running' THEN 1 ELSE 0 END), 0)
                     FROM audit_runs)
                 || '/' || (SELECT COUNT(*) || ':' || COALESCE(SUM(id), 0) FROM comments WHERE deleted_at IS NULL)",
            args![],
            |r| r.get(0),
        )?;
        // Clients are few: their names are compared exactly.
        let mut names = std::collections::hash_map::DefaultHasher::new();
        for (id, name) in self.db.query_map(
            "SELECT id, name FROM clients WHERE deleted_at IS NULL ORDER BY id",
            args![],
            |r| Ok((r.get::<i64>(0)?, r.get::<String>(1)?)),
        )? {
            (id, name).hash(&mut names);
        }
        Ok(format!("{:x}/{counts}", names.finish()))
    }

    // ---- landing pages ---------------------------------------------------------------------

    /// Adds already-validated URLs to a client; URLs it already has are reported, not repeated.
    pub fn add_pages(&mut self, client_id: i64, urls: &[String]) -> Result<AddedPages> {
        let now = self.now()?;
        let tx = self.write_tx()?;
        self.client(client_id)?;
        let mut added = Vec::new();
        let mut already_present = Vec::new();
        for url in urls {
            let exists: bool = self.db.query_row(
                "SELECT EXISTS(SELECT 1 FROM landing_pages WHERE client_id = ?1 AND url = ?2 AND deleted_at IS NULL)",
                args![client_id, url],
                |r| r.get(0),
            )?;
            if exists {
                already_present.push(url.clone());
                continue;
            }
            let id = self.db.insert(
                "INSERT INTO landing_pages (client_id, url, created_at) VALUES (?1, ?2, ?3)",
                args![client_id, url, now],
            )?;
            added.push(LandingPage {
                id,
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
        let rows = self.db.query_map(
            "SELECT id, client_id, url, created_at FROM landing_pages
             WHERE client_id = ?1 AND deleted_at IS NULL ORDER BY id",
            args![client_id],
            |r| {
                Ok(LandingPage {
                    id: r.get(0)?,
                    client_id: r.get(1)?,
                    url: r.get(2)?,
                    created_at: r.get(3)?,
                })
            },
        )?;
        Ok(rows)
    }

    pub fn delete_page(&self, page_id: i64) -> Result<()> {
        self.soft_delete("landing_pages", page_id, StoreError::PageNotFound(page_id))
    }

    pub fn restore_page(&self, page_id: i64) -> Result<()> {
        let changed = self.db.execute(
            "UPDATE landing_pages SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM landing_pages o WHERE o.client_id = landing_pages.client_id
                               AND o.url = landing_pages.url AND o.deleted_at IS NULL)",
            args![page_id],
        )?;
        if changed == 0 {
            return Err(StoreError::PageNotFound(page_id));
        }
        Ok(())
    }

    // ---- shared helpers -------------------------------------------------------------------

    /// Marks a row deleted (so it can be restored); `missing` when there is no live row.
    fn soft_delete(&self, table: &'static str, id: i64, missing: StoreError) -> Result<()> {
        let changed = self.db.execute(
            &format!("UPDATE {table} SET deleted_at = ?1 WHERE id = ?2 AND deleted_at IS NULL"),
            args![self.now()?, id],
        )?;
        if changed == 0 {
            return Err(missing);
        }
        Ok(())
    }

    /// A write transaction that takes the write lock at once (waiting up to the busy timeout for
    /// another process), so that what it read cannot change before it writes.
    fn write_tx(&self) -> Result<Tx<'_>> {
        self.db.write_tx()
    }

    /// A read transaction: everything read through it is one snapshot, whatever other processes
    /// write meanwhile.
    fn read_tx(&self) -> Result<Tx<'_>> {
        self.db.read_tx()
    }
}

fn client_row(r: &Row) -> Result<Client> {
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
