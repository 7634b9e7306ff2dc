//! What the browser shows and downloads about each document: small
//! chunks of records for a page of results (and, chunk by chunk, for the
//! CSV download), and the dates it sorts by.

use chrono::NaiveDate;
use rayon::prelude::*;
use serde_json::{Value, json};

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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_end_at_a_word() {
        assert_eq!(snippet("pendek"), "pendek");
        let long = "kata ".repeat(60);
        let cut = snippet(&long);
        assert!(cut.ends_with("kata…"));
        assert!(cut.chars().count() <= SNIPPET_CHARS + 1);
    }
}
