//! The tense of the clause around a temporal expression.
//!
//! Bare weekdays ("on Monday"), month names without a year ("in
//! December"), dates without a year and "the weekend" are placed before or
//! after the reference date by the tense of their clause, as HeidelTime
//! does for news. [`direction`] looks for cues between the clause
//! boundaries around the expression (the sentence edges, `;`, `:`, or a
//! comma followed by a conjunction or subordinator) and lets the nearest cue
//! before the expression decide (the verb a time adverbial modifies mostly
//! precedes it), else the nearest cue after it.
//!
//! Future cues: modals ("will", "would", "shall", "may", "might"), "going
//! to", "is to", "due to", "set to", "expected to", "plans to",
//! "scheduled", "planned", "ahead of", "upcoming", "next", "to be" with a
//! participle ("to be held"), and the present progressive ("is meeting")
//! unless the expression is today. Past cues: past-tense verbs ("met",
//! "was"), past participles not after "be" ("has said"), "would have",
//! "last", "ago", "earlier", "previously".
//!
//! The cue comes back as a static string (the cue word, or "past-tense
//! verb" and the like for tags) for the caller's reason line. This is a
//! heuristic over tags, not a parser: "said it would meet on Monday" is
//! future because "would" is nearer than "said".

use crate::lexicon::{self, eq};
use crate::{Found, Meaning, Word};

/// Whether an expression's clause speaks of the past or the future.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// A past-tense clause: bare weekdays fall on or before the reference.
    Past,
    /// A future clause: bare weekdays fall on or after the reference.
    Future,
    /// No tense cue: the nearest day is taken.
    Unknown,
}

/// Present-tense verbs that do not announce a plan: auxiliaries,
/// reporting and stative verbs.
const PRESENT_NOT_PLANS: &[&str] = &[
    "is", "are", "am", "'s", "\u{2019}s", "'re", "\u{2019}re", "has", "have", "'ve", "does", "do", "says", "say", "tells",
    "tell", "reports", "report", "claims", "claim", "believes", "believe", "thinks", "think", "knows", "know", "seems",
    "seem", "appears", "appear", "remains", "remain", "means", "mean", "shows", "show", "suggests", "suggest", "adds",
    "add", "notes", "note", "argues", "argue", "insists", "insist", "denies", "deny", "accuses", "accuse", "wants", "want",
    "needs", "need", "hopes", "hope", "fears", "fear", "expects", "expect", "writes", "write", "recalls", "recall",
];

/// Words after a comma that start a new clause.
const CLAUSE_OPENERS: &[&str] = &[
    "and", "but", "or", "while", "whereas", "when", "after", "before", "because", "although",
    "though", "as", "since", "which", "who", "if", "where", "until", "so", "yet",
];

/// The direction of the clause around `found`, with the cue that decided
/// it (`""` when [`Direction::Unknown`]).
pub fn direction(words: &[Word], found: &Found) -> (Direction, &'static str) {
    let start = found.start.min(words.len());
    let end = found.end.clamp(start, words.len());
    let (clause_start, clause_end) = clause(words, start, end);
    let is_today = matches!(
        found.meaning,
        Meaning::DayOffset { days: 0, .. } | Meaning::Time(_) | Meaning::Reference(_)
    );
    // The verb that governs a time adverbial mostly comes before it ("met
    // in Geneva on Monday and will meet again"): the nearest cue before the
    // expression (or inside it) wins; a cue after it counts only when there
    // is none before ("On Monday, the envoys met").
    let mut before: Option<(Direction, &'static str)> = None;
    for word_idx in (clause_start..end).rev() {
        if let Some(found) = cue_at(words, word_idx, is_today) {
            before = Some(found);
            break;
        }
    }
    let after = || (end..clause_end).find_map(|word_idx| cue_at(words, word_idx, is_today));
    before.or_else(after).unwrap_or((Direction::Unknown, ""))
}

/// The clause containing words `start..end`, as a word range.
fn clause(words: &[Word], start: usize, end: usize) -> (usize, usize) {
    let is_boundary = |idx: usize| -> bool {
        let Some(word) = words.get(idx) else { return false };
        if word.text == ";" || word.text == ":" {
            return true;
        }
        word.text == "," && words.get(idx + 1).is_some_and(|next| lexicon::any(next.text, CLAUSE_OPENERS))
    };
    let clause_start = (0..start).rev().find(|&idx| is_boundary(idx)).map_or(0, |idx| idx + 1);
    let clause_end = (end..words.len()).find(|&idx| is_boundary(idx)).unwrap_or(words.len());
    (clause_start, clause_end)
}

/// The cue at `idx`, if any.
fn cue_at(words: &[Word], idx: usize, is_today: bool) -> Option<(Direction, &'static str)> {
    let word = words.get(idx)?;
    let text = word.text;
    let next = |offset: usize| words.get(idx + offset).map_or("", |w| w.text);
    let next_xpos = |offset: usize| words.get(idx + offset).map_or("", |w| w.xpos);
    let future = |cue: &'static str| Some((Direction::Future, cue));
    let past = |cue: &'static str| Some((Direction::Past, cue));

    // before "to"
    const BEFORE_TO: &[&str] = &[
        "going", "due", "set", "expected", "scheduled", "slated", "plans", "plan", "planning",
        "planned", "intends", "intend", "aims", "aim", "hopes", "hope", "poised",
    ];
    if eq(next(1), "to") {
        if let Some(cue) = BEFORE_TO.iter().find(|cue| eq(text, cue)) {
            // "due to rain" is a cause, not a plan
            if !(eq(text, "due") && next_xpos(2).starts_with("NN")) {
                return future(cue);
            }
        }
        if lexicon::any(text, &["is", "are", "am"]) && next_xpos(2) == "VB" {
            return future("is to");
        }
    }
    if eq(text, "to") && eq(next(1), "be") && next_xpos(2) == "VBN" {
        return future("to be");
    }
    // "is due in Cairo on Tuesday", "is due back on Monday"
    if eq(text, "due") && lexicon::any(next(1), &["in", "at", "on", "back", "for", "before"]) {
        return future("due");
    }
    const MODALS: &[&str] = &["will", "'ll", "\u{2019}ll", "shall", "would", "wo", "may", "might", "must", "should"];
    if let Some(cue) = MODALS.iter().find(|cue| eq(text, cue)) {
        let negated = lexicon::any(next(1), &["not", "n't", "n\u{2019}t"]);
        if eq(next(1), "have") || (negated && eq(next(2), "have")) {
            return past("would have");
        }
        if word.xpos == "MD" || (!word.xpos.starts_with("NN") && !eq(text, "may")) {
            return future(cue);
        }
    }
    const FUTURE_WORDS: &[&str] = &["scheduled", "planned", "upcoming", "next", "coming", "soon"];
    if let Some(cue) = FUTURE_WORDS.iter().find(|cue| eq(text, cue)) {
        return future(cue);
    }
    // "rain is expected on Monday"
    let after_copula = idx.checked_sub(1).and_then(|k| words.get(k)).is_some_and(|w| lexicon::any(w.text, &["is", "are", "was", "were", "be"]));
    if eq(text, "expected") && after_copula {
        return future("expected");
    }
    if eq(text, "ahead") && eq(next(1), "of") {
        return future("ahead of");
    }
    if lexicon::any(text, &["is", "are", "am", "'re", "\u{2019}re"]) && next_xpos(1) == "VBG" {
        if !is_today && !eq(next(1), "going") {
            return future("present progressive");
        }
        return None;
    }
    const PAST_WORDS: &[&str] = &["last", "ago", "earlier", "previously", "recently"];
    if let Some(cue) = PAST_WORDS.iter().find(|cue| eq(text, cue)) {
        return past(cue);
    }
    // News writes scheduled events in the simple present: "voters go to
    // the polls on Sunday", "talks resume Thursday". Reporting, stative and
    // auxiliary verbs are not plans.
    if matches!(word.xpos, "VBP" | "VBZ") && !is_today && !lexicon::any(text, PRESENT_NOT_PLANS) {
        return future("present tense");
    }
    match word.xpos {
        "VBD" => past("past-tense verb"),
        "VBN" => {
            let after_be = |back: usize| idx.checked_sub(back).and_then(|k| words.get(k)).is_some_and(|w| lexicon::any(w.text, &["be", "being"]));
            if after_be(1) || after_be(2) {
                None
            } else {
                past("past participle")
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{find, Word};

    fn tagged<'a>(pairs: &[(&'a str, &'a str)]) -> Vec<Word<'a>> {
        let mut offset = 0;
        pairs
            .iter()
            .map(|&(text, xpos)| {
                let word = Word { text, xpos, start: offset, end: offset + text.len() };
                offset += text.len() + 1;
                word
            })
            .collect()
    }

    fn check(pairs: &[(&str, &str)], expected: Direction, expected_cue: &str) {
        let words = tagged(pairs);
        let found = find(&words);
        let first = found.first().expect("an expression");
        assert_eq!(direction(&words, first), (expected, expected_cue), "{pairs:?}");
    }

    #[test]
    fn tense_cues() {
        check(&[("Rebels", "NNS"), ("attacked", "VBD"), ("the", "DT"), ("town", "NN"), ("on", "IN"), ("Monday", "NNP")], Direction::Past, "past-tense verb");
        check(&[("Envoys", "NNS"), ("will", "MD"), ("meet", "VB"), ("on", "IN"), ("Monday", "NNP")], Direction::Future, "will");
        check(&[("Envoys", "NNS"), ("are", "VBP"), ("meeting", "VBG"), ("on", "IN"), ("Friday", "NNP")], Direction::Future, "present progressive");
        check(&[("The", "DT"), ("vote", "NN"), ("is", "VBZ"), ("to", "TO"), ("be", "VB"), ("held", "VBN"), ("on", "IN"), ("Sunday", "NNP")], Direction::Future, "to be");
        check(&[("Talks", "NNS"), ("are", "VBP"), ("due", "JJ"), ("to", "TO"), ("resume", "VB"), ("Thursday", "NNP")], Direction::Future, "due");
        check(&[("Talks", "NNS"), ("resume", "VBP"), ("Thursday", "NNP")], Direction::Future, "present tense");
        check(&[("Envoys", "NNS"), ("met", "VBD"), ("on", "IN"), ("Monday", "NNP"), ("and", "CC"), ("will", "MD"), ("meet", "VB"), ("again", "RB")], Direction::Past, "past-tense verb");
        check(&[("On", "IN"), ("Monday", "NNP"), (",", ","), ("envoys", "NNS"), ("met", "VBD")], Direction::Past, "past-tense verb");
        check(&[("The", "DT"), ("envoy", "NN"), ("says", "VBZ"), ("talks", "NNS"), ("failed", "VBD"), ("on", "IN"), ("Monday", "NNP")], Direction::Past, "past-tense verb");
        check(&[("The", "DT"), ("minister", "NN"), ("is", "VBZ"), ("due", "JJ"), ("in", "IN"), ("Cairo", "NNP"), ("on", "IN"), ("Tuesday", "NNP")], Direction::Future, "due");
        check(&[("The", "DT"), ("army", "NN"), ("has", "VBZ"), ("withdrawn", "VBN"), ("since", "IN"), ("Tuesday", "NNP")], Direction::Past, "past participle");
        check(&[("On", "IN"), ("Friday", "NNP"), ("ministers", "NNS"), ("would", "MD"), ("have", "VB"), ("voted", "VBN")], Direction::Past, "would have");
        check(&[("The", "DT"), ("summit", "NN"), ("is", "VBZ"), ("set", "VBN"), ("to", "TO"), ("open", "VB"), ("on", "IN"), ("Tuesday", "NNP")], Direction::Future, "set");
        check(&[("Ahead", "RB"), ("of", "IN"), ("Sunday", "NNP"), ("'s", "POS"), ("vote", "NN")], Direction::Future, "ahead of");
        check(&[("The", "DT"), ("march", "NN"), ("was", "VBD"), ("due", "JJ"), ("to", "TO"), ("rain", "NN"), ("on", "IN"), ("Friday", "NNP")], Direction::Past, "past-tense verb");
    }

    #[test]
    fn semicolons_and_colons_end_clauses() {
        check(&[("The", "DT"), ("army", "NN"), ("withdrew", "VBD"), (";", ":"), ("talks", "NNS"), ("resume", "VBP"), ("on", "IN"), ("Monday", "NNP")], Direction::Future, "present tense");
        check(&[("Friday", "NNP"), (":", ":"), ("rebels", "NNS"), ("will", "MD"), ("attack", "VB")], Direction::Unknown, "");
    }

    #[test]
    fn nearest_cue_wins_and_clauses_stop_cues() {
        // "Officials said on Monday that the border will reopen on Friday"
        let words = tagged(&[
            ("Officials", "NNS"), ("said", "VBD"), ("on", "IN"), ("Monday", "NNP"), ("that", "IN"),
            ("the", "DT"), ("border", "NN"), ("will", "MD"), ("reopen", "VB"), ("on", "IN"), ("Friday", "NNP"),
        ]);
        let found = find(&words);
        assert_eq!(direction(&words, &found[0]), (Direction::Past, "past-tense verb"));
        assert_eq!(direction(&words, &found[1]), (Direction::Future, "will"));
        // "The strike ended, but unions will march on Saturday"
        let words = tagged(&[
            ("The", "DT"), ("strike", "NN"), ("ended", "VBD"), (",", ","), ("but", "CC"),
            ("unions", "NNS"), ("plan", "VBP"), ("protests", "NNS"), ("Saturday", "NNP"),
        ]);
        let found = find(&words);
        assert_eq!(direction(&words, &found[0]), (Direction::Future, "present tense"));
    }
}
