//! Event extraction over the tagged, chunked sentences of an analysis.
//!
//! For each verb group, the patterns of its main verb are tried on the
//! words that follow it; the subject is the noun phrase (or coordinated
//! phrases) right before the verb group, found by walking back over
//! prepositional attachments ("lawmakers in A and B"), appositions and
//! relative pronouns; a passive verb group swaps the roles and takes its
//! source from "by …". Event nouns ("talks with", "build-up") take their
//! source from the clause whose verb governs them, or from their own
//! modifiers ("Russia's build-up"). Every event needs a coded source.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::ops::Range;

use dyad_core::{lowercase, Analysis, Chunk, ChunkKind, Date, EntityKind, Event, EventActor, Modality, Provenance, Span, Token};
use rustc_hash::FxHashSet;

use crate::actors::{Actors, Coded};
use crate::ontology::Ontology;
use crate::patterns::{Element, Pattern, Patterns};

/// A phrase of the sentence that may be an actor: a noun phrase and, for a
/// phrase such as "lawmakers in Estonia", the phrases that name where it is
/// from.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Phrase {
    tokens: Range<usize>,
    context: Vec<Range<usize>>,
    /// Title words shared from a coordinated phrase ("officials" in "US and Russia officials").
    agent: Option<Range<usize>>,
}

impl Phrase {
    fn new(tokens: Range<usize>) -> Phrase {
        Phrase { tokens, context: Vec::new(), agent: None }
    }

    /// A bare country that shares the title words of a coordinated phrase.
    fn with_agent(mut self, agent: Range<usize>) -> Phrase {
        self.agent = Some(agent);
        self
    }
}

/// Nouns of time that close a noun phrase ("talks today").
const TIME_NOUNS: &[&str] = &["today", "yesterday", "tomorrow", "tonight", "week", "weekend", "month", "year", "morning", "evening", "night", "afternoon"];
/// Days of the week, which open or close time adjuncts.
const WEEKDAYS: &[&str] = &["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
/// Verbs that declare a position ("declared that China must …").
const DECLARING_VERBS: &[&str] = &["declare", "reiterate", "conclude", "argue", "maintain", "assert", "demand", "insist"];

/// Verbs that carry an event noun, whose subject is the noun's source.
const LIGHT_VERBS: &[&str] = &[
    "hold", "have", "make", "issue", "launch", "conduct", "carry", "stage", "begin", "start", "continue", "resume", "open",
    "sign", "reach", "impose", "announce", "declare", "unveil", "present", "submit", "deliver", "give", "offer", "put",
    "lodge", "file", "mount", "step", "intensify", "escalate", "order", "approve", "renew", "provide", "send", "extend",
    "take", "undertake", "initiate", "pursue", "wage", "conclude", "complete", "join", "host", "organize",
    "organise", "call", "seek", "press", "make", "voice", "express", "repeat", "reiterate", "level", "threaten",
    "grant", "lend", "donate", "allocate", "contribute", "award", "speed", "accelerate", "expand", "tighten", "reimpose",
];

/// Words that open a quantity before a noun phrase.
const QUANTITY_WORDS: &[&str] = &["up", "to", "more", "less", "fewer", "than", "at", "least", "most", "nearly", "about", "some", "over", "around", "almost", "roughly", "as", "many"];
/// Heads that leave the event to the noun before them: "a mediation
/// effort", "aid deliveries", "a military aid programme".
const GENERIC_HEADS: &[&str] = &[
    "effort", "mission", "bid", "campaign", "programme", "program", "process", "initiative", "plan", "package", "delivery",
    "shipment", "flight", "convoy", "payment", "project", "operation", "scheme",
];
/// Heads of an object that force can be used against though it names no
/// actor: "shelled positions", "attacked a convoy", "killed two villagers".
const PHYSICAL_TARGETS: &[&str] = &[
    "position", "target", "camp", "base", "village", "town", "city", "area", "stronghold", "convoy", "post", "checkpoint",
    "outpost", "building", "house", "home", "residence", "market", "school", "hospital", "mosque", "church", "temple",
    "office", "headquarters", "compound", "vehicle", "car", "bus", "truck", "ship", "vessel", "boat", "tanker", "plane",
    "aircraft", "helicopter", "airport", "port", "bridge", "road", "line", "facility", "plant", "installation", "depot",
    "barracks", "station", "embassy", "consulate", "hideout", "neighbourhood", "neighborhood", "district", "suburb",
    "settlement", "territory", "hill", "ridge", "bunker", "trench", "pipeline", "refinery", "site", "people", "civilian",
    "villager", "resident", "protester", "demonstrator", "crowd", "student", "worker", "journalist", "passenger",
    "pilgrim", "worshipper", "farmer", "tourist", "man", "woman", "child", "youth", "family", "guard", "person",
];
/// Adjectives before "to" + verb that state an intent ("ready to meet").
const INTENT_ADJECTIVES: &[&str] = &["willing", "ready", "prepared", "eager", "committed", "determined", "keen"];

/// Verbs before "to" + verb that make the event planned.
const FUTURE_VERBS: &[&str] = &["plan", "intend", "expect", "aim", "prepare", "schedule", "set", "hope", "want", "seek", "go", "agree", "decide", "vow", "swear", "promise", "pledge"];
/// Verbs before "to" + verb that make it not happen.
const REFUSAL_VERBS: &[&str] = &["refuse", "decline", "fail"];
/// Verbs whose complement is demanded of someone.
const DEMAND_VERBS: &[&str] = &["demand", "urge", "call", "ask", "insist", "press", "push", "request", "appeal", "want"];
/// Verbs that undo the act their object names ("rolled back the
/// deployments", "lifted the blockade"): the object is no event of its own.
const UNDOING_VERBS: &[&str] = &["roll", "scale", "pull", "end", "halt", "stop", "reverse", "reduce", "cut", "withdraw", "cancel", "lift", "abandon", "drop"];
/// Nouns of "one of X's demands was to …": what follows was demanded.
const DEMAND_NOUNS: &[&str] = &["demand", "request", "condition", "precondition", "ultimatum", "call"];
/// Verbs whose object does what the infinitive after it says ("allowed
/// the rebels to leave"), besides the demand verbs.
const OBJECT_CONTROL_VERBS: &[&str] = &[
    "allow", "permit", "force", "compel", "order", "persuade", "invite", "encourage", "tell", "instruct", "authorize",
    "authorise", "help", "enable", "warn", "advise", "require", "expect", "pressure", "pressurize", "get", "convince",
];
/// Heads that count or gather the people after "of" ("a group of
/// refugees", "thousands of students").
const COLLECTIVE_HEADS: &[&str] = &["group", "number", "thousand", "hundred", "dozen", "score", "handful", "band", "crowd"];
/// Nouns of a statement that a light verb reports with ("issued a
/// reminder that Iraq must …").
const STATEMENT_NOUNS: &[&str] = &["statement", "reminder", "warning", "message", "declaration", "communique", "notice", "letter"];
/// Verbs that report speech (their complement keeps its own modality; "would" there is a future).
const REPORTING_VERBS: &[&str] = &["say", "tell", "announce", "state", "add", "warn", "report", "claim", "insist", "stress", "note", "confirm"];

/// Extracts events with the given dictionaries.
#[derive(Clone, Copy, Debug)]
pub struct Extractor {
    ontology: &'static Ontology,
    actors: &'static Actors,
    patterns: &'static Patterns,
}

impl Default for Extractor {
    fn default() -> Extractor {
        Extractor::embedded()
    }
}

/// One sentence's view for matching.
struct Context<'a> {
    analysis: &'a Analysis,
    sentence: usize,
    range: Range<usize>,
    /// Per token of the sentence (offset from `range.start`): its chunk.
    chunk_of: Vec<Option<usize>>,
    /// The entity mentions inside the sentence (indices into `analysis.mentions`).
    mentions: Vec<usize>,
    date: Option<Date>,
    /// Per token of the sentence: the word and the lemma in lower case,
    /// made once per document (the matchers ask for them many times).
    lower: &'a [&'a str],
    lemmas: &'a [&'a str],
    /// Per token of the sentence: its mended verb lemma, when not the lemma
    /// ([`Extractor::verb_lemma`]), made when first asked for.
    verb_lemmas: &'a [OnceCell<Option<String>>],
    /// Per token of the sentence: whether it triggers a noun pattern
    /// ([`Extractor::is_event_noun`]), found when first asked for.
    event_nouns: &'a [OnceCell<bool>],
}

/// The per-token forms of a document that the sentences' contexts share.
struct Forms<'a> {
    lower: Vec<&'a str>,
    lemmas: Vec<&'a str>,
    verb_lemmas: Vec<OnceCell<Option<String>>>,
    event_nouns: Vec<OnceCell<bool>>,
}

/// A lower-case form: the text it is made from, or where it was written.
#[derive(Clone)]
enum Lowered<'a> {
    Same(&'a str),
    Written(Range<usize>),
}

impl<'a> Forms<'a> {
    /// The forms of the document's tokens; those that differ from their
    /// text are written one after the other to `arena`.
    fn new(analysis: &'a Analysis, arena: &'a mut String) -> Forms<'a> {
        let n = analysis.sentences.iter().map(|s| s.tokens.end).max().unwrap_or(0).max(analysis.tokens.len());
        arena.clear();
        let mut written = Vec::with_capacity(n);
        for t in 0..n {
            let word = word_at(analysis, t);
            let lower = lower_into(arena, word);
            // The lemma of token `t` in lower case, as `lemma_lower`.
            let lemma = match analysis.pos.get(t) {
                Some(p) if p.lemma != word => lower_into(arena, &p.lemma),
                _ => lower.clone(),
            };
            written.push((lower, lemma));
        }
        let arena: &'a String = arena;
        let form = |l: &Lowered<'a>| match l {
            Lowered::Same(s) => *s,
            Lowered::Written(r) => &arena[r.clone()],
        };
        let lower = written.iter().map(|(l, _)| form(l)).collect();
        let lemmas = written.iter().map(|(_, l)| form(l)).collect();
        let verb_lemmas = (0..n).map(|_| OnceCell::new()).collect();
        let event_nouns = (0..n).map(|_| OnceCell::new()).collect();
        Forms { lower, lemmas, verb_lemmas, event_nouns }
    }
}

/// `s` in lower case ([`dyad_core::lowercase`]), written to `arena` when it differs.
fn lower_into<'a>(arena: &mut String, s: &'a str) -> Lowered<'a> {
    if s.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        return Lowered::Same(s);
    }
    let at = arena.len();
    crate::actors::push_lower(arena, s);
    Lowered::Written(at..arena.len())
}

/// The analysis form of token `t`.
fn word_at(analysis: &Analysis, t: usize) -> &str {
    analysis.tokens.get(t).map_or("", |tok| tok.norm(&analysis.document))
}

/// The lemma of token `t` in lower case (its word when untagged).
fn lemma_lower(analysis: &Analysis, t: usize) -> Cow<'_, str> {
    analysis.pos.get(t).map_or_else(|| lowercase(word_at(analysis, t)), |p| lowercase(&p.lemma))
}

impl<'a> Context<'a> {
    fn new(analysis: &'a Analysis, forms: &'a Forms<'a>, sentence: usize, range: Range<usize>, chunk_of: Vec<Option<usize>>, mentions: Vec<usize>) -> Context<'a> {
        let lower = forms.lower.get(range.clone()).unwrap_or(&[]);
        let lemmas = forms.lemmas.get(range.clone()).unwrap_or(&[]);
        let verb_lemmas = forms.verb_lemmas.get(range.clone()).unwrap_or(&[]);
        let event_nouns = forms.event_nouns.get(range.clone()).unwrap_or(&[]);
        Context { analysis, sentence, range, chunk_of, mentions, date: None, lower, lemmas, verb_lemmas, event_nouns }
    }
}

impl Context<'_> {
    fn word(&self, t: usize) -> &str {
        word_at(self.analysis, t)
    }

    /// The word at `t` in lower case.
    fn lower(&self, t: usize) -> Cow<'_, str> {
        match t.checked_sub(self.range.start).and_then(|i| self.lower.get(i)) {
            Some(lower) => Cow::Borrowed(lower),
            None => lowercase(self.word(t)),
        }
    }

    /// The lemma at `t` in lower case.
    fn lemma_of(&self, t: usize) -> Cow<'_, str> {
        match t.checked_sub(self.range.start).and_then(|i| self.lemmas.get(i)) {
            Some(lemma) => Cow::Borrowed(lemma),
            None => lemma_lower(self.analysis, t),
        }
    }

    fn upos(&self, t: usize) -> &str {
        self.analysis.pos.get(t).map_or("X", |p| p.upos)
    }

    fn xpos(&self, t: usize) -> &str {
        self.analysis.pos.get(t).map_or("X", |p| p.xpos)
    }

    /// Whether the word at `t`, by lemma or by its singular, is one of `words`.
    fn is_lemma(&self, t: usize, words: &[&str]) -> bool {
        if !self.inside(t) {
            return false;
        }
        let (word, lemma) = (self.lower(t), self.lemma_of(t));
        let singular = Singular::of(&word);
        words.iter().any(|w| same(w, &lemma) || same(w, &word) || singular.is(w))
    }

    /// A participle (VBN, VBG, or a past form the tagger took for a
    /// past tense) standing without an auxiliary.
    fn is_participle(&self, t: usize) -> bool {
        self.analysis.pos.get(t).is_some_and(|p| matches!(p.xpos, "VBN" | "VBG" | "VBD"))
    }

    fn inside(&self, t: usize) -> bool {
        self.range.contains(&t)
    }

    fn chunk(&self, t: usize) -> Option<&Chunk> {
        let idx = (*self.chunk_of.get(t.checked_sub(self.range.start)?)?)?;
        self.analysis.chunks.get(idx)
    }

    /// The noun phrase that starts at `t`.
    fn np_starting(&self, t: usize) -> Option<&Chunk> {
        self.chunk(t).filter(|c| c.kind == ChunkKind::NounPhrase && c.tokens.start == t)
    }

    /// The noun phrase that ends at `t` (inclusive).
    fn np_ending(&self, t: usize) -> Option<&Chunk> {
        self.chunk(t).filter(|c| c.kind == ChunkKind::NounPhrase && c.tokens.end == t + 1)
    }

    /// The tokens of the noun phrase that ends at `t`, with a parenthesis
    /// inside or after it: "the World Food Programme (WFP)", "the
    /// Asia-Pacific Economic Cooperation (APEC) forum".
    fn name_ending(&self, t: usize) -> Option<Range<usize>> {
        if self.is(t, &[")"]) {
            let open = self.open_paren(t)?;
            let np = self.np_ending(open.checked_sub(1)?)?;
            return Some(np.tokens.start..t + 1);
        }
        let np = self.np_ending(t)?.tokens.clone();
        let glued = np.start.checked_sub(1).filter(|&c| c >= self.range.start && self.is(c, &[")"]));
        if let Some(before) = glued.and_then(|c| self.open_paren(c)).and_then(|o| o.checked_sub(1)).and_then(|e| self.np_ending(e)) {
            return Some(before.tokens.start..np.end);
        }
        Some(np)
    }

    /// The "(" that a ")" at `close` closes, a few tokens back, with no
    /// verb group inside.
    fn open_paren(&self, close: usize) -> Option<usize> {
        let lowest = close.saturating_sub(8).max(self.range.start);
        for q in (lowest..close).rev() {
            if self.is(q, &["("]) {
                return (q > self.range.start).then_some(q);
            }
            if self.is(q, &[")"]) || self.chunk(q).is_some_and(|c| c.kind == ChunkKind::VerbGroup) {
                return None;
            }
        }
        None
    }

    /// After a noun phrase ending before `t`, the end of a parenthesis that
    /// follows it ("the Organization of American States (OAS)"), if any.
    fn paren_end(&self, t: usize) -> usize {
        if !self.is(t, &["("]) {
            return t;
        }
        let highest = (t + 8).min(self.range.end);
        for q in t + 1..highest {
            if self.is(q, &[")"]) {
                return q + 1;
            }
            if self.is(q, &["("]) || self.chunk(q).is_some_and(|c| c.kind == ChunkKind::VerbGroup) {
                return t;
            }
        }
        t
    }

    /// The sentence's mentions lying inside `tokens`, in text order.
    fn mentions_in<'m>(&'m self, tokens: &'m Range<usize>) -> impl Iterator<Item = &'m dyad_core::Mention> + 'm {
        self.mentions
            .iter()
            .filter_map(|&m| self.analysis.mentions.get(m))
            .filter(move |m| m.tokens.start >= tokens.start && m.tokens.end <= tokens.end)
    }

    fn is(&self, t: usize, words: &[&str]) -> bool {
        // Inside the sentence, whose words are all in `lower`.
        let Some(lower) = t.checked_sub(self.range.start).and_then(|i| self.lower.get(i)) else { return false };
        words.iter().any(|w| same(w, lower))
    }

    fn words(&self, tokens: &Range<usize>) -> Vec<&str> {
        tokens.clone().map(|t| self.word(t)).collect()
    }

    fn text(&self, tokens: &Range<usize>) -> String {
        Token::norm_of(self.analysis.tokens.get(tokens.clone()).unwrap_or(&[]), &self.analysis.document).to_string()
    }

    fn span(&self, tokens: &Range<usize>) -> Span {
        self.analysis.tokens.get(tokens.clone()).and_then(Token::span_of).unwrap_or(Span::new(0, 0))
    }
}

/// Per-document state: entity codes and the last actors seen (pronouns).
struct Memory {
    entity_codes: Vec<Option<Coded>>,
    last_actor: Option<(EventActor, Coded)>,
    /// The clause being coded refuses ("refused to meet", "will not
    /// accept"), rather than reporting that something did not happen.
    refused: bool,
    /// The event is a scheduled one ("the council meeting on Jan. 12"):
    /// it keeps its own code with future modality, not CAMEO's intent.
    scheduled: bool,
}

impl Extractor {
    /// The extractor with the dictionaries compiled into the binary.
    pub fn embedded() -> Extractor {
        Extractor { ontology: Ontology::embedded(), actors: Actors::embedded(), patterns: Patterns::embedded() }
    }

    /// An extractor with other dictionaries (kept for the process's life).
    pub fn new(ontology: &'static Ontology, actors: &'static Actors, patterns: &'static Patterns) -> Extractor {
        Extractor { ontology, actors, patterns }
    }

    /// The events of an analysed document, in text order of their triggers.
    pub fn extract(&self, analysis: &Analysis) -> Vec<Event> {
        let date = analysis.document.meta.date;
        let mut memory = Memory { entity_codes: self.entity_codes(analysis, date), last_actor: None, refused: false, scheduled: false };
        let mut events = Vec::new();
        let mut first_chunk = 0;
        let mut next_mention = 0;
        let mut arena = String::new();
        let forms = Forms::new(analysis, &mut arena);
        // Made once and refilled for each sentence.
        let (mut chunk_of, mut mentions) = (Vec::new(), Vec::new());
        for (si, sentence) in analysis.sentences.iter().enumerate() {
            let range = sentence.tokens.clone();
            chunk_of.clear();
            chunk_of.resize(range.len(), None);
            while first_chunk < analysis.chunks.len() && analysis.chunks[first_chunk].tokens.start < range.start {
                first_chunk += 1;
            }
            let mut ci = first_chunk;
            while ci < analysis.chunks.len() && analysis.chunks[ci].tokens.start < range.end {
                for t in analysis.chunks[ci].tokens.clone() {
                    if let Some(slot) = t.checked_sub(range.start).and_then(|i| chunk_of.get_mut(i)) {
                        *slot = Some(ci);
                    }
                }
                ci += 1;
            }
            // Mentions are in text order; transcript speaker labels have no tokens.
            mentions.clear();
            while let Some(m) = analysis.mentions.get(next_mention) {
                if !m.tokens.is_empty() && m.tokens.start >= range.end {
                    break;
                }
                if !m.tokens.is_empty() && m.tokens.start >= range.start {
                    mentions.push(next_mention);
                }
                next_mention += 1;
            }
            let cx = Context { date, ..Context::new(analysis, &forms, si, range, chunk_of, mentions) };
            self.sentence_events(&cx, first_chunk..ci, &mut memory, &mut events);
            (chunk_of, mentions) = (cx.chunk_of, cx.mentions);
        }
        events.sort_by_key(|e| e.trigger.start);
        events
    }

    /// The best code of each entity, from the phrases around its mentions
    /// ("Russian Deputy Foreign Minister Sergey Ryabkov" codes "Ryabkov").
    fn entity_codes(&self, analysis: &Analysis, date: Option<Date>) -> Vec<Option<Coded>> {
        let mut codes: Vec<Option<Coded>> = vec![None; analysis.entities.len()];
        let mut ci = 0;
        for mention in &analysis.mentions {
            let Some(first) = mention.tokens.clone().next() else { continue };
            while ci < analysis.chunks.len() && analysis.chunks[ci].tokens.end <= first {
                ci += 1;
            }
            let phrase = analysis
                .chunks
                .get(ci)
                .filter(|c| c.tokens.start <= first && mention.tokens.end <= c.tokens.end)
                .map_or(mention.tokens.clone(), |c| c.tokens.clone());
            let words: Vec<&str> = phrase.clone().map(|t| analysis.tokens[t].norm(&analysis.document)).collect();
            let mut coded = self.actors.code(&words, date);
            // A person named by surname alone: "Putin offered …".
            let person = analysis.entities.get(mention.entity).is_some_and(|e| e.kind == EntityKind::Person);
            if coded.is_none() && person && mention.tokens.len() == 1 {
                let last = mention.tokens.end.checked_sub(1).and_then(|t| analysis.tokens.get(t)).map(|t| t.norm(&analysis.document));
                coded = last.and_then(|surname| self.actors.code_surname(surname, date));
            }
            // An apposition after the name: "Sergey Ryabkov, Russia's deputy foreign minister,".
            if coded.as_ref().is_none_or(|c| !c.has_country || c.code.len() <= 3) {
                let after = phrase.end;
                let comma = analysis.tokens.get(after).map(|t| t.norm(&analysis.document)) == Some(",");
                // Those before `ci` end before the mention.
                let next = comma.then(|| analysis.chunks[ci..].iter().find(|c| c.tokens.start == after + 1 && c.kind == ChunkKind::NounPhrase)).flatten();
                if let Some(next) = next {
                    let words: Vec<&str> = next.tokens.clone().map(|t| analysis.tokens[t].norm(&analysis.document)).collect();
                    if let Some(appositive) = self.actors.code(&words, date).filter(|c| c.has_country) {
                        coded = Some(appositive);
                    }
                }
            }
            if let (Some(new), Some(slot)) = (coded, codes.get_mut(mention.entity)) {
                if slot.as_ref().is_none_or(|old| strength(&new) > strength(old)) {
                    *slot = Some(new);
                }
            }
        }
        codes
    }

    fn sentence_events(&self, cx: &Context, chunks: Range<usize>, memory: &mut Memory, events: &mut Vec<Event>) {
        let analysis = cx.analysis;
        self.reported_demands(cx, chunks.clone(), memory, events);
        let mut subjects_of_previous: Vec<Phrase> = Vec::new();
        let mut previous_verb: Option<Cow<str>> = None;
        for ci in chunks.clone() {
            let chunk = &analysis.chunks[ci];
            if chunk.kind != ChunkKind::VerbGroup {
                continue;
            }
            // "is opposed to", "is committed to": a state of the subject, not a passive.
            let head_lemma = self.verb_lemma(cx, chunk.head);
            // "were engaged in ethnic cleansing": the noun after "in" is the subject's own act.
            let engaged = chunk.passive && cx.is(chunk.tokens.end, &["in"]) && matches!(&*head_lemma, "engage" | "involve");
            let stative = engaged || (chunk.passive && cx.is(chunk.tokens.end, &["to"]) && matches!(&*head_lemma, "oppose" | "commit"));
            let passive = chunk.passive && !stative;
            let mut subjects = self.subjects(cx, chunk);
            if subjects.is_empty() {
                // "Russia massed troops and threatened Ukraine": the subject of the previous verb.
                let mut j = chunk.tokens.start;
                while j > cx.range.start && cx.upos(j - 1) == "ADV" {
                    j -= 1;
                }
                if j > cx.range.start && cx.is(j - 1, &["and", "but", ","]) {
                    subjects = subjects_of_previous.clone();
                }
            }
            // A participle clause takes the subject of the clause it hangs
            // on: "…, demanding that …", "issued a statement demanding …",
            // unless an actor stands right before it ("protesters demanding").
            // A purpose clause: "opened the bridge after four years to allow
            // deliveries" is done by the main clause's subject.
            let infinitive = cx.is(chunk.tokens.start, &["to"]) || (chunk.tokens.start > cx.range.start && cx.is(chunk.tokens.start - 1, &["to"]));
            let mut borrowed = false;
            let mut planned = false;
            // Unless the verb before makes its object the doer: "urged Russia
            // to withdraw", "allowed the rebels to leave".
            let object_control = previous_verb.as_deref().is_some_and(|v| listed(DEMAND_VERBS, v) || listed(OBJECT_CONTROL_VERBS, v));
            let doer_named = object_control && subjects.iter().any(|p| self.is_actor_like(cx, p));
            let demanded_content = self.demand_before(cx, chunk).is_some();
            if infinitive && !subjects_of_previous.is_empty() && !doer_named && !demanded_content {
                subjects = subjects_of_previous.clone();
                borrowed = true;
                // "agreed a plan to guard the cables": planned, not done.
                planned = previous_verb.as_deref().is_some_and(|v| listed(FUTURE_VERBS, v));
            }
            let bare_participle = chunk.tokens.len() == 1 && cx.analysis.pos.get(chunk.head).is_some_and(|p| p.xpos == "VBG");
            if bare_participle && !subjects_of_previous.is_empty() {
                let after_comma = chunk.tokens.start > cx.range.start && cx.is(chunk.tokens.start - 1, &[","]);
                if after_comma || !subjects.iter().any(|p| self.is_actor_like(cx, p)) {
                    subjects = subjects_of_previous.clone();
                    borrowed = true;
                }
            }
            previous_verb = Some(self.verb_lemma(cx, chunk.head));
            let modality = match self.modality(cx, chunk, chunks.clone()) {
                Modality::Asserted if planned => Modality::Future,
                other => other,
            };
            memory.refused = modality == Modality::Negated && self.refuses(cx, chunk);
            // Where a verb pattern's match ended ("lifted sanctions" covers its object).
            let mut matched_end = None;
            // "refused to meet": try the first verb's own patterns, then the main verb's.
            let verbs: Vec<usize> =
                chunk.tokens.clone().filter(|&t| cx.upos(t) == "VERB" && t <= chunk.head).collect();
            for (n, &verb) in verbs.iter().enumerate() {
                let last = n + 1 == verbs.len();
                let modality = if last { modality } else { Modality::Asserted };
                let lemma = self.verb_lemma(cx, verb);
                // In the passive the subject is the target: "Kyiv was attacked (by …)".
                let found = if passive && last {
                    self.best_match_passive(cx, self.patterns.for_verb(&lemma), verb + 1, chunk.tokens.end)
                } else if stative && last {
                    // A pattern naming the "to" ("commit to"), else what follows it ("opposed to X").
                    let after_to = chunk.tokens.end + 1;
                    self.best_match(cx, self.patterns.for_verb(&lemma), chunk.tokens.end, chunk.tokens.end)
                        .or_else(|| self.best_match(cx, self.patterns.for_verb(&lemma), after_to, after_to))
                } else {
                    self.best_match(cx, self.patterns.for_verb(&lemma), verb + 1, chunk.tokens.end)
                };
                // "vowed to fight": an intent verb gives way to the conflict its
                // verb names, which the future makes a threat.
                let intent_of_conflict = !last
                    && listed(FUTURE_VERBS, &lemma)
                    && found.as_ref().is_some_and(|(p, _)| p.code.starts_with("03"))
                    && verbs.last().is_some_and(|&main| {
                        let main_lemma = self.verb_lemma(cx, main);
                        self.best_match(cx, self.patterns.for_verb(&main_lemma), main + 1, chunk.tokens.end).is_some_and(|(p, _)| is_conflict(&p.code))
                    });
                if intent_of_conflict {
                    continue;
                }
                // "staged a rally to demand reforms", "blocked roads demanding
                // …": a protest's demand is part of the protest (CAMEO 14x).
                let protest_demand = borrowed
                    && found.as_ref().is_some_and(|(p, _)| matches!(p.code.get(..2), Some("02" | "10")))
                    && events.iter().any(|e| e.sentence == cx.sentence && e.root() == "14");
                if protest_demand {
                    break;
                }
                if let Some((pattern, slots)) = found {
                    matched_end = Some(slots.end);
                    let trigger = verb..slots.end.max(verb + 1);
                    let (sources, targets) = if passive && last {
                        // "Kyiv was attacked by Russian forces".
                        let agents = self.agent_after(cx, chunk.tokens.end);
                        if agents.is_empty() && (pattern.code.starts_with("15") || pattern.code.starts_with("087")) {
                            // "troops are mobilized at the border with Ukraine", "the
                            // militias were demobilized": a force posture, or its
                            // easing, is its subject's own.
                            (subjects.clone(), self.posture_target(cx, chunk.tokens.end))
                        } else {
                            (agents, subjects.clone())
                        }
                    } else if pattern.has_source() {
                        (slots.source.clone(), subjects.clone())
                    } else if slots.target.is_empty() && pattern.code.starts_with("15") {
                        // "troops stationed near the border with Ukraine": a bare
                        // participle after a noun phrase is done by that phrase.
                        let mut before = chunk.tokens.start;
                        while before > cx.range.start && cx.upos(before - 1) == "ADV" {
                            before -= 1;
                        }
                        let reduced = chunk.tokens.len() == 1 && matches!(cx.xpos(chunk.head), "VBN" | "VBD") && before > cx.range.start;
                        // "the thousands of Russian troops": the count, with its troops as context.
                        let owner = if reduced {
                            cx.np_ending(before - 1).map(|np| {
                                let outer = (np.tokens.start >= cx.range.start + 2 && cx.is(np.tokens.start - 1, &["of"]))
                                    .then(|| cx.np_ending(np.tokens.start - 2))
                                    .flatten();
                                match outer {
                                    Some(o) => vec![Phrase { tokens: o.tokens.clone(), context: vec![np.tokens.clone()], agent: None }],
                                    None => vec![Phrase::new(np.tokens.clone())],
                                }
                            })
                        } else {
                            None
                        };
                        (owner.unwrap_or_else(|| subjects.clone()), self.posture_target(cx, chunk.tokens.end))
                    } else {
                        (subjects.clone(), slots.target.clone())
                    };
                    let modality = if !last && listed(REFUSAL_VERBS, &lemma) { Modality::Asserted } else { modality };
                    self.emit(cx, memory, pattern, trigger.start..verb + 1, &sources, &targets, modality, events);
                    break;
                }
            }
            // Event nouns carried by a light verb: "held talks with", "began a
            // build-up". Other verbs do not make their subject the noun's
            // source ("discussed the demands").
            // "will provide nearly 25 tons of aid": skip the quantity words.
            let mut at = chunk.tokens.end + usize::from(engaged);
            while at < chunk.tokens.end + 3 && cx.np_starting(at).is_none() && (cx.is(at, QUANTITY_WORDS) || cx.upos(at) == "ADV") {
                at += 1;
            }
            // An object the verb's own pattern already took ("sought refuge",
            // "extended sanctions") is not a second event.
            let taken = |np: &Chunk| matched_end.is_some_and(|end| np.head < end);
            if let Some(object) = cx.np_starting(at).filter(|np| !taken(np)) {
                let mut object = object.clone();
                let mut recipient = Vec::new();
                let event_noun = |np: &Chunk| self.patterns.is_event_noun(&cx.lemma_of(np.head));
                // "gave Tanzania a grant": the first object receives the second.
                if !event_noun(&object) {
                    if let Some(second) = cx.np_starting(object.tokens.end).filter(|n| event_noun(n)) {
                        let first = Phrase::new(object.tokens.clone());
                        if self.is_actor_like(cx, &first) {
                            recipient.push(first);
                            object = second.clone();
                        }
                    }
                }
                // "gave 5 million dollars of aid": the noun after "of".
                if !event_noun(&object) && cx.is(object.tokens.end, &["of"]) {
                    if let Some(inner) = cx.np_starting(object.tokens.end + 1) {
                        object = inner.clone();
                    }
                }
                let light = engaged || listed(LIGHT_VERBS, &head_lemma);
                // "rolling back NATO's deployments", "ended the blockade": the
                // noun is undone, not done; a demanded act is not asserted.
                let undone = listed(UNDOING_VERBS, &head_lemma) || demanded_content;
                if !passive && light && !undone {
                    self.noun_event(cx, memory, &object, &subjects, &recipient, modality, events);
                } else if !passive && !light && !undone {
                    self.noun_event(cx, memory, &object, &[], &[], Modality::Asserted, events);
                }
            }
            if !subjects.is_empty() {
                subjects_of_previous = subjects;
            }
        }
        // Event nouns not governed by a verb: "Russia's troop build-up".
        memory.refused = false;
        for ci in chunks {
            let chunk = &analysis.chunks[ci];
            if chunk.kind != ChunkKind::NounPhrase {
                continue;
            }
            // The verb may have its particle or an adverb after it: "rolling back the deployments".
            let mut before = chunk.tokens.start;
            while before > cx.range.start && cx.upos(before - 1) == "ADV" && cx.chunk(before - 1).is_none() {
                before -= 1;
            }
            let governed = before > cx.range.start && cx.chunk(before - 1).is_some_and(|c| c.kind == ChunkKind::VerbGroup && !c.passive);
            if !governed && self.may_hold_event_noun(cx, chunk) {
                // "would be reserved for the council meeting", "the upcoming
                // talks": a meeting still to come.
                let previous_vg = (cx.range.start..chunk.tokens.start).rev().find_map(|t| cx.chunk(t).filter(|c| c.kind == ChunkKind::VerbGroup));
                let future_clause = previous_vg.and_then(|vg| vg.modal).is_some_and(|m| cx.is(m, &["will", "would", "shall", "'ll", "wo"]));
                let future_words = chunk.tokens.clone().any(|t| cx.is(t, &["upcoming", "planned", "forthcoming", "scheduled", "next", "coming"]));
                // "ahead of the council meeting", "in the run-up to the talks".
                let clause_start = previous_vg.map_or(cx.range.start, |vg| vg.tokens.end);
                let ahead = (clause_start..chunk.tokens.start).any(|t| {
                    (cx.is(t, &["ahead", "advance"]) && cx.is(t + 1, &["of"])) || (cx.is(t, &["run"]) && cx.is(t + 1, &["-"]) && cx.is(t + 2, &["up"]))
                });
                let future_words = future_words || ahead;
                let modality = if future_clause || future_words { Modality::Future } else { Modality::Asserted };
                memory.scheduled = modality == Modality::Future;
                self.noun_event(cx, memory, &chunk.clone(), &[], &[], modality, events);
                memory.scheduled = false;
            }
        }
    }

    /// "Russia said Sudan must return the helicopter": the speaker demands
    /// of the complement's subject (CAMEO 10), whether the report comes
    /// before or after ("…, Sudan must return it, Russia said").
    fn reported_demands(&self, cx: &Context, chunks: Range<usize>, memory: &mut Memory, events: &mut Vec<Event>) {
        static MUST: std::sync::OnceLock<Pattern> = std::sync::OnceLock::new();
        let pattern = MUST.get_or_init(|| Pattern::builtin("reported-must", "100", "{source} said {target} must …"));
        let groups = || chunks.clone().filter_map(|ci| cx.analysis.chunks.get(ci)).filter(|c| c.kind == ChunkKind::VerbGroup);
        let must = |group: &Chunk| group.modal.is_some_and(|m| cx.is(m, &["must"])) && !group.negated;
        // Most sentences have no "must": no reports to look for.
        if !groups().any(must) {
            return;
        }
        let reports: Vec<(usize, Vec<Phrase>)> = groups()
            .filter(|g| {
                let lemma = self.verb_lemma(cx, g.head);
                // "issued a reminder that …": a light verb with a statement.
                let statement = listed(LIGHT_VERBS, &lemma)
                    && cx.np_starting(g.tokens.end).is_some_and(|np| np.tokens.clone().any(|t| cx.is_lemma(t, STATEMENT_NOUNS)));
                listed(REPORTING_VERBS, &lemma) || listed(DECLARING_VERBS, &lemma) || statement
            })
            .map(|g| (g.tokens.start, self.subjects(cx, g)))
            .filter(|(_, s)| !s.is_empty())
            .collect();
        for group in groups() {
            if !must(group) {
                continue;
            }
            let at = group.tokens.start;
            let speaker = reports.iter().rev().find(|(start, _)| *start < at).or_else(|| reports.iter().find(|(start, _)| *start > at));
            let (Some((_, speakers)), targets) = (speaker, self.subjects(cx, group)) else { continue };
            if targets.is_empty() {
                continue;
            }
            let modal = group.modal.expect("checked above");
            self.emit(cx, memory, pattern, modal..modal + 1, speakers, &targets, Modality::Asserted, events);
        }
    }

    /// The best-matching pattern after a trigger at `from`: the one that
    /// matched the most elements.
    fn best_match<'p>(&self, cx: &Context, patterns: impl Iterator<Item = &'p Pattern>, from: usize, vg_end: usize) -> Option<(&'p Pattern, Slots)> {
        let mut best: Option<(&Pattern, Slots, usize)> = None;
        for pattern in patterns {
            if let Some(slots) = self.match_elements(cx, &pattern.elements, from, vg_end) {
                // A target must be someone: "called the vote" is not a phone
                // call. Words about an act ("condemned the decision") keep the
                // event without a target.
                let mut slots = slots;
                if !slots.target.is_empty() && !slots.target.iter().any(|p| self.is_actor_like(cx, p)) {
                    // Aid to refugees, force against positions or villagers:
                    // the event stands without a coded target.
                    let physical = matches!(pattern.code.get(..2), Some("17" | "18" | "19" | "20"))
                        && slots.target.iter().any(|p| cx.is_lemma(p.tokens.end.saturating_sub(1), PHYSICAL_TARGETS));
                    if !matches!(pattern.code.get(..2), Some("05" | "07" | "09" | "10" | "11" | "12" | "13")) && !physical {
                        continue;
                    }
                    slots.target.clear();
                }
                if !slots.source.is_empty() && !slots.source.iter().any(|p| self.is_actor_like(cx, p)) {
                    continue;
                }
                // More elements, then more literal words ("seize town" over "seize {target}").
                let words = pattern.elements.iter().filter(|e| matches!(e, Element::Word(_))).count();
                let score = pattern.elements.len() * 16 + words;
                if best.as_ref().is_none_or(|(_, _, s)| score > *s) {
                    best = Some((pattern, slots, score));
                }
            }
        }
        best.map(|(p, s, _)| (p, s))
    }

    /// The best pattern for a passive verb group: its target slot is the
    /// subject, so only the words after the target are matched.
    fn best_match_passive<'p>(&self, cx: &Context, patterns: impl Iterator<Item = &'p Pattern>, from: usize, vg_end: usize) -> Option<(&'p Pattern, Slots)> {
        let mut best: Option<(&Pattern, Slots, usize)> = None;
        for pattern in patterns.filter(|p| !p.has_source()) {
            let elements: Vec<Element> = pattern.elements.iter().filter(|e| **e != Element::Target).cloned().collect();
            if let Some(slots) = self.match_elements(cx, &elements, from, vg_end) {
                let score = elements.len() * 16 + usize::from(pattern.elements.contains(&Element::Target));
                if best.as_ref().is_none_or(|(_, _, s)| score > *s) {
                    best = Some((pattern, slots, score));
                }
            }
        }
        best.map(|(p, s, _)| (p, s))
    }

    /// The best pattern for an event noun whose target came before it as
    /// a first object ("gave Tanzania a grant"): the target and the
    /// preposition that introduces it ("grant to {target}") are not matched.
    fn best_match_recipient<'p>(&self, cx: &Context, patterns: impl Iterator<Item = &'p Pattern>, from: usize) -> Option<(&'p Pattern, Slots)> {
        let mut best: Option<(&Pattern, Slots, usize)> = None;
        for pattern in patterns.filter(|p| !p.has_source() && p.elements.contains(&Element::Target)) {
            let mut elements = pattern.elements.clone();
            if let Some(at) = elements.iter().position(|e| *e == Element::Target) {
                elements.remove(at);
                let preposition = at.checked_sub(1).and_then(|p| elements.get(p)).is_some_and(|e| match e {
                    Element::Word(words) => words.iter().any(|w| matches!(w.as_str(), "to" | "for" | "with")),
                    _ => false,
                });
                if preposition {
                    elements.remove(at - 1);
                }
            }
            if let Some(slots) = self.match_elements(cx, &elements, from, from) {
                let score = elements.len() * 16 + 1;
                if best.as_ref().is_none_or(|(_, _, s)| score > *s) {
                    best = Some((pattern, slots, score));
                }
            }
        }
        best.map(|(p, s, _)| (p, s))
    }

    /// Matches pattern elements from token `from`.
    fn match_elements(&self, cx: &Context, elements: &[Element], from: usize, vg_end: usize) -> Option<Slots> {
        let mut slots = Slots { end: from, ..Slots::default() };
        let mut t = from;
        for (element_idx, element) in elements.iter().enumerate() {
            let more_follow = element_idx + 1 < elements.len();
            // Skip adverbs and negation inside or right after the verb group.
            while cx.inside(t) && (cx.upos(t) == "ADV" || cx.is(t, &["not", "n't"])) && cx.np_starting(t).is_none() {
                t += 1;
            }
            // Skip a time adjunct: "lifted Friday a blockade", "defended Iraq
            // on Friday against criticism".
            t = self.skip_time(cx, t);
            match element {
                Element::Word(alternatives) => {
                    let matches = |t: usize| {
                        let (lemma, word) = (cx.lemma_of(t), cx.lower(t));
                        let singular = Singular::of(&word);
                        alternatives.iter().any(|a| same(a, &lemma) || same(a, &word) || singular.is(a))
                    };
                    if !cx.inside(t) {
                        return None;
                    }
                    // "sent up to 4,000 troops": quantity words before the phrase.
                    if cx.np_starting(t).is_none() && !matches(t) {
                        let mut q = t;
                        while q < t + 3 && cx.np_starting(q).is_none() && cx.is(q, QUANTITY_WORDS) {
                            q += 1;
                        }
                        if cx.np_starting(q).is_some() {
                            t = q;
                        }
                    }
                    if let Some(np) = cx.np_starting(t) {
                        // A noun that heads the phrase: "send troops", "thousands of troops".
                        let np = np.clone();
                        let generic = || np.head > np.tokens.start && matches(np.head - 1) && cx.is_lemma(np.head, GENERIC_HEADS);
                        if matches(np.head) || generic() {
                            t = np.tokens.end;
                            // "withdrew inspectors and aid workers from": the objects coordinated with it.
                            if more_follow {
                                while let Some(next) = cx.np_starting(t + 1).filter(|_| cx.is(t, &["and", ","])) {
                                    t = next.tokens.end;
                                }
                            }
                        } else if cx.is(np.tokens.end, &["of"]) && cx.np_starting(np.tokens.end + 1).is_some_and(|n| matches(n.head)) {
                            t = cx.np_starting(np.tokens.end + 1).map_or(t, |n| n.tokens.end);
                        } else if matches(t) {
                            t += 1;
                        } else {
                            return None;
                        }
                    } else if matches(t) {
                        t += 1;
                    } else {
                        return None;
                    }
                }
                Element::Target | Element::Source => {
                    // "up to 16 advisers", "more than 1,000 refugees".
                    let mut q = t;
                    while cx.inside(q) && cx.np_starting(q).is_none() && q < t + 3 && cx.is(q, QUANTITY_WORDS) {
                        q += 1;
                    }
                    let (phrases, end) = self.phrases_at(cx, q)?;
                    if *element == Element::Target {
                        slots.target = phrases;
                    } else {
                        slots.source = phrases;
                    }
                    t = end;
                }
            }
        }
        slots.end = t.max(from.min(vg_end));
        Some(slots)
    }

    /// The token after a time adjunct at `t` ("Friday", "on Monday", "last
    /// week"), or `t` itself.
    fn skip_time(&self, cx: &Context, t: usize) -> usize {
        let at = if cx.is(t, &["on"]) { t + 1 } else { t };
        match cx.np_starting(at) {
            Some(np) if np.tokens.clone().all(|u| cx.is(u, WEEKDAYS) || cx.is(u, TIME_NOUNS) || cx.is(u, &["last", "this", "next", "early", "late"])) => np.tokens.end,
            _ => t,
        }
    }

    /// The noun phrases at `t`: one, or several coordinated ("A and B"), with
    /// an "of" complement as context ("the foreign ministers of A and B").
    fn phrases_at(&self, cx: &Context, t: usize) -> Option<(Vec<Phrase>, usize)> {
        // A phrase with the parenthesis after it: "the Organization of American States (OAS)".
        let named = |at: usize| cx.np_starting(at).map(|np| np.tokens.start..cx.paren_end(np.tokens.end));
        let first = named(t)?;
        let mut heads = vec![first.clone()];
        let mut end = first.end;
        while cx.is(end, &["and", ","]) {
            match named(end + 1) {
                Some(next) => {
                    end = next.end;
                    heads.push(next);
                }
                None => break,
            }
        }
        let mut context = Vec::new();
        if cx.is(end, &["of", "from", "in"]) && heads.len() == 1 {
            let mut at = end + 1;
            while let Some(np) = named(at) {
                end = np.end;
                context.push(np);
                if cx.is(end, &["and", ","]) && cx.np_starting(end + 1).is_some() {
                    at = end + 1;
                } else {
                    break;
                }
            }
        }
        // "Secretary of State Wendy Sherman and Minister Sergey Ryabkov": a
        // title with "of" that ends in a person's name is one phrase, and
        // the phrases after "and" are further sides, not its context.
        if context.len() >= 2 && cx.is(first.end, &["of"]) {
            let titled = first.start..context[0].end;
            if cx.mentions_in(&titled).any(|m| m.kind == EntityKind::Person) {
                let sides = std::iter::once(titled).chain(context.drain(1..)).map(Phrase::new).collect();
                return Some((sides, end));
            }
        }
        Some((self.distribute(cx, heads, context), end))
    }

    /// "Lawmakers in A and B": one phrase per place when the head names no
    /// country itself.
    fn distribute(&self, cx: &Context, heads: Vec<Range<usize>>, context: Vec<Range<usize>>) -> Vec<Phrase> {
        if context.is_empty() {
            return heads.into_iter().map(Phrase::new).collect();
        }
        let mut out = Vec::new();
        for head in heads {
            let own = self.actors.code(&cx.words(&head), cx.date);
            if own.as_ref().is_some_and(|c| c.has_country) || context.len() == 1 {
                out.push(Phrase { tokens: head, context: context.clone(), agent: None });
            } else {
                out.extend(context.iter().map(|c| Phrase { tokens: head.clone(), context: vec![c.clone()], agent: None }));
            }
        }
        out
    }

    /// Whether a phrase can be an actor: the dictionaries code it, it holds
    /// a name the recogniser found, or it is a personal pronoun.
    fn is_actor_like(&self, cx: &Context, phrase: &Phrase) -> bool {
        let tokens = &phrase.tokens;
        let pronoun = tokens.len() == 1 && cx.is(tokens.start, &["him", "her", "them", "he", "she", "they", "us"]);
        pronoun
            || self.actors.code(&cx.words(tokens), cx.date).is_some()
            || phrase.context.iter().any(|c| self.actors.code(&cx.words(c), cx.date).is_some())
            || cx.mentions_in(tokens).any(|m| m.kind != EntityKind::Group)
    }

    /// The subject phrases of a verb group: the noun phrases right before it.
    fn subjects(&self, cx: &Context, vg: &Chunk) -> Vec<Phrase> {
        let mut j = vg.tokens.start;
        let before = |j: usize| j.checked_sub(1).filter(|&p| p >= cx.range.start);
        // Adverbs between subject and verb.
        while let Some(p) = before(j) {
            if cx.upos(p) == "ADV" && cx.chunk(p).is_none() {
                j = p;
            } else {
                break;
            }
        }
        // An infinitive: "called on Russia to withdraw" → Russia; "Norway is
        // willing to send" → Norway.
        let infinitive = before(j).is_some_and(|p| cx.is(p, &["to"]) && cx.upos(p) == "PART");
        // "One of Russia's demands for NATO was to ban Ukraine", "another
        // demand was rolling back …": the side asked would act; with no side
        // named, nobody the text names.
        if let Some(demand) = self.demand_before(cx, vg) {
            let asked = cx.is(demand + 1, &["for", "to", "on"]).then(|| self.phrases_at(cx, demand + 2)).flatten();
            return asked.map(|(phrases, _)| phrases).unwrap_or_default();
        }
        if let Some(p) = before(j).filter(|&p| cx.is(p, &["to"]) && cx.upos(p) == "PART") {
            j = p;
            if let Some(adjective) = before(j).filter(|&a| cx.is(a, INTENT_ADJECTIVES)) {
                let copula = before(adjective).and_then(|c| cx.chunk(c)).filter(|c| c.kind == ChunkKind::VerbGroup);
                if let Some(copula) = copula {
                    j = copula.tokens.start;
                }
            }
        }
        // A relative pronoun: "NATO, which …" → NATO.
        if let Some(p) = before(j).filter(|&p| cx.is(p, &["who", "which", "that"])) {
            j = p;
            if let Some(q) = before(j).filter(|&q| cx.is(q, &[","])) {
                j = q;
            }
        }
        // An apposition: "Ryabkov, Russia's deputy foreign minister, said",
        // "Pakistan, a key ally in the war against terrorism, has refused".
        let mut appositive = None;
        if let Some(close) = before(j).filter(|&p| cx.is(p, &[","])) {
            let open = (close.saturating_sub(16).max(cx.range.start)..close)
                .rev()
                .take_while(|&q| cx.chunk(q).is_none_or(|c| c.kind != ChunkKind::VerbGroup))
                .find(|&q| cx.is(q, &[","]));
            let head = open.and_then(&before).and_then(|q| cx.name_ending(q));
            let app = open.and_then(|q| cx.np_starting(q + 1)).map(|c| c.tokens.clone());
            match (app, head) {
                (Some(app), Some(head)) => {
                    appositive = Some(app);
                    j = head.end;
                }
                _ => return Vec::new(),
            }
        }
        let Some(last) = before(j).and_then(|p| cx.name_ending(p)) else { return Vec::new() };
        // A name the chunker cut at its prepositions: "the Group of Seven",
        // "the Organization for Security and Co-operation in Europe".
        let last = match self.dictionary_name_before(cx, last.end) {
            Some(name) if name.start < last.start && cx.is(last.start.saturating_sub(1), &["of", "for", "in", "and"]) => name,
            _ => last,
        };
        // An object relative clause without "that": "the demands Russia
        // announced" — the name after a plural noun is the subject.
        let relative = (last.start + 1..last.end).filter(|_| cx.upos(last.start) == "DET").find(|&t| {
            cx.xpos(t - 1) == "NNS" && (t..last.end).all(|u| cx.upos(u) == "PROPN" && !cx.is(u, WEEKDAYS) && !cx.is(u, crate::actors::MONTHS))
        });
        if let Some(name) = relative {
            return vec![Phrase::new(name..last.end)];
        }
        // Walk back: coordination and prepositional attachments.
        let mut start = last.start;
        let mut items: Vec<(Option<Cow<str>>, Range<usize>)> = vec![(None, last)];
        let mut crossed_preposition = false;
        loop {
            while let Some(mut link) = before(start) {
                let mut connector = cx.lower(link);
                // "Washington along with its allies": a coordination.
                if connector == "with" {
                    if let Some(along) = before(link).filter(|&p| cx.is(p, &["along", "together"])) {
                        link = along;
                        connector = Cow::Borrowed("and");
                    }
                }
                let preposition = cx.upos(link) == "ADP" && !matches!(&*connector, "that" | "with" | "by" | "to");
                // "Nigerians from throughout the country": two prepositions in a row.
                if preposition {
                    if let Some(first) = before(link).filter(|&p| cx.upos(p) == "ADP" && cx.chunk(p).is_none()) {
                        link = first;
                    }
                }
                // A comma lists subjects ("A, B and C met", a headline's "US,
                // Russia meet") but also closes an opening phrase ("For the
                // third time, delegates … met", "In a letter to the UN on
                // Monday, Iraq said"): after an "and", or from the first word.
                let listed = items.iter().any(|(c, _)| c.as_deref() == Some("and"))
                    || before(link).and_then(|p| cx.name_ending(p)).is_some_and(|np| np.start == cx.range.start);
                let is_link = connector == "and" || (connector == "," && listed && !crossed_preposition) || preposition;
                crossed_preposition |= preposition;
                let Some(np) = before(link).and_then(|p| cx.name_ending(p)).filter(|_| is_link) else { break };
                items.last_mut().expect("one item").0 = Some(connector);
                start = np.start;
                items.push((None, np));
            }
            // A reduced relative clause: "guerrillas operating in Macedonia
            // have been …", "troops stationed near the border fired …": the
            // subject is the phrase before the participle.
            // Also an adjective: "militants loyal to …", "workers affiliated with …".
            // Not "called on Russia to withdraw" nor "said on Monday troops had left".
            let reduced = |c: &Chunk| {
                let lemma = self.verb_lemma(cx, c.head);
                c.kind == ChunkKind::VerbGroup
                    && c.tokens.len() == 1
                    && cx.is_participle(c.head)
                    && ![REPORTING_VERBS, DECLARING_VERBS, DEMAND_VERBS, &["accord"]].iter().any(|list| listed(list, &lemma))
            };
            let finite = !(vg.tokens.len() == 1 && cx.is_participle(vg.head) && cx.analysis.pos.get(vg.head).is_some_and(|p| p.xpos != "VBD"));
            let modifier = before(start).filter(|&p| !infinitive && finite && cx.upos(p) == "ADP").and_then(&before).and_then(|v| match cx.chunk(v) {
                Some(c) if reduced(c) => Some(c.tokens.start),
                None if cx.upos(v) == "ADJ" => Some(v),
                _ => None,
            });
            // "aircraft including helicopter gunships killed": the subject is
            // the phrase before.
            let linked = before(start).filter(|&p| cx.is(p, &["including", "using", "carrying"]));
            match modifier.or(linked).and_then(&before).and_then(|p| cx.name_ending(p)) {
                Some(np) => {
                    start = np.start;
                    items = vec![(None, np)];
                    crossed_preposition = false;
                }
                None => break,
            }
        }
        items.reverse();
        // "A group of Kurdish refugees": the people counted are the subject.
        // Those that name a country ("thousands of Russian troops") code the
        // count as its context.
        let counted = |k: usize| items.get(k).filter(|(c, _)| c.as_deref() == Some("of")).map(|(_, r)| r.clone());
        let no_country = counted(1).is_some_and(|r| !self.actors.code(&cx.words(&r), cx.date).is_some_and(|c| c.has_country));
        // Not a name: "the Group of Seven".
        let collective = || items[0].1.end.checked_sub(1).filter(|&h| cx.is_lemma(h, COLLECTIVE_HEADS) && !cx.word(h).starts_with(char::is_uppercase));
        if no_country && collective().is_some() {
            items.remove(0);
            items[0].0 = None;
        }
        // items[k].0 is the connector before items[k] (None for the first).
        let prep = items.iter().position(|(c, _)| c.as_deref().is_some_and(|c| c != "and" && c != ","));
        // "US and Russia officials": the last phrase's title words belong to
        // every bare country before it.
        if prep.is_none() && items.len() > 1 {
            let last = items.last().map(|(_, r)| r.clone()).expect("items");
            let country_end = (last.start..last.end).find(|&t| {
                let head = cx.words(&(t..last.end));
                self.actors.code(&head, cx.date).is_some_and(|c| !c.has_country)
            });
            if let Some(agent_start) = country_end.filter(|&t| t > last.start) {
                let agent = agent_start..last.end;
                let n = items.len();
                let mut phrases: Vec<Phrase> = Vec::new();
                for (k, (_, r)) in items.into_iter().enumerate() {
                    let bare = k + 1 < n && self.actors.code(&cx.words(&r), cx.date).is_some_and(|c| c.has_country && c.code.len() == 3);
                    phrases.push(if bare { Phrase::new(r).with_agent(agent.clone()) } else { Phrase::new(r) });
                }
                return phrases;
            }
        }
        let mut phrases = match prep {
            None => items.into_iter().map(|(_, r)| Phrase::new(r)).collect::<Vec<_>>(),
            Some(p) => {
                let heads: Vec<Range<usize>> = items[..p].iter().map(|(_, r)| r.clone()).collect();
                let context: Vec<Range<usize>> = items[p..].iter().map(|(_, r)| r.clone()).collect();
                self.distribute(cx, heads, context)
            }
        };
        if let Some(app) = appositive {
            for phrase in &mut phrases {
                phrase.context.push(app.clone());
            }
        }
        phrases
    }

    /// The demand noun of "… demand(s) [for X] was/is to" + the verb group,
    /// or "… was/is" + a gerund: the verb says what was demanded.
    fn demand_before(&self, cx: &Context, vg: &Chunk) -> Option<usize> {
        const COPULAS: &[&str] = &["was", "is", "were", "are"];
        // "… was to ban": the copula before "to"; "… was rolling back": the
        // copula opening a group on a gerund.
        let copula = match vg.tokens.start.checked_sub(1).filter(|&t| cx.is(t, &["to"])) {
            Some(to) => to.checked_sub(1).filter(|&t| cx.is(t, COPULAS))?,
            None => Some(vg.tokens.start).filter(|&t| t < vg.head && cx.is(t, COPULAS) && cx.xpos(vg.head) == "VBG")?,
        };
        // The subject is the demand ("Russia's demands was …") or the demand
        // is for someone ("demands for NATO was …").
        let subject = cx.np_ending(copula.checked_sub(1)?)?;
        let demand = |np: &Chunk| Some(np.head).filter(|&h| cx.is_lemma(h, DEMAND_NOUNS));
        demand(subject).or_else(|| {
            let for_ = subject.tokens.start.checked_sub(1).filter(|&t| cx.is(t, &["for", "to", "on"]))?;
            demand(cx.np_ending(for_.checked_sub(1)?)?)
        })
    }

    /// Whom a force posture faces: the actor after "border(s) with",
    /// "near" or "along" in the words after the verb group.
    fn posture_target(&self, cx: &Context, from: usize) -> Vec<Phrase> {
        let mut t = from;
        while cx.inside(t) && t < from + 10 {
            if cx.is(t, &[".", ";"]) || cx.chunk(t).is_some_and(|c| c.kind == ChunkKind::VerbGroup) {
                break;
            }
            let after_border = cx.is(t, &["with"]) && t > from && cx.is(t - 1, &["border", "borders", "frontier", "boundary"]);
            if after_border || cx.is(t, &["near", "along", "toward", "towards"]) {
                if let Some((phrases, _)) = self.phrases_at(cx, t + 1) {
                    let actors: Vec<Phrase> = phrases.into_iter().filter(|p| self.is_actor_like(cx, p)).collect();
                    if !actors.is_empty() {
                        return actors;
                    }
                }
            }
            t += 1;
        }
        Vec::new()
    }

    /// The agent of a passive: "by" + noun phrases after the verb group.
    fn agent_after(&self, cx: &Context, from: usize) -> Vec<Phrase> {
        let mut t = from;
        while cx.inside(t) && t < from + 6 {
            if cx.is(t, &["by"]) {
                return self.phrases_at(cx, t + 1).map(|(p, _)| p).unwrap_or_default();
            }
            if cx.chunk(t).is_some_and(|c| c.kind == ChunkKind::VerbGroup) || cx.is(t, &[".", ";"]) {
                break;
            }
            t += 1;
        }
        Vec::new()
    }

    /// A verb's lemma, mended where the suffix rules cut an unseen form
    /// short ("imposed" → "impos" → "impose", "expelled" → "expell" →
    /// "expel") or left a past form whole ("agreed" → "agree"): the first
    /// candidate that a pattern or word list knows. Made once per token
    /// of the document.
    fn verb_lemma<'c>(&self, cx: &'c Context, t: usize) -> Cow<'c, str> {
        let Some(i) = t.checked_sub(cx.range.start).filter(|&i| i < cx.verb_lemmas.len()) else {
            let lemma = cx.lemma_of(t);
            return self.mend_verb_lemma(&lemma).map_or(lemma, Cow::Owned);
        };
        match cx.verb_lemmas[i].get_or_init(|| self.mend_verb_lemma(cx.lemmas[i])) {
            Some(mended) => Cow::Borrowed(mended),
            None => Cow::Borrowed(cx.lemmas[i]),
        }
    }

    /// [`Extractor::verb_lemma`] of a lemma, when not the lemma itself.
    fn mend_verb_lemma(&self, lemma: &str) -> Option<String> {
        static LISTED: std::sync::OnceLock<FxHashSet<&str>> = std::sync::OnceLock::new();
        let listed = LISTED.get_or_init(|| {
            [LIGHT_VERBS, REPORTING_VERBS, DECLARING_VERBS, DEMAND_VERBS, FUTURE_VERBS, REFUSAL_VERBS].iter().flat_map(|list| list.iter().copied()).collect()
        });
        let known = |l: &str| self.patterns.for_verb(l).next().is_some() || listed.contains(l);
        if known(lemma) {
            return None;
        }
        // The lemma and an "e", on the stack for the usual short lemma.
        let mut buf = [0u8; 32];
        let with_e = match buf.get_mut(..=lemma.len()) {
            Some(slot) => {
                slot[..lemma.len()].copy_from_slice(lemma.as_bytes());
                slot[lemma.len()] = b'e';
                Cow::Borrowed(std::str::from_utf8(slot).expect("a str and an ASCII letter"))
            }
            None => Cow::Owned(format!("{lemma}e")),
        };
        if known(&with_e) {
            return Some(with_e.into_owned());
        }
        let b = lemma.as_bytes();
        if b.len() > 3 && b[b.len() - 1] == b[b.len() - 2] && known(&lemma[..lemma.len() - 1]) {
            return Some(lemma[..lemma.len() - 1].to_string());
        }
        // A past form the tagger left whole ("agreed" as a present tense).
        if let Some(stem) = lemma.strip_suffix('d').filter(|s| s.ends_with('e') && known(s)) {
            return Some(stem.to_string());
        }
        if let Some(stem) = lemma.strip_suffix("ed").filter(|s| known(s)) {
            return Some(stem.to_string());
        }
        None
    }

    /// Whether a negated verb group refuses: "refused/declined/failed to",
    /// "will not", "would not", "cannot".
    fn refuses(&self, cx: &Context, vg: &Chunk) -> bool {
        let refusal_verb = vg.tokens.clone().any(|t| t < vg.head && cx.upos(t) == "VERB" && listed(REFUSAL_VERBS, &self.verb_lemma(cx, t)));
        let modal = vg.modal.is_some_and(|m| cx.is(m, &["will", "would", "wo", "'ll", "shall", "can", "could", "ca"]));
        refusal_verb || modal || vg.tokens.clone().any(|t| cx.is(t, &["cannot"]))
    }

    /// How the clause presents its event.
    fn modality(&self, cx: &Context, vg: &Chunk, chunks: Range<usize>) -> Modality {
        if vg.negated {
            return Modality::Negated;
        }
        let verbs_before: Vec<Cow<str>> =
            vg.tokens.clone().filter(|&t| t < vg.head && cx.upos(t) == "VERB").map(|t| self.verb_lemma(cx, t)).collect();
        if verbs_before.iter().any(|v| listed(REFUSAL_VERBS, v)) {
            return Modality::Negated;
        }
        if self.demand_before(cx, vg).is_some() {
            return Modality::Demanded;
        }
        // Earlier verbs of the sentence: a demand or a report.
        let earlier = || {
            chunks
                .clone()
                .filter_map(|ci| cx.analysis.chunks.get(ci))
                .filter(|c| c.kind == ChunkKind::VerbGroup && c.tokens.end <= vg.tokens.start)
                .map(|c| self.verb_lemma(cx, c.head))
        };
        let demanded = vg.tokens.clone().any(|t| cx.is(t, &["to"])) || cx.is(vg.tokens.start.saturating_sub(1), &["that", "to"]);
        if demanded && earlier().next_back().is_some_and(|v| listed(DEMAND_VERBS, &v)) {
            return Modality::Demanded;
        }
        if let Some(modal) = vg.modal {
            return match &*cx.lower(modal) {
                "will" | "shall" | "'ll" | "wo" => Modality::Future,
                "would" if earlier().any(|v| listed(REPORTING_VERBS, &v)) => Modality::Future,
                "must" => Modality::Demanded,
                _ => Modality::Conditional,
            };
        }
        if verbs_before.iter().any(|v| listed(FUTURE_VERBS, v)) {
            return Modality::Future;
        }
        // "is willing to send", "stands ready to help".
        let start = vg.tokens.start;
        let to = if cx.is(start, &["to"]) { Some(start) } else { start.checked_sub(1).filter(|&t| cx.is(t, &["to"])) };
        if to.and_then(|t| t.checked_sub(1)).is_some_and(|a| cx.is(a, INTENT_ADJECTIVES)) {
            return Modality::Future;
        }
        let clause_start = (cx.range.start..vg.tokens.start).rev().find(|&t| cx.is(t, &[",", ";", ":"])).unwrap_or(cx.range.start);
        if (clause_start..vg.tokens.start).any(|t| cx.is(t, &["if", "unless"])) {
            return Modality::Conditional;
        }
        Modality::Asserted
    }

    /// Whether a word of `np` (or its head) is the trigger of a noun pattern,
    /// by lemma or by word: only then can [`Extractor::noun_event`] find one.
    fn may_hold_event_noun(&self, cx: &Context, np: &Chunk) -> bool {
        np.tokens.clone().chain([np.head]).any(|t| self.is_event_noun(cx, t))
    }

    /// Whether the word at `t` triggers a noun pattern, by lemma or by word.
    fn is_event_noun(&self, cx: &Context, t: usize) -> bool {
        let test = || {
            let (lemma, word) = (cx.lemma_of(t), cx.lower(t));
            self.patterns.is_event_noun(&lemma) || (word != lemma && self.patterns.is_event_noun(&word))
        };
        match t.checked_sub(cx.range.start).and_then(|i| cx.event_nouns.get(i)) {
            Some(cell) => *cell.get_or_init(test),
            None => test(),
        }
    }

    /// An event noun heading `np`, with its pattern matched after the phrase.
    #[allow(clippy::too_many_arguments)]
    fn noun_event(
        &self,
        cx: &Context,
        memory: &mut Memory,
        np: &Chunk,
        subjects: &[Phrase],
        recipient: &[Phrase],
        modality: Modality,
        events: &mut Vec<Event>,
    ) {
        if !self.may_hold_event_noun(cx, np) {
            return;
        }
        // The event noun: the head, or the last common noun before trailing
        // dates and names ("negotiations today", "demands Russia announced").
        let head = (np.tokens.start..np.tokens.end)
            .rev()
            .find(|&t| cx.upos(t) == "NOUN" && !cx.is(t, TIME_NOUNS))
            .filter(|&t| (t + 1..np.tokens.end).all(|u| cx.upos(u) == "PROPN" || cx.is(u, TIME_NOUNS) || cx.is(u, &["next", "last", "this", "coming"])))
            .unwrap_or(np.head);
        // "a mediation effort", "aid deliveries": the event noun before a generic head.
        let head = match head.checked_sub(1) {
            Some(before) if before >= np.tokens.start && cx.upos(before) == "NOUN" && self.patterns.is_event_noun(&cx.lemma_of(before)) && cx.is_lemma(head, GENERIC_HEADS) => before,
            _ => head,
        };
        let (lemma, word) = (cx.lemma_of(head), cx.lower(head));
        let candidates = self.patterns.for_noun(&lemma).chain(if word != lemma { Some(self.patterns.for_noun(&word)) } else { None }.into_iter().flatten());
        let found = if recipient.is_empty() {
            self.best_match(cx, candidates, np.tokens.end, np.tokens.end)
        } else {
            self.best_match_recipient(cx, candidates, np.tokens.end)
        };
        let Some((pattern, mut slots)) = found else { return };
        // "the meeting (was) between A and B": the two sides.
        let mut at = slots.end.max(np.tokens.end);
        if cx.is(at, &["was", "were", "is", "are", "be", "been"]) {
            at += 1;
        }
        if !pattern.has_source() && slots.target.is_empty() && cx.is(at, &["between", "among"]) {
            if let Some((sides, _)) = self.phrases_at(cx, at + 1).filter(|(p, _)| p.len() >= 2) {
                self.emit(cx, memory, pattern, head..head + 1, &sides, &[], modality, events);
                return;
            }
        }
        // "demands for NATO", "sanctions on Iran": a following actor is the
        // target (also when the pattern itself ended on the preposition).
        let after_preposition = at > np.tokens.end && cx.upos(at - 1) == "ADP";
        let at = if after_preposition { at - 1 } else { at };
        if !pattern.has_source() && slots.target.is_empty() && cx.is(at, &["to", "for", "on", "against", "with", "toward", "towards"]) {
            if let Some((phrases, _)) = self.phrases_at(cx, at + 1) {
                let actors: Vec<Phrase> =
                    phrases.into_iter().filter(|p| self.actors.code(&cx.words(&p.tokens), cx.date).is_some_and(|c| c.has_country)).collect();
                slots.target = actors;
            }
        }
        // "gave Tanzania a grant".
        if !pattern.has_source() && slots.target.is_empty() {
            slots.target = recipient.to_vec();
        }
        // The source: the governing clause's subject, else the phrase's own modifiers.
        let sources: Vec<Phrase> = if !subjects.is_empty() {
            subjects.to_vec()
        } else if head > np.tokens.start {
            let modifiers = np.tokens.start..head;
            let coded = |r: &Range<usize>| self.actors.code(&cx.words(r), cx.date).is_some_and(|c| c.has_country);
            if coded(&modifiers) {
                vec![Phrase::new(modifiers)]
            } else {
                // A long name the chunker cut at its prepositions ("the
                // Organization for Security and Co-operation in Europe
                // meeting"), or an editor's expansion in brackets ("the
                // [Organization for …] Permanent Council meeting").
                let name = self.dictionary_name_before(cx, head).filter(|r| r.start < np.tokens.start);
                let bracketed = || {
                    let close = np.tokens.start.checked_sub(1).filter(|&close| cx.is(close, &["]"]))?;
                    (close.saturating_sub(16).max(cx.range.start)..close).rev().find(|&t| cx.is(t, &["["])).map(|open| open..head)
                };
                name.or_else(bracketed).filter(coded).map(Phrase::new).into_iter().collect()
            }
        } else {
            Vec::new()
        };
        let (sources, targets) = if pattern.has_source() { (slots.source.clone(), sources) } else { (sources, slots.target.clone()) };
        self.emit(cx, memory, pattern, head..head + 1, &sources, &targets, modality, events);
    }

    /// Codes a phrase as an actor.
    fn actor(&self, cx: &Context, memory: &Memory, phrase: &Phrase) -> Option<(EventActor, Coded)> {
        let analysis = cx.analysis;
        let mut words = cx.words(&phrase.tokens);
        if let Some(agent) = &phrase.agent {
            words.extend(cx.words(agent));
        }
        let mention = cx.mentions_in(&phrase.tokens).last();
        let entity = mention.map(|m| m.entity);
        let mut coded = self.actors.code(&words, cx.date);
        if let Some(from_entity) = entity.and_then(|e| memory.entity_codes.get(e).cloned().flatten()) {
            if coded.as_ref().is_none_or(|c| strength(&from_entity) > strength(c)) {
                coded = Some(Coded { reason: format!("{} (its first mention: {})", mention_name(analysis, entity), from_entity.reason), ..from_entity });
            }
        }
        // Pronouns: "he", "she" → the last person; "it", "they" → the last actor.
        let pronoun = phrase.tokens.len() == 1 && cx.upos(phrase.tokens.start) == "PRON";
        let mut entity = entity;
        if coded.is_none() && pronoun {
            let word = words.first().map(|w| w.to_lowercase()).unwrap_or_default();
            if matches!(word.as_str(), "he" | "she" | "him" | "her") {
                let person = analysis
                    .mentions
                    .iter()
                    .rev()
                    .filter(|m| m.tokens.end <= phrase.tokens.start && !m.tokens.is_empty())
                    .find(|m| analysis.entities.get(m.entity).is_some_and(|e| e.kind == EntityKind::Person));
                if let Some(m) = person {
                    entity = Some(m.entity);
                    coded = memory.entity_codes.get(m.entity).cloned().flatten().map(|c| Coded {
                        reason: format!("\"{word}\" refers to {}, the last person named ({})", mention_name(analysis, Some(m.entity)), c.reason),
                        ..c
                    });
                }
            } else if matches!(word.as_str(), "it" | "they" | "them") {
                if let Some((actor, c)) = &memory.last_actor {
                    entity = actor.entity;
                    coded = Some(Coded { reason: format!("\"{word}\" refers to \"{}\", the last actor ({})", actor.text, c.reason), ..c.clone() });
                }
            }
        }
        // "its troops", "their forces": the owner is the last actor named.
        if coded.as_ref().is_some_and(|c| !c.has_country) && phrase.tokens.clone().any(|t| cx.is(t, &["its", "their"])) {
            if let (Some(own), Some((owner, by))) = (&coded, &memory.last_actor) {
                let country: String = by.code.chars().take(3).collect();
                if self.actors.is_country(&country) {
                    coded = Some(Coded {
                        code: format!("{country}{}", own.code),
                        reason: format!("{}; \"{}\" refers to \"{}\", the last actor ({country})", own.reason, cx.word(phrase.tokens.start), owner.text),
                        person: false,
                        has_country: true,
                    });
                }
            }
        }
        // A sector without a country takes the country of its context; a
        // people takes the country it lives in ("ethnic Albanians in
        // southern Serbia" → SRB).
        let people = self.actors.names_a_people(&words);
        if coded.as_ref().is_none_or(|c| !c.has_country) || people {
            let from_context = phrase.context.iter().find_map(|r| self.actors.code(&cx.words(r), cx.date).filter(|c| c.has_country).map(|c| (r, c)));
            if let Some((r, place)) = from_context {
                let country: String = place.code.chars().take(3).collect();
                coded = Some(match coded {
                    Some(own) if people && self.actors.is_country(&country) => Coded {
                        code: country.clone(),
                        reason: format!("{}, living in \"{}\" → {country}", own.reason, cx.text(r)),
                        person: false,
                        has_country: true,
                    },
                    Some(own) if people => own,
                    Some(own) => Coded {
                        code: format!("{country}{}", own.code),
                        reason: format!("{}; \"{}\" → {country}", own.reason, cx.text(r)),
                        person: own.person,
                        has_country: true,
                    },
                    None => Coded { reason: format!("\"{}\": {}", cx.text(r), place.reason), ..place },
                });
            }
        }
        let coded = coded?;
        let text = cx.text(&phrase.tokens);
        let actor = EventActor {
            span: cx.span(&phrase.tokens),
            tokens: phrase.tokens.clone(),
            text,
            entity,
            code: Some(coded.code.clone()),
            reason: coded.reason.clone(),
        };
        Some((actor, coded))
    }

    /// The one country a sentence is set in, for a sector that names none
    /// ("President X imposed a curfew in Algiers" → DZA, "a judge in Lima
    /// opened an inquiry" → PER): the country that the sentence's country
    /// words, capitals and domestic groups all name, each as the country of
    /// a domestic actor ("Chilean officials said"), a possessive ("Haiti's
    /// first free elections") or after "in", "of", "from", "at" (not for
    /// armed men: where they strike is not whose they are); those after
    /// "border with" are geography and do not count. None when they
    /// name several, or when one stands as an actor of its own: inside the
    /// event's target ("the president welcomed the Chinese premier"), the
    /// subject of a clause ("the minister said Iran must stop"), the object
    /// of "to", "for", "against", "on" ("sends the wrong signal to
    /// Moscow", "spying for Russia's intelligence service").
    fn sentence_country(&self, cx: &Context, source: &Range<usize>, sector: &str, targets: &[Option<EventActor>]) -> Option<(String, String)> {
        let armed = matches!(sector, "MIL" | "REB" | "UAF" | "PKO" | "SPY");
        let words = cx.words(&cx.range);
        // "…, a spokeswoman for the U.S. embassy said.": who reports is not
        // where it happened.
        let attribution = self.attribution_start(cx).filter(|&comma| source.end <= comma);
        let mut setting: Option<(String, String)> = None;
        for (r, code) in self.actors.countries(&words) {
            let tokens = cx.range.start + r.start..cx.range.start + r.end;
            let reported_by = attribution.is_some_and(|comma| tokens.start > comma);
            if (source.start <= tokens.start && tokens.end <= source.end) || reported_by {
                continue;
            }
            let before_verb = cx.chunk(tokens.end).is_some_and(|c| c.kind == ChunkKind::VerbGroup);
            // "near Macedonia's border with Bulgaria": geography, no actor.
            let np_start = cx.chunk(tokens.start).map_or(tokens.start, |c| c.tokens.start);
            if np_start >= 2 && cx.is(np_start - 1, &["with"]) && cx.is_lemma(np_start - 2, &["border", "frontier"]) {
                continue;
            }
            let target = targets.iter().flatten().any(|t| t.tokens.start <= tokens.start && tokens.end <= t.tokens.end);
            let possessive = cx.is(tokens.end, &["'s", "’s"]);
            let np = cx.chunk(tokens.start).filter(|c| c.kind == ChunkKind::NounPhrase);
            // "Chilean officials" is a domestic actor; "Russian fertiliser" a product.
            let modifier = np.is_some_and(|c| {
                c.head >= tokens.end && self.actors.code(&cx.words(&c.tokens), cx.date).is_some_and(|k| k.has_country && k.code.len() > 3)
            });
            let before = np.map_or(tokens.start, |c| c.tokens.start);
            let preposition = before.checked_sub(1);
            // "struck targets in northern Syria": where armed men act is not whose they are.
            let place = !armed && preposition.is_some_and(|p| cx.is(p, &["in", "of", "from", "at", "across", "throughout", "inside", "within"]));
            let counterpart = preposition.is_some_and(|p| cx.is(p, &["to", "for", "against", "on", "toward", "towards"]));
            // "… in Kosovo attacked": a place before the verb is no subject.
            let subject = before_verb && !place;
            if subject || target || counterpart || !(modifier || place || possessive) || setting.as_ref().is_some_and(|(c, _)| *c != code) {
                return None;
            }
            setting.get_or_insert_with(|| (code, cx.text(&tokens)));
        }
        setting
    }

    /// The tokens of the longest dictionary name that ends just before
    /// `end`, within the sentence: names the chunker cuts at their
    /// prepositions ("the Group of Seven").
    fn dictionary_name_before(&self, cx: &Context, end: usize) -> Option<Range<usize>> {
        let from = end.saturating_sub(16).max(cx.range.start);
        // Most words end no name.
        if from >= end || !self.actors.may_end_a_name(&cx.lower(end - 1)) {
            return None;
        }
        self.actors.name_ending(&cx.words(&(from..end))).map(|start| from + start..end)
    }

    /// The comma that opens a sentence's closing attribution ("…, Thai
    /// military sources said Monday."): the last verb group of the sentence
    /// is a reporting verb with only its subject and time words between it
    /// and the last comma before it.
    fn attribution_start(&self, cx: &Context) -> Option<usize> {
        let last_vg = (cx.range.start..cx.range.end).rev().find_map(|t| cx.chunk(t).filter(|c| c.kind == ChunkKind::VerbGroup))?;
        if !listed(REPORTING_VERBS, &self.verb_lemma(cx, last_vg.head)) {
            return None;
        }
        let comma = (cx.range.start..last_vg.tokens.start).rev().find(|&t| cx.is(t, &[","]))?;
        let only_subject = (comma + 1..last_vg.tokens.start).all(|t| cx.chunk(t).is_none_or(|c| c.kind == ChunkKind::NounPhrase) || cx.upos(t) == "ADP");
        only_subject.then_some(comma)
    }

    /// An uncoded target: the phrase alone.
    fn bare(&self, cx: &Context, phrase: &Phrase) -> EventActor {
        EventActor { span: cx.span(&phrase.tokens), tokens: phrase.tokens.clone(), text: cx.text(&phrase.tokens), entity: None, code: None, reason: "no dictionary entry".into() }
    }

    #[allow(clippy::too_many_arguments)]
    fn emit(
        &self,
        cx: &Context,
        memory: &mut Memory,
        pattern: &Pattern,
        trigger: Range<usize>,
        sources: &[Phrase],
        targets: &[Phrase],
        modality: Modality,
        events: &mut Vec<Event>,
    ) {
        // Announced cooperation is CAMEO's intent (03x), announced conflict a
        // threat (13x), refused cooperation a rejection (12x).
        let recoded = match modality {
            Modality::Future if memory.scheduled => None,
            Modality::Future => recode(INTENT_CODES, &pattern.code).or_else(|| recode(THREAT_CODES, &pattern.code)),
            Modality::Conditional => recode(THREAT_CODES, &pattern.code),
            Modality::Negated if memory.refused => recode(REFUSAL_CODES, &pattern.code),
            _ => None,
        };
        let code = recoded.unwrap_or(&pattern.code);
        // A refusal is asserted: "refused to meet" is a rejection that happened.
        let modality = if modality == Modality::Negated && recoded.is_some() { Modality::Asserted } else { modality };
        let Some(entry) = self.ontology.event(code) else { return };
        let coded_sources: Vec<(EventActor, Coded, &Phrase)> =
            sources.iter().filter_map(|p| self.actor(cx, memory, p).map(|(actor, coded)| (actor, coded, p))).collect();
        if coded_sources.is_empty() {
            return;
        }
        let coded_targets: Vec<Option<EventActor>> = if targets.is_empty() {
            vec![None]
        } else {
            targets.iter().map(|p| Some(self.actor(cx, memory, p).map_or_else(|| self.bare(cx, p), |(a, _)| a))).collect()
        };
        // A sector with no country, or a people called "ethnic …", is of
        // the country the sentence is set in.
        // Not when the phrase says where its people come from ("ministers
        // from the Baltic states") or counts several sides ("the two
        // governments").
        let coded_sources: Vec<(EventActor, Coded)> = coded_sources
            .into_iter()
            .map(|(actor, coded, phrase)| {
                // "ethnic Albanians", "ethnic Albanian guerrillas": the country
                // word names a people, not the state they live in.
                let ethnic = actor.tokens.clone().any(|t| cx.is(t, &["ethnic"]))
                    && coded.code.get(..3).is_some_and(|c| self.actors.is_country(c))
                    && !coded.person;
                let several = std::iter::once(&actor.tokens)
                    .chain(&phrase.context)
                    .any(|r| r.clone().any(|t| cx.is(t, &["both", "two", "three", "four", "five", "several", "states", "countries", "nations"])));
                if (coded.has_country && !ethnic) || several {
                    return (actor, coded);
                }
                // A people lives where the sentence is set, armed or not.
                let sector = if ethnic { "" } else { coded.code.as_str() };
                let Some((country, surface)) = self.sentence_country(cx, &actor.tokens, sector, &coded_targets) else { return (actor, coded) };
                let coded = match ethnic {
                    true => Coded {
                        reason: format!("{}, living where the sentence is set, \"{surface}\" → {country}", coded.reason),
                        code: format!("{country}{}", &coded.code[3..]),
                        ..coded
                    },
                    false => Coded {
                        code: format!("{country}{}", coded.code),
                        reason: format!("{}; the sentence names one country, \"{surface}\" → {country}", coded.reason),
                        has_country: true,
                        ..coded
                    },
                };
                (EventActor { code: Some(coded.code.clone()), reason: coded.reason.clone(), ..actor }, coded)
            })
            .collect();
        // "A and B met": each side met the other.
        let reciprocal = targets.is_empty() && coded_sources.len() >= 2 && is_reciprocal(&pattern.code);
        let trigger_words = cx.text(&trigger);
        for (si, (source, coded)) in coded_sources.iter().enumerate() {
            let others: Vec<Option<EventActor>> =
                coded_sources.iter().enumerate().filter(|(oi, _)| *oi != si).map(|(_, (a, _))| Some(a.clone())).collect();
            for target in if reciprocal { &others } else { &coded_targets } {
                // A source is not its own target ("Russia and Ukraine met").
                if target.as_ref().is_some_and(|t| t.code.is_some() && t.code == source.code && t.tokens == source.tokens) {
                    continue;
                }
                let duplicate = events.iter().any(|e: &Event| {
                    e.sentence == cx.sentence
                        && e.root() == &code[..2.min(code.len())]
                        && e.source.code == source.code
                        && e.target.as_ref().map(|t| &t.code) == target.as_ref().map(|t| &t.code)
                });
                if duplicate {
                    continue;
                }
                let target_text = target.as_ref().map_or_else(String::new, |t| {
                    format!("; target \"{}\" ({})", t.text, t.code.as_deref().map_or_else(|| "not coded".to_string(), |c| format!("{c}: {}", t.reason)))
                });
                let recoding = match recoded {
                    Some(_) if entry.code.starts_with("03") => format!(" (announced, so {} becomes the intent {})", pattern.code, entry.code),
                    Some(_) if entry.code.starts_with("13") => format!(" (announced or conditional, so {} becomes the threat {})", pattern.code, entry.code),
                    Some(_) => format!(" (refused or negated, so {} becomes the rejection {})", pattern.code, entry.code),
                    None => String::new(),
                };
                let reason = format!(
                    "\"{trigger_words}\" matched pattern \"{}\"{recoding} → {} {}; source \"{}\" ({}: {}){target_text}; {}",
                    pattern.text,
                    entry.code,
                    entry.name,
                    source.text,
                    coded.code,
                    coded.reason,
                    modality.as_str()
                );
                events.push(entry.event(
                    source.clone(),
                    target.clone(),
                    trigger.clone(),
                    cx.span(&trigger),
                    cx.sentence,
                    modality,
                    Provenance::new(pattern.rule(), reason),
                ));
            }
        }
        if let Some(last) = coded_sources.last() {
            memory.last_actor = Some(last.clone());
        }
    }
}

/// The CAMEO intent (03x) of a cooperative code announced for the future,
/// by code prefix, first match: "will meet" → 036, "will provide aid" →
/// 033, "will release" → 0353.
const INTENT_CODES: &[(&str, &str)] = &[
    ("045", "039"), ("04", "036"), ("05", "032"), ("061", "0311"), ("062", "0312"), ("063", "0313"), ("064", "0314"),
    ("06", "031"), ("071", "0331"), ("072", "0332"), ("073", "0333"), ("074", "0334"), ("07", "033"),
    ("081", "0351"), ("083", "0352"), ("084", "0353"), ("085", "0354"), ("086", "0355"), ("087", "0356"),
    ("08", "035"),
];

/// The CAMEO threat (13x) of a conflictual code announced or made
/// conditional: "will impose sanctions" → 1312, "will attack" → 1384.
const THREAT_CODES: &[(&str, &str)] = &[
    ("14", "133"), ("161", "1313"), ("163", "1312"), ("164", "134"), ("165", "135"), ("166", "136"), ("16", "131"),
    ("1721", "1321"), ("1722", "1322"), ("1723", "1323"), ("1724", "1324"), ("172", "132"), ("17", "137"),
    ("18", "1383"), ("191", "1381"), ("192", "1382"), ("19", "1384"), ("20", "1385"),
];

/// The CAMEO rejection (12x) of a cooperation refused or denied:
/// "refused to meet" → 125, "failed to reach agreement" → 127.
const REFUSAL_CODES: &[(&str, &str)] = &[
    ("045", "126"), ("057", "127"), ("04", "125"), ("03", "120"), ("05", "120"), ("06", "121"), ("07", "121"),
    ("081", "1241"), ("083", "1242"), ("084", "1243"), ("085", "1244"), ("086", "1245"), ("087", "1246"),
    ("08", "124"),
];

/// The code a table gives for the first prefix `code` starts with.
fn recode(table: &[(&str, &'static str)], code: &str) -> Option<&'static str> {
    table.iter().find(|(prefix, _)| code.starts_with(prefix)).map(|&(_, recoded)| recoded)
}

/// Codes of protest, force and violence (roots 14–20).
fn is_conflict(code: &str) -> bool {
    code.get(..2).and_then(|root| root.parse::<u8>().ok()).is_some_and(|root| root >= 14)
}

/// Codes whose event is mutual when several subjects share it and no
/// target is named: agreeing, consulting, cooperating, fighting.
fn is_reciprocal(code: &str) -> bool {
    matches!(code.get(..2), Some("03" | "04" | "05" | "06")) || code.starts_with("19")
}

/// The singular of a regular plural ("troops" → "troop", "supplies" →
/// "supply", "bases" → "base"), for literals the lemma list keeps plural;
/// worked out once to test many words.
enum Singular<'w> {
    /// "supplies": "suppl" and a "y".
    Y(&'w str),
    /// "troops": "troop".
    Stem(&'w str),
    /// No regular plural.
    None,
}

impl<'w> Singular<'w> {
    fn of(word: &'w str) -> Singular<'w> {
        if let Some(stem) = word.strip_suffix("ies") {
            return Singular::Y(stem);
        }
        match word.strip_suffix('s') {
            Some(stem) if stem.len() > 2 && !stem.ends_with('s') => Singular::Stem(stem),
            _ => Singular::None,
        }
    }

    /// Whether `lemma` is the singular.
    fn is(&self, lemma: &str) -> bool {
        match *self {
            Singular::Y(stem) => lemma.strip_prefix(stem) == Some("y"),
            Singular::Stem(stem) => same(stem, lemma),
            Singular::None => false,
        }
    }
}

/// Whether `word` is one of `list`.
fn listed(list: &[&str], word: &str) -> bool {
    list.iter().any(|w| same(w, word))
}

/// `a == b`, testing the length and first byte first (most words differ there).
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.as_bytes().first() == b.as_bytes().first() && a == b
}

/// What a pattern's slots captured.
#[derive(Clone, Debug, Default)]
struct Slots {
    target: Vec<Phrase>,
    source: Vec<Phrase>,
    /// One past the last token matched.
    end: usize,
}

/// How specific a code is: a person's office or a country with a sector,
/// then a country or body, then a sector alone.
fn strength(coded: &Coded) -> u8 {
    match (coded.person, coded.has_country, coded.code.len() > 3) {
        (true, _, _) => 3,
        (false, true, true) => 2,
        (false, true, false) => 1,
        _ => 0,
    }
}

fn mention_name(analysis: &Analysis, entity: Option<usize>) -> String {
    entity.and_then(|e| analysis.entities.get(e)).map_or_else(String::new, |e| e.name.clone())
}
