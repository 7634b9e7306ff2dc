//! An Indonesian run speaks no English: clap's usage errors and the help
//! headings, the phases of `--timings`, and the column labels of pages.

mod common;

use std::process::{Command, Output};

use common::{Repo, TODAY, VALID_AGREEMENT, stderr, stdout};

/// pakta with no `--lang` and no `PAKTA_LANG`: Indonesian.
fn pakta(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pakta"))
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("PAKTA_LANG")
        .output()
        .expect("pakta runs")
}

#[test]
fn usage_errors_are_told_in_indonesian() {
    let repo = Repo::minimal();
    let root = repo.root.to_str().unwrap();
    let month = pakta(&[
        "report", "--root", root, "--unit", ".", "--month", "2026-13",
    ]);
    assert_eq!(month.status.code(), Some(2));
    assert_eq!(
        stderr(&month),
        "kesalahan: Nilai `2026-13` tidak sah untuk --month <YYYY-MM>\n\
         Lihat `pakta report --help`.\n"
    );

    let unknown = pakta(&["chek"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert_eq!(
        stderr(&unknown),
        "kesalahan: Perintah `chek` tidak dikenal; mungkin maksud Anda `schema`, `check`?\n\
         Lihat `pakta --help`.\n"
    );

    let choice = pakta(&["check", "--root", root, "--format", "xml"]);
    assert_eq!(choice.status.code(), Some(2));
    assert!(
        stderr(&choice).starts_with(
            "kesalahan: Nilai `xml` tidak sah untuk --format <FORMAT>; pilihan: human, github, json"
        ),
        "{}",
        stderr(&choice)
    );

    let missing = pakta(&["import", "daftar.csv", "--root", root]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).starts_with("kesalahan: Argumen wajib belum diisi: --unit <PATH>"),
        "{}",
        stderr(&missing)
    );

    // --lang en, even after the mistake, gives English.
    let english = pakta(&["chek", "--lang", "en"]);
    assert!(
        stderr(&english)
            .starts_with("error: Unknown command `chek`; did you mean `schema`, `check`?"),
        "{}",
        stderr(&english)
    );
}

#[test]
fn help_headings_are_indonesian() {
    let help = pakta(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    let text = stdout(&help);
    for heading in ["Penggunaan: pakta", "Perintah:", "Pilihan:"] {
        assert!(text.contains(heading), "{heading} in {text}");
    }
    for english in ["Usage:", "Commands:", "Options:", "Print help"] {
        assert!(!text.contains(english), "{english} in {text}");
    }
    let sub = pakta(&["init", "--help"]);
    assert!(stdout(&sub).contains("Argumen:"), "{}", stdout(&sub));
    let version = pakta(&["--version"]);
    assert_eq!(version.status.code(), Some(0));
    assert_eq!(
        stdout(&version).trim(),
        format!("pakta {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn timings_name_their_phases_in_indonesian() {
    let repo = Repo::minimal();
    repo.write("agreements/2025-mou-uns.md", VALID_AGREEMENT);
    let root = repo.root.to_str().unwrap();
    let out = repo.path("public");
    let built = pakta(&[
        "build",
        "--root",
        root,
        "--today",
        TODAY,
        "--timings",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(built.status.code(), Some(0), "{}", stderr(&built));
    let timings = stderr(&built);
    for phase in ["memuat:", "memeriksa:", "model:", "menyusun:", "laporan:"] {
        assert!(timings.contains(phase), "{phase} in {timings}");
    }
    for english in ["load:", "validate:", "render:", "of rendering", "reports:"] {
        assert!(!timings.contains(english), "{english} in {timings}");
    }
}

#[test]
fn the_revision_table_has_no_english_column() {
    let repo = Repo::minimal();
    repo.write("agreements/2025-mou-uns.md", VALID_AGREEMENT);
    repo.git(&["init", "-q"]);
    repo.commit("Menambahkan MoU UNS");
    let out = repo.path("public");
    let root = repo.root.to_str().unwrap();
    let built = pakta(&[
        "build",
        "--root",
        root,
        "--today",
        TODAY,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(built.status.code(), Some(0), "{}", stderr(&built));
    let page = std::fs::read_to_string(out.join("2025-mou-uns/index.html")).unwrap();
    assert!(page.contains("<th scope=\"col\">Komit</th>"), "{page}");
    assert!(!page.contains(">Commit<"));
}
