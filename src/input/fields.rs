//! Which fields records have, for messages that name the fix: the first record's fields
//! when a field named by an option is absent everywhere, and the field that probably holds
//! the text when the text field is missing.

use std::io::BufRead;

use super::{decompress, InputFormat, InputSpec, ReadOptions};

/// The field names of the first record of the first file among `inputs` (JSONL: the
/// first object's keys; CSV/TSV: the header), to say which fields exist when a named one
/// is absent everywhere. `None` for stdin, folders, text files, JSON arrays, unreadable
/// files and files without a record.
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
            // As the rows are read: the same decoding and separators.
            let delimiter = if format == InputFormat::Csv {
                b','
            } else {
                b'\t'
            };
            let mut csv = super::csv::open(reader, delimiter).ok()?;
            let names = super::csv::column_names(csv.byte_headers().ok()?);
            (!names.is_empty()).then_some(names)
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
pub(super) fn text_field_hint(line: &str, field: &str) -> Option<String> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::InputFormat;

    /// The first record's fields of one file, as messages list them.
    #[test]
    fn the_first_records_fields_in_every_format() {
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(
                "id\ttext\r\nu1\tx\r\n"
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes),
            )
            .collect();
        let fields = |list: &[&str]| Some(list.iter().map(|f| f.to_string()).collect());
        // No fields listed: none are known.
        let cases: [(&str, &[u8], &[&str]); 11] = [
            (
                "a.jsonl",
                b"\n \n{\"b\": 1, \"a\": {\"c\": 2}}\n{\"z\": 0}\n",
                &["a", "b"],
            ),
            ("a.jsonl", b"\n\n", &[]),
            ("a.jsonl", b"", &[]),
            ("a.jsonl", b"[1, 2]\n", &[]),
            (
                "a.csv",
                b"\xEF\xBB\xBFid, text ,src\n1,x,y\n",
                &["id", "text", "src"],
            ),
            ("a.csv", b"id;text\n1;x\n", &["id", "text"]),
            ("a.csv", b"", &[]),
            ("a.tsv", b"id\ttext,more\n", &["id", "text,more"]),
            ("a.tsv", &utf16, &["id", "text"]),
            ("a.txt", b"id,text\n", &[]),
            ("a.unknown", b"{\"a\": 1}\n", &[]),
        ];
        for (name, bytes, want) in cases {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            let got = first_record_fields(&[InputSpec::Path(path)], &ReadOptions::default());
            let want = (!want.is_empty()).then(|| want.iter().map(|f| f.to_string()).collect());
            assert_eq!(got, want, "{name}: {:?}", String::from_utf8_lossy(bytes));
        }
        // The format given wins over the name; stdin and folders are not read.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "id,text\n").unwrap();
        let opts = ReadOptions {
            format: Some(InputFormat::Csv),
            ..ReadOptions::default()
        };
        let inputs = [InputSpec::Path(path)];
        assert_eq!(first_record_fields(&inputs, &opts), fields(&["id", "text"]));
        let dir_input = [InputSpec::Path(dir.path().to_path_buf())];
        assert_eq!(first_record_fields(&dir_input, &opts), None);
        assert_eq!(first_record_fields(&[InputSpec::Stdin], &opts), None);
    }
}
