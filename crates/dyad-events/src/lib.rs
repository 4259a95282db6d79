//! Actors and events: who did what to whom, coded in CAMEO and PLOVER.
//!
//! * [`ontology`]: the CAMEO codebook with Goldstein scores, quad classes
//!   and the PLOVER type and mode of every code (`data/ontology/`).
//! * [`actors`]: actor coding with our dictionaries (`data/actors/`).
//! * [`patterns`]: verb and noun patterns (`data/events/patterns.toml`).
//! * [`Extractor`]: events from an analysed document.
//! * [`petrarch`]: PETRARCH/TABARI dictionaries and validation records.
#![deny(missing_docs)]

pub mod actors;
mod extract;
pub mod ontology;
pub mod patterns;
pub mod petrarch;

pub use extract::Extractor;
