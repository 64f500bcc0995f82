//! Byte offsets (what the library reports, matching contract clause 8) turned into
//! Python string indices (code points), so that `text[start:end]` is the match.

/// Converts byte offsets of one text into character indices. Offsets asked in increasing
/// order cost one pass over the text in all; a smaller offset starts the count again.
pub(crate) struct CharOffsets<'t> {
    text: &'t str,
    byte: usize,
    chars: usize,
}

impl<'t> CharOffsets<'t> {
    pub(crate) fn new(text: &'t str) -> Self {
        CharOffsets {
            text,
            byte: 0,
            chars: 0,
        }
    }

    /// The character index of byte offset `at`, which must be a character boundary.
    pub(crate) fn at(&mut self, at: usize) -> usize {
        if at < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text[self.byte..at].chars().count();
        self.byte = at;
        self.chars
    }
}
