//! Reads one `_unit.toml`.

use toml::de::DeTable;

use super::toml_file::{decode_utf8, toml_syntax_errors};
use pakta_content::diagnostics::{Diagnostic, Diagnostics, SourceFile, Spanned};
use pakta_content::message::Message;
use pakta_content::reviewers::is_valid_owner;
use pakta_content::schema::{TableReader, spec};
use pakta_content::{Level, UnitSource};

pub(crate) fn parse_unit(
    unit_path: String,
    file_path: String,
    bytes: Vec<u8>,
    diagnostics: &mut Diagnostics,
) -> UnitSource {
    let (source, utf8_ok) = decode_utf8(file_path, bytes, diagnostics);
    let mut unit = UnitSource::unnamed(unit_path, source);
    if !utf8_ok {
        return unit;
    }
    let (table, errors) = DeTable::parse_recoverable(&unit.source.text);
    if !errors.is_empty() {
        diagnostics.extend(toml_syntax_errors(&unit.source, 0, errors));
        return unit;
    }
    let r = TableReader::check(&unit.source, 0, &spec::UNIT, &table, diagnostics);
    let name = r.text("name").map(|n| n.value).unwrap_or_default();
    let level = r.choice::<Level>("level");
    let short = r.text("short").map(|s| s.value);
    let website = r.text("website").map(|s| s.value);
    let region_code = r.text("region_code").map(|s| s.value);
    let reviewers = r
        .spanned_text_list("reviewers")
        .into_iter()
        .filter(|reviewer| {
            let valid = is_valid_owner(&reviewer.value);
            if !valid {
                diagnostics.push(invalid_reviewer(&unit.source, reviewer));
            }
            valid
        })
        .map(|reviewer| reviewer.value)
        .collect();
    unit.name = name;
    unit.level = level;
    unit.short = short;
    unit.website = website;
    unit.region_code = region_code;
    unit.reviewers = reviewers;
    unit
}

fn invalid_reviewer(file: &SourceFile, reviewer: &Spanned<String>) -> Diagnostic {
    Diagnostic::error(
        file,
        reviewer.span.clone(),
        "invalid-reviewer",
        // Quoted and escaped as in TOML, so a line break in it shows.
        Message::new("invalid-reviewer").arg("value", format!("{:?}", reviewer.value)),
    )
    .with_help(Message::new("invalid-reviewer.help"))
}

/// The record of a `_unit.toml` that could not be read: the unit exists
/// (agreements below it are not also reported as unit-less) but has no
/// name or level.
pub(crate) fn unreadable_unit(unit_path: String, file_path: String) -> UnitSource {
    UnitSource::unnamed(unit_path, SourceFile::new(file_path, String::new()))
}
