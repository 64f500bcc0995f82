//! Corpus summaries: presence rates, mean densities and top terms per frame, grouped by
//! input fields and by time period — and mergeable, so shards can be summarised apart.
//!
//! Researchers rarely want 400,000 score records; they want "share of articles with the
//! security frame, by outlet bias and year". A [`Summary`] accumulates exactly that while
//! the pipeline streams. Everything in it is a count or an integer sum (densities are
//! summed in millionths), so [`Summary::merge`] of the summaries of two shards equals the
//! summary of the whole, bit for bit, whatever the order.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::compile::Compiled;
use crate::input::Kept;
use crate::score::DocScore;

/// Time periods for grouping by date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    /// `2024`.
    Year,
    /// `2024-03`.
    Month,
    /// ISO week, `2024-W09`.
    Week,
}

/// The version of the JSON form. 2: densities are summed as records print them (2
/// decimals), so version 1 sums, which summed unrounded densities, do not merge with them.
pub const SUMMARY_VERSION: u32 = 2;

/// Group label for records without the field.
pub const MISSING: &str = "(missing)";
/// Period label for dates that could not be read.
pub const UNPARSEABLE: &str = "(unparseable)";

/// Per-frame sums within one group.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrameSums {
    /// Documents where the frame is present.
    pub present: u64,
    /// Counted hits.
    pub hits: u64,
    /// Negated hits.
    pub negated: u64,
    /// Sum of densities, in millionths (integers, so merging is exact).
    pub density_micros: i64,
    /// Counted hits per term (as written).
    pub terms: BTreeMap<String, u64>,
}

impl FrameSums {
    fn add(&mut self, present: bool, hits: u64, negated: u64, density: f64) {
        self.present += u64::from(present);
        self.hits += hits;
        self.negated += negated;
        // Densities are summed as the score records print them (2 decimals), so that a
        // summary of score records equals the summary of the texts they came from.
        self.density_micros += (crate::printer::round(density, 2) * 1e6).round() as i64;
    }
}

/// A score record as [`Summary::add_record`] reads it: the fields of
/// `framelex score --format jsonl` that a summary counts (others are ignored).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ScoredRecord {
    /// Per frame id.
    #[serde(default)]
    pub frames: BTreeMap<String, RecordFrame>,
    /// Words of the document.
    #[serde(default)]
    pub words: u64,
    /// Set on the error record of a document that could not be scored.
    #[serde(default)]
    pub error: Option<String>,
}

/// One frame of a [`ScoredRecord`].
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RecordFrame {
    /// Whether the frame is present.
    pub present: bool,
    /// Counted hits.
    pub hits: u64,
    /// Negated hits.
    pub negated: u64,
    /// Density as printed.
    pub density: f64,
    /// Counted hits per term.
    #[serde(default)]
    pub terms: BTreeMap<String, u64>,
}

/// Sums for one group.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupSums {
    /// Documents scored.
    pub documents: u64,
    /// Records that failed (not in any rate).
    pub failed: u64,
    /// Words in the scored documents.
    pub words: u64,
    /// Per frame, in the summary's frame order.
    pub frames: Vec<FrameSums>,
}

/// A mergeable corpus summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Marks the JSON form and its version ([`SUMMARY_VERSION`]), so that `--merge` can
    /// refuse other files.
    pub framelex_summary: u32,
    /// Frame ids, in order.
    pub frames: Vec<String>,
    /// Fields grouped by, in order.
    pub group_by: Vec<String>,
    /// Date field, if grouping by time.
    pub date_field: Option<String>,
    /// Period, if grouping by time.
    pub period: Option<Period>,
    /// What was counted when not whole documents: `"paragraph"` or `"sentence"`
    /// (`summarize --unit`). `documents` then counts those units.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The voice whose hits counted, when not all (`summarize --voice`): `"author"` or
    /// `"quoted"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voice: Option<String>,
    /// Groups by key (one value per `group_by` field, then the period if any).
    #[serde(with = "group_list")]
    pub groups: BTreeMap<Vec<String>, GroupSums>,
}

/// JSON has no tuple keys: groups are written as a list of `{"key": [...], ...}`.
mod group_list {
    use super::*;
    use serde::{Deserializer, Serializer};

    #[derive(Serialize, Deserialize)]
    struct Entry {
        key: Vec<String>,
        #[serde(flatten)]
        sums: GroupSums,
    }

    pub fn serialize<S: Serializer>(
        groups: &BTreeMap<Vec<String>, GroupSums>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.collect_seq(groups.iter().map(|(k, v)| Entry {
            key: k.clone(),
            sums: v.clone(),
        }))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<BTreeMap<Vec<String>, GroupSums>, D::Error> {
        let entries: Vec<Entry> = Vec::deserialize(d)?;
        Ok(entries.into_iter().map(|e| (e.key, e.sums)).collect())
    }
}

/// Why two summaries cannot be merged.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("summaries differ in {0}; only summaries made with the same lexicon frames, --group-by, --date-field, --period, --unit and --voice can be merged")]
pub struct MergeError(pub &'static str);

impl Summary {
    /// An empty summary for a compiled set and a grouping.
    pub fn new(
        compiled: &Compiled,
        group_by: Vec<String>,
        date_field: Option<String>,
        period: Option<Period>,
    ) -> Summary {
        Summary {
            framelex_summary: SUMMARY_VERSION,
            frames: compiled.frames.iter().map(|f| f.id.clone()).collect(),
            group_by,
            date_field,
            period,
            unit: None,
            voice: None,
            groups: BTreeMap::new(),
        }
    }

    /// The same summary, saying what it counts (`None`: whole documents, every voice).
    pub fn counting(mut self, unit: Option<&str>, voice: Option<&str>) -> Summary {
        self.unit = unit.map(str::to_string);
        self.voice = voice.map(str::to_string);
        self
    }

    fn group(&mut self, key: Vec<String>) -> &mut GroupSums {
        let n = self.frames.len();
        self.groups.entry(key).or_insert_with(|| GroupSums {
            frames: vec![FrameSums::default(); n],
            ..GroupSums::default()
        })
    }

    /// The group key of a record from its kept fields: the `group_by` fields first, then
    /// the date (when grouping by period).
    pub fn key(&self, kept: &[Kept]) -> Vec<String> {
        let mut key: Vec<String> = kept
            .iter()
            .take(self.group_by.len())
            .map(kept_label)
            .collect();
        if let Some(period) = self.period {
            let label = match kept.get(self.group_by.len()) {
                None | Some(Kept::Missing) => MISSING.to_string(),
                Some(k) => period_key(&kept_label(k), period),
            };
            key.push(label);
        }
        key
    }

    /// Adds one scored document.
    pub fn add(&mut self, compiled: &Compiled, kept: &[Kept], score: &DocScore) {
        let key = self.key(kept);
        let g = self.group(key);
        g.documents += 1;
        g.words += score.words as u64;
        for (sums, fs) in g.frames.iter_mut().zip(&score.frames) {
            sums.add(fs.present, fs.hits.into(), fs.negated.into(), fs.density);
            for tc in fs.terms.iter().filter(|t| t.count > 0) {
                *sums
                    .terms
                    .entry(compiled.terms[tc.term].text.clone())
                    .or_insert(0) += u64::from(tc.count);
            }
        }
    }

    /// Adds one record of `framelex score --format jsonl` (or of the Python package):
    /// the same sums as [`Summary::add`] of the document it was scored from. An error
    /// record counts as failed. `kept` holds the `group_by` fields, then the date field.
    pub fn add_record(&mut self, kept: &[Kept], record: &ScoredRecord) -> Result<(), String> {
        if record.error.is_some() {
            self.add_failed(kept);
            return Ok(());
        }
        let frames = self
            .frames
            .iter()
            .map(|id| {
                record.frames.get(id).ok_or_else(|| {
                    format!(
                        "the record has no frame \"{id}\" (its frames: {}); score it with the lexicons of the summary",
                        record.frames.keys().cloned().collect::<Vec<_>>().join(", ")
                    )
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let key = self.key(kept);
        let g = self.group(key);
        g.documents += 1;
        g.words += record.words;
        for (sums, f) in g.frames.iter_mut().zip(frames) {
            sums.add(f.present, f.hits, f.negated, f.density);
            for (t, &n) in f.terms.iter().filter(|t| *t.1 > 0) {
                *sums.terms.entry(t.clone()).or_insert(0) += n;
            }
        }
        Ok(())
    }

    /// Counts one failed record in its group.
    pub fn add_failed(&mut self, kept: &[Kept]) {
        let key = self.key(kept);
        self.group(key).failed += 1;
    }

    /// Adds another summary into this one. Exact: the result equals the summary of both
    /// inputs read as one.
    pub fn merge(&mut self, other: Summary) -> Result<(), MergeError> {
        if self.frames != other.frames {
            return Err(MergeError("frames"));
        }
        if self.group_by != other.group_by {
            return Err(MergeError("--group-by"));
        }
        if self.date_field != other.date_field || self.period != other.period {
            return Err(MergeError("--date-field/--period"));
        }
        if self.unit != other.unit {
            return Err(MergeError("--unit"));
        }
        if self.voice != other.voice {
            return Err(MergeError("--voice"));
        }
        for (key, sums) in other.groups {
            let g = self.group(key);
            g.documents += sums.documents;
            g.failed += sums.failed;
            g.words += sums.words;
            for (a, b) in g.frames.iter_mut().zip(sums.frames) {
                a.present += b.present;
                a.hits += b.hits;
                a.negated += b.negated;
                a.density_micros += b.density_micros;
                for (t, n) in b.terms {
                    *a.terms.entry(t).or_insert(0) += n;
                }
            }
        }
        Ok(())
    }

    /// Reads the JSON form back (what [`Summary::write_json`] wrote), refusing other JSON
    /// and other versions of the form.
    pub fn from_json(text: &str) -> Result<Summary, String> {
        let s: Summary = serde_json::from_str(text).map_err(|e| {
            format!("not a framelex summary (write one with `summarize --format json`): {e}")
        })?;
        if s.framelex_summary != SUMMARY_VERSION {
            return Err(format!(
                "summary version {} (this framelex reads version {SUMMARY_VERSION}; summarise the input again with this version)",
                s.framelex_summary
            ));
        }
        Ok(s)
    }

    /// Writes the JSON form (`summarize --format json`): the mergeable sums plus the
    /// derived rows with `top` terms per frame, for reading, pretty-printed, with a final
    /// line break.
    pub fn write_json(&self, out: &mut Vec<u8>, top: usize) -> serde_json::Result<()> {
        #[derive(Serialize)]
        struct WithRows<'a> {
            #[serde(flatten)]
            summary: &'a Summary,
            rows: Vec<Row>,
        }
        serde_json::to_writer_pretty(
            &mut *out,
            &WithRows {
                summary: self,
                rows: self.rows(top),
            },
        )?;
        out.push(b'\n');
        Ok(())
    }

    /// Column names of the key.
    pub fn key_names(&self) -> Vec<String> {
        let mut names = self.group_by.clone();
        if let Some(p) = self.period {
            names.push(
                match p {
                    Period::Year => "year",
                    Period::Month => "month",
                    Period::Week => "week",
                }
                .to_string(),
            );
        }
        names
    }

    /// The rows for display: per group, per frame, the rates and top terms.
    pub fn rows(&self, top: usize) -> Vec<Row> {
        self.groups
            .iter()
            .map(|(key, g)| Row {
                key: key.clone(),
                documents: g.documents,
                failed: g.failed,
                frames: g
                    .frames
                    .iter()
                    .map(|f| {
                        let mut terms: Vec<(String, u64)> =
                            f.terms.iter().map(|(t, n)| (t.clone(), *n)).collect();
                        terms.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                        terms.truncate(top);
                        FrameRow {
                            presence: ratio(f.present, g.documents),
                            mean_density: if g.documents == 0 {
                                0.0
                            } else {
                                f.density_micros as f64 / 1e6 / g.documents as f64
                            },
                            present: f.present,
                            top_terms: terms,
                        }
                    })
                    .collect(),
            })
            .collect()
    }
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// One group, ready to show.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// Group key.
    pub key: Vec<String>,
    /// Documents scored.
    pub documents: u64,
    /// Failed records.
    pub failed: u64,
    /// Per frame.
    pub frames: Vec<FrameRow>,
}

/// One frame within a group.
#[derive(Debug, Clone, Serialize)]
pub struct FrameRow {
    /// Share of documents where the frame is present.
    pub presence: f64,
    /// Documents where it is present.
    pub present: u64,
    /// Mean density (score per 1,000 words) over the group's documents.
    pub mean_density: f64,
    /// Most frequent terms with their counted hits.
    pub top_terms: Vec<(String, u64)>,
}

fn kept_label(k: &Kept) -> String {
    k.as_label()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| MISSING.to_string())
}

/// The period group of a date field's value (trimmed; [`MISSING`] for none): its
/// [`period_label`], or [`UNPARSEABLE`].
pub fn period_key(value: &str, period: Period) -> String {
    if value == MISSING || value.trim().is_empty() {
        return MISSING.to_string();
    }
    parse_date(value).map_or(UNPARSEABLE.to_string(), |d| period_label(d, period))
}

/// The label of a date in a period: `2024`, `2024-03`, `2024-W09` (ISO week-year).
pub fn period_label(d: NaiveDate, p: Period) -> String {
    match p {
        Period::Year => format!("{:04}", d.year()),
        Period::Month => format!("{:04}-{:02}", d.year(), d.month()),
        Period::Week => {
            let w = d.iso_week();
            format!("{:04}-W{:02}", w.year(), w.week())
        }
    }
}

/// Reads a date in the common formats of news dumps: ISO 8601 dates and date-times
/// (`2024-03-01`, `2024-03-01T12:00:00Z`), `2024/03/01`, `20240301`, US `03/01/2024` and
/// `3/1/24` (two-digit years pivot as chrono's `%y`: 00–68 are 2000–2068, 69–99 are
/// 1969–1999),
/// `1 March 2024`, `March 1, 2024`, `Mar. 1, 2024`, `26-FEB-1987 15:01:01.79` and RFC 2822
/// (`Fri, 01 Mar 2024 10:00:00 +0000`). A bare `2024-03` is read as its first day. `None`
/// when nothing fits.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.len() >= 10 && s.is_char_boundary(10) {
        if let Ok(d) = NaiveDate::parse_from_str(&s[..10], "%Y-%m-%d") {
            return Some(d);
        }
    }
    if let Ok(dt) = chrono::DateTime::parse_from_rfc2822(s) {
        return Some(dt.date_naive());
    }
    const FORMATS: &[&str] = &[
        // Two-digit years first: chrono's %Y takes any number of digits, so it would read
        // "7/23/17" as the year 17 AD and "4/4/17" as 4 April 17 (year/month/day), while
        // %y pivots (00–68 → 2000–2068, 69–99 → 1969–1999) and fails on a four-digit
        // year, which then reaches %Y.
        "%m/%d/%y",
        "%Y-%m-%d",
        "%Y/%m/%d",
        "%Y.%m.%d",
        "%Y%m%d",
        "%m/%d/%Y",
        "%d-%b-%y",
        "%d-%b-%Y",
        "%d %B %Y",
        "%d %b %Y",
        "%B %d, %Y",
        "%b %d, %Y",
        "%b. %d, %Y",
        "%B %d %Y",
        "%b %d %Y",
    ];
    let tokens: Vec<&str> = s.split_whitespace().collect();
    for n in (1..=tokens.len().min(3)).rev() {
        let prefix = tokens[..n].join(" ");
        for f in FORMATS {
            if let Ok(d) = NaiveDate::parse_from_str(&prefix, f) {
                return Some(d);
            }
        }
    }
    // Year and month only.
    let ym = tokens.first()?;
    if ym.len() == 7 && ym.as_bytes()[4] == b'-' {
        let y: i32 = ym[..4].parse().ok()?;
        let m: u32 = ym[5..].parse().ok()?;
        return NaiveDate::from_ymd_opt(y, m, 1);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::Scorer;

    #[test]
    fn parses_common_date_formats() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        let rows = [
            ("2024-03-01", d(2024, 3, 1)),
            ("2024-03-01T23:59:59Z", d(2024, 3, 1)),
            ("2024-03-01 10:00", d(2024, 3, 1)),
            ("2024/03/01", d(2024, 3, 1)),
            ("20240301", d(2024, 3, 1)),
            ("03/01/2024", d(2024, 3, 1)),
            ("7/23/17", d(2017, 7, 23)),
            ("12/22/16", d(2016, 12, 22)),
            ("4/4/17", d(2017, 4, 4)),
            ("1/4/99", d(1999, 1, 4)),
            ("1/4/1999", d(1999, 1, 4)),
            ("26-FEB-87", d(1987, 2, 26)),
            ("7/23/17 10:00", d(2017, 7, 23)),
            ("1 March 2024", d(2024, 3, 1)),
            ("March 1, 2024", d(2024, 3, 1)),
            ("Mar 1, 2024", d(2024, 3, 1)),
            ("Mar. 1, 2024", d(2024, 3, 1)),
            ("26-FEB-1987 15:01:01.79", d(1987, 2, 26)),
            ("Fri, 01 Mar 2024 10:00:00 +0000", d(2024, 3, 1)),
            ("2024-03", d(2024, 3, 1)),
            ("yesterday", None),
            ("2024-13-01", None),
            ("", None),
            // A multibyte character across byte 10 is no ISO prefix, and no panic.
            ("2024-03-0é", None),
            ("2024-03-01é", d(2024, 3, 1)),
            ("２０２４-03-01", None),
        ];
        for (s, want) in rows {
            assert_eq!(parse_date(s), want, "{s:?}");
        }
    }

    #[test]
    fn blank_values_are_missing_and_other_json_is_written_raw() {
        let json =
            |raw: &str| Kept::Json(serde_json::value::RawValue::from_string(raw.into()).unwrap());
        let rows = [
            (Kept::Str("  ".into()), MISSING),
            (Kept::Str(" left ".into()), "left"),
            (Kept::Missing, MISSING),
            (json("null"), MISSING),
            (json("\" \""), MISSING),
            (json("\" Reuters\""), "Reuters"),
            (json("{\"name\": \"Le Monde\"}"), "{\"name\": \"Le Monde\"}"),
            (json("3"), "3"),
        ];
        for (k, want) in rows {
            assert_eq!(kept_label(&k), want, "{k:?}");
        }
        assert_eq!(period_key("   ", Period::Year), MISSING);
        assert_eq!(period_key("someday", Period::Year), UNPARSEABLE);
    }

    #[test]
    fn rows_give_presence_and_mean_density_and_merges_check_their_settings() {
        let c = Compiled::embedded();
        let mut a = Summary::new(&c, vec!["g".into()], None, None);
        let mut scorer = Scorer::new(&c);
        let texts = [
            "AI chips: a national security threat from adversaries, officials warned.",
            "The bakery opened.",
            "AI chips: a national security threat.",
        ];
        for t in texts {
            a.add(&c, &kept(&["x"]), &scorer.score(t));
        }
        let densities: Vec<f64> = texts
            .iter()
            .map(|t| crate::printer::round(scorer.score(t).frames[0].density, 2))
            .collect();
        let row = &a.rows(3)[0];
        assert_eq!(row.documents, 3);
        let sec = &row.frames[0];
        assert_eq!(sec.present, 2);
        assert!((sec.presence - 2.0 / 3.0).abs() < 1e-12);
        let mean = densities.iter().sum::<f64>() / 3.0;
        assert!(mean > 0.0);
        assert!(
            (sec.mean_density - mean).abs() < 1e-6,
            "{} vs {mean}",
            sec.mean_density
        );
        let g = &a.groups[&vec!["x".to_string()]];
        let hits: u64 = texts
            .iter()
            .map(|t| u64::from(scorer.score(t).frames[0].hits))
            .sum();
        assert_eq!(g.frames[0].hits, hits);
        assert_eq!(
            g.words,
            texts
                .iter()
                .map(|t| scorer.score(t).words as u64)
                .sum::<u64>()
        );
        // Settings must agree for a merge.
        let by_year = Summary::new(
            &c,
            vec!["g".into()],
            Some("date".into()),
            Some(Period::Year),
        );
        let by_month = Summary::new(
            &c,
            vec!["g".into()],
            Some("date".into()),
            Some(Period::Month),
        );
        let mut y = by_year.clone();
        assert_eq!(y.merge(by_month), Err(MergeError("--date-field/--period")));
        let other_field =
            Summary::new(&c, vec!["g".into()], Some("day".into()), Some(Period::Year));
        assert_eq!(
            y.merge(other_field),
            Err(MergeError("--date-field/--period"))
        );
        let mut plain = Summary::new(&c, vec!["g".into()], None, None);
        assert_eq!(
            plain.merge(Summary::new(&c, vec!["h".into()], None, None)),
            Err(MergeError("--group-by"))
        );
        let paragraphs =
            Summary::new(&c, vec!["g".into()], None, None).counting(Some("paragraph"), None);
        assert_eq!(plain.merge(paragraphs), Err(MergeError("--unit")));
        let author = Summary::new(&c, vec!["g".into()], None, None).counting(None, Some("author"));
        assert_eq!(plain.merge(author), Err(MergeError("--voice")));
        assert_eq!(plain.merge(a.clone()), Ok(()));
        assert_eq!(plain, a);
    }

    #[test]
    fn period_labels() {
        let d = NaiveDate::from_ymd_opt(2021, 1, 2).unwrap();
        assert_eq!(period_label(d, Period::Year), "2021");
        assert_eq!(period_label(d, Period::Month), "2021-01");
        assert_eq!(period_label(d, Period::Week), "2020-W53"); // ISO week-year
    }

    fn kept(s: &[&str]) -> Vec<Kept> {
        s.iter()
            .map(|v| {
                if v.is_empty() {
                    Kept::Missing
                } else {
                    Kept::Str(v.to_string())
                }
            })
            .collect()
    }

    #[test]
    fn groups_and_merges_exactly() {
        let c = Compiled::embedded();
        let docs = [
            (
                ["left", "2020-05-01"],
                "AI chips: a national security threat from adversaries, officials warned.",
            ),
            (["right", "2020-06-01"], "The bakery opened."),
            (
                ["left", "2021-01-01"],
                "The AI arms race mentality is reckless; cooperation, not confrontation.",
            ),
            (
                ["left", "not a date"],
                "Adversaries threaten national security with AI.",
            ),
            (["", "2020-07-01"], "Nothing here."),
        ];
        let mut whole = Summary::new(
            &c,
            vec!["bias".into()],
            Some("date".into()),
            Some(Period::Year),
        );
        let mut a = whole.clone();
        let mut b = whole.clone();
        for (i, (k, text)) in docs.iter().enumerate() {
            let score = Scorer::new(&c).score(text);
            let kept = kept(k);
            whole.add(&c, &kept, &score);
            let shard = if i % 2 == 0 { &mut a } else { &mut b };
            shard.add(&c, &kept, &score);
        }
        whole.add_failed(&kept(&["right", ""]));
        b.add_failed(&kept(&["right", ""]));
        // Merge in the other order too: sums are integers, so the result is identical.
        let mut ab = a.clone();
        ab.merge(b.clone()).unwrap();
        let mut ba = b;
        ba.merge(a).unwrap();
        assert_eq!(ab, whole);
        assert_eq!(ba, whole);
        let keys: Vec<Vec<String>> = whole.groups.keys().cloned().collect();
        assert_eq!(
            keys,
            [
                vec![MISSING.to_string(), "2020".into()],
                vec!["left".into(), UNPARSEABLE.into()],
                vec!["left".into(), "2020".into()],
                vec!["left".into(), "2021".into()],
                vec!["right".into(), MISSING.into()],
                vec!["right".into(), "2020".into()],
            ]
        );
        let left2020 = &whole.groups[&vec!["left".to_string(), "2020".to_string()]];
        assert_eq!(left2020.documents, 1);
        assert_eq!(left2020.frames[0].present, 1);
        // JSON round trip keeps it whole.
        let json = serde_json::to_string(&whole).unwrap();
        let back: Summary = serde_json::from_str(&json).unwrap();
        assert_eq!(back, whole);
        // Incompatible summaries do not merge.
        let other = Summary::new(&c, vec!["source".into()], None, None);
        assert_eq!(whole.clone().merge(other), Err(MergeError("--group-by")));
    }
}

#[cfg(test)]
mod record_tests {
    use super::*;
    use crate::printer::{JsonlPrinter, PrintContext};
    use crate::score::Scorer;

    /// A summary of score records equals the summary of the texts they came from; error
    /// records count as failed; records of another set are refused.
    #[test]
    fn records_sum_negated_hits_and_skip_terms_that_never_counted() {
        let c = Compiled::embedded();
        let mut s = Summary::new(&c, vec![], None, None);
        let record = |negated: u64, terms: &str| -> ScoredRecord {
            serde_json::from_str(&format!(
                r#"{{"words": 10, "frames": {{
                    "security": {{"present": true, "hits": 2, "negated": {negated}, "density": 1.5, "terms": {terms}}},
                    "arms_race_criticism": {{"present": false, "hits": 0, "negated": 0, "density": 0.0}},
                    "commercial_motive": {{"present": false, "hits": 0, "negated": 0, "density": 0.0}}}}}}"#
            ))
            .unwrap()
        };
        s.add_record(&[], &record(2, r#"{"adversar*": 2, "threat": 0}"#))
            .unwrap();
        s.add_record(&[], &record(3, r#"{"adversar*": 1}"#))
            .unwrap();
        let g = &s.groups[&Vec::<String>::new()];
        assert_eq!(g.frames[0].negated, 5);
        assert_eq!(g.frames[0].hits, 4);
        assert_eq!(g.frames[0].density_micros, 3_000_000);
        // A term listed with 0 hits (a negated-only term, say) is no top term.
        assert_eq!(
            g.frames[0].terms.iter().collect::<Vec<_>>(),
            [(&"adversar*".to_string(), &3)]
        );
    }

    #[test]
    fn summary_of_records_equals_summary_of_texts() {
        let c = Compiled::embedded();
        let printer = JsonlPrinter::new(PrintContext {
            compiled: &c,
            keep: vec![],
            color: false,
            units: false,
            terms: false,
            percent: None,
        });
        let texts = [
            ("left", "AI chips: a national security threat from adversaries, officials warned. The Pentagon agrees."),
            ("right", "The AI arms race mentality is reckless; cooperation, not confrontation, with Beijing."),
            ("left", "Nvidia wants to sell chips to China for profit, lobbying against export controls: a national security threat, say critics."),
            ("left", "« Sécurité nationale » — the bakery opened."),
        ];
        let mut from_texts = Summary::new(&c, vec!["bias".into()], None, None);
        let mut from_records = from_texts.clone();
        let mut scorer = Scorer::new(&c);
        for (bias, text) in texts {
            let kept = [Kept::Str(bias.into())];
            let score = scorer.score(text);
            from_texts.add(&c, &kept, &score);
            let mut json = b"{".to_vec();
            printer.score_fields(&mut json, &score);
            json.push(b'}');
            let record: ScoredRecord = serde_json::from_slice(&json).unwrap();
            from_records.add_record(&kept, &record).unwrap();
        }
        assert_eq!(from_records, from_texts);
        assert!(from_texts.groups[&vec!["left".to_string()]].frames[0].density_micros > 0);

        let failed: ScoredRecord = serde_json::from_str(r#"{"id":"x","error":"bad"}"#).unwrap();
        from_records
            .add_record(&[Kept::Str("right".into())], &failed)
            .unwrap();
        assert_eq!(from_records.groups[&vec!["right".to_string()]].failed, 1);

        let other: ScoredRecord =
            serde_json::from_str(r#"{"frames":{"Economic":{"hits":1,"negated":0,"density":1.0,"present":true}},"words":3}"#)
                .unwrap();
        let err = from_records
            .add_record(&[Kept::Missing], &other)
            .unwrap_err();
        assert!(
            err.contains("no frame \"security\"") && err.contains("Economic"),
            "{err}"
        );
    }

    #[test]
    fn from_json_reads_back_and_refuses_other_json_and_versions() {
        let c = Compiled::embedded();
        let mut s = Summary::new(&c, vec!["bias".into()], None, None);
        s.add(
            &c,
            &[Kept::Str("left".into())],
            &Scorer::new(&c).score("AI chips."),
        );
        let mut out = Vec::new();
        s.write_json(&mut out, 5).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(Summary::from_json(&text).unwrap(), s);
        let v1 = text.replace("\"framelex_summary\": 2", "\"framelex_summary\": 1");
        assert_ne!(v1, text);
        assert!(Summary::from_json(&v1)
            .unwrap_err()
            .starts_with("summary version 1 (this framelex reads version 2;"));
        assert!(Summary::from_json("{}")
            .unwrap_err()
            .starts_with("not a framelex summary"));
    }
}
