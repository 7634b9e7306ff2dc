use std::process::ExitCode;

use super::{EXIT_FAILURE, EXIT_OK, exit};
use crate::cli::{DiffArgs, DiffFormat};
use crate::console::Console;
use pakta_content::message::Message;
use pakta_diff::{diff_revisions, render_markdown};

/// Prints what the change from `base` to `head` does to the agreements.
/// Validation errors on either side are reported in the summary, not by
/// the exit status: `pakta check` is the gate.
pub(crate) fn run(args: &DiffArgs, console: &Console) -> ExitCode {
    let report = match diff_revisions(&args.repo.root, &args.base, &args.head, args.repo.today) {
        Ok(report) => report,
        Err(error) => {
            console.error(error.0);
            return exit(EXIT_FAILURE);
        }
    };
    match args.format {
        DiffFormat::Markdown => print!("{}", render_markdown(&report, console.texts)),
        DiffFormat::Json => match serde_json::to_string_pretty(&report) {
            Ok(json) => println!("{json}"),
            Err(error) => {
                console.error(Message::new("diff-write-failed").arg("detail", error));
                return exit(EXIT_FAILURE);
            }
        },
    }
    exit(EXIT_OK)
}
