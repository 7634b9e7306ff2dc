//! Every agreement needs a unit, units must nest by level, an agreement's
//! folder is a unit of its own, and document numbers are unique within a
//! unit.

use foldhash::{HashMap, HashMapExt, HashSet};

use pakta_content::diagnostics::{Diagnostic, Diagnostics, Severity};
use pakta_content::hierarchy::{folder_of, owning_unit, parent_unit};
use pakta_content::message::Message;
use pakta_load::{CONTENT_DIR, Sources, UNIT_FILE};

pub(crate) fn check(sources: &Sources, out: &mut Diagnostics) {
    let unit_paths: HashSet<&str> = sources.units.iter().map(|u| u.path.as_str()).collect();
    let is_unit = |p: &str| unit_paths.contains(p);

    let levels: HashMap<&str, _> = sources
        .units
        .iter()
        .filter_map(|u| u.level.as_ref().map(|l| (u.path.as_str(), l.value)))
        .collect();
    for unit in &sources.units {
        let (Some(level), Some(parent)) = (&unit.level, parent_unit(&unit.path, is_unit)) else {
            continue;
        };
        let Some(parent_level) = levels.get(parent) else {
            continue;
        };
        if level.value.depth() <= parent_level.depth() {
            out.push(
                Diagnostic::error(
                    &unit.source,
                    level.span.clone(),
                    "unit-level",
                    Message::new("unit-level")
                        .arg("level", level.value)
                        .term("level_name", "level", level.value)
                        .arg("parent_level", parent_level)
                        .term("parent_level_name", "level", parent_level)
                        .arg(
                            "parent_file",
                            format!(
                                "{CONTENT_DIR}/{}{UNIT_FILE}",
                                if parent.is_empty() {
                                    String::new()
                                } else {
                                    format!("{parent}/")
                                }
                            ),
                        ),
                )
                .with_help(
                    Message::new("unit-level.help")
                        .term("national", "level", "national")
                        .term("province", "level", "province")
                        .term("regency", "level", "regency")
                        .term("city", "level", "city"),
                ),
            );
        }
    }

    let mut first_with_number: HashMap<(&str, &str), &str> = HashMap::new();
    for agreement in &sources.agreements {
        let folder = folder_of(&agreement.id);
        let Some(unit) = owning_unit(folder, is_unit) else {
            out.push(
                Diagnostic::file_level(
                    Severity::Error,
                    &agreement.source.path,
                    "no-unit",
                    Message::new("no-unit").arg("unit_file", UNIT_FILE),
                )
                .with_help(
                    Message::new("no-unit.help")
                        .arg("unit_file", UNIT_FILE)
                        .arg("folder", CONTENT_DIR),
                ),
            );
            continue;
        };
        if unit != folder {
            out.push(folder_without_unit(&agreement.source.path, folder, unit));
        }
        let Some(number) = agreement.front.as_ref().and_then(|f| f.number.as_ref()) else {
            continue;
        };
        match first_with_number.get(&(unit, number.value.as_str())) {
            Some(first) => out.push(
                Diagnostic::error(
                    &agreement.source,
                    number.span.clone(),
                    "duplicate-number",
                    Message::new("duplicate-number")
                        .arg("number", &number.value)
                        .arg("first", first),
                )
                .with_help(Message::new("duplicate-number.help")),
            ),
            None => {
                first_with_number.insert((unit, number.value.as_str()), &agreement.source.path);
            }
        }
    }
}

/// An agreement in a folder with no `_unit.toml` is published under the
/// unit above, which is easy to miss: a regency's file put in a misspelt
/// or new folder would silently count for its province.
fn folder_without_unit(path: &str, folder: &str, unit: &str) -> Diagnostic {
    let unit_file = |folder: &str| {
        if folder.is_empty() {
            format!("{CONTENT_DIR}/{UNIT_FILE}")
        } else {
            format!("{CONTENT_DIR}/{folder}/{UNIT_FILE}")
        }
    };
    Diagnostic::file_level(
        Severity::Warning,
        path,
        "folder-without-unit",
        Message::new("folder-without-unit")
            .arg("folder", format!("{CONTENT_DIR}/{folder}/"))
            .arg("unit_file", UNIT_FILE)
            .arg("owner", unit_file(unit)),
    )
    .with_help(Message::new("folder-without-unit.help").arg("missing", unit_file(folder)))
}
