//! LIWC-22 `.dicx`: CSV, one row per pattern, one column per category.
//!
//! ```text
//! DicTerm,Negative,Neutral,Positive
//! awful,-0.7,0.0,0.0
//! coach,X,X,X
//! ```
//!
//! A cell is empty (not a member), a mark (`X`, or any other text) or a number: the weight
//! in a weighted dictionary, where `0` means not a member. The first header cell names the
//! pattern column (`DicTerm`, `Entry`); its name does not matter. No hierarchy.

use super::{Category, Dictionary, Entry, Note, ReadError};

pub(super) fn read(text: &str) -> Result<Dictionary, ReadError> {
    // Spreadsheets set to a European locale save with `;`: the header row tells.
    let header_line = super::split_lines(text).next().map_or("", |(_, l)| l);
    let delimiter = if !header_line.contains(',') && header_line.contains(';') {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut dict = Dictionary::default();
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => return Err(ReadError::at(1, format!("not CSV: {e}"))),
        None => {
            return Err(ReadError::whole(
                "empty file: a .dicx starts with a header row",
            ))
        }
    };
    if header.len() < 2 {
        return Err(ReadError::at(
            1,
            "the header row names no category (expected `DicTerm,category,…`)",
        ));
    }
    for name in header.iter().skip(1) {
        dict.categories.push(Category {
            path: vec![name.trim().to_string()],
            line: 1,
            entries: Vec::new(),
        });
    }
    let columns = dict.categories.len();
    for record in records {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as usize);
            ReadError::at(line, format!("not CSV: {e}"))
        })?;
        let n = record.position().map_or(0, |p| p.line() as usize);
        let Some(pattern) = record.get(0) else {
            continue;
        };
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let extra = record
            .iter()
            .skip(1 + columns)
            .filter(|c| !c.trim().is_empty())
            .count();
        if extra > 0 {
            dict.notes.push(Note::dropped(
                n,
                format!(
                    "`{}`: {extra} cell(s) beyond the header's categories dropped",
                    pattern.trim()
                ),
            ));
        }
        let mut any = false;
        let mut noted = extra > 0;
        for (c, cell) in record.iter().skip(1).take(columns).enumerate() {
            let cell = cell.trim();
            if cell.is_empty() {
                continue;
            }
            // With `;` between cells, a decimal comma (`-1,5`) is a decimal point.
            let number = if delimiter == b';' {
                cell.replace(',', ".")
            } else {
                cell.to_string()
            };
            let weight = match number.parse::<f64>() {
                Ok(w) if !w.is_finite() => {
                    dict.notes.push(Note::dropped(
                        n,
                        format!(
                            "`{}`: weight `{cell}` is not a finite number; dropped",
                            pattern.trim()
                        ),
                    ));
                    noted = true;
                    continue;
                }
                Ok(0.0) => continue, // `0`: not a member
                Ok(w) => w,
                Err(_) => 1.0, // a mark: `X`
            };
            any = true;
            dict.categories[c].entries.push(Entry {
                pattern: pattern.to_string(),
                weight,
                line: n,
            });
        }
        if !any && !noted {
            dict.notes.push(Note::dropped(
                n,
                format!(
                    "`{}` is in no category (every cell empty or 0); dropped",
                    pattern.trim()
                ),
            ));
        }
    }
    Ok(dict)
}
