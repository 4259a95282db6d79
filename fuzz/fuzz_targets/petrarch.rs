//! The PETRARCH importer: the first byte picks what the rest is read as.
//!
//! * `v` verbs, `a` actors, `g` agents, `d` discards dictionary;
//! * `t` a bracketed Treebank parse;
//! * `r` a validation records file (XML);
//! * `c` four dictionaries and a parse separated by lines `%%` (verbs,
//!   actors, agents, discards, parse): the coder is built from the
//!   dictionaries and codes the parse.
//!
//! Any other first byte picks one of these by its value.
#![no_main]

use dyad_events::petrarch::dict::{read_actors, read_agents, read_discards, read_verbs};
use dyad_events::petrarch::{records, Coder, Dictionaries, Outcome, Tree};
use dyad_fuzz::text_of;
use libfuzzer_sys::fuzz_target;

const MODES: &[u8] = b"vagdtrc";

fn dictionaries(verbs: &str, actors: &str, agents: &str, discards: &str) -> Dictionaries {
    let mut d = Dictionaries::default();
    read_verbs(verbs, "verbs", &mut d.verbs, &mut d.warnings);
    read_actors(actors, "actors", &mut d.actors, &mut d.warnings);
    read_agents(agents, "agents", &mut d.agents, &mut d.warnings);
    read_discards(discards, &mut d.discards);
    for warning in &d.warnings {
        assert!(warning.line >= 1, "warning without a line: {warning}");
    }
    d
}

fn tree(text: &str) -> Option<Tree> {
    let tree = Tree::parse(text).ok()?;
    // What it writes back reads back the same.
    let again = Tree::parse(&tree.bracketed()).expect("a written tree parses");
    assert_eq!(again.bracketed(), tree.bracketed(), "tree does not round-trip");
    Some(tree)
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else { return };
    let mode = if MODES.contains(&first) { first } else { MODES[first as usize % MODES.len()] };
    let text = text_of(rest);
    let text = text.as_ref();
    match mode {
        b'v' => drop(dictionaries(text, "", "", "")),
        b'a' => drop(dictionaries("", text, "", "")),
        b'g' => drop(dictionaries("", "", text, "")),
        b'd' => drop(dictionaries("", "", "", text)),
        b't' => drop(tree(text)),
        b'r' => {
            if let Ok((_, records)) = records::read_records(text) {
                for record in records {
                    let _ = tree(&record.parse);
                }
            }
        }
        _ => {
            let mut parts = text.split("\n%%\n");
            let mut next = || parts.next().unwrap_or("");
            let (verbs, actors, agents, discards, parse) = (next(), next(), next(), next(), next());
            let coder = Coder::new(dictionaries(verbs, actors, agents, discards));
            if let Some(tree) = tree(parse) {
                for day in [None, Some(20120501)] {
                    if let Outcome::Events(events) = coder.code(&tree, day) {
                        for event in events {
                            assert!(!event.code.is_empty(), "an event without a code");
                        }
                    }
                }
            }
        }
    }
});
