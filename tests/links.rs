//! Every address a page of the site links to exists: the sample
//! repository and a generated corpus are built, and each `href` and `src`
//! inside the site is resolved to a file of the output.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use chrono::NaiveDate;

const BASE: &str = "/kerjasama/";

/// The links of every page below `out` that lead nowhere, with the page.
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
                let link = &rest[..rest.find('"').unwrap()];
                let Some(path) = link.strip_prefix(BASE) else {
                    continue;
                };
                checked += 1;
                let path = path.split(['#', '?']).next().unwrap().replace("&amp;", "&");
                let file = if path.is_empty() || path.ends_with('/') {
                    out.join(&path).join("index.html")
                } else {
                    out.join(&path)
                };
                if !file.is_file() {
                    dead.insert((link.to_string(), from.clone()));
                }
            }
        }
    }
    (checked, dead)
}

#[test]
fn every_link_of_the_sample_site_leads_to_a_file() {
    let repo = common::Repo::sample();
    let out = repo.path("public");
    let output = repo.pakta(&[
        "build",
        "--today",
        common::TODAY,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", common::stderr(&output));
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
