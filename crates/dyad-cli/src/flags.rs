//! Command-line flags: the low-level, validated form.

use std::path::PathBuf;

use clap::{Args as ClapArgs, Parser, Subcommand, ValueEnum};
use dyad_core::Date;
use dyad_ingest::{FormatHint, ReadConfig};

/// dyad reads raw news and turns it into structured, explainable data.
#[derive(Debug, Parser)]
#[command(name = "dyad", version, about, long_about = None, propagate_version = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Analyse files, folders or stdin and print the result.
    Analyze(AnalyzeFlags),
    /// Analyse files or folders and store the results in a database.
    Ingest(IngestFlags),
    /// Show what a database holds.
    Stats(DbFlags),
    /// Full-text search over the sentences of a database.
    Search(SearchFlags),
    /// List stored events, filtered by actor, code, type and date.
    Events(EventsFlags),
    /// List stored quotes, filtered by speaker, actor code, kind, date or words.
    Quotes(QuotesFlags),
    /// Why each event of a stored document was coded: its words, pattern and actors.
    Explain(ExplainFlags),
    /// Serve the database as a JSON API (events, quotes, documents, search).
    Serve(ServeFlags),
    /// Build shipped model files from training data.
    Train(TrainFlags),
    /// Measure accuracy against annotated data.
    Eval(EvalFlags),
    /// Measure speed, one core, on text from the treebanks.
    Bench(BenchFlags),
    /// Write a synthetic event database (a million events by default) for
    /// load tests of `dyad serve`.
    Synth(SynthFlags),
    /// Code a PETRARCH validation records file with the dictionaries it
    /// names and report the records coded correctly, per category.
    ValidatePetrarch(ValidatePetrarchFlags),
}

#[derive(Debug, ClapArgs)]
pub struct ValidatePetrarchFlags {
    /// The records file (`PETR.UnitTest.records.xml`).
    pub records: PathBuf,
    /// Folder to look for the dictionaries in first (else beside the
    /// records file and in its `dictionaries/` folder).
    #[arg(long)]
    pub dictionaries: Option<PathBuf>,
    /// Print only the summary, not each failure.
    #[arg(long)]
    pub quiet: bool,
    /// Show each record's events and the rule behind them.
    #[arg(long)]
    pub verbose: bool,
    /// Fail (exit 1) when the share of records coded correctly is below this (0–1).
    #[arg(long)]
    pub min_correct: Option<f64>,
}

/// How inputs are read; shared by `analyze` and `ingest`.
#[derive(Debug, ClapArgs)]
pub struct InputFlags {
    /// Date of documents that carry none of their own (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub date: Option<Date>,
    /// Input format; `auto` decides by extension, then by content.
    #[arg(long, value_enum, default_value_t = InputFormatFlag::Auto)]
    pub input_format: InputFormatFlag,
    /// Refuse inputs larger than this many bytes (never truncated).
    #[arg(long, default_value_t = 32 * 1024 * 1024)]
    pub max_bytes: u64,
    #[command(flatten)]
    pub petrarch: PetrarchFlags,
}

/// PETRARCH/TABARI dictionaries to code events with, read at run time, on
/// top of dyad's own dictionaries or (with `--petrarch-only`) in their place.
#[derive(Debug, ClapArgs)]
pub struct PetrarchFlags {
    /// A PETRARCH verbs dictionary (e.g. CAMEO.2.0.txt); repeatable.
    #[arg(long, value_name = "FILE")]
    pub petrarch_verbs: Vec<PathBuf>,
    /// A PETRARCH actors dictionary (e.g. Phoenix.Countries.actors.txt); repeatable.
    #[arg(long, value_name = "FILE")]
    pub petrarch_actors: Vec<PathBuf>,
    /// A PETRARCH agents dictionary; repeatable.
    #[arg(long, value_name = "FILE")]
    pub petrarch_agents: Vec<PathBuf>,
    /// A PETRARCH discards dictionary; repeatable.
    #[arg(long, value_name = "FILE")]
    pub petrarch_discards: Vec<PathBuf>,
    /// Code events with the PETRARCH dictionaries only, not dyad's own.
    #[arg(long)]
    pub petrarch_only: bool,
}

impl PetrarchFlags {
    /// The pipeline these flags ask for: dyad's, with PETRARCH dictionaries
    /// when any are given.
    pub fn pipeline(&self) -> anyhow::Result<dyad::Pipeline> {
        let pipeline = dyad::Pipeline::new();
        let given = !(self.petrarch_verbs.is_empty() && self.petrarch_actors.is_empty() && self.petrarch_agents.is_empty());
        if !given {
            if self.petrarch_only || !self.petrarch_discards.is_empty() {
                anyhow::bail!("--petrarch-only and --petrarch-discards need PETRARCH verbs, actors or agents (--petrarch-verbs, --petrarch-actors)");
            }
            return Ok(pipeline);
        }
        let mut dict = dyad_events::petrarch::Dictionaries::default();
        for f in &self.petrarch_verbs {
            dict.load_verbs(f)?;
        }
        for f in &self.petrarch_actors {
            dict.load_actors(f)?;
        }
        for f in &self.petrarch_agents {
            dict.load_agents(f)?;
        }
        for f in &self.petrarch_discards {
            dict.load_discards(f)?;
        }
        for w in dict.warnings.iter().take(10) {
            anstream::eprintln!("dyad: warning: {w}");
        }
        if dict.warnings.len() > 10 {
            anstream::eprintln!("dyad: warning: … and {} more lines of the PETRARCH dictionaries skipped", dict.warnings.len() - 10);
        }
        Ok(pipeline.with_petrarch(dyad_events::petrarch::Coder::new(dict), self.petrarch_only))
    }
}

impl InputFlags {
    pub fn read_config(&self) -> ReadConfig {
        ReadConfig {
            format: match self.input_format {
                InputFormatFlag::Auto => FormatHint::Auto,
                InputFormatFlag::Text => FormatHint::Text,
                InputFormatFlag::Html => FormatHint::Html,
                InputFormatFlag::Jsonl => FormatHint::Jsonl,
            },
            max_bytes: self.max_bytes,
            default_date: self.date,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputFormatFlag {
    Auto,
    Text,
    Html,
    Jsonl,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// A readable report.
    Text,
    /// One pretty-printed JSON document per input.
    Json,
    /// One JSON document per line.
    Jsonl,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, ClapArgs)]
pub struct AnalyzeFlags {
    /// Files, folders (read recursively) or `-` for stdin.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
    /// Colour in the text report.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// List every token of every sentence: in the text report, and in JSON
    /// as each sentence's `tokens` and `chunks` (four fifths of its size).
    #[arg(long)]
    pub tokens: bool,
    /// In the text report, say why each event was coded (rule, actors, modality).
    #[arg(long)]
    pub explain: bool,
    #[command(flatten)]
    pub input: InputFlags,
}

#[derive(Debug, ClapArgs)]
pub struct IngestFlags {
    /// Files or folders (read recursively).
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Database: a SQLite file (created if missing) or a PostgreSQL URL
    /// (`postgres://user:password@host/dbname`; tables created if missing).
    #[arg(long, default_value = "dyad.db", env = "DYAD_DB")]
    pub db: String,
    /// Hide the progress bar.
    #[arg(long)]
    pub quiet: bool,
    /// Documents analysed together and stored in one transaction: a crash
    /// loses at most the batches not yet committed, which the next run
    /// stores.
    #[arg(long, default_value_t = 256, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub batch: u32,
    #[command(flatten)]
    pub input: InputFlags,
}

#[derive(Debug, ClapArgs)]
pub struct ServeFlags {
    /// Database: a SQLite file or a PostgreSQL URL (`postgres://…`).
    #[arg(long, default_value = "dyad.db", env = "DYAD_DB")]
    pub db: String,
    /// Address to listen on (loopback by default).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: std::net::SocketAddr,
    /// Token that allows `POST /api/documents` (as `Authorization: Bearer
    /// TOKEN`); without one, writes are refused.
    #[arg(long, env = "DYAD_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// The one origin (`https://host:port`) whose pages may call the API
    /// from a browser (CORS); by default none may.
    #[arg(long, value_name = "ORIGIN")]
    pub cors_origin: Option<String>,
}

#[derive(Debug, ClapArgs)]
pub struct DbFlags {
    /// Database: a SQLite file or a PostgreSQL URL (`postgres://…`).
    #[arg(long, default_value = "dyad.db", env = "DYAD_DB")]
    pub db: String,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, ClapArgs)]
pub struct SearchFlags {
    /// Words or an SQLite FTS5 query (`"security demands"`, `nato AND geneva`, `sanction*`).
    pub query: String,
    /// Most results to show.
    #[arg(long, short = 'n', default_value_t = 20)]
    pub limit: usize,
    #[command(flatten)]
    pub db: DbFlags,
}

#[derive(Debug, ClapArgs)]
pub struct ExplainFlags {
    /// Document id (or a unique prefix of it), as `dyad search` shows.
    pub doc_id: String,
    #[command(flatten)]
    pub db: DbFlags,
}

#[derive(Debug, ClapArgs)]
pub struct EventsFlags {
    /// Actor code or prefix, as source or target (`RUS` matches `RUSGOV`).
    #[arg(long)]
    pub actor: Option<String>,
    /// Source actor code or prefix.
    #[arg(long)]
    pub source: Option<String>,
    /// Target actor code or prefix.
    #[arg(long)]
    pub target: Option<String>,
    /// CAMEO code or prefix (`04` for a root, `043`).
    #[arg(long)]
    pub code: Option<String>,
    /// PLOVER event type (`CONSULT`).
    #[arg(long)]
    pub plover: Option<String>,
    /// Modality: asserted, negated, future, conditional or demanded.
    #[arg(long)]
    pub modality: Option<String>,
    /// The documents' dates.
    #[command(flatten)]
    pub dates: DateRange,
    /// Most events to show.
    #[arg(long, short = 'n', default_value_t = 100)]
    pub limit: usize,
    /// Output format (`csv` uses GDELT-style column names).
    #[arg(long, value_enum, default_value_t = EventsFormat::Text)]
    pub format: EventsFormat,
    /// Database: a SQLite file or a PostgreSQL URL (`postgres://…`).
    #[arg(long, default_value = "dyad.db", env = "DYAD_DB")]
    pub db: String,
}

/// A range of document dates, for the query commands.
#[derive(Debug, ClapArgs)]
pub struct DateRange {
    /// Documents dated on or after this day.
    #[arg(long, value_parser = parse_date)]
    pub since: Option<Date>,
    /// Documents dated on or before this day.
    #[arg(long, value_parser = parse_date)]
    pub until: Option<Date>,
}

#[derive(Debug, ClapArgs)]
pub struct QuotesFlags {
    /// Words of the speaker's name or phrase (`Ryabkov`, `spokesperson`).
    #[arg(long)]
    pub speaker: Option<String>,
    /// The speaker's actor code or prefix (`RUS` matches `RUSGOV`).
    #[arg(long)]
    pub actor: Option<String>,
    /// Words of what was said.
    #[arg(long)]
    pub search: Option<String>,
    /// Kind: direct, indirect, mixed, partial or transcript.
    #[arg(long)]
    pub kind: Option<String>,
    /// The documents' dates.
    #[command(flatten)]
    pub dates: DateRange,
    /// Most quotes to show.
    #[arg(long, short = 'n', default_value_t = 100)]
    pub limit: usize,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// Database: a SQLite file or a PostgreSQL URL (`postgres://…`).
    #[arg(long, default_value = "dyad.db", env = "DYAD_DB")]
    pub db: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum EventsFormat {
    Text,
    Json,
    Csv,
}

#[derive(Debug, ClapArgs)]
pub struct TrainFlags {
    #[command(subcommand)]
    pub model: TrainModel,
}

#[derive(Debug, Subcommand)]
pub enum TrainModel {
    /// The part-of-speech tagger (data/pos.model) from the UD English treebanks.
    Pos {
        /// Folder with ud-english-ewt/ and ud-english-gum/.
        #[arg(long, default_value = "../shared/data")]
        data: PathBuf,
        /// Output file.
        #[arg(long, default_value = "data/pos.model")]
        out: PathBuf,
        /// Passes over the training data.
        #[arg(long, default_value_t = 10)]
        iterations: usize,
        /// Features seen fewer times than this are not learnt.
        #[arg(long, default_value_t = 2)]
        min_count: u32,
        /// Drop features whose largest weight is below this share of the
        /// model's largest weight (they barely change a tag; pruning them
        /// keeps the tables in cache).
        #[arg(long, default_value_t = 0.025)]
        prune_feature: f32,
        /// Drop single label weights below this share of the largest weight.
        #[arg(long, default_value_t = 0.0075)]
        prune_entry: f32,
    },
    /// The entity recogniser (data/ner.model): trained on UNER EWT dev, then
    /// again with the treebank sentences (EWT train, open GUM genres) that
    /// the first model labels in agreement with their gold proper nouns;
    /// gazetteers from data/. The defaults are the shipped recipe.
    Ner {
        /// Folder with uner-english-ewt/, ud-english-ewt/ and ud-english-gum/.
        #[arg(long, default_value = "../shared/data")]
        data: PathBuf,
        /// Folder with actors/ and gazetteer/ (the repository's data/).
        #[arg(long, default_value = "data")]
        gazetteers: PathBuf,
        /// Output file.
        #[arg(long, default_value = "data/ner.model")]
        out: PathBuf,
        /// Passes over the training data (few: more overfit the small gold set).
        #[arg(long, default_value_t = 5)]
        iterations: usize,
        /// Features seen fewer times than this are not learnt.
        #[arg(long, default_value_t = 1)]
        min_count: u32,
        /// Models trained with different seeds and averaged into one.
        #[arg(long, default_value_t = 10)]
        ensemble: usize,
        /// Drop features whose largest weight is below this share of the
        /// model's largest weight.
        #[arg(long, default_value_t = 0.003)]
        prune_feature: f32,
        /// Drop single label weights below this share of the largest weight.
        #[arg(long, default_value_t = 0.001)]
        prune_entry: f32,
        /// Copies of each UNER sentence (the gold data weighs more than silver).
        #[arg(long, default_value_t = 3)]
        uner_copies: usize,
        /// Also train on upper-cased (then truecased) copies of the gold sentences.
        #[arg(long)]
        upper_copies: bool,
        /// Rounds of self-training on silver sentences (0: gold data only).
        #[arg(long, default_value_t = 1)]
        silver_rounds: usize,
        /// Take silver sentences from EWT train only, not from the open GUM genres.
        #[arg(long)]
        silver_ewt_only: bool,
        /// Also train on GUM's own entity annotations (their conventions
        /// differ from Universal NER's: this lowers the scores).
        #[arg(long)]
        gum_gold: bool,
        /// The tagger model whose tags the recogniser learns from.
        #[arg(long, default_value = "data/pos.model")]
        pos_model: PathBuf,
        /// The truecasing lexicon (casing classes, upper-cased copies).
        #[arg(long, default_value = "data/truecase.txt")]
        lexicon: PathBuf,
    },
    /// Every shipped model in dependency order, with the default settings:
    /// data/truecase.txt, data/pos.model and data/lemma.txt, data/ner.model.
    All {
        /// Folder with the treebanks and UNER.
        #[arg(long, default_value = "../shared/data")]
        data: PathBuf,
        /// Spelling word lists for the truecasing lexicon.
        #[arg(long = "words", default_values = ["/usr/share/dict/american-english", "/usr/share/dict/british-english"])]
        word_lists: Vec<PathBuf>,
    },
    /// The truecasing lexicon (data/truecase.txt) from the UD English treebanks.
    Truecase {
        /// Folder with ud-english-ewt/ and ud-english-gum/.
        #[arg(long, default_value = "../shared/data")]
        data: PathBuf,
        /// Output file.
        #[arg(long, default_value = "data/truecase.txt")]
        out: PathBuf,
        /// Spelling word lists for words the treebanks lack (Debian's
        /// wamerican and wbritish: `apt-get install wamerican wbritish`).
        #[arg(long = "words", default_values = ["/usr/share/dict/american-english", "/usr/share/dict/british-english"])]
        word_lists: Vec<PathBuf>,
    },
}

#[derive(Debug, ClapArgs)]
pub struct EvalFlags {
    #[command(subcommand)]
    pub task: EvalTask,
}

#[derive(Debug, Subcommand)]
pub enum EvalTask {
    /// Part-of-speech tagging: UPOS and XPOS accuracy on the EWT and GUM test
    /// sets, as given and upper-cased (then truecased).
    Pos {
        /// Folder with ud-english-ewt/ and ud-english-gum/.
        #[arg(long, default_value = "../shared/data")]
        data: PathBuf,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Evaluate this model file instead of the embedded one.
        #[arg(long)]
        model: Option<PathBuf>,
        /// Fail (exit 1) when UPOS accuracy on a test set as given is below
        /// this percentage.
        #[arg(long)]
        min_upos: Option<f64>,
    },
    /// Chunking: noun phrases and verb groups against phrases read off the
    /// gold dependency trees of the EWT and GUM test sets.
    Chunk {
        /// Folder with ud-english-ewt/ and ud-english-gum/.
        #[arg(long, default_value = "../shared/data")]
        data: PathBuf,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Events on the PLOVER gold-standard sentences: how often the gold
    /// event type is among dyad's events, with the right source country,
    /// extra events per record, and the confusion by type.
    Plover {
        /// Folder with plover-gsr/.
        #[arg(long, default_value = "../shared/data")]
        data: PathBuf,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Print this many records where the gold type, or its source, was missed.
        #[arg(long, default_value_t = 0)]
        errors: usize,
        /// Fail (exit 1) when the share of records with the gold type is below this (0–1).
        #[arg(long)]
        min_type: Option<f64>,
        /// Fail when the share with the gold type and source country is below this (0–1).
        #[arg(long)]
        min_source: Option<f64>,
        /// Fail when extra events per record exceed this.
        #[arg(long)]
        max_extra: Option<f64>,
    },
    /// Quotes on PolNeAR: content, source and cue precision, recall and
    /// F1 (exact and overlapping), for direct quotes and all attributions,
    /// and how often direct quotes get the right speaker.
    Quotes {
        /// Folder with polnear/.
        #[arg(long, default_value = "../shared/data")]
        data: PathBuf,
        /// The split: `dev` (for the bars) or `train` (for tuning).
        #[arg(long, default_value = "dev")]
        split: String,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Print this many missed direct quotes and wrong speakers.
        #[arg(long, default_value_t = 0)]
        errors: usize,
        /// Fail (exit 1) when direct-quote content F1 (overlap) is below this.
        #[arg(long)]
        min_direct_content_f1: Option<f64>,
        /// Fail when the share of found direct quotes with the right speaker is below this.
        #[arg(long)]
        min_direct_speaker: Option<f64>,
        /// Fail when all-attribution source F1 (overlap) is below this.
        #[arg(long)]
        min_source_f1: Option<f64>,
    },
    /// Temporal expressions on our annotated passages: extent precision,
    /// recall and F1 (overlapping and strict), value and type accuracy,
    /// value F1, and document dates inferred.
    Times {
        /// Folder of passage files (`*.toml`).
        #[arg(long, default_value = "testdata/times")]
        data: PathBuf,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Print this many misses and wrong values to stderr.
        #[arg(long, default_value_t = 0)]
        errors: usize,
        /// Fail (exit 1) when value F1 is below this (0–1).
        #[arg(long)]
        min_value_f1: Option<f64>,
    },
    /// Places on GeoWebNews: mention precision, recall and F1 (overlapping
    /// spans) and accuracy within 161 km of the gold coordinates.
    Places {
        /// Folder with geowebnews/ (or a GeoWebNews folder itself).
        #[arg(long, default_value = "../shared/data")]
        data: PathBuf,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Print this many missed, misplaced and extra mentions (each) to stderr.
        #[arg(long, default_value_t = 0)]
        errors: usize,
        /// Fail (exit 1) when accuracy within 161 km is below this (0–1).
        #[arg(long)]
        min_accuracy: Option<f64>,
        /// Fail when mention recall is below this (0–1).
        #[arg(long)]
        min_recall: Option<f64>,
    },
    /// Named entities: precision, recall and F1 per type (exact spans) on
    /// UNER EWT test, as given and upper-cased (then truecased).
    Ner {
        /// Folder with uner-english-ewt/.
        #[arg(long, default_value = "../shared/data")]
        data: PathBuf,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Evaluate this model file instead of the embedded one.
        #[arg(long)]
        model: Option<PathBuf>,
        /// Fail (exit 1) when overall F1 as given is below this.
        #[arg(long)]
        min_f1: Option<f64>,
        /// Fail (exit 1) when overall F1 upper-cased is below this.
        #[arg(long)]
        min_f1_upper: Option<f64>,
        /// Also print the first N sentences with errors (missed and wrong mentions) to stderr.
        #[arg(long, default_value_t = 0)]
        errors: usize,
    },
    /// Truecasing: upper-case the EWT and GUM test sentences, truecase them,
    /// compare each word's casing with the original.
    Truecase {
        /// Folder with ud-english-ewt/ and ud-english-gum/.
        #[arg(long, default_value = "../shared/data")]
        data: PathBuf,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Also list the N most frequent errors (original → truecased).
        #[arg(long, default_value_t = 0)]
        errors: usize,
    },
}

#[derive(Debug, ClapArgs)]
pub struct BenchFlags {
    /// Folder with ud-english-ewt/, ud-english-gum/ and polnear/.
    #[arg(long, default_value = "../shared/data")]
    pub data: PathBuf,
    /// Run each stage at least this long (seconds).
    #[arg(long, default_value_t = 3.0)]
    pub seconds: f64,
    /// Also write the results as JSON to this file.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Run only the stages whose name contains this text (e.g. `NER`,
    /// `end-to-end`, `cold start`, `ingest`).
    #[arg(long)]
    pub stage: Option<String>,
    /// Threads for the end-to-end stage: one number (default: 1 and all
    /// cores, to show the scaling).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Write the corpus as JSONL (`{"id", "text"}` per line) to this file
    /// and stop (for comparisons with other systems on the same texts).
    #[arg(long)]
    pub write_corpus: Option<PathBuf>,
}

#[derive(Debug, ClapArgs)]
pub struct SynthFlags {
    /// How many events to write.
    #[arg(long, default_value_t = 1_000_000)]
    pub events: usize,
    /// Events per synthetic document.
    #[arg(long, default_value_t = 10)]
    pub events_per_document: usize,
    /// Seed of the draw (same seed, same database).
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
    /// Database: a SQLite file or a PostgreSQL URL (`postgres://…`).
    #[arg(long, env = "DYAD_DB")]
    pub db: String,
    /// No progress line.
    #[arg(long)]
    pub quiet: bool,
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s).map_err(|e| e.to_string())
}
