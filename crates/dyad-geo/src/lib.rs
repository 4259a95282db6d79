//! Places: dyad's gazetteer and toponym resolution.
//!
//! [`Gazetteer::embedded`] holds countries, first-level regions and cities
//! of 15,000 people or more from GeoNames (CC BY 4.0; built by
//! `scripts/gazetteer/build.py`), continents and the regions news names
//! (written by us), and every name, adjective and people noun of our country
//! dictionary. [`resolve`] picks, for each name the recogniser found, the
//! entry the document most likely means.
#![deny(missing_docs)]

mod fold;
mod gazetteer;
mod resolve;

pub use fold::key;
pub use gazetteer::{distance_km, Entry, EntryId, Feature, Gazetteer};
pub use resolve::{knows, resolve, Context, Hint, Resolution, Toponym};
