//! Every kind of page and every download of a small fixed site, compared
//! with the snapshots in `tests/snapshots/` (see `tests/common/site_test.rs`
//! for the refresh command).

mod common;

use common::{Agreement, SiteTest, Unit};

const TODAY: &str = "2026-11-01";

/// Four agreements across two units: a signed MoU with everything an
/// editor can write, its PKS in a province, an MoU still being planned,
/// and a private one that must appear nowhere.
fn fixture() -> SiteTest {
    SiteTest::new()
        .today(TODAY)
        .unit(Unit::province("jawa-tengah", "KPU Provinsi Jawa Tengah"))
        .file("files/uns.txt", "Naskah kerja sama.\n")
        .file("files/sosialisasi.txt", "Daftar hadir sosialisasi.\n")
        .agreement(
            Agreement::mou("2025-mou-uns")
                .title("Nota Kesepahaman tentang Pendidikan Pemilih")
                .number("01/PR.07-NK/01/2025")
                .topics(&["pendidikan pemilih"])
                .planning("2025-01-06")
                .signed("2025-03-10")
                .expires("2029-03-09")
                .partner("Universitas Sebelas Maret", "university")
                .table(
                    "activities",
                    &[
                        ("date", "2026-10-01"),
                        ("title", "\"Sosialisasi pemilih pemula\""),
                        ("type", "\"sosialisasi\""),
                        ("output", "\"Sosialisasi di 12 SMA\""),
                        ("benefit", "\"Pemilih pemula mengecek namanya\""),
                        ("participants", "960"),
                        ("evidence", "{ file = \"files/sosialisasi.txt\" }"),
                    ],
                )
                .table(
                    "evaluations",
                    &[
                        ("date", "2026-06-01"),
                        ("result", "\"partial\""),
                        ("period", "{ from = 2025-06-01, to = 2026-05-31 }"),
                        ("method", "\"rapat-evaluasi\""),
                        ("obstacles", "[\"anggaran\", \"jadwal-tahapan\"]"),
                        ("obstacle_notes", "\"Anggaran sosialisasi dipotong.\""),
                        ("recommendation", "\"lanjutkan\""),
                    ],
                )
                .document_url("Berita", "https://example.org/berita")
                .document_file("Naskah", "files/uns.txt")
                .body("Kerja sama pendidikan pemilih bagi mahasiswa.\n"),
        )
        .agreement(
            Agreement::pks("2025-pks-uns")
                .in_unit("jawa-tengah")
                .parent("2025-mou-uns")
                .signed("2025-06-02")
                .duration_months(24)
                .partner("Universitas Sebelas Maret", "university")
                .activity("2026-09-15", "Pelatihan relawan demokrasi"),
        )
        .agreement(
            Agreement::mou("2026-mou-kominfo")
                .planning("2026-08-01")
                .partner("Kementerian Komunikasi dan Digital", "ministry"),
        )
        .agreement(
            Agreement::mou("2024-mou-rahasia")
                .private()
                .signed("2024-02-01")
                .expires("2027-01-31")
                .partner("Mitra Rahasia", "company"),
        )
}

#[test]
fn the_fixture_builds_exactly_these_files() {
    let site = fixture();
    let built = site.build();
    built.success();
    assert!(
        built.run.stderr().is_empty() || !built.run.stderr().contains("error"),
        "{}",
        built.run.stderr()
    );
    let files = built.file_list();
    assert!(
        !files.iter().any(|f| f.contains("rahasia")),
        "a private agreement was published: {files:#?}"
    );
    common::assert_snapshot("site_file_list", &(files.join("\n") + "\n"));
}

#[test]
fn every_page_kind_matches_its_snapshot() {
    let site = fixture();
    let built = site.build();
    built
        .success()
        .snapshot("page_home", "index.html")
        .snapshot("page_not_found", "404.html")
        .snapshot_main("page_agreement_mou", "2025-mou-uns/index.html")
        .snapshot_main("page_agreement_pks", "jawa-tengah/2025-pks-uns/index.html")
        .snapshot_main("page_agreement_planning", "2026-mou-kominfo/index.html")
        .snapshot_main("page_unit_root", "units/index.html")
        .snapshot_main("page_unit_province", "units/jawa-tengah/index.html")
        .snapshot_main("page_partners", "partners/index.html")
        .snapshot_main(
            "page_partner",
            "partners/universitas-sebelas-maret/index.html",
        )
        .snapshot_main("page_lists", "lists/index.html")
        .snapshot_main("page_list_in_force", "lists/in-force/index.html")
        .snapshot_main("page_list_by_status", "lists/status/active/index.html")
        .snapshot_main("page_findings", "findings/index.html")
        .snapshot_main("page_monev", "monev/index.html")
        .snapshot_main("page_downloads", "data/index.html")
        .snapshot_main("page_dictionary", "data/dictionary/index.html")
        .snapshot_main("page_search", "search/index.html")
        .snapshot_main("page_reports", "reports/index.html")
        .snapshot_main("page_unit_reports", "reports/units/jawa-tengah/index.html")
        .snapshot_main("page_report_month", "reports/2026-10/index.html")
        .snapshot_main("page_report_year", "reports/2025/jawa-tengah/index.html");
}

#[test]
fn every_download_matches_its_snapshot() {
    let site = fixture();
    let built = site.build();
    built.success();
    common::assert_snapshot(
        "download_agreements_json",
        &built.read_gzip("data/agreements.json.gz"),
    );
    built
        .snapshot("download_agreements_csv", "data/agreements.csv")
        .snapshot("download_feed_site", "data/feed.xml")
        .snapshot("download_feed_unit", "units/jawa-tengah/feed.xml")
        .snapshot(
            "download_feed_partner",
            "partners/universitas-sebelas-maret/feed.xml",
        )
        .snapshot("download_calendar_site", "data/calendar.ics")
        .snapshot("download_calendar_unit", "units/jawa-tengah/calendar.ics")
        .snapshot(
            "download_calendar_partner",
            "partners/universitas-sebelas-maret/calendar.ics",
        )
        .snapshot("download_sitemap", "sitemap.xml")
        .snapshot("download_robots", "robots.txt")
        .snapshot("search_manifest", "search/manifest.json")
        .snapshot("search_shards", "search/shards.json")
        .snapshot("search_columns", "search/columns.json")
        .snapshot("search_sort", "search/sort.json")
        .snapshot("search_records", "search/d/0.json")
        .snapshot("search_terms_pen", "search/t/pen.json")
        .snapshot("search_facet_kind", "search/f/kind/0.json")
        .snapshot("download_report_csv", "reports/report.csv")
        .snapshot("download_report_json", "reports/report.json");
    assert_eq!(built.read("files/uns.txt"), "Naskah kerja sama.\n");
    assert_eq!(
        built.read("files/sosialisasi.txt"),
        "Daftar hadir sosialisasi.\n"
    );
}

/// Recent months get a report each, earlier ones one per year, and only
/// where something happened: `[reports] months = 2` with today in
/// November 2026 leaves October and November month by month.
#[test]
fn reports_months_sets_which_months_are_reported_month_by_month() {
    let site = fixture().config("[reports]\nmonths = 2\n");
    let built = site.build();
    built.success();
    let reports: Vec<String> = built
        .file_list()
        .into_iter()
        .filter(|f| f.starts_with("reports/") && f.ends_with("/index.html"))
        .collect();
    assert_eq!(
        reports,
        [
            "reports/2025/index.html",
            "reports/2025/jawa-tengah/index.html",
            "reports/2026-10/index.html",
            "reports/2026/index.html",
            "reports/2026/jawa-tengah/index.html",
            "reports/index.html",
            "reports/units/jawa-tengah/index.html",
        ]
    );
    let unit_page = built.read("units/jawa-tengah/index.html");
    assert!(
        unit_page.contains("reports/2026/jawa-tengah/")
            && unit_page.contains("reports/units/jawa-tengah/"),
        "the unit page links its newest report and its list of reports"
    );
}

#[test]
fn a_failed_build_reports_the_problem_and_leaves_the_site_as_it_was() {
    let site = fixture();
    let first = site.build();
    first.success();
    let before = first.file_list();
    let site = site.agreement(
        Agreement::pks("2026-pks-yatim")
            .parent("2099-mou-tidak-ada")
            .signed("2026-01-05")
            .expires("2027-01-04")
            .partner("Yayasan", "ngo"),
    );
    let second = site.build();
    second
        .run
        .exit_status(1)
        .stderr_contains("unknown-reference")
        .stderr_contains("agreements/2026-pks-yatim.md:");
    let before: Vec<&str> = before.iter().map(String::as_str).collect();
    second.check_file_list(&before);
}

#[test]
fn check_passes_the_fixture_with_a_summary() {
    let run = fixture().check(&[]);
    run.success().stderr_is("");
    common::assert_snapshot("check_summary", &run.stdout());
}

/// A regency reports to its province every month: it has a page for each
/// recent month with something in it, beside its province's, and a year
/// page for earlier years.
#[test]
fn a_regency_gets_a_report_for_each_recent_month_with_something_in_it() {
    let site = SiteTest::new()
        .today("2026-11-01")
        .unit(Unit::province("jawa-tengah", "KPU Provinsi Jawa Tengah"))
        .unit(Unit::regency("jawa-tengah/sragen", "KPU Kabupaten Sragen"))
        .agreement(
            Agreement::mou("2024-mou-uns")
                .in_unit("jawa-tengah/sragen")
                .signed("2024-02-01")
                .expires("2028-01-31")
                .partner("Universitas Sebelas Maret", "university")
                .activity("2026-09-15", "Sosialisasi pemilih pemula")
                .activity("2026-10-03", "Pelatihan relawan demokrasi"),
        );
    let built = site.build();
    built.success();
    let reports: Vec<String> = built
        .file_list()
        .into_iter()
        .filter(|f| f.contains("sragen/index.html") && f.starts_with("reports/20"))
        .collect();
    assert_eq!(
        reports,
        [
            "reports/2024/jawa-tengah/sragen/index.html",
            "reports/2026-09/jawa-tengah/sragen/index.html",
            "reports/2026-10/jawa-tengah/sragen/index.html",
        ]
    );
    let october = built.read("reports/2026-10/jawa-tengah/sragen/index.html");
    assert!(october.contains("Pelatihan relawan demokrasi"), "{october}");
    assert!(!october.contains("Sosialisasi pemilih pemula"), "{october}");
    assert!(
        october.contains("KPU Kabupaten Sragen — Oktober 2026"),
        "{october}"
    );
    for file in ["report.csv", "report.json"] {
        assert!(
            built
                .out
                .join("reports/units/jawa-tengah/sragen")
                .join(file)
                .is_file()
        );
    }
}

#[test]
fn the_report_of_the_month_in_progress_covers_it_up_to_the_build_day() {
    let site = SiteTest::new()
        .today("2026-11-10")
        .unit(Unit::province("jawa-tengah", "KPU Provinsi Jawa Tengah"))
        .unit(Unit::regency("jawa-tengah/sragen", "KPU Kabupaten Sragen"))
        .unit(Unit::regency("jawa-tengah/blora", "KPU Kabupaten Blora"))
        .agreement(
            Agreement::mou("2024-mou-uns")
                .in_unit("jawa-tengah/sragen")
                .signed("2024-02-01")
                .expires("2028-01-31")
                .partner("Universitas Sebelas Maret", "university")
                .activity("2026-11-05", "Sosialisasi pemilih pemula")
                .activity("2026-11-25", "Pelatihan relawan demokrasi"),
        )
        .agreement(
            Agreement::mou("2024-mou-unnes")
                .in_unit("jawa-tengah/blora")
                .signed("2024-02-01")
                .expires("2028-01-31")
                .partner("Universitas Negeri Semarang", "university")
                .activity("2026-11-20", "Lokakarya data pemilih"),
        );
    let built = site.build();
    built.success();
    let november = built.read("reports/2026-11/jawa-tengah/sragen/index.html");
    assert!(
        november.contains("Keadaan per 10 November 2026 (masih berjalan)"),
        "{november}"
    );
    assert!(
        november.contains("Sosialisasi pemilih pemula"),
        "{november}"
    );
    assert!(
        !november.contains("Pelatihan relawan demokrasi"),
        "{november}"
    );
    assert!(november.contains("Temuan sejauh ini"), "{november}");
    let json = built.read("reports/units/jawa-tengah/sragen/report.json");
    assert!(json.contains("\"as_of\":\"2026-11-10\""), "{json}");
    // Blora's only activity this month lies ahead: no report yet.
    assert!(
        !built
            .out
            .join("reports/2026-11/jawa-tengah/blora/index.html")
            .exists()
    );
}
