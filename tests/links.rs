//! Every address a page of the site links to exists: the sample
//! repository and a generated corpus are built, and each `href` and `src`
//! inside the site is resolved to a file of the output.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use chrono::NaiveDate;

const BASE: &str = "/kerjasama/";

/// The links of every page below `out` that lead nowhere, with the page:
/// addresses below the site's base, and relative ones (which agreement
/// texts may hold) resolved from the page's folder.
fn dead_links(out: &Path) -> (usize, BTreeSet<(String, String)>) {
    let mut dead = BTreeSet::new();
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(out) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let page = std::fs::read_to_string(entry.path()).unwrap();
        let from = entry
            .path()
            .strip_prefix(out)
            .unwrap()
            .display()
            .to_string();
        for attribute in ["href=\"", "src=\""] {
            for rest in page.split(attribute).skip(1) {
                let link = rest[..rest.find('"').unwrap()].replace("&amp;", "&");
                let Some(path) = site_path(&from, &link) else {
                    continue;
                };
                checked += 1;
                let found = path.is_some_and(|path| {
                    let file = if path.is_empty() || path.ends_with('/') {
                        out.join(&path).join("index.html")
                    } else {
                        out.join(&path)
                    };
                    file.is_file()
                });
                if !found {
                    dead.insert((link.to_string(), from.clone()));
                }
            }
        }
    }
    (checked, dead)
}

/// The file path below the site's root that `link` on page `from` leads
/// to: `None` for a link that leaves the site (another site, a fragment),
/// `Some(None)` for one that climbs above the site's root.
fn site_path(from: &str, link: &str) -> Option<Option<String>> {
    let link = link.split(['#', '?']).next().unwrap();
    if let Some(path) = link.strip_prefix(BASE) {
        return Some(Some(percent_decoded(path)));
    }
    let has_scheme = link
        .find([':', '/'])
        .is_some_and(|i| link.as_bytes()[i] == b':');
    if link.is_empty() || has_scheme || link.starts_with("//") {
        return None;
    }
    if link.starts_with('/') {
        return Some(None);
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in link.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Some(None);
                }
            }
            other => parts.push(other),
        }
    }
    let trailing = if link.ends_with('/') || link.ends_with("..") {
        "/"
    } else {
        ""
    };
    let joined = parts.join("/");
    let path = if joined.is_empty() {
        String::new()
    } else {
        format!("{joined}{trailing}")
    };
    Some(Some(percent_decoded(&path)))
}

fn percent_decoded(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(byte) = path
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            decoded.push(byte);
            i += 3;
            continue;
        }
        decoded.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(decoded).expect("escapes of UTF-8")
}

/// Builds `repo` into its `public/` folder, which it returns; the build
/// must succeed.
fn build_into_public(repo: &common::Repo) -> std::path::PathBuf {
    let out = repo.path("public");
    let output = repo.pakta(&[
        "build",
        "--today",
        common::TODAY,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", common::stderr(&output));
    out
}

#[test]
fn every_link_of_the_sample_site_leads_to_a_file() {
    let repo = common::Repo::sample();
    let out = build_into_public(&repo);
    let (checked, dead) = dead_links(&out);
    assert!(checked > 2000, "{checked} links checked");
    assert!(dead.is_empty(), "links to nothing (link, page): {dead:#?}");
}

#[test]
fn every_link_of_a_generated_site_leads_to_a_file() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    let generated = common::corpus::generate(2026, 200, today);
    let site = common::corpus::site(&generated, common::CONFIG, "2026-11-01");
    let built = site.build();
    built.success();
    let (checked, dead) = dead_links(&built.out);
    assert!(checked > 5000, "{checked} links checked");
    assert!(dead.is_empty(), "links to nothing (link, page): {dead:#?}");
}

#[test]
fn every_link_written_in_an_agreements_text_is_checked_like_the_sites_own() {
    let repo = common::Repo::minimal();
    let end = common::VALID_AGREEMENT.rfind("+++\n").unwrap();
    let body = "Naskah [lengkap](../files/naskah%20final.pdf), [MoU lain](../2024-mou-lain/), \
                [daftar](../lists/), [unit](../units/), [beranda](../) dan \
                [alamat penuh](/kerjasama/2024-mou-lain/).\n\n\
                Tetapi [rahasia](../2024-mou-rahasia/) dan [ini](../../../etc/passwd).\n";
    repo.write(
        "agreements/2025-mou-uns.md",
        format!(
            "{}\n[[documents]]\ntitle = \"Naskah\"\nfile = \"files/naskah final.pdf\"\n+++\n\n{body}",
            &common::VALID_AGREEMENT[..end]
        ),
    )
    .write("files/naskah final.pdf", "%PDF-1.4")
    .write(
        "agreements/2024-mou-lain.md",
        common::VALID_AGREEMENT.replace("01/PR.07-NK/01/2025", "02/PR.07-NK/01/2024"),
    )
    .write(
        "agreements/2024-mou-rahasia.md",
        common::VALID_AGREEMENT
            .replace("01/PR.07-NK/01/2025", "03/PR.07-NK/01/2024")
            .replacen("kind = \"mou\"", "kind = \"mou\"\npublic = false", 1),
    );
    let (_, diagnostics) = repo.check_json();
    let warned: BTreeSet<String> = diagnostics
        .iter()
        .filter(|d| d["code"] == "dead-link")
        .map(|d| {
            d["message"]
                .as_str()
                .unwrap()
                .split('"')
                .nth(1)
                .unwrap()
                .to_string()
        })
        .collect();
    let out = build_into_public(&repo);
    let (checked, dead) = dead_links(&out);
    assert!(checked > 50, "{checked} links checked");
    let dead_in_text: BTreeSet<String> = dead
        .iter()
        .filter(|(_, page)| page == "2025-mou-uns/index.html")
        .map(|(link, _)| link.clone())
        .collect();
    assert_eq!(
        dead_in_text,
        BTreeSet::from([
            "../2024-mou-rahasia/".to_string(),
            "../../../etc/passwd".to_string()
        ]),
        "{dead:#?}"
    );
    assert_eq!(
        dead.len(),
        2,
        "only the text's links lead nowhere: {dead:#?}"
    );
    assert_eq!(warned, dead_in_text, "check warns about exactly those");
}
