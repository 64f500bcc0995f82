//! Lexicon parsing and compiling on arbitrary TOML text: never a panic; a set that loads
//! compiles, and scoring its own source text keeps every invariant.
//!
//! The input is split at NUL characters into files `f0.toml`, `f1.toml`, …; a part that
//! starts with `#set` becomes `set.toml`, so the set-level settings are fuzzed too.
#![no_main]

use framelex::lexicon::Source;
use framelex::{Compiled, LexiconSet, Scorer};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let sources: Vec<Source> = text
        .split('\0')
        .enumerate()
        .map(|(i, part)| Source {
            path: if part.starts_with("#set") {
                "set.toml".into()
            } else {
                format!("f{i}.toml").into()
            },
            text: part.into(),
        })
        .collect();
    let set = match LexiconSet::from_sources(sources.clone()) {
        Ok(set) => set,
        Err(e) => {
            assert!(!e.diagnostics.is_empty());
            for d in &e.diagnostics {
                if let Some(loc) = &d.location {
                    assert!(loc.line >= 1 && loc.col >= 1);
                }
            }
            let _ = e.to_string();
            return;
        }
    };
    let compiled = Compiled::new(set).expect("a valid set compiles");
    let mut scorer = Scorer::new(&compiled);
    for src in &sources {
        let score = scorer.score(&src.text);
        framelex_fuzz::check_score(&compiled, &src.text, &score);
    }
});
