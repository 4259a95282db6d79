//! Databases for tests: a temporary SQLite file always, and a fresh
//! PostgreSQL database when `DYAD_TEST_POSTGRES` holds the URL of a role
//! that may create databases (`.ci/run` sets it). Each PostgreSQL test
//! database is created empty and dropped when the [`TestDb`] is dropped.

use std::sync::atomic::{AtomicUsize, Ordering};

/// One empty database for a test.
#[derive(Debug)]
pub struct TestDb {
    /// Where it is: a file path or a `postgres://` URL.
    pub location: String,
    _dir: Option<tempfile::TempDir>,
    postgres: Option<(String, String)>,
}

static N_DATABASES: AtomicUsize = AtomicUsize::new(0);

impl TestDb {
    /// A temporary SQLite database.
    pub fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let location = dir.path().join("test.db").display().to_string();
        TestDb { location, _dir: Some(dir), postgres: None }
    }

    /// A new PostgreSQL database, when `DYAD_TEST_POSTGRES` is set. (On a
    /// thread of its own: the blocking client may not run on an async
    /// runtime's thread, and tests of the server are async.)
    pub fn postgres() -> Option<TestDb> {
        std::thread::spawn(TestDb::create_postgres).join().expect("the test database is created")
    }

    fn create_postgres() -> Option<TestDb> {
        let admin = std::env::var("DYAD_TEST_POSTGRES").ok().filter(|u| !u.is_empty())?;
        let name = format!("dyad_test_{}_{}", std::process::id(), N_DATABASES.fetch_add(1, Ordering::Relaxed));
        let mut client = postgres::Client::connect(&admin, postgres::NoTls).expect("DYAD_TEST_POSTGRES connects");
        client.batch_execute(&format!("DROP DATABASE IF EXISTS {name}")).expect("no old test database");
        client.batch_execute(&format!("CREATE DATABASE {name}")).expect("a test database");
        // The same URL with the new database's name in place of the path.
        let location = match admin.rsplit_once('/') {
            Some((server, rest)) => {
                let query = rest.find('?').map_or("", |i| &rest[i..]);
                format!("{server}/{name}{query}")
            }
            None => panic!("DYAD_TEST_POSTGRES must be a postgres:// URL"),
        };
        Some(TestDb { location, _dir: None, postgres: Some((admin, name)) })
    }

    /// SQLite, then PostgreSQL when configured: run a test on each.
    pub fn all() -> Vec<TestDb> {
        std::iter::once(TestDb::sqlite()).chain(TestDb::postgres()).collect()
    }

    /// Opens it.
    pub fn open(&self) -> crate::Store {
        crate::Store::open_location(&self.location).expect("the test database opens")
    }
}

/// The tables that hold documents and what was found in them; every one
/// but `documents` is keyed by (`doc_id`, `idx`).
const TABLES: &[&str] = &["documents", "segments", "sentences", "entities", "times", "places", "events", "quotes"];

/// Every stored row of the database at `location`, written out in an order
/// both backends share: documents by id, the rest by (`doc_id`, `idx`).
/// Left out: surrogate row ids (`id` of every table but `documents`: on
/// PostgreSQL an identity sequence may leave gaps, as a transaction rolled
/// back still takes its numbers), the time of ingest, and PostgreSQL's
/// generated search column. Two databases with the same dump hold the same
/// documents with the same analyses, events, quotes and all.
pub fn dump(location: &str) -> Vec<String> {
    let mut store = crate::Store::open_location(location).expect("the database opens");
    let conn = store.conn.as_mut();
    let mut out = Vec::new();
    for table in TABLES {
        let columns_sql = match conn.dialect() {
            crate::Dialect::Sqlite => format!("SELECT name FROM pragma_table_info('{table}') ORDER BY cid"),
            crate::Dialect::Postgres => {
                format!("SELECT column_name::TEXT FROM information_schema.columns WHERE table_name = '{table}' ORDER BY ordinal_position")
            }
        };
        let columns: Vec<String> = conn
            .query(&columns_sql, &[])
            .expect("the columns are listed")
            .iter()
            .map(|row| row.text(0).expect("a column name"))
            .filter(|c| !matches!(c.as_str(), "ingested_at" | "tsv") && (c != "id" || *table == "documents"))
            .collect();
        let list = columns.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ");
        let order = if *table == "documents" { "id" } else { "doc_id, idx" };
        for row in conn.query(&format!("SELECT {list} FROM {table} ORDER BY {order}"), &[]).expect("the rows are read") {
            out.push(format!("{table}: {:?}", row.0));
        }
    }
    out
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((admin, name)) = self.postgres.take() {
            let _ = std::thread::spawn(move || {
                if let Ok(mut client) = postgres::Client::connect(&admin, postgres::NoTls) {
                    let _ = client.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
                }
            })
            .join();
        }
    }
}
