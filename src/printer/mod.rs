//! Output formats for scored documents: a table for people, JSONL and CSV for programs.
//!
//! A printer turns one [`Outcome`] into bytes appended to a buffer. The pipeline calls it
//! on the worker threads, so formatting runs in parallel too, and the buffers are then
//! written in input order through one writer. Headers come from [`Printer::header`].

mod csv;
mod jsonl;
mod table;

pub use self::csv::CsvPrinter;
pub use jsonl::JsonlPrinter;
pub use table::TablePrinter;

use crate::compile::Compiled;
use crate::lexicon::Color;
use crate::pipeline::Outcome;

/// Output formats of `framelex score`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// A block per document, for reading in a terminal.
    Table,
    /// One JSON object per input record.
    Jsonl,
    /// One row per input record, with columns per frame.
    Csv,
    /// The CSV columns, separated by tabs.
    Tsv,
}

/// Turns outcomes into bytes.
pub trait Printer: Sync {
    /// Bytes written once before the first record (a CSV header row, say).
    fn header(&self, out: &mut Vec<u8>);
    /// Appends one record.
    fn record(&self, out: &mut Vec<u8>, outcome: &Outcome);
}

/// What every printer needs to know.
#[derive(Debug, Clone)]
pub struct PrintContext<'c> {
    /// The compiled set (frame ids, names, term texts).
    pub compiled: &'c Compiled,
    /// Names of the kept fields, in `--keep` order.
    pub keep: Vec<String>,
    /// Use ANSI colour.
    pub color: bool,
    /// Records are units of documents (CSV adds unit, start and end columns).
    pub units: bool,
    /// CSV and TSV add a `<frame>_terms` column per frame: the counted hits per term, as
    /// a JSON object (`--terms`).
    pub terms: bool,
    /// LIWC-style percentages (`--measure percent`): CSV and TSV add `WC`, `Dic` and a
    /// `<frame>_pct` column per frame, JSONL `"WC"`, `"Dic"` and a `"pct"` per frame.
    pub percent: Option<crate::measure::WordShare>,
}

/// Builds the printer for a format.
pub fn for_format<'c>(format: OutputFormat, ctx: PrintContext<'c>) -> Box<dyn Printer + 'c> {
    match format {
        OutputFormat::Table => Box::new(TablePrinter::new(ctx)),
        OutputFormat::Jsonl => Box::new(JsonlPrinter::new(ctx)),
        OutputFormat::Csv => Box::new(CsvPrinter::new(ctx)),
        OutputFormat::Tsv => Box::new(CsvPrinter::with_delimiter(ctx, b'\t')),
    }
}

/// The terminal colour of a frame colour.
pub fn ansi(c: Color) -> anstyle::AnsiColor {
    use anstyle::AnsiColor;
    match c {
        Color::Red => AnsiColor::Red,
        Color::Green => AnsiColor::Green,
        Color::Yellow => AnsiColor::Yellow,
        Color::Blue => AnsiColor::Blue,
        Color::Magenta => AnsiColor::Magenta,
        Color::Cyan => AnsiColor::Cyan,
    }
}

/// Rounds for output: scores to 4 decimals, densities to 2, so that sums of weights print
/// as `1.5`, not `1.4999999999999998`.
pub fn round(x: f64, decimals: i32) -> f64 {
    let m = 10f64.powi(decimals);
    let r = (x * m).round() / m;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}
