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
//! It also counts words in the same pass (see [`Normalized::words`]), so scoring reads
//! each document once.

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

fn is_combining_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F
    )
}

const fn is_ascii_gap(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C | b'-')
}

/// Bit of [`WORD_BITS`]: a word byte (letter, digit, `_`).
const WORD: u8 = 1;
/// Bit of [`WORD_BITS`]: a joiner (`'` `-` `.` `,`), which joins two word bytes into one
/// word ("America's", "self-reliance", "U.S", "5.5").
const JOINER: u8 = 2;

/// Word-count classes of bytes ([`WORD`], [`JOINER`]); bytes over 0x7F are never looked up.
static WORD_BITS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() || c == b'_' {
            t[b] = WORD;
        } else if matches!(c, b'\'' | b'-' | b'.' | b',') {
            t[b] = JOINER;
        }
        b += 1;
    }
    t
};

/// ASCII bytes folded: upper case to lower case, every gap (white space, `-`) to a space.
/// (256 entries, so that indexing by a byte needs no bounds check; only the ASCII half is
/// ever used.)
static FOLD: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if is_ascii_gap(c) {
            b' '
        } else {
            c.to_ascii_lowercase()
        };
        b += 1;
    }
    t
};

/// Length of the leading ASCII part of `bytes`.
fn ascii_prefix(bytes: &[u8]) -> usize {
    let mut i = 0;
    while i + 32 <= bytes.len() && bytes[i..i + 32].is_ascii() {
        i += 32;
    }
    i + bytes[i..]
        .iter()
        .position(|&b| b >= 0x80)
        .unwrap_or(bytes.len() - i)
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
    /// Whether `s` needs [`Tap::special`]; rarely true.
    fn is_special(&self, s: Self::State) -> bool;
    /// Called in a special state; `end` is the normalised offset just past the byte.
    fn special(&mut self, s: Self::State, end: usize);
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

/// The run of gaps (white space, hyphens, dashes) that the output currently ends in, if
/// any. It becomes one space; when that space stands for anything but exactly one byte of
/// input, the map needs an entry, written when the run ends.
#[derive(Clone, Copy, Default)]
struct GapRun {
    /// The output ends in a gap space.
    open: bool,
    /// Where the run started, in the original and the normalised text.
    orig: usize,
    norm: usize,
    /// The run is not exactly one input byte (it was squeezed, or holds a non-ASCII
    /// dash or space, or an invisible character).
    shifted: bool,
}

impl GapRun {
    /// Ends the run (if open) at original offset `at`.
    fn close(&mut self, at: usize, shifts: &mut Vec<[u32; 4]>) {
        if self.open && self.shifted {
            shifts.push([
                self.norm as u32,
                self.orig as u32,
                self.norm as u32 + 1,
                at as u32,
            ]);
        }
        self.open = false;
        self.shifted = false;
    }
}

/// Where the fold of an ASCII stretch stands. It is passed by value, in and out of the
/// hot loop, so that all of it lives in registers there.
#[derive(Clone, Copy)]
struct Cursor<S> {
    /// Next byte of the stretch.
    k: usize,
    /// Bytes written to the output's spare capacity.
    w: usize,
    /// Word starts written to the word starts' spare capacity.
    nw: usize,
    /// The tap's state.
    s: S,
    /// The last output byte is a gap space.
    in_gap: bool,
    /// The last input byte is a word byte.
    inside: bool,
    /// The last input byte is a joiner right after a word byte.
    joiner: bool,
}

impl<S> Cursor<S> {
    /// Counts one input byte that is not written (a squeezed gap): it starts no word.
    fn pass_over(&mut self, b: u8) {
        let class = WORD_BITS[b as usize];
        self.joiner = class & JOINER != 0 && self.inside;
        self.inside = false;
    }
}

/// Folds an ASCII stretch (`seg`, starting at original offset `base`) onto `out`,
/// squeezing runs of gaps to one space, counting and recording word starts, and handing
/// each output byte to `tap`. `state` carries the word count across stretches.
fn fold_ascii<T: Tap>(
    n: &mut Normalizer,
    run: &mut GapRun,
    state: &mut WordState,
    seg: &[u8],
    base: usize,
    tap: &mut T,
) {
    let out = utf8_bytes(&mut n.out);
    let mut c = Cursor {
        k: 0,
        w: 0,
        nw: 0,
        s: tap.state(),
        in_gap: false,
        inside: *state == WordState::Inside,
        joiner: *state == WordState::Joiner,
    };
    if run.open {
        // A run that began before this stretch (a non-ASCII dash or space, so already
        // shifted) goes on through the stretch's leading gaps.
        while c.k < seg.len() && FOLD[seg[c.k] as usize] == b' ' {
            c.pass_over(seg[c.k]);
            c.k += 1;
        }
        run.shifted = true;
        if c.k < seg.len() {
            run.close(base + c.k, &mut n.shifts);
        }
    }
    let rest = seg.len() - c.k;
    out.reserve(rest);
    // At most every other byte starts a word, and the loop writes one slot ahead.
    n.word_starts.reserve(rest / 2 + 1);
    let (len0, starts0) = (out.len(), n.word_starts.len());
    // The spare capacities as slices of their own: the compiler then knows that writing
    // them changes neither the tap nor the automaton, and keeps those in registers.
    let spare = out.spare_capacity_mut();
    let spare_starts = n.word_starts.spare_capacity_mut();
    while c.k < seg.len() {
        let special;
        (c, special) = fold_until(&*tap, seg, base, spare, spare_starts, c);
        if special {
            tap.special(c.s, len0 + c.w);
            continue;
        }
        if c.k == seg.len() {
            break;
        }
        // A second gap: the run, whose space byte k - 1 wrote, is squeezed to its end, and
        // its space then stands for the whole run in the map.
        let (orig, norm) = (base + c.k - 1, len0 + c.w - 1);
        while c.k < seg.len() && FOLD[seg[c.k] as usize] == b' ' {
            c.pass_over(seg[c.k]);
            c.k += 1;
        }
        if c.k == seg.len() {
            // The run may go on past the stretch.
            *run = GapRun {
                open: true,
                orig,
                norm,
                shifted: true,
            };
            c.in_gap = false;
            break;
        }
        n.shifts.push([
            norm as u32,
            orig as u32,
            (norm + 1) as u32,
            (base + c.k) as u32,
        ]);
        c.in_gap = false;
    }
    tap.set_state(c.s);
    if c.in_gap {
        *run = GapRun {
            open: true,
            orig: base + seg.len() - 1,
            norm: len0 + c.w - 1,
            shifted: false,
        };
    }
    *state = if c.inside {
        WordState::Inside
    } else if c.joiner {
        WordState::Joiner
    } else {
        WordState::Outside
    };
    n.words += c.nw;
    // SAFETY: `fold_until` initialised the first `c.w` bytes of `spare` and the first
    // `c.nw` slots of `spare_starts` (a slot past a word start's is written but not
    // counted), all within the capacities reserved above.
    unsafe {
        out.set_len(len0 + c.w);
        n.word_starts.set_len(starts0 + c.nw);
    }
}

/// The hot loop of [`fold_ascii`]: folds `seg[c.k..]` into `out[c.w..]`, counts word
/// starts into `starts[c.nw..]` and steps the tap, until the end of the stretch, a special
/// state of the tap (returned with `true`), or a second gap in a run (left at `c.k` for the
/// caller).
///
/// It is a function of its own, holding no call and writing only to its two slices, so
/// that the compiler keeps the cursor, the tap's state and the automaton's tables in
/// registers: inlined into the larger loop, it spilled the state to the stack, a round trip
/// through memory on every byte. Whether a byte is a space or starts a word is computed,
/// not branched on, because word lengths are too irregular to predict and a mispredicted
/// branch would also throw away the automaton's table lookups in flight.
#[inline(never)]
fn fold_until<T: Tap>(
    tap: &T,
    seg: &[u8],
    base: usize,
    out: &mut [std::mem::MaybeUninit<u8>],
    starts: &mut [std::mem::MaybeUninit<u32>],
    mut c: Cursor<T::State>,
) -> (Cursor<T::State>, bool) {
    while c.k < seg.len() {
        let b = seg[c.k];
        let f = FOLD[b as usize];
        let gap = f == b' ';
        if gap & c.in_gap {
            return (c, false);
        }
        let class = WORD_BITS[b as usize];
        let word = class & WORD != 0;
        let start = word & !c.inside & !c.joiner;
        c.joiner = (class & JOINER != 0) & c.inside;
        c.inside = word;
        // Written every time, kept only at a word start: no branch.
        starts[c.nw].write((base + c.k) as u32);
        c.nw += usize::from(start);
        c.in_gap = gap;
        out[c.w].write(f);
        c.w += 1;
        c.k += 1;
        c.s = tap.step(c.s, f);
        if tap.is_special(c.s) {
            return (c, true);
        }
    }
    (c, false)
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

/// Normalises a term or any short string, without the offset map.
///
/// Leading and trailing gaps are trimmed. This is the function terms go through at
/// compile time; text goes through [`Normalizer::normalize`], which gives the same bytes.
pub fn normalize_str(s: &str) -> String {
    let mut n = Normalizer::default();
    n.normalize(s);
    n.out.trim_matches(' ').to_string()
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

#[derive(Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
enum WordState {
    Outside,
    Inside,
    /// Inside a word, just after a joiner (`'`, `-`, `.`, `,`) that may continue it.
    Joiner,
}

/// Advances the word state over one non-ASCII character (folded as `fold`); true when
/// the character starts a word. The ASCII counterpart is [`count_ascii_words`].
fn word_step(c: char, fold: &Fold, state: &mut WordState) -> bool {
    let (starts, next) = match fold {
        // Invisible characters neither end a word nor start one.
        Fold::Drop => return false,
        Fold::Gap => {
            let joiner = matches!(c, '\u{2010}' | '\u{2011}') && *state == WordState::Inside;
            (
                false,
                if joiner {
                    WordState::Joiner
                } else {
                    WordState::Outside
                },
            )
        }
        _ => match char_class(c) {
            CharClass::Word => (*state == WordState::Outside, WordState::Inside),
            CharClass::Continuous => (true, WordState::Outside),
            CharClass::Other if c == '\u{2019}' && *state == WordState::Inside => {
                (false, WordState::Joiner)
            }
            CharClass::Other => (false, WordState::Outside),
        },
    };
    *state = next;
    starts
}

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
        self.out.reserve(text.len());
        let bytes = text.as_bytes();
        let mut state = WordState::Outside;
        let mut run = GapRun::default();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] < 0x80 {
                // Most news text is long ASCII stretches between curly quotes and dashes,
                // folded in a tight loop of their own.
                let end = i + ascii_prefix(&bytes[i..]);
                fold_ascii(self, &mut run, &mut state, &bytes[i..end], i, tap);
                i = end;
                continue;
            }
            // Non-ASCII: decode one character.
            let c = text[i..].chars().next().expect("i is on a char boundary");
            let len = c.len_utf8();
            let fold = fold_char(c);
            if word_step(c, &fold, &mut state) {
                self.words += 1;
                self.word_starts.push(i as u32);
            }
            let out = utf8_bytes(&mut self.out);
            match fold {
                Fold::Gap => {
                    if !run.open {
                        run = GapRun {
                            open: true,
                            orig: i,
                            norm: out.len(),
                            shifted: false,
                        };
                        push_tapped(out, b' ', tap);
                    }
                    // A non-ASCII gap is several bytes standing for one space.
                    run.shifted = true;
                }
                // Invisible: inside a run of gaps the run's own map entry covers it.
                Fold::Drop if run.open => run.shifted = true,
                Fold::Drop => {
                    let n = out.len() as u32;
                    self.shifts.push([n, i as u32, n, (i + len) as u32]);
                }
                fold => {
                    run.close(i, &mut self.shifts);
                    let start = out.len();
                    // One character for one character of the same length keeps the
                    // boundaries where they were; anything else needs a map entry.
                    let several = matches!(fold, Fold::Many);
                    match fold {
                        Fold::Char(f) => push_char(out, f, tap),
                        _ => {
                            if matches!(c, 'ß' | 'ẞ') {
                                push_tapped(out, b's', tap);
                                push_tapped(out, b's', tap);
                            } else {
                                for l in c.to_lowercase() {
                                    push_char(out, if l == 'ς' { 'σ' } else { l }, tap);
                                }
                            }
                        }
                    }
                    if several || out.len() - start != len {
                        self.shifts.push([
                            start as u32,
                            i as u32,
                            out.len() as u32,
                            (i + len) as u32,
                        ]);
                    }
                }
            }
            i += len;
        }
        run.close(bytes.len(), &mut self.shifts);
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
mod tests {
    use super::*;

    fn norm(s: &str) -> (String, usize) {
        let mut n = Normalizer::default();
        n.normalize(s);
        (n.text().to_string(), n.words())
    }

    #[test]
    fn folds_case_typography_and_gaps() {
        let cases = [
            ("ÉTATS-UNIS", "états unis"),
            ("Arms\u{2014}race", "arms race"),
            ("arms \n - race", "arms race"),
            ("America\u{2019}s", "america's"),
            ("\u{201C}Quoted\u{201D}", "\"quoted\""),
            ("ΚΌΣΜΟΣ", "κόσμοσ"),
            ("κόσμος", "κόσμοσ"),
            ("STRAẞE straße", "strasse strasse"),
            ("МОСКВА", "москва"),
            ("non\u{00A0}breaking\u{202F}space", "non breaking space"),
            ("soft\u{00AD}hyphen", "softhyphen"),
            ("中国AI", "中国ai"),
        ];
        for (input, want) in cases {
            assert_eq!(norm(input).0, want, "input {input:?}");
        }
    }

    #[test]
    fn counts_words() {
        let cases = [
            ("", 0),
            ("   ", 0),
            ("one two  three", 3),
            ("America's self-reliance", 2),
            ("America\u{2019}s", 1),
            ("the U.S. spent $5.5 billion", 5),
            ("a - b", 2),
            ("中国人工智能", 6),
            ("Ça va, très bien.", 4),
            ("word,", 1),
        ];
        for (input, want) in cases {
            assert_eq!(norm(input).1, want, "input {input:?}");
        }
    }

    /// A slow, obviously-correct normaliser: one character at a time.
    fn reference(text: &str) -> (String, usize) {
        let mut out = String::new();
        let mut words = 0;
        let mut state = 0; // 0 outside, 1 inside, 2 after a joiner
        let mut in_gap = false;
        for c in text.chars() {
            let fold = fold_char(c);
            if matches!(fold, Fold::Drop) {
                continue; // invisible: it neither ends a word nor a gap
            }
            let class = char_class(c);
            let joiner = matches!(
                c,
                '\'' | '-' | '.' | ',' | '\u{2019}' | '\u{2010}' | '\u{2011}'
            );
            state = match (class, joiner) {
                (CharClass::Word, _) => {
                    if state == 0 {
                        words += 1;
                    }
                    1
                }
                (CharClass::Continuous, _) => {
                    words += 1;
                    0
                }
                (_, true) if state == 1 => 2,
                _ => 0,
            };
            match fold {
                Fold::Gap => {
                    if !in_gap {
                        out.push(' ');
                    }
                    in_gap = true;
                }
                Fold::Drop => unreachable!(),
                Fold::Char(f) => {
                    out.push(f);
                    in_gap = false;
                }
                Fold::Many => {
                    if matches!(c, 'ß' | 'ẞ') {
                        out.push_str("ss");
                    } else {
                        out.extend(c.to_lowercase().map(|l| if l == 'ς' { 'σ' } else { l }));
                    }
                    in_gap = false;
                }
            }
        }
        (out, words)
    }

    /// What each piece of the normalised text stands for, one character (or one run of
    /// gaps, with the invisible characters inside it) at a time:
    /// `(norm_start, norm_end, orig_start, orig_end)`.
    fn reference_units(text: &str) -> Vec<[usize; 4]> {
        let mut units: Vec<[usize; 4]> = Vec::new();
        let (mut n, mut in_gap) = (0, false);
        for (i, c) in text.char_indices() {
            let end = i + c.len_utf8();
            match fold_char(c) {
                Fold::Gap | Fold::Drop if in_gap => units.last_mut().unwrap()[3] = end,
                Fold::Drop => {}
                Fold::Gap => {
                    units.push([n, n + 1, i, end]);
                    n += 1;
                    in_gap = true;
                }
                fold => {
                    let folded: String = if let Fold::Char(f) = fold {
                        f.into()
                    } else if matches!(c, 'ß' | 'ẞ') {
                        "ss".into()
                    } else {
                        c.to_lowercase()
                            .map(|l| if l == 'ς' { 'σ' } else { l })
                            .collect()
                    };
                    units.push([n, n + folded.len(), i, end]);
                    n += folded.len();
                    in_gap = false;
                }
            }
        }
        units
    }

    /// Every offset of the normalised text maps back to the edges of the original
    /// character (or run) it belongs to, as the slow reference sees them.
    fn assert_map_agrees(n: &Normalizer, text: &str) {
        for [ns, ne, os, oe] in reference_units(text) {
            for p in ns..ne {
                if n.text().is_char_boundary(p) {
                    assert_eq!(n.orig_start(p), os, "start {p} of {text:?}: {:?}", n.shifts);
                }
            }
            for p in ns + 1..=ne {
                if n.text().is_char_boundary(p) {
                    assert_eq!(n.orig_end(p), oe, "end {p} of {text:?}: {:?}", n.shifts);
                }
            }
        }
    }

    #[test]
    fn fast_paths_agree_with_the_reference() {
        let pieces = [
            "a",
            "B",
            " ",
            "  ",
            "\n",
            "\r\n",
            "-",
            "--",
            "\u{2014}",
            " \u{2014} ",
            "\u{00A0}",
            "'",
            "\u{2019}",
            ".",
            ",",
            "x.y",
            "É",
            "ß",
            "İ",
            "中",
            "\u{00AD}",
            "\t",
            "Arms",
            "race",
            "\u{2011}",
            "5",
            "_",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..3000 {
            let mut text = String::new();
            let len = if seed % 5 == 0 { seed % 300 } else { seed % 12 };
            for _ in 0..len {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
            let mut n = Normalizer::default();
            n.normalize(&text);
            assert_eq!(
                (n.text().to_string(), n.words()),
                reference(&text),
                "{text:?}"
            );
            assert_map_agrees(&n, &text);
            for (i, _) in n.text().char_indices().chain([(n.text().len(), ' ')]) {
                let (s, e) = (n.orig_start(i), n.orig_end(i));
                assert!(
                    text.is_char_boundary(s) && text.is_char_boundary(e),
                    "{text:?} at {i}"
                );
            }
        }
    }

    #[test]
    fn records_word_starts() {
        let text = "The U.S. and \u{201C}Ça va\u{201D} — self-reliance, 中国AI";
        let mut n = Normalizer::default();
        n.normalize(text);
        let words: Vec<&str> = n
            .word_starts()
            .iter()
            .map(|&s| &text[s as usize..])
            .map(|rest| rest.split([' ', '\u{201D}', ',']).next().unwrap())
            .collect();
        assert_eq!(
            words,
            [
                "The",
                "U.S.",
                "and",
                "Ça",
                "va",
                "self-reliance",
                "中国AI",
                "国AI",
                "AI"
            ]
        );
        assert_eq!(n.word_starts().len(), n.words());
        let long = "word ".repeat(100);
        n.normalize(&long);
        assert_eq!(n.word_starts().len(), 100);
        assert_eq!(n.word_starts()[99], 495);
    }

    #[test]
    fn maps_offsets_back() {
        let text = "“Arms\u{2014}race” — ÉTATS-UNIS’ İstanbul  \n  straße";
        let mut n = Normalizer::default();
        n.normalize(text);
        let norm = n.text().to_string();
        for (needle, orig) in [
            ("arms race", "Arms\u{2014}race"),
            ("états unis", "ÉTATS-UNIS"),
            ("strasse", "straße"),
        ] {
            let s = norm.find(needle).unwrap();
            let e = s + needle.len();
            assert_eq!(&text[n.orig_start(s)..n.orig_end(e)], orig);
        }
        // Every char boundary of the normalised text maps to a char boundary.
        for (i, _) in norm.char_indices() {
            assert!(
                text.is_char_boundary(n.orig_start(i)),
                "start {i} in {norm:?}: {:?}",
                n.shifts
            );
            assert!(text.is_char_boundary(n.orig_end(i)), "end {i}");
        }
    }
}
