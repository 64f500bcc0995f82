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

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::Anchored;

use crate::normalize::{fold_table, FoldTable, WORD_START};

/// Hashes the crate's state ids for the copy's state map: one multiplication instead of
/// SipHash, which took three times as long as the rest of the copy. The ids are small
/// integers, not chosen by anyone, so no protection against collisions is needed.
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b) ^ self.0.rotate_left(8));
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    fn finish(&self) -> u64 {
        // The high bits of the product carry the most of the id; fold them down, where
        // the table picks its bucket.
        self.0 ^ (self.0 >> 32)
    }
}

type IdHash = BuildHasherDefault<IdHasher>;

/// Steps a [`FlatDfa`] on the byte classes of its [`FlatDfa::fold_table`]; from
/// [`FlatDfa::stepper`].
#[derive(Clone, Copy)]
pub(crate) struct Stepper<'a> {
    trans: &'a [u32],
    match_limit: usize,
}

impl Stepper<'_> {
    /// The state after a byte of class `class`, from state `s`, without a bounds check.
    ///
    /// # Safety
    ///
    /// `s` must be a state of the DFA this stepper came from (its start, or a state one
    /// of its steps gave), and `class` one of that DFA's classes, as the entries of its
    /// own [`FlatDfa::fold_table`] carry.
    #[inline(always)]
    pub(crate) unsafe fn step_class(self, s: usize, class: u8) -> usize {
        debug_assert!(s + (class as usize) < self.trans.len());
        // SAFETY: by the caller's promise `s` is a row's start and `class` below the
        // stride, and `trans` holds a full row of the stride for every state.
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
    /// plus every class is in bounds: [`Stepper::step_class`] relies on it.
    trans: Box<[u32]>,
    /// The class of each byte: its own for each byte that occurs in a pattern, 0 for all
    /// the others (from any state they lead back to the start).
    classes: [u8; 256],
    /// Number of classes (the stride between states).
    stride: u32,
    /// The unanchored start state, at the start of a text and after a byte that is not a
    /// word byte.
    start: u32,
    /// The start state after a word byte that begins no pattern.
    start_in_word: u32,
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

/// Moves row `i` of `table` (rows of `width` values) to row `to[i]`, in place; `to` is a
/// permutation of the row numbers.
fn permute_rows(table: &mut [u32], width: usize, to: &[u32]) {
    debug_assert_eq!(table.len(), width * to.len());
    let mut done = vec![false; to.len()];
    let mut carry = vec![0u32; width];
    for start in 0..to.len() {
        if done[start] {
            continue;
        }
        // Follow the cycle through `start`: `carry` holds the row that belongs where the
        // cycle goes next, and takes up the row it displaces there.
        carry.copy_from_slice(&table[start * width..][..width]);
        let mut at = start;
        loop {
            done[at] = true;
            let dest = to[at] as usize;
            carry.swap_with_slice(&mut table[dest * width..][..width]);
            if dest == start {
                break;
            }
            at = dest;
        }
    }
}

/// The rank of a (case-folded) byte by its frequency in English news text: the space and
/// the common letters first, then the rarer letters, punctuation and digits, then the rest
/// in byte order. Only the order matters (see [`FlatDfa::new`]).
fn byte_rank(b: u8) -> usize {
    const BY_FREQUENCY: &[u8] = b" etaoinsrhldcumfpgwybv,.k'x-jqz0123456789\"";
    BY_FREQUENCY
        .iter()
        .position(|&x| x == b)
        .unwrap_or(BY_FREQUENCY.len() + b as usize)
}

/// Whether a path whose last bytes are `tail` ends a word: its last character is not a
/// word character (a space, punctuation, a character of a script written without spaces),
/// so that a word byte next starts a word. A path that ends inside a character, or with a
/// word-start mark, counts as not ending one: no ASCII byte can follow either.
fn path_ends_word(tail: &[u8; 4]) -> bool {
    let last = tail[3];
    if last < 0x80 {
        return !(last.is_ascii_alphanumeric() || last == b'_');
    }
    (1..=4)
        .filter_map(|n| std::str::from_utf8(&tail[4 - n..]).ok())
        .filter_map(|s| s.chars().next_back())
        .next()
        .is_some_and(|c| crate::normalize::char_class(c) != crate::normalize::CharClass::Word)
}

impl FlatDfa {
    /// Copies `a`, an unanchored automaton over `stems` (with their word-start marks, see
    /// `crate::compile::marked`), into a flat table; `None` if the table would take more
    /// than `limit` bytes.
    ///
    /// The hot loop steps once per byte, also where a word starts, though the patterns
    /// hold a word-start mark there: a row knows whether its state was reached on a byte
    /// that ends a word (a space, punctuation: the state's path ends with one, or it is
    /// the start after such a byte), and in the rows of those states the column of each
    /// ASCII word byte holds the step on a word start *and then* that byte. The start
    /// state is split in two for that: reached on a word byte and reached on anything
    /// else. Characters outside ASCII take the slow path, which steps the word start on
    /// its own and then sets which start the character leaves the automaton in
    /// ([`FlatDfa::after_char`]).
    pub(crate) fn new<A: Automaton>(a: &A, stems: &[Vec<u8>], limit: usize) -> Option<FlatDfa> {
        let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
        // Classes: one for each byte in a pattern; for the bytes in no pattern, whose
        // transitions are all the same (back to the start), class 0 for the ASCII word
        // bytes among them and one more for the rest, since after one the next word byte
        // starts a word and after the other it does not.
        let mut in_pattern = [false; 256];
        let mut reps: Vec<u8> = Vec::new();
        for &b in stems.iter().flatten() {
            if !in_pattern[b as usize] {
                in_pattern[b as usize] = true;
                reps.push(b);
            }
        }
        let free =
            |word: bool| (0..=255u8).find(|&b| !in_pattern[b as usize] && is_word(b) == word);
        // Class 0: a word byte in no pattern (if every one is in some pattern, class 0 is
        // a placeholder, never stepped on); class 1: any other byte in no pattern.
        reps.insert(0, free(false).unwrap_or(0));
        reps.insert(0, free(true).unwrap_or(b'a'));
        if reps.len() > 256 {
            return None;
        }
        // Number the classes by how often their bytes occur in text, most often first, so
        // that the transitions a row is mostly read at sit side by side in one or two cache
        // lines instead of spread over its whole length.
        reps[2..].sort_by_key(|&b| byte_rank(b));
        let mut classes = [0u8; 256];
        for b in 0..=255u8 {
            classes[b as usize] = u8::from(!is_word(b));
        }
        for (class, &b) in reps.iter().enumerate().skip(2) {
            classes[b as usize] = class as u8;
        }
        let stride = reps.len();
        // Refused as soon as the states found so far would not fit, so that a set too
        // large costs a bounded search, not a whole copy (though the rows written by
        // then, up to `limit` bytes, are written for nothing).
        let max_states = limit / (4 * stride);
        // One pass over the crate's table, in breadth-first order from the start: each
        // state's row of transitions, to breadth-first indexes, goes straight into the
        // table as the state is reached, and nothing of the size of the table is held
        // twice. Reachable from the unanchored start are the two starts and the trie's
        // states, at most one per byte of the patterns (and, for other match kinds than
        // this one, the dead state): room for that many rows, and a few to spare, is
        // enough, so the table never moves while it grows.
        //
        // A state is known by the crate's id and, for the start only, by whether a word
        // byte led to it; each state also keeps the last bytes of its path, to tell
        // whether the path ends a word.
        let start = a.start_state(Anchored::No).ok()?;
        type Key = (StateID, bool);
        let mut index: HashMap<Key, u32, IdHash> = HashMap::default();
        // (state, after a word-ending byte, last bytes of the path)
        let mut order: Vec<(StateID, bool, [u8; 4])> =
            vec![(start, true, [0; 4]), (start, false, [0; 4])];
        index.insert((start, false), 0);
        index.insert((start, true), 1);
        let bound = stems.iter().map(Vec::len).sum::<usize>() + 4;
        let mut trans: Vec<u32> = Vec::with_capacity(bound.min(max_states) * stride);
        let mut i = 0;
        while i < order.len() {
            let (sid, ends_word, tail) = order[i];
            let after_mark = a.next_state(Anchored::No, sid, WORD_START);
            for &b in &reps {
                let from = if ends_word && is_word(b) {
                    after_mark
                } else {
                    sid
                };
                let to = a.next_state(Anchored::No, from, b);
                let mut tail_to = [tail[1], tail[2], tail[3], b];
                let key = if to == start {
                    // The start, reached on a word byte or not; a byte outside ASCII leaves
                    // it as a byte that is not a word byte, until the slow path says which
                    // the whole character is.
                    tail_to = [0; 4];
                    (start, is_word(b))
                } else {
                    (to, false)
                };
                let next = order.len() as u32;
                let to_index = match index.entry(key) {
                    Entry::Occupied(o) => *o.get(),
                    Entry::Vacant(v) => {
                        if order.len() >= max_states {
                            return None;
                        }
                        v.insert(next);
                        let ends = if to == start {
                            !is_word(b)
                        } else {
                            path_ends_word(&tail_to)
                        };
                        order.push((to, ends, tail_to));
                        next
                    }
                };
                trans.push(to_index);
            }
            i += 1;
        }
        drop(index);
        // Match states first, each group in breadth-first order: the rows move to their
        // places in the table itself (one cycle of the permutation at a time), so that
        // nothing of the size of the table is held twice, and every value becomes the
        // new id of its state.
        let mut rank: Vec<u32> = (0..order.len() as u32).collect();
        rank.sort_by_key(|&i| !a.is_match(order[i as usize].0));
        let mut new_index = vec![0u32; order.len()];
        for (new, &old) in rank.iter().enumerate() {
            new_index[old as usize] = new as u32;
        }
        let id = |old: u32| new_index[old as usize] * stride as u32;
        permute_rows(&mut trans, stride, &new_index);
        for t in &mut trans {
            *t = id(*t);
        }
        let mut match_ranges = Vec::new();
        let mut pattern_ids = Vec::new();
        for &old in rank
            .iter()
            .take_while(|&&i| a.is_match(order[i as usize].0))
        {
            let sid = order[old as usize].0;
            let from = pattern_ids.len() as u32;
            pattern_ids.extend((0..a.match_len(sid)).map(|m| a.match_pattern(sid, m).as_u32()));
            match_ranges.push((from, pattern_ids.len() as u32));
        }
        Some(FlatDfa {
            trans: trans.into(),
            classes,
            stride: stride as u32,
            start: id(0),
            start_in_word: id(1),
            match_limit: match_ranges.len() as u32 * stride as u32,
            match_ranges: match_ranges.into(),
            pattern_ids: pattern_ids.into(),
            fold: Box::new(fold_table(classes, classes)),
        })
    }

    /// The state after a character outside ASCII (`word`: a word character) from `s`: the
    /// start as the character leaves it, one after a word or one after anything else; any
    /// other state as it is (its path says what it ends with).
    #[inline]
    pub(crate) fn after_char(&self, s: u32, word: bool) -> u32 {
        if s == self.start || s == self.start_in_word {
            if word {
                self.start_in_word
            } else {
                self.start
            }
        } else {
            s
        }
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
            // Match states are numbered first, so only they have a range.
            Some(&(from, to)) => &self.pattern_ids[from as usize..to as usize],
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::{Entry, Normalizer, Tap};
    use aho_corasick::{dfa, MatchKind};

    fn build<S: AsRef<str>>(stems: &[S]) -> (dfa::DFA, FlatDfa) {
        let stems: Vec<String> = stems.iter().map(|s| s.as_ref().to_string()).collect();
        let d = dfa::Builder::new()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(&stems)
            .expect("builds");
        let bytes: Vec<Vec<u8>> = stems.iter().map(|s| s.clone().into_bytes()).collect();
        let f = FlatDfa::new(&d, &bytes, 1 << 30).expect("fits");
        (d, f)
    }

    /// Every match of the flat table over `text`, as (end, pattern).
    fn flat_matches(f: &FlatDfa, text: &str) -> Vec<(usize, u32)> {
        // As the scorer steps it: ASCII bytes on their own (the rows know word starts),
        // other characters with their word start stepped first and the start state set
        // after them.
        let mut s = f.start();
        let mut out = Vec::new();
        let mut after_word = false;
        for (i, ch) in text.char_indices() {
            let word = crate::normalize::char_class(ch) == crate::normalize::CharClass::Word;
            if !ch.is_ascii() && word && !after_word {
                s = f.step(s, WORD_START);
            }
            for (k, &b) in ch.encode_utf8(&mut [0; 4]).as_bytes().iter().enumerate() {
                s = f.step(s, b);
                out.extend(f.patterns(s).iter().map(|&p| (i + k + 1, p)));
            }
            if !ch.is_ascii() {
                s = f.after_char(s, word);
            }
            after_word = word;
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

    /// The crate DFA over stems with word-start marks, as `Compiled` builds them, and its
    /// flat copy.
    fn build_marked(stems: &[String]) -> (dfa::DFA, FlatDfa) {
        let marked: Vec<Vec<u8>> = stems.iter().map(|s| crate::compile::marked(s)).collect();
        let d = dfa::Builder::new()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(&marked)
            .expect("builds");
        let f = FlatDfa::new(&d, &marked, 1 << 30).expect("fits");
        (d, f)
    }

    /// The crate DFA's matches over `text` with a word-start mark before each word start,
    /// as (end in `text`, pattern): what the scorer's tapped loop must find.
    fn crate_matches_marked(d: &dfa::DFA, text: &str) -> Vec<(usize, u32)> {
        let marked = crate::compile::marked(text);
        // Marked offset -> offset in `text`: the marks before it do not count.
        let mut plain = Vec::with_capacity(marked.len() + 1);
        let mut n = 0;
        for &b in &marked {
            plain.push(n);
            n += usize::from(b != WORD_START);
        }
        plain.push(n);
        crate_matches(d, &marked)
            .into_iter()
            .map(|(end, p)| (plain[end], p))
            .collect()
    }

    #[test]
    fn reports_what_the_crate_reports() {
        let stems: Vec<String> = [
            "security",
            "national security",
            "arms race",
            "états-unis",
            "中国",
            "he",
            "she",
            "hers",
            "'s",
            // Paths that end in a character of two and of four bytes, a word character
            // and not: only after the second does a word start.
            "xĀ",
            "x😀",
        ]
        .map(String::from)
        .to_vec();
        let (d, f) = build_marked(&stems);
        let texts = [
            "national security, ushers, she said: arms race",
            "les états-unis et la chine 中国 中国security éhe",
            "",
            "xxxxsecuritysecurit",
            "\u{0}she\u{80}hers America's she'shers",
            "xĀsecurity x😀security xĀhe x😀she",
        ];
        for text in texts {
            assert_eq!(
                flat_matches(&f, text),
                crate_matches_marked(&d, text),
                "{text:?}"
            );
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
        // The stepper the hot loop uses agrees on every state: a match state is one that
        // reports patterns, and there are two (after "he" and after "she").
        let stepper = f.stepper();
        let ids = (0..f.states()).map(|i| i as u32 * f.stride);
        for s in ids {
            let reports = !f.patterns(s).is_empty();
            assert_eq!(stepper.is_match(s as usize), reports, "state {s}");
            assert_eq!(f.is_match(s), reports, "state {s}");
        }
        assert_eq!(
            format!("{f:?}"),
            format!(
                "FlatDfa {{ states: {}, classes: {}, match_states: 2, .. }}",
                f.states(),
                f.stride
            )
        );
    }

    #[test]
    fn permute_rows_moves_each_row_to_its_place() {
        // Rows of width 2; a permutation with a 3-cycle, a fixed point and a 2-cycle.
        let to = [2u32, 0, 1, 3, 5, 4];
        let mut table: Vec<u32> = (0..12).collect();
        permute_rows(&mut table, 2, &to);
        let mut want = vec![0u32; 12];
        for (row, &dest) in to.iter().enumerate() {
            want[dest as usize * 2] = row as u32 * 2;
            want[dest as usize * 2 + 1] = row as u32 * 2 + 1;
        }
        assert_eq!(table, want);
        // The identity leaves the table as it was.
        let mut same: Vec<u32> = (0..6).collect();
        permute_rows(&mut same, 3, &[0, 1]);
        assert_eq!(same, (0..6).collect::<Vec<_>>());
    }

    #[test]
    fn refuses_a_table_over_its_limit() {
        let stems: Vec<String> = (0..200).map(|i| format!("term{i}x")).collect();
        let d = dfa::Builder::new().prefilter(false).build(&stems).unwrap();
        let bytes: Vec<Vec<u8>> = stems.iter().map(|s| s.clone().into_bytes()).collect();
        assert!(FlatDfa::new(&d, &bytes, 1 << 10).is_none());
        assert!(FlatDfa::new(&d, &bytes, 1 << 30).is_some());
    }

    /// Characters that stress folding, word counts and byte classes, and now and then any
    /// character at all.
    fn edge_char() -> impl proptest::strategy::Strategy<Value = char> {
        use proptest::prelude::*;
        prop_oneof![
            8 => proptest::sample::select(vec![
                'a', 'b', 'e', 'h', 's', 'Z', 'A', '5', '_', ' ', '\t', '\n', '\r', '-', '\'',
                '.', ',', '"', '\u{2019}', '\u{2018}', '\u{201C}', '\u{2010}', '\u{2014}',
                '\u{00A0}', '\u{00AD}', '\u{200B}', 'ß', 'É', 'é', '中', 'ς', 'İ', '\u{0301}',
                '\u{0}', '\u{7f}',
            ]),
            1 => any::<char>(),
        ]
    }

    fn string_of(len: std::ops::Range<usize>) -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        proptest::collection::vec(edge_char(), len).prop_map(|v| v.into_iter().collect())
    }

    /// Steps the flat table as the scorer does, recording matches.
    struct Record<'a> {
        dfa: &'a FlatDfa,
        state: usize,
        matches: Vec<(usize, u32)>,
    }

    impl Tap for Record<'_> {
        type State = usize;
        fn state(&self) -> usize {
            self.state
        }
        fn set_state(&mut self, s: usize) {
            self.state = s;
        }
        fn step(&self, s: usize, b: u8) -> usize {
            self.dfa.step(s as u32, b) as usize
        }
        fn is_special(&self, s: usize) -> bool {
            self.dfa.is_match(s as u32)
        }
        fn special(&mut self, s: usize, end: usize) {
            self.matches
                .extend(self.dfa.patterns(s as u32).iter().map(|&p| (end, p)));
        }
        fn table(&self) -> &FoldTable {
            self.dfa.fold_table()
        }
        fn after_char(&self, s: usize, word: bool) -> usize {
            self.dfa.after_char(s as u32, word) as usize
        }
        fn step_entry(&self, s: usize, entry: &Entry) -> usize {
            assert!(
                (entry.class as u32) < self.dfa.stride,
                "a class of this DFA"
            );
            // SAFETY: the state and the table are this DFA's.
            unsafe { self.dfa.stepper().step_class(s, entry.class) }
        }
    }

    proptest::proptest! {
        /// Any lexicon (stems of any characters, not even normalised) and any bytes: the
        /// flat table reports what the crate's DFA reports, in the same order.
        #[test]
        fn agrees_with_the_crate_on_any_lexicon(
            stems in proptest::collection::vec(string_of(1..6), 1..12),
            text in string_of(0..200),
        ) {
            let (d, f) = build_marked(&stems);
            proptest::prop_assert_eq!(flat_matches(&f, &text), crate_matches_marked(&d, &text));
        }

        /// Normalising with the flat table tapped (leaving the hot loop at every match and
        /// coming back) writes what normalising alone writes — text, words, word starts
        /// and the map back at every offset — and finds what the crate's DFA finds over
        /// the normalised text with its word starts marked, as the patterns are.
        #[test]
        fn the_tapped_normaliser_agrees_with_the_plain_one(
            stems in proptest::collection::vec(string_of(1..6), 1..12),
            text in string_of(0..80),
        ) {
            let stems: Vec<String> = stems
                .iter()
                .map(|s| crate::normalize::normalize_str(s))
                .filter(|s| !s.is_empty())
                .collect();
            proptest::prop_assume!(!stems.is_empty());
            let (d, f) = build_marked(&stems);
            let mut tap = Record { dfa: &f, state: f.start() as usize, matches: Vec::new() };
            let mut tapped = Normalizer::default();
            tapped.normalize_tapped(&text, &mut tap);
            let mut plain = Normalizer::default();
            plain.normalize(&text);
            proptest::prop_assert_eq!(tapped.text(), plain.text());
            proptest::prop_assert_eq!(tapped.words(), plain.words());
            proptest::prop_assert_eq!(tapped.word_starts(), plain.word_starts());
            for n in 0..=plain.text().len() {
                proptest::prop_assert_eq!(tapped.orig_start(n), plain.orig_start(n));
                proptest::prop_assert_eq!(tapped.orig_end(n), plain.orig_end(n));
            }
            proptest::prop_assert_eq!(tap.matches, crate_matches_marked(&d, plain.text()));
        }

        #[test]
        fn agrees_with_the_crate_on_any_text(text in proptest::collection::vec(
            proptest::sample::select("abcehrsu é中-'".chars().collect::<Vec<char>>()), 0..200)) {
            let text: String = text.into_iter().collect();
            let stems: Vec<String> = ["security", "he", "she", "hers", "us", "é", "中", "a b", "ab-c", "'s", "s'"]
                .map(String::from)
                .to_vec();
            let (d, f) = build_marked(&stems);
            proptest::prop_assert_eq!(flat_matches(&f, &text), crate_matches_marked(&d, &text));
        }
    }
}
