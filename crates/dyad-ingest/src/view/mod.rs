//! The analysis view of a document: normalised, and truecased where the text
//! is in capitals.
//!
//! [`build`] walks the original text once and writes, for every character,
//! its analysis form into a [`dyad_core::ViewBuilder`], which keeps the byte
//! alignment back to the original:
//!
//! * [`normalize`]: no-break and other spaces become a space, curly quotes
//!   and apostrophes become `"` and `'`, dashes become `-` or `--`, `…`
//!   becomes `...`, zero-width characters and soft hyphens disappear, CRLF
//!   becomes LF.
//! * [`truecase`]: words of ALL-CAPS paragraphs (teleprompter scripts) get
//!   the casing they usually have in edited text, so "PRESIDENT BIDEN MET
//!   NATO ALLIES" reads "President Biden met NATO allies".
//!
//! Chrome is normalised but never truecased.

pub mod normalize;
pub mod train;
pub mod truecase;

use dyad_core::{Segment, Span, View, ViewBuilder};

use crate::segment::is_caps;
use truecase::Truecaser;

/// Builds the view of `text` given its segments.
pub fn build(text: &str, segments: &[Segment], truecaser: &Truecaser) -> View {
    let caps_paragraphs: Vec<Span> = segments
        .iter()
        .filter(|s| s.kind.is_analysed())
        .flat_map(|s| s.paragraphs.iter().copied())
        .filter(|p| is_caps(p.slice(text)))
        .collect();
    let mut builder = ViewBuilder::with_capacity(text.len());
    let mut pos = 0;
    for paragraph in caps_paragraphs {
        normalize::push_normalized(text, Span::new(pos, paragraph.start), &mut builder);
        truecaser.push_truecased(text, paragraph, &mut builder);
        pos = paragraph.end;
    }
    normalize::push_normalized(text, Span::new(pos, text.len()), &mut builder);
    builder.finish(text.len())
}
