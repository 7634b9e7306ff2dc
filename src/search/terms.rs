//! The inverted index: for each stem, the documents where it occurs in the
//! title, in the descriptive fields (partners, topics, numbers, unit) and
//! in the text; and for each word as written, its stem, so that the
//! browser resolves affixed forms by lookup instead of stemming.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use super::fasthash::WordMap;
use super::stem::WordStemmer;
use super::text;
use crate::model::{Agreement, Model};

/// Where a term occurs; a document's score adds the weights of its fields.
#[derive(Clone, Copy)]
pub enum Field {
    Title = 0,
    Meta = 1,
    Body = 2,
}

pub const FIELDS: usize = 3;

#[derive(Default)]
pub struct Postings {
    /// Ascending document numbers per field.
    pub fields: [Vec<u32>; FIELDS],
}

#[derive(Default)]
pub struct TermIndex {
    pub postings: BTreeMap<String, Postings>,
    /// Written form -> stem, for the forms that differ from their stem.
    pub surfaces: BTreeMap<String, String>,
}

/// The words of an agreement, field by field.
fn field_texts(model: &Model, a: &Agreement) -> [String; FIELDS] {
    let front = &a.front;
    let unit = &model.units[a.unit];
    let mut meta: Vec<&str> = vec![&unit.name, unit.display_name()];
    for partner in &front.partners {
        meta.push(&partner.name);
        meta.extend(partner.number.as_deref());
    }
    meta.extend(front.topics.iter().map(String::as_str));
    meta.extend(front.number.as_ref().map(|n| n.value.as_str()));
    let mut body: Vec<&str> = vec![a.summary(), a.body()];
    for activity in &front.activities {
        body.push(&activity.title);
        body.extend(activity.description.as_deref());
    }
    for evaluation in &front.evaluations {
        body.extend(evaluation.notes.as_deref());
        body.extend(evaluation.obstacles.as_deref());
    }
    body.extend(front.documents.iter().map(|d| d.title.as_str()));
    body.extend(front.partners.iter().filter_map(|p| p.signatory.as_deref()));
    // An agreement's page names its MoU, PKSs, renewals and addenda: a
    // search for what they are about finds it too, at body weight.
    let relations = &a.relations;
    let related = relations
        .parent
        .iter()
        .chain(&relations.children)
        .chain(&relations.renews)
        .chain(&relations.renewed_by)
        .chain(&relations.amends)
        .chain(&relations.amended_by)
        .map(|&ix| &model.agreements[ix])
        .filter(|r| r.is_public());
    body.extend(related.map(|r| r.front.title.as_str()));
    [front.title.clone(), meta.join(" "), body.join(" ")]
}

/// Each stem of a document with a bit per field it occurs in, and the
/// written forms this thread met for the first time whose stem differs.
struct DocTerms {
    stems: Vec<(Arc<str>, u8)>,
    new_forms: Vec<(String, Arc<str>)>,
}

fn document_terms(model: &Model, a: &Agreement, stemmer: &mut WordStemmer) -> DocTerms {
    let mut stems: WordMap<Arc<str>, u8> = WordMap::default();
    let mut new_forms = Vec::new();
    for (field, content) in field_texts(model, a).iter().enumerate() {
        text::for_each_word(content, |word| {
            let (stem, new) = stemmer.stem_new(word);
            if new && *stem != *word {
                new_forms.push((word.to_string(), stem.clone()));
            }
            *stems.entry(stem).or_default() |= 1 << field;
        });
    }
    DocTerms {
        stems: stems.into_iter().collect(),
        new_forms,
    }
}

/// Documents tokenised at once; bounds the memory held between merges.
const BATCH: usize = 2048;

pub fn build(model: &Model, docs: &[usize]) -> TermIndex {
    let mut postings: WordMap<Arc<str>, Postings> = WordMap::default();
    let mut surfaces = BTreeMap::new();
    // One stemmer per worker for the whole build: stemming is the costly
    // part, and a stemmer's cache only pays if it lives across batches.
    let stemmers: Vec<Mutex<WordStemmer>> = (0..rayon::current_num_threads().max(1))
        .map(|_| Mutex::new(WordStemmer::default()))
        .collect();
    for (batch, chunk) in docs.chunks(BATCH).enumerate() {
        let per_doc: Vec<DocTerms> = chunk
            .par_iter()
            .map(|&ix| {
                let worker = rayon::current_thread_index().unwrap_or(0) % stemmers.len();
                let mut stemmer = stemmers[worker].lock().unwrap_or_else(|e| e.into_inner());
                document_terms(model, &model.agreements[ix], &mut stemmer)
            })
            .collect();
        for (offset, terms) in per_doc.into_iter().enumerate() {
            let doc = (batch * BATCH + offset) as u32;
            for (stem, mask) in terms.stems {
                let entry = postings.entry(stem).or_default();
                for (field, list) in entry.fields.iter_mut().enumerate() {
                    if mask & (1 << field) != 0 {
                        list.push(doc);
                    }
                }
            }
            for (form, stem) in terms.new_forms {
                surfaces.insert(form, stem.to_string());
            }
        }
    }
    TermIndex {
        postings: postings
            .into_iter()
            .map(|(stem, p)| (stem.to_string(), p))
            .collect(),
        surfaces,
    }
}
