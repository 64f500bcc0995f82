//! Explaining one document's score: the text with every hit marked, and per frame how the
//! score adds up (term × weight), against which thresholds, to which verdict.
//!
//! This is the view a lexicon author needs while tuning: a score of 2.5 says little, the
//! words that produced it say everything. On a terminal hits are shown in their frame's
//! colour (negated hits struck through, excluded hits dimmed); without colour the same
//! information is written as markup, `[security: national security]`, which survives
//! pipes, files and diffs. [`Explanation::to_json`] gives the same with byte spans, for
//! tools. Rule hits are listed under the text and in each frame's breakdown.

use std::io::{self, Write};

use anstyle::{Effects, Style};
use serde_json::{json, Value};

use crate::compile::Compiled;
use crate::printer::round;
use crate::score::reaches;
use crate::score::{DocScore, Hit, HitKind};

/// One document's score, ready to show.
#[derive(Debug, Clone, Copy)]
pub struct Explanation<'a> {
    /// The compiled set the document was scored with.
    pub compiled: &'a Compiled,
    /// The document's id.
    pub id: &'a str,
    /// Its text.
    pub text: &'a str,
    /// Its score (from [`crate::Scorer::score`] on `text`).
    pub score: &'a DocScore,
}

fn kind_word(kind: HitKind) -> &'static str {
    match kind {
        HitKind::Counted => "counted",
        HitKind::Negated => "negated",
        HitKind::Excluded => "excluded",
        HitKind::OutOfScope => "out of scope",
    }
}

impl<'a> Explanation<'a> {
    /// The hits grouped by span: each span with its hits (one per frame), in text order.
    fn spans(&self) -> Vec<&'a [Hit]> {
        let hits = &self.score.hits[..];
        let mut out = Vec::new();
        let mut i = 0;
        while i < hits.len() {
            // One scan finds spans that never overlap, so two spans share neither a start
            // nor an end: the pair is compared whole, as the identity of a span.
            let span = (hits[i].start, hits[i].end);
            let j = i + hits[i..]
                .iter()
                .take_while(|h| (h.start, h.end) == span)
                .count();
            out.push(&hits[i..j]);
            i = j;
        }
        out
    }

    fn style_of(&self, hits: &[Hit]) -> Style {
        // The colour of the first frame the span counts for (else of the first hit);
        // underlined when the span hits several frames.
        let lead = hits
            .iter()
            .find(|h| h.kind == HitKind::Counted)
            .unwrap_or(&hits[0]);
        let fg = crate::printer::ansi(self.compiled.frames[lead.frame].color);
        let mut style = match lead.kind {
            HitKind::Counted => fg.on_default().effects(Effects::BOLD),
            HitKind::Negated => fg.on_default().effects(Effects::STRIKETHROUGH),
            HitKind::Excluded => Style::new().effects(Effects::DIMMED | Effects::ITALIC),
            HitKind::OutOfScope => fg.on_default().effects(Effects::DIMMED),
        };
        if hits.len() > 1 {
            style = style.effects(style.get_effects() | Effects::UNDERLINE);
        }
        style
    }

    /// The markup label of a span: `security`, `security negated`,
    /// `threat excluded, cooperation`.
    fn label(&self, hits: &[Hit]) -> String {
        hits.iter()
            .map(|h| {
                let id = &self.compiled.frames[h.frame].id;
                match h.kind {
                    HitKind::Counted => id.clone(),
                    k => format!("{id} {}", kind_word(k)),
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Writes the explanation for people: a header, the text with hits marked (in colour
    /// when `color`, else as `[frame: words]`), and the breakdown of each frame.
    pub fn write_text(&self, w: &mut dyn Write, color: bool) -> io::Result<()> {
        let c = self.compiled;
        let bold = if color {
            Style::new().bold()
        } else {
            Style::new()
        };
        let dominant = self
            .score
            .dominant
            .map_or("none", |d| c.frames[d].id.as_str());
        writeln!(
            w,
            "{bold}{}{bold:#}   {} words   dominant: {dominant}",
            self.id, self.score.words
        )?;
        if color {
            let legend: Vec<String> = c
                .frames
                .iter()
                .map(|f| {
                    let s = crate::printer::ansi(f.color)
                        .on_default()
                        .effects(Effects::BOLD);
                    format!("{s}{}{s:#}", f.id)
                })
                .collect();
            let neg = Style::new().effects(Effects::STRIKETHROUGH);
            let excl = Style::new().effects(Effects::DIMMED | Effects::ITALIC);
            let out = Style::new().effects(Effects::DIMMED);
            let scoped = if c.has_scoped_frames() {
                format!("   {out}out of scope{out:#}")
            } else {
                String::new()
            };
            writeln!(
                w,
                "{}   {neg}negated{neg:#}   {excl}excluded{excl:#}{scoped}   underlined: several frames",
                legend.join("  ")
            )?;
        }
        writeln!(w)?;
        let mut at = 0;
        for hits in self.spans() {
            let (start, end) = (hits[0].start, hits[0].end);
            w.write_all(&self.text.as_bytes()[at..start])?;
            let words = &self.text[start..end];
            if color {
                let s = self.style_of(hits);
                write!(w, "{s}{words}{s:#}")?;
            } else {
                write!(w, "[{}: {words}]", self.label(hits))?;
            }
            at = end;
        }
        w.write_all(&self.text.as_bytes()[at..])?;
        if !self.text.ends_with('\n') {
            writeln!(w)?;
        }
        writeln!(w)?;
        // Rule hits span several words: listed under the text rather than marked in it.
        for h in &self.score.rule_hits {
            let r = &c.rules[h.rule];
            writeln!(
                w,
                "rule {} ({}){}: {}",
                r.name,
                c.frames[h.frame].id,
                if h.negated { ", negated" } else { "" },
                self.text[h.start..h.end]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            )?;
        }
        if !self.score.rule_hits.is_empty() {
            writeln!(w)?;
        }
        for (fi, _) in c.frames.iter().enumerate() {
            self.write_frame(w, fi, color)?;
        }
        self.write_scopes(w)
    }

    /// One line per scope of the set: its terms found in the text.
    fn write_scopes(&self, w: &mut dyn Write) -> io::Result<()> {
        let c = self.compiled;
        for (si, (info, found)) in c.scopes.iter().zip(&self.score.scopes).enumerate() {
            let frames: Vec<&str> = c
                .frames
                .iter()
                .filter(|f| f.scope == Some(si))
                .map(|f| f.id.as_str())
                .collect();
            let terms: Vec<String> = found
                .terms
                .iter()
                .map(|&(t, n)| format!("{} ×{n}", c.scope_terms[t].text))
                .collect();
            writeln!(
                w,
                "scope {} (window: {}, at least {} term{}; frames: {}): {}",
                info.name,
                info.window,
                info.min_hits,
                if info.min_hits == 1 { "" } else { "s" },
                if frames.is_empty() {
                    "none".to_string()
                } else {
                    frames.join(", ")
                },
                if terms.is_empty() {
                    "no term in this text".to_string()
                } else {
                    terms.join(", ")
                }
            )?;
        }
        Ok(())
    }

    fn write_frame(&self, w: &mut dyn Write, fi: usize, color: bool) -> io::Result<()> {
        let c = self.compiled;
        let info = &c.frames[fi];
        let fs = &self.score.frames[fi];
        let p = &info.presence;
        let style = if color && fs.present {
            crate::printer::ansi(info.color)
                .on_default()
                .effects(Effects::BOLD)
        } else if color {
            Style::new().bold()
        } else {
            Style::new()
        };
        let verdict = if fs.present { "present" } else { "absent" };
        let excluded = self.excluded(fi);
        if fs.terms.is_empty() && fs.rules.is_empty() && excluded.is_empty() && fs.out_of_scope == 0
        {
            writeln!(w, "{style}{}{style:#}  {verdict}: no hits\n", info.id)?;
            return Ok(());
        }
        let check = |ok: bool| if ok { "" } else { " ✗" };
        let cmp = |ok: bool| if ok { "≥" } else { "<" };
        let score_ok = reaches(fs.score, p.min_score);
        let hits_ok = fs.hits >= p.min_hits;
        let terms_ok = fs.distinct_terms() >= p.min_terms as usize;
        let density_ok = reaches(fs.density, p.min_density);
        writeln!(
            w,
            "{style}{}{style:#}  {verdict}: score {} {} {}{}, hits {} {} {}{}, terms {} {} {}{}, density {} {} {}{}",
            info.id,
            round(fs.score, 4),
            cmp(score_ok),
            p.min_score,
            check(score_ok),
            fs.hits,
            cmp(hits_ok),
            p.min_hits,
            check(hits_ok),
            fs.distinct_terms(),
            cmp(terms_ok),
            p.min_terms,
            check(terms_ok),
            round(fs.density, 2),
            cmp(density_ok),
            p.min_density,
            check(density_ok),
        )?;
        let width = fs
            .terms
            .iter()
            .map(|t| c.terms[t.term].text.chars().count())
            .max()
            .unwrap_or(0);
        let gwidth = fs
            .terms
            .iter()
            .map(|t| info.groups[c.terms[t.term].group].chars().count())
            .max()
            .unwrap_or(0);
        for t in &fs.terms {
            let e = &c.terms[t.term];
            let group = &info.groups[e.group];
            if t.count > 0 {
                writeln!(
                    w,
                    "  {:<width$}  {:<gwidth$}  {:>3} × {:<5} = {}",
                    e.text,
                    group,
                    t.count,
                    e.weight,
                    round(t.count as f64 * e.weight, 4)
                )?;
            }
            if t.negated > 0 {
                writeln!(
                    w,
                    "  {:<width$}  {:<gwidth$}  {:>3} × {:<5} × {} (negated) = {}",
                    e.text,
                    group,
                    t.negated,
                    e.weight,
                    c.negated_weight,
                    round(t.negated as f64 * e.weight * c.negated_weight, 4)
                )?;
            }
        }
        for rc in &fs.rules {
            let r = &c.rules[rc.rule];
            if rc.count > 0 {
                writeln!(
                    w,
                    "  rule {:<width$}  {:>3} × {:<5} = {}",
                    r.name,
                    rc.count,
                    r.weight,
                    round(rc.count as f64 * r.weight, 4)
                )?;
            }
            if rc.negated > 0 {
                writeln!(
                    w,
                    "  rule {:<width$}  {:>3} × {:<5} × {} (negated) = {}",
                    r.name,
                    rc.negated,
                    r.weight,
                    c.negated_weight,
                    round(rc.negated as f64 * r.weight * c.negated_weight, 4)
                )?;
            }
        }
        for (term, n) in &excluded {
            writeln!(w, "  excluded by \"{term}\" ×{n}: counts nothing")?;
        }
        if fs.out_of_scope > 0 {
            let scope = info.scope.map(|s| &c.scopes[s]);
            let held: Vec<String> = fs
                .terms
                .iter()
                .filter(|t| t.out_of_scope > 0)
                .map(|t| format!("{} ×{}", c.terms[t.term].text, t.out_of_scope))
                .collect();
            if let Some(scope) = scope {
                let place = match scope.window {
                    crate::lexicon::ScopeWindow::Words(n) => format!("within {n} words"),
                    win => format!("in the {win}"),
                };
                let need = if scope.min_hits == 1 {
                    "no term".to_string()
                } else {
                    format!("fewer than {} terms", scope.min_hits)
                };
                writeln!(
                    w,
                    "  out of scope (held back: {need} of scope \"{}\" {place}): {}",
                    scope.name,
                    held.join(", ")
                )?;
            }
        }
        writeln!(w)
    }

    /// The frame's exclusions that won spans, with how often, in text order.
    fn excluded(&self, fi: usize) -> Vec<(String, usize)> {
        let mut out: Vec<(String, usize)> = Vec::new();
        for h in self
            .score
            .hits
            .iter()
            .filter(|h| h.frame == fi && h.kind == HitKind::Excluded)
        {
            let text = &self.compiled.terms[h.term].text;
            match out.iter_mut().find(|(t, _)| t == text) {
                Some((_, n)) => *n += 1,
                None => out.push((text.clone(), 1)),
            }
        }
        out
    }

    /// The explanation as JSON: the text, every hit with its byte span into the text
    /// (`text[start..end]` is the hit), and each frame's breakdown.
    pub fn to_json(&self) -> Value {
        let c = self.compiled;
        let hits: Vec<Value> = self
            .score
            .hits
            .iter()
            .map(|h| {
                let e = &c.terms[h.term];
                json!({
                    "start": h.start,
                    "end": h.end,
                    "text": &self.text[h.start..h.end],
                    "frame": c.frames[h.frame].id,
                    "term": e.text,
                    "group": if e.exclusion { None } else { Some(&c.frames[h.frame].groups[e.group]) },
                    "weight": e.weight,
                    "kind": h.kind,
                })
            })
            .collect();
        let frames: Vec<Value> = c
            .frames
            .iter()
            .enumerate()
            .map(|(fi, info)| {
                let fs = &self.score.frames[fi];
                let terms: Vec<Value> = fs
                    .terms
                    .iter()
                    .map(|t| {
                        let e = &c.terms[t.term];
                        json!({
                            "term": e.text,
                            "group": info.groups[e.group],
                            "weight": e.weight,
                            "count": t.count,
                            "negated": t.negated,
                            "out_of_scope": t.out_of_scope,
                            "score": round(
                                t.count as f64 * e.weight
                                    + t.negated as f64 * e.weight * c.negated_weight,
                                4
                            ),
                        })
                    })
                    .collect();
                let excluded: Vec<Value> = self
                    .excluded(fi)
                    .into_iter()
                    .map(|(term, count)| json!({"term": term, "count": count}))
                    .collect();
                let rules: Vec<Value> = fs
                    .rules
                    .iter()
                    .map(|rc| {
                        let r = &c.rules[rc.rule];
                        json!({"rule": r.name, "weight": r.weight, "count": rc.count, "negated": rc.negated})
                    })
                    .collect();
                let p = &info.presence;
                json!({
                    "frame": info.id,
                    "rules": rules,
                    "present": fs.present,
                    "score": round(fs.score, 4),
                    "density": round(fs.density, 2),
                    "hits": fs.hits,
                    "negated": fs.negated,
                    "out_of_scope": fs.out_of_scope,
                    "scope": info.scope.map(|s| &c.scopes[s].name),
                    "distinct_terms": fs.distinct_terms(),
                    "thresholds": {
                        "min_score": p.min_score,
                        "min_hits": p.min_hits,
                        "min_terms": p.min_terms,
                        "min_density": p.min_density,
                    },
                    "terms": terms,
                    "excluded": excluded,
                })
            })
            .collect();
        let rule_hits: Vec<Value> = self
            .score
            .rule_hits
            .iter()
            .map(|h| {
                json!({
                    "start": h.start,
                    "end": h.end,
                    "text": &self.text[h.start..h.end],
                    "frame": c.frames[h.frame].id,
                    "rule": c.rules[h.rule].name,
                    "negated": h.negated,
                })
            })
            .collect();
        let scopes: serde_json::Map<String, Value> = c
            .scopes
            .iter()
            .zip(&self.score.scopes)
            .map(|(info, found)| {
                let terms: serde_json::Map<String, Value> = found
                    .terms
                    .iter()
                    .map(|&(t, n)| (c.scope_terms[t].text.clone(), json!(n)))
                    .collect();
                (
                    info.name.clone(),
                    json!({"hits": found.hits, "terms": terms, "window": info.window.to_string(), "min_hits": info.min_hits}),
                )
            })
            .collect();
        json!({
            "id": self.id,
            "scopes": scopes,
            "rule_hits": rule_hits,
            "words": self.score.words,
            "dominant": self.score.dominant.map(|d| &c.frames[d].id),
            "text": self.text,
            "hits": hits,
            "frames": frames,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::{LexiconSet, Source};
    use crate::Scorer;

    fn compiled() -> Compiled {
        let src = |name: &str, text: &str| Source {
            path: name.into(),
            text: text.into(),
        };
        Compiled::new(
            LexiconSet::from_sources(vec![
                src(
                    "threat.toml",
                    "id = \"threat\"\nname = \"T\"\nexclude = [\"social security\"]\n[presence]\nmin_score = 2.0\n[[group]]\nname = \"strong\"\nweight = 2.0\nterms = [\"national security\", \"arms race\"]\n[[group]]\nname = \"weak\"\nweight = 0.5\nterms = [\"threat*\", \"security\"]\n",
                ),
                src(
                    "coop.toml",
                    "id = \"coop\"\nname = \"C\"\n[[group]]\nname = \"core\"\nterms = [\"arms race\", \"dialogue\"]\n",
                ),
            ])
            .unwrap(),
        )
        .unwrap()
    }

    fn text_of(c: &Compiled, text: &str) -> String {
        let score = Scorer::new(c).score(text);
        let e = Explanation {
            compiled: c,
            id: "u1",
            text,
            score: &score,
        };
        let mut out = Vec::new();
        e.write_text(&mut out, false).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn markup_marks_each_kind_of_hit() {
        let c = compiled();
        let cases = [
            (
                "National security first.",
                "[threat: National security] first.",
            ),
            ("Not a threat.", "Not a [threat negated: threat]."),
            (
                "Social Security checks.",
                "[threat excluded: Social Security] checks.",
            ),
            ("An arms race.", "An [threat, coop: arms race]."),
            ("Nothing here.", "Nothing here."),
        ];
        for (text, want) in cases {
            let out = text_of(&c, text);
            assert_eq!(out.lines().nth(2), Some(want), "{out}");
        }
    }

    #[test]
    fn breakdown_adds_up() {
        let c = compiled();
        let out = text_of(
            &c,
            "A threat to national security, and threats. Not a threat.",
        );
        assert!(
            out.contains("threat  present: score 3 ≥ 2, hits 3 ≥ 1, terms 2 ≥ 1"),
            "{out}"
        );
        assert!(
            out.contains("national security  strong    1 × 2     = 2"),
            "{out}"
        );
        assert!(
            out.contains("threat*            weak      2 × 0.5   = 1"),
            "{out}"
        );
        assert!(
            out.contains("threat*            weak      1 × 0.5   × 0 (negated) = 0"),
            "{out}"
        );
        assert!(out.contains("coop  absent: no hits"), "{out}");
        let out = text_of(&c, "A threat.");
        assert!(
            out.contains("threat  absent: score 0.5 < 2 ✗, hits 1 ≥ 1, terms 1 ≥ 1"),
            "{out}"
        );
        // An exclusion is listed once, with how often it won a span.
        let out = text_of(&c, "Social Security, a threat, and social security.");
        let excluded: Vec<&str> = out.lines().filter(|l| l.contains("excluded by")).collect();
        assert_eq!(
            excluded,
            ["  excluded by \"social security\" ×2: counts nothing"],
            "{out}"
        );
    }

    #[test]
    fn json_spans_index_the_text() {
        let c = compiled();
        let text = "Les ÉTATS‑UNIS: an arms—race and Social Security.";
        let score = Scorer::new(&c).score(text);
        let v = Explanation {
            compiled: &c,
            id: "u",
            text,
            score: &score,
        }
        .to_json();
        let hits = v["hits"].as_array().unwrap();
        assert_eq!(hits.len(), 3); // arms race in two frames, social security excluded
        for h in hits {
            let (s, e) = (h["start"].as_u64().unwrap(), h["end"].as_u64().unwrap());
            assert_eq!(&text[s as usize..e as usize], h["text"].as_str().unwrap());
        }
        assert_eq!(hits[0]["text"], "arms—race");
        assert_eq!(hits[2]["kind"], "excluded");
        assert_eq!(hits[2]["group"], Value::Null);
        assert_eq!(v["frames"][1]["present"], true);
        assert_eq!(v["frames"][0]["excluded"][0]["term"], "social security");
    }

    #[test]
    fn colour_only_when_asked() {
        let c = compiled();
        let text = "National security.";
        let score = Scorer::new(&c).score(text);
        let e = Explanation {
            compiled: &c,
            id: "u",
            text,
            score: &score,
        };
        let mut out = Vec::new();
        e.write_text(&mut out, true).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(s.contains("\x1b["));
        assert!(!s.contains("[threat:"));
    }

    /// A span is drawn in the colour of the first frame it counts for, even when an
    /// earlier frame excludes it, and underlined when it hits several frames.
    #[test]
    fn colour_follows_the_counting_frame_and_underlines_shared_spans() {
        let src = |name: &str, text: &str| Source {
            path: name.into(),
            text: text.into(),
        };
        let c = Compiled::new(
            LexiconSet::from_sources(vec![
                src(
                    "a.toml",
                    "id = \"a\"\nname = \"A\"\ncolor = \"red\"\nexclude = [\"grid\"]\n[[group]]\nname = \"g\"\nterms = [\"power\"]\n",
                ),
                src(
                    "b.toml",
                    "id = \"b\"\nname = \"B\"\ncolor = \"blue\"\n[[group]]\nname = \"g\"\nterms = [\"grid\", \"power\", \"crisis\"]\n",
                ),
            ])
            .unwrap(),
        )
        .unwrap();
        let colour = |text: &str| {
            let score = Scorer::new(&c).score(text);
            let mut out = Vec::new();
            Explanation {
                compiled: &c,
                id: "u",
                text,
                score: &score,
            }
            .write_text(&mut out, true)
            .unwrap();
            String::from_utf8(out).unwrap()
        };
        let style = |fg: anstyle::AnsiColor, e: Effects| fg.on_default().effects(e);
        let marked = |s: Style, words: &str| format!("{s}{words}{s:#}");
        let cases = [
            // Excluded by a, counted by b: b's colour, underlined (two frames).
            (
                "The grid.",
                marked(
                    style(anstyle::AnsiColor::Blue, Effects::BOLD | Effects::UNDERLINE),
                    "grid",
                ),
            ),
            // Counted by both: the first frame's colour, underlined.
            (
                "The power.",
                marked(
                    style(anstyle::AnsiColor::Red, Effects::BOLD | Effects::UNDERLINE),
                    "power",
                ),
            ),
            // One frame: not underlined.
            (
                "The crisis.",
                marked(style(anstyle::AnsiColor::Blue, Effects::BOLD), "crisis"),
            ),
        ];
        for (text, want) in cases {
            let out = colour(text);
            let line = out.lines().nth(3).unwrap_or_default();
            assert_eq!(line, format!("The {want}."), "{out:?}");
        }
    }
}
