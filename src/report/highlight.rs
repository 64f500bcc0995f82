//! A scored text as segments to highlight: plain text, and hits with what a reader needs to
//! see in a tooltip (term, weight, how it counted, whose voice). Long texts are cut to
//! windows around the hits. The segments are data; the page template escapes and draws
//! them, for the report's examples and for `explain --format html` alike.

use serde::Serialize;

use crate::compile::Compiled;
use crate::score::{DocScore, HitKind, VoiceFilter};

/// Characters of context kept on each side of a hit when a text is cut.
pub(crate) const CONTEXT: usize = 160;
/// Texts up to this many bytes are shown whole.
const WHOLE: usize = 1_200;
/// At most this many windows of a cut text.
const WINDOWS: usize = 4;
/// A window grows by merging with the next hit's only up to this many bytes: a long text
/// dense with hits is still shown in pieces, so an example stays small.
pub(crate) const MAX_WINDOW: usize = 700;

/// One piece of a highlighted text.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Segment {
    /// The text, as in the document (escaped by the template).
    pub text: String,
    /// The hits on this text; empty for plain text. Several frames can share one span.
    pub hits: Vec<SegmentHit>,
    /// A gap marker (`…`) between two windows of a cut text.
    pub gap: bool,
}

/// One hit on a segment.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SegmentHit {
    /// The frame's position in the set (its colour).
    pub frame: usize,
    /// The frame's id.
    pub frame_id: String,
    /// The term as written in the lexicon.
    pub term: String,
    /// The term's weight.
    pub weight: f64,
    /// `counted`, `negated`, `excluded`, `out_of_scope`, or `other_voice` (a hit that
    /// would count, in the voice `--voice` leaves out).
    pub kind: &'static str,
    /// `author` or `quoted` when voice attribution ran (for counted and negated hits).
    pub voice: Option<&'static str>,
}

/// A proximity rule that hit: listed under the text, since its span holds other hits.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RuleMark {
    /// The frame's position in the set (its colour).
    pub frame: usize,
    /// The frame's id.
    pub frame_id: String,
    /// The rule's name.
    pub name: String,
    /// Its weight.
    pub weight: f64,
    /// Preceded by a negator.
    pub negated: bool,
    /// The text from its first term to its last, shortened in the middle when long.
    pub text: String,
}

/// A highlighted text: its segments and whether it was cut.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Highlighted {
    /// The segments, in text order.
    pub segments: Vec<Segment>,
    /// True when the text was cut to windows around the hits.
    pub cut: bool,
    /// The rule hits, in text order.
    pub rules: Vec<RuleMark>,
}

fn kind_name(kind: HitKind) -> &'static str {
    match kind {
        HitKind::Counted => "counted",
        HitKind::Negated => "negated",
        HitKind::Excluded => "excluded",
        HitKind::OutOfScope => "out_of_scope",
    }
}

fn floor_char(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Highlights every hit of `score` in `text`. Unless `whole`, a text longer than a screen is
/// cut to windows around the hits of `focus` (a frame), or of any frame without one.
pub fn highlight(
    compiled: &Compiled,
    text: &str,
    score: &DocScore,
    focus: Option<usize>,
    voice: Option<VoiceFilter>,
    whole: bool,
) -> Highlighted {
    let mut hits: Vec<_> = score.hits.iter().filter(|h| h.end <= text.len()).collect();
    hits.sort_by_key(|h| (h.start, h.end));
    let rule_hits: Vec<_> = score
        .rule_hits
        .iter()
        .filter(|r| r.end <= text.len())
        .collect();
    // The windows: the whole text, or spans around the focused hits and rule hits, merged
    // while they stay short.
    let mut windows: Vec<(usize, usize)> = Vec::new();
    let cut = !whole && text.len() > WHOLE;
    if cut {
        let mut spans: Vec<(usize, usize)> = hits
            .iter()
            .filter(|h| focus.is_none_or(|f| h.frame == f))
            .map(|h| (h.start, h.end))
            .chain(
                rule_hits
                    .iter()
                    .filter(|r| focus.is_none_or(|f| r.frame == f))
                    .map(|r| (r.start, r.end.min(r.start + MAX_WINDOW / 2))),
            )
            .collect();
        spans.sort_unstable();
        for (hs, he) in spans {
            let start = floor_char(text, hs.saturating_sub(CONTEXT));
            let end = ceil_char(text, he + CONTEXT);
            match windows.last_mut() {
                Some(last) if start <= last.1 && end - last.0 <= MAX_WINDOW => {
                    last.1 = last.1.max(end)
                }
                Some(last) if start <= last.1 => {
                    // Too long to merge: the next window starts where this one ends.
                    let from = last.1;
                    if end > from {
                        windows.push((from, end));
                    }
                }
                _ => windows.push((start, end)),
            }
        }
        windows.truncate(WINDOWS);
        if windows.is_empty() {
            windows.push((0, ceil_char(text, WHOLE)));
        }
    } else {
        windows.push((0, text.len()));
    }
    let mut segments = Vec::new();
    for (w, &(ws, we)) in windows.iter().enumerate() {
        // Windows are in text order and apart, so every one but a first at the text's
        // start follows a gap.
        if ws > 0 {
            segments.push(Segment {
                text: "…".into(),
                hits: Vec::new(),
                gap: true,
            });
        }
        let mut at = ws;
        let mut i = 0;
        let inside: Vec<_> = hits
            .iter()
            .filter(|h| h.start >= ws && h.end <= we)
            .collect();
        while i < inside.len() {
            let (s, e) = (inside[i].start, inside[i].end);
            if s < at {
                i += 1; // overlaps a span already shown (markers do not reach here)
                continue;
            }
            if s > at {
                segments.push(Segment {
                    text: text[at..s].to_string(),
                    hits: Vec::new(),
                    gap: false,
                });
            }
            let mut seg_hits = Vec::new();
            while i < inside.len() && inside[i].start == s && inside[i].end == e {
                let h = inside[i];
                let term = &compiled.terms[h.term];
                // Voice is attributed to counted and negated hits only.
                let voiced = matches!(h.kind, HitKind::Counted | HitKind::Negated);
                let left_out = match voice {
                    Some(VoiceFilter::Author) => h.quoted,
                    Some(VoiceFilter::Quoted) => !h.quoted,
                    _ => false,
                };
                seg_hits.push(SegmentHit {
                    frame: h.frame,
                    frame_id: compiled.frames[h.frame].id.clone(),
                    term: term.text.clone(),
                    weight: term.weight,
                    kind: if voiced && left_out {
                        "other_voice"
                    } else {
                        kind_name(h.kind)
                    },
                    voice: (voice.is_some() && voiced).then_some(if h.quoted {
                        "quoted"
                    } else {
                        "author"
                    }),
                });
                i += 1;
            }
            segments.push(Segment {
                text: text[s..e].to_string(),
                hits: seg_hits,
                gap: false,
            });
            at = e;
        }
        if at < we {
            segments.push(Segment {
                text: text[at..we].to_string(),
                hits: Vec::new(),
                gap: false,
            });
        }
        if w + 1 == windows.len() && we < text.len() {
            segments.push(Segment {
                text: "…".into(),
                hits: Vec::new(),
                gap: true,
            });
        }
    }
    let rules = rule_hits
        .iter()
        .map(|r| {
            let info = &compiled.rules[r.rule];
            let span = &text[r.start..r.end];
            let text = if span.len() > 160 {
                format!(
                    "{} … {}",
                    &span[..floor_char(span, 70)],
                    &span[ceil_char(span, span.len() - 70)..]
                )
            } else {
                span.to_string()
            };
            RuleMark {
                frame: r.frame,
                frame_id: compiled.frames[r.frame].id.clone(),
                name: info.name.clone(),
                weight: info.weight,
                negated: r.negated,
                text,
            }
        })
        .collect();
    Highlighted {
        segments,
        cut,
        rules,
    }
}
