//! Command-line parsing and dispatch. Each subcommand lives in its own module:
//! `input` (reading records), `output` (writing them), `pipeline` (score), `summary`
//! (aggregates and their table) and `explain`.

mod explain;
mod extract;
mod input;
mod output;
mod pipeline;
mod summary;

use std::fmt;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use empathic::TimeBucket;

/// Exit code of a successful run, bad rows included (they are error records in the output).
pub const EXIT_OK: u8 = 0;
/// Exit code when `--strict` stops at a bad row.
pub const EXIT_BAD_ROW: u8 = 1;
/// Exit code of a usage, input or output error (unreadable file, unknown column, full disk).
pub const EXIT_USAGE: u8 = 2;

const EXIT_CODES: &str = "\
Exit codes:
  0  success, including runs with bad rows (they appear as error records in the output
     and are counted on stderr)
  1  --strict and a bad row: stopped at it, with a message naming its line
  2  usage error, unreadable input or unwritable output";

/// Scores the sentiment of reviews, tickets and survey answers in JSONL, CSV/TSV or plain-text
/// archives, in parallel, in constant memory.
#[derive(Parser, Debug)]
#[command(name = "empathic", version, about, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Score every record and write it back with its scores (JSONL or CSV), in input order.
    #[command(after_help = EXIT_CODES)]
    Score(ScoreArgs),
    /// Score every record and print a summary table (count, mean, median, percentiles, polarity
    /// shares, net sentiment, top terms), overall and by group or time bucket.
    #[command(after_help = EXIT_CODES)]
    Summarize(SummarizeArgs),
    /// Print the token-by-token explanation of texts (arguments, or stdin lines when none).
    Explain(ExplainArgs),
}

/// Where records come from and how to read them.
#[derive(Args, Debug, Clone)]
pub struct InputArgs {
    /// Input files; stdin when none or `-`. `.gz` files (and gzip on stdin) are read
    /// transparently.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Input format; by default from the extension (.jsonl/.ndjson/.json, .csv, .tsv/.tab,
    /// anything else: plain lines), and JSONL on stdin.
    #[arg(long, value_enum)]
    pub format: Option<InputFormat>,
    /// The JSON field or CSV column holding the text.
    #[arg(
        long = "text-field",
        visible_alias = "text-column",
        default_value = "text"
    )]
    pub text_field: String,
    /// A field or column naming each record, repeated in error records and messages.
    #[arg(long = "id-field", visible_alias = "id-column")]
    pub id_field: Option<String>,
    /// Worker threads (default: all cores).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// Scoring model: `default`, or `vader` for vaderSentiment 3.3.2's exact numbers.
    #[arg(long, default_value = "default", value_parser = parse_model)]
    pub model: empathic::Model,
    /// Whose turns of a chat transcript ("Agent: ...", "Customer: ...") are scored:
    /// `customer` (the default model's default), `support` or `everyone`.
    #[arg(long, value_parser = parse_speaker)]
    pub speaker: Option<empathic::Speaker>,
    /// Stop at the first bad row (malformed JSON, wrong number of CSV fields, missing text,
    /// invalid UTF-8) with exit code 1, instead of writing an error record and going on.
    #[arg(long)]
    pub strict: bool,
}

/// Decimals written, or every digit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Precision(pub Option<u8>);

fn parse_precision(s: &str) -> Result<Precision, String> {
    if s == "full" {
        return Ok(Precision(None));
    }
    match s.parse::<u8>() {
        Ok(n @ 1..=12) => Ok(Precision(Some(n))),
        _ => Err(format!("expected 1 to 12 decimals or `full`, got `{s}`")),
    }
}

fn parse_model(s: &str) -> Result<empathic::Model, String> {
    s.parse().map_err(|e: empathic::Error| e.to_string())
}

fn parse_speaker(s: &str) -> Result<empathic::Speaker, String> {
    s.parse().map_err(|e: empathic::Error| e.to_string())
}

/// How to group summaries.
#[derive(Args, Debug, Clone)]
pub struct GroupArgs {
    /// Also summarise by the value of this field or column (product, channel, agent…).
    #[arg(long, value_name = "FIELD")]
    pub group_by: Option<String>,
    /// Also summarise by time bucket of this date field (`YYYY-MM-DD` or RFC 3339).
    #[arg(long, value_name = "FIELD")]
    pub time_field: Option<String>,
    /// Width of the time buckets.
    #[arg(long, value_enum, default_value_t = BucketArg::Week, requires = "time_field")]
    pub bucket: BucketArg,
}

#[derive(Args, Debug)]
pub struct ScoreArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Write the records here instead of stdout (`.gz` compresses; `.csv` selects CSV).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Output format; by default from the `--output` extension, else JSONL.
    #[arg(long = "output-format", value_enum)]
    pub output_format: Option<OutputFormat>,
    /// The key (JSONL) or column prefix (CSV) under which scores are added.
    #[arg(long, default_value = "empathic")]
    pub key: String,
    /// Add every contributing term and the rules applied to it.
    #[arg(long)]
    pub explain: bool,
    /// Per-sentence detail in JSONL output: `valence` (each sentence's span, compound and
    /// shares), `full` (also its emotions and signals) or `none`.
    #[arg(long, value_enum, default_value_t = SentenceDetail::Valence)]
    pub sentences: SentenceDetail,
    /// Decimals of the scores written (VADER rounds to 4), or `full` for every digit.
    #[arg(long, default_value = "4", value_parser = parse_precision)]
    pub precision: Precision,
    /// Also write the summary (see `summarize`) to this JSON file.
    #[arg(long, value_name = "FILE")]
    pub summary: Option<PathBuf>,
    #[command(flatten)]
    pub group: GroupArgs,
}

#[derive(Args, Debug)]
pub struct SummarizeArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub group: GroupArgs,
    /// Top terms listed per sign.
    #[arg(long, default_value_t = 10)]
    pub top: usize,
    /// Print the summary as JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// Texts to explain; stdin lines when none.
    pub texts: Vec<String>,
    /// Print JSON (one explanation per line) instead of the table.
    #[arg(long)]
    pub json: bool,
}

/// Input formats.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    /// One JSON object per line.
    Jsonl,
    /// Comma-separated values with a header row (RFC 4180).
    Csv,
    /// Tab-separated values with a header row.
    Tsv,
    /// One text per line.
    Lines,
}

/// Output formats.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    /// One JSON object per line.
    Jsonl,
    /// CSV with the scores flattened into columns.
    Csv,
}

/// How much per-sentence detail JSONL output carries (the document's own scores are always
/// complete).
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum SentenceDetail {
    /// No `sentences` array.
    None,
    /// Each sentence's span, compound and shares.
    Valence,
    /// Also each sentence's emotions and signals.
    Full,
}

/// Time bucket widths.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum BucketArg {
    /// Calendar day.
    Day,
    /// ISO week.
    Week,
    /// Calendar month.
    Month,
}

impl From<BucketArg> for TimeBucket {
    fn from(b: BucketArg) -> Self {
        match b {
            BucketArg::Day => TimeBucket::Day,
            BucketArg::Week => TimeBucket::Week,
            BucketArg::Month => TimeBucket::Month,
        }
    }
}

/// A failure that ends the run: a usage or I/O problem (exit 2), or a bad row under
/// `--strict` (exit 1).
#[derive(Debug)]
pub enum Failure {
    /// Exit code 2.
    Usage(String),
    /// Exit code 1.
    BadRow(String),
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Usage(m) | Failure::BadRow(m) => f.write_str(m),
        }
    }
}

/// An I/O failure naming what was being read or written.
pub fn io_failure(what: &str, e: &std::io::Error) -> Failure {
    Failure::Usage(format!("{what}: {e}"))
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Score(args) => pipeline::score(args),
        Command::Summarize(args) => pipeline::summarize(args),
        Command::Explain(args) => explain::run(args),
    };
    match result {
        Ok(()) => ExitCode::from(EXIT_OK),
        Err(Failure::Usage(m)) => {
            eprintln!("empathic: {m}");
            ExitCode::from(EXIT_USAGE)
        }
        Err(Failure::BadRow(m)) => {
            eprintln!("empathic: {m}");
            ExitCode::from(EXIT_BAD_ROW)
        }
    }
}
