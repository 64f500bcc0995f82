//! LIWC-style measures: per document, its word count (`WC`), the share of its words that
//! any category matched (`Dic`), and per frame the share of words its matches cover, in
//! percent: the columns LIWC users analyse and compare across texts of different lengths.
//!
//! Words are framelex's words (see [`crate::normalize::Normalizer::words`]), the same as the
//! `words` column: runs of letters, digits, combining marks and `_`, with an apostrophe,
//! hyphen, full stop or comma between two of them joining them ("don't", "self-reliance",
//! "5.5" are one word each). A match counts the words of the text it covers ("civil rights"
//! 2, "civil-rights" 1, and 1 for a match inside a joined word, such as `race` in
//! "arms-race"). Only counted hits
//! count: negated, excluded and out-of-scope hits do not, and neither do rule hits (which
//! have no words of their own). `Dic` counts each matched span once, also when it is an
//! entry of several categories; a frame's percentage counts it for that frame. Where this
//! differs from LIWC-22's own counts is described in `docs/dictionaries.md`.

use crate::compile::Compiled;
use crate::score::{DocScore, HitKind};

/// The percentages of one document or unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Percentages {
    /// Words (`WC`).
    pub wc: usize,
    /// Percent of the words matched by any frame (`Dic`).
    pub dic: f64,
    /// Per frame, in set order, percent of the words its counted hits cover.
    pub frames: Vec<f64>,
}

/// Computes [`Percentages`].
#[derive(Debug, Clone, Default)]
pub struct WordShare;

impl WordShare {
    /// The measure for a compiled set (it needs nothing of it: each hit knows its words).
    pub fn new(_compiled: &Compiled) -> WordShare {
        WordShare
    }

    /// The percentages of one scored text.
    pub fn percentages(&self, score: &DocScore) -> Percentages {
        let mut frame_words = vec![0u64; score.frames.len()];
        let mut dic_words = 0u64;
        let mut last_span = None;
        for h in score.hits.iter().filter(|h| h.kind == HitKind::Counted) {
            let w = u64::from(h.words);
            frame_words[h.frame] += w;
            // Hits are in text order; a span credited to several frames comes in a row.
            if last_span != Some((h.start, h.end)) {
                dic_words += w;
                last_span = Some((h.start, h.end));
            }
        }
        let pct = |w: u64| {
            if score.words == 0 {
                0.0
            } else {
                w as f64 * 100.0 / score.words as f64
            }
        };
        Percentages {
            wc: score.words,
            dic: pct(dic_words),
            frames: frame_words.into_iter().map(pct).collect(),
        }
    }
}
