//! The monev page, unit scorecards and completeness lists, from a built
//! site: the numbers a chart draws are the numbers of its table, the
//! scorecard counts what the formulas say, and a record's gaps are listed.

mod common;

use common::{Agreement, SiteTest, Unit};

fn site() -> SiteTest {
    SiteTest::new()
        .today("2026-11-01")
        .unit(Unit::province("jawa-tengah", "KPU Provinsi Jawa Tengah"))
        .unit(Unit::province("jawa-timur", "KPU Provinsi Jawa Timur"))
        .agreement(
            // A PKS on the deadline day (six months after the MoU).
            Agreement::mou("jawa-tengah/2025-mou-uns")
                .signed("2025-01-31")
                .duration_months(48)
                .number("01/NK/2025")
                .partner("Universitas Sebelas Maret", "university")
                .document_url("Naskah", "https://example.org/naskah")
                .activity("2026-05-01", "Sosialisasi")
                .table(
                    "evaluations",
                    &[
                        ("date", "2025-11-01"),
                        ("result", "\"partial\""),
                        ("obstacles", "[\"anggaran\", \"koordinasi\"]"),
                    ],
                ),
        )
        .agreement(
            Agreement::pks("jawa-tengah/2025-pks-uns")
                .parent("jawa-tengah/2025-mou-uns")
                .signed("2025-07-31")
                .duration_months(24)
                .partner("Universitas Sebelas Maret", "university")
                .activity("2026-04-30", "Pelatihan")
                .table(
                    "evaluations",
                    &[
                        ("date", "2026-09-01"),
                        ("result", "\"on-track\""),
                        ("obstacles", "[\"anggaran\"]"),
                    ],
                ),
        )
        .agreement(
            // No PKS, deadline long past.
            Agreement::mou("jawa-timur/2024-mou-media")
                .signed("2024-01-10")
                .expires("2028-01-09")
                .partner("Harian Jatim", "media")
                .evaluation("2025-10-31", "not-implemented"),
        )
}

/// The text between each `open` and the next `close` after it.
fn between<'a>(text: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    text.split(open)
        .skip(1)
        .map(|rest| &rest[..rest.find(close).expect("closed")])
        .collect()
}

#[test]
fn every_chart_has_a_heading_and_draws_the_numbers_of_its_table() {
    let site = site();
    let built = site.build();
    built.success();
    let page = built.read("monev/index.html");
    let figures = between(&page, "<figure class=\"chart-figure\"", "</figure>");
    assert_eq!(figures.len(), 6, "six charts on the monev page");
    for figure in figures {
        // A heading above the picture names it.
        assert!(figure.contains("<h3 id=\"chart-"), "{figure}");
        if figure.contains("class=\"chart-empty\"") {
            assert!(!figure.contains("<svg"), "{figure}");
            continue;
        }
        let svg = &figure[..figure.find("</svg>").expect("an inline SVG")];
        let drawn: Vec<&str> = between(svg, "class=\"chart-value\"", "<")
            .into_iter()
            .map(|t| &t[t.find('>').expect("tag end") + 1..])
            .collect();
        // Each row's last number is its bar's (a stacked bar's total).
        let table = &figure[figure.find("<tbody>").expect("a table")..];
        let listed: Vec<&str> = between(table, "<tr>", "</tr>")
            .into_iter()
            .map(|row| {
                *between(row, "<td class=\"num\">", "</td>")
                    .last()
                    .expect("a number")
            })
            .collect();
        assert_eq!(drawn, listed, "chart and table differ in {figure}");
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("<title id=") && svg.contains("<desc id="));
    }
}

#[test]
fn the_scorecard_counts_by_its_formulas() {
    let site = site();
    let built = site.build();
    built.success();
    let province = built.read("units/jawa-tengah/index.html");
    let rows = between(&province, "<th scope=\"row\">", "</tr>");
    // The PKS came on the deadline day: on time.
    assert!(
        rows[0].contains("100%") && rows[0].contains("1 / 1"),
        "{}",
        rows[0]
    );
    // The activity of 30 April is one day before the six-month window.
    assert!(
        rows[1].contains("50%") && rows[1].contains("1 / 2"),
        "{}",
        rows[1]
    );
    // The evaluation of 1 November 2025 is the window's first day.
    assert!(
        rows[2].contains("100%") && rows[2].contains("2 / 2"),
        "{}",
        rows[2]
    );

    let root = built.read("units/index.html");
    let ranking = &root[root
        .find("<tbody><tr><td class=\"num\">1</td>")
        .expect("a ranking")..];
    let first = ranking.find("Jawa Tengah").expect("ranked");
    let second = ranking.find("Jawa Timur").expect("ranked");
    assert!(first < second, "the better card ranks first");

    let monev = built.read("monev/index.html");
    let obstacles = between(&monev, "<ol class=\"obstacles\">", "</ol>")[0];
    assert!(obstacles.find("Anggaran") < obstacles.find("Koordinasi"));
    assert!(
        obstacles.contains("2 evaluasi, 2 perjanjian"),
        "{obstacles}"
    );
}

#[test]
fn an_agreement_page_lists_what_its_record_lacks() {
    let site = site();
    let built = site.build();
    built.success();
    let pks = built.read("jawa-tengah/2025-pks-uns/index.html");
    let gaps = between(&pks, "<ul class=\"gaps\">", "</ul>")[0];
    for present in [
        "gap-signed-text",
        "gap-number",
        "gap-signatories",
        "gap-evaluation-period",
    ] {
        assert!(gaps.contains(&label(present, None)), "{present}: {gaps}");
    }
    assert!(!gaps.contains(&label("gap-term", None)), "{gaps}");
}

/// The catalog's text for `key` as a page writes it (HTML-escaped), with
/// `{n}` filled in.
fn label(key: &str, n: Option<u32>) -> String {
    let texts = pakta_content::i18n::Catalog::default_for(pakta_content::i18n::Lang::Id).flatten();
    let text = texts.text(key).to_string();
    let text = match n {
        Some(n) => text.replace("{n}", &n.to_string()),
        None => text,
    };
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[test]
fn a_unit_page_says_what_each_figure_counts_and_where_its_card_ranks() {
    let site = site();
    let built = site.build();
    built.success();
    // The root: its figures cover the two provinces, and it offers its own
    // agreements (none) beside them.
    let root = built.read("units/index.html");
    assert!(
        root.contains(&label("unit-figures-subtree", Some(2))),
        "{root}"
    );
    let table = between(&root, "<table class=\"compact own-and-below\">", "</table>");
    assert_eq!(table.len(), 1, "{root}");
    assert!(
        table[0].contains(&format!(
            "<tr><td>{}</td><td class=\"num\">0</td><td class=\"num\">3</td></tr>",
            label("agreements", None)
        )),
        "{}",
        table[0]
    );
    assert!(
        table[0].contains(&format!(
            "<tr><td>{}</td><td class=\"num\">0</td><td class=\"num\">1</td></tr>",
            label("headline-needs-pks", None)
        )),
        "{}",
        table[0]
    );
    assert!(root.contains(&label("findings-own-only", None)), "{root}");

    // A province: its own score and its rank among the provinces, the
    // scorecard's population, and the findings' rule with the grace period.
    let province = built.read("units/jawa-tengah/index.html");
    assert!(
        !province.contains("own-and-below"),
        "no units below: one count"
    );
    assert!(province.contains(&label("unit-figures-own", None)));
    assert!(province.contains(&label("scorecard-scope", None)));
    let line = between(&province, "<p class=\"score-line\">", "</p>");
    assert_eq!(line.len(), 1, "{province}");
    assert!(
        line[0].starts_with("<strong>Nilai: 63</strong> · Peringkat 1 dari 2 satuan kerja di bawah <a href=\"/kerjasama/units/\">"),
        "{}",
        line[0]
    );
    assert!(province.contains(&label("findings-rule", Some(6))));
    assert!(province.contains(&label("formula-evaluated", None)));
    assert!(province.contains(&label("score-expiring-without-renewal", None)));
    assert_ne!(
        label("score-expiring-without-renewal", None),
        label("flag-expired", None),
        "figures that measure different things have different names"
    );
}

#[test]
fn signings_stack_by_kind_on_a_year_axis_and_months_are_written_in_words() {
    let site = site();
    let built = site.build();
    built.success();
    let page = built.read("monev/index.html");
    let signings = between(
        &page,
        "<figure class=\"chart-figure\" aria-labelledby=\"chart-signings-h\">",
        "</figure>",
    )[0];
    // One bar a year (2024 and 2025), the kinds in a legend.
    let labels = between(signings, "class=\"chart-label\"", "<");
    let labels: Vec<&str> = labels
        .iter()
        .map(|t| &t[t.find('>').expect("tag end") + 1..])
        .collect();
    assert_eq!(labels, ["2024", "2025"], "{signings}");
    assert!(
        signings.contains(">Nota Kesepahaman (MoU)</text>"),
        "{signings}"
    );
    assert!(
        signings.contains(">Perjanjian Kerja Sama (PKS)</text>"),
        "{signings}"
    );
    assert!(
        signings.contains("<tr><td>2025</td><td class=\"num\">1</td><td class=\"num\">1</td><td class=\"num\">0</td><td class=\"num\">0</td><td class=\"num\">2</td></tr>"),
        "{signings}"
    );
    let activities = between(
        &page,
        "aria-labelledby=\"chart-activities-h\">",
        "</figure>",
    )[0];
    assert!(activities.contains(">November 2026</text>"), "{activities}");
    assert!(!activities.contains(">2026-11<"), "{activities}");
}

#[test]
fn a_chart_without_data_says_so() {
    let site = SiteTest::new().today("2026-11-01").agreement(
        Agreement::mou("2025-mou-uns")
            .signed("2025-01-31")
            .expires("2029-01-30")
            .partner("Universitas Sebelas Maret", "university"),
    );
    let built = site.build();
    built.success();
    let page = built.read("monev/index.html");
    let obstacles = between(&page, "aria-labelledby=\"chart-obstacles-h\">", "</figure>")[0];
    assert!(
        obstacles.contains("<p class=\"chart-empty\">Belum ada data untuk grafik ini.</p>"),
        "{obstacles}"
    );
    assert!(!obstacles.contains("<svg"), "{obstacles}");
}
