//! The table: one block per document, for reading scores in a terminal.
//!
//! ```text
//! examples/export-controls-oped.txt   412 words   dominant: security
//!   frame                  hits  negated    score  density  present
//!   security                  9        1     14.0    33.98  yes
//! ```
//! Present frames are shown in their frame's colour when colour is on.

use std::io::Write;

use anstyle::{AnsiColor, Style};

use super::{ansi, round, PrintContext, Printer};
use crate::pipeline::Outcome;

/// Writes one block per record.
pub struct TablePrinter<'c> {
    ctx: PrintContext<'c>,
    width: usize,
}

impl<'c> TablePrinter<'c> {
    /// A table printer.
    pub fn new(ctx: PrintContext<'c>) -> Self {
        let width = ctx
            .compiled
            .frames
            .iter()
            .map(|f| f.id.chars().count())
            .max()
            .unwrap_or(5)
            .max(5);
        TablePrinter { ctx, width }
    }

    fn style(&self, s: Style) -> Style {
        if self.ctx.color {
            s
        } else {
            Style::new()
        }
    }
}

impl Printer for TablePrinter<'_> {
    fn header(&self, _out: &mut Vec<u8>) {}

    fn record(&self, out: &mut Vec<u8>, outcome: &Outcome) {
        let c = self.ctx.compiled;
        let bold = self.style(Style::new().bold());
        match outcome {
            Outcome::Failed(e) => {
                let red = self.style(AnsiColor::Red.on_default().bold());
                let _ = writeln!(out, "{bold}{}{bold:#}", e.id);
                let _ = writeln!(out, "  {red}error:{red:#} {e}\n");
            }
            Outcome::Scored(doc, score) => {
                let dominant = score.dominant.map_or("none", |d| c.frames[d].id.as_str());
                let _ = write!(out, "{bold}{}{bold:#}", doc.id);
                if let Some(u) = &doc.unit {
                    let _ = write!(out, " #{} [{}..{}]", u.index, u.start, u.end);
                }
                let _ = write!(out, "   {} words   dominant: {dominant}", score.words);
                for (name, k) in self.ctx.keep.iter().zip(&doc.kept) {
                    let v = match k {
                        crate::input::Kept::Json(raw) => raw.get().to_string(),
                        crate::input::Kept::Str(s) => s.clone(),
                        crate::input::Kept::Missing => "-".into(),
                    };
                    let _ = write!(out, "   {name}: {v}");
                }
                out.push(b'\n');
                let dim = self.style(Style::new().dimmed());
                let scoped = c.has_scoped_frames();
                let _ = writeln!(
                    out,
                    "  {dim}{:<w$}  {:>5}  {:>7}  {:>7}  {:>7}  present{}{dim:#}",
                    "frame",
                    "hits",
                    "negated",
                    "score",
                    "density",
                    if scoped { "  out of scope" } else { "" },
                    w = self.width
                );
                for (fs, info) in score.frames.iter().zip(&c.frames) {
                    let style = if fs.present {
                        self.style(ansi(info.color).on_default().bold())
                    } else {
                        Style::new()
                    };
                    let held = match (scoped, info.scope) {
                        (false, _) => String::new(),
                        (true, Some(_)) => format!("  {:>12}", fs.out_of_scope),
                        (true, None) => format!("  {:>12}", "-"),
                    };
                    let yes = if fs.present { "yes" } else { "no" };
                    // Padded to the column only when a column follows.
                    let present = if scoped {
                        format!("{yes:<7}")
                    } else {
                        yes.to_string()
                    };
                    let _ = writeln!(
                        out,
                        "  {style}{:<w$}  {:>5}  {:>7}  {:>7}  {:>7.2}  {present}{held}{style:#}",
                        info.id,
                        fs.hits,
                        fs.negated,
                        round(fs.score, 4),
                        round(fs.density, 2),
                        w = self.width
                    );
                }
                out.push(b'\n');
            }
        }
    }
}
