//! Migrations: numbered SQL files applied in order, version in `user_version`.

use rusqlite::Connection;

use crate::StoreError;

/// Every migration, in order; migration `n` (1-based) brings the schema to
/// version `n`.
const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_documents.sql"),
    include_str!("../migrations/0002_events.sql"),
    include_str!("../migrations/0003_quotes.sql"),
    include_str!("../migrations/0004_times_places.sql"),
];

/// The schema version this build writes.
pub(crate) const LATEST: i64 = MIGRATIONS.len() as i64;

pub(crate) fn version(conn: &Connection) -> Result<i64, StoreError> {
    conn.query_row("PRAGMA user_version", [], |row| row.get(0)).map_err(StoreError::sqlite)
}

/// Applies the migrations the database has not seen, each in a transaction.
pub(crate) fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
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
