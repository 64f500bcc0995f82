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

/// Word-count classes of ASCII bytes: 0 word character, 1 joiner (`'` `-` `.` `,`), 2 other.
static WORD_CLASS: [u8; 128] = {
    let mut t = [2u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() || c == b'_' {
            t[b] = 0;
        } else if matches!(c, b'\'' | b'-' | b'.' | b',') {
            t[b] = 1;
        }
        b += 1;
    }
    t
};

/// Counts the words that start in an ASCII stretch, carrying the state across stretches.
///
/// A word starts at a word byte unless the byte before is a word byte, or a joiner that
/// itself follows a word byte. Computed 64 bytes at a time on bit masks, so no byte waits
/// on the one before it.
/// With `starts`, also appends the offset (`base` + position) of each word start.
fn count_ascii_words(
    seg: &[u8],
    state: &mut WordState,
    mut starts: Option<(&mut Vec<u32>, usize)>,
) -> usize {
    let (mut prev_w, mut prev_j): (u64, u64) = match *state {
        WordState::Outside => (0, 0),
        WordState::Inside => (1 << 63, 0),
        WordState::Joiner => (1 << 62, 1 << 63),
    };
    let mut words = 0;
    let mut chunks = seg.chunks_exact(64);
    let mut record = |mask: u64, offset: usize| {
        if let Some((list, base)) = starts.as_mut() {
            let mut m = mask;
            while m != 0 {
                list.push((*base + offset + m.trailing_zeros() as usize) as u32);
                m &= m - 1;
            }
        }
    };
    let mut offset = 0;
    for chunk in &mut chunks {
        let (w, j) = class_masks(chunk);
        let s = word_starts(w, j, prev_w, prev_j);
        words += s.count_ones() as usize;
        record(s, offset);
        offset += 64;
        (prev_w, prev_j) = (w, j);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut buf = [b' '; 64];
        buf[..rest.len()].copy_from_slice(rest);
        let (w, j) = class_masks(&buf);
        let s = word_starts(w, j, prev_w, prev_j);
        words += s.count_ones() as usize;
        record(s, offset);
    }
    let class = |b: u8| WORD_CLASS[b as usize];
    *state = match seg {
        [] => *state,
        [.., last] if class(*last) == 0 => WordState::Inside,
        [.., before, last] if class(*last) == 1 && class(*before) == 0 => WordState::Joiner,
        [last] if class(*last) == 1 && *state == WordState::Inside => WordState::Joiner,
        _ => WordState::Outside,
    };
    words
}

/// Bit i of the first mask is set when byte i is a word byte, of the second when it is a
/// joiner.
#[inline(always)]
fn class_masks(chunk: &[u8]) -> (u64, u64) {
    #[cfg(target_arch = "x86_64")]
    {
        sse2::class_masks(chunk.try_into().expect("64-byte chunks"))
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        class_masks_scalar(chunk)
    }
}

#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn class_masks_scalar(chunk: &[u8]) -> (u64, u64) {
    let (mut w, mut j) = (0u64, 0u64);
    for (i, &b) in chunk.iter().enumerate() {
        let word = (b | 0x20).wrapping_sub(b'a') < 26 || b.wrapping_sub(b'0') < 10 || b == b'_';
        let joiner = b == b'\'' || b == b'-' || b == b'.' || b == b',';
        w |= u64::from(word) << i;
        j |= u64::from(joiner) << i;
    }
    (w, j)
}

/// The class masks with SSE2, which every x86-64 processor has: 16 bytes per compare
/// instead of one, which is what makes word counting cheap next to the automaton scan.
#[cfg(target_arch = "x86_64")]
mod sse2 {
    use std::arch::x86_64::*;

    #[inline(always)]
    pub fn class_masks(chunk: &[u8; 64]) -> (u64, u64) {
        let (mut w, mut j) = (0u64, 0u64);
        for k in 0..4 {
            // SAFETY: SSE2 is part of the x86-64 baseline, and the load reads 16 bytes
            // inside `chunk` (k * 16 + 16 <= 64) without alignment requirements.
            let (wk, jk) = unsafe { masks16(chunk.as_ptr().add(k * 16)) };
            w |= u64::from(wk) << (k * 16);
            j |= u64::from(jk) << (k * 16);
        }
        (w, j)
    }

    /// `x` in `[lo, lo + n)` as unsigned bytes, with SSE2's signed compare.
    #[inline(always)]
    unsafe fn in_range(x: __m128i, lo: u8, n: u8) -> __m128i {
        let shifted = _mm_sub_epi8(x, _mm_set1_epi8(lo.wrapping_add(128) as i8));
        _mm_cmplt_epi8(shifted, _mm_set1_epi8(n.wrapping_sub(128) as i8))
    }

    #[inline(always)]
    unsafe fn masks16(p: *const u8) -> (u16, u16) {
        let v = _mm_loadu_si128(p as *const __m128i);
        let letter = in_range(_mm_or_si128(v, _mm_set1_epi8(0x20)), b'a', 26);
        let digit = in_range(v, b'0', 10);
        let under = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'_' as i8));
        let word = _mm_or_si128(_mm_or_si128(letter, digit), under);
        let joiner = _mm_or_si128(
            _mm_or_si128(
                _mm_cmpeq_epi8(v, _mm_set1_epi8(b'\'' as i8)),
                _mm_cmpeq_epi8(v, _mm_set1_epi8(b'-' as i8)),
            ),
            _mm_or_si128(
                _mm_cmpeq_epi8(v, _mm_set1_epi8(b'.' as i8)),
                _mm_cmpeq_epi8(v, _mm_set1_epi8(b',' as i8)),
            ),
        );
        (
            _mm_movemask_epi8(word) as u16,
            _mm_movemask_epi8(joiner) as u16,
        )
    }

    #[cfg(test)]
    #[test]
    fn agrees_with_the_scalar_masks() {
        let mut chunk = [0u8; 64];
        for start in (0..128u32).step_by(64) {
            for (i, b) in chunk.iter_mut().enumerate() {
                *b = (start as usize + i) as u8;
            }
            assert_eq!(class_masks(&chunk), super::class_masks_scalar(&chunk));
        }
    }
}

#[inline(always)]
fn word_starts(w: u64, j: u64, prev_w: u64, prev_j: u64) -> u64 {
    let w1 = (w << 1) | (prev_w >> 63);
    let j1 = (j << 1) | (prev_j >> 63);
    let w2 = (w << 2) | (prev_w >> 62);
    w & !w1 & !(j1 & w2)
}

/// One ASCII byte folded: lower-cased, gaps as a space. Branch-free, so the loop over a
/// stretch vectorises.
#[inline(always)]
fn fold_byte(b: u8) -> u8 {
    let upper = b.wrapping_sub(b'A') < 26;
    let gap = b == b' ' || b == b'-' || b.wrapping_sub(0x09) < 5; // \t \n VT FF \r
    if gap {
        b' '
    } else {
        b | (u8::from(upper) << 5)
    }
}

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

/// Appends an ASCII stretch, folded, squeezing runs of gaps to one space and recording
/// the shifts that squeezing makes. `gap` carries a run of gaps across stretches (a space
/// before an em dash belongs to the same run as the dash).
fn fold_ascii(
    out: &mut Vec<u8>,
    shifts: &mut Vec<[u32; 4]>,
    gap: &mut Option<(usize, usize)>,
    mut seg: &[u8],
    mut base: usize,
) {
    if gap.is_some() {
        let k = seg
            .iter()
            .position(|&b| !is_ascii_gap(b))
            .unwrap_or(seg.len());
        seg = &seg[k..];
        base += k;
        if seg.is_empty() {
            return;
        }
        close_gap(gap, base, out.len(), shifts);
    }
    let start = out.len();
    out.resize(start + seg.len(), 0);
    for (o, &b) in out[start..].iter_mut().zip(seg) {
        *o = fold_byte(b);
    }
    let end = out.len();
    let (mut r, mut w) = (start, start);
    static DOUBLE_SPACE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"  "));
    while let Some(p) = DOUBLE_SPACE.find(&out[r..end]) {
        let a = r + p;
        let mut b = a + 2;
        while b < end && out[b] == b' ' {
            b += 1;
        }
        out.copy_within(r..a + 1, w);
        w += a + 1 - r;
        if b == end {
            // The run reaches the end of the stretch and may go on past it.
            *gap = Some((base + (a - start), w - 1));
        } else {
            shifts.push([
                (w - 1) as u32,
                (base + a - start) as u32,
                w as u32,
                (base + b - start) as u32,
            ]);
        }
        r = b;
    }
    if r < end {
        out.copy_within(r..end, w);
        w += end - r;
        if out[w - 1] == b' ' {
            *gap = Some((base + seg.len() - 1, w - 1));
        }
    }
    out.truncate(w);
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
    /// Record word starts (for proximity rules); off by default, it costs a little.
    record_word_starts: bool,
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

    /// Whether [`Normalizer::word_starts`] is filled. By default, it is not.
    pub fn set_record_word_starts(&mut self, on: bool) {
        self.record_word_starts = on;
    }

    /// Byte offsets in the *original* text where each word starts, when recording is on
    /// (see [`Normalizer::set_record_word_starts`]): the word index of an offset is the
    /// number of starts at or before it.
    pub fn word_starts(&self) -> &[u32] {
        &self.word_starts
    }

    /// Normalises `text`, replacing what this normaliser held.
    pub fn normalize(&mut self, text: &str) {
        self.out.clear();
        self.shifts.clear();
        self.words = 0;
        self.word_starts.clear();
        self.out.reserve(text.len());
        // Output is always valid UTF-8: ASCII bytes are pushed as they are and every other
        // character is pushed whole. Working on the Vec avoids per-byte UTF-8 checks.
        let out = utf8_bytes(&mut self.out);
        let bytes = text.as_bytes();
        let mut state = WordState::Outside;
        // Where the current run of gaps started (original and normalised), if in one.
        let mut gap: Option<(usize, usize)> = None;
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] < 0x80 {
                // Most news text is long ASCII stretches between curly quotes and dashes:
                // fold and count each stretch in tight table-driven loops.
                let end = i + ascii_prefix(&bytes[i..]);
                let seg = &bytes[i..end];
                let starts = self
                    .record_word_starts
                    .then_some((&mut self.word_starts, i));
                self.words += count_ascii_words(seg, &mut state, starts);
                fold_ascii(out, &mut self.shifts, &mut gap, seg, i);
                i = end;
                continue;
            }
            // Non-ASCII: decode one character.
            let c = text[i..].chars().next().expect("i is on a char boundary");
            let len = c.len_utf8();
            match fold_char(c) {
                Fold::Gap => {
                    state = if matches!(c, '\u{2010}' | '\u{2011}') && state == WordState::Inside {
                        WordState::Joiner
                    } else {
                        WordState::Outside
                    };
                    if gap.is_none() {
                        gap = Some((i, out.len()));
                        out.push(b' ');
                    }
                }
                // Invisible: inside a run of gaps the run's own map entry covers it.
                Fold::Drop if gap.is_some() => {}
                Fold::Drop => {
                    let n = out.len() as u32;
                    self.shifts.push([n, i as u32, n, (i + len) as u32]);
                }
                fold => {
                    close_gap(&mut gap, i, out.len(), &mut self.shifts);
                    let start = out.len();
                    // One character for one character of the same length keeps the
                    // boundaries where they were; anything else needs a map entry.
                    let several = matches!(fold, Fold::Many);
                    match fold {
                        Fold::Char(f) => push_char(out, f),
                        _ => {
                            if matches!(c, 'ß' | 'ẞ') {
                                out.extend_from_slice(b"ss");
                            } else {
                                for l in c.to_lowercase() {
                                    push_char(out, if l == 'ς' { 'σ' } else { l });
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
                    match char_class(c) {
                        CharClass::Word => {
                            if state == WordState::Outside {
                                self.words += 1;
                                if self.record_word_starts {
                                    self.word_starts.push(i as u32);
                                }
                            }
                            state = WordState::Inside;
                        }
                        CharClass::Continuous => {
                            self.words += 1;
                            if self.record_word_starts {
                                self.word_starts.push(i as u32);
                            }
                            state = WordState::Outside;
                        }
                        CharClass::Other => {
                            state = if c == '\u{2019}' && state == WordState::Inside {
                                WordState::Joiner
                            } else {
                                WordState::Outside
                            };
                        }
                    }
                }
            }
            i += len;
        }
        close_gap(&mut gap, bytes.len(), out.len(), &mut self.shifts);
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

fn close_gap(gap: &mut Option<(usize, usize)>, i: usize, n: usize, shifts: &mut Vec<[u32; 4]>) {
    if let Some((os, ns)) = gap.take() {
        if i - os != n - ns {
            shifts.push([ns as u32, os as u32, n as u32, i as u32]);
        }
    }
}

fn push_char(out: &mut Vec<u8>, c: char) {
    let mut buf = [0u8; 4];
    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
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
        n.set_record_word_starts(true);
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
