//! The HTML extractor: any bytes, read as an HTML page.
#![no_main]

use dyad_fuzz::{check_span, text_of};
use dyad_ingest::read::{self, html};
use dyad_ingest::{FormatHint, ReadConfig};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let config = ReadConfig { format: FormatHint::Html, ..ReadConfig::default() };
    // Through the reader (encoding checks first), then the extractor alone
    // on the text as given.
    for raw in read::read_bytes(data, "fuzz.html", &config).into_iter().flatten() {
        assert!(!raw.text.trim().is_empty(), "an HTML document with no text");
    }
    let text = text_of(data);
    if let Ok(raw) = html::read(&text, "fuzz.html", Vec::new(), &config) {
        assert!(!raw.text.trim().is_empty(), "an HTML document with no text");
        check_span(&raw.text, dyad_core::Span::new(0, raw.text.len()), "text");
    }
    for paragraph in html::block_texts(&text) {
        assert!(!paragraph.is_empty(), "an empty block text");
    }
});
