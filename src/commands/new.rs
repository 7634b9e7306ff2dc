use std::io::Write;
use std::process::ExitCode;

use super::{EXIT_FAILURE, EXIT_OK, exit};
use crate::cli::NewArgs;
use crate::console::Console;
use crate::scaffold::{NewAgreement, normalise_unit_path};
use pakta_content::i18n::{Lang, Texts};
use pakta_content::message::Message;
use pakta_content::slug::is_slug;
use pakta_content::{Category, Kind};
use pakta_load::LoadOptions;
use pakta_model::pipeline::{analyse, today_in};

/// Writes a new agreement file and prints its path; never overwrites.
pub(crate) fn run(args: &NewArgs, console: &Console) -> ExitCode {
    match scaffold(args, console) {
        Ok(path) => {
            println!("{path}");
            exit(EXIT_OK)
        }
        Err(message) => {
            console.error(message);
            exit(EXIT_FAILURE)
        }
    }
}

fn scaffold(args: &NewArgs, console: &Console) -> Result<String, Message> {
    let kind = Kind::parse(&args.kind).ok_or_else(|| {
        Message::new("new-unknown-kind")
            .arg("value", &args.kind)
            .list("allowed", Kind::ALL.iter().map(|k| k.code()))
    })?;
    let category = Category::parse(&args.category).ok_or_else(|| {
        Message::new("new-unknown-category")
            .arg("value", &args.category)
            .list("allowed", Category::ALL.iter().map(|c| c.code()))
    })?;
    for (flag, value) in [("--partner", &args.partner), ("--title", &args.title)] {
        if value.trim().is_empty() {
            return Err(Message::new("new-empty-flag").arg("flag", flag));
        }
    }
    if let Some(slug) = &args.id
        && !is_slug(slug)
    {
        return Err(Message::new("new-invalid-id").arg("value", slug));
    }
    let analysis = analyse(
        &args.repo.root,
        args.repo.today,
        LoadOptions { bodies: false },
    )
    .map_err(|e| e.message())?;
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
        return Err(Message::new("new-unknown-unit")
            .arg("typed", &args.unit)
            .arg(
                "path",
                if unit_path.is_empty() {
                    String::new()
                } else {
                    format!("{unit_path}/")
                },
            )
            .arg("units", known));
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
            std::io::ErrorKind::AlreadyExists => Message::new("new-exists").arg("path", &relative),
            _ => Message::new("cannot-create")
                .arg("path", &relative)
                .arg("detail", &error),
        })?;
    // The text is published, so it is in the site's language; the hints
    // in its comments are for the editor running the command.
    let site = Texts::default_for(Lang::from_config(&model.config.site.language));
    file.write_all(new.render(console.texts, site).as_bytes())
        .map_err(|error| {
            Message::new("cannot-write")
                .arg("path", &relative)
                .arg("detail", error)
        })?;
    Ok(relative)
}
