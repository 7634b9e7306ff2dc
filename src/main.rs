use std::process::ExitCode;

use clap::Parser;
use pakta::cli::{Cli, Command};
use pakta::commands;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match &cli.command {
        Command::Check(args) => commands::check::run(args),
        Command::Data(args) => commands::data::run(args),
    }
}
