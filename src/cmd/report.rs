//! `framelex report`: streams a corpus through the scorer as `summarize` does, feeding a
//! [`framelex::report::Collector`], then writes the HTML page. The figures and the page are
//! the library's; this file wires inputs, units and output.

use std::process::ExitCode;

use anyhow::Result;
use framelex::input::parse_path;
use framelex::pipeline::{self, Outcome, PipelineOptions};
use framelex::report::{self, Collector, Meta, ReportOptions};
use framelex::score::{DocScore, VoiceFilter};
use framelex::summary::Period;
use framelex::units::{self, UnitOptions};
use framelex::Compiled;

use super::output::Output;
use super::score::{input_specs, read_options, RunLog};
use crate::cli::ReportArgs;

/// One scored unit on its way from a worker to the collector: its index, its text and its
/// score (hits index the text).
struct UnitOut {
    index: Option<usize>,
    text: String,
    score: DocScore,
}

pub fn run(args: ReportArgs) -> Result<ExitCode> {
    let compiled: Compiled = super::load_lexicons(&args.lexicons)?;
    let inputs = input_specs(&args.input)?;
    let first_fields = framelex::input::first_record_fields(&inputs, &read_options(&args.input)?);
    let progress = super::progress::Progress::new(&inputs, args.run.quiet);
    let mut read = read_options(&args.input)?;
    let groups = &args.groups;
    read.keep = groups.named().iter().map(|(k, _)| parse_path(k)).collect();
    read.progress = Some(progress.counter());
    let unit_opts = UnitOptions {
        unit: args.units.unit,
        count_units: None,
        voice: args.units.voice,
    };
    unit_opts.validate()?;
    // The gold file first: a bad one fails before the corpus is read.
    let gold = match &args.gold {
        None => None,
        Some(path) => {
            let gold = super::eval::Gold {
                path,
                labels_field: &args.labels_field,
                cv_group: None,
                voice: args.units.voice,
                read: framelex::input::ReadOptions {
                    format: args.input.input_format,
                    text_field: parse_path(&args.input.text_field),
                    id_field: parse_path(&args.input.id_field),
                    title_field: args.input.title_field.as_deref().map(parse_path),
                    ..Default::default()
                },
            };
            let (units, _) = super::eval::read_gold(&compiled, &gold)?;
            Some(framelex::eval::evaluate_voiced(
                &compiled,
                &units,
                args.units.voice,
            ))
        }
    };
    // Refuse an unwritable output before reading the corpus.
    let mut out = Output::open(Some(&args.output))?;
    let period = groups.period.unwrap_or(Period::Year);
    let mut collector = Collector::new(
        &compiled,
        ReportOptions {
            group_by: groups.group_by.clone(),
            date_field: groups.date_field.clone(),
            period,
            examples: args.examples,
            seed: args.seed,
            max_groups: args.max_groups.max(1),
            voice: args.units.voice,
        },
    );
    let opts = PipelineOptions {
        threads: args.run.threads.unwrap_or(0),
        read,
    };
    let plain = unit_opts == UnitOptions::default();
    let mut log = RunLog::new(groups.named().len());
    let stats = pipeline::run_with(
        &compiled,
        inputs.clone(),
        &opts,
        unit_opts.needs_whole(&compiled),
        |scorer, outcome| match outcome {
            // Units are scored on the worker threads; each carries its own text, which its
            // hits index.
            Outcome::Scored(doc, score) if !plain => {
                let units: Vec<UnitOut> = units::score_units(scorer, &doc.text, score, &unit_opts)
                    .into_iter()
                    .map(|u| match u.unit {
                        Some(r) => UnitOut {
                            index: Some(r.index),
                            text: doc.text[r.start..r.end].to_string(),
                            score: u.score,
                        },
                        None => UnitOut {
                            index: None,
                            text: doc.text.clone(),
                            score: u.score,
                        },
                    })
                    .collect();
                (Outcome::Scored(doc, DocScore::default()), units)
            }
            Outcome::Scored(mut doc, score) => {
                let text = std::mem::take(&mut doc.text);
                (
                    Outcome::Scored(doc, DocScore::default()),
                    vec![UnitOut {
                        index: None,
                        text,
                        score,
                    }],
                )
            }
            failed => (failed, Vec::new()),
        },
        |(outcome, units)| -> Result<(), std::convert::Infallible> {
            progress.record();
            match outcome {
                Outcome::Scored(doc, _) => {
                    log.scored(&doc.kept);
                    collector.add_document();
                    for u in &units {
                        collector.add_unit(&doc.id, u.index, &doc.kept, &u.text, &u.score);
                    }
                }
                Outcome::Failed(mut e) => {
                    log.failed(&mut e);
                    collector.add_failed();
                }
            }
            Ok(())
        },
    )
    .unwrap_or_else(|never| match never {});
    progress.finish();
    log.finish(
        &groups.named(),
        &stats,
        first_fields.as_deref(),
        groups.strict_fields,
        args.run.stats,
    )?;

    let input_names: Vec<String> = if args.input.inputs.is_empty() {
        vec!["-".to_string()]
    } else {
        args.input.inputs.clone()
    };
    let title = args
        .title
        .clone()
        .unwrap_or_else(|| format!("framelex report: {}", input_names.join(", ")));
    let meta = Meta {
        unit: args.units.unit.name().to_string(),
        voice: match args.units.voice {
            None | Some(VoiceFilter::All) => None,
            Some(VoiceFilter::Author) => Some("author".into()),
            Some(VoiceFilter::Quoted) => Some("quoted".into()),
        },
        group_by: groups.group_by.clone(),
        date_field: groups.date_field.clone(),
        period: period_name(period).into(),
        seed: args.seed,
        ..page_meta(&compiled, title, input_names)
    };
    let data = collector.finish();
    let page = report::render(&data, &meta, gold.as_ref());
    out.write_all(page.as_bytes())?;
    out.finish()?;
    let units = if meta.unit == "document" {
        String::new()
    } else {
        format!(", {} {}s", data.units, meta.unit)
    };
    eprintln!(
        "framelex: wrote {} ({} KiB): {} documents{units}, {} failed",
        args.output.display(),
        page.len().div_ceil(1024),
        data.documents,
        data.failed
    );
    Ok(if stats.failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn period_name(p: Period) -> &'static str {
    match p {
        Period::Year => "year",
        Period::Month => "month",
        Period::Week => "week",
    }
}

/// The header of a page about `compiled` (a report of whole documents until the caller
/// says otherwise): who made it, when, how, and with which set.
pub fn page_meta(compiled: &Compiled, title: String, inputs: Vec<String>) -> Meta {
    Meta {
        title,
        inputs,
        command: command_line(),
        date: now_utc(),
        version: env!("CARGO_PKG_VERSION").to_string(),
        set_name: compiled.set.name.clone(),
        set_digest: report::set_digest(compiled),
        set_frames: compiled
            .frames
            .iter()
            .zip(compiled.term_counts())
            .map(|(f, n)| (f.id.clone(), f.name.clone(), n))
            .collect(),
        unit: "document".into(),
        voice: None,
        group_by: Vec::new(),
        date_field: None,
        period: String::new(),
        seed: 0,
    }
}

/// The command line as typed, each argument quoted for a POSIX shell when it needs it.
pub fn command_line() -> String {
    let quote = |a: String| {
        if !a.is_empty()
            && a.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_./=:,@%+".contains(c))
        {
            a
        } else {
            format!("'{}'", a.replace('\'', r"'\''"))
        }
    };
    let mut args = std::env::args();
    let first = args.next().map_or("framelex".to_string(), |p| {
        std::path::Path::new(&p)
            .file_name()
            .map_or(p.clone(), |n| n.to_string_lossy().into_owned())
    });
    std::iter::once(first)
        .chain(args.map(quote))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Now, as `YYYY-MM-DD HH:MM UTC`.
pub fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    chrono::DateTime::from_timestamp(secs, 0)
        .map_or_else(String::new, |d| d.format("%Y-%m-%d %H:%M UTC").to_string())
}
