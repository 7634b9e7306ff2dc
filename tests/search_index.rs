//! The search index built from the fixture repository `tests/fixtures/search`.

use std::path::Path;

use pakta::load::LoadOptions;
use pakta::search::{self, SearchIndex};
use serde_json::Value;

fn index() -> SearchIndex {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/search");
    let today = "2026-11-22".parse().ok();
    let analysis = pakta::pipeline::analyse(&root, today, LoadOptions { bodies: true })
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
fn units_are_ranges_of_documents_in_tree_order() {
    let index = index();
    let manifest = json(&index, "search/manifest.json");
    assert_eq!(manifest["documents"], 7);
    let units: Vec<(String, Value, u64, u64, u64)> = manifest["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u[0].as_str().unwrap().to_string(),
                u[2].clone(),
                u[3].as_u64().unwrap(),
                u[4].as_u64().unwrap(),
                u[5].as_u64().unwrap(),
            )
        })
        .collect();
    let expected = [
        ("", Value::Null, 0, 2, 7),
        ("bali", Value::from(0), 2, 3, 3),
        ("jawa-tengah", Value::from(0), 3, 5, 7),
        ("karanganyar", Value::from(2), 5, 7, 7),
    ];
    let expected: Vec<(String, Value, u64, u64, u64)> = expected
        .into_iter()
        .map(|(s, p, a, b, c)| (s.to_string(), p, a, b, c))
        .collect();
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
    assert_eq!(file["docs"], "LQ==");
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
