//! `framelex completions SHELL`: shell completion scripts generated from the clap model.

use std::process::ExitCode;

use anyhow::Result;
use clap::CommandFactory;

use crate::cli::Cli;

pub fn run(shell: clap_complete::Shell) -> Result<ExitCode> {
    let mut cmd = Cli::command();
    clap_complete::generate(shell, &mut cmd, "framelex", &mut std::io::stdout());
    Ok(ExitCode::SUCCESS)
}
