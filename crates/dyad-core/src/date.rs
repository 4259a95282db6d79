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
