//! Which fields records have, for messages that name the fix: the first record's fields
//! when a field named by an option is absent everywhere, and the field that probably holds
//! the text when the text field is missing.

use std::io::BufRead;

use super::{decompress, InputFormat, InputSpec, ReadOptions};

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
