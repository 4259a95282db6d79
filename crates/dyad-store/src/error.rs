//! The store's error type.

use std::fmt;

/// A storage failure: the database could not be opened, read or written,
/// or holds data this version cannot read.
#[derive(Debug)]
pub struct StoreError {
    kind: StoreErrorKind,
}

/// What kind of storage failure.
#[derive(Debug)]
#[non_exhaustive]
pub enum StoreErrorKind {
    /// Opening the database file failed.
    Open {
        /// The file.
        path: String,
        /// SQLite's error.
        source: rusqlite::Error,
    },
    /// A statement failed.
    Sqlite(rusqlite::Error),
    /// Connecting to PostgreSQL failed.
    Connect {
        /// The URL, without its password.
        url: String,
        /// The driver's error.
        source: postgres::Error,
    },
    /// A PostgreSQL statement failed.
    Postgres(postgres::Error),
    /// A search query was rejected.
    Query {
        /// The query as given.
        query: String,
        /// SQLite's error.
        source: rusqlite::Error,
    },
    /// The database was written by a newer dyad.
    TooNew {
        /// Its schema version.
        found: i64,
        /// The newest this build knows.
        supported: i64,
    },
    /// Stored data cannot be read back.
    Corrupt(String),
    /// A filter or cursor the store cannot use (a caller's mistake).
    BadRequest(String),
    /// Data could not be encoded for storage.
    Encode(serde_json::Error),
}

impl StoreError {
    pub(crate) fn open(path: &str, source: rusqlite::Error) -> StoreError {
        StoreError { kind: StoreErrorKind::Open { path: path.to_string(), source } }
    }

    pub(crate) fn connect(url: &str, source: postgres::Error) -> StoreError {
        StoreError { kind: StoreErrorKind::Connect { url: url.to_string(), source } }
    }

    pub(crate) fn postgres(source: postgres::Error) -> StoreError {
        StoreError { kind: StoreErrorKind::Postgres(source) }
    }

    /// PostgreSQL's SQLSTATE code of the failure, if it is one.
    pub(crate) fn sql_state(&self) -> Option<&str> {
        match &self.kind {
            StoreErrorKind::Postgres(e) | StoreErrorKind::Connect { source: e, .. } => e.code().map(|c| c.code()),
            _ => None,
        }
    }

    pub(crate) fn sqlite(source: rusqlite::Error) -> StoreError {
        StoreError { kind: StoreErrorKind::Sqlite(source) }
    }

    pub(crate) fn query(query: &str, source: rusqlite::Error) -> StoreError {
        StoreError { kind: StoreErrorKind::Query { query: query.to_string(), source } }
    }

    pub(crate) fn too_new(found: i64, supported: i64) -> StoreError {
        StoreError { kind: StoreErrorKind::TooNew { found, supported } }
    }

    pub(crate) fn corrupt(message: String) -> StoreError {
        StoreError { kind: StoreErrorKind::Corrupt(message) }
    }

    pub(crate) fn bad_request(message: String) -> StoreError {
        StoreError { kind: StoreErrorKind::BadRequest(message) }
    }

    /// True when the caller asked for something malformed (a bad cursor,
    /// dyad or bucket) rather than the database failing.
    pub fn is_bad_request(&self) -> bool {
        matches!(self.kind, StoreErrorKind::BadRequest(_))
    }

    pub(crate) fn encode(source: serde_json::Error) -> StoreError {
        StoreError { kind: StoreErrorKind::Encode(source) }
    }

    /// The kind of failure.
    pub fn kind(&self) -> &StoreErrorKind {
        &self.kind
    }

    /// The same failure, as that of the search `query`.
    pub(crate) fn in_search(self, query: &str) -> StoreError {
        match self.kind {
            StoreErrorKind::Sqlite(source) => StoreError::query(query, source),
            kind => StoreError { kind },
        }
    }

    /// True when a search query was not valid FTS5 syntax.
    pub(crate) fn is_query_syntax(&self) -> bool {
        matches!(&self.kind, StoreErrorKind::Query { source: rusqlite::Error::SqliteFailure(_, Some(msg)), .. } | StoreErrorKind::Sqlite(rusqlite::Error::SqliteFailure(_, Some(msg)))
            if msg.contains("syntax error") || msg.contains("no such column") || msg.contains("unterminated") || msg.contains("unknown special query"))
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            StoreErrorKind::Open { path, source } => write!(f, "cannot open database {path}: {source}"),
            StoreErrorKind::Sqlite(source) => write!(f, "database error: {source}"),
            StoreErrorKind::Connect { url, source } => write!(f, "cannot connect to {url}: {source}"),
            StoreErrorKind::Postgres(source) => match source.as_db_error() {
                Some(db) => write!(f, "database error: {}", db.message()),
                None => write!(f, "database error: {source}"),
            },
            StoreErrorKind::Query { query, source } => write!(f, "search {query:?} failed: {source}"),
            StoreErrorKind::TooNew { found, supported } => {
                write!(f, "database schema version {found} is newer than this dyad supports ({supported}); upgrade dyad")
            }
            StoreErrorKind::Corrupt(message) => write!(f, "stored data is corrupt: {message}"),
            StoreErrorKind::BadRequest(message) => write!(f, "{message}"),
            StoreErrorKind::Encode(source) => write!(f, "cannot encode analysis: {source}"),
        }
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            StoreErrorKind::Open { source, .. } | StoreErrorKind::Query { source, .. } | StoreErrorKind::Sqlite(source) => Some(source),
            StoreErrorKind::Encode(source) => Some(source),
            StoreErrorKind::Connect { source, .. } | StoreErrorKind::Postgres(source) => Some(source),
            _ => None,
        }
    }
}
