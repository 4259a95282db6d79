//! The data model of dyad: what every stage reads and writes.
//!
//! A [`Document`] holds the analysed text exactly as it will be stored, its
//! metadata, its [`Segment`]s (article body, transcript turns, chrome) and an
//! analysis [`View`]: a normalised, truecased copy of the text whose every byte
//! maps back to a byte of [`Document::text`]. Later stages add layers
//! ([`Sentence`], [`Token`], [`Mention`] and [`Entity`], and in later
//! issues quotes, events, times and places) and collect them in an [`Analysis`].
//!
//! # Invariants
//!
//! * Every [`Span`] is a half-open byte range into `Document::text`, on char
//!   boundaries. No stage rewrites a span another stage produced.
//! * Analysis never fails on content: odd text yields [`Diagnostic`]s.
//! * Every record says which rule produced it ([`Provenance`]).
//!
//! The types here are plain data with no serialisation attached; the wire
//! format lives in `dyad-wire`.
#![deny(missing_docs)]

mod analysis;
mod date;
mod document;
mod entity;
mod event;
mod quote;
mod setting;
mod span;
mod view;

pub use analysis::{Analysis, Chunk, ChunkKind, Diagnostic, PosTag, Severity, Sentence, Token, TokenKind};
pub use date::{Date, DateError};
pub use document::{
    DateSource, DocId, Document, InputFormat, Meta, Provenance, Segment, SegmentKind, Speaker,
};
pub use entity::{Entity, EntityKind, Mention};
pub use event::{Event, EventActor, Modality};
pub use quote::{Quote, QuoteKind, QuoteSpeaker};
pub use setting::{Place, PlaceRole, Setting, TimeExpr, TimeKind};
pub use span::{CharIndex, Span};
pub use view::{View, ViewBuilder};

/// `text` in lower case (as [`str::to_lowercase`]), borrowed when it is
/// already: ASCII without capitals, as most words are, costs no copy.
///
/// ```
/// use std::borrow::Cow;
/// assert!(matches!(dyad_core::lowercase("talks"), Cow::Borrowed("talks")));
/// assert_eq!(dyad_core::lowercase("Geneva TALKS"), "geneva talks");
/// assert_eq!(dyad_core::lowercase("ΟΔΟΣ Σ."), "ΟΔΟΣ Σ.".to_lowercase());
/// ```
pub fn lowercase(text: &str) -> std::borrow::Cow<'_, str> {
    if text.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.to_lowercase())
    }
}

/// Whether `word` in lower case is `lower` (itself in lower case), without
/// lowercasing a copy of an ASCII word.
///
/// ```
/// assert!(dyad_core::lowercase_is("The", "the"));
/// assert!(dyad_core::lowercase_is("ZÜRICH", "zürich"));
/// assert!(!dyad_core::lowercase_is("Them", "the"));
/// ```
#[inline]
pub fn lowercase_is(word: &str, lower: &str) -> bool {
    if word.is_ascii() { word.eq_ignore_ascii_case(lower) } else { word.to_lowercase() == lower }
}

/// Whether `word` in lower case is one of `lowers` (each in lower case):
/// [`lowercase_is`] for a list, the word looked at once rather than once
/// an entry (a hundred entries for the words that begin no speaker label).
///
/// ```
/// assert!(dyad_core::lowercase_in("Former", &["ex", "former"]));
/// assert!(dyad_core::lowercase_in("ÉDITION", &["édition"]));
/// assert!(!dyad_core::lowercase_in("Formerly", &["ex", "former"]));
/// ```
#[inline]
pub fn lowercase_in(word: &str, lowers: &[&str]) -> bool {
    if word.is_ascii() {
        lowers.iter().any(|lower| word.eq_ignore_ascii_case(lower))
    } else {
        lowers.contains(&word.to_lowercase().as_str())
    }
}

/// Writes `words` separated by single spaces, as `join(" ")` would, into
/// any writer (a `String`, a formatter) without collecting them first.
///
/// ```
/// let mut out = String::from("<");
/// dyad_core::write_spaced(&mut out, "Foreign  Minister\tLavrov".split_whitespace()).unwrap();
/// assert_eq!(out, "<Foreign Minister Lavrov");
/// ```
pub fn write_spaced<'w>(out: &mut impl std::fmt::Write, words: impl IntoIterator<Item = &'w str>) -> std::fmt::Result {
    for (i, word) in words.into_iter().enumerate() {
        if i > 0 {
            out.write_char(' ')?;
        }
        out.write_str(word)?;
    }
    Ok(())
}
