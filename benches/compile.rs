//! Lexicon compilation: the default set, and synthetic sets of 1,000 and 10,000 terms
//! (words and two-word phrases made up from a fixed seed, some with wildcards). Each
//! benchmark asserts the pattern count it expects, so a change that silently drops terms
//! fails here rather than looking fast.
//!
//! Run: `cargo bench --bench compile`

use framelex::lexicon::Source;
use framelex::{Compiled, LexiconSet};

fn main() {
    divan::main();
}

/// A frame file with `n` distinct made-up terms (every 7th a wildcard, every 3rd a
/// phrase), deterministic.
fn synthetic(n: usize) -> Vec<Source> {
    const SYLLABLES: [&str; 16] = [
        "ka", "lo", "mi", "ne", "pu", "ra", "si", "to", "ve", "zo", "bri", "dan", "fel", "gor",
        "hul", "jin",
    ];
    let word = |mut k: usize| {
        let mut w = String::new();
        for _ in 0..4 {
            w.push_str(SYLLABLES[k % 16]);
            k /= 16;
        }
        w
    };
    let mut terms = Vec::with_capacity(n);
    for i in 0..n {
        let mut t = word(i);
        if i % 3 == 0 {
            t = format!("{} {}", word(i + 20_000), t);
        }
        if i % 7 == 0 {
            t.push('*');
        }
        terms.push(format!("{t:?}"));
    }
    let text = format!(
        "id = \"synthetic\"\nname = \"Synthetic\"\n[[group]]\nname = \"all\"\nterms = [{}]\n",
        terms.join(", ")
    );
    vec![Source {
        path: "synthetic.toml".into(),
        text: text.into(),
    }]
}

#[divan::bench]
fn default_set(b: divan::Bencher) {
    b.bench(|| {
        let c = Compiled::embedded();
        assert!(c.pattern_count() > 500, "the default set has its terms");
        c
    });
}

#[divan::bench(args = [1_000, 10_000])]
fn synthetic_set(b: divan::Bencher, n: usize) {
    let sources = synthetic(n);
    b.bench(|| {
        let set = LexiconSet::from_sources(sources.clone()).unwrap();
        let c = Compiled::new(set).unwrap();
        assert_eq!(c.pattern_count(), n);
        c
    });
}
