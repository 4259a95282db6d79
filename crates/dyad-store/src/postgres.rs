//! The PostgreSQL backend: the same tables as SQLite (BIGINT, DOUBLE
//! PRECISION, TEXT), `tsvector` search, migrations recorded in a
//! `dyad_schema` table and applied under an advisory lock, so several
//! `dyad ingest` processes may start on one database at once.

use std::collections::HashMap;

use postgres::types::{ToSql, Type};
use postgres::{Client, NoTls, Statement};

use crate::conn::{Cell, Conn, Dialect, Row, Value};
use crate::StoreError;

/// PostgreSQL migrations, by the schema version they bring the database
/// to. The first creates the whole schema at the version SQLite had then.
const MIGRATIONS: &[(i64, &str)] = &[
    (5, include_str!("../migrations/postgres/0005_schema.sql")),
    (6, include_str!("../migrations/postgres/0006_walk_indexes.sql")),
];

/// The schema version this build writes.
pub(crate) const LATEST: i64 = 6;

/// Key of the advisory lock migrations hold ("dyad" in ASCII).
const MIGRATION_LOCK: i64 = 0x6479_6164;

/// A PostgreSQL connection with its prepared statements.
pub(crate) struct PgConn {
    client: Client,
    statements: HashMap<String, Statement>,
}

impl std::fmt::Debug for PgConn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgConn").field("n_statements", &self.statements.len()).finish()
    }
}

/// The URL without its password, for messages.
pub(crate) fn redact(url: &str) -> String {
    let Some(scheme_end) = url.find("://").map(|i| i + 3) else {
        return url.to_string();
    };
    let Some(at) = url[scheme_end..].find('@').map(|i| i + scheme_end) else {
        return url.to_string();
    };
    match url[scheme_end..at].find(':') {
        Some(colon) => format!("{}:***{}", &url[..scheme_end + colon], &url[at..]),
        None => url.to_string(),
    }
}

impl PgConn {
    /// Connects to `url` (`postgres://user:pass@host/db`) and brings the
    /// schema up to date.
    pub(crate) fn connect(url: &str) -> Result<PgConn, StoreError> {
        let client = Client::connect(url, NoTls).map_err(|e| StoreError::connect(&redact(url), e))?;
        let mut conn = PgConn { client, statements: HashMap::new() };
        conn.migrate()?;
        Ok(conn)
    }

    fn migrate(&mut self) -> Result<(), StoreError> {
        let mut tx = self.client.transaction().map_err(StoreError::postgres)?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK]).map_err(StoreError::postgres)?;
        tx.batch_execute("CREATE TABLE IF NOT EXISTS dyad_schema (version BIGINT NOT NULL)").map_err(StoreError::postgres)?;
        let current: i64 = tx.query_opt("SELECT version FROM dyad_schema", &[]).map_err(StoreError::postgres)?.map_or(0, |row| row.get(0));
        if current > LATEST {
            return Err(StoreError::too_new(current, LATEST));
        }
        for &(version, sql) in MIGRATIONS.iter().filter(|(v, _)| *v > current) {
            tx.batch_execute(sql).map_err(StoreError::postgres)?;
            tx.execute("DELETE FROM dyad_schema", &[]).map_err(StoreError::postgres)?;
            tx.execute("INSERT INTO dyad_schema (version) VALUES ($1)", &[&version]).map_err(StoreError::postgres)?;
        }
        tx.commit().map_err(StoreError::postgres)
    }

    fn statement(&mut self, sql: &str) -> Result<Statement, StoreError> {
        if let Some(statement) = self.statements.get(sql) {
            return Ok(statement.clone());
        }
        let statement = self.client.prepare(sql).map_err(StoreError::postgres)?;
        self.statements.insert(sql.to_string(), statement.clone());
        Ok(statement)
    }
}

fn to_sql<'a>(value: &'a Value<'a>) -> &'a (dyn ToSql + Sync) {
    match value {
        Value::Int(v) => v,
        Value::Real(v) => v,
        Value::Text(v) => v,
        Value::Owned(v) => v,
    }
}

fn cell(row: &postgres::Row, idx: usize) -> Result<Cell, StoreError> {
    let ty = row.columns()[idx].type_();
    let cell = if *ty == Type::INT8 {
        row.try_get::<_, Option<i64>>(idx).map(|v| v.map_or(Cell::Null, Cell::Int))
    } else if *ty == Type::INT4 {
        row.try_get::<_, Option<i32>>(idx).map(|v| v.map_or(Cell::Null, |v| Cell::Int(v.into())))
    } else if *ty == Type::INT2 {
        row.try_get::<_, Option<i16>>(idx).map(|v| v.map_or(Cell::Null, |v| Cell::Int(v.into())))
    } else if *ty == Type::FLOAT8 {
        row.try_get::<_, Option<f64>>(idx).map(|v| v.map_or(Cell::Null, Cell::Real))
    } else if *ty == Type::FLOAT4 {
        row.try_get::<_, Option<f32>>(idx).map(|v| v.map_or(Cell::Null, |v| Cell::Real(v.into())))
    } else if *ty == Type::BOOL {
        row.try_get::<_, Option<bool>>(idx).map(|v| v.map_or(Cell::Null, |v| Cell::Int(v.into())))
    } else {
        row.try_get::<_, Option<String>>(idx).map(|v| v.map_or(Cell::Null, Cell::Text))
    };
    cell.map_err(StoreError::postgres)
}

impl Conn for PgConn {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }

    fn execute(&mut self, sql: &str, params: &[Value<'_>]) -> Result<u64, StoreError> {
        let statement = self.statement(sql)?;
        let params: Vec<&(dyn ToSql + Sync)> = params.iter().map(to_sql).collect();
        self.client.execute(&statement, &params).map_err(StoreError::postgres)
    }

    fn query(&mut self, sql: &str, params: &[Value<'_>]) -> Result<Vec<Row>, StoreError> {
        let statement = self.statement(sql)?;
        let params: Vec<&(dyn ToSql + Sync)> = params.iter().map(to_sql).collect();
        let rows = self.client.query(&statement, &params).map_err(StoreError::postgres)?;
        rows.iter().map(|row| (0..row.len()).map(|idx| cell(row, idx)).collect::<Result<Vec<_>, _>>().map(Row)).collect()
    }

    fn batch(&mut self, sql: &str) -> Result<(), StoreError> {
        self.client.batch_execute(sql).map_err(StoreError::postgres)
    }

    fn schema_version(&mut self) -> Result<i64, StoreError> {
        let row = self.client.query_one("SELECT version FROM dyad_schema", &[]).map_err(StoreError::postgres)?;
        Ok(row.get(0))
    }

    fn is_retryable(&self, err: &StoreError) -> bool {
        err.sql_state().is_some_and(|code| code == "40P01" || code == "40001")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_stay_out_of_messages() {
        assert_eq!(super::redact("postgres://dyad:s3cret@localhost/dyad"), "postgres://dyad:***@localhost/dyad");
        assert_eq!(super::redact("postgres://localhost/dyad"), "postgres://localhost/dyad");
        assert_eq!(super::redact("host=localhost user=dyad"), "host=localhost user=dyad");
    }
}
