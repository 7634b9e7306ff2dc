//! The term index split into shards by the leading characters of the
//! word: a query downloads only the shards of its words. Shards start at
//! three characters and split one character further while they exceed
//! [`SHARD_LIMIT`], so that common prefixes ("pen", "pem") do not make a
//! query expensive. The browser picks, for a word, the longest shard key
//! that begins it.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::docset;
use super::terms::{DOCUMENT_FIELD, Location, TermIndex};

/// Bytes of JSON above which a shard is split further.
pub(crate) const SHARD_LIMIT: usize = 12 * 1024;
const FIRST_KEY_CHARS: usize = 3;

enum Entry {
    /// A written form and its stem.
    Form(String),
    /// A stem's document sets, one per field.
    Stem(Value),
}

struct Sized {
    key: String,
    entry: Entry,
    bytes: usize,
}

/// Shard key -> `{"w": {form: stem}, "t": {stem: [title, meta, body]}}`.
pub(crate) fn shards(index: &TermIndex, universe: u32) -> BTreeMap<String, Value> {
    let mut entries: Vec<Sized> = Vec::new();
    for (form, stem) in &index.surfaces {
        entries.push(Sized {
            bytes: form.len() + stem.len() + 6,
            key: form.clone(),
            entry: Entry::Form(stem.clone()),
        });
    }
    for (stem, postings) in &index.postings {
        let mut sets: Vec<Value> = postings
            .fields
            .iter()
            .map(|docs| {
                if docs.is_empty() {
                    json!(0)
                } else {
                    docset::encode(docs, universe)
                }
            })
            .collect();
        if postings.fields[DOCUMENT_FIELD].is_empty() {
            // Most stems occur in no document alone: their entry keeps
            // the three sets it had before documents were indexed.
            sets.truncate(DOCUMENT_FIELD);
        } else {
            sets.push(locations(&postings.locations));
        }
        let value = Value::Array(sets);
        entries.push(Sized {
            bytes: stem.len() + value.to_string().len() + 4,
            key: stem.clone(),
            entry: Entry::Stem(value),
        });
    }
    let mut groups: BTreeMap<String, Vec<Sized>> = BTreeMap::new();
    for entry in entries {
        groups
            .entry(prefix(&entry.key, FIRST_KEY_CHARS))
            .or_default()
            .push(entry);
    }
    let mut out = BTreeMap::new();
    for (key, group) in groups {
        split(key, group, &mut out);
    }
    out
}

/// Where each document of the document set holds the stem: the page
/// alone for the first document with text (nearly always the only one),
/// else `[document, page]`.
fn locations(found: &[Location]) -> Value {
    Value::Array(
        found
            .iter()
            .map(|l| match l.document {
                0 => json!(l.page),
                document => json!([document, l.page]),
            })
            .collect(),
    )
}

fn prefix(key: &str, chars: usize) -> String {
    key.chars().take(chars).collect()
}

/// Splits shards one character deeper (or further, to where the keys part)
/// while they are too large. A work list rather than recursion: a deep
/// chain of shared prefixes must not exhaust the stack.
fn split(key: String, entries: Vec<Sized>, out: &mut BTreeMap<String, Value>) {
    let mut pending = vec![(key, entries)];
    while let Some((key, entries)) = pending.pop() {
        let size: usize = entries.iter().map(|e| e.bytes).sum();
        let depth = key.chars().count();
        let longer = entries.iter().any(|e| e.key.chars().count() > depth);
        if size <= SHARD_LIMIT || !longer || single_key(&entries) {
            out.insert(key, shard(entries));
            continue;
        }
        let mut own = Vec::new();
        let mut children: BTreeMap<String, Vec<Sized>> = BTreeMap::new();
        for entry in entries {
            if entry.key.chars().count() == depth {
                own.push(entry);
            } else {
                children
                    .entry(prefix(&entry.key, depth + 1))
                    .or_default()
                    .push(entry);
            }
        }
        if !own.is_empty() {
            out.insert(key, shard(own));
        }
        pending.extend(
            children
                .into_values()
                .map(|group| (common_prefix(&group), group)),
        );
    }
}

/// The longest prefix every key of a group shares: splitting goes straight
/// there, since the shorter prefixes in between would hold the same group.
fn common_prefix(group: &[Sized]) -> String {
    let first = group[0].key.as_str();
    let mut len = first.len();
    for other in &group[1..] {
        len = first
            .bytes()
            .zip(other.key.bytes())
            .take(len)
            .take_while(|(a, b)| a == b)
            .count();
    }
    while !first.is_char_boundary(len) {
        len -= 1;
    }
    first[..len].to_string()
}

/// Entries that all share one key (a word and its stem entry) cannot be
/// told apart by a longer prefix, so splitting them further gains nothing.
fn single_key(entries: &[Sized]) -> bool {
    entries.windows(2).all(|pair| pair[0].key == pair[1].key)
}

fn shard(entries: Vec<Sized>) -> Value {
    let mut forms = Map::new();
    let mut stems = Map::new();
    for e in entries {
        match e.entry {
            Entry::Form(stem) => forms.insert(e.key, Value::String(stem)),
            Entry::Stem(sets) => stems.insert(e.key, sets),
        };
    }
    json!({ "w": forms, "t": stems })
}

/// A shard key as a file name: plain when it is ASCII letters and digits,
/// else `_` and the hex of its bytes.
pub(crate) fn file_name(key: &str) -> String {
    if key
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        key.to_string()
    } else {
        let hex: String = key.bytes().map(|b| format!("{b:02x}")).collect();
        format!("_{hex}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terms::Postings;

    #[test]
    fn a_stem_found_only_in_documents_carries_its_pages() {
        let mut index = TermIndex::default();
        let mut postings = Postings::default();
        postings.fields[0] = vec![1];
        postings.fields[DOCUMENT_FIELD] = vec![2, 5];
        postings.locations = vec![
            Location {
                document: 0,
                page: 2,
            },
            Location {
                document: 1,
                page: 7,
            },
        ];
        index.postings.insert("awas".into(), postings);
        let mut plain = Postings::default();
        plain.fields[2] = vec![3];
        index.postings.insert("didik".into(), plain);
        let out = shards(&index, 10);
        assert_eq!(
            out["awa"]["t"]["awas"],
            json!([[1], 0, 0, [2, 3], [2, [1, 7]]])
        );
        assert_eq!(out["did"]["t"]["didik"], json!([0, 0, [3]]));
    }

    #[test]
    fn shard_files_are_safe_names() {
        assert_eq!(file_name("pem"), "pem");
        assert_eq!(file_name("ßa"), "_c39f61");
    }

    #[test]
    fn large_prefixes_split_and_short_keys_stay() {
        let mut index = TermIndex::default();
        for i in 0..400u32 {
            let docs: Vec<u32> = (i..i + 40).collect();
            let mut postings = Postings::default();
            postings.fields[2] = docs;
            index.postings.insert(
                format!("pen{}", (b'a' + (i % 26) as u8) as char) + &i.to_string(),
                postings,
            );
        }
        index.postings.insert("pen".into(), Postings::default());
        index.postings.insert("ab".into(), Postings::default());
        index.surfaces.insert("pengawasan".into(), "awas".into());
        let out = shards(&index, 1000);
        assert!(out.contains_key("pen"));
        assert!(out["pen"]["t"].get("pen").is_some());
        assert!(out.contains_key("peng"));
        assert_eq!(out["peng"]["w"]["pengawasan"], "awas");
        assert!(out.contains_key("ab"));
        assert!(out.len() > 20);
        for shard in out.values() {
            assert!(shard.to_string().len() < SHARD_LIMIT * 2);
        }
    }

    #[test]
    fn a_very_long_key_does_not_split_one_character_at_a_time() {
        // Once a stack overflow: a 30,000-character word alone exceeded
        // the limit, and each split went one character deeper.
        let long = "a".repeat(30_000);
        let mut index = TermIndex::default();
        let mut postings = Postings::default();
        postings.fields[2] = vec![1];
        index.postings.insert(long.clone(), postings);
        index.surfaces.insert(format!("{long}nya"), long.clone());
        let out = shards(&index, 10);
        assert!(
            out.len() <= 4,
            "{:?}",
            out.keys().map(|k| k.len()).collect::<Vec<_>>()
        );
        let shard = out
            .iter()
            .filter(|(key, _)| long.starts_with(key.as_str()))
            .max_by_key(|(key, _)| key.len())
            .map(|(_, shard)| shard)
            .expect("a shard for the word");
        assert!(shard["t"].get(&long).is_some());
    }
}
