//! `pakta new` on the sample repository, exactly as the editors' guide
//! (docs/panduan-editor.md) shows it:
//! registered partners, the stage reached, refusals before anything is
//! written, `--interactive`, and the usual sections that are never
//! published empty.

mod common;

use std::process::{Command, Stdio};

use common::{Repo, TODAY, position, stderr, stdout};
use serde_json::Value;

const GUIDE_EXAMPLE: [&str; 11] = [
    "new",
    "--unit",
    "jawa-tengah/karanganyar",
    "--kind",
    "mou",
    "--partner",
    "Universitas Sebelas Maret (UNS)",
    "--category",
    "university",
    "--title",
    "Nota Kesepahaman tentang Pendidikan Pemilih",
];

fn with_today(args: &[&str]) -> Vec<String> {
    args.iter()
        .map(|a| a.to_string())
        .chain(["--today".to_string(), TODAY.to_string()])
        .collect()
}

fn run(repo: &Repo, args: &[&str]) -> std::process::Output {
    let args = with_today(args);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    repo.pakta(&args)
}

fn check(repo: &Repo) -> (i32, Vec<Value>) {
    repo.check_json()
}

fn files_under_agreements(repo: &Repo) -> Vec<String> {
    let mut files: Vec<String> = walk(&repo.path("agreements"));
    files.sort();
    files
}

fn walk(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("a folder") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path.display().to_string());
        }
    }
    out
}

#[test]
fn the_guide_example_works_on_the_sample_and_uses_the_registered_partner() {
    let repo = Repo::sample();
    let output = run(&repo, &GUIDE_EXAMPLE);
    assert!(output.status.success(), "{}", stderr(&output));
    // 2026-mou-uns is taken in the sample: the next free name.
    assert_eq!(
        stdout(&output),
        "agreements/jawa-tengah/karanganyar/2026-mou-uns-2.md\n"
    );
    assert!(
        stderr(&output).contains(
            "using the registered partner: Universitas Sebelas Maret (partners/uns.toml)"
        ),
        "{}",
        stderr(&output)
    );
    let text = repo.read("agreements/jawa-tengah/karanganyar/2026-mou-uns-2.md");
    assert!(
        text.contains("name = \"Universitas Sebelas Maret\"\ncategory = \"university\"\n"),
        "{text}"
    );
    assert!(text.contains(&format!("planning = {TODAY}")), "{text}");
    let (status, diagnostics) = check(&repo);
    assert_eq!(status, 0, "{diagnostics:#?}");
    let here: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["file"] == "agreements/jawa-tengah/karanganyar/2026-mou-uns-2.md")
        .collect();
    assert_eq!(here.len(), 5, "{here:#?}");
    assert!(
        here.iter().all(|d| d["code"] == "empty-section"),
        "{here:#?}"
    );
    // The register's partner, not a new one beside it.
    let data = repo.pakta(&["data", "--today", TODAY]);
    let document: Value = serde_json::from_slice(&data.stdout).expect("JSON");
    let partners = document["partners"].as_array().map_or(0, Vec::len);
    let before: Value =
        serde_json::from_slice(&Repo::sample().pakta(&["data", "--today", TODAY]).stdout)
            .expect("JSON");
    assert_eq!(
        partners,
        before["partners"].as_array().map_or(0, Vec::len),
        "no partner added"
    );
}

#[test]
fn the_stage_and_its_date_are_taken_and_the_name_is_the_partners_main_name() {
    let repo = Repo::sample();
    let output = run(
        &repo,
        &[
            "new",
            "--unit",
            "jawa-tengah",
            "--kind",
            "addendum",
            "--partner",
            "UNDIP",
            "--title",
            "Adendum Kedua",
            "--stage",
            "drafting",
            "--date",
            "2026-03-02",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    // The sample has 2026-addendum-undip already.
    assert_eq!(
        stdout(&output),
        "agreements/jawa-tengah/2026-addendum-undip-2.md\n"
    );
    let text = repo.read("agreements/jawa-tengah/2026-addendum-undip-2.md");
    assert!(text.contains("\ndrafting = 2026-03-02 "), "{text}");
    assert!(text.contains("\n# planning = YYYY-MM-DD"), "{text}");
    assert!(text.contains("name = \"Universitas Diponegoro\""), "{text}");
    let (status, diagnostics) = check(&repo);
    assert_eq!(status, 0, "{diagnostics:#?}");
    assert!(
        !diagnostics.iter().any(|d| d["code"] == "stage-order"),
        "{diagnostics:#?}"
    );
}

#[test]
fn a_close_partner_name_is_warned_about() {
    let repo = Repo::sample();
    let mut args = GUIDE_EXAMPLE;
    args[6] = "Universitas Sebelas Marat";
    let output = run(&repo, &args);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains(
            "warning: \"Universitas Sebelas Marat\" is close to the registered partner \"Universitas Sebelas Maret\" (partners/uns.toml)"
        ),
        "{}",
        stderr(&output)
    );
}

#[test]
fn what_check_would_refuse_is_refused_before_anything_is_written() {
    let repo = Repo::sample();
    let before = files_under_agreements(&repo);
    for (args, expected) in [
        (
            vec!["--unit", ".", "--id", "units"],
            "--id `units` is a name the site uses itself",
        ),
        (
            vec!["--unit", ".", "--id", "assets"],
            "--id `assets` is a name the site uses itself",
        ),
        (
            vec!["--unit", ".", "--partner", "Universitas\nSebelas Maret"],
            "--partner must not contain a line break",
        ),
        (
            vec!["--unit", ".", "--title", "Judul\u{7}"],
            "--title must not contain a line break or a control character",
        ),
        (
            vec!["--unit", ".", "--stage", "selesai"],
            "unknown stage `selesai`",
        ),
    ] {
        let mut full: Vec<&str> = GUIDE_EXAMPLE.to_vec();
        // Later flags replace the example's.
        for pair in args.chunks(2) {
            match full.iter().position(|a| *a == pair[0]) {
                Some(at) => full[at + 1] = pair[1],
                None => full.extend(pair),
            }
        }
        let output = run(&repo, &full);
        assert_eq!(output.status.code(), Some(2), "{full:?}");
        assert!(stderr(&output).contains(expected), "{}", stderr(&output));
    }
    assert_eq!(files_under_agreements(&repo), before);
}

#[test]
fn interactive_asks_for_every_value_in_the_editors_language() {
    let repo = Repo::sample();
    let mut child = Command::new(env!("CARGO_BIN_EXE_pakta"))
        .args(["new", "--interactive", "--today", TODAY, "--root"])
        .arg(&repo.root)
        .env("NO_COLOR", "1")
        .env_remove("PAKTA_LANG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("pakta runs");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin
            .write_all(
                "jawa-timur\nPKS\nBadan Pusat Statistik Jawa Timur\nLembaga Negara\nPKS Pertukaran Data Pemilih\nnegotiation\n2026-04-01\n"
                    .as_bytes(),
            )
            .expect("answers");
    }
    let output = child.wait_with_output().expect("pakta ends");
    assert!(output.status.success(), "{}", stderr(&output));
    let asked = stderr(&output);
    for question in [
        "Folder satuan kerja di bawah agreements/",
        "Jenis perjanjian (mou, pks, addendum, other): ",
        "Nama lengkap mitra: ",
        "Kategori mitra (",
        "Judul lengkap perjanjian: ",
        "Tahapan terakhir yang dicapai (planning, drafting, negotiation, approval, signed) [planning]: ",
        "Tanggal tahapan itu, TTTT-BB-HH [2026-11-22]: ",
    ] {
        assert!(asked.contains(question), "{question:?} in {asked}");
    }
    let path = "agreements/jawa-timur/2026-pks-badan-pusat-statistik-jawa-timur.md";
    assert_eq!(stdout(&output), format!("{path}\n"));
    let text = repo.read(path);
    assert!(text.contains("kind = \"pks\""), "{text}");
    assert!(text.contains("category = \"state-institution\""), "{text}");
    assert!(text.contains("\nnegotiation = 2026-04-01 "), "{text}");
    let (status, diagnostics) = check(&repo);
    assert_eq!(status, 0, "{diagnostics:#?}");
}

#[test]
fn interactive_input_that_ends_early_writes_nothing() {
    let repo = Repo::sample();
    let before = files_under_agreements(&repo);
    let output = Command::new(env!("CARGO_BIN_EXE_pakta"))
        .args(["--lang", "en", "new", "--interactive", "--root"])
        .arg(&repo.root)
        .stdin(Stdio::null())
        .output()
        .expect("pakta runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("the input ended before every value was given"));
    assert_eq!(files_under_agreements(&repo), before);
}

#[test]
fn empty_sections_are_warned_about_and_not_published() {
    let repo = Repo::sample();
    let output = run(&repo, &GUIDE_EXAMPLE);
    assert!(output.status.success(), "{}", stderr(&output));
    let rel = "agreements/jawa-tengah/karanganyar/2026-mou-uns-2.md";
    let text = repo.read(rel).replace(
        "## Ruang Lingkup\n\n",
        "## Ruang Lingkup\n\nPendidikan pemilih bagi mahasiswa.\n",
    );
    repo.write(rel, &text);
    let (_, diagnostics) = check(&repo);
    let found: Vec<(u64, u64, String)> = diagnostics
        .iter()
        .filter(|d| d["file"] == rel)
        .map(|d| {
            (
                d["line"].as_u64().expect("a line"),
                d["column"].as_u64().expect("a column"),
                d["message"].as_str().expect("a message").to_string(),
            )
        })
        .collect();
    let expected: Vec<(u64, u64, String)> = ["Latar Belakang", "Maksud dan Tujuan", "Hak dan Kewajiban", "Jangka Waktu"]
        .iter()
        .map(|heading| {
            let (line, column) = position(&text, &format!("{heading}\n"));
            (
                line,
                column,
                format!(
                    "the section \"{heading}\" is empty and is not shown on the site (fill in the section, or remove its heading)"
                ),
            )
        })
        .collect();
    assert_eq!(found, expected);

    let out = repo.path("public");
    let build = repo.pakta(&[
        "build",
        "--today",
        TODAY,
        "--out",
        out.to_str().expect("a UTF-8 path"),
    ]);
    assert!(build.status.success(), "{}", stderr(&build));
    let page =
        std::fs::read_to_string(out.join("jawa-tengah/karanganyar/2026-mou-uns-2/index.html"))
            .expect("the agreement's page");
    assert!(
        page.contains("Ruang Lingkup"),
        "the filled section is shown"
    );
    assert!(page.contains("Pendidikan pemilih bagi mahasiswa."));
    for heading in [
        "Latar Belakang",
        "Maksud dan Tujuan",
        "Hak dan Kewajiban",
        "Jangka Waktu",
    ] {
        assert!(!page.contains(heading), "{heading} is left out");
    }
}
