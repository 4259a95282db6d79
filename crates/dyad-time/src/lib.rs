//! Temporal expressions in news sentences, normalised to TIMEX3 values.
//!
//! The crate works on one tokenised and tagged sentence at a time and has
//! three steps, each a plain function or a small value:
//!
//! * [`find`]: words → [`Found`] expressions (leftmost-longest, never
//!   overlapping), each with a [`Kind`], a symbolic [`Meaning`] and the id
//!   of the rule that matched ("date.weekday", "duration.amount", …).
//! * [`direction`]: the tense of the clause around an expression
//!   ([`Direction::Past`], [`Direction::Future`] or unknown), with the cue
//!   that decided it. Bare weekdays, month names without a year and "the
//!   weekend" need it.
//! * [`Resolver`]: a [`Found`] and its direction → a [`Timex`] value
//!   (`2022-01-12`, `2022-W02`, `P3D`, `XXXX-WXX-1`, `PAST_REF`, …) relative
//!   to the document's reference date. The resolver remembers the last date
//!   it resolved, so "two days later" counts from the previous date in the
//!   document; resolve expressions in document order.
//!
//! Values follow the TimeML/TIMEX3 conventions HeidelTime uses for news.
//! Relative expressions keep the granularity of their unit: "two weeks ago"
//! is a week (`2021-W52`), "three days ago" a day, "a year ago" a year; the
//! [`Timex::range`] gives the first and last day in every case.
//!
//! Matching never fails and never panics on strange input: unknown words
//! are skipped, impossible dates ("Feb. 30") resolve to nothing.
//!
//! [`absolute_parts`] and [`weekday_of`] expose the written parts of a
//! meaning, for callers that infer or check a document's date themselves.
//!
//! ```
//! use chrono::NaiveDate;
//! use dyad_time::{direction, find, Resolver, Word};
//!
//! // "Talks ended on Monday." with its tags and byte offsets.
//! let words = [
//!     Word { text: "Talks", xpos: "NNS", start: 0, end: 5 },
//!     Word { text: "ended", xpos: "VBD", start: 6, end: 11 },
//!     Word { text: "on", xpos: "IN", start: 12, end: 14 },
//!     Word { text: "Monday", xpos: "NNP", start: 15, end: 21 },
//!     Word { text: ".", xpos: ".", start: 21, end: 22 },
//! ];
//! let found = find(&words);
//! assert_eq!(found.len(), 1);
//! let (tense, _cue) = direction(&words, &found[0]);
//! let mut resolver = Resolver::new(NaiveDate::from_ymd_opt(2022, 1, 12).unwrap());
//! let timex = resolver.resolve(&found[0], tense).unwrap();
//! assert_eq!(timex.value, "2022-01-10");
//! ```
#![deny(missing_docs)]

mod direction;
mod find;
mod lexicon;
mod resolve;
#[cfg(test)]
mod tests;

pub use chrono::{NaiveDate, Weekday};
pub use direction::{direction, Direction};
pub use find::find;
pub use resolve::{Resolver, Timex};

/// One token of a tagged sentence, as the pipeline gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'a> {
    /// The token's analysis form (truecased; matched case-insensitively).
    pub text: &'a str,
    /// Its Penn Treebank tag (`VBD`, `MD`, `NNP`, `CD`, …).
    pub xpos: &'a str,
    /// Byte offset of its start in the document.
    pub start: usize,
    /// Byte offset of its end in the document (exclusive).
    pub end: usize,
}

/// The TIMEX3 type of an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A calendar date or period: a day, week, month, season, year, decade,
    /// or a present/past/future reference.
    Date,
    /// A time of day, possibly on a given day: "3 p.m.", "Monday morning".
    Time,
    /// An amount of time: "two days", "a decade".
    Duration,
    /// A recurring time: "every Monday", "daily".
    Set,
}

/// A temporal expression found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Index of its first word in the sentence.
    pub start: usize,
    /// Index one past its last word in the sentence.
    pub end: usize,
    /// Its TIMEX3 type.
    pub kind: Kind,
    /// What it says, before resolution against a reference date.
    pub meaning: Meaning,
    /// Id of the rule that found it, e.g. `"date.calendar.month-day"`.
    pub rule: &'static str,
}

/// A unit of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    /// Minutes.
    Minute,
    /// Hours.
    Hour,
    /// Days.
    Day,
    /// Weeks.
    Week,
    /// Months.
    Month,
    /// Quarters of a year.
    Quarter,
    /// Years.
    Year,
    /// Decades.
    Decade,
    /// Centuries.
    Century,
}

/// How a weekday, weekend or unit is placed relative to the reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shift {
    /// Written alone ("Monday", "the weekend"): the clause's tense decides.
    Bare,
    /// "this Monday", "this weekend".
    This,
    /// "last Monday", "last weekend".
    Last,
    /// "next Monday", "next weekend".
    Next,
}

/// A part of a longer period: "early 2022", "mid-January", "the end of the year".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    /// "early", "the start of", "the beginning of".
    Early,
    /// "mid-", "the middle of".
    Mid,
    /// "late", "the end of".
    Late,
    /// "earlier this …": the part before the reference date.
    Earlier,
    /// "later this …": the part after the reference date.
    Later,
}

/// A part of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DayPart {
    /// Morning (`TMO`).
    Morning,
    /// Afternoon (`TAF`).
    Afternoon,
    /// Evening (`TEV`).
    Evening,
    /// Night (`TNI`).
    Night,
}

/// A time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeOfDay {
    /// A clock time on the 24-hour clock; midnight is `24:00`.
    Clock {
        /// Hour, 0–24.
        hour: u32,
        /// Minute, 0–59.
        minute: u32,
    },
    /// A part of the day.
    Part(DayPart),
}

/// A season of the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Season {
    /// Spring (`SP`), March to May.
    Spring,
    /// Summer (`SU`), June to August.
    Summer,
    /// Autumn or fall (`FA`), September to November.
    Autumn,
    /// Winter (`WI`), December to February; `2022-WI` ends in February 2022.
    Winter,
}

/// Which year a season or quarter belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum YearRef {
    /// The year is written: "summer 2021".
    Written(i32),
    /// Offset from the reference year: "last summer" is -1.
    Offset(i32),
    /// No year ("in the summer"): the clause's tense decides.
    Bare,
}

/// A present, past or future reference without a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reference {
    /// "now", "currently" (`PRESENT_REF`).
    Present,
    /// "recently", "in the past" (`PAST_REF`).
    Past,
    /// "soon", "in the future" (`FUTURE_REF`).
    Future,
}

/// What a temporal expression says, before it is resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Meaning {
    /// Calendar parts as written: "Jan. 12", "December 2021", "2022",
    /// "mid-January", "2022-01-12", optionally with a time of day.
    Calendar {
        /// The year, when written.
        year: Option<i32>,
        /// The month (1–12), when written.
        month: Option<u32>,
        /// The day of the month, when written.
        day: Option<u32>,
        /// "early", "mid-", "late", …
        part: Option<Part>,
        /// A time of day on that date ("Jan. 12 at 3 p.m.").
        time: Option<TimeOfDay>,
    },
    /// A named weekday: "Monday", "last Friday", "Wednesday night".
    Weekday {
        /// The day.
        weekday: Weekday,
        /// "this", "last", "next" or none.
        shift: Shift,
        /// A time of day on that day.
        time: Option<TimeOfDay>,
    },
    /// A day relative to the reference: "today" (0), "yesterday" (-1),
    /// "the day after tomorrow" (2), "tonight" (0 at night).
    DayOffset {
        /// Days from the reference date.
        days: i32,
        /// A time of day on that day.
        time: Option<TimeOfDay>,
    },
    /// A time of day without a day ("3 p.m.", "noon"): on the last
    /// resolved day, or the reference date.
    Time(TimeOfDay),
    /// A period relative to the reference: "this week" (0), "last month"
    /// (-1), "next year" (1), "three days ago" (-3), "in two weeks" (2).
    Relative {
        /// The unit of the period, which is also the value's granularity.
        unit: Unit,
        /// Periods from the one containing the reference date.
        offset: i32,
        /// "earlier this year", "late last year", "the end of next month".
        part: Option<Part>,
    },
    /// A weekend: "over the weekend", "this weekend", "next weekend".
    Weekend {
        /// "this", "last", "next" or none.
        shift: Shift,
    },
    /// A season: "this summer", "winter 2021", "in the spring".
    Season {
        /// The season.
        season: Season,
        /// Its year.
        year: YearRef,
    },
    /// A quarter: "the first quarter", "Q3 2021", "the fourth quarter of last year".
    Quarter {
        /// The quarter, 1–4.
        quarter: u32,
        /// Its year.
        year: YearRef,
    },
    /// A decade, as its first three digits: "the 1990s" is 199.
    Decade {
        /// The year divided by ten.
        decade: i32,
    },
    /// A period relative to the previous date in the document: "two days
    /// later" (+2 days), "the day before" (-1), "the following week" (+1),
    /// "the same day" (0).
    Anaphoric {
        /// The unit, which is also the value's granularity.
        unit: Unit,
        /// Periods from the previous date.
        offset: i32,
    },
    /// An amount of time: "two days", "a decade", "hours" (no amount).
    Duration {
        /// How many units; `None` when unspecified ("for hours", "several days").
        amount: Option<u32>,
        /// The unit.
        unit: Unit,
    },
    /// A recurring period: "daily" (1 day), "every two weeks", "annually".
    Every {
        /// Units between occurrences.
        amount: u32,
        /// The unit.
        unit: Unit,
    },
    /// A recurring weekday: "every Monday", "on Fridays".
    EveryWeekday {
        /// The day.
        weekday: Weekday,
    },
    /// "now", "recently", "soon", …
    Reference(Reference),
}

impl Meaning {
    /// The TIMEX3 type of an expression with this meaning.
    pub fn kind(&self) -> Kind {
        match self {
            Meaning::Calendar { time: Some(_), .. }
            | Meaning::Weekday { time: Some(_), .. }
            | Meaning::DayOffset { time: Some(_), .. }
            | Meaning::Time(_) => Kind::Time,
            Meaning::Duration { .. } => Kind::Duration,
            Meaning::Every { .. } | Meaning::EveryWeekday { .. } => Kind::Set,
            _ => Kind::Date,
        }
    }
}

/// The calendar parts written in an expression: `(year, month, day)`, each
/// when present. `None` for expressions that are not written as calendar
/// parts (weekdays, relative dates, durations, …). A season or quarter with
/// a written year gives that year.
pub fn absolute_parts(meaning: &Meaning) -> Option<(Option<i32>, Option<u32>, Option<u32>)> {
    match *meaning {
        Meaning::Calendar { year, month, day, .. } => Some((year, month, day)),
        Meaning::Season { year: YearRef::Written(year), .. }
        | Meaning::Quarter { year: YearRef::Written(year), .. } => Some((Some(year), None, None)),
        _ => None,
    }
}

/// The weekday a single word names ("Monday", "WEDNESDAY", "Thu."), if any.
pub fn weekday_word(word: &str) -> Option<Weekday> {
    lexicon::weekday(word)
}

/// The weekday an expression names ("Monday", "last Friday"), for
/// checking it against a date written nearby. Recurring weekdays ("every
/// Monday") give `None`.
pub fn weekday_of(meaning: &Meaning) -> Option<Weekday> {
    match *meaning {
        Meaning::Weekday { weekday, .. } => Some(weekday),
        _ => None,
    }
}
