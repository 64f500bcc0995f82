//! `--watch`: re-run a command whenever a lexicon file changes — the edit-and-see loop of
//! tuning a frame. Save a lexicon in the editor, and `check`, `eval` or `explain` runs
//! again in the next terminal pane, on a cleared screen.
//!
//! Files are watched through their folder, not one by one: editors save by writing a new
//! file and renaming it over the old one, which a watch on the old file would lose. A burst
//! of events (write, rename, chmod) is one change: the command re-runs once things have
//! been quiet for a moment.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use notify::{EventKind, RecursiveMode, Watcher};

/// How long things must stay quiet after a change before the command re-runs.
const SETTLE: Duration = Duration::from_millis(150);

/// What to watch: folders (every `.toml` in them) and single files.
#[derive(Debug, Default)]
struct Targets {
    dirs: Vec<PathBuf>,
    files: Vec<PathBuf>,
}

impl Targets {
    fn matches(&self, path: &Path) -> bool {
        self.files.iter().any(|f| f == path)
            || (path.extension().is_some_and(|x| x == "toml")
                && path
                    .parent()
                    .is_some_and(|p| self.dirs.iter().any(|d| d == p)))
    }
}

/// Runs `run`, then again after every change to the lexicon paths (folders or files) or
/// the `extra` files, until interrupted. Errors of a run are printed and watching goes
/// on: a lexicon with a typo must not end the loop.
pub fn rerun(
    lexicons: &[PathBuf],
    extra: &[PathBuf],
    mut run: impl FnMut() -> Result<ExitCode>,
) -> Result<ExitCode> {
    if lexicons.is_empty() {
        bail!("--watch needs --lexicons PATH: the embedded lexicons never change (start an editable copy with `framelex lexicons export DIR`)");
    }
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = tx.send(event);
    })
    .context("--watch: cannot watch files")?;
    let mut targets = Targets::default();
    let mut watched: Vec<PathBuf> = Vec::new();
    for p in lexicons.iter().chain(extra) {
        let full = p
            .canonicalize()
            .with_context(|| format!("--watch: cannot watch {}", p.display()))?;
        let dir = if full.is_dir() {
            targets.dirs.push(full.clone());
            full
        } else {
            let parent = full.parent().unwrap_or(Path::new("/")).to_path_buf();
            targets.files.push(full);
            parent
        };
        if !watched.contains(&dir) {
            watcher
                .watch(&dir, RecursiveMode::NonRecursive)
                .with_context(|| format!("--watch: cannot watch {}", dir.display()))?;
            watched.push(dir);
        }
    }
    let names: Vec<String> = lexicons
        .iter()
        .chain(extra)
        .map(|p| p.display().to_string())
        .collect();
    let clear = std::io::stdout().is_terminal();
    loop {
        if clear {
            // Clear the screen and the scrollback, cursor home.
            print!("\x1b[2J\x1b[3J\x1b[H");
        }
        match run() {
            Ok(_) => {}
            Err(e) if crate::is_broken_pipe(&e) => return Ok(ExitCode::SUCCESS),
            Err(e) => eprintln!("framelex: error: {e:#}"),
        }
        if std::io::stdout().flush().is_err() {
            return Ok(ExitCode::SUCCESS);
        }
        eprintln!(
            "framelex: watching {}; save a change to re-run, Ctrl-C to stop",
            names.join(", ")
        );
        wait_for_change(&rx, &targets)?;
    }
}

type Events = mpsc::Receiver<notify::Result<notify::Event>>;

fn wait_for_change(rx: &Events, targets: &Targets) -> Result<()> {
    let relevant = |event: &notify::Result<notify::Event>| match event {
        Ok(e) => {
            !matches!(e.kind, EventKind::Access(_)) && e.paths.iter().any(|p| targets.matches(p))
        }
        // A watcher error (say, the folder was removed) is worth a re-run: the run
        // reports what is wrong.
        Err(_) => true,
    };
    loop {
        let event = rx.recv().context("--watch: the file watcher stopped")?;
        if relevant(&event) {
            break;
        }
    }
    // Let the burst settle.
    while rx.recv_timeout(SETTLE).is_ok() {}
    Ok(())
}
