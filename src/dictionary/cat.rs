//! WordStat `.cat`: an indented tree. A line ending in `(n)` is a pattern of weight `n`;
//! any other line is a category; a line's depth is its indentation.
//!
//! ```text
//! SOUTH
//!        BW
//!            Botswana (1)
//! ```
//!
//! Depth is the width of a line's indentation, with tab stops every 4 columns, in units of
//! the file's smallest indent: Provalis' own files and the ones quanteda tests indent with
//! three spaces and then tabs (`␠␠␠\t\tBotswana (1)` is 8 columns, depth 2), others with
//! tabs or with spaces only, and some mix them line by line. A line with deeper lines under
//! it is a category, whatever it ends with; a pattern belongs to the nearest category above
//! it that is less deep; a category may hold patterns and sub-categories both.

use super::{split_lines, Category, Dictionary, Entry, Note, ReadError};

/// The leading white space of a line.
fn indent(l: &str) -> &str {
    &l[..l.len() - l.trim_start().len()]
}

/// `Botswana (1)` → `("Botswana", Some(1.0))`; `Cairo (x)` → `("Cairo", None)`: a line
/// ending in a parenthesised token is a pattern, whether or not the token is a number.
fn weighted(content: &str) -> Option<(&str, Option<f64>)> {
    let body = content.strip_suffix(')')?;
    let open = body.rfind('(')?;
    let weight = body[open + 1..].trim();
    if weight.is_empty() || weight.contains(char::is_whitespace) || open == 0 {
        return None;
    }
    // The blank before `(n)` separates; it is not part of the pattern.
    Some((body[..open].trim_end(), weight.parse().ok()))
}

pub(super) fn read(text: &str) -> Result<Dictionary, ReadError> {
    let lines: Vec<(usize, &str)> = split_lines(text)
        .filter(|(_, l)| !l.trim().is_empty())
        .collect();
    let width = |l: &str| -> usize {
        indent(l)
            .chars()
            .fold(0, |w, c| if c == '\t' { (w / 4 + 1) * 4 } else { w + 1 })
    };
    let unit = lines
        .iter()
        .map(|(_, l)| width(l))
        .filter(|&w| w > 0)
        .min()
        .unwrap_or(1);
    let depth_of = |l: &str| -> usize { width(l) / unit };
    let mut dict = Dictionary::default();
    // A file where no line has a `(weight)` writes its patterns bare: then the leaves (lines
    // with no deeper line after them) are the patterns, of weight 1.
    let unweighted = !lines.iter().any(|(_, l)| weighted(l.trim()).is_some());
    if unweighted {
        dict.notes.push(super::Note::file_changed(
            "no line ends in a `(weight)`: the lines with nothing under them are read as patterns of weight 1",
        ));
    }
    let depths: Vec<usize> = lines.iter().map(|(_, l)| depth_of(l)).collect();
    // (depth, index into categories) of the open categories, shallowest first.
    let mut open: Vec<(usize, usize)> = Vec::new();
    for (k, &(n, line)) in lines.iter().enumerate() {
        let depth = depths[k];
        let content = line.trim();
        while open.last().is_some_and(|&(d, _)| d >= depth) {
            open.pop();
        }
        let leaf = depths.get(k + 1).is_none_or(|&next| next <= depth);
        let entry = if !leaf {
            None // it has lines under it: a category, even if it ends in `(…)`
        } else if unweighted && !open.is_empty() {
            Some((content, Some(1.0)))
        } else {
            weighted(content)
        };
        if let Some((pattern, weight)) = entry {
            let Some(&(_, c)) = open.last() else {
                dict.notes.push(Note::dropped(
                    n,
                    format!("`{}` is not inside any category; dropped", pattern.trim()),
                ));
                continue;
            };
            let Some(weight) = weight.filter(|w: &f64| w.is_finite()) else {
                dict.notes.push(Note::dropped(
                    n,
                    format!("`{content}`: the weight in parentheses is not a number; dropped"),
                ));
                continue;
            };
            dict.categories[c].entries.push(Entry {
                pattern: pattern.to_string(),
                weight,
                line: n,
            });
        } else {
            let mut path: Vec<String> = open
                .last()
                .map(|&(_, c)| dict.categories[c].path.clone())
                .unwrap_or_default();
            path.push(content.to_string());
            dict.categories.push(Category {
                path,
                line: n,
                entries: Vec::new(),
            });
            open.push((depth, dict.categories.len() - 1));
        }
    }
    if dict.categories.is_empty() {
        return Err(ReadError::whole(
            "no category: a .cat file is a tree of category lines and `pattern (weight)` lines",
        ));
    }
    Ok(dict)
}
