//! The store's error type.

use std::fmt;
use std::path::Path;

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
    /// Data could not be encoded for storage.
    Encode(serde_json::Error),
}

impl StoreError {
    pub(crate) fn open(path: &Path, source: rusqlite::Error) -> StoreError {
        StoreError { kind: StoreErrorKind::Open { path: path.display().to_string(), source } }
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

    pub(crate) fn encode(source: serde_json::Error) -> StoreError {
        StoreError { kind: StoreErrorKind::Encode(source) }
    }

    /// The kind of failure.
    pub fn kind(&self) -> &StoreErrorKind {
        &self.kind
    }

    /// True when a search query was not valid FTS5 syntax.
    pub(crate) fn is_query_syntax(&self) -> bool {
        matches!(&self.kind, StoreErrorKind::Query { source: rusqlite::Error::SqliteFailure(_, Some(msg)), .. }
            if msg.contains("syntax error") || msg.contains("no such column") || msg.contains("unterminated") || msg.contains("unknown special query"))
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            StoreErrorKind::Open { path, source } => write!(f, "cannot open database {path}: {source}"),
            StoreErrorKind::Sqlite(source) => write!(f, "database error: {source}"),
            StoreErrorKind::Query { query, source } => write!(f, "search {query:?} failed: {source}"),
            StoreErrorKind::TooNew { found, supported } => write!(
                f,
                "database schema version {found} is newer than this dyad supports ({supported}); upgrade dyad"
            ),
            StoreErrorKind::Corrupt(message) => write!(f, "stored data is corrupt: {message}"),
            StoreErrorKind::Encode(source) => write!(f, "cannot encode analysis: {source}"),
        }
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            StoreErrorKind::Open { source, .. } | StoreErrorKind::Query { source, .. } | StoreErrorKind::Sqlite(source) => Some(source),
            StoreErrorKind::Encode(source) => Some(source),
            _ => None,
        }
    }
}
