//! Criterion benches of the pipeline's stages, one core, on a sample of the
//! benchmark corpus (`dyad::bench_corpus`: treebank documents and PolNeAR
//! articles read from `../shared/data`, or the folder in `DYAD_DATA`).
//! Without that data the benches run on the repository's own fixtures
//! (`testdata/fixtures/*.txt`), and say so.
//!
//! Run with `cargo bench -p dyad --bench stages`; `dyad bench` measures the
//! whole pipeline, several cores, cold start and ingest.

use std::path::PathBuf;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use dyad::bench_corpus::{read_corpus, BenchDocument};
use dyad::core::{InputFormat, Meta};
use dyad::ingest::{RawDocument, Truecaser};
use dyad::Pipeline;

/// Documents of each part of the corpus in the sample: enough words
/// (about 60,000) for stable figures, few enough for short runs.
const PER_PART: usize = 60;

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The sample: the first documents of the treebanks and of PolNeAR.
fn sample() -> Vec<BenchDocument> {
    let data = std::env::var_os("DYAD_DATA").map(PathBuf::from).unwrap_or_else(|| workspace().join("../shared/data"));
    match read_corpus(&data) {
        Ok(documents) => {
            let (articles, treebanks): (Vec<_>, Vec<_>) = documents.into_iter().partition(|d| d.id.starts_with("polnear/"));
            treebanks.into_iter().take(PER_PART).chain(articles.into_iter().take(PER_PART)).collect()
        }
        Err(e) => {
            eprintln!("benchmark corpus unavailable ({e}); benching on testdata/fixtures instead");
            let mut files: Vec<PathBuf> = std::fs::read_dir(workspace().join("testdata/fixtures"))
                .map(|dir| dir.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "txt")).collect())
                .unwrap_or_default();
            files.sort();
            files.into_iter().filter_map(|p| Some(BenchDocument { id: p.display().to_string(), text: std::fs::read_to_string(&p).ok()? })).collect()
        }
    }
}

fn raw(text: &str) -> RawDocument {
    RawDocument { text: text.to_string(), meta: Meta::new("-", InputFormat::Text), diagnostics: Vec::new() }
}

fn stages(c: &mut Criterion) {
    let documents = sample();
    let n_bytes: u64 = documents.iter().map(|d| d.text.len() as u64).sum();
    let pipeline = Pipeline::new();
    let truecaser = Truecaser::embedded();
    let analyses: Vec<_> = documents.iter().map(|d| pipeline.analyze_text(&d.text)).collect();
    let n_tokens: u64 = analyses.iter().map(|a| a.tokens.len() as u64).sum();
    // Sentences as words in their analysis form, as the tagger reads them.
    let sentences: Vec<Vec<String>> = analyses.iter().flat_map(dyad::bench_corpus::sentence_words).collect();
    let tagger = dyad_tag::Tagger::embedded();
    let recognizer = dyad_tag::ner::Recognizer::embedded();
    let tags: Vec<Vec<&str>> = sentences
        .iter()
        .map(|words| {
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            tagger.tag(&words).into_iter().map(|label| tagger.tag_of(label).upos).collect()
        })
        .collect();

    let mut group = c.benchmark_group("stages");
    group.sample_size(10).measurement_time(Duration::from_secs(5)).warm_up_time(Duration::from_secs(1));
    group.throughput(Throughput::ElementsAndBytes { elements: n_tokens, bytes: n_bytes });

    group.bench_function("prepare (segments, view, truecasing)", |b| {
        b.iter_batched(
            || documents.iter().map(|d| raw(&d.text)).collect::<Vec<_>>(),
            |raws| raws.into_iter().map(|r| dyad::ingest::prepare(r, &truecaser).text.len()).sum::<usize>(),
            BatchSize::LargeInput,
        )
    });
    let prepared: Vec<_> = documents.iter().map(|d| dyad::ingest::prepare(raw(&d.text), &truecaser)).collect();
    group.bench_function("tokens and sentences", |b| b.iter(|| prepared.iter().map(|d| dyad_text::sentences(d).1.len()).sum::<usize>()));
    group.bench_function("POS tagger", |b| {
        let mut buffers = dyad_tag::TagBuffers::default();
        b.iter(|| dyad::bench_corpus::tag_sentences(&tagger, &sentences, &mut buffers))
    });
    group.bench_function("entity recogniser (on tags)", |b| {
        let mut buffers = dyad_tag::ner::NerBuffers::default();
        let mut mentions = Vec::new();
        b.iter(|| {
            let mut n_found = 0;
            for (words, upos) in sentences.iter().zip(&tags) {
                let words: Vec<&str> = words.iter().map(String::as_str).collect();
                mentions.clear();
                recognizer.recognize_into(&words, upos, &mut buffers, &mut mentions);
                n_found += mentions.len();
            }
            n_found
        })
    });
    group.bench_function("analyze (whole pipeline)", |b| {
        b.iter(|| documents.iter().map(|d| pipeline.analyze_text(&d.text).events.len()).sum::<usize>())
    });
    group.bench_function("wire JSON (of analyses)", |b| {
        b.iter(|| analyses.iter().map(|a| serde_json::to_vec(&dyad_wire::AnalysisJson::from_analysis(a)).map_or(0, |json| json.len())).sum::<usize>())
    });
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
