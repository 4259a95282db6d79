//! Property tests: for any input, analysis does not panic, every span is in
//! bounds, ordered and on char boundaries, and the JSON round-trips.

use dyad::Pipeline;
use dyad_core::{Analysis, Span};
use dyad_ingest::{read, FormatHint, ReadConfig};
use dyad_wire::AnalysisJson;
use proptest::prelude::*;

fn check_span(text: &str, span: Span, what: &str) {
    assert!(span.start <= span.end && span.end <= text.len(), "{what} {span:?} out of bounds ({})", text.len());
    assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end), "{what} {span:?} not on char boundaries");
}

/// Every invariant the wire format promises.
fn check(analysis: &Analysis) {
    let document = &analysis.document;
    let text = document.text.as_str();
    let mut previous_end = 0;
    for segment in &document.segments {
        check_span(text, segment.span, "segment");
        assert!(segment.span.start >= previous_end, "segments overlap");
        previous_end = segment.span.end;
        for &paragraph in &segment.paragraphs {
            check_span(text, paragraph, "paragraph");
            assert!(segment.span.contains(paragraph), "paragraph outside its segment");
        }
        if let Some(speaker) = &segment.speaker {
            check_span(text, speaker.span, "speaker");
            assert!(segment.span.contains(speaker.span));
        }
    }
    let mut previous_end = 0;
    for sentence in &analysis.sentences {
        check_span(text, sentence.span, "sentence");
        assert!(sentence.span.start >= previous_end, "sentences out of order");
        assert!(!sentence.tokens.is_empty(), "empty sentence");
        previous_end = sentence.span.end;
        let segment = &document.segments[sentence.segment_idx];
        assert!(segment.span.contains(sentence.span), "sentence outside its segment");
        for token in analysis.sentence_tokens(sentence) {
            check_span(text, token.span, "token");
            assert!(sentence.span.contains(token.span), "token outside its sentence");
            assert!(!token.span.is_empty(), "empty token");
            let view = document.view.text();
            assert!(view.get(token.view.0 as usize..token.view.1 as usize).is_some(), "token view range invalid");
        }
    }
    let mut previous_end = 0;
    for token in &analysis.tokens {
        assert!(token.span.start >= previous_end, "tokens out of order");
        previous_end = token.span.end;
    }
    // The wire form reads back as it was written.
    let json = AnalysisJson::from_analysis(analysis);
    let encoded = serde_json::to_string(&json).unwrap();
    let decoded: AnalysisJson = serde_json::from_str(&encoded).unwrap();
    assert_eq!(decoded, json);
    for sentence in &json.sentences {
        let [start, end] = sentence.span.chars;
        let by_chars: String = text.chars().skip(start).take(end - start).collect();
        assert_eq!(by_chars, sentence.text, "char offsets disagree with byte offsets");
    }
}

/// Text built from pieces news text is made of, plus arbitrary characters.
fn newsish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("U.S. ".to_string()),
        Just("Jan. 12 ".to_string()),
        Just("ANCHOR: ".to_string()),
        Just("Jane Roe“".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("’S ".to_string()),
        Just("\u{a0}".to_string()),
        Just("\u{200b}".to_string()),
        Just("—".to_string()),
        Just("…".to_string()),
        Just("\r\n".to_string()),
        Just("\n\n".to_string()),
        Just(". ".to_string()),
        Just("İSTANBUL ".to_string()),
        Just("ß ".to_string()),
        Just("Skip to main content\n".to_string()),
        "[A-Z]{1,8} ",
        "[a-z]{1,8}[.,!?]? ",
        "\\PC{0,6}",
        "[\\x00-\\x1f]{0,3}",
        "[\u{0590}-\u{06ff}\u{4e00}-\u{4e20}]{0,4}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_string_analyses_within_bounds(text in "\\PC*") {
        check(&Pipeline::new().analyze_text(&text));
    }

    #[test]
    fn newsish_text_analyses_within_bounds(text in newsish()) {
        check(&Pipeline::new().analyze_text(&text));
    }

    #[test]
    fn any_bytes_read_without_panicking(bytes in prop::collection::vec(any::<u8>(), 0..512), format in 0..4usize) {
        let format = [FormatHint::Auto, FormatHint::Text, FormatHint::Html, FormatHint::Jsonl][format];
        let config = ReadConfig { format, ..ReadConfig::default() };
        let pipeline = Pipeline::new();
        for raw in read::read_bytes(&bytes, "prop", &config).into_iter().flatten() {
            check(&pipeline.analyze(raw));
        }
    }
}

#[test]
fn a_long_line_without_punctuation_is_cut_into_bounded_sentences() {
    let text = "word ".repeat(5_000);
    let analysis = Pipeline::new().analyze_text(&text);
    check(&analysis);
    assert!(analysis.sentences.iter().all(|s| s.tokens.len() <= dyad_text::MAX_SENTENCE_TOKENS));
    assert_eq!(analysis.diagnostics[0].code, "text.sentence.too-long");
}
