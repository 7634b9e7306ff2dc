//! `pakta theme init`: the default theme, copied out for a site to change.

use std::path::Path;
use std::process::ExitCode;

use super::{EXIT_FAILURE, EXIT_OK, exit};
use crate::cli::{ThemeCommand, ThemeInitArgs};
use pakta_site::DEFAULT_THEME_FILES as DEFAULT_FILES;

pub(crate) fn run(command: &ThemeCommand) -> ExitCode {
    match command {
        ThemeCommand::Init(args) => match init(args) {
            Ok(()) => {
                println!(
                    "Wrote the default theme into themes/{name}/ ({} files).\n\
                     To use it, set in pakta.toml:\n\n  [site]\n  theme = \"{name}\"\n\n\
                     Then change any file; a file you delete falls back to the default theme's.",
                    DEFAULT_FILES.len(),
                    name = args.name
                );
                exit(EXIT_OK)
            }
            Err(message) => {
                eprintln!("error: {message}");
                exit(EXIT_FAILURE)
            }
        },
    }
}

fn init(args: &ThemeInitArgs) -> Result<(), String> {
    let name = &args.name;
    if !is_folder_name(name) {
        return Err(format!(
            "`{name}` is not a folder name; use letters, digits, `-` and `_`, e.g. pakta theme init kpu"
        ));
    }
    let themes = args.root.join("themes");
    std::fs::create_dir_all(&themes).map_err(|e| format!("cannot create themes/: {e}"))?;
    let folder = themes.join(name);
    // create_dir (not create_dir_all) fails when the folder exists, so a
    // theme someone already changed is never written over.
    std::fs::create_dir(&folder).map_err(|error| match error.kind() {
        std::io::ErrorKind::AlreadyExists => format!(
            "themes/{name} already exists; pakta theme init never overwrites a theme. Choose another name"
        ),
        _ => format!("cannot create themes/{name}: {error}"),
    })?;
    for (path, bytes) in DEFAULT_FILES {
        write_new(&folder, path, bytes)
            .map_err(|e| format!("cannot write themes/{name}/{path}: {e}"))?;
    }
    Ok(())
}

fn write_new(folder: &Path, path: &str, bytes: &[u8]) -> std::io::Result<()> {
    let target = folder.join(path);
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&target)?;
    std::io::Write::write_all(&mut file, bytes)
}

fn is_folder_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && !name.starts_with('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_folder_names_are_accepted() {
        for good in ["custom", "kpu-jateng", "tema_2"] {
            assert!(is_folder_name(good), "{good}");
        }
        for bad in ["", "..", "a/b", "-x", "tema baru", "../x"] {
            assert!(!is_folder_name(bad), "{bad}");
        }
    }
}
