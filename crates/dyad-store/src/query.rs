//! Reading the store back: filtered, paged lists (events, quotes,
//! documents) and the aggregates the workbench draws (actors, entities,
//! places, speakers, dyads, timeline, network, map), written once over
//! [`Conn`].
//!
//! Lists page by keyset: rows come newest first (`sort_date` descending,
//! then id ascending, which is text order within a document) and a page's
//! `next` cursor names the last row, so a page never shifts when documents
//! are added. Aggregates page by offset.

use std::collections::HashSet;

use crate::conn::{Conn, Dialect, Row, Where};
use crate::{
    ActorRow, DocumentRow, DyadRow, EntityRow, EventFilter, EventRow, MapPoint, Network, NetworkEdge, NetworkNode, Page, PlaceRow, QuoteFilter,
    QuoteRow, SpeakerRow, StoreError, TimeBucket, Timeline,
};

/// A cursor: the sort key and id of the last row of a page.
fn cursor(sort_key: &str, id: i64) -> String {
    format!("{sort_key}~{id}")
}

fn parse_cursor(cursor: &str) -> Result<(String, i64), StoreError> {
    cursor
        .rsplit_once('~')
        .and_then(|(key, id)| Some((key.to_string(), id.parse().ok()?)))
        .ok_or_else(|| StoreError::bad_request(format!("not a cursor this store wrote: {cursor:?}")))
}

/// Keeps the rows of `table` after the cursor's row in list order
/// (`sort_date` descending, then id ascending).
fn after_cursor(w: &mut Where<'_>, table: &str, cursor_text: Option<&str>) -> Result<(), StoreError> {
    if let Some(c) = cursor_text {
        let (key, id) = parse_cursor(c)?;
        let (k, i) = (w.bind(key), w.bind(id));
        w.and(format!("({table}.sort_date < {k} OR ({table}.sort_date = {k} AND {table}.id > {i}))"));
    }
    Ok(())
}

/// A page of a keyset list from `limit + 1` rows: the extra row says a
/// next page exists, whose cursor is the last row's sort key (column
/// `key_column`) and id (column 0).
fn keyset_page<T>(rows: &[Row], limit: usize, key_column: usize, map: impl Fn(&Row) -> Result<T, StoreError>) -> Result<Page<T>, StoreError> {
    let next = match rows.get(limit.saturating_sub(1)) {
        Some(last) if rows.len() > limit => Some(cursor(&last.text(key_column)?, last.int(0)?)),
        _ => None,
    };
    let items = rows.iter().take(limit).map(map).collect::<Result<_, _>>()?;
    Ok(Page { items, next })
}

fn offset_cursor(cursor: Option<&str>) -> Result<i64, StoreError> {
    match cursor {
        None => Ok(0),
        Some(c) => c.parse().map_err(|_| StoreError::bad_request(format!("not a cursor this store wrote: {c:?}"))),
    }
}

/// `%` and `_` are wildcards in LIKE; user text is taken literally.
fn literal(text: &str) -> String {
    text.replace(['%', '_', '\\'], "")
}

/// The condition "`column` starts with `prefix`", which indexes serve:
/// a range rather than LIKE.
fn starts_with(w: &mut Where<'_>, column: &str, prefix: &str) -> String {
    let mut upper = prefix.to_string();
    upper.push(char::MAX);
    let lo = w.bind(prefix.to_string());
    let hi = w.bind(upper);
    format!("({column} >= {lo} AND {column} < {hi})")
}

/// A dyad `A-B` (or `A–B`, `A/B`) as its two parties.
fn parse_dyad(dyad: &str) -> Result<(String, String), StoreError> {
    let parts: Vec<&str> = dyad.split(['-', '–', '/', ',']).map(str::trim).filter(|p| !p.is_empty()).collect();
    match parts.as_slice() {
        [a, b] => Ok((crate::insert::party(&a.to_uppercase()).to_string(), crate::insert::party(&b.to_uppercase()).to_string())),
        _ => Err(StoreError::bad_request(format!("a dyad is two actor codes, like USA-RUS: {dyad:?}"))),
    }
}

/// Adds the conditions of `filter` on events `e` (documents `d`).
///
/// `common_text`: the words of the text filter match so many sentences
/// that walking events in order and checking each is faster than starting
/// from the matches (see [`TextPlans`]).
fn event_conditions(w: &mut Where<'_>, filter: &EventFilter, dialect: Dialect, common_text: bool) -> Result<(), StoreError> {
    let actor_condition = |w: &mut Where<'_>, column_party: &str, column_code: &str, code: &str| {
        let code = literal(&code.to_uppercase());
        let party = crate::insert::party(&code).to_string();
        let p = w.bind(party.clone());
        if code.len() > party.len() {
            let range = starts_with(w, column_code, &code);
            format!("({column_party} = {p} AND {range})")
        } else {
            format!("{column_party} = {p}")
        }
    };
    if let Some(actor) = filter.actor.as_deref().filter(|a| !a.is_empty()) {
        let source = actor_condition(w, "e.source_party", "e.source_code", actor);
        let target = actor_condition(w, "e.target_party", "e.target_code", actor);
        w.either(vec![source, target]);
    }
    if let Some(source) = filter.source.as_deref().filter(|a| !a.is_empty()) {
        let c = actor_condition(w, "e.source_party", "e.source_code", source);
        w.and(c);
    }
    if let Some(target) = filter.target.as_deref().filter(|a| !a.is_empty()) {
        let c = actor_condition(w, "e.target_party", "e.target_code", target);
        w.and(c);
    }
    if let Some(dyad) = filter.dyad.as_deref().filter(|a| !a.is_empty()) {
        let (a, b) = parse_dyad(dyad)?;
        let (a1, b1) = (w.bind(a.clone()), w.bind(b.clone()));
        let (b2, a2) = (w.bind(b), w.bind(a));
        w.either(vec![format!("(e.source_party = {a1} AND e.target_party = {b1})"), format!("(e.source_party = {b2} AND e.target_party = {a2})")]);
    }
    if let Some(code) = filter.code.as_deref().map(literal).filter(|c| !c.is_empty()) {
        if code.len() == 2 {
            let p = w.bind(code);
            w.and(format!("e.root = {p}"));
        } else {
            // The root too, redundant but what the (party, root) indexes
            // serve: "RUS and 190" walks RUS's root-19 events in order.
            let root = w.bind(code.get(..2).unwrap_or(&code).to_string());
            let c = starts_with(w, "e.code", &code);
            w.and(format!("e.root = {root} AND {c}"));
        }
    }
    if let Some(quad) = filter.quad {
        let p = w.bind(i64::from(quad));
        w.and(format!("e.quad = {p}"));
    }
    w.equals("e.plover", filter.plover.as_deref().map(str::to_uppercase));
    w.equals("e.modality", filter.modality.as_deref().map(str::to_lowercase));
    w.date_range("e.sort_date", filter.since.as_deref(), filter.until.as_deref());
    if let Some(place) = filter.place.as_deref().filter(|a| !a.is_empty()) {
        let name = w.bind(place.to_lowercase());
        let country = w.bind(place.to_uppercase());
        w.either(vec![format!("lower(e.place_name) = {name}"), format!("e.place_country = {country}")]);
    }
    w.equals("e.doc_id", filter.doc.clone());
    if let Some(text) = filter.text.as_deref().filter(|t| !t.trim().is_empty()) {
        let p = w.bind(text_query(text, dialect));
        // Rare words: start from the sentences that match. Common words:
        // walk the events in order and check each one's sentence.
        let condition = match (dialect, common_text) {
            (Dialect::Sqlite, false) => format!(
                "(e.doc_id, e.sentence_idx) IN (SELECT s.doc_id, s.idx FROM sentences_fts JOIN sentences s ON s.id = sentences_fts.rowid WHERE sentences_fts MATCH {p})"
            ),
            (Dialect::Sqlite, true) => format!(
                "(SELECT s.id FROM sentences s WHERE s.doc_id = e.doc_id AND s.idx = e.sentence_idx) IN (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH {p})"
            ),
            (Dialect::Postgres, false) => format!(
                "(e.doc_id, e.sentence_idx) IN (SELECT s.doc_id, s.idx FROM sentences s WHERE s.tsv @@ plainto_tsquery('simple', {p}))"
            ),
            (Dialect::Postgres, true) => format!(
                "EXISTS (SELECT 1 FROM sentences s WHERE s.doc_id = e.doc_id AND s.idx = e.sentence_idx AND s.tsv @@ plainto_tsquery('simple', {p}))"
            ),
        };
        w.and(condition);
    }
    Ok(())
}

/// How a text filter runs, chosen by how many sentences its words match
/// (the planners cannot tell from their statistics; a capped count can).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TextPlans {
    /// Fewer matching sentences than this: start from the matches.
    pub(crate) rare_below: usize,
    /// At least this many: walk the events in order and check each one's
    /// sentence in the database. In between, the matching sentences are
    /// fetched as a set and the events walked in order against it here.
    pub(crate) common_from: usize,
    /// Events read in the first step of that walk (each next step reads
    /// twice as many, up to [`MAX_CHUNK`]).
    pub(crate) chunk: usize,
}

const MAX_CHUNK: usize = 20_000;

impl TextPlans {
    /// Measured on a million synthetic events (100,000 sentences), words
    /// and an actor. PostgreSQL: starting from the matches (an index that
    /// carries each sentence's events with their parties) wins below a
    /// thousand sentences; checking each event's sentence costs an index
    /// probe per event, cheap only when many sentences match; in between,
    /// a set of the matches and a walk of the actor's index (which carries
    /// each event's sentence) is cheaper than either. SQLite: its full-text
    /// index answers the probes fast enough that the set never pays.
    pub(crate) fn for_dialect(dialect: Dialect) -> TextPlans {
        match dialect {
            Dialect::Postgres => TextPlans { rare_below: 1000, common_from: 8000, chunk: 2000 },
            Dialect::Sqlite => TextPlans { rare_below: 2000, common_from: 2000, chunk: 2000 },
        }
    }
}

/// The plan for one text filter.
#[derive(Debug)]
enum TextPlan {
    Rare,
    /// The `(document, sentence)` keys of every matching sentence.
    Middle(HashSet<(String, i64)>),
    Common,
}

/// The first `rows=N` of an `EXPLAIN` line: the planner's estimate.
fn planned_rows(line: &str) -> Option<usize> {
    let rest = &line[line.find("rows=")? + 5..];
    rest[..rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len())].parse().ok()
}

fn text_plan(conn: &mut dyn Conn, text: &str, plans: TextPlans) -> Result<TextPlan, StoreError> {
    let query = text_query(text, conn.dialect());
    let keys_sql = match conn.dialect() {
        // SQLite's full-text index counts without reading rows: a capped
        // count chooses.
        Dialect::Sqlite => {
            let cap = plans.rare_below.max(plans.common_from);
            let sql = "SELECT count(*) FROM (SELECT 1 FROM sentences_fts WHERE sentences_fts MATCH $1 LIMIT $2) m";
            let n = conn.query(sql, &[query.as_str().into(), cap.into()])?.first().map_or(Ok(0), |r| r.int(0))? as usize;
            if n < plans.rare_below {
                return Ok(TextPlan::Rare);
            }
            if n >= plans.common_from {
                return Ok(TextPlan::Common);
            }
            "SELECT s.doc_id, s.idx FROM sentences_fts JOIN sentences s ON s.id = sentences_fts.rowid WHERE sentences_fts MATCH $1 LIMIT $2"
        }
        // PostgreSQL reads each matching row to count it: the planner's
        // estimate (from the words' frequencies: exact for one word, low
        // for words that go together) rules out common words first, and
        // the keys of the matches, fetched with a cap, are the count.
        Dialect::Postgres => {
            let estimate = conn.query("EXPLAIN SELECT 1 FROM sentences WHERE tsv @@ plainto_tsquery('simple', $1)", &[query.as_str().into()])?;
            if estimate.first().map(|r| r.text(0)).transpose()?.and_then(|line| planned_rows(&line)).is_some_and(|n| n >= plans.common_from) {
                return Ok(TextPlan::Common);
            }
            "SELECT doc_id, idx FROM sentences WHERE tsv @@ plainto_tsquery('simple', $1) LIMIT $2"
        }
    };
    let rows = conn.query(keys_sql, &[query.as_str().into(), (plans.common_from + 1).into()])?;
    if rows.len() < plans.rare_below {
        return Ok(TextPlan::Rare);
    }
    if rows.len() > plans.common_from {
        return Ok(TextPlan::Common);
    }
    Ok(TextPlan::Middle(rows.iter().map(|r| Ok((r.text(0)?, r.int(1)?))).collect::<Result<_, StoreError>>()?))
}

/// A text filter as the engine's query: every word must occur (FTS5 gets
/// each word quoted, so punctuation is never syntax). Text without words
/// (`*`, `-`) matches nothing, as PostgreSQL's empty query does: FTS5 gets
/// the empty phrase, not an empty query (a syntax error).
fn text_query(text: &str, dialect: Dialect) -> String {
    match dialect {
        Dialect::Sqlite => {
            let words: Vec<String> = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(|w| format!("\"{w}\"")).collect();
            if words.is_empty() {
                "\"\"".to_string()
            } else {
                words.join(" ")
            }
        }
        Dialect::Postgres => text.to_string(),
    }
}

const EVENT_COLUMNS: &str = "e.id, e.doc_id, e.idx, e.date, d.source, d.url, d.title, e.code, e.root, e.label, e.quad, e.goldstein,
    e.plover, e.plover_mode, e.source_text, e.source_code, e.target_text, e.target_code,
    e.trigger_text, e.trigger_start, e.trigger_end, s.text, e.modality, e.rule, e.reason,
    e.date_from, e.place_name, e.place_country, e.lat, e.lon, e.sort_date, e.sentence_idx";

/// Events with their document and sentence, for [`EVENT_COLUMNS`].
const EVENT_JOINS: &str = "events e JOIN documents d ON d.id = e.doc_id LEFT JOIN sentences s ON s.doc_id = e.doc_id AND s.idx = e.sentence_idx";

fn event_row(row: &Row) -> Result<EventRow, StoreError> {
    Ok(EventRow {
        id: row.int(0)?,
        doc_id: row.text(1)?,
        idx: row.int(2)?,
        date: row.opt_text(3)?,
        source_file: row.text(4)?,
        url: row.opt_text(5)?,
        doc_title: row.opt_text(6)?,
        code: row.text(7)?,
        root: row.text(8)?,
        label: row.text(9)?,
        quad: row.int(10)?,
        goldstein: row.real(11)?,
        plover: row.text(12)?,
        plover_mode: row.text(13)?,
        source_text: row.text(14)?,
        source_code: row.opt_text(15)?,
        target_text: row.opt_text(16)?,
        target_code: row.opt_text(17)?,
        trigger_text: row.text(18)?,
        trigger: (row.int(19)?, row.int(20)?),
        sentence: row.opt_text(21)?.unwrap_or_default(),
        modality: row.text(22)?,
        rule: row.text(23)?,
        reason: row.text(24)?,
        date_from: row.text(25)?,
        place: row.opt_text(26)?,
        place_country: row.opt_text(27)?,
        lat: row.opt_real(28)?,
        lon: row.opt_real(29)?,
        sentence_idx: row.int(31)?,
    })
}

/// Events matching `filter`, a page at a time.
pub(crate) fn events(conn: &mut dyn Conn, filter: &EventFilter, plans: TextPlans) -> Result<Page<EventRow>, StoreError> {
    let plan = match filter.text.as_deref().filter(|t| !t.trim().is_empty()) {
        Some(text) => Some(text_plan(conn, text, plans)?),
        None => None,
    };
    match plan {
        // PostgreSQL with rare words: its planner walks the events in
        // order and checks each one's sentence, slow when few match; so
        // the matching events are gathered first (a query without order or
        // limit, which starts from the text index) and ordered here.
        Some(TextPlan::Rare) if conn.dialect() == Dialect::Postgres => return events_from_matches(conn, filter),
        Some(TextPlan::Middle(matches)) => return events_in_set(conn, filter, &matches, plans.chunk),
        _ => {}
    }
    let mut w = Where::default();
    event_conditions(&mut w, filter, conn.dialect(), matches!(plan, Some(TextPlan::Common)))?;
    after_cursor(&mut w, "e", filter.cursor.as_deref())?;
    let limit = filter.limit.max(1);
    let n = w.bind(limit + 1);
    let sql = ordered_events(&w, &n);
    keyset_page(&conn.query(&sql, &w.params)?, limit, 30, event_row)
}

/// `columns` of the first `n` events in list order that `clause` (a
/// `WHERE` clause or nothing) keeps.
fn first_events(columns: &str, clause: &str, n: &str) -> String {
    format!("SELECT {columns} FROM events e {clause} ORDER BY e.sort_date DESC, e.id LIMIT {n}")
}

/// The rows of the events `w` keeps, in list order, the first `n`. With
/// alternatives (an actor on either side, a dyad either way round, a place
/// by name or country), each branch takes its first rows in order from its
/// own index and the union is ordered again.
fn ordered_events(w: &Where<'_>, n: &str) -> String {
    let branches = w.branches();
    let selection = match branches.as_slice() {
        [one] => one.clone(),
        _ => {
            let parts: Vec<String> =
                branches.iter().enumerate().map(|(i, b)| format!("SELECT b{i}.id FROM ({}) b{i}", first_events("e.id", b, n))).collect();
            format!("WHERE e.id IN ({})", parts.join(" UNION "))
        }
    };
    format!("SELECT {EVENT_COLUMNS} FROM {EVENT_JOINS} {selection} ORDER BY e.sort_date DESC, e.id LIMIT {n}")
}

/// The ids, sort keys and sentences (`doc_id`, `sentence_idx`) of the
/// events `w` keeps, in list order, the first `n`. Each branch reads one
/// index in order and the database merges them (`UNION ALL`: an event two
/// branches keep comes twice, side by side).
fn ordered_sentences(w: &Where<'_>, n: &str) -> String {
    const COLUMNS: &str = "e.id, e.sort_date, e.doc_id, e.sentence_idx";
    let branches = w.branches();
    if let [one] = branches.as_slice() {
        return first_events(COLUMNS, one, n);
    }
    let parts: Vec<String> = branches.iter().enumerate().map(|(i, b)| format!("SELECT * FROM ({}) b{i}", first_events(COLUMNS, b, n))).collect();
    format!("SELECT u.id, u.sort_date, u.doc_id, u.sentence_idx FROM ({}) u ORDER BY u.sort_date DESC, u.id LIMIT {n}", parts.join(" UNION ALL "))
}

/// The filter without its words and cursor: what the text plans that
/// match words themselves add to.
fn without_text(filter: &EventFilter) -> EventFilter {
    EventFilter { text: None, cursor: None, ..filter.clone() }
}

/// [`events`] for a text filter whose words are rare, on PostgreSQL: the
/// ids and sort keys of every matching event, ordered here, then the rows
/// of one page by id.
fn events_from_matches(conn: &mut dyn Conn, filter: &EventFilter) -> Result<Page<EventRow>, StoreError> {
    let mut w = Where::default();
    let text = filter.text.as_deref().unwrap_or_default();
    event_conditions(&mut w, &without_text(filter), Dialect::Postgres, false)?;
    let p = w.bind(text.to_string());
    w.and(format!("m.tsv @@ plainto_tsquery('simple', {p})"));
    let sql = format!("SELECT e.id, e.sort_date FROM sentences m JOIN events e ON e.doc_id = m.doc_id AND e.sentence_idx = m.idx {}", w.clause());
    let mut keys: Vec<(String, i64)> = conn.query(&sql, &w.params)?.iter().map(|r| Ok((r.text(1)?, r.int(0)?))).collect::<Result<_, StoreError>>()?;
    // Newest first, then by id; after the cursor's row.
    keys.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    if let Some(c) = filter.cursor.as_deref() {
        let (key, id) = parse_cursor(c)?;
        keys.retain(|(k, i)| *k < key || (*k == key && *i > id));
    }
    page_by_id(conn, &keys, filter.limit.max(1))
}

/// [`events`] for a text filter whose words are neither rare nor common:
/// the events the other filters keep, in list order a chunk at a time
/// (each chunk from the indexes, as without words), those whose sentence
/// is in `matches` kept until a page is full.
fn events_in_set(conn: &mut dyn Conn, filter: &EventFilter, matches: &HashSet<(String, i64)>, chunk: usize) -> Result<Page<EventRow>, StoreError> {
    let limit = filter.limit.max(1);
    let mut keys: Vec<(String, i64)> = Vec::new();
    let mut after = filter.cursor.clone();
    let mut chunk = chunk.clamp(1, MAX_CHUNK);
    loop {
        let mut w = Where::default();
        event_conditions(&mut w, &without_text(filter), conn.dialect(), false)?;
        after_cursor(&mut w, "e", after.as_deref())?;
        let n = w.bind(chunk);
        let rows = conn.query(&ordered_sentences(&w, &n), &w.params)?;
        let mut previous = None;
        for row in &rows {
            let id = row.int(0)?;
            if previous != Some(id) && matches.contains(&(row.text(2)?, row.int(3)?)) {
                keys.push((row.text(1)?, id));
            }
            previous = Some(id);
        }
        match rows.last() {
            Some(last) if rows.len() == chunk && keys.len() <= limit => {
                after = Some(cursor(&last.text(1)?, last.int(0)?));
                chunk = (chunk * 2).min(MAX_CHUNK);
            }
            _ => break,
        }
    }
    page_by_id(conn, &keys, limit)
}

/// A page from the sort keys and ids of the rows after the cursor, in
/// list order: the first `limit` rows, fetched by id, and the next
/// cursor when there are more.
fn page_by_id(conn: &mut dyn Conn, keys: &[(String, i64)], limit: usize) -> Result<Page<EventRow>, StoreError> {
    let next = (keys.len() > limit).then(|| cursor(&keys[limit - 1].0, keys[limit - 1].1));
    let mut w = Where::default();
    let ids: Vec<String> = keys.iter().take(limit).map(|(_, id)| w.bind(*id)).collect();
    if ids.is_empty() {
        return Ok(Page { items: Vec::new(), next });
    }
    let sql = format!("SELECT {EVENT_COLUMNS} FROM {EVENT_JOINS} WHERE e.id IN ({}) ORDER BY e.sort_date DESC, e.id", ids.join(", "));
    let items = conn.query(&sql, &w.params)?.iter().map(event_row).collect::<Result<_, _>>()?;
    Ok(Page { items, next })
}

pub(crate) fn quotes(conn: &mut dyn Conn, filter: &QuoteFilter) -> Result<Page<QuoteRow>, StoreError> {
    let mut w = Where::default();
    let like = |p: &str| format!("%{}%", literal(p).to_lowercase());
    if let Some(speaker) = filter.speaker.as_deref().filter(|a| !a.is_empty()) {
        let (a, b) = (w.bind(like(speaker)), w.bind(like(speaker)));
        w.and(format!("(lower(coalesce(q.speaker_name, '')) LIKE {a} OR lower(coalesce(q.speaker_text, '')) LIKE {b})"));
    }
    if let Some(actor) = filter.actor.as_deref().filter(|a| !a.is_empty()) {
        let c = starts_with(&mut w, "q.speaker_code", &literal(&actor.to_uppercase()));
        w.and(c);
    }
    contains(&mut w, "q.text", filter.search.as_deref());
    w.equals("q.kind", filter.kind.as_deref().map(str::to_lowercase));
    w.date_range("q.sort_date", filter.since.as_deref(), filter.until.as_deref());
    w.equals("q.doc_id", filter.doc.clone());
    after_cursor(&mut w, "q", filter.cursor.as_deref())?;
    let limit = filter.limit.max(1);
    let n = w.bind(limit + 1);
    let sql = format!(
        "SELECT q.id, q.doc_id, q.idx, q.date, d.source, q.kind, q.text, q.content_start, q.content_end, q.cue_text,
                q.speaker_text, q.speaker_name, q.speaker_code, q.about_name, q.about_text, q.rule, q.reason, q.date_from, q.sort_date,
                d.title
         FROM quotes q JOIN documents d ON d.id = q.doc_id
         {}
         ORDER BY q.sort_date DESC, q.id
         LIMIT {n}",
        w.clause()
    );
    keyset_page(&conn.query(&sql, &w.params)?, limit, 18, |row| {
        Ok(QuoteRow {
            id: row.int(0)?,
            doc_id: row.text(1)?,
            idx: row.int(2)?,
            date: row.opt_text(3)?,
            source_file: row.text(4)?,
            kind: row.text(5)?,
            text: row.text(6)?,
            content: (row.int(7)?, row.int(8)?),
            cue_text: row.text(9)?,
            speaker_text: row.opt_text(10)?,
            speaker_name: row.opt_text(11)?,
            speaker_code: row.opt_text(12)?,
            about_name: row.opt_text(13)?,
            about_text: row.opt_text(14)?,
            rule: row.text(15)?,
            reason: row.text(16)?,
            date_from: row.text(17)?,
            doc_title: row.opt_text(19)?,
        })
    })
}

/// Documents, latest ingested first.
pub(crate) fn documents(conn: &mut dyn Conn, limit: usize, cursor_text: Option<&str>) -> Result<Page<DocumentRow>, StoreError> {
    let mut w = Where::default();
    if let Some(c) = cursor_text {
        let (key, id) = c
            .rsplit_once('~')
            .filter(|(_, id)| id.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or_else(|| StoreError::bad_request(format!("not a cursor this store wrote: {c:?}")))?;
        let (k1, k2) = (w.bind(key.to_string()), w.bind(key.to_string()));
        let i = w.bind(id.to_string());
        w.and(format!("(d.ingested_at < {k1} OR (d.ingested_at = {k2} AND d.id < {i}))"));
    }
    let limit = limit.max(1);
    let n = w.bind(limit + 1);
    let sql = format!(
        "SELECT d.id, d.title, d.source, d.url, d.format, d.date, d.date_source, d.ingested_at, d.n_sentences,
                (SELECT count(*) FROM events e WHERE e.doc_id = d.id),
                (SELECT count(*) FROM quotes q WHERE q.doc_id = d.id)
         FROM documents d {}
         ORDER BY d.ingested_at DESC, d.id DESC
         LIMIT {n}",
        w.clause()
    );
    let rows = conn.query(&sql, &w.params)?;
    let mut items = Vec::new();
    let mut next = None;
    for (n_row, row) in rows.iter().enumerate() {
        if n_row == limit {
            let last = &items[n_row - 1];
            let DocumentRow { id, ingested_at, .. } = last;
            next = Some(format!("{ingested_at}~{id}"));
            break;
        }
        items.push(DocumentRow {
            id: row.text(0)?,
            title: row.opt_text(1)?,
            source: row.text(2)?,
            url: row.opt_text(3)?,
            format: row.text(4)?,
            date: row.opt_text(5)?,
            date_source: row.text(6)?,
            ingested_at: row.text(7)?,
            n_sentences: row.int(8)?,
            n_events: row.int(9)?,
            n_quotes: row.int(10)?,
        });
    }
    Ok(Page { items, next })
}

/// A page of an aggregate: `sql` is given the `WHERE` clause and the
/// placeholders of limit and offset; `limit + 1` rows are asked, the
/// extra one says a next page exists.
fn aggregate_page<T>(
    conn: &mut dyn Conn,
    mut w: Where<'_>,
    limit: usize,
    cursor_text: Option<&str>,
    sql: impl FnOnce(&str, &str, &str) -> String,
    map: impl Fn(&Row) -> Result<T, StoreError>,
) -> Result<Page<T>, StoreError> {
    let offset = offset_cursor(cursor_text)?;
    let (n, o) = (w.bind(limit + 1), w.bind(offset));
    let rows = conn.query(&sql(&w.clause(), &n, &o), &w.params)?;
    let next = (rows.len() > limit).then(|| (offset + limit as i64).to_string());
    let items = rows.iter().take(limit).map(map).collect::<Result<_, _>>()?;
    Ok(Page { items, next })
}

/// The condition "`column` contains the words `search`" (any case), when
/// there is a search.
fn contains(w: &mut Where<'_>, column: &str, search: Option<&str>) {
    if let Some(q) = search.filter(|q| !q.is_empty()) {
        let p = w.bind(format!("%{}%", literal(&q.to_lowercase())));
        w.and(format!("lower({column}) LIKE {p}"));
    }
}

/// Actors (full codes) with how often they act and are acted on.
pub(crate) fn actors(conn: &mut dyn Conn, search: Option<&str>, limit: usize, cursor_text: Option<&str>) -> Result<Page<ActorRow>, StoreError> {
    let mut w = Where::default();
    if let Some(q) = search.map(|q| literal(&q.to_uppercase())).filter(|q| !q.is_empty()) {
        let c = starts_with(&mut w, "a.code", &q);
        w.and(c);
    }
    let sql = |clause: &str, n: &str, o: &str| {
        format!(
            "SELECT a.code, count(*), sum(a.src), sum(a.tgt), min(nullif(a.sort_date, '')), max(nullif(a.sort_date, ''))
             FROM (SELECT source_code AS code, 1 AS src, 0 AS tgt, sort_date FROM events WHERE source_code IS NOT NULL
                   UNION ALL SELECT target_code, 0, 1, sort_date FROM events WHERE target_code IS NOT NULL) a
             {clause}
             GROUP BY a.code ORDER BY count(*) DESC, a.code LIMIT {n} OFFSET {o}"
        )
    };
    aggregate_page(conn, w, limit, cursor_text, sql, |row| {
        Ok(ActorRow {
            code: row.text(0)?,
            n_events: row.int(1)?,
            n_as_source: row.int(2)?,
            n_as_target: row.int(3)?,
            first_seen: row.opt_text(4)?,
            last_seen: row.opt_text(5)?,
        })
    })
}

/// Named entities across documents, by kind and name.
pub(crate) fn entities(
    conn: &mut dyn Conn,
    kind: Option<&str>,
    search: Option<&str>,
    limit: usize,
    cursor_text: Option<&str>,
) -> Result<Page<EntityRow>, StoreError> {
    let mut w = Where::default();
    if let Some(kind) = kind.filter(|k| !k.is_empty()) {
        let p = w.bind(kind.to_uppercase());
        w.and(format!("n.kind = {p}"));
    }
    contains(&mut w, "n.name", search);
    let sql = |clause: &str, n: &str, o: &str| {
        format!(
            "SELECT n.kind, n.name, CAST(sum(n.n_mentions) AS BIGINT), count(DISTINCT n.doc_id), min(d.date), max(d.date)
             FROM entities n JOIN documents d ON d.id = n.doc_id
             {clause}
             GROUP BY n.kind, n.name ORDER BY sum(n.n_mentions) DESC, n.kind, n.name LIMIT {n} OFFSET {o}"
        )
    };
    aggregate_page(conn, w, limit, cursor_text, sql, |row| {
        Ok(EntityRow {
            kind: row.text(0)?,
            name: row.text(1)?,
            n_mentions: row.int(2)?,
            n_documents: row.int(3)?,
            first_seen: row.opt_text(4)?,
            last_seen: row.opt_text(5)?,
        })
    })
}

/// Places mentioned, with how many events they locate.
pub(crate) fn places(conn: &mut dyn Conn, search: Option<&str>, limit: usize, cursor_text: Option<&str>) -> Result<Page<PlaceRow>, StoreError> {
    let mut w = Where::default();
    contains(&mut w, "p.name", search);
    let sql = |clause: &str, n: &str, o: &str| {
        format!(
            "SELECT p.name, p.geonameid, p.feature, p.country, p.lat, p.lon, count(*), min(d.date), max(d.date),
                    (SELECT count(*) FROM events e WHERE e.place_name = p.name
                     AND (e.place_geonameid = p.geonameid OR (e.place_geonameid IS NULL AND p.geonameid IS NULL)))
             FROM places p JOIN documents d ON d.id = p.doc_id
             {clause}
             GROUP BY p.name, p.geonameid, p.feature, p.country, p.lat, p.lon
             ORDER BY count(*) DESC, p.name LIMIT {n} OFFSET {o}"
        )
    };
    aggregate_page(conn, w, limit, cursor_text, sql, |row| {
        Ok(PlaceRow {
            name: row.text(0)?,
            geonameid: row.opt_int(1)?,
            feature: row.text(2)?,
            country: row.text(3)?,
            lat: row.real(4)?,
            lon: row.real(5)?,
            n_mentions: row.int(6)?,
            first_seen: row.opt_text(7)?,
            last_seen: row.opt_text(8)?,
            n_events: row.int(9)?,
        })
    })
}

/// Speakers of quotes, most quoted first.
pub(crate) fn speakers(conn: &mut dyn Conn, search: Option<&str>, limit: usize, cursor_text: Option<&str>) -> Result<Page<SpeakerRow>, StoreError> {
    let mut w = Where::default();
    w.and("coalesce(q.speaker_name, q.speaker_text) IS NOT NULL".to_string());
    contains(&mut w, "coalesce(q.speaker_name, q.speaker_text)", search);
    let sql = |clause: &str, n: &str, o: &str| {
        format!(
            "SELECT coalesce(q.speaker_name, q.speaker_text), max(q.speaker_code), count(*),
                    min(nullif(q.sort_date, '')), max(nullif(q.sort_date, ''))
             FROM quotes q {clause}
             GROUP BY coalesce(q.speaker_name, q.speaker_text)
             ORDER BY count(*) DESC, coalesce(q.speaker_name, q.speaker_text) LIMIT {n} OFFSET {o}"
        )
    };
    aggregate_page(conn, w, limit, cursor_text, sql, |row| {
        Ok(SpeakerRow {
            speaker: row.text(0)?,
            code: row.opt_text(1)?,
            n_quotes: row.int(2)?,
            first_seen: row.opt_text(3)?,
            last_seen: row.opt_text(4)?,
        })
    })
}

const QUAD_SUMS: &str = "sum(CASE WHEN e.quad = 1 THEN 1 ELSE 0 END), sum(CASE WHEN e.quad = 2 THEN 1 ELSE 0 END),
    sum(CASE WHEN e.quad = 3 THEN 1 ELSE 0 END), sum(CASE WHEN e.quad = 4 THEN 1 ELSE 0 END)";

fn quads(row: &Row, first: usize) -> Result<[i64; 4], StoreError> {
    Ok([row.int(first)?, row.int(first + 1)?, row.int(first + 2)?, row.int(first + 3)?])
}

/// Dyads (unordered pairs of parties), busiest first.
pub(crate) fn dyads(conn: &mut dyn Conn, filter: &EventFilter) -> Result<Page<DyadRow>, StoreError> {
    let mut w = Where::default();
    event_conditions(&mut w, &EventFilter { cursor: None, ..filter.clone() }, conn.dialect(), false)?;
    w.and("e.target_party IS NOT NULL AND e.source_party <> e.target_party".to_string());
    let sql = |clause: &str, n: &str, o: &str| {
        format!(
            "SELECT CASE WHEN e.source_party < e.target_party THEN e.source_party ELSE e.target_party END AS a,
                    CASE WHEN e.source_party < e.target_party THEN e.target_party ELSE e.source_party END AS b,
                    count(*), {QUAD_SUMS}, avg(e.goldstein), min(nullif(e.sort_date, '')), max(nullif(e.sort_date, ''))
             FROM events e {clause}
             GROUP BY 1, 2 ORDER BY count(*) DESC, 1, 2 LIMIT {n} OFFSET {o}"
        )
    };
    aggregate_page(conn, w, filter.limit.max(1), filter.cursor.as_deref(), sql, |row| {
        Ok(DyadRow {
            a: row.text(0)?,
            b: row.text(1)?,
            n_events: row.int(2)?,
            quad: quads(row, 3)?,
            goldstein_mean: row.real(7)?,
            first_seen: row.opt_text(8)?,
            last_seen: row.opt_text(9)?,
        })
    })
}

/// The first day of the bucket (`day`, `week` from Monday, `month`) a
/// date falls in.
fn bucket_start(date: &str, bucket: &str) -> Option<String> {
    let date = dyad_core::Date::parse(date).ok()?;
    let start = match bucket {
        "day" => date,
        "week" => {
            let days = date.days_since_epoch();
            // 1970-01-01 was a Thursday: Monday is 3 days before.
            dyad_core::Date::from_days_since_epoch(days - (days + 3).rem_euclid(7))?
        }
        _ => dyad_core::Date { day: 1, ..date },
    };
    Some(start.to_string())
}

/// Events per day, week or month, by quad class.
pub(crate) fn timeline(conn: &mut dyn Conn, filter: &EventFilter, bucket: &str) -> Result<Timeline, StoreError> {
    let bucket = match bucket {
        "day" | "week" | "month" => bucket,
        other => return Err(StoreError::bad_request(format!("a bucket is day, week or month, not {other:?}"))),
    };
    let mut w = Where::default();
    event_conditions(&mut w, &EventFilter { cursor: None, ..filter.clone() }, conn.dialect(), false)?;
    w.and("e.sort_date <> ''".to_string());
    let sql = format!("SELECT e.sort_date, e.quad, count(*) FROM events e {} GROUP BY e.sort_date, e.quad ORDER BY e.sort_date", w.clause());
    let rows = conn.query(&sql, &w.params)?;
    let mut items: Vec<TimeBucket> = Vec::new();
    for row in &rows {
        let Some(start) = bucket_start(&row.text(0)?, bucket) else {
            continue;
        };
        let quad = row.int(1)?;
        if items.last().is_none_or(|b| b.start != start) {
            items.push(TimeBucket { start, quad: [0; 4] });
        }
        if let (Some(last), Ok(q @ 1..=4)) = (items.last_mut(), usize::try_from(quad)) {
            last.quad[q - 1] += row.int(2)?;
        }
    }
    Ok(Timeline { bucket: bucket.to_string(), items })
}

/// The actor network: directed edges between parties, busiest first.
pub(crate) fn network(conn: &mut dyn Conn, filter: &EventFilter) -> Result<Network, StoreError> {
    let mut w = Where::default();
    event_conditions(&mut w, &EventFilter { cursor: None, ..filter.clone() }, conn.dialect(), false)?;
    w.and("e.target_party IS NOT NULL AND e.source_party <> e.target_party".to_string());
    let n = w.bind(filter.limit.max(1));
    let sql = format!(
        "SELECT e.source_party, e.target_party, count(*),
                sum(CASE WHEN e.quad <= 2 THEN 1 ELSE 0 END), sum(CASE WHEN e.quad >= 3 THEN 1 ELSE 0 END), avg(e.goldstein)
         FROM events e {}
         GROUP BY e.source_party, e.target_party ORDER BY count(*) DESC, 1, 2 LIMIT {n}",
        w.clause()
    );
    let rows = conn.query(&sql, &w.params)?;
    let mut edges = Vec::with_capacity(rows.len());
    let mut nodes: std::collections::BTreeMap<String, i64> = std::collections::BTreeMap::new();
    for row in &rows {
        let edge = NetworkEdge {
            source: row.text(0)?,
            target: row.text(1)?,
            n_events: row.int(2)?,
            cooperation: row.int(3)?,
            conflict: row.int(4)?,
            goldstein_mean: row.real(5)?,
        };
        *nodes.entry(edge.source.clone()).or_default() += edge.n_events;
        *nodes.entry(edge.target.clone()).or_default() += edge.n_events;
        edges.push(edge);
    }
    Ok(Network { nodes: nodes.into_iter().map(|(id, n_events)| NetworkNode { id, n_events }).collect(), edges })
}

/// Where events happened, by place.
pub(crate) fn map(conn: &mut dyn Conn, filter: &EventFilter) -> Result<Vec<MapPoint>, StoreError> {
    let mut w = Where::default();
    event_conditions(&mut w, &EventFilter { cursor: None, ..filter.clone() }, conn.dialect(), false)?;
    w.and("e.lat IS NOT NULL AND e.lon IS NOT NULL".to_string());
    let n = w.bind(filter.limit.max(1));
    let sql = format!(
        "SELECT e.place_name, e.place_geonameid, e.place_country, e.lat, e.lon, count(*), {QUAD_SUMS}
         FROM events e {}
         GROUP BY e.place_name, e.place_geonameid, e.place_country, e.lat, e.lon
         ORDER BY count(*) DESC, e.place_name LIMIT {n}",
        w.clause()
    );
    conn.query(&sql, &w.params)?
        .iter()
        .map(|row| {
            Ok(MapPoint {
                name: row.opt_text(0)?.unwrap_or_default(),
                geonameid: row.opt_int(1)?,
                country: row.opt_text(2)?,
                lat: row.real(3)?,
                lon: row.real(4)?,
                n_events: row.int(5)?,
                quad: quads(row, 6)?,
            })
        })
        .collect()
}
