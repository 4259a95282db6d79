//! PETRARCH dictionaries on dyad's own analysis: each sentence's tags and
//! chunks become a shallow Treebank-style tree (noun phrases, "X of Y" and
//! coordinated noun phrases joined, one verb phrase per verb group running
//! to the next), the [`Coder`] codes it, and its events become dyad events
//! with spans, CAMEO and PLOVER fields, modality and a reason.

use dyad_core::{Analysis, ChunkKind, Event, EventActor, Modality, Provenance, Span, Token};

use super::coder::Coder;
use super::tree::{Node, Tree};
use crate::ontology::Ontology;

/// A piece of the tree under construction.
enum Piece {
    Word(usize),
    Phrase(&'static str, Vec<Piece>),
}

impl Piece {
    fn is_np(&self) -> bool {
        matches!(self, Piece::Phrase("NP", _))
    }
}

/// The shallow tree of one sentence; word `i` is token `first + i`.
pub fn sentence_tree(analysis: &Analysis, sentence: usize) -> Tree {
    let mut tree = Tree::default();
    let Some(s) = analysis.sentences.get(sentence) else {
        return tree;
    };
    let range = s.tokens.clone();
    let doc = &analysis.document;
    let tag = |t: usize| analysis.pos.get(t).map_or("NN", |p| p.xpos);
    // Chunks of the sentence, sentence-relative.
    let chunks: Vec<(ChunkKind, usize, usize)> = analysis
        .chunks
        .iter()
        .filter(|c| c.tokens.start >= range.start && c.tokens.end <= range.end && !c.tokens.is_empty())
        .map(|c| (c.kind, c.tokens.start - range.start, c.tokens.end - range.start))
        .collect();
    let n = range.len();
    // 1. Words and noun phrases in order; verb groups marked.
    let mut items: Vec<Piece> = Vec::new();
    let mut i = 0;
    let mut ci = 0;
    while i < n {
        while ci < chunks.len() && chunks[ci].1 < i {
            ci += 1;
        }
        match chunks.get(ci) {
            Some(&(kind, a, b)) if a == i => {
                let words = (a..b).map(Piece::Word).collect();
                match kind {
                    ChunkKind::NounPhrase => items.push(Piece::Phrase("NP", words)),
                    ChunkKind::VerbGroup => items.push(Piece::Phrase("VG", words)),
                }
                i = b;
                ci += 1;
            }
            _ => {
                items.push(Piece::Word(i));
                i += 1;
            }
        }
    }
    let word_is = |p: &Piece, words: &[&str]| match p {
        Piece::Word(w) => words.iter().any(|x| analysis.tokens[range.start + w].norm(doc).eq_ignore_ascii_case(x)),
        _ => false,
    };
    // 2. "X of Y": one noun phrase with a prepositional phrase.
    let mut joined: Vec<Piece> = Vec::new();
    for p in items {
        joined.push(p);
        loop {
            let len = joined.len();
            if len >= 3 && joined[len - 3].is_np() && word_is(&joined[len - 2], &["of", "in", "from"]) && joined[len - 1].is_np() {
                let np2 = joined.pop().expect("three pieces");
                let prep = joined.pop().expect("three pieces");
                let np1 = joined.pop().expect("three pieces");
                joined.push(Piece::Phrase("NP", vec![np1, Piece::Phrase("PP", vec![prep, np2])]));
                continue;
            }
            // "A and B", "A, B and C": coordinated noun phrases.
            if len >= 3 && joined[len - 3].is_np() && word_is(&joined[len - 2], &["and", "or", "nor", ","]) && joined[len - 1].is_np() {
                let b = joined.pop().expect("three pieces");
                let cc = joined.pop().expect("three pieces");
                let a = joined.pop().expect("three pieces");
                let mut kids = match a {
                    Piece::Phrase("NP", k) if k.iter().any(|x| x.is_np()) && k.iter().all(|x| x.is_np() || word_is(x, &["and", "or", "nor", ","])) => k,
                    a => vec![a],
                };
                kids.push(cc);
                kids.push(b);
                joined.push(Piece::Phrase("NP", kids));
                continue;
            }
            break;
        }
    }
    // 3. A verb phrase from each verb group to the next.
    let mut clause: Vec<Piece> = Vec::new();
    let mut vp: Option<Vec<Piece>> = None;
    for p in joined {
        match p {
            Piece::Phrase("VG", words) => {
                if let Some(done) = vp.take() {
                    clause.push(Piece::Phrase("VP", done));
                }
                vp = Some(words);
            }
            p => match vp.as_mut() {
                Some(v) => v.push(p),
                None => clause.push(p),
            },
        }
    }
    if let Some(done) = vp {
        clause.push(Piece::Phrase("VP", done));
    }
    // 4. Into the tree.
    fn add(tree: &mut Tree, piece: Piece, parent: usize, word: &dyn Fn(usize) -> (String, String)) {
        let id = tree.nodes.len();
        match piece {
            Piece::Word(w) => {
                let (tag, text) = word(w);
                let index = tree.words.len();
                tree.nodes.push(Node { label: tag.clone(), children: Vec::new(), parent: Some(parent), word: Some(index), start: index, end: index + 1 });
                tree.nodes[parent].children.push(id);
                tree.leaf.push(id);
                tree.tags.push(tag);
                tree.upper.push(text.to_uppercase());
                tree.words.push(text);
            }
            Piece::Phrase(label, kids) => {
                let start = tree.words.len();
                tree.nodes.push(Node { label: label.to_string(), children: Vec::new(), parent: Some(parent), word: None, start, end: start });
                tree.nodes[parent].children.push(id);
                for k in kids {
                    add(tree, k, id, word);
                }
                tree.nodes[id].end = tree.words.len();
            }
        }
    }
    tree.nodes.push(Node { label: "ROOT".into(), children: Vec::new(), parent: None, word: None, start: 0, end: 0 });
    let word = |w: usize| (tag(range.start + w).to_string(), analysis.tokens[range.start + w].norm(doc).to_string());
    add(&mut tree, Piece::Phrase("S", clause), 0, &word);
    tree.nodes[0].end = tree.words.len();
    tree
}

fn modality(analysis: &Analysis, token: usize) -> Modality {
    let Some(vg) = analysis.chunks.iter().find(|c| c.kind == ChunkKind::VerbGroup && c.tokens.contains(&token)) else {
        return Modality::Asserted;
    };
    if vg.negated {
        return Modality::Negated;
    }
    match vg.modal.map(|m| analysis.tokens[m].norm(&analysis.document).to_lowercase()) {
        Some(m) if matches!(m.as_str(), "will" | "shall" | "'ll" | "wo") => Modality::Future,
        Some(m) if m == "must" => Modality::Demanded,
        Some(_) => Modality::Conditional,
        None => Modality::Asserted,
    }
}

/// The events PETRARCH dictionaries give for an analysed document.
pub fn events(coder: &Coder, ontology: &Ontology, analysis: &Analysis) -> Vec<Event> {
    let day = analysis.document.meta.date.map(|d| d.year as u32 * 10_000 + d.month as u32 * 100 + d.day as u32);
    let mut out = Vec::new();
    for (si, sentence) in analysis.sentences.iter().enumerate() {
        let tree = sentence_tree(analysis, si);
        if tree.words.is_empty() {
            continue;
        }
        let super::coder::Outcome::Events(coded) = coder.code(&tree, day) else {
            continue;
        };
        let base = sentence.tokens.start;
        let actor = |words: &std::ops::Range<usize>, code: &str| {
            let tokens = base + words.start..base + words.end;
            let toks: &[Token] = analysis.tokens.get(tokens.clone()).unwrap_or(&[]);
            EventActor {
                span: Token::span_of(toks).unwrap_or(Span::new(0, 0)),
                text: Token::norm_of(toks, &analysis.document).to_string(),
                entity: analysis.mentions.iter().find(|m| m.tokens == tokens).map(|m| m.entity),
                code: Some(code.to_string()),
                reason: "PETRARCH actor and agent dictionaries".to_string(),
                tokens,
            }
        };
        for c in coded {
            let Some(entry) = ontology.event(&c.code) else {
                continue;
            };
            let trigger = base + c.verb..base + c.verb + 1;
            let source = actor(&c.source_words, &c.source);
            let target = actor(&c.target_words, &c.target);
            let reason = format!(
                "PETRARCH {}: {} → {} {}; source \"{}\" ({}), target \"{}\" ({})",
                c.rule, c.reason, entry.code, entry.name, source.text, c.source, target.text, c.target
            );
            let trigger_span = analysis.tokens[trigger.start].span;
            let how = modality(analysis, trigger.start);
            out.push(entry.event(source, Some(target), trigger, trigger_span, si, how, Provenance::new("event.petrarch", reason)));
        }
    }
    out
}

