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
        scan_file(i, table.get_ref(), is_set_file(src), &mut unknown_keys[i]);
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
    negative_weights,
    presence_reachable,
    scopes,
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
        // A leading apostrophe before a letter is a clitic ("'s", "'t slowed" for
        // "hasn't slowed"): the apostrophe is what lets the term match inside the word.
        let clitic = first == Some('\'')
            && raw_stem[1..]
                .chars()
                .next()
                .is_some_and(|c| c.is_alphanumeric());
        let leading = first.filter(|c| EDGE_PUNCT.contains(c) && !clitic);
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

/// Negative weights load (imported dictionaries have them, and a group may be meant to
/// count against a frame), but they are easy to type by mistake: say what they do.
fn negative_weights(set: &LexiconSet, _e: &[Vec<Entry<'_>>], out: &mut Vec<Lint>) {
    for frame in &set.frames {
        for (gi, g) in frame.groups.iter().enumerate() {
            if g.weight < 0.0 {
                let span = group_span(&set.sources[frame.source], gi)
                    .unwrap_or_else(|| frame.id_span.clone());
                out.push(
                    Lint::warning(
                        "negative-weight",
                        format!(
                            "group \"{}\" of frame \"{}\" has weight {}: each of its hits lowers the frame's score",
                            g.name, frame.id, g.weight
                        ),
                    )
                    .at(frame.source, span, "negative weight")
                    .help("if the group should count against the frame, keep it; to ignore such phrases, list them under `exclude` instead"),
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

/// Scopes no frame uses, and scope terms listed twice or also excluded.
fn scopes(set: &LexiconSet, _e: &[Vec<Entry<'_>>], out: &mut Vec<Lint>) {
    for scope in &set.scopes {
        if !set
            .frames
            .iter()
            .any(|f| f.scope.as_deref() == Some(scope.name.as_str()))
        {
            out.push(
                Lint::warning(
                    "unused-scope",
                    format!("scope \"{}\" is defined but no frame names it", scope.name),
                )
                .at(scope.source, scope.name_span.clone(), "unused")
                .help(format!(
                    "add `scope = \"{}\"` to the frames it should restrict, or remove it",
                    scope.name
                )),
            );
        }
        let key = |t: &Term| {
            (
                normalize_str(t.text.trim().trim_end_matches('*')),
                t.is_wildcard(),
            )
        };
        let mut seen: Vec<((String, bool), &Term)> = Vec::new();
        for t in &scope.terms {
            let k = key(t);
            if let Some((_, first)) = seen.iter().find(|(s, _)| *s == k) {
                out.push(
                    Lint::warning(
                        "duplicate-term",
                        format!(
                            "term {} is listed twice in scope \"{}\"",
                            quoted(t),
                            scope.name
                        ),
                    )
                    .at(t.source, t.span.clone(), "listed again")
                    .also(first.source, first.span.clone(), "first listed here")
                    .help("remove one listing"),
                );
            } else {
                seen.push((k, t));
            }
        }
        for x in &scope.exclude {
            if let Some((_, t)) = seen.iter().find(|(s, _)| *s == key(x)) {
                out.push(
                    Lint::warning(
                        "excluded-scope-term",
                        format!(
                            "scope \"{}\" lists {} both as a term and as an exclusion: it never counts",
                            scope.name,
                            quoted(x)
                        ),
                    )
                    .at(x.source, x.span.clone(), "excluded")
                    .also(t.source, t.span.clone(), "listed as a term")
                    .help("an exclusion should be a longer phrase that contains a term in another sense (\"chocolate chip\")"),
                );
            }
        }
    }
}

mod corpus;
mod keys;

pub use corpus::{
    listing, CorpusReport, CorpusStats, FrameReport, Observation, Probe, ScopeReport, TermShare,
    TermStats, WildcardReport,
};
pub use keys::nearest;

/// The codes of the warnings, which `check --allow CODE` can silence (errors cannot be).
pub const WARNING_CODES: &[&str] = &[
    "duplicate-term",
    "exclusion-is-term",
    "shared-term",
    "shadowed-term",
    "written-vs-matched",
    "wildcard-stem",
    "empty-frame",
    "empty-group",
    "negative-weight",
    "presence",
    "unused-scope",
    "excluded-scope-term",
    "dead-term",
    "shadowed-in-corpus",
];
use keys::scan_file;

#[cfg(test)]
mod tests;
