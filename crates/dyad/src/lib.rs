//! The dyad pipeline: raw news in, analysed documents out.
//!
//! [`Pipeline`] holds the resources every stage needs (today the truecasing
//! lexicon; later the tagger, dictionaries and gazetteer), loaded once and
//! shared read-only across threads. [`Pipeline::analyze`] runs the stages in
//! order, each a plain function over the document:
//!
//! ```text
//! RawDocument ──prepare──▶ Document (segments, view) ──sentences──▶ tokens ──tag──▶ Analysis
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

use dyad_core::{Analysis, Chunk, DateSource, InputFormat, Meta, PosTag};
use dyad_ingest::{RawDocument, Truecaser};
use dyad_tag::ner::{NerBuffers, Recognizer};
use dyad_tag::{Lemmatizer, TagBuffers, Tagger};

mod entities;
mod places;
mod when;
pub mod gazetteer;
pub mod bench_corpus;

pub use dyad_core as core;
pub use dyad_ingest as ingest;

/// Analysis resources (truecasing lexicon, tagger and entity models, lemma exceptions), loaded once. `Send + Sync`; share it by reference.
#[derive(Clone, Debug)]
pub struct Pipeline {
    truecaser: Truecaser,
    tagger: Tagger,
    lemmatizer: Lemmatizer,
    recognizer: Recognizer,
    extractor: dyad_events::Extractor,
    petrarch: Option<std::sync::Arc<Petrarch>>,
    quoter: dyad_quotes::Quoter,
}

/// PETRARCH dictionaries used by the pipeline.
#[derive(Debug)]
struct Petrarch {
    coder: dyad_events::petrarch::Coder,
    /// In place of dyad's own dictionaries rather than on top of them.
    only: bool,
}

impl Default for Pipeline {
    fn default() -> Pipeline {
        Pipeline::new()
    }
}

impl Pipeline {
    /// The pipeline with the resources embedded in the binary.
    pub fn new() -> Pipeline {
        // The gazetteer, the largest resource (built on first use), builds
        // on a second core while the others load: a short run (`dyad
        // analyze` on one article) starts in about half the time.
        std::thread::scope(|scope| {
            scope.spawn(dyad_geo::Gazetteer::embedded);
            Pipeline::with_truecaser(Truecaser::embedded())
        })
    }

    /// A pipeline with a given truecaser (for tests and training tools).
    pub fn with_truecaser(truecaser: Truecaser) -> Pipeline {
        Pipeline {
            truecaser,
            tagger: Tagger::embedded(),
            lemmatizer: Lemmatizer::embedded(),
            recognizer: Recognizer::embedded(),
            extractor: dyad_events::Extractor::embedded(),
            petrarch: None,
            quoter: dyad_quotes::Quoter::embedded(),
        }
    }

    /// Codes events with PETRARCH dictionaries too: on top of dyad's own
    /// (an event both find is kept once, dyad's), or with `only` in their
    /// place.
    pub fn with_petrarch(mut self, coder: dyad_events::petrarch::Coder, only: bool) -> Pipeline {
        self.petrarch = Some(std::sync::Arc::new(Petrarch { coder, only }));
        self
    }

    /// Analyses one document. Never fails and never panics on content.
    pub fn analyze(&self, mut raw: RawDocument) -> Analysis {
        let mut diagnostics = std::mem::take(&mut raw.diagnostics);
        let document = dyad_ingest::prepare(raw, &self.truecaser);
        let (sentences, tokens, sentence_diagnostics) = dyad_text::sentences(&document);
        diagnostics.extend(sentence_diagnostics);
        let (pos, chunks, found) = self.tag(&document, &sentences, &tokens);
        let (mentions, entities) = entities::link(&document, &sentences, &tokens, &pos, found);
        let mut analysis =
            Analysis {
            document,
            sentences,
            tokens,
            pos,
            chunks,
            mentions,
            entities,
            events: Vec::new(),
            quotes: Vec::new(),
            times: Vec::new(),
            places: Vec::new(),
            diagnostics,
        };
        analysis.events = match &self.petrarch {
            Some(p) if p.only => Vec::new(),
            _ => self.extractor.extract(&analysis),
        };
        if let Some(p) = &self.petrarch {
            let theirs = dyad_events::petrarch::shallow::events(&p.coder, dyad_events::ontology::Ontology::embedded(), &analysis);
            for e in theirs {
                let same = |o: &dyad_core::Event| {
                    o.sentence == e.sentence
                        && o.root() == e.root()
                        && o.source.code == e.source.code
                        && o.target.as_ref().and_then(|t| t.code.as_ref()) == e.target.as_ref().and_then(|t| t.code.as_ref())
                };
                if !analysis.events.iter().any(same) {
                    analysis.events.push(e);
                }
            }
            analysis.events.sort_by_key(|e| (e.trigger.start, e.trigger.end));
        }
        analysis.quotes = self.quoter.quotes(&analysis);
        self.date(&mut analysis);
        analysis.places = places::places(&analysis, dyad_geo::Gazetteer::embedded());
        when::settle(&mut analysis);
        analysis
    }

    /// Finds the temporal expressions, infers the document's date when none
    /// was given, and resolves the expressions against it.
    fn date(&self, analysis: &mut Analysis) {
        let spotted = when::spot(analysis);
        let meta = &mut analysis.document.meta;
        match meta.date_source {
            DateSource::None => {
                let (date, reason) = when::infer(analysis, &spotted, dyad_events::actors::Actors::embedded());
                let meta = &mut analysis.document.meta;
                meta.date_reason = reason;
                if let Some((date, confidence)) = date {
                    if let Some(d) = when::from_naive(date) {
                        meta.date = Some(d);
                        meta.date_source = DateSource::Inferred;
                        meta.date_confidence = confidence;
                    }
                }
            }
            source => {
                meta.date_confidence = 1.0;
                meta.date_reason = match source {
                    DateSource::Cli => "given on the command line".into(),
                    DateSource::Metadata => "from the page's metadata".into(),
                    DateSource::Record => "from the record's date field".into(),
                    _ => String::new(),
                };
            }
        }
        let reference = analysis.document.meta.date.and_then(when::to_naive);
        analysis.times = when::resolve(analysis, &spotted, reference);
    }

    /// Part-of-speech tags and lemmas for every token, the chunks and the
    /// entity mentions of every sentence, from the tokens' analysis forms
    /// (so words in capitals are tagged truecased).
    fn tag(
        &self,
        document: &dyad_core::Document,
        sentences: &[dyad_core::Sentence],
        tokens: &[dyad_core::Token],
    ) -> (Vec<PosTag>, Vec<Chunk>, Vec<entities::Found>) {
        let mut pos = Vec::with_capacity(tokens.len());
        let mut chunks = Vec::new();
        let mut tagged = Vec::new();
        let mut sentence_mentions = Vec::with_capacity(sentences.len());
        // Each sentence's words, kept for the document-level pass below.
        let sentence_words: Vec<Vec<&str>> =
            sentences.iter().map(|s| tokens[s.tokens.clone()].iter().map(|t| t.norm(document)).collect()).collect();
        let mut upos: Vec<&str> = Vec::new();
        let mut labels = Vec::new();
        let (mut tag_buffers, mut ner_buffers) = (TagBuffers::default(), NerBuffers::default());
        for (sentence, words) in sentences.iter().zip(&sentence_words) {
            self.tagger.tag_into(words, &mut tag_buffers, &mut labels);
            upos.clear();
            tagged.clear();
            for (i, (word, &label)) in words.iter().zip(&labels).enumerate() {
                let mut tag = self.tagger.tag_of(label);
                // A capitalised participle inside a name is part of it: "the
                // United Nations", "the Revolutionary United Front".
                if tag.upos == "VERB" && matches!(tag.xpos, "NNP" | "NNPS") {
                    tag = dyad_tag::Tag { upos: "PROPN", xpos: tag.xpos };
                } else if tag.upos == "VERB" && matches!(tag.xpos, "VBN" | "VBD") && word.starts_with(char::is_uppercase) {
                    let next = labels.get(i + 1).map(|&l| self.tagger.tag_of(l));
                    let next_word = words.get(i + 1).copied().unwrap_or("");
                    if next.is_some_and(|n| n.upos == "PROPN") && next_word.starts_with(char::is_uppercase) {
                        tag = dyad_tag::Tag { upos: "PROPN", xpos: "NNP" };
                    }
                }
                // A past tense taken for an adjective between a plural or a
                // name and its object, before any verb of the sentence:
                // "Israeli tanks shelled positions", "guerrillas wounded two
                // soldiers".
                if tag.upos == "ADJ" && word.len() > 4 && word.ends_with("ed") && !upos.iter().any(|u| matches!(*u, "VERB" | "AUX")) {
                    let previous = i.checked_sub(1).and_then(|j| labels.get(j)).map(|&l| self.tagger.tag_of(l).xpos);
                    let next = labels.get(i + 1).map(|&l| self.tagger.tag_of(l).upos);
                    let object = next.is_some_and(|u| matches!(u, "DET" | "NUM" | "PRON"));
                    let noun_object = next.is_some_and(|u| matches!(u, "NOUN" | "ADJ"));
                    let plural = previous == Some("NNS");
                    if (object && (plural || previous.is_some_and(|x| matches!(x, "NNP" | "NNPS")))) || (noun_object && plural) {
                        tag = dyad_tag::Tag { upos: "VERB", xpos: "VBD" };
                    }
                }
                let lemma = compact_str::CompactString::from(self.lemmatizer.lemma(word, tag.xpos).as_ref());
                pos.push(PosTag { upos: tag.upos, xpos: tag.xpos, lemma });
                upos.push(tag.upos);
                tagged.push(dyad_tag::chunk::Tagged { word, upos: tag.upos, xpos: tag.xpos });
            }
            let base = sentence.tokens.start;
            chunks.extend(dyad_tag::chunk::chunk(&tagged).into_iter().map(|c| Chunk {
                kind: c.kind,
                tokens: base + c.start..base + c.end,
                head: base + c.head,
                passive: c.passive,
                negated: c.negated,
                modal: c.modal.map(|m| base + m),
            }));
            let mut mentions = Vec::new();
            self.recognizer.recognize_tagged(words, &upos, &tag_buffers, &mut ner_buffers, &mut mentions);
            sentence_mentions.push(mentions);
        }
        // Names found in one sentence are found again in the others.
        dyad_tag::ner::propagate(&sentence_words, &mut sentence_mentions);
        let found = sentences
            .iter()
            .zip(&sentence_mentions)
            .flat_map(|(sentence, mentions)| {
                mentions.iter().map(|m| entities::Found {
                    tokens: sentence.tokens.start + m.start..sentence.tokens.start + m.end,
                    kind: m.kind,
                    rule: m.rule,
                })
            })
            .collect();
        (pos, chunks, found)
    }

    /// Analyses a plain text (source `-`), as `dyad analyze` does for text.
    pub fn analyze_text(&self, text: &str) -> Analysis {
        let raw = RawDocument { text: text.to_string(), meta: Meta::new("-", InputFormat::Text), diagnostics: Vec::new() };
        self.analyze(raw)
    }
}
