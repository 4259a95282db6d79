//! Named-entity recognition: people, organisations and places, plus
//! nationality and group words.
//!
//! The [`Recognizer`] labels words with BIO labels over `PER`, `ORG` and
//! `LOC` (places and countries) with the averaged perceptron shared with the
//! tagger. Its features are the word and its neighbours, affixes, shape,
//! the tagger's UPOS tags, the previous labels, and a dictionary class baked
//! into the model at training time: the word's usual casing in edited text
//! (from the truecasing lexicon, which lets lower-case web text and
//! truecased capitals look like edited text) and the gazetteer lists it is
//! on (given names, places, organisations, nationalities). Gazetteer
//! phrases of up to four words ("Gaza Strip", "United Nations Security
//! Council") are matched too and give each word its place in the phrase.
//!
//! Nationality and group words ("Russian", "Ukrainians") that the model
//! leaves outside every entity become `NORP` mentions from the gazetteer.

pub mod data;
pub mod titles;
mod train;

pub use train::{train, NerSentence, Phrase, PhraseList};

use std::collections::HashMap;

use crate::features::{f1, f2, f3, hash_str, Scratch};
use crate::model::{Model, ModelError};
use crate::perceptron::{Decoder, Labeller};
use crate::TagBuffers;

/// The entity model shipped in the binary.
const EMBEDDED_NER_MODEL: &[u8] = include_bytes!("../../../../data/ner.model");

/// The labels of the model, in index order.
pub const LABELS: [&str; 7] = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"];

pub use dyad_core::EntityKind;

/// The entity kind of a label index.
fn kind_of_label(label: u16) -> Option<EntityKind> {
    match label {
        1 | 2 => Some(EntityKind::Person),
        3 | 4 => Some(EntityKind::Organization),
        5 | 6 => Some(EntityKind::Location),
        _ => None,
    }
}

/// One mention found in a sentence: words `start..end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    /// First word.
    pub start: usize,
    /// One past the last word.
    pub end: usize,
    /// Its kind.
    pub kind: EntityKind,
    /// The rule or model that found it: [`MODEL_RULE`] or [`GAZETTEER_RULE`].
    pub rule: &'static str,
}

/// Rule id of mentions labelled by the model.
pub const MODEL_RULE: &str = "ner.perceptron";
/// Rule id of a person cut out of a longer mention after a title.
pub const AFTER_TITLE_RULE: &str = "ner.after-title";
/// Rule id of names repeated where the model missed them ([`propagate`]).
pub const REPEAT_RULE: &str = "ner.repeat";
/// Rule id of nationality and group words from the gazetteer.
pub const GAZETTEER_RULE: &str = "ner.gazetteer.group";
/// Rule id of a place or body named "X of Y" joined into one mention.
pub const OF_PHRASE_RULE: &str = "ner.of-phrase";
/// Rule id of a body named after two parties ("NATO-Russia Council").
pub const HYPHEN_BODY_RULE: &str = "ner.hyphen-body";

/// Head words of names built as "X of Y": "Gulf of Finland" is a place,
/// "Bank of England" a body, whatever the model said of the parts.
const OF_HEADS: &[(&str, EntityKind)] = &[
    ("gulf", EntityKind::Location),
    ("bay", EntityKind::Location),
    ("sea", EntityKind::Location),
    ("strait", EntityKind::Location),
    ("straits", EntityKind::Location),
    ("isle", EntityKind::Location),
    ("island", EntityKind::Location),
    ("islands", EntityKind::Location),
    ("cape", EntityKind::Location),
    ("lake", EntityKind::Location),
    ("republic", EntityKind::Location),
    ("kingdom", EntityKind::Location),
    ("province", EntityKind::Location),
    ("district", EntityKind::Location),
    ("university", EntityKind::Organization),
    ("bank", EntityKind::Organization),
    ("ministry", EntityKind::Organization),
    ("department", EntityKind::Organization),
    ("council", EntityKind::Organization),
    ("court", EntityKind::Organization),
    ("institute", EntityKind::Organization),
    ("college", EntityKind::Organization),
    ("academy", EntityKind::Organization),
    ("commission", EntityKind::Organization),
    ("association", EntityKind::Organization),
    ("federation", EntityKind::Organization),
    ("league", EntityKind::Organization),
    ("organization", EntityKind::Organization),
    ("organisation", EntityKind::Organization),
    ("chamber", EntityKind::Organization),
    ("parliament", EntityKind::Organization),
    ("church", EntityKind::Organization),
    ("embassy", EntityKind::Organization),
];

/// Longest gazetteer phrase, in words.
pub(crate) const MAX_PHRASE: usize = 4;

/// Key of a gazetteer phrase of lowercase-form hashes.
pub(crate) fn phrase_key(lower_hashes: &[u64]) -> u64 {
    lower_hashes.iter().fold(f1(201, lower_hashes.len() as u64), |acc, &h| f2(202, acc, h))
}

/// The recogniser's features over a model's dictionary.
#[derive(Clone)]
pub(crate) struct NerLabeller<'m> {
    pub model: Model<'m>,
    label_hashes: [u64; 7],
    start: [u64; 2],
    /// Per class index: whether it marks a nationality or group word.
    group_class: Vec<bool>,
    /// Per class index: hash of its gazetteer lists alone (without the casing).
    lists_of_class: Vec<u64>,
    no_lists: u64,
}

/// A sentence prepared for recognition.
#[derive(Default)]
pub(crate) struct NerState {
    scratch: Scratch,
    upos: Vec<u64>,
    /// Per word: a function word outside every name ([`never_in_name`]).
    outside: Vec<bool>,
    /// Per word: hash of the gazetteer lists it is on.
    lists: Vec<u64>,
    /// Per word: a nationality or group word of the gazetteer.
    group: Vec<bool>,
    /// Per word: the first word of some gazetteer phrase.
    starts_phrase: Vec<bool>,
    /// Per word: gazetteer phrase position feature (B-/I- and class).
    phrase: Vec<u64>,
    /// Hash of the sentence's casing style.
    style: u64,
}

impl<'m> NerLabeller<'m> {
    pub(crate) fn new(model: Model<'m>) -> NerLabeller<'m> {
        let group_class = model.classes().iter().map(|c| c.split('|').any(|part| part == PhraseList::Group.name())).collect();
        let lists_of_class =
            model.classes().iter().map(|c| hash_str(c.split_once('|').map_or("", |(_, lists)| lists))).collect();
        NerLabeller {
            model,
            label_hashes: std::array::from_fn(|l| f1(250, l as u64)),
            start: [hash_str("-START-"), hash_str("-START2-")],
            group_class,
            lists_of_class,
            no_lists: hash_str(""),
        }
    }

    /// Prepares a sentence; `views`, when given, holds the hashed views of
    /// the same words (the tagger's), which are then not hashed again.
    pub(crate) fn prepare(&self, words: &[&str], upos: &[&str], views: Option<&Scratch>, state: &mut NerState) {
        state.lists.clear();
        state.group.clear();
        state.starts_phrase.clear();
        let NerState { lists, group, starts_phrase, .. } = state;
        match views {
            Some(views) if views.keys().len() == words.len() => state.scratch.copy_views(views),
            _ => state.scratch.fill_views(words),
        }
        self.model.touch_dictionary(state.scratch.keys());
        state.scratch.assign_classes(&mut |key| {
            let entry = self.model.entry(key);
            let index = entry.map(|e| e.index as usize);
            lists.push(index.and_then(|i| self.lists_of_class.get(i).copied()).unwrap_or(self.no_lists));
            group.push(index.is_some_and(|i| self.group_class.get(i).copied().unwrap_or(false)));
            starts_phrase.push(entry.is_some_and(|e| e.sure == Some(1)));
            entry.map(|e| e.class)
        });
        state.upos.clear();
        state.upos.extend((0..words.len()).map(|i| hash_str(upos.get(i).copied().unwrap_or("X"))));
        // Gazetteer phrases: longest match from each word, left to right.
        let no_phrase = hash_str("-");
        state.phrase.clear();
        state.phrase.resize(words.len(), no_phrase);
        let mut idx = 0;
        let mut lowers = [0u64; MAX_PHRASE];
        while idx < words.len() {
            if !state.starts_phrase[idx] {
                idx += 1;
                continue;
            }
            // The words' lower-case hashes once, then each length's key.
            let most = MAX_PHRASE.min(words.len() - idx);
            for (k, slot) in lowers.iter_mut().take(most).enumerate() {
                *slot = state.scratch.at((idx + k) as isize).lower;
            }
            let longest = (2..=most).rev().find_map(|len| Some((len, self.model.entry(phrase_key(&lowers[..len]))?.class)));
            match longest {
                Some((len, class)) => {
                    state.phrase[idx] = f1(203, class);
                    for slot in &mut state.phrase[idx + 1..idx + len] {
                        *slot = f1(204, class);
                    }
                    idx += len;
                }
                None => idx += 1,
            }
        }
        state.style = hash_str(casing_style(words));
        state.outside.clear();
        state.outside.extend(words.iter().enumerate().map(|(i, w)| {
            // The cheap comparisons before the scans of the word's characters.
            (state.lists[i] == self.no_lists && state.phrase[i] == no_phrase && is_plain_lower(w))
                || never_in_name(w, upos.get(i).copied().unwrap_or("X"))
        }));
    }

    fn is_group_word(&self, state: &NerState, idx: usize) -> bool {
        state.group[idx]
    }
}

/// Words that join the capitalised words of a name ("University of
/// Texas", "Bosnia and Herzegovina", "al - Qaeda").
pub(crate) const NAME_JOINERS: &[&str] = &["of", "and", "&", "the", "de", "al", "-", "for", "on", "del", "la", "von", "van", "bin"];

/// Lower-case function words and punctuation that are never part of a
/// name: when recognising, they are labelled `O` without scoring, which
/// skips about half the words of a sentence. (Training still scores them,
/// so the model and its history features are unchanged.)
fn never_in_name(word: &str, upos: &str) -> bool {
    let lower_case = !word.starts_with(char::is_uppercase);
    match upos {
        "AUX" | "SCONJ" | "PART" | "PRON" => lower_case,
        // A possessive or an abbreviation's period may sit inside a name too.
        "PUNCT" | "SYM" | "DET" | "ADP" | "CCONJ" => lower_case && !NAME_JOINERS.contains(&word) && !matches!(word, "'s" | "."),
        _ => false,
    }
}

/// A lower-case word with letters, no capital and not a name joiner:
/// outside names unless a gazetteer lists it ("chicago" in a review).
fn is_plain_lower(word: &str) -> bool {
    word.chars().any(char::is_lowercase) && !word.chars().any(char::is_uppercase) && !NAME_JOINERS.contains(&word)
}

/// The casing of a sentence: `lower` (no capital letter at all), `upper`
/// (no lowercase letter) or `mixed`.
fn casing_style(words: &[&str]) -> &'static str {
    let has_upper = words.iter().any(|w| w.chars().any(char::is_uppercase));
    let has_lower = words.iter().any(|w| w.chars().any(char::is_lowercase));
    match (has_upper, has_lower) {
        (false, _) => "lower",
        (true, false) => "upper",
        (true, true) => "mixed",
    }
}

impl Labeller for NerLabeller<'_> {
    type State = NerState;

    fn n_labels(&self) -> usize {
        LABELS.len()
    }

    fn fixed(&self, state: &NerState, idx: usize) -> Option<u16> {
        state.outside[idx].then_some(0)
    }

    /// Training scores every word: [`never_in_name`] is a shortcut for
    /// recognising only, so the model and its history features stay those
    /// of a full pass.
    fn fixed_in_training(&self) -> bool {
        false
    }

    fn features(&self, state: &NerState, idx: usize, history: &[u16], out: &mut Vec<u64>) {
        let v = &state.scratch;
        let i = idx as isize;
        let w = v.at(i);
        let (p1, p2, n1, n2) = (v.at(i - 1), v.at(i - 2), v.at(i + 1), v.at(i + 2));
        let pos = |j: isize| if j < 0 || j as usize >= state.upos.len() { self.start[0] } else { state.upos[j as usize] };
        let lists = |j: isize| if j < 0 || j as usize >= state.lists.len() { self.start[0] } else { state.lists[j as usize] };
        let phrase = |j: isize| if j < 0 || j as usize >= state.phrase.len() { self.start[0] } else { state.phrase[j as usize] };
        let start = out.len();
        out.extend_from_slice(&[
            f1(0, 0),
            f1(1, w.lower),
            f1(2, w.form),
            f1(3, w.shape),
            f1(4, w.suffix[2]),
            f1(5, w.suffix[3]),
            f1(6, w.prefix[2]),
            f1(7, p1.lower),
            f1(8, n1.lower),
            f1(9, p2.lower),
            f1(10, n2.lower),
            f1(11, w.class),
            f1(12, p1.class),
            f1(13, n1.class),
            f1(14, pos(i)),
            f2(15, pos(i - 1), pos(i)),
            f2(16, pos(i), pos(i + 1)),
            f3(17, p1.shape, w.shape, n1.shape),
            0, // 18-22: the history's, below
            0,
            0,
            0,
            0,
            f1(23, phrase(i)),
            f1(24, phrase(i - 1)),
            f1(25, phrase(i + 1)),
            f2(26, state.style, w.shape),
            f2(27, state.style, w.class),
            f2(28, p1.lower, w.lower),
            f2(29, w.lower, n1.lower),
            0, // 30
            f2(31, pos(i), w.class),
            f2(32, p1.lower, w.shape),
            f2(33, n1.lower, w.shape),
            f2(34, p1.lower, w.class),
            f2(35, n1.lower, w.class),
            f2(36, w.suffix[1], w.shape),
            f1(37, lists(i)),
            f1(38, lists(i - 1)),
            f1(39, lists(i + 1)),
            f2(40, lists(i), pos(i)),
        ]);
        self.refresh_history(state, idx, history, &mut out[start..]);
    }

    fn refresh_history(&self, state: &NerState, idx: usize, history: &[u16], features: &mut [u64]) {
        let w = state.scratch.at(idx as isize);
        let pos = state.upos.get(idx).copied().unwrap_or(self.start[0]);
        let (t1, t2) = crate::perceptron::previous_labels(&self.label_hashes, self.start, idx, history);
        let history_features =
            [(18usize, f1(18, t1)), (19, f2(19, t1, t2)), (20, f2(20, t1, w.lower)), (21, f2(21, t1, pos)), (22, f2(22, t1, w.shape)), (30, f2(30, t1, w.class))];
        for (template, feature) in history_features {
            if let Some(slot) = features.get_mut(template) {
                *slot = feature;
            }
        }
    }

    fn allowed(&self, previous: Option<u16>, label: u16) -> bool {
        // I-X only continues B-X or I-X.
        label == 0 || label % 2 == 1 || previous.is_some_and(|p| p != 0 && p.div_ceil(2) == label.div_ceil(2))
    }
}

/// Buffers a thread reuses from sentence to sentence.
#[derive(Default)]
pub struct NerBuffers {
    state: NerState,
    decoder: Decoder,
    labels: Vec<u16>,
}

/// The named-entity recogniser. Immutable and `Send + Sync`; share it.
#[derive(Clone)]
pub struct Recognizer {
    labeller: NerLabeller<'static>,
}

impl std::fmt::Debug for Recognizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Recognizer").field("model", &self.labeller.model).finish()
    }
}

impl Recognizer {
    /// The recogniser shipped in the binary.
    ///
    /// # Panics
    ///
    /// If the embedded model file is corrupt, which the test suite rules out.
    pub fn embedded() -> Recognizer {
        Recognizer::from_static(EMBEDDED_NER_MODEL).expect("embedded NER model is valid")
    }

    /// A recogniser reading a model in place.
    pub fn from_static(bytes: &'static [u8]) -> Result<Recognizer, ModelError> {
        let model = Model::read(bytes)?;
        if model.labels() != LABELS {
            return Err(ModelError::new("not an entity model (labels differ)"));
        }
        Ok(Recognizer { labeller: NerLabeller::new(model) })
    }

    /// The model.
    pub fn model(&self) -> &Model<'static> {
        &self.labeller.model
    }

    /// Finds the mentions of a sentence given its words and their UPOS tags.
    pub fn recognize(&self, words: &[&str], upos: &[&str]) -> Vec<Mention> {
        let mut out = Vec::new();
        self.recognize_into(words, upos, &mut NerBuffers::default(), &mut out);
        out
    }

    /// Appends the mentions of a sentence to `out`, reusing `buffers`.
    pub fn recognize_into(&self, words: &[&str], upos: &[&str], buffers: &mut NerBuffers, out: &mut Vec<Mention>) {
        self.recognize_with(words, upos, None, buffers, out);
    }

    /// [`Recognizer::recognize_into`] for a sentence that `tagged` holds the
    /// tagging of ([`crate::Tagger::tag_into`] on the same words): the
    /// words' hashed views are taken from it rather than computed again.
    pub fn recognize_tagged(&self, words: &[&str], upos: &[&str], tagged: &TagBuffers, buffers: &mut NerBuffers, out: &mut Vec<Mention>) {
        self.recognize_with(words, upos, Some(tagged.views()), buffers, out);
    }

    /// The model's mentions (over `views` when given, see
    /// [`NerLabeller::prepare`]), then the rules that join names.
    fn recognize_with(&self, words: &[&str], upos: &[&str], views: Option<&Scratch>, buffers: &mut NerBuffers, out: &mut Vec<Mention>) {
        let first = out.len();
        self.label_mentions(words, upos, views, buffers, out);
        join_of_phrases(words, out, first);
        join_hyphen_bodies(words, out, first);
    }

    /// The mentions of the model's labels alone, before the rules that join
    /// names ("X of Y", "A-B Council"): what self-training compares with
    /// the treebanks' proper nouns.
    pub fn model_mentions(&self, words: &[&str], upos: &[&str]) -> Vec<Mention> {
        let mut out = Vec::new();
        self.label_mentions(words, upos, None, &mut NerBuffers::default(), &mut out);
        out
    }

    fn label_mentions(&self, words: &[&str], upos: &[&str], views: Option<&Scratch>, buffers: &mut NerBuffers, out: &mut Vec<Mention>) {
        let NerBuffers { state, decoder, labels } = buffers;
        self.labeller.prepare(words, upos, views, state);
        decoder.decode(&self.labeller, &self.labeller.model, state, words.len(), labels);
        join_hyphenated(words, labels);
        drop_possessives(words, labels);
        let mut idx = 0;
        while idx < labels.len() {
            match kind_of_label(labels[idx]) {
                Some(kind) => {
                    let start = idx;
                    idx += 1;
                    while idx < labels.len() && labels[idx] == labels[start] + u16::from(labels[start] % 2 == 1) {
                        idx += 1;
                    }
                    if idx == start + 1 && self.labeller.is_group_word(state, start) && upos.get(start) != Some(&"PROPN") {
                        // "American" labelled a place: a nationality word.
                        out.push(Mention { start, end: idx, kind: EntityKind::Group, rule: GAZETTEER_RULE });
                    } else {
                        // Titles stay outside names, as in Universal NER.
                        match titles::cut_titles(words, start, idx, kind == EntityKind::Person) {
                            (name_start, true) => {
                                out.push(Mention { start: name_start, end: idx, kind: EntityKind::Person, rule: AFTER_TITLE_RULE })
                            }
                            (name_start, false) => out.push(Mention { start: name_start, end: idx, kind, rule: MODEL_RULE }),
                        }
                    }
                }
                None => {
                    if self.labeller.is_group_word(state, idx) && words[idx].chars().next().is_some_and(char::is_uppercase) {
                        out.push(Mention { start: idx, end: idx + 1, kind: EntityKind::Group, rule: GAZETTEER_RULE });
                    }
                    idx += 1;
                }
            }
        }
    }
}

/// Document-level consistency: the words of a name the model found in one
/// sentence (a person's surname too) are a mention of the same kind where
/// they occur unlabelled elsewhere in the document, written with the same
/// capitals. `mentions[i]` are the mentions of `sentences[i]`; added
/// mentions carry [`REPEAT_RULE`] and each list stays sorted.
pub fn propagate<'w>(sentences: &[Vec<&'w str>], mentions: &mut [Vec<Mention>]) {
    // Names with the kinds they were given, in the order first found; an
    // index from the words to their place.
    let mut names: Vec<(Vec<&'w str>, Vec<EntityKind>)> = Vec::new();
    let mut known: HashMap<Vec<&'w str>, usize> = HashMap::new();
    let mut add = |words: Vec<&'w str>, kind: EntityKind| match known.get(&words) {
        Some(&i) => names[i].1.push(kind),
        None => {
            known.insert(words.clone(), names.len());
            names.push((words, vec![kind]));
        }
    };
    for (words, found) in sentences.iter().zip(mentions.iter()) {
        for m in found.iter().filter(|m| matches!(m.rule, MODEL_RULE | AFTER_TITLE_RULE) && m.kind != EntityKind::Group) {
            let name = &words[m.start..m.end];
            if name.is_empty() || !name.iter().all(|w| w.starts_with(char::is_uppercase)) {
                continue;
            }
            add(name.to_vec(), m.kind);
            if m.kind == EntityKind::Person && name.len() > 1 {
                add(name[name.len() - 1..].to_vec(), m.kind);
            }
        }
    }
    // Longest first; a word is tried against the names it starts only.
    names.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
    let mut by_first: HashMap<&'w str, Vec<usize>> = HashMap::new();
    for (i, (name, _)) in names.iter().enumerate() {
        by_first.entry(name[0]).or_default().push(i);
    }
    for (words, found) in sentences.iter().zip(mentions.iter_mut()) {
        let mut added = Vec::new();
        let mut idx = 0;
        while idx < words.len() {
            // Every name starts with a capital: other words need no lookup.
            if !words[idx].starts_with(char::is_uppercase) {
                idx += 1;
                continue;
            }
            let covered = |start: usize, end: usize| found.iter().chain(&added).any(|m: &Mention| m.start < end && start < m.end);
            let starting = by_first.get(words[idx]).map_or(&[][..], Vec::as_slice);
            let hit = starting.iter().map(|&i| &names[i]).find(|(name, _)| {
                let end = idx + name.len();
                end <= words.len() && words[idx..end] == name[..] && !covered(idx, end)
            });
            match hit {
                Some((name, kinds)) => {
                    // The most frequent kind; on a tie, the first given.
                    let count = |k: &EntityKind| kinds.iter().filter(|o| *o == k).count();
                    let kind = kinds.iter().fold(kinds[0], |best, k| if count(k) > count(&best) { *k } else { best });
                    added.push(Mention { start: idx, end: idx + name.len(), kind, rule: REPEAT_RULE });
                    idx += name.len();
                }
                None => idx += 1,
            }
        }
        if !added.is_empty() {
            found.extend(added);
            found.sort_by_key(|m| m.start);
        }
    }
}

/// Joins names split at a hyphen ("al - Qaeda", "Nagorno - Karabakh"):
/// a hyphen between two words of the same entity type becomes part of one
/// mention.
fn join_hyphenated(words: &[&str], labels: &mut [u16]) {
    for idx in 1..labels.len().saturating_sub(1) {
        let (before, after) = (labels[idx - 1], labels[idx + 1]);
        let same_kind = kind_of_label(before).is_some() && kind_of_label(before) == kind_of_label(after);
        if labels[idx] == 0 && words[idx] == "-" && same_kind {
            let inside = before.div_ceil(2) * 2; // I- label of the kind
            labels[idx] = inside;
            labels[idx + 1] = inside;
        }
    }
}

/// Joins "X of Y" names that the model labelled in parts or half:
/// `[Gulf] of [Finland]` and `Bank of [England]` become one mention when X
/// is a capitalised head word of [`OF_HEADS`] and Y a mention that starts
/// after "of" (or "of the"). The head decides the kind. `out[first..]`
/// are the sentence's mentions, in order.
fn join_of_phrases(words: &[&str], out: &mut Vec<Mention>, first: usize) {
    let mut idx = first;
    while idx < out.len() {
        let after = out[idx].start;
        if out[idx].kind == EntityKind::Group {
            idx += 1;
            continue;
        }
        let of = match (after.checked_sub(1).map(|i| words[i]), after.checked_sub(2).map(|i| words[i])) {
            (Some("the"), Some("of")) => after - 2,
            (Some("of"), _) => after - 1,
            _ => {
                idx += 1;
                continue;
            }
        };
        let head = of.checked_sub(1).and_then(|h| {
            let word = words[h];
            let kind = OF_HEADS.iter().find(|(w, _)| word.eq_ignore_ascii_case(w))?.1;
            word.starts_with(char::is_uppercase).then_some((h, kind))
        });
        let Some((head, kind)) = head else {
            idx += 1;
            continue;
        };
        // The head may end a mention already ("[U.S. Department] of [State]").
        let before = (idx > first && out[idx - 1].end == head + 1 && out[idx - 1].kind != EntityKind::Person).then(|| idx - 1);
        let start = before.map_or(head, |b| out[b].start);
        let joined = Mention { start, end: out[idx].end, kind, rule: OF_PHRASE_RULE };
        match before {
            Some(b) => {
                out[b] = joined;
                out.remove(idx);
            }
            None => {
                out[idx] = joined;
                idx += 1;
            }
        }
    }
}

/// Joins a body named after two parties that the model split at the
/// hyphen, `[NATO] - [Russia Council]`: two mentions around a hyphen,
/// the second ending in an organisation head word of [`OF_HEADS`].
fn join_hyphen_bodies(words: &[&str], out: &mut Vec<Mention>, first: usize) {
    let mut idx = first + 1;
    while idx < out.len() {
        let (left, right) = (out[idx - 1], out[idx]);
        let last = words[right.end - 1];
        let body = OF_HEADS.iter().any(|(w, kind)| *kind == EntityKind::Organization && last.eq_ignore_ascii_case(w));
        if right.start == left.end + 1 && words[left.end] == "-" && right.end - right.start > 1 && body {
            out[idx - 1] = Mention { start: left.start, end: right.end, kind: EntityKind::Organization, rule: HYPHEN_BODY_RULE };
            out.remove(idx);
        } else {
            idx += 1;
        }
    }
}

/// A possessive ending is not part of a name ("Enron 's" → "Enron").
fn drop_possessives(words: &[&str], labels: &mut [u16]) {
    for idx in 1..labels.len() {
        let continues = labels[idx] != 0 && labels[idx].is_multiple_of(2);
        let ends = labels.get(idx + 1).is_none_or(|&next| next == 0 || next % 2 == 1);
        if continues && ends && matches!(words[idx], "'s" | "'" | "’s" | "’") {
            labels[idx] = 0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refreshed_history_features_are_the_features_of_that_history() {
        let (tagger, recognizer) = (crate::Tagger::embedded(), Recognizer::embedded());
        let words = ["Ms.", "Kask", "met", "the", "Ruritanian", "Army", "chief", "in", "Geneva", "."];
        let upos = ["PROPN", "PROPN", "VERB", "DET", "ADJ", "PROPN", "NOUN", "ADP", "PROPN", "PUNCT"];
        let mut pos_state = crate::pos::PosState::default();
        tagger.labeller.prepare(&words, &mut pos_state);
        let mut ner_state = NerState::default();
        recognizer.labeller.prepare(&words, &upos, None, &mut ner_state);
        let (old, new): (Vec<u16>, Vec<u16>) = ((0..10).map(|i| i * 3 % 7).collect(), (0..10).map(|i| i * 5 % 7).collect());
        for idx in 0..words.len() {
            let (mut refreshed, mut expected) = (Vec::new(), Vec::new());
            tagger.labeller.features(&pos_state, idx, &old[..idx.saturating_sub(1)], &mut refreshed);
            tagger.labeller.refresh_history(&pos_state, idx, &new[..idx], &mut refreshed);
            tagger.labeller.features(&pos_state, idx, &new[..idx], &mut expected);
            assert_eq!(refreshed, expected, "tagger, word {idx}");
            let (mut refreshed, mut expected) = (Vec::new(), Vec::new());
            recognizer.labeller.features(&ner_state, idx, &old[..idx.saturating_sub(1)], &mut refreshed);
            recognizer.labeller.refresh_history(&ner_state, idx, &new[..idx], &mut refreshed);
            recognizer.labeller.features(&ner_state, idx, &new[..idx], &mut expected);
            assert_eq!(refreshed, expected, "recogniser, word {idx}");
        }
    }

    #[test]
    fn tagged_views_give_the_same_mentions() {
        let (tagger, recognizer) = (crate::Tagger::embedded(), Recognizer::embedded());
        let sentences = [
            &["Ms.", "Kask", "met", "officials", "of", "the", "Ruritanian", "Army", "in", "Geneva", "on", "Monday", "."][..],
            &["The", "United", "Nations", "said", "NATO", "-", "Ruritania", "talks", "resume", "in", "2031", "."],
            &["no", "names", "here"],
        ];
        let (mut tagged, mut buffers, mut labels) = (TagBuffers::default(), NerBuffers::default(), Vec::new());
        let mut n_found = 0;
        for words in sentences {
            tagger.tag_into(words, &mut tagged, &mut labels);
            let upos: Vec<&str> = labels.iter().map(|&l| tagger.tag_of(l).upos).collect();
            let (mut fresh, mut reused) = (Vec::new(), Vec::new());
            recognizer.recognize_into(words, &upos, &mut NerBuffers::default(), &mut fresh);
            recognizer.recognize_tagged(words, &upos, &tagged, &mut buffers, &mut reused);
            assert_eq!(fresh, reused, "{words:?}");
            n_found += fresh.len();
        }
        assert!(n_found >= 4, "{n_found} mentions");
    }

    #[test]
    fn of_phrases_join_into_one_name() {
        let words = ["the", "Gulf", "of", "Finland", "and", "the", "U.S.", "Department", "of", "State", "met", "Bank", "of", "the", "Ruritania"];
        let mut out = vec![
            Mention { start: 1, end: 2, kind: EntityKind::Location, rule: MODEL_RULE },
            Mention { start: 3, end: 4, kind: EntityKind::Location, rule: MODEL_RULE },
            Mention { start: 6, end: 8, kind: EntityKind::Organization, rule: MODEL_RULE },
            Mention { start: 9, end: 10, kind: EntityKind::Location, rule: MODEL_RULE },
            Mention { start: 14, end: 15, kind: EntityKind::Location, rule: MODEL_RULE },
        ];
        join_of_phrases(&words, &mut out, 0);
        let found: Vec<(usize, usize, EntityKind, &str)> = out.iter().map(|m| (m.start, m.end, m.kind, m.rule)).collect();
        assert_eq!(
            found,
            [
                (1, 4, EntityKind::Location, OF_PHRASE_RULE),
                (6, 10, EntityKind::Organization, OF_PHRASE_RULE),
                (11, 15, EntityKind::Organization, OF_PHRASE_RULE),
            ]
        );
        // A head word in lower case, or a person before "of", joins nothing.
        let words = ["the", "bank", "of", "Ruritania", "and", "Kask", "of", "Estonia"];
        let mut out = vec![
            Mention { start: 3, end: 4, kind: EntityKind::Location, rule: MODEL_RULE },
            Mention { start: 5, end: 6, kind: EntityKind::Person, rule: MODEL_RULE },
            Mention { start: 7, end: 8, kind: EntityKind::Location, rule: MODEL_RULE },
        ];
        let before = out.clone();
        join_of_phrases(&words, &mut out, 0);
        assert_eq!(out, before);
    }

    #[test]
    fn bodies_named_after_two_parties_are_one_name() {
        let words = ["the", "NATO", "-", "Ruritania", "Council", "and", "Ruritania", "-", "Elbonia", "talks"];
        let mut out = vec![
            Mention { start: 1, end: 2, kind: EntityKind::Organization, rule: MODEL_RULE },
            Mention { start: 3, end: 5, kind: EntityKind::Location, rule: MODEL_RULE },
            Mention { start: 6, end: 7, kind: EntityKind::Location, rule: MODEL_RULE },
            Mention { start: 8, end: 9, kind: EntityKind::Location, rule: MODEL_RULE },
        ];
        join_hyphen_bodies(&words, &mut out, 0);
        let found: Vec<(usize, usize, EntityKind, &str)> = out.iter().map(|m| (m.start, m.end, m.kind, m.rule)).collect();
        assert_eq!(
            found,
            [
                (1, 5, EntityKind::Organization, HYPHEN_BODY_RULE),
                (6, 7, EntityKind::Location, MODEL_RULE),
                (8, 9, EntityKind::Location, MODEL_RULE),
            ]
        );
    }

    #[test]
    fn names_found_once_are_found_again() {
        let sentences = vec![vec!["Kask", "met", "Ann", "Lee", "."], vec!["Later", "Lee", "and", "Kask", "left"], vec!["kask", "is", "a", "word"]];
        let mut mentions = vec![
            vec![Mention { start: 2, end: 4, kind: EntityKind::Person, rule: MODEL_RULE }],
            vec![Mention { start: 3, end: 4, kind: EntityKind::Organization, rule: MODEL_RULE }],
            vec![],
        ];
        propagate(&sentences, &mut mentions);
        let found: Vec<Vec<(usize, usize, EntityKind, &str)>> =
            mentions.iter().map(|ms| ms.iter().map(|m| (m.start, m.end, m.kind, m.rule)).collect()).collect();
        assert_eq!(found[0], [(0, 1, EntityKind::Organization, REPEAT_RULE), (2, 4, EntityKind::Person, MODEL_RULE)]);
        assert_eq!(found[1], [(1, 2, EntityKind::Person, REPEAT_RULE), (3, 4, EntityKind::Organization, MODEL_RULE)]);
        assert!(found[2].is_empty(), "lower case is another word");
    }

    #[test]
    fn possessives_are_dropped() {
        let mut labels = [3, 4, 0];
        drop_possessives(&["Enron", "'s", "gas"], &mut labels);
        assert_eq!(labels, [3, 0, 0]);
    }

    #[test]
    fn hyphenated_names_join() {
        let mut labels = [0, 3, 0, 3, 0];
        join_hyphenated(&["the", "al", "-", "Qaeda", "plot"], &mut labels);
        assert_eq!(labels, [0, 3, 4, 4, 0]);
        let mut labels = [5, 0, 1];
        join_hyphenated(&["Kyiv", "-", "Ann"], &mut labels);
        assert_eq!(labels, [5, 0, 1]);
    }

    #[test]
    fn bio_constraints() {
        let labeller = NerLabeller::new(Model::read(EMBEDDED_NER_MODEL).unwrap());
        assert!(labeller.allowed(None, 1));
        assert!(!labeller.allowed(None, 2));
        assert!(labeller.allowed(Some(1), 2));
        assert!(labeller.allowed(Some(2), 2));
        assert!(!labeller.allowed(Some(3), 2));
        assert!(!labeller.allowed(Some(0), 6));
        assert!(labeller.allowed(Some(5), 6));
        assert!(labeller.allowed(Some(6), 0));
    }

    #[test]
    fn casing_styles() {
        assert_eq!(casing_style(&["where", "is", "tampa"]), "lower");
        assert_eq!(casing_style(&["TALKS", "END"]), "upper");
        assert_eq!(casing_style(&["Talks", "end"]), "mixed");
    }
}
