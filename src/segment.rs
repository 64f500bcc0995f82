//! Paragraph and sentence boundaries, as byte ranges into the original text.
//!
//! `--unit paragraph|sentence` scores each unit of a document apart, and [`crate::voice`]
//! bounds reported speech by sentences. Both want ranges into the *original* text, so that
//! a hit's byte offsets (matching contract, clause 8) can be placed in a unit with
//! [`unit_index`] without copying or normalising anything again.
//!
//! The rules are heuristics for edited prose such as news articles, not a linguistic
//! tokenizer. Where a rule must guess, it keeps a sentence whole rather than split it:
//! a wrong split cuts an attribution or a negator off from the words it governs, while a
//! missed split only makes one unit longer. Each function is one linear pass over the
//! bytes with no allocation per character, because it runs once per document over large
//! dumps.

use std::ops::Range;

/// Paragraph ranges: trimmed of surrounding white space, non-empty, in order.
///
/// Paragraphs split at blank lines: a line break, optional white space, a line break
/// (`\n`, `\r\n`, a lone `\r`, vertical tab, form feed, U+0085 and U+2028 are line
/// breaks; U+2029 PARAGRAPH SEPARATOR is a blank line by itself). A text with no blank
/// line between two non-blank lines splits instead at the line breaks followed by an
/// indent (two spaces, a tab or an ideographic space), when it has some: such texts
/// are hard-wrapped with indented first lines, as in the Reuters-21578 corpus. Otherwise
/// it splits at every line break, because JSONL dumps often store one paragraph per
/// line. Blank lines before the first or after the last line do not count. A text with
/// no line break is one paragraph, unless it is blank. Empty text gives no paragraph.
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    paragraphs_split(text, true)
}

/// Paragraphs as they end sentences and unclosed quotations: like [`paragraphs`], but a
/// single line break that is not indented never splits, so that a hard-wrapped text keeps
/// its sentences and quotations across line ends.
pub(crate) fn paragraph_blocks(text: &str) -> Vec<Range<usize>> {
    paragraphs_split(text, false)
}

/// [`paragraphs`], and whether a sentence can run on from one of them into the next:
/// only when the text was split at plain line breaks (no blank or indented line), since
/// every other paragraph break also ends a sentence.
pub(crate) fn paragraphs_and_wrapping(text: &str) -> (Vec<Range<usize>>, bool) {
    let content = trim(text, 0..text.len());
    let groups = line_break_groups(text, content.clone());
    let wrapped = !groups.is_empty() && !groups.iter().any(|g| g.blank || g.indented);
    (split_groups(text, content, &groups, true), wrapped)
}

fn paragraphs_split(text: &str, at_lines: bool) -> Vec<Range<usize>> {
    let content = trim(text, 0..text.len());
    let groups = line_break_groups(text, content.clone());
    split_groups(text, content, &groups, at_lines)
}

fn split_groups(
    text: &str,
    content: Range<usize>,
    groups: &[BreakGroup],
    at_lines: bool,
) -> Vec<Range<usize>> {
    let blank = groups.iter().any(|g| g.blank);
    let indented = !blank && groups.iter().any(|g| g.indented);
    let breaks = groups.iter().filter(|g| {
        if blank {
            g.blank
        } else if indented {
            g.indented
        } else {
            at_lines
        }
    });
    split(text, content, breaks.map(|g| g.range.clone()))
}

/// Sentence ranges within `text`: trimmed, non-empty, in order, non-overlapping.
///
/// A sentence ends after a terminator — `.`, `!`, `?`, `…`, `...`, `‼`, `⁇`, `⁈`, `⁉`,
/// `؟`, `।` — followed by white space or the end of the text, and takes along any run of
/// further terminators and closing quotes or brackets right after it (`?!`, `."`, `.”`,
/// `.)`, `.»`; a no-break space before `»` or `”` too, as French typography has it), so
/// `He said "No." Then…` splits after the closing quote. The CJK terminators `。`,
/// `！`, `？` and `｡` end a sentence even with no space after them. A paragraph break
/// always ends a sentence: a blank line, or an indented line in a text without blank
/// lines (see [`paragraphs`]); any other single line break never does, so that
/// hard-wrapped text keeps its sentences whole.
///
/// A terminator other than the CJK ones does *not* end a sentence:
/// - when the next word (after white space and opening quotes or brackets) starts with a
///   lower-case letter. This catches abbreviations missing from the lists below
///   ("the dept. store") and quoted questions or exclamations followed by their
///   attribution (`"Why?" she asked.`), at the cost of not splitting text whose sentences
///   start in lower case;
/// - when it is not followed by white space: so a full stop inside a number ("$5.5
///   billion", "3.14", "v2.0"), an address or a URL never ends a sentence;
/// - after a title or other abbreviation that precedes what it qualifies: Mr., Mrs., Ms.,
///   Mx., Dr., Prof., St., Gen., Sen., Rep., Gov., Lt., Col., Capt., Sgt., Adm., Rev.,
///   Hon., Pres., Mt., Ft., Messrs., Mme., Mlle., vs., approx., ca.; case is ignored;
/// - after No., Nos., Nr., p., pp., Fig., Vol., Art., Ch. or a month (Jan., Feb., Mar.,
///   Apr., Jun., Jul., Aug., Sep., Sept., Oct., Nov., Dec.) followed by a digit ("No. 5",
///   "Jan. 5"; "in Oct. The Fed" splits);
/// - after an abbreviation that often ends a sentence too — Inc., Corp., Ltd., Co., Jr.,
///   Sr., etc., letters with full stops (U.S., U.K., U.N., E.U., e.g., i.e., a.m.) and
///   single capital letters (initials, as in "J. K. Rowling") — *unless* the next word is
///   a capitalised common sentence opener (The, It, He, She, They, We, But, …): "in the
///   U.S. The company…" splits, "U.S. Senate" and "J. K. Rowling" do not.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    sentences_in(text, &paragraph_blocks(text))
}

/// [`sentences`] within the given [`paragraph_blocks`], for callers that need both.
pub(crate) fn sentences_in(text: &str, blocks: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for block in blocks {
        split_sentences(text, block.clone(), &mut out);
    }
    out
}

/// Index of the unit containing `offset`, or of the last unit starting at or before it
/// (an offset in the white space between two units belongs to the earlier one). `None`
/// if `offset` lies before the first unit or `units` is empty. `units` must be sorted
/// and non-overlapping, as [`paragraphs`] and [`sentences`] return them; the lookup is a
/// binary search.
pub fn unit_index(units: &[Range<usize>], offset: usize) -> Option<usize> {
    units.partition_point(|u| u.start <= offset).checked_sub(1)
}

/// White space for trimming: Unicode white space plus the byte-order mark, which some
/// dumps leave at the start of a text.
fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

fn trim(text: &str, range: Range<usize>) -> Range<usize> {
    let s = &text[range.clone()];
    let start = range.start + (s.len() - s.trim_start_matches(is_space).len());
    let end = start + text[start..range.end].trim_end_matches(is_space).len();
    start..end
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let r = trim(text, range);
    if !r.is_empty() {
        out.push(r);
    }
}

fn split(
    text: &str,
    content: Range<usize>,
    separators: impl Iterator<Item = Range<usize>>,
) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = content.start;
    for sep in separators {
        push_trimmed(text, start..sep.start, &mut out);
        start = sep.end;
    }
    push_trimmed(text, start..content.end, &mut out);
    out
}

/// Consecutive line breaks with only white space between them.
struct BreakGroup {
    range: Range<usize>,
    /// Two or more line breaks, or a paragraph separator: a blank line.
    blank: bool,
    /// Followed by an indent: two spaces, a tab or an ideographic space.
    indented: bool,
}

fn line_break_groups(text: &str, within: Range<usize>) -> Vec<BreakGroup> {
    let bytes = text.as_bytes();
    let mut groups: Vec<BreakGroup> = Vec::new();
    let mut i = within.start;
    while let Some(at) = find_lead(bytes, i, within.end, &BREAK_LEADS) {
        i = at;
        let (len, paragraph) = match bytes[i] {
            b'\r' => (1 + usize::from(bytes.get(i + 1) == Some(&b'\n')), false),
            0xc2 if bytes.get(i + 1) == Some(&0x85) => (2, false),
            0xe2 if bytes.get(i + 1) == Some(&0x80)
                && matches!(bytes.get(i + 2), Some(0xa8 | 0xa9)) =>
            {
                (3, bytes[i + 2] == 0xa9)
            }
            0xc2 | 0xe2 => {
                i += 1;
                continue;
            }
            _ => (1, false),
        };
        let br = i..i + len;
        match groups.last_mut() {
            // Each stretch between two breaks is scanned once, and only up to its first
            // visible character: linear overall.
            Some(g) if text[g.range.end..br.start].chars().all(is_space) => {
                g.range.end = br.end;
                g.blank = true;
                g.indented = is_indent(&bytes[br.end..within.end]);
            }
            _ => groups.push(BreakGroup {
                range: br.clone(),
                blank: paragraph,
                indented: is_indent(&bytes[br.end..within.end]),
            }),
        }
        i += len;
    }
    groups
}

fn is_indent(line: &[u8]) -> bool {
    line.starts_with(b"  ") || line.starts_with(b"\t") || line.starts_with("\u{3000}".as_bytes())
}

const fn byte_set(bytes: &[u8]) -> [bool; 256] {
    let mut set = [false; 256];
    let mut i = 0;
    while i < bytes.len() {
        set[bytes[i] as usize] = true;
        i += 1;
    }
    set
}

/// First bytes of the line breaks: `\n`, `\r`, VT, FF, U+0085 (C2 85), U+2028 and U+2029
/// (E2 80 A8/A9).
static BREAK_LEADS: [bool; 256] = byte_set(b"\n\r\x0b\x0c\xc2\xe2");

/// First bytes of the terminators: ASCII `.!?`, `؟` (D8), `।` (E0), `…‼⁇⁈⁉` (E2),
/// `。` (E3), `！？｡` (EF).
static TERMINATOR_LEADS: [bool; 256] = byte_set(b".!?\xd8\xe0\xe2\xe3\xef");

/// Position of the next byte in `set` within `bytes[from..to]`. Jumping from lead byte to
/// lead byte is safe in UTF-8: a continuation byte (80..BF) never equals a lead byte, so
/// a hit always starts a character.
fn find_lead(bytes: &[u8], from: usize, to: usize, set: &[bool; 256]) -> Option<usize> {
    bytes[from..to]
        .iter()
        .position(|&b| set[usize::from(b)])
        .map(|k| from + k)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Terminator {
    Latin,
    /// Ends a sentence even with no space after it.
    Cjk,
}

fn terminator(c: char) -> Option<Terminator> {
    match c {
        '.' | '!' | '?' | '…' | '‼' | '⁇' | '⁈' | '⁉' | '؟' | '।' => {
            Some(Terminator::Latin)
        }
        '。' | '！' | '？' | '｡' => Some(Terminator::Cjk),
        _ => None,
    }
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '”'
            | '’'
            | '“' // closes German „…“
            | '»'
            | '«' // closes German and Danish »…«
            | '›'
            | '‹'
            | ')'
            | ']'
            | '}'
            | '）'
            | '」'
            | '』'
            | '》'
            | '〉'
            | '】'
    )
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '“'
            | '‘'
            | '„'
            | '«'
            | '»'
            | '‹'
            | '('
            | '['
            | '{'
            | '¿'
            | '¡'
            | '（'
            | '「'
            | '『'
    )
}

/// A terminator with the terminators and closers right after it.
struct Run {
    end: usize,
    /// Exactly one `.` (not an ellipsis, not `.?`): the only case abbreviations apply to.
    single_full_stop: bool,
    cjk: bool,
}

fn scan_run(text: &str, at: usize, limit: usize) -> Run {
    let s = &text[at..limit];
    let mut end = at;
    let mut count = 0;
    let mut dots = 0;
    let mut cjk = false;
    let mut chars = s.char_indices().peekable();
    while let Some((k, c)) = chars.next() {
        match terminator(c) {
            Some(kind) => {
                count += 1;
                dots += usize::from(c == '.');
                cjk |= kind == Terminator::Cjk;
            }
            None if is_closer(c) => {}
            // French: «\u{a0}Non.\u{a0}» — the closing mark still belongs to the sentence.
            None if (c == '\u{a0}' || c == '\u{202f}')
                && chars.peek().is_some_and(|&(_, n)| matches!(n, '»' | '”')) => {}
            None => break,
        }
        end = at + k + c.len_utf8();
    }
    Run {
        end,
        single_full_stop: count == 1 && dots == 1,
        cjk,
    }
}

fn split_sentences(text: &str, block: Range<usize>, out: &mut Vec<Range<usize>>) {
    let bytes = text.as_bytes();
    let mut start = block.start;
    let mut i = block.start;
    while let Some(at) = find_lead(bytes, i, block.end, &TERMINATOR_LEADS) {
        i = at;
        let c = text[i..].chars().next().unwrap_or(' ');
        if terminator(c).is_none() {
            i += c.len_utf8();
            continue;
        }
        let run = scan_run(text, i, block.end);
        if ends_sentence(text, &block, i, &run) {
            push_trimmed(text, start..run.end, out);
            start = run.end;
        }
        i = run.end;
    }
    push_trimmed(text, start..block.end, out);
}

fn ends_sentence(text: &str, block: &Range<usize>, at: usize, run: &Run) -> bool {
    if run.cjk {
        return true;
    }
    let rest = &text[run.end..block.end];
    match rest.chars().next() {
        None => return true,
        Some(c) if !is_space(c) => return false,
        Some(_) => {}
    }
    let next = rest.trim_start_matches(|c: char| is_space(c) || is_opener(c));
    let first = next.chars().next();
    if first.is_some_and(char::is_lowercase) {
        return false;
    }
    if run.single_full_stop {
        match abbreviation(&text[block.start..at]) {
            Abbreviation::Always => return false,
            Abbreviation::BeforeDigit if first.is_some_and(char::is_numeric) => return false,
            Abbreviation::UnlessOpener if !is_sentence_opener(next) => return false,
            _ => {}
        }
    }
    true
}

enum Abbreviation {
    None,
    /// Never ends a sentence: titles and the like, which precede what they qualify.
    Always,
    /// Does not end a sentence before a number ("No. 5").
    BeforeDigit,
    /// Ends a sentence only before a common sentence opener ("in the U.S. The …").
    UnlessOpener,
}

const ALWAYS: &[&str] = &[
    "mr", "mrs", "ms", "mx", "dr", "prof", "st", "gen", "sen", "rep", "gov", "lt", "col", "capt",
    "sgt", "adm", "rev", "hon", "pres", "mt", "ft", "messrs", "mme", "mlle", "vs", "approx", "ca",
];

const BEFORE_DIGIT: &[&str] = &[
    "no", "nos", "nr", "p", "pp", "fig", "vol", "art", "ch", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

const UNLESS_OPENER: &[&str] = &["inc", "corp", "ltd", "co", "jr", "sr", "etc"];

/// Capitalised words that commonly open a sentence and rarely follow an abbreviation
/// inside one.
const OPENERS: &[&str] = &[
    "the",
    "a",
    "an",
    "it",
    "its",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "this",
    "that",
    "these",
    "those",
    "there",
    "his",
    "her",
    "their",
    "our",
    "but",
    "and",
    "so",
    "yet",
    "in",
    "on",
    "at",
    "for",
    "as",
    "if",
    "when",
    "while",
    "after",
    "before",
    "some",
    "many",
    "most",
    "meanwhile",
    "however",
    "still",
    "then",
];

/// Classifies the word that ends right before a full stop (`before` ends at the stop).
fn abbreviation(before: &str) -> Abbreviation {
    // Letters and inner full stops: "Dr", "U.S", "e.g". Bounded by white space, so each
    // byte is scanned back at most once per document.
    let start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphabetic() || c == '.')
        .last()
        .map_or(before.len(), |(k, _)| k);
    let token = &before[start..];
    if token.is_empty() {
        return Abbreviation::None;
    }
    if token.contains('.') {
        return if token.split('.').all(|p| p.chars().count() == 1) {
            Abbreviation::UnlessOpener
        } else {
            Abbreviation::None
        };
    }
    let mut chars = token.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_uppercase() {
            return Abbreviation::UnlessOpener;
        }
    }
    let is = |list: &[&str]| list.iter().any(|a| a.eq_ignore_ascii_case(token));
    if is(ALWAYS) {
        Abbreviation::Always
    } else if is(BEFORE_DIGIT) {
        Abbreviation::BeforeDigit
    } else if is(UNLESS_OPENER) {
        Abbreviation::UnlessOpener
    } else {
        Abbreviation::None
    }
}

fn is_sentence_opener(next: &str) -> bool {
    let len = next
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(next.len());
    let (word, after) = next.split_at(len);
    // "A. A. Milne": a letter followed by a full stop is another initial, not "A".
    word.chars().next().is_some_and(char::is_uppercase)
        && !after.starts_with('.')
        && OPENERS.iter().any(|o| o.eq_ignore_ascii_case(word))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn slices<'a>(text: &'a str, ranges: &[Range<usize>]) -> Vec<&'a str> {
        ranges.iter().map(|r| &text[r.clone()]).collect()
    }

    #[test]
    fn paragraphs_table() {
        let table: &[(&str, &[&str])] = &[
            ("First one.\n\nSecond one.", &["First one.", "Second one."]),
            // Blank lines holding spaces or tabs, and CRLF.
            (
                "One.\n   \nTwo.\r\n\r\nThree.\r\n \t\r\nFour.",
                &["One.", "Two.", "Three.", "Four."],
            ),
            // Several blank lines in a row are one break.
            ("A.\n\n\n\n  B.", &["A.", "B."]),
            // With blank lines, single line breaks stay inside the paragraph.
            ("Wrapped\nline.\n\nNext.", &["Wrapped\nline.", "Next."]),
            // No blank line, indented first lines: paragraphs start at the indents.
            (
                "First line\nwrapped here.\n    Second para\nwrapped.\n\tThird.",
                &[
                    "First line\nwrapped here.",
                    "Second para\nwrapped.",
                    "Third.",
                ],
            ),
            // No blank line at all: one paragraph per line (JSONL style).
            (
                "Line one\nLine two\r\nLine three",
                &["Line one", "Line two", "Line three"],
            ),
            // Blank lines only before and after do not count as paragraph breaks.
            ("\n\n  A\nB  \n\n", &["A", "B"]),
            (
                "\n\n  Leading and trailing  \r\n\r\n",
                &["Leading and trailing"],
            ),
            ("Just one paragraph.", &["Just one paragraph."]),
            ("\u{feff}With a BOM.", &["With a BOM."]),
            ("", &[]),
            ("  \n \n\t ", &[]),
            // U+2029 is a paragraph break; U+2028 a line break.
            ("Un\u{2029}Deux", &["Un", "Deux"]),
            ("Un\u{2028}Deux", &["Un", "Deux"]),
            // U+2029 is a blank line, so the line breaks beside it stay inside their
            // paragraphs; U+2028 is not, so here it stays inside one.
            ("Un\u{2029}Deux\nTrois", &["Un", "Deux\nTrois"]),
            ("Un\u{2028}Deux\n\nTrois", &["Un\u{2028}Deux", "Trois"]),
            // NEL (U+0085), vertical tab and form feed are line breaks too.
            (
                "Un\u{85}Deux\u{b}Trois\u{c}Quatre",
                &["Un", "Deux", "Trois", "Quatre"],
            ),
            ("Un\u{85}\u{85}Deux\nTrois", &["Un", "Deux\nTrois"]),
            (
                "Первый «абзац».\n\nВторой — «абзац».",
                &["Первый «абзац».", "Второй — «абзац»."],
            ),
            ("第一段。\n\n第二段。", &["第一段。", "第二段。"]),
        ];
        for (text, want) in table {
            assert_eq!(slices(text, &paragraphs(text)), *want, "text: {text:?}");
        }
    }

    #[test]
    fn sentences_table() {
        let table: &[(&str, &[&str])] = &[
            (
                "The U.S. economy grew. Dr. Smith met Mr. Jones of Acme Inc. on Friday. \
                 Then he left.",
                &[
                    "The U.S. economy grew.",
                    "Dr. Smith met Mr. Jones of Acme Inc. on Friday.",
                    "Then he left.",
                ],
            ),
            (
                "Mrs. Doe met Gen. Lee, e.g. at Sen. Roe's.",
                &["Mrs. Doe met Gen. Lee, e.g. at Sen. Roe's."],
            ),
            // Sentence-final dotted abbreviation before a sentence opener.
            (
                "He moved to the U.S. The move was hard. U.S. Senate staff agreed.",
                &[
                    "He moved to the U.S.",
                    "The move was hard.",
                    "U.S. Senate staff agreed.",
                ],
            ),
            (
                "Shares of Acme Inc. It fell.",
                &["Shares of Acme Inc.", "It fell."],
            ),
            (
                "Prices rose in Oct. The Fed met on Jan. 5 in Washington, D.C. It held. \
                 Sales for Oct/Dec. Buyers came.",
                &[
                    "Prices rose in Oct.",
                    "The Fed met on Jan. 5 in Washington, D.C.",
                    "It held.",
                    "Sales for Oct/Dec.",
                    "Buyers came.",
                ],
            ),
            // Initials.
            (
                "J. K. Rowling wrote it. A. A. Milne too. She is British.",
                &[
                    "J. K. Rowling wrote it.",
                    "A. A. Milne too.",
                    "She is British.",
                ],
            ),
            // Numbers.
            (
                "Profits rose to $5.5 billion in 2023. Pi is 3.14 and v2.0 shipped. \
                 It grew by 5. Done.",
                &[
                    "Profits rose to $5.5 billion in 2023.",
                    "Pi is 3.14 and v2.0 shipped.",
                    "It grew by 5.",
                    "Done.",
                ],
            ),
            (
                "He lives at No. 5 Main Road. No. That is wrong.",
                &["He lives at No. 5 Main Road.", "No.", "That is wrong."],
            ),
            // Closing quotes and brackets after the terminator.
            (
                "He said \"No.\" Then he left.",
                &["He said \"No.\"", "Then he left."],
            ),
            (
                "She wrote “We won.” (It was true.) Then silence.",
                &["She wrote “We won.”", "(It was true.)", "Then silence."],
            ),
            // ?!, …, ... and ellipses before lower case.
            (
                "Really?! Yes… Wait... What?",
                &["Really?!", "Yes…", "Wait...", "What?"],
            ),
            (
                "He paused... and then left. He thought… maybe not.",
                &["He paused... and then left.", "He thought… maybe not."],
            ),
            // Lower-case continuation: a missed abbreviation, a quoted question.
            (
                "The dept. store closed. Staff left.",
                &["The dept. store closed.", "Staff left."],
            ),
            (
                "\"Why?\" she asked. “Because!” he said.",
                &["\"Why?\" she asked.", "“Because!” he said."],
            ),
            // A blank line or an indent (without blank lines) ends a sentence; a single line
            // break does not.
            (
                "Headline\n    Body starts\nhere. And ends",
                &["Headline", "Body starts\nhere.", "And ends"],
            ),
            (
                "Headline without stop\n\nBody starts here. And ends",
                &["Headline without stop", "Body starts here.", "And ends"],
            ),
            (
                "Wrapped line one\ncontinues here. Next.\r\n\r\nNew para",
                &["Wrapped line one\ncontinues here.", "Next.", "New para"],
            ),
            // CJK terminators need no space.
            (
                "今天下雨了。我们没有出去！你呢？好",
                &["今天下雨了。", "我们没有出去！", "你呢？", "好"],
            ),
            (
                "他说：「不行。」然后走了。",
                &["他说：「不行。」", "然后走了。"],
            ),
            // French guillemets, with no-break spaces inside.
            (
                "Il a dit\u{a0}: «\u{a0}Non.\u{a0}» Puis il est parti. C’est la vie.",
                &[
                    "Il a dit\u{a0}: «\u{a0}Non.\u{a0}»",
                    "Puis il est parti.",
                    "C’est la vie.",
                ],
            ),
            // The narrow no-break space (U+202F) of French typesetting.
            (
                "«\u{202f}Non.\u{202f}» Puis rien.",
                &["«\u{202f}Non.\u{202f}»", "Puis rien."],
            ),
            (
                "Il a crié «Non!» Puis rien.",
                &["Il a crié «Non!»", "Puis rien."],
            ),
            // German quotes.
            (
                "Er sagte: „Nein.“ Dann ging er. Das ist alles.",
                &["Er sagte: „Nein.“", "Dann ging er.", "Das ist alles."],
            ),
            (
                "Sie rief »Halt!« Niemand hörte.",
                &["Sie rief »Halt!«", "Niemand hörte."],
            ),
            // A quotation opening with » right after one that closed: an ordinary space
            // before » belongs to neither, unlike the French no-break one.
            (
                "Er sagte: »Nein.« »Doch«, rief sie.",
                &["Er sagte: »Nein.«", "»Doch«, rief sie."],
            ),
            // Abbreviations apply to a single full stop only: not to `?`, nor to `.?`.
            (
                "Is the buyer Acme Inc.? Nobody knows. Who is St? Nobody either.",
                &[
                    "Is the buyer Acme Inc.?",
                    "Nobody knows.",
                    "Who is St?",
                    "Nobody either.",
                ],
            ),
            // What follows an abbreviation is read past opening quotes and brackets.
            (
                "He works at Acme Inc. \"The firm is big,\" he said. Its owner, Acme Corp. (The parent) agreed.",
                &[
                    "He works at Acme Inc.",
                    "\"The firm is big,\" he said.",
                    "Its owner, Acme Corp.",
                    "(The parent) agreed.",
                ],
            ),
            // Cyrillic, with Cyrillic initials.
            (
                "Президент А. С. Иванов заявил об этом. Новости — позже! Ясно?",
                &[
                    "Президент А. С. Иванов заявил об этом.",
                    "Новости — позже!",
                    "Ясно?",
                ],
            ),
            ("Ελλάδα. Αθήνα!", &["Ελλάδα.", "Αθήνα!"]),
            ("", &[]),
            (" \n\n ", &[]),
            ("...", &["..."]),
            ("No terminator at all", &["No terminator at all"]),
        ];
        for (text, want) in table {
            assert_eq!(slices(text, &sentences(text)), *want, "text: {text:?}");
        }
    }

    #[test]
    fn unit_index_table() {
        let units = [2..5, 7..10, 12..20];
        let table: &[(usize, Option<usize>)] = &[
            (0, None),
            (1, None),
            (2, Some(0)),
            (4, Some(0)),
            (5, Some(0)),
            (6, Some(0)),
            (7, Some(1)),
            (11, Some(1)),
            (12, Some(2)),
            (19, Some(2)),
            (25, Some(2)),
        ];
        for &(offset, want) in table {
            assert_eq!(unit_index(&units, offset), want, "offset {offset}");
        }
        assert_eq!(unit_index(&[], 0), None);
    }

    /// Ranges are in bounds, on character boundaries, sorted, non-overlapping, trimmed
    /// and non-empty, whatever the input.
    #[test]
    fn ranges_are_well_formed_on_odd_input() {
        let inputs = [
            ".",
            "!?",
            "\"",
            "…",
            "。",
            "a.\u{a0}",
            "a.\u{a0}»",
            "Mr.",
            "U.S.",
            "\r",
            "\r\r\n\n",
            "x\u{2029}\u{2029}y",
            "é. É. «»",
            "..........  ........ a. b. C. d.",
            "\u{feff}\n\u{feff}",
            "𝔸. 𝔹? 😀! 漢字。",
        ];
        let generated = generated_texts();
        for text in inputs
            .iter()
            .copied()
            .chain(generated.iter().map(String::as_str))
        {
            for ranges in [paragraphs(text), sentences(text)] {
                let mut last_end = 0;
                for r in &ranges {
                    assert!(
                        r.start >= last_end && r.start < r.end && r.end <= text.len(),
                        "text {text:?}: {ranges:?}"
                    );
                    let s = &text[r.clone()];
                    assert_eq!(s, s.trim_matches(is_space), "text {text:?}");
                    last_end = r.end;
                }
            }
            // No sentence spans a paragraph break.
            for r in sentences(text) {
                let blocks = paragraph_blocks(text);
                let block = &blocks[unit_index(&blocks, r.start).unwrap()];
                assert!(
                    block.start <= r.start && r.end <= block.end,
                    "text {text:?}: {r:?}"
                );
            }
        }
    }

    /// Pseudo-random texts made of the pieces the rules care about (a fixed seed, so the
    /// test is reproducible).
    pub(crate) fn generated_texts() -> Vec<String> {
        const PIECES: &[&str] = &[
            "said",
            "according to",
            "that",
            "The",
            "he",
            "a",
            "U.S.",
            "Mr.",
            "No.",
            "5",
            "é",
            "Я",
            "漢",
            " ",
            " ",
            " ",
            "\n",
            "\n\n",
            "\r\n",
            "\u{2029}",
            "\u{a0}",
            ".",
            ".",
            "!",
            "?",
            "…",
            "。",
            ",",
            ",",
            "—",
            "\"",
            "'",
            "“",
            "”",
            "„",
            "‘",
            "’",
            "«",
            "»",
            "(",
            ")",
        ];
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as usize
        };
        (0..3000)
            .map(|_| {
                let len = next() % 40;
                (0..len).map(|_| PIECES[next() % PIECES.len()]).collect()
            })
            .collect()
    }
}
