//! Browsing by one facet value or one unit is how most visitors start, so
//! its file carries the first page of results in every sort order, with
//! their records: the page then shows without the document set, the sort
//! keys or any record chunk. The orders are those of the script
//! (`themes/default/search.js`), ties broken by document number.

use serde_json::{Map, Value, json};

use super::records::DocDates;

/// Results per page, as the script shows them.
pub(crate) const PAGE_SIZE: usize = 10;

/// The sort orders, by their name in the URL (`relevance` is the default;
/// without words it is the document order).
pub(crate) const SORTS: [&str; 3] = ["relevance", "newest", "expiry"];

/// What a browse file needs beyond its documents.
pub(crate) struct FirstPages<'a> {
    pub dates: &'a DocDates,
    /// The record of each document (see `records::rows`).
    pub rows: &'a [Value],
}

impl FirstPages<'_> {
    /// `first`: per sort order, the document numbers of the first page of
    /// `docs` (ascending, distinct); `records`: the record of each of
    /// them, keyed by document number.
    pub(crate) fn of(&self, docs: &[u32]) -> (Value, Value) {
        let mut first = Map::new();
        let mut records = Map::new();
        for sort in SORTS {
            let page = self.first_page(docs, sort);
            for &doc in &page {
                records
                    .entry(doc.to_string())
                    .or_insert_with(|| self.rows[doc as usize].clone());
            }
            first.insert(sort.to_string(), json!(page));
        }
        (Value::Object(first), Value::Object(records))
    }

    fn first_page(&self, docs: &[u32], sort: &str) -> Vec<u32> {
        let mut page: Vec<u32> = docs.to_vec();
        match sort {
            "newest" => {
                let signed = &self.dates.signed;
                sort_head(&mut page, |d| {
                    signed[d as usize].map_or((1, 0), |s| (0, -s))
                });
            }
            "expiry" => {
                let (expires, today) = (&self.dates.expires, self.dates.today);
                sort_head(&mut page, |d| expiry_rank(expires[d as usize], today));
            }
            _ => page.truncate(PAGE_SIZE),
        }
        page
    }
}

/// Agreements still in force first, soonest end first; then those already
/// ended, most recent end first; then those without an end.
fn expiry_rank(expires: Option<i64>, today: i64) -> (u8, i64) {
    match expires {
        Some(day) if day >= today => (0, day),
        Some(day) => (1, -day),
        None => (2, 0),
    }
}

/// Keeps the [`PAGE_SIZE`] smallest documents by `(key, number)`, in order.
fn sort_head<K: Ord>(docs: &mut Vec<u32>, key: impl Fn(u32) -> K) {
    let order = |d: &u32| (key(*d), *d);
    if docs.len() > PAGE_SIZE {
        docs.select_nth_unstable_by_key(PAGE_SIZE - 1, order);
        docs.truncate(PAGE_SIZE);
    }
    docs.sort_unstable_by_key(order);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(signed: Vec<Option<i64>>, expires: Vec<Option<i64>>) -> DocDates {
        DocDates {
            signed,
            expires,
            today: 100,
        }
    }

    #[test]
    fn newest_signing_first_then_unsigned_in_document_order() {
        let n = 14;
        let signed: Vec<Option<i64>> = (0..n)
            .map(|d| (d % 3 != 0).then_some(i64::from(d % 4)))
            .collect();
        let dates = dates(signed, vec![None; n as usize]);
        let rows: Vec<Value> = (0..n).map(|d| json!([d])).collect();
        let pages = FirstPages {
            dates: &dates,
            rows: &rows,
        };
        let docs: Vec<u32> = (0..n).collect();
        // Day 3: 7, 11; day 2: 2, 10; day 1: 1, 5, 13; day 0: 4, 8; none: 0 ...
        assert_eq!(
            pages.first_page(&docs, "newest"),
            [7, 11, 2, 10, 1, 5, 13, 4, 8, 0]
        );
        assert_eq!(pages.first_page(&docs[..3], "newest"), [2, 1, 0]);
        assert_eq!(
            pages.first_page(&docs, "relevance"),
            (0..10).collect::<Vec<_>>()
        );
    }

    #[test]
    fn in_force_by_soonest_end_then_ended_by_latest_end_then_open_ended() {
        let expires = vec![
            None,
            Some(90),
            Some(150),
            Some(100),
            Some(95),
            None,
            Some(120),
        ];
        let dates = dates(vec![None; 7], expires);
        let rows: Vec<Value> = (0..7).map(|d| json!([d])).collect();
        let pages = FirstPages {
            dates: &dates,
            rows: &rows,
        };
        let docs: Vec<u32> = (0..7).collect();
        assert_eq!(pages.first_page(&docs, "expiry"), [3, 6, 2, 4, 1, 0, 5]);
        let (first, records) = pages.of(&[1, 3]);
        assert_eq!(first["expiry"], json!([3, 1]));
        assert_eq!(first["relevance"], json!([1, 3]));
        assert_eq!(records, json!({ "1": [1], "3": [3] }));
    }
}
