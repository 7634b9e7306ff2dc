use std::io::{BufRead, Write};
use std::process::ExitCode;

use chrono::{Datelike, NaiveDate};

use super::{EXIT_FAILURE, EXIT_OK, exit};
use crate::cli::NewArgs;
use crate::console::Console;
use crate::scaffold::{
    agreement_id, derived_stem, free_stem, normalise_unit_path, partner_slug, registered_partner,
    relative_path, takes_reserved_name,
};
use pakta_content::closed;
use pakta_content::diagnostics::nearest;
use pakta_content::i18n::{Lang, Texts};
use pakta_content::message::Message;
use pakta_content::reserved::RESERVED_SEGMENTS;
use pakta_content::schema::{characters, known_words::code_for_word};
use pakta_content::slug::is_slug;
use pakta_content::starting_text::{NewAgreementFacts, starting_text};
use pakta_content::{Category, Kind, Stage};
use pakta_load::{LoadOptions, PARTNERS_DIR, check_agreement_text};
use pakta_model::Model;
use pakta_model::pipeline::{analyse, today_in};

/// Writes a new agreement file and prints its path; never overwrites.
pub(crate) fn run(args: &NewArgs, console: &Console) -> ExitCode {
    let stdin = std::io::stdin();
    let mut asker = Asker {
        console,
        input: stdin.lock(),
        interactive: args.interactive,
    };
    match scaffold(args, console, &mut asker) {
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

/// Values from the command line, else (with `--interactive`) one line of
/// standard input each, asked in the editor's language.
struct Asker<'c, R> {
    console: &'c Console,
    input: R,
    interactive: bool,
}

impl<R: BufRead> Asker<'_, R> {
    /// A value that has no default.
    fn required(
        &mut self,
        given: Option<&String>,
        flag: &'static str,
        question: Message,
    ) -> Result<String, Message> {
        if let Some(value) = given {
            return Ok(value.clone());
        }
        if !self.interactive {
            return Err(Message::new("new-missing-flag").arg("flag", flag));
        }
        loop {
            let answer = self.ask(&question)?;
            if !answer.is_empty() {
                return Ok(answer);
            }
        }
    }

    /// A value with a default: asked only with `--interactive`, where an
    /// empty answer takes the default.
    fn optional(
        &mut self,
        given: Option<String>,
        question: Message,
    ) -> Result<Option<String>, Message> {
        if given.is_some() || !self.interactive {
            return Ok(given);
        }
        let answer = self.ask(&question)?;
        Ok((!answer.is_empty()).then_some(answer))
    }

    fn ask(&mut self, question: &Message) -> Result<String, Message> {
        eprint!("{}: ", self.console.text(question));
        let _ = std::io::stderr().flush();
        let mut line = String::new();
        match self.input.read_line(&mut line) {
            Ok(0) | Err(_) => Err(Message::new("new-ask-ended")),
            Ok(_) => Ok(line.trim().to_string()),
        }
    }
}

fn scaffold<R: BufRead>(
    args: &NewArgs,
    console: &Console,
    asker: &mut Asker<'_, R>,
) -> Result<String, Message> {
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
    let today = args
        .repo
        .today
        .unwrap_or_else(|| today_in(&model.config.site.timezone));

    let typed_unit = asker.required(args.unit.as_ref(), "--unit", Message::new("new-ask-unit"))?;
    let unit = find_unit(model, &typed_unit)?;
    let kinds = || Kind::ALL.iter().map(|k| k.code());
    let typed_kind = asker.required(
        args.kind.as_ref(),
        "--kind",
        Message::new("new-ask-kind").list("allowed", kinds()),
    )?;
    let kind = code_for_word(&closed::KINDS, &typed_kind)
        .and_then(Kind::parse)
        .ok_or_else(|| {
            Message::new("new-unknown-kind")
                .arg("value", &typed_kind)
                .list("allowed", kinds())
        })?;
    let typed_partner = asker.required(
        args.partner.as_ref(),
        "--partner",
        Message::new("new-ask-partner"),
    )?;
    let typed_partner = one_line("--partner", &typed_partner)?;
    let registered = registered_partner(model, &typed_partner);
    match registered {
        Some(partner) => {
            if partner.name != typed_partner {
                console.note(
                    Message::new("new-partner-registered")
                        .arg("name", &partner.name)
                        .arg("file", format!("{PARTNERS_DIR}/{}.toml", partner.key)),
                );
            }
        }
        None => warn_about_close_partner(model, &typed_partner, console),
    }
    let categories = || Category::ALL.iter().map(|c| c.code());
    let category = match (&args.category, registered.and_then(|p| p.category)) {
        (None, Some(category)) => category,
        (given, _) => {
            let typed = match given {
                Some(given) => given.clone(),
                None if asker.interactive => asker.required(
                    None,
                    "--category",
                    Message::new("new-ask-category").list("allowed", categories()),
                )?,
                None => {
                    return Err(Message::new("new-category-needed").list("allowed", categories()));
                }
            };
            code_for_word(&closed::CATEGORIES, &typed)
                .and_then(Category::parse)
                .ok_or_else(|| {
                    Message::new("new-unknown-category")
                        .arg("value", &typed)
                        .list("allowed", categories())
                })?
        }
    };
    let title = asker.required(
        args.title.as_ref(),
        "--title",
        Message::new("new-ask-title"),
    )?;
    let title = one_line("--title", &title)?;
    let stages = || Stage::ALL.iter().map(|s| s.code());
    let stage = match asker.optional(
        args.stage.clone(),
        Message::new("new-ask-stage")
            .list("allowed", stages())
            .arg("default", Stage::Planning),
    )? {
        None => Stage::Planning,
        Some(typed) => Stage::parse(&typed.to_lowercase()).ok_or_else(|| {
            Message::new("new-stage-unknown")
                .arg("value", &typed)
                .list("allowed", stages())
        })?,
    };
    let date = match asker.optional(
        args.date.map(|d| d.to_string()),
        Message::new("new-ask-date").arg("default", today),
    )? {
        None => today,
        Some(typed) => typed
            .parse::<NaiveDate>()
            .map_err(|_| Message::new("new-ask-date-invalid").arg("value", &typed))?,
    };

    let partner_name = registered.map_or(typed_partner.clone(), |p| p.name.clone());
    let stem = match &args.id {
        Some(id) => id.clone(),
        None => {
            let partner_part =
                registered.map_or_else(|| partner_slug(&typed_partner), |p| p.key.clone());
            free_stem(
                &args.repo.root,
                &unit.path,
                &derived_stem(date.year(), kind, &partner_part),
                &[],
            )
        }
    };
    let id = agreement_id(&unit.path, &stem);
    if takes_reserved_name(&id) {
        return Err(Message::new("new-reserved-id")
            .arg("value", &id)
            .list("reserved", RESERVED_SEGMENTS));
    }
    let relative = relative_path(&id);
    let facts = NewAgreementFacts {
        title,
        kind,
        partner: partner_name,
        category,
        unit_name: unit.name.clone(),
        stage,
        date,
    };
    // The text is published, so it is in the site's language; the hints
    // in its comments are for the editor running the command.
    let site = Texts::default_for(Lang::from_config(&model.config.site.language));
    let text = starting_text(&facts, console.texts, site);
    let problems = check_agreement_text(&relative, &text);
    if problems.iter().any(|d| d.is_error()) {
        console.diagnostics(&problems);
        return Err(Message::new("new-refused").arg("path", &relative));
    }
    write_new(&args.repo.root.join(&relative), &relative, &text)?;
    Ok(relative)
}

pub(crate) fn find_unit<'m>(
    model: &'m Model,
    typed: &str,
) -> Result<&'m pakta_model::Unit, Message> {
    let unit_path = normalise_unit_path(typed);
    model.unit(&unit_path).ok_or_else(|| {
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
        Message::new("new-unknown-unit")
            .arg("typed", typed)
            .arg(
                "path",
                if unit_path.is_empty() {
                    String::new()
                } else {
                    format!("{unit_path}/")
                },
            )
            .arg("units", known)
    })
}

/// A flag's text, refused when it would break a line of the front matter.
fn one_line(flag: &'static str, text: &str) -> Result<String, Message> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Message::new("new-empty-flag").arg("flag", flag));
    }
    if characters::first_refused(text, false).is_some() {
        return Err(Message::new("new-line-break").arg("flag", flag));
    }
    Ok(text.to_string())
}

fn warn_about_close_partner(model: &Model, typed: &str, console: &Console) {
    let names = model.partners.partners.iter().flat_map(|p| {
        std::iter::once(p.name.as_str())
            .chain(p.acronym.as_deref())
            .chain(p.aliases.iter().map(String::as_str))
            .map(move |name| (name, p))
    });
    let names: Vec<_> = names.collect();
    let Some(close) = nearest(typed, names.iter().map(|(name, _)| *name)) else {
        return;
    };
    if let Some((_, partner)) = names.iter().find(|(name, _)| *name == close) {
        console.warning(
            Message::new("new-partner-close")
                .arg("name", typed)
                .arg("registered", &partner.name)
                .arg("file", format!("{PARTNERS_DIR}/{}.toml", partner.key)),
        );
    }
}

pub(crate) fn write_new(path: &std::path::Path, relative: &str, text: &str) -> Result<(), Message> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|error| match error.kind() {
            std::io::ErrorKind::AlreadyExists => Message::new("new-exists").arg("path", relative),
            _ => Message::new("cannot-create")
                .arg("path", relative)
                .arg("detail", &error),
        })?;
    file.write_all(text.as_bytes()).map_err(|error| {
        Message::new("cannot-write")
            .arg("path", relative)
            .arg("detail", error)
    })
}
