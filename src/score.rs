//! Scoring one document: hits, negation, exclusions, and per-frame scores.
//!
//! This is where the matching contract (ARCHITECTURE.md) is implemented on top of the
//! compiled automaton. The automaton reports *every* occurrence of every stem (overlapping
//! search); the scorer keeps those that satisfy the word boundaries, extends wildcards,
//! and only then picks leftmost-longest. Filtering before choosing matters: with the terms
//! "national security" and "national security risk", the text "national security risks"
//! must hit the shorter term, which a leftmost-longest search followed by a boundary
//! filter would lose.
//!
//! Scoring is pure: the same text and compiled set always give the same [`DocScore`].
//! A [`Scorer`] only holds buffers that are reused from one document to the next.

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::Anchored;

use crate::compile::{Compiled, Matcher, NONE_GROUP};
use crate::flat::{FlatDfa, Stepper};
use crate::normalize::{char_class, CharClass, Entry, FoldTable, Normalizer, Tap};

/// How a hit counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HitKind {
    /// Counts toward the frame with its full weight.
    Counted,
    /// Preceded by a negator: counted apart, weighted by the set's negated weight.
    Negated,
    /// Covered by an exclusion phrase of the frame: counts for nothing.
    Excluded,
    /// A hit of a scoped frame with too few of the scope's terms in its window: held
    /// back, counts for nothing (see [`crate::lexicon::Scope`]).
    #[serde(rename = "out_of_scope")]
    OutOfScope,
}

/// One hit of one term of one frame.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Index of the frame in [`Compiled::frames`].
    pub frame: usize,
    /// Index of the term in [`Compiled::terms`].
    pub term: usize,
    /// Byte offset of the start of the hit in the original text.
    pub start: usize,
    /// Byte offset of the end of the hit in the original text: `&text[start..end]` is
    /// exactly what matched.
    pub end: usize,
    /// How it counts.
    pub kind: HitKind,
    /// Inside quotation marks or reported speech (set by [`Scorer::apply_voice`]; false
    /// until then).
    pub quoted: bool,
}

/// Which voice counts toward presence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum VoiceFilter {
    /// Every hit (the default).
    #[default]
    All,
    /// Only hits outside quotations and reported speech.
    Author,
    /// Only hits inside quotations or reported speech.
    Quoted,
}

/// Hits of a frame by voice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct VoiceCounts {
    /// Hits in the author's own voice.
    pub author: u32,
    /// Hits inside quotation marks or reported speech.
    pub quoted: u32,
}

/// Sets density, presence and the dominant frame from the counts.
pub(crate) fn finish(c: &Compiled, result: &mut DocScore) {
    for (fs, info) in result.frames.iter_mut().zip(&c.frames) {
        if fs.score == 0.0 {
            fs.score = 0.0; // no -0.0 in output
        }
        fs.density = if result.words == 0 {
            0.0
        } else {
            fs.score * 1000.0 / result.words as f64
        };
        let p = &info.presence;
        fs.present = fs.score >= p.min_score
            && fs.hits >= p.min_hits
            && fs.distinct_terms() >= p.min_terms as usize
            && fs.density >= p.min_density;
    }
    let mut best: Option<usize> = None;
    for (fi, fs) in result.frames.iter().enumerate() {
        if fs.present && best.is_none_or(|b| fs.score > result.frames[b].score) {
            best = Some(fi);
        }
    }
    result.dominant = best;
}

/// How often one term hit in one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermCount {
    /// Index of the term in [`Compiled::terms`].
    pub term: usize,
    /// Hits that counted.
    pub count: u32,
    /// Hits that were negated.
    pub negated: u32,
    /// Hits held back because the frame's scope was not met around them.
    pub out_of_scope: u32,
}

/// The result for one frame in one document.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FrameScore {
    /// Hits that counted (not negated, not excluded).
    pub hits: u32,
    /// Negated hits.
    pub negated: u32,
    /// Sum of weights of counted hits plus negated hits times the negated weight.
    pub score: f64,
    /// Score per 1,000 words; 0 for a document with no words.
    pub density: f64,
    /// Whether every presence threshold of the frame is met.
    pub present: bool,
    /// Terms that hit, most frequent first (ties in term-table order).
    pub terms: Vec<TermCount>,
    /// Hits by voice, when voice attribution ran ([`Scorer::apply_voice`]).
    pub voice: Option<VoiceCounts>,
    /// Units (paragraphs or sentences) of the document where the frame is present, when
    /// counted.
    pub units_present: Option<u32>,
    /// Rules that hit, in rule order. Rule hits are included in `hits`, `negated` and
    /// `score` like term hits.
    pub rules: Vec<RuleCount>,
    /// Term hits held back because the frame's scope was not met around them; not in
    /// `hits`, `negated` or `score`. Always 0 for a frame without a scope. (A rule hit of a
    /// scoped frame out of scope is no hit at all: a combination found outside the topic
    /// is not reported, and where the unit cannot meet the scope rules are not looked
    /// for.)
    pub out_of_scope: u32,
}

impl FrameScore {
    /// Distinct terms and rules with at least one counted hit.
    pub fn distinct_terms(&self) -> usize {
        self.terms.iter().filter(|t| t.count > 0).count()
            + self.rules.iter().filter(|r| r.count > 0).count()
    }
}

/// The result for one document.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DocScore {
    /// Words in the document (see [`Normalizer::words`]).
    pub words: usize,
    /// One score per frame, in set order.
    pub frames: Vec<FrameScore>,
    /// Every hit, in text order (one per frame when a span hits terms of several frames).
    pub hits: Vec<Hit>,
    /// The present frame with the highest score (the first in set order on a tie).
    pub dominant: Option<usize>,
    /// Every hit of a proximity rule, in text order.
    pub rule_hits: Vec<RuleHit>,
    /// Per scope of the set, in set order: the scope's terms found in the text (inside a
    /// scope exclusion or a frame's exclusion they do not count). Empty for a set without
    /// scopes.
    pub scopes: Vec<ScopeCount>,
}

/// The terms of one scope found in a text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ScopeCount {
    /// Scope-term hits.
    pub hits: u32,
    /// Per scope term (index into [`Compiled::scope_terms`]), its hits, in order of
    /// first occurrence.
    pub terms: Vec<(usize, u32)>,
}

/// One hit of a proximity rule: its terms, found within the rule's window.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleHit {
    /// Index of the rule in [`Compiled::rules`].
    pub rule: usize,
    /// Index of its frame.
    pub frame: usize,
    /// Start of the first of its terms in the original text.
    pub start: usize,
    /// End of the last of its terms in the original text.
    pub end: usize,
    /// Preceded by a negator (like a term hit).
    pub negated: bool,
    /// Inside quotation marks or reported speech (set by [`Scorer::apply_voice`]).
    pub quoted: bool,
}

/// How often one rule hit in one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleCount {
    /// Index of the rule in [`Compiled::rules`].
    pub rule: usize,
    /// Hits that counted.
    pub count: u32,
    /// Hits that were negated.
    pub negated: u32,
}

/// Where a rule's term occurs (normalised offsets). Markers do not take part in the
/// overlap selection: a rule term inside a longer term still counts for the rule.
#[derive(Clone, Copy, Debug)]
struct Marker {
    start: usize,
    end: usize,
    rule: u32,
    group: u16,
}

/// Where a scope's term (or scope exclusion) occurs (normalised offsets).
#[derive(Clone, Copy, Debug)]
struct ScopeMarker {
    start: usize,
    end: usize,
    term: u32,
}

#[derive(Clone, Copy, Debug)]
struct Candidate {
    start: usize,
    end: usize,
    pattern: usize,
    wild: bool,
}

/// One match of a stem, as the automaton reports it: where it ends in the normalised
/// text and which pattern it is.
#[derive(Clone, Copy, Debug)]
struct RawMatch {
    end: u32,
    pattern: u32,
}

/// The automaton, stepped by the normaliser one output byte at a time: it sees exactly
/// the bytes the normalised text holds, in order, so its matches are those of a search
/// over that text, found without a second pass over it.
struct Scan<'a, A> {
    automaton: &'a A,
    state: StateID,
    matches: &'a mut Vec<RawMatch>,
}

impl<'a, A: Automaton> Scan<'a, A> {
    fn new(automaton: &'a A, matches: &'a mut Vec<RawMatch>) -> Self {
        let state = automaton
            .start_state(Anchored::No)
            .expect("automata are built for unanchored search");
        Scan {
            automaton,
            state,
            matches,
        }
    }
}

impl<A: Automaton> Tap for Scan<'_, A> {
    type State = StateID;
    #[inline(always)]
    fn state(&self) -> StateID {
        self.state
    }
    #[inline(always)]
    fn set_state(&mut self, s: StateID) {
        self.state = s;
    }
    #[inline(always)]
    fn step(&self, s: StateID, b: u8) -> StateID {
        self.automaton.next_state(Anchored::No, s, b)
    }
    #[inline(always)]
    fn is_special(&self, s: StateID) -> bool {
        self.automaton.is_special(s)
    }
    #[inline(always)]
    fn table(&self) -> &FoldTable {
        &crate::normalize::FOLD_MARKED
    }
    #[inline(always)]
    fn step_entry(&self, s: StateID, entry: &Entry) -> StateID {
        // FOLD_MARKED's class is 1 where the byte starts a word.
        let s = if entry.class == 1 {
            self.word_start(s)
        } else {
            s
        };
        self.step(s, entry.fold)
    }
    #[inline(never)]
    fn special(&mut self, s: StateID, end: usize) {
        let a = self.automaton;
        // Without a prefilter the only special states of an unanchored search are match
        // states (the dead state is never reached).
        if a.is_match(s) {
            for i in 0..a.match_len(s) {
                self.matches.push(RawMatch {
                    end: end as u32,
                    pattern: a.match_pattern(s, i).as_u32(),
                });
            }
        }
    }
}

/// [`Scan`] over the flat table ([`crate::flat`]): the hot loop steps it on the byte
/// classes its table entries carry.
struct FlatScan<'a> {
    dfa: &'a FlatDfa,
    stepper: Stepper<'a>,
    state: usize,
    matches: &'a mut Vec<RawMatch>,
}

impl<'a> FlatScan<'a> {
    /// The only way to make one: the stepper and the start state come from `dfa`, which
    /// the unchecked steps rely on.
    fn new(dfa: &'a FlatDfa, matches: &'a mut Vec<RawMatch>) -> Self {
        FlatScan {
            dfa,
            stepper: dfa.stepper(),
            state: dfa.start() as usize,
            matches,
        }
    }
}

impl Tap for FlatScan<'_> {
    type State = usize;
    #[inline(always)]
    fn state(&self) -> usize {
        self.state
    }
    #[inline(always)]
    fn set_state(&mut self, s: usize) {
        self.state = s;
    }
    #[inline(always)]
    fn step(&self, s: usize, b: u8) -> usize {
        self.dfa.step(s as u32, b) as usize
    }
    #[inline(always)]
    fn is_special(&self, s: usize) -> bool {
        self.stepper.is_match(s)
    }
    #[inline(never)]
    fn special(&mut self, s: usize, end: usize) {
        for &pattern in self.dfa.patterns(s as u32) {
            self.matches.push(RawMatch {
                end: end as u32,
                pattern,
            });
        }
    }
    #[inline(always)]
    fn table(&self) -> &FoldTable {
        self.dfa.fold_table()
    }
    #[inline(always)]
    fn after_char(&self, s: usize, word: bool) -> usize {
        self.dfa.after_char(s as u32, word) as usize
    }
    #[inline(always)]
    fn step_entry(&self, s: usize, entry: &Entry) -> usize {
        // SAFETY: the stepper, the table the entry comes from and every state this tap
        // holds are all of one DFA, `self.dfa`: the state starts at its start and only
        // ever takes values its steps give.
        unsafe { self.stepper.step_class(s, entry.class) }
    }
}

/// Normalises `text` into `norm`, running the automaton (the flat table, or whichever
/// kind the crate built) over the output as it is written; `matches` gets every match, in
/// order of their ends.
fn fold_and_scan(c: &Compiled, norm: &mut Normalizer, text: &str, matches: &mut Vec<RawMatch>) {
    matches.clear();
    if let Some(dfa) = &c.flat {
        return norm.normalize_tapped(text, &mut FlatScan::new(dfa, matches));
    }
    match &c.matcher {
        Matcher::Dfa(a) => norm.normalize_tapped(text, &mut Scan::new(a, matches)),
        Matcher::Nfa(a) => norm.normalize_tapped(text, &mut Scan::new(a, matches)),
    }
}

/// Scores documents against a compiled set, reusing its buffers between documents.
#[derive(Debug, Clone)]
pub struct Scorer<'c> {
    compiled: &'c Compiled,
    norm: Normalizer,
    matches: Vec<RawMatch>,
    candidates: Vec<Candidate>,
    markers: Vec<Marker>,
    scope_marks: Vec<ScopeMarker>,
    /// Per rule, a bit for each of its groups that has a term in the document.
    rule_groups: Vec<u64>,
    /// Per scope, its terms in the document (before exclusions).
    scope_counts: Vec<u32>,
    winners: Vec<usize>,
    /// Apply the frames' scopes (true unless turned off to measure what they do).
    scopes_on: bool,
}

impl<'c> Scorer<'c> {
    /// A scorer for `compiled`.
    pub fn new(compiled: &'c Compiled) -> Self {
        Scorer {
            compiled,
            norm: Normalizer::default(),
            matches: Vec::new(),
            candidates: Vec::new(),
            markers: Vec::new(),
            scope_marks: Vec::new(),
            rule_groups: Vec::new(),
            scope_counts: Vec::new(),
            winners: Vec::new(),
            scopes_on: true,
        }
    }

    /// Turns the frames' scopes off (or back on): with them off, every hit counts as it
    /// would without a `scope` key, while scope terms are still counted in
    /// [`DocScore::scopes`]. For measuring what a scope does (`eval` reports the gold
    /// positives it loses and the false positives it removes).
    pub fn set_scopes(&mut self, on: bool) {
        self.scopes_on = on;
    }

    /// The compiled set this scorer uses.
    pub fn compiled(&self) -> &'c Compiled {
        self.compiled
    }

    /// Scores one document.
    pub fn score(&mut self, text: &str) -> DocScore {
        self.score_in(text, None)
    }

    /// Scores one unit (a paragraph or sentence) of a document: `doc` is the score of the
    /// whole document, `range` the unit's byte range in it. Hits are as
    /// [`Scorer::score`] finds them in the unit's text (offsets relative to the unit);
    /// what differs is scope: a scope whose window reaches beyond the unit (document,
    /// paragraph, a number of words) is judged in the whole document, so a hit of the
    /// unit is in scope when the same hit of the document is.
    pub fn score_unit(
        &mut self,
        doc: &DocScore,
        text: &str,
        range: std::ops::Range<usize>,
    ) -> DocScore {
        let start = range.start;
        self.score_in(&text[range], Some((doc, start)))
    }

    fn score_in(&mut self, text: &str, context: Option<(&DocScore, usize)>) -> DocScore {
        let c = self.compiled;
        fold_and_scan(c, &mut self.norm, text, &mut self.matches);
        let norm = self.norm.text();
        self.candidates.clear();
        self.markers.clear();
        self.scope_marks.clear();
        for m in &self.matches {
            let (pattern, m_end) = (m.pattern as usize, m.end as usize);
            let pat = &c.patterns[pattern];
            let m_start = m_end - pat.len;
            if !start_ok(norm, m_start, pat.first) {
                continue;
            }
            let exact =
                !pat.exact.is_empty() || !pat.marks_exact.is_empty() || !pat.scope_exact.is_empty();
            if exact && end_ok(norm, m_end, pat.last) {
                if !pat.exact.is_empty() {
                    self.candidates.push(Candidate {
                        start: m_start,
                        end: m_end,
                        pattern,
                        wild: false,
                    });
                }
                for &(rule, group) in &pat.marks_exact {
                    self.markers.push(Marker {
                        start: m_start,
                        end: m_end,
                        rule,
                        group,
                    });
                }
                for &term in &pat.scope_exact {
                    self.scope_marks.push(ScopeMarker {
                        start: m_start,
                        end: m_end,
                        term,
                    });
                }
            }
            if !pat.wild.is_empty() || !pat.marks_wild.is_empty() || !pat.scope_wild.is_empty() {
                let end = extend_wildcard(norm, m_end, pat.last);
                if !pat.wild.is_empty() {
                    self.candidates.push(Candidate {
                        start: m_start,
                        end,
                        pattern,
                        wild: true,
                    });
                }
                for &(rule, group) in &pat.marks_wild {
                    self.markers.push(Marker {
                        start: m_start,
                        end,
                        rule,
                        group,
                    });
                }
                for &term in &pat.scope_wild {
                    self.scope_marks.push(ScopeMarker {
                        start: m_start,
                        end,
                        term,
                    });
                }
            }
        }
        // Leftmost first, longest first; the pattern order only makes ties deterministic.
        self.candidates
            .sort_unstable_by_key(|k| (k.start, std::cmp::Reverse(k.end), k.pattern, k.wild));

        let mut result = DocScore {
            words: self.norm.words(),
            frames: vec![FrameScore::default(); c.frames.len()],
            hits: Vec::new(),
            dominant: None,
            rule_hits: Vec::new(),
            scopes: Vec::new(),
        };
        let mut last_end = 0;
        let mut i = 0;
        while i < self.candidates.len() {
            let first = self.candidates[i];
            if first.start < last_end {
                i += 1;
                continue;
            }
            // Every candidate with exactly this span wins together.
            let mut j = i;
            self.winners.clear();
            while j < self.candidates.len()
                && self.candidates[j].start == first.start
                && self.candidates[j].end == first.end
            {
                let cand = self.candidates[j];
                let pat = &c.patterns[cand.pattern];
                let list = if cand.wild { &pat.wild } else { &pat.exact };
                self.winners.extend(list.iter().map(|&t| t as usize));
                j += 1;
            }
            self.credit(text, first.start, first.end, &mut result);
            last_end = first.end;
            i = j;
        }

        if !self.markers.is_empty() {
            self.apply_rules(text, &mut result, context);
        }
        if !c.scopes.is_empty() {
            self.apply_scopes(text, &mut result, context);
        }
        for fs in &mut result.frames {
            fs.terms.sort_by(|a, b| {
                (b.count, b.negated)
                    .cmp(&(a.count, a.negated))
                    .then(a.term.cmp(&b.term))
            });
        }
        finish(c, &mut result);
        result
    }

    /// Marks each hit (terms and rules) as quoted or the author's, counts both per frame
    /// in [`FrameScore::voice`], and — unless `filter` is [`VoiceFilter::All`] — recounts
    /// hits, negated hits, score, density and presence from the chosen voice only. `terms`
    /// and `rules` keep listing every hit. `attribution` spans come from
    /// [`crate::voice::quoted_spans`].
    pub fn apply_voice(&self, text: &str, score: &mut DocScore, filter: VoiceFilter) {
        let spans = self.quoted_spans(text);
        self.apply_voice_spans(&spans, 0, score, filter);
    }

    /// The quoted spans of a text under this set's attribution phrases.
    pub fn quoted_spans(&self, text: &str) -> Vec<std::ops::Range<usize>> {
        let phrases: Vec<&str> = self
            .compiled
            .attribution
            .iter()
            .map(String::as_str)
            .collect();
        crate::voice::quoted_spans(text, &phrases)
    }

    /// [`Scorer::apply_voice`] with spans computed over a whole document, for a score of
    /// the part of it that starts at `offset` (a paragraph or sentence): quotations that
    /// run across units are still seen whole.
    pub fn apply_voice_spans(
        &self,
        spans: &[std::ops::Range<usize>],
        offset: usize,
        score: &mut DocScore,
        filter: VoiceFilter,
    ) {
        let c = self.compiled;
        for fs in &mut score.frames {
            fs.voice = Some(VoiceCounts::default());
        }
        // Counts one hit in its voice; takes it out of the frame's counts when that voice
        // does not count.
        let attribute = |fs: &mut FrameScore, quoted: bool, weight: f64, negated: bool| {
            let counts = fs.voice.as_mut().expect("set above");
            if quoted {
                counts.quoted += 1;
            } else {
                counts.author += 1;
            }
            let keep = match filter {
                VoiceFilter::All => true,
                VoiceFilter::Author => !quoted,
                VoiceFilter::Quoted => quoted,
            };
            if !keep {
                if negated {
                    fs.negated -= 1;
                    fs.score -= weight * c.negated_weight;
                } else {
                    fs.hits -= 1;
                    fs.score -= weight;
                }
            }
        };
        for h in &mut score.hits {
            if matches!(h.kind, HitKind::Excluded | HitKind::OutOfScope) {
                continue;
            }
            h.quoted = crate::voice::is_quoted(spans, offset + h.start);
            let negated = h.kind == HitKind::Negated;
            attribute(
                &mut score.frames[h.frame],
                h.quoted,
                c.terms[h.term].weight,
                negated,
            );
        }
        for h in &mut score.rule_hits {
            h.quoted = crate::voice::is_quoted(spans, offset + h.start);
            attribute(
                &mut score.frames[h.frame],
                h.quoted,
                c.rules[h.rule].weight,
                h.negated,
            );
        }
        if filter != VoiceFilter::All {
            finish(c, score);
        }
    }

    /// Finds the hits of proximity rules among the markers and credits them to their
    /// frames. For each rule, markers are read in text order; a hit is anchored at a term
    /// of the rule and takes, for each other group, the first term after the anchor whose
    /// word lies within the window (in group order when the rule is ordered). Hits of one
    /// rule do not overlap.
    fn apply_rules(
        &mut self,
        text: &str,
        result: &mut DocScore,
        context: Option<(&DocScore, usize)>,
    ) {
        struct Found {
            start: usize,
            end: usize,
            norm_start: usize,
            rule: usize,
            group: u16,
            word: usize,
        }
        let c = self.compiled;
        // A rule can only hit where every one of its groups has a term. Most documents lack
        // one (rules pair a common word with a rarer one), and finding that first spares
        // mapping, indexing and sorting the markers of rules that cannot hit.
        let groups_seen = &mut self.rule_groups;
        groups_seen.clear();
        groups_seen.resize(c.rules.len(), 0);
        for m in &self.markers {
            if m.group != NONE_GROUP && m.group < 64 {
                groups_seen[m.rule as usize] |= 1 << m.group;
            }
        }
        // A rule of a scoped frame counts for nothing in a document with too few of the
        // scope's terms anywhere (and no wider context to judge it in): it is not looked for.
        let scope_terms = &mut self.scope_counts;
        scope_terms.clear();
        scope_terms.resize(c.scopes.len(), 0);
        if context.is_none() {
            for m in &self.scope_marks {
                let t = &c.scope_terms[m.term as usize];
                if !t.exclusion {
                    scope_terms[t.scope] += 1;
                }
            }
        }
        let unreachable = |rule: usize| {
            context.is_none()
                && c.frames[c.rules[rule].frame].scope.is_some_and(|s| {
                    let info = &c.scopes[s];
                    scope_terms[s]
                        < info
                            .min_hits
                            .min(info.document_min_hits.unwrap_or(u32::MAX))
                })
        };
        let viable = |rule: usize| {
            let g = c.rules[rule].groups;
            (g > 64 || groups_seen[rule] == u64::MAX >> (64 - g)) && !unreachable(rule)
        };
        if !(0..c.rules.len()).any(viable) {
            return;
        }
        let norm = &self.norm;
        let excluded: Vec<(usize, usize)> = result
            .hits
            .iter()
            .filter(|h| h.kind == HitKind::Excluded)
            .map(|h| (h.start, h.end))
            .collect();
        let starts = norm.word_starts();
        let mut found: Vec<Found> = Vec::with_capacity(self.markers.len());
        for m in &self.markers {
            if !viable(m.rule as usize) {
                continue;
            }
            let (start, end) = (norm.orig_start(m.start), norm.orig_end(m.end));
            // A term inside a span that an exclusion won is cancelled for rules too.
            if excluded.iter().any(|&(s, e)| start < e && s < end) {
                continue;
            }
            found.push(Found {
                start,
                end,
                norm_start: m.start,
                rule: m.rule as usize,
                group: m.group,
                word: starts.partition_point(|&s| s as usize <= start),
            });
        }
        found.sort_by_key(|f| (f.rule, f.start, f.group));
        let mut sentences: Option<Vec<std::ops::Range<usize>>> = None;
        let mut from = 0;
        while from < found.len() {
            let rule = found[from].rule;
            let to = from + found[from..].iter().take_while(|f| f.rule == rule).count();
            let info = &c.rules[rule];
            let window = info.window as usize;
            let terms: Vec<&Found> = found[from..to]
                .iter()
                .filter(|f| f.group != NONE_GROUP)
                .collect();
            let absent: Vec<&Found> = found[from..to]
                .iter()
                .filter(|f| f.group == NONE_GROUP)
                .collect();
            let mut hit_end = 0;
            for (i, anchor) in terms.iter().enumerate() {
                if anchor.start < hit_end || (info.ordered && anchor.group != 0) {
                    continue;
                }
                let mut chosen: Vec<Option<&Found>> = vec![None; info.groups];
                chosen[anchor.group as usize] = Some(anchor);
                let mut next_group = 1;
                for f in &terms[i + 1..] {
                    if f.word - anchor.word >= window {
                        break;
                    }
                    let g = f.group as usize;
                    if info.ordered {
                        if g == next_group && f.start >= chosen[g - 1].map_or(0, |p| p.end) {
                            chosen[g] = Some(f);
                            next_group += 1;
                        }
                    } else if chosen[g].is_none() {
                        chosen[g] = Some(f);
                    }
                }
                if chosen.iter().any(Option::is_none) {
                    continue;
                }
                let last = chosen
                    .iter()
                    .flatten()
                    .max_by_key(|f| f.end)
                    .expect("groups");
                if info.same_sentence {
                    let s = sentences.get_or_insert_with(|| crate::segment::sentences(text));
                    let unit = |o| crate::segment::unit_index(s, o);
                    if unit(anchor.start) != unit(last.start) {
                        continue;
                    }
                }
                // Absence: no `none` term between the rule's terms or in the window before.
                let blocked = absent.iter().any(|a| {
                    a.start < last.end && a.word + window >= anchor.word && a.end <= last.end
                });
                if blocked {
                    continue;
                }
                hit_end = last.end;
                let negated = is_negated(c, norm, text, anchor.norm_start);
                let fs = &mut result.frames[info.frame];
                let rc = match fs.rules.iter_mut().find(|r| r.rule == rule) {
                    Some(rc) => rc,
                    None => {
                        fs.rules.push(RuleCount {
                            rule,
                            count: 0,
                            negated: 0,
                        });
                        fs.rules.last_mut().expect("just pushed")
                    }
                };
                if negated {
                    fs.negated += 1;
                    fs.score += info.weight * c.negated_weight;
                    rc.negated += 1;
                } else {
                    fs.hits += 1;
                    fs.score += info.weight;
                    rc.count += 1;
                }
                result.rule_hits.push(RuleHit {
                    rule,
                    frame: info.frame,
                    start: anchor.start,
                    end: last.end,
                    negated,
                    quoted: false,
                });
            }
            from = to;
        }
        result.rule_hits.sort_by_key(|h| (h.start, h.rule));
    }

    /// Credits the winning terms of one span (in `self.winners`) to their frames.
    fn credit(&mut self, text: &str, start: usize, end: usize, result: &mut DocScore) {
        let c = self.compiled;
        // One hit per frame per span: an exclusion of the frame beats its terms, otherwise
        // the heaviest term (the first listed on a tie).
        self.winners.sort_unstable_by(|&a, &b| {
            let (ta, tb) = (&c.terms[a], &c.terms[b]);
            ta.frame
                .cmp(&tb.frame)
                .then(tb.exclusion.cmp(&ta.exclusion))
                .then(tb.weight.total_cmp(&ta.weight))
                .then(a.cmp(&b))
        });
        self.winners.dedup_by_key(|t| c.terms[*t].frame);
        let orig_start = self.norm.orig_start(start);
        let orig_end = self.norm.orig_end(end);
        let mut negated: Option<bool> = None;
        for &t in &self.winners {
            let term = &c.terms[t];
            let kind = if term.exclusion {
                HitKind::Excluded
            } else if *negated.get_or_insert_with(|| is_negated(c, &self.norm, text, start)) {
                HitKind::Negated
            } else {
                HitKind::Counted
            };
            let fs = &mut result.frames[term.frame];
            let tc = match fs.terms.iter_mut().find(|x| x.term == t) {
                Some(tc) => tc,
                None => {
                    fs.terms.push(TermCount {
                        term: t,
                        count: 0,
                        negated: 0,
                        out_of_scope: 0,
                    });
                    fs.terms.last_mut().unwrap()
                }
            };
            match kind {
                HitKind::Counted => {
                    fs.hits += 1;
                    fs.score += term.weight;
                    tc.count += 1;
                }
                HitKind::Negated => {
                    fs.negated += 1;
                    fs.score += term.weight * c.negated_weight;
                    tc.negated += 1;
                }
                HitKind::Excluded | HitKind::OutOfScope => {}
            }
            if kind == HitKind::Excluded {
                fs.terms.retain(|x| x.count > 0 || x.negated > 0);
            }
            result.hits.push(Hit {
                frame: term.frame,
                term: t,
                start: orig_start,
                end: orig_end,
                kind,
                quoted: false,
            });
        }
    }
}

/// The floor that scoring is measured against: runs the compiled automaton over `text`
/// as it is (no normalisation, no overlap selection, no negation, no scoring) and counts
/// the matches that pass the word-boundary checks. `benches/dump.sh` compares framelex's
/// throughput with this.
///
/// The scorer's automaton holds its patterns with word-start marks (`crate::compile`),
/// which the crate's own search loop cannot step; this floor runs the crate's overlapping
/// search over the plain stems instead, built once, the first time it is asked for.
pub fn bare_scan_count(c: &Compiled, text: &str) -> usize {
    match c.bare_matcher() {
        Matcher::Dfa(a) => bare_scan(c, a, text),
        Matcher::Nfa(a) => bare_scan(c, a, text),
    }
}

/// [`bare_scan_count`] as the scorer runs the automaton: over the normalised text, stepped
/// inside the normalising loop, with the same boundary checks — and nothing else. For
/// benchmarks that weigh the fused loop against normalising first and scanning after.
pub fn fused_scan_count(c: &Compiled, norm: &mut Normalizer, text: &str) -> usize {
    let mut matches = Vec::new();
    fold_and_scan(c, norm, text, &mut matches);
    let s = norm.text();
    matches
        .iter()
        .filter(|m| whole_word(c, s, m.pattern as usize, m.end as usize))
        .count()
}

/// Whether a match of `pattern` ending at `end` of `text` passes the word-boundary checks:
/// the bare scans' one test of a match.
fn whole_word(c: &Compiled, text: &str, pattern: usize, end: usize) -> bool {
    let pat = &c.patterns[pattern];
    start_ok(text, end - pat.len, pat.first) && end_ok(text, end, pat.last)
}

/// [`bare_scan_count`] over framelex's flat copy of the DFA (`src/flat.rs`) instead of
/// the crate's own search loop, byte by byte with the same boundary checks: the baseline
/// with the automaton the scorer steps. `None` when the set got no flat table (a set too
/// large for a DFA).
///
/// The table's rows step word starts with the byte after them, as the scorer's loop does;
/// here nothing tells the start state what a character outside ASCII was, so after one
/// it takes the next word byte for a word start: that finds a superset of the matches,
/// and the boundary checks keep the right ones.
pub fn bare_scan_count_flat(c: &Compiled, text: &str) -> Option<usize> {
    let dfa = c.flat.as_ref()?;
    let mut s = dfa.start();
    let mut hits = 0;
    for (i, &b) in text.as_bytes().iter().enumerate() {
        s = dfa.step(s, b);
        if dfa.is_match(s) {
            hits += dfa
                .patterns(s)
                .iter()
                .filter(|&&p| whole_word(c, text, p as usize, i + 1))
                .count();
        }
    }
    Some(hits)
}

fn bare_scan<A: Automaton>(c: &Compiled, a: &A, text: &str) -> usize {
    a.try_find_overlapping_iter(aho_corasick::Input::new(text))
        .expect("automata are built for unanchored search")
        .filter(|m| whole_word(c, text, m.pattern().as_usize(), m.end()))
        .count()
}

fn prev_class(s: &str, at: usize) -> CharClass {
    s[..at]
        .chars()
        .next_back()
        .map_or(CharClass::Other, char_class)
}

fn next_class(s: &str, at: usize) -> CharClass {
    s[at..].chars().next().map_or(CharClass::Other, char_class)
}

/// A hit may start here if its first character needs no boundary or the character
/// before it is not a word character of a spaced script.
fn start_ok(s: &str, at: usize, first: Option<CharClass>) -> bool {
    first != Some(CharClass::Word) || prev_class(s, at) != CharClass::Word
}

fn end_ok(s: &str, at: usize, last: Option<CharClass>) -> bool {
    last != Some(CharClass::Word) || next_class(s, at) != CharClass::Word
}

/// Extends a wildcard stem over following word characters. Stems ending in a script
/// written without spaces are not extended: there, every character would be "a word
/// character" and the wildcard would swallow the rest of the sentence.
fn extend_wildcard(s: &str, mut at: usize, last: Option<CharClass>) -> usize {
    if last == Some(CharClass::Continuous) {
        return at;
    }
    for c in s[at..].chars() {
        if char_class(c) != CharClass::Word {
            break;
        }
        at += c.len_utf8();
    }
    at
}

/// Abbreviations whose full stop does not end a sentence (single letters, as in "U.S.",
/// are handled apart).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "inc", "corp", "ltd", "co", "vs", "etc", "gen",
    "sen", "rep", "gov", "prof", "col", "lt", "sgt", "capt", "adm", "jan", "feb", "mar", "apr",
    "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Whether a negator occurs within the window before `start` (normalised offset), in the
/// same sentence and paragraph.
fn is_negated(c: &Compiled, norm: &Normalizer, orig: &str, start: usize) -> bool {
    if c.negation_window == 0 || c.negators.is_empty() {
        return false;
    }
    let s = norm.text();
    let mut pos = start;
    let mut seen = 0;
    loop {
        // The separator before the next token back: a sentence end stops the search.
        let mut token_end = pos;
        let mut full_stop = false;
        for ch in s[..pos].chars().rev() {
            if char_class(ch) != CharClass::Other {
                break;
            }
            match ch {
                '!' | '?' | ';' => return false,
                '.' => full_stop = true,
                _ => {}
            }
            token_end -= ch.len_utf8();
        }
        if token_end == 0 {
            return false;
        }
        // The token: word characters with apostrophes and full stops between them
        // ("don't", "u.s").
        let mut token_start = token_end;
        for ch in s[..token_end].chars().rev() {
            if char_class(ch) == CharClass::Other && ch != '\'' && ch != '.' {
                break;
            }
            token_start -= ch.len_utf8();
        }
        let token = s[token_start..token_end].trim_start_matches(['\'', '.']);
        if full_stop && !is_abbreviation(token) {
            return false;
        }
        seen += 1;
        let negator = c
            .negators
            .iter()
            .any(|n| n == token || (n == "n't" && token.len() > 3 && token.ends_with("n't")));
        if negator && !starts_contrast(&s[token_end..start]) {
            // A paragraph break between the negator and the hit ends the window too.
            let between = &orig[norm.orig_end(token_end)..norm.orig_start(start)];
            return !has_blank_line(between);
        }
        if seen >= c.negation_window {
            return false;
        }
        pos = token_start;
    }
}

/// "not only X but Y", "not just", "not merely": the negator adds, it does not deny.
fn starts_contrast(after_negator: &str) -> bool {
    let next = after_negator
        .trim_start_matches(|c: char| char_class(c) == CharClass::Other)
        .split(|c: char| char_class(c) == CharClass::Other)
        .next()
        .unwrap_or("");
    matches!(next, "only" | "just" | "merely" | "simply")
}

fn is_abbreviation(token: &str) -> bool {
    token.chars().count() == 1 || token.contains('.') || ABBREVIATIONS.contains(&token)
}

fn has_blank_line(s: &str) -> bool {
    let mut newlines = 0;
    for ch in s.chars() {
        match ch {
            '\n' => {
                newlines += 1;
                if newlines >= 2 {
                    return true;
                }
            }
            c if c.is_whitespace() => {}
            _ => newlines = 0,
        }
    }
    false
}

mod scope;

#[cfg(test)]
mod tests;
