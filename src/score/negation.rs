//! Negation (clause 7 of the matching contract): whether a negator stands within the
//! window before a hit, in the same sentence and paragraph. Apart from the scorer because
//! it reads the text token by token backwards, a concern of its own.

use crate::compile::Compiled;
use crate::normalize::{char_class, CharClass, Normalizer};

/// Abbreviations whose full stop does not end a sentence (single letters, as in "U.S.",
/// are handled apart).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "inc", "corp", "ltd", "co", "vs", "etc", "gen",
    "sen", "rep", "gov", "prof", "col", "lt", "sgt", "capt", "adm", "jan", "feb", "mar", "apr",
    "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Whether a negator occurs within the window before `start` (normalised offset), in the
/// same sentence and paragraph.
pub(super) fn is_negated(c: &Compiled, norm: &Normalizer, orig: &str, start: usize) -> bool {
    if c.negation_window == 0 || c.negators.is_empty() {
        return false;
    }
    let s = norm.text();
    let mut pos = start;
    let mut seen = 0;
    loop {
        // The separator before the next token back: a sentence end stops the search.
        let mut token_end = pos;
        let mut full_stop = false;
        for ch in s[..pos].chars().rev() {
            if char_class(ch) != CharClass::Other {
                break;
            }
            match ch {
                '!' | '?' | ';' => return false,
                '.' => full_stop = true,
                _ => {}
            }
            token_end -= ch.len_utf8();
        }
        if token_end == 0 {
            return false;
        }
        // The token: word characters with apostrophes and full stops between them
        // ("don't", "u.s").
        let mut token_start = token_end;
        for ch in s[..token_end].chars().rev() {
            if char_class(ch) == CharClass::Other && ch != '\'' && ch != '.' {
                break;
            }
            token_start -= ch.len_utf8();
        }
        let token = s[token_start..token_end].trim_start_matches(['\'', '.']);
        if full_stop && !is_abbreviation(token) {
            return false;
        }
        seen += 1;
        // `n't` stands for every contraction ending in it ("don't", "isn't"); a bare
        // "n't" token is one too.
        let negator = c
            .negators
            .iter()
            .any(|n| n == token || (n == "n't" && token.ends_with("n't")));
        if negator && !starts_contrast(&s[token_end..start]) {
            // A paragraph break between the negator and the hit ends the window too.
            let between = &orig[norm.orig_end(token_end)..norm.orig_start(start)];
            return !has_blank_line(between);
        }
        if seen >= c.negation_window {
            return false;
        }
        pos = token_start;
    }
}

/// "not only X but Y", "not just", "not merely": the negator adds, it does not deny.
fn starts_contrast(after_negator: &str) -> bool {
    let next = after_negator
        .trim_start_matches(|c: char| char_class(c) == CharClass::Other)
        .split(|c: char| char_class(c) == CharClass::Other)
        .next()
        .unwrap_or("");
    matches!(next, "only" | "just" | "merely" | "simply")
}

fn is_abbreviation(token: &str) -> bool {
    token.chars().count() == 1 || token.contains('.') || ABBREVIATIONS.contains(&token)
}

fn has_blank_line(s: &str) -> bool {
    let mut newlines = 0;
    for ch in s.chars() {
        match ch {
            '\n' => {
                newlines += 1;
                if newlines >= 2 {
                    return true;
                }
            }
            c if c.is_whitespace() => {}
            _ => newlines = 0,
        }
    }
    false
}
