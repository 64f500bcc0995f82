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
            self.scopes_on
                && context.is_none()
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
        let excluded = result.excluded_spans();
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
                // The terms after the anchor.
                for f in &terms[i..][1..] {
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
                // Absence: no `none` term between the rule's terms or in the window before
                // (one that ends within the hit starts within it too).
                let blocked = absent
                    .iter()
                    .any(|a| a.word + window >= anchor.word && a.end <= last.end);
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
        // Word starts are sorted original offsets: the words the span covers.
        let starts = self.norm.word_starts();
        let words = (starts.partition_point(|&w| (w as usize) < orig_end)
            - starts.partition_point(|&w| (w as usize) < orig_start))
        .max(1) as u32;
        for &t in &self.winners {
            let term = &c.terms[t];
            let kind = if term.exclusion {
                HitKind::Excluded
            } else if *negated.get_or_insert_with(|| is_negated(c, &self.norm, text, start)) {
                HitKind::Negated
            } else {
                HitKind::Counted
            };
            result.frames[term.frame].add_term_hit(t, term.weight, c.negated_weight, kind);
            result.hits.push(Hit {
                frame: term.frame,
                term: t,
                start: orig_start,
                end: orig_end,
                kind,
                quoted: false,
                words,
            });
        }
    }
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

mod bare;
mod negation;
mod scope;
mod types;

pub use bare::{bare_scan_count, bare_scan_count_flat, fused_scan_count};
use negation::is_negated;
pub use types::*;

#[cfg(test)]
mod tests;
