//! Trained linguistic models: the part-of-speech tagger and the named-entity
//! recogniser.
//!
//! Both are greedy left-to-right averaged perceptrons ([`perceptron`]) over
//! hashed features ([`features`]): a word's views are hashed once per
//! sentence and combined into feature keys without allocation.
//!
//! * The [`Tagger`] predicts a combined Universal/Penn tag (`NOUN/NN`,
//!   `AUX/VBZ`, …), so both tag sets come from one decision and always agree.
//! * The [`ner::Recognizer`] finds people, organisations and places (BIO
//!   labels over words, with the tagger's tags, the truecasing lexicon and
//!   our gazetteers as features), and nationality or group words from the
//!   gazetteer.
//! * [`chunk`] groups tagged words into noun phrases and verb groups
//!   (voice, negation, modality) by rules over the tags.
//! * [`conllu`] and [`ner::data`] read the treebanks and entity corpora used
//!   for training and evaluation.
//! * Models are written in the [`model`] file format: a compact, zero-copy
//!   hash table of features and quantised weights that the binary embeds and
//!   reads in place.
//! * [`lemma`] gives lemmas from the Penn tag: suffix rules plus exceptions
//!   learnt from the same treebanks.
//!
//! Words are given in their analysis form (the normalised, truecased view of
//! `dyad-ingest`), so text in capitals is tagged like edited text.
#![deny(missing_docs)]

pub mod chunk;
pub mod conllu;
mod features;
pub mod lemma;
pub mod model;
pub mod ner;
mod perceptron;
pub mod pos;

pub use lemma::Lemmatizer;
pub use model::{Model, ModelError, Pruning};
pub use perceptron::TrainConfig;

use perceptron::Decoder;
use pos::{PosLabeller, PosState};

/// The tagger model shipped in the binary.
const EMBEDDED_POS_MODEL: &[u8] = include_bytes!("../../../data/pos.model");

/// A part-of-speech tagger. Immutable and `Send + Sync`; share it.
#[derive(Clone)]
pub struct Tagger {
    labeller: PosLabeller<Model<'static>>,
    /// The tags of each label, split once.
    tags: Vec<Tag<'static>>,
}

impl std::fmt::Debug for Tagger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tagger").field("model", &self.labeller.dictionary).finish()
    }
}

/// The tags of one word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tag<'m> {
    /// Universal POS (`NOUN`, `VERB`, `PROPN`, …).
    pub upos: &'m str,
    /// Penn Treebank tag (`NN`, `VBD`, `NNP`, …).
    pub xpos: &'m str,
}

/// Buffers a thread reuses from sentence to sentence when tagging.
#[derive(Default)]
pub struct TagBuffers {
    state: PosState,
    decoder: Decoder,
}

impl TagBuffers {
    /// The hashed views of the words last tagged.
    pub(crate) fn views(&self) -> &features::Scratch {
        &self.state.scratch
    }
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
        let model = Model::read(bytes)?;
        let n_labels = model.n_labels();
        let tags = model.labels().iter().map(|label| split_tag(label)).collect();
        Ok(Tagger { labeller: PosLabeller::new(model, n_labels), tags })
    }

    /// The model.
    pub fn model(&self) -> &Model<'static> {
        &self.labeller.dictionary
    }

    /// Tags a sentence given as words; returns one label index per word
    /// (see [`Tagger::tag_of`]).
    pub fn tag(&self, words: &[&str]) -> Vec<u16> {
        let mut out = Vec::with_capacity(words.len());
        self.tag_into(words, &mut TagBuffers::default(), &mut out);
        out
    }

    /// Tags a sentence into `out`, reusing `buffers`.
    pub fn tag_into(&self, words: &[&str], buffers: &mut TagBuffers, out: &mut Vec<u16>) {
        self.labeller.prepare(words, &mut buffers.state);
        buffers.decoder.decode(&self.labeller, &self.labeller.dictionary, &buffers.state, words.len(), out);
    }

    /// The Universal and Penn tags of a label index.
    pub fn tag_of(&self, label: u16) -> Tag<'static> {
        self.tags.get(usize::from(label)).copied().unwrap_or_else(|| split_tag(""))
    }
}

/// The tags of a label `UPOS/XPOS` (`X`, `XX` for anything else).
fn split_tag(label: &'static str) -> Tag<'static> {
    let (upos, xpos) = label.split_once('/').unwrap_or(("X", "XX"));
    Tag { upos, xpos }
}
