use std::io::Write;
use std::process::ExitCode;

use super::{EXIT_FAILURE, EXIT_INVALID, EXIT_OK, analysed, exit, print_human};
use crate::cli::{ReportArgs, ReportFormat, ReportLang};
use crate::scaffold::normalise_unit_path;
use pakta_content::diagnostics::nearest;
use pakta_content::i18n::{Lang, Texts};
use pakta_load::LoadOptions;
use pakta_load::history;
use pakta_model::Model;
use pakta_report as report;

/// Prints a unit's report for a month. Invalid content gets its problems
/// and no report (exit 1): a report must not count what the check refuses.
pub(crate) fn run(args: &ReportArgs) -> ExitCode {
    let as_of = args.month.last_day();
    let mut analysis = match analysed(&args.root, Some(as_of), LoadOptions { bodies: false }) {
        Ok(a) => a,
        Err(code) => return code,
    };
    if analysis.has_errors() {
        print_human(&analysis.diagnostics);
        return exit(EXIT_INVALID);
    }
    // Warnings do not change the figures; listing them is `check`'s job,
    // and a national repository can have thousands.
    let warnings = analysis.warning_count();
    if warnings > 0 {
        eprintln!(
            "{}; `pakta check` lists them",
            super::plural(warnings, "warning", "warnings")
        );
    }
    let model = &analysis.model;
    let unit_path = normalise_unit_path(&args.unit);
    let Some(unit) = model.units.iter().position(|u| u.path == unit_path) else {
        eprintln!("error: {}", unknown_unit(model, &args.unit, &unit_path));
        return exit(EXIT_FAILURE);
    };
    let mut timings = std::mem::take(&mut analysis.timings);
    let changes = timings.time("history", || {
        history::changes_between(&args.root, args.month.first_day(), as_of)
    });
    let report = timings.time("report", || {
        report::compute(
            model,
            unit,
            args.month,
            changes.as_deref().map_err(String::as_str),
        )
    });
    let lang = match args.lang {
        Some(ReportLang::Id) => Lang::Id,
        Some(ReportLang::En) => Lang::En,
        None => Lang::from_config(&model.config.site.language),
    };
    let texts = Texts::default_for(lang);
    let text = timings.time("render", || match args.format {
        ReportFormat::Md => report::markdown::render(&report, texts, lang),
        ReportFormat::Html => pakta_site::report_html(&report, texts, lang),
        ReportFormat::Csv => report::csv::render(&report, texts),
        ReportFormat::Json => report::to_json(&report),
    });
    if args.timings {
        eprint!("{}", timings.report());
    }
    // Freeing a national repository's records one by one takes longer than
    // the report did; the process ends here and the system takes it all.
    std::mem::forget(analysis);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => exit(EXIT_OK),
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => exit(EXIT_OK),
        Err(error) => {
            eprintln!("error: cannot write the report: {error}");
            exit(EXIT_FAILURE)
        }
    }
}

/// Names the units whose path or last folder is close to what was typed;
/// a national repository has hundreds, so not all of them.
fn unknown_unit(model: &Model, typed: &str, path: &str) -> String {
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
        format!(
            "the units are folders with a _unit.toml; those directly below the root include: {}",
            top.join(", ")
        )
    } else {
        format!("did you mean: {}?", close.join(", "))
    };
    format!("there is no unit `{typed}` (no agreements/{path}/_unit.toml); {hint}")
}
