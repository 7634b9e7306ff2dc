//! One module per subcommand; each is a thin layer over the pipeline.

pub(crate) mod build;
pub(crate) mod check;
pub(crate) mod codeowners;
pub(crate) mod data;
pub(crate) mod diff;
pub(crate) mod new;
pub(crate) mod report;
pub(crate) mod schema;
pub(crate) mod serve;
pub(crate) mod theme;

use std::process::ExitCode;

use pakta_content::diagnostics::{Diagnostic, render_human, stderr_color};

/// Exit statuses fixed by the spec's "Interfaces" section.
pub(crate) const EXIT_OK: u8 = 0;
pub(crate) const EXIT_INVALID: u8 = 1;
pub(crate) const EXIT_FAILURE: u8 = 2;

pub(crate) fn exit(code: u8) -> ExitCode {
    ExitCode::from(code)
}

/// Diagnostics for people, on standard error.
pub(crate) fn print_human(diagnostics: &[Diagnostic]) {
    if !diagnostics.is_empty() {
        eprint!("{}", render_human(diagnostics, stderr_color()));
    }
}

/// Runs the pipeline, or reports why it could not run (exit status 2).
pub(crate) fn analysed(
    root: &std::path::Path,
    today: Option<chrono::NaiveDate>,
    options: pakta_load::LoadOptions,
) -> Result<pakta_model::pipeline::Analysis, ExitCode> {
    pakta_model::pipeline::analyse(root, today, options).map_err(|error| {
        eprintln!("error: {error}");
        exit(EXIT_FAILURE)
    })
}

pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
