//! Word lists and single-token readers: month and weekday names, number
//! words ("two" … "sixty"), ordinals, units, seasons, parts of the day,
//! clock times, years and decades.
//!
//! Every reader takes one token's text, compares it ASCII
//! case-insensitively ("WEDNESDAY", "Jan."), and returns `None` for
//! anything it does not know. None of them allocate.

use crate::{DayPart, Season, Unit};
use chrono::Weekday;

/// ASCII case-insensitive equality.
#[inline]
pub(crate) fn eq(text: &str, word: &str) -> bool {
    text.eq_ignore_ascii_case(word)
}

/// Whether `text` is one of `list` (case-insensitively).
pub(crate) fn any(text: &str, list: &[&str]) -> bool {
    list.iter().any(|word| eq(text, word))
}

/// The possessive clitic, straight or curly.
pub(crate) fn is_possessive(text: &str) -> bool {
    eq(text, "'s") || eq(text, "\u{2019}s") || text == "'" || text == "\u{2019}"
}

/// A month name as written, with whether it needs a cue to count as one.
#[derive(Debug, Clone, Copy)]
pub(crate) struct MonthWord {
    /// 1–12.
    pub(crate) month: u32,
    /// "May", "March", "August" and the abbreviations are also ordinary
    /// words or names; they count only with a day, a year or a cue.
    pub(crate) needs_cue: bool,
}

const MONTHS: [&str; 12] = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
];

const MONTH_ABBREVIATIONS: [(&str, u32); 12] = [
    ("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("jun", 6), ("jul", 7), ("aug", 8),
    ("sep", 9), ("sept", 9), ("oct", 10), ("nov", 11), ("dec", 12),
];

/// The English name of a month (1–12), for reason lines.
pub(crate) fn month_name(month: u32) -> &'static str {
    const NAMES: [&str; 12] = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
    ];
    month.checked_sub(1).and_then(|idx| NAMES.get(idx as usize)).copied().unwrap_or("?")
}

/// The English name of a weekday, for reason lines.
pub(crate) fn weekday_name(day: Weekday) -> &'static str {
    WEEKDAYS.iter().zip(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])
        .find(|((_, d), _)| *d == day)
        .map_or("?", |(_, name)| name)
}

/// A month name or abbreviation ("January", "Jan.", "SEPT").
pub(crate) fn month(text: &str) -> Option<MonthWord> {
    if let Some(index) = MONTHS.iter().position(|name| eq(text, name)) {
        let month = index as u32 + 1;
        return Some(MonthWord { month, needs_cue: matches!(month, 3 | 5 | 8) });
    }
    let bare = text.strip_suffix('.').unwrap_or(text);
    MONTH_ABBREVIATIONS
        .iter()
        .find(|(abbreviation, _)| eq(bare, abbreviation))
        .map(|&(_, month)| MonthWord { month, needs_cue: true })
}

const WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

/// Abbreviations that count only with their period and a capital ("Sun."
/// is left out: it is more often a newspaper).
const WEEKDAY_ABBREVIATIONS: [(&str, Weekday); 9] = [
    ("mon.", Weekday::Mon),
    ("tue.", Weekday::Tue),
    ("tues.", Weekday::Tue),
    ("wed.", Weekday::Wed),
    ("thu.", Weekday::Thu),
    ("thur.", Weekday::Thu),
    ("thurs.", Weekday::Thu),
    ("fri.", Weekday::Fri),
    ("sat.", Weekday::Sat),
];

/// Every form [`month`], [`weekday`] and [`weekday_plural`] accept,
/// lowercased: each compares ignoring ASCII case with one of these, so a
/// word that is none of them (most words) needs none of their list
/// searches.
pub(crate) fn calendar_forms() -> Vec<String> {
    let mut forms = Vec::new();
    for month in MONTHS {
        forms.push(month.to_string());
    }
    for (abbreviation, _) in MONTH_ABBREVIATIONS {
        forms.push(abbreviation.to_string());
        forms.push(format!("{abbreviation}."));
    }
    for name in WEEKDAYS.iter().map(|(n, _)| n).chain(WEEKDAY_ABBREVIATIONS.iter().map(|(n, _)| n)) {
        forms.push(name.to_string());
        forms.push(format!("{name}s"));
    }
    forms
}

/// Whether `text` is one of the [`calendar_forms`], ignoring ASCII case.
#[cfg(test)]
pub(crate) fn may_be_calendar_word(text: &str) -> bool {
    calendar_forms().iter().any(|form| eq(text, form))
}

/// A weekday name ("Monday", "WEDNESDAY", "Fri.").
pub(crate) fn weekday(text: &str) -> Option<Weekday> {
    if let Some(&(_, day)) = WEEKDAYS.iter().find(|(name, _)| eq(text, name)) {
        return Some(day);
    }
    if !text.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    WEEKDAY_ABBREVIATIONS.iter().find(|(name, _)| eq(text, name)).map(|&(_, day)| day)
}

/// A plural weekday ("Mondays"), as in "on Mondays".
pub(crate) fn weekday_plural(text: &str) -> Option<Weekday> {
    weekday(text.strip_suffix(['s', 'S'])?)
}

const NUMBER_WORDS: [(&str, u32); 24] = [
    ("one", 1), ("two", 2), ("three", 3), ("four", 4), ("five", 5), ("six", 6), ("seven", 7),
    ("eight", 8), ("nine", 9), ("ten", 10), ("eleven", 11), ("twelve", 12), ("thirteen", 13),
    ("fourteen", 14), ("fifteen", 15), ("sixteen", 16), ("seventeen", 17), ("eighteen", 18),
    ("nineteen", 19), ("twenty", 20), ("thirty", 30), ("forty", 40), ("fifty", 50), ("sixty", 60),
];

/// A cardinal number: digits (with thousands commas, "2,000") or a number
/// word ("two" … "twenty", "thirty" … "sixty").
pub(crate) fn number(text: &str) -> Option<u32> {
    if text.starts_with(|c: char| c.is_ascii_digit()) {
        return digits(text);
    }
    NUMBER_WORDS.iter().find(|(word, _)| eq(text, word)).map(|&(_, value)| value)
}

/// Plain ASCII digits with optional thousands commas; `None` on overflow.
pub(crate) fn digits(text: &str) -> Option<u32> {
    if text.is_empty() || !text.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let mut value: u32 = 0;
    for byte in text.bytes() {
        match byte {
            b'0'..=b'9' => {
                value = value.checked_mul(10)?.checked_add(u32::from(byte - b'0'))?;
            }
            b',' => {}
            _ => return None,
        }
    }
    Some(value)
}

/// A day of the month: "12", "01", "12th", "1st", "22nd", "3rd" (1–31).
pub(crate) fn day_of_month(text: &str) -> Option<u32> {
    let lower_suffix = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|suffix| strip_suffix_ci(text, suffix));
    let number_part = lower_suffix.unwrap_or(text);
    if number_part.is_empty() || number_part.len() > 2 || !number_part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let value = digits(number_part)?;
    (1..=31).contains(&value).then_some(value)
}

/// Whether a day number carries an ordinal suffix ("12th").
pub(crate) fn has_ordinal_suffix(text: &str) -> bool {
    text.bytes().last().is_some_and(|b| b.is_ascii_alphabetic())
}

fn strip_suffix_ci<'t>(text: &'t str, suffix: &str) -> Option<&'t str> {
    let cut = text.len().checked_sub(suffix.len())?;
    let (head, tail) = (text.get(..cut)?, text.get(cut..)?);
    eq(tail, suffix).then_some(head)
}

fn strip_prefix_ci<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let head = text.get(..prefix.len())?;
    eq(head, prefix).then(|| text.get(prefix.len()..)).flatten()
}

/// The text after a "mid-" glued to a word ("mid-January" as one token).
pub(crate) fn after_mid(text: &str) -> Option<&str> {
    strip_prefix_ci(text, "mid-").filter(|rest| !rest.is_empty())
}

/// An ordinal for quarters: "first" … "fourth", "1st" … "4th".
pub(crate) fn ordinal(text: &str) -> Option<u32> {
    const WORDS: [(&str, u32); 8] = [
        ("first", 1), ("second", 2), ("third", 3), ("fourth", 4),
        ("1st", 1), ("2nd", 2), ("3rd", 3), ("4th", 4),
    ];
    WORDS.iter().find(|(word, _)| eq(text, word)).map(|&(_, value)| value)
}

/// A quarter written "Q1" … "Q4".
pub(crate) fn quarter_code(text: &str) -> Option<u32> {
    let rest = strip_prefix_ci(text, "q")?;
    match rest {
        "1" => Some(1),
        "2" => Some(2),
        "3" => Some(3),
        "4" => Some(4),
        _ => None,
    }
}

/// A four-digit year from 1900 to 2099.
pub(crate) fn year(text: &str) -> Option<i32> {
    if text.len() != 4 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let value = digits(text)?;
    (1900..=2099).contains(&value).then(|| i32::try_from(value).ok()).flatten()
}

/// A year-first date in one token: "2022-01-12", "2022/01/12".
pub(crate) fn year_first_date(text: &str) -> Option<(i32, u32, u32)> {
    let separator = if text.contains('/') { '/' } else { '-' };
    let mut parts = text.split(separator);
    let (year_part, month_part, day_part) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || month_part.len() != 2 || day_part.len() != 2 {
        return None;
    }
    if !month_part.bytes().chain(day_part.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (month, day) = (digits(month_part)?, digits(day_part)?);
    let valid = (1..=12).contains(&month) && (1..=31).contains(&day);
    valid.then_some((year(year_part)?, month, day))
}

/// A decade: "1990s" → 199, "2000s" → 200, "90s"/"'90s" → 199, "20s" → 202.
pub(crate) fn decade(text: &str) -> Option<i32> {
    let text = text.trim_start_matches(['\'', '\u{2019}']);
    let number_part = strip_suffix_ci(text, "s")?;
    if !number_part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match number_part.len() {
        4 => {
            let value = i32::try_from(digits(number_part)?).ok()?;
            ((1900..=2090).contains(&value) && value % 10 == 0).then_some(value / 10)
        }
        2 => {
            let value = i32::try_from(digits(number_part)?).ok()?;
            if value % 10 != 0 {
                None
            } else if value <= 20 {
                Some(200 + value / 10)
            } else {
                Some(190 + value / 10)
            }
        }
        _ => None,
    }
}

/// A unit word, with whether it is plural ("days").
pub(crate) fn unit(text: &str) -> Option<(Unit, bool)> {
    const UNITS: [(&str, &str, Unit); 9] = [
        ("minute", "minutes", Unit::Minute),
        ("hour", "hours", Unit::Hour),
        ("day", "days", Unit::Day),
        ("week", "weeks", Unit::Week),
        ("month", "months", Unit::Month),
        ("quarter", "quarters", Unit::Quarter),
        ("year", "years", Unit::Year),
        ("decade", "decades", Unit::Decade),
        ("century", "centuries", Unit::Century),
    ];
    UNITS.iter().find_map(|&(singular, plural, unit)| {
        if eq(text, singular) {
            Some((unit, false))
        } else if eq(text, plural) {
            Some((unit, true))
        } else {
            None
        }
    })
}

/// A season name ("summer", "autumn", "fall").
pub(crate) fn season(text: &str) -> Option<Season> {
    const SEASONS: [(&str, Season); 5] = [
        ("spring", Season::Spring),
        ("summer", Season::Summer),
        ("autumn", Season::Autumn),
        ("fall", Season::Autumn),
        ("winter", Season::Winter),
    ];
    SEASONS.iter().find(|(word, _)| eq(text, word)).map(|&(_, season)| season)
}

/// A part of the day ("morning", "night").
pub(crate) fn day_part(text: &str) -> Option<DayPart> {
    const PARTS: [(&str, DayPart); 4] = [
        ("morning", DayPart::Morning),
        ("afternoon", DayPart::Afternoon),
        ("evening", DayPart::Evening),
        ("night", DayPart::Night),
    ];
    PARTS.iter().find(|(word, _)| eq(text, word)).map(|&(_, part)| part)
}

/// "a.m." (false) or "p.m." (true), in their usual spellings.
pub(crate) fn meridiem(text: &str) -> Option<bool> {
    if any(text, &["a.m.", "a.m", "am"]) {
        Some(false)
    } else if any(text, &["p.m.", "p.m", "pm"]) {
        Some(true)
    } else {
        None
    }
}

/// A time zone written after a clock time ("GMT", "UTC", "EST").
pub(crate) fn is_time_zone(text: &str) -> bool {
    any(
        text,
        &[
            "gmt", "utc", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "et", "pt", "bst",
            "cet", "cest", "eet", "eest", "ist", "jst", "msk", "hkt", "sgt", "aest", "aedt",
        ],
    )
}

/// A clock time read from one token.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Clock {
    pub(crate) hour: u32,
    pub(crate) minute: u32,
    /// How it was written, which decides what must follow it.
    pub(crate) form: ClockForm,
}

/// How a clock token was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ClockForm {
    /// "10:30".
    Colon,
    /// "3" (only a clock time with a.m./p.m.).
    Hour,
    /// "0900" (only a clock time with a time zone).
    Military,
    /// "3pm", "10:30am": the meridiem is glued on and already applied.
    Glued,
}

/// A clock time token: "10:30", "3", "0900", "3pm", "10:30am".
pub(crate) fn clock(text: &str) -> Option<Clock> {
    let glued = ["am", "pm", "a.m.", "p.m."]
        .iter()
        .find_map(|suffix| strip_suffix_ci(text, suffix).map(|head| (head, meridiem(suffix))));
    if let Some((head, Some(pm))) = glued {
        let bare = clock(head)?;
        if !matches!(bare.form, ClockForm::Colon | ClockForm::Hour) {
            return None;
        }
        let hour = apply_meridiem(bare.hour, pm)?;
        return Some(Clock { hour, minute: bare.minute, form: ClockForm::Glued });
    }
    if let Some((hours, minutes)) = text.split_once(':') {
        if hours.is_empty() || hours.len() > 2 || minutes.len() != 2 {
            return None;
        }
        if !hours.bytes().chain(minutes.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        let (hour, minute) = (digits(hours)?, digits(minutes)?);
        return (hour <= 24 && minute < 60).then_some(Clock { hour, minute, form: ClockForm::Colon });
    }
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match text.len() {
        1 | 2 => {
            let hour = digits(text)?;
            (hour <= 12).then_some(Clock { hour, minute: 0, form: ClockForm::Hour })
        }
        4 => {
            let hour = digits(text.get(..2)?)?;
            let minute = digits(text.get(2..)?)?;
            (hour < 24 && minute < 60).then_some(Clock { hour, minute, form: ClockForm::Military })
        }
        _ => None,
    }
}

/// A 12-hour clock hour with a.m./p.m. on the 24-hour clock ("12 a.m." is 0).
pub(crate) fn apply_meridiem(hour: u32, pm: bool) -> Option<u32> {
    match (hour, pm) {
        (1..=11, false) => Some(hour),
        (12, false) => Some(0),
        (1..=11, true) => Some(hour + 12),
        (12, true) => Some(12),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_words_pass_the_filter() {
        let mut words: Vec<String> = Vec::new();
        let names = MONTHS.iter().chain(MONTH_ABBREVIATIONS.iter().map(|(n, _)| n)).chain(WEEKDAYS.iter().map(|(n, _)| n));
        for name in names.chain(WEEKDAY_ABBREVIATIONS.iter().map(|(n, _)| n)) {
            for form in [name.to_string(), format!("{name}."), format!("{name}s"), format!("{name}'s"), format!("{name}.s")] {
                let mut capitalised = form.clone();
                capitalised[..1].make_ascii_uppercase();
                words.extend([form.to_ascii_uppercase(), capitalised, form]);
            }
        }
        words.extend(["Mayor", "mar", "Sun.", "sun", "tue", "Tues", "day", "", "é", "Sept"].map(String::from));
        let mut n_calendar = 0;
        for word in &words {
            if month(word).is_some() || weekday(word).is_some() || weekday_plural(word).is_some() {
                assert!(may_be_calendar_word(word), "{word}");
                n_calendar += 1;
            }
        }
        assert!(n_calendar > 100, "{n_calendar}");
        assert!(!may_be_calendar_word("Mayor") && !may_be_calendar_word("talks"));
    }

    #[test]
    fn months_and_weekdays() {
        assert_eq!(month("JAN.").map(|m| m.month), Some(1));
        assert_eq!(month("Sept").map(|m| m.month), Some(9));
        assert_eq!(month("jun").map(|m| m.month), Some(6));
        assert!(month("May").is_some_and(|m| m.needs_cue));
        assert!(month("December").is_some_and(|m| !m.needs_cue));
        assert_eq!(weekday("WEDNESDAY"), Some(Weekday::Wed));
        assert_eq!(weekday("Fri."), Some(Weekday::Fri));
        assert_eq!(weekday("sat."), None);
        assert_eq!(weekday("Sun."), None);
        assert_eq!(weekday_plural("Fridays"), Some(Weekday::Fri));
    }

    #[test]
    fn numbers_and_days() {
        assert_eq!(number("twelve"), Some(12));
        assert_eq!(number("2,000"), Some(2000));
        assert_eq!(number("99999999999"), None);
        assert_eq!(day_of_month("12th"), Some(12));
        assert_eq!(day_of_month("01"), Some(1));
        assert_eq!(day_of_month("32"), None);
        assert_eq!(day_of_month("th"), None);
        assert_eq!(year("2022"), Some(2022));
        assert_eq!(year("2,000"), None);
        assert_eq!(year("1850"), None);
        assert_eq!(decade("1990s"), Some(199));
        assert_eq!(decade("'90s"), Some(199));
        assert_eq!(decade("1995s"), None);
        assert_eq!(year_first_date("2022/01/12"), Some((2022, 1, 12)));
        assert_eq!(year_first_date("2022-01-12"), Some((2022, 1, 12)));
        assert_eq!(year_first_date("12/01/2022"), None);
        assert_eq!(year_first_date("2022-13-01"), None);
    }

    #[test]
    fn clocks() {
        let at = |text| clock(text).map(|c| (c.hour, c.minute));
        assert_eq!(at("10:30"), Some((10, 30)));
        assert_eq!(at("3pm"), Some((15, 0)));
        assert_eq!(at("12am"), Some((0, 0)));
        assert_eq!(at("0900"), Some((9, 0)));
        assert_eq!(at("25:00"), None);
        assert_eq!(at("1:5"), None);
        assert_eq!(at("pm"), None);
        assert_eq!(apply_meridiem(0, true), None);
    }
}
