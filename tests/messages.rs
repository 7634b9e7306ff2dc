//! Every sentence pakta prints comes from the catalogs' `[messages]`, in
//! Indonesian unless `--lang`, `PAKTA_LANG` or `[site] language` says
//! otherwise. Diagnostics can only be built from a message key (the type
//! system sees to that); these tests check that every key the code names
//! is in both catalogs, that no catalog text is left unused, that the
//! command line prints no text of its own, and what editors read.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::{NATIONAL_UNIT, Repo, TODAY, VALID_AGREEMENT, stderr, stdout};
use pakta_content::i18n::{Catalog, Lang};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The Rust sources of the binary and of every crate.
fn sources() -> Vec<(String, String)> {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    for krate in std::fs::read_dir(root().join("crates")).expect("crates/") {
        rust_files(&krate.expect("crate").path().join("src"), &mut files);
    }
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("a readable source");
            let name = path
                .strip_prefix(root())
                .unwrap_or(&path)
                .display()
                .to_string();
            (name, text)
        })
        .collect()
}

fn line_of(text: &str, at: usize) -> usize {
    text[..at].matches('\n').count() + 1
}

/// Every `Message::new(…)` in the sources: its file, line and key, or
/// `None` when the key is not a string literal.
fn keys_in_code() -> Vec<(String, usize, Option<String>)> {
    let mut found = Vec::new();
    for (file, text) in sources() {
        for (at, _) in text.match_indices("Message::new(") {
            let after = &text[at + "Message::new(".len()..];
            let key = after
                .strip_prefix('"')
                .and_then(|rest| rest.split('"').next())
                .map(str::to_string);
            found.push((file.clone(), line_of(&text, at), key));
        }
    }
    found
}

fn catalog_keys(lang: Lang) -> BTreeSet<String> {
    Catalog::default_for(lang).messages.into_keys().collect()
}

/// The key unit tests use to show how a missing text is rendered.
const MISSING_ON_PURPOSE: &str = "no-such-key";

#[test]
fn every_message_key_in_the_code_is_in_both_catalogs() {
    let found = keys_in_code();
    assert!(found.len() > 200, "{}", found.len());
    let mut problems = Vec::new();
    for lang in [Lang::Id, Lang::En] {
        let keys = catalog_keys(lang);
        for (file, line, key) in &found {
            match key {
                Some(key) if keys.contains(key) || key == MISSING_ON_PURPOSE => {}
                Some(key) => problems.push(format!(
                    "{file}:{line}: `{key}` is not in [messages] of {}.toml",
                    lang.code()
                )),
                // The function's own definition and its documentation.
                None if file.ends_with("message.rs") => {}
                None => problems.push(format!(
                    "{file}:{line}: a message key must be a literal, so this test can find it"
                )),
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_catalog_message_is_used_by_the_code() {
    let used: BTreeSet<String> = keys_in_code().into_iter().filter_map(|f| f.2).collect();
    // The texts of `--help` are looked up by the command's and argument's
    // names; tests/indonesian_run.rs checks that each one is shown.
    let help_text = |key: &str| {
        key == "cli-about" || key.starts_with("cli-about.") || key.starts_with("cli-arg.")
    };
    let unused: Vec<String> = catalog_keys(Lang::Id)
        .into_iter()
        .filter(|key| !used.contains(key) && !help_text(key))
        .collect();
    assert!(
        unused.is_empty(),
        "[messages] keys no code uses: {unused:?}"
    );
}

/// The format string of `println!("…")` and its kin: letters outside the
/// `{placeholders}` would be a sentence written in Rust.
#[test]
fn the_command_line_prints_no_text_of_its_own() {
    let mut problems = Vec::new();
    for (file, text) in sources() {
        let printing = file.starts_with("src/") || file.starts_with("crates/pakta-serve/");
        if !printing {
            continue;
        }
        for macro_name in ["println!(", "eprintln!(", "print!(", "eprint!("] {
            for (at, _) in text.match_indices(macro_name) {
                // The format string may start on the next line.
                let Some(literal) = text[at + macro_name.len()..].trim_start().strip_prefix('"')
                else {
                    continue;
                };
                let format = literal.split('"').next().unwrap_or_default();
                let mut outside = String::new();
                let mut depth = 0;
                for c in format.chars() {
                    match c {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        c if depth == 0 => outside.push(c),
                        _ => {}
                    }
                }
                if outside.chars().any(char::is_alphabetic) {
                    problems.push(format!(
                        "{file}:{}: prints \"{format}\"; put the text in [messages]",
                        line_of(&text, at)
                    ));
                }
            }
        }
    }
    // `eprintln!(` also contains `println!(`: each call once.
    problems.sort();
    problems.dedup();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn repo_with_unknown_kind() -> Repo {
    let repo = Repo::empty();
    repo.write("agreements/_unit.toml", NATIONAL_UNIT);
    repo.write(
        "agreements/2025-mou-uns.md",
        VALID_AGREEMENT.replacen("kind = \"mou\"", "kind = \"mouu\"", 1),
    );
    repo
}

#[test]
fn an_editor_reads_an_invalid_kind_in_indonesian_by_default() {
    let repo = repo_with_unknown_kind();
    let output = repo.pakta_untranslated(&["check", "--today", TODAY]);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(
        text.contains(
            "kesalahan[invalid-value]: Nilai `kind` tidak dikenal: \"mouu\". \
             Nilai yang diperbolehkan: mou, pks, addendum, other\n \
             --> agreements/2025-mou-uns.md:3:8\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("= saran: Mungkin maksud Anda \"mou\"?"),
        "{text}"
    );
    let summary = stdout(&output);
    assert!(
        summary.starts_with("Telah diperiksa 1 perjanjian dan 1 satuan kerja per 2026-11-22."),
        "{summary}"
    );
    assert!(
        summary.ends_with("1 kesalahan, 0 peringatan.\n"),
        "{summary}"
    );
}

#[test]
fn lang_en_or_pakta_lang_gives_the_english_sentence() {
    let repo = repo_with_unknown_kind();
    let english = "error[invalid-value]: `kind` cannot be \"mouu\"; allowed: mou, pks, addendum, other\n \
                   --> agreements/2025-mou-uns.md:3:8\n";
    let flag = repo.pakta_untranslated(&["check", "--today", TODAY, "--lang", "en"]);
    assert!(stderr(&flag).contains(english), "{}", stderr(&flag));
    assert!(stderr(&flag).contains("= help: did you mean \"mou\"?"));
    assert!(stdout(&flag).ends_with("1 error, 0 warnings.\n"));
    let variable = repo.pakta(&["check", "--today", TODAY]);
    assert!(stderr(&variable).contains(english), "{}", stderr(&variable));
    // The flag wins over the environment.
    let both = repo.pakta(&["--lang", "id", "check", "--today", TODAY]);
    assert!(
        stderr(&both).contains("kesalahan[invalid-value]: Nilai `kind` tidak dikenal"),
        "{}",
        stderr(&both)
    );
}

#[test]
fn the_site_language_is_the_default_of_the_command_line() {
    let repo = repo_with_unknown_kind();
    repo.write("pakta.toml", "[site]\nlanguage = \"en\"\n");
    let output = repo.pakta_untranslated(&["check", "--today", TODAY]);
    assert!(
        stderr(&output).contains("error[invalid-value]: `kind` cannot be \"mouu\""),
        "{}",
        stderr(&output)
    );
    let overridden = repo.pakta_untranslated(&["check", "--today", TODAY, "--lang", "id"]);
    assert!(
        stderr(&overridden).contains("Nilai `kind` tidak dikenal: \"mouu\""),
        "{}",
        stderr(&overridden)
    );
}

#[test]
fn json_and_github_output_keep_the_code_and_resolve_the_message() {
    let repo = repo_with_unknown_kind();
    let json = repo.pakta_untranslated(&["check", "--today", TODAY, "--format", "json"]);
    let problems: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(
        problems,
        serde_json::json!([{
            "severity": "error",
            "file": "agreements/2025-mou-uns.md",
            "line": 3,
            "column": 8,
            "code": "invalid-value",
            "message": "Nilai `kind` tidak dikenal: \"mouu\". Nilai yang diperbolehkan: \
                        mou, pks, addendum, other (Mungkin maksud Anda \"mou\"?)"
        }])
    );
    let github = repo.pakta(&["check", "--today", TODAY, "--format", "github"]);
    assert!(
        stdout(&github).starts_with(
            "::error file=agreements/2025-mou-uns.md,line=3,col=8,title=invalid-value::\
             `kind` cannot be \"mouu\"; allowed: mou, pks, addendum, other (did you mean \"mou\"?)\n"
        ),
        "{}",
        stdout(&github)
    );
}

#[test]
fn the_summary_names_statuses_and_findings_from_the_glossary() {
    let repo = Repo::empty();
    repo.write("agreements/_unit.toml", NATIONAL_UNIT);
    repo.write("agreements/2025-mou-uns.md", VALID_AGREEMENT);
    let output = repo.pakta_untranslated(&["check", "--today", TODAY]);
    assert!(output.status.success(), "{}", stderr(&output));
    let id = Catalog::default_for(Lang::Id);
    let summary = stdout(&output);
    assert_eq!(
        summary,
        format!(
            "Telah diperiksa 1 perjanjian dan 1 satuan kerja per 2026-11-22.\n  \
             Status:   1 {active}\n  \
             Temuan:   1 {needs_pks}; 0 {no_activity} (dalam 6 bulan); 0 {not_evaluated} (dalam 12 bulan).\n\
             Tidak ada kesalahan, 0 peringatan.\n",
            active = id.terms["status"]["active"],
            needs_pks = id.terms["flag"]["needs-pks"],
            no_activity = id.terms["flag"]["no-activity"],
            not_evaluated = id.terms["flag"]["not-evaluated"],
        )
    );
}

#[test]
fn command_errors_follow_the_language_too() {
    let empty = Repo::empty();
    let output = empty.pakta_untranslated(&["check"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).starts_with("kesalahan: ")
            && stderr(&output).contains("tidak memiliki folder `agreements/`"),
        "{}",
        stderr(&output)
    );
    let english = empty.pakta(&["check"]);
    assert!(
        stderr(&english).starts_with("error: ")
            && stderr(&english).contains("has no `agreements/` folder"),
        "{}",
        stderr(&english)
    );

    let repo = Repo::empty();
    repo.write("agreements/_unit.toml", NATIONAL_UNIT);
    let args = [
        "new",
        "--unit",
        ".",
        "--kind",
        "nota",
        "--partner",
        "UNS",
        "--category",
        "university",
        "--title",
        "Judul",
    ];
    let output = repo.pakta_untranslated(&args);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "kesalahan: Jenis `nota` tidak dikenal; gunakan salah satu dari: mou, pks, addendum, other\n"
    );
}

#[test]
fn an_unknown_language_is_a_usage_error() {
    let repo = Repo::empty();
    repo.write("agreements/_unit.toml", NATIONAL_UNIT);
    let output = repo.pakta(&["--lang", "fr", "check"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--lang"), "{}", stderr(&output));

    let with_variable = |value: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_pakta"))
            .args(["check", "--today", TODAY, "--root"])
            .arg(&repo.root)
            .env("PAKTA_LANG", value)
            .output()
            .expect("pakta runs")
    };
    let unknown = with_variable("fr");
    assert_eq!(unknown.status.code(), Some(2));
    assert_eq!(
        stderr(&unknown),
        "kesalahan: PAKTA_LANG berisi \"fr\", bahasa yang tidak dikenal pakta; \
         isi dengan id atau en, atau kosongkan\n"
    );
    // Set but empty is unset; the value is read without regard to case.
    let empty = with_variable("");
    assert!(stdout(&empty).ends_with("Tidak ada kesalahan, 0 peringatan.\n"));
    let upper = with_variable("EN");
    assert!(stdout(&upper).ends_with("No errors, 0 warnings.\n"));
}
