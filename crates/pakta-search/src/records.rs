//! What the browser shows and downloads about each document: small
//! chunks of records for a page of results (and, chunk by chunk, for the
//! CSV download), the dates it sorts by, and the same dates year by year
//! for the date filters.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use serde_json::{Value, json};

use super::docset;
use super::order::DocOrder;
use pakta_model::Model;

/// Documents per chunk: a page of ten scattered results costs at most ten
/// small files.
pub(crate) const DISPLAY_CHUNK: usize = 8;

/// The fields of a record, in order; the browser adds unit, kind,
/// scope, flags, year and partner categories from the manifest and the
/// facet columns.
pub(crate) const RECORD_FIELDS: &[&str] = &[
    "id", "title", "status", "partners", "summary", "signed", "expires", "number", "stage",
    "starts", "topics",
];
const SNIPPET_CHARS: usize = 180;

fn snippet(text: &str) -> String {
    if text.chars().count() <= SNIPPET_CHARS {
        return text.to_string();
    }
    let cut: String = text.chars().take(SNIPPET_CHARS).collect();
    let at_word = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", cut[..at_word].trim_end())
}

fn date(d: Option<NaiveDate>) -> Value {
    d.map_or(Value::Null, |d| Value::String(d.to_string()))
}

/// The record of each document: an array of [`RECORD_FIELDS`].
pub(crate) fn rows(model: &Model, order: &DocOrder) -> Vec<Value> {
    order
        .docs
        .par_iter()
        .map(|&ix| {
            let a = &model.agreements[ix];
            let partners: Vec<&str> = a.front.partners.iter().map(|p| p.name.as_str()).collect();
            let mut row = json!([
                a.id,
                a.front.title,
                a.status().as_str(),
                partners.join("; "),
                snippet(a.summary()),
                date(a.front.dates.signed()),
                date(a.lifecycle.expires),
                a.front.number.as_ref().map(|n| n.value.as_str()),
                a.lifecycle.stage.code(),
                date(a.lifecycle.starts),
                a.front.topics.join("; "),
            ]);
            // After the named fields, so the CSV of results, which has a
            // column per field, stays as it was.
            let documents: Vec<&str> = model
                .document_pages(a)
                .iter()
                .map(|(key, _)| *key)
                .collect();
            if let (false, Value::Array(fields)) = (documents.is_empty(), &mut row) {
                fields.push(json!(documents));
            }
            row
        })
        .collect()
}

/// `d/<k>.json`: the records of documents `DISPLAY_CHUNK * k` onwards.
pub(crate) fn display_chunks(rows: &[Value]) -> Vec<(String, Vec<u8>)> {
    rows.par_chunks(DISPLAY_CHUNK)
        .enumerate()
        .map(|(k, chunk)| {
            let bytes = serde_json::to_vec(chunk).expect("JSON values serialise");
            (format!("d/{k}.json"), bytes)
        })
        .collect()
}

/// The dates documents are sorted by, as days since 1970-01-01.
pub(crate) struct DocDates {
    pub signed: Vec<Option<i64>>,
    pub expires: Vec<Option<i64>>,
    pub today: i64,
}

fn days(d: NaiveDate) -> i64 {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid date");
    (d - epoch).num_days()
}

impl DocDates {
    pub(crate) fn new(model: &Model, order: &DocOrder) -> DocDates {
        let column = |key: &dyn Fn(usize) -> Option<NaiveDate>| -> Vec<Option<i64>> {
            order.docs.iter().map(|&ix| key(ix).map(days)).collect()
        };
        DocDates {
            signed: column(&|ix| model.agreements[ix].front.dates.signed()),
            expires: column(&|ix| model.agreements[ix].lifecycle.expires),
            today: days(model.today),
        }
    }

    /// `sort.json`: each date as a gap from the previous document's
    /// (`null` where there is none), for the two date orders.
    pub(crate) fn sort_file(&self) -> Value {
        let gaps = |column: &[Option<i64>]| -> Value {
            let mut previous = 0i64;
            column
                .iter()
                .map(|day| match day {
                    Some(day) => {
                        let gap = day - previous;
                        previous = *day;
                        json!(gap)
                    }
                    None => Value::Null,
                })
                .collect()
        };
        json!({ "signed": gaps(&self.signed), "expires": gaps(&self.expires) })
    }

    /// `dates/<field>/<year>.json`, for `signed` and `expires`: the
    /// documents with that date in that year (a document set), `from`, the
    /// year's first day as days since 1970, and `days`, each document's
    /// day of the year from 0, in the set's order. A date filter loads
    /// the years its limits span instead of every date of `sort.json`.
    /// Also the years each field has, for the manifest.
    pub(crate) fn filter_files(&self) -> (Value, Vec<(String, Value)>) {
        let universe = self.signed.len() as u32;
        let mut years = serde_json::Map::new();
        let mut files = Vec::new();
        for (field, column) in [("signed", &self.signed), ("expires", &self.expires)] {
            let mut by_year: BTreeMap<i32, (Vec<u32>, Vec<i64>)> = BTreeMap::new();
            for (doc, day) in column.iter().enumerate() {
                let Some((day, date)) = day.and_then(|day| Some((day, date_of(day)?))) else {
                    continue;
                };
                let year = date.year();
                let (docs, offsets) = by_year.entry(year).or_default();
                docs.push(doc as u32);
                offsets.push(day - days(first_of_year(year)));
            }
            years.insert(field.into(), json!(by_year.keys().collect::<Vec<_>>()));
            files.extend(by_year.into_iter().map(|(year, (docs, offsets))| {
                (
                    format!("dates/{field}/{year}.json"),
                    json!({
                        "from": days(first_of_year(year)),
                        "docs": docset::encode(&docs, universe),
                        "days": offsets,
                    }),
                )
            }));
        }
        (Value::Object(years), files)
    }
}

/// The date `day` days after 1970-01-01 (day 719,163 of the common era).
fn date_of(day: i64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(day + 719_163).ok()?)
}

/// The year of a date chrono holds, so its January 1st exists too.
fn first_of_year(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_year_of_a_date_is_a_file_with_its_documents_and_days() {
        let day = |y, m, d| Some(days(NaiveDate::from_ymd_opt(y, m, d).unwrap()));
        let dates = DocDates {
            signed: vec![day(2025, 3, 2), None, day(2024, 12, 31), day(2025, 1, 1)],
            expires: vec![None, None, None, None],
            today: 0,
        };
        let (years, files) = dates.filter_files();
        assert_eq!(years, json!({ "signed": [2024, 2025], "expires": [] }));
        let file = |path: &str| files.iter().find(|(p, _)| p == path).unwrap().1.clone();
        let y2025 = file("dates/signed/2025.json");
        assert_eq!(docset::decode(&y2025["docs"]), [0, 3]);
        assert_eq!(y2025["days"], json!([60, 0]), "2 March is day 60 of 2025");
        assert_eq!(
            y2025["from"],
            json!(days(NaiveDate::from_ymd_opt(2025, 1, 1).unwrap()))
        );
        assert_eq!(file("dates/signed/2024.json")["days"], json!([365]));
        assert_eq!(files.len(), 2);
    }

    #[test]
    fn snippets_end_at_a_word() {
        assert_eq!(snippet("pendek"), "pendek");
        let long = "kata ".repeat(60);
        let cut = snippet(&long);
        assert!(cut.ends_with("kata…"));
        assert!(cut.chars().count() <= SNIPPET_CHARS + 1);
    }
}
