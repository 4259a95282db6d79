//! Quotes: who said what, with the words that say so.

use std::ops::Range;

use crate::{Provenance, Span};

/// How the text reports what was said.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QuoteKind {
    /// In quotation marks, a whole statement: `"We will not yield," she said.`
    Direct,
    /// Reported in the writer's words: `She said they would not yield.`
    Indirect,
    /// Reported speech with quoted words inside it:
    /// `She said they would "not yield an inch".`
    Mixed,
    /// A few quoted words inside the writer's sentence, without a cue of
    /// their own: `the two sides "plunged into the substance" of the talks`.
    Partial,
    /// A turn of a transcript, said by its labelled speaker.
    Transcript,
}

impl QuoteKind {
    /// Lowercase name, as on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Indirect => "indirect",
            QuoteKind::Mixed => "mixed",
            QuoteKind::Partial => "partial",
            QuoteKind::Transcript => "transcript",
        }
    }

    /// The kind of a lowercase name.
    pub fn parse(name: &str) -> Option<QuoteKind> {
        Some(match name {
            "direct" => QuoteKind::Direct,
            "indirect" => QuoteKind::Indirect,
            "mixed" => QuoteKind::Mixed,
            "partial" => QuoteKind::Partial,
            "transcript" => QuoteKind::Transcript,
            _ => return None,
        })
    }
}

/// Who said it (or whom a statement is about): a phrase of the text, and
/// the person or body it resolves to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteSpeaker {
    /// The phrase as the text gives it ("he", "the deputy secretary",
    /// "Ryabkov", a transcript label).
    pub span: Span,
    /// Its tokens (indices into [`crate::Analysis::tokens`]); empty for a
    /// transcript label.
    pub tokens: Range<usize>,
    /// The phrase in analysis form.
    pub text: String,
    /// The entity it resolves to (index into [`crate::Analysis::entities`]).
    pub entity: Option<usize>,
    /// The resolved name ("Sergey Ryabkov" for "he").
    pub name: Option<String>,
    /// CAMEO actor code of the resolved speaker (`RUSGOV`).
    pub code: Option<String>,
    /// How the phrase was resolved ("he" → the last person named …).
    pub reason: String,
}

/// One quote or report of speech.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quote {
    /// Direct, indirect, mixed, partial or transcript.
    pub kind: QuoteKind,
    /// What was said: for quoted words, the marks included; a quote
    /// interrupted by its cue (`"A," he said, "B."`) has two parts.
    pub content: Vec<Span>,
    /// The content in analysis form, parts joined by " … ".
    pub text: String,
    /// The reporting words ("said", "according to", "in a statement").
    pub cue: Option<Span>,
    /// The cue as written.
    pub cue_text: String,
    /// Who said it, when the text says.
    pub speaker: Option<QuoteSpeaker>,
    /// Whose words the speaker reports, when the speaker speaks for
    /// someone else ("Price said in a statement" what "the deputy
    /// secretary stressed").
    pub about: Option<QuoteSpeaker>,
    /// Sentences the content covers (indices into
    /// [`crate::Analysis::sentences`]); empty for a transcript turn that
    /// has none.
    pub sentences: Range<usize>,
    /// The rule that found it and why.
    pub provenance: Provenance,
    /// When it was said and where, as far as the text says.
    pub setting: crate::Setting,
}
