//! Trained linguistic models: today the part-of-speech tagger.
//!
//! The [`Tagger`] is a greedy left-to-right averaged perceptron over rich
//! lexical, shape and context features (the word, its affixes and shape, the
//! two words on each side, the two previous predicted tags). It predicts a
//! combined Universal/Penn tag (`NOUN/NN`, `AUX/VBZ`, …), so both tag sets
//! come from one decision and always agree.
//!
//! * [`conllu`] reads the UD treebanks used for training and evaluation.
//! * [`train`] learns a model and writes it in the [`model`] file format: a
//!   compact, zero-copy hash table of features and quantised weights that the
//!   binary embeds and reads in place.
//! * [`lemma`] gives lemmas from the Penn tag: suffix rules plus exceptions
//!   learnt from the same treebanks.
//!
//! Words are given in their analysis form (the normalised, truecased view of
//! `dyad-ingest`), so text in capitals is tagged like edited text.
#![deny(missing_docs)]

pub mod conllu;
mod features;
pub mod lemma;
pub mod model;
pub mod train;

pub use lemma::Lemmatizer;
pub use model::{Model, ModelError};

/// The tagger model shipped in the binary.
const EMBEDDED_POS_MODEL: &[u8] = include_bytes!("../../../data/pos.model");

/// A part-of-speech tagger. Immutable and `Send + Sync`; share it.
#[derive(Clone, Debug)]
pub struct Tagger {
    model: Model<'static>,
}

/// The tags of one word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tag<'m> {
    /// Universal POS (`NOUN`, `VERB`, `PROPN`, …).
    pub upos: &'m str,
    /// Penn Treebank tag (`NN`, `VBD`, `NNP`, …).
    pub xpos: &'m str,
}

impl Tagger {
    /// The tagger shipped in the binary.
    ///
    /// # Panics
    ///
    /// If the embedded model file is corrupt, which the test suite rules out.
    pub fn embedded() -> Tagger {
        Tagger::from_static(EMBEDDED_POS_MODEL).expect("embedded POS model is valid")
    }

    /// A tagger reading a model in place.
    pub fn from_static(bytes: &'static [u8]) -> Result<Tagger, ModelError> {
        Ok(Tagger { model: Model::read(bytes)? })
    }

    /// The model.
    pub fn model(&self) -> &Model<'static> {
        &self.model
    }

    /// Tags a sentence given as words; returns one label index per word
    /// (see [`Tagger::tag_of`]).
    pub fn tag(&self, words: &[&str]) -> Vec<u16> {
        tag_with(&self.model, words)
    }

    /// The Universal and Penn tags of a label index.
    pub fn tag_of(&self, label: u16) -> Tag<'static> {
        let (upos, xpos) = self.model.label(label).split_once('/').unwrap_or(("X", "XX"));
        Tag { upos, xpos }
    }
}

/// Greedy decoding with any model (used by training too).
pub(crate) fn tag_with(model: &Model<'_>, words: &[&str]) -> Vec<u16> {
    let n_labels = model.n_labels();
    let mut tags: Vec<u16> = Vec::with_capacity(words.len());
    let mut features = Vec::with_capacity(64);
    let mut scores = vec![0f32; n_labels];
    let mut offsets = Vec::with_capacity(64);
    let context = features::Context::new(words, &|key| model.class(key));
    for word_idx in 0..words.len() {
        features.clear();
        let previous = tags.last().map(|&t| model.label(t));
        let previous2 = (word_idx >= 2).then(|| model.label(tags[word_idx - 2]));
        context.features(word_idx, previous, previous2, &mut features);
        scores.iter_mut().for_each(|s| *s = 0.0);
        model.add_all_scores(&features, &mut offsets, &mut scores);
        tags.push(argmax(&scores));
    }
    tags
}

pub(crate) fn argmax(scores: &[f32]) -> u16 {
    let mut best = 0;
    for (idx, &score) in scores.iter().enumerate() {
        if score > scores[best] {
            best = idx;
        }
    }
    best as u16
}
