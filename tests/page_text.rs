//! What a reader sees on a page: the content format's key names are for
//! editors, and none of them may show in the visible text of a built page
//! (the open-data page and the data dictionary, which document the data's
//! columns, aside).

mod common;

use std::path::Path;

use common::{Repo, TODAY, stderr};
use pakta_content::schema::spec;

/// `html` without the blocks from each `open` to the next `close`.
fn without(html: &str, open: &str, close: &str) -> String {
    let mut kept = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(open) {
        kept.push_str(&rest[..at]);
        rest = rest[at..]
            .find(close)
            .map_or("", |end| &rest[at + end + close.len()..]);
    }
    kept.push_str(rest);
    kept
}

/// The page's visible text: no script, style or tag (attributes included).
fn visible_text(html: &str) -> String {
    let html = without(&without(html, "<script", "</script>"), "<style", "</style>");
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn pages(dir: &Path, found: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            pages(&path, found);
        } else if path.extension().is_some_and(|e| e == "html") {
            found.push(path);
        }
    }
}

#[test]
fn no_page_shows_a_key_of_the_content_format() {
    let repo = Repo::sample();
    let out = repo.path("public");
    let output = repo.pakta_untranslated(&[
        "build",
        "--today",
        TODAY,
        "--out",
        out.to_str().expect("a UTF-8 path"),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    // Keys an Indonesian reader would not know as words: every key of an
    // agreement's tables.
    let keys: Vec<&str> = [
        &spec::AGREEMENT,
        &spec::DATES,
        &spec::PARTNER,
        &spec::ACTIVITY,
        &spec::EVALUATION,
        &spec::PERIOD,
        &spec::DOCUMENT,
        &spec::EVIDENCE,
    ]
    .iter()
    .flat_map(|table| table.field_names())
    .collect();
    let mut files = Vec::new();
    pages(&out, &mut files);
    files.sort();
    assert!(files.len() > 50, "{}", files.len());
    let mut shown = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(&out).expect("inside the site");
        if relative == Path::new("data/index.html")
            || relative == Path::new("data/dictionary/index.html")
        {
            continue;
        }
        let text = visible_text(&std::fs::read_to_string(file).expect("a page"));
        for word in text.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-')) {
            if keys.contains(&word) {
                shown.push(format!("{}: {word}", relative.display()));
            }
        }
    }
    shown.dedup();
    assert!(shown.is_empty(), "{}", shown.join("\n"));
}
