use super::*;

/// Token table: input, expected tokens separated by spaces (`|` marks
/// tokens with no space between them in the input is not needed: we list
/// token texts).
const CASES: &[(&str, &str)] = &[
    ("They didn't agree.", "They did n't agree ."),
    ("Ukraine's border, the countries' flank", "Ukraine 's border , the countries ' flank"),
    ("I'm sure we'll see; they've gone", "I 'm sure we 'll see ; they 've gone"),
    ("Gen. Lee met U.S. envoys at 10:30 a.m. on Jan. 12.", "Gen. Lee met U.S. envoys at 10:30 a.m. on Jan. 12 ."),
    ("George W. Bush and J. R. Martinez", "George W. Bush and J. R. Martinez"),
    ("$4.5 billion, 3.2% and 1,200 troops in the 1990s", "$ 4.5 billion , 3.2 % and 1,200 troops in the 1990s"),
    ("NATO-Russia talks -- or not...", "NATO - Russia talks -- or not ..."),
    ("Mail press@example.org or see https://example.org/a?b=1.", "Mail press@example.org or see https://example.org/a?b=1 ."),
    ("No. 10 said no.", "No. 10 said no ."),
    ("He fell ill. Then", "He fell ill . Then"),
    ("O'Brien's team", "O'Brien 's team"),
    ("\"He told me, 'Leave now,' and left.\"", "\" He told me , ' Leave now , ' and left . \""),
    ("et al. and Acme Inc. sold", "et al. and Acme Inc. sold"),
    ("2022-01-12 on the 3rd", "2022 - 01 - 12 on the 3rd"),
    ("Zürich’s café", "Zürich ’ s café"),
];

#[test]
fn token_table() {
    for (input, want) in CASES {
        let tokens = tokenize(input, 0, input.len());
        let got: Vec<&str> = tokens.iter().map(|t| &input[t.start..t.end]).collect();
        assert_eq!(got.join(" "), *want, "{input:?}");
    }
}

#[test]
fn offsets_stay_inside_the_requested_range() {
    let text = "skip THIS part. Keep";
    let tokens = tokenize(text, 5, 15);
    let got: Vec<&str> = tokens.iter().map(|t| &text[t.start..t.end]).collect();
    assert_eq!(got, ["THIS", "part", "."]);
}
