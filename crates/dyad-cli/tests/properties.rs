//! Property tests: for any input, analysis does not panic, every span is in
//! bounds, ordered and on char boundaries, and the JSON round-trips.

use dyad::Pipeline;
use dyad_core::Analysis;
use dyad_ingest::{read, FormatHint, ReadConfig};
use proptest::prelude::*;

/// Every promise of an analysis (`dyad_wire::invariants`).
fn check(analysis: &Analysis) {
    if let Err(broken) = dyad_wire::invariants::check_analysis(analysis) {
        panic!("{broken}\nin {:?}", analysis.document.text.chars().take(300).collect::<String>());
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

/// Bytes as a crawler may bring them: UTF-8 text cut with surrogate
/// halves encoded as UTF-8 (`ED A0 80`, which is not UTF-8), stray
/// continuation and lead bytes, overlong forms and control bytes.
fn broken_utf8() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        newsish().prop_map(String::into_bytes),
        Just(vec![0xED, 0xA0, 0x80]),
        Just(vec![0xED, 0xBF, 0xBF]),
        Just(vec![0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80]),
        Just(vec![0x80]),
        Just(vec![0xC3]),
        Just(vec![0xC0, 0xAF]),
        Just(vec![0xF4, 0x90, 0x80, 0x80]),
        prop::collection::vec(0x01u8..0x20, 0..3),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

/// UTF-16 with a byte-order mark, lone surrogates included.
fn utf16_with_lone_surrogates() -> impl Strategy<Value = Vec<u8>> {
    let unit = prop_oneof![4 => 0x20u16..0x7f, 1 => 0xD800u16..0xE000, 1 => any::<u16>()];
    (any::<bool>(), prop::collection::vec(unit, 0..200)).prop_map(|(little, units)| {
        let bom: [u8; 2] = if little { [0xFF, 0xFE] } else { [0xFE, 0xFF] };
        let body = units.into_iter().flat_map(|u| if little { u.to_le_bytes() } else { u.to_be_bytes() });
        bom.into_iter().chain(body).collect()
    })
}

fn read_and_check(bytes: &[u8], format: FormatHint) {
    let config = ReadConfig { format, ..ReadConfig::default() };
    let pipeline = Pipeline::new();
    for raw in read::read_bytes(bytes, "prop", &config).into_iter().flatten() {
        check(&pipeline.analyze(raw));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn broken_utf8_and_surrogate_bytes_read_and_analyse_within_bounds(bytes in broken_utf8(), format in 0..4usize) {
        read_and_check(&bytes, [FormatHint::Auto, FormatHint::Text, FormatHint::Html, FormatHint::Jsonl][format]);
    }

    #[test]
    fn utf16_with_lone_surrogates_reads_and_analyses_within_bounds(bytes in utf16_with_lone_surrogates()) {
        read_and_check(&bytes, FormatHint::Auto);
    }

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
        read_and_check(&bytes, [FormatHint::Auto, FormatHint::Text, FormatHint::Html, FormatHint::Jsonl][format]);
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

/// A single line of a megabyte, no newline: mixed scripts, quotes, control
/// characters, runs without punctuation. Analysed within bounds, and cut
/// into sentences of bounded length.
#[test]
fn a_one_megabyte_single_line_of_mixed_text_analyses_within_bounds() {
    let pieces = [
        "Envoys met in Geneva on Monday. ",
        "“We will not accept this,” said Jane Roe ",
        "İSTANBUL ",
        "مرحبا بالعالم ",
        "北京 上海 ",
        "\u{200b}\u{a0}\u{1}\u{7f}\t",
        "word word word word word ",
        "U.S. Jan. 12 ",
        "—… ",
        "🙂🏳️‍🌈 ",
    ];
    let mut text = String::with_capacity(1 << 20);
    let mut i = 0usize;
    while text.len() < 1 << 20 {
        text.push_str(pieces[(i * 7 + i / 3) % pieces.len()]);
        i += 1;
    }
    assert!(!text.contains('\n'));
    let analysis = Pipeline::new().analyze_text(&text);
    check(&analysis);
    assert!(analysis.sentences.len() > 1000);
    assert!(analysis.sentences.iter().all(|s| s.tokens.len() <= dyad_text::MAX_SENTENCE_TOKENS));
}
