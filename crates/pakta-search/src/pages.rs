//! `x/<doc>.json`: the page texts of an agreement's documents, for the
//! excerpt under a result found in one. One file per agreement, not per
//! page: a build with thousands of documents writes a file for each
//! agreement that has text instead of one for each page, and a result
//! fetches the pages of its own documents only.

use rayon::prelude::*;
use serde_json::Value;

use super::order::DocOrder;
use pakta_model::{AgreementIx, Model};

/// Characters of a page kept for excerpts; a word further down still
/// finds the page, and the excerpt shows the page's beginning.
const PAGE_CHARS: usize = 20_000;

/// Every agreement's page-text file (`x/<doc>.json`), made on every
/// thread.
pub(crate) fn page_files(model: &Model, order: &DocOrder) -> Vec<(String, Vec<u8>)> {
    order
        .docs
        .par_iter()
        .enumerate()
        .filter_map(|(doc, &ix)| page_file(model, doc, ix))
        .collect()
}

/// The files of [`page_files`], each handed to `write` as soon as it is
/// made, on every thread, so that a build never holds them all (74 MB at
/// 50,000 agreements with 12,938 PDFs). Stops at the first error `write`
/// returns.
pub(crate) fn write_page_files<E: Send>(
    model: &Model,
    order: &DocOrder,
    write: impl Fn(String, Vec<u8>) -> Result<(), E> + Sync,
) -> Result<(), E> {
    order
        .docs
        .par_iter()
        .enumerate()
        .try_for_each(|(doc, &ix)| match page_file(model, doc, ix) {
            Some((path, bytes)) => write(path, bytes),
            None => Ok(()),
        })
}

/// The page-text file of the agreement numbered `doc`, when any of its
/// documents has text.
fn page_file(model: &Model, doc: usize, ix: AgreementIx) -> Option<(String, Vec<u8>)> {
    let documents = model.document_pages(&model.agreements[ix]);
    let any_text = documents
        .iter()
        .any(|(_, pages)| pages.iter().any(|text| !text.is_empty()));
    any_text.then(|| (format!("x/{doc}.json"), document_texts(&documents)))
}

/// `[[page 1, page 2, …], …]`, one array per document in the order the
/// record lists them, a page without text as `""`.
fn document_texts(documents: &[(&str, &[String])]) -> Vec<u8> {
    let texts: Vec<Value> = documents
        .iter()
        .map(|(_, pages)| {
            Value::Array(pages.iter().map(|text| Value::from(capped(text))).collect())
        })
        .collect();
    Value::Array(texts).to_string().into_bytes()
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

    #[test]
    fn every_page_keeps_its_place_in_its_document() {
        let first = [
            "Pasal 1".to_string(),
            String::new(),
            "Pasal \"3\"".to_string(),
        ];
        let second = ["Lampiran".to_string()];
        let file = document_texts(&[("a.pdf", &first), ("b.pdf", &second)]);
        let parsed: Value = serde_json::from_slice(&file).unwrap();
        assert_eq!(
            parsed,
            serde_json::json!([["Pasal 1", "", "Pasal \"3\""], ["Lampiran"]])
        );
        assert_eq!(parsed[0][2], "Pasal \"3\"", "page 3 is at index 2");
    }
}
