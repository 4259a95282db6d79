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
