//! `dyad analyze`: inputs in, report or JSON out, in input order.

use std::io::{BufRead, Write};
use std::path::PathBuf;

use anyhow::Context;
use dyad::Pipeline;
use dyad_core::Analysis;
use dyad_ingest::{read, FormatHint, RawDocument, ReadConfig, ReadError};
use dyad_wire::{AnalysisJson, WireOptions};
use rayon::prelude::*;

use crate::flags::{AnalyzeFlags, ColorChoice, OutputFormat};
use crate::{report, Outcome};

/// Files read together.
const BATCH_FILES: usize = 32;

/// Documents analysed (in parallel) together before their output is written.
const BATCH_DOCUMENTS: usize = 128;

pub fn run(flags: AnalyzeFlags) -> anyhow::Result<Outcome> {
    let config = flags.input.read_config();
    let pipeline = flags.input.petrarch.pipeline()?;
    let color = match flags.color {
        ColorChoice::Auto => anstream::ColorChoice::Auto,
        ColorChoice::Always => anstream::ColorChoice::Always,
        ColorChoice::Never => anstream::ColorChoice::Never,
    };
    // The report may be coloured (stripped when not on a terminal); JSON
    // never is, and goes straight to a buffer: scanning every byte of it
    // for colour codes took a tenth of the run.
    let mut out: Box<dyn Write> = match flags.format {
        OutputFormat::Text => Box::new(anstream::AutoStream::new(std::io::stdout().lock(), color)),
        OutputFormat::Json | OutputFormat::Jsonl => Box::new(std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock())),
    };
    let mut printer = Printer { format: flags.format, tokens: flags.tokens, explain: flags.explain, n_printed: 0 };
    let mut n_failed = 0;

    let (stdin_inputs, paths): (Vec<PathBuf>, Vec<PathBuf>) = flags.inputs.into_iter().partition(|p| p.as_os_str() == "-");
    let (files, walk_errors) = read::collect_files(&paths);
    for err in walk_errors {
        report_error(&err);
        n_failed += 1;
    }
    for batch in files.chunks(BATCH_FILES) {
        // Files are read in parallel (JSONL files are opened, then streamed),
        // then their documents analysed in parallel a batch at a time: the
        // records of one large JSONL file spread over every core, and only a
        // batch of results is held.
        let read: Vec<read::Documents> = batch.par_iter().map(|path| read::read_path(path, &config)).collect();
        let mut documents = read.into_iter().flatten().peekable();
        while documents.peek().is_some() {
            let chunk: Vec<Result<RawDocument, ReadError>> = documents.by_ref().take(BATCH_DOCUMENTS).collect();
            n_failed += analyze_and_print(&pipeline, chunk, &mut printer, &mut out)?;
        }
    }
    if !stdin_inputs.is_empty() {
        n_failed += analyze_stdin(&pipeline, &config, &mut printer, &mut out)?;
    }
    out.flush().context("cannot write output")?;
    Ok(if n_failed > 0 { Outcome::SomeFailed } else { Outcome::Ok })
}

/// Analyses documents in parallel and prints them in input order; returns
/// how many could not be read. JSON is rendered in parallel too, where
/// each document was analysed: only the writing is in order.
fn analyze_and_print(
    pipeline: &Pipeline,
    documents: Vec<Result<RawDocument, ReadError>>,
    printer: &mut Printer,
    out: &mut impl Write,
) -> anyhow::Result<usize> {
    let renderer: &Printer = printer;
    let results: Vec<Result<anyhow::Result<Rendered>, ReadError>> =
        documents.into_par_iter().map(|raw| raw.map(|raw| renderer.render(pipeline.analyze(raw)))).collect();
    let mut n_failed = 0;
    for result in results {
        match result {
            Ok(rendered) => printer.print(out, rendered?)?,
            Err(err) => {
                report_error(&err);
                n_failed += 1;
            }
        }
    }
    Ok(n_failed)
}

/// Lines of JSONL analysed together at most (in parallel, printed in
/// input order); a batch also ends when no more input is waiting, so a
/// caller that sends one line and waits for its answer gets it.
const STREAM_BATCH_LINES: usize = 64;

/// Stdin: JSONL (`--input-format jsonl`, or stdin whose first line is a
/// JSON object) is streamed: one result per line, in input order, flushed after
/// each batch, with memory bounded by a batch. Anything else is read whole.
fn analyze_stdin(pipeline: &Pipeline, config: &ReadConfig, printer: &mut Printer, out: &mut impl Write) -> anyhow::Result<usize> {
    // A large buffer: a pipe delivers many lines per read, which batch.
    let mut stdin = std::io::BufReader::with_capacity(1 << 20, std::io::stdin().lock());
    let streamed = match config.format {
        FormatHint::Jsonl => true,
        // Sniffed as a file is, on what the buffer holds (peeked, not
        // consumed: a text keeps its first bytes and spans). A first line
        // longer than the buffer is read whole, and sniffed then.
        FormatHint::Auto => {
            let buffered = stdin.fill_buf().context("cannot read stdin")?;
            read::sniff(&String::from_utf8_lossy(buffered)) == FormatHint::Jsonl
        }
        _ => false,
    };
    if !streamed {
        return analyze_and_print(pipeline, read::read_stream(&mut stdin, "-", config), printer, out);
    }
    let mut n_failed = 0;
    let mut lines = read::jsonl::Lines::new(stdin, "-", config);
    let mut at_end = false;
    while !at_end {
        let mut batch: Vec<Result<RawDocument, ReadError>> = Vec::new();
        while batch.len() < STREAM_BATCH_LINES {
            match lines.next() {
                Some(result) => batch.push(result),
                None => {
                    at_end = true;
                    break;
                }
            }
            if !lines.waiting() {
                break; // nothing more waiting: answer what came
            }
        }
        n_failed += analyze_and_print(pipeline, batch, printer, out)?;
        out.flush().context("cannot write output")?;
    }
    Ok(n_failed)
}

/// Warnings about how an input was read (encoding repairs, unreadable
/// dates), one line each naming the source.
pub fn input_warnings(analysis: &Analysis) -> Vec<String> {
    analysis
        .diagnostics
        .iter()
        .filter(|d| d.code.starts_with("input.") && d.severity == dyad_core::Severity::Warning)
        .map(|d| format!("dyad: warning: {}: {}", analysis.document.meta.source, d.message))
        .collect()
}

/// Prints a read error.
pub fn report_error(err: &ReadError) {
    anstream::eprintln!("dyad: {err}");
}

struct Printer {
    format: OutputFormat,
    tokens: bool,
    explain: bool,
    n_printed: usize,
}

/// A document ready to print.
enum Rendered {
    /// For the report, which is written as it is made.
    Analysis(Analysis),
    /// A line of JSON (or lines, pretty) and the input's warnings.
    Json { json: Vec<u8>, warnings: Vec<String> },
}

/// Output bytes per byte of text, about: a JSON buffer's first size.
const JSON_PER_TEXT_BYTE: usize = 48;

impl Printer {
    /// Renders what can be rendered before its turn to print.
    fn render(&self, analysis: Analysis) -> anyhow::Result<Rendered> {
        if self.format == OutputFormat::Text {
            return Ok(Rendered::Analysis(analysis));
        }
        // Tokens and chunks only when asked for: without them the JSON is a
        // fifth of the size, and it is what `dyad ingest` stores.
        let options = if self.tokens { WireOptions::FULL } else { WireOptions::STORED };
        let wire = AnalysisJson::from_analysis_with(&analysis, options);
        let mut json = Vec::with_capacity(analysis.document.text.len() * JSON_PER_TEXT_BYTE);
        if self.format == OutputFormat::Json {
            serde_json::to_writer_pretty(&mut json, &wire)?;
        } else {
            wire.write_json(&mut json);
        }
        json.push(b'\n');
        Ok(Rendered::Json { json, warnings: input_warnings(&analysis) })
    }

    fn print(&mut self, out: &mut impl Write, rendered: Rendered) -> anyhow::Result<()> {
        let result = match rendered {
            Rendered::Analysis(analysis) => {
                for warning in input_warnings(&analysis) {
                    anstream::eprintln!("{warning}");
                }
                if self.n_printed > 0 {
                    writeln!(out)?;
                }
                report::write(out, &analysis, self.tokens, self.explain)
            }
            Rendered::Json { json, warnings } => {
                for warning in warnings {
                    anstream::eprintln!("{warning}");
                }
                // Rendered first, then written: an I/O error (a closed pipe)
                // stays an I/O error and ends the run quietly.
                out.write_all(&json).map_err(Into::into)
            }
        };
        self.n_printed += 1;
        result.context("cannot write output")
    }
}
