//! Every test runs on SQLite and, when `DYAD_TEST_POSTGRES` is set, on
//! PostgreSQL too: both backends must store and answer the same.

use super::*;
use crate::testing::TestDb;

fn analysis(text: &str) -> AnalysisJson {
    AnalysisJson::from_analysis(&dyad::Pipeline::new().analyze_text(text))
}

fn dated(text: &str, date: &str) -> AnalysisJson {
    let mut raw =
        dyad::ingest::RawDocument { text: text.to_string(), meta: dyad_core::Meta::new("-", dyad_core::InputFormat::Text), diagnostics: Vec::new() };
    raw.meta.date = dyad_core::Date::parse(date).ok();
    raw.meta.date_source = dyad_core::DateSource::Cli;
    AnalysisJson::from_analysis(&dyad::Pipeline::new().analyze(raw))
}

fn count(store: &mut Store, sql: &str) -> i64 {
    store.conn.query(sql, &[]).unwrap()[0].int(0).unwrap()
}

#[test]
fn prepared_analyses_are_stored_as_the_others() {
    let docs = [analysis("Envoys met in Geneva on Monday. They will meet again."), analysis("ANCHOR: TALKS IN GENEVA.\nJane Roe: Fine.\n")];
    let plain = TestDb::sqlite();
    assert_eq!(plain.open().insert(&docs).unwrap(), [InsertOutcome::New, InsertOutcome::New]);
    let prepared_db = TestDb::sqlite();
    let mut store = prepared_db.open();
    let prepared: Vec<Prepared> = docs.iter().cloned().map(|d| Prepared::new(d).unwrap()).collect();
    assert_eq!(prepared[1].analysis(), &docs[1]);
    assert_eq!(store.insert_prepared(&prepared).unwrap(), [InsertOutcome::New, InsertOutcome::New]);
    assert_eq!(store.insert_prepared(&prepared).unwrap(), [InsertOutcome::Duplicate, InsertOutcome::Duplicate]);
    // Every row but the time of ingest (see `testing::dump`).
    assert_eq!(crate::testing::dump(&plain.location), crate::testing::dump(&prepared_db.location));
    for doc in &docs {
        assert_eq!(plain.open().analysis(&doc.document.id).unwrap(), store.analysis(&doc.document.id).unwrap());
    }
}

#[test]
fn inserting_twice_is_a_no_op() {
    for db in TestDb::all() {
        let mut store = db.open();
        let docs = [analysis("Envoys met in Geneva on Monday. They will meet again."), analysis("ANCHOR: TALKS IN GENEVA.\nJane Roe: Fine.\n")];
        assert_eq!(store.insert(&docs).unwrap(), [InsertOutcome::New, InsertOutcome::New], "{}", db.location);
        let before = store.stats().unwrap();
        assert_eq!(store.insert(&docs).unwrap(), [InsertOutcome::Duplicate, InsertOutcome::Duplicate]);
        assert_eq!(store.stats().unwrap(), before);
        assert_eq!(before.n_documents, 2);
        assert_eq!(before.n_sentences, 4);
        assert_eq!(before.n_speakers, 2);
        let mut stored = docs[0].clone();
        assert!(stored.sentences.iter().all(|s| !s.tokens.is_empty() && !s.chunks.is_empty()));
        stored.sentences.iter_mut().for_each(|s| {
            s.tokens.clear();
            s.chunks.clear();
        });
        assert_eq!(store.analysis(&docs[0].document.id).unwrap().as_ref(), Some(&stored));
    }
}

#[test]
fn sqlite_checks_foreign_keys_again_after_an_insert_that_skipped_them() {
    let db = TestDb::sqlite();
    let mut store = db.open();
    let docs = [analysis("Envoys met in Geneva on Monday. They will meet again."), analysis("ANCHOR: TALKS IN GENEVA.\nJane Roe: Fine.\n")];
    store.insert(&docs).unwrap();
    assert_eq!(count(&mut store, "PRAGMA foreign_keys"), 1);
    // Every row has its document: the checks skipped could not have failed.
    assert_eq!(count(&mut store, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
    assert!(count(&mut store, "SELECT count(*) FROM sentences") > 0);
    // An insert that fails (here: a table it writes is gone) turns them
    // back on as well, and stores nothing.
    store.conn.batch("DROP TABLE quotes").unwrap();
    assert!(store.insert(&[analysis("\"We will meet again,\" the envoy said in Oslo.")]).is_err());
    assert_eq!(count(&mut store, "PRAGMA foreign_keys"), 1);
    assert_eq!(count(&mut store, "SELECT count(*) FROM documents"), 2);
    // With them on, a row without its document is refused.
    assert!(store.conn.execute("INSERT INTO times (doc_id, idx, start, \"end\", text, type, value) VALUES ('nowhere', 0, 0, 1, 'x', 'DATE', 'X')", &[]).is_err());
}

#[test]
fn a_batch_holding_a_document_twice_stores_it_once() {
    for db in TestDb::all() {
        let mut store = db.open();
        let (a, b) = (analysis("Envoys met in Geneva on Monday."), analysis("Ministers met in Vienna on Friday."));
        assert_eq!(store.insert(std::slice::from_ref(&a)).unwrap(), [InsertOutcome::New]);
        let outcomes = store.insert(&[b.clone(), a.clone(), b.clone()]).unwrap();
        assert_eq!(outcomes, [InsertOutcome::New, InsertOutcome::Duplicate, InsertOutcome::Duplicate], "{}", db.location);
        assert_eq!(count(&mut store, "SELECT count(*) FROM documents"), 2);
        assert_eq!(count(&mut store, "SELECT count(*) FROM sentences"), 2);
        let n_places = (a.places.len() + b.places.len()) as i64;
        assert!(n_places >= 2);
        assert_eq!(count(&mut store, "SELECT count(*) FROM places"), n_places);
    }
}

#[test]
fn search_finds_truecased_script_text_and_survives_odd_queries() {
    for db in TestDb::all() {
        let mut store = db.open();
        store.insert(&[analysis("ANCHOR: PRESIDENT BIDEN MET NATO-RUSSIA ENVOYS IN GENEVA.\nJane Roe: The U.S. agreed.\n")]).unwrap();
        let hits = store.search("biden", 10).unwrap();
        assert_eq!(hits.len(), 1, "{}", db.location);
        assert_eq!(hits[0].text, "PRESIDENT BIDEN MET NATO-RUSSIA ENVOYS IN GENEVA.");
        assert!(hits[0].snippet.contains("[Biden]"), "{}", hits[0].snippet);
        assert_eq!(store.search("NATO-Russia", 10).unwrap().len(), 1);
        assert_eq!(store.search("U.S.", 10).unwrap().len(), 1);
        assert!(store.search("nothing-here", 10).unwrap().is_empty());
        assert!(store.search("\"unclosed AND", 10).is_ok());
    }
}

#[test]
fn migrations_are_recorded_and_newer_schemas_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.db");
    assert_eq!(Store::open(&path).unwrap().schema_version().unwrap(), sqlite::LATEST);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", sqlite::LATEST + 1).unwrap();
    drop(conn);
    let err = Store::open(&path).unwrap_err();
    assert!(err.to_string().contains("newer than this dyad supports"), "{err}");
    if let Some(db) = TestDb::postgres() {
        let mut store = db.open();
        assert_eq!(store.schema_version().unwrap(), postgres::LATEST);
        drop(store);
        // Opening again migrates nothing and keeps the version.
        let mut store = db.open();
        assert_eq!(store.schema_version().unwrap(), postgres::LATEST);
        store.conn.batch(&format!("UPDATE dyad_schema SET version = {}", postgres::LATEST + 1)).unwrap();
        let err = Store::open_location(&db.location).unwrap_err();
        assert!(err.to_string().contains("newer than this dyad supports"), "{err}");
    }
}

#[test]
fn a_version_4_sqlite_database_gets_its_entities_and_sort_keys() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let doc = dated("Chile and Norway met in Geneva on Monday.\n", "2022-01-12");
    {
        // A database as version 4 wrote it: migrations 1-4, rows without the
        // columns 5 adds.
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        let tx = conn.transaction().unwrap();
        for sql in [
            include_str!("../migrations/0001_documents.sql"),
            include_str!("../migrations/0002_events.sql"),
            include_str!("../migrations/0003_quotes.sql"),
            include_str!("../migrations/0004_times_places.sql"),
        ] {
            tx.execute_batch(sql).unwrap();
        }
        tx.pragma_update(None, "user_version", 4).unwrap();
        tx.execute(
            "INSERT INTO documents (id, source, format, date, date_source, text, analysis, wire_version, n_sentences, n_tokens, ingested_at)
             VALUES (?1, '-', 'text', '2022-01-12', 'cli', ?2, ?3, 2, 1, 9, '2026-01-01T00:00:00Z')",
            rusqlite::params![doc.document.id, doc.document.text, serde_json::to_string(&doc).unwrap()],
        )
        .unwrap();
        tx.execute(
            "INSERT INTO events (doc_id, idx, date, code, root, label, quad, goldstein, plover, plover_mode, source_text, source_code,
             target_text, target_code, trigger_start, trigger_end, trigger_text, sentence_idx, sentence_start, sentence_end, modality, rule, reason)
             VALUES (?1, 0, '2022-01-10', '040', '04', 'Consult', 1, 1.0, 'CONSULT', '', 'Chile', 'CHLGOV', 'Norway', 'NOR',
             16, 19, 'met', 0, 0, 41, 'asserted', 'event.x', 'why')",
            [&doc.document.id],
        )
        .unwrap();
        tx.commit().unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), sqlite::LATEST);
    assert_eq!(count(&mut store, "SELECT count(*) FROM entities"), doc.entities.len() as i64);
    assert!(!doc.entities.is_empty());
    let events = store.events(&EventFilter { dyad: Some("NOR-CHL".into()), limit: 10, ..Default::default() }).unwrap().items;
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].date.as_deref(), Some("2022-01-10"));
}

#[test]
fn events_keep_their_own_date_and_place_and_times_and_places_get_rows() {
    for db in TestDb::all() {
        let mut store = db.open();
        let doc = dated("Chile and Norway met in Geneva on Monday. Chile criticised Norway over fishing quotas.\n", "2022-01-12");
        store.insert(std::slice::from_ref(&doc)).unwrap();
        let rows = store.events(&EventFilter { limit: 100, ..EventFilter::default() }).unwrap().items;
        let met = rows.iter().find(|r| r.root == "04").expect("the meeting");
        assert_eq!((met.date.as_deref(), met.date_from.as_str()), (Some("2022-01-10"), "text"), "{}", db.location);
        assert_eq!(met.place.as_deref(), Some("Geneva"));
        assert_eq!(met.place_country.as_deref(), Some("CH"));
        assert!(met.lat.is_some_and(|l| (l - 46.2).abs() < 0.2));
        assert!(met.sentence.starts_with("Chile and Norway met"), "{}", met.sentence);
        let criticism = rows.iter().find(|r| r.root == "11").expect("the criticism");
        assert_eq!((criticism.date.as_deref(), criticism.date_from.as_str(), criticism.place.as_deref()), (Some("2022-01-12"), "document", None));
        // Newest first: the criticism (12 January) before the meeting (10 January).
        assert_eq!(rows[0].root, "11");
        assert_eq!(count(&mut store, "SELECT count(*) FROM times WHERE value = '2022-01-10' AND first_day = '2022-01-10'"), 1);
        assert_eq!(count(&mut store, "SELECT count(*) FROM places WHERE name = 'Geneva' AND country = 'CH' AND role = 'literal'"), 1);
        assert_eq!(count(&mut store, "SELECT count(*) FROM documents WHERE date_confidence = 1.0 AND date_reason <> ''"), 1);
    }
}

/// Our own short articles, on several days, for the filters and aggregates.
fn corpus() -> Vec<AnalysisJson> {
    vec![
        dated("Chile and Norway met in Geneva on Monday to discuss fishing quotas.\n", "2022-01-12"),
        dated("Chile criticised Norway over the quotas. Norway accused Chile of overfishing.\n", "2022-01-20"),
        dated(
            "Peru and Ecuador signed a border accord in Lima.\n\"We have peace on the river,\" the Peruvian foreign minister said.\n",
            "2022-02-03",
        ),
        dated("Norway will meet Chile again in Oslo next month, the Norwegian foreign ministry said.\n", "2022-02-04"),
    ]
}

#[test]
fn filters_pages_and_aggregates_agree_on_both_backends() {
    let mut answers = Vec::new();
    for db in TestDb::all() {
        let mut store = db.open();
        store.insert(&corpus()).unwrap();
        let all = store.events(&EventFilter { limit: 1000, ..Default::default() }).unwrap();
        assert!(all.next.is_none());
        assert!(all.items.len() >= 5, "{:?}", all.items.iter().map(|e| &e.code).collect::<Vec<_>>());
        // Pages of two cover the same rows in the same order, without repeats.
        let mut paged = Vec::new();
        let mut filter = EventFilter { limit: 2, ..Default::default() };
        loop {
            let page = store.events(&filter).unwrap();
            assert!(page.items.len() <= 2);
            paged.extend(page.items.iter().map(|e| e.id));
            match page.next {
                Some(next) => filter.cursor = Some(next),
                None => break,
            }
        }
        assert_eq!(paged, all.items.iter().map(|e| e.id).collect::<Vec<_>>());
        // The same with filters that take alternatives (either side, either
        // way round), which run as one ordered query per branch.
        for filter in [
            EventFilter { actor: Some("NOR".into()), ..Default::default() },
            EventFilter { dyad: Some("CHL-NOR".into()), ..Default::default() },
            EventFilter { actor: Some("CHL".into()), place: Some("CH".into()), ..Default::default() },
            EventFilter { text: Some("Norway".into()), ..Default::default() },
            EventFilter { text: Some("quotas".into()), actor: Some("CHL".into()), ..Default::default() },
        ] {
            let whole = store.events(&EventFilter { limit: 1000, ..filter.clone() }).unwrap().items;
            assert!(!whole.is_empty(), "{filter:?}");
            let mut paged = Vec::new();
            let mut page_filter = EventFilter { limit: 1, ..filter.clone() };
            loop {
                let page = store.events(&page_filter).unwrap();
                paged.extend(page.items);
                match page.next {
                    Some(next) => page_filter.cursor = Some(next),
                    None => break,
                }
            }
            assert_eq!(paged, whole, "{filter:?}");
            let ordered = whole.windows(2).all(|w| (&w[1].date, w[0].id) <= (&w[0].date, w[1].id));
            assert!(ordered, "{filter:?}");
        }
        // Dyads either way round; actor prefixes; roots; quads; places; text.
        let chl_nor = store.events(&EventFilter { dyad: Some("NOR-CHL".into()), limit: 100, ..Default::default() }).unwrap().items;
        assert!(chl_nor.len() >= 3);
        assert!(chl_nor
            .iter()
            .all(|e| [e.source_code.as_deref(), e.target_code.as_deref()].iter().flatten().all(|c| c.starts_with("CHL") || c.starts_with("NOR"))));
        let conflict = store.events(&EventFilter { actor: Some("chl".into()), quad: Some(3), limit: 100, ..Default::default() }).unwrap().items;
        assert!(!conflict.is_empty() && conflict.iter().all(|e| e.quad == 3));
        let meetings = store.events(&EventFilter { code: Some("04".into()), limit: 100, ..Default::default() }).unwrap().items;
        assert!(meetings.iter().all(|e| e.root == "04") && !meetings.is_empty());
        let in_geneva = store.events(&EventFilter { place: Some("Geneva".into()), limit: 100, ..Default::default() }).unwrap().items;
        // "Chile and Norway met": one meeting each way, both in Geneva.
        assert_eq!(in_geneva.len(), 2);
        assert!(in_geneva.iter().all(|e| e.root == "04"));
        let in_ch = store.events(&EventFilter { place: Some("ch".into()), limit: 100, ..Default::default() }).unwrap().items;
        assert_eq!(in_ch, in_geneva);
        let fishing = store.events(&EventFilter { text: Some("Fishing".into()), limit: 100, ..Default::default() }).unwrap().items;
        assert!(!fishing.is_empty() && fishing.iter().all(|e| e.sentence.to_lowercase().contains("fishing")));
        // Each text plan (start from the matches; walk the events against
        // a set of the matches, in chunks; check each event's sentence)
        // gives the same pages, paged by cursor.
        let rare = query::TextPlans { rare_below: 1 << 30, common_from: 1 << 31, chunk: 1000 };
        let middle = query::TextPlans { rare_below: 0, common_from: 1 << 30, chunk: 2 };
        let common = query::TextPlans { rare_below: 0, common_from: 0, chunk: 1000 };
        for (words, actor) in [("Fishing", None), ("fishing quotas", Some("NOR")), ("nothing-like-this", None), ("Norway", Some("CHL"))] {
            let pages = |store: &mut Store, plans| {
                store.text_plans = plans;
                let mut filter = EventFilter { text: Some(words.into()), actor: actor.map(String::from), limit: 2, ..Default::default() };
                let mut pages = vec![];
                loop {
                    let page = store.events(&filter).unwrap();
                    filter.cursor = page.next.clone();
                    pages.push(page);
                    if filter.cursor.is_none() {
                        break;
                    }
                }
                store.text_plans = query::TextPlans::for_dialect(store.dialect());
                pages
            };
            let from_matches = pages(&mut store, rare);
            assert_eq!(from_matches, pages(&mut store, middle), "{words}");
            assert_eq!(from_matches, pages(&mut store, common), "{words}");
            let all: Vec<EventRow> = from_matches.into_iter().flat_map(|p| p.items).collect();
            let whole =
                store.events(&EventFilter { text: Some(words.into()), actor: actor.map(String::from), limit: 100, ..Default::default() }).unwrap();
            assert_eq!(all, whole.items, "{words}");
            if words == "Norway" {
                assert!(all.len() > 2, "several pages of {words}");
            }
        }
        let january = store
            .events(&EventFilter { since: Some("2022-01-01".into()), until: Some("2022-01".into()), limit: 100, ..Default::default() })
            .unwrap()
            .items;
        assert!(!january.is_empty() && january.iter().all(|e| e.date.as_deref().is_some_and(|d| d.starts_with("2022-01"))));
        assert!(store.events(&EventFilter { cursor: Some("garbage".into()), limit: 5, ..Default::default() }).unwrap_err().is_bad_request());
        assert!(store.events(&EventFilter { dyad: Some("CHL".into()), limit: 5, ..Default::default() }).unwrap_err().is_bad_request());

        let dyads = store.dyads(&EventFilter { limit: 10, ..Default::default() }).unwrap().items;
        assert_eq!((dyads[0].a.as_str(), dyads[0].b.as_str()), ("CHL", "NOR"));
        assert_eq!(dyads[0].n_events, chl_nor.len() as i64);
        let timeline = store.timeline(&EventFilter { dyad: Some("CHL-NOR".into()), ..Default::default() }, "week").unwrap();
        let n_timeline: i64 = timeline.items.iter().map(|b| b.quad.iter().sum::<i64>()).sum();
        assert_eq!(n_timeline, chl_nor.len() as i64);
        assert_eq!(timeline.items[0].start, "2022-01-10", "weeks start on Monday");
        let months = store.timeline(&EventFilter::default(), "month").unwrap();
        assert!(months.items.iter().all(|b| b.start.ends_with("-01")));
        assert!(store.timeline(&EventFilter::default(), "fortnight").unwrap_err().is_bad_request());
        let network = store.network(&EventFilter { limit: 50, ..Default::default() }).unwrap();
        assert!(network.nodes.iter().any(|n| n.id == "CHL") && network.nodes.iter().any(|n| n.id == "NOR"));
        assert!(network.edges.iter().all(|e| e.cooperation + e.conflict == e.n_events));
        let map = store.map(&EventFilter { limit: 50, ..Default::default() }).unwrap();
        assert!(map.iter().any(|p| p.name == "Geneva" && p.country.as_deref() == Some("CH")));
        let places = store.places(Some("gen"), 10, None).unwrap().items;
        assert_eq!((places[0].name.as_str(), places[0].n_events), ("Geneva", 2));
        let entities = store.entities(Some("loc"), None, 100, None).unwrap().items;
        assert!(entities.iter().any(|e| e.name == "Norway" && e.n_documents >= 2));
        let actors = store.actors(Some("CHL"), 10, None).unwrap().items;
        assert!(actors.iter().all(|a| a.code.starts_with("CHL")) && !actors.is_empty());
        let page = store.actors(None, 1, None).unwrap();
        let second = store.actors(None, 1, page.next.as_deref()).unwrap();
        assert_ne!(page.items, second.items);
        let speakers = store.speakers(None, 10, None).unwrap().items;
        assert!(!speakers.is_empty());
        let quotes = store.quotes(&QuoteFilter { search: Some("RIVER".into()), limit: 10, ..Default::default() }).unwrap().items;
        assert_eq!(quotes.len(), 1);
        let documents = store.documents(2, None).unwrap();
        assert_eq!(documents.items.len(), 2);
        let rest = store.documents(10, documents.next.as_deref()).unwrap();
        assert_eq!(rest.items.len(), 2);
        assert!(rest.next.is_none());
        let stats = store.stats().unwrap();
        assert_eq!((stats.n_documents, stats.n_events), (4, all.items.len() as i64));
        // What both backends answer, compared below (row ids aside).
        let strip = |mut e: EventRow| {
            e.id = 0;
            e
        };
        answers.push((all.items.into_iter().map(strip).collect::<Vec<_>>(), dyads, timeline, network, map, entities, stats.n_actors, stats.n_places));
    }
    if let [sqlite, postgres] = answers.as_slice() {
        assert_eq!(sqlite.0, postgres.0, "events differ between backends");
        assert_eq!(sqlite.1, postgres.1, "dyads differ");
        assert_eq!(sqlite.2, postgres.2, "timelines differ");
        assert_eq!(sqlite.3, postgres.3, "networks differ");
        assert_eq!(sqlite.4, postgres.4, "maps differ");
        assert_eq!(sqlite.5, postgres.5, "entities differ");
        assert_eq!((sqlite.6, sqlite.7), (postgres.6, postgres.7));
    }
}

#[test]
fn concurrent_writers_store_each_document_once() {
    for db in TestDb::all() {
        drop(db.open());
        let docs: Vec<AnalysisJson> = (0..24).map(|i| analysis(&format!("Country number {i} met its neighbour in Geneva on day {i}.\n"))).collect();
        let n_new: usize = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..4)
                .map(|writer| {
                    let location = db.location.clone();
                    // Each writer stores all documents, in its own order and batches.
                    let mut mine = docs.clone();
                    mine.rotate_left(writer * 6);
                    if writer % 2 == 1 {
                        mine.reverse();
                    }
                    scope.spawn(move || {
                        let mut store = Store::open_location(&location).unwrap();
                        mine.chunks(5).map(|batch| store.insert(batch).unwrap().iter().filter(|o| **o == InsertOutcome::New).count()).sum::<usize>()
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).sum()
        });
        assert_eq!(n_new, docs.len(), "{}", db.location);
        let mut store = db.open();
        assert_eq!(count(&mut store, "SELECT count(*) FROM documents"), docs.len() as i64);
        let n_events: usize = docs.iter().map(|d| d.events.len()).sum();
        assert_eq!(count(&mut store, "SELECT count(*) FROM events"), n_events as i64);
    }
}
