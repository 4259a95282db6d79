//! The `dyad` command: analyse news, store it, query it.
//!
//! Flags are parsed in two steps (see [`flags`]): clap reads them into
//! low-level structs that only validate; each command turns them into its
//! own configuration and runs. `main` maps errors to exit codes: 0 success,
//! 1 some inputs failed (reported, the rest done), 2 usage or fatal error.

mod analyze;
mod bench;
mod eval;
mod eval_events;
mod eval_places;
mod eval_times;
mod eval_quotes;
mod flags;
mod ingest;
mod query;
mod synth;
mod report;
mod train;
mod validate_petrarch;

use std::process::ExitCode;

use clap::Parser;

/// How a command ended when it did not fail outright.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    /// Everything went through.
    Ok,
    /// Some inputs could not be read; they were reported and skipped.
    SomeFailed,
}

/// `dyad serve`: the JSON API until Ctrl-C.
fn serve(flags: flags::ServeFlags) -> anyhow::Result<Outcome> {
    let options = dyad_server::Options { cors_origin: flags.cors_origin, ..dyad_server::Options::default() };
    let state = dyad_server::AppState::open_with(&flags.db, flags.token.as_deref(), options).map_err(anyhow::Error::msg)?;
    let runtime = tokio::runtime::Runtime::new()?;
    eprintln!("dyad: the workbench at http://{}/ (API under /api/, OpenAPI at /api/openapi.json); Ctrl-C stops", flags.addr);
    runtime.block_on(dyad_server::serve(state, flags.addr))?;
    Ok(Outcome::Ok)
}

fn main() -> ExitCode {
    let args = flags::Args::parse();
    let result = match args.command {
        flags::Command::Analyze(flags) => analyze::run(flags),
        flags::Command::Ingest(flags) => ingest::run(flags),
        flags::Command::Stats(flags) => query::stats(flags),
        flags::Command::Serve(flags) => serve(flags),
        flags::Command::Search(flags) => query::search(flags),
        flags::Command::Events(flags) => query::events(flags),
        flags::Command::Quotes(flags) => query::quotes(flags),
        flags::Command::Explain(flags) => query::explain(flags),
        flags::Command::Train(flags) => train::run(flags),
        flags::Command::Eval(flags) => eval::run(flags),
        flags::Command::Bench(flags) => bench::run(flags),
        flags::Command::Synth(flags) => synth::run(flags),
        flags::Command::ValidatePetrarch(flags) => validate_petrarch::run(flags),
    };
    // For benchmarks (`dyad bench` sets it on the processes it times).
    if std::env::var_os("DYAD_REPORT_PEAK_MEMORY").is_some() {
        if let Some(mib) = bench::peak_memory_mib() {
            eprintln!("dyad: peak memory {mib:.1} MiB");
        }
    }
    match result {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::SomeFailed) => ExitCode::from(1),
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            anstream::eprintln!("dyad: error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| cause.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe))
}
