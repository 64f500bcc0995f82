//! Fitting presence thresholds to gold labels: the `min_score` per frame that maximises
//! F1, with the F1 curve around it (`eval --fit-thresholds`), and the presence test with
//! a fitted threshold that cross-validation applies to held-out units.

use std::io::{self, Write};

use serde::Serialize;

use super::{f1, ratio, GoldUnit};
use crate::compile::Compiled;
use crate::lexicon::Presence;
use crate::score::{reaches, FrameScore};

/// Whether a frame is present with `min_score` in place of its own, other thresholds held.
pub(crate) fn present_at(fs: &FrameScore, p: &Presence, min_score: f64) -> bool {
    reaches(fs.score, min_score)
        && fs.hits >= p.min_hits
        && fs.distinct_terms() >= p.min_terms as usize
        && reaches(fs.density, p.min_density)
}

/// One point of a threshold curve.
#[derive(Debug, Clone, Serialize)]
pub struct ThresholdPoint {
    /// The `min_score` tried.
    pub min_score: f64,
    /// Precision at it.
    pub precision: f64,
    /// Recall at it.
    pub recall: f64,
    /// F1 at it.
    pub f1: f64,
}

/// The presence threshold that maximises F1 for one frame, with the curve around it.
#[derive(Debug, Clone, Serialize)]
pub struct ThresholdFit {
    /// Frame id.
    pub frame: String,
    /// The lexicon's `min_score` and its F1.
    pub current: ThresholdPoint,
    /// The best `min_score` (the lowest among equals, to keep recall).
    pub best: ThresholdPoint,
    /// Every threshold where the decisions change, in increasing order.
    pub curve: Vec<ThresholdPoint>,
}

/// Proposes, per frame with gold support, the `min_score` that maximises F1 on the gold
/// units, other thresholds held as they are. The candidates are the scores the units
/// actually reach (any threshold between two of them decides alike).
pub fn fit_thresholds(compiled: &Compiled, units: &[GoldUnit]) -> Vec<ThresholdFit> {
    let mut fits = Vec::new();
    for (f, info) in compiled.frames.iter().enumerate() {
        if !units.iter().any(|u| u.labels.contains(&f)) {
            continue;
        }
        let p = &info.presence;
        let point = |t: f64| {
            let (mut tp, mut fp, mut fn_) = (0, 0, 0);
            for u in units {
                let pred = present_at(&u.score.frames[f], p, t);
                match (u.labels.contains(&f), pred) {
                    (true, true) => tp += 1,
                    (false, true) => fp += 1,
                    (true, false) => fn_ += 1,
                    _ => {}
                }
            }
            let (precision, recall) = (ratio(tp, tp + fp), ratio(tp, tp + fn_));
            ThresholdPoint {
                min_score: t,
                precision,
                recall,
                f1: f1(precision, recall),
            }
        };
        let mut candidates: Vec<f64> = units
            .iter()
            // A readable threshold that every unit with this score still reaches: rounded
            // down at four decimals (never up past the score, as rounding to nearest
            // would), after a nudge for sums like 0.7 + 0.2 = 0.8999999999999999.
            .map(|u| (u.score.frames[f].score * 1e4 + 1e-6).floor() / 1e4)
            .filter(|s| *s > 0.0)
            .collect();
        candidates.push(p.min_score);
        candidates.sort_by(f64::total_cmp);
        candidates.dedup();
        let curve: Vec<ThresholdPoint> = candidates.into_iter().map(point).collect();
        let best = curve
            .iter()
            .fold(None::<&ThresholdPoint>, |b, x| match b {
                Some(b) if b.f1 >= x.f1 => Some(b),
                _ => Some(x),
            })
            .cloned()
            .unwrap_or_else(|| point(p.min_score));
        fits.push(ThresholdFit {
            frame: info.id.clone(),
            current: point(p.min_score),
            best,
            curve,
        });
    }
    fits
}

/// Writes threshold fits as a table with the curve around each best threshold.
pub fn write_fits(w: &mut dyn Write, fits: &[ThresholdFit], around: usize) -> io::Result<()> {
    for fit in fits {
        writeln!(
            w,
            "\n{}: min_score {} gives F1 {:.3}; best min_score = {} gives F1 {:.3} (P {:.3}, R {:.3})",
            fit.frame,
            fit.current.min_score,
            fit.current.f1,
            fit.best.min_score,
            fit.best.f1,
            fit.best.precision,
            fit.best.recall
        )?;
        let at = fit
            .curve
            .iter()
            .position(|p| p.min_score == fit.best.min_score)
            .unwrap_or(0);
        let from = at.saturating_sub(around);
        let to = (at + around + 1).min(fit.curve.len());
        writeln!(
            w,
            "  {:>9}  {:>9}  {:>6}  {:>6}",
            "min_score", "precision", "recall", "f1"
        )?;
        for p in &fit.curve[from..to] {
            let mark = if p.min_score == fit.best.min_score {
                "  ← best"
            } else if p.min_score == fit.current.min_score {
                "  ← current"
            } else {
                ""
            };
            let bar = "█".repeat((p.f1 * 20.0).round() as usize);
            writeln!(
                w,
                "  {:>9}  {:>9.3}  {:>6.3}  {:>6.3}  {bar}{mark}",
                p.min_score, p.precision, p.recall, p.f1
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::tests::{compiled, unit};
    use super::*;

    #[test]
    fn fits_the_threshold_that_maximises_f1() {
        let c = compiled(); // min_score 2.0, weight 1.0 per term
        let units = vec![
            unit(&c, "a", "a threat", &[0]),             // score 1, gold yes
            unit(&c, "b", "threat and adversary", &[0]), // score 2, gold yes
            unit(&c, "c", "threat, adversary, security", &[0]), // score 3, gold yes
            unit(&c, "d", "security", &[]),              // score 1, gold no
            unit(&c, "e", "cooperation", &[1]),
        ];
        let fits = fit_thresholds(&c, &units);
        let sec = &fits[0];
        assert_eq!(sec.frame, "sec");
        assert_eq!(sec.current.min_score, 2.0);
        assert!((sec.current.f1 - 0.8).abs() < 1e-12); // P 1, R 2/3
                                                       // At 1.0: tp 3, fp 1 → P 0.75, R 1, F1 0.857: better than 2.0.
        assert_eq!(sec.best.min_score, 1.0);
        assert!((sec.best.f1 - 6.0 / 7.0).abs() < 1e-12);
        let ts: Vec<f64> = sec.curve.iter().map(|p| p.min_score).collect();
        assert_eq!(ts, [1.0, 2.0, 3.0]);
        let table = |around: usize| {
            let mut out = Vec::new();
            write_fits(&mut out, &fits[..1], around).unwrap();
            String::from_utf8(out).unwrap()
        };
        // One row either side of the best (it is the first): 1 and 2, with a bar of
        // 20 × F1 blocks, the best and the current threshold marked.
        assert_eq!(
            table(1),
            "\nsec: min_score 2 gives F1 0.800; best min_score = 1 gives F1 0.857 (P 0.750, R 1.000)\n\
             \x20 min_score  precision  recall      f1\n\
             \x20         1      0.750   1.000   0.857  █████████████████  ← best\n\
             \x20         2      1.000   0.667   0.800  ████████████████  ← current\n"
        );
        // Two rows either side: the whole curve, 3 unmarked.
        let two = table(2);
        assert!(
            two.ends_with("  ← current\n          3      1.000   0.333   0.500  ██████████\n"),
            "{two}"
        );
    }

    #[test]
    fn a_sum_a_rounding_error_below_a_threshold_reaches_it() {
        // 0.7 + 0.2 is 0.8999999999999999 in binary floating point.
        let set = crate::lexicon::LexiconSet::from_sources(vec![crate::lexicon::Source {
            path: "f.toml".into(),
            text: "id = \"f\"\nname = \"F\"\n[presence]\nmin_score = 0.9\n[[group]]\nname = \"a\"\nweight = 0.7\nterms = [\"alpha\"]\n[[group]]\nname = \"b\"\nweight = 0.2\nterms = [\"beta\"]\n".into(),
        }])
        .unwrap();
        let c = Compiled::new(set).unwrap();
        let both = unit(&c, "p", "alpha beta", &[0]);
        assert!(both.score.frames[0].score < 0.9);
        assert!(
            both.score.frames[0].present,
            "min_score 0.9 as written is reached"
        );
        let units = vec![
            both,
            unit(&c, "q", "alpha", &[]),
            unit(&c, "r", "beta", &[]),
        ];
        let fits = fit_thresholds(&c, &units);
        // The candidate from "alpha beta" is 0.9 and still includes it: F1 1.
        assert_eq!((fits[0].best.min_score, fits[0].best.f1), (0.9, 1.0));
        assert_eq!(fits[0].current.f1, 1.0);
    }
}
