//! PETRARCH dictionaries on raw text (our own fixture dictionaries in
//! PETRARCH syntax, `testdata/petrarch/`), on top of dyad's dictionaries
//! or in their place.

use std::path::Path;

use dyad::Pipeline;
use dyad_core::Modality;
use dyad_events::petrarch::{shallow, Coder, Dictionaries};

fn coder() -> Coder {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/petrarch");
    let mut d = Dictionaries::default();
    d.load_verbs(&dir.join("verbs.txt")).unwrap();
    d.load_actors(&dir.join("actors.txt")).unwrap();
    d.load_agents(&dir.join("agents.txt")).unwrap();
    d.load_discards(&dir.join("discards.txt")).unwrap();
    Coder::new(d)
}

fn coded(pipeline: &Pipeline, text: &str) -> Vec<(String, String, String, Modality, String)> {
    let a = pipeline.analyze_text(text);
    a.events
        .iter()
        .map(|e| {
            (
                e.code.clone(),
                e.source.code.clone().unwrap_or_default(),
                e.target.as_ref().and_then(|t| t.code.clone()).unwrap_or_default(),
                e.modality,
                e.provenance.rule.to_string(),
            )
        })
        .collect()
}

#[test]
fn petrarch_dictionaries_code_raw_text_in_place_of_ours() {
    let only = Pipeline::new().with_petrarch(coder(), true);
    let text = "Riverland sent food parcels to Hillmark on Monday.";
    let a = only.analyze_text(text);
    let tree = shallow::sentence_tree(&a, 0);
    let found = coded(&only, text);
    assert_eq!(found, vec![("073".into(), "RVL".into(), "HLM".into(), Modality::Asserted, "event.petrarch".into())], "{}", tree.bracketed());
    let e = &a.events[0];
    assert_eq!(&text[e.trigger_span.start..e.trigger_span.end], "sent");
    assert_eq!(e.source.text, "Riverland");
    assert_eq!(e.target.as_ref().unwrap().text, "Hillmark");
    assert!(e.provenance.reason.contains("verbs.txt:17"), "{}", e.provenance.reason);
    assert_eq!(e.plover, "AID");

    // Compound subjects, agents and negation.
    let text = "The Riverland minister did not praise the police of Hillmark.";
    let found = coded(&only, text);
    assert_eq!(found.len(), 1, "{found:?} {}", shallow::sentence_tree(&only.analyze_text(text), 0).bracketed());
    assert_eq!((found[0].0.as_str(), found[0].1.as_str(), found[0].2.as_str()), ("111", "RVLGOV", "HLMCOP"));
    assert_eq!(found[0].3, Modality::Negated);
    let found = coded(&only, "Riverland and Hillmark met in Stoneport.");
    assert!(found.iter().any(|f| f.0 == "036" && f.1 == "RVL" && f.2 == "HLM"), "{found:?}");
    assert!(found.iter().any(|f| f.0 == "036" && f.1 == "HLM" && f.2 == "RVL"), "{found:?}");

    // Discarded sentences give nothing; our own dictionaries are not used.
    assert!(coded(&only, "Riverland praised Hillmark after the cup final.").is_empty());
    assert!(coded(&only, "Russia attacked Ukraine.").is_empty());
}

#[test]
fn petrarch_dictionaries_add_to_ours() {
    let both = Pipeline::new().with_petrarch(coder(), false);
    let found = coded(&both, "Russia attacked Ukraine. Riverland praised Hillmark.");
    assert!(found.iter().any(|f| f.0.starts_with("19") && f.1 == "RUS" && f.2 == "UKR" && f.4 != "event.petrarch"), "{found:?}");
    assert!(found.iter().any(|f| f.0 == "051" && f.1 == "RVL" && f.2 == "HLM" && f.4 == "event.petrarch"), "{found:?}");
}
