//! Fresh databases on the tests' PostgreSQL server: the throw-away server the test command
//! starts (`scripts/postgres-server.sh`), whose admin address is in `PREFLIGHT_TEST_POSTGRES`.
//! Databases are made and dropped with `psql`, so that no async runtime is started inside a
//! test's own.

use std::process::Command;
use std::sync::atomic::{AtomicU32, Ordering};

/// The variable holding the test server's admin address.
pub const SERVER_VARIABLE: &str = "PREFLIGHT_TEST_POSTGRES";

/// The variable that runs the store's test-suite against the server instead of a file.
pub const BACKEND_VARIABLE: &str = "PREFLIGHT_TEST_BACKEND";

/// Whether the store's shared test-suite should run against the server this time.
pub fn suite_on_server() -> bool {
    std::env::var(BACKEND_VARIABLE).is_ok_and(|v| v == "postgres")
}

/// The test server's admin address. Panics with what to do when it is not set: a test of the
/// team workspace never passes without a server.
pub fn admin_url() -> String {
    std::env::var(SERVER_VARIABLE).unwrap_or_else(|_| {
        panic!(
            "{SERVER_VARIABLE} is not set: run the tests with scripts/test-all.sh, or start a server \
             with `scripts/postgres-server.sh start DIR` and set {SERVER_VARIABLE} to the address it prints"
        )
    })
}

/// An empty database of its own, dropped (with any connections left) when this is dropped.
pub struct TestDatabase {
    name: String,
    admin: String,
}

impl TestDatabase {
    pub fn new() -> TestDatabase {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let admin = admin_url();
        let name = format!(
            "preflight_test_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        psql(&admin, &format!("CREATE DATABASE {name}"));
        TestDatabase { name, admin }
    }

    /// The database's address for the admin role.
    pub fn url(&self) -> String {
        with_database(&self.admin, &self.name)
    }

    /// The database's address for `user` with `password`.
    pub fn url_for(&self, user: &str, password: &str) -> String {
        let url = self.url();
        let (scheme, rest) = url.split_once("://").expect("a URL");
        let (_, host) = rest.rsplit_once('@').expect("a user");
        format!("{scheme}://{user}:{password}@{host}")
    }

    /// A login role of its own, with `password`, that may do everything in this database (an
    /// analyst); its name.
    pub fn analyst(&self, password: &str) -> String {
        let role = format!("analyst_{}", self.name);
        self.admin_sql(&format!(
            "CREATE ROLE {role} LOGIN PASSWORD '{password}'; GRANT ALL ON DATABASE {} TO {role};
             GRANT ALL ON SCHEMA public TO {role};",
            self.name
        ));
        role
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// Runs SQL in this database as the admin (setting up roles, breaking things on purpose).
    pub fn admin_sql(&self, sql: &str) -> String {
        psql(&self.url(), sql)
    }
}

impl Default for TestDatabase {
    fn default() -> Self {
        TestDatabase::new()
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let _ = Command::new("psql")
            .args([
                self.admin.as_str(),
                "-q",
                "-c",
                &format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name),
            ])
            .output();
    }
}

/// `admin` (an address ending in `/postgres?…`) pointing at database `name` instead.
fn with_database(admin: &str, name: &str) -> String {
    let (base, query) = admin.split_once('?').unwrap_or((admin, ""));
    let base = base.rsplit_once('/').map_or(base, |(b, _)| b);
    if query.is_empty() {
        format!("{base}/{name}")
    } else {
        format!("{base}/{name}?{query}")
    }
}

/// Runs `sql` with psql at `url`; its output (tuples only). Panics with psql's message.
pub fn psql(url: &str, sql: &str) -> String {
    let out = Command::new("psql")
        .args([url, "-v", "ON_ERROR_STOP=1", "-qAt", "-c", sql])
        .output()
        .expect("psql (PostgreSQL's client) is installed");
    assert!(
        out.status.success(),
        "psql failed on {sql}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}
