//! Reading CSV and TSV: a header row names the columns, and each row becomes a record of
//! its text, id and kept cells. What spreadsheets write is read as it comes: UTF-16 "Unicode
//! text" from Excel, and ";"- or tab-separated files named `.csv` in locales where the
//! comma is the decimal mark. Kept apart from the JSONL and text readers of the parent
//! module because its problems (delimiters, encodings, ragged rows) are its own.

use std::io::{self, BufRead};
use std::sync::Arc;

use super::{error_record, io_reason, Batch, FieldPath, RawBody, RawRecord, Reader, Sink};

impl Reader {
    pub(super) fn read_csv(
        &mut self,
        origin: Arc<str>,
        reader: Box<dyn BufRead + '_>,
        delimiter: u8,
        batch: &mut Batch,
        send: &mut Sink<'_>,
    ) -> bool {
        let mut csv = match open(reader, delimiter) {
            Ok(csv) => csv,
            Err(e) => {
                let reason = format!("cannot read: {}", io_reason(&e));
                return batch.push(error_record(origin, 0, reason), send);
            }
        };
        let names = match csv.byte_headers() {
            Ok(h) => column_names(h),
            Err(e) => {
                return batch.push(error_record(origin, 1, csv_reason(&e)), send);
            }
        };
        if names.is_empty() {
            // An empty file, or blank lines only (the csv reader passes over blank lines):
            // no header, no records, as for an empty JSONL file.
            return true;
        }
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
            self.stats.bytes += csv.position().byte();
            return batch.push(error_record(origin, 1, reason), send);
        }
        let mut row = csv::ByteRecord::new();
        let keep_going = loop {
            match csv.read_byte_record(&mut row) {
                Ok(false) => break true,
                Ok(true) => {
                    let line = row.position().map_or(0, |p| p.line());
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
                        break false;
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
                        break false;
                    }
                    if fatal {
                        break true;
                    }
                }
            }
        };
        // The bytes read: the header, quotes, separators and line ends too.
        self.stats.bytes += csv.position().byte();
        keep_going
    }
}

/// A CSV reader over `reader`, with a header row and rows of any length. "Unicode text"
/// from Excel is UTF-16: decoded whole (such files are small). Spreadsheets in many locales
/// write ";"-separated "CSV": a header line with no `delimiter` but semicolons (or tabs, or
/// "|") is read with that separator.
pub(super) fn open<'a>(
    mut reader: Box<dyn BufRead + 'a>,
    delimiter: u8,
) -> io::Result<csv::Reader<Box<dyn BufRead + 'a>>> {
    if let Some(decoded) = utf16_text(&mut *reader) {
        reader = Box::new(io::Cursor::new(decoded?.into_bytes()));
    }
    let delimiter = sniff_delimiter(&mut *reader, delimiter);
    Ok(csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(true)
        .flexible(true)
        .from_reader(reader))
}

/// The column names of a header row: trimmed, and without a byte order mark (the csv
/// reader strips one at the start of the file, but not one split across its first reads).
pub(super) fn column_names(headers: &csv::ByteRecord) -> Vec<String> {
    headers
        .iter()
        .map(|h| {
            String::from_utf8_lossy(h)
                .trim_start_matches('\u{FEFF}')
                .trim()
                .to_string()
        })
        .collect()
}

fn csv_reason(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Io(io) => format!("cannot read: {}", io_reason(io)),
        _ => e.to_string(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::tests::OneByte;
    use crate::input::ReadOptions;

    /// A byte order mark that arrives across several reads (from a slow pipe, or a
    /// decompressor) is no part of the first column's name either.
    #[test]
    fn a_byte_order_mark_split_across_reads_is_no_part_of_the_first_column() {
        for input in [&b"\xEF\xBB\xBFtext,id\nabc,1\n"[..], b"text,id\nabc,1\n"] {
            let opts = ReadOptions::default();
            let mut batch = Batch::new(&opts);
            let mut reader = Reader::new(Vec::new(), opts);
            let slow = io::BufReader::with_capacity(1, OneByte(io::Cursor::new(input.to_vec())));
            assert!(reader.read_csv(
                "a.csv".into(),
                Box::new(slow),
                b',',
                &mut batch,
                &mut |_| true
            ));
            let got: Vec<String> = batch
                .take()
                .into_iter()
                .map(|r| match r.body {
                    RawBody::Row { text, id, .. } => format!("{text:?} {id:?}"),
                    body => format!("{body:?}"),
                })
                .collect();
            assert_eq!(got, ["Some([97, 98, 99]) Some([49])"], "{input:?}");
        }
    }
}
