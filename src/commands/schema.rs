use std::process::ExitCode;

use super::{EXIT_FAILURE, EXIT_OK, exit};
use crate::cli::{SchemaArgs, SchemaTarget};
use pakta_content::schema::json_schema::{SchemaKind, render};

/// Prints one schema, or writes all of them into `--out`.
pub(crate) fn run(args: &SchemaArgs) -> ExitCode {
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
        eprintln!("error: cannot create {}: {error}", dir.display());
        return exit(EXIT_FAILURE);
    }
    for kind in SchemaKind::ALL {
        let path = dir.join(kind.file_name());
        if let Err(error) = std::fs::write(&path, render(kind)) {
            eprintln!("error: cannot write {}: {error}", path.display());
            return exit(EXIT_FAILURE);
        }
        println!("{}", path.display());
    }
    exit(EXIT_OK)
}
