//! Lexicon sets: the TOML model, loading and validation.
//!
//! A lexicon set is a folder with one TOML file per frame and an optional `set.toml`
//! for settings shared by all frames (negators, negation window, negated weight, frame
//! order). Everything a user can get wrong is reported as `file:line:col: message`, so
//! that a lexicon author can jump to the place; the model keeps the span of every term
//! for that reason. Unknown keys are errors (`deny_unknown_fields`): a misspelt
//! `wieght` must not silently become the default weight.
//!
//! The format is documented in `docs/lexicon-format.md`.

mod embedded;
mod validate;

use validate::{valid_id, Validator};

pub use embedded::{embedded_set, EmbeddedSet, EMBEDDED, EMBEDDED_SETS};

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use crate::normalize::normalize_str;
use crate::voice::DEFAULT_ATTRIBUTION;

/// The name of the set-level file in a lexicon folder.
pub const SET_FILE: &str = "set.toml";

/// One lexicon source file: where it came from and its text.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path as given (or `lexicons/NAME` for an embedded set's files).
    pub path: Arc<str>,
    /// The whole file.
    pub text: Arc<str>,
}

impl Source {
    /// Line and column (both from 1, column in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        (line, col)
    }
}

/// A place in a lexicon file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file.
    pub path: Arc<str>,
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub col: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.path, self.line, self.col)
    }
}

/// One problem found in a lexicon set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where it is; `None` for problems of the set as a whole or of I/O.
    pub location: Option<Location>,
    /// Byte range in the file, for diagnostics that show the line.
    pub span: Option<Range<usize>>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.location {
            Some(loc) => write!(f, "{loc}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// Every problem that stopped a lexicon set from loading, in file order.
#[derive(Debug, Clone, thiserror::Error)]
pub struct LexiconError {
    /// The problems; never empty.
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl LexiconError {
    fn single(message: String) -> Self {
        LexiconError {
            diagnostics: vec![Diagnostic {
                location: None,
                span: None,
                message,
            }],
        }
    }
}

/// A term or exclusion phrase as written, with where it was written.
#[derive(Debug, Clone)]
pub struct Term {
    /// The term exactly as in the file (trailing `*` included).
    pub text: String,
    /// Index into [`LexiconSet::sources`].
    pub source: usize,
    /// Byte range of the TOML string in that source.
    pub span: Range<usize>,
}

impl Term {
    /// True when the term ends in the wildcard `*`.
    pub fn is_wildcard(&self) -> bool {
        self.text.trim_end().ends_with('*')
    }
}

/// A group of terms that share one weight.
#[derive(Debug, Clone)]
pub struct Group {
    /// Short name, shown in explanations.
    pub name: String,
    /// Why these terms (free text).
    pub description: String,
    /// Weight of each hit of a term of the group. By default, 1.0.
    pub weight: f64,
    /// The terms, in file order.
    pub terms: Vec<Term>,
}

/// When a frame counts as present in a unit: all thresholds must be met.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Presence {
    /// Sum of weights of non-negated hits (plus weighted negated hits). By default, 1.0.
    pub min_score: f64,
    /// Non-negated hits. By default, 1.
    pub min_hits: u32,
    /// Distinct terms among the non-negated hits. By default, 1.
    pub min_terms: u32,
    /// Score per 1,000 words. By default, 0.0.
    pub min_density: f64,
}

impl Default for Presence {
    fn default() -> Self {
        Presence {
            min_score: 1.0,
            min_hits: 1,
            min_terms: 1,
            min_density: 0.0,
        }
    }
}

/// Terminal colours a frame can be shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Color {
    /// Red.
    Red,
    /// Green.
    Green,
    /// Yellow.
    Yellow,
    /// Blue.
    Blue,
    /// Magenta.
    Magenta,
    /// Cyan.
    Cyan,
}

impl Color {
    const NAMES: [(&'static str, Color); 6] = [
        ("red", Color::Red),
        ("green", Color::Green),
        ("yellow", Color::Yellow),
        ("blue", Color::Blue),
        ("magenta", Color::Magenta),
        ("cyan", Color::Cyan),
    ];

    fn parse(s: &str) -> Option<Color> {
        Self::NAMES.iter().find(|(n, _)| *n == s).map(|(_, c)| *c)
    }
}

/// One frame: its identity, thresholds, weighted term groups and exclusions.
#[derive(Debug, Clone)]
pub struct Frame {
    /// Identifier used in output and gold labels (`[a-z][a-z0-9_]*`).
    pub id: String,
    /// Human-readable name.
    pub name: String,
    /// What the frame captures.
    pub description: String,
    /// Colour in terminal output. By default, assigned by position in the set.
    pub color: Option<Color>,
    /// Presence thresholds.
    pub presence: Presence,
    /// Weighted term groups.
    pub groups: Vec<Group>,
    /// Phrases that cancel what they cover when they win the overlap.
    pub exclude: Vec<Term>,
    /// Index into [`LexiconSet::sources`] of the frame's file.
    pub source: usize,
    /// Byte range of the `id` value in that file.
    pub id_span: Range<usize>,
    /// Proximity rules.
    pub rules: Vec<Rule>,
    /// The name of the set's scope the frame is restricted to (`scope = "ai"`), if any:
    /// its hits count only where the scope's terms occur (see [`Scope`]).
    pub scope: Option<String>,
    /// Byte range of the `scope` value in the frame's file.
    pub scope_span: Option<Range<usize>>,
}

/// Where a scope's terms must occur for a hit of a scoped frame to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeWindow {
    /// Anywhere in the unit being scored (the document, or the paragraph or sentence
    /// with `--unit`). The default.
    Unit,
    /// Anywhere in the whole document, also when paragraphs or sentences are scored.
    Document,
    /// In the same paragraph as the hit.
    Paragraph,
    /// In the same sentence as the hit.
    Sentence,
    /// Within this many words before or after the hit.
    Words(u32),
}

impl fmt::Display for ScopeWindow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScopeWindow::Unit => f.write_str("unit"),
            ScopeWindow::Document => f.write_str("document"),
            ScopeWindow::Paragraph => f.write_str("paragraph"),
            ScopeWindow::Sentence => f.write_str("sentence"),
            ScopeWindow::Words(n) => write!(f, "{n} words"),
        }
    }
}

/// A topic scope (`[scope.NAME]` in `set.toml`): what frames that name it are about. A
/// hit of a scoped frame counts only when at least `min_hits` of the scope's terms occur
/// within its `window`; otherwise it is held back as *out of scope*. Scope terms are
/// markers, like rule terms: they take no part in the overlap resolution and count for
/// nothing themselves.
#[derive(Debug, Clone)]
pub struct Scope {
    /// The scope's name, as frames name it (`[a-z][a-z0-9_]*`).
    pub name: String,
    /// What the scope covers (free text).
    pub description: String,
    /// The topic terms (term syntax, wildcards included).
    pub terms: Vec<Term>,
    /// Phrases in which a scope term means something else ("chocolate chip"): a scope
    /// term inside one of them does not count.
    pub exclude: Vec<Term>,
    /// Scope-term hits needed within the window. By default, 1.
    pub min_hits: u32,
    /// Where the scope terms must occur. By default, [`ScopeWindow::Unit`].
    pub window: ScopeWindow,
    /// A document with at least this many of the scope's terms is about the topic as a
    /// whole: every hit in it is in scope, whatever the window says. By default, none.
    pub document_min_hits: Option<u32>,
    /// Index into [`LexiconSet::sources`] of `set.toml`.
    pub source: usize,
    /// Byte range of the scope's table name in `set.toml`.
    pub name_span: Range<usize>,
}

/// A proximity rule: terms of two or more groups within a window of words, optionally in
/// order, optionally in one sentence, optionally with a group that must be absent. A rule
/// hit counts toward its frame like a term hit of the rule's weight.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Name, shown in output (`"rules": {"name": 1}`) and explanations.
    pub name: String,
    /// What the rule captures.
    pub description: String,
    /// Weight of one hit. By default, 1.0.
    pub weight: f64,
    /// Every group must have a term within this many words of the others. By default, 10.
    pub window: u32,
    /// The groups' terms must occur in the order the groups are listed. By default, false.
    pub ordered: bool,
    /// All terms must be in one sentence. By default, false.
    pub same_sentence: bool,
    /// The term groups (two or more).
    pub all: Vec<Vec<Term>>,
    /// Terms that must not occur between the rule's terms or in the `window` words before
    /// the first of them. By default, none.
    pub none: Vec<Term>,
    /// Byte range of the rule's name in its file.
    pub name_span: Range<usize>,
}

/// Negation settings shared by the set.
#[derive(Debug, Clone)]
pub struct Negation {
    /// Negator words, as written. `n't` matches the clitic ending of "don't", "isn't".
    pub negators: Vec<String>,
    /// How many words before a hit are searched for a negator. By default, 3.
    pub window: u32,
    /// Multiplier applied to the weight of a negated hit. By default, 0.0.
    pub weight: f64,
}

impl Default for Negation {
    fn default() -> Self {
        Negation {
            negators: DEFAULT_NEGATORS.iter().map(|s| s.to_string()).collect(),
            window: 3,
            weight: 0.0,
        }
    }
}

/// Negators used when a set has no `set.toml`, or its `[negation]` table has no
/// `negators` key. An empty list (`negators = []`) turns negation off.
pub const DEFAULT_NEGATORS: &[&str] = &[
    "not", "no", "never", "without", "n't", "cannot", "neither", "nor", "none", "nobody",
    "nothing", "hardly", "barely",
];

/// A validated lexicon set, ready to compile.
#[derive(Debug, Clone)]
pub struct LexiconSet {
    /// Name of the set (from `set.toml`). By default, "custom".
    pub name: String,
    /// Description of the set.
    pub description: String,
    /// Frames in set order (`frames` in `set.toml`, then file order).
    pub frames: Vec<Frame>,
    /// Negation settings.
    pub negation: Negation,
    /// Attribution phrases that introduce reported speech ("said", "according to"), for
    /// voice attribution. By default, [`crate::voice::DEFAULT_ATTRIBUTION`].
    pub attribution: Vec<String>,
    /// Topic scopes that frames can be restricted to, in name order.
    pub scopes: Vec<Scope>,
    /// The files the set was read from.
    pub sources: Vec<Source>,
}

// ---- TOML model -------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrameFile {
    id: Spanned<String>,
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    color: Option<Spanned<String>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default)]
    presence: Presence,
    #[serde(default, rename = "group")]
    groups: Vec<GroupFile>,
    #[serde(default, rename = "rule")]
    rules: Vec<RuleFile>,
    #[serde(default)]
    scope: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    name: Spanned<String>,
    #[serde(default)]
    description: String,
    #[serde(default = "one")]
    weight: Spanned<f64>,
    #[serde(default = "ten")]
    window: u32,
    #[serde(default)]
    ordered: bool,
    #[serde(default)]
    same_sentence: bool,
    all: Spanned<Vec<Vec<Spanned<String>>>>,
    #[serde(default)]
    none: Vec<Spanned<String>>,
}

fn ten() -> u32 {
    10
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VoiceFile {
    #[serde(default)]
    attribution: Option<Vec<Spanned<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupFile {
    name: Spanned<String>,
    #[serde(default)]
    description: String,
    #[serde(default = "one")]
    weight: Spanned<f64>,
    terms: Vec<Spanned<String>>,
}

fn one() -> Spanned<f64> {
    Spanned::new(0..0, 1.0)
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct SetFile {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    description: String,
    #[serde(default)]
    frames: Vec<Spanned<String>>,
    #[serde(default)]
    negation: Option<NegationFile>,
    #[serde(default)]
    voice: Option<VoiceFile>,
    #[serde(default)]
    scope: std::collections::BTreeMap<Spanned<String>, ScopeFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScopeFile {
    #[serde(default)]
    description: String,
    terms: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default)]
    min_hits: Option<Spanned<u32>>,
    #[serde(default)]
    window: Option<Spanned<toml::Value>>,
    #[serde(default)]
    document_min_hits: Option<Spanned<u32>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NegationFile {
    #[serde(default)]
    negators: Option<Vec<Spanned<String>>>,
    #[serde(default = "three")]
    window: u32,
    #[serde(default = "zero")]
    weight: Spanned<f64>,
}

fn zero() -> Spanned<f64> {
    Spanned::new(0..0, 0.0)
}

fn three() -> u32 {
    3
}

// ---- loading ------------------------------------------------------------------------

/// Reads the files of a lexicon set as [`LexiconSet::load`] does (a folder gives its
/// `*.toml` files, not recursively, in name order), without validating them, so that
/// every problem can be shown with its line.
///
/// A path that does not exist but names an embedded set (`default`, `policy-frames`)
/// gives that set's files: a set can be named wherever a lexicon path is accepted, and a
/// real file or folder of the same name still wins (`./policy-frames` to be explicit).
pub fn read_sources<P: AsRef<Path>>(paths: &[P]) -> Result<Vec<Source>, LexiconError> {
    let fail = LexiconError::single;
    let mut files: Vec<PathBuf> = Vec::new();
    let mut embedded: Vec<Source> = Vec::new();
    for p in paths {
        let p = p.as_ref();
        // Only a path that is certainly not there is read as a name: one that cannot be
        // looked at (permissions) gets its own error below.
        let absent =
            std::fs::symlink_metadata(p).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound);
        if let Some(set) = absent.then(|| p.to_str().and_then(embedded_set)).flatten() {
            embedded.extend(set.sources());
        } else if absent {
            let names: Vec<&str> = EMBEDDED_SETS.iter().map(|s| s.name).collect();
            return Err(fail(format!(
                "{}: no such lexicon file or folder (embedded sets, by name: {})",
                p.display(),
                names.join(", ")
            )));
        } else if p.is_dir() {
            let entries = std::fs::read_dir(p).map_err(|e| {
                fail(format!(
                    "{}: cannot read folder: {}",
                    p.display(),
                    crate::input::io_reason(&e)
                ))
            })?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.extension().is_some_and(|x| x == "toml") && f.is_file())
                .collect();
            if found.is_empty() {
                return Err(fail(format!(
                    "{}: no .toml lexicon files in this folder",
                    p.display()
                )));
            }
            found.sort();
            files.extend(found);
        } else {
            files.push(p.to_path_buf());
        }
    }
    let mut sources = embedded;
    for f in files {
        let text = std::fs::read_to_string(&f).map_err(|e| {
            fail(format!(
                "{}: cannot read lexicon: {}",
                f.display(),
                crate::input::io_reason(&e)
            ))
        })?;
        sources.push(Source {
            path: f.display().to_string().into(),
            text: text.into(),
        });
    }
    Ok(sources)
}

impl LexiconSet {
    /// The default set embedded in the binary (`lexicons/` at build time).
    pub fn embedded() -> LexiconSet {
        Self::embedded_named("default").expect("the default set is embedded")
    }

    /// The embedded set called `name` (see [`EMBEDDED_SETS`]), if there is one.
    pub fn embedded_named(name: &str) -> Option<LexiconSet> {
        let set = embedded_set(name)?;
        Some(Self::from_sources(set.sources()).expect("the embedded lexicons are valid (tested)"))
    }

    /// Loads a set from folders and files. A folder contributes every `*.toml` in it
    /// (not recursively), in file-name order; a file named `set.toml` holds the set-level
    /// settings, every other file is one frame.
    pub fn load<P: AsRef<Path>>(paths: &[P]) -> Result<LexiconSet, LexiconError> {
        Self::from_sources(read_sources(paths)?)
    }

    /// Parses and validates a set from its files' texts.
    pub fn from_sources(sources: Vec<Source>) -> Result<LexiconSet, LexiconError> {
        let mut v = Validator {
            sources: &sources,
            diagnostics: Vec::new(),
        };
        let mut frames: Vec<Frame> = Vec::new();
        let mut set_file: Option<(usize, SetFile)> = None;
        // A set.toml that does not parse defines no scope we can know of: frames naming
        // one are not told it is unknown.
        let mut set_file_failed = false;
        for (idx, src) in sources.iter().enumerate() {
            let is_set = Path::new(&*src.path)
                .file_name()
                .is_some_and(|n| n == SET_FILE);
            if is_set {
                if set_file.is_some() {
                    v.error(idx, None, format!("a second {SET_FILE} in the same set"));
                    continue;
                }
                match toml::from_str::<SetFile>(&src.text) {
                    Ok(s) => set_file = Some((idx, s)),
                    Err(e) => {
                        set_file_failed = true;
                        v.toml_error(idx, &e);
                    }
                }
            } else {
                match toml::from_str::<FrameFile>(&src.text) {
                    Ok(f) => {
                        if let Some(frame) = v.frame(idx, f) {
                            frames.push(frame);
                        }
                    }
                    Err(e) => v.toml_error(idx, &e),
                }
            }
        }

        // Duplicate frame ids.
        for i in 0..frames.len() {
            if let Some(j) = (0..i).find(|&j| frames[j].id == frames[i].id) {
                let first = v.location(frames[j].source, frames[j].id_span.start);
                v.error(
                    frames[i].source,
                    Some(frames[i].id_span.clone()),
                    format!(
                        "duplicate frame id \"{}\" (first defined at {first})",
                        frames[i].id
                    ),
                );
            }
        }

        let mut set = LexiconSet {
            name: "custom".into(),
            description: String::new(),
            frames: Vec::new(),
            negation: Negation::default(),
            attribution: DEFAULT_ATTRIBUTION.iter().map(|s| s.to_string()).collect(),
            scopes: Vec::new(),
            sources: Vec::new(),
        };
        // Scopes that set.toml defines but that failed validation: their error is
        // reported there, and frames naming them get no second, misleading one.
        let mut invalid_scopes: Vec<String> = Vec::new();
        if let Some((idx, s)) = set_file {
            if let Some(name) = s.name {
                set.name = name;
            }
            set.description = s.description;
            for (name, scope) in s.scope {
                let written = name.get_ref().clone();
                match v.scope(idx, name, scope) {
                    Some(scope) => set.scopes.push(scope),
                    None => invalid_scopes.push(written),
                }
            }
            if let Some(list) = s.voice.and_then(|v| v.attribution) {
                let mut phrases = Vec::new();
                for a in list {
                    if normalize_str(a.get_ref()).is_empty() {
                        v.error(idx, Some(a.span()), "empty attribution phrase".into());
                    } else {
                        phrases.push(a.into_inner());
                    }
                }
                set.attribution = phrases;
            }
            if let Some(n) = s.negation {
                if let Some(list) = n.negators {
                    let mut negators = Vec::new();
                    for neg in list {
                        let norm = normalize_str(neg.get_ref());
                        if norm.is_empty() {
                            v.error(idx, Some(neg.span()), "empty negator".into());
                        } else if norm.contains(' ') {
                            v.error(
                                idx,
                                Some(neg.span()),
                                format!("negator \"{}\" must be a single word", neg.get_ref()),
                            );
                        } else {
                            negators.push(neg.into_inner());
                        }
                    }
                    set.negation.negators = negators;
                }
                set.negation.window = n.window;
                if !n.weight.get_ref().is_finite() {
                    v.error(
                        idx,
                        Some(n.weight.span()),
                        "weight must be a finite number".into(),
                    );
                }
                set.negation.weight = *n.weight.get_ref();
            }
            // Explicit frame order. A frame missing because its own file had errors is not
            // reported again here.
            let frames_failed = !v.diagnostics.is_empty();
            let mut ordered: Vec<Frame> = Vec::new();
            for id in &s.frames {
                if ordered.iter().any(|f| &f.id == id.get_ref()) {
                    v.error(
                        idx,
                        Some(id.span()),
                        format!("frame \"{}\" is listed twice", id.get_ref()),
                    );
                    continue;
                }
                match frames.iter().position(|f| &f.id == id.get_ref()) {
                    Some(p) => ordered.push(frames.remove(p)),
                    None if frames_failed => {}
                    None => v.error(
                        idx,
                        Some(id.span()),
                        format!(
                            "frame \"{}\" is listed here but no file defines it",
                            id.get_ref()
                        ),
                    ),
                }
            }
            ordered.append(&mut frames);
            frames = ordered;
        }
        // Every scope a frame names must be defined in set.toml.
        for f in frames.iter().filter(|_| !set_file_failed) {
            let (Some(name), Some(span)) = (&f.scope, &f.scope_span) else {
                continue;
            };
            if set.scopes.iter().any(|s| &s.name == name) || invalid_scopes.contains(name) {
                continue;
            }
            let defined: Vec<&str> = set.scopes.iter().map(|s| s.name.as_str()).collect();
            let message = if !valid_id(name) {
                format!(
                    "unknown scope \"{name}\": scope names are lower-case ASCII letters, digits and _, starting with a letter"
                )
            } else if defined.is_empty() {
                format!("unknown scope \"{name}\": define it in set.toml as [scope.{name}]")
            } else {
                format!(
                    "unknown scope \"{name}\" (set.toml defines: {})",
                    defined.join(", ")
                )
            };
            v.error(f.source, Some(span.clone()), message);
        }
        if frames.is_empty() && v.diagnostics.is_empty() {
            v.diagnostics.push(Diagnostic {
                location: None,
                span: None,
                message: "the lexicon set has no frame".into(),
            });
        }
        if !v.diagnostics.is_empty() {
            return Err(LexiconError {
                diagnostics: v.diagnostics,
            });
        }
        set.frames = frames;
        set.sources = sources;
        Ok(set)
    }

    /// The location of a term, for messages.
    pub fn location(&self, term: &Term) -> Location {
        let src = &self.sources[term.source];
        let (line, col) = src.line_col(term.span.start);
        Location {
            path: src.path.clone(),
            line,
            col,
        }
    }

    /// Position of a frame by id.
    pub fn frame_index(&self, id: &str) -> Option<usize> {
        self.frames.iter().position(|f| f.id == id)
    }

    /// The scope a frame is restricted to, if any.
    pub fn scope_of(&self, frame: &Frame) -> Option<&Scope> {
        let name = frame.scope.as_deref()?;
        self.scopes.iter().find(|s| s.name == name)
    }
}

#[cfg(test)]
mod tests;
