//! Entity mentions and their grouping within a document.
//!
//! The recogniser gives mentions sentence by sentence; this stage turns
//! them into [`Mention`]s with spans and groups them into [`Entity`]s:
//!
//! * the same words (any casing) are the same entity;
//! * a person's surname or given name alone joins the person whose full
//!   name ends or starts with it ("Ryabkov", "Sergey" → "Sergey Ryabkov"),
//!   the nearest before it first, else the first after it;
//! * an acronym joins the name it abbreviates ("OSCE" ↔ "Organization for
//!   Security and Co-operation in Europe");
//! * title words before a person's name ("Deputy Foreign Minister") are kept
//!   on the entity, and a later "the deputy foreign minister" becomes a
//!   mention of that person when exactly one person carries the title;
//! * a transcript speaker label ("RYABKOV:") is a mention of the person it
//!   names.
//!
//! Every mention records the rule that made it and why it joined its entity.

use std::borrow::Cow;
use std::fmt::Write;
use std::ops::Range;

use dyad_core::{Document, Entity, EntityKind, Mention, PosTag, Provenance, Sentence, Span, Token};
use dyad_ingest::view::truecase::capitalise;
use dyad_tag::ner::titles::{is_nationality, is_title_word, TITLE_JOINERS, TITLE_WORDS};

/// A mention found in a sentence, before grouping.
#[derive(Clone, Debug)]
pub(crate) struct Found {
    pub tokens: Range<usize>,
    pub kind: EntityKind,
    pub rule: &'static str,
}

/// Honorifics that are not worth keeping as a title on their own.
const HONORIFICS: &[&str] = &["mr.", "mrs.", "ms.", "dr."];

/// Broadcast roles that label transcript turns but name nobody.
const ROLE_LABELS: &[&str] = &[
    "anchor", "reporter", "correspondent", "host", "announcer", "narrator", "moderator", "interviewer", "unidentified",
    "male", "female", "voice", "crowd", "both", "all", "caller", "guest", "question", "answer", "q", "a",
];

/// The analysis form of a token range, spacing included.
fn view_norm<'d>(document: &'d Document, tokens: &[Token], range: &Range<usize>) -> &'d str {
    Token::norm_of(tokens.get(range.clone()).unwrap_or(&[]), document)
}

/// The analysis form of a token range, on one line (its words joined by
/// single spaces).
fn view_text(document: &Document, tokens: &[Token], range: &Range<usize>) -> String {
    let norm = view_norm(document, tokens, range);
    let mut text = String::with_capacity(norm.len());
    // Writing into a `String` cannot fail.
    let _ = dyad_core::write_spaced(&mut text, norm.split_whitespace());
    text
}

/// Lowercase words of a name, for comparing mentions (borrowed when
/// already lower case).
fn key_words(text: &str) -> Vec<Cow<'_, str>> {
    text.split_whitespace().map(|w| dyad_core::lowercase(without_possessive(w))).filter(|w| !w.is_empty()).collect()
}

/// A word without its trailing "'s" (all of them, as `trim_end_matches`,
/// without building a searcher for the pattern).
fn without_possessive(mut word: &str) -> &str {
    while let Some(stem) = word.strip_suffix("'s") {
        word = stem;
    }
    word
}

/// Initials of a name's capitalised words ("Organization for Security and
/// Co-operation in Europe" → "OSCE").
fn initials(text: &str) -> impl Iterator<Item = char> + '_ {
    text.split(|c: char| c.is_whitespace() || c == '-').filter_map(|w| w.chars().next().filter(|c| c.is_uppercase()))
}

struct Group<'d> {
    kind_votes: Vec<EntityKind>,
    /// A mention of two or more words was labelled a person: the entity is one.
    full_person_name: bool,
    /// Word keys of the fullest name.
    words: Vec<Cow<'d, str>>,
    name: String,
    title: Option<String>,
    mentions: Vec<usize>,
}

impl Group<'_> {
    fn is_person(&self) -> bool {
        self.kind_votes.contains(&EntityKind::Person)
    }

    /// Which part of this person's full name a single word is: "surname"
    /// (the last word) or "given name" (the first).
    fn name_part(&self, word: &str) -> Option<&'static str> {
        if !self.is_person() || self.words.len() < 2 {
            None
        } else if self.words.last().is_some_and(|w| w == word) {
            Some("surname")
        } else if self.words.first().is_some_and(|w| w == word) {
            Some("given name")
        } else {
            None
        }
    }
}

/// Builds mentions and entities from the recogniser's mentions (in any
/// order), the document's sentences and its transcript speaker labels.
pub(crate) fn link(
    document: &Document,
    sentences: &[Sentence],
    tokens: &[Token],
    pos: &[PosTag],
    mut found: Vec<Found>,
) -> (Vec<Mention>, Vec<Entity>) {
    found.sort_by_key(|f| (f.tokens.start, f.tokens.end));
    found.dedup_by(|b, a| b.tokens.start < a.tokens.end); // overlapping: keep the first
    let mut mentions: Vec<Mention> = Vec::with_capacity(found.len());
    let mut groups: Vec<Group> = Vec::new();

    // Names first, in text order.
    for f in &found {
        // The words of the view itself, so that they borrow from the document.
        let words = key_words(view_norm(document, tokens, &f.tokens));
        if words.is_empty() {
            continue;
        }
        let text = view_text(document, tokens, &f.tokens);
        let span = token_span(tokens, &f.tokens);
        let n_words = words.len();
        let mut reason = String::with_capacity(128);
        describe(f.rule, f.kind, &mut reason);
        let group = match find_group(&groups, f.kind, &words, &text) {
            Some((idx, why)) => {
                let g = &mut groups[idx];
                let _ = write!(reason, "; {why} {:?}", g.name);
                if n_words > g.words.len() && f.kind == EntityKind::Person {
                    g.words = words;
                    g.name = text.clone();
                }
                idx
            }
            None => {
                let _ = write!(reason, "; first mention of {text:?}");
                groups.push(Group {
                    kind_votes: Vec::new(),
                    full_person_name: false,
                    words,
                    name: text.clone(),
                    title: None,
                    mentions: Vec::new(),
                });
                groups.len() - 1
            }
        };
        let g = &mut groups[group];
        g.kind_votes.push(f.kind);
        g.full_person_name |= f.kind == EntityKind::Person && n_words > 1;
        if f.kind == EntityKind::Person && g.title.is_none() {
            g.title = title_before(document, sentences, tokens, pos, f.tokens.start);
        }
        g.mentions.push(mentions.len());
        mentions.push(Mention {
            span,
            tokens: f.tokens.clone(),
            kind: f.kind,
            text,
            entity: group,
            provenance: Provenance::new(f.rule, reason),
        });
    }

    // Surnames seen before the full name: join the first full name after.
    relink_early_surnames(&mut groups, &mut mentions);

    title_mentions(document, sentences, tokens, &mut groups, &mut mentions);
    speaker_mentions(document, &mut groups, &mut mentions);

    // Entities in order of first mention, mentions in text order.
    let mut order: Vec<usize> = (0..groups.len()).filter(|&g| !groups[g].mentions.is_empty()).collect();
    order.sort_by_key(|&g| groups[g].mentions.iter().map(|&m| mentions[m].span.start).min());
    let mut new_index = vec![usize::MAX; groups.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    // A stable sort of the mentions with their old indices.
    let mut numbered: Vec<(usize, Mention)> = mentions.into_iter().enumerate().collect();
    numbered.sort_by_key(|(_, m)| (m.span.start, m.span.end));
    let mut mention_index = vec![0; numbered.len()];
    for (new, &(old, _)) in numbered.iter().enumerate() {
        mention_index[old] = new;
    }
    let sorted: Vec<Mention> = numbered
        .into_iter()
        .map(|(_, mut mention)| {
            mention.entity = new_index[mention.entity];
            mention
        })
        .collect();
    let entities = order
        .iter()
        .map(|&g| {
            let group = &mut groups[g];
            let mut ids: Vec<usize> = group.mentions.iter().map(|&m| mention_index[m]).collect();
            ids.sort_unstable();
            let kind = if group.full_person_name { EntityKind::Person } else { majority(&group.kind_votes) };
            Entity { kind, name: std::mem::take(&mut group.name), title: group.title.take(), mentions: ids }
        })
        .collect();
    (sorted, entities)
}

/// Appends what a recogniser rule found to `out`.
fn describe(rule: &str, kind: EntityKind, out: &mut String) {
    let _ = match rule {
        dyad_tag::ner::AFTER_TITLE_RULE => {
            out.write_str("the capitalised words after a person's title (the model took title and name as one name)")
        }
        dyad_tag::ner::GAZETTEER_RULE => out.write_str("a nationality or group word of the gazetteer"),
        dyad_tag::ner::HYPHEN_BODY_RULE => {
            out.write_str("a body named after two parties joined by a hyphen, ending in a word such as \"Council\"")
        }
        dyad_tag::ner::OF_PHRASE_RULE => {
            write!(out, "a name of the form \"X of Y\" whose head word X names a {}", if kind == EntityKind::Location { "place" } else { "body" })
        }
        dyad_tag::ner::REPEAT_RULE => write!(out, "the same capitalised words as a name labelled {} elsewhere in the document", kind.code()),
        _ => out.write_str("the entity model labelled these words ").and_then(|()| out.write_str(kind.code())),
    };
}

fn token_span(tokens: &[Token], range: &Range<usize>) -> Span {
    tokens.get(range.clone()).and_then(Token::span_of).unwrap_or(Span::new(0, 0))
}

/// The most frequent kind (the first seen on a tie).
fn majority(votes: &[EntityKind]) -> EntityKind {
    let mut best = votes.first().copied().unwrap_or(EntityKind::Person);
    let mut best_count = 0;
    for &kind in votes {
        let count = votes.iter().filter(|&&k| k == kind).count();
        if count > best_count {
            best = kind;
            best_count = count;
        }
    }
    best
}

/// The group a new mention joins, and why: the words a reason puts before
/// the group's name ("surname of").
fn find_group(groups: &[Group], kind: EntityKind, words: &[Cow<str>], text: &str) -> Option<(usize, &'static str)> {
    // The same words.
    if let Some(idx) = groups.iter().rposition(|g| g.words == words || g.name.eq_ignore_ascii_case(text)) {
        return Some((idx, "same words as"));
    }
    if let [single] = words {
        // A word of a person's full name, whatever the model called it
        // ("LAURA?" after "Laura Chen"): a surname first, then a given name.
        for (part, why) in [("surname", "surname of"), ("given name", "given name of")] {
            if let Some(idx) = groups.iter().rposition(|g| g.name_part(single) == Some(part)) {
                return Some((idx, why));
            }
        }
    }
    if kind == EntityKind::Person {
        if let [_] = words {
            return None;
        }
        // "Sergey Ryabkov" after "Ryabkov"; "Sergey Ryabkov" after "Sergey V. Ryabkov" (same ends).
        if let Some(idx) = groups.iter().rposition(|g| {
            g.is_person() && g.words.len() != words.len() && (words.ends_with(&g.words) || g.words.ends_with(words))
        }) {
            return Some((idx, "shares the name of"));
        }
        return None;
    }
    // Acronyms, both ways.
    let acronym = |short: &str, long: &str| short.len() >= 2 && short.chars().all(char::is_uppercase) && initials(long).eq(short.chars());
    if let Some(idx) = groups.iter().rposition(|g| acronym(text, &g.name) || acronym(&g.name, text)) {
        return Some((idx, "acronym of"));
    }
    None
}

/// Moves single-word person mentions that came before a full name into it.
fn relink_early_surnames(groups: &mut [Group<'_>], mentions: &mut [Mention]) {
    for idx in 0..groups.len() {
        // Groups already moved have no mentions left.
        if groups[idx].words.len() != 1 || !groups[idx].is_person() || groups[idx].mentions.is_empty() {
            continue;
        }
        let single = groups[idx].words[0].clone();
        let Some(target) = (0..groups.len()).find(|&other| other != idx && groups[other].name_part(&single).is_some()) else {
            continue;
        };
        let moved = std::mem::take(&mut groups[idx].mentions);
        let votes = std::mem::take(&mut groups[idx].kind_votes);
        let target_name = groups[target].name.clone();
        for &m in &moved {
            mentions[m].entity = target;
            mentions[m].provenance.reason = format!(
                "{}; short form of {:?}, named in full later",
                mentions[m].provenance.reason.split("; ").next().unwrap_or(""),
                target_name
            );
        }
        groups[target].mentions.extend(moved);
        groups[target].kind_votes.extend(votes);
        groups[target].full_person_name |= groups[idx].full_person_name;
    }
}

/// Title words directly before a person's name ("Russian Deputy Foreign
/// Minister Sergey Ryabkov" → "Deputy Foreign Minister").
fn title_before(document: &Document, sentences: &[Sentence], tokens: &[Token], pos: &[PosTag], start: usize) -> Option<String> {
    let sentence = sentences.iter().find(|s| s.tokens.contains(&start))?;
    let mut first = start;
    while first > sentence.tokens.start {
        let word = dyad_core::lowercase(tokens[first - 1].norm(document));
        let is_title = TITLE_WORDS.contains(&&*word) && pos.get(first - 1).is_none_or(|p| p.upos != "VERB");
        if !is_title {
            break;
        }
        first -= 1;
    }
    // Trim joiners and nationality words at the edges.
    let mut words: Vec<&str> = tokens[first..start].iter().map(|t| t.norm(document)).collect();
    let joiner = |w: &str| TITLE_JOINERS.contains(&&*dyad_core::lowercase(w));
    while words.first().is_some_and(|w| joiner(w) || is_nationality(w)) {
        words.remove(0);
    }
    while words.last().is_some_and(|w| joiner(w)) {
        words.pop();
    }
    if words.is_empty() || (words.len() == 1 && HONORIFICS.contains(&&*dyad_core::lowercase(words[0]))) {
        return None;
    }
    Some(words.join(" "))
}


/// Lowercase forms of a title a later "the …" may use: the title itself and
/// the title without its "of …" tail ("Deputy Secretary of State" →
/// "deputy secretary").
fn title_forms(title: &str) -> Vec<Vec<String>> {
    let words: Vec<String> = title.split_whitespace().map(str::to_lowercase).collect();
    let mut forms = vec![words.clone()];
    if let Some(of) = words.iter().position(|w| w == "of") {
        if of > 0 {
            forms.push(words[..of].to_vec());
        }
    }
    forms
}

/// "the deputy foreign minister" → the one person with that title.
fn title_mentions(document: &Document, sentences: &[Sentence], tokens: &[Token], groups: &mut [Group<'_>], mentions: &mut Vec<Mention>) {
    let titled: Vec<(usize, Vec<Vec<String>>)> =
        groups.iter().enumerate().filter_map(|(idx, g)| g.title.as_deref().map(|t| (idx, title_forms(t)))).collect();
    if titled.is_empty() {
        return;
    }
    let taken: Vec<Range<usize>> = mentions.iter().map(|m| m.tokens.clone()).collect();
    for sentence in sentences {
        let words = &tokens[sentence.tokens.clone()];
        // Whether the words from `from` on are `lower`, once lowercased.
        let are = |from: usize, lower: &[String]| {
            words.get(from..from + lower.len()).is_some_and(|w| w.iter().zip(lower).all(|(t, l)| dyad_core::lowercase_is(t.norm(document), l)))
        };
        let mut idx = 0;
        while idx < words.len() {
            if !dyad_core::lowercase_is(words[idx].norm(document), "the") {
                idx += 1;
                continue;
            }
            // The longest title form after "the", owned by exactly one person.
            let mut best: Option<(usize, usize)> = None; // (group, length)
            let mut ambiguous = false;
            for (group, forms) in &titled {
                for form in forms {
                    let len = form.len();
                    if are(idx + 1, form) {
                        match best {
                            Some((other, best_len)) if best_len == len && other != *group => ambiguous = true,
                            Some((_, best_len)) if best_len >= len => {}
                            _ => {
                                best = Some((*group, len));
                                ambiguous = false;
                            }
                        }
                    }
                }
            }
            let Some((group, len)) = best.filter(|_| !ambiguous) else {
                idx += 1;
                continue;
            };
            // Not a title before a name ("the deputy foreign minister, Sergey Ryabkov,").
            let range = sentence.tokens.start + idx..sentence.tokens.start + idx + 1 + len;
            let next_is_name = taken.iter().any(|t| t.start == range.end);
            if next_is_name || taken.iter().any(|t| t.start < range.end && range.start < t.end) {
                idx += 1 + len;
                continue;
            }
            let text = view_text(document, tokens, &range);
            let (name, title) = (&groups[group].name, groups[group].title.as_deref().unwrap_or_default());
            let reason = format!("\"the {title}\" is the title {name:?} carries earlier in the document, and nobody else does");
            groups[group].mentions.push(mentions.len());
            mentions.push(Mention {
                span: token_span(tokens, &range),
                tokens: range,
                kind: EntityKind::Person,
                text,
                entity: group,
                provenance: Provenance::new("entity.title", reason),
            });
            idx += 1 + len;
        }
    }
}

/// Transcript speaker labels as mentions of the person they name.
fn speaker_mentions<'d>(document: &'d Document, groups: &mut Vec<Group<'d>>, mentions: &mut Vec<Mention>) {
    for segment in &document.segments {
        let Some(speaker) = &segment.speaker else { continue };
        let mut words = key_words(&speaker.name);
        if words.is_empty() || words.iter().any(|w| ROLE_LABELS.contains(&&**w)) {
            continue;
        }
        // "SENATOR PAUL ADEYEMI" names Paul Adeyemi.
        let n_title = words.iter().take_while(|w| is_title_word(w)).count().min(words.len() - 1);
        words.drain(..n_title);
        let found = groups.iter().position(|g| {
            g.is_person()
                && (g.words == words
                    || g.words.ends_with(&words)
                    || (words.len() == 1 && g.words.first() == words.first()))
        });
        let text = display_name(&speaker.name.split_whitespace().skip(n_title).collect::<Vec<_>>().join(" "));
        let (group, reason) = match found {
            Some(idx) => (idx, format!("speaker label naming {:?}", groups[idx].name)),
            None => {
                groups.push(Group {
                    kind_votes: vec![EntityKind::Person],
                    full_person_name: words.len() > 1,
                    words: words.clone(),
                    name: text.clone(),
                    title: None,
                    mentions: Vec::new(),
                });
                (groups.len() - 1, "speaker label of a transcript turn, naming someone not mentioned elsewhere".to_string())
            }
        };
        groups[group].mentions.push(mentions.len());
        mentions.push(Mention {
            span: speaker.span,
            tokens: 0..0,
            kind: EntityKind::Person,
            text,
            entity: group,
            provenance: Provenance::new("entity.speaker-label", reason),
        });
    }
}

/// A label in capitals as a name ("WENDY SHERMAN" → "Wendy Sherman").
fn display_name(label: &str) -> String {
    if label.chars().any(char::is_lowercase) {
        return label.to_string();
    }
    label
        .split_whitespace()
        .map(|w| capitalise(&w.to_lowercase()))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_and_names() {
        assert_eq!(initials("Organization for Security and Co-operation in Europe").collect::<String>(), "OSCE");
        assert_eq!(display_name("WENDY SHERMAN"), "Wendy Sherman");
        assert_eq!(display_name("McCain"), "McCain");
        assert_eq!(title_forms("Deputy Secretary of State"), [vec!["deputy", "secretary", "of", "state"], vec!["deputy", "secretary"]]);
        assert_eq!(key_words("Ryabkov's"), ["ryabkov"]);
    }
}
