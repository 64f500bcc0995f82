//! `framelex lexicons list|export|import`: see what a set contains, or start editing a copy
//! of the embedded defaults. Import and export in other tools' formats are in
//! `dictionary.rs`.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use framelex::lexicon::{embedded_set, LexiconSet, EMBEDDED_SETS};

use crate::cli::LexiconsCommand;

pub fn run(cmd: LexiconsCommand) -> Result<ExitCode> {
    match cmd {
        LexiconsCommand::List { lexicons } => {
            let compiled = super::load_lexicons(&lexicons)?;
            let set = &compiled.set;
            let mut out = std::io::stdout().lock();
            writeln!(
                out,
                "lexicon set \"{}\": {}, {}; negation window {}, negated weight {}",
                set.name,
                super::plural(set.frames.len(), "frame"),
                super::plural(compiled.pattern_count(), "automaton pattern"),
                super::plural(set.negation.window as usize, "word"),
                set.negation.weight
            )?;
            let counts = compiled.term_counts();
            for (frame, &terms) in set.frames.iter().zip(&counts) {
                let p = frame.presence;
                writeln!(
                    out,
                    "\n{}  ({})\n  {} in {}, {}, {}; present when score >= {}, hits >= {}, terms >= {}, density >= {}",
                    frame.id,
                    frame.name,
                    super::plural(terms, "term"),
                    super::plural(frame.groups.len(), "group"),
                    super::plural(frame.rules.len(), "rule"),
                    super::plural(frame.exclude.len(), "exclusion"),
                    p.min_score,
                    p.min_hits,
                    p.min_terms,
                    p.min_density
                )?;
                if let Some(scope) = &frame.scope {
                    writeln!(out, "  scope: {scope}")?;
                }
                for g in &frame.groups {
                    writeln!(
                        out,
                        "    {:<24} weight {:>5}  {:>4} terms",
                        g.name,
                        g.weight,
                        g.terms.len()
                    )?;
                }
            }
            for scope in &set.scopes {
                writeln!(
                    out,
                    "\nscope {}: {}, {}; a hit counts when at least {} of its terms occur in the {}{}",
                    scope.name,
                    super::plural(scope.terms.len(), "term"),
                    super::plural(scope.exclude.len(), "exclusion"),
                    scope.min_hits,
                    match scope.window {
                        framelex::lexicon::ScopeWindow::Words(n) => format!("{n} words around it"),
                        w => w.to_string(),
                    },
                    match scope.document_min_hits {
                        Some(n) => format!(", or anywhere in a document with at least {n} of them"),
                        None => String::new(),
                    }
                )?;
            }
            writeln!(out, "\nembedded sets (name one with --lexicons NAME):")?;
            for embedded in EMBEDDED_SETS {
                let frames =
                    LexiconSet::embedded_named(embedded.name).map_or(0, |s| s.frames.len());
                writeln!(
                    out,
                    "  {:<14} {}: {}",
                    embedded.name,
                    super::plural(frames, "frame"),
                    embedded.summary
                )?;
            }
            Ok(ExitCode::SUCCESS)
        }
        LexiconsCommand::Import {
            files,
            output,
            format,
            level,
            negation,
            name,
            force,
        } => super::dictionary::import(super::dictionary::ImportArgs {
            files,
            output,
            format,
            level,
            negation,
            name,
            force,
        }),
        LexiconsCommand::Export {
            dir,
            set,
            lexicons,
            to: Some(to),
            force,
        } => super::dictionary::export(&dir, &set, &lexicons, to, force),
        LexiconsCommand::Export {
            dir, set, force, ..
        } => {
            let Some(set) = embedded_set(&set) else {
                let names: Vec<&str> = EMBEDDED_SETS.iter().map(|s| s.name).collect();
                bail!(
                    "--set {set}: no embedded set of that name (embedded sets: {})",
                    names.join(", ")
                );
            };
            std::fs::create_dir_all(&dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
            let existing: Vec<String> = set
                .files
                .iter()
                .map(|(name, _)| dir.join(name))
                .filter(|p| p.exists())
                .map(|p| p.display().to_string())
                .collect();
            if !existing.is_empty() && !force {
                bail!(
                    "{} already exist(s); use --force to overwrite",
                    existing.join(", ")
                );
            }
            for (name, text) in set.files {
                let path = dir.join(name);
                std::fs::write(&path, text)
                    .with_context(|| format!("cannot write {}", path.display()))?;
            }
            eprintln!(
                "framelex: wrote the {} set ({}) to {}; use it with --lexicons {}",
                set.name,
                super::plural(set.files.len(), "file"),
                dir.display(),
                dir.display()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}
