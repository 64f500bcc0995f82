//! Topic scope: a scoped frame's hits count only where its topic is present.
//!
//! The default frames are about AI and the AI-chip competition, yet their words ("threat",
//! "military", "treaty", "lobbying") are everyday news words. A scope (`[scope.NAME]` in
//! `set.toml`) lists the topic's terms; a hit of a frame that names the scope counts only
//! when enough of those terms occur within the scope's window around it (the unit, the
//! document, the paragraph or sentence of the hit, or a number of words). It is applied
//! after overlaps, exclusions, negation and rules have done their work, so none of those
//! change: a hit is either kept as it was or held back as [`HitKind::OutOfScope`].
//!
//! Scope terms are markers found in the same automaton pass as every other term. They
//! take no part in the overlap resolution ("AI supremacy" is a security term *and* its
//! "AI" puts it in scope), and one is cancelled when a scope exclusion of its scope or a
//! frame's winning exclusion covers it.

use std::ops::Range;

use super::{DocScore, FrameScore, HitKind, RuleCount, ScopeCount, Scorer};
use crate::lexicon::ScopeWindow;

/// A scope term that counts, in original offsets.
struct Found {
    start: usize,
    end: usize,
    scope: usize,
}

/// Text segments (paragraphs, sentences), computed when first needed.
#[derive(Default)]
struct Segments {
    /// The paragraphs, and whether a sentence can run on across them (see
    /// [`crate::segment::paragraphs_and_wrapping`]).
    paragraphs: Option<(Vec<Range<usize>>, bool)>,
    sentences: Option<Vec<Range<usize>>>,
}

impl Segments {
    fn sentences(&mut self, text: &str) -> &[Range<usize>] {
        self.sentences
            .get_or_insert_with(|| crate::segment::sentences(text))
    }

    /// Paragraphs, and the sentences when one can run on from a paragraph into the next
    /// (hard-wrapped text): otherwise every sentence lies within its paragraph.
    fn paragraphs(&mut self, text: &str) -> (&[Range<usize>], Option<&[Range<usize>]>) {
        let (paragraphs, wrapped) = self
            .paragraphs
            .get_or_insert_with(|| crate::segment::paragraphs_and_wrapping(text));
        let sentences = if *wrapped {
            let sentences = self
                .sentences
                .get_or_insert_with(|| crate::segment::sentences(text));
            Some(&sentences[..])
        } else {
            None
        };
        (paragraphs, sentences)
    }
}

impl Scorer<'_> {
    /// Counts the scope terms of `text` into [`DocScore::scopes`], then holds back the
    /// hits of scoped frames whose scope is not met and recounts those frames. With
    /// `context` (the whole document's score and the unit's offset in it), scopes whose
    /// window reaches beyond the unit are judged in the document.
    pub(super) fn apply_scopes(
        &mut self,
        text: &str,
        result: &mut DocScore,
        context: Option<(&DocScore, usize)>,
    ) {
        let c = self.compiled;
        let norm = &self.norm;
        result.scopes = vec![ScopeCount::default(); c.scopes.len()];
        let scoped_hits = self.scopes_on
            && (result
                .hits
                .iter()
                .any(|h| c.frames[h.frame].scope.is_some())
                || result
                    .rule_hits
                    .iter()
                    .any(|h| c.frames[h.frame].scope.is_some()));
        if self.scope_marks.is_empty() && !scoped_hits {
            return; // nothing to count, nothing to judge: most general news
        }
        let excluded = result.excluded_spans();
        let marks: Vec<(usize, usize, usize)> = self
            .scope_marks
            .iter()
            .map(|m| {
                (
                    norm.orig_start(m.start),
                    norm.orig_end(m.end),
                    m.term as usize,
                )
            })
            .collect();
        let overlaps = |s: usize, e: usize, (xs, xe): (usize, usize)| s < xe && xs < e;
        let mut found: Vec<Found> = Vec::new();
        for &(start, end, term) in &marks {
            let t = &c.scope_terms[term];
            if t.exclusion {
                continue;
            }
            let cancelled = excluded.iter().any(|&x| overlaps(start, end, x))
                || marks.iter().any(|&(xs, xe, x)| {
                    let ex = &c.scope_terms[x];
                    ex.exclusion && ex.scope == t.scope && overlaps(start, end, (xs, xe))
                });
            if cancelled {
                continue;
            }
            found.push(Found {
                start,
                end,
                scope: t.scope,
            });
            let count = &mut result.scopes[t.scope];
            count.hits += 1;
            match count.terms.iter_mut().find(|(x, _)| *x == term) {
                Some((_, n)) => *n += 1,
                None => count.terms.push((term, 1)),
            }
        }
        if !scoped_hits {
            return;
        }

        let mut segments = Segments::default();
        // Whether a hit of `frame` over `start..end` is in scope, judged in this text.
        let mut local = |frame: usize, start: usize, end: usize| -> bool {
            let Some(s) = c.frames[frame].scope else {
                return true;
            };
            let info = &c.scopes[s];
            let need = info.min_hits as usize;
            // Too few scope terms in the whole text: no window can hold enough, and the
            // text need not be segmented (most general news never names the topic).
            let total = found.iter().filter(|f| f.scope == s).count();
            if info.document_min_hits.is_some_and(|n| total >= n as usize) {
                return true; // a text about the topic as a whole
            }
            if total < need {
                return false;
            }
            let of_scope = found.iter().filter(|f| f.scope == s);
            let n = match info.window {
                ScopeWindow::Unit | ScopeWindow::Document => of_scope.count(),
                ScopeWindow::Sentence => {
                    let units = segments.sentences(text);
                    let at = crate::segment::unit_index(units, start);
                    of_scope
                        .filter(|f| crate::segment::unit_index(units, f.start) == at)
                        .count()
                }
                ScopeWindow::Paragraph => {
                    // The hit's paragraph, and always its sentence: a hard-wrapped text
                    // with no blank lines splits into paragraphs at every line break, and
                    // a sentence that runs on past one must not lose its own topic words.
                    let (para, sentences) = segments.paragraphs(text);
                    let in_para = crate::segment::unit_index(para, start);
                    let in_sentence = sentences.map(|s| crate::segment::unit_index(s, start));
                    of_scope
                        .filter(|f| {
                            crate::segment::unit_index(para, f.start) == in_para
                                || sentences.is_some_and(|s| {
                                    Some(crate::segment::unit_index(s, f.start)) == in_sentence
                                })
                        })
                        .count()
                }
                ScopeWindow::Words(w) => {
                    // Words between the two spans: a longer hit or scope phrase is no
                    // further from the other for having more words of its own.
                    let starts = norm.word_starts();
                    let word = |o: usize| starts.partition_point(|&s| s as usize <= o);
                    let (first, last) = (word(start), word(end.saturating_sub(1).max(start)));
                    of_scope
                        .filter(|f| {
                            let (f_first, f_last) =
                                (word(f.start), word(f.end.saturating_sub(1).max(f.start)));
                            // The scope term after the hit, or before it (at most
                            // one of the two is not zero).
                            let gap = f_first
                                .saturating_sub(last)
                                .max(first.saturating_sub(f_last));
                            gap <= w as usize
                        })
                        .count()
                }
            };
            n >= need
        };
        // A hit of a unit, judged in the document when the scope looks beyond the unit:
        // `Some(in scope)`, or `None` to judge it in the unit. `find` looks the hit up in
        // the document's own score, whose judgement used the whole document.
        let in_document = |frame: usize, find: &dyn Fn(&DocScore, usize) -> Option<bool>| {
            let (doc, at) = context?;
            let s = c.frames[frame].scope?;
            let info = &c.scopes[s];
            if info
                .document_min_hits
                .is_some_and(|n| doc.scopes[s].hits >= n)
            {
                return Some(true); // a document about the topic as a whole
            }
            if info.window == ScopeWindow::Unit {
                return None; // only the document's count looks beyond the unit
            }
            find(doc, at)
        };

        let mut dirty = vec![false; c.frames.len()];
        for h in &mut result.hits {
            if c.frames[h.frame].scope.is_none()
                || !matches!(h.kind, HitKind::Counted | HitKind::Negated)
            {
                continue;
            }
            let (start, frame, term) = (h.start, h.frame, h.term);
            let in_doc = in_document(h.frame, &|doc, at| {
                doc.hits
                    .iter()
                    .find(|d| d.start == start + at && d.frame == frame && d.term == term)
                    .map(|d| d.kind != HitKind::OutOfScope)
            });
            if !in_doc.unwrap_or_else(|| local(h.frame, h.start, h.end)) {
                h.kind = HitKind::OutOfScope;
                dirty[h.frame] = true;
            }
        }
        // A rule hit out of scope is dropped, not held back: see FrameScore::out_of_scope.
        let before = result.rule_hits.len();
        let mut dropped_frames = Vec::new();
        result.rule_hits.retain(|h| {
            if c.frames[h.frame].scope.is_none() {
                return true;
            }
            let (start, rule) = (h.start, h.rule);
            let in_doc = in_document(h.frame, &|doc, at| {
                doc.rule_hits
                    .iter()
                    .find(|d| d.start == start + at && d.rule == rule)
                    .map(|_| true)
            });
            let keep = in_doc.unwrap_or_else(|| local(h.frame, h.start, h.end));
            if !keep {
                dropped_frames.push(h.frame);
            }
            keep
        });
        if result.rule_hits.len() != before {
            for f in dropped_frames {
                dirty[f] = true;
            }
        }
        for (f, _) in dirty.iter().enumerate().filter(|(_, d)| **d) {
            result.frames[f] = self.recount(result, f);
        }
    }

    /// A frame's counts rebuilt from the hits and rule hits of `result`, in the order the
    /// scorer first added them (terms in text order, then rules), so that the sums come
    /// out as they would have without the held-back hits.
    fn recount(&self, result: &DocScore, frame: usize) -> FrameScore {
        let c = self.compiled;
        let mut fs = FrameScore::default();
        for h in result.hits.iter().filter(|h| h.frame == frame) {
            fs.add_term_hit(h.term, c.terms[h.term].weight, c.negated_weight, h.kind);
        }
        // Rule counts keep the order in which the rules were first credited; a rule whose
        // every hit was dropped goes.
        let old = &result.frames[frame].rules;
        fs.rules = old
            .iter()
            .filter(|r| result.rule_hits.iter().any(|h| h.rule == r.rule))
            .map(|r| RuleCount {
                rule: r.rule,
                count: 0,
                negated: 0,
            })
            .collect();
        let mut by_rule: Vec<&super::RuleHit> = result
            .rule_hits
            .iter()
            .filter(|h| h.frame == frame)
            .collect();
        // Rules were credited rule by rule, each in text order.
        by_rule.sort_by_key(|h| {
            (
                old.iter()
                    .position(|r| r.rule == h.rule)
                    .unwrap_or(usize::MAX),
                h.start,
            )
        });
        for h in by_rule {
            let weight = c.rules[h.rule].weight;
            let rc = fs
                .rules
                .iter_mut()
                .find(|r| r.rule == h.rule)
                .expect("every rule hit has its count");
            if h.negated {
                fs.negated += 1;
                fs.score += weight * c.negated_weight;
                rc.negated += 1;
            } else {
                fs.hits += 1;
                fs.score += weight;
                rc.count += 1;
            }
        }
        fs
    }
}

#[cfg(test)]
mod tests {
    use crate::compile::Compiled;
    use crate::lexicon::{LexiconSet, Source};
    use crate::score::{HitKind, Scorer, VoiceFilter};

    /// A set with one scoped frame `sec` (terms at weight 1, one rule) and one unscoped
    /// frame `free`; `scope` is the body of `[scope.ai]`.
    fn set(scope: &str) -> Compiled {
        let src = |path: &str, text: String| Source {
            path: path.into(),
            text: text.into(),
        };
        Compiled::new(
            LexiconSet::from_sources(vec![
                src(
                    "set.toml",
                    format!("[negation]\nnegators = [\"pas\"]\nweight = -0.25\n[scope.ai]\n{scope}\n"),
                ),
                src(
                    "sec.toml",
                    "id = \"sec\"\nname = \"S\"\nscope = \"ai\"\nexclude = [\"sécurité sociale\"]\n[[group]]\nname = \"g\"\nterms = [\"menace\", \"sécurité\", \"suprématie de l'IA\"]\n[[rule]]\nname = \"r\"\nweight = 2.0\nsame_sentence = true\nall = [[\"chine\"], [\"menace\"]]\n".into(),
                ),
                src(
                    "free.toml",
                    "id = \"free\"\nname = \"F\"\n[[group]]\nname = \"g\"\nterms = [\"menace\"]\n".into(),
                ),
            ])
            .unwrap(),
        )
        .unwrap()
    }

    /// A set of `(path, text)` files, compiled.
    fn compiled(files: &[(&str, &str)]) -> Compiled {
        let sources = files
            .iter()
            .map(|&(path, text)| Source {
                path: path.into(),
                text: text.into(),
            })
            .collect();
        Compiled::new(LexiconSet::from_sources(sources).unwrap()).unwrap()
    }

    /// The `sec` hits of a text as (matched text, kind), and the frame's (hits,
    /// out_of_scope, score).
    fn sec(c: &Compiled, text: &str) -> (Vec<(String, HitKind)>, (u32, u32, f64)) {
        let d = Scorer::new(c).score(text);
        let hits = d
            .hits
            .iter()
            .filter(|h| h.frame == 0)
            .map(|h| (text[h.start..h.end].to_string(), h.kind))
            .collect();
        let f = &d.frames[0];
        (hits, (f.hits, f.out_of_scope, f.score))
    }

    use HitKind::{Counted, Excluded, Negated, OutOfScope};

    /// A case: extra `[scope.ai]` keys, the text, the `sec` hits expected.
    type Row<'a> = (&'a str, &'a str, &'a [(&'a str, HitKind)]);

    #[test]
    fn windows() {
        const TERMS: &str = "terms = [\"IA\", \"intelligence artificielle\", \"puce*\"]\n";
        let rows: &[Row<'_>] = &[
            // unit (the default): anywhere in the text.
            (
                "",
                "Une MENACE. L'INTELLIGENCE ARTIFICIELLE avance.",
                &[("MENACE", Counted)],
            ),
            ("", "Une menace pour l'Europe.", &[("menace", OutOfScope)]),
            // paragraph: only the paragraph with a scope term.
            (
                "window = \"paragraph\"",
                "Une menace.\n\nLes puces sont une menace.",
                &[("menace", OutOfScope), ("menace", Counted)],
            ),
            // sentence.
            (
                "window = \"sentence\"",
                "Une menace. Les puces, une menace.",
                &[("menace", OutOfScope), ("menace", Counted)],
            ),
            // 3 words either side; the fourth word away is outside.
            (
                "window = 3",
                "menace un deux IA trois quatre cinq six menace",
                &[("menace", Counted), ("menace", OutOfScope)],
            ),
            (
                "window = 3",
                "menace un deux trois IA",
                &[("menace", OutOfScope)],
            ),
            (
                "window = 4",
                "menace un deux trois IA",
                &[("menace", Counted)],
            ),
            // The window is measured between the nearest words of the hit and the scope
            // term, not from their starts: a longer phrase is no further away.
            (
                "window = 3",
                "l'intelligence artificielle est une menace",
                &[("menace", Counted)],
            ),
            (
                "window = 3",
                "l'intelligence artificielle est une très grande menace",
                &[("menace", OutOfScope)],
            ),
            // paragraph: a hard-wrapped text (no blank line) splits at every line break,
            // but the hit's own sentence is always in its window.
            (
                "window = \"paragraph\"",
                "La menace de\nl'IA grandit.\nUne menace.",
                &[("menace", Counted), ("menace", OutOfScope)],
            ),
            // min_hits: two scope-term hits needed in the window.
            ("min_hits = 2", "IA: une menace.", &[("menace", OutOfScope)]),
            (
                "min_hits = 2",
                "IA et puces: une menace.",
                &[("menace", Counted)],
            ),
        ];
        for (extra, text, want) in rows {
            let c = set(&format!("{TERMS}{extra}"));
            let (got, _) = sec(&c, text);
            let got: Vec<(&str, HitKind)> = got.iter().map(|(t, k)| (t.as_str(), *k)).collect();
            assert_eq!(&got, want, "{extra:?} on {text:?}");
        }
    }

    #[test]
    fn scope_terms_are_markers_cancelled_by_exclusions() {
        let c = set("terms = [\"IA\", \"sociale\", \"puce*\"]\nexclude = [\"puce à l'oreille\"]");
        // A scope term inside a frame term counts: the phrase is in scope by itself.
        let (h, _) = sec(&c, "La suprématie de l'IA.");
        assert_eq!(h, [("suprématie de l'IA".to_string(), Counted)]);
        // Inside a scope exclusion the scope term does not count.
        let (h, _) = sec(&c, "Cela met la puce à l'oreille: une menace.");
        assert_eq!(h, [("menace".to_string(), OutOfScope)]);
        // Nor inside a span a frame's exclusion won ("sociale" in "sécurité sociale").
        let (h, _) = sec(&c, "La SÉCURITÉ SOCIALE, une menace.");
        assert_eq!(
            h,
            [
                ("SÉCURITÉ SOCIALE".to_string(), Excluded),
                ("menace".to_string(), OutOfScope)
            ]
        );
        let d = Scorer::new(&c).score("La SÉCURITÉ SOCIALE, une menace; des puces.");
        let found: Vec<(&str, u32)> = d.scopes[0]
            .terms
            .iter()
            .map(|&(t, n)| (c.scope_terms[t].text.as_str(), n))
            .collect();
        assert_eq!((d.scopes[0].hits, found), (1, vec![("puce*", 1)]));
    }

    #[test]
    fn scope_terms_touching_an_exclusion_count() {
        // Exclusions that end or start with punctuation can touch a scope term with
        // nothing between them: the term is outside the excluded span, and counts.
        let c = set("terms = [\"IA\", \"puce*\"]\nexclude = [\"x:\", \":y\", \"z:ia\"]");
        for (text, want) in [
            ("x:IA, une menace.", Counted),
            ("IA:y, une menace.", Counted),
            ("z:IA, une menace.", OutOfScope),
        ] {
            assert_eq!(sec(&c, text).0, [("menace".to_string(), want)], "{text:?}");
        }
        // Each scope term is counted on its own.
        let d = Scorer::new(&c).score("IA, puces, IA, IA: une menace.");
        let found: Vec<(&str, u32)> = d.scopes[0]
            .terms
            .iter()
            .map(|&(t, n)| (c.scope_terms[t].text.as_str(), n))
            .collect();
        assert_eq!(
            (d.scopes[0].hits, found),
            (4, vec![("IA", 3), ("puce*", 1)])
        );
    }

    #[test]
    fn frames_with_only_rule_hits_out_of_scope_are_recounted() {
        // Frame `a` hits by its rule alone, out of scope in the first paragraph; frame
        // `b` hits by rule and term in scope in the second.
        let c = compiled(&[
            ("set.toml", "[scope.ai]\nterms = [\"IA\"]\nwindow = \"paragraph\"\n"),
            ("a.toml", "id = \"a\"\nname = \"A\"\nscope = \"ai\"\n[[group]]\nname = \"g\"\nterms = [\"zzz\"]\n[[rule]]\nname = \"r\"\nweight = 2.0\nall = [[\"chine\"], [\"danger\"]]\n"),
            ("b.toml", "id = \"b\"\nname = \"B\"\nscope = \"ai\"\n[[group]]\nname = \"g\"\nterms = [\"menace\"]\n[[rule]]\nname = \"r\"\nweight = 1.0\nall = [[\"russie\"], [\"menace\"]]\n"),
        ]);
        let d = Scorer::new(&c).score("La Chine, un danger.\n\nL'IA: la Russie, une menace.");
        let counts = |f: &crate::score::FrameScore| (f.hits, f.rules.len(), f.score);
        assert_eq!(counts(&d.frames[0]), (0, 0, 0.0));
        assert_eq!(counts(&d.frames[1]), (2, 1, 2.0));
        assert_eq!(d.rule_hits.len(), 1);
    }

    /// A recounted frame adds its rules' weights in the order the scorer first did, so
    /// that its score is, to the last bit, the score of the text without the held-back
    /// hits (floating-point sums depend on their order: 0.1 + 0.2 + 0.3 is not
    /// 0.2 + 0.3 + 0.1).
    #[test]
    fn recounted_scores_add_up_in_the_order_of_a_direct_scoring() {
        let c = compiled(&[
            ("set.toml", "[scope.ai]\nterms = [\"IA\"]\nwindow = \"paragraph\"\n"),
            ("a.toml", "id = \"a\"\nname = \"A\"\nscope = \"ai\"\n[[group]]\nname = \"g\"\nterms = [\"zzz\"]\n[[rule]]\nname = \"r0\"\nweight = 0.1\nall = [[\"chine\"], [\"danger\"]]\n[[rule]]\nname = \"r1\"\nweight = 0.2\nall = [[\"russie\"], [\"danger\"]]\n[[rule]]\nname = \"r2\"\nweight = 0.3\nall = [[\"iran\"], [\"danger\"]]\n"),
        ]);
        let kept = "L'IA : Chine, danger ; Russie, danger ; Iran, danger.";
        let d = Scorer::new(&c).score(&format!("Un zzz.\n\n{kept}"));
        let direct = Scorer::new(&c).score(kept);
        let f = &d.frames[0];
        assert_eq!((f.hits, f.out_of_scope, f.rules.len()), (3, 1, 3));
        assert_eq!(f.score.to_bits(), direct.frames[0].score.to_bits());
        assert_eq!(f.score.to_bits(), (0.1f64 + 0.2 + 0.3).to_bits());
    }

    /// A sentence unit judged in its document, where the paragraph window reaches beyond
    /// it: the rule hit kept there is the one at the same place, not another of the rule.
    #[test]
    fn unit_rule_hits_are_looked_up_at_their_place_in_the_document() {
        let c = set("terms = [\"IA\"]\nwindow = \"paragraph\"");
        let text = "L'IA avance. La Chine, une menace.\n\nLa Chine, une menace.";
        let mut s = Scorer::new(&c);
        let doc = s.score(text);
        assert_eq!(doc.rule_hits.len(), 1);
        let first = text.find("La Chine").unwrap()..text.find("\n").unwrap();
        let last = text.rfind("La Chine").unwrap()..text.len();
        let mut rules = |range: std::ops::Range<usize>| {
            let unit = s.score_unit(&doc, text, range);
            (unit.rule_hits.len(), unit.frames[0].score)
        };
        assert_eq!(rules(first), (1, 3.0));
        assert_eq!(rules(last), (0, 0.0));
    }

    #[test]
    fn recounted_frames_keep_their_negated_rule_hits() {
        let c = set("terms = [\"IA\"]\nwindow = \"paragraph\"");
        let text = "Une menace.\n\nL'IA? Pas la Chine, une menace.";
        let d = Scorer::new(&c).score(text);
        let f = &d.frames[0];
        // The first paragraph's "menace" is held back, so the frame is recounted: the
        // second's "menace" counts (the negator is four words back), its rule hit stays
        // negated, at the set's negated weight: 1 + 2 × −0.25.
        assert_eq!((f.hits, f.negated, f.out_of_scope, f.score), (1, 1, 1, 0.5));
        assert_eq!((f.rules[0].count, f.rules[0].negated), (0, 1));
        // A rule with negated hits only is no distinct term (`min_terms`).
        assert_eq!(f.distinct_terms(), 1);
    }

    #[test]
    fn held_back_hits_leave_the_counts_as_without_them() {
        let c = set("terms = [\"IA\"]\nwindow = \"paragraph\"");
        let text = "La Chine, une menace; pas une menace.\n\nL'IA? La Chine, une menace.";
        let d = Scorer::new(&c).score(text);
        let f = &d.frames[0];
        // In scope: the second paragraph's term (1) and rule (2). Held back: the first
        // paragraph's counted and negated terms; its rule hit is dropped.
        assert_eq!((f.hits, f.negated, f.out_of_scope, f.score), (2, 0, 2, 3.0));
        assert_eq!(f.terms[0].count, 1);
        assert_eq!(f.terms[0].out_of_scope, 2);
        assert_eq!(f.rules.len(), 1);
        assert_eq!((f.rules[0].count, f.rules[0].negated), (1, 0));
        let starts: Vec<usize> = d.rule_hits.iter().map(|r| r.start).collect();
        assert_eq!(starts, [text.rfind("Chine").unwrap()]);
        // The same as scoring the second paragraph alone.
        let alone = Scorer::new(&c).score("L'IA? La Chine, une menace.");
        assert_eq!((alone.frames[0].hits, alone.frames[0].score), (2, 3.0));
        // The unscoped frame is untouched: all three "menace", one negated.
        assert_eq!((d.frames[1].hits, d.frames[1].negated), (2, 1));
        // A negated hit out of scope is held back, not negated.
        let (h, (hits, out, _)) = sec(&c, "Pas une menace.");
        assert_eq!((h[0].1, hits, out), (OutOfScope, 0, 1));
        let (h, _) = sec(&c, "L'IA n'est pas une menace.");
        assert_eq!(h[0].1, Negated);
    }

    #[test]
    fn scopes_can_be_turned_off_and_still_be_counted() {
        let c = set("terms = [\"IA\"]");
        let mut s = Scorer::new(&c);
        s.set_scopes(false);
        let d = s.score("Une menace. Une autre menace.");
        assert_eq!((d.frames[0].hits, d.frames[0].out_of_scope), (2, 0));
        assert!(d.frames[0].present);
        let d = s.score("IA");
        assert_eq!(d.scopes[0].hits, 1);
    }

    #[test]
    fn units_judge_wide_windows_in_their_document() {
        let text = "L'IA avance.\n\nUne menace.";
        let para = 14..text.len();
        for (window, want) in [
            ("document", Counted),
            ("unit", OutOfScope),
            ("paragraph", OutOfScope),
            ("5", Counted),
        ] {
            let q = if window == "5" {
                window.to_string()
            } else {
                format!("\"{window}\"")
            };
            let c = set(&format!("terms = [\"IA\"]\nwindow = {q}"));
            let mut s = Scorer::new(&c);
            let doc = s.score(text);
            let unit = s.score_unit(&doc, text, para.clone());
            assert_eq!(unit.hits[0].kind, want, "window {window}");
            assert_eq!(
                &text[para.clone()][unit.hits[0].start..unit.hits[0].end],
                "menace"
            );
        }
    }

    #[test]
    fn units_see_the_document_count_whatever_the_window() {
        // document_min_hits looks beyond the unit even with the unit window, and the
        // unit window is then judged in the unit itself, not in the whole document.
        let text = "L'IA ici. L'IA là.\n\nUne menace.";
        let para = text.rfind("Une").unwrap()..text.len();
        for (extra, want) in [
            ("document_min_hits = 2", Counted),
            ("document_min_hits = 3", OutOfScope),
        ] {
            let c = set(&format!("terms = [\"IA\"]\nwindow = \"unit\"\n{extra}"));
            assert!(c.needs_document_context(), "{extra}");
            let mut s = Scorer::new(&c);
            let doc = s.score(text);
            let unit = s.score_unit(&doc, text, para.clone());
            assert_eq!(unit.hits[0].kind, want, "{extra}");
        }
        let c = set("terms = [\"IA\"]\nwindow = \"unit\"");
        assert!(!c.needs_document_context());
    }

    #[test]
    fn rules_count_with_scopes_off_in_texts_without_scope_terms() {
        let c = set("terms = [\"IA\"]");
        let mut s = Scorer::new(&c);
        s.set_scopes(false);
        let d = s.score("La Chine, une menace.");
        assert_eq!((d.frames[0].rules.len(), d.frames[0].score), (1, 3.0));
        s.set_scopes(true);
        let d = s.score("La Chine, une menace.");
        assert_eq!((d.frames[0].rules.len(), d.frames[0].score), (0, 0.0));
    }

    #[test]
    fn voice_counts_only_hits_in_scope() {
        let c = set("terms = [\"IA\"]\nwindow = \"sentence\"");
        let mut s = Scorer::new(&c);
        let text = "\"Une menace\", a-t-il dit. L'IA est une menace.";
        let mut d = s.score(text);
        s.apply_voice(text, &mut d, VoiceFilter::Author);
        let f = &d.frames[0];
        let v = f.voice.unwrap();
        assert_eq!((v.author, v.quoted, f.hits, f.out_of_scope), (1, 0, 1, 1));
    }
}
