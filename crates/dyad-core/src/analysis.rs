//! Layers produced by analysis, and the [`Analysis`] that gathers them.

use crate::{Document, Span};

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth knowing; the result is complete.
    Info,
    /// Part of the input was not understood or was repaired.
    Warning,
}

impl Severity {
    /// Lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
        }
    }
}

/// Something a stage noticed about the input: never a failure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// How bad it is.
    pub severity: Severity,
    /// Stable machine-readable code, e.g. `input.encoding.latin1`.
    pub code: &'static str,
    /// One readable line.
    pub message: String,
    /// Where, when it concerns part of the text.
    pub span: Option<Span>,
}

impl Diagnostic {
    /// A warning.
    pub fn warning(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic { severity: Severity::Warning, code, message: message.into(), span: None }
    }

    /// An informational note.
    pub fn info(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic { severity: Severity::Info, code, message: message.into(), span: None }
    }

    /// The same diagnostic, located at `span`.
    pub fn at(mut self, span: Span) -> Diagnostic {
        self.span = Some(span);
        self
    }
}

/// What a token is, as the tokenizer saw it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters (with internal apostrophes), including clitics like `n't`.
    Word,
    /// A number, time, date or ordinal (`4.5`, `10:30`, `1990s`, `3rd`).
    Number,
    /// An abbreviation or initial with its period (`Jan.`, `U.S.`, `J.`).
    Abbreviation,
    /// A URL or e-mail address.
    Url,
    /// Sentence and clause punctuation, quotes, brackets, dashes.
    Punct,
    /// Any other symbol (`$`, `%`, `&`, emoji).
    Symbol,
}

impl TokenKind {
    /// Lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            TokenKind::Word => "word",
            TokenKind::Number => "number",
            TokenKind::Abbreviation => "abbreviation",
            TokenKind::Url => "url",
            TokenKind::Punct => "punct",
            TokenKind::Symbol => "symbol",
        }
    }
}

/// A token: its span in the original text and its range in the view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Span in `Document::text`.
    pub span: Span,
    /// Byte range in `Document::view` (the normalised, truecased form).
    pub view: (u32, u32),
    /// What it is.
    pub kind: TokenKind,
}

impl Token {
    /// The token's analysis form: its text in the view.
    pub fn norm<'d>(&self, document: &'d Document) -> &'d str {
        document.view.text().get(self.view.0 as usize..self.view.1 as usize).unwrap_or("")
    }

    /// The span from the first of `tokens` to the end of the last (`None`
    /// for no tokens).
    pub fn span_of(tokens: &[Token]) -> Option<Span> {
        Some(Span::new(tokens.first()?.span.start, tokens.last()?.span.end))
    }

    /// The analysis form of a run of tokens: the view from the first to the
    /// end of the last, spacing included (`""` for no tokens).
    pub fn norm_of<'d>(tokens: &[Token], document: &'d Document) -> &'d str {
        match (tokens.first(), tokens.last()) {
            (Some(first), Some(last)) => document.view.text().get(first.view.0 as usize..last.view.1 as usize).unwrap_or(""),
            _ => "",
        }
    }
}

/// What a chunk is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChunkKind {
    /// Noun phrase.
    NounPhrase,
    /// Verb group.
    VerbGroup,
}

impl ChunkKind {
    /// `NP` or `VG`.
    pub fn code(self) -> &'static str {
        match self {
            ChunkKind::NounPhrase => "NP",
            ChunkKind::VerbGroup => "VG",
        }
    }
}

/// A noun phrase or verb group of a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chunk {
    /// Kind.
    pub kind: ChunkKind,
    /// Its tokens (indices into [`Analysis::tokens`]).
    pub tokens: std::ops::Range<usize>,
    /// The head token: the noun of a noun phrase, the main verb of a verb group.
    pub head: usize,
    /// A verb group in the passive voice.
    pub passive: bool,
    /// A verb group with negation.
    pub negated: bool,
    /// The modal token of a verb group (`will`, `could`).
    pub modal: Option<usize>,
}

/// The part-of-speech tags and lemma of one token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PosTag {
    /// Universal POS (`NOUN`, `VERB`, `PROPN`, …).
    pub upos: &'static str,
    /// Penn Treebank tag (`NN`, `VBD`, `NNP`, …).
    pub xpos: &'static str,
    /// Lemma (`go` for "went"), lower case except for proper nouns; kept
    /// inline, without an allocation, when it has at most 24 bytes.
    pub lemma: compact_str::CompactString,
}

/// A sentence: a span and the tokens inside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Span in `Document::text`, from its first to its last token.
    pub span: Span,
    /// Index of the segment it belongs to.
    pub segment_idx: usize,
    /// Range of its tokens in [`Analysis::tokens`].
    pub tokens: std::ops::Range<usize>,
}

/// A document with every layer analysis produced.
///
/// Each layer is a `Vec` of records with spans and provenance.
#[derive(Clone, Debug)]
pub struct Analysis {
    /// The document, with segments and view.
    pub document: Document,
    /// Sentences in text order.
    pub sentences: Vec<Sentence>,
    /// All tokens of analysed segments, in text order.
    pub tokens: Vec<Token>,
    /// Part-of-speech tags and lemmas, one per token (empty when tagging is off).
    pub pos: Vec<PosTag>,
    /// Noun phrases and verb groups, in text order.
    pub chunks: Vec<Chunk>,
    /// Entity mentions in text order.
    pub mentions: Vec<crate::Mention>,
    /// Entities, each with its mentions, in order of first mention.
    pub entities: Vec<crate::Entity>,
    /// Events, in text order of their triggers.
    pub events: Vec<crate::Event>,
    /// Quotes and reported speech, in text order of their content.
    pub quotes: Vec<crate::Quote>,
    /// Temporal expressions with their values, in text order.
    pub times: Vec<crate::TimeExpr>,
    /// Place mentions resolved to gazetteer entries, in text order.
    pub places: Vec<crate::Place>,
    /// What was noticed along the way.
    pub diagnostics: Vec<Diagnostic>,
}

impl Analysis {
    /// The tokens of one sentence.
    pub fn sentence_tokens(&self, sentence: &Sentence) -> &[Token] {
        self.tokens.get(sentence.tokens.clone()).unwrap_or(&[])
    }
}
