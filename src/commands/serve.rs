use std::process::ExitCode;

use super::{EXIT_FAILURE, exit};
use crate::cli::ServeArgs;
use crate::console::Console;
use crate::pdf_text;
use pakta_content::diagnostics::Diagnostic;
use pakta_content::message::Message;
use pakta_model::{DocumentTexts, Model};
use pakta_serve::{ServeOptions, run as serve};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

pub(crate) fn run(args: &ServeArgs, console: &Console) -> ExitCode {
    let options = ServeOptions {
        root: args.repo.root.clone(),
        today: args.repo.today,
        port: args.port,
        texts: console.texts,
        documents: Some(Arc::new({
            let remembered = pdf_text::Remembered::default();
            move |root: &Path, model: &Model| read_documents(root, model, &remembered)
        })),
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

/// The documents' text as `pakta build` reads it with its default
/// settings, sharing its cache: the preview's search finds what the
/// published site's finds, and a file is extracted once for both.
fn read_documents(
    root: &Path,
    model: &Model,
    remembered: &pdf_text::Remembered,
) -> (DocumentTexts, Vec<Diagnostic>) {
    let settings = pdf_text::Settings {
        cache_dir: root.join(pdf_text::DEFAULT_CACHE_DIR),
        time_limit: Duration::from_secs_f64(pdf_text::DEFAULT_TIME_LIMIT_SECONDS),
    };
    let extraction = pdf_text::read_documents(root, model, &settings, Some(remembered));
    (extraction.texts, extraction.diagnostics)
}
