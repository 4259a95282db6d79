//! Calendar dates as analysts write them: `YYYY-MM-DD`, validated.

use std::fmt;

/// A proleptic Gregorian calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, 1–9999.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, 1–31 as the month allows.
    pub day: u8,
}

/// Why a string is not a date.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid date {input:?}: expected YYYY-MM-DD")]
pub struct DateError {
    input: String,
}

impl Date {
    /// Builds a date, checking month and day ranges (leap years included).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) || day == 0 {
            return None;
        }
        (day <= days_in_month(year, month)).then_some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`, ignoring anything after the day when it starts
    /// with `T` or a space (so ISO timestamps give their date).
    pub fn parse(input: &str) -> Result<Date, DateError> {
        let error = || DateError { input: input.to_string() };
        let s = input.trim();
        let bytes = s.as_bytes();
        if bytes.len() < 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return Err(error());
        }
        if bytes.len() > 10 && !matches!(bytes[10], b'T' | b't' | b' ') {
            return Err(error());
        }
        let number = |range: std::ops::Range<usize>| -> Option<u16> {
            let part = s.get(range)?;
            if !part.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            part.parse().ok()
        };
        let year = number(0..4).ok_or_else(error)?;
        let month = number(5..7).ok_or_else(error)? as u8;
        let day = number(8..10).ok_or_else(error)? as u8;
        Date::new(year, month, day).ok_or_else(error)
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let (month, day) = (i64::from(self.month), i64::from(self.day));
        let year = i64::from(self.year) - i64::from(month <= 2);
        let era = year.div_euclid(400);
        let yoe = year - era * 400;
        let doy = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01; `None` outside years 1–9999.
    pub fn from_days_since_epoch(days: i64) -> Option<Date> {
        // Howard Hinnant's civil_from_days.
        let z = days.checked_add(719_468)?;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(u16::try_from(year).ok()?, month as u8, day as u8)
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_dates_and_timestamps() {
        let cases = [
            ("2022-01-10", Some("2022-01-10")),
            ("2022-01-10T09:30:00Z", Some("2022-01-10")),
            (" 2024-02-29 ", Some("2024-02-29")),
            ("2023-02-29", None),
            ("2022-13-01", None),
            ("2022-1-10", None),
            ("10/01/2022", None),
            ("2022-01-10x", None),
            ("", None),
        ];
        for (input, want) in cases {
            let got = Date::parse(input).ok().map(|d| d.to_string());
            assert_eq!(got.as_deref(), want, "{input:?}");
        }
    }
}

#[cfg(test)]
mod epoch_tests {
    use super::Date;

    #[test]
    fn days_since_epoch_round_trip() {
        assert_eq!(Date::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
        assert_eq!(Date::new(2022, 1, 10).unwrap().days_since_epoch(), 19_002);
        assert_eq!(Date::new(1969, 12, 31).unwrap().days_since_epoch(), -1);
        for days in (-719_000..2_900_000).step_by(997) {
            let date = Date::from_days_since_epoch(days).expect("a date in range");
            assert_eq!(date.days_since_epoch(), days, "{date}");
        }
        assert_eq!(Date::from_days_since_epoch(i64::MAX), None);
        assert_eq!(Date::from_days_since_epoch(3_000_000), None, "past 9999");
        assert_eq!(Date::from_days_since_epoch(-800_000), None, "before year 1");
    }
}
