//! The partner register on a built site: every name of a registered
//! partner leads to its one page, a partner's page lists its sub-units'
//! agreements too, and search finds a partner by its acronym.

mod common;

use common::{Repo, TODAY, VALID_AGREEMENT, stderr};
use serde_json::Value;

const UNDIP: &str = "name = \"Universitas Diponegoro\"\nacronym = \"UNDIP\"\ncategory = \"university\"\nwebsite = \"https://www.undip.ac.id\"\n";
const FISIP: &str = "name = \"Fakultas Ilmu Sosial dan Ilmu Politik, Universitas Diponegoro\"\naliases = [\"FISIP Undip\"]\nparent = \"undip\"\n";

/// An agreement with the fixture's partner renamed and its own number.
fn agreement_with(partner: &str, number: u32) -> String {
    VALID_AGREEMENT
        .replacen("Universitas Sebelas Maret", partner, 1)
        .replacen("01/PR", &format!("{number:02}/PR"), 1)
}

fn repository() -> Repo {
    let repo = Repo::minimal();
    repo.write("partners/undip.toml", UNDIP)
        .write("partners/fisip-undip.toml", FISIP)
        .write(
            "agreements/2025-mou-undip.md",
            agreement_with("Universitas Diponegoro", 1),
        )
        .write("agreements/2025-mou-undip-2.md", agreement_with("UNDIP", 2))
        .write(
            "agreements/2025-mou-fisip.md",
            agreement_with("FISIP Undip", 3),
        )
        .write(
            "agreements/2025-mou-uns.md",
            agreement_with("Universitas Sebelas Maret", 4),
        );
    repo
}

fn build(repo: &Repo) {
    let (status, diagnostics) = repo.check_json();
    assert_eq!(status, 0, "{diagnostics:#?}");
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    let out = repo.path("public");
    let out = out.to_str().expect("a UTF-8 temporary path");
    let output = repo.pakta(&["build", "--today", TODAY, "--out", out]);
    assert!(output.status.success(), "{}", stderr(&output));
}

fn listed(repo: &Repo, folder: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(repo.path(folder))
        .expect("the folder was written")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

#[test]
fn every_name_of_a_registered_partner_leads_to_its_one_page() {
    let repo = repository();
    build(&repo);
    assert_eq!(
        listed(&repo, "public/partners"),
        [
            "fisip-undip",
            "index.html",
            "undip",
            "universitas-sebelas-maret"
        ]
    );
    let undip = repo.read("public/partners/undip/index.html");
    assert!(
        undip.contains("<h1>Universitas Diponegoro (UNDIP)</h1>"),
        "{undip}"
    );
    assert!(undip.contains("https://www.undip.ac.id"), "{undip}");
    // Its own agreements, by name and by acronym, and its faculty's.
    for id in ["2025-mou-undip", "2025-mou-undip-2", "2025-mou-fisip"] {
        assert!(
            undip.contains(&format!("href=\"/kerjasama/{id}/\"")),
            "{id}: {undip}"
        );
    }
    assert!(!undip.contains("/kerjasama/2025-mou-uns/"), "{undip}");
    assert!(
        undip.contains("<a href=\"/kerjasama/partners/fisip-undip/\">Fakultas Ilmu Sosial dan Ilmu Politik, Universitas Diponegoro</a>"),
        "the sub-unit is linked: {undip}"
    );

    let fisip = repo.read("public/partners/fisip-undip/index.html");
    assert!(
        fisip.contains(
            "Bagian dari: <a href=\"/kerjasama/partners/undip/\">Universitas Diponegoro</a>"
        ),
        "{fisip}"
    );
    assert!(
        fisip.contains("href=\"/kerjasama/2025-mou-fisip/\""),
        "{fisip}"
    );
    assert!(
        !fisip.contains("href=\"/kerjasama/2025-mou-undip/\""),
        "{fisip}"
    );

    // An agreement naming the partner by its acronym links to the page.
    let page = repo.read("public/2025-mou-undip-2/index.html");
    assert!(page.contains("/kerjasama/partners/undip/"), "{page}");
}

#[test]
fn an_unregistered_name_never_takes_a_register_key() {
    let repo = repository();
    // Transliterates to "undip" but is not a name of the registered partner.
    repo.write("agreements/2025-mou-undip-3.md", agreement_with("Ундип", 5));
    repo.write(
        "partners/undip.toml",
        UNDIP.replacen("acronym = \"UNDIP\"\n", "", 1),
    );
    repo.write(
        "agreements/2025-mou-undip-2.md",
        agreement_with("Universitas Diponegoro", 2),
    );
    build(&repo);
    let names = listed(&repo, "public/partners");
    assert!(names.contains(&"undip-2".to_string()), "{names:?}");
    let other = repo.read("public/partners/undip-2/index.html");
    assert!(other.contains("<h1>Ундип</h1>"), "{other}");
    assert!(
        repo.read("public/partners/undip/index.html")
            .contains("<h1>Universitas Diponegoro</h1>")
    );
}

/// A document set as the search page reads it: gaps between ascending
/// document numbers, or a base64 bitmap when that is shorter.
fn document_set(value: &Value) -> Vec<u64> {
    const BASE64: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    match value {
        Value::Array(gaps) => gaps
            .iter()
            .scan(0, |at, gap| {
                *at += gap.as_u64().expect("a gap");
                Some(*at)
            })
            .collect(),
        Value::String(bitmap) => {
            let bits: Vec<bool> = bitmap
                .chars()
                .filter(|&c| c != '=')
                .flat_map(|c| {
                    let sextet = BASE64.find(c).expect("base64");
                    (0..6).rev().map(move |i| sextet >> i & 1 == 1)
                })
                .collect();
            // Bytes in order, bit `d % 8` of byte `d / 8` for document d.
            bits.chunks(8)
                .filter(|byte| byte.len() == 8)
                .enumerate()
                .flat_map(|(n, byte)| {
                    (0..8u64)
                        .filter(move |bit| byte[7 - *bit as usize])
                        .map(move |bit| n as u64 * 8 + bit)
                })
                .collect()
        }
        other => panic!("not a document set: {other}"),
    }
}

fn search_json(repo: &Repo, path: &str) -> Value {
    serde_json::from_str(&repo.read(&format!("public/search/{path}"))).expect("JSON")
}

#[test]
fn search_finds_a_partner_by_its_acronym() {
    let repo = repository();
    build(&repo);
    let shards = search_json(&repo, "shards.json");
    let keys: Vec<&str> = shards["keys"].as_str().expect("keys").split(' ').collect();
    let shard = (1..="undip".len())
        .rev()
        .map(|n| &"undip"[..n])
        .find(|k| keys.contains(k))
        .expect("a shard holds the word");
    let terms = search_json(&repo, &format!("t/{shard}.json"));
    let meta = document_set(&terms["t"]["undip"][1]);
    let records = search_json(&repo, "d/0.json");
    let doc_of = |id: &str| {
        records
            .as_array()
            .expect("records")
            .iter()
            .position(|r| r[0] == id)
            .unwrap_or_else(|| panic!("{id} is indexed")) as u64
    };
    // Written "Universitas Diponegoro" only, yet found by "undip".
    assert!(meta.contains(&doc_of("2025-mou-undip")), "{meta:?}");
    assert!(!meta.contains(&doc_of("2025-mou-uns")), "{meta:?}");
}

#[test]
fn a_partner_known_only_through_its_sub_units_has_a_page_in_the_index() {
    let repo = Repo::minimal();
    repo.write("partners/undip.toml", "name = \"Universitas Diponegoro\"\n")
        .write("partners/fisip-undip.toml", FISIP)
        .write(
            "agreements/2025-mou-fisip.md",
            agreement_with("FISIP Undip", 1),
        );
    build(&repo);
    let undip = repo.read("public/partners/undip/index.html");
    assert!(
        undip.contains("href=\"/kerjasama/2025-mou-fisip/\""),
        "{undip}"
    );
    let index = repo.read("public/partners/index.html");
    assert!(
        index.contains("href=\"/kerjasama/partners/undip/\""),
        "listed under its sub-unit's category: {index}"
    );
}
