//! Copying everything from one store to another (a laptop's file into a team workspace, or
//! back): every client, page, audit with its pages and journeys, scenario, import, ad, schedule,
//! change, alert and setting, deleted ones too (they can still be restored), with their ids.
//!
//! The copy is one transaction on the destination: it lands whole or not at all. Rows already
//! there with the same content are left alone, so running it again copies only what is new. A
//! destination copied from this database before (they share its [`crate::DATABASE_ID`], which the copy
//! carries over) keeps the rows its users changed since; any other destination holding
//! different work under the same ids is refused, and nothing is written. Afterwards every
//! table's rows are counted on both sides.

use crate::db::{args, Db, Dialect, Value};
use crate::{Result, Store, StoreError};
use serde::Serialize;

/// Each table with its key, parents before children.
const TABLES: &[(&str, &str)] = &[
    ("clients", "id"),
    ("landing_pages", "id"),
    ("audit_runs", "id"),
    ("page_results", "id"),
    ("journeys", "id"),
    ("scenarios", "id"),
    ("log_imports", "id"),
    ("settings", "key"),
    ("ad_destinations", "id"),
    ("schedules", "client_id"),
    ("change_events", "id"),
    ("alert_channels", "id"),
    ("alert_deliveries", "id"),
    ("capi_checks", "id"),
    ("comments", "id"),
];

/// Rows read from the source at a time, so that large audits are never held whole.
const BATCH: i64 = 500;

/// One table's rows after a copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct TableCopy {
    pub table: String,
    /// Rows in the source.
    pub source: u64,
    /// Rows written by this copy.
    pub copied: u64,
    /// Rows the destination already had, the same.
    pub already_there: u64,
    /// Rows the destination's users changed since an earlier copy, kept as they are there.
    pub changed_there: u64,
}

/// What a copy did, table by table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct CopyReport {
    pub tables: Vec<TableCopy>,
}

impl CopyReport {
    pub fn copied(&self) -> u64 {
        self.tables.iter().map(|t| t.copied).sum()
    }

    pub fn rows(&self, table: &str) -> Option<&TableCopy> {
        self.tables.iter().find(|t| t.table == table)
    }
}

impl Store {
    /// Copies everything in this store into `to` (see the module's note).
    pub fn copy_into(&self, to: &Store) -> Result<CopyReport> {
        let _snapshot = self.read_tx()?;
        let tx = to.write_tx()?;
        let ours = self.database_id()?;
        let same_lineage = ours.is_some() && ours == to.database_id()?;
        let mut report = CopyReport::default();
        for (table, key) in TABLES {
            report
                .tables
                .push(copy_table(&self.db, &to.db, table, key, same_lineage)?);
        }
        if to.db.dialect() == Dialect::Postgres {
            for (table, key) in TABLES.iter().filter(|(_, key)| *key == "id") {
                to.db.query(
                    &format!(
                        "SELECT setval(pg_get_serial_sequence('{table}', '{key}'),
                                       GREATEST((SELECT MAX({key}) FROM {table}), 1))"
                    ),
                    args![],
                )?;
            }
        }
        for copied in &report.tables {
            let there = count(&to.db, &copied.table)?;
            if there < copied.source {
                return Err(StoreError::Invalid(format!(
                    "The copy was checked and is short: table {} has {there} rows where the source has {}. Nothing was copied.",
                    copied.table, copied.source
                )));
            }
        }
        tx.commit()?;
        Ok(report)
    }
}

fn copy_table(from: &Db, to: &Db, table: &str, key: &str, same_lineage: bool) -> Result<TableCopy> {
    let columns = columns(from, table)?;
    if columns != self::columns(to, table)? {
        return Err(StoreError::Invalid(format!(
            "The two databases' {table} tables differ; open both with this version of Preflight first."
        )));
    }
    let list = columns.join(", ");
    let marks: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
    let insert = format!(
        "INSERT INTO {table} ({list}) VALUES ({}) ON CONFLICT ({key}) DO NOTHING",
        marks.join(", ")
    );
    let same = format!("SELECT {list} FROM {table} WHERE {key} = ?1");
    let key_index = columns
        .iter()
        .position(|c| c == key)
        .expect("a table's key is a column");
    let mut done = TableCopy {
        table: table.to_string(),
        source: 0,
        copied: 0,
        already_there: 0,
        changed_there: 0,
    };
    let mut after: Option<Value> = None;
    loop {
        let rows = match &after {
            None => from.query(
                &format!("SELECT {list} FROM {table} ORDER BY {key} LIMIT ?1"),
                args![BATCH],
            )?,
            Some(last) => from.query(
                &format!("SELECT {list} FROM {table} WHERE {key} > ?1 ORDER BY {key} LIMIT ?2"),
                args![last, BATCH],
            )?,
        };
        for row in &rows {
            done.source += 1;
            let written = to.execute(&insert, row.values()).map_err(|e| match e {
                StoreError::ConnectionLost { .. } | StoreError::DiskFull | StoreError::Busy => e,
                other => StoreError::Invalid(format!(
                    "The destination already holds other work that this copy would clash with ({table}: {other}). Copy into an empty workspace, or into one this database was copied to before. Nothing was copied."
                )),
            })?;
            if written == 1 {
                done.copied += 1;
                continue;
            }
            let there = to.query(&same, &row.values()[key_index..=key_index])?;
            if there.first().map(|r| r.values()) == Some(row.values()) {
                done.already_there += 1;
            } else if same_lineage {
                done.changed_there += 1;
            } else {
                return Err(StoreError::Invalid(format!(
                    "The destination already holds other work: {table} {key} {:?} differs from the source's. Copy into an empty workspace, or into one this database was copied to before. Nothing was copied.",
                    row.values()[key_index]
                )));
            }
        }
        match rows.last() {
            Some(last) if rows.len() as i64 == BATCH => {
                after = Some(last.values()[key_index].clone())
            }
            _ => break,
        }
    }
    Ok(done)
}

fn count(db: &Db, table: &str) -> Result<u64> {
    let n: i64 = db.query_row(&format!("SELECT COUNT(*) FROM {table}"), args![], |r| {
        r.get(0)
    })?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// A table's columns, sorted by name (the two databases may have added them in another order).
fn columns(db: &Db, table: &str) -> Result<Vec<String>> {
    let sql = match db.dialect() {
        Dialect::Sqlite => "SELECT name FROM pragma_table_info(?1)",
        Dialect::Postgres => {
            "SELECT column_name::text FROM information_schema.columns
             WHERE table_name = ?1 AND table_schema = current_schema()"
        }
    };
    let mut names = db.query_map(sql, args![table], |r| r.get::<String>(0))?;
    names.sort();
    Ok(names)
}
