//! Property test: any sequence of words, tags and offsets goes through
//! `find`, `direction` and `Resolver::resolve` without panicking, and the
//! expressions found stay in bounds, ordered and apart.

use chrono::NaiveDate;
use dyad_time::{direction, find, Resolver, Word};
use proptest::prelude::*;

/// Words that trigger the patterns, mixed with arbitrary strings.
const VOCABULARY: &[&str] = &[
    "the", "a", "an", "in", "on", "at", "of", "by", "since", "for", "over", "every", "each", "this",
    "last", "next", "coming", "past", "early", "late", "mid", "-", ",", ";", ":", "'s", "\u{2019}s",
    "earlier", "later", "ago", "from", "now", "day", "days", "week", "weeks", "month", "months",
    "year", "years", "decade", "decades", "hours", "quarter", "first", "Q3", "weekend", "Monday",
    "WEDNESDAY", "Fri.", "Mondays", "Jan.", "May", "march", "December", "12", "12th", "31", "0",
    "2022", "1999", "2099", "1990s", "'90s", "mid-January", "mid-2021", "10:30", "24:00", "3pm",
    "0900", "a.m.", "p.m.", "GMT", "noon", "midnight", "morning", "night", "tonight", "today",
    "yesterday", "tomorrow", "two", "twelve", "several", "few", "couple", "dozen", "other",
    "following", "previous", "same", "before", "after", "that", "will", "would", "have", "is",
    "are", "to", "be", "going", "due", "set", "expected", "ahead", "met", "summer", "fall",
    "spring", "winter", "recent", "future", "present", "daily", "annually", "4294967295", "99999",
    "1,000", "time", "local", "",
];
const TAGS: &[&str] = &["NN", "NNS", "NNP", "VBD", "VBN", "VBG", "VB", "VBZ", "MD", "CD", "IN", "DT", "JJ", ",", ""];

fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(VOCABULARY).prop_map(str::to_string),
        1 => any::<String>(),
        1 => "[0-9:.,'-]{0,6}[a-zA-Z.]{0,3}",
    ]
}

fn reference() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![
        Just(NaiveDate::MIN),
        Just(NaiveDate::MAX),
        (-300_000i32..300_000, 1u32..=12, 1u32..=31).prop_filter_map("a valid date", |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
        (1900i32..2100, 1u32..=12, 1u32..=28).prop_filter_map("a valid date", |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_words_never_panic(
        tokens in prop::collection::vec((token(), prop::sample::select(TAGS), any::<usize>(), 0usize..3), 0..24),
        reference in reference(),
    ) {
        let mut offset = 0usize;
        let words: Vec<Word> = tokens
            .iter()
            .map(|(text, xpos, wild, gap)| {
                // mostly consistent offsets, sometimes arbitrary ones
                let (start, end) = if wild % 7 == 0 {
                    (*wild, wild / 3)
                } else {
                    let start = offset + gap;
                    (start, start + text.len())
                };
                offset = end;
                Word { text, xpos, start, end }
            })
            .collect();
        let found = find(&words);
        let mut resolver = Resolver::new(reference);
        let mut previous_end = 0;
        for expression in &found {
            prop_assert!(expression.start >= previous_end);
            prop_assert!(expression.start < expression.end);
            prop_assert!(expression.end <= words.len());
            previous_end = expression.end;
            let (tense, _) = direction(&words, expression);
            if let Some(timex) = resolver.resolve(expression, tense) {
                prop_assert!(!timex.value.is_empty());
                if let Some((first, last)) = timex.range {
                    prop_assert!(first <= last);
                }
            }
        }
    }
}
