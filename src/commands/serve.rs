use std::process::ExitCode;

use super::{EXIT_FAILURE, exit};
use crate::cli::ServeArgs;
use crate::console::Console;
use pakta_content::message::Message;
use pakta_serve::{ServeOptions, run as serve};

pub(crate) fn run(args: &ServeArgs, console: &Console) -> ExitCode {
    let options = ServeOptions {
        root: args.repo.root.clone(),
        today: args.repo.today,
        port: args.port,
        texts: console.texts,
    };
    match serve(options) {
        Ok(()) => exit(0),
        Err(error) => {
            console.error(
                Message::new("serve-failed")
                    .arg("port", args.port)
                    .arg("detail", error),
            );
            exit(EXIT_FAILURE)
        }
    }
}
