//! `pakta build` prints the first ten diagnostics of each code and then how
//! many more there are, so that thousands of one warning do not bury a new
//! problem; `pakta check` still lists every one.

mod common;

use common::{Repo, TODAY, VALID_AGREEMENT, stderr};

/// The valid agreement with its own number, so that copies do not clash.
fn numbered(text: &str, n: usize) -> String {
    text.replace("01/PR.07-NK/01/2025", &format!("{n:02}/PR.07-NK/01/2025"))
}

/// `count` agreements with a free-text `obstacles` (an `obstacles-text`
/// warning each) and two without an expiry date (`no-expiry`).
fn repository(count: usize) -> Repo {
    let repo = Repo::minimal();
    let with_text = VALID_AGREEMENT.replace(
        "result = \"on-track\"",
        "result = \"on-track\"\nobstacles = \"Jadwal bentrok.\"",
    );
    for n in 0..count {
        repo.write(
            &format!("agreements/2025-mou-teks-{n:02}.md"),
            numbered(&with_text, n),
        );
    }
    let without_expiry = VALID_AGREEMENT.replace("expires = 2029-03-09\n", "");
    for n in 0..2 {
        repo.write(
            &format!("agreements/2025-mou-tanpa-akhir-{n}.md"),
            numbered(&without_expiry, 50 + n),
        );
    }
    repo
}

fn build(repo: &Repo) -> std::process::Output {
    let out = repo.path("public");
    repo.pakta(&[
        "build",
        "--today",
        TODAY,
        "--out",
        out.to_str().expect("temporary paths are UTF-8"),
    ])
}

fn headlines<'a>(text: &'a str, prefix: &str) -> Vec<&'a str> {
    text.lines().filter(|l| l.starts_with(prefix)).collect()
}

#[test]
fn build_shows_ten_of_a_code_and_counts_the_rest() {
    let repo = repository(13);
    let output = build(&repo);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    let shown = headlines(&err, "warning[obstacles-text]");
    assert_eq!(shown.len(), 10, "{err}");
    // The first ten in the usual order: by file.
    let files: Vec<&str> = err
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("--> "))
        .filter(|l| l.contains("teks"))
        .collect();
    let expected: Vec<String> = (0..10)
        .map(|n| format!("agreements/2025-mou-teks-{n:02}.md:"))
        .collect();
    assert_eq!(files.len(), 10, "{err}");
    for (file, start) in files.iter().zip(&expected) {
        assert!(file.starts_with(start.as_str()), "{file} is not {start}");
    }
    assert_eq!(headlines(&err, "warning[no-expiry]").len(), 2, "{err}");
    assert_eq!(
        headlines(&err, "note: ")
            .into_iter()
            .filter(|l| l.contains("not shown"))
            .collect::<Vec<_>>(),
        ["note: 3 warnings of `obstacles-text` not shown; `pakta check` lists them all"],
        "{err}"
    );

    let (status, diagnostics) = repo.check_json();
    assert_eq!(status, 0);
    let listed = diagnostics
        .iter()
        .filter(|d| d["code"] == "obstacles-text")
        .count();
    assert_eq!(listed, 13, "check lists every one");
}

#[test]
fn a_failed_build_counts_the_errors_it_does_not_show() {
    let repo = repository(0);
    let broken = VALID_AGREEMENT.replace("kind = \"mou\"", "kind = \"nota\"");
    for n in 0..11 {
        repo.write(
            &format!("agreements/2025-mou-rusak-{n:02}.md"),
            numbered(&broken, 70 + n),
        );
    }
    let output = build(&repo);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert_eq!(headlines(&err, "error[invalid-value]").len(), 10, "{err}");
    assert!(
        err.contains("note: 1 error of `invalid-value` not shown; `pakta check` lists them all"),
        "{err}"
    );
    assert!(err.contains("error: 11 errors found"), "{err}");
    assert!(!repo.path("public").exists());
}

#[test]
fn ten_of_a_code_are_all_shown_without_a_note() {
    let repo = repository(10);
    let output = build(&repo);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert_eq!(
        headlines(&err, "warning[obstacles-text]").len(),
        10,
        "{err}"
    );
    assert!(!err.contains("not shown"), "{err}");
}
