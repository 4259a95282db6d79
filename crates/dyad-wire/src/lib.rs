//! dyad's JSON wire format: the one serialized shape of an analysis.
//!
//! `dyad analyze --format json|jsonl`, the store and (later) the HTTP API all
//! emit these types; `docs/wire-format.md` documents them field by field.
//! Core types carry no serde attributes: [`AnalysisJson::from_analysis`] is
//! the single conversion, so the wire can stay stable while the core changes.
//!
//! Conventions:
//! * `span` is `[start, end]`, half-open byte offsets into `document.text`
//!   (UTF-8); `chars` is the same range in Unicode scalar values, for
//!   clients that index strings by character (JavaScript, Python).
//! * Optional values are `null`, never omitted, except `norm` (present only
//!   when the analysis form differs from the text) and layers that later
//!   versions add (`entities`, `quotes`, `events`, `times`, `places`), which
//!   readers must treat as empty when absent.
//! * Arrays are in text order; the same input gives the same bytes.
#![deny(missing_docs)]

pub mod invariants;
mod json;
#[cfg(test)]
mod tests;

use std::borrow::Cow;

use compact_str::CompactString;
use dyad_core::{Analysis, CharIndex, Span, Token};
use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};

/// The wire format version, bumped on any incompatible change.
pub const WIRE_VERSION: u32 = 2;

/// The field list of a wire struct, from which it gets its `Serialize`
/// impl and its [`json::WriteJson`] one, so the two cannot disagree: each
/// field is `field NAME` (`as "KEY"` when renamed), `skip_empty NAME` (left
/// out when `None`, `false` or empty; not first) or `flatten NAME` (a wire
/// struct whose fields are written inline, as `#[serde(flatten)]` does).
///
/// The bytes are those `#[derive(Serialize)]` wrote (serde_json writes a
/// struct as it writes a map); the JSON writer's keys are constants, which
/// is why keys must need no escape (field names do not).
macro_rules! wire_fields {
    ($ty:ident { $how0:ident $field0:ident $(as $key0:literal)? $(, $how:ident $field:ident $(as $key:literal)?)* $(,)? }) => {
        impl WireFields for $ty {
            fn count(&self) -> usize {
                wire_fields!(@count $how0 self.$field0) $(+ wire_fields!(@count $how self.$field))*
            }

            fn serialize_fields<S: SerializeStruct>(&self, state: &mut S) -> Result<(), S::Error> {
                wire_fields!(@serialize $how0 state, self.$field0, wire_fields!(@key $field0 $($key0)?));
                $(wire_fields!(@serialize $how state, self.$field, wire_fields!(@key $field $($key)?));)*
                Ok(())
            }

            #[inline]
            fn write_fields(&self, out: &mut Vec<u8>, first: bool) {
                wire_fields!(@write_first $how0 out, first, self.$field0, wire_fields!(@key $field0 $($key0)?));
                $(wire_fields!(@write $how out, self.$field, wire_fields!(@key $field $($key)?));)*
            }
        }

        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut state = serializer.serialize_struct(stringify!($ty), self.count())?;
                self.serialize_fields(&mut state)?;
                state.end()
            }
        }

        impl json::WriteJson for $ty {
            #[inline]
            fn write_json(&self, out: &mut Vec<u8>) {
                self.write_fields(out, true);
                out.push(b'}');
            }
        }
    };
    (@key $field:ident) => { stringify!($field) };
    (@key $field:ident $key:literal) => { $key };
    (@count field $value:expr) => { 1 };
    (@count skip_empty $value:expr) => { usize::from(!Empty::is_empty(&$value)) };
    (@count flatten $value:expr) => { WireFields::count(&$value) };
    (@serialize field $state:ident, $value:expr, $key:expr) => { $state.serialize_field($key, &$value)? };
    (@serialize skip_empty $state:ident, $value:expr, $key:expr) => {
        if Empty::is_empty(&$value) {
            $state.skip_field($key)?
        } else {
            $state.serialize_field($key, &$value)?
        }
    };
    (@serialize flatten $state:ident, $value:expr, $key:expr) => { WireFields::serialize_fields(&$value, $state)? };
    (@write_first field $out:ident, $first:ident, $value:expr, $key:expr) => {
        $out.extend_from_slice(if $first { concat!("{\"", $key, "\":") } else { concat!(",\"", $key, "\":") }.as_bytes());
        json::WriteJson::write_json(&$value, $out);
    };
    (@write_first flatten $out:ident, $first:ident, $value:expr, $key:expr) => { WireFields::write_fields(&$value, $out, $first) };
    (@write field $out:ident, $value:expr, $key:expr) => {
        $out.extend_from_slice(concat!(",\"", $key, "\":").as_bytes());
        json::WriteJson::write_json(&$value, $out);
    };
    (@write skip_empty $out:ident, $value:expr, $key:expr) => {
        if !Empty::is_empty(&$value) {
            wire_fields!(@write field $out, $value, $key);
        }
    };
    (@write flatten $out:ident, $value:expr, $key:expr) => { WireFields::write_fields(&$value, $out, false) };
}

/// What [`wire_fields!`] makes of a struct's field list.
trait WireFields {
    /// How many fields are written.
    fn count(&self) -> usize;
    /// The fields, to serde.
    fn serialize_fields<S: SerializeStruct>(&self, state: &mut S) -> Result<(), S::Error>;
    /// The fields as JSON: `{` and the first when `first`, else `,` and
    /// the first; no `}`.
    fn write_fields(&self, out: &mut Vec<u8>, first: bool);
}

/// A value that `skip_empty` leaves out.
trait Empty {
    fn is_empty(&self) -> bool;
}

impl<T> Empty for Option<T> {
    fn is_empty(&self) -> bool {
        self.is_none()
    }
}

impl<T> Empty for Vec<T> {
    fn is_empty(&self) -> bool {
        Vec::is_empty(self)
    }
}

impl Empty for bool {
    fn is_empty(&self) -> bool {
        !*self
    }
}

/// A byte span and its character twin.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub struct SpanJson {
    /// `[start, end]` in bytes.
    pub span: [usize; 2],
    /// `[start, end]` in characters.
    pub chars: [usize; 2],
}

wire_fields!(SpanJson { field span, field chars });

/// One analysed document.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct AnalysisJson {
    /// Always [`WIRE_VERSION`] for what this crate writes.
    pub version: u32,
    /// The document, its metadata and segments.
    pub document: DocumentJson,
    /// Sentences with their tokens.
    pub sentences: Vec<SentenceJson>,
    /// Named entities with their mentions, in order of first mention.
    #[serde(default)]
    pub entities: Vec<EntityJson>,
    /// Events (who did what to whom), in text order of their triggers.
    #[serde(default)]
    pub events: Vec<EventJson>,
    /// Quotes and reported speech with their speakers, in text order.
    #[serde(default)]
    pub quotes: Vec<QuoteJson>,
    /// Temporal expressions with their TIMEX3 values, in text order.
    #[serde(default)]
    pub times: Vec<TimeJson>,
    /// Place mentions resolved to gazetteer entries, in text order.
    #[serde(default)]
    pub places: Vec<PlaceJson>,
    /// What analysis noticed.
    pub diagnostics: Vec<DiagnosticJson>,
}

wire_fields!(AnalysisJson {
    field version, field document, field sentences, field entities, field events, field quotes, field times, field places, field diagnostics
});

/// The document part of an analysis.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct DocumentJson {
    /// Content hash of `text` (32 hex digits).
    pub id: String,
    /// File, `file:line` for JSONL records, or `-` for stdin.
    pub source: String,
    /// The input's own id (JSONL `id`).
    pub external_id: Option<String>,
    /// `text`, `html` or `jsonl`.
    pub format: String,
    /// Canonical URL.
    pub url: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Author.
    pub author: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    /// `cli`, `metadata`, `record`, `inferred` or `none`.
    pub date_source: String,
    /// How sure the date is, 0–1: 1 for a date that was given, less for
    /// one inferred from the text, 0 when none is known.
    #[serde(default)]
    pub date_confidence: f32,
    /// Why the date is what it is (empty when none is known).
    #[serde(default)]
    pub date_reason: String,
    /// The analysed text; every span points into it.
    pub text: String,
    /// Segments in order.
    pub segments: Vec<SegmentJson>,
}

wire_fields!(DocumentJson {
    field id, field source, field external_id, field format, field url, field title, field author, field date, field date_source,
    field date_confidence, field date_reason, field text, field segments
});

/// A segment.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct SegmentJson {
    /// `chrome`, `headline`, `byline`, `article` or `transcript`.
    pub kind: String,
    /// Whole segment, label included.
    #[serde(flatten)]
    pub span: SpanJson,
    /// Paragraphs that later stages analyse.
    pub paragraphs: Vec<SpanJson>,
    /// Transcript speaker.
    pub speaker: Option<SpeakerJson>,
    /// Written in capitals and truecased for analysis.
    pub caps: bool,
    /// Rule id.
    pub rule: String,
    /// Why.
    pub reason: String,
}

wire_fields!(SegmentJson { field kind, flatten span, field paragraphs, field speaker, field caps, field rule, field reason });

/// A transcript speaker label.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct SpeakerJson {
    /// Name as written.
    pub name: String,
    /// Where.
    #[serde(flatten)]
    pub span: SpanJson,
}

wire_fields!(SpeakerJson { field name, flatten span });

/// A sentence.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct SentenceJson {
    /// Where.
    #[serde(flatten)]
    pub span: SpanJson,
    /// Index into `document.segments`.
    pub segment: usize,
    /// The sentence as written.
    pub text: String,
    /// Its analysis form, when different (normalised, truecased).
    #[serde(default)]
    pub norm: Option<String>,
    /// Number of tokens, also when `tokens` is left out.
    pub n_tokens: usize,
    /// Noun phrases and verb groups. Absent in stored analyses, as tokens
    /// are; read absent as empty.
    #[serde(default)]
    pub chunks: Vec<ChunkJson>,
    /// Tokens. Absent in stored analyses (see `dyad-store`), where they
    /// are recomputed from the text when needed; read absent as empty.
    #[serde(default)]
    pub tokens: Vec<TokenJson>,
}

wire_fields!(SentenceJson { flatten span, field segment, field text, skip_empty norm, field n_tokens, skip_empty chunks, skip_empty tokens });

/// A noun phrase or verb group.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct ChunkJson {
    /// `NP` or `VG`.
    pub kind: Cow<'static, str>,
    /// Where.
    #[serde(flatten)]
    pub span: SpanJson,
    /// `[first, end]` token indices within the sentence.
    pub tokens: [usize; 2],
    /// Head token index within the sentence.
    pub head: usize,
    /// The head as written.
    pub head_text: String,
    /// Verb group in the passive voice.
    #[serde(default)]
    pub passive: bool,
    /// Verb group with negation.
    #[serde(default)]
    pub negated: bool,
    /// Modal of a verb group, as written.
    #[serde(default)]
    pub modal: Option<String>,
}

wire_fields!(ChunkJson {
    field kind, flatten span, field tokens, field head, field head_text, skip_empty passive, skip_empty negated, skip_empty modal
});

/// A token.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct TokenJson {
    /// Where.
    #[serde(flatten)]
    pub span: SpanJson,
    /// As written (inline, without an allocation, up to 24 bytes; as are
    /// `norm` and `lemma`).
    pub text: CompactString,
    /// Analysis form, when different.
    #[serde(default)]
    pub norm: Option<CompactString>,
    /// `word`, `number`, `abbreviation`, `url`, `punct` or `symbol`.
    pub kind: Cow<'static, str>,
    /// Universal POS tag, when tagged.
    #[serde(default)]
    pub upos: Option<Cow<'static, str>>,
    /// Penn Treebank tag, when tagged.
    #[serde(default)]
    pub xpos: Option<Cow<'static, str>>,
    /// Lemma, when tagged.
    #[serde(default)]
    pub lemma: Option<CompactString>,
}

wire_fields!(TokenJson { flatten span, field text, skip_empty norm, field kind, skip_empty upos, skip_empty xpos, skip_empty lemma });

/// A named entity: the mentions in the document that refer to it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct EntityJson {
    /// Index in `entities`.
    pub id: usize,
    /// `PER`, `ORG`, `LOC` or `NORP`.
    pub kind: String,
    /// Its fullest name in the document.
    pub name: String,
    /// Title words seen before a person's name ("Deputy Foreign Minister").
    pub title: Option<String>,
    /// Mentions in text order.
    pub mentions: Vec<MentionJson>,
}

wire_fields!(EntityJson { field id, field kind, field name, field title, field mentions });

/// One mention of an entity.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct MentionJson {
    /// Where.
    #[serde(flatten)]
    pub span: SpanJson,
    /// As written.
    pub text: String,
    /// Analysis form, when different.
    #[serde(default)]
    pub norm: Option<String>,
    /// What this mention alone was labelled (`PER`, `ORG`, `LOC`, `NORP`).
    pub kind: String,
    /// Index of its sentence in `sentences` (`null` for a speaker label).
    pub sentence: Option<usize>,
    /// Rule or model id.
    pub rule: String,
    /// Why it was found and joined its entity.
    pub reason: String,
}

wire_fields!(MentionJson { flatten span, field text, skip_empty norm, field kind, field sentence, field rule, field reason });

/// An event: CAMEO and PLOVER codes, actors, trigger and why.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct EventJson {
    /// CAMEO event code (`043`).
    pub code: String,
    /// CAMEO name of the code.
    pub label: String,
    /// CAMEO root (`04`).
    pub root: String,
    /// Quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    pub quad: u8,
    /// Goldstein score.
    pub goldstein: f32,
    /// PLOVER event type (empty when PLOVER has none).
    pub plover: String,
    /// PLOVER mode (empty when none).
    pub plover_mode: String,
    /// Who did it.
    pub source: EventActorJson,
    /// To whom (`null` when the text names no target).
    pub target: Option<EventActorJson>,
    /// The words that triggered it.
    pub trigger: SpanJson,
    /// The trigger as written.
    pub trigger_text: String,
    /// Index of its sentence in `sentences`.
    pub sentence: usize,
    /// The sentence's span.
    pub sentence_span: SpanJson,
    /// `asserted`, `negated`, `future`, `conditional` or `demanded`.
    pub modality: String,
    /// The pattern or rule id (`event.meet-with`).
    pub rule: String,
    /// Why it was coded, in one line.
    pub reason: String,
    /// When and where it happened (or is planned).
    #[serde(flatten)]
    pub setting: SettingJson,
}

wire_fields!(EventJson {
    field code, field label, field root, field quad, field goldstein, field plover, field plover_mode, field source, field target,
    field trigger, field trigger_text, field sentence, field sentence_span, field modality, field rule, field reason, flatten setting
});

/// A quote or report of speech: what was said, the cue, who said it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct QuoteJson {
    /// `direct`, `indirect`, `mixed`, `partial` or `transcript`.
    pub kind: String,
    /// What was said: one span, or several for a quote its cue interrupts.
    pub content: Vec<SpanJson>,
    /// The content as written (parts joined by " … ").
    pub text: String,
    /// The reporting words (`null` for a transcript turn or a quote that
    /// continues the previous speaker).
    pub cue: Option<SpanJson>,
    /// The cue as written.
    pub cue_text: String,
    /// Who said it (`null` when the text does not say).
    pub speaker: Option<QuoteSpeakerJson>,
    /// Whose words the speaker reports, when the quote itself reports
    /// someone ("The deputy secretary stressed …").
    pub about: Option<QuoteSpeakerJson>,
    /// Indices of the sentences the content covers, `[first, end)`.
    pub sentences: [usize; 2],
    /// The rule that found it (`quote.cue-inverted` …).
    pub rule: String,
    /// Why, in one line.
    pub reason: String,
    /// When and where it was said.
    #[serde(flatten)]
    pub setting: SettingJson,
}

wire_fields!(QuoteJson {
    field kind, field content, field text, field cue, field cue_text, field speaker, field about, field sentences, field rule, field reason,
    flatten setting
});

/// A speaker phrase and what it resolves to.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct QuoteSpeakerJson {
    /// Where the phrase is.
    #[serde(flatten)]
    pub span: SpanJson,
    /// As written ("he", "the deputy secretary", a transcript label).
    pub text: String,
    /// Index in `entities` of the person or body it resolves to.
    pub entity: Option<usize>,
    /// The resolved name ("Sergey Ryabkov").
    pub name: Option<String>,
    /// CAMEO actor code of the resolved speaker.
    pub code: Option<String>,
    /// How it was resolved.
    pub reason: String,
}

wire_fields!(QuoteSpeakerJson { flatten span, field text, field entity, field name, field code, field reason });

/// The source or target of an event.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct EventActorJson {
    /// Where.
    #[serde(flatten)]
    pub span: SpanJson,
    /// As written.
    pub text: String,
    /// Index in `entities`, when the phrase is an entity's mention.
    pub entity: Option<usize>,
    /// CAMEO actor code (`RUSGOV`), `null` when the dictionaries cannot code it.
    pub code: Option<String>,
    /// How it was coded.
    pub reason: String,
}

wire_fields!(EventActorJson { flatten span, field text, field entity, field code, field reason });

/// When and where an event or quote is set (flattened into its object).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct SettingJson {
    /// The date as a TIMEX3 value (`2022-01-12`), `null` when unknown.
    #[serde(default)]
    pub date: Option<String>,
    /// Index in `times` of the expression the date comes from; `null` when
    /// the date is the document's.
    #[serde(default)]
    pub time: Option<usize>,
    /// Why this date.
    #[serde(default)]
    pub date_reason: String,
    /// Index in `places` of where it is set; `null` when the text does not say.
    #[serde(default)]
    pub place: Option<usize>,
    /// Why this place (empty when none).
    #[serde(default)]
    pub place_reason: String,
}

wire_fields!(SettingJson { field date, field time, field date_reason, field place, field place_reason });

impl From<&dyad_core::Setting> for SettingJson {
    fn from(s: &dyad_core::Setting) -> SettingJson {
        SettingJson {
            date: s.date.clone(),
            time: s.time,
            date_reason: s.date_reason.clone(),
            place: s.place,
            place_reason: s.place_reason.clone(),
        }
    }
}

/// A temporal expression and its value.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct TimeJson {
    /// Where.
    #[serde(flatten)]
    pub span: SpanJson,
    /// As written.
    pub text: String,
    /// Index of its sentence in `sentences`.
    pub sentence: usize,
    /// TIMEX3 type: `DATE`, `TIME`, `DURATION` or `SET`.
    #[serde(rename = "type")]
    pub kind: String,
    /// TIMEX3 value (`2022-01-12`, `2022-W02`, `P2D`, `PAST_REF`).
    pub value: String,
    /// First and last day the value covers (`YYYY-MM-DD`), for dates and times.
    pub days: Option<[String; 2]>,
    /// True when computed from the document date or an earlier expression.
    pub anchored: bool,
    /// The rule that found it.
    pub rule: String,
    /// How the value was computed.
    pub reason: String,
}

wire_fields!(TimeJson {
    flatten span, field text, field sentence, field kind as "type", field value, field days, field anchored, field rule, field reason
});

/// A place mention and the gazetteer entry it resolves to.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct PlaceJson {
    /// Where.
    #[serde(flatten)]
    pub span: SpanJson,
    /// As written.
    pub text: String,
    /// Index of its sentence in `sentences`.
    pub sentence: usize,
    /// `literal` (the place itself), `demonym` ("Russian troops") or
    /// `metonym` ("Moscow said"); only literal places locate events.
    pub role: String,
    /// GeoNames id (`null` for our own regions, which have none).
    pub geonameid: Option<u32>,
    /// The entry's name.
    pub name: String,
    /// Feature code: `PCLI`, `PPLC`, `PPL`, `ADM1`, `CONT`, `RGN`, `BRDR` …
    pub feature: String,
    /// ISO 3166-1 alpha-2 country code (empty for none).
    pub country: String,
    /// Latitude, degrees.
    pub lat: f64,
    /// Longitude, degrees.
    pub lon: f64,
    /// The rule that resolved it.
    pub rule: String,
    /// Why this entry.
    pub reason: String,
}

wire_fields!(PlaceJson {
    flatten span, field text, field sentence, field role, field geonameid, field name, field feature, field country, field lat, field lon,
    field rule, field reason
});

/// A diagnostic.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct DiagnosticJson {
    /// `info` or `warning`.
    pub severity: String,
    /// Stable code.
    pub code: String,
    /// Readable line.
    pub message: String,
    /// Where, if it concerns part of the text.
    pub span: Option<SpanJson>,
}

wire_fields!(DiagnosticJson { field severity, field code, field message, field span });

/// What the wire form includes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WireOptions {
    /// Include each sentence's tokens (most of the size).
    pub tokens: bool,
    /// Include each sentence's chunks (most of what is left without the
    /// tokens, whose indices they give).
    pub chunks: bool,
}

impl Default for WireOptions {
    fn default() -> WireOptions {
        WireOptions::FULL
    }
}

impl WireOptions {
    /// Everything: each sentence's tokens and chunks too (`dyad analyze
    /// --tokens`, the golden files).
    pub const FULL: WireOptions = WireOptions { tokens: true, chunks: true };
    /// The records without each sentence's tokens and chunks, which are four
    /// fifths of the size and are recomputed from the text (analysis is
    /// deterministic) by whoever needs them: what a store keeps, and what
    /// `dyad analyze` prints unless asked for tokens.
    pub const STORED: WireOptions = WireOptions { tokens: false, chunks: false };
}

/// The chunks of one sentence (chunks are in token order).
fn chunks_of(analysis: &Analysis, sentence: &dyad_core::Sentence, span: &dyn Fn(Span) -> SpanJson) -> Vec<ChunkJson> {
    let text = analysis.document.text.as_str();
    let first = analysis.chunks.partition_point(|c| c.tokens.start < sentence.tokens.start);
    let base = sentence.tokens.start;
    analysis.chunks[first..]
        .iter()
        .take_while(|c| c.tokens.end <= sentence.tokens.end)
        .filter_map(|c| {
            Some(ChunkJson {
                kind: Cow::Borrowed(c.kind.code()),
                span: span(Token::span_of(analysis.tokens.get(c.tokens.clone())?)?),
                tokens: [c.tokens.start - base, c.tokens.end - base],
                head: c.head - base,
                head_text: analysis.tokens.get(c.head).map(|t| t.span.slice(text).to_string()).unwrap_or_default(),
                passive: c.passive,
                negated: c.negated,
                modal: c.modal.and_then(|m| analysis.tokens.get(m)).map(|t| t.span.slice(text).to_string()),
            })
        })
        .collect()
}

/// The sentence holding a token range (sentences are in token order).
fn sentence_of(analysis: &Analysis, tokens: &std::ops::Range<usize>) -> Option<usize> {
    if tokens.is_empty() {
        return None;
    }
    let idx = analysis.sentences.partition_point(|s| s.tokens.end <= tokens.start);
    analysis.sentences.get(idx).filter(|s| s.tokens.contains(&tokens.start)).map(|_| idx)
}

impl AnalysisJson {
    /// Appends the analysis to `out` as compact JSON: the bytes
    /// `serde_json::to_writer` writes, in a fraction of the time.
    pub fn write_json(&self, out: &mut Vec<u8>) {
        json::WriteJson::write_json(self, out);
    }

    /// Converts an analysis to its full wire form.
    pub fn from_analysis(analysis: &Analysis) -> AnalysisJson {
        AnalysisJson::from_analysis_with(analysis, WireOptions::default())
    }

    /// Converts an analysis to its wire form with options.
    pub fn from_analysis_with(analysis: &Analysis, options: WireOptions) -> AnalysisJson {
        let document = &analysis.document;
        let text = document.text.as_str();
        let index = CharIndex::new(text);
        let span = |span: Span| SpanJson { span: [span.start, span.end], chars: index.char_span(span).into() };
        let meta = &document.meta;
        let segments = document
            .segments
            .iter()
            .map(|segment| SegmentJson {
                kind: segment.kind.as_str().to_string(),
                span: span(segment.span),
                paragraphs: segment.paragraphs.iter().map(|&p| span(p)).collect(),
                speaker: segment.speaker.as_ref().map(|s| SpeakerJson { name: s.name.clone(), span: span(s.span) }),
                caps: segment.caps,
                rule: segment.provenance.rule.to_string(),
                reason: segment.provenance.reason.clone(),
            })
            .collect();
        let sentences = analysis
            .sentences
            .iter()
            .map(|sentence| {
                let tokens = analysis.sentence_tokens(sentence);
                let written = sentence.span.slice(text);
                let norm = Token::norm_of(tokens, document);
                SentenceJson {
                    span: span(sentence.span),
                    segment: sentence.segment_idx,
                    text: written.to_string(),
                    norm: (norm != written).then(|| norm.to_string()),
                    n_tokens: tokens.len(),
                    chunks: if options.chunks { chunks_of(analysis, sentence, &span) } else { Vec::new() },
                    // A range, not a filter, so the Vec is allocated once at its size.
                    tokens: (if options.tokens { sentence.tokens.clone() } else { 0..0 })
                        .map(|token_idx| {
                            let token = &analysis.tokens[token_idx];
                            let tag = analysis.pos.get(token_idx);
                            let written = token.span.slice(text);
                            let norm = token.norm(document);
                            TokenJson {
                                span: span(token.span),
                                text: CompactString::from(written),
                                norm: (norm != written).then(|| CompactString::from(norm)),
                                kind: Cow::Borrowed(token.kind.as_str()),
                                upos: tag.map(|t| Cow::Borrowed(t.upos)),
                                xpos: tag.map(|t| Cow::Borrowed(t.xpos)),
                                lemma: tag.map(|t| t.lemma.clone()),
                            }
                        })
                        .collect(),
                }
            })
            .collect();
        let entities = analysis
            .entities
            .iter()
            .enumerate()
            .map(|(id, entity)| EntityJson {
                id,
                kind: entity.kind.code().to_string(),
                name: entity.name.clone(),
                title: entity.title.clone(),
                mentions: entity
                    .mentions
                    .iter()
                    .filter_map(|&m| analysis.mentions.get(m))
                    .map(|mention| {
                        let written = mention.span.slice(text);
                        MentionJson {
                            span: span(mention.span),
                            text: written.to_string(),
                            norm: (mention.text != written).then(|| mention.text.clone()),
                            kind: mention.kind.code().to_string(),
                            sentence: sentence_of(analysis, &mention.tokens),
                            rule: mention.provenance.rule.to_string(),
                            reason: mention.provenance.reason.clone(),
                        }
                    })
                    .collect(),
            })
            .collect();
        let actor = |a: &dyad_core::EventActor| EventActorJson {
            span: span(a.span),
            text: a.span.slice(text).to_string(),
            entity: a.entity,
            code: a.code.clone(),
            reason: a.reason.clone(),
        };
        let events = analysis
            .events
            .iter()
            .map(|e| EventJson {
                code: e.code.clone(),
                label: e.label.clone(),
                root: e.root().to_string(),
                quad: e.quad,
                goldstein: e.goldstein,
                plover: e.plover.clone(),
                plover_mode: e.plover_mode.clone(),
                source: actor(&e.source),
                target: e.target.as_ref().map(actor),
                trigger: span(e.trigger_span),
                trigger_text: e.trigger_span.slice(text).to_string(),
                sentence: e.sentence,
                sentence_span: span(analysis.sentences.get(e.sentence).map_or(Span::new(0, 0), |s| s.span)),
                modality: e.modality.as_str().to_string(),
                rule: e.provenance.rule.to_string(),
                reason: e.provenance.reason.clone(),
                setting: SettingJson::from(&e.setting),
            })
            .collect();
        let speaker = |sp: &dyad_core::QuoteSpeaker| QuoteSpeakerJson {
            span: span(sp.span),
            text: sp.span.slice(text).to_string(),
            entity: sp.entity,
            name: sp.name.clone(),
            code: sp.code.clone(),
            reason: sp.reason.clone(),
        };
        let quotes = analysis
            .quotes
            .iter()
            .map(|q| QuoteJson {
                kind: q.kind.as_str().to_string(),
                content: q.content.iter().map(|&c| span(c)).collect(),
                text: q.content.iter().map(|c| c.slice(text)).collect::<Vec<_>>().join(" … "),
                cue: q.cue.map(span),
                cue_text: q.cue.map_or_else(String::new, |c| c.slice(text).to_string()),
                speaker: q.speaker.as_ref().map(speaker),
                about: q.about.as_ref().map(speaker),
                sentences: [q.sentences.start, q.sentences.end],
                rule: q.provenance.rule.to_string(),
                reason: q.provenance.reason.clone(),
                setting: SettingJson::from(&q.setting),
            })
            .collect();
        let times = analysis
            .times
            .iter()
            .map(|t| TimeJson {
                span: span(t.span),
                text: t.span.slice(text).to_string(),
                sentence: t.sentence,
                kind: t.kind.as_str().to_string(),
                value: t.value.clone(),
                days: t.days.map(|(a, b)| [a.to_string(), b.to_string()]),
                anchored: t.anchored,
                rule: t.provenance.rule.to_string(),
                reason: t.provenance.reason.clone(),
            })
            .collect();
        let places = analysis
            .places
            .iter()
            .map(|p| PlaceJson {
                span: span(p.span),
                text: p.span.slice(text).to_string(),
                sentence: p.sentence,
                role: p.role.as_str().to_string(),
                geonameid: p.geonameid,
                name: p.name.clone(),
                feature: p.feature.clone(),
                country: p.country.clone(),
                lat: p.lat,
                lon: p.lon,
                rule: p.provenance.rule.to_string(),
                reason: p.provenance.reason.clone(),
            })
            .collect();
        AnalysisJson {
            version: WIRE_VERSION,
            document: DocumentJson {
                id: document.id.to_string(),
                source: meta.source.clone(),
                external_id: meta.external_id.clone(),
                format: meta.format.as_str().to_string(),
                url: meta.url.clone(),
                title: meta.title.clone(),
                author: meta.author.clone(),
                date: meta.date.map(|d| d.to_string()),
                date_source: meta.date_source.as_str().to_string(),
                date_confidence: meta.date_confidence,
                date_reason: meta.date_reason.clone(),
                text: text.to_string(),
                segments,
            },
            sentences,
            entities,
            events,
            quotes,
            times,
            places,
            diagnostics: analysis
                .diagnostics
                .iter()
                .map(|d| DiagnosticJson {
                    severity: d.severity.as_str().to_string(),
                    code: d.code.to_string(),
                    message: d.message.clone(),
                    span: d.span.map(span),
                })
                .collect(),
        }
    }
}
