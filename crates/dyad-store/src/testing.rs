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
