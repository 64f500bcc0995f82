//! What scoring returns: hits, per-frame scores and counts, a document's score. Kept apart
//! from the scorer so that printers, `explain` and `eval` read plain data without the
//! scanning machinery.

use crate::compile::Compiled;

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
    /// Inside quotation marks or reported speech (set by [`Scorer::apply_voice`](crate::Scorer::apply_voice); false
    /// until then).
    pub quoted: bool,
    /// Words of the text the hit covers (see [`Normalizer::words`](crate::normalize::Normalizer::words)), at least 1: "civil
    /// rights" is 2, "civil-rights" 1 (a hyphen between letters joins a word), a hit inside
    /// a joined word 1. For LIWC-style percentages ([`crate::measure`]).
    pub words: u32,
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

/// Whether a score (or density) reaches a threshold. Scores are sums of decimal weights
/// held in binary floating point: 0.7 + 0.2 is 0.8999999999999999, which must still reach
/// a `min_score` of 0.9, as the lexicon's author reads it. A sum a rounding error below the
/// threshold therefore counts as reaching it.
pub fn reaches(value: f64, threshold: f64) -> bool {
    value >= threshold - 1e-9 * threshold.abs().max(1.0)
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
        fs.present = reaches(fs.score, p.min_score)
            && fs.hits >= p.min_hits
            && fs.distinct_terms() >= p.min_terms as usize
            && reaches(fs.density, p.min_density);
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
    /// Hits by voice, when voice attribution ran ([`Scorer::apply_voice`](crate::Scorer::apply_voice)).
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
    /// Adds a hit of term `term` (weighing `weight`) as `kind`: to the frame's hits and
    /// score, and to the term's count (created at its first hit, so that terms keep the
    /// order of their first hits). An excluded hit adds nothing.
    pub(crate) fn add_term_hit(
        &mut self,
        term: usize,
        weight: f64,
        negated_weight: f64,
        kind: HitKind,
    ) {
        if kind == HitKind::Excluded {
            return;
        }
        let i = match self.terms.iter().position(|x| x.term == term) {
            Some(i) => i,
            None => {
                self.terms.push(TermCount {
                    term,
                    count: 0,
                    negated: 0,
                    out_of_scope: 0,
                });
                self.terms.len() - 1
            }
        };
        let tc = &mut self.terms[i];
        match kind {
            HitKind::Counted => {
                self.hits += 1;
                self.score += weight;
                tc.count += 1;
            }
            HitKind::Negated => {
                self.negated += 1;
                self.score += weight * negated_weight;
                tc.negated += 1;
            }
            HitKind::OutOfScope => {
                self.out_of_scope += 1;
                tc.out_of_scope += 1;
            }
            HitKind::Excluded => {}
        }
    }

    /// Distinct terms and rules with at least one counted hit.
    pub fn distinct_terms(&self) -> usize {
        self.terms.iter().filter(|t| t.count > 0).count()
            + self.rules.iter().filter(|r| r.count > 0).count()
    }
}

/// The result for one document.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DocScore {
    /// Words in the document (see [`Normalizer::words`](crate::normalize::Normalizer::words)).
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

impl DocScore {
    /// The spans (original offsets) won by exclusions: rule and scope terms inside them
    /// are cancelled.
    pub(crate) fn excluded_spans(&self) -> Vec<(usize, usize)> {
        self.hits
            .iter()
            .filter(|h| h.kind == HitKind::Excluded)
            .map(|h| (h.start, h.end))
            .collect()
    }
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
    /// Inside quotation marks or reported speech (set by [`Scorer::apply_voice`](crate::Scorer::apply_voice)).
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
