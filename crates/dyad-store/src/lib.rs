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
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
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
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
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
                     text, analysis, wire_version, n_sentences, n_tokens, ingested_at, date_confidence, date_reason)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)
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
            let mut insert_event = tx
                .prepare_cached(
                    "INSERT INTO events (doc_id, idx, date, code, root, label, quad, goldstein, plover, plover_mode,
                     source_text, source_code, source_entity, target_text, target_code, target_entity,
                     trigger_start, trigger_end, trigger_text, sentence_idx, sentence_start, sentence_end,
                     modality, rule, reason, date_value, date_from, place_name, place_geonameid, place_country,
                     lat, lon)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,
                     ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32)",
                )
                .map_err(StoreError::sqlite)?;
            let mut insert_quote = tx
                .prepare_cached(
                    "INSERT INTO quotes (doc_id, idx, date, kind, content_start, content_end, text, cue_text,
                     speaker_text, speaker_name, speaker_code, speaker_entity, about_text, about_name, about_code,
                     rule, reason, date_value, date_from, place_name, lat, lon)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,
                     ?20, ?21, ?22)",
                )
                .map_err(StoreError::sqlite)?;
            let mut insert_time = tx
                .prepare_cached(
                    "INSERT INTO times (doc_id, idx, start, end, text, type, value, first_day, last_day)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                )
                .map_err(StoreError::sqlite)?;
            let mut insert_place = tx
                .prepare_cached(
                    "INSERT INTO places (doc_id, idx, start, end, text, role, geonameid, name, feature, country, lat, lon)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
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
                        f64::from(doc.date_confidence),
                        doc.date_reason,
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
                for (idx, time) in analysis.times.iter().enumerate() {
                    insert_time
                        .execute(params![
                            doc.id,
                            idx as i64,
                            time.span.span[0] as i64,
                            time.span.span[1] as i64,
                            time.text,
                            time.kind,
                            time.value,
                            time.days.as_ref().map(|d| &d[0]),
                            time.days.as_ref().map(|d| &d[1]),
                        ])
                        .map_err(StoreError::sqlite)?;
                }
                for (idx, place) in analysis.places.iter().enumerate() {
                    insert_place
                        .execute(params![
                            doc.id,
                            idx as i64,
                            place.span.span[0] as i64,
                            place.span.span[1] as i64,
                            place.text,
                            place.role,
                            place.geonameid.map(i64::from),
                            place.name,
                            place.feature,
                            place.country,
                            place.lat,
                            place.lon,
                        ])
                        .map_err(StoreError::sqlite)?;
                }
                for (idx, event) in analysis.events.iter().enumerate() {
                    let target = event.target.as_ref();
                    let place = event.setting.place.and_then(|p| analysis.places.get(p));
                    insert_event
                        .execute(params![
                            doc.id,
                            idx as i64,
                            day_of(analysis, event.setting.time, &doc.date),
                            event.code,
                            event.root,
                            event.label,
                            i64::from(event.quad),
                            f64::from(event.goldstein),
                            event.plover,
                            event.plover_mode,
                            event.source.text,
                            event.source.code,
                            event.source.entity.map(|e| e as i64),
                            target.map(|t| &t.text),
                            target.and_then(|t| t.code.as_ref()),
                            target.and_then(|t| t.entity).map(|e| e as i64),
                            event.trigger.span[0] as i64,
                            event.trigger.span[1] as i64,
                            event.trigger_text,
                            event.sentence as i64,
                            event.sentence_span.span[0] as i64,
                            event.sentence_span.span[1] as i64,
                            event.modality,
                            event.rule,
                            event.reason,
                            event.setting.date,
                            if event.setting.time.is_some() { "text" } else { "document" },
                            place.map(|p| &p.name),
                            place.and_then(|p| p.geonameid).map(i64::from),
                            place.map(|p| &p.country),
                            place.map(|p| p.lat),
                            place.map(|p| p.lon),
                        ])
                        .map_err(StoreError::sqlite)?;
                }
                for (idx, quote) in analysis.quotes.iter().enumerate() {
                    let (start, end) = match (quote.content.first(), quote.content.last()) {
                        (Some(a), Some(b)) => (a.span[0] as i64, b.span[1] as i64),
                        _ => (0, 0),
                    };
                    let speaker = quote.speaker.as_ref();
                    let about = quote.about.as_ref();
                    let place = quote.setting.place.and_then(|p| analysis.places.get(p));
                    insert_quote
                        .execute(params![
                            doc.id,
                            idx as i64,
                            day_of(analysis, quote.setting.time, &doc.date),
                            quote.kind,
                            start,
                            end,
                            quote.text,
                            quote.cue_text,
                            speaker.map(|s| &s.text),
                            speaker.and_then(|s| s.name.as_ref()),
                            speaker.and_then(|s| s.code.as_ref()),
                            speaker.and_then(|s| s.entity).map(|e| e as i64),
                            about.map(|s| &s.text),
                            about.and_then(|s| s.name.as_ref()),
                            about.and_then(|s| s.code.as_ref()),
                            quote.rule,
                            quote.reason,
                            quote.setting.date,
                            if quote.setting.time.is_some() { "text" } else { "document" },
                            place.map(|p| &p.name),
                            place.map(|p| p.lat),
                            place.map(|p| p.lon),
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

    /// The full id of the one document whose id starts with `prefix`.
    pub fn resolve_id(&self, prefix: &str) -> Result<Option<String>, StoreError> {
        let pattern = format!("{}%", prefix.replace(['%', '_'], ""));
        let mut statement = self.conn.prepare_cached("SELECT id FROM documents WHERE id LIKE ?1 LIMIT 2").map_err(StoreError::sqlite)?;
        let ids: Vec<String> =
            statement.query_map([pattern], |row| row.get(0)).map_err(StoreError::sqlite)?.collect::<Result<_, _>>().map_err(StoreError::sqlite)?;
        Ok(if ids.len() == 1 { ids.into_iter().next() } else { None })
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

/// Which events to list (all filters optional, combined with AND).
#[derive(Clone, Debug, Default)]
pub struct EventFilter {
    /// An actor code or its prefix, as source or target (`RUS` matches `RUSGOV`).
    pub actor: Option<String>,
    /// Source code prefix.
    pub source: Option<String>,
    /// Target code prefix.
    pub target: Option<String>,
    /// CAMEO code prefix (`04` for the root, `043`).
    pub code: Option<String>,
    /// PLOVER type (any case).
    pub plover: Option<String>,
    /// Modality (`asserted`, `future`, …; any case).
    pub modality: Option<String>,
    /// Documents dated on or after (YYYY-MM-DD).
    pub since: Option<String>,
    /// Documents dated on or before.
    pub until: Option<String>,
    /// At most this many rows.
    pub limit: usize,
}

/// A stored event.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct EventRow {
    /// Row id (stable for the database).
    pub id: i64,
    /// Document id.
    pub doc_id: String,
    /// The event's date (first day of its TIMEX3 value), or the document's.
    pub date: Option<String>,
    /// `text` when the date comes from the event's clause, `document` when
    /// it is the document's.
    pub date_from: String,
    /// Where it happened, when the text says: place name, ISO alpha-2
    /// country, coordinates.
    pub place: Option<String>,
    #[allow(missing_docs)]
    pub place_country: Option<String>,
    #[allow(missing_docs)]
    pub lat: Option<f64>,
    #[allow(missing_docs)]
    pub lon: Option<f64>,
    /// Document source (path or URL).
    pub source_file: String,
    /// Document URL.
    pub url: Option<String>,
    /// CAMEO code, its root, label, quad class and Goldstein score.
    pub code: String,
    #[allow(missing_docs)]
    pub root: String,
    #[allow(missing_docs)]
    pub label: String,
    #[allow(missing_docs)]
    pub quad: i64,
    #[allow(missing_docs)]
    pub goldstein: f64,
    /// PLOVER type and mode.
    pub plover: String,
    #[allow(missing_docs)]
    pub plover_mode: String,
    /// Source phrase and code.
    pub source_text: String,
    #[allow(missing_docs)]
    pub source_code: Option<String>,
    /// Target phrase and code.
    pub target_text: Option<String>,
    #[allow(missing_docs)]
    pub target_code: Option<String>,
    /// Trigger words and their byte span.
    pub trigger_text: String,
    #[allow(missing_docs)]
    pub trigger: (i64, i64),
    /// The sentence, as written.
    pub sentence: String,
    /// Modality.
    pub modality: String,
    /// Rule and reason.
    pub rule: String,
    #[allow(missing_docs)]
    pub reason: String,
}

impl Store {
    /// Events matching `filter`, newest documents first, then in text order.
    pub fn events(&self, filter: &EventFilter) -> Result<Vec<EventRow>, StoreError> {
        let prefix = |p: &Option<String>| p.as_ref().map(|p| format!("{}%", p.replace(['%', '_'], "")));
        let mut statement = self
            .conn
            .prepare_cached(
                "SELECT e.id, e.doc_id, e.date, d.source, d.url, e.code, e.root, e.label, e.quad, e.goldstein,
                        e.plover, e.plover_mode, e.source_text, e.source_code, e.target_text, e.target_code,
                        e.trigger_text, e.trigger_start, e.trigger_end, CAST(substr(CAST(d.text AS BLOB), e.sentence_start + 1, e.sentence_end - e.sentence_start) AS TEXT),
                        e.modality, e.rule, e.reason, e.date_from, e.place_name, e.place_country, e.lat, e.lon
                 FROM events e JOIN documents d ON d.id = e.doc_id
                 WHERE (?1 IS NULL OR e.source_code LIKE ?1 OR e.target_code LIKE ?1)
                   AND (?2 IS NULL OR e.source_code LIKE ?2)
                   AND (?3 IS NULL OR e.target_code LIKE ?3)
                   AND (?4 IS NULL OR e.code LIKE ?4)
                   AND (?5 IS NULL OR e.plover = ?5)
                   AND (?6 IS NULL OR e.modality = ?6)
                   AND (?7 IS NULL OR e.date >= ?7)
                   AND (?8 IS NULL OR e.date <= ?8)
                 ORDER BY e.date DESC, e.doc_id, e.idx
                 LIMIT ?9",
            )
            .map_err(StoreError::sqlite)?;
        let rows = statement
            .query_map(
                params![
                    prefix(&filter.actor),
                    prefix(&filter.source),
                    prefix(&filter.target),
                    prefix(&filter.code),
                    filter.plover.as_ref().map(|p| p.to_uppercase()),
                    filter.modality.as_ref().map(|m| m.to_lowercase()),
                    filter.since,
                    filter.until,
                    filter.limit as i64
                ],
                |row| {
                    Ok(EventRow {
                        id: row.get(0)?,
                        doc_id: row.get(1)?,
                        date: row.get(2)?,
                        source_file: row.get(3)?,
                        url: row.get(4)?,
                        code: row.get(5)?,
                        root: row.get(6)?,
                        label: row.get(7)?,
                        quad: row.get(8)?,
                        goldstein: row.get(9)?,
                        plover: row.get(10)?,
                        plover_mode: row.get(11)?,
                        source_text: row.get(12)?,
                        source_code: row.get(13)?,
                        target_text: row.get(14)?,
                        target_code: row.get(15)?,
                        trigger_text: row.get(16)?,
                        trigger: (row.get(17)?, row.get(18)?),
                        sentence: row.get(19)?,
                        modality: row.get(20)?,
                        rule: row.get(21)?,
                        reason: row.get(22)?,
                        date_from: row.get(23)?,
                        place: row.get(24)?,
                        place_country: row.get(25)?,
                        lat: row.get(26)?,
                        lon: row.get(27)?,
                    })
                },
            )
            .map_err(StoreError::sqlite)?;
        rows.collect::<Result<_, _>>().map_err(StoreError::sqlite)
    }
}

/// Which quotes to list (all filters optional, combined with AND).
#[derive(Clone, Debug, Default)]
pub struct QuoteFilter {
    /// Words of the speaker's name or phrase (case-insensitive substring).
    pub speaker: Option<String>,
    /// Speaker actor code or prefix (`RUS` matches `RUSGOV`).
    pub actor: Option<String>,
    /// Words of the content (case-insensitive substring).
    pub search: Option<String>,
    /// Kind (`direct`, `indirect`, `mixed`, `partial`, `transcript`).
    pub kind: Option<String>,
    /// Documents dated on or after (YYYY-MM-DD).
    pub since: Option<String>,
    /// Documents dated on or before.
    pub until: Option<String>,
    /// At most this many rows.
    pub limit: usize,
}

/// A stored quote.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct QuoteRow {
    /// Row id (stable for the database).
    pub id: i64,
    /// Document id.
    pub doc_id: String,
    /// When it was said (first day of its TIMEX3 value), or the document's date.
    pub date: Option<String>,
    /// `text` when the date comes from the cue's clause, `document` when
    /// it is the document's.
    pub date_from: String,
    /// Document source (path or URL).
    pub source_file: String,
    /// Kind.
    pub kind: String,
    /// The content and its byte span.
    pub text: String,
    #[allow(missing_docs)]
    pub content: (i64, i64),
    /// The cue as written.
    pub cue_text: String,
    /// The speaker phrase, resolved name and actor code.
    pub speaker_text: Option<String>,
    #[allow(missing_docs)]
    pub speaker_name: Option<String>,
    #[allow(missing_docs)]
    pub speaker_code: Option<String>,
    /// Whose words the speaker reports, when the quote says.
    pub about_name: Option<String>,
    #[allow(missing_docs)]
    pub about_text: Option<String>,
    /// Rule and reason.
    pub rule: String,
    #[allow(missing_docs)]
    pub reason: String,
}

impl Store {
    /// Quotes matching `filter`, newest documents first, then in text order.
    pub fn quotes(&self, filter: &QuoteFilter) -> Result<Vec<QuoteRow>, StoreError> {
        let like = |p: &Option<String>| p.as_ref().map(|p| format!("%{}%", p.replace(['%', '_'], "").to_lowercase()));
        let prefix = |p: &Option<String>| p.as_ref().map(|p| format!("{}%", p.replace(['%', '_'], "")));
        let mut statement = self
            .conn
            .prepare_cached(
                "SELECT q.id, q.doc_id, q.date, d.source, q.kind, q.text, q.content_start, q.content_end, q.cue_text,
                        q.speaker_text, q.speaker_name, q.speaker_code, q.about_name, q.about_text, q.rule, q.reason, q.date_from
                 FROM quotes q JOIN documents d ON d.id = q.doc_id
                 WHERE (?1 IS NULL OR lower(coalesce(q.speaker_name, '')) LIKE ?1 OR lower(coalesce(q.speaker_text, '')) LIKE ?1)
                   AND (?2 IS NULL OR q.speaker_code LIKE ?2)
                   AND (?3 IS NULL OR lower(q.text) LIKE ?3)
                   AND (?4 IS NULL OR q.kind = ?4)
                   AND (?5 IS NULL OR q.date >= ?5)
                   AND (?6 IS NULL OR q.date <= ?6)
                 ORDER BY q.date DESC, q.doc_id, q.idx
                 LIMIT ?7",
            )
            .map_err(StoreError::sqlite)?;
        let rows = statement
            .query_map(
                params![like(&filter.speaker), prefix(&filter.actor), like(&filter.search), filter.kind, filter.since, filter.until, filter.limit as i64],
                |row| {
                    Ok(QuoteRow {
                        id: row.get(0)?,
                        doc_id: row.get(1)?,
                        date: row.get(2)?,
                        source_file: row.get(3)?,
                        kind: row.get(4)?,
                        text: row.get(5)?,
                        content: (row.get(6)?, row.get(7)?),
                        cue_text: row.get(8)?,
                        speaker_text: row.get(9)?,
                        speaker_name: row.get(10)?,
                        speaker_code: row.get(11)?,
                        about_name: row.get(12)?,
                        about_text: row.get(13)?,
                        rule: row.get(14)?,
                        reason: row.get(15)?,
                        date_from: row.get(16)?,
                    })
                },
            )
            .map_err(StoreError::sqlite)?;
        rows.collect::<Result<_, _>>().map_err(StoreError::sqlite)
    }
}

/// The analysis as stored: the wire JSON without token arrays, which are
/// most of its size and are recomputed from the text (analysis is
/// deterministic) by whoever needs them.
/// The first day of a record's date: that of the temporal expression it
/// is dated by, else the document's.
fn day_of<'a>(analysis: &'a AnalysisJson, time: Option<usize>, document: &'a Option<String>) -> Option<&'a str> {
    match time.and_then(|t| analysis.times.get(t)) {
        Some(t) => t.days.as_ref().map(|d| d[0].as_str()),
        None => document.as_deref(),
    }
}

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
