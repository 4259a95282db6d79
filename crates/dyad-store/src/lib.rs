//! Storage of analysed documents: SQLite or PostgreSQL, with migrations and
//! full-text search.
//!
//! [`Store`] keeps each document once, keyed by its content hash, with its
//! wire-format analysis, its segments and its sentences (searchable through
//! SQLite FTS5 over their analysis form, so a search for "Biden" finds
//! "BIDEN" in a script and "Sherman" finds "Sherman" written with a no-break
//! space). Inserting a document that is already stored changes nothing.
//!
//! Two backends behind one interface ([`conn::Conn`]: a statement, a query,
//! SQL written once): a SQLite file (`dyad.db`; WAL mode, so readers never
//! block the writer; FTS5) and PostgreSQL (`postgres://…`; a GIN `tsvector`
//! index), opened by [`Store::open_location`]. Everything above the
//! connection (inserts, filters, cursors, aggregates) is shared, so both
//! store and answer the same.
//!
//! Schema changes are numbered SQL files under `migrations/` (SQLite,
//! recorded in `PRAGMA user_version`) and `migrations/postgres/` (recorded
//! in a `dyad_schema` table, applied under an advisory lock); a database
//! from a newer dyad is refused rather than damaged.
//!
//! Writes happen in one transaction per batch: a crash leaves either the
//! whole batch or none of it. Several processes may write to one
//! PostgreSQL database at once: documents are keyed by content hash and
//! inserted with `ON CONFLICT DO NOTHING` in id order, and a batch that
//! loses a race (deadlock, serialisation) is run again.
#![deny(missing_docs)]

mod conn;
mod error;
mod insert;
mod postgres;
mod query;
mod sqlite;
#[cfg(any(test, feature = "testing"))]
pub mod testing;

use std::path::Path;

use dyad_wire::AnalysisJson;

pub use conn::Dialect;

pub use error::{StoreError, StoreErrorKind};

/// An analysis ready to store: its wire form and the JSON the store keeps
/// of it (see [`Store::insert_prepared`]).
#[derive(Clone, Debug)]
pub struct Prepared {
    /// The analysis, from which the store derives its rows.
    analysis: AnalysisJson,
    /// Its stored JSON, rendered from it.
    json: String,
}

impl Prepared {
    /// Renders the stored JSON of `analysis`: its wire JSON without tokens
    /// or chunks.
    pub fn new(analysis: AnalysisJson) -> Result<Prepared, StoreError> {
        let json = insert::stored_json(&analysis)?;
        Ok(Prepared { analysis, json })
    }

    /// The analysis.
    pub fn analysis(&self) -> &AnalysisJson {
        &self.analysis
    }
}

/// What happened to one document on insert.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
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
    /// Events.
    pub n_events: i64,
    /// Quotes.
    pub n_quotes: i64,
    /// Distinct actor codes of events.
    pub n_actors: i64,
    /// Distinct places mentioned.
    pub n_places: i64,
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

/// A database location for messages: a PostgreSQL URL without its
/// password, a path as given.
pub fn redact_location(location: &str) -> String {
    postgres::redact(location)
}

/// GDELT 2.0 event columns that dyad fills, then dyad's own (the order of
/// [`EventRow::gdelt_record`]).
pub const GDELT_COLUMNS: &[&str] = &[
    "GLOBALEVENTID",
    "SQLDATE",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "SOURCEURL",
    "DocId",
    "DateSource",
    "PLOVER",
    "PLOVERMode",
    "Modality",
    "Trigger",
    "Sentence",
    "Rule",
    "Reason",
];

impl EventRow {
    /// The event as a CSV record under [`GDELT_COLUMNS`].
    pub fn gdelt_record(&self) -> Vec<String> {
        let country = |code: &Option<String>| code.as_deref().map_or(String::new(), |c| c.chars().take(3).collect());
        vec![
            self.id.to_string(),
            self.date.as_deref().unwrap_or("").replace('-', ""),
            self.source_code.clone().unwrap_or_default(),
            self.source_text.clone(),
            country(&self.source_code),
            self.target_code.clone().unwrap_or_default(),
            self.target_text.clone().unwrap_or_default(),
            country(&self.target_code),
            "1".to_string(),
            self.code.clone(),
            self.code.chars().take(3).collect(),
            self.root.clone(),
            self.quad.to_string(),
            format!("{:.1}", self.goldstein),
            self.place.clone().unwrap_or_default(),
            self.place_country.clone().unwrap_or_default(),
            self.lat.map_or(String::new(), |v| format!("{v:.4}")),
            self.lon.map_or(String::new(), |v| format!("{v:.4}")),
            self.url.clone().unwrap_or_else(|| self.source_file.clone()),
            self.doc_id.clone(),
            self.date_from.clone(),
            self.plover.clone(),
            self.plover_mode.clone(),
            self.modality.clone(),
            self.trigger_text.clone(),
            self.sentence.clone(),
            self.rule.clone(),
            self.reason.clone(),
        ]
    }
}

/// A dyad database, SQLite or PostgreSQL.
#[derive(Debug)]
pub struct Store {
    conn: Box<dyn conn::Conn>,
    /// How text filters choose their plan (tests force each plan).
    text_plans: query::TextPlans,
}

/// True for a PostgreSQL connection URL (`postgres://…`, `postgresql://…`).
pub fn is_postgres_url(location: &str) -> bool {
    location.starts_with("postgres://") || location.starts_with("postgresql://")
}

impl Store {
    /// Opens (creating if needed) the SQLite database at `path` and brings
    /// its schema up to date.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Ok(Store::with(Box::new(sqlite::SqliteConn::open(path)?)))
    }

    /// An in-memory SQLite database, for tests.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        Ok(Store::with(Box::new(sqlite::SqliteConn::open_in_memory()?)))
    }

    /// Connects to the PostgreSQL database at `url` and brings its schema
    /// up to date (the database must exist; the tables are created).
    pub fn connect(url: &str) -> Result<Store, StoreError> {
        Ok(Store::with(Box::new(postgres::PgConn::connect(url)?)))
    }

    fn with(conn: Box<dyn conn::Conn>) -> Store {
        let text_plans = query::TextPlans::for_dialect(conn.dialect());
        Store { conn, text_plans }
    }

    /// A PostgreSQL URL connects; anything else is a SQLite file path.
    pub fn open_location(location: &str) -> Result<Store, StoreError> {
        if is_postgres_url(location) {
            Store::connect(location)
        } else {
            Store::open(Path::new(location))
        }
    }

    /// Which engine the store runs on.
    pub fn dialect(&self) -> Dialect {
        self.conn.dialect()
    }

    /// The schema version of the open database.
    pub fn schema_version(&mut self) -> Result<i64, StoreError> {
        self.conn.schema_version()
    }

    /// The schema version this build writes for the store's engine.
    pub fn latest_schema_version(&self) -> i64 {
        match self.dialect() {
            Dialect::Sqlite => sqlite::LATEST,
            Dialect::Postgres => postgres::LATEST,
        }
    }

    /// Stores documents in one transaction; documents already stored are
    /// left untouched. Returns one outcome per input, in order.
    pub fn insert(&mut self, analyses: &[AnalysisJson]) -> Result<Vec<InsertOutcome>, StoreError> {
        let jsons = analyses.iter().map(insert::stored_json).collect::<Result<Vec<_>, _>>()?;
        let items: Vec<(&AnalysisJson, &str)> = analyses.iter().zip(&jsons).map(|(a, j)| (a, j.as_str())).collect();
        insert::insert(self.conn.as_mut(), &items)
    }

    /// [`Store::insert`] of analyses whose stored form is rendered already
    /// (by [`Prepared::new`], which callers run in parallel: the store has
    /// one writer).
    pub fn insert_prepared(&mut self, prepared: &[Prepared]) -> Result<Vec<InsertOutcome>, StoreError> {
        let items: Vec<(&AnalysisJson, &str)> = prepared.iter().map(|p| (&p.analysis, p.json.as_str())).collect();
        insert::insert(self.conn.as_mut(), &items)
    }

    /// Brings the query planner's statistics up to date (after large
    /// writes): SQLite's `PRAGMA optimize` over every table, PostgreSQL's
    /// `ANALYZE`.
    pub fn optimize(&mut self) -> Result<(), StoreError> {
        match self.dialect() {
            Dialect::Sqlite => self.conn.batch("PRAGMA optimize = 0x10002"),
            Dialect::Postgres => self.conn.batch("ANALYZE documents, segments, sentences, entities, times, places, events, quotes"),
        }
    }

    /// True when a document with this id is stored.
    pub fn contains(&mut self, doc_id: &str) -> Result<bool, StoreError> {
        Ok(!self.conn.query("SELECT 1 FROM documents WHERE id = $1", &[doc_id.into()])?.is_empty())
    }

    /// The full id of the one document whose id starts with `prefix`.
    pub fn resolve_id(&mut self, prefix: &str) -> Result<Option<String>, StoreError> {
        let pattern = format!("{}%", prefix.replace(['%', '_', '\\'], ""));
        let rows = self.conn.query("SELECT id FROM documents WHERE id LIKE $1 LIMIT 2", &[pattern.into()])?;
        match rows.as_slice() {
            [one] => Ok(Some(one.text(0)?)),
            _ => Ok(None),
        }
    }

    /// The stored analysis of a document (sentences without their tokens).
    pub fn analysis(&mut self, doc_id: &str) -> Result<Option<AnalysisJson>, StoreError> {
        let rows = self.conn.query("SELECT analysis FROM documents WHERE id = $1", &[doc_id.into()])?;
        let Some(row) = rows.first() else {
            return Ok(None);
        };
        let json = row.text(0)?;
        serde_json::from_str(&json).map(Some).map_err(|e| StoreError::corrupt(format!("document {doc_id}: {e}")))
    }

    /// Counts over the store.
    pub fn stats(&mut self) -> Result<Stats, StoreError> {
        let conn = self.conn.as_mut();
        let mut count = |sql: &str| -> Result<i64, StoreError> { conn.query(sql, &[])?.first().map_or(Ok(0), |r| r.int(0)) };
        let n_documents = count("SELECT count(*) FROM documents")?;
        let n_sentences = count("SELECT count(*) FROM sentences")?;
        let n_tokens = count("SELECT CAST(coalesce(sum(n_tokens), 0) AS BIGINT) FROM documents")?;
        let n_speakers = count("SELECT count(DISTINCT speaker) FROM segments WHERE speaker IS NOT NULL")?;
        let n_dated = count("SELECT count(*) FROM documents WHERE date IS NOT NULL")?;
        let n_events = count("SELECT count(*) FROM events")?;
        let n_quotes = count("SELECT count(*) FROM quotes")?;
        let n_actors = count(
            "SELECT count(*) FROM (SELECT source_code FROM events WHERE source_code IS NOT NULL
             UNION SELECT target_code FROM events WHERE target_code IS NOT NULL) a",
        )?;
        let n_places = count("SELECT count(*) FROM (SELECT DISTINCT name, geonameid FROM places) p")?;
        let mut grouped =
            |sql: &str| -> Result<Vec<(String, i64)>, StoreError> { conn.query(sql, &[])?.iter().map(|r| Ok((r.text(0)?, r.int(1)?))).collect() };
        let by_format = grouped("SELECT format, count(*) FROM documents GROUP BY format ORDER BY format")?;
        let by_segment_kind = grouped("SELECT kind, count(*) FROM segments GROUP BY kind ORDER BY kind")?;
        let range = conn.query("SELECT min(date), max(date) FROM documents WHERE date IS NOT NULL", &[])?;
        let date_range = match range.first() {
            Some(row) => row.opt_text(0)?.zip(row.opt_text(1)?),
            None => None,
        };
        Ok(Stats {
            schema_version: self.conn.schema_version()?,
            n_documents,
            by_format,
            by_segment_kind,
            n_sentences,
            n_tokens,
            n_speakers,
            n_dated,
            date_range,
            n_events,
            n_quotes,
            n_actors,
            n_places,
        })
    }

    /// Full-text search over sentences, best matches first.
    ///
    /// On SQLite `query` uses FTS5 syntax (`nato AND brussels`, `"security
    /// demands"`, `sanction*`); when it is not valid FTS5 (say
    /// `NATO-Russia` or `U.S.`), each word is searched as a quoted phrase
    /// instead. On PostgreSQL it is a web-search query (`"security
    /// demands" -sanctions`), which never fails.
    pub fn search(&mut self, query: &str, limit: usize) -> Result<Vec<SearchHit>, StoreError> {
        match self.search_once(query, limit) {
            Err(err) if err.is_query_syntax() => {
                let quoted: Vec<String> = query.split_whitespace().map(|w| format!("\"{}\"", w.replace('"', "\"\""))).collect();
                self.search_once(&quoted.join(" "), limit)
            }
            result => result,
        }
    }

    fn search_once(&mut self, query: &str, limit: usize) -> Result<Vec<SearchHit>, StoreError> {
        let sql = match self.dialect() {
            Dialect::Sqlite => {
                "SELECT d.id, d.title, d.source, d.date, s.idx, s.start, s.\"end\", s.text,
                        snippet(sentences_fts, 0, '[', ']', '…', 24)
                 FROM sentences_fts
                 JOIN sentences s ON s.id = sentences_fts.rowid
                 JOIN documents d ON d.id = s.doc_id
                 WHERE sentences_fts MATCH $1
                 ORDER BY bm25(sentences_fts), d.date DESC, d.id, s.idx
                 LIMIT $2"
            }
            Dialect::Postgres => {
                "SELECT d.id, d.title, d.source, d.date, s.idx, s.start, s.\"end\", s.text,
                        ts_headline('simple', s.norm, q, 'StartSel=[, StopSel=], MaxWords=24, MinWords=6')
                 FROM sentences s JOIN documents d ON d.id = s.doc_id, websearch_to_tsquery('simple', $1) q
                 WHERE s.tsv @@ q
                 ORDER BY ts_rank(s.tsv, q) DESC, d.date DESC, d.id, s.idx
                 LIMIT $2"
            }
        };
        let rows = self.conn.query(sql, &[query.into(), limit.into()]).map_err(|e| e.in_search(query))?;
        rows.iter()
            .map(|row| {
                Ok(SearchHit {
                    doc_id: row.text(0)?,
                    title: row.opt_text(1)?,
                    source: row.text(2)?,
                    date: row.opt_text(3)?,
                    sentence_idx: row.int(4)?,
                    span: (row.int(5)?, row.int(6)?),
                    text: row.text(7)?,
                    snippet: row.text(8)?,
                })
            })
            .collect()
    }

    /// Events matching `filter`, newest first (then in text order), a page
    /// at a time.
    pub fn events(&mut self, filter: &EventFilter) -> Result<Page<EventRow>, StoreError> {
        query::events(self.conn.as_mut(), filter, self.text_plans)
    }

    /// Quotes matching `filter`, newest first, a page at a time.
    pub fn quotes(&mut self, filter: &QuoteFilter) -> Result<Page<QuoteRow>, StoreError> {
        query::quotes(self.conn.as_mut(), filter)
    }

    /// Documents, latest ingested first, a page at a time.
    pub fn documents(&mut self, limit: usize, cursor: Option<&str>) -> Result<Page<DocumentRow>, StoreError> {
        query::documents(self.conn.as_mut(), limit, cursor)
    }

    /// Actor codes with their event counts; `search` is a code prefix.
    pub fn actors(&mut self, search: Option<&str>, limit: usize, cursor: Option<&str>) -> Result<Page<ActorRow>, StoreError> {
        query::actors(self.conn.as_mut(), search, limit, cursor)
    }

    /// Named entities across documents; `kind` is `PER`, `ORG`, `LOC` or
    /// `NORP`, `search` words of the name.
    pub fn entities(&mut self, kind: Option<&str>, search: Option<&str>, limit: usize, cursor: Option<&str>) -> Result<Page<EntityRow>, StoreError> {
        query::entities(self.conn.as_mut(), kind, search, limit, cursor)
    }

    /// Places mentioned, most mentioned first.
    pub fn places(&mut self, search: Option<&str>, limit: usize, cursor: Option<&str>) -> Result<Page<PlaceRow>, StoreError> {
        query::places(self.conn.as_mut(), search, limit, cursor)
    }

    /// Quote speakers, most quoted first.
    pub fn speakers(&mut self, search: Option<&str>, limit: usize, cursor: Option<&str>) -> Result<Page<SpeakerRow>, StoreError> {
        query::speakers(self.conn.as_mut(), search, limit, cursor)
    }

    /// Dyads of the events matching `filter`, busiest first.
    pub fn dyads(&mut self, filter: &EventFilter) -> Result<Page<DyadRow>, StoreError> {
        query::dyads(self.conn.as_mut(), filter)
    }

    /// Events matching `filter` per `day`, `week` or `month`, by quad class.
    pub fn timeline(&mut self, filter: &EventFilter, bucket: &str) -> Result<Timeline, StoreError> {
        query::timeline(self.conn.as_mut(), filter, bucket)
    }

    /// The busiest `filter.limit` directed edges between parties.
    pub fn network(&mut self, filter: &EventFilter) -> Result<Network, StoreError> {
        query::network(self.conn.as_mut(), filter)
    }

    /// Places of events matching `filter`, busiest first.
    pub fn map(&mut self, filter: &EventFilter) -> Result<Vec<MapPoint>, StoreError> {
        query::map(self.conn.as_mut(), filter)
    }
}

/// A page of a list: its items and the cursor of the next page (`None` on
/// the last page).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Page<T> {
    /// The rows.
    pub items: Vec<T>,
    /// Pass as `cursor` to get the next page.
    pub next: Option<String>,
}

/// A stored document, without its text.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[allow(missing_docs)]
pub struct DocumentRow {
    pub id: String,
    pub title: Option<String>,
    pub source: String,
    pub url: Option<String>,
    pub format: String,
    pub date: Option<String>,
    pub date_source: String,
    pub ingested_at: String,
    pub n_sentences: i64,
    pub n_events: i64,
    pub n_quotes: i64,
}

/// An actor code and how often it appears in events.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[allow(missing_docs)]
pub struct ActorRow {
    pub code: String,
    pub n_events: i64,
    pub n_as_source: i64,
    pub n_as_target: i64,
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
}

/// A named entity across documents (same kind and name).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[allow(missing_docs)]
pub struct EntityRow {
    pub kind: String,
    pub name: String,
    pub n_mentions: i64,
    pub n_documents: i64,
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
}

/// A place across documents.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[allow(missing_docs)]
pub struct PlaceRow {
    pub name: String,
    pub geonameid: Option<i64>,
    pub feature: String,
    pub country: String,
    pub lat: f64,
    pub lon: f64,
    pub n_mentions: i64,
    pub n_events: i64,
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
}

/// A quote speaker (resolved name, else the phrase).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[allow(missing_docs)]
pub struct SpeakerRow {
    pub speaker: String,
    pub code: Option<String>,
    pub n_quotes: i64,
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
}

/// An unordered pair of parties (`a` < `b`) and their events; `quad`
/// counts events per quad class 1–4.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[allow(missing_docs)]
pub struct DyadRow {
    pub a: String,
    pub b: String,
    pub n_events: i64,
    pub quad: [i64; 4],
    pub goldstein_mean: f64,
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
}

/// Events per time bucket.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Timeline {
    /// `day`, `week` (from Monday) or `month`.
    pub bucket: String,
    /// Buckets with events, in order.
    pub items: Vec<TimeBucket>,
}

/// One bucket of a timeline: its first day and events per quad class 1–4.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[allow(missing_docs)]
pub struct TimeBucket {
    pub start: String,
    pub quad: [i64; 4],
}

/// Parties and the directed edges between them.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[allow(missing_docs)]
pub struct Network {
    pub nodes: Vec<NetworkNode>,
    pub edges: Vec<NetworkEdge>,
}

/// A party and the events on its edges.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[allow(missing_docs)]
pub struct NetworkNode {
    pub id: String,
    pub n_events: i64,
}

/// Events from one party to another: cooperation (quad 1–2), conflict
/// (quad 3–4), mean Goldstein score.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[allow(missing_docs)]
pub struct NetworkEdge {
    pub source: String,
    pub target: String,
    pub n_events: i64,
    pub cooperation: i64,
    pub conflict: i64,
    pub goldstein_mean: f64,
}

/// A place where events happened.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[allow(missing_docs)]
pub struct MapPoint {
    pub name: String,
    pub geonameid: Option<i64>,
    pub country: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub n_events: i64,
    pub quad: [i64; 4],
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
    /// Two parties, either way round: `USA-RUS` (actor code prefixes of
    /// three letters, six for IGO/NGO/MNC codes).
    pub dyad: Option<String>,
    /// Quad class 1–4.
    pub quad: Option<u8>,
    /// Events dated on or after (YYYY-MM-DD).
    pub since: Option<String>,
    /// Events dated on or before (`2022-01` means to the month's end).
    pub until: Option<String>,
    /// Place name as resolved (`Geneva`) or ISO country code (`CH`).
    pub place: Option<String>,
    /// Words of the event's sentence (all of them, any form the full-text
    /// index matches).
    pub text: Option<String>,
    /// One document's events.
    pub doc: Option<String>,
    /// The `next` cursor of the previous page.
    pub cursor: Option<String>,
    /// At most this many rows (for network and map: edges and places).
    pub limit: usize,
}

/// A stored event.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct EventRow {
    /// Row id (stable for the database).
    pub id: i64,
    /// Document id.
    pub doc_id: String,
    /// Index of the event in its document's analysis (`events[idx]`).
    pub idx: i64,
    /// Document title.
    pub doc_title: Option<String>,
    /// Index of its sentence in the document's analysis.
    pub sentence_idx: i64,
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
    /// Said on or after (YYYY-MM-DD).
    pub since: Option<String>,
    /// Said on or before.
    pub until: Option<String>,
    /// One document's quotes.
    pub doc: Option<String>,
    /// The `next` cursor of the previous page.
    pub cursor: Option<String>,
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
    /// Index of the quote in its document's analysis (`quotes[idx]`).
    pub idx: i64,
    /// Document title.
    pub doc_title: Option<String>,
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

#[cfg(test)]
mod tests;
