//! A team workspace on a PostgreSQL server. The connection lives on a thread of its own: the
//! driver runs on a small async runtime of that thread, which must not be started from inside
//! the app's or the CLI's, and every call from the store is a blocking request to that thread.

use super::address::{ServerAddress, Tls};
use super::value::{Row, Value};
use crate::{Result, StoreError};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::Duration;
use tokio_postgres::error::SqlState;
use tokio_postgres::tls::{MakeTlsConnect, TlsConnect};
use tokio_postgres::types::{IsNull, ToSql, Type};
use tokio_postgres::{Error, Socket};

/// How long connecting may take when the address does not say (`connect_timeout`), the TLS
/// handshake and the login included, as libpq counts it: a server that takes the connection
/// and never answers is given up on, not waited for.
const CONNECT_WITHIN: Duration = Duration::from_secs(10);

enum Request {
    Execute(String, Vec<Value>),
    Query(String, Vec<Value>),
    Batch(String),
    /// Statements run now and again after every reconnection (session-level locks).
    Setup(String),
}

enum Reply {
    Count(u64),
    Rows(Vec<Row>),
    Done,
}

type Job = (Request, mpsc::Sender<Result<Reply>>);

pub struct Connection {
    jobs: mpsc::Sender<Job>,
}

impl Connection {
    /// Connects (failing with a clear reason when the server cannot be reached or refuses the
    /// login), then serves requests until the store is dropped.
    pub fn open(address: &ServerAddress) -> Result<Connection> {
        let (jobs, inbox) = mpsc::channel::<Job>();
        let (ready, opened) = mpsc::channel();
        let address = address.clone();
        std::thread::Builder::new()
            .name("preflight-db".into())
            .spawn(move || {
                let client = match connect(&address) {
                    Ok(client) => client,
                    Err(e) => {
                        let _ = ready.send(Err(e));
                        return;
                    }
                };
                let _ = ready.send(Ok(()));
                serve(address, client, inbox);
            })
            .map_err(|e| StoreError::Server(e.to_string()))?;
        opened
            .recv()
            .map_err(|_| StoreError::Server("the database thread ended".into()))??;
        Ok(Connection { jobs })
    }

    fn call(&self, request: Request) -> Result<Reply> {
        let (reply, answer) = mpsc::channel();
        self.jobs
            .send((request, reply))
            .map_err(|_| StoreError::Server("the database thread ended".into()))?;
        answer
            .recv()
            .map_err(|_| StoreError::Server("the database thread ended".into()))?
    }

    pub fn execute(&self, sql: &str, args: &[Value]) -> Result<usize> {
        match self.call(Request::Execute(placeholders(sql), args.to_vec()))? {
            Reply::Count(n) => Ok(usize::try_from(n).unwrap_or(usize::MAX)),
            _ => unreachable!("an execute answers with a count"),
        }
    }

    pub fn query(&self, sql: &str, args: &[Value]) -> Result<Vec<Row>> {
        match self.call(Request::Query(placeholders(sql), args.to_vec()))? {
            Reply::Rows(rows) => Ok(rows),
            _ => unreachable!("a query answers with rows"),
        }
    }

    pub fn batch(&self, sql: &str) -> Result<()> {
        self.call(Request::Batch(sql.to_string())).map(|_| ())
    }

    /// Runs `sql` now and again whenever the connection is made again.
    pub fn setup(&self, sql: &str) -> Result<()> {
        self.call(Request::Setup(sql.to_string())).map(|_| ())
    }
}

/// The connection's thread: runs each request; a connection that dropped is made again before
/// the next statement outside a transaction (inside one, the transaction is lost and says so).
fn serve(address: ServerAddress, mut client: Client, inbox: mpsc::Receiver<Job>) {
    let mut in_tx = false;
    let mut setup: Vec<String> = Vec::new();
    for (request, reply) in inbox {
        if let Request::Setup(sql) = &request {
            setup.push(sql.clone());
        }
        let begins = matches!(&request, Request::Batch(sql) if sql.starts_with("BEGIN"));
        let rolls_back = matches!(&request, Request::Batch(sql) if sql == "ROLLBACK");
        let ends = rolls_back || matches!(&request, Request::Batch(sql) if sql == "COMMIT");
        if client.is_closed() {
            if in_tx {
                // The transaction went with the connection: nothing of it was kept.
                in_tx = !ends;
                let result = if rolls_back {
                    Ok(Reply::Done)
                } else {
                    Err(lost(&address))
                };
                let _ = reply.send(result);
                continue;
            }
            let fresh = connect(&address).and_then(|mut fresh| {
                for sql in &setup {
                    fresh
                        .batch_execute(sql)
                        .map_err(|e| classify(e, &address))?;
                }
                Ok(fresh)
            });
            match fresh {
                Ok(fresh) => client = fresh,
                Err(e) => {
                    let _ = reply.send(Err(e));
                    continue;
                }
            }
        }
        let result = run(&mut client, request).map_err(|e| classify(e, &address));
        if begins && result.is_err() && !client.is_closed() {
            // A transaction whose opening failed half-way is not left open.
            let _ = client.batch_execute("ROLLBACK");
        }
        in_tx = (in_tx || (begins && result.is_ok())) && !ends;
        let _ = reply.send(result);
    }
}

fn run(client: &mut Client, request: Request) -> std::result::Result<Reply, Error> {
    match request {
        Request::Execute(sql, args) => client.execute(&sql, &refs(&args)).map(Reply::Count),
        Request::Query(sql, args) => {
            let rows = client.query(&sql, &refs(&args))?;
            rows.iter()
                .map(read_row)
                .collect::<std::result::Result<_, _>>()
                .map(Reply::Rows)
        }
        Request::Batch(sql) | Request::Setup(sql) => {
            client.batch_execute(&sql).map(|_| Reply::Done)
        }
    }
}

fn refs(args: &[Value]) -> Vec<&(dyn ToSql + Sync)> {
    args.iter().map(|a| a as &(dyn ToSql + Sync)).collect()
}

fn read_row(row: &tokio_postgres::Row) -> std::result::Result<Row, Error> {
    let mut values = Vec::with_capacity(row.len());
    for (i, column) in row.columns().iter().enumerate() {
        let ty = column.type_();
        let value = if *ty == Type::INT8 {
            row.try_get::<_, Option<i64>>(i)?
                .map_or(Value::Null, Value::Int)
        } else if *ty == Type::INT4 {
            row.try_get::<_, Option<i32>>(i)?
                .map_or(Value::Null, |n| Value::Int(n.into()))
        } else if *ty == Type::INT2 {
            row.try_get::<_, Option<i16>>(i)?
                .map_or(Value::Null, |n| Value::Int(n.into()))
        } else if *ty == Type::BOOL {
            row.try_get::<_, Option<bool>>(i)?
                .map_or(Value::Null, |b| Value::Int(b.into()))
        } else if *ty == Type::FLOAT8 {
            row.try_get::<_, Option<f64>>(i)?
                .map_or(Value::Null, Value::Real)
        } else {
            // Text and every other type the store's schema does not use is read as text.
            row.try_get::<_, Option<String>>(i)?
                .map_or(Value::Null, Value::Text)
        };
        values.push(value);
    }
    Ok(Row { values })
}

/// `?1`-style arguments as PostgreSQL writes them (`$1`), outside quoted text.
fn placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut quoted = false;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\'' {
            quoted = !quoted;
        }
        if c == '?' && !quoted && chars.peek().is_some_and(char::is_ascii_digit) {
            out.push('$');
        } else {
            out.push(c);
        }
    }
    out
}

/// A blocking connection: the driver's client and the runtime its connection task runs on (the
/// task makes progress whenever a call waits on the runtime).
struct Client {
    runtime: tokio::runtime::Runtime,
    client: Option<tokio_postgres::Client>,
    connection: Option<tokio::task::JoinHandle<()>>,
}

impl Client {
    fn client(&self) -> &tokio_postgres::Client {
        self.client.as_ref().expect("kept until dropped")
    }

    fn is_closed(&self) -> bool {
        self.client().is_closed()
    }

    fn execute(
        &mut self,
        sql: &str,
        args: &[&(dyn ToSql + Sync)],
    ) -> std::result::Result<u64, Error> {
        self.runtime.block_on(self.client().execute(sql, args))
    }

    fn query(
        &mut self,
        sql: &str,
        args: &[&(dyn ToSql + Sync)],
    ) -> std::result::Result<Vec<tokio_postgres::Row>, Error> {
        self.runtime.block_on(self.client().query(sql, args))
    }

    fn batch_execute(&mut self, sql: &str) -> std::result::Result<(), Error> {
        self.runtime.block_on(self.client().batch_execute(sql))
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        // Without its client the connection says goodbye to the server; it gets a moment to.
        drop(self.client.take());
        if let Some(connection) = self.connection.take() {
            // The timer is made inside the runtime, which it needs.
            let _ = self
                .runtime
                .block_on(async { tokio::time::timeout(Duration::from_secs(1), connection).await });
        }
    }
}

fn connect(address: &ServerAddress) -> Result<Client> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| StoreError::Server(e.to_string()))?;
    let mut config = address.config.clone();
    let within = config
        .get_connect_timeout()
        .copied()
        .unwrap_or(CONNECT_WITHIN);
    let attempt = match address.tls {
        Tls::Disable => {
            config.ssl_mode(tokio_postgres::config::SslMode::Disable);
            start(&runtime, &config, within, tokio_postgres::NoTls)
        }
        mode => {
            config.ssl_mode(if mode == Tls::Require {
                tokio_postgres::config::SslMode::Require
            } else {
                tokio_postgres::config::SslMode::Prefer
            });
            let tls = tokio_postgres_rustls::MakeRustlsConnect::new(tls_config(address)?);
            start(&runtime, &config, within, tls)
        }
    };
    match attempt {
        Ok(Some((client, connection))) => Ok(Client {
            runtime,
            client: Some(client),
            connection: Some(connection),
        }),
        Ok(None) => Err(StoreError::ServerUnreachable {
            place: address.shown().to_string(),
            reason: format!(
                "the server took the connection but did not answer within {} s",
                within.as_secs_f32()
            ),
        }),
        Err(e) => {
            let asks_password = std::error::Error::source(&e)
                .is_some_and(|s| s.to_string().contains("password missing"));
            if asks_password && !address.has_password() {
                return Err(StoreError::LoginRefused {
                    place: address.shown().to_string(),
                    reason: "the server asks for a password, and none is in the address or kept in the keychain for it".into(),
                });
            }
            Err(connect_error(e, address))
        }
    }
}

/// Connects within `within` (`None` when the time ran out) and starts the connection's task.
#[allow(clippy::type_complexity)]
fn start<T>(
    runtime: &tokio::runtime::Runtime,
    config: &tokio_postgres::Config,
    within: Duration,
    tls: T,
) -> std::result::Result<Option<(tokio_postgres::Client, tokio::task::JoinHandle<()>)>, Error>
where
    T: MakeTlsConnect<Socket> + Send + 'static,
    T::TlsConnect: Send,
    T::Stream: Send + 'static,
    <T::TlsConnect as TlsConnect<Socket>>::Future: Send,
{
    runtime.block_on(async {
        match tokio::time::timeout(within, config.connect(tls)).await {
            Err(_) => Ok(None),
            Ok(Err(e)) => Err(e),
            Ok(Ok((client, connection))) => {
                let task = tokio::spawn(async move {
                    let _ = connection.await;
                });
                Ok(Some((client, task)))
            }
        }
    })
}

/// A failure to connect as the store reports it: anything but a refused login or permission
/// means the server could not be reached.
fn connect_error(e: Error, address: &ServerAddress) -> StoreError {
    match classify(e, address) {
        StoreError::Server(reason) | StoreError::ConnectionLost { reason, .. } => {
            StoreError::ServerUnreachable {
                place: address.shown().to_string(),
                reason,
            }
        }
        other => other,
    }
}

/// Certificates are checked against the system's roots, or only `sslrootcert` when given.
fn tls_config(address: &ServerAddress) -> Result<rustls::ClientConfig> {
    use rustls::pki_types::{pem::PemObject, CertificateDer};
    let unreachable = |reason: String| StoreError::ServerUnreachable {
        place: address.shown().to_string(),
        reason,
    };
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| unreachable(e.to_string()))?;
    let config = match &address.root_cert {
        Some(path) => {
            let mut roots = rustls::RootCertStore::empty();
            let certs = CertificateDer::pem_file_iter(path)
                .and_then(|certs| certs.collect::<std::result::Result<Vec<_>, _>>())
                .map_err(|e| {
                    unreachable(format!(
                        "the sslrootcert file {} could not be read: {e}",
                        path.display()
                    ))
                })?;
            roots.add_parsable_certificates(certs);
            builder.with_root_certificates(roots).with_no_client_auth()
        }
        None => {
            use rustls_platform_verifier::BuilderVerifierExt;
            builder
                .with_platform_verifier()
                .map_err(|e| unreachable(e.to_string()))?
                .with_no_client_auth()
        }
    };
    Ok(config)
}

fn lost(address: &ServerAddress) -> StoreError {
    StoreError::ConnectionLost {
        place: address.shown().to_string(),
        reason: "the connection was closed".into(),
    }
}

/// A driver error as the store reports it.
fn classify(e: Error, address: &ServerAddress) -> StoreError {
    let place = address.shown().to_string();
    if let Some(db) = e.as_db_error() {
        let reason = db.message().to_string();
        let code = db.code();
        return if *code == SqlState::INVALID_PASSWORD
            || *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION
        {
            StoreError::LoginRefused { place, reason }
        } else if *code == SqlState::INSUFFICIENT_PRIVILEGE {
            StoreError::PermissionDenied { place, reason }
        } else if *code == SqlState::DISK_FULL {
            StoreError::DiskFull
        } else if *code == SqlState::T_R_SERIALIZATION_FAILURE
            || *code == SqlState::T_R_DEADLOCK_DETECTED
            || *code == SqlState::LOCK_NOT_AVAILABLE
        {
            StoreError::Busy
        } else if *code == SqlState::ADMIN_SHUTDOWN
            || *code == SqlState::CRASH_SHUTDOWN
            || *code == SqlState::CANNOT_CONNECT_NOW
        {
            StoreError::ConnectionLost { place, reason }
        } else if *code == SqlState::INVALID_CATALOG_NAME {
            StoreError::ServerUnreachable { place, reason }
        } else {
            StoreError::Server(reason)
        };
    }
    if e.is_closed() || std::error::Error::source(&e).is_some_and(|s| s.is::<std::io::Error>()) {
        return StoreError::ConnectionLost {
            place,
            reason: with_causes(&e),
        };
    }
    StoreError::Server(with_causes(&e))
}

/// An error with what caused it ("error performing TLS handshake: invalid peer certificate:
/// UnknownIssuer"), so that the message names the real problem.
fn with_causes(e: &Error) -> String {
    let mut text = e.to_string();
    let mut cause = std::error::Error::source(e);
    while let Some(c) = cause {
        let more = c.to_string();
        if !text.contains(&more) {
            text.push_str(": ");
            text.push_str(&more);
        }
        cause = c.source();
    }
    text
}

impl ToSql for Value {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut bytes::BytesMut,
    ) -> std::result::Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match self {
            Value::Null => Ok(IsNull::Yes),
            Value::Int(n) => match *ty {
                Type::INT8 => n.to_sql(ty, out),
                Type::INT4 => i32::try_from(*n)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(*n)?.to_sql(ty, out),
                Type::BOOL => (*n != 0).to_sql(ty, out),
                Type::FLOAT8 => (*n as f64).to_sql(ty, out),
                _ => n.to_string().as_str().to_sql(ty, out),
            },
            Value::Real(x) => match *ty {
                Type::FLOAT4 => (*x as f32).to_sql(ty, out),
                Type::FLOAT8 => x.to_sql(ty, out),
                _ => x.to_string().as_str().to_sql(ty, out),
            },
            Value::Text(s) => s.as_str().to_sql(ty, out),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    tokio_postgres::types::to_sql_checked!();
}

#[cfg(test)]
mod tests {
    #[test]
    fn arguments_are_renumbered_outside_quotes() {
        assert_eq!(
            super::placeholders("SELECT ?1, '?2', x FROM t WHERE a = ?12 AND b = ?"),
            "SELECT $1, '?2', x FROM t WHERE a = $12 AND b = ?"
        );
    }
}
