//! JSONL: one object per input record, the format for pipelines (jq, pandas, DuckDB).
//! The schema is documented in `docs/scoring.md`.

use super::{round, PrintContext, Printer};
use crate::input::Kept;
use crate::pipeline::Outcome;
use crate::score::DocScore;

/// Writes one JSON object per record.
pub struct JsonlPrinter<'c> {
    ctx: PrintContext<'c>,
    /// Frame ids and kept-field names, already JSON-encoded.
    frame_keys: Vec<String>,
    keep_keys: Vec<String>,
}

impl<'c> JsonlPrinter<'c> {
    /// A JSONL printer.
    pub fn new(ctx: PrintContext<'c>) -> Self {
        let enc = |s: &str| serde_json::to_string(s).expect("strings encode");
        JsonlPrinter {
            frame_keys: ctx.compiled.frames.iter().map(|f| enc(&f.id)).collect(),
            keep_keys: ctx.keep.iter().map(|k| enc(k)).collect(),
            ctx,
        }
    }

    /// Writes the score's fields of a record, `"frames":{…},"dominant":…,"words":…` and
    /// `"scopes"` when the set has scopes, with no braces around them: what every record
    /// of a scored document holds after its id, unit and kept fields. The Python package
    /// builds its records from this too, so they equal the CLI's.
    pub fn score_fields(&self, out: &mut Vec<u8>, score: &DocScore) {
        use std::io::Write;
        let c = self.ctx.compiled;
        let percent = self.ctx.percent.as_ref().map(|s| s.percentages(score));
        out.extend_from_slice(b"\"frames\":{");
        for (i, (fs, key)) in score.frames.iter().zip(&self.frame_keys).enumerate() {
            if i > 0 {
                out.push(b',');
            }
            let _ = write!(
                out,
                "{key}:{{\"hits\":{},\"negated\":{},\"score\":",
                fs.hits, fs.negated
            );
            json_f64(out, round(fs.score, 4));
            out.extend_from_slice(b",\"density\":");
            json_f64(out, round(fs.density, 2));
            let _ = write!(out, ",\"present\":{},\"terms\":", fs.present);
            counts(
                out,
                fs.terms
                    .iter()
                    .map(|t| (c.terms[t.term].text.as_str(), t.count)),
            );
            if !fs.rules.is_empty() {
                out.extend_from_slice(b",\"rules\":");
                counts(
                    out,
                    fs.rules
                        .iter()
                        .map(|r| (c.rules[r.rule].name.as_str(), r.count)),
                );
            }
            if let Some(v) = fs.voice {
                let _ = write!(
                    out,
                    ",\"voice\":{{\"author\":{},\"quoted\":{}}}",
                    v.author, v.quoted
                );
            }
            if let Some(p) = &percent {
                out.extend_from_slice(b",\"pct\":");
                json_f64(out, round(p.frames[i], 2));
            }
            if let Some(n) = fs.units_present {
                let _ = write!(out, ",\"units_present\":{n}");
            }
            if fs.negated > 0 {
                out.extend_from_slice(b",\"negated_terms\":");
                counts(
                    out,
                    fs.terms
                        .iter()
                        .map(|t| (c.terms[t.term].text.as_str(), t.negated)),
                );
            }
            if c.frames[i].scope.is_some() {
                let _ = write!(out, ",\"out_of_scope\":{}", fs.out_of_scope);
                if fs.out_of_scope > 0 {
                    out.extend_from_slice(b",\"out_of_scope_terms\":");
                    counts(
                        out,
                        fs.terms
                            .iter()
                            .map(|t| (c.terms[t.term].text.as_str(), t.out_of_scope)),
                    );
                }
            }
            out.push(b'}');
        }
        out.extend_from_slice(b"},\"dominant\":");
        match score.dominant {
            Some(d) => out.extend_from_slice(self.frame_keys[d].as_bytes()),
            None => out.extend_from_slice(b"null"),
        }
        let _ = write!(out, ",\"words\":{}", score.words);
        if let Some(p) = &percent {
            let _ = write!(out, ",\"WC\":{},\"Dic\":", p.wc);
            json_f64(out, round(p.dic, 2));
        }
        if !c.scopes.is_empty() {
            out.extend_from_slice(b",\"scopes\":{");
            for (i, (info, found)) in c.scopes.iter().zip(&score.scopes).enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                json_str(out, &info.name);
                let _ = write!(out, ":{{\"hits\":{},\"terms\":", found.hits);
                counts(
                    out,
                    found
                        .terms
                        .iter()
                        .map(|&(t, n)| (c.scope_terms[t].text.as_str(), n)),
                );
                out.push(b'}');
            }
            out.push(b'}');
        }
    }

    fn kept(&self, out: &mut Vec<u8>, kept: &[Kept]) {
        for (key, value) in self.keep_keys.iter().zip(kept) {
            out.push(b',');
            out.extend_from_slice(key.as_bytes());
            out.push(b':');
            match value {
                Kept::Json(raw) => out.extend_from_slice(raw.get().as_bytes()),
                Kept::Str(s) => json_str(out, s),
                Kept::Missing => out.extend_from_slice(b"null"),
            }
        }
    }
}

pub(crate) fn json_str(out: &mut Vec<u8>, s: &str) {
    serde_json::to_writer(&mut *out, s).expect("writing to a Vec cannot fail");
}

/// Writes `{"name": n, …}` for the entries with a count above zero.
pub(crate) fn counts<'a>(out: &mut Vec<u8>, entries: impl Iterator<Item = (&'a str, u32)>) {
    use std::io::Write;
    out.push(b'{');
    for (i, (name, n)) in entries.filter(|e| e.1 > 0).enumerate() {
        if i > 0 {
            out.push(b',');
        }
        json_str(out, name);
        let _ = write!(out, ":{n}");
    }
    out.push(b'}');
}

pub(crate) fn json_f64(out: &mut Vec<u8>, x: f64) {
    serde_json::to_writer(&mut *out, &x).expect("writing to a Vec cannot fail");
}

impl Printer for JsonlPrinter<'_> {
    fn header(&self, _out: &mut Vec<u8>) {}

    fn record(&self, out: &mut Vec<u8>, outcome: &Outcome) {
        use std::io::Write;
        match outcome {
            Outcome::Failed(e) => {
                out.extend_from_slice(b"{\"id\":");
                json_str(out, &e.id);
                self.kept(out, &e.kept);
                out.extend_from_slice(b",\"error\":");
                json_str(out, &e.to_string());
                out.extend_from_slice(b"}\n");
            }
            Outcome::Scored(doc, score) => {
                out.extend_from_slice(b"{\"id\":");
                json_str(out, &doc.id);
                if let Some(u) = &doc.unit {
                    let _ = write!(
                        out,
                        ",\"unit\":{},\"start\":{},\"end\":{}",
                        u.index, u.start, u.end
                    );
                }
                self.kept(out, &doc.kept);
                out.push(b',');
                self.score_fields(out, score);
                if doc.invalid_utf8 > 0 {
                    let _ = write!(out, ",\"invalid_utf8\":{}", doc.invalid_utf8);
                }
                out.extend_from_slice(b"}\n");
            }
        }
    }
}
