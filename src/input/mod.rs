//! Reading documents: plain text, JSONL, CSV and TSV, from files, folders and stdin,
//! gzip- or zstd-compressed or not.
//!
//! Reading is split in two so that the expensive half runs in parallel. A [`Reader`]
//! runs on one thread and only cuts the input into [`RawRecord`]s (a file's bytes, a
//! JSONL line, a CSV row's fields), decompressing on the way; parsing JSON and decoding
//! text happen in [`RawRecord::parse`], which the pipeline calls on the worker threads.
//! Nothing is dropped: every problem becomes a record that carries its error, so that
//! one output record stands for each input record.

mod csv;
mod fields;
pub mod json;
mod lines;
mod record;

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use serde_json::value::RawValue;

pub use fields::{absent_fields, first_record_fields};
pub use json::{parse_path, FieldPath, JsonSpec};
use lines::{Entry, LineReader, Shared, Spares};
pub use record::{decode, Document, Kept, Line, RawBody, RawRecord, RecordError, UnitRef};

/// Input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    /// One document per file.
    Text,
    /// One JSON object per line.
    Jsonl,
    /// Comma-separated values with a header row.
    Csv,
    /// Tab-separated values with a header row.
    Tsv,
}

/// A file name's compression (`"gzip"` for `.gz`, `"zstd"` for `.zst`/`.zstd`) and, in
/// lower case, its extension beneath it (`Dump.JSONL.gz` → `(Some("gzip"), Some("jsonl"))`).
/// For inputs, `-o` outputs and the `.json` array check alike.
pub fn name_parts(path: &Path) -> (Option<&'static str>, Option<String>) {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let (kind, stem) = [(".gz", "gzip"), (".zst", "zstd"), (".zstd", "zstd")]
        .iter()
        .find_map(|(ext, kind)| name.strip_suffix(ext).map(|stem| (Some(*kind), stem)))
        .unwrap_or((None, &name));
    (kind, stem.rsplit_once('.').map(|(_, e)| e.to_string()))
}

impl InputFormat {
    /// The format a file name implies, after removing `.gz` / `.zst`; `None` if unknown.
    pub fn from_path(path: &Path) -> Option<InputFormat> {
        let ext = name_parts(path).1?;
        Some(match ext.as_str() {
            "jsonl" | "ndjson" | "json" => InputFormat::Jsonl,
            "csv" => InputFormat::Csv,
            "tsv" | "tab" => InputFormat::Tsv,
            "txt" | "text" | "md" => InputFormat::Text,
            _ => return None,
        })
    }
}

/// How to read inputs.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Forces a format; by default it comes from each file's extension (plain text when
    /// unknown for files named on the command line; stdin is sniffed: JSONL if its first
    /// non-blank byte is `{`, else text).
    pub format: Option<InputFormat>,
    /// Field holding the text (JSONL, CSV). By default, `text`.
    pub text_field: FieldPath,
    /// Field holding the id. By default, `id`; records without one are `path:line`.
    pub id_field: FieldPath,
    /// Fields copied to the output.
    pub keep: Vec<FieldPath>,
    /// Field holding a title, read as the text's first paragraph: the document's text is
    /// the title, a blank line, then the text (a phrase never spans that boundary). By
    /// default, none.
    pub title_field: Option<FieldPath>,
    /// Records larger than this become error records. By default, 64 MiB.
    pub max_doc_bytes: usize,
    /// Records per batch. By default, 512.
    pub batch_records: usize,
    /// Bytes per batch (a batch ends at the first record past it). By default, 4 MiB.
    pub batch_bytes: usize,
    /// When set, raw (still compressed) input bytes read so far are added here, for
    /// progress bars. By default, none.
    pub progress: Option<Arc<AtomicU64>>,
}

impl ReadOptions {
    /// The fields read besides the text and the id: `keep`, then the title field.
    pub fn fields_read(&self) -> Vec<FieldPath> {
        self.keep.iter().chain(&self.title_field).cloned().collect()
    }
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            format: None,
            text_field: vec!["text".into()],
            id_field: vec!["id".into()],
            keep: Vec::new(),
            title_field: None,
            max_doc_bytes: 64 << 20,
            batch_records: 512,
            batch_bytes: 4 << 20,
            progress: None,
        }
    }
}

/// An input named on the command line.
#[derive(Debug, Clone)]
pub enum InputSpec {
    /// Standard input.
    Stdin,
    /// A file or folder.
    Path(PathBuf),
}

impl InputSpec {
    /// `-` is stdin, anything else a path.
    pub fn parse(s: &str) -> InputSpec {
        if s == "-" {
            InputSpec::Stdin
        } else {
            InputSpec::Path(PathBuf::from(s))
        }
    }
}

/// Counts the reader keeps while it reads.
#[derive(Debug, Default, Clone, Copy)]
pub struct ReadStats {
    /// Blank lines skipped in JSONL/CSV inputs (they are not records).
    pub skipped: u64,
    /// Files in folders passed over because their extension names no known format.
    pub unknown_files: u64,
    /// Input bytes read (after decompression).
    pub bytes: u64,
}

/// Cuts inputs into batches of raw records. Runs on its own thread in the pipeline.
pub struct Reader {
    opts: ReadOptions,
    inputs: Vec<InputSpec>,
    /// Room for blocks of JSONL lines, from one file to the next.
    spares: Arc<Spares>,
    /// Counts so far.
    pub stats: ReadStats,
}

type Sink<'a> = dyn FnMut(Vec<RawRecord>) -> bool + 'a;

impl Reader {
    /// A reader over `inputs`.
    pub fn new(inputs: Vec<InputSpec>, opts: ReadOptions) -> Reader {
        Reader {
            opts,
            inputs,
            spares: Arc::new(Spares::new(lines::BLOCK_BYTES + lines::READ_BYTES)),
            stats: ReadStats::default(),
        }
    }

    /// Reads everything, handing each full batch to `send`; stops early when `send`
    /// returns false (the consumer has gone).
    pub fn run(&mut self, send: &mut Sink<'_>) {
        let mut batch = Batch::new(&self.opts);
        let inputs = std::mem::take(&mut self.inputs);
        for input in inputs {
            let keep_going = match input {
                InputSpec::Stdin => {
                    let stdin = io::stdin();
                    let format = self.opts.format;
                    self.read_stream("-".into(), Box::new(stdin), format, &mut batch, send)
                }
                InputSpec::Path(p) if p.is_dir() => self.read_dir(&p, &mut batch, send),
                InputSpec::Path(p) => {
                    let format = self.opts.format.or(InputFormat::from_path(&p));
                    self.read_file(&p, format.or(Some(InputFormat::Text)), &mut batch, send)
                }
            };
            if !keep_going {
                return;
            }
        }
        if !batch.records.is_empty() {
            send(batch.take());
        }
    }

    fn read_dir(&mut self, dir: &Path, batch: &mut Batch, send: &mut Sink<'_>) -> bool {
        // Hidden files and folders (.git, .DS_Store) are passed over: they are never
        // articles, and reading .git would score repository internals.
        let walker = walkdir::WalkDir::new(dir)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let path: Arc<str> = e.path().unwrap_or(dir).display().to_string().into();
                    // The inner I/O error: walkdir's own message repeats the path.
                    let reason = match (e.loop_ancestor(), e.io_error()) {
                        (Some(a), _) => format!("symbolic link loop back to {}", a.display()),
                        (None, Some(io)) => format!("cannot read: {}", io_reason(io)),
                        (None, None) => format!("cannot read: {e}"),
                    };
                    if !batch.push(error_record(path, 0, reason), send) {
                        return false;
                    }
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            let path = entry.path();
            let format = self.opts.format.or(InputFormat::from_path(path));
            if format.is_none() {
                self.stats.unknown_files += 1;
                continue;
            }
            if !self.read_file(path, format, batch, send) {
                return false;
            }
        }
        true
    }

    fn read_file(
        &mut self,
        path: &Path,
        format: Option<InputFormat>,
        batch: &mut Batch,
        send: &mut Sink<'_>,
    ) -> bool {
        let origin: Arc<str> = path.display().to_string().into();
        match File::open(path) {
            Ok(f) => self.read_stream(origin, Box::new(f), format, batch, send),
            Err(e) => batch.push(
                error_record(origin, 0, format!("cannot open: {}", io_reason(&e))),
                send,
            ),
        }
    }

    fn read_stream(
        &mut self,
        origin: Arc<str>,
        raw: Box<dyn Read + '_>,
        format: Option<InputFormat>,
        batch: &mut Batch,
        send: &mut Sink<'_>,
    ) -> bool {
        let raw: Box<dyn Read + '_> = match &self.opts.progress {
            Some(counter) => Box::new(Counting {
                inner: raw,
                counter: counter.clone(),
            }),
            None => raw,
        };
        let mut reader = match decompress(raw) {
            Ok(r) => r,
            Err(e) => {
                return batch.push(
                    error_record(origin, 0, format!("cannot read: {}", io_reason(&e))),
                    send,
                )
            }
        };
        let format = match format {
            Some(f) => f,
            None => match sniff(reader) {
                Ok((f, r)) => {
                    reader = r;
                    f
                }
                Err(e) => {
                    return batch.push(
                        error_record(origin, 0, format!("cannot read: {}", io_reason(&e))),
                        send,
                    )
                }
            },
        };
        match format {
            InputFormat::Text => self.read_text(origin, reader, batch, send),
            InputFormat::Jsonl => self.read_jsonl(origin, reader, batch, send),
            InputFormat::Csv => self.read_csv(origin, reader, b',', batch, send),
            InputFormat::Tsv => self.read_csv(origin, reader, b'\t', batch, send),
        }
    }

    fn read_text(
        &mut self,
        origin: Arc<str>,
        reader: Box<dyn BufRead + '_>,
        batch: &mut Batch,
        send: &mut Sink<'_>,
    ) -> bool {
        let max = self.opts.max_doc_bytes;
        let mut bytes = Vec::new();
        let mut limited = reader.take(max as u64 + 1);
        let rec = match limited.read_to_end(&mut bytes) {
            Ok(_) if bytes.len() > max => {
                let mut rest = limited.into_inner();
                let total = bytes.len() as u64 + io::copy(&mut rest, &mut io::sink()).unwrap_or(0);
                self.stats.bytes += total;
                // Line 0: the file as a whole, so the error record's id is the path, as
                // the id of a scored text file is.
                error_record(
                    origin,
                    0,
                    format!("document is {total} bytes, over the limit of {max} (--max-doc-bytes)"),
                )
            }
            Ok(_) => {
                self.stats.bytes += bytes.len() as u64;
                RawRecord {
                    origin,
                    line: 1,
                    body: RawBody::Text(bytes),
                }
            }
            Err(e) => error_record(origin, 0, format!("cannot read: {}", io_reason(&e))),
        };
        batch.push(rec, send)
    }

    fn read_jsonl(
        &mut self,
        origin: Arc<str>,
        mut reader: Box<dyn BufRead + '_>,
        batch: &mut Batch,
        send: &mut Sink<'_>,
    ) -> bool {
        // A `.json` file may hold one array of records; a `.jsonl` file starting with `[`
        // is lines, of which that one is not an object.
        if named_json(&origin) && starts_with_array(&mut *reader) {
            return self.read_json_array(origin, reader, batch, send);
        }
        let max = self.opts.max_doc_bytes;
        let spares = self.spares.clone();
        let mut lines = LineReader::new(reader, max, batch.max_records, &spares, &mut self.stats);
        loop {
            let block = match lines.next_block() {
                Ok(Some(block)) => block,
                Ok(None) => return true,
                Err(e) => {
                    let rec = error_record(
                        origin.clone(),
                        lines.next_line(),
                        format!(
                            "cannot read: {}; the rest of the file is lost",
                            io_reason(&e)
                        ),
                    );
                    return batch.push(rec, send);
                }
            };
            // The records of a block share it.
            let shared = Arc::new(Shared::new(block.bytes, &spares));
            for entry in block.entries {
                let rec = match entry {
                    Entry::Line { line, range } => RawRecord {
                        origin: origin.clone(),
                        line,
                        body: RawBody::Json(Line {
                            block: shared.clone(),
                            range,
                        }),
                    },
                    Entry::TooLong { line, bytes } => error_record(
                        origin.clone(),
                        line,
                        format!("line is {bytes} bytes, over the limit of {max} (--max-doc-bytes)"),
                    ),
                };
                if !batch.push(rec, send) {
                    return false;
                }
            }
        }
    }

    /// A file holding one JSON array of records (what pandas' `to_json(orient="records")`
    /// and many scrapers write): each element is a record, numbered from 1 in place of a
    /// line. The array is read whole, so it must fit in memory.
    fn read_json_array(
        &mut self,
        origin: Arc<str>,
        mut reader: Box<dyn BufRead + '_>,
        batch: &mut Batch,
        send: &mut Sink<'_>,
    ) -> bool {
        let max = self.opts.max_doc_bytes;
        let mut bytes = Vec::new();
        if let Err(e) = reader.read_to_end(&mut bytes) {
            let reason = format!("cannot read: {}", io_reason(&e));
            return batch.push(error_record(origin, 0, reason), send);
        }
        self.stats.bytes += bytes.len() as u64;
        let text = String::from_utf8_lossy(strip_bom_bytes(&bytes));
        let items: Vec<Box<RawValue>> = match serde_json::from_str(&text) {
            Ok(items) => items,
            Err(e) => {
                let reason = format!(
                    "a JSON array that does not parse ({e}); framelex reads a JSON array of records or JSON Lines (convert with: jq -c '.[]' FILE > FILE.jsonl)"
                );
                return batch.push(error_record(origin, 0, reason), send);
            }
        };
        for (i, item) in items.into_iter().enumerate() {
            let n = i as u64 + 1;
            let raw = item.get();
            let rec = if raw.len() > max {
                error_record(
                    origin.clone(),
                    n,
                    format!(
                        "record is {} bytes, over the limit of {max} (--max-doc-bytes)",
                        raw.len()
                    ),
                )
            } else {
                RawRecord {
                    origin: origin.clone(),
                    line: n,
                    body: RawBody::Json(Line::from(raw.as_bytes().to_vec())),
                }
            };
            if !batch.push(rec, send) {
                return false;
            }
        }
        true
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

/// An I/O error's message without the "(os error N)" noise.
pub fn io_reason(e: &io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// Whether a file's name ends in `.json` (before a `.gz`/`.zst`), the extension of JSON
/// documents rather than JSON Lines.
fn named_json(origin: &str) -> bool {
    name_parts(Path::new(origin)).1.as_deref() == Some("json")
}

/// Whether a JSON input holds one array (its first byte after white space and a BOM is
/// `[`) rather than JSON Lines.
fn starts_with_array(reader: &mut dyn BufRead) -> bool {
    let Ok(head) = reader.fill_buf() else {
        return false;
    };
    strip_bom_bytes(head)
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'[')
}

fn strip_bom_bytes(b: &[u8]) -> &[u8] {
    b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(b)
}

fn error_record(origin: Arc<str>, line: u64, reason: String) -> RawRecord {
    RawRecord {
        origin,
        line,
        body: RawBody::Error(reason),
    }
}

/// Wraps a stream in a decoder when its first bytes are a gzip or zstd magic number.
/// The buffers are as large as a read of the JSONL line reader, so that its reads bypass
/// them (see `lines::READ_BYTES`).
pub fn decompress<'a>(raw: Box<dyn Read + 'a>) -> io::Result<Box<dyn BufRead + 'a>> {
    let mut buffered = BufReader::with_capacity(lines::READ_BYTES, raw);
    let head = loop {
        match buffered.fill_buf() {
            Ok(h) => break h,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    };
    if head.starts_with(&[0x1f, 0x8b]) {
        let dec = flate2::bufread::MultiGzDecoder::new(buffered);
        Ok(Box::new(BufReader::with_capacity(lines::READ_BYTES, dec)))
    } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        let dec = zstd::stream::read::Decoder::with_buffer(buffered)?;
        Ok(Box::new(BufReader::with_capacity(lines::READ_BYTES, dec)))
    } else {
        Ok(Box::new(buffered))
    }
}

/// Guesses the format of stdin: JSONL when the first non-blank byte is `{`. Reads on
/// until that byte arrives, however slowly the producer writes, and hands back a reader
/// that still yields everything.
fn sniff<'a>(mut r: Box<dyn BufRead + 'a>) -> io::Result<(InputFormat, Box<dyn BufRead + 'a>)> {
    let mut head = Vec::new();
    let format = loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            break InputFormat::Text;
        }
        head.extend_from_slice(buf);
        let n = buf.len();
        r.consume(n);
        // A byte order mark may come in pieces: wait for the whole of it. (What is read
        // before the first non-blank byte is a few bytes: looking at all of it again is
        // cheap.)
        if b"\xEF\xBB\xBF".starts_with(&head) {
            continue;
        }
        if let Some(b) = strip_bom_bytes(&head)
            .iter()
            .find(|b| !b.is_ascii_whitespace())
        {
            break if *b == b'{' {
                InputFormat::Jsonl
            } else {
                InputFormat::Text
            };
        }
    };
    Ok((format, Box::new(io::Cursor::new(head).chain(r))))
}

/// Counts bytes as they are read, for progress reports.
struct Counting<R> {
    inner: R,
    counter: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.counter.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Collects records into batches bounded in count and bytes.
struct Batch {
    records: Vec<RawRecord>,
    bytes: usize,
    max_records: usize,
    max_bytes: usize,
}

impl Batch {
    fn new(opts: &ReadOptions) -> Batch {
        Batch {
            records: Vec::new(),
            bytes: 0,
            max_records: opts.batch_records.max(1),
            max_bytes: opts.batch_bytes.max(1),
        }
    }

    fn take(&mut self) -> Vec<RawRecord> {
        self.bytes = 0;
        std::mem::take(&mut self.records)
    }

    /// Adds a record; sends the batch when full. False when the consumer has gone.
    fn push(&mut self, rec: RawRecord, send: &mut Sink<'_>) -> bool {
        self.bytes += rec.size();
        self.records.push(rec);
        if self.records.len() >= self.max_records || self.bytes >= self.max_bytes {
            return send(self.take());
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that hands out one byte per read, as a slow pipe may.
    pub(super) struct OneByte(pub io::Cursor<Vec<u8>>);

    impl Read for OneByte {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            let n = out.len().min(1);
            self.0.read(&mut out[..n])
        }
    }

    /// Standard input is JSON Lines when its first non-blank byte is `{`, after a byte
    /// order mark, however the bytes arrive; everything read to tell is handed on.
    #[test]
    fn stdin_is_sniffed_past_white_space_and_a_byte_order_mark() {
        let cases: [(&[u8], InputFormat); 7] = [
            (b"{\"text\": \"a\"}\n", InputFormat::Jsonl),
            (b"\xEF\xBB\xBF \n\t{\"text\": \"a\"}\n", InputFormat::Jsonl),
            (b"\xEF\xBB\xBFSome text {", InputFormat::Text),
            (b"  Some text", InputFormat::Text),
            (b"\xEF\xBB", InputFormat::Text),
            (b"\xEF\xBB\xBF\xEF\xBB\xBF{", InputFormat::Text),
            (b"", InputFormat::Text),
        ];
        for (input, want) in cases {
            for slow in [false, true] {
                let reader: Box<dyn BufRead> = if slow {
                    let one = OneByte(io::Cursor::new(input.to_vec()));
                    Box::new(BufReader::with_capacity(1, one))
                } else {
                    Box::new(io::Cursor::new(input.to_vec()))
                };
                let (format, mut rest) = sniff(reader).unwrap();
                assert_eq!(format, want, "{input:?}, slow: {slow}");
                let mut all = Vec::new();
                rest.read_to_end(&mut all).unwrap();
                assert_eq!(all, input, "slow: {slow}");
            }
        }
    }

    /// The lines of the records of each batch a reader sends.
    fn batches(text: &str, opts: ReadOptions) -> Vec<Vec<u64>> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("in.jsonl");
        std::fs::write(&path, text).unwrap();
        let mut out = Vec::new();
        Reader::new(vec![InputSpec::Path(path)], opts).run(&mut |b| {
            out.push(b.iter().map(|r| r.line).collect());
            true
        });
        out
    }

    /// The bytes read, after decompression, are counted whatever the format, for records
    /// that fail too (`--stats` reports them, and the throughput).
    #[test]
    fn the_bytes_read_are_counted_in_every_format() {
        let long = "a threat ".repeat(40);
        let gz = gzip(long.as_bytes());
        let array = format!("[{{\"text\":\"{long}\"}}]");
        let cases: [(&str, &[u8], u64); 9] = [
            ("a.txt", b"Some text.\n", 11),
            ("long.txt", long.as_bytes(), 360),
            ("long.txt.gz", &gz, 360),
            ("b.jsonl", b"{\"text\":\"a\"}\n\n{\"text\":\"b\"}", 26),
            ("c.json", b"[{\"text\":\"a\"}, {\"text\":\"b\"}]", 28),
            ("long.json", array.as_bytes(), 373),
            ("d.csv", b"id,text\n1,\"a, b\"\n\n2,c\n", 22),
            ("e.tsv", b"id\ttext\n1\ta\n", 12),
            // No text column: only the header is read.
            ("f.csv", b"id,body\n1,a\n", 8),
        ];
        for (name, bytes, want) in cases {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            let opts = ReadOptions {
                max_doc_bytes: 100,
                ..ReadOptions::default()
            };
            let mut reader = Reader::new(vec![InputSpec::Path(path)], opts);
            let mut records = 0;
            reader.run(&mut |b| {
                records += b.len();
                true
            });
            assert!(records > 0, "{name}");
            assert_eq!(reader.stats.bytes, want, "{name}");
        }
    }

    /// Lines of white space are no records, in JSON Lines and in CSV alike: they are
    /// skipped and counted (`--stats`).
    #[test]
    fn blank_lines_are_skipped_and_counted() {
        let cases: [(&str, &[u8], usize, u64); 4] = [
            (
                "a.jsonl",
                b"{\"text\":\"a\"}\n \t\n{\"text\":\"b\"}\n\n",
                2,
                2,
            ),
            ("b.csv", b"id,text\n1,a\n  \n2,b\n\t\n", 2, 2),
            ("c.tsv", b"id\ttext\n1\ta\n \n", 1, 1),
            ("d.csv", b"id,text\n1,a\n2,\" \"\n", 2, 0),
        ];
        for (name, bytes, want_records, want_skipped) in cases {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            let mut reader = Reader::new(vec![InputSpec::Path(path)], ReadOptions::default());
            let mut records = 0;
            reader.run(&mut |b| {
                records += b.len();
                true
            });
            assert_eq!(
                (records, reader.stats.skipped),
                (want_records, want_skipped),
                "{name}"
            );
        }
    }

    /// The records read from one file `name` holding `bytes`: each record's line and, for
    /// an error, its reason, else the size of what was read.
    fn records(name: &str, bytes: &[u8], opts: ReadOptions) -> Vec<(u64, String)> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let mut got = Vec::new();
        Reader::new(vec![InputSpec::Path(path)], opts).run(&mut |b| {
            got.extend(b.into_iter().map(|r| match r.body {
                RawBody::Error(e) => (r.line, e),
                RawBody::Row {
                    too_long: Some(n), ..
                } => (r.line, format!("a cell of {n} bytes, too long")),
                _ => (r.line, format!("{} bytes read", r.size())),
            }));
            true
        });
        got
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(bytes).unwrap();
        gz.finish().unwrap()
    }

    /// Records as [`records`] describes them.
    type Want = &'static [(u64, &'static str)];

    fn owned(records: Want) -> Vec<(u64, String)> {
        records.iter().map(|&(l, s)| (l, s.to_string())).collect()
    }

    /// In a JSON array, a record of `--max-doc-bytes` is read and one a byte longer is an
    /// error, numbered by its place in the array.
    #[test]
    fn json_array_records_over_the_limit_are_errors() {
        let record = |n| format!("{{\"text\":\"{}\"}}", "x".repeat(n));
        assert_eq!(record(89).len(), 100);
        let opts = ReadOptions {
            max_doc_bytes: 100,
            ..ReadOptions::default()
        };
        let file = format!("[{}, {}]", record(89), record(90));
        assert_eq!(
            records("a.json", file.as_bytes(), opts),
            owned(&[
                (1, "100 bytes read"),
                (
                    2,
                    "record is 101 bytes, over the limit of 100 (--max-doc-bytes)"
                )
            ])
        );
    }

    /// A `.json` file is read as one array when it starts with `[` (after white space and
    /// a byte order mark), else as JSON Lines; a `.jsonl` file always as lines.
    #[test]
    fn json_files_hold_an_array_or_lines() {
        let lines = b"{\"text\":\"a\"}\n{\"text\":\"bc\"}\n";
        let array = b"\xEF\xBB\xBF \n[{\"text\":\"a\"}, {\"text\":\"bc\"}]";
        let cases: [(&str, &[u8], Want); 4] = [
            (
                "a.json",
                lines,
                &[(1, "12 bytes read"), (2, "13 bytes read")],
            ),
            (
                "a.json",
                array,
                &[(1, "12 bytes read"), (2, "13 bytes read")],
            ),
            (
                "a.json.gz",
                &gzip(array),
                &[(1, "12 bytes read"), (2, "13 bytes read")],
            ),
            ("a.jsonl", b"[1]\n", &[(1, "3 bytes read")]),
        ];
        for (name, bytes, want) in cases {
            assert_eq!(
                records(name, bytes, ReadOptions::default()),
                owned(want),
                "{name}"
            );
        }
    }

    /// A CSV file with a header and no rows holds no records, unless its header lacks the
    /// text column, which is an error of line 1, as in a file with rows. Blank lines
    /// before the header are passed over.
    #[test]
    fn csv_files_with_a_header_only() {
        const NO_TEXT: &str =
            "no column \"text\" in the header (columns: id, body); name it with --text-field";
        let cases: [(&[u8], Want); 7] = [
            (b"id,body\n", &[(1, NO_TEXT)]),
            (b"id,body", &[(1, NO_TEXT)]),
            (b"id,body\n1,x\n", &[(1, NO_TEXT)]),
            (b"id,text\n", &[]),
            (b"", &[]),
            (b"\n\n", &[]),
            (b"\n\nid,text\n1,abc\n", &[(4, "3 bytes read")]),
        ];
        for (file, want) in cases {
            let got = records("a.csv", file, ReadOptions::default());
            assert_eq!(got, owned(want), "{:?}", String::from_utf8_lossy(file));
        }
    }

    /// A CSV text cell of `--max-doc-bytes` is read, one a byte longer is not (its row
    /// becomes an error when parsed).
    #[test]
    fn csv_cells_over_the_limit_are_not_read() {
        let opts = ReadOptions {
            max_doc_bytes: 5,
            ..ReadOptions::default()
        };
        assert_eq!(
            records("a.csv", b"id,text\n1,abcde\n2,abcdef\n", opts),
            owned(&[(2, "5 bytes read"), (3, "a cell of 6 bytes, too long")])
        );
    }

    /// A read interrupted by a signal before the first bytes is tried again; another
    /// error is the stream's.
    #[test]
    fn decompress_retries_an_interrupted_read() {
        struct Failing(Option<io::ErrorKind>, io::Cursor<Vec<u8>>);
        impl Read for Failing {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                match self.0.take() {
                    Some(kind) => Err(kind.into()),
                    None => self.1.read(buf),
                }
            }
        }
        for data in [b"plain text".to_vec(), gzip(b"plain text")] {
            let failing = Failing(Some(io::ErrorKind::Interrupted), io::Cursor::new(data));
            let mut text = String::new();
            decompress(Box::new(failing))
                .unwrap()
                .read_to_string(&mut text)
                .unwrap();
            assert_eq!(text, "plain text");
        }
        let failing = Failing(Some(io::ErrorKind::BrokenPipe), io::Cursor::new(Vec::new()));
        let e = decompress(Box::new(failing)).err().unwrap();
        assert_eq!(e.kind(), io::ErrorKind::BrokenPipe);
    }

    /// A batch ends at its record count or at the first record that brings it to its
    /// byte size, whichever comes first.
    #[test]
    fn batches_are_bounded_in_records_and_bytes() {
        // Five lines of 30 bytes each.
        let text = format!("{{\"text\":\"{}\"}}\n", "a".repeat(19)).repeat(5);
        let opts = |records, bytes| ReadOptions {
            batch_records: records,
            batch_bytes: bytes,
            ..ReadOptions::default()
        };
        let cases = [
            ((512, 64), vec![vec![1, 2, 3], vec![4, 5]]),
            ((512, 60), vec![vec![1, 2], vec![3, 4], vec![5]]),
            ((512, 1 << 20), vec![vec![1, 2, 3, 4, 5]]),
            ((2, 1 << 20), vec![vec![1, 2], vec![3, 4], vec![5]]),
            (
                (1, 1 << 20),
                vec![vec![1], vec![2], vec![3], vec![4], vec![5]],
            ),
            // Bounds of 0 are taken as 1.
            ((0, 0), vec![vec![1], vec![2], vec![3], vec![4], vec![5]]),
        ];
        for ((records, bytes), want) in cases {
            assert_eq!(
                batches(&text, opts(records, bytes)),
                want,
                "{records} records, {bytes} bytes"
            );
        }
    }
}
