//! The inverted index: for each stem, the documents where it occurs in the
//! title, in the descriptive fields (partners, topics, numbers, unit) and
//! in the text; and for each word as written, its stem, so that the
//! browser resolves affixed forms by lookup instead of stemming.

use std::collections::BTreeMap;
use std::sync::Mutex;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::stem::WordStemmer;
use super::text;
use pakta_model::{Agreement, Model};

/// The word tables of indexing hash with FxHash: the keys are the site's
/// own words, so the standard hasher's protection against crafted
/// collisions buys nothing and costs a fifth of the tokenising time.
type WordMap<K, V> = FxHashMap<K, V>;

/// Where a term occurs (title, meta, body, attached documents); a
/// document's score adds the weights of its fields.
pub(crate) const FIELDS: usize = 4;
/// The fields written in the agreement itself.
const RECORD_FIELDS: usize = 3;
/// The text of the agreement's PDF documents. A stem is listed there only
/// for agreements whose own fields lack it: where the record holds the
/// word, it already ranks at least as high, and the index stays the size
/// of what only the documents add.
pub(crate) const DOCUMENT_FIELD: usize = 3;

/// Where a stem first occurs in an agreement's documents: the position of
/// the document among those with text, and the page, from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Location {
    pub document: u32,
    pub page: u32,
}

#[derive(Default)]
pub(crate) struct Postings {
    /// Ascending document numbers per field.
    pub fields: [Vec<u32>; FIELDS],
    /// For each number of the document field, in the same order, where
    /// the stem is found.
    pub locations: Vec<Location>,
}

#[derive(Default)]
pub(crate) struct TermIndex {
    pub postings: BTreeMap<String, Postings>,
    /// Written form -> stem, for the forms that differ from their stem.
    pub surfaces: BTreeMap<String, String>,
}

/// The texts of an agreement, field by field. Each piece is tokenised on
/// its own, so no compound is joined across two of them.
fn field_pieces<'m>(model: &'m Model, a: &'m Agreement) -> [Vec<&'m str>; RECORD_FIELDS] {
    let front = &a.front;
    let unit = &model.units[a.unit];
    let mut meta: Vec<&str> = vec![&unit.name, unit.display_name()];
    for partner in &front.partners {
        meta.push(&partner.name);
        meta.extend(partner.number.as_deref());
        // The register's other names find the partner however the
        // agreement spells it: "UNDIP" finds "Universitas Diponegoro".
        if let Some(ix) = model.partners.resolve(&partner.name) {
            let registered = &model.partners.partners[ix];
            meta.push(&registered.name);
            meta.extend(registered.acronym.as_deref());
            meta.extend(registered.aliases.iter().map(String::as_str));
        }
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
        body.extend(evaluation.obstacle_notes.as_deref());
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
    [vec![front.title.as_str()], meta, body]
}

/// A stem's number in the build's vocabulary. Numbers follow the order in
/// which workers first met the stems, so they mean nothing outside one
/// build; the index is keyed by the stems themselves.
type StemId = u32;

/// Every stem met, numbered, shared by the workers. A worker asks only
/// for words it has not met before.
#[derive(Default)]
struct Vocabulary {
    ids: WordMap<String, StemId>,
    stems: Vec<String>,
}

impl Vocabulary {
    fn id(&mut self, stem: String) -> StemId {
        if let Some(&id) = self.ids.get(&stem) {
            return id;
        }
        let id = self.stems.len() as StemId;
        self.stems.push(stem.clone());
        self.ids.insert(stem, id);
        id
    }
}

/// What a worker has learnt about a written word.
#[derive(Clone, Copy)]
enum Known {
    Stopword,
    Stem(StemId),
}

/// One tokenising thread's state, kept for the whole build: each word is
/// folded, checked and stemmed once per worker, then costs one lookup.
#[derive(Default)]
struct Worker {
    stemmer: WordStemmer,
    words: WordMap<Box<str>, Known>,
    /// The field bits of each stem in the document being read, by stem
    /// number; all zero between documents.
    masks: Vec<u8>,
    /// Where each stem met only in the documents was first found, in the
    /// document being read.
    locations: WordMap<StemId, Location>,
    folded: String,
}

/// Each stem of a document with a bit per field it occurs in, and the
/// written forms its worker met for the first time whose stem differs.
struct DocTerms {
    stems: Vec<(StemId, u8, Option<Location>)>,
    new_forms: Vec<(Box<str>, StemId)>,
}

fn document_terms(
    model: &Model,
    a: &Agreement,
    worker: &mut Worker,
    vocabulary: &Mutex<Vocabulary>,
) -> DocTerms {
    let Worker {
        stemmer,
        words,
        masks,
        locations,
        folded,
    } = worker;
    let mut touched: Vec<StemId> = Vec::new();
    let mut new_forms = Vec::new();
    let mut known_stem = |word: &str| -> Option<StemId> {
        let known = match words.get(word) {
            Some(&known) => known,
            None => {
                let known = if text::is_stopword(word) {
                    Known::Stopword
                } else {
                    let stem = stemmer.stem(word);
                    let differs = stem != word;
                    let id = vocabulary
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .id(stem);
                    if differs {
                        new_forms.push((Box::from(word), id));
                    }
                    Known::Stem(id)
                };
                words.insert(Box::from(word), known);
                known
            }
        };
        match known {
            Known::Stem(id) => Some(id),
            Known::Stopword => None,
        }
    };
    for (field, pieces) in field_pieces(model, a).iter().enumerate() {
        for piece in pieces {
            text::for_each_token(piece, folded, |word| {
                if let Some(id) = known_stem(word) {
                    let mask = mask_of(masks, id);
                    if *mask == 0 {
                        touched.push(id);
                    }
                    *mask |= 1 << field;
                }
            });
        }
    }
    // The documents come last, so a stem's mask already tells whether the
    // record itself holds it.
    for (document, (_, pages)) in model.document_pages(a).iter().enumerate() {
        for (page, text) in pages.iter().enumerate() {
            let here = Location {
                document: document as u32,
                page: page as u32 + 1,
            };
            text::for_each_token(text, folded, |word| {
                if let Some(id) = known_stem(word) {
                    let mask = mask_of(masks, id);
                    if *mask == 0 {
                        touched.push(id);
                        *mask = 1 << DOCUMENT_FIELD;
                        locations.insert(id, here);
                    }
                }
            });
        }
    }
    let stems = touched
        .into_iter()
        .map(|id| {
            let mask = std::mem::take(&mut masks[id as usize]);
            let location = if mask & (1 << DOCUMENT_FIELD) != 0 {
                locations.remove(&id)
            } else {
                None
            };
            (id, mask, location)
        })
        .collect();
    DocTerms { stems, new_forms }
}

/// The field bits of a stem in the document being read, the table grown
/// to hold it.
fn mask_of(masks: &mut Vec<u8>, id: StemId) -> &mut u8 {
    let slot = id as usize;
    if slot >= masks.len() {
        masks.resize(slot + 1, 0);
    }
    &mut masks[slot]
}

/// Documents tokenised at once; bounds the memory held between merges.
const BATCH: usize = 2048;

pub(crate) fn build(model: &Model, docs: &[usize]) -> TermIndex {
    let vocabulary = Mutex::new(Vocabulary::default());
    let workers: Vec<Mutex<Worker>> = (0..rayon::current_num_threads().max(1))
        .map(|_| Mutex::default())
        .collect();
    let mut postings: Vec<Postings> = Vec::new();
    let mut forms: Vec<(Box<str>, StemId)> = Vec::new();
    for (batch, chunk) in docs.chunks(BATCH).enumerate() {
        let per_doc: Vec<DocTerms> = chunk
            .par_iter()
            .map(|&ix| {
                let slot = rayon::current_thread_index().unwrap_or(0) % workers.len();
                let mut worker = workers[slot].lock().unwrap_or_else(|e| e.into_inner());
                document_terms(model, &model.agreements[ix], &mut worker, &vocabulary)
            })
            .collect();
        for (offset, terms) in per_doc.into_iter().enumerate() {
            let doc = (batch * BATCH + offset) as u32;
            for (id, mask, location) in terms.stems {
                let slot = id as usize;
                if slot >= postings.len() {
                    postings.resize_with(slot + 1, Postings::default);
                }
                let entry = &mut postings[slot];
                for (field, list) in entry.fields.iter_mut().enumerate() {
                    if mask & (1 << field) != 0 {
                        list.push(doc);
                    }
                }
                entry.locations.extend(location);
            }
            forms.extend(terms.new_forms);
        }
    }
    let stems = vocabulary
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .stems;
    TermIndex {
        surfaces: forms
            .into_iter()
            .map(|(form, id)| (form.into(), stems[id as usize].clone()))
            .collect(),
        postings: stems.into_iter().zip(postings).collect(),
    }
}
