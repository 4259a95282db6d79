//! Getting news into dyad: reading files and records, and shaping their text.
//!
//! Two steps, both plain functions:
//!
//! 1. [`read`]: bytes → [`RawDocument`]s. Decodes and checks the encoding,
//!    extracts the main content of HTML pages with its metadata, splits JSONL
//!    into records. Bad inputs are [`ReadError`]s naming the file (and line).
//! 2. [`prepare`]: [`RawDocument`] → [`dyad_core::Document`]. Splits the text
//!    into [`segment`]s (chrome, headline, byline, article, transcript turns)
//!    and builds the analysis [`view`] (normalised and truecased, aligned to
//!    the original bytes).
//!
//! ```
//! use dyad_ingest::{prepare, read, ReadConfig, Truecaser};
//!
//! let text = "ANCHOR: TALKS RESUME IN GENEVA TODAY.\nJane Roe: We are hopeful.\n";
//! let raws = read::read_bytes(text.as_bytes(), "-", &ReadConfig::default());
//! let raw = raws.into_iter().next().unwrap().unwrap();
//! let document = prepare(raw, &Truecaser::embedded());
//! assert_eq!(document.segments.len(), 2);
//! assert!(document.view.text().contains("Geneva"));
//! ```
#![deny(missing_docs)]

mod error;
pub mod read;
pub mod segment;
pub mod view;

use dyad_core::{DocId, Document, Meta};

pub use error::{ReadError, ReadErrorKind};
pub use read::{FormatHint, RawDocument, ReadConfig};
pub use view::truecase::Truecaser;

/// Turns a raw document into a [`Document`]: segments and analysis view.
///
/// Never fails: text it cannot classify is article text. The reader's
/// diagnostics are not part of a `Document`: take them from `raw` first
/// (as `dyad::Pipeline::analyze` does) if they are to be reported.
pub fn prepare(raw: RawDocument, truecaser: &Truecaser) -> Document {
    let RawDocument { text, mut meta, diagnostics: _ } = raw;
    let segments = segment::segment(&text);
    fill_meta_from_segments(&text, &segments, &mut meta);
    let view = view::build(&text, &segments, truecaser);
    Document { id: DocId::of_text(&text), text, meta, segments, view }
}

/// Title and author from the headline and byline segments, when the input
/// gave none.
fn fill_meta_from_segments(text: &str, segments: &[dyad_core::Segment], meta: &mut Meta) {
    use dyad_core::SegmentKind;
    if meta.title.is_none() {
        meta.title = segments
            .iter()
            .find(|s| s.kind == SegmentKind::Headline && s.provenance.rule == "segment.headline")
            .map(|s| s.span.slice(text).split_whitespace().collect::<Vec<_>>().join(" "));
    }
    if meta.author.is_none() {
        meta.author = segments.iter().find(|s| s.kind == SegmentKind::Byline).and_then(|s| {
            let line = s.span.slice(text).trim();
            let name = line.strip_prefix("By ").or_else(|| line.strip_prefix("BY "))?;
            Some(name.trim().to_string())
        });
    }
}
