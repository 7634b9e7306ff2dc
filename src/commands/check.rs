use std::fmt::Write;
use std::process::ExitCode;

use super::{EXIT_INVALID, EXIT_OK, analysed, exit, plural, print_human};
use crate::cli::{CheckArgs, Format};
use pakta_content::diagnostics::{render_github, render_json};
use pakta_content::i18n::{Lang, Texts};
use pakta_load::LoadOptions;
use pakta_model::pipeline::Analysis;
use pakta_model::{Figures, Flag, Model, Status};

pub(crate) fn run(args: &CheckArgs) -> ExitCode {
    let analysis = match analysed(
        &args.repo.root,
        args.repo.today,
        LoadOptions { bodies: false },
    ) {
        Ok(a) => a,
        Err(code) => return code,
    };
    match args.format {
        Format::Human => {
            print_human(&analysis.diagnostics);
            print!("{}", summary(&analysis));
        }
        Format::Github => {
            print!("{}", render_github(&analysis.diagnostics));
            print!("{}", summary(&analysis));
        }
        Format::Json => print!("{}", render_json(&analysis.diagnostics)),
    }
    if args.timings {
        eprint!("{}", analysis.timings.report());
    }
    exit(if analysis.has_errors() {
        EXIT_INVALID
    } else {
        EXIT_OK
    })
}

/// What was loaded, where statuses stand and what needs attention.
pub(crate) fn summary(analysis: &Analysis) -> String {
    let model = &analysis.model;
    let mut out = String::new();
    let private = model.agreements.iter().filter(|a| !a.is_public()).count();
    let _ = writeln!(
        out,
        "Checked {} and {} as of {}{}.",
        plural(model.files_loaded, "agreement", "agreements"),
        plural(analysis.units_loaded, "unit", "units"),
        model.today,
        if private > 0 {
            format!(" ({private} not public)")
        } else {
            String::new()
        }
    );
    // The command line speaks English; statuses and flags keep the
    // glossary's names, so `check` calls them what the site calls them.
    let texts = Texts::default_for(Lang::En);
    let term = |field: &str, value: &str| texts.text(&format!("{field}-{value}")).to_string();
    let counts = Model::count_statuses(model.agreements.iter());
    if !counts.is_empty() {
        let by_status: Vec<String> = Status::ALL
            .iter()
            .filter_map(|s| {
                counts
                    .get(s)
                    .map(|n| format!("{n} {}", term("status", s.as_str())))
            })
            .collect();
        let _ = writeln!(out, "  Status:   {}", by_status.join("; "));
    }
    let figures = Figures::of(model.agreements.iter(), model.today);
    let rules = &model.config.rules;
    let _ = writeln!(
        out,
        "  Findings: {} {}; {} {} (in {} months); {} {} (in 12 months).",
        figures.needs_pks,
        term("flag", Flag::NeedsPks.as_str()),
        figures.no_activity,
        term("flag", Flag::NoActivity.as_str()),
        rules.dormant_months,
        figures.not_evaluated,
        term("flag", Flag::NotEvaluated.as_str()),
    );
    let errors = analysis.error_count();
    let warnings = analysis.warning_count();
    let _ = writeln!(
        out,
        "{}, {}.",
        if errors == 0 {
            "No errors".to_string()
        } else {
            plural(errors, "error", "errors")
        },
        plural(warnings, "warning", "warnings")
    );
    out
}
