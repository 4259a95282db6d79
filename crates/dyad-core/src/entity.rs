//! Named entities: mentions in the text and the entities they refer to.

use std::ops::Range;

use crate::{Provenance, Span};

/// What an entity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKind {
    /// A person.
    Person,
    /// An organisation (government bodies, companies, armed groups, …).
    Organization,
    /// A place: country, city, region, geographic feature.
    Location,
    /// A nationality, religious or political group (`Russian`, `Ukrainians`).
    Group,
}

impl EntityKind {
    /// The short name used on the wire and in evaluations.
    pub fn code(self) -> &'static str {
        match self {
            EntityKind::Person => "PER",
            EntityKind::Organization => "ORG",
            EntityKind::Location => "LOC",
            EntityKind::Group => "NORP",
        }
    }

    /// The kind of a short name.
    pub fn from_code(code: &str) -> Option<EntityKind> {
        Some(match code {
            "PER" => EntityKind::Person,
            "ORG" => EntityKind::Organization,
            "LOC" => EntityKind::Location,
            "NORP" => EntityKind::Group,
            _ => return None,
        })
    }
}

/// One place in the text that names or designates an entity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// The words, in the original text.
    pub span: Span,
    /// The tokens (indices into [`crate::Analysis::tokens`]); empty for a
    /// transcript speaker label, which is outside every sentence.
    pub tokens: Range<usize>,
    /// What it names.
    pub kind: EntityKind,
    /// The mention in analysis form (normalised, truecased).
    pub text: String,
    /// The entity it belongs to (index into [`crate::Analysis::entities`]).
    pub entity: usize,
    /// How it was found.
    pub provenance: Provenance,
}

/// An entity of the document: the mentions that refer to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entity {
    /// What it is.
    pub kind: EntityKind,
    /// Its fullest name in the document ("Sergey Ryabkov").
    pub name: String,
    /// Title words seen before its name ("Deputy Foreign Minister").
    pub title: Option<String>,
    /// Its mentions (indices into [`crate::Analysis::mentions`]), in text order.
    pub mentions: Vec<usize>,
}
