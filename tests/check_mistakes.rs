//! The first mistakes an Indonesian editor makes: dates written as on
//! paper, impossible days, Indonesian keys and values. Each is reported
//! with its place and its rewrite, in the run's language, and none hides
//! the file's other problems.

mod common;

use common::{Repo, TODAY, position};
use serde_json::Value;

const FILE: &str = "agreements/2025-mou-uns.md";

/// Six mistakes an editor made in one file (the issue's own list).
const MISTAKES: &str = r#"+++
judul = "Nota Kesepahaman tentang Pendidikan Pemilih"
kind = "MoU"

[dates]
planning = "2024-06-10"
drafting = "11-06-2024"
signed = 10-06-2024
approval = 10/06/2024
expires = 2028-02-30

[[partners]]
name = "Universitas Sebelas Maret"
category = "universitas"
+++

Kerja sama pendidikan pemilih.
"#;

fn diagnostics_in(repo: &Repo, lang: &str) -> (i32, Vec<Value>) {
    let output = repo.pakta_untranslated(&[
        "--lang", lang, "check", "--format", "json", "--today", TODAY,
    ]);
    let diagnostics: Vec<Value> = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("no JSON ({e}): {}", String::from_utf8_lossy(&output.stderr)));
    (output.status.code().expect("an exit status"), diagnostics)
}

/// (code, line, column, message) of each diagnostic, in order.
fn summary(diagnostics: &[Value]) -> Vec<(String, u64, u64, String)> {
    diagnostics
        .iter()
        .map(|d| {
            (
                d["code"].as_str().expect("a code").to_string(),
                d["line"].as_u64().expect("a line"),
                d["column"].as_u64().expect("a column"),
                d["message"].as_str().expect("a message").to_string(),
            )
        })
        .collect()
}

fn at(needle: &str) -> (u64, u64) {
    position(MISTAKES, needle)
}

fn expected(rows: &[(&str, &str, &str)]) -> Vec<(String, u64, u64, String)> {
    rows.iter()
        .map(|(code, needle, message)| {
            let (line, column) = at(needle);
            (code.to_string(), line, column, message.to_string())
        })
        .collect()
}

#[test]
fn every_mistake_of_the_file_is_reported_in_one_run_in_english() {
    let repo = Repo::minimal();
    repo.write(FILE, MISTAKES);
    let (status, diagnostics) = diagnostics_in(&repo, "en");
    assert_eq!(status, 1);
    assert_eq!(
        summary(&diagnostics),
        expected(&[
            (
                "unknown-field",
                "judul",
                "unknown key `judul` in the front matter; keys are written in English (rename the key: title = …)",
            ),
            (
                "invalid-value",
                "\"MoU\"",
                "`kind` takes a code: for \"MoU\" write \"mou\" (write: kind = \"mou\")",
            ),
            (
                "wrong-type",
                "\"2024-06-10\"",
                "`planning` must be a date like 2025-03-10, not text (remove the quotes: planning = 2024-06-10)",
            ),
            (
                "wrong-type",
                "\"11-06-2024\"",
                "`drafting` must be a date like 2025-03-10, not text (write: drafting = 2024-06-11)",
            ),
            (
                "date-format",
                "10-06-2024",
                "the date `signed` is written \"10-06-2024\"; pakta reads dates as year-month-day (write: signed = 2024-06-10)",
            ),
            (
                "date-format",
                "10/06/2024",
                "the date `approval` is written \"10/06/2024\"; pakta reads dates as year-month-day (write: approval = 2024-06-10)",
            ),
            (
                "impossible-date",
                "2028-02-30",
                "`expires` = 2028-02-30 is not a day of the calendar (that month ends on day 29; check the date)",
            ),
            (
                "invalid-value",
                "\"universitas\"",
                "`category` takes a code: for \"universitas\" write \"university\" (write: category = \"university\")",
            ),
        ]),
        "{diagnostics:#?}"
    );
}

#[test]
fn every_mistake_is_told_in_indonesian_without_the_parsers_english() {
    let repo = Repo::minimal();
    repo.write(FILE, MISTAKES);
    let (status, diagnostics) = diagnostics_in(&repo, "id");
    assert_eq!(status, 1);
    assert_eq!(
        summary(&diagnostics),
        expected(&[
            (
                "unknown-field",
                "judul",
                "Kunci `judul` tidak dikenal di bagian pengaturan di awal berkas; kunci ditulis dalam bahasa Inggris (Ganti nama kuncinya: title = …)",
            ),
            (
                "invalid-value",
                "\"MoU\"",
                "Nilai `kind` ditulis dengan kodenya: untuk \"MoU\" tulis \"mou\" (Tulis: kind = \"mou\")",
            ),
            (
                "wrong-type",
                "\"2024-06-10\"",
                "Nilai `planning` harus berupa tanggal seperti 2025-03-10, bukan teks (Hapus tanda kutipnya: planning = 2024-06-10)",
            ),
            (
                "wrong-type",
                "\"11-06-2024\"",
                "Nilai `drafting` harus berupa tanggal seperti 2025-03-10, bukan teks (Tulis: drafting = 2024-06-11)",
            ),
            (
                "date-format",
                "10-06-2024",
                "Tanggal `signed` ditulis \"10-06-2024\"; pakta membaca tanggal sebagai tahun-bulan-tanggal (Tulis: signed = 2024-06-10)",
            ),
            (
                "date-format",
                "10/06/2024",
                "Tanggal `approval` ditulis \"10/06/2024\"; pakta membaca tanggal sebagai tahun-bulan-tanggal (Tulis: approval = 2024-06-10)",
            ),
            (
                "impossible-date",
                "2028-02-30",
                "`expires` = 2028-02-30 bukan tanggal yang ada (Bulan itu hanya sampai tanggal 29; periksa tanggalnya)",
            ),
            (
                "invalid-value",
                "\"universitas\"",
                "Nilai `category` ditulis dengan kodenya: untuk \"universitas\" tulis \"university\" (Tulis: category = \"university\")",
            ),
        ]),
        "{diagnostics:#?}"
    );
}

#[test]
fn short_and_spelled_out_dates_are_located_and_nothing_else_is_reported() {
    let content = "+++\ntitle = \"Nota\"\nkind = \"mou\"\n\n[dates]\nplanning = 1/6/2024\nsigned = 10 Juni 2024\nexpires = 2029-13-01\n\n[[partners]]\nname = \"Universitas Sebelas Maret\"\ncategory = \"university\"\n+++\n\nTeks.\n";
    let repo = Repo::minimal();
    repo.write(FILE, content);
    let (status, diagnostics) = diagnostics_in(&repo, "en");
    assert_eq!(status, 1);
    let found = summary(&diagnostics);
    let expect = |code: &str, needle: &str, message: &str| {
        let (line, column) = position(content, needle);
        (code.to_string(), line, column, message.to_string())
    };
    assert_eq!(
        found,
        [
            expect(
                "date-format",
                "1/6/2024",
                "the date `planning` is written \"1/6/2024\"; pakta reads dates as year-month-day (write: planning = 2024-06-01)",
            ),
            expect(
                "date-format",
                "10 Juni 2024",
                "the date `signed` is written \"10 Juni 2024\"; pakta reads dates as year-month-day (write: signed = 2024-06-10)",
            ),
            expect(
                "impossible-date",
                "2029-13-01",
                "`expires` = 2029-13-01 is not a day of the calendar (months are 01 to 12, in the order year-month-day)",
            ),
        ],
        "{diagnostics:#?}"
    );
}

#[test]
fn syntax_mistakes_are_told_from_the_catalog() {
    let content = "+++\ntitle = \"Nota\nkind = \"mou\"\n+++\n";
    let repo = Repo::minimal();
    repo.write(FILE, content);
    for (lang, message) in [
        (
            "en",
            "this is not valid TOML: the quoted text is not valid; check its quotes and backslashes (\\) (check quotes, brackets and `=` signs; text values need \"double quotes\")",
        ),
        (
            "id",
            "Penulisan TOML tidak sah: teks dalam tanda kutip tidak sah; periksa tanda kutip dan garis miring terbalik (\\) (Periksa tanda kutip, kurung, dan tanda `=`; nilai teks harus diapit \"tanda kutip ganda\")",
        ),
    ] {
        let (status, diagnostics) = diagnostics_in(&repo, lang);
        assert_eq!(status, 1);
        // The parser finds the string unclosed at the end of its line.
        let (line, column) = position(content, "\nkind");
        assert_eq!(
            summary(&diagnostics),
            [(
                "invalid-toml".to_string(),
                line,
                column,
                message.to_string()
            )],
            "{diagnostics:#?}"
        );
    }
}

#[test]
fn a_file_without_mistakes_reads_its_written_dates_unchanged() {
    let content = "+++\ntitle = \"Nota\"\nkind = \"mou\"\nsummary = \"\"\"\nTanggal 10-06-2024 di teks\n\"\"\"\n\n[dates]\nsigned = 2024-06-10\nexpires = 2029-06-09\n\n[[partners]]\nname = \"Universitas Sebelas Maret\"\ncategory = \"university\"\n+++\n\nTeks.\n";
    let repo = Repo::minimal();
    repo.write(FILE, content);
    let (status, diagnostics) = diagnostics_in(&repo, "en");
    assert_eq!(status, 0, "{diagnostics:#?}");
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
}
