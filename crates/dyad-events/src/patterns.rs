//! Event patterns (`data/events/patterns.toml`): a trigger verb or noun and
//! what must follow it, with the CAMEO code it gives.
//!
//! ```text
//! meet with {target}          verb "meet", the word "with", then the target
//! send troop to {target}      "troop" heads a noun phrase after the verb
//! receive aid from {source}   the subject is the target; the source follows
//! talks|negotiation with {target}   (kind = "noun") an event noun
//! ```

use rustc_hash::FxHashMap;
use serde::Deserialize;

/// One element of a pattern after its trigger.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Element {
    /// A word (lemma) or one of several.
    Word(Vec<String>),
    /// The noun phrase that is the target.
    Target,
    /// The noun phrase that is the source (the subject becomes the target).
    Source,
}

/// A compiled pattern.
#[derive(Clone, Debug)]
pub struct Pattern {
    /// Unique id.
    pub id: String,
    /// The rule id shown on events (`event.` + id); patterns are loaded
    /// once per process, so it lives as long.
    rule: &'static str,
    /// CAMEO event code.
    pub code: String,
    /// An event noun (true) or a verb (false).
    pub noun: bool,
    /// Trigger lemmas (alternatives).
    pub trigger: Vec<String>,
    /// What follows the trigger.
    pub elements: Vec<Element>,
    /// The pattern as written.
    pub text: String,
    /// Its example sentence.
    pub example: String,
}

impl Pattern {
    /// The rule id shown on events it codes (`event.meet-with`).
    pub fn rule(&self) -> &'static str {
        self.rule
    }

    /// A pattern of the engine's own (not from a file), with rule id
    /// `event.` + `id`; made once per process.
    pub fn builtin(id: &str, code: &str, text: &str) -> Pattern {
        let rule: &'static str = Box::leak(format!("event.{id}").into_boxed_str());
        Pattern { id: id.to_string(), rule, code: code.to_string(), noun: false, trigger: Vec::new(), elements: Vec::new(), text: text.to_string(), example: String::new() }
    }

    /// Whether the pattern names its source after the trigger.
    pub fn has_source(&self) -> bool {
        self.elements.contains(&Element::Source)
    }
}

#[derive(Deserialize)]
struct PatternEntry {
    id: String,
    code: String,
    #[serde(rename = "match")]
    text: String,
    #[serde(default)]
    example: String,
    #[serde(default)]
    kind: Option<String>,
}

#[derive(Deserialize)]
struct PatternFile {
    pattern: Vec<PatternEntry>,
}

/// All patterns, indexed by trigger lemma.
#[derive(Clone, Debug, Default)]
pub struct Patterns {
    patterns: Vec<Pattern>,
    verbs: FxHashMap<String, Vec<usize>>,
    nouns: FxHashMap<String, Vec<usize>>,
}

impl Patterns {
    /// Reads a pattern file.
    pub fn from_toml(text: &str) -> Result<Patterns, String> {
        let file: PatternFile = toml::from_str(text).map_err(|e| format!("patterns.toml: {e}"))?;
        let mut patterns = Patterns::default();
        for entry in file.pattern {
            let pattern = compile(entry)?;
            let idx = patterns.patterns.len();
            let index = if pattern.noun { &mut patterns.nouns } else { &mut patterns.verbs };
            for trigger in &pattern.trigger {
                index.entry(trigger.clone()).or_default().push(idx);
            }
            patterns.patterns.push(pattern);
        }
        Ok(patterns)
    }

    /// The patterns compiled into the binary.
    pub fn embedded() -> &'static Patterns {
        static PATTERNS: std::sync::OnceLock<Patterns> = std::sync::OnceLock::new();
        PATTERNS.get_or_init(|| {
            Patterns::from_toml(include_str!("../../../data/events/patterns.toml")).expect("the embedded patterns parse (a test checks it)")
        })
    }

    /// Patterns whose trigger is the verb `lemma`.
    pub fn for_verb(&self, lemma: &str) -> impl Iterator<Item = &Pattern> {
        self.verbs.get(lemma).into_iter().flatten().filter_map(|&i| self.patterns.get(i))
    }

    /// Patterns whose trigger is the noun `lemma`.
    pub fn for_noun(&self, lemma: &str) -> impl Iterator<Item = &Pattern> {
        self.nouns.get(lemma).into_iter().flatten().filter_map(|&i| self.patterns.get(i))
    }

    /// Whether some noun pattern has this trigger.
    pub fn is_event_noun(&self, lemma: &str) -> bool {
        self.nouns.contains_key(lemma)
    }

    /// Every pattern.
    pub fn all(&self) -> &[Pattern] {
        &self.patterns
    }
}

fn compile(entry: PatternEntry) -> Result<Pattern, String> {
    let noun = match entry.kind.as_deref() {
        None | Some("verb") => false,
        Some("noun") => true,
        Some(other) => return Err(format!("pattern {}: kind {other:?} is neither \"verb\" nor \"noun\"", entry.id)),
    };
    let mut parts = entry.text.split_whitespace();
    let trigger: Vec<String> = parts.next().ok_or_else(|| format!("pattern {}: empty match", entry.id))?.split('|').map(str::to_lowercase).collect();
    if trigger.iter().any(|t| t.starts_with('{')) {
        return Err(format!("pattern {}: the first element must be the trigger word", entry.id));
    }
    let elements = parts
        .map(|part| match part {
            "{target}" => Ok(Element::Target),
            "{source}" => Ok(Element::Source),
            other if other.starts_with('{') => Err(format!("pattern {}: unknown slot {other}", entry.id)),
            other => Ok(Element::Word(other.split('|').map(str::to_lowercase).collect())),
        })
        .collect::<Result<Vec<_>, _>>()?;
    if elements.iter().filter(|e| **e == Element::Target).count() > 1 {
        return Err(format!("pattern {}: more than one {{target}}", entry.id));
    }
    let rule: &'static str = Box::leak(format!("event.{}", entry.id).into_boxed_str());
    Ok(Pattern { id: entry.id, rule, code: entry.code, noun, trigger, elements, text: entry.text, example: entry.example })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_compile_and_index_by_trigger() {
        let patterns = Patterns::from_toml(
            r#"
[[pattern]]
id = "meet-with"
code = "043"
match = "meet with {target}"
example = "x"

[[pattern]]
id = "talks-with"
code = "043"
kind = "noun"
match = "talks|negotiation with {target}"
example = "x"

[[pattern]]
id = "receive-aid"
code = "070"
match = "receive aid|assistance from {source}"
example = "x"
"#,
        )
        .unwrap();
        let meet: Vec<&str> = patterns.for_verb("meet").map(|p| p.id.as_str()).collect();
        assert_eq!(meet, ["meet-with"]);
        assert!(patterns.is_event_noun("negotiation"));
        let receive = patterns.for_verb("receive").next().unwrap();
        assert!(receive.has_source());
        assert_eq!(receive.elements[0], Element::Word(vec!["aid".into(), "assistance".into()]));
        assert!(Patterns::from_toml("[[pattern]]\nid = \"x\"\ncode = \"01\"\nmatch = \"{target} say\"\n").is_err());
    }
}
