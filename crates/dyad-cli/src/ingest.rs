//! `dyad ingest`: analyse files and store the results.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::time::Instant;

use anyhow::Context;
use dyad::Pipeline;
use dyad_core::DocId;
use dyad_ingest::{read, RawDocument, ReadError};
use dyad_store::{InsertOutcome, Prepared, Store};
use dyad_wire::{AnalysisJson, WireOptions};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use crate::flags::IngestFlags;
use crate::Outcome;

/// Files read (in parallel) together.
const BATCH_FILES: usize = 64;

pub fn run(flags: IngestFlags) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let config = flags.input.read_config();
    let mut store = Store::open_location(&flags.db)?;
    let pipeline = flags.input.petrarch.pipeline()?;

    let (files, walk_errors) = read::collect_files(&flags.inputs);
    let progress = if flags.quiet || !std::io::stderr().is_terminal() {
        ProgressBar::with_draw_target(Some(files.len() as u64), ProgressDrawTarget::hidden())
    } else {
        ProgressBar::new(files.len() as u64)
    };
    progress.set_style(
        ProgressStyle::with_template("{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} files · {per_sec} · {msg}")
            .expect("valid template"),
    );

    let mut summary = Summary::default();
    for err in &walk_errors {
        summary.fail(err, &progress);
    }
    let batch = flags.batch as usize;
    let mut writer = Writer { store: &mut store, pipeline: &pipeline, pending: Vec::new(), analysed: Vec::new() };
    for file_batch in files.chunks(BATCH_FILES) {
        // Files are read in parallel; JSONL files are only opened, and their
        // records streamed into batches, so a feed of any size fits in memory.
        let read: Vec<read::Documents> = file_batch.par_iter().map(|path| read::read_path(path, &config)).collect();
        for result in read.into_iter().flatten() {
            match result {
                Ok(raw) => writer.pending.push(raw),
                Err(err) => summary.fail(&err, &progress),
            }
            if writer.pending.len() >= batch {
                writer.flush(&mut summary, &progress).with_context(|| format!("cannot store into {}", dyad_store::redact_location(&flags.db)))?;
            }
        }
        progress.inc(file_batch.len() as u64);
        let elapsed = started.elapsed().as_secs_f64().max(1e-9);
        progress.set_message(format!("{:.0} docs/s", (summary.n_new + summary.n_duplicate) as f64 / elapsed));
    }
    writer.finish(&mut summary, &progress).with_context(|| format!("cannot store into {}", dyad_store::redact_location(&flags.db)))?;
    progress.finish_and_clear();

    let elapsed = started.elapsed().as_secs_f64();
    let n_docs = summary.n_new + summary.n_duplicate;
    let mut line = format!(
        "{} files, {} documents: {} new, {} duplicate, {} failed",
        files.len(),
        n_docs,
        summary.n_new,
        summary.n_duplicate,
        summary.n_failed()
    );
    if summary.n_repaired > 0 {
        line.push_str(&format!(", {} with input warnings", summary.n_repaired));
    }
    if !summary.failed.is_empty() {
        let reasons: Vec<String> = summary.failed.iter().map(|(reason, n)| format!("{n} {reason}")).collect();
        line.push_str(&format!(" ({})", reasons.join(", ")));
    }
    line.push_str(&format!(" in {elapsed:.2}s ({:.0} files/s, {:.0} docs/s) → {}", files.len() as f64 / elapsed.max(1e-9), n_docs as f64 / elapsed.max(1e-9), dyad_store::redact_location(&flags.db)));
    anstream::eprintln!("{line}");
    Ok(if summary.n_failed() > 0 { Outcome::SomeFailed } else { Outcome::Ok })
}

/// Analyses and stores documents in batches: each batch is stored while
/// the next one is analysed.
struct Writer<'a> {
    store: &'a mut Store,
    pipeline: &'a Pipeline,
    pending: Vec<RawDocument>,
    /// The last batch analysed, not stored yet.
    analysed: Vec<Prepared>,
}

impl Writer<'_> {
    /// Analyses the pending documents in parallel while the previous batch
    /// is stored (in one transaction): `rayon::join` stores on one of the
    /// pool's threads, and that thread helps with the analysis once the
    /// batch is stored, so no core waits for the other. Documents already
    /// stored are counted, not analysed.
    fn flush(&mut self, summary: &mut Summary, progress: &ProgressBar) -> anyhow::Result<()> {
        let mut fresh = Vec::with_capacity(self.pending.len());
        for raw in self.pending.drain(..) {
            if self.store.contains(DocId::of_text(&raw.text).as_str())? {
                summary.n_duplicate += 1;
            } else {
                fresh.push(raw);
            }
        }
        let pipeline = self.pipeline;
        let to_store = std::mem::take(&mut self.analysed);
        let store = &mut *self.store;
        let (stored, results) = rayon::join(
            // The stored batch is freed on the storing thread too, while
            // the other analyses (about 1% of ingest's time).
            move || if to_store.is_empty() { Ok(Vec::new()) } else { store.insert_prepared(&to_store) },
            || {
                fresh
                    .into_par_iter()
                    .map(|raw| {
                        let analysis = pipeline.analyze(raw);
                        // The stored JSON is rendered here, in parallel, not
                        // by the store's one writer.
                        let json = AnalysisJson::from_analysis_with(&analysis, WireOptions::STORED);
                        (Prepared::new(json), crate::analyze::input_warnings(&analysis))
                    })
                    .collect::<Vec<_>>()
            },
        );
        summary.count(&stored?);
        for (analysis, warnings) in results {
            let analysis = analysis?;
            summary.n_repaired += usize::from(!warnings.is_empty());
            for warning in warnings {
                progress.suspend(|| anstream::eprintln!("{warning}"));
            }
            self.analysed.push(analysis);
        }
        Ok(())
    }

    /// Analyses what is pending and stores everything analysed.
    fn finish(&mut self, summary: &mut Summary, progress: &ProgressBar) -> anyhow::Result<()> {
        self.flush(summary, progress)?;
        if !self.analysed.is_empty() {
            summary.count(&self.store.insert_prepared(&std::mem::take(&mut self.analysed))?);
        }
        Ok(())
    }
}

#[derive(Default)]
struct Summary {
    n_new: usize,
    n_duplicate: usize,
    /// Documents stored with a warning about their input (encoding repaired).
    n_repaired: usize,
    failed: BTreeMap<&'static str, usize>,
}

impl Summary {
    fn count(&mut self, outcomes: &[InsertOutcome]) {
        for outcome in outcomes {
            match outcome {
                InsertOutcome::New => self.n_new += 1,
                InsertOutcome::Duplicate => self.n_duplicate += 1,
            }
        }
    }

    fn fail(&mut self, err: &ReadError, progress: &ProgressBar) {
        progress.suspend(|| crate::analyze::report_error(err));
        *self.failed.entry(err.reason()).or_default() += 1;
    }

    fn n_failed(&self) -> usize {
        self.failed.values().sum()
    }
}
