//! `framelex explain`: shows documents with every hit highlighted and each frame's score
//! broken down (see `framelex::explain`). Reads any input `score` reads; `--id` picks
//! records out of a JSONL or CSV dump, and reading stops as soon as they are all found.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use framelex::explain::Explanation;
use framelex::input::{parse_path, ReadOptions};
use framelex::pipeline::{Outcome, PipelineOptions};
use framelex::report::{render_explained, Explained};
use framelex::score::DocScore;
use framelex::units::{self, Unit, UnitOptions};

use super::workbench::{self, RecordErrors};
use crate::cli::{ColorChoice, ExplainArgs, ExplainFormat};

pub fn run(args: ExplainArgs, color: ColorChoice) -> Result<ExitCode> {
    if args.watch {
        if args.input.inputs.iter().any(|i| i == "-") || args.input.inputs.is_empty() {
            bail!("--watch cannot re-read stdin: name the input file");
        }
        let files: Vec<PathBuf> = args
            .input
            .inputs
            .iter()
            .map(PathBuf::from)
            .filter(|p| p.is_file())
            .collect();
        return super::watch::rerun(&args.lexicons.paths, &files, || once(&args, color));
    }
    once(&args, color)
}

/// Stops the pipeline once every requested record is found.
struct AllFound;

fn once(args: &ExplainArgs, color: ColorChoice) -> Result<ExitCode> {
    let compiled = super::load_lexicons(&args.lexicons)?;
    let inputs = workbench::input_specs(&args.input.inputs, "explain")?;
    if args.input.max_doc_bytes == 0 {
        bail!("--max-doc-bytes must be at least 1");
    }
    let opts = PipelineOptions {
        threads: 0,
        read: ReadOptions {
            format: args.input.input_format,
            text_field: parse_path(&args.input.text_field),
            id_field: parse_path(&args.input.id_field),
            title_field: args.input.title_field.as_deref().map(parse_path),
            max_doc_bytes: args.input.max_doc_bytes,
            ..ReadOptions::default()
        },
    };
    let color = args.format == ExplainFormat::Text && super::use_color(color, true);
    let wanted: Vec<&str> = args.id.iter().map(String::as_str).collect();
    let mut found = vec![false; wanted.len()];
    let mut picked: Vec<(Vec<u8>, Vec<Explained>)> = Vec::new();
    // `--format html` writes one page of every document at the end.
    let mut pages: Vec<Explained> = Vec::new();
    let mut errors = RecordErrors::default();
    let mut out = std::io::stdout().lock();
    let mut records = 0u64;
    let result = super::progress::run(
        &compiled,
        inputs,
        opts.clone(),
        args.progress.quiet || args.id.is_empty(),
        |scorer, outcome| match outcome {
            Outcome::Scored(doc, score) => {
                if !wanted.is_empty() && !wanted.contains(&doc.id.as_str()) {
                    return Ok(None);
                }
                // With --unit, each paragraph or sentence is explained on its own, as
                // `ID#N` (N from 0, as `score --unit` numbers them).
                let parts: Vec<(String, std::ops::Range<usize>, DocScore)> =
                    if args.unit == Unit::Document {
                        vec![(doc.id.clone(), 0..doc.text.len(), score)]
                    } else {
                        let opts = UnitOptions {
                            unit: args.unit,
                            ..UnitOptions::default()
                        };
                        units::score_units(scorer, &doc.text, score, &opts)
                            .into_iter()
                            .map(|u| {
                                let r = u.unit.expect("units have ranges");
                                (format!("{}#{}", doc.id, r.index), r.start..r.end, u.score)
                            })
                            .collect()
                    };
                let mut buf = Vec::new();
                let mut pages = Vec::new();
                for (id, range, score) in &parts {
                    let text = &doc.text[range.clone()];
                    let e = Explanation {
                        compiled: &compiled,
                        id,
                        text,
                        score,
                    };
                    match args.format {
                        ExplainFormat::Text => {
                            e.write_text(&mut buf, color).expect("writing to memory");
                        }
                        ExplainFormat::Json => {
                            serde_json::to_writer(&mut buf, &e.to_json())
                                .expect("writing to memory");
                            buf.push(b'\n');
                        }
                        ExplainFormat::Html => {
                            pages.push(Explained::new(&compiled, id, text, score));
                        }
                    }
                }
                Ok(Some((doc.id, buf, pages)))
            }
            Outcome::Failed(e) => Err(e),
        },
        |r| -> Result<(), Stop> {
            records += 1;
            match r {
                Err(e) => {
                    // A failed record that may be the one asked for is worth knowing of
                    // whatever its id; it is reported either way.
                    errors.note(&e);
                }
                Ok(None) => {}
                Ok(Some((_, buf, html))) if wanted.is_empty() => {
                    pages.extend(html);
                    out.write_all(&buf).map_err(Stop::Io)?;
                }
                Ok(Some((id, buf, page))) => {
                    let i = wanted.iter().position(|w| *w == id).expect("filtered");
                    if !found[i] {
                        found[i] = true;
                        picked.push((buf, page));
                    }
                    if found.iter().all(|f| *f) {
                        return Err(Stop::Done(AllFound));
                    }
                }
            }
            Ok(())
        },
    );
    match result {
        Ok(_) | Err(Stop::Done(AllFound)) => {}
        Err(Stop::Io(e)) => return Err(e).context("cannot write output"),
    }
    let names = if args.input.inputs.is_empty() {
        "stdin".to_string()
    } else {
        args.input.inputs.join(", ")
    };
    let missing: Vec<&str> = wanted
        .iter()
        .zip(&found)
        .filter(|(_, f)| !**f)
        .map(|(w, _)| *w)
        .collect();
    if !missing.is_empty() {
        errors.finish(records);
        let quoted: Vec<String> = missing.iter().map(|m| format!("\"{m}\"")).collect();
        bail!(
            "no record with id {} in {} ({records} records read; --id-field is \"{}\")",
            quoted.join(", "),
            names,
            args.input.id_field
        );
    }
    for (buf, html) in picked {
        out.write_all(&buf)?;
        pages.extend(html);
    }
    if records == 0 && wanted.is_empty() {
        bail!("no records in {names}");
    }
    if args.format == ExplainFormat::Html {
        let meta = super::report::page_meta(
            &compiled,
            format!("framelex explain: {names}"),
            vec![names.clone()],
        );
        out.write_all(render_explained(&pages, &meta).as_bytes())?;
    }
    out.flush().context("cannot write output")?;
    Ok(if errors.finish(records) {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

enum Stop {
    Done(AllFound),
    Io(std::io::Error),
}
