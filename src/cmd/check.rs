//! `framelex check`: lints a lexicon set and prints the findings compiler-style
//! (`file:line:col`, the line with a caret, a help line), or as JSON for editors. With
//! `--corpus`, it also reads a corpus to find dead terms, terms that never count, what
//! each wildcard expands to and which terms carry each frame.

use std::io::Write;
use std::process::ExitCode;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use anyhow::{Context, Result};
use framelex::lint::{self, Checked, CorpusReport, CorpusStats, Lint, Probe, Severity};
use framelex::pipeline::{Outcome, PipelineOptions};
use framelex::Compiled;
use serde_json::json;

use super::workbench::{self, RecordErrors};
use crate::cli::{CheckArgs, ColorChoice, ReportFormat};

pub fn run(args: CheckArgs, color: ColorChoice) -> Result<ExitCode> {
    if args.watch {
        return super::watch::rerun(&args.lexicons.paths, &[], || once(&args, color));
    }
    once(&args, color)
}

fn once(args: &CheckArgs, color: ColorChoice) -> Result<ExitCode> {
    for code in &args.allow {
        if !lint::WARNING_CODES.contains(&code.as_str()) {
            let hint = match lint::nearest(code, lint::WARNING_CODES.iter().copied()) {
                Some(best) => format!("did you mean `{best}`? "),
                None => String::new(),
            };
            anyhow::bail!(
                "--allow {code}: no warning has this code ({hint}warnings: {})",
                lint::WARNING_CODES.join(", ")
            );
        }
    }
    let sources = if args.lexicons.paths.is_empty() {
        lint::embedded_sources()
    } else {
        lint::read_sources(&args.lexicons.paths).context("cannot check the lexicon set")?
    };
    let mut checked = lint::check_sources(sources);
    let mut report: Option<CorpusReport> = None;
    let mut records_failed = false;
    let mut corpus_skipped = false;
    if !args.corpus.is_empty() {
        match checked.set.clone() {
            None => corpus_skipped = true,
            Some(set) => {
                let compiled = Compiled::new(set).context("cannot compile the lexicon set")?;
                let (stats, failed) = read_corpus(args, &compiled)?;
                records_failed = failed;
                checked.lints.extend(stats.lints(&compiled));
                lint::sort_lints(&mut checked.lints);
                report = Some(stats.report(&compiled, args.top));
            }
        }
    }
    let before = checked.lints.len();
    checked
        .lints
        .retain(|l| l.severity != Severity::Warning || !args.allow.iter().any(|a| a == l.code));
    let allowed = before - checked.lints.len();
    let errors = checked.count(Severity::Error);
    let warnings = checked.count(Severity::Warning);
    let mut out = std::io::stdout().lock();
    match args.format {
        ReportFormat::Text => {
            let color = super::use_color(color, true);
            let renderer = if color {
                Renderer::styled()
            } else {
                Renderer::plain()
            };
            for lint in &checked.lints {
                writeln!(out, "{}\n", render(&renderer, &checked, lint))?;
            }
            if let Some(r) = &report {
                write_report(&mut out, r)?;
            }
            if corpus_skipped {
                writeln!(
                    out,
                    "The corpus was not read: fix the errors first, it needs a set that loads.\n"
                )?;
            }
            writeln!(out, "{}", summary(&checked, errors, warnings, allowed))?;
        }
        ReportFormat::Json => {
            let value = json!({
                "files": checked.sources.iter().map(|s| &*s.path).collect::<Vec<_>>(),
                "frames": checked.frames_checked,
                "terms": checked.terms_checked,
                "errors": errors,
                "warnings": warnings,
                "allowed": allowed,
                "diagnostics": checked.lints.iter().map(|l| lint_json(&checked, l)).collect::<Vec<_>>(),
                "corpus": report,
            });
            serde_json::to_writer_pretty(&mut out, &value).context("cannot write output")?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(if records_failed {
        ExitCode::from(2)
    } else if errors > 0 || (args.deny_warnings && warnings > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn read_corpus(args: &CheckArgs, compiled: &Compiled) -> Result<(CorpusStats, bool)> {
    let probe = Probe::new(compiled);
    let mut stats = CorpusStats::new(compiled);
    let mut errors = RecordErrors::default();
    let opts = PipelineOptions {
        threads: 0,
        read: workbench::read_options(&args.fields, Vec::new()),
    };
    let inputs = workbench::input_specs(&args.corpus, "check --corpus")?;
    let run = super::progress::run(
        compiled,
        inputs,
        opts.clone(),
        args.progress.quiet,
        |_, outcome| match outcome {
            Outcome::Scored(doc, score) => {
                let obs = probe.observe(&doc.text, &score);
                Ok((score, obs))
            }
            Outcome::Failed(e) => Err(e),
        },
        |r| -> Result<(), std::convert::Infallible> {
            match r {
                Ok((score, obs)) => stats.add(&score, obs),
                Err(e) => errors.note(&e),
            }
            Ok(())
        },
    )
    .unwrap_or_else(|never| match never {});
    let failed = errors.finish(run.scored + run.failed);
    Ok((stats, failed))
}

fn summary(checked: &Checked, errors: usize, warnings: usize, allowed: usize) -> String {
    let what = format!(
        "{}, {} checked in {}{}",
        super::plural(checked.frames_checked, "frame"),
        super::plural(checked.terms_checked, "term"),
        super::plural(checked.sources.len(), "file"),
        if allowed > 0 {
            format!("; {} allowed by --allow", super::plural(allowed, "warning"))
        } else {
            String::new()
        }
    );
    if errors + warnings == 0 {
        format!("check: no problems ({what})")
    } else {
        format!(
            "check: {}, {} ({what}{})",
            super::plural(errors, "error"),
            super::plural(warnings, "warning"),
            if errors > 0 && checked.set.is_none() {
                "; the set does not load"
            } else {
                ""
            }
        )
    }
}

/// Related places shown with their line; the rest are listed in a note (a frame of a big
/// lexicon can have a hundred dead terms).
const MAX_RELATED_SHOWN: usize = 5;

/// One finding, compiler-style.
fn render(renderer: &Renderer, checked: &Checked, lint: &Lint) -> String {
    let shown = &lint.related[..lint.related.len().min(MAX_RELATED_SHOWN)];
    let rest = &lint.related[shown.len()..];
    let level = match lint.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let mut group = Group::with_title(level.primary_title(lint.message.as_str()).id(lint.code));
    if let Some(primary) = &lint.primary {
        // One snippet per file, the primary's first.
        let mut files = vec![primary.source];
        for r in shown {
            if !files.contains(&r.source) {
                files.push(r.source);
            }
        }
        for file in files {
            let src = &checked.sources[file];
            let mut snippet = Snippet::source(&*src.text).path(&*src.path).fold(true);
            if file == primary.source {
                snippet = snippet.annotation(
                    AnnotationKind::Primary
                        .span(primary.span.clone())
                        .label(non_empty(&primary.message)),
                );
            }
            for r in shown.iter().filter(|r| r.source == file) {
                snippet = snippet.annotation(
                    AnnotationKind::Context
                        .span(r.span.clone())
                        .label(non_empty(&r.message)),
                );
            }
            group = group.element(snippet);
        }
    }
    let note;
    if !rest.is_empty() {
        note = more_note(checked, rest);
        group = group.element(Level::NOTE.message(note.as_str()));
    }
    if let Some(help) = &lint.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    renderer.render(&[group])
}

/// "and 12 more: "a" (line 3), "b" (line 7), …", wrapped.
fn more_note(checked: &Checked, rest: &[lint::Label]) -> String {
    let mut note = format!("and {} more:", rest.len());
    let mut line_len = note.len();
    const MAX_LISTED: usize = 40;
    for (i, r) in rest.iter().take(MAX_LISTED).enumerate() {
        let src = &checked.sources[r.source];
        let text = src.text.get(r.span.clone()).unwrap_or("").trim();
        let (line, _) = src.line_col(r.span.start);
        let file = if Some(r.source) == rest.first().map(|f| f.source) {
            String::new()
        } else {
            format!("{}:", src.path)
        };
        let item = format!(
            " {text} ({file}line {line}){}",
            if i + 1 < rest.len().min(MAX_LISTED) {
                ","
            } else {
                ""
            }
        );
        if line_len + item.len() > 90 {
            note.push('\n');
            line_len = 0;
        }
        line_len += item.len();
        note.push_str(&item);
    }
    if rest.len() > MAX_LISTED {
        note.push_str(&format!(
            "\n… {} more (--format json lists every place)",
            rest.len() - MAX_LISTED
        ));
    }
    note
}

fn non_empty(s: &str) -> Option<&str> {
    (!s.is_empty()).then_some(s)
}

fn write_report(out: &mut dyn Write, r: &CorpusReport) -> std::io::Result<()> {
    writeln!(out, "corpus: {} units", r.units)?;
    if !r.wildcards.is_empty() {
        writeln!(out, "\nwildcard expansions, most frequent first:")?;
        let width = r
            .wildcards
            .iter()
            .map(|w| w.term.chars().count())
            .max()
            .unwrap_or(0);
        let mut frame = "";
        for w in &r.wildcards {
            if w.frame != frame {
                frame = &w.frame;
                writeln!(out, "  {frame}")?;
            }
            let forms: Vec<String> = w.top.iter().map(|(f, n)| format!("{f} {n}")).collect();
            let more = if w.forms > w.top.len() {
                format!(", … {} more", w.forms - w.top.len())
            } else {
                String::new()
            };
            writeln!(
                out,
                "    {:<width$}  {:>8}, {}: {}{more}",
                w.term,
                super::plural(w.hits as usize, "hit"),
                super::plural(w.forms, "form"),
                forms.join(", ")
            )?;
        }
    }
    writeln!(out, "\ntop terms by share of each frame's counted hits:")?;
    for f in &r.frames {
        writeln!(
            out,
            "  {}: present in {} of {} units, {}; {} of {} terms hit, {} of {} exclusions applied",
            f.frame,
            f.present,
            r.units,
            super::plural(f.hits as usize, "counted hit"),
            f.terms_hit,
            f.terms,
            f.exclusions_hit,
            f.exclusions
        )?;
        if f.out_of_scope > 0 {
            writeln!(
                out,
                "    {} held back by the frame's scope",
                super::plural(f.out_of_scope as usize, "hit")
            )?;
        }
        for t in &f.top {
            writeln!(
                out,
                "    {:>5.1}%  {:>4}  {}",
                t.share * 100.0,
                t.hits,
                t.term
            )?;
        }
    }
    if !r.scopes.is_empty() {
        writeln!(
            out,
            "
scopes: units with enough of their terms, top terms:"
        )?;
        for s in &r.scopes {
            let top: Vec<String> = s.top.iter().map(|(t, n)| format!("{t} {n}")).collect();
            writeln!(
                out,
                "  {}: {} of {} units; {}",
                s.scope,
                s.units,
                r.units,
                if top.is_empty() {
                    "no term hit".to_string()
                } else {
                    top.join(", ")
                }
            )?;
        }
    }
    writeln!(out)
}

fn label_json(checked: &Checked, label: &lint::Label) -> serde_json::Value {
    let start = checked.location(label);
    let src = &checked.sources[label.source];
    let (end_line, end_col) = src.line_col(label.span.end);
    json!({
        "file": &*start.path,
        "line": start.line,
        "column": start.col,
        "end_line": end_line,
        "end_column": end_col,
        "label": label.message,
    })
}

fn lint_json(checked: &Checked, l: &Lint) -> serde_json::Value {
    let mut v = json!({
        "severity": l.severity,
        "code": l.code,
        "message": l.message,
        "help": l.help,
    });
    if let Some(p) = &l.primary {
        let mut loc = label_json(checked, p);
        loc.as_object_mut()
            .unwrap()
            .append(v.as_object_mut().unwrap());
        v = loc;
    }
    v["related"] = l.related.iter().map(|r| label_json(checked, r)).collect();
    v
}
