//! CSV: one row per input record with five columns per frame (six for a frame with a
//! scope, and one per scope of the set; with `--measure percent`, LIWC's `WC`, `Dic` and one
//! percentage per frame), for spreadsheets and R.

use super::{round, PrintContext, Printer};
use crate::input::Kept;
use crate::pipeline::Outcome;

/// Writes a header row, then one row per record.
pub struct CsvPrinter<'c> {
    ctx: PrintContext<'c>,
    delimiter: u8,
}

impl<'c> CsvPrinter<'c> {
    /// A CSV printer.
    pub fn new(ctx: PrintContext<'c>) -> Self {
        Self::with_delimiter(ctx, b',')
    }

    /// A printer of the same columns with another delimiter (`\t` for TSV).
    pub fn with_delimiter(ctx: PrintContext<'c>, delimiter: u8) -> Self {
        CsvPrinter { ctx, delimiter }
    }

    fn write(&self, out: &mut Vec<u8>, fields: &[String]) {
        let mut w = csv::WriterBuilder::new()
            .delimiter(self.delimiter)
            .from_writer(out);
        w.write_record(fields)
            .expect("writing to a Vec cannot fail");
        w.flush().expect("writing to a Vec cannot fail");
    }

    /// Columns after `words` and `dominant`: per frame five (six with a scope), then one
    /// per scope.
    fn score_columns(&self) -> usize {
        let c = self.ctx.compiled;
        c.frames
            .iter()
            .map(|f| 5 + usize::from(f.scope.is_some()) + usize::from(self.ctx.terms))
            .sum::<usize>()
            + c.scopes.len()
            + self.ctx.percent.as_ref().map_or(0, |_| 2 + c.frames.len())
    }

    fn kept(&self, kept: &[Kept], row: &mut Vec<String>) {
        for k in kept {
            row.push(match k {
                // Strings without their quotes; null like a missing field; anything else
                // (numbers, objects) as JSON.
                Kept::Json(raw) => match serde_json::from_str::<Option<String>>(raw.get()) {
                    Ok(s) => s.unwrap_or_default(),
                    Err(_) => raw.get().to_string(),
                },
                Kept::Str(s) => s.clone(),
                Kept::Missing => String::new(),
            });
        }
    }
}

impl Printer for CsvPrinter<'_> {
    fn header(&self, out: &mut Vec<u8>) {
        let mut row = vec!["id".to_string()];
        if self.ctx.units {
            row.extend(["unit", "start", "end"].map(String::from));
        }
        row.extend(self.ctx.keep.iter().cloned());
        row.push("words".into());
        row.push("dominant".into());
        for f in &self.ctx.compiled.frames {
            for col in ["hits", "negated", "score", "density", "present"] {
                row.push(format!("{}_{col}", f.id));
            }
            if f.scope.is_some() {
                row.push(format!("{}_out_of_scope", f.id));
            }
            if self.ctx.terms {
                row.push(format!("{}_terms", f.id));
            }
        }
        for s in &self.ctx.compiled.scopes {
            row.push(format!("scope_{}", s.name));
        }
        if self.ctx.percent.is_some() {
            row.extend(["WC".to_string(), "Dic".to_string()]);
            for f in &self.ctx.compiled.frames {
                row.push(format!("{}_pct", f.id));
            }
        }
        row.push("error".into());
        self.write(out, &row);
    }

    fn record(&self, out: &mut Vec<u8>, outcome: &Outcome) {
        let mut row = Vec::with_capacity(5 + self.ctx.keep.len() + self.score_columns());
        match outcome {
            Outcome::Failed(e) => {
                row.push(e.id.clone());
                if self.ctx.units {
                    row.extend(std::iter::repeat_n(String::new(), 3));
                }
                self.kept(&e.kept, &mut row);
                row.extend(std::iter::repeat_n(String::new(), 2 + self.score_columns()));
                row.push(e.to_string());
            }
            Outcome::Scored(doc, score) => {
                row.push(doc.id.clone());
                if self.ctx.units {
                    let u = doc.unit.unwrap_or(crate::input::UnitRef {
                        index: 0,
                        start: 0,
                        end: 0,
                    });
                    row.extend([u.index, u.start, u.end].map(|n| n.to_string()));
                }
                self.kept(&doc.kept, &mut row);
                row.push(score.words.to_string());
                row.push(
                    score
                        .dominant
                        .map_or(String::new(), |d| self.ctx.compiled.frames[d].id.clone()),
                );
                let c = self.ctx.compiled;
                for (fs, info) in score.frames.iter().zip(&c.frames) {
                    row.push(fs.hits.to_string());
                    row.push(fs.negated.to_string());
                    // Numbers as in JSONL (`4.0`, not `4`), so both outputs read alike.
                    row.push(serde_json::to_string(&round(fs.score, 4)).expect("a number"));
                    row.push(serde_json::to_string(&round(fs.density, 2)).expect("a number"));
                    row.push(fs.present.to_string());
                    if info.scope.is_some() {
                        row.push(fs.out_of_scope.to_string());
                    }
                    if self.ctx.terms {
                        // The `terms` object of the JSONL record, as one cell.
                        let mut cell = Vec::new();
                        super::jsonl::counts(
                            &mut cell,
                            fs.terms
                                .iter()
                                .map(|t| (c.terms[t.term].text.as_str(), t.count)),
                        );
                        row.push(String::from_utf8(cell).expect("JSON is UTF-8"));
                    }
                }
                for found in &score.scopes {
                    row.push(found.hits.to_string());
                }
                if let Some(share) = &self.ctx.percent {
                    let p = share.percentages(score);
                    row.push(p.wc.to_string());
                    row.push(serde_json::to_string(&round(p.dic, 2)).expect("a number"));
                    for pct in p.frames {
                        row.push(serde_json::to_string(&round(pct, 2)).expect("a number"));
                    }
                }
                row.push(String::new());
            }
        }
        self.write(out, &row);
    }
}
