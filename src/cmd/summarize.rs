//! `framelex summarize`: streams a corpus through the scorer and prints aggregates by
//! group and period, or merges summaries of shards (`--merge`).

use std::io::Write;
use std::process::ExitCode;

use anyhow::{anyhow, bail, Context, Result};
use framelex::input::parse_path;
use framelex::pipeline::{self, Outcome, PipelineOptions};
use framelex::score::{DocScore, VoiceFilter};
use framelex::summary::{Period, Summary};
use framelex::units::{self, Unit, UnitOptions};
use framelex::Compiled;

use super::output::Output;
use super::score::{input_specs, read_options, RunLog};
use crate::cli::{ColorChoice, SummarizeArgs, SummaryFormat};

pub fn run(args: SummarizeArgs, _color: ColorChoice) -> Result<ExitCode> {
    // Checked before reading anything: a contradiction fails at once.
    let format = super::output::format_for(
        args.format,
        args.output.as_deref(),
        &[
            ("json", SummaryFormat::Json),
            ("csv", SummaryFormat::Csv),
            ("txt", SummaryFormat::Table),
        ],
        SummaryFormat::Table,
    )?;
    let (summary, failed) = if args.merge.is_empty() {
        summarize(&args)?
    } else {
        (merge(&args)?, 0)
    };
    let mut out = Output::open(args.output.as_deref())?;
    let mut buf = Vec::new();
    match format {
        SummaryFormat::Json => summary.write_json(&mut buf, args.top)?,
        SummaryFormat::Csv => write_csv(&mut buf, &summary, args.top)?,
        SummaryFormat::Table => write_table(&mut buf, &summary, args.top)?,
    }
    out.write_all(&buf)?;
    out.finish()?;
    Ok(if failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn summarize(args: &SummarizeArgs) -> Result<(Summary, u64)> {
    let compiled: Compiled = super::load_lexicons(&args.lexicons)?;
    let inputs = input_specs(&args.input)?;
    let first_fields = framelex::input::first_record_fields(&inputs, &read_options(&args.input)?);
    let progress = super::progress::Progress::new(&inputs, args.run.quiet);
    let mut read = read_options(&args.input)?;
    let groups = &args.groups;
    read.keep = groups.named().iter().map(|(k, _)| parse_path(k)).collect();
    read.progress = Some(progress.counter());
    let period = groups
        .date_field
        .as_ref()
        .map(|_| groups.period.unwrap_or(Period::Year));
    let unit_opts = UnitOptions {
        unit: args.units.unit,
        count_units: None,
        voice: args.units.voice,
    };
    let mut summary = Summary::new(
        &compiled,
        groups.group_by.clone(),
        groups.date_field.clone(),
        period,
    )
    .counting(
        (unit_opts.unit != Unit::Document).then(|| unit_opts.unit.name()),
        match unit_opts.voice {
            None | Some(VoiceFilter::All) => None,
            Some(VoiceFilter::Author) => Some("author"),
            Some(VoiceFilter::Quoted) => Some("quoted"),
        },
    );
    // Plain documents keep the pipeline's own scores; units and voices are scored (or
    // filtered) on the worker threads, as `score` does.
    let plain = unit_opts == UnitOptions::default();
    let opts = PipelineOptions {
        threads: args.run.threads.unwrap_or(0),
        read,
    };
    let mut log = RunLog::new(groups.named().len());
    let stats = pipeline::run_with(
        &compiled,
        inputs,
        &opts,
        unit_opts.needs_whole(&compiled),
        |scorer, outcome| match outcome {
            Outcome::Scored(doc, score) if !plain => {
                let scores: Vec<DocScore> =
                    units::score_units(scorer, &doc.text, score, &unit_opts)
                        .into_iter()
                        .map(|u| u.score)
                        .collect();
                (Outcome::Scored(doc, DocScore::default()), scores)
            }
            Outcome::Scored(doc, score) => (Outcome::Scored(doc, DocScore::default()), vec![score]),
            failed => (failed, Vec::new()),
        },
        |(outcome, scores)| -> Result<(), std::convert::Infallible> {
            progress.record();
            match outcome {
                Outcome::Scored(doc, _) => {
                    log.scored(&doc.kept);
                    for score in &scores {
                        summary.add(&compiled, &doc.kept, score);
                    }
                }
                Outcome::Failed(mut e) => {
                    log.failed(&mut e);
                    summary.add_failed(&e.kept);
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
    Ok((summary, stats.failed))
}

fn merge(args: &SummarizeArgs) -> Result<Summary> {
    let mut merged: Option<Summary> = None;
    // The parts read so far, to refuse the same shard given twice: two summaries with the
    // same groups and sums are the same documents (real shards never agree to the last
    // count), and merging them would count those documents twice.
    let mut seen: Vec<(&std::path::Path, Summary)> = Vec::new();
    for path in &args.merge {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let part = Summary::from_json(&text).map_err(|e| anyhow!("{}: {e}", path.display()))?;
        if !part.groups.is_empty() {
            if let Some((first, _)) = seen.iter().find(|(_, s)| *s == part) {
                bail!(
                    "{} and {} hold the same summary: merging would count the same documents twice; give each shard once",
                    first.display(),
                    path.display()
                );
            }
            seen.push((path, part.clone()));
        }
        match &mut merged {
            None => merged = Some(part),
            Some(m) => m
                .merge(part)
                .with_context(|| format!("cannot merge {}", path.display()))?,
        }
    }
    Ok(merged.expect("clap requires at least one --merge file"))
}

fn write_csv(out: &mut Vec<u8>, s: &Summary, top: usize) -> Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let mut header = s.key_names();
    header.extend(
        [
            "documents",
            "failed",
            "frame",
            "present",
            "presence",
            "mean_density",
            "top_terms",
        ]
        .map(String::from),
    );
    w.write_record(&header)?;
    for row in s.rows(top) {
        for (fi, f) in row.frames.iter().enumerate() {
            let mut rec = row.key.clone();
            rec.push(row.documents.to_string());
            rec.push(row.failed.to_string());
            rec.push(s.frames[fi].clone());
            rec.push(f.present.to_string());
            rec.push(format!("{:.4}", f.presence));
            rec.push(format!("{:.3}", f.mean_density));
            rec.push(
                f.top_terms
                    .iter()
                    .map(|(t, n)| format!("{t}:{n}"))
                    .collect::<Vec<_>>()
                    .join("; "),
            );
            w.write_record(&rec)?;
        }
    }
    w.flush()?;
    Ok(())
}

fn write_table(out: &mut Vec<u8>, s: &Summary, top: usize) -> Result<()> {
    let rows = s.rows(top);
    let names = s.key_names();
    let key_w: Vec<usize> = (0..names.len())
        .map(|i| {
            rows.iter()
                .map(|r| r.key[i].chars().count())
                .chain([names[i].len()])
                .max()
                .unwrap_or(4)
        })
        .collect();
    let frame_w: Vec<usize> = s.frames.iter().map(|f| f.len().max(17)).collect();
    for (n, w) in names.iter().zip(&key_w) {
        write!(out, "{n:<w$}  ")?;
    }
    // What a row counts: documents, or the paragraphs or sentences of `--unit`.
    let counted = match s.unit.as_deref() {
        Some("paragraph") => "paragraphs",
        Some("sentence") => "sentences",
        _ => "documents",
    };
    let cw = counted.len();
    write!(out, "{counted:>cw$}  {:>6}", "failed")?;
    for (f, w) in s.frames.iter().zip(&frame_w) {
        write!(out, "  {f:>w$}")?;
    }
    writeln!(out)?;
    for row in &rows {
        for (k, w) in row.key.iter().zip(&key_w) {
            write!(out, "{k:<w$}  ")?;
        }
        write!(out, "{:>cw$}  {:>6}", row.documents, row.failed)?;
        for (f, w) in row.frames.iter().zip(&frame_w) {
            let cell = format!("{:>5.1}% ({:>5.2})", f.presence * 100.0, f.mean_density);
            write!(out, "  {cell:>w$}")?;
        }
        writeln!(out)?;
    }
    let voice = match s.voice.as_deref() {
        Some(v) => format!("; only {v} hits count (--voice {v})"),
        None => String::new(),
    };
    writeln!(
        out,
        "\ncells: share of {counted} where the frame is present (mean density per 1,000 words){voice}"
    )?;
    if top > 0 {
        writeln!(out, "\ntop terms")?;
        for row in &rows {
            let label = if row.key.is_empty() {
                "all".to_string()
            } else {
                row.key.join(" / ")
            };
            writeln!(out, "{label}")?;
            for (f, fr) in s.frames.iter().zip(&row.frames) {
                let terms: Vec<String> = fr
                    .top_terms
                    .iter()
                    .map(|(t, n)| format!("{t} {n}"))
                    .collect();
                writeln!(
                    out,
                    "  {f}: {}",
                    if terms.is_empty() {
                        "-".into()
                    } else {
                        terms.join(", ")
                    }
                )?;
            }
        }
    }
    Ok(())
}
