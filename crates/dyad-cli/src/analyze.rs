//! `dyad analyze`: inputs in, report or JSON out, in input order.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use dyad::Pipeline;
use dyad_core::Analysis;
use dyad_ingest::{read, FormatHint, RawDocument, ReadConfig, ReadError};
use dyad_wire::AnalysisJson;
use rayon::prelude::*;

use crate::flags::{AnalyzeFlags, ColorChoice, OutputFormat};
use crate::{report, Outcome};

/// Files analysed together before their output is written.
const BATCH_FILES: usize = 32;

pub fn run(flags: AnalyzeFlags) -> anyhow::Result<Outcome> {
    let config = flags.input.read_config();
    let pipeline = Pipeline::new();
    let color = match flags.color {
        ColorChoice::Auto => anstream::ColorChoice::Auto,
        ColorChoice::Always => anstream::ColorChoice::Always,
        ColorChoice::Never => anstream::ColorChoice::Never,
    };
    let mut out = anstream::AutoStream::new(std::io::stdout().lock(), color);
    let mut printer = Printer { format: flags.format, tokens: flags.tokens, n_printed: 0 };
    let mut n_failed = 0;

    let (stdin_inputs, paths): (Vec<PathBuf>, Vec<PathBuf>) = flags.inputs.into_iter().partition(|p| p.as_os_str() == "-");
    let (files, walk_errors) = read::collect_files(&paths);
    for err in walk_errors {
        report_error(&err);
        n_failed += 1;
    }
    for batch in files.chunks(BATCH_FILES) {
        let results: Vec<Vec<Result<Analysis, ReadError>>> =
            batch.par_iter().map(|path| analyze_path(&pipeline, path, &config)).collect();
        for result in results.into_iter().flatten() {
            match result {
                Ok(analysis) => printer.print(&mut out, &analysis)?,
                Err(err) => {
                    report_error(&err);
                    n_failed += 1;
                }
            }
        }
    }
    if !stdin_inputs.is_empty() {
        n_failed += analyze_stdin(&pipeline, &config, &mut printer, &mut out)?;
    }
    out.flush().context("cannot write output")?;
    Ok(if n_failed > 0 { Outcome::SomeFailed } else { Outcome::Ok })
}

fn analyze_path(pipeline: &Pipeline, path: &Path, config: &ReadConfig) -> Vec<Result<Analysis, ReadError>> {
    read::read_path(path, config).into_iter().map(|raw| raw.map(|raw| pipeline.analyze(raw))).collect()
}

/// Stdin: JSONL is streamed line by line (one result per line, flushed as
/// it goes, bounded memory); anything else is read whole.
fn analyze_stdin(pipeline: &Pipeline, config: &ReadConfig, printer: &mut Printer, out: &mut impl Write) -> anyhow::Result<usize> {
    let mut n_failed = 0;
    if config.format != FormatHint::Jsonl {
        for result in read::read_path(Path::new("-"), config) {
            match result {
                Ok(raw) => printer.print(out, &pipeline.analyze(raw))?,
                Err(err) => {
                    report_error(&err);
                    n_failed += 1;
                }
            }
        }
        return Ok(n_failed);
    }
    let stdin = std::io::stdin().lock();
    for (line_idx, line) in stdin.lines().enumerate() {
        let line = line.context("cannot read stdin")?;
        if line.trim().is_empty() {
            continue;
        }
        let result: Result<RawDocument, ReadError> = if line.len() as u64 > config.max_bytes {
            Err(read::jsonl::too_large("-", line_idx + 1, line.len() as u64, config.max_bytes))
        } else {
            read::jsonl::read_record(&line, "-", line_idx + 1, config)
        };
        match result {
            Ok(raw) => printer.print(out, &pipeline.analyze(raw))?,
            Err(err) => {
                report_error(&err);
                n_failed += 1;
            }
        }
        out.flush().context("cannot write output")?;
    }
    Ok(n_failed)
}

pub fn report_error(err: &ReadError) {
    anstream::eprintln!("dyad: {err}");
}

struct Printer {
    format: OutputFormat,
    tokens: bool,
    n_printed: usize,
}

impl Printer {
    fn print(&mut self, out: &mut impl Write, analysis: &Analysis) -> anyhow::Result<()> {
        let result = match self.format {
            OutputFormat::Text => {
                if self.n_printed > 0 {
                    writeln!(out)?;
                }
                report::write(out, analysis, self.tokens)
            }
            OutputFormat::Json => {
                let json = AnalysisJson::from_analysis(analysis);
                serde_json::to_writer_pretty(&mut *out, &json)?;
                writeln!(out).map_err(Into::into)
            }
            OutputFormat::Jsonl => {
                let json = AnalysisJson::from_analysis(analysis);
                serde_json::to_writer(&mut *out, &json)?;
                writeln!(out).map_err(Into::into)
            }
        };
        self.n_printed += 1;
        result.context("cannot write output")
    }
}
