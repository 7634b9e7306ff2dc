//! Builds the sample repository and small fixture repositories with the
//! real binary and checks what lands on disk.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use common::{Repo, TODAY, pakta_in};

fn build(root: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["build", "--out", out.to_str().unwrap(), "--today", TODAY];
    args.extend_from_slice(extra);
    pakta_in(root, &args)
}

fn read(out: &Path, path: &str) -> String {
    fs::read_to_string(out.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn read_gzip(out: &Path, path: &str) -> String {
    common::gunzip(&out.join(path))
}

fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walk(dir, dir)
}

fn walk(root: &Path, dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(root, &path));
        } else {
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            out.insert(rel, fs::read(&path).unwrap());
        }
    }
    out
}

#[test]
fn the_sample_repository_builds_every_kind_of_page() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scratch = Repo::empty();
    let out = scratch.path("public");
    let result = build(root, &out, &[]);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    assert!(String::from_utf8_lossy(&result.stdout).starts_with("Built "));

    let home = read(&out, "index.html");
    assert!(home.contains("<html lang=\"id\">"));
    assert!(home.contains("Perjanjian berlaku"));
    assert!(home.contains("Perguruan tinggi"));
    assert!(home.contains("href=\"/kerjasama/lists/status/active/\""));
    assert!(home.contains("action=\"/kerjasama/search/\""));

    let page = read(&out, "2021-mou-perludem/index.html");
    assert!(page.contains("Nota Kesepahaman tentang Kajian Kepemiluan dan Pendidikan Pemilih"));
    assert!(page.contains("Fitriani Rahmawati"));
    assert!(page.contains("status-expired"));
    assert!(page.contains("20 September 2021"), "long Indonesian dates");
    assert!(
        page.contains("Padatnya tahapan Pemilu 2024"),
        "obstacles are shown"
    );
    assert!(page.contains("<h2 id=\"text-h\">"));
    assert!(
        !out.join("2021-mou-perludem/index.json").exists(),
        "an agreement's data is in data/agreements.json.gz only"
    );
    let data: serde_json::Value =
        serde_json::from_str(&read_gzip(&out, "data/agreements.json.gz")).unwrap();
    let record = data["agreements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "2021-mou-perludem")
        .expect("the agreement's record");
    assert_eq!(record["status"], "expired");

    let bssn = read(&out, "2022-mou-bssn/index.html");
    assert!(bssn.contains("/kerjasama/files/ri/2022-mou-bssn.pdf"));
    assert!(out.join("files/ri/2022-mou-bssn.pdf").is_file());

    let province = read(&out, "units/jawa-tengah/index.html");
    assert!(province.contains("KPU Karanganyar"), "{province}");
    assert!(
        province.contains("href=\"/kerjasama/units/\""),
        "breadcrumb to the root"
    );
    assert!(out.join("units/index.html").is_file());
    assert!(read(&out, "units/jawa-tengah/feed.xml").contains("<feed"));
    assert!(read(&out, "units/jawa-tengah/calendar.ics").starts_with("BEGIN:VCALENDAR\r\n"));

    let partners = read(&out, "partners/index.html");
    assert!(partners.contains("href=\"/kerjasama/partners/"));
    assert!(read(&out, "lists/status/expired/index.html").contains("2021-mou-perludem"));
    assert!(
        read(&out, "lists/in-force/index.html").contains("jawa-barat/kota-cimahi/2024-pks-unjani")
    );
    assert!(read(&out, "findings/index.html").contains("Perlu PKS"));
    assert!(read(&out, "search/index.html").contains("<noscript>"));
    assert!(read(&out, "404.html").contains("Halaman tidak ditemukan"));
    assert!(
        read(&out, "robots.txt").contains("Sitemap: https://kpu.example.org/kerjasama/sitemap.xml")
    );
    assert!(
        read(&out, "sitemap.xml")
            .contains("<loc>https://kpu.example.org/kerjasama/2021-mou-perludem/</loc>")
    );
    assert!(read(&out, "data/feed.xml").contains("<entry>"));
    assert!(read(&out, "data/index.html").contains("agreements.csv"));
    let csv = read(&out, "data/agreements.csv");
    // Excel reads UTF-8 after its byte order mark.
    assert!(csv.starts_with("\u{feff}\"id\",\"title\",\"kind\""));
    assert_eq!(csv.lines().count(), 1 + record_count(&out));

    let data = pakta_in(root, &["data", "--today", TODAY]);
    let published = read_gzip(&out, "data/agreements.json.gz");
    assert!(
        !published.trim_end().contains('\n'),
        "the published document is compact JSON"
    );
    let printed: serde_json::Value = serde_json::from_slice(&data.stdout).unwrap();
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&published).unwrap(),
        printed,
        "data/agreements.json.gz holds exactly what `pakta data` prints"
    );

    // Validation refuses agreement ids that start with a name the site
    // uses for itself; the list must name everything the site writes.
    let data: serde_json::Value =
        serde_json::from_str(&read_gzip(&out, "data/agreements.json.gz")).unwrap();
    let id_roots: std::collections::BTreeSet<String> = data["agreements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            a["id"]
                .as_str()
                .unwrap()
                .split('/')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    for entry in fs::read_dir(&out).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            pakta_content::reserved::is_reserved_segment(&name) || id_roots.contains(&name),
            "{name} is written by the site but not reserved"
        );
    }
}

fn record_count(out: &Path) -> usize {
    let data: serde_json::Value =
        serde_json::from_str(&read_gzip(out, "data/agreements.json.gz")).unwrap();
    data["agreements"].as_array().unwrap().len()
}

const AGREEMENT: &str = r#"+++
title = "MoU Pendidikan Pemilih"
kind = "mou"
number = "=1+2"

[dates]
signed = 2025-01-10
expires = 2027-01-09

[[partners]]
name = "Universitas Contoh"
category = "university"
+++

Teks <script>alert(1)</script> dan [tautan](javascript:alert(1)).
"#;

const PRIVATE: &str = r#"+++
title = "Rahasia"
kind = "pks"
public = false

[dates]
planning = 2025-01-10

[[partners]]
name = "Mitra Tertutup"
category = "company"
+++
"#;

/// A small repository in `repo/` of a scratch folder (removed when the
/// returned value is dropped), so that outputs can sit beside it.
fn fixture(language: &str) -> (Repo, PathBuf) {
    let scratch = Repo::empty();
    scratch.write(
        "repo/pakta.toml",
        format!(
            "[site]\ntitle = \"Uji\"\nbase_url = \"https://x.org/\"\nlanguage = \"{language}\"\n"
        ),
    );
    scratch.write(
        "repo/agreements/_unit.toml",
        "name = \"KPU RI\"\nlevel = \"national\"\n",
    );
    scratch.write(
        "repo/agreements/jawa/_unit.toml",
        "name = \"KPU Jawa\"\nlevel = \"province\"\n",
    );
    scratch.write("repo/agreements/jawa/2025-mou-uji.md", AGREEMENT);
    scratch.write("repo/agreements/2025-pks-rahasia.md", PRIVATE);
    let root = scratch.path("repo");
    (scratch, root)
}

#[test]
fn english_sub_path_site_is_safe_and_keeps_private_agreements_out() {
    let (_scratch, root) = fixture("en");
    let out = root.with_file_name("public");
    let result = build(&root, &out, &["--base-url", "https://org.github.io/proj"]);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let page = read(&out, "jawa/2025-mou-uji/index.html");
    assert!(page.contains("<html lang=\"en\">"));
    assert!(page.contains("10 January 2025"));
    assert!(page.contains("href=\"/proj/units/jawa/\""));
    assert!(!page.contains("<script>"), "raw HTML is escaped");
    assert!(
        !page.to_lowercase().contains("javascript:"),
        "unsafe links are removed"
    );
    assert!(read(&out, "index.html").contains("Agreements in force"));
    assert!(!out.join("2025-pks-rahasia").exists());
    let everything: String = tree(&out)
        .into_values()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .collect();
    assert!(!everything.contains("Rahasia") && !everything.contains("Mitra Tertutup"));
    let csv = read(&out, "data/agreements.csv");
    assert!(
        csv.contains("\"'=1+2\""),
        "formula cells are defused: {csv}"
    );
    assert!(read(&out, "partners/universitas-contoh/index.html").contains("Universitas Contoh"));
}

#[test]
fn building_twice_gives_identical_output() {
    let (_scratch, root) = fixture("id");
    let first = root.with_file_name("first");
    let second = root.with_file_name("second");
    assert!(build(&root, &first, &[]).status.success());
    assert!(build(&root, &second, &[]).status.success());
    let (a, b) = (tree(&first), tree(&second));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs between builds");
    }
}

#[test]
fn a_failed_build_leaves_the_output_untouched_and_reserved_ids_are_errors() {
    let (_scratch, root) = fixture("id");
    let out = root.with_file_name("public");
    assert!(build(&root, &out, &[]).status.success());
    let before = tree(&out);
    fs::create_dir_all(root.join("agreements/search")).unwrap();
    fs::write(
        root.join("agreements/search/2025-mou-uji.md"),
        AGREEMENT.replace("=1+2", "2"),
    )
    .unwrap();
    let result = build(&root, &out, &[]);
    assert_eq!(result.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.contains("reserved-id"), "{stderr}");
    assert_eq!(tree(&out), before, "the old site is still there, unchanged");
    let siblings: Vec<_> = fs::read_dir(root.parent().unwrap()).unwrap().collect();
    assert_eq!(siblings.len(), 2, "no staging folder left behind");
    let check = pakta_in(&root, &["check", "--format", "json"]);
    let problems: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    assert!(problems.as_array().unwrap().iter().any(|p| p["code"] == "reserved-id"
        && p["file"] == "agreements/search/2025-mou-uji.md"));
}
