//! Invariants shared by the fuzz targets: what must hold of any score of any text.
//!
//! The targets feed the library arbitrary lexicons and bytes; a panic anywhere is a
//! finding, and so is a score that breaks the matching contract. The checks here state
//! the contract's checkable parts once: offsets on char boundaries of the original text,
//! hits in text order and non-overlapping, each hit's slice normalising to its term's
//! stem, counts and presence agreeing with the hits and the thresholds.

use framelex::normalize::normalize_str;
use framelex::score::{DocScore, HitKind};
use framelex::Compiled;

/// Checks every invariant of `score`, the result of scoring `text` with `compiled`.
/// Panics (a fuzz finding) with a description when one fails.
pub fn check_score(compiled: &Compiled, text: &str, score: &DocScore) {
    assert_eq!(score.frames.len(), compiled.frames.len());
    let mut prev: Option<(usize, usize)> = None;
    let mut counted = vec![0u32; compiled.frames.len()];
    let mut negated = vec![0u32; compiled.frames.len()];
    let mut out_of_scope = vec![0u32; compiled.frames.len()];
    for hit in &score.hits {
        assert!(hit.start <= hit.end, "hit {hit:?} ends before it starts");
        assert!(
            hit.end <= text.len(),
            "hit {hit:?} past the end of {text:?}"
        );
        assert!(
            text.is_char_boundary(hit.start) && text.is_char_boundary(hit.end),
            "hit {hit:?} not on char boundaries of {text:?}"
        );
        if let Some((s, e)) = prev {
            let same_span = (s, e) == (hit.start, hit.end);
            assert!(
                same_span || hit.start >= e,
                "hit {hit:?} overlaps or precedes the previous hit {s}..{e} in {text:?}"
            );
        }
        prev = Some((hit.start, hit.end));
        let term = &compiled.terms[hit.term];
        assert_eq!(term.frame, hit.frame);
        let body = term.text.trim();
        let stem = normalize_str(body.strip_suffix('*').unwrap_or(body));
        let matched = normalize_str(&text[hit.start..hit.end]);
        if term.wildcard {
            assert!(
                matched.starts_with(&stem),
                "wildcard {:?} hit {:?} ({matched:?}) in {text:?}",
                term.text,
                &text[hit.start..hit.end]
            );
        } else {
            assert_eq!(
                matched,
                stem,
                "term {:?} hit {:?} in {text:?}",
                term.text,
                &text[hit.start..hit.end]
            );
        }
        match hit.kind {
            HitKind::Counted => counted[hit.frame] += 1,
            HitKind::Negated => negated[hit.frame] += 1,
            HitKind::Excluded => assert!(term.exclusion),
            HitKind::OutOfScope => {
                assert!(compiled.frames[hit.frame].scope.is_some());
                out_of_scope[hit.frame] += 1;
            }
        }
    }
    for (fi, (fs, info)) in score.frames.iter().zip(&compiled.frames).enumerate() {
        assert_eq!(fs.hits, counted[fi], "frame {fi}: hits");
        assert_eq!(fs.negated, negated[fi], "frame {fi}: negated");
        assert_eq!(fs.out_of_scope, out_of_scope[fi], "frame {fi}: out of scope");
        let sum: u32 = fs.terms.iter().map(|t| t.count).sum();
        assert_eq!(sum, fs.hits, "frame {fi}: term counts");
        let p = &info.presence;
        let want = framelex::score::reaches(fs.score, p.min_score)
            && fs.hits >= p.min_hits
            && fs.distinct_terms() >= p.min_terms as usize
            && framelex::score::reaches(fs.density, p.min_density);
        assert_eq!(fs.present, want, "frame {fi}: presence {fs:?} vs {p:?}");
        assert!(fs.score.is_finite() && fs.density.is_finite());
    }
    match score.dominant {
        Some(d) => {
            assert!(score.frames[d].present);
            assert!(score
                .frames
                .iter()
                .all(|f| !f.present || f.score <= score.frames[d].score));
        }
        None => assert!(score.frames.iter().all(|f| !f.present)),
    }
}

/// Tokens that matter to matching, so that fuzzed terms and texts meet often: case pairs,
/// expansions (ß, İ), sigma forms, typography that folds, invisible characters, scripts
/// without spaces, joiners, negators and the wildcard.
pub const TOKENS: [&str; 32] = [
    "a", "b", "ab", "ba", " ", "-", "'", "\u{2019}", "É", "é", "ß", "ss", "Σ", "ς", "σ", "中",
    "国", "\u{00A0}", "\u{200B}", "İ", "i", ".", "*", "n't", "not ", "\n", "\u{2014}", "\u{FB01}",
    "\u{0301}", "\"", "\u{201C}", "x",
];

/// Bytes to text: bytes from 0xE0 up pick a [`TOKEN`](TOKENS); the others are kept as
/// they are, then the whole is decoded lossily (as the readers do), so texts hold both
/// tokens that hit terms and arbitrary, possibly invalid, UTF-8.
pub fn tokens_to_text(bytes: &[u8]) -> String {
    let mut out = Vec::with_capacity(bytes.len() * 2);
    for &b in bytes {
        if b >= 0xE0 {
            out.extend_from_slice(TOKENS[(b - 0xE0) as usize].as_bytes());
        } else {
            out.push(b);
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A TOML basic string holding `s`.
pub fn toml_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 || c == '\u{7F}' => {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
