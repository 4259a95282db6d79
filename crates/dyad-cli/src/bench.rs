//! `dyad bench`: throughput of the pipeline and its stages, how it scales
//! over cores, the cold start of `dyad analyze` and the ingest rate into
//! SQLite, written as a table and as JSON so runs can be compared.
//!
//! The corpus is read at run time from `--data`: the sentence texts of the
//! EWT and GUM treebanks (train, dev and test), grouped into one document
//! per treebank document, and the PolNeAR training articles. Nothing of it
//! is stored in the repository. Each stage runs repeatedly for at least
//! `--seconds`; its figures are those of the fastest run (the least
//! disturbed by other work on the machine). The cold start and the ingest
//! run the `dyad` binary itself as a child process, as a user would.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::Context;
use dyad::Pipeline;
use rayon::prelude::*;

use crate::flags::BenchFlags;
use crate::Outcome;

use dyad::bench_corpus::BenchDocument as Document;

struct StageResult {
    name: String,
    threads: usize,
    n_tokens: usize,
    n_documents: usize,
    n_bytes: usize,
    seconds: f64,
    n_runs: usize,
}

impl StageResult {
    fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "stage": self.name, "threads": self.threads, "tokens": self.n_tokens, "documents": self.n_documents,
            "bytes": self.n_bytes, "best_seconds": self.seconds, "runs": self.n_runs,
            "tokens_per_second": self.n_tokens as f64 / self.seconds,
            "documents_per_second": self.n_documents as f64 / self.seconds,
            "bytes_per_second": self.n_bytes as f64 / self.seconds,
        })
    }
}

/// Runs `stage` repeatedly for at least `min_seconds` (and twice at
/// least); returns the fastest run's time, its token count and the runs.
fn measure(min_seconds: f64, stage: &mut dyn FnMut() -> usize) -> (f64, usize, usize) {
    std::hint::black_box(stage()); // warm-up: caches, page faults
    let started = Instant::now();
    let mut best = f64::INFINITY;
    let mut n_tokens = 0;
    let mut n_runs = 0;
    while n_runs < 2 || started.elapsed().as_secs_f64() < min_seconds {
        let run = Instant::now();
        n_tokens = std::hint::black_box(stage());
        best = best.min(run.elapsed().as_secs_f64());
        n_runs += 1;
    }
    (best, n_tokens, n_runs)
}

/// Peak resident memory of this process in MiB (`VmHWM`, Linux; `None`
/// elsewhere). It counts this program's own memory only: the peak that
/// `getrusage` reports for a child also counts the copy of its parent it
/// was before `exec`.
pub fn peak_memory_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.trim_start_matches("VmHWM:").trim().trim_end_matches("kB").trim().parse().ok()?;
    Some(kib / 1024.0)
}

/// A folder of ours under the system's temporary folder, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> anyhow::Result<Scratch> {
        let path = std::env::temp_dir().join(format!("dyad-bench-{}", std::process::id()));
        std::fs::create_dir_all(&path).with_context(|| format!("cannot create {}", path.display()))?;
        Ok(Scratch(path))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Runs `dyad` with `args`, its output discarded: the wall time in
/// seconds and the peak memory it reported.
fn time_child(dyad: &Path, args: &[&std::ffi::OsStr]) -> anyhow::Result<(f64, Option<f64>)> {
    let started = Instant::now();
    let output = Command::new(dyad)
        .args(args)
        .env("DYAD_REPORT_PEAK_MEMORY", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .context("cannot run dyad")?;
    let seconds = started.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&output.stderr);
    anyhow::ensure!(output.status.success(), "dyad {:?} failed: {}: {stderr}", args, output.status);
    let peak = stderr.lines().find_map(|l| l.strip_prefix("dyad: peak memory ")?.strip_suffix(" MiB")?.parse().ok());
    Ok((seconds, peak))
}

/// The cold start of `dyad analyze` on one article.
#[derive(serde::Serialize)]
struct ColdStart {
    article: String,
    words: usize,
    runs: usize,
    best_ms: f64,
    median_ms: f64,
    peak_rss_mib: Option<f64>,
}

/// Cold start: `dyad analyze --format json` on the corpus article nearest
/// to 1,000 words, as a fresh process each time.
fn cold_start(dyad: &Path, documents: &[Document], scratch: &Path) -> anyhow::Result<ColdStart> {
    let article = documents.iter().min_by_key(|d| word_count(&d.text).abs_diff(1000)).context("empty corpus")?;
    let path = scratch.join("article.txt");
    std::fs::write(&path, &article.text).with_context(|| format!("cannot write {}", path.display()))?;
    let mut times = Vec::new();
    let mut peak: Option<f64> = None;
    for _ in 0..11 {
        let (seconds, memory) = time_child(dyad, &["analyze".as_ref(), "--format".as_ref(), "json".as_ref(), path.as_os_str()])?;
        times.push(seconds);
        peak = [peak, memory].into_iter().flatten().reduce(f64::max);
    }
    times.remove(0); // the first run also reads the binary from disk
    times.sort_by(f64::total_cmp);
    Ok(ColdStart {
        article: article.id.clone(),
        words: word_count(&article.text),
        runs: times.len(),
        best_ms: times[0] * 1000.0,
        median_ms: times[times.len() / 2] * 1000.0,
        peak_rss_mib: peak,
    })
}

/// The article length of the ingest bar (issue 8: 2,000 articles/s of
/// about 600 words on two cores).
const BAR_ARTICLE_WORDS: f64 = 600.0;

/// Ingest runs of each set of documents; the fastest counts.
const INGEST_RUNS: usize = 3;

/// `dyad ingest` of a set of documents.
#[derive(serde::Serialize)]
struct Ingest {
    /// Which documents: the whole corpus, or its news articles.
    set: &'static str,
    documents: usize,
    mean_words: f64,
    threads: usize,
    runs: usize,
    seconds: f64,
    documents_per_second: f64,
    words_per_second: f64,
    /// Words per second over [`BAR_ARTICLE_WORDS`]: the rate in articles
    /// of the bar's length.
    articles_per_second_at_600_words: f64,
    database_bytes: Option<u64>,
    peak_rss_mib: Option<f64>,
}

/// Ingest: the documents as one text file each, stored by `dyad ingest`
/// into a new SQLite file with the full analysis, [`INGEST_RUNS`] times;
/// the figures are the fastest run's.
fn ingest(dyad: &Path, set: &'static str, documents: &[Document], scratch: &Path) -> anyhow::Result<Ingest> {
    let folder = scratch.join(format!("texts-{set}"));
    std::fs::create_dir_all(&folder).with_context(|| format!("cannot create {}", folder.display()))?;
    for (i, document) in documents.iter().enumerate() {
        let path = folder.join(format!("{i:05}.txt"));
        std::fs::write(&path, &document.text).with_context(|| format!("cannot write {}", path.display()))?;
    }
    let n_words: usize = documents.iter().map(|d| word_count(&d.text)).sum();
    let db = scratch.join(format!("ingest-{set}.db"));
    let mut best: Option<(f64, Option<f64>, Option<u64>)> = None;
    for _ in 0..INGEST_RUNS {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
        let (seconds, peak) = time_child(dyad, &["ingest".as_ref(), "--quiet".as_ref(), "--db".as_ref(), db.as_os_str(), folder.as_os_str()])?;
        if best.is_none_or(|(fastest, _, _)| seconds < fastest) {
            best = Some((seconds, peak, std::fs::metadata(&db).map(|m| m.len()).ok()));
        }
    }
    let (seconds, peak, database_bytes) = best.context("no ingest run")?;
    let words_per_second = n_words as f64 / seconds;
    Ok(Ingest {
        set,
        documents: documents.len(),
        mean_words: n_words as f64 / documents.len().max(1) as f64,
        threads: rayon::current_num_threads(),
        runs: INGEST_RUNS,
        seconds,
        documents_per_second: documents.len() as f64 / seconds,
        words_per_second,
        articles_per_second_at_600_words: words_per_second / BAR_ARTICLE_WORDS,
        database_bytes,
        peak_rss_mib: peak,
    })
}

pub fn run(flags: BenchFlags) -> anyhow::Result<Outcome> {
    let documents = dyad::bench_corpus::read_corpus(&flags.data)?;
    if let Some(path) = &flags.write_corpus {
        let mut out = std::io::BufWriter::new(std::fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?);
        for d in &documents {
            serde_json::to_writer(&mut out, &serde_json::json!({ "id": d.id, "text": d.text }))?;
            writeln!(out)?;
        }
        out.flush().with_context(|| format!("cannot write {}", path.display()))?;
        eprintln!("wrote {} documents to {}", documents.len(), path.display());
        return Ok(Outcome::Ok);
    }
    let wanted = |name: &str| flags.stage.as_deref().is_none_or(|w| name.contains(w));
    let dyad = std::env::current_exe().context("cannot find the dyad binary")?;
    let scratch = Scratch::new()?;
    let cold = if wanted("cold start") { Some(cold_start(&dyad, &documents, &scratch.0)?) } else { None };
    let n_words: usize = documents.iter().map(|d| word_count(&d.text)).sum();
    let ingested = if wanted("ingest") {
        let news: Vec<Document> = documents.iter().filter(|d| d.id.starts_with("polnear/")).cloned().collect();
        vec![ingest(&dyad, "corpus", &documents, &scratch.0)?, ingest(&dyad, "news", &news, &scratch.0)?]
    } else {
        Vec::new()
    };
    let n_bytes: usize = documents.iter().map(|d| d.text.len()).sum();
    let n_cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let pipeline = Pipeline::new();

    let mut results = Vec::new();
    let mut stage = |name: &str, threads: usize, run: &mut dyn FnMut() -> usize| {
        if !wanted(name) {
            return;
        }
        let (seconds, n_tokens, n_runs) = measure(flags.seconds, run);
        results.push(StageResult { name: name.to_string(), threads, n_tokens, n_documents: documents.len(), n_bytes, seconds, n_runs });
    };
    // Stages on one thread, on tokens the pipeline made (built only when
    // one of them runs).
    if ["tag (", "tag + chunk"].iter().any(|s| wanted(s)) {
        let tagger = dyad_tag::Tagger::embedded();
        let recognizer = dyad_tag::ner::Recognizer::embedded();
        let sentences: Vec<Vec<String>> = documents
            .iter()
            .map(|d| pipeline.analyze_text(&d.text))
            .flat_map(|a| dyad::bench_corpus::sentence_words(&a))
            .collect();
        stage("tag (POS tagger alone, on tokens)", 1, &mut || {
            dyad::bench_corpus::tag_sentences(&tagger, &sentences, &mut dyad_tag::TagBuffers::default())
        });
        stage("tag + chunk + NER (on tokens)", 1, &mut || {
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
    }
    stage("analyze (segment, tokens, sentences, tags, chunks, entities, events, quotes, times, places)", 1, &mut || {
        documents.iter().map(|d| pipeline.analyze_text(&d.text).tokens.len()).sum()
    });
    // End to end: text in, the JSON of `dyad analyze --format jsonl` out
    // (the stored form), over documents in parallel; then, on one thread,
    // with each sentence's tokens and chunks too (`--tokens`).
    let thread_counts = match flags.threads {
        Some(n) => vec![n.max(1)],
        None if n_cores > 1 => vec![1, n_cores],
        None => vec![1],
    };
    let end_to_end = |pool: &rayon::ThreadPool, options: dyad_wire::WireOptions| {
        pool.install(|| {
            documents
                .par_iter()
                .map(|d| {
                    let analysis = pipeline.analyze_text(&d.text);
                    let mut json = Vec::new();
                    dyad_wire::AnalysisJson::from_analysis_with(&analysis, options).write_json(&mut json);
                    std::hint::black_box(json.len());
                    analysis.tokens.len()
                })
                .sum()
        })
    };
    for &threads in &thread_counts {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().context("cannot start threads")?;
        stage("end-to-end (analyze + wire JSON)", threads, &mut || end_to_end(&pool, dyad_wire::WireOptions::STORED));
    }
    if thread_counts.contains(&1) {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().context("cannot start threads")?;
        stage("with tokens (analyze + wire JSON --tokens)", 1, &mut || end_to_end(&pool, dyad_wire::WireOptions::FULL));
    }

    let peak = peak_memory_mib();

    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "corpus: {} documents, {n_words} words, {n_bytes} bytes (EWT + GUM documents, PolNeAR train articles); {n_cores} cores",
        documents.len()
    )?;
    writeln!(out, "{:<58} {:>7} {:>12} {:>10} {:>10} {:>5}", "stage", "threads", "tokens/s", "docs/s", "MB/s", "runs")?;
    for r in &results {
        let name: String = r.name.chars().take(58).collect();
        writeln!(
            out,
            "{name:<58} {:>7} {:>12.0} {:>10.1} {:>10.2} {:>5}",
            r.threads,
            r.n_tokens as f64 / r.seconds,
            r.n_documents as f64 / r.seconds,
            r.n_bytes as f64 / r.seconds / 1e6,
            r.n_runs
        )?;
    }
    let end_to_end: Vec<&StageResult> = results.iter().filter(|r| r.name.starts_with("end-to-end")).collect();
    let scaling = match end_to_end.as_slice() {
        [one, all, ..] if one.threads == 1 => Some(one.seconds / all.seconds),
        _ => None,
    };
    if let (Some(scaling), [_, all, ..]) = (scaling, end_to_end.as_slice()) {
        writeln!(out, "scaling: {scaling:.2}× on {} threads", all.threads)?;
    }
    if let Some(c) = &cold {
        writeln!(
            out,
            "cold start: dyad analyze, {} words: best {:.1} ms, median {:.1} ms of {} runs; peak memory {:.1} MiB",
            c.words,
            c.best_ms,
            c.median_ms,
            c.runs,
            c.peak_rss_mib.unwrap_or(0.0)
        )?;
    }
    for i in &ingested {
        writeln!(
            out,
            "ingest into SQLite, {}: {} documents ({:.0} words each on average) in {:.2} s (best of {}): {:.0} documents/s, {:.0} words/s on {} threads = {:.0} articles/s of {BAR_ARTICLE_WORDS:.0} words; peak memory {:.1} MiB",
            if i.set == "news" { "the news articles alone" } else { "the corpus" },
            i.documents,
            i.mean_words,
            i.seconds,
            i.runs,
            i.documents_per_second,
            i.words_per_second,
            i.threads,
            i.articles_per_second_at_600_words,
            i.peak_rss_mib.unwrap_or(0.0)
        )?;
    }
    if let Some(peak) = peak {
        writeln!(out, "peak memory of this benchmark process: {peak:.1} MiB")?;
    }
    if let Some(path) = &flags.out {
        let json = serde_json::json!({
            "dyad": env!("CARGO_PKG_VERSION"),
            "cores": n_cores,
            "corpus": { "documents": documents.len(), "words": n_words, "bytes": n_bytes },
            "stages": results.iter().map(StageResult::json).collect::<Vec<_>>(),
            "scaling": scaling,
            "cold_start": cold,
            "ingest_sqlite": ingested.iter().find(|i| i.set == "corpus"),
            "ingest_sqlite_news": ingested.iter().find(|i| i.set == "news"),
            "peak_rss_mib": peak,
        });
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
        }
        std::fs::write(path, serde_json::to_string_pretty(&json)?).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(Outcome::Ok)
}
