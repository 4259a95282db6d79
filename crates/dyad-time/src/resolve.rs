//! Resolving found expressions to TIMEX3 values.
//!
//! A [`Resolver`] holds the document's reference date (usually its
//! publication date) and the last date it resolved, which anaphoric
//! expressions ("two days later", "the next day") and bare clock times
//! ("at 3 p.m.") count from. Resolve the expressions of a document in
//! order; every value with a calendar range moves that anchor.
//!
//! Values keep the granularity of what was written: a day
//! (`2022-01-12`), a week (`2022-W02`), a weekend (`2022-W01-WE`), a month
//! (`2022-01`), a quarter (`2022-Q1`), a season (`2022-SU`), a year
//! (`2022`), a decade (`199`), a time (`2022-01-12T15:00`, `…TMO`), a
//! duration (`P3D`, `PT2H`, `PXY`), a set (`XXXX-WXX-1`, `P1W`) or a
//! reference (`PRESENT_REF`, `PAST_REF`, `FUTURE_REF`). Parts such as
//! "early" or "the end of" do not change the value (HeidelTime puts them in
//! a `mod` attribute); the reason mentions them.
//!
//! Date arithmetic is checked: a value outside the years 0–9999 or an
//! impossible date ("Feb. 30") resolves to `None`.

use crate::lexicon::{month_name, weekday_name};
use crate::{
    DayPart, Direction, Found, Kind, Meaning, Part, Reference, Season, Shift, TimeOfDay, Unit, YearRef,
};
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use std::fmt::Write as _;

/// A resolved temporal expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timex {
    /// The TIMEX3 value: `2022-01-12`, `2022-W02`, `P3D`, `PAST_REF`, …
    pub value: String,
    /// The TIMEX3 type.
    pub kind: Kind,
    /// The first and last day the value covers, for date-like values.
    pub range: Option<(NaiveDate, NaiveDate)>,
    /// One readable line on how the value was reached.
    pub reason: String,
    /// Whether the value depends on the reference date or a previous date.
    pub anchored: bool,
}

/// Turns found expressions into values, relative to a reference date and
/// to the dates resolved before them.
#[derive(Debug, Clone)]
pub struct Resolver {
    reference: NaiveDate,
    /// The first day of the last resolved date-like value, and its granularity.
    anchor: Option<(NaiveDate, Unit)>,
}

/// A value before it becomes a [`Timex`].
struct Value {
    value: String,
    range: Option<(NaiveDate, NaiveDate)>,
    reason: String,
    anchored: bool,
    granularity: Unit,
}

impl Resolver {
    /// A resolver for a document written on `reference`.
    pub fn new(reference: NaiveDate) -> Self {
        Resolver { reference, anchor: None }
    }

    /// The reference date.
    pub fn reference(&self) -> NaiveDate {
        self.reference
    }

    /// The first day of the last resolved date-like value, if any.
    pub fn anchor(&self) -> Option<NaiveDate> {
        self.anchor.map(|(date, _)| date)
    }

    /// Resolve one expression, given the direction of its clause (see
    /// [`crate::direction`]). `None` when the value is impossible or out of
    /// range. A value with a calendar range becomes the anchor for later
    /// anaphoric expressions.
    pub fn resolve(&mut self, found: &Found, direction: Direction) -> Option<Timex> {
        let value = self.value(&found.meaning, direction)?;
        if let Some((first, _)) = value.range {
            self.anchor = Some((first, value.granularity));
        }
        Some(Timex {
            value: value.value,
            kind: found.kind,
            range: value.range,
            reason: value.reason,
            anchored: value.anchored,
        })
    }

    fn value(&self, meaning: &Meaning, direction: Direction) -> Option<Value> {
        let reference = self.reference;
        match *meaning {
            Meaning::Calendar { year, month, day, part, time } => self.calendar(year, month, day, part, time, direction),
            Meaning::Weekday { weekday, shift, time } => {
                let (date, how) = weekday_date(reference, weekday, shift, direction)?;
                let name = weekday_name(weekday);
                let written = match shift {
                    Shift::Bare => name.to_string(),
                    Shift::This => format!("this {name}"),
                    Shift::Last => format!("last {name}"),
                    Shift::Next => format!("next {name}"),
                };
                let reason = format!("{written} in {} → {how} {reference}", clause_phrase(direction));
                day_value(date, time, reason, true)
            }
            Meaning::DayOffset { days, time } => {
                let date = add_days(reference, i64::from(days))?;
                let reason = format!("{} the reference date {reference}", day_offset_phrase(days));
                day_value(date, time, reason, true)
            }
            Meaning::Time(time) => {
                let (date, reason) = match self.anchor {
                    Some((date, Unit::Day)) => (date, format!("time of day on the previous date {date}")),
                    _ => (reference, format!("time of day on the reference date {reference}")),
                };
                day_value(date, Some(time), reason, true)
            }
            Meaning::Relative { unit, offset, part } => {
                let (value, range, granularity) = period(reference, unit, offset)?;
                let reason = format!(
                    "{}{} from the reference date {reference}",
                    part_phrase(part),
                    offset_phrase(unit, offset)
                );
                Some(Value { value, range: Some(range), reason, anchored: true, granularity })
            }
            Meaning::Weekend { shift } => weekend(reference, shift, direction),
            Meaning::Season { season, year } => season_value(reference, season, year, direction),
            Meaning::Quarter { quarter, year } => quarter_value(reference, quarter, year, direction),
            Meaning::Decade { decade } => {
                let first_year = decade.checked_mul(10)?;
                let range = (ymd(first_year, 1, 1)?, ymd(first_year.checked_add(9)?, 12, 31)?);
                let reason = format!("the decade from {first_year}");
                Some(Value { value: format!("{decade:03}"), range: Some(range), reason, anchored: false, granularity: Unit::Decade })
            }
            Meaning::Anaphoric { unit, offset } => {
                let (base, from) = match self.anchor {
                    Some((date, _)) => (date, "the previous date"),
                    None => (reference, "the reference date (no previous date)"),
                };
                let (value, range, granularity) = period(base, unit, offset)?;
                let reason = format!("{} from {from} {base}", offset_phrase(unit, offset));
                Some(Value { value, range: Some(range), reason, anchored: true, granularity })
            }
            Meaning::Duration { amount, unit } => {
                let value = duration_value(amount, unit);
                let reason = match amount {
                    Some(amount) => format!("an amount of time: {amount} {}", unit_name(unit, amount != 1)),
                    None => format!("an unspecified number of {}", unit_name(unit, true)),
                };
                Some(Value { value, range: None, reason, anchored: false, granularity: unit })
            }
            Meaning::Every { amount, unit } => {
                let value = duration_value(Some(amount), unit);
                let reason = format!("recurs every {amount} {}", unit_name(unit, amount != 1));
                Some(Value { value, range: None, reason, anchored: false, granularity: unit })
            }
            Meaning::EveryWeekday { weekday } => {
                let value = format!("XXXX-WXX-{}", weekday.number_from_monday());
                let reason = format!("recurs every {}", weekday_name(weekday));
                Some(Value { value, range: None, reason, anchored: false, granularity: Unit::Week })
            }
            Meaning::Reference(reference_kind) => {
                let (value, reason) = match reference_kind {
                    Reference::Present => ("PRESENT_REF", "the present of the reference date"),
                    Reference::Past => ("PAST_REF", "an unspecified time before the reference date"),
                    Reference::Future => ("FUTURE_REF", "an unspecified time after the reference date"),
                };
                Some(Value { value: value.to_string(), range: None, reason: reason.to_string(), anchored: true, granularity: Unit::Day })
            }
        }
    }

    fn calendar(
        &self,
        year: Option<i32>,
        month: Option<u32>,
        day: Option<u32>,
        part: Option<Part>,
        time: Option<TimeOfDay>,
        direction: Direction,
    ) -> Option<Value> {
        let reference = self.reference;
        let Some(month) = month else {
            let year = year?;
            if day.is_some() {
                return None;
            }
            let range = (ymd(year, 1, 1)?, ymd(year, 12, 31)?);
            let reason = format!("{}the year {year} as written", part_phrase(part));
            return Some(Value { value: year_string(year)?, range: Some(range), reason, anchored: false, granularity: Unit::Year });
        };
        let written = match day {
            Some(day) => format!("{} {day}", month_name(month)),
            None => month_name(month).to_string(),
        };
        let (year, anchored, year_reason) = match year {
            Some(year) => (year, false, format!("{}{written} {year} as written", part_phrase(part))),
            None => {
                let (year, why) = infer_year(reference, month, direction)?;
                (year, true, format!("{}{written} with no year → {why}", part_phrase(part)))
            }
        };
        match day {
            Some(day) => {
                let date = ymd(year, month, day)?;
                day_value(date, time, year_reason, anchored)
            }
            None => {
                let range = month_range(year, month)?;
                let value = format!("{}-{month:02}", year_string(year)?);
                Some(Value { value, range: Some(range), reason: year_reason, anchored, granularity: Unit::Month })
            }
        }
    }
}

/// The year of a month written without one: the reference year, moved back
/// in a past clause for a later month and forward in a future clause for
/// an earlier month.
fn infer_year(reference: NaiveDate, month: u32, direction: Direction) -> Option<(i32, String)> {
    let year = reference.year();
    let reference_month = reference.month();
    Some(match direction {
        Direction::Past if month > reference_month => {
            let year = year.checked_sub(1)?;
            (year, format!("a past clause and a month after the reference month → previous year {year}"))
        }
        Direction::Future if month < reference_month => {
            let year = year.checked_add(1)?;
            (year, format!("a future clause and a month before the reference month → next year {year}"))
        }
        _ => (year, format!("year of the reference date {year}")),
    })
}

fn clause_phrase(direction: Direction) -> &'static str {
    match direction {
        Direction::Past => "a past clause",
        Direction::Future => "a future clause",
        Direction::Unknown => "a clause without tense cues",
    }
}

fn part_phrase(part: Option<Part>) -> &'static str {
    match part {
        None => "",
        Some(Part::Early) => "the early part of ",
        Some(Part::Mid) => "the middle of ",
        Some(Part::Late) => "the late part of ",
        Some(Part::Earlier) => "the part before the reference date of ",
        Some(Part::Later) => "the part after the reference date of ",
    }
}

fn day_offset_phrase(days: i32) -> String {
    match days {
        0 => "the day of".to_string(),
        -1 => "the day before".to_string(),
        1 => "the day after".to_string(),
        days if days < 0 => format!("{} days before", days.unsigned_abs()),
        days => format!("{days} days after"),
    }
}

fn offset_phrase(unit: Unit, offset: i32) -> String {
    let count = offset.unsigned_abs();
    let name = unit_name(unit, count != 1);
    match offset {
        0 => format!("the same {name}"),
        offset if offset < 0 => format!("{count} {name} back"),
        _ => format!("{count} {name} ahead"),
    }
}

fn unit_name(unit: Unit, plural: bool) -> &'static str {
    match (unit, plural) {
        (Unit::Minute, false) => "minute",
        (Unit::Minute, true) => "minutes",
        (Unit::Hour, false) => "hour",
        (Unit::Hour, true) => "hours",
        (Unit::Day, false) => "day",
        (Unit::Day, true) => "days",
        (Unit::Week, false) => "week",
        (Unit::Week, true) => "weeks",
        (Unit::Month, false) => "month",
        (Unit::Month, true) => "months",
        (Unit::Quarter, false) => "quarter",
        (Unit::Quarter, true) => "quarters",
        (Unit::Year, false) => "year",
        (Unit::Year, true) => "years",
        (Unit::Decade, false) => "decade",
        (Unit::Decade, true) => "decades",
        (Unit::Century, false) => "century",
        (Unit::Century, true) => "centuries",
    }
}

// ---- calendar arithmetic, all checked ----

fn ymd(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

fn add_days(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    if days >= 0 {
        date.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
    }
}

fn add_months(date: NaiveDate, months: i32) -> Option<NaiveDate> {
    if months >= 0 {
        date.checked_add_months(Months::new(months.unsigned_abs()))
    } else {
        date.checked_sub_months(Months::new(months.unsigned_abs()))
    }
}

fn year_string(year: i32) -> Option<String> {
    (0..=9999).contains(&year).then(|| format!("{year:04}"))
}

fn date_string(date: NaiveDate) -> Option<String> {
    Some(format!("{}-{:02}-{:02}", year_string(date.year())?, date.month(), date.day()))
}

fn month_range(year: i32, month: u32) -> Option<(NaiveDate, NaiveDate)> {
    let first = ymd(year, month, 1)?;
    let last = add_days(add_months(first, 1)?, -1)?;
    Some((first, last))
}

fn monday_of(date: NaiveDate) -> Option<NaiveDate> {
    add_days(date, -i64::from(date.weekday().num_days_from_monday()))
}

fn week_string(date: NaiveDate) -> Option<String> {
    let week = date.iso_week();
    Some(format!("{}-W{:02}", year_string(week.year())?, week.week()))
}

/// A value for a day, with its time of day when there is one.
fn day_value(date: NaiveDate, time: Option<TimeOfDay>, reason: String, anchored: bool) -> Option<Value> {
    let mut value = date_string(date)?;
    if let Some(time) = time {
        match time {
            TimeOfDay::Clock { hour, minute } => {
                let _ = write!(value, "T{hour:02}:{minute:02}");
            }
            TimeOfDay::Part(part) => value.push_str(match part {
                DayPart::Morning => "TMO",
                DayPart::Afternoon => "TAF",
                DayPart::Evening => "TEV",
                DayPart::Night => "TNI",
            }),
        }
    }
    Some(Value { value, range: Some((date, date)), reason, anchored, granularity: Unit::Day })
}

/// The period `offset` units from the one containing `base`: its value,
/// its days and its granularity.
fn period(base: NaiveDate, unit: Unit, offset: i32) -> Option<(String, (NaiveDate, NaiveDate), Unit)> {
    let year = base.year();
    match unit {
        // no clock time is known: the day is the best value
        Unit::Minute | Unit::Hour => Some((date_string(base)?, (base, base), Unit::Day)),
        Unit::Day => {
            let date = add_days(base, i64::from(offset))?;
            Some((date_string(date)?, (date, date), Unit::Day))
        }
        Unit::Week => {
            let monday = add_days(monday_of(base)?, i64::from(offset).checked_mul(7)?)?;
            Some((week_string(monday)?, (monday, add_days(monday, 6)?), Unit::Week))
        }
        Unit::Month => {
            let first = add_months(ymd(year, base.month(), 1)?, offset)?;
            let value = format!("{}-{:02}", year_string(first.year())?, first.month());
            Some((value, month_range(first.year(), first.month())?, Unit::Month))
        }
        Unit::Quarter => {
            let index = year.checked_mul(4)?.checked_add(i32::try_from((base.month() - 1) / 3).ok()?)?.checked_add(offset)?;
            let (year, quarter) = (index.div_euclid(4), index.rem_euclid(4).unsigned_abs() + 1);
            Some((format!("{}-Q{quarter}", year_string(year)?), quarter_range(year, quarter)?, Unit::Quarter))
        }
        Unit::Year => {
            let year = year.checked_add(offset)?;
            Some((year_string(year)?, (ymd(year, 1, 1)?, ymd(year, 12, 31)?), Unit::Year))
        }
        Unit::Decade => {
            let decade = year.div_euclid(10).checked_add(offset)?;
            let first = decade.checked_mul(10)?;
            if !(0..=999).contains(&decade) {
                return None;
            }
            Some((format!("{decade:03}"), (ymd(first, 1, 1)?, ymd(first + 9, 12, 31)?), Unit::Decade))
        }
        Unit::Century => {
            let century = year.div_euclid(100).checked_add(offset)?;
            let first = century.checked_mul(100)?;
            if !(0..=99).contains(&century) {
                return None;
            }
            Some((format!("{century:02}"), (ymd(first, 1, 1)?, ymd(first + 99, 12, 31)?), Unit::Century))
        }
    }
}

fn quarter_range(year: i32, quarter: u32) -> Option<(NaiveDate, NaiveDate)> {
    let first_month = quarter.checked_sub(1)?.checked_mul(3)? + 1;
    let first = ymd(year, first_month, 1)?;
    let last = add_days(add_months(first, 3)?, -1)?;
    Some((first, last))
}

/// The date a weekday names, and how it was chosen.
fn weekday_date(reference: NaiveDate, weekday: Weekday, shift: Shift, direction: Direction) -> Option<(NaiveDate, String)> {
    let name = weekday_name(weekday);
    let from_monday = reference.weekday().num_days_from_monday();
    let back = i64::from((from_monday + 7 - weekday.num_days_from_monday()) % 7);
    let forward = (7 - back) % 7;
    let on_or_before = || (add_days(reference, -back), format!("the {name} on or before"));
    let on_or_after = || (add_days(reference, forward), format!("the {name} on or after"));
    let (date, how) = match (shift, direction) {
        (Shift::Last, _) => {
            let back = if back == 0 { 7 } else { back };
            (add_days(reference, -back), format!("the {name} before"))
        }
        (Shift::Next, _) => {
            let forward = if forward == 0 { 7 } else { forward };
            (add_days(reference, forward), format!("the {name} after"))
        }
        (_, Direction::Past) => on_or_before(),
        (_, Direction::Future) => on_or_after(),
        (Shift::This, Direction::Unknown) => {
            let monday = monday_of(reference)?;
            (add_days(monday, i64::from(weekday.num_days_from_monday())), format!("the {name} in the week of"))
        }
        (Shift::Bare, Direction::Unknown) if back <= forward => (add_days(reference, -back), format!("the nearest {name} (on or before)")),
        (Shift::Bare, Direction::Unknown) => (add_days(reference, forward), format!("the nearest {name} (after)")),
    };
    Some((date?, how))
}

fn weekend(reference: NaiveDate, shift: Shift, direction: Direction) -> Option<Value> {
    let this_saturday = add_days(monday_of(reference)?, 5)?;
    let (saturday, how) = match (shift, direction) {
        (Shift::This, _) => (this_saturday, "the weekend of the week of"),
        (Shift::Last, _) => (add_days(this_saturday, -7)?, "the weekend of the week before"),
        (Shift::Next, _) => (add_days(this_saturday, 7)?, "the weekend of the week after"),
        (Shift::Bare, Direction::Future) => (this_saturday, "a future clause → the coming weekend of"),
        (Shift::Bare, _) => {
            let back = (reference.weekday().num_days_from_monday() + 2) % 7;
            let why = if direction == Direction::Past {
                "a past clause → the weekend on or before"
            } else {
                "no tense cue → the last weekend on or before"
            };
            (add_days(reference, -i64::from(back))?, why)
        }
    };
    let value = format!("{}-WE", week_string(saturday)?);
    let reason = format!("{how} {reference}");
    Some(Value { value, range: Some((saturday, add_days(saturday, 1)?)), reason, anchored: true, granularity: Unit::Week })
}

fn season_index(season: Season) -> u32 {
    match season {
        Season::Winter => 0,
        Season::Spring => 1,
        Season::Summer => 2,
        Season::Autumn => 3,
    }
}

/// The season containing a date, with its year (December belongs to the
/// next year's winter).
fn season_of(date: NaiveDate) -> (Season, i32) {
    match date.month() {
        12 => (Season::Winter, date.year().saturating_add(1)),
        1 | 2 => (Season::Winter, date.year()),
        3..=5 => (Season::Spring, date.year()),
        6..=8 => (Season::Summer, date.year()),
        _ => (Season::Autumn, date.year()),
    }
}

fn season_value(reference: NaiveDate, season: Season, year: YearRef, direction: Direction) -> Option<Value> {
    let (current, current_year) = season_of(reference);
    let (year, anchored, why) = match year {
        YearRef::Written(year) => (year, false, "as written".to_string()),
        YearRef::Offset(offset) => {
            // Seasons in order (winter first in its year): "last summer" is
            // the latest summer before the current season, "next winter" the
            // first after it, "this spring" the nearest one (ties ahead).
            let now = i64::from(current_year) * 4 + i64::from(season_index(current));
            let wanted = i64::from(season_index(season));
            let at = |year: i64| year * 4 + wanted;
            let here = i64::from(current_year);
            let ordinal = match offset.signum() {
                -1 => [here, here - 1].into_iter().map(at).find(|&n| n < now)? - 4 * (i64::from(offset.unsigned_abs()) - 1),
                1 => [here, here + 1].into_iter().map(at).find(|&n| n > now)? + 4 * (i64::from(offset.unsigned_abs()) - 1),
                _ => [here - 1, here, here + 1].into_iter().map(at).min_by_key(|&n| ((n - now).abs(), n < now))?,
            };
            let year = i32::try_from(ordinal.div_euclid(4)).ok()?;
            (year, true, format!("{} from the reference date {reference}", offset_phrase(Unit::Year, offset)))
        }
        YearRef::Bare => {
            let (index, current_index) = (season_index(season), season_index(current));
            let year = match direction {
                Direction::Past if index > current_index => current_year.checked_sub(1)?,
                Direction::Future if index < current_index => current_year.checked_add(1)?,
                _ => current_year,
            };
            (year, true, format!("in {} relative to the reference date {reference}", clause_phrase(direction)))
        }
    };
    let (code, first, last) = match season {
        Season::Spring => ("SP", ymd(year, 3, 1)?, ymd(year, 5, 31)?),
        Season::Summer => ("SU", ymd(year, 6, 1)?, ymd(year, 8, 31)?),
        Season::Autumn => ("FA", ymd(year, 9, 1)?, ymd(year, 11, 30)?),
        Season::Winter => ("WI", ymd(year.checked_sub(1)?, 12, 1)?, add_days(ymd(year, 3, 1)?, -1)?),
    };
    let value = format!("{}-{code}", year_string(year)?);
    Some(Value { value, range: Some((first, last)), reason: format!("season {why}"), anchored, granularity: Unit::Quarter })
}

fn quarter_value(reference: NaiveDate, quarter: u32, year: YearRef, direction: Direction) -> Option<Value> {
    if !(1..=4).contains(&quarter) {
        return None;
    }
    let current = (reference.month() - 1) / 3 + 1;
    let (year, anchored, why) = match year {
        YearRef::Written(year) => (year, false, "as written".to_string()),
        YearRef::Offset(offset) => {
            let year = reference.year().checked_add(offset)?;
            (year, true, format!("of the year {}", offset_phrase(Unit::Year, offset)))
        }
        YearRef::Bare => {
            let year = match direction {
                Direction::Past if quarter > current => reference.year().checked_sub(1)?,
                Direction::Future if quarter < current => reference.year().checked_add(1)?,
                _ => reference.year(),
            };
            (year, true, format!("in {} relative to the reference date {reference}", clause_phrase(direction)))
        }
    };
    let value = format!("{}-Q{quarter}", year_string(year)?);
    Some(Value { value, range: Some(quarter_range(year, quarter)?), reason: format!("quarter {why}"), anchored, granularity: Unit::Quarter })
}

fn duration_value(amount: Option<u32>, unit: Unit) -> String {
    let number = |amount: Option<u32>| amount.map_or_else(|| "X".to_string(), |n| n.to_string());
    match unit {
        Unit::Minute => format!("PT{}M", number(amount)),
        Unit::Hour => format!("PT{}H", number(amount)),
        Unit::Day => format!("P{}D", number(amount)),
        Unit::Week => format!("P{}W", number(amount)),
        Unit::Month => format!("P{}M", number(amount)),
        Unit::Quarter => format!("P{}Q", number(amount)),
        Unit::Year => format!("P{}Y", number(amount)),
        Unit::Decade => match amount.and_then(|n| n.checked_mul(10)) {
            Some(years) => format!("P{years}Y"),
            None => "PXDE".to_string(),
        },
        Unit::Century => match amount.and_then(|n| n.checked_mul(100)) {
            Some(years) => format!("P{years}Y"),
            None => "PXCE".to_string(),
        },
    }
}
