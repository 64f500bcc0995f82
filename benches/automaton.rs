//! Which Aho-Corasick configuration to use: the same patterns (the default set's stems)
//! built as a DFA, a contiguous NFA and a noncontiguous NFA, with and without prefilter and
//! byte classes, searched with overlapping and with leftmost-longest semantics, over the
//! same normalised text. Each asserts the match count its semantics must give. The
//! findings are in docs/performance.md.
//!
//! Run: `cargo bench --bench automaton` (built-in text written for the project), or with
//! `FRAMELEX_BENCH_CORPUS=path/to/dump.jsonl[.gz]` to use the first 20 MB of a real corpus's
//! `text` fields — the choice of automaton depends on the text as much as on the patterns.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use framelex::normalize::Normalizer;
use framelex::Compiled;

fn main() {
    divan::main();
}

const SENTENCES: [&str; 6] = [
    "The city council met on Tuesday to discuss the budget for the new library and the bus lanes. ",
    "Officials warned that adversaries could exploit the chips, a threat to national security. ",
    "Critics called the arms race mentality reckless and urged cooperation on shared risks. ",
    "Analysts said the timing was convenient for a company in the middle of a funding round. ",
    "The home team extended its lead in the second half after a long and tense first period. ",
    "Markets rose as investors weighed quarterly revenue against higher interest rates. ",
];

fn text() -> String {
    let mut raw = String::new();
    if let Some(path) = std::env::var_os("FRAMELEX_BENCH_CORPUS") {
        use std::io::BufRead;
        let file = std::fs::File::open(&path).expect("FRAMELEX_BENCH_CORPUS is readable");
        let reader: Box<dyn std::io::Read> = if path.to_string_lossy().ends_with(".gz") {
            Box::new(flate2::read::MultiGzDecoder::new(file))
        } else {
            Box::new(file)
        };
        for line in std::io::BufReader::new(reader).lines() {
            let v: serde_json::Value = serde_json::from_str(&line.unwrap()).unwrap();
            raw.push_str(v["text"].as_str().unwrap_or(""));
            raw.push('\n');
            if raw.len() > 20_000_000 {
                break;
            }
        }
    } else {
        for i in 0..10_000 {
            raw.push_str(SENTENCES[(i * 5) % SENTENCES.len()]);
        }
    }
    let mut n = Normalizer::default();
    n.normalize(&raw);
    n.text().to_string()
}

fn build(kind: AhoCorasickKind, mk: MatchKind, prefilter: bool, byte_classes: bool) -> AhoCorasick {
    let c = Compiled::embedded();
    AhoCorasick::builder()
        .kind(Some(kind))
        .match_kind(mk)
        .prefilter(prefilter)
        .byte_classes(byte_classes)
        .build(c.stems())
        .unwrap()
}

const KINDS: [(&str, AhoCorasickKind); 3] = [
    ("dfa", AhoCorasickKind::DFA),
    ("contiguous_nfa", AhoCorasickKind::ContiguousNFA),
    ("noncontiguous_nfa", AhoCorasickKind::NoncontiguousNFA),
];

#[divan::bench(args = ["dfa", "contiguous_nfa", "noncontiguous_nfa"])]
fn overlapping(b: divan::Bencher, kind: &str) {
    let k = KINDS.iter().find(|(n, _)| *n == kind).unwrap().1;
    let ac = build(k, MatchKind::Standard, true, true);
    let t = text();
    let expected = build(
        AhoCorasickKind::NoncontiguousNFA,
        MatchKind::Standard,
        false,
        false,
    )
    .find_overlapping_iter(&t)
    .count();
    b.counter(divan::counter::BytesCount::of_str(&t))
        .bench_local(|| assert_eq!(ac.find_overlapping_iter(&t).count(), expected));
}

#[divan::bench(args = [(true, true), (false, true), (true, false)])]
fn dfa_overlapping_options(b: divan::Bencher, (prefilter, byte_classes): (bool, bool)) {
    let ac = build(
        AhoCorasickKind::DFA,
        MatchKind::Standard,
        prefilter,
        byte_classes,
    );
    let t = text();
    let expected = build(
        AhoCorasickKind::NoncontiguousNFA,
        MatchKind::Standard,
        false,
        false,
    )
    .find_overlapping_iter(&t)
    .count();
    b.counter(divan::counter::BytesCount::of_str(&t))
        .bench_local(|| assert_eq!(ac.find_overlapping_iter(&t).count(), expected));
}

#[divan::bench]
fn dfa_leftmost_longest(b: divan::Bencher) {
    let ac = build(AhoCorasickKind::DFA, MatchKind::LeftmostLongest, true, true);
    let t = text();
    let expected = build(
        AhoCorasickKind::NoncontiguousNFA,
        MatchKind::LeftmostLongest,
        false,
        false,
    )
    .find_iter(&t)
    .count();
    b.counter(divan::counter::BytesCount::of_str(&t))
        .bench_local(|| assert_eq!(ac.find_iter(&t).count(), expected));
}

/// The same DFA searched with the word-boundary checks the bare scan makes: by the crate's
/// own overlapping search (`score::bare_scan_count`), or byte by byte through framelex's
/// flat copy of it, the table the scorer steps (`score::bare_scan_count_flat`). Both
/// count the same hits.
#[divan::bench(args = ["crate_search", "flat_table"])]
fn with_boundaries(b: divan::Bencher, how: &str) {
    let c = Compiled::embedded();
    let t = text();
    let expected = framelex::score::bare_scan_count(&c, &t);
    assert!(expected > 0, "the text hits");
    let flat = how == "flat_table";
    b.counter(divan::counter::BytesCount::of_str(&t))
        .bench_local(|| {
            let hits = if flat {
                framelex::score::bare_scan_count_flat(&c, &t).expect("a flat table")
            } else {
                framelex::score::bare_scan_count(&c, &t)
            };
            assert_eq!(hits, expected);
        });
}
