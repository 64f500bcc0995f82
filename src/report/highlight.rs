//! A scored text as segments to highlight: plain text, and hits with what a reader needs to
//! see in a tooltip (term, weight, how it counted, whose voice). Long texts are cut to
//! windows around the hits. The segments are data; the page template escapes and draws
//! them, for the report's examples and for `explain --format html` alike.

use serde::Serialize;

use crate::compile::Compiled;
use crate::score::{DocScore, HitKind};

/// Characters of context kept on each side of a hit when a text is cut.
const CONTEXT: usize = 160;
/// Texts up to this many bytes are shown whole.
const WHOLE: usize = 1_200;
/// At most this many windows of a cut text.
const WINDOWS: usize = 4;

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
    /// `counted`, `negated`, `excluded` or `out_of_scope`.
    pub kind: &'static str,
    /// `author` or `quoted` when voice attribution ran.
    pub voice: Option<&'static str>,
}

/// A highlighted text: its segments and whether it was cut.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Highlighted {
    /// The segments, in text order.
    pub segments: Vec<Segment>,
    /// True when the text was cut to windows around the hits.
    pub cut: bool,
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
    voice: bool,
    whole: bool,
) -> Highlighted {
    let mut hits: Vec<_> = score.hits.iter().filter(|h| h.end <= text.len()).collect();
    hits.sort_by_key(|h| (h.start, h.end));
    // The windows: the whole text, or spans around the focused hits, merged.
    let mut windows: Vec<(usize, usize)> = Vec::new();
    let cut = !whole && text.len() > WHOLE;
    if cut {
        for h in hits.iter().filter(|h| focus.is_none_or(|f| h.frame == f)) {
            let start = floor_char(text, h.start.saturating_sub(CONTEXT));
            let end = ceil_char(text, h.end + CONTEXT);
            match windows.last_mut() {
                Some(last) if start <= last.1 => last.1 = last.1.max(end),
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
        if w > 0 || ws > 0 {
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
                seg_hits.push(SegmentHit {
                    frame: h.frame,
                    frame_id: compiled.frames[h.frame].id.clone(),
                    term: term.text.clone(),
                    weight: term.weight,
                    kind: kind_name(h.kind),
                    voice: voice.then_some(if h.quoted { "quoted" } else { "author" }),
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
    Highlighted { segments, cut }
}
