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

const A_WORD: u8 = 0;
const A_GAP: u8 = 1;
const A_HYPHEN: u8 = 2;
const A_JOINER: u8 = 3;
const A_OTHER: u8 = 4;
const NON_ASCII: u8 = 5;

/// The class of each byte value, for the ASCII fast path.
static ASCII: [u8; 256] = {
    let mut t = [NON_ASCII; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() || c == b'_' {
            A_WORD
        } else if matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C) {
            A_GAP
        } else if c == b'-' {
            A_HYPHEN
        } else if matches!(c, b'\'' | b'.' | b',') {
            A_JOINER
        } else {
            A_OTHER
        };
        b += 1;
    }
    t
};

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
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
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
}

/// A view of the result of [`Normalizer::normalize`].
pub type Normalized = Normalizer;

#[derive(Clone, Copy, PartialEq, Eq)]
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

    /// Normalises `text`, replacing what this normaliser held.
    pub fn normalize(&mut self, text: &str) {
        self.out.clear();
        self.shifts.clear();
        self.words = 0;
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
            let b = bytes[i];
            match ASCII[b as usize] {
                A_WORD => {
                    // A run of ASCII word bytes is copied lower-cased in one go: this is
                    // most of any English text, and the loop vectorises.
                    let run = i;
                    i += 1;
                    while i < bytes.len() && ASCII[bytes[i] as usize] == A_WORD {
                        i += 1;
                    }
                    close_gap(&mut gap, run, out.len(), &mut self.shifts);
                    if state == WordState::Outside {
                        self.words += 1;
                    }
                    state = WordState::Inside;
                    out.extend(bytes[run..i].iter().map(u8::to_ascii_lowercase));
                    continue;
                }
                A_GAP | A_HYPHEN => {
                    state = if b == b'-' && state == WordState::Inside {
                        WordState::Joiner
                    } else {
                        WordState::Outside
                    };
                    if gap.is_none() {
                        gap = Some((i, out.len()));
                        out.push(b' ');
                    }
                    i += 1;
                    continue;
                }
                A_JOINER | A_OTHER => {
                    close_gap(&mut gap, i, out.len(), &mut self.shifts);
                    state = if ASCII[b as usize] == A_JOINER && state == WordState::Inside {
                        WordState::Joiner
                    } else {
                        WordState::Outside
                    };
                    out.push(b);
                    i += 1;
                    continue;
                }
                _ => {}
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
                Fold::Drop => {
                    close_gap(&mut gap, i, out.len(), &mut self.shifts);
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
                            }
                            state = WordState::Inside;
                        }
                        CharClass::Continuous => {
                            self.words += 1;
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
