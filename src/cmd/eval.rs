//! `framelex eval`: scores a gold file and reports per-frame metrics with error
//! attribution. Every bad gold record is reported (`path:line: reason`) before giving up,
//! so a gold file can be fixed in one pass.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use framelex::eval::{self, GoldUnit};
use framelex::input::{parse_path, InputSpec, ReadOptions};
use framelex::pipeline::{self, Outcome, PipelineOptions};
use framelex::units::{self, UnitOptions};

use crate::cli::{EvalArgs, EvalFormat};

pub fn run(args: EvalArgs) -> Result<ExitCode> {
    let compiled = super::load_lexicons(&args.lexicons)?;
    if let Some(f) = args.fail_under {
        if !(0.0..=1.0).contains(&f) {
            bail!("--fail-under takes an F1 between 0 and 1, not {f}");
        }
    }
    if let Some(k) = args.cv {
        if k < 2 {
            bail!("--cv takes a number of folds of at least 2, not {k}");
        }
    }
    let gold = Gold {
        path: &args.gold,
        labels_field: &args.labels_field,
        cv_group: args.cv_group.as_deref(),
        voice: args.voice,
        read: ReadOptions {
            format: args.input_format,
            text_field: parse_path(&args.text_field),
            id_field: parse_path(&args.id_field),
            title_field: args.title_field.as_deref().map(parse_path),
            ..ReadOptions::default()
        },
    };
    let (units, groups) = read_gold(&compiled, &gold)?;
    let evaluation = eval::evaluate_voiced(&compiled, &units, args.voice);
    let cv = match args.cv {
        None => None,
        Some(k) => {
            let folds = eval::assign_folds(
                &compiled,
                &units,
                k,
                args.cv_seed,
                args.cv_group.as_ref().map(|_| groups.as_slice()),
            )
            .map_err(anyhow::Error::msg)?;
            let mut cv = eval::cross_validate(&compiled, &units, &folds, k);
            cv.group_field = args.cv_group.clone();
            cv.seed = args.cv_seed;
            Some(cv)
        }
    };
    let mut out = std::io::stdout().lock();
    match args.format {
        EvalFormat::Table => {
            writeln!(
                out,
                "{}: {} units, lexicon set \"{}\"{}\n",
                args.gold,
                evaluation.units,
                compiled.set.name,
                match args.voice {
                    Some(framelex::score::VoiceFilter::Author) => {
                        "; only author hits count (--voice author)"
                    }
                    Some(framelex::score::VoiceFilter::Quoted) => {
                        "; only quoted hits count (--voice quoted)"
                    }
                    _ => "",
                }
            )?;
            evaluation.write_table(&mut out, args.show_errors)?;
            if args.fit_thresholds {
                writeln!(
                    out,
                    "\nthresholds that maximise F1 on this gold set (other thresholds held):"
                )?;
                eval::write_fits(&mut out, &eval::fit_thresholds(&compiled, &units), 3)?;
            }
            if let Some(cv) = &cv {
                writeln!(out)?;
                cv.write_table(&mut out)?;
            }
        }
        EvalFormat::Json => {
            #[derive(serde::Serialize)]
            struct Full<'a> {
                #[serde(flatten)]
                evaluation: &'a eval::Evaluation,
                #[serde(skip_serializing_if = "Option::is_none")]
                thresholds: Option<Vec<eval::ThresholdFit>>,
                #[serde(skip_serializing_if = "Option::is_none")]
                cross_validation: Option<&'a eval::CrossValidation>,
            }
            let full = Full {
                evaluation: &evaluation,
                thresholds: args
                    .fit_thresholds
                    .then(|| eval::fit_thresholds(&compiled, &units)),
                cross_validation: cv.as_ref(),
            };
            serde_json::to_writer_pretty(&mut out, &full).context("cannot write output")?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    if let Some(threshold) = args.fail_under {
        if evaluation.macro_f1 < threshold {
            eprintln!(
                "framelex: macro-F1 {:.3} is below --fail-under {threshold}",
                evaluation.macro_f1
            );
            return Ok(ExitCode::from(1));
        }
        if let Some(cv) = cv.as_ref().filter(|cv| cv.macro_f1 < threshold) {
            eprintln!(
                "framelex: cross-validated macro-F1 {:.3} is below --fail-under {threshold}",
                cv.macro_f1
            );
            return Ok(ExitCode::from(1));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A gold file and how to read it.
pub struct Gold<'a> {
    /// The file (`-` for stdin).
    pub path: &'a str,
    /// The field holding the labels.
    pub labels_field: &'a str,
    /// The field that groups units for cross-validation folds, if any.
    pub cv_group: Option<&'a str>,
    /// Only this voice's hits count, as `score --voice`.
    pub voice: Option<framelex::score::VoiceFilter>,
    /// Formats and fields (`keep` is set here).
    pub read: ReadOptions,
}

/// Scores a gold file: its units, and each unit's `cv_group` value (empty without one).
/// Every record that cannot be used is reported (`path:line: reason`) before failing, so a
/// gold file can be fixed in one pass.
pub fn read_gold(
    compiled: &framelex::Compiled,
    gold: &Gold<'_>,
) -> Result<(Vec<GoldUnit>, Vec<String>)> {
    let mut read = gold.read.clone();
    read.keep = vec![parse_path(gold.labels_field)];
    if let Some(g) = gold.cv_group {
        read.keep.push(parse_path(g));
    }
    let opts = PipelineOptions { threads: 0, read };
    let mut units: Vec<GoldUnit> = Vec::new();
    let mut groups: Vec<String> = Vec::new();
    let mut errors: Vec<String> = Vec::new();
    // With a voice, only that voice's hits count (as `score --voice`).
    let voiced = UnitOptions {
        voice: gold.voice,
        ..UnitOptions::default()
    };
    let stats = pipeline::run(
        compiled,
        vec![InputSpec::parse(gold.path)],
        &opts,
        |scorer, outcome| match outcome {
            Outcome::Scored(doc, score) if gold.voice.is_some() => {
                let mut records = units::score_units(scorer, &doc.text, score, &voiced);
                let score = records.pop().expect("a document gives one record").score;
                Outcome::Scored(doc, score)
            }
            other => other,
        },
        |outcome| -> Result<(), std::convert::Infallible> {
            match outcome {
                Outcome::Failed(e) => errors.push(e.to_string()),
                Outcome::Scored(doc, score) => {
                    if let Some(field) = gold.cv_group {
                        match doc.kept[1].as_label() {
                            Some(key) => groups.push(key),
                            None => {
                                errors.push(format!(
                                    "{}: missing field \"{field}\" (--cv-group)",
                                    doc.location()
                                ));
                                return Ok(());
                            }
                        }
                    }
                    match eval::parse_labels(&doc.kept[0], gold.labels_field, compiled) {
                        Ok(labels) => units.push(GoldUnit { doc, score, labels }),
                        Err(reason) => errors.push(format!("{}: {reason}", doc.location())),
                    }
                }
            }
            Ok(())
        },
    )
    .unwrap_or_else(|never| match never {});
    if !errors.is_empty() {
        for e in &errors {
            eprintln!("{e}");
        }
        bail!(
            "{} of {} gold records could not be used; nothing was evaluated",
            errors.len(),
            stats.scored + stats.failed
        );
    }
    if units.is_empty() {
        bail!("{}: no gold units", gold.path);
    }
    Ok((units, groups))
}
