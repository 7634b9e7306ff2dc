//! The published open data (`data/agreements.json.gz`, `pakta data`) is a stable interface: its shape — every field path with
//! its JSON types — is pinned in `tests/snapshots/open_data_shape.snap`
//! together with the schema version. A change to the shape fails here
//! until `SCHEMA_VERSION` in `src/data.rs` is raised and the snapshot
//! refreshed (`INSTA_UPDATE=always cargo test --test open_data`).

mod common;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use common::{Agreement, SiteTest, Unit};

/// Agreements that between them fill every field the data can carry, so
/// that the shape seen is the whole shape.
fn everything() -> SiteTest {
    SiteTest::new()
        .today("2026-11-01")
        .unit(Unit::province("jawa-tengah", "KPU Provinsi Jawa Tengah"))
        .file("files/naskah.txt", "Naskah.\n")
        .file(
            "partners/undip.toml",
            "name = \"Universitas Diponegoro\"\nacronym = \"UNDIP\"\n",
        )
        .agreement(
            Agreement::mou("2023-mou-lama")
                .number("07/2023")
                .signed("2023-01-10")
                .duration_months(24)
                .partner("Universitas Diponegoro", "university"),
        )
        .agreement(
            Agreement::mou("2025-mou-lengkap")
                .number("01/2025")
                .field("scope", "\"foreign\"")
                .topics(&["pemilu"])
                .summary("Ringkasan.")
                .renews("2023-mou-lama")
                .planning("2024-10-01")
                .date("drafting", "2024-11-01")
                .date("negotiation", "2024-12-01")
                .date("approval", "2025-01-01")
                .signed("2025-01-10")
                .date("starts", "2025-01-11")
                .expires("2028-01-10")
                .terminated("2027-06-30")
                .table(
                    "partners",
                    &[
                        ("name", "\"Lembaga Internasional\""),
                        ("category", "\"international\""),
                        ("signatory", "\"Direktur\""),
                        ("signatory_title", "\"Direktur Eksekutif\""),
                        ("number", "\"X-1\""),
                        ("website", "\"https://example.org\""),
                    ],
                )
                .table(
                    "activities",
                    &[
                        ("date", "2025-05-01"),
                        ("title", "\"Lokakarya\""),
                        ("description", "\"Uraian.\""),
                        ("url", "\"https://example.org/lokakarya\""),
                    ],
                )
                .table(
                    "evaluations",
                    &[
                        ("date", "2026-01-05"),
                        ("result", "\"partial\""),
                        ("notes", "\"Catatan.\""),
                        ("obstacles", "\"Kendala.\""),
                    ],
                )
                .document_url("Berita", "https://example.org/berita")
                .document_file("Naskah", "files/naskah.txt"),
        )
        .agreement(
            Agreement::pks("2025-pks-anak")
                .in_unit("jawa-tengah")
                .parent("2025-mou-lengkap")
                .signed("2025-02-01")
                .expires("2026-01-31")
                .partner("Lembaga Internasional", "international"),
        )
        .agreement(
            Agreement::mou("2026-mou-rencana")
                .planning("2026-09-01")
                .partner("Universitas Negeri Semarang", "university"),
        )
        .agreement(
            Agreement::addendum("2025-addendum-ubah")
                .amends("2025-mou-lengkap")
                .signed("2025-03-01")
                .partner("Lembaga Internasional", "international"),
        )
}

/// Every field path (`agreements[].dates.signed`) with the JSON types
/// found there, one line each, sorted.
fn shape<'a>(documents: impl IntoIterator<Item = &'a Value>) -> String {
    let mut found: BTreeMap<String, BTreeSet<&'static str>> = BTreeMap::new();
    for document in documents {
        walk(document, String::new(), &mut found);
    }
    found
        .iter()
        .map(|(path, types)| {
            let types: Vec<&str> = types.iter().copied().collect();
            format!("{path}: {}\n", types.join(" | "))
        })
        .collect()
}

fn walk(value: &Value, path: String, found: &mut BTreeMap<String, BTreeSet<&'static str>>) {
    let kind = match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(items) => {
            for item in items {
                walk(item, format!("{path}[]"), found);
            }
            "array"
        }
        Value::Object(fields) => {
            for (key, field) in fields {
                let inner = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                walk(field, inner, found);
            }
            "object"
        }
    };
    let at = if path.is_empty() { "(document)" } else { &path };
    found.entry(at.to_string()).or_default().insert(kind);
}

/// What the published files look like now, as the pinned text.
fn published_shape() -> (u64, String) {
    let site = everything();
    let data = site.check(&[]);
    data.success();
    let output = site.repo.pakta(&["data", "--today", "2026-11-01"]);
    assert!(output.status.success(), "{}", common::stderr(&output));
    let document: Value = serde_json::from_slice(&output.stdout).expect("pakta data prints JSON");
    let built = site.build();
    built.success();
    let published: Value = serde_json::from_str(&built.read_gzip("data/agreements.json.gz"))
        .expect("the site's JSON parses");
    assert_eq!(
        published, document,
        "the site publishes what `pakta data` prints"
    );
    let version = document["schema_version"]
        .as_u64()
        .expect("the data document carries schema_version");
    let text = format!(
        "schema_version: {version}\n\n# data/agreements.json\n{}",
        shape([&document])
    );
    (version, text)
}

/// The version and the shape lines of the committed snapshot, if any.
fn pinned() -> Option<(u64, String)> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots/open_data_shape.snap");
    let snapshot = std::fs::read_to_string(path).ok()?;
    // The snapshot's own header ends at its second `---` line.
    let body = snapshot.splitn(3, "---\n").nth(2)?;
    let version = body
        .lines()
        .next()?
        .strip_prefix("schema_version: ")?
        .parse()
        .ok()?;
    let shape = body.split_once("\n\n")?.1.to_string();
    Some((version, shape))
}

#[test]
fn the_published_shape_changes_only_with_a_new_schema_version() {
    let (version, text) = published_shape();
    if let Some((pinned_version, pinned_shape)) = pinned() {
        let shape = text.split_once("\n\n").expect("version, then shape").1;
        assert!(
            shape.trim_end() == pinned_shape.trim_end() || version != pinned_version,
            "the shape of the published open data changed but schema_version is still \
             {version}: raise SCHEMA_VERSION in src/data.rs, describe the change in \
             docs/open-data.md (Versioning), then refresh the snapshot with \
             `INSTA_UPDATE=always cargo test --test open_data`"
        );
    }
    common::assert_snapshot("open_data_shape", &text);
}

/// The field names docs/open-data.md's `pakta data` section lists: the backticked
/// words of its paragraph describing the record (`null` is a value).
/// Only that paragraph counts, so a field named elsewhere in the document
/// (`id`, `title` ...) is not taken for documented.
fn fields_in_the_open_data_document() -> BTreeSet<String> {
    let document = std::fs::read_to_string(common::sample_root().join("docs/open-data.md"))
        .expect("docs/open-data.md");
    let section = document
        .split("\n## Data (`pakta data`)\n")
        .nth(1)
        .expect("docs/open-data.md has a Data section");
    let record = section
        .split("\n\n")
        .find(|paragraph| paragraph.contains("holds one object per public agreement"))
        .expect("the paragraph describing the record");
    record
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|word| {
            *word != "null"
                && word.starts_with(|c: char| c.is_ascii_lowercase())
                && word
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn every_published_field_is_named_in_the_open_data_document() {
    let (_, text) = published_shape();
    let published: BTreeSet<String> = text
        .lines()
        .filter_map(|line| line.split_once(": ").map(|(path, _)| path))
        .filter(|path| !path.starts_with('#') && !path.starts_with('('))
        .map(|path| path.rsplit(['.', ']']).next().unwrap_or(path))
        .filter(|field| !field.is_empty())
        .map(str::to_string)
        .collect();
    let documented = fields_in_the_open_data_document();
    let undocumented: Vec<&String> = published.difference(&documented).collect();
    assert!(
        undocumented.is_empty(),
        "docs/open-data.md does not name these published fields: {undocumented:?}"
    );
}

/// A public agreement that names a private one in `parent`, `renews` or
/// `amends` publishes the reference nowhere: the id is the file name and
/// can say what the private agreement is. `check` warns the editor.
#[test]
fn a_reference_to_a_private_agreement_is_published_nowhere_and_warned_about() {
    const SECRET: &str = "2025-mou-rahasia-penyelidikan";
    let site = SiteTest::new()
        .today("2026-11-01")
        .agreement(
            Agreement::mou(SECRET)
                .signed("2025-01-10")
                .duration_months(36)
                .partner("Lembaga Rahasia", "other")
                .private(),
        )
        .agreement(
            Agreement::pks("2025-pks-terbuka")
                .parent(SECRET)
                .signed("2025-02-01")
                .expires("2027-01-31")
                .partner("Universitas Terbuka", "university"),
        )
        .agreement(
            Agreement::mou("2026-mou-lanjutan")
                .renews(SECRET)
                .signed("2026-01-15")
                .expires("2028-01-14")
                .partner("Universitas Terbuka", "university"),
        )
        .agreement(
            Agreement::addendum("2025-addendum-terbuka")
                .amends(SECRET)
                .signed("2025-03-01")
                .partner("Universitas Terbuka", "university"),
        );

    let (status, diagnostics) = site.repo.check_json();
    assert_eq!(status, 0, "{diagnostics:#?}");
    let warned: Vec<(&str, &str)> = diagnostics
        .iter()
        .filter(|d| d["code"] == "reference-to-private")
        .map(|d| {
            assert_eq!(d["severity"], "warning", "{d}");
            (
                d["file"].as_str().unwrap_or_default(),
                d["message"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(warned.len(), 3, "{diagnostics:#?}");
    let pks = site.repo.read("agreements/2025-pks-terbuka.md");
    let (line, column) = common::position(&pks, &format!("\"{SECRET}\""));
    let at_parent = diagnostics
        .iter()
        .find(|d| d["code"] == "reference-to-private" && d["line"] == line)
        .expect("the warning points at the parent's value");
    assert_eq!(at_parent["column"], column, "{at_parent}");
    for (key, file) in [
        ("parent", "agreements/2025-pks-terbuka.md"),
        ("renews", "agreements/2026-mou-lanjutan.md"),
        ("amends", "agreements/2025-addendum-terbuka.md"),
    ] {
        assert!(
            warned
                .iter()
                .any(|(f, m)| f.ends_with(file) && m.contains(&format!("`{key}`"))),
            "no warning about `{key}` in {file}: {warned:#?}"
        );
    }

    let printed = site.repo.pakta(&["data", "--today", "2026-11-01"]);
    assert!(printed.status.success(), "{}", common::stderr(&printed));
    let printed = common::stdout(&printed);
    assert!(!printed.contains(SECRET), "pakta data names it:\n{printed}");
    let document: Value = serde_json::from_str(&printed).expect("pakta data prints JSON");
    for record in document["agreements"].as_array().expect("agreements") {
        for key in ["parent", "renews", "amends"] {
            assert!(record[key].is_null(), "{key} published: {record}");
        }
    }

    let built = site.build();
    built.success();
    for file in built.file_list() {
        let path = built.out.join(&file);
        let bytes = std::fs::read(&path).expect("built file");
        let text = if file.ends_with(".gz") {
            common::gunzip(&path)
        } else {
            String::from_utf8_lossy(&bytes).into_owned()
        };
        assert!(!text.contains(SECRET), "{file} names the private agreement");
    }
}

/// `[data] license` names the licence of every download: the data page,
/// the Data Package and the DCAT catalog state it. Anything but one of
/// the open licences pakta knows is a located error in `pakta.toml`.
#[test]
fn the_data_licence_is_stated_everywhere_and_checked() {
    let config = format!("{}\n[data]\nlicense = \"CC0-1.0\"\n", common::CONFIG);
    let site = SiteTest::new().config(&config).agreement(
        Agreement::mou("2025-mou-satu")
            .signed("2025-01-10")
            .partner("Universitas Terbuka", "university"),
    );
    let built = site.build();
    built.success();
    let zero = "https://creativecommons.org/publicdomain/zero/1.0/";
    assert!(built.read("data/index.html").contains(zero));
    let package: Value = serde_json::from_str(&built.read("data/datapackage.json")).unwrap();
    assert_eq!(package["licenses"][0]["name"], "CC0-1.0", "{package}");
    assert_eq!(package["licenses"][0]["path"], zero);
    let catalog: Value = serde_json::from_str(&built.read("data/catalog.jsonld")).unwrap();
    assert_eq!(catalog["dct:license"]["@id"], zero);
    for dataset in catalog["dcat:dataset"].as_array().expect("datasets") {
        assert_eq!(dataset["dct:license"]["@id"], zero, "{dataset}");
    }

    let wrong = format!("{}\n[data]\nlicense = \"MIT\"\n", common::CONFIG);
    site.repo.write("pakta.toml", &wrong);
    let (status, diagnostics) = site.repo.check_json();
    assert_ne!(status, 0, "{diagnostics:#?}");
    let (line, column) = common::position(&wrong, "\"MIT\"");
    let found = diagnostics
        .iter()
        .find(|d| d["file"] == "pakta.toml")
        .unwrap_or_else(|| panic!("no error in pakta.toml: {diagnostics:#?}"));
    assert_eq!(found["severity"], "error", "{found}");
    assert_eq!(
        (found["line"].as_u64(), found["column"].as_u64()),
        (Some(line), Some(column))
    );
    assert!(
        found["message"]
            .as_str()
            .unwrap_or_default()
            .contains("CC-BY-4.0"),
        "{found}"
    );
}

/// Each unit's own downloads hold exactly the public agreements of the
/// unit and the units below it, in the same shape and columns as the
/// site's, are linked from the unit's page and are distributions of the
/// unit's dataset in the catalog.
#[test]
fn a_units_downloads_hold_its_subtrees_public_agreements() {
    let site = SiteTest::new()
        .unit(Unit::province("jawa-tengah", "KPU Provinsi Jawa Tengah"))
        .unit(Unit::regency("jawa-tengah/sragen", "KPU Kabupaten Sragen"))
        .unit(Unit::province("bali", "KPU Provinsi Bali"))
        .agreement(
            Agreement::mou("2025-mou-nasional")
                .signed("2025-01-10")
                .partner("Universitas Terbuka", "university"),
        )
        .agreement(
            Agreement::mou("2025-mou-provinsi")
                .in_unit("jawa-tengah")
                .signed("2025-02-10")
                .partner("Universitas Diponegoro", "university"),
        )
        .agreement(
            Agreement::mou("2025-mou-kabupaten")
                .in_unit("jawa-tengah/sragen")
                .signed("2025-03-10")
                .partner("Universitas Sragen", "university"),
        )
        .agreement(
            Agreement::mou("2025-mou-tertutup")
                .in_unit("jawa-tengah/sragen")
                .signed("2025-03-11")
                .partner("Lembaga Tertutup", "other")
                .private(),
        )
        .agreement(
            Agreement::mou("2025-mou-bali")
                .in_unit("bali")
                .signed("2025-04-10")
                .partner("Universitas Udayana", "university"),
        );
    let built = site.build();
    built.success();
    let expected = [
        "jawa-tengah/2025-mou-provinsi",
        "jawa-tengah/sragen/2025-mou-kabupaten",
    ];

    let site_document: Value =
        serde_json::from_str(&common::gunzip(&built.out.join("data/agreements.json.gz"))).unwrap();
    let document: Value = serde_json::from_str(&common::gunzip(
        &built.out.join("units/jawa-tengah/agreements.json.gz"),
    ))
    .expect("the unit's document is JSON");
    assert_eq!(document["schema_version"], site_document["schema_version"]);
    assert_eq!(document["generated_on"], site_document["generated_on"]);
    let records = document["agreements"].as_array().expect("agreements");
    let ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, expected);
    for record in records {
        let same = site_document["agreements"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == record["id"])
            .expect("in the site's document");
        assert_eq!(record, same, "the same record as the site's");
    }

    let site_csv = built.read("data/agreements.csv");
    let csv = built.read("units/jawa-tengah/agreements.csv");
    assert!(
        csv.starts_with('\u{feff}'),
        "a byte-order mark, as the site's"
    );
    let header = |text: &str| text.lines().next().unwrap_or_default().to_string();
    assert_eq!(header(&csv), header(&site_csv), "the same columns");
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert_eq!(rows.len(), expected.len(), "{csv}");
    for (row, id) in rows.iter().zip(expected) {
        assert!(row.starts_with(&format!("\"{id}\",")), "{row}");
        assert!(site_csv.lines().any(|line| line == *row), "{row}");
    }
    let regency = built.read("units/jawa-tengah/sragen/agreements.csv");
    assert_eq!(regency.lines().count(), 2, "{regency}");

    let page = built.read("units/jawa-tengah/index.html");
    for file in ["agreements.json.gz", "agreements.csv"] {
        let href = format!("href=\"/kerjasama/units/jawa-tengah/{file}\"");
        assert!(page.contains(&href), "the unit page links {file}");
    }
    let root = built.read("units/index.html");
    assert!(root.contains("href=\"/kerjasama/data/agreements.csv\""));
    assert!(!built.out.join("units/agreements.csv").exists());

    let catalog: Value = serde_json::from_str(&built.read("data/catalog.jsonld")).unwrap();
    let dataset = catalog["dcat:dataset"]
        .as_array()
        .expect("datasets")
        .iter()
        .find(|d| d["@id"] == "https://example.org/kerjasama/units/jawa-tengah/#dataset")
        .unwrap_or_else(|| panic!("no dataset of the province: {catalog:#}"));
    let urls: Vec<&str> = dataset["dcat:distribution"]
        .as_array()
        .expect("distributions")
        .iter()
        .map(|d| d["dcat:downloadURL"]["@id"].as_str().unwrap())
        .collect();
    for file in ["agreements.json.gz", "agreements.csv"] {
        let url = format!("https://example.org/kerjasama/units/jawa-tengah/{file}");
        assert!(urls.contains(&url.as_str()), "{urls:?}");
        assert!(
            built
                .out
                .join(format!("units/jawa-tengah/{file}"))
                .is_file()
        );
    }
}

/// The data dictionary, linked from the data page, names every field of
/// the bulk record in `schema.json` and every field of every table's
/// Table Schema in the Data Package, with its meaning in
/// both languages, a coded field's values with their labels, and an
/// example from the data.
#[test]
fn the_data_dictionary_names_every_field_of_the_record_and_the_tables() {
    let site = everything();
    let built = site.build();
    built.success();
    assert!(
        built
            .read("data/index.html")
            .contains("href=\"/kerjasama/data/dictionary/\""),
        "the data page links the dictionary"
    );
    let page = built.read("data/dictionary/index.html");
    let package: Value = serde_json::from_str(&built.read("data/datapackage.json")).unwrap();
    let resources = package["resources"].as_array().expect("resources");
    assert_eq!(resources.len(), 5);
    for resource in resources {
        let table = resource["name"].as_str().unwrap();
        for field in resource["schema"]["fields"].as_array().expect("fields") {
            let name = field["name"].as_str().unwrap();
            let row = format!("<tr id=\"{table}-{name}\"><th scope=\"row\"><code>{name}</code>");
            assert!(page.contains(&row), "{table}.{name} is not on the page");
        }
    }
    let schema: Value = serde_json::from_str(&built.read("data/schema.json")).unwrap();
    let record = &schema["$defs"]["AgreementRecord"]["properties"];
    for field in record.as_object().expect("the record's fields").keys() {
        let row = format!("<tr id=\"bulk-{field}\"><th scope=\"row\"><code>{field}</code>");
        assert!(
            page.contains(&row),
            "{field} of the bulk record is not on the page"
        );
    }
    for nested in [
        "dates.signed",
        "partners[].category",
        "evaluations[].period.from",
    ] {
        assert!(
            page.contains(&format!("<tr id=\"bulk-{nested}\"")),
            "{nested}"
        );
    }
    let row = |id: &str| {
        let start = page.find(&format!("<tr id=\"{id}\"")).expect(id);
        page[start..start + page[start..].find("</tr>").unwrap()].to_string()
    };
    let kind = row("agreements-kind");
    assert!(kind.contains("Jenis perjanjian."), "{kind}");
    assert!(kind.contains("The kind of agreement."), "{kind}");
    assert!(kind.contains("<code>pks</code>"), "{kind}");
    assert!(kind.contains("<code>mou</code>"), "the example: {kind}");
    let label = row("agreements-kind_label");
    assert!(label.contains("kind"), "{label}");
    let signed = row("agreements-signed");
    assert!(signed.contains("<code>2023-01-10</code>"), "{signed}");
    let status = row("bulk-status");
    assert!(status.contains("<code>expired</code>"), "{status}");
    assert!(status.contains("Status as of the build date"), "{status}");
    let category = row("bulk-partners[].category");
    assert!(category.contains("<code>university</code>"), "{category}");
}
