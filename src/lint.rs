//! Lint rules for lexicon sets: everything `framelex check` reports.
//!
//! The loader ([`crate::lexicon`]) rejects what cannot be compiled, and stops at the first
//! problem of each file. Many mistakes compile fine and quietly change results: a term
//! listed twice, a term that a wildcard of its own frame always beats, `"threat."` with a
//! full stop that the text rarely has, a two-letter wildcard stem that hits half the
//! dictionary. This module finds those, reports every TOML problem of a file at once (with
//! "did you mean" for misspelt keys), and — given a corpus — the terms that never hit, what
//! each wildcard expands to, and which terms carry each frame.
//!
//! Results are [`Lint`]s: a severity, a stable code, and byte spans into the lexicon files,
//! so that a caller can render them compiler-style (`framelex check` uses
//! annotate-snippets) or as JSON for an editor. The library never prints.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::path::Path;

use aho_corasick::{AhoCorasick, MatchKind};
use serde::Serialize;
use toml::de::{DeTable, DeValue};

use crate::compile::{Compiled, TermEntry};
use crate::lexicon::{LexiconSet, Location, Source, Term, EMBEDDED, SET_FILE};
use crate::normalize::{char_class, normalize_str, CharClass, Normalizer};
use crate::score::{DocScore, HitKind};

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Compiles, but probably not what the author meant.
    Warning,
    /// The set cannot be loaded.
    Error,
}

/// A place in a lexicon file, with what to say about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Index into the checked sources.
    pub source: usize,
    /// Byte range in that source (may be empty: a point).
    pub span: Range<usize>,
    /// Shown next to the place; may be empty.
    pub message: String,
}

/// One finding.
#[derive(Debug, Clone, PartialEq)]
pub struct Lint {
    /// Error or warning.
    pub severity: Severity,
    /// Stable short name of the rule (`duplicate-term`), listed in `docs/workbench.md`.
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
    /// Where; `None` for problems of the set as a whole.
    pub primary: Option<Label>,
    /// Other places that explain it ("first listed here").
    pub related: Vec<Label>,
    /// What to do about it.
    pub help: Option<String>,
}

impl Lint {
    fn new(severity: Severity, code: &'static str, message: String) -> Lint {
        Lint {
            severity,
            code,
            message,
            primary: None,
            related: Vec::new(),
            help: None,
        }
    }

    fn warning(code: &'static str, message: String) -> Lint {
        Lint::new(Severity::Warning, code, message)
    }

    fn error(code: &'static str, message: String) -> Lint {
        Lint::new(Severity::Error, code, message)
    }

    fn at(mut self, source: usize, span: Range<usize>, label: impl Into<String>) -> Lint {
        self.primary = Some(Label {
            source,
            span,
            message: label.into(),
        });
        self
    }

    fn also(mut self, source: usize, span: Range<usize>, label: impl Into<String>) -> Lint {
        self.related.push(Label {
            source,
            span,
            message: label.into(),
        });
        self
    }

    fn help(mut self, help: impl Into<String>) -> Lint {
        self.help = Some(help.into());
        self
    }
}

/// The result of checking a lexicon set.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The files checked; [`Label::source`] indexes this.
    pub sources: Vec<Source>,
    /// Every finding, in file order (set-level findings last).
    pub lints: Vec<Lint>,
    /// The whole set when it loads; `None` when it has errors.
    pub set: Option<LexiconSet>,
    /// Frames that were linted: all of them when the set loads, else those whose files
    /// load on their own.
    pub frames_checked: usize,
    /// Terms (not exclusions) in the frames that were linted.
    pub terms_checked: usize,
}

impl Checked {
    /// Number of findings of a severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.lints.iter().filter(|l| l.severity == severity).count()
    }

    /// `file:line:col` of a label.
    pub fn location(&self, label: &Label) -> Location {
        let src = &self.sources[label.source];
        let (line, col) = src.line_col(label.span.start);
        Location {
            path: src.path.clone(),
            line,
            col,
        }
    }
}

pub use crate::lexicon::read_sources;

/// The files of the embedded default set, named `lexicons/NAME` as in its errors.
pub fn embedded_sources() -> Vec<Source> {
    EMBEDDED
        .iter()
        .map(|(name, text)| Source {
            path: format!("lexicons/{name}").into(),
            text: (*text).into(),
        })
        .collect()
}

// ---- checking ---------------------------------------------------------------------------

/// Checks a lexicon set given as its files' texts: TOML errors (all of them, not only the
/// first of each file), unknown keys with "did you mean", every error the loader reports,
/// and the warnings of [`lint_set`]. When the set has errors, the frames whose files load
/// on their own are still linted, so that one pass shows as much as possible.
pub fn check_sources(sources: Vec<Source>) -> Checked {
    let n = sources.len();
    let mut lints = Vec::new();
    let mut syntax_bad = vec![false; n];
    let mut unknown_keys: Vec<Vec<Lint>> = vec![Vec::new(); n];
    for (i, src) in sources.iter().enumerate() {
        let (table, errors) = DeTable::parse_recoverable(&src.text);
        if !errors.is_empty() {
            syntax_bad[i] = true;
            for e in errors {
                let span = e.span().unwrap_or(0..0);
                lints.push(
                    Lint::error("toml", e.message().trim().replace('\n', " ")).at(i, span, ""),
                );
            }
            continue;
        }
        let schema = if is_set_file(src) { SET } else { FRAME };
        scan_keys(i, table.get_ref(), schema, None, &mut unknown_keys[i]);
    }

    let (set, failed) = match LexiconSet::from_sources(sources.clone()) {
        Ok(set) => (Some(set), vec![false; n]),
        Err(e) => {
            let mut failed = syntax_bad.clone();
            let mut loader_lints = Vec::new();
            for d in e.diagnostics {
                let src = d
                    .location
                    .as_ref()
                    .and_then(|l| sources.iter().position(|s| s.path == l.path));
                if let Some(s) = src {
                    failed[s] = true;
                    if syntax_bad[s] {
                        continue; // already reported, with every other syntax error
                    }
                    if d.message.starts_with("unknown field") && !unknown_keys[s].is_empty() {
                        continue; // the key scan reports it, and every other unknown key
                    }
                }
                loader_lints.push(loader_lint(&sources, src, d));
            }
            // Keys the scan finds unknown are reported only for files the loader rejects:
            // a file it accepts has no unknown key, whatever this module's copy of the
            // schema says.
            for (s, keys) in unknown_keys.iter_mut().enumerate() {
                if failed[s] {
                    lints.append(keys);
                }
            }
            lints.append(&mut loader_lints);
            (None, failed)
        }
    };

    // Lint the whole set, or failing that the frames that load on their own.
    let (linted, remap): (Option<LexiconSet>, Vec<usize>) = match &set {
        Some(s) => (Some(s.clone()), (0..n).collect()),
        None => partial_set(&sources, &failed),
    };
    let (mut frames_checked, mut terms_checked) = (0, 0);
    if let Some(partial) = &linted {
        frames_checked = partial.frames.len();
        terms_checked = partial
            .frames
            .iter()
            .map(|f| f.groups.iter().map(|g| g.terms.len()).sum::<usize>())
            .sum();
        for mut lint in lint_set(partial) {
            for label in lint.primary.iter_mut().chain(lint.related.iter_mut()) {
                label.source = remap[label.source];
            }
            lints.push(lint);
        }
    }
    sort_lints(&mut lints);
    Checked {
        sources,
        lints,
        set,
        frames_checked,
        terms_checked,
    }
}

/// Orders findings by file and position; set-level findings last.
pub fn sort_lints(lints: &mut [Lint]) {
    lints.sort_by_key(|l| {
        l.primary
            .as_ref()
            .map_or((usize::MAX, usize::MAX), |p| (p.source, p.span.start))
    });
}

fn is_set_file(src: &Source) -> bool {
    Path::new(&*src.path)
        .file_name()
        .is_some_and(|n| n == SET_FILE)
}

/// The set made of the files that had no error, with a map from its source indices back
/// to the original ones. Without `set.toml` if the set file alone makes it fail (it may
/// list a frame whose file was left out).
fn partial_set(sources: &[Source], failed: &[bool]) -> (Option<LexiconSet>, Vec<usize>) {
    let good: Vec<usize> = (0..sources.len()).filter(|&i| !failed[i]).collect();
    let attempt = |keep: &[usize]| {
        LexiconSet::from_sources(keep.iter().map(|&i| sources[i].clone()).collect()).ok()
    };
    if let Some(set) = attempt(&good) {
        return (Some(set), good);
    }
    let frames_only: Vec<usize> = good
        .iter()
        .copied()
        .filter(|&i| !is_set_file(&sources[i]))
        .collect();
    match attempt(&frames_only) {
        Some(set) => (Some(set), frames_only),
        None => (None, Vec::new()),
    }
}

/// A loader diagnostic as a lint, with a help line where one is known.
fn loader_lint(sources: &[Source], src: Option<usize>, d: crate::lexicon::Diagnostic) -> Lint {
    let code = if d.message.starts_with("unknown field") {
        "unknown-key"
    } else {
        "invalid"
    };
    let mut lint = Lint::error(code, d.message.clone());
    if let Some(s) = src {
        lint = lint.at(s, d.span.clone().unwrap_or(0..0), "");
    }
    let text_at = |span: &Option<Range<usize>>| -> &str {
        match (src, span) {
            (Some(s), Some(r)) => sources[s].text.get(r.clone()).unwrap_or(""),
            _ => "",
        }
    };
    if let Some(rest) = d.message.strip_prefix("unknown field `") {
        // "unknown field `wieght`, expected one of `name`, `weight`" (first unknown key
        // only, when the key scan could not run).
        let key = rest.split('`').next().unwrap_or("");
        let expected: Vec<&str> = rest
            .split('`')
            .skip(1)
            .enumerate()
            .filter(|(i, _)| i % 2 == 1)
            .map(|(_, s)| s)
            .collect();
        if let Some(best) = nearest(key, expected.iter().copied()) {
            lint = lint.help(format!("did you mean `{best}`?"));
        }
    } else if d.message.starts_with("missing field") {
        lint = lint
            .help("a frame file needs `id` and `name`; each [[group]] needs `name` and `terms`");
    } else if d.message.contains("expected a sequence") && text_at(&d.span).starts_with('[') {
        lint = lint
            .help("a frame's groups are an array of tables: write [[group]], with double brackets");
    } else if d.message.contains("invalid type: string") && d.message.contains("expected f64") {
        lint = lint.help("write numbers without quotes: weight = 2.0");
    }
    lint
}

// ---- key scan ---------------------------------------------------------------------------

/// What a key holds, for the key scan.
#[derive(Clone, Copy)]
enum Kind {
    Value,
    Table(&'static [(&'static str, Kind)]),
    Tables(&'static [(&'static str, Kind)]),
}

type Schema = &'static [(&'static str, Kind)];

// This mirrors the serde model in `lexicon/mod.rs`; a test checks that a file using every
// key loads.
const PRESENCE: Schema = &[
    ("min_score", Kind::Value),
    ("min_hits", Kind::Value),
    ("min_terms", Kind::Value),
    ("min_density", Kind::Value),
];
const GROUP: Schema = &[
    ("name", Kind::Value),
    ("description", Kind::Value),
    ("weight", Kind::Value),
    ("terms", Kind::Value),
];
const RULE: Schema = &[
    ("name", Kind::Value),
    ("description", Kind::Value),
    ("weight", Kind::Value),
    ("window", Kind::Value),
    ("ordered", Kind::Value),
    ("same_sentence", Kind::Value),
    ("all", Kind::Value),
    ("none", Kind::Value),
];
const FRAME: Schema = &[
    ("id", Kind::Value),
    ("name", Kind::Value),
    ("description", Kind::Value),
    ("color", Kind::Value),
    ("exclude", Kind::Value),
    ("presence", Kind::Table(PRESENCE)),
    ("group", Kind::Tables(GROUP)),
    ("rule", Kind::Tables(RULE)),
];
const NEGATION: Schema = &[
    ("negators", Kind::Value),
    ("window", Kind::Value),
    ("weight", Kind::Value),
];
const SET: Schema = &[
    ("name", Kind::Value),
    ("description", Kind::Value),
    ("frames", Kind::Value),
    ("negation", Kind::Table(NEGATION)),
    ("voice", Kind::Table(VOICE)),
];
const VOICE: Schema = &[("attribution", Kind::Value)];

fn display_key(name: &str, kind: Kind) -> String {
    match kind {
        Kind::Value => format!("`{name}`"),
        Kind::Table(_) => format!("[{name}]"),
        Kind::Tables(_) => format!("[[{name}]]"),
    }
}

/// Reports every key not in `schema`, recursing into known tables. `inside` names the
/// table being scanned (`[[group]]`), `None` at the top level.
fn scan_keys(
    source: usize,
    table: &DeTable<'_>,
    schema: Schema,
    inside: Option<String>,
    out: &mut Vec<Lint>,
) {
    for (key, value) in table.iter() {
        let name: &str = key.get_ref();
        match schema.iter().find(|(k, _)| *k == name) {
            Some((_, Kind::Table(sub))) => {
                if let DeValue::Table(t) = value.get_ref() {
                    scan_keys(source, t, sub, Some(format!("[{name}]")), out);
                }
            }
            Some((_, Kind::Tables(sub))) => {
                if let DeValue::Array(items) = value.get_ref() {
                    for item in items.iter() {
                        if let DeValue::Table(t) = item.get_ref() {
                            scan_keys(source, t, sub, Some(format!("[[{name}]]")), out);
                        }
                    }
                }
            }
            Some((_, Kind::Value)) => {}
            None => {
                let where_ = inside
                    .as_deref()
                    .map_or(String::new(), |t| format!(" in {t}"));
                let mut lint = Lint::error("unknown-key", format!("unknown key `{name}`{where_}"))
                    .at(source, key.span(), "unknown key");
                let in_frame_table = std::ptr::eq(schema, PRESENCE) || std::ptr::eq(schema, GROUP);
                let top_level = in_frame_table
                    && FRAME
                        .iter()
                        .any(|(k, kind)| *k == name && matches!(kind, Kind::Value));
                if let Some((best, kind)) = nearest(name, schema.iter().map(|(k, _)| *k))
                    .and_then(|b| schema.iter().find(|(k, _)| *k == b))
                {
                    lint = lint.help(format!("did you mean {}?", display_key(best, *kind)));
                } else if top_level {
                    lint = lint.help(format!(
                        "`{name}` is a top-level key: in TOML a key belongs to the table header above it, so move it above the first [presence] or [[group]]"
                    ));
                } else {
                    let expected: Vec<String> = schema
                        .iter()
                        .map(|(k, kind)| display_key(k, *kind))
                        .collect();
                    lint = lint.help(format!("expected one of {}", expected.join(", ")));
                }
                out.push(lint);
            }
        }
    }
}

/// The candidate closest to `word` by edit distance, if it is close enough to be a typo.
fn nearest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let w = word.to_lowercase();
    let max = match w.chars().count() {
        0..=2 => 0,
        3..=5 => 1,
        6..=9 => 2,
        _ => 3,
    };
    candidates
        .map(|c| (edit_distance(&w, &c.to_lowercase()), c))
        .filter(|&(d, _)| d <= max)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// Optimal string alignment distance: insertions, deletions, substitutions and swaps of
/// two neighbours ("wieght" → "weight" is 1).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

// ---- lints on a loaded set --------------------------------------------------------------

/// One listing of a term or exclusion in a frame, as the compiler sees it.
struct Entry<'a> {
    term: &'a Term,
    /// Group index; `None` for exclusions.
    group: Option<usize>,
    weight: f64,
    /// Normalised stem (without `*`).
    stem: String,
    wildcard: bool,
    /// Set when an earlier listing of the frame has the same stem and wildcard: the
    /// compiler drops this one.
    dropped: bool,
}

impl Entry<'_> {
    fn what(&self) -> &'static str {
        if self.group.is_some() {
            "term"
        } else {
            "exclusion"
        }
    }
}

/// Lints over a loaded set, in the order they run. Proximity rules (a later issue) add a
/// pass here for rules whose groups are empty or name no group of the frame.
type LintPass = fn(&LexiconSet, &[Vec<Entry<'_>>], &mut Vec<Lint>);

const SET_LINTS: &[LintPass] = &[
    duplicates,
    shared_terms,
    shadowed_terms,
    written_vs_matched,
    wildcard_stems,
    empty_frames_and_groups,
    presence_reachable,
];

/// Warnings about a set that loads: duplicates, terms shared between frames, terms that
/// can never count, terms that match something else than written, short wildcard stems,
/// empty frames and groups, presence thresholds that can never (or always) be met.
pub fn lint_set(set: &LexiconSet) -> Vec<Lint> {
    let entries: Vec<Vec<Entry<'_>>> = set.frames.iter().map(frame_entries).collect();
    let mut out = Vec::new();
    for pass in SET_LINTS {
        pass(set, &entries, &mut out);
    }
    sort_lints(&mut out);
    out
}

fn frame_entries(frame: &crate::lexicon::Frame) -> Vec<Entry<'_>> {
    let mut entries: Vec<Entry<'_>> = Vec::new();
    let listed = frame
        .groups
        .iter()
        .enumerate()
        .flat_map(|(gi, g)| g.terms.iter().map(move |t| (Some(gi), g.weight, t)))
        .chain(frame.exclude.iter().map(|t| (None, 0.0, t)));
    for (group, weight, term) in listed {
        let body = term.text.trim();
        let wildcard = term.is_wildcard();
        let stem = normalize_str(body.strip_suffix('*').unwrap_or(body));
        let dropped = entries
            .iter()
            .any(|e| !e.dropped && e.stem == stem && e.wildcard == wildcard);
        entries.push(Entry {
            term,
            group,
            weight,
            stem,
            wildcard,
            dropped,
        });
    }
    entries
}

fn quoted(t: &Term) -> String {
    format!("\"{}\"", t.text.trim())
}

fn group_desc(set: &LexiconSet, frame: usize, e: &Entry<'_>) -> String {
    match e.group {
        Some(g) => format!(
            "group \"{}\", weight {}",
            set.frames[frame].groups[g].name, e.weight
        ),
        None => "exclusion".into(),
    }
}

fn duplicates(set: &LexiconSet, entries: &[Vec<Entry<'_>>], out: &mut Vec<Lint>) {
    for (fi, list) in entries.iter().enumerate() {
        let frame = &set.frames[fi];
        for (i, e) in list.iter().enumerate() {
            if !e.dropped {
                continue;
            }
            let first = list[..i]
                .iter()
                .find(|f| !f.dropped && f.stem == e.stem && f.wildcard == e.wildcard)
                .expect("a dropped entry has a first listing");
            let same_text = first.term.text.trim() == e.term.text.trim();
            let how = if same_text {
                String::new()
            } else {
                " (they differ only in case, typography or spacing, which matching ignores)".into()
            };
            let lint = if first.group.is_some() && e.group.is_none() {
                Lint::warning(
                    "exclusion-is-term",
                    format!(
                        "exclusion {} of frame \"{}\" is also one of its terms{how}; the exclusion is ignored",
                        quoted(e.term),
                        frame.id
                    ),
                )
                .at(e.term.source, e.term.span.clone(), "never applies")
                .also(first.term.source, first.term.span.clone(), "listed as a term here")
                .help("a phrase cannot be both: remove it from the terms or from `exclude`")
            } else {
                Lint::warning(
                    "duplicate-term",
                    format!(
                        "{} {} is listed twice in frame \"{}\"{how}",
                        e.what(),
                        quoted(e.term),
                        frame.id
                    ),
                )
                .at(e.term.source, e.term.span.clone(), "ignored")
                .also(
                    first.term.source,
                    first.term.span.clone(),
                    "first listed here",
                )
                .help(format!(
                    "only the first listing counts ({}); remove this one",
                    group_desc(set, fi, first)
                ))
            };
            out.push(lint);
        }
    }
}

fn shared_terms(set: &LexiconSet, entries: &[Vec<Entry<'_>>], out: &mut Vec<Lint>) {
    let mut first: HashMap<(&str, bool), (usize, &Entry<'_>)> = HashMap::new();
    for (fi, list) in entries.iter().enumerate() {
        for e in list.iter().filter(|e| !e.dropped && e.group.is_some()) {
            match first.get(&(e.stem.as_str(), e.wildcard)) {
                Some(&(ff, fe)) if ff != fi => out.push(
                    Lint::warning(
                        "shared-term",
                        format!(
                            "{} is a term of frame \"{}\" and of frame \"{}\": intended?",
                            quoted(e.term),
                            set.frames[fi].id,
                            set.frames[ff].id
                        ),
                    )
                    .at(e.term.source, e.term.span.clone(), "")
                    .also(
                        fe.term.source,
                        fe.term.span.clone(),
                        format!("also in frame \"{}\"", set.frames[ff].id),
                    )
                    .help("a term in two frames counts in both; keep it only where the phrase voices each frame"),
                ),
                Some(_) => {}
                None => {
                    first.insert((e.stem.as_str(), e.wildcard), (fi, e));
                }
            }
        }
    }
}

/// Whether the wildcard `w` matches every word `t` matches, with the same span: `secur*`
/// covers `security`, `securit*` and `secur` (as `secur*` also matches the bare stem).
fn covers(w: &Entry<'_>, t: &Entry<'_>) -> bool {
    if !w.wildcard || w.stem.is_empty() {
        return false;
    }
    if w.stem.chars().next_back().map(char_class) == Some(CharClass::Continuous) {
        return false; // a wildcard on a stem without word spacing is not extended
    }
    let Some(rest) = t.stem.strip_prefix(w.stem.as_str()) else {
        return false;
    };
    if t.wildcard && rest.is_empty() {
        return false; // the same listing: a duplicate, reported apart
    }
    rest.chars().all(|c| char_class(c) == CharClass::Word)
}

fn shadowed_terms(set: &LexiconSet, entries: &[Vec<Entry<'_>>], out: &mut Vec<Lint>) {
    for (fi, list) in entries.iter().enumerate() {
        let frame = &set.frames[fi];
        for (ti, t) in list.iter().enumerate() {
            if t.dropped || t.group.is_none() {
                continue;
            }
            // An exclusion of the frame beats its terms on a span, whatever the weights;
            // otherwise the heavier term wins, and the first listed on a tie.
            let winner = list
                .iter()
                .enumerate()
                .filter(|(wi, w)| *wi != ti && !w.dropped && covers(w, t))
                .find(|(wi, w)| {
                    w.group.is_none() || w.weight > t.weight || (w.weight == t.weight && wi < &ti)
                });
            let Some((_, w)) = winner else { continue };
            let (why, help) = if w.group.is_none() {
                (
                    format!(
                        "the exclusion {} of this frame matches the same words and cancels them",
                        quoted(w.term)
                    ),
                    "narrow the exclusion, or remove the term".to_string(),
                )
            } else {
                let tie = if w.weight == t.weight {
                    "it is listed first, with the same weight"
                } else {
                    "it weighs more"
                };
                (
                    format!(
                        "{} in the same frame matches the same words and wins ({tie})",
                        quoted(w.term)
                    ),
                    format!(
                        "remove it, or give it a higher weight than {} ({}) so that it counts apart",
                        quoted(w.term),
                        w.weight
                    ),
                )
            };
            out.push(
                Lint::warning(
                    "shadowed-term",
                    format!(
                        "term {} of frame \"{}\" can never count: {why}",
                        quoted(t.term),
                        frame.id
                    ),
                )
                .at(t.term.source, t.term.span.clone(), "never counts")
                .also(w.term.source, w.term.span.clone(), "wins every time")
                .help(help),
            );
        }
    }
}

/// Characters that, at the edge of a term, make it hit only where the text has them too.
const EDGE_PUNCT: &[char] = &[
    '.', ',', ';', ':', '!', '?', '"', '\'', '(', ')', '[', ']', '{', '}',
];

const INVISIBLE: &[(char, &str)] = &[
    ('\u{00AD}', "soft hyphen"),
    ('\u{200B}', "zero-width space"),
    ('\u{200C}', "zero-width non-joiner"),
    ('\u{200D}', "zero-width joiner"),
    ('\u{2060}', "word joiner"),
    ('\u{FEFF}', "byte order mark"),
];

fn written_vs_matched(_set: &LexiconSet, entries: &[Vec<Entry<'_>>], out: &mut Vec<Lint>) {
    for e in entries.iter().flatten() {
        let t = e.term;
        let at = |lint: Lint, label: &str| lint.at(t.source, t.span.clone(), label);
        let what = e.what();
        if t.text != t.text.trim() {
            out.push(
                at(
                    Lint::warning(
                        "written-vs-matched",
                        format!(
                            "{what} \"{}\" has spaces around it, which are ignored",
                            t.text
                        ),
                    ),
                    "matches as written without them",
                )
                .help(format!("write {}", quoted(t))),
            );
        }
        let body = t.text.trim();
        if let Some(&(c, name)) = INVISIBLE.iter().find(|(c, _)| body.contains(*c)) {
            let visible: String = body
                .chars()
                .filter(|c| !INVISIBLE.iter().any(|(i, _)| i == c))
                .collect();
            out.push(
                at(
                    Lint::warning(
                        "written-vs-matched",
                        format!(
                            "{what} {} contains an invisible U+{:04X} ({name}), which matching drops",
                            quoted(t),
                            c as u32
                        ),
                    ),
                    "invisible character inside",
                )
                .help(format!("retype it as \"{visible}\"")),
            );
        }
        let raw_stem = body.strip_suffix('*').unwrap_or(body);
        if e.wildcard {
            let before = raw_stem.chars().next_back();
            if before.is_some_and(|c| normalize_str(&c.to_string()).is_empty()) {
                let fixed = format!(
                    "{}*",
                    raw_stem.trim_end_matches(|c: char| normalize_str(&c.to_string()).is_empty())
                );
                out.push(
                    at(
                        Lint::warning(
                            "written-vs-matched",
                            format!(
                                "the space or hyphen before `*` in {} is dropped: it is the wildcard \"{fixed}\", which also hits words that merely start with \"{}\"",
                                quoted(t),
                                e.stem
                            ),
                        ),
                        &format!("matches as \"{fixed}\""),
                    )
                    .help(format!(
                        "write \"{fixed}\" if that is meant, or list the compounds themselves (\"{} …\")",
                        e.stem
                    )),
                );
            }
        }
        let first = raw_stem.chars().next();
        let last = raw_stem.chars().next_back();
        let looks_abbreviation = |s: &str| {
            let core = s.trim_end_matches('.');
            core.contains('.')
                || core
                    .rsplit(' ')
                    .next()
                    .is_some_and(|w| w.chars().count() <= 3)
        };
        let trailing = last
            .filter(|c| EDGE_PUNCT.contains(c))
            .filter(|&c| !(c == '.' && looks_abbreviation(raw_stem)));
        let leading = first.filter(|c| EDGE_PUNCT.contains(c));
        let edges = match (leading, trailing) {
            (Some(a), Some(b)) => Some(format!("starts with \"{a}\" and ends with \"{b}\"")),
            (Some(a), None) => Some(format!("starts with \"{a}\"")),
            (None, Some(b)) => Some(format!("ends with \"{b}\"")),
            (None, None) => None,
        };
        if let Some(edges) = edges {
            let fixed = raw_stem.trim_matches(EDGE_PUNCT).trim();
            let star = if e.wildcard { "*" } else { "" };
            out.push(
                at(
                    Lint::warning(
                        "written-vs-matched",
                        format!(
                            "{what} {} {edges}: it hits only where the text has that punctuation too",
                            quoted(t)
                        ),
                    ),
                    "punctuation is matched literally",
                )
                .help(format!("did you mean \"{fixed}{star}\"?")),
            );
        }
    }
}

fn wildcard_stems(_set: &LexiconSet, entries: &[Vec<Entry<'_>>], out: &mut Vec<Lint>) {
    for e in entries
        .iter()
        .flatten()
        .filter(|e| e.wildcard && !e.dropped)
    {
        let t = e.term;
        let last = e.stem.chars().next_back().map(char_class);
        if last == Some(CharClass::Continuous) {
            out.push(
                Lint::warning(
                    "wildcard-stem",
                    format!(
                        "the `*` of {} has no effect: a wildcard is not extended after a script written without spaces",
                        quoted(t)
                    ),
                )
                .at(t.source, t.span.clone(), "matches exactly the stem")
                .help(format!("write \"{}\"", e.stem)),
            );
            continue;
        }
        let letters = e
            .stem
            .chars()
            .filter(|&c| char_class(c) == CharClass::Word)
            .count();
        if letters < 3 {
            out.push(
                Lint::warning(
                    "wildcard-stem",
                    format!(
                        "wildcard stem \"{}\" of {} has under 3 letters: it hits every word that starts with it",
                        e.stem,
                        quoted(t)
                    ),
                )
                .at(t.source, t.span.clone(), "too short a stem")
                .help("list the words themselves, or lengthen the stem; `framelex check --corpus FILE` shows what it expands to"),
            );
        }
    }
}

/// The span of the `name` of group `g` (or of the `[[group]]` header) in a frame file.
fn group_span(src: &Source, g: usize) -> Option<Range<usize>> {
    let table = DeTable::parse(&src.text).ok()?;
    let (key, groups) = table.get_ref().get_key_value("group")?;
    let DeValue::Array(items) = groups.get_ref() else {
        return Some(key.span());
    };
    let item = items.get(g)?;
    if let DeValue::Table(t) = item.get_ref() {
        if let Some(name) = t.get("name") {
            return Some(name.span());
        }
    }
    Some(item.span())
}

fn empty_frames_and_groups(set: &LexiconSet, _e: &[Vec<Entry<'_>>], out: &mut Vec<Lint>) {
    for frame in &set.frames {
        let terms: usize = frame.groups.iter().map(|g| g.terms.len()).sum();
        if terms == 0 {
            out.push(
                Lint::warning(
                    "empty-frame",
                    format!("frame \"{}\" has no terms: it is never present", frame.id),
                )
                .at(frame.source, frame.id_span.clone(), "no terms")
                .help("add a [[group]] with terms, or remove the file from the set"),
            );
            continue;
        }
        for (gi, g) in frame.groups.iter().enumerate() {
            if g.terms.is_empty() {
                let span = group_span(&set.sources[frame.source], gi)
                    .unwrap_or_else(|| frame.id_span.clone());
                out.push(
                    Lint::warning(
                        "empty-group",
                        format!(
                            "group \"{}\" of frame \"{}\" has no terms",
                            g.name, frame.id
                        ),
                    )
                    .at(frame.source, span, "empty `terms`")
                    .help("add terms or remove the group"),
                );
            }
        }
    }
}

fn presence_reachable(set: &LexiconSet, entries: &[Vec<Entry<'_>>], out: &mut Vec<Lint>) {
    for (fi, frame) in set.frames.iter().enumerate() {
        let p = frame.presence;
        let terms: Vec<&Entry<'_>> = entries[fi]
            .iter()
            .filter(|e| e.group.is_some() && !e.dropped)
            .collect();
        if terms.is_empty() {
            continue; // reported as an empty frame
        }
        let at = |lint: Lint| lint.at(frame.source, frame.id_span.clone(), "");
        if p.min_terms as usize > terms.len() {
            out.push(
                at(Lint::warning(
                    "presence",
                    format!(
                        "frame \"{}\" is never present: min_terms = {} but it has {} distinct terms",
                        frame.id,
                        p.min_terms,
                        terms.len()
                    ),
                ))
                .help("lower [presence] min_terms, or add terms"),
            );
        } else if p.min_score > 0.0 && terms.iter().all(|e| e.weight <= 0.0) {
            out.push(
                at(Lint::warning(
                    "presence",
                    format!(
                        "frame \"{}\" is never present: min_score = {} but no group has a positive weight",
                        frame.id, p.min_score
                    ),
                ))
                .help("give a group a positive weight"),
            );
        } else if p.min_hits == 0 && p.min_terms == 0 && p.min_score <= 0.0 && p.min_density <= 0.0
        {
            out.push(
                at(Lint::warning(
                    "presence",
                    format!(
                        "frame \"{}\" is present in every document: no [presence] threshold asks for a hit",
                        frame.id
                    ),
                ))
                .help("set min_hits = 1 or a positive min_score"),
            );
        }
    }
}

// ---- corpus -----------------------------------------------------------------------------

/// The place where a compiled term was listed (its first listing).
pub fn listing<'s>(set: &'s LexiconSet, entry: &TermEntry) -> Option<&'s Term> {
    let frame = set.frames.get(entry.frame)?;
    let mut candidates: Box<dyn Iterator<Item = &Term>> = if entry.exclusion {
        Box::new(frame.exclude.iter())
    } else {
        Box::new(frame.groups.get(entry.group)?.terms.iter())
    };
    candidates.find(|t| t.text.trim() == entry.text)
}

#[derive(Debug, Clone, Default)]
struct ProbePattern {
    exact: Vec<usize>,
    wild: Vec<usize>,
    first: Option<CharClass>,
    last: Option<CharClass>,
}

/// Finds every place where each term *could* hit, alone, so that a corpus check can tell
/// a term that never occurs from one that occurs but always loses to a longer match.
///
/// It applies the same word boundaries and wildcard extension as the scorer, but keeps
/// every occurrence instead of resolving overlaps.
#[derive(Debug, Clone)]
pub struct Probe<'c> {
    compiled: &'c Compiled,
    ac: AhoCorasick,
    patterns: Vec<ProbePattern>,
}

/// What one document adds to a [`CorpusStats`].
#[derive(Debug, Clone, Default)]
pub struct Observation {
    /// Every occurrence: (term, the term whose hit covered it instead — `None` when the
    /// term hit there itself).
    occurrences: Vec<(usize, Option<usize>)>,
    /// Wildcard hits (counted or negated): (term, the matched words in lower case).
    expansions: Vec<(usize, String)>,
}

impl<'c> Probe<'c> {
    /// A probe for every term and exclusion of `compiled`.
    pub fn new(compiled: &'c Compiled) -> Probe<'c> {
        let mut stems: Vec<String> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<ProbePattern> = Vec::new();
        for (i, t) in compiled.terms.iter().enumerate() {
            let stem = normalize_str(t.text.strip_suffix('*').unwrap_or(&t.text));
            let p = *index.entry(stem.clone()).or_insert_with(|| {
                patterns.push(ProbePattern {
                    first: stem.chars().next().map(char_class),
                    last: stem.chars().next_back().map(char_class),
                    ..ProbePattern::default()
                });
                stems.push(stem);
                patterns.len() - 1
            });
            if t.wildcard {
                patterns[p].wild.push(i);
            } else {
                patterns[p].exact.push(i);
            }
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&stems)
            .expect("the compiled set's own stems build an automaton");
        Probe {
            compiled,
            ac,
            patterns,
        }
    }

    /// Compares where each term could hit in `text` with where it did (`score`).
    pub fn observe(&self, text: &str, score: &DocScore) -> Observation {
        let mut norm = Normalizer::default();
        norm.normalize(text);
        let s = norm.text();
        let hit_at: HashSet<(usize, usize, usize)> = score
            .hits
            .iter()
            .map(|h| (h.term, h.start, h.end))
            .collect();
        let mut obs = Observation::default();
        for m in self.ac.find_overlapping_iter(s) {
            let pat = &self.patterns[m.pattern().as_usize()];
            let before = s[..m.start()].chars().next_back().map(char_class);
            if pat.first == Some(CharClass::Word) && before == Some(CharClass::Word) {
                continue;
            }
            let after = s[m.end()..].chars().next().map(char_class);
            let mut spans: Vec<(usize, &[usize])> = Vec::new();
            let end_ok = pat.last != Some(CharClass::Word) || after != Some(CharClass::Word);
            if !pat.exact.is_empty() && end_ok {
                spans.push((m.end(), &pat.exact));
            }
            if !pat.wild.is_empty() {
                let mut end = m.end();
                if pat.last != Some(CharClass::Continuous) {
                    for c in s[end..].chars() {
                        if char_class(c) != CharClass::Word {
                            break;
                        }
                        end += c.len_utf8();
                    }
                }
                spans.push((end, &pat.wild));
            }
            for (end, terms) in spans {
                let (os, oe) = (norm.orig_start(m.start()), norm.orig_end(end));
                for &t in terms {
                    if hit_at.contains(&(t, os, oe)) {
                        obs.occurrences.push((t, None));
                        continue;
                    }
                    let frame = self.compiled.terms[t].frame;
                    let first = score.hits.partition_point(|h| h.end <= os);
                    let covering = score.hits[first..]
                        .iter()
                        .take_while(|h| h.start < oe)
                        .min_by_key(|h| h.frame != frame)
                        .map(|h| h.term);
                    obs.occurrences.push((t, covering));
                }
            }
        }
        for h in &score.hits {
            if h.kind != HitKind::Excluded && self.compiled.terms[h.term].wildcard {
                let form = text[h.start..h.end]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase();
                obs.expansions.push((h.term, form));
            }
        }
        obs
    }
}

fn times(n: u64) -> String {
    match n {
        1 => "once".into(),
        2 => "twice".into(),
        n => format!("{n} times"),
    }
}

/// Per-term counts over a corpus.
#[derive(Debug, Clone, Default)]
pub struct TermStats {
    /// Places where the term could hit on its own.
    pub occurrences: u64,
    /// Counted hits.
    pub counted: u64,
    /// Negated hits.
    pub negated: u64,
    /// For exclusions: the times it won a span.
    pub excluded: u64,
    /// Occurrences lost to another term's hit: that term → times.
    pub lost_to: BTreeMap<usize, u64>,
    /// For wildcards: matched words → hits.
    pub expansions: HashMap<String, u64>,
}

/// Counts gathered over a corpus, document by document.
#[derive(Debug, Clone)]
pub struct CorpusStats {
    /// Documents seen.
    pub units: u64,
    /// Per term of the compiled set's term table.
    pub terms: Vec<TermStats>,
    /// Per frame: documents where it is present.
    pub present: Vec<u64>,
}

/// A wildcard's most frequent expansions.
#[derive(Debug, Clone, Serialize)]
pub struct WildcardReport {
    /// Frame id.
    pub frame: String,
    /// The wildcard as written.
    pub term: String,
    /// Hits (counted and negated).
    pub hits: u64,
    /// Distinct matched words.
    pub forms: usize,
    /// The most frequent matched words, with their hits.
    pub top: Vec<(String, u64)>,
}

/// A term's share of its frame's counted hits.
#[derive(Debug, Clone, Serialize)]
pub struct TermShare {
    /// The term as written.
    pub term: String,
    /// Its counted hits.
    pub hits: u64,
    /// `hits` / the frame's counted hits.
    pub share: f64,
}

/// A frame's counts over a corpus.
#[derive(Debug, Clone, Serialize)]
pub struct FrameReport {
    /// Frame id.
    pub frame: String,
    /// Documents where it is present.
    pub present: u64,
    /// Counted hits.
    pub hits: u64,
    /// Terms of the frame listed (not exclusions).
    pub terms: usize,
    /// Terms with at least one hit (counted or negated).
    pub terms_hit: usize,
    /// Exclusion phrases of the frame.
    pub exclusions: usize,
    /// Exclusion phrases that won a span at least once.
    pub exclusions_hit: usize,
    /// The terms with most counted hits.
    pub top: Vec<TermShare>,
}

/// What a corpus says about a set, beyond the lints.
#[derive(Debug, Clone, Serialize)]
pub struct CorpusReport {
    /// Documents read.
    pub units: u64,
    /// Per wildcard that hit, in frame and listing order.
    pub wildcards: Vec<WildcardReport>,
    /// Per frame, in set order.
    pub frames: Vec<FrameReport>,
}

impl CorpusStats {
    /// Empty counts for `compiled`.
    pub fn new(compiled: &Compiled) -> CorpusStats {
        CorpusStats {
            units: 0,
            terms: vec![TermStats::default(); compiled.terms.len()],
            present: vec![0; compiled.frames.len()],
        }
    }

    /// Adds one document.
    pub fn add(&mut self, score: &DocScore, obs: Observation) {
        self.units += 1;
        for (f, fs) in score.frames.iter().enumerate() {
            self.present[f] += u64::from(fs.present);
        }
        for h in &score.hits {
            let t = &mut self.terms[h.term];
            match h.kind {
                HitKind::Counted => t.counted += 1,
                HitKind::Negated => t.negated += 1,
                HitKind::Excluded => t.excluded += 1,
            }
        }
        for (term, lost) in obs.occurrences {
            let t = &mut self.terms[term];
            t.occurrences += 1;
            if let Some(by) = lost {
                *t.lost_to.entry(by).or_default() += 1;
            }
        }
        for (term, form) in obs.expansions {
            *self.terms[term].expansions.entry(form).or_default() += 1;
        }
    }

    /// Warnings from the corpus: per frame, the terms that never occur (`dead-term`), and
    /// each term that occurs but never counts, because a longer match always wins
    /// (`shadowed-in-corpus`).
    pub fn lints(&self, compiled: &Compiled) -> Vec<Lint> {
        let set = &compiled.set;
        let mut out = Vec::new();
        for (fi, frame) in compiled.frames.iter().enumerate() {
            let mut dead: Vec<&Term> = Vec::new();
            for (ti, entry) in compiled.terms.iter().enumerate() {
                if entry.frame != fi || entry.exclusion {
                    continue;
                }
                let stats = &self.terms[ti];
                let Some(term) = listing(set, entry) else {
                    continue;
                };
                if stats.occurrences == 0 {
                    dead.push(term);
                } else if stats.counted + stats.negated == 0 {
                    let mut by: Vec<(&usize, &u64)> = stats.lost_to.iter().collect();
                    by.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
                    let by: Vec<String> = by
                        .iter()
                        .take(5)
                        .map(|(&t, n)| {
                            let e = &compiled.terms[t];
                            let kind = if e.exclusion { "exclusion" } else { "term" };
                            format!(
                                "\"{}\" ×{n} ({kind} of {})",
                                e.text, compiled.frames[e.frame].id
                            )
                        })
                        .collect();
                    out.push(
                        Lint::warning(
                            "shadowed-in-corpus",
                            format!(
                                "term \"{}\" of frame \"{}\" occurs {} in the corpus but never counts",
                                entry.text,
                                frame.id,
                                times(stats.occurrences)
                            ),
                        )
                        .at(term.source, term.span.clone(), "always inside another match")
                        .help(format!("each time, another match won the words: {}", by.join(", "))),
                    );
                }
            }
            if let Some(first) = dead.first() {
                let mut lint = Lint::warning(
                    "dead-term",
                    format!(
                        "frame \"{}\": {} of {} terms never hit in the corpus ({} units)",
                        frame.id,
                        dead.len(),
                        compiled
                            .terms
                            .iter()
                            .filter(|t| t.frame == fi && !t.exclusion)
                            .count(),
                        self.units
                    ),
                )
                .at(first.source, first.span.clone(), "never hits")
                .help("a dead term costs nothing, but it may be misspelt or too specific; a bigger corpus may bring it to life");
                for t in &dead[1..] {
                    lint = lint.also(t.source, t.span.clone(), "never hits");
                }
                out.push(lint);
            }
        }
        sort_lints(&mut out);
        out
    }

    /// Wildcard expansions and each frame's top terms, `top` of each.
    pub fn report(&self, compiled: &Compiled, top: usize) -> CorpusReport {
        let mut wildcards = Vec::new();
        for (ti, entry) in compiled.terms.iter().enumerate() {
            let stats = &self.terms[ti];
            if !entry.wildcard || entry.exclusion || stats.expansions.is_empty() {
                continue;
            }
            let mut forms: Vec<(String, u64)> = stats
                .expansions
                .iter()
                .map(|(k, v)| (k.clone(), *v))
                .collect();
            forms.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            wildcards.push(WildcardReport {
                frame: compiled.frames[entry.frame].id.clone(),
                term: entry.text.clone(),
                hits: stats.counted + stats.negated,
                forms: forms.len(),
                top: forms.into_iter().take(top).collect(),
            });
        }
        // Within a frame, the broadest first: that is where over-broad stems show.
        wildcards.sort_by_key(|w: &WildcardReport| {
            (
                compiled.frame_index(&w.frame),
                std::cmp::Reverse(w.forms),
                std::cmp::Reverse(w.hits),
            )
        });
        let frames = compiled
            .frames
            .iter()
            .enumerate()
            .map(|(fi, f)| {
                let terms: Vec<(usize, &TermEntry)> = compiled
                    .terms
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| t.frame == fi && !t.exclusion)
                    .collect();
                let hits: u64 = terms.iter().map(|(i, _)| self.terms[*i].counted).sum();
                let exclusions: Vec<usize> = (0..compiled.terms.len())
                    .filter(|&i| compiled.terms[i].frame == fi && compiled.terms[i].exclusion)
                    .collect();
                let mut shares: Vec<TermShare> = terms
                    .iter()
                    .filter(|(i, _)| self.terms[*i].counted > 0)
                    .map(|(i, t)| TermShare {
                        term: t.text.clone(),
                        hits: self.terms[*i].counted,
                        share: self.terms[*i].counted as f64 / hits as f64,
                    })
                    .collect();
                shares.sort_by(|a, b| b.hits.cmp(&a.hits).then(a.term.cmp(&b.term)));
                shares.truncate(top);
                FrameReport {
                    frame: f.id.clone(),
                    present: self.present[fi],
                    hits,
                    terms: terms.len(),
                    terms_hit: terms
                        .iter()
                        .filter(|(i, _)| self.terms[*i].counted + self.terms[*i].negated > 0)
                        .count(),
                    top: shares,
                    exclusions: exclusions.len(),
                    exclusions_hit: exclusions
                        .iter()
                        .filter(|&&i| self.terms[i].excluded > 0)
                        .count(),
                }
            })
            .collect();
        CorpusReport {
            units: self.units,
            wildcards,
            frames,
        }
    }
}

#[cfg(test)]
mod tests;
