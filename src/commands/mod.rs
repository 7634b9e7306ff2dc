//! One module per subcommand; each is a thin layer over the pipeline.

pub mod build;
pub mod check;
pub mod codeowners;
pub mod data;
pub mod diff;
pub mod new;
pub mod report;
pub mod schema;
pub mod serve;

use std::io::IsTerminal;
use std::process::ExitCode;

use crate::diagnostics::{Diagnostic, render_human};

/// Exit statuses fixed by the spec's "Interfaces" section.
pub const EXIT_OK: u8 = 0;
pub const EXIT_INVALID: u8 = 1;
pub const EXIT_FAILURE: u8 = 2;

pub fn exit(code: u8) -> ExitCode {
    ExitCode::from(code)
}

pub fn stderr_color() -> bool {
    std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal()
}

/// Diagnostics for people, on standard error.
pub fn print_human(diagnostics: &[Diagnostic]) {
    if !diagnostics.is_empty() {
        eprint!("{}", render_human(diagnostics, stderr_color()));
    }
}

/// Runs the pipeline, or reports why it could not run (exit status 2).
pub fn analysed(
    root: &std::path::Path,
    today: Option<chrono::NaiveDate>,
    options: crate::load::LoadOptions,
) -> Result<crate::pipeline::Analysis, ExitCode> {
    crate::pipeline::analyse(root, today, options).map_err(|error| {
        eprintln!("error: {error}");
        exit(EXIT_FAILURE)
    })
}

pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
