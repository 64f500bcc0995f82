//! Term suggestions: words and two-word phrases that set a frame's units apart from the
//! others, ranked by the weighted log-odds ratio with an informative Dirichlet prior
//! (Monroe, Colaresi & Quinn 2008, "Fightin' Words: Lexical Feature Selection and
//! Evaluation for Identifying the Content of Political Conflict", *Political Analysis*
//! 16(4)).
//!
//! Raw frequency ratios favour rare words (one occurrence on one side gives an infinite
//! ratio) and plain frequencies favour "the". The weighted log-odds shrinks every word's
//! log-odds toward its pooled frequency (the prior) and divides by its standard error, so
//! that a word ranks high only when it is both frequent enough to trust and clearly
//! lopsided. For n-gram `w` with counts `yᵢ` (frame units) and `yⱼ` (the others), side
//! totals `nᵢ`, `nⱼ`, prior `αw = a·(yᵢ + yⱼ)` and `α₀ = a·(nᵢ + nⱼ)`:
//!
//! ```text
//! δ  = ln((yᵢ+αw) / (nᵢ+α₀−yᵢ−αw)) − ln((yⱼ+αw) / (nⱼ+α₀−yⱼ−αw))
//! σ² ≈ 1/(yᵢ+αw) + 1/(yⱼ+αw)          z = δ / σ
//! ```
//!
//! Unigrams and bigrams are counted apart (each with its own totals) and ranked together
//! by `z`. Tokens are runs of word characters of the normalised text (the same folding as
//! matching, so candidates are valid terms as they are); a bigram never spans punctuation.

use std::collections::HashMap;

use serde::Serialize;

use crate::normalize::{char_class, CharClass, Normalizer};

/// English function words left out of candidates (unless asked otherwise): a term made
/// of, or bordered by, one of these is rarely what a lexicon wants.
pub const STOPWORDS: &[&str] = &[
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any",
    "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both",
    "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "even",
    "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers",
    "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "may", "me",
    "might", "more", "most", "much", "must", "my", "no", "nor", "not", "now", "of", "off", "on",
    "once", "one", "only", "or", "other", "our", "ours", "out", "over", "own", "said", "same",
    "says", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs",
    "them", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under",
    "until", "up", "upon", "us", "very", "was", "we", "were", "what", "when", "where", "which",
    "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours",
];

/// The n-grams of one document, with where each first occurs.
#[derive(Debug, Clone, Default)]
pub struct DocGrams {
    id: String,
    text: String,
    /// (n-gram, words in it, byte span of its first occurrence in `text`).
    grams: Vec<(String, u8, (usize, usize))>,
}

/// Cuts a document into unigrams and (with `max_words` 2) bigrams. Runs on any thread.
pub fn grams(id: &str, text: String, max_words: usize) -> DocGrams {
    let mut norm = Normalizer::default();
    norm.normalize(&text);
    let s = norm.text();
    // Tokens: runs of word characters; each character of a script written without
    // spaces is a token of its own.
    let mut tokens: Vec<(usize, usize)> = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in s.char_indices() {
        match char_class(c) {
            CharClass::Word => {
                start.get_or_insert(i);
            }
            class => {
                if let Some(st) = start.take() {
                    tokens.push((st, i));
                }
                if class == CharClass::Continuous {
                    tokens.push((i, i + c.len_utf8()));
                }
            }
        }
    }
    if let Some(st) = start {
        tokens.push((st, s.len()));
    }
    let mut grams = Vec::with_capacity(tokens.len() * 2);
    let span = |a: usize, b: usize| (norm.orig_start(a), norm.orig_end(b));
    for (k, &(a, b)) in tokens.iter().enumerate() {
        grams.push((s[a..b].to_string(), 1, span(a, b)));
        if max_words >= 2 {
            if let Some(&(c, d)) = tokens.get(k + 1) {
                // Only across one plain gap (spaces, line breaks, hyphens): never across
                // punctuation, which ends a phrase.
                // Two characters of a script without spaces make a bigram as they stand.
                if &s[b..c] == " " || b == c {
                    grams.push((s[a..d].to_string(), 2, span(a, d)));
                }
            }
        }
    }
    DocGrams {
        id: id.to_string(),
        text,
        grams,
    }
}

/// Counts of n-grams on the two sides.
#[derive(Debug, Clone, Default)]
pub struct Counts {
    /// n-gram → (words, [positive, negative] counts).
    grams: HashMap<String, (u8, [u64; 2])>,
    /// Tokens (index 0) and bigrams (index 1) per side.
    totals: [[u64; 2]; 2],
    /// Units per side.
    pub units: [u64; 2],
    /// Words (unigram tokens) per side.
    pub words: [u64; 2],
    /// First positive occurrence of each n-gram: unit id and a short context.
    examples: HashMap<String, (String, String)>,
}

/// Ranking settings.
#[derive(Debug, Clone)]
pub struct Options {
    /// Minimum count on the positive side. By default, 3.
    pub min_count: u64,
    /// Prior strength `a`, as a multiple of the pooled counts. By default, 0.1.
    pub prior: f64,
    /// Leave out candidates made of or bordered by [`STOPWORDS`], single characters of
    /// spaced scripts and numbers. By default, true.
    pub filter: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            min_count: 3,
            prior: 0.1,
            filter: true,
        }
    }
}

/// One candidate term.
#[derive(Debug, Clone, Serialize)]
pub struct Suggestion {
    /// The word or phrase, normalised (valid as a term as it is).
    pub term: String,
    /// The z-score of the weighted log-odds (positive: typical of the frame's units).
    pub z: f64,
    /// The weighted log-odds ratio itself.
    pub log_odds: f64,
    /// Occurrences in the frame's units.
    pub positive: u64,
    /// Occurrences in the other units.
    pub negative: u64,
    /// The unit of the example.
    pub example_id: String,
    /// Its first occurrence in the frame's units, in context, `[bracketed]`.
    pub example: String,
}

impl Counts {
    /// Adds one unit to the positive (the frame's) or negative side.
    pub fn add(&mut self, positive: bool, doc: DocGrams) {
        let side = usize::from(!positive);
        self.units[side] += 1;
        for (gram, n, (start, end)) in doc.grams {
            self.totals[usize::from(n) - 1][side] += 1;
            if n == 1 {
                self.words[side] += 1;
            }
            if positive && !self.examples.contains_key(&gram) {
                self.examples.insert(
                    gram.clone(),
                    (doc.id.clone(), crate::eval::context(&doc.text, start, end)),
                );
            }
            self.grams.entry(gram).or_insert((n, [0, 0])).1[side] += 1;
        }
    }

    /// The candidates most typical of the positive side, best first; `covered` says which
    /// the lexicon already matches (they are left out).
    pub fn rank(&self, opts: &Options, mut covered: impl FnMut(&str) -> bool) -> Vec<Suggestion> {
        let mut out: Vec<Suggestion> = self
            .grams
            .iter()
            .filter(|(_, (_, c))| c[0] >= opts.min_count.max(1))
            .filter(|(g, _)| !opts.filter || acceptable(g))
            .filter_map(|(g, &(n, [yi, yj]))| {
                let [ni, nj] = self.totals[usize::from(n) - 1];
                let (yi, yj, ni, nj) = (yi as f64, yj as f64, ni as f64, nj as f64);
                let aw = opts.prior * (yi + yj);
                let a0 = opts.prior * (ni + nj);
                let odds = |y: f64, n: f64| ((y + aw) / (n + a0 - y - aw)).ln();
                let delta = odds(yi, ni) - odds(yj, nj);
                let var = 1.0 / (yi + aw) + 1.0 / (yj + aw);
                let z = delta / var.sqrt();
                (z.is_finite() && z > 0.0).then_some((g, z, delta))
            })
            .filter(|(g, _, _)| !covered(g))
            .map(|(g, z, delta)| {
                let (_, [p, q]) = self.grams[g];
                let (id, ctx) = self.examples.get(g).cloned().unwrap_or_default();
                Suggestion {
                    term: g.clone(),
                    z,
                    log_odds: delta,
                    positive: p,
                    negative: q,
                    example_id: id,
                    example: ctx,
                }
            })
            .collect();
        out.sort_by(|a, b| b.z.total_cmp(&a.z).then(a.term.cmp(&b.term)));
        out
    }
}

fn acceptable(gram: &str) -> bool {
    gram.split(' ').all(|w| {
        let chars = w.chars().count();
        chars >= 2 && !w.chars().all(|c| c.is_ascii_digit()) && !STOPWORDS.contains(&w)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(pos: &[&str], neg: &[&str]) -> Counts {
        let mut c = Counts::default();
        for (i, t) in pos.iter().enumerate() {
            c.add(true, grams(&format!("p{i}"), t.to_string(), 2));
        }
        for (i, t) in neg.iter().enumerate() {
            c.add(false, grams(&format!("n{i}"), t.to_string(), 2));
        }
        c
    }

    #[test]
    fn tokens_and_bigrams_follow_the_normaliser() {
        let g = grams("d", "Export‑Controls, on CHIPS. 中美".into(), 2);
        let got: Vec<&str> = g.grams.iter().map(|(s, _, _)| s.as_str()).collect();
        assert_eq!(
            got,
            [
                "export",
                "export controls",
                "controls",
                "on",
                "on chips",
                "chips",
                "中",
                "中美",
                "美"
            ]
        );
        // Spans index the original text.
        let (s, e) = g.grams[1].2;
        assert_eq!(&g.text[s..e], "Export‑Controls");
    }

    #[test]
    fn lopsided_frequent_words_rank_first() {
        let pos = [
            "export controls protect us from the adversary",
            "the adversary steals export controls secrets",
            "export controls and the adversary again",
            "weather and markets",
        ];
        let neg = [
            "the weather is fine and markets rise",
            "markets fall, the weather turns",
            "the adversary in chess",
        ];
        let c = counts(&pos, &neg);
        let ranked = c.rank(&Options::default(), |_| false);
        let terms: Vec<&str> = ranked.iter().map(|s| s.term.as_str()).collect();
        // Equal counts, equal z: ties in alphabetical order.
        assert_eq!(terms[..3], ["controls", "export", "export controls"]);
        assert!(!terms.contains(&"the"), "stop words are left out");
        assert!(
            !terms.contains(&"markets"),
            "negative-side words never rank"
        );
        let ec = ranked.iter().find(|s| s.term == "export controls").unwrap();
        assert_eq!((ec.positive, ec.negative), (3, 0));
        assert_eq!(ec.example_id, "p0");
        assert_eq!(
            ec.example,
            "[export controls] protect us from the adversary"
        );
        // "adversary" is on both sides: it ranks below words seen only in the frame.
        let adv = ranked.iter().position(|s| s.term == "adversary").unwrap();
        assert!(adv > 2);
        // What the lexicon covers is left out.
        let ranked = c.rank(&Options::default(), |g| g.contains("export"));
        assert_eq!(ranked[0].term, "controls");
    }

    #[test]
    fn z_matches_the_formula() {
        // One word, 4 of 10 tokens in positive, 1 of 10 in negative, prior a = 1.
        let c = counts(
            &["aa aa aa aa bb cc dd ee ff gg"],
            &["aa hh ii jj kk ll mm nn oo pp"],
        );
        let opts = Options {
            min_count: 1,
            prior: 1.0,
            ..Options::default()
        };
        let s = c.rank(&opts, |_| false);
        let aa = s.iter().find(|s| s.term == "aa").unwrap();
        let (yi, yj, ni, nj) = (4.0f64, 1.0f64, 10.0f64, 10.0f64);
        let (aw, a0) = (yi + yj, ni + nj);
        let delta = ((yi + aw) / (ni + a0 - yi - aw)).ln() - ((yj + aw) / (nj + a0 - yj - aw)).ln();
        let z = delta / (1.0 / (yi + aw) + 1.0 / (yj + aw)).sqrt();
        assert!((aa.z - z).abs() < 1e-12);
        assert!((aa.log_odds - delta).abs() < 1e-12);
    }
}
