//! The search index built from the fixture repository `tests/fixtures/search`.

use std::path::Path;

use pakta_load::LoadOptions;
use pakta_search::{self as search, SearchIndex};
use serde_json::Value;

fn index() -> SearchIndex {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/search");
    let today = "2026-11-22".parse().ok();
    let analysis = pakta_model::pipeline::analyse(&root, today, LoadOptions { bodies: true })
        .expect("fixture loads");
    assert!(!analysis.has_errors());
    search::build_index(&analysis.model)
}

fn json(index: &SearchIndex, path: &str) -> Value {
    serde_json::from_slice(index.file(path).unwrap_or_else(|| panic!("{path} exists")))
        .expect("valid JSON")
}

fn shard_with(index: &SearchIndex, word: &str) -> Value {
    let shards = json(index, "search/shards.json");
    let keys: Vec<&str> = shards["keys"].as_str().unwrap().split(' ').collect();
    let key = (1..=word.len())
        .rev()
        .map(|n| &word[..n])
        .find(|k| keys.contains(k))
        .expect("a shard holds the word");
    json(index, &format!("search/t/{key}.json"))
}

#[test]
fn units_come_in_tree_order_with_their_own_document_counts() {
    let index = index();
    let manifest = json(&index, "search/manifest.json");
    assert_eq!(manifest["documents"], 7);
    assert_eq!(manifest["version"], 4);
    let units: Vec<(&str, Value, u64)> = manifest["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| (u[0].as_str().unwrap(), u[2].clone(), u[3].as_u64().unwrap()))
        .collect();
    // Documents 0-1 are national, 2 Bali's, 3-4 Central Java's own and
    // 5-6 Karanganyar's: the subtree of Central Java is 3-6.
    let expected = [
        ("", Value::Null, 2),
        ("bali", Value::from(0), 1),
        ("jawa-tengah", Value::from(0), 2),
        ("karanganyar", Value::from(2), 2),
    ];
    assert_eq!(units, expected);
    let first = json(&index, "search/d/0.json");
    assert_eq!(
        first[0][0], "2025-mou-bawaslu",
        "newest first within a unit"
    );
    assert_eq!(first[1][0], "2024-mou-bssn");
}

#[test]
fn written_forms_lead_to_their_stem_and_the_stem_to_documents() {
    let index = index();
    let forms = shard_with(&index, "pengawasan");
    assert_eq!(forms["w"]["pengawasan"], "awas");
    let forms = shard_with(&index, "mengawasi");
    assert_eq!(forms["w"]["mengawasi"], "awas");
    let stems = shard_with(&index, "awas");
    let sets = &stems["t"]["awas"];
    assert_eq!(sets[0], serde_json::json!([0]), "the title of document 0");
    assert_eq!(
        sets[2],
        serde_json::json!([0, 3]),
        "the texts of documents 0 and 3"
    );
    let compound = shard_with(&index, "kerjasama");
    assert_eq!(compound["t"]["kerjasama"][0], serde_json::json!([5, 1]));
    let protected = shard_with(&index, "pemilih");
    assert!(protected["t"].get("pemilih").is_some());
}

#[test]
fn facet_values_carry_their_documents_and_the_counts_within_them() {
    let index = index();
    let manifest = json(&index, "search/manifest.json");
    let status = &manifest["facets"][0];
    assert_eq!(status["name"], "status");
    let active = status["values"]
        .as_array()
        .unwrap()
        .iter()
        .position(|v| v == "active")
        .unwrap();
    assert_eq!(status["counts"][active], 4);
    let file = json(&index, &format!("search/f/status/{active}.json"));
    // Documents 0, 2, 3 and 5: among seven, a one-byte bitmap is shorter
    // than the gaps.
    let docs = json(&index, &format!("search/f/status/{active}.docs.json"));
    assert_eq!(docs, "LQ==");
    assert_eq!(file["counts"]["kind"], serde_json::json!([[0, 3], [1, 1]]));
    // Every unit has one: the counts come dense, one per unit.
    assert_eq!(file["counts"]["unit"], serde_json::json!([1, 1, 1, 1]));
    let province = json(&index, "search/f/unit/2.json");
    assert_eq!(
        province["counts"]["status"],
        serde_json::json!([[5, 2], [7, 2]])
    );
    let columns = json(&index, "search/columns.json");
    assert_eq!(
        columns["status"]["column"]
            .as_str()
            .unwrap()
            .chars()
            .count(),
        7
    );
}

#[test]
fn the_same_model_gives_the_same_files() {
    let (a, b) = (index().files(), index().files());
    assert_eq!(a.len(), b.len());
    assert!(a == b);
    assert!(a.iter().all(|(path, _)| path.starts_with("search/")));
}

/// The record of document `doc`, as the chunks under `d/` hold it.
fn chunk_record(index: &SearchIndex, doc: u64) -> Value {
    let manifest = json(index, "search/manifest.json");
    let size = manifest["display_chunk"].as_u64().unwrap();
    json(index, &format!("search/d/{}.json", doc / size))[(doc % size) as usize].clone()
}

#[test]
fn a_browse_file_holds_the_first_page_of_each_order_with_its_records() {
    let index = index();
    // Active: 0 (signed 2025-02-10, ends 2030), 2 (2026-03-09, 2031),
    // 3 (2025-03-03, 2029) and 5 (2025-06-01, 2027).
    let active = json(&index, "search/f/status/5.json");
    assert_eq!(
        active["first"]["relevance"],
        serde_json::json!([0, 2, 3, 5])
    );
    assert_eq!(active["first"]["newest"], serde_json::json!([2, 5, 3, 0]));
    assert_eq!(active["first"]["expiry"], serde_json::json!([5, 3, 0, 2]));
    // Central Java and Karanganyar: in force first (5 ends 2027, 3 in
    // 2029), then ended, the most recent end first (6 in 2026, 4 in 2025).
    let province = json(&index, "search/f/unit/2.json");
    assert_eq!(
        province["first"]["relevance"],
        serde_json::json!([3, 4, 5, 6])
    );
    assert_eq!(province["first"]["expiry"], serde_json::json!([5, 3, 6, 4]));
    for file in [&active, &province] {
        let records = file["records"].as_object().unwrap();
        let mut shown: Vec<u64> = ["relevance", "newest", "expiry"]
            .iter()
            .flat_map(|sort| file["first"][sort].as_array().unwrap())
            .map(|d| d.as_u64().unwrap())
            .collect();
        shown.sort_unstable();
        shown.dedup();
        assert_eq!(records.len(), shown.len(), "one record per shown document");
        for doc in shown {
            assert_eq!(records[&doc.to_string()], chunk_record(&index, doc));
        }
    }
    assert!(
        index.file("search/f/unit/2.docs.json").is_none(),
        "a unit's documents are a range"
    );
}
