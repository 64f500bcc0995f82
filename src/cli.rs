//! Command-line definitions (clap derive). Each subcommand's behaviour lives in
//! `cmd/<name>.rs`; this file only declares arguments, their defaults and help.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use framelex::input::InputFormat;
use framelex::printer::OutputFormat;

/// Find rhetorical frames in news text with editable TOML lexicons.
#[derive(Parser, Debug)]
#[command(name = "framelex", version, about, long_about = None)]
#[command(after_help = "Examples:
  framelex score article.txt
  framelex score --format jsonl --keep source,date dump.jsonl.gz > scores.jsonl
  framelex lexicons export my-lexicons/ && framelex score --lexicons my-lexicons/ article.txt
  framelex completions bash > /etc/bash_completion.d/framelex")]
pub struct Cli {
    /// When to use colour: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Score documents for frames: hits, score, density and presence per frame.
    #[command(after_help = "Examples:
  framelex score article.txt                     # a table on a terminal
  framelex score articles/                       # every .txt/.jsonl/.csv below a folder
  framelex score --format jsonl dump.jsonl.zst   # one JSON object per record
  framelex score --keep source,date --format csv dump.jsonl.gz -o scores.csv
  cat article.txt | framelex score -
  framelex score --lexicons my-lexicons/ --threads 2 dump.jsonl

Exit status: 0 when every record was scored, 2 when any record failed (each failed
record still gets an output record with an \"error\" field) or on a usage, I/O or
lexicon error.")]
    Score(ScoreArgs),

    /// Measure a lexicon set against gold labels: P/R/F1 per frame, and why it erred.
    #[command(after_help = "Examples:
  framelex eval --gold ../shared/gold/seeds.jsonl
  framelex eval --gold gold.csv --labels-field frames --lexicons my-lexicons/ --show-errors 20
  framelex eval --gold gold.jsonl --format json > eval.json
  framelex eval --gold gold.jsonl --fail-under 0.8   # for CI: exit 1 below macro-F1 0.8

Gold is JSONL ({\"id\", \"text\", \"labels\": [frame ids]}) or CSV/TSV with a labels
column of ;-separated frame ids. Exit status: 0 ok, 1 when macro-F1 is below
--fail-under, 2 on errors (a bad gold record, a label naming no frame of the set).")]
    Eval(EvalArgs),

    /// Aggregate scores over a corpus: presence rate, mean density and top terms per frame,
    /// grouped by fields and time; summaries of shards merge exactly.
    #[command(after_help = "Examples:
  framelex summarize --group-by bias --date-field date --period year dump.jsonl.gz
  framelex summarize --group-by source,topic --format csv dump.jsonl.gz -o by-source.csv
  framelex summarize --group-by bias --format json part1.jsonl.gz -o part1.json
  framelex summarize --merge part1.json part2.json          # = the summary of both parts")]
    Summarize(SummarizeArgs),

    /// List the frames of a lexicon set, or export the embedded set to edit it.
    #[command(subcommand)]
    Lexicons(LexiconsCommand),

    /// Print a shell completion script.
    #[command(
        after_help = "Example:\n  framelex completions bash > ~/.local/share/bash-completion/completions/framelex"
    )]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

#[derive(Subcommand, Debug)]
pub enum LexiconsCommand {
    /// Show each frame with its term counts, groups and thresholds.
    List {
        #[command(flatten)]
        lexicons: LexiconArgs,
    },
    /// Write the embedded default lexicons into DIR, to start editing a copy.
    #[command(
        after_help = "Example:\n  framelex lexicons export my-lexicons/\n  $EDITOR my-lexicons/security.toml\n  framelex score --lexicons my-lexicons/ article.txt"
    )]
    Export {
        /// Folder to write into (created if missing).
        dir: PathBuf,
        /// Overwrite files that already exist.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Args, Debug, Clone)]
pub struct LexiconArgs {
    /// Lexicon folder or files, replacing the embedded defaults. Repeatable.
    #[arg(long = "lexicons", short = 'l', value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

#[derive(Args, Debug, Clone)]
pub struct InputArgs {
    /// Files, folders (read recursively) or - for stdin. By default, stdin.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<String>,

    /// Input format; by default from each file's extension (.txt, .jsonl, .csv, .tsv,
    /// optionally .gz or .zst). Stdin is JSONL if it starts with `{`, else text.
    #[arg(long, value_enum)]
    pub input_format: Option<InputFormat>,

    /// Field (JSONL, dotted for nested objects) or column (CSV) holding the text.
    #[arg(long, default_value = "text", value_name = "FIELD")]
    pub text_field: String,

    /// Field or column holding the id. Records without one get `path:line`.
    #[arg(long, default_value = "id", value_name = "FIELD")]
    pub id_field: String,

    /// Records larger than this many bytes become error records.
    #[arg(long, default_value_t = 64 << 20, value_name = "BYTES")]
    pub max_doc_bytes: usize,
}

#[derive(Args, Debug, Clone)]
pub struct RunArgs {
    /// Worker threads. By default, one per core.
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,

    /// Print a final line on stderr: records, bytes, MB/s, errors, elapsed.
    #[arg(long)]
    pub stats: bool,

    /// No progress bar (it is shown only when stderr is a terminal anyway).
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

#[derive(Args, Debug)]
pub struct ScoreArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Input fields to copy into each output record (comma-separated, repeatable).
    #[arg(long, value_delimiter = ',', value_name = "FIELDS")]
    pub keep: Vec<String>,

    #[command(flatten)]
    pub lexicons: LexiconArgs,

    /// Output format. By default, table on a terminal, else jsonl.
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<OutputFormat>,

    /// Write to FILE instead of stdout (atomically: a temporary file renamed at the end).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    #[command(flatten)]
    pub run: RunArgs,
}

#[derive(Args, Debug)]
pub struct SummarizeArgs {
    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub lexicons: LexiconArgs,

    /// Group by these input fields (comma-separated, repeatable; dotted for nested JSON).
    #[arg(long, value_delimiter = ',', value_name = "FIELDS")]
    pub group_by: Vec<String>,

    /// Group by time, reading dates from this field (ISO 8601 and common formats).
    #[arg(long, value_name = "FIELD")]
    pub date_field: Option<String>,

    /// Time period for --date-field. By default, year.
    #[arg(long, value_enum, requires = "date_field")]
    pub period: Option<framelex::summary::Period>,

    /// Top terms shown per frame and group.
    #[arg(long, default_value_t = 5, value_name = "N")]
    pub top: usize,

    /// Output format: table for reading, csv for spreadsheets, json to merge later.
    #[arg(long, short = 'f', value_enum, default_value_t = SummaryFormat::Table)]
    pub format: SummaryFormat,

    /// Write to FILE instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Merge summaries written with --format json instead of reading documents.
    #[arg(long, num_args = 1.., value_name = "SUMMARY", conflicts_with_all = ["inputs", "group_by", "date_field", "period"])]
    pub merge: Vec<PathBuf>,

    #[command(flatten)]
    pub run: RunArgs,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum SummaryFormat {
    Table,
    Csv,
    Json,
}

#[derive(Args, Debug)]
pub struct EvalArgs {
    /// Gold file: JSONL, CSV or TSV (optionally .gz/.zst).
    #[arg(long, value_name = "FILE")]
    pub gold: String,

    #[command(flatten)]
    pub lexicons: LexiconArgs,

    /// Field (JSONL) or column (CSV) holding the labels.
    #[arg(long, default_value = "labels", value_name = "FIELD")]
    pub labels_field: String,

    /// Field or column holding the text.
    #[arg(long, default_value = "text", value_name = "FIELD")]
    pub text_field: String,

    /// Field or column holding the unit id.
    #[arg(long, default_value = "id", value_name = "FIELD")]
    pub id_field: String,

    /// Gold format; by default from the extension.
    #[arg(long, value_enum)]
    pub input_format: Option<InputFormat>,

    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = EvalFormat::Table)]
    pub format: EvalFormat,

    /// How many false-positive terms and false negatives to list per frame.
    #[arg(long, default_value_t = 5, value_name = "N")]
    pub show_errors: usize,

    /// Exit with status 1 when macro-F1 is below this.
    #[arg(long, value_name = "F1")]
    pub fail_under: Option<f64>,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvalFormat {
    Table,
    Json,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}
