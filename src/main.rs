//! The `pakta` command: parses the command line and hands each subcommand
//! to its module in `commands`; the pipeline stages are the `pakta-*` crates.

mod cli;
mod codeowners;
mod commands;
mod console;
mod import;
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
    let variable = std::env::var("PAKTA_LANG").ok();
    let console = match console::Console::choose(cli.lang, variable.as_deref(), cli.command.root())
    {
        Ok(console) => console,
        Err((console, problem)) => {
            console.error(problem);
            return ExitCode::from(2);
        }
    };
    match &cli.command {
        Command::Check(args) => commands::check::run(args, &console),
        Command::Data(args) => commands::data::run(args, &console),
        Command::Build(args) => commands::build::run(args, &console),
        Command::New(args) => commands::new::run(args, &console),
        Command::Import(args) => import::run(args, &console),
        Command::Diff(args) => commands::diff::run(args, &console),
        Command::Schema(args) => commands::schema::run(args, &console),
        Command::Codeowners(args) => commands::codeowners::run(args, &console),
        Command::Serve(args) => commands::serve::run(args, &console),
        Command::Theme(command) => commands::theme::run(command, &console),
        Command::Report(args) => commands::report::run(args, &console),
    }
}
