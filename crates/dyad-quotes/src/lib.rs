//! Quotes and speakers: who said what.
//!
//! * [`marks`]: which stretches of text are in quotation marks.
//! * [`cues`]: reporting verbs, nouns and phrases (`data/quotes/cues.toml`).
//! * [`Quoter::quotes`]: quotes of an analysed document, each with its
//!   content, cue, speaker (resolved to a person and actor code) and the
//!   rule that found it.
//!
//! The work is cue-centred: every reporting verb of a sentence with a
//! subject (or an inverted one: `…," said X`) claims the quote next to it,
//! or else the clause it governs (indirect speech); "according to X"
//! claims the rest of its sentence. Quotes left over continue the previous
//! speaker when they stand alone in their sentence. Transcript turns are
//! quotes of their labelled speaker.
#![deny(missing_docs)]

pub mod cues;
pub mod marks;

use std::ops::Range;

use dyad_core::{Analysis, ChunkKind, Date, EntityKind, Provenance, Quote, QuoteKind, QuoteSpeaker, SegmentKind, Setting, Span, Token};
use dyad_events::actors::Actors;

use crate::cues::{Cues, Verb};
use crate::marks::Quoted;

/// Finds quotes; holds the cue lists and actor dictionaries.
#[derive(Clone, Debug)]
pub struct Quoter {
    cues: &'static Cues,
    actors: &'static Actors,
}

impl Default for Quoter {
    fn default() -> Quoter {
        Quoter::embedded()
    }
}

const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i", "you"];
const PREPS_IN_NAMES: &[&str] = &["of", "for", "from", "at", "to"];
const DAY_WORDS: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "tonight", "earlier", "later", "again", "also",
];

impl Quoter {
    /// The quoter with the cues and actors compiled into the binary.
    pub fn embedded() -> Quoter {
        Quoter { cues: Cues::embedded(), actors: Actors::embedded() }
    }

    /// The quotes of an analysed document, in text order of their content.
    pub fn quotes(&self, analysis: &Analysis) -> Vec<Quote> {
        let doc = Doc::new(analysis);
        let mut out = Vec::new();
        let mut used = vec![false; doc.quoted.len()];
        // The content spans of the quotes found so far that end after the
        // current sentence's start: the only ones that can hold its words
        // (sentences come in text order), so a document of thousands of
        // quotes is not searched whole at every word.
        let mut claimed: Vec<Span> = Vec::new();
        for (si, s) in analysis.sentences.iter().enumerate() {
            let kind = analysis.document.segments.get(s.segment_idx).map(|g| g.kind);
            // Transcript turns are quotes of their own, and may report others.
            if !matches!(kind, Some(SegmentKind::Article | SegmentKind::Headline | SegmentKind::Byline | SegmentKind::Transcript)) {
                continue;
            }
            claimed.retain(|c| c.end > s.span.start);
            let n_before = out.len();
            self.sentence(&doc, si, &claimed, &mut used, &mut out);
            claimed.extend(out[n_before..].iter().flat_map(|q| q.content.iter().copied()));
        }
        self.leftovers(&doc, &mut used, &mut out);
        self.transcripts(&doc, &mut out);
        for q in &mut out {
            if matches!(q.kind, QuoteKind::Direct | QuoteKind::Mixed) {
                q.about = self.about(&doc, q);
            }
        }
        out.sort_by_key(|q| q.content.first().map_or((0, 0), |c| (c.start, c.end)));
        for i in 0..out.len() {
            let (before, rest) = out.split_at_mut(i);
            let q = &mut rest[0];
            for sp in [q.speaker.as_mut(), q.about.as_mut()].into_iter().flatten() {
                self.resolve(&doc, sp);
                if sp.entity.is_none() {
                    self.resolve_by_earlier_speaker(&doc, sp, before);
                }
            }
        }
        out.sort_by_key(|q| q.content.first().map_or((0, 0), |c| (c.start, c.end)));
        out
    }

    /// Cues of one sentence and what they claim.
    /// `claimed`: content spans of earlier sentences' quotes that reach
    /// into this sentence.
    fn sentence(&self, d: &Doc, si: usize, claimed: &[Span], used: &mut [bool], out: &mut Vec<Quote>) {
        let n_before = out.len();
        let s = &d.a.sentences[si];
        let (lo, hi) = (s.tokens.start, s.tokens.end);
        // "according to X, …"
        for t in lo..hi {
            if d.in_quote[t].is_some() {
                continue;
            }
            // Most words start no phrase: compared once with the first words.
            let first = d.word(t);
            if !self.cues.first_words_after().iter().any(|w| written_as(first, w)) {
                continue;
            }
            for p in self.cues.phrases_after() {
                if !(written_as(first, &p.words[0]) && d.words_at(t + 1, &p.words[1..])) {
                    continue;
                }
                let after = t + p.words.len();
                let Some(src) = d.np_at(after, hi) else { continue };
                // Content: the rest of the sentence, or what comes before.
                let mut c0 = src.end;
                while c0 < hi && d.is_punct(c0) {
                    c0 += 1;
                }
                // "…, according to X, a spokesman." — the content is before.
                let after_end = d.trim_end(c0, hi);
                let content = if d.is_clause(c0, after_end) { c0..after_end } else { lo..d.trim_end(lo, t) };
                if content.len() < 2 {
                    continue;
                }
                let cue = Span::new(d.tok(t).span.start, d.tok(after - 1).span.end);
                let q = d.quote_from(QuoteKind::Indirect, content, Some(cue), Some(d.speaker(src)), "quote.according-to", used);
                out.push(q);
            }
        }
        // "Trump: Cruz has a long way to go" — a name, a colon, a claim.
        if hi > lo + 3 && d.in_quote[lo].is_none() {
            if let Some(colon) = (lo + 1..hi.min(lo + 6)).find(|&t| d.word(t) == ":") {
                let names = (lo..colon).all(|t| matches!(d.xpos(t), "NNP" | "NNPS" | "NN" | "POS" | "DT" | "JJ")) && (lo..colon).any(|t| d.xpos(t) == "NNP");
                let c1 = d.trim_end(colon + 1, hi);
                if names && c1 > colon + 3 {
                    let cue = Some(d.tok(colon).span);
                    let q = d.quote_from(QuoteKind::Indirect, colon + 1..c1, cue, Some(d.speaker(lo..colon)), "quote.name-colon", used);
                    out.push(q);
                    return;
                }
            }
        }
        // Reporting verbs, left to right; a verb inside what an earlier
        // cue claimed is part of that content, not a cue of its own.
        for v in lo..hi {
            // Outside quotation marks, heading its group ("has said", not "has").
            if d.in_quote[v].is_some() || d.vg_of[v].is_some_and(|c| d.a.chunks[c].head != v) {
                continue;
            }
            let Some(verb) = d.cue_verb(self.cues, v) else { continue };
            let tok = d.tok(v).span;
            let mine = out[n_before..].iter().flat_map(|q| q.content.iter());
            if claimed.iter().chain(mine).any(|c| c.start <= tok.start && tok.end <= c.end) {
                continue;
            }
            if let Some(q) = self.claim(d, si, v, verb, used) {
                out.push(q);
            }
        }
    }

    /// What one reporting verb claims.
    fn claim(&self, d: &Doc, si: usize, v: usize, verb: &Verb, used: &mut [bool]) -> Option<Quote> {
        let s = &d.a.sentences[si];
        let (lo, hi) = (s.tokens.start, s.tokens.end);
        let group = d.vg_of[v].map_or(v..v + 1, |c| d.a.chunks[c].tokens.clone());
        // "was reported": what was reported is the subject; the speaker,
        // if any, comes after "by".
        if d.vg_of[v].is_some_and(|c| d.a.chunks[c].passive) {
            let by = group.end;
            if d.word_lower(by) != "by" {
                return None;
            }
            let src = d.np_at(by + 1, hi)?;
            let subject = d.subject_before(group.start, lo)?;
            let cue = Span::new(d.tok(v).span.start, d.tok(by).span.end);
            let content = subject.clone();
            let mut q = d.quote_from(QuoteKind::Indirect, content, Some(cue), Some(d.speaker(src)), "quote.cue-passive", used);
            q.provenance.reason.push_str("; passive: the speaker follows \"by\"");
            return Some(q);
        }
        // Passive or negated reports are still reports; "was quoted as saying" too.
        let mut subject = d.subject_before(group.start, lo);
        let mut rule = "quote.cue-subject";
        let inverted_after = group.end;
        if subject.is_none() || subject.as_ref().is_some_and(|r| d.quote_between(r.end, group.start)) {
            if verb.inverted || verb.quote {
                if let Some(np) = d.np_at(inverted_after, hi) {
                    // "…," said X — the quote must be right before the verb.
                    if d.quote_ends_before(group.start, lo).is_some() {
                        subject = Some(np);
                        rule = "quote.cue-inverted";
                    }
                }
            }
        }
        // "… and says …": the subject of the verb group before "and".
        if subject.is_none() && group.start > lo && matches!(d.word_lower(group.start - 1).as_ref(), "and" | "but") {
            let previous = (lo..group.start - 1).rev().find_map(|t| d.vg_of[t]);
            if let Some(c) = previous {
                subject = d.subject_before(d.a.chunks[c].tokens.start, lo);
                rule = "quote.cue-coordinated";
            }
        }
        // "…, said Jo Smith, an economist." — inverted after a reported clause.
        if subject.is_none() && verb.inverted && d.xpos(v) != "VBG" && group.start > lo + 2 && d.word(group.start - 1) == "," {
            if let Some(np) = d.np_at(inverted_after, hi) {
                // The speaker ends the sentence or opens an apposition.
                let closes = np.end >= d.trim_end(np.end, hi) || d.word(np.end) == ",";
                if closes && !DAY_WORDS.contains(&d.word_lower(np.start).as_ref()) {
                    subject = Some(np);
                    rule = "quote.cue-inverted";
                }
            }
        }
        // "…, saying …": the subject of the sentence's first verb group.
        if subject.is_none() && d.word_lower(v).ends_with("ing") && group.start > lo && d.word(group.start - 1) == "," {
            let first_vg = (lo..group.start).find_map(|t| d.vg_of[t]);
            if let Some(c) = first_vg {
                subject = d.subject_before(d.a.chunks[c].tokens.start, lo);
                rule = "quote.cue-participle";
            }
        }
        let subject = subject?;
        // "it", "that", "this" and day names are not speakers; "I", "we"
        // and "you" speak only in quotation marks.
        let first = d.word_lower(subject.start);
        if subject.len() == 1 && (first == "there" || DAY_WORDS.contains(&first.as_ref())) {
            return None;
        }
        // "Barkley, who said …", "people who said …": the speaker is the
        // one "who" stands for; a parenthetical report ends at its comma.
        // (The phrase stays "who", as written; resolution finds the person.)
        let relative = subject.len() == 1 && matches!(first.as_ref(), "who" | "which") && subject.start > lo && d.word(subject.start - 1) == ",";
        if subject.len() == 1 && matches!(first.as_ref(), "who" | "that" | "which") {
            rule = "quote.cue-relative";
        }
        // Belief and feeling verbs report only with a clause after them.
        let speech = matches!(verb.kind.as_str(), "speech" | "writing");
        let cue_span = Span::new(d.tok(v).span.start, d.tok(v).span.end);
        let speaker = Some(d.speaker(subject.clone()));
        // 1. A quote right before the cue ("…," she said / "…," said she).
        let before_edge = if rule == "quote.cue-inverted" { group.start } else { subject.start };
        // "“…?” Todd asked." — the quote may close the sentence before.
        let quote_before = d.quote_ends_before(before_edge, lo).or_else(|| {
            // Only when the cue's own sentence says nothing more ("Todd asked
            // the mogul."), so the quote is what it reports.
            let bare = hi - group.end <= 6 && !(group.end..hi).any(|t| d.vg_of[t].is_some()) && verb.quote;
            let negated = d.vg_of[v].is_some_and(|c| d.a.chunks[c].negated);
            let at_start = before_edge == lo && lo > 0 && bare && !negated;
            at_start.then(|| d.in_quote[lo - 1]).flatten().filter(|&qi| {
                let end = d.quoted[qi].span.end;
                let same_paragraph = !d.a.document.text.get(end..d.tok(lo).span.start).unwrap_or("\n").contains('\n');
                same_paragraph && d.token_at(end.saturating_sub(1)) == Some(lo - 1)
            })
        });
        if speech || verb.quote {
            if let Some(qi) = quote_before.filter(|&qi| !used[qi]) {
                let mut parts = vec![qi];
                // "…," he said, "…."
                let after = if rule == "quote.cue-inverted" { subject.end } else { group.end };
                if let Some(qj) = d.quote_starts_after(after, hi) {
                    let same_sentence = d.token_at(d.quoted[qj].span.start).is_some_and(|t| d.sent_of[t] == si);
                    if same_sentence && qj != qi {
                        parts.push(qj);
                    }
                }
                return Some(d.direct(parts, Some(cue_span), speaker, rule, used));
            }
        }
        // 2. A quote right after the cue (she said: "…").
        if speech || verb.quote {
            if let Some(qj) = d.quote_starts_after(group.end, hi) {
                let q = &d.quoted[qj];
                let end_tok = d.token_at(q.span.end.saturating_sub(1));
                // Words after the quote in the same sentence: the quote is
                // part of a reported clause.
                if end_tok.is_some_and(|e| d.trim_end(e + 1, hi) > e + 1) && !d.quoted_is_clause(qj) {
                    let start = d.token_at(q.span.start).unwrap_or(group.end);
                    let content = start..d.trim_end(start, hi);
                    return Some(d.quote_from(QuoteKind::Partial, content, Some(cue_span), speaker, "quote.cue-partial", used));
                }
                return Some(d.direct(vec![qj], Some(cue_span), speaker, "quote.cue-colon", used));
            }
        }
        // 3. The clause after the cue: indirect (or mixed) speech (not when
        // the speaker follows the verb: what follows is the speaker).
        let mut c0 = if rule == "quote.cue-inverted" { hi } else { group.end };
        // "told reporters (that)", "told the BBC"
        if matches!(d.word_lower(v).as_ref(), "told" | "tell" | "tells" | "telling" | "informed" | "assured" | "warned" | "reminded") {
            if let Some(np) = d.np_at(c0, hi) {
                c0 = np.end;
            }
        }
        // "said on Tuesday that …": over a short phrase to "that".
        if let Some(that) = (c0..hi.min(c0 + 12)).find(|&t| d.word_lower(t) == "that") {
            if !(c0..that).any(|t| d.xpos(t).starts_with("VB") || d.in_quote[t].is_some()) {
                c0 = that;
            }
        }
        let mut has_that = false;
        while c0 < hi && (matches!(d.word_lower(c0).as_ref(), "that" | ":" | ",") || d.is_adverb(c0)) {
            has_that |= d.word_lower(c0) == "that" || d.word(c0) == ":";
            c0 += 1;
        }
        // "asked whether …", "wondered how …": the question is the content.
        if speech && c0 < hi && matches!(d.word_lower(c0).as_ref(), "whether" | "if" | "how" | "why" | "what" | "when" | "where" | "who") {
            has_that = true;
            c0 += 1;
        }
        // "said on Friday he met …", "said Tuesday the plan …": over a
        // time word or a short prepositional phrase before the clause.
        if !has_that && !d.is_clause(c0, hi) {
            let mut k = c0;
            for _ in 0..2 {
                if k < hi && DAY_WORDS.contains(&d.word_lower(k).as_ref()) {
                    k += 1;
                } else if k < hi && d.xpos(k) == "IN" && d.word_lower(k) != "that" {
                    match d.np_at(k + 1, hi) {
                        Some(np) => k = np.end,
                        None => break,
                    }
                } else {
                    break;
                }
                while k < hi && (d.word(k) == "," || d.word_lower(k) == "that") {
                    has_that |= d.word_lower(k) == "that";
                    k += 1;
                }
                if d.is_clause(k, hi) {
                    c0 = k;
                    break;
                }
            }
        }
        let mut c1 = d.trim_end(c0, hi);
        // ", who said X," — a parenthetical report ends at its comma.
        if relative {
            if let Some(comma) = (c0..c1).find(|&t| d.word(t) == "," && d.in_quote[t].is_none()) {
                c1 = comma;
            }
        }
        let quoted_inside = (c0..c1).any(|t| d.in_quote[t].is_some());
        // A speech verb with an object says something about it: "criticized
        // Clinton for …", "called for a ban on …".
        let expresses = speech || verb.kind == "stance";
        let about_object = expresses && !verb.that && !verb.inverted && d.np_at(c0, hi).is_some()
            || verb.kind == "speech" && !verb.inverted && d.xpos(c0) == "IN" && d.np_at(c0 + 1, hi).is_some();
        // "The court held that …", "the inquiry found that …": only with "that".
        let needs_that = matches!(verb.lemma.as_str(), "hold" | "find" | "rule" | "decide");
        // "say", "tell", "write": what follows is what was said, whatever its shape.
        let says = matches!(verb.lemma.as_str(), "say" | "tell" | "write" | "add" | "claim" | "insist" | "argue" | "explain" | "note" | "report" | "announce" | "tweet")
            || verb.kind == "evidence";
        // "vowed to …", "refused to …", "urged Congress to …".
        let infinitive = !matches!(verb.kind.as_str(), "perception" | "evidence")
            && (d.xpos(c0) == "TO" || d.np_at(c0, hi).is_some_and(|np| d.xpos(np.end) == "TO") && verb.kind == "speech");
        let clause = has_that && d.clause_like(c0, c1) || !needs_that && (d.is_clause(c0, c1) || speech && quoted_inside || says || infinitive);
        if c1 > c0 + 2 && clause || c1 > c0 && about_object && !needs_that {
            let kind = if (c0..c1).any(|t| d.in_quote[t].is_some()) { QuoteKind::Mixed } else { QuoteKind::Indirect };
            let kind = if kind == QuoteKind::Mixed && (c0..c1).filter_map(|t| d.in_quote[t]).all(|qi| !d.quoted_is_clause(qi)) { QuoteKind::Partial } else { kind };
            return Some(d.quote_from(kind, c0..c1, Some(cue_span), speaker, "quote.cue-clause", used));
        }
        // 4. The clause before: "…, the minister said." / "…, said the minister."
        let inverted = rule == "quote.cue-inverted";
        let edge = if inverted { group.start } else { subject.start };
        if speech && edge > lo + 2 && d.word(edge - 1) == "," {
            let c1 = edge - 1;
            let c0 = lo;
            if d.is_clause(c0, c1) || c1 > c0 + 3 && inverted {
                let kind = if (c0..c1).any(|t| d.in_quote[t].is_some()) { QuoteKind::Mixed } else { QuoteKind::Indirect };
                return Some(d.quote_from(kind, c0..c1, Some(cue_span), speaker, "quote.cue-preposed", used));
            }
        }
        None
    }

    /// Quotes no cue claimed: a whole sentence (or more) in quotation
    /// marks continues the previous speaker.
    fn leftovers(&self, d: &Doc, used: &mut [bool], out: &mut Vec<Quote>) {
        for qi in 0..d.quoted.len() {
            if used[qi] {
                continue;
            }
            let q = &d.quoted[qi];
            let Some(first) = d.token_at(q.span.start) else { continue };
            let Some(si) = d.sent_of.get(first).copied() else { continue };
            let seg = d.a.sentences[si].segment_idx;
            // In a transcript turn, a quote no cue claimed is the turn's own.
            if !matches!(d.a.document.segments[seg].kind, SegmentKind::Article) {
                continue;
            }
            // Stands alone: the sentence(s) it covers have nothing outside it.
            let last = d.token_at(q.span.end.saturating_sub(1)).unwrap_or(first);
            let s0 = d.a.sentences[si].tokens.start;
            let s1 = d.a.sentences[d.sent_of[last]].tokens.end;
            if !d.quoted_is_clause(qi) {
                continue;
            }
            // "“…” ― Jo Smith": a name after a dash.
            if let Some(after) = d.token_at(q.span.end.saturating_sub(1)).map(|t| t + 1) {
                let hi = d.a.sentences[d.sent_of[last]].tokens.end.max(after);
                let mut k = after;
                while k < d.a.tokens.len() && k < after + 2 && matches!(d.word(k), "―" | "—" | "–" | "-" | "--") {
                    k += 1;
                }
                let hi = hi.max(k + 1).min(d.a.tokens.len());
                if k > after {
                    if let Some(np) = d.np_at(k, hi.max(k + 4).min(d.a.tokens.len())) {
                        let cue = Some(d.tok(after).span);
                        out.push(d.direct(vec![qi], cue, Some(d.speaker(np)), "quote.dash-name", used));
                        continue;
                    }
                }
            }
            // "Blige sings: “…”": the subject of the verb right before it.
            let mut k = first;
            while k > s0 && d.is_punct(k - 1) && d.in_quote[k - 1].is_none() {
                k -= 1;
            }
            if k > s0 && k < first && d.xpos(k - 1).starts_with("VB") || k > s0 && d.word(first - 1) == ":" && d.xpos(k - 1).starts_with("VB") {
                let v = k - 1;
                let head = d.vg_of[v].map_or(v, |c| d.a.chunks[c].tokens.start);
                if let Some(subject) = d.subject_before(head, s0) {
                    let cue = Some(d.tok(v).span);
                    out.push(d.direct(vec![qi], cue, Some(d.speaker(subject)), "quote.verb-subject", used));
                    continue;
                }
            }
            let outside = (s0..s1).filter(|&t| d.in_quote[t].is_none() && !d.is_punct(t)).count();
            // Alone in its sentence, or opening it ("“…,” referring to …").
            let opens_sentence = first == s0;
            if outside > 0 && !opens_sentence {
                continue;
            }
            // The previous quote with a speaker, within two paragraphs.
            let prev = out
                .iter()
                .filter(|p| p.speaker.is_some() && p.content.last().is_some_and(|c| c.end <= q.span.start))
                .max_by_key(|p| p.content.last().map(|c| c.end));
            let near = prev.filter(|prev| {
                let gap = &d.a.document.text[prev.content.last().map_or(0, |c| c.end)..q.span.start];
                gap.matches('\n').count() <= 3
            });
            let Some(prev) = near else {
                // A paragraph that is only a quote, after a paragraph about
                // someone: that person's words.
                let para_start = d.a.document.text[..q.span.start].rfind('\n').map_or(0, |i| i + 1);
                let alone = d.a.document.text[para_start..q.span.start].trim().is_empty();
                let prev_para = d.a.document.text[..para_start].trim_end();
                let prev_start = prev_para.rfind('\n').map_or(0, |i| i + 1);
                let person = d
                    .a
                    .mentions
                    .iter()
                    .filter(|m| m.kind == EntityKind::Person && !m.tokens.is_empty() && m.span.start >= prev_start && m.span.end <= prev_para.len())
                    .filter(|m| d.in_quote[m.tokens.start].is_none())
                    .min_by_key(|m| m.span.start);
                if let (true, Some(m)) = (alone && q.closed, person) {
                    let mut sp = d.speaker(m.tokens.clone());
                    sp.entity = Some(m.entity);
                    sp.reason = "the person the paragraph before is about".into();
                    let mut quote = d.direct(vec![qi], None, Some(sp), "quote.continue-person", used);
                    quote.provenance.reason.push_str("; a paragraph that is only a quote, after a paragraph about its speaker");
                    out.push(quote);
                    continue;
                }
                // Quoted, but nobody is said to have said it.
                let mut quote = d.direct(vec![qi], None, None, "quote.unattributed", used);
                quote.provenance.reason.push_str("; no cue and no speaker nearby");
                out.push(quote);
                continue;
            };
            let speaker = prev.speaker.clone();
            let mut quote = d.direct(vec![qi], None, speaker, "quote.continue-previous", used);
            quote.provenance.reason = format!("{}; no cue of its own, so it continues the previous speaker", quote.provenance.reason);
            out.push(quote);
        }
    }

    /// Transcript turns: quotes of their labelled speakers.
    fn transcripts(&self, d: &Doc, out: &mut Vec<Quote>) {
        for seg in &d.a.document.segments {
            if seg.kind != SegmentKind::Transcript {
                continue;
            }
            let Some(sp) = &seg.speaker else { continue };
            let content: Vec<Span> = seg.paragraphs.iter().copied().filter(|p| !p.is_empty()).collect();
            if content.is_empty() {
                continue;
            }
            let text = content.iter().map(|c| d.a.document.text.get(c.start..c.end).unwrap_or("").trim()).collect::<Vec<_>>().join(" … ");
            let sentences = d.sentences_of(&content);
            let entity = d.a.mentions.iter().find(|m| m.span == sp.span).map(|m| m.entity);
            out.push(Quote {
                kind: QuoteKind::Transcript,
                content,
                text,
                cue: None,
                cue_text: String::new(),
                speaker: Some(QuoteSpeaker {
                    span: sp.span,
                    tokens: 0..0,
                    text: sp.name.clone(),
                    entity,
                    name: None,
                    code: None,
                    reason: "the turn's speaker label".into(),
                }),
                about: None,
                sentences,
                provenance: Provenance::new("quote.transcript-turn", format!("a transcript turn labelled {:?}", sp.name)),
                setting: Setting::default(),
            });
        }
    }

    /// A quote that itself reports someone ("The deputy secretary
    /// stressed …"): that someone.
    fn about(&self, d: &Doc, q: &Quote) -> Option<QuoteSpeaker> {
        let c = q.content.first()?;
        let first = d.token_at(c.start)?;
        let lo = if d.is_punct(first) { first + 1 } else { first };
        let end = d.token_at(c.end.saturating_sub(1))?;
        for v in lo..end.min(lo + 10) {
            if d.cue_verb(self.cues, v).is_some_and(|verb| matches!(verb.kind.as_str(), "speech" | "writing")) {
                let head = d.vg_of[v].map_or(v, |ci| d.a.chunks[ci].tokens.start);
                let np = d.np_ending_at(head, lo, true)?;
                // Someone named or titled: "The deputy secretary", "Moe".
                let definite = d.word_lower(np.start) == "the" || np.clone().any(|t| matches!(d.xpos(t), "NNP" | "NNPS"));
                if np.start == lo && definite {
                    let mut sp = d.speaker(np);
                    sp.reason = "the subject of a report inside the quote".into();
                    return Some(sp);
                }
                return None;
            }
        }
        None
    }

    /// "the minister" after "Northland's fisheries minister, Ingrid Moe,
    /// said": the latest earlier speaker whose phrase has the same head
    /// noun and a resolved person.
    fn resolve_by_earlier_speaker(&self, d: &Doc, sp: &mut QuoteSpeaker, earlier: &[Quote]) {
        let words: Vec<String> = sp.tokens.clone().map(|t| d.word_lower(t).into_owned()).collect();
        let definite = words.first().is_some_and(|w| w == "the") && words.len() >= 2;
        let Some(head) = words.last().filter(|_| definite) else { return };
        let found = earlier.iter().rev().filter_map(|q| q.speaker.as_ref()).find(|p| {
            p.entity.is_some() && p.text.to_lowercase().split(|c: char| !c.is_alphanumeric()).any(|w| w == head)
        });
        if let Some(p) = found {
            sp.entity = p.entity;
            sp.name = p.name.clone();
            sp.code = p.code.clone();
            sp.reason = format!("\"{}\" is how an earlier speaker, {}, was introduced", sp.text, p.name.as_deref().unwrap_or(&p.text));
        }
    }

    /// Resolves a speaker phrase to a person (or body) and its actor code.
    fn resolve(&self, d: &Doc, sp: &mut QuoteSpeaker) {
        let a = d.a;
        let date: Option<Date> = a.document.meta.date;
        if sp.entity.is_none() && !sp.tokens.is_empty() {
            // A name inside the phrase: the last person, else any entity.
            let inside = |m: &dyad_core::Mention, kind| m.kind == kind && !m.tokens.is_empty() && m.tokens.start >= sp.tokens.start && m.tokens.end <= sp.tokens.end;
            let person = a.mentions.iter().rev().find(|m| inside(m, EntityKind::Person));
            if let Some(m) = person.or_else(|| a.mentions.iter().find(|m| inside(m, EntityKind::Organization))) {
                sp.entity = Some(m.entity);
                sp.reason = format!("names {}", a.entities[m.entity].name);
            }
        }
        let lower = sp.text.to_lowercase();
        // "who", "which": the person named right before.
        if sp.entity.is_none() && matches!(lower.as_str(), "who" | "which" | "that") {
            let mut at = sp.tokens.start;
            while at > 0 && d.is_punct(at - 1) {
                at -= 1;
            }
            if let Some(m) = a.mentions.iter().rev().find(|m| !m.tokens.is_empty() && m.tokens.end <= at && m.tokens.end + 2 >= at) {
                sp.entity = Some(m.entity);
                sp.reason = format!("\"{}\" stands for {}", sp.text, a.entities[m.entity].name);
            }
        }
        if sp.entity.is_none() && PRONOUNS.contains(&lower.as_str()) && matches!(lower.as_str(), "he" | "she") {
            // The last person named before the pronoun.
            let at = sp.tokens.start;
            if let Some(m) = a.mentions.iter().rev().find(|m| m.kind == EntityKind::Person && !m.tokens.is_empty() && m.tokens.end <= at) {
                sp.entity = Some(m.entity);
                sp.reason = format!("\"{}\" is the last person named: {}", sp.text, a.entities[m.entity].name);
            }
        }
        if sp.entity.is_none() && !sp.tokens.is_empty() {
            // "the deputy secretary": the last person with that title.
            let words: Vec<String> = sp.tokens.clone().map(|t| d.word_lower(t).into_owned()).filter(|w| !matches!(w.as_str(), "the" | "a" | "an")).collect();
            if !words.is_empty() {
                let at = sp.tokens.start;
                let best = a
                    .entities
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| {
                        // Every word of the phrase is in the title: "the deputy
                        // minister" is "Deputy Foreign Minister" Varga.
                        e.kind == EntityKind::Person
                            && e.title.as_ref().is_some_and(|t| {
                                let title = t.to_lowercase();
                                words.iter().all(|w| title.split_whitespace().any(|tw| tw == w.as_str()))
                            })
                    })
                    .filter_map(|(i, e)| e.mentions.iter().filter_map(|&m| a.mentions.get(m)).filter(|m| m.tokens.end <= at && !m.tokens.is_empty()).map(|m| m.tokens.end).max().map(|last| (i, last)))
                    .max_by_key(|&(_, last)| last);
                if let Some((i, _)) = best {
                    sp.entity = Some(i);
                    sp.reason = format!("\"{}\" is the title of {}", sp.text, a.entities[i].name);
                }
            }
        }
        // The actor code: from the person's title and name, else from the
        // phrase itself ("foreign minister Helga Brandt of Germany"); one
        // with a country wins over a bare sector.
        let mut by_entity = None;
        if let Some(e) = sp.entity.and_then(|i| a.entities.get(i)) {
            sp.name = Some(e.name.clone());
            let words: Vec<&str> = e.title.iter().flat_map(|t| t.split_whitespace()).chain(e.name.split_whitespace()).collect();
            by_entity = self.actors.code(&words, date);
        }
        let by_phrase = if sp.tokens.is_empty() || PRONOUNS.contains(&lower.as_str()) {
            None
        } else {
            let words: Vec<&str> = sp.tokens.clone().map(|t| d.word(t)).collect();
            self.actors.code(&words, date)
        };
        sp.code = match (by_entity, by_phrase) {
            (Some(e), _) if e.has_country => Some(e.code),
            (_, Some(p)) if p.has_country => Some(p.code),
            (Some(e), _) => Some(e.code),
            _ => None,
        };
    }
}

/// Whether `word` is the lower-case `lower` in any case (no allocation).
fn written_as(word: &str, lower: &str) -> bool {
    word.len() == lower.len() && word.chars().zip(lower.chars()).all(|(a, b)| a.to_lowercase().eq(std::iter::once(b)))
}

/// The analysis with the indexes the quoter needs.
struct Doc<'a> {
    a: &'a Analysis,
    sent_of: Vec<usize>,
    np_of: Vec<Option<usize>>,
    vg_of: Vec<Option<usize>>,
    quoted: Vec<Quoted>,
    in_quote: Vec<Option<usize>>,
}

impl<'a> Doc<'a> {
    fn new(a: &'a Analysis) -> Doc<'a> {
        let n = a.tokens.len();
        let mut sent_of = vec![0; n];
        for (si, s) in a.sentences.iter().enumerate() {
            for t in s.tokens.clone() {
                if let Some(slot) = sent_of.get_mut(t) {
                    *slot = si;
                }
            }
        }
        let mut np_of = vec![None; n];
        let mut vg_of = vec![None; n];
        for (ci, c) in a.chunks.iter().enumerate() {
            for t in c.tokens.clone() {
                let slot = if c.kind == ChunkKind::NounPhrase { np_of.get_mut(t) } else { vg_of.get_mut(t) };
                if let Some(slot) = slot {
                    *slot = Some(ci);
                }
            }
        }
        let mut quoted = Vec::new();
        for seg in &a.document.segments {
            if matches!(seg.kind, SegmentKind::Article | SegmentKind::Headline | SegmentKind::Byline | SegmentKind::Transcript) {
                quoted.extend(marks::find(&a.document.text, &seg.paragraphs));
            }
        }
        let mut in_quote = vec![None; n];
        for (qi, q) in quoted.iter().enumerate() {
            let first = a.tokens.partition_point(|t| t.span.start < q.span.start);
            for (t, tok) in a.tokens.iter().enumerate().skip(first) {
                if tok.span.end > q.span.end {
                    break;
                }
                in_quote[t] = Some(qi);
            }
        }
        Doc { a, sent_of, np_of, vg_of, quoted, in_quote }
    }

    fn tok(&self, t: usize) -> &Token {
        &self.a.tokens[t]
    }

    fn word(&self, t: usize) -> &str {
        self.a.tokens.get(t).map_or("", |k| k.norm(&self.a.document))
    }

    fn word_lower(&self, t: usize) -> std::borrow::Cow<'_, str> {
        dyad_core::lowercase(self.word(t))
    }

    fn xpos(&self, t: usize) -> &str {
        self.a.pos.get(t).map_or("", |p| p.xpos)
    }

    fn is_punct(&self, t: usize) -> bool {
        self.word(t).chars().all(|c| !c.is_alphanumeric())
    }

    fn is_adverb(&self, t: usize) -> bool {
        matches!(self.xpos(t), "RB" | "RBR" | "RBS")
    }

    /// The token whose span covers a byte.
    fn token_at(&self, byte: usize) -> Option<usize> {
        let i = self.a.tokens.partition_point(|t| t.span.end <= byte);
        (i < self.a.tokens.len() && self.a.tokens[i].span.start <= byte).then_some(i)
    }

    /// Whether lower-case `words` are written at `t` (no allocation).
    fn words_at(&self, t: usize, words: &[String]) -> bool {
        words.iter().enumerate().all(|(k, w)| written_as(self.word(t + k), w))
    }

    fn cue_verb<'c>(&self, cues: &'c Cues, t: usize) -> Option<&'c Verb> {
        if !self.xpos(t).starts_with("VB") {
            return None;
        }
        // "his comments", "the plan", "Trump's remarks": a noun the tagger
        // took for a verb.
        if t > 0 && matches!(self.xpos(t - 1), "DT" | "PRP$" | "POS" | "JJ" | "CD" | "WP$") {
            return None;
        }
        let lemma = self.a.pos.get(t).map_or("", |p| p.lemma.as_str());
        cues.verb(self.word(t), lemma)
    }

    /// Last token (exclusive) of `a..b` without closing punctuation.
    fn trim_end(&self, a: usize, b: usize) -> usize {
        let mut e = b;
        while e > a && self.is_punct(e - 1) && self.in_quote[e - 1].is_none() {
            e -= 1;
        }
        e
    }

    /// A noun phrase starting at `t` (extended over "of …", appositions
    /// left out), or a pronoun or name.
    fn np_at(&self, t: usize, hi: usize) -> Option<Range<usize>> {
        if t >= hi {
            return None;
        }
        let mut end = match self.np_of[t] {
            Some(c) if self.a.chunks[c].tokens.start == t => self.a.chunks[c].tokens.end.min(hi),
            _ if matches!(self.xpos(t), "PRP" | "NNP" | "NNPS") => t + 1,
            _ => return None,
        };
        while end + 1 < hi && PREPS_IN_NAMES.contains(&self.word_lower(end).as_ref()) {
            match self.np_of[end + 1] {
                Some(c) if self.a.chunks[c].tokens.start == end + 1 => end = self.a.chunks[c].tokens.end.min(hi),
                _ => break,
            }
        }
        Some(t..end)
    }

    /// The subject of a verb group starting at `v`: the noun phrase before
    /// it (over adverbs, and over an apposition between commas).
    fn subject_before(&self, v: usize, lo: usize) -> Option<Range<usize>> {
        let mut k = v;
        while k > lo && (self.is_adverb(k - 1) || self.xpos(k - 1) == "MD") {
            k -= 1;
        }
        if k == lo {
            return None;
        }
        // "Rep. Jane Roe (D-Ore.) said": over the parenthesis.
        if self.word(k - 1) == ")" {
            if let Some(open) = (lo..k - 1).rev().take(8).find(|&t| self.word(t) == "(") {
                if open > lo {
                    k = open;
                }
            }
        }
        // "“…,” Jo Smith, the attorney general of Oklahoma, one of the
        // states suing, said": a chain of appositions right after a quote
        // (or at the start of the sentence) is one speaker phrase.
        if self.word(k - 1) == "," {
            let mut p = k - 1;
            while p > lo && k - 1 - p < 30 && self.in_quote[p - 1].is_none() && self.vg_of[p - 1].is_none() && self.word(p - 1) != ";" {
                p -= 1;
            }
            let mut q = p;
            while q > lo && self.in_quote[q - 1].is_none() && self.is_punct(q - 1) {
                q -= 1;
            }
            let bounded = p == lo || q > lo && self.in_quote[q - 1].is_some();
            if bounded && p < k - 1 && self.np_at(p, k - 1).is_some() {
                return Some(p..k - 1);
            }
        }
        // "Ryabkov, Russia's deputy foreign minister, said": the name.
        // The phrase covers both: "Northland's minister, Ingrid Moe".
        if self.word(k - 1) == "," {
            let open = (lo..k - 1).rev().take(16).find(|&t| self.word(t) == "," && self.in_quote[t].is_none());
            if let Some(c) = open {
                let relative = (c + 1..k - 1).any(|t| matches!(self.word_lower(t).as_ref(), "who" | "which" | "whose"));
                if c > lo && (relative || !(c + 1..k - 1).any(|t| self.vg_of[t].is_some())) {
                    if let Some(r) = self.np_ending_at(c, lo, false) {
                        return Some(r.start..k - 1);
                    }
                }
            }
            return None;
        }
        if self.in_quote[k - 1].is_some() {
            return None;
        }
        self.np_ending_at(k, lo, false)
    }

    /// A noun phrase (or pronoun, or name) ending right before `end`.
    fn np_ending_at(&self, end: usize, lo: usize, quoted: bool) -> Option<Range<usize>> {
        let last = end.checked_sub(1)?;
        if last < lo || self.in_quote[last].is_some() != quoted {
            return None;
        }
        // Closing bracket of "(D-N.C.)": skip it.
        let mut start = match self.np_of[last] {
            Some(c) => self.a.chunks[c].tokens.start.max(lo),
            None if matches!(self.xpos(last), "PRP" | "NNP" | "NNPS" | "NN" | "NNS") => last,
            None => return None,
        };
        // "a spokesman for the ministry": back over "X for"; "Biden and
        // Putin": back over a coordination.
        while start >= lo + 2 && (PREPS_IN_NAMES.contains(&self.word_lower(start - 1).as_ref()) || self.word_lower(start - 1) == "and") {
            match self.np_of[start - 2] {
                Some(c) if self.in_quote[start - 2] == self.in_quote[start - 1] => start = self.a.chunks[c].tokens.start.max(lo),
                _ => break,
            }
        }
        if (start..end).all(|t| self.xpos(t) == "DT" || self.is_punct(t)) {
            return None;
        }
        Some(start..end)
    }

    /// The quote that ends right before token `t` (over commas and the like).
    fn quote_ends_before(&self, t: usize, lo: usize) -> Option<usize> {
        let mut k = t;
        while k > lo && self.is_punct(k - 1) && self.in_quote[k - 1].is_none() {
            k -= 1;
        }
        if k <= lo {
            return None;
        }
        self.in_quote[k - 1].filter(|&qi| {
            let q = &self.quoted[qi];
            self.token_at(q.span.end.saturating_sub(1)) == Some(k - 1)
        })
    }

    /// The quote that starts right after `t` (over ":", ",", "that").
    fn quote_starts_after(&self, t: usize, hi: usize) -> Option<usize> {
        let mut k = t;
        let mut skipped = 0;
        while k < hi && self.in_quote[k].is_none() && (self.is_punct(k) || self.word_lower(k) == "that") {
            k += 1;
            skipped += 1;
        }
        // "said on Tuesday:" / "said in a statement:" — a short phrase before a colon.
        if k < hi && self.in_quote[k].is_none() && skipped == 0 {
            let colon = (k..hi.min(k + 8)).find(|&j| self.word(j) == ":" || self.in_quote[j].is_some());
            if let Some(j) = colon {
                if self.word(j) == ":" {
                    k = j + 1;
                }
            }
        }
        let qi = self.in_quote.get(k).copied().flatten()?;
        let q = &self.quoted[qi];
        (self.token_at(q.span.start) == Some(k)).then_some(qi)
    }

    /// Whether there is a quote between two tokens.
    fn quote_between(&self, a: usize, b: usize) -> bool {
        (a..b).any(|t| self.in_quote[t].is_some())
    }

    /// A quote that reads as a statement: it starts with a capital or runs
    /// over several words ending in punctuation.
    fn quoted_is_clause(&self, qi: usize) -> bool {
        let q = &self.quoted[qi];
        let text = self.a.document.text.get(q.span.start..q.span.end).unwrap_or("");
        let inner: &str = text.trim_start_matches(|c: char| !c.is_alphanumeric());
        let starts_upper = inner.chars().next().is_some_and(char::is_uppercase);
        starts_upper && inner.split_whitespace().nth(1).is_some()
    }

    /// Whether `a..b` is a clause with its subject: a noun phrase (or
    /// pronoun, or name) followed by a finite verb group.
    fn is_clause(&self, a: usize, b: usize) -> bool {
        if b <= a + 1 || self.np_at(a, b).is_none() && !matches!(self.xpos(a), "DT" | "JJ" | "CD" | "PDT" | "EX") {
            return false;
        }
        // The first verb group, within a dozen words, is finite; what comes
        // before it has a noun and no other verb.
        let Some(v) = (a..b.min(a + 14)).find(|&t| self.vg_of[t].is_some() || self.xpos(t) == "MD") else { return false };
        let nominal = (a..v).any(|t| matches!(self.xpos(t), "NN" | "NNS" | "NNP" | "NNPS" | "PRP" | "CD" | "EX" | "DT"));
        // A past participle right after its subject is a past tense the
        // tagger misread ("it raised $21 million").
        let finite = |t: usize| matches!(self.xpos(t), "VBD" | "VBZ" | "VBP" | "MD") || self.xpos(t) == "VBN" && t > a && matches!(self.xpos(t - 1), "PRP" | "NN" | "NNS" | "NNP" | "NNPS");
        nominal && v > a && finite(v) || nominal && v > a && self.xpos(v) == "RB" && finite(v + 1)
    }

    /// Whether `a..b` looks like a clause: it has a verb and a few words.
    fn clause_like(&self, a: usize, b: usize) -> bool {
        b > a + 1 && (a..b).any(|t| self.xpos(t).starts_with("VB") || self.xpos(t) == "MD" || self.in_quote[t].is_some())
    }

    fn sentences_of(&self, content: &[Span]) -> Range<usize> {
        let first = content.first().and_then(|c| self.token_at(c.start)).map(|t| self.sent_of[t]);
        let last = content.last().and_then(|c| self.token_at(c.end.saturating_sub(1))).map(|t| self.sent_of[t]);
        match (first, last) {
            (Some(a), Some(b)) => a..b + 1,
            _ => 0..0,
        }
    }

    fn speaker(&self, r: Range<usize>) -> QuoteSpeaker {
        let toks = &self.a.tokens[r.clone()];
        QuoteSpeaker {
            span: Token::span_of(toks).unwrap_or(Span::new(0, 0)),
            text: Token::norm_of(toks, &self.a.document).to_string(),
            tokens: r,
            entity: None,
            name: None,
            code: None,
            reason: "the subject of the cue".into(),
        }
    }

    fn text_of(&self, spans: &[Span]) -> String {
        spans.iter().map(|c| self.a.document.text.get(c.start..c.end).unwrap_or("")).collect::<Vec<_>>().join(" … ")
    }

    /// A direct quote from quoted stretches.
    fn direct(&self, parts: Vec<usize>, cue: Option<Span>, speaker: Option<QuoteSpeaker>, rule: &'static str, used: &mut [bool]) -> Quote {
        for &p in &parts {
            used[p] = true;
        }
        let content: Vec<Span> = parts.iter().map(|&p| self.quoted[p].span).collect();
        self.make(QuoteKind::Direct, content, cue, speaker, rule)
    }

    /// A quote whose content is a run of tokens (widened to the quotes it
    /// cuts into).
    fn quote_from(&self, kind: QuoteKind, content: Range<usize>, cue: Option<Span>, speaker: Option<QuoteSpeaker>, rule: &'static str, used: &mut [bool]) -> Quote {
        let toks = &self.a.tokens[content.clone()];
        let mut span = Token::span_of(toks).unwrap_or(Span::new(0, 0));
        for t in content {
            if let Some(qi) = self.in_quote[t] {
                used[qi] = true;
                span = Span::new(span.start.min(self.quoted[qi].span.start), span.end.max(self.quoted[qi].span.end));
            }
        }
        self.make(kind, vec![span], cue, speaker, rule)
    }

    fn make(&self, kind: QuoteKind, content: Vec<Span>, cue: Option<Span>, speaker: Option<QuoteSpeaker>, rule: &'static str) -> Quote {
        let cue_text = cue.and_then(|c| self.a.document.text.get(c.start..c.end)).unwrap_or("").to_string();
        // Room for the cue and speaker and the words around them.
        let mut reason = String::with_capacity(40 + cue_text.len() + speaker.as_ref().map_or(0, |s| s.text.len()));
        reason.push_str(kind.as_str());
        reason.push_str(" content");
        if !cue_text.is_empty() {
            reason.push_str(", cue \"");
            reason.push_str(&cue_text);
            reason.push('"');
        }
        if let Some(s) = &speaker {
            reason.push_str(", speaker \"");
            reason.push_str(&s.text);
            reason.push('"');
        }
        Quote {
            kind,
            text: self.text_of(&content),
            sentences: self.sentences_of(&content),
            content,
            cue,
            cue_text,
            speaker,
            about: None,
            provenance: Provenance::new(rule, reason),
            setting: Setting::default(),
        }
    }
}
