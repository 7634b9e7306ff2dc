//! `x/<doc>/<document>-<page>.txt`: the text of each page of an
//! agreement's documents, for the excerpt under a result found in one.
//! A page is its own file, so a result costs the page it names, not the
//! whole document.

use rayon::prelude::*;

use super::order::DocOrder;
use pakta_model::Model;

/// Characters of a page kept for excerpts; a word further down still
/// finds the page, and the excerpt shows the page's beginning.
const PAGE_CHARS: usize = 20_000;

pub(crate) fn page_files(model: &Model, order: &DocOrder) -> Vec<(String, Vec<u8>)> {
    order
        .docs
        .par_iter()
        .enumerate()
        .flat_map_iter(|(doc, &ix)| {
            let a = &model.agreements[ix];
            model
                .document_pages(a)
                .into_iter()
                .enumerate()
                .flat_map(move |(document, (_, pages))| {
                    pages
                        .iter()
                        .enumerate()
                        .filter(|(_, text)| !text.is_empty())
                        .map(move |(page, text)| {
                            (
                                format!("x/{doc}/{document}-{}.txt", page + 1),
                                capped(text).as_bytes().to_vec(),
                            )
                        })
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

fn capped(text: &str) -> &str {
    match text.char_indices().nth(PAGE_CHARS) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_page_is_cut_on_a_character() {
        let page = "é".repeat(PAGE_CHARS + 5);
        assert_eq!(capped(&page).chars().count(), PAGE_CHARS);
        assert_eq!(capped("Pasal 2"), "Pasal 2");
    }
}
