//! Property test: any sequence of words, tags and offsets goes through
//! `find`, `direction` and `Resolver::resolve` without panicking, and the
//! expressions found stay in bounds, ordered and apart.

use chrono::NaiveDate;
use dyad_time::{direction, find, Resolver, Word};
use proptest::prelude::*;

/// Words that trigger the patterns, mixed with arbitrary strings.
const VOCABULARY: &[&str] = &[
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "of",
    "by",
    "since",
    "for",
    "over",
    "every",
    "each",
    "this",
    "last",
    "next",
    "coming",
    "past",
    "early",
    "late",
    "mid",
    "-",
    ",",
    ";",
    ":",
    "'s",
    "\u{2019}s",
    "earlier",
    "later",
    "ago",
    "from",
    "now",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "decade",
    "decades",
    "hours",
    "quarter",
    "first",
    "Q3",
    "weekend",
    "Monday",
    "WEDNESDAY",
    "Fri.",
    "Mondays",
    "Jan.",
    "May",
    "march",
    "December",
    "12",
    "12th",
    "31",
    "0",
    "2022",
    "1999",
    "2099",
    "1990s",
    "'90s",
    "mid-January",
    "mid-2021",
    "10:30",
    "24:00",
    "3pm",
    "0900",
    "a.m.",
    "p.m.",
    "GMT",
    "noon",
    "midnight",
    "morning",
    "night",
    "tonight",
    "today",
    "yesterday",
    "tomorrow",
    "two",
    "twelve",
    "several",
    "few",
    "couple",
    "dozen",
    "other",
    "following",
    "previous",
    "same",
    "before",
    "after",
    "that",
    "will",
    "would",
    "have",
    "is",
    "are",
    "to",
    "be",
    "going",
    "due",
    "set",
    "expected",
    "ahead",
    "met",
    "summer",
    "fall",
    "spring",
    "winter",
    "recent",
    "future",
    "present",
    "daily",
    "annually",
    "4294967295",
    "99999",
    "1,000",
    "time",
    "local",
    "",
];
const TAGS: &[&str] = &[
    "NN", "NNS", "NNP", "VBD", "VBN", "VBG", "VB", "VBZ", "MD", "CD", "IN", "DT", "JJ", ",", "",
];

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
        (-300_000i32..300_000, 1u32..=12, 1u32..=31)
            .prop_filter_map("a valid date", |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
        (1900i32..2100, 1u32..=12, 1u32..=28)
            .prop_filter_map("a valid date", |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
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

fn unit() -> impl Strategy<Value = dyad_time::Unit> {
    use dyad_time::Unit::*;
    prop::sample::select(vec![
        Minute, Hour, Day, Week, Month, Quarter, Year, Decade, Century,
    ])
}

fn year_ref() -> impl Strategy<Value = dyad_time::YearRef> {
    use dyad_time::YearRef;
    prop_oneof![
        any::<i32>().prop_map(YearRef::Written),
        any::<i32>().prop_map(YearRef::Offset),
        Just(YearRef::Bare)
    ]
}

/// Meanings a caller could build by hand, with extreme numbers.
fn meaning() -> impl Strategy<Value = dyad_time::Meaning> {
    use dyad_time::{Meaning, Season, Shift, TimeOfDay};
    let weekday = prop::sample::select(vec![
        chrono::Weekday::Mon,
        chrono::Weekday::Wed,
        chrono::Weekday::Sat,
        chrono::Weekday::Sun,
    ]);
    let shift = prop::sample::select(vec![Shift::Bare, Shift::This, Shift::Last, Shift::Next]);
    let time = prop::option::of(
        (any::<u32>(), any::<u32>()).prop_map(|(hour, minute)| TimeOfDay::Clock { hour, minute }),
    );
    prop_oneof![
        (
            prop::option::of(any::<i32>()),
            prop::option::of(any::<u32>()),
            prop::option::of(any::<u32>()),
            time.clone()
        )
            .prop_map(|(year, month, day, time)| Meaning::Calendar {
                year,
                month,
                day,
                part: None,
                time
            }),
        (weekday.clone(), shift, time.clone()).prop_map(|(weekday, shift, time)| {
            Meaning::Weekday {
                weekday,
                shift,
                time,
            }
        }),
        (any::<i32>(), time).prop_map(|(days, time)| Meaning::DayOffset { days, time }),
        (unit(), any::<i32>()).prop_map(|(unit, offset)| Meaning::Relative {
            unit,
            offset,
            part: None
        }),
        (unit(), any::<i32>()).prop_map(|(unit, offset)| Meaning::Anaphoric { unit, offset }),
        (unit(), prop::option::of(any::<u32>()))
            .prop_map(|(unit, amount)| Meaning::Duration { amount, unit }),
        (unit(), any::<u32>()).prop_map(|(unit, amount)| Meaning::Every { amount, unit }),
        (any::<u32>(), year_ref()).prop_map(|(quarter, year)| Meaning::Quarter { quarter, year }),
        (
            prop::sample::select(vec![
                Season::Spring,
                Season::Summer,
                Season::Autumn,
                Season::Winter
            ]),
            year_ref()
        )
            .prop_map(|(season, year)| Meaning::Season { season, year }),
        any::<i32>().prop_map(|decade| Meaning::Decade { decade }),
        shift_strategy().prop_map(|shift| Meaning::Weekend { shift }),
    ]
}

fn shift_strategy() -> impl Strategy<Value = dyad_time::Shift> {
    use dyad_time::Shift;
    prop::sample::select(vec![Shift::Bare, Shift::This, Shift::Last, Shift::Next])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_meanings_never_panic(
        meanings in prop::collection::vec((meaning(), 0usize..3, 0usize..40, 0usize..40), 1..6),
        reference in reference(),
    ) {
        use dyad_time::{Direction, Found};
        let words = [Word { text: "met", xpos: "VBD", start: 0, end: 3 }];
        let mut resolver = Resolver::new(reference);
        for (meaning, tense, start, end) in meanings {
            let found = Found { start, end, kind: meaning.kind(), meaning, rule: "test" };
            let _ = direction(&words, &found);
            let tense = [Direction::Past, Direction::Future, Direction::Unknown][tense];
            if let Some(timex) = resolver.resolve(&found, tense) {
                prop_assert!(!timex.value.is_empty());
            }
        }
    }
}
