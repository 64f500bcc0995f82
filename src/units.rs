//! Scoring a document as one record or as one record per unit (paragraph, sentence),
//! with voice attribution and unit counts.
//!
//! `framelex score --unit … --voice … --count-units …` and the Python package must give
//! the same records for the same text, so the steps live here once: split the text,
//! score each part in its document's context when a scope looks beyond the part, then
//! keep the hits of one voice.

use std::ops::Range;

use crate::compile::Compiled;
use crate::input::UnitRef;
use crate::score::{DocScore, Scorer, VoiceFilter};

/// What one output record covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Unit {
    /// The whole document (the default).
    #[default]
    Document,
    /// Each paragraph ([`crate::segment::paragraphs`]).
    Paragraph,
    /// Each sentence ([`crate::segment::sentences`]).
    Sentence,
}

impl Unit {
    /// Byte ranges of this unit in a text: one range for a document.
    pub fn split(self, text: &str) -> Vec<Range<usize>> {
        match self {
            Unit::Document => std::iter::once(0..text.len()).collect(),
            Unit::Paragraph => crate::segment::paragraphs(text),
            Unit::Sentence => crate::segment::sentences(text),
        }
    }

    /// The name used on the command line and in the bindings.
    pub fn name(self) -> &'static str {
        match self {
            Unit::Document => "document",
            Unit::Paragraph => "paragraph",
            Unit::Sentence => "sentence",
        }
    }
}

/// How a document is turned into records.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UnitOptions {
    /// One record per document, paragraph or sentence.
    pub unit: Unit,
    /// With [`Unit::Document`]: count the paragraphs or sentences where each frame is
    /// present (`units_present`).
    pub count_units: Option<Unit>,
    /// Keep only the hits of one voice (`None` and [`VoiceFilter::All`] keep them all,
    /// but only `Some` adds the per-voice counts to the output).
    pub voice: Option<VoiceFilter>,
}

/// Why [`UnitOptions`] cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UnitOptionsError {
    /// Unit counts are counted within whole documents.
    #[error("--count-units goes with --unit document")]
    CountUnitsNeedsDocument,
    /// Counting documents within a document means nothing.
    #[error("--count-units takes paragraph or sentence")]
    CountUnitsDocument,
}

impl UnitOptions {
    /// Checks the combination.
    pub fn validate(&self) -> Result<(), UnitOptionsError> {
        match (self.count_units, self.unit) {
            (Some(_), u) if u != Unit::Document => Err(UnitOptionsError::CountUnitsNeedsDocument),
            (Some(Unit::Document), _) => Err(UnitOptionsError::CountUnitsDocument),
            _ => Ok(()),
        }
    }

    /// Whether the whole document must be scored before its units: always for document
    /// records, and for unit records when a scope looks beyond the unit.
    pub fn needs_whole(&self, compiled: &Compiled) -> bool {
        self.unit == Unit::Document || compiled.needs_document_context()
    }
}

/// One output record: the unit it covers (`None` for a whole document) and its score.
#[derive(Debug, Clone)]
pub struct UnitScore {
    /// Which unit, with its byte range; `None` for a whole document.
    pub unit: Option<UnitRef>,
    /// The score of the document or unit.
    pub score: DocScore,
}

/// Scores `text` into its records; the options must be valid ([`UnitOptions::validate`]).
pub fn score_text(scorer: &mut Scorer<'_>, text: &str, opts: &UnitOptions) -> Vec<UnitScore> {
    let whole = if opts.needs_whole(scorer.compiled()) {
        scorer.score(text)
    } else {
        DocScore::default()
    };
    score_units(scorer, text, whole, opts)
}

/// [`score_text`] for a document already scored whole (`whole`, which may be an empty
/// [`DocScore`] when [`UnitOptions::needs_whole`] is false).
pub fn score_units(
    scorer: &mut Scorer<'_>,
    text: &str,
    mut whole: DocScore,
    opts: &UnitOptions,
) -> Vec<UnitScore> {
    // Quotations are found over the whole document, so a quote that runs across
    // sentences is still one.
    let voice = opts.voice;
    let spans = voice.map(|_| scorer.quoted_spans(text));
    // A unit is scored in the context of its document when a scope looks beyond it.
    let context = scorer.compiled().needs_document_context();
    let score_part = |scorer: &mut Scorer<'_>, whole: &DocScore, r: Range<usize>| {
        let mut s = if context {
            scorer.score_unit(whole, text, r.clone())
        } else {
            scorer.score(&text[r.clone()])
        };
        if let (Some(v), Some(spans)) = (voice, &spans) {
            scorer.apply_voice_spans(spans, r.start, &mut s, v);
        }
        s
    };
    if opts.unit == Unit::Document {
        if let Some(cu) = opts.count_units {
            let mut present = vec![0u32; whole.frames.len()];
            for r in cu.split(text) {
                let s = score_part(scorer, &whole, r);
                for (n, fs) in present.iter_mut().zip(&s.frames) {
                    *n += u32::from(fs.present);
                }
            }
            for (fs, n) in whole.frames.iter_mut().zip(present) {
                fs.units_present = Some(n);
            }
        }
        if let (Some(v), Some(spans)) = (voice, &spans) {
            scorer.apply_voice_spans(spans, 0, &mut whole, v);
        }
        return vec![UnitScore {
            unit: None,
            score: whole,
        }];
    }
    let mut ranges = opts.unit.split(text);
    if ranges.is_empty() {
        // A document with no unit still gets its record (the whole, empty, text).
        ranges.push(0..text.len());
    }
    ranges
        .into_iter()
        .enumerate()
        .map(|(index, r)| UnitScore {
            unit: Some(UnitRef {
                index,
                start: r.start,
                end: r.end,
            }),
            score: score_part(scorer, &whole, r),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_options_refuse_what_means_nothing() {
        let opts = |unit, count_units| UnitOptions {
            unit,
            count_units,
            voice: None,
        };
        assert_eq!(
            opts(Unit::Document, Some(Unit::Document)).validate(),
            Err(UnitOptionsError::CountUnitsDocument)
        );
        assert_eq!(
            opts(Unit::Paragraph, Some(Unit::Sentence)).validate(),
            Err(UnitOptionsError::CountUnitsNeedsDocument)
        );
        assert_eq!(
            opts(Unit::Sentence, Some(Unit::Document)).validate(),
            Err(UnitOptionsError::CountUnitsNeedsDocument)
        );
        for ok in [
            opts(Unit::Document, None),
            opts(Unit::Document, Some(Unit::Paragraph)),
            opts(Unit::Document, Some(Unit::Sentence)),
            opts(Unit::Paragraph, None),
        ] {
            assert_eq!(ok.validate(), Ok(()));
        }
        assert_eq!(
            UnitOptionsError::CountUnitsDocument.to_string(),
            "--count-units takes paragraph or sentence"
        );
    }
}
