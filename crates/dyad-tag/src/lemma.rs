//! Lemmas: suffix rules per Penn tag, plus exceptions learnt from treebanks.
//!
//! [`rule_lemma`] handles regular English morphology (plurals, `-s`, `-ed`,
//! `-ing`, comparatives) with consonant undoubling ("stopped" → "stop").
//! Everything the rules get wrong on the training data — irregular verbs
//! ("went" → "go"), irregular plurals ("children" → "child"), pronouns
//! ("me" → "I") — is stored as an exception (`data/lemma.txt`, built by
//! `dyad train pos`), looked up first. Lemmas are lower case except for
//! proper nouns, as in the UD treebanks.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use crate::conllu::Sentence;

/// The exceptions shipped in the binary.
const EMBEDDED_EXCEPTIONS: &str = include_str!("../../../data/lemma.txt");

/// Finds lemmas. Immutable; share it.
#[derive(Clone, Debug)]
pub struct Lemmatizer {
    /// (key form, Penn tag, lemma), sorted.
    exceptions: Vec<(&'static str, &'static str, &'static str)>,
    /// Open-addressing index of `exceptions` by (form, tag): each slot holds
    /// the key hash's high 32 bits and 1 + an index in its low bits, or 0
    /// when empty; a power of two, at most half full. The hash bits turn
    /// most probes away without reading the exception's strings.
    slots: Vec<u64>,
}

/// The hash of a (form, tag) pair, from the features' string hash.
fn key_hash(form: &str, xpos: &str) -> u64 {
    crate::features::mix(crate::features::hash_str(form) ^ crate::features::hash_str(xpos).rotate_left(17))
}

impl Lemmatizer {
    /// The lemmatizer with the exceptions shipped in the binary.
    pub fn embedded() -> Lemmatizer {
        Lemmatizer::from_exceptions(EMBEDDED_EXCEPTIONS)
    }

    /// From exception lines `form<TAB>xpos<TAB>lemma` (`#` comments).
    pub fn from_exceptions(text: &'static str) -> Lemmatizer {
        let mut exceptions: Vec<_> = text
            .lines()
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .filter_map(|line| {
                let mut parts = line.split('\t');
                Some((parts.next()?, parts.next()?, parts.next()?))
            })
            .collect();
        exceptions.sort();
        exceptions.dedup_by(|a, b| (a.0, a.1) == (b.0, b.1));
        let mask = (exceptions.len() * 2).next_power_of_two().max(8) - 1;
        let mut slots = vec![0u64; mask + 1];
        for (idx, (form, xpos, _)) in exceptions.iter().enumerate() {
            let hash = key_hash(form, xpos);
            let mut slot = hash as usize & mask;
            while slots[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            slots[slot] = hash & !0xffff_ffff | (idx as u64 + 1);
        }
        Lemmatizer { exceptions, slots }
    }

    /// The exception for `(form, xpos)`, if any.
    fn exception(&self, form: &str, xpos: &str) -> Option<&'static str> {
        let mask = self.slots.len() - 1;
        let hash = key_hash(form, xpos);
        let mut slot = hash as usize & mask;
        loop {
            let entry = self.slots[slot];
            let idx = (entry & 0xffff_ffff).checked_sub(1)?;
            if entry >> 32 == hash >> 32 {
                let (f, x, lemma) = self.exceptions[idx as usize];
                if f == form && x == xpos {
                    return Some(lemma);
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    /// The number of exceptions.
    pub fn n_exceptions(&self) -> usize {
        self.exceptions.len()
    }

    /// The lemma of `form` tagged `xpos` (a Penn tag): borrowed from `form`
    /// or the exceptions where it can be.
    pub fn lemma<'f>(&self, form: &'f str, xpos: &str) -> Cow<'f, str> {
        let key = key_form(form, xpos);
        match self.exception(&key, xpos) {
            Some(lemma) => Cow::Borrowed(lemma),
            None => rule_lemma_of_key(key, xpos),
        }
    }
}

fn is_proper(xpos: &str) -> bool {
    xpos.starts_with("NNP")
}

/// The form exceptions are keyed by: lower case except for proper nouns.
fn key_form<'f>(form: &'f str, xpos: &str) -> Cow<'f, str> {
    if is_proper(xpos) {
        Cow::Borrowed(form)
    } else if form.is_ascii() {
        if form.bytes().any(|b| b.is_ascii_uppercase()) { Cow::Owned(form.to_ascii_lowercase()) } else { Cow::Borrowed(form) }
    } else if form.chars().any(char::is_uppercase) {
        Cow::Owned(form.to_lowercase())
    } else {
        Cow::Borrowed(form)
    }
}

/// The lemma by suffix rules alone.
pub fn rule_lemma<'f>(form: &'f str, xpos: &str) -> Cow<'f, str> {
    rule_lemma_of_key(key_form(form, xpos), xpos)
}

/// The lemma by suffix rules of a form already in its key form: the form
/// itself, a prefix of it, or a prefix with an ending, reusing the key's
/// allocation where it has one.
fn rule_lemma_of_key<'f>(word: Cow<'f, str>, xpos: &str) -> Cow<'f, str> {
    if !word.is_ascii() {
        return word;
    }
    let Some((len, ending)) = stem(&word, xpos) else { return word };
    match word {
        Cow::Borrowed(word) if ending.is_empty() => Cow::Borrowed(&word[..len]),
        word => {
            let mut lemma = word.into_owned();
            lemma.truncate(len);
            lemma.push_str(ending);
            Cow::Owned(lemma)
        }
    }
}

/// The suffix rule for an ASCII word `w` tagged `xpos`, if one applies: the
/// length of the stem kept and the ending put after it.
fn stem(w: &str, xpos: &str) -> Option<(usize, &'static str)> {
    let n = w.len();
    match xpos {
        "NNS" | "NNPS" | "VBZ" => {
            if n > 4 && w.ends_with("ies") {
                Some((n - 3, "y"))
            } else if ["sses", "shes", "ches", "xes", "zes"].iter().any(|e| w.ends_with(e)) || (xpos == "VBZ" && w.ends_with("oes")) {
                Some((n - 2, ""))
            } else if n > 2 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
                Some((n - 1, ""))
            } else {
                None
            }
        }
        "VBD" | "VBN" => {
            if n > 4 && w.ends_with("ied") {
                Some((n - 3, "y"))
            } else if n > 3 && w.ends_with("ed") {
                Some(restore(&w[..n - 2]))
            } else {
                None
            }
        }
        "VBG" => (n > 4 && w.ends_with("ing")).then(|| restore(&w[..n - 3])),
        "JJR" | "RBR" => degree(w, "ier", "er"),
        "JJS" | "RBS" => degree(w, "iest", "est"),
        _ => None,
    }
}

/// Comparatives and superlatives: "easier" → "easy" (`y_suffix`), "bigger"
/// → "big" (`suffix`, undoubled); as [`stem`] gives them.
fn degree(word: &str, y_suffix: &str, suffix: &str) -> Option<(usize, &'static str)> {
    if word.len() > y_suffix.len() + 1 && word.ends_with(y_suffix) {
        Some((word.len() - y_suffix.len(), "y"))
    } else if word.len() > suffix.len() + 1 && word.ends_with(suffix) {
        Some((undouble(&word[..word.len() - suffix.len()]), ""))
    } else {
        None
    }
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// The length of `stem` undoubled: "stopp" → "stop"; double l, s and z
/// stay ("call", "pass", "buzz").
fn undouble(stem: &str) -> usize {
    let b = stem.as_bytes();
    let n = b.len();
    if n >= 3 && b[n - 1] == b[n - 2] && !is_vowel(b[n - 1]) && !matches!(b[n - 1], b'l' | b's' | b'z') { n - 1 } else { n }
}

/// Undoubles, or puts back an `e` lost before `-ed`/`-ing` ("us" → "use",
/// "mak" → "make", "arriv" → "arrive"); as [`stem`] gives it.
fn restore(stem: &str) -> (usize, &'static str) {
    let n = stem.len();
    let undoubled = undouble(stem);
    if undoubled != n {
        return (undoubled, "");
    }
    let b = stem.as_bytes();
    let needs_e = n >= 2
        && (matches!(&stem[n.saturating_sub(2)..], "us" | "iv" | "av" | "ov" | "uc" | "ac" | "ic" | "rg" | "dg" | "ng" | "ur" | "iz" | "yz" | "at" | "bl" | "cl" | "pl" | "gl" | "tl")
            || stem.ends_with('v')
            || ((3..=4).contains(&n) && !is_vowel(b[n - 1]) && is_vowel(b[n - 2]) && !is_vowel(b[n - 3]) && !matches!(b[n - 1], b'w' | b'x' | b'y')));
    (n, if needs_e { "e" } else { "" })
}

/// Learns the exceptions: every (form, tag) of the training data whose most
/// frequent gold lemma the rules do not give. Sorted, so the same data
/// gives the same file.
pub fn learn_exceptions(sentences: &[Sentence]) -> String {
    let mut counts: HashMap<(String, String), BTreeMap<String, u32>> = HashMap::new();
    for sentence in sentences {
        for word in &sentence.words {
            if word.lemma == "_" || word.form.contains(['\t', '\n']) || word.lemma.contains(['\t', '\n']) {
                continue;
            }
            let key = (key_form(&word.form, &word.xpos).into_owned(), word.xpos.clone());
            *counts.entry(key).or_default().entry(word.lemma.clone()).or_default() += 1;
        }
    }
    let mut exceptions: Vec<(String, String, String)> = counts
        .into_iter()
        .filter_map(|((form, xpos), lemmas)| {
            let (best, _) = lemmas.iter().max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))?;
            (rule_lemma(&form, &xpos) != best.as_str()).then(|| (form, xpos, best.clone()))
        })
        .collect();
    exceptions.sort();
    let mut out = String::from("# dyad lemma exceptions: form, Penn tag, lemma where the suffix rules are wrong.\n# Generated by `dyad train pos` from the same treebanks as the tagger; CC BY-SA 4.0.\n");
    for (form, xpos, lemma) in exceptions {
        out.push_str(&format!("{form}\t{xpos}\t{lemma}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffix_rules() {
        let cases = [
            ("countries", "NNS", "country"),
            ("talks", "NNS", "talk"),
            ("Ukrainians", "NNPS", "Ukrainian"),
            ("stopped", "VBD", "stop"),
            ("called", "VBD", "call"),
            ("used", "VBN", "use"),
            ("making", "VBG", "make"),
            ("meeting", "VBG", "meet"),
            ("tried", "VBD", "try"),
            ("watches", "VBZ", "watch"),
            ("bigger", "JJR", "big"),
            ("easiest", "JJS", "easy"),
            ("Talks", "NN", "talks"),
            ("Putin", "NNP", "Putin"),
        ];
        for (form, xpos, want) in cases {
            assert_eq!(rule_lemma(form, xpos), want, "{form}/{xpos}");
        }
    }

    #[test]
    fn exceptions_win_over_rules() {
        let lemmatizer = Lemmatizer::from_exceptions("went\tVBD\tgo\nchildren\tNNS\tchild\nme\tPRP\tI\n");
        assert_eq!(lemmatizer.lemma("Went", "VBD"), "go");
        assert_eq!(lemmatizer.lemma("children", "NNS"), "child");
        assert_eq!(lemmatizer.lemma("me", "PRP"), "I");
        assert_eq!(lemmatizer.lemma("walked", "VBD"), "walk");
    }
}
