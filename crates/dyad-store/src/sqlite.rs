//! The SQLite backend: a file, WAL mode, FTS5 for search, migrations as
//! numbered SQL files recorded in `PRAGMA user_version`.

use std::path::Path;

use rusqlite::types::ValueRef;
use rusqlite::Connection;

use crate::conn::{Cell, Conn, Dialect, Insert, Row, Value};
use crate::StoreError;

/// Every migration, in order; migration `n` (1-based) brings the schema to
/// version `n`.
const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_documents.sql"),
    include_str!("../migrations/0002_events.sql"),
    include_str!("../migrations/0003_quotes.sql"),
    include_str!("../migrations/0004_times_places.sql"),
    include_str!("../migrations/0005_workbench.sql"),
    include_str!("../migrations/0006_walk_indexes.sql"),
    include_str!("../migrations/0007_fts_by_batch.sql"),
    include_str!("../migrations/0008_document_indexes.sql"),
];

/// The schema version this build writes.
pub(crate) const LATEST: i64 = MIGRATIONS.len() as i64;

/// A SQLite connection.
#[derive(Debug)]
pub(crate) struct SqliteConn {
    pub(crate) conn: Connection,
}

impl SqliteConn {
    pub(crate) fn open(path: &Path) -> Result<SqliteConn, StoreError> {
        let conn = Connection::open(path).map_err(|e| StoreError::open(&path.display().to_string(), e))?;
        SqliteConn::init(conn)
    }

    pub(crate) fn open_in_memory() -> Result<SqliteConn, StoreError> {
        SqliteConn::init(Connection::open_in_memory().map_err(StoreError::sqlite)?)
    }

    fn init(mut conn: Connection) -> Result<SqliteConn, StoreError> {
        // Pages of 8 KiB rather than 4: a document's row (its text and
        // stored analysis, tens of KB) spans fewer overflow pages, and
        // ingest spends about 4% less CPU time. Takes effect only on a new
        // database, so it comes before WAL mode writes the first page;
        // existing databases keep their page size.
        conn.pragma_update(None, "page_size", 8192).map_err(StoreError::sqlite)?;
        conn.pragma_update(None, "journal_mode", "WAL").map_err(StoreError::sqlite)?;
        conn.pragma_update(None, "synchronous", "NORMAL").map_err(StoreError::sqlite)?;
        conn.pragma_update(None, "foreign_keys", "ON").map_err(StoreError::sqlite)?;
        conn.busy_timeout(std::time::Duration::from_secs(30)).map_err(StoreError::sqlite)?;
        conn.set_prepared_statement_cache_capacity(128);
        migrate(&mut conn)?;
        Ok(SqliteConn { conn })
    }
}

fn version(conn: &Connection) -> Result<i64, StoreError> {
    conn.query_row("PRAGMA user_version", [], |row| row.get(0)).map_err(StoreError::sqlite)
}

/// Applies the migrations the database has not seen, each in a transaction.
fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let current = version(conn)?;
    if current > LATEST {
        return Err(StoreError::too_new(current, LATEST));
    }
    for (idx, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let tx = conn.transaction().map_err(StoreError::sqlite)?;
        tx.execute_batch(sql).map_err(StoreError::sqlite)?;
        tx.pragma_update(None, "user_version", idx as i64 + 1).map_err(StoreError::sqlite)?;
        tx.commit().map_err(StoreError::sqlite)?;
    }
    Ok(())
}

fn to_sql<'a>(value: &'a Value<'a>) -> rusqlite::types::ToSqlOutput<'a> {
    use rusqlite::types::{ToSqlOutput, Value as V};
    match *value {
        Value::Int(Some(v)) => ToSqlOutput::Owned(V::Integer(v)),
        Value::Real(Some(v)) => ToSqlOutput::Owned(V::Real(v)),
        Value::Text(Some(v)) => ToSqlOutput::Borrowed(ValueRef::Text(v.as_bytes())),
        Value::Owned(ref v) => ToSqlOutput::Borrowed(ValueRef::Text(v.as_bytes())),
        Value::Int(None) | Value::Real(None) | Value::Text(None) => ToSqlOutput::Owned(V::Null),
    }
}

/// SQLite numbers placeholders `?1`; the shared SQL writes `$1`.
fn sqlite_sql(sql: &str) -> String {
    sql.replace('$', "?")
}

fn bind(statement: &mut rusqlite::CachedStatement<'_>, params: &[Value<'_>]) -> Result<(), StoreError> {
    for (idx, value) in params.iter().enumerate() {
        statement.raw_bind_parameter(idx + 1, to_sql(value)).map_err(StoreError::sqlite)?;
    }
    Ok(())
}

impl Conn for SqliteConn {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }

    fn execute(&mut self, sql: &str, params: &[Value<'_>]) -> Result<u64, StoreError> {
        let mut statement = self.conn.prepare_cached(&sqlite_sql(sql)).map_err(StoreError::sqlite)?;
        bind(&mut statement, params)?;
        statement.raw_execute().map(|n| n as u64).map_err(StoreError::sqlite)
    }

    fn query(&mut self, sql: &str, params: &[Value<'_>]) -> Result<Vec<Row>, StoreError> {
        let mut statement = self.conn.prepare_cached(&sqlite_sql(sql)).map_err(StoreError::sqlite)?;
        bind(&mut statement, params)?;
        let n_columns = statement.column_count();
        let mut rows = statement.raw_query();
        let mut out = Vec::new();
        while let Some(row) = rows.next().map_err(StoreError::sqlite)? {
            let mut cells = Vec::with_capacity(n_columns);
            for idx in 0..n_columns {
                cells.push(match row.get_ref(idx).map_err(StoreError::sqlite)? {
                    ValueRef::Null => Cell::Null,
                    ValueRef::Integer(v) => Cell::Int(v),
                    ValueRef::Real(v) => Cell::Real(v),
                    ValueRef::Text(t) | ValueRef::Blob(t) => Cell::Text(String::from_utf8_lossy(t).into_owned()),
                });
            }
            out.push(Row(cells));
        }
        Ok(out)
    }

    fn batch(&mut self, sql: &str) -> Result<(), StoreError> {
        self.conn.execute_batch(sql).map_err(StoreError::sqlite)
    }

    fn schema_version(&mut self) -> Result<i64, StoreError> {
        version(&self.conn)
    }

    fn is_retryable(&self, _err: &StoreError) -> bool {
        // One writer at a time (busy timeout); nothing to retry.
        false
    }

    /// One statement per row, as [`crate::conn::insert_row_by_row`] runs
    /// them, prepared once for all the rows rather than looked up again
    /// for each. (Statements of many rows each were no faster: the time is
    /// in SQLite's B-trees, not in the statements.)
    fn insert_rows(&mut self, insert: &Insert, rows: &[Vec<Value<'_>>]) -> Result<Vec<bool>, StoreError> {
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let mut statement = self.conn.prepare_cached(&sqlite_sql(&insert.row_sql())).map_err(StoreError::sqlite)?;
        rows.iter()
            .map(|row| {
                bind(&mut statement, row)?;
                statement.raw_execute().map(|n| n > 0).map_err(StoreError::sqlite)
            })
            .collect()
    }
}
