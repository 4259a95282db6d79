//! Reporting cues: verbs, nouns and phrases that introduce what someone
//! said or thought (`data/quotes/cues.toml`, written by us, each with an
//! example).

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use serde::Deserialize;

/// What a cue verb can do.
#[derive(Clone, Debug, Default)]
pub struct Verb {
    /// The lemma.
    pub lemma: String,
    /// speech, writing, belief, perception, intent, emotion.
    pub kind: String,
    /// Takes a "(that) clause".
    pub that: bool,
    /// Introduces or closes a direct quote.
    pub quote: bool,
    /// Inverted after a quote ("…," said X).
    pub inverted: bool,
}

/// A multi-word cue ("according to").
#[derive(Clone, Debug)]
pub struct Phrase {
    /// Lower-case words, two or more.
    pub words: Vec<String>,
    /// Where its source is: `after`, `before` or `inside`.
    pub source: String,
}

/// The cue lists, indexed.
#[derive(Clone, Debug, Default)]
pub struct Cues {
    verbs: Vec<Verb>,
    /// Lower-case word form or lemma → verb.
    /// (FxHash: these short words are looked up at every verb, and SipHash
    /// cost more than the rest of the lookup.)
    verb_forms: FxHashMap<String, usize>,
    /// Lower-case noun form → kind.
    nouns: FxHashMap<String, String>,
    /// Phrases, longest first.
    phrases: Vec<Phrase>,
    /// Indices of the phrases whose source comes after them, in order.
    after: Vec<usize>,
    /// The words those phrases start with, each once.
    after_first: Vec<String>,
}

#[derive(Deserialize)]
struct File {
    #[serde(default)]
    verb: Vec<VerbEntry>,
    #[serde(default)]
    noun: Vec<NounEntry>,
    #[serde(default)]
    phrase: Vec<PhraseEntry>,
}

#[derive(Deserialize)]
struct VerbEntry {
    lemma: String,
    #[serde(default)]
    forms: Vec<String>,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    that: bool,
    #[serde(default)]
    quote: bool,
    #[serde(default)]
    inverted: bool,
}

#[derive(Deserialize)]
struct NounEntry {
    lemma: String,
    #[serde(default)]
    forms: Vec<String>,
    #[serde(default)]
    kind: String,
}

#[derive(Deserialize)]
struct PhraseEntry {
    words: String,
    #[serde(default)]
    source: String,
}

impl Cues {
    /// Reads a cue file.
    pub fn from_toml(text: &str) -> Result<Cues, String> {
        let file: File = toml::from_str(text).map_err(|e| format!("cues.toml: {e}"))?;
        let mut cues = Cues::default();
        for v in file.verb {
            let idx = cues.verbs.len();
            let lemma = v.lemma.to_lowercase();
            cues.verb_forms.entry(lemma.clone()).or_insert(idx);
            for f in &v.forms {
                cues.verb_forms.entry(f.to_lowercase()).or_insert(idx);
            }
            cues.verbs.push(Verb { lemma, kind: v.kind, that: v.that, quote: v.quote, inverted: v.inverted });
        }
        for n in file.noun {
            cues.nouns.entry(n.lemma.to_lowercase()).or_insert_with(|| n.kind.clone());
            for f in &n.forms {
                cues.nouns.entry(f.to_lowercase()).or_insert_with(|| n.kind.clone());
            }
        }
        for p in file.phrase {
            let words: Vec<String> = p.words.split_whitespace().map(str::to_lowercase).collect();
            if words.len() >= 2 && !words.iter().any(|w| w.chars().all(|c| c.is_uppercase())) {
                cues.phrases.push(Phrase { words, source: p.source });
            }
        }
        cues.phrases.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
        cues.after = (0..cues.phrases.len()).filter(|&i| cues.phrases[i].source == "after").collect();
        for &i in &cues.after {
            let first = &cues.phrases[i].words[0];
            if !cues.after_first.contains(first) {
                cues.after_first.push(first.clone());
            }
        }
        Ok(cues)
    }

    /// The cues compiled into the binary.
    pub fn embedded() -> &'static Cues {
        static CUES: OnceLock<Cues> = OnceLock::new();
        CUES.get_or_init(|| Cues::from_toml(include_str!("../../../data/quotes/cues.toml")).expect("the embedded cues parse (a test checks it)"))
    }

    /// The verb a word or lemma is a form of.
    pub fn verb(&self, word: &str, lemma: &str) -> Option<&Verb> {
        let w = dyad_core::lowercase(word);
        self.verb_forms.get(w.as_ref()).or_else(|| self.verb_forms.get(lemma)).map(|&i| &self.verbs[i])
    }

    /// The kind of a cue noun.
    pub fn noun(&self, word: &str) -> Option<&str> {
        self.nouns.get(dyad_core::lowercase(word).as_ref()).map(String::as_str)
    }

    /// Phrases, longest first.
    pub fn phrases(&self) -> &[Phrase] {
        &self.phrases
    }

    /// The phrases whose source comes after them ("according to X"),
    /// longest first.
    pub fn phrases_after(&self) -> impl Iterator<Item = &Phrase> {
        self.after.iter().map(|&i| &self.phrases[i])
    }

    /// The words the phrases whose source comes after them start with,
    /// each once ("according", "in").
    pub fn first_words_after(&self) -> &[String] {
        &self.after_first
    }
}
