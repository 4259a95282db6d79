//! The PostgreSQL backend: the same tables as SQLite (BIGINT, DOUBLE
//! PRECISION, TEXT), `tsvector` search, migrations recorded in a
//! `dyad_schema` table and applied under an advisory lock, so several
//! `dyad ingest` processes may start on one database at once.

use std::collections::HashMap;

use postgres::types::{ToSql, Type};
use postgres::{Client, NoTls, Statement};

use crate::conn::{insert_row_by_row, Cell, Conn, Dialect, Insert, Row, Value};
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

    /// Rows in chunks of one statement each, `INSERT … SELECT * FROM
    /// unnest($1::type[], …)` with one array per column: a round trip per
    /// chunk, not per row, and one prepared statement per table. A
    /// conflict clause returns the first column (the documents' id) of the
    /// rows inserted.
    fn insert_rows(&mut self, insert: &Insert, rows: &[Vec<Value<'_>>]) -> Result<Vec<bool>, StoreError> {
        let Some(kinds) = column_kinds(insert, rows) else {
            // Rows whose values do not give each column one type (none
            // of ours): one statement per row.
            return insert_row_by_row(self, insert, rows);
        };
        let sql = unnest_sql(insert, &kinds);
        let statement = self.statement(&sql)?;
        let mut inserted = Vec::with_capacity(rows.len());
        for chunk in chunks(rows) {
            let columns: Vec<Column> = kinds.iter().enumerate().map(|(c, &kind)| Column::of(kind, chunk, c)).collect();
            let params: Vec<&(dyn ToSql + Sync)> = columns.iter().map(Column::to_sql).collect();
            if insert.on_conflict.is_empty() {
                self.client.execute(&statement, &params).map_err(StoreError::postgres)?;
                inserted.extend(chunk.iter().map(|_| true));
                continue;
            }
            let returned = self.client.query(&statement, &params).map_err(StoreError::postgres)?;
            let mut new: HashMap<String, usize> = HashMap::new();
            for row in &returned {
                *new.entry(row.try_get::<_, String>(0).map_err(StoreError::postgres)?).or_default() += 1;
            }
            // A key inserted once: its first row (later rows with the same
            // key were the conflicts).
            for row in chunk {
                let key = match row.first() {
                    Some(Value::Text(Some(key))) => Some(*key),
                    Some(Value::Owned(key)) => Some(key.as_str()),
                    _ => None,
                };
                let count = key.and_then(|key| new.get_mut(key)).filter(|n| **n > 0);
                inserted.push(count.map(|n| *n -= 1).is_some());
            }
        }
        Ok(inserted)
    }
}

/// The PostgreSQL type of a column of rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Int,
    Real,
    Text,
}

impl Kind {
    fn of(value: &Value<'_>) -> Kind {
        match value {
            Value::Int(_) => Kind::Int,
            Value::Real(_) => Kind::Real,
            Value::Text(_) | Value::Owned(_) => Kind::Text,
        }
    }
}

/// The type of each column, when every row has one value per column and
/// each column one type.
fn column_kinds(insert: &Insert, rows: &[Vec<Value<'_>>]) -> Option<Vec<Kind>> {
    let first = rows.first()?;
    let kinds: Vec<Kind> = first.iter().map(Kind::of).collect();
    let uniform = kinds.len() == insert.columns.len()
        && rows.iter().all(|row| row.len() == kinds.len() && row.iter().zip(&kinds).all(|(v, &k)| Kind::of(v) == k));
    uniform.then_some(kinds)
}

/// `INSERT INTO table (columns) SELECT * FROM unnest($1::bigint[], …)`,
/// returning the first column when there is a conflict clause.
fn unnest_sql(insert: &Insert, kinds: &[Kind]) -> String {
    let arrays: Vec<String> = kinds
        .iter()
        .enumerate()
        .map(|(c, kind)| {
            let ty = match kind {
                Kind::Int => "bigint",
                Kind::Real => "double precision",
                Kind::Text => "text",
            };
            format!("${}::{ty}[]", c + 1)
        })
        .collect();
    let returning = if insert.on_conflict.is_empty() { String::new() } else { format!(" RETURNING {}", insert.columns[0]) };
    format!("INSERT INTO {} ({}) SELECT * FROM unnest({}) {}{returning}", insert.table, insert.columns.join(", "), arrays.join(", "), insert.on_conflict)
}

/// Rows at most this many to a statement...
const CHUNK_ROWS: usize = 4096;
/// ...and text of at most about this many bytes (a value may hold at most
/// 1 GB; documents' texts and analyses are the large ones).
const CHUNK_BYTES: usize = 32 << 20;

/// `rows` in chunks of at most [`CHUNK_ROWS`] rows and about
/// [`CHUNK_BYTES`] of text (a chunk has at least one row).
fn chunks<'r, 'v>(rows: &'r [Vec<Value<'v>>]) -> impl Iterator<Item = &'r [Vec<Value<'v>>]> {
    let mut rest = rows;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut bytes = 0;
        let mut n = 0;
        while n < rest.len() && n < CHUNK_ROWS && (n == 0 || bytes < CHUNK_BYTES) {
            bytes += rest[n].iter().map(|v| match v {
                Value::Text(Some(t)) => t.len(),
                Value::Owned(t) => t.len(),
                _ => 8,
            }).sum::<usize>();
            n += 1;
        }
        let (chunk, after) = rest.split_at(n);
        rest = after;
        Some(chunk)
    })
}

/// One column of a chunk of rows, as the array PostgreSQL receives.
enum Column<'v> {
    Int(Vec<Option<i64>>),
    Real(Vec<Option<f64>>),
    Text(Vec<Option<&'v str>>),
}

impl<'v> Column<'v> {
    fn of(kind: Kind, rows: &'v [Vec<Value<'_>>], c: usize) -> Column<'v> {
        let values = rows.iter().map(|row| &row[c]);
        match kind {
            Kind::Int => Column::Int(values.map(|v| if let Value::Int(i) = v { *i } else { None }).collect()),
            Kind::Real => Column::Real(values.map(|v| if let Value::Real(r) = v { *r } else { None }).collect()),
            Kind::Text => Column::Text(
                values
                    .map(|v| match v {
                        Value::Text(t) => *t,
                        Value::Owned(t) => Some(t.as_str()),
                        _ => None,
                    })
                    .collect(),
            ),
        }
    }

    fn to_sql(&self) -> &(dyn ToSql + Sync) {
        match self {
            Column::Int(v) => v,
            Column::Real(v) => v,
            Column::Text(v) => v,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_go_in_chunks_bounded_by_count_and_text() {
        let small: Vec<Vec<Value>> = (0..10_000).map(|i| vec![Value::Int(Some(i)), Value::Text(Some("x"))]).collect();
        let sizes: Vec<usize> = chunks(&small).map(<[_]>::len).collect();
        assert_eq!(sizes, [CHUNK_ROWS, CHUNK_ROWS, 10_000 - 2 * CHUNK_ROWS]);
        let text = "y".repeat(CHUNK_BYTES / 3 + 1);
        let large: Vec<Vec<Value>> = (0..7).map(|_| vec![Value::Text(Some(&text))]).collect();
        let sizes: Vec<usize> = chunks(&large).map(<[_]>::len).collect();
        assert_eq!(sizes, [3, 3, 1]);
        let huge = "z".repeat(CHUNK_BYTES + 1);
        let one: Vec<Vec<Value>> = vec![vec![Value::Text(Some(&huge))], vec![Value::Text(Some("a"))]];
        assert_eq!(chunks(&one).map(<[_]>::len).collect::<Vec<_>>(), [1, 1]);
        assert_eq!(chunks(&[]).count(), 0);
    }

    #[test]
    fn columns_take_their_type_from_the_rows() {
        const T: Insert = Insert { table: "t", columns: &["id", "n", "x"], on_conflict: "ON CONFLICT (id) DO NOTHING" };
        let rows = vec![
            vec![Value::Text(Some("a")), Value::Int(Some(1)), Value::Real(None)],
            vec![Value::Owned("b".into()), Value::Int(None), Value::Real(Some(0.5))],
        ];
        let kinds = column_kinds(&T, &rows).unwrap();
        assert_eq!(kinds, [Kind::Text, Kind::Int, Kind::Real]);
        assert_eq!(
            unnest_sql(&T, &kinds),
            "INSERT INTO t (id, n, x) SELECT * FROM unnest($1::text[], $2::bigint[], $3::double precision[]) ON CONFLICT (id) DO NOTHING RETURNING id"
        );
        // A column of two types, or a row too short: one statement a row.
        assert!(column_kinds(&T, &[rows[0].clone(), vec![Value::Int(Some(2)), Value::Int(None), Value::Real(None)]]).is_none());
        assert!(column_kinds(&T, &[vec![Value::Int(Some(2))]]).is_none());
    }

    #[test]
    fn passwords_stay_out_of_messages() {
        assert_eq!(redact("postgres://dyad:s3cret@localhost/dyad"), "postgres://dyad:***@localhost/dyad");
        assert_eq!(redact("postgres://localhost/dyad"), "postgres://localhost/dyad");
        assert_eq!(redact("host=localhost user=dyad"), "host=localhost user=dyad");
    }
}
