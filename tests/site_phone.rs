//! What the site states must hold on a phone and when a page is shared:
//! stacked rows keep their column labels, an agreement's own headings sit
//! below the page's, Indonesian content is marked as such under an English
//! interface, pages carry what link previews and search engines read, and
//! lists and sitemaps say only what is true.

mod common;

use common::{Agreement, SiteTest, Unit};

const ENGLISH: &str =
    "[site]\ntitle = \"Uji\"\nbase_url = \"https://example.org/kerjasama\"\nlanguage = \"en\"\n";

fn active(id: &str) -> Agreement {
    Agreement::mou(id)
        .signed("2025-03-10")
        .expires("2027-03-09")
        .partner("Universitas Sebelas Maret", "university")
}

#[test]
fn stacked_rows_and_the_revision_history_keep_their_column_labels() {
    let test = SiteTest::new().agreement(
        active("2025-mou-uns")
            .activity("2025-06-10", "Sosialisasi pemilih pemula")
            .evaluation("2025-09-10", "on-track"),
    );
    let built = test.build();
    built.success();
    let list = built.read("lists/in-force/index.html");
    assert!(
        list.contains("<table class=\"stack agreements\">"),
        "{list}"
    );
    let css = built.read("assets/style.css");
    assert!(css.starts_with("/*") && css.contains("@import url(\"labels.css\");"));
    let phone = &css[css
        .find("@media (max-width: 40rem)")
        .expect("a phone layout")..];
    assert!(
        phone.contains("table.stack tr { display: block;"),
        "the revision history and the scorecard stack instead of clipping: {phone}"
    );
    // Each stacked cell is labelled with its column's heading on a wide
    // screen, read from the built pages themselves.
    let labels = built.read("assets/labels.css");
    for (table, page) in [
        ("agreements", "lists/in-force/index.html"),
        ("scorecard", "units/index.html"),
        ("report-activities", "reports/2025/index.html"),
        ("report-evaluations", "reports/2025/index.html"),
    ] {
        let headings = column_headings(&built.read(page), table);
        assert!(headings.len() > 3, "{table}: {headings:?}");
        for (n, heading) in headings.iter().enumerate().skip(1) {
            let rule = format!(
                "table.{table} td:nth-child({}):not(:empty)::before {{ content: \"{heading}: \"; }}",
                n + 1
            );
            assert!(labels.contains(&rule), "{rule} in {labels}");
        }
    }
    assert!(
        labels.contains("content: \"Tahap terakhir: \""),
        "an unsigned agreement's stage date is never labelled as signed: {labels}"
    );
    assert!(
        labels.contains("table.revisions td:nth-child(3)"),
        "{labels}"
    );

    let english = SiteTest::new()
        .config(ENGLISH)
        .agreement(active("2025-mou-uns"));
    let built = english.build();
    built.success();
    assert!(
        built
            .read("assets/labels.css")
            .contains("content: \"Expires: \"")
    );
}

#[test]
fn an_agreements_headings_sit_below_the_pages_own() {
    let test = SiteTest::new().agreement(
        active("2025-mou-uns")
            .body("# Maksud\n\nTeks.\n\n## Rincian\n\nTeks.\n\n###### Catatan\n\nTeks.\n"),
    );
    let built = test.build();
    built.success();
    let page = built.read("2025-mou-uns/index.html");
    assert!(page.contains("<h2 id=\"text-h\">"), "{page}");
    assert!(page.contains("<h3>Maksud</h3>"), "{page}");
    assert!(page.contains("<h4>Rincian</h4>"), "{page}");
    assert!(page.contains("<h6>Catatan</h6>"), "capped at h6: {page}");
    assert!(!page.contains("<h1>Maksud"), "{page}");
}

#[test]
fn an_english_interface_marks_the_indonesian_content() {
    let test = SiteTest::new()
        .config(ENGLISH)
        .agreement(active("2025-mou-uns").body("Naskah kerja sama.\n"));
    let built = test.build();
    built.success();
    let page = built.read("2025-mou-uns/index.html");
    assert!(page.contains("<html lang=\"en\">"), "{page}");
    assert!(
        page.contains("<h1 lang=\"id\">Nota Kesepahaman 2025-mou-uns</h1>"),
        "{page}"
    );
    assert!(page.contains("<div class=\"prose\" lang=\"id\">"), "{page}");
    let list = built.read("lists/in-force/index.html");
    assert!(
        list.contains("<td lang=\"id\"><a href=\"/kerjasama/2025-mou-uns/\">"),
        "{list}"
    );
    let search = built.read("search/index.html");
    assert!(search.contains("data-content-lang=\"id\""), "{search}");
    assert!(search.contains("&quot;January&quot;"), "{search}");

    let indonesian = SiteTest::new().agreement(active("2025-mou-uns"));
    let built = indonesian.build();
    built.success();
    let page = built.read("2025-mou-uns/index.html");
    assert_eq!(
        page.matches("lang=\"id\"").count(),
        1,
        "only the page itself says Indonesian when all is: {page}"
    );
    assert!(
        built
            .read("search/index.html")
            .contains("&quot;Januari&quot;")
    );
}

#[test]
fn shared_pages_carry_a_description_canonical_address_and_icon() {
    let test = SiteTest::new()
        .agreement(active("2025-mou-uns").summary("Kerja sama pendidikan pemilih dengan UNS."));
    let built = test.build();
    built.success();
    let page = built.read("2025-mou-uns/index.html");
    for tag in [
        "<meta name=\"description\" content=\"Kerja sama pendidikan pemilih dengan UNS.\">",
        "<link rel=\"canonical\" href=\"https://example.org/kerjasama/2025-mou-uns/\">",
        "<meta property=\"og:url\" content=\"https://example.org/kerjasama/2025-mou-uns/\">",
        "<meta property=\"og:type\" content=\"article\">",
        "<meta property=\"og:title\" content=\"Nota Kesepahaman 2025-mou-uns\">",
        "<meta property=\"og:site_name\" content=\"Uji\">",
        "<link rel=\"icon\" href=\"/kerjasama/assets/favicon.svg\" type=\"image/svg+xml\">",
    ] {
        assert!(page.contains(tag), "{tag} in {page}");
    }
    assert!(built.read("assets/favicon.svg").starts_with("<svg"));
    let home = built.read("index.html");
    assert!(home.contains("<link rel=\"canonical\" href=\"https://example.org/kerjasama/\">"));
    assert!(home.contains("<meta property=\"og:type\" content=\"website\">"));
    let missing = built.read("404.html");
    assert!(
        !missing.contains("rel=\"canonical\""),
        "the error page is served at any address"
    );
}

#[test]
fn the_footer_hides_its_links_with_their_separators_in_print() {
    let built_test = SiteTest::new().agreement(active("2025-mou-uns"));
    let built = built_test.build();
    built.success();
    let home = built.read("index.html");
    let footer = &home[home.find("<footer").expect("a footer")..];
    assert!(
        footer.contains("2026<span class=\"footer-links\"> · <a "),
        "{footer}"
    );
    let css = built.read("assets/style.css");
    let print = &css[css.find("@media print").expect("a print layout")..];
    assert!(print.contains(".footer-links"), "{print}");
    assert!(!print.contains(".site-footer a"), "{print}");
}

#[test]
fn the_in_force_list_holds_only_agreements_in_force_soonest_end_first() {
    let test = SiteTest::new()
        .agreement(active("2025-mou-berlaku"))
        .agreement(
            Agreement::mou("2024-mou-segera")
                .signed("2024-01-10")
                .expires("2026-12-20")
                .partner("Universitas Sebelas Maret", "university"),
        )
        .agreement(
            Agreement::mou("2020-mou-lama")
                .signed("2020-01-10")
                .expires("2021-01-09")
                .partner("Universitas Sebelas Maret", "university"),
        );
    let built = test.build();
    built.success();
    let in_force = built.read("lists/in-force/index.html");
    let soon = in_force
        .find("2024-mou-segera/")
        .expect("the expiring one is in force");
    let later = in_force
        .find("2025-mou-berlaku/")
        .expect("the active one is in force");
    assert!(soon < later, "soonest end first: {in_force}");
    assert!(!in_force.contains("2020-mou-lama/"), "{in_force}");
    assert!(
        in_force.contains("<span class=\"count\">2</span>"),
        "{in_force}"
    );
    assert!(
        in_force.contains("yang paling cepat berakhir lebih dulu"),
        "{in_force}"
    );
    // The expired one is still listed, newest first, under its status.
    assert!(
        built
            .read("lists/status/expired/index.html")
            .contains("2020-mou-lama/")
    );
    assert!(
        !built
            .file_list()
            .iter()
            .any(|f| f.starts_with("lists/all/"))
    );
}

#[test]
fn list_indexes_follow_the_translated_labels() {
    let test = SiteTest::new()
        .config(ENGLISH)
        .agreement(active("2025-mou-a").partner("Kompas", "media"))
        .agreement(active("2025-mou-b").partner("Kementerian Dalam Negeri", "ministry"))
        .agreement(active("2025-mou-c").partner("Perludem", "ngo"));
    let built = test.build();
    built.success();
    let index = built.read("lists/index.html");
    let at = |label: &str| {
        index
            .find(&format!(">{label}</a>"))
            .unwrap_or_else(|| panic!("{label} in {index}"))
    };
    // "ngo" reads "Civil society organisation": first in English.
    assert!(at("Civil society organisation") < at("Media"), "{index}");
    assert!(at("Media") < at("Ministry"), "{index}");
    assert!(at("Ministry") < at("University"), "{index}");
}

#[test]
fn the_sitemap_dates_agreement_pages_from_git_and_nothing_else() {
    let test = SiteTest::new()
        .unit(Unit::national("KPU Republik Indonesia"))
        .agreement(active("2025-mou-uns"));
    test.repo.git(&["init", "-q", "-b", "main"]);
    test.repo.git(&["add", "-A"]);
    test.repo.git(&[
        "commit",
        "-q",
        "--date",
        "2026-03-09T10:00:00+07:00",
        "-m",
        "Add the UNS MoU",
    ]);
    let built = test.build();
    built.success();
    let sitemap = built.read("sitemap.xml");
    assert!(
        sitemap.contains("<url><loc>https://example.org/kerjasama/2025-mou-uns/</loc><lastmod>2026-03-09</lastmod></url>"),
        "{sitemap}"
    );
    assert!(
        sitemap.contains("<url><loc>https://example.org/kerjasama/</loc></url>"),
        "pages gathering many files have no date: {sitemap}"
    );

    let untracked = SiteTest::new().agreement(active("2025-mou-uns"));
    let built = untracked.build();
    built.success();
    assert!(!built.read("sitemap.xml").contains("<lastmod>"));
}

/// The texts of the column headings of the first table of `class` in a
/// page.
fn column_headings(page: &str, class: &str) -> Vec<String> {
    let start = page
        .find(&format!(" {class}\">"))
        .unwrap_or_else(|| panic!("a table of class {class}: {page}"));
    let head = &page[start..];
    let head = &head[head.find("<thead>").expect("a heading row") + "<thead>".len()
        ..head.find("</thead>").expect("the end of the heading row")];
    head.split("<th")
        .skip(1)
        .map(|cell| {
            let text = &cell[cell.find('>').unwrap() + 1..cell.find("</th>").unwrap()];
            text.trim().to_string()
        })
        .collect()
}

#[test]
fn the_footer_labels_its_date_timeline_dates_keep_to_one_line_and_a_report_prints_on_a4() {
    let test = SiteTest::new()
        .today("2026-11-01")
        .agreement(active("2025-mou-uns").activity("2026-10-10", "Sosialisasi pemilih pemula"));
    let built = test.build();
    built.success();
    let home = built.read("index.html");
    assert!(home.contains("Diperbarui 1 November 2026"), "{home}");
    let css = built.read("assets/style.css");
    assert!(
        css.contains(".timeline .when { white-space: nowrap; }"),
        "{css}"
    );
    let print = &css[css.find("@media print").expect("a print stylesheet")..];
    for rule in [
        "@page { size: A4;",
        "counter(page)",
        ".breadcrumbs, .follow, .site-footer { display: none; }",
        ".print-running { display: block; position: fixed;",
        ".main-nav",
    ] {
        assert!(print.contains(rule), "{rule} in {print}");
    }
    let report = built.read("reports/2026-10/index.html");
    assert!(
        report.contains("<p class=\"print-running\" aria-hidden=\"true\">Laporan Kerja Sama — "),
        "the unit and month on every printed page: {report}"
    );
}
