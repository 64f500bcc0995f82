//! Validation of a parsed lexicon set: everything serde's types cannot say (weights in
//! range, ids, duplicate frames, rules and scopes that refer to what exists), each reported
//! as a [`Diagnostic`] at its `file:line:col`. Apart from the model so that the model reads
//! as the format and this file as its rules.

use super::*;

/// Whether `id` is a valid scope identifier: lower-case ASCII letters, digits and `_`,
/// starting with a letter.
pub(super) fn valid_id(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Whether `id` is a valid frame identifier: ASCII letters, digits and `_`, starting with a
/// letter. Capitals are allowed so that frames can carry the names of an established
/// scheme (`Crime_and_punishment` in SemEval-2023), which gold labels use verbatim.
pub(super) fn valid_frame_id(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_alphabetic())
        && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

pub(super) struct Validator<'a> {
    pub(super) sources: &'a [Source],
    pub(super) diagnostics: Vec<Diagnostic>,
}

impl Validator<'_> {
    pub(super) fn location(&self, source: usize, offset: usize) -> Location {
        let src = &self.sources[source];
        let (line, col) = src.line_col(offset);
        Location {
            path: src.path.clone(),
            line,
            col,
        }
    }

    pub(super) fn error(&mut self, source: usize, span: Option<Range<usize>>, message: String) {
        let offset = span.as_ref().map_or(0, |s| s.start);
        let location = if span.is_some() {
            Some(self.location(source, offset))
        } else {
            Some(Location {
                path: self.sources[source].path.clone(),
                line: 1,
                col: 1,
            })
        };
        self.diagnostics.push(Diagnostic {
            location,
            span,
            message,
        });
    }

    pub(super) fn toml_error(&mut self, source: usize, e: &toml::de::Error) {
        // A syntax error is reported as `check` reports it: the first one in the file.
        // The deserializer's own error can be a later symptom of it (after an
        // unterminated string, "missing comma" on the next line).
        let (_, syntax) = toml::de::DeTable::parse_recoverable(&self.sources[source].text);
        if let Some(first) = syntax
            .iter()
            .min_by_key(|e| e.span().map_or(usize::MAX, |s| s.start))
        {
            let message = first.message().trim().replace('\n', " ");
            self.error(source, first.span(), message);
            return;
        }
        let message = e.message().trim().replace('\n', " ");
        self.error(source, e.span(), message);
    }

    pub(super) fn frame(&mut self, source: usize, f: FrameFile) -> Option<Frame> {
        let before = self.diagnostics.len();
        let id = f.id.get_ref();
        if !valid_frame_id(id) {
            self.error(
                source,
                Some(f.id.span()),
                format!(
                    "frame id \"{id}\" must be ASCII letters, digits and _, starting with a letter"
                ),
            );
        }
        let color = match &f.color {
            None => None,
            Some(c) => match Color::parse(c.get_ref()) {
                Some(col) => Some(col),
                None => {
                    self.error(
                        source,
                        Some(c.span()),
                        format!(
                            "unknown color \"{}\"; expected one of red, green, yellow, blue, magenta, cyan",
                            c.get_ref()
                        ),
                    );
                    None
                }
            },
        };
        let p = f.presence;
        if !(p.min_score.is_finite() && p.min_density.is_finite()) {
            self.error(
                source,
                None,
                "presence thresholds must be finite numbers".into(),
            );
        } else if p.min_score < 0.0 || p.min_density < 0.0 {
            // A negative threshold is reached by a unit with no hit at all: never what
            // was meant (negative weights are allowed; `check` warns of them).
            self.error(
                source,
                None,
                format!(
                    "[presence] min_score and min_density must be 0 or more (found min_score = {}, min_density = {})",
                    p.min_score, p.min_density
                ),
            );
        }
        let mut groups = Vec::new();
        for g in f.groups {
            if !g.weight.get_ref().is_finite() {
                self.error(
                    source,
                    Some(g.weight.span()),
                    "weight must be a finite number".into(),
                );
            }
            let terms = g
                .terms
                .into_iter()
                .filter_map(|t| self.term(source, t))
                .collect();
            groups.push(Group {
                name: g.name.into_inner(),
                description: g.description,
                weight: *g.weight.get_ref(),
                terms,
            });
        }
        let exclude = f
            .exclude
            .into_iter()
            .filter_map(|t| self.term(source, t))
            .collect();
        let mut rules = Vec::new();
        for r in f.rules {
            let span = r.name.span();
            if !r.weight.get_ref().is_finite() {
                self.error(
                    source,
                    Some(r.weight.span()),
                    "weight must be a finite number".into(),
                );
            }
            if r.window == 0 {
                self.error(
                    source,
                    Some(span.clone()),
                    format!(
                        "rule \"{}\": window must be at least 1 word",
                        r.name.get_ref()
                    ),
                );
            }
            let all_span = r.all.span();
            let written = r.all.get_ref().iter().map(Vec::len).collect::<Vec<_>>();
            let groups: Vec<Vec<Term>> = r
                .all
                .into_inner()
                .into_iter()
                .map(|g| g.into_iter().filter_map(|t| self.term(source, t)).collect())
                .collect();
            if groups.len() < 2 {
                self.error(
                    source,
                    Some(all_span.clone()),
                    format!(
                        "rule \"{}\" needs at least two term groups in `all`",
                        r.name.get_ref()
                    ),
                );
            }
            // A group emptied by its terms' own errors is not reported again.
            if written.contains(&0) {
                self.error(
                    source,
                    Some(all_span),
                    format!("rule \"{}\" has an empty term group", r.name.get_ref()),
                );
            }
            let none = r
                .none
                .into_iter()
                .filter_map(|t| self.term(source, t))
                .collect();
            rules.push(Rule {
                name: r.name.into_inner(),
                description: r.description,
                weight: *r.weight.get_ref(),
                window: r.window,
                ordered: r.ordered,
                same_sentence: r.same_sentence,
                all: groups,
                none,
                name_span: span,
            });
        }
        if self.diagnostics.len() > before {
            return None;
        }
        Some(Frame {
            rules,
            scope_span: f.scope.as_ref().map(Spanned::span),
            scope: f.scope.map(Spanned::into_inner),
            id_span: f.id.span(),
            id: f.id.into_inner(),
            name: f.name,
            description: f.description,
            color,
            presence: f.presence,
            groups,
            exclude,
            source,
        })
    }

    /// Validates one `[scope.NAME]` table of `set.toml`.
    pub(super) fn scope(
        &mut self,
        source: usize,
        name: Spanned<String>,
        f: ScopeFile,
    ) -> Option<Scope> {
        let before = self.diagnostics.len();
        let name_span = name.span();
        let name = name.into_inner();
        if !valid_id(&name) {
            self.error(
                source,
                Some(name_span.clone()),
                format!("scope name \"{name}\" must be lower-case ASCII letters, digits and _, starting with a letter"),
            );
        }
        let terms_span = f.terms.span();
        let written = f.terms.get_ref().len();
        let terms: Vec<Term> = f
            .terms
            .into_inner()
            .into_iter()
            .filter_map(|t| self.term(source, t))
            .collect();
        if written == 0 {
            self.error(
                source,
                Some(terms_span),
                format!("scope \"{name}\" has no terms"),
            );
        }
        let exclude = f
            .exclude
            .into_iter()
            .filter_map(|t| self.term(source, t))
            .collect();
        let min_hits = match f.min_hits {
            Some(m) if *m.get_ref() == 0 => {
                self.error(
                    source,
                    Some(m.span()),
                    format!("scope \"{name}\": min_hits must be at least 1 (to stop restricting a frame, remove its `scope` key)"),
                );
                1
            }
            Some(m) => *m.get_ref(),
            None => 1,
        };
        let document_min_hits = match f.document_min_hits {
            Some(m) if *m.get_ref() == 0 => {
                self.error(
                    source,
                    Some(m.span()),
                    format!("scope \"{name}\": document_min_hits must be at least 1"),
                );
                None
            }
            m => m.map(Spanned::into_inner),
        };
        let window = match f.window {
            None => ScopeWindow::Unit,
            Some(w) => {
                let span = w.span();
                match parse_window(w.get_ref()) {
                    Some(win) => win,
                    None => {
                        self.error(
                            source,
                            Some(span),
                            format!(
                                "scope \"{name}\": window must be \"unit\", \"document\", \"paragraph\", \"sentence\" or a number of words of at least 1, not {}",
                                w.get_ref()
                            ),
                        );
                        ScopeWindow::Unit
                    }
                }
            }
        };
        if self.diagnostics.len() > before {
            return None;
        }
        Some(Scope {
            name,
            description: f.description,
            terms,
            exclude,
            min_hits,
            window,
            document_min_hits,
            source,
            name_span,
        })
    }

    fn term(&mut self, source: usize, t: Spanned<String>) -> Option<Term> {
        let span = t.span();
        let text = t.into_inner();
        let body = text.trim();
        let stem = body.strip_suffix('*').unwrap_or(body);
        if body.is_empty() {
            self.error(source, Some(span), "empty term".into());
            return None;
        }
        if stem.contains('*') {
            self.error(
                source,
                Some(span),
                format!("wildcard * is allowed only at the end of a term: \"{text}\""),
            );
            return None;
        }
        if normalize_str(stem).is_empty() {
            self.error(
                source,
                Some(span),
                // Debug-quoted: the invisible characters the term consists of are shown
                // escaped ("\u{200b}") rather than printed as nothing.
                format!("term {text:?} normalises to nothing (only spaces, dashes or invisible characters)"),
            );
            return None;
        }
        Some(Term { text, source, span })
    }
}

/// A scope window as written: one of the names, or a positive number of words.
fn parse_window(v: &toml::Value) -> Option<ScopeWindow> {
    match v {
        toml::Value::String(s) => match s.as_str() {
            "unit" => Some(ScopeWindow::Unit),
            "document" => Some(ScopeWindow::Document),
            "paragraph" => Some(ScopeWindow::Paragraph),
            "sentence" => Some(ScopeWindow::Sentence),
            _ => None,
        },
        toml::Value::Integer(n) if *n >= 1 => u32::try_from(*n).ok().map(ScopeWindow::Words),
        _ => None,
    }
}
