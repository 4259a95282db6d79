use super::*;

fn analysis(text: &str) -> AnalysisJson {
    AnalysisJson::from_analysis(&dyad::Pipeline::new().analyze_text(text))
}

#[test]
fn inserting_twice_is_a_no_op() {
    let mut store = Store::open_in_memory().unwrap();
    let docs = [analysis("Envoys met in Geneva on Monday. They will meet again."), analysis("ANCHOR: TALKS IN GENEVA.\nJane Roe: Fine.\n")];
    assert_eq!(store.insert(&docs).unwrap(), [InsertOutcome::New, InsertOutcome::New]);
    let before = store.stats().unwrap();
    assert_eq!(store.insert(&docs).unwrap(), [InsertOutcome::Duplicate, InsertOutcome::Duplicate]);
    assert_eq!(store.stats().unwrap(), before);
    assert_eq!(before.n_documents, 2);
    assert_eq!(before.n_sentences, 4);
    assert_eq!(before.n_speakers, 2);
    let mut without_tokens = docs[0].clone();
    without_tokens.sentences.iter_mut().for_each(|s| s.tokens.clear());
    assert_eq!(store.analysis(&docs[0].document.id).unwrap().as_ref(), Some(&without_tokens));
}

#[test]
fn search_finds_truecased_script_text_and_survives_odd_queries() {
    let mut store = Store::open_in_memory().unwrap();
    store.insert(&[analysis("ANCHOR: PRESIDENT BIDEN MET NATO-RUSSIA ENVOYS IN GENEVA.\nJane Roe: The U.S. agreed.\n")]).unwrap();
    let hits = store.search("biden", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].text, "PRESIDENT BIDEN MET NATO-RUSSIA ENVOYS IN GENEVA.");
    assert!(hits[0].snippet.contains("[Biden]"), "{}", hits[0].snippet);
    assert_eq!(store.search("NATO-Russia", 10).unwrap().len(), 1);
    assert_eq!(store.search("U.S.", 10).unwrap().len(), 1);
    assert!(store.search("nothing-here", 10).unwrap().is_empty());
}

#[test]
fn migrations_are_recorded_and_newer_schemas_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.db");
    assert_eq!(Store::open(&path).unwrap().schema_version().unwrap(), schema::LATEST);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", schema::LATEST + 1).unwrap();
    drop(conn);
    let err = Store::open(&path).unwrap_err();
    assert!(err.to_string().contains("newer than this dyad supports"), "{err}");
}

#[test]
fn events_keep_their_own_date_and_place_and_times_and_places_get_rows() {
    let mut store = Store::open_in_memory().unwrap();
    let mut raw = dyad::ingest::RawDocument {
        text: "Chile and Norway met in Geneva on Monday. Chile criticised Norway over fishing quotas.\n".to_string(),
        meta: dyad_core::Meta::new("-", dyad_core::InputFormat::Text),
        diagnostics: Vec::new(),
    };
    raw.meta.date = dyad_core::Date::parse("2022-01-12").ok();
    raw.meta.date_source = dyad_core::DateSource::Cli;
    let doc = AnalysisJson::from_analysis(&dyad::Pipeline::new().analyze(raw));
    store.insert(std::slice::from_ref(&doc)).unwrap();
    let rows = store.events(&EventFilter { limit: 100, ..EventFilter::default() }).unwrap();
    let met = rows.iter().find(|r| r.root == "04").expect("the meeting");
    assert_eq!((met.date.as_deref(), met.date_from.as_str()), (Some("2022-01-10"), "text"));
    assert_eq!(met.place.as_deref(), Some("Geneva"));
    assert_eq!(met.place_country.as_deref(), Some("CH"));
    assert!(met.lat.is_some_and(|l| (l - 46.2).abs() < 0.2));
    let criticism = rows.iter().find(|r| r.root == "11").expect("the criticism");
    assert_eq!((criticism.date.as_deref(), criticism.date_from.as_str(), criticism.place.as_deref()), (Some("2022-01-12"), "document", None));
    let count = |sql: &str| store.conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
    assert_eq!(count("SELECT count(*) FROM times WHERE value = '2022-01-10' AND first_day = '2022-01-10'"), 1);
    assert_eq!(count("SELECT count(*) FROM places WHERE name = 'Geneva' AND country = 'CH' AND role = 'literal'"), 1);
    assert_eq!(count("SELECT count(*) FROM documents WHERE date_confidence = 1.0 AND date_reason <> ''"), 1);
}
