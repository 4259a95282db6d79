//! Training the entity recogniser.

use std::collections::BTreeMap;

use super::{phrase_key, NerLabeller, NerState, LABELS, MAX_PHRASE};
use crate::features::{hash_str, normal_form_into, word_key};
use crate::model::{self, DictWord, Model};
use crate::perceptron::{self, Examples, TrainConfig};

/// A training sentence: words, their UPOS tags (as the tagger predicts
/// them) and gold label indices into [`LABELS`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NerSentence {
    /// Words in analysis form.
    pub words: Vec<String>,
    /// UPOS tag of each word.
    pub upos: Vec<String>,
    /// Gold label of each word.
    pub labels: Vec<u16>,
}

/// The gazetteer list a phrase comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum PhraseList {
    /// Given names.
    Given,
    /// Family names.
    Family,
    /// Countries, capitals, cities, regions.
    Place,
    /// Organisations.
    Organization,
    /// Nationality adjectives and demonyms.
    Group,
    /// Words the treebanks tag as proper nouns nearly always (any casing).
    ProperNoun,
    /// Words the treebanks tag as proper nouns some of the time.
    SometimesProperNoun,
}

impl PhraseList {
    /// The name used in dictionary classes.
    pub fn name(self) -> &'static str {
        match self {
            PhraseList::Given => "given",
            PhraseList::Family => "family",
            PhraseList::Place => "place",
            PhraseList::Organization => "org",
            PhraseList::Group => "group",
            PhraseList::ProperNoun => "propn",
            PhraseList::SometimesProperNoun => "propn-some",
        }
    }
}

/// A gazetteer entry: its words (tokenised as the analysis tokenises) and
/// the list it comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phrase {
    /// Words.
    pub words: Vec<String>,
    /// The list.
    pub list: PhraseList,
}

/// The usual casing of a word in edited text, from its lexicon form.
fn casing(form: &str) -> &'static str {
    let mut chars = form.chars();
    let first_upper = chars.next().is_some_and(char::is_uppercase);
    let rest_upper = chars.clone().any(char::is_uppercase);
    let rest_lower = chars.any(char::is_lowercase);
    match (first_upper, rest_upper, rest_lower) {
        (false, false, _) => "lower",
        (true, false, _) => "cap",
        (true, true, false) => "upper",
        _ => "mixed",
    }
}

fn lower_hash(word: &str, buffer: &mut String) -> u64 {
    normal_form_into(word, buffer);
    hash_str(buffer)
}

/// The model's dictionary: single words with their casing (from `lexicon`,
/// `(lowercase key, usual form)` pairs) and gazetteer lists, and gazetteer
/// phrases of two to [`MAX_PHRASE`] words with their lists.
fn dictionary(lexicon: &mut dyn Iterator<Item = (&str, &str)>, phrases: &[Phrase]) -> Vec<DictWord> {
    let mut buffer = String::new();
    let mut words: BTreeMap<u64, (&'static str, Vec<&'static str>)> = BTreeMap::new();
    for (key, form) in lexicon {
        words.entry(word_key(lower_hash(key, &mut buffer))).or_insert(("?", Vec::new())).0 = casing(form);
    }
    let mut multi: BTreeMap<u64, Vec<&'static str>> = BTreeMap::new();
    for phrase in phrases {
        match phrase.words.len() {
            0 => {}
            1 => words.entry(word_key(lower_hash(&phrase.words[0], &mut buffer))).or_insert(("?", Vec::new())).1.push(phrase.list.name()),
            n if n <= MAX_PHRASE => {
                let hashes: Vec<u64> = phrase.words.iter().map(|w| lower_hash(w, &mut buffer)).collect();
                multi.entry(phrase_key(&hashes)).or_default().push(phrase.list.name());
            }
            _ => {}
        }
    }
    let class_name = |casing: &str, lists: &mut Vec<&str>| {
        lists.sort_unstable();
        lists.dedup();
        std::iter::once(casing).chain(lists.iter().copied()).collect::<Vec<_>>().join("|")
    };
    // First words of phrases carry a flag (not a class: the features stay
    // the same) so that only they start phrase lookups.
    let mut starts: std::collections::BTreeSet<u64> = Default::default();
    for phrase in phrases.iter().filter(|p| (2..=MAX_PHRASE).contains(&p.words.len())) {
        let key = word_key(lower_hash(&phrase.words[0], &mut buffer));
        words.entry(key).or_insert(("?", Vec::new()));
        starts.insert(key);
    }
    words
        .into_iter()
        .map(|(key, (casing, mut lists))| DictWord {
            key,
            class: class_name(casing, &mut lists),
            sure: starts.contains(&key).then_some(1),
        })
        .chain(multi.into_iter().map(|(key, mut lists)| DictWord { key, class: class_name("phrase", &mut lists), sure: None }))
        .collect()
}

struct NerExamples<'a> {
    sentences: &'a [NerSentence],
}

impl<'m> Examples<NerLabeller<'m>> for NerExamples<'_> {
    fn n_sentences(&self) -> usize {
        self.sentences.len()
    }
    fn prepare<'a>(&'a self, labeller: &NerLabeller<'m>, s: usize, state: &mut NerState) -> &'a [u16] {
        let sentence = &self.sentences[s];
        let words: Vec<&str> = sentence.words.iter().map(String::as_str).collect();
        let upos: Vec<&str> = sentence.upos.iter().map(String::as_str).collect();
        labeller.prepare(&words, &upos, None, state);
        &sentence.labels
    }
}

/// Trains the recogniser and returns the model file bytes. `lexicon` gives
/// `(lowercase key, usual form)` pairs of the truecasing lexicon.
pub fn train(
    sentences: &[NerSentence],
    lexicon: &mut dyn Iterator<Item = (&str, &str)>,
    phrases: &[Phrase],
    config: &TrainConfig,
    progress: &mut dyn FnMut(usize, f64),
) -> Vec<u8> {
    let labels: Vec<String> = LABELS.iter().map(|l| l.to_string()).collect();
    let dictionary = dictionary(lexicon, phrases);
    // A model with the dictionary and no weights gives training its lookups.
    let dictionary_only = model::write(&labels, Vec::new(), &dictionary, config.pruning);
    let model = Model::read(&dictionary_only).expect("freshly written model");
    let weights = perceptron::train(&NerLabeller::new(model), &NerExamples { sentences }, config, progress);
    model::write(&labels, weights, &dictionary, config.pruning)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn casings() {
        assert_eq!(casing("the"), "lower");
        assert_eq!(casing("Tampa"), "cap");
        assert_eq!(casing("NATO"), "upper");
        assert_eq!(casing("iPhone"), "mixed");
        assert_eq!(casing("McDonald"), "mixed");
    }

    #[test]
    fn dictionary_joins_casing_and_lists() {
        let phrases = vec![
            Phrase { words: vec!["Sergey".into()], list: PhraseList::Given },
            Phrase { words: vec!["Gaza".into(), "Strip".into()], list: PhraseList::Place },
        ];
        let dictionary = dictionary(&mut [("sergey", "Sergey"), ("the", "the")].into_iter(), &phrases);
        let class_of = |word: &str| {
            let mut buffer = String::new();
            let key = word_key(lower_hash(word, &mut buffer));
            dictionary.iter().find(|w| w.key == key).map(|w| w.class.clone())
        };
        assert_eq!(class_of("SERGEY").as_deref(), Some("cap|given"));
        assert_eq!(class_of("the").as_deref(), Some("lower"));
        let mut buffer = String::new();
        let key = phrase_key(&[lower_hash("gaza", &mut buffer), lower_hash("strip", &mut buffer)]);
        assert_eq!(dictionary.iter().find(|w| w.key == key).map(|w| w.class.as_str()), Some("phrase|place"));
    }
}
