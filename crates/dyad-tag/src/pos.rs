//! The part-of-speech tagger: features, training and decoding.
//!
//! Features of a word: the word, its affixes and shape, the two words on
//! each side, the two previous predicted tags, and ambiguity classes (the
//! tags the training data gave a word) of the word and its neighbours.
//! Frequent words that took one tag in (nearly) every occurrence get it
//! without scoring.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::conllu::Sentence;
use crate::features::{f1, f2, hash_str, word_key_of, Scratch};
use crate::model::{self, DictEntry, DictWord, Model};
use crate::perceptron::{self, Examples, Labeller, TrainConfig};

/// Words seen at least this often whose most frequent tag covers at least
/// [`SURE_SHARE`] of their occurrences are tagged from the dictionary.
const SURE_COUNT: u32 = 20;
const SURE_SHARE: f64 = 0.995;

/// Where the tagger finds a word's dictionary entry.
pub(crate) trait Dictionary {
    fn entry(&self, key: u64) -> Option<DictEntry>;
    /// Readies the entries of `keys` (a hint; lookups work without it).
    fn touch(&self, _keys: &[u64]) {}
}

impl Dictionary for Model<'_> {
    fn entry(&self, key: u64) -> Option<DictEntry> {
        Model::entry(self, key)
    }
    fn touch(&self, keys: &[u64]) {
        self.touch_dictionary(keys)
    }
}

impl Dictionary for HashMap<u64, DictEntry> {
    fn entry(&self, key: u64) -> Option<DictEntry> {
        self.get(&key).copied()
    }
}

/// The tagger's features over a dictionary.
#[derive(Clone)]
pub(crate) struct PosLabeller<D> {
    pub dictionary: D,
    n_labels: usize,
    /// Feature value of each label as a previous tag.
    label_hashes: Vec<u64>,
    start: [u64; 2],
}

/// A sentence prepared for tagging.
#[derive(Default)]
pub(crate) struct PosState {
    pub scratch: Scratch,
    sure: Vec<Option<u16>>,
}

impl<D: Dictionary> PosLabeller<D> {
    pub(crate) fn new(dictionary: D, n_labels: usize) -> PosLabeller<D> {
        PosLabeller {
            dictionary,
            n_labels,
            label_hashes: (0..n_labels as u64).map(|l| f1(250, l)).collect(),
            start: [hash_str("-START-"), hash_str("-START2-")],
        }
    }

    pub(crate) fn prepare(&self, words: &[&str], state: &mut PosState) {
        state.sure.clear();
        let sure = &mut state.sure;
        state.scratch.fill_views(words);
        self.dictionary.touch(state.scratch.keys());
        state.scratch.assign_classes(&mut |key| {
            let entry = self.dictionary.entry(key);
            sure.push(entry.and_then(|e| e.sure));
            entry.map(|e| e.class)
        });
    }
}

impl<D: Dictionary> Labeller for PosLabeller<D> {
    type State = PosState;

    fn n_labels(&self) -> usize {
        self.n_labels
    }

    fn fixed(&self, state: &PosState, idx: usize) -> Option<u16> {
        state.sure[idx]
    }

    fn features(&self, state: &PosState, idx: usize, history: &[u16], out: &mut Vec<u64>) {
        let v = &state.scratch;
        let i = idx as isize;
        let w = v.at(i);
        let (p1, p2, n1, n2) = (v.at(i - 1), v.at(i - 2), v.at(i + 1), v.at(i + 2));
        let start = out.len();
        out.extend_from_slice(&[
            f1(0, 0),
            f1(1, w.lower),
            f1(2, w.suffix[0]),
            f1(3, w.suffix[1]),
            f1(4, w.suffix[2]),
            f1(5, w.suffix[3]),
            f1(6, w.prefix[0]),
            f1(7, w.prefix[1]),
            f1(8, w.prefix[2]),
            f1(9, w.shape),
            f1(10, p1.lower),
            f1(11, p2.lower),
            f1(12, n1.lower),
            f1(13, n2.lower),
            f1(14, p1.suffix[2]),
            f1(15, n1.suffix[2]),
            0, // 16-19: the history's, below
            0,
            0,
            0,
            f2(20, p1.lower, w.lower),
            f2(21, w.lower, n1.lower),
            f1(22, p1.shape),
            f1(23, n1.shape),
            f2(24, u64::from(idx == 0), w.shape),
            f1(25, w.form),
            0, // 26
            f2(27, w.suffix[2], n1.lower),
            f1(28, w.class),
            f1(29, n1.class),
            f2(30, w.class, n1.class),
            f1(31, n2.class),
            0, // 32
            f2(33, p1.class, w.class),
        ]);
        self.refresh_history(state, idx, history, &mut out[start..]);
    }

    fn refresh_history(&self, state: &PosState, idx: usize, history: &[u16], features: &mut [u64]) {
        let w = state.scratch.at(idx as isize);
        let (t1, t2) = crate::perceptron::previous_labels(&self.label_hashes, self.start, idx, history);
        for (template, feature) in [(16usize, f1(16, t1)), (17, f1(17, t2)), (18, f2(18, t1, t2)), (19, f2(19, t1, w.lower)), (26, f2(26, t1, w.suffix[2])), (32, f2(32, t1, w.class))] {
            if let Some(slot) = features.get_mut(template) {
                *slot = feature;
            }
        }
    }

    fn allowed(&self, _previous: Option<u16>, _label: u16) -> bool {
        true
    }

    fn constrained(&self) -> bool {
        false
    }
}

/// The labels (`UPOS/XPOS`) of the training data, sorted.
pub fn labels(sentences: &[Sentence]) -> Vec<String> {
    let mut labels: Vec<String> = sentences.iter().flat_map(|s| s.words.iter().map(|w| format!("{}/{}", w.upos, w.xpos))).collect();
    labels.sort();
    labels.dedup();
    labels
}

struct PosExamples<'a> {
    sentences: &'a [Sentence],
    gold: Vec<Vec<u16>>,
}

impl Examples<PosLabeller<HashMap<u64, DictEntry>>> for PosExamples<'_> {
    fn n_sentences(&self) -> usize {
        self.sentences.len()
    }
    fn prepare<'a>(&'a self, labeller: &PosLabeller<HashMap<u64, DictEntry>>, s: usize, state: &mut PosState) -> &'a [u16] {
        let words: Vec<&str> = self.sentences[s].words.iter().map(|w| w.form.as_str()).collect();
        labeller.prepare(&words, state);
        &self.gold[s]
    }
}

/// The dictionary: each word's ambiguity class (its UPOS tags in training)
/// and, for frequent unambiguous words, its one label. Only words seen often
/// enough: rare words get the unknown class in training as they will at run
/// time, so the model does not learn to trust a class unseen words never have.
fn dictionary(sentences: &[Sentence], gold: &[Vec<u16>], min_count: u32) -> Vec<DictWord> {
    #[derive(Default)]
    struct Seen<'s> {
        count: u32,
        upos: BTreeSet<&'s str>,
        labels: BTreeMap<u16, u32>,
    }
    let mut seen: BTreeMap<u64, Seen> = BTreeMap::new();
    for (sentence, gold) in sentences.iter().zip(gold) {
        for (word, &label) in sentence.words.iter().zip(gold) {
            let entry = seen.entry(word_key_of(&word.form)).or_default();
            entry.count += 1;
            entry.upos.insert(word.upos.as_str());
            *entry.labels.entry(label).or_default() += 1;
        }
    }
    seen.into_iter()
        .filter(|(_, s)| s.count >= min_count)
        .map(|(key, s)| {
            let (&top, &top_count) = s.labels.iter().max_by_key(|(label, n)| (**n, std::cmp::Reverse(**label))).expect("seen once");
            let sure = (s.count >= SURE_COUNT && f64::from(top_count) >= SURE_SHARE * f64::from(s.count)).then_some(top);
            DictWord { key, class: s.upos.into_iter().collect::<Vec<_>>().join("|"), sure }
        })
        .collect()
}

/// Trains a tagger and returns the model file bytes; `progress` is called
/// after each pass with its number and training accuracy.
pub fn train(sentences: &[Sentence], config: &TrainConfig, progress: &mut dyn FnMut(usize, f64)) -> Vec<u8> {
    let labels = labels(sentences);
    let label_index: HashMap<&str, u16> = labels.iter().enumerate().map(|(i, l)| (l.as_str(), i as u16)).collect();
    let gold: Vec<Vec<u16>> = sentences
        .iter()
        .map(|s| s.words.iter().map(|w| label_index[format!("{}/{}", w.upos, w.xpos).as_str()]).collect())
        .collect();
    let dictionary = dictionary(sentences, &gold, config.min_dictionary_count);
    let table: HashMap<u64, DictEntry> =
        dictionary.iter().map(|w| (w.key, DictEntry { class: hash_str(&w.class), index: 0, sure: w.sure })).collect();
    let labeller = PosLabeller::new(table, labels.len());
    let weights = perceptron::train(&labeller, &PosExamples { sentences, gold }, config, progress);
    let bytes = model::write(&labels, weights, &dictionary, config.pruning);
    debug_assert!(Model::read(&bytes).is_ok());
    bytes
}
