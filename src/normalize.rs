//! Case and typography folding, with a map back to the original bytes.
//!
//! The automaton is built over *normalised* terms and runs over *normalised* text, so
//! that one pattern matches "ÉTATS-UNIS", "états‑unis" and "états unis" alike (matching
//! contract, clauses 1, 2 and 5). Because every hit must be reported as byte offsets
//! into the *original* text (clause 8), normalisation records where its output and its
//! input drift apart. Most news text is ASCII with a few curly quotes, so the map stores
//! only the places where one input character became a different number of bytes; every
//! other byte maps to itself plus the running shift. Looking an offset up is a binary
//! search, done only for the rare positions that are hits.
//!
//! What normalisation does, character by character:
//! - lower-cases every script with case (`char::to_lowercase`), and folds final sigma
//!   to sigma and `ß` to `ss`, so that upper-case text matches lower-case terms;
//! - folds curly apostrophes (’ ‘ ʼ ‛) to `'` and curly quotes (“ ” „ ‟ « ») to `"`;
//! - turns every run of white space (any Unicode space, line breaks) and hyphens or
//!   dashes (‐ ‑ ‒ – — ― − and ASCII `-`) into one ASCII space;
//! - drops invisible characters (soft hyphen, zero-width space and joiners, BOM).
//!
//! It also counts words, and notes where each starts, in the same pass (see
//! [`Normalized::words`]). The scorer steps its automaton over the output bytes as they
//! are written (a `Tap`), so a document is read once: most of it in one tight loop over
//! ASCII bytes (`fold_until`), the rest — non-ASCII characters and runs of gaps to squeeze
//! — in slower paths beside it. Both are checked against a slow reference in the tests.

/// What kind of character this is for word boundaries and word counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CharClass {
    /// Not part of a word: punctuation, symbols, spaces.
    Other,
    /// A letter, digit, combining mark or `_` of a script written with spaces between
    /// words (Latin, Greek, Cyrillic, Arabic, Hangul, …).
    Word,
    /// A letter of a script written without spaces (Han, Hiragana, Katakana, Thai, Lao,
    /// Khmer, Myanmar): such characters need no word boundary.
    Continuous,
}

/// Classifies one character; see [`CharClass`].
pub fn char_class(c: char) -> CharClass {
    if c.is_ascii() {
        return if c.is_ascii_alphanumeric() || c == '_' {
            CharClass::Word
        } else {
            CharClass::Other
        };
    }
    // Curly quotes, dashes and spaces (General Punctuation) are the commonest non-ASCII
    // characters in news text and never word characters: skip the Unicode table lookup.
    if ('\u{2000}'..='\u{206F}').contains(&c) {
        return CharClass::Other;
    }
    if is_continuous_script(c) {
        return CharClass::Continuous;
    }
    if c.is_alphanumeric() || is_combining_mark(c) {
        CharClass::Word
    } else {
        CharClass::Other
    }
}

fn is_continuous_script(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF      // Thai, Lao
        | 0x1000..=0x109F    // Myanmar
        | 0x1780..=0x17FF    // Khmer
        | 0x3040..=0x30FF    // Hiragana, Katakana
        | 0x31F0..=0x31FF    // Katakana extensions
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xF900..=0xFAFF    // CJK compatibility ideographs
        | 0xFF66..=0xFF9F    // half-width Katakana
        | 0x20000..=0x3134F  // CJK extensions B–G
    ) && c.is_alphanumeric()
}

/// Combining diacritical marks (the blocks news text uses): part of the word they follow.
pub(crate) fn is_combining_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F
    )
}

const fn is_ascii_gap(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C | b'-')
}

/// Bit of an [`ASCII`] entry: a word byte (letter, digit, `_`).
const WORD: u16 = 1 << 8;
/// Bit of an [`ASCII`] entry: a joiner (`'` `-` `.` `,`), which joins two word bytes into
/// one word ("America's", "self-reliance", "U.S", "5.5").
const JOINER: u16 = 2 << 8;
/// Bit of an [`ASCII`] entry: a gap (white space or `-`, folded to a space).
const GAP: u16 = 4 << 8;

/// Each ASCII byte folded (low byte: upper case to lower case, every gap to a space) with
/// its classes (high byte: [`WORD`], [`JOINER`], [`GAP`]), from which [`fold_table`]
/// builds the hot loop's table. Bytes over 0x7F are folded by [`fold_char`], never here.
static ASCII: [u16; 128] = {
    let mut t = [0; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        let fold = if is_ascii_gap(c) {
            b' '
        } else {
            c.to_ascii_lowercase()
        };
        let class = if c.is_ascii_alphanumeric() || c == b'_' {
            WORD
        } else if matches!(c, b'\'' | b'-' | b'.' | b',') {
            JOINER
        } else {
            0
        };
        let gap = if fold == b' ' { GAP } else { 0 };
        // The three parts hold disjoint bits.
        t[b] = fold as u16 + class + gap;
        b += 1;
    }
    t
};

/// The folded form of an ASCII byte (see [`ASCII`]).
fn fold_byte(b: u8) -> u8 {
    ASCII[b as usize] as u8
}

/// One entry of a [`FoldTable`]: what the hot loop needs to know about one byte in one
/// word state. Each field is read with a load of its own, which costs less than shifting
/// and masking one packed word, and keeps the next row (the word state) one load away
/// from the last, so that the loop's two chains (the word state and the automaton) are
/// equally short.
#[derive(Clone, Copy)]
#[repr(C, align(8))]
pub(crate) struct Entry {
    /// The byte folded.
    pub(crate) fold: u8,
    /// The automaton's class of the folded byte.
    pub(crate) class: u8,
    /// The byte stops the hot loop: over 0x7F, or a gap right after a gap.
    stop: bool,
    /// The byte starts a word.
    start: u8,
    /// Offset of the row for the word state after the byte.
    next: u16,
}

/// The hot loop's one lookup per byte: for each word state (a row of 256 entries) and
/// input byte, an [`Entry`]. Eight rows, so that an index made of a row offset and a byte
/// is always in bounds; the word states are [`Q_OUT`] … [`Q_GAP_JOINER`], and no entry
/// leads to the other three rows.
pub(crate) type FoldTable = [Entry; 8 * 256];

/// Word states of the hot loop: outside a word; inside one; right after a joiner that
/// follows a word byte; right after a gap (a space is written for it); right after `-`
/// that follows a word byte (a gap and a joiner at once).
const Q_OUT: u32 = 0;
const Q_IN: u32 = 1;
const Q_JOINER: u32 = 2;
const Q_GAP: u32 = 3;
const Q_GAP_JOINER: u32 = 4;

impl Words {
    /// The hot loop's word state for this state and whether a gap was just written.
    fn row(self, in_gap: bool) -> u32 {
        match (self.inside, self.joiner, in_gap) {
            (true, ..) => Q_IN,
            (false, false, false) => Q_OUT,
            (false, true, false) => Q_JOINER,
            (false, false, true) => Q_GAP,
            (false, true, true) => Q_GAP_JOINER,
        }
    }

    /// Back from a hot-loop word state: the words' state and whether a gap was just
    /// written.
    fn from_row(q: u32) -> (Words, bool) {
        let words = Words {
            inside: q == Q_IN,
            joiner: q == Q_JOINER || q == Q_GAP_JOINER,
        };
        (words, q == Q_GAP || q == Q_GAP_JOINER)
    }
}

/// The byte the automaton's patterns carry before each character that starts a word
/// (see `crate::compile`), and that taps step on where the text starts a word: so that a
/// pattern can only begin where a word does, and the automaton stays at its start while
/// it reads the inside of words that begin no pattern. Normalised text is UTF-8, which
/// never holds this byte.
pub(crate) const WORD_START: u8 = 0xFF;

/// The [`FoldTable`] with every byte class 0, for taps that step on folded bytes.
static FOLD: FoldTable = fold_table([0; 256], [0; 256]);

/// The [`FoldTable`] for taps that step on folded bytes and on word starts: every class
/// 0, except 1 for a word byte that starts a word.
pub(crate) static FOLD_MARKED: FoldTable = fold_table([0; 256], [1; 256]);

/// The [`FoldTable`] for an automaton whose byte classes are `classes`, and whose class for
/// a word byte that starts a word (after a byte that is not a word byte) is `starts`: the
/// flat table's columns for "a word start, then this byte" (see `crate::flat`).
pub(crate) const fn fold_table(classes: [u8; 256], starts: [u8; 256]) -> FoldTable {
    let stop = Entry {
        fold: 0,
        class: 0,
        stop: true,
        start: 0,
        next: 0,
    };
    let mut t = [stop; 8 * 256];
    let mut q = 0;
    while q < 8 {
        let (inside, joiner, in_gap) = (q == Q_IN, q == Q_JOINER || q == Q_GAP_JOINER, q >= Q_GAP);
        let mut b = 0;
        while b < 128 {
            let entry = ASCII[b];
            let (word, join, gap) = (entry & WORD != 0, entry & JOINER != 0, entry & GAP != 0);
            let fold = entry as u8;
            let joiner_next = join && inside;
            let next = if word {
                Q_IN
            } else if gap {
                if joiner_next {
                    Q_GAP_JOINER
                } else {
                    Q_GAP
                }
            } else if joiner_next {
                Q_JOINER
            } else {
                Q_OUT
            };
            t[(q as usize) * 256 + b] = Entry {
                fold,
                class: if word && !inside {
                    starts[fold as usize]
                } else {
                    classes[fold as usize]
                },
                stop: gap && in_gap,
                start: (word && !inside && !joiner) as u8,
                next: (next as u16) << 8,
            };
            b += 1;
        }
        q += 1;
    }
    t
}

/// Receives every normalised byte as it is written. The scorer runs its automaton here,
/// so that the text is folded and scanned in one pass: the folding work then hides in the
/// automaton's wait for its table lookups instead of costing a pass of its own (see
/// `docs/performance.md`).
///
/// The state is handed in and out by value so that the hot loop keeps it in a register:
/// stored in the tap, it would make a round trip through memory on every byte.
pub(crate) trait Tap {
    /// What the tap carries from one byte to the next (the automaton's state).
    type State: Copy;
    /// The state to start from (or to go on from).
    fn state(&self) -> Self::State;
    /// Keeps the state for the next call of [`Tap::state`].
    fn set_state(&mut self, s: Self::State);
    /// The state after one more byte.
    fn step(&self, s: Self::State, b: u8) -> Self::State;
    /// Whether `s` needs [`Tap::special`]; rarely true. A filter only: it may say true
    /// of a state that needs nothing, and `special` then does nothing.
    fn is_special(&self, s: Self::State) -> bool;
    /// Called in a special state (and in any state `is_special` lets through, where it
    /// must do nothing); `end` is the normalised offset just past the byte.
    fn special(&mut self, s: Self::State, end: usize);
    /// The hot loop's table. By default, the one whose byte classes are all 0, for taps
    /// that step on the folded byte.
    #[inline(always)]
    fn table(&self) -> &FoldTable {
        &FOLD
    }
    /// The state after the byte of a [`Tap::table`] entry: by default, [`Tap::step`] on
    /// its folded byte; a tap with its own table steps on the entry's class instead.
    #[inline(always)]
    fn step_entry(&self, s: Self::State, entry: &Entry) -> Self::State {
        self.step(s, entry.fold)
    }
    /// The state after a word start (the hot loop's entries carry word starts in their
    /// classes; characters outside it call this): by default, [`Tap::step`] on
    /// [`WORD_START`]. Never a special state: no pattern ends with a word start.
    #[inline(always)]
    fn word_start(&self, s: Self::State) -> Self::State {
        self.step(s, WORD_START)
    }
    /// The state after a character outside ASCII, stepped byte by byte, given whether it
    /// is a word character: by default, as it is. The flat table needs to know, for its
    /// start state, whether the next word byte starts a word (see `crate::flat`).
    #[inline(always)]
    fn after_char(&self, s: Self::State, _word: bool) -> Self::State {
        s
    }
}

/// No tap: normalising only.
impl Tap for () {
    type State = ();
    #[inline(always)]
    fn state(&self) {}
    #[inline(always)]
    fn set_state(&mut self, _: ()) {}
    #[inline(always)]
    fn step(&self, _: (), _: u8) {}
    #[inline(always)]
    fn is_special(&self, _: ()) -> bool {
        false
    }
    fn special(&mut self, _: (), _: usize) {}
}

/// A run of gaps (white space, hyphens, dashes) that the output ends in and whose one
/// space stands for more than one byte of input (it was squeezed, or holds a non-ASCII
/// dash or space, or an invisible character): the map needs an entry for it, written when
/// the run ends. A run of one ASCII byte needs none and never becomes a `GapRun`.
#[derive(Clone, Copy)]
struct GapRun {
    /// Where the run started, in the original and the normalised text.
    orig: usize,
    norm: usize,
}

impl GapRun {
    /// Ends the run at original offset `at`: its space stands for `orig..at`.
    fn close(self, at: usize, shifts: &mut Vec<[u32; 4]>) {
        shifts.push([
            self.norm as u32,
            self.orig as u32,
            self.norm as u32 + 1,
            at as u32,
        ]);
    }
}

/// Whether the input so far ends inside a word, for counting words.
#[derive(Clone, Copy, Default)]
struct Words {
    /// The last character is a word character.
    inside: bool,
    /// The last character is a joiner (`'` `-` `.` `,` `’` `‐` `‑`) right after a word
    /// character: a word character next continues the word.
    joiner: bool,
}

impl Words {
    /// Counts one ASCII gap that is not written because a gap came just before it (a
    /// squeezed gap): it starts no word, and, even where it is a hyphen, joins none, for
    /// what precedes it is a gap, not a word character.
    fn pass_over(&mut self) {
        debug_assert!(!self.inside, "a squeezed gap follows a gap");
        *self = Words::default();
    }

    /// Counts one non-ASCII character (folded as `fold`); true when it starts a word.
    fn step(&mut self, c: char, fold: &Fold) -> bool {
        let (starts, inside, joiner) = match fold {
            // Invisible characters neither end a word nor start one.
            Fold::Drop => return false,
            Fold::Gap => (
                false,
                false,
                matches!(c, '\u{2010}' | '\u{2011}') && self.inside,
            ),
            // The class of what the character folds to, which is what matching sees: the
            // modifier letter apostrophe (U+02BC) is a letter, but folds to `'` and joins
            // words as `’` does.
            fold => match char_class(match fold {
                Fold::Char(f) => *f,
                _ => c,
            }) {
                CharClass::Word => (!self.inside && !self.joiner, true, false),
                CharClass::Continuous => (true, false, false),
                CharClass::Other => (
                    false,
                    false,
                    matches!(c, '\u{2019}' | '\u{02BC}') && self.inside,
                ),
            },
        };
        (self.inside, self.joiner) = (inside, joiner);
        starts
    }
}

/// Where the hot loop stands. It is passed by value, in and out of [`fold_until`], so that
/// all of it lives in registers there.
#[derive(Clone, Copy)]
struct Cursor<S> {
    /// Next input byte.
    k: usize,
    /// Bytes written to the output's spare capacity in this call.
    w: usize,
    /// Word starts written to the word starts' spare capacity in this call.
    nw: usize,
    /// The tap's state.
    s: S,
    /// The last output byte is a gap space, written by the hot loop for input byte
    /// `k - 1` (runs of more than one byte are finished off the hot loop).
    in_gap: bool,
    words: Words,
}

/// Why [`fold_until`] stopped.
#[derive(PartialEq, Eq)]
enum Stop {
    /// The end of the text.
    End,
    /// The tap is in a special state.
    Special,
    /// Byte `k` is a second gap in a run.
    Squeeze,
    /// Byte `k` starts a non-ASCII character.
    NonAscii,
}

/// The hot loop: folds ASCII bytes from `c.k` into `out`, records word starts in
/// `starts` and steps the tap, until the end of the text, a special state of the tap, a
/// second gap in a run or a non-ASCII byte. `out` and `starts` are the spare capacities
/// of the output and of the word starts; `c.w` and `c.nw` count into them.
///
/// It is a function of its own, holding no call and writing only to its two slices, so
/// that the compiler keeps the cursor, the tap's state and the automaton's tables in
/// registers: inlined into the larger loop, it spilled the state to the stack, a round trip
/// through memory on every byte. Whether a byte is a space or starts a word is looked
/// up, not branched on, because word lengths are too irregular to predict and a
/// mispredicted branch would also throw away the automaton's table lookups in flight. One
/// [`FoldTable`] lookup gives all of it and the automaton's byte class; with the flat DFA
/// ([`crate::flat`]) a byte takes 20 instructions, against 33 when the loop computed the
/// word state and stepped the crate's DFA through its trait.
#[inline(never)]
fn fold_until<T: Tap>(
    tap: &T,
    bytes: &[u8],
    out: &mut [std::mem::MaybeUninit<u8>],
    starts: &mut [std::mem::MaybeUninit<u32>],
    c: &mut Cursor<T::State>,
) -> Stop {
    // Locals, not the cursor's fields: fields of a returned struct were written back to
    // memory on every byte. The cursor comes in and goes back by reference, one field at
    // a time: returned by value, it was read back as a whole with wide loads that waited
    // for the narrow stores that wrote it, at every stop.
    let Cursor {
        mut k,
        w,
        mut nw,
        mut s,
        in_gap,
        words,
    } = *c;
    // Bounds for the unchecked writes below: each byte left writes at most one output
    // byte, and at most every other one starts a word, with one slot written ahead.
    let left = bytes.len() - k;
    assert!(out.len() >= w + left && starts.len() > nw + left.div_ceil(2));
    // The loop's state in as few registers and operations as possible: the output index
    // as an offset from `k` (only the slow paths squeeze), and the word state as the
    // offset of its row in the table, which the entry gives for the next byte.
    let table = tap.table();
    let delta = w.wrapping_sub(k);
    let mut row = (words.row(in_gap) << 8) as usize;
    let mut stop = Stop::End;
    while k < bytes.len() {
        let b = bytes[k];
        // SAFETY: `row` is a row offset, at most `7 << 8` (it comes from `Words::row` or
        // from an entry's `next`), and the table has eight rows of 256.
        let entry = unsafe { table.get_unchecked(row + b as usize) };
        if entry.stop {
            stop = if b >= 0x80 {
                Stop::NonAscii
            } else {
                Stop::Squeeze
            };
            break;
        }
        row = entry.next as usize;
        // SAFETY: the assertion above bounds both writes: the output index grows by one
        // per byte, and `nw` by one per word start, which needs a byte that is not a word
        // byte between it and the one before, so it has grown by at most
        // `(bytes so far).div_ceil(2) < left.div_ceil(2) + 1` at any write.
        unsafe {
            // Written every time, kept only at a word start: no branch.
            starts.get_unchecked_mut(nw).write(k as u32);
            out.get_unchecked_mut(k.wrapping_add(delta))
                .write(entry.fold);
        }
        nw += entry.start as usize;
        k += 1;
        s = tap.step_entry(s, entry);
        if tap.is_special(s) {
            stop = Stop::Special;
            break;
        }
    }
    let (words, in_gap) = Words::from_row((row >> 8) as u32);
    c.k = k;
    c.w = k.wrapping_add(delta);
    c.nw = nw;
    c.s = s;
    c.in_gap = in_gap;
    c.words = words;
    stop
}

/// The curly quote at `k` (`‘` `’` `“` `”`), if there is one there: the ASCII quote it
/// folds to, and whether it joins two word characters into one word (only `’` does, as
/// [`Words::step`] has it).
fn curly_quote(bytes: &[u8], k: usize) -> Option<(u8, bool)> {
    match bytes.get(k..k + 3)? {
        [0xE2, 0x80, 0x98] => Some((b'\'', false)),
        [0xE2, 0x80, 0x99] => Some((b'\'', true)),
        [0xE2, 0x80, 0x9C | 0x9D] => Some((b'"', false)),
        _ => None,
    }
}

/// What one input character becomes.
enum Fold {
    /// Space or hyphen: part of a run that collapses to one space.
    Gap,
    /// Dropped: invisible characters.
    Drop,
    /// Replaced by this character.
    Char(char),
    /// Replaced by these characters (lower-casing that expands, `ß` → `ss`).
    Many,
}

fn fold_char(c: char) -> Fold {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{201B}' => Fold::Char('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}' => {
            Fold::Char('"')
        }
        '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => Fold::Gap,
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => Fold::Drop,
        'ς' => Fold::Char('σ'),
        'ß' | 'ẞ' => Fold::Many,
        c if c.is_whitespace() => Fold::Gap,
        c => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => Fold::Char(l),
                _ => Fold::Many,
            }
        }
    }
}

/// Whether a run of gaps holds a paragraph break: two line breaks with only white space
/// (or invisible characters) between them, or a paragraph separator, as paragraphs are
/// split for `--unit paragraph` (`crate::segment`). `\r\n` is one line break; a hyphen or
/// dash between two breaks makes them two lines, not a blank one.
fn is_paragraph_break(run: &str) -> bool {
    let mut breaks = 0;
    // Invisible characters are not there at all: `\r`, a soft hyphen, `\n` is one break.
    let mut chars = run
        .chars()
        .filter(|&c| !matches!(fold_char(c), Fold::Drop))
        .peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' => breaks += 1,
            '\u{2029}' => breaks += 2,
            c if c.is_whitespace() => {}
            _ => breaks = 0,
        }
        if breaks >= 2 {
            return true;
        }
    }
    false
}

/// Normalises a term or any short string, without the offset map.
///
/// Leading and trailing gaps are trimmed. This is the function terms go through at
/// compile time; text goes through [`Normalizer::normalize`], which gives the same bytes.
pub fn normalize_str(s: &str) -> String {
    let mut n = Normalizer::default();
    n.normalize(s);
    // A term written across a blank line is one phrase: its paragraph break is a space.
    n.out.replace('\n', " ").trim_matches(' ').to_string()
}

/// Normalised text with the offset map back to the original; reused across documents.
///
/// By default it is empty; [`Normalizer::normalize`] fills it.
#[derive(Default, Debug, Clone)]
pub struct Normalizer {
    out: String,
    /// Places where one input character (or one run of gaps) became a different number of
    /// bytes: `(norm_start, orig_start, norm_end, orig_end)`, in increasing order.
    shifts: Vec<[u32; 4]>,
    words: usize,
    word_starts: Vec<u32>,
}

/// A view of the result of [`Normalizer::normalize`].
pub type Normalized = Normalizer;

impl Normalizer {
    /// The normalised text.
    pub fn text(&self) -> &str {
        &self.out
    }

    /// Words in the original text.
    ///
    /// A word is a run of word characters (letters, digits, combining marks, `_`) of a
    /// script written with spaces; an apostrophe, hyphen, full stop or comma *between* two
    /// word characters joins them ("America's", "self-reliance", "U.S", "5.5" are one word
    /// each). Each character of a script written without spaces (Chinese, Japanese, Thai)
    /// counts as one word.
    pub fn words(&self) -> usize {
        self.words
    }

    /// Byte offsets in the *original* text where each word starts (see
    /// [`Normalizer::words`]): the word index of an offset is the number of starts at or
    /// before it. Proximity rules measure their windows with it.
    pub fn word_starts(&self) -> &[u32] {
        &self.word_starts
    }

    /// Normalises `text`, replacing what this normaliser held.
    pub fn normalize(&mut self, text: &str) {
        self.normalize_tapped(text, &mut ());
    }

    /// [`Normalizer::normalize`], handing every output byte to `tap` as it is written.
    pub(crate) fn normalize_tapped<T: Tap>(&mut self, text: &str, tap: &mut T) {
        self.out.clear();
        self.shifts.clear();
        self.words = 0;
        self.word_starts.clear();
        let bytes = text.as_bytes();
        // The tap's state where the text starts, which it returns to after a paragraph
        // break: no pattern runs across one.
        let start = tap.state();
        let mut c = Cursor {
            k: 0,
            w: 0,
            nw: 0,
            s: start,
            in_gap: false,
            words: Words::default(),
        };
        loop {
            // Room for the rest at one output byte and half a word start per input byte;
            // only non-ASCII characters, off the hot loop, may need more, and they push.
            // Exactly the room `fold_until` asserts.
            let left = bytes[c.k..].len();
            self.out.reserve(left);
            self.word_starts.reserve(left.div_ceil(2) + 1);
            let out = utf8_bytes(&mut self.out);
            let (len0, starts0) = (out.len(), self.word_starts.len());
            (c.w, c.nw) = (0, 0);
            let stop = fold_until(
                &*tap,
                bytes,
                out.spare_capacity_mut(),
                self.word_starts.spare_capacity_mut(),
                &mut c,
            );
            // SAFETY: `fold_until` initialised the first `c.w` bytes of the spare capacity
            // and the first `c.nw` slots of the word starts' (a slot past the last word
            // start may be written too, but is not counted).
            unsafe {
                out.set_len(len0 + c.w);
                self.word_starts.set_len(starts0 + c.nw);
            }
            self.words += c.nw;
            match stop {
                Stop::End => break,
                Stop::Special => tap.special(c.s, out.len()),
                Stop::Squeeze => {
                    // The space written for byte k - 1 stands for the whole run.
                    let run = GapRun {
                        orig: c.k - 1,
                        norm: out.len() - 1,
                    };
                    let paragraph;
                    (c.k, paragraph) = self.finish_run(text, c.k, run, &mut c.words);
                    if paragraph {
                        c.s = start;
                    }
                    c.in_gap = false;
                }
                Stop::NonAscii => match curly_quote(bytes, c.k) {
                    // 85 % of the non-ASCII characters in news text: worth skipping the
                    // general case's decoding, folding and classing.
                    Some((quote, joins)) => {
                        let n = out.len() as u32;
                        self.shifts.push([n, c.k as u32, n + 1, c.k as u32 + 3]);
                        out.push(quote);
                        c.s = tap.step(c.s, quote);
                        if tap.is_special(c.s) {
                            tap.special(c.s, out.len());
                        }
                        c.words.joiner = joins && c.words.inside;
                        c.words.inside = false;
                        c.in_gap = false;
                        c.k += 3;
                    }
                    None => {
                        tap.set_state(c.s);
                        self.non_ascii(text, &mut c, tap, start);
                        c.s = tap.state();
                    }
                },
            }
        }
        tap.set_state(c.s);
    }

    /// The character at `c.k`, which is not ASCII: folded, counted and mapped. `start` is
    /// the tap's state at the start of the text.
    fn non_ascii<T: Tap>(
        &mut self,
        text: &str,
        c: &mut Cursor<T::State>,
        tap: &mut T,
        start: T::State,
    ) {
        let i = c.k;
        let ch = text[i..].chars().next().expect("k is on a char boundary");
        let len = ch.len_utf8();
        let fold = fold_char(ch);
        let after_word = c.words.inside;
        if c.words.step(ch, &fold) {
            self.words += 1;
            self.word_starts.push(i as u32);
        }
        let out = utf8_bytes(&mut self.out);
        // A gap or an invisible character after the hot loop's one-byte gap, or a gap of
        // several bytes: a run that stands for more than it writes, finished here.
        let run = match fold {
            Fold::Gap | Fold::Drop if c.in_gap => Some(GapRun {
                orig: i - 1,
                norm: out.len() - 1,
            }),
            Fold::Gap => {
                push_tapped(out, b' ', tap);
                Some(GapRun {
                    orig: i,
                    norm: out.len() - 1,
                })
            }
            Fold::Drop => {
                let n = out.len() as u32;
                self.shifts.push([n, i as u32, n, (i + len) as u32]);
                None
            }
            fold => {
                let start = out.len();
                let folded = match fold {
                    Fold::Char(f) => f,
                    _ => ch,
                };
                let word = char_class(folded) == CharClass::Word;
                if !after_word && word {
                    let s = tap.word_start(tap.state());
                    tap.set_state(s);
                }
                match fold {
                    Fold::Char(f) => push_char(out, f, tap),
                    _ if matches!(ch, 'ß' | 'ẞ') => {
                        push_tapped(out, b's', tap);
                        push_tapped(out, b's', tap);
                    }
                    _ => {
                        for l in ch.to_lowercase() {
                            push_char(out, if l == 'ς' { 'σ' } else { l }, tap);
                        }
                    }
                }
                let s = tap.after_char(tap.state(), word);
                tap.set_state(s);
                // One character for one character of the same length keeps the
                // boundaries where they were; anything else needs a map entry.
                if matches!(fold, Fold::Many) || out[start..].len() != len {
                    self.shifts
                        .push([start as u32, i as u32, out.len() as u32, (i + len) as u32]);
                }
                None
            }
        };
        c.in_gap = false;
        c.k = match run {
            Some(run) => {
                let (k, paragraph) = self.finish_run(text, i + len, run, &mut c.words);
                if paragraph {
                    tap.set_state(start);
                }
                k
            }
            None => i + len,
        };
    }

    /// Goes on with an open run of gaps from byte `k` (squeezing ASCII gaps, taking in
    /// non-ASCII gaps and invisible characters) until the first character that is neither,
    /// closes the run there and returns its offset, and whether the run is a paragraph
    /// break. A paragraph break is written as `\n` instead of a space, and the caller puts
    /// the tap back to the state where the text started: a phrase, whose spaces match
    /// only spaces, never spans one (matching contract, clause 5).
    fn finish_run(
        &mut self,
        text: &str,
        mut k: usize,
        run: GapRun,
        words: &mut Words,
    ) -> (usize, bool) {
        let bytes = text.as_bytes();
        while k < bytes.len() {
            let b = bytes[k];
            if b < 0x80 {
                if fold_byte(b) != b' ' {
                    break;
                }
                words.pass_over();
                k += 1;
                continue;
            }
            let ch = text[k..].chars().next().expect("k is on a char boundary");
            let fold = fold_char(ch);
            if !matches!(fold, Fold::Gap | Fold::Drop) {
                break;
            }
            words.step(ch, &fold);
            k += ch.len_utf8();
        }
        run.close(k, &mut self.shifts);
        let paragraph = is_paragraph_break(&text[run.orig..k]);
        if paragraph {
            // SAFETY: the byte at `run.norm` is the ASCII space written for the run, and
            // an ASCII byte for an ASCII byte keeps the string UTF-8.
            unsafe { self.out.as_bytes_mut()[run.norm] = b'\n' };
        }
        (k, paragraph)
    }

    /// Maps a normalised offset where a hit *starts* to the original text.
    pub fn orig_start(&self, n: usize) -> usize {
        self.map(n, true)
    }

    /// Maps a normalised offset where a hit *ends* to the original text.
    pub fn orig_end(&self, n: usize) -> usize {
        self.map(n, false)
    }

    fn map(&self, n: usize, start: bool) -> usize {
        let n32 = n as u32;
        // The last shift that begins before the offset (or at it, for starts: a start at
        // the beginning of a changed character maps to that character's start).
        let idx = if start {
            self.shifts.partition_point(|s| s[0] <= n32)
        } else {
            self.shifts.partition_point(|s| s[0] < n32)
        };
        if idx == 0 {
            return n;
        }
        let [ns, os, ne, oe] = self.shifts[idx - 1];
        if n32 >= ne {
            (oe + (n32 - ne)) as usize
        } else if start || n32 == ns {
            // Inside the expansion of one character: round outwards to whole characters.
            os as usize
        } else {
            oe as usize
        }
    }
}

fn push_tapped<T: Tap>(out: &mut Vec<u8>, b: u8, tap: &mut T) {
    out.push(b);
    let s = tap.step(tap.state(), b);
    tap.set_state(s);
    if tap.is_special(s) {
        tap.special(s, out.len());
    }
}

fn push_char<T: Tap>(out: &mut Vec<u8>, c: char, tap: &mut T) {
    let mut buf = [0u8; 4];
    for &b in c.encode_utf8(&mut buf).as_bytes() {
        push_tapped(out, b, tap);
    }
}

/// The String's bytes, to push ASCII bytes and whole UTF-8 characters only.
fn utf8_bytes(s: &mut String) -> &mut Vec<u8> {
    // SAFETY: `normalize` pushes only ASCII bytes and complete UTF-8 encodings of chars,
    // so the String stays valid UTF-8 whenever control returns to safe callers.
    unsafe { s.as_mut_vec() }
}

#[cfg(test)]
mod tests;
