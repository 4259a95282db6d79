use super::*;

fn sentence_texts(text: &str) -> Vec<&str> {
    let tokens = tokenize(text, 0, text.len());
    split(text, &tokens).into_iter().map(|r| &text[tokens[r.start].start..tokens[r.end - 1].end]).collect()
}

#[test]
fn sentence_table() {
    let cases: &[(&str, &[&str])] = &[
        ("Talks began. They ended.", &["Talks began.", "They ended."]),
        ("Gen. Lee met Sen. Ode on Jan. 12. Both spoke.", &["Gen. Lee met Sen. Ode on Jan. 12.", "Both spoke."]),
        ("It was cleared by the U.S. The Red Cross agreed.", &["It was cleared by the U.S.", "The Red Cross agreed."]),
        ("The U.S. President spoke.", &["The U.S. President spoke."]),
        ("He joined Acme Inc. The firm grew.", &["He joined Acme Inc.", "The firm grew."]),
        ("\"Why?\" he asked. \"Now!\" She left.", &["\"Why?\" he asked.", "\"Now!\"", "She left."]),
        ("\"We will see.\" Then he left.", &["\"We will see.\"", "Then he left."]),
        ("To keep them from invading... to ban them... permanently.", &["To keep them from invading... to ban them... permanently."]),
        ("He paused... Then he left.", &["He paused...", "Then he left."]),
        ("Met at 3 p.m. Tuesday in St. Petersburg.", &["Met at 3 p.m. Tuesday in St. Petersburg."]),
        ("George W. Bush spoke. (He was brief.) Others did not.", &["George W. Bush spoke.", "(He was brief.)", "Others did not."]),
        ("They met in the European nation. R", &["They met in the European nation. R"]),
        ("Headline without a period", &["Headline without a period"]),
        ("It rose 3.5 percent. 2022 was worse.", &["It rose 3.5 percent.", "2022 was worse."]),
    ];
    for (text, want) in cases {
        assert_eq!(sentence_texts(text), *want, "{text:?}");
    }
}

/// Found with the `tokenize` fuzz target, in a script in capitals:
/// `A.E…` is `A.E...` in the view, the tokenizer read the abbreviation
/// `A.E.` and the punctuation `..`, and both tokens were given the span of
/// `…`, overlapping. They are one token now.
#[test]
fn fuzz_a_token_does_not_split_one_character_of_the_text() {
    use dyad_core::{DocId, InputFormat, Meta, Provenance, Segment, SegmentKind, ViewBuilder};
    let text = "EXPECTS AAT 9 A.E\u{2026} AND THEY COULD RUN LATE.";
    let mut builder = ViewBuilder::with_capacity(text.len() + 2);
    for (i, ch) in text.char_indices() {
        let origin = Span::new(i, i + ch.len_utf8());
        if ch == '\u{2026}' {
            builder.push_str(origin, "...");
        } else {
            builder.push_char(origin, ch);
        }
    }
    let whole = Span::new(0, text.len());
    let document = Document {
        id: DocId::of_text(text),
        text: text.to_string(),
        meta: Meta::new("t", InputFormat::Text),
        segments: vec![Segment {
            kind: SegmentKind::Article,
            span: whole,
            paragraphs: vec![whole],
            speaker: None,
            caps: false,
            provenance: Provenance::new("segment.article", "article text"),
        }],
        view: builder.finish(text.len()),
    };
    let (sentences, tokens, _) = sentences(&document);
    let words: Vec<&str> = tokens.iter().map(|t| t.span.slice(text)).collect();
    assert_eq!(words, ["EXPECTS", "AAT", "9", "A.E\u{2026}", "AND", "THEY", "COULD", "RUN", "LATE", "."]);
    assert!(tokens.windows(2).all(|w| w[0].span.end <= w[1].span.start), "{tokens:?}");
    assert_eq!(tokens[3].norm(&document), "A.E...");
    assert_eq!(sentences.len(), 1);
}
