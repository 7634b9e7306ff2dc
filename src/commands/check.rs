use std::process::ExitCode;

use super::{EXIT_INVALID, EXIT_OK, add_theme_problems, analysed, exit};
use crate::cli::{CheckArgs, Format};
use crate::console::{Console, count};
use pakta_content::diagnostics::{render_github, render_json};
use pakta_content::message::Message;
use pakta_load::LoadOptions;
use pakta_model::pipeline::Analysis;
use pakta_model::{Flag, HeadlineFigures, Model, Status};

pub(crate) fn run(args: &CheckArgs, console: &Console) -> ExitCode {
    let mut analysis = match analysed(
        &args.repo.root,
        args.repo.today,
        LoadOptions { bodies: false },
        console,
    ) {
        Ok(a) => a,
        Err(code) => return code,
    };
    add_theme_problems(&mut analysis, &args.repo.root);
    match args.format {
        Format::Human => {
            console.diagnostics(&analysis.diagnostics);
            print!("{}", summary(&analysis, console));
        }
        Format::Github => {
            print!("{}", render_github(&analysis.diagnostics, console.texts));
            print!("{}", summary(&analysis, console));
        }
        Format::Json => print!("{}", render_json(&analysis.diagnostics, console.texts)),
    }
    if args.timings {
        eprint!("{}", analysis.timings.report(console.texts));
    }
    let code = exit(if analysis.has_errors() {
        EXIT_INVALID
    } else {
        EXIT_OK
    });
    // Freeing a national repository's records one by one takes longer than
    // the checks' report did; the process ends here and the system takes
    // it all.
    std::mem::forget(analysis);
    code
}

/// What was loaded, where statuses stand and what needs attention; the
/// statuses and flags by the glossary's names, as the site calls them.
pub(crate) fn summary(analysis: &Analysis, console: &Console) -> String {
    let model = &analysis.model;
    let mut lines = Vec::new();
    let private = model.agreements.iter().filter(|a| !a.is_public()).count();
    let checked = if private > 0 {
        Message::new("summary-checked-private").arg("private", private)
    } else {
        Message::new("summary-checked")
    };
    lines.push(
        checked
            .nested(
                "agreements",
                count(
                    model.files_loaded,
                    Message::new("count-agreements.one"),
                    Message::new("count-agreements.many"),
                ),
            )
            .nested(
                "units",
                count(
                    analysis.units_loaded,
                    Message::new("count-units.one"),
                    Message::new("count-units.many"),
                ),
            )
            .arg("today", model.today),
    );
    let counts = Model::count_statuses(model.agreements.iter());
    // The site counts public agreements only; each count says how many of
    // it the site leaves out, so the two can be told apart.
    let private_counts = Model::count_statuses(model.agreements.iter().filter(|a| !a.is_public()));
    if !counts.is_empty() {
        let by_status = Status::ALL.iter().filter_map(|s| {
            counts.get(s).map(|n| {
                let message = match private_counts.get(s) {
                    Some(private) => Message::new("summary-count-private").arg("private", private),
                    None => Message::new("summary-count"),
                };
                message.arg("n", n).term("name", "status", s.as_str())
            })
        });
        lines.push(Message::new("summary-status").joined("counts", by_status, "; "));
    }
    let figures = HeadlineFigures::of(model.agreements.iter(), model.today);
    lines.push(
        Message::new("summary-findings")
            .arg("needs_pks", figures.needs_pks)
            .term("needs_pks_name", "flag", Flag::NeedsPks.as_str())
            .arg("no_activity", figures.no_activity)
            .term("no_activity_name", "flag", Flag::NoActivity.as_str())
            .arg("dormant_months", model.config.rules.dormant_months)
            .arg("not_evaluated", figures.not_evaluated)
            .term("not_evaluated_name", "flag", Flag::NotEvaluated.as_str()),
    );
    if private > 0 {
        let private_figures = HeadlineFigures::of(
            model.agreements.iter().filter(|a| !a.is_public()),
            model.today,
        );
        lines.push(
            Message::new("summary-not-public")
                .nested(
                    "private",
                    count(
                        private,
                        Message::new("count-agreements.one"),
                        Message::new("count-agreements.many"),
                    ),
                )
                .arg(
                    "findings",
                    private_figures.needs_pks
                        + private_figures.no_activity
                        + private_figures.not_evaluated,
                ),
        );
    }
    let errors = analysis.error_count();
    let errors = if errors == 0 {
        Message::new("summary-no-errors")
    } else {
        crate::console::errors(errors)
    };
    lines.push(
        Message::new("summary-problems")
            .nested("errors", errors)
            .nested(
                "warnings",
                crate::console::warnings(analysis.warning_count()),
            ),
    );
    lines.iter().map(|line| console.text(line) + "\n").collect()
}
