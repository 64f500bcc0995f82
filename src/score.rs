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

use crate::compile::Compiled;
use crate::normalize::{char_class, CharClass, Normalizer};

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
}

impl FrameScore {
    /// Distinct terms with at least one counted hit.
    pub fn distinct_terms(&self) -> usize {
        self.terms.iter().filter(|t| t.count > 0).count()
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
}

#[derive(Clone, Copy, Debug)]
struct Candidate {
    start: usize,
    end: usize,
    pattern: usize,
    wild: bool,
}

/// Scores documents against a compiled set, reusing its buffers between documents.
#[derive(Debug, Clone)]
pub struct Scorer<'c> {
    compiled: &'c Compiled,
    norm: Normalizer,
    candidates: Vec<Candidate>,
    winners: Vec<usize>,
}

impl<'c> Scorer<'c> {
    /// A scorer for `compiled`.
    pub fn new(compiled: &'c Compiled) -> Self {
        Scorer {
            compiled,
            norm: Normalizer::default(),
            candidates: Vec::new(),
            winners: Vec::new(),
        }
    }

    /// The compiled set this scorer uses.
    pub fn compiled(&self) -> &'c Compiled {
        self.compiled
    }

    /// Scores one document.
    pub fn score(&mut self, text: &str) -> DocScore {
        let c = self.compiled;
        self.norm.normalize(text);
        let norm = self.norm.text();
        self.candidates.clear();
        for m in c.ac.find_overlapping_iter(norm) {
            let pat = &c.patterns[m.pattern().as_usize()];
            if !start_ok(norm, m.start(), pat.first) {
                continue;
            }
            if !pat.exact.is_empty() && end_ok(norm, m.end(), pat.last) {
                self.candidates.push(Candidate {
                    start: m.start(),
                    end: m.end(),
                    pattern: m.pattern().as_usize(),
                    wild: false,
                });
            }
            if !pat.wild.is_empty() {
                let end = extend_wildcard(norm, m.end(), pat.last);
                self.candidates.push(Candidate {
                    start: m.start(),
                    end,
                    pattern: m.pattern().as_usize(),
                    wild: true,
                });
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

        for (fs, info) in result.frames.iter_mut().zip(&c.frames) {
            fs.score = fs.score.max(f64::MIN); // keep -0.0 out of output
            if fs.score == 0.0 {
                fs.score = 0.0;
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
            fs.terms.sort_by(|a, b| {
                (b.count, b.negated)
                    .cmp(&(a.count, a.negated))
                    .then(a.term.cmp(&b.term))
            });
        }
        let mut best: Option<usize> = None;
        for (fi, fs) in result.frames.iter().enumerate() {
            if fs.present && best.is_none_or(|b| fs.score > result.frames[b].score) {
                best = Some(fi);
            }
        }
        result.dominant = best;
        result
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
                HitKind::Excluded => {}
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
            });
        }
    }
}

/// The floor that scoring is measured against: runs the compiled automaton over `text`
/// as it is (no normalisation, no overlap selection, no negation, no scoring) and counts
/// the matches that pass the word-boundary checks. `benches/dump.sh` compares framelex's
/// throughput with this.
pub fn bare_scan_count(c: &Compiled, text: &str) -> usize {
    c.ac.find_overlapping_iter(text)
        .filter(|m| {
            let pat = &c.patterns[m.pattern().as_usize()];
            start_ok(text, m.start(), pat.first) && end_ok(text, m.end(), pat.last)
        })
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

#[cfg(test)]
mod tests;
