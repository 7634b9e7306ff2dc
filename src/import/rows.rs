//! Which column holds what (the documented headers in Indonesian and
//! English, or a `--map` file), and each row turned into an agreement's
//! facts or into the reasons it cannot be.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::sheet::{Cell, excel_date};
use pakta_content::closed;
use pakta_content::message::Message;
use pakta_content::schema::characters;
use pakta_content::schema::known_words::{code_for_synonym, code_for_word};
use pakta_content::schema::written_dates::{WrittenDate, read_written_date};
use pakta_content::{Category, Kind};

/// The facts a row can give; the column headers of the catalog's
/// `[synonyms.column]` name them.
pub(crate) const FIELDS: [&str; 8] = [
    "title", "kind", "partner", "category", "number", "signed", "expires", "summary",
];

/// Without these a row is no agreement.
const REQUIRED: [&str; 4] = ["title", "kind", "partner", "signed"];

/// Which field each column holds, by position; `None` for columns ignored.
pub(crate) struct Columns {
    pub(crate) fields: Vec<Option<&'static str>>,
    pub(crate) headers: Vec<String>,
}

impl Columns {
    /// Reads the header row; `map` (from `--map`) names headers the
    /// catalog does not know. Returns the fields no column holds.
    pub(crate) fn from_header(
        header: &[Cell],
        map: &BTreeMap<String, String>,
    ) -> (Columns, Vec<&'static str>) {
        let headers: Vec<String> = header
            .iter()
            .map(|c| match c {
                Cell::Text(t) => t.clone(),
                _ => String::new(),
            })
            .collect();
        let mut fields: Vec<Option<&'static str>> = Vec::new();
        for name in &headers {
            let mapped = map
                .iter()
                .find(|(header, _)| header.trim().eq_ignore_ascii_case(name.trim()))
                .and_then(|(_, field)| FIELDS.iter().find(|f| **f == field.trim()).copied());
            let field = mapped.or_else(|| {
                code_for_synonym("column", name)
                    .and_then(|code| FIELDS.iter().find(|f| **f == code).copied())
            });
            // A field taken by an earlier column keeps that column.
            fields.push(field.filter(|f| !fields.contains(&Some(*f))));
        }
        let missing = REQUIRED
            .iter()
            .copied()
            .filter(|f| !fields.contains(&Some(*f)))
            .collect();
        (Columns { fields, headers }, missing)
    }
}

/// One row, read.
#[derive(Debug)]
pub(crate) struct RowFacts {
    pub(crate) title: String,
    pub(crate) kind: Kind,
    pub(crate) partner: String,
    pub(crate) category: Option<Category>,
    pub(crate) number: Option<String>,
    pub(crate) signed: NaiveDate,
    pub(crate) expires: Option<NaiveDate>,
    pub(crate) summary: Option<String>,
}

/// A reason a row cannot be brought in, and the column it is about.
#[derive(Debug)]
pub(crate) struct Problem {
    pub(crate) column: String,
    pub(crate) reason: Message,
}

/// The row's facts, or every reason it cannot give them.
pub(crate) fn read_row(columns: &Columns, row: &[Cell]) -> Result<RowFacts, Vec<Problem>> {
    let mut problems = Vec::new();
    let column_of = |field: &str| -> String {
        columns
            .fields
            .iter()
            .position(|f| *f == Some(field))
            .map_or_else(|| field.to_string(), |i| columns.headers[i].clone())
    };
    let cell = |field: &str| -> &Cell {
        columns
            .fields
            .iter()
            .position(|f| *f == Some(field))
            .and_then(|i| row.get(i))
            .unwrap_or(&Cell::Empty)
    };
    let mut problem = |field: &str, reason: Message| {
        problems.push(Problem {
            column: column_of(field),
            reason,
        })
    };
    let text = |field: &str, required: bool, problem: &mut dyn FnMut(&str, Message)| {
        let value = match cell(field) {
            Cell::Empty => None,
            Cell::Text(t) => Some(t.clone()),
            Cell::Number(n) => Some(n.to_string()),
            Cell::Date(d) => Some(d.to_string()),
        };
        match value {
            None if required => {
                problem(field, Message::new("import-missing"));
                None
            }
            Some(v) if characters::first_refused(&v, false).is_some() => {
                problem(field, Message::new("import-control-character"));
                None
            }
            other => other,
        }
    };
    let title = text("title", true, &mut problem);
    let kind_text = text("kind", true, &mut problem);
    let partner = text("partner", true, &mut problem);
    let category_text = text("category", false, &mut problem);
    let number = text("number", false, &mut problem);
    let summary = text("summary", false, &mut problem);
    let kind = kind_text.as_ref().and_then(|k| {
        let kind = code_for_word(&closed::KINDS, k).and_then(Kind::parse);
        if kind.is_none() {
            problem(
                "kind",
                Message::new("import-unknown-value")
                    .arg("value", k)
                    .list("allowed", Kind::ALL.iter().map(|k| k.code())),
            );
        }
        kind
    });
    let category = category_text.as_ref().and_then(|c| {
        let category = code_for_word(&closed::CATEGORIES, c).and_then(Category::parse);
        if category.is_none() {
            problem(
                "category",
                Message::new("import-unknown-value")
                    .arg("value", c)
                    .list("allowed", Category::ALL.iter().map(|c| c.code())),
            );
        }
        category
    });
    let signed = date(cell("signed"), true).map_err(|reason| problem("signed", reason));
    let expires = date(cell("expires"), false).map_err(|reason| problem("expires", reason));
    if let (Ok(Some(signed)), Ok(Some(expires))) = (&signed, &expires)
        && expires <= signed
    {
        problem("expires", Message::new("import-expires-before-signed"));
    }
    match (title, kind, partner, signed, expires) {
        (Some(title), Some(kind), Some(partner), Ok(Some(signed)), Ok(expires))
            if problems.is_empty() =>
        {
            Ok(RowFacts {
                title,
                kind,
                partner,
                category,
                number,
                signed,
                expires,
                summary,
            })
        }
        _ => Err(problems),
    }
}

/// A date cell: an Excel date, or text as people write dates.
fn date(cell: &Cell, required: bool) -> Result<Option<NaiveDate>, Message> {
    match cell {
        Cell::Empty if required => Err(Message::new("import-missing")),
        Cell::Empty => Ok(None),
        Cell::Date(d) => Ok(Some(*d)),
        Cell::Number(n) => excel_date(*n)
            .map(Some)
            .ok_or_else(|| Message::new("import-bad-date").arg("value", n)),
        Cell::Text(t) => match read_written_date(t) {
            Some(WrittenDate::YearFirst(d) | WrittenDate::DayFirst(d)) => Ok(Some(d)),
            Some(WrittenDate::Impossible { .. }) => {
                Err(Message::new("import-impossible-date").arg("value", t))
            }
            None => Err(Message::new("import-bad-date").arg("value", t)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }

    #[test]
    fn indonesian_and_english_headers_are_both_known() {
        let header = [
            text("Judul"),
            text("Jenis"),
            text("Partner"),
            text("Kategori Mitra"),
            text("Tanggal Ditandatangani"),
            text("Catatan lain"),
        ];
        let (columns, missing) = Columns::from_header(&header, &BTreeMap::new());
        assert!(missing.is_empty(), "{missing:?}");
        assert_eq!(
            columns.fields,
            [
                Some("title"),
                Some("kind"),
                Some("partner"),
                Some("category"),
                Some("signed"),
                None
            ]
        );
        let map = BTreeMap::from([("Catatan lain".to_string(), "summary".to_string())]);
        let (columns, _) = Columns::from_header(&header, &map);
        assert_eq!(columns.fields[5], Some("summary"));
    }
}
