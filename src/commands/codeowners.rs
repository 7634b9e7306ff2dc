use std::process::ExitCode;

use super::{EXIT_FAILURE, EXIT_INVALID, EXIT_OK, analysed, exit};
use crate::cli::CodeownersArgs;
use crate::codeowners::{CODEOWNERS_FILE, is_generated, render};
use crate::console::Console;
use pakta_content::message::Message;
use pakta_load::{LoadOptions, UNIT_FILE};

/// Writes `.github/CODEOWNERS`, or with `--check` tells whether it is
/// up to date.
pub(crate) fn run(args: &CodeownersArgs, console: &Console) -> ExitCode {
    let analysis = match analysed(&args.root, None, LoadOptions { bodies: false }, console) {
        Ok(a) => a,
        Err(code) => return code,
    };
    // Only the units matter here; a broken agreement must not block a
    // change of reviewers, but a broken _unit.toml would lose some.
    let unit_problems: Vec<_> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.is_error() && d.file.ends_with(UNIT_FILE))
        .cloned()
        .collect();
    if !unit_problems.is_empty() {
        console.diagnostics(&unit_problems);
        return exit(EXIT_INVALID);
    }
    let text = render(&analysis.model.units);
    let path = args.root.join(CODEOWNERS_FILE);
    if args.check {
        return match std::fs::read_to_string(&path) {
            Ok(current) if current == text => exit(EXIT_OK),
            Ok(_) => {
                console.error(
                    Message::new("codeowners-out-of-date")
                        .arg("file", CODEOWNERS_FILE)
                        .arg("unit_file", UNIT_FILE),
                );
                exit(EXIT_INVALID)
            }
            Err(error) => {
                console.error(
                    Message::new("codeowners-unreadable")
                        .arg("file", CODEOWNERS_FILE)
                        .arg("detail", error),
                );
                exit(EXIT_INVALID)
            }
        };
    }
    match std::fs::read(&path) {
        Ok(current) if !is_generated(&String::from_utf8_lossy(&current)) => {
            console.error(Message::new("codeowners-not-generated").arg("file", CODEOWNERS_FILE));
            return exit(EXIT_FAILURE);
        }
        Ok(_) => {}
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
        Err(error) => {
            console.error(
                Message::new("cannot-read")
                    .arg("path", path.display())
                    .arg("detail", error),
            );
            return exit(EXIT_FAILURE);
        }
    }
    let written = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| std::fs::write(&path, &text));
    match written {
        Ok(()) => {
            println!("{CODEOWNERS_FILE}");
            exit(EXIT_OK)
        }
        Err(error) => {
            console.error(
                Message::new("cannot-write")
                    .arg("path", path.display())
                    .arg("detail", error),
            );
            exit(EXIT_FAILURE)
        }
    }
}
