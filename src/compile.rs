//! Compiling a lexicon set into one automaton and a term table.
//!
//! All frames of a set share a single Aho-Corasick automaton, so a document is scanned
//! once however many frames there are. Patterns are the *normalised* stems of terms and
//! exclusion phrases (see [`crate::normalize`]); identical stems are one pattern, whose
//! entry lists every term that uses it — that is how "a term listed in two frames counts
//! once in each" falls out. The automaton reports overlapping matches; the scorer picks
//! the leftmost-longest among those that satisfy word boundaries (see [`crate::score`]).
//!
//! The automaton is kept as the aho-corasick crate's own DFA (or, for sets too large for
//! one, its contiguous NFA) rather than behind the crate's `AhoCorasick` wrapper, because
//! the scorer steps it one byte at a time while normalising (see `Matcher`). The DFA is
//! also copied into framelex's own flat table (`src/flat.rs`), which is what the
//! scorer steps: its byte classes ride in the normaliser's lookup table.

use aho_corasick::{dfa, nfa, MatchKind};

use crate::flat::FlatDfa;
use crate::lexicon::{Color, LexiconSet, Presence, ScopeWindow};
use crate::normalize::{char_class, normalize_str, CharClass, WORD_START};

/// One entry of the term table.
#[derive(Debug, Clone)]
pub struct TermEntry {
    /// Index of the frame in [`Compiled::frames`].
    pub frame: usize,
    /// Index of the group in the frame (unused for exclusions).
    pub group: usize,
    /// The term as written in the lexicon (with its `*`).
    pub text: String,
    /// Weight of one hit.
    pub weight: f64,
    /// True for trailing-wildcard terms.
    pub wildcard: bool,
    /// True for exclusion phrases: they win overlaps but count for nothing.
    pub exclusion: bool,
}

/// What one automaton pattern stands for.
#[derive(Debug, Clone, Default)]
pub(crate) struct Pattern {
    /// Terms that match the stem exactly.
    pub exact: Vec<u32>,
    /// Terms that match the stem followed by zero or more word characters.
    pub wild: Vec<u32>,
    /// Rule groups the stem is a term of, as `(rule, group)`; group [`NONE_GROUP`] is the
    /// rule's absence group. Exact and wildcard uses apart.
    pub marks_exact: Vec<(u32, u16)>,
    pub marks_wild: Vec<(u32, u16)>,
    /// Scope terms the stem is (indices into [`Compiled::scope_terms`]), exact and
    /// wildcard uses apart.
    pub scope_exact: Vec<u32>,
    pub scope_wild: Vec<u32>,
    /// Length of the stem in bytes (a match ending at `e` starts at `e - len`).
    pub len: usize,
    /// Class of the first and last character, for the boundary checks.
    pub first: Option<CharClass>,
    pub last: Option<CharClass>,
}

/// The largest flat table built, in bytes (the default set's, 8,260 states of 36 byte
/// classes, takes 1.2 MB).
const FLAT_LIMIT: usize = 64 << 20;

/// The group number of a rule's absence (`none`) terms in [`Pattern`] marks.
pub(crate) const NONE_GROUP: u16 = u16::MAX;

/// A compiled proximity rule.
#[derive(Debug, Clone)]
pub struct RuleInfo {
    /// Index of the frame in [`Compiled::frames`].
    pub frame: usize,
    /// Rule name.
    pub name: String,
    /// Weight of one hit.
    pub weight: f64,
    /// Window in words.
    pub window: u32,
    /// Groups must occur in order.
    pub ordered: bool,
    /// All terms in one sentence.
    pub same_sentence: bool,
    /// Number of term groups.
    pub groups: usize,
}

/// A compiled topic scope (see [`crate::lexicon::Scope`]).
#[derive(Debug, Clone)]
pub struct ScopeInfo {
    /// The scope's name.
    pub name: String,
    /// Scope-term hits needed within the window.
    pub min_hits: u32,
    /// Where they must occur.
    pub window: ScopeWindow,
    /// A document with this many of them is in scope as a whole.
    pub document_min_hits: Option<u32>,
}

/// One term (or exclusion phrase) of a scope.
#[derive(Debug, Clone)]
pub struct ScopeTerm {
    /// Index of the scope in [`Compiled::scopes`].
    pub scope: usize,
    /// The term as written.
    pub text: String,
    /// An exclusion phrase: scope terms inside it do not count.
    pub exclusion: bool,
}

/// Per-frame data the scorer needs.
#[derive(Debug, Clone)]
pub struct FrameInfo {
    /// Frame id.
    pub id: String,
    /// Human-readable name.
    pub name: String,
    /// Presence thresholds.
    pub presence: Presence,
    /// Colour for terminal output.
    pub color: Color,
    /// Group names, indexed by [`TermEntry::group`].
    pub groups: Vec<String>,
    /// Index in [`Compiled::scopes`] of the scope the frame is restricted to.
    pub scope: Option<usize>,
}

/// The automaton over all stems, in the kind that was built.
///
/// A DFA takes one table lookup per byte and is about three times as fast as the NFAs
/// on lexicons of hundreds of stems (`docs/performance.md`); very large sets can exceed
/// its size limits, and then the contiguous NFA, which has no limit a lexicon reaches,
/// takes over. Both are built without a prefilter: with stems starting on almost every
/// letter it skips nothing, and without one the start state is not a special state, so
/// the byte-at-a-time loop only stops at matches.
#[derive(Debug, Clone)]
pub(crate) enum Matcher {
    Dfa(dfa::DFA),
    Nfa(nfa::contiguous::NFA),
}

impl Matcher {
    fn build(stems: &[Vec<u8>]) -> Result<Matcher, aho_corasick::BuildError> {
        let dfa = dfa::Builder::new()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(stems);
        match dfa {
            Ok(d) => Ok(Matcher::Dfa(d)),
            Err(_) => Matcher::nfa(stems),
        }
    }

    /// The contiguous NFA over `stems`: the fallback (and what its test builds).
    pub(crate) fn nfa(stems: &[Vec<u8>]) -> Result<Matcher, aho_corasick::BuildError> {
        let nfa = nfa::contiguous::Builder::new()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(stems)?;
        Ok(Matcher::Nfa(nfa))
    }

    /// Which kind was built: `"dfa"` or `"contiguous-nfa"`.
    fn kind(&self) -> &'static str {
        match self {
            Matcher::Dfa(_) => "dfa",
            Matcher::Nfa(_) => "contiguous-nfa",
        }
    }
}

/// A compiled lexicon set: the automaton, the term table and the settings for scoring.
#[derive(Debug, Clone)]
pub struct Compiled {
    pub(crate) matcher: Matcher,
    /// The DFA as framelex's own flat table, which the scorer steps (see
    /// [`crate::flat`]); `None` when the matcher is the NFA.
    pub(crate) flat: Option<FlatDfa>,
    pub(crate) patterns: Vec<Pattern>,
    /// The normalised stems, by pattern id.
    stems: Vec<String>,
    /// The term table; hits refer to it by index.
    pub terms: Vec<TermEntry>,
    /// The proximity rules of all frames; rule hits refer to them by index.
    pub rules: Vec<RuleInfo>,
    /// The topic scopes of the set, in set order.
    pub scopes: Vec<ScopeInfo>,
    /// The terms and exclusions of all scopes; scope hits refer to them by index.
    pub scope_terms: Vec<ScopeTerm>,
    /// Attribution phrases for voice (reported speech).
    pub attribution: Vec<String>,
    /// The frames, in set order.
    pub frames: Vec<FrameInfo>,
    /// Normalised negator words.
    pub(crate) negators: Vec<String>,
    /// Words before a hit searched for a negator.
    pub negation_window: u32,
    /// Weight multiplier for negated hits.
    pub negated_weight: f64,
    /// The set this was compiled from.
    pub set: LexiconSet,
    /// The crate's automaton over the plain stems, for the benchmarks' floor
    /// ([`crate::score::bare_scan_count`]); built when first asked for.
    bare: std::sync::OnceLock<Matcher>,
}

/// The pattern id of a term's normalised stem, adding the stem to the automaton's patterns
/// the first time it is seen.
fn intern(
    index: &mut std::collections::HashMap<String, usize>,
    stems: &mut Vec<String>,
    patterns: &mut Vec<Pattern>,
    term: &crate::lexicon::Term,
) -> usize {
    let body = term.text.trim();
    let stem = normalize_str(body.strip_suffix('*').unwrap_or(body));
    if let Some(&pid) = index.get(&stem) {
        return pid;
    }
    patterns.push(Pattern {
        len: stem.len(),
        first: stem.chars().next().map(char_class),
        last: stem.chars().next_back().map(char_class),
        ..Pattern::default()
    });
    stems.push(stem.clone());
    index.insert(stem, patterns.len() - 1);
    patterns.len() - 1
}

/// A stem as the automaton holds it: [`WORD_START`] before each character of a spaced
/// script that starts a word (the first, and any after a space or punctuation), as the
/// normaliser steps it where the text starts a word. A match can then only begin where a
/// word begins, which the word-boundary rule asks anyway, and inside words that begin no
/// pattern the automaton stays at its start state: its hot rows are few, whatever the
/// words of the lexicon. Where a stem begins with a character that needs no boundary
/// (punctuation, a script written without spaces), nothing is added, and it matches
/// anywhere, as before.
pub(crate) fn marked(stem: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(stem.len() + 4);
    let mut after_word = false;
    for ch in stem.chars() {
        let word = char_class(ch) == CharClass::Word;
        if word && !after_word {
            out.push(WORD_START);
        }
        after_word = word;
        out.extend_from_slice(ch.encode_utf8(&mut [0; 4]).as_bytes());
    }
    out
}

/// Colours given to frames that set none, by position.
const PALETTE: [Color; 6] = [
    Color::Red,
    Color::Blue,
    Color::Yellow,
    Color::Magenta,
    Color::Cyan,
    Color::Green,
];

/// Error building the automaton (e.g. it would exceed the automaton's size limits).
#[derive(Debug, thiserror::Error)]
#[error("cannot build the automaton: {0}")]
pub struct CompileError(#[from] aho_corasick::BuildError);

impl Compiled {
    /// Compiles a validated set. Within one frame a stem listed twice keeps its first
    /// listing (`framelex check` warns about the duplicate).
    pub fn new(set: LexiconSet) -> Result<Compiled, CompileError> {
        let mut stems: Vec<String> = Vec::new();
        let mut index: std::collections::HashMap<String, usize> = Default::default();
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut terms: Vec<TermEntry> = Vec::new();
        let mut rules: Vec<RuleInfo> = Vec::new();
        let mut frames = Vec::new();
        for (fi, frame) in set.frames.iter().enumerate() {
            frames.push(FrameInfo {
                id: frame.id.clone(),
                name: frame.name.clone(),
                presence: frame.presence,
                color: frame.color.unwrap_or(PALETTE[fi % PALETTE.len()]),
                groups: frame.groups.iter().map(|g| g.name.clone()).collect(),
                scope: frame
                    .scope
                    .as_deref()
                    .and_then(|n| set.scopes.iter().position(|s| s.name == n)),
            });
            let listed = frame
                .groups
                .iter()
                .enumerate()
                .flat_map(|(gi, g)| g.terms.iter().map(move |t| (Some((gi, g.weight)), t)))
                .chain(frame.exclude.iter().map(|t| (None, t)));
            for (group, term) in listed {
                let wildcard = term.is_wildcard();
                let body = term.text.trim();
                let pid = intern(&mut index, &mut stems, &mut patterns, term);
                let pat = &mut patterns[pid];
                let list = if wildcard { &pat.wild } else { &pat.exact };
                if list.iter().any(|&t| terms[t as usize].frame == fi) {
                    continue; // duplicate within the frame: first listing wins
                }
                let id = terms.len() as u32;
                terms.push(TermEntry {
                    frame: fi,
                    group: group.map_or(0, |g| g.0),
                    text: body.to_string(),
                    weight: group.map_or(0.0, |g| g.1),
                    wildcard,
                    exclusion: group.is_none(),
                });
                if wildcard {
                    pat.wild.push(id);
                } else {
                    pat.exact.push(id);
                }
            }
        }
        // Rule terms join the same automaton, as marks on their stems: one pass finds
        // terms and rule terms alike.
        for (fi, frame) in set.frames.iter().enumerate() {
            for rule in &frame.rules {
                let ri = rules.len() as u32;
                rules.push(RuleInfo {
                    frame: fi,
                    name: rule.name.clone(),
                    weight: rule.weight,
                    window: rule.window,
                    ordered: rule.ordered,
                    same_sentence: rule.same_sentence,
                    groups: rule.all.len(),
                });
                let listed = rule
                    .all
                    .iter()
                    .enumerate()
                    .flat_map(|(gi, g)| g.iter().map(move |t| (gi as u16, t)))
                    .chain(rule.none.iter().map(|t| (NONE_GROUP, t)));
                for (group, term) in listed {
                    let wildcard = term.is_wildcard();
                    let pid = intern(&mut index, &mut stems, &mut patterns, term);
                    let pat = &mut patterns[pid];
                    let marks = if wildcard {
                        &mut pat.marks_wild
                    } else {
                        &mut pat.marks_exact
                    };
                    if !marks.contains(&(ri, group)) {
                        marks.push((ri, group));
                    }
                }
            }
        }
        // Scope terms are marks too: topic words found in the same pass.
        let mut scopes = Vec::new();
        let mut scope_terms: Vec<ScopeTerm> = Vec::new();
        for (si, scope) in set.scopes.iter().enumerate() {
            scopes.push(ScopeInfo {
                name: scope.name.clone(),
                min_hits: scope.min_hits,
                window: scope.window,
                document_min_hits: scope.document_min_hits,
            });
            let listed = scope
                .terms
                .iter()
                .map(|t| (false, t))
                .chain(scope.exclude.iter().map(|t| (true, t)));
            for (exclusion, term) in listed {
                let wildcard = term.is_wildcard();
                let pid = intern(&mut index, &mut stems, &mut patterns, term);
                let pat = &mut patterns[pid];
                let marks = if wildcard {
                    &mut pat.scope_wild
                } else {
                    &mut pat.scope_exact
                };
                // A stem listed twice in one scope keeps its first listing.
                if marks.iter().any(|&m| scope_terms[m as usize].scope == si) {
                    continue;
                }
                marks.push(scope_terms.len() as u32);
                scope_terms.push(ScopeTerm {
                    scope: si,
                    text: term.text.trim().to_string(),
                    exclusion,
                });
            }
        }
        let marked: Vec<Vec<u8>> = stems.iter().map(|s| marked(s)).collect();
        let matcher = Matcher::build(&marked)?;
        let flat = match &matcher {
            Matcher::Dfa(d) => FlatDfa::new(d, &marked, FLAT_LIMIT),
            Matcher::Nfa(_) => None,
        };
        let negators = set
            .negation
            .negators
            .iter()
            .map(|n| normalize_str(n))
            .collect();
        Ok(Compiled {
            matcher,
            flat,
            patterns,
            stems,
            terms,
            rules,
            scopes,
            scope_terms,
            attribution: set.attribution.clone(),
            frames,
            negators,
            negation_window: set.negation.window,
            negated_weight: set.negation.weight,
            set,
            bare: std::sync::OnceLock::new(),
        })
    }

    /// The default set embedded in the binary, compiled.
    pub fn embedded() -> Compiled {
        Compiled::new(LexiconSet::embedded()).expect("the embedded set compiles (tested)")
    }

    /// The automaton's patterns: the normalised stems of all terms and exclusions, by
    /// pattern id (for benchmarks that build other automata from the same patterns).
    pub fn stems(&self) -> &[String] {
        &self.stems
    }

    /// Number of distinct automaton patterns.
    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
    }

    /// Number of terms (not exclusions) of each frame, in frame order.
    pub fn term_counts(&self) -> Vec<usize> {
        let mut counts = vec![0; self.frames.len()];
        for t in self.terms.iter().filter(|t| !t.exclusion) {
            counts[t.frame] += 1;
        }
        counts
    }

    /// Position of a frame by id.
    pub fn frame_index(&self, id: &str) -> Option<usize> {
        self.frames.iter().position(|f| f.id == id)
    }

    /// The crate's automaton over the plain stems, without word-start marks.
    pub(crate) fn bare_matcher(&self) -> &Matcher {
        self.bare.get_or_init(|| {
            let plain: Vec<Vec<u8>> = self.stems.iter().map(|s| s.clone().into_bytes()).collect();
            Matcher::build(&plain).expect("the stems built an automaton once already")
        })
    }

    /// Whether any frame is restricted to a scope.
    pub fn has_scoped_frames(&self) -> bool {
        self.frames.iter().any(|f| f.scope.is_some())
    }

    /// Whether scoring a paragraph or sentence of a document needs the whole document's
    /// score too: some frame's scope looks beyond the unit (a window wider than the unit,
    /// or a count over the whole document).
    pub fn needs_document_context(&self) -> bool {
        self.frames.iter().filter_map(|f| f.scope).any(|s| {
            !matches!(self.scopes[s].window, ScopeWindow::Unit)
                || self.scopes[s].document_min_hits.is_some()
        })
    }

    /// The kind of automaton built: `"dfa"`, or `"contiguous-nfa"` for sets too large
    /// for a DFA.
    pub fn automaton_kind(&self) -> &'static str {
        self.matcher.kind()
    }
}
