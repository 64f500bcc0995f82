//! The bare scans: the automaton and the word-boundary checks and nothing else. They are
//! the floors that `benches/dump.sh` and the benches weigh the scorer against, so they
//! live beside it and share its boundary checks, but never take part in scoring.

use aho_corasick::automaton::Automaton;

use super::{end_ok, fold_and_scan, start_ok};
use crate::compile::{Compiled, Matcher};
use crate::normalize::Normalizer;

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
