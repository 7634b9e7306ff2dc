use std::process::ExitCode;

use super::{EXIT_FAILURE, EXIT_INVALID, analysed, exit, print_output};
use crate::cli::{ReportArgs, ReportFormat};
use crate::console::{Console, count};
use crate::scaffold::normalise_unit_path;
use pakta_content::diagnostics::nearest;
use pakta_content::message::Message;
use pakta_load::LoadOptions;
use pakta_load::history;
use pakta_model::Model;
use pakta_report as report;
use pakta_report::Period;
use pakta_site::ReportDocument;

/// Prints a unit's report for a month. Invalid content gets its problems
/// and no report (exit 1): a report must not count what the check refuses.
/// The report speaks the run's language (`--lang`, `PAKTA_LANG`, else
/// `[site] language`).
pub(crate) fn run(args: &ReportArgs, console: &Console) -> ExitCode {
    let mut analysis = match analysed(
        &args.root,
        args.today,
        LoadOptions { bodies: false },
        console,
    ) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let today = analysis.model.today;
    // A month not begun has nothing to report, only dates that foretell.
    if args.month.first_day() > today {
        console.error(
            Message::new("report-month-ahead")
                .arg("month", args.month)
                .arg("today", today),
        );
        return exit(EXIT_FAILURE);
    }
    let as_of = Period::from(args.month).as_of(today);
    if analysis.has_errors() {
        console.diagnostics(&analysis.diagnostics);
        return exit(EXIT_INVALID);
    }
    // Warnings do not change the figures; listing them is `check`'s job,
    // and a national repository can have thousands.
    let warnings = analysis.warning_count();
    if warnings > 0 {
        console.tell(Message::new("report-warnings").nested(
            "warnings",
            count(
                warnings,
                Message::new("count-warnings.one"),
                Message::new("count-warnings.many"),
            ),
        ));
    }
    let model = &analysis.model;
    let unit_path = normalise_unit_path(&args.unit);
    let Some(unit) = model.units.iter().position(|u| u.path == unit_path) else {
        console.error(unknown_unit(model, &args.unit, &unit_path));
        return exit(EXIT_FAILURE);
    };
    let mut timings = std::mem::take(&mut analysis.timings);
    let changes = timings.time("history", || {
        history::changes_between(&args.root, args.month.first_day(), as_of)
    });
    // The JSON is for scripts, which read the English reason; the other
    // formats are read by people, in the run's language.
    let history_note = changes.as_ref().err().map(|gap| match args.format {
        ReportFormat::Json => gap.reason(),
        _ => console.text(&gap.message()),
    });
    let report = timings.time("report", || {
        report::compute(
            model,
            unit,
            args.month,
            match &changes {
                Ok(changes) => Ok(changes.as_slice()),
                Err(_) => Err(history_note.as_deref().unwrap_or_default()),
            },
        )
    });
    let (lang, texts) = (console.lang, console.texts);
    let document =
        |format| pakta_site::report_document(&args.root, model, (unit, &report), lang, format);
    let text = timings.time("render", || match args.format {
        ReportFormat::Md => document(ReportDocument::Markdown),
        ReportFormat::Html => document(ReportDocument::Html),
        ReportFormat::Csv => Ok(report::csv::render(&report, texts)),
        ReportFormat::Json => Ok(report::to_json(&report)),
    });
    let text = match text {
        Ok(text) => text,
        Err(problem) => {
            console.error(problem);
            return exit(EXIT_FAILURE);
        }
    };
    if args.timings {
        eprint!("{}", timings.report(console.texts));
    }
    // Freeing a national repository's records one by one takes longer than
    // the report did; the process ends here and the system takes it all.
    std::mem::forget(analysis);
    print_output(&text, console, |error| {
        Message::new("report-write-failed").arg("detail", error)
    })
}

/// Names the units whose path or last folder is close to what was typed;
/// a national repository has hundreds, so not all of them.
pub(super) fn unknown_unit(model: &Model, typed: &str, path: &str) -> Message {
    let last = |p: &str| p.rsplit('/').next().unwrap_or(p).to_string();
    let wanted_last = last(path);
    let mut close: Vec<&str> = model
        .units
        .iter()
        .map(|u| u.path.as_str())
        .filter(|p| {
            !p.is_empty()
                && (nearest(&wanted_last, [last(p).as_str()]).is_some()
                    || (!wanted_last.is_empty() && p.contains(wanted_last.as_str())))
        })
        .collect();
    close.sort();
    close.truncate(10);
    let hint = if close.is_empty() {
        let mut top: Vec<&str> = model
            .units
            .iter()
            .filter(|u| u.parent.is_some_and(|p| model.units[p].parent.is_none()))
            .map(|u| u.path.as_str())
            .collect();
        top.sort();
        top.truncate(10);
        Message::new("unknown-unit.top").list("units", top)
    } else {
        Message::new("unknown-unit.close").list("units", close)
    };
    Message::new("unknown-unit")
        .arg("typed", typed)
        .arg("path", path)
        .nested("hint", hint)
}
