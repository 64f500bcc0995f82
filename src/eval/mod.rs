//! Evaluation against gold labels: per-frame precision, recall and F1, and the error
//! attribution that makes tuning possible.
//!
//! A lexicon is only as good as its agreement with careful human coding, and a bare F1
//! does not say what to edit. So besides the metrics this module says, for each frame,
//! which terms fire in the false positives (with a context each) and, for each false
//! negative, the frame's nearest miss: terms that occurred but were negated or excluded,
//! or hits that stayed under the presence threshold.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use crate::compile::Compiled;
use crate::input::{Document, Kept};
use crate::score::{DocScore, HitKind, VoiceFilter};

mod cv;
mod fit;

pub use cv::{assign_folds, cross_validate, CrossValidation, FoldResult, PooledFrame};
pub use fit::{fit_thresholds, write_fits, ThresholdFit, ThresholdPoint};

/// One gold unit, scored.
#[derive(Debug, Clone)]
pub struct GoldUnit {
    /// The document (id and text).
    pub doc: Document,
    /// Its score under the lexicon set being evaluated.
    pub score: DocScore,
    /// Indices of the frames the gold labels name.
    pub labels: Vec<usize>,
}

/// Reads the labels of a gold record from its kept labels field: a JSON array of frame
/// ids, or a string of ids separated by `;` (CSV). Unknown ids are errors.
pub fn parse_labels(kept: &Kept, field: &str, compiled: &Compiled) -> Result<Vec<usize>, String> {
    let names: Vec<String> = match kept {
        Kept::Missing => return Err(format!("missing field \"{field}\"")),
        Kept::Str(s) => split_labels(s),
        Kept::Json(raw) => match serde_json::from_str::<serde_json::Value>(raw.get()) {
            Ok(serde_json::Value::Array(items)) => {
                let mut names = Vec::new();
                for item in items {
                    match item {
                        serde_json::Value::String(s) => names.push(s.trim().to_string()),
                        other => {
                            return Err(format!(
                                "field \"{field}\" must hold frame ids as strings, found {other}"
                            ))
                        }
                    }
                }
                names
            }
            Ok(serde_json::Value::String(s)) => split_labels(&s),
            Ok(serde_json::Value::Null) => Vec::new(),
            Ok(other) => {
                return Err(format!(
                    "field \"{field}\" must be an array of frame ids or a ;-separated string, found {other}"
                ))
            }
            Err(e) => return Err(format!("field \"{field}\": {e}")),
        },
    };
    let mut labels = Vec::new();
    for name in names.iter().filter(|n| !n.is_empty()) {
        match compiled.frame_index(name) {
            Some(i) => {
                if !labels.contains(&i) {
                    labels.push(i);
                }
            }
            None => {
                let known: Vec<&str> = compiled.frames.iter().map(|f| f.id.as_str()).collect();
                return Err(format!(
                    "label \"{name}\" names no frame of the lexicon set (its frames: {})",
                    known.join(", ")
                ));
            }
        }
    }
    labels.sort_unstable();
    Ok(labels)
}

fn split_labels(s: &str) -> Vec<String> {
    s.split(';').map(|x| x.trim().to_string()).collect()
}

/// A term's count in false positives, with one short context.
#[derive(Debug, Clone, Serialize)]
pub struct TermAttribution {
    /// The term as written.
    pub term: String,
    /// Counted hits of the term in false-positive units.
    pub count: u32,
    /// Units in which it hit.
    pub units: u32,
    /// The first such hit, with some words either side; the hit in `[brackets]`.
    pub context: String,
    /// The unit of that context.
    pub id: String,
}

/// A false negative and the frame's nearest miss in it.
#[derive(Debug, Clone, Serialize)]
pub struct Miss {
    /// Unit id.
    pub id: String,
    /// What the frame found, in words: "no term of this frame", "negated: threat ×1", …
    pub near_miss: String,
}

/// Metrics and error attribution for one frame.
#[derive(Debug, Clone, Serialize)]
pub struct FrameMetrics {
    /// Frame id.
    pub frame: String,
    /// Units labelled with the frame.
    pub support: usize,
    /// True positives.
    pub tp: usize,
    /// False positives.
    pub fp: usize,
    /// False negatives.
    pub fn_: usize,
    /// True negatives.
    pub tn: usize,
    /// tp / (tp + fp); 0 when nothing was predicted.
    pub precision: f64,
    /// tp / (tp + fn).
    pub recall: f64,
    /// Harmonic mean of precision and recall; 0 when both are 0.
    pub f1: f64,
    /// Terms firing in false positives, most first.
    pub false_positive_terms: Vec<TermAttribution>,
    /// False negatives with their nearest miss, in gold order.
    pub false_negatives: Vec<Miss>,
    /// What the frame's scope did, for a frame with a scope.
    pub scope: Option<ScopeEffect>,
}

/// What a frame's scope changed on the gold set: units that would be present without it
/// and are not with it.
#[derive(Debug, Clone, Serialize)]
pub struct ScopeEffect {
    /// The scope's name.
    pub scope: String,
    /// Gold negatives the scope kept from being false positives.
    pub removed_false_positives: usize,
    /// Gold positives the scope turned into false negatives, by id.
    pub lost_positives: Vec<String>,
}

/// The whole evaluation.
#[derive(Debug, Clone, Serialize)]
pub struct Evaluation {
    /// Units evaluated.
    pub units: usize,
    /// One entry per frame with gold support, in set order.
    pub frames: Vec<FrameMetrics>,
    /// Frames of the set that no gold unit is labelled with: nothing to measure them on.
    pub unevaluated: Vec<String>,
    /// Mean F1 over the evaluated frames.
    pub macro_f1: f64,
    /// Precision, recall and F1 over the pooled decisions of the evaluated frames.
    pub micro_precision: f64,
    /// See `micro_precision`.
    pub micro_recall: f64,
    /// See `micro_precision`.
    pub micro_f1: f64,
    /// Units whose predicted frames (among the evaluated) equal their gold labels.
    pub exact_match: usize,
    /// `exact_match / units`.
    pub exact_match_share: f64,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn f1(p: f64, r: f64) -> f64 {
    let sum = p + r;
    if sum == 0.0 {
        0.0
    } else {
        2.0 * p * r / sum
    }
}

/// Characters of context shown either side of a hit.
const CONTEXT_CHARS: usize = 40;

/// A short context around `start..end` of `text`, the hit in brackets, on one line.
pub fn context(text: &str, start: usize, end: usize) -> String {
    let left = text[..start]
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS - 1)
        .map_or(0, |(i, _)| i);
    let right = text[end..]
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(text.len(), |(i, _)| end + i);
    format!(
        "{}{}[{}]{}{}",
        if left > 0 { "…" } else { "" },
        squash(&text[left..start]).trim_start(),
        squash(&text[start..end]),
        squash(&text[end..right]).trim_end(),
        if right < text.len() { "…" } else { "" },
    )
}

/// Turns each run of white space into one space, so that a context stays on one line.
fn squash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

/// Evaluates scored gold units.
pub fn evaluate(compiled: &Compiled, units: &[GoldUnit]) -> Evaluation {
    evaluate_voiced(compiled, units, None)
}

/// [`evaluate`] of units scored with `--voice`: the scope effects are computed with the
/// same voice, and only that voice's hits are blamed for false positives.
pub fn evaluate_voiced(
    compiled: &Compiled,
    units: &[GoldUnit],
    voice: Option<VoiceFilter>,
) -> Evaluation {
    let n_frames = compiled.frames.len();
    let counts = |quoted: bool| match voice {
        None | Some(VoiceFilter::All) => true,
        Some(VoiceFilter::Author) => !quoted,
        Some(VoiceFilter::Quoted) => quoted,
    };
    // Presence with scopes off, to say what each scope does.
    let unscoped: Vec<Vec<bool>> = if compiled.has_scoped_frames() {
        let mut scorer = crate::score::Scorer::new(compiled);
        scorer.set_scopes(false);
        units
            .iter()
            .map(|u| {
                let mut s = scorer.score(&u.doc.text);
                if let Some(v) = voice {
                    let spans = scorer.quoted_spans(&u.doc.text);
                    scorer.apply_voice_spans(&spans, 0, &mut s, v);
                }
                s.frames.iter().map(|f| f.present).collect()
            })
            .collect()
    } else {
        Vec::new()
    };
    let supported: Vec<bool> = (0..n_frames)
        .map(|f| units.iter().any(|u| u.labels.contains(&f)))
        .collect();
    let mut frames = Vec::new();
    let (mut all_tp, mut all_fp, mut all_fn) = (0, 0, 0);
    for f in (0..n_frames).filter(|&f| supported[f]) {
        let (mut tp, mut fp, mut fn_, mut tn) = (0, 0, 0, 0);
        let mut fp_terms: BTreeMap<usize, TermAttribution> = BTreeMap::new();
        let mut misses = Vec::new();
        for u in units {
            let gold = u.labels.contains(&f);
            let pred = u.score.frames[f].present;
            match (gold, pred) {
                (true, true) => tp += 1,
                (false, false) => tn += 1,
                (false, true) => {
                    fp += 1;
                    let mut seen = Vec::new();
                    for h in
                        u.score.hits.iter().filter(|h| {
                            h.frame == f && h.kind == HitKind::Counted && counts(h.quoted)
                        })
                    {
                        let a = fp_terms.entry(h.term).or_insert_with(|| TermAttribution {
                            term: compiled.terms[h.term].text.clone(),
                            count: 0,
                            units: 0,
                            context: context(&u.doc.text, h.start, h.end),
                            id: u.doc.id.clone(),
                        });
                        a.count += 1;
                        if !seen.contains(&h.term) {
                            seen.push(h.term);
                            a.units += 1;
                        }
                    }
                }
                (true, false) => {
                    fn_ += 1;
                    misses.push(Miss {
                        id: u.doc.id.clone(),
                        near_miss: near_miss(compiled, &u.score, f),
                    });
                }
            }
        }
        all_tp += tp;
        all_fp += fp;
        all_fn += fn_;
        let precision = ratio(tp, tp + fp);
        let recall = ratio(tp, tp + fn_);
        let mut fpt: Vec<TermAttribution> = fp_terms.into_values().collect();
        fpt.sort_by(|a, b| b.count.cmp(&a.count).then(a.term.cmp(&b.term)));
        let scope = compiled.frames[f].scope.map(|s| {
            let held = |u: &(usize, &GoldUnit)| unscoped[u.0][f] && !u.1.score.frames[f].present;
            ScopeEffect {
                scope: compiled.scopes[s].name.clone(),
                removed_false_positives: units
                    .iter()
                    .enumerate()
                    .filter(|u| !u.1.labels.contains(&f) && held(u))
                    .count(),
                lost_positives: units
                    .iter()
                    .enumerate()
                    .filter(|u| u.1.labels.contains(&f) && held(u))
                    .map(|(_, u)| u.doc.id.clone())
                    .collect(),
            }
        });
        frames.push(FrameMetrics {
            frame: compiled.frames[f].id.clone(),
            support: tp + fn_,
            tp,
            fp,
            fn_,
            tn,
            precision,
            recall,
            f1: f1(precision, recall),
            false_positive_terms: fpt,
            false_negatives: misses,
            scope,
        });
    }
    let evaluated: Vec<usize> = (0..n_frames).filter(|&f| supported[f]).collect();
    let exact_match = units
        .iter()
        .filter(|u| {
            evaluated
                .iter()
                .all(|&f| u.labels.contains(&f) == u.score.frames[f].present)
        })
        .count();
    let micro_precision = ratio(all_tp, all_tp + all_fp);
    let micro_recall = ratio(all_tp, all_tp + all_fn);
    Evaluation {
        units: units.len(),
        macro_f1: if frames.is_empty() {
            0.0
        } else {
            frames.iter().map(|m| m.f1).sum::<f64>() / frames.len() as f64
        },
        frames,
        unevaluated: (0..n_frames)
            .filter(|&f| !supported[f])
            .map(|f| compiled.frames[f].id.clone())
            .collect(),
        micro_precision,
        micro_recall,
        micro_f1: f1(micro_precision, micro_recall),
        exact_match,
        exact_match_share: ratio(exact_match, units.len()),
    }
}

/// What a frame found in a unit where it was not present.
fn near_miss(compiled: &Compiled, score: &DocScore, frame: usize) -> String {
    let fs = &score.frames[frame];
    let mut parts = Vec::new();
    if fs.hits > 0 {
        let p = &compiled.frames[frame].presence;
        let terms: Vec<String> = fs
            .terms
            .iter()
            .filter(|t| t.count > 0)
            .map(|t| format!("{} ×{}", compiled.terms[t.term].text, t.count))
            .collect();
        parts.push(format!(
            "below threshold (score {} of {}, {} hits): {}",
            crate::printer::round(fs.score, 4),
            p.min_score,
            fs.hits,
            terms.join(", ")
        ));
    }
    let negated: Vec<String> = fs
        .terms
        .iter()
        .filter(|t| t.negated > 0)
        .map(|t| format!("{} ×{}", compiled.terms[t.term].text, t.negated))
        .collect();
    if !negated.is_empty() {
        parts.push(format!("negated: {}", negated.join(", ")));
    }
    let mut excluded: Vec<String> = Vec::new();
    for h in score
        .hits
        .iter()
        .filter(|h| h.frame == frame && h.kind == HitKind::Excluded)
    {
        let t = &compiled.terms[h.term].text;
        if !excluded.contains(t) {
            excluded.push(t.clone());
        }
    }
    if !excluded.is_empty() {
        parts.push(format!("excluded: {}", excluded.join(", ")));
    }
    if fs.out_of_scope > 0 {
        let held: Vec<String> = fs
            .terms
            .iter()
            .filter(|t| t.out_of_scope > 0)
            .map(|t| format!("{} ×{}", compiled.terms[t.term].text, t.out_of_scope))
            .collect();
        parts.push(format!("out of scope: {}", held.join(", ")));
    }
    if parts.is_empty() {
        "no term of this frame".into()
    } else {
        parts.join("; ")
    }
}

impl Evaluation {
    /// Writes the evaluation as a table; `show` bounds the error lists per frame.
    pub fn write_table(&self, w: &mut dyn Write, show: usize) -> io::Result<()> {
        let width = self
            .frames
            .iter()
            .map(|m| m.frame.len())
            .max()
            .unwrap_or(5)
            .max(5);
        writeln!(
            w,
            "{:<width$}  {:>7}  {:>4}  {:>4}  {:>4}  {:>4}  {:>9}  {:>6}  {:>6}",
            "frame", "support", "tp", "fp", "fn", "tn", "precision", "recall", "f1"
        )?;
        for m in &self.frames {
            writeln!(
                w,
                "{:<width$}  {:>7}  {:>4}  {:>4}  {:>4}  {:>4}  {:>9.3}  {:>6.3}  {:>6.3}",
                m.frame, m.support, m.tp, m.fp, m.fn_, m.tn, m.precision, m.recall, m.f1
            )?;
        }
        writeln!(
            w,
            "\nmacro-F1 {:.3}   micro-F1 {:.3} (P {:.3}, R {:.3})   exact match {:.3} ({}/{} units)",
            self.macro_f1,
            self.micro_f1,
            self.micro_precision,
            self.micro_recall,
            self.exact_match_share,
            self.exact_match,
            self.units
        )?;
        if !self.unevaluated.is_empty() {
            writeln!(
                w,
                "unevaluated (no gold unit carries them): {}",
                self.unevaluated.join(", ")
            )?;
        }
        for m in &self.frames {
            if let Some(e) = &m.scope {
                let lost = if e.lost_positives.is_empty() {
                    String::new()
                } else {
                    let shown: Vec<&str> = e
                        .lost_positives
                        .iter()
                        .take(show.max(1))
                        .map(String::as_str)
                        .collect();
                    let more = e.lost_positives.len().saturating_sub(shown.len());
                    format!(
                        " ({}{})",
                        shown.join(", "),
                        if more > 0 {
                            format!(", … {more} more")
                        } else {
                            String::new()
                        }
                    )
                };
                writeln!(
                    w,
                    "scope \"{}\" of {}: removed {} false positives, lost {} gold positives{lost}",
                    e.scope,
                    m.frame,
                    e.removed_false_positives,
                    e.lost_positives.len()
                )?;
            }
        }
        if show == 0 {
            return Ok(());
        }
        for m in &self.frames {
            if !m.false_positive_terms.is_empty() {
                writeln!(w, "\n{}: terms firing in {} false positives", m.frame, m.fp)?;
                for a in m.false_positive_terms.iter().take(show) {
                    writeln!(
                        w,
                        "  {:>3}×  {:<28}  {}  ({})",
                        a.count, a.term, a.context, a.id
                    )?;
                }
                if m.false_positive_terms.len() > show {
                    writeln!(w, "  … {} more terms", m.false_positive_terms.len() - show)?;
                }
            }
            if !m.false_negatives.is_empty() {
                writeln!(w, "\n{}: {} false negatives", m.frame, m.fn_)?;
                for miss in m.false_negatives.iter().take(show) {
                    writeln!(w, "  {:<16}  {}", miss.id, miss.near_miss)?;
                }
                if m.false_negatives.len() > show {
                    writeln!(w, "  … {} more", m.false_negatives.len() - show)?;
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn contexts_hold_forty_characters_either_side() {
        let left = "0123456789".repeat(5);
        let right = "abcdefghij".repeat(5);
        let text = format!("{left}X{right}");
        assert_eq!(
            context(&text, 50, 51),
            format!("…{}[X]{}…", "0123456789".repeat(4), "abcdefghij".repeat(4))
        );
        // Near the edges: no ellipsis, and white space runs on one line.
        assert_eq!(context("a\n\n  threat  \tb", 5, 11), "a [threat] b");
        // Characters, not bytes: 40 Cyrillic letters on the left.
        let cyr = "ж".repeat(45);
        let text = format!("{cyr}угроза");
        let start = cyr.len();
        assert_eq!(
            context(&text, start, text.len()),
            format!("…{}[угроза]", "ж".repeat(40))
        );
    }

    use super::*;
    use crate::lexicon::{LexiconSet, Source};
    use crate::score::Scorer;

    pub(super) fn compiled() -> Compiled {
        let frame = |id: &str, terms: &str| {
            Source {
            path: format!("{id}.toml").into(),
            text: format!("id = \"{id}\"\nname = \"{id}\"\nexclude = [\"social security\"]\n[presence]\nmin_score = 2.0\n[[group]]\nname = \"g\"\nweight = 1.0\nterms = {terms}\n").into(),
        }
        };
        let set = LexiconSet::from_sources(vec![
            frame("sec", "[\"threat\", \"adversary\", \"security\"]"),
            frame("coop", "[\"cooperation\", \"dialogue\"]"),
            frame("other", "[\"zebra\"]"),
        ])
        .unwrap();
        Compiled::new(set).unwrap()
    }

    pub(super) fn unit(c: &Compiled, id: &str, text: &str, labels: &[usize]) -> GoldUnit {
        GoldUnit {
            doc: Document {
                id: id.into(),
                text: text.into(),
                kept: vec![],
                invalid_utf8: 0,
                origin: "gold.jsonl".into(),
                line: 1,
                unit: None,
            },
            score: Scorer::new(c).score(text),
            labels: labels.to_vec(),
        }
    }

    #[test]
    fn metrics_and_attribution() {
        let c = compiled();
        let units = vec![
            unit(&c, "tp", "a threat from an adversary", &[0]),
            unit(&c, "fp", "the threat of an adversary in chess", &[]),
            unit(&c, "fn-neg", "not a threat, not an adversary", &[0]),
            unit(&c, "fn-low", "a threat", &[0]),
            unit(&c, "fn-excl", "Social Security", &[0]),
            unit(&c, "coop", "cooperation and dialogue", &[1]),
            unit(&c, "tn", "nothing here", &[]),
        ];
        let e = evaluate(&c, &units);
        assert_eq!(e.units, 7);
        assert_eq!(e.unevaluated, ["other"]);
        let sec = &e.frames[0];
        assert_eq!(
            (sec.support, sec.tp, sec.fp, sec.fn_, sec.tn),
            (4, 1, 1, 3, 2)
        );
        assert_eq!(sec.precision, 0.5);
        assert_eq!(sec.recall, 0.25);
        assert!((sec.f1 - 1.0 / 3.0).abs() < 1e-12);
        assert_eq!(sec.false_positive_terms[0].term, "adversary");
        assert_eq!(
            sec.false_positive_terms[0].context,
            "the threat of an [adversary] in chess"
        );
        let misses: Vec<&str> = sec
            .false_negatives
            .iter()
            .map(|m| m.near_miss.as_str())
            .collect();
        assert_eq!(
            misses,
            [
                "negated: threat ×1, adversary ×1",
                "below threshold (score 1 of 2, 1 hits): threat ×1",
                "excluded: social security"
            ]
        );
        let coop = &e.frames[1];
        assert_eq!((coop.tp, coop.fp, coop.fn_), (1, 0, 0));
        assert_eq!(coop.f1, 1.0);
        assert!((e.macro_f1 - (1.0 / 3.0 + 1.0) / 2.0).abs() < 1e-12);
        // micro: tp 2, fp 1, fn 3
        assert!((e.micro_precision - 2.0 / 3.0).abs() < 1e-12);
        assert!((e.micro_recall - 0.4).abs() < 1e-12);
        assert_eq!(e.exact_match, 3); // tp, coop, tn
    }

    #[test]
    fn near_misses_name_the_frames_own_counted_terms_and_exclusions() {
        // Each frame with its own exclusion, so that one frame's is not taken for another's.
        let frame = |id: &str, exclude: &str, terms: &str| {
            Source {
            path: format!("{id}.toml").into(),
            text: format!("id = \"{id}\"\nname = \"{id}\"\nexclude = [\"{exclude}\"]\n[presence]\nmin_score = 2.0\n[[group]]\nname = \"g\"\nweight = 1.0\nterms = {terms}\n").into(),
        }
        };
        let c = Compiled::new(
            LexiconSet::from_sources(vec![
                frame("sec", "social security", "[\"threat\", \"adversary\"]"),
                frame("coop", "dialogue box", "[\"cooperation\", \"dialogue\"]"),
            ])
            .unwrap(),
        )
        .unwrap();
        let score = Scorer::new(&c).score("A threat, not an adversary. Click the dialogue box.");
        // The negated term is listed as negated, not among the counted ones with ×0; the
        // other frame's exclusion is not this frame's.
        assert_eq!(
            near_miss(&c, &score, 0),
            "below threshold (score 1 of 2, 1 hits): threat ×1; negated: adversary ×1"
        );
        assert_eq!(near_miss(&c, &score, 1), "excluded: dialogue box");
    }

    #[test]
    fn the_table_lists_errors_up_to_the_bound_and_counts_the_rest() {
        let c = compiled();
        let units = vec![
            unit(&c, "fp", "the threat of an adversary in chess", &[]),
            unit(&c, "fn-neg", "not a threat, not an adversary", &[0]),
            unit(&c, "fn-low", "a threat", &[0]),
            unit(&c, "coop", "cooperation and dialogue", &[1]),
        ];
        let e = evaluate(&c, &units);
        let table = |show: usize| {
            let mut out = Vec::new();
            e.write_table(&mut out, show).unwrap();
            let out = String::from_utf8(out).unwrap();
            // The error lists start after the metrics and their blank line.
            out[out.find("\nsec:").unwrap_or(out.len())..].to_string()
        };
        // Only frames with errors get a list (coop has none); beyond the bound, a count.
        assert_eq!(
            table(1),
            "\nsec: terms firing in 1 false positives\n\
             \x20   1×  adversary                     the threat of an [adversary] in chess  (fp)\n\
             \x20 … 1 more terms\n\
             \nsec: 2 false negatives\n\
             \x20 fn-neg            negated: threat ×1, adversary ×1\n\
             \x20 … 1 more\n"
        );
        // At the bound exactly, nothing is left to count.
        let two = table(2);
        assert!(!two.contains("more"), "{two}");
        assert!(two.contains("  fn-low            below threshold"), "{two}");
        assert_eq!(table(0), "");
    }

    #[test]
    fn labels_parse_from_arrays_and_strings() {
        let c = compiled();
        let raw = |s: &str| Kept::Json(serde_json::value::RawValue::from_string(s.into()).unwrap());
        assert_eq!(
            parse_labels(&raw("[\"coop\", \"sec\"]"), "labels", &c),
            Ok(vec![0, 1])
        );
        assert_eq!(parse_labels(&raw("[]"), "labels", &c), Ok(vec![]));
        assert_eq!(
            parse_labels(&Kept::Str("sec; coop".into()), "labels", &c),
            Ok(vec![0, 1])
        );
        assert_eq!(
            parse_labels(&Kept::Str("".into()), "labels", &c),
            Ok(vec![])
        );
        assert_eq!(
            parse_labels(&raw("[\"nope\"]"), "labels", &c),
            Err(
                "label \"nope\" names no frame of the lexicon set (its frames: sec, coop, other)"
                    .into()
            )
        );
        assert_eq!(
            parse_labels(&Kept::Missing, "labels", &c),
            Err("missing field \"labels\"".into())
        );
        assert!(parse_labels(&raw("[1]"), "labels", &c)
            .unwrap_err()
            .contains("as strings"));
        assert!(parse_labels(&raw("{}"), "labels", &c)
            .unwrap_err()
            .contains("must be an array"));
    }

    #[test]
    fn context_marks_the_hit() {
        let text = "word ".repeat(20) + "HIT" + &" after".repeat(20);
        let s = text.find("HIT").unwrap();
        let ctx = context(&text, s, s + 3);
        assert!(ctx.starts_with('…') && ctx.ends_with('…'));
        assert!(ctx.contains(" [HIT] "));
        assert_eq!(context("a\nb HIT", 4, 7), "a b [HIT]");
    }
}
