//! Lexicoder `.lc3`: a `+name` line opens a category (`+name#RRGGBB` gives it a display
//! colour, which framelex does not keep); every following non-empty line is one of its
//! patterns.
//!
//! The Lexicoder Sentiment Dictionary's negation file starts every pattern with a space
//! (` not good`), a word-start marker for Lexicoder's string matching. framelex terms always
//! match at word starts, so the space is trimmed like any surrounding blank (and counted
//! among the changed patterns).

use super::{split_lines, Category, Dictionary, Entry, Note, ReadError};

pub(super) fn read(text: &str) -> Result<Dictionary, ReadError> {
    let mut dict = Dictionary::default();
    for (n, line) in split_lines(text) {
        if line.trim().is_empty() {
            continue;
        }
        if let Some(name) = line.trim_start().strip_prefix('+') {
            let name = strip_colour(name.trim());
            if name.is_empty() {
                return Err(ReadError::at(n, "a category line `+` without a name"));
            }
            dict.categories.push(Category {
                path: vec![name.to_string()],
                line: n,
                entries: Vec::new(),
            });
            continue;
        }
        match dict.categories.last_mut() {
            Some(cat) => cat.entries.push(Entry {
                pattern: line.to_string(),
                weight: 1.0,
                line: n,
            }),
            None => dict.notes.push(Note::dropped(
                n,
                format!(
                    "`{}` comes before any `+category` line; dropped",
                    line.trim()
                ),
            )),
        }
    }
    if dict.categories.is_empty() {
        return Err(ReadError::whole(
            "no category: a .lc3 file has `+name` lines, each followed by its patterns",
        ));
    }
    Ok(dict)
}

/// `name#RRGGBB` → `name`.
fn strip_colour(name: &str) -> &str {
    match name.rsplit_once('#') {
        Some((base, hex)) if hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit()) => {
            base.trim_end()
        }
        _ => name,
    }
}
