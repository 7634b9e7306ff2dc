//! Text that once crashed or corrupted the site: very long words,
//! multibyte addresses, control characters, partner names that differ
//! only by an accent, and the Content-Security-Policy every page carries.

mod common;

use std::path::Path;

use common::{Repo, TODAY, VALID_AGREEMENT, position, stderr};

fn build(repo: &Repo) -> std::process::Output {
    let out = repo.path("public");
    repo.pakta(&[
        "build",
        "--today",
        TODAY,
        "--out",
        out.to_str().expect("utf-8 path"),
    ])
}

fn files_under(dir: &Path, ext: &str, found: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, ext, found);
        } else if path.extension().is_some_and(|e| e == ext) {
            found.push(path);
        }
    }
}

fn control_errors(diagnostics: &[serde_json::Value]) -> Vec<(u64, u64)> {
    let mut at: Vec<(u64, u64)> = diagnostics
        .iter()
        .filter(|d| d["code"] == "control-character")
        .map(|d| (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap()))
        .collect();
    at.sort();
    at
}

#[test]
fn a_30000_character_word_in_any_text_checks_and_builds() {
    let word = "a".repeat(30_000);
    let accented = "é".repeat(30_000);
    let text = VALID_AGREEMENT
        .replace(
            "title = \"Nota Kesepahaman tentang Pendidikan Pemilih\"",
            &format!("title = \"Nota {word}\"\nsummary = \"Ringkas {accented}\""),
        )
        .replace(
            "name = \"Universitas Sebelas Maret\"",
            &format!("name = \"Universitas {word}\""),
        )
        .replace(
            "title = \"Sosialisasi pemilih pemula\"",
            &format!("title = \"Sosialisasi {word}\"\ndescription = \"{accented}\""),
        )
        .replace(
            "result = \"on-track\"",
            &format!("result = \"on-track\"\nnotes = \"{word}\""),
        )
        .replace(
            "Kerja sama pendidikan pemilih.",
            &format!("Teks {word} dan **{accented}** [{word}](https://x.org/{word})."),
        );
    let repo = Repo::minimal();
    repo.write("agreements/2025-mou-panjang.md", &text);
    let (code, diagnostics) = repo.check_json();
    assert_eq!(code, 0, "{diagnostics:?}");
    let output = build(&repo);
    assert!(output.status.success(), "{}", stderr(&output));
    let page = repo.read("public/2025-mou-panjang/index.html");
    assert!(page.contains(&word), "the long word is on the page");
    let mut partner_pages = Vec::new();
    files_under(&repo.path("public/partners"), "html", &mut partner_pages);
    assert!(
        partner_pages
            .iter()
            .all(|p| p.file_name().unwrap().len() < 100
                && p.parent().unwrap().file_name().unwrap().len() <= 80),
        "{partner_pages:?}"
    );
}

#[test]
fn multibyte_addresses_are_invalid_urls_not_panics() {
    let repo = Repo::minimal();
    let unit = "name = \"KPU RI\"\nlevel = \"national\"\nwebsite = \"aéééé\"\n";
    repo.write("agreements/_unit.toml", unit);
    let agreement = VALID_AGREEMENT
        .replace(
            "category = \"university\"",
            "category = \"university\"\nwebsite = \"éééééééé\"",
        )
        .replace(
            "title = \"Sosialisasi pemilih pemula\"",
            "title = \"Sosialisasi pemilih pemula\"\nurl = \"httpé://x.org\"",
        );
    repo.write("agreements/2025-mou-a.md", &agreement);
    let (code, diagnostics) = repo.check_json();
    assert_eq!(code, 1, "{diagnostics:?}");
    let mut found: Vec<(String, u64, u64)> = diagnostics
        .iter()
        .filter(|d| d["code"] == "invalid-url")
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect();
    found.sort();
    let (unit_line, unit_column) = position(unit, "\"aéééé\"");
    let (site_line, site_column) = position(&agreement, "\"éééééééé\"");
    let (url_line, url_column) = position(&agreement, "\"httpé");
    assert_eq!(
        found,
        [
            ("agreements/2025-mou-a.md".into(), site_line, site_column),
            ("agreements/2025-mou-a.md".into(), url_line, url_column),
            ("agreements/_unit.toml".into(), unit_line, unit_column),
        ]
    );
    let output = build(&repo);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
}

#[test]
fn control_characters_are_reported_where_they_are() {
    let agreement = VALID_AGREEMENT
        .replace(
            "title = \"Nota Kesepahaman tentang Pendidikan Pemilih\"",
            "title = \"Nota\\u0007Kesepahaman\"\nsummary = \"Dua\\nbaris\\tdengan tab\"",
        )
        .replace(
            "name = \"Universitas Sebelas Maret\"",
            "name = \"\\u0001Universitas\"",
        )
        .replace(
            "result = \"on-track\"",
            "result = \"on-track\"\nnotes = \"baik\\uFFFF\"\nobstacles = \"satu\\nbaris\"",
        )
        .replace(
            "title = \"Sosialisasi pemilih pemula\"",
            "title = \"Sosialisasi\\npemula\"",
        )
        .replace(
            "Kerja sama pendidikan pemilih.",
            "Kerja sama\tpendidikan.\r\nBaris \u{1b}[31m merah.\n\nLagi \u{7f}.",
        );
    let repo = Repo::minimal();
    repo.write("agreements/2025-mou-kontrol.md", &agreement);
    repo.write(
        "agreements/_unit.toml",
        "name = \"KPU\\u0000RI\"\nlevel = \"national\"\n",
    );
    let (code, diagnostics) = repo.check_json();
    assert_eq!(code, 1, "{diagnostics:?}");
    let in_agreement: Vec<serde_json::Value> = diagnostics
        .iter()
        .filter(|d| d["file"] == "agreements/2025-mou-kontrol.md")
        .cloned()
        .collect();
    let mut expected = vec![
        position(&agreement, "\\u0007"),
        position(&agreement, "\\u0001"),
        position(&agreement, "\\uFFFF"),
        position(&agreement, "\\npemula"),
        position(&agreement, "\u{1b}"),
        position(&agreement, "\u{7f}"),
    ];
    expected.sort();
    assert_eq!(control_errors(&in_agreement), expected, "{in_agreement:?}");
    let in_unit: Vec<serde_json::Value> = diagnostics
        .iter()
        .filter(|d| d["file"] == "agreements/_unit.toml")
        .cloned()
        .collect();
    assert_eq!(control_errors(&in_unit), [(1, 12)], "{in_unit:?}");
    let human = repo.pakta(&["check", "--today", TODAY]);
    let printed = stderr(&human);
    assert!(printed.contains("control character U+001B"), "{printed}");
    assert!(printed.contains("Baris \u{241b}[31m"), "{printed}");
    assert!(
        !printed.contains('\u{1b}'),
        "a raw escape reached the terminal"
    );
}

#[test]
fn feeds_and_calendars_stay_well_formed_with_unusual_text() {
    let repo = Repo::minimal();
    let agreement = VALID_AGREEMENT
        .replace(
            "title = \"Nota Kesepahaman tentang Pendidikan Pemilih\"",
            "title = \"Nota <b>&amp; \\\"kutip\\\" 'satu'\\tÉmile 日本 \u{1F600}\"\nsummary = \"]]> <![CDATA[ x\\r\\ny\"",
        )
        .replace(
            "name = \"Universitas Sebelas Maret\"",
            "name = \"Émile & <Mile>\"",
        );
    repo.write("agreements/2025-mou-xml.md", &agreement);
    let output = build(&repo);
    assert!(output.status.success(), "{}", stderr(&output));
    let mut xml_files = Vec::new();
    files_under(&repo.path("public"), "xml", &mut xml_files);
    assert!(xml_files.len() >= 3, "{xml_files:?}");
    for file in &xml_files {
        let text = std::fs::read_to_string(file).expect("read feed");
        let document = roxmltree::Document::parse(&text)
            .unwrap_or_else(|e| panic!("{} is not well-formed: {e}", file.display()));
        if file.ends_with("data/feed.xml") {
            let title = document
                .descendants()
                .filter(|n| n.has_tag_name("title"))
                .nth(1)
                .and_then(|n| n.text())
                .expect("an entry title");
            assert_eq!(
                title,
                "Nota <b>&amp; \"kutip\" 'satu'\tÉmile 日本 \u{1F600}"
            );
        }
    }
    let calendar = repo.read("public/data/calendar.ics");
    assert!(
        calendar
            .chars()
            .all(|c| !c.is_control() || matches!(c, '\r' | '\n' | '\t')),
        "{calendar:?}"
    );
}

#[test]
fn names_that_differ_by_more_than_accents_get_their_own_partner_pages() {
    let repo = Repo::minimal();
    let with_partner = |name: &str| {
        VALID_AGREEMENT
            .replace(
                "name = \"Universitas Sebelas Maret\"",
                &format!("name = \"{name}\""),
            )
            .replace("01/PR.07-NK/01/2025", name)
    };
    repo.write("agreements/2025-mou-emile.md", with_partner("Émile"));
    repo.write("agreements/2025-mou-emile-2.md", with_partner("EMILE"));
    repo.write("agreements/2025-mou-mile.md", with_partner("Mile"));
    repo.write("agreements/2025-mou-lodz.md", with_partner("Łódź"));
    repo.write("agreements/2025-mou-lodz-2.md", with_partner("Lodz"));
    repo.write("agreements/2025-mou-jingda.md", with_partner("京大"));
    repo.write("agreements/2025-mou-jingda-2.md", with_partner("Jing Da"));
    let output = build(&repo);
    assert!(output.status.success(), "{}", stderr(&output));
    let emile = repo.read("public/partners/emile/index.html");
    assert!(emile.contains("2025-mou-emile/") && emile.contains("2025-mou-emile-2/"));
    assert!(!emile.contains("2025-mou-mile/"));
    let mile = repo.read("public/partners/mile/index.html");
    assert!(mile.contains("2025-mou-mile/") && !mile.contains("2025-mou-emile/"));
    // A stroke folds like an accent: "Łódź" and "Lodz" are one partner.
    let lodz = repo.read("public/partners/lodz/index.html");
    assert!(lodz.contains("2025-mou-lodz-2/") && lodz.contains("2025-mou-lodz/"));
    // "Jing Da" sorts before "京大", so it keeps the plain slug.
    let jing_da = repo.read("public/partners/jing-da/index.html");
    assert!(jing_da.contains("2025-mou-jingda-2/") && !jing_da.contains("2025-mou-jingda/"));
    let jing_da_2 = repo.read("public/partners/jing-da-2/index.html");
    assert!(jing_da_2.contains("2025-mou-jingda/"));
    let agreement = repo.read("public/2025-mou-jingda/index.html");
    assert!(
        agreement.contains("partners/jing-da-2/"),
        "the agreement links its own partner"
    );
}

#[test]
fn every_page_carries_the_content_security_policy_and_nothing_inline() {
    const POLICY: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'\">";
    let repo = Repo::sample();
    let output = build(&repo);
    assert!(output.status.success(), "{}", stderr(&output));
    let mut pages = Vec::new();
    files_under(&repo.path("public"), "html", &mut pages);
    let kinds = [
        "public/index.html",
        "public/404.html",
        "public/search/index.html",
        "public/units/index.html",
        "public/partners/index.html",
        "public/findings/index.html",
        "public/data/index.html",
        "public/lists/index.html",
    ];
    for kind in kinds {
        assert!(repo.path(kind).is_file(), "{kind}");
    }
    for page in &pages {
        let html = std::fs::read_to_string(page).expect("read page");
        let shown = page.display();
        assert!(html.contains(POLICY), "{shown} has no policy");
        let head_end = html.find("</head>").expect("a head");
        assert!(
            html.find(POLICY).unwrap() < head_end,
            "{shown}: policy outside the head"
        );
        for (at, _) in html.match_indices("<script") {
            let tag_end = at + html[at..].find('>').expect("tag closes");
            assert!(
                html[at..tag_end].contains(" src="),
                "{shown}: inline script"
            );
        }
        assert!(!html.contains("<style"), "{shown}: inline style element");
        assert!(!html.contains(" style="), "{shown}: style attribute");
        assert!(!html.contains("javascript:"), "{shown}: script address");
    }
}
