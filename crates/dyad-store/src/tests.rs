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
