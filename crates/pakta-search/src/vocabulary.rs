//! The words of the index by length, for the browser's spelling
//! suggestions: a query word that matches nothing is compared with the
//! words of nearly its length only, so one small file per length is
//! fetched, and only then.

use std::collections::BTreeMap;

use serde_json::Value;

use super::terms::TermIndex;

/// Words shorter than this are not suggested: a typo in a query word of
/// five letters is at most one edit from a word of four.
const SHORTEST: usize = 4;

/// `v/<length>.json` for each length in characters: the stems and written
/// forms of that length, space-separated in one string, the word found in
/// the most documents first (ties in alphabetical order). Numbers and
/// words with digits are left out.
pub(crate) fn files(index: &TermIndex) -> BTreeMap<usize, Value> {
    let mut by_length: BTreeMap<usize, Vec<(usize, &str)>> = BTreeMap::new();
    let documents = |stem: &str| {
        index
            .postings
            .get(stem)
            .map_or(0, |p| p.fields.iter().map(Vec::len).sum::<usize>())
    };
    let stems = index.postings.keys().map(|stem| (stem, stem));
    let written = index.surfaces.iter();
    for (word, stem) in stems.chain(written) {
        if !word.chars().all(char::is_alphabetic) {
            continue;
        }
        let length = word.chars().count();
        if length >= SHORTEST {
            by_length
                .entry(length)
                .or_default()
                .push((documents(stem), word));
        }
    }
    by_length
        .into_iter()
        .map(|(length, mut words)| {
            words.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
            words.dedup_by(|a, b| a.1 == b.1);
            let list: Vec<&str> = words.iter().map(|(_, w)| *w).collect();
            (length, Value::String(list.join(" ")))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terms::Postings;

    #[test]
    fn words_by_length_most_frequent_first() {
        let mut index = TermIndex::default();
        let postings = |n: u32| Postings {
            fields: [vec![], vec![], (0..n).collect(), vec![]],
            locations: Vec::new(),
        };
        index.postings.insert("didik".into(), postings(3));
        index.postings.insert("pilih".into(), postings(5));
        index.postings.insert("2025".into(), postings(9));
        index.postings.insert("kpu".into(), postings(9));
        index.surfaces.insert("mendidik".into(), "didik".into());
        let files = files(&index);
        assert_eq!(files.keys().copied().collect::<Vec<_>>(), [5, 8]);
        assert_eq!(files[&5], "pilih didik");
        assert_eq!(files[&8], "mendidik");
    }
}
