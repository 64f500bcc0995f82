//! `framelex score`: the main job. Streams inputs through the pipeline and prints one
//! output record per input record, in input order.

use std::io::IsTerminal;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use framelex::input::{parse_path, Document, InputSpec, Kept, ReadOptions};
use framelex::pipeline::{self, Outcome, PipelineOptions, RunStats};
use framelex::printer::Printer;
use framelex::printer::{self, OutputFormat, PrintContext};
use framelex::score::{DocScore, Scorer};
use framelex::units::{self, Unit, UnitOptions};

use super::output::Output;
use crate::cli::{ColorChoice, InputArgs, ScoreArgs};

/// Output keys that `--keep` may not take.
const RESERVED: &[&str] = &["id", "frames", "dominant", "words", "error", "invalid_utf8"];

/// How many failed records are reported one by one on stderr before summing up.
const MAX_ERROR_LINES: u64 = 50;

pub fn run(args: ScoreArgs, color: ColorChoice) -> Result<ExitCode> {
    let compiled = super::load_lexicons(&args.lexicons)?;
    let inputs = input_specs(&args.input)?;
    let first_fields = framelex::input::first_record_fields(&inputs, &read_options(&args.input)?);
    check_keep(&args.keep)?;
    // Every option is checked before the first byte of output.
    let unit_opts = UnitOptions {
        unit: args.units.unit,
        count_units: args.count_units.map(Unit::from),
        voice: args.units.voice,
    };
    unit_opts.validate()?;
    let progress = super::progress::Progress::new(&inputs, args.run.quiet);
    let mut read = read_options(&args.input)?;
    read.keep = args.keep.iter().map(|k| parse_path(k)).collect();
    read.progress = Some(progress.counter());
    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let format = super::output::format_for(
        args.format,
        args.output.as_deref(),
        &[
            ("jsonl", OutputFormat::Jsonl),
            ("ndjson", OutputFormat::Jsonl),
            ("csv", OutputFormat::Csv),
            ("tsv", OutputFormat::Tsv),
            ("txt", OutputFormat::Table),
        ],
        if to_terminal {
            OutputFormat::Table
        } else {
            OutputFormat::Jsonl
        },
    )?;
    if args.measure.is_some() && format == OutputFormat::Table {
        bail!(
            "--measure percent is for csv, tsv and jsonl output; add --format csv (or -o FILE.csv)"
        );
    }
    let ctx = PrintContext {
        percent: args
            .measure
            .map(|_| framelex::measure::WordShare::new(&compiled)),
        compiled: &compiled,
        keep: args.keep.clone(),
        units: args.units.unit != Unit::Document,
        color: super::use_color(color, args.output.is_none()),
        terms: args.terms,
    };
    let printer = printer::for_format(format, ctx);
    let opts = PipelineOptions {
        threads: args.run.threads.unwrap_or(0),
        read,
    };

    let mut sink = Output::open(args.output.as_deref())?;
    let mut header = Vec::new();
    printer.header(&mut header);
    sink.write_all(&header)?;
    let mut errors_shown = 0u64;
    // The first hint of the run, said once at the end.
    let mut hint: Option<String> = None;
    // Records that had each --keep field.
    let mut present = vec![0u64; args.keep.len()];
    let mut done = 0u64;
    super::interrupt::flag();
    // Units are scored one by one; the whole document is scored too only when a scope
    // looks beyond the unit.
    let whole = unit_opts.needs_whole(&compiled);
    let result = pipeline::run_with(
        &compiled,
        inputs,
        &opts,
        whole,
        |scorer, outcome| {
            let mut buf = Vec::with_capacity(512);
            let err = match outcome {
                Outcome::Failed(mut e) => {
                    let msg = (e.to_string(), e.hint.take(), kept_mask(&e.kept));
                    printer.record(&mut buf, &Outcome::Failed(e));
                    Err(msg)
                }
                Outcome::Scored(doc, score) => {
                    let mask = kept_mask(&doc.kept);
                    print_units(scorer, doc, score, &unit_opts, &mut buf, &*printer);
                    Ok(mask)
                }
            };
            (buf, err)
        },
        |(buf, err)| -> Result<()> {
            super::interrupt::check(done)?;
            done += 1;
            progress.record();
            let mask = match err {
                Ok(mask) => mask,
                Err((e, h, mask)) => {
                    errors_shown += 1;
                    if errors_shown <= MAX_ERROR_LINES {
                        eprintln!("{e}");
                    }
                    hint = hint.take().or(h);
                    mask
                }
            };
            for (n, had) in present.iter_mut().zip(mask) {
                *n += u64::from(had);
            }
            sink.write_all(&buf).context("cannot write output")
        },
    );
    progress.finish();
    let stats = match result {
        Ok(stats) => stats,
        Err(e) => {
            if let Some(i) = e.downcast_ref::<super::interrupt::Interrupted>() {
                // Dropping the sink removes the temporary file of `-o`.
                let note = match &args.output {
                    Some(p) => format!("; {} was not written", p.display()),
                    None => String::new(),
                };
                eprintln!("framelex: interrupted after {} records{note}", i.records);
                return Ok(ExitCode::from(130));
            }
            return Err(e);
        }
    };
    let named: Vec<(String, &str)> = args.keep.iter().map(|k| (k.clone(), "--keep")).collect();
    check_fields(
        &named,
        &present,
        &stats,
        first_fields.as_deref(),
        args.strict_fields,
    )?;
    sink.finish()?;
    report(&stats, args.run.stats, hint.as_deref());
    Ok(if stats.failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// Prints a scored document as one record, or as one record per unit
/// ([`framelex::units`]).
fn print_units(
    scorer: &mut Scorer<'_>,
    doc: Document,
    score: DocScore,
    opts: &UnitOptions,
    buf: &mut Vec<u8>,
    printer: &dyn Printer,
) {
    let mut records = units::score_units(scorer, &doc.text, score, opts);
    if opts.unit == Unit::Document {
        let r = records.pop().expect("a document gives one record");
        printer.record(buf, &Outcome::Scored(doc, r.score));
        return;
    }
    for r in records {
        let index = r.unit.map_or(0, |u| u.index);
        let unit_doc = Document {
            id: doc.id.clone(),
            text: String::new(),
            kept: doc.kept.clone(),
            invalid_utf8: if index == 0 { doc.invalid_utf8 } else { 0 },
            origin: doc.origin.clone(),
            line: doc.line,
            unit: r.unit,
        };
        printer.record(buf, &Outcome::Scored(unit_doc, r.score));
    }
}

/// Which kept fields a record had (empty, without allocating, when nothing is kept).
pub fn kept_mask(kept: &[Kept]) -> Vec<bool> {
    kept.iter().map(|k| !matches!(k, Kept::Missing)).collect()
}

/// Warns about (or, `strict`, refuses) fields named by an option that no record had.
pub fn check_fields(
    named: &[(String, &str)],
    present: &[u64],
    stats: &RunStats,
    first_fields: Option<&[String]>,
    strict: bool,
) -> Result<()> {
    let absent =
        framelex::input::absent_fields(named, present, stats.scored + stats.failed, first_fields);
    if absent.is_empty() {
        return Ok(());
    }
    if strict {
        bail!("{} (--strict-fields)", absent.join("\n"));
    }
    for a in absent {
        eprintln!("framelex: warning: {a}");
    }
    Ok(())
}

pub fn input_specs(args: &InputArgs) -> Result<Vec<InputSpec>> {
    if args.inputs.is_empty() {
        if std::io::stdin().is_terminal() {
            bail!("no input: name files or folders, or pipe text into `framelex score -`");
        }
        return Ok(vec![InputSpec::Stdin]);
    }
    Ok(args.inputs.iter().map(|s| InputSpec::parse(s)).collect())
}

fn check_keep(keep: &[String]) -> Result<()> {
    for k in keep {
        if k.is_empty() {
            bail!("--keep: empty field name");
        }
        if RESERVED.contains(&k.as_str()) {
            bail!("--keep {k}: \"{k}\" is a key of framelex's own output; it cannot be kept");
        }
    }
    Ok(())
}

/// Read options from the input flags; `keep` is left empty for the caller to fill.
pub fn read_options(args: &InputArgs) -> Result<ReadOptions> {
    if args.max_doc_bytes == 0 {
        bail!("--max-doc-bytes must be at least 1");
    }
    Ok(ReadOptions {
        format: args.input_format,
        text_field: parse_path(&args.text_field),
        id_field: parse_path(&args.id_field),
        title_field: args.title_field.as_deref().map(parse_path),
        max_doc_bytes: args.max_doc_bytes,
        ..ReadOptions::default()
    })
}

/// The end-of-run report on stderr: failures always, the full line with `--stats`.
pub fn report(stats: &RunStats, full: bool, hint: Option<&str>) {
    if stats.failed > MAX_ERROR_LINES {
        eprintln!(
            "framelex: … and {} more failed records (each has an error record in the output)",
            stats.failed - MAX_ERROR_LINES
        );
    }
    if let Some(h) = hint {
        eprintln!("framelex: hint: {h}");
    }
    if stats.invalid_utf8_records > 0 {
        eprintln!(
            "framelex: warning: {} records held invalid UTF-8, decoded with U+FFFD",
            stats.invalid_utf8_records
        );
    }
    if stats.unknown_files > 0 {
        eprintln!(
            "framelex: warning: passed over {} files in folders with no known extension (.txt .md .jsonl .ndjson .json .csv .tsv, optionally .gz/.zst) or hidden; use --input-format to read them",
            stats.unknown_files
        );
    }
    let secs = stats.elapsed.as_secs_f64();
    if full {
        eprintln!(
            "framelex: {} records: {} scored, {} failed, {} skipped; {:.1} MB read, decompressed ({:.1} MB text) in {:.2} s, {:.1} MB/s",
            stats.scored + stats.failed,
            stats.scored,
            stats.failed,
            stats.skipped,
            stats.bytes as f64 / 1e6,
            stats.text_bytes as f64 / 1e6,
            secs,
            if secs > 0.0 { stats.bytes as f64 / 1e6 / secs } else { 0.0 }
        );
    } else if stats.failed > 0 {
        eprintln!(
            "framelex: {} of {} records failed",
            stats.failed,
            stats.scored + stats.failed
        );
    }
}

/// What a run over a corpus tells the user beside its output, for the commands that fold
/// records into one result (`summarize`, `report`): failed records (the first
/// [`MAX_ERROR_LINES`] one by one), the first hint, and which named fields the records had.
pub struct RunLog {
    present: Vec<u64>,
    shown: u64,
    hint: Option<String>,
}

impl RunLog {
    /// A log for records read with `fields` named fields kept.
    pub fn new(fields: usize) -> RunLog {
        RunLog {
            present: vec![0; fields],
            shown: 0,
            hint: None,
        }
    }

    /// Notes which named fields a scored record had.
    pub fn scored(&mut self, kept: &[Kept]) {
        for (n, had) in self.present.iter_mut().zip(kept_mask(kept)) {
            *n += u64::from(had);
        }
    }

    /// Reports a failed record (the first ones), keeps the run's first hint, and notes its
    /// fields.
    pub fn failed(&mut self, e: &mut framelex::input::RecordError) {
        self.shown += 1;
        if self.shown <= MAX_ERROR_LINES {
            eprintln!("{e}");
        }
        self.hint = self.hint.take().or(e.hint.take());
        self.scored(&e.kept);
    }

    /// Warns of (or, `strict`, refuses) named fields no record had, then prints the run's
    /// last lines.
    pub fn finish(
        self,
        named: &[(String, &str)],
        stats: &RunStats,
        first_fields: Option<&[String]>,
        strict: bool,
        full_stats: bool,
    ) -> Result<()> {
        check_fields(named, &self.present, stats, first_fields, strict)?;
        report(stats, full_stats, self.hint.as_deref());
        Ok(())
    }
}
