//! The dyad pipeline: raw news in, analysed documents out.
//!
//! [`Pipeline`] holds the resources every stage needs (today the truecasing
//! lexicon; later the tagger, dictionaries and gazetteer), loaded once and
//! shared read-only across threads. [`Pipeline::analyze`] runs the stages in
//! order, each a plain function over the document:
//!
//! ```text
//! RawDocument ──prepare──▶ Document (segments, view) ──sentences──▶ Analysis
//! ```
//!
//! ```
//! use dyad::Pipeline;
//!
//! let pipeline = Pipeline::new();
//! let analysis = pipeline.analyze_text("ANCHOR: TALKS RESUME TODAY IN GENEVA.\nJane Roe: We hope so.\n");
//! assert_eq!(analysis.sentences.len(), 2);
//! assert_eq!(analysis.document.segments[0].speaker.as_ref().unwrap().name, "ANCHOR");
//! ```
#![deny(missing_docs)]

use dyad_core::{Analysis, InputFormat, Meta};
use dyad_ingest::{RawDocument, Truecaser};

pub use dyad_core as core;
pub use dyad_ingest as ingest;

/// Analysis resources, loaded once. `Send + Sync`; share it by reference.
#[derive(Clone, Debug)]
pub struct Pipeline {
    truecaser: Truecaser,
}

impl Default for Pipeline {
    fn default() -> Pipeline {
        Pipeline::new()
    }
}

impl Pipeline {
    /// The pipeline with the resources embedded in the binary.
    pub fn new() -> Pipeline {
        Pipeline { truecaser: Truecaser::embedded() }
    }

    /// A pipeline with a given truecaser (for tests and training tools).
    pub fn with_truecaser(truecaser: Truecaser) -> Pipeline {
        Pipeline { truecaser }
    }

    /// Analyses one document. Never fails and never panics on content.
    pub fn analyze(&self, mut raw: RawDocument) -> Analysis {
        let mut diagnostics = std::mem::take(&mut raw.diagnostics);
        let document = dyad_ingest::prepare(raw, &self.truecaser);
        let (sentences, tokens, sentence_diagnostics) = dyad_text::sentences(&document);
        diagnostics.extend(sentence_diagnostics);
        Analysis { document, sentences, tokens, diagnostics }
    }

    /// Analyses a plain text (source `-`), as `dyad analyze` does for text.
    pub fn analyze_text(&self, text: &str) -> Analysis {
        let raw = RawDocument { text: text.to_string(), meta: Meta::new("-", InputFormat::Text), diagnostics: Vec::new() };
        self.analyze(raw)
    }
}
