//! The `framelex` binary: parses the command line and hands each subcommand to its file
//! in `cmd/`. All the work is in the library; this layer adds context to errors, prints
//! them as `framelex: error: …` and maps outcomes to exit codes (0 ok, 1 findings,
//! 2 errors; a closed stdout ends quietly with 0).

mod cli;
mod cmd;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cmd::run(cli) {
        Ok(code) => code,
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("framelex: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// `framelex score big.jsonl | head` closes our stdout early; that is not an error.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
