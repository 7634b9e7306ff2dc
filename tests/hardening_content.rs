//! What an agreement's own content can do to the site: numbers that would
//! wrap a total, document names a browser would misread, texts that would
//! exhaust memory, and links in texts that lead nowhere or track readers.

mod common;

use std::collections::BTreeSet;

use common::{Repo, TODAY, VALID_AGREEMENT, position, stderr};
use serde_json::Value;

const FILE: &str = "agreements/2025-mou-uns.md";

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

/// The fixture with `extra` added to its front matter, before the `+++`
/// that closes it.
fn with_front(extra: &str) -> String {
    VALID_AGREEMENT.replacen("+++\n\nKerja", &format!("{extra}\n+++\n\nKerja"), 1)
}

/// The fixture with its body replaced by `body`.
fn with_body(body: &str) -> String {
    let end = VALID_AGREEMENT.rfind("+++\n").expect("front matter closes");
    format!("{}+++\n\n{body}\n", &VALID_AGREEMENT[..end])
}

/// Where each diagnostic of `code` is, as (line, column).
fn located(diagnostics: &[Value], code: &str) -> Vec<(u64, u64)> {
    diagnostics
        .iter()
        .filter(|d| d["code"] == code)
        .map(|d| (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap()))
        .collect()
}

/// Percent escapes decoded, as a web server reads a path.
fn percent_decoded(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = path.get(i + 1..i + 3)
            && let Ok(byte) = u8::from_str_radix(hex, 16)
        {
            decoded.push(byte);
            i += 3;
            continue;
        }
        decoded.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(decoded).expect("escapes of UTF-8")
}

#[test]
fn participant_counts_are_bounded_so_totals_cannot_wrap() {
    let activities = [i64::MAX, i64::MAX, 2]
        .iter()
        .enumerate()
        .map(|(i, n)| {
            format!("\n[[activities]]\ndate = 2026-10-0{}\ntitle = \"Kegiatan {i}\"\nparticipants = {n}\n", i + 2)
        })
        .collect::<String>();
    let content = with_front(&activities);
    let repo = Repo::minimal();
    repo.write(FILE, &content);
    let (status, diagnostics) = repo.check_json();
    assert_eq!(status, 1, "{diagnostics:#?}");
    let too_large: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["code"] == "invalid-value")
        .collect();
    assert_eq!(too_large.len(), 2, "{diagnostics:#?}");
    let (line, column) = position(&content, "9223372036854775807");
    assert_eq!(
        (
            too_large[0]["line"].as_u64(),
            too_large[0]["column"].as_u64()
        ),
        (Some(line), Some(column)),
        "{too_large:#?}"
    );
    assert!(
        too_large[0]["message"]
            .as_str()
            .unwrap()
            .contains("at most 10000000"),
        "{too_large:#?}"
    );
    let built = build(&repo);
    assert_eq!(built.status.code(), Some(1), "{}", stderr(&built));

    // At the bound, the counts add up exactly.
    let activities = (0..3)
        .map(|i| {
            format!("\n[[activities]]\ndate = 2026-10-0{}\ntitle = \"Kegiatan {i}\"\nparticipants = 10_000_000\n", i + 2)
        })
        .collect::<String>();
    repo.write(FILE, with_front(&activities));
    repo.git(&["init", "-q"]);
    repo.commit("Kegiatan");
    let report = repo.pakta(&[
        "report", "--unit", ".", "--month", "2026-10", "--today", TODAY, "--format", "json",
    ]);
    assert_eq!(report.status.code(), Some(0), "{}", stderr(&report));
    let json = common::stdout(&report);
    assert!(json.contains("30000000"), "{json}");
}

#[test]
fn document_links_lead_to_the_copied_files_whatever_their_names() {
    let names = [
        "x#y.pdf",
        "a?b.pdf",
        "%41.pdf",
        "dengan spasi.pdf",
        "laporan-akhir-é.pdf",
        "sub folder/c&d+e.pdf",
    ];
    let documents: String = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            format!("\n[[documents]]\ntitle = \"Naskah {i}\"\nfile = \"files/{name}\"\n")
        })
        .collect();
    let evidence = "\n[[activities]]\ndate = 2026-10-02\ntitle = \"Rapat\"\n\
                    evidence = { file = \"files/x#y.pdf\" }\n";
    let repo = Repo::minimal();
    repo.write(FILE, with_front(&format!("{documents}{evidence}")));
    for name in names {
        repo.write(&format!("files/{name}"), format!("%PDF-1.4 {name}"));
    }
    let built = build(&repo);
    assert_eq!(built.status.code(), Some(0), "{}", stderr(&built));
    let out = repo.path("public");
    let page = std::fs::read_to_string(out.join("2025-mou-uns/index.html"))
        .or_else(|_| std::fs::read_to_string(out.join("agreements/2025-mou-uns/index.html")))
        .expect("the agreement's page");
    let mut resolved = BTreeSet::new();
    for rest in page.split("href=\"").skip(1) {
        let link = rest[..rest.find('"').unwrap()].replace("&amp;", "&");
        let Some(path) = link.strip_prefix("/kerjasama/files/") else {
            continue;
        };
        assert!(
            !path.contains(['#', '?', ' ']),
            "{link} is cut short by a browser"
        );
        let file = out.join("files").join(percent_decoded(path));
        assert!(file.is_file(), "{link} leads to no file");
        resolved.insert(file);
    }
    let expected: BTreeSet<_> = names.iter().map(|n| out.join("files").join(n)).collect();
    assert_eq!(resolved, expected);
}

#[test]
fn an_agreement_over_512_kib_is_refused_before_its_markdown_is_rendered() {
    // `[a](` repeated once cost a build about 270 bytes per byte of text.
    const LIMIT: usize = 512 * 1024;
    let repo = Repo::minimal();
    let at_limit = with_body("");
    let at_limit = with_body(&"[a](".repeat((LIMIT - at_limit.len()) / 4));
    assert!(at_limit.len() <= LIMIT);
    repo.write(FILE, &at_limit);
    let (status, diagnostics) = repo.check_json();
    assert_eq!(status, 0, "{diagnostics:#?}");

    let over = with_body(&"[a](".repeat(LIMIT / 4));
    repo.write(FILE, &over);
    let (status, diagnostics) = repo.check_json();
    assert_eq!(status, 1, "{diagnostics:#?}");
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let d = &diagnostics[0];
    assert_eq!(d["code"], "agreement-too-large");
    assert_eq!(
        (d["file"].as_str(), d["line"].as_u64()),
        (Some(FILE), Some(1))
    );
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains(&format!("{} bytes", over.len())),
        "{d}"
    );
    let built = build(&repo);
    assert_eq!(built.status.code(), Some(1), "{}", stderr(&built));
    assert!(!repo.path("public").exists());
}

/// An agreement whose text links to what the site publishes, and to two
/// places it does not.
fn linking_repository() -> (Repo, String) {
    let body = "Naskah [lengkap](../files/naskah%20final.pdf) dan [MoU lain](../2024-mou-lain/).\n\n\
                Lihat [daftar](../lists/), [unit](../units/) dan [beranda](../).\n\n\
                Piksel ![](https://tracker.example/p.gif) dan [rahasia](../2024-mou-rahasia/).\n\n\
                Juga [ini](../../../etc/passwd).\n";
    let end = VALID_AGREEMENT.rfind("+++\n").expect("front matter closes");
    let content = format!(
        "{}\n[[documents]]\ntitle = \"Naskah\"\nfile = \"files/naskah final.pdf\"\n+++\n\n{body}",
        &VALID_AGREEMENT[..end]
    );
    let repo = Repo::minimal();
    repo.write(FILE, &content)
        .write("files/naskah final.pdf", "%PDF-1.4")
        .write(
            "agreements/2024-mou-lain.md",
            VALID_AGREEMENT.replace("01/PR.07-NK/01/2025", "02/PR.07-NK/01/2024"),
        )
        .write(
            "agreements/2024-mou-rahasia.md",
            VALID_AGREEMENT
                .replace("01/PR.07-NK/01/2025", "03/PR.07-NK/01/2024")
                .replacen("kind = \"mou\"", "kind = \"mou\"\npublic = false", 1),
        );
    (repo, content)
}

#[test]
fn external_images_and_links_to_nothing_in_texts_are_warned_about_where_written() {
    let (repo, content) = linking_repository();
    let (status, diagnostics) = repo.check_json();
    assert_eq!(status, 0, "warnings only: {diagnostics:#?}");
    assert_eq!(
        located(&diagnostics, "external-image"),
        [position(&content, "![](https://tracker")]
    );
    assert_eq!(
        located(&diagnostics, "dead-link"),
        [
            position(&content, "[rahasia]"),
            position(&content, "[ini](../../../etc/passwd)")
        ]
    );
    assert_eq!(diagnostics.len(), 3, "{diagnostics:#?}");
    let dead = diagnostics
        .iter()
        .find(|d| d["code"] == "dead-link")
        .unwrap();
    assert!(
        dead["message"]
            .as_str()
            .unwrap()
            .contains("../2024-mou-rahasia/"),
        "{dead}"
    );
}
