//! `framelex diff`: scores one corpus with two lexicon sets and says what the edit did —
//! per frame, the units that turn present or absent, each with the terms responsible,
//! and with `--gold` the change in precision, recall and F1. This closes the tuning loop:
//! an edit that fixes one false negative and breaks three true positives shows at once.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use framelex::eval::{self, Evaluation, GoldUnit};
use framelex::input::{parse_path, Document};
use framelex::pipeline::{Outcome, PipelineOptions};
use framelex::score::{DocScore, FrameScore};
use framelex::{Compiled, Scorer};
use serde::Serialize;

use super::workbench::{self, RecordErrors};
use crate::cli::{DiffArgs, LexiconArgs, ReportFormat};

/// A frame as it is in the old and the new set (matched by id).
#[derive(Debug, Clone)]
struct FramePair {
    id: String,
    old: Option<usize>,
    new: Option<usize>,
}

/// A term's counted hits in one unit, before and after.
#[derive(Debug, Clone, Serialize)]
struct TermDelta {
    term: String,
    old: u32,
    new: u32,
    /// The term's weight in each set (0 where it is not a term of the frame).
    old_weight: f64,
    new_weight: f64,
}

/// A unit whose presence changed.
#[derive(Debug, Clone, Serialize)]
struct UnitChange {
    id: String,
    /// Whether the gold labels give the unit this frame, when the corpus is the gold file.
    gold: Option<bool>,
    old_score: f64,
    new_score: f64,
    terms: Vec<TermDelta>,
}

#[derive(Debug, Clone, Default, Serialize)]
struct FrameDiff {
    frame: String,
    in_old: bool,
    in_new: bool,
    old_present: u64,
    new_present: u64,
    turned_present: Vec<UnitChange>,
    turned_absent: Vec<UnitChange>,
    /// Units whose score changed but not their presence.
    score_changed: u64,
}

#[derive(Debug, Clone, Serialize)]
struct Metrics {
    precision: f64,
    recall: f64,
    f1: f64,
}

#[derive(Debug, Clone, Serialize)]
struct FrameEval {
    frame: String,
    old: Option<Metrics>,
    new: Option<Metrics>,
}

#[derive(Debug, Clone, Serialize)]
struct EvalDelta {
    gold: String,
    units: usize,
    frames: Vec<FrameEval>,
    macro_f1: (f64, f64),
    micro_f1: (f64, f64),
    exact_match: (usize, usize),
}

#[derive(Debug, Clone, Serialize)]
struct Report {
    units: u64,
    old: Vec<String>,
    new: Vec<String>,
    frames: Vec<FrameDiff>,
    eval: Option<EvalDelta>,
}

fn load(paths: &[PathBuf], flag: &str) -> Result<Compiled> {
    super::load_lexicons(&LexiconArgs {
        paths: paths.to_vec(),
    })
    .context(flag.to_string())
}

pub fn run(args: DiffArgs) -> Result<ExitCode> {
    let old = load(&args.old, "--old")?;
    let new = load(&args.new, "--new")?;
    let mut pairs: Vec<FramePair> = new
        .frames
        .iter()
        .enumerate()
        .map(|(i, f)| FramePair {
            id: f.id.clone(),
            old: old.frame_index(&f.id),
            new: Some(i),
        })
        .collect();
    for (i, f) in old.frames.iter().enumerate() {
        if new.frame_index(&f.id).is_none() {
            pairs.push(FramePair {
                id: f.id.clone(),
                old: Some(i),
                new: None,
            });
        }
    }
    let corpus_is_gold = args.corpus.is_empty() && args.gold.is_some();
    let inputs = if corpus_is_gold {
        vec![args.gold.clone().expect("checked")]
    } else {
        args.corpus.clone()
    };
    let specs = workbench::input_specs(&inputs, "diff --old A --new B")?;
    let keep = if corpus_is_gold {
        vec![parse_path(&args.labels_field)]
    } else {
        Vec::new()
    };
    let mut errors = RecordErrors::default();
    let mut frames: Vec<FrameDiff> = pairs
        .iter()
        .map(|p| FrameDiff {
            frame: p.id.clone(),
            in_old: p.old.is_some(),
            in_new: p.new.is_some(),
            ..FrameDiff::default()
        })
        .collect();
    let mut gold_units: Vec<(Document, DocScore, DocScore)> = Vec::new();
    let opts = PipelineOptions {
        threads: 0,
        read: workbench::read_options(&args.fields, keep),
    };
    let stats = super::progress::run(
        &old,
        specs,
        opts.clone(),
        args.progress.quiet,
        |_, outcome| match outcome {
            Outcome::Scored(doc, old_score) => {
                let new_score = Scorer::new(&new).score(&doc.text);
                let labels = corpus_is_gold
                    .then(|| workbench::label_names(&doc.kept[0], &args.labels_field).ok())
                    .flatten();
                let changes: Vec<(Option<bool>, Option<bool>, Option<UnitChange>)> = pairs
                    .iter()
                    .map(|p| {
                        let (was, is, mut change) =
                            compare(&old, &new, p, &doc.id, &old_score, &new_score);
                        if let (Some(c), Some(l)) = (change.as_mut(), &labels) {
                            c.gold = Some(l.contains(&p.id));
                        }
                        (was, is, change)
                    })
                    .collect();
                let keep = corpus_is_gold.then_some((doc, old_score, new_score));
                Ok((changes, keep))
            }
            Outcome::Failed(e) => Err(e),
        },
        |r| -> Result<(), std::convert::Infallible> {
            match r {
                Err(e) => errors.note(&e),
                Ok((changes, keep)) => {
                    for (fd, (was, is, change)) in frames.iter_mut().zip(changes) {
                        fd.old_present += u64::from(was == Some(true));
                        fd.new_present += u64::from(is == Some(true));
                        match change {
                            Some(c) if was != Some(true) && is == Some(true) => {
                                fd.turned_present.push(c)
                            }
                            Some(c) if was == Some(true) && is != Some(true) => {
                                fd.turned_absent.push(c)
                            }
                            Some(_) => fd.score_changed += 1,
                            None => {}
                        }
                    }
                    if let Some(unit) = keep {
                        gold_units.push(unit);
                    }
                }
            }
            Ok(())
        },
    )
    .unwrap_or_else(|never| match never {});
    let failed = errors.finish(stats.scored + stats.failed);

    let eval = match &args.gold {
        None => None,
        Some(gold) => {
            if !corpus_is_gold {
                gold_units = score_gold(&args, gold, &old, &new)?;
            } else if failed {
                bail!("the gold file has records that cannot be read; nothing was evaluated");
            }
            Some(eval_delta(&args, gold, &old, &new, gold_units)?)
        }
    };
    let report = Report {
        units: stats.scored,
        old: args.old.iter().map(|p| p.display().to_string()).collect(),
        new: args.new.iter().map(|p| p.display().to_string()).collect(),
        frames,
        eval,
    };
    let mut out = std::io::stdout().lock();
    match args.format {
        ReportFormat::Text => write_text(&mut out, &report, &inputs, args.show)?,
        ReportFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &report).context("cannot write output")?;
            writeln!(out)?;
        }
    }
    out.flush().context("cannot write output")?;
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// The entry of a unit's changes that counts the hits its frame's scope held back.
const OUT_OF_SCOPE: &str = "(out of scope)";

/// Presence before and after, and the change when the frame's score or presence changed.
fn compare(
    old: &Compiled,
    new: &Compiled,
    pair: &FramePair,
    id: &str,
    old_score: &DocScore,
    new_score: &DocScore,
) -> (Option<bool>, Option<bool>, Option<UnitChange>) {
    let before = pair.old.map(|f| &old_score.frames[f]);
    let after = pair.new.map(|f| &new_score.frames[f]);
    let was = before.map(|f| f.present);
    let is = after.map(|f| f.present);
    let score = |f: Option<&FrameScore>| f.map_or(0.0, |f| f.score);
    if was.unwrap_or(false) == is.unwrap_or(false) && score(before) == score(after) {
        return (was, is, None);
    }
    // term → (old count, new count, old weight, new weight)
    let mut terms: BTreeMap<String, (u32, u32, f64, f64)> = BTreeMap::new();
    // Terms, rules (as "rule NAME") and the hits a scope held back (as "(out of scope)"),
    // so that a change of a rule or of a scope is named like a change of a term.
    // One side's counts and weights into `terms`: the old side (`new_side` false) fills
    // the first count and weight, the new side the second.
    let mut add = |f: &FrameScore, set: &Compiled, new_side: bool| {
        let mut put = |key: String, count: u32, weight: Option<f64>| {
            let e = terms.entry(key).or_default();
            let (n, w) = if new_side {
                (&mut e.1, &mut e.3)
            } else {
                (&mut e.0, &mut e.2)
            };
            *n += count;
            if let Some(weight) = weight {
                *w = weight;
            }
        };
        for t in &f.terms {
            let term = &set.terms[t.term];
            put(term.text.clone(), t.count, Some(term.weight));
        }
        for r in &f.rules {
            let rule = &set.rules[r.rule];
            put(format!("rule {}", rule.name), r.count, Some(rule.weight));
        }
        put(OUT_OF_SCOPE.into(), f.out_of_scope, None);
    };
    if let Some(f) = before {
        add(f, old, false);
    }
    if let Some(f) = after {
        add(f, new, true);
    }
    let mut terms: Vec<TermDelta> = terms
        .into_iter()
        .filter(|(_, (a, b, wa, wb))| a != b || (a > &0 && wa != wb))
        .map(|(term, (old, new, old_weight, new_weight))| TermDelta {
            term,
            old,
            new,
            old_weight,
            new_weight,
        })
        .collect();
    // Gains first, then losses; the biggest change first.
    terms.sort_by_key(|t| {
        (
            t.new < t.old,
            std::cmp::Reverse(t.new.abs_diff(t.old)),
            t.term.clone(),
        )
    });
    (
        was,
        is,
        Some(UnitChange {
            id: id.to_string(),
            gold: None,
            old_score: score(before),
            new_score: score(after),
            terms,
        }),
    )
}

/// Scores a gold file (other than the corpus) with both sets.
fn score_gold(
    args: &DiffArgs,
    gold: &str,
    old: &Compiled,
    new: &Compiled,
) -> Result<Vec<(Document, DocScore, DocScore)>> {
    let opts = PipelineOptions {
        threads: 0,
        read: workbench::read_options(&args.fields, vec![parse_path(&args.labels_field)]),
    };
    let mut units = Vec::new();
    let mut errors = RecordErrors::default();
    let stats = super::progress::run(
        old,
        vec![framelex::input::InputSpec::parse(gold)],
        opts.clone(),
        args.progress.quiet,
        |_, outcome| match outcome {
            Outcome::Scored(doc, s) => {
                let n = Scorer::new(new).score(&doc.text);
                Ok((doc, s, n))
            }
            Outcome::Failed(e) => Err(e),
        },
        |r| -> Result<(), std::convert::Infallible> {
            match r {
                Ok(u) => units.push(u),
                Err(e) => errors.note(&e),
            }
            Ok(())
        },
    )
    .unwrap_or_else(|never| match never {});
    if errors.finish(stats.scored + stats.failed) {
        bail!("{gold}: records that cannot be read; nothing was evaluated");
    }
    Ok(units)
}

fn eval_delta(
    args: &DiffArgs,
    gold: &str,
    old: &Compiled,
    new: &Compiled,
    units: Vec<(Document, DocScore, DocScore)>,
) -> Result<EvalDelta> {
    if units.is_empty() {
        bail!("{gold}: no gold units");
    }
    let mut old_units = Vec::new();
    let mut new_units = Vec::new();
    let mut problems = Vec::new();
    let mut only_in_one: Vec<String> = Vec::new();
    for (doc, os, ns) in units {
        let names = match workbench::label_names(&doc.kept[0], &args.labels_field) {
            Ok(n) => n,
            Err(reason) => {
                problems.push(format!("{}: {reason}", doc.location()));
                continue;
            }
        };
        let mut labels = (Vec::new(), Vec::new());
        for name in &names {
            let (o, n) = (old.frame_index(name), new.frame_index(name));
            if o.is_none() && n.is_none() {
                problems.push(format!(
                    "{}: label \"{name}\" names no frame of either lexicon set",
                    doc.location()
                ));
            } else if (o.is_none() || n.is_none()) && !only_in_one.contains(name) {
                only_in_one.push(name.clone());
            }
            labels.0.extend(o);
            labels.1.extend(n);
        }
        labels.0.sort_unstable();
        labels.0.dedup();
        labels.1.sort_unstable();
        labels.1.dedup();
        old_units.push(GoldUnit {
            doc: doc.clone(),
            score: os,
            labels: labels.0,
        });
        new_units.push(GoldUnit {
            doc,
            score: ns,
            labels: labels.1,
        });
    }
    if !problems.is_empty() {
        for p in &problems {
            eprintln!("{p}");
        }
        bail!(
            "{} gold records could not be used; nothing was evaluated",
            problems.len()
        );
    }
    for name in &only_in_one {
        eprintln!("framelex: warning: gold label \"{name}\" is a frame of only one of the sets; it is evaluated where it exists");
    }
    let before = eval::evaluate(old, &old_units);
    let after = eval::evaluate(new, &new_units);
    let metrics = |e: &Evaluation, id: &str| {
        e.frames.iter().find(|m| m.frame == id).map(|m| Metrics {
            precision: m.precision,
            recall: m.recall,
            f1: m.f1,
        })
    };
    let mut ids: Vec<String> = after.frames.iter().map(|m| m.frame.clone()).collect();
    for m in &before.frames {
        if !ids.contains(&m.frame) {
            ids.push(m.frame.clone());
        }
    }
    Ok(EvalDelta {
        gold: gold.to_string(),
        units: after.units,
        frames: ids
            .iter()
            .map(|id| FrameEval {
                frame: id.clone(),
                old: metrics(&before, id),
                new: metrics(&after, id),
            })
            .collect(),
        macro_f1: (before.macro_f1, after.macro_f1),
        micro_f1: (before.micro_f1, after.micro_f1),
        exact_match: (before.exact_match, after.exact_match),
    })
}

fn fmt_score(x: f64) -> String {
    let r = (x * 10_000.0).round() / 10_000.0;
    if r == 0.0 {
        "0".into()
    } else {
        format!("{r}")
    }
}

fn term_deltas(terms: &[TermDelta]) -> String {
    if terms.is_empty() {
        return "same hits: a weight or threshold changed".into();
    }
    terms
        .iter()
        .map(|t| match (t.old, t.new) {
            (0, n) => format!("+{} ×{n}", t.term),
            (o, 0) => format!("−{} ×{o}", t.term),
            (o, n) if o == n => format!(
                "{} ×{o} weight {}→{}",
                t.term,
                fmt_score(t.old_weight),
                fmt_score(t.new_weight)
            ),
            (o, n) => format!("{} ×{o}→{n}", t.term),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn signed(n: usize, sign: char) -> String {
    if n == 0 {
        "0".into()
    } else {
        format!("{sign}{n}")
    }
}

fn write_text(
    out: &mut dyn Write,
    r: &Report,
    inputs: &[String],
    show: usize,
) -> std::io::Result<()> {
    writeln!(
        out,
        "diff: {} units of {}; old {} → new {}\n",
        r.units,
        if inputs.is_empty() {
            "stdin".to_string()
        } else {
            inputs.join(", ")
        },
        r.old.join(", "),
        r.new.join(", ")
    )?;
    let fw = r
        .frames
        .iter()
        .map(|f| f.frame.chars().count())
        .max()
        .unwrap_or(5)
        .max(5);
    writeln!(
        out,
        "{:<fw$}  {:>17}  {:>12}  {:>11}  {:>13}",
        "frame", "present old → new", "turn present", "turn absent", "score changed"
    )?;
    for f in &r.frames {
        let note = match (f.in_old, f.in_new) {
            (true, false) => "   (only in old)",
            (false, true) => "   (only in new)",
            _ => "",
        };
        writeln!(
            out,
            "{:<fw$}  {:>17}  {:>12}  {:>11}  {:>13}{note}",
            f.frame,
            format!("{} → {}", f.old_present, f.new_present),
            signed(f.turned_present.len(), '+'),
            signed(f.turned_absent.len(), '−'),
            f.score_changed
        )?;
    }
    for f in &r.frames {
        for (list, verb, mark) in [
            (&f.turned_present, "turn present", '+'),
            (&f.turned_absent, "turn absent", '−'),
        ] {
            if list.is_empty() {
                continue;
            }
            let n = list.len();
            let verb = if n == 1 {
                verb.replace("turn", "turns")
            } else {
                verb.to_string()
            };
            writeln!(
                out,
                "\n{}: {n} unit{} {verb}",
                f.frame,
                if n == 1 { "" } else { "s" }
            )?;
            let limit = if show == 0 { n } else { show.min(n) };
            let shown = &list[..limit];
            let iw = shown
                .iter()
                .map(|u| u.id.chars().count())
                .max()
                .unwrap_or(0);
            let scores: Vec<String> = shown
                .iter()
                .map(|u| {
                    format!(
                        "score {} → {}",
                        fmt_score(u.old_score),
                        fmt_score(u.new_score)
                    )
                })
                .collect();
            let sw = scores.iter().map(|s| s.chars().count()).max().unwrap_or(0);
            for (u, score) in shown.iter().zip(&scores) {
                // What the change does to the metrics, when gold labels are at hand.
                let verdict = match (mark, u.gold) {
                    ('+', Some(true)) => "fixes a false negative   ",
                    ('+', Some(false)) => "new false positive       ",
                    (_, Some(true)) => "new false negative       ",
                    (_, Some(false)) => "fixes a false positive   ",
                    _ => "",
                };
                writeln!(
                    out,
                    "  {mark} {:<iw$}  {:<sw$}   {verdict}{}",
                    u.id,
                    score,
                    term_deltas(&u.terms)
                )?;
            }
            if limit < n {
                writeln!(out, "  … {} more (--show)", n - limit)?;
            }
        }
    }
    if let Some(e) = &r.eval {
        writeln!(out, "\ngold {} ({} units):", e.gold, e.units)?;
        let ew = e
            .frames
            .iter()
            .map(|f| f.frame.chars().count())
            .max()
            .unwrap_or(5)
            .max(5);
        writeln!(
            out,
            "{:<ew$}  {:>15}  {:>15}  {:>15}",
            "frame", "precision", "recall", "F1"
        )?;
        let pair = |a: Option<f64>, b: Option<f64>| {
            let f = |x: Option<f64>| x.map_or("  —  ".to_string(), |x| format!("{x:.3}"));
            format!("{} → {}", f(a), f(b))
        };
        for f in &e.frames {
            let get = |m: &Option<Metrics>, k: fn(&Metrics) -> f64| m.as_ref().map(k);
            let delta = match (&f.old, &f.new) {
                (Some(o), Some(n)) => format!("  ({:+.3})", n.f1 - o.f1),
                _ => String::new(),
            };
            writeln!(
                out,
                "{:<ew$}  {:>15}  {:>15}  {:>15}{delta}",
                f.frame,
                pair(get(&f.old, |m| m.precision), get(&f.new, |m| m.precision)),
                pair(get(&f.old, |m| m.recall), get(&f.new, |m| m.recall)),
                pair(get(&f.old, |m| m.f1), get(&f.new, |m| m.f1)),
            )?;
        }
        writeln!(
            out,
            "\nmacro-F1 {:.3} → {:.3} ({:+.3})   micro-F1 {:.3} → {:.3} ({:+.3})   exact match {} → {} of {}",
            e.macro_f1.0,
            e.macro_f1.1,
            e.macro_f1.1 - e.macro_f1.0,
            e.micro_f1.0,
            e.micro_f1.1,
            e.micro_f1.1 - e.micro_f1.0,
            e.exact_match.0,
            e.exact_match.1,
            e.units
        )?;
    }
    Ok(())
}
