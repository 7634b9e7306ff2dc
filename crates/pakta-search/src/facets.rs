//! Facets: which values each document has, the counts the browser shows
//! before it downloads anything else, per-document columns for counting
//! within any result set, and one small file per value for browsing by a
//! single value (its documents, and the counts of every other facet
//! within them).

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde_json::{Map, Value, json};

use super::browse::FirstPages;
use super::docset;
use super::order::DocOrder;
use pakta_content::{Category, Kind, Scope};
use pakta_model::{Agreement, Flag, Model, Status};

pub(crate) struct Facet {
    pub name: &'static str,
    pub values: Vec<String>,
    /// Value codes (positions in `values`) per document.
    pub codes: Vec<Vec<u8>>,
}

impl Facet {
    fn new(
        name: &'static str,
        values: Vec<String>,
        docs: &[&Agreement],
        codes_of: impl Fn(&Agreement) -> Vec<u8>,
    ) -> Facet {
        Facet {
            name,
            values,
            codes: docs.iter().map(|a| codes_of(a)).collect(),
        }
    }

    fn counts_within(&self, docs: impl Iterator<Item = usize>) -> Vec<u32> {
        let mut counts = vec![0; self.values.len()];
        for doc in docs {
            for &code in &self.codes[doc] {
                counts[code as usize] += 1;
            }
        }
        counts
    }

    /// One character per document, `0` + the position of its set of
    /// values in `sets` (most frequent first, so that gzip codes common
    /// sets shortest).
    fn column(&self) -> Value {
        let mut frequency: BTreeMap<&[u8], usize> = BTreeMap::new();
        for codes in &self.codes {
            *frequency.entry(codes.as_slice()).or_default() += 1;
        }
        let mut sets: Vec<(&[u8], usize)> = frequency.into_iter().collect();
        sets.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let position: BTreeMap<&[u8], u32> = sets
            .iter()
            .enumerate()
            .map(|(i, (set, _))| (*set, i as u32))
            .collect();
        let column: String = self
            .codes
            .iter()
            .map(|codes| char::from_u32(48 + position[codes.as_slice()]).unwrap_or('0'))
            .collect();
        let sets: Vec<&[u8]> = sets.into_iter().map(|(set, _)| set).collect();
        json!({ "column": column, "sets": sets })
    }
}

pub(crate) fn facets(model: &Model, order: &DocOrder) -> Vec<Facet> {
    let docs: Vec<&Agreement> = order.docs.iter().map(|&a| &model.agreements[a]).collect();
    let names = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let mut years: Vec<i32> = docs.iter().filter_map(|a| a.year_signed()).collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    let statuses: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
    let flags: Vec<&str> = Flag::ALL.iter().map(|f| f.as_str()).collect();
    let kinds: Vec<&str> = Kind::ALL.iter().map(|k| k.code()).collect();
    let categories: Vec<&str> = Category::ALL.iter().map(|c| c.code()).collect();
    let scopes: Vec<&str> = Scope::ALL.iter().map(|s| s.code()).collect();
    let position =
        |all: &[&str], value: &str| all.iter().position(|v| *v == value).unwrap_or(0) as u8;
    vec![
        Facet::new("status", names(&statuses), &docs, |a| {
            vec![position(&statuses, a.status().as_str())]
        }),
        Facet::new("kind", names(&kinds), &docs, |a| {
            vec![position(&kinds, a.front.kind.code())]
        }),
        Facet::new("category", names(&categories), &docs, |a| {
            a.partner_categories()
                .iter()
                .map(|c| position(&categories, c.code()))
                .collect()
        }),
        Facet::new(
            "year",
            years.iter().map(|y| y.to_string()).collect(),
            &docs,
            |a| {
                a.year_signed()
                    .and_then(|signed| years.iter().position(|y| *y == signed))
                    .map(|p| p as u8)
                    .into_iter()
                    .collect()
            },
        ),
        Facet::new("scope", names(&scopes), &docs, |a| {
            vec![position(&scopes, a.front.scope.code())]
        }),
        Facet::new("flags", names(&flags), &docs, |a| {
            a.lifecycle
                .flags
                .iter()
                .map(|f| position(&flags, f.as_str()))
                .collect()
        }),
    ]
}

/// Name, values and overall counts of each facet, for the manifest.
pub(crate) fn summary(facets: &[Facet]) -> Value {
    Value::Array(
        facets
            .iter()
            .map(|f| {
                json!({
                    "name": f.name,
                    "values": f.values,
                    "counts": f.counts_within(0..f.codes.len()),
                })
            })
            .collect(),
    )
}

pub(crate) fn columns(facets: &[Facet]) -> Value {
    Value::Object(
        facets
            .iter()
            .map(|f| (f.name.to_string(), f.column()))
            .collect(),
    )
}

/// The counts of every facet, and of every unit's own documents, within
/// `docs`: every count in code order when most are non-zero, else only the
/// non-zero ones as `[[code, count], ...]`, whichever is shorter.
fn counts_within(facets: &[Facet], order: &DocOrder, docs: &[u32], skip: &str) -> Value {
    let sparse = |counts: Vec<u32>| -> Value {
        let nonzero = counts.iter().filter(|n| **n > 0).count();
        if nonzero * 2 > counts.len() {
            return json!(counts);
        }
        counts
            .into_iter()
            .enumerate()
            .filter(|(_, n)| *n > 0)
            .map(|(code, n)| json!([code, n]))
            .collect()
    };
    let mut out = Map::new();
    for facet in facets.iter().filter(|f| f.name != skip) {
        let counts = facet.counts_within(docs.iter().map(|&d| d as usize));
        out.insert(facet.name.to_string(), sparse(counts));
    }
    if skip != "unit" {
        let mut units = vec![0; order.units.len()];
        for &doc in docs {
            units[order.doc_unit[doc as usize] as usize] += 1;
        }
        out.insert("unit".into(), sparse(units));
    }
    Value::Object(out)
}

/// `(path under search/, content)` for every facet value and every unit:
/// the counts within its documents and the first page of each sort order;
/// for a facet value also its document set, in a file of its own
/// (a unit's documents are a range the manifest gives).
pub(crate) fn value_files(
    facets: &[Facet],
    order: &DocOrder,
    pages: &FirstPages,
) -> Vec<(String, Value)> {
    let universe = order.docs.len() as u32;
    let browse_file = |docs: &[u32], skip: &str| {
        let (first, records) = pages.of(docs);
        json!({
            "counts": counts_within(facets, order, docs, skip),
            "first": first,
            "records": records,
        })
    };
    let members: Vec<(&Facet, usize, Vec<u32>)> = facets
        .iter()
        .flat_map(|facet| {
            let mut members: Vec<Vec<u32>> = vec![Vec::new(); facet.values.len()];
            for (doc, codes) in facet.codes.iter().enumerate() {
                for &code in codes {
                    members[code as usize].push(doc as u32);
                }
            }
            members
                .into_iter()
                .enumerate()
                .map(move |(code, docs)| (facet, code, docs))
        })
        .collect();
    let mut files: Vec<(String, Value)> = members
        .par_iter()
        .flat_map_iter(|(facet, code, docs)| {
            let path = format!("f/{}/{code}", facet.name);
            [
                (format!("{path}.json"), browse_file(docs, facet.name)),
                (format!("{path}.docs.json"), docset::encode(docs, universe)),
            ]
        })
        .collect();
    files.par_extend(order.units.par_iter().enumerate().map(|(position, unit)| {
        let docs: Vec<u32> = (unit.first..unit.subtree_end).collect();
        (
            format!("f/unit/{position}.json"),
            browse_file(&docs, "unit"),
        )
    }));
    files
}
