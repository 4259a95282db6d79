//! Events: who did what to whom, coded in CAMEO and PLOVER.

use std::ops::Range;

use crate::{Provenance, Setting, Span};

/// How the text presents an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Modality {
    /// Reported as having happened or happening.
    Asserted,
    /// Reported as not having happened ("did not attack", "refused to meet"
    /// is coded as a refusal instead).
    Negated,
    /// Planned, announced or expected ("will meet", "plans to visit").
    Future,
    /// Possible, conditional or hypothetical ("could attack", "if … would").
    Conditional,
    /// Demanded or urged by someone else ("called on NATO to withdraw").
    Demanded,
}

impl Modality {
    /// Lowercase name, as on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Negated => "negated",
            Modality::Future => "future",
            Modality::Conditional => "conditional",
            Modality::Demanded => "demanded",
        }
    }
}

/// The source or target of an event: a phrase of the text and its actor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventActor {
    /// The phrase, in the original text.
    pub span: Span,
    /// Its tokens (indices into [`crate::Analysis::tokens`]).
    pub tokens: Range<usize>,
    /// The phrase in analysis form.
    pub text: String,
    /// The entity the phrase refers to, when it is one.
    pub entity: Option<usize>,
    /// CAMEO actor code (`RUSGOV`, `NATO`, `UKRMIL`), when the dictionaries
    /// could code it.
    pub code: Option<String>,
    /// How the actor was coded ("Russian" → RUS, "deputy foreign minister" → GOV).
    pub reason: String,
}

/// One event of a sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// CAMEO event code (`043`).
    pub code: String,
    /// CAMEO name of the code ("Meet at a third location" …).
    pub label: String,
    /// CAMEO quad class: 1 verbal cooperation, 2 material cooperation,
    /// 3 verbal conflict, 4 material conflict.
    pub quad: u8,
    /// Goldstein score of the code.
    pub goldstein: f32,
    /// PLOVER event type (`CONSULT`), empty when PLOVER has none.
    pub plover: String,
    /// PLOVER mode, empty when none.
    pub plover_mode: String,
    /// Who did it.
    pub source: EventActor,
    /// To whom, when the text says.
    pub target: Option<EventActor>,
    /// The words that triggered it (tokens).
    pub trigger: Range<usize>,
    /// The trigger's span in the original text.
    pub trigger_span: Span,
    /// Index of the sentence in [`crate::Analysis::sentences`].
    pub sentence: usize,
    /// Asserted, negated, future, conditional or demanded.
    pub modality: Modality,
    /// The pattern that fired and why.
    pub provenance: Provenance,
    /// When and where it happened (or is planned), as far as the text says.
    pub setting: Setting,
}

impl Event {
    /// The CAMEO root (first two digits).
    pub fn root(&self) -> &str {
        self.code.get(..2).unwrap_or(&self.code)
    }
}
