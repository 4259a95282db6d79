//! Finding temporal expressions in a tagged sentence.
//!
//! [`find`] tries every pattern at each word, keeps the longest match
//! (the earlier pattern on ties) and continues after it, so matches are
//! leftmost-longest and never overlap. Each pattern is a plain function
//! over the word slice; none of them allocate.
//!
//! Spans leave out the prepositions that only introduce an expression
//! ("in December" is "December", "at 3 p.m." is "3 p.m."), but keep the
//! ones that change its meaning ("in two weeks", "in the past") and a
//! leading "the" ("the weekend", "the first quarter").
//!
//! Ambiguous words need cues: "May", "March", "August" and month
//! abbreviations count only with a day, a year or a preposition before
//! them; a four-digit year needs a preposition, "the" before a noun, a
//! possessive, a month or another year; a year followed by a plural noun is
//! a count ("2000 troops"). Slash dates are read only year first
//! ("2022/01/12"); "12/01/2022" could be either day or month first.

use crate::lexicon::{self, eq, ClockForm};
use crate::{DayPart, Found, Meaning, Part, Reference, Shift, TimeOfDay, Unit, Word, YearRef};

/// Find the temporal expressions of one sentence, leftmost-longest and
/// without overlaps, in order.
pub fn find(words: &[Word]) -> Vec<Found> {
    find_with(words, true)
}

/// [`find`], trying the patterns at every word when `skip` is false (tests
/// check that skipping changes nothing).
pub(crate) fn find_with(words: &[Word], skip: bool) -> Vec<Found> {
    let mut found = Vec::new();
    let roles: Vec<Role> = if skip { words.iter().map(|w| role(w.text)).collect() } else { Vec::new() };
    let mut word_idx = 0;
    while word_idx < words.len() {
        if skip && !could_start(&roles, word_idx) {
            word_idx += 1;
            continue;
        }
        let mut best: Option<Hit> = None;
        for pattern in PATTERNS {
            if let Some(hit) = pattern(words, word_idx) {
                let valid = hit.end > word_idx && hit.end <= words.len();
                if valid && best.as_ref().is_none_or(|b| hit.end > b.end) {
                    best = Some(hit);
                }
            }
        }
        match best {
            Some(hit) => {
                found.push(Found {
                    start: word_idx,
                    end: hit.end,
                    kind: hit.meaning.kind(),
                    meaning: hit.meaning,
                    rule: hit.rule,
                });
                word_idx = hit.end;
            }
            None => word_idx += 1,
        }
    }
    found
}

/// What [`role`] knows of a lowercased word: its role when it is a word
/// the patterns and the lexicon compare with (the string literals of this
/// file and of `lexicon.rs`, read from their source once, so the table
/// cannot fall behind the patterns), and whether it is one of the
/// [`lexicon::calendar_forms`].
#[derive(Clone, Copy, Default)]
struct Entry {
    role: Role,
    calendar: bool,
}

/// The lowercased words [`role`] knows, none longer than [`LONGEST`] bytes.
fn known_words() -> &'static rustc_hash::FxHashMap<Vec<u8>, Entry> {
    static WORDS: std::sync::OnceLock<rustc_hash::FxHashMap<Vec<u8>, Entry>> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        let mut table = rustc_hash::FxHashMap::<Vec<u8>, Entry>::default();
        for source in [include_str!("find.rs"), include_str!("lexicon.rs")] {
            // Code lines only; in each, the pieces between quote marks.
            for line in source.lines().filter(|l| !l.trim_start().starts_with("//")) {
                let line = line.split(" //").next().unwrap_or("").replace("'\"'", "");
                for (i, literal) in line.split('"').enumerate() {
                    if i % 2 == 1 && !literal.is_empty() && !literal.contains(' ') {
                        let word = literal.to_lowercase();
                        let role = if FUNCTION_WORDS.contains(&word.as_str()) {
                            Role::Function
                        } else if CUE_WORDS.contains(&word.as_str()) {
                            Role::Cue
                        } else {
                            Role::Temporal
                        };
                        table.entry(word.into_bytes()).or_default().role = role;
                    }
                }
            }
        }
        for form in lexicon::calendar_forms() {
            table.entry(form.into_bytes()).or_default().calendar = true;
        }
        assert!(table.keys().all(|word| word.len() <= LONGEST));
        table
    })
}

/// The most bytes a word in [`known_words`] has.
const LONGEST: usize = 32;

/// Words some pattern compares with that are too common to say anything
/// about time on their own: every expression has a word besides these.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "in", "at", "this", "these", "that", "per", "each",
];

/// Words patterns compare with only after an expression's first word: as
/// cues before it ("since 2019"), or inside it ("the end of the year",
/// "the day before"). No expression starts with one.
const CUE_WORDS: &[&str] = &[
    "of", "on", "by", "for", "to", "from", "and", "or", "over", "within", "during", "through", "throughout", "since",
    "until", "till", "between", "before", "after", "around", "about", "near", "other", "same", "local", "took",
];

/// What a word may be to a temporal expression: nothing, a word patterns
/// compare with but that no expression starts with ("of"), one that may
/// start an expression but is never enough alone ("the", "in"), or a word
/// that can carry one (digits, months, weekdays, "week", "yesterday",
/// "two").
#[derive(Clone, Copy, Default, PartialEq, Eq)]
enum Role {
    #[default]
    None,
    Cue,
    Function,
    Temporal,
}

fn role(word: &str) -> Role {
    if word.bytes().any(|b| b.is_ascii_digit()) {
        return Role::Temporal;
    }
    if !word.starts_with(|c: char| c.is_alphabetic()) {
        return Role::None;
    }
    // Every piece looked up is a start of the word: lowercase as much of
    // it as a known word may have, once.
    let mut buffer = [0u8; LONGEST];
    for (lower, byte) in buffer.iter_mut().zip(word.bytes()) {
        *lower = byte.to_ascii_lowercase();
    }
    let known = known_words();
    let entry = |start: &str| buffer.get(..start.len()).and_then(|lower| known.get(lower)).copied().unwrap_or_default();
    let whole = entry(word);
    let stem = word.trim_end_matches('.');
    let role = if stem.len() == word.len() { whole.role } else { entry(stem).role };
    if role != Role::None {
        return role;
    }
    // "two-week", "mid-January" (an ASCII word has no en dash)
    let cut = if word.is_ascii() { word.find('-') } else { word.find(['-', '\u{2013}']) };
    if let Some(head) = cut.and_then(|cut| word.get(..cut)) {
        if entry(head.trim_end_matches('.')).role != Role::None {
            return Role::Temporal;
        }
    }
    if whole.calendar
        && (lexicon::month(word).is_some() || lexicon::weekday(word).is_some() || lexicon::weekday_plural(word).is_some())
    {
        return Role::Temporal;
    }
    Role::None
}

/// Whether an expression may start at `idx`: its word is one the patterns
/// know (also before a hyphen: "two-week", "mid-January") and not a
/// [`CUE_WORDS`] one, and it or one of the next three words can carry a
/// temporal expression ("in the coming days"). Skipping other words
/// changes no result and saves trying every pattern at every word.
fn could_start(roles: &[Role], idx: usize) -> bool {
    match roles.get(idx) {
        None | Some(Role::None | Role::Cue) => false,
        Some(Role::Temporal) => true,
        Some(Role::Function) => roles.iter().skip(idx + 1).take(3).any(|&r| r == Role::Temporal),
    }
}

/// A pattern's match starting at the word it was tried at.
struct Hit {
    end: usize,
    meaning: Meaning,
    rule: &'static str,
}

type Pattern = fn(&[Word], usize) -> Option<Hit>;

/// A part of a pattern's match: its end, meaning and rule id.
type Piece = (usize, Meaning, &'static str);

/// In priority order for matches of equal length.
const PATTERNS: &[Pattern] = &[
    day_expression,
    clock_expression,
    part_of,
    month_level,
    year_level,
    relative_unit,
    ago,
    ahead,
    anaphoric,
    weekend,
    season,
    quarter,
    decade,
    reference,
    set,
    duration,
];

// ---- small helpers over the word slice ----

fn text<'a>(words: &[Word<'a>], idx: usize) -> Option<&'a str> {
    words.get(idx).map(|word| word.text)
}

fn is(words: &[Word], idx: usize, word: &str) -> bool {
    text(words, idx).is_some_and(|t| eq(t, word))
}

fn is_any(words: &[Word], idx: usize, list: &[&str]) -> bool {
    text(words, idx).is_some_and(|t| lexicon::any(t, list))
}

fn prev_is_any(words: &[Word], idx: usize, list: &[&str]) -> bool {
    idx.checked_sub(1).is_some_and(|prev| is_any(words, prev, list))
}

fn xpos_starts(words: &[Word], idx: usize, prefix: &str) -> bool {
    words.get(idx).is_some_and(|word| word.xpos.starts_with(prefix))
}

fn adjacent(words: &[Word], left: usize, right: usize) -> bool {
    match (words.get(left), words.get(right)) {
        (Some(a), Some(b)) => a.end == b.start,
        _ => false,
    }
}

fn is_hyphen(words: &[Word], idx: usize) -> bool {
    is_any(words, idx, &["-", "\u{2013}"])
}

/// Whether the token at `idx` is a word (starts with a letter or digit).
fn is_word(words: &[Word], idx: usize) -> bool {
    text(words, idx).is_some_and(|t| t.starts_with(|c: char| c.is_alphanumeric()))
}

/// Prepositions that introduce a date and let an ambiguous month or a
/// bare year count as one.
const DATE_PREPOSITIONS: &[&str] = &[
    "in", "of", "since", "until", "till", "by", "from", "through", "throughout", "during",
    "before", "after", "between", "around", "circa", "to", "for",
];

/// The same without "to" ("rose to 1950" is a number): a year after "to"
/// needs a year before it ("from 2019 to 2021").
const YEAR_PREPOSITIONS: &[&str] = &[
    "in", "of", "since", "until", "till", "by", "from", "through", "throughout", "during",
    "before", "after", "between", "around", "circa", "for",
];

/// Words before an amount of time that make a following span a duration
/// rather than a date ("over the next week", "for the past two years").
const DURATION_CUES: &[&str] = &["for", "over", "during", "within", "in", "throughout"];

/// A part prefix: "early", "mid" "-", "mid-" glued, "late", "earlier", "later".
fn part_prefix(words: &[Word], idx: usize) -> Option<(usize, Part)> {
    let word = text(words, idx)?;
    if eq(word, "early") {
        Some((idx + 1, Part::Early))
    } else if eq(word, "late") {
        Some((idx + 1, Part::Late))
    } else if eq(word, "earlier") {
        Some((idx + 1, Part::Earlier))
    } else if eq(word, "later") {
        Some((idx + 1, Part::Later))
    } else if eq(word, "mid") && is_hyphen(words, idx + 1) {
        Some((idx + 2, Part::Mid))
    } else {
        None
    }
}

/// An amount before a unit: "two", "12", "a", "an", "a few", "several",
/// "a couple of", "a dozen". `None` inside means unspecified.
fn amount(words: &[Word], idx: usize) -> Option<(usize, Option<u32>)> {
    let word = text(words, idx)?;
    if lexicon::any(word, &["a", "an"]) {
        if is(words, idx + 1, "few") {
            return Some((idx + 2, None));
        }
        if is(words, idx + 1, "couple") && is(words, idx + 2, "of") {
            return Some((idx + 3, Some(2)));
        }
        if is(words, idx + 1, "dozen") {
            return Some((idx + 2, Some(12)));
        }
        return Some((idx + 1, Some(1)));
    }
    if lexicon::any(word, &["few", "several", "many"]) {
        return Some((idx + 1, None));
    }
    lexicon::number(word).map(|value| (idx + 1, Some(value)))
}

/// An amount followed by a unit: "two days", "a year", "several weeks".
fn amount_unit(words: &[Word], idx: usize) -> Option<(usize, Option<u32>, Unit)> {
    let (after_amount, value) = amount(words, idx)?;
    let (unit, plural) = lexicon::unit(text(words, after_amount)?)?;
    // "one day" and "a day" are singular, "two day" is not English.
    if value == Some(1) && plural {
        return None;
    }
    Some((after_amount + 1, value, unit))
}

fn signed(value: u32, sign: i32) -> i32 {
    i32::try_from(value).unwrap_or(i32::MAX).saturating_mul(sign)
}

// ---- days, with an optional time of day ----

/// A day (weekday, relative day or calendar date), optionally with a part
/// of the day or a clock time before or after it.
fn day_expression(words: &[Word], idx: usize) -> Option<Hit> {
    // "3 p.m. (on) Monday"
    if let Some((after_clock, time)) = clock_at(words, idx) {
        let day_idx = if is(words, after_clock, "on") { after_clock + 1 } else { after_clock };
        let (end, meaning, _) = day_core(words, day_idx)?;
        return with_time(meaning, time).map(|meaning| Hit { end, meaning, rule: "time.clock-day" });
    }
    // "the morning of Jan. 12"
    if is(words, idx, "the") && is(words, idx + 2, "of") {
        if let Some(part) = text(words, idx + 1).and_then(lexicon::day_part) {
            let (end, meaning, _) = day_core(words, idx + 3)?;
            return with_time(meaning, TimeOfDay::Part(part))
                .map(|meaning| Hit { end, meaning, rule: "time.part-of-day" });
        }
    }
    let (end, meaning, rule) = day_core(words, idx)?;
    // "Monday morning", "yesterday afternoon"
    if let Some(part) = text(words, end).and_then(lexicon::day_part) {
        if let Some(timed) = with_time(meaning.clone(), TimeOfDay::Part(part)) {
            return Some(Hit { end: end + 1, meaning: timed, rule: "time.part-of-day" });
        }
    }
    // "Monday at 3 p.m."
    if is(words, end, "at") {
        if let Some((clock_end, time)) = clock_at(words, end + 1) {
            if let Some(timed) = with_time(meaning.clone(), time) {
                return Some(Hit { end: clock_end, meaning: timed, rule: "time.day-clock" });
            }
        }
    }
    Some(Hit { end, meaning, rule })
}

/// Add a time of day to a day meaning that has none.
fn with_time(meaning: Meaning, time: TimeOfDay) -> Option<Meaning> {
    match meaning {
        Meaning::Calendar { year, month, day: Some(day), part, time: None } => {
            Some(Meaning::Calendar { year, month, day: Some(day), part, time: Some(time) })
        }
        Meaning::Weekday { weekday, shift, time: None } => Some(Meaning::Weekday { weekday, shift, time: Some(time) }),
        Meaning::DayOffset { days, time: None } => Some(Meaning::DayOffset { days, time: Some(time) }),
        _ => None,
    }
}

/// A day without a time: relative day words, weekdays, calendar dates.
fn day_core(words: &[Word], idx: usize) -> Option<Piece> {
    relative_day(words, idx)
        .or_else(|| weekday(words, idx))
        .or_else(|| iso_date(words, idx))
        .or_else(|| month_day(words, idx))
        .or_else(|| day_month(words, idx))
}

fn relative_day(words: &[Word], idx: usize) -> Option<Piece> {
    const RULE: &str = "date.relative.day";
    let word = text(words, idx)?;
    let day = |days| Meaning::DayOffset { days, time: None };
    let at = |days, part| Meaning::DayOffset { days, time: Some(TimeOfDay::Part(part)) };
    if eq(word, "today") {
        return Some((idx + 1, day(0), RULE));
    }
    if eq(word, "yesterday") {
        return Some((idx + 1, day(-1), RULE));
    }
    if eq(word, "tomorrow") {
        return Some((idx + 1, day(1), RULE));
    }
    if eq(word, "tonight") {
        return Some((idx + 1, at(0, DayPart::Night), "time.part-of-day"));
    }
    if eq(word, "last") && is(words, idx + 1, "night") {
        return Some((idx + 2, at(-1, DayPart::Night), "time.part-of-day"));
    }
    if eq(word, "this") {
        let part = text(words, idx + 1).and_then(lexicon::day_part)?;
        return Some((idx + 2, at(0, part), "time.part-of-day"));
    }
    if eq(word, "the") && is(words, idx + 1, "day") {
        if is(words, idx + 2, "before") && is(words, idx + 3, "yesterday") {
            return Some((idx + 4, day(-2), RULE));
        }
        if is(words, idx + 2, "after") && is(words, idx + 3, "tomorrow") {
            return Some((idx + 4, day(2), RULE));
        }
    }
    None
}

fn weekday(words: &[Word], idx: usize) -> Option<Piece> {
    let mut day_idx = idx;
    let mut shift = Shift::Bare;
    if is_any(words, idx, &["early", "late"]) {
        day_idx = idx + 1;
    } else if is(words, idx, "this") && is(words, idx + 1, "past") {
        (day_idx, shift) = (idx + 2, Shift::Last);
    } else if is(words, idx, "this") && is(words, idx + 1, "coming") {
        (day_idx, shift) = (idx + 2, Shift::Next);
    } else if is(words, idx, "last") {
        (day_idx, shift) = (idx + 1, Shift::Last);
    } else if is_any(words, idx, &["next", "coming"]) {
        (day_idx, shift) = (idx + 1, Shift::Next);
    } else if is(words, idx, "this") {
        (day_idx, shift) = (idx + 1, Shift::This);
    }
    let weekday = lexicon::weekday(text(words, day_idx)?)?;
    Some((day_idx + 1, Meaning::Weekday { weekday, shift, time: None }, "date.weekday"))
}

fn calendar(year: Option<i32>, month: u32, day: Option<u32>) -> Meaning {
    Meaning::Calendar { year, month: Some(month), day, part: None, time: None }
}

/// "2022-01-12" as five adjacent tokens, or "2022-01-12" and "2022/01/12"
/// as one token (year first only: "12/01/2022" is ambiguous).
fn iso_date(words: &[Word], idx: usize) -> Option<Piece> {
    if let Some((year, month, day)) = text(words, idx).and_then(lexicon::year_first_date) {
        return Some((idx + 1, calendar(Some(year), month, Some(day)), "date.calendar.iso"));
    }
    let year = lexicon::year(text(words, idx)?)?;
    let all_adjacent = (idx..idx + 4).all(|k| adjacent(words, k, k + 1));
    if !all_adjacent || !is_hyphen(words, idx + 1) || !is_hyphen(words, idx + 3) {
        return None;
    }
    let two_digits = |k| text(words, k).filter(|t| t.len() == 2).and_then(lexicon::digits);
    let (month, day) = (two_digits(idx + 2)?, two_digits(idx + 4)?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    Some((idx + 5, calendar(Some(year), month, Some(day)), "date.calendar.iso"))
}

/// Whether a month word may be a month here (not "may" the modal, not "a
/// march"), given whether a day or year makes it clear.
fn month_word(words: &[Word], idx: usize) -> Option<lexicon::MonthWord> {
    let word = words.get(idx)?;
    let month = lexicon::month(word.text)?;
    if month.needs_cue {
        let lowercase = word.text.starts_with(|c: char| c.is_ascii_lowercase());
        if lowercase || word.xpos == "MD" || word.xpos.starts_with("VB") {
            return None;
        }
    }
    Some(month)
}

/// An optional ", 2022" or "2022" after a date.
fn trailing_year(words: &[Word], idx: usize) -> (usize, Option<i32>) {
    let year_idx = if is(words, idx, ",") { idx + 1 } else { idx };
    match text(words, year_idx).and_then(lexicon::year) {
        Some(year) if !followed_by_count_noun(words, year_idx + 1) => (year_idx + 1, Some(year)),
        _ => (idx, None),
    }
}

/// Whether the word at `idx` is a plural noun, so the number before it
/// counts things ("12 people", "2000 troops").
fn followed_by_count_noun(words: &[Word], idx: usize) -> bool {
    const EVENT_PLURALS: &[&str] = &["elections", "games", "olympics", "midterms", "polls", "talks"];
    let plural = xpos_starts(words, idx, "NNS") || xpos_starts(words, idx, "NNPS");
    plural && !is_any(words, idx, EVENT_PLURALS)
}

/// "Jan. 12", "January 12th, 2022", "May 5".
fn month_day(words: &[Word], idx: usize) -> Option<Piece> {
    let month = month_word(words, idx)?;
    let day_text = text(words, idx + 1)?;
    let day = lexicon::day_of_month(day_text)?;
    if followed_by_count_noun(words, idx + 2) {
        return None;
    }
    let (end, year) = trailing_year(words, idx + 2);
    Some((end, calendar(year, month.month, Some(day)), "date.calendar.month-day"))
}

/// "12 January 2022", "the 12th of January", "12th of May".
fn day_month(words: &[Word], idx: usize) -> Option<Piece> {
    let day_idx = if is(words, idx, "the") { idx + 1 } else { idx };
    let day_text = text(words, day_idx)?;
    let day = lexicon::day_of_month(day_text)?;
    let mut month_idx = day_idx + 1;
    if is(words, month_idx, "of") && lexicon::has_ordinal_suffix(day_text) {
        month_idx += 1;
    } else if day_idx != idx {
        return None;
    }
    let month = month_word(words, month_idx)?;
    let (end, year) = trailing_year(words, month_idx + 1);
    Some((end, calendar(year, month.month, Some(day)), "date.calendar.day-month"))
}

// ---- clock times ----

/// A clock time at `idx`, with its end: "3 p.m.", "10:30 a.m. GMT",
/// "15:00 GMT", "0900 GMT", "noon", "midnight", "at 10:30".
fn clock_at(words: &[Word], idx: usize) -> Option<(usize, TimeOfDay)> {
    let word = text(words, idx)?;
    if lexicon::any(word, &["noon", "midday"]) {
        return Some((idx + 1, TimeOfDay::Clock { hour: 12, minute: 0 }));
    }
    if eq(word, "midnight") {
        return Some((idx + 1, TimeOfDay::Clock { hour: 24, minute: 0 }));
    }
    let clock = lexicon::clock(word)?;
    let (mut hour, minute) = (clock.hour, clock.minute);
    let mut end = idx + 1;
    let mut clear = clock.form == ClockForm::Glued;
    if clock.form != ClockForm::Glued && clock.form != ClockForm::Military {
        if let Some(pm) = text(words, end).and_then(lexicon::meridiem) {
            hour = lexicon::apply_meridiem(hour, pm)?;
            end += 1;
            clear = true;
        }
    }
    if text(words, end).is_some_and(lexicon::is_time_zone) {
        end += 1;
        clear = clear || matches!(clock.form, ClockForm::Colon | ClockForm::Military);
    } else if is(words, end, "local") && is(words, end + 1, "time") {
        end += 2;
        clear = clear || matches!(clock.form, ClockForm::Colon | ClockForm::Military);
    }
    let cued = prev_is_any(words, idx, &["at", "by", "from", "until", "till", "around", "about", "before", "after", "since", "between"]);
    if clock.form == ClockForm::Colon && cued {
        clear = true;
    }
    if !clear || (hour == 24 && minute != 0) {
        return None;
    }
    Some((end, TimeOfDay::Clock { hour, minute }))
}

fn clock_expression(words: &[Word], idx: usize) -> Option<Hit> {
    let (end, time) = clock_at(words, idx)?;
    Some(Hit { end, meaning: Meaning::Time(time), rule: "time.clock" })
}

// ---- months, years and parts of them ----

/// A month alone or with a year: "December", "December 2021", "mid-January",
/// "early May", "January of 2022".
fn month_level(words: &[Word], idx: usize) -> Option<Hit> {
    let (month_idx, part) = match part_prefix(words, idx) {
        Some((after, part)) if matches!(part, Part::Early | Part::Mid | Part::Late) => (after, Some(part)),
        Some(_) => return None,
        None => (idx, None),
    };
    month_level_at(words, month_idx, part.is_some() || prev_is_any(words, idx, DATE_PREPOSITIONS))
        .or_else(|| glued_mid(words, idx, month_level_at))
        .map(|(end, meaning, rule)| Hit { end, meaning: with_part(meaning, part), rule })
}

/// "mid-January" or "mid-2021" as one token.
fn glued_mid(
    words: &[Word],
    idx: usize,
    inner: fn(&[Word], usize, bool) -> Option<Piece>,
) -> Option<Piece> {
    let word = words.get(idx)?;
    let rest = lexicon::after_mid(word.text)?;
    let single = [Word { text: rest, ..*word }];
    let (_, meaning, rule) = inner(&single, 0, true)?;
    Some((idx + 1, with_part(meaning, Some(Part::Mid)), rule))
}

fn month_level_at(words: &[Word], idx: usize, cued: bool) -> Option<Piece> {
    let month = month_word(words, idx)?;
    let year_idx = if is(words, idx + 1, "of") { idx + 2 } else { idx + 1 };
    if let Some(year) = text(words, year_idx).and_then(lexicon::year) {
        if !followed_by_count_noun(words, year_idx + 1) {
            return Some((year_idx + 1, calendar(Some(year), month.month, None), "date.calendar.month-year"));
        }
    }
    if month.needs_cue && !cued {
        return None;
    }
    Some((idx + 1, calendar(None, month.month, None), "date.calendar.month"))
}

fn with_part(meaning: Meaning, part: Option<Part>) -> Meaning {
    match (meaning, part) {
        (Meaning::Calendar { year, month, day, time, .. }, Some(part)) => {
            Meaning::Calendar { year, month, day, part: Some(part), time }
        }
        (Meaning::Relative { unit, offset, .. }, Some(part)) => Meaning::Relative { unit, offset, part: Some(part) },
        (meaning, _) => meaning,
    }
}

/// A year with a cue: "in 2021", "since 2019", "2021's", "the 2022
/// election", "early 2022", "mid-2021", "2020 and 2021".
fn year_level(words: &[Word], idx: usize) -> Option<Hit> {
    let (year_idx, part) = match part_prefix(words, idx) {
        Some((after, part)) if matches!(part, Part::Early | Part::Mid | Part::Late) => (after, Some(part)),
        Some(_) => return None,
        None => (idx, None),
    };
    let cued = part.is_some() || year_cue(words, idx);
    year_at(words, year_idx, cued)
        .or_else(|| glued_mid(words, idx, year_at))
        .map(|(end, meaning, rule)| Hit { end, meaning: with_part(meaning, part), rule })
}

/// Whether the words before `idx` let a bare year count.
fn year_cue(words: &[Word], idx: usize) -> bool {
    if prev_is_any(words, idx, YEAR_PREPOSITIONS) {
        return true;
    }
    // "the 2022 election": a singular noun or adjective must follow.
    if prev_is_any(words, idx, &["the"]) {
        let next = idx + 1;
        return xpos_starts(words, next, "NN") || xpos_starts(words, next, "JJ");
    }
    // "2020 and 2021", "2019-2021"
    if prev_is_any(words, idx, &["and", "or", "to", "-", "\u{2013}"]) {
        return idx.checked_sub(2).and_then(|k| text(words, k)).and_then(lexicon::year).is_some();
    }
    false
}

fn year_at(words: &[Word], idx: usize, cued: bool) -> Option<Piece> {
    let year = lexicon::year(text(words, idx)?)?;
    let possessive = text(words, idx + 1).is_some_and(lexicon::is_possessive);
    if followed_by_count_noun(words, idx + 1) || !(cued || possessive) {
        return None;
    }
    // a year that starts an ISO date belongs to that date
    if iso_date(words, idx).is_some() {
        return None;
    }
    Some((idx + 1, Meaning::Calendar { year: Some(year), month: None, day: None, part: None, time: None }, "date.calendar.year"))
}

/// "the end of the year", "the beginning of next month", "the middle of
/// 2021", "the start of January".
fn part_of(words: &[Word], idx: usize) -> Option<Hit> {
    let edge_idx = if is(words, idx, "the") { idx + 1 } else { idx };
    let part = match text(words, edge_idx)? {
        word if eq(word, "end") => Part::Late,
        word if lexicon::any(word, &["start", "beginning"]) => Part::Early,
        word if eq(word, "middle") => Part::Mid,
        _ => return None,
    };
    if !is(words, edge_idx + 1, "of") {
        return None;
    }
    let inner = edge_idx + 2;
    if is(words, inner, "the") {
        if let Some((unit @ (Unit::Week | Unit::Month | Unit::Year | Unit::Quarter), false)) =
            text(words, inner + 1).and_then(lexicon::unit)
        {
            let meaning = Meaning::Relative { unit, offset: 0, part: Some(part) };
            return Some(Hit { end: inner + 2, meaning, rule: "date.part-of" });
        }
    }
    let hit = relative_unit(words, inner)
        .or_else(|| month_level_at(words, inner, true).map(|(end, meaning, rule)| Hit { end, meaning, rule }))
        .or_else(|| year_at(words, inner, true).map(|(end, meaning, rule)| Hit { end, meaning, rule }))?;
    let already = matches!(hit.meaning, Meaning::Calendar { part: Some(_), .. } | Meaning::Relative { part: Some(_), .. });
    if already || matches!(hit.meaning, Meaning::Calendar { day: Some(_), .. }) {
        return None;
    }
    Some(Hit { end: hit.end, meaning: with_part(hit.meaning, Some(part)), rule: "date.part-of" })
}

// ---- periods relative to the reference date ----

/// "this week", "last month", "next year", "this quarter", "earlier this
/// year", "late last year", "later this week".
fn relative_unit(words: &[Word], idx: usize) -> Option<Hit> {
    let (shift_idx, part) = match part_prefix(words, idx) {
        Some((after, part)) => (after, Some(part)),
        None => (idx, None),
    };
    if part.is_none() && prev_is_any(words, idx, &["the"]) {
        return None;
    }
    let (unit_idx, offset) = match text(words, shift_idx)? {
        word if eq(word, "this") && is(words, shift_idx + 1, "past") => (shift_idx + 2, -1),
        word if eq(word, "this") => (shift_idx + 1, 0),
        word if eq(word, "last") => (shift_idx + 1, -1),
        word if eq(word, "next") => (shift_idx + 1, 1),
        _ => return None,
    };
    let (unit, plural) = lexicon::unit(text(words, unit_idx)?)?;
    if plural || !matches!(unit, Unit::Week | Unit::Month | Unit::Quarter | Unit::Year | Unit::Decade) {
        return None;
    }
    Some(Hit { end: unit_idx + 1, meaning: Meaning::Relative { unit, offset, part }, rule: "date.relative.unit" })
}

/// "three days ago", "a year ago", "weeks ago" (a past reference).
fn ago(words: &[Word], idx: usize) -> Option<Hit> {
    if let Some((_, true)) = text(words, idx).and_then(lexicon::unit) {
        if is(words, idx + 1, "ago") {
            return Some(Hit { end: idx + 2, meaning: Meaning::Reference(Reference::Past), rule: "date.relative.ago" });
        }
    }
    let (unit_end, value, unit) = amount_unit(words, idx)?;
    if !is(words, unit_end, "ago") {
        return None;
    }
    let meaning = match value {
        Some(value) => Meaning::Relative { unit, offset: signed(value, -1), part: None },
        None => Meaning::Reference(Reference::Past),
    };
    Some(Hit { end: unit_end + 1, meaning, rule: "date.relative.ago" })
}

/// "in two weeks", "in three years' time", "two weeks from now", "in a
/// few days" (a future reference).
fn ahead(words: &[Word], idx: usize) -> Option<Hit> {
    let (end, value, unit) = if is(words, idx, "in") {
        let (mut end, value, unit) = amount_unit(words, idx + 1)?;
        if text(words, end).is_some_and(lexicon::is_possessive) && is(words, end + 1, "time") {
            end += 2;
        } else if is(words, end, "time") {
            end += 1;
        }
        (end, value, unit)
    } else {
        let (end, value, unit) = amount_unit(words, idx)?;
        if !(is(words, end, "from") && is(words, end + 1, "now")) {
            return None;
        }
        (end + 2, value, unit)
    };
    let meaning = match value {
        Some(value) => Meaning::Relative { unit, offset: signed(value, 1), part: None },
        None => Meaning::Reference(Reference::Future),
    };
    Some(Hit { end, meaning, rule: "date.relative.in" })
}

/// Dates relative to the previous date in the document: "two days later",
/// "a week earlier", "the next day", "the following week", "the day
/// before", "the same day", "later that day".
fn anaphoric(words: &[Word], idx: usize) -> Option<Hit> {
    const RULE: &str = "date.anaphoric";
    let hit = |end, unit, offset| Some(Hit { end, meaning: Meaning::Anaphoric { unit, offset }, rule: RULE });
    if let Some((end, Some(value), unit)) = amount_unit(words, idx) {
        if is_any(words, end, &["later", "afterwards", "afterward"]) {
            return hit(end + 1, unit, signed(value, 1));
        }
        if is_any(words, end, &["earlier", "before"]) && !is_word(words, end + 1) {
            return hit(end + 1, unit, signed(value, -1));
        }
        return None;
    }
    if is_any(words, idx, &["later", "earlier"]) && is(words, idx + 1, "that") {
        if let Some((unit @ (Unit::Day | Unit::Week | Unit::Month | Unit::Year), false)) =
            text(words, idx + 2).and_then(lexicon::unit)
        {
            return hit(idx + 3, unit, 0);
        }
    }
    if is(words, idx, "that") && is(words, idx + 1, "day") && prev_is_any(words, idx, &["on", "later", "earlier"]) {
        return hit(idx + 2, Unit::Day, 0);
    }
    if !is(words, idx, "the") {
        return None;
    }
    if is(words, idx + 1, "day") {
        return the_day_before(words, idx);
    }
    let which = text(words, idx + 1)?;
    let offset = if lexicon::any(which, &["following", "next"]) {
        1
    } else if lexicon::any(which, &["previous", "preceding"]) {
        -1
    } else if eq(which, "same") {
        0
    } else {
        return None;
    };
    let (unit, plural) = lexicon::unit(text(words, idx + 2)?)?;
    if plural || !matches!(unit, Unit::Day | Unit::Week | Unit::Month | Unit::Year) {
        return None;
    }
    // "over the next week" is a duration
    if lexicon::any(which, &["next", "previous"]) && prev_is_any(words, idx, DURATION_CUES) {
        return None;
    }
    hit(idx + 3, unit, offset)
}

/// "the day before", "the day after", when nothing they could govern follows.
fn the_day_before(words: &[Word], idx: usize) -> Option<Hit> {
    if !(is(words, idx, "the") && is(words, idx + 1, "day")) || is_word(words, idx + 3) {
        return None;
    }
    let offset = match text(words, idx + 2)? {
        word if eq(word, "before") => -1,
        word if eq(word, "after") => 1,
        _ => return None,
    };
    Some(Hit { end: idx + 3, meaning: Meaning::Anaphoric { unit: Unit::Day, offset }, rule: "date.anaphoric" })
}

/// "the weekend", "this weekend", "last weekend", "next weekend".
fn weekend(words: &[Word], idx: usize) -> Option<Hit> {
    let (end, shift) = if is(words, idx, "this") && is_any(words, idx + 1, &["past", "coming"]) {
        let shift = if is(words, idx + 1, "past") { Shift::Last } else { Shift::Next };
        (idx + 3, shift)
    } else {
        let shift = match text(words, idx)? {
            word if eq(word, "this") => Shift::This,
            word if eq(word, "last") => Shift::Last,
            word if lexicon::any(word, &["next", "coming"]) => Shift::Next,
            word if eq(word, "the") => Shift::Bare,
            _ => return None,
        };
        (idx + 2, shift)
    };
    let last = end.checked_sub(1)?;
    if !is(words, last, "weekend") {
        return None;
    }
    Some(Hit { end, meaning: Meaning::Weekend { shift }, rule: "date.weekend" })
}

/// "this summer", "last winter", "summer 2021", "the spring of 2021",
/// "in the autumn", "in spring".
fn season(words: &[Word], idx: usize) -> Option<Hit> {
    const RULE: &str = "date.season";
    let hit = |end, season, year| Some(Hit { end, meaning: Meaning::Season { season, year }, rule: RULE });
    let word = text(words, idx)?;
    let offset = match word {
        word if eq(word, "this") => Some(0),
        word if eq(word, "last") => Some(-1),
        word if eq(word, "next") => Some(1),
        _ => None,
    };
    if let Some(offset) = offset {
        let season = lexicon::season(text(words, idx + 1)?)?;
        return hit(idx + 2, season, YearRef::Offset(offset));
    }
    let season_idx = if eq(word, "the") { idx + 1 } else { idx };
    let season = lexicon::season(text(words, season_idx)?)?;
    let year_idx = if is(words, season_idx + 1, "of") { season_idx + 2 } else { season_idx + 1 };
    if let Some(year) = text(words, year_idx).and_then(lexicon::year) {
        if !followed_by_count_noun(words, year_idx + 1) {
            return hit(year_idx + 1, season, YearRef::Written(year));
        }
    }
    let cued = prev_is_any(words, idx, &["in", "during", "since", "until", "by", "through", "throughout", "before", "after"]);
    // "in the fall of Kabul" is not a season
    let verb = season_idx == idx && xpos_starts(words, season_idx, "VB");
    if cued && !verb && !is(words, season_idx + 1, "of") {
        return hit(season_idx + 1, season, YearRef::Bare);
    }
    None
}

/// "the first quarter", "the third quarter of 2021", "the fourth quarter
/// of last year", "first-quarter", "Q3 2021".
fn quarter(words: &[Word], idx: usize) -> Option<Hit> {
    const RULE: &str = "date.quarter";
    let hit = |end, quarter, year| Some(Hit { end, meaning: Meaning::Quarter { quarter, year }, rule: RULE });
    if let Some(quarter) = text(words, idx).and_then(lexicon::quarter_code) {
        let (end, year) = trailing_year(words, idx + 1);
        return hit(end, quarter, year.map_or(YearRef::Bare, YearRef::Written));
    }
    let ordinal_idx = if is(words, idx, "the") { idx + 1 } else { idx };
    let quarter = lexicon::ordinal(text(words, ordinal_idx)?)?;
    let mut quarter_idx = ordinal_idx + 1;
    if is_hyphen(words, quarter_idx) && adjacent(words, ordinal_idx, quarter_idx) {
        quarter_idx += 1;
    }
    if !is(words, quarter_idx, "quarter") {
        return None;
    }
    let end = quarter_idx + 1;
    if is(words, end, "of") {
        if let Some(year) = text(words, end + 1).and_then(lexicon::year) {
            return hit(end + 2, quarter, YearRef::Written(year));
        }
        if is(words, end + 2, "year") {
            let offset = match text(words, end + 1)? {
                word if eq(word, "this") => Some(0),
                word if eq(word, "last") => Some(-1),
                word if eq(word, "next") => Some(1),
                _ => None,
            };
            if let Some(offset) = offset {
                return hit(end + 3, quarter, YearRef::Offset(offset));
            }
        }
    }
    let (end, year) = trailing_year(words, end);
    hit(end, quarter, year.map_or(YearRef::Bare, YearRef::Written))
}

/// "the 1990s", "1980s", "the '90s", "the early 2000s".
fn decade(words: &[Word], idx: usize) -> Option<Hit> {
    let the = is(words, idx, "the");
    let mut decade_idx = if the { idx + 1 } else { idx };
    if let Some((after, part)) = part_prefix(words, decade_idx) {
        if matches!(part, Part::Early | Part::Mid | Part::Late) {
            decade_idx = after;
        }
    }
    let word = text(words, decade_idx)?;
    let decade = lexicon::decade(word).or_else(|| lexicon::after_mid(word).and_then(lexicon::decade))?;
    let four_digits = word.trim_start_matches(|c: char| !c.is_ascii_digit()).len() == 5;
    if !four_digits && !the {
        return None;
    }
    Some(Hit { end: decade_idx + 1, meaning: Meaning::Decade { decade }, rule: "date.decade" })
}

/// "now", "currently", "at present", "recently", "in the past",
/// "formerly", "soon", "in the future", "in the coming days".
fn reference(words: &[Word], idx: usize) -> Option<Hit> {
    let word = text(words, idx)?;
    let hit = |end, reference, rule| Some(Hit { end, meaning: Meaning::Reference(reference), rule });
    const PRESENT: &str = "date.ref.present";
    const PAST: &str = "date.ref.past";
    const FUTURE: &str = "date.ref.future";
    if lexicon::any(word, &["now", "currently", "nowadays"]) {
        return hit(idx + 1, Reference::Present, PRESENT);
    }
    if lexicon::any(word, &["recently", "formerly", "previously", "lately"]) {
        return hit(idx + 1, Reference::Past, PAST);
    }
    if eq(word, "soon") {
        return hit(idx + 1, Reference::Future, FUTURE);
    }
    if eq(word, "at") && is(words, idx + 1, "present") {
        return hit(idx + 2, Reference::Present, PRESENT);
    }
    if eq(word, "at") && is(words, idx + 1, "the") && is(words, idx + 2, "moment") {
        return hit(idx + 3, Reference::Present, PRESENT);
    }
    if eq(word, "these") && is(words, idx + 1, "days") {
        return hit(idx + 2, Reference::Present, PRESENT);
    }
    if !eq(word, "in") {
        return None;
    }
    let plural_unit = |k| matches!(text(words, k).and_then(lexicon::unit), Some((_, true)));
    if is(words, idx + 1, "recent") && plural_unit(idx + 2) {
        return hit(idx + 3, Reference::Past, PAST);
    }
    if is(words, idx + 1, "coming") && plural_unit(idx + 2) {
        return hit(idx + 3, Reference::Future, FUTURE);
    }
    if !is(words, idx + 1, "the") {
        return None;
    }
    // "in the past two years" and "in the past week" are durations
    let then_amount = amount_unit(words, idx + 3).is_some() || text(words, idx + 3).and_then(lexicon::unit).is_some();
    if is(words, idx + 2, "past") && !then_amount {
        return hit(idx + 3, Reference::Past, PAST);
    }
    if is(words, idx + 2, "future") {
        return hit(idx + 3, Reference::Future, FUTURE);
    }
    if is(words, idx + 2, "near") && is(words, idx + 3, "future") {
        return hit(idx + 4, Reference::Future, FUTURE);
    }
    if is_any(words, idx + 2, &["coming", "next"]) && plural_unit(idx + 3) {
        return hit(idx + 4, Reference::Future, FUTURE);
    }
    if is(words, idx + 2, "next") && is(words, idx + 3, "few") && plural_unit(idx + 4) {
        return hit(idx + 5, Reference::Future, FUTURE);
    }
    None
}

/// "every Monday", "on Fridays", "every day", "each week", "every two
/// years", "every other day", "daily", "weekly", "annually".
fn set(words: &[Word], idx: usize) -> Option<Hit> {
    let word = text(words, idx)?;
    let every = |end, amount, unit| Some(Hit { end, meaning: Meaning::Every { amount, unit }, rule: "set.every" });
    const ADVERBS: [(&str, Unit); 7] = [
        ("hourly", Unit::Hour),
        ("daily", Unit::Day),
        ("weekly", Unit::Week),
        ("monthly", Unit::Month),
        ("quarterly", Unit::Quarter),
        ("annually", Unit::Year),
        ("yearly", Unit::Year),
    ];
    if let Some(&(_, unit)) = ADVERBS.iter().find(|(adverb, _)| eq(word, adverb)) {
        return Some(Hit { end: idx + 1, meaning: Meaning::Every { amount: 1, unit }, rule: "set.adverb" });
    }
    // "twice a year", "three times a week", "per day"
    let frequency = eq(word, "per") || (lexicon::any(word, &["a", "an"]) && prev_is_any(words, idx, &["once", "twice", "times"]));
    if frequency {
        if let Some((unit, false)) = text(words, idx + 1).and_then(lexicon::unit) {
            return every(idx + 2, 1, unit);
        }
    }
    if let Some(weekday) = lexicon::weekday_plural(word) {
        return Some(Hit { end: idx + 1, meaning: Meaning::EveryWeekday { weekday }, rule: "set.weekday" });
    }
    if !lexicon::any(word, &["every", "each"]) {
        return None;
    }
    if let Some(weekday) = text(words, idx + 1).and_then(lexicon::weekday) {
        return Some(Hit { end: idx + 2, meaning: Meaning::EveryWeekday { weekday }, rule: "set.weekday" });
    }
    if let Some((unit, false)) = text(words, idx + 1).and_then(lexicon::unit) {
        return every(idx + 2, 1, unit);
    }
    if is(words, idx + 1, "other") {
        if let Some((unit, false)) = text(words, idx + 2).and_then(lexicon::unit) {
            return every(idx + 3, 2, unit);
        }
    }
    let value = text(words, idx + 1).and_then(lexicon::number)?;
    match text(words, idx + 2).and_then(lexicon::unit) {
        Some((unit, true)) => every(idx + 3, value, unit),
        _ => None,
    }
}

/// "two days", "a decade", "24 hours", "several weeks", "the past two
/// years", "the next week", "a two-day visit", "for hours".
fn duration(words: &[Word], idx: usize) -> Option<Hit> {
    let hit = |end, amount, unit, rule| Some(Hit { end, meaning: Meaning::Duration { amount, unit }, rule });
    // "the past two years", "the last week", "the coming months"
    if is(words, idx, "the") && is_any(words, idx + 1, &["past", "last", "next", "coming", "previous"]) {
        if let Some((end, value, unit)) = amount_unit(words, idx + 2) {
            return hit(end, value, unit, "duration.span");
        }
        if let Some((unit, plural)) = text(words, idx + 2).and_then(lexicon::unit) {
            let value = if plural { None } else { Some(1) };
            return hit(idx + 3, value, unit, "duration.span");
        }
    }
    // "a two-day visit", "a 10-year plan"
    if is_hyphen(words, idx + 1) && adjacent(words, idx, idx + 1) && adjacent(words, idx + 1, idx + 2) {
        if let Some(value) = text(words, idx).and_then(lexicon::number) {
            if let Some((unit, false)) = text(words, idx + 2).and_then(lexicon::unit) {
                return hit(idx + 3, Some(value), unit, "duration.compound");
            }
        }
    }
    if let Some((end, value, unit)) = amount_unit(words, idx) {
        return hit(end, value, unit, "duration.amount");
    }
    // "for hours", "within days"
    if let Some((unit, true)) = text(words, idx).and_then(lexicon::unit) {
        if prev_is_any(words, idx, &["for", "within", "over", "after", "in", "lasting", "took"]) {
            return hit(idx + 1, None, unit, "duration.unspecified");
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_pattern_matches_at_a_cue_word() {
        let rests: [&[&str]; 9] = [
            &["two", "days", "ago"],
            &["Monday", "morning"],
            &["2021"],
            &["the", "day", "before", "yesterday"],
            &["3", "p.m.", "GMT"],
            &["January", "12", ",", "2022"],
            &["the", "end", "of", "the", "year"],
            &["-", "week"],
            &["days"],
        ];
        for cue in CUE_WORDS {
            assert!(role(cue) == Role::Cue, "{cue}");
            for rest in rests {
                let mut offset = 0;
                let words: Vec<Word> = std::iter::once(*cue)
                    .chain(rest.iter().copied())
                    .map(|text| {
                        let word = Word { text, xpos: "NN", start: offset, end: offset + text.len() };
                        offset += text.len() + 1;
                        word
                    })
                    .collect();
                assert!(PATTERNS.iter().all(|pattern| pattern(&words, 0).is_none()), "{cue} {rest:?}");
            }
        }
    }
}
