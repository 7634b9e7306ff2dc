use std::process::ExitCode;

use super::{EXIT_FAILURE, EXIT_INVALID, analysed, exit, print_output};
use crate::cli::{TasksArgs, TasksFormat};
use crate::console::Console;
use crate::scaffold::normalise_unit_path;
use crate::tasks;
use pakta_content::message::Message;
use pakta_load::LoadOptions;

/// Prints what each unit must do and by when, or keeps the reminder
/// issues. Invalid content gets its problems and no list (exit 1): a task
/// must not come from what the check refuses.
pub(crate) fn run(args: &TasksArgs, console: &Console) -> ExitCode {
    let analysis = match analysed(
        &args.root,
        args.today,
        LoadOptions { bodies: false },
        console,
    ) {
        Ok(a) => a,
        Err(code) => return code,
    };
    if analysis.has_errors() {
        console.diagnostics(&analysis.diagnostics);
        return exit(EXIT_INVALID);
    }
    let model = &analysis.model;
    let scope = match &args.unit {
        None => (0..model.units.len()).collect(),
        Some(typed) => {
            let path = normalise_unit_path(typed);
            let Some(unit) = model.units.iter().position(|u| u.path == path) else {
                console.error(super::report::unknown_unit(model, typed, &path));
                return exit(EXIT_FAILURE);
            };
            model.subtree(unit)
        }
    };
    let all = pakta_model::tasks::tasks(model, &scope);
    if args.sync_issues {
        let code = tasks::github::sync(model, &all, args.dry_run, console);
        std::mem::forget(analysis);
        return code;
    }
    let text = match args.format {
        TasksFormat::Md => tasks::markdown(model, &all, console),
        TasksFormat::Json => tasks::json(model, &all),
    };
    // Freeing a national repository's records one by one takes longer than
    // the list did; the process ends here and the system takes it all.
    std::mem::forget(analysis);
    print_output(&text, console, |error| {
        Message::new("tasks-write-failed").arg("detail", error)
    })
}
