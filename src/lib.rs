//! framelex finds rhetorical frames in news text with editable TOML lexicons.
//!
//! A lexicon set (one TOML file per frame) is validated into a [`LexiconSet`], compiled
//! into one Aho-Corasick automaton ([`Compiled`]), and documents are scored with a
//! [`Scorer`]: hits per frame with byte offsets into the original text, negation,
//! exclusions, score, density and presence. The [`pipeline`] streams large inputs through
//! a rayon pool in bounded memory; [`printer`]s format the results. The library never
//! prints: it returns values and writes only to the writers it is given.
//!
//! ```
//! use framelex::{Compiled, Scorer};
//!
//! let compiled = Compiled::embedded(); // the default frames
//! let mut scorer = Scorer::new(&compiled);
//! let text = "Officials warned that adversaries could use the chips for military purposes, \
//!             a threat to national security.";
//! let score = scorer.score(text);
//! let security = compiled.frame_index("security").unwrap();
//! assert!(score.frames[security].present);
//! for hit in &score.hits {
//!     // Offsets index the original text, whatever normalisation happened.
//!     println!("{} -> {}", compiled.terms[hit.term].text, &text[hit.start..hit.end]);
//! }
//! ```

pub mod compile;
pub mod dictionary;
pub mod eval;
pub mod explain;
mod flat;
pub mod input;
pub mod lexicon;
pub mod lint;
pub mod measure;
pub mod normalize;
pub mod pipeline;
pub mod printer;
pub mod report;
pub mod score;
pub mod segment;
pub mod suggest;
pub mod summary;
pub mod units;
pub mod voice;

pub use compile::Compiled;
pub use lexicon::LexiconSet;
pub use score::{DocScore, Scorer};
