//! The search index of the site, split into small static files so that a
//! browser downloads only what a query needs. `docs/search.md` describes
//! the files, the relevance formula and the page markup the script
//! expects.
//!
//! Everything linguistic happens here, at build time: folding, compounds,
//! stemming (with a protected-word list). The browser only folds, splits
//! and looks words up.

mod browse;
mod docset;
mod facets;
mod order;
mod pages;
mod records;
mod shards;
mod stem;
mod terms;
mod text;
mod vocabulary;

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde_json::{Value, json};

use pakta_model::Model;

/// Score of a document for one query term, by the field it occurs in.
pub const FIELD_WEIGHTS: [u32; terms::FIELDS] = [8, 4, 1, 1];
/// Format of the files; the script refuses others.
pub const FORMAT_VERSION: u32 = 4;

/// Every file of the index, by path under the output folder.
pub struct SearchIndex {
    files: BTreeMap<String, Vec<u8>>,
}

impl SearchIndex {
    /// `(path under the output folder, content)`, sorted by path.
    pub fn files(&self) -> Vec<(String, Vec<u8>)> {
        self.files
            .iter()
            .map(|(path, bytes)| (path.clone(), bytes.clone()))
            .collect()
    }

    /// The files, without copying them.
    /// Every file of the index with its path under `search/`, in path order.
    pub fn into_files(self) -> Vec<(String, Vec<u8>)> {
        self.files.into_iter().collect()
    }

    /// The bytes of one index file, if the index has it.
    pub fn file(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    /// The size of the whole index, which the render benchmark reports.
    pub fn total_bytes(&self) -> usize {
        self.files.values().map(Vec::len).sum()
    }
}

/// The folding table the browser applies after its own decomposition and
/// lower-casing (`pakta_content::fold::LETTERS`), as `{letter: folded}`.
fn fold_letters() -> BTreeMap<String, &'static str> {
    pakta_content::fold::LETTERS
        .iter()
        .map(|(letter, folded)| (letter.to_string(), *folded))
        .collect()
}

/// Indexes the public agreements of the model: every file of the index.
pub fn build_index(model: &Model) -> SearchIndex {
    let order = order::number_documents(model);
    let mut index = index_apart_from_page_texts(model, &order);
    index
        .files
        .extend(in_search_folder(pages::page_files(model, &order)));
    index
}

/// The index without the page texts of the attached documents (`x/`),
/// which a build writes apart with [`write_page_texts`] instead of
/// holding them all at once.
pub fn build_index_apart_from_page_texts(model: &Model) -> SearchIndex {
    index_apart_from_page_texts(model, &order::number_documents(model))
}

/// Hands each page-text file of the index to `write`, with its path under
/// the output folder (`search/x/<doc>.json`), on every thread as soon as
/// it is made: the same files as [`build_index`] holds, which
/// [`build_index_apart_from_page_texts`] leaves out. Stops at the first
/// error `write` returns.
pub fn write_page_texts<E: Send>(
    model: &Model,
    write: impl Fn(String, Vec<u8>) -> Result<(), E> + Sync,
) -> Result<(), E> {
    let order = order::number_documents(model);
    pages::write_page_files(model, &order, |path, bytes| {
        write(format!("search/{path}"), bytes)
    })
}

/// `search/<path>` for each file.
fn in_search_folder(
    files: impl IntoIterator<Item = (String, Vec<u8>)>,
) -> impl Iterator<Item = (String, Vec<u8>)> {
    files
        .into_iter()
        .map(|(path, bytes)| (format!("search/{path}"), bytes))
}

fn index_apart_from_page_texts(model: &Model, order: &order::DocOrder) -> SearchIndex {
    let universe = order.docs.len() as u32;
    let (term_index, (facets, (rows, dates))) = rayon::join(
        || terms::build(model, &order.docs),
        || {
            rayon::join(
                || facets::facets(model, order),
                || {
                    rayon::join(
                        || records::rows(model, order),
                        || records::DocDates::new(model, order),
                    )
                },
            )
        },
    );

    let mut files: Vec<(String, Value)> = Vec::new();
    let mut encoded: Vec<(String, Vec<u8>)> = Vec::new();
    let shards = shards::shards(&term_index, universe);
    let vocabulary = vocabulary::files(&term_index);
    let shard_keys: Vec<&str> = shards.keys().map(String::as_str).collect();
    let (date_years, date_files) = dates.filter_files();
    let manifest = json!({
        "version": FORMAT_VERSION,
        "documents": universe,
        "today": model.today.to_string(),
        "display_chunk": records::DISPLAY_CHUNK,
        "page_size": browse::PAGE_SIZE,
        "record_fields": records::RECORD_FIELDS,
        "weights": FIELD_WEIGHTS,
        "compounds": text::COMPOUNDS,
        "stopwords": text::STOPWORDS,
        "fold": fold_letters(),
        "protected": stem::PROTECTED,
        "corrections": stem::CORRECTIONS.iter().copied().collect::<BTreeMap<_, _>>(),
        "vocabulary": vocabulary.keys().collect::<Vec<_>>(),
        "date_years": date_years,
        "facets": facets::summary(&facets),
        "units": order.units.iter().map(|u| {
            let unit = &model.units[u.unit];
            let segment = unit.path.rsplit('/').next().unwrap_or("");
            json!([segment, unit.display_name(), u.parent, u.own_end - u.first])
        }).collect::<Vec<_>>(),
    });
    files.push(("manifest.json".into(), manifest));
    files.push((
        "shards.json".into(),
        json!({ "keys": shard_keys.join(" ") }),
    ));
    files.push(("columns.json".into(), facets::columns(&facets)));
    files.extend(
        vocabulary
            .into_iter()
            .map(|(length, words)| (format!("v/{length}.json"), words)),
    );
    files.push(("sort.json".into(), dates.sort_file()));
    files.extend(date_files);
    let pages = browse::FirstPages {
        dates: &dates,
        rows: &rows,
    };
    files.extend(facets::value_files(&facets, order, &pages));
    encoded.extend(records::display_chunks(&rows));
    files.extend(
        shards
            .into_iter()
            .map(|(key, content)| (format!("t/{}.json", shards::file_name(&key)), content)),
    );
    encoded.extend(
        files
            .into_par_iter()
            .map(|(path, value)| (path, value.to_string().into_bytes()))
            .collect::<Vec<_>>(),
    );
    SearchIndex {
        files: in_search_folder(encoded).collect(),
    }
}
