//! The `pakta` command: parses the command line and hands each subcommand
//! to its module in `commands`; the pipeline stages are the `pakta-*` crates.

mod cli;
mod codeowners;
mod commands;
mod console;
mod import;
mod pdf_text;
mod scaffold;
mod starting_text;
mod tasks;
mod usage;

use std::process::ExitCode;

// Loading allocates many small strings from two threads at once; glibc
// malloc spends a fifth of a large check in arena growth and page faults.
// Without transparent huge pages (`no_thp`): where the kernel compacts
// memory on a huge page fault, loading spent more time in the kernel
// zeroing and compacting 2 MiB pages than parsing.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use cli::Command;

fn main() -> ExitCode {
    pakta_site::use_new_agreement_text(starting_text::new_agreement_file);
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if let [_, subcommand, memory_limit, file] = args.as_slice()
        && subcommand == pdf_text::child::SUBCOMMAND
    {
        return pdf_text::child::run(memory_limit, file);
    }
    let cli = match usage::parse(args.clone(), &usage::early_console(&args)) {
        Ok(cli) => cli,
        Err(status) => return status,
    };
    // Read even when it is not UTF-8, so that such a value is refused like
    // any other that names no language instead of being taken as unset.
    let variable = std::env::var_os("PAKTA_LANG").map(|v| v.to_string_lossy().into_owned());
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
        Command::Tasks(args) => commands::tasks::run(args, &console),
        Command::Init(args) => commands::init::run(args, &console),
    }
}
