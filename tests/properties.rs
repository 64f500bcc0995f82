//! Property tests: random texts (accented Latin, Greek, Cyrillic, CJK, curly quotes,
//! dashes, NBSP, invisible characters, mixed case) against random small lexicons.
//!
//! What must hold whatever the text and the lexicon:
//! - every hit's offsets lie on char boundaries of the original text, and the matched
//!   slice, normalised, is its term's normalised stem (or starts with it, for wildcards);
//! - hits are in text order and do not overlap; counts and presence agree with the hits;
//! - scoring is pure: the same document twice gives the same result;
//! - the pipeline's output is the same at 1 and 2 threads and at any batch size;
//! - scoring a JSONL file in two parts and concatenating equals scoring it whole.
//!
//! Case counts are modest so that the suite stays fast; `PROPTEST_CASES=1000 cargo test
//! --test properties` searches harder.

use std::fmt::Write as _;
use std::io::Write as _;

use framelex::input::{InputSpec, ReadOptions};
use framelex::lexicon::Source;
use framelex::normalize::normalize_str;
use framelex::pipeline::{self, Outcome, PipelineOptions};
use framelex::score::HitKind;
use framelex::{Compiled, LexiconSet, Scorer};
use proptest::prelude::*;

/// Words the texts and terms are made of: cased and uncased scripts, letters that change
/// length when lower-cased (İ, ẞ), final sigma, ligatures, apostrophes inside words.
const WORDS: &[&str] = &[
    "security",
    "national",
    "threat",
    "arms",
    "race",
    "café",
    "naïve",
    "états",
    "unis",
    "αθήνα",
    "κόσμος",
    "москва",
    "угроза",
    "中国",
    "合作",
    "straße",
    "o’brien",
    "don't",
    "not",
    "never",
    "a",
    "x",
    "İstanbul",
    "ǆungla",
    "ﬁre",
    "self-reliance",
];

/// What goes between words: spaces of every kind, line breaks, hyphens and dashes,
/// punctuation, curly and straight quotes, invisible characters.
const SEPS: &[&str] = &[
    " ",
    "  ",
    "\n",
    "\r\n",
    "\t",
    "\u{00A0}",
    "\u{202F}",
    "-",
    "\u{2011}",
    "\u{2014}",
    " \u{2013} ",
    ", ",
    ". ",
    "! ",
    " \u{201C}",
    "\u{201D} ",
    "\u{2019}",
    "'",
    "\u{200B}",
    "\u{00AD}",
    "",
];

fn cased(word: &str, mode: u8) -> String {
    match mode % 4 {
        0 => word.to_string(),
        1 => word.to_uppercase(),
        2 => word.to_lowercase(),
        _ => {
            let mut c = word.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        }
    }
}

/// Random text: words in random case between random separators.
fn text() -> impl Strategy<Value = String> {
    prop::collection::vec((0..WORDS.len(), 0..SEPS.len(), any::<u8>()), 0..40).prop_map(|parts| {
        let mut s = String::new();
        for (w, sep, mode) in parts {
            s.push_str(&cased(WORDS[w], mode));
            s.push_str(SEPS[sep]);
        }
        s
    })
}

/// A term: one to three words joined by a space or a hyphen, maybe a wildcard.
fn term() -> impl Strategy<Value = String> {
    (
        prop::collection::vec((0..WORDS.len(), any::<u8>()), 1..=3),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(words, hyphen, wild)| {
            let words: Vec<String> = words.into_iter().map(|(w, m)| cased(WORDS[w], m)).collect();
            let mut t = words.join(if hyphen { "-" } else { " " });
            // Terms taken from the start of a word are what wildcards are for.
            if wild {
                let cut = t.char_indices().nth(3).map_or(t.len(), |(i, _)| i);
                t.truncate(cut);
                t.push('*');
            }
            t
        })
}

/// A random small lexicon set: one to three frames of one to five terms, maybe an
/// exclusion, random weights and thresholds.
#[derive(Debug, Clone)]
struct Lexicon {
    frames: Vec<(Vec<String>, Vec<String>, u8, u8)>,
    window: u8,
}

fn lexicon() -> impl Strategy<Value = Lexicon> {
    (
        prop::collection::vec(
            (
                prop::collection::vec(term(), 1..=5),
                prop::collection::vec(term().prop_map(|t| t.replace('*', "")), 0..=1),
                0u8..4,
                0u8..3,
            ),
            1..=3,
        ),
        0u8..5,
    )
        .prop_map(|(frames, window)| Lexicon { frames, window })
}

fn toml_list(items: &[String]) -> String {
    let quoted: Vec<String> = items
        .iter()
        .map(|t| serde_json::to_string(t).unwrap())
        .collect();
    format!("[{}]", quoted.join(", "))
}

impl Lexicon {
    fn compile(&self) -> Compiled {
        let mut sources = vec![Source {
            path: "set.toml".into(),
            text: format!("[negation]\nwindow = {}\n", self.window).into(),
        }];
        for (i, (terms, exclude, weight, min_hits)) in self.frames.iter().enumerate() {
            let weight = [0.5, 1.0, 2.0, -1.0][usize::from(*weight)];
            let mut t = format!("id = \"f{i}\"\nname = \"F{i}\"\n");
            let _ = writeln!(t, "exclude = {}", toml_list(exclude));
            let _ = writeln!(t, "[presence]\nmin_hits = {min_hits}\nmin_score = 1.0");
            let _ = writeln!(
                t,
                "[[group]]\nname = \"g\"\nweight = {weight:?}\nterms = {}",
                toml_list(terms)
            );
            sources.push(Source {
                path: format!("f{i}.toml").into(),
                text: t.into(),
            });
        }
        let set = LexiconSet::from_sources(sources).expect("generated lexicons are valid");
        Compiled::new(set).expect("generated lexicons compile")
    }
}

fn stem(term: &str) -> String {
    let body = term.trim();
    normalize_str(body.strip_suffix('*').unwrap_or(body))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn hits_lie_on_char_boundaries_and_match_their_stems(lex in lexicon(), text in text()) {
        let compiled = lex.compile();
        let score = Scorer::new(&compiled).score(&text);
        let mut prev_end = 0;
        let mut prev_span = None;
        let mut counted = vec![0u32; compiled.frames.len()];
        for hit in &score.hits {
            prop_assert!(hit.start <= hit.end && hit.end <= text.len());
            prop_assert!(text.is_char_boundary(hit.start), "start {} in {:?}", hit.start, text);
            prop_assert!(text.is_char_boundary(hit.end), "end {} in {:?}", hit.end, text);
            // In text order, not overlapping (several frames may share one span).
            if prev_span != Some((hit.start, hit.end)) {
                prop_assert!(hit.start >= prev_end, "overlap at {} in {:?}", hit.start, text);
            }
            prev_end = hit.end;
            prev_span = Some((hit.start, hit.end));
            let term = &compiled.terms[hit.term];
            let matched = normalize_str(&text[hit.start..hit.end]);
            let want = stem(&term.text);
            if term.wildcard {
                prop_assert!(matched.starts_with(&want), "{:?} for {:?}", matched, term.text);
            } else {
                prop_assert_eq!(&matched, &want, "term {:?} in {:?}", term.text, text);
            }
            if hit.kind == HitKind::Counted {
                counted[hit.frame] += 1;
            }
        }
        for (fi, (fs, info)) in score.frames.iter().zip(&compiled.frames).enumerate() {
            prop_assert_eq!(fs.hits, counted[fi]);
            let p = &info.presence;
            let present = fs.score >= p.min_score
                && fs.hits >= p.min_hits
                && fs.distinct_terms() >= p.min_terms as usize
                && fs.density >= p.min_density;
            prop_assert_eq!(fs.present, present);
        }
    }

    #[test]
    fn scoring_twice_gives_the_same_result(lex in lexicon(), a in text(), b in text()) {
        let compiled = lex.compile();
        let mut scorer = Scorer::new(&compiled);
        let first = scorer.score(&a);
        // The scorer's reused buffers carry nothing from one document to the next.
        let _ = scorer.score(&b);
        let again = scorer.score(&a);
        prop_assert_eq!(&first, &again);
        prop_assert_eq!(&first, &Scorer::new(&compiled).score(&a));
    }
}

/// Writes `texts` as JSONL records with ids; every `bad`-th line is malformed.
fn write_jsonl(path: &std::path::Path, texts: &[String], bad: usize) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    for (i, t) in texts.iter().enumerate() {
        if bad > 0 && i % bad == bad - 1 {
            writeln!(f, "{{\"id\": \"d{i}\", \"text\": oops}}").unwrap();
        } else {
            let text = serde_json::to_string(t).unwrap();
            writeln!(f, "{{\"id\": \"d{i}\", \"text\": {text}}}").unwrap();
        }
    }
}

/// Scores `inputs` through the pipeline; one line per record, in output order. Failed
/// records are written without their location so that files can be compared whatever
/// their names.
fn run_pipeline(
    compiled: &Compiled,
    inputs: &[&std::path::Path],
    threads: usize,
    batch_records: usize,
    batch_bytes: usize,
) -> Vec<String> {
    let opts = PipelineOptions {
        threads,
        read: ReadOptions {
            batch_records,
            batch_bytes,
            ..ReadOptions::default()
        },
    };
    let mut out = Vec::new();
    let inputs = inputs
        .iter()
        .map(|p| InputSpec::Path(p.to_path_buf()))
        .collect();
    pipeline::run(
        compiled,
        inputs,
        &opts,
        |_, outcome| match outcome {
            Outcome::Scored(doc, score) => format!("{} {:?}", doc.id, score),
            Outcome::Failed(e) => format!("failed: {}", e.reason),
        },
        |line| -> Result<(), std::convert::Infallible> {
            out.push(line);
            Ok(())
        },
    )
    .unwrap();
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn output_is_the_same_at_any_thread_count_and_batch_size(
        lex in lexicon(),
        texts in prop::collection::vec(text(), 0..60),
        bad in 0usize..7,
        batch in 1usize..9,
    ) {
        let compiled = lex.compile();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("docs.jsonl");
        write_jsonl(&path, &texts, bad);
        let reference = run_pipeline(&compiled, &[&path], 1, 512, 4 << 20);
        prop_assert_eq!(reference.len(), texts.len());
        for (threads, records, bytes) in [(2, batch, 4 << 20), (2, 512, 64 * batch), (1, batch, 1)] {
            let got = run_pipeline(&compiled, &[&path], threads, records, bytes);
            prop_assert_eq!(&got, &reference, "threads {} batch {}/{}", threads, records, bytes);
        }
    }

    #[test]
    fn scoring_a_jsonl_file_in_two_parts_equals_scoring_it_whole(
        lex in lexicon(),
        texts in prop::collection::vec(text(), 0..40),
        cut in any::<prop::sample::Index>(),
        bad in 0usize..5,
    ) {
        let compiled = lex.compile();
        let dir = tempfile::tempdir().unwrap();
        let whole = dir.path().join("whole.jsonl");
        write_jsonl(&whole, &texts, bad);
        let bytes = std::fs::read(&whole).unwrap();
        let lines: Vec<&[u8]> = bytes.split_inclusive(|&b| b == b'\n').collect();
        let at = if lines.is_empty() { 0 } else { cut.index(lines.len() + 1) };
        let (a, b) = (dir.path().join("a.jsonl"), dir.path().join("b.jsonl"));
        std::fs::write(&a, lines[..at].concat()).unwrap();
        std::fs::write(&b, lines[at..].concat()).unwrap();
        let mut parts = run_pipeline(&compiled, &[&a], 2, 4, 4 << 20);
        parts.extend(run_pipeline(&compiled, &[&b], 2, 4, 4 << 20));
        prop_assert_eq!(&parts, &run_pipeline(&compiled, &[&whole], 2, 4, 4 << 20));
        // And as two inputs of one run.
        prop_assert_eq!(&parts, &run_pipeline(&compiled, &[&a, &b], 2, 3, 4 << 20));
    }
}

// ---- a reference model ---------------------------------------------------------------
//
// The properties above check that the scorer agrees with itself; this one checks it
// against an independent model of part of the matching contract: single-word ASCII terms
// (no wildcard, no phrase), no negation, no exclusions, texts of ASCII words with spaces
// and punctuation (followed by a space, so that no joiner fuses two words). There a term
// hits each word equal to it ignoring case (clauses 1 and 3), so hits, score, density,
// presence and the dominant frame can be computed by splitting the text at non-word bytes.

/// Lower- and mixed-case ASCII words, some of them prefixes or suffixes of others (a
/// term must not hit inside a longer word).
const ASCII_WORDS: &[&str] = &[
    "threat", "threats", "Threat", "THREAT", "arms", "ARMS", "race", "racer", "trace", "peace",
    "talks", "war", "wars", "warning", "x", "a9", "b_c",
];

const ASCII_SEPS: &[&str] = &[" ", "  ", ", ", ". ", "; ", "\n", "\n\n", " (", ") ", "! "];

fn ascii_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop::sample::select(ASCII_WORDS),
            prop::sample::select(ASCII_SEPS),
        ),
        0..40,
    )
    .prop_map(|parts| parts.into_iter().map(|(w, s)| format!("{w}{s}")).collect())
}

/// Up to three frames, each one group of distinct lower-case single words and a weight.
fn ascii_frames() -> impl Strategy<Value = Vec<(Vec<String>, f64)>> {
    let term = prop::sample::select(
        &[
            "threat", "threats", "arms", "race", "peace", "talks", "war", "x", "a9", "b_c",
        ][..],
    );
    prop::collection::vec(
        (
            prop::collection::btree_set(term, 1..4),
            prop::sample::select(&[0.5, 1.0, 1.5, 2.0][..]),
        ),
        1..4,
    )
    .prop_map(|frames| {
        frames
            .into_iter()
            .map(|(terms, w)| (terms.into_iter().map(str::to_string).collect(), w))
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn single_word_ascii_lexicons_score_as_the_reference_model(
        frames in ascii_frames(),
        text in ascii_text(),
    ) {
        let mut sources = vec![Source {
            path: "set.toml".into(),
            text: "[negation]\nwindow = 0\n".into(),
        }];
        for (i, (terms, weight)) in frames.iter().enumerate() {
            sources.push(Source {
                path: format!("f{i}.toml").into(),
                text: format!(
                    "id = \"f{i}\"\nname = \"F{i}\"\n[presence]\nmin_score = 1.0\n[[group]]\nname = \"g\"\nweight = {weight:?}\nterms = {}\n",
                    toml_list(terms)
                )
                .into(),
            });
        }
        let compiled = Compiled::new(LexiconSet::from_sources(sources).unwrap()).unwrap();
        let got = Scorer::new(&compiled).score(&text);

        // The model: words are maximal runs of [A-Za-z0-9_].
        let words: Vec<String> = text
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .filter(|w| !w.is_empty())
            .map(str::to_ascii_lowercase)
            .collect();
        prop_assert_eq!(got.words, words.len());
        let mut best: Option<(usize, f64)> = None;
        for (i, (terms, weight)) in frames.iter().enumerate() {
            let hits = words.iter().filter(|w| terms.contains(w)).count();
            let score = hits as f64 * weight;
            let f = &got.frames[i];
            prop_assert_eq!(f.hits as usize, hits, "frame {} on {:?}", i, text);
            prop_assert_eq!(f.negated, 0);
            prop_assert!((f.score - score).abs() < 1e-9, "frame {}: {} vs {}", i, f.score, score);
            let density = if words.is_empty() { 0.0 } else { score * 1000.0 / words.len() as f64 };
            prop_assert!((f.density - density).abs() < 1e-6, "density {} vs {}", f.density, density);
            let present = hits >= 1 && score >= 1.0;
            prop_assert_eq!(f.present, present, "frame {} on {:?}", i, text);
            for t in terms {
                let n = words.iter().filter(|w| *w == t).count() as u32;
                let counted = f
                    .terms
                    .iter()
                    .find(|tc| compiled.terms[tc.term].text == *t)
                    .map_or(0, |tc| tc.count);
                prop_assert_eq!(counted, n, "term {} of frame {}", t, i);
            }
            if present && best.is_none_or(|(_, s)| score > s) {
                best = Some((i, score));
            }
        }
        // The dominant frame: the present frame with the highest score (the first on a tie).
        prop_assert_eq!(got.dominant, best.map(|(i, _)| i));
    }
}
