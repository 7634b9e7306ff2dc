//! `data/dictionary/`: the data dictionary, generated from the JSON
//! Schema of the bulk document (`data/schema.json`) and from the tables'
//! definition (the one the CSV files, the workbook and the Data Package
//! use): every field of the bulk record and every column of every table
//! with its type, its meaning in Indonesian and in English, the codes it
//! allows with their labels, and an example from the site's own data.

use serde::Serialize;
use serde_json::Value;

use pakta_content::i18n::{Lang, Texts};

use pakta_model::data::CodeList;

use super::tables::{Cell, Column, ColumnType, FilledTable, LIST_SEPARATOR, TABLES};

/// The page: the bulk record's fields, then one section per table.
#[derive(Serialize)]
pub(crate) struct DictionaryPage {
    pub bulk: Vec<FieldEntry>,
    pub tables: Vec<TableEntry>,
}

/// One field of the bulk document, by its path (`partners[].name`).
#[derive(Serialize)]
pub(crate) struct FieldEntry {
    pub path: String,
    /// The catalog keys naming its JSON types.
    pub type_keys: Vec<String>,
    /// Whether a string field holds a date.
    pub date: bool,
    pub meaning_id: String,
    pub meaning_en: String,
    pub values: Vec<CodeEntry>,
    pub example: Option<String>,
}

/// One table and its columns.
#[derive(Serialize)]
pub(crate) struct TableEntry {
    /// The table's name, `agreements` …
    pub name: &'static str,
    /// Its file, `agreements.csv` …
    pub file: String,
    pub columns: Vec<ColumnEntry>,
}

/// One column of a table.
#[derive(Serialize)]
pub(crate) struct ColumnEntry {
    pub name: String,
    /// The catalog key naming its type.
    pub type_key: &'static str,
    /// Whether a cell holds a list.
    pub list: bool,
    /// What it holds, in Indonesian.
    pub meaning_id: String,
    /// What it holds, in English.
    pub meaning_en: String,
    /// The codes it allows and each one's label in the site's language.
    pub values: Vec<CodeEntry>,
    /// The first value of the column in the site's data, if any.
    pub example: Option<String>,
}

/// One allowed code.
#[derive(Serialize)]
pub(crate) struct CodeEntry {
    pub code: &'static str,
    pub label: String,
}

/// Examples longer than this are cut, so one long summary cannot fill
/// the page.
const EXAMPLE_CHARS: usize = 60;

/// The dictionary of the bulk document's `schema` (with `records`, some
/// of its records as JSON, for examples) and of `tables`; `texts` are the
/// site's texts (after the theme's overrides) in the site's language
/// `lang`.
pub(crate) fn page(
    schema: &Value,
    records: &[Value],
    tables: &[FilledTable],
    texts: &Texts,
    lang: Lang,
) -> DictionaryPage {
    let in_lang = |wanted: Lang| {
        if wanted == lang {
            texts
        } else {
            Texts::default_for(wanted)
        }
    };
    let (id_texts, en_texts) = (in_lang(Lang::Id), in_lang(Lang::En));
    let mut fields = Vec::new();
    if let Some(record) = schema.pointer("/$defs/AgreementRecord") {
        walk(schema, record, &mut Vec::new(), &mut fields);
    }
    let bulk = fields
        .into_iter()
        .map(|field| {
            let values = match codes_of(&field.path) {
                Some(list) if field.coded => list
                    .values()
                    .into_iter()
                    .map(|code| CodeEntry {
                        code,
                        label: list.label(texts, code).to_string(),
                    })
                    .collect(),
                _ => Vec::new(),
            };
            FieldEntry {
                path: field.path.join("."),
                type_keys: field
                    .types
                    .iter()
                    .map(|t| format!("dictionary-type-{t}"))
                    .collect(),
                date: field.date,
                meaning_id: field_meaning(&field.path, id_texts),
                meaning_en: field_meaning(&field.path, en_texts),
                values,
                example: records.iter().find_map(|r| value_at(r, &field.path)),
            }
        })
        .collect();
    DictionaryPage {
        bulk,
        tables: tables
            .iter()
            .map(|filled| {
                let name = filled.table.name();
                TableEntry {
                    name,
                    file: format!("{name}.csv"),
                    columns: filled
                        .columns
                        .iter()
                        .enumerate()
                        .map(|(i, column)| ColumnEntry {
                            name: column.name.clone(),
                            type_key: type_key(column),
                            list: column.list,
                            meaning_id: meaning(name, &filled.columns, i, id_texts),
                            meaning_en: meaning(name, &filled.columns, i, en_texts),
                            values: column
                                .codes
                                .filter(|_| !column.label)
                                .map(|list| {
                                    list.values()
                                        .into_iter()
                                        .map(|code| CodeEntry {
                                            code,
                                            label: list.label(texts, code).to_string(),
                                        })
                                        .collect()
                                })
                                .unwrap_or_default(),
                            example: example(&filled.rows, i),
                        })
                        .collect(),
                }
            })
            .collect(),
    }
}

/// A field found in the schema, by the keys leading to it (`[]` marks
/// the items of a list).
struct SchemaField {
    path: Vec<String>,
    types: Vec<String>,
    date: bool,
    /// Whether the schema lists the values it allows.
    coded: bool,
}

/// Collects the fields of `node` (and of the objects and lists below
/// it) under `path`, resolving `$ref`s into the schema's `$defs`.
fn walk(root: &Value, node: &Value, path: &mut Vec<String>, out: &mut Vec<SchemaField>) {
    let node = resolve(root, node);
    let Some(properties) = node.get("properties").and_then(Value::as_object) else {
        return;
    };
    for (key, property) in properties {
        path.push(key.clone());
        let (types, date, coded, inner) = describe(root, property);
        out.push(SchemaField {
            path: path.clone(),
            types,
            date,
            coded,
        });
        if let Some(inner) = inner {
            if types_of(resolve(root, property)).contains(&"array".to_string()) {
                path.last_mut().expect("pushed above").push_str("[]");
            }
            walk(root, inner, path, out);
        }
        path.pop();
    }
}

/// A `$ref` resolved, or `anyOf` with null reduced to its other branch.
fn resolve<'a>(root: &'a Value, node: &'a Value) -> &'a Value {
    if let Some(reference) = node.get("$ref").and_then(Value::as_str) {
        return root
            .pointer(reference.trim_start_matches('#'))
            .unwrap_or(node);
    }
    if let Some(branches) = node.get("anyOf").and_then(Value::as_array)
        && let Some(branch) = branches
            .iter()
            .find(|b| b.get("type") != Some(&"null".into()))
    {
        return resolve(root, branch);
    }
    node
}

fn types_of(node: &Value) -> Vec<String> {
    match node.get("type") {
        Some(Value::String(t)) => vec![t.clone()],
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(|t| t.as_str().map(String::from))
            .collect(),
        _ if node.get("properties").is_some() => vec!["object".to_string()],
        _ => Vec::new(),
    }
}

/// A property's types, whether it is a date, its codes, and the object
/// schema inside it (itself, or its lists' items) when it has fields.
fn describe<'a>(
    root: &'a Value,
    property: &'a Value,
) -> (Vec<String>, bool, bool, Option<&'a Value>) {
    let nullable = property
        .get("anyOf")
        .and_then(Value::as_array)
        .is_some_and(|b| b.iter().any(|b| b.get("type") == Some(&"null".into())));
    let node = resolve(root, property);
    let mut types = types_of(node);
    if nullable && !types.contains(&"null".to_string()) {
        types.push("null".to_string());
    }
    let items = node.get("items").map(|items| resolve(root, items));
    let element = items.unwrap_or(node);
    let date = element.get("format") == Some(&"date".into());
    let coded = element.get("enum").is_some();
    let inner = element.get("properties").is_some().then_some(element);
    (types, date, coded, inner)
}

/// The table column holding the same as a bulk field: `partners[].name`
/// is `partners.name`, `dates.signed` and `kind` are `agreements.signed`
/// and `agreements.kind`, `activities[].evidence.file` is
/// `activities.evidence_file`.
fn column_of(path: &[String]) -> Option<(&str, String)> {
    Some(match path {
        [field] => ("agreements", field.clone()),
        [dates, field] if dates == "dates" => ("agreements", field.clone()),
        [list, field] => (list.trim_end_matches("[]"), field.clone()),
        [list, inner, field] => (
            list.trim_end_matches("[]"),
            match (inner.as_str(), field.as_str()) {
                ("period", "from") => "period_from".to_string(),
                ("period", "to") => "period_to".to_string(),
                _ => format!("{inner}_{field}"),
            },
        ),
        _ => return None,
    })
}

/// A bulk field's meaning: a top-level field's own text, a nested one's
/// that of the table column holding the same.
fn field_meaning(path: &[String], texts: &Texts) -> String {
    let key = match (path, column_of(path)) {
        ([field], _) => format!("field-{field}"),
        (_, Some((table, column))) => format!("dictionary-{table}-{column}"),
        _ => String::new(),
    };
    texts.text(&key).to_string()
}

/// The closed list of a coded bulk field: its table column's.
fn codes_of(path: &[String]) -> Option<CodeList> {
    let (table, column) = column_of(path)?;
    let table = TABLES.iter().find(|t| t.name() == table)?;
    table
        .columns()
        .into_iter()
        .find(|c| c.name == column && !c.label)?
        .codes
}

/// The first value at `path` in `record` (the first item of a list),
/// written as JSON, cut to [`EXAMPLE_CHARS`].
fn value_at(record: &Value, path: &[String]) -> Option<String> {
    let mut value = record;
    for key in path {
        value = value.get(key.trim_end_matches("[]"))?;
        if key.ends_with("[]") {
            value = value.as_array()?.first()?;
        }
    }
    let shown = match value {
        Value::Null => return None,
        Value::Array(items) if items.is_empty() => return None,
        // A list of records is shown field by field below it.
        Value::Array(items) if items[0].is_object() => return None,
        Value::Array(items) => items[0].to_string(),
        Value::Object(_) => return None,
        Value::String(text) if text.is_empty() => return None,
        other => other.to_string(),
    };
    Some(cut(&shown))
}

fn cut(text: &str) -> String {
    if text.chars().count() > EXAMPLE_CHARS {
        let cut: String = text.chars().take(EXAMPLE_CHARS).collect();
        format!("{cut}…")
    } else {
        text.to_string()
    }
}

fn type_key(column: &Column) -> &'static str {
    match column.ty {
        ColumnType::Text => "dictionary-type-text",
        ColumnType::Integer => "dictionary-type-integer",
        ColumnType::Date => "dictionary-type-date",
    }
}

/// A column's meaning: its own catalog text, or for a label column, the
/// sentence naming the coded column it labels.
fn meaning(table: &str, columns: &[Column], i: usize, texts: &Texts) -> String {
    let column = &columns[i];
    if column.label {
        let coded = &columns[i - 1].name;
        return texts.text("dictionary-label-of").replace("{column}", coded);
    }
    texts
        .text(&format!("dictionary-{table}-{}", column.name))
        .to_string()
}

/// The first non-empty cell of column `i`, its first list item for a
/// list, cut to [`EXAMPLE_CHARS`].
fn example(rows: &[Vec<Cell>], i: usize) -> Option<String> {
    let text = rows
        .iter()
        .map(|row| row[i].to_text())
        .find(|text| !text.is_empty())?;
    let first = text.split(LIST_SEPARATOR).next().unwrap_or_default();
    Some(cut(first))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_has_a_meaning_in_both_languages() {
        for lang in [Lang::Id, Lang::En] {
            let texts = Texts::default_for(lang);
            for table in TABLES {
                let columns = table.columns();
                for i in 0..columns.len() {
                    if !columns[i].label {
                        let key = format!("dictionary-{}-{}", table.name(), columns[i].name);
                        assert!(texts.get(&key).is_some(), "{key} missing in {lang:?}");
                    }
                    assert!(!meaning(table.name(), &columns, i, texts).contains('{'));
                }
            }
        }
    }

    #[test]
    fn every_field_of_the_bulk_record_is_found_with_a_meaning_in_both_languages() {
        let schema = pakta_model::data::schema();
        let mut fields = Vec::new();
        let record = schema
            .pointer("/$defs/AgreementRecord")
            .expect("the record");
        walk(&schema, record, &mut Vec::new(), &mut fields);
        let paths: Vec<String> = fields.iter().map(|f| f.path.join(".")).collect();
        for expected in [
            "id",
            "dates.signed",
            "partners[].category",
            "activities[].evidence.sha256",
            "evaluations[].period.from",
            "documents[].size",
        ] {
            assert!(
                paths.contains(&expected.to_string()),
                "{expected}: {paths:?}"
            );
        }
        for field in &fields {
            assert!(!field.types.is_empty(), "{:?}", field.path);
            for lang in [Lang::Id, Lang::En] {
                let meaning = field_meaning(&field.path, Texts::default_for(lang));
                assert!(
                    !meaning.is_empty()
                        && !meaning.starts_with("dictionary-")
                        && !meaning.starts_with("field-"),
                    "{:?} has no meaning in {lang:?}",
                    field.path
                );
            }
            if field.coded {
                assert!(codes_of(&field.path).is_some(), "{:?}", field.path);
            }
        }
    }
}
