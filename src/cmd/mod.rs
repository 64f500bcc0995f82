//! One file per subcommand; shared helpers for loading lexicons and choosing colour.

mod check;
mod completions;
mod dictionary;
mod diff;
pub mod eval;
mod explain;
mod interrupt;
mod kwic;
mod lexicons;
mod output;
mod progress;
mod report;
mod score;
mod suggest;
mod summarize;
mod watch;
mod workbench;

use std::io::IsTerminal;
use std::process::ExitCode;

use anyhow::{Context, Result};
use framelex::{Compiled, LexiconSet};

use crate::cli::{Cli, ColorChoice, Command, LexiconArgs};

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<ExitCode> {
    let color = cli.color;
    match cli.command {
        Command::Score(args) => score::run(args, color),
        Command::Eval(args) if args.watch => {
            watch::rerun(&args.lexicons.paths, &[], || eval::run(args.clone()))
        }
        Command::Eval(args) => eval::run(args),
        Command::Check(args) => check::run(args, color),
        Command::Explain(args) => explain::run(args, color),
        Command::Kwic(args) => kwic::run(args, color),
        Command::Diff(args) => diff::run(args),
        Command::Suggest(args) => suggest::run(args),
        Command::Summarize(args) => summarize::run(args, color),
        Command::Report(args) => report::run(args),
        Command::Lexicons(cmd) => lexicons::run(cmd),
        Command::Completions { shell } => completions::run(shell),
    }
}

/// The lexicon set named by `--lexicons`, or the embedded defaults.
pub fn load_lexicons(args: &LexiconArgs) -> Result<Compiled> {
    let set = if args.paths.is_empty() {
        LexiconSet::embedded()
    } else {
        LexiconSet::load(&args.paths).context("invalid lexicon set")?
    };
    Compiled::new(set).context("cannot compile the lexicon set")
}

/// Whether to colour output going to stdout.
pub fn use_color(choice: ColorChoice, to_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            to_terminal
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

/// "1 frame", "3 frames": a count with its noun, in the plural unless it is one.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
