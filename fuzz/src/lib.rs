//! Invariant checks shared by the fuzz targets: every span is a half-open
//! byte range into `Document::text` on char boundaries, segments and
//! sentences are ordered and nested, token ranges are in bounds, and the
//! wire JSON serialises and reads back as it was written (the checks of
//! `crates/dyad-cli/tests/properties.rs`, plus the later layers' spans).

use std::ops::Range;

use dyad_core::{Analysis, Document, Segment, Span};
use dyad_wire::AnalysisJson;

/// A text for APIs that take `&str`: the bytes as they are when they are
/// UTF-8, else with invalid sequences replaced.
pub fn text_of(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}

/// The span is in bounds of `text`, ordered and on char boundaries.
pub fn check_span(text: &str, span: Span, what: &str) {
    assert!(span.start <= span.end && span.end <= text.len(), "{what} {span:?} out of bounds ({})", text.len());
    assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end), "{what} {span:?} not on char boundaries");
}

/// A range of indices into a layer of `len` items.
pub fn check_range(range: &Range<usize>, len: usize, what: &str) {
    assert!(range.start <= range.end && range.end <= len, "{what} {range:?} out of bounds ({len})");
}

/// Segments of `text`: in order, not overlapping, paragraphs and speakers
/// inside their segment, each with a rule id.
pub fn check_segments(text: &str, segments: &[Segment]) {
    let mut previous_end = 0;
    for segment in segments {
        check_span(text, segment.span, "segment");
        assert!(segment.span.start >= previous_end, "segments overlap");
        previous_end = segment.span.end;
        assert!(!segment.provenance.rule.is_empty(), "segment without a rule id");
        for &paragraph in &segment.paragraphs {
            check_span(text, paragraph, "paragraph");
            assert!(segment.span.contains(paragraph), "paragraph outside its segment");
        }
        if let Some(speaker) = &segment.speaker {
            check_span(text, speaker.span, "speaker");
            assert!(segment.span.contains(speaker.span), "speaker outside its segment");
        }
    }
}

/// A prepared document: its segments, and a view that maps back.
pub fn check_document(document: &Document) {
    let text = document.text.as_str();
    check_segments(text, &document.segments);
    let view = document.view.text();
    for segment in &document.segments {
        for &paragraph in &segment.paragraphs {
            let (start, end) = document.view.from_original(paragraph);
            assert!(start <= end && view.get(start..end).is_some(), "paragraph view range {start}..{end} invalid");
            check_span(text, document.view.to_original(start, end), "view span");
        }
    }
}

/// Every invariant an analysis promises.
pub fn check_analysis(analysis: &Analysis) {
    let document = &analysis.document;
    let text = document.text.as_str();
    check_document(document);
    let view = document.view.text();
    let n_tokens = analysis.tokens.len();
    let mut previous_end = 0;
    for sentence in &analysis.sentences {
        check_span(text, sentence.span, "sentence");
        assert!(sentence.span.start >= previous_end, "sentences out of order");
        assert!(!sentence.tokens.is_empty(), "empty sentence");
        check_range(&sentence.tokens, n_tokens, "sentence tokens");
        previous_end = sentence.span.end;
        let segment = &document.segments[sentence.segment_idx];
        assert!(segment.span.contains(sentence.span), "sentence outside its segment");
        for token in analysis.sentence_tokens(sentence) {
            assert!(sentence.span.contains(token.span), "token outside its sentence");
        }
    }
    let mut previous_end = 0;
    for token in &analysis.tokens {
        check_span(text, token.span, "token");
        assert!(!token.span.is_empty(), "empty token");
        assert!(token.span.start >= previous_end, "tokens out of order");
        previous_end = token.span.end;
        assert!(view.get(token.view.0 as usize..token.view.1 as usize).is_some(), "token view range invalid");
    }
    assert!(analysis.pos.is_empty() || analysis.pos.len() == n_tokens, "pos tags: {} for {n_tokens} tokens", analysis.pos.len());
    for chunk in &analysis.chunks {
        check_range(&chunk.tokens, n_tokens, "chunk");
        assert!(chunk.head < n_tokens, "chunk head out of bounds");
    }
    for mention in &analysis.mentions {
        check_span(text, mention.span, "mention");
        check_range(&mention.tokens, n_tokens, "mention tokens");
    }
    for entity in &analysis.entities {
        assert!(entity.mentions.iter().all(|&m| m < analysis.mentions.len()), "entity mention out of bounds");
    }
    for event in &analysis.events {
        check_span(text, event.trigger_span, "event trigger");
        check_range(&event.trigger, n_tokens, "event trigger tokens");
        assert!(event.sentence < analysis.sentences.len(), "event sentence out of bounds");
        for actor in std::iter::once(&event.source).chain(event.target.as_ref()) {
            check_span(text, actor.span, "event actor");
            check_range(&actor.tokens, n_tokens, "event actor tokens");
        }
    }
    for quote in &analysis.quotes {
        for &part in &quote.content {
            check_span(text, part, "quote content");
        }
        if let Some(cue) = quote.cue {
            check_span(text, cue, "quote cue");
        }
        for speaker in quote.speaker.iter().chain(quote.about.as_ref()) {
            check_span(text, speaker.span, "quote speaker");
            check_range(&speaker.tokens, n_tokens, "quote speaker tokens");
        }
        check_range(&quote.sentences, analysis.sentences.len(), "quote sentences");
    }
    for time in &analysis.times {
        check_span(text, time.span, "time");
        check_range(&time.tokens, n_tokens, "time tokens");
    }
    for place in &analysis.places {
        check_span(text, place.span, "place");
        check_range(&place.tokens, n_tokens, "place tokens");
    }
    // The wire form serialises and reads back as it was written.
    let json = AnalysisJson::from_analysis(analysis);
    let encoded = serde_json::to_string(&json).expect("wire JSON serialises");
    let decoded: AnalysisJson = serde_json::from_str(&encoded).expect("wire JSON reads back");
    assert!(decoded == json, "wire JSON does not round-trip");
}
