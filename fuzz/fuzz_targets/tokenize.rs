//! The tokenizer and sentence splitter on any text: over the whole input,
//! over an arbitrary sub-range, and over a prepared document's paragraphs.
#![no_main]

use std::sync::LazyLock;

use dyad_core::{InputFormat, Meta};
use dyad_fuzz::{check_range, check_span, text_of};
use dyad_ingest::{prepare, RawDocument, Truecaser};
use libfuzzer_sys::fuzz_target;

static TRUECASER: LazyLock<Truecaser> = LazyLock::new(Truecaser::embedded);

/// Tokens of `text[start..end]` are in that range, ordered, non-empty and
/// on char boundaries; sentences are consecutive, non-empty token ranges.
fn check_tokens(text: &str, start: usize, end: usize) {
    let tokens = dyad_text::tokenize(text, start, end);
    let end = end.min(text.len());
    let mut previous_end = start.min(end);
    for token in &tokens {
        assert!(token.start < token.end, "empty token {token:?}");
        assert!(token.start >= previous_end && token.end <= end, "token {token:?} out of order or range");
        check_span(text, dyad_core::Span::new(token.start, token.end), "token");
        previous_end = token.end;
    }
    let sentences = dyad_text::split(text, &tokens);
    let mut next = 0;
    for sentence in &sentences {
        check_range(sentence, tokens.len(), "sentence");
        assert!(sentence.start == next && sentence.start < sentence.end, "sentences {sentences:?} not consecutive");
        next = sentence.end;
    }
    assert!(next == tokens.len(), "sentences {sentences:?} do not cover the {} tokens", tokens.len());
}

fuzz_target!(|data: &[u8]| {
    let text = text_of(data);
    let text = text.as_ref();
    check_tokens(text, 0, text.len());
    // A sub-range whose bounds are char boundaries, picked from the input.
    if let [a, b, ..] = data {
        let bound = |x: u8| {
            let mut i = (x as usize * text.len()) / 255;
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let (start, end) = (bound(*a.min(b)), bound(*a.max(b)));
        check_tokens(text, start, end);
    }
    let raw = RawDocument { text: text.to_string(), meta: Meta::new("fuzz", InputFormat::Text), diagnostics: Vec::new() };
    let document = prepare(raw, &TRUECASER);
    let (sentences, tokens, _) = dyad_text::sentences(&document);
    let mut previous_end = 0;
    for token in &tokens {
        check_span(text, token.span, "token");
        assert!(!token.span.is_empty() && token.span.start >= previous_end, "token {token:?} empty or out of order");
        assert!(document.view.text().get(token.view.0 as usize..token.view.1 as usize).is_some(), "token view range invalid");
        previous_end = token.span.end;
    }
    let mut previous_end = 0;
    for sentence in &sentences {
        check_span(text, sentence.span, "sentence");
        check_range(&sentence.tokens, tokens.len(), "sentence tokens");
        assert!(!sentence.tokens.is_empty() && sentence.span.start >= previous_end, "sentence empty or out of order");
        assert!(sentence.tokens.len() <= dyad_text::MAX_SENTENCE_TOKENS, "sentence longer than the maximum");
        assert!(document.segments[sentence.segment_idx].span.contains(sentence.span), "sentence outside its segment");
        previous_end = sentence.span.end;
    }
});
