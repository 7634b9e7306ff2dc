use std::io::Write;
use std::process::ExitCode;

use super::{EXIT_FAILURE, EXIT_OK, exit};
use crate::cli::NewArgs;
use crate::scaffold::{NewAgreement, normalise_unit_path};
use pakta_content::slug::is_slug;
use pakta_content::{Category, Kind};
use pakta_load::LoadOptions;
use pakta_model::pipeline::{analyse, today_in};

/// Writes a new agreement file and prints its path; never overwrites.
pub(crate) fn run(args: &NewArgs) -> ExitCode {
    match scaffold(args) {
        Ok(path) => {
            println!("{path}");
            exit(EXIT_OK)
        }
        Err(message) => {
            eprintln!("error: {message}");
            exit(EXIT_FAILURE)
        }
    }
}

fn scaffold(args: &NewArgs) -> Result<String, String> {
    let kind = Kind::parse(&args.kind).ok_or_else(|| {
        format!(
            "unknown kind `{}`; use one of: {}",
            args.kind,
            names(Kind::ALL.iter().map(|k| k.as_str()))
        )
    })?;
    let category = Category::parse(&args.category).ok_or_else(|| {
        format!(
            "unknown category `{}`; use one of: {}",
            args.category,
            names(Category::ALL.iter().map(|c| c.as_str()))
        )
    })?;
    for (flag, value) in [("--partner", &args.partner), ("--title", &args.title)] {
        if value.trim().is_empty() {
            return Err(format!("{flag} must not be empty"));
        }
    }
    if let Some(slug) = &args.id
        && !is_slug(slug)
    {
        return Err(format!(
            "--id `{slug}` must be lowercase letters, digits and single hyphens, e.g. 2026-mou-uns"
        ));
    }
    let analysis = analyse(
        &args.repo.root,
        args.repo.today,
        LoadOptions { bodies: false },
    )
    .map_err(|e| e.to_string())?;
    let model = &analysis.model;
    let unit_path = normalise_unit_path(&args.unit);
    let Some(unit) = model.unit(&unit_path) else {
        let known = model
            .units
            .iter()
            .map(|u| {
                if u.path.is_empty() {
                    format!("  .  ({})", u.name)
                } else {
                    format!("  {}  ({})", u.path, u.name)
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        return Err(format!(
            "there is no unit `{}` (no agreements/{}_unit.toml); the units are:\n{known}",
            args.unit,
            if unit_path.is_empty() {
                String::new()
            } else {
                format!("{unit_path}/")
            }
        ));
    };
    let today = args
        .repo
        .today
        .unwrap_or_else(|| today_in(&model.config.site.timezone));
    let new = NewAgreement {
        unit: unit.path.clone(),
        unit_name: unit.name.clone(),
        kind,
        partner: args.partner.trim().to_string(),
        category,
        title: args.title.trim().to_string(),
        slug: args.id.clone(),
        today,
    };
    let relative = new.relative_path();
    let path = new.absolute_path(&args.repo.root);
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|error| match error.kind() {
            std::io::ErrorKind::AlreadyExists => format!(
                "{relative} already exists; pakta new never overwrites a file. Choose another name with --id"
            ),
            _ => format!("cannot create {relative}: {error}"),
        })?;
    file.write_all(new.render().as_bytes())
        .map_err(|error| format!("cannot write {relative}: {error}"))?;
    Ok(relative)
}

fn names<'a>(values: impl Iterator<Item = &'a str>) -> String {
    values.collect::<Vec<_>>().join(", ")
}
