//! `framelex lexicons import` and `lexicons export --to`: dictionaries of LIWC, LIWC-22,
//! quanteda, Lexicoder, WordStat and Yoshikoder in, and YAML, `.dic` and `.dicx` out. The
//! formats are the library's (`framelex::dictionary`); this file reads and writes the
//! files, prints what changed and checks that the set written loads.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use framelex::dictionary::{self, ExportFormat, Format, ImportOptions, Input, NoteKind};
use framelex::lexicon::{embedded_set, LexiconSet};

use crate::cli::{ExportTo, ImportFormat};

pub struct ImportArgs {
    pub files: Vec<PathBuf>,
    pub output: PathBuf,
    pub format: Option<ImportFormat>,
    pub level: Option<u32>,
    pub negation: bool,
    pub name: Option<String>,
    pub force: bool,
}

fn format_of(choice: ImportFormat) -> Format {
    match choice {
        ImportFormat::Liwc => Format::Dic,
        ImportFormat::Dicx => Format::Dicx,
        ImportFormat::Yaml => Format::Yaml,
        ImportFormat::Lc3 => Format::Lc3,
        ImportFormat::Cat => Format::Cat,
        ImportFormat::Ykd => Format::Ykd,
    }
}

fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub fn import(args: ImportArgs) -> Result<ExitCode> {
    let started = Instant::now();
    let mut inputs = Vec::new();
    for path in &args.files {
        let shown = path.display().to_string();
        let bytes = std::fs::read(path).with_context(|| format!("{shown}: cannot read"))?;
        let (text, encoding) = dictionary::decode(&bytes);
        let format = match args.format {
            Some(f) => format_of(f),
            None => match Format::from_extension(path).or_else(|| Format::sniff(&text)) {
                Some(f) => f,
                None => bail!(
                    "{shown}: cannot tell the dictionary's format from its name or content; name it with --format liwc|dicx|yaml|lc3|cat|ykd"
                ),
            },
        };
        let mut dict = dictionary::read(&text, format).map_err(|e| {
            anyhow::anyhow!(
                "{shown}:{}{e} (read as a {format} dictionary{})",
                if e.line.is_some() { "" } else { " " },
                if args.format.is_none() {
                    "; name another format with --format"
                } else {
                    ""
                }
            )
        })?;
        if let Some(enc) = encoding {
            let note = dictionary::Note::file_changed(format!("not UTF-8: read as {enc}"));
            dict.notes.insert(0, note);
        }
        inputs.push(Input {
            path: shown,
            format,
            dictionary: dict,
        });
    }
    let first = &args.files[0];
    let name = args.name.clone().unwrap_or_else(|| {
        first
            .file_stem()
            .map_or("imported".into(), |s| s.to_string_lossy().into_owned())
    });
    let description = format!(
        "Imported from {} by framelex {}.",
        inputs
            .iter()
            .map(|i| format!("{} ({})", i.path, i.format))
            .collect::<Vec<_>>()
            .join(", "),
        env!("CARGO_PKG_VERSION")
    );
    let options = ImportOptions {
        level: args.level.map(|l| l as usize),
        negation: args.negation,
        name,
        description,
    };
    let imported = dictionary::to_lexicon_files(&inputs, &options);

    // Notes first, as `file:line: message`; trimmed blanks alone are common (Lexicoder
    // marks word starts with a space) and are counted, not listed.
    for (i, note) in &imported.notes {
        if note.kind == NoteKind::Trimmed {
            continue;
        }
        match note.line {
            Some(line) => eprintln!("{}:{line}: {}", inputs[*i].path, note.message),
            None => eprintln!("{}: {}", inputs[*i].path, note.message),
        }
    }

    write_set(&args.output, &imported.files, args.force)?;
    // The set written must load: an import that writes a set framelex rejects is a bug.
    let set = LexiconSet::load(&[&args.output]).with_context(|| {
        format!(
            "the set written to {} does not load (a framelex bug; please report it with the dictionary)",
            args.output.display()
        )
    })?;
    let formats: Vec<String> = inputs.iter().map(|i| i.format.to_string()).collect();
    let parts: Vec<String> = [
        (NoteKind::Merged, "repeats merged"),
        (NoteKind::Trimmed, "trimmed of surrounding blanks"),
        (NoteKind::Changed, "otherwise changed"),
        (NoteKind::Dropped, "dropped"),
    ]
    .into_iter()
    .filter(|(kind, _)| imported.count(*kind) > 0)
    .map(|(kind, what)| {
        let n = imported.count(kind);
        // "1 repeat merged", "2 repeats merged".
        let what = if n == 1 {
            what.replacen("repeats", "repeat", 1)
        } else {
            what.to_string()
        };
        format!("{} {what}", thousands(n))
    })
    .collect();
    let changes = if parts.is_empty() {
        "nothing merged, changed or dropped".to_string()
    } else {
        parts.join(", ")
    };
    let renamed = match imported.renamed {
        0 => String::new(),
        n => format!("; {n} frame id(s) differ from the category name (kept as the frame's name)"),
    };
    eprintln!(
        "framelex: imported {} ({}) in {:.2} s: {} → {}, {} entries → {} terms ({changes}){renamed}",
        inputs.iter().map(|i| i.path.as_str()).collect::<Vec<_>>().join(", "),
        dedup(&formats).join(", "),
        started.elapsed().as_secs_f64(),
        if imported.categories == 1 {
            "1 category".to_string()
        } else {
            format!("{} categories", thousands(imported.categories))
        },
        super::plural(set.frames.len(), "frame"),
        thousands(imported.entries),
        thousands(imported.terms),
    );
    eprintln!(
        "framelex: wrote {} to {}; use it with --lexicons {}",
        super::plural(imported.files.len(), "file"),
        args.output.display(),
        args.output.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn dedup(items: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for i in items {
        if !out.contains(i) {
            out.push(i.clone());
        }
    }
    out
}

/// Writes the files of a set into `dir`; with existing `.toml` files there, refuses, or
/// with `force` removes them first (a frame of an earlier import must not stay behind).
fn write_set(dir: &Path, files: &[(String, String)], force: bool) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut existing: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    existing.sort();
    if !existing.is_empty() {
        if !force {
            bail!(
                "{} already holds {} (a lexicon set); use --force to replace them, or another -o folder",
                dir.display(),
                super::plural(existing.len(), ".toml file")
            );
        }
        for p in &existing {
            std::fs::remove_file(p).with_context(|| format!("cannot remove {}", p.display()))?;
        }
    }
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}

pub fn export(
    target: &Path,
    set_name: &str,
    lexicons: &[PathBuf],
    to: ExportTo,
    force: bool,
) -> Result<ExitCode> {
    let format = match to {
        ExportTo::Yaml => ExportFormat::Yaml,
        ExportTo::Dic => ExportFormat::Dic,
        ExportTo::Dicx => ExportFormat::Dicx,
    };
    let set = if lexicons.is_empty() {
        if embedded_set(set_name).is_none() {
            bail!("--set {set_name}: no embedded set of that name");
        }
        LexiconSet::embedded_named(set_name).expect("embedded sets load")
    } else {
        LexiconSet::load(lexicons).context("invalid lexicon set")?
    };
    // A folder (existing, or written with a trailing /) gets SET.EXT inside it.
    let as_dir = target.is_dir() || target.as_os_str().to_string_lossy().ends_with('/');
    let path = if as_dir {
        std::fs::create_dir_all(target)
            .with_context(|| format!("cannot create {}", target.display()))?;
        let stem: String = set
            .name
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        target.join(format!("{stem}.{}", format.extension()))
    } else {
        target.to_path_buf()
    };
    if path.exists() && !force {
        bail!(
            "{} already exists; use --force to overwrite",
            path.display()
        );
    }
    let exported = dictionary::export(&set, format);
    for w in &exported.warnings {
        eprintln!("framelex: warning: {w}");
    }
    std::fs::write(&path, &exported.text)
        .with_context(|| format!("cannot write {}", path.display()))?;
    eprintln!(
        "framelex: wrote the {} set ({}) to {}{}",
        set.name,
        if set.frames.len() == 1 {
            "1 category".to_string()
        } else {
            format!("{} categories", set.frames.len())
        },
        path.display(),
        if exported.warnings.is_empty() {
            String::new()
        } else {
            format!(
                "; {} left out (above)",
                super::plural(exported.warnings.len(), "feature")
            )
        }
    );
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands_are_grouped_by_commas() {
        for (n, want) in [
            (0, "0"),
            (999, "999"),
            (1_000, "1,000"),
            (12_345, "12,345"),
            (1_234_567, "1,234,567"),
        ] {
            assert_eq!(super::thousands(n), want);
        }
    }
}
