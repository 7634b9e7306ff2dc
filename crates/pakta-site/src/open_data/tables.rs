//! The open data as relational tables: `agreements` and, keyed by
//! agreement id, its `partners`, `activities`, `evaluations` and
//! `documents`. One definition serves the CSV files, the workbook and the
//! Data Package that describes them. Every coded column carries its codes
//! as in the JSON and is followed by a `_label` column naming them in the
//! site's language, from the glossary.

use std::borrow::Cow;

use chrono::NaiveDate;
use foldhash::{HashMap, HashMapExt};

use pakta_content::i18n::Texts;
use pakta_model::data::{AgreementRecord, CodeList};

/// The tables, in the order they are listed and written as sheets.
pub(crate) const TABLES: [Table; 5] = [
    Table::Agreements,
    Table::Partners,
    Table::Activities,
    Table::Evaluations,
    Table::Documents,
];

/// Separates the values of a list in one cell (topics, flags, obstacles).
pub(crate) const LIST_SEPARATOR: &str = "; ";

/// One table of the open data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Table {
    /// One row per public agreement.
    Agreements,
    /// One row per partner of an agreement.
    Partners,
    /// One row per activity.
    Activities,
    /// One row per evaluation.
    Evaluations,
    /// One row per document.
    Documents,
}

/// A table with its columns and rows, as written to a file.
pub(crate) struct FilledTable<'a> {
    pub table: Table,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell<'a>>>,
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ColumnType {
    /// Text.
    Text,
    /// A whole number.
    Integer,
    /// A day, `YYYY-MM-DD`.
    Date,
}

/// One column of a table.
#[derive(Debug, Clone)]
pub(crate) struct Column {
    pub name: String,
    pub ty: ColumnType,
    /// The closed list of a coded column (or of its label column).
    pub codes: Option<CodeList>,
    /// Whether this is the label column of a coded one.
    pub label: bool,
    /// Whether a cell holds a list, joined by [`LIST_SEPARATOR`].
    pub list: bool,
}

/// One cell's value, borrowed from the record or the catalog where it
/// can be: the open data has millions of cells.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell<'a> {
    Text(Cow<'a, str>),
    Integer(u64),
    Date(NaiveDate),
    Empty,
}

impl Cell<'_> {
    /// The cell as CSV text: dates ISO, nothing for an empty cell.
    pub(crate) fn to_text(&self) -> Cow<'_, str> {
        match self {
            Cell::Text(text) => Cow::Borrowed(text),
            Cell::Integer(n) => Cow::Owned(n.to_string()),
            Cell::Date(date) => Cow::Owned(date.to_string()),
            Cell::Empty => Cow::Borrowed(""),
        }
    }
}

/// The glossary's name of every code, looked up once per table instead
/// of once per cell.
pub(crate) struct Labels<'t> {
    texts: &'t Texts,
    /// By the list's position in [`CodeList::ALL`].
    names: Vec<HashMap<&'static str, &'t str>>,
}

impl<'t> Labels<'t> {
    pub(crate) fn new(texts: &'t Texts) -> Self {
        let names = CodeList::ALL
            .into_iter()
            .map(|list| {
                let mut names = HashMap::new();
                for code in list.values() {
                    names.insert(code, list.label(texts, code));
                }
                names
            })
            .collect();
        Labels { texts, names }
    }

    fn label(&self, list: CodeList, code: &str) -> &'t str {
        let named = CodeList::ALL
            .iter()
            .position(|l| *l == list)
            .and_then(|i| self.names[i].get(code));
        // A code is a value of its list (the model makes no other); the
        // catalog is asked directly for any that would not be.
        match named {
            Some(name) => name,
            None => list.label(self.texts, code),
        }
    }
}

/// A column as written in the definitions below, before label columns.
struct Source {
    name: &'static str,
    ty: ColumnType,
    codes: Option<CodeList>,
    list: bool,
}

const fn text(name: &'static str) -> Source {
    Source {
        name,
        ty: ColumnType::Text,
        codes: None,
        list: false,
    }
}

const fn integer(name: &'static str) -> Source {
    Source {
        ty: ColumnType::Integer,
        ..text(name)
    }
}

const fn date(name: &'static str) -> Source {
    Source {
        ty: ColumnType::Date,
        ..text(name)
    }
}

const fn code(name: &'static str, list: CodeList) -> Source {
    Source {
        codes: Some(list),
        ..text(name)
    }
}

const fn codes(name: &'static str, list: CodeList) -> Source {
    Source {
        codes: Some(list),
        list: true,
        ..text(name)
    }
}

const fn text_list(name: &'static str) -> Source {
    Source {
        list: true,
        ..text(name)
    }
}

impl Table {
    /// The table's name, its file's name without `.csv` and its sheet's.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Table::Agreements => "agreements",
            Table::Partners => "partners",
            Table::Activities => "activities",
            Table::Evaluations => "evaluations",
            Table::Documents => "documents",
        }
    }

    /// The columns that identify a row.
    pub(crate) fn primary_key(self) -> &'static [&'static str] {
        match self {
            Table::Agreements => &["id"],
            _ => &["agreement_id", "position"],
        }
    }

    fn sources(self) -> Vec<Source> {
        let keyed = |mut rest: Vec<Source>| {
            let mut columns = vec![text("agreement_id"), integer("position")];
            columns.append(&mut rest);
            columns
        };
        match self {
            Table::Agreements => vec![
                text("id"),
                text("title"),
                code("kind", CodeList::Kind),
                text("number"),
                text("unit"),
                text("unit_name"),
                code("stage", CodeList::Stage),
                code("status", CodeList::Status),
                codes("flags", CodeList::Flag),
                date("planning"),
                date("drafting"),
                date("negotiation"),
                date("approval"),
                date("signed"),
                date("starts"),
                date("expires"),
                integer("duration_months"),
                date("terminated"),
                date("ends"),
                code("scope", CodeList::Scope),
                text_list("topics"),
                text("summary"),
                text("parent"),
                text("renews"),
                text("amends"),
                integer("partners"),
                integer("activities"),
                integer("evaluations"),
                integer("documents"),
                text("url"),
            ],
            Table::Partners => keyed(vec![
                text("name"),
                text("key"),
                code("category", CodeList::Category),
                text("signatory"),
                text("signatory_title"),
                text("number"),
                text("website"),
            ]),
            Table::Activities => keyed(vec![
                date("date"),
                text("title"),
                code("type", CodeList::ActivityType),
                text("description"),
                text("output"),
                text("benefit"),
                integer("participants"),
                text("url"),
                text("evidence_file"),
                text("evidence_url"),
                text("evidence_sha256"),
            ]),
            Table::Evaluations => keyed(vec![
                date("date"),
                code("result", CodeList::Result),
                date("period_from"),
                date("period_to"),
                code("method", CodeList::Method),
                codes("obstacles", CodeList::Obstacle),
                text("obstacle_notes"),
                code("recommendation", CodeList::Recommendation),
                text("notes"),
            ]),
            Table::Documents => keyed(vec![
                text("title"),
                text("file"),
                text("url"),
                text("sha256"),
                integer("size"),
            ]),
        }
    }

    /// Every column, each coded one followed by its label column.
    pub(crate) fn columns(self) -> Vec<Column> {
        let mut columns = Vec::new();
        for source in self.sources() {
            columns.push(Column {
                name: source.name.to_string(),
                ty: source.ty,
                codes: source.codes,
                label: false,
                list: source.list,
            });
            if source.codes.is_some() {
                columns.push(Column {
                    name: format!("{}_label", source.name),
                    ty: ColumnType::Text,
                    codes: source.codes,
                    label: true,
                    list: source.list,
                });
            }
        }
        columns
    }

    /// The rows of one agreement's `record` in this table (one for
    /// `agreements`, one per entry for the others), each coded cell
    /// followed by its label; `page_url` gives an agreement's page address.
    pub(crate) fn record_rows<'a>(
        self,
        record: &AgreementRecord<'a>,
        labels: &Labels<'a>,
        page_url: &dyn Fn(&str) -> String,
    ) -> Vec<Vec<Cell<'a>>> {
        let sources = self.sources();
        self.values(record, page_url)
            .into_iter()
            .map(|values| with_labels(&sources, values, labels))
            .collect()
    }

    /// Appends the CSV rows of `record` to `out`.
    pub(crate) fn push_csv_rows(
        self,
        out: &mut String,
        record: &AgreementRecord,
        labels: &Labels,
        page_url: &dyn Fn(&str) -> String,
    ) {
        for row in self.record_rows(record, labels, page_url) {
            pakta_content::csv::push_row(out, row.iter().map(Cell::to_text));
        }
    }

    /// The table's columns and, of the rows of `records` in their order,
    /// only those that hold the first non-empty cell of some column: what
    /// the data dictionary shows as examples, without holding every row.
    pub(crate) fn sampled<'a>(
        self,
        records: impl Iterator<Item = AgreementRecord<'a>>,
        labels: &Labels<'a>,
        page_url: &dyn Fn(&str) -> String,
    ) -> FilledTable<'a> {
        let columns = self.columns();
        let mut found = vec![false; columns.len()];
        let mut rows = Vec::new();
        for record in records {
            for row in self.record_rows(&record, labels, page_url) {
                let mut first = false;
                for (seen, cell) in found.iter_mut().zip(&row) {
                    if !*seen && !cell.to_text().is_empty() {
                        *seen = true;
                        first = true;
                    }
                }
                if first {
                    rows.push(row);
                }
            }
            if found.iter().all(|&seen| seen) {
                break;
            }
        }
        FilledTable {
            table: self,
            columns,
            rows,
        }
    }

    /// The cells of `record`'s rows, without the label columns.
    fn values<'a>(
        self,
        r: &AgreementRecord<'a>,
        page_url: &dyn Fn(&str) -> String,
    ) -> Vec<Vec<Cell<'a>>> {
        let keyed = |position: usize, mut rest: Vec<Cell<'a>>| {
            let mut cells = vec![
                Cell::Text(Cow::Borrowed(r.id)),
                Cell::Integer(position as u64 + 1),
            ];
            cells.append(&mut rest);
            cells
        };
        match self {
            Table::Agreements => vec![vec![
                text_cell(Some(r.id)),
                text_cell(Some(r.title)),
                text_cell(Some(r.kind)),
                text_cell(r.number),
                text_cell(Some(r.unit)),
                text_cell(Some(r.unit_name)),
                text_cell(Some(r.stage)),
                text_cell(Some(r.status)),
                list_cell(r.flags.iter().copied()),
                date_cell(r.dates.planning),
                date_cell(r.dates.drafting),
                date_cell(r.dates.negotiation),
                date_cell(r.dates.approval),
                date_cell(r.dates.signed),
                date_cell(r.starts),
                date_cell(r.expires),
                r.dates
                    .duration_months
                    .map_or(Cell::Empty, |m| Cell::Integer(m.into())),
                date_cell(r.dates.terminated),
                date_cell(r.ends),
                text_cell(Some(r.scope)),
                list_cell(r.topics.iter().map(String::as_str)),
                text_cell(Some(r.summary)),
                text_cell(r.parent),
                text_cell(r.renews),
                text_cell(r.amends),
                Cell::Integer(r.partners.len() as u64),
                Cell::Integer(r.activities.len() as u64),
                Cell::Integer(r.evaluations.len() as u64),
                Cell::Integer(r.documents.len() as u64),
                Cell::Text(Cow::Owned(page_url(r.id))),
            ]],
            Table::Partners => r
                .partners
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    keyed(
                        i,
                        vec![
                            text_cell(Some(p.name)),
                            text_cell(p.key),
                            text_cell(Some(p.category)),
                            text_cell(p.signatory),
                            text_cell(p.signatory_title),
                            text_cell(p.number),
                            text_cell(p.website),
                        ],
                    )
                })
                .collect(),
            Table::Activities => r
                .activities
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    let evidence = a.evidence.as_ref();
                    keyed(
                        i,
                        vec![
                            Cell::Date(a.date),
                            text_cell(Some(a.title)),
                            text_cell(a.activity_type),
                            text_cell(a.description),
                            text_cell(a.output),
                            text_cell(a.benefit),
                            a.participants.map_or(Cell::Empty, Cell::Integer),
                            text_cell(a.url),
                            text_cell(evidence.and_then(|e| e.file)),
                            text_cell(evidence.and_then(|e| e.url)),
                            text_cell(evidence.and_then(|e| e.sha256)),
                        ],
                    )
                })
                .collect(),
            Table::Evaluations => r
                .evaluations
                .iter()
                .enumerate()
                .map(|(i, e)| {
                    keyed(
                        i,
                        vec![
                            Cell::Date(e.date),
                            text_cell(Some(e.result)),
                            date_cell(e.period.as_ref().map(|p| p.from)),
                            date_cell(e.period.as_ref().map(|p| p.to)),
                            text_cell(e.method),
                            list_cell(e.obstacles.iter().copied()),
                            text_cell(e.obstacle_notes),
                            text_cell(e.recommendation),
                            text_cell(e.notes),
                        ],
                    )
                })
                .collect(),
            Table::Documents => r
                .documents
                .iter()
                .enumerate()
                .map(|(i, d)| {
                    keyed(
                        i,
                        vec![
                            text_cell(Some(d.title)),
                            text_cell(d.file),
                            text_cell(d.url),
                            text_cell(d.sha256),
                            d.size.map_or(Cell::Empty, Cell::Integer),
                        ],
                    )
                })
                .collect(),
        }
    }
}

fn text_cell(text: Option<&str>) -> Cell<'_> {
    match text {
        Some(text) if !text.is_empty() => Cell::Text(Cow::Borrowed(text)),
        _ => Cell::Empty,
    }
}

fn date_cell<'a>(date: Option<NaiveDate>) -> Cell<'a> {
    date.map_or(Cell::Empty, Cell::Date)
}

fn list_cell<'a>(items: impl Iterator<Item = &'a str>) -> Cell<'a> {
    let joined = items.collect::<Vec<_>>().join(LIST_SEPARATOR);
    if joined.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(Cow::Owned(joined))
    }
}

/// `values` with each coded cell followed by its label.
fn with_labels<'a>(
    sources: &[Source],
    values: Vec<Cell<'a>>,
    labels: &Labels<'a>,
) -> Vec<Cell<'a>> {
    let mut cells = Vec::with_capacity(values.len() * 3 / 2);
    for (source, value) in sources.iter().zip(values) {
        let label = source.codes.map(|list| match &value {
            Cell::Text(codes) if source.list => Cell::Text(Cow::Owned(
                codes
                    .split(LIST_SEPARATOR)
                    .map(|code| labels.label(list, code))
                    .collect::<Vec<_>>()
                    .join(LIST_SEPARATOR),
            )),
            Cell::Text(code) => Cell::Text(Cow::Borrowed(labels.label(list, code))),
            _ => Cell::Empty,
        });
        cells.push(value);
        cells.extend(label);
    }
    cells
}

/// The start of a table's CSV file: UTF-8's byte-order mark (so that
/// Excel reads the accents right) and the header row. Each row follows
/// through the formula guard ([`Table::push_csv_rows`]).
pub(crate) fn csv_header(columns: &[Column]) -> String {
    let mut out = String::from("\u{feff}");
    pakta_content::csv::push_row(&mut out, columns.iter().map(|c| c.name.clone()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_label_table_names_every_code_as_the_catalog_does() {
        use pakta_content::i18n::Lang;
        for lang in [Lang::Id, Lang::En] {
            let texts = Texts::default_for(lang);
            let labels = Labels::new(texts);
            for list in CodeList::ALL {
                for code in list.values() {
                    let name = labels.label(list, code);
                    assert!(!name.is_empty(), "{list:?} {code}");
                    assert_eq!(name, list.label(texts, code), "{list:?} {code}");
                }
                assert_eq!(labels.label(list, "no-such-code"), "");
            }
        }
    }

    #[test]
    fn every_coded_column_is_followed_by_its_label() {
        for table in TABLES {
            let columns = table.columns();
            for (i, column) in columns.iter().enumerate() {
                if column.codes.is_some() && !column.label {
                    assert_eq!(columns[i + 1].name, format!("{}_label", column.name));
                    assert!(columns[i + 1].label);
                }
            }
            for key in table.primary_key() {
                assert!(columns.iter().any(|c| c.name == *key), "{key}");
            }
        }
    }
}
