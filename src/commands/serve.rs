use std::process::ExitCode;

use super::{EXIT_FAILURE, exit};
use crate::cli::ServeArgs;
use pakta_serve::{ServeOptions, run as serve};

pub(crate) fn run(args: &ServeArgs) -> ExitCode {
    let options = ServeOptions {
        root: args.repo.root.clone(),
        today: args.repo.today,
        port: args.port,
    };
    match serve(options) {
        Ok(()) => exit(0),
        Err(error) => {
            eprintln!("error: cannot serve on 127.0.0.1:{}: {error}", args.port);
            exit(EXIT_FAILURE)
        }
    }
}
