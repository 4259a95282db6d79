//! `dyad bench`: single-core throughput of the pipeline and its stages.
//!
//! The corpus is built from the raw sentence texts (`# text`) of the EWT
//! and GUM dev and test treebanks, grouped into one document per treebank
//! document, so no text of ours or of `../shared` is stored. Each stage runs
//! on one thread, repeatedly, for at least `--seconds`; the figures are
//! tokens per second and documents per second of the fastest repetition
//! (the least disturbed by other work on the machine).

use std::io::Write;
use std::time::Instant;

use anyhow::Context;
use dyad::Pipeline;

use crate::flags::BenchFlags;
use crate::Outcome;

struct StageResult {
    name: &'static str,
    n_tokens: usize,
    n_documents: usize,
    seconds: f64,
    n_runs: usize,
}

/// Runs `stage` repeatedly for at least `min_seconds`; returns the fastest run.
fn measure(min_seconds: f64, stage: &mut dyn FnMut() -> usize) -> (f64, usize, usize) {
    std::hint::black_box(stage()); // warm-up: caches, page faults
    let started = Instant::now();
    let mut best = f64::INFINITY;
    let mut n_tokens = 0;
    let mut n_runs = 0;
    while n_runs < 3 || started.elapsed().as_secs_f64() < min_seconds {
        let run = Instant::now();
        n_tokens = std::hint::black_box(stage());
        best = best.min(run.elapsed().as_secs_f64());
        n_runs += 1;
    }
    (best, n_tokens, n_runs)
}

pub fn run(flags: BenchFlags) -> anyhow::Result<Outcome> {
    let mut documents: Vec<String> = Vec::new();
    for file in [
        "ud-english-ewt/en_ewt-ud-dev.conllu",
        "ud-english-ewt/en_ewt-ud-test.conllu",
        "ud-english-gum/en_gum-ud-dev.conllu",
        "ud-english-gum/en_gum-ud-test.conllu",
    ] {
        let path = flags.data.join(file);
        let conllu = std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
        let mut current_doc = String::new();
        for sentence in dyad_tag::conllu::read(&conllu, &|_| true) {
            if sentence.doc_id != current_doc || documents.is_empty() {
                current_doc = sentence.doc_id.clone();
                documents.push(String::new());
            }
            let document = documents.last_mut().expect("one pushed");
            document.push_str(&sentence.text);
            document.push('\n');
        }
    }
    let n_bytes: usize = documents.iter().map(String::len).sum();
    let pipeline = Pipeline::new();
    let analyses: Vec<_> = documents.iter().map(|d| pipeline.analyze_text(d)).collect();
    let tagger = dyad_tag::Tagger::embedded();
    let recognizer = dyad_tag::ner::Recognizer::embedded();
    let sentences: Vec<Vec<String>> = analyses
        .iter()
        .flat_map(|a| a.sentences.iter().map(move |s| a.sentence_tokens(s).iter().map(|t| t.norm(&a.document).to_string()).collect()))
        .collect();

    let mut results = Vec::new();
    let mut stage = |name: &'static str, run: &mut dyn FnMut() -> usize| {
        if flags.stage.as_deref().is_some_and(|wanted| !name.contains(wanted)) {
            return;
        }
        let (seconds, n_tokens, n_runs) = measure(flags.seconds, run);
        results.push(StageResult { name, n_tokens, n_documents: documents.len(), seconds, n_runs });
    };
    stage("analyze (segment, view, tokens, sentences, tags, lemmas, chunks, entities, events, quotes)", &mut || {
        documents.iter().map(|d| pipeline.analyze_text(d).tokens.len()).sum()
    });
    stage("tag (POS tagger alone, on tokens)", &mut || {
        sentences
            .iter()
            .map(|words| {
                let words: Vec<&str> = words.iter().map(String::as_str).collect();
                tagger.tag(&words).len()
            })
            .sum()
    });
    stage("tag + chunk + NER (on tokens)", &mut || {
        let mut tag_buffers = dyad_tag::TagBuffers::default();
        let mut ner_buffers = dyad_tag::ner::NerBuffers::default();
        let (mut labels, mut mentions, mut upos, mut tagged) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut n_found = 0;
        let mut n_tokens = 0;
        for words in &sentences {
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            tagger.tag_into(&words, &mut tag_buffers, &mut labels);
            upos.clear();
            tagged.clear();
            for (word, &label) in words.iter().zip(&labels) {
                let tag = tagger.tag_of(label);
                upos.push(tag.upos);
                tagged.push(dyad_tag::chunk::Tagged { word, upos: tag.upos, xpos: tag.xpos });
            }
            n_found += dyad_tag::chunk::chunk(&tagged).len();
            mentions.clear();
            recognizer.recognize_into(&words, &upos, &mut ner_buffers, &mut mentions);
            n_found += mentions.len();
            n_tokens += words.len();
        }
        std::hint::black_box(n_found);
        n_tokens
    });
    stage("analyze + JSON (wire format with tokens)", &mut || {
        documents
            .iter()
            .map(|d| {
                let analysis = pipeline.analyze_text(d);
                let json = serde_json::to_string(&dyad_wire::AnalysisJson::from_analysis(&analysis)).unwrap_or_default();
                std::hint::black_box(json.len());
                analysis.tokens.len()
            })
            .sum()
    });

    let mut out = std::io::stdout().lock();
    writeln!(out, "corpus: {} documents, {} bytes, from the EWT and GUM dev+test sentence texts; one thread", documents.len(), n_bytes)?;
    writeln!(out, "{:<58} {:>12} {:>10} {:>6}", "stage", "tokens/s", "docs/s", "runs")?;
    for r in &results {
        writeln!(out, "{:<58} {:>12.0} {:>10.0} {:>6}", r.name, r.n_tokens as f64 / r.seconds, r.n_documents as f64 / r.seconds, r.n_runs)?;
    }
    if let Some(path) = &flags.out {
        let json = serde_json::json!({
            "corpus": { "documents": documents.len(), "bytes": n_bytes },
            "threads": 1,
            "stages": results.iter().map(|r| serde_json::json!({
                "stage": r.name, "tokens": r.n_tokens, "documents": r.n_documents,
                "best_seconds": r.seconds, "runs": r.n_runs,
                "tokens_per_second": r.n_tokens as f64 / r.seconds,
                "documents_per_second": r.n_documents as f64 / r.seconds,
            })).collect::<Vec<_>>(),
        });
        std::fs::write(path, serde_json::to_string_pretty(&json)?).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(Outcome::Ok)
}
