//! What the fuzz targets share: a string for `&str` APIs, and the
//! invariants of `dyad_wire::invariants` (the ones the property tests
//! check) as panics, so libFuzzer reports a broken promise as a crash with
//! its message.

use std::ops::Range;

use dyad_core::{Analysis, Document, Segment, Span};
use dyad_wire::invariants;

/// A text for APIs that take `&str`: the bytes as they are when they are
/// UTF-8, else with invalid sequences replaced.
pub fn text_of(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}

fn ok(result: Result<(), String>) {
    if let Err(broken) = result {
        panic!("{broken}");
    }
}

/// The span is in bounds of `text`, ordered and on char boundaries.
pub fn check_span(text: &str, span: Span, what: &str) {
    ok(invariants::check_span(text, span, what));
}

/// A range of indices into a layer of `len` items.
pub fn check_range(range: &Range<usize>, len: usize, what: &str) {
    ok(invariants::check_range(range, len, what));
}

/// Segments of `text`: in order, not overlapping, nested, with rule ids.
pub fn check_segments(text: &str, segments: &[Segment]) {
    ok(invariants::check_segments(text, segments));
}

/// A prepared document: its segments, and a view that maps back.
pub fn check_document(document: &Document) {
    ok(invariants::check_document(document));
}

/// Every invariant an analysis promises, its wire JSON's included.
pub fn check_analysis(analysis: &Analysis) {
    ok(invariants::check_analysis(analysis));
}
