//! Scoring arbitrary text against an arbitrary small lexicon: never a panic, and every
//! invariant of [`framelex_fuzz::check_score`] holds; scoring twice gives the same result.
#![no_main]

use arbitrary::Arbitrary;
use framelex::lexicon::Source;
use framelex::{Compiled, LexiconSet, Scorer};
use framelex_fuzz::{check_score, tokens_to_text, toml_str};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Frame {
    /// (term as token bytes, weight, wildcard)
    terms: Vec<(Vec<u8>, i8, bool)>,
    exclude: Vec<Vec<u8>>,
    min_score: i8,
    min_hits: u8,
    min_terms: u8,
    min_density: u8,
}

#[derive(Arbitrary, Debug)]
struct Input {
    frames: Vec<Frame>,
    negators: Option<Vec<Vec<u8>>>,
    window: u8,
    negated_weight: i8,
    text: Vec<u8>,
}

fuzz_target!(|input: Input| {
    let mut sources = Vec::new();
    let mut set = format!(
        "[negation]\nwindow = {}\nweight = {:?}\n",
        input.window % 8,
        f64::from(input.negated_weight) / 4.0
    );
    if let Some(negs) = &input.negators {
        let list: Vec<String> = negs
            .iter()
            .take(4)
            .map(|n| toml_str(&tokens_to_text(n)))
            .collect();
        set.push_str(&format!("negators = [{}]\n", list.join(", ")));
    }
    sources.push(Source {
        path: "set.toml".into(),
        text: set.into(),
    });
    for (fi, f) in input.frames.iter().take(3).enumerate() {
        let mut toml = format!(
            "id = \"f{fi}\"\nname = \"F{fi}\"\n[presence]\nmin_score = {:?}\nmin_hits = {}\nmin_terms = {}\nmin_density = {}\n",
            f64::from(f.min_score) / 4.0,
            f.min_hits % 4,
            f.min_terms % 4,
            f.min_density
        );
        let terms: Vec<String> = f
            .terms
            .iter()
            .take(8)
            .map(|(t, _, wild)| {
                let mut t = tokens_to_text(t);
                if *wild {
                    t.push('*');
                }
                toml_str(&t)
            })
            .collect();
        let weight = f.terms.first().map_or(1.0, |t| f64::from(t.1) / 4.0);
        toml.push_str(&format!(
            "[[group]]\nname = \"g\"\nweight = {weight:?}\nterms = [{}]\n",
            terms.join(", ")
        ));
        let exclude: Vec<String> = f
            .exclude
            .iter()
            .take(3)
            .map(|e| toml_str(&tokens_to_text(e)))
            .collect();
        // `exclude` is a top-level key: put it before the tables.
        toml = format!("exclude = [{}]\n{toml}", exclude.join(", "));
        sources.push(Source {
            path: format!("f{fi}.toml").into(),
            text: toml.into(),
        });
    }
    // Invalid terms (empty, normalising to nothing, a `*` inside) are errors, not panics.
    let Ok(set) = LexiconSet::from_sources(sources) else {
        return;
    };
    let compiled = Compiled::new(set).expect("a valid set compiles");
    let text = tokens_to_text(&input.text);
    let mut scorer = Scorer::new(&compiled);
    let first = scorer.score(&text);
    check_score(&compiled, &text, &first);
    let again = Scorer::new(&compiled).score(&text);
    assert_eq!(first, again, "scoring is not deterministic for {text:?}");
});
