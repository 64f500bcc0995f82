//! K-fold cross-validation of what `eval` fits: out-of-sample figures.
//!
//! A threshold fitted on a gold set and scored on the same set flatters: it has seen the
//! answers. `eval --cv K` splits the units into K folds, fits the presence thresholds on
//! K−1 of them, scores the held fold with them, and reports the pooled figures over all
//! held folds with the spread between folds. Units of one group (the page a paragraph
//! came from, with `--cv-group url`) stay in one fold, so that a page's style cannot leak
//! from the training folds into the held one; folds are balanced on every label
//! (stratified), and the split is reproducible from its seed.
//!
//! What cross-validation cannot do is undo a person's tuning: a lexicon edited while
//! reading the whole gold set is in-sample for every fold. Only a set nobody tuned on
//! measures that.

use std::io::{self, Write};

use serde::Serialize;

use super::fit::present_at;
use super::{f1, fit_thresholds, ratio, GoldUnit};
use crate::compile::Compiled;

/// One held fold.
#[derive(Debug, Clone, Serialize)]
pub struct FoldResult {
    /// Units in the fold.
    pub units: usize,
    /// Per evaluated frame: the `min_score` fitted on the other folds.
    pub min_score: Vec<f64>,
    /// Per evaluated frame: F1 on this fold with the fitted thresholds; `None` (null) when
    /// the fold holds no unit labelled with the frame, where F1 is undefined (the frame's
    /// false positives there still count in the pooled figures).
    pub f1: Vec<Option<f64>>,
    /// Macro-F1 on this fold with the fitted thresholds, over the frames with a labelled
    /// unit in the fold; `None` when it has none.
    pub macro_f1: Option<f64>,
    /// The same with the lexicon's own thresholds.
    pub macro_f1_as_written: Option<f64>,
    /// Micro-F1 on this fold with the fitted thresholds (all frames' decisions pooled).
    pub micro_f1: f64,
}

/// One frame's figures pooled over the held folds.
#[derive(Debug, Clone, Serialize)]
pub struct PooledFrame {
    /// Frame id.
    pub frame: String,
    /// Units labelled with the frame.
    pub support: usize,
    /// Precision over all held folds.
    pub precision: f64,
    /// Recall over all held folds.
    pub recall: f64,
    /// F1 over all held folds.
    pub f1: f64,
    /// Mean of the per-fold F1, over the folds that hold a unit labelled with the frame.
    pub f1_mean: f64,
    /// Standard deviation of the per-fold F1, over the same folds.
    pub f1_sd: f64,
}

/// The result of [`cross_validate`].
#[derive(Debug, Clone, Serialize)]
pub struct CrossValidation {
    /// Number of folds.
    pub k: usize,
    /// The field units were grouped by, if any.
    pub group_field: Option<String>,
    /// The seed of the split.
    pub seed: u64,
    /// Per frame with gold support, pooled over the held folds (thresholds fitted).
    pub frames: Vec<PooledFrame>,
    /// Mean F1 of the pooled frames: the cross-validated macro-F1.
    pub macro_f1: f64,
    /// Mean of the per-fold macro-F1 (folds with a defined macro-F1).
    pub fold_macro_f1_mean: f64,
    /// Standard deviation of the per-fold macro-F1.
    pub fold_macro_f1_sd: f64,
    /// Lowest and highest per-fold macro-F1.
    pub fold_macro_f1_range: (f64, f64),
    /// Precision over every frame's decisions in every held fold (thresholds fitted).
    pub micro_precision: f64,
    /// Recall over the same pooled decisions.
    pub micro_recall: f64,
    /// F1 over the same pooled decisions: the cross-validated micro-F1, the official
    /// measure of multi-label tasks such as SemEval-2023 Task 3.
    pub micro_f1: f64,
    /// Mean of the per-fold micro-F1.
    pub fold_micro_f1_mean: f64,
    /// Standard deviation of the per-fold micro-F1.
    pub fold_micro_f1_sd: f64,
    /// Macro-F1 of the lexicon as written, on all units (what plain `eval` reports).
    pub in_sample_as_written: f64,
    /// Macro-F1 with thresholds fitted on all units and scored on them (in sample).
    pub in_sample_fitted: f64,
    /// Micro-F1 of the lexicon as written, on all units.
    pub in_sample_micro_as_written: f64,
    /// Micro-F1 with thresholds fitted on all units (in sample).
    pub in_sample_micro_fitted: f64,
    /// Per fold.
    pub folds: Vec<FoldResult>,
}

/// A 64-bit FNV-1a hash: a stable, dependency-free way to shuffle groups by seed.
fn fnv(seed: u64, key: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in seed.to_le_bytes().iter().chain(key.as_bytes()) {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Assigns each unit a fold in `0..k`: stratified by label, grouped by `groups` (one key
/// per unit; `None` puts every unit in a group of its own), reproducible from `seed`.
///
/// Groups are taken in a seeded random order, those holding positives of the rarest
/// labels first, and each goes to the fold where it leaves the label counts most even
/// (then the smallest fold). Errors when there are fewer groups than folds.
pub fn assign_folds(
    compiled: &Compiled,
    units: &[GoldUnit],
    k: usize,
    seed: u64,
    groups: Option<&[String]>,
) -> Result<Vec<usize>, String> {
    if k < 2 {
        return Err(format!("--cv needs at least 2 folds, not {k}"));
    }
    // Group keys in first-seen order, with each group's units.
    let mut keys: Vec<String> = Vec::new();
    let mut members: Vec<Vec<usize>> = Vec::new();
    let mut index = std::collections::HashMap::new();
    for (i, _) in units.iter().enumerate() {
        let key = groups.map_or_else(|| i.to_string(), |g| g[i].clone());
        let at = *index.entry(key.clone()).or_insert_with(|| {
            keys.push(key);
            members.push(Vec::new());
            keys.len() - 1
        });
        members[at].push(i);
    }
    if keys.len() < k {
        return Err(format!(
            "--cv {k}: only {} {} to split",
            keys.len(),
            if groups.is_some() { "groups" } else { "units" }
        ));
    }
    // Classes: each frame's positives, and the units with no label.
    let frames = compiled.frames.len();
    let classes = frames + 1;
    let class_counts = |unit: &GoldUnit| {
        let mut c = vec![0usize; classes];
        for &l in &unit.labels {
            c[l] += 1;
        }
        if unit.labels.is_empty() {
            c[frames] += 1;
        }
        c
    };
    let counts: Vec<Vec<usize>> = members
        .iter()
        .map(|m| {
            m.iter().fold(vec![0; classes], |mut acc, &u| {
                for (a, c) in acc.iter_mut().zip(class_counts(&units[u])) {
                    *a += c;
                }
                acc
            })
        })
        .collect();
    let totals: Vec<usize> = (0..classes)
        .map(|c| counts.iter().map(|g| g[c]).sum())
        .collect();
    // The rarest class a group holds: groups with rare positives are placed first.
    let rarity = |g: &[usize]| {
        (0..classes)
            .filter(|&c| g[c] > 0)
            .map(|c| totals[c])
            .min()
            .unwrap_or(usize::MAX)
    };
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by_key(|&g| (rarity(&counts[g]), fnv(seed, &keys[g])));
    let mut fold_counts = vec![vec![0usize; classes]; k];
    let mut fold_sizes = vec![0usize; k];
    let mut group_fold = vec![0usize; keys.len()];
    for g in order {
        // How much further from even the group would take the fold. For a class c of the
        // group, the fold holds the share s = fold_counts / total, the group adds
        // d = counts / total, and the squared distance from the even share 1/k grows by
        // (s + d − 1/k)² − (s − 1/k)² = 2·d·s + d² − 2·d/k. Only d·s differs from fold to
        // fold, so the fold with the least Σ d·s (the furthest below its share of the
        // group's classes, rare classes weighing more) wins.
        let cost = |f: usize| -> f64 {
            (0..classes)
                .filter(|&c| counts[g][c] > 0)
                .map(|c| {
                    let t = totals[c] as f64;
                    (counts[g][c] as f64 / t) * (fold_counts[f][c] as f64 / t)
                })
                .sum()
        };
        let best = (0..k)
            .min_by(|&a, &b| {
                cost(a)
                    .total_cmp(&cost(b))
                    .then(fold_sizes[a].cmp(&fold_sizes[b]))
            })
            .expect("k >= 2");
        for (fc, c) in fold_counts[best].iter_mut().zip(&counts[g]) {
            *fc += c;
        }
        fold_sizes[best] += members[g].len();
        group_fold[g] = best;
    }
    let mut fold_of = vec![0; units.len()];
    for (g, m) in members.iter().enumerate() {
        for &u in m {
            fold_of[u] = group_fold[g];
        }
    }
    Ok(fold_of)
}

fn mean_sd(xs: &[f64]) -> (f64, f64) {
    if xs.is_empty() {
        return (0.0, 0.0);
    }
    let n = xs.len() as f64;
    let mean = xs.iter().sum::<f64>() / n;
    let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n;
    (mean, var.sqrt())
}

/// Per-frame (tp, fp, fn) of `units` with per-frame thresholds `min_score` (indexed like
/// `frames`).
fn confusion(
    compiled: &Compiled,
    units: &[&GoldUnit],
    frames: &[usize],
    min_score: &[f64],
) -> Vec<(usize, usize, usize)> {
    frames
        .iter()
        .zip(min_score)
        .map(|(&f, &t)| {
            let p = &compiled.frames[f].presence;
            let (mut tp, mut fp, mut fn_) = (0, 0, 0);
            for u in units {
                match (u.labels.contains(&f), present_at(&u.score.frames[f], p, t)) {
                    (true, true) => tp += 1,
                    (false, true) => fp += 1,
                    (true, false) => fn_ += 1,
                    (false, false) => {}
                }
            }
            (tp, fp, fn_)
        })
        .collect()
}

fn f1_of((tp, fp, fn_): (usize, usize, usize)) -> f64 {
    f1(ratio(tp, tp + fp), ratio(tp, tp + fn_))
}

/// F1 in a fold, undefined (`None`) where the fold holds no unit labelled with the frame:
/// scoring such a fold 0 would pull the fold mean down for what is only a small sample.
fn fold_f1_of(c: (usize, usize, usize)) -> Option<f64> {
    (c.0 + c.2 > 0).then(|| f1_of(c))
}

/// F1 of the pooled decisions of all frames.
fn micro_of(conf: &[(usize, usize, usize)]) -> f64 {
    f1_of(
        conf.iter()
            .fold((0, 0, 0), |a, c| (a.0 + c.0, a.1 + c.1, a.2 + c.2)),
    )
}

/// Mean F1 over the frames with a defined F1 in the fold.
fn macro_of(conf: &[(usize, usize, usize)]) -> Option<f64> {
    let defined: Vec<f64> = conf.iter().filter_map(|&c| fold_f1_of(c)).collect();
    (!defined.is_empty()).then(|| defined.iter().sum::<f64>() / defined.len() as f64)
}

/// Cross-validates the threshold fit over the folds `fold_of` (from [`assign_folds`]):
/// for each fold, fits each frame's `min_score` on the other folds (as
/// `eval --fit-thresholds` does) and scores the fold with it. Frames are those with gold
/// support in `units`.
pub fn cross_validate(
    compiled: &Compiled,
    units: &[GoldUnit],
    fold_of: &[usize],
    k: usize,
) -> CrossValidation {
    let frames: Vec<usize> = (0..compiled.frames.len())
        .filter(|&f| units.iter().any(|u| u.labels.contains(&f)))
        .collect();
    let as_written: Vec<f64> = frames
        .iter()
        .map(|&f| compiled.frames[f].presence.min_score)
        .collect();
    // The best min_score of each evaluated frame on `train`; the lexicon's own for a
    // frame the training folds have no positive of.
    let fit = |train: &[GoldUnit]| -> Vec<f64> {
        let fits = fit_thresholds(compiled, train);
        frames
            .iter()
            .map(|&f| {
                fits.iter()
                    .find(|x| x.frame == compiled.frames[f].id)
                    .map_or(compiled.frames[f].presence.min_score, |x| x.best.min_score)
            })
            .collect()
    };
    let mut pooled = vec![(0, 0, 0); frames.len()];
    let mut folds = Vec::new();
    for fold in 0..k {
        let train: Vec<GoldUnit> = units
            .iter()
            .zip(fold_of)
            .filter(|(_, &f)| f != fold)
            .map(|(u, _)| u.clone())
            .collect();
        let held: Vec<&GoldUnit> = units
            .iter()
            .zip(fold_of)
            .filter(|(_, &f)| f == fold)
            .map(|(u, _)| u)
            .collect();
        let thresholds = fit(&train);
        let conf = confusion(compiled, &held, &frames, &thresholds);
        for (p, c) in pooled.iter_mut().zip(&conf) {
            p.0 += c.0;
            p.1 += c.1;
            p.2 += c.2;
        }
        folds.push(FoldResult {
            units: held.len(),
            f1: conf.iter().map(|&c| fold_f1_of(c)).collect(),
            macro_f1: macro_of(&conf),
            micro_f1: micro_of(&conf),
            macro_f1_as_written: macro_of(&confusion(compiled, &held, &frames, &as_written)),
            min_score: thresholds,
        });
    }
    let all: Vec<&GoldUnit> = units.iter().collect();
    let pooled_frames: Vec<PooledFrame> = frames
        .iter()
        .enumerate()
        .map(|(i, &f)| {
            let (tp, fp, fn_) = pooled[i];
            let per_fold: Vec<f64> = folds.iter().filter_map(|r| r.f1[i]).collect();
            let (f1_mean, f1_sd) = mean_sd(&per_fold);
            PooledFrame {
                frame: compiled.frames[f].id.clone(),
                support: tp + fn_,
                precision: ratio(tp, tp + fp),
                recall: ratio(tp, tp + fn_),
                f1: f1_of(pooled[i]),
                f1_mean,
                f1_sd,
            }
        })
        .collect();
    let fold_macro: Vec<f64> = folds.iter().filter_map(|r| r.macro_f1).collect();
    let fold_micro: Vec<f64> = folds.iter().map(|r| r.micro_f1).collect();
    let (fold_micro_f1_mean, fold_micro_f1_sd) = mean_sd(&fold_micro);
    let total = pooled
        .iter()
        .fold((0, 0, 0), |a, c| (a.0 + c.0, a.1 + c.1, a.2 + c.2));
    let as_written_all = confusion(compiled, &all, &frames, &as_written);
    let fitted_all = confusion(compiled, &all, &frames, &fit(units));
    let (fold_macro_f1_mean, fold_macro_f1_sd) = mean_sd(&fold_macro);
    let range = fold_macro
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &x| {
            (lo.min(x), hi.max(x))
        });
    CrossValidation {
        k,
        group_field: None,
        seed: 0,
        macro_f1: if pooled_frames.is_empty() {
            0.0
        } else {
            pooled_frames.iter().map(|p| p.f1).sum::<f64>() / pooled_frames.len() as f64
        },
        frames: pooled_frames,
        fold_macro_f1_mean,
        fold_macro_f1_sd,
        fold_macro_f1_range: range,
        micro_precision: ratio(total.0, total.0 + total.1),
        micro_recall: ratio(total.0, total.0 + total.2),
        micro_f1: f1_of(total),
        fold_micro_f1_mean,
        fold_micro_f1_sd,
        in_sample_as_written: macro_of(&as_written_all).unwrap_or(0.0),
        in_sample_fitted: macro_of(&fitted_all).unwrap_or(0.0),
        in_sample_micro_as_written: micro_of(&as_written_all),
        in_sample_micro_fitted: micro_of(&fitted_all),
        folds,
    }
}

impl CrossValidation {
    /// Writes the cross-validation as a table.
    pub fn write_table(&self, w: &mut dyn Write) -> io::Result<()> {
        let grouped = match &self.group_field {
            Some(g) => format!("units grouped by {g}"),
            None => "each unit on its own".to_string(),
        };
        writeln!(
            w,
            "{}-fold cross-validation ({grouped}, stratified, seed {}): min_score fitted on {} folds, scored on the held fold",
            self.k,
            self.seed,
            self.k - 1
        )?;
        let width = self
            .frames
            .iter()
            .map(|m| m.frame.len())
            .max()
            .unwrap_or(5)
            .max(5);
        writeln!(
            w,
            "{:<width$}  {:>7}  {:>9}  {:>6}  {:>6}  {:>15}",
            "frame", "support", "precision", "recall", "f1", "fold f1 (± sd)"
        )?;
        for m in &self.frames {
            writeln!(
                w,
                "{:<width$}  {:>7}  {:>9.3}  {:>6.3}  {:>6.3}  {:>8.3} ± {:.3}",
                m.frame, m.support, m.precision, m.recall, m.f1, m.f1_mean, m.f1_sd
            )?;
        }
        writeln!(
            w,
            "\ncross-validated macro-F1 {:.3} (per fold {:.3} ± {:.3}, {:.3} to {:.3})",
            self.macro_f1,
            self.fold_macro_f1_mean,
            self.fold_macro_f1_sd,
            self.fold_macro_f1_range.0,
            self.fold_macro_f1_range.1
        )?;
        writeln!(
            w,
            "cross-validated micro-F1 {:.3} (P {:.3}, R {:.3}; per fold {:.3} ± {:.3})",
            self.micro_f1,
            self.micro_precision,
            self.micro_recall,
            self.fold_micro_f1_mean,
            self.fold_micro_f1_sd
        )?;
        writeln!(
            w,
            "in sample: lexicon as written macro {:.3} / micro {:.3}; thresholds fitted on all units macro {:.3} / micro {:.3} ({:+.3} / {:+.3} out of sample)",
            self.in_sample_as_written,
            self.in_sample_micro_as_written,
            self.in_sample_fitted,
            self.in_sample_micro_fitted,
            self.macro_f1 - self.in_sample_fitted,
            self.micro_f1 - self.in_sample_micro_fitted
        )?;
        for (i, f) in self.folds.iter().enumerate() {
            let t: Vec<String> = self
                .frames
                .iter()
                .zip(&f.min_score)
                .map(|(m, t)| format!("{} {t}", m.frame))
                .collect();
            let figure = |x: Option<f64>| x.map_or("–".to_string(), |x| format!("{x:.3}"));
            let missing: Vec<&str> = self
                .frames
                .iter()
                .zip(&f.f1)
                .filter(|(_, f1)| f1.is_none())
                .map(|(m, _)| m.frame.as_str())
                .collect();
            let note = if missing.is_empty() {
                String::new()
            } else {
                format!(" (no gold unit of {} in this fold)", missing.join(", "))
            };
            writeln!(
                w,
                "  fold {}: {:>4} units, macro-F1 {} (as written {}), micro-F1 {:.3}; min_score {}{note}",
                i + 1,
                f.units,
                figure(f.macro_f1),
                figure(f.macro_f1_as_written),
                f.micro_f1,
                t.join(", ")
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{compiled, unit};
    use super::*;

    #[test]
    fn folds_keep_groups_whole_and_spread_each_label() {
        let c = compiled();
        // 12 units in 6 groups of 2; 6 units labelled sec (frame 0), 6 not.
        let units: Vec<GoldUnit> = (0..12)
            .map(|i| {
                let labels: &[usize] = if i % 4 < 2 { &[0] } else { &[] };
                unit(&c, &format!("u{i}"), "a threat", labels)
            })
            .collect();
        let groups: Vec<String> = (0..12).map(|i| format!("page{}", i / 2)).collect();
        let folds = assign_folds(&c, &units, 3, 7, Some(&groups)).unwrap();
        for pair in folds.chunks(2) {
            assert_eq!(pair[0], pair[1], "a group is split: {folds:?}");
        }
        // Each of the 3 folds gets one positive group and one negative group.
        for f in 0..3 {
            let pos = (0..12).filter(|&i| folds[i] == f && i % 4 < 2).count();
            let all = (0..12).filter(|&i| folds[i] == f).count();
            assert_eq!((pos, all), (2, 4), "fold {f}: {folds:?}");
        }
        // Reproducible from the seed, and the seed matters.
        assert_eq!(
            folds,
            assign_folds(&c, &units, 3, 7, Some(&groups)).unwrap()
        );
        let seeds: Vec<Vec<usize>> = (0..8)
            .map(|s| assign_folds(&c, &units, 3, s, Some(&groups)).unwrap())
            .collect();
        assert!(seeds.iter().any(|f| f != &folds));
        assert_eq!(
            assign_folds(&c, &units, 7, 1, Some(&groups)).unwrap_err(),
            "--cv 7: only 6 groups to split"
        );
        assert!(assign_folds(&c, &units, 1, 1, None).is_err());
    }

    #[test]
    fn folds_weigh_each_label_by_its_rarity() {
        // Four pages whose labels overlap: page1 holds two `sec` paragraphs and an
        // unlabelled one, page4 a paragraph with both labels and a `sec` one, page3 one
        // with both, page0 a `coop` one. Where a page goes depends on how full each fold
        // already is of each of its labels, as a share of that label's total. Weighing
        // labels by their count instead, or adding the two shares instead of multiplying
        // them, leaves one fold two `sec` or `coop` positives ahead of the other for some
        // seeds. (Found by a search over small gold sets with a model of the assignment
        // and of those variants; each fails here.)
        let c = compiled();
        let labels: [&[usize]; 7] = [&[0, 1], &[0, 1], &[1], &[], &[0], &[0], &[0]];
        let units: Vec<GoldUnit> = labels
            .iter()
            .enumerate()
            .map(|(i, l)| unit(&c, &format!("u{i}"), "a threat", l))
            .collect();
        assert_each_label_spread(
            &c,
            &units,
            &labels,
            &["p3", "p4", "p0", "p1", "p4", "p1", "p1"],
        );
    }

    #[test]
    fn folds_spread_each_label_where_sizes_alone_or_another_order_would_not() {
        // Three pages: page1 with two `sec` paragraphs, page3 with a `coop` one, page0
        // with one of both. Balancing fold sizes alone, or taking the pages in an order
        // that leaves page0 (which holds the rarer label) last, can put all three `sec`
        // positives in one fold. Placing the rarest labels first and each page where it
        // leaves the labels most even spreads every label within one, whatever the seed.
        let c = compiled();
        let labels: [&[usize]; 4] = [&[0], &[1], &[0, 1], &[0]];
        let units: Vec<GoldUnit> = labels
            .iter()
            .enumerate()
            .map(|(i, l)| unit(&c, &format!("u{i}"), "a threat", l))
            .collect();
        assert_each_label_spread(&c, &units, &labels, &["page1", "page3", "page0", "page1"]);
    }

    /// With two folds and the units grouped by `groups`, for seeds 0 to 9, each frame's
    /// positives are split within one between the folds.
    fn assert_each_label_spread(
        c: &Compiled,
        units: &[GoldUnit],
        labels: &[&[usize]],
        groups: &[&str],
    ) {
        let groups: Vec<String> = groups.iter().map(|g| g.to_string()).collect();
        for seed in 0..10 {
            let folds = assign_folds(c, units, 2, seed, Some(&groups)).unwrap();
            for frame in 0..2 {
                let per: Vec<usize> = (0..2)
                    .map(|f| {
                        (0..units.len())
                            .filter(|&u| folds[u] == f && labels[u].contains(&frame))
                            .count()
                    })
                    .collect();
                assert!(
                    per[0].abs_diff(per[1]) <= 1,
                    "seed {seed}, frame {frame}: {per:?} positives per fold ({folds:?})"
                );
            }
        }
    }

    #[test]
    fn held_folds_are_scored_with_thresholds_fitted_elsewhere() {
        let c = compiled(); // sec: min_score 2, weight 1 per term
                            // Positives score 1 ("a threat"), negatives score 0: fitting lowers min_score to
                            // 1 on every training split, and every held positive is then found.
        let mut units = Vec::new();
        for i in 0..6 {
            units.push(unit(&c, &format!("p{i}"), "a threat", &[0]));
            units.push(unit(&c, &format!("n{i}"), "calm seas", &[]));
        }
        let folds = assign_folds(&c, &units, 3, 1, None).unwrap();
        let cv = cross_validate(&c, &units, &folds, 3);
        assert_eq!(cv.frames.len(), 1);
        assert_eq!((cv.frames[0].precision, cv.frames[0].recall), (1.0, 1.0));
        assert!(cv.folds.iter().all(|f| f.min_score == [1.0]));
        assert_eq!(cv.in_sample_as_written, 0.0); // min_score 2: nothing found
        assert_eq!(cv.in_sample_fitted, 1.0);
        assert_eq!(cv.macro_f1, 1.0);
        assert_eq!(cv.folds.iter().map(|f| f.units).sum::<usize>(), 12);

        // A threshold that only a training fold supports does not carry over: when the
        // only positive that scores 1 is held out, the other folds fit nothing better
        // than the lexicon's own threshold, and the held positive is missed.
        let units = vec![
            unit(&c, "p", "a threat", &[0]),
            unit(&c, "q", "a threat and an adversary", &[0]),
            unit(&c, "n1", "calm", &[]),
            unit(&c, "n2", "a threat in chess", &[]),
        ];
        let folds = vec![0, 1, 0, 1];
        let cv = cross_validate(&c, &units, &folds, 2);
        // Fold 0 holds p and n1; trained on q (2) and n2 (1): best min_score 2, so p
        // (score 1) is missed. Fold 1 holds q and n2; trained on p (1) and n1 (0): best 1,
        // so q is found and n2 is a false positive.
        assert_eq!(cv.folds[0].min_score, [2.0]);
        assert_eq!(cv.folds[1].min_score, [1.0]);
        let m = &cv.frames[0];
        assert_eq!((m.precision, m.recall), (0.5, 0.5));
        assert_eq!(m.support, 2);
        assert_eq!((cv.micro_precision, cv.micro_recall), (0.5, 0.5));
        // Fold 1 pools tp 1 and fp 1 (P 1/2, R 1, F1 2/3); fold 0 finds nothing.
        assert!((cv.folds[1].micro_f1 - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(cv.folds[0].micro_f1, 0.0);
        let mut out = Vec::new();
        cv.write_table(&mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains("cross-validated macro-F1 0.500"), "{out}");
        assert!(out.contains("fold 1:    2 units"), "{out}");
    }

    #[test]
    fn micro_f1_pools_every_frame_s_decisions() {
        let c = compiled();
        // sec: two positives, both found (score 2). coop: two positives, one found
        // ("cooperation and dialogue", score 2), one with no term ("calm"), missed
        // whatever the threshold. Pooled: tp 3, fp 0, fn 1, so micro P 1, R 0.75,
        // F1 6/7, while macro-F1 is the mean of 1 and 2/3.
        let units = vec![
            unit(&c, "s1", "a threat and an adversary", &[0]),
            unit(&c, "c1", "cooperation and dialogue", &[1]),
            unit(&c, "s2", "a threat and an adversary", &[0]),
            unit(&c, "c2", "calm", &[1]),
            unit(&c, "n1", "calm seas", &[]),
            unit(&c, "n2", "calm seas", &[]),
        ];
        let folds = vec![0, 0, 1, 1, 0, 1];
        let cv = cross_validate(&c, &units, &folds, 2);
        assert_eq!((cv.micro_precision, cv.micro_recall), (1.0, 0.75));
        assert!((cv.micro_f1 - 6.0 / 7.0).abs() < 1e-12, "{}", cv.micro_f1);
        assert!((cv.macro_f1 - (1.0 + 2.0 / 3.0) / 2.0).abs() < 1e-12);
        // Fold 1 finds all it holds; fold 2 finds s2 and misses c2 (tp 1, fn 1: P 1,
        // R 1/2, F1 2/3).
        assert_eq!(cv.folds[0].micro_f1, 1.0);
        assert!((cv.folds[1].micro_f1 - 2.0 / 3.0).abs() < 1e-12);
        assert!((cv.fold_micro_f1_mean - 5.0 / 6.0).abs() < 1e-12);
        assert!((cv.in_sample_micro_as_written - 6.0 / 7.0).abs() < 1e-12);
        let mut out = Vec::new();
        cv.write_table(&mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(
            out.contains(
                "cross-validated micro-F1 0.857 (P 1.000, R 0.750; per fold 0.833 ± 0.167)"
            ),
            "{out}"
        );
    }

    #[test]
    fn a_fold_without_a_frame_s_positives_leaves_its_f1_undefined() {
        let c = compiled();
        // sec (frame 0) has two positives and coop (frame 1) four: with 3 folds, one fold
        // holds no sec positive. The lexicon finds every unit rightly (min_score 2).
        let units = vec![
            unit(&c, "s1", "a threat and an adversary", &[0]),
            unit(&c, "s2", "a threat and an adversary", &[0]),
            unit(&c, "c1", "cooperation and dialogue", &[1]),
            unit(&c, "c2", "cooperation and dialogue", &[1]),
            unit(&c, "c3", "cooperation and dialogue", &[1]),
            unit(&c, "n1", "calm", &[]),
        ];
        let folds = vec![0, 1, 0, 1, 2, 2];
        let cv = cross_validate(&c, &units, &folds, 3);
        assert_eq!(cv.folds[2].f1, [None, Some(1.0)]);
        // Fold 3's macro-F1 is over coop alone, not dragged to 0.5 by an undefined sec.
        assert_eq!(cv.folds[2].macro_f1, Some(1.0));
        assert_eq!((cv.frames[0].f1_mean, cv.frames[0].f1_sd), (1.0, 0.0));
        assert_eq!(
            (cv.fold_macro_f1_mean, cv.fold_macro_f1_range),
            (1.0, (1.0, 1.0))
        );
        let mut out = Vec::new();
        cv.write_table(&mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(
            out.contains("fold 3:    2 units, macro-F1 1.000 (as written 1.000), micro-F1 1.000; min_score sec 2, coop 2 (no gold unit of sec in this fold)"),
            "{out}"
        );
    }
}
