//! From the page to the file: with `[site] repository` on GitHub, agreement
//! pages link to GitHub's editor for their file and unit pages to GitHub's
//! new-file page (with a starting text that passes `pakta check`) and
//! upload page; without it, no page links to GitHub's editor.

mod common;

use std::path::Path;

use common::{Repo, TODAY, stderr, stdout};

fn build(repo: &Repo) -> std::path::PathBuf {
    let out = repo.path("public");
    let built = repo.pakta(&["build", "--today", TODAY, "--out", out.to_str().unwrap()]);
    assert_eq!(built.status.code(), Some(0), "{}", stderr(&built));
    out
}

fn page(out: &Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The `href` of the link whose text is `label`.
fn href_of(html: &str, label: &str) -> String {
    let end = html
        .find(&format!(">{label}</a>"))
        .unwrap_or_else(|| panic!("no link {label:?}"));
    let start = html[..end].rfind("href=\"").expect("an href") + "href=\"".len();
    let raw = &html[start..end];
    let raw = &raw[..raw.find('"').expect("a closing quote")];
    unescape_html(raw)
}

fn unescape_html(text: &str) -> String {
    text.replace("&#x2F;", "/")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).expect("two hex digits"));
            i += 3;
        } else {
            assert!(
                bytes[i].is_ascii_alphanumeric() || b"-._~".contains(&bytes[i]),
                "unencoded {:?} in {text}",
                bytes[i] as char
            );
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

fn with_repository(branch: Option<&str>) -> Repo {
    let repo = Repo::sample();
    let mut config = repo.read("pakta.toml");
    config = config.replace(
        "timezone = \"Asia/Jakarta\"\n",
        "timezone = \"Asia/Jakarta\"\nrepository = \"https://github.com/kpu-ri/kerjasama\"\n",
    );
    if let Some(branch) = branch {
        config = config.replace(
            "repository = \"https://github.com/kpu-ri/kerjasama\"\n",
            &format!(
                "repository = \"https://github.com/kpu-ri/kerjasama\"\nbranch = \"{branch}\"\n"
            ),
        );
    }
    repo.write("pakta.toml", config);
    repo
}

#[test]
fn agreement_and_unit_pages_link_to_github() {
    let repo = with_repository(Some("terbit"));
    let out = build(&repo);

    let agreement = page(&out, "jawa-tengah/2023-mou-undip/index.html");
    assert_eq!(
        href_of(&agreement, "Ubah data ini"),
        "https://github.com/kpu-ri/kerjasama/edit/terbit/agreements/jawa-tengah/2023-mou-undip.md"
    );

    let unit_page = walkdir::WalkDir::new(&out)
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.file_name().is_some_and(|n| n == "index.html"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .find(|html| html.contains("<h1>KPU Kabupaten Karanganyar</h1>"))
        .expect("Karanganyar's unit page");
    assert_eq!(
        href_of(&unit_page, "Unggah naskah"),
        "https://github.com/kpu-ri/kerjasama/upload/terbit/files/jawa-tengah/karanganyar"
    );
    let new = href_of(&unit_page, "Tambah perjanjian");
    let (page_address, query) = new.split_once('?').expect("a query string");
    assert_eq!(
        page_address,
        "https://github.com/kpu-ri/kerjasama/new/terbit/agreements/jawa-tengah/karanganyar"
    );
    let mut filename = None;
    let mut value = None;
    for pair in query.split('&') {
        let (key, encoded) = pair.split_once('=').expect("key=value");
        match key {
            "filename" => filename = Some(percent_decode(encoded)),
            "value" => value = Some(percent_decode(encoded)),
            other => panic!("unexpected parameter {other}"),
        }
    }
    let filename = filename.expect("a file name");
    let value = value.expect("a starting text");
    assert_eq!(filename, "2026-mou-nama-mitra.md");
    assert!(
        value.starts_with("+++\ntitle = \"Judul Perjanjian\"\n"),
        "{value}"
    );
    assert!(value.contains("planning = 2026-11-22"), "{value}");
    assert!(
        value.contains("KPU Kabupaten Karanganyar dan Nama Mitra."),
        "{value}"
    );

    // Written where the link puts it, the text passes the check.
    repo.write(
        &format!("agreements/jawa-tengah/karanganyar/{filename}"),
        &value,
    );
    let checked = repo.pakta(&["check", "--today", TODAY, "--format", "json"]);
    assert_eq!(checked.status.code(), Some(0), "{}", stdout(&checked));
    common::assert_only_unfilled_sections(&stdout(&checked));

    // The root unit's folders are agreements/ and files/ themselves.
    let home_unit = walkdir::WalkDir::new(&out)
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.file_name().is_some_and(|n| n == "index.html"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .find(|html| html.contains("<h1>KPU Republik Indonesia</h1>"))
        .expect("the root unit's page");
    assert_eq!(
        href_of(&home_unit, "Unggah naskah"),
        "https://github.com/kpu-ri/kerjasama/upload/terbit/files"
    );
}

#[test]
fn the_branch_defaults_to_main_and_a_bad_one_is_located() {
    let repo = with_repository(None);
    let out = build(&repo);
    let agreement = page(&out, "jawa-tengah/2023-mou-undip/index.html");
    assert!(
        href_of(&agreement, "Ubah data ini")
            .starts_with("https://github.com/kpu-ri/kerjasama/edit/main/")
    );

    let repo = with_repository(Some("rilis..baru"));
    let (status, diagnostics) = repo.check_json();
    assert_eq!(status, 1);
    let bad: Vec<_> = diagnostics
        .iter()
        .filter(|d| d["code"] == "invalid-branch")
        .collect();
    assert_eq!(bad.len(), 1, "{diagnostics:?}");
    assert_eq!(bad[0]["file"], "pakta.toml");
    assert_eq!(bad[0]["line"], 8);
    assert_eq!(bad[0]["column"], 10);
}

#[test]
fn without_a_repository_no_page_links_to_github() {
    let repo = Repo::sample();
    let out = build(&repo);
    for entry in walkdir::WalkDir::new(&out) {
        let path = entry.unwrap().into_path();
        if path.extension().is_some_and(|e| e == "html") {
            let html = std::fs::read_to_string(&path).unwrap();
            // The search page hands every label to its script, so the
            // labels' texts alone prove nothing: the links are looked for.
            assert!(!html.contains("edit-links"), "{}", path.display());
            assert!(!html.contains("&#x2F;edit&#x2F;"), "{}", path.display());
            assert!(!html.contains("&#x2F;upload&#x2F;"), "{}", path.display());
        }
    }
}
