//! The automaton flattened into one transition table that the hot loop steps directly.
//!
//! The aho-corasick crate builds the automaton (its DFA, with failure transitions already
//! resolved), but its `Automaton::next_state` costs the hot loop a byte-class lookup, a
//! bounds check and a reload of the table's address on every byte. Here the same states
//! and transitions are copied into a table that framelex owns, and the byte class of every
//! folded ASCII byte is written into the normaliser's own lookup table
//! ([`crate::normalize`]'s `FoldTable`), so a byte costs one lookup for folding, word state
//! and class together, and one for the transition. Match states are numbered first, so
//! "is this a match?" is one comparison. `docs/performance.md` has the figures.
//!
//! It is built only from the crate's DFA: a set too large for one would make a table as
//! large, and then the scorer steps the crate's contiguous NFA instead.

use aho_corasick::automaton::Automaton;
use aho_corasick::Anchored;

use crate::normalize::{fold_table, FoldTable};

/// Steps a [`FlatDfa`] on the byte classes of its [`FlatDfa::fold_table`]; from
/// [`FlatDfa::stepper`].
#[derive(Clone, Copy)]
pub(crate) struct Stepper<'a> {
    trans: &'a [u32],
    match_limit: usize,
}

impl Stepper<'_> {
    /// The state after a byte of class `class` — one of the DFA's classes, as the
    /// entries of [`FlatDfa::fold_table`] carry — from a state `s` the DFA gave.
    #[inline(always)]
    pub(crate) fn step_class(self, s: usize, class: u8) -> usize {
        debug_assert!(s + (class as usize) < self.trans.len());
        // SAFETY: `s` is a state id (the start or a value of `trans`), `class` is below
        // the stride, and `trans` holds a full row of the stride for every state.
        unsafe { *self.trans.get_unchecked(s + class as usize) as usize }
    }

    /// Whether `s` is a match state.
    #[inline(always)]
    pub(crate) fn is_match(self, s: usize) -> bool {
        s < self.match_limit
    }
}

/// A DFA over normalised bytes as one flat table. State ids are premultiplied: a state's
/// id is its index times the number of byte classes, so a transition is
/// `trans[id + class]`.
#[derive(Clone)]
pub(crate) struct FlatDfa {
    /// Next state ids, by `id + class`. Every value is a state id, and every state id
    /// plus every class is in bounds: [`FlatDfa::step_class`] relies on it.
    trans: Box<[u32]>,
    /// The class of each byte: its own for each byte that occurs in a pattern, 0 for all
    /// the others (from any state they lead back to the start).
    classes: [u8; 256],
    /// Number of classes (the stride between states).
    stride: u32,
    /// The unanchored start state.
    start: u32,
    /// States with ids below this are match states.
    match_limit: u32,
    /// The patterns each match state reports, as ranges into `pattern_ids`, by state
    /// index.
    match_ranges: Box<[(u32, u32)]>,
    pattern_ids: Box<[u32]>,
    /// The normaliser's table with these byte classes.
    fold: Box<FoldTable>,
}

impl std::fmt::Debug for FlatDfa {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FlatDfa")
            .field("states", &(self.trans.len() / self.stride as usize))
            .field("classes", &self.stride)
            .field("match_states", &self.match_ranges.len())
            .finish_non_exhaustive()
    }
}

impl FlatDfa {
    /// Copies `a`, an unanchored automaton over `stems`, into a flat table; `None` if the
    /// table would take more than `limit` bytes.
    pub(crate) fn new<A: Automaton>(a: &A, stems: &[String], limit: usize) -> Option<FlatDfa> {
        // Classes: one for each byte in a pattern, and class 0 for the rest, whose
        // transitions are all the same (back to the start: no pattern continues with
        // them, nor begins with them).
        let mut classes = [0u8; 256];
        let mut reps = vec![0u8];
        for b in stems.iter().flat_map(|s| s.bytes()) {
            if classes[b as usize] == 0 {
                classes[b as usize] = reps.len() as u8;
                reps.push(b);
            }
            if reps.len() > 255 {
                return None;
            }
        }
        // Class 0 stands for a byte in no pattern, if any is left.
        if let Some(other) = (0..=255u8).find(|&b| classes[b as usize] == 0) {
            reps[0] = other;
        }
        let stride = reps.len();
        // Every state reachable from the start, in breadth-first order.
        // The crate's state ids are indexes into its own tables, so a vector indexed by
        // them maps them to ours, at most the size of those tables and much faster than
        // hashing.
        let start = a.start_state(Anchored::No).ok()?;
        let mut index: Vec<u32> = Vec::new();
        let mut order = Vec::new();
        let mut next: Vec<usize> = Vec::new();
        let mut i = 0;
        let mut seen = |sid: aho_corasick::automaton::StateID, order: &mut Vec<_>| {
            let at = sid.as_usize();
            if at >= index.len() {
                index.resize(at + 1, u32::MAX);
            }
            if index[at] == u32::MAX {
                index[at] = order.len() as u32;
                order.push(sid);
            }
            index[at] as usize
        };
        seen(start, &mut order);
        while i < order.len() {
            let sid = order[i];
            for &b in &reps {
                let to = a.next_state(Anchored::No, sid, b);
                next.push(seen(to, &mut order));
            }
            if order.len().saturating_mul(stride).saturating_mul(4) > limit {
                return None;
            }
            i += 1;
        }
        // Match states first, each group in breadth-first order.
        let mut rank: Vec<usize> = (0..order.len()).collect();
        rank.sort_by_key(|&i| !a.is_match(order[i]));
        let mut new_index = vec![0u32; order.len()];
        for (new, &old) in rank.iter().enumerate() {
            new_index[old] = new as u32;
        }
        let id = |old: usize| new_index[old] * stride as u32;
        let mut trans = vec![0u32; order.len() * stride];
        for (old, row) in next.chunks(stride).enumerate() {
            let base = id(old) as usize;
            for (c, &to) in row.iter().enumerate() {
                trans[base + c] = id(to);
            }
        }
        let mut match_ranges = Vec::new();
        let mut pattern_ids = Vec::new();
        for &old in rank.iter().take_while(|&&i| a.is_match(order[i])) {
            let sid = order[old];
            let from = pattern_ids.len() as u32;
            pattern_ids.extend((0..a.match_len(sid)).map(|m| a.match_pattern(sid, m).as_u32()));
            match_ranges.push((from, pattern_ids.len() as u32));
        }
        Some(FlatDfa {
            trans: trans.into(),
            classes,
            stride: stride as u32,
            start: id(0),
            match_limit: match_ranges.len() as u32 * stride as u32,
            match_ranges: match_ranges.into(),
            pattern_ids: pattern_ids.into(),
            fold: Box::new(fold_table(classes)),
        })
    }

    /// The start state.
    #[inline(always)]
    pub(crate) fn start(&self) -> u32 {
        self.start
    }

    /// The state after byte `b`.
    #[inline(always)]
    pub(crate) fn step(&self, s: u32, b: u8) -> u32 {
        self.trans[s as usize + self.classes[b as usize] as usize]
    }

    /// What the hot loop needs to step this DFA on classes, as a value of its own, so
    /// that the loop keeps it in registers instead of reloading it through `self`.
    #[inline(always)]
    pub(crate) fn stepper(&self) -> Stepper<'_> {
        Stepper {
            trans: &self.trans,
            match_limit: self.match_limit as usize,
        }
    }

    /// Whether `s` is a match state.
    #[inline(always)]
    pub(crate) fn is_match(&self, s: u32) -> bool {
        s < self.match_limit
    }

    /// The patterns a match state reports (none for other states).
    pub(crate) fn patterns(&self, s: u32) -> &[u32] {
        match self.match_ranges.get((s / self.stride) as usize) {
            Some(&(from, to)) if self.is_match(s) => &self.pattern_ids[from as usize..to as usize],
            _ => &[],
        }
    }

    /// The normaliser's table, with this DFA's byte classes.
    pub(crate) fn fold_table(&self) -> &FoldTable {
        &self.fold
    }

    /// Number of states.
    #[cfg(test)]
    pub(crate) fn states(&self) -> usize {
        self.trans.len() / self.stride as usize
    }

    /// Heap bytes.
    pub(crate) fn memory_usage(&self) -> usize {
        (self.trans.len() + self.pattern_ids.len() + 2 * self.match_ranges.len()) * 4
            + std::mem::size_of::<FoldTable>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{dfa, MatchKind};

    fn build(stems: &[&str]) -> (dfa::DFA, FlatDfa) {
        let stems: Vec<String> = stems.iter().map(|s| s.to_string()).collect();
        let d = dfa::Builder::new()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(&stems)
            .expect("builds");
        let f = FlatDfa::new(&d, &stems, 1 << 30).expect("fits");
        (d, f)
    }

    /// Every match of the flat table over `text`, as (end, pattern).
    fn flat_matches(f: &FlatDfa, text: &[u8]) -> Vec<(usize, u32)> {
        let mut s = f.start();
        let mut out = Vec::new();
        for (i, &b) in text.iter().enumerate() {
            s = f.step(s, b);
            out.extend(f.patterns(s).iter().map(|&p| (i + 1, p)));
        }
        out
    }

    fn crate_matches(d: &dfa::DFA, text: &[u8]) -> Vec<(usize, u32)> {
        let mut s = d.start_state(Anchored::No).unwrap();
        let mut out = Vec::new();
        for (i, &b) in text.iter().enumerate() {
            s = d.next_state(Anchored::No, s, b);
            if d.is_match(s) {
                out.extend((0..d.match_len(s)).map(|m| (i + 1, d.match_pattern(s, m).as_u32())));
            }
        }
        out
    }

    #[test]
    fn reports_what_the_crate_reports() {
        let stems = [
            "security",
            "national security",
            "arms race",
            "états-unis",
            "中国",
            "he",
            "she",
            "hers",
        ];
        let (d, f) = build(&stems);
        let texts: [&[u8]; 5] = [
            b"national security, ushers, she said: arms race",
            "les états-unis et la chine 中国".as_bytes(),
            b"",
            b"xxxxsecuritysecurit",
            &[0xff, 0x00, b's', b'h', b'e', 0x80, b'h', b'e', b'r', b's'],
        ];
        for text in texts {
            assert_eq!(flat_matches(&f, text), crate_matches(&d, text), "{text:?}");
        }
        assert!(f.states() > 30, "a table of {} states", f.states());
    }

    #[test]
    fn match_states_come_first_and_list_their_patterns() {
        let (_, f) = build(&["he", "she"]);
        let after_she = f.step(f.step(f.step(f.start(), b's'), b'h'), b'e');
        assert!(f.is_match(after_she));
        let mut p = f.patterns(after_she).to_vec();
        p.sort();
        assert_eq!(p, [0, 1]);
        assert!(!f.is_match(f.start()));
        assert!(f.patterns(f.start()).is_empty());
    }

    #[test]
    fn refuses_a_table_over_its_limit() {
        let stems: Vec<String> = (0..200).map(|i| format!("term{i}x")).collect();
        let d = dfa::Builder::new().prefilter(false).build(&stems).unwrap();
        assert!(FlatDfa::new(&d, &stems, 1 << 10).is_none());
        assert!(FlatDfa::new(&d, &stems, 1 << 30).is_some());
    }

    proptest::proptest! {
        #[test]
        fn agrees_with_the_crate_on_any_text(text in proptest::collection::vec(
            proptest::sample::select(b"abcehrsu \xc3\xa9\xe4\xb8\xad-".to_vec()), 0..200)) {
            let (d, f) = build(&["security", "he", "she", "hers", "us", "é", "中", "a b", "ab-c"]);
            proptest::prop_assert_eq!(flat_matches(&f, &text), crate_matches(&d, &text));
        }
    }
}
