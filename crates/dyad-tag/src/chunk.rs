//! Noun-phrase and verb-group chunking over the tagger's output.
//!
//! A deterministic pass over a sentence's tags, left to right, no
//! allocation beyond the output:
//!
//! * **noun phrases**: determiners, possessives, numbers, adjectives (and
//!   adverbs before them), nouns and proper nouns, joined by possessive
//!   `'s` and by hyphens inside a word; a pronoun alone. The head is the
//!   last noun, proper noun, number or pronoun, so "Russian Deputy Foreign
//!   Minister Sergey Ryabkov" is one phrase headed by "Ryabkov".
//! * **verb groups**: auxiliaries, modals, negation and adverbs before a
//!   verb, the verb, and a following particle ("set up"); `to` + verb
//!   after a verb joins it ("wants to meet"). Each group records its main
//!   verb, whether it is passive (a form of *be* or *get* before a past
//!   participle), negated, or carries a modal, and whether it is a copula.
//!
//! Coordination and apposition are left to the consumer, which sees the
//! phrases in order with the tokens between them ("A , B and C").

pub use dyad_core::ChunkKind;

/// One chunk of a sentence: words `start..end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chunk {
    /// Kind.
    pub kind: ChunkKind,
    /// First word.
    pub start: usize,
    /// One past the last word.
    pub end: usize,
    /// The head word (noun of a noun phrase, main verb of a verb group).
    pub head: usize,
    /// Verb group in the passive voice ("was attacked").
    pub passive: bool,
    /// Verb group with `not`, `n't` or `never`.
    pub negated: bool,
    /// The modal of a verb group (`will`, `would`, `could`), as a word index.
    pub modal: Option<usize>,
}

/// A word with its tags, as the chunker reads it.
#[derive(Clone, Copy, Debug)]
pub struct Tagged<'a> {
    /// The word (analysis form).
    pub word: &'a str,
    /// Universal POS.
    pub upos: &'a str,
    /// Penn tag.
    pub xpos: &'a str,
}

/// Adjectives that stand for people after "the": "the wounded", "the poor".
const NOMINAL_ADJECTIVES: &[&str] =
    &["wounded", "injured", "dead", "sick", "elderly", "poor", "displaced", "needy", "homeless", "hungry", "missing", "unemployed", "disabled"];

fn is_noun(t: &Tagged) -> bool {
    matches!(t.upos, "NOUN" | "PROPN" | "NUM")
}

fn is_possessive(t: &Tagged) -> bool {
    t.xpos == "POS"
}

/// Whether `word` is one of `lower` (lower-case words), ignoring ASCII case.
fn is_one_of(word: &str, lower: &[&str]) -> bool {
    lower.iter().any(|w| word.eq_ignore_ascii_case(w))
}

fn is_negation(t: &Tagged) -> bool {
    is_one_of(t.word, &["not", "n't", "never"])
}

fn is_be_or_get(word: &str) -> bool {
    is_one_of(
        word,
        &["be", "is", "are", "was", "were", "been", "being", "am", "'s", "'re", "'m", "get", "gets", "got", "gotten", "getting"],
    )
}

/// Chunks a tagged sentence.
pub fn chunk(words: &[Tagged]) -> Vec<Chunk> {
    let mut chunks = Vec::new();
    let mut idx = 0;
    while idx < words.len() {
        if let Some(chunk) = noun_phrase(words, idx).or_else(|| verb_group(words, idx)) {
            idx = chunk.end;
            chunks.push(chunk);
        } else {
            idx += 1;
        }
    }
    chunks
}

fn noun_phrase(words: &[Tagged], start: usize) -> Option<Chunk> {
    let first = &words[start];
    if first.upos == "PRON" && first.xpos != "PRP$" && first.xpos != "WP$" {
        return Some(Chunk { kind: ChunkKind::NounPhrase, start, end: start + 1, head: start, passive: false, negated: false, modal: None });
    }
    let mut idx = start;
    let mut head = None;
    while idx < words.len() {
        let t = &words[idx];
        let next_is_modifiable = words.get(idx + 1).is_some_and(|n| matches!(n.upos, "ADJ" | "NOUN" | "PROPN" | "NUM"));
        let takes = match t.upos {
            "NOUN" | "PROPN" | "NUM" => {
                head = Some(idx);
                true
            }
            "DET" => idx == start || words[idx - 1].xpos == "POS",
            "PRON" => (t.xpos == "PRP$" || t.xpos == "WP$") && next_is_modifiable,
            "ADJ" => true,
            // A participle used as an adjective: "a planned visit", "the
            // disputed region", "extradited suspected militants".
            "VERB" => {
                matches!(t.xpos, "VBN" | "VBG")
                    && next_is_modifiable
                    && words.get(idx + 1).is_some_and(|n| n.upos != "NUM")
                    && match idx.checked_sub(1).map(|p| &words[p]) {
                        Some(p) if idx > start => matches!(p.upos, "DET" | "ADJ") || p.xpos == "PRP$" || is_possessive(p) || p.word == "-",
                        Some(p) => p.upos == "VERB" && t.xpos == "VBN",
                        None => false,
                    }
            }
            "ADV" => idx == start && words.get(idx + 1).is_some_and(|n| n.upos == "ADJ"),
            "PART" => is_possessive(t) && head.is_some() && next_is_modifiable,
            "PUNCT" | "SYM" => t.word == "-" && hyphen_inside_word(words, idx, start, head.is_some()),
            _ => false,
        };
        if !takes {
            break;
        }
        idx += 1;
    }
    // Trailing adjectives or determiners without a noun after them belong
    // to no phrase ("the committee was unhappy"): end at the head. But an
    // adjective used as a noun for people heads its phrase: "evacuated the
    // wounded", "aid for the displaced".
    let nominal = || {
        (idx > start + 1 && words[start].word.eq_ignore_ascii_case("the"))
            .then(|| idx - 1)
            .filter(|&last| words[last].upos == "ADJ" && is_one_of(words[last].word, NOMINAL_ADJECTIVES))
    };
    let head = head.or_else(nominal)?;
    let end = head + 1;
    Some(Chunk { kind: ChunkKind::NounPhrase, start, end, head, passive: false, negated: false, modal: None })
}

/// Whether the hyphen at `idx` joins two parts of one word inside a noun
/// phrase: a noun after it ("the Russia-Ukraine talks"), or an adjective or
/// participle that goes on to a noun ("a day-old blockade", "its
/// long-threatened invasion", "the Israeli-occupied territory").
fn hyphen_inside_word(words: &[Tagged], idx: usize, start: usize, has_head: bool) -> bool {
    let Some(next) = words.get(idx + 1) else { return false };
    let after_part = idx > start && matches!(words[idx - 1].upos, "ADJ" | "NOUN" | "PROPN" | "NUM");
    // "cease-fire", "a high-voltage line".
    if is_noun(next) {
        return has_head || after_part;
    }
    let modifier = next.upos == "ADJ" || (next.upos == "VERB" && matches!(next.xpos, "VBN" | "VBG"));
    let then_modifiable = words.get(idx + 2).is_some_and(|n| matches!(n.upos, "ADJ" | "NOUN" | "PROPN" | "NUM"));
    after_part && modifier && then_modifiable
}

fn verb_group(words: &[Tagged], start: usize) -> Option<Chunk> {
    let starts = |t: &Tagged| matches!(t.upos, "AUX" | "VERB") || (t.upos == "PART" && is_negation(t));
    if !starts(&words[start]) {
        return None;
    }
    let mut idx = start;
    let mut main = None;
    let mut last_aux = None;
    let (mut negated, mut modal, mut passive) = (false, None, false);
    while idx < words.len() {
        let t = &words[idx];
        match t.upos {
            "AUX" if main.is_none() => {
                if t.xpos == "MD" {
                    modal.get_or_insert(idx);
                }
                last_aux = Some(idx);
            }
            "VERB" if main.is_none() => {
                passive = t.xpos == "VBN" && last_aux.is_some_and(|a| is_be_or_get(words[a].word));
                main = Some(idx);
            }
            "PART" if is_negation(t) && main.is_none() => negated = true,
            "ADV" if main.is_none() && words.get(idx + 1).is_some_and(|n| matches!(n.upos, "AUX" | "VERB" | "ADV" | "PART")) => {
                negated |= is_negation(t);
            }
            // A particle after the verb ("set up", "carry out").
            "ADP" | "PART" if main == Some(idx - 1) && t.xpos == "RP" => {}
            _ => break,
        }
        idx += 1;
    }
    // "wants to meet": to + verb continues the group.
    if main.is_some() && words.get(idx).is_some_and(|t| t.xpos == "TO") && words.get(idx + 1).is_some_and(|t| t.upos == "VERB") {
        main = Some(idx + 1);
        // "is prepared to lift", "was forced to withdraw": the verb after
        // "to" is active, its subject the group's subject.
        passive = false;
        idx += 2;
    }
    // A group of auxiliaries alone is a copula or an elliptic verb ("is", "will").
    let head = main.or(last_aux)?;
    Some(Chunk { kind: ChunkKind::VerbGroup, start, end: idx.max(head + 1), head, passive, negated, modal })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses "word/UPOS/XPOS ..." test sentences.
    fn tagged(sentence: &str) -> Vec<Tagged<'_>> {
        sentence
            .split(' ')
            .map(|w| {
                let mut parts = w.rsplitn(3, '/');
                let xpos = parts.next().unwrap();
                let upos = parts.next().unwrap();
                Tagged { word: parts.next().unwrap(), upos, xpos }
            })
            .collect()
    }

    fn show(sentence: &str) -> String {
        let words = tagged(sentence);
        chunk(&words)
            .iter()
            .map(|c| {
                let text: Vec<&str> = words[c.start..c.end].iter().map(|w| w.word).collect();
                let mut flags = String::new();
                if c.passive {
                    flags.push_str(" passive");
                }
                if c.negated {
                    flags.push_str(" neg");
                }
                if let Some(m) = c.modal {
                    flags.push_str(&format!(" modal={}", words[m].word));
                }
                format!("[{} {} <{}>{}]", c.kind.code(), text.join(" "), words[c.head].word, flags)
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn titles_and_names_are_one_phrase() {
        assert_eq!(
            show("Russian/ADJ/JJ Deputy/PROPN/NNP Foreign/PROPN/NNP Minister/PROPN/NNP Sergey/PROPN/NNP Ryabkov/PROPN/NNP said/VERB/VBD"),
            "[NP Russian Deputy Foreign Minister Sergey Ryabkov <Ryabkov>] [VG said <said>]"
        );
    }

    #[test]
    fn passive_negated_and_modal_groups() {
        assert_eq!(
            show("The/DET/DT talks/NOUN/NNS were/AUX/VBD not/PART/RB postponed/VERB/VBN by/ADP/IN Russia/PROPN/NNP"),
            "[NP The talks <talks>] [VG were not postponed <postponed> passive neg] [NP Russia <Russia>]"
        );
        assert_eq!(
            show("NATO/PROPN/NNP will/AUX/MD reinforce/VERB/VB its/PRON/PRP$ eastern/ADJ/JJ flank/NOUN/NN"),
            "[NP NATO <NATO>] [VG will reinforce <reinforce> modal=will] [NP its eastern flank <flank>]"
        );
        assert_eq!(
            show("Moscow/PROPN/NNP wants/VERB/VBZ to/PART/TO meet/VERB/VB"),
            "[NP Moscow <Moscow>] [VG wants to meet <meet>]"
        );
    }

    #[test]
    fn participles_as_adjectives_and_after_passives() {
        assert_eq!(
            show("Spain/PROPN/NNP cancelled/VERB/VBD a/DET/DT planned/VERB/VBN visit/NOUN/NN"),
            "[NP Spain <Spain>] [VG cancelled <cancelled>] [NP a planned visit <visit>]"
        );
        assert_eq!(
            show("Zambia/PROPN/NNP extradited/VERB/VBD suspected/VERB/VBN militants/NOUN/NNS"),
            "[NP Zambia <Zambia>] [VG extradited <extradited>] [NP suspected militants <militants>]"
        );
        // "began shelling positions" keeps its verb.
        assert_eq!(
            show("The/DET/DT army/NOUN/NN began/VERB/VBD shelling/VERB/VBG positions/NOUN/NNS"),
            "[NP The army <army>] [VG began <began>] [VG shelling <shelling>] [NP positions <positions>]"
        );
        // After "to" the verb is active.
        assert_eq!(
            show("Algeria/PROPN/NNP is/AUX/VBZ prepared/VERB/VBN to/PART/TO lift/VERB/VB"),
            "[NP Algeria <Algeria>] [VG is prepared to lift <lift>]"
        );
    }

    #[test]
    fn hyphenated_participles_modify_the_noun() {
        assert_eq!(
            show("Vietnamese/ADJ/JJ -/PUNCT/HYPH led/VERB/VBN forces/NOUN/NNS attacked/VERB/VBD"),
            "[NP Vietnamese - led forces <forces>] [VG attacked <attacked>]"
        );
        assert_eq!(show("the/DET/DT state/NOUN/NN -/PUNCT/HYPH run/VERB/VBN media/NOUN/NNS"), "[NP the state - run media <media>]");
    }

    #[test]
    fn adjectives_for_people_head_their_phrase() {
        assert_eq!(
            show("Helicopters/NOUN/NNS evacuated/VERB/VBD the/DET/DT wounded/ADJ/JJ from/ADP/IN the/DET/DT town/NOUN/NN"),
            "[NP Helicopters <Helicopters>] [VG evacuated <evacuated>] [NP the wounded <wounded>] [NP the town <town>]"
        );
        assert_eq!(show("the/DET/DT committee/NOUN/NN was/AUX/VBD unhappy/ADJ/JJ"), "[NP the committee <committee>] [VG was <was>]");
    }

    #[test]
    fn coordination_and_possessives() {
        assert_eq!(
            show("Lawmakers/NOUN/NNS in/ADP/IN Kyiv/PROPN/NNP and/CCONJ/CC Warsaw/PROPN/NNP welcomed/VERB/VBD Russia/PROPN/NNP 's/PART/POS offer/NOUN/NN"),
            "[NP Lawmakers <Lawmakers>] [NP Kyiv <Kyiv>] [NP Warsaw <Warsaw>] [VG welcomed <welcomed>] [NP Russia 's offer <offer>]"
        );
        assert_eq!(show("He/PRON/PRP is/AUX/VBZ ready/ADJ/JJ"), "[NP He <He>] [VG is <is>]");
        // A hyphenated modifier stays inside its phrase; a dash between clauses does not join.
        assert_eq!(
            show("Egypt/PROPN/NNP lifted/VERB/VBD a/DET/DT week/NOUN/NN -/PUNCT/HYPH old/ADJ/JJ blockade/NOUN/NN"),
            "[NP Egypt <Egypt>] [VG lifted <lifted>] [NP a week - old blockade <blockade>]"
        );
        assert_eq!(
            show("the/DET/DT rebel/NOUN/NN -/PUNCT/HYPH held/VERB/VBN north/NOUN/NN"),
            "[NP the rebel - held north <north>]"
        );
        assert_eq!(
            show("The/DET/DT envoy/NOUN/NN -/PUNCT/HYPH tired/ADJ/JJ -/PUNCT/HYPH left/VERB/VBD"),
            "[NP The envoy <envoy>] [VG left <left>]"
        );
        assert!(chunk(&[]).is_empty());
    }
}
