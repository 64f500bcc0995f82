//! `framelex suggest`: candidate terms for a frame from labelled units, ranked by
//! "Fightin' Words" (see `framelex::suggest`), printed as TOML lines to paste into a
//! group's `terms`.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use framelex::input::{parse_path, InputSpec};
use framelex::pipeline::{Outcome, PipelineOptions};
use framelex::suggest::{self, Counts, Options, Suggestion};
use framelex::{Compiled, Scorer};
use serde_json::json;

use super::workbench::{self, RecordErrors};
use crate::cli::{SuggestArgs, SuggestFormat};

pub fn run(args: SuggestArgs) -> Result<ExitCode> {
    if !(args.prior > 0.0 && args.prior.is_finite()) {
        bail!("--prior must be a positive number, not {}", args.prior);
    }
    let compiled = super::load_lexicons(&args.lexicons)?;
    let frame = match &args.frame {
        Some(f) => Some(workbench::frame_index(&compiled, f, "--frame")?),
        None => None,
    };
    let max_words = usize::from(args.max_words);
    let mut counts = Counts::default();
    let mut errors = RecordErrors::default();
    let mut records = 0;
    let source = match &args.gold {
        Some(gold) => {
            let frame_id = compiled.frames[frame.expect("required with --gold")]
                .id
                .clone();
            let opts = PipelineOptions {
                threads: 0,
                read: workbench::read_options(&args.fields, vec![parse_path(&args.labels_field)]),
            };
            let stats = super::progress::run(
                &compiled,
                vec![InputSpec::parse(gold)],
                opts.clone(),
                args.progress.quiet,
                |_, outcome| match outcome {
                    Outcome::Scored(doc, _) => {
                        let labels = workbench::label_names(&doc.kept[0], &args.labels_field)
                            .map_err(|r| format!("{}: {r}", doc.location()))?;
                        let positive = labels.contains(&frame_id);
                        Ok((positive, suggest::grams(&doc.id, doc.text, max_words)))
                    }
                    Outcome::Failed(e) => Err(e.to_string()),
                },
                |r| -> Result<(), std::convert::Infallible> {
                    match r {
                        Ok((positive, g)) => counts.add(positive, g),
                        Err(e) => {
                            errors.count += 1;
                            eprintln!("{e}");
                        }
                    }
                    Ok(())
                },
            )
            .unwrap_or_else(|never| match never {});
            records += stats.scored + stats.failed;
            if errors.count > 0 {
                bail!(
                    "{} of {records} gold records could not be used; nothing was suggested",
                    errors.count
                );
            }
            if counts.units[0] == 0 {
                bail!("no unit of {gold} is labelled \"{frame_id}\" (--labels-field {}): nothing to learn from", args.labels_field);
            }
            if counts.units[1] == 0 {
                bail!("every unit of {gold} is labelled \"{frame_id}\": there is nothing to contrast it with");
            }
            gold.clone()
        }
        None => {
            for (positive, files) in [(true, &args.positive), (false, &args.negative)] {
                let opts = PipelineOptions {
                    threads: 0,
                    read: workbench::read_options(&args.fields, Vec::new()),
                };
                let stats = super::progress::run(
                    &compiled,
                    files.iter().map(|f| InputSpec::parse(f)).collect(),
                    opts.clone(),
                    args.progress.quiet,
                    |_, outcome| match outcome {
                        Outcome::Scored(doc, _) => Ok(suggest::grams(&doc.id, doc.text, max_words)),
                        Outcome::Failed(e) => Err(e),
                    },
                    |r| -> Result<(), std::convert::Infallible> {
                        match r {
                            Ok(g) => counts.add(positive, g),
                            Err(e) => errors.note(&e),
                        }
                        Ok(())
                    },
                )
                .unwrap_or_else(|never| match never {});
                records += stats.scored + stats.failed;
            }
            if errors.finish(records) {
                bail!("records could not be read; nothing was suggested");
            }
            for (side, flag) in [(0, "--positive"), (1, "--negative")] {
                if counts.units[side] == 0 {
                    bail!("{flag}: no units");
                }
            }
            format!(
                "{} vs {}",
                args.positive.join(", "),
                args.negative.join(", ")
            )
        }
    };

    let opts = Options {
        min_count: args.min_count,
        prior: args.prior,
        filter: !args.keep_stopwords,
    };
    let mut scorer = Scorer::new(&compiled);
    let mut ranked = counts.rank(&opts, |g| covered(&mut scorer, frame, g));
    ranked.truncate(args.top);
    let mut out = std::io::stdout().lock();
    match args.format {
        SuggestFormat::Toml => write_toml(&mut out, &compiled, frame, &source, &counts, &ranked)?,
        SuggestFormat::Json => {
            let v = json!({
                "frame": frame.map(|f| &compiled.frames[f].id),
                "source": source,
                "units": {"positive": counts.units[0], "negative": counts.units[1]},
                "words": {"positive": counts.words[0], "negative": counts.words[1]},
                "prior": args.prior,
                "suggestions": ranked,
            });
            serde_json::to_writer_pretty(&mut out, &v).context("cannot write output")?;
            writeln!(out)?;
        }
    }
    out.flush().context("cannot write output")?;
    Ok(ExitCode::SUCCESS)
}

/// Whether the frame already has a term or exclusion that matches inside the candidate.
fn covered(scorer: &mut Scorer<'_>, frame: Option<usize>, gram: &str) -> bool {
    let Some(f) = frame else { return false };
    // Any kind of hit: a term held back by scope in the bare candidate is still a term.
    scorer.score(gram).hits.iter().any(|h| h.frame == f)
}

fn write_toml(
    out: &mut dyn Write,
    compiled: &Compiled,
    frame: Option<usize>,
    source: &str,
    counts: &Counts,
    ranked: &[Suggestion],
) -> std::io::Result<()> {
    let name = frame.map_or("the positive units".to_string(), |f| {
        format!("frame \"{}\"", compiled.frames[f].id)
    });
    writeln!(
        out,
        "# Candidate terms for {name}, from {source}: {} units ({} words) vs {} others ({} words).",
        counts.units[0], counts.words[0], counts.units[1], counts.words[1]
    )?;
    writeln!(
        out,
        "# Ranked by weighted log-odds with an informative Dirichlet prior (Monroe et al. 2008);"
    )?;
    if frame.is_some() {
        writeln!(
            out,
            "# what the frame already matches is left out. Paste the lines you want into a group's terms."
        )?;
    } else {
        writeln!(out, "# Paste the lines you want into a group's terms.")?;
    }
    if ranked.is_empty() {
        writeln!(
            out,
            "# No candidate: try a lower --min-count or more units."
        )?;
        return Ok(());
    }
    let quoted: Vec<String> = ranked
        .iter()
        .map(|s| format!("{},", toml::Value::String(s.term.clone())))
        .collect();
    let qw = quoted.iter().map(|q| q.chars().count()).max().unwrap_or(0);
    for (s, q) in ranked.iter().zip(&quoted) {
        writeln!(
            out,
            "{q:<qw$}  # z {:>5.2}  {:>3} in / {:>3} out   {}: {}",
            s.z, s.positive, s.negative, s.example_id, s.example
        )?;
    }
    Ok(())
}
