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
  framelex score --lexicons policy-frames articles.jsonl.gz   # the 14 generic Policy Frames
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
  framelex eval --gold ../shared/gold/dev.jsonl --cv 5 --cv-group url   # out-of-sample figures
  framelex eval --lexicons policy-frames --gold ../shared/data/semeval2023-task3-en/train.jsonl \\
      --labels-field frames --title-field title --cv 5   # articles, 14 frames, micro-F1

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

    /// Write one self-contained HTML report: prevalence per frame with 95 % intervals, by
    /// group and over time, co-occurrence, top terms, and highlighted example documents.
    #[command(after_help = "Examples:
  framelex report --group-by bias --date-field date dump.jsonl.gz -o report.html
  framelex report --lexicons policy-frames --title-field title --group-by source articles/ -o r.html
  framelex report --unit paragraph --examples 5 --seed 7 dump.jsonl.gz -o report.html

The file needs no network and runs no script; open it in any browser. See docs/report.md.")]
    Report(ReportArgs),

    /// List the frames of a lexicon set, or export the embedded set to edit it.
    #[command(subcommand)]
    Lexicons(LexiconsCommand),

    /// Lint a lexicon set: TOML errors, unknown keys, duplicate, shared and shadowed terms,
    /// suspicious spellings, short wildcards, empty frames; with --corpus, dead terms,
    /// wildcard expansions and each frame's top terms.
    #[command(after_help = "Examples:
  framelex check --lexicons my-lexicons/
  framelex check --lexicons my-lexicons/ --corpus ../shared/gold/seeds.jsonl
  framelex check --lexicons my-lexicons/ --deny-warnings     # for CI: warnings fail too
  framelex check --lexicons my-lexicons/ --watch             # re-check on every save
  framelex check --lexicons my-lexicons/ --format json       # for editors and scripts

Exit status: 0 when there is no error (warnings allowed unless --deny-warnings), 1 when
there are errors, 2 when a lexicon file or the corpus cannot be read.")]
    Check(CheckArgs),

    /// Show a document with every hit highlighted in its frame's colour, and each frame's
    /// score: term × weight, thresholds, present or not.
    #[command(after_help = "Examples:
  framelex explain article.txt                    # colours on a terminal
  framelex explain article.txt | less             # [frame: hit] markup when piped
  framelex explain --id seed001-p4 ../shared/gold/seeds.jsonl
  framelex explain --format json --id d2 dump.jsonl.gz
  framelex explain --lexicons my-lexicons/ --watch article.txt   # re-run on every save
  echo 'They fear no adversary.' | framelex explain -

Markup without colour: [security: national security] for a counted hit,
[security negated: threat] and [security excluded: social security] for the others;
a span that hits several frames lists them all. Exit status: 0 ok, 2 on errors (an
unknown --id, a record that cannot be read).")]
    Explain(ExplainArgs),

    /// Keywords in context: one aligned line per hit over a corpus, sorted by term then id.
    #[command(after_help = "Examples:
  framelex kwic ../shared/gold/seeds.jsonl
  framelex kwic --frame security --term 'secur*' dump.jsonl.gz
  framelex kwic --negated --limit 20 articles/
  framelex kwic --format jsonl --frame security dump.jsonl > hits.jsonl

--term takes a glob over terms as written (* any characters, ? one), case-insensitive:
'secur*' selects the terms security, secur* and security risk*. Exit status: 0 ok, 2 on
errors (an unknown --frame, a --term that selects no term, a record that cannot be read).")]
    Kwic(KwicArgs),

    /// Compare two lexicon sets on a corpus: units that turn present or absent per frame,
    /// with the terms responsible; with --gold, the change in P/R/F1.
    #[command(after_help = "Examples:
  framelex diff --old lexicons/ --new my-lexicons/ dump.jsonl.gz
  framelex diff --old lexicons/ --new my-lexicons/ --gold ../shared/gold/seeds.jsonl
  framelex diff --old v1/ --new v2/ --gold gold.jsonl corpus/ --show 50
  framelex diff --old v1/ --new v2/ --format json corpus.jsonl > diff.json

With --gold and no CORPUS, the gold units are the corpus. Frames are matched by id.
Exit status: 0 (differences are not failures), 2 on errors.")]
    Diff(DiffArgs),

    /// Suggest terms for a frame: unigrams and bigrams ranked by weighted log-odds with an
    /// informative Dirichlet prior ("Fightin' Words"), as TOML lines to paste.
    #[command(after_help = "Examples:
  framelex suggest --gold ../shared/gold/seeds.jsonl --frame security
  framelex suggest --gold gold.jsonl --frame security --top 40 --min-count 2
  framelex suggest --positive security-units.jsonl --negative other-units.jsonl
  framelex suggest --gold gold.jsonl --frame security --format json

Units labelled with the frame are the positive side, all other units the negative.
Candidates that a term or exclusion of the frame already matches are left out. Exit
status: 0 ok, 2 on errors (an unknown --frame, a frame no gold unit carries).")]
    Suggest(SuggestArgs),

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
    /// Write a lexicon set: an embedded set as TOML into DIR, to start editing a copy; or,
    /// with --to, any set as a dictionary for LIWC, LIWC-22 or quanteda.
    #[command(
        after_help = "Examples:\n  framelex lexicons export my-lexicons/\n  $EDITOR my-lexicons/security.toml\n  framelex score --lexicons my-lexicons/ article.txt\n  framelex lexicons export --set policy-frames my-frames/\n  framelex lexicons export --lexicons my-lexicons/ --to dicx my-lexicons.dicx\n  framelex lexicons export --to yaml shared/          # writes shared/default.yaml\n\nWhat does not carry to another format (rules, scope, exclusions, negation,\nthresholds, and weights except in .dicx) is named in a warning each."
    )]
    Export {
        /// Folder to write into (created if missing); with --to, a file, or a folder to
        /// write SET.EXT into.
        #[arg(value_name = "DIR_OR_FILE")]
        dir: PathBuf,
        /// The embedded set to write: `default` or `policy-frames` (`lexicons list` shows
        /// them).
        #[arg(long = "set", default_value = "default", value_name = "NAME")]
        set: String,
        /// Write this set instead of an embedded one (folders, files or a set's name, as
        /// elsewhere); needs --to.
        #[arg(long = "lexicons", short = 'l', value_name = "PATH", requires = "to")]
        lexicons: Vec<PathBuf>,
        /// Write a dictionary in this format instead of TOML files: quanteda YAML, LIWC
        /// .dic or LIWC-22 .dicx.
        #[arg(long, value_enum, value_name = "FORMAT")]
        to: Option<ExportTo>,
        /// Overwrite files that already exist.
        #[arg(long)]
        force: bool,
    },
    /// Turn LIWC (.dic), LIWC-22 (.dicx), quanteda (.yml), Lexicoder (.lc3), WordStat
    /// (.cat) or Yoshikoder (.ykd) dictionaries into a lexicon set.
    #[command(
        after_help = "Examples:\n  framelex lexicons import mfd2.0.dic -o mfd/\n  framelex summarize --lexicons mfd/ --group-by category bbc_news.jsonl\n  framelex lexicons import RID.CAT --level 2 -o rid/\n  framelex lexicons import LSD2015_NEG.lc3 --negation -o lsd/\n\nCategories become frames (nested ones named parent/child), patterns become terms,\nweights become group weights. Every pattern that changed and everything dropped is\nreported as FILE:LINE: what and why. See docs/dictionaries.md."
    )]
    Import {
        /// Dictionary files; their categories all go into one set.
        #[arg(value_name = "FILE", required = true)]
        files: Vec<PathBuf>,
        /// Folder to write the set into (created if missing).
        #[arg(short = 'o', long = "output", value_name = "DIR", required = true)]
        output: PathBuf,
        /// The files' format; by default from the extension, else from the content.
        #[arg(long, value_enum, value_name = "FORMAT")]
        format: Option<ImportFormat>,
        /// Keep categories down to this level of the tree (1: the top level); the patterns
        /// of deeper categories count for their ancestor at this level, like quanteda's
        /// `levels`.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
        level: Option<u32>,
        /// Keep framelex's negation (a match after "not", "no"… counts for nothing). Off by
        /// default: the tools these dictionaries come from count every match.
        #[arg(long)]
        negation: bool,
        /// The set's name (shown by `lexicons list`); by default the first file's stem.
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
        /// Replace the .toml files already in DIR (they are removed first, so that no frame
        /// of an earlier import stays behind).
        #[arg(long)]
        force: bool,
    },
}

/// `score --measure`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    /// Percent of words, as LIWC reports categories.
    Percent,
}

/// `lexicons import --format`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportFormat {
    /// LIWC .dic (also: dic).
    #[value(alias = "dic")]
    Liwc,
    /// LIWC-22 .dicx.
    Dicx,
    /// quanteda YAML (also: yml).
    #[value(alias = "yml")]
    Yaml,
    /// Lexicoder .lc3.
    Lc3,
    /// WordStat .cat.
    Cat,
    /// Yoshikoder .ykd.
    Ykd,
}

/// `lexicons export --to`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportTo {
    /// quanteda YAML (no weights).
    Yaml,
    /// LIWC .dic (no weights).
    Dic,
    /// LIWC-22 .dicx (weights kept).
    Dicx,
}

/// What is scored and which voice counts, the same for every command that scores a
/// corpus (`score`, `summarize`; `eval` takes `--voice`).
#[derive(Args, Debug, Clone)]
pub struct UnitArgs {
    /// What is scored: the whole document, each paragraph or each sentence (one record
    /// each in `score`, with the unit's index and byte range; one counted unit each in
    /// `summarize`).
    #[arg(long, value_enum, default_value_t = Unit::Document)]
    pub unit: Unit,

    /// Attribute each hit to the author or to quoted/reported speech, report both counts,
    /// and count only this voice toward presence (all: both).
    #[arg(long, value_enum)]
    pub voice: Option<framelex::score::VoiceFilter>,
}

/// `--quiet` for the commands that read a corpus without the other run flags.
#[derive(Args, Debug, Clone)]
pub struct QuietArgs {
    /// No progress bar (it is shown only when stderr is a terminal and a run lasts over a
    /// second anyway).
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

#[derive(Args, Debug, Clone)]
pub struct LexiconArgs {
    /// Lexicon folder or files, replacing the embedded defaults, or the name of an
    /// embedded set (`policy-frames`; `lexicons list` shows them). Repeatable.
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

    /// Field or column holding a title, read as the text's first paragraph (`TITLE`, a
    /// blank line, then the text; offsets count from the title). Missing, null or empty
    /// titles leave the text as it is.
    #[arg(long, value_name = "FIELD")]
    pub title_field: Option<String>,

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

    /// CSV and TSV: add a `<frame>_terms` column per frame, the counted hits per term as a
    /// JSON object ({"national security":2}), as JSONL's `terms`.
    #[arg(long)]
    pub terms: bool,

    /// Add LIWC-style measures: `WC` (words), `Dic` (percent of words matched by any
    /// frame) and per frame the percent of words its matches cover (`<frame>_pct` in CSV
    /// and TSV, `pct` in JSONL). For csv, tsv and jsonl output.
    #[arg(long, value_enum, value_name = "MEASURE")]
    pub measure: Option<Measure>,

    /// Make a --keep field that no record has an error (exit 2, -o not written) instead of
    /// a warning.
    #[arg(long)]
    pub strict_fields: bool,

    /// Input fields to copy into each output record (comma-separated, repeatable).
    #[arg(long, value_delimiter = ',', value_name = "FIELDS")]
    pub keep: Vec<String>,

    #[command(flatten)]
    pub units: UnitArgs,

    /// With --unit document, also count the paragraphs or sentences in which each frame is
    /// present (`units_present`).
    #[arg(long, value_enum, value_name = "UNIT")]
    pub count_units: Option<CountUnit>,

    #[command(flatten)]
    pub lexicons: LexiconArgs,

    /// Output format. By default, the format -o's extension names (.jsonl, .ndjson, .csv,
    /// .tsv, .txt), else table on a terminal and jsonl otherwise.
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<OutputFormat>,

    /// Write to FILE instead of stdout (atomically: a temporary file renamed at the end;
    /// a name ending in .gz or .zst is compressed).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    #[command(flatten)]
    pub run: RunArgs,
}

/// Grouping by fields and time, the same for `summarize` and `report`.
#[derive(Args, Debug, Clone)]
pub struct GroupArgs {
    /// Make a --group-by or --date-field field that no record has an error (exit 2, -o not
    /// written) instead of a warning.
    #[arg(long)]
    pub strict_fields: bool,

    /// Group by these input fields (comma-separated, repeatable; dotted for nested JSON).
    /// `report` breaks prevalence down by each field on its own.
    #[arg(long, value_delimiter = ',', value_name = "FIELDS")]
    pub group_by: Vec<String>,

    /// Group by time, reading dates from this field. Accepted: ISO 8601 dates and
    /// date-times (2024-03-01, 2024-03-01T12:00:00Z), 2024-03, 2024/03/01, 20240301, US
    /// 03/01/2024 and 3/1/24, 1 March 2024, March 1, 2024, Mar. 1, 2024, 26-FEB-1987 and
    /// RFC 2822 (Fri, 01 Mar 2024 10:00:00 +0000). Two-digit years pivot: 00–68 are
    /// 2000–2068, 69–99 are 1969–1999. Other values are grouped as (unparseable),
    /// missing ones as (missing).
    #[arg(long, value_name = "FIELD")]
    pub date_field: Option<String>,

    /// Time period for --date-field. By default, year.
    #[arg(long, value_enum, requires = "date_field")]
    pub period: Option<framelex::summary::Period>,
}

impl GroupArgs {
    /// The fields records are read for, with the option that names each.
    pub fn named(&self) -> Vec<(String, &'static str)> {
        let mut named: Vec<(String, &'static str)> = self
            .group_by
            .iter()
            .map(|g| (g.clone(), "--group-by"))
            .collect();
        if let Some(d) = &self.date_field {
            named.push((d.clone(), "--date-field"));
        }
        named
    }
}

#[derive(Args, Debug)]
pub struct SummarizeArgs {
    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub units: UnitArgs,

    #[command(flatten)]
    pub lexicons: LexiconArgs,

    #[command(flatten)]
    pub groups: GroupArgs,

    /// Top terms shown per frame and group.
    #[arg(long, default_value_t = 5, value_name = "N")]
    pub top: usize,

    /// Output format: table for reading, csv for spreadsheets, json to merge later. By
    /// default, the format -o's extension names (.json, .csv, .txt), else table.
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<SummaryFormat>,

    /// Write to FILE instead of stdout (atomically; .gz or .zst compresses).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Merge summaries written with --format json instead of reading documents.
    #[arg(long, num_args = 1.., value_name = "SUMMARY", conflicts_with_all = ["inputs", "group_by", "date_field", "period"])]
    pub merge: Vec<PathBuf>,

    #[command(flatten)]
    pub run: RunArgs,
}

#[derive(Args, Debug)]
pub struct ReportArgs {
    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub units: UnitArgs,

    #[command(flatten)]
    pub lexicons: LexiconArgs,

    #[command(flatten)]
    pub groups: GroupArgs,

    /// Examples per frame: this many of the highest-scoring units, and as many drawn at
    /// random (0: none).
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub examples: usize,

    /// Seed of the random examples: the same input and seed give the same report.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub seed: u64,

    /// Groups shown per --group-by field: the largest.
    #[arg(long, default_value_t = 12, value_name = "N")]
    pub max_groups: usize,

    /// The report's title. By default, "framelex report: " and the inputs.
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,

    /// Add the `eval` table of a gold file (JSONL or CSV, read with the same fields as the
    /// inputs) and its false positives and negatives with their terms.
    #[arg(long, value_name = "FILE")]
    pub gold: Option<String>,

    /// Field (JSONL) or column (CSV) of the gold file holding the labels.
    #[arg(
        long,
        default_value = "labels",
        value_name = "FIELD",
        requires = "gold"
    )]
    pub labels_field: String,

    /// The HTML file to write (atomically).
    #[arg(long, short = 'o', value_name = "FILE", required = true)]
    pub output: PathBuf,

    #[command(flatten)]
    pub run: RunArgs,
}

pub use framelex::units::Unit;

/// The units `--count-units` counts within a document.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountUnit {
    Paragraph,
    Sentence,
}

impl From<CountUnit> for Unit {
    fn from(u: CountUnit) -> Unit {
        match u {
            CountUnit::Paragraph => Unit::Paragraph,
            CountUnit::Sentence => Unit::Sentence,
        }
    }
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum SummaryFormat {
    Table,
    Csv,
    Json,
}

#[derive(Args, Debug, Clone)]
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

    /// Count only this voice's hits: author (outside quotations and reported speech) or
    /// quoted. Gold labels belong to records, so there is no --unit: to evaluate
    /// paragraphs, give one gold record per paragraph.
    #[arg(long, value_enum)]
    pub voice: Option<framelex::score::VoiceFilter>,

    /// Field or column holding a title, scored as the first paragraph of the text (as
    /// SemEval-2023 articles are coded: `--title-field title`). Missing, null or empty
    /// titles leave the text as it is.
    #[arg(long, value_name = "FIELD")]
    pub title_field: Option<String>,

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

    /// Propose per frame the presence threshold (min_score) that maximises F1 on the gold
    /// set, with the F1 curve around it.
    #[arg(long)]
    pub fit_thresholds: bool,

    /// Also cross-validate the threshold fit in K folds: fit min_score on K-1 folds,
    /// score the held fold, report pooled P/R/F1 and the spread between folds.
    #[arg(long, value_name = "K")]
    pub cv: Option<usize>,

    /// With --cv: keep units with the same value of this field in one fold (e.g. url, the
    /// page a paragraph comes from). By default each unit is its own group.
    #[arg(long, value_name = "FIELD", requires = "cv")]
    pub cv_group: Option<String>,

    /// With --cv: seed of the (stratified, reproducible) split into folds.
    #[arg(long, value_name = "N", default_value_t = 1, requires = "cv")]
    pub cv_seed: u64,

    /// Exit with status 1 when macro-F1 is below this (with --cv: the cross-validated
    /// macro-F1 too).
    #[arg(long, value_name = "F1")]
    pub fail_under: Option<f64>,

    /// Re-run whenever a lexicon file changes (clearing the screen on a terminal).
    #[arg(long)]
    pub watch: bool,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvalFormat {
    Table,
    Json,
}

/// Fields of corpus and gold records, for commands that read them with options.
#[derive(Args, Debug, Clone)]
pub struct FieldArgs {
    /// Field (JSONL, dotted for nested objects) or column (CSV) holding the text.
    #[arg(long, default_value = "text", value_name = "FIELD")]
    pub text_field: String,

    /// Field or column holding the id. Records without one get `path:line`.
    #[arg(long, default_value = "id", value_name = "FIELD")]
    pub id_field: String,

    /// Field or column holding a title, read as the text's first paragraph (`TITLE`, a
    /// blank line, then the text; offsets count from the title). Missing, null or empty
    /// titles leave the text as it is.
    #[arg(long, value_name = "FIELD")]
    pub title_field: Option<String>,

    /// Input format; by default from each file's extension.
    #[arg(long, value_enum)]
    pub input_format: Option<InputFormat>,
}

#[derive(Args, Debug, Clone)]
pub struct CheckArgs {
    #[command(flatten)]
    pub progress: QuietArgs,

    #[command(flatten)]
    pub lexicons: LexiconArgs,

    /// Also check against a corpus (files or folders, repeatable): dead terms, terms that
    /// never count, wildcard expansions, each frame's top terms.
    #[arg(long, value_name = "FILE")]
    pub corpus: Vec<String>,

    #[command(flatten)]
    pub fields: FieldArgs,

    /// Treat warnings as errors (exit 1).
    #[arg(long)]
    pub deny_warnings: bool,

    /// Do not report these warnings (codes, comma-separated or repeated), for a set
    /// where they are meant: `--allow shared-term` for frames that share terms on
    /// purpose. The summary says how many were allowed; errors cannot be.
    #[arg(long, value_name = "CODE", value_delimiter = ',')]
    pub allow: Vec<String>,

    /// How many wildcard expansions and top terms to show per wildcard and frame.
    #[arg(long, default_value_t = 5, value_name = "N")]
    pub top: usize,

    /// Output format: compiler-style text, or JSON for editors and scripts.
    #[arg(long, short = 'f', value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,

    /// Re-check whenever a lexicon file changes (clearing the screen on a terminal).
    #[arg(long)]
    pub watch: bool,
}

#[derive(Args, Debug, Clone)]
pub struct ExplainArgs {
    #[command(flatten)]
    pub progress: QuietArgs,

    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub lexicons: LexiconArgs,

    /// Explain only the records with these ids (comma-separated, repeatable). By default,
    /// every record.
    #[arg(long, value_delimiter = ',', value_name = "ID")]
    pub id: Vec<String>,

    /// Output format: the text with highlighted hits and a breakdown, JSON with spans, or
    /// one HTML page of the documents, hits highlighted with tooltips.
    #[arg(long, short = 'f', value_enum, default_value_t = ExplainFormat::Text)]
    pub format: ExplainFormat,

    /// Explain each paragraph or sentence on its own, as `ID#N` (N from 0, as `score
    /// --unit` numbers units); --id still names documents.
    #[arg(long, value_enum, default_value_t = Unit::Document)]
    pub unit: Unit,

    /// Re-run whenever a lexicon file or the input file changes.
    #[arg(long)]
    pub watch: bool,
}

#[derive(Args, Debug, Clone)]
pub struct KwicArgs {
    #[command(flatten)]
    pub progress: QuietArgs,

    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub lexicons: LexiconArgs,

    /// Only hits of these frames (comma-separated, repeatable).
    #[arg(long, value_delimiter = ',', value_name = "FRAME")]
    pub frame: Vec<String>,

    /// Only hits of terms matching this glob (repeatable), e.g. 'secur*'.
    #[arg(long, value_name = "GLOB")]
    pub term: Vec<String>,

    /// Only negated hits. By default, counted and negated hits.
    #[arg(long, conflicts_with_all = ["excluded", "out_of_scope"])]
    pub negated: bool,

    /// Only hits cancelled by an exclusion phrase.
    #[arg(long, conflicts_with = "out_of_scope")]
    pub excluded: bool,

    /// Only hits held back by their frame's scope (no scope term near them).
    #[arg(long)]
    pub out_of_scope: bool,

    /// Print at most N lines (after sorting).
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,

    /// Characters of context on each side.
    #[arg(long, default_value_t = 40, value_name = "N")]
    pub width: usize,

    /// Output format: aligned text, or one JSON object per hit.
    #[arg(long, short = 'f', value_enum, default_value_t = KwicFormat::Text)]
    pub format: KwicFormat,
}

#[derive(Args, Debug, Clone)]
pub struct DiffArgs {
    #[command(flatten)]
    pub progress: QuietArgs,

    /// The lexicon set before the change (folder or files, repeatable).
    #[arg(long, required = true, value_name = "PATH")]
    pub old: Vec<PathBuf>,

    /// The lexicon set after the change (folder or files, repeatable).
    #[arg(long, required = true, value_name = "PATH")]
    pub new: Vec<PathBuf>,

    /// Corpus files or folders, or - for stdin. With --gold and no CORPUS, the gold units.
    #[arg(value_name = "CORPUS")]
    pub corpus: Vec<String>,

    /// Gold file (JSONL, CSV or TSV): also report P/R/F1 old → new.
    #[arg(long, value_name = "FILE")]
    pub gold: Option<String>,

    /// Field (JSONL) or column (CSV) of the gold file holding the labels.
    #[arg(long, default_value = "labels", value_name = "FIELD")]
    pub labels_field: String,

    #[command(flatten)]
    pub fields: FieldArgs,

    /// How many changed units to list per frame and direction (0: all).
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub show: usize,

    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

#[derive(Args, Debug, Clone)]
pub struct SuggestArgs {
    #[command(flatten)]
    pub progress: QuietArgs,

    /// Gold file (JSONL, CSV or TSV) whose labels split units into the frame's and the rest.
    #[arg(long, value_name = "FILE", required_unless_present = "positive", conflicts_with_all = ["positive", "negative"])]
    pub gold: Option<String>,

    /// The frame to suggest terms for. Required with --gold; with --positive/--negative,
    /// leaves out what this frame already matches.
    #[arg(long, value_name = "FRAME", required_unless_present = "positive")]
    pub frame: Option<String>,

    /// Units that use the frame (files or folders, repeatable), instead of --gold.
    #[arg(long, value_name = "FILE", requires = "negative")]
    pub positive: Vec<String>,

    /// Units that do not (files or folders, repeatable).
    #[arg(long, value_name = "FILE", requires = "positive")]
    pub negative: Vec<String>,

    /// Field (JSONL) or column (CSV) of the gold file holding the labels.
    #[arg(long, default_value = "labels", value_name = "FIELD")]
    pub labels_field: String,

    #[command(flatten)]
    pub fields: FieldArgs,

    #[command(flatten)]
    pub lexicons: LexiconArgs,

    /// How many candidates to print.
    #[arg(long, default_value_t = 25, value_name = "N")]
    pub top: usize,

    /// Minimum occurrences of a candidate on the positive side.
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub min_count: u64,

    /// Longest candidate, in words (1 or 2).
    #[arg(long, default_value_t = 2, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=2))]
    pub max_words: u8,

    /// Strength of the informative prior: each candidate's prior count is A × its count
    /// in both sides pooled. Larger values favour frequent words.
    #[arg(long, default_value_t = 0.1, value_name = "A")]
    pub prior: f64,

    /// Keep candidates made of or bordered by English function words ("the", "of").
    #[arg(long)]
    pub keep_stopwords: bool,

    /// Output format: TOML lines to paste into a group's terms, or JSON.
    #[arg(long, short = 'f', value_enum, default_value_t = SuggestFormat::Toml)]
    pub format: SuggestFormat,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Text,
    Json,
}

/// `explain --format`.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExplainFormat {
    /// Highlighted text and a breakdown per frame, for a terminal.
    Text,
    /// One JSON object per document.
    Json,
    /// One self-contained HTML page of every document, each hit highlighted in its
    /// frame's colour with a tooltip (as in `framelex report`).
    Html,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum KwicFormat {
    Text,
    Jsonl,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum SuggestFormat {
    Toml,
    Json,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}
