//! The key scan: every unknown key of a lexicon file at once, with "did you mean". The
//! loader stops at the first unknown key of a file; this scan walks the whole TOML tree
//! against a copy of the schema.

use super::*;

/// What a key holds, for the key scan.
#[derive(Clone, Copy)]
enum Kind {
    Value,
    Table(&'static [(&'static str, Kind)]),
    Tables(&'static [(&'static str, Kind)]),
    /// A table of tables named freely by the user (`[scope.ai]`), each with this schema.
    Map(&'static [(&'static str, Kind)]),
}

type Schema = &'static [(&'static str, Kind)];

// This mirrors the serde model in `lexicon/mod.rs`; a test checks that a file using every
// key loads.
const PRESENCE: Schema = &[
    ("min_score", Kind::Value),
    ("min_hits", Kind::Value),
    ("min_terms", Kind::Value),
    ("min_density", Kind::Value),
];
const GROUP: Schema = &[
    ("name", Kind::Value),
    ("description", Kind::Value),
    ("weight", Kind::Value),
    ("terms", Kind::Value),
];
const RULE: Schema = &[
    ("name", Kind::Value),
    ("description", Kind::Value),
    ("weight", Kind::Value),
    ("window", Kind::Value),
    ("ordered", Kind::Value),
    ("same_sentence", Kind::Value),
    ("all", Kind::Value),
    ("none", Kind::Value),
];
const FRAME: Schema = &[
    ("id", Kind::Value),
    ("name", Kind::Value),
    ("description", Kind::Value),
    ("color", Kind::Value),
    ("exclude", Kind::Value),
    ("presence", Kind::Table(PRESENCE)),
    ("group", Kind::Tables(GROUP)),
    ("rule", Kind::Tables(RULE)),
    ("scope", Kind::Value),
];
const NEGATION: Schema = &[
    ("negators", Kind::Value),
    ("window", Kind::Value),
    ("weight", Kind::Value),
];
const SET: Schema = &[
    ("name", Kind::Value),
    ("description", Kind::Value),
    ("frames", Kind::Value),
    ("negation", Kind::Table(NEGATION)),
    ("voice", Kind::Table(VOICE)),
    ("scope", Kind::Map(SCOPE)),
];
const SCOPE: Schema = &[
    ("description", Kind::Value),
    ("terms", Kind::Value),
    ("exclude", Kind::Value),
    ("min_hits", Kind::Value),
    ("window", Kind::Value),
    ("document_min_hits", Kind::Value),
];
const VOICE: Schema = &[("attribution", Kind::Value)];

/// Reports every unknown key of one file's TOML tree (`set_file`: `set.toml`'s schema,
/// else a frame file's).
pub(super) fn scan_file(source: usize, table: &DeTable<'_>, set_file: bool, out: &mut Vec<Lint>) {
    let schema = if set_file { SET } else { FRAME };
    scan_keys(source, table, schema, None, out);
}

fn display_key(name: &str, kind: Kind) -> String {
    match kind {
        Kind::Value => format!("`{name}`"),
        Kind::Table(_) => format!("[{name}]"),
        Kind::Tables(_) => format!("[[{name}]]"),
        Kind::Map(_) => format!("[{name}.NAME]"),
    }
}

/// Reports every key not in `schema`, recursing into known tables. `inside` names the
/// table being scanned (`[[group]]`), `None` at the top level.
fn scan_keys(
    source: usize,
    table: &DeTable<'_>,
    schema: Schema,
    inside: Option<String>,
    out: &mut Vec<Lint>,
) {
    for (key, value) in table.iter() {
        let name: &str = key.get_ref();
        match schema.iter().find(|(k, _)| *k == name) {
            Some((_, Kind::Table(sub))) => {
                if let DeValue::Table(t) = value.get_ref() {
                    scan_keys(source, t, sub, Some(format!("[{name}]")), out);
                }
            }
            Some((_, Kind::Tables(sub))) => {
                if let DeValue::Array(items) = value.get_ref() {
                    for item in items.iter() {
                        if let DeValue::Table(t) = item.get_ref() {
                            scan_keys(source, t, sub, Some(format!("[[{name}]]")), out);
                        }
                    }
                }
            }
            Some((_, Kind::Map(sub))) => {
                if let DeValue::Table(t) = value.get_ref() {
                    for (inner, v) in t.iter() {
                        if let DeValue::Table(t) = v.get_ref() {
                            let at = format!("[{name}.{}]", inner.get_ref());
                            scan_keys(source, t, sub, Some(at), out);
                        }
                    }
                }
            }
            Some((_, Kind::Value)) => {}
            None => {
                let where_ = inside
                    .as_deref()
                    .map_or(String::new(), |t| format!(" in {t}"));
                let mut lint = Lint::error("unknown-key", format!("unknown key `{name}`{where_}"))
                    .at(source, key.span(), "unknown key");
                let in_frame_table = std::ptr::eq(schema, PRESENCE) || std::ptr::eq(schema, GROUP);
                let top_level = in_frame_table
                    && FRAME
                        .iter()
                        .any(|(k, kind)| *k == name && matches!(kind, Kind::Value));
                if let Some((best, kind)) = nearest(name, schema.iter().map(|(k, _)| *k))
                    .and_then(|b| schema.iter().find(|(k, _)| *k == b))
                {
                    lint = lint.help(format!("did you mean {}?", display_key(best, *kind)));
                } else if top_level {
                    lint = lint.help(format!(
                        "`{name}` is a top-level key: in TOML a key belongs to the table header above it, so move it above the first [presence] or [[group]]"
                    ));
                } else {
                    let expected: Vec<String> = schema
                        .iter()
                        .map(|(k, kind)| display_key(k, *kind))
                        .collect();
                    lint = lint.help(format!("expected one of {}", expected.join(", ")));
                }
                out.push(lint);
            }
        }
    }
}

/// The candidate closest to `word` by edit distance, if it is close enough to be a typo.
pub fn nearest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let w = word.to_lowercase();
    let max = match w.chars().count() {
        0..=2 => 0,
        3..=5 => 1,
        6..=9 => 2,
        _ => 3,
    };
    candidates
        .map(|c| (edit_distance(&w, &c.to_lowercase()), c))
        .filter(|&(d, _)| d <= max)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// Optimal string alignment distance: insertions, deletions, substitutions and swaps of
/// two neighbours ("wieght" → "weight" is 1).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}
