//! Writing analyses: one transaction per batch, documents keyed by their
//! content hash, written in id order so concurrent writers to PostgreSQL
//! take their locks in the same order (no deadlocks), and a batch that
//! loses a race anyway is run again.

use dyad_wire::{AnalysisJson, WIRE_VERSION};

use crate::conn::{Conn, Dialect, Insert, Value};
use crate::{InsertOutcome, StoreError};

const DOCUMENTS: Insert = Insert {
    table: "documents",
    columns: &[
        "id", "source", "external_id", "format", "url", "title", "author", "date", "date_source", "text", "analysis", "wire_version",
        "n_sentences", "n_tokens", "ingested_at", "date_confidence", "date_reason",
    ],
    on_conflict: "ON CONFLICT (id) DO NOTHING",
};
const SEGMENTS: Insert =
    Insert { table: "segments", columns: &["doc_id", "idx", "kind", "start", "\"end\"", "speaker", "caps", "rule"], on_conflict: "" };
const SENTENCES: Insert =
    Insert { table: "sentences", columns: &["doc_id", "idx", "segment_idx", "start", "\"end\"", "text", "norm"], on_conflict: "" };
const EVENTS: Insert = Insert {
    table: "events",
    columns: &[
        "doc_id", "idx", "date", "code", "root", "label", "quad", "goldstein", "plover", "plover_mode", "source_text", "source_code",
        "source_entity", "target_text", "target_code", "target_entity", "trigger_start", "trigger_end", "trigger_text", "sentence_idx",
        "sentence_start", "sentence_end", "modality", "rule", "reason", "date_value", "date_from", "place_name", "place_geonameid",
        "place_country", "lat", "lon", "sort_date", "source_party", "target_party",
    ],
    on_conflict: "",
};
const QUOTES: Insert = Insert {
    table: "quotes",
    columns: &[
        "doc_id", "idx", "date", "kind", "content_start", "content_end", "text", "cue_text", "speaker_text", "speaker_name", "speaker_code",
        "speaker_entity", "about_text", "about_name", "about_code", "rule", "reason", "date_value", "date_from", "place_name", "lat", "lon",
        "sort_date",
    ],
    on_conflict: "",
};
const TIMES: Insert = Insert {
    table: "times",
    columns: &["doc_id", "idx", "start", "\"end\"", "text", "type", "value", "first_day", "last_day"],
    on_conflict: "",
};
const PLACES: Insert = Insert {
    table: "places",
    columns: &["doc_id", "idx", "start", "\"end\"", "text", "role", "geonameid", "name", "feature", "country", "lat", "lon"],
    on_conflict: "",
};
const ENTITIES: Insert = Insert { table: "entities", columns: &["doc_id", "idx", "kind", "name", "title", "n_mentions"], on_conflict: "" };

/// How many times a batch that lost a race is tried again.
const MAX_RETRIES: usize = 8;

/// The party of an actor code in a dyad: its first three letters (the
/// country or international body), six for IGO, NGO and MNC codes (which
/// body).
pub(crate) fn party(code: &str) -> &str {
    let n = if ["IGO", "NGO", "MNC"].iter().any(|p| code.starts_with(p)) { 6 } else { 3 };
    code.get(..n.min(code.len())).unwrap_or(code)
}

/// Stores `analyses` in one transaction; see [`crate::Store::insert`].
///
/// SQLite checks no foreign keys meanwhile: every row written here belongs
/// to a document the same transaction has just inserted (rows are built
/// only for the documents whose insert was new), so the check, a descent
/// of `documents`' text key for each of a document's seventy-odd rows,
/// could never fail; it was 6.5% of the insert's instructions. The setting
/// is the connection's and only changes outside a transaction, so it is
/// turned off before `BEGIN` and on again after the transaction ends, in
/// failure too.
pub(crate) fn insert(conn: &mut dyn Conn, analyses: &[(&AnalysisJson, &str)]) -> Result<Vec<InsertOutcome>, StoreError> {
    if conn.dialect() != Dialect::Sqlite {
        return insert_retrying(conn, analyses);
    }
    conn.batch("PRAGMA foreign_keys = OFF")?;
    let outcome = insert_retrying(conn, analyses);
    let restored = conn.batch("PRAGMA foreign_keys = ON");
    let outcome = outcome?;
    restored?;
    Ok(outcome)
}

/// One transaction, run again while it loses races (PostgreSQL).
fn insert_retrying(conn: &mut dyn Conn, analyses: &[(&AnalysisJson, &str)]) -> Result<Vec<InsertOutcome>, StoreError> {
    let mut order: Vec<usize> = (0..analyses.len()).collect();
    order.sort_by(|&a, &b| analyses[a].0.document.id.cmp(&analyses[b].0.document.id));
    let mut attempt = 0;
    loop {
        conn.batch("BEGIN")?;
        match insert_in_transaction(conn, analyses, &order) {
            Ok(outcomes) => match conn.batch("COMMIT") {
                Ok(()) => return Ok(outcomes),
                Err(err) if conn.is_retryable(&err) && attempt < MAX_RETRIES => {
                    let _ = conn.batch("ROLLBACK");
                }
                Err(err) => {
                    let _ = conn.batch("ROLLBACK");
                    return Err(err);
                }
            },
            Err(err) => {
                let _ = conn.batch("ROLLBACK");
                if !(conn.is_retryable(&err) && attempt < MAX_RETRIES) {
                    return Err(err);
                }
            }
        }
        attempt += 1;
        std::thread::sleep(std::time::Duration::from_millis(10 << attempt.min(6)));
    }
}

fn insert_in_transaction(conn: &mut dyn Conn, analyses: &[(&AnalysisJson, &str)], order: &[usize]) -> Result<Vec<InsertOutcome>, StoreError> {
    let now = now_rfc3339();
    let mut outcomes = vec![InsertOutcome::Duplicate; analyses.len()];
    // SQLite indexes the new sentences for search in one statement at the
    // end (schema 7): those with ids above the largest stored before the
    // first new document, read once this transaction holds the write lock
    // (reading first would make it a reader that other writers block).
    let sqlite = conn.dialect() == Dialect::Sqlite;
    // Documents first, in id order; then the rows of those that were new,
    // table by table (each table's rows in document order, so row ids are
    // what a document-by-document insert gives).
    let documents: Vec<Vec<Value>> = order
        .iter()
        .map(|&analysis_idx| {
            let (analysis, json) = analyses[analysis_idx];
            let doc = &analysis.document;
            let n_tokens: usize = analysis.sentences.iter().map(|s| s.n_tokens).sum();
            vec![
                (&doc.id).into(),
                (&doc.source).into(),
                doc.external_id.as_ref().into(),
                (&doc.format).into(),
                doc.url.as_ref().into(),
                doc.title.as_ref().into(),
                doc.author.as_ref().into(),
                doc.date.as_ref().into(),
                (&doc.date_source).into(),
                (&doc.text).into(),
                json.into(),
                i64::from(WIRE_VERSION).into(),
                analysis.sentences.len().into(),
                n_tokens.into(),
                now.as_str().into(),
                f64::from(doc.date_confidence).into(),
                (&doc.date_reason).into(),
            ]
        })
        .collect();
    let inserted = conn.insert_rows(&DOCUMENTS, &documents)?;
    let mut last_sentence: Option<i64> = None;
    if sqlite && inserted.contains(&true) {
        last_sentence = Some(conn.query("SELECT coalesce(max(id), 0) FROM sentences", &[])?.first().map_or(Ok(0), |row| row.int(0))?);
    }
    let (mut segments, mut sentences, mut entities, mut times, mut places, mut events, mut quotes) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (&analysis_idx, _) in order.iter().zip(&inserted).filter(|(_, &new)| new) {
        let (analysis, _) = analyses[analysis_idx];
        let doc = &analysis.document;
        let id = || Value::from(doc.id.as_str());
        for (idx, segment) in doc.segments.iter().enumerate() {
            segments.push(vec![
                id(),
                idx.into(),
                (&segment.kind).into(),
                segment.span.span[0].into(),
                segment.span.span[1].into(),
                segment.speaker.as_ref().map(|s| &s.name).into(),
                segment.caps.into(),
                (&segment.rule).into(),
            ]);
        }
        for (idx, sentence) in analysis.sentences.iter().enumerate() {
            let norm = sentence.norm.as_deref().unwrap_or(&sentence.text);
            sentences.push(vec![
                id(),
                idx.into(),
                sentence.segment.into(),
                sentence.span.span[0].into(),
                sentence.span.span[1].into(),
                (&sentence.text).into(),
                norm.into(),
            ]);
        }
        for (idx, entity) in analysis.entities.iter().enumerate() {
            entities.push(vec![id(), idx.into(), (&entity.kind).into(), (&entity.name).into(), entity.title.as_ref().into(), entity.mentions.len().into()]);
        }
        for (idx, time) in analysis.times.iter().enumerate() {
            times.push(vec![
                id(),
                idx.into(),
                time.span.span[0].into(),
                time.span.span[1].into(),
                (&time.text).into(),
                (&time.kind).into(),
                (&time.value).into(),
                time.days.as_ref().map(|d| &d[0]).into(),
                time.days.as_ref().map(|d| &d[1]).into(),
            ]);
        }
        for (idx, place) in analysis.places.iter().enumerate() {
            places.push(vec![
                id(),
                idx.into(),
                place.span.span[0].into(),
                place.span.span[1].into(),
                (&place.text).into(),
                (&place.role).into(),
                place.geonameid.map(i64::from).into(),
                (&place.name).into(),
                (&place.feature).into(),
                (&place.country).into(),
                place.lat.into(),
                place.lon.into(),
            ]);
        }
        for (idx, event) in analysis.events.iter().enumerate() {
            let target = event.target.as_ref();
            let place = event.setting.place.and_then(|p| analysis.places.get(p));
            let date = day_of(analysis, event.setting.time, &doc.date);
            let target_code = target.and_then(|t| t.code.as_deref());
            events.push(vec![
                id(),
                idx.into(),
                date.into(),
                (&event.code).into(),
                (&event.root).into(),
                (&event.label).into(),
                i64::from(event.quad).into(),
                f64::from(event.goldstein).into(),
                (&event.plover).into(),
                (&event.plover_mode).into(),
                (&event.source.text).into(),
                event.source.code.as_ref().into(),
                event.source.entity.map(|e| e as i64).into(),
                target.map(|t| &t.text).into(),
                target_code.into(),
                target.and_then(|t| t.entity).map(|e| e as i64).into(),
                event.trigger.span[0].into(),
                event.trigger.span[1].into(),
                (&event.trigger_text).into(),
                event.sentence.into(),
                event.sentence_span.span[0].into(),
                event.sentence_span.span[1].into(),
                (&event.modality).into(),
                (&event.rule).into(),
                (&event.reason).into(),
                event.setting.date.as_ref().into(),
                (if event.setting.time.is_some() { "text" } else { "document" }).into(),
                place.map(|p| &p.name).into(),
                place.and_then(|p| p.geonameid).map(i64::from).into(),
                place.map(|p| &p.country).into(),
                place.map(|p| p.lat).into(),
                place.map(|p| p.lon).into(),
                date.unwrap_or("").into(),
                event.source.code.as_deref().map(party).into(),
                target_code.map(party).into(),
            ]);
        }
        for (idx, quote) in analysis.quotes.iter().enumerate() {
            let (start, end) = match (quote.content.first(), quote.content.last()) {
                (Some(a), Some(b)) => (a.span[0], b.span[1]),
                _ => (0, 0),
            };
            let speaker = quote.speaker.as_ref();
            let about = quote.about.as_ref();
            let place = quote.setting.place.and_then(|p| analysis.places.get(p));
            let date = day_of(analysis, quote.setting.time, &doc.date);
            quotes.push(vec![
                id(),
                idx.into(),
                date.into(),
                (&quote.kind).into(),
                start.into(),
                end.into(),
                (&quote.text).into(),
                (&quote.cue_text).into(),
                speaker.map(|s| &s.text).into(),
                speaker.and_then(|s| s.name.as_ref()).into(),
                speaker.and_then(|s| s.code.as_ref()).into(),
                speaker.and_then(|s| s.entity).map(|e| e as i64).into(),
                about.map(|s| &s.text).into(),
                about.and_then(|s| s.name.as_ref()).into(),
                about.and_then(|s| s.code.as_ref()).into(),
                (&quote.rule).into(),
                (&quote.reason).into(),
                quote.setting.date.as_ref().into(),
                (if quote.setting.time.is_some() { "text" } else { "document" }).into(),
                place.map(|p| &p.name).into(),
                place.map(|p| p.lat).into(),
                place.map(|p| p.lon).into(),
                date.unwrap_or("").into(),
            ]);
        }
        outcomes[analysis_idx] = InsertOutcome::New;
    }
    for (insert, rows) in [(&SEGMENTS, segments), (&SENTENCES, sentences), (&ENTITIES, entities), (&TIMES, times), (&PLACES, places), (&EVENTS, events), (&QUOTES, quotes)] {
        conn.insert_rows(insert, &rows)?;
    }
    if let Some(last) = last_sentence {
        conn.execute("INSERT INTO sentences_fts (rowid, norm) SELECT id, norm FROM sentences WHERE id > $1", &[last.into()])?;
    }
    Ok(outcomes)
}

/// The first day of a record's date: that of the temporal expression it
/// is dated by, else the document's.
fn day_of<'a>(analysis: &'a AnalysisJson, time: Option<usize>, document: &'a Option<String>) -> Option<&'a str> {
    match time.and_then(|t| analysis.times.get(t)) {
        Some(t) => t.days.as_ref().map(|d| d[0].as_str()),
        None => document.as_deref(),
    }
}

/// The analysis as stored: the wire JSON without token or chunk arrays
/// (see [`dyad_wire::WireOptions::STORED`]), which are most of its size
/// and are recomputed from the text (analysis is deterministic) by whoever
/// needs them.
pub(crate) fn stored_json(analysis: &AnalysisJson) -> Result<String, StoreError> {
    if analysis.sentences.iter().all(|s| s.tokens.is_empty() && s.chunks.is_empty()) {
        // The bytes of `serde_json::to_string`, written directly.
        let mut json = Vec::with_capacity(analysis.document.text.len() * 4);
        analysis.write_json(&mut json);
        // The writer writes UTF-8; serde_json would say what went wrong if not.
        return String::from_utf8(json).or_else(|_| serde_json::to_string(analysis).map_err(StoreError::encode));
    }
    let mut value = serde_json::to_value(analysis).map_err(StoreError::encode)?;
    if let Some(sentences) = value.get_mut("sentences").and_then(|s| s.as_array_mut()) {
        for sentence in sentences {
            if let Some(object) = sentence.as_object_mut() {
                object.remove("tokens");
                object.remove("chunks");
            }
        }
    }
    serde_json::to_string(&value).map_err(StoreError::encode)
}

/// Current UTC time as RFC 3339, to the second.
fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs()) as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let date = dyad_core::Date::from_days_since_epoch(days).unwrap_or(dyad_core::Date { year: 1970, month: 1, day: 1 });
    format!("{date}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}
