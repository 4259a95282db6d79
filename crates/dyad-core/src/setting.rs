//! When and where: temporal expressions, places, and the date and place
//! each event and quote is set at.

use std::ops::Range;

use crate::{Date, Provenance, Span};

/// What a temporal expression denotes (TIMEX3 types).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimeKind {
    /// A calendar date or period: a day, week, month, season, year, decade.
    Date,
    /// A time of day, with its date.
    Time,
    /// A length of time ("two weeks").
    Duration,
    /// A recurrence ("every Monday", "daily").
    Set,
}

impl TimeKind {
    /// The TIMEX3 type name (`DATE`, `TIME`, `DURATION`, `SET`).
    pub fn as_str(self) -> &'static str {
        match self {
            TimeKind::Date => "DATE",
            TimeKind::Time => "TIME",
            TimeKind::Duration => "DURATION",
            TimeKind::Set => "SET",
        }
    }

    /// The kind of a TIMEX3 type name.
    pub fn parse(name: &str) -> Option<TimeKind> {
        match name {
            "DATE" => Some(TimeKind::Date),
            "TIME" => Some(TimeKind::Time),
            "DURATION" => Some(TimeKind::Duration),
            "SET" => Some(TimeKind::Set),
            _ => None,
        }
    }
}

/// A temporal expression of the text and its normalised value.
#[derive(Clone, Debug, PartialEq)]
pub struct TimeExpr {
    /// The expression, in the original text.
    pub span: Span,
    /// Its tokens (indices into [`crate::Analysis::tokens`]).
    pub tokens: Range<usize>,
    /// Index of its sentence.
    pub sentence: usize,
    /// TIMEX3 type.
    pub kind: TimeKind,
    /// TIMEX3 value (`2022-01-12`, `2022-W02`, `P2D`, `XXXX-WXX-1`,
    /// `PAST_REF`); a relative expression with no document date to resolve
    /// against keeps its unknown parts as `X`.
    pub value: String,
    /// The first and last day the value covers, for dates and times.
    pub days: Option<(Date, Date)>,
    /// True when the value was computed from the document date or an
    /// earlier expression rather than written out in full.
    pub anchored: bool,
    /// The rule that found it and how its value was computed.
    pub provenance: Provenance,
}

/// How a place mention is used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PlaceRole {
    /// The place itself ("talks in Geneva").
    Literal,
    /// An adjective or people noun derived from the place ("Russian troops",
    /// "Ukrainians"): links to the place, never an event location.
    Demonym,
    /// The place standing for its government or people ("Moscow said"):
    /// links to the place, never an event location.
    Metonym,
}

impl PlaceRole {
    /// Lowercase name, as on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceRole::Literal => "literal",
            PlaceRole::Demonym => "demonym",
            PlaceRole::Metonym => "metonym",
        }
    }
}

/// A place mention resolved to a gazetteer entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// The mention, in the original text.
    pub span: Span,
    /// Its tokens (indices into [`crate::Analysis::tokens`]).
    pub tokens: Range<usize>,
    /// Index of its sentence.
    pub sentence: usize,
    /// How the text uses it.
    pub role: PlaceRole,
    /// GeoNames id, when the entry has one (our own regions have none).
    pub geonameid: Option<u32>,
    /// The entry's name ("Geneva").
    pub name: String,
    /// GeoNames-style feature code (`PCLI` country, `PPLC` capital, `PPL`
    /// city, `ADM1` region, `CONT` continent, `RGN` region, `BRDR` border).
    pub feature: String,
    /// ISO 3166-1 alpha-2 country code, empty for places in no one country.
    pub country: String,
    /// Latitude, degrees.
    pub lat: f64,
    /// Longitude, degrees.
    pub lon: f64,
    /// The rule that resolved it and why this entry.
    pub provenance: Provenance,
}

/// When and where an event or quote is set.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Setting {
    /// TIMEX3 value of its date (`2022-01-12`), `None` when neither the text
    /// nor the document gives one.
    pub date: Option<String>,
    /// The temporal expression the date comes from (index into
    /// [`crate::Analysis::times`]); `None` when it is the document's date.
    pub time: Option<usize>,
    /// Why this date.
    pub date_reason: String,
    /// Where (index into [`crate::Analysis::places`]), when the text says.
    pub place: Option<usize>,
    /// Why this place (empty when none).
    pub place_reason: String,
}
