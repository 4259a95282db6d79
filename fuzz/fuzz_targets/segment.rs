//! The segmenter (paragraphs, transcript turns, chrome, headlines) and
//! `prepare` (segments plus the truecased view) on any text.
#![no_main]

use std::sync::LazyLock;

use dyad_core::{InputFormat, Meta};
use dyad_fuzz::{check_document, check_segments, check_span, text_of};
use dyad_ingest::{prepare, segment, RawDocument, Truecaser};
use libfuzzer_sys::fuzz_target;

static TRUECASER: LazyLock<Truecaser> = LazyLock::new(Truecaser::embedded);

fuzz_target!(|data: &[u8]| {
    let text = text_of(data);
    let text = text.as_ref();
    let segments = segment::segment(text);
    check_segments(text, &segments);
    for paragraph in segment::paragraphs(text) {
        check_span(text, paragraph, "paragraph");
    }
    let _ = segment::is_caps(text);
    let raw = RawDocument { text: text.to_string(), meta: Meta::new("fuzz", InputFormat::Text), diagnostics: Vec::new() };
    let document = prepare(raw, &TRUECASER);
    assert_eq!(document.text, text, "prepare rewrote the text");
    assert_eq!(document.segments, segments, "prepare segmented differently");
    check_document(&document);
});
