use std::process::ExitCode;

use super::{EXIT_FAILURE, EXIT_OK, exit};
use crate::cli::{SchemaArgs, SchemaTarget};
use crate::console::Console;
use pakta_content::message::Message;
use pakta_content::schema::json_schema::{SchemaKind, render};

/// Prints one schema, or writes all of them into `--out`.
pub(crate) fn run(args: &SchemaArgs, console: &Console) -> ExitCode {
    let Some(dir) = &args.out else {
        let kind = match args.target {
            SchemaTarget::Agreement => SchemaKind::Agreement,
            SchemaTarget::Unit => SchemaKind::Unit,
            SchemaTarget::Config => SchemaKind::Config,
            SchemaTarget::Partner => SchemaKind::Partner,
        };
        print!("{}", render(kind));
        return exit(EXIT_OK);
    };
    if let Err(error) = std::fs::create_dir_all(dir) {
        console.error(
            Message::new("cannot-create")
                .arg("path", dir.display())
                .arg("detail", error),
        );
        return exit(EXIT_FAILURE);
    }
    for kind in SchemaKind::ALL {
        let path = dir.join(kind.file_name());
        if let Err(error) = std::fs::write(&path, render(kind)) {
            console.error(
                Message::new("cannot-write")
                    .arg("path", path.display())
                    .arg("detail", error),
            );
            return exit(EXIT_FAILURE);
        }
        println!("{}", path.display());
    }
    exit(EXIT_OK)
}
