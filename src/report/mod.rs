//! `framelex report`: one self-contained HTML file with what a researcher wants to *look*
//! at — prevalence per frame with 95 % intervals, by group and over time, which frames occur
//! together, the terms that carry each frame, and highlighted example documents.
//!
//! [`Collector`] is fed one scored unit at a time, in input order, and keeps only sums,
//! a co-occurrence matrix and a few examples per frame (the highest-scoring, and a seeded
//! reservoir sample), so a report of any corpus is built in bounded memory, as `summarize`
//! is. [`Collector::finish`] turns the sums into [`ReportData`]; [`render`] fills the page
//! template (minijinja, with HTML auto-escaping) and draws the charts (plotters' SVG
//! backend, see [`charts`]). The page has no script and forbids any by its content security
//! policy: no text of a document can run in it.

pub mod charts;
pub mod highlight;

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::compile::Compiled;
use crate::input::Kept;
use crate::score::{DocScore, HitKind, VoiceFilter};
use crate::summary::{period_key, Period, MISSING, UNPARSEABLE};

pub use highlight::{highlight, Highlighted, Segment, SegmentHit};

/// What a report shows beyond the overall figures.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    /// Fields to break prevalence down by, each on its own.
    pub group_by: Vec<String>,
    /// The date field, for prevalence over time.
    pub date_field: Option<String>,
    /// The period of the time series.
    pub period: Period,
    /// Examples per frame: this many of the highest-scoring units, and as many drawn at
    /// random.
    pub examples: usize,
    /// The seed of the random examples (the same input and seed give the same report).
    pub seed: u64,
    /// Groups shown per field: the largest ones.
    pub max_groups: usize,
    /// The voice that counts (`--voice`): term counts and tooltips follow it.
    pub voice: Option<crate::score::VoiceFilter>,
}

/// Per-frame sums over a set of units.
#[derive(Debug, Clone, Default)]
struct Tally {
    units: u64,
    present: Vec<u64>,
    density: Vec<f64>,
}

impl Tally {
    fn new(frames: usize) -> Tally {
        Tally {
            units: 0,
            present: vec![0; frames],
            density: vec![0.0; frames],
        }
    }

    fn add(&mut self, score: &DocScore) {
        self.units += 1;
        for (i, fs) in score.frames.iter().enumerate() {
            self.present[i] += u64::from(fs.present);
            self.density[i] += fs.density;
        }
    }
}

/// The heat map's cells from the co-occurrence counts: row `i` as shares of the units
/// where frame `i` is present (the diagonal), with their labels in percent; a frame never
/// present gives a row of zeros labelled "–".
fn cooccurrence_cells(cooc: &[Vec<u64>]) -> (Vec<Vec<f64>>, Vec<Vec<String>>) {
    let shares = cooc.iter().enumerate().map(|(i, row)| {
        row.iter()
            .map(move |&v| (row[i] > 0).then(|| v as f64 / row[i] as f64))
    });
    let values = shares
        .clone()
        .map(|row| row.map(|s| s.unwrap_or(0.0)).collect())
        .collect();
    let labels = shares
        .map(|row| {
            row.map(|s| s.map_or("–".to_string(), |s| format!("{:.0}%", s * 100.0)))
                .collect()
        })
        .collect();
    (values, labels)
}

/// One example unit of a frame, cut and highlighted.
#[derive(Debug, Clone, Serialize)]
pub struct Example {
    /// The document's id.
    pub id: String,
    /// The unit's index, when units are paragraphs or sentences.
    pub unit: Option<usize>,
    /// The frame's score in it.
    pub score: f64,
    /// Its group values, `field: value`.
    pub groups: Vec<(String, String)>,
    /// The text, highlighted.
    pub text: Highlighted,
}

/// The streaming part of a report: sums, co-occurrences and examples.
pub struct Collector<'c> {
    compiled: &'c Compiled,
    opts: ReportOptions,
    documents: u64,
    failed: u64,
    words: u64,
    overall: Tally,
    hits: Vec<u64>,
    negated: Vec<u64>,
    /// Per frame, counted hits and score per term index.
    terms: Vec<HashMap<usize, (u64, f64)>>,
    /// Per frame, counted hits and score per rule index.
    rules: Vec<HashMap<usize, (u64, f64)>>,
    groups: Vec<BTreeMap<String, Tally>>,
    periods: BTreeMap<String, Tally>,
    cooc: Vec<Vec<u64>>,
    top: Vec<Vec<Example>>,
    sample: Vec<Vec<Example>>,
    seen: Vec<u64>,
    rng: fastrand::Rng,
}

impl<'c> Collector<'c> {
    /// An empty report of `compiled`'s frames.
    pub fn new(compiled: &'c Compiled, opts: ReportOptions) -> Collector<'c> {
        let f = compiled.frames.len();
        Collector {
            compiled,
            documents: 0,
            failed: 0,
            words: 0,
            overall: Tally::new(f),
            hits: vec![0; f],
            negated: vec![0; f],
            terms: vec![HashMap::new(); f],
            rules: vec![HashMap::new(); f],
            groups: vec![BTreeMap::new(); opts.group_by.len()],
            periods: BTreeMap::new(),
            cooc: vec![vec![0; f]; f],
            top: vec![Vec::new(); f],
            sample: vec![Vec::new(); f],
            seen: vec![0; f],
            rng: fastrand::Rng::with_seed(opts.seed),
            opts,
        }
    }

    /// Counts a document (call once per document, before its units).
    pub fn add_document(&mut self) {
        self.documents += 1;
    }

    /// Counts a record that could not be scored.
    pub fn add_failed(&mut self) {
        self.failed += 1;
    }

    /// Adds one scored unit: `kept` holds the `group_by` fields, then the date field;
    /// `text` is the unit's text, which hits index.
    pub fn add_unit(
        &mut self,
        id: &str,
        unit: Option<usize>,
        kept: &[Kept],
        text: &str,
        score: &DocScore,
    ) {
        let c = self.compiled;
        self.words += score.words as u64;
        self.overall.add(score);
        let labels: Vec<String> = kept
            .iter()
            .map(|k| {
                k.as_label()
                    .filter(|s| !s.trim().is_empty())
                    .unwrap_or_else(|| MISSING.to_string())
            })
            .collect();
        for (g, groups) in self.groups.iter_mut().enumerate() {
            let key = labels
                .get(g)
                .cloned()
                .unwrap_or_else(|| MISSING.to_string());
            groups
                .entry(key)
                .or_insert_with(|| Tally::new(c.frames.len()))
                .add(score);
        }
        if self.opts.date_field.is_some() {
            let value = labels
                .get(self.opts.group_by.len())
                .map_or(MISSING, String::as_str);
            let key = period_key(value, self.opts.period);
            self.periods
                .entry(key)
                .or_insert_with(|| Tally::new(c.frames.len()))
                .add(score);
        }
        // Terms and rules are counted from the hits that count: with `--voice`, only those
        // of that voice (a frame's `terms` list keeps every hit).
        let counts = |quoted: bool| match self.opts.voice {
            Some(VoiceFilter::Author) => !quoted,
            Some(VoiceFilter::Quoted) => quoted,
            _ => true,
        };
        for h in &score.hits {
            if h.kind == HitKind::Counted && counts(h.quoted) {
                let e = self.terms[h.frame].entry(h.term).or_insert((0, 0.0));
                e.0 += 1;
                e.1 += c.terms[h.term].weight;
            }
        }
        for r in &score.rule_hits {
            if !r.negated && counts(r.quoted) {
                let e = self.rules[r.frame].entry(r.rule).or_insert((0, 0.0));
                e.0 += 1;
                e.1 += c.rules[r.rule].weight;
            }
        }
        for (i, fs) in score.frames.iter().enumerate() {
            self.hits[i] += u64::from(fs.hits);
            self.negated[i] += u64::from(fs.negated);
            if !fs.present {
                continue;
            }
            for (j, other) in score.frames.iter().enumerate() {
                self.cooc[i][j] += u64::from(other.present);
            }
            // Examples: the highest scores, and a reservoir sample (each unit where the frame
            // is present has the same chance, whatever the corpus size).
            self.seen[i] += 1;
            let k = self.opts.examples;
            if k == 0 {
                continue;
            }
            let top = &self.top[i];
            let enters_top = top.len() < k || top.last().is_some_and(|e| fs.score > e.score);
            let slot = if self.sample[i].len() < k {
                Some(self.sample[i].len())
            } else {
                let r = self.rng.u64(0..self.seen[i]) as usize;
                (r < k).then_some(r)
            };
            if !enters_top && slot.is_none() {
                continue;
            }
            let groups = self
                .opts
                .group_by
                .iter()
                .cloned()
                .zip(labels.iter().cloned())
                .collect();
            let example = Example {
                id: id.to_string(),
                unit,
                score: fs.score,
                groups,
                text: highlight(c, text, score, Some(i), self.opts.voice, false),
            };
            if enters_top {
                let top = &mut self.top[i];
                let at = top.partition_point(|e| e.score >= fs.score);
                top.insert(at, example.clone());
                top.truncate(k);
            }
            if let Some(s) = slot {
                if s == self.sample[i].len() {
                    self.sample[i].push(example);
                } else {
                    self.sample[i][s] = example;
                }
            }
        }
    }

    /// The figures of the report.
    pub fn finish(self) -> ReportData {
        let c = self.compiled;
        let n = self.overall.units;
        let frames: Vec<FrameData> = c
            .frames
            .iter()
            .enumerate()
            .map(|(i, f)| {
                // Shares of the absolute contributions: a negative weight takes its part too.
                let total: f64 = self.terms[i]
                    .values()
                    .chain(self.rules[i].values())
                    .map(|(_, s)| s.abs())
                    .sum();
                let share = |score: f64| {
                    if total > 0.0 {
                        score.abs() / total * 100.0
                    } else {
                        0.0
                    }
                };
                let mut top_terms: Vec<TermData> = self.terms[i]
                    .iter()
                    .map(|(&t, &(hits, score))| TermData {
                        term: c.terms[t].text.clone(),
                        rule: false,
                        weight: c.terms[t].weight,
                        hits,
                        share: share(score),
                    })
                    .chain(self.rules[i].iter().map(|(&r, &(hits, score))| TermData {
                        term: c.rules[r].name.clone(),
                        rule: true,
                        weight: c.rules[r].weight,
                        hits,
                        share: share(score),
                    }))
                    .collect();
                top_terms.sort_by(|a, b| b.hits.cmp(&a.hits).then_with(|| a.term.cmp(&b.term)));
                let never: Vec<String> = c
                    .terms
                    .iter()
                    .enumerate()
                    .filter(|(t, e)| e.frame == i && !e.exclusion && !self.terms[i].contains_key(t))
                    .map(|(_, e)| e.text.clone())
                    .chain(
                        c.rules
                            .iter()
                            .enumerate()
                            .filter(|(r, info)| info.frame == i && !self.rules[i].contains_key(r))
                            .map(|(_, info)| format!("rule {}", info.name)),
                    )
                    .collect();
                let (low, high) = wilson(self.overall.present[i], n);
                let mut sample = self.sample[i].clone();
                sample.sort_by(|a, b| a.id.cmp(&b.id).then(a.unit.cmp(&b.unit)));
                FrameData {
                    index: i,
                    id: f.id.clone(),
                    name: f.name.clone(),
                    color: charts::css_color(i),
                    present: self.overall.present[i],
                    share: pct(self.overall.present[i], n),
                    low,
                    high,
                    mean_density: if n > 0 {
                        self.overall.density[i] / n as f64
                    } else {
                        0.0
                    },
                    hits: self.hits[i],
                    negated: self.negated[i],
                    top_terms,
                    never_hit: never,
                    top_examples: self.top[i].clone(),
                    random_examples: sample,
                }
            })
            .collect();
        let groups = self
            .opts
            .group_by
            .iter()
            .zip(self.groups)
            .map(|(field, values)| {
                let total = values.len();
                let mut rows: Vec<(String, Tally)> = values.into_iter().collect();
                rows.sort_by(|a, b| b.1.units.cmp(&a.1.units).then_with(|| a.0.cmp(&b.0)));
                rows.truncate(self.opts.max_groups);
                GroupData {
                    field: field.clone(),
                    values: total,
                    rows: rows
                        .into_iter()
                        .map(|(value, t)| GroupRow {
                            shares: (0..c.frames.len())
                                .map(|i| {
                                    let (low, high) = wilson(t.present[i], t.units);
                                    Share {
                                        present: t.present[i],
                                        share: pct(t.present[i], t.units),
                                        low,
                                        high,
                                        mean_density: if t.units > 0 {
                                            t.density[i] / t.units as f64
                                        } else {
                                            0.0
                                        },
                                    }
                                })
                                .collect(),
                            value,
                            units: t.units,
                        })
                        .collect(),
                }
            })
            .collect();
        // Periods in order, then missing and unparseable dates (which "(" sorts first).
        let mut periods: Vec<(String, Tally)> = self.periods.into_iter().collect();
        periods.sort_by_key(|(p, _)| (p == MISSING || p == UNPARSEABLE, p.clone()));
        let periods = periods
            .into_iter()
            .map(|(period, t)| PeriodRow {
                shares: (0..c.frames.len())
                    .map(|i| pct(t.present[i], t.units))
                    .collect(),
                dated: period != MISSING && period != UNPARSEABLE,
                period,
                units: t.units,
            })
            .collect();
        ReportData {
            documents: self.documents,
            failed: self.failed,
            units: n,
            words: self.words,
            frames,
            groups,
            periods,
            cooccurrence: self.cooc,
        }
    }
}

/// Percent of `k` in `n`; 0 for no unit.
fn pct(k: u64, n: u64) -> f64 {
    if n == 0 {
        0.0
    } else {
        k as f64 * 100.0 / n as f64
    }
}

/// The 95 % Wilson score interval of `k` successes in `n`, in percent. Unlike `p ± 1.96
/// SE`, it stays within 0–100 and is sound for small groups and rare frames.
pub fn wilson(k: u64, n: u64) -> (f64, f64) {
    if n == 0 {
        return (0.0, 0.0);
    }
    let z = 1.959_963_984_540_054_f64;
    let n = n as f64;
    let p = k as f64 / n;
    let denom = 1.0 + z * z / n;
    let centre = (p + z * z / (2.0 * n)) / denom;
    let half = z * (p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt() / denom;
    (
        ((centre - half) * 100.0).max(0.0),
        ((centre + half) * 100.0).min(100.0),
    )
}

/// The figures of a report, as the template reads them.
#[derive(Debug, Clone, Serialize)]
pub struct ReportData {
    /// Documents scored.
    pub documents: u64,
    /// Records that could not be scored.
    pub failed: u64,
    /// Units counted (documents, paragraphs or sentences).
    pub units: u64,
    /// Words in them.
    pub words: u64,
    /// Per frame.
    pub frames: Vec<FrameData>,
    /// Per `--group-by` field.
    pub groups: Vec<GroupData>,
    /// Per period, in order (missing and unparseable dates last).
    pub periods: Vec<PeriodRow>,
    /// `[i][j]`: units where frames `i` and `j` are both present (`[i][i]`: `i` present).
    pub cooccurrence: Vec<Vec<u64>>,
}

/// One frame's figures.
#[derive(Debug, Clone, Serialize)]
pub struct FrameData {
    /// Position in the set (its colour).
    pub index: usize,
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// CSS colour.
    pub color: String,
    /// Units where present.
    pub present: u64,
    /// Percent of units where present, and its 95 % Wilson interval.
    pub share: f64,
    /// Interval, low end.
    pub low: f64,
    /// Interval, high end.
    pub high: f64,
    /// Mean density (score per 1,000 words) over all units.
    pub mean_density: f64,
    /// Counted hits.
    pub hits: u64,
    /// Negated hits.
    pub negated: u64,
    /// Terms that hit, most hits first.
    pub top_terms: Vec<TermData>,
    /// Terms that never hit.
    pub never_hit: Vec<String>,
    /// The highest-scoring units.
    pub top_examples: Vec<Example>,
    /// Units drawn at random among those where the frame is present.
    pub random_examples: Vec<Example>,
}

/// A term's (or a rule's) part in its frame.
#[derive(Debug, Clone, Serialize)]
pub struct TermData {
    /// As written (a rule: its name).
    pub term: String,
    /// A proximity rule, not a term.
    pub rule: bool,
    /// Its weight.
    pub weight: f64,
    /// Counted hits.
    pub hits: u64,
    /// Percent of the frame's score from terms and rules it contributed (of the absolute
    /// contributions, so negative weights take their part).
    pub share: f64,
}

/// Prevalence by the values of one field.
#[derive(Debug, Clone, Serialize)]
pub struct GroupData {
    /// The field.
    pub field: String,
    /// Distinct values seen (rows shows the largest).
    pub values: usize,
    /// The largest groups, most units first.
    pub rows: Vec<GroupRow>,
}

/// One group.
#[derive(Debug, Clone, Serialize)]
pub struct GroupRow {
    /// The field's value.
    pub value: String,
    /// Units in it.
    pub units: u64,
    /// Per frame.
    pub shares: Vec<Share>,
}

/// A frame's prevalence in a group.
#[derive(Debug, Clone, Serialize)]
pub struct Share {
    /// Units where present.
    pub present: u64,
    /// Percent, with its 95 % interval.
    pub share: f64,
    /// Interval, low end.
    pub low: f64,
    /// Interval, high end.
    pub high: f64,
    /// Mean density.
    pub mean_density: f64,
}

/// One period.
#[derive(Debug, Clone, Serialize)]
pub struct PeriodRow {
    /// Its label (`2019`, `2019-03`), or `(missing)` / `(unparseable)`.
    pub period: String,
    /// False for missing and unparseable dates.
    pub dated: bool,
    /// Units in it.
    pub units: u64,
    /// Percent of units where each frame is present.
    pub shares: Vec<f64>,
}

/// Who made a report, from what, and how: the page's header, for citing it.
#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    /// The page title.
    pub title: String,
    /// The inputs as given.
    pub inputs: Vec<String>,
    /// The command line, as typed (quoted where needed).
    pub command: String,
    /// `YYYY-MM-DD HH:MM UTC`.
    pub date: String,
    /// framelex's version.
    pub version: String,
    /// The lexicon set's name.
    pub set_name: String,
    /// SHA-256 of the set's files (paths and contents, in load order).
    pub set_digest: String,
    /// Per frame: id, name and term count.
    pub set_frames: Vec<(String, String, usize)>,
    /// `document`, `paragraph` or `sentence`.
    pub unit: String,
    /// The voice counted, if not all.
    pub voice: Option<String>,
    /// The group-by fields and date field, for the page's text.
    pub group_by: Vec<String>,
    /// The date field.
    pub date_field: Option<String>,
    /// The period name.
    pub period: String,
    /// The seed of the random examples.
    pub seed: u64,
}

/// SHA-256 of a set's files: for each, sorted, its file name (not the folder it was read
/// from, so the same set gives the same digest on any machine), a NUL, its text, a NUL.
pub fn set_digest(compiled: &Compiled) -> String {
    let mut files: Vec<(&str, &str)> = compiled
        .set
        .sources
        .iter()
        .map(|s| {
            let name = s.path.rsplit(['/', '\\']).next().unwrap_or(&s.path);
            (name, &*s.text)
        })
        .collect();
    files.sort_unstable();
    let mut h = Sha256::new();
    for (name, text) in files {
        h.update(name.as_bytes());
        h.update([0]);
        h.update(text.as_bytes());
        h.update([0]);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

const PAGE: &str = include_str!("page.html");

fn environment() -> minijinja::Environment<'static> {
    let mut env = minijinja::Environment::new();
    // `.html` templates escape every value unless marked safe; only the charts (SVG drawn by
    // plotters, which escapes its text) are.
    env.add_template("page.html", PAGE)
        .expect("the page template parses");
    env.add_filter("num", |v: f64, decimals: usize| format!("{v:.decimals$}"));
    env
}

/// Periods with fewer units than this are left out of the time charts (not the table); in
/// a small corpus, whose largest period has fewer than 20 times as many, 1/20 of that.
pub const MIN_PERIOD_UNITS: u64 = 10;

/// The chart SVGs of a report, drawn from its figures.
#[derive(Debug, Clone, Serialize)]
struct ChartSet {
    overall: String,
    groups: Vec<(String, Vec<String>)>,
    time: Option<String>,
    time_counts: Option<String>,
    min_period_units: u64,
    cooccurrence: String,
}

fn draw_charts(data: &ReportData, meta: &Meta) -> ChartSet {
    use charts::{Bar, Series};
    let unit = &meta.unit;
    let x_label = format!("% of {unit}s where the frame is present (bars: 95 % interval)");
    let overall = charts::bars(
        &format!("Prevalence per frame ({} {unit}s)", data.units),
        &x_label,
        &data
            .frames
            .iter()
            .map(|f| Bar {
                label: f.id.clone(),
                value: f.share,
                low: f.low,
                high: f.high,
                color: f.index,
            })
            .collect::<Vec<_>>(),
    );
    let groups = data
        .groups
        .iter()
        .map(|g| {
            let per_frame = data
                .frames
                .iter()
                .map(|f| {
                    charts::bars(
                        &format!("{} by {}", f.id, g.field),
                        &x_label,
                        &g.rows
                            .iter()
                            .map(|r| Bar {
                                label: format!("{} ({})", r.value, r.units),
                                value: r.shares[f.index].share,
                                low: r.shares[f.index].low,
                                high: r.shares[f.index].high,
                                color: f.index,
                            })
                            .collect::<Vec<_>>(),
                    )
                })
                .collect();
            (g.field.clone(), per_frame)
        })
        .collect();
    // A share of a handful of units is noise (a stray date in 2001 makes a 0 or 100 % spike):
    // periods with fewer than MIN_PERIOD_UNITS units stay in the table, not in the charts.
    let largest = data.periods.iter().map(|p| p.units).max().unwrap_or(0);
    let min_period_units = MIN_PERIOD_UNITS.min((largest / 20).max(1));
    let dated: Vec<&PeriodRow> = data
        .periods
        .iter()
        .filter(|p| p.dated && p.units >= min_period_units)
        .collect();
    let (time, time_counts) = if dated.is_empty() {
        (None, None)
    } else {
        let labels: Vec<String> = dated.iter().map(|p| p.period.clone()).collect();
        let series: Vec<Series> = data
            .frames
            .iter()
            .map(|f| Series {
                name: f.id.clone(),
                color: f.index,
                values: dated
                    .iter()
                    .map(|p| (p.units > 0).then_some(p.shares[f.index]))
                    .collect(),
            })
            .collect();
        (
            Some(charts::lines(
                &format!("Prevalence by {}", meta.period),
                &format!("% of {unit}s"),
                &labels,
                &series,
            )),
            Some(charts::counts(
                &format!("{unit}s per {}", meta.period),
                &format!("{unit}s"),
                &labels,
                &dated.iter().map(|p| p.units).collect::<Vec<_>>(),
            )),
        )
    };
    let names: Vec<String> = data.frames.iter().map(|f| f.id.clone()).collect();
    let (values, labels) = cooccurrence_cells(&data.cooccurrence);
    let cooccurrence = charts::heatmap(
        "Co-occurrence (% of the row frame's units)",
        &names,
        &values,
        &labels,
    );
    ChartSet {
        overall,
        groups,
        time,
        time_counts,
        min_period_units,
        cooccurrence,
    }
}

/// The CSS colour of each frame, in set order.
fn colors(meta: &Meta) -> Vec<String> {
    (0..meta.set_frames.len()).map(charts::css_color).collect()
}

/// The page of a report; with `gold`, its evaluation on a gold file too.
pub fn render(data: &ReportData, meta: &Meta, gold: Option<&crate::eval::Evaluation>) -> String {
    let charts = draw_charts(data, meta);
    environment()
        .get_template("page.html")
        .expect("the page template is there")
        .render(minijinja::context! {
            mode => "report", data, meta, charts, gold, colors => colors(meta),
        })
        .expect("the page template renders")
}

/// One highlighted document for `explain --format html`.
#[derive(Debug, Clone, Serialize)]
pub struct Explained {
    /// Its id.
    pub id: String,
    /// Per frame: id, colour, hits, score, present.
    pub frames: Vec<(String, String, u32, f64, bool)>,
    /// Its words.
    pub words: usize,
    /// The highlighted text (whole).
    pub text: Highlighted,
}

impl Explained {
    /// A document as `explain --format html` shows it: every hit, the whole text.
    pub fn new(compiled: &Compiled, id: &str, text: &str, score: &DocScore) -> Explained {
        // `explain` shows the whole document, however long.
        let text = highlight(compiled, text, score, None, None, true);
        Explained {
            id: id.to_string(),
            frames: compiled
                .frames
                .iter()
                .zip(&score.frames)
                .enumerate()
                .map(|(i, (f, s))| {
                    (
                        f.id.clone(),
                        charts::css_color(i),
                        s.hits,
                        s.score,
                        s.present,
                    )
                })
                .collect(),
            words: score.words,
            text,
        }
    }
}

/// The page of `explain --format html`.
pub fn render_explained(docs: &[Explained], meta: &Meta) -> String {
    environment()
        .get_template("page.html")
        .expect("the page template is there")
        .render(minijinja::context! { mode => "explain", docs, meta, colors => colors(meta) })
        .expect("the page template renders")
}

#[cfg(test)]
mod tests;
