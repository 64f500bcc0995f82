//! A framelex lexicon set written as a dictionary of another tool: quanteda YAML, LIWC
//! `.dic` or LIWC-22 `.dicx`.
//!
//! Frames become categories, terms become patterns. The term syntax carries as it is (a
//! trailing `*` means the same in all three), and so do phrases. What has no equivalent is
//! left out with a warning each: rules, topic scope, exclusions, negation, presence
//! thresholds, and weights in the formats without them. A category is labelled with the
//! frame's name when the frame's id is that name made into an id (so an imported dictionary
//! goes back under its own category names), otherwise with the id (`security`), the short
//! label LIWC users expect as a column name.

use std::collections::{HashMap, HashSet};

use yaml_rust2::yaml::{Hash, Yaml};
use yaml_rust2::YamlEmitter;

use crate::lexicon::{LexiconSet, Presence};

/// The formats a set can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// quanteda YAML (no weights).
    Yaml,
    /// LIWC `.dic` (no weights).
    Dic,
    /// LIWC-22 `.dicx` (weights when the set has any other than 1).
    Dicx,
}

impl ExportFormat {
    /// Every format, with its `--to` name.
    pub const ALL: [(&'static str, ExportFormat); 3] = [
        ("yaml", ExportFormat::Yaml),
        ("dic", ExportFormat::Dic),
        ("dicx", ExportFormat::Dicx),
    ];

    /// The file extension, which is also the `--to` name.
    pub fn extension(self) -> &'static str {
        Self::ALL.iter().find(|(_, f)| *f == self).unwrap().0
    }

    fn label(self) -> &'static str {
        match self {
            ExportFormat::Yaml => "quanteda YAML",
            ExportFormat::Dic => "LIWC .dic",
            ExportFormat::Dicx => "LIWC-22 .dicx",
        }
    }
}

/// A set written in another format: the file's text and what did not carry.
#[derive(Debug, Clone)]
pub struct Exported {
    /// The file's text.
    pub text: String,
    /// One line per feature left out.
    pub warnings: Vec<String>,
}

/// The category label of a frame (see the module documentation).
fn label(id: &str, name: &str) -> String {
    if super::frame_id(name, 0) == id {
        name.to_string()
    } else {
        id.to_string()
    }
}

/// Writes `set` in `format`.
pub fn export(set: &LexiconSet, format: ExportFormat) -> Exported {
    let mut warnings = Vec::new();
    let to = format.label();
    if set.negation.window > 0 && !set.negation.negators.is_empty() {
        warnings.push(format!(
            "negation (a window of {} words) does not carry to {to}: its tools count negated matches too",
            set.negation.window
        ));
    }
    let imported = Presence {
        min_score: 0.0,
        ..Presence::default()
    };
    // (label, [(term, weight)]) per frame, repeats merged as framelex scores them.
    let mut categories: Vec<(String, Vec<(String, f64)>)> = Vec::new();
    for frame in &set.frames {
        let id = &frame.id;
        if !frame.rules.is_empty() {
            warnings.push(format!(
                "{id}: {} rule(s) left out ({to} has no proximity rules)",
                frame.rules.len()
            ));
        }
        if !frame.exclude.is_empty() {
            warnings.push(format!(
                "{id}: {} exclusion(s) left out: terms inside them will match",
                frame.exclude.len()
            ));
        }
        if let Some(scope) = &frame.scope {
            warnings.push(format!(
                "{id}: topic scope \"{scope}\" left out: hits count anywhere"
            ));
        }
        if frame.presence != Presence::default() && frame.presence != imported {
            warnings.push(format!(
                "{id}: presence thresholds left out (min_score {}, min_hits {}, min_terms {}, min_density {}): a category counts every match",
                frame.presence.min_score, frame.presence.min_hits, frame.presence.min_terms, frame.presence.min_density
            ));
        }
        if format != ExportFormat::Dicx {
            if let Some(g) = frame
                .groups
                .iter()
                .find(|g| g.weight != 1.0 && !g.terms.is_empty())
            {
                warnings.push(format!(
                    "{id}: weights left out (group \"{}\" has weight {}): {to} has none, every match counts 1; use --to dicx to keep them",
                    g.name, g.weight
                ));
            }
        }
        let mut seen: HashSet<(String, bool)> = HashSet::new();
        let mut terms = Vec::new();
        for g in &frame.groups {
            if format == ExportFormat::Dicx && g.weight == 0.0 && !g.terms.is_empty() {
                // A `0` cell means "not a member" in .dicx.
                warnings.push(format!(
                    "{id}: group \"{}\" has weight 0, which {to} reads as \"not a member\"; its {} term(s) left out",
                    g.name,
                    g.terms.len()
                ));
                continue;
            }
            for t in &g.terms {
                if format == ExportFormat::Yaml && t.text.contains('?') {
                    warnings.push(format!(
                        "{id}: term `{}` holds `?`, which quanteda reads as a one-character wildcard",
                        t.text.trim()
                    ));
                }
                if format == ExportFormat::Dic && t.text.contains(['\t', '\n', '\r']) {
                    warnings.push(format!(
                        "{id}: term {:?} holds a tab or line break, which {to} cannot; written with spaces",
                        t.text.trim()
                    ));
                }
                let text = t.text.trim().to_string();
                if seen.insert(super::term_key(&text)) {
                    terms.push((text, g.weight));
                }
            }
        }
        categories.push((label(id, &frame.name), terms));
    }
    let text = match format {
        ExportFormat::Yaml => yaml(&categories, &mut warnings),
        ExportFormat::Dic => dic(&categories),
        ExportFormat::Dicx => dicx(&categories),
    };
    Exported { text, warnings }
}

/// quanteda YAML, nested by the levels of `parent/child` names (quanteda's `levels` and
/// newsmap read the tree). YAML cannot give one key both patterns and sub-keys, so a set
/// where a category has sub-categories too (WordStat's RID has one, `TIMELESSNES`) is
/// written flat, with `parent/child` keys, and a warning says so.
fn yaml(categories: &[(String, Vec<(String, f64)>)], warnings: &mut Vec<String>) -> String {
    let paths: Vec<Vec<&str>> = categories
        .iter()
        .map(|(label, _)| label.split(super::LEVEL_SEPARATOR).collect())
        .collect();
    let clash = categories.iter().zip(&paths).find(|(_, path)| {
        paths
            .iter()
            .any(|other| other.len() > path.len() && other[..path.len()] == path[..])
    });
    let nested = paths.iter().all(|p| p.iter().all(|l| !l.is_empty())) && clash.is_none();
    if let Some(((label, _), _)) = clash {
        warnings.push(format!(
            "\"{label}\" is a category and has sub-categories, which YAML cannot nest: the categories are written flat, with `parent/child` keys"
        ));
    }
    let list = |terms: &[(String, f64)]| {
        Yaml::Array(terms.iter().map(|(t, _)| Yaml::String(t.clone())).collect())
    };
    let mut root = Hash::new();
    for ((label, terms), path) in categories.iter().zip(&paths) {
        if !nested {
            root.insert(Yaml::String(label.clone()), list(terms));
            continue;
        }
        let mut node = &mut root;
        for level in &path[..path.len() - 1] {
            let key = Yaml::String(level.to_string());
            let entry = node.entry(key).or_insert_with(|| Yaml::Hash(Hash::new()));
            node = match entry {
                Yaml::Hash(h) => h,
                _ => unreachable!("a clash is written flat"),
            };
        }
        node.insert(Yaml::String(path[path.len() - 1].to_string()), list(terms));
    }
    let mut out = String::new();
    YamlEmitter::new(&mut out)
        .dump(&Yaml::Hash(root))
        .expect("writing YAML to a string cannot fail");
    // The emitter starts with a document marker; a dictionary file does not need it.
    let body = out.strip_prefix("---\n").unwrap_or(&out);
    format!("{body}\n")
}

/// Terms in first-seen order, each with its categories' positions and weights.
fn rows(categories: &[(String, Vec<(String, f64)>)]) -> Vec<(String, Vec<(usize, f64)>)> {
    let mut rows: Vec<(String, Vec<(usize, f64)>)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (c, (_, terms)) in categories.iter().enumerate() {
        for (t, w) in terms {
            let r = *index.entry(t.clone()).or_insert_with(|| {
                rows.push((t.clone(), Vec::new()));
                rows.len() - 1
            });
            rows[r].1.push((c, *w));
        }
    }
    rows
}

fn dic(categories: &[(String, Vec<(String, f64)>)]) -> String {
    let mut out = String::from("%\n");
    // A tab or line break would end a name or a pattern early: spaces instead.
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    for (c, (label, _)) in categories.iter().enumerate() {
        out.push_str(&format!("{}\t{}\n", c + 1, clean(label)));
    }
    out.push_str("%\n");
    for (term, cats) in rows(categories) {
        out.push_str(&clean(&term));
        for (c, _) in cats {
            out.push_str(&format!("\t{}", c + 1));
        }
        out.push('\n');
    }
    out
}

fn dicx(categories: &[(String, Vec<(String, f64)>)]) -> String {
    let weighted = categories
        .iter()
        .any(|(_, terms)| terms.iter().any(|(_, w)| *w != 1.0));
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["DicTerm".to_string()];
    header.extend(categories.iter().map(|(l, _)| l.clone()));
    writer.write_record(&header).expect("writing to memory");
    for (term, cats) in rows(categories) {
        let mut record = vec![String::new(); categories.len() + 1];
        record[0] = term;
        for (c, w) in cats {
            record[c + 1] = if weighted {
                w.to_string()
            } else {
                "X".to_string()
            };
        }
        writer.write_record(&record).expect("writing to memory");
    }
    String::from_utf8(writer.into_inner().expect("writing to memory"))
        .expect("CSV of UTF-8 is UTF-8")
}
