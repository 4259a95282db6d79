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

/// Found with the `tokenize` fuzz target: in a stretch without spaces
/// every token re-read the rest of the stretch (looking for a URL or an
/// e-mail address, or for the end of a chain of dotted letters), so 40 KB
/// of `"` took a minute and 1 MB hours. Each of these finishes at once now;
/// a return of the quadratic reading makes this test run for hours.
#[test]
fn fuzz_long_stretches_without_spaces_tokenize_in_linear_time() {
    let n = 500_000;
    for (unit, tokens_per_unit) in [("\"", 1), ("a,", 2), ("a-", 2), ("a@", 2), ("(a)", 3), ("1.a,", 4), ("中文。", 2)] {
        let text = unit.repeat(n / unit.len());
        let tokens = tokenize(&text, 0, text.len());
        assert_eq!(tokens.len(), n / unit.len() * tokens_per_unit, "{unit:?}");
    }
    // Dotted letters that run into a word at the end: `a.a.a.….ab`.
    let text = format!("{}ab", "a.".repeat(n / 2));
    let tokens = tokenize(&text, 0, text.len());
    assert_eq!(tokens.len(), n + 1);
    assert_eq!(&text[tokens[n].start..tokens[n].end], "ab");
}

/// The look-ahead's definitions as they were before it read ahead once:
/// everything re-read from the position asked.
fn url_len_afresh(rest: &str) -> Option<usize> {
    let chunk_len = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let chunk = &rest[..chunk_len];
    let lower_start = chunk.get(..8).unwrap_or(chunk).to_ascii_lowercase();
    let is_url = lower_start.starts_with("http://") || lower_start.starts_with("https://") || lower_start.starts_with("www.");
    let is_email = chunk
        .find('@')
        .is_some_and(|at| at > 0 && chunk[at + 1..].contains('.') && chunk[..at].chars().all(|c| c.is_alphanumeric() || "._%+-".contains(c)));
    if !is_url && !is_email {
        return None;
    }
    let trimmed = chunk.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '"', '\'', ']']);
    (trimmed.len() > 4).then_some(trimmed.len())
}

fn dotted_abbreviation_len_afresh(rest: &str) -> Option<usize> {
    let bytes = rest.as_bytes();
    let mut len = 0;
    let mut n_letters = 0;
    while len + 1 < bytes.len() && bytes[len].is_ascii_alphabetic() && bytes[len + 1] == b'.' {
        n_letters += 1;
        len += 2;
        if bytes.get(len).is_some_and(|b| b.is_ascii_alphanumeric()) && bytes.get(len + 1).is_some_and(|b| b.is_ascii_alphanumeric()) {
            return None;
        }
    }
    (n_letters >= 2).then_some(len)
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 2048, ..Default::default() })]

    /// Reading ahead once gives, at every position asked in increasing
    /// order (some skipped, as tokens skip them), what reading afresh gives.
    #[test]
    fn reading_ahead_agrees_with_reading_afresh(
        text in "(http://|https://|WWW.|www.|a@b.c|[aAbU.@:/,'\"( )%+_é中-]){0,24}",
        skip in proptest::collection::vec(proptest::prelude::any::<bool>(), 1..8),
    ) {
        let mut ahead = Lookahead::default();
        for (k, (pos, _)) in text.char_indices().enumerate() {
            if skip[k % skip.len()] {
                continue;
            }
            proptest::prop_assert_eq!(ahead.url_len(&text, pos, text.len()), url_len_afresh(&text[pos..]), "url at {} of {:?}", pos, text);
            proptest::prop_assert_eq!(
                ahead.dotted_abbreviation_len(&text, pos, text.len()),
                dotted_abbreviation_len_afresh(&text[pos..]),
                "dotted at {} of {:?}", pos, text
            );
        }
    }
}
