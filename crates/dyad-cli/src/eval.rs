//! `dyad eval`: accuracy against annotated data in `../shared/data`.
//!
//! Figures are printed exactly as computed so notes can quote them.

use std::io::Write;
use std::path::Path;

use anyhow::Context;
use dyad_ingest::Truecaser;

use crate::eval_events::Bars;
use crate::flags::{EvalFlags, EvalTask};
use crate::Outcome;

pub fn run(flags: EvalFlags) -> anyhow::Result<Outcome> {
    match flags.task {
        EvalTask::Truecase { data, json, errors } => truecase(&data, json, errors),
        EvalTask::Pos { data, json, model, min_upos } => pos(&data, json, model.as_deref(), min_upos),
        EvalTask::Chunk { data, json } => chunk_eval(&data, json),
        EvalTask::Plover { data, json, errors, min_type, min_source, max_extra } => {
            crate::eval_events::plover(&data, json, errors, Bars { min_type, min_source, max_extra })
        }
        EvalTask::Quotes { data, split, json, errors, min_direct_content_f1, min_direct_speaker, min_source_f1 } => crate::eval_quotes::quotes(
            &data,
            &split,
            json,
            errors,
            crate::eval_quotes::Bars { min_direct_content_f1, min_direct_speaker, min_source_f1 },
        ),
        EvalTask::Times { data, json, errors, min_value_f1 } => {
            crate::eval_times::times(&data, json, errors, crate::eval_times::Bars { min_value_f1 })
        }
        EvalTask::Places { data, json, errors, min_accuracy, min_recall } => {
            crate::eval_places::places(&data, json, errors, crate::eval_places::Bars { min_accuracy, min_recall })
        }
        EvalTask::Ner { data, json, model, min_f1, min_f1_upper, errors } => {
            ner(&data, json, model.as_deref(), min_f1, min_f1_upper, errors)
        }
    }
}

/// Gold chunks read off a treebank sentence's dependency tree: a noun
/// phrase is a noun, proper noun, pronoun or number with the left
/// dependents that premodify it (determiners, possessives, adjectives,
/// compounds, flat names, titles, numbers, recursively); a verb group is a
/// verb with its auxiliaries, negation and adverbs between them, and a
/// particle. Words inside another phrase head none of their own.
fn gold_chunks(sentence: &dyad_tag::conllu::Sentence) -> Vec<(usize, usize, &'static str)> {
    let words = &sentence.words;
    let premodifier = |rel: &str| {
        matches!(rel.split(':').next().unwrap_or(""), "det" | "amod" | "compound" | "flat" | "nummod")
            || rel == "nmod:poss"
            || rel == "nmod:desc"
    };
    let inside = |idx: usize| {
        let w = &words[idx];
        w.head > 0 && w.head - 1 > idx && premodifier(&w.deprel)
    };
    // Leftmost word of the phrase headed by `head`, following premodifiers.
    fn leftmost(words: &[dyad_tag::conllu::Word], head: usize, keep: &dyn Fn(&str, usize) -> bool) -> usize {
        let mut left = head;
        for (idx, w) in words.iter().enumerate().take(head) {
            if w.head == head + 1 && keep(&w.deprel, idx) {
                left = left.min(leftmost(words, idx, keep));
            }
        }
        left
    }
    let mut chunks = Vec::new();
    for (idx, w) in words.iter().enumerate() {
        if matches!(w.upos.as_str(), "NOUN" | "PROPN" | "PRON" | "NUM") && !inside(idx) && w.xpos != "PRP$" {
            let keep = |rel: &str, i: usize| premodifier(rel) || rel == "case" && words[i].xpos == "POS" || rel == "advmod" && words[i].head > 0 && words[words[i].head - 1].upos == "ADJ";
            chunks.push((leftmost(words, idx, &keep), idx + 1, "NP"));
        } else if w.upos == "VERB" {
            let keep = |rel: &str, i: usize| matches!(rel, "aux" | "aux:pass") || (rel == "advmod" && i + 1 < idx) || words[i].form.eq_ignore_ascii_case("not") || words[i].form == "n't";
            let right = words.iter().enumerate().skip(idx + 1).take_while(|(_, r)| r.head == idx + 1 && r.deprel == "compound:prt").count();
            chunks.push((leftmost(words, idx, &keep), idx + 1 + right, "VG"));
        }
    }
    chunks
}

fn chunk_eval(data: &Path, json: bool) -> anyhow::Result<Outcome> {
    let tagger = dyad_tag::Tagger::embedded();
    let mut rows = Vec::new();
    for (name, conllu) in test_sets(data)? {
        let sentences = dyad_tag::conllu::read(&conllu, &|_| true);
        let mut counts = [SpanCounts::default(); 2];
        for sentence in &sentences {
            let forms: Vec<&str> = sentence.words.iter().map(|w| w.form.as_str()).collect();
            let tags: Vec<dyad_tag::Tag> = tagger.tag(&forms).into_iter().map(|l| tagger.tag_of(l)).collect();
            let tagged: Vec<dyad_tag::chunk::Tagged> =
                forms.iter().zip(&tags).map(|(word, t)| dyad_tag::chunk::Tagged { word, upos: t.upos, xpos: t.xpos }).collect();
            // Verb groups of main verbs only: the gold trees make a copula a
            // dependent of its predicate, not a group of its own.
            let predicted: Vec<(usize, usize, &str)> = dyad_tag::chunk::chunk(&tagged)
                .iter()
                .filter(|c| c.kind == dyad_tag::chunk::ChunkKind::NounPhrase || tags[c.head].upos == "VERB")
                .map(|c| (c.start, c.end, c.kind.code()))
                .collect();
            let gold = gold_chunks(sentence);
            for (idx, kind) in ["NP", "VG"].iter().enumerate() {
                let p: Vec<_> = predicted.iter().filter(|c| c.2 == *kind).collect();
                let g: Vec<_> = gold.iter().filter(|c| c.2 == *kind).collect();
                counts[idx].add(SpanCounts { gold: g.len(), predicted: p.len(), correct: p.iter().filter(|c| g.contains(c)).count() });
            }
        }
        rows.push((name, counts));
    }
    let mut out = std::io::stdout().lock();
    if json {
        let rows: Vec<serde_json::Value> = rows
            .iter()
            .flat_map(|(name, counts)| {
                ["NP", "VG"].iter().zip(counts).map(move |(kind, c)| {
                    serde_json::json!({"set": name, "kind": kind, "gold": c.gold, "predicted": c.predicted, "correct": c.correct,
                        "precision": c.precision(), "recall": c.recall(), "f1": c.f1()})
                })
            })
            .collect();
        writeln!(out, "{}", serde_json::to_string_pretty(&rows)?)?;
        return Ok(Outcome::Ok);
    }
    writeln!(out, "chunks against phrases read off the gold dependency trees, exact spans, predicted tags (VG: main verbs)")?;
    writeln!(out, "{:<10} {:<4} {:>7} {:>7} {:>8} {:>8} {:>8}", "set", "kind", "gold", "found", "P", "R", "F1")?;
    for (name, counts) in &rows {
        for (kind, c) in ["NP", "VG"].iter().zip(counts) {
            writeln!(out, "{:<10} {:<4} {:>7} {:>7} {:>8.3} {:>8.3} {:>8.3}", name, kind, c.gold, c.predicted, c.precision(), c.recall(), c.f1())?;
        }
    }
    Ok(Outcome::Ok)
}

/// Reads a model file for the rest of the process.
fn leak_file(path: &Path) -> anyhow::Result<&'static [u8]> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    // The process ends after evaluating: the model may live as long.
    Ok(Box::leak(bytes.into_boxed_slice()))
}

/// Exact-span matches per entity type.
#[derive(Debug, Default, Clone, Copy)]
struct SpanCounts {
    gold: usize,
    predicted: usize,
    correct: usize,
}

impl SpanCounts {
    fn add(&mut self, other: SpanCounts) {
        self.gold += other.gold;
        self.predicted += other.predicted;
        self.correct += other.correct;
    }
    fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }
    fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }
    fn f1(&self) -> f64 {
        f_score(self.precision(), self.recall())
    }
}

const NER_TYPES: [dyad_tag::ner::EntityKind; 3] =
    [dyad_tag::ner::EntityKind::Person, dyad_tag::ner::EntityKind::Organization, dyad_tag::ner::EntityKind::Location];

/// Scores the recogniser on labelled sentences: counts per type (PER, ORG, LOC).
fn score_ner(
    recognizer: &dyad_tag::ner::Recognizer,
    tagger: &dyad_tag::Tagger,
    truecaser: &Truecaser,
    sentences: &[dyad_tag::ner::data::Labelled],
    upper: bool,
    errors: &mut Vec<String>,
) -> [SpanCounts; 3] {
    let mut counts = [SpanCounts::default(); 3];
    // Document by document, as the pipeline sees text: names found in one
    // sentence are found again in the others.
    for document in sentences.chunk_by(|a, b| a.doc == b.doc) {
        let forms: Vec<Vec<String>> = document
            .iter()
            .map(|s| {
                let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
                if upper { truecaser.recase_upper(&words) } else { s.words.clone() }
            })
            .collect();
        let forms: Vec<Vec<&str>> = forms.iter().map(|f| f.iter().map(String::as_str).collect()).collect();
        let mut found: Vec<Vec<dyad_tag::ner::Mention>> = forms
            .iter()
            .map(|words| {
                let upos: Vec<&str> = tagger.tag(words).into_iter().map(|l| tagger.tag_of(l).upos).collect();
                recognizer.recognize(words, &upos)
            })
            .collect();
        dyad_tag::ner::propagate(&forms, &mut found);
        for ((sentence, forms), found) in document.iter().zip(&forms).zip(&found) {
            let predicted: Vec<(usize, usize, dyad_tag::ner::EntityKind)> = found.iter().map(|m| (m.start, m.end, m.kind)).collect();
            let gold = dyad_tag::ner::data::spans(&sentence.labels);
            let show = |m: &(usize, usize, dyad_tag::ner::EntityKind)| format!("{}:{}", m.2.code(), forms[m.0..m.1].join(" "));
            let missed: Vec<String> = gold.iter().filter(|m| !predicted.contains(m)).map(show).collect();
            let wrong: Vec<String> =
                predicted.iter().filter(|m| m.2 != dyad_tag::ner::EntityKind::Group && !gold.contains(m)).map(show).collect();
            if !missed.is_empty() || !wrong.is_empty() {
                errors.push(format!("{}\n  missed: {}\n  wrong:  {}", forms.join(" "), missed.join(" · "), wrong.join(" · ")));
            }
            for (idx, kind) in NER_TYPES.iter().enumerate() {
                let p: Vec<_> = predicted.iter().filter(|m| m.2 == *kind).collect();
                let g: Vec<_> = gold.iter().filter(|m| m.2 == *kind).collect();
                counts[idx].add(SpanCounts { gold: g.len(), predicted: p.len(), correct: p.iter().filter(|m| g.contains(m)).count() });
            }
        }
    }
    counts
}

fn ner(data: &Path, json: bool, model: Option<&Path>, min_f1: Option<f64>, min_f1_upper: Option<f64>, n_errors: usize) -> anyhow::Result<Outcome> {
    let recognizer = match model {
        None => dyad_tag::ner::Recognizer::embedded(),
        Some(path) => dyad_tag::ner::Recognizer::from_static(leak_file(path)?)?,
    };
    let tagger = dyad_tag::Tagger::embedded();
    let truecaser = Truecaser::embedded();
    let path = data.join("uner-english-ewt/en_ewt-ud-test.iob2");
    let sentences = dyad_tag::ner::data::read_iob2(&std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?);
    let mut rows = Vec::new();
    for upper in [false, true] {
        let started = std::time::Instant::now();
        let mut errors = Vec::new();
        let counts = score_ner(&recognizer, &tagger, &truecaser, &sentences, upper, &mut errors);
        for error in errors.iter().take(n_errors) {
            eprintln!("{error}");
        }
        let mut all = SpanCounts::default();
        counts.iter().for_each(|c| all.add(*c));
        rows.push((upper, counts, all, started.elapsed().as_secs_f64()));
    }
    let mut below = Vec::new();
    for (upper, _, all, _) in &rows {
        let bar = if *upper { min_f1_upper } else { min_f1 };
        if let Some(bar) = bar.filter(|&bar| all.f1() < bar) {
            below.push(format!("{}: F1 {:.3} < {bar:.3}", if *upper { "upper" } else { "as given" }, all.f1()));
        }
    }
    let outcome = if below.is_empty() {
        Outcome::Ok
    } else {
        anstream::eprintln!("dyad: named entities below the bar: {}", below.join(", "));
        Outcome::SomeFailed
    };
    let mut out = std::io::stdout().lock();
    let casing = |upper: bool| if upper { "upper" } else { "as given" };
    if json {
        let rows: Vec<serde_json::Value> = rows
            .iter()
            .flat_map(|(upper, counts, all, _)| {
                let names = NER_TYPES.iter().map(|k| k.code()).chain(std::iter::once("all"));
                names.zip(counts.iter().chain(std::iter::once(all))).map(move |(name, c)| {
                    serde_json::json!({
                        "set": "UNER EWT test", "casing": casing(*upper), "type": name, "gold": c.gold,
                        "predicted": c.predicted, "correct": c.correct,
                        "precision": c.precision(), "recall": c.recall(), "f1": c.f1(),
                    })
                })
            })
            .collect();
        writeln!(out, "{}", serde_json::to_string_pretty(&rows)?)?;
        return Ok(outcome);
    }
    writeln!(out, "named entities on UNER EWT test, exact spans (upper = upper-cased, then truecased)")?;
    writeln!(out, "{:<9} {:<5} {:>6} {:>6} {:>8} {:>8} {:>8} {:>10}", "casing", "type", "gold", "found", "P", "R", "F1", "sents/s")?;
    for (upper, counts, all, seconds) in &rows {
        let names = NER_TYPES.iter().map(|k| k.code()).chain(std::iter::once("all"));
        for (name, c) in names.zip(counts.iter().chain(std::iter::once(all))) {
            writeln!(
                out,
                "{:<9} {:<5} {:>6} {:>6} {:>8.3} {:>8.3} {:>8.3} {:>10.0}",
                casing(*upper),
                name,
                c.gold,
                c.predicted,
                c.precision(),
                c.recall(),
                c.f1(),
                sentences.len() as f64 / seconds.max(1e-9)
            )?;
        }
    }
    Ok(outcome)
}

/// Tagging accuracy over one test set.
#[derive(Debug, Default, Clone, Copy)]
struct PosScores {
    n_words: usize,
    n_upos: usize,
    n_xpos: usize,
    /// Lemmas right, from the predicted Penn tags.
    n_lemma: usize,
}

fn score_pos(
    tagger: &dyad_tag::Tagger,
    lemmatizer: &dyad_tag::Lemmatizer,
    truecaser: &Truecaser,
    sentences: &[dyad_tag::conllu::Sentence],
    upper: bool,
) -> PosScores {
    let mut scores = PosScores::default();
    for sentence in sentences {
        let mut forms: Vec<String> = sentence.words.iter().map(|w| w.form.clone()).collect();
        if upper {
            forms = truecaser.recase_upper(&forms.iter().map(String::as_str).collect::<Vec<_>>());
        }
        let words: Vec<&str> = forms.iter().map(String::as_str).collect();
        for ((word, form), label) in sentence.words.iter().zip(&words).zip(tagger.tag(&words)) {
            let tag = tagger.tag_of(label);
            scores.n_words += 1;
            scores.n_upos += usize::from(tag.upos == word.upos);
            scores.n_xpos += usize::from(tag.xpos == word.xpos);
            scores.n_lemma += usize::from(lemmatizer.lemma(form, tag.xpos) == word.lemma.as_str());
        }
    }
    scores
}

fn pos(data: &Path, json: bool, model: Option<&Path>, min_upos: Option<f64>) -> anyhow::Result<Outcome> {
    let tagger = match model {
        None => dyad_tag::Tagger::embedded(),
        Some(path) => dyad_tag::Tagger::from_static(leak_file(path)?)?,
    };
    let truecaser = Truecaser::embedded();
    let lemmatizer = dyad_tag::Lemmatizer::embedded();
    let mut rows = Vec::new();
    for (name, conllu) in test_sets(data)? {
        let sentences = dyad_tag::conllu::read(&conllu, &|_| true);
        for upper in [false, true] {
            let started = std::time::Instant::now();
            let scores = score_pos(&tagger, &lemmatizer, &truecaser, &sentences, upper);
            rows.push((name, upper, scores, started.elapsed().as_secs_f64()));
        }
    }
    let below: Vec<String> = rows
        .iter()
        .filter(|(_, upper, s, _)| !upper && min_upos.is_some_and(|bar| 100.0 * ratio(s.n_upos, s.n_words) < bar))
        .map(|(name, _, s, _)| format!("{name}: UPOS {:.2}%", 100.0 * ratio(s.n_upos, s.n_words)))
        .collect();
    let outcome = if below.is_empty() {
        Outcome::Ok
    } else {
        anstream::eprintln!("dyad: below the bar of {:.2}% UPOS: {}", min_upos.unwrap_or(0.0), below.join(", "));
        Outcome::SomeFailed
    };
    let mut out = std::io::stdout().lock();
    if json {
        let rows: Vec<serde_json::Value> = rows
            .iter()
            .map(|(name, upper, s, _)| {
                serde_json::json!({
                    "set": name, "casing": if *upper { "upper" } else { "as given" }, "words": s.n_words,
                    "upos_accuracy": ratio(s.n_upos, s.n_words), "xpos_accuracy": ratio(s.n_xpos, s.n_words),
                    "lemma_accuracy": ratio(s.n_lemma, s.n_words),
                })
            })
            .collect();
        writeln!(out, "{}", serde_json::to_string_pretty(&rows)?)?;
        return Ok(outcome);
    }
    writeln!(out, "part-of-speech tagging on gold words (upper = upper-cased, then truecased)")?;
    writeln!(out, "{:<10} {:<9} {:>7} {:>8} {:>8} {:>8} {:>12}", "set", "casing", "words", "UPOS", "XPOS", "lemma", "words/s")?;
    for (name, upper, s, seconds) in &rows {
        writeln!(
            out,
            "{:<10} {:<9} {:>7} {:>7.2}% {:>7.2}% {:>7.2}% {:>12.0}",
            name,
            if *upper { "upper" } else { "as given" },
            s.n_words,
            100.0 * ratio(s.n_upos, s.n_words),
            100.0 * ratio(s.n_xpos, s.n_words),
            100.0 * ratio(s.n_lemma, s.n_words),
            s.n_words as f64 / seconds.max(1e-9)
        )?;
    }
    Ok(outcome)
}

/// Casing agreement over the words of a test set.
#[derive(Debug, Default, Clone)]
struct CaseScores {
    /// Wrongly cased words: (original, truecased) → count.
    errors: std::collections::HashMap<(String, String), usize>,
    n_sentences: usize,
    n_words: usize,
    n_correct: usize,
    /// Words (not sentence-initial) capitalised in the original.
    n_gold_capitalised: usize,
    /// Words (not sentence-initial) the truecaser capitalised.
    n_predicted_capitalised: usize,
    /// Both.
    n_both_capitalised: usize,
}

impl CaseScores {
    fn accuracy(&self) -> f64 {
        ratio(self.n_correct, self.n_words)
    }
    fn precision(&self) -> f64 {
        ratio(self.n_both_capitalised, self.n_predicted_capitalised)
    }
    fn recall(&self) -> f64 {
        ratio(self.n_both_capitalised, self.n_gold_capitalised)
    }
    fn f1(&self) -> f64 {
        f_score(self.precision(), self.recall())
    }
}

/// The harmonic mean of precision and recall (0 when both are 0).
/// F1 of a precision and a recall (0 when both are 0).
pub(crate) fn f_score(precision: f64, recall: f64) -> f64 {
    if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) }
}

/// The EWT and GUM test treebanks, named.
fn test_sets(data: &Path) -> anyhow::Result<Vec<(&'static str, String)>> {
    let sets = [("EWT test", "ud-english-ewt/en_ewt-ud-test.conllu"), ("GUM test", "ud-english-gum/en_gum-ud-test.conllu")];
    sets.iter()
        .map(|(name, file)| {
            let path = data.join(file);
            let conllu = std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
            Ok((*name, conllu))
        })
        .collect()
}

/// `a / b`, 0 when `b` is 0.
pub(crate) fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// The letters of a whitespace-separated chunk, as written.
fn letters(chunk: &str) -> String {
    chunk.chars().filter(|c| c.is_alphabetic()).collect()
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Scores the truecaser on the `# text` lines of a CoNLL-U file.
fn score_conllu(truecaser: &Truecaser, conllu: &str) -> CaseScores {
    let mut scores = CaseScores::default();
    for text in conllu.lines().filter_map(|line| line.strip_prefix("# text = ")) {
        let gold: Vec<String> = text.split_whitespace().map(letters).collect();
        let n_letters: usize = gold.iter().map(|w| w.chars().count()).sum();
        let n_upper: usize = gold.iter().map(|w| w.chars().filter(|c| c.is_uppercase()).count()).sum();
        // Sentences already in capitals have no casing to recover.
        if n_letters == 0 || n_upper * 2 > n_letters {
            continue;
        }
        let predicted: Vec<String> = truecaser.truecase(&text.to_uppercase()).split_whitespace().map(letters).collect();
        if predicted.len() != gold.len() {
            continue; // upper-casing changed the word count (e.g. ß → SS): skip
        }
        scores.n_sentences += 1;
        let mut first_word = true;
        for (gold_word, predicted_word) in gold.iter().zip(&predicted) {
            if gold_word.is_empty() {
                continue;
            }
            scores.n_words += 1;
            if gold_word == predicted_word {
                scores.n_correct += 1;
            } else {
                *scores.errors.entry((gold_word.clone(), predicted_word.clone())).or_default() += 1;
            }
            if !first_word {
                let (g, p) = (is_capitalised(gold_word), is_capitalised(predicted_word));
                scores.n_gold_capitalised += usize::from(g);
                scores.n_predicted_capitalised += usize::from(p);
                scores.n_both_capitalised += usize::from(g && p);
            }
            first_word = false;
        }
    }
    scores
}

fn truecase(data: &Path, json: bool, n_errors: usize) -> anyhow::Result<Outcome> {
    let truecaser = Truecaser::embedded();
    let mut results = Vec::new();
    for (name, conllu) in test_sets(data)? {
        results.push((name, score_conllu(&truecaser, &conllu)));
    }
    let mut out = std::io::stdout().lock();
    if json {
        let rows: Vec<serde_json::Value> = results
            .iter()
            .map(|(name, s)| {
                serde_json::json!({
                    "set": name, "sentences": s.n_sentences, "words": s.n_words,
                    "accuracy": s.accuracy(), "capitalised_precision": s.precision(),
                    "capitalised_recall": s.recall(), "capitalised_f1": s.f1(),
                })
            })
            .collect();
        writeln!(out, "{}", serde_json::to_string_pretty(&rows)?)?;
        return Ok(Outcome::Ok);
    }
    writeln!(out, "truecasing of upper-cased test sentences (word casing as in the original)")?;
    writeln!(out, "{:<10} {:>9} {:>7} {:>9} {:>10} {:>7} {:>7}", "set", "sentences", "words", "accuracy", "cap. prec", "recall", "F1")?;
    for (name, s) in &results {
        writeln!(
            out,
            "{:<10} {:>9} {:>7} {:>8.2}% {:>9.2}% {:>6.2}% {:>7.3}",
            name,
            s.n_sentences,
            s.n_words,
            100.0 * s.accuracy(),
            100.0 * s.precision(),
            100.0 * s.recall(),
            s.f1()
        )?;
    }
    writeln!(out, "cap. = words after the first of their sentence written with a capital (names, titles, acronyms)")?;
    if n_errors > 0 {
        let mut errors: std::collections::HashMap<&(String, String), usize> = std::collections::HashMap::new();
        for (_, s) in &results {
            for (pair, n) in &s.errors {
                *errors.entry(pair).or_default() += n;
            }
        }
        let mut errors: Vec<_> = errors.into_iter().collect();
        errors.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        writeln!(out, "\nmost frequent errors (original → truecased: count)")?;
        for ((gold, predicted), n) in errors.into_iter().take(n_errors) {
            writeln!(out, "  {gold} → {predicted}: {n}")?;
        }
    }
    Ok(Outcome::Ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_count_casing_agreement() {
        let truecaser = Truecaser::from_lexicon("the\nmet\nin\nNATO\n");
        let conllu = "# text = Lena Ross met the NATO envoys in Oslo.\n# text = ALREADY IN CAPITALS HERE\n";
        let scores = score_conllu(&truecaser, conllu);
        assert_eq!(scores.n_sentences, 1);
        assert_eq!(scores.n_words, 8);
        // "envoys" is unknown and not a common-suffix word: capitalised wrongly.
        assert_eq!(scores.n_correct, 7);
        assert_eq!((scores.n_gold_capitalised, scores.n_predicted_capitalised, scores.n_both_capitalised), (3, 4, 3));
    }
}
