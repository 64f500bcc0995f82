//! Parsing a raw record into a document: the half of reading that runs on the worker
//! threads ([`RawRecord::parse`]). JSON is parsed, text decoded, ids and kept fields
//! read, and every problem becomes a [`RecordError`] that names the record (`path:line`)
//! and, where it can, what to do about it.

use std::sync::Arc;

use serde_json::value::RawValue;

use super::fields::text_field_hint;
use super::lines::Shared;
use super::{JsonSpec, ReadOptions};

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
    pub(super) block: Arc<Shared>,
    pub(super) range: std::ops::Range<usize>,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::parse_path;

    fn json_record(line: &str) -> RawRecord {
        RawRecord {
            origin: "a.jsonl".into(),
            line: 3,
            body: RawBody::Json(Line::from(line.as_bytes().to_vec())),
        }
    }

    /// A title goes before the text as its own paragraph, trimmed; a blank or null title
    /// leaves the text as it is (so that hit offsets do not move), and only the `keep`
    /// fields are kept.
    #[test]
    fn a_title_goes_before_the_text_unless_it_is_blank() {
        let opts = ReadOptions {
            keep: vec![parse_path("src")],
            title_field: Some(parse_path("title")),
            ..ReadOptions::default()
        };
        let spec = JsonSpec::new(&opts.text_field, &opts.id_field, &opts.fields_read());
        let cases = [
            (r#"{"text":"Body.","title":"  Head \n"}"#, "Head\n\nBody."),
            (r#"{"text":"Body.","title":" \t "}"#, "Body."),
            (r#"{"text":"Body.","title":""}"#, "Body."),
            (r#"{"text":"Body.","title":null}"#, "Body."),
            (r#"{"text":"Body."}"#, "Body."),
        ];
        for (line, want) in cases {
            let doc = json_record(line).parse(&spec, &opts).unwrap();
            assert_eq!(doc.text, want, "{line}");
            assert_eq!(doc.kept.len(), 1, "{line}");
            assert_eq!(doc.id, "a.jsonl:3");
        }
        let e = json_record(r#"{"id":"x","text":"Body.","src":"s","title":7}"#)
            .parse(&spec, &opts)
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "a.jsonl:3: field \"title\" (--title-field) is a number, expected a string"
        );
        assert_eq!((e.id.as_str(), e.kept.len()), ("x", 1));
    }

    /// A record's size, which bounds batches, is the bytes of what was read: of a JSONL
    /// line, not of the block it shares; of a row, its text cell.
    #[test]
    fn a_record_is_as_large_as_what_was_read() {
        let block = b"{\"text\":\"a\"}\n{\"text\":\"bc\"}\n".to_vec();
        let line = Line {
            block: Arc::new(Shared::alone(block)),
            range: 13..26,
        };
        assert_eq!(format!("{line:?}"), r#"Line("{\"text\":\"bc\"}")"#);
        let row = |text: Option<usize>| RawBody::Row {
            text: text.map(|n| vec![b'x'; n]),
            id: Some(b"an id".to_vec()),
            keep: vec![Some(b"kept".to_vec())],
            too_long: None,
        };
        let cases = [
            (RawBody::Text("é".repeat(7).into_bytes()), 14),
            (RawBody::Json(line), 13),
            (row(Some(5)), 5),
            (row(None), 0),
            (RawBody::Error("bad".into()), 3),
        ];
        for (body, want) in cases {
            let rec = RawRecord {
                origin: "f".into(),
                line: 1,
                body,
            };
            assert_eq!(rec.size(), want, "{rec:?}");
        }
    }
}
