//! Dictionaries of other content-analysis tools, in and out: LIWC `.dic` and LIWC-22
//! `.dicx`, quanteda YAML, Lexicoder `.lc3`, WordStat `.cat` and Yoshikoder `.ykd`.
//!
//! Researchers arrive with dictionaries they already trust; this module turns one into a
//! framelex lexicon set (one TOML file per category) and writes a framelex set back in the
//! formats their co-authors' tools read. Each reader parses its format into the same small
//! model, [`Dictionary`]: a tree of categories holding patterns with weights. Everything the
//! model cannot hold, and every pattern that had to change to become a framelex term, is a
//! [`Note`] with the line it came from: nothing is dropped silently. [`to_lexicon_files`]
//! then flattens the tree, rewrites the patterns in the project's term syntax and writes the
//! TOML files; the result is loaded with the ordinary loader, so an import can never produce
//! a set that does not load. The formats and what is lost are described in
//! `docs/dictionaries.md`.

mod cat;
mod dic;
mod dicx;
mod export;
mod lc3;
mod yaml;
mod ykd;

pub use export::{export, ExportFormat, Exported};

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use serde::Serialize;

use crate::normalize::{char_class, normalize_str, CharClass};

/// The dictionary formats framelex reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// LIWC `.dic` (LIWC2001–LIWC2015): a `%`-delimited header of category ids, then one
    /// pattern per line with its ids.
    Dic,
    /// LIWC-22 `.dicx`: CSV with one column per category, `X` or a weight per cell.
    Dicx,
    /// quanteda YAML: nested mappings of categories, lists of patterns.
    Yaml,
    /// Lexicoder `.lc3`: `+category` lines, each followed by its patterns.
    Lc3,
    /// WordStat `.cat`: an indented tree, patterns end in `(weight)`.
    Cat,
    /// Yoshikoder `.ykd`: XML `cnode` categories holding `pnode` patterns.
    Ykd,
}

impl Format {
    /// Every format, with its name as `--format` takes it.
    pub const ALL: [(&'static str, Format); 6] = [
        ("dic", Format::Dic),
        ("dicx", Format::Dicx),
        ("yaml", Format::Yaml),
        ("lc3", Format::Lc3),
        ("cat", Format::Cat),
        ("ykd", Format::Ykd),
    ];

    /// The format's name as `--format` takes it.
    pub fn name(self) -> &'static str {
        Self::ALL.iter().find(|(_, f)| *f == self).unwrap().0
    }

    /// The format a `--format` value names; `liwc` is another name for `dic`, `yml` for
    /// `yaml`.
    pub fn parse(name: &str) -> Option<Format> {
        match name.to_ascii_lowercase().as_str() {
            "liwc" => Some(Format::Dic),
            "yml" => Some(Format::Yaml),
            // Lexicoder's XML dictionaries have the Yoshikoder structure (quanteda reads
            // both with one reader).
            "lcd" => Some(Format::Ykd),
            n => Self::ALL.iter().find(|(k, _)| *k == n).map(|(_, f)| *f),
        }
    }

    /// The format a file name's extension names, if any.
    pub fn from_extension(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?;
        Format::parse(ext)
    }

    /// The format the text looks like, for files whose extension names none. Each format
    /// has a first line of its own: `%` (LIWC), an XML declaration or `<dictionary`
    /// (Yoshikoder), `+name` (Lexicoder), a CSV header (LIWC-22), a `key:` (YAML), a line
    /// ending in `(n)` (WordStat).
    pub fn sniff(text: &str) -> Option<Format> {
        let lines: Vec<&str> = split_lines(text)
            .map(|(_, l)| l.trim())
            .filter(|l| !l.is_empty() && !l.starts_with('#')) // YAML comments
            .take(50)
            .collect();
        let first = *lines.first()?;
        if first == "%" || first.starts_with("%\t") || first.starts_with("% ") {
            return Some(Format::Dic);
        }
        if first.starts_with("<?xml") || first.starts_with("<dictionary") {
            return Some(Format::Ykd);
        }
        // A Lexicoder file may have a stray line before its first `+category`.
        if lines
            .iter()
            .take(3)
            .any(|l| l.starts_with('+') && !l.contains(':'))
        {
            return Some(Format::Lc3);
        }
        if first.contains(',') && !first.contains(':') {
            return Some(Format::Dicx);
        }
        if first.ends_with(':') || first.contains(": ") {
            return Some(Format::Yaml);
        }
        if lines.iter().any(|l| l.ends_with(')') && l.contains('(')) {
            return Some(Format::Cat);
        }
        None
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Dic => "LIWC .dic",
            Format::Dicx => "LIWC-22 .dicx",
            Format::Yaml => "quanteda YAML",
            Format::Lc3 => "Lexicoder .lc3",
            Format::Cat => "WordStat .cat",
            Format::Ykd => "Yoshikoder .ykd",
        })
    }
}

/// A dictionary as its file says it: categories in file order (every node of the tree,
/// parents before their children), each with the patterns it holds directly.
#[derive(Debug, Clone, Default)]
pub struct Dictionary {
    /// The dictionary's own name where the format has one (Yoshikoder's root node).
    pub name: Option<String>,
    /// Every category, parents before children.
    pub categories: Vec<Category>,
    /// What was dropped or changed while reading, with lines.
    pub notes: Vec<Note>,
}

/// One category of a dictionary.
#[derive(Debug, Clone)]
pub struct Category {
    /// The names from the top level down to this category.
    pub path: Vec<String>,
    /// The line that defines it.
    pub line: usize,
    /// The patterns it holds directly, in file order.
    pub entries: Vec<Entry>,
}

/// One pattern of a category, as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The pattern exactly as in the file (surrounding blanks included).
    pub pattern: String,
    /// Its weight: 1 where the format has no weights.
    pub weight: f64,
    /// The line it is on.
    pub line: usize,
}

/// Something a reader or the conversion dropped or changed, with the line it concerns.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    /// The line in the dictionary file, where there is one.
    pub line: Option<usize>,
    /// What kind of change it is.
    pub kind: NoteKind,
    /// What was dropped or changed, and why.
    pub message: String,
}

/// What a [`Note`] reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteKind {
    /// Something the file says is not in the set (an entry, an assignment, a cell).
    Dropped,
    /// Something is in the set in another form than written (a wildcard, a name, an
    /// encoding).
    Changed,
    /// A pattern only lost its surrounding blanks (listed only on request: Lexicoder files
    /// start every pattern with one).
    Trimmed,
    /// A repeated entry merged into its first listing.
    Merged,
}

impl Note {
    fn new(line: Option<usize>, kind: NoteKind, message: impl Into<String>) -> Note {
        Note {
            line,
            kind,
            message: message.into(),
        }
    }

    fn dropped(line: usize, message: impl Into<String>) -> Note {
        Note::new(Some(line), NoteKind::Dropped, message)
    }

    fn changed(line: usize, message: impl Into<String>) -> Note {
        Note::new(Some(line), NoteKind::Changed, message)
    }

    /// A change to the whole file, such as its encoding.
    pub fn file_changed(message: impl Into<String>) -> Note {
        Note::new(None, NoteKind::Changed, message)
    }

    /// How many notes of `kind` are in `notes`.
    pub fn count<'a>(notes: impl IntoIterator<Item = &'a Note>, kind: NoteKind) -> usize {
        notes.into_iter().filter(|n| n.kind == kind).count()
    }
}

/// A dictionary file that could not be read at all.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}{message}", line.map(|l| format!("{l}: ")).unwrap_or_default())]
pub struct ReadError {
    /// The line, where the problem has one.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl ReadError {
    fn at(line: usize, message: impl Into<String>) -> ReadError {
        ReadError {
            line: Some(line),
            message: message.into(),
        }
    }

    fn whole(message: impl Into<String>) -> ReadError {
        ReadError {
            line: None,
            message: message.into(),
        }
    }
}

/// The text of a dictionary file: UTF-8 (a byte-order mark is dropped), UTF-16 with a
/// byte-order mark, or else Windows-1252, the encoding of older LIWC and WordStat files
/// (every byte is a character in it, so this never fails). The second value says when the
/// bytes were not UTF-8.
pub fn decode(bytes: &[u8]) -> (String, Option<&'static str>) {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        let note = (encoding != encoding_rs::UTF_8).then_some(encoding.name());
        return (text.into_owned(), note);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), None),
        Err(_) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            (text.into_owned(), Some("windows-1252"))
        }
    }
}

/// The lines of a text with their numbers (from 1), whatever ends them: `\n`, `\r\n`, or a
/// bare `\r` (classic Mac files, such as the Moral Foundations Dictionary 2.0).
pub(crate) fn split_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = text;
    let mut number = 0;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        number += 1;
        let end = rest.find(['\r', '\n']).unwrap_or(rest.len());
        let line = &rest[..end];
        let after = &rest[end..];
        rest = if let Some(r) = after.strip_prefix("\r\n") {
            r
        } else if after.is_empty() {
            after
        } else {
            &after[1..]
        };
        Some((number, line))
    })
}

/// Reads a dictionary file's text in the given format.
pub fn read(text: &str, format: Format) -> Result<Dictionary, ReadError> {
    match format {
        Format::Dic => dic::read(text),
        Format::Dicx => dicx::read(text),
        Format::Yaml => yaml::read(text),
        Format::Lc3 => lc3::read(text),
        Format::Cat => cat::read(text),
        Format::Ykd => ykd::read(text),
    }
}

/// How a dictionary becomes a lexicon set.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Keep categories down to this depth (1: the top level); the patterns of deeper
    /// categories go to their ancestor at this depth. `None`: every level.
    pub level: Option<usize>,
    /// Keep the set's default negation (off otherwise: LIWC and quanteda count every match).
    pub negation: bool,
    /// The set's name (`set.toml`'s `name`).
    pub name: String,
    /// Where it came from, for the set's description.
    pub description: String,
}

/// A dictionary file read, with where it came from, as [`to_lexicon_files`] takes it.
#[derive(Debug, Clone)]
pub struct Input {
    /// The file as the user named it, for notes.
    pub path: String,
    /// Its format.
    pub format: Format,
    /// What it says.
    pub dictionary: Dictionary,
}

/// A lexicon set made from dictionaries: its files, and what the conversion did.
#[derive(Debug, Clone, Default)]
pub struct Imported {
    /// `(file name, TOML text)`: `set.toml` first, then one file per frame.
    pub files: Vec<(String, String)>,
    /// Categories in the dictionaries (every node of every tree).
    pub categories: usize,
    /// Frames written (categories that hold patterns, or are leaves, after `level`).
    pub frames: usize,
    /// Entries read: (pattern, category) assignments.
    pub entries: usize,
    /// Terms written, after merging repeats.
    pub terms: usize,
    /// Frame ids that differ from the category name (the name is kept as the frame's name).
    pub renamed: usize,
    /// Notes of the readers and the conversion, per input (index into the inputs), in
    /// the order they were found.
    pub notes: Vec<(usize, Note)>,
}

impl Imported {
    /// How many notes of `kind` there are.
    pub fn count(&self, kind: NoteKind) -> usize {
        Note::count(self.notes.iter().map(|(_, n)| n), kind)
    }
}

/// What became of one pattern.
enum Converted {
    /// The term, and what changed, if anything.
    Term(String, Option<(String, NoteKind)>),
    /// Dropped, and why.
    Dropped(String),
}

/// Rewrites a dictionary pattern in framelex's term syntax: surrounding blanks trimmed,
/// `*` kept only at the end. `**` becomes `*`; a `*` inside a word cuts the term there
/// (`PENITEN*(CIARY` → `PENITEN*`: broader, the nearest framelex can say); a leading `*`
/// (a suffix match, which framelex cannot do) is dropped (`*ness` → `ness`: narrower);
/// a phrase with a wildcard inside (`no damag* at all`) keeps the words up to it. In YAML,
/// quanteda's `?` (one character) is a wildcard too and is treated the same way.
fn convert_pattern(raw: &str, glob_question: bool) -> Converted {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Converted::Dropped("empty pattern".into());
    }
    let mut changes: Vec<String> = Vec::new();
    if trimmed.len() != raw.len() {
        changes.push("surrounding blanks trimmed".into());
    }
    let is_wild = |c: char| c == '*' || (glob_question && c == '?');
    let mut term = trimmed.to_string();
    if term.contains(is_wild) {
        // A leading wildcard asks for a suffix match: drop it.
        let stripped = term.trim_start_matches(is_wild).trim_start();
        if stripped.len() != term.len() {
            changes.push("leading wildcard dropped (framelex matches word starts only)".into());
            term = stripped.to_string();
        }
        if let Some(pos) = term.find(is_wild) {
            let stem = term[..pos].trim_end();
            let rest = &term[pos..];
            let at_end = rest.chars().all(is_wild);
            let cut = if at_end && stem.len() == term[..pos].len() {
                if rest != "*" {
                    changes.push(format!("`{rest}` read as `*`"));
                }
                format!("{stem}*")
            } else if stem.len() != term[..pos].len() {
                // `no *`: a whole word of wildcard; the words before it are the nearest.
                changes.push("a wildcard word and what follows it dropped".into());
                stem.to_string()
            } else {
                changes.push("cut at the inner wildcard (framelex wildcards end a term)".into());
                format!("{stem}*")
            };
            term = cut;
        }
    }
    // `fair-*`: a wildcard after a character that is not part of a word. framelex wildcards
    // extend words only (never across a hyphen), and its normaliser would read the term as
    // `fair*`, hitting "fairy" and "fairly": the word before it is the nearest term.
    if let Some(stem) = term.strip_suffix('*') {
        let last = stem.chars().last();
        if last.is_some_and(|c| char_class(c) == CharClass::Other) {
            let word = stem.trim_end_matches(|c| char_class(c) == CharClass::Other);
            if !word.is_empty() {
                changes.push(format!(
                    "a wildcard after `{}`: framelex wildcards extend words only, so the word before it is the term",
                    last.unwrap_or(' ')
                ));
                term = word.to_string();
            }
        }
    }
    let body = term.strip_suffix('*').unwrap_or(&term);
    if normalize_str(body).is_empty() {
        return Converted::Dropped(if changes.is_empty() {
            format!("pattern `{}` has nothing framelex can match", trimmed)
        } else {
            format!("pattern `{}` is only a wildcard", trimmed)
        });
    }
    let only_trimmed = changes.len() == 1 && trimmed.len() != raw.len();
    let change = (!changes.is_empty()).then(|| {
        let message = format!("pattern `{raw}` → `{term}`: {}", changes.join("; "));
        let kind = if only_trimmed {
            NoteKind::Trimmed
        } else {
            NoteKind::Changed
        };
        (message, kind)
    });
    Converted::Term(term, change)
}

/// A frame id for a category name: ASCII letters, digits and `_`, from a letter. Symbols
/// that begin or end a level are spelt out, so that categories told apart by them stay apart
/// (Laver and Garry's `+STATE+`, `=STATE=` and `-STATE-` → `plus_STATE_plus`,
/// `equals_STATE_equals`, `minus_STATE_minus`; `+` → `plus`); other characters become `_`
/// (`care.virtue` → `care_virtue`, `AFRICA/EAST/BI` → `AFRICA_EAST_BI`); other scripts are
/// transliterated (`ÉTATS-UNIS` → `ETATS_UNIS`, `アフリカ` → `ahurika`); a name left with no
/// ASCII letter or digit becomes `category_N`.
fn frame_id(name: &str, position: usize) -> String {
    let mut words: Vec<String> = Vec::new();
    for level in name.split(LEVEL_SEPARATOR) {
        let ascii = deunicode::deunicode(level);
        let level = if level.is_ascii() {
            level
        } else {
            ascii.as_str()
        };
        let level = level.trim();
        let is_symbol = |c: char| !c.is_ascii_alphanumeric() && !c.is_whitespace();
        let core_start = level.find(|c: char| !is_symbol(c)).unwrap_or(level.len());
        let core_end = level
            .rfind(|c: char| !is_symbol(c))
            .map_or(core_start, |i| i + 1)
            .max(core_start);
        words.extend(
            level[..core_start]
                .chars()
                .filter_map(symbol_name)
                .map(String::from),
        );
        let mut word = String::new();
        for c in level[core_start..core_end].chars() {
            if c.is_ascii_alphanumeric() {
                word.push(c);
            } else if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
        }
        if !word.is_empty() {
            words.push(word);
        }
        words.extend(
            level[core_end..]
                .chars()
                .filter_map(symbol_name)
                .map(String::from),
        );
    }
    let id = words.join("_");
    if id.is_empty() {
        format!("category_{position}")
    } else if id.starts_with(|c: char| c.is_ascii_digit()) {
        format!("c{id}")
    } else {
        id
    }
}

/// The name of an ASCII symbol, for categories named by symbols only.
fn symbol_name(c: char) -> Option<&'static str> {
    Some(match c {
        '+' => "plus",
        '-' => "minus",
        '&' => "and",
        '@' => "at",
        '#' => "hash",
        '%' => "percent",
        '$' => "dollar",
        '?' => "question",
        '!' => "exclamation",
        '*' => "star",
        '=' => "equals",
        '<' => "less",
        '>' => "greater",
        '/' => "slash",
        '.' => "dot",
        ',' => "comma",
        ':' => "colon",
        ';' => "semicolon",
        '~' => "tilde",
        '^' => "caret",
        '|' => "bar",
        '_' => "underscore",
        _ => return None,
    })
}

/// What makes two terms of one frame the same term for framelex (as the compiler keys
/// them): the folded stem, and whether it is a wildcard. `Port-au-Prince` and `port au
/// prince` are one term; `threat` and `threat*` are two.
fn term_key(term: &str) -> (String, bool) {
    (
        normalize_str(term.trim_end_matches('*')),
        term.ends_with('*'),
    )
}

/// The separator of the levels of a flattened category name.
pub const LEVEL_SEPARATOR: &str = "/";

struct FrameOut {
    id: String,
    name: String,
    line: usize,
    input: usize,
    /// `(term, weight)` in first-listing order.
    terms: Vec<(String, f64)>,
    /// Folded key of each term, for merging repeats.
    seen: HashMap<(String, bool), (f64, String, usize)>,
}

#[derive(Serialize)]
struct SetFile<'a> {
    name: &'a str,
    description: &'a str,
    frames: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    negation: Option<NegationOut>,
}

#[derive(Serialize)]
struct NegationOut {
    window: u32,
}

#[derive(Serialize)]
struct FrameFile<'a> {
    id: &'a str,
    name: &'a str,
    description: String,
    presence: PresenceOut,
    group: Vec<GroupOut>,
}

#[derive(Serialize)]
struct PresenceOut {
    min_score: f64,
}

#[derive(Serialize)]
struct GroupOut {
    name: String,
    weight: f64,
    terms: Vec<String>,
}

/// Turns dictionaries into the files of one lexicon set: categories become frames (named
/// `parent/child`, cut at `options.level`), patterns become terms grouped by weight.
/// Categories of several inputs are kept apart by name; an id used twice gets `_2`.
pub fn to_lexicon_files(inputs: &[Input], options: &ImportOptions) -> Imported {
    let mut out = Imported::default();
    let mut frames: Vec<FrameOut> = Vec::new();
    let mut by_name: HashMap<(usize, usize), usize> = HashMap::new();
    let mut taken: std::collections::HashSet<String> = std::collections::HashSet::new();
    for (i, input) in inputs.iter().enumerate() {
        for note in &input.dictionary.notes {
            out.notes.push((i, note.clone()));
        }
        let cats = &input.dictionary.categories;
        out.categories += cats.len();
        let glob_question = input.format == Format::Yaml;
        for (c, cat) in cats.iter().enumerate() {
            let depth = cat.path.len();
            let is_leaf = !cats
                .get(c + 1)
                .is_some_and(|next| next.path.len() > depth && next.path[..depth] == cat.path[..]);
            let cut = options.level.map_or(depth, |l| l.min(depth));
            let at_cut = options.level == Some(depth);
            if cat.entries.is_empty() && !is_leaf && !at_cut {
                continue; // a parent only: its children are the frames
            }
            let name = cat.path[..cut].join(LEVEL_SEPARATOR);
            // The category that is this one at the cut: itself, or its ancestor at `level`
            // (the nearest category above with that path). Two categories of the same name
            // stay two frames.
            let anchor = (0..=c)
                .rev()
                .find(|&a| cats[a].path[..] == cat.path[..cut])
                .unwrap_or(c);
            let frame = *by_name.entry((i, anchor)).or_insert_with(|| {
                // Ids are compared without case: they name the frames' files, and `A_category.toml`
                // and `A_CATEGORY.toml` are one file on macOS and Windows.
                let base = frame_id(&name, frames.len() + 1);
                let mut id = base.clone();
                let mut n = 1;
                while taken.contains(&id.to_lowercase()) {
                    n += 1;
                    id = format!("{base}_{n}");
                }
                taken.insert(id.to_lowercase());
                if id != name {
                    out.renamed += 1;
                }
                frames.push(FrameOut {
                    id,
                    name: name.clone(),
                    line: cat.line,
                    input: i,
                    terms: Vec::new(),
                    seen: HashMap::new(),
                });
                frames.len() - 1
            });
            for entry in &cat.entries {
                out.entries += 1;
                let f = &mut frames[frame];
                let term = match convert_pattern(&entry.pattern, glob_question) {
                    Converted::Dropped(why) => {
                        out.notes
                            .push((i, Note::dropped(entry.line, format!("{why}; dropped"))));
                        continue;
                    }
                    Converted::Term(term, change) => {
                        if let Some((change, kind)) = change {
                            out.notes
                                .push((i, Note::new(Some(entry.line), kind, change)));
                        }
                        term
                    }
                };
                let key = term_key(&term);
                if let Some((first, first_term, first_line)) = f.seen.get(&key) {
                    let first = *first;
                    let message = if term == *first_term {
                        format!(
                            "`{term}` is listed again in \"{}\" (first at line {first_line}); merged",
                            f.name
                        )
                    } else {
                        format!(
                            "`{term}` in \"{}\" is the same term for framelex as `{first_term}` (line {first_line}): case, hyphens and typography are folded; merged",
                            f.name
                        )
                    };
                    out.notes
                        .push((i, Note::new(Some(entry.line), NoteKind::Merged, message)));
                    if first != entry.weight {
                        out.notes.push((
                            i,
                            Note::changed(
                                entry.line,
                                format!(
                                    "`{term}` is listed again in \"{}\" with weight {}; the first listing's weight {first} is kept",
                                    f.name, entry.weight
                                ),
                            ),
                        ));
                    }
                    continue;
                }
                f.seen.insert(key, (entry.weight, term.clone(), entry.line));
                f.terms.push((term, entry.weight));
            }
        }
    }
    let set = SetFile {
        name: &options.name,
        description: &options.description,
        frames: frames.iter().map(|f| f.id.as_str()).collect(),
        negation: (!options.negation).then_some(NegationOut { window: 0 }),
    };
    let header = format!(
        "# Written by framelex {} `lexicons import`. {}\n",
        env!("CARGO_PKG_VERSION"),
        if options.negation {
            "Negation is on, as in framelex's own sets."
        } else {
            "Negation is off (window = 0):\n# LIWC and quanteda count every match; set a window to turn it on."
        }
    );
    out.files.push((
        crate::lexicon::SET_FILE.to_string(),
        header + &toml::to_string_pretty(&set).expect("a set file serialises"),
    ));
    for f in &frames {
        let mut groups: Vec<GroupOut> = Vec::new();
        for (term, weight) in &f.terms {
            match groups.iter_mut().find(|g| g.weight == *weight) {
                Some(g) => g.terms.push(term.clone()),
                None => groups.push(GroupOut {
                    name: if *weight == 1.0 {
                        "entries".to_string()
                    } else {
                        format!("weight {weight}")
                    },
                    weight: *weight,
                    terms: vec![term.clone()],
                }),
            }
        }
        out.terms += f.terms.len();
        let file = FrameFile {
            id: &f.id,
            name: &f.name,
            description: format!(
                "Category \"{}\" of {} (line {}).",
                f.name, inputs[f.input].path, f.line
            ),
            // Present when any entry matches, as a category count above zero in LIWC.
            presence: PresenceOut { min_score: 0.0 },
            group: groups,
        };
        out.files.push((
            format!("{}.toml", f.id),
            toml::to_string_pretty(&file).expect("a frame file serialises"),
        ));
    }
    out.frames = frames.len();
    out
}

#[cfg(test)]
mod tests;
