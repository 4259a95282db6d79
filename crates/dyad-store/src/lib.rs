//! Storage of analysed documents: SQLite with migrations and full-text search.
//!
//! [`Store`] keeps each document once, keyed by its content hash, with its
//! wire-format analysis, its segments and its sentences (searchable through
//! SQLite FTS5 over their analysis form, so a search for "Biden" finds
//! "BIDEN" in a script and "Sherman" finds "Sherman" written with a no-break
//! space). Inserting a document that is already stored changes nothing.
//!
//! Schema changes are numbered SQL files under `migrations/`, applied in
//! order inside a transaction and recorded in `PRAGMA user_version`; a
//! database from a newer dyad is refused rather than damaged.
//!
//! Writes happen in one transaction per batch: a crash leaves either the
//! whole batch or none of it. The database runs in WAL mode so readers
//! (`dyad search`, the server) never block the writer.
#![deny(missing_docs)]

mod error;
mod schema;

use std::path::Path;

use dyad_wire::{AnalysisJson, WIRE_VERSION};
use rusqlite::{params, Connection, OptionalExtension};

pub use error::{StoreError, StoreErrorKind};

/// What happened to one document on insert.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InsertOutcome {
    /// Stored now.
    New,
    /// Already stored (same content hash); nothing changed.
    Duplicate,
}

/// Counts over the whole store.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Schema version.
    pub schema_version: i64,
    /// Documents.
    pub n_documents: i64,
    /// Documents per input format, sorted by format.
    pub by_format: Vec<(String, i64)>,
    /// Segments per kind, sorted by kind.
    pub by_segment_kind: Vec<(String, i64)>,
    /// Sentences.
    pub n_sentences: i64,
    /// Tokens.
    pub n_tokens: i64,
    /// Distinct transcript speakers.
    pub n_speakers: i64,
    /// Documents with a date.
    pub n_dated: i64,
    /// Earliest and latest document date.
    pub date_range: Option<(String, String)>,
}

/// One full-text search result.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchHit {
    /// Document id.
    pub doc_id: String,
    /// Document title.
    pub title: Option<String>,
    /// Document source.
    pub source: String,
    /// Document date.
    pub date: Option<String>,
    /// Sentence index in the document.
    pub sentence_idx: i64,
    /// Sentence span in the document text.
    pub span: (i64, i64),
    /// The sentence as written.
    pub text: String,
    /// The matched sentence with matches between `[` and `]`.
    pub snippet: String,
}

/// A dyad database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its
    /// schema up to date.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let conn = Connection::open(path).map_err(|e| StoreError::open(path, e))?;
        Store::init(conn)
    }

    /// An in-memory database, for tests.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        Store::init(Connection::open_in_memory().map_err(StoreError::sqlite)?)
    }

    fn init(mut conn: Connection) -> Result<Store, StoreError> {
        conn.pragma_update(None, "journal_mode", "WAL").map_err(StoreError::sqlite)?;
        conn.pragma_update(None, "synchronous", "NORMAL").map_err(StoreError::sqlite)?;
        conn.pragma_update(None, "foreign_keys", "ON").map_err(StoreError::sqlite)?;
        conn.busy_timeout(std::time::Duration::from_secs(30)).map_err(StoreError::sqlite)?;
        schema::migrate(&mut conn)?;
        Ok(Store { conn })
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        schema::version(&self.conn)
    }

    /// Stores documents in one transaction; documents already stored are
    /// left untouched. Returns one outcome per input, in order.
    pub fn insert(&mut self, analyses: &[AnalysisJson]) -> Result<Vec<InsertOutcome>, StoreError> {
        let now = now_rfc3339();
        let tx = self.conn.transaction().map_err(StoreError::sqlite)?;
        let mut outcomes = Vec::with_capacity(analyses.len());
        {
            let mut insert_document = tx
                .prepare_cached(
                    "INSERT INTO documents (id, source, external_id, format, url, title, author, date, date_source,
                     text, analysis, wire_version, n_sentences, n_tokens, ingested_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
                     ON CONFLICT (id) DO NOTHING",
                )
                .map_err(StoreError::sqlite)?;
            let mut insert_segment = tx
                .prepare_cached(
                    "INSERT INTO segments (doc_id, idx, kind, start, end, speaker, caps, rule)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                )
                .map_err(StoreError::sqlite)?;
            let mut insert_sentence = tx
                .prepare_cached(
                    "INSERT INTO sentences (doc_id, idx, segment_idx, start, end, text, norm)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )
                .map_err(StoreError::sqlite)?;
            for analysis in analyses {
                let doc = &analysis.document;
                let json = stored_json(analysis)?;
                let n_tokens: usize = analysis.sentences.iter().map(|s| s.n_tokens).sum();
                let n_inserted = insert_document
                    .execute(params![
                        doc.id,
                        doc.source,
                        doc.external_id,
                        doc.format,
                        doc.url,
                        doc.title,
                        doc.author,
                        doc.date,
                        doc.date_source,
                        doc.text,
                        json,
                        WIRE_VERSION,
                        analysis.sentences.len() as i64,
                        n_tokens as i64,
                        now,
                    ])
                    .map_err(StoreError::sqlite)?;
                if n_inserted == 0 {
                    outcomes.push(InsertOutcome::Duplicate);
                    continue;
                }
                for (idx, segment) in doc.segments.iter().enumerate() {
                    insert_segment
                        .execute(params![
                            doc.id,
                            idx as i64,
                            segment.kind,
                            segment.span.span[0] as i64,
                            segment.span.span[1] as i64,
                            segment.speaker.as_ref().map(|s| &s.name),
                            segment.caps,
                            segment.rule,
                        ])
                        .map_err(StoreError::sqlite)?;
                }
                for (idx, sentence) in analysis.sentences.iter().enumerate() {
                    let norm = sentence.norm.as_deref().unwrap_or(&sentence.text);
                    insert_sentence
                        .execute(params![
                            doc.id,
                            idx as i64,
                            sentence.segment as i64,
                            sentence.span.span[0] as i64,
                            sentence.span.span[1] as i64,
                            sentence.text,
                            norm,
                        ])
                        .map_err(StoreError::sqlite)?;
                }
                outcomes.push(InsertOutcome::New);
            }
        }
        tx.commit().map_err(StoreError::sqlite)?;
        Ok(outcomes)
    }

    /// True when a document with this id is stored.
    pub fn contains(&self, doc_id: &str) -> Result<bool, StoreError> {
        self.conn
            .query_row("SELECT 1 FROM documents WHERE id = ?1", [doc_id], |_| Ok(()))
            .optional()
            .map(|found| found.is_some())
            .map_err(StoreError::sqlite)
    }

    /// The stored analysis of a document (sentences without their tokens).
    pub fn analysis(&self, doc_id: &str) -> Result<Option<AnalysisJson>, StoreError> {
        let json: Option<String> = self
            .conn
            .query_row("SELECT analysis FROM documents WHERE id = ?1", [doc_id], |row| row.get(0))
            .optional()
            .map_err(StoreError::sqlite)?;
        json.map(|json| serde_json::from_str(&json).map_err(|e| StoreError::corrupt(format!("document {doc_id}: {e}"))))
            .transpose()
    }

    /// Counts over the store.
    pub fn stats(&self) -> Result<Stats, StoreError> {
        let conn = &self.conn;
        let count = |sql: &str| -> Result<i64, StoreError> { conn.query_row(sql, [], |row| row.get(0)).map_err(StoreError::sqlite) };
        let grouped = |sql: &str| -> Result<Vec<(String, i64)>, StoreError> {
            let mut statement = conn.prepare(sql).map_err(StoreError::sqlite)?;
            let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?))).map_err(StoreError::sqlite)?;
            rows.collect::<Result<_, _>>().map_err(StoreError::sqlite)
        };
        let date_range: Option<(String, String)> = conn
            .query_row("SELECT min(date), max(date) FROM documents WHERE date IS NOT NULL", [], |row| {
                Ok(row.get::<_, Option<String>>(0)?.zip(row.get::<_, Option<String>>(1)?))
            })
            .map_err(StoreError::sqlite)?;
        Ok(Stats {
            schema_version: self.schema_version()?,
            n_documents: count("SELECT count(*) FROM documents")?,
            by_format: grouped("SELECT format, count(*) FROM documents GROUP BY format ORDER BY format")?,
            by_segment_kind: grouped("SELECT kind, count(*) FROM segments GROUP BY kind ORDER BY kind")?,
            n_sentences: count("SELECT count(*) FROM sentences")?,
            n_tokens: count("SELECT coalesce(sum(n_tokens), 0) FROM documents")?,
            n_speakers: count("SELECT count(DISTINCT speaker) FROM segments WHERE speaker IS NOT NULL")?,
            n_dated: count("SELECT count(*) FROM documents WHERE date IS NOT NULL")?,
            date_range,
        })
    }

    /// Full-text search over sentences, best matches first.
    ///
    /// `query` uses SQLite FTS5 syntax (`nato AND brussels`, `"security
    /// demands"`, `sanction*`). When it is not valid FTS5 (say `NATO-Russia`
    /// or `U.S.`), each word is searched as a quoted phrase instead.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>, StoreError> {
        match self.search_fts(query, limit) {
            Err(err) if err.is_query_syntax() => {
                let quoted: Vec<String> = query.split_whitespace().map(|w| format!("\"{}\"", w.replace('"', "\"\""))).collect();
                self.search_fts(&quoted.join(" "), limit)
            }
            result => result,
        }
    }

    fn search_fts(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>, StoreError> {
        let mut statement = self
            .conn
            .prepare_cached(
                "SELECT d.id, d.title, d.source, d.date, s.idx, s.start, s.end, s.text,
                        snippet(sentences_fts, 0, '[', ']', '…', 24)
                 FROM sentences_fts
                 JOIN sentences s ON s.id = sentences_fts.rowid
                 JOIN documents d ON d.id = s.doc_id
                 WHERE sentences_fts MATCH ?1
                 ORDER BY bm25(sentences_fts), d.date DESC, d.id, s.idx
                 LIMIT ?2",
            )
            .map_err(StoreError::sqlite)?;
        let rows = statement
            .query_map(params![query, limit as i64], |row| {
                Ok(SearchHit {
                    doc_id: row.get(0)?,
                    title: row.get(1)?,
                    source: row.get(2)?,
                    date: row.get(3)?,
                    sentence_idx: row.get(4)?,
                    span: (row.get(5)?, row.get(6)?),
                    text: row.get(7)?,
                    snippet: row.get(8)?,
                })
            })
            .map_err(|e| StoreError::query(query, e))?;
        rows.collect::<Result<_, _>>().map_err(|e| StoreError::query(query, e))
    }
}

/// The analysis as stored: the wire JSON without token arrays, which are
/// most of its size and are recomputed from the text (analysis is
/// deterministic) by whoever needs them.
fn stored_json(analysis: &AnalysisJson) -> Result<String, StoreError> {
    if analysis.sentences.iter().all(|s| s.tokens.is_empty()) {
        return serde_json::to_string(analysis).map_err(StoreError::encode);
    }
    let mut value = serde_json::to_value(analysis).map_err(StoreError::encode)?;
    if let Some(sentences) = value.get_mut("sentences").and_then(|s| s.as_array_mut()) {
        for sentence in sentences {
            if let Some(object) = sentence.as_object_mut() {
                object.remove("tokens");
            }
        }
    }
    serde_json::to_string(&value).map_err(StoreError::encode)
}

/// Current UTC time as RFC 3339, to the second.
fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs()) as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

#[cfg(test)]
mod tests;
