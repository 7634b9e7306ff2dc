//! `data/dictionary/`: the data dictionary, generated from the tables'
//! definition (the one the CSV files, the workbook and the Data Package
//! use): every column of every table with its type, its meaning in
//! Indonesian and in English, the codes it allows with their labels, and
//! an example from the site's own data.

use serde::Serialize;

use pakta_content::i18n::{Lang, Texts};

use super::tables::{Cell, Column, ColumnType, FilledTable, LIST_SEPARATOR};

/// The page: one section per table.
#[derive(Serialize)]
pub(crate) struct DictionaryPage {
    pub tables: Vec<TableEntry>,
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

/// The dictionary of `tables`; `texts` are the site's texts (after the
/// theme's overrides) in the site's language `lang`.
pub(crate) fn page(tables: &[FilledTable], texts: &Texts, lang: Lang) -> DictionaryPage {
    let in_lang = |wanted: Lang| {
        if wanted == lang {
            texts
        } else {
            Texts::default_for(wanted)
        }
    };
    let (id_texts, en_texts) = (in_lang(Lang::Id), in_lang(Lang::En));
    DictionaryPage {
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
    Some(if first.chars().count() > EXAMPLE_CHARS {
        let cut: String = first.chars().take(EXAMPLE_CHARS).collect();
        format!("{cut}…")
    } else {
        first.to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::super::tables::TABLES;
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
}
