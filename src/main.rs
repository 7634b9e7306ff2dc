//! The `pakta` command: parses the command line and hands each subcommand
//! to its module in `commands`; the pipeline stages are the `pakta-*` crates.

mod cli;
mod codeowners;
mod commands;
mod scaffold;

use std::process::ExitCode;

// Loading allocates many small strings from two threads at once; glibc
// malloc spends a fifth of a large check in arena growth and page faults.
// Without transparent huge pages (`no_thp`): where the kernel compacts
// memory on a huge page fault, loading spent more time in the kernel
// zeroing and compacting 2 MiB pages than parsing.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::Parser;
use cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match &cli.command {
        Command::Check(args) => commands::check::run(args),
        Command::Data(args) => commands::data::run(args),
        Command::Build(args) => commands::build::run(args),
        Command::New(args) => commands::new::run(args),
        Command::Diff(args) => commands::diff::run(args),
        Command::Schema(args) => commands::schema::run(args),
        Command::Codeowners(args) => commands::codeowners::run(args),
        Command::Serve(args) => commands::serve::run(args),
        Command::Theme(command) => commands::theme::run(command),
        Command::Report(args) => commands::report::run(args),
    }
}
