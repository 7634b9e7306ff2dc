//! An Indonesian run speaks no English: clap's usage errors, every text of
//! `--help`, the phases of `--timings`, and the column labels of pages.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::process::{Command, Output};

use common::{Repo, TODAY, VALID_AGREEMENT, stderr, stdout};
use pakta_content::i18n::{Catalog, Lang};

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

/// A catalog key holding what a command or an argument does, for `--help`.
fn is_help_key(key: &str) -> bool {
    key == "cli-about" || key.starts_with("cli-about.") || key.starts_with("cli-arg.")
}

/// The keys of what the command at `path` shows in its own `--help`: its
/// description, each of its arguments, and the global `--lang`.
fn keys_of_command(catalog: &BTreeMap<String, String>, path: &[&str]) -> Vec<String> {
    let about = std::iter::once("cli-about")
        .chain(path.iter().copied())
        .collect::<Vec<_>>()
        .join(".");
    let args = std::iter::once("cli-arg")
        .chain(path.iter().copied())
        .map(|part| format!("{part}."))
        .collect::<String>();
    let mut keys = vec![about, "cli-arg.lang".to_string()];
    keys.extend(
        catalog
            .keys()
            .filter(|key| key.strip_prefix(&args).is_some_and(|id| !id.contains('.')))
            .cloned(),
    );
    keys.sort();
    keys.dedup();
    keys
}

#[test]
fn every_help_text_is_the_catalog_s_in_indonesian_and_english() {
    let id = Catalog::default_for(Lang::Id).messages;
    let en = Catalog::default_for(Lang::En).messages;
    let help_keys = |catalog: &BTreeMap<String, String>| -> BTreeSet<String> {
        catalog.keys().filter(|k| is_help_key(k)).cloned().collect()
    };
    assert_eq!(help_keys(&id), help_keys(&en));
    // Every command, the root first, from the catalog; a command the
    // catalog misses shows its key in its parent's list instead.
    let mut commands: Vec<Vec<&str>> = vec![Vec::new()];
    commands.extend(
        en.keys()
            .filter_map(|key| key.strip_prefix("cli-about."))
            .map(|path| path.split('.').collect()),
    );
    assert!(commands.len() > 12, "{commands:?}");
    let english: Vec<&str> = en
        .iter()
        .filter(|(key, _)| key.starts_with("cli-"))
        .map(|(_, text)| text.as_str())
        .collect();
    for path in &commands {
        let keys = keys_of_command(&en, path);
        let mut outputs = BTreeMap::new();
        for (lang, catalog) in [("id", &id), ("en", &en)] {
            let mut args = path.clone();
            args.extend(["--help", "--lang", lang]);
            let help = pakta(&args);
            assert_eq!(help.status.code(), Some(0), "{args:?}: {}", stderr(&help));
            let text = stdout(&help);
            for missing in ["cli-about", "cli-arg."] {
                assert!(!text.contains(missing), "{args:?} has no text: {text}");
            }
            for key in &keys {
                assert!(
                    text.contains(catalog[key].as_str()),
                    "{args:?} does not show `{key}`: {text}"
                );
            }
            outputs.insert(lang, text);
        }
        for key in &keys {
            assert_ne!(id[key], en[key], "`{key}` is not translated");
        }
        for text in &english {
            assert!(
                !outputs["id"].contains(text),
                "{path:?}: English \"{text}\" in {}",
                outputs["id"]
            );
        }
    }
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
    for phase in [
        "memuat:",
        "memeriksa:",
        "model:",
        "menyusun:",
        "laporan:",
        "data terbuka:",
        "sebelum indeks pencarian",
    ] {
        assert!(timings.contains(phase), "{phase} in {timings}");
    }
    for english in [
        "load:",
        "validate:",
        "render:",
        "of rendering",
        "reports:",
        "open data:",
        "search index",
    ] {
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
