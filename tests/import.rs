//! `pakta import` on CSV and workbook fixtures: good and bad rows, every
//! reason a row is refused with its row and column, `--partial`,
//! `--dry-run`, and a second import that overwrites nothing.

mod common;

use common::{Repo, TODAY, stderr, stdout};

const UNIT: &str = "jawa-tengah";

/// Good rows in the ways people write them, then one bad row per reason.
const CSV: &str = "\u{feff}Judul;Jenis;Mitra;Kategori Mitra;Nomor;Tanggal Ditandatangani;Berlaku Sampai\r
Nota Kesepahaman Pendidikan Pemilih;MoU;Universitas Sebelas Maret (UNS);;01/NK/2024;10/06/2024;10 Juni 2027\r
PKS Sosialisasi Hukum Pemilu;Perjanjian Kerja Sama;Lembaga Bantuan Hukum Semarang;LSM;02/PKS/2024;10-06-2024;\r
Nota Kesepahaman Data;Nota Kesepahaman;Badan Pusat Statistik Jawa Tengah;Lembaga Negara;;2024-07-01;2029-06-30\r
;MoU;Mitra Tanpa Judul;LSM;;10/06/2024;\r
Surat Biasa;Surat;Mitra A;LSM;;10/06/2024;\r
Kerja Sama Toko;PKS;Mitra B;Toko;;10/06/2024;\r
Tanggal Salah;PKS;Mitra C;LSM;;kemarin;\r
Tanggal Mustahil;PKS;Mitra D;LSM;;2028-02-30;\r
Berakhir Dulu;PKS;Mitra E;LSM;;10/06/2024;01/01/2024\r
Tanpa Kategori;PKS;Mitra F Yang Tidak Terdaftar;;;10/06/2024;\r
Nomor Ganda;PKS;Mitra G;LSM;02/PKS/2024;11/06/2024;\r
";

/// (row, column, reason) of every refused row, in English.
const REFUSED: [(usize, &str, &str); 8] = [
    (5, "Judul", "empty; this column is required"),
    (
        6,
        "Jenis",
        "\"Surat\" is not known; use one of: mou, pks, addendum, other",
    ),
    (
        7,
        "Kategori Mitra",
        "\"Toko\" is not known; use one of: ministry, state-institution, regional-government, university, school, professional-organization, ngo, student-organization, media, company, international, other",
    ),
    (
        8,
        "Tanggal Ditandatangani",
        "\"kemarin\" is not a date; write e.g. 10/06/2024, 2024-06-10 or 10 Juni 2024",
    ),
    (
        9,
        "Tanggal Ditandatangani",
        "\"2028-02-30\" is not a day of the calendar",
    ),
    (
        10,
        "Berlaku Sampai",
        "ends on or before the day it was signed",
    ),
    (11, "Kategori Mitra", "empty; this column is required"),
    (
        12,
        "Nomor",
        "number 02/PKS/2024 is already recorded in jawa-tengah/2024-pks-lembaga-bantuan-hukum-semarang; the row is not written twice",
    ),
];

const WRITTEN: [&str; 3] = [
    "agreements/jawa-tengah/2024-mou-uns.md",
    "agreements/jawa-tengah/2024-pks-lembaga-bantuan-hukum-semarang.md",
    "agreements/jawa-tengah/2024-mou-badan-pusat-statistik-jawa-tengah.md",
];

fn import(repo: &Repo, file: &str, extra: &[&str]) -> std::process::Output {
    let path = repo.path(file);
    let mut args = vec![
        "import",
        path.to_str().expect("a UTF-8 path"),
        "--unit",
        UNIT,
        "--today",
        TODAY,
    ];
    args.extend(extra);
    repo.pakta(&args)
}

fn refusals(output: &std::process::Output) -> Vec<String> {
    stderr(output)
        .lines()
        .filter(|l| l.starts_with("error: row "))
        .map(str::to_string)
        .collect()
}

fn expected_refusals() -> Vec<String> {
    REFUSED
        .iter()
        .map(|(row, column, reason)| format!("error: row {row}, column \"{column}\": {reason}"))
        .collect()
}

fn agreement_files(repo: &Repo) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(repo.path("agreements"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().display().to_string())
        .collect();
    files.sort();
    files
}

#[test]
fn bad_rows_are_each_reported_and_nothing_is_written() {
    let repo = Repo::sample();
    repo.write("kerjasama.csv", CSV);
    let before = agreement_files(&repo);
    let output = import(&repo, "kerjasama.csv", &[]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(refusals(&output), expected_refusals());
    assert!(
        stderr(&output).contains("Nothing written: 8 rows could not be converted"),
        "{}",
        stderr(&output)
    );
    assert_eq!(stdout(&output), "");
    assert_eq!(agreement_files(&repo), before);
}

#[test]
fn dry_run_lists_the_files_and_writes_nothing() {
    let repo = Repo::sample();
    repo.write("kerjasama.csv", CSV);
    let before = agreement_files(&repo);
    let output = import(&repo, "kerjasama.csv", &["--partial", "--dry-run"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), format!("{}\n", WRITTEN.join("\n")));
    assert_eq!(agreement_files(&repo), before);
}

#[test]
fn partial_writes_the_good_rows_which_pass_check_and_a_second_import_overwrites_nothing() {
    let repo = Repo::sample();
    repo.write("kerjasama.csv", CSV);
    let output = import(&repo, "kerjasama.csv", &["--partial"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(stdout(&output), format!("{}\n", WRITTEN.join("\n")));
    assert_eq!(refusals(&output), expected_refusals());
    let uns = repo.read(WRITTEN[0]);
    assert!(uns.contains("kind = \"mou\""), "{uns}");
    assert!(
        uns.contains("signed = 2024-06-10\nexpires = 2027-06-10\n"),
        "{uns}"
    );
    // The registered partner, by its acronym, with its category.
    assert!(
        uns.contains("name = \"Universitas Sebelas Maret\"\ncategory = \"university\"\n"),
        "{uns}"
    );
    let lbh = repo.read(WRITTEN[1]);
    assert!(lbh.contains("kind = \"pks\""), "{lbh}");
    assert!(lbh.contains("category = \"ngo\""), "{lbh}");
    let (status, diagnostics) = repo.check_json();
    assert_eq!(status, 0, "{diagnostics:#?}");

    let written: Vec<String> = WRITTEN.iter().map(|f| repo.read(f)).collect();
    let files = agreement_files(&repo);
    let again = import(&repo, "kerjasama.csv", &["--partial"]);
    // Rows with a number are already there; the one without gets a new name.
    assert!(
        refusals(&again).contains(
            &"error: row 2, column \"Nomor\": number 01/NK/2024 is already recorded in jawa-tengah/2024-mou-uns; the row is not written twice"
                .to_string()
        ),
        "{}",
        stderr(&again)
    );
    assert_eq!(
        stdout(&again),
        "agreements/jawa-tengah/2024-mou-badan-pusat-statistik-jawa-tengah-2.md\n"
    );
    for (file, text) in WRITTEN.iter().zip(&written) {
        assert_eq!(&repo.read(file), text, "{file} unchanged");
    }
    assert_eq!(agreement_files(&repo).len(), files.len() + 1);
}

#[test]
fn a_comma_separated_file_without_a_byte_order_mark_and_a_map() {
    let repo = Repo::sample();
    repo.write(
        "lain.csv",
        "Title,Kind,Nama Instansi,Category,Signed\n\"Nota Kesepahaman, Pendidikan\",PKS,Universitas Diponegoro,,10 Juni 2024\n",
    );
    repo.write("peta.toml", "[columns]\n\"Nama Instansi\" = \"partner\"\n");
    let map = repo.path("peta.toml");
    let output = import(&repo, "lain.csv", &["--map", map.to_str().expect("UTF-8")]);
    assert!(output.status.success(), "{}", stderr(&output));
    // The sample's own 2024-pks-undip is left alone.
    assert_eq!(
        stdout(&output),
        "agreements/jawa-tengah/2024-pks-undip-2.md\n"
    );
    let text = repo.read("agreements/jawa-tengah/2024-pks-undip-2.md");
    assert!(
        text.contains("title = \"Nota Kesepahaman, Pendidikan\""),
        "{text}"
    );
    let (status, diagnostics) = repo.check_json();
    assert_eq!(status, 0, "{diagnostics:#?}");
}

#[test]
fn a_workbook_with_excel_dates_and_a_bad_row() {
    use rust_xlsxwriter::{Format, Workbook};
    let repo = Repo::sample();
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let headers = [
        "Judul",
        "Jenis",
        "Mitra",
        "Kategori Mitra",
        "Tanggal Ditandatangani",
    ];
    for (col, header) in headers.iter().enumerate() {
        sheet
            .write_string(0, col as u16, *header)
            .expect("a header");
    }
    let rows: [(&str, &str, &str, &str); 2] = [
        (
            "Nota Kesepahaman Pemilih Pemula",
            "MoU",
            "Universitas Diponegoro",
            "",
        ),
        ("Kerja Sama Rusak", "Surat", "Mitra H", "LSM"),
    ];
    for (i, (title, kind, partner, category)) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_string(row, 0, *title).expect("a cell");
        sheet.write_string(row, 1, *kind).expect("a cell");
        sheet.write_string(row, 2, *partner).expect("a cell");
        if !category.is_empty() {
            sheet.write_string(row, 3, *category).expect("a cell");
        }
        // 10 June 2024 as Excel stores it.
        sheet
            .write_number_with_format(row, 4, 45453.0, &date)
            .expect("a date");
    }
    workbook
        .save(repo.path("kerjasama.xlsx"))
        .expect("the workbook is saved");
    let before = agreement_files(&repo);
    let output = import(&repo, "kerjasama.xlsx", &[]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        refusals(&output),
        [
            "error: row 3, column \"Jenis\": \"Surat\" is not known; use one of: mou, pks, addendum, other"
        ]
    );
    assert_eq!(agreement_files(&repo), before);

    let output = import(&repo, "kerjasama.xlsx", &["--partial"]);
    assert_eq!(
        stdout(&output),
        "agreements/jawa-tengah/2024-mou-undip.md\n"
    );
    let text = repo.read("agreements/jawa-tengah/2024-mou-undip.md");
    assert!(text.contains("signed = 2024-06-10\n"), "{text}");
    let (status, diagnostics) = repo.check_json();
    assert_eq!(status, 0, "{diagnostics:#?}");
}

#[test]
fn messages_are_in_the_runs_language() {
    let repo = Repo::sample();
    repo.write("kerjasama.csv", CSV);
    let path = repo.path("kerjasama.csv");
    let output = repo.pakta_untranslated(&[
        "import",
        path.to_str().expect("UTF-8"),
        "--unit",
        UNIT,
        "--today",
        TODAY,
    ]);
    assert!(
        stderr(&output).contains("kesalahan: baris 9, kolom \"Tanggal Ditandatangani\": \"2028-02-30\" bukan tanggal yang ada"),
        "{}",
        stderr(&output)
    );
}
