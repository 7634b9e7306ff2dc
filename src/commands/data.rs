use std::io::Write;
use std::process::ExitCode;

use super::{EXIT_FAILURE, EXIT_INVALID, EXIT_OK, analysed, exit};
use crate::cli::RepoArgs;
use crate::console::Console;
use pakta_content::message::Message;
use pakta_load::LoadOptions;
use pakta_model::data;

/// Prints the site's `data/agreements.json.gz`, uncompressed, on standard output.
pub(crate) fn run(args: &RepoArgs, console: &Console) -> ExitCode {
    let analysis = match analysed(
        &args.root,
        args.today,
        LoadOptions { bodies: true },
        console,
    ) {
        Ok(a) => a,
        Err(code) => return code,
    };
    console.diagnostics(&analysis.diagnostics);
    if analysis.has_errors() {
        return exit(EXIT_INVALID);
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = data::write_json(&analysis.model, &mut out).and_then(|()| out.flush());
    match written {
        Ok(()) => exit(EXIT_OK),
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => exit(EXIT_OK),
        Err(error) => {
            console.error(Message::new("data-write-failed").arg("detail", error));
            exit(EXIT_FAILURE)
        }
    }
}
