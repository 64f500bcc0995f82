//! LIWC `.dic` (LIWC2001–LIWC2015, and the many research dictionaries written for it).
//!
//! ```text
//! %
//! 1    care.virtue
//! 2    care.vice
//! %
//! compassion    1
//! civil rights    5
//! coach    1    2    3
//! ```
//!
//! A header between two lines holding `%`, then one pattern per line followed by the ids of
//! its categories. Real files bend every part of this: ids zero-padded (`01`), separated by
//! spaces instead of tabs, several `id name` pairs on one header line, patterns with spaces
//! in them, the same pattern on several lines (one id each), and LIWC2007's conditional
//! assignments (`like    (02 134)125/464`), which framelex cannot express and reports.

use std::collections::HashMap;

use super::{split_lines, Category, Dictionary, Entry, Note, ReadError};

/// Whether a token is a category id: digits only.
fn is_id(token: &str) -> bool {
    !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit())
}

/// Whether a token belongs to a LIWC2007 conditional assignment (`134/125[02]`,
/// `(02`, `134)125/464`, `<of>131/125`): a digit, and one of `(`, `)`, `/`, `[`, `]`, `<`, `>`.
fn is_conditional(token: &str) -> bool {
    token.bytes().any(|b| b.is_ascii_digit()) && token.bytes().any(|b| b"()/[]<>".contains(&b))
}

fn id_value(token: &str) -> u64 {
    // Ids are labels, but zero-padded ones (`01`) must meet their plain form (`1`).
    token.trim_start_matches('0').parse().unwrap_or(0)
}

pub(super) fn read(text: &str) -> Result<Dictionary, ReadError> {
    let mut dict = Dictionary::default();
    let mut lines = split_lines(text).peekable();
    // Skip blank lines before the header.
    while lines.peek().is_some_and(|(_, l)| l.trim().is_empty()) {
        lines.next();
    }
    let Some((first_line, first)) = lines.next() else {
        return Err(ReadError::whole(
            "empty file: a .dic starts with a line holding %",
        ));
    };
    let Some(rest) = first.trim_start().strip_prefix('%') else {
        return Err(ReadError::at(
            first_line,
            "a .dic starts with a line holding % (the header of category ids)",
        ));
    };
    // The header: `id name` pairs, several per line allowed. A line with tabs is split at
    // its tabs (a name may hold spaces and numbers: `5\tTop 10`), others at any white
    // space. It ends at a line starting with `%`; a header opened and closed on one line
    // (`% 1 a 2 b %`) is read the same way.
    let mut ids: HashMap<u64, usize> = HashMap::new();
    let mut header_tokens: Vec<(usize, String)> = Vec::new();
    let mut closed = false;
    let tokens_of = |content: &str| -> Vec<String> {
        if content.contains('\t') {
            content
                .split('\t')
                .map(str::trim)
                .filter(|f| !f.is_empty())
                .map(str::to_string)
                .collect()
        } else {
            content.split_whitespace().map(str::to_string).collect()
        }
    };
    match rest.rfind('%') {
        Some(end) => {
            header_tokens.extend(tokens_of(&rest[..end]).into_iter().map(|t| (first_line, t)));
            closed = true;
        }
        None => header_tokens.extend(tokens_of(rest).into_iter().map(|t| (first_line, t))),
    }
    while !closed {
        let Some((n, line)) = lines.next() else { break };
        if line.trim_start().starts_with('%') {
            closed = true;
            break;
        }
        header_tokens.extend(tokens_of(line).into_iter().map(|t| (n, t)));
    }
    if !closed {
        return Err(ReadError::at(
            first_line,
            "the header opened here is never closed by a line holding %",
        ));
    }
    let mut current: Option<(u64, usize, Vec<String>)> = None;
    let mut flush = |current: &mut Option<(u64, usize, Vec<String>)>, dict: &mut Dictionary| {
        if let Some((id, line, words)) = current.take() {
            if words.is_empty() {
                dict.notes.push(Note::changed(
                    line,
                    format!("category id {id} has no name; it is named \"{id}\""),
                ));
            }
            let name = if words.is_empty() {
                id.to_string()
            } else {
                words.join(" ")
            };
            if ids.contains_key(&id) {
                dict.notes.push(Note::dropped(
                    line,
                    format!(
                        "category id {id} is defined twice; the second (\"{name}\") is ignored"
                    ),
                ));
                return;
            }
            ids.insert(id, dict.categories.len());
            dict.categories.push(Category {
                path: vec![name],
                line,
                entries: Vec::new(),
            });
        }
    };
    for (n, token) in header_tokens {
        if is_id(&token) {
            flush(&mut current, &mut dict);
            current = Some((id_value(&token), n, Vec::new()));
        } else if let Some((_, _, words)) = current.as_mut() {
            words.push(token);
        } else {
            return Err(ReadError::at(
                n,
                format!("header: expected a category id (a number) before \"{token}\""),
            ));
        }
    }
    flush(&mut current, &mut dict);
    if dict.categories.is_empty() {
        return Err(ReadError::at(first_line, "the header defines no category"));
    }
    // The body: a pattern, then ids. With a tab, the pattern is what comes before the first
    // tab (it may contain spaces: `civil rights`); without one, the trailing ids are split
    // off the white-space separated tokens.
    for (n, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        let (pattern, tail): (&str, Vec<&str>) = match line.find('\t') {
            // (A trailing tab with nothing after it is no separator: `hate 3 5<TAB>`.)
            Some(tab) if !line[..tab].trim().is_empty() && !line[tab..].trim().is_empty() => {
                (&line[..tab], line[tab + 1..].split_whitespace().collect())
            }
            _ => {
                // Tokens with their end offsets, so the pattern is cut after its last token.
                let mut tokens: Vec<(&str, usize)> = Vec::new();
                let mut from = 0;
                for t in line.split_whitespace() {
                    let start = from + line[from..].find(t).expect("a token is in its line");
                    from = start + t.len();
                    tokens.push((t, from));
                }
                let keep = tokens
                    .iter()
                    .rposition(|(t, _)| !(is_id(t) || is_conditional(t)))
                    .map_or(1, |p| p + 1)
                    .max(1);
                let end = tokens[keep - 1].1;
                let tokens: Vec<&str> = tokens.iter().map(|(t, _)| *t).collect();
                (&line[..end], tokens[keep..].to_vec())
            }
        };
        let mut dropped: Vec<&str> = Vec::new();
        let mut assigned = 0;
        for token in &tail {
            if !is_id(token) {
                dropped.push(token);
                continue;
            }
            match ids.get(&id_value(token)) {
                Some(&c) => {
                    assigned += 1;
                    dict.categories[c].entries.push(Entry {
                        pattern: pattern.to_string(),
                        weight: 1.0,
                        line: n,
                    });
                }
                None => dict.notes.push(Note::dropped(
                    n,
                    format!(
                        "`{}`: category id {token} is not in the header; this assignment is dropped",
                        pattern.trim()
                    ),
                )),
            }
        }
        if !dropped.is_empty() {
            dict.notes.push(Note::dropped(
                n,
                format!(
                    "`{}`: `{}` dropped: a conditional assignment (LIWC2007) or other construct framelex has no equivalent for{}",
                    pattern.trim(),
                    dropped.join(" "),
                    if assigned > 0 { "; its plain ids are kept" } else { "; the entry is dropped" }
                ),
            ));
        } else if tail.is_empty() {
            dict.notes.push(Note::dropped(
                n,
                format!("`{}` has no category id; dropped", pattern.trim()),
            ));
        }
    }
    Ok(dict)
}
