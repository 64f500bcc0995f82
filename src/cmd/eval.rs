//! `framelex eval`: scores a gold file and reports per-frame metrics with error
//! attribution. Every bad gold record is reported (`path:line: reason`) before giving up,
//! so a gold file can be fixed in one pass.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use framelex::eval::{self, GoldUnit};
use framelex::input::{parse_path, InputSpec, ReadOptions};
use framelex::pipeline::{self, Outcome, PipelineOptions};

use crate::cli::{EvalArgs, EvalFormat};

pub fn run(args: EvalArgs) -> Result<ExitCode> {
    let compiled = super::load_lexicons(&args.lexicons)?;
    if let Some(f) = args.fail_under {
        if !(0.0..=1.0).contains(&f) {
            bail!("--fail-under takes an F1 between 0 and 1, not {f}");
        }
    }
    let opts = PipelineOptions {
        threads: 0,
        read: ReadOptions {
            format: args.input_format,
            text_field: parse_path(&args.text_field),
            id_field: parse_path(&args.id_field),
            keep: vec![parse_path(&args.labels_field)],
            ..ReadOptions::default()
        },
    };
    let mut units: Vec<GoldUnit> = Vec::new();
    let mut errors: Vec<String> = Vec::new();
    let stats = pipeline::run(
        &compiled,
        vec![InputSpec::parse(&args.gold)],
        &opts,
        |_, outcome| outcome,
        |outcome| -> Result<(), std::convert::Infallible> {
            match outcome {
                Outcome::Failed(e) => errors.push(e.to_string()),
                Outcome::Scored(doc, score) => {
                    match eval::parse_labels(&doc.kept[0], &args.labels_field, &compiled) {
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
        bail!("{}: no gold units", args.gold);
    }
    let evaluation = eval::evaluate(&compiled, &units);
    let mut out = std::io::stdout().lock();
    match args.format {
        EvalFormat::Table => {
            writeln!(
                out,
                "{}: {} units, lexicon set \"{}\"\n",
                args.gold, evaluation.units, compiled.set.name
            )?;
            evaluation.write_table(&mut out, args.show_errors)?;
            if args.fit_thresholds {
                writeln!(
                    out,
                    "\nthresholds that maximise F1 on this gold set (other thresholds held):"
                )?;
                eval::write_fits(&mut out, &eval::fit_thresholds(&compiled, &units), 3)?;
            }
        }
        EvalFormat::Json if args.fit_thresholds => {
            #[derive(serde::Serialize)]
            struct WithFits<'a> {
                #[serde(flatten)]
                evaluation: &'a eval::Evaluation,
                thresholds: Vec<eval::ThresholdFit>,
            }
            let fits = eval::fit_thresholds(&compiled, &units);
            serde_json::to_writer_pretty(
                &mut out,
                &WithFits {
                    evaluation: &evaluation,
                    thresholds: fits,
                },
            )
            .context("cannot write output")?;
            writeln!(out)?;
        }
        EvalFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &evaluation).context("cannot write output")?;
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
    }
    Ok(ExitCode::SUCCESS)
}
