//! `pakta import`: agreements kept in a spreadsheet brought in as files.
//! Every row that cannot be converted is reported with its row number,
//! column and reason; nothing is written unless every row converts (or
//! `--partial`), no file is ever overwritten, and every file written is
//! one `check` accepts.

mod rows;
mod sheet;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::process::ExitCode;

use chrono::Datelike;

use crate::cli::ImportArgs;
use crate::commands::new::{find_unit, write_new};
use crate::commands::{EXIT_FAILURE, EXIT_INVALID, EXIT_OK, exit};
use crate::console::Console;
use crate::scaffold::{
    agreement_id, derived_stem, free_stem, partner_slug, registered_partner, relative_path,
};
use pakta_content::i18n::{Lang, Texts};
use pakta_content::message::Message;
use pakta_load::{LoadOptions, check_agreement_text};
use pakta_model::pipeline::analyse;
use rows::{Columns, FIELDS, Problem, RowFacts, read_row};
use sheet::{Unreadable, read_rows};

/// A file to write: its path from the repository root and its text.
struct Planned {
    relative: String,
    text: String,
}

/// Converts the spreadsheet, reports every row it cannot, and writes the
/// files (unless `--dry-run`).
pub(crate) fn run(args: &ImportArgs, console: &Console) -> ExitCode {
    match import(args, console) {
        Ok(true) => exit(EXIT_OK),
        Ok(false) => exit(EXIT_INVALID),
        Err(message) => {
            console.error(message);
            exit(EXIT_FAILURE)
        }
    }
}

/// `Ok(true)` when every row was brought in.
fn import(args: &ImportArgs, console: &Console) -> Result<bool, Message> {
    let shown = args.file.display().to_string();
    let rows = read_rows(&args.file).map_err(|problem| match problem {
        Unreadable::NotUtf8 => Message::new("import-not-utf8").arg("path", &shown),
        Unreadable::Workbook => Message::new("import-unreadable").arg("path", &shown),
        Unreadable::Io(error) => Message::new("cannot-read")
            .arg("path", &shown)
            .arg("detail", error),
    })?;
    let map = match &args.map {
        Some(path) => read_map(path)?,
        None => BTreeMap::new(),
    };
    let Some((header, body)) = rows.split_first() else {
        return Err(Message::new("import-empty").arg("path", &shown));
    };
    let (columns, missing) = Columns::from_header(header, &map);
    if !missing.is_empty() {
        return Err(Message::new("import-missing-columns")
            .list("fields", missing)
            .list("known", FIELDS));
    }
    for (header, field) in columns.headers.iter().zip(&columns.fields) {
        if field.is_none() && !header.trim().is_empty() {
            console.warning(Message::new("import-ignored-column").arg("column", header));
        }
    }
    let analysis = analyse(
        &args.repo.root,
        args.repo.today,
        LoadOptions { bodies: false },
    )
    .map_err(|e| e.message())?;
    let model = &analysis.model;
    let unit = find_unit(model, &args.unit)?;
    let site = Texts::default_for(Lang::from_config(&model.config.site.language));

    // `check` refuses two agreements of a unit with one number: a row
    // already brought in (or written twice) is reported, never duplicated.
    let unit_ix = model.units.iter().position(|u| u.path == unit.path);
    let mut numbers: BTreeMap<String, String> = model
        .agreements
        .iter()
        .filter(|a| Some(a.unit) == unit_ix)
        .filter_map(|a| Some((a.front.number.as_ref()?.value.clone(), a.id.clone())))
        .collect();
    let mut planned: Vec<Planned> = Vec::new();
    let mut stems: Vec<String> = Vec::new();
    let mut refused = 0;
    for (index, row) in body.iter().enumerate() {
        // Row numbers as the spreadsheet shows them: the header is row 1.
        let row_number = index + 2;
        let result = read_row(&columns, row).and_then(|facts| {
            if let Some(number) = &facts.number
                && let Some(id) = numbers.get(number)
            {
                return Err(vec![Problem {
                    column: column_name(&columns, "number"),
                    reason: Message::new("import-duplicate-number")
                        .arg("number", number)
                        .arg("id", id),
                }]);
            }
            let registered = registered_partner(model, &facts.partner);
            let category = facts
                .category
                .or(registered.and_then(|p| p.category))
                .ok_or_else(|| {
                    vec![Problem {
                        column: column_name(&columns, "category"),
                        reason: Message::new("import-missing"),
                    }]
                })?;
            let partner_part =
                registered.map_or_else(|| partner_slug(&facts.partner), |p| p.key.clone());
            let stem = free_stem(
                &args.repo.root,
                &unit.path,
                &derived_stem(facts.signed.year(), facts.kind, &partner_part),
                &stems,
            );
            let id = agreement_id(&unit.path, &stem);
            let relative = relative_path(&id);
            let partner = registered.map_or(facts.partner.clone(), |p| p.name.clone());
            let text = agreement_text(&facts, &partner, category, &unit.name, site);
            let problems = check_agreement_text(&relative, &text);
            if let Some(first) = problems.iter().find(|d| d.is_error()) {
                return Err(vec![Problem {
                    column: String::new(),
                    reason: Message::new("import-refused").nested("detail", first.message.clone()),
                }]);
            }
            Ok((stem, id, facts.number.clone(), Planned { relative, text }))
        });
        match result {
            Ok((stem, id, number, file)) => {
                if let Some(number) = number {
                    numbers.insert(number, id);
                }
                stems.push(stem);
                planned.push(file);
            }
            Err(problems) => {
                refused += 1;
                for problem in problems {
                    console.error(
                        Message::new("import-row-problem")
                            .arg("row", row_number)
                            .arg("column", &problem.column)
                            .nested("reason", problem.reason),
                    );
                }
            }
        }
    }
    if refused > 0 && !args.partial {
        console.tell(Message::new("import-nothing-written").arg("count", refused));
        return Ok(false);
    }
    for file in &planned {
        if args.dry_run {
            println!("{}", file.relative);
            continue;
        }
        write_new(
            &args.repo.root.join(&file.relative),
            &file.relative,
            &file.text,
        )?;
        println!("{}", file.relative);
    }
    let summary = if args.dry_run {
        Message::new("import-summary-dry-run")
    } else {
        Message::new("import-summary")
    };
    console.tell(
        summary
            .arg("written", planned.len())
            .arg("refused", refused),
    );
    Ok(refused == 0)
}

fn column_name(columns: &Columns, field: &str) -> String {
    columns
        .fields
        .iter()
        .position(|f| *f == Some(field))
        .map_or_else(|| field.to_string(), |i| columns.headers[i].clone())
}

/// `--map`: `[columns]` with a file's header and the field it holds.
fn read_map(path: &std::path::Path) -> Result<BTreeMap<String, String>, Message> {
    let shown = path.display().to_string();
    let invalid = || {
        Message::new("import-map-invalid")
            .arg("path", &shown)
            .list("known", FIELDS)
    };
    let text = std::fs::read_to_string(path).map_err(|error| {
        Message::new("cannot-read")
            .arg("path", &shown)
            .arg("detail", error)
    })?;
    let table: toml::Table = toml::from_str(&text).map_err(|_| invalid())?;
    let Some(toml::Value::Table(columns)) = table.get("columns") else {
        return Err(invalid());
    };
    columns
        .iter()
        .map(|(header, field)| match field.as_str() {
            Some(field) if FIELDS.contains(&field) => Ok((header.clone(), field.to_string())),
            _ => Err(invalid()),
        })
        .collect()
}

/// The imported agreement's file: its front matter and an opening
/// sentence in the site's language.
fn agreement_text(
    facts: &RowFacts,
    partner: &str,
    category: pakta_content::Category,
    unit_name: &str,
    site: &Texts,
) -> String {
    let quoted = |text: &str| toml::Value::String(text.to_string()).to_string();
    let mut out = String::from("+++\n");
    let _ = writeln!(out, "title = {}", quoted(&facts.title));
    let _ = writeln!(out, "kind = \"{}\"", facts.kind);
    if let Some(number) = &facts.number {
        let _ = writeln!(out, "number = {}", quoted(number));
    }
    if let Some(summary) = &facts.summary {
        let _ = writeln!(out, "summary = {}", quoted(summary));
    }
    out.push_str("\n[dates]\n");
    let _ = writeln!(out, "signed = {}", facts.signed);
    if let Some(expires) = facts.expires {
        let _ = writeln!(out, "expires = {expires}");
    }
    out.push_str("\n[[partners]]\n");
    let _ = writeln!(out, "name = {}", quoted(partner));
    let _ = writeln!(out, "category = \"{category}\"");
    out.push_str("+++\n\n");
    let opening = Message::new("scaffold-summary")
        .arg("title", facts.title.trim_end_matches('.'))
        .arg("unit", unit_name)
        .arg("partner", partner);
    let _ = writeln!(out, "{}", opening.render(site));
    out
}
