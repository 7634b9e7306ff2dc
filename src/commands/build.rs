use std::io::IsTerminal;
use std::process::ExitCode;
use std::time::Instant;

use super::{EXIT_FAILURE, EXIT_INVALID, EXIT_OK, analysed, exit};
use crate::cli::BuildArgs;
use crate::console::{Console, count};
use pakta_content::message::Message;
use pakta_load::LoadOptions;
use pakta_load::history::{History, HistoryGap};

use pakta_site::{BuildOptions, OutputFolder};

pub(crate) fn run(args: &BuildArgs, console: &Console) -> ExitCode {
    let started = Instant::now();
    let root = &args.repo.root;
    // Refused before anything is loaded: a mistyped --out is seen at once,
    // not after the whole repository was checked.
    let out = match OutputFolder::choose(&args.out, root) {
        Ok(out) => out,
        Err(refusal) => {
            console.error(Message::new("as-reported").arg("detail", refusal));
            return exit(EXIT_FAILURE);
        }
    };
    // Git history does not depend on the content's validity: read it while
    // the content loads, on a thread of its own, since waiting for `git`
    // would otherwise hold one of the workers that parse the files.
    let history = std::thread::spawn({
        let root = root.clone();
        move || History::read(&root)
    });
    let analysis = analysed(root, args.repo.today, LoadOptions { bodies: true }, console);
    let history = history
        .join()
        .unwrap_or_else(|_| History::without(HistoryGap::Failed));
    let mut analysis = match analysis {
        Ok(a) => a,
        Err(code) => return code,
    };
    console.diagnostics(&analysis.diagnostics);
    if analysis.has_errors() {
        console.error(
            Message::new("build-refused")
                .nested(
                    "errors",
                    count(
                        analysis.error_count(),
                        Message::new("count-errors.one"),
                        Message::new("count-errors.many"),
                    ),
                )
                .arg("out", args.out.display()),
        );
        return exit(EXIT_INVALID);
    }
    if let Some(note) = &history.note {
        console.note(Message::new("build-no-history").nested("reason", note.message()));
    }
    let options = BuildOptions {
        root: root.clone(),
        out,
        base_url: args.base_url.clone(),
        progress: std::io::stderr().is_terminal(),
    };
    let mut timings = std::mem::take(&mut analysis.timings);
    let model = std::sync::Arc::new(analysis.model);
    let built = timings.time("render", || {
        pakta_site::build(model, std::sync::Arc::new(history), &options)
    });
    match built {
        Ok(summary) => {
            if args.timings {
                eprint!("{}", timings.report());
                if let Some(took) = summary.search_index {
                    console.tell(
                        Message::new("build-search-timing")
                            .arg("ms", format!("{:>8.1}", took.as_secs_f64() * 1000.0)),
                    );
                }
            }
            console.say(
                Message::new("build-done")
                    .arg("pages", summary.pages)
                    .arg("files", summary.files)
                    .arg("out", args.out.display())
                    .arg("seconds", format!("{:.2}", started.elapsed().as_secs_f64())),
            );
            exit(EXIT_OK)
        }
        Err(error) => {
            console.error(
                Message::new("build-failed")
                    .arg("detail", error)
                    .arg("out", args.out.display()),
            );
            exit(EXIT_FAILURE)
        }
    }
}
