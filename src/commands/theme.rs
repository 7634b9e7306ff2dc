//! `pakta theme init`: the default theme, copied out for a site to change.

use std::path::Path;
use std::process::ExitCode;

use super::{EXIT_FAILURE, EXIT_OK, exit};
use crate::cli::{ThemeCommand, ThemeInitArgs};
use crate::console::Console;
use pakta_content::message::Message;
use pakta_site::DEFAULT_THEME_FILES as DEFAULT_FILES;

pub(crate) fn run(command: &ThemeCommand, console: &Console) -> ExitCode {
    match command {
        ThemeCommand::Init(args) => match init(args) {
            Ok(()) => {
                console.say(
                    Message::new("theme-written")
                        .arg("name", &args.name)
                        .arg("files", DEFAULT_FILES.len()),
                );
                exit(EXIT_OK)
            }
            Err(message) => {
                console.error(message);
                exit(EXIT_FAILURE)
            }
        },
    }
}

fn init(args: &ThemeInitArgs) -> Result<(), Message> {
    let name = &args.name;
    if !pakta_load::is_theme_name(name) {
        return Err(Message::new("theme-invalid-name").arg("name", name));
    }
    let themes = args.root.join(pakta_load::THEMES_DIR);
    std::fs::create_dir_all(&themes).map_err(|e| {
        Message::new("cannot-create")
            .arg("path", "themes/")
            .arg("detail", e)
    })?;
    // The theme would be written wherever the link leads, and then refused
    // by every build.
    if std::fs::symlink_metadata(&themes).is_ok_and(|m| m.is_symlink()) {
        return Err(Message::new("invalid-theme.link").arg("name", name));
    }
    let folder = themes.join(name);
    // create_dir (not create_dir_all) fails when the folder exists, so a
    // theme someone already changed is never written over.
    std::fs::create_dir(&folder).map_err(|error| match error.kind() {
        std::io::ErrorKind::AlreadyExists => Message::new("theme-exists").arg("name", name),
        _ => Message::new("cannot-create")
            .arg("path", format!("themes/{name}"))
            .arg("detail", &error),
    })?;
    for (path, bytes) in DEFAULT_FILES {
        write_new(&folder, path, bytes).map_err(|e| {
            Message::new("cannot-write")
                .arg("path", format!("themes/{name}/{path}"))
                .arg("detail", e)
        })?;
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
