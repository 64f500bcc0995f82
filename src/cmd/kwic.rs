//! `framelex kwic`: keywords in context. One aligned line per hit over a corpus, the hit
//! between its left and right context, sorted by term then id — the way to read what a
//! term really matches before changing it.

use std::io::Write;
use std::process::ExitCode;

use anstyle::{Effects, Style};
use anyhow::{bail, Context, Result};
use framelex::input::{parse_path, ReadOptions};
use framelex::pipeline::{Outcome, PipelineOptions};
use framelex::score::HitKind;
use serde_json::json;
use unicode_width::UnicodeWidthStr;

use super::workbench::{self, RecordErrors};
use crate::cli::{ColorChoice, KwicArgs, KwicFormat};

/// Hits wider than this are not padded further (the right context then shifts).
const MAX_HIT_WIDTH: usize = 32;

/// One line of output.
#[derive(Debug, Clone)]
struct Row {
    term: String,
    id: String,
    start: usize,
    end: usize,
    frame: usize,
    kind: HitKind,
    hit: String,
    left: String,
    right: String,
}

pub fn run(args: KwicArgs, color: ColorChoice) -> Result<ExitCode> {
    let compiled = super::load_lexicons(&args.lexicons)?;
    let frames = args
        .frame
        .iter()
        .map(|f| workbench::frame_index(&compiled, f, "--frame"))
        .collect::<Result<Vec<usize>>>()?;
    let globs: Vec<String> = args.term.iter().map(|g| g.to_lowercase()).collect();
    for g in &globs {
        if !compiled
            .terms
            .iter()
            .any(|t| glob(g, &t.text.to_lowercase()))
        {
            bail!("--term '{g}' matches no term of the lexicon set");
        }
    }
    let selected: Vec<bool> = compiled
        .terms
        .iter()
        .map(|t| {
            (frames.is_empty() || frames.contains(&t.frame))
                && (globs.is_empty() || globs.iter().any(|g| glob(g, &t.text.to_lowercase())))
        })
        .collect();
    if !selected.iter().any(|s| *s) {
        bail!("no term of the lexicon set is both in --frame and matches --term");
    }
    let kind_ok = |k: HitKind| {
        if args.excluded {
            k == HitKind::Excluded
        } else if args.negated {
            k == HitKind::Negated
        } else if args.out_of_scope {
            k == HitKind::OutOfScope
        } else {
            matches!(k, HitKind::Counted | HitKind::Negated)
        }
    };
    if args.width == 0 {
        bail!("--width must be at least 1");
    }
    let inputs = workbench::input_specs(&args.input.inputs, "kwic")?;
    let opts = PipelineOptions {
        threads: 0,
        read: ReadOptions {
            format: args.input.input_format,
            text_field: parse_path(&args.input.text_field),
            id_field: parse_path(&args.input.id_field),
            title_field: args.input.title_field.as_deref().map(parse_path),
            max_doc_bytes: args.input.max_doc_bytes.max(1),
            ..ReadOptions::default()
        },
    };
    let mut rows: Vec<Row> = Vec::new();
    let mut errors = RecordErrors::default();
    let stats = super::progress::run(
        &compiled,
        inputs,
        opts.clone(),
        args.progress.quiet,
        |_, outcome| match outcome {
            Outcome::Scored(doc, score) => Ok(score
                .hits
                .iter()
                .filter(|h| selected[h.term] && kind_ok(h.kind))
                .map(|h| Row {
                    term: compiled.terms[h.term].text.clone(),
                    id: doc.id.clone(),
                    start: h.start,
                    end: h.end,
                    frame: h.frame,
                    kind: h.kind,
                    hit: squash(&doc.text[h.start..h.end]),
                    left: left_context(&doc.text[..h.start], args.width),
                    right: right_context(&doc.text[h.end..], args.width),
                })
                .collect::<Vec<Row>>()),
            Outcome::Failed(e) => Err(e),
        },
        |r| -> Result<(), std::convert::Infallible> {
            match r {
                Ok(mut found) => rows.append(&mut found),
                Err(e) => errors.note(&e),
            }
            Ok(())
        },
    )
    .unwrap_or_else(|never| match never {});
    rows.sort_by(|a, b| {
        (a.term.to_lowercase(), &a.term, &a.id, a.start, a.frame).cmp(&(
            b.term.to_lowercase(),
            &b.term,
            &b.id,
            b.start,
            b.frame,
        ))
    });
    let total = rows.len();
    if let Some(limit) = args.limit {
        rows.truncate(limit);
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match args.format {
        KwicFormat::Text => {
            let color = super::use_color(color, true);
            write_text(&mut out, &compiled, &rows, args.width, color)?;
        }
        KwicFormat::Jsonl => {
            for r in &rows {
                let v = json!({
                    "id": r.id,
                    "frame": compiled.frames[r.frame].id,
                    "term": r.term,
                    "kind": r.kind,
                    "start": r.start,
                    "end": r.end,
                    "left": r.left,
                    "hit": r.hit,
                    "right": r.right,
                });
                serde_json::to_writer(&mut out, &v).context("cannot write output")?;
                out.write_all(b"\n")?;
            }
        }
    }
    out.flush().context("cannot write output")?;
    if total > rows.len() {
        eprintln!("framelex: showed {} of {total} hits (--limit)", rows.len());
    } else if total == 0 {
        eprintln!(
            "framelex: no hits in {} records",
            stats.scored + stats.failed
        );
    }
    Ok(if errors.finish(stats.scored + stats.failed) {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn write_text(
    out: &mut dyn Write,
    compiled: &framelex::Compiled,
    rows: &[Row],
    width: usize,
    color: bool,
) -> std::io::Result<()> {
    let term_label = |r: &Row| match r.kind {
        HitKind::Counted => r.term.clone(),
        HitKind::Negated => format!("{} (negated)", r.term),
        HitKind::Excluded => format!("{} (excluded)", r.term),
        HitKind::OutOfScope => format!("{} (out of scope)", r.term),
    };
    let iw = rows.iter().map(|r| r.id.width()).max().unwrap_or(0);
    let fw = rows
        .iter()
        .map(|r| compiled.frames[r.frame].id.width())
        .max()
        .unwrap_or(0);
    let tw = rows
        .iter()
        .map(|r| term_label(r).width())
        .max()
        .unwrap_or(0);
    let hw = rows
        .iter()
        .map(|r| r.hit.width())
        .max()
        .unwrap_or(0)
        .min(MAX_HIT_WIDTH);
    for r in rows {
        let style = if !color {
            Style::new()
        } else {
            let fg = framelex::printer::ansi(compiled.frames[r.frame].color).on_default();
            match r.kind {
                HitKind::Counted => fg.effects(Effects::BOLD),
                HitKind::Negated => fg.effects(Effects::STRIKETHROUGH),
                HitKind::Excluded => Style::new().effects(Effects::DIMMED | Effects::ITALIC),
                HitKind::OutOfScope => fg.effects(Effects::DIMMED),
            }
        };
        writeln!(
            out,
            "{}  {}  {}  {}{} │ {style}{}{style:#}{} │ {}",
            pad(&r.id, iw),
            pad(&compiled.frames[r.frame].id, fw),
            pad(&term_label(r), tw),
            " ".repeat(width.saturating_sub(r.left.width())),
            r.left,
            r.hit,
            " ".repeat(hw.saturating_sub(r.hit.width())),
            r.right
        )?;
    }
    Ok(())
}

fn pad(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(s.width())))
}

/// White space runs as one space, so that a context stays on one line.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The last `width` columns of the text before a hit, on one line.
fn left_context(before: &str, width: usize) -> String {
    // Look back a few times the width: squashing can only shorten.
    let from = before
        .char_indices()
        .rev()
        .nth(width * 4)
        .map_or(0, |(i, _)| i);
    let mut s = squash(&before[from..]);
    if before.ends_with(char::is_whitespace) {
        s.push(' ');
    }
    let mut w = s.width();
    let mut cut = 0;
    for (i, c) in s.char_indices() {
        if w <= width {
            break;
        }
        w -= unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        cut = i + c.len_utf8();
    }
    s[cut..].to_string()
}

/// The first `width` columns of the text after a hit, on one line.
fn right_context(after: &str, width: usize) -> String {
    let to = after
        .char_indices()
        .nth(width * 4)
        .map_or(after.len(), |(i, _)| i);
    let mut s = String::new();
    if after.starts_with(char::is_whitespace) {
        s.push(' ');
    }
    s.push_str(&squash(&after[..to]));
    let mut w = 0;
    let mut end = s.len();
    for (i, c) in s.char_indices() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw > width {
            end = i;
            break;
        }
        w += cw;
    }
    s.truncate(end);
    s
}

/// Glob match: `*` any run of characters, `?` one character; the rest literally.
fn glob(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || (p[pi] != '*' && p[pi] == t[ti])) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ti));
            pi += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        let cases = [
            ("secur*", "security", true),
            ("secur*", "secur*", true),
            ("secur*", "national security", false),
            ("*security", "national security", true),
            ("*secur*", "national security risk*", true),
            ("threat", "threat*", false),
            ("threat?", "threat*", true),
            ("t?reat", "threat", true),
            ("", "", true),
            ("*", "anything", true),
            ("a*b*c", "aXbYc", true),
            ("a*b*c", "aXbY", false),
        ];
        for (p, t, want) in cases {
            assert_eq!(glob(p, t), want, "{p} vs {t}");
        }
    }

    #[test]
    fn contexts_fit_and_stay_on_one_line() {
        let cases = [
            ("one two three ", 5, "hree "),
            ("a\n\n b ", 10, "a b "),
            ("short", 10, "short"),
            ("中美合作", 4, "合作"),
        ];
        for (before, w, want) in cases {
            assert_eq!(left_context(before, w), want, "{before:?}");
        }
        let cases = [
            (" one two three", 5, " one "),
            ("\nnext\tline", 20, " next line"),
            (", 中美合作", 5, ", 中"),
        ];
        for (after, w, want) in cases {
            assert_eq!(right_context(after, w), want, "{after:?}");
        }
    }
}
