//! The storage interface both backends implement: run a statement, run a
//! query, in SQL written once with `$1`-style placeholders.
//!
//! Everything the store does (inserts, filters, cursors, aggregates) is
//! written once over [`Conn`]; a backend only binds values, reads cells,
//! applies its migrations and answers the few questions SQL dialects
//! answer differently ([`Dialect`]: full-text search).

use crate::StoreError;

/// Which database engine a connection talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// SQLite (a file), FTS5 for text search.
    Sqlite,
    /// PostgreSQL, `tsvector` for text search.
    Postgres,
}

/// A parameter. Nulls carry their type, which PostgreSQL needs.
#[derive(Clone, Debug)]
pub(crate) enum Value<'a> {
    Int(Option<i64>),
    Real(Option<f64>),
    Text(Option<&'a str>),
    Owned(String),
}

impl From<String> for Value<'_> {
    fn from(v: String) -> Self {
        Value::Owned(v)
    }
}

impl From<i64> for Value<'_> {
    fn from(v: i64) -> Self {
        Value::Int(Some(v))
    }
}

impl From<Option<i64>> for Value<'_> {
    fn from(v: Option<i64>) -> Self {
        Value::Int(v)
    }
}

impl From<usize> for Value<'_> {
    fn from(v: usize) -> Self {
        Value::Int(Some(i64::try_from(v).unwrap_or(i64::MAX)))
    }
}

impl From<bool> for Value<'_> {
    fn from(v: bool) -> Self {
        Value::Int(Some(i64::from(v)))
    }
}

impl From<f64> for Value<'_> {
    fn from(v: f64) -> Self {
        Value::Real(Some(v))
    }
}

impl From<Option<f64>> for Value<'_> {
    fn from(v: Option<f64>) -> Self {
        Value::Real(v)
    }
}

impl<'a> From<&'a str> for Value<'a> {
    fn from(v: &'a str) -> Self {
        Value::Text(Some(v))
    }
}

impl<'a> From<&'a String> for Value<'a> {
    fn from(v: &'a String) -> Self {
        Value::Text(Some(v))
    }
}

impl<'a> From<Option<&'a str>> for Value<'a> {
    fn from(v: Option<&'a str>) -> Self {
        Value::Text(v)
    }
}

impl<'a> From<Option<&'a String>> for Value<'a> {
    fn from(v: Option<&'a String>) -> Self {
        Value::Text(v.map(String::as_str))
    }
}

/// One cell of a result row.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Cell {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
}

/// One result row.
#[derive(Clone, Debug)]
pub(crate) struct Row(pub(crate) Vec<Cell>);

impl Row {
    fn cell(&self, idx: usize) -> Result<&Cell, StoreError> {
        self.0.get(idx).ok_or_else(|| StoreError::corrupt(format!("result has no column {idx}")))
    }

    pub(crate) fn text(&self, idx: usize) -> Result<String, StoreError> {
        self.opt_text(idx)?.ok_or_else(|| StoreError::corrupt(format!("column {idx} is null")))
    }

    pub(crate) fn opt_text(&self, idx: usize) -> Result<Option<String>, StoreError> {
        match self.cell(idx)? {
            Cell::Null => Ok(None),
            Cell::Text(s) => Ok(Some(s.clone())),
            other => Err(StoreError::corrupt(format!("column {idx}: expected text, found {other:?}"))),
        }
    }

    pub(crate) fn int(&self, idx: usize) -> Result<i64, StoreError> {
        self.opt_int(idx)?.ok_or_else(|| StoreError::corrupt(format!("column {idx} is null")))
    }

    pub(crate) fn opt_int(&self, idx: usize) -> Result<Option<i64>, StoreError> {
        match self.cell(idx)? {
            Cell::Null => Ok(None),
            Cell::Int(v) => Ok(Some(*v)),
            other => Err(StoreError::corrupt(format!("column {idx}: expected an integer, found {other:?}"))),
        }
    }

    pub(crate) fn real(&self, idx: usize) -> Result<f64, StoreError> {
        self.opt_real(idx)?.ok_or_else(|| StoreError::corrupt(format!("column {idx} is null")))
    }

    pub(crate) fn opt_real(&self, idx: usize) -> Result<Option<f64>, StoreError> {
        match self.cell(idx)? {
            Cell::Null => Ok(None),
            Cell::Real(v) => Ok(Some(*v)),
            Cell::Int(v) => Ok(Some(*v as f64)),
            other => Err(StoreError::corrupt(format!("column {idx}: expected a number, found {other:?}"))),
        }
    }
}

/// A connection to a dyad database. SQL uses `$1`, `$2`, … placeholders,
/// quotes the column name `"end"`, and sticks to what SQLite and
/// PostgreSQL both understand.
pub(crate) trait Conn: Send + std::fmt::Debug {
    /// Which engine.
    fn dialect(&self) -> Dialect;
    /// Runs a statement; returns the number of rows it changed.
    fn execute(&mut self, sql: &str, params: &[Value<'_>]) -> Result<u64, StoreError>;
    /// Runs a query; returns its rows.
    fn query(&mut self, sql: &str, params: &[Value<'_>]) -> Result<Vec<Row>, StoreError>;
    /// Runs statements without parameters (`BEGIN`, `COMMIT`).
    fn batch(&mut self, sql: &str) -> Result<(), StoreError>;
    /// The schema version of the database.
    fn schema_version(&mut self) -> Result<i64, StoreError>;
    /// True when `err` says a transaction lost a race (deadlock or
    /// serialisation failure) and may simply be run again.
    fn is_retryable(&self, err: &StoreError) -> bool;
    /// Inserts `rows` (one value per column of `insert`, in order), as
    /// running [`Insert::row_sql`] once per row would; returns for each
    /// row whether it was inserted (only a conflict clause leaves one out).
    /// Both engines override it: SQLite prepares the row statement once
    /// and runs it per row, in process; PostgreSQL sends many rows in one
    /// statement, a round trip per table and batch rather than per row.
    fn insert_rows(&mut self, insert: &Insert, rows: &[Vec<Value<'_>>]) -> Result<Vec<bool>, StoreError> {
        insert_row_by_row(self, insert, rows)
    }
}

/// [`Conn::insert_rows`] one statement per row.
pub(crate) fn insert_row_by_row<C: Conn + ?Sized>(conn: &mut C, insert: &Insert, rows: &[Vec<Value<'_>>]) -> Result<Vec<bool>, StoreError> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let sql = insert.row_sql();
    rows.iter().map(|row| Ok(conn.execute(&sql, row)? > 0)).collect()
}

/// The insert of a table's rows: which columns the values of a row go to.
#[derive(Debug)]
pub(crate) struct Insert {
    pub table: &'static str,
    /// Column names, quoted where SQL needs it (`"end"`).
    pub columns: &'static [&'static str],
    /// What a row that conflicts with a stored one does (`ON CONFLICT (id)
    /// DO NOTHING`), or empty.
    pub on_conflict: &'static str,
}

impl Insert {
    /// `INSERT INTO table (columns) VALUES ($1, …) on_conflict`: one row.
    pub(crate) fn row_sql(&self) -> String {
        let placeholders: Vec<String> = (1..=self.columns.len()).map(|n| format!("${n}")).collect();
        format!("INSERT INTO {} ({}) VALUES ({}) {}", self.table, self.columns.join(", "), placeholders.join(", "), self.on_conflict)
    }
}

/// A query with `WHERE` conditions added one at a time, each with its
/// parameters numbered in order.
#[derive(Debug, Default)]
pub(crate) struct Where<'a> {
    conditions: Vec<String>,
    /// Groups of alternatives: one of each group must hold.
    alternatives: Vec<Vec<String>>,
    pub(crate) params: Vec<Value<'a>>,
}

impl<'a> Where<'a> {
    /// The next placeholder, `$n`, bound to `value`.
    pub(crate) fn bind(&mut self, value: impl Into<Value<'a>>) -> String {
        self.params.push(value.into());
        format!("${}", self.params.len())
    }

    /// Adds a condition (built with [`Where::bind`] placeholders).
    pub(crate) fn and(&mut self, condition: String) {
        self.conditions.push(condition);
    }

    /// Adds `column = value` when a value is given (and not empty).
    pub(crate) fn equals(&mut self, column: &str, value: Option<String>) {
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            let p = self.bind(value);
            self.and(format!("{column} = {p}"));
        }
    }

    /// Adds the date range of a sort key: `since` a day, `until` a day, a
    /// month (`2022-01`: to its end) or a year; a bound leaves out rows
    /// without a date (sort key `''`).
    pub(crate) fn date_range(&mut self, column: &str, since: Option<&str>, until: Option<&str>) {
        if let Some(since) = since.filter(|a| !a.is_empty()) {
            let p = self.bind(since.to_string());
            self.and(format!("{column} >= {p}"));
        }
        if let Some(until) = until.filter(|a| !a.is_empty()) {
            let p = self.bind(format!("{until}\u{10FFFF}"));
            self.and(format!("{column} <= {p} AND {column} <> ''"));
        }
    }

    /// Adds a condition that holds when one of `alternatives` does.
    pub(crate) fn either(&mut self, alternatives: Vec<String>) {
        self.alternatives.push(alternatives);
    }

    /// `WHERE a AND b AND (c OR d) …`, or nothing.
    pub(crate) fn clause(&self) -> String {
        let ors = self.alternatives.iter().map(|alts| format!("({})", alts.join(" OR ")));
        let all: Vec<String> = self.conditions.iter().cloned().chain(ors).collect();
        if all.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", all.join(" AND "))
        }
    }

    /// The same condition as [`Where::clause`], as the `WHERE` clauses of
    /// branches without OR (one alternative of each group), whose union
    /// is the whole: a query per branch can walk one index in order and
    /// stop at its limit, where an OR makes the database gather and sort
    /// every matching row.
    pub(crate) fn branches(&self) -> Vec<String> {
        let mut branches: Vec<Vec<String>> = vec![self.conditions.clone()];
        for alts in &self.alternatives {
            branches = branches.iter().flat_map(|b| alts.iter().map(move |a| b.iter().cloned().chain([a.clone()]).collect())).collect();
        }
        branches.into_iter().map(|b| if b.is_empty() { String::new() } else { format!("WHERE {}", b.join(" AND ")) }).collect()
    }
}
