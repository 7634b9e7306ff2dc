use std::process::ExitCode;

use super::{EXIT_FAILURE, EXIT_INVALID, EXIT_OK, analysed, exit, print_human};
use crate::cli::CodeownersArgs;
use crate::codeowners::{CODEOWNERS_FILE, is_generated, render};
use pakta_load::{LoadOptions, UNIT_FILE};

/// Writes `.github/CODEOWNERS`, or with `--check` tells whether it is
/// up to date.
pub(crate) fn run(args: &CodeownersArgs) -> ExitCode {
    let analysis = match analysed(&args.root, None, LoadOptions { bodies: false }) {
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
        print_human(&unit_problems);
        return exit(EXIT_INVALID);
    }
    let text = render(&analysis.model.units);
    let path = args.root.join(CODEOWNERS_FILE);
    if args.check {
        return match std::fs::read_to_string(&path) {
            Ok(current) if current == text => exit(EXIT_OK),
            Ok(_) => {
                eprintln!(
                    "error: {CODEOWNERS_FILE} is out of date with the reviewers in {UNIT_FILE}; run `pakta codeowners` and commit the result"
                );
                exit(EXIT_INVALID)
            }
            Err(error) => {
                eprintln!("error: cannot read {CODEOWNERS_FILE}: {error}; run `pakta codeowners`");
                exit(EXIT_INVALID)
            }
        };
    }
    match std::fs::read(&path) {
        Ok(current) if !is_generated(&String::from_utf8_lossy(&current)) => {
            eprintln!(
                "error: {CODEOWNERS_FILE} was not written by `pakta codeowners`, so it is left as it is; move its rules into the units' reviewers, or remove it yourself, then run `pakta codeowners` again"
            );
            return exit(EXIT_FAILURE);
        }
        Ok(_) => {}
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
        Err(error) => {
            eprintln!("error: cannot read {}: {error}", path.display());
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
            eprintln!("error: cannot write {}: {error}", path.display());
            exit(EXIT_FAILURE)
        }
    }
}
