//! Cutting a stream into JSONL lines, read straight into the blocks their records share.
//!
//! The reader thread used to take each line out of a `BufReader` and copy it into its
//! block: a third of that thread's time, and on two cores the reader shares them with the
//! workers, so its time is taken from scoring. A [`LineReader`] reads into the block's own
//! room instead (a `BufReader` hands a read at least as large as its buffer straight to
//! the reader beneath it, the file or the decompressor), so the bytes are copied once, by
//! the kernel or by the decompressor, and only the unfinished line at the end of a block
//! is moved into the next.
//!
//! A line longer than the limit is dropped as it is read, so that one huge line cannot
//! exhaust memory; it leaves an [`Entry::TooLong`] in its place, so that the caller can
//! give it an error record in input order. Blank lines are dropped too. The lines kept
//! move down over the room of the lines dropped, each at most once, so a block's room is
//! the room of the lines it hands on.

use std::io::{self, Read};
use std::ops::{Deref, Range};
use std::sync::{Arc, Mutex, PoisonError};

use crate::input::ReadStats;

/// A block is handed on at the first read that takes its finished lines to this size
/// (so it holds up to one read more). Smaller than a batch, so that a batch holds only a
/// little more than its own lines; a block never keeps more than four times the room its
/// lines take, nor any room for the lines it dropped (blank, or too long).
pub(crate) const BLOCK_BYTES: usize = 256 << 10;

/// The least room a read is given: at least the `BufReader` capacity in
/// [`super::decompress`], so that the read bypasses its buffer.
pub(crate) const READ_BYTES: usize = 256 << 10;

/// One line of a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Entry {
    /// A line to parse: its number (from 1) and its bytes in the block, without the line
    /// end (`\n` or `\r\n`) or, on line 1, a byte-order mark.
    Line { line: u64, range: Range<usize> },
    /// A line over the limit, dropped: its number and its length without the `\n`.
    TooLong { line: u64, bytes: usize },
}

/// Lines read together, and the bytes they are ranges of (with room after them).
#[derive(Debug)]
pub(crate) struct Block {
    pub bytes: Vec<u8>,
    pub entries: Vec<Entry>,
}

/// Spares kept at most: more than the blocks in flight in the pipeline (a few batches of
/// a few megabytes, in blocks of half a megabyte).
const MAX_SPARES: usize = 64;

/// The room of blocks whose records have all gone, for the reader to fill again: zeroing
/// and faulting in fresh room for every block cost the reader thread as much as the copy
/// that reading straight into blocks saved.
#[derive(Debug)]
pub(crate) struct Spares {
    rooms: Mutex<Vec<Vec<u8>>>,
    /// The size of new room, and the least that is kept.
    size: usize,
}

impl Spares {
    /// Spares for blocks of `size` bytes of room.
    pub fn new(size: usize) -> Spares {
        Spares {
            rooms: Mutex::new(Vec::new()),
            size,
        }
    }

    /// Room of at least `len` bytes, all of it written (zeroes where never used).
    fn take(&self, len: usize) -> Vec<u8> {
        let spare = self
            .rooms
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop();
        match spare {
            Some(room) if room.len() >= len => room,
            // Growing a spare would copy it; one too small (after a long line) goes.
            _ => vec![0; len.max(self.size)],
        }
    }

    /// Keeps `room` for a later block, unless it is smaller than a block's (the exact
    /// room of a small file's lines) or far larger (the room of a line far longer than
    /// a block), or enough is kept already.
    fn give(&self, room: Vec<u8>) {
        if room.len() < self.size || room.len() > 4 * self.size {
            return;
        }
        let mut rooms = self.rooms.lock().unwrap_or_else(PoisonError::into_inner);
        if rooms.len() < MAX_SPARES {
            rooms.push(room);
        }
    }
}

/// A block's bytes, shared by its records. When the last of them is dropped, its room
/// goes back to the reader's spares.
#[derive(Debug)]
pub(crate) struct Shared {
    bytes: Vec<u8>,
    spares: Option<Arc<Spares>>,
}

impl Shared {
    /// Bytes of a block from `spares`, which get its room back.
    pub fn new(bytes: Vec<u8>, spares: &Arc<Spares>) -> Shared {
        Shared {
            bytes,
            spares: Some(spares.clone()),
        }
    }

    /// Bytes of no reader's.
    pub fn alone(bytes: Vec<u8>) -> Shared {
        Shared {
            bytes,
            spares: None,
        }
    }
}

impl Deref for Shared {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.bytes
    }
}

impl Drop for Shared {
    fn drop(&mut self) {
        if let Some(spares) = &self.spares {
            spares.give(std::mem::take(&mut self.bytes));
        }
    }
}

enum State {
    Reading,
    /// The lines before the error have been handed on; the error comes next.
    Failed(io::Error),
    Done,
}

/// Reads lines in blocks; see the module docs.
pub(crate) struct LineReader<'s, R> {
    inner: R,
    max_line: usize,
    max_entries: usize,
    /// [`BLOCK_BYTES`] and [`READ_BYTES`], smaller in tests.
    block_bytes: usize,
    read_bytes: usize,
    /// The block being filled. `buf[..filled]` holds what was read: finished lines up to
    /// `tail`, then the unfinished one. The rest is zeroed room for the next read (safe
    /// Rust cannot read into room that was never written; each byte is zeroed once).
    buf: Vec<u8>,
    filled: usize,
    tail: usize,
    entries: Vec<Entry>,
    /// Lines finished so far (the number of the last).
    line: u64,
    /// Bytes of a too-long line dropped so far, while in one.
    skipping: Option<usize>,
    state: State,
    spares: &'s Spares,
    stats: &'s mut ReadStats,
    /// The most room the block took, for the tests of the memory bound.
    #[cfg(test)]
    peak: usize,
}

impl<'s, R: Read> LineReader<'s, R> {
    /// Lines of `inner`, in blocks of at most about `max_entries` lines (a block is
    /// handed on between reads); lines over `max_line` bytes are dropped. Blocks are
    /// made in room from `spares`. Counts bytes and blank lines into `stats`.
    pub fn new(
        inner: R,
        max_line: usize,
        max_entries: usize,
        spares: &'s Spares,
        stats: &'s mut ReadStats,
    ) -> Self {
        LineReader {
            inner,
            max_line,
            max_entries: max_entries.max(1),
            block_bytes: BLOCK_BYTES,
            read_bytes: READ_BYTES,
            buf: Vec::new(),
            filled: 0,
            tail: 0,
            entries: Vec::new(),
            line: 0,
            skipping: None,
            state: State::Reading,
            spares,
            stats,
            #[cfg(test)]
            peak: 0,
        }
    }

    /// The number of the line being read (one past the last finished).
    pub fn next_line(&self) -> u64 {
        self.line + 1
    }

    /// The next block, or `None` at the end. A read error comes after the block of the
    /// lines before it, and ends the stream (the unfinished line is lost with the rest).
    pub fn next_block(&mut self) -> io::Result<Option<Block>> {
        loop {
            match std::mem::replace(&mut self.state, State::Reading) {
                State::Reading => {}
                State::Failed(e) => {
                    self.state = State::Done;
                    return Err(e);
                }
                State::Done => {
                    self.state = State::Done;
                    return Ok(None);
                }
            }
            // A block is handed on when its lines fill it, or early when the room left
            // is less than a read (growing it would move all of it), or when it holds a
            // batch's worth of lines (lines too long to keep take no room, and a slow
            // stream of short lines should not wait for 256 KB of them).
            let short = self.buf.len() - self.filled < self.read_bytes && self.tail > 0;
            let many = self.entries.len() >= self.max_entries;
            if self.tail >= self.block_bytes || short || many {
                return Ok(Some(self.take_block(true)));
            }
            if self.buf.is_empty() {
                self.buf = self.spares.take(self.read_bytes);
            }
            if self.buf.len() - self.filled < self.read_bytes {
                // A line longer than the block: room for it and a read more. Only that
                // much is zeroed (and so held), though the vector grows by doubling.
                self.buf.resize(self.filled + self.read_bytes, 0);
                #[cfg(test)]
                {
                    self.peak = self.peak.max(self.buf.len());
                }
            }
            // No more than a read's room: a decompressor that fails part-way through a
            // read loses what it decoded in that read.
            let room = self.filled..self.buf.len().min(self.filled + self.read_bytes);
            match self.inner.read(&mut self.buf[room]) {
                Ok(0) => {
                    self.finish();
                    self.state = State::Done;
                    return Ok(self.last_block());
                }
                Ok(n) => {
                    let from = self.filled;
                    self.filled += n;
                    self.split(from);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    self.filled = self.tail;
                    self.skipping = None;
                    self.state = State::Failed(e);
                    if let Some(block) = self.last_block() {
                        return Ok(Some(block));
                    }
                }
            }
        }
    }

    /// Finishes the lines that end in `buf[from..filled]`, then drops the unfinished one
    /// if it has grown too long. The lines kept move down over the room of the lines
    /// dropped (blank, or too long), each at most once, so that a block's room is all
    /// lines it hands on.
    fn split(&mut self, from: usize) {
        // The line being read starts at `start`; the lines kept so far end at `tail`.
        let mut start = self.tail;
        let mut at = from;
        while let Some(i) = memchr::memchr(b'\n', &self.buf[at..self.filled]) {
            let end = at + i;
            if self.finish_line(start, end, true) {
                if start > self.tail {
                    self.buf.copy_within(start..=end, self.tail);
                }
                self.tail += end + 1 - start;
            }
            start = end + 1;
            at = end + 1;
        }
        if start > self.tail {
            self.buf.copy_within(start..self.filled, self.tail);
            self.filled -= start - self.tail;
        }
        let unfinished = self.filled - self.tail;
        match &mut self.skipping {
            Some(n) => *n += unfinished,
            None if unfinished > self.max_line => self.skipping = Some(unfinished),
            None => return,
        }
        self.filled = self.tail;
    }

    /// At the end of the stream: the last line, if it has no `\n`.
    fn finish(&mut self) {
        if self.skipping.is_some() || self.filled > self.tail {
            if self.finish_line(self.tail, self.filled, false) {
                self.tail = self.filled;
            } else {
                self.filled = self.tail;
            }
        }
    }

    /// Finishes the line from `start` to `end` (and `\n` when `newline`), which is to
    /// move down to `tail` if kept. False when it is not kept: a blank line, or one too
    /// long, which would otherwise pin its room in the block as long as the lines around
    /// it live.
    fn finish_line(&mut self, start: usize, end: usize, newline: bool) -> bool {
        self.line += 1;
        let line = self.line;
        let len = end - start;
        self.stats.bytes += (len + usize::from(newline)) as u64;
        if let Some(dropped) = self.skipping.take() {
            let bytes = dropped + len;
            self.stats.bytes += dropped as u64;
            self.entries.push(Entry::TooLong { line, bytes });
            return false;
        }
        if len > self.max_line {
            self.entries.push(Entry::TooLong { line, bytes: len });
            return false;
        }
        let (mut from, mut to) = (start, end);
        if line == 1 && self.buf[from..to].starts_with(b"\xEF\xBB\xBF") {
            from += 3;
        }
        if to > from && self.buf[to - 1] == b'\r' {
            to -= 1;
        }
        if self.buf[from..to].iter().all(u8::is_ascii_whitespace) {
            self.stats.skipped += 1;
            return false;
        }
        let shift = start - self.tail;
        self.entries.push(Entry::Line {
            line,
            range: from - shift..to - shift,
        });
        true
    }

    /// The finished lines as a block; the unfinished one starts the next block when
    /// `more` (else nothing more is read).
    fn take_block(&mut self, more: bool) -> Block {
        let partial = self.filled - self.tail;
        let mut bytes = if more {
            let mut next = self.spares.take(partial + self.read_bytes);
            next[..partial].copy_from_slice(&self.buf[self.tail..self.filled]);
            std::mem::replace(&mut self.buf, next)
        } else {
            std::mem::take(&mut self.buf)
        };
        if bytes.len() > 4 * self.tail {
            // The last block of a stream (a small file, say), or one cut short by an
            // error: its lines get room their size, and the room goes back at once.
            let exact = bytes[..self.tail].to_vec();
            self.spares.give(std::mem::replace(&mut bytes, exact));
        }
        self.filled = partial;
        self.tail = 0;
        Block {
            bytes,
            entries: std::mem::take(&mut self.entries),
        }
    }

    fn last_block(&mut self) -> Option<Block> {
        (!self.entries.is_empty()).then(|| self.take_block(false))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Hands out its bytes in reads of the given sizes, in turn; then, if `fail`, an
    /// error instead of the end. Zero in `sizes` is an `Interrupted` error.
    struct Chunky {
        bytes: Vec<u8>,
        at: usize,
        sizes: Vec<usize>,
        turn: usize,
        fail: bool,
    }

    impl Chunky {
        /// A reader of `bytes` whose reads return `sizes` bytes in turn.
        fn new(bytes: Vec<u8>, sizes: Vec<usize>) -> Chunky {
            Chunky {
                bytes,
                at: 0,
                sizes,
                turn: 0,
                fail: false,
            }
        }
    }

    impl Read for Chunky {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            let size = self.sizes[self.turn % self.sizes.len()];
            self.turn += 1;
            if size == 0 {
                return Err(io::ErrorKind::Interrupted.into());
            }
            let n = size.min(out.len()).min(self.bytes.len() - self.at);
            if n == 0 && self.fail {
                return Err(io::Error::other("disk on fire"));
            }
            out[..n].copy_from_slice(&self.bytes[self.at..self.at + n]);
            self.at += n;
            Ok(n)
        }
    }

    /// What a reader gives: each line as (number, text or `None` when too long), the
    /// number of blocks, the error if any, and the counts.
    type Seen = (Vec<Got>, usize, Option<String>, ReadStats);
    type Got = (u64, Option<Vec<u8>>);

    /// Reads `bytes` in reads of `sizes`, with lines of at most `max` bytes, in blocks
    /// of `block` bytes (and room for reads of `block` bytes) or `per` lines.
    fn read_all(
        bytes: &[u8],
        sizes: &[usize],
        fail: bool,
        max: usize,
        (block, per): (usize, usize),
    ) -> Seen {
        let inner = Chunky {
            bytes: bytes.to_vec(),
            at: 0,
            sizes: sizes.to_vec(),
            turn: 0,
            fail,
        };
        let mut stats = ReadStats::default();
        let mut lines = Vec::new();
        let mut blocks = 0;
        let mut error = None;
        {
            let spares = Spares::new(2 * block);
            let mut r = LineReader::new(inner, max, per, &spares, &mut stats);
            (r.block_bytes, r.read_bytes) = (block, block);
            loop {
                match r.next_block() {
                    Ok(Some(block)) => {
                        blocks += 1;
                        assert!(!block.entries.is_empty(), "no empty blocks");
                        for e in block.entries {
                            lines.push(match e {
                                Entry::Line { line, range } => {
                                    (line, Some(block.bytes[range].to_vec()))
                                }
                                Entry::TooLong { line, .. } => (line, None),
                            });
                        }
                    }
                    Ok(None) => break,
                    Err(e) => {
                        error = Some(format!("line {}: {e}", r.next_line()));
                        assert!(matches!(r.next_block(), Ok(None)), "the end after an error");
                        break;
                    }
                }
            }
        }
        (lines, blocks, error, stats)
    }

    /// The same lines, by splitting the whole input at once.
    fn reference(bytes: &[u8], max: usize) -> (Vec<Got>, ReadStats) {
        let mut stats = ReadStats::default();
        let mut lines = Vec::new();
        let mut parts: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
        let unterminated = parts.pop().filter(|p| !p.is_empty());
        let n = parts.len();
        for (i, part) in parts.into_iter().chain(unterminated).enumerate() {
            let line = i as u64 + 1;
            let newline = i < n;
            stats.bytes += (part.len() + usize::from(newline)) as u64;
            if part.len() > max {
                lines.push((line, None));
                continue;
            }
            let mut p = part;
            if line == 1 {
                p = p.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(p);
            }
            p = p.strip_suffix(b"\r").unwrap_or(p);
            if p.iter().all(u8::is_ascii_whitespace) {
                stats.skipped += 1;
            } else {
                lines.push((line, Some(p.to_vec())));
            }
        }
        (lines, stats)
    }

    fn line(n: u64, s: &str) -> Got {
        (n, Some(s.as_bytes().to_vec()))
    }

    #[test]
    fn lines_come_out_numbered_and_trimmed() {
        // (input, lines, skipped); the limit is 10 bytes a line.
        type Case<'a> = (&'a str, &'a [(u64, Option<&'a str>)], u64);
        let cases: &[Case] = &[
            ("", &[], 0),
            ("\n\n  \n", &[], 3),
            ("a\nb", &[(1, Some("a")), (2, Some("b"))], 0),
            ("a\r\nb\r\n", &[(1, Some("a")), (2, Some("b"))], 0),
            ("\u{FEFF}{\"é\":1}\n", &[(1, None)], 0), // the mark counts: 12 bytes
            ("\u{FEFF}\"é\"\n", &[(1, Some("\"é\""))], 0),
            (
                "x\n\u{FEFF}y\n",
                &[(1, Some("x")), (2, Some("\u{FEFF}y"))],
                0,
            ),
            (
                "0123456789\n01234567890\nok",
                &[(1, Some("0123456789")), (2, None), (3, Some("ok"))],
                0,
            ),
            ("ααααααα\n", &[(1, None)], 0),
            (
                "ok\n   \t\r\nétats\n",
                &[(1, Some("ok")), (3, Some("états"))],
                1,
            ),
            ("01234567890123456789", &[(1, None)], 0),
        ];
        for &(input, want, skipped) in cases {
            let want: Vec<_> = want
                .iter()
                .map(|&(n, s)| (n, s.map(|s| s.as_bytes().to_vec())))
                .collect();
            for sizes in [&[1 << 20][..], &[1], &[3, 0, 1], &[7]] {
                for block in [1, 5, BLOCK_BYTES] {
                    let (got, _, error, stats) =
                        read_all(input.as_bytes(), sizes, false, 10, (block, 2));
                    assert_eq!(
                        got, want,
                        "{input:?} in reads of {sizes:?}, blocks of {block}"
                    );
                    assert_eq!(error, None);
                    assert_eq!(stats.skipped, skipped, "{input:?}");
                }
            }
        }
    }

    #[test]
    fn a_read_error_comes_after_the_lines_before_it() {
        let (got, blocks, error, _) = read_all(b"one\ntwo\nthr", &[4], true, 100, (1000, 9));
        assert_eq!(got, vec![line(1, "one"), line(2, "two")]);
        assert_eq!(blocks, 1);
        assert_eq!(error.as_deref(), Some("line 3: disk on fire"));
        let (got, blocks, error, _) = read_all(b"", &[4], true, 100, (1000, 9));
        assert_eq!((got.len(), blocks), (0, 0));
        assert_eq!(error.as_deref(), Some("line 1: disk on fire"));
    }

    /// A block holds its size in lines or a little more (up to one read more), never a
    /// great deal less, and no more room than four times what its lines take.
    #[test]
    fn blocks_hold_about_their_size() {
        let text: String = (0..300_000).map(|i| format!("{{\"i\": {i}}}\n")).collect();
        let inner = Chunky::new(text.into_bytes(), vec![1 << 20, 4096, 100_000]);
        let mut stats = ReadStats::default();
        let spares = Spares::new(BLOCK_BYTES + READ_BYTES);
        let mut r = LineReader::new(inner, 100, 1 << 20, &spares, &mut stats);
        let mut lines = 0;
        while let Some(block) = r.next_block().unwrap() {
            let last = block.entries.last().cloned();
            lines += block.entries.len();
            let Some(Entry::Line { line, range }) = last else {
                panic!("a line")
            };
            // Handed on early when the room left is less than a read: then the last
            // line may end a line short of the size.
            let used = range.end;
            if lines < 300_000 {
                let sizes = BLOCK_BYTES - 20..=BLOCK_BYTES + READ_BYTES;
                assert!(sizes.contains(&used), "{used} bytes");
            }
            assert!(
                block.bytes.len() <= 4 * used,
                "{} bytes of room",
                block.bytes.len()
            );
            assert_eq!(line as usize, lines);
            let want = format!("{{\"i\": {}}}", line - 1);
            assert_eq!(&block.bytes[range], want.as_bytes());
        }
        assert_eq!(lines, 300_000);
        // Lines this short never make the room grow (which would copy all of it): a block
        // is handed on before less than a read's room is left.
        assert_eq!(r.peak, 0, "the room grew");
    }

    #[test]
    fn a_long_line_is_not_kept_while_it_is_skipped() {
        // 8 MB without a line end, over a limit of 1 MB: the block never holds more
        // than the limit and a read's room, and then one read more.
        let mut input = vec![b'y'; 8 << 20];
        input.extend_from_slice(b"\nafter\n");
        let inner = Chunky::new(input, vec![64 << 10]);
        let mut stats = ReadStats::default();
        let spares = Spares::new(BLOCK_BYTES + READ_BYTES);
        let mut r = LineReader::new(inner, 1 << 20, 512, &spares, &mut stats);
        let block = r.next_block().unwrap().unwrap();
        assert!(
            r.peak <= (1 << 20) + 2 * READ_BYTES,
            "{} bytes of room",
            r.peak
        );
        assert_eq!(
            block.entries[0],
            Entry::TooLong {
                line: 1,
                bytes: 8 << 20
            }
        );
        assert_eq!(&block.bytes[range(&block.entries[1])], b"after");
        assert!(r.next_block().unwrap().is_none());
        assert_eq!(stats.bytes, (8 << 20) + 7);
    }

    #[test]
    fn blank_lines_leave_their_room_to_the_lines_after_them() {
        let mut input = b"a\n".to_vec();
        input.extend_from_slice(&[b' '; 5000]);
        input.extend_from_slice(b"\r\nb\n\n  \nc");
        for sizes in [&[1 << 20][..], &[7], &[4999, 3]] {
            let (got, blocks, _, stats) =
                read_all(&input, sizes, false, 10_000, (BLOCK_BYTES, 512));
            assert_eq!(
                got,
                vec![line(1, "a"), line(3, "b"), line(6, "c")],
                "{sizes:?}"
            );
            assert_eq!((blocks, stats.skipped), (1, 3));
            assert_eq!(stats.bytes, input.len() as u64);
        }
        let inner: &[u8] = &input;
        let mut stats = ReadStats::default();
        let spares = Spares::new(BLOCK_BYTES + READ_BYTES);
        let block = LineReader::new(inner, 10_000, 512, &spares, &mut stats)
            .next_block()
            .unwrap()
            .unwrap();
        // "a\n", "b\n" and "c" stay; the blank lines have gone.
        assert_eq!(block.bytes, b"a\nb\nc");
    }

    #[test]
    fn the_room_of_a_block_comes_back_when_its_records_have_gone() {
        let spares = Arc::new(Spares::new(1000));
        let room = spares.take(10);
        assert_eq!(room.len(), 1000, "new room is a block's");
        let at = room.as_ptr();
        // Two records of one block: the room comes back after the second.
        let first = Arc::new(Shared::new(room, &spares));
        let second = first.clone();
        drop(first);
        assert!(spares.rooms.lock().unwrap().is_empty());
        drop(second);
        let again = spares.take(500);
        assert_eq!(again.as_ptr(), at, "the same room, not a copy");
        // Room too small for a block, or far too large, is not kept; nor is room of no
        // reader's.
        for len in [999, 4001] {
            drop(Shared::new(vec![0; len], &spares));
            assert_eq!(spares.take(1).len(), 1000, "{len}");
        }
        // From one block's room to four blocks' room, it is kept.
        for len in [1000, 4000] {
            drop(Shared::new(vec![0; len], &spares));
            assert_eq!(spares.take(1).len(), len, "{len}");
        }
        drop(Shared::alone(vec![0; 2000]));
        assert_eq!(spares.take(1).len(), 1000);
        // No more than MAX_SPARES are kept; a spare too small for what is asked goes.
        let rooms: Vec<_> = (0..MAX_SPARES + 5).map(|_| vec![7; 1500]).collect();
        for room in rooms {
            spares.give(room);
        }
        assert_eq!(spares.rooms.lock().unwrap().len(), MAX_SPARES);
        assert_eq!(spares.take(2000).len(), 2000);
        assert_eq!(spares.rooms.lock().unwrap().len(), MAX_SPARES - 1);
    }

    /// Blank lines take no room, however many and however long: a block of two short
    /// lines among 128 blank lines of 4 KB holds the two lines only.
    #[test]
    fn blank_lines_never_pin_a_block() {
        let mut unit = b"x\n".to_vec();
        for _ in 0..64 {
            unit.extend_from_slice(&[b' '; 4095]);
            unit.push(b'\n');
        }
        let input = unit.repeat(20);
        let inner: &[u8] = &input;
        let mut stats = ReadStats::default();
        let spares = Spares::new(BLOCK_BYTES + READ_BYTES);
        let mut r = LineReader::new(inner, 1 << 20, 512, &spares, &mut stats);
        let block = r.next_block().unwrap().unwrap();
        assert_eq!(block.entries.len(), 20);
        assert_eq!(block.bytes, b"x\n".repeat(20));
        assert!(r.next_block().unwrap().is_none());
        assert_eq!((stats.skipped, stats.bytes), (20 * 64, input.len() as u64));
    }

    /// When less than a read's room is left, the block is handed on rather than its room
    /// grown (which would copy all of it).
    #[test]
    fn a_block_is_handed_on_before_its_room_would_grow() {
        let text = b"{\"t\": 1}\n".repeat(1000);
        let inner = Chunky::new(text, vec![60]);
        let mut stats = ReadStats::default();
        let spares = Spares::new(150);
        let mut r = LineReader::new(inner, 1000, 1 << 20, &spares, &mut stats);
        (r.block_bytes, r.read_bytes) = (100, 100);
        let mut lines = 0;
        while let Some(block) = r.next_block().unwrap() {
            assert!(block.entries.len() <= 11, "{} lines", block.entries.len());
            lines += block.entries.len();
        }
        assert_eq!(lines, 1000);
        assert_eq!(r.peak, 0, "the room grew");
        // Exactly a read's room left is room enough: the block takes another read.
        let inner = Chunky::new(b"{\"t\": 1}\n".repeat(100), vec![100]);
        let spares = Spares::new(200);
        let mut r = LineReader::new(inner, 1000, 1 << 20, &spares, &mut stats);
        (r.block_bytes, r.read_bytes) = (150, 100);
        let first = r.next_block().unwrap().unwrap();
        assert_eq!(first.entries.len(), 22, "two reads of 100 bytes");
        assert_eq!(r.peak, 0, "the room grew");
    }

    /// A block keeps the room it was read into, up to four times what its lines take;
    /// only beyond that do its lines get room their size.
    #[test]
    fn a_block_keeps_up_to_four_times_its_room() {
        for (lines, want) in [(10, 400), (9, 90)] {
            let inner = Chunky::new(b"{\"t\": 12}\n".repeat(lines), vec![100]);
            let mut stats = ReadStats::default();
            let spares = Spares::new(400);
            let mut r = LineReader::new(inner, 1000, 1 << 20, &spares, &mut stats);
            (r.block_bytes, r.read_bytes) = (100, 100);
            let block = r.next_block().unwrap().unwrap();
            assert_eq!(block.entries.len(), lines);
            assert_eq!(block.bytes.len(), want, "{lines} lines");
        }
    }

    /// Lines too long to keep take no room either, so a block of nothing but them is
    /// handed on at a batch's worth of lines rather than at the end of the input.
    #[test]
    fn too_long_lines_alone_are_handed_on_before_the_end() {
        let input = b"xx\n".repeat(100_000);
        let (got, blocks, _, stats) = read_all(&input, &[1000], false, 1, (1000, 512));
        assert_eq!(got.len(), 100_000);
        assert!(got.iter().all(|(_, text)| text.is_none()));
        assert!(blocks >= 100_000 / (512 + 334), "{blocks} blocks");
        assert_eq!(stats.bytes, input.len() as u64);
    }

    /// The last block of a file holds no more than four times the room its lines take,
    /// whatever their size: a folder of small files must not keep a block's room each.
    #[test]
    fn the_last_block_of_a_file_keeps_little_room() {
        for size in [10, 50_000, 130_000, 200_000, 400_000] {
            let input: Vec<u8> = b"{\"t\": 1}\n".iter().copied().cycle().take(size).collect();
            let inner: &[u8] = &input;
            let mut stats = ReadStats::default();
            let spares = Spares::new(BLOCK_BYTES + READ_BYTES);
            let mut r = LineReader::new(inner, 1000, 1 << 20, &spares, &mut stats);
            let mut last = None;
            while let Some(block) = r.next_block().unwrap() {
                last = Some(block);
            }
            let block = last.unwrap();
            let used = range(block.entries.last().unwrap()).end;
            assert!(
                block.bytes.len() <= 4 * used,
                "{size}: {} bytes",
                block.bytes.len()
            );
        }
    }

    fn range(e: &Entry) -> Range<usize> {
        match e {
            Entry::Line { range, .. } => range.clone(),
            Entry::TooLong { .. } => panic!("a line"),
        }
    }

    proptest! {
        /// Whatever the lines and however the reads cut them, the blocks give the lines
        /// that splitting the whole input gives, and count the same bytes; with a read
        /// error at the end, the lines up to the last line end, then the error.
        #[test]
        fn blocks_give_the_lines_of_the_whole_input(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just(b"\n".to_vec()), Just(b"\r\n".to_vec()), Just(b"  ".to_vec()),
                    Just("\u{FEFF}".as_bytes().to_vec()), Just("é".as_bytes().to_vec()),
                    proptest::collection::vec(b'a'..=b'z', 0..40),
                ],
                0..200,
            ),
            sizes in proptest::collection::vec(0usize..70, 1..5),
            max in 0usize..60,
            block in 1usize..50,
            per in 1usize..8,
            fail in any::<bool>(),
        ) {
            let input = parts.concat();
            let mut sizes = sizes;
            if sizes.iter().all(|&s| s == 0) {
                sizes.push(1);
            }
            let (got, _, error, stats) = read_all(&input, &sizes, fail, max, (block, per));
            let whole = if fail {
                // The unfinished last line is lost with the error.
                let end = input.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
                &input[..end]
            } else {
                &input[..]
            };
            let (want, want_stats) = reference(whole, max);
            let want_error = fail.then(|| {
                let lines = whole.iter().filter(|&&b| b == b'\n').count();
                format!("line {}: disk on fire", lines + 1)
            });
            prop_assert_eq!(got, want);
            prop_assert_eq!(error, want_error);
            prop_assert_eq!(stats.bytes, want_stats.bytes);
            prop_assert_eq!(stats.skipped, want_stats.skipped);
        }
    }
}
