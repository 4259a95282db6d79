//! A PETRARCH-style coder over a Treebank parse with PETRARCH dictionaries.
//!
//! Noun phrases are coded as actors (actor phrases, agents joined to them,
//! coordinated phrases giving several actors); each verb found in the verb
//! dictionary is tried against its block's patterns, in file order, the
//! words before `*` matched backwards from the verb, the words after it
//! forwards, `_` demanding adjacency and a space allowing words between;
//! the first pattern that matches gives the code, else the block's. The
//! source is a `$`/`%` bound by the pattern or the subject of the nearest
//! clause that has a coded one; the target a `+`/`%` or the first coded
//! noun phrase after the verb in its verb phrase; "by X" after a passive
//! verb makes X the source. `A:B` codes add the reverse event.

use std::collections::HashMap;

use super::dict::{Day, Dictionaries, PTok, Pattern, Tok};
use super::tree::Tree;

/// An event coded from a parse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Coded {
    /// Source actor code (`---` plus an agent when there is no country).
    pub source: String,
    /// Target actor code, `---` when there is none.
    pub target: String,
    /// The event code as the dictionary writes it.
    pub code: String,
    /// The verb (word index).
    pub verb: usize,
    /// The source's words.
    pub source_words: std::ops::Range<usize>,
    /// The target's words.
    pub target_words: std::ops::Range<usize>,
    /// Where the code came from: the pattern's file and line, or the block.
    pub rule: String,
    /// A readable reason.
    pub reason: String,
}

/// What coding a sentence gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Events (possibly none).
    Events(Vec<Coded>),
    /// A discard phrase occurs: `story` for story-level discards.
    Discarded {
        /// Story-level.
        story: bool,
        /// The phrase.
        phrase: String,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Actor(usize),
    Agent(usize),
}

#[derive(Clone, Copy, Debug)]
struct Mention {
    start: usize,
    end: usize,
    kind: Kind,
}

/// A coded noun phrase.
#[derive(Clone, Debug)]
struct Unit {
    start: usize,
    end: usize,
    codes: Vec<String>,
}

/// Binds made by a pattern.
#[derive(Clone, Debug, Default)]
struct Binds {
    source: Option<Unit>,
    target: Option<Unit>,
    compound_upper: Option<Unit>,
    compound_lower: Option<Unit>,
}

/// Codes sentences with a set of PETRARCH dictionaries (which it owns).
#[derive(Debug)]
pub struct Coder {
    dict: Dictionaries,
    /// First word → (phrase words, what) for actors and agents, longest first.
    index: HashMap<String, Vec<(Vec<String>, Kind)>>,
}

const BE: &[&str] = &["IS", "ARE", "WAS", "WERE", "BE", "BEEN", "BEING", "'S", "GET", "GOT", "GETS"];

impl Coder {
    /// Indexes the dictionaries.
    pub fn new(dict: Dictionaries) -> Coder {
        let mut index: HashMap<String, Vec<(Vec<String>, Kind)>> = HashMap::new();
        for (i, a) in dict.actors.iter().enumerate() {
            for p in &a.phrases {
                index.entry(p[0].clone()).or_default().push((p.clone(), Kind::Actor(i)));
            }
        }
        for (i, a) in dict.agents.iter().enumerate() {
            for p in &a.phrases {
                index.entry(p[0].clone()).or_default().push((p.clone(), Kind::Agent(i)));
            }
        }
        for list in index.values_mut() {
            // longest first; actors before agents of the same length
            list.sort_by_key(|(p, k)| (std::cmp::Reverse(p.len()), matches!(k, Kind::Agent(_))));
        }
        Coder { dict, index }
    }

    /// The dictionaries.
    pub fn dictionaries(&self) -> &Dictionaries {
        &self.dict
    }

    /// Codes one parsed sentence on a day.
    pub fn code(&self, tree: &Tree, day: Option<Day>) -> Outcome {
        if let Some(d) = self.discard(tree) {
            return d;
        }
        let s = Sentence { coder: self, tree, day, mentions: self.mentions(tree) };
        Outcome::Events(s.events())
    }

    fn discard(&self, tree: &Tree) -> Option<Outcome> {
        let mut found: Option<Outcome> = None;
        for d in &self.dict.discards {
            let n = d.words.len();
            if n == 0 || n > tree.upper.len() {
                continue;
            }
            if tree.upper.windows(n).any(|w| w == d.words.as_slice()) {
                let o = Outcome::Discarded { story: d.story, phrase: d.words.join(" ") };
                if d.story {
                    return Some(o);
                }
                found.get_or_insert(o);
            }
        }
        found
    }

    fn mentions(&self, tree: &Tree) -> Vec<Mention> {
        let w = &tree.upper;
        let mut out = Vec::new();
        let mut i = 0;
        while i < w.len() {
            let hit = self.index.get(w[i].as_str()).and_then(|list| {
                list.iter().find(|(p, _)| i + p.len() <= w.len() && w[i..i + p.len()] == p[..]).map(|(p, k)| (p.len(), *k))
            });
            match hit {
                Some((n, kind)) => {
                    out.push(Mention { start: i, end: i + n, kind });
                    i += n;
                }
                None => i += 1,
            }
        }
        out
    }
}

/// Tags of words that join coordinated actors or agents.
fn is_joiner(tag: &str, word: &str) -> bool {
    tag == "CC" || word == "," || word == "NOR" || word == "NEITHER" || word == "EITHER"
}

struct Sentence<'c> {
    coder: &'c Coder,
    tree: &'c Tree,
    day: Option<Day>,
    mentions: Vec<Mention>,
}

impl Sentence<'_> {
    fn actor_codes(&self, i: usize) -> Vec<String> {
        self.coder.dict.actors[i].codes_on(self.day).map(|c| c.to_vec()).unwrap_or_default()
    }

    /// Words of a noun phrase that speak about it: the node's words less
    /// clauses, verb phrases, parentheticals and prepositional phrases
    /// other than of/in/from/at.
    fn np_words(&self, n: usize, keep: &mut Vec<bool>) {
        let t = self.tree;
        for &c in &t.nodes[n].children {
            let label = t.label(c);
            let drop = matches!(label, "S" | "SBAR" | "VP" | "PRN" | "RRC" | "SINV" | "UCP")
                || label == "PP" && {
                    let first = t.nodes[c].start;
                    !matches!(t.upper.get(first).map(String::as_str), Some("OF" | "IN" | "FROM" | "AT"))
                };
            if drop {
                for k in t.nodes[c].start..t.nodes[c].end {
                    keep[k] = false;
                }
            } else if t.nodes[c].word.is_none() {
                self.np_words(c, keep);
            }
        }
    }

    /// The codes of a noun phrase (several for a coordination).
    fn np_codes(&self, n: usize) -> Vec<String> {
        let t = self.tree;
        let node = &t.nodes[n];
        let kids = &node.children;
        let nps: Vec<usize> = kids.iter().copied().filter(|&c| t.label(c) == "NP").collect();
        let coordinated = nps.len() >= 2
            && kids.iter().any(|&c| matches!(t.label(c), "CC" | ","))
            && kids.iter().all(|&c| matches!(t.label(c), "NP" | "CC" | "," | "DT" | ":" | "ADVP"));
        if coordinated {
            let mut out = Vec::new();
            for c in nps {
                for code in self.np_codes(c) {
                    if !out.contains(&code) {
                        out.push(code);
                    }
                }
            }
            return out;
        }
        let mut keep = vec![false; t.words.len()];
        for k in node.start..node.end {
            keep[k] = true;
        }
        self.np_words(n, &mut keep);
        let inside: Vec<&Mention> =
            self.mentions.iter().filter(|m| m.start >= node.start && m.end <= node.end && (m.start..m.end).all(|k| keep[k])).collect();
        // "former officials": CAMEO's elites (ELI) in place of the office.
        let former = (node.start..node.end).any(|k| keep[k] && t.upper[k] == "FORMER");
        self.combine(&inside, former)
    }

    /// Joins actors and agents found in one noun phrase.
    fn combine(&self, inside: &[&Mention], former: bool) -> Vec<String> {
        let t = self.tree;
        let joined = |a: &Mention, b: &Mention| {
            (a.end..b.start).any(|k| is_joiner(&t.tags[k], &t.upper[k]))
                && !(a.end..b.start).any(|k| t.tags[k].starts_with("NN") || t.tags[k] == "POS")
        };
        // Actors: the first, and those coordinated with it.
        let mut actors: Vec<&Mention> = Vec::new();
        for m in inside.iter().filter(|m| matches!(m.kind, Kind::Actor(_))) {
            match actors.last() {
                None => actors.push(m),
                Some(prev) if joined(prev, m) => actors.push(m),
                Some(_) => {}
            }
        }
        // Agents: groups split at coordinations.
        let mut groups: Vec<Vec<&Mention>> = Vec::new();
        for m in inside.iter().filter(|m| matches!(m.kind, Kind::Agent(_))) {
            match groups.last_mut() {
                Some(g) if !joined(g[g.len() - 1], m) => g.push(m),
                _ => groups.push(vec![m]),
            }
        }
        // "Danish Islamist media and government": the agents before the
        // last of the first group apply to every group.
        if groups.len() > 1 && groups[0].len() > 1 {
            let shared: Vec<&Mention> = groups[0][..groups[0].len() - 1].to_vec();
            for g in groups.iter_mut().skip(1) {
                let mut joined = shared.clone();
                joined.extend(g.iter().copied());
                *g = joined;
            }
        }
        let agent = |m: &Mention| match m.kind {
            Kind::Agent(i) => &self.coder.dict.agents[i],
            Kind::Actor(_) => unreachable!("only agents are grouped"),
        };
        let mut out: Vec<String> = Vec::new();
        let mut push = |code: String| {
            if !code.is_empty() && !out.contains(&code) {
                out.push(code);
            }
        };
        let mut bases: Vec<String> = Vec::new();
        for a in &actors {
            if let Kind::Actor(i) = a.kind {
                bases.extend(self.actor_codes(i));
            }
        }
        if bases.is_empty() {
            if groups.is_empty() {
                return Vec::new();
            }
            bases.push("---".to_string());
        }
        if former && !groups.is_empty() {
            for base in &bases {
                push(format!("{base}ELI"));
            }
            return out;
        }
        for base in &bases {
            if groups.is_empty() {
                push(base.clone());
                continue;
            }
            for g in &groups {
                let mut pre = String::new();
                let mut code = base.clone();
                for m in g {
                    let a = agent(m);
                    let has = code.len() >= 6 && (3..code.len()).step_by(3).any(|k| code.get(k..k + a.code.len()) == Some(a.code.as_str()));
                    if has {
                        continue;
                    }
                    if a.prefix {
                        pre.push_str(&a.code);
                    } else {
                        code.push_str(&a.code);
                    }
                }
                push(format!("{pre}{code}"));
            }
        }
        out
    }

    /// Coded noun phrases inside `a..b`, outermost first, in text order.
    fn units(&self, a: usize, b: usize) -> Vec<Unit> {
        let mut out = Vec::new();
        self.collect_units(0, a, b, &mut out);
        out
    }

    fn collect_units(&self, n: usize, a: usize, b: usize, out: &mut Vec<Unit>) {
        let t = self.tree;
        let node = &t.nodes[n];
        if node.end <= a || node.start >= b {
            return;
        }
        if t.label(n) == "NP" && node.start >= a && node.end <= b {
            let codes = self.np_codes(n);
            if !codes.is_empty() {
                out.push(Unit { start: node.start, end: node.end, codes });
                return;
            }
        }
        for &c in &node.children {
            self.collect_units(c, a, b, out);
        }
    }

    /// `^` going forwards from `pos`: the end of the noun phrase the
    /// position is inside, else of the next base noun phrase.
    fn skip_np(&self, pos: usize, end: usize, adjacent: bool) -> Option<usize> {
        let t = self.tree;
        let np = |n: &&super::tree::Node| n.label == "NP" && n.start < n.end && n.end <= end;
        if pos > 0 {
            if let Some(n) = t.nodes.iter().filter(np).filter(|n| n.start < pos && pos < n.end).min_by_key(|n| n.end - n.start) {
                return Some(n.end);
            }
        }
        t.nodes
            .iter()
            .filter(np)
            .filter(|n| if adjacent { n.start == pos } else { n.start >= pos })
            .min_by_key(|n| (n.start, n.end - n.start))
            .map(|n| n.end)
    }

    /// `^` going backwards from `pos`: the start of the base noun phrase
    /// that ends there or before.
    fn skip_np_back(&self, pos: usize, start: usize, adjacent: bool) -> Option<usize> {
        let t = self.tree;
        t.nodes
            .iter()
            .filter(|n| n.label == "NP" && n.start < n.end && n.start >= start)
            .filter(|n| if adjacent { n.end == pos } else { n.end <= pos })
            .max_by_key(|n| (n.end, std::cmp::Reverse(n.end - n.start)))
            .map(|n| n.start)
    }

    /// The subject of the clause around a word: the nearest clause, going
    /// outwards, whose noun phrase before the verb phrase is coded.
    fn subject(&self, word: usize) -> Option<Unit> {
        let t = self.tree;
        let mut child = t.leaf[word];
        for anc in t.ancestors(t.leaf[word]) {
            if Tree::is_clause(t.label(anc)) {
                let kids = &t.nodes[anc].children;
                let pos = kids.iter().position(|&k| k == child).unwrap_or(0);
                if let Some(&k) = kids[..pos].iter().rev().find(|&&k| t.label(k) == "NP") {
                    let codes = self.np_codes(k);
                    if !codes.is_empty() {
                        return Some(Unit { start: t.nodes[k].start, end: t.nodes[k].end, codes });
                    }
                    // "it", "they": look further out; any other subject
                    // is this clause's own, and it is not an actor.
                    let node = &t.nodes[k];
                    let pronoun = node.end == node.start + 1 && t.tags[node.start].starts_with("PRP");
                    if !pronoun {
                        return None;
                    }
                }
            }
            child = anc;
        }
        None
    }

    fn events(&self) -> Vec<Coded> {
        let t = self.tree;
        let mut out: Vec<Coded> = Vec::new();
        for i in 0..t.words.len() {
            if !t.tags[i].starts_with("VB") {
                continue;
            }
            let Some(forms) = self.coder.dict.verbs.forms.get(t.upper[i].as_str()) else {
                continue;
            };
            let Some(form) = forms.iter().find(|f| {
                i >= f.before.len()
                    && t.upper[i - f.before.len()..i] == *f.before
                    && i + 1 + f.after.len() <= t.words.len()
                    && t.upper[i + 1..i + 1 + f.after.len()] == *f.after
            }) else {
                continue;
            };
            // The verb phrase the verb heads.
            let Some(vp) = t.nodes[t.leaf[i]].parent.filter(|&p| t.label(p) == "VP") else {
                continue;
            };
            let block = &self.coder.dict.verbs.blocks[form.block];
            let low = (i + 1 + form.after.len(), t.nodes[vp].end.max(i + 1 + form.after.len()));
            let up = (0, i - form.before.len());
            let mut binds = Binds::default();
            let mut rule = block.origin.clone();
            let mut code = form.code.clone().unwrap_or_else(|| block.code.clone());
            let mut why = format!("verb {:?} in block {:?} [{}]", t.words[i], block.label, code);
            for p in &block.patterns {
                let mut b = Binds::default();
                if self.match_pattern(p, up, low, &mut b) {
                    binds = b;
                    code = p.code.clone();
                    rule = p.origin.clone();
                    why = format!("verb {:?} matched pattern at {} [{}]", t.words[i], p.origin, code);
                    break;
                }
            }
            if code.starts_with("---") || code.is_empty() {
                continue;
            }
            let (main, reverse) = match code.split_once(':') {
                Some((a, b)) => (a.to_string(), Some(b.to_string())),
                None => (code.clone(), None),
            };
            let passive = t.tags[i] == "VBN" && (i.saturating_sub(3)..i).any(|k| BE.contains(&t.upper[k].as_str()));
            let mut sources: Vec<Unit> = Vec::new();
            let mut targets: Vec<Unit> = Vec::new();
            let mut pairs_within: Option<Unit> = None;
            if let Some(u) = binds.compound_upper.clone() {
                if binds.source.is_none() && binds.target.is_none() {
                    pairs_within = Some(u);
                } else {
                    sources.push(u);
                }
            }
            if let Some(u) = binds.source.clone() {
                sources.push(u);
            }
            if let Some(u) = binds.target.clone().or(binds.compound_lower.clone()) {
                targets.push(u);
            }
            if let Some(u) = pairs_within {
                // `% *`: the parts of a compound subject act on each other.
                for a in &u.codes {
                    for b in &u.codes {
                        if a != b {
                            out.push(Coded {
                                source: a.clone(),
                                target: b.clone(),
                                code: main.clone(),
                                verb: i,
                                source_words: u.start..u.end,
                                target_words: u.start..u.end,
                                rule: rule.clone(),
                                reason: why.clone(),
                            });
                        }
                    }
                }
                continue;
            }
            if passive && sources.is_empty() && targets.is_empty() {
                let by = (low.0..low.1).find(|&k| t.upper[k] == "BY");
                if let Some(by) = by {
                    if let Some(agent) = self.units(by + 1, low.1).into_iter().find(|u| u.start == by + 1) {
                        sources.push(agent);
                        if let Some(s) = self.subject(i) {
                            targets.push(s);
                        }
                        why.push_str("; passive: the actor after \"by\" is the source");
                    }
                }
            }
            if sources.is_empty() {
                match self.subject(i) {
                    Some(s) => sources.push(s),
                    None => continue,
                }
            }
            if targets.is_empty() {
                let src = &sources[0];
                if let Some(u) = self.units(low.0, low.1).into_iter().find(|u| u.end <= src.start || u.start >= src.end) {
                    targets.push(u);
                }
            }
            // PETRARCH's records expect no event without a target.
            if targets.is_empty() {
                continue;
            }
            let source_codes: Vec<(&String, &Unit)> = sources.iter().flat_map(|u| u.codes.iter().map(move |c| (c, u))).collect();
            let target_codes: Vec<(&String, &Unit)> = targets.iter().flat_map(|u| u.codes.iter().map(move |c| (c, u))).collect();
            for &(s, su) in &source_codes {
                for &(tg, tu) in &target_codes {
                    if s == tg {
                        continue;
                    }
                    let event = |source: &String, target: &String, code: &String, sw: &Unit, tw: &Unit, reason: String| Coded {
                        source: source.clone(),
                        target: target.clone(),
                        code: code.clone(),
                        verb: i,
                        source_words: sw.start..sw.end,
                        target_words: tw.start..tw.end,
                        rule: rule.clone(),
                        reason,
                    };
                    out.push(event(s, tg, &main, su, tu, why.clone()));
                    if let Some(rev) = &reverse {
                        if !rev.starts_with("---") {
                            out.push(event(tg, s, rev, tu, su, format!("{why}; reverse event")));
                        }
                    }
                }
            }
        }
        let mut seen = std::collections::HashSet::new();
        out.retain(|c| seen.insert((c.source.clone(), c.target.clone(), c.code.clone())));
        out
    }

    fn match_pattern(&self, p: &Pattern, up: (usize, usize), low: (usize, usize), binds: &mut Binds) -> bool {
        let lower_ok = self.match_fwd(&p.lower, 0, low.0, low.1, binds, 0);
        lower_ok && self.match_back(&p.upper, p.upper.len(), up.1, up.0, binds, 0)
    }

    /// Matches `toks[k..]` forwards from `pos` (before `end`).
    fn match_fwd(&self, toks: &[PTok], k: usize, pos: usize, end: usize, binds: &mut Binds, depth: usize) -> bool {
        let Some(tok) = toks.get(k) else {
            return true;
        };
        if depth > 64 || pos > end {
            return false;
        }
        let starts: Vec<usize> = if tok.adjacent { vec![pos] } else { (pos..end).collect() };
        match &tok.tok {
            Tok::Word(w) => {
                for p in starts {
                    if p < end && self.tree.upper[p] == *w && self.match_fwd(toks, k + 1, p + 1, end, binds, depth + 1) {
                        return true;
                    }
                }
                false
            }
            Tok::Syn(name) => {
                for p in starts {
                    for after in self.syn_walk(name, p, end, true, 0) {
                        if self.match_fwd(toks, k + 1, after, end, binds, depth + 1) {
                            return true;
                        }
                    }
                }
                false
            }
            Tok::SkipNp => match self.skip_np(pos, end, tok.adjacent) {
                Some(e) => self.match_fwd(toks, k + 1, e, end, binds, depth + 1),
                None => false,
            },
            Tok::Source | Tok::Target | Tok::Compound => {
                let units = self.units(pos, end);
                let next = units.into_iter().find(|u| if tok.adjacent { u.start == pos } else { u.start >= pos });
                let Some(u) = next else {
                    return false;
                };
                let e = u.end;
                let saved = binds.clone();
                match tok.tok {
                    Tok::Source => binds.source = Some(u),
                    Tok::Target => binds.target = Some(u),
                    _ => binds.compound_lower = Some(u),
                }
                if self.match_fwd(toks, k + 1, e, end, binds, depth + 1) {
                    return true;
                }
                *binds = saved;
                false
            }
        }
    }

    /// Where a synonym set's members can end when one starts at `p`
    /// (forwards, bounded by `limit` above), or start when one ends at `p`
    /// (backwards, bounded by `limit` below); members' words are adjacent.
    fn syn_walk(&self, name: &str, p: usize, limit: usize, forward: bool, depth: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let Some(members) = self.coder.dict.verbs.synsets.get(name) else {
            return out;
        };
        if depth > 4 {
            return out;
        }
        for m in members {
            let mut edges = vec![p];
            let toks: Box<dyn Iterator<Item = &PTok>> = if forward { Box::new(m.iter()) } else { Box::new(m.iter().rev()) };
            for tok in toks {
                let mut next = Vec::new();
                for &q in &edges {
                    match &tok.tok {
                        Tok::Word(w) if forward && q < limit && self.tree.upper[q] == *w => next.push(q + 1),
                        Tok::Word(w) if !forward && q > limit && self.tree.upper[q - 1] == *w => next.push(q - 1),
                        Tok::Syn(inner) => next.extend(self.syn_walk(inner, q, limit, forward, depth + 1)),
                        _ => {}
                    }
                }
                edges = next;
            }
            out.extend(edges);
        }
        // Longest members first.
        if forward {
            out.sort_by(|a, b| b.cmp(a));
        } else {
            out.sort();
        }
        out.dedup();
        out
    }

    /// Matches `toks[..k]` backwards, the element `k-1` ending at or
    /// before `pos` (exactly at `pos` when it is tied to what follows).
    fn match_back(&self, toks: &[PTok], k: usize, pos: usize, start: usize, binds: &mut Binds, depth: usize) -> bool {
        if k == 0 {
            return true;
        }
        if depth > 64 || pos < start {
            return false;
        }
        let tok = &toks[k - 1];
        let ends: Vec<usize> = if tok.adjacent { vec![pos] } else { (start + 1..=pos).rev().collect() };
        match &tok.tok {
            Tok::Word(w) => {
                for e in ends {
                    if e > start && self.tree.upper[e - 1] == *w && self.match_back(toks, k - 1, e - 1, start, binds, depth + 1) {
                        return true;
                    }
                }
                false
            }
            Tok::Syn(name) => {
                for e in ends {
                    for s in self.syn_walk(name, e, start, false, 0) {
                        if s < e && self.match_back(toks, k - 1, s, start, binds, depth + 1) {
                            return true;
                        }
                    }
                }
                false
            }
            Tok::SkipNp => match self.skip_np_back(pos, start, tok.adjacent) {
                Some(s) => self.match_back(toks, k - 1, s, start, binds, depth + 1),
                None => false,
            },
            Tok::Source | Tok::Target | Tok::Compound => {
                let units = self.units(start, pos);
                let prev = units.into_iter().rev().find(|u| if tok.adjacent { u.end == pos } else { u.end <= pos });
                let Some(u) = prev else {
                    return false;
                };
                let s = u.start;
                let saved = binds.clone();
                match tok.tok {
                    Tok::Source => binds.source = Some(u),
                    Tok::Target => binds.target = Some(u),
                    _ => binds.compound_upper = Some(u),
                }
                if self.match_back(toks, k - 1, s, start, binds, depth + 1) {
                    return true;
                }
                *binds = saved;
                false
            }
        }
    }
}
