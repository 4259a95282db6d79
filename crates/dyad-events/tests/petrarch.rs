//! PETRARCH compatibility on our own records file (`testdata/petrarch/`):
//! dictionaries written by us in PETRARCH syntax, parses written by hand.

use std::path::{Path, PathBuf};

use dyad_events::petrarch::records::{self, Expected, Produced};
use dyad_events::petrarch::{Coder, Outcome, Tree};

fn records_file() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/petrarch/records.xml")
}

fn load() -> (dyad_events::petrarch::Dictionaries, Vec<records::Record>) {
    let path = records_file();
    let xml = std::fs::read_to_string(&path).unwrap();
    let (env, recs) = records::read_records(&xml).unwrap();
    let dict = records::load_environment(&env, &path, None).unwrap();
    (dict, recs)
}

#[test]
fn every_record_is_coded_as_expected() {
    let (dict, recs) = load();
    assert!(dict.warnings.is_empty(), "{:?}", dict.warnings);
    assert_eq!(recs.len(), 15);
    let coder = Coder::new(dict);
    for r in &recs {
        let (ok, produced) = records::check(&coder, r);
        assert!(ok, "{}: expected {:?}, produced {:?}", r.id, r.expected, produced);
    }
}

#[test]
fn a_wrong_expectation_fails() {
    let (dict, mut recs) = load();
    let coder = Coder::new(dict);
    let r = recs.iter_mut().find(|r| r.id == "T-01").unwrap();
    r.expected = Expected::Events([("HLM".to_string(), "RVL".to_string(), "051".to_string())].into());
    let (ok, produced) = records::check(&coder, r);
    assert!(!ok);
    assert_eq!(produced, Produced::Events([("RVL".to_string(), "HLM".to_string(), "051".to_string())].into()));
}

#[test]
fn events_name_the_pattern_that_coded_them() {
    let (dict, recs) = load();
    let coder = Coder::new(dict);
    let r = recs.iter().find(|r| r.id == "T-03").unwrap();
    let tree = Tree::parse(&r.parse).unwrap();
    let Outcome::Events(events) = coder.code(&tree, r.date) else { panic!("not discarded") };
    assert_eq!(events.len(), 1);
    let e = &events[0];
    assert_eq!(tree.words[e.verb], "sent");
    assert!(e.rule.ends_with("verbs.txt:17"), "{}", e.rule);
    assert!(e.reason.contains("matched pattern"), "{}", e.reason);
}

#[test]
fn the_coder_never_panics_on_odd_parses() {
    let (dict, _) = load();
    let coder = Coder::new(dict);
    for parse in ["(ROOT)", "(ROOT (S (VP (VBD sent))))", "(() ())", "(ROOT (S (NP) (VP (VBD praised) (NP))))", "(X (VBN condemned) (IN by))"] {
        if let Ok(tree) = Tree::parse(parse) {
            let _ = coder.code(&tree, None);
        }
    }
}
