//! The "Tentang" page says who publishes the site, what it covers, whom to
//! write to, the data's licence and how to report a mistake, all from
//! `pakta.toml`; every page's footer links to it; a logo outside the
//! repository's own files is a located error.

mod common;

use common::{Repo, SiteTest, TODAY, VALID_AGREEMENT, position};

const LOGO: &[u8] = b"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"/>\n";

const CONFIG: &str = r#"[site]
title = "Transparansi Kerja Sama KPU Jawa Tengah"
base_url = "https://example.org/kerjasama"
repository = "https://github.com/kpu-jateng/kerjasama"
publisher = "KPU Provinsi Jawa Tengah"
contact_email = "humas@jateng.kpu.go.id"
contact_address = "Jl. Veteran No. 1A, Semarang"
logo = "files/logo.svg"

[data]
license = "CC0-1.0"
"#;

fn about_site(config: &str) -> SiteTest {
    SiteTest::new()
        .config(config)
        .file("files/logo.svg", LOGO)
        .file("agreements/2025-mou-uns.md", VALID_AGREEMENT)
}

#[test]
fn the_about_page_is_made_from_pakta_toml() {
    let site = about_site(CONFIG);
    let built = site.build();
    built.success();
    let page = built.read("about/index.html");
    for expected in [
        "<title>Tentang",
        "<strong>KPU Provinsi Jawa Tengah</strong>",
        "<img src=\"/kerjasama/about/logo.svg\" alt=\"Logo KPU Provinsi Jawa Tengah\"",
        "href=\"mailto:humas@jateng.kpu.go.id\"",
        "Jl. Veteran No. 1A, Semarang",
        "rel=\"license\">",
        "(CC0-1.0)",
        "href=\"https://github.com/kpu-jateng/kerjasama/issues\"",
        "&quot;Ubah data ini&quot;",
        "Perjanjian yang ditampilkan: 1",
    ] {
        assert!(page.contains(expected), "{expected:?} missing:\n{page}");
    }
    let copied = std::fs::read(built.out.join("about/logo.svg")).unwrap();
    assert_eq!(copied, LOGO);
    built.snapshot_main("page_about", "about/index.html");
}

#[test]
fn without_settings_the_page_names_the_root_unit_and_no_links_to_nowhere() {
    let site = SiteTest::new().file("agreements/2025-mou-uns.md", VALID_AGREEMENT);
    let built = site.build();
    built.success();
    let page = built.read("about/index.html");
    assert!(
        page.contains("<strong>KPU Republik Indonesia</strong>"),
        "{page}"
    );
    for absent in ["mailto:", "/issues", "<img", "Ubah data ini"] {
        assert!(!page.contains(absent), "{absent:?} in:\n{page}");
    }
    assert!(!built.out.join("about/logo.svg").exists());
}

#[test]
fn the_about_page_speaks_english_from_the_catalog() {
    let config = CONFIG.replace("[site]\n", "[site]\nlanguage = \"en\"\n");
    let site = about_site(&config);
    let built = site.build();
    built.success();
    let page = built.read("about/index.html");
    for expected in [
        "<title>About",
        "This site is published by",
        "Report it on the repository",
        "&quot;Edit this record&quot;",
    ] {
        assert!(page.contains(expected), "{expected:?} missing:\n{page}");
    }
    assert!(built.read("index.html").contains(">About</a>"));
}

#[test]
fn every_page_links_to_the_about_page_from_its_footer() {
    let site = about_site(CONFIG);
    let built = site.build();
    built.success();
    let pages: Vec<String> = built
        .file_list()
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .collect();
    assert!(pages.len() > 10, "{pages:#?}");
    for page in pages {
        let html = built.read(&page);
        let footer = &html[html
            .find("<footer")
            .unwrap_or_else(|| panic!("{page}: no footer"))..];
        assert!(
            footer.contains("<a href=\"/kerjasama/about/\">Tentang</a>"),
            "{page}: {footer}"
        );
    }
}

#[test]
fn a_logo_outside_the_repository_files_is_a_located_error() {
    for logo in [
        "../logo.svg",
        "/etc/logo.svg",
        "files/../../logo.svg",
        ".git/logo.svg",
        "C:/logo.svg",
        "files\\\\logo.svg",
        "files/missing.svg",
        "files/logo.exe",
        "files",
    ] {
        let config = CONFIG.replace("files/logo.svg", logo);
        let repo = Repo::minimal();
        repo.write("pakta.toml", &config);
        repo.write("files/logo.svg", LOGO);
        repo.write("files/logo.exe", LOGO);
        let (status, diagnostics) = repo.check_json();
        assert_eq!(status, 1, "{logo}: {diagnostics:#?}");
        let (line, column) = position(&config, &format!("\"{logo}\""));
        assert!(
            diagnostics.iter().any(|d| d["code"] == "invalid-logo"
                && d["file"] == "pakta.toml"
                && d["line"].as_u64() == Some(line)
                && d["column"].as_u64() == Some(column)),
            "{logo}: {diagnostics:#?}"
        );
        let out = repo.path("site");
        let output = repo.pakta(&["build", "--out", out.to_str().unwrap(), "--today", TODAY]);
        assert_eq!(output.status.code(), Some(1), "{logo}: {output:?}");
        assert!(!out.exists(), "{logo}");
    }
}

#[cfg(unix)]
#[test]
fn a_logo_through_a_link_is_a_located_error() {
    use std::os::unix::fs::symlink;
    let repo = Repo::minimal();
    repo.write("pakta.toml", CONFIG);
    repo.write("outside/logo.svg", LOGO);
    symlink(repo.path("outside"), repo.path("files")).unwrap();
    let (status, diagnostics) = repo.check_json();
    assert_eq!(status, 1, "{diagnostics:#?}");
    let message = diagnostics
        .iter()
        .find(|d| d["code"] == "invalid-logo")
        .unwrap_or_else(|| panic!("{diagnostics:#?}"))["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(message.contains("symbolic link"), "{message}");
}

#[test]
fn a_contact_email_must_be_one_address() {
    let config = CONFIG.replace("humas@jateng.kpu.go.id", "humas kpu");
    let repo = Repo::minimal();
    repo.write("pakta.toml", &config);
    repo.write("files/logo.svg", LOGO);
    let (status, diagnostics) = repo.check_json();
    assert_eq!(status, 1, "{diagnostics:#?}");
    let (line, column) = position(&config, "\"humas kpu\"");
    assert!(
        diagnostics
            .iter()
            .any(|d| d["code"] == "invalid-contact-email"
                && d["line"].as_u64() == Some(line)
                && d["column"].as_u64() == Some(column)),
        "{diagnostics:#?}"
    );
}
