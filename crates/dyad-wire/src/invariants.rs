//! The promises every analysis keeps, checked: each span a half-open byte
//! range into `Document::text` on char boundaries; segments and sentences
//! in order and nested; token ranges of every layer in bounds; the wire
//! JSON reads back as it was written, its character offsets agreeing with
//! its byte offsets.
//!
//! The property tests and the fuzz targets check every analysis they make
//! with [`check_analysis`]; the first broken promise is the error.

use std::ops::Range;

use dyad_core::{Analysis, Document, Segment, Span};

use crate::AnalysisJson;

macro_rules! ensure {
    ($condition:expr, $($message:tt)+) => {
        if !$condition {
            return Err(format!($($message)+));
        }
    };
}

/// The span is in bounds of `text`, ordered and on char boundaries.
pub fn check_span(text: &str, span: Span, what: &str) -> Result<(), String> {
    ensure!(span.start <= span.end && span.end <= text.len(), "{what} {span:?} out of bounds ({})", text.len());
    ensure!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end), "{what} {span:?} not on char boundaries");
    Ok(())
}

/// A range of indices into a layer of `len` items.
pub fn check_range(range: &Range<usize>, len: usize, what: &str) -> Result<(), String> {
    ensure!(range.start <= range.end && range.end <= len, "{what} {range:?} out of bounds ({len})");
    Ok(())
}

/// Segments of `text`: in order, not overlapping, paragraphs and speakers
/// inside their segment, each with a rule id.
pub fn check_segments(text: &str, segments: &[Segment]) -> Result<(), String> {
    let mut previous_end = 0;
    for segment in segments {
        check_span(text, segment.span, "segment")?;
        ensure!(segment.span.start >= previous_end, "segments overlap at {:?}", segment.span);
        previous_end = segment.span.end;
        ensure!(!segment.provenance.rule.is_empty(), "segment {:?} without a rule id", segment.span);
        for &paragraph in &segment.paragraphs {
            check_span(text, paragraph, "paragraph")?;
            ensure!(segment.span.contains(paragraph), "paragraph {paragraph:?} outside its segment {:?}", segment.span);
        }
        if let Some(speaker) = &segment.speaker {
            check_span(text, speaker.span, "speaker")?;
            ensure!(segment.span.contains(speaker.span), "speaker {:?} outside its segment {:?}", speaker.span, segment.span);
        }
    }
    Ok(())
}

/// A prepared document: its segments, and a view that maps back to the
/// text.
pub fn check_document(document: &Document) -> Result<(), String> {
    let text = document.text.as_str();
    check_segments(text, &document.segments)?;
    let view = document.view.text();
    for segment in &document.segments {
        for &paragraph in &segment.paragraphs {
            let (start, end) = document.view.from_original(paragraph);
            ensure!(start <= end && view.get(start..end).is_some(), "paragraph view range {start}..{end} invalid");
            check_span(text, document.view.to_original(start, end), "view span")?;
        }
    }
    Ok(())
}

/// Every promise of an analysis, its wire JSON's included.
pub fn check_analysis(analysis: &Analysis) -> Result<(), String> {
    let document = &analysis.document;
    let text = document.text.as_str();
    check_document(document)?;
    let view = document.view.text();
    let n_tokens = analysis.tokens.len();
    let mut previous_end = 0;
    for sentence in &analysis.sentences {
        check_span(text, sentence.span, "sentence")?;
        ensure!(sentence.span.start >= previous_end, "sentences out of order at {:?}", sentence.span);
        ensure!(!sentence.tokens.is_empty(), "empty sentence at {:?}", sentence.span);
        check_range(&sentence.tokens, n_tokens, "sentence tokens")?;
        previous_end = sentence.span.end;
        let segment = document.segments.get(sentence.segment_idx).ok_or_else(|| format!("sentence {:?} of no segment", sentence.span))?;
        ensure!(segment.span.contains(sentence.span), "sentence {:?} outside its segment {:?}", sentence.span, segment.span);
        for token in analysis.sentence_tokens(sentence) {
            ensure!(sentence.span.contains(token.span), "token {:?} outside its sentence {:?}", token.span, sentence.span);
        }
    }
    let mut previous_end = 0;
    for token in &analysis.tokens {
        check_span(text, token.span, "token")?;
        ensure!(!token.span.is_empty(), "empty token at {}", token.span.start);
        ensure!(token.span.start >= previous_end, "tokens out of order at {:?}", token.span);
        previous_end = token.span.end;
        ensure!(view.get(token.view.0 as usize..token.view.1 as usize).is_some(), "token view range {:?} invalid", token.view);
    }
    ensure!(analysis.pos.is_empty() || analysis.pos.len() == n_tokens, "pos tags: {} for {n_tokens} tokens", analysis.pos.len());
    for chunk in &analysis.chunks {
        check_range(&chunk.tokens, n_tokens, "chunk")?;
        ensure!(chunk.head < n_tokens, "chunk head {} out of bounds", chunk.head);
    }
    for mention in &analysis.mentions {
        check_span(text, mention.span, "mention")?;
        check_range(&mention.tokens, n_tokens, "mention tokens")?;
    }
    for entity in &analysis.entities {
        ensure!(entity.mentions.iter().all(|&m| m < analysis.mentions.len()), "entity {:?}: mention out of bounds", entity.name);
    }
    for event in &analysis.events {
        check_span(text, event.trigger_span, "event trigger")?;
        check_range(&event.trigger, n_tokens, "event trigger tokens")?;
        ensure!(event.sentence < analysis.sentences.len(), "event sentence {} out of bounds", event.sentence);
        for actor in std::iter::once(&event.source).chain(event.target.as_ref()) {
            check_span(text, actor.span, "event actor")?;
            check_range(&actor.tokens, n_tokens, "event actor tokens")?;
        }
    }
    for quote in &analysis.quotes {
        for &part in &quote.content {
            check_span(text, part, "quote content")?;
        }
        if let Some(cue) = quote.cue {
            check_span(text, cue, "quote cue")?;
        }
        for speaker in quote.speaker.iter().chain(quote.about.as_ref()) {
            check_span(text, speaker.span, "quote speaker")?;
            check_range(&speaker.tokens, n_tokens, "quote speaker tokens")?;
        }
        check_range(&quote.sentences, analysis.sentences.len(), "quote sentences")?;
    }
    for time in &analysis.times {
        check_span(text, time.span, "time")?;
        check_range(&time.tokens, n_tokens, "time tokens")?;
    }
    for place in &analysis.places {
        check_span(text, place.span, "place")?;
        check_range(&place.tokens, n_tokens, "place tokens")?;
    }
    // The wire form reads back as it was written, and its character
    // offsets select what its byte offsets do.
    let json = AnalysisJson::from_analysis(analysis);
    let encoded = serde_json::to_string(&json).map_err(|e| format!("wire JSON does not serialise: {e}"))?;
    let decoded: AnalysisJson = serde_json::from_str(&encoded).map_err(|e| format!("wire JSON does not read back: {e}"))?;
    ensure!(decoded == json, "wire JSON does not round-trip");
    for sentence in &json.sentences {
        let [start, end] = sentence.span.chars;
        let by_chars: String = text.chars().skip(start).take(end.saturating_sub(start)).collect();
        ensure!(by_chars == sentence.text, "char offsets {start}..{end} disagree with byte offsets {:?}", sentence.span.span);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_core::{Provenance, SegmentKind};

    #[test]
    fn broken_promises_are_named() {
        let text = "Envoys met in Geneva.";
        assert_eq!(check_span(text, Span::new(0, 6), "token"), Ok(()));
        assert!(check_span(text, Span::new(3, 40), "token").unwrap_err().ends_with("out of bounds (21)"));
        let accented = "Zürich";
        assert!(check_span(accented, Span::new(0, 2), "place").unwrap_err().contains("not on char boundaries"));
        assert!(check_range(&(2..9), 5, "chunk").unwrap_err().contains("out of bounds (5)"));
        let segment = |start, end| Segment {
            kind: SegmentKind::Article,
            span: Span::new(start, end),
            paragraphs: vec![Span::new(start, end)],
            speaker: None,
            caps: false,
            provenance: Provenance::new("segment.article", "article text"),
        };
        assert_eq!(check_segments(text, &[segment(0, 10), segment(10, 21)]), Ok(()));
        assert!(check_segments(text, &[segment(0, 12), segment(10, 21)]).unwrap_err().starts_with("segments overlap"));
    }
}
