//! PETRARCH validation records: sentences with a parse, a date and the
//! events they must give (`<EventCoding sourcecode= targetcode= eventcode=>`,
//! `noevents="True"` or `error="…"`), and the dictionaries to load.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::Context;

use super::coder::{Coder, Outcome};
use super::dict::{parse_day, Dictionaries};
use super::tree::Tree;

/// The dictionaries a records file names in its `<Environment>`.
#[derive(Clone, Debug, Default)]
pub struct Environment {
    /// Verb files.
    pub verbs: Vec<String>,
    /// Actor files.
    pub actors: Vec<String>,
    /// Agent files.
    pub agents: Vec<String>,
    /// Discard files.
    pub discards: Vec<String>,
}

/// An event triple: source, target, code.
pub type Triple = (String, String, String);

/// What a record expects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expected {
    /// These events exactly (empty: no events).
    Events(BTreeSet<Triple>),
    /// An error: `bad_input_parse`, `storydiscard`, `sentencediscard`, …
    Error(String),
}

/// One validation record.
#[derive(Clone, Debug)]
pub struct Record {
    /// Its id.
    pub id: String,
    /// Its category.
    pub category: String,
    /// The date, `yyyymmdd`.
    pub date: Option<u32>,
    /// The sentence text.
    pub text: String,
    /// The bracketed parse.
    pub parse: String,
    /// What it must give.
    pub expected: Expected,
}

/// Reads a records file.
pub fn read_records(xml: &str) -> anyhow::Result<(Environment, Vec<Record>)> {
    let doc = roxmltree::Document::parse_with_options(xml, roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() })
        .context("not a well-formed XML records file")?;
    let mut env = Environment::default();
    let mut records = Vec::new();
    for node in doc.descendants() {
        match node.tag_name().name() {
            "Environment" => {
                for c in node.children().filter(|c| c.is_element()) {
                    let value = c.text().unwrap_or("").trim().to_string();
                    if value.is_empty() {
                        continue;
                    }
                    match c.tag_name().name() {
                        "Verbfile" => env.verbs.push(value),
                        "Actorfile" => env.actors.extend(value.split(',').map(|s| s.trim().to_string())),
                        "Agentfile" => env.agents.push(value),
                        "Discardfile" => env.discards.push(value),
                        _ => {}
                    }
                }
            }
            "Sentence" => {
                let text = node.children().find(|c| c.has_tag_name("Text")).and_then(|c| c.text()).unwrap_or("");
                let parse = node.children().find(|c| c.has_tag_name("Parse")).and_then(|c| c.text()).unwrap_or("");
                let mut events = BTreeSet::new();
                let mut error = None;
                for e in node.children().filter(|c| c.has_tag_name("EventCoding")) {
                    if let Some(err) = e.attribute("error") {
                        error = Some(err.to_string());
                    }
                    if let (Some(s), Some(c)) = (e.attribute("sourcecode"), e.attribute("eventcode")) {
                        let t = e.attribute("targetcode").unwrap_or("---");
                        events.insert((s.to_string(), t.to_string(), c.to_string()));
                    }
                }
                records.push(Record {
                    id: node.attribute("id").unwrap_or("").to_string(),
                    category: node.attribute("category").unwrap_or("").to_string(),
                    date: node.attribute("date").and_then(parse_day),
                    text: text.split_whitespace().collect::<Vec<_>>().join(" "),
                    parse: parse.to_string(),
                    expected: match error {
                        Some(e) => Expected::Error(e),
                        None => Expected::Events(events),
                    },
                });
            }
            _ => {}
        }
    }
    Ok((env, records))
}

/// Finds a dictionary named by a records file: beside it, in its
/// `dictionaries/` folder, or in `extra`.
pub fn find_file(name: &str, records: &Path, extra: Option<&Path>) -> Option<PathBuf> {
    let dir = records.parent().unwrap_or(Path::new("."));
    let mut places = vec![dir.join(name), dir.join("dictionaries").join(name)];
    if let Some(x) = extra {
        places.insert(0, x.join(name));
    }
    places.into_iter().find(|p| p.is_file())
}

/// Loads the dictionaries an environment names.
pub fn load_environment(env: &Environment, records: &Path, extra: Option<&Path>) -> anyhow::Result<Dictionaries> {
    let mut d = Dictionaries::default();
    let find = |name: &str| find_file(name, records, extra).with_context(|| format!("{}: dictionary {name} not found beside it", records.display()));
    for f in &env.verbs {
        d.load_verbs(&find(f)?)?;
    }
    for f in &env.actors {
        d.load_actors(&find(f)?)?;
    }
    for f in &env.agents {
        d.load_agents(&find(f)?)?;
    }
    for f in &env.discards {
        d.load_discards(&find(f)?)?;
    }
    Ok(d)
}

/// What the coder gave for a record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Produced {
    /// Events, with their rule.
    Events(BTreeSet<Triple>),
    /// An error.
    Error(String),
}

/// Codes a record; `true` when it gives what it expects.
pub fn check(coder: &Coder, record: &Record) -> (bool, Produced) {
    let produced = match Tree::parse(&record.parse) {
        Err(_) => Produced::Error("bad_input_parse".into()),
        Ok(tree) => match coder.code(&tree, record.date) {
            Outcome::Discarded { story: true, .. } => Produced::Error("storydiscard".into()),
            Outcome::Discarded { story: false, .. } => Produced::Error("sentencediscard".into()),
            Outcome::Events(ev) => Produced::Events(ev.into_iter().map(|c| (c.source, c.target, c.code)).collect()),
        },
    };
    let ok = match (&record.expected, &produced) {
        (Expected::Events(a), Produced::Events(b)) => a == b,
        (Expected::Error(a), Produced::Error(b)) => a == b,
        _ => false,
    };
    (ok, produced)
}
