//! One module per subcommand; each is a thin layer over the pipeline.

pub(crate) mod build;
pub(crate) mod check;
pub(crate) mod codeowners;
pub(crate) mod data;
pub(crate) mod diff;
pub(crate) mod init;
pub(crate) mod new;
pub(crate) mod report;
pub(crate) mod schema;
pub(crate) mod serve;
pub(crate) mod tasks;
pub(crate) mod theme;

use std::process::ExitCode;

use crate::console::Console;
use pakta_content::message::Message;

/// Exit statuses fixed by the spec's "Interfaces" section.
pub(crate) const EXIT_OK: u8 = 0;
pub(crate) const EXIT_INVALID: u8 = 1;
pub(crate) const EXIT_FAILURE: u8 = 2;

pub(crate) fn exit(code: u8) -> ExitCode {
    ExitCode::from(code)
}

/// Runs the pipeline, or reports why it could not run (exit status 2).
pub(crate) fn analysed(
    root: &std::path::Path,
    today: Option<chrono::NaiveDate>,
    options: pakta_load::LoadOptions,
    console: &Console,
) -> Result<pakta_model::pipeline::Analysis, ExitCode> {
    pakta_model::pipeline::analyse(root, today, options).map_err(|error| {
        console.error(error.message());
        exit(EXIT_FAILURE)
    })
}

/// The runs that show pages (`check`, `build`) add the site theme's
/// problems to the content's, in the same order.
pub(crate) fn add_theme_problems(
    analysis: &mut pakta_model::pipeline::Analysis,
    root: &std::path::Path,
) {
    let found = pakta_site::check_theme(root, &analysis.model.config);
    if found.is_empty() {
        return;
    }
    let mut all = pakta_content::diagnostics::Diagnostics::new();
    all.extend(std::mem::take(&mut analysis.diagnostics));
    all.extend(found);
    analysis.diagnostics = all.into_sorted();
}

/// Writes a command's whole output to standard output and ends the run:
/// a reader that stops early (`| head`) is no failure; any other write
/// error is told as `failed` says.
pub(crate) fn print_output(
    text: &str,
    console: &Console,
    failed: impl FnOnce(std::io::Error) -> Message,
) -> ExitCode {
    use std::io::Write as _;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => exit(EXIT_OK),
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => exit(EXIT_OK),
        Err(error) => {
            console.error(failed(error));
            exit(EXIT_FAILURE)
        }
    }
}
