//! Crash safety: `dyad ingest` killed with SIGKILL at random moments, then
//! run again to the end, leaves exactly the database an uninterrupted run
//! leaves: the same documents, segments, sentences, events, quotes, times,
//! places and entities, with the same row ids, the same full-text index, and
//! no duplicates. Only `documents.ingested_at` (the wall-clock time of the
//! write) may differ.
//!
//! On PostgreSQL (when `DYAD_TEST_POSTGRES` names a server, as `.ci/run`
//! sets it) the same trials run with a new database each, compared by
//! `dyad_store::testing::dump`: every row by its document and index, row ids
//! left out (an identity sequence is not rolled back with its transaction,
//! so ids after a crash may have gaps).
//!
//! `cargo test` runs a few trials on a small corpus. The issue's bar (50
//! kills during the ingest of 2,000 documents) is the same test, scaled:
//!
//! ```sh
//! DYAD_CRASH_TRIALS=50 DYAD_CRASH_DOCS=2000 cargo test --release -p dyad-cli --test crash -- --nocapture
//! ```
//!
//! `DYAD_BIN` runs another copy of the binary; `DYAD_CRASH_SEED` replays
//! the kill moments of an earlier run (the test prints its seed).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// A small deterministic generator (xorshift64*), so a seed replays a run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A fraction in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

const ACTORS: &[&str] = &[
    "Foreign Minister Lena Marsh of Canada",
    "Chinese officials",
    "the Kenyan government",
    "President Omar Haddad of Egypt",
    "NATO commanders",
    "Brazilian police",
    "the European Union",
    "rebel leaders in Mali",
    "Indian diplomats",
    "the Turkish army",
    "Prime Minister Ruth Okafor of Nigeria",
    "Japanese negotiators",
];

const ACTIONS: &[&str] = &[
    "met with",
    "accused",
    "threatened to impose sanctions on",
    "praised",
    "demanded concessions from",
    "signed a trade agreement with",
    "criticized",
    "called for new talks with",
    "expelled diplomats from",
    "promised aid to",
];

const PLACES: &[&str] = &["Nairobi", "Vienna", "Ankara", "Brasilia", "Cairo", "New Delhi", "Bamako", "Ottawa", "Lagos", "Tokyo"];

const WHEN: &[&str] = &["on Monday", "on Tuesday", "last week", "on March 3", "on Friday evening", "earlier this month", "on Sunday"];

const QUOTES: &[&str] = &[
    "We will not accept these terms",
    "The door to dialogue remains open",
    "Our patience has limits",
    "This is a good day for both countries",
    "Nobody wants another war",
];

/// Document `i` of the test corpus: a headline and a few paragraphs of
/// events, a quote and a serial line that makes every document distinct.
fn document(i: usize) -> String {
    let pick = |list: &[&'static str], stride: usize, offset: usize| list[(i * stride + offset) % list.len()];
    let mut text = format!("{} {} {}\n\n", pick(ACTORS, 1, 0), pick(ACTIONS, 3, 0), pick(ACTORS, 5, 3));
    for k in 0..2 + i % 4 {
        text.push_str(&format!(
            "{} {} {} in {} {}. ",
            capitalize(pick(ACTORS, 7, k)),
            pick(ACTIONS, 3, k),
            pick(ACTORS, 11, k + 5),
            pick(PLACES, 13, k),
            pick(WHEN, 1, k)
        ));
        if k % 2 == 1 {
            text.push('\n');
        }
    }
    text.push_str(&format!("\n\n“{},” said {}.\n", pick(QUOTES, 1, 0), pick(ACTORS, 17, 2)));
    text.push_str(&format!("This is dispatch number {i} from the {} desk.\n", pick(PLACES, 1, 4)));
    text
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Writes the corpus: JSONL feeds of 50 records and, for every tenth
/// document, a plain-text file, in a folder walked in path order.
fn write_corpus(dir: &Path, n_docs: usize) {
    std::fs::create_dir_all(dir.join("feeds")).unwrap();
    std::fs::create_dir_all(dir.join("texts")).unwrap();
    let mut feed = String::new();
    for i in 0..n_docs {
        if i % 10 == 9 {
            std::fs::write(dir.join("texts").join(format!("{i:05}.txt")), document(i)).unwrap();
        } else {
            let date = format!("2026-{:02}-{:02}", 1 + i % 12, 1 + i % 28);
            feed.push_str(&serde_json::json!({ "id": format!("d{i}"), "date": date, "text": document(i) }).to_string());
            feed.push('\n');
        }
        if (i % 50 == 49 || i + 1 == n_docs) && !feed.is_empty() {
            std::fs::write(dir.join("feeds").join(format!("{i:05}.jsonl")), std::mem::take(&mut feed)).unwrap();
        }
    }
}

/// Documents per transaction: small, so that a small corpus is written in
/// many transactions and kills land between them as well as inside them.
const BATCH: &str = "16";

fn ingest(work: &Path, db: &str) -> Command {
    // `DYAD_BIN` names a copy of the binary, so a long run is not disturbed
    // by builds of the target folder meanwhile.
    let binary = std::env::var("DYAD_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_dyad").to_string());
    let mut command = Command::new(binary);
    command.args(["ingest", "corpus", "--db", db, "--quiet", "--batch", BATCH]).current_dir(work).stdout(Stdio::null()).stderr(Stdio::piped());
    command
}

/// The first column of every row `sql` selects, as text.
fn column(conn: &rusqlite::Connection, sql: &str) -> Vec<String> {
    conn.prepare(sql).unwrap().query_map([], |row| row.get(0)).unwrap().map(Result::unwrap).collect()
}

/// Every row `sql` selects, its values written out.
fn rows(conn: &rusqlite::Connection, sql: &str) -> Vec<String> {
    let mut statement = conn.prepare(sql).unwrap();
    let n_columns = statement.column_count();
    let mut query = statement.query([]).unwrap();
    let mut rows = Vec::new();
    while let Some(row) = query.next().unwrap() {
        rows.push((0..n_columns).map(|i| format!("{:?}", row.get_ref(i).unwrap())).collect::<Vec<_>>().join(" | "));
    }
    rows
}

/// Every row of every table but the time of ingest, ordered by its columns
/// (row ids first), and every entry of the full-text index. A database
/// killed before its schema was made has no tables, hence no rows.
fn dump(db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let tables = column(
        &conn,
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sentences_fts%' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    );
    if tables.is_empty() {
        // Killed before its first migration committed: nothing is stored.
        return Vec::new();
    }
    assert!(tables.iter().any(|t| t == "events"), "{tables:?}");
    let mut dump = Vec::new();
    for table in tables {
        let columns = column(&conn, &format!("SELECT name FROM pragma_table_info('{table}') WHERE name != 'ingested_at' ORDER BY cid"));
        let list = columns.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ");
        dump.extend(rows(&conn, &format!("SELECT {list} FROM {table} ORDER BY {list}")).into_iter().map(|row| format!("{table}: {row}")));
    }
    conn.execute_batch("CREATE VIRTUAL TABLE temp.fts_terms USING fts5vocab(main, sentences_fts, 'instance')").unwrap();
    dump.extend(rows(&conn, "SELECT term, doc, offset FROM temp.fts_terms ORDER BY term, doc, offset").into_iter().map(|row| format!("fts: {row}")));
    conn.execute_batch("INSERT INTO sentences_fts (sentences_fts) VALUES ('integrity-check')").unwrap();
    dump
}

/// Where a trial stores: a fresh database, kept alive by the guard.
type Fresh<'f> = &'f dyn Fn(usize) -> (String, Box<dyn std::any::Any>);

/// Ingests the corpus cleanly into `fresh(0)`, then `n_trials` times into a
/// fresh database: kills the ingest with SIGKILL at a random moment, runs
/// it again to its end, and compares `dump` of the result with the clean
/// run's.
fn kill_and_rerun(backend: &str, work: &Path, n_docs: usize, n_trials: u64, seed: u64, fresh: Fresh, dump: &dyn Fn(&str) -> Vec<String>) {
    let mut rng = Rng(seed);
    let n_documents = |location: &str| dump(location).iter().filter(|row| row.starts_with("documents: ")).count() as i64;
    let (clean_db, _clean_guard) = fresh(0);
    let started = Instant::now();
    let clean = ingest(work, &clean_db).output().unwrap();
    let clean_time = started.elapsed();
    let clean_err = String::from_utf8_lossy(&clean.stderr);
    assert!(clean.status.success(), "{clean_err}");
    assert!(clean_err.contains(&format!("{n_docs} documents: {n_docs} new, 0 duplicate, 0 failed")), "{clean_err}");
    let expected = dump(&clean_db);
    assert_eq!(n_documents(&clean_db), n_docs as i64);
    println!("{backend}: clean run {:.2} s, {} rows", clean_time.as_secs_f64(), expected.len());

    let mut n_kills = 0;
    let mut stored_at_kill = Vec::new();
    let mut n_fresh = 1;
    let mut run_time = clean_time;
    while n_kills < n_trials {
        let (db, _guard) = fresh(n_fresh);
        n_fresh += 1;
        // Any moment of the run, start-up and the last commit included; the
        // kills are spread over the run, each at a random moment of its share.
        let delay = run_time.mul_f64((n_kills as f64 + rng.unit()) / n_trials as f64);
        let mut child = ingest(work, &db).spawn().unwrap();
        std::thread::sleep(delay);
        child.kill().unwrap(); // SIGKILL, or nothing if it has just exited
        if child.wait().unwrap().success() {
            // Finished before the kill: not a trial. Runs vary in length:
            // draw again over a shorter run.
            run_time = run_time.mul_f64(0.9);
            continue;
        }
        n_kills += 1;
        let stored = n_documents(&db);
        stored_at_kill.push(stored);

        let rerun = ingest(work, &db).output().unwrap();
        let err = String::from_utf8_lossy(&rerun.stderr);
        assert!(rerun.status.success(), "{backend}: rerun after a kill at {delay:?} failed: {err}");
        let want = format!("{n_docs} documents: {} new, {stored} duplicate, 0 failed", n_docs as i64 - stored);
        assert!(err.contains(&want), "{backend}: after a kill at {delay:?} with {stored} documents stored, expected {want:?} in {err}");
        let got = dump(&db);
        if got != expected {
            let first = got.iter().zip(&expected).position(|(a, b)| a != b).unwrap_or(got.len().min(expected.len()));
            panic!(
                "{backend}: kill {n_kills} at {delay:?} (seed {seed}): the database differs from the clean run's at row {first}: {:?} vs {:?} ({} vs {} rows)",
                got.get(first),
                expected.get(first),
                got.len(),
                expected.len()
            );
        }
    }
    println!("{backend}: {n_kills} kills, every database identical to the clean run; documents stored when killed: {stored_at_kill:?}");
}

fn settings() -> (usize, u64, u64) {
    let n_docs = env_number("DYAD_CRASH_DOCS", 120) as usize;
    let n_trials = env_number("DYAD_CRASH_TRIALS", 3);
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    let seed = env_number("DYAD_CRASH_SEED", now.as_nanos() as u64 ^ u64::from(std::process::id())) | 1;
    println!("crash test: {n_docs} documents, {n_trials} kills, DYAD_CRASH_SEED={seed}");
    (n_docs, n_trials, seed)
}

#[test]
fn ingest_killed_at_random_moments_then_rerun_leaves_the_database_of_a_clean_run() {
    let (n_docs, n_trials, seed) = settings();
    let work = tempfile::tempdir().unwrap();
    write_corpus(&work.path().join("corpus"), n_docs);
    let dir = work.path().to_path_buf();
    let fresh = move |k: usize| -> (String, Box<dyn std::any::Any>) { (dir.join(format!("db-{k}.db")).display().to_string(), Box::new(())) };
    kill_and_rerun("SQLite", work.path(), n_docs, n_trials, seed, &fresh, &|location| dump(Path::new(location)));
}

/// The same on PostgreSQL, when `DYAD_TEST_POSTGRES` names a server (as
/// `.ci/run` sets it): each trial in a new database. Row ids are left out
/// of the comparison (see `dyad_store::testing::dump`).
#[test]
fn on_postgresql_too_ingest_killed_then_rerun_leaves_the_database_of_a_clean_run() {
    if dyad_store::testing::TestDb::postgres().is_none() {
        println!("DYAD_TEST_POSTGRES is not set: the PostgreSQL trials are not run");
        return;
    }
    let (n_docs, n_trials, seed) = settings();
    let work = tempfile::tempdir().unwrap();
    write_corpus(&work.path().join("corpus"), n_docs);
    let fresh = |_: usize| -> (String, Box<dyn std::any::Any>) {
        let db = dyad_store::testing::TestDb::postgres().expect("DYAD_TEST_POSTGRES is set");
        (db.location.clone(), Box::new(db))
    };
    kill_and_rerun("PostgreSQL", work.path(), n_docs, n_trials, seed, &fresh, &dyad_store::testing::dump);
}
