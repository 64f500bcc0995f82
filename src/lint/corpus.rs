//! What a corpus says about a lexicon set (`framelex check --corpus`): terms that never
//! hit, terms that always lose the overlap, what each wildcard expands to, which terms
//! carry each frame, and what each scope holds back.

use super::*;

/// The place where a compiled term was listed (its first listing).
pub fn listing<'s>(set: &'s LexiconSet, entry: &TermEntry) -> Option<&'s Term> {
    let frame = set.frames.get(entry.frame)?;
    let mut candidates: Box<dyn Iterator<Item = &Term>> = if entry.exclusion {
        Box::new(frame.exclude.iter())
    } else {
        Box::new(frame.groups.get(entry.group)?.terms.iter())
    };
    candidates.find(|t| t.text.trim() == entry.text)
}

#[derive(Debug, Clone, Default)]
struct ProbePattern {
    exact: Vec<usize>,
    wild: Vec<usize>,
    first: Option<CharClass>,
    last: Option<CharClass>,
}

/// Finds every place where each term *could* hit, alone, so that a corpus check can tell
/// a term that never occurs from one that occurs but always loses to a longer match.
///
/// It applies the same word boundaries and wildcard extension as the scorer, but keeps
/// every occurrence instead of resolving overlaps.
#[derive(Debug, Clone)]
pub struct Probe<'c> {
    compiled: &'c Compiled,
    ac: AhoCorasick,
    patterns: Vec<ProbePattern>,
}

/// What one document adds to a [`CorpusStats`].
#[derive(Debug, Clone, Default)]
pub struct Observation {
    /// Every occurrence: (term, the term whose hit covered it instead — `None` when the
    /// term hit there itself).
    occurrences: Vec<(usize, Option<usize>)>,
    /// Wildcard hits (counted or negated): (term, the matched words in lower case).
    expansions: Vec<(usize, String)>,
}

impl<'c> Probe<'c> {
    /// A probe for every term and exclusion of `compiled`.
    pub fn new(compiled: &'c Compiled) -> Probe<'c> {
        let mut stems: Vec<String> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<ProbePattern> = Vec::new();
        for (i, t) in compiled.terms.iter().enumerate() {
            let stem = normalize_str(t.text.strip_suffix('*').unwrap_or(&t.text));
            let p = *index.entry(stem.clone()).or_insert_with(|| {
                patterns.push(ProbePattern {
                    first: stem.chars().next().map(char_class),
                    last: stem.chars().next_back().map(char_class),
                    ..ProbePattern::default()
                });
                stems.push(stem);
                patterns.len() - 1
            });
            if t.wildcard {
                patterns[p].wild.push(i);
            } else {
                patterns[p].exact.push(i);
            }
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&stems)
            .expect("the compiled set's own stems build an automaton");
        Probe {
            compiled,
            ac,
            patterns,
        }
    }

    /// Compares where each term could hit in `text` with where it did (`score`).
    pub fn observe(&self, text: &str, score: &DocScore) -> Observation {
        let mut norm = Normalizer::default();
        norm.normalize(text);
        let s = norm.text();
        let hit_at: HashSet<(usize, usize, usize)> = score
            .hits
            .iter()
            .map(|h| (h.term, h.start, h.end))
            .collect();
        let mut obs = Observation::default();
        for m in self.ac.find_overlapping_iter(s) {
            let pat = &self.patterns[m.pattern().as_usize()];
            let before = s[..m.start()].chars().next_back().map(char_class);
            if pat.first == Some(CharClass::Word) && before == Some(CharClass::Word) {
                continue;
            }
            let after = s[m.end()..].chars().next().map(char_class);
            let mut spans: Vec<(usize, &[usize])> = Vec::new();
            let end_ok = pat.last != Some(CharClass::Word) || after != Some(CharClass::Word);
            if !pat.exact.is_empty() && end_ok {
                spans.push((m.end(), &pat.exact));
            }
            if !pat.wild.is_empty() {
                let mut end = m.end();
                if pat.last != Some(CharClass::Continuous) {
                    for c in s[end..].chars() {
                        if char_class(c) != CharClass::Word {
                            break;
                        }
                        end += c.len_utf8();
                    }
                }
                spans.push((end, &pat.wild));
            }
            for (end, terms) in spans {
                let (os, oe) = (norm.orig_start(m.start()), norm.orig_end(end));
                for &t in terms {
                    if hit_at.contains(&(t, os, oe)) {
                        obs.occurrences.push((t, None));
                        continue;
                    }
                    let frame = self.compiled.terms[t].frame;
                    let first = score.hits.partition_point(|h| h.end <= os);
                    let covering = score.hits[first..]
                        .iter()
                        .take_while(|h| h.start < oe)
                        .min_by_key(|h| h.frame != frame)
                        .map(|h| h.term);
                    obs.occurrences.push((t, covering));
                }
            }
        }
        for h in &score.hits {
            if h.kind != HitKind::Excluded && self.compiled.terms[h.term].wildcard {
                let form = text[h.start..h.end]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase();
                obs.expansions.push((h.term, form));
            }
        }
        obs
    }
}

fn times(n: u64) -> String {
    match n {
        1 => "once".into(),
        2 => "twice".into(),
        n => format!("{n} times"),
    }
}

/// Per-term counts over a corpus.
#[derive(Debug, Clone, Default)]
pub struct TermStats {
    /// Places where the term could hit on its own.
    pub occurrences: u64,
    /// Counted hits.
    pub counted: u64,
    /// Negated hits.
    pub negated: u64,
    /// For exclusions: the times it won a span.
    pub excluded: u64,
    /// Hits held back because the frame's scope was not met around them.
    pub out_of_scope: u64,
    /// Occurrences lost to another term's hit: that term → times.
    pub lost_to: BTreeMap<usize, u64>,
    /// For wildcards: matched words → hits.
    pub expansions: HashMap<String, u64>,
}

/// Counts gathered over a corpus, document by document.
#[derive(Debug, Clone)]
pub struct CorpusStats {
    /// Documents seen.
    pub units: u64,
    /// Per term of the compiled set's term table.
    pub terms: Vec<TermStats>,
    /// Per frame: documents where it is present.
    pub present: Vec<u64>,
    /// Per frame: hits held back by its scope.
    pub out_of_scope: Vec<u64>,
    /// Per scope: documents with at least `min_hits` of its terms anywhere.
    pub scope_units: Vec<u64>,
    /// Per scope term (of [`Compiled::scope_terms`]): its hits.
    pub scope_terms: Vec<u64>,
    scope_min_hits: Vec<u32>,
}

/// A wildcard's most frequent expansions.
#[derive(Debug, Clone, Serialize)]
pub struct WildcardReport {
    /// Frame id.
    pub frame: String,
    /// The wildcard as written.
    pub term: String,
    /// Hits (counted and negated).
    pub hits: u64,
    /// Distinct matched words.
    pub forms: usize,
    /// The most frequent matched words, with their hits.
    pub top: Vec<(String, u64)>,
}

/// A term's share of its frame's counted hits.
#[derive(Debug, Clone, Serialize)]
pub struct TermShare {
    /// The term as written.
    pub term: String,
    /// Its counted hits.
    pub hits: u64,
    /// `hits` / the frame's counted hits.
    pub share: f64,
}

/// A frame's counts over a corpus.
#[derive(Debug, Clone, Serialize)]
pub struct FrameReport {
    /// Frame id.
    pub frame: String,
    /// Documents where it is present.
    pub present: u64,
    /// Counted hits.
    pub hits: u64,
    /// Terms of the frame listed (not exclusions).
    pub terms: usize,
    /// Terms with at least one hit (counted or negated).
    pub terms_hit: usize,
    /// Exclusion phrases of the frame.
    pub exclusions: usize,
    /// Exclusion phrases that won a span at least once.
    pub exclusions_hit: usize,
    /// The terms with most counted hits.
    pub top: Vec<TermShare>,
    /// Hits held back by the frame's scope (0 without a scope).
    pub out_of_scope: u64,
}

/// A scope's counts over a corpus.
#[derive(Debug, Clone, Serialize)]
pub struct ScopeReport {
    /// The scope's name.
    pub scope: String,
    /// Documents with at least `min_hits` of its terms anywhere in them.
    pub units: u64,
    /// Its terms with most hits, with their hits.
    pub top: Vec<(String, u64)>,
}

/// What a corpus says about a set, beyond the lints.
#[derive(Debug, Clone, Serialize)]
pub struct CorpusReport {
    /// Documents read.
    pub units: u64,
    /// Per wildcard that hit, in frame and listing order.
    pub wildcards: Vec<WildcardReport>,
    /// Per frame, in set order.
    pub frames: Vec<FrameReport>,
    /// Per scope, in set order.
    pub scopes: Vec<ScopeReport>,
}

impl CorpusStats {
    /// Empty counts for `compiled`.
    pub fn new(compiled: &Compiled) -> CorpusStats {
        CorpusStats {
            units: 0,
            terms: vec![TermStats::default(); compiled.terms.len()],
            present: vec![0; compiled.frames.len()],
            out_of_scope: vec![0; compiled.frames.len()],
            scope_units: vec![0; compiled.scopes.len()],
            scope_terms: vec![0; compiled.scope_terms.len()],
            scope_min_hits: compiled.scopes.iter().map(|s| s.min_hits).collect(),
        }
    }

    /// Adds one document.
    pub fn add(&mut self, score: &DocScore, obs: Observation) {
        self.units += 1;
        for (f, fs) in score.frames.iter().enumerate() {
            self.present[f] += u64::from(fs.present);
            self.out_of_scope[f] += u64::from(fs.out_of_scope);
        }
        for (s, found) in score.scopes.iter().enumerate() {
            self.scope_units[s] += u64::from(found.hits >= self.min_hits(s));
            for &(t, n) in &found.terms {
                self.scope_terms[t] += u64::from(n);
            }
        }
        for h in &score.hits {
            let t = &mut self.terms[h.term];
            match h.kind {
                HitKind::Counted => t.counted += 1,
                HitKind::Negated => t.negated += 1,
                HitKind::Excluded => t.excluded += 1,
                HitKind::OutOfScope => t.out_of_scope += 1,
            }
        }
        for (term, lost) in obs.occurrences {
            let t = &mut self.terms[term];
            t.occurrences += 1;
            if let Some(by) = lost {
                *t.lost_to.entry(by).or_default() += 1;
            }
        }
        for (term, form) in obs.expansions {
            *self.terms[term].expansions.entry(form).or_default() += 1;
        }
    }

    /// Warnings from the corpus: per frame, the terms that never occur (`dead-term`), and
    /// each term that occurs but never counts, because a longer match always wins
    /// (`shadowed-in-corpus`).
    pub fn lints(&self, compiled: &Compiled) -> Vec<Lint> {
        let set = &compiled.set;
        let mut out = Vec::new();
        for (fi, frame) in compiled.frames.iter().enumerate() {
            let mut dead: Vec<&Term> = Vec::new();
            for (ti, entry) in compiled.terms.iter().enumerate() {
                if entry.frame != fi || entry.exclusion {
                    continue;
                }
                let stats = &self.terms[ti];
                let Some(term) = listing(set, entry) else {
                    continue;
                };
                if stats.occurrences == 0 {
                    dead.push(term);
                } else if stats.counted + stats.negated == 0 {
                    let mut by: Vec<(&usize, &u64)> = stats.lost_to.iter().collect();
                    by.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
                    let by: Vec<String> = by
                        .iter()
                        .take(5)
                        .map(|(&t, n)| {
                            let e = &compiled.terms[t];
                            let kind = if e.exclusion { "exclusion" } else { "term" };
                            format!(
                                "\"{}\" ×{n} ({kind} of {})",
                                e.text, compiled.frames[e.frame].id
                            )
                        })
                        .collect();
                    out.push(
                        Lint::warning(
                            "shadowed-in-corpus",
                            format!(
                                "term \"{}\" of frame \"{}\" occurs {} in the corpus but never counts",
                                entry.text,
                                frame.id,
                                times(stats.occurrences)
                            ),
                        )
                        .at(term.source, term.span.clone(), "always inside another match")
                        .help(format!("each time, another match won the words: {}", by.join(", "))),
                    );
                }
            }
            if let Some(first) = dead.first() {
                let mut lint = Lint::warning(
                    "dead-term",
                    format!(
                        "frame \"{}\": {} of {} terms never hit in the corpus ({} units)",
                        frame.id,
                        dead.len(),
                        compiled
                            .terms
                            .iter()
                            .filter(|t| t.frame == fi && !t.exclusion)
                            .count(),
                        self.units
                    ),
                )
                .at(first.source, first.span.clone(), "never hits")
                .help("a dead term costs nothing, but it may be misspelt or too specific; a bigger corpus may bring it to life");
                for t in &dead[1..] {
                    lint = lint.also(t.source, t.span.clone(), "never hits");
                }
                out.push(lint);
            }
        }
        sort_lints(&mut out);
        out
    }

    /// The `min_hits` of scope `s`, kept from the compiled set when counting started.
    fn min_hits(&self, s: usize) -> u32 {
        self.scope_min_hits.get(s).copied().unwrap_or(1)
    }

    /// Wildcard expansions and each frame's top terms, `top` of each.
    pub fn report(&self, compiled: &Compiled, top: usize) -> CorpusReport {
        let top_n = top;
        let mut wildcards = Vec::new();
        for (ti, entry) in compiled.terms.iter().enumerate() {
            let stats = &self.terms[ti];
            if !entry.wildcard || entry.exclusion || stats.expansions.is_empty() {
                continue;
            }
            let mut forms: Vec<(String, u64)> = stats
                .expansions
                .iter()
                .map(|(k, v)| (k.clone(), *v))
                .collect();
            forms.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            wildcards.push(WildcardReport {
                frame: compiled.frames[entry.frame].id.clone(),
                term: entry.text.clone(),
                hits: stats.counted + stats.negated,
                forms: forms.len(),
                top: forms.into_iter().take(top).collect(),
            });
        }
        // Within a frame, the broadest first: that is where over-broad stems show.
        wildcards.sort_by_key(|w: &WildcardReport| {
            (
                compiled.frame_index(&w.frame),
                std::cmp::Reverse(w.forms),
                std::cmp::Reverse(w.hits),
            )
        });
        let frames = compiled
            .frames
            .iter()
            .enumerate()
            .map(|(fi, f)| {
                let terms: Vec<(usize, &TermEntry)> = compiled
                    .terms
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| t.frame == fi && !t.exclusion)
                    .collect();
                let hits: u64 = terms.iter().map(|(i, _)| self.terms[*i].counted).sum();
                let exclusions: Vec<usize> = (0..compiled.terms.len())
                    .filter(|&i| compiled.terms[i].frame == fi && compiled.terms[i].exclusion)
                    .collect();
                let mut shares: Vec<TermShare> = terms
                    .iter()
                    .filter(|(i, _)| self.terms[*i].counted > 0)
                    .map(|(i, t)| TermShare {
                        term: t.text.clone(),
                        hits: self.terms[*i].counted,
                        share: self.terms[*i].counted as f64 / hits as f64,
                    })
                    .collect();
                shares.sort_by(|a, b| b.hits.cmp(&a.hits).then(a.term.cmp(&b.term)));
                shares.truncate(top);
                FrameReport {
                    frame: f.id.clone(),
                    present: self.present[fi],
                    hits,
                    terms: terms.len(),
                    terms_hit: terms
                        .iter()
                        .filter(|(i, _)| self.terms[*i].counted + self.terms[*i].negated > 0)
                        .count(),
                    top: shares,
                    exclusions: exclusions.len(),
                    exclusions_hit: exclusions
                        .iter()
                        .filter(|&&i| self.terms[i].excluded > 0)
                        .count(),
                    out_of_scope: self.out_of_scope[fi],
                }
            })
            .collect();
        let scopes = compiled
            .scopes
            .iter()
            .enumerate()
            .map(|(si, info)| {
                let mut top: Vec<(String, u64)> = compiled
                    .scope_terms
                    .iter()
                    .enumerate()
                    .filter(|(t, st)| st.scope == si && self.scope_terms[*t] > 0)
                    .map(|(t, st)| (st.text.clone(), self.scope_terms[t]))
                    .collect();
                top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                top.truncate(top_n);
                ScopeReport {
                    scope: info.name.clone(),
                    units: self.scope_units[si],
                    top,
                }
            })
            .collect();
        CorpusReport {
            units: self.units,
            wildcards,
            frames,
            scopes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::{LexiconSet, Source};
    use crate::Scorer;

    /// An occurrence of a wildcard is the whole word it hit (`secur*` → "Securities"),
    /// so that it is found among the hits and counted as the term's own.
    #[test]
    fn wildcard_occurrences_run_to_the_end_of_their_word() {
        let set = LexiconSet::from_sources(vec![Source {
            path: "a.toml".into(),
            text: "id = \"a\"\nname = \"A\"\n[[group]]\nname = \"g\"\nterms = [\"secur*\", \"fell\"]\n"
                .into(),
        }])
        .unwrap();
        let c = Compiled::new(set).unwrap();
        let text = "Securities fell; sécurité.";
        let score = Scorer::new(&c).score(text);
        let obs = Probe::new(&c).observe(text, &score);
        assert_eq!(obs.occurrences, [(0, None), (1, None)]);
        let forms: Vec<&str> = obs.expansions.iter().map(|(_, f)| f.as_str()).collect();
        assert_eq!(forms, ["securities"]);
    }
}
