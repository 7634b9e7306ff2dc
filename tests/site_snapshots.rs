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
        .agreement(
            Agreement::mou("2025-mou-uns")
                .title("Nota Kesepahaman tentang Pendidikan Pemilih")
                .number("01/PR.07-NK/01/2025")
                .topics(&["pendidikan pemilih"])
                .planning("2025-01-06")
                .signed("2025-03-10")
                .expires("2029-03-09")
                .partner("Universitas Sebelas Maret", "university")
                .activity("2026-10-01", "Sosialisasi pemilih pemula")
                .evaluation("2026-06-01", "on-track")
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
        .snapshot_main("page_list_all", "lists/all/index.html")
        .snapshot_main(
            "page_list_by_expiry",
            "lists/status/active/expires/index.html",
        )
        .snapshot_main("page_findings", "findings/index.html")
        .snapshot_main("page_monev", "monev/index.html")
        .snapshot_main("page_downloads", "data/index.html")
        .snapshot_main("page_search", "search/index.html");
}

#[test]
fn every_download_matches_its_snapshot() {
    let site = fixture();
    let built = site.build();
    built
        .success()
        .snapshot("download_agreements_json", "data/agreements.json")
        .snapshot("download_agreement_json", "2025-mou-uns/index.json")
        .snapshot("download_agreements_csv", "data/agreements.csv")
        .snapshot("download_feed_site", "data/feed.xml")
        .snapshot("download_feed_unit", "units/jawa-tengah/feed.xml")
        .snapshot(
            "download_feed_partner",
            "partners/universitas-sebelas-maret/feed.xml",
        )
        .snapshot("download_calendar_site", "data/calendar.ics")
        .snapshot("download_calendar_unit", "units/calendar.ics")
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
        .snapshot("search_facet_kind", "search/f/kind/0.json");
    assert_eq!(built.read("files/uns.txt"), "Naskah kerja sama.\n");
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
