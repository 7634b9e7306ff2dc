//! The text of attached PDF documents: read at build time in a bounded
//! child process, cached by checksum, indexed with its pages; scans and
//! hostile files are warnings, never a failed build.

mod common;

use std::io::Write;
use std::time::{Duration, Instant};

use common::{Agreement, Run, SiteTest};
use lopdf::content::{Content, Operation};
use lopdf::{Document, Object, Stream, dictionary};

/// What one page of a generated PDF holds.
enum Page<'a> {
    Text(&'a str),
    /// An image and no text, as a scanner writes.
    Image,
}

fn pdf(pages: &[Page]) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let image = doc.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => 2, "Height" => 2,
            "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
        },
        vec![0, 255, 255, 0],
    ));
    let resources = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => font },
        "XObject" => dictionary! { "Im1" => image },
    });
    let mut kids = Vec::new();
    for page in pages {
        let operations = match page {
            Page::Text(text) => vec![
                Operation::new("BT", vec![]),
                Operation::new("Tf", vec!["F1".into(), 12.into()]),
                Operation::new("Td", vec![72.into(), 720.into()]),
                Operation::new("Tj", vec![Object::string_literal(*text)]),
                Operation::new("ET", vec![]),
            ],
            Page::Image => vec![
                Operation::new("q", vec![]),
                Operation::new(
                    "cm",
                    vec![
                        500.into(),
                        0.into(),
                        0.into(),
                        700.into(),
                        40.into(),
                        60.into(),
                    ],
                ),
                Operation::new("Do", vec!["Im1".into()]),
                Operation::new("Q", vec![]),
            ],
        };
        let content = Content { operations }.encode().expect("content encodes");
        let contents = doc.add_object(Stream::new(dictionary! {}, content));
        kids.push(Object::from(doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => contents,
            "Resources" => resources,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        })));
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("the PDF is written");
    bytes
}

/// Pages whose one content stream is a few kilobytes of deflated bytes
/// that inflate to tens of megabytes of drawing operators: reading them
/// takes the parser long past any sensible time and a gigabyte of memory.
fn hostile_pdf() -> Vec<u8> {
    let mut deflated = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    for _ in 0..(60 * 1024 * 1024 / 4096) {
        deflated.write_all(&b"q Q ".repeat(1024)).unwrap();
    }
    let bomb = deflated.finish().unwrap();
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let contents = doc.add_object(Stream::new(dictionary! { "Filter" => "FlateDecode" }, bomb));
    let kids: Vec<Object> = (0..50)
        .map(|_| {
            Object::from(doc.add_object(dictionary! {
                "Type" => "Page", "Parent" => pages_id, "Contents" => contents,
            }))
        })
        .collect();
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => 50 }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("the PDF is written");
    bytes
}

fn site() -> SiteTest {
    SiteTest::new()
        .agreement(
            Agreement::mou("2025-mou-untirta")
                .title("Nota Kesepahaman dengan Universitas Sultan Ageng Tirtayasa")
                .partner("Universitas Sultan Ageng Tirtayasa", "university")
                .signed("2025-03-01")
                .document_file("Naskah yang ditandatangani", "files/2025-mou-untirta.pdf"),
        )
        .file(
            "files/2025-mou-untirta.pdf",
            pdf(&[
                Page::Text("Nota Kesepahaman"),
                Page::Text("Pasal 2 Para pihak menyelenggarakan lokakarya jurnalistik"),
            ]),
        )
        .agreement(
            Agreement::mou("2025-mou-pindai")
                .title("Nota Kesepahaman dengan Universitas Terbuka")
                .partner("Universitas Terbuka", "university")
                .signed("2025-04-01")
                .document_file("Hasil pindai", "files/2025-mou-pindai.pdf"),
        )
        .file(
            "files/2025-mou-pindai.pdf",
            pdf(&[Page::Image, Page::Image]),
        )
}

fn build(site: &SiteTest, extra: &[&str]) -> Run {
    let out = site.repo.path("public");
    let mut args = vec![
        "build",
        "--today",
        common::TODAY,
        "--out",
        out.to_str().unwrap(),
        "--timings",
    ];
    args.extend_from_slice(extra);
    Run::new(site.repo.pakta(&args))
}

#[test]
fn a_word_on_page_two_is_indexed_with_its_page_and_the_page_text_is_published() {
    let site = site();
    let run = build(&site, &[]);
    run.success();
    let out = site.repo.path("public");
    let shard =
        std::fs::read_to_string(out.join("search/t/lok.json")).expect("the shard of lokakarya");
    let shard: serde_json::Value = serde_json::from_str(&shard).unwrap();
    let sets = shard["t"]["lokakarya"]
        .as_array()
        .expect("lokakarya is indexed");
    assert_eq!(
        sets.len(),
        5,
        "{sets:?}: title, meta, body, documents, pages"
    );
    assert_eq!(sets[0], 0);
    assert_eq!(sets[2], 0, "the agreement's own text does not hold it");
    assert_eq!(sets[4], serde_json::json!([2]), "found on page 2");
    let doc = sets[3][0].as_u64().unwrap();
    let pages = std::fs::read_to_string(out.join(format!("search/x/{doc}.json"))).unwrap();
    let pages: serde_json::Value = serde_json::from_str(&pages).unwrap();
    let page = pages[0][1].as_str().expect("page 2 of the first document");
    assert!(page.contains("lokakarya jurnalistik"), "{page}");
    let manifest = std::fs::read_to_string(out.join("search/manifest.json")).unwrap();
    assert!(manifest.contains("\"version\":4"), "{manifest}");
    let chunk = std::fs::read_to_string(out.join(format!("search/d/{}.json", doc / 8))).unwrap();
    assert!(
        chunk.contains("[\"files/2025-mou-untirta.pdf\"]"),
        "{chunk}"
    );
}

#[test]
fn a_scan_is_one_warning_at_its_entry_and_a_mark_on_its_page() {
    let site = site();
    let run = build(&site, &[]);
    run.success();
    let stderr = run.stderr();
    assert_eq!(
        stderr.matches("warning[document-without-text]").count(),
        1,
        "{stderr}"
    );
    let text = site.repo.read("agreements/2025-mou-pindai.md");
    let (line, column) = common::position(&text, "[[documents]]");
    assert!(
        stderr.contains(&format!("agreements/2025-mou-pindai.md:{line}:{column}")),
        "{stderr}"
    );
    assert!(
        stderr.contains("files/2025-mou-pindai.pdf has no text layer"),
        "{stderr}"
    );
    let page =
        std::fs::read_to_string(site.repo.path("public/2025-mou-pindai/index.html")).unwrap();
    assert!(
        page.contains("Gambar hasil pindai tanpa teks"),
        "the mark on the page"
    );
    let other =
        std::fs::read_to_string(site.repo.path("public/2025-mou-untirta/index.html")).unwrap();
    assert!(!other.contains("Gambar hasil pindai tanpa teks"));
}

#[test]
fn a_second_build_reads_every_document_from_the_cache() {
    let site = site();
    let first = build(&site, &[]);
    first
        .success()
        .stderr_contains("2 documents read, 0 from the cache");
    let second = build(&site, &[]);
    second
        .success()
        .stderr_contains("0 documents read, 2 from the cache");
    // The scan's warning stands on a warm cache too.
    assert!(second.stderr().contains("warning[document-without-text]"));
    assert_eq!(
        std::fs::read_dir(site.repo.path(".pakta-cache/pdf-text"))
            .unwrap()
            .count(),
        2,
        "one entry per checksum, no temporary files left"
    );
}

#[test]
fn a_corrupt_or_old_cache_entry_is_read_again() {
    let site = site();
    build(&site, &[]).success();
    for entry in std::fs::read_dir(site.repo.path(".pakta-cache/pdf-text")).unwrap() {
        std::fs::write(entry.unwrap().path(), b"{\"format\":1,\"sha").unwrap();
    }
    build(&site, &[])
        .success()
        .stderr_contains("2 documents read, 0 from the cache");
    build(&site, &[])
        .success()
        .stderr_contains("0 documents read, 2 from the cache");
}

#[test]
fn a_cache_folder_elsewhere_is_used_and_one_inside_the_output_is_refused() {
    let site = site();
    let elsewhere = site.repo.path("cache-elsewhere");
    build(&site, &["--cache-dir", elsewhere.to_str().unwrap()]).success();
    assert!(elsewhere.join("pdf-text").is_dir());
    assert!(!site.repo.path(".pakta-cache").exists());
    let inside = site.repo.path("public/cache");
    let refused = build(&site, &["--cache-dir", inside.to_str().unwrap()]);
    refused
        .exit_status(2)
        .stderr_contains("is inside the output folder");
    let refused = build(&site, &["--pdf-time-limit=-1"]);
    refused
        .exit_status(2)
        .stderr_contains("--pdf-time-limit -1");
}

#[test]
fn a_hostile_document_is_stopped_by_its_bound_and_the_build_goes_on() {
    let site = site()
        .agreement(
            Agreement::mou("2025-mou-bom")
                .title("Nota Kesepahaman dengan Lembaga Uji")
                .partner("Lembaga Uji", "ngo")
                .signed("2025-05-01")
                .document_file("Naskah", "files/2025-mou-bom.pdf"),
        )
        .file("files/2025-mou-bom.pdf", hostile_pdf())
        .file("files/tidak-pdf.pdf", "this is not a PDF")
        .agreement(
            Agreement::mou("2025-mou-rusak")
                .title("Nota Kesepahaman dengan Lembaga Rusak")
                .partner("Lembaga Rusak", "ngo")
                .signed("2025-05-02")
                .document_file("Naskah", "files/tidak-pdf.pdf"),
        );
    let started = Instant::now();
    let run = build(&site, &["--pdf-time-limit", "3"]);
    assert!(started.elapsed() < Duration::from_secs(120));
    run.success();
    let stderr = run.stderr();
    assert!(
        stderr.contains("files/2025-mou-bom.pdf took longer than 3 s")
            || stderr.contains("files/2025-mou-bom.pdf could not be read"),
        "{stderr}"
    );
    assert!(
        stderr.contains("files/tidak-pdf.pdf could not be read as a PDF"),
        "{stderr}"
    );
    assert_eq!(
        stderr.matches("warning[document-text-unreadable]").count(),
        2,
        "{stderr}"
    );
    // The other documents are still searchable.
    assert!(site.repo.path("public/search/t/lok.json").is_file());
    // The outcome is kept: the next build does not wait for it again.
    let started = Instant::now();
    build(&site, &["--pdf-time-limit", "3"])
        .success()
        .stderr_contains("0 documents read, 4 from the cache");
    assert!(started.elapsed() < Duration::from_secs(60));
}
