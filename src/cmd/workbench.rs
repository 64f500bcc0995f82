//! Helpers shared by the lexicon workbench commands (`check`, `explain`, `kwic`, `diff`,
//! `suggest`): reading corpora and gold files with the same rules and messages
//! everywhere, naming frames, and reporting failed records without dropping them
//! silently.

use std::io::IsTerminal;

use anyhow::{bail, Result};
use framelex::compile::Compiled;
use framelex::input::{parse_path, FieldPath, InputSpec, Kept, ReadOptions, RecordError};

use crate::cli::FieldArgs;

/// How many failed records are reported one by one before summing up.
const MAX_ERROR_LINES: u64 = 50;

/// Inputs named on the command line; stdin when none are named and stdin is not a
/// terminal. `command` names the subcommand in the message for a terminal.
pub fn input_specs(inputs: &[String], command: &str) -> Result<Vec<InputSpec>> {
    if inputs.is_empty() {
        if std::io::stdin().is_terminal() {
            bail!("no input: name files or folders, or pipe text into `framelex {command} -`");
        }
        return Ok(vec![InputSpec::Stdin]);
    }
    Ok(inputs.iter().map(|s| InputSpec::parse(s)).collect())
}

/// Read options from the field flags, keeping `keep`.
pub fn read_options(fields: &FieldArgs, keep: Vec<FieldPath>) -> ReadOptions {
    ReadOptions {
        format: fields.input_format,
        text_field: parse_path(&fields.text_field),
        id_field: parse_path(&fields.id_field),
        title_field: fields.title_field.as_deref().map(parse_path),
        keep,
        ..ReadOptions::default()
    }
}

/// The position of a frame, or an error that lists the frames of the set.
pub fn frame_index(compiled: &Compiled, id: &str, flag: &str) -> Result<usize> {
    match compiled.frame_index(id) {
        Some(i) => Ok(i),
        None => {
            let known: Vec<&str> = compiled.frames.iter().map(|f| f.id.as_str()).collect();
            bail!(
                "{flag} {id}: no frame \"{id}\" in the lexicon set (its frames: {})",
                known.join(", ")
            )
        }
    }
}

/// Failed records: each is reported on stderr (the first 50), and the run ends with
/// status 2.
#[derive(Debug, Default)]
pub struct RecordErrors {
    /// Records that failed.
    pub count: u64,
}

impl RecordErrors {
    /// Reports one failed record.
    pub fn note(&mut self, e: &RecordError) {
        self.count += 1;
        if self.count <= MAX_ERROR_LINES {
            eprintln!("{e}");
        }
    }

    /// Prints the closing count; true when any record failed.
    pub fn finish(&self, records: u64) -> bool {
        if self.count > MAX_ERROR_LINES {
            eprintln!(
                "framelex: … and {} more failed records",
                self.count - MAX_ERROR_LINES
            );
        }
        if self.count > 0 {
            eprintln!("framelex: {} of {records} records failed", self.count);
        }
        self.count > 0
    }
}

/// The frame ids named by a gold record's labels field: a JSON array of ids, a
/// `;`-separated string (CSV), or null for none. Unlike `eval::parse_labels`, ids are
/// not checked against a set: `diff` compares two sets that may differ.
pub fn label_names(kept: &Kept, field: &str) -> Result<Vec<String>, String> {
    let split = |s: &str| -> Vec<String> {
        s.split(';')
            .map(|x| x.trim().to_string())
            .filter(|x| !x.is_empty())
            .collect()
    };
    match kept {
        Kept::Missing => Err(format!("missing field \"{field}\"")),
        Kept::Str(s) => Ok(split(s)),
        Kept::Json(raw) => match serde_json::from_str::<serde_json::Value>(raw.get()) {
            Ok(serde_json::Value::Array(items)) => items
                .into_iter()
                .map(|item| match item {
                    serde_json::Value::String(s) => Ok(s.trim().to_string()),
                    other => Err(format!(
                        "field \"{field}\" must hold frame ids as strings, found {other}"
                    )),
                })
                .filter(|r| r.as_ref().map_or(true, |s| !s.is_empty()))
                .collect(),
            Ok(serde_json::Value::String(s)) => Ok(split(&s)),
            Ok(serde_json::Value::Null) => Ok(Vec::new()),
            Ok(other) => Err(format!(
                "field \"{field}\" must be an array of frame ids or a ;-separated string, found {other}"
            )),
            Err(e) => Err(format!("field \"{field}\": {e}")),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_from_json_and_csv() {
        let raw = |s: &str| Kept::Json(serde_json::value::RawValue::from_string(s.into()).unwrap());
        let cases: &[(Kept, Result<Vec<&str>, &str>)] = &[
            (raw(r#"["a", " b "]"#), Ok(vec!["a", "b"])),
            (raw("[]"), Ok(vec![])),
            (raw("null"), Ok(vec![])),
            (raw(r#""a; b""#), Ok(vec!["a", "b"])),
            (Kept::Str("a;;b".into()), Ok(vec!["a", "b"])),
            (Kept::Str("".into()), Ok(vec![])),
            (Kept::Missing, Err("missing field \"labels\"")),
            (
                raw("[1]"),
                Err("field \"labels\" must hold frame ids as strings, found 1"),
            ),
        ];
        for (kept, want) in cases {
            let got = label_names(kept, "labels");
            let want = want
                .clone()
                .map(|v| v.iter().map(|s| s.to_string()).collect::<Vec<_>>())
                .map_err(|e| e.to_string());
            assert_eq!(got, want, "{kept:?}");
        }
    }
}
