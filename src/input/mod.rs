//! Reading documents: plain text, JSONL, CSV and TSV, from files, folders and stdin,
//! gzip- or zstd-compressed or not.
//!
//! Reading is split in two so that the expensive half runs in parallel. A [`Reader`]
//! runs on one thread and only cuts the input into [`RawRecord`]s (a file's bytes, a
//! JSONL line, a CSV row's fields), decompressing on the way; parsing JSON and decoding
//! text happen in [`RawRecord::parse`], which the pipeline calls on the worker threads.
//! Nothing is dropped: every problem becomes a record that carries its error, so that
//! one output record stands for each input record.

pub mod json;
mod lines;

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use serde_json::value::RawValue;

pub use json::{parse_path, FieldPath, JsonSpec};
use lines::{Entry, LineReader, Shared, Spares};

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

/// An input record before parsing: cheap to produce, parsed on a worker thread.
#[derive(Debug)]
pub struct RawRecord {
    /// The file the record came from (`-` for stdin).
    pub origin: Arc<str>,
    /// Line of the record in its file (1-based; the first line of a CSV row; 1 for a text
    /// file; 0 for a problem with the file as a whole).
    pub line: u64,
    /// What was read.
    pub body: RawBody,
}

/// The body of a [`RawRecord`].
#[derive(Debug)]
pub enum RawBody {
    /// A whole text file.
    Text(Vec<u8>),
    /// One JSONL line (without its line end).
    Json(Line),
    /// One CSV/TSV row: the text, the id and the kept fields.
    Row {
        /// The text column; `None` when the row is too short to have it.
        text: Option<Vec<u8>>,
        /// The id column, if there is one.
        id: Option<Vec<u8>>,
        /// Kept columns.
        keep: Vec<Option<Vec<u8>>>,
        /// Size of the text cell when it was over `--max-doc-bytes` (then `text` is
        /// `None`).
        too_long: Option<usize>,
    },
    /// The record could not be read.
    Error(String),
}

/// One JSONL line: a range of a block of lines that were read together. The records of a
/// block share it, so that reading a line costs no allocation (and freeing it no work on
/// the scoring thread) of its own.
#[derive(Clone)]
pub struct Line {
    block: Arc<Shared>,
    range: std::ops::Range<usize>,
}

impl Line {
    /// The line's bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.block[self.range.clone()]
    }
}

impl From<Vec<u8>> for Line {
    /// A line in a block of its own (without its line end), for a caller that has one.
    fn from(bytes: Vec<u8>) -> Line {
        Line {
            range: 0..bytes.len(),
            block: Arc::new(Shared::alone(bytes)),
        }
    }
}

impl std::fmt::Debug for Line {
    // The line, not the whole block it shares.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Line")
            .field(&String::from_utf8_lossy(self.bytes()))
            .finish()
    }
}

/// A kept field's value.
#[derive(Debug, Clone)]
pub enum Kept {
    /// Raw JSON from a JSONL record.
    Json(Box<RawValue>),
    /// A CSV cell.
    Str(String),
    /// Absent from the record.
    Missing,
}

impl Kept {
    /// The value as text: `Ok(None)` when missing or null, the string of a JSON string or
    /// a CSV cell, else `Err` with the JSON kind found ("a number", "an array", …).
    pub fn as_text(&self) -> Result<Option<String>, &'static str> {
        match self {
            Kept::Missing => Ok(None),
            Kept::Str(s) => Ok(Some(s.clone())),
            Kept::Json(raw) => match serde_json::from_str::<serde_json::Value>(raw.get()) {
                Ok(serde_json::Value::Null) => Ok(None),
                Ok(serde_json::Value::String(s)) => Ok(Some(s)),
                Ok(serde_json::Value::Bool(_)) => Err("a boolean"),
                Ok(serde_json::Value::Number(_)) => Err("a number"),
                Ok(serde_json::Value::Array(_)) => Err("an array"),
                Ok(serde_json::Value::Object(_)) => Err("an object"),
                Err(_) => Err("not valid JSON"),
            },
        }
    }

    /// The value as a label (a group key): [`Kept::as_text`], or the raw JSON of a value
    /// that is not a string (`{"name": "Le Monde"}`, `3`); `None` when missing or null.
    pub fn as_label(&self) -> Option<String> {
        match (self.as_text(), self) {
            (Ok(text), _) => text,
            (Err(_), Kept::Json(raw)) => Some(raw.get().to_string()),
            (Err(_), _) => None,
        }
    }
}

/// A parsed document.
#[derive(Debug, Clone)]
pub struct Document {
    /// The id (from the id field, else the path for text files and `path:line` for
    /// records).
    pub id: String,
    /// The text, decoded lossily if it was not valid UTF-8.
    pub text: String,
    /// The kept fields, in `--keep` order.
    pub kept: Vec<Kept>,
    /// Invalid UTF-8 sequences replaced by U+FFFD.
    pub invalid_utf8: usize,
    /// The file it came from (`-` for stdin).
    pub origin: Arc<str>,
    /// Its line in that file (see [`RawRecord::line`]).
    pub line: u64,
    /// When this is one unit (paragraph, sentence) of a document: which, and where.
    pub unit: Option<UnitRef>,
}

/// One unit of a document: its index (from 0) and byte range in the document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnitRef {
    /// Index of the unit in its document, from 0.
    pub index: usize,
    /// Byte offset of the unit's start in the document's text.
    pub start: usize,
    /// Byte offset of its end.
    pub end: usize,
}

impl Document {
    /// `path:line` of the record.
    pub fn location(&self) -> String {
        format!("{}:{}", self.origin, self.line)
    }
}

/// A record that could not be scored.
#[derive(Debug, Clone)]
pub struct RecordError {
    /// The id, when it could be read; else `path:line`.
    pub id: String,
    /// Where: `path:line`.
    pub location: String,
    /// Why.
    pub reason: String,
    /// Kept fields, when they could be read.
    pub kept: Vec<Kept>,
    /// What the user can probably do about it, for the first such error of a run (a text
    /// field under another name: which one).
    pub hint: Option<String>,
}

impl std::fmt::Display for RecordError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.location, self.reason)
    }
}

impl RawRecord {
    fn location(&self) -> String {
        if self.line == 0 {
            self.origin.to_string()
        } else {
            format!("{}:{}", self.origin, self.line)
        }
    }

    /// A parsed document of this record; without an id, it is named `path:line`.
    fn document(
        &self,
        id: Option<String>,
        text: String,
        kept: Vec<Kept>,
        invalid: usize,
    ) -> Document {
        Document {
            id: id.unwrap_or_else(|| self.location()),
            text,
            kept,
            invalid_utf8: invalid,
            origin: self.origin.clone(),
            line: self.line,
            unit: None,
        }
    }

    /// Size of the record's bytes, for batching.
    pub fn size(&self) -> usize {
        match &self.body {
            RawBody::Text(b) => b.len(),
            RawBody::Json(line) => line.range.len(),
            RawBody::Row { text, .. } => text.as_ref().map_or(0, Vec::len),
            RawBody::Error(e) => e.len(),
        }
    }

    /// Parses the record into a document. `spec` is the JSON field spec built once from
    /// the options ([`ReadOptions::fields_read`]); `text_field` names the text field in
    /// messages. With a `title_field`, the title (read as the last kept field) goes
    /// before the text, and `kept` holds only the `keep` fields again.
    pub fn parse(&self, spec: &JsonSpec, opts: &ReadOptions) -> Result<Document, RecordError> {
        let parsed = self.parse_fields(spec, opts);
        let Some(field) = &opts.title_field else {
            return parsed;
        };
        match parsed {
            Ok(mut doc) => {
                let title = doc.kept.pop().unwrap_or(Kept::Missing);
                match title.as_text() {
                    Ok(None) => {}
                    Ok(Some(t)) if t.trim().is_empty() => {}
                    Ok(Some(t)) => doc.text = format!("{}\n\n{}", t.trim(), doc.text),
                    Err(kind) => {
                        return Err(RecordError {
                            id: doc.id.clone(),
                            location: doc.location(),
                            reason: format!(
                                "field \"{}\" (--title-field) is {kind}, expected a string",
                                field.join(".")
                            ),
                            kept: doc.kept,
                            hint: None,
                        })
                    }
                }
                Ok(doc)
            }
            Err(mut e) => {
                e.kept.truncate(opts.keep.len());
                Err(e)
            }
        }
    }

    fn parse_fields(&self, spec: &JsonSpec, opts: &ReadOptions) -> Result<Document, RecordError> {
        let fail = |id: Option<String>, reason: String, kept: Vec<Kept>| RecordError {
            id: id.unwrap_or_else(|| self.location()),
            location: self.location(),
            reason,
            kept,
            hint: None,
        };
        let missing = || vec![Kept::Missing; opts.keep.len() + opts.title_field.iter().len()];
        let field = opts.text_field.join(".");
        match &self.body {
            RawBody::Error(e) => Err(fail(None, e.clone(), missing())),
            RawBody::Text(bytes) => {
                let (text, invalid) = decode(bytes);
                let id = Some(self.origin.to_string());
                Ok(self.document(id, strip_bom(text), missing(), invalid))
            }
            RawBody::Json(line) => {
                let (line, invalid) = decode_borrowed(line.bytes());
                let mut text = String::new();
                let e = spec
                    .extract(&line, &mut text)
                    .map_err(|r| fail(None, r, missing()))?;
                let kept: Vec<Kept> = e
                    .kept
                    .into_iter()
                    .map(|k| k.map_or(Kept::Missing, Kept::Json))
                    .collect();
                match e.text {
                    Some(Ok(())) => {
                        Ok(self.document(e.id.filter(|i| !i.is_empty()), text, kept, invalid))
                    }
                    Some(Err(kind)) => Err(fail(
                        e.id,
                        format!("field \"{field}\" is {kind}, expected a string"),
                        kept,
                    )),
                    None => Err(RecordError {
                        hint: text_field_hint(&line, &field),
                        ..fail(e.id, format!("missing field \"{field}\""), kept)
                    }),
                }
            }
            RawBody::Row {
                text,
                id,
                keep,
                too_long,
            } => {
                let id = id.as_ref().map(|b| decode(b).0).filter(|i| !i.is_empty());
                let kept = keep
                    .iter()
                    .map(|k| k.as_ref().map_or(Kept::Missing, |b| Kept::Str(decode(b).0)))
                    .collect();
                if let Some(n) = too_long {
                    return Err(fail(
                        id,
                        format!(
                            "field \"{field}\" is {n} bytes, over the limit of {} (--max-doc-bytes)",
                            opts.max_doc_bytes
                        ),
                        kept,
                    ));
                }
                match text {
                    Some(bytes) => {
                        let (text, invalid) = decode(bytes);
                        Ok(self.document(id, text, kept, invalid))
                    }
                    None => Err(fail(id, format!("row has no \"{field}\" column"), kept)),
                }
            }
        }
    }
}

/// Decodes UTF-8, replacing invalid sequences; returns how many were replaced.
pub fn decode(bytes: &[u8]) -> (String, usize) {
    let (text, invalid) = decode_borrowed(bytes);
    (text.into_owned(), invalid)
}

/// [`decode`] without a copy when the bytes are valid UTF-8 (JSON lines are parsed from
/// the borrowed text). Validation is simdutf8's, several times faster than the standard
/// library's on long lines; the slow path finds the invalid sequences.
fn decode_borrowed(bytes: &[u8]) -> (std::borrow::Cow<'_, str>, usize) {
    match simdutf8::basic::from_utf8(bytes) {
        Ok(s) => (std::borrow::Cow::Borrowed(s), 0),
        Err(_) => {
            let invalid = bytes
                .utf8_chunks()
                .filter(|c| !c.invalid().is_empty())
                .count();
            (String::from_utf8_lossy(bytes), invalid)
        }
    }
}

fn strip_bom(s: String) -> String {
    match s.strip_prefix('\u{FEFF}') {
        Some(rest) => rest.to_string(),
        None => s,
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

    fn read_csv(
        &mut self,
        origin: Arc<str>,
        mut reader: Box<dyn BufRead + '_>,
        delimiter: u8,
        batch: &mut Batch,
        send: &mut Sink<'_>,
    ) -> bool {
        // "Unicode text" from Excel is UTF-16: decoded whole (such files are small).
        if let Some(decoded) = utf16_text(&mut *reader) {
            match decoded {
                Ok(text) => reader = Box::new(io::Cursor::new(text.into_bytes())),
                Err(e) => {
                    let reason = format!("cannot read: {}", io_reason(&e));
                    return batch.push(error_record(origin, 0, reason), send);
                }
            }
        }
        // Spreadsheets in many locales write ";"-separated "CSV": a header line with no
        // comma but semicolons (or tabs, or "|") is read with that separator.
        let delimiter = sniff_delimiter(&mut *reader, delimiter);
        let mut csv = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(true)
            .flexible(true)
            .from_reader(reader);
        let headers = match csv.byte_headers() {
            Ok(h) => h.clone(),
            Err(e) => {
                return batch.push(error_record(origin, 1, csv_reason(&e)), send);
            }
        };
        if headers.is_empty() && csv.is_done() {
            // An empty file: no header, no records (as for an empty JSONL file).
            return true;
        }
        let names: Vec<String> = headers
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let h = String::from_utf8_lossy(h);
                let h = if i == 0 {
                    h.trim_start_matches('\u{FEFF}')
                } else {
                    &h
                };
                h.trim().to_string()
            })
            .collect();
        let column = |path: &FieldPath| names.iter().position(|n| *n == path.join("."));
        let text_col = column(&self.opts.text_field);
        let id_col = column(&self.opts.id_field);
        let keep_cols: Vec<Option<usize>> = self.opts.fields_read().iter().map(column).collect();
        if text_col.is_none() {
            let reason = format!(
                "no column \"{}\" in the header (columns: {}); name it with --text-field",
                self.opts.text_field.join("."),
                names.join(", ")
            );
            return batch.push(error_record(origin, 1, reason), send);
        }
        let mut row = csv::ByteRecord::new();
        loop {
            match csv.read_byte_record(&mut row) {
                Ok(false) => return true,
                Ok(true) => {
                    let line = row.position().map_or(0, |p| p.line());
                    self.stats.bytes += row.as_slice().len() as u64;
                    if row.len() == 1 && row[0].iter().all(u8::is_ascii_whitespace) {
                        self.stats.skipped += 1;
                        continue;
                    }
                    let get = |c: Option<usize>| c.and_then(|c| row.get(c)).map(<[u8]>::to_vec);
                    let size = text_col.and_then(|c| row.get(c)).map_or(0, <[u8]>::len);
                    let too_long = (size > self.opts.max_doc_bytes).then_some(size);
                    let body = RawBody::Row {
                        text: if too_long.is_some() {
                            None
                        } else {
                            get(text_col)
                        },
                        id: get(id_col),
                        keep: keep_cols.iter().map(|c| get(*c)).collect(),
                        too_long,
                    };
                    let rec = RawRecord {
                        origin: origin.clone(),
                        line,
                        body,
                    };
                    if !batch.push(rec, send) {
                        return false;
                    }
                }
                Err(e) => {
                    // I/O errors (a truncated gzip stream) carry no position: the damage is
                    // where the next record would have started.
                    let line = e.position().map_or(csv.position().line(), |p| p.line());
                    let fatal = !matches!(e.kind(), csv::ErrorKind::UnequalLengths { .. });
                    let reason = if fatal {
                        format!("{}; the rest of the file is lost", csv_reason(&e))
                    } else {
                        csv_reason(&e)
                    };
                    if !batch.push(error_record(origin.clone(), line, reason), send) {
                        return false;
                    }
                    if fatal {
                        return true;
                    }
                }
            }
        }
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

fn csv_reason(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Io(io) => format!("cannot read: {}", io_reason(io)),
        _ => e.to_string(),
    }
}

/// An I/O error's message without the "(os error N)" noise.
pub fn io_reason(e: &io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// A stream that starts with a UTF-16 byte order mark, decoded to UTF-8; `None` for any
/// other stream (left as it is).
fn utf16_text(reader: &mut dyn BufRead) -> Option<io::Result<String>> {
    let head = reader.fill_buf().ok()?;
    let little = match head {
        [0xFF, 0xFE, ..] => true,
        [0xFE, 0xFF, ..] => false,
        _ => return None,
    };
    let mut bytes = Vec::new();
    if let Err(e) = reader.read_to_end(&mut bytes) {
        return Some(Err(e));
    }
    let units = bytes[2..].chunks_exact(2).map(|c| {
        if little {
            u16::from_le_bytes([c[0], c[1]])
        } else {
            u16::from_be_bytes([c[0], c[1]])
        }
    });
    Some(Ok(char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()))
}

/// The separator of a CSV file: `given`, unless its first line holds none of it but
/// holds `;`, a tab or `|` (the most frequent of them).
fn sniff_delimiter(reader: &mut dyn BufRead, given: u8) -> u8 {
    let Ok(head) = reader.fill_buf() else {
        return given;
    };
    let line = head.split(|&b| b == b'\n').next().unwrap_or(head);
    if line.contains(&given) {
        return given;
    }
    [b';', b'\t', b'|']
        .into_iter()
        .map(|d| (line.iter().filter(|&&b| b == d).count(), d))
        .filter(|&(n, _)| n > 0)
        .max_by_key(|&(n, _)| n)
        .map_or(given, |(_, d)| d)
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

/// The field names of the first record of the first file among `inputs` (JSONL: the
/// first object's keys; CSV/TSV: the header), to say which fields exist when a named one
/// is absent everywhere. `None` for stdin, folders, text files and unreadable files.
pub fn first_record_fields(inputs: &[InputSpec], opts: &ReadOptions) -> Option<Vec<String>> {
    let InputSpec::Path(path) = inputs.first()? else {
        return None;
    };
    if !path.is_file() {
        return None;
    }
    let format = opts.format.or_else(|| InputFormat::from_path(path))?;
    let file = std::fs::File::open(path).ok()?;
    let mut reader = decompress(Box::new(file)).ok()?;
    match format {
        InputFormat::Jsonl => {
            let mut line = String::new();
            while reader.read_line(&mut line).ok()? > 0 {
                if !line.trim().is_empty() {
                    let serde_json::Value::Object(map) = serde_json::from_str(&line).ok()? else {
                        return None;
                    };
                    return Some(map.keys().cloned().collect());
                }
                line.clear();
            }
            None
        }
        InputFormat::Csv | InputFormat::Tsv => {
            let delimiter = if format == InputFormat::Csv {
                b','
            } else {
                b'\t'
            };
            let mut csv = csv::ReaderBuilder::new()
                .delimiter(delimiter)
                .from_reader(reader);
            Some(
                csv.headers()
                    .ok()?
                    .iter()
                    .map(|h| h.trim().to_string())
                    .collect(),
            )
        }
        InputFormat::Text => None,
    }
}

/// The fields named by an option (`--keep`, `--group-by`, `--date-field`) that no record
/// read had, each with a did-you-mean from `fields` (the first record's, when known), as
/// one warning line each. `present[i]` counts the records that had field `i`.
pub fn absent_fields(
    names: &[(String, &str)],
    present: &[u64],
    records: u64,
    fields: Option<&[String]>,
) -> Vec<String> {
    if records == 0 {
        return Vec::new();
    }
    names
        .iter()
        .zip(present)
        .filter(|(_, &n)| n == 0)
        .map(|((name, option), _)| {
            let mut msg = format!("no record has the field \"{name}\" ({option})");
            if let Some(fields) = fields {
                if let Some(best) = crate::lint::nearest(name, fields.iter().map(String::as_str)) {
                    msg.push_str(&format!("; did you mean \"{best}\"?"));
                }
                let list: Vec<String> = fields.iter().map(|f| format!("\"{f}\"")).collect();
                msg.push_str(&format!(" The first record's fields: {}", list.join(", ")));
            }
            msg
        })
        .collect()
}

/// For a JSON record without the text field: its fields, and the one that probably holds
/// the text (a near spelling, else the longest string), as a hint naming `--text-field`.
fn text_field_hint(line: &str, field: &str) -> Option<String> {
    let serde_json::Value::Object(map) = serde_json::from_str(line).ok()? else {
        return None;
    };
    let names: Vec<&str> = map.keys().map(String::as_str).collect();
    let is_text = |k: &&str| map[*k].is_string();
    // A near spelling ("Text"), else the longest string that holds a space: prose, not
    // an id or a date.
    let guess = crate::lint::nearest(field, names.iter().copied().filter(is_text)).or_else(|| {
        names
            .iter()
            .copied()
            .filter(|k| map[*k].as_str().is_some_and(|v| v.contains(' ')))
            .max_by_key(|k| map[*k].as_str().map_or(0, str::len))
    });
    let fields = names
        .iter()
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ");
    Some(match guess {
        Some(g) => format!(
            "records have no field \"{field}\" (fields: {fields}); name the text field with --text-field {g}"
        ),
        None => format!(
            "records have no field \"{field}\" (fields: {fields}); name the text field with --text-field"
        ),
    })
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
/// them (see [`lines::READ_BYTES`]).
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
        let start = head.len();
        head.extend_from_slice(buf);
        let n = buf.len();
        r.consume(n);
        let seen = if start == 0 {
            head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head)
        } else {
            &head[start..]
        };
        if let Some(b) = seen.iter().find(|b| !b.is_ascii_whitespace()) {
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
