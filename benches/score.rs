//! Scoring throughput in bytes per second, on a corpus generated here from sentences
//! written for the project (no third-party text): plain English news-like prose with the
//! default frames' vocabulary sprinkled in, curly quotes and dashes, and a non-ASCII share.
//! Each benchmark asserts the total hit count it expects, so a faster but wrong scorer
//! fails rather than wins.
//!
//! Run: `cargo bench --bench score`

use framelex::normalize::Normalizer;
use framelex::score::{bare_scan_count, fused_scan_count};
use framelex::{Compiled, Scorer};

fn main() {
    divan::main();
}

const SENTENCES: [&str; 8] = [
    "The city council met on Tuesday to discuss the budget for the new library and the bus lanes. ",
    "Officials warned that adversaries could exploit the chips, a threat to national security. ",
    "Critics called the arms race mentality reckless and urged cooperation on shared risks. ",
    "Analysts said the timing was convenient for a company in the middle of a funding round. ",
    "The home team extended its lead in the second half after a long—and tense—first period. ",
    "Rainfall in the north was heavier than forecast, and farmers welcomed the \u{201C}late\u{201D} rain. ",
    "Les \u{C9}TATS-UNIS ont durci les contr\u{F4}les \u{E0} l\u{2019}exportation, selon le minist\u{E8}re. ",
    "Markets rose as investors weighed quarterly revenue against higher interest rates. ",
];

/// About 1 MB of text in 64 documents.
fn corpus() -> Vec<String> {
    (0..64)
        .map(|d| {
            let mut doc = String::new();
            for i in 0..200 {
                doc.push_str(SENTENCES[(d * 7 + i * 3) % SENTENCES.len()]);
                if i % 12 == 11 {
                    doc.push_str("\n\n");
                }
            }
            doc
        })
        .collect()
}

fn total_bytes(docs: &[String]) -> usize {
    docs.iter().map(String::len).sum()
}

#[divan::bench]
fn score_documents(b: divan::Bencher) {
    let c = Compiled::embedded();
    let docs = corpus();
    let mut scorer = Scorer::new(&c);
    let expected: usize = docs.iter().map(|d| scorer.score(d).hits.len()).sum();
    assert!(
        expected > 5_000,
        "the corpus hits the default frames ({expected})"
    );
    b.counter(divan::counter::BytesCount::new(total_bytes(&docs)))
        .bench_local(|| {
            let hits: usize = docs.iter().map(|d| scorer.score(d).hits.len()).sum();
            assert_eq!(hits, expected);
        });
}

#[divan::bench]
fn normalize_only(b: divan::Bencher) {
    let docs = corpus();
    let mut n = Normalizer::default();
    let expected: usize = docs
        .iter()
        .map(|d| {
            n.normalize(d);
            n.words()
        })
        .sum();
    b.counter(divan::counter::BytesCount::new(total_bytes(&docs)))
        .bench_local(|| {
            let words: usize = docs
                .iter()
                .map(|d| {
                    n.normalize(d);
                    n.words()
                })
                .sum();
            assert_eq!(words, expected);
        });
}

#[divan::bench]
fn bare_automaton_scan(b: divan::Bencher) {
    let c = Compiled::embedded();
    let docs = corpus();
    let expected: usize = docs.iter().map(|d| bare_scan_count(&c, d)).sum();
    assert!(expected > 1_000);
    b.counter(divan::counter::BytesCount::new(total_bytes(&docs)))
        .bench_local(|| {
            let hits: usize = docs.iter().map(|d| bare_scan_count(&c, d)).sum();
            assert_eq!(hits, expected);
        });
}

/// The design the scorer replaced, for comparison with `fused_scan`: normalise a document
/// into its buffer, then run the crate's own overlapping search over that buffer (the bare
/// scan's loop, with the boundary checks).
#[divan::bench]
fn normalize_then_scan(b: divan::Bencher) {
    let c = Compiled::embedded();
    let docs = corpus();
    let mut n = Normalizer::default();
    let expected = normalize_then_scan_count(&c, &mut n, &docs);
    assert!(expected > 5_000, "the normalised corpus hits ({expected})");
    b.counter(divan::counter::BytesCount::new(total_bytes(&docs)))
        .bench_local(|| assert_eq!(normalize_then_scan_count(&c, &mut n, &docs), expected));
}

/// Matches in the documents, normalising each into its buffer and then scanning it.
fn normalize_then_scan_count(c: &Compiled, n: &mut Normalizer, docs: &[String]) -> usize {
    docs.iter()
        .map(|d| {
            n.normalize(d);
            bare_scan_count(c, n.text())
        })
        .sum()
}

/// How the scorer runs the automaton: stepped inside the normalising loop, with the same
/// boundary checks, and nothing else (`docs/performance.md`). Finds exactly what
/// `normalize_then_scan` finds.
#[divan::bench]
fn fused_scan(b: divan::Bencher) {
    let c = Compiled::embedded();
    let docs = corpus();
    let mut n = Normalizer::default();
    let separate = normalize_then_scan_count(&c, &mut n, &docs);
    let mut run = || -> usize { docs.iter().map(|d| fused_scan_count(&c, &mut n, d)).sum() };
    assert_eq!(
        run(),
        separate,
        "the fused loop finds what the two passes find"
    );
    b.counter(divan::counter::BytesCount::new(total_bytes(&docs)))
        .bench_local(|| assert_eq!(run(), separate));
}
