//! Who is speaking: the author, or someone the author quotes or reports.
//!
//! The same frame term means something different in the reporter's own voice ("a threat
//! to national security") and in a source's mouth (critics called it "a threat to
//! national security"): a study of framing wants to tell the two apart. This module finds
//! the *quoted* spans of a text — inside quotation marks, or reported speech introduced
//! by an attribution phrase such as "said" or "according to" — so that each hit can be
//! labelled "quoted" or "author" with [`is_quoted`].
//!
//! Both parts are documented heuristics for edited news prose, not a parser: quotation
//! marks are paired by their kind and position, and reported speech is found from where
//! the attribution phrase sits in its sentence ([`crate::segment::sentences`]). The whole
//! pass is linear in the text length, with no allocation per character.

use crate::normalize::is_combining_mark;
use crate::segment;
use std::borrow::Cow;
use std::ops::Range;

/// Attribution phrases used when the lexicon set gives none: lower-case, whole words,
/// multi-word phrases allowed (a space matches any run of white space). "according to"
/// introduces a source rather than a speaker and is handled as such (see
/// [`quoted_spans`]).
pub const DEFAULT_ATTRIBUTION: &[&str] = &[
    "according to",
    "said",
    "says",
    "say",
    "critics say",
    "said in a statement",
    "told",
    "told reporters",
    "tells",
    "argued",
    "argues",
    "warned",
    "warns",
    "claimed",
    "claims",
    "added",
    "adds",
    "noted",
    "insisted",
    "insists",
    "stated",
    "wrote",
    "writes",
    "believes",
    "contends",
    "contended",
    "explained",
    "asserted",
    "acknowledged",
    "admitted",
    "alleged",
    "declared",
    "stressed",
    "cautioned",
    "predicted",
];

/// Byte ranges of quoted speech in `text`, sorted and non-overlapping (nested, overlapping
/// and touching spans are merged). `attribution` lists the attribution phrases, matched
/// case-insensitively as whole words; pass [`DEFAULT_ATTRIBUTION`] when the lexicon set
/// gives none. An empty list finds quotation marks only.
///
/// 1. **Quotation marks.** A span covers the marks themselves and the text between them.
///    Recognised pairs: straight double quotes `"…"`, which pair up left to right;
///    typographic `“…”` (and the typo `“…“`); German and Polish `„…“` and `„…”`; Swedish
///    `”…”`; guillemets `«…»` and `»…«`; single typographic quotes `‘…’`. A mark that can
///    only close (`”`, `»`, `’`) and finds nothing open opens a quotation only where an
///    opening mark can stand (after white space or an opening bracket, before a word),
///    else it is ignored. A `‘` opens only after white space, the start of a paragraph or
///    an opening mark, and before a non-digit; a `’` closes only an open `‘`, after a
///    non-space and before white space, punctuation or the end — so the apostrophes of
///    America’s, don’t, ’90s and rock ’n’ roll are never taken for quotes. Straight single
///    quotes `'` are always taken for apostrophes. Nested quotes lie inside the outer
///    span. Quotations may span single line breaks, but one left open ends at the end of
///    its paragraph — at the next blank line, or, in a text without blank lines, at the
///    next indented line (see [`segment::paragraphs`]); an unclosed `‘` is dropped
///    instead, since it is more likely a misused apostrophe (‘em) than a quotation.
/// 2. **Reported speech**, within one sentence ([`segment::sentences`]), from the first
///    attribution phrase outside quotation marks that yields a span (at most four are
///    tried per sentence). A phrase right after a determiner is a noun, not an
///    attribution ("the claims were …"), and "to say" before a comma is an idiom
///    ("needless to say, …").
///    - "according to" (or selon, d'après, laut, según, secondo, согласно, по словам,
///      when listed): "According to Y, X" → X, from the comma after the phrase to the end
///      of the sentence (when at most one word precedes the phrase); "X, according to Y" →
///      X, from the start of the sentence to the phrase.
///    - "*subject* said (that) X" → X, from after the phrase to the end of the sentence;
///      a "that" (que, qu’, dass, что, che) among the next five words, or a colon among
///      the next four, is skipped with what precedes it ("told reporters that X", "told
///      CNN: X"). This is the reading when no comma or dash precedes the phrase, or when
///      only an introductory phrase of up to three words does ("In a statement, the
///      company said X").
///    - "X, *subject* said." → X, from the start of the sentence to the last comma or
///      dash before the subject. This reading is chosen when what follows the phrase is
///      empty, starts with a comma ("X, experts say, Y" and "X, she said, adding that
///      Y" give X and Y), is at most three words not starting with a pronoun ("…, he
///      told reporters"), or is at most six words starting with an adverbial such as
///      "on", "in" or "yesterday" ("…, she said on Monday in Paris") — in each case
///      unless a "that" follows. The inverted "X, said the minister" (nothing between
///      the comma and the phrase) is read the same way when a capitalised word follows the
///      phrase, or a determiner starting a subject of at most four words or one ended by
///      a comma ("said the woman, who …"), and the clause before the comma is not an
///      apposition (a relative clause, or up to five words starting with an article, a
///      possessive or a number: "The minister, who took office in May, said the plan
///      would fail" reports "the plan would fail"). After a quotation ending at the
///      comma (`“X,” he told reporters on Monday`) this reading always holds.
///
///    Reported spans leave out the attribution, the subject and the sentence's final
///    terminator. A sentence with no attribution phrase stays the author's.
pub fn quoted_spans(text: &str, attribution: &[&str]) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut stack = Vec::new();
    let blocks = segment::paragraph_blocks(text);
    for block in &blocks {
        quotation_marks(text, block.clone(), &mut stack, &mut spans);
    }
    merge(&mut spans);
    let matcher = Matcher::new(attribution);
    if matcher.phrases.is_empty() {
        return spans;
    }
    let marks = spans.clone();
    let mut tokens = Vec::new();
    for sentence in segment::sentences_in(text, &blocks) {
        reported_speech(text, sentence, &matcher, &marks, &mut tokens, &mut spans);
    }
    merge(&mut spans);
    spans
}

/// Whether the byte `offset` lies inside one of `spans` (sorted and non-overlapping, as
/// [`quoted_spans`] returns them). A binary search.
pub fn is_quoted(spans: &[Range<usize>], offset: usize) -> bool {
    let i = spans.partition_point(|s| s.start <= offset);
    i > 0 && offset < spans[i - 1].end
}

fn merge(spans: &mut Vec<Range<usize>>) {
    spans.sort_unstable_by_key(|s| (s.start, s.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(spans.len());
    for s in spans.drain(..) {
        match out.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    *spans = out;
}

// ---------------------------------------------------------------------------------------
// Quotation marks

/// What an open quotation mark waits for.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Open {
    /// `"`, closed by `"`.
    Straight,
    /// `“`, closed by `”`.
    High,
    /// `„`, closed by `“` or `”`.
    Low,
    /// `”` opening a Swedish `”…”`, closed by `”`.
    Swedish,
    /// `«`, closed by `»`.
    Guillemet,
    /// `»` opening a German `»…«`, closed by `«`.
    ReversedGuillemet,
    /// `‘`, closed by `’`.
    Single,
}

/// Deeper nesting is ignored: it lies inside the outer span anyway, and the cap keeps
/// the search for a matching opener constant-time on hostile input.
const MAX_DEPTH: usize = 16;

fn quotation_marks(
    text: &str,
    block: Range<usize>,
    stack: &mut Vec<(Open, usize)>,
    spans: &mut Vec<Range<usize>>,
) {
    let bytes = text.as_bytes();
    let mut i = block.start;
    // Every mark is `"` or starts with 0xE2 (“ ” „ ‘ ’) or 0xC2 (« »).
    while let Some(k) = memchr::memchr3(b'"', 0xe2, 0xc2, &bytes[i..block.end]) {
        let at = i + k;
        let c = text[at..].chars().next().unwrap_or(' ');
        let end = at + c.len_utf8();
        i = end;
        let prev = text[block.start..at].chars().next_back();
        let next = text[end..block.end].chars().next();
        // Where an opening mark can stand, and before a word: `”` (Swedish) and `»`
        // (German »…«) open only there, so that a stray closer does not quote the rest
        // of the paragraph.
        let may_open = prev.is_none_or(opens_after);
        let before_word = next.is_some_and(|n| !n.is_whitespace());
        match c {
            '"' => close_or_open(
                stack,
                spans,
                |o| o == Open::Straight,
                Open::Straight,
                true,
                at,
                end,
            ),
            '“' => {
                // Closes „…“; also closes “…“, a common typing error, when it stands where
                // only a closing mark can (after a word, before a non-word).
                let closing = prev.is_some_and(|p| !p.is_whitespace() && !opens_after(p))
                    && next.is_none_or(|n| !is_word_char(n));
                let closes = |o| o == Open::Low || (closing && o == Open::High);
                close_or_open(stack, spans, closes, Open::High, true, at, end);
            }
            '„' => push(stack, Open::Low, at),
            '”' => {
                let closes = |o| matches!(o, Open::High | Open::Low | Open::Swedish);
                close_or_open(
                    stack,
                    spans,
                    closes,
                    Open::Swedish,
                    may_open && before_word,
                    at,
                    end,
                );
            }
            '«' => {
                let closes = |o| o == Open::ReversedGuillemet;
                close_or_open(stack, spans, closes, Open::Guillemet, may_open, at, end);
            }
            '»' => {
                let closes = |o| o == Open::Guillemet;
                let opens = may_open && before_word;
                close_or_open(
                    stack,
                    spans,
                    closes,
                    Open::ReversedGuillemet,
                    opens,
                    at,
                    end,
                );
            }
            '‘' if may_open && next.is_some_and(|n| !n.is_whitespace() && !n.is_numeric()) => {
                push(stack, Open::Single, at);
            }
            '’' if closes_single(text, block.start, at, prev, next) => {
                close(stack, spans, |o| o == Open::Single, end);
            }
            _ => {}
        }
    }
    // Left open at the end of the paragraph: the outermost open double quotation runs to
    // the end of the paragraph.
    if let Some(&(_, start)) = stack.iter().find(|(o, _)| *o != Open::Single) {
        spans.push(start..block.end);
    }
    stack.clear();
}

/// Characters after which an opening mark may stand: the start of a paragraph, white
/// space, an opening bracket or another opening mark, a dash.
fn opens_after(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '(' | '[' | '{' | '"' | '“' | '„' | '«' | '»' | '‘' | '—' | '–' | '-' | ':' | '/'
        )
}

fn push(stack: &mut Vec<(Open, usize)>, open: Open, at: usize) {
    if stack.len() < MAX_DEPTH {
        stack.push((open, at));
    }
}

/// Closes the innermost open mark that `closes` accepts, abandoning marks opened inside
/// it (they lie inside its span). Returns whether one was closed.
fn close(
    stack: &mut Vec<(Open, usize)>,
    spans: &mut Vec<Range<usize>>,
    closes: impl Fn(Open) -> bool,
    end: usize,
) -> bool {
    match stack.iter().rposition(|&(o, _)| closes(o)) {
        Some(k) => {
            spans.push(stack[k].1..end);
            stack.truncate(k);
            true
        }
        None => false,
    }
}

fn close_or_open(
    stack: &mut Vec<(Open, usize)>,
    spans: &mut Vec<Range<usize>>,
    closes: impl Fn(Open) -> bool,
    opens: Open,
    may_open: bool,
    at: usize,
    end: usize,
) {
    if !close(stack, spans, closes, end) && may_open {
        push(stack, opens, at);
    }
}

/// A `’` closes a `‘` after a non-space and before a non-word character — unless it is
/// the second apostrophe of rock ’n’ roll.
fn closes_single(
    text: &str,
    block_start: usize,
    at: usize,
    prev: Option<char>,
    next: Option<char>,
) -> bool {
    let before_prev = text[block_start..at].chars().rev().nth(1);
    prev.is_some_and(|p| !p.is_whitespace())
        && next.is_none_or(|n| !is_word_char(n))
        && !(prev.is_some_and(char::is_alphabetic) && matches!(before_prev, Some('’' | '‘' | '\'')))
}

/// Letters, digits and combining marks: what a word is made of.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // Curly quotes and dashes (General Punctuation) are the most frequent non-ASCII
    // characters in news text and hold no letter: skip the Unicode table lookup.
    !matches!(c, '\u{2000}'..='\u{206f}') && (c.is_alphanumeric() || is_combining_mark(c))
}

// ---------------------------------------------------------------------------------------
// Reported speech

/// Prepositions that name a source ("according to Y") rather than a speaker.
const SOURCE_PHRASES: &[&str] = &[
    "according to",
    "selon",
    "d'après",
    "laut",
    "según",
    "secondo",
    "согласно",
    "по словам",
];

/// "said that X": the complementiser that starts the reported clause.
const THAT: &[&str] = &["that", "que", "dass", "что", "che"];

/// First words of the adverbials that follow "X, he said": "on Monday", "in Paris".
const ADVERBIALS: &[&str] = &[
    "on",
    "in",
    "at",
    "during",
    "after",
    "before",
    "when",
    "while",
    "as",
    "last",
    "this",
    "earlier",
    "later",
    "late",
    "yesterday",
    "today",
    "tonight",
    "recently",
    "to",
    "from",
    "via",
    "through",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Words that start the subject of "X, said the minister".
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "its", "their", "one", "another", "several", "some", "two",
    "three", "many", "both",
];

/// Words after which an attribution verb is a noun ("the claims", "his notes").
const NOUN_DETERMINERS: &[&str] = &[
    "the", "a", "an", "these", "those", "his", "her", "its", "their", "our", "my", "your", "such",
    "any", "no", "whose",
];

/// Subject pronouns: "…, he said it would fail" reports "it would fail", not the part
/// before the comma.
const PRONOUNS: &[&str] = &["it", "he", "she", "they", "we", "i", "you", "there", "this"];

/// Words that open an introductory phrase rather than a reported clause ("In a
/// statement, the company said …", "However, officials said …").
const INTRODUCTIONS: &[&str] = &[
    "in",
    "on",
    "at",
    "during",
    "after",
    "before",
    "since",
    "earlier",
    "later",
    "last",
    "this",
    "yesterday",
    "today",
    "meanwhile",
    "however",
    "but",
    "and",
    "so",
    "still",
    "yet",
    "also",
    "instead",
    "moreover",
    "separately",
    "then",
];

/// Words that start a relative clause ("The minister, who …, said").
const RELATIVES: &[&str] = &["who", "whom", "whose", "which"];

/// Words that start a short apposition ("Smith, a former judge, said").
const APPOSITIONS: &[&str] = &["a", "an", "the", "his", "her", "its", "their", "our"];

/// At most this many attribution phrases are tried per sentence, which keeps a sentence
/// full of "said" linear. It bounds time only: 200,000 random sentences of attribution
/// phrases, quotes and separators gave the same spans with a cap of 100.
const MAX_ATTEMPTS: usize = 4;

struct Phrase<'a> {
    /// Lower-case words separated by single spaces, apostrophes folded to `'`; borrowed
    /// when the phrase is already written so, as the defaults are.
    text: Cow<'a, str>,
    /// Length of the phrase in words.
    words: usize,
    /// The first character (lower-case).
    first: char,
    /// The byte length of the first word, when it is ASCII with no apostrophe: a word of
    /// the text can only match it with the same length (a non-ASCII word may change
    /// length with case, and `’` matches `'`).
    first_len: Option<usize>,
    source: bool,
}

impl Phrase<'_> {
    /// A quick test of whether the phrase may start with `token` (first character
    /// lower-cased `lower`), on its first character and the length of its first word.
    /// A filter only: the words are compared after it.
    fn may_start(&self, token: &str, lower: char) -> bool {
        if lower.is_ascii() {
            self.first == lower && self.first_len.is_none_or(|n| n == token.len())
        } else {
            !self.first.is_ascii()
        }
    }
}

/// The attribution phrases, prepared for matching without allocating per word: built
/// once per document, so it allocates only its list.
struct Matcher<'a> {
    phrases: Vec<Phrase<'a>>,
    /// Per ASCII first character, the byte lengths of the phrases' first words as a bit
    /// set (bit 63: 63 or more; all bits for non-ASCII words, whose length may change with
    /// case): most words of the text are rejected on this alone.
    ascii_lengths: [u64; 128],
    /// Whether a phrase starts with a non-ASCII character.
    other: bool,
}

impl<'a> Matcher<'a> {
    fn new(attribution: &[&'a str]) -> Matcher<'a> {
        let mut m = Matcher {
            phrases: Vec::with_capacity(attribution.len()),
            ascii_lengths: [0; 128],
            other: false,
        };
        for &phrase in attribution {
            let plain = !phrase.starts_with(' ')
                && !phrase.ends_with(' ')
                && !phrase.contains("  ")
                && phrase
                    .bytes()
                    .all(|b| b == b' ' || b == b'\'' || b.is_ascii_lowercase());
            let text: Cow<'a, str> = if plain {
                Cow::Borrowed(phrase)
            } else {
                let lower = phrase.to_lowercase().replace('’', "'");
                Cow::Owned(lower.split_whitespace().collect::<Vec<_>>().join(" "))
            };
            let Some(first) = text.chars().next() else {
                continue;
            };
            let first_word = text.split(' ').next().unwrap_or("");
            // A text word matches with the same length only when it is ASCII too: not
            // with a `’` (three bytes) where the phrase has `'`.
            let first_len =
                (first_word.is_ascii() && !first_word.contains('\'')).then_some(first_word.len());
            if first.is_ascii() {
                m.ascii_lengths[first as usize] |= first_len.map_or(u64::MAX, |n| 1 << n.min(63));
            } else {
                m.other = true;
            }
            m.phrases.push(Phrase {
                words: text.split(' ').count(),
                source: SOURCE_PHRASES.contains(&&*text),
                text,
                first,
                first_len,
            });
        }
        m
    }

    /// A quick test of whether any phrase may start with `token`, whose first character
    /// lower-cased is `lower`: most words of a text fail it. A filter only: a phrase it
    /// lets through is still compared word by word.
    fn may_match(&self, token: &str, lower: char) -> bool {
        if lower.is_ascii() {
            self.ascii_lengths[lower as usize] & (1 << token.len().min(63)) != 0
        } else {
            self.other
        }
    }

    /// The longest phrase starting at word `i`: its index and its length in words.
    fn match_at(&self, text: &str, tokens: &[Range<usize>], i: usize) -> Option<(usize, usize)> {
        let token = &text[tokens[i].clone()];
        let lower = token.chars().next()?.to_ascii_lowercase();
        if !self.may_match(token, lower) {
            return None;
        }
        let mut best: Option<(usize, usize)> = None;
        for (p, phrase) in self.phrases.iter().enumerate() {
            if !phrase.may_start(token, lower)
                || i + phrase.words > tokens.len()
                || best.is_some_and(|(_, n)| n >= phrase.words)
            {
                continue;
            }
            let matches = phrase.text.split(' ').enumerate().all(|(k, w)| {
                let t = &tokens[i + k];
                (k == 0
                    || text[tokens[i + k - 1].end..t.start]
                        .chars()
                        .all(char::is_whitespace))
                    && word_eq(&text[t.clone()], w)
            });
            if matches {
                best = Some((p, phrase.words));
            }
        }
        best
    }
}

/// Compares a word of the text with a lower-case word, ignoring case and folding `’`.
fn word_eq(word: &str, lower: &str) -> bool {
    if word.is_ascii() && lower.is_ascii() {
        return word.eq_ignore_ascii_case(lower);
    }
    word.chars()
        .map(|c| if c == '’' { '\'' } else { c })
        .flat_map(char::to_lowercase)
        .eq(lower.chars())
}

fn word_in(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| word_eq(word, w))
}

/// Words of `range`: runs of word characters, with apostrophes and hyphens between two
/// of them (don't, d'après, op-ed) kept inside.
fn tokenize(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    out.clear();
    let bytes = text.as_bytes();
    let mut start: Option<usize> = None;
    let mut i = range.start;
    while i < range.end {
        // News text is mostly ASCII: ASCII letters and digits without decoding.
        if bytes[i].is_ascii_alphanumeric() {
            start.get_or_insert(i);
            i += 1;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        let len = c.len_utf8();
        if is_word_char(c) {
            start.get_or_insert(i);
        } else {
            let inner = matches!(c, '\'' | '’' | '-' | '\u{2010}' | '\u{2011}')
                && start.is_some()
                && text[i + len..range.end]
                    .chars()
                    .next()
                    .is_some_and(is_word_char);
            if !inner {
                if let Some(s) = start.take() {
                    out.push(s..i);
                }
            }
        }
        i += len;
    }
    if let Some(s) = start {
        out.push(s..range.end);
    }
}

/// Clause separators: comma, dash. An en dash counts only after a space, since without
/// one it joins numbers ("2010–2015").
fn separator_len(text: &str, at: usize) -> Option<usize> {
    match text[at..].chars().next()? {
        c @ (',' | '，' | '—') => Some(c.len_utf8()),
        '–' if text[..at].ends_with(char::is_whitespace) => Some('–'.len_utf8()),
        _ => None,
    }
}

/// Start of the last separator in `range`.
fn last_separator(text: &str, range: Range<usize>) -> Option<usize> {
    text[range.clone()]
        .char_indices()
        .rev()
        .map(|(k, _)| range.start + k)
        .find(|&at| separator_len(text, at).is_some())
}

/// `range` without surrounding white space and separators; `None` if no word is left.
fn clause(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let edge = |c: char| c.is_whitespace() || matches!(c, ',' | '，' | '—' | '–' | ':' | ';' | '(');
    let s = &text[range.clone()];
    let start = range.start + (s.len() - s.trim_start_matches(edge).len());
    let end = start + text[start..range.end].trim_end_matches(edge).len();
    text[start..end]
        .chars()
        .any(is_word_char)
        .then_some(start..end)
}

fn reported_speech(
    text: &str,
    sentence: Range<usize>,
    matcher: &Matcher<'_>,
    marks: &[Range<usize>],
    tokens: &mut Vec<Range<usize>>,
    spans: &mut Vec<Range<usize>>,
) {
    // The reported clause stops before the sentence's terminator.
    let body = {
        let s = &text[sentence.clone()];
        let t = s.trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？')
        });
        sentence.start..sentence.start + t.len()
    };
    tokenize(text, body.clone(), tokens);
    let tokens = &tokens[..];
    // The attribution phrases of the sentence, in order: (phrase, first word, words).
    let mut i = 0;
    let phrases = std::iter::from_fn(|| {
        while i < tokens.len() {
            let Some((p, n)) = matcher.match_at(text, tokens, i) else {
                i += 1;
                continue;
            };
            let first = i;
            i += n;
            // A phrase inside quotation marks belongs to the quotation.
            if !is_quoted(marks, tokens[first].start) && !not_attribution(text, tokens, first, n) {
                return Some((p, first, n));
            }
        }
        None
    });
    for (p, first, len) in phrases.take(MAX_ATTEMPTS) {
        let at = Attribution {
            text,
            body: body.clone(),
            tokens,
            first,
            len,
        };
        let found = if matcher.phrases[p].source {
            at.source(spans)
        } else {
            at.speech(spans)
        };
        if found {
            return;
        }
    }
}

/// A phrase that is not used as an attribution here: a noun after a determiner ("the
/// claims", "his notes"), or "to say" before a comma ("needless to say, …").
fn not_attribution(text: &str, tokens: &[Range<usize>], i: usize, n: usize) -> bool {
    let Some(prev) = i.checked_sub(1).map(|k| &tokens[k]) else {
        return false;
    };
    let word = &text[prev.clone()];
    if !text[prev.end..tokens[i].start]
        .chars()
        .all(char::is_whitespace)
    {
        return false;
    }
    word_in(word, NOUN_DETERMINERS)
        || (word_eq(word, "to") && text[tokens[i + n - 1].end..].trim_start().starts_with(','))
}

/// One attribution phrase in its sentence.
struct Attribution<'a> {
    text: &'a str,
    /// The sentence without its final terminator.
    body: Range<usize>,
    tokens: &'a [Range<usize>],
    /// Index of the phrase's first word in `tokens`.
    first: usize,
    /// Length of the phrase in words.
    len: usize,
}

impl Attribution<'_> {
    fn start(&self) -> usize {
        self.tokens[self.first].start
    }

    fn end(&self) -> usize {
        self.tokens[self.first + self.len - 1].end
    }

    /// Words after the phrase.
    fn after(&self) -> &[Range<usize>] {
        &self.tokens[self.first + self.len..]
    }

    fn word(&self, t: &Range<usize>) -> &str {
        &self.text[t.clone()]
    }

    fn push(&self, range: Range<usize>, spans: &mut Vec<Range<usize>>) -> bool {
        match clause(self.text, range) {
            Some(r) => {
                spans.push(r);
                true
            }
            None => false,
        }
    }

    /// "According to Y, X" and "X, according to Y".
    fn source(&self, spans: &mut Vec<Range<usize>>) -> bool {
        if self.first <= 1 {
            // Y runs to the first separator after the phrase; X is the rest.
            let rest = self.end()..self.body.end;
            let sep = self.text[rest.clone()]
                .char_indices()
                .map(|(k, _)| rest.start + k)
                .find_map(|at| separator_len(self.text, at).map(|len| at + len));
            sep.is_some_and(|s| self.push(s..self.body.end, spans))
        } else {
            self.push(self.body.start..self.start(), spans)
        }
    }

    /// "S said (that) X", "X, S said", "X, said S" (S: the subject).
    fn speech(&self, spans: &mut Vec<Range<usize>>) -> bool {
        let Some(sep) = last_separator(self.text, self.body.start..self.start()) else {
            return self.follows(spans);
        };
        let lead = self.body.start..sep;
        let after = self.after();
        let rest = self.text[self.end()..self.body.end].trim_start();
        let that = self.after_that().is_some();
        let subject = self.first - self.tokens[..self.first].partition_point(|t| t.end <= sep);
        let first_after = after.first().map(|t| self.word(t));
        if self.quotation_before(sep) {
            // `“X,” Tancredo told Breitbart News shortly after`: X is what was said,
            // whatever follows, and `“X,” he said, “Y.”` continues it.
            return self.lead_and_tail(lead, rest, spans);
        }
        if subject > 0 {
            // "In a statement, the company said X": the part before the comma is a short
            // introductory phrase, not what was said.
            let lead_words = self.first - subject;
            let introduction = lead_words <= 3
                && word_in(self.word(&self.tokens[0]), INTRODUCTIONS)
                && last_separator(self.text, self.body.start..sep).is_none();
            if introduction && self.follows(spans) {
                return true;
            }
            if rest.is_empty() {
                return self.push(lead, spans);
            }
            if rest.starts_with([',', '，']) {
                return self.lead_and_tail(lead, rest, spans);
            }
            let short = (after.len() <= 3 && first_after.is_some_and(|w| !word_in(w, PRONOUNS)))
                || (after.len() <= 6 && first_after.is_some_and(|w| word_in(w, ADVERBIALS)));
            if !that && short {
                return self.push(lead, spans);
            }
            return self.follows(spans);
        }
        // Nothing between the separator and the phrase: "X, said the minister", or an
        // apposition before the verb, "The minister, who took office in May, said …".
        let subject_ends =
            after.len() <= 4 || last_separator(self.text, self.end()..after[3].end).is_some();
        let inverted = !self.apposition(sep)
            && (rest.is_empty()
                || first_after.is_some_and(|w| {
                    w.chars().next().is_some_and(char::is_uppercase)
                        || (subject_ends && word_in(w, DETERMINERS))
                }));
        if inverted {
            self.push(lead, spans)
        } else {
            self.follows(spans)
        }
    }

    /// X before the separator, and Y when a comma follows the phrase: "X, experts say,
    /// Y", "X, she said, adding that Y" (Y starts after "that").
    fn lead_and_tail(&self, lead: Range<usize>, rest: &str, spans: &mut Vec<Range<usize>>) -> bool {
        let tail = rest
            .strip_prefix([',', '，'])
            .map(|comma| self.after_that().unwrap_or(self.body.end - comma.len())..self.body.end);
        let a = self.push(lead, spans);
        let b = tail.is_some_and(|t| self.push(t, spans));
        a || b
    }

    /// "said (that) X": X from after the phrase, or after a "that" or a colon among the
    /// next words ("told CNN: X").
    fn follows(&self, spans: &mut Vec<Range<usize>>) -> bool {
        let start = self
            .after_that()
            .or_else(|| self.after_colon())
            .unwrap_or(self.end());
        self.push(start..self.body.end, spans)
    }

    fn after_colon(&self) -> Option<usize> {
        let limit = self.after().get(4).map_or(self.body.end, |t| t.start);
        // The clause starts at the colon, which `clause` trims.
        self.text[self.end()..limit]
            .find(':')
            .map(|k| self.end() + k)
    }

    /// Where the reported clause starts when a "that" is among the five words after the
    /// phrase: after that word, or after the apostrophe of an elided French "qu’".
    fn after_that(&self) -> Option<usize> {
        self.after().iter().take(5).find_map(|t| {
            let w = self.word(t);
            if word_in(w, THAT) {
                return Some(t.end);
            }
            // A word never ends in an apostrophe (see `tokenize`): one that starts with
            // "qu'" goes on.
            ["qu'", "qu’"]
                .iter()
                .find(|p| w.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p)))
                .map(|p| t.start + p.len())
        })
    }

    /// Whether the clause ending at `sep` is an apposition between two separators
    /// (", who took office in May,", ", 54,", ", a former judge,").
    fn apposition(&self, sep: usize) -> bool {
        let Some(prev) = last_separator(self.text, self.body.start..sep) else {
            return false;
        };
        let words = &self.tokens[self.tokens.partition_point(|t| t.end <= prev)
            ..self.tokens.partition_point(|t| t.end <= sep)];
        let Some(first) = words.first().map(|t| self.word(t)) else {
            return false;
        };
        // A relative clause may be long; an apposition ("a former judge", "54") is short,
        // unlike a main clause after an introductory phrase ("In the meantime, the
        // message is clear, says X").
        word_in(first, RELATIVES)
            || (words.len() <= 5
                && (first.chars().next().is_some_and(char::is_numeric)
                    || word_in(first, APPOSITIONS)))
    }

    /// Whether a quotation mark touches the separator (`“X,” she said`, `“X”, she said`):
    /// then the words before it are a quotation and the phrase after it attributes them.
    fn quotation_before(&self, sep: usize) -> bool {
        let closing = |c: Option<char>| matches!(c, Some('”' | '"' | '»' | '«' | '’' | '“'));
        let after = self.text[sep..].chars().nth(1);
        let before = self.text[..sep].chars().next_back();
        closing(after) || closing(before)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted<'a>(text: &'a str, attribution: &[&str]) -> Vec<&'a str> {
        quoted_spans(text, attribution)
            .iter()
            .map(|r| &text[r.clone()])
            .collect()
    }

    #[test]
    fn quotation_marks_table() {
        let table: &[(&str, &[&str])] = &[
            // Straight double quotes pair up left to right.
            ("He called it \"a threat\" and left.", &["\"a threat\""]),
            (
                "\"One\" and \"two\" and \"three",
                &["\"One\"", "\"two\"", "\"three"],
            ),
            // Typographic quotes.
            (
                "Critics called it “a threat to security” on Monday.",
                &["“a threat to security”"],
            ),
            // Nested quotes lie inside the outer span.
            (
                "She heard “he insisted ‘no’ twice” in the hall.",
                &["“he insisted ‘no’ twice”"],
            ),
            (
                "She heard “a \"so-called\" crisis” then.",
                &["“a \"so-called\" crisis”"],
            ),
            // German and Polish low-high quotes, Swedish quotes.
            (
                "Er nannte es „eine Bedrohung“ und ging.",
                &["„eine Bedrohung“"],
            ),
            ("Nazwał to „zagrożeniem” wczoraj.", &["„zagrożeniem”"]),
            ("Han kallade det ”ett hot” igår.", &["”ett hot”"]),
            // Guillemets, both ways round, with French no-break spaces.
            (
                "Il a parlé d’une «\u{a0}menace\u{a0}» hier.",
                &["«\u{a0}menace\u{a0}»"],
            ),
            ("Er sprach von einer »Gefahr« für alle.", &["»Gefahr«"]),
            ("Он назвал это «угрозой» вчера.", &["«угрозой»"]),
            // An unclosed quotation ends at the end of its paragraph.
            (
                "He called it “a threat and left.\n\nNext paragraph is the author's.",
                &["“a threat and left."],
            ),
            (
                "One \"two\" \"three\r\n\r\nFour \"five\"",
                &["\"two\"", "\"three", "\"five\""],
            ),
            // A quotation may span line breaks.
            (
                "“We will\nfight on” is the motto.\nMore.",
                &["“We will\nfight on”"],
            ),
            // Single quotes, and apostrophes that are not quotes.
            (
                "The so-called ‘peace dividend’ vanished.",
                &["‘peace dividend’"],
            ),
            (
                "America’s allies don’t miss the ’90s or rock ’n’ roll.",
                &[],
            ),
            (
                "The ‘rock ’n’ roll years’ ended.",
                &["‘rock ’n’ roll years’"],
            ),
            ("The players’ union met.", &[]),
            ("Give ‘em hell.", &[]),
            ("In the ‘90s, it's 'fine'.", &[]),
            // “…“, a common typo, closes where only a closing mark can stand: after a
            // word and before a non-word.
            ("He called it “a threat“ and left.", &["“a threat“"]),
            // Elsewhere a second “ opens a nested quotation: between two words, or
            // after a dash (here never closed, so the outer one runs to the end).
            (
                "She heard “he said “no” twice” then.",
                &["“he said “no” twice”"],
            ),
            ("He wrote “x“y” z.", &["“x“y” z."]),
            ("“Wait—“ he said.", &["“Wait—“ he said."]),
            // Stray closers open nothing: after a word, or before white space.
            ("A stray” mark and a stray » too.", &[]),
            ("A spaced ” mark and a spaced » too.", &[]),
            // A ‘ opens only after white space or an opening mark, and before a
            // non-digit: the autocorrected apostrophe of ‘90s is none, nor is a ‘ glued
            // to a comma.
            ("The ‘90s’ excesses ended.", &[]),
            ("He said yes,‘no’ and left.", &[]),
            // CJK punctuation is no word: “…“ closes before 。 too.
            ("他说“不行“。然后走了。", &["“不行“"]),
            ("", &[]),
        ];
        for (text, want) in table {
            assert_eq!(quoted(text, &[]), *want, "text: {text:?}");
        }
        // Marks nested deeper than 16 levels are ignored: 16 open ‘ leave no room for
        // the “, which would otherwise run to the end of the paragraph.
        let deep = format!("{}“b", "‘a ".repeat(16));
        assert_eq!(quoted(&deep, &[]), Vec::<&str>::new());
        let shallow = format!("{}“b", "‘a ".repeat(15));
        assert_eq!(quoted(&shallow, &[]), ["“b"]);
    }

    #[test]
    fn reported_speech_table() {
        let table: &[(&str, &[&str])] = &[
            (
                "The minister said that the plan would fail.",
                &["the plan would fail"],
            ),
            (
                "The minister said the plan would fail.",
                &["the plan would fail"],
            ),
            (
                "The company said in a statement that costs had risen.",
                &["costs had risen"],
            ),
            (
                "She told reporters that the talks had collapsed.",
                &["the talks had collapsed"],
            ),
            // One attribution per sentence: the first that yields a span.
            (
                "“Prices will rise,” he said on Monday, as critics say the plan will surely fail badly.",
                &["“Prices will rise,”"],
            ),
            // After a comma and the phrase, a lower-case word that is no determiner
            // starts what was said, however short.
            (
                "Analysts, meanwhile, said prices will fall.",
                &["prices will fall"],
            ),
            // An introduction is at most three words: four are what was said.
            (
                "However prices will rise, the officials said today.",
                &["However prices will rise"],
            ),
            (
                "However, the officials said prices will rise.",
                &["prices will rise"],
            ),
            // An en dash separates clauses after a space; between numbers it joins them.
            ("Costs will rise – the minister said.", &["Costs will rise"]),
            ("Growth fell, the 2010–2015 figures say.", &["Growth fell"]),
            // The longest phrase wins: "told reporters", not "told" and its object.
            (
                "The minister told reporters the plan would fail.",
                &["the plan would fail"],
            ),
            (
                "Critics say the reform is a threat. The vote is today.",
                &["the reform is a threat"],
            ),
            (
                "Prices will rise sharply, officials warned.",
                &["Prices will rise sharply"],
            ),
            (
                "Prices will rise, he told reporters on Monday.",
                &["Prices will rise"],
            ),
            (
                "The deal is dead, she said on Monday in Paris.",
                &["The deal is dead"],
            ),
            (
                "The deal is dead, said the prime minister.",
                &["The deal is dead"],
            ),
            (
                "The deal is dead, said Jane Doe, a spokeswoman.",
                &["The deal is dead"],
            ),
            (
                "“My heart is broken,” said the woman, who The Times is not naming.",
                &["“My heart is broken,”"],
            ),
            (
                "“Only one wants a wall,” Tancredo told Breitbart News shortly after the dinner.",
                &["“Only one wants a wall,”"],
            ),
            (
                "“Yes,” he said, “we will.” “We won”, she added.",
                &["“Yes,”", "“we will.”", "“We won”"],
            ),
            (
                "In the meantime, the message for students is clear, says Brandon Busteed, \
                 who leads the work.",
                &["In the meantime, the message for students is clear"],
            ),
            (
                "The plan, experts say, will fail.",
                &["The plan", "will fail"],
            ),
            (
                "The minister, who took office in May, said the plan would fail.",
                &["the plan would fail"],
            ),
            (
                "Smith, 54, said the plan was flawed.",
                &["the plan was flawed"],
            ),
            (
                "In a statement, the company said it would appeal.",
                &["it would appeal"],
            ),
            (
                "In a statement, the company said costs rose.",
                &["costs rose"],
            ),
            ("Today prices rose, he said.", &["Today prices rose"]),
            ("Prices fell, he said it would pass.", &["it would pass"]),
            (
                "“The economy is strong,” the president said, adding that inflation would ease.",
                &["“The economy is strong,”", "inflation would ease"],
            ),
            (
                "He wrote in an op-ed that the war is lost.",
                &["the war is lost"],
            ),
            (
                "The senator told CNN: “This bill is a disaster.”",
                &["“This bill is a disaster.”"],
            ),
            // Nouns and idioms are not attributions.
            ("The claims were investigated by police.", &[]),
            ("Needless to say, the plan failed.", &[]),
            (
                "According to the ministry, prices rose by 5%.",
                &["prices rose by 5%"],
            ),
            (
                "But according to the ministry, prices rose.",
                &["prices rose"],
            ),
            (
                "Prices rose by 5%, according to the ministry.",
                &["Prices rose by 5%"],
            ),
            // Sentences without attribution stay the author's; whole words only.
            ("The plan failed in March.", &[]),
            ("The unsaid rule and the sayings stayed.", &[]),
            // Case-insensitive.
            ("CRITICS SAY it will fail.", &["it will fail"]),
            // Quotation marks and reported speech together.
            (
                "“We will win,” she said. Then she left.",
                &["“We will win,”"],
            ),
            ("He said: “No.” The vote went ahead.", &["“No.”"]),
            // An attribution phrase inside a quotation does not count; the next one does.
            (
                "“They said it would fail,” he added. It did not.",
                &["“They said it would fail,”"],
            ),
        ];
        for (text, want) in table {
            assert_eq!(quoted(text, DEFAULT_ATTRIBUTION), *want, "text: {text:?}");
        }
    }

    #[test]
    fn custom_attribution_table() {
        let table: &[(&str, &[&str], &[&str])] = &[
            // A custom list replaces the default one.
            ("He said no.", &["claimed"], &[]),
            ("He claimed it was fine.", &["claimed"], &["it was fine"]),
            // Cyrillic, with "что" as the complementiser.
            (
                "Министр заявил, что цены вырастут.",
                &["заявил"],
                &["цены вырастут"],
            ),
            (
                "Цены вырастут, — заявил Иванов.",
                &["Заявил"],
                &["Цены вырастут"],
            ),
            (
                "Il a parlé d’une «\u{a0}menace\u{a0}», selon Le Monde.",
                &["selon"],
                &["Il a parlé d’une «\u{a0}menace\u{a0}»"],
            ),
            // French, with an elided "qu'" and a typographic apostrophe in the phrase.
            (
                "D’après le ministre, les prix vont monter.",
                &["d'après"],
                &["les prix vont monter"],
            ),
            (
                "Le ministre a déclaré qu’ils vont monter.",
                &["a déclaré"],
                &["ils vont monter"],
            ),
            // An ASCII phrase with a straight apostrophe matches a typographic one.
            (
                "Mayor’s office said taxes will rise.",
                &["mayor's office said"],
                &["taxes will rise"],
            ),
            // German.
            (
                "Laut dem Bericht, steigen die Preise.",
                &["laut"],
                &["steigen die Preise"],
            ),
        ];
        for (text, attribution, want) in table {
            assert_eq!(quoted(text, attribution), *want, "text: {text:?}");
        }
    }

    #[test]
    fn is_quoted_table() {
        let spans = [2..5, 8..10];
        let table: &[(usize, bool)] = &[
            (0, false),
            (1, false),
            (2, true),
            (4, true),
            (5, false),
            (7, false),
            (8, true),
            (9, true),
            (10, false),
            (100, false),
        ];
        for &(offset, want) in table {
            assert_eq!(is_quoted(&spans, offset), want, "offset {offset}");
        }
        assert!(!is_quoted(&[], 0));
    }

    /// Spans are sorted, non-overlapping, in bounds and on character boundaries, whatever
    /// the input.
    #[test]
    fn spans_are_well_formed_on_odd_input() {
        let inputs = [
            "\"",
            "“",
            "”",
            "‘’",
            "’‘",
            "«»«»",
            "„“”",
            "said",
            "said.",
            ", said",
            "according to",
            "According to,",
            "x, according to",
            "\"\"\"\"\"",
            "“‘“‘“‘“‘“‘“‘“‘“‘“‘“‘“‘“‘“‘“‘“‘“‘“‘“‘ deep ’”",
            "said said said said said said said said, said",
            "𝔸 said 😀, 漢字 said “é”.",
        ];
        let generated = crate::segment::tests::generated_texts();
        for text in inputs
            .iter()
            .copied()
            .chain(generated.iter().map(String::as_str))
        {
            let spans = quoted_spans(text, DEFAULT_ATTRIBUTION);
            let mut last_end = 0;
            for r in &spans {
                assert!(
                    r.start >= last_end && r.start < r.end && r.end <= text.len(),
                    "text {text:?}: {spans:?}"
                );
                let _ = &text[r.clone()];
                assert!(is_quoted(&spans, r.start) && is_quoted(&spans, r.end - 1));
                assert!(!is_quoted(&spans, r.end));
                // Merged: touching spans are one.
                last_end = r.end + 1;
            }
        }
    }
}
