//! The CAMEO event codebook and its PLOVER mapping (`data/ontology/`).

use std::ops::Range;

use dyad_core::{Event, EventActor, Modality, Provenance, Setting, Span};
use rustc_hash::FxHashMap;
use serde::Deserialize;

/// One CAMEO event code.
#[derive(Clone, Debug, Deserialize)]
pub struct EventType {
    /// The code: root (`04`), three (`043`) or four digits (`0431`).
    pub code: String,
    /// CAMEO's name for it.
    pub name: String,
    /// Goldstein conflict–cooperation score, −10 … +10.
    pub goldstein: f32,
    /// Quad class 1–4.
    pub quad: u8,
    /// PLOVER event type, empty when PLOVER has none.
    #[serde(default)]
    pub plover: String,
    /// PLOVER mode, empty when none.
    #[serde(default)]
    pub mode: String,
    /// What the code covers.
    #[serde(default)]
    pub description: String,
}

impl EventType {
    /// An event of this type: its codes and scores, and what the text gave it.
    #[allow(clippy::too_many_arguments)]
    pub fn event(
        &self,
        source: EventActor,
        target: Option<EventActor>,
        trigger: Range<usize>,
        trigger_span: Span,
        sentence: usize,
        modality: Modality,
        provenance: Provenance,
    ) -> Event {
        Event {
            code: self.code.clone(),
            label: self.name.clone(),
            quad: self.quad,
            goldstein: self.goldstein,
            plover: self.plover.clone(),
            plover_mode: self.mode.clone(),
            source,
            target,
            trigger,
            trigger_span,
            sentence,
            modality,
            provenance,
            setting: Setting::default(),
        }
    }
}

#[derive(Deserialize)]
struct EventFile {
    event: Vec<EventType>,
}

/// The CAMEO codebook: every code with its name, score, quad class and PLOVER type.
#[derive(Clone, Debug)]
pub struct Ontology {
    events: Vec<EventType>,
    by_code: FxHashMap<String, usize>,
}

impl Ontology {
    /// Reads `cameo-events.toml`.
    pub fn from_toml(text: &str) -> Result<Ontology, String> {
        let file: EventFile = toml::from_str(text).map_err(|e| format!("cameo-events.toml: {e}"))?;
        let by_code = file.event.iter().enumerate().map(|(i, e)| (e.code.clone(), i)).collect();
        Ok(Ontology { events: file.event, by_code })
    }

    /// The codebook compiled into the binary.
    pub fn embedded() -> &'static Ontology {
        static ONTOLOGY: std::sync::OnceLock<Ontology> = std::sync::OnceLock::new();
        ONTOLOGY.get_or_init(|| {
            Ontology::from_toml(include_str!("../../../data/ontology/cameo-events.toml")).expect("the embedded codebook parses (a test checks it)")
        })
    }

    /// The entry of a code; a code the codebook lacks falls back to its
    /// parent (`0431` → `043` → `04`).
    pub fn event(&self, code: &str) -> Option<&EventType> {
        let mut code = code;
        loop {
            if let Some(&idx) = self.by_code.get(code) {
                return self.events.get(idx);
            }
            if code.len() <= 2 {
                return None;
            }
            code = &code[..code.len() - 1];
        }
    }

    /// Every code, in codebook order.
    pub fn events(&self) -> &[EventType] {
        &self.events
    }
}
