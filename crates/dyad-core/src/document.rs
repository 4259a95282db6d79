//! Documents, their metadata and their segments.

use std::fmt;

use crate::{Date, Span, View};

/// A document's identity: the BLAKE3 hash of its analysed text, truncated to
/// 128 bits and written as 32 lowercase hex digits.
///
/// Two inputs with the same text are the same document, whatever file or
/// record they came from; this is what makes re-ingesting a no-op.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocId(String);

impl DocId {
    /// The id of a text.
    pub fn of_text(text: &str) -> DocId {
        let hash = blake3::hash(text.as_bytes());
        let hex = hash.to_hex();
        DocId(hex[..32].to_string())
    }

    /// The id as hex.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The kind of input a document was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum InputFormat {
    /// Plain text, analysed as given.
    Text,
    /// An HTML page; the analysed text is its extracted main content.
    Html,
    /// One record of a JSONL file (with `text` or `html`).
    Jsonl,
}

impl InputFormat {
    /// Lowercase name used on the wire and in the store.
    pub fn as_str(self) -> &'static str {
        match self {
            InputFormat::Text => "text",
            InputFormat::Html => "html",
            InputFormat::Jsonl => "jsonl",
        }
    }
}

/// Where the document date came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DateSource {
    /// Given on the command line (`--date`).
    Cli,
    /// From HTML metadata (`<meta>` tags or JSON-LD).
    Metadata,
    /// From the `date` field of a JSONL record.
    Record,
    /// Inferred from the text (dates it gives, weekdays that agree with
    /// them, office-holders' terms); see [`Meta::date_reason`].
    Inferred,
    /// No date is known.
    None,
}

impl DateSource {
    /// Lowercase name used on the wire and in the store.
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Cli => "cli",
            DateSource::Metadata => "metadata",
            DateSource::Record => "record",
            DateSource::Inferred => "inferred",
            DateSource::None => "none",
        }
    }
}

/// What is known about a document besides its text.
#[derive(Clone, Debug, PartialEq)]
pub struct Meta {
    /// Where it was read from: a path, `path:line` for JSONL, or `-`.
    pub source: String,
    /// The id given by the input (JSONL `id`), if any.
    pub external_id: Option<String>,
    /// Input format.
    pub format: InputFormat,
    /// Canonical URL, when known.
    pub url: Option<String>,
    /// Title (headline).
    pub title: Option<String>,
    /// Author or byline.
    pub author: Option<String>,
    /// Publication date.
    pub date: Option<Date>,
    /// Where `date` came from.
    pub date_source: DateSource,
    /// How sure an inferred date is, 0–1 (1 for a date that was given).
    pub date_confidence: f32,
    /// Why the date is what it is, in one line (empty when none is known).
    pub date_reason: String,
}

impl Meta {
    /// Metadata with only a source and format.
    pub fn new(source: impl Into<String>, format: InputFormat) -> Meta {
        Meta {
            source: source.into(),
            external_id: None,
            format,
            url: None,
            title: None,
            author: None,
            date: None,
            date_source: DateSource::None,
            date_confidence: 0.0,
            date_reason: String::new(),
        }
    }
}

/// Which rule produced a record, and why, in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Provenance {
    /// Hierarchical rule id, e.g. `segment.transcript.label-colon`.
    pub rule: &'static str,
    /// One readable line.
    pub reason: String,
}

impl Provenance {
    /// A provenance record.
    pub fn new(rule: &'static str, reason: impl Into<String>) -> Provenance {
        Provenance { rule, reason: reason.into() }
    }
}

/// What part of a news page a segment is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SegmentKind {
    /// Site chrome: navigation, share bars, footers. Kept, not analysed.
    Chrome,
    /// The headline (the first title line) or a sub-heading.
    Headline,
    /// A byline ("By Jane Doe").
    Byline,
    /// Article body paragraphs.
    Article,
    /// One speaker turn of a broadcast transcript.
    Transcript,
}

impl SegmentKind {
    /// Lowercase name used on the wire and in the store.
    pub fn as_str(self) -> &'static str {
        match self {
            SegmentKind::Chrome => "chrome",
            SegmentKind::Headline => "headline",
            SegmentKind::Byline => "byline",
            SegmentKind::Article => "article",
            SegmentKind::Transcript => "transcript",
        }
    }

    /// True for kinds whose text later stages analyse.
    pub fn is_analysed(self) -> bool {
        !matches!(self, SegmentKind::Chrome | SegmentKind::Byline)
    }
}

/// The speaker label of a transcript turn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Speaker {
    /// The name as written in the label, whitespace-normalised.
    pub name: String,
    /// The name's span (without the colon).
    pub span: Span,
}

/// A contiguous region of the document with one role.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// The role of the region.
    pub kind: SegmentKind,
    /// The whole region, label included.
    pub span: Span,
    /// The paragraphs later stages analyse (for a transcript turn, the text
    /// after the label). Each is a span inside `span`.
    pub paragraphs: Vec<Span>,
    /// The speaker, for transcript turns.
    pub speaker: Option<Speaker>,
    /// True when the segment's text is (mostly) in capital letters and the
    /// analysis view truecases it.
    pub caps: bool,
    /// The rule that decided the kind.
    pub provenance: Provenance,
}

/// A document ready for analysis.
#[derive(Clone, Debug)]
pub struct Document {
    /// Content hash of `text`.
    pub id: DocId,
    /// The analysed text: the file as given for text input, the extracted
    /// body for HTML. All spans point into it.
    pub text: String,
    /// Metadata.
    pub meta: Meta,
    /// Segments in text order, non-overlapping.
    pub segments: Vec<Segment>,
    /// Normalised, truecased view of `text` for later stages.
    pub view: View,
}
